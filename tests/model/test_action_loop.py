"""The loop (issue 19): a finding becomes an action, the action is done, and it shows on the
Overview, in the monthly review, on the KPI chart with the averages before and after, and
on the "You said, we did" wall print."""

from __future__ import annotations

import datetime as dt

from helpers.dates import FIXED_TODAY

from cscoach.model import action_loop as loop
from cscoach.model import actions as ac
from cscoach.model import actions_edit as ae
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model import kpi_entries, kpi_series, kpis, overview, questionnaire, team
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook

TODAY = FIXED_TODAY  # 22 November 2026


def add(wb: Workbook, title: str, **kw: object) -> int:
    return ae.add_action(wb, ae.ActionInput(title, **kw), today=TODAY)  # type: ignore[arg-type]


def test_overdue_counts_and_a_gentle_warning_on_the_overview(workbook: Workbook) -> None:
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "actions")
    assert card.headline == "No actions yet" and not card.attention
    ana = team.add_member(workbook, "Ana")
    late = add(workbook, "Fix the door bell", due_on="2026-11-10", owner_id=ana)
    add(workbook, "Older one", due_on="2026-11-01", status="doing")
    for n in range(3):
        add(workbook, f"Ana's job {n}", owner_id=ana, due_on="2026-12-20")
    add(workbook, "Done one", status="done", done_on="2026-10-01")
    add(workbook, "Dropped one", status="dropped")
    assert [a.title for a in loop.overdue_actions(workbook, TODAY)] == [
        "Older one",
        "Fix the door bell",
    ]
    assert loop.status_counts(workbook) == {"planned": 4, "doing": 1, "done": 1, "dropped": 1}
    assert loop.busy_owners(workbook) == [loop.BusyOwner(ana, "Ana", 4)]

    o = overview.overview(workbook, TODAY)
    card = next(c for c in o.cards if c.page == "actions")
    assert card.headline == "5 open" and card.attention
    assert card.lines[0] == "4 planned, 1 doing, 1 done, 1 dropped"
    steps = {s.text: s for s in o.next_steps if s.page == "actions"}
    overdue = steps["2 actions are overdue — the oldest by 21 days"]
    assert (overdue.kind, overdue.priority) == ("overdue", overview.OVERDUE_ACTIONS_PRIORITY)
    busy = steps["Ana has 4 open actions: finishing two or three first works better"]
    assert (busy.kind, busy.item_id) == ("owner", ana)
    done_a_while = steps["1 action was done a month or more ago: did it help?"]
    assert done_a_while.kind == "helped"
    ae.set_status(workbook, late, ac.DONE, today=TODAY)
    o = overview.overview(workbook, TODAY)
    assert "1 action is overdue — by 21 days" in [s.text for s in o.next_steps]
    assert not any(s.kind == "owner" for s in o.next_steps)  # Ana is down to three


def test_the_monthly_review_ticks_off_and_looks_ahead(workbook: Workbook) -> None:
    due_in_october = add(workbook, "Due in October", due_on="2026-10-15")
    old_open = add(workbook, "Still open from September", due_on="2026-09-10")
    done_in_october = add(workbook, "Done in October", status="done", done_on="2026-10-20")
    add(workbook, "Done in September", status="done", done_on="2026-09-20")
    due_in_november = add(workbook, "Due in November", due_on="2026-11-30")
    add(workbook, "Dropped, November", due_on="2026-11-12", status="dropped")
    add(workbook, "No date")
    review = loop.review_actions(workbook, "2026-10", TODAY)
    assert {a.id for a in review.to_tick} == {due_in_october, old_open, done_in_october}
    assert [a.id for a in review.coming] == [due_in_november]
    assert review.coming_month == "2026-11"
    # done on 20 October, 33 days before today: did it help?
    assert [a.title for a in review.did_it_help] == ["Done in October", "Done in September"]
    ae.answer_helped(workbook, done_in_october, "not yet", today=TODAY)
    assert [a.title for a in loop.awaiting_helped(workbook, TODAY)] == ["Done in September"]
    later = TODAY + dt.timedelta(days=ac.HELPED_AFTER_DAYS)
    assert "Done in October" in [a.title for a in loop.awaiting_helped(workbook, later)]
    # the tick: marking done at the review moves it to done in the month it was done
    ae.set_status(workbook, due_in_october, ac.DONE, today=TODAY, done_on="2026-10-31")
    assert ac.get_action(workbook, due_in_october).done_on == "2026-10-31"
    # a new action written at the review is a real action, found from the review
    new = add(workbook, "Try a loyalty card", source=ac.Source.review("2026-10"))
    assert [a.id for a in ac.actions_for_review(workbook, "2026-10")] == [new]


