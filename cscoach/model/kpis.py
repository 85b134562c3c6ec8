"""KPIs: what the owner measures every month, and the target each is measured against.

A KPI has a name, a unit, an allowed range (either end may be open), a direction (higher or
lower is better) and a target history: a target holds from its month until the next change,
so a chart or review of an old month uses the target that was in force then.

The monthly values are in ``kpi_entries``; the four starter KPIs (keys ``csat``, ``nps``,
``retention``, ``resolution_time``) can be entered from counts (``kpi_counts``); the charts'
series are in ``kpi_series`` and the monthly review in ``kpi_review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model import ordering, validate
from cscoach.model.errors import ValidationError
from cscoach.model.kpi_counts import COUNT_FIELDS
from cscoach.model.months import current_month
from cscoach.model.number_format import format_plain
from cscoach.model.workbook import Workbook, inserted_id, name_key

MAX_UNIT = 30
MAX_DESCRIPTION = 2000
FIRST_MONTH = "1900-01"  # the first target of a KPI holds from here: every month has one
STARTER_KEYS = ("csat", "nps", "retention", "resolution_time")

ON_TARGET = "on"
OFF_TARGET = "off"


# -- definitions ----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kpi_id: int
    from_month: str  # FIRST_MONTH for the target that has always held
    target: float


@dataclass(frozen=True)
class Kpi:
    id: int
    key: str | None  # set on the four starter KPIs
    name: str
    unit: str
    min_value: float | None
    max_value: float | None
    higher_is_better: bool
    description: str
    position: int
    active: bool
    target: float | None  # the target in force this month
    entries: int = 0  # how many months have a value

    @property
    def starter(self) -> bool:
        return self.key is not None

    @property
    def from_counts(self) -> bool:
        """True when the value can be entered from counts (the four starter KPIs)."""
        return self.key in COUNT_FIELDS

    def range_text(self) -> str:
        lo, hi = self.min_value, self.max_value
        if lo is None and hi is None:
            return "any value"
        if hi is None:
            return f"≥ {format_plain(lo)}"
        if lo is None:
            return f"≤ {format_plain(hi)}"
        return f"{format_plain(lo)} to {format_plain(hi)}"

    def direction_text(self) -> str:
        return "higher is better" if self.higher_is_better else "lower is better"


_SELECT_KPI = """
    SELECT k.id, k.key, k.name, k.unit, k.min_value, k.max_value, k.higher_is_better,
           k.description, k.position, k.active,
           (SELECT t.target FROM kpi_targets t WHERE t.kpi_id = k.id AND t.from_month <= :month
            ORDER BY t.from_month DESC LIMIT 1) AS target,
           (SELECT count(*) FROM kpi_entries e WHERE e.kpi_id = k.id) AS entries
    FROM kpis k
