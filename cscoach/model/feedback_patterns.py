"""Patterns in what customers say: counts by kind and theme per month, recurring complaint
themes, complaints left open, praise per team member, the standards complaints name.

Every count carries the ids of the items behind it (``item_ids``), so a page can list
exactly those items (``feedback.items_by_id``) when the owner clicks it.

**The recurring rule.** A theme is *recurring* when it has N or more complaints within D
days (defaults 3 and 30; ``set_recurring_rule`` changes them). "Within D days" means the
days from the first of those complaints to the last, both counted, are at most D: the last
is at most D − 1 days after the first. With D = 30: complaints on day 0, 15 and 29 are
recurring (29 days apart, a 30-day window); day 0, 15 and 30 are not (that takes 31 days).
Days are calendar days (29 February counts like any day); several complaints on one day
count one each; only complaints count (a compliment on the same theme does not).

A *window* is one run of N or more of a theme's complaints within D days. Windows that
overlap (share a day) make one *spell*: from its first complaint to its last, with every
complaint of the theme between. A theme recurs in a period when one of its spells overlaps
it; the items behind the flag are the spell's complaints, including those just before the
period that complete a window.

**Open complaints.** A complaint received on day R and still open on day T has been open
T − R days; it is flagged when that is more than the setting (default 2): received on
Monday, it is flagged from Thursday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model import feedback, settings, validate
from cscoach.model.feedback import COMPLIMENT, FeedbackItem
from cscoach.model.feedback_starter import (
    DEFAULT_SETTINGS,
    OPEN_DAYS,
    RECURRING_COUNT,
    RECURRING_DAYS,
)
from cscoach.model.workbook import Workbook

MAX_COUNT = 100
MAX_DAYS = 366


# -- the rules' settings -------------------------------------------------------------


@dataclass(frozen=True)
class PatternRules:
    recurring_count: int  # N complaints on one theme…
    recurring_days: int  # …within D days: recurring
    open_days: int  # a complaint open longer than this is flagged

    def recurring_text(self) -> str:
        """ "3 or more complaints within 30 days" """
        return f"{self.recurring_count} or more complaints within {self.recurring_days} days"


def _setting(wb: Workbook, key: str, low: int, high: int) -> int:
    raw = settings.get(wb, key, DEFAULT_SETTINGS[key])
    try:
        value = int(raw)
    except ValueError:
        value = int(DEFAULT_SETTINGS[key])
    return value if low <= value <= high else int(DEFAULT_SETTINGS[key])


def rules(wb: Workbook) -> PatternRules:
    """The rules as set (a value changed outside CS Coach to nonsense reads as the default)."""
    return PatternRules(
        _setting(wb, RECURRING_COUNT, 2, MAX_COUNT),
        _setting(wb, RECURRING_DAYS, 1, MAX_DAYS),
        _setting(wb, OPEN_DAYS, 0, MAX_DAYS),
    )


def set_recurring_rule(wb: Workbook, count: int | str, days: int | str) -> None:
    """N complaints within D days make a theme recurring."""
    n = validate.whole(count, "recurring_count", "Complaints", minimum=2, maximum=MAX_COUNT)
    d = validate.whole(days, "recurring_days", "Days", minimum=1, maximum=MAX_DAYS)
    _put(wb, {RECURRING_COUNT: str(n), RECURRING_DAYS: str(d)}, "Change the recurring theme rule")


def set_open_days(wb: Workbook, days: int | str) -> None:
    """Complaints open longer than this many days are flagged."""
    d = validate.whole(days, "open_days", "Days", minimum=0, maximum=MAX_DAYS)
    _put(wb, {OPEN_DAYS: str(d)}, "Change the open complaint flag")


def _put(wb: Workbook, values: dict[str, str], label: str) -> None:
    with wb.transaction(label):
        wb.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
            list(values.items()),
        )


# -- counts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """A count and the items behind it: one month's items of one kind, theme, team member
    or standard (``key`` is its id, or the kind; ``label`` what the owner reads)."""

    month: str | None  # YYYY-MM, or None for a count over a whole period
    key: int | str | None
    label: str
    item_ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.item_ids)


def _ids(raw: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(x) for x in raw.split(","))) if raw else ()


def _period(
    start: str | None, end: str | None, column: str = "i.received_on"
) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if start:
        where.append(f"{column} >= ?")
        params.append(start)
    if end:
        where.append(f"{column} <= ?")
        params.append(end)
    return " AND ".join(where) or "1", params


def counts_by_kind(
    wb: Workbook, *, start: str | None = None, end: str | None = None
) -> list[Tally]:
    """Items per month and kind (months oldest first, kinds in ``feedback.KINDS`` order);
    only the counts above zero. ``start``/``end``: ISO dates, inclusive."""
    where, params = _period(start, end)
    rows = wb.conn.execute(
        f"SELECT substr(i.received_on, 1, 7) AS month, i.kind, group_concat(i.id) "
        f"FROM feedback_items i WHERE {where} GROUP BY month, i.kind",
        params,
    ).fetchall()
    order = {k: n for n, k in enumerate(feedback.KINDS)}
    tallies = [Tally(m, k, feedback.KIND_PLURALS[k], _ids(ids)) for m, k, ids in rows]
    return sorted(tallies, key=lambda t: (t.month, order[str(t.key)]))


NO_THEME = "No theme"


def counts_by_theme(
    wb: Workbook,
    *,
    start: str | None = None,
    end: str | None = None,
    kind: str | None = None,
) -> list[Tally]:
    """Items per month and theme (an item with two themes counts for each; items with
    none under ``key`` None, "No theme"), optionally of one kind. Months oldest first,
    themes in the owner's order."""
    where, params = _period(start, end)
    if kind:
        where += " AND i.kind = ?"
        params.append(kind)
    rows = wb.conn.execute(
        f"""
        SELECT substr(i.received_on, 1, 7) AS month, t.id, t.name, group_concat(i.id),
               coalesce(t.position, 1e9) AS position
        FROM feedback_items i
        LEFT JOIN feedback_item_themes l ON l.item_id = i.id
        LEFT JOIN feedback_themes t ON t.id = l.theme_id
        WHERE {where}
        GROUP BY month, t.id
        ORDER BY month, position, t.id
        """,
        params,
    ).fetchall()
    return [Tally(m, tid, name or NO_THEME, _ids(ids)) for m, tid, name, ids, _ in rows]


