from __future__ import annotations

import csv
import io

import pytest

from cscoach.model import csvfile, team
from cscoach.model import questionnaire as qn
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


@pytest.fixture
def people(workbook: Workbook) -> dict[str, int]:
    return {name: team.add_member(workbook, name) for name in ("Ana", "Bo", "Chidi", "Dara")}


def test_bank_add_edit_reorder_retire(workbook: Workbook) -> None:
    before = qn.list_questions(workbook)
    assert len(before) == 14
    new = qn.add_question(workbook, "General", "How fast should we answer the phone?", "rating")
    general = [q for q in qn.list_questions(workbook) if q.section == "General"]
    assert general[-1].id == new and len(general) == 7
    # the new question sits at the end of General, before the next section
    ordered = [q.id for q in qn.list_questions(workbook)]
    assert ordered.index(new) == 6
    qn.move_question(workbook, new, -1)
    assert [q.id for q in qn.list_questions(workbook)].index(new) == 5
    qn.update_question(workbook, new, "General", "How fast, really?", "rating")
    assert qn.get_question(workbook, new).text == "How fast, really?"
    qn.set_retired(workbook, new, True)
    assert new not in [q.id for q in qn.list_questions(workbook, include_retired=False)]
    qn.add_question(workbook, "Our own section", "Anything else?")
    assert qn.list_sections(workbook)[-1] == "Our own section"


@pytest.mark.parametrize(
    ("section", "text", "kind", "field"),
    [
        ("General", "", "text", "text"),
        ("General", "   ", "text", "text"),
        ("General", "a\x00b", "text", "text"),
        ("", "Fine?", "text", "section"),
        ("General", "Fine?", "essay", "kind"),
    ],
)
def test_bad_questions(workbook: Workbook, section, text, kind, field) -> None:
    with pytest.raises(ValidationError) as caught:
        qn.add_question(workbook, section, text, kind)
    assert caught.value.field == field
    assert len(qn.list_questions(workbook)) == 14


def test_round_freezes_questions(workbook: Workbook, people) -> None:
    first = qn.list_questions(workbook)[0]
    round_id = qn.create_round(workbook, "Team meeting, March 2026", "2026-03-10")
    asked = qn.round_questions(workbook, round_id)
    assert len(asked) == 14 and asked[0].text == first.text
    qn.update_question(workbook, first.id, first.section, "Reworded later", first.kind)
    qn.set_retired(workbook, qn.list_questions(workbook)[1].id, True)
    assert qn.round_questions(workbook, round_id)[0].text == first.text
    assert len(qn.round_questions(workbook, round_id)) == 14
    later = qn.create_round(workbook, "September", "2026-09-10")
    assert len(qn.round_questions(workbook, later)) == 13
    with pytest.raises(ValidationError, match="cannot be deleted"):
        qn.delete_question(workbook, first.id)


def test_round_bad_input(workbook: Workbook) -> None:
    qn.create_round(workbook, "March", "2026-03-01")
    for name, date, field in [
        ("", "2026-03-01", "name"),
        ("march", "2026-03-01", "name"),
        ("April", "2026-04-31", "held_on"),
        ("April", "", "held_on"),
    ]:
        with pytest.raises(ValidationError) as caught:
            qn.create_round(workbook, name, date)
        assert caught.value.field == field
    assert len(qn.list_rounds(workbook)) == 1


def test_responses_one_per_person_and_edit(workbook: Workbook, people) -> None:
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = qn.round_questions(workbook, round_id)
    rid = qn.save_response(workbook, round_id, people["Ana"], {rq[0].id: "Warm & <quick>"})
    with pytest.raises(ValidationError, match="already answered") as caught:
        qn.save_response(workbook, round_id, people["Ana"], {rq[0].id: "again"})
    assert caught.value.field == "member"
    qn.save_response(
        workbook, round_id, people["Ana"], {rq[0].id: "Changed", rq[1].id: ""}, response_id=rid
    )
    (response,) = qn.list_responses(workbook, round_id)
    assert response.answers == {rq[0].id: qn.Answer("Changed")}


def test_answer_bad_input_writes_nothing(workbook: Workbook, people) -> None:
    qid = qn.add_question(workbook, "General", "Rate us", "rating")
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = {q.question_id: q for q in qn.round_questions(workbook, round_id)}
    text_q = qn.round_questions(workbook, round_id)[0].id
    for answers in (
        {text_q: "x" * 20_001},
        {text_q: "nul\x00"},
        {rq[qid].id: 6},
        {rq[qid].id: 0},
        {rq[qid].id: "five"},
    ):
        with pytest.raises(ValidationError) as caught:
            qn.save_response(workbook, round_id, people["Bo"], answers)
        assert caught.value.field.startswith("answer:")
    assert qn.list_responses(workbook, round_id) == []
    qn.save_response(workbook, round_id, people["Bo"], {text_q: "x" * 20_000, rq[qid].id: "4"})


