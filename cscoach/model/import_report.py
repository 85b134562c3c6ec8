"""Lists in the report of an import, short enough to read whatever the size of the file:
a few months are named one by one, many are counted per KPI with their first and last
month."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

LISTED = 24  # months named one by one, at most (a year of NPS and CSAT)
KPIS_SHOWN = 8  # KPIs summarised one by one, at most

T = TypeVar("T")


def listing(
    items: Sequence[T],
    describe: Callable[[T], str],
    kpi_and_month: Callable[[T], tuple[str, str]],
    *,
    counted: bool = True,
) -> str:
    """``describe`` of each item when there are few; else (a count, unless the caller
    already gave it, and) per KPI how many months from which to which:
    "240 values — NPS, 120 months from 2016-11 to 2026-10; CSAT, …"."""
    if len(items) <= LISTED:
        return ", ".join(describe(item) for item in items)
    months: dict[str, list[str]] = {}
    for item in items:
        kpi, month = kpi_and_month(item)
        months.setdefault(kpi, []).append(month)
    parts = [
        f"{kpi}, {count(len(found), 'month')} from {min(found)} to {max(found)}"
        if len(found) > 1
        else f"{kpi} {found[0]}"
        for kpi, found in list(months.items())[:KPIS_SHOWN]
    ]
    more = len(months) - KPIS_SHOWN
    if more > 0:
        parts.append(f"and {count(more, 'other KPI')}")
    text = "; ".join(parts)
    return f"{count(len(items), 'value')} — {text}" if counted else text


def count(n: int, word: str) -> str:
    """ "1 value", "10,000 values" """
    return f"{n:,} {word}{'' if n == 1 else 's'}"
