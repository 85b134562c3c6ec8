"""What the rest of the app shows of the feedback: the Overview's open complaints and
recurring themes, the praise and complaints behind each core value (the culture map), the
feedback naming a standard or a team member (their forms), and a month's feedback in two
lines (the monthly review).

Each is one or two aggregate queries, so the pages that read them (the Overview is the
start page and reads again after every change) stay quick with 10,000 items. The Feedback
page itself reads ``feedback`` and ``feedback_patterns``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model import feedback, validate
from cscoach.model.dates import add_months
from cscoach.model.feedback import COMPLAINT, COMPLIMENT, KINDS, FeedbackFilter, FeedbackItem
from cscoach.model.feedback_patterns import (
    PatternRules,
    RecurringTheme,
    counts_by_kind,
    counts_by_theme,
    recurring_now,
    recurring_themes,
    rules,
)
from cscoach.model.months import current_month, month_label
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook

NEWEST = 3  # items a standard's or a team member's form quotes
VALUE_FEEDBACK_MONTHS = 12  # the culture map counts the feedback of the last year
REPORT_IN_APP = "Feedback › Print…"
REPORT_COMMAND = "cscoach print feedback --month {month}"


def kind_count(kind: str, count: int) -> str:
    """ "1 compliment", "3 questions" """
    return plural(count, feedback.KIND_LABELS[kind].lower())


def kinds_text(counts: dict[str, int]) -> str:
    """ "4 compliments, 2 complaints, 1 question" (the kinds above zero, in their order)."""
    return ", ".join(kind_count(k, counts[k]) for k in KINDS if counts.get(k))


# -- open complaints and recurring themes (the Overview) ------------------------------


@dataclass(frozen=True)
class OpenSummary:
    """The complaints still open on a day: how many, the oldest, how many too long."""

    count: int
    oldest_days: int  # days the oldest has been open (0 when none is)
    overdue: int  # open longer than the rule allows
    open_days: int  # the rule: flagged when open longer than this

    def sentence(self) -> str:
        """ "3 complaints are still open — the oldest for 5 days" ("" when none is)."""
        if not self.count:
            return ""
        days = plural(self.oldest_days, "day")
        if self.count == 1:
            since = "received today" if not self.oldest_days else f"for {days}"
            return f"1 complaint is still open — {since}"
        since = "all received today" if not self.oldest_days else f"the oldest for {days}"
        return f"{self.count} complaints are still open — {since}"


def open_summary(
    wb: Workbook, *, today: dt.date | None = None, rule: PatternRules | None = None
) -> OpenSummary:
    """The complaints received by ``today`` and still open (as
    ``feedback_patterns.open_complaints`` lists them), counted in one query."""
    today = today or dt.date.today()
    limit = (rule or rules(wb)).open_days
    row = wb.conn.execute(
        """SELECT count(*), min(received_on),
                  coalesce(sum(julianday(:today) - julianday(received_on) > :limit), 0)
           FROM feedback_items
           WHERE kind = 'complaint' AND status = 'open' AND received_on <= :today""",
        {"today": today.isoformat(), "limit": limit},
    ).fetchone()
    count, oldest, overdue = int(row[0]), row[1], int(row[2])
    days = (today - dt.date.fromisoformat(oldest)).days if oldest else 0
    return OpenSummary(count, days, overdue, limit)


@dataclass(frozen=True)
class Recurring:
    """A theme recurring now, with its latest spell: ``count`` complaints in ``days``."""

    theme_id: int
    name: str
    count: int
    days: int  # from the spell's first complaint to its last, both counted

    def sentence(self) -> str:
        """ "Wait time keeps coming back: 4 complaints in 30 days" """
        return (
            f"{self.name} keeps coming back: {plural(self.count, 'complaint')} in "
            f"{plural(self.days, 'day')}"
        )


def _recurring(found: RecurringTheme) -> Recurring:
    spell = found.latest
    days = (dt.date.fromisoformat(spell.last) - dt.date.fromisoformat(spell.first)).days + 1
    return Recurring(found.theme_id, found.name, spell.count, days)


def recurring_today(
    wb: Workbook, *, today: dt.date | None = None, rule: PatternRules | None = None
) -> list[Recurring]:
    """The themes recurring now (``feedback_patterns.recurring_now``), in the owner's order."""
    return [_recurring(r) for r in recurring_now(wb, today=today, rule=rule)]


@dataclass(frozen=True)
class FeedbackGlance:
    """The Overview's feedback: this month's counts by kind, open complaints, recurring
    themes, and whether there is any feedback at all."""

    month: str
    kinds: dict[str, int]
    open: OpenSummary
    recurring: tuple[Recurring, ...]
    any_items: bool

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def glance(wb: Workbook, *, today: dt.date | None = None) -> FeedbackGlance:
    today = today or dt.date.today()
    rule = rules(wb)
    month = current_month(today)
    first, _last = feedback.month_bounds(month)
    kinds = {str(t.key): t.count for t in counts_by_kind(wb, start=first, end=today.isoformat())}
    any_items = wb.conn.execute("SELECT EXISTS (SELECT 1 FROM feedback_items)").fetchone()[0]
    return FeedbackGlance(
        month,
        kinds,
        open_summary(wb, today=today, rule=rule),
        tuple(recurring_today(wb, today=today, rule=rule)),
        bool(any_items),
    )


# -- the culture map ------------------------------------------------------------------


@dataclass(frozen=True)
class ValueFeedback:
    """The compliments and complaints naming a standard that serves a value (each item
    once, however many of the value's standards it names)."""

    praise: tuple[int, ...] = ()
    complaints: tuple[int, ...] = ()


def feedback_by_value(wb: Workbook, *, today: dt.date | None = None) -> dict[int, ValueFeedback]:
    """Per core value, the compliments and complaints of the last ``VALUE_FEEDBACK_MONTHS``
    months (up to ``today``) that name an active standard serving it."""
    today = today or dt.date.today()
    since = add_months(today, -VALUE_FEEDBACK_MONTHS) + dt.timedelta(days=1)
    rows = wb.conn.execute(
        """SELECT sv.value_id, i.kind, group_concat(DISTINCT i.id)
           FROM standard_values sv
           JOIN standards s ON s.id = sv.standard_id AND s.active = 1
           JOIN feedback_item_standards l ON l.standard_id = s.id
           JOIN feedback_items i ON i.id = l.item_id
           WHERE i.kind IN ('compliment', 'complaint') AND i.received_on BETWEEN ? AND ?
           GROUP BY sv.value_id, i.kind""",
        (since.isoformat(), today.isoformat()),
    ).fetchall()
    found: dict[int, dict[str, tuple[int, ...]]] = {}
    for value_id, kind, ids in rows:
        found.setdefault(value_id, {})[kind] = tuple(sorted(int(i) for i in ids.split(",")))
    return {
        value_id: ValueFeedback(kinds.get(COMPLIMENT, ()), kinds.get(COMPLAINT, ()))
        for value_id, kinds in found.items()
    }


# -- a standard's or a team member's feedback -------------------------------------------


@dataclass(frozen=True)
class NamedFeedback:
    """The feedback naming one standard or team member: counts by kind, the newest few."""

    counts: dict[str, int]
    newest: tuple[FeedbackItem, ...]  # newest first
    open: int  # complaints among them still open

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def counts_text(self) -> str:
        return kinds_text(self.counts)


def _named(
    wb: Workbook, filt: FeedbackFilter, kinds: tuple[str, ...], newest: int
) -> NamedFeedback:
    where, params = feedback.filter_sql(filt)
    marks = ",".join("?" * len(kinds))
    where = f"{where} AND i.kind IN ({marks})"
    params = [*params, *kinds]
    rows = wb.conn.execute(
        f"""SELECT i.kind, count(*), sum(i.kind = 'complaint' AND i.status = 'open')
            FROM feedback_items i{where} GROUP BY i.kind""",
        params,
    ).fetchall()
    ids = [
        r[0]
        for r in wb.conn.execute(
            f"SELECT i.id FROM feedback_items i{where} "
            "ORDER BY i.received_on DESC, i.id DESC LIMIT ?",
            [*params, newest],
        )
    ]
    items = feedback.items_by_id(wb, ids) if ids else []
    return NamedFeedback(
        {kind: int(n) for kind, n, _ in rows},
        tuple(reversed(items)),
        sum(int(o or 0) for _, _, o in rows),
    )


def naming_standard(wb: Workbook, standard_id: int, *, newest: int = NEWEST) -> NamedFeedback:
    """Every kind of feedback that names the standard (what the Feedback page lists for it)."""
    return _named(wb, FeedbackFilter(standard_id=standard_id), KINDS, newest)


def naming_member(wb: Workbook, member_id: int, *, newest: int = NEWEST) -> NamedFeedback:
    """The praise and complaints that name the team member."""
    return _named(wb, FeedbackFilter(member_id=member_id), (COMPLIMENT, COMPLAINT), newest)


# -- the monthly review -----------------------------------------------------------------


@dataclass(frozen=True)
class MonthFeedback:
    """A month's feedback in two lines, and where the full report is."""

    month: str
    kinds: dict[str, int]
    open: int  # the month's complaints still open
    recurring: tuple[tuple[str, int], ...]  # (theme, the month's complaints on it)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def counts_line(self) -> str:
        """ "4 compliments, 2 complaints (1 still open), 1 question" """
        if not self.total:
            return f"Nothing was written down in {month_label(self.month)}."
        parts = []
        for kind in KINDS:
            if self.kinds.get(kind):
                part = kind_count(kind, self.kinds[kind])
                if kind == COMPLAINT and self.open:
                    part += f" ({self.open} still open)"
                parts.append(part)
        return ", ".join(parts) + "."

    def recurring_line(self) -> str:
        """ "Recurring: Wait time (3 complaints this month)." or "No theme recurred." """
        if not self.recurring:
            return "No theme recurred."
        named = [
            f"{name} ({plural(count, 'complaint')} this month)" if count else name
            for name, count in self.recurring
        ]
        return "Recurring: " + "; ".join(named) + "."

    def command(self) -> str:
        """The command line that prints the month's full report."""
        return REPORT_COMMAND.format(month=self.month)


def month_feedback(wb: Workbook, month: str, *, today: dt.date | None = None) -> MonthFeedback:
    """The month's counts by kind, how many of its complaints are still open, and the
    themes recurring in it (judged at the month's end, as its printed report judges them)."""
    today = today or dt.date.today()
    month = validate.month(month, "month", "Month", today=today)
    first, last = feedback.month_bounds(month)
    kinds = {str(t.key): t.count for t in counts_by_kind(wb, start=first, end=last)}
    row = wb.conn.execute(
        "SELECT count(*) FROM feedback_items WHERE kind = 'complaint' AND status = 'open' "
        "AND received_on BETWEEN ? AND ?",
        (first, last),
    ).fetchone()
    complaints = {
        t.key: t.count for t in counts_by_theme(wb, start=first, end=last, kind=COMPLAINT)
    }
    recurring = tuple(
        (r.name, complaints.get(r.theme_id, 0))
        for r in recurring_themes(wb, start=first, end=last, until=last)
    )
    return MonthFeedback(month, kinds, int(row[0]), recurring)
