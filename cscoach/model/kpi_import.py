"""KPI values in and out of CSV files, and NPS and CSAT from a survey export.

**KPI CSV** (export and import): header ``month,kpi,value,note``; ``kpi`` is the KPI's name as
the app shows it (its key, like ``nps``, also works). Import accepts a ``;`` delimiter, a
decimal comma and Excel's UTF-8 BOM, and is all or nothing: every row is checked before
anything is written, and the first bad row is reported with its line number. A month that
already has a different value is only overwritten when asked (``replace=True``).

**Survey import**: one row per response (a Google Forms export: a Timestamp column, then
one column per question; SurveyMonkey's two header rows also work). The owner picks the
date column and the 0–10 "would you recommend" column and/or the 1–5 satisfaction column;
NPS and CSAT are computed per calendar month and stored with their counts. Blank and
unreadable cells are skipped and counted by reason; a column that is mostly text is
refused (it is the wrong column).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cscoach.model import csvfile, kpis, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

HEADER = ("month", "kpi", "value", "note")
REQUIRED = ("month", "kpi", "value")
MAX_BYTES = 50_000_000


class CsvLineError(ValidationError):
    """A problem on one line of a CSV file; nothing was imported."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__("file", f"Line {line}: {message}")
        self.line = line


# -- reading CSV text -------------------------------------------------------------


def _read_text(source: Path | str | bytes) -> tuple[str, str]:
    """The text of a CSV file (BOM removed) and a name to mention in messages."""
    if isinstance(source, bytes):
        data, name = source, "The file"
    else:
        path = Path(source)
        name = path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValidationError("file", f"{name} is too large to be a CSV of this kind.")
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError("file", f"Could not read {path}: {exc.strerror or exc}.") from exc
    if b"\x00" in data:
        raise ValidationError("file", f"{name} is not a CSV file (it contains NUL bytes).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "file",
            f"{name} is not UTF-8 text. In Excel choose “Save As” → “CSV UTF-8 (Comma "
            "delimited)”, or in another spreadsheet choose UTF-8 when saving as CSV.",
        ) from None
    if not text.strip():
        raise ValidationError("file", f"{name} is empty.")
    return text, name


