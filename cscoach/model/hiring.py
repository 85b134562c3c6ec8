"""Hiring on the values: weighted criteria, candidates scored against them, the weighted
score, a ranking per role and a side-by-side comparison.

The weighted score of a candidate is Σ(weight × score) ÷ Σ(weight × 5) × 100 over the
criteria they were *scored* on. A criterion not scored yet is reported as missing, never
counted as zero, so a half-finished interview is not ranked below a finished one for the
wrong reason. The criteria that count for a candidate are every active criterion plus any
retired one they were already scored on: retiring a criterion never rewrites a score.

A candidate's filled scorecard, as printed, is in ``hiring_scorecard``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cscoach.model import ordering, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, inserted_id

if TYPE_CHECKING:
    import sqlite_utils

STATUSES = ("interviewing", "offered", "hired", "not hired")
STATUS_LABELS = {
    "interviewing": "Interviewing",
    "offered": "Offered",
    "hired": "Hired",
    "not hired": "Not hired",
}
IN_PROGRESS = ("interviewing", "offered")
WEIGHT_LABELS = {
    1: "1 — nice to have",
    2: "2 — helpful",
    3: "3 — important",
    4: "4 — very important",
    5: "5 — essential",
}
SCORE_LABELS = {1: "poor", 2: "weak", 3: "fair", 4: "good", 5: "excellent"}
MAX_QUALITY = 120
MAX_SIGNS = 2000
MAX_QUESTION = 1000
MAX_QUESTIONS = 20
MAX_NOTE = 5000
MIN_COMPARED, MAX_COMPARED = 2, 3


# -- records ------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    id: int
    quality: str
    good_signs: str
    poor_signs: str
    weight: int
    position: int
    active: bool
    questions: tuple[str, ...]
    value_ids: tuple[int, ...]
    values: tuple[str, ...]
    scored: int  # how many candidates were scored on it
    key: str | None = None  # set on the starter criteria

    @property
    def possible(self) -> int:
        """The most this criterion can add to a weighted score (weight × 5)."""
        return self.weight * 5


@dataclass(frozen=True)
class CriterionInput:
    """What the owner fills in for a criterion. ``questions``: one or more, in order."""

    quality: str
    good_signs: str = ""
    poor_signs: str = ""
    questions: Sequence[str] = ()
    weight: int | str = 3
    value_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    role: str
    interview_date: str | None  # YYYY-MM-DD
    status: str
    notes: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Candidate:
        return cls(
            row["id"], row["name"], row["role"], row["interview_date"], row["status"], row["notes"]
        )


@dataclass(frozen=True)
class CandidateInput:
    name: str
    role: str = ""
    interview_date: str | dt.date | None = None
    status: str = "interviewing"
    notes: str = ""


@dataclass(frozen=True)
class Score:
    candidate_id: int
    criterion_id: int
    score: int  # 1–5
    note: str


@dataclass(frozen=True)
class ScoreSummary:
    """A candidate's weighted score and how complete it is."""

    candidate: Candidate
    points: float  # Σ weight × score over the criteria scored (a whole number unless a
    # score was edited outside CS Coach to a decimal)
    possible: int  # Σ weight × 5 over the same criteria
    scored: int  # criteria scored
    counted: int  # criteria that count for this candidate (scored or still to score)
    missing: tuple[str, ...]  # qualities of the active criteria not scored yet

    @property
    def percent(self) -> float | None:
        """The weighted score as a percentage; None while nothing is scored."""
        return 100 * self.points / self.possible if self.possible else None

    @property
    def fraction(self) -> Fraction | None:
        """The exact weighted score (for ranking without rounding noise)."""
        return Fraction(self.points) / self.possible if self.possible else None

    @property
    def progress(self) -> str:
        """ "3 of 5 scored"."""
        return f"{self.scored} of {self.counted} scored"

    @property
    def complete(self) -> bool:
        return self.scored > 0 and not self.missing


