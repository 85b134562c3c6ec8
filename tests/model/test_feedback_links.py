"""The feedback the rest of the app shows: the Overview's open complaints and recurring
themes (the most urgent next steps) and its Feedback card, the praise and complaints behind
each core value on the culture map, the feedback naming a standard or a team member, and a
month's feedback in two lines for the monthly review."""

from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import culture_map as cm
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_links as fl
from cscoach.model import feedback_patterns as fp
from cscoach.model import feedback_themes as th
from cscoach.model import overview as ov
from cscoach.model import philosophy as ph
from cscoach.model import sections, team
from cscoach.model import standards as st
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def add(wb: Workbook, days_ago: int, kind: str = "complaint", text: str = "", **more) -> int:
    data = fb.FeedbackInput(ago(days_ago), kind, text or f"{kind} {days_ago} days ago", **more)
    return fe.add_item(wb, data, today=TODAY)


def wait_time(wb: Workbook) -> int:
    found = th.find_theme(wb, "Wait time")
    assert found is not None
    return found.id


# -- open complaints ---------------------------------------------------------------------


def test_open_complaints_counted_with_the_oldest(workbook: Workbook) -> None:
    assert fl.open_summary(workbook, today=TODAY) == fl.OpenSummary(0, 0, 0, 2)
    assert fl.open_summary(workbook, today=TODAY).sentence() == ""
    add(workbook, 0)
    assert fl.open_summary(workbook, today=TODAY).sentence() == (
        "1 complaint is still open — received today"
    )
    add(workbook, 0)
    assert fl.open_summary(workbook, today=TODAY).sentence() == (
        "2 complaints are still open — all received today"
    )
    add(workbook, 5)
    add(workbook, 3)
    add(workbook, 2)  # two days: not yet open too long
    add(workbook, 30, status="resolved")
    add(workbook, 40, "compliment")
    found = fl.open_summary(workbook, today=TODAY)
    assert (found.count, found.oldest_days, found.overdue) == (5, 5, 2)
    assert found.sentence() == "5 complaints are still open — the oldest for 5 days"
    # the same as the Patterns tab's list
    listed = fp.open_complaints(workbook, today=TODAY)
    assert len(listed) == found.count and sum(c.overdue for c in listed) == found.overdue
    one = fl.OpenSummary(1, 1, 0, 2)
    assert one.sentence() == "1 complaint is still open — for 1 day"


def test_open_complaints_are_the_most_urgent_next_step(workbook: Workbook) -> None:
    team.add_member(workbook, "Ana")  # not empty: the cards and steps
    assert not any(s.page == sections.FEEDBACK.key for s in ov.overview(workbook, TODAY).next_steps)
    for days in (5, 1, 0):
        add(workbook, days)
    steps = ov.overview(workbook, TODAY).next_steps
    first = steps[0]
    assert first.text == "3 complaints are still open — the oldest for 5 days"
    assert (first.page, first.kind) == (sections.FEEDBACK.key, "open")
    assert first.priority < min(s.priority for s in steps[1:])


def test_a_recurring_theme_is_a_next_step_to_its_theme(workbook: Workbook) -> None:
    wait = wait_time(workbook)
    for days in (40, 20, 11):
        add(workbook, days, theme_ids=(wait,), status="resolved")
    steps = [s for s in ov.overview(workbook, TODAY).next_steps if s.kind == "theme"]
    assert [(s.text, s.page, s.item_id) for s in steps] == [
        ("Wait time keeps coming back: 3 complaints in 30 days", "feedback", wait)
    ]
    assert steps[0].priority < 10  # before every step but the open complaints
    assert [(r.name, r.count, r.days) for r in fl.recurring_today(workbook, today=TODAY)] == [
        ("Wait time", 3, 30)
    ]
    # 29 days after the last complaint's window ends, the theme no longer recurs now
    later = dt.date.fromisoformat(ago(11)) + dt.timedelta(days=30)
    assert fl.recurring_today(workbook, today=later) == []
    assert fl.Recurring(1, "Price", 4, 1).sentence() == (
        "Price keeps coming back: 4 complaints in 1 day"
    )


