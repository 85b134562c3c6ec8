"""How the counter kiosk's votes become the month's CSAT and NPS, and the Kiosk view's
votes per day and per hour of day.

A month's kiosk votes are counts, stored the way a survey import stores them: the KPI's
entry for the month holds the value computed from the counts (``kpi_counts``) and the
counts themselves. The part that came from the kiosk is kept beside them under
``kiosk_…`` names (``kiosk_satisfied``, ``kiosk_total``; ``kiosk_promoters``,
``kiosk_passives``, ``kiosk_detractors``), so the next votes replace that part and nothing
else.

Nothing is silently overwritten. For each KPI and month:

- no value yet: the votes make the value (``refresh`` writes it);
- a value with ``kiosk_…`` counts: the votes are part of it; ``refresh`` brings that part
  up to date and keeps the rest (counts typed or imported that the owner chose to add to);
- a value typed by hand or imported without the kiosk: left alone. The owner chooses
  (``waiting``): add the votes to its counts (``add_votes``; a value typed without counts
  has nothing to add to), use the votes instead (``use_votes``), or keep them apart
  (``keep_apart``; the value stays, the votes stay in the Kiosk view).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from cscoach.model import kpi_entries
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.kpi_counts import compute
from cscoach.model.kpi_entries import KpiEntry
from cscoach.model.kpis import Kpi, get_kpi
from cscoach.model.months import add_months, month_label
from cscoach.model.workbook import Workbook

CSAT_KEY = "csat"
NPS_KEY = "nps"
KIOSK_PREFIX = "kiosk_"
FIELDS = {
    CSAT_KEY: ("satisfied", "total"),
    NPS_KEY: ("promoters", "passives", "detractors"),
}


@dataclass(frozen=True)
class MonthVotes:
    """A month's kiosk votes as counts (None where no vote answered that scale)."""

    month: str
    csat: dict[str, int] | None
    nps: dict[str, int] | None

    def for_kpi(self, key: str) -> dict[str, int] | None:
        return self.csat if key == CSAT_KEY else self.nps if key == NPS_KEY else None


def _bounds(month: str) -> tuple[str, str]:
    return f"{month}-01 00:00:00", f"{add_months(month, 1)}-01 00:00:00"


def month_votes(wb: Workbook, month: str) -> MonthVotes:
    """The month's votes counted the way the KPIs count answers (from the index alone)."""
    start, end = _bounds(month)
    row = wb.query_one(
        """SELECT count(csat) AS csat_total,
                  coalesce(sum(csat >= 4), 0) AS satisfied,
                  coalesce(sum(nps >= 9), 0) AS promoters,
                  coalesce(sum(nps BETWEEN 7 AND 8), 0) AS passives,
                  coalesce(sum(nps <= 6), 0) AS detractors
             FROM kiosk_votes WHERE voted_at >= ? AND voted_at < ?""",
        (start, end),
    )
    assert row is not None
    csat = (
        {"satisfied": int(row["satisfied"]), "total": int(row["csat_total"])}
        if row["csat_total"]
        else None
    )
    nps_parts = {k: int(row[k]) for k in FIELDS[NPS_KEY]}
    nps = nps_parts if any(nps_parts.values()) else None
    return MonthVotes(month, csat, nps)


def months_with_votes(wb: Workbook) -> list[str]:
    """The months with at least one vote, oldest first: one look in the index per month
    between the first vote and the last (10,000 votes a day make a scan slow)."""
    span = vote_span(wb)
    if span is None:
        return []
    month, last = span[0].strftime("%Y-%m"), span[1].strftime("%Y-%m")
    out = []
    while month <= last:
        start, end = _bounds(month)
        if wb.conn.execute(
            "SELECT 1 FROM kiosk_votes WHERE voted_at >= ? AND voted_at < ? LIMIT 1", (start, end)
        ).fetchone():
            out.append(month)
        month = add_months(month, 1)
    return out


def _starter_kpis(wb: Workbook) -> dict[str, Kpi]:
    rows = wb.query("SELECT id, key FROM kpis WHERE key IN ('csat', 'nps')")
    return {r["key"]: get_kpi(wb, r["id"]) for r in rows}