def test_a_kpi_chart_marks_the_month_an_action_was_done(workbook: Workbook) -> None:
    csat = kpis.kpi_by_key(workbook, "csat")
    values = {
        "2026-03": 80.0,
        "2026-04": 81.0,
        "2026-05": 82.0,
        "2026-06": 84.0,  # the month it was done: in neither average
        "2026-07": 86.0,
        "2026-08": 87.0,
        "2026-09": 88.0,
    }
    for month, value in values.items():
        kpi_entries.set_entry(workbook, csat.id, month, value, today=TODAY)
    action = add(
        workbook,
        "Train everyone on the new till",
        source=ac.Source.kpi_month(csat.id, "2026-05"),
    )
    assert loop.kpi_marks(workbook, csat.id) == []
    ae.set_status(workbook, action, ac.DONE, today=TODAY, done_on="2026-06-14")
    (mark,) = loop.kpi_marks(workbook, csat.id)
    assert (mark.month, mark.titles, mark.before, mark.after) == (
        "2026-06",
        ("Train everyone on the new till",),
        81.0,
        87.0,
    )
    assert mark.tooltip == (
        "Done in June 2026: Train everyone on the new till\n"
        f"{csat.name}, 3-month average: {format_value(81.0, csat.unit)} before, "
        f"{format_value(87.0, csat.unit)} after"
    )
    series = kpi_series.series(workbook, csat.id, "2026-01", "2026-12")
    assert [m.month for m in series.marks] == ["2026-06"]
    assert kpi_series.series(workbook, csat.id, "2026-07", "2026-12").marks == ()
    assert loop.kpi_marks(workbook, csat.id, first="2026-07") == []


def test_you_said_we_did_lists_shared_actions_done_and_dropped(workbook: Workbook) -> None:
    theme = th.list_themes(workbook)[0]  # Wait time
    item = fe.add_item(
        workbook, fb.FeedbackInput("2026-10-02", "suggestion", "Oat milk, please!"), today=TODAY
    )
    round_id = questionnaire.create_round(workbook, "Autumn 2026", "2026-09-01")
    question = questionnaire.round_questions(workbook, round_id)[0]
    add(
        workbook,
        "A second barista at the Saturday rush",
        source=ac.Source.feedback_theme(theme.id),
        status="done",
        done_on="2026-11-01",
        outcome="Saturday waits are down to five minutes",
        share=True,
    )
    add(
        workbook,
        "Oat milk on the menu",
        source=ac.Source.feedback_item(item),
        status="done",
        done_on="2026-10-10",
        share=True,
    )
    add(
        workbook,
        "A quieter staff room",
        source=ac.Source.question(question.id),
        status="dropped",
        outcome="The landlord will not let us move the wall",
        share=True,
    )
    add(workbook, "Not shared", status="done", done_on="2026-11-02")
    add(workbook, "Too long ago", status="done", done_on="2026-04-01", share=True)
    wall = loop.you_said_we_did(workbook, TODAY)
    assert wall.business == "Corner Café" and wall.since == "2026-05-22"
    assert [(i.said, i.did, i.outcome) for i in wall.done] == [
        (
            "Many of you mentioned wait time",
            "A second barista at the Saturday rush",
            "Saturday waits are down to five minutes",
        ),
        ("“Oat milk, please!”", "Oat milk on the menu", ""),
    ]
    (dropped,) = wall.dropped
    assert dropped.said == "From our team questionnaire"
    assert dropped.outcome == "The landlord will not let us move the wall"
    assert wall.left_out == 0