@dataclass(frozen=True)
class Ranked:
    """One place in a ranking. ``rank`` is shared by equal scores (1, 2, 2, 4); None for a
    candidate with no scores, who is listed last."""

    rank: int | None
    summary: ScoreSummary

    @property
    def candidate(self) -> Candidate:
        return self.summary.candidate


@dataclass(frozen=True)
class ComparisonRow:
    criterion: Criterion
    scores: tuple[Score | None, ...]  # one per compared candidate, in their order

    @property
    def best(self) -> tuple[int, ...]:
        """Which candidates (by index) have the highest score on this row, when scores
        differ; empty when they are level or fewer than two are scored."""
        values = [s.score for s in self.scores if s is not None]
        if len(values) < 2 or len(set(values)) == 1:
            return ()
        top = max(values)
        return tuple(n for n, s in enumerate(self.scores) if s is not None and s.score == top)


@dataclass(frozen=True)
class Comparison:
    candidates: tuple[Candidate, ...]
    rows: tuple[ComparisonRow, ...]
    totals: tuple[ScoreSummary, ...]


# -- the weighted score ---------------------------------------------------------


def weighted_percent(pairs: Iterable[tuple[int, int | None]]) -> float | None:
    """Σ(weight × score) ÷ Σ(weight × 5) × 100 over the (weight, score) pairs that have a
    score; None when none has. An unscored criterion is left out, never counted as zero."""
    points = possible = 0
    for weight, score in pairs:
        if score is None:
            continue
        points += weight * score
        possible += weight * 5
    return 100 * points / possible if possible else None


def format_percent(percent: float | None, decimals: int = 0) -> str:
    """ "82%" (or "81.7%" with ``decimals=1``), or "not scored"."""
    if percent is None:
        return "not scored"
    return f"{percent:.{decimals}f}%"


def summarise(
    candidate: Candidate, criteria: Sequence[Criterion], scores: Mapping[int, Score | float]
) -> ScoreSummary:
    """A candidate's weighted score over ``criteria`` (every criterion, in order).

    ``scores``: by criterion id, each a Score or just its 1–5 value."""
    points: float = 0
    possible = scored = counted = 0
    missing: list[str] = []
    for criterion in criteria:
        given = scores.get(criterion.id)
        score = given.score if isinstance(given, Score) else given
        if score is None:
            if criterion.active:
                counted += 1
                missing.append(criterion.quality)
            continue
        counted += 1
        scored += 1
        points += criterion.weight * score
        possible += criterion.possible
    return ScoreSummary(candidate, points, possible, scored, counted, tuple(missing))


# -- criteria -------------------------------------------------------------------

_CRITERIA_SELECT = """
    SELECT c.id, c.key, c.quality, c.good_signs, c.poor_signs, c.weight, c.position, c.active,
           (SELECT count(*) FROM candidate_scores s WHERE s.criterion_id = c.id) AS scored,
           (SELECT group_concat(q.text, char(31)) FROM
               (SELECT q.text FROM criterion_questions q WHERE q.criterion_id = c.id
                ORDER BY q.position, q.id) q) AS questions,
           (SELECT group_concat(v.id, char(31)) FROM
               (SELECT v.id FROM criterion_values cv JOIN core_values v ON v.id = cv.value_id
                WHERE cv.criterion_id = c.id ORDER BY v.position) v) AS value_ids,
           (SELECT group_concat(v.name, char(31)) FROM
               (SELECT v.name FROM criterion_values cv JOIN core_values v ON v.id = cv.value_id
                WHERE cv.criterion_id = c.id ORDER BY v.position) v) AS value_names
    FROM hiring_criteria c
"""


def _criterion(r: dict[str, Any]) -> Criterion:
    return Criterion(
        id=r["id"],
        quality=r["quality"],
        good_signs=r["good_signs"],
        poor_signs=r["poor_signs"],
        weight=r["weight"],
        position=r["position"],
        active=bool(r["active"]),
        questions=tuple(r["questions"].split("\x1f")) if r["questions"] else (),
        value_ids=tuple(int(x) for x in r["value_ids"].split("\x1f")) if r["value_ids"] else (),
        values=tuple(r["value_names"].split("\x1f")) if r["value_names"] else (),
        scored=r["scored"],
        key=r["key"],
    )


