"""The team questionnaire: the question bank, rounds that freeze the questions they asked,
one response per person per round, and the answers read side by side."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cscoach.model import ordering, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, inserted_id, name_key

KINDS = ("text", "rating")
KIND_LABELS = {"text": "Free text", "rating": "Rating 1–5"}
ANONYMITY_MINIMUM = 3  # below this many responses, anonymous answers may give people away


# -- records ------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: int
    section: str
    text: str
    kind: str
    position: int
    retired: bool
    times_asked: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Question:
        return cls(
            row["id"],
            row["section"],
            row["text"],
            row["kind"],
            row["position"],
            bool(row["retired"]),
            row.get("times_asked", 0),
        )


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    held_on: str
    anonymous: bool
    closed: bool
    responses: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Round:
        return cls(
            row["id"],
            row["name"],
            row["held_on"],
            bool(row["anonymous"]),
            bool(row["closed"]),
            row.get("responses", 0),
        )


@dataclass(frozen=True)
class RoundQuestion:
    """A question exactly as one round asked it."""

    id: int
    round_id: int
    question_id: int | None
    position: int
    section: str
    text: str
    kind: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RoundQuestion:
        return cls(
            row["id"],
            row["round_id"],
            row["question_id"],
            row["position"],
            row["section"],
            row["text"],
            row["kind"],
        )


@dataclass(frozen=True)
class Answer:
    text: str = ""
    rating: int | None = None

    @property
    def empty(self) -> bool:
        return not self.text and self.rating is None


@dataclass(frozen=True)
class Response:
    id: int
    round_id: int
    member_id: int | None
    member_name: str | None  # None for an anonymous response
    shuffle_key: int
    answers: dict[int, Answer] = field(default_factory=dict)  # round question id -> answer


@dataclass(frozen=True)
class SideBySideAnswer:
    label: str  # the person's name, "Anonymous", or "Response N" in an anonymous round
    answer: Answer


@dataclass(frozen=True)
class QuestionAnswers:
    """Every answer to one question of one round, in the order they are shown."""

    round: Round
    question: RoundQuestion
    answers: list[SideBySideAnswer]
    responses: int  # how many responses the round has in all
    distribution: dict[int, int] | None = None  # rating -> count, for rating questions
    mean: float | None = None

    @property
    def anonymity_warning(self) -> str | None:
        if self.round.anonymous and 0 < self.responses < ANONYMITY_MINIMUM:
            return (
                f"Only {self.responses} {'person has' if self.responses == 1 else 'people have'} "
                f"answered so far: in a small team, so few answers can give away who wrote them."
            )
        return None


# -- the question bank --------------------------------------------------------


def list_questions(wb: Workbook, *, include_retired: bool = True) -> list[Question]:
    where = "" if include_retired else "WHERE q.retired = 0"
    rows = wb.query(
        f"""SELECT q.*, (SELECT count(*) FROM round_questions rq WHERE rq.question_id = q.id)
            AS times_asked FROM questions q {where} ORDER BY q.position"""
    )
    return [Question.from_row(r) for r in rows]


def get_question(wb: Workbook, question_id: int) -> Question:
    row = wb.query_one("SELECT * FROM questions WHERE id = ?", (question_id,))
    if row is None:
        raise ValidationError("id", "That question no longer exists.")
    return Question.from_row(row)


def list_sections(wb: Workbook) -> list[str]:
    """Section names in the order they first appear in the bank."""
    rows = wb.query("SELECT section FROM questions GROUP BY section ORDER BY min(position)")
    return [r["section"] for r in rows]


def _clean_question(section: str, text: str, kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValidationError("kind", "A question is either free text or a 1–5 rating.")
    return {
        "section": validate.text(
            section, "section", "Section", required=True, max_len=200, single_line=True
        ),
        "text": validate.text(text, "text", "Question", required=True, max_len=2000),
        "kind": kind,
    }


def add_question(wb: Workbook, section: str, text: str, kind: str = "text") -> int:
    """Add a question at the end of its section and return its id."""
    row = _clean_question(section, text, kind)
    with wb.transaction() as db:
        last = wb.query_one(
            "SELECT max(position) AS p FROM questions WHERE section = ?", (row["section"],)
        )
        if last and last["p"] is not None:
            position = last["p"] + 1
            db.execute(
                "UPDATE questions SET position = position + 1 WHERE position >= ?", [position]
            )
        else:
            position = (wb.query_one("SELECT max(position) AS p FROM questions") or {}).get(
                "p"
            ) or 0
            position += 1
        row["position"] = position
        table = db.table("questions")
        table.insert(row)
        return inserted_id(table)


def update_question(wb: Workbook, question_id: int, section: str, text: str, kind: str) -> None:
    """Change a question in the bank. Rounds already held keep the wording they asked."""
    get_question(wb, question_id)
    row = _clean_question(section, text, kind)
    with wb.transaction() as db:
        db.table("questions").update(question_id, row)


def set_retired(wb: Workbook, question_id: int, retired: bool) -> None:
    """A retired question is no longer asked in new rounds; past rounds keep it."""
    get_question(wb, question_id)
    with wb.transaction() as db:
        db.table("questions").update(question_id, {"retired": int(bool(retired))})


def delete_question(wb: Workbook, question_id: int) -> None:
    """Delete a question that no round has asked yet (retire the others)."""
    question = get_question(wb, question_id)
    if question_times_asked(wb, question_id):
        raise ValidationError(
            "id", "This question was asked in a round, so it cannot be deleted; retire it instead."
        )
    with wb.transaction() as db:
        db.table("questions").delete(question.id)


def question_times_asked(wb: Workbook, question_id: int) -> int:
    row = wb.query_one(
        "SELECT count(*) AS n FROM round_questions WHERE question_id = ?", (question_id,)
    )
    return row["n"] if row else 0


def move_question(wb: Workbook, question_id: int, step: int) -> None:
    """Move a question up (step < 0) or down (step > 0) within its section."""
    question = get_question(wb, question_id)
    siblings = [
        r["id"]
        for r in wb.query(
            "SELECT id FROM questions WHERE section = ? ORDER BY position", (question.section,)
        )
    ]
    ordering.move(wb, "questions", siblings, question_id, step, what="question")


# -- rounds -------------------------------------------------------------------


_ROUND_SELECT = """
    SELECT r.*, (SELECT count(*) FROM responses s WHERE s.round_id = r.id) AS responses
    FROM rounds r