def test_the_wall_print_keeps_to_eight_items(workbook: Workbook) -> None:
    for n in range(12):
        add(workbook, f"Done {n}", status="done", done_on=f"2026-11-{n + 1:02d}", share=True)
    for n in range(3):
        add(workbook, f"Dropped {n}", status="dropped", share=True)
    wall = loop.you_said_we_did(workbook, TODAY)
    assert len(wall.done) + len(wall.dropped) == loop.WALL_ITEMS
    assert len(wall.dropped) == loop.WALL_DROPPED
    assert wall.done[0].did == "Done 11"  # newest first
    assert wall.left_out == 7


def test_the_whole_loop_from_a_complaint_to_did_it_help(workbook: Workbook) -> None:
    """Finding → action → done (the complaint resolved with it) → ticked in the review →
    on the wall → asked "did it help?" a month later → answered."""
    complaint = fe.add_item(
        workbook,
        fb.FeedbackInput("2026-10-03", "complaint", "Nobody greeted us for five minutes"),
        today=TODAY,
    )
    kwame = team.add_member(workbook, "Kwame")
    action = add(
        workbook,
        "Greet every customer within 30 seconds",
        source=ac.Source.feedback_item(complaint),
        owner_id=kwame,
        due_on="2026-10-20",
        share=True,
    )
    assert [a.id for a in ac.actions_for_feedback_item(workbook, complaint)] == [action]
    ae.set_status(
        workbook, action, ac.DONE, today=TODAY, done_on="2026-10-18", resolve_complaint=True
    )
    assert fb.get_item(workbook, complaint).status == fb.RESOLVED
    review = loop.review_actions(workbook, "2026-10", TODAY)
    assert [a.id for a in review.to_tick] == [action]
    assert [i.did for i in loop.you_said_we_did(workbook, TODAY).done] == [
        "Greet every customer within 30 seconds"
    ]
    assert [a.id for a in review.did_it_help] == [action]  # 35 days ago
    ae.answer_helped(workbook, action, ac.HELPED_YES, today=TODAY)
    assert loop.awaiting_helped(workbook, TODAY) == []
    assert ac.get_action(workbook, action).helped_on == TODAY.isoformat()


def test_awaiting_helped_is_each_actions_own_rule_in_one_query(workbook: Workbook) -> None:
    """The query lists exactly the done actions ``Action.awaiting_helped`` picks, newest
    first: unanswered a month after, "not yet" asked again a month after it was given."""
    for n, day in enumerate(("2026-08-01", "2026-10-20", "2026-10-25", "2026-10-26")):
        add(workbook, f"Unanswered {n}", status="done", done_on=day)
    yes = add(workbook, "Helped", status="done", done_on="2026-08-02")
    ae.answer_helped(workbook, yes, "yes", today=dt.date(2026, 9, 1))
    for n, day in enumerate((dt.date(2026, 10, 1), dt.date(2026, 11, 1))):
        later = add(workbook, f"Not yet {n}", status="done", done_on="2026-08-03")
        ae.answer_helped(workbook, later, "not yet", today=day)
    add(workbook, "Open", due_on="2026-08-01")
    for today in (TODAY, dt.date(2026, 9, 1), dt.date(2027, 1, 1)):
        expected = [a for a in loop.done_actions(workbook) if a.awaiting_helped(today)]
        assert loop.awaiting_helped(workbook, today) == expected
    assert [a.title for a in loop.awaiting_helped(workbook, TODAY)] == [
        "Unanswered 2",
        "Unanswered 1",
        "Not yet 0",
        "Unanswered 0",
    ]


def test_a_question_let_pass_for_four_months_is_no_longer_asked(workbook: Workbook) -> None:
    add(workbook, "Done in May", status="done", done_on="2026-05-20")  # 186 days before
    add(workbook, "Done in August", status="done", done_on="2026-08-20")
    left = add(workbook, "Not yet in June", status="done", done_on="2026-05-01")
    ae.answer_helped(workbook, left, "not yet", today=dt.date(2026, 6, 15))
    assert [a.title for a in loop.awaiting_helped(workbook, TODAY)] == ["Done in August"]
    assert [a.title for a in loop.awaiting_helped(workbook, dt.date(2026, 9, 1))] == [
        "Done in May",  # 104 days after: still asked
        "Not yet in June",
    ]
