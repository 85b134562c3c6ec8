"""KPIs: what the owner measures every month, against a target that may change over time.

A KPI has a name, a unit, an allowed range (either end may be open), a direction (higher or
lower is better) and a target history: a target holds from its month until the next change,
so a chart or review of an old month uses the target that was in force then. Each KPI has at
most one value per month (``YYYY-MM``, never after the current month), stored unrounded with
a note and, when it was entered from counts, the counts themselves (as JSON).

The four starter KPIs (keys ``csat``, ``nps``, ``retention``, ``resolution_time``) can be
entered from counts; ``compute`` gives the value and the formula with the real numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, name_key

MAX_NOTE = 2000
MAX_UNIT = 30
MAX_DESCRIPTION = 2000
MAX_COUNT = 100_000_000
FIRST_MONTH = "1900-01"  # the first target of a KPI holds from here: every month has one
STARTER_KEYS = ("csat", "nps", "retention", "resolution_time")
ROLLING_WINDOW = 3

ON_TARGET = "on"
OFF_TARGET = "off"


# -- months ---------------------------------------------------------------------


def current_month(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"


def add_months(month: str, count: int) -> str:
    """``YYYY-MM`` ``count`` months later (earlier when negative)."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included (empty when first > last)."""
    months: list[str] = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_label(month: str, *, short: bool = False) -> str:
    """ "March 2026" (or "Mar 2026") from "2026-03"."""
    day = dt.date(int(month[:4]), int(month[5:7]), 1)
    return day.strftime("%b %Y" if short else "%B %Y")


# -- numbers as the owner sees them ---------------------------------------------


def format_number(value: float | None, decimals: int = 1) -> str:
    """One decimal, a real minus sign, never "-0.0"; "—" for no value."""
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = f"{0:.{decimals}f}"
    return text.replace("-", "−")


def format_value(value: float | None, unit: str = "") -> str:
    """ "88.0 %", "42.0", "5.5 hours": the unit "score" is not written after a number."""
    if value is None:
        return "—"
    text = format_number(value)
    if not unit or unit == "score":
        return text
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def _plain(value: float) -> str:
    """A count or an amount of hours as typed: 42, 130.5 (no exponent, no trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


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


def format_plain(value: float | None) -> str:
    """A range end or a target as the owner typed it: 100, −100, 24.5."""
    return "" if value is None else _plain(value).replace("-", "−")


_SELECT_KPI = """
    SELECT k.id, k.key, k.name, k.unit, k.min_value, k.max_value, k.higher_is_better,
           k.description, k.position, k.active,
           (SELECT t.target FROM kpi_targets t WHERE t.kpi_id = k.id AND t.from_month <= :month
            ORDER BY t.from_month DESC LIMIT 1) AS target,
           (SELECT count(*) FROM kpi_entries e WHERE e.kpi_id = k.id) AS entries
    FROM kpis k
