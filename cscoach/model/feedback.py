"""Feedback items: every compliment, complaint, suggestion or question the business hears.

An item has a date, a kind, what was said and optionally the channel, the customer, its
themes, the team members and standards it names; a complaint also has its follow-up (what
the customer asked for, how serious it is, when it was acknowledged, who owns it, what was
done) and is open or resolved.

This module says what an item is and finds items: the list is filtered in SQL
(``FeedbackFilter``), so it stays quick with 10,000 items. Checking and changing items is
``feedback_edit``; themes and their keyword rules ``feedback_themes``; counts and the
recurring rule ``feedback_patterns``; a month's report ``feedback_report``; the CSV file
``feedback_csv``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.feedback_themes import fold
from cscoach.model.workbook import Workbook

COMPLIMENT, COMPLAINT, SUGGESTION, QUESTION = "compliment", "complaint", "suggestion", "question"
KINDS = (COMPLIMENT, COMPLAINT, SUGGESTION, QUESTION)
KIND_LABELS = {
    COMPLIMENT: "Compliment",
    COMPLAINT: "Complaint",
    SUGGESTION: "Suggestion",
    QUESTION: "Question",
}
KIND_PLURALS = {
    COMPLIMENT: "Compliments",
    COMPLAINT: "Complaints",
    SUGGESTION: "Suggestions",
    QUESTION: "Questions",
}
CHANNELS = (
    "in person",
    "phone",
    "email",
    "review site",
    "social media",
    "feedback form",
    "kiosk",
)
SEVERITIES = ("minor", "moderate", "serious")
OPEN, RESOLVED = "open", "resolved"
STATUSES = (OPEN, RESOLVED)

MAX_TEXT = validate.MAX_TEXT
MAX_CHANNEL = 60
MAX_CUSTOMER = 200
MAX_NOTE = 5000  # what the customer asked for, what was done


@dataclass(frozen=True, slots=True)  # slots: the list holds 10,000
class FeedbackItem:
    id: int
    received_on: str  # YYYY-MM-DD
    kind: str
    channel: str  # a starter channel, the owner's own, or "" (not recorded)
    text: str
    customer: str
    customer_asked: str
    severity: str | None
    acknowledged_on: str | None
    follow_up_by: int | None  # a team member; None: the owner of the business
    follow_up_name: str | None
    action_taken: str
    status: str | None  # complaints only: "open" or "resolved"
    resolved_on: str | None  # None when open, or resolved on a day not recorded
    theme_ids: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    member_ids: tuple[int, ...] = ()
    members: tuple[str, ...] = ()
    standard_ids: tuple[int, ...] = ()
    standards: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.kind == COMPLAINT and self.status == OPEN

    @property
    def month(self) -> str:
        return self.received_on[:7]

    def days_open(self, today: dt.date) -> int | None:
        """Whole days since it was received, for a complaint still open (else None)."""
        if not self.is_open:
            return None
        return (today - dt.date.fromisoformat(self.received_on)).days


@dataclass(frozen=True)
class FeedbackInput:
    """What the owner entered; only the first three are needed (the rest optional)."""

    received_on: str | dt.date | None
    kind: str
    text: str
    channel: str = ""
    customer: str = ""
    customer_asked: str = ""
    severity: str | None = None
    acknowledged_on: str | dt.date | None = None
    follow_up_by: int | None = None
    action_taken: str = ""
    status: str | None = None  # a complaint: "open" (when empty) or "resolved"
    resolved_on: str | dt.date | None = None
    theme_ids: tuple[int, ...] = ()
    member_ids: tuple[int, ...] = ()
    standard_ids: tuple[int, ...] = ()

    @classmethod
    def from_item(cls, item: FeedbackItem) -> FeedbackInput:
        """The item as it is, to change a field or two with ``dataclasses.replace``."""
        return cls(
            item.received_on,
            item.kind,
            item.text,
            item.channel,
            item.customer,
            item.customer_asked,
            item.severity,
            item.acknowledged_on,
            item.follow_up_by,
            item.action_taken,
            item.status,
            item.resolved_on,
            item.theme_ids,
            item.member_ids,
            item.standard_ids,
        )


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackFilter:
    """Which items to list; every field left as it is means "any"."""

    kind: str | None = None
    theme_id: int | None = None
    no_theme: bool = False  # items without any theme
    channel: str | None = None  # "" lists the items whose channel was not recorded
    member_id: int | None = None
    standard_id: int | None = None
    month: str | None = None  # YYYY-MM
    start: str | None = None  # YYYY-MM-DD, inclusive
    end: str | None = None  # YYYY-MM-DD, inclusive
    status: str | None = None  # "open" or "resolved": complaints in that state
    search: str = ""  # in what was said, the customer, what they asked, what was done
    ids: tuple[int, ...] | None = None  # exactly these items (a count clicked through)


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of ``YYYY-MM`` as ISO dates."""
    year, mon = int(month[:4]), int(month[5:7])
    last = calendar.monthrange(year, mon)[1]
    return f"{year:04d}-{mon:02d}-01", f"{year:04d}-{mon:02d}-{last:02d}"