def _delimiter(text: str) -> str:
    """``,`` ``;`` or tab: whichever splits the header row into the most columns."""
    first = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    best, best_count = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            row = next(csv.reader([first], delimiter=candidate), [])
        except csv.Error:
            continue
        if len(row) > best_count:
            best, best_count = candidate, len(row)
    return best


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; blank records left out."""
    # strict: a quote that is never closed is an error, not a cell that swallows every
    # line after it (which would import the rows before it and silently drop the rest)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CsvLineError(
            line, f'the file cannot be read as CSV ({exc}): check the quotes (") from here on.'
        ) from None
    return records


def _unneutralise(value: str) -> str:
    """Undo the apostrophe export puts before text that looks like a formula."""
    if value.startswith("'") and value[1:].startswith(csvfile.FORMULA_STARTS):
        return value[1:]
    return value


# -- KPI CSV export -----------------------------------------------------------------


def export_rows(wb: Workbook) -> list[dict]:
    """Every KPI value as ``month,kpi,value,note`` rows (values unrounded, numbers as
    numbers)."""
    names = {k.id: k.name for k in kpis.list_kpis(wb)}
    rows = [
        {"month": e.month, "kpi": names[e.kpi_id], "value": e.value, "note": e.note}
        for e in kpis.list_entries(wb)
    ]
    return sorted(rows, key=lambda r: r["month"])  # stable: KPI order within a month


def kpi_csv_text(wb: Workbook) -> str:
    """The export as text (formula-safe: text cells only are neutralised)."""
    return csvfile.to_csv_text(HEADER, export_rows(wb))


def export_kpi_csv(wb: Workbook, path: Path) -> int:
    """Write every KPI value to ``path`` (UTF-8 with a BOM, for Excel). Returns the rows."""
    rows = export_rows(wb)
    csvfile.write_csv(Path(path), HEADER, rows)
    return len(rows)


# -- KPI CSV import -----------------------------------------------------------------

NEW = "new"
REPLACE = "replace"  # the month has a different value; overwritten only with replace
UNCHANGED = "unchanged"  # the month already has exactly this value


@dataclass(frozen=True)
class ImportRow:
    line: int
    kpi_id: int
    kpi: str
    month: str
    value: float
    note: str
    existing: kpis.KpiEntry | None

    @property
    def status(self) -> str:
        if self.existing is None:
            return NEW
        same_note = not self.note or self.note == self.existing.note
        return UNCHANGED if self.existing.value == self.value and same_note else REPLACE

    def label(self) -> str:
        return f"{self.kpi} {self.month}"


@dataclass(frozen=True)
class KpiImportPlan:
    """A checked KPI CSV: what importing it would do (nothing is written yet)."""

    rows: tuple[ImportRow, ...]
    delimiter: str

    @property
    def new(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == NEW]

    @property
    def conflicts(self) -> list[ImportRow]:
        """Rows for months that already have a different value."""
        return [r for r in self.rows if r.status == REPLACE]

    @property
    def unchanged(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == UNCHANGED]

    def conflict_text(self, limit: int = 12) -> str:
        """ "Net Promoter Score (NPS) 2026-03 (now 40.0, file 42.0), …" """
        parts = [
            f"{r.label()} (now {kpis.format_number(r.existing.value)}, "
            f"file {kpis.format_number(r.value)})"
            for r in self.conflicts[:limit]
            if r.existing is not None
        ]
        more = len(self.conflicts) - limit
        return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class KpiImportReport:
    """What an import did."""

    stored: tuple[ImportRow, ...]  # months that had no value
    replaced: tuple[ImportRow, ...]  # months whose value was overwritten
    kept: tuple[ImportRow, ...]  # months that kept their own, different value
    unchanged: tuple[ImportRow, ...]  # months that already had this value

    @property
    def written(self) -> int:
        return len(self.stored) + len(self.replaced)

    def lines(self) -> list[str]:
        out = [
            f"Imported {len(self.stored)} new value{'s' if len(self.stored) != 1 else ''}"
            + (f" and replaced {len(self.replaced)}" if self.replaced else "")
            + "."
        ]
        if self.replaced:
            out.append("Replaced: " + ", ".join(r.label() for r in self.replaced) + ".")
        if self.kept:
            out.append(
                f"Kept {len(self.kept)} existing value{'s' if len(self.kept) != 1 else ''} "
                "(import with replace to overwrite them): "
                + ", ".join(r.label() for r in self.kept)
                + "."
            )
        if self.unchanged:
            out.append(f"{len(self.unchanged)} row(s) matched the values already there.")
        return out

    def summary(self) -> str:
        return " ".join(self.lines())


def read_kpi_csv(
    wb: Workbook, source: Path | str | bytes, *, today: dt.date | None = None
) -> KpiImportPlan:
    """Check a KPI CSV completely and say what importing it would do. Writes nothing.

    Raises:
        ValidationError: the file cannot be read or has the wrong columns.
        CsvLineError: a row is wrong; the message starts with its line number.
    """
    text, name = _read_text(source)
    delimiter = _delimiter(text)
    records = _records(text, delimiter)
    if not records:
        raise ValidationError("file", f"{name} is empty.")
    header_line, header = records[0]
    columns = [h.strip().lower() for h in header]
    expected = ",".join(HEADER)
    unknown = [c for c in columns if c not in HEADER]
    if unknown:
        raise CsvLineError(
            header_line,
            f"unknown column “{unknown[0]}”. The first row must be the header {expected}.",
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CsvLineError(
            header_line,
            f"the column “{missing[0]}” is missing. The first row must be the header {expected}.",
        )
    doubled = [c for c in HEADER if columns.count(c) > 1]
    if doubled:
        raise CsvLineError(header_line, f"the column “{doubled[0]}” appears twice.")
    position = {c: columns.index(c) for c in columns}
    by_name: dict[str, kpis.Kpi | None] = {}
    seen: dict[tuple[int, str], int] = {}
    rows: list[ImportRow] = []
    existing: dict[tuple[int, str], kpis.KpiEntry] = {}  # every entry of the KPIs named
    entries_read: set[int] = set()  # those KPIs (one query each, not one per row)
    for line, record in records[1:]:
        if len(record) > len(columns):
            hint = (
                " If a value has a decimal comma, put it in quotes or separate the columns with ;."
                if delimiter == ","
                else ""
            )
            raise CsvLineError(
                line, f"{len(record)} cells, but the header has {len(columns)}.{hint}"
            )
        cells = {c: (record[i] if i < len(record) else "") for c, i in position.items()}
        try:
            month = validate.month(cells["month"], "month", "Month", today=today)
        except ValidationError as exc:
            raise CsvLineError(line, exc.message) from None
        kpi_name = " ".join(_unneutralise(cells["kpi"].strip()).split())
        if not kpi_name:
            raise CsvLineError(line, "the kpi cell is empty.")
        if kpi_name.casefold() not in by_name:
            found = by_name[kpi_name.casefold()] = kpis.find_kpi(wb, kpi_name)
            if found is not None and found.id not in entries_read:
                entries_read.add(found.id)
                existing.update(((e.kpi_id, e.month), e) for e in kpis.list_entries(wb, found.id))
        kpi = by_name[kpi_name.casefold()]
        if kpi is None:
            known = ", ".join(f"“{k.name}”" for k in kpis.list_kpis(wb))
            raise CsvLineError(line, f"there is no KPI called “{kpi_name}” (known: {known}).")
        try:
            value = validate.number(
                cells["value"], "value", kpi.name, minimum=kpi.min_value, maximum=kpi.max_value
            )
            note = validate.text(
                _unneutralise(cells.get("note", "")), "note", "Note", max_len=kpis.MAX_NOTE
            )
        except ValidationError as exc:
            raise CsvLineError(line, exc.message) from None
        key = (kpi.id, month)
        if key in seen:
            raise CsvLineError(
                line, f"{kpi.name} {month} is already on line {seen[key]}; keep one of them."
            )
        seen[key] = line
        rows.append(ImportRow(line, kpi.id, kpi.name, month, value, note, existing.get(key)))
    return KpiImportPlan(tuple(rows), delimiter)


def import_kpi_csv(
    wb: Workbook,
    source: Path | str | bytes,
    *,
    replace: bool = False,
    keep_existing: bool = False,
    today: dt.date | None = None,
) -> KpiImportReport:
    """Import a KPI CSV, all or nothing, in one transaction.

    Months that already have a different value: ``replace=True`` overwrites them (a note
    left empty in the file keeps the note already there); ``keep_existing=True`` keeps them
    and imports the rest; with neither, a ValidationError lists them and nothing is written.
    """
    plan = read_kpi_csv(wb, source, today=today)
    conflicts = plan.conflicts
    if conflicts and not (replace or keep_existing):
        raise ValidationError(
            "replace",
            f"{len(conflicts)} month(s) already have a different value: "
            f"{plan.conflict_text()}. Import with replace to overwrite them, or remove those "
            "rows from the file.",
        )
    stored, replaced, kept, entries = [], [], [], []
    for row in plan.rows:
        if row.status == UNCHANGED:
            continue
        if row.status == REPLACE and not replace:
            kept.append(row)
            continue
        existing = row.existing
        note = row.note or (existing.note if existing else "")
        counts = existing.counts if existing and existing.value == row.value else None
        entries.append((row.kpi_id, row.month, row.value, note, counts))
        (replaced if existing else stored).append(row)
    with wb.transaction() as db:
        kpis.store_entries(db, entries)
    return KpiImportReport(tuple(stored), tuple(replaced), tuple(kept), tuple(plan.unchanged))


# -- survey import: reading the file ---------------------------------------------------

_SURVEYMONKEY_SUBHEADERS = {"response", "open-ended response", "other (please specify)"}


@dataclass(frozen=True)
class SurveyTable:
    """A survey export as text: the column names and the response rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]  # the line each row starts on

    def column(self, index: int) -> list[str]:
        return [row[index].strip() if index < len(row) else "" for row in self.rows]

    def find(self, name_or_index: str | int | None, label: str, field: str) -> int | None:
        """The index of a column given by its header (ignoring case), or its number."""
        if name_or_index is None or name_or_index == "":
            return None
        if isinstance(name_or_index, int):
            if 0 <= name_or_index < len(self.headers):
                return name_or_index
            raise ValidationError(field, f"{self.name} has no column {name_or_index + 1}.")
        wanted = " ".join(name_or_index.split()).casefold()
        for index, header in enumerate(self.headers):
            if " ".join(header.split()).casefold() == wanted:
                return index
        matches = [i for i, h in enumerate(self.headers) if wanted and wanted in h.casefold()]
        if len(matches) == 1:
            return matches[0]
        shown = "; ".join(f"“{h}”" for h in self.headers[:12])
        raise ValidationError(
            field, f"{self.name} has no {label} column called “{name_or_index}” (it has: {shown})."
        )


