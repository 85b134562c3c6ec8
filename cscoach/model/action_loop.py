"""Closing the loop: where actions show up beyond their own page.

- The Overview: overdue actions, counts by status, and anyone holding more than
  ``TOO_MANY_OPEN`` open actions (a team that commits to eight things does none of them).
- The monthly review: the actions to tick off, those due in the coming month, and those
  done about a month ago that still wait for "did it help?".
- The KPI charts: the months in which an action from a KPI's review was done, with the
  3-month averages before and after (``KpiMark``).
- The "You said, we did" wall print: the shared actions done lately, and those dropped
  with why.

Each is one query or two over ``actions`` (the Overview reads again after every change).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cscoach.model import actions as ac
from cscoach.model import dates
from cscoach.model.actions import Action
from cscoach.model.months import add_months, month_label
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook

TOO_MANY_OPEN = 3  # more than this many open actions for one person: a gentle warning
AVERAGE_MONTHS = 3  # the averages before and after an action on a KPI chart
YOU_SAID_MONTHS = 6  # the wall print shows what was done in the last six months
WALL_ITEMS = 8  # at most this many on the one page (the type stays big)
WALL_DROPPED = 2  # of which at most this many were dropped


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of ``YYYY-MM`` as ISO dates."""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# -- the Overview ---------------------------------------------------------------------------


def overdue_actions(wb: Workbook, today: dt.date) -> list[Action]:
    """Open actions whose due date has passed, the longest overdue first."""
    return ac.select(
        wb,
        " WHERE a.status IN ('planned', 'doing') AND a.due_on < ?",
        (today.isoformat(),),
    )


def status_counts(wb: Workbook) -> dict[str, int]:
    """How many actions are in each status (every status, 0 when none)."""
    counts = dict.fromkeys(ac.STATUSES, 0)
    for status, count in wb.conn.execute("SELECT status, count(*) FROM actions GROUP BY status"):
        counts[status] = int(count)
    return counts


@dataclass(frozen=True)
class BusyOwner:
    owner_id: int | None  # None: the owner of the business
    name: str
    open: int

    def sentence(self) -> str:
        """ "Ana has 5 open actions: finishing two or three first works better" """
        who = "You have" if self.owner_id is None else f"{self.name} has"
        return f"{who} {self.open} open actions: finishing two or three first works better"


def busy_owners(wb: Workbook) -> list[BusyOwner]:
    """Everyone holding more than ``TOO_MANY_OPEN`` open actions, the busiest first."""
    rows = wb.conn.execute(
        """SELECT a.owner_id, m.name, count(*) AS n FROM actions a
           LEFT JOIN team_members m ON m.id = a.owner_id
           WHERE a.status IN ('planned', 'doing')
           GROUP BY a.owner_id HAVING n > ? ORDER BY n DESC, m.name""",
        (TOO_MANY_OPEN,),
    )
    return [BusyOwner(r[0], r[1] or ac.OWNER_LABEL, int(r[2])) for r in rows]


@dataclass(frozen=True)
class ActionsGlance:
    """What the Overview shows of the actions."""

    counts: dict[str, int]
    overdue: int
    oldest_overdue_days: int
    awaiting_helped: int
    busy: tuple[BusyOwner, ...]

    @property
    def open(self) -> int:
        return self.counts[ac.PLANNED] + self.counts[ac.DOING]

    @property
    def any(self) -> bool:
        return any(self.counts.values())

    def overdue_sentence(self) -> str:
        """ "2 actions are overdue — the oldest by 12 days" ("" when none is)."""
        if not self.overdue:
            return ""
        days = plural(self.oldest_overdue_days, "day")
        if self.overdue == 1:
            return f"1 action is overdue — by {days}"
        return f"{self.overdue} actions are overdue — the oldest by {days}"

    def counts_line(self) -> str:
        """ "3 planned, 1 doing, 6 done, 1 dropped" (statuses with none left out)."""
        parts = [f"{n} {ac.STATUS_LABELS[s].lower()}" for s, n in self.counts.items() if n]
        return ", ".join(parts)


def glance(wb: Workbook, today: dt.date) -> ActionsGlance:
    row = wb.conn.execute(
        """SELECT count(*), min(due_on) FROM actions
           WHERE status IN ('planned', 'doing') AND due_on < ?""",
        (today.isoformat(),),
    ).fetchone()
    overdue, oldest = int(row[0]), row[1]
    days = (today - dt.date.fromisoformat(oldest)).days if oldest else 0
    asked_after = (today - dt.timedelta(days=ac.HELPED_AFTER_DAYS)).isoformat()
    (waiting,) = wb.conn.execute(
        """SELECT count(*) FROM actions WHERE status = 'done' AND
           ((helped IS NULL AND done_on <= :d) OR (helped = 'not yet' AND helped_on <= :d))""",
        {"d": asked_after},
    ).fetchone()
    return ActionsGlance(status_counts(wb), overdue, days, int(waiting), tuple(busy_owners(wb)))


