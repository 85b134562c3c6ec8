"""The whole workbook as one spreadsheet (``.xlsx``), a sheet a section.

``sheets(wb)`` gathers plain rows from the workbook; ``xlsx_file.write_xlsx`` writes them
with XlsxWriter; ``export_workbook`` does both into a file readable by the owner only.

What goes in is what the owner typed and what CS Coach computed, as a spreadsheet expects
it: dates as dates, months as the first day of the month shown ``Mmm yyyy``, numbers as
numbers, yes/no as words, text always as text (``xlsx_file``). Anonymous
questionnaire rounds carry no names: their responses are "Response 1", "Response 2", … in
the round's own shuffled order, never in the order people answered.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscoach.model import files, hiring, kpi_counts, kpis, settings, standards
from cscoach.model.feedback import KIND_LABELS
from cscoach.model.workbook import Workbook
from cscoach.model.xlsx_file import (
    DATE,
    MAX_WIDTH,
    MONTH,
    NUMBER,
    PERCENT,
    TEXT,
    WHOLE,
    YESNO,
    Column,
    Sheet,
    write_xlsx,
)

__all__ = [  # what the command line, the app and the tests use from here
    "DATE",
    "MONTH",
    "NUMBER",
    "PERCENT",
    "TEXT",
    "WHOLE",
    "YESNO",
    "Column",
    "ExportResult",
    "Sheet",
    "export_workbook",
    "sheets",
    "write_xlsx",
]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sheets: tuple[tuple[str, int], ...]  # (sheet name, rows)

    def summary(self) -> str:
        rows = sum(count for _, count in self.sheets)
        return f"Wrote {len(self.sheets)} sheets ({rows} rows) to {self.path}."


def export_workbook(wb: Workbook, out: Path, *, today: dt.date | None = None) -> ExportResult:
    """Write everything in ``wb`` to the spreadsheet ``out`` (made readable by the owner
    only; an existing file is replaced whole, never left half-written). Refuses to write over
    the workbook or any CS Coach workbook or backup (WorkbookError); an OSError says why the
    folder or file could not be written."""
    out = Path(out)
    files.refuse_workbook(out, wb.path)
    gathered = sheets(wb, today=today)
    with files.replacing(out, private=True) as tmp:
        write_xlsx(gathered, tmp, title=settings.business_name(wb))
    return ExportResult(out, tuple((s.name, len(s.rows)) for s in gathered))


# -- gathering ------------------------------------------------------------------------------


def sheets(wb: Workbook, *, today: dt.date | None = None) -> list[Sheet]:
    """Every section of the workbook as a sheet, in the app's order."""
    today = today or dt.date.today()
    made = [
        _team(wb),
        _answers(wb),
        _philosophy(wb),
        _values(wb),
        _standards(wb, today),
        _criteria(wb),
        _candidates(wb),
        _scores(wb),
        _kpis(wb, today),
        _kpi_values(wb),
        _reviews(wb),
        _feedback(wb),
    ]
    if _has_table(wb, "actions"):
        made.append(_actions(wb))
    if _has_table(wb, "training_sessions"):
        made += [_training(wb), _stories(wb)]
    if _has_table(wb, "kiosk_votes"):
        made.append(_kiosk_days(wb))
    return made