def read_survey(source: Path | str | bytes) -> SurveyTable:
    """Read a survey export (``,`` or ``;``, BOM or not; SurveyMonkey's two header rows)."""
    text, name = _read_text(source)
    records = _records(text, _delimiter(text))
    if len(records) < 2:
        raise ValidationError("file", f"{name} has no responses, only a header (or nothing).")
    _, first = records[0]
    headers = [h.strip() for h in first]
    body = records[1:]
    second = [c.strip().casefold() for c in body[0][1]]
    if any(c in _SURVEYMONKEY_SUBHEADERS for c in second):
        merged, current = [], ""
        sub = body[0][1]
        for index in range(max(len(headers), len(sub))):
            top = headers[index] if index < len(headers) else ""
            current = top or current
            extra = sub[index].strip() if index < len(sub) else ""
            if extra and extra.casefold() not in _SURVEYMONKEY_SUBHEADERS and extra != current:
                merged.append(f"{current} — {extra}" if current else extra)
            else:
                merged.append(current)
        headers, body = merged, body[1:]
        if not body:
            raise ValidationError("file", f"{name} has no responses, only its header rows.")
    width = max(len(headers), *(len(r) for _, r in body))
    headers += [""] * (width - len(headers))
    headers = [h or f"Column {i + 1}" for i, h in enumerate(headers)]
    return SurveyTable(
        name,
        tuple(headers),
        tuple(tuple(r) for _, r in body),
        tuple(line for line, _ in body),
    )