def from_kiosk(entry: KpiEntry | None) -> bool:
    """True when the entry's counts include the kiosk's part."""
    return bool(entry and entry.counts and any(k.startswith(KIOSK_PREFIX) for k in entry.counts))


def kiosk_part(entry: KpiEntry | None, key: str) -> dict[str, int]:
    """The counts of the entry that came from the kiosk ({} when none)."""
    if not entry or not entry.counts:
        return {}
    return {f: int(entry.counts.get(KIOSK_PREFIX + f, 0)) for f in FIELDS[key]}


def _combined(entry: KpiEntry | None, key: str, votes: dict[str, int]) -> dict[str, int]:
    """The counts with the kiosk's part replaced by ``votes``."""
    old = kiosk_part(entry, key)
    base = {f: int((entry.counts or {}).get(f, 0)) if entry else 0 for f in FIELDS[key]}
    out = {f: base[f] - old.get(f, 0) + votes[f] for f in FIELDS[key]}
    out.update({KIOSK_PREFIX + f: votes[f] for f in FIELDS[key]})
    return out


def counts_note(entry: KpiEntry | None, key: str | None) -> str:
    """'Of these, 412 answers came from the counter kiosk.' for an entry with a kiosk part."""
    if key not in FIELDS or not from_kiosk(entry):
        return ""
    part = kiosk_part(entry, key or "")
    total = part["total"] if key == CSAT_KEY else sum(part.values())
    everything = (
        int((entry.counts or {}).get("total", 0))
        if key == CSAT_KEY and entry
        else sum(int((entry.counts or {}).get(f, 0)) for f in FIELDS[NPS_KEY])
        if entry
        else 0
    )
    answers = "answer" if total == 1 else "answers"
    if total == everything:
        return f"All {total} {answers} came from the counter kiosk."
    return f"Of these, {total} {answers} came from the counter kiosk."


def refresh(wb: Workbook, months: list[str] | None = None, *, dry_run: bool = False) -> list[str]:
    """Bring the kiosk's part of each month's CSAT and NPS up to date with its votes, in one
    transaction; returns the months changed ("2026-11 csat"), or with ``dry_run`` those
    that would change, writing nothing. A month whose value was typed or imported without
    the kiosk is left alone (see ``waiting``)."""
    kpis = _starter_kpis(wb)
    plans: list[tuple[int, str, float, str, dict[str, int]]] = []
    for month in months if months is not None else months_with_votes(wb):
        votes = month_votes(wb, month)
        for key, kpi in kpis.items():
            counted = votes.for_kpi(key)
            entry = kpi_entries.get_entry(wb, kpi.id, month)
            if entry is not None and not from_kiosk(entry):
                continue  # the owner's value: see waiting()
            if counted is None:
                if entry is None:
                    continue
                counted = {f: 0 for f in FIELDS[key]}
            counts = _combined(entry, key, counted)
            if entry is not None and entry.counts == counts:
                continue
            plain = {f: counts[f] for f in FIELDS[key]}
            if not any(plain.values()) or (key == CSAT_KEY and not plain["total"]):
                continue  # nothing left to compute from (the votes were removed)
            value = compute(key, plain).value
            plans.append((kpi.id, month, value, entry.note if entry else "", counts))
    names = {k.id: key for key, k in kpis.items()}
    changed = [f"{month} {names[kpi_id]}" for kpi_id, month, *_ in plans]
    if not plans or dry_run:
        return changed
    label = "Count the counter kiosk's votes"
    with wb.transaction(label) as db:
        kpi_entries.store_entries(db, plans)
    return changed


def refresh_quietly(wb: Workbook) -> bool:
    """``refresh`` for the kiosk between customers: a failure (the disk full, the app
    holding the file too long) is left for the next time; the votes are saved anyway.
    True when it went through."""
    try:
        refresh(wb)
    except (CsCoachError, OSError, sqlite3.Error):
        return False
    return True


@dataclass(frozen=True)
class Waiting:
    """A month whose value was typed or imported while the kiosk collected votes too."""

    kpi: Kpi
    month: str
    entry: KpiEntry
    votes: dict[str, int]

    @property
    def answers(self) -> int:
        return self.votes["total"] if self.kpi.key == CSAT_KEY else sum(self.votes.values())

    @property
    def can_add(self) -> bool:
        """Only counts can be added to: a value typed without counts cannot."""
        return bool(self.entry.counts)

    def describe(self) -> str:
        how = "from counts" if self.entry.counts else "typed"
        return (
            f"{month_label(self.month)}: {self.answers} kiosk "
            f"{'vote' if self.answers == 1 else 'votes'} for {self.kpi.name}, which already "
            f"has a value ({how})."
        )