"""


def list_rounds(wb: Workbook) -> list[Round]:
    """Rounds, newest first."""
    rows = wb.query(_ROUND_SELECT + " ORDER BY r.held_on DESC, r.id DESC")
    return [Round.from_row(r) for r in rows]


def get_round(wb: Workbook, round_id: int) -> Round:
    row = wb.query_one(_ROUND_SELECT + " WHERE r.id = ?", (round_id,))
    if row is None:
        raise ValidationError("round", "That questionnaire round no longer exists.")
    return Round.from_row(row)


def find_round(wb: Workbook, name: str) -> Round:
    """The round called ``name``, compared as every name is (``name_key``: ignoring case in
    any script and extra spaces), the same comparison that refuses a duplicate round name."""
    rounds = list_rounds(wb)
    matches = [r for r in rounds if name_key(r.name) == name_key(name)]
    if len(matches) > 1:  # only in a workbook edited outside CS Coach or from an older version
        raise ValidationError(
            "round",
            f"{len(matches)} rounds are called “{' '.join(name.split())}”; rename one in the "
            "app to tell them apart.",
        )
    if not matches:
        names = ", ".join(f"“{r.name}”" for r in rounds) or "none yet"
        raise ValidationError("round", f"There is no round called “{name}” (rounds: {names}).")
    return matches[0]


def latest_round(wb: Workbook) -> Round | None:
    rounds = list_rounds(wb)
    return rounds[0] if rounds else None


def _clean_round(
    wb: Workbook, name: str, held_on: str | dt.date, round_id: int | None
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "name": validate.name(name, "name", "Round name"),
        "held_on": validate.iso_date(held_on, "held_on", "Date", required=True),
    }
    if wb.name_taken("rounds", "name", clean["name"], round_id):  # as find_round compares
        raise ValidationError("name", f"There is already a round called “{clean['name']}”.")
    return clean


def create_round(
    wb: Workbook, name: str, held_on: str | dt.date, *, anonymous: bool = False
) -> int:
    """Start a round asking every question in the bank that is not retired, as worded now."""
    row = _clean_round(wb, name, held_on, None)
    questions = list_questions(wb, include_retired=False)
    if not questions:
        raise ValidationError("name", "The question bank has no active questions to ask.")
    row["anonymous"] = int(bool(anonymous))
    with wb.transaction() as db:
        rounds = db.table("rounds")
        rounds.insert(row)
        round_id = inserted_id(rounds)
        db.table("round_questions").insert_all(
            {
                "round_id": round_id,
                "question_id": q.id,
                "position": position,
                "section": q.section,
                "text": q.text,
                "kind": q.kind,
            }
            for position, q in enumerate(questions, start=1)
        )
    return round_id


def update_round(
    wb: Workbook,
    round_id: int,
    name: str,
    held_on: str | dt.date,
    *,
    closed: bool,
    anonymous: bool | None = None,
) -> None:
    current = get_round(wb, round_id)
    row = _clean_round(wb, name, held_on, round_id)
    row["closed"] = int(bool(closed))
    if anonymous is not None and bool(anonymous) != current.anonymous:
        if current.responses:
            raise ValidationError(
                "anonymous",
                "A round that already has responses cannot change between named and anonymous.",
            )
        row["anonymous"] = int(bool(anonymous))
    with wb.transaction() as db:
        db.table("rounds").update(round_id, row)


def delete_round(wb: Workbook, round_id: int) -> None:
    """Delete a round with all its responses and answers."""
    get_round(wb, round_id)
    with wb.transaction() as db:
        db.table("rounds").delete(round_id)


def round_questions(wb: Workbook, round_id: int) -> list[RoundQuestion]:
    rows = wb.query(
        "SELECT * FROM round_questions WHERE round_id = ? ORDER BY position", (round_id,)
    )
    return [RoundQuestion.from_row(r) for r in rows]


# -- responses ----------------------------------------------------------------


def list_responses(wb: Workbook, round_id: int) -> list[Response]:
    """Responses of a round with their answers: named ones by name, then anonymous ones in
    their stable shuffled order."""
    rows = wb.query(
        """SELECT s.id, s.round_id, s.member_id, m.name AS member_name, s.shuffle_key
           FROM responses s LEFT JOIN team_members m ON m.id = s.member_id
           WHERE s.round_id = ?
           ORDER BY s.member_id IS NULL, m.name COLLATE NOCASE, s.shuffle_key""",
        (round_id,),
    )
    answers: dict[int, dict[int, Answer]] = {r["id"]: {} for r in rows}
    for a in wb.query(
        """SELECT a.response_id, a.round_question_id, a.text, a.rating FROM answers a
           JOIN responses s ON s.id = a.response_id WHERE s.round_id = ?""",
        (round_id,),
    ):
        answers[a["response_id"]][a["round_question_id"]] = Answer(a["text"], a["rating"])
    return [
        Response(
            r["id"],
            r["round_id"],
            r["member_id"],
            r["member_name"],
            r["shuffle_key"],
            answers[r["id"]],
        )
        for r in rows
    ]


def get_response(wb: Workbook, response_id: int) -> Response:
    row = wb.query_one("SELECT round_id FROM responses WHERE id = ?", (response_id,))
    if row is None:
        raise ValidationError("response", "That response no longer exists.")
    return next(r for r in list_responses(wb, row["round_id"]) if r.id == response_id)


def _clean_answer(question: RoundQuestion, value: str | int | None, number: int) -> Answer:
    fieldname = f"answer:{question.id}"
    if question.kind == "rating":
        if value is None or (isinstance(value, str) and not value.strip()):
            return Answer()
        rating = validate.whole(
            value, fieldname, f"The rating for question {number}", minimum=1, maximum=5
        )
        return Answer(rating=rating)
    text = validate.text(
        value if isinstance(value, str) or value is None else str(value),
        fieldname,
        f"The answer to question {number}",
        max_len=validate.MAX_TEXT,
    )
    return Answer(text=text)


def save_response(
    wb: Workbook,
    round_id: int,
    member_id: int | None,
    answers: dict[int, str | int | None],
    *,
    response_id: int | None = None,
) -> int:
    """Save one person's answers to a round (``member_id`` None: anonymous) in one go.

    ``answers`` maps round-question ids to text (free-text questions) or 1–5 (ratings);
    blank answers are not stored. With ``response_id`` the existing response is replaced.
    """
    rnd = get_round(wb, round_id)
    if rnd.closed:
        raise ValidationError(
            "round", f"The round “{rnd.name}” is closed; reopen it to change answers."
        )
    if rnd.anonymous and member_id is not None:
        raise ValidationError("member", "This round is anonymous: responses carry no name.")
    if member_id is not None:
        member = wb.query_one("SELECT id, name FROM team_members WHERE id = ?", (member_id,))
        if member is None:
            raise ValidationError("member", "That team member no longer exists.")
        clash = wb.query_one(
            "SELECT id FROM responses WHERE round_id = ? AND member_id = ? AND id IS NOT ?",
            (round_id, member_id, response_id),
        )
        if clash:
            raise ValidationError(
                "member",
                f"{member['name']} has already answered “{rnd.name}”; open that response to "
                "change it.",
            )
    if response_id is not None:
        existing = wb.query_one("SELECT round_id FROM responses WHERE id = ?", (response_id,))
        if existing is None or existing["round_id"] != round_id:
            raise ValidationError("response", "That response no longer exists.")
    questions = {q.id: (number, q) for number, q in enumerate(round_questions(wb, round_id), 1)}
    cleaned: dict[int, Answer] = {}
    for rq_id, value in answers.items():
        if rq_id not in questions:
            raise ValidationError(
                "answers", "An answer belongs to a question this round did not ask."
            )
        number, question = questions[rq_id]
        answer = _clean_answer(question, value, number)
        if not answer.empty:
            cleaned[rq_id] = answer
    now = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
    with wb.transaction() as db:
        if response_id is None:
            table = db.table("responses")
            table.insert(
                {
                    "round_id": round_id,
                    "member_id": member_id,
                    "shuffle_key": random.SystemRandom().randrange(1, 2**31),
                }
            )
            response_id = inserted_id(table)
        else:
            db.table("responses").update(response_id, {"member_id": member_id, "updated_at": now})
            db.execute("DELETE FROM answers WHERE response_id = ?", [response_id])
        db.table("answers").insert_all(
            {
                "response_id": response_id,
                "round_question_id": rq_id,
                "text": a.text,
                "rating": a.rating,
            }
            for rq_id, a in cleaned.items()
        )
    return response_id


def delete_response(wb: Workbook, response_id: int) -> None:
    get_response(wb, response_id)
    with wb.transaction() as db:
        db.table("responses").delete(response_id)


# -- reading the answers ------------------------------------------------------


def response_label(rnd: Round, response: Response, number: int) -> str:
    """How a response is named where answers are shown side by side."""
    if rnd.anonymous:
        return f"Response {number}"
    return response.member_name or "Anonymous"


def answers_to_question(wb: Workbook, round_id: int, round_question_id: int) -> QuestionAnswers:
    """Every answer to one question of a round, side by side.

    In an anonymous round answers are labelled "Response 1, 2…" in each response's fixed
    random order, never the order they were entered in.
    """
    rnd = get_round(wb, round_id)
    question = next((q for q in round_questions(wb, round_id) if q.id == round_question_id), None)
    if question is None:
        raise ValidationError("question", "That question was not asked in this round.")
    return _question_answers(rnd, question, _shown_responses(wb, rnd))


def round_answers(wb: Workbook, round_id: int) -> list[QuestionAnswers]:
    """The answers to every question of a round, in the order asked: what
    ``answers_to_question`` gives for each, read with one query per table rather than
    one round of queries per question (a printed round has dozens of questions)."""
    rnd = get_round(wb, round_id)
    responses = _shown_responses(wb, rnd)
    return [_question_answers(rnd, q, responses) for q in round_questions(wb, round_id)]


def _shown_responses(wb: Workbook, rnd: Round) -> list[Response]:
    """A round's responses in the order their answers are shown."""
    responses = list_responses(wb, rnd.id)
    if rnd.anonymous:
        responses.sort(key=lambda r: (r.shuffle_key, r.id))
    return responses


