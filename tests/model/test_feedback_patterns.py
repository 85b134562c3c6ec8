"""Patterns: the recurring rule at its edges (and across month ends and leap days), open
complaints at theirs, counts that carry the items behind them, the month's report."""

from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_patterns as fp
from cscoach.model import feedback_report as fr
from cscoach.model import feedback_themes as th
from cscoach.model import standards, team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2030, 12, 31)


def theme(wb: Workbook, name: str) -> int:
    found = th.find_theme(wb, name)
    assert found is not None
    return found.id


def add(wb: Workbook, day: str | dt.date, kind: str = "complaint", *themes: int, **more) -> int:
    return fe.add_item(
        wb, fb.FeedbackInput(day, kind, f"{kind} on {day}", theme_ids=themes, **more), today=TODAY
    )


def days_after(start: str, *offsets: int) -> list[str]:
    first = dt.date.fromisoformat(start)
    return [(first + dt.timedelta(days=n)).isoformat() for n in offsets]


def recurring(wb: Workbook, **kw) -> dict[str, list[tuple[str, str, int]]]:
    return {
        r.name: [(s.first, s.last, s.count) for s in r.spells]
        for r in fp.recurring_themes(wb, **kw)
    }


# -- the recurring rule ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ((0, 15, 29), True),  # 29 days apart: inside 30 days
        ((0, 15, 30), False),  # 30 days apart: a 31-day window
        ((0, 0, 0), True),  # three on one day
        ((0, 29), False),  # two are not three
        ((0, 15, 30, 31), True),  # 15, 30, 31 are
    ],
)
def test_three_within_thirty_days_at_the_edges(workbook: Workbook, offsets, expected) -> None:
    wait = theme(workbook, "Wait time")
    for day in days_after("2026-03-10", *offsets):
        add(workbook, day, "complaint", wait)
    assert bool(recurring(workbook)) is expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # Leap year: January 31 to March 1 is 30 days (29 February between): not within 30
        (("2028-01-31", "2028-02-15", "2028-03-01"), False),
        # …and 29 days in a common year: within 30
        (("2027-01-31", "2027-02-15", "2027-03-01"), True),
        # 29 February itself counts like any day: 1 Feb to 1 Mar 2028 is 29 days
        (("2028-02-01", "2028-02-29", "2028-03-01"), True),
        # across a year end: 2 December to 31 December is 29 days
        (("2026-12-02", "2026-12-31", "2026-12-31"), True),
        (("2026-12-03", "2026-12-20", "2027-01-01"), True),  # 29 days
        (("2026-12-02", "2026-12-20", "2027-01-01"), False),  # 30 days
        # month ends: 31 March to 29 April is 29 days; to 30 April, 30
        (("2026-03-31", "2026-04-15", "2026-04-29"), True),
        (("2026-03-31", "2026-04-15", "2026-04-30"), False),
    ],
)
def test_calendar_days_across_month_ends_and_leap_days(workbook: Workbook, days, expected) -> None:
    price = theme(workbook, "Price")
    for day in days:
        add(workbook, day, "complaint", price)
    assert bool(recurring(workbook)) is expected


def test_only_complaints_of_the_same_theme_count(workbook: Workbook) -> None:
    wait, price = theme(workbook, "Wait time"), theme(workbook, "Price")
    add(workbook, "2026-03-01", "complaint", wait)
    add(workbook, "2026-03-02", "compliment", wait)
    add(workbook, "2026-03-03", "suggestion", wait)
    add(workbook, "2026-03-04", "complaint", price)
    add(workbook, "2026-03-05", "complaint", wait, price)  # counts for both
    assert recurring(workbook) == {}
    add(workbook, "2026-03-06", "complaint", price)
    assert recurring(workbook) == {"Price": [("2026-03-04", "2026-03-06", 3)]}


