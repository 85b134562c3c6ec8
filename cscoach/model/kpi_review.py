"""The monthly review: each active KPI in a month against its target, the month before and
a year before, with last month's plan to tick off and what we will do next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cscoach.model import validate
from cscoach.model.kpi_entries import list_entries
from cscoach.model.kpi_series import ROLLING_WINDOW, rolling_average
from cscoach.model.kpis import OFF_TARGET, ON_TARGET, Kpi, is_on_target, list_kpis, target_for
from cscoach.model.months import add_months, current_month, month_label, months_between
from cscoach.model.number_format import format_number, plural
from cscoach.model.workbook import Workbook

if TYPE_CHECKING:
    from cscoach.model.training_record import ReviewTraining

STORIES_NAMED = 3  # the stories whose people a review names; the rest are counted


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


def training_lines(found: ReviewTraining) -> tuple[str, ...]:
    """What a review says of training and stories, in a line or two: "Training sessions
    held in November 2026: 1 training session; 1 refresher due soon or overdue" and
    "Stories to tell: 2 stories (Aiko Tanaka; Liam O'Connor)" (no stories: no second
    line). The Monthly Review tab says the same."""
    held = plural(len(found.sessions), "training session") if found.sessions else "none"
    first = f"Training sessions held in {month_label(found.month)}: {held}"
    if found.refreshers:
        first += f"; {plural(len(found.refreshers), 'refresher')} due soon or overdue"
    if found.gaps:
        on = "it" if len(found.gaps) == 1 else "them"
        first += f"; {plural(len(found.gaps), 'standard')} owned by someone not trained on {on}"
    if found.checklists_open:
        names = ", ".join(c.name for c in found.checklists_open)
        first += f"; first-weeks checklist still open for {names}"
    if not found.stories:
        return (first,)
    told = "; ".join(s.members_label for s in found.stories[:STORIES_NAMED])
    more = len(found.stories) - STORIES_NAMED
    if more > 0:
        told += f" and {more} more"
    stories = plural(len(found.stories), "story", "stories")
    return first, f"Stories to tell: {stories} ({told})"
