"""Feedback items: quick entry, the follow-up of a complaint, bad input refused at its
field with nothing written, the list's filters, and Undo."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model import standards, team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def theme_id(wb: Workbook, name: str) -> int:
    found = th.find_theme(wb, name)
    assert found is not None
    return found.id


def add(wb: Workbook, when: str, kind: str, text: str, **more) -> int:
    return fe.add_item(wb, fb.FeedbackInput(when, kind, text, **more), today=TODAY)


@pytest.fixture
def cafe(workbook: Workbook) -> Workbook:
    """Two team members, a standard and a few items."""
    ana = team.add_member(workbook, "Ana")
    bo = team.add_member(workbook, "Bo")
    standard = standards.list_standards(workbook)[0].id
    wait, friendly = theme_id(workbook, "Wait time"), theme_id(workbook, "Friendliness")
    add(
        workbook,
        "2026-10-03",
        "compliment",
        "Ana was so kind",
        channel="in person",
        theme_ids=(friendly,),
        member_ids=(ana,),
    )
    add(
        workbook,
        "2026-10-10",
        "complaint",
        "Waited 20 minutes",
        channel="Review site",
        theme_ids=(wait,),
        standard_ids=(standard,),
    )
    add(
        workbook,
        "2026-11-02",
        "complaint",
        "Bo forgot my order; waited ages",
        channel="phone",
        theme_ids=(wait,),
        member_ids=(bo,),
        status="resolved",
        resolved_on="2026-11-03",
    )
    add(workbook, "2026-11-20", "suggestion", "Oat milk, please", channel="Comment card")
    add(workbook, "2026-11-21", "question", "Do you open on Sundays?")
    return workbook  # fmt: skip


def test_quick_entry_takes_three_fields(workbook: Workbook) -> None:
    item_id = add(workbook, TODAY, "Complaint ", "  The soup was cold  ")
    item = fb.get_item(workbook, item_id)
    assert (item.received_on, item.kind, item.text, item.channel) == (
        "2026-11-22",
        "complaint",
        "The soup was cold",
        "",
    )
    assert item.status == "open" and item.is_open and item.resolved_on is None
    assert item.days_open(TODAY) == 0
    assert item.follow_up_by is None  # the owner follows it up
    assert workbook.history.undo_label == "Add feedback item “The soup was cold”"


def test_a_complaint_with_its_whole_follow_up(workbook: Workbook) -> None:
    kwame = team.add_member(workbook, "Kwame")
    item_id = add(
        workbook,
        "2026-11-18",
        "complaint",
        "Charged twice for one latte",
        channel="EMAIL",
        customer="J. Smith, j@example.com",
        customer_asked="A refund",
        severity="Moderate",
        acknowledged_on="2026-11-18",
        follow_up_by=kwame,
        action_taken="Refunded; the till's double tap fixed",
        status="resolved",
        resolved_on="2026-11-19",
        theme_ids=(theme_id(workbook, "price"), theme_id(workbook, "price")),
        member_ids=(kwame,),
    )
    item = fb.get_item(workbook, item_id)
    assert item.channel == "email"  # spelled as the starter channel
    assert (item.customer, item.customer_asked, item.severity) == (
        "J. Smith, j@example.com",
        "A refund",
        "moderate",
    )
    assert (item.acknowledged_on, item.follow_up_name, item.status, item.resolved_on) == (
        "2026-11-18",
        "Kwame",
        "resolved",
        "2026-11-19",
    )
    assert item.themes == ("Price",) and item.members == ("Kwame",)
    assert not item.is_open and item.days_open(TODAY) is None


BAD = [
    ("empty text", {"text": "   "}, "text", "cannot be empty"),
    ("NUL in text", {"text": "a\x00b"}, "text", "NUL"),
    ("lone surrogate", {"text": "bad \ud800 paste"}, "text", "broken character"),
    ("future date", {"received_on": "2026-11-23"}, "received_on", "in the future"),
    ("not a date", {"received_on": "yesterday"}, "received_on", "YYYY-MM-DD"),
    ("not a real date", {"received_on": "2026-02-30"}, "received_on", "not a real date"),
    ("no date", {"received_on": None}, "received_on", "required"),
    ("unknown kind", {"kind": "rant"}, "kind", "“rant”"),
    ("kind not text", {"kind": None}, "kind", "compliment, complaint"),
    ("channel NUL", {"channel": "ph\x00one"}, "channel", "NUL"),
    ("channel on two lines", {"channel": "a\nb"}, "channel", "one line"),
    ("customer surrogate", {"customer": "\udcff"}, "customer", "broken"),
    ("severity", {"severity": "apocalyptic"}, "severity", "minor, moderate or serious"),
    ("status", {"status": "pending"}, "status", "open or resolved"),
    ("acknowledged too early", {"acknowledged_on": "2026-11-01"}, "acknowledged_on", "before"),
    ("acknowledged later", {"acknowledged_on": "2026-12-01"}, "acknowledged_on", "future"),
    ("resolved too early", {"status": "resolved", "resolved_on": "2026-11-09"}, "resolved_on",
     "before"),
    ("unknown theme", {"theme_ids": (9999,)}, "themes", "no longer exists"),
    ("unknown member", {"member_ids": (9999,)}, "members", "no longer exists"),
    ("unknown standard", {"standard_ids": (9999,)}, "standards", "no longer exists"),
    ("unknown owner", {"follow_up_by": 9999}, "follow_up_by", "no longer exists"),
    ("too long", {"text": "x" * 20_001}, "text", "too long"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "fragment"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_is_refused_at_its_field_and_nothing_written(
    workbook: Workbook, changes: dict, field: str, fragment: str
) -> None:
    good = fb.FeedbackInput("2026-11-10", "complaint", "Cold soup")
    existing = fe.add_item(workbook, good, today=TODAY)
    before = workbook.conn.total_changes
    with pytest.raises(ValidationError) as caught:
        fe.add_item(workbook, dataclasses.replace(good, **changes), today=TODAY)
    assert caught.value.field == field
    assert fragment in caught.value.message
    with pytest.raises(ValidationError) as caught:
        fe.update_item(workbook, existing, dataclasses.replace(good, **changes), today=TODAY)
    assert caught.value.field == field
    assert workbook.conn.total_changes == before
    assert fb.count_items(workbook) == 1


def test_status_belongs_to_complaints_only(workbook: Workbook) -> None:
    item = add(workbook, "2026-11-10", "complaint", "Rude", status="resolved", resolved_on=None)
    assert fb.get_item(workbook, item).resolved_on is None  # resolved on a day not recorded
    praise = dataclasses.replace(
        fb.FeedbackInput.from_item(fb.get_item(workbook, item)), kind="compliment"
    )
    fe.update_item(workbook, item, praise, today=TODAY)
    changed = fb.get_item(workbook, item)
    assert (changed.kind, changed.status, changed.resolved_on) == ("compliment", None, None)
    with pytest.raises(ValidationError, match="Only a complaint"):
        fe.resolve_complaint(workbook, item, today=TODAY)


def test_resolve_and_reopen(workbook: Workbook) -> None:
    item = add(workbook, "2026-11-10", "complaint", "Wrong change given")
    fe.resolve_complaint(workbook, item, action_taken="Gave it back", today=TODAY)
    done = fb.get_item(workbook, item)
    assert (done.status, done.resolved_on, done.action_taken) == (
        "resolved",
        "2026-11-22",
        "Gave it back",
    )
    fe.reopen_complaint(workbook, item, today=TODAY)
    again = fb.get_item(workbook, item)
    assert (again.status, again.resolved_on, again.action_taken) == ("open", None, "Gave it back")
    assert workbook.undo() is not None
    assert fb.get_item(workbook, item).status == "resolved"


def test_update_changes_only_the_links_that_changed_and_is_one_step(cafe: Workbook) -> None:
    item = fb.list_items(cafe, fb.FeedbackFilter(kind="compliment"))[0]
    bo = team.list_members(cafe)[1].id
    data = dataclasses.replace(fb.FeedbackInput.from_item(item), member_ids=(*item.member_ids, bo))
    steps = len(cafe.history.undo_steps)
    fe.update_item(cafe, item.id, data, today=TODAY)
    assert fb.get_item(cafe, item.id).members == ("Ana", "Bo")
    assert len(cafe.history.undo_steps) == steps + 1
    assert cafe.history.undo_label == "Change feedback item “Ana was so kind”"
    assert len(cafe.history.undo_steps[-1].rows) == 1  # the one new link; the row is as it was
    cafe.undo()
    assert fb.get_item(cafe, item.id).members == ("Ana",)


def test_accepting_a_suggestion_adds_the_theme(cafe: Workbook) -> None:
    item = fb.list_items(cafe, fb.FeedbackFilter(kind="suggestion"))[0]
    price = theme_id(cafe, "Price")
    fe.add_item_theme(cafe, item.id, price)
    fe.add_item_theme(cafe, item.id, price)
    assert fb.get_item(cafe, item.id).themes == ("Price",)
    fe.set_item_themes(cafe, item.id, [])
    assert fb.get_item(cafe, item.id).themes == ()


def ids_of(wb: Workbook, **filters) -> list[str]:
    return [i.text for i in fb.list_items(wb, fb.FeedbackFilter(**filters))]


def test_filters(cafe: Workbook) -> None:
    ana, bo = (m.id for m in team.list_members(cafe))
    wait = theme_id(cafe, "Wait time")
    standard = standards.list_standards(cafe)[0].id
    assert ids_of(cafe) == [
        "Do you open on Sundays?",
        "Oat milk, please",
        "Bo forgot my order; waited ages",
        "Waited 20 minutes",
        "Ana was so kind",
    ]
    assert ids_of(cafe, kind="complaint") == [
        "Bo forgot my order; waited ages",
        "Waited 20 minutes",
    ]
    assert ids_of(cafe, theme_id=wait) == ids_of(cafe, kind="complaint")
    assert ids_of(cafe, no_theme=True) == ["Do you open on Sundays?", "Oat milk, please"]
    assert ids_of(cafe, channel="review site") == ["Waited 20 minutes"]
    assert ids_of(cafe, channel="") == ["Do you open on Sundays?"]
    assert ids_of(cafe, member_id=ana) == ["Ana was so kind"]
    assert ids_of(cafe, member_id=bo) == ["Bo forgot my order; waited ages"]
    assert ids_of(cafe, standard_id=standard) == ["Waited 20 minutes"]
    assert ids_of(cafe, month="2026-10") == ["Waited 20 minutes", "Ana was so kind"]
    assert ids_of(cafe, status="open") == ["Waited 20 minutes"]
    assert ids_of(cafe, status="resolved") == ["Bo forgot my order; waited ages"]
    assert ids_of(cafe, search="WAITED") == ids_of(cafe, kind="complaint")
    assert ids_of(cafe, search="  oat   MILK ") == ["Oat milk, please"]
    assert ids_of(cafe, kind="complaint", month="2026-11", member_id=bo) == [
        "Bo forgot my order; waited ages"
    ]
    assert ids_of(cafe, start="2026-11-02", end="2026-11-20") == [
        "Oat milk, please",
        "Bo forgot my order; waited ages",
    ]
    picked = [i.id for i in fb.list_items(cafe)][1:3]
    assert [i.id for i in fb.items_by_id(cafe, picked)] == sorted(picked)
    assert fb.count_items(cafe, fb.FeedbackFilter(kind="complaint")) == 2
    with pytest.raises(ValidationError):
        fb.list_items(cafe, fb.FeedbackFilter(month="2026-13"))


def test_search_ignores_accents_and_case_and_looks_at_the_follow_up(workbook: Workbook) -> None:
    add(workbook, "2026-11-01", "compliment", "Le meilleur CAFÉ crème")
    add(workbook, "2026-11-02", "complaint", "Cold", customer="Zoë", action_taken="Refund given")
    assert ids_of(workbook, search="cafe creme") == ["Le meilleur CAFÉ crème"]
    assert ids_of(workbook, search="zoe") == ["Cold"]
    assert ids_of(workbook, search="REFUND") == ["Cold"]
    assert ids_of(workbook, search="100%") == []


def test_search_folds_accented_text_as_ascii_text(workbook: Workbook) -> None:
    """ASCII text is folded by SQLite, the rest by ``fold``: the same results, in every
    field, across lines and with marks or ligatures anywhere."""
    add(workbook, "2026-11-01", "compliment", "The \ufb01ne coffee\nand a crème brûlée")
    add(workbook, "2026-11-02", "complaint", "\u0301Straße closed", customer="ZOË")
    add(workbook, "2026-11-03", "question", "Plain ASCII, WAITED long", customer="Zoe")
    assert ids_of(workbook, search="fine coffee") == ["The \ufb01ne coffee\nand a crème brûlée"]
    assert ids_of(workbook, search="creme brulee") == ids_of(workbook, search="fine")
    assert ids_of(workbook, search="coffee and") == []  # not across a line
    assert ids_of(workbook, search="STRASSE") == ["\u0301Straße closed"]
    assert ids_of(workbook, search="zoe") == ["Plain ASCII, WAITED long", "\u0301Straße closed"]
    assert ids_of(workbook, search="ascii, waited") == ["Plain ASCII, WAITED long"]


def test_item_ids_are_the_ids_list_items_lists(cafe: Workbook) -> None:
    wait = theme_id(cafe, "Wait time")
    for filt in (
        fb.FeedbackFilter(),
        fb.FeedbackFilter(kind="complaint"),
        fb.FeedbackFilter(theme_id=wait, month="2026-11"),
        fb.FeedbackFilter(search="waited"),
        fb.FeedbackFilter(status="open"),
    ):
        for oldest_first in (False, True):
            listed = fb.list_items(cafe, filt, oldest_first=oldest_first)
            assert fb.item_ids(cafe, filt, oldest_first=oldest_first) == [i.id for i in listed]


def test_channels_months_and_the_latest_month(cafe: Workbook) -> None:
    assert fb.channels_in_use(cafe) == [*fb.CHANNELS, "Comment card"]
    assert fb.months_with_items(cafe) == ["2026-10", "2026-11"]
    assert fb.latest_month(cafe) == "2026-11"


def test_delete_and_undo_bring_the_links_back(cafe: Workbook) -> None:
    item = fb.list_items(cafe, fb.FeedbackFilter(kind="complaint"))[0]
    fe.delete_item(cafe, item.id)
    assert cafe.history.undo_label.startswith("Delete feedback item “Bo forgot")
    links = cafe.query("SELECT count(*) AS n FROM feedback_item_members")[0]["n"]
    assert links == 1
    cafe.undo()
    assert fb.get_item(cafe, item.id) == item
    fe.delete_items(cafe, [i.id for i in fb.list_items(cafe)])
    assert fb.count_items(cafe) == 0
    assert cafe.history.undo_label == "Delete 5 feedback items"


def test_deleting_a_member_or_standard_unlinks_but_keeps_the_item(cafe: Workbook) -> None:
    bo = team.list_members(cafe)[1].id
    item = fb.list_items(cafe, fb.FeedbackFilter(member_id=bo))[0]
    fe.update_item(
        cafe, item.id, dataclasses.replace(fb.FeedbackInput.from_item(item), follow_up_by=bo),
        today=TODAY,
    )  # fmt: skip
    team.delete_member(cafe, bo)
    kept = fb.get_item(cafe, item.id)
    assert (kept.members, kept.follow_up_by) == ((), None)  # followed up by the owner now


def snapshot(wb: Workbook) -> dict[str, list[tuple]]:
    """Every row of every table, with its rowid."""
    tables = [
        r[0]
        for r in wb.conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return {
        t: wb.conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


def test_every_change_is_one_step_of_undo_and_redo(cafe: Workbook) -> None:
    from cscoach.model.feedback_csv import import_feedback_csv
    from cscoach.model.feedback_patterns import set_recurring_rule

    complaint = fb.list_items(cafe, fb.FeedbackFilter(kind="complaint"))[0]
    wait, price = theme_id(cafe, "Wait time"), theme_id(cafe, "Price")
    csv = b"date,kind,text,themes\n2026-11-01,complaint,Too dear,Price|Parking\n"
    changes = [
        ("Add feedback item “New one”", lambda: add(cafe, "2026-11-22", "question", "New one")),
        ("Change feedback item “Bo forgot my order; waited ages”",
         lambda: fe.reopen_complaint(cafe, complaint.id, today=TODAY)),
        ("Merge “Price” into “Wait time”", lambda: th.merge_themes(cafe, [price], wait)),
        ("Import 1 feedback item", lambda: import_feedback_csv(cafe, csv, today=TODAY)),
        ("Change the recurring theme rule", lambda: set_recurring_rule(cafe, 4, 20)),
        ("Delete theme “Wait time”", lambda: th.delete_theme(cafe, wait)),
    ]  # fmt: skip
    for label, change in changes:
        before = snapshot(cafe)
        change()
        after = snapshot(cafe)
        assert after != before
        assert cafe.history.undo_label == label
        assert cafe.undo() == label
        assert snapshot(cafe) == before
        assert cafe.redo() == label
        assert snapshot(cafe) == after