def test_overlapping_windows_make_one_spell_and_apart_two(workbook: Workbook) -> None:
    wait = theme(workbook, "Wait time")
    ids = [add(workbook, d, "complaint", wait) for d in days_after("2026-01-01", 0, 10, 20, 35, 45)]
    # windows 0–20 and 20–45 (20, 35, 45) share day 20: one spell; then 200–210 another
    later = [add(workbook, d, "complaint", wait) for d in days_after("2026-01-01", 200, 205, 210)]
    add(workbook, days_after("2026-01-01", 300)[0], "complaint", wait)  # alone: no window
    found = fp.recurring_themes(workbook)
    assert [r.name for r in found] == ["Wait time"]
    first, second = found[0].spells
    assert (first.first, first.last, first.item_ids) == ("2026-01-01", "2026-02-15", tuple(ids))
    assert (second.first, second.last, second.item_ids) == (
        "2026-07-20",
        "2026-07-30",
        tuple(later),
    )
    assert found[0].item_ids == (*ids, *later)
    assert found[0].latest == second


def test_until_judges_as_if_it_were_that_day(workbook: Workbook) -> None:
    wait = theme(workbook, "Wait time")
    for day in ("2026-04-28", "2026-05-02", "2026-05-05"):
        add(workbook, day, "complaint", wait)
    april = {"start": "2026-04-01", "end": "2026-04-30"}
    assert recurring(workbook, **april) == {"Wait time": [("2026-04-28", "2026-05-05", 3)]}
    assert recurring(workbook, **april, until="2026-04-30") == {}  # one complaint by then
    assert recurring(workbook, until="2026-05-05") == {
        "Wait time": [("2026-04-28", "2026-05-05", 3)]
    }


def test_the_period_picks_spells_that_overlap_it(workbook: Workbook) -> None:
    wait = theme(workbook, "Wait time")
    for day in ("2026-03-25", "2026-03-30", "2026-04-02", "2026-09-01"):
        add(workbook, day, "complaint", wait)
    spell = [("2026-03-25", "2026-04-02", 3)]
    assert recurring(workbook, start="2026-04-01", end="2026-04-30") == {"Wait time": spell}
    assert recurring(workbook, start="2026-03-01", end="2026-03-31") == {"Wait time": spell}
    assert recurring(workbook, start="2026-04-03", end="2026-04-30") == {}
    assert recurring(workbook, start="2026-02-01", end="2026-03-24") == {}
    # the Overview's "now": a spell reaching into the last 30 days
    assert fp.recurring_now(workbook, today=dt.date(2026, 5, 1))[0].name == "Wait time"
    assert fp.recurring_now(workbook, today=dt.date(2026, 5, 2)) == []


def test_the_owner_changes_the_rule(workbook: Workbook) -> None:
    wait = theme(workbook, "Wait time")
    for day in days_after("2026-03-01", 0, 40):
        add(workbook, day, "complaint", wait)
    assert fp.rules(workbook) == fp.PatternRules(3, 30, 2)
    assert recurring(workbook) == {}
    fp.set_recurring_rule(workbook, "2", 41)
    assert workbook.history.undo_label == "Change the recurring theme rule"
    assert fp.rules(workbook).recurring_text() == "2 or more complaints within 41 days"
    assert recurring(workbook) == {"Wait time": [("2026-03-01", "2026-04-10", 2)]}
    fp.set_recurring_rule(workbook, 2, 40)
    assert recurring(workbook) == {}
    for bad in ((1, 30), (3, 0), ("three", 30), (3, 367), (3, "1e3")):
        with pytest.raises(ValidationError):
            fp.set_recurring_rule(workbook, *bad)
    assert fp.rules(workbook).recurring_days == 40
    workbook.undo()
    assert fp.rules(workbook).recurring_days == 41


def test_a_setting_changed_outside_to_nonsense_reads_as_the_default(workbook: Workbook) -> None:
    with workbook.transaction():
        workbook.conn.execute(
            "UPDATE settings SET value = 'lots' WHERE key = 'feedback_recurring_count'"
        )
        workbook.conn.execute("UPDATE settings SET value = '-4' WHERE key = 'feedback_open_days'")
    assert fp.rules(workbook) == fp.PatternRules(3, 30, 2)


# -- open complaints ------------------------------------------------------------------