# -- survey import: dates --------------------------------------------------------------

_TIME_REST = re.compile(
    r"^(?:[T\s]\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?:Z|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|GMT|UTC|[A-Z]{2,5})?)?\s*$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)(.*)$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)(.*)$")

MONTH_FIRST = "month/day/year"
DAY_FIRST = "day/month/year"


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _date_parts(text: str) -> tuple[str, int, int, int] | None:
    """("iso" | "ambiguous" | "dayfirst", a, b, year) or None when it is not a date.

    A timestamp's date and time are read apart: the dates of a survey repeat (a few
    hundred days) where its timestamps do not, so the date is parsed once per day
    (``_day_parts``) and only the short time is checked for each response."""
    text = text.strip()
    day, _space, time = text.partition(" ")
    if not time:
        return _day_parts(text)
    parts = _day_parts(day)
    return parts if parts is not None and _TIME_REST.match(text[len(day) :]) else None


@lru_cache(maxsize=65_536)  # a survey is read again each time a column is chosen
def _day_parts(text: str) -> tuple[str, int, int, int] | None:
    """``_date_parts`` of a text with no space in it."""
    for kind, pattern in (("iso", _ISO), ("iso", _YMD)):
        found = pattern.match(text)
        if found and _TIME_REST.match(found.group(4)):
            return kind, int(found.group(2)), int(found.group(3)), int(found.group(1))
    for kind, pattern in (("ambiguous", _AMBIGUOUS), ("dayfirst", _DOTTED)):
        found = pattern.match(text)
        if found and _TIME_REST.match(found.group(4)):
            return kind, int(found.group(1)), int(found.group(2)), _year(found.group(3))
    return None


def date_order(values: Sequence[str]) -> tuple[bool, bool]:
    """(day_first, certain) for the dates written like ``10/3/2026`` in a column.

    Day first when some first number is above 12, month first when some second number is;
    when nothing decides, month first (the Google Forms and US spreadsheet default).

    Raises:
        ValidationError: the column mixes both orders.
    """
    return _order([_date_parts(v) for v in values])