"""


def _kpi(row: dict[str, Any]) -> Kpi:
    return Kpi(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        unit=row["unit"],
        min_value=row["min_value"],
        max_value=row["max_value"],
        higher_is_better=bool(row["higher_is_better"]),
        description=row["description"],
        position=row["position"],
        active=bool(row["active"]),
        target=row["target"],
        entries=row["entries"],
    )


def list_kpis(
    wb: Workbook, *, include_retired: bool = True, today: dt.date | None = None
) -> list[Kpi]:
    """KPIs in their order; ``target`` is the one in force this month."""
    where = "" if include_retired else "WHERE k.active = 1"
    rows = wb.query(
        f"{_SELECT_KPI} {where} ORDER BY k.position, k.id", {"month": current_month(today)}
    )
    return [_kpi(r) for r in rows]


def get_kpi(wb: Workbook, kpi_id: int, *, today: dt.date | None = None) -> Kpi:
    row = wb.query_one(
        f"{_SELECT_KPI} WHERE k.id = :id", {"id": kpi_id, "month": current_month(today)}
    )
    if row is None:
        raise ValidationError("kpi", "That KPI no longer exists.")
    return _kpi(row)


def kpi_by_key(wb: Workbook, key: str) -> Kpi:
    """A starter KPI by its key (csat, nps, retention, resolution_time)."""
    row = wb.query_one("SELECT id FROM kpis WHERE key = ?", (key,))
    if row is None:
        raise ValidationError("kpi", f"This workbook has no “{key}” KPI.")
    return get_kpi(wb, row["id"])


def find_kpi(wb: Workbook, name: str) -> Kpi | None:
    """The KPI called ``name``, or with that key (csat, nps, …), or None.

    Names are compared by ``name_key`` (case in any script, extra spaces), the comparison
    that refuses a duplicate KPI name, so every name the app accepted is found again.

    Raises:
        ValidationError: two KPIs have that name (a workbook edited outside CS Coach or from
            a version that compared names by SQLite's A-Z-only NOCASE).
    """
    wanted = name_key(name)
    rows = wb.query("SELECT id, key, name FROM kpis ORDER BY position, id")
    named = [r["id"] for r in rows if name_key(r["name"]) == wanted]
    if len(named) > 1:
        raise ValidationError(
            "kpi",
            f"{len(named)} KPIs are called “{' '.join((name or '').split())}”; rename one in "
            "the app to tell them apart.",
        )
    if not named:
        named = [r["id"] for r in rows if r["key"] is not None and name_key(r["key"]) == wanted]
    return get_kpi(wb, named[0]) if named else None


@dataclass(frozen=True)
class KpiInput:
    """What the owner fills in for a KPI. Numbers may be typed text ("", "12,5")."""

    name: str
    unit: str = ""
    # None or "": open; but a KPI in "%" is kept within 0 to 100 where no end is typed
    # (see PERCENT_RANGE).
    min_value: float | str | None = None
    max_value: float | str | None = None
    higher_is_better: bool = True
    description: str = ""
    active: bool = True


def _optional_number(value: float | str | None, field: str, label: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return validate.number(value, field, label)


PERCENT = "%"
PERCENT_RANGE = (0.0, 100.0)  # a percentage above 100 or below 0 is a typing mistake


def _percent_range(lo: float | None, hi: float | None) -> tuple[float | None, float | None]:
    """The range of a KPI in "%": an end left empty becomes 0 or 100, unless the end that
    was typed lies beyond it (a "% growth" of at least 150: the top stays open). Typed ends
    are kept as typed, so a wider range ("−50 to 300") is the owner's to choose."""
    low, high = PERCENT_RANGE
    if lo is None and (hi is None or hi > low):
        lo = low
    if hi is None and lo is not None and lo < high:  # (lo was set above when hi is None)
        hi = high
    return lo, hi


def _clean_kpi(wb: Workbook, data: KpiInput, kpi_id: int | None) -> dict[str, Any]:
    name = validate.name(data.name, "name", "KPI name")
    unit = validate.text(data.unit, "unit", "Unit", max_len=MAX_UNIT, single_line=True)
    lo = _optional_number(data.min_value, "min_value", "Lowest allowed value")
    hi = _optional_number(data.max_value, "max_value", "Highest allowed value")
    description = validate.text(
        data.description, "description", "Description", max_len=MAX_DESCRIPTION
    )
    name = " ".join(name.split())
    if lo is not None and hi is not None and lo >= hi:
        raise ValidationError(
            "max_value",
            f"The highest allowed value ({format_plain(hi)}) must be above the lowest "
            f"({format_plain(lo)}).",
        )
    if unit == PERCENT:
        lo, hi = _percent_range(lo, hi)
    # The same comparison as find_kpi (the KPI CSV import finds KPIs by name).
    if wb.name_taken("kpis", "name", name, kpi_id):
        raise ValidationError("name", f"There is already a KPI called “{name}”.")
    return {
        "name": name,
        "unit": unit,
        "min_value": lo,
        "max_value": hi,
        "higher_is_better": int(bool(data.higher_is_better)),
        "description": description,
        "active": int(bool(data.active)),
    }


def _check_in_range(
    value: float, lo: float | None, hi: float | None, field: str, label: str
) -> float:
    return validate.number(value, field, label, minimum=lo, maximum=hi)


def add_kpi(wb: Workbook, data: KpiInput, target: float | str) -> int:
    """Add the owner's own KPI at the end; ``target`` holds for every month until changed."""
    row = _clean_kpi(wb, data, None)
    clean_target = _check_in_range(
        validate.number(target, "target", "Target"),
        row["min_value"],
        row["max_value"],
        "target",
        "Target",
    )
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(position), 0) AS p FROM kpis")
        row["position"] = (last["p"] if last else 0) + 1
        table = db.table("kpis")
        table.insert(row)
        kpi_id = inserted_id(table)
        db.table("kpi_targets").insert(
            {"kpi_id": kpi_id, "from_month": FIRST_MONTH, "target": clean_target}
        )
    return kpi_id