def test_open_more_than_two_days_is_flagged(workbook: Workbook) -> None:
    today = dt.date(2028, 3, 1)  # the day after 29 February
    for day in ("2028-02-29", "2028-02-28", "2028-02-27", "2028-02-26"):
        add(workbook, day, "complaint")
    add(workbook, "2028-02-01", "complaint", status="resolved")
    add(workbook, "2028-02-01", "compliment")
    found = [
        (c.item.received_on, c.days_open, c.overdue)
        for c in fp.open_complaints(workbook, today=today)
    ]
    assert found == [
        ("2028-02-26", 4, True),
        ("2028-02-27", 3, True),
        ("2028-02-28", 2, False),  # two days: not yet more than two
        ("2028-02-29", 1, False),
    ]
    assert [c.days_open for c in fp.overdue_complaints(workbook, today=today)] == [4, 3]
    fp.set_open_days(workbook, 0)
    assert len(fp.overdue_complaints(workbook, today=today)) == 4
    assert workbook.history.undo_label == "Change the open complaint flag"
    with pytest.raises(ValidationError):
        fp.set_open_days(workbook, -1)
    assert [
        c.item.received_on
        for c in fp.open_complaints(workbook, today=today, received_by="2028-02-27")
    ] == [
        "2028-02-26",
        "2028-02-27",
    ]


# -- counts ---------------------------------------------------------------------------


@pytest.fixture
def counted(workbook: Workbook) -> Workbook:
    ana = team.add_member(workbook, "Ana")
    bo = team.add_member(workbook, "Bo")
    greet, phone = (s.id for s in standards.list_standards(workbook)[:2])
    wait, friendly = theme(workbook, "Wait time"), theme(workbook, "Friendliness")
    add(workbook, "2026-01-31", "compliment", friendly, member_ids=(ana, bo))
    add(workbook, "2026-02-01", "compliment", friendly, member_ids=(ana,))
    add(
        workbook,
        "2026-02-14",
        "complaint",
        wait,
        friendly,
        member_ids=(bo,),
        standard_ids=(greet, phone),
    )
    add(workbook, "2026-02-28", "complaint", standard_ids=(phone,))
    add(workbook, "2026-02-28", "question")
    add(workbook, "2026-03-01", "complaint", wait, member_ids=(ana,), standard_ids=(phone,))
    return workbook  # fmt: skip


def texts(wb: Workbook, ids) -> list[str]:
    return [i.text for i in fb.items_by_id(wb, ids)]


def test_counts_by_kind_per_month_carry_their_items(counted: Workbook) -> None:
    found = [(t.month, t.key, t.count) for t in fp.counts_by_kind(counted)]
    assert found == [
        ("2026-01", "compliment", 1),
        ("2026-02", "compliment", 1),
        ("2026-02", "complaint", 2),
        ("2026-02", "question", 1),
        ("2026-03", "complaint", 1),
    ]
    feb = fp.counts_by_kind(counted, start="2026-02-01", end="2026-02-28")
    complaints = next(t for t in feb if t.key == "complaint")
    assert complaints.label == "Complaints"
    assert texts(counted, complaints.item_ids) == [
        "complaint on 2026-02-14",
        "complaint on 2026-02-28",
    ]
    # the same items as the list filtered the same way: a count clicks through exactly
    listed = fb.list_items(counted, fb.FeedbackFilter(kind="complaint", month="2026-02"))
    assert sorted(i.id for i in listed) == list(complaints.item_ids)


def test_counts_by_theme_per_month(counted: Workbook) -> None:
    found = [(t.month, t.label, t.count) for t in fp.counts_by_theme(counted)]
    assert found == [
        ("2026-01", "Friendliness", 1),
        ("2026-02", "Wait time", 1),
        ("2026-02", "Friendliness", 2),
        ("2026-02", fp.NO_THEME, 2),
        ("2026-03", "Wait time", 1),
    ]
    complaints = fp.counts_by_theme(counted, kind="complaint", start="2026-02-01", end="2026-02-28")
    assert [(t.label, t.count) for t in complaints] == [
        ("Wait time", 1),
        ("Friendliness", 1),
        (fp.NO_THEME, 1),
    ]


