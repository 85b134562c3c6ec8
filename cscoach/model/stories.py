"""Success stories: what someone on the team did that showed a value, told to celebrate it.

A story has the day it happened, the team member(s) it is about, the core value it showed,
what happened, optionally the compliment it came from (Feedback's "Turn into a story…"),
and the months it is featured in (the story of the month on the break-room wall; one or
more a month). Stories celebrate what happened: nothing here counts stories per person or
ranks anyone ("employee of the month" contests turn into rotations among a few).

Public API (each write one ``Workbook.transaction``, one step of Undo; ``today`` is a
parameter, never the clock):
    ``Story`` (``members_label``: "Aiko Tanaka and Liam O'Connor"; ``value_label``;
    ``source_text``: the compliment, "" when none or deleted), ``StoryInput``
    (``StoryInput.from_story``); ``list_stories(wb, *, month=None, member_id=None,
    featured_in=None, search="")`` newest first, ``get_story``; ``add_story(wb, data, *,
    today)`` → id, ``update_story``, ``delete_story``, ``delete_stories``;
    ``set_featured(wb, id, month, featured, *, today)``; ``stories_in_month(wb, month)``,
    ``featured_stories(wb, month)``, ``count_in_month``, ``story_months(wb)`` ([(month,
    count)] newest first: stories per month, never per person); ``draft_from_feedback(wb,
    item_id)`` (a ``StoryInput`` filled from a compliment, to finish in a form),
    ``add_story_from_feedback(wb, item_id, *, today, ...)`` → id,
    ``stories_for_feedback_item(wb, item_id)``. Refusals name the field: ``happened_on``,
    ``member_ids``, ``value_id``, ``what_happened``, ``feedback_item_id``, ``month``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.months import add_months, month_label
from cscoach.model.workbook import Workbook

MAX_STORY = 3000
FEATURE_AHEAD_MONTHS = 1  # a story may be featured for next month, not later


@dataclass(frozen=True, slots=True)
class Story:
    id: int
    happened_on: str
    member_ids: tuple[int, ...]
    members: tuple[str, ...]  # alphabetical
    value_id: int | None
    value_name: str  # the value's name now, or as it was when chosen (deleted since)
    what_happened: str
    feedback_item_id: int | None
    source_text: str  # "Compliment of 3 May 2026: “…”"; "" for none (or deleted)
    featured_months: tuple[str, ...]  # YYYY-MM, oldest first
    created_on: str

    @property
    def members_label(self) -> str:
        """ "Aiko Tanaka", "Aiko Tanaka and Liam O'Connor", "A, B and C" """
        names = list(self.members)
        if not names:
            return "(no one on the team now)"
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def value_label(self) -> str:
        return self.value_name

    def featured_in(self, month: str) -> bool:
        return month in self.featured_months


@dataclass(frozen=True)
class StoryInput:
    """What the owner entered: the day, who, and what happened are needed."""

    happened_on: str | dt.date | None
    member_ids: tuple[int, ...]
    what_happened: str
    value_id: int | None = None
    feedback_item_id: int | None = None

    @classmethod
    def from_story(cls, story: Story) -> StoryInput:
        return cls(
            story.happened_on,
            story.member_ids,
            story.what_happened,
            story.value_id,
            story.feedback_item_id,
        )


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


_SELECT = """
    SELECT s.id, s.happened_on, s.value_id, coalesce(v.name, s.value_name), s.what_happened,
           s.feedback_item_id, fi.received_on, fi.text, s.created_on
    FROM success_stories s
    LEFT JOIN core_values v ON v.id = s.value_id
    LEFT JOIN feedback_items fi ON fi.id = s.feedback_item_id