"""


def _kpi(row: dict) -> Kpi:
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
    if hi is None and lo < high:
        hi = high
    return lo, hi


def _clean_kpi(wb: Workbook, data: KpiInput, kpi_id: int | None) -> dict:
    row = {
        "name": validate.name(data.name, "name", "KPI name"),
        "unit": validate.text(data.unit, "unit", "Unit", max_len=MAX_UNIT, single_line=True),
        "min_value": _optional_number(data.min_value, "min_value", "Lowest allowed value"),
        "max_value": _optional_number(data.max_value, "max_value", "Highest allowed value"),
        "higher_is_better": int(bool(data.higher_is_better)),
        "description": validate.text(
            data.description, "description", "Description", max_len=MAX_DESCRIPTION
        ),
        "active": int(bool(data.active)),
    }
    row["name"] = " ".join(row["name"].split())
    lo, hi = row["min_value"], row["max_value"]
    if lo is not None and hi is not None and lo >= hi:
        raise ValidationError(
            "max_value",
            f"The highest allowed value ({format_plain(hi)}) must be above the lowest "
            f"({format_plain(lo)}).",
        )
    if row["unit"] == PERCENT:
        row["min_value"], row["max_value"] = _percent_range(lo, hi)
    # The same comparison as find_kpi (the KPI CSV import finds KPIs by name).
    if wb.name_taken("kpis", "name", row["name"], kpi_id):
        raise ValidationError("name", f"There is already a KPI called “{row['name']}”.")
    return row


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
        kpi_id = int(table.last_pk)
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
    if kpi_id not in ids:
        raise ValidationError("kpi", "That KPI no longer exists.")
    index = ids.index(kpi_id)
    new = max(0, min(len(ids) - 1, index + step))
    if new == index:
        return
    ids.insert(new, ids.pop(index))
    with wb.transaction() as db:
        for position, row_id in enumerate(ids, start=1):
            db.execute("UPDATE kpis SET position = ? WHERE id = ?", [position, row_id])


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


# -- entry from counts ----------------------------------------------------------

# key -> the counts it is computed from: (field, label, whole number?)
COUNT_FIELDS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "csat": (
        ("satisfied", "Satisfied responses (4 or 5)", True),
        ("total", "All responses", True),
    ),
    "nps": (
        ("promoters", "Promoters (answered 9–10)", True),
        ("passives", "Passives (answered 7–8)", True),
        ("detractors", "Detractors (answered 0–6)", True),
    ),
    "retention": (
        ("customers_start", "Customers at the start of the month", True),
        ("customers_end", "Customers at the end of the month", True),
        ("new_customers", "New customers during the month", True),
    ),
    "resolution_time": (
        ("total_hours", "Total hours to resolve", False),
        ("issues_resolved", "Issues resolved", True),
    ),
}

FORMULA_WORDS: dict[str, str] = {
    "csat": "satisfied responses ÷ all responses × 100",
    "nps": "% promoters − % detractors = (promoters − detractors) ÷ all responses × 100",
    "retention": "(customers at end − new customers) ÷ customers at start × 100",
    "resolution_time": "total hours to resolve ÷ issues resolved",
}


@dataclass(frozen=True)
class Computation:
    """A value computed from counts, with the formula written out with the real numbers."""

    key: str
    counts: dict[str, float | int]
    value: float
    words: str  # the formula in words
    worked: str  # the formula with the numbers: "(42 − 9) ÷ 55 × 100 = 60.0"
    detail: str = ""  # a line of context ("60 responses: 42 promoters (70.0 %) …")

    @property
    def formula(self) -> str:
        return f"{self.worked}\n{self.detail}" if self.detail else self.worked


def _counts(key: str, raw: Mapping[str, object]) -> dict[str, float | int]:
    if key not in COUNT_FIELDS:
        raise ValidationError("kpi", "This KPI is entered as a value, not from counts.")
    clean: dict[str, float | int] = {}
    for field, label, whole in COUNT_FIELDS[key]:
        value = raw.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError(field, f"{label}: enter a number (0 if there were none).")
        if whole:
            negative = (isinstance(value, str) and value.strip().startswith("-")) or (
                isinstance(value, int | float) and not isinstance(value, bool) and value < 0
            )
            if negative:
                raise ValidationError(field, f"{label} cannot be negative.")
            clean[field] = validate.whole(
                value,  # type: ignore[arg-type]
                field,
                label,
                minimum=0,
                maximum=MAX_COUNT,
            )
        else:
            number = validate.number(value, field, label)  # type: ignore[arg-type]
            if number < 0:
                raise ValidationError(field, f"{label} cannot be negative.")
            if number > MAX_COUNT:
                raise ValidationError(field, f"{label} is implausibly large.")
            clean[field] = int(number) if number.is_integer() else number
    return clean


def compute(key: str, raw: Mapping[str, object]) -> Computation:
    """The value of starter KPI ``key`` from its counts.

    Raises:
        ValidationError: naming the count that is wrong (negative, not a whole number, all
            zero, more satisfied than responses, more new customers than at the end, …).
    """
    c = _counts(key, raw)
    words = FORMULA_WORDS[key]
    if key == "csat":
        satisfied, total = int(c["satisfied"]), int(c["total"])
        if total == 0:
            raise ValidationError("total", "All responses is 0: there is nothing to compute.")
        if satisfied > total:
            raise ValidationError(
                "satisfied",
                f"Satisfied responses ({satisfied}) cannot be more than all responses ({total}).",
            )
        value = satisfied / total * 100
        worked = f"{satisfied} ÷ {total} × 100 = {format_number(value)}"
        return Computation(key, c, value, words, worked)
    if key == "nps":
        promoters, passives, detractors = (
            int(c[k]) for k in ("promoters", "passives", "detractors")
        )
        total = promoters + passives + detractors
        if total == 0:
            raise ValidationError(
                "promoters", "Promoters, passives and detractors are all 0: there are no answers."
            )
        value = (promoters - detractors) / total * 100
        worked = f"({promoters} − {detractors}) ÷ {total} × 100 = {format_number(value)}"
        detail = (
            f"{total} answers: {promoters} promoters ({format_number(promoters / total * 100)} %) "
            f"− {detractors} detractors ({format_number(detractors / total * 100)} %); "
            f"{passives} passives count only in the total."
        )
        return Computation(key, c, value, words, worked, detail)
    if key == "retention":
        start, end, new = (int(c[k]) for k in ("customers_start", "customers_end", "new_customers"))
        if start == 0:
            raise ValidationError(
                "customers_start",
                "Customers at the start must be more than 0 to compute retention.",
            )
        if new > end:
            raise ValidationError(
                "new_customers",
                f"New customers ({new}) cannot be more than customers at the end ({end}).",
            )
        if end - new > start:
            raise ValidationError(
                "customers_end",
                f"Customers kept (end − new = {end - new}) cannot be more than customers at "
                f"the start ({start}).",
            )
        value = (end - new) / start * 100
        worked = f"({end} − {new}) ÷ {start} × 100 = {format_number(value)}"
        return Computation(key, c, value, words, worked)
    hours, resolved = float(c["total_hours"]), int(c["issues_resolved"])
    if resolved == 0:
        raise ValidationError(
            "issues_resolved", "Issues resolved must be more than 0 to compute an average."
        )
    value = hours / resolved
    worked = f"{_plain(hours)} ÷ {resolved} = {format_number(value)}"
    return Computation(key, c, value, words, worked)


def worked_out(kpi: Kpi, entry: KpiEntry | None) -> str:
    """How ``entry``'s value was worked out from its counts ("80 ÷ 90 × 100 = 88.9"), or ""
    when it was typed."""
    if entry is None or not entry.counts or not kpi.from_counts:
        return ""
    try:
        return compute(kpi.key or "", entry.counts).worked
    except ValidationError:
        return ""


# -- monthly entries ------------------------------------------------------------


@dataclass(frozen=True)
class KpiEntry:
    kpi_id: int
    month: str
    value: float  # unrounded
    note: str
    counts: dict[str, float | int] | None  # the counts it was computed from, if any
    updated_at: str

    @classmethod
    def from_row(cls, row: dict) -> KpiEntry:
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
    clauses, params = [], []
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
    db, kpi_id: int, month: str, value: float, note: str, counts: Mapping | None
) -> None:
    """Insert or replace one entry inside the caller's transaction (``db``); the month,
    value and note must already be checked. Used by the importers too."""
    store_entries(db, [(kpi_id, month, value, note, counts)])


def store_entries(db, entries: Iterable[tuple[int, str, float, str, Mapping | None]]) -> None:
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


def _month_list(months: Sequence[str], limit: int = 12) -> str:
    shown = ", ".join(months[:limit])
    more = len(months) - limit
    return shown + (f" and {more} more" if more > 0 else "")


# -- series for charts and the review ------------------------------------------


def rolling_average(
    values: Sequence[float | None], window: int = ROLLING_WINDOW
) -> list[float | None]:
    """The average at each month of that month and the ``window - 1`` before it, counting
    only months that have a value. A month without a value has no average (a gap)."""
    result: list[float | None] = []
    for index, value in enumerate(values):
        if value is None:
            result.append(None)
            continue
        recent = [v for v in values[max(0, index - window + 1) : index + 1] if v is not None]
        result.append(sum(recent) / len(recent))
    return result


@dataclass(frozen=True)
class KpiSeries:
    """One KPI over consecutive months: plain data for a chart (None where there is none)."""

    kpi_id: int
    name: str
    unit: str
    higher_is_better: bool
    months: tuple[str, ...]
    values: tuple[float | None, ...]
    targets: tuple[float | None, ...]
    rolling: tuple[float | None, ...]
    notes: tuple[str, ...]
    min_value: float | None = None
    max_value: float | None = None

    def latest_index(self) -> int | None:
        """The index of the last month that has a value."""
        for index in range(len(self.values) - 1, -1, -1):
            if self.values[index] is not None:
                return index
        return None

    def status(self) -> str | None:
        """ON_TARGET or OFF_TARGET for the latest value (None without value or target)."""
        index = self.latest_index()
        if index is None:
            return None
        value, target = self.values[index], self.targets[index]
        if value is None or target is None:
            return None
        return ON_TARGET if is_on_target(value, target, self.higher_is_better) else OFF_TARGET

    def change(self) -> float | None:
        """The latest value minus the month before it (None if either is missing)."""
        index = self.latest_index()
        if not index:
            return None
        before = self.values[index - 1]
        value = self.values[index]
        return None if before is None or value is None else value - before


def series(wb: Workbook, kpi_id: int, first: str, last: str) -> KpiSeries:
    """One KPI from ``first`` to ``last``: values, the target in force, the rolling average
    and notes for each month. The average of the first months also counts the two months
    before ``first``, so a chart's start does not change its line."""
    kpi = get_kpi(wb, kpi_id)
    months = months_between(first, last)
    window_start = add_months(first, -(ROLLING_WINDOW - 1))
    entries = {e.month: e for e in list_entries(wb, kpi_id, first=window_start, last=last)}
    lead = months_between(window_start, add_months(first, -1))
    all_values = [entries[m].value if m in entries else None for m in lead + months]
    rolling = rolling_average(all_values)[len(lead) :]
    values = all_values[len(lead) :]
    return KpiSeries(
        kpi_id=kpi.id,
        name=kpi.name,
        unit=kpi.unit,
        higher_is_better=kpi.higher_is_better,
        months=tuple(months),
        values=tuple(values),
        targets=tuple(targets_for(target_history(wb, kpi_id), months)),
        rolling=tuple(rolling),
        notes=tuple(entries[m].note if m in entries else "" for m in months),
        min_value=kpi.min_value,
        max_value=kpi.max_value,
    )