def list_criteria(wb: Workbook, *, include_retired: bool = True) -> list[Criterion]:
    """Criteria in the owner's order (retired ones too unless asked otherwise)."""
    where = "" if include_retired else " WHERE c.active = 1"
    rows = wb.query(_CRITERIA_SELECT + where + " ORDER BY c.position, c.id")
    return [_criterion(r) for r in rows]


def get_criterion(wb: Workbook, criterion_id: int) -> Criterion:
    row = wb.query_one(_CRITERIA_SELECT + " WHERE c.id = ?", (criterion_id,))
    if row is None:
        raise ValidationError("criterion", "That hiring criterion no longer exists.")
    return _criterion(row)


def questions_from_text(value: str) -> list[str]:
    """Interview questions typed one per line (blank lines ignored)."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _clean_criterion(
    wb: Workbook, data: CriterionInput, criterion_id: int | None
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "quality": validate.text(
            data.quality,
            "quality",
            "Quality",
            required=True,
            max_len=MAX_QUALITY,
            single_line=True,
        ),
        "good_signs": validate.text(data.good_signs, "good_signs", "Good signs", max_len=MAX_SIGNS),
        "poor_signs": validate.text(data.poor_signs, "poor_signs", "Poor signs", max_len=MAX_SIGNS),
        "weight": validate.whole(data.weight, "weight", "Weight", minimum=1, maximum=5),
    }
    if isinstance(data.questions, str):
        raise TypeError("questions must be a sequence of strings (see questions_from_text)")
    questions = [
        validate.text(q, "questions", "An interview question", max_len=MAX_QUESTION)
        for q in data.questions
    ]
    questions = [q for q in questions if q]
    if not questions:
        raise ValidationError(
            "questions", "Write at least one interview question that shows this quality."
        )
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            "questions", f"Up to {MAX_QUESTIONS} questions per quality (got {len(questions)})."
        )
    row["questions"] = questions
    if wb.name_taken("hiring_criteria", "quality", row["quality"], criterion_id):
        raise ValidationError(
            "quality", f"There is already a hiring criterion called “{row['quality']}”."
        )
    for value_id in data.value_ids:
        if not wb.query_one("SELECT id FROM core_values WHERE id = ?", (value_id,)):
            raise ValidationError("values", "One of the chosen values no longer exists.")
    return row


def _write_criterion_parts(
    db: sqlite_utils.Database, criterion_id: int, questions: list[str], value_ids: tuple[int, ...]
) -> None:
    db.execute("DELETE FROM criterion_questions WHERE criterion_id = ?", [criterion_id])
    db.table("criterion_questions").insert_all(
        {"criterion_id": criterion_id, "text": text, "position": n}
        for n, text in enumerate(questions, start=1)
    )
    db.execute("DELETE FROM criterion_values WHERE criterion_id = ?", [criterion_id])
    db.table("criterion_values").insert_all(
        {"criterion_id": criterion_id, "value_id": v} for v in dict.fromkeys(value_ids)
    )


def add_criterion(wb: Workbook, data: CriterionInput) -> int:
    """Add a criterion at the end of the list; returns its id."""
    row = _clean_criterion(wb, data, None)
    questions = row.pop("questions")
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(position), 0) AS p FROM hiring_criteria")
        row["position"] = (last["p"] if last else 0) + 1
        table = db.table("hiring_criteria")
        table.insert(row)
        criterion_id = inserted_id(table)
        _write_criterion_parts(db, criterion_id, questions, data.value_ids)
    return criterion_id


def update_criterion(wb: Workbook, criterion_id: int, data: CriterionInput) -> None:
    """Change a criterion. Scores already given keep their value; a new weight changes how
    much they count in every candidate's weighted score."""
    get_criterion(wb, criterion_id)
    row = _clean_criterion(wb, data, criterion_id)
    questions = row.pop("questions")
    with wb.transaction() as db:
        db.table("hiring_criteria").update(criterion_id, row)
        _write_criterion_parts(db, criterion_id, questions, data.value_ids)


