"""A starter KPI's value worked out from its counts, with the formula written out with the
real numbers ("80 ÷ 90 × 100 = 88.9")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.number_format import format_number, plain_number

if TYPE_CHECKING:
    from cscoach.model.kpi_entries import KpiEntry
    from cscoach.model.kpis import Kpi

MAX_COUNT = 100_000_000

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
    worked = f"{plain_number(hours)} ÷ {resolved} = {format_number(value)}"
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