def _question_answers(
    rnd: Round, question: RoundQuestion, responses: list[Response]
) -> QuestionAnswers:
    shown = [
        SideBySideAnswer(response_label(rnd, r, n), r.answers[question.id])
        for n, r in enumerate(responses, start=1)
        if question.id in r.answers
    ]
    distribution = mean = None
    if question.kind == "rating":
        counts = Counter(a.answer.rating for a in shown if a.answer.rating is not None)
        distribution = {score: counts.get(score, 0) for score in range(1, 6)}
        total = sum(distribution.values())
        mean = sum(s * n for s, n in distribution.items()) / total if total else None
    return QuestionAnswers(rnd, question, shown, len(responses), distribution, mean)


def compare_question(
    wb: Workbook, question_id: int, round_ids: list[int]
) -> list[QuestionAnswers | None]:
    """The answers to one bank question in each of several rounds (None where a round
    did not ask it)."""
    result: list[QuestionAnswers | None] = []
    for round_id in round_ids:
        row = wb.query_one(
            "SELECT id FROM round_questions WHERE round_id = ? AND question_id = ?",
            (round_id, question_id),
        )
        result.append(answers_to_question(wb, round_id, row["id"]) if row else None)
    return result


def export_rows(wb: Workbook, round_id: int) -> list[dict[str, str]]:
    """One row per answer of a round: round, person (blank when anonymous), section,
    question, answer. Anonymous rounds come out in their shuffled order."""
    rnd = get_round(wb, round_id)
    responses = list_responses(wb, round_id)
    if rnd.anonymous:
        responses.sort(key=lambda r: (r.shuffle_key, r.id))
    questions = round_questions(wb, round_id)
    rows = []
    for response in responses:
        person = "" if rnd.anonymous else (response.member_name or "")
        for q in questions:
            answer = response.answers.get(q.id)
            if answer is None:
                continue
            rows.append(
                {
                    "round": rnd.name,
                    "person": person,
                    "section": q.section,
                    "question": q.text,
                    "answer": str(answer.rating) if q.kind == "rating" else answer.text,
                }
            )
    return rows