def update_kpi(wb: Workbook, kpi_id: int, data: KpiInput) -> None:
    """Change a KPI's definition. A narrower range must still hold every value and target
    already recorded; otherwise nothing changes and the message names the months."""
    get_kpi(wb, kpi_id)
    row = _clean_kpi(wb, data, kpi_id)
    lo, hi = row["min_value"], row["max_value"]
    outside = [
        (e["month"], e["value"])
        for e in wb.query(
            "SELECT month, value FROM kpi_entries WHERE kpi_id = ? ORDER BY month", (kpi_id,)
        )
        if (lo is not None and e["value"] < lo) or (hi is not None and e["value"] > hi)
    ]
    if outside:
        below = lo is not None and any(value < lo for _, value in outside)
        months = _month_list([month for month, _ in outside])
        raise ValidationError(
            "min_value" if below else "max_value",
            f"The values of {months} are outside {_range_words(data, lo, hi)}. Correct them "
            "first, or type a wider range.",
        )
    bad_targets = [
        t
        for t in target_history(wb, kpi_id)
        if (lo is not None and t.target < lo) or (hi is not None and t.target > hi)
    ]
    if bad_targets:
        bad = bad_targets[0].target
        raise ValidationError(
            "min_value" if lo is not None and bad < lo else "max_value",
            f"The target {format_plain(bad)} is outside {_range_words(data, lo, hi)}; "
            "change the target first, or type a wider range.",
        )
    with wb.transaction() as db:
        db.table("kpis").update(kpi_id, row)


def _range_words(data: KpiInput, lo: float | None, hi: float | None) -> str:
    """ "that range", or what a range left empty means for a KPI in "%"."""
    typed = [v for v in (data.min_value, data.max_value) if v is not None and str(v).strip()]
    if len(typed) < 2 and (data.unit or "").strip() == PERCENT:
        return (
            f"{format_plain(lo) or '…'} to {format_plain(hi) or '…'}, the range a KPI in "
            "“%” keeps where no range is typed"
        )
    return "that range"


def set_active(wb: Workbook, kpi_id: int, active: bool) -> None:
    """Retire a KPI (it keeps its values and leaves the grid, charts and review) or bring
    it back."""
    get_kpi(wb, kpi_id)
    with wb.transaction() as db:
        db.table("kpis").update(kpi_id, {"active": int(bool(active))})


def delete_kpi(wb: Workbook, kpi_id: int) -> None:
    """Delete one of the owner's own KPIs that has no values yet (retire the others)."""
    kpi = get_kpi(wb, kpi_id)
    if kpi.starter:
        raise ValidationError("kpi", f"“{kpi.name}” is a standard KPI; retire it instead.")
    if kpi.entries:
        raise ValidationError(
            "kpi", f"“{kpi.name}” has values for {kpi.entries} month(s); retire it instead."
        )
    with wb.transaction() as db:
        db.table("kpis").delete(kpi_id)