# -- the monthly review ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewActions:
    """The actions a monthly review goes through. The review of ``month`` is held early the
    month after: it ticks off what was due in ``month`` (and anything older still open) and
    looks at what is due in the month it is held."""

    month: str
    to_tick: tuple[Action, ...]  # due in the month or before and still open; done in it
    coming: tuple[Action, ...]  # due in the month after (open or done early)
    did_it_help: tuple[Action, ...]  # done about a month ago, "did it help?" unanswered
    # (only in the review of last month or this month: the one being held)

    @property
    def coming_month(self) -> str:
        return add_months(self.month, 1)


def review_actions(wb: Workbook, month: str, today: dt.date) -> ReviewActions:
    """The actions for the monthly review of ``month`` (``YYYY-MM``, already checked)."""
    first, last = month_bounds(month)
    next_first, next_last = month_bounds(add_months(month, 1))
    to_tick = ac.select(
        wb,
        """ WHERE (a.status IN ('planned', 'doing') AND a.due_on <= :last)
              OR (a.status = 'done' AND a.done_on BETWEEN :first AND :last)
              OR (a.status = 'dropped' AND a.due_on BETWEEN :first AND :last)""",
        {"first": first, "last": last},
    )
    ticked = {a.id for a in to_tick}
    coming = [
        a
        for a in ac.select(
            wb,
            " WHERE a.due_on BETWEEN :first AND :last AND a.status != 'dropped'",
            {"first": next_first, "last": next_last},
        )
        if a.id not in ticked
    ]
    # "Did it help?" is asked at the review held now (of last month or this one), not in an
    # old month's review looked at again.
    recent = month >= add_months(today.strftime("%Y-%m"), -1)
    helped = awaiting_helped(wb, today) if recent else []
    return ReviewActions(month, tuple(to_tick), tuple(coming), tuple(helped))


def done_actions(wb: Workbook) -> list[Action]:
    return ac.select(wb, " WHERE a.status = 'done'")


def awaiting_helped(wb: Workbook, today: dt.date) -> list[Action]:
    """Done actions that should now be asked "did it help?" (``Action.awaiting_helped`` as
    one query: a workbook of ten years holds thousands of done actions), newest first."""
    return ac.select(
        wb,
        """ WHERE a.status = 'done' AND a.done_on IS NOT NULL AND (
              (a.helped IS NULL AND a.done_on > :passed AND a.done_on <= :asked)
              OR (a.helped = :not_yet AND a.helped_on IS NOT NULL
                  AND a.helped_on > :passed AND a.helped_on <= :asked))""",
        {
            "asked": (today - dt.timedelta(days=ac.HELPED_AFTER_DAYS)).isoformat(),
            "passed": (today - dt.timedelta(days=ac.HELPED_STOP_DAYS)).isoformat(),
            "not_yet": ac.HELPED_NOT_YET,
        },
    )


# -- the KPI charts -------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiMark:
    """A month in which one or more actions from a KPI's review were done."""

    month: str  # the month they were done
    titles: tuple[str, ...]
    before: float | None  # the average of the 3 months before (those with a value)
    after: float | None  # the average of the 3 months after
    tooltip: str  # the text shown on hovering the mark, and in the print

    @property
    def title(self) -> str:
        return "; ".join(self.titles)


