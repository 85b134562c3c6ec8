from __future__ import annotations

from cscoach.model import agreement as ag
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.workbook import Workbook


def test_words_drop_stop_words_and_keep_meaning() -> None:
    assert ag.words("We always FIX the problem, don't we?") == ["fix", "problem"]
    assert ag.words("Привет, café’s regulars!") == ["привет", "café's", "regulars"]


def test_shared_words_phrases_and_score() -> None:
    result = ag.agreement(
        [
            "Everyone is welcome, and we fix problems.",
            "Make everyone welcome.",
            "We fix the problem fast.",
            "Coffee.",
        ]
    )
    shared = {t.term: t.answers for t in result.shared}
    assert shared["everyone welcome"] == 2
    assert shared["fix problem"] == 2  # "problems" folded into "problem"
    assert "everyone" not in shared and "fix" not in shared  # the phrases say it already
    assert result.answers == 4 and result.pairs == 6
    assert result.agreeing_pairs == 2  # answers 1–2 and 1–3 share a word
    assert result.score == 2 / 6


def test_blank_answers_and_a_single_answer() -> None:
    result = ag.agreement(["  ", "Only one"])
    assert result.answers == 1 and result.score is None and result.shared == ()


def test_round_agreement_and_message_match(workbook: Workbook) -> None:
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo", "Chidi")]
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    message_q = next(
        q for q in qn.round_questions(workbook, round_id) if q.text.startswith("What single")
    )
    answers = ["Everyone is welcome here.", "We fix what is wrong.", "Coffee first."]
    for person, text in zip(people, answers, strict=True):
        qn.save_response(workbook, round_id, person, {message_q.id: text})
    assert ag.message_match(workbook, round_id) is None  # nothing published yet
    section = next(s for s in ph.list_sections(workbook) if s.title == "Our one clear message")
    ph.save_section_body(workbook, section.id, "Everyone is welcome, and we fix what is wrong.")
    ph.publish(workbook)
    match = ag.message_match(workbook, round_id)
    assert match.key_words == ("everyone", "welcome", "fix", "wrong")
    assert (match.answers, match.matching) == (3, 2)
    per_question = ag.round_agreement(workbook, round_id)
    assert len(per_question) == 14
    message = next(a for a in per_question if a.question == message_q.text)
    assert message.answers == 3


def test_agreement_across_two_rounds(workbook: Workbook) -> None:
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo")]
    question = qn.list_questions(workbook)[0]
    scores = []
    for name, texts in (("March", ["Speed.", "Warmth."]), ("Sept", ["Warmth.", "Warmth, always."])):
        round_id = qn.create_round(
            workbook, name, "2026-03-01" if name == "March" else "2026-09-01"
        )
        first = qn.round_questions(workbook, round_id)[0]
        for person, text in zip(people, texts, strict=True):
            qn.save_response(workbook, round_id, person, {first.id: text})
        scores.append(ag.question_agreement(workbook, question.id, round_id).score)
    assert scores == [0.0, 1.0]


def test_everyday_words_and_the_questions_own_words_are_no_agreement() -> None:
    result = ag.agreement(
        [
            "Someone answers the phone quickly.",
            "I'd answer that someone greets every customer by name.",
        ],
        question="How quickly should someone answer the phone?",
    )
    assert result.shared == ()  # "someone", "answer", "phone", "quickly": nothing shared
    assert result.agreeing_pairs == 0
