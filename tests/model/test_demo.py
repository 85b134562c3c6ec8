"""The demo workbook: healthy, complete, coherent, and the same story on any day."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import stat
import time
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import demo, philosophy, questionnaire, standards, team
from cscoach.model.errors import WorkbookError
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook

STARTER_CATEGORIES = [
    "In person",
    "Phone",
    "Email & messages",
    "Online & social",
    "Complaints & recovery",
    "Follow-up",
]


def months_back(today: dt.date, n: int) -> str:
    index = today.year * 12 + today.month - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(earlier: str, later: str) -> int:
    """Calendar months from one ISO date to another (31 December to 30 June is six)."""
    a, b = dt.date.fromisoformat(earlier), dt.date.fromisoformat(later)
    return (b.year - a.year) * 12 + b.month - a.month


def test_demo_is_a_healthy_private_workbook(tmp_path: Path) -> None:
    path = tmp_path / "demo.cscoach"
    demo.create_demo(path)
    assert check_workbook(path) == []
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.cscoach"]  # no lock left


def test_demo_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.cscoach"
    path.write_bytes(b"precious")
    with pytest.raises(WorkbookError, match="already exists"):
        demo.create_demo(path)
    assert path.read_bytes() == b"precious"


def test_a_failure_half_way_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    def broken(*_args) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo, "_add_kpis", broken)
    path = tmp_path / "demo.cscoach"
    with pytest.raises(RuntimeError):
        demo.create_demo(path)
    assert list(tmp_path.iterdir()) == []


def test_every_table_has_rows(demo_workbook: Workbook) -> None:
    tables = [
        r["name"]
        for r in demo_workbook.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert len(tables) >= 25
    empty = [t for t in tables if not demo_workbook.query_one(f"SELECT 1 AS x FROM {t} LIMIT 1")]
    assert empty == []


def test_business_and_settings(demo_workbook: Workbook) -> None:
    from cscoach.model import settings

    assert settings.business_name(demo_workbook) == "The Corner Café"
    assert settings.page_size(demo_workbook) == "a4"


def test_six_person_team_and_one_former_member(demo_workbook: Workbook) -> None:
    active = team.list_members(demo_workbook, active_only=True)
    assert len(active) == 6
    assert len({m.role for m in active}) >= 4
    everyone = team.list_members(demo_workbook)
    former = [m for m in everyone if not m.active]
    assert [m.name for m in former] == ["Sofia Lindqvist"]
    assert all(m.start_date and m.start_date < FIXED_TODAY.isoformat() for m in everyone)


def test_two_rounds_six_months_apart(demo_workbook: Workbook) -> None:
    latest, first = questionnaire.list_rounds(demo_workbook)
    assert months_between(first.held_on, latest.held_on) == 6
    assert (first.held_on, latest.held_on) == ("2026-04-22", "2026-10-22")
    assert latest.held_on < FIXED_TODAY.isoformat()
    for rnd in (first, latest):
        day = dt.date.fromisoformat(rnd.held_on)
        assert rnd.name == f"Team meeting, {day:%B} {day.year}"
    assert (first.anonymous, first.closed) == (False, True)
    assert (latest.anonymous, latest.closed) == (True, False)
    assert first.responses == 6 and latest.responses == 5


def test_rounds_freeze_the_questions_they_asked(demo_workbook: Workbook) -> None:
    latest, first = questionnaire.list_rounds(demo_workbook)
    bank = {q.id: q for q in questionnaire.list_questions(demo_workbook)}
    asked_first = questionnaire.round_questions(demo_workbook, first.id)
    asked_latest = questionnaire.round_questions(demo_workbook, latest.id)
    assert len(asked_first) == 14 and len(asked_latest) == 15
    for rq in asked_first + asked_latest:
        q = bank[rq.question_id]
        assert (rq.section, rq.text, rq.kind) == (q.section, q.text, q.kind)
    assert [rq.position for rq in asked_latest] == list(range(1, 16))
    # the owner's own 1-5 question joined the bank between the rounds
    assert [rq.kind for rq in asked_first] == ["text"] * 14
    assert asked_latest[-1].kind == "rating"


def test_named_and_anonymous_responses(demo_workbook: Workbook) -> None:
    latest, first = questionnaire.list_rounds(demo_workbook)
    named = questionnaire.list_responses(demo_workbook, first.id)
    assert all(r.member_id is not None for r in named)
    assert "Sofia Lindqvist" in {r.member_name for r in named}
    anonymous = questionnaire.list_responses(demo_workbook, latest.id)
    assert all(r.member_id is None for r in anonymous)
    keys = [r.shuffle_key for r in named + anonymous]
    assert len(set(keys)) == len(keys)


def test_every_question_has_varied_answers(demo_workbook: Workbook) -> None:
    lengths = []
    for rnd in questionnaire.list_rounds(demo_workbook):
        for rq in questionnaire.round_questions(demo_workbook, rnd.id):
            found = questionnaire.answers_to_question(demo_workbook, rnd.id, rq.id)
            assert len(found.answers) >= 3, (rnd.name, rq.text)
            texts = [a.answer.text for a in found.answers]
            if rq.kind == "rating":
                assert found.mean is not None and len(set(found.distribution.values())) > 1
                assert all(a.answer.rating in range(1, 6) for a in found.answers)
            else:
                assert all(t.strip() for t in texts)
                assert len(set(texts)) == len(texts)  # no copy-pasted answers
                lengths += [len(t) for t in texts]
            if rnd.anonymous:
                assert all(a.label.startswith("Response ") for a in found.answers)
    assert min(lengths) < 25  # someone answered in a few words
    assert max(lengths) > 800  # and someone wrote a lot
    # not everyone answered everything
    answers = demo_workbook.query_one("SELECT count(*) AS n FROM answers")["n"]
    assert answers < 6 * 14 + 5 * 15


def test_published_philosophy_with_four_values(demo_workbook: Workbook) -> None:
    values = philosophy.list_values(demo_workbook)
    assert len(values) == 4 and all(v.meaning for v in values)
    sections = philosophy.list_sections(demo_workbook)
    assert sections and all(s.body.strip() for s in sections)
    (version,) = philosophy.list_versions(demo_workbook)
    assert version.number == 1 and version.note
    assert version.business_name == "The Corner Café"
    published = dt.date.fromisoformat(version.published_on)
    assert 60 < (FIXED_TODAY - published).days < 250
    content = philosophy.version_content(demo_workbook, 1)
    draft = philosophy.draft_content(demo_workbook)
    assert content.values == draft.values
    assert [t for t, _ in content.sections] == [t for t, _ in draft.sections]
    assert all(body.strip() for _, body in content.sections)
    assert philosophy.draft_differs_from_latest(demo_workbook)  # edited since publishing
    assert not philosophy.review_status(demo_workbook, today=FIXED_TODAY).due
    assert standards.one_clear_message(demo_workbook)


def test_about_fifteen_standards_some_overdue(demo_workbook: Workbook) -> None:
    every = standards.list_standards(demo_workbook)
    active = [s for s in every if s.active]
    assert 13 <= len(active) <= 17
    assert len(every) - len(active) == 1  # one retired
    assert set(STARTER_CATEGORIES) <= {s.category for s in active}
    assert all(1 <= len(s.values) <= 2 for s in every)
    assert sum(s.kpi_id is not None for s in active) >= 5
    assert sum(s.owner_id is not None for s in active) >= 12
    assert 5 <= sum(s.on_poster for s in active) <= 10
    assert len({s.review_months for s in active}) >= 2
    assert all(s.reviews for s in every)
    assert all(s.last_reviewed >= s.created_on for s in every)
    overdue = standards.list_standards(demo_workbook, status="overdue", today=FIXED_TODAY)
    assert len(overdue) == 2
    assert standards.overdue_count(demo_workbook, today=FIXED_TODAY) == 2


def test_hiring_with_four_scored_candidates(demo_workbook: Workbook) -> None:
    criteria = demo_workbook.query("SELECT id, key FROM hiring_criteria ORDER BY position")
    assert len(criteria) == 5 and all(c["key"] for c in criteria)
    linked = demo_workbook.query("SELECT DISTINCT criterion_id FROM criterion_values")
    assert len(linked) == 5
    candidates = demo_workbook.query("SELECT * FROM candidates ORDER BY id")
    assert len(candidates) == 4
    assert len({c["role"] for c in candidates}) == 2
    statuses = sorted(c["status"] for c in candidates)
    assert statuses == ["hired", "interviewing", "not hired", "offered"]
    assert all(c["interview_date"] and c["notes"] for c in candidates)
    unscored = []
    for c in candidates:
        scores = demo_workbook.query(
            "SELECT score, note FROM candidate_scores WHERE candidate_id = ?", (c["id"],)
        )
        assert all(1 <= s["score"] <= 5 for s in scores)
        unscored.append(len(criteria) - len(scores))
    assert sorted(unscored) == [0, 0, 0, 1]
    assert (
        demo_workbook.query_one("SELECT count(*) AS n FROM candidate_scores WHERE note != ''")["n"]
        >= 8
    )
    hired = next(c for c in candidates if c["status"] == "hired")
    assert hired["name"] in {m.name for m in team.list_members(demo_workbook, active_only=True)}


def _entries(wb: Workbook) -> list[dict]:
    return wb.query(
        "SELECT k.key, k.min_value, k.max_value, e.month, e.value, e.note, e.counts "
        "FROM kpi_entries e JOIN kpis k ON k.id = e.kpi_id ORDER BY k.position, e.month"
    )


def test_eighteen_months_of_kpis_with_one_month_missing(demo_workbook: Workbook) -> None:
    today = FIXED_TODAY
    span = [months_back(today, n) for n in range(18, 0, -1)]
    missing = months_back(today, 6)
    assert demo.missing_month(today) == missing
    entries = _entries(demo_workbook)
    by_kpi: dict[str, list[str]] = {}
    for e in entries:
        by_kpi.setdefault(e["key"], []).append(e["month"])
    assert set(by_kpi) == {"csat", "nps", "retention", "resolution_time"}
    for months in by_kpi.values():
        assert months == [m for m in span if m != missing]
    assert len(entries) == 4 * 17


def test_kpi_values_match_their_counts_and_ranges(demo_workbook: Workbook) -> None:
    from_counts = 0
    for e in _entries(demo_workbook):
        value = e["value"]
        assert math.isfinite(value)
        if e["min_value"] is not None:
            assert value >= e["min_value"]
        if e["max_value"] is not None:
            assert value <= e["max_value"]
        if e["counts"] is None:
            continue
        from_counts += 1
        c = json.loads(e["counts"])
        assert all(isinstance(n, int | float) and n >= 0 for n in c.values())
        if e["key"] == "csat":
            assert c["satisfied"] <= c["total"]
            expected = c["satisfied"] / c["total"] * 100
        elif e["key"] == "nps":
            total = c["promoters"] + c["passives"] + c["detractors"]
            expected = (c["promoters"] - c["detractors"]) / total * 100
        elif e["key"] == "retention":
            start, end, new = c["customers_start"], c["customers_end"], c["new_customers"]
            assert new <= end and end - new <= start
            expected = (end - new) / start * 100
        else:
            expected = c["total_hours"] / c["issues_resolved"]
        assert value == pytest.approx(expected, rel=1e-12), e
    assert from_counts >= 30


def test_kpi_counts_are_what_the_kpi_model_reads(demo_workbook: Workbook) -> None:
    kpi_counts = pytest.importorskip("cscoach.model.kpi_counts")
    for e in _entries(demo_workbook):
        if e["counts"] is not None:
            counts = json.loads(e["counts"])
            # The counter kiosk's part of them is kept beside them (kiosk_total, …).
            own = {k for k in counts if not k.startswith("kiosk_")}
            assert own == {f for f, _label, _whole in kpi_counts.COUNT_FIELDS[e["key"]]}
            assert kpi_counts.compute(e["key"], counts).value == e["value"]


def test_kpis_improve_gently_with_notes_target_change_and_reviews(
    demo_workbook: Workbook,
) -> None:
    entries = _entries(demo_workbook)
    for key, better in (("csat", 1), ("nps", 1), ("retention", 1), ("resolution_time", -1)):
        values = [e["value"] for e in entries if e["key"] == key]
        first, last = sum(values[:6]) / 6, sum(values[-6:]) / 6
        assert (last - first) * better > 0, key
        steps = [b - a for a, b in zip(values, values[1:], strict=False)]
        assert any(s * better < 0 for s in steps), f"{key} never dips: no noise"
    notes = [e["note"] for e in entries if e["note"]]
    assert 3 <= len(notes) <= 12
    assert any("espresso machine" in n for n in notes)
    targets = demo_workbook.query(
        "SELECT t.from_month, t.target FROM kpi_targets t JOIN kpis k ON k.id = t.kpi_id "
        "WHERE k.key = 'csat' ORDER BY t.from_month"
    )
    assert len(targets) == 2 and targets[1]["target"] > targets[0]["target"]
    reviews = demo_workbook.query("SELECT month, next_steps FROM monthly_reviews")
    months_with_data = {e["month"] for e in entries}
    assert len(reviews) >= 2
    assert all(r["month"] in months_with_data and r["next_steps"] for r in reviews)
    linked = demo_workbook.query("SELECT DISTINCT kpi_id FROM kpi_values")
    assert len(linked) == 4


def test_the_same_demo_on_the_same_day(tmp_path: Path) -> None:
    day = dt.date(2027, 3, 15)
    a, b = tmp_path / "a.cscoach", tmp_path / "b.cscoach"
    demo.create_demo(a, today=day)
    # the second one made in another second of the clock: a value written from the clock
    # rather than from the demo's day would differ
    second = int(time.time())
    while int(time.time()) == second:
        time.sleep(0.05)
    demo.create_demo(b, today=day)
    with Workbook.open(a, read_only=True) as wa, Workbook.open(b, read_only=True) as wb:

        def dump(w: Workbook) -> list[str]:  # each workbook has its own random id
            return [line for line in w.conn.iterdump() if "'workbook_uid'" not in line]

        assert dump(wa) == dump(wb)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 1, 31),
        dt.date(2026, 3, 31),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 31),
        dt.date(2027, 3, 1),
        dt.date(2028, 2, 29),
        dt.date(2030, 12, 1),
    ],
)
def test_the_story_holds_on_any_day(tmp_path: Path, day: dt.date) -> None:
    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=day)
    assert check_workbook(path) == []
    with Workbook.open(path, read_only=True) as wb:
        assert standards.overdue_count(wb, today=day) == 2
        months = sorted({e["month"] for e in _entries(wb)})
        assert months[-1] == months_back(day, 1) and months[0] == months_back(day, 18)
        assert len(months) == 17
        latest, first = questionnaire.list_rounds(wb)
        assert months_between(first.held_on, latest.held_on) == 6
        for rnd in (first, latest):
            held = dt.date.fromisoformat(rnd.held_on)
            assert rnd.name == f"Team meeting, {held:%B} {held.year}"
        dates = [r["d"] for r in wb.query("SELECT held_on AS d FROM rounds")]
        dates += [r["d"] for r in wb.query("SELECT reviewed_on AS d FROM standard_reviews")]
        dates += [r["d"] for r in wb.query("SELECT interview_date AS d FROM candidates")]
        dates += [r["d"] for r in wb.query("SELECT published_on AS d FROM philosophy_versions")]
        assert max(dates) < day.isoformat()


@pytest.mark.parametrize("day", [FIXED_TODAY, dt.date(2028, 2, 29), dt.date(2026, 12, 31)])
def test_the_feedback_tells_its_story(tmp_path: Path, day: dt.date) -> None:
    """About 60 items over 18 months: wait time recurs until the standard about calling for
    backup, praise names most of the team, three complaints open (two flagged), complaints
    linked to the standards they concern; every item as the model would accept it."""
    from cscoach.model import feedback as fb
    from cscoach.model import feedback_edit as fe
    from cscoach.model import feedback_patterns as fp

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=day)
    with Workbook.open(path, read_only=True) as wb:
        items = fb.list_items(wb, oldest_first=True)
        assert 55 <= len(items) <= 65
        assert items[0].received_on >= (day - dt.timedelta(days=18 * 31)).isoformat()
        assert items[-1].received_on <= day.isoformat()
        assert {i.kind for i in items} == set(fb.KINDS)
        known = fe.Known.read(wb)
        for item in items:
            fe.clean_input(wb, fb.FeedbackInput.from_item(item), day, known)
        (recurring,) = fp.recurring_themes(wb)
        assert recurring.name == "Wait time" and len(recurring.item_ids) >= 9
        backup = next(
            s for s in standards.list_standards(wb) if s.title.startswith("Call for backup")
        )
        assert recurring.latest.last < backup.created_on  # eased once the standard was up
        assert fp.recurring_now(wb, today=day) == []
        assert fp.standards_in_complaints(wb)[0].label == backup.title
        still_open = fp.open_complaints(wb, today=day)
        assert [c.overdue for c in still_open] == [True, True, False]
        praise = {t.label: t.count for t in fp.praise_by_member(wb)}
        assert len(praise) >= 5 and praise["Kwame Mensah"] >= 3 and praise["Aiko Tanaka"] >= 3
        assert "Sofia Lindqvist" in praise and "Liam O'Connor" in praise
        themes = {t.label for t in fp.counts_by_theme(wb)}
        assert "New menu" in themes and fp.NO_THEME in themes


@pytest.mark.parametrize("day", [FIXED_TODAY, dt.date(2028, 2, 29), dt.date(2026, 12, 31)])
def test_training_and_stories_tell_their_story(tmp_path: Path, day: dt.date) -> None:
    """Six sessions over the 18 months (one a role-play on complaints), each as the model
    would accept it; Tomasz's hygiene refresher overdue; three stories from compliments,
    the newest featured this month; Liam, the new starter, with his checklist still open."""
    from cscoach.model import overview, stories
    from cscoach.model import starter_checklist as sc
    from cscoach.model import training as tr
    from cscoach.model import training_record as rec

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=day)
    with Workbook.open(path, read_only=True) as wb:
        sessions = tr.list_sessions(wb)
        assert len(sessions) == 6
        assert sessions[-1].held_on >= (day - dt.timedelta(days=18 * 31)).isoformat()
        assert all(s.held(day) for s in sessions)
        for s in sessions:
            tr.clean_input(wb, tr.SessionInput.from_session(s), day, s)
        (role_play,) = [s for s in sessions if s.kind == tr.ROLE_PLAY]
        assert "omplaint" in role_play.topic and role_play.standards
        assert {s.kind for s in sessions} == set(tr.KINDS)
        assert {s.trainer for s in sessions} == {tr.BY_OWNER, tr.BY_MEMBER, tr.BY_OUTSIDE}
        overdue = [r for r in rec.refreshers(wb, today=day) if r.overdue(day)]
        assert [(r.member_name, r.topic) for r in overdue] == [("Tomasz Nowak", "Food hygiene")]
        assert rec.untrained_standards(wb, today=day)  # some standards still to train on

        told = stories.list_stories(wb)
        assert len(told) == 3 and all(s.feedback_item_id is not None for s in told)
        for story in told:
            stories.clean_input(wb, stories.StoryInput.from_story(story), day, story)
        this_month = day.strftime("%Y-%m")
        assert [s.id for s in stories.featured_stories(wb, this_month)] == [told[0].id]

        (liam,) = sc.open_checklists(wb, today=day)
        assert liam.name == "Liam O'Connor" and liam.overdue(day)
        assert [i.key for i in liam.open_items] == [sc.STANDARDS_SIGNED, sc.ONBOARDING]
        steps = [s.text for s in overview.overview(wb, day).next_steps]
        assert any(t.startswith("Liam O'Connor's first-weeks checklist") for t in steps)
        assert any(t.startswith("Refresher overdue: Food hygiene for Tomasz") for t in steps)
        card = next(c for c in overview.overview(wb, day).cards if c.page == "training")
        assert card.headline == "6 sessions held" and card.attention
        assert any(line.startswith("Story of the month: ") for line in card.lines)
