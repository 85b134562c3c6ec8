"""KPI values in and out of CSV files.

**KPI CSV** (export and import): header ``month,kpi,value,note``; ``kpi`` is the KPI's name as
the app shows it (its key, like ``nps``, also works). Import accepts a ``;`` or tab
delimiter, a decimal comma, Excel's UTF-8 BOM and its "Unicode Text" (UTF-16), and is all or
nothing: every row is checked before anything is written, and the first bad row is reported
with its line number. A month that already has a different value is only overwritten when
asked (``replace=True``).

The survey import lives in ``survey_import``; its names are also importable from here, as
they were before it moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscoach.model import csvfile, kpi_entries, kpis, validate
from cscoach.model.csvread import CsvLineError, read_table
from cscoach.model.csvread import unneutralise as _unneutralise
from cscoach.model.errors import ValidationError
from cscoach.model.import_report import count, listing
from cscoach.model.number_format import format_number
from cscoach.model.workbook import Workbook

HEADER = ("month", "kpi", "value", "note")
REQUIRED = ("month", "kpi", "value")
# -- KPI CSV export -----------------------------------------------------------------


def export_rows(wb: Workbook) -> list[dict[str, Any]]:
    """Every KPI value as ``month,kpi,value,note`` rows (values unrounded, numbers as
    numbers)."""
    names = {k.id: k.name for k in kpis.list_kpis(wb)}
    rows = [
        {"month": e.month, "kpi": names[e.kpi_id], "value": e.value, "note": e.note}
        for e in kpi_entries.list_entries(wb)
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
    existing: kpi_entries.KpiEntry | None

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
            f"{r.label()} (now {format_number(r.existing.value)}, file {format_number(r.value)})"
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
            f"Imported {count(len(self.stored), 'new value')}"
            + (f" and replaced {len(self.replaced):,}" if self.replaced else "")
            + "."
        ]
        if self.replaced:
            out.append(f"Replaced: {_listing(self.replaced)}.")
        if self.kept:
            out.append(
                f"Kept {count(len(self.kept), 'existing value')} (import with replace to "
                f"overwrite them): {_listing(self.kept, counted=False)}."
            )
        if self.unchanged:
            out.append(f"{len(self.unchanged):,} row(s) matched the values already there.")
        return out

    def summary(self) -> str:
        return " ".join(self.lines())


def _listing(rows: Sequence[ImportRow], *, counted: bool = True) -> str:
    """ "CSAT 2026-01, CSAT 2026-02", or for many rows their months counted per KPI."""
    return listing(rows, ImportRow.label, lambda r: (r.kpi, r.month), counted=counted)


def read_kpi_csv(
    wb: Workbook, source: Path | str | bytes, *, today: dt.date | None = None
) -> KpiImportPlan:
    """Check a KPI CSV completely and say what importing it would do. Writes nothing.

    Raises:
        ValidationError: the file cannot be read or has the wrong columns.
        CsvLineError: a row is wrong; the message starts with its line number.
    """
    table = read_table(source, HEADER, REQUIRED)
    separator, position = table.separator, table.position
    by_name: dict[str, kpis.Kpi | None] = {}
    seen: dict[tuple[int, str], int] = {}
    rows: list[ImportRow] = []
    existing: dict[tuple[int, str], kpi_entries.KpiEntry] = {}  # every entry of the KPIs named
    entries_read: set[int] = set()  # those KPIs (one query each, not one per row)
    for line, record in table.rows:
        if len(record) > len(position):
            hint = (
                " If a value has a decimal comma, put it in quotes or separate the columns with ;."
                if separator == ","
                else ""
            )
            raise CsvLineError(
                line, f"{len(record)} cells, but the header has {len(position)}.{hint}"
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
                existing.update(
                    ((e.kpi_id, e.month), e) for e in kpi_entries.list_entries(wb, found.id)
                )
        kpi = by_name[kpi_name.casefold()]
        if kpi is None:
            known = ", ".join(f"“{k.name}”" for k in kpis.list_kpis(wb))
            raise CsvLineError(line, f"there is no KPI called “{kpi_name}” (known: {known}).")
        try:
            value = validate.number(
                cells["value"], "value", kpi.name, minimum=kpi.min_value, maximum=kpi.max_value
            )
            note = validate.text(
                _unneutralise(cells.get("note", "")), "note", "Note", max_len=kpi_entries.MAX_NOTE
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
    return KpiImportPlan(tuple(rows), separator)


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
    stored: list[ImportRow] = []
    replaced: list[ImportRow] = []
    kept: list[ImportRow] = []
    entries: list[tuple[int, str, float, str, Mapping[str, float] | None]] = []
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
        kpi_entries.store_entries(db, entries)
    return KpiImportReport(tuple(stored), tuple(replaced), tuple(kept), tuple(plan.unchanged))