def test_feedback_card(workbook: Workbook) -> None:
    def card() -> ov.Card:
        return next(c for c in ov.overview(workbook, TODAY).cards if c.page == "feedback")

    team.add_member(workbook, "Ana")
    nothing = card()
    assert (nothing.title, nothing.headline, nothing.attention) == (
        "Feedback, November 2026",
        "No feedback yet",
        False,
    )
    add(workbook, 60, "compliment")  # September: not this month
    assert card().headline == "No complaint open"
    assert card().lines == ("Nothing written down this month yet",)
    assert not card().attention
    add(workbook, 1, "compliment")
    add(workbook, 2, "compliment")
    add(workbook, 3, "question")
    add(workbook, 4)
    add(workbook, 6, status="resolved")
    found = card()
    assert found.headline == "1 complaint open"
    assert found.lines == (
        "This month: 2 compliments, 2 complaints, 1 question",
        "1 open for more than 2 days",
    )
    assert found.attention
    add(workbook, 0)
    assert card().headline == "2 complaints open"
    assert card().lines[1] == "1 open for more than 2 days"
    wait = wait_time(workbook)
    for days in (9, 8, 7):
        add(workbook, days, theme_ids=(wait,), status="resolved")
    assert card().lines[-1] == "Keeps coming back: Wait time"
    # beside the KPIs: what customers say next to the figures
    pages = [c.page for c in ov.overview(workbook, TODAY).cards]
    assert pages.index("feedback") == pages.index("kpis") + 1


def test_feedback_alone_makes_the_overview_show_its_cards(workbook: Workbook) -> None:
    assert ov.overview(workbook, TODAY).empty
    add(workbook, 1, "compliment")
    assert not ov.overview(workbook, TODAY).empty


# -- the culture map ------------------------------------------------------------------------


def test_each_value_gets_the_praise_and_complaints_of_its_standards(workbook: Workbook) -> None:
    warmth = ph.add_value(workbook, "Warmth")
    speed = ph.add_value(workbook, "Speed")
    lonely = ph.add_value(workbook, "Lonely")
    category = st.list_categories(workbook)[0].id
    greet = st.add_standard(workbook, st.StandardInput("Greet", category, value_ids=(warmth,)))
    smile = st.add_standard(
        workbook, st.StandardInput("Smile", category, value_ids=(warmth, speed))
    )
    retired = st.add_standard(workbook, st.StandardInput("Old", category, value_ids=(speed,)))
    both = add(workbook, 10, "compliment", standard_ids=(greet, smile))  # once for Warmth
    complaint = add(workbook, 20, standard_ids=(smile,))
    add(workbook, 30, "suggestion", standard_ids=(greet,))  # neither praise nor complaint
    year_ago = (TODAY - dt.date(2025, 11, 22)).days  # 12 months before TODAY
    add(workbook, year_ago, "compliment", standard_ids=(greet,))  # 12 months ago: too old
    inside = add(workbook, year_ago - 1, "compliment", standard_ids=(greet,))  # just inside
    add(workbook, 5, standard_ids=(retired,))
    st.set_active(workbook, retired, False)
    rows = {row.name: row for row in cm.culture_map(workbook, TODAY).values}
    assert rows["Warmth"].praise == tuple(sorted((both, inside)))
    assert rows["Warmth"].complaints == (complaint,)
    assert (rows["Speed"].praise, rows["Speed"].complaints) == ((both,), (complaint,))
    assert (rows["Lonely"].praise, rows["Lonely"].complaints) == ((), ())
    assert lonely in {row.id for row in rows.values()}


# -- a standard's and a team member's feedback -----------------------------------------------