def chart_range(
    wb: Workbook, months: int | None = 12, *, today: dt.date | None = None
) -> tuple[str, str]:
    """The first and last month to chart: ``months`` months ending with the latest month
    that has a value (this month when there is none); ``None`` for everything recorded."""
    recorded = months_with_data(wb, active_only=True)
    last = recorded[-1] if recorded else current_month(today)
    if months is None:
        first = recorded[0] if recorded else last
        return first, last
    return add_months(last, -(months - 1)), last


def dashboard_series(
    wb: Workbook, first: str, last: str, *, today: dt.date | None = None
) -> list[KpiSeries]:
    """A series for each active KPI, in order."""
    return [
        series(wb, k.id, first, last) for k in list_kpis(wb, include_retired=False, today=today)
    ]


# -- the monthly review ---------------------------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    """One KPI in a monthly review."""

    kpi: Kpi
    value: float | None
    target: float | None  # in force that month
    previous: float | None  # the month before
    year_before: float | None  # the same month a year earlier
    rolling: float | None
    note: str
    counts: dict[str, float | int] | None

    @property
    def status(self) -> str | None:
        if self.value is None or self.target is None:
            return None
        on = is_on_target(self.value, self.target, self.kpi.higher_is_better)
        return ON_TARGET if on else OFF_TARGET

    @staticmethod
    def _trend(value: float | None, other: float | None) -> str | None:
        if value is None or other is None:
            return None
        diff = round(value, 1) - round(other, 1)
        return "flat" if abs(diff) < 1e-9 else ("up" if diff > 0 else "down")

    @property
    def trend(self) -> str | None:
        """ "up", "down" or "flat" against the month before (as shown, to one decimal)."""
        return self._trend(self.value, self.previous)

    @property
    def year_trend(self) -> str | None:
        return self._trend(self.value, self.year_before)

    def better(self, trend: str | None) -> bool | None:
        """Whether a trend is an improvement for this KPI (None when flat or unknown)."""
        if trend in (None, "flat"):
            return None
        return (trend == "up") == self.kpi.higher_is_better

    def status_label(self) -> str:
        """ "✓ On target", "✗ Off target" (a symbol, not only a colour), or why neither."""
        if self.status == ON_TARGET:
            return "✓ On target"
        if self.status == OFF_TARGET:
            return "✗ Off target"
        return "— No value" if self.value is None else "— No target"

    def compared_parts(self, which: str) -> tuple[str, str]:
        """The earlier value and how this month compares: ("84.0", "▲ better now").

        ``which``: "previous" (the month before) or "year_before".
        """
        if which == "previous":
            other, trend = self.previous, self.trend
        else:
            other, trend = self.year_before, self.year_trend
        if other is None:
            return "—", ""
        if trend is None:
            return format_number(other), ""
        if trend == "flat":
            return format_number(other), "▶ same now"
        arrow = "▲" if trend == "up" else "▼"
        return format_number(other), f"{arrow} {'better' if self.better(trend) else 'worse'} now"

    def compared_label(self, which: str) -> str:
        """ "84.0  ▲ better now" (see ``compared_parts``)."""
        value, change = self.compared_parts(which)
        return f"{value}  {change}" if change else value


