"""Hiring criteria, candidates, scores, the weighted score, ranking and comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscoach.model import hiring as hr
from cscoach.model import hiring_scorecard
from cscoach.model import philosophy as ph
from cscoach.model.errors import ReadOnlyError, ValidationError
from cscoach.model.workbook import Workbook

# The starter criteria and their weights: 5 + 4 + 5 + 3 + 3 = 20, so Σ(weight × 5) = 100.
STARTER = {
    "Empathy": 5,
    "Active listening": 4,
    "Genuine desire to solve problems": 5,
    "Clear communication": 3,
    "Product knowledge and willingness to learn": 3,
}


def criteria(wb: Workbook) -> dict[str, hr.Criterion]:
    return {c.quality: c for c in hr.list_criteria(wb)}


def candidate(wb: Workbook, name: str, role: str = "Barista", **kw) -> int:
    return hr.add_candidate(wb, hr.CandidateInput(name, role, **kw))


def score_all(wb: Workbook, candidate_id: int, scores: dict[str, int]) -> None:
    by_name = criteria(wb)
    for quality, value in scores.items():
        hr.set_score(wb, candidate_id, by_name[quality].id, value, f"note on {quality}")


def snapshot(wb: Workbook) -> dict[str, list]:
    tables = (
        "hiring_criteria",
        "criterion_questions",
        "criterion_values",
        "candidates",
        "candidate_scores",
    )
    return {t: wb.query(f"SELECT * FROM {t} ORDER BY rowid") for t in tables}


# -- criteria -------------------------------------------------------------------


def test_starter_criteria(workbook: Workbook) -> None:
    found = hr.list_criteria(workbook)
    assert {c.quality: c.weight for c in found} == STARTER
    assert all(c.active and len(c.questions) == 1 and c.scored == 0 for c in found)
    assert [c.position for c in found] == [1, 2, 3, 4, 5]
    assert found[0].good_signs and found[0].poor_signs and found[0].key == "empathy"
    assert found[0].possible == 25


def test_add_and_edit_a_criterion_with_questions_and_values(workbook: Workbook) -> None:
    kind = ph.add_value(workbook, "Kindness")
    care = ph.add_value(workbook, "Care")
    cid = hr.add_criterion(
        workbook,
        hr.CriterionInput(
            "Calm under <pressure> & noise",
            "Breathes, then acts.",
            "Snaps at people.",
            hr.questions_from_text("Tell me about a rush hour.\n\n  What do you do first?  \n"),
            "4",
            (care, kind),
        ),
    )
    c = hr.get_criterion(workbook, cid)
    assert c.quality == "Calm under <pressure> & noise"
    assert c.questions == ("Tell me about a rush hour.", "What do you do first?")
    assert c.weight == 4
    assert c.values == ("Kindness", "Care")  # in the values' own order
    assert c.position == 6
    hr.update_criterion(
        workbook, cid, hr.CriterionInput("Calm", questions=["Only one now"], weight=2)
    )
    c = hr.get_criterion(workbook, cid)
    assert (c.quality, c.questions, c.weight, c.values, c.good_signs) == (
        "Calm",
        ("Only one now",),
        2,
        (),
        "",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (hr.CriterionInput("", questions=["Q?"]), "quality"),
        (hr.CriterionInput("   ", questions=["Q?"]), "quality"),
        (hr.CriterionInput("Grit", questions=["Q?"], weight=0), "weight"),
        (hr.CriterionInput("Grit", questions=["Q?"], weight=6), "weight"),
        (hr.CriterionInput("Grit", questions=["Q?"], weight="3.5"), "weight"),
        (hr.CriterionInput("Grit", questions=["Q?"], weight="lots"), "weight"),
        (hr.CriterionInput("Grit", questions=[]), "questions"),
        (hr.CriterionInput("Grit", questions=["  ", ""]), "questions"),
        (hr.CriterionInput("Grit", questions=["Q\x00?"]), "questions"),
        (hr.CriterionInput("Gr\x00it", questions=["Q?"]), "quality"),
        (hr.CriterionInput("Grit\nand more", questions=["Q?"]), "quality"),
        (hr.CriterionInput("Grit", "a\x00", questions=["Q?"]), "good_signs"),
        (hr.CriterionInput("Grit", poor_signs="\ud800", questions=["Q?"]), "poor_signs"),
        (hr.CriterionInput("empathy", questions=["Q?"]), "quality"),  # already there
        (hr.CriterionInput("Grit", questions=["Q?"], value_ids=(999,)), "values"),
    ],
)
def test_bad_criterion_writes_nothing(workbook: Workbook, data, field) -> None:
    before = snapshot(workbook)
    with pytest.raises(ValidationError) as caught:
        hr.add_criterion(workbook, data)
    assert caught.value.field == field
    assert snapshot(workbook) == before
    first = hr.list_criteria(workbook)[0]
    if field != "quality" or data.quality.strip().casefold() != "empathy":
        with pytest.raises(ValidationError) as caught:
            hr.update_criterion(workbook, first.id, data)
        assert caught.value.field == field
    assert snapshot(workbook) == before


def test_reorder_retire_and_delete(workbook: Workbook) -> None:
    ids = [c.id for c in hr.list_criteria(workbook)]
    hr.move_criterion(workbook, ids[2], -1)
    assert [c.id for c in hr.list_criteria(workbook)] == [ids[0], ids[2], ids[1], *ids[3:]]
    hr.move_criterion(workbook, ids[0], -1)  # already first: nothing happens
    hr.move_criterion(workbook, ids[4], 5)  # already last
    assert [c.id for c in hr.list_criteria(workbook)][0] == ids[0]
    hr.set_criterion_active(workbook, ids[1], False)
    assert ids[1] not in [c.id for c in hr.list_criteria(workbook, include_retired=False)]
    assert not hr.get_criterion(workbook, ids[1]).active
    hr.set_criterion_active(workbook, ids[1], True)
    assert hr.get_criterion(workbook, ids[1]).active
    hr.delete_criterion(workbook, ids[3])
    remaining = hr.list_criteria(workbook)
    assert ids[3] not in [c.id for c in remaining]
    assert [c.position for c in remaining] == [1, 2, 3, 4]
    assert not workbook.query("SELECT * FROM criterion_questions WHERE criterion_id = ?", (ids[3],))


def test_a_scored_criterion_cannot_be_deleted_only_retired(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    empathy = criteria(workbook)["Empathy"]
    hr.set_score(workbook, ana, empathy.id, 4)
    before = snapshot(workbook)
    with pytest.raises(ValidationError, match="retire it instead") as caught:
        hr.delete_criterion(workbook, empathy.id)
    assert caught.value.field == "criterion"
    assert snapshot(workbook) == before
    assert hr.get_criterion(workbook, empathy.id).scored == 1


def test_unknown_criterion(workbook: Workbook) -> None:
    for call in (
        lambda: hr.get_criterion(workbook, 999),
        lambda: hr.delete_criterion(workbook, 999),
        lambda: hr.move_criterion(workbook, 999, 1),
        lambda: hr.set_criterion_active(workbook, 999, False),
        lambda: hr.update_criterion(workbook, 999, hr.CriterionInput("X", questions=["Q"])),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.field == "criterion"


# -- candidates -------------------------------------------------------------------


def test_add_and_edit_a_candidate(workbook: Workbook) -> None:
    cid = candidate(
        workbook, "Zoë <Ünï> & Привет", " Barista ", interview_date="2026-03-10", notes="Warm."
    )
    c = hr.get_candidate(workbook, cid)
    assert (c.name, c.role, c.interview_date, c.status, c.notes) == (
        "Zoë <Ünï> & Привет",
        "Barista",
        "2026-03-10",
        "interviewing",
        "Warm.",
    )
    assert c.status_label == "Interviewing"
    hr.update_candidate(workbook, cid, hr.CandidateInput("Zoë", "Cook", None, "Hired", "x"))
    c = hr.get_candidate(workbook, cid)
    assert (c.name, c.role, c.interview_date, c.status, c.notes) == (
        "Zoë",
        "Cook",
        None,
        "hired",
        "x",
    )
    hr.set_status(workbook, cid, "not hired")
    assert hr.get_candidate(workbook, cid).status == "not hired"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (hr.CandidateInput(""), "name"),
        (hr.CandidateInput("  \n "), "name"),
        (hr.CandidateInput("A\x00na"), "name"),
        (hr.CandidateInput("Ana\nBell"), "name"),
        (hr.CandidateInput("Ana", "Bar\x00ista"), "role"),
        (hr.CandidateInput("Ana", interview_date="2026-02-30"), "interview_date"),
        (hr.CandidateInput("Ana", interview_date="10/03/2026"), "interview_date"),
        (hr.CandidateInput("Ana", status="maybe"), "status"),
        (hr.CandidateInput("Ana", notes="\x00"), "notes"),
        (hr.CandidateInput("ben"), "name"),  # Ben is already a candidate
    ],
)
def test_bad_candidate_writes_nothing(workbook: Workbook, data, field) -> None:
    ben = candidate(workbook, "Ben")
    before = snapshot(workbook)
    with pytest.raises(ValidationError) as caught:
        hr.add_candidate(workbook, data)
    assert caught.value.field == field
    if data.name != "ben":
        with pytest.raises(ValidationError) as caught:
            hr.update_candidate(workbook, ben, data)
        assert caught.value.field == field
    assert snapshot(workbook) == before


def test_roles_and_filter(workbook: Workbook) -> None:
    candidate(workbook, "Ana", "Barista")
    candidate(workbook, "Ben", "barista ")
    candidate(workbook, "Cy", "Shift lead")
    candidate(workbook, "Di", "")
    assert hr.list_roles(workbook) == ["Barista", "Shift lead"]
    assert [c.name for c in hr.list_candidates(workbook, role="BARISTA")] == ["Ana", "Ben"]
    assert [c.name for c in hr.list_candidates(workbook)] == ["Ana", "Ben", "Cy", "Di"]
    assert hr.candidates_in_progress(workbook) == 4


def test_find_candidate_lists_close_matches(workbook: Workbook) -> None:
    with pytest.raises(ValidationError, match="no candidates yet"):
        hiring_scorecard.find_candidate(workbook, "Ana")
    ana = candidate(workbook, "Ana Costa")
    candidate(workbook, "Hannah Lee")
    candidate(workbook, "Ben Okafor")
    assert hiring_scorecard.find_candidate(workbook, "  ana   costa ").id == ana
    with pytest.raises(ValidationError) as caught:
        hiring_scorecard.find_candidate(workbook, "Ana Kosta")
    assert caught.value.field == "candidate"
    assert "There is no candidate called “Ana Kosta”" in caught.value.message
    assert "Did you mean “Ana Costa”" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        hiring_scorecard.find_candidate(workbook, "Ana")  # a part of the name is offered too
    assert "“Ana Costa”" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        hiring_scorecard.find_candidate(workbook, "Xavier")
    message = caught.value.message
    assert "Candidates: “Ana Costa”, “Ben Okafor”, “Hannah Lee”." in message


# -- scores and the weighted score --------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([(5, None), (3, None)], None),
        ([(5, 5)], 100.0),
        ([(5, 1)], 20.0),
        ([(5, 4), (3, 2)], (20 + 6) / 40 * 100),  # 65%
        ([(5, 4), (3, None)], 80.0),  # the missing one is left out, not counted as 0
        ([(1, 5), (5, 1)], (5 + 5) / 30 * 100),
    ],
)
def test_weighted_percent_examples(pairs, expected) -> None:
    result = hr.weighted_percent(pairs)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_format_percent() -> None:
    assert hr.format_percent(None) == "not scored"
    assert hr.format_percent(65.0) == "65%"
    assert hr.format_percent(78.57) == "79%"
    assert hr.format_percent(78.57, 1) == "78.6%"


def test_weighted_score_of_a_candidate_with_missing_criteria(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    summary = hr.score_summary(workbook, ana)
    assert summary.percent is None and summary.fraction is None
    assert summary.progress == "0 of 5 scored"
    assert summary.missing == tuple(STARTER)
    score_all(workbook, ana, {"Empathy": 4, "Clear communication": 2})
    summary = hr.score_summary(workbook, ana)
    # (5×4 + 3×2) ÷ (5×5 + 3×5) × 100 = 26 ÷ 40 × 100
    assert (summary.points, summary.possible) == (26, 40)
    assert summary.percent == pytest.approx(65.0)
    assert summary.progress == "2 of 5 scored"
    assert summary.missing == (
        "Active listening",
        "Genuine desire to solve problems",
        "Product knowledge and willingness to learn",
    )
    assert not summary.complete
    score_all(
        workbook,
        ana,
        {
            "Active listening": 5,
            "Genuine desire to solve problems": 3,
            "Product knowledge and willingness to learn": 4,
        },
    )
    summary = hr.score_summary(workbook, ana)
    # every weight × 5 adds up to 100, so the percentage is Σ weight × score
    assert summary.percent == pytest.approx(20 + 20 + 15 + 6 + 12)
    assert summary.complete and summary.progress == "5 of 5 scored"


def test_changing_and_clearing_a_score(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    empathy = criteria(workbook)["Empathy"].id
    hr.set_score(workbook, ana, empathy, "3", "Hesitant")
    hr.set_score(workbook, ana, empathy, 5, "Lovely <b>story</b> & more")
    assert hr.scores_for(workbook, ana) == {
        empathy: hr.Score(ana, empathy, 5, "Lovely <b>story</b> & more")
    }
    hr.clear_score(workbook, ana, empathy)
    assert hr.scores_for(workbook, ana) == {}
    hr.clear_score(workbook, ana, empathy)  # clearing twice is harmless


@pytest.mark.parametrize(
    ("score", "note", "field"),
    [
        (0, "", "score"),
        (6, "", "score"),
        (-1, "", "score"),
        ("five", "", "score"),
        (4.5, "", "score"),
        (None, "", "score"),
        (True, "", "score"),
        (4, "bad\x00note", "note"),
    ],
)
def test_bad_score_writes_nothing(workbook: Workbook, score, note, field) -> None:
    ana = candidate(workbook, "Ana")
    empathy = criteria(workbook)["Empathy"].id
    hr.set_score(workbook, ana, empathy, 3, "kept")
    before = snapshot(workbook)
    with pytest.raises(ValidationError) as caught:
        hr.set_score(workbook, ana, empathy, score, note)
    assert caught.value.field == field
    assert snapshot(workbook) == before


def test_scoring_an_unknown_candidate_or_criterion(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    empathy = criteria(workbook)["Empathy"].id
    before = snapshot(workbook)
    with pytest.raises(ValidationError) as caught:
        hr.set_score(workbook, 999, empathy, 3)
    assert caught.value.field == "candidate"
    with pytest.raises(ValidationError) as caught:
        hr.set_score(workbook, ana, 999, 3)
    assert caught.value.field == "criterion"
    with pytest.raises(ValidationError) as caught:
        hr.score_summary(workbook, 999)
    assert caught.value.field == "candidate"
    assert snapshot(workbook) == before


def test_retired_criteria_keep_their_scores(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    ben = candidate(workbook, "Ben")
    score_all(workbook, ana, {"Empathy": 4, "Active listening": 2})
    listening = criteria(workbook)["Active listening"]
    hr.set_criterion_active(workbook, listening.id, False)
    ana_summary = hr.score_summary(workbook, ana)
    assert (ana_summary.points, ana_summary.possible) == (20 + 8, 25 + 20)  # still counts
    assert ana_summary.counted == 5 and "Active listening" not in ana_summary.missing
    ben_summary = hr.score_summary(workbook, ben)
    assert ben_summary.counted == 4  # a retired criterion is not missing for Ben
    assert "Active listening" not in ben_summary.missing
    card = hiring_scorecard.scorecard(workbook, ana)
    assert [c.quality for c, _ in card.rows][1] == "Active listening"
    assert len(hiring_scorecard.scorecard(workbook, ben).rows) == 4


def test_every_summary_at_once_matches_each_one_alone(workbook: Workbook) -> None:
    """list_summaries reads every candidate in one query; it must agree with the summary of
    each candidate read alone: retired criteria scored, missing ones, no score at all."""
    ids = [
        candidate(workbook, n, r)
        for n, r in (("Cy", "Cook"), ("ana", "Barista"), ("Ben", " barista "))
    ]
    score_all(workbook, ids[0], {"Empathy": 5, "Active listening": 1})
    score_all(workbook, ids[1], dict.fromkeys(STARTER, 4))
    hr.set_criterion_active(workbook, criteria(workbook)["Active listening"].id, False)
    summaries = hr.list_summaries(workbook)
    assert [s.candidate.name for s in summaries] == ["ana", "Ben", "Cy"]  # by name, any case
    assert summaries == [hr.score_summary(workbook, s.candidate.id) for s in summaries]
    assert summaries[1].percent is None and summaries[1].counted == 4
    assert [s.candidate.name for s in hr.list_summaries(workbook, role="BARISTA")] == [
        "ana",
        "Ben",
    ]
    assert hr.for_role(summaries, "cook") == [summaries[2]]
    assert hr.for_role(summaries, None) == summaries
    assert hr.rank(summaries) == hr.ranking(workbook)


def test_a_new_weight_changes_the_score(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    score_all(workbook, ana, {"Empathy": 5, "Clear communication": 1})
    assert hr.score_summary(workbook, ana).percent == pytest.approx((25 + 3) / 40 * 100)
    comm = criteria(workbook)["Clear communication"]
    hr.update_criterion(
        workbook, comm.id, hr.CriterionInput(comm.quality, questions=comm.questions, weight=5)
    )
    assert hr.score_summary(workbook, ana).percent == pytest.approx((25 + 5) / 50 * 100)


# -- ranking and comparison ---------------------------------------------------------


def test_ranking_highest_first_ties_share_a_rank_unscored_last(workbook: Workbook) -> None:
    ids = {n: candidate(workbook, n, "Barista") for n in ("Ana", "Ben", "Cy", "Di", "Eve")}
    ids["Fay"] = candidate(workbook, "Fay", "Cook")
    score_all(workbook, ids["Ana"], {"Empathy": 3})  # 60%
    score_all(workbook, ids["Ben"], {"Empathy": 5, "Clear communication": 3})  # 85%
    score_all(workbook, ids["Cy"], {"Clear communication": 3})  # 60%, tie with Ana
    score_all(workbook, ids["Fay"], {"Empathy": 5})  # another role
    ranked = hr.ranking(workbook, "barista")
    assert [(r.rank, r.candidate.name) for r in ranked] == [
        (1, "Ben"),
        (2, "Ana"),
        (2, "Cy"),
        (None, "Di"),
        (None, "Eve"),
    ]
    assert ranked[0].summary.percent == pytest.approx(85.0)
    everyone = hr.ranking(workbook)
    assert [r.candidate.name for r in everyone][:2] == ["Fay", "Ben"]
    assert [r.rank for r in everyone] == [1, 2, 3, 3, None, None]
    assert hr.ranking(workbook, "Dishwasher") == []


def test_rank_ties_keep_the_given_order() -> None:
    c = [hr.Candidate(n, f"C{n}", "", None, "interviewing", "") for n in range(4)]
    s = [
        hr.ScoreSummary(c[0], 3, 5, 1, 1, ()),
        hr.ScoreSummary(c[1], 0, 0, 0, 1, ("X",)),
        hr.ScoreSummary(c[2], 6, 10, 1, 1, ()),  # 60%, equal to c[0]
        hr.ScoreSummary(c[3], 9, 10, 1, 1, ()),
    ]
    assert [(r.rank, r.candidate.id) for r in hr.rank(s)] == [(1, 3), (2, 0), (2, 2), (None, 1)]


def test_compare_two_or_three_candidates(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    ben = candidate(workbook, "Ben")
    cy = candidate(workbook, "Cy")
    score_all(workbook, ana, {"Empathy": 5, "Active listening": 3})
    score_all(workbook, ben, {"Empathy": 4, "Active listening": 3})
    comparison = hr.compare_candidates(workbook, [ben, ana])
    assert [c.name for c in comparison.candidates] == ["Ben", "Ana"]
    assert [r.criterion.quality for r in comparison.rows] == list(STARTER)
    empathy, listening, solving, *_ = comparison.rows
    assert [s.score for s in empathy.scores] == [4, 5]
    assert empathy.scores[1].note == "note on Empathy"
    assert empathy.best == (1,)
    assert listening.best == ()  # level
    assert solving.scores == (None, None) and solving.best == ()
    assert [t.percent for t in comparison.totals] == [
        pytest.approx((20 + 12) / 45 * 100),
        pytest.approx((25 + 12) / 45 * 100),
    ]
    three = hr.compare_candidates(workbook, [ana, ben, cy])
    assert three.totals[2].percent is None
    assert three.rows[0].best == (0,)


@pytest.mark.parametrize("count", [0, 1, 4])
def test_compare_needs_two_or_three(workbook: Workbook, count: int) -> None:
    ids = [candidate(workbook, f"P{n}") for n in range(4)][:count]
    with pytest.raises(ValidationError, match="two or three") as caught:
        hr.compare_candidates(workbook, ids)
    assert caught.value.field == "candidates"


def test_compare_refuses_the_same_candidate_twice_and_unknown_ones(workbook: Workbook) -> None:
    ana = candidate(workbook, "Ana")
    with pytest.raises(ValidationError, match="different"):
        hr.compare_candidates(workbook, [ana, ana])
    with pytest.raises(ValidationError) as caught:
        hr.compare_candidates(workbook, [ana, 999])
    assert caught.value.field == "candidate"


# -- deleting a candidate -----------------------------------------------------------


def test_delete_removes_every_trace(workbook: Workbook, tmp_path: Path) -> None:
    secret = "Zebulon Quixotic-Marchbanks"
    note = "Mentioned a private health matter, xyzzy-unique-note"
    gone = candidate(workbook, secret, "Barista", notes=note)
    kept = candidate(workbook, "Ben")
    for c in hr.list_criteria(workbook):
        hr.set_score(workbook, gone, c.id, 4, f"{note} {c.quality}")
        hr.set_score(workbook, kept, c.id, 3, "fine")
    hr.delete_candidate(workbook, gone)
    assert [c.name for c in hr.list_candidates(workbook)] == ["Ben"]
    assert not workbook.query("SELECT * FROM candidate_scores WHERE candidate_id = ?", (gone,))
    assert len(workbook.query("SELECT * FROM candidate_scores")) == 5
    with pytest.raises(ValidationError):
        hr.get_candidate(workbook, gone)
    assert all(c.scored == 1 for c in hr.list_criteria(workbook))
    path = workbook.path
    workbook.close()
    raw = path.read_bytes()  # the workbook is closed: reading its bytes is safe now
    assert secret.encode() not in raw
    assert b"xyzzy-unique-note" not in raw
    assert b"private health matter" not in raw


def test_delete_an_unknown_candidate(workbook: Workbook) -> None:
    with pytest.raises(ValidationError) as caught:
        hr.delete_candidate(workbook, 999)
    assert caught.value.field == "candidate"


def test_a_failed_delete_leaves_everything(workbook: Workbook, monkeypatch) -> None:
    ana = candidate(workbook, "Ana")
    score_all(workbook, ana, {"Empathy": 4})
    before = snapshot(workbook)
    real = workbook.db.execute

    def fail_on_candidates(sql, *args):
        if sql.startswith("DELETE FROM candidates"):
            raise RuntimeError("disk gone")
        return real(sql, *args)

    monkeypatch.setattr(workbook.db, "execute", fail_on_candidates)
    with pytest.raises(RuntimeError):
        hr.delete_candidate(workbook, ana)
    monkeypatch.undo()
    assert snapshot(workbook) == before  # the scores came back: one transaction


def test_read_only_workbook_refuses_every_write(tmp_path: Path) -> None:
    path = tmp_path / "ro.cscoach"
    with Workbook.create(path, "Café") as wb:
        ana = candidate(wb, "Ana")
        empathy = criteria(wb)["Empathy"].id
    wb = Workbook.open(path, read_only=True)
    try:
        for call in (
            lambda: candidate(wb, "Ben"),
            lambda: hr.set_score(wb, ana, empathy, 3),
            lambda: hr.delete_candidate(wb, ana),
            lambda: hr.move_criterion(wb, empathy, 1),
        ):
            with pytest.raises(ReadOnlyError):
                call()
        assert [c.name for c in hr.list_candidates(wb)] == ["Ana"]
        assert hr.ranking(wb)[0].rank is None
    finally:
        wb.close()


# -- names that differ only by case in any script, or by spacing --------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zoë", "ZOË"),
        ("Ann Lee", "Ann  Lee"),
        ("Straße", "STRASSE"),
        ("Zoë", "Zoe\u0308"),  # the same letter written as e + a combining diaeresis
    ],
)
def test_a_name_the_lookup_treats_as_the_same_is_refused(
    workbook: Workbook, first: str, second: str
) -> None:
    """The duplicate check compares like find_candidate, so the filled scorecard of every
    candidate the app accepted can be printed by name."""
    first_id = candidate(workbook, first)
    other = candidate(workbook, "Ben")
    before = snapshot(workbook)
    with pytest.raises(ValidationError) as caught:
        candidate(workbook, second)
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        hr.update_candidate(workbook, other, hr.CandidateInput(second))
    assert caught.value.field == "name"
    assert snapshot(workbook) == before
    assert hiring_scorecard.find_candidate(workbook, second).id == first_id
    hr.update_candidate(workbook, first_id, hr.CandidateInput(second, "Cook"))  # its own name
    assert hr.get_candidate(workbook, first_id).name == second


def test_candidates_sharing_a_name_from_an_older_version_stay_editable(
    workbook: Workbook,
) -> None:
    """Before names were compared by casefold, "Zoë" and "ZOË" could both be added: finding
    either by name says so, and each can still be edited (and renamed apart)."""
    zoe = candidate(workbook, "Zoë")
    with workbook.transaction() as db:
        db.execute("INSERT INTO candidates (name) VALUES ('ZOË')")
    with pytest.raises(ValidationError, match="2 candidates are called “zoë”"):
        hiring_scorecard.find_candidate(workbook, "zoë")
    hr.set_status(workbook, zoe, "offered")
    assert hr.get_candidate(workbook, zoe).status == "offered"
    hr.update_candidate(workbook, zoe, hr.CandidateInput("Zoë Smith"))
    assert hiring_scorecard.find_candidate(workbook, "ZOË").name == "ZOË"