def _order(parsed: Sequence[tuple[str, int, int, int] | None]) -> tuple[bool, bool]:
    """``date_order`` of dates already split by ``_date_parts``."""
    day_first = month_first = False
    for parts in parsed:
        if parts and parts[0] == "ambiguous":
            day_first |= parts[1] > 12
            month_first |= parts[2] > 12
    if day_first and month_first:
        raise ValidationError(
            "date_column",
            "The dates mix day/month/year and month/day/year (both 13/2/2026 and 2/13/2026 "
            "appear), so no date can be trusted. Correct the date column and try again.",
        )
    return day_first, day_first or month_first


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """A response date in ISO or a common spreadsheet / Google Forms form, or None."""
    return _date(_date_parts(text), day_first)


def _date(parts: tuple[str, int, int, int] | None, day_first: bool) -> dt.date | None:
    """``parse_date`` of a date already split by ``_date_parts``."""
    if parts is None:
        return None
    kind, a, b, year = parts
    if kind == "iso":
        month, day = a, b
    elif kind == "dayfirst" or day_first:
        day, month = a, b
    else:
        month, day = a, b
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- survey import: answers and months -------------------------------------------------

_WHOLE = re.compile(r"^\+?(\d{1,2})(?:[.,]0+)?$")


@lru_cache(maxsize=1024)  # a survey holds the same few answers thousands of times
def _answer(text: str, low: int, high: int) -> int | None:
    found = _WHOLE.match(text.strip())
    if not found:
        return None
    value = int(found.group(1))
    return value if low <= value <= high else None


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
    skipped: Counter = field(default_factory=Counter)
    date_note: str = ""  # how ambiguous dates were read

    def results(self) -> list[SurveyMonth]:
        """NPS and CSAT per month, oldest first (a month without answers has none)."""
        out = []
        for month in sorted(self.months):
            tally = self.months[month]
            if self.nps_column is not None and tally.nps_total:
                result = kpis.compute("nps", tally.nps_counts())
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
                result = kpis.compute("csat", tally.csat_counts())
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


GUESS_SAMPLE = 2000  # responses looked at to guess the columns, spread over the file


