"""Each next-step rule of the Overview, on a workbook made to trigger it."""

from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import hiring, kpi_entries, overview, team
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.model.months import month_label
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def steps(wb: Workbook) -> list[str]:
    return [s.text for s in overview.overview(wb, TODAY).next_steps]


def test_new_workbook_is_empty_and_gets_first_steps(workbook: Workbook) -> None:
    o = overview.overview(workbook, TODAY)
    assert o.empty and o.business == "Corner Café"
    assert [title for title, _, _ in overview.FIRST_STEPS][0] == "Ask the team"
    texts = steps(workbook)
    assert texts[0] == "Add the people on your team"
    assert "Ask the team: start a questionnaire round" in texts
    assert "Write down your core values" in texts
    assert "Enter your first month of KPIs" in texts


def test_steps_are_sorted_by_priority(workbook: Workbook) -> None:
    priorities = [s.priority for s in overview.overview(workbook, TODAY).next_steps]
    assert priorities == sorted(priorities)


def enter_month(wb: Workbook, month: str, values: dict[str, float]) -> None:
    with wb.transaction() as db:
        for key, value in values.items():
            kpi_id = wb.query_one("SELECT id FROM kpis WHERE key = ?", (key,))["id"]
            db.table("kpi_entries").insert({"kpi_id": kpi_id, "month": month, "value": value})


def test_missing_last_month_comes_first(workbook: Workbook) -> None:
    team.add_member(workbook, "Ana")
    enter_month(workbook, "2026-09", {"csat": 90, "nps": 50})
    texts = steps(workbook)
    assert texts[0] == "October 2026's KPIs are not entered"
    enter_month(workbook, "2026-10", {"csat": 80, "nps": 50})
    texts = steps(workbook)
    assert not any("not entered" in t for t in texts)
    assert "Off target in October 2026: Customer satisfaction (CSAT)" in texts
    assert "Review October 2026's KPIs and write what you will do next" in texts


def test_kpi_card_has_arrows_and_status(workbook: Workbook) -> None:
    enter_month(workbook, "2026-09", {"csat": 80})
    enter_month(workbook, "2026-10", {"csat": 90})
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "kpis")
    (line,) = card.kpi_lines
    assert (line.arrow, line.better, line.status) == ("▲", True, "on")


def test_overdue_standards(workbook: Workbook) -> None:
    ids = [s.id for s in st.list_standards(workbook)][:3]
    st.mark_reviewed(workbook, ids, on="2025-01-10", today=TODAY)
    assert "3 standards are overdue for review" in steps(workbook)
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "standards")
    assert card.attention


def test_round_waiting_for_answers(workbook: Workbook) -> None:
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo", "Chidi")]
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    first = qn.round_questions(workbook, round_id)[0]
    qn.save_response(workbook, round_id, people[0], {first.id: "Warmth"})
    assert "1 of 3 people have answered “March”" in steps(workbook)
    qn.update_round(workbook, round_id, "March", "2026-03-01", closed=True)
    assert not any("have answered" in t for t in steps(workbook))


def test_philosophy_publish_and_review_due(workbook: Workbook) -> None:
    assert "Publish your customer-service philosophy" in steps(workbook)
    ph.add_value(workbook, "Warmth")
    ph.publish(workbook, on=dt.date(2025, 10, 1))
    texts = steps(workbook)
    assert "Publish your customer-service philosophy" not in texts
    assert "Review the philosophy with the team (last published 1 October 2025)" in texts


@pytest.mark.parametrize(
    ("gap", "text"),
    [
        ("standard", "No standard serves the value “Warmth”"),
        ("criterion", "No hiring criterion looks for the value “Warmth”"),
        ("kpi", "No KPI shows the value “Warmth” yet: give one of its standards a KPI"),
    ],
)
def test_value_gaps(workbook: Workbook, gap: str, text: str) -> None:
    ph.add_value(workbook, "Warmth")
    assert text in steps(workbook)


def test_unanchored_standards_and_candidates(workbook: Workbook) -> None:
    n = len(st.list_standards(workbook, status="active"))
    assert f"{n} standards are not linked to any value" in steps(workbook)
    hiring.add_candidate(workbook, hiring.CandidateInput("Dana", "Barista"))
    assert "1 candidate is waiting for a decision" in steps(workbook)


def test_demo_overview_reads_true(demo_workbook: Workbook) -> None:
    o = overview.overview(demo_workbook, TODAY)
    assert not o.empty
    texts = [s.text for s in o.next_steps]
    assert any("overdue for review" in t for t in texts)
    assert any("shows the value" in t or "No standard" in t or "No hiring" in t for t in texts)