@dataclass(frozen=True)
class MonthlyReview:
    month: str
    lines: tuple[ReviewLine, ...]
    next_steps: str  # "what we will do next", written for this month
    previous_next_steps: str  # what was planned the month before, to tick off

    @property
    def on_target(self) -> int:
        return sum(1 for line in self.lines if line.status == ON_TARGET)

    @property
    def measured(self) -> int:
        return sum(1 for line in self.lines if line.status is not None)

    @property
    def has_values(self) -> bool:
        return any(line.value is not None for line in self.lines)


def monthly_review(wb: Workbook, month: str, *, today: dt.date | None = None) -> MonthlyReview:
    """Each active KPI in ``month`` against its target, the month before and a year before."""
    clean = validate.month(month, "month", "Month", today=today)
    previous, year_before = add_months(clean, -1), add_months(clean, -12)
    lines = []
    for kpi in list_kpis(wb, include_retired=False, today=today):
        entries = {e.month: e for e in list_entries(wb, kpi.id, first=year_before, last=clean)}
        this = entries.get(clean)
        window = [
            entries[m].value if m in entries else None
            for m in months_between(add_months(clean, -(ROLLING_WINDOW - 1)), clean)
        ]
        lines.append(
            ReviewLine(
                kpi=kpi,
                value=this.value if this else None,
                target=target_for(wb, kpi.id, clean),
                previous=entries[previous].value if previous in entries else None,
                year_before=entries[year_before].value if year_before in entries else None,
                rolling=rolling_average(window)[-1],
                note=this.note if this else "",
                counts=this.counts if this else None,
            )
        )
    return MonthlyReview(
        month=clean,
        lines=tuple(lines),
        next_steps=get_next_steps(wb, clean),
        previous_next_steps=get_next_steps(wb, previous),
    )