def test_anonymous_round_shuffles_and_warns(workbook: Workbook, people) -> None:
    round_id = qn.create_round(workbook, "Anon", "2026-03-01", anonymous=True)
    q = qn.round_questions(workbook, round_id)[0]
    with pytest.raises(ValidationError, match="anonymous"):
        qn.save_response(workbook, round_id, people["Ana"], {q.id: "named"})
    qn.save_response(workbook, round_id, None, {q.id: "first entered"})
    view = qn.answers_to_question(workbook, round_id, q.id)
    assert view.anonymity_warning and [a.label for a in view.answers] == ["Response 1"]
    for n in range(2, 9):
        qn.save_response(workbook, round_id, None, {q.id: f"entered {n}"})
    view = qn.answers_to_question(workbook, round_id, q.id)
    assert view.anonymity_warning is None
    assert [a.label for a in view.answers] == [f"Response {n}" for n in range(1, 9)]
    shown = [a.answer.text for a in view.answers]
    entered = ["first entered"] + [f"entered {n}" for n in range(2, 9)]
    assert sorted(shown) == sorted(entered)
    assert shown != entered  # 1 in 40,320 chance of a false failure
    again = [a.answer.text for a in qn.answers_to_question(workbook, round_id, q.id).answers]
    assert again == shown  # stable


def test_rating_distribution_and_mean(workbook: Workbook, people) -> None:
    qid = qn.add_question(workbook, "General", "Rate us", "rating")
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = next(q for q in qn.round_questions(workbook, round_id) if q.question_id == qid)
    for name, score in zip(people, (5, 4, 4, None), strict=True):
        qn.save_response(workbook, round_id, people[name], {rq.id: score})
    view = qn.answers_to_question(workbook, round_id, rq.id)
    assert view.distribution == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert view.mean == pytest.approx(13 / 3)
    assert [a.label for a in view.answers] == ["Ana", "Bo", "Chidi"]


def test_compare_between_rounds(workbook: Workbook, people) -> None:
    question = qn.list_questions(workbook)[0]
    march = qn.create_round(workbook, "March", "2026-03-01")
    qn.save_response(
        workbook, march, people["Ana"], {qn.round_questions(workbook, march)[0].id: "Smiles"}
    )
    qn.update_question(workbook, question.id, question.section, "New wording", "text")
    sept = qn.create_round(workbook, "September", "2026-09-01")
    qn.save_response(
        workbook, sept, people["Ana"], {qn.round_questions(workbook, sept)[0].id: "Speed"}
    )
    a, b = qn.compare_question(workbook, question.id, [march, sept])
    assert a.question.text != b.question.text
    assert [x.answer.text for x in a.answers] == ["Smiles"]
    assert [x.answer.text for x in b.answers] == ["Speed"]


def test_csv_export_is_formula_safe(workbook: Workbook, people) -> None:
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = qn.round_questions(workbook, round_id)
    qn.save_response(workbook, round_id, people["Ana"], {rq[0].id: '=HYPERLINK("x")'})
    qn.save_response(
        workbook, round_id, people["Bo"], {rq[0].id: "-rude customers", rq[1].id: "ok"}
    )
    text = csvfile.to_csv_text(
        ["round", "person", "section", "question", "answer"], qn.export_rows(workbook, round_id)
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["person"] for r in rows] == ["Ana", "Bo", "Bo"]
    assert rows[0]["answer"] == '\'=HYPERLINK("x")'
    assert rows[1]["answer"] == "'-rude customers"
    assert rows[2]["answer"] == "ok"
    assert csvfile.safe_cell(-20) == -20


def test_closed_round_refuses_answers(workbook: Workbook, people) -> None:
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    qn.update_round(workbook, round_id, "March", "2026-03-01", closed=True)
    with pytest.raises(ValidationError, match="closed"):
        qn.save_response(workbook, round_id, people["Ana"], {})


def test_deleting_a_person_removes_their_answers(workbook: Workbook, people) -> None:
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = qn.round_questions(workbook, round_id)
    qn.save_response(workbook, round_id, people["Ana"], {rq[0].id: "mine"})
    team.delete_member(workbook, people["Ana"])
    assert qn.list_responses(workbook, round_id) == []
    assert workbook.query("SELECT count(*) AS n FROM answers")[0]["n"] == 0


@pytest.mark.parametrize(
    ("first", "second"),
    [("Réunion", "RÉUNION"), ("March  review", "March review"), ("Straße", "STRASSE")],
)
def test_round_names_compare_like_find_round(workbook: Workbook, first: str, second: str) -> None:
    """A second round whose name find_round would not tell apart is refused; every round
    is found by its name in any case (the command line prints answers by round name)."""
    first_id = qn.create_round(workbook, first, "2026-03-01")
    other = qn.create_round(workbook, "April", "2026-04-01")
    with pytest.raises(ValidationError) as caught:
        qn.create_round(workbook, second, "2026-05-01")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        qn.update_round(workbook, other, second, "2026-04-01", closed=False)
    assert caught.value.field == "name"
    assert [r.name for r in qn.list_rounds(workbook)] == ["April", first]
    assert qn.find_round(workbook, second).id == first_id
    assert qn.find_round(workbook, f"  {first.lower()} ").id == first_id
    qn.update_round(workbook, first_id, second, "2026-03-01", closed=True)  # its own name
    assert qn.get_round(workbook, first_id).name == second


def test_rounds_sharing_a_name_from_an_older_version(workbook: Workbook) -> None:
    first = qn.create_round(workbook, "Réunion", "2026-03-01")
    with workbook.transaction() as db:
        db.execute("INSERT INTO rounds (name, held_on) VALUES ('RÉUNION', '2026-04-01')")
    with pytest.raises(ValidationError, match="2 rounds are called") as caught:
        qn.find_round(workbook, "réunion")
    assert caught.value.field == "round"
    qn.update_round(workbook, first, "Réunion", "2026-03-01", closed=True)  # still editable
    assert qn.get_round(workbook, first).closed