def move_kpi(wb: Workbook, kpi_id: int, step: int) -> None:
    """Move a KPI up (negative ``step``) or down the order the grid and charts use."""
    ids = [r["id"] for r in wb.query("SELECT id FROM kpis ORDER BY position, id")]
    ordering.move(wb, "kpis", ids, kpi_id, step, what="KPI")


# -- targets --------------------------------------------------------------------


def target_history(wb: Workbook, kpi_id: int) -> list[Target]:
    """Every target change, oldest first (the first holds from ``FIRST_MONTH``)."""
    rows = wb.query(
        "SELECT kpi_id, from_month, target FROM kpi_targets WHERE kpi_id = ? ORDER BY from_month",
        (kpi_id,),
    )
    return [Target(**r) for r in rows]


def target_for(wb: Workbook, kpi_id: int, month: str) -> float | None:
    """The target in force in ``month``: the newest change made on or before it."""
    row = wb.query_one(
        "SELECT target FROM kpi_targets WHERE kpi_id = ? AND from_month <= ? "
        "ORDER BY from_month DESC LIMIT 1",
        (kpi_id, month),
    )
    return row["target"] if row else None


def targets_for(history: Sequence[Target], months: Sequence[str]) -> list[float | None]:
    """The target in force in each of ``months`` from a target history (oldest first)."""
    result: list[float | None] = []
    for month in months:
        current = None
        for change in history:
            if change.from_month <= month:
                current = change.target
            else:
                break
        result.append(current)
    return result


def set_target(
    wb: Workbook,
    kpi_id: int,
    target: float | str,
    from_month: str | None = None,
    *,
    today: dt.date | None = None,
) -> None:
    """Change the target from ``from_month`` on (this month when None). Earlier months keep
    the target they had; a later change already recorded still applies from its month."""
    kpi = get_kpi(wb, kpi_id)
    month = validate.month(
        from_month or current_month(today), "from_month", "Target from month", today=today
    )
    value = _check_in_range(
        validate.number(target, "target", "Target"),
        kpi.min_value,
        kpi.max_value,
        "target",
        "Target",
    )
    with wb.transaction() as db:
        db.table("kpi_targets").upsert(
            {"kpi_id": kpi_id, "from_month": month, "target": value}, pk=("kpi_id", "from_month")
        )


def remove_target_change(wb: Workbook, kpi_id: int, from_month: str) -> None:
    """Undo a target change: the target before it holds on. The first target stays."""
    history = target_history(wb, kpi_id)
    if not any(t.from_month == from_month for t in history):
        raise ValidationError("from_month", f"There is no target change in {from_month}.")
    if history[0].from_month == from_month:
        raise ValidationError(
            "from_month", "The first target cannot be removed; change it instead."
        )
    with wb.transaction() as db:
        db.execute(
            "DELETE FROM kpi_targets WHERE kpi_id = ? AND from_month = ?", [kpi_id, from_month]
        )


def set_first_target(wb: Workbook, kpi_id: int, target: float | str) -> None:
    """Change the target that holds from the very start (before any recorded change)."""
    kpi = get_kpi(wb, kpi_id)
    value = _check_in_range(
        validate.number(target, "target", "Target"),
        kpi.min_value,
        kpi.max_value,
        "target",
        "Target",
    )
    first = target_history(wb, kpi_id)
    month = first[0].from_month if first else FIRST_MONTH
    with wb.transaction() as db:
        db.table("kpi_targets").upsert(
            {"kpi_id": kpi_id, "from_month": month, "target": value}, pk=("kpi_id", "from_month")
        )


def is_on_target(value: float, target: float, higher_is_better: bool) -> bool:
    """Meeting the target counts as on target, from either side."""
    return value >= target if higher_is_better else value <= target


def _month_list(months: Sequence[str], limit: int = 12) -> str:
    shown = ", ".join(months[:limit])
    more = len(months) - limit
    return shown + (f" and {more} more" if more > 0 else "")
