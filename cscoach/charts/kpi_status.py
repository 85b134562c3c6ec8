"""The status line of a KPI chart, in words: the latest value, on or off target (a symbol,
not only a colour), and better or worse than the month before, from the longest wording to
the shortest a panel may need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscoach.model.kpis import ON_TARGET
from cscoach.model.months import month_label
from cscoach.model.number_format import format_value

if TYPE_CHECKING:
    from cscoach.model.kpi_series import KpiSeries

ON_SYMBOL = "✓"
OFF_SYMBOL = "✗"
ARROWS = {"up": "▲", "down": "▼", "flat": "▶"}


def status_text(series: KpiSeries, *, short: bool = False) -> str:
    """ "88.0 % · ✓ on target · ▲ better than Sep" for the latest month with a value
    (``short``: without "than Sep")."""
    return _status(series, 1 if short else 0)


def status_variants(series: KpiSeries) -> tuple[str, ...]:
    """The latest status from the longest wording to the shortest, for a panel to take the
    longest that fits: "… ✓ on target · ▲ better than Sep", "… ▲ better", "88.0 % · ✓ ·
    ▲ better", "88.0 % ✓ ▲"."""
    return tuple(dict.fromkeys(_status(series, level) for level in range(4)))


def _status(series: KpiSeries, level: int) -> str:
    """The status at ``level``: 0 in full, 1 without "than Sep", 2 with only the symbol for
    on or off target, 3 the value and the symbols alone."""
    index = series.latest_index()
    if index is None:
        return "no values yet"
    value = series.values[index]
    parts = [format_value(value, series.unit)]
    status = series.status()
    if status is not None:
        symbol = ON_SYMBOL if status == ON_TARGET else OFF_SYMBOL
        words = " on target" if status == ON_TARGET else " off target"
        parts.append(symbol + ("" if level >= 2 else words))
    change = series.change()
    if change is not None:
        shown = round(value or 0, 1) - round(series.values[index - 1] or 0, 1)
        trend = "flat" if abs(shown) < 1e-9 else ("up" if shown > 0 else "down")
        before = month_label(series.months[index - 1], short=True).split()[0]
        if trend == "flat":
            words = "same" if level else f"same as {before}"
        else:
            better = (trend == "up") == series.higher_is_better
            words = ("better" if better else "worse") + ("" if level else f" than {before}")
        parts.append(ARROWS[trend] + ("" if level >= 3 else f" {words}"))
    if index != len(series.values) - 1:
        parts.append(month_label(series.months[index], short=True))
    return (" " if level >= 3 else " · ").join(parts)