def waiting(wb: Workbook) -> list[Waiting]:
    """Months with kiosk votes whose CSAT or NPS was typed or imported, not yet added to,
    replaced or kept apart by the owner: nothing is counted for them until the owner says."""
    kept = {(r["kpi_id"], r["month"]) for r in wb.query("SELECT * FROM kiosk_kept_apart")}
    out = []
    kpis = _starter_kpis(wb)
    for month in months_with_votes(wb):
        for key, kpi in kpis.items():
            entry = kpi_entries.get_entry(wb, kpi.id, month)
            if entry is None or from_kiosk(entry) or (kpi.id, month) in kept:
                continue
            counted = month_votes(wb, month).for_kpi(key)
            if counted is not None:
                out.append(Waiting(kpi, month, entry, counted))
    return out


def _choice(wb: Workbook, kpi_id: int, month: str) -> tuple[Kpi, KpiEntry | None, dict[str, int]]:
    kpi = get_kpi(wb, kpi_id)
    if kpi.key not in FIELDS:
        raise ValidationError("kpi", f"The kiosk counts only CSAT and NPS, not “{kpi.name}”.")
    votes = month_votes(wb, month).for_kpi(kpi.key or "")
    if not votes:
        raise ValidationError("month", f"The kiosk has no votes for {month_label(month)}.")
    return kpi, kpi_entries.get_entry(wb, kpi_id, month), votes


def add_votes(wb: Workbook, kpi_id: int, month: str) -> float:
    """Add the month's kiosk votes to the counts of its value (typed from counts or
    imported); from then on the votes keep it up to date. Returns the new value.

    Raises:
        ValidationError: the value was typed without counts (nothing to add to).
    """
    kpi, entry, votes = _choice(wb, kpi_id, month)
    if entry is not None and not entry.counts:
        raise ValidationError(
            "counts",
            f"{kpi.name} for {month_label(month)} was typed as a value, without the counts "
            "behind it, so the votes cannot be added to it. Use the votes instead, or keep "
            "them apart.",
        )
    return _store(wb, kpi, entry, votes, month, f"Add the kiosk's votes to {kpi.name}")


def use_votes(wb: Workbook, kpi_id: int, month: str) -> float:
    """The month's value becomes the kiosk's votes alone (the owner's choice; Undo brings
    the old value back). Returns the new value."""
    kpi, entry, votes = _choice(wb, kpi_id, month)
    plain = None if entry is None else replace_counts(entry)
    return _store(wb, kpi, plain, votes, month, f"Use the kiosk's votes for {kpi.name}")


def replace_counts(entry: KpiEntry) -> KpiEntry:
    """``entry`` without counts (so the votes alone make the value), note kept."""
    return KpiEntry(entry.kpi_id, entry.month, entry.value, entry.note, None, entry.updated_at)


def _store(
    wb: Workbook,
    kpi: Kpi,
    entry: KpiEntry | None,
    votes: dict[str, int],
    month: str,
    label: str,
) -> float:
    key = kpi.key or ""
    counts = _combined(entry, key, votes)
    value = compute(key, {f: counts[f] for f in FIELDS[key]}).value
    with wb.transaction(f"{label} for {month_label(month)}") as db:
        kpi_entries.store_entry(db, kpi.id, month, value, entry.note if entry else "", counts)
        db.execute("DELETE FROM kiosk_kept_apart WHERE kpi_id = ? AND month = ?", [kpi.id, month])
    return value


def keep_apart(wb: Workbook, kpi_id: int, month: str) -> None:
    """Keep the month's kiosk votes apart from its value (which stays as it is)."""
    kpi, _, _ = _choice(wb, kpi_id, month)
    with wb.transaction(f"Keep the kiosk's votes apart from {kpi.name}, {month_label(month)}"):
        wb.conn.execute(
            "INSERT OR IGNORE INTO kiosk_kept_apart (kpi_id, month) VALUES (?, ?)",
            (kpi_id, month),
        )


