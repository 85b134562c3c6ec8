"""The value axis of a KPI chart, as plain arithmetic (no matplotlib): the range shown and
the values labelled. Shared by the matplotlib charts on screen and the vector charts on
paper."""

from __future__ import annotations

import math

from cscoach.model.kpi_series import KpiSeries


def y_limits(series: KpiSeries) -> tuple[float, float]:
    """The bottom and top of the value axis: every value, target and average with some room
    round them, kept near the KPI's own range (0–100 for a percentage)."""
    data = [
        v
        for v in (*series.values, *series.targets, *series.rolling)
        if v is not None and math.isfinite(v)
    ]
    if not data:
        lo = series.min_value if series.min_value is not None else 0.0
        hi = series.max_value if series.max_value is not None else lo + 10
        return lo, hi
    lo, hi = min(data), max(data)
    pad = max((hi - lo) * 0.18, abs(hi) * 0.04, 1.0)
    bottom, top = lo - pad, hi + pad
    if series.min_value is not None and bottom < series.min_value:
        bottom = series.min_value - pad * 0.25
    if series.max_value is not None and top > series.max_value:
        top = series.max_value + pad * 0.25
    return bottom, top


def nice_ticks(bottom: float, top: float, most: int) -> list[float]:
    """At most ``most`` (at least 2) round values between ``bottom`` and ``top``, a step of
    1, 2, 2.5 or 5 times a power of ten apart."""
    span = top - bottom
    if span <= 0 or not math.isfinite(span):
        return [bottom]
    most = max(2, most)
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 2.5, 5, 10) if span / (m * power) <= most), 10 * power)
    first = math.ceil(bottom / step - 1e-9) * step
    ticks = []
    value = first
    while value <= top + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks
