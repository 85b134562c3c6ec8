"""A month's *voice of the customer*: what customers said in the month against the month
before, the themes recurring in it with the complaints behind them, complaints still open,
a few compliments to quote, praise per team member and the standards complaints named.
Plain data for the printed report (``cscoach.printing.feedback``) and the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cscoach.model import feedback, validate
from cscoach.model.feedback import COMPLAINT, COMPLIMENT, FeedbackItem
from cscoach.model.feedback_patterns import (
    OpenComplaint,
    PatternRules,
    RecurringTheme,
    Spell,
    Tally,
    counts_by_kind,
    counts_by_theme,
    open_complaints,
    praise_by_member,
    recurring_themes,
    rules,
    standards_in_complaints,
)
from cscoach.model.workbook import Workbook

QUOTES = 4  # compliments quoted in a month's report
QUOTE_LENGTH = 400  # longer compliments are not quoted (the page shows them whole)


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    this_month: tuple[int, ...]
    month_before: tuple[int, ...]


@dataclass(frozen=True)
class ThemeLine:
    theme_id: int | None  # None: the items without a theme
    name: str
    this_month: tuple[int, ...]
    complaints: tuple[int, ...]  # this month's complaints on the theme
    month_before: tuple[int, ...]
    recurring: bool


@dataclass(frozen=True)
class VoiceOfCustomer:
    """What customers said in a month, against the month before (plain data for print)."""

    month: str
    previous: str
    today: dt.date
    rule: PatternRules
    kinds: tuple[KindLine, ...]
    themes: tuple[ThemeLine, ...]
    recurring: tuple[RecurringTheme, ...]
    open: tuple[OpenComplaint, ...]
    quotes: tuple[FeedbackItem, ...]
    praise: tuple[Tally, ...]
    standards: tuple[Tally, ...]
    items: dict[int, FeedbackItem]  # every item the report names, by id

    @property
    def total(self) -> int:
        return sum(len(k.this_month) for k in self.kinds)

    @property
    def total_before(self) -> int:
        return sum(len(k.month_before) for k in self.kinds)


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if mon == 1 else f"{year:04d}-{mon - 1:02d}"


def voice_of_customer(wb: Workbook, month: str, *, today: dt.date | None = None) -> VoiceOfCustomer:
    """The month's report: counts by kind and theme against the month before; the themes
    recurring in the month with the complaints behind them (those of the spell from D − 1
    days before the month to its end: every window overlapping the month lies there), judged
    on the complaints received by the month's end (as if printed that day, so a past month
    reads as it did then); the complaints received by the month's end still open on ``today``; up to
    ``QUOTES`` compliments of at most ``QUOTE_LENGTH`` characters to quote (those naming a
    team member first, then the newest); praise per team member; the standards complaints
    named."""
    today = today or dt.date.today()
    month = validate.month(month, "month", "Month", today=today)
    previous = previous_month(month)
    first, last = feedback.month_bounds(month)
    before_first, before_last = feedback.month_bounds(previous)
    rule = rules(wb)
    kinds_now = {t.key: t.item_ids for t in counts_by_kind(wb, start=first, end=last)}
    kinds_before = {
        t.key: t.item_ids for t in counts_by_kind(wb, start=before_first, end=before_last)
    }
    kinds = tuple(
        KindLine(k, feedback.KIND_PLURALS[k], kinds_now.get(k, ()), kinds_before.get(k, ()))
        for k in feedback.KINDS
    )
    recurring = tuple(recurring_themes(wb, start=first, end=last, until=last, rule=rule))
    recurring_ids = {r.theme_id for r in recurring}
    now = {t.key: t for t in counts_by_theme(wb, start=first, end=last)}
    complaints = {
        t.key: t.item_ids for t in counts_by_theme(wb, start=first, end=last, kind=COMPLAINT)
    }
    before = {t.key: t for t in counts_by_theme(wb, start=before_first, end=before_last)}
    order = [t.key for t in now.values()] + [k for k in before if k not in now]
    positions = {r[0]: r[1] for r in wb.conn.execute("SELECT id, position FROM feedback_themes")}
    order.sort(key=lambda k: (k is None, positions.get(k, 0) if isinstance(k, int) else 0))
    themes = tuple(
        ThemeLine(
            key if isinstance(key, int) else None,
            (now.get(key) or before[key]).label,
            now[key].item_ids if key in now else (),
            complaints.get(key, ()),
            before[key].item_ids if key in before else (),
            key in recurring_ids,
        )
        for key in order
    )
    open_now = tuple(open_complaints(wb, today=today, received_by=last, rule=rule))
    compliments = feedback.list_items(
        wb, feedback.FeedbackFilter(kind=COMPLIMENT, start=first, end=last)
    )
    short = [c for c in compliments if len(c.text) <= QUOTE_LENGTH]
    quotes = tuple(sorted(short, key=lambda i: not i.members)[:QUOTES])  # newest first within
    wanted = {i for r in recurring for i in r.item_ids}
    items = {i.id: i for i in feedback.items_by_id(wb, sorted(wanted))} if wanted else {}
    # Every window that overlaps the month lies within D - 1 days before it and the month:
    # the complaints of a long spell before that are not what made the month's flag.
    since = (dt.date.fromisoformat(first) - dt.timedelta(days=rule.recurring_days - 1)).isoformat()
    recurring = tuple(_since(r, since, items) for r in recurring)
    items.update({c.item.id: c.item for c in open_now})
    items.update({q.id: q for q in quotes})
    return VoiceOfCustomer(
        month=month,
        previous=previous,
        today=today,
        rule=rule,
        kinds=kinds,
        themes=themes,
        recurring=recurring,
        open=open_now,
        quotes=quotes,
        praise=tuple(praise_by_member(wb, start=first, end=last)),
        standards=tuple(standards_in_complaints(wb, start=first, end=last)),
        items=items,
    )


def _since(found: RecurringTheme, since: str, items: dict[int, FeedbackItem]) -> RecurringTheme:
    """``found`` with only the complaints received on ``since`` or later."""
    spells = []
    for spell in found.spells:
        kept = [i for i in spell.item_ids if items[i].received_on >= since]
        if kept:
            spells.append(
                Spell(items[kept[0]].received_on, items[kept[-1]].received_on, tuple(kept))
            )
    return RecurringTheme(found.theme_id, found.name, tuple(spells))


def spell_items(report: VoiceOfCustomer, spell: Spell) -> Sequence[FeedbackItem]:
    return [report.items[i] for i in spell.item_ids if i in report.items]