def set_criterion_active(wb: Workbook, criterion_id: int, active: bool) -> None:
    """Retire a criterion (no longer scored or printed) or bring it back. Scores already
    given on it stay and still count for those candidates."""
    get_criterion(wb, criterion_id)
    with wb.transaction() as db:
        db.table("hiring_criteria").update(criterion_id, {"active": int(bool(active))})


def delete_criterion(wb: Workbook, criterion_id: int) -> None:
    """Delete a criterion no candidate has been scored on (retire the others)."""
    criterion = get_criterion(wb, criterion_id)
    if criterion.scored:
        people = "candidate" if criterion.scored == 1 else "candidates"
        raise ValidationError(
            "criterion",
            f"{criterion.scored} {people} were scored on “{criterion.quality}”, so it cannot be "
            "deleted without changing their scores; retire it instead.",
        )
    with wb.transaction() as db:
        db.execute("DELETE FROM hiring_criteria WHERE id = ?", [criterion_id])
        ordering.renumber(wb, "hiring_criteria")


def move_criterion(wb: Workbook, criterion_id: int, step: int) -> None:
    """Move a criterion up (step < 0) or down in the list."""
    get_criterion(wb, criterion_id)
    ids = [c.id for c in list_criteria(wb)]
    ordering.move(wb, "hiring_criteria", ids, criterion_id, step, what="criterion")


# -- candidates -------------------------------------------------------------------

_CANDIDATE_SELECT = "SELECT id, name, role, interview_date, status, notes FROM candidates"


def list_candidates(wb: Workbook, *, role: str | None = None) -> list[Candidate]:
    """Candidates by name; ``role`` keeps those who applied for that role (ignoring case)."""
    rows = wb.query(_CANDIDATE_SELECT + " ORDER BY name COLLATE NOCASE, id")
    found = [Candidate.from_row(r) for r in rows]
    if role is not None:
        wanted = _role_key(role)
        found = [c for c in found if _role_key(c.role) == wanted]
    return found


def get_candidate(wb: Workbook, candidate_id: int) -> Candidate:
    row = wb.query_one(_CANDIDATE_SELECT + " WHERE id = ?", (candidate_id,))
    if row is None:
        raise ValidationError("candidate", "That candidate no longer exists.")
    return Candidate.from_row(row)


def list_roles(wb: Workbook) -> list[str]:
    """The roles candidates applied for, each once (ignoring case), alphabetically."""
    roles: dict[str, str] = {}
    for row in wb.query("SELECT role FROM candidates WHERE trim(role) != '' ORDER BY id"):
        roles.setdefault(_role_key(row["role"]), row["role"].strip())
    return sorted(roles.values(), key=str.casefold)


def _role_key(role: str) -> str:
    return " ".join((role or "").split()).casefold()


def _clean_candidate(
    wb: Workbook, data: CandidateInput, candidate_id: int | None
) -> dict[str, Any]:
    status = (data.status or "").strip().lower()
    if status not in STATUSES:
        known = ", ".join(STATUS_LABELS[s].lower() for s in STATUSES)
        raise ValidationError("status", f"Status must be one of {known}, not “{data.status}”.")
    row: dict[str, Any] = {
        "name": validate.name(data.name, "name", "Name"),
        "role": validate.text(
            data.role, "role", "Role applied for", max_len=validate.MAX_NAME, single_line=True
        ),
        "interview_date": validate.iso_date(
            data.interview_date, "interview_date", "Interview date"
        ),
        "status": status,
        "notes": validate.text(data.notes, "notes", "Notes", max_len=validate.MAX_TEXT),
    }
    # The same comparison as hiring_scorecard.find_candidate (a filled scorecard to print).
    if wb.name_taken("candidates", "name", row["name"], candidate_id):
        raise ValidationError(
            "name",
            f"There is already a candidate called “{row['name']}”; add something to tell "
            "them apart (a surname or an initial).",
        )
    return row