def test_the_feedback_naming_a_standard(workbook: Workbook) -> None:
    category = st.list_categories(workbook)[0].id
    greet = st.add_standard(workbook, st.StandardInput("Greet", category))
    other = st.add_standard(workbook, st.StandardInput("Other", category))
    assert fl.naming_standard(workbook, greet) == fl.NamedFeedback({}, (), 0)
    ids = [
        add(workbook, 9, "compliment", "Lovely welcome", standard_ids=(greet,)),
        add(workbook, 8, "complaint", "Nobody said hello", standard_ids=(greet, other)),
        add(workbook, 7, "suggestion", "Say hello", standard_ids=(greet,)),
        add(workbook, 7, "complaint", "Ignored at the door", standard_ids=(greet,)),
        add(workbook, 6, "complaint", "Solved", standard_ids=(greet,), status="resolved"),
    ]
    add(workbook, 1, "complaint", "Not this one", standard_ids=(other,))
    named = fl.naming_standard(workbook, greet)
    assert named.counts == {"compliment": 1, "complaint": 3, "suggestion": 1}
    assert named.counts_text() == "1 compliment, 3 complaints, 1 suggestion"
    assert named.total == 5 and named.open == 2
    assert [i.id for i in named.newest] == [ids[4], ids[3], ids[2]]  # newest first
    assert fb.count_items(workbook, fb.FeedbackFilter(standard_id=greet)) == named.total


def test_the_praise_and_complaints_naming_a_member(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    add(workbook, 5, "compliment", "Ana was lovely", member_ids=(ana,))
    add(workbook, 4, "complaint", "Ana was rushed", member_ids=(ana,))
    add(workbook, 3, "suggestion", "Ana should sing", member_ids=(ana,))  # not praise
    named = fl.naming_member(workbook, ana, newest=5)
    assert named.counts == {"compliment": 1, "complaint": 1}
    assert [i.text for i in named.newest] == ["Ana was rushed", "Ana was lovely"]


# -- the monthly review -----------------------------------------------------------------------


def test_a_month_in_two_lines(workbook: Workbook) -> None:
    wait = wait_time(workbook)
    october = fl.month_feedback(workbook, "2026-10", today=TODAY)
    assert october.counts_line() == "Nothing was written down in October 2026."
    assert october.recurring_line() == "No theme recurred."
    assert october.command() == "cscoach print feedback --month 2026-10"
    fe.add_item(
        workbook,
        fb.FeedbackInput("2026-09-25", "complaint", "Slow", theme_ids=(wait,)),
        today=TODAY,
    )
    for day in ("2026-10-03", "2026-10-10"):
        fe.add_item(
            workbook,
            fb.FeedbackInput(day, "complaint", "Slow", theme_ids=(wait,), status="resolved"),
            today=TODAY,
        )
    for day in ("2026-10-04", "2026-10-05"):
        fe.add_item(workbook, fb.FeedbackInput(day, "compliment", "Lovely"), today=TODAY)
    fe.add_item(workbook, fb.FeedbackInput("2026-10-06", "question", "Open late?"), today=TODAY)
    october = fl.month_feedback(workbook, "2026-10", today=TODAY)
    assert october.counts_line() == "2 compliments, 2 complaints, 1 question."
    assert october.recurring_line() == "Recurring: Wait time (2 complaints this month)."
    september = fl.month_feedback(workbook, "2026-09", today=TODAY)
    # judged at September's end: one complaint, nothing recurring yet; still open today
    assert september.counts_line() == "1 complaint (1 still open)."
    assert september.recurring_line() == "No theme recurred."
    assert fl.MonthFeedback("2026-10", {}, 0, (("Price", 0),)).recurring_line() == (
        "Recurring: Price."
    )
    with pytest.raises(ValidationError):
        fl.month_feedback(workbook, "2026-12", today=TODAY)  # after today
    with pytest.raises(ValidationError):
        fl.month_feedback(workbook, "2026-13", today=TODAY)


def test_the_demo_reads_true(demo_workbook: Workbook) -> None:
    """The demo café: open complaints come first on the Overview, praise and complaints on
    the culture map, feedback under its standards."""
    today = TODAY
    overview = ov.overview(demo_workbook, today)
    assert overview.next_steps[0].kind == "open"
    assert overview.next_steps[0].text.startswith("3 complaints are still open")
    rows = cm.culture_map(demo_workbook, today).values
    assert any(row.praise for row in rows) and any(row.complaints for row in rows)
    backup = next(
        s for s in st.list_standards(demo_workbook) if s.title.startswith("Call for backup")
    )
    assert fl.naming_standard(demo_workbook, backup.id).counts.get("complaint", 0) >= 3