def mentions_by_member(
    wb: Workbook,
    kind: str = COMPLIMENT,
    *,
    start: str | None = None,
    end: str | None = None,
) -> list[Tally]:
    """Per team member, the items of ``kind`` that name them (praise by default), most
    first, then by name; members never named are left out."""
    where, params = _period(start, end)
    rows = wb.conn.execute(
        f"""
        SELECT m.id, m.name, group_concat(i.id)
        FROM feedback_item_members l
        JOIN feedback_items i ON i.id = l.item_id
        JOIN team_members m ON m.id = l.member_id
        WHERE i.kind = ? AND {where}
        GROUP BY m.id
        """,
        [kind, *params],
    ).fetchall()
    tallies = [Tally(None, mid, name, _ids(ids)) for mid, name, ids in rows]
    return sorted(tallies, key=lambda t: (-t.count, t.label.casefold()))


def praise_by_member(
    wb: Workbook, *, start: str | None = None, end: str | None = None
) -> list[Tally]:
    """Compliments naming each team member, most first."""
    return mentions_by_member(wb, COMPLIMENT, start=start, end=end)


def standards_in_complaints(
    wb: Workbook, *, start: str | None = None, end: str | None = None
) -> list[Tally]:
    """The standards complaints name ("which standard would have prevented this?"), most
    named first, then in the standards' order."""
    where, params = _period(start, end)
    rows = wb.conn.execute(
        f"""
        SELECT s.id, s.title, group_concat(i.id)
        FROM feedback_item_standards l
        JOIN feedback_items i ON i.id = l.item_id
        JOIN standards s ON s.id = l.standard_id
        JOIN standard_categories c ON c.id = s.category_id
        WHERE i.kind = 'complaint' AND {where}
        GROUP BY s.id
        ORDER BY count(*) DESC, c.position, s.position, s.id
        """,
        params,
    ).fetchall()
    return [Tally(None, sid, title, _ids(ids)) for sid, title, ids in rows]


# -- recurring themes ----------------------------------------------------------------


@dataclass(frozen=True)
class Spell:
    """Overlapping windows of a recurring theme: its complaints from ``first`` to ``last``."""

    first: str  # YYYY-MM-DD of its first complaint
    last: str
    item_ids: tuple[int, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.item_ids)


@dataclass(frozen=True)
class RecurringTheme:
    theme_id: int
    name: str
    spells: tuple[Spell, ...]  # oldest first

    @property
    def item_ids(self) -> tuple[int, ...]:
        return tuple(i for spell in self.spells for i in spell.item_ids)

    @property
    def latest(self) -> Spell:
        return self.spells[-1]