"""
_ORDER = " ORDER BY s.happened_on DESC, s.id DESC"


def select(wb: Workbook, where: str = "", params: Sequence[object] = ()) -> list[Story]:
    rows = wb.conn.execute(_SELECT + where + _ORDER, list(params)).fetchall()
    ids = [r[0] for r in rows]
    wanted = "[" + ",".join(str(int(i)) for i in ids) + "]"
    people: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    months: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for story_id, member_id, name in wb.conn.execute(
            """SELECT sm.story_id, m.id, m.name FROM story_members sm
               JOIN team_members m ON m.id = sm.member_id
               WHERE sm.story_id IN (SELECT value FROM json_each(?))
               ORDER BY m.name COLLATE NOCASE""",
            (wanted,),
        ):
            people[story_id].append((member_id, name))
        for story_id, month in wb.conn.execute(
            "SELECT story_id, month FROM story_features "
            "WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY month",
            (wanted,),
        ):
            months[story_id].append(month)
    stories = []
    for r in rows:
        story_id, happened, value_id, value_name, what, item_id, item_date, item_text, made = r
        source = ""
        if item_id is not None:
            source = f"Compliment of {long_date(item_date)}: “{_short(item_text)}”"
        stories.append(
            Story(
                story_id,
                happened,
                tuple(p[0] for p in people[story_id]),
                tuple(p[1] for p in people[story_id]),
                value_id,
                value_name or "",
                what,
                item_id,
                source,
                tuple(months[story_id]),
                made,
            )
        )
    return stories


def list_stories(
    wb: Workbook,
    *,
    month: str | None = None,
    member_id: int | None = None,
    featured_in: str | None = None,
    search: str = "",
) -> list[Story]:
    """Stories, newest first: those that happened in ``month``, are about ``member_id``, are
    featured in ``featured_in`` or mention ``search`` (each left out means any)."""
    where: list[str] = []
    params: list[object] = []
    if month:
        where.append("substr(s.happened_on, 1, 7) = ?")
        params.append(month)
    if member_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM story_members sm WHERE sm.story_id = s.id AND sm.member_id = ?)"
        )
        params.append(member_id)
    if featured_in:
        where.append(
            "EXISTS (SELECT 1 FROM story_features f WHERE f.story_id = s.id AND f.month = ?)"
        )
        params.append(featured_in)
    needle = " ".join(search.split()).casefold()
    if needle:
        where.append(
            "(instr(lower(s.what_happened), ?) > 0 OR instr(lower(coalesce(v.name, "
            "s.value_name)), ?) > 0 OR EXISTS (SELECT 1 FROM story_members sm JOIN "
            "team_members m ON m.id = sm.member_id WHERE sm.story_id = s.id AND "
            "instr(lower(m.name), ?) > 0))"
        )
        params += [needle, needle, needle]
    return select(wb, (" WHERE " + " AND ".join(where)) if where else "", params)


def get_story(wb: Workbook, story_id: int) -> Story:
    found = select(wb, " WHERE s.id = ?", (story_id,))
    if not found:
        raise ValidationError("id", "That story no longer exists.")
    return found[0]


def stories_in_month(wb: Workbook, month: str) -> list[Story]:
    """The stories that happened in ``month`` (YYYY-MM), newest first."""
    return list_stories(wb, month=month)


def featured_stories(wb: Workbook, month: str) -> list[Story]:
    """The stories featured in ``month``, newest first."""
    return list_stories(wb, featured_in=month)


def count_in_month(wb: Workbook, month: str) -> int:
    (n,) = wb.conn.execute(
        "SELECT count(*) FROM success_stories WHERE substr(happened_on, 1, 7) = ?", (month,)
    ).fetchone()
    return int(n)


def story_months(wb: Workbook) -> list[tuple[str, int]]:
    """(month, number of stories) for every month with a story, newest first."""
    rows = wb.conn.execute(
        "SELECT substr(happened_on, 1, 7) AS m, count(*) FROM success_stories "
        "GROUP BY m ORDER BY m DESC"
    )
    return [(r[0], int(r[1])) for r in rows]


def stories_for_feedback_item(wb: Workbook, item_id: int) -> list[Story]:
    """The stories told from a compliment (Feedback shows it is already a story)."""
    return select(wb, " WHERE s.feedback_item_id = ?", (item_id,))


# -- checking -------------------------------------------------------------------------------


def check_happened_on(value: str | dt.date | None, today: dt.date) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("happened_on", "Give the day it happened (YYYY-MM-DD).")
    clean = validate.iso_date(value, "happened_on", "The day it happened", required=True)
    assert clean is not None
    if clean > today.isoformat():
        raise ValidationError("happened_on", f"{clean} is in the future: a story has happened.")
    return clean


def check_what_happened(value: str | None) -> str:
    if not (value or "").strip():
        raise ValidationError("what_happened", "Write what happened: that is the story.")
    return validate.text(value, "what_happened", "What happened", max_len=MAX_STORY)


def _check_members(wb: Workbook, ids: Sequence[int], before: Sequence[int]) -> tuple[int, ...]:
    clean = tuple(dict.fromkeys(ids))
    if not clean:
        raise ValidationError(
            "member_ids", "Choose who the story is about: at least one person on the team."
        )
    for member_id in clean:
        if not isinstance(member_id, int) or isinstance(member_id, bool):
            raise ValidationError("member_ids", "Choose who the story is about.")
        row = wb.conn.execute(
            "SELECT name, active FROM team_members WHERE id = ?", (member_id,)
        ).fetchone()
        if row is None:
            raise ValidationError("member_ids", "One of those people is no longer in the team.")
        if not row[1] and member_id not in before:
            raise ValidationError(
                "member_ids", f"{row[0]} is no longer on the team; choose someone who is."
            )
    return clean


def _check_value(wb: Workbook, value_id: int | None) -> tuple[int | None, str]:
    if value_id is None:
        return None, ""
    row = wb.conn.execute("SELECT name FROM core_values WHERE id = ?", (value_id,)).fetchone()
    if row is None:
        raise ValidationError("value_id", "That core value no longer exists.")
    return value_id, row[0]


def _check_item(wb: Workbook, item_id: int | None) -> int | None:
    if item_id is None:
        return None
    row = wb.conn.execute("SELECT kind FROM feedback_items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise ValidationError("feedback_item_id", "That feedback item no longer exists.")
    if row[0] != "compliment":
        raise ValidationError(
            "feedback_item_id", "Only a compliment can become a story: it celebrates."
        )
    return item_id


def clean_input(
    wb: Workbook, data: StoryInput, today: dt.date, existing: Story | None = None
) -> tuple[dict[str, Any], tuple[int, ...]]:
    """The story's row as stored and who it is about, checked. A value or compliment the
    story already has is kept even when it was deleted since."""
    row: dict[str, Any] = {"happened_on": check_happened_on(data.happened_on, today)}
    members = _check_members(wb, data.member_ids, existing.member_ids if existing else ())
    if existing is not None and data.value_id == existing.value_id:
        row["value_id"], row["value_name"] = existing.value_id, existing.value_name
    else:
        row["value_id"], row["value_name"] = _check_value(wb, data.value_id)
    row["what_happened"] = check_what_happened(data.what_happened)
    if existing is None or data.feedback_item_id != existing.feedback_item_id:
        row["feedback_item_id"] = _check_item(wb, data.feedback_item_id)
    return row, members


# -- writing --------------------------------------------------------------------------------


def add_story(wb: Workbook, data: StoryInput, *, today: dt.date) -> int:
    row, members = clean_input(wb, data, today)
    row["created_on"] = today.isoformat()
    with wb.transaction(f"Add story “{_short(row['what_happened'], 40)}”"):
        return insert_story(wb, row, members)


def insert_story(wb: Workbook, row: dict[str, Any], members: Sequence[int]) -> int:
    """Insert a checked story in the caller's transaction (the demo, the benchmarks)."""
    names = list(row)
    cur = wb.conn.execute(
        f"INSERT INTO success_stories ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )
    story_id = int(cur.lastrowid or 0)
    wb.conn.executemany(
        "INSERT INTO story_members (story_id, member_id) VALUES (?, ?)",
        [(story_id, m) for m in members],
    )
    return story_id


def update_story(wb: Workbook, story_id: int, data: StoryInput, *, today: dt.date) -> None:
    existing = get_story(wb, story_id)
    row, members = clean_input(wb, data, today, existing)
    with wb.transaction(f"Change story “{_short(row['what_happened'], 40)}”"):
        sets = ", ".join(f"{n} = ?" for n in row)
        wb.conn.execute(
            f"UPDATE success_stories SET {sets} WHERE id = ?", [*row.values(), story_id]
        )
        wb.conn.executemany(
            "DELETE FROM story_members WHERE story_id = ? AND member_id = ?",
            [(story_id, m) for m in existing.member_ids if m not in members],
        )
        wb.conn.executemany(
            "INSERT INTO story_members (story_id, member_id) VALUES (?, ?)",
            [(story_id, m) for m in members if m not in existing.member_ids],
        )


def set_featured(
    wb: Workbook, story_id: int, month: str, featured: bool, *, today: dt.date
) -> None:
    """Feature a story in ``month`` (YYYY-MM; from the month it happened to next month), or
    take it off. Several stories may be featured in one month."""
    story = get_story(wb, story_id)
    latest = add_months(today.strftime("%Y-%m"), FEATURE_AHEAD_MONTHS)
    clean = validate.month(month, "month", "The month", today=dt.date(9999, 12, 1))
    if featured and clean > latest:
        raise ValidationError(
            "month", f"A story can be featured this month or next, not in {month_label(clean)}."
        )
    if featured and clean < story.happened_on[:7]:
        raise ValidationError(
            "month", "A story can be featured from the month it happened, not before."
        )
    verb = "Feature" if featured else "Stop featuring"
    with wb.transaction(f"{verb} story “{_short(story.what_happened, 40)}”"):
        if featured:
            wb.conn.execute(
                "INSERT OR IGNORE INTO story_features (story_id, month) VALUES (?, ?)",
                (story_id, clean),
            )
        else:
            wb.conn.execute(
                "DELETE FROM story_features WHERE story_id = ? AND month = ?", (story_id, clean)
            )


def delete_story(wb: Workbook, story_id: int) -> None:
    story = get_story(wb, story_id)
    with wb.transaction(f"Delete story “{_short(story.what_happened, 40)}”"):
        wb.conn.execute("DELETE FROM success_stories WHERE id = ?", (story_id,))


def delete_stories(wb: Workbook, story_ids: Sequence[int]) -> None:
    ids = list(dict.fromkeys(story_ids))
    if not ids:
        return
    with wb.transaction(f"Delete {len(ids)} stories" if len(ids) > 1 else None):
        wb.conn.executemany("DELETE FROM success_stories WHERE id = ?", [(i,) for i in ids])


# -- from a compliment ---------------------------------------------------------------------


def draft_from_feedback(wb: Workbook, item_id: int) -> StoryInput:
    """Feedback's "Turn into a story…": a story filled from a compliment (its day, the
    team members it names, what the customer said) for the owner to finish.

    Raises:
        ValidationError: (``feedback_item_id``) the item is gone or is not a compliment.
    """
    _check_item(wb, item_id)
    row = wb.conn.execute(
        "SELECT received_on, text FROM feedback_items WHERE id = ?", (item_id,)
    ).fetchone()
    members = tuple(
        int(r[0])
        for r in wb.conn.execute(
            """SELECT m.id FROM feedback_item_members fm JOIN team_members m
               ON m.id = fm.member_id AND m.active = 1
               WHERE fm.item_id = ? ORDER BY m.name COLLATE NOCASE""",
            (item_id,),
        )
    )
    return StoryInput(row[0], members, f"A customer told us: “{row[1].strip()}”", None, item_id)


def add_story_from_feedback(
    wb: Workbook,
    item_id: int,
    *,
    today: dt.date,
    member_ids: Sequence[int] | None = None,
    value_id: int | None = None,
    what_happened: str | None = None,
) -> int:
    """Make a story of a compliment at once (``draft_from_feedback`` with what is given
    instead). A compliment naming no one needs ``member_ids``."""
    draft = draft_from_feedback(wb, item_id)
    data = StoryInput(
        draft.happened_on,
        tuple(member_ids) if member_ids is not None else draft.member_ids,
        what_happened if what_happened is not None else draft.what_happened,
        value_id,
        item_id,
    )
    if not data.member_ids:
        raise ValidationError(
            "member_ids",
            "This compliment names no one on the team: choose who the story is about.",
        )
    return add_story(wb, data, today=today)