def _has_table(wb: Workbook, name: str) -> bool:
    return (
        wb.conn.execute(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        is not None
    )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(value: str | None) -> dt.date | None:
    return _date(f"{value}-01") if value else None


def _yes(flag: object) -> str:
    return "Yes" if flag else "No"


def _team(wb: Workbook) -> Sheet:
    rows = wb.conn.execute(
        "SELECT name, role, start_date, active, left_on FROM team_members "
        "ORDER BY name COLLATE NOCASE"
    ).fetchall()
    return Sheet(
        "Team",
        [
            Column("Name"),
            Column("Role"),
            Column("Started", DATE),
            Column("Active", YESNO),
            Column("Left on", DATE),
        ],
        [(r[0], r[1], _date(r[2]), bool(r[3]), _date(r[4])) for r in rows],
    )


def _answers(wb: Workbook) -> Sheet:
    """Every answer given, round by round; in an anonymous round no name is read at all."""
    cursor = wb.conn.execute(
        """SELECT r.id, r.name, r.held_on, r.anonymous, s.id,
                  CASE WHEN r.anonymous THEN NULL ELSE m.name END,
                  q.section, q.text, a.text, a.rating
             FROM answers a
             JOIN responses s ON s.id = a.response_id
             JOIN rounds r ON r.id = s.round_id
             JOIN round_questions q ON q.id = a.round_question_id
             LEFT JOIN team_members m ON m.id = s.member_id AND NOT r.anonymous
            WHERE a.text != '' OR a.rating IS NOT NULL
            ORDER BY r.held_on, r.id,
                     CASE WHEN r.anonymous THEN NULL ELSE m.name END COLLATE NOCASE,
                     s.shuffle_key, s.id, q.position"""
    )
    numbers: dict[int, int] = {}  # response id -> its number in an anonymous round
    per_round: dict[int, int] = {}
    rows: list[tuple[Any, ...]] = []
    for round_id, name, held_on, anonymous, response_id, member, section, text, a, rating in cursor:
        if anonymous:
            if response_id not in numbers:
                per_round[round_id] = per_round.get(round_id, 0) + 1
                numbers[response_id] = per_round[round_id]
            person = f"Response {numbers[response_id]}"
        else:
            person = member or "Anonymous"
        rows.append(
            (
                name,
                _date(held_on),
                "Anonymous" if anonymous else "Named",
                person,
                section,
                text,
                a,
                rating,
            )
        )
    return Sheet(
        "Questionnaire answers",
        [
            Column("Round"),
            Column("Held on", DATE),
            Column("Round kind"),
            Column("Who"),
            Column("Section"),
            Column("Question", width=50),
            Column("Answer", width=MAX_WIDTH),
            Column("Rating (1–5)", WHOLE),
        ],
        rows,
    )


def _philosophy(wb: Workbook) -> Sheet:
    rows = wb.conn.execute("SELECT title, body FROM philosophy_sections ORDER BY position")
    return Sheet(
        "Philosophy",
        [Column("Section"), Column("What we wrote", width=MAX_WIDTH)],
        [tuple(r) for r in rows],
    )


def _values(wb: Workbook) -> Sheet:
    rows = wb.conn.execute("SELECT name, meaning FROM core_values ORDER BY position")
    return Sheet(
        "Values",
        [Column("Value"), Column("What it means", width=MAX_WIDTH)],
        [tuple(r) for r in rows],
    )


def _standards(wb: Workbook, today: dt.date) -> Sheet:
    rows = [
        (
            s.title,
            s.category,
            s.detail,
            ", ".join(s.values),
            s.owner or "",
            s.kpi or "",
            s.review_months,
            _date(s.last_reviewed),
            s.next_review() if s.active else None,
            s.overdue(today),
            s.on_poster,
            s.active,
        )
        for s in standards.list_standards(wb, status="all", today=today)
    ]
    return Sheet(
        "Standards",
        [
            Column("Standard", width=45),
            Column("Category"),
            Column("What it looks like", width=MAX_WIDTH),
            Column("Values it serves"),
            Column("Owner"),
            Column("KPI that shows it"),
            Column("Review every (months)", WHOLE),
            Column("Last reviewed", DATE),
            Column("Next review", DATE),
            Column("Overdue", YESNO),
            Column("On the poster", YESNO),
            Column("In use", YESNO),
        ],
        rows,
    )


def _criteria(wb: Workbook) -> Sheet:
    rows = [
        (
            c.quality,
            c.weight,
            c.good_signs,
            c.poor_signs,
            "\n".join(c.questions),
            ", ".join(c.values),
            c.active,
        )
        for c in hiring.list_criteria(wb)
    ]
    return Sheet(
        "Hiring criteria",
        [
            Column("Quality"),
            Column("Weight (1–5)", WHOLE),
            Column("Good signs", width=45),
            Column("Warning signs", width=45),
            Column("Interview questions", width=MAX_WIDTH),
            Column("Values it serves"),
            Column("In use", YESNO),
        ],
        rows,
    )


def _candidates(wb: Workbook) -> Sheet:
    pairs: dict[int, list[tuple[int, int | None]]] = {}
    for candidate_id, weight, score in wb.conn.execute(
        """SELECT s.candidate_id, c.weight, s.score FROM candidate_scores s
             JOIN hiring_criteria c ON c.id = s.criterion_id"""
    ):
        pairs.setdefault(candidate_id, []).append((weight, score))
    rows = []
    for c in hiring.list_candidates(wb):
        percent = hiring.weighted_percent(pairs.get(c.id, []))
        rows.append(
            (
                c.name,
                c.role,
                _date(c.interview_date),
                c.status_label,
                None if percent is None else percent / 100,
                c.notes,
            )
        )
    return Sheet(
        "Candidates",
        [
            Column("Candidate"),
            Column("Role applied for"),
            Column("Interview date", DATE),
            Column("Status"),
            Column("Weighted score", PERCENT),
            Column("Notes", width=MAX_WIDTH),
        ],
        rows,
    )


def _scores(wb: Workbook) -> Sheet:
    rows = wb.conn.execute(
        """SELECT d.name, c.quality, c.weight, s.score, s.note
             FROM candidate_scores s
             JOIN candidates d ON d.id = s.candidate_id
             JOIN hiring_criteria c ON c.id = s.criterion_id
            ORDER BY d.name COLLATE NOCASE, d.id, c.position"""
    )
    return Sheet(
        "Scores",
        [
            Column("Candidate"),
            Column("Quality"),
            Column("Weight (1–5)", WHOLE),
            Column("Score (1–5)", NUMBER),
            Column("Note", width=MAX_WIDTH),
        ],
        [tuple(r) for r in rows],
    )


def _kpis(wb: Workbook, today: dt.date) -> Sheet:
    rows = [
        (
            k.name,
            k.unit,
            "Higher" if k.higher_is_better else "Lower",
            k.target,
            k.min_value,
            k.max_value,
            k.entries,
            k.active,
            k.description,
        )
        for k in kpis.list_kpis(wb, include_retired=True, today=today)
    ]
    return Sheet(
        "KPIs",
        [
            Column("KPI"),
            Column("Unit"),
            Column("Better when"),
            Column("Target now", NUMBER),
            Column("Lowest possible", NUMBER),
            Column("Highest possible", NUMBER),
            Column("Months with a value", WHOLE),
            Column("In use", YESNO),
            Column("What it measures", width=MAX_WIDTH),
        ],
        rows,
    )


def _kpi_values(wb: Workbook) -> Sheet:
    """One row per KPI per month, with its target that month and the counts it came from."""
    count_fields = [f for fields in kpi_counts.COUNT_FIELDS.values() for f in fields]
    every = kpis.list_kpis(wb, include_retired=True)
    history = {k.id: kpis.target_history(wb, k.id) for k in every}
    by_id = {k.id: k for k in every}
    entries = wb.conn.execute(
        """SELECT e.kpi_id, e.month, e.value, e.note, e.counts FROM kpi_entries e
             JOIN kpis k ON k.id = e.kpi_id ORDER BY e.month, k.position"""
    ).fetchall()
    rows = []
    for kpi_id, month, value, note, counts_json in entries:
        kpi = by_id[kpi_id]
        (target,) = kpis.targets_for(history[kpi_id], [month])
        try:
            counts = json.loads(counts_json) if counts_json else {}
        except ValueError:
            counts = {}
        if not isinstance(counts, dict):
            counts = {}
        on_target = (
            None if target is None else kpis.is_on_target(value, target, kpi.higher_is_better)
        )
        rows.append(
            (
                _month(month),
                kpi.name,
                value,
                kpi.unit,
                target,
                on_target,
                note,
                *(_number(counts.get(name)) for name, _, _ in count_fields),
            )
        )
    return Sheet(
        "KPI values",
        [
            Column("Month", MONTH),
            Column("KPI"),
            Column("Value", NUMBER),
            Column("Unit"),
            Column("Target", NUMBER),
            Column("On target", YESNO),
            Column("Note", width=45),
            *(Column(label, NUMBER) for _, label, _ in count_fields),
        ],
        rows,
    )


def _number(value: object) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _reviews(wb: Workbook) -> Sheet:
    rows = wb.conn.execute(
        "SELECT month, next_steps FROM monthly_reviews WHERE next_steps != '' ORDER BY month"
    )
    return Sheet(
        "Monthly reviews",
        [Column("Month", MONTH), Column("What we will do next", width=MAX_WIDTH)],
        [(_month(m), text) for m, text in rows],
    )


def _feedback(wb: Workbook) -> Sheet:
    cursor = wb.conn.execute(
        """SELECT f.received_on, f.kind, f.channel, f.text, f.customer,
                  (SELECT group_concat(name, ', ') FROM (
                      SELECT t.name FROM feedback_item_themes x
                        JOIN feedback_themes t ON t.id = x.theme_id
                       WHERE x.item_id = f.id ORDER BY t.position)),
                  (SELECT group_concat(name, ', ') FROM (
                      SELECT m.name FROM feedback_item_members x
                        JOIN team_members m ON m.id = x.member_id
                       WHERE x.item_id = f.id ORDER BY m.name COLLATE NOCASE)),
                  (SELECT group_concat(title, ', ') FROM (
                      SELECT s.title FROM feedback_item_standards x
                        JOIN standards s ON s.id = x.standard_id
                       WHERE x.item_id = f.id ORDER BY s.position)),
                  f.severity, f.status, f.acknowledged_on, o.name, f.action_taken,
                  f.resolved_on
             FROM feedback_items f
             LEFT JOIN team_members o ON o.id = f.follow_up_by
            ORDER BY f.received_on DESC, f.id DESC"""
    )
    rows = [
        (
            _date(r[0]),
            KIND_LABELS.get(r[1], r[1]),
            r[2],
            r[3],
            r[4],
            r[5] or "",
            r[6] or "",
            r[7] or "",
            (r[8] or "").capitalize(),
            (r[9] or "").capitalize(),
            _date(r[10]),
            r[11] or "",
            r[12],
            _date(r[13]),
        )
        for r in cursor
    ]
    return Sheet(
        "Feedback",
        [
            Column("Date", DATE),
            Column("Kind"),
            Column("Channel"),
            Column("What was said", width=MAX_WIDTH),
            Column("Customer"),
            Column("Themes"),
            Column("Team members named"),
            Column("Standards named", width=40),
            Column("Severity"),
            Column("Status"),
            Column("Acknowledged on", DATE),
            Column("Followed up by"),
            Column("What was done", width=45),
            Column("Resolved on", DATE),
        ],
        rows,
    )


def _actions(wb: Workbook) -> Sheet:
    cursor = wb.conn.execute(
        """SELECT a.title, a.source_label, o.name, a.due_on, a.status, a.done_on, a.outcome,
                  a.helped, a.share, a.created_on
             FROM actions a LEFT JOIN team_members o ON o.id = a.owner_id
            ORDER BY a.due_on IS NULL, a.due_on, a.id"""
    )
    from cscoach.model.actions import OWNER_LABEL

    rows = [
        (
            r[0],
            r[1],
            r[2] or OWNER_LABEL,
            _date(r[3]),
            (r[4] or "").capitalize(),
            _date(r[5]),
            r[6],
            (r[7] or "").capitalize(),
            bool(r[8]),
            _date(r[9]),
        )
        for r in cursor
    ]
    return Sheet(
        "Actions",
        [
            Column("Action", width=45),
            Column("Came from", width=35),
            Column("Owner"),
            Column("Due", DATE),
            Column("Status"),
            Column("Done on", DATE),
            Column("What came of it", width=MAX_WIDTH),
            Column("Did it help"),
            Column("Shared (you said, we did)", YESNO),
            Column("Added on", DATE),
        ],
        rows,
    )


def _kiosk_days(wb: Workbook) -> Sheet:
    """The counter kiosk's votes, one row per day (every vote would be millions of rows)."""
    from cscoach.model import kiosk_kpis

    span = kiosk_kpis.vote_span(wb)
    days = kiosk_kpis.votes_by_day(wb, *span) if span else []
    rows = [
        (
            _date(t.label),
            t.votes,
            t.csat_answers,
            t.satisfied,
            None if t.csat is None else t.csat / 100,
            t.nps_answers,
            t.promoters,
            t.detractors,
            t.nps,
            t.low,
        )
        for t in reversed(days)
    ]
    return Sheet(
        "Kiosk votes",
        [
            Column("Day", DATE),
            Column("Votes", WHOLE),
            Column("Faces", WHOLE),
            Column("Satisfied (4–5)", WHOLE),
            Column("CSAT", PERCENT),
            Column("0–10 answers", WHOLE),
            Column("Promoters (9–10)", WHOLE),
            Column("Detractors (0–6)", WHOLE),
            Column("NPS", NUMBER),
            Column("Low scores", WHOLE),
        ],
        rows,
    )


def _training(wb: Workbook) -> Sheet:
    from cscoach.model import training

    rows = [
        (
            _date(t.held_on),
            t.topic,
            t.kind_label,
            t.trainer_label,
            "; ".join(t.attendees),
            len(t.attendees),
            "; ".join(t.standards),
            t.refresh_months,
            _date(t.refresh_due_on),
            t.notes,
        )
        for t in reversed(training.list_sessions(wb))
    ]
    return Sheet(
        "Training",
        [
            Column("Date", DATE),
            Column("Topic", width=35),
            Column("Kind"),
            Column("Run by"),
            Column("Attended", width=45),
            Column("People", WHOLE),
            Column("Standards covered", width=45),
            Column("Refresh every (months)", WHOLE),
            Column("Refresh due", DATE),
            Column("Notes", width=MAX_WIDTH),
        ],
        rows,
    )


def _stories(wb: Workbook) -> Sheet:
    from cscoach.model import stories
    from cscoach.model.months import month_label

    rows = [
        (
            _date(s.happened_on),
            "; ".join(s.members),
            s.value_label,
            s.what_happened,
            s.source_text,
            ", ".join(month_label(m) for m in s.featured_months),
        )
        for s in reversed(stories.list_stories(wb))
    ]
    return Sheet(
        "Stories",
        [
            Column("Date", DATE),
            Column("About", width=30),
            Column("Value shown"),
            Column("What happened", width=MAX_WIDTH),
            Column("From the compliment", width=45),
            Column("Featured in"),
        ],
        rows,
    )
