"""Several locations side by side: one workbook per shop, read without ever being changed.

Each workbook is read through its own snapshot: a read-only connection (``mode=ro``, which
cannot write, not even to roll back an unfinished save) copied whole into memory with
SQLite's backup API. The copy is one consistent state, taken under SQLite's own read lock, so
a workbook another CS Coach is writing to at that moment is read as it was before or after
the write, never half of it; CS Coach's one-writer lock is never taken, so the other CS Coach
carries on undisturbed. A workbook an older CS Coach wrote is brought up to date in memory.

A workbook that cannot be read (damaged, written by a newer CS Coach, busy for too long,
left half-saved by a crash) is named with the reason and left out; the others are compared.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cscoach.model import (
    feedback_links,
    files,
    kpi_review,
    migrations,
    months,
    settings,
    standards,
    validate,
)
from cscoach.model.errors import (
    CsCoachError,
    NotAWorkbookError,
    TooNewError,
    ValidationError,
    WorkbookError,
)
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook

MIN_LOCATIONS = 2
BUSY_SECONDS = 5.0  # how long a snapshot waits for another CS Coach to finish saving
SHOWN_RECURRING = 3  # recurring themes named per location; the rest counted
SHOWN_OVERDUE = 3  # overdue standards named per location


@dataclass(frozen=True)
class KpiCell:
    """One KPI of one location in the month compared."""

    value: float | None
    unit: str
    target: float | None
    status: str | None  # kpis.ON_TARGET, kpis.OFF_TARGET or None
    previous: float | None
    trend: str | None  # "up", "down", "flat" against the month before, or None
    better: bool | None  # whether that change is an improvement


@dataclass(frozen=True)
class Location:
    path: Path
    business: str
    label: str  # the business name, or with the file's name when two share one
    kpis: dict[str, KpiCell]  # by the KPI's name
    standards_active: int
    standards_overdue: int
    overdue_titles: tuple[str, ...]
    complaints_open: int
    complaints_oldest_days: int
    complaints_too_long: int
    open_days: int  # the location's rule: flagged when open longer than this
    recurring: tuple[str, ...]  # "Wait time: 4 complaints in 12 days"
    round_name: str | None
    round_held_on: str | None
    answered: int
    team: int
    page_size: str  # the paper this location prints on


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass(frozen=True)
class Rollup:
    month: str
    today: dt.date
    locations: tuple[Location, ...]
    skipped: tuple[Skipped, ...]
    kpi_names: tuple[str, ...]  # every KPI any location has, starter ones first

    @property
    def business(self) -> str:
        """The business the locations belong to when they share a name, else ""."""
        names = {loc.business for loc in self.locations if loc.business}
        return names.pop() if len(names) == 1 else ""


# -- checking what was asked ------------------------------------------------------------------


def check_paths(paths: Sequence[Path]) -> None:
    """Refuse what cannot be a comparison (ValidationError): fewer than two workbooks, one
    named twice (by any name: a symlink, a hard link). Looks at no file's contents."""
    if len(paths) < MIN_LOCATIONS:
        raise ValidationError(
            "workbooks", "Choose two or more workbooks to compare, one for each location."
        )
    for i, first in enumerate(paths):
        for second in paths[i + 1 :]:
            if files.same_file(first, second):
                shown = first if str(first) == str(second) else f"{first} and {second}"
                raise ValidationError(
                    "workbooks",
                    f"{shown} is the same workbook given twice; give each location's "
                    "workbook once.",
                )


def check_workbook_file(path: Path) -> None:
    """Raise NotAWorkbookError when ``path`` is missing, a folder, or no CS Coach workbook at
    all (read through SQLite only, read-only: safe even on a workbook this process has open).
    A workbook that is merely unreadable right now passes: ``compare`` names it."""
    path = Path(path)
    if not path.exists():
        raise NotAWorkbookError(f"{path} does not exist.")
    if path.is_dir():
        raise NotAWorkbookError(f"{path} is a folder, not a workbook file.")
    try:
        conn = _connect(path)
    except sqlite3.Error:
        return  # cannot be opened now: named and skipped by compare
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_NOTADB,):
            raise NotAWorkbookError(
                f"{path} is not a CS Coach workbook (it is not a SQLite file)."
            ) from exc
        return
    finally:
        conn.close()
    if app_id != migrations.APPLICATION_ID:
        raise NotAWorkbookError(f"{path} is not a CS Coach workbook.")


# -- snapshots --------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_SECONDS
    )
    conn.execute("PRAGMA query_only = ON")
    return conn


def snapshot(path: Path) -> Workbook:
    """The workbook at ``path`` as one consistent copy in memory (see the module's note),
    brought up to date if an older CS Coach wrote it; close it when done. Raises
    WorkbookError (NotAWorkbookError, TooNewError) saying why it cannot be read."""
    path = Path(path)
    check_workbook_file(path)
    try:
        source = _connect(path)
        try:
            app_id, version = (
                source.execute("PRAGMA application_id").fetchone()[0],
                source.execute("PRAGMA user_version").fetchone()[0],
            )
            if app_id != migrations.APPLICATION_ID or version < 1:
                raise NotAWorkbookError(f"{path} is not a CS Coach workbook.")
            latest = migrations.latest_version()
            if version > latest:
                raise TooNewError(
                    f"{path} was written by a newer CS Coach; update CS Coach to compare it."
                )
            copy = sqlite3.connect(":memory:")
            source.backup(copy)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise WorkbookError(_why_unreadable(path, exc)) from exc
    wb = Workbook(path, copy, None)
    try:
        version = copy.execute("PRAGMA user_version").fetchone()[0]
        if version < migrations.latest_version():
            wb._migrate(from_version=version)
        copy.execute("PRAGMA query_only = ON")
    except BaseException:
        wb.close()
        raise
    return wb