def test_cards_count_what_the_sections_list(demo_workbook: Workbook) -> None:
    """The Overview counts with its own aggregate queries (fast on a large workbook): they
    must agree with the sections' own functions."""
    o = overview.overview(demo_workbook, TODAY)
    cards = {c.page: c for c in o.cards}
    members = team.list_members(demo_workbook)
    active = [m for m in members if m.active]
    assert cards["team"].headline == f"{len(active)} people"
    rnd = qn.latest_round(demo_workbook)
    assert rnd is not None and cards["questionnaire"].headline == rnd.name
    responses = qn.list_responses(demo_workbook, rnd.id)
    ids = {m.id for m in active}
    answered = len(responses) if rnd.anonymous else sum(r.member_id in ids for r in responses)
    could = [m for m in active if not m.start_date or m.start_date <= rnd.held_on]
    answered = min(answered, len(could))
    assert f"{answered} of {len(could)} on the team answered" in cards["questionnaire"].lines
    assert hiring.IN_PROGRESS == ("interviewing", "offered")  # as the Overview's query counts
    waiting = hiring.candidates_in_progress(demo_workbook)
    assert cards["hiring"].headline == f"{waiting} candidates in progress"
    standards = st.list_standards(demo_workbook, status="active")
    overdue = [s for s in standards if s.overdue(TODAY)]
    assert cards["standards"].headline == f"{len(standards)} standards"
    assert f"{len(overdue)} overdue for review" in cards["standards"].lines
    poster = sum(1 for s in standards if s.on_poster)
    assert f"{poster} on the break-room poster" in cards["standards"].lines
    version = ph.list_versions(demo_workbook)[0].number
    assert cards["philosophy"].headline == f"Version {version}"
    latest = kpi_entries.latest_month(demo_workbook)
    assert latest is not None and cards["kpis"].title == f"KPIs, {month_label(latest)}"


def test_latest_round_and_anonymous_answers(workbook: Workbook) -> None:
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo")]
    qn.create_round(workbook, "Later", "2026-05-01")
    anon = qn.create_round(workbook, "Earlier", "2026-04-01", anonymous=True)
    qn.create_round(workbook, "Same day, made second", "2026-05-01")
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "questionnaire")
    assert card.headline == qn.latest_round(workbook).name == "Same day, made second"
    first = qn.round_questions(workbook, anon)[0]
    qn.save_response(workbook, anon, None, {first.id: "Warmth"})
    qn.save_response(workbook, anon, None, {first.id: "Speed"})
    for rnd in qn.list_rounds(workbook):
        if rnd.id != anon:
            qn.delete_round(workbook, rnd.id)
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "questionnaire")
    assert "2 of 2 on the team answered" in card.lines  # anonymous: every response counts
    team.set_active(workbook, people[1], False, today=TODAY)  # Bo left after the round
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "questionnaire")
    assert "2 of 2 on the team answered" in card.lines  # on the team that day: still counted
    team.update_member(workbook, people[1], "Bo", active=False, left_on="2026-03-31", today=TODAY)
    card = next(c for c in overview.overview(workbook, TODAY).cards if c.page == "questionnaire")
    assert "1 of 1 on the team answered" in card.lines  # never more than could answer


def test_people_who_started_after_the_round_are_not_waited_for(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana", start_date="2025-01-10")
    team.add_member(workbook, "Bo", start_date="2026-06-01")  # joined after the round
    team.add_member(workbook, "Cy")  # start date not known: counted
    rnd = qn.create_round(workbook, "Spring", "2026-04-01")
    first = qn.round_questions(workbook, rnd)[0]
    qn.save_response(workbook, rnd, ana, {first.id: "Warmth"})
    o = overview.overview(workbook, TODAY)
    card = next(c for c in o.cards if c.page == "questionnaire")
    assert "1 of 2 on the team answered" in card.lines
    assert any("1 of 2 people have answered" in s.text for s in o.next_steps)


def test_people_who_left_after_the_round_count_and_those_gone_before_do_not(
    workbook: Workbook,
) -> None:
    ana = team.add_member(workbook, "Ana", start_date="2025-01-10")
    bo = team.add_member(workbook, "Bo", start_date="2025-01-10")
    cy = team.add_member(workbook, "Cy", start_date="2025-01-10")
    rnd = qn.create_round(workbook, "Spring", "2026-04-01")
    first = qn.round_questions(workbook, rnd)[0]
    qn.save_response(workbook, rnd, bo, {first.id: "Speed"})
    team.update_member(workbook, bo, "Bo", active=False, left_on="2026-06-30", today=TODAY)
    team.update_member(workbook, cy, "Cy", active=False, left_on="2026-03-15", today=TODAY)
    o = overview.overview(workbook, TODAY)
    card = next(c for c in o.cards if c.page == "questionnaire")
    # Ana and Bo were on the team on 1 April; Bo's answer counts though he has left since
    assert "1 of 2 on the team answered" in card.lines
    assert ana in {m.id for m in team.list_members(workbook, active_only=True)}