def suggest_columns(table: SurveyTable) -> tuple[int | None, int | None, int | None]:
    """(date, nps, csat) column indexes guessed from the headers and the values (of at
    most ``GUESS_SAMPLE`` responses spread over the file: a big survey is guessed as
    quickly as a small one)."""
    step = max(1, math.ceil(len(table.rows) / GUESS_SAMPLE))
    sample = SurveyTable(table.name, table.headers, table.rows[::step], table.lines[::step])
    columns_seen: dict[int, list[str]] = {}

    def column(index: int) -> list[str]:
        if index not in columns_seen:
            columns_seen[index] = sample.column(index)
        return columns_seen[index]

    def share(index: int, test) -> float:
        values = [v for v in column(index) if v]
        return sum(1 for v in values if test(v)) / len(values) if values else 0.0

    def is_date(v: str) -> bool:
        return _date_parts(v) is not None

    def nps_value(v: str) -> bool:
        return _answer(v, 0, 10) is not None

    def csat_value(v: str) -> bool:
        return _answer(v, 1, 5) is not None

    def wide(index: int) -> bool:
        return any((_answer(v, 0, 10) or 0) > 5 or v.strip() == "0" for v in column(index))

    columns = range(len(table.headers))
    lower = [h.casefold() for h in table.headers]
    date = next(
        (
            i
            for i in columns
            if any(w in lower[i] for w in ("timestamp", "date", "time", "submitted"))
            and share(i, is_date) >= 0.5
        ),
        None,
    )
    if date is None:
        date = next((i for i in columns if share(i, is_date) >= 0.8), None)
    nps = next(
        (
            i
            for i in columns
            if i != date and "recommend" in lower[i] and share(i, nps_value) >= 0.5
        ),
        None,
    )
    if nps is None:
        nps = next(
            (i for i in columns if i != date and share(i, nps_value) >= 0.95 and wide(i)), None
        )
    csat = next(
        (
            i
            for i in columns
            if i not in (date, nps) and "satisf" in lower[i] and share(i, csat_value) >= 0.5
        ),
        None,
    )
    if csat is None:
        csat = next(
            (
                i
                for i in columns
                if i not in (date, nps) and share(i, csat_value) >= 0.95 and not wide(i)
            ),
            None,
        )
    return date, nps, csat


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
    parsed = [_date_parts(d) if d else None for d in dates]  # each date split once
    if day_first is None:
        day_first, certain = _order(parsed)
    else:
        certain = True
    now = kpis.current_month(today)
    months: dict[str, MonthTally] = {}
    skipped: Counter = Counter()
    answers = {
        "NPS": (nps_index, 0, 10, "a whole number 0–10"),
        "CSAT": (csat_index, 1, 5, "a whole number 1–5"),
    }
    asked = [(name, *spec) for name, spec in answers.items() if spec[0] is not None]
    valid = Counter()
    invalid: dict[str, list[tuple[int, str]]] = {"NPS": [], "CSAT": [], "date": []}
    dated = 0
    month_of: dict[dt.date, str] = {}
    for row_index, raw_date in enumerate(dates):
        if not raw_date:
            skipped["responses without a date"] += 1
            continue
        day = _date(parsed[row_index], day_first)
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
            value = _answer(text, low, high)
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
    for name, (index, low, high, wanted) in answers.items():
        if index is None:
            continue
        bad = invalid[name]
        if valid[name] == 0 or len(bad) > valid[name]:
            example = f" — line {bad[0][0]} says “{bad[0][1][:60]}”" if bad else ""
            raise ValidationError(
                "nps_column" if name == "NPS" else "csat_column",
                f"The column “{header[index]}” is not a {low}–{high} answer column: it has "
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
        columns = [f"dates from “{self.date_column}”"]
        if self.nps_column:
            columns.append(f"NPS from “{self.nps_column}”")
        if self.csat_column:
            columns.append(f"CSAT from “{self.csat_column}”")
        out = [f"Read {self.rows} response(s) from {self.source}: {', '.join(columns)}."]

        def describe(items: list[SurveyMonth]) -> str:
            return ", ".join(
                f"{m.label()} = {kpis.format_number(m.value)} ({m.responses} answers)"
                for m in items
            )

        if self.stored:
            out.append(f"Stored: {describe(self.stored)}.")
        if self.replaced:
            out.append(f"Replaced: {describe(self.replaced)}.")
        if self.kept:
            out.append(
                "Kept the value already there (import with replace to overwrite): "
                + ", ".join(
                    f"{m.label()} (kept {kpis.format_number(m.existing)}, survey "
                    f"{kpis.format_number(m.value)})"
                    for m in self.kept
                )
                + "."
            )
        if self.unchanged:
            out.append(
                "Already there with the same value: "
                + ", ".join(m.label() for m in self.unchanged)
                + "."
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
        existing = kpis.get_entry(wb, kpi.id, result.month)
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
            existing = kpis.get_entry(wb, kpi_id, item.month)
            note = existing.note if existing else ""
            kpis.store_entry(db, kpi_id, item.month, item.value, note, item.counts)
    return SurveyReport(
        source=analysis.table.name,
        date_column=analysis.date_column,
        nps_column=analysis.nps_column,
        csat_column=analysis.csat_column,
        rows=analysis.rows,
        months=tuple(planned),
        skipped=tuple(sorted(analysis.skipped.items())),
        date_note=analysis.date_note,
    )


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

    Columns left as None are guessed from the headers and values (the date column always;
    the answer columns only when neither is given). Nothing is written on any error.
    """
    table = read_survey(source)
    guess_date, guess_nps, guess_csat = suggest_columns(table)
    if date_column is None:
        date_column = guess_date
    if nps_column is None and csat_column is None:
        nps_column, csat_column = guess_nps, guess_csat
    analysis = analyse_survey(
        table,
        date_column=date_column,
        nps_column=nps_column,
        csat_column=csat_column,
        day_first=day_first,
        today=today,
    )
    return store_survey(wb, analysis, replace=replace, today=today)