def recurring_themes(
    wb: Workbook,
    *,
    start: str | None = None,
    end: str | None = None,
    until: str | None = None,
    rule: PatternRules | None = None,
) -> list[RecurringTheme]:
    """The themes that recur (see the module's docstring for the exact rule) with their
    spells; only spells overlapping ``start``–``end`` (ISO dates, inclusive) when given.
    ``until``: only the complaints received by that day count, as if it were that day (a
    month's report sees what was known at the month's end). Themes in the owner's order.

    The windows are found in SQL: for each complaint, how many complaints of its theme
    fall within D days from it, and the day of the last of them."""
    rule = rule or rules(wb)
    span = rule.recurring_days - 1
    until = until or "9999-12-31"
    windows = wb.conn.execute(
        """
        WITH c AS (
            SELECT l.theme_id, julianday(i.received_on) AS day
            FROM feedback_items i JOIN feedback_item_themes l ON l.item_id = i.id
            WHERE i.kind = 'complaint' AND i.received_on <= ?
        )
        SELECT theme_id, first, last FROM (
            SELECT theme_id, day AS first, max(day) OVER w AS last, count(*) OVER w AS n
            FROM c
            WINDOW w AS (PARTITION BY theme_id ORDER BY day
                         RANGE BETWEEN CURRENT ROW AND ? FOLLOWING)
        )
        WHERE n >= ?
        ORDER BY theme_id, first
        """,
        (until, span, rule.recurring_count),
    ).fetchall()
    merged: dict[int, list[list[float]]] = {}
    for theme_id, first, last in windows:
        spells = merged.setdefault(theme_id, [])
        if spells and first <= spells[-1][1]:  # overlaps (shares a day with) the one before
            spells[-1][1] = max(spells[-1][1], last)
        else:
            spells.append([first, last])
    lo = _julian(start) if start else None
    hi = _julian(end) if end else None
    wanted = {
        theme_id: [s for s in spells if (lo is None or s[1] >= lo) and (hi is None or s[0] <= hi)]
        for theme_id, spells in merged.items()
    }
    wanted = {t: s for t, s in wanted.items() if s}
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = wb.conn.execute(
        f"""
        SELECT l.theme_id, julianday(i.received_on), i.received_on, i.id
        FROM feedback_items i JOIN feedback_item_themes l ON l.item_id = i.id
        WHERE i.kind = 'complaint' AND i.received_on <= ? AND l.theme_id IN ({marks})
        ORDER BY i.received_on, i.id
        """,
        [until, *wanted],
    ).fetchall()
    members: dict[tuple[int, int], list[tuple[str, int]]] = {}
    for theme_id, day, received, item_id in rows:
        for n, (first, last) in enumerate(wanted[theme_id]):
            if first <= day <= last:
                members.setdefault((theme_id, n), []).append((received, item_id))
                break
    names = {
        r[0]: (r[1], r[2])
        for r in wb.conn.execute("SELECT id, name, position FROM feedback_themes")
    }
    out = []
    for theme_id, spells in wanted.items():
        found = []
        for n in range(len(spells)):
            dated = members.get((theme_id, n), [])
            found.append(Spell(dated[0][0], dated[-1][0], tuple(i for _, i in dated)))
        out.append(RecurringTheme(theme_id, names[theme_id][0], tuple(found)))
    return sorted(out, key=lambda r: (names[r.theme_id][1], r.theme_id))


def _julian(day: str) -> float:
    """SQLite's julianday() of an ISO date (noon-based, so midnight ends in .5)."""
    return dt.date.fromisoformat(day).toordinal() + 1721424.5


def recurring_now(
    wb: Workbook, *, today: dt.date | None = None, rule: PatternRules | None = None
) -> list[RecurringTheme]:
    """Themes recurring now: a spell that reaches into the last D days up to ``today``."""
    rule = rule or rules(wb)
    today = today or dt.date.today()
    since = today - dt.timedelta(days=rule.recurring_days - 1)
    return recurring_themes(wb, start=since.isoformat(), end=today.isoformat(), rule=rule)


# -- open complaints -----------------------------------------------------------------


@dataclass(frozen=True)
class OpenComplaint:
    item: FeedbackItem
    days_open: int
    overdue: bool  # open longer than the setting allows: the most urgent thing to do


def open_complaints(
    wb: Workbook,
    *,
    today: dt.date | None = None,
    received_by: str | None = None,
    rule: PatternRules | None = None,
) -> list[OpenComplaint]:
    """Complaints still open, oldest first, each with the days it has been open on
    ``today`` and whether that is too long; only those received by ``received_by`` (an ISO
    date) when given."""
    today = today or dt.date.today()
    limit = (rule or rules(wb)).open_days
    items = feedback.list_items(
        wb,
        feedback.FeedbackFilter(status=feedback.OPEN, end=received_by or today.isoformat()),
        oldest_first=True,
    )
    out = []
    for item in items:
        days = item.days_open(today) or 0
        out.append(OpenComplaint(item, days, days > limit))
    return out


def overdue_complaints(wb: Workbook, *, today: dt.date | None = None) -> list[OpenComplaint]:
    """The open complaints flagged as open too long."""
    return [c for c in open_complaints(wb, today=today) if c.overdue]