# -- the Kiosk view ----------------------------------------------------------------------


@dataclass(frozen=True)
class VoteTally:
    """Votes in one day or one hour of the day."""

    label: str  # "2026-11-14" or "12" (12:00-12:59)
    votes: int
    csat_answers: int
    satisfied: int
    nps_answers: int
    promoters: int
    detractors: int
    low: int  # faces 1-2 or 0-6

    @property
    def csat(self) -> float | None:
        return self.satisfied / self.csat_answers * 100 if self.csat_answers else None

    @property
    def nps(self) -> float | None:
        if not self.nps_answers:
            return None
        return (self.promoters - self.detractors) / self.nps_answers * 100


def _tallies(wb: Workbook, group: str, first: dt.date, last: dt.date) -> list[VoteTally]:
    rows = wb.query(
        f"""SELECT {group} AS label, count(*) AS votes, count(csat) AS csat_answers,
                   coalesce(sum(csat >= 4), 0) AS satisfied, count(nps) AS nps_answers,
                   coalesce(sum(nps >= 9), 0) AS promoters,
                   coalesce(sum(nps <= 6), 0) AS detractors,
                   coalesce(sum(csat <= 2 OR nps <= 6), 0) AS low
              FROM kiosk_votes WHERE voted_at >= ? AND voted_at < ?
             GROUP BY 1 ORDER BY 1""",
        (f"{first.isoformat()} 00:00:00", f"{(last + dt.timedelta(days=1)).isoformat()} 00:00:00"),
    )
    return [VoteTally(**{**r, "label": str(r["label"])}) for r in rows]


def votes_by_day(wb: Workbook, first: dt.date, last: dt.date) -> list[VoteTally]:
    """One tally per day with votes, from ``first`` to ``last`` (inclusive)."""
    return _tallies(wb, "substr(voted_at, 1, 10)", first, last)


def votes_by_hour(wb: Workbook, first: dt.date, last: dt.date) -> list[VoteTally]:
    """One tally per hour of the day ("07" … "21") with votes over the days given: when
    are customers least happy?"""
    return _tallies(wb, "substr(voted_at, 12, 2)", first, last)


def votes_by_day_and_hour(
    wb: Workbook, first: dt.date, last: dt.date
) -> tuple[list[VoteTally], list[VoteTally]]:
    """``votes_by_day`` and ``votes_by_hour`` from one pass over the votes (a month of
    10,000 votes a day is read once, not twice)."""
    cells = _tallies(wb, "substr(voted_at, 1, 13)", first, last)  # "2026-10-03 12"
    days: dict[str, list[VoteTally]] = {}
    hours: dict[str, list[VoteTally]] = {}
    for cell in cells:
        days.setdefault(cell.label[:10], []).append(cell)
        hours.setdefault(cell.label[11:13], []).append(cell)
    return _summed(days), _summed(hours)


def _summed(groups: dict[str, list[VoteTally]]) -> list[VoteTally]:
    names = ("votes", "csat_answers", "satisfied", "nps_answers", "promoters", "detractors", "low")
    return [
        VoteTally(label, *(sum(getattr(t, n) for t in tallies) for n in names))
        for label, tallies in sorted(groups.items())
    ]


def ignored_presses(wb: Workbook, first: dt.date, last: dt.date) -> tuple[int, int]:
    """(kiosk sessions started, presses not counted) from ``first`` to ``last``."""
    row = wb.query_one(
        "SELECT count(*) AS sessions, coalesce(sum(ignored), 0) AS ignored FROM kiosk_sessions "
        "WHERE started_at >= ? AND started_at < ?",
        (f"{first.isoformat()} 00:00:00", f"{(last + dt.timedelta(days=1)).isoformat()} 00:00:00"),
    )
    return (int(row["sessions"]), int(row["ignored"])) if row else (0, 0)


def vote_span(wb: Workbook) -> tuple[dt.date, dt.date] | None:
    """The first and last day with a kiosk vote."""
    row = wb.query_one("SELECT min(voted_at) AS a, max(voted_at) AS b FROM kiosk_votes")
    if not row or row["a"] is None:
        return None
    return dt.date.fromisoformat(row["a"][:10]), dt.date.fromisoformat(row["b"][:10])