FOLD_FUNCTION = "cscoach_fold"


def use_fold(wb: Workbook) -> None:
    """Let SQL compare text as the app does (``fold``: case and accents ignored) on this
    workbook's connection (it may be a new one after a reconnect, so every time)."""
    wb.conn.create_function(FOLD_FUNCTION, 1, _fold_sql, deterministic=True)


def _fold_sql(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return value.lower() if value.isascii() else _fold_accented(value)


@functools.lru_cache(maxsize=20_000)
def _fold_accented(value: str) -> str:
    """``fold`` of a text with accents, kept: a search folds every item's text again at
    each key typed, and ASCII text alone folds sooner than it is looked up."""
    return fold(value)


def _folded(column: str) -> str:
    """SQL for ``fold(column)``: ASCII text (as many characters as UTF-8 bytes) folds to
    SQLite's own lower(), in C; only text with other characters goes through Python."""
    return (
        f"CASE WHEN length({column}) = length(CAST({column} AS BLOB)) "
        f"THEN lower({column}) ELSE {FOLD_FUNCTION}({column}) END"
    )


def filter_sql(filt: FeedbackFilter) -> tuple[str, list[object]]:
    """The WHERE clause (over ``feedback_items i``) and its parameters for ``filt``."""
    where: list[str] = []
    params: list[object] = []
    if filt.kind:
        where.append("i.kind = ?")
        params.append(filt.kind)
    if filt.theme_id is not None:
        where.append("i.id IN (SELECT item_id FROM feedback_item_themes WHERE theme_id = ?)")
        params.append(filt.theme_id)
    if filt.no_theme:
        where.append("NOT EXISTS (SELECT 1 FROM feedback_item_themes l WHERE l.item_id = i.id)")
    if filt.channel is not None:
        where.append("i.channel = ?")
        params.append(filt.channel)
    if filt.member_id is not None:
        where.append("i.id IN (SELECT item_id FROM feedback_item_members WHERE member_id = ?)")
        params.append(filt.member_id)
    if filt.standard_id is not None:
        where.append("i.id IN (SELECT item_id FROM feedback_item_standards WHERE standard_id = ?)")
        params.append(filt.standard_id)
    if filt.month:
        first, last = month_bounds(validate.month(filt.month, "month", "Month", today=dt.date.max))
        where.append("i.received_on BETWEEN ? AND ?")
        params += [first, last]
    if filt.start:
        where.append("i.received_on >= ?")
        params.append(filt.start)
    if filt.end:
        where.append("i.received_on <= ?")
        params.append(filt.end)
    if filt.status:
        where.append("i.kind = 'complaint' AND i.status = ?")
        params.append(filt.status)
    if filt.ids is not None:
        where.append("i.id IN (SELECT value FROM json_each(?))")
        params.append("[" + ",".join(str(int(i)) for i in filt.ids) + "]")
    needle = fold(" ".join(filt.search.split()))
    if needle:  # one line, so it is found in one of these or not at all
        searched = ("i.text", "i.customer", "i.customer_asked", "i.action_taken")
        where.append("(" + " OR ".join(f"instr({_folded(c)}, ?) > 0" for c in searched) + ")")
        params += [needle] * len(searched)
    return (" WHERE " + " AND ".join(where) if where else ""), params


_SELECT = """
    SELECT i.id, i.received_on, i.kind, i.channel, i.text, i.customer, i.customer_asked,
           i.severity, i.acknowledged_on, i.follow_up_by, i.action_taken, i.status,
           i.resolved_on,
           (SELECT group_concat(theme_id) FROM feedback_item_themes WHERE item_id = i.id)
               AS theme_ids,
           (SELECT group_concat(member_id) FROM feedback_item_members WHERE item_id = i.id)
               AS member_ids,
           (SELECT group_concat(standard_id) FROM feedback_item_standards WHERE item_id = i.id)
               AS standard_ids
    FROM feedback_items i
"""


class _Names:
    """Names and display order of themes, team members and standards, read once."""

    def __init__(self, wb: Workbook) -> None:
        def read(sql: str) -> dict[int, tuple[int, str]]:
            rows = wb.conn.execute(sql).fetchall()
            return {row[0]: (n, row[1]) for n, row in enumerate(rows)}

        self.themes = read("SELECT id, name FROM feedback_themes ORDER BY position, id")
        self.members = read("SELECT id, name FROM team_members ORDER BY name COLLATE NOCASE, id")
        self.standards = read(
            "SELECT s.id, s.title FROM standards s JOIN standard_categories c "
            "ON c.id = s.category_id ORDER BY c.position, s.position, s.id"
        )

        self._picked: dict[tuple[str, int], tuple[tuple[int, ...], tuple[str, ...]]] = {}

    def pick(
        self, raw: str | None, names: dict[int, tuple[int, str]]
    ) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The ids in ``raw`` ("3,1") in display order, with their names; worked out once for
        each combination (thousands of items share a few)."""
        if not raw:
            return (), ()
        key = (raw, id(names))
        found = self._picked.get(key)
        if found is None:
            ids = sorted((int(x) for x in raw.split(",")), key=lambda i: names.get(i, (1e9,))[0])
            ids = [i for i in ids if i in names]
            found = self._picked[key] = (tuple(ids), tuple(names[i][1] for i in ids))
        return found

    def item(self, r: Sequence[Any]) -> FeedbackItem:
        """The item of a row of ``_SELECT``, its columns in that order (plain tuples: the
        list reads 10,000 rows, and a dict for each costs more than the item)."""
        (
            item_id,
            received_on,
            kind,
            channel,
            text,
            customer,
            customer_asked,
            severity,
            acknowledged_on,
            follow_up_by,
            action_taken,
            status,
            resolved_on,
            raw_themes,
            raw_members,
            raw_standards,
        ) = r
        theme_ids, themes = self.pick(raw_themes, self.themes)
        member_ids, members = self.pick(raw_members, self.members)
        standard_ids, standards = self.pick(raw_standards, self.standards)
        owner = self.members.get(follow_up_by) if follow_up_by is not None else None
        return FeedbackItem(
            id=item_id,
            received_on=received_on,
            kind=kind,
            channel=channel,
            text=text,
            customer=customer,
            customer_asked=customer_asked,
            severity=severity,
            acknowledged_on=acknowledged_on,
            follow_up_by=follow_up_by,
            follow_up_name=owner[1] if owner else None,
            action_taken=action_taken,
            status=status,
            resolved_on=resolved_on,
            theme_ids=theme_ids,
            themes=themes,
            member_ids=member_ids,
            members=members,
            standard_ids=standard_ids,
            standards=standards,
        )


def list_items(
    wb: Workbook, filt: FeedbackFilter | None = None, *, oldest_first: bool = False
) -> list[FeedbackItem]:
    """The items ``filt`` picks, newest first (``oldest_first`` for the other way)."""
    where, params = filter_sql(filt or FeedbackFilter())
    if "cscoach_fold" in where:
        use_fold(wb)
    order = "ASC" if oldest_first else "DESC"
    names = _Names(wb)
    # Row by row: a row is freed as soon as its item is made (10,000 rows held at once
    # would be 10,000 more objects for the garbage collector to go through).
    rows = wb.conn.execute(f"{_SELECT}{where} ORDER BY i.received_on {order}, i.id {order}", params)
    return [names.item(r) for r in rows]


def item_ids(
    wb: Workbook, filt: FeedbackFilter | None = None, *, oldest_first: bool = False
) -> list[int]:
    """The ids of the items ``filt`` picks, in the order of ``list_items`` (a list that
    holds the items already takes them from there)."""
    where, params = filter_sql(filt or FeedbackFilter())
    if "cscoach_fold" in where:
        use_fold(wb)
    order = "ASC" if oldest_first else "DESC"
    sql = f"SELECT i.id FROM feedback_items i{where} ORDER BY i.received_on {order}, i.id {order}"
    return [r[0] for r in wb.conn.execute(sql, params)]


def count_items(wb: Workbook, filt: FeedbackFilter | None = None) -> int:
    where, params = filter_sql(filt or FeedbackFilter())
    if "cscoach_fold" in where:
        use_fold(wb)
    return int(
        wb.conn.execute(f"SELECT count(*) FROM feedback_items i{where}", params).fetchone()[0]
    )


def get_item(wb: Workbook, item_id: int) -> FeedbackItem:
    row = wb.conn.execute(_SELECT + " WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        raise ValidationError("id", "That feedback item no longer exists.")
    return _Names(wb).item(row)


def items_by_id(wb: Workbook, item_ids: Sequence[int]) -> list[FeedbackItem]:
    """The items with these ids, oldest first (the items behind a count)."""
    return list_items(wb, FeedbackFilter(ids=tuple(item_ids)), oldest_first=True)


def channels_in_use(wb: Workbook) -> list[str]:
    """The starter channels, then the owner's own ones used on any item."""
    used = [r[0] for r in wb.conn.execute("SELECT DISTINCT channel FROM feedback_items")]
    own = sorted((c for c in used if c and c not in CHANNELS), key=str.casefold)
    return [*CHANNELS, *own]


def months_with_items(wb: Workbook) -> list[str]:
    """Every month (YYYY-MM) with at least one item, oldest first."""
    return [
        r[0]
        for r in wb.conn.execute(
            "SELECT DISTINCT substr(received_on, 1, 7) AS m FROM feedback_items ORDER BY m"
        )
    ]


def latest_month(wb: Workbook) -> str | None:
    row = wb.conn.execute("SELECT max(received_on) FROM feedback_items").fetchone()
    return row[0][:7] if row and row[0] else None