def test_praise_per_member_and_standards_named_in_complaints(counted: Workbook) -> None:
    praise = fp.praise_by_member(counted)
    assert [(t.label, t.count) for t in praise] == [("Ana", 2), ("Bo", 1)]
    assert texts(counted, praise[1].item_ids) == ["compliment on 2026-01-31"]
    assert [(t.label, t.count) for t in fp.mentions_by_member(counted, "complaint")] == [
        ("Ana", 1),
        ("Bo", 1),
    ]
    assert [(t.label, t.count) for t in fp.praise_by_member(counted, start="2026-02-01")] == [
        ("Ana", 1)
    ]
    named = fp.standards_in_complaints(counted)
    titles = [s.title for s in standards.list_standards(counted)[:2]]
    assert [(t.label, t.count) for t in named] == [(titles[1], 3), (titles[0], 1)]
    assert texts(counted, named[0].item_ids) == [
        "complaint on 2026-02-14",
        "complaint on 2026-02-28",
        "complaint on 2026-03-01",
    ]


# -- the month's report ---------------------------------------------------------------


def test_voice_of_the_customer_for_a_month(counted: Workbook) -> None:
    wait = theme(counted, "Wait time")
    add(counted, "2026-02-20", "complaint", wait)
    add(counted, "2026-02-25", "complaint", wait)
    long_praise = "x " * 300
    fe.add_item(counted, fb.FeedbackInput("2026-02-27", "compliment", long_praise), today=TODAY)
    report = fr.voice_of_customer(counted, "2026-02", today=dt.date(2026, 3, 5))
    assert (report.month, report.previous) == ("2026-02", "2026-01")
    kinds = {k.kind: (len(k.this_month), len(k.month_before)) for k in report.kinds}
    assert kinds == {
        "compliment": (2, 1),
        "complaint": (4, 0),
        "suggestion": (0, 0),
        "question": (1, 0),
    }
    assert (report.total, report.total_before) == (7, 1)
    themes = {
        t.name: (len(t.this_month), len(t.complaints), len(t.month_before), t.recurring)
        for t in report.themes
    }
    assert themes == {
        "Wait time": (3, 3, 0, True),
        "Friendliness": (2, 1, 1, False),
        fp.NO_THEME: (3, 1, 0, False),
    }
    assert [t.name for t in report.themes] == ["Wait time", "Friendliness", fp.NO_THEME]
    # judged at the month's end: the complaint of 1 March is not part of February's report
    (spell,) = report.recurring[0].spells
    assert (spell.first, spell.last, spell.count) == ("2026-02-14", "2026-02-25", 3)
    assert [i.received_on for i in fr.spell_items(report, spell)] == [
        "2026-02-14",
        "2026-02-20",
        "2026-02-25",
    ]
    assert fp.recurring_themes(counted)[0].spells[0].count == 4  # all known today
    # open on 5 March, received by the end of February: the March one is not listed
    assert [(c.item.received_on, c.days_open, c.overdue) for c in report.open] == [
        ("2026-02-14", 19, True),
        ("2026-02-20", 13, True),
        ("2026-02-25", 8, True),
        ("2026-02-28", 5, True),
    ]
    # the praise naming someone first; one of 600 characters is not quoted
    assert [q.received_on for q in report.quotes] == ["2026-02-01"]
    assert [(t.label, t.count) for t in report.praise] == [("Ana", 1)]
    assert [t.count for t in report.standards] == [2, 1]
    with pytest.raises(ValidationError, match="future"):
        fr.voice_of_customer(counted, "2026-04", today=dt.date(2026, 3, 5))


def test_an_empty_month(workbook: Workbook) -> None:
    report = fr.voice_of_customer(workbook, "2026-01", today=TODAY)
    assert report.total == 0 and report.themes == () and report.recurring == ()
    assert fr.previous_month("2026-01") == "2025-12"


def test_a_long_spell_is_reported_from_the_windows_that_reach_the_month(workbook: Workbook) -> None:
    wait = theme(workbook, "Wait time")
    days = days_after("2026-01-01", *range(0, 200, 10))  # every ten days into mid-July
    for day in days:
        add(workbook, day, "complaint", wait)
    (whole,) = fp.recurring_themes(workbook)[0].spells
    assert whole.count == 20
    report = fr.voice_of_customer(workbook, "2026-06", today=TODAY)
    (spell,) = report.recurring[0].spells
    # from 29 days before 1 June (3 May) to the end of June
    assert [i.received_on for i in fr.spell_items(report, spell)] == [
        d for d in days if "2026-05-03" <= d <= "2026-06-30"
    ]
    assert (spell.first, spell.last) == ("2026-05-11", "2026-06-30")