def get_next_steps(wb: Workbook, month: str) -> str:
    row = wb.query_one("SELECT next_steps FROM monthly_reviews WHERE month = ?", (month,))
    return row["next_steps"] if row else ""


def save_next_steps(wb: Workbook, month: str, text: str, *, today: dt.date | None = None) -> None:
    """Write "what we will do next" for a month (empty text removes it)."""
    clean_month = validate.month(month, "month", "Month", today=today)
    clean = validate.text(text, "next_steps", "What we will do next", max_len=5000)
    with wb.transaction() as db:
        if clean:
            db.execute(
                "INSERT INTO monthly_reviews (month, next_steps, updated_at) "
                "VALUES (?, ?, datetime('now')) ON CONFLICT (month) DO UPDATE SET "
                "next_steps = excluded.next_steps, updated_at = excluded.updated_at",
                [clean_month, clean],
            )
        else:
            db.execute("DELETE FROM monthly_reviews WHERE month = ?", [clean_month])


def review_months(wb: Workbook, *, today: dt.date | None = None) -> list[str]:
    """Months worth reviewing, newest first: every month with a value or a plan, and this
    month."""
    rows = wb.query(
        "SELECT month FROM kpi_entries UNION SELECT month FROM monthly_reviews ORDER BY 1 DESC"
    )
    months = [r["month"] for r in rows]
    now = current_month(today)
    if now not in months:
        months.insert(0, now)
    return sorted(set(months), reverse=True)