def add_candidate(wb: Workbook, data: CandidateInput) -> int:
    """Add a candidate; returns their id."""
    row = _clean_candidate(wb, data, None)
    with wb.transaction() as db:
        table = db.table("candidates")
        table.insert(row)
        return inserted_id(table)


def update_candidate(wb: Workbook, candidate_id: int, data: CandidateInput) -> None:
    get_candidate(wb, candidate_id)
    row = _clean_candidate(wb, data, candidate_id)
    with wb.transaction() as db:
        db.table("candidates").update(candidate_id, row)


def set_status(wb: Workbook, candidate_id: int, status: str) -> None:
    candidate = get_candidate(wb, candidate_id)
    data = CandidateInput(
        candidate.name, candidate.role, candidate.interview_date, status, candidate.notes
    )
    update_candidate(wb, candidate_id, data)


def delete_candidate(wb: Workbook, candidate_id: int) -> None:
    """Delete a candidate with every score and note about them, in one transaction.

    ``secure_delete`` is on for the delete, so SQLite overwrites the freed space and their
    details do not linger in the workbook file.
    """
    get_candidate(wb, candidate_id)
    previous = wb.query_one("PRAGMA secure_delete")
    wb.query("PRAGMA secure_delete = 1")
    try:
        with wb.transaction() as db:
            db.execute("DELETE FROM candidate_scores WHERE candidate_id = ?", [candidate_id])
            db.execute("DELETE FROM candidates WHERE id = ?", [candidate_id])
    finally:
        if previous is not None:
            wb.query(f"PRAGMA secure_delete = {int(previous['secure_delete'])}")


def candidates_in_progress(wb: Workbook) -> int:
    """How many candidates are still being interviewed or have an offer open."""
    row = wb.query_one(
        "SELECT count(*) AS n FROM candidates WHERE status IN (?, ?)", tuple(IN_PROGRESS)
    )
    return row["n"] if row else 0


# -- scores -----------------------------------------------------------------------


def scores_for(wb: Workbook, candidate_id: int) -> dict[int, Score]:
    """A candidate's scores by criterion id."""
    rows = wb.query(
        "SELECT candidate_id, criterion_id, score, note FROM candidate_scores "
        "WHERE candidate_id = ?",
        (candidate_id,),
    )
    return {r["criterion_id"]: Score(**r) for r in rows}


def set_score(
    wb: Workbook, candidate_id: int, criterion_id: int, score: int | str, note: str = ""
) -> None:
    """Score a candidate 1–5 on one criterion, with a note (replacing any earlier score)."""
    value = validate.whole(score, "score", "Score", minimum=1, maximum=5)
    clean_note = validate.text(note, "note", "Note", max_len=MAX_NOTE)
    get_candidate(wb, candidate_id)
    get_criterion(wb, criterion_id)
    with wb.transaction() as db:
        db.table("candidate_scores").upsert(
            {
                "candidate_id": candidate_id,
                "criterion_id": criterion_id,
                "score": value,
                "note": clean_note,
            },
            pk=("candidate_id", "criterion_id"),
        )


def clear_score(wb: Workbook, candidate_id: int, criterion_id: int) -> None:
    """Remove a candidate's score (and its note) on one criterion: it becomes missing."""
    get_candidate(wb, candidate_id)
    get_criterion(wb, criterion_id)
    with wb.transaction() as db:
        db.execute(
            "DELETE FROM candidate_scores WHERE candidate_id = ? AND criterion_id = ?",
            [candidate_id, criterion_id],
        )


