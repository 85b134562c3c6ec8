"""NPS and CSAT per month from a survey export.

One row per response (a Google Forms export: a Timestamp column, then one column per
question; SurveyMonkey's two header rows, Microsoft Forms, Typeform, HubSpot and the like
also work). The date column and the 0–10 "would you recommend" column and/or the 1–5
satisfaction column are named by the owner or chosen from their headings
(``survey_columns``: never from the look of the answers, and refused when unsure); NPS
and CSAT are computed per calendar month and stored with their counts. Blank and
unreadable cells are skipped and counted by reason; a column that is mostly text is
refused (it is the wrong column).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from cscoach.model import kpi_counts, kpi_entries, kpis, validate
from cscoach.model.errors import ValidationError
from cscoach.model.import_report import listing
from cscoach.model.months import current_month
from cscoach.model.number_format import format_number
from cscoach.model.survey_columns import (
    GUESS_SAMPLE,
    ColumnChoice,
    ColumnGuess,
    choose_columns,
    guess_columns,
)
from cscoach.model.survey_read import (
    DAY_FIRST,
    MONTH_FIRST,
    SurveyTable,
    answer,
    date_order,
    date_parts,
    heading,
    order_of,
    parse_date,
    read_survey,
    to_date,
)
from cscoach.model.workbook import Workbook

__all__ = [
    "DAY_FIRST",
    "GUESS_SAMPLE",
    "KEPT",
    "MONTH_FIRST",
    "REPLACED",
    "STORED",
    "UNCHANGED",
    "ColumnChoice",
    "ColumnGuess",
    "MonthTally",
    "SurveyAnalysis",
    "SurveyMonth",
    "SurveyReport",
    "SurveyTable",
    "analyse_survey",
    "choose_columns",
    "date_order",
    "guess_columns",
    "heading",
    "import_survey",
    "parse_date",
    "plan_survey",
    "prepare_survey",
    "read_survey",
    "store_survey",
    "suggest_columns",
]

# -- answers and months ---------------------------------------------------------------------


@dataclass
class MonthTally:
    """Answers counted for one calendar month."""

    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    satisfied: int = 0
    csat_total: int = 0

    @property
    def nps_total(self) -> int:
        return self.promoters + self.passives + self.detractors

    def nps_counts(self) -> dict[str, int]:
        return {
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
        }

    def csat_counts(self) -> dict[str, int]:
        return {"satisfied": self.satisfied, "total": self.csat_total}


@dataclass(frozen=True)
class SurveyMonth:
    """NPS or CSAT for one month as computed from the survey, and what happens to it."""

    month: str
    key: str  # "nps" or "csat"
    kpi: str
    value: float
    counts: dict[str, int]
    responses: int
    existing: float | None = None
    action: str = ""  # stored, replaced, kept, unchanged (empty before it is planned)

    def label(self) -> str:
        return f"{self.kpi} {self.month}"


@dataclass(frozen=True)
class SurveyAnalysis:
    """A survey read with chosen columns: monthly results and what was skipped."""

    table: SurveyTable
    date_column: str
    nps_column: str | None
    csat_column: str | None
    rows: int
    months: dict[str, MonthTally]
    skipped: Counter[str] = field(default_factory=Counter)
    date_note: str = ""  # how ambiguous dates were read
    reasons: dict[str, str] = field(default_factory=dict)  # "date", "nps", "csat" → why
    # that column was chosen from its heading (empty when the owner named it)
    notes: tuple[str, ...] = ()  # columns left out although their heading fits

    def columns_text(self) -> str:
        """ "dates from “Timestamp” (the form's own timestamp), NPS from “Recommend?”" """
        named: list[tuple[str, str, str | None]] = [("date", "dates", self.date_column)]
        named += [("nps", "NPS", self.nps_column), ("csat", "CSAT", self.csat_column)]
        parts = []
        for purpose, what, column in named:
            if column is None:
                continue
            reason = self.reasons.get(purpose)
            text = f"{what} from “{heading(column, 120)}”"
            parts.append(f"{text} ({reason})" if reason else text)
        return ", ".join(parts)

    def results(self) -> list[SurveyMonth]:
        """NPS and CSAT per month, oldest first (a month without answers has none)."""
        out = []
        for month in sorted(self.months):
            tally = self.months[month]
            if self.nps_column is not None and tally.nps_total:
                result = kpi_counts.compute("nps", tally.nps_counts())
                out.append(
                    SurveyMonth(
                        month,
                        "nps",
                        "NPS",
                        result.value,
                        tally.nps_counts(),
                        tally.nps_total,
                    )
                )
            if self.csat_column is not None and tally.csat_total:
                result = kpi_counts.compute("csat", tally.csat_counts())
                out.append(
                    SurveyMonth(
                        month,
                        "csat",
                        "CSAT",
                        result.value,
                        tally.csat_counts(),
                        tally.csat_total,
                    )
                )
        return out

    def skipped_lines(self) -> list[str]:
        return [f"{count} × {reason}" for reason, count in sorted(self.skipped.items())]


def analyse_survey(
    table: SurveyTable,
    *,
    date_column: str | int | None,
    nps_column: str | int | None = None,
    csat_column: str | int | None = None,
    day_first: bool | None = None,
    today: dt.date | None = None,
) -> SurveyAnalysis:
    """Count the answers per calendar month. Writes nothing.

    Raises:
        ValidationError: a column is missing or is the wrong kind (mostly text, or no
            answer in range), or no response has a readable date.
    """
    date_index = table.find(date_column, "date", "date_column")
    nps_index = table.find(nps_column, "NPS", "nps_column")
    csat_index = table.find(csat_column, "satisfaction", "csat_column")
    if date_index is None:
        raise ValidationError("date_column", "Choose the column with the date of each response.")
    if nps_index is None and csat_index is None:
        raise ValidationError(
            "nps_column",
            "Choose the 0–10 “would you recommend” column, the 1–5 satisfaction column, or both.",
        )
    chosen = [i for i in (date_index, nps_index, csat_index) if i is not None]
    if len(set(chosen)) != len(chosen):
        raise ValidationError("csat_column", "Choose a different column for each purpose.")
    dates = table.column(date_index)
    parsed = [date_parts(d) if d else None for d in dates]  # each date split once
    if day_first is None:
        day_first, certain = order_of(parsed)
    else:
        certain = True
    now = current_month(today)
    months: dict[str, MonthTally] = {}
    skipped: Counter[str] = Counter()
    answers = {
        "NPS": (nps_index, 0, 10, "a whole number 0–10"),
        "CSAT": (csat_index, 1, 5, "a whole number 1–5"),
    }
    asked = [
        (name, index, low, high, wanted)
        for name, (index, low, high, wanted) in answers.items()
        if index is not None
    ]
    valid: Counter[str] = Counter()
    invalid: dict[str, list[tuple[int, str]]] = {"NPS": [], "CSAT": [], "date": []}
    dated = 0
    month_of: dict[dt.date, str] = {}
    for row_index, raw_date in enumerate(dates):
        if not raw_date:
            skipped["responses without a date"] += 1
            continue
        day = to_date(parsed[row_index], day_first)
        line = table.lines[row_index]
        if day is None or day.year < 1900:
            skipped["responses whose date could not be read"] += 1
            invalid["date"].append((line, raw_date))
            continue
        dated += 1
        month = month_of.get(day)
        if month is None:
            month = month_of[day] = f"{day.year:04d}-{day.month:02d}"
        if month > now:
            skipped["responses dated after this month"] += 1
            continue
        tally = months.get(month)
        if tally is None:
            tally = months[month] = MonthTally()
        row = table.rows[row_index]
        for name, index, low, high, wanted in asked:
            text = row[index].strip() if index < len(row) else ""
            if not text:
                skipped[f"blank {name} answers"] += 1
                continue
            value = answer(text, low, high)
            if value is None:
                skipped[f"{name} answers that are not {wanted}"] += 1
                invalid[name].append((line, text))
                continue
            valid[name] += 1
            if name == "NPS":
                if value >= 9:
                    tally.promoters += 1
                elif value >= 7:
                    tally.passives += 1
                else:
                    tally.detractors += 1
            else:
                tally.csat_total += 1
                tally.satisfied += value >= 4
    header = table.headers
    if dated == 0 or len(invalid["date"]) > dated:
        example = (
            f" (line {invalid['date'][0][0]}: “{invalid['date'][0][1]}”)" if invalid["date"] else ""
        )
        raise ValidationError(
            "date_column",
            f"The column “{header[date_index]}” does not hold readable dates{example}. Choose "
            "the column with the date or timestamp of each response.",
        )
    if not months and skipped["responses dated after this month"]:
        raise ValidationError(
            "date_column",
            f"Every response is dated after this month ({now}), so there is nothing to "
            f"store. Check the dates in the column “{header[date_index]}”.",
        )
    for name, (column_index, low, high, wanted) in answers.items():
        if column_index is None:
            continue
        bad = invalid[name]
        if valid[name] == 0 or len(bad) > valid[name]:
            example = f" — line {bad[0][0]} says “{bad[0][1][:60]}”" if bad else ""
            raise ValidationError(
                "nps_column" if name == "NPS" else "csat_column",
                f"The column “{header[column_index]}” is not a {low}–{high} answer column: it has "
                f"{valid[name]} answer(s) that are {wanted} and {len(bad)} that are not"
                f"{example}. Choose the column with the {low}–{high} answers.",
            )
    months = {m: t for m, t in months.items() if t.nps_total or t.csat_total}
    note = ""
    if not certain and any(p and p[0] == "ambiguous" for p in parsed):
        note = (
            f"Every date could be read either way (like 10/3/2026); they were read as "
            f"{DAY_FIRST if day_first else MONTH_FIRST}."
        )
    return SurveyAnalysis(
        table=table,
        date_column=header[date_index],
        nps_column=header[nps_index] if nps_index is not None else None,
        csat_column=header[csat_index] if csat_index is not None else None,
        rows=len(table.rows),
        months=months,
        skipped=skipped,
        date_note=note,
    )


# -- survey import: storing ---------------------------------------------------------------

STORED, REPLACED, KEPT = "stored", "replaced", "kept"
UNCHANGED = "unchanged"  # the month already has exactly this value


@dataclass(frozen=True)
class SurveyReport:
    """What a survey import stored, replaced, kept and skipped, and why."""

    source: str
    date_column: str
    nps_column: str | None
    csat_column: str | None
    rows: int
    months: tuple[SurveyMonth, ...]
    skipped: tuple[tuple[str, int], ...]  # (reason, count)
    date_note: str = ""
    columns: str = ""  # the columns read, and why each was chosen
    notes: tuple[str, ...] = ()

    def _with(self, action: str) -> list[SurveyMonth]:
        return [m for m in self.months if m.action == action]

    @property
    def stored(self) -> list[SurveyMonth]:
        return self._with(STORED)

    @property
    def replaced(self) -> list[SurveyMonth]:
        return self._with(REPLACED)

    @property
    def kept(self) -> list[SurveyMonth]:
        return self._with(KEPT)

    @property
    def unchanged(self) -> list[SurveyMonth]:
        return self._with(UNCHANGED)

    @property
    def written(self) -> int:
        return len(self.stored) + len(self.replaced)

    def lines(self) -> list[str]:
        out = [f"Read {self.rows} response(s) from {self.source}: {self.columns}."]
        out += self.notes

        def value(m: SurveyMonth) -> str:
            return f"{m.label()} = {format_number(m.value)} ({m.responses} answers)"

        def kept(m: SurveyMonth) -> str:
            return (
                f"{m.label()} (kept {format_number(m.existing)}, survey {format_number(m.value)})"
            )

        if self.stored:
            out.append(f"Stored: {_listing(self.stored, value)}.")
        if self.replaced:
            out.append(f"Replaced: {_listing(self.replaced, value)}.")
        if self.kept:
            out.append(
                "Kept the value already there (import with replace to overwrite): "
                f"{_listing(self.kept, kept)}."
            )
        if self.unchanged:
            out.append(
                f"Already there with the same value: {_listing(self.unchanged, SurveyMonth.label)}."
            )
        if not self.months:
            out.append("No month had answers to store.")
        if self.skipped:
            out.append(
                "Skipped: " + "; ".join(f"{count} {reason}" for reason, count in self.skipped) + "."
            )
        if self.date_note:
            out.append(self.date_note)
        return out

    def summary(self) -> str:
        return "\n".join(self.lines())


def plan_survey(
    wb: Workbook, analysis: SurveyAnalysis, *, replace: bool = False
) -> list[SurveyMonth]:
    """The monthly results with what importing them would do to each month."""
    ids = {key: kpis.kpi_by_key(wb, key) for key in ("nps", "csat")}
    planned = []
    for result in analysis.results():
        kpi = ids[result.key]
        existing = kpi_entries.get_entry(wb, kpi.id, result.month)
        if existing is None:
            action = STORED
        elif existing.value == result.value and existing.counts == result.counts:
            action = UNCHANGED
        else:
            action = REPLACED if replace else KEPT
        planned.append(
            SurveyMonth(
                result.month,
                result.key,
                kpi.name,
                result.value,
                result.counts,
                result.responses,
                existing.value if existing else None,
                action,
            )
        )
    return planned


def store_survey(
    wb: Workbook, analysis: SurveyAnalysis, *, replace: bool = False, today: dt.date | None = None
) -> SurveyReport:
    """Store the monthly NPS and CSAT of an analysed survey in one transaction. Months that
    already have a value are kept unless ``replace`` (a replaced month keeps its note)."""
    planned = plan_survey(wb, analysis, replace=replace)
    found = {key: kpis.kpi_by_key(wb, key) for key in ("nps", "csat")}
    ids = {key: kpi.id for key, kpi in found.items()}
    for item in planned:
        validate.month(item.month, "month", "Month", today=today)
        kpi = found[item.key]
        validate.number(
            item.value,
            "value",
            f"{kpi.name} for {item.month}",
            minimum=kpi.min_value,
            maximum=kpi.max_value,
        )
    with wb.transaction() as db:
        for item in planned:
            if item.action not in (STORED, REPLACED):
                continue
            kpi_id = ids[item.key]
            existing = kpi_entries.get_entry(wb, kpi_id, item.month)
            note = existing.note if existing else ""
            kpi_entries.store_entry(db, kpi_id, item.month, item.value, note, item.counts)
    return SurveyReport(
        source=analysis.table.name,
        date_column=analysis.date_column,
        nps_column=analysis.nps_column,
        csat_column=analysis.csat_column,
        rows=analysis.rows,
        months=tuple(planned),
        skipped=tuple(sorted(analysis.skipped.items())),
        date_note=analysis.date_note,
        columns=analysis.columns_text(),
        notes=analysis.notes,
    )


def _listing(months: list[SurveyMonth], describe: Callable[[SurveyMonth], str]) -> str:
    return listing(months, describe, lambda m: (m.kpi, m.month))


def suggest_columns(table: SurveyTable) -> tuple[int | None, int | None, int | None]:
    """(date, nps, csat) column indexes the headings point to surely (None where unsure:
    see ``survey_columns``)."""
    guess = guess_columns(table)
    ratings_sure = not guess.rating_doubts()
    return (
        guess.date.index,
        guess.nps.index if ratings_sure else None,
        guess.csat.index if ratings_sure else None,
    )


def prepare_survey(
    table: SurveyTable,
    *,
    date_column: str | int | None = None,
    nps_column: str | int | None = None,
    csat_column: str | int | None = None,
    day_first: bool | None = None,
    today: dt.date | None = None,
) -> SurveyAnalysis:
    """The analysis the command line stores: the columns named, the others chosen from
    their headings (the date column always; the answer columns only when neither is named).

    Raises:
        ValidationError: a column CS Coach had to choose is uncertain (the message names the
            candidates and the options), or a chosen column is wrong (``analyse_survey``).
    """
    choice = choose_columns(
        table, date_column=date_column, nps_column=nps_column, csat_column=csat_column
    )
    analysis = analyse_survey(
        table,
        date_column=choice.date,
        nps_column=choice.nps,
        csat_column=choice.csat,
        day_first=day_first,
        today=today,
    )
    return replace(analysis, reasons=choice.reasons, notes=choice.notes)


def import_survey(
    wb: Workbook,
    source: Path | str | bytes,
    *,
    nps_column: str | int | None = None,
    csat_column: str | int | None = None,
    date_column: str | int | None = None,
    replace: bool = False,
    day_first: bool | None = None,
    today: dt.date | None = None,
) -> SurveyReport:
    """Read a survey export and store NPS and CSAT per month (the command line's way).

    Columns left as None are chosen from their headings (the date column always; the answer
    columns only when neither is given) and refused when CS Coach is unsure of them. Nothing
    is written on any error.
    """
    analysis = prepare_survey(
        read_survey(source),
        date_column=date_column,
        nps_column=nps_column,
        csat_column=csat_column,
        day_first=day_first,
        today=today,
    )
    return store_survey(wb, analysis, replace=replace, today=today)