def _average(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def kpi_marks(
    wb: Workbook, kpi_id: int, *, first: str | None = None, last: str | None = None
) -> list[KpiMark]:
    """The months (from ``first`` to ``last``, when given) in which actions from this KPI's
    reviews were done, oldest first, each with the average of the KPI over the
    ``AVERAGE_MONTHS`` months before that month and the ``AVERAGE_MONTHS`` after it."""
    rows = wb.conn.execute(
        """SELECT substr(done_on, 1, 7) AS m, title FROM actions
           WHERE status = 'done' AND source = 'kpi_month' AND kpi_id = ?
             AND done_on IS NOT NULL ORDER BY done_on, id""",
        (kpi_id,),
    ).fetchall()
    if first:
        rows = [r for r in rows if r[0] >= first]
    if last:
        rows = [r for r in rows if r[0] <= last]
    if not rows:
        return []
    kpi = wb.conn.execute("SELECT name, unit FROM kpis WHERE id = ?", (kpi_id,)).fetchone()
    name, unit = kpi
    values = {
        m: v
        for m, v in wb.conn.execute(
            "SELECT month, value FROM kpi_entries WHERE kpi_id = ? AND month BETWEEN ? AND ?",
            (
                kpi_id,
                add_months(rows[0][0], -AVERAGE_MONTHS),
                add_months(rows[-1][0], AVERAGE_MONTHS),
            ),
        )
    }
    by_month: dict[str, list[str]] = {}
    for month, title in rows:
        by_month.setdefault(month, []).append(title)
    marks = []
    for month, titles in by_month.items():
        before = _average([values.get(add_months(month, -n)) for n in range(1, AVERAGE_MONTHS + 1)])
        after = _average([values.get(add_months(month, n)) for n in range(1, AVERAGE_MONTHS + 1)])
        marks.append(
            KpiMark(
                month,
                tuple(titles),
                before,
                after,
                _tooltip(month, titles, name, unit, before, after),
            )
        )
    return marks


def averages_text(name: str, unit: str, before: float | None, after: float | None) -> str:
    """ "CSAT, 3-month average: 81.3% before, 86.0% after" """

    def shown(value: float | None, empty: str) -> str:
        return format_value(value, unit) if value is not None else empty

    return (
        f"{name}, {AVERAGE_MONTHS}-month average: {shown(before, 'no figures')} before, "
        f"{shown(after, 'not known yet')} after"
    )


def _tooltip(
    month: str,
    titles: Sequence[str],
    name: str,
    unit: str,
    before: float | None,
    after: float | None,
) -> str:
    done = "\n".join(f"Done in {month_label(month)}: {t}" for t in titles)
    return f"{done}\n{averages_text(name, unit, before, after)}"


# -- "You said, we did" ---------------------------------------------------------------------


@dataclass(frozen=True)
class WallItem:
    """One line of the wall print: what we heard, and what we did (or why we could not)."""

    said: str  # "Customers told us about wait time", or "" when it came from nowhere
    did: str  # the action's title
    outcome: str  # what came of it; for a dropped action, why


@dataclass(frozen=True)
class YouSaidWeDid:
    business: str
    since: str  # YYYY-MM-DD: the first day counted
    done: tuple[WallItem, ...]
    dropped: tuple[WallItem, ...]
    left_out: int  # shared actions that did not fit on the page

    @property
    def empty(self) -> bool:
        return not self.done and not self.dropped


def said_text(wb: Workbook, action: Action) -> str:
    """What the team or customers told us, as the wall print says it."""
    kind = action.source.kind
    row = None
    if action.source.deleted:
        return {
            ac.ROUND: "From our team questionnaire",
            ac.QUESTION: "From our team questionnaire",
        }.get(kind, "")
    if kind == ac.FEEDBACK_THEME:
        row = wb.conn.execute(
            "SELECT name FROM feedback_themes WHERE id = ?", (action.source.id,)
        ).fetchone()
        return f"Many of you mentioned {_lower_first(row[0])}"
    if kind == ac.FEEDBACK_ITEM:
        row = wb.conn.execute(
            "SELECT kind, text FROM feedback_items WHERE id = ?", (action.source.id,)
        ).fetchone()
        text = " ".join(row[1].split())
        text = text if len(text) <= 90 else text[:89].rstrip() + "…"
        return f"“{text}”"
    if kind in (ac.QUESTION, ac.ROUND):
        return "From our team questionnaire"
    if kind == ac.KPI_MONTH:
        return "What our figures showed"
    if kind == ac.STANDARD:
        row = wb.conn.execute(
            "SELECT title FROM standards WHERE id = ?", (action.source.id,)
        ).fetchone()
        return f"Our standard: {row[0]}"
    return ""


def _lower_first(name: str) -> str:
    """ "wait time" from "Wait time"; a name with other capitals ("WiFi") as it is."""
    if name[:1].isupper() and not any(ch.isupper() for ch in name[1:]):
        return name[:1].lower() + name[1:]
    return name


def you_said_we_did(wb: Workbook, today: dt.date, *, months: int = YOU_SAID_MONTHS) -> YouSaidWeDid:
    """The shared actions done in the last ``months`` months (newest first) and the shared
    ones dropped in that time, as many as fit on the one page (``WALL_ITEMS``)."""
    from cscoach.model import settings

    since = dates.add_months(today, -months).isoformat()
    done = ac.select(
        wb,
        " WHERE a.share = 1 AND a.status = 'done' AND a.done_on >= ? AND a.done_on <= ?",
        (since, today.isoformat()),
    )
    done.sort(key=lambda a: (a.done_on or "", a.id), reverse=True)
    dropped = [
        a
        for a in ac.select(wb, " WHERE a.share = 1 AND a.status = 'dropped'")
        if (a.due_on or a.created_on) >= since
    ]
    dropped_shown = dropped[: min(WALL_DROPPED, WALL_ITEMS)]
    done_shown = done[: WALL_ITEMS - len(dropped_shown)]
    left_out = len(done) + len(dropped) - len(done_shown) - len(dropped_shown)

    def item(action: Action) -> WallItem:
        return WallItem(said_text(wb, action), action.title, " ".join(action.outcome.split()))

    return YouSaidWeDid(
        settings.business_name(wb),
        since,
        tuple(item(a) for a in done_shown),
        tuple(item(a) for a in dropped_shown),
        left_out,
    )
