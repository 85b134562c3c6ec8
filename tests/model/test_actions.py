"""Actions (issue 19): the schema, adding and changing with Undo, every source and its label
both ways, a deleted source and an owner who left, bad input naming its field, and a
complaint resolved by an action."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import actions as ac
from cscoach.model import actions_edit as ae
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model import kpis, migrations, questionnaire, standards, team
from cscoach.model.errors import ValidationError
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook

TODAY = FIXED_TODAY


def add(wb: Workbook, title: str = "Second barista on Saturday mornings", **kw: object) -> int:
    return ae.add_action(wb, ae.ActionInput(title, **kw), today=TODAY)  # type: ignore[arg-type]


def refused(wb: Workbook, field: str, data: ae.ActionInput) -> str:
    before = wb.conn.total_changes
    with pytest.raises(ValidationError) as caught:
        ae.add_action(wb, data, today=TODAY)
    assert caught.value.field == field
    assert wb.conn.total_changes == before  # nothing written
    return str(caught.value)


def test_a_new_workbook_has_the_actions_table_and_an_identity(workbook: Workbook) -> None:
    assert workbook.schema_version == migrations.latest_version() >= 3
    assert ac.list_actions(workbook) == []
    uid = workbook.query_one("SELECT value FROM settings WHERE key = 'workbook_uid'")
    assert uid and len(uid["value"]) == 32
    assert check_workbook(workbook.path) == []


def test_a_schema_two_workbook_is_migrated_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.cscoach"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        with Workbook.create(path, "Old Café") as wb:
            assert wb.schema_version == 2
    assert check_workbook(path) == []
    with Workbook.open(path) as wb:
        assert wb.schema_version == migrations.latest_version()
        assert ac.list_actions(wb) == []
        assert wb.history.undo_steps == []
    assert check_workbook(path) == []


def test_add_read_change_and_undo(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    action_id = add(workbook, owner_id=ana, due_on="2026-12-05")
    action = ac.get_action(workbook, action_id)
    assert (action.title, action.owner_label, action.due_on, action.status) == (
        "Second barista on Saturday mornings",
        "Ana",
        "2026-12-05",
        ac.PLANNED,
    )
    assert action.created_on == TODAY.isoformat() and action.source == ac.Source()
    assert action.source_text == "" and action.is_open and not action.overdue(TODAY)
    assert workbook.history.undo_label == "Add action “Second barista on Saturday mornings”"

    changed = dataclasses.replace(
        ae.ActionInput.from_action(action), status=ac.DOING, outcome="Rota drafted", share=True
    )
    ae.update_action(workbook, action_id, changed, today=TODAY)
    action = ac.get_action(workbook, action_id)
    assert (action.status, action.outcome, action.share) == (ac.DOING, "Rota drafted", True)
    assert workbook.undo() == "Change action “Second barista on Saturday mornings”"
    assert ac.get_action(workbook, action_id).status == ac.PLANNED
    workbook.undo()
    assert ac.list_actions(workbook) == []
    workbook.redo()
    assert ac.get_action(workbook, action_id).title == "Second barista on Saturday mornings"

    ae.delete_action(workbook, action_id)
    assert ac.list_actions(workbook) == []
    workbook.undo()
    assert ac.get_action(workbook, action_id).owner_id == ana


def test_done_without_a_date_is_done_today_and_undone_clears_it(workbook: Workbook) -> None:
    action_id = add(workbook)
    ae.set_status(workbook, action_id, ac.DONE, today=TODAY)
    assert ac.get_action(workbook, action_id).done_on == TODAY.isoformat()
    ae.set_status(workbook, action_id, ac.DONE, today=TODAY + dt.timedelta(days=3))
    assert ac.get_action(workbook, action_id).done_on == TODAY.isoformat()  # kept
    ae.answer_helped(workbook, action_id, "Yes", today=TODAY)
    assert ac.get_action(workbook, action_id).helped == ac.HELPED_YES
    ae.set_status(workbook, action_id, ac.DOING, today=TODAY)
    action = ac.get_action(workbook, action_id)
    assert (action.done_on, action.helped, action.helped_on) == (None, None, None)
    ae.set_status(workbook, action_id, ac.DONE, today=TODAY, done_on="2026-11-02")
    assert ac.get_action(workbook, action_id).done_on == "2026-11-02"


def test_bad_input_names_its_field_and_writes_nothing(workbook: Workbook) -> None:
    assert "needs a title" in refused(workbook, "title", ae.ActionInput("   "))
    assert "one line" in refused(workbook, "title", ae.ActionInput("Two\nlines"))
    assert "not “next week”" in refused(workbook, "due_on", ae.ActionInput("x", due_on="next week"))
    assert "not a real date" in refused(
        workbook, "due_on", ae.ActionInput("x", due_on="2026-02-30")
    )
    assert "in the future" in refused(
        workbook, "done_on", ae.ActionInput("x", status="done", done_on="2026-11-23")
    )
    assert "planned, doing, done or dropped" in refused(
        workbook, "status", ae.ActionInput("x", status="finished")
    )
    assert "yes, not yet or no" in refused(
        workbook, "helped", ae.ActionInput("x", status="done", helped="maybe")
    )
    assert "no longer exists" in refused(
        workbook, "source", ae.ActionInput("x", source=ac.Source.standard(999))
    )
    assert "in the future" in refused(
        workbook, "source", ae.ActionInput("x", source=ac.Source.review("2027-01"))
    )
    assert "no longer exists" in refused(workbook, "owner_id", ae.ActionInput("x", owner_id=42))
    assert "NUL" in refused(workbook, "outcome", ae.ActionInput("x", outcome="a\x00b"))
    action_id = add(workbook)
    with pytest.raises(ValidationError) as caught:
        ae.answer_helped(workbook, action_id, "yes", today=TODAY)
    assert caught.value.field == "helped"


def test_the_schema_keeps_bad_rows_out_past_the_model(workbook: Workbook) -> None:
    insert = "INSERT INTO actions (title, created_on, status, done_on, source, kpi_id) "
    for values in (
        "VALUES ('x', '2026-11-22', 'planned', '2026-11-01', 'none', NULL)",  # done date, open
        "VALUES ('x', 'soon', 'planned', NULL, 'none', NULL)",
        "VALUES ('x', '2026-11-22', 'planned', NULL, 'standard', 1)",  # a KPI on a standard
        "VALUES (' ', '2026-11-22', 'planned', NULL, 'none', NULL)",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            workbook.conn.execute(insert + values)


def test_every_source_describes_itself_and_is_found_from_it(workbook: Workbook) -> None:
    theme = th.list_themes(workbook)[0]
    item = fe.add_item(
        workbook,
        fb.FeedbackInput("2026-11-03", "complaint", "Waited twenty minutes for a flat white"),
        today=TODAY,
    )
    team.add_member(workbook, "Ana")
    round_id = questionnaire.create_round(workbook, "Spring 2026", "2026-04-10")
    q4 = questionnaire.round_questions(workbook, round_id)[3]
    csat = kpis.kpi_by_key(workbook, "csat")
    category = standards.list_categories(workbook)[0]
    standard = standards.add_standard(
        workbook, standards.StandardInput("Greet within 30 s", category_id=category.id)
    )
    made = {
        ac.Source.feedback_theme(theme.id): "Feedback theme: Wait time",
        ac.Source.feedback_item(item): (
            "Complaint of 3 November 2026: “Waited twenty minutes for a flat white”"
        ),
        ac.Source.round(round_id): "Questionnaire: Spring 2026",
        ac.Source.question(q4.id): "Questionnaire: Spring 2026, Q4",
        ac.Source.kpi_month(csat.id, "2026-10"): f"{csat.name} review, October 2026",
        ac.Source.review("2026-10"): "Monthly review, October 2026",
        ac.Source.standard(standard): "Standard: Greet within 30 s",
        ac.Source(): "",
    }
    ids = {}
    for source, label in made.items():
        assert ac.describe_source(workbook, source) == label
        ids[source] = add(workbook, f"From {source.kind}", source=source)
        assert ac.get_action(workbook, ids[source]).source_text == label
    assert [a.id for a in ac.actions_for_theme(workbook, theme.id)] == [
        ids[ac.Source.feedback_theme(theme.id)]
    ]
    assert [a.id for a in ac.actions_for_feedback_item(workbook, item)] == [
        ids[ac.Source.feedback_item(item)]
    ]
    assert [a.id for a in ac.actions_for_question(workbook, q4.id)] == [
        ids[ac.Source.question(q4.id)]
    ]
    assert {a.id for a in ac.actions_for_round(workbook, round_id)} == {
        ids[ac.Source.round(round_id)],
        ids[ac.Source.question(q4.id)],
    }
    assert [a.id for a in ac.actions_for_kpi(workbook, csat.id)] == [
        ids[ac.Source.kpi_month(csat.id, "2026-10")]
    ]
    assert ac.actions_for_kpi(workbook, csat.id, "2026-09") == []
    assert {a.id for a in ac.actions_for_review(workbook, "2026-10")} == {
        ids[ac.Source.review("2026-10")],
        ids[ac.Source.kpi_month(csat.id, "2026-10")],
    }
    assert [a.id for a in ac.actions_for_standard(workbook, standard)] == [
        ids[ac.Source.standard(standard)]
    ]
    assert ac.action_counts(workbook, ac.FEEDBACK_THEME) == {theme.id: 1}
    assert ac.count_actions(workbook, ac.ActionFilter(source_kind=ac.QUESTION)) == 1


def test_a_deleted_source_keeps_the_action_and_says_deleted(workbook: Workbook) -> None:
    theme = th.add_theme(workbook, "Parking")
    action_id = add(
        workbook, "Ask the council for two bays", source=ac.Source.feedback_theme(theme)
    )
    th.delete_theme(workbook, theme)
    action = ac.get_action(workbook, action_id)
    assert action.source == ac.Source(ac.FEEDBACK_THEME, None)
    assert action.source.deleted
    assert action.source_text == "Feedback theme: Parking (deleted)"
    assert ac.describe_source(workbook, ac.Source.feedback_theme(theme)).endswith("(deleted)")
    # the action can still be changed, keeping where it came from
    data = dataclasses.replace(ae.ActionInput.from_action(action), status=ac.DOING)
    ae.update_action(workbook, action_id, data, today=TODAY)
    assert ac.get_action(workbook, action_id).source_text == "Feedback theme: Parking (deleted)"
    workbook.undo()
    workbook.undo()  # the theme comes back, and the link with it
    assert ac.get_action(workbook, action_id).source_text == "Feedback theme: Parking"


def test_an_owner_who_left_is_kept_and_shown_inactive(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    ben = team.add_member(workbook, "Ben")
    action_id = add(workbook, owner_id=ana)
    team.set_active(workbook, ana, False)
    action = ac.get_action(workbook, action_id)
    assert action.owner_id == ana and not action.owner_active
    assert action.owner_label == "Ana (no longer on the team)"
    data = dataclasses.replace(ae.ActionInput.from_action(action), outcome="Handed over")
    ae.update_action(workbook, action_id, data, today=TODAY)  # kept as owner
    assert "no longer on the team" in refused(
        workbook, "owner_id", ae.ActionInput("x", owner_id=ana)
    )
    assert ac.owner_choices(workbook) == [(None, ac.OWNER_LABEL), (ben, "Ben")]
    assert ac.owner_choices(workbook, ana)[-1] == (ana, "Ana (no longer on the team)")
    assert ac.count_actions(workbook, ac.ActionFilter(owner_id=ana)) == 1
    assert ac.count_actions(workbook, ac.ActionFilter(owner_id=ac.OWNER)) == 0
    refs = team.member_references(workbook, ana)
    assert refs.actions_owned == 1 and refs.any
    team.delete_member(workbook, ana)  # the action stays, now the owner's
    assert ac.get_action(workbook, action_id).owner_label == ac.OWNER_LABEL


def test_marking_done_can_resolve_the_complaint_in_one_step(workbook: Workbook) -> None:
    item = fe.add_item(
        workbook, fb.FeedbackInput("2026-11-10", "complaint", "Cold soup"), today=TODAY
    )
    action_id = add(workbook, "Check the soup kettle", source=ac.Source.feedback_item(item))
    assert ae.linked_open_complaint(workbook, action_id) == item
    ae.set_status(
        workbook, action_id, ac.DONE, today=TODAY, done_on="2026-11-20", resolve_complaint=True
    )
    complaint = fb.get_item(workbook, item)
    assert (complaint.status, complaint.resolved_on) == (fb.RESOLVED, "2026-11-20")
    assert complaint.action_taken == "Check the soup kettle"
    assert ae.linked_open_complaint(workbook, action_id) is None
    workbook.undo()  # one step: both
    assert fb.get_item(workbook, item).status == fb.OPEN
    assert ac.get_action(workbook, action_id).status == ac.PLANNED
    ae.set_status(workbook, action_id, ac.DONE, today=TODAY)  # without: left open
    assert fb.get_item(workbook, item).status == fb.OPEN


def test_the_list_order_filters_and_search(workbook: Workbook) -> None:
    late = add(workbook, "Late one", due_on="2026-11-01")
    soon = add(workbook, "Soon one", due_on="2026-12-01")
    undated = add(workbook, "No date")
    done = add(workbook, "Done one", status="done", done_on="2026-10-01", outcome="Queue halved")
    dropped = add(workbook, "Dropped one", status="dropped", outcome="Too dear")
    assert [a.id for a in ac.list_actions(workbook)] == [late, soon, undated, done, dropped]
    assert ac.action_ids(workbook) == [late, soon, undated, done, dropped]
    assert ac.action_ids(workbook, ac.ActionFilter(status="open")) == [late, soon, undated]
    assert ac.action_ids(workbook, ac.ActionFilter(search="QUEUE")) == [done]
    assert ac.get_action(workbook, late).days_overdue(TODAY) == 21
    ae.set_share(workbook, done, True)
    assert ac.action_ids(workbook, ac.ActionFilter(shared=True)) == [done]
    ae.delete_actions(workbook, [late, soon])
    assert workbook.history.undo_label == "Delete 2 actions"
    assert ac.count_actions(workbook) == 3
