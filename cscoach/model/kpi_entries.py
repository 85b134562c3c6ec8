"""The monthly values of the KPIs: at most one value per KPI and month (``YYYY-MM``, never
after the current month), stored unrounded with a note and, when it was entered from counts,
the counts themselves (as JSON)."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.kpi_counts import Computation, compute
from cscoach.model.kpis import Kpi, get_kpi
from cscoach.model.workbook import Workbook

if TYPE_CHECKING:
    import sqlite_utils

MAX_NOTE = 2000


@dataclass(frozen=True)
class KpiEntry:
    kpi_id: int
    month: str
    value: float  # unrounded
    note: str
    counts: dict[str, float | int] | None  # the counts it was computed from, if any
    updated_at: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> KpiEntry:
        counts = json.loads(row["counts"]) if row["counts"] else None
        return cls(
            row["kpi_id"], row["month"], row["value"], row["note"], counts, row["updated_at"]
        )


def get_entry(wb: Workbook, kpi_id: int, month: str) -> KpiEntry | None:
    row = wb.query_one("SELECT * FROM kpi_entries WHERE kpi_id = ? AND month = ?", (kpi_id, month))
    return KpiEntry.from_row(row) if row else None


def list_entries(
    wb: Workbook,
    kpi_id: int | None = None,
    *,
    first: str | None = None,
    last: str | None = None,
) -> list[KpiEntry]:
    """Entries by KPI order then month, optionally for one KPI and a range of months."""
    clauses: list[str] = []
    params: list[int | str] = []
    if kpi_id is not None:
        clauses.append("e.kpi_id = ?")
        params.append(kpi_id)
    if first:
        clauses.append("e.month >= ?")
        params.append(first)
    if last:
        clauses.append("e.month <= ?")
        params.append(last)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = wb.query(
        f"SELECT e.* FROM kpi_entries e JOIN kpis k ON k.id = e.kpi_id {where} "
        "ORDER BY k.position, k.id, e.month",
        tuple(params),
    )
    return [KpiEntry.from_row(r) for r in rows]


def months_with_data(wb: Workbook, *, active_only: bool = False) -> list[str]:
    """Months that have at least one value, oldest first."""
    join = "JOIN kpis k ON k.id = e.kpi_id AND k.active = 1" if active_only else ""
    rows = wb.query(f"SELECT DISTINCT e.month FROM kpi_entries e {join} ORDER BY e.month")
    return [r["month"] for r in rows]


def latest_month(wb: Workbook) -> str | None:
    months = months_with_data(wb, active_only=True)
    return months[-1] if months else None


def _clean_entry(
    wb: Workbook, kpi_id: int, month: str, value: float | str, note: str, today: dt.date | None
) -> tuple[Kpi, str, float, str]:
    kpi = get_kpi(wb, kpi_id)
    clean_month = validate.month(month, "month", "Month", today=today)
    clean_value = validate.number(
        value, "value", kpi.name, minimum=kpi.min_value, maximum=kpi.max_value
    )
    clean_note = validate.text(note, "note", "Note", max_len=MAX_NOTE)
    return kpi, clean_month, clean_value, clean_note


def set_entry(
    wb: Workbook,
    kpi_id: int,
    month: str,
    value: float | str,
    note: str | None = None,
    *,
    today: dt.date | None = None,
) -> float:
    """Record the value of a KPI for a month (replacing any value there). ``note=None``
    keeps the note already there. Counts kept with an earlier value are dropped unless the
    value is unchanged. Returns the value stored (unrounded)."""
    existing = get_entry(wb, kpi_id, validate.month(month, "month", "Month", today=today))
    keep_note = existing.note if existing and note is None else (note or "")
    _, clean_month, clean_value, clean_note = _clean_entry(
        wb, kpi_id, month, value, keep_note, today
    )
    counts = existing.counts if existing and existing.value == clean_value else None
    with wb.transaction() as db:
        store_entry(db, kpi_id, clean_month, clean_value, clean_note, counts)
    return clean_value


def set_entry_from_counts(
    wb: Workbook,
    kpi_id: int,
    month: str,
    counts: Mapping[str, object],
    note: str | None = None,
    *,
    today: dt.date | None = None,
) -> Computation:
    """Compute a starter KPI's value from its counts and store both (the counts as JSON)."""
    kpi = get_kpi(wb, kpi_id)
    if not kpi.from_counts:
        raise ValidationError("kpi", f"“{kpi.name}” is entered as a value, not from counts.")
    clean_month = validate.month(month, "month", "Month", today=today)
    result = compute(kpi.key or "", counts)
    existing = get_entry(wb, kpi_id, clean_month)
    keep_note = existing.note if existing and note is None else (note or "")
    _, clean_month, value, clean_note = _clean_entry(
        wb, kpi_id, clean_month, result.value, keep_note, today
    )
    with wb.transaction() as db:
        store_entry(db, kpi_id, clean_month, value, clean_note, result.counts)
    return result


def set_note(
    wb: Workbook, kpi_id: int, month: str, note: str, *, today: dt.date | None = None
) -> None:
    """Change the note of a month that has a value (the value and counts stay)."""
    clean_month = validate.month(month, "month", "Month", today=today)
    clean_note = validate.text(note, "note", "Note", max_len=MAX_NOTE)
    if get_entry(wb, kpi_id, clean_month) is None:
        raise ValidationError("note", "Enter a value for this month before adding a note.")
    with wb.transaction() as db:
        db.execute(
            "UPDATE kpi_entries SET note = ?, updated_at = datetime('now') "
            "WHERE kpi_id = ? AND month = ?",
            [clean_note, kpi_id, clean_month],
        )


def clear_entry(wb: Workbook, kpi_id: int, month: str) -> None:
    """Remove a month's value (with its note and counts): the month becomes a gap."""
    with wb.transaction() as db:
        db.execute("DELETE FROM kpi_entries WHERE kpi_id = ? AND month = ?", [kpi_id, month])


def store_entry(
    db: sqlite_utils.Database,
    kpi_id: int,
    month: str,
    value: float,
    note: str,
    counts: Mapping[str, float] | None,
) -> None:
    """Insert or replace one entry inside the caller's transaction (``db``); the month,
    value and note must already be checked. Used by the importers too."""
    store_entries(db, [(kpi_id, month, value, note, counts)])


def store_entries(
    db: sqlite_utils.Database,
    entries: Iterable[tuple[int, str, float, str, Mapping[str, float] | None]],
) -> None:
    """``store_entry`` for many ``(kpi_id, month, value, note, counts)`` in one statement
    (an import of thousands of values)."""
    rows = []
    for kpi_id, month, value, note, counts in entries:
        if not math.isfinite(value):  # sqlite would store NaN as NULL without a word
            raise ValidationError("value", "The value must be a finite number.")
        rows.append(
            (kpi_id, month, value, note, json.dumps(dict(counts)) if counts is not None else None)
        )
    db.conn.executemany(
        "INSERT INTO kpi_entries (kpi_id, month, value, note, counts, updated_at) "
        "VALUES (?, ?, ?, ?, ?, datetime('now')) "
        "ON CONFLICT (kpi_id, month) DO UPDATE SET value = excluded.value, "
        "note = excluded.note, counts = excluded.counts, updated_at = excluded.updated_at",
        rows,
    )