def _why_unreadable(path: Path, exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if code == getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776):
        return (
            f"{path} was being saved when CS Coach or the computer stopped; open it in CS "
            "Coach once to finish tidying it, then compare again."
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"{path} was busy being saved for too long; try again in a moment."
    if code == sqlite3.SQLITE_CANTOPEN:
        return f"{path} cannot be opened (check that you may read it)."
    return f"{path} cannot be read ({exc})."


# -- the comparison ---------------------------------------------------------------------------


def compare(
    paths: Sequence[Path], *, month: str | None = None, today: dt.date | None = None
) -> Rollup:
    """Read every workbook in ``paths`` (each through ``snapshot``) and put them side by
    side for ``month`` (default: the latest month any of them has KPI values for, not after
    this month). Raises ValidationError for what ``check_paths`` refuses, or when not one
    workbook could be read."""
    today = today or dt.date.today()
    paths = [Path(p) for p in paths]
    check_paths(paths)
    if month is not None:
        month = validate.month(month, "month", "Month", today=today)
    read: list[tuple[Path, Workbook]] = []
    skipped: list[Skipped] = []
    try:
        for path in paths:
            try:
                read.append((path, snapshot(path)))
            except CsCoachError as exc:
                reason = exc.message
                if reason.startswith(f"{path} "):  # named beside it already
                    reason = "It " + reason[len(f"{path} ") :]
                skipped.append(Skipped(path, reason))
        if not read:
            reasons = " ".join(s.reason for s in skipped)
            raise ValidationError("workbooks", f"No workbook could be read. {reasons}")
        if month is None:
            month = _latest_month([wb for _, wb in read], today)
        locations = [_location(path, wb, month, today) for path, wb in read]
    finally:
        for _, wb in read:
            wb.close()
    locations = _labelled(locations)
    return Rollup(month, today, tuple(locations), tuple(skipped), _kpi_names(locations))


def _latest_month(books: Sequence[Workbook], today: dt.date) -> str:
    now = months.current_month(today)
    found = [
        row[0]
        for wb in books
        for row in wb.conn.execute(
            "SELECT max(e.month) FROM kpi_entries e JOIN kpis k ON k.id = e.kpi_id "
            "WHERE k.active = 1 AND e.month <= ?",
            (now,),
        )
        if row[0]
    ]
    return max(found) if found else months.add_months(now, -1)


def _location(path: Path, wb: Workbook, month: str, today: dt.date) -> Location:
    review = kpi_review.monthly_review(wb, month, today=today)
    cells = {
        line.kpi.name: KpiCell(
            line.value,
            line.kpi.unit,
            line.target,
            line.status,
            line.previous,
            line.trend,
            line.better(line.trend),
        )
        for line in review.lines
    }
    active = standards.list_standards(wb, status="active", today=today)
    overdue = [s for s in active if s.overdue(today)]
    opened = feedback_links.open_summary(wb, today=today)
    recurring = feedback_links.recurring_today(wb, today=today)
    rnd = wb.query_one(
        "SELECT id, name, held_on, anonymous FROM rounds ORDER BY held_on DESC, id DESC LIMIT 1"
    )
    team = wb.conn.execute("SELECT count(*) FROM team_members WHERE active = 1").fetchone()[0]
    answered = 0
    if rnd is not None:
        answered = wb.conn.execute(
            "SELECT count(*) FROM responses s LEFT JOIN team_members m ON m.id = s.member_id "
            "WHERE s.round_id = ? AND (? OR m.active = 1)",
            (rnd["id"], rnd["anonymous"]),
        ).fetchone()[0]
    business = settings.business_name(wb)
    return Location(
        path=path,
        business=business,
        label=business or path.stem,
        kpis=cells,
        standards_active=len(active),
        standards_overdue=len(overdue),
        overdue_titles=tuple(s.title for s in overdue[:SHOWN_OVERDUE]),
        complaints_open=opened.count,
        complaints_oldest_days=opened.oldest_days,
        complaints_too_long=opened.overdue,
        open_days=opened.open_days,
        recurring=tuple(
            f"{r.name}: {plural(r.count, 'complaint')} in {plural(r.days, 'day')}"
            for r in recurring
        ),
        round_name=rnd["name"] if rnd is not None else None,
        round_held_on=rnd["held_on"] if rnd is not None else None,
        answered=int(answered),
        team=int(team),
        page_size=settings.page_size(wb),
    )


def _labelled(locations: list[Location]) -> list[Location]:
    """Two locations of one business ("The Corner Café" twice) are told apart by their
    files' names."""
    seen: dict[str, int] = {}
    for loc in locations:
        seen[loc.label.casefold()] = seen.get(loc.label.casefold(), 0) + 1
    out = []
    for loc in locations:
        if seen[loc.label.casefold()] > 1:
            loc = _replace_label(loc, f"{loc.label} ({loc.path.stem})")
        out.append(loc)
    return out


def _replace_label(loc: Location, label: str) -> Location:
    from dataclasses import replace

    return replace(loc, label=label)


def _kpi_names(locations: Sequence[Location]) -> tuple[str, ...]:
    names: list[str] = []
    for loc in locations:
        for name in loc.kpis:
            if name not in names:
                names.append(name)
    return tuple(names)