def criteria_for(criteria: Sequence[Criterion], scores: dict[int, Score]) -> list[Criterion]:
    """The criteria that count for a candidate: the active ones and any retired one they
    were scored on, in the owner's order."""
    return [c for c in criteria if c.active or c.id in scores]


def score_summary(wb: Workbook, candidate_id: int) -> ScoreSummary:
    candidate = get_candidate(wb, candidate_id)
    return summarise(candidate, list_criteria(wb), scores_for(wb, candidate_id))


_SUMMARY_SELECT = """
    SELECT c.id, c.name, c.role, c.interview_date, c.status, c.notes,
           group_concat(s.criterion_id || ':' || s.score) AS scores
    FROM candidates c LEFT JOIN candidate_scores s ON s.candidate_id = c.id
    GROUP BY c.id
    ORDER BY c.name COLLATE NOCASE, c.id
"""


def list_summaries(wb: Workbook, *, role: str | None = None) -> list[ScoreSummary]:
    """Every candidate (for ``role`` when given) with their weighted score, by name.

    One query for every candidate with their scores (without the notes, which a summary
    does not need), so a list of hundreds costs one read, not one per candidate.
    """
    criteria = list_criteria(wb)
    summaries = []
    for row in wb.query(_SUMMARY_SELECT):
        scores = {}
        for pair in (row["scores"] or "").split(","):
            if pair:
                criterion_id, score = pair.split(":")
                # a whole number as the app writes it; a decimal only if edited outside
                scores[int(criterion_id)] = int(score) if score.isdigit() else float(score)
        summaries.append(summarise(Candidate.from_row(row), criteria, scores))
    return summaries if role is None else for_role(summaries, role)


def for_role(summaries: Iterable[ScoreSummary], role: str | None) -> list[ScoreSummary]:
    """The summaries of the candidates for ``role`` (ignoring case and extra spaces); all of
    them when ``role`` is None."""
    if role is None:
        return list(summaries)
    wanted = _role_key(role)
    return [s for s in summaries if _role_key(s.candidate.role) == wanted]


def _fraction(summary: ScoreSummary) -> Fraction:
    fraction = summary.fraction
    assert fraction is not None  # rank sorts only the scored
    return fraction


def rank(summaries: Sequence[ScoreSummary]) -> list[Ranked]:
    """Highest weighted score first. Equal scores share a rank and keep their order;
    candidates with nothing scored come last, unranked."""
    scored = sorted(
        (s for s in summaries if s.fraction is not None),
        key=_fraction,
        reverse=True,
    )
    # sorted(reverse=True) keeps equal items in their original order
    result: list[Ranked] = []
    for n, summary in enumerate(scored):
        if n and summary.fraction == scored[n - 1].fraction:
            result.append(Ranked(result[-1].rank, summary))
        else:
            result.append(Ranked(n + 1, summary))
    result += [Ranked(None, s) for s in summaries if s.fraction is None]
    return result


def ranking(wb: Workbook, role: str | None = None) -> list[Ranked]:
    """The candidates for ``role`` (all candidates when None), best first."""
    return rank(list_summaries(wb, role=role))


def compare_candidates(wb: Workbook, candidate_ids: Sequence[int]) -> Comparison:
    """Two or three candidates side by side, criterion by criterion, with their totals."""
    ids = list(candidate_ids)
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise ValidationError("candidates", "Choose two or three candidates to compare.")
    if len(set(ids)) != len(ids):
        raise ValidationError("candidates", "Choose different candidates to compare.")
    candidates = tuple(get_candidate(wb, i) for i in ids)
    criteria = list_criteria(wb)
    scores = [scores_for(wb, i) for i in ids]
    anyone = {criterion_id for s in scores for criterion_id in s}
    rows = tuple(
        ComparisonRow(c, tuple(s.get(c.id) for s in scores))
        for c in criteria
        if c.active or c.id in anyone
    )
    totals = tuple(summarise(c, criteria, s) for c, s in zip(candidates, scores, strict=True))
    return Comparison(candidates, rows, totals)
