"""Each KPI over consecutive months, as plain data for a chart: values (None for a month
without one), the target in force, the rolling average and the notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cscoach.model.action_loop import KpiMark, kpi_marks
from cscoach.model.kpi_entries import list_entries, months_with_data
from cscoach.model.kpis import (
    OFF_TARGET,
    ON_TARGET,
    get_kpi,
    is_on_target,
    list_kpis,
    target_history,
    targets_for,
)
from cscoach.model.months import add_months, current_month, months_between
from cscoach.model.workbook import Workbook

ROLLING_WINDOW = 3


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
    # the months in which an action from this KPI's review was done (``action_loop``)
    marks: tuple[KpiMark, ...] = ()

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
        marks=tuple(kpi_marks(wb, kpi_id, first=first, last=last)),
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
