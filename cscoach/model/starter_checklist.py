"""A new starter's first weeks: read the philosophy, sign the standards, attend an
onboarding session. Shown on their Team form until it is done. See
``cscoach.model.training`` for the whole API.

A new starter is someone on the team whose start date is at most ``STARTER_DAYS`` ago (or
still ahead). The first two items are ticked by the owner with the day; the third ticks
itself when they attend an onboarding session. A checklist still open ``OPEN_TOO_LONG_DAYS``
after the start date is a next step on the Overview.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

STARTER_DAYS = 183  # about six months: after that, someone is no longer a new starter
OPEN_TOO_LONG_DAYS = 30
PHILOSOPHY_READ, STANDARDS_SIGNED, ONBOARDING = "philosophy", "standards", "onboarding"
ITEMS = (PHILOSOPHY_READ, STANDARDS_SIGNED, ONBOARDING)
ITEM_LABELS = {
    PHILOSOPHY_READ: "Read the customer-service philosophy",
    STANDARDS_SIGNED: "Signed the service standards",
    ONBOARDING: "Attended an onboarding session",
}
TODO_LABELS = {  # what is left to do, as a list of what to do says it
    PHILOSOPHY_READ: "Read the customer-service philosophy",
    STANDARDS_SIGNED: "Sign the service standards",
    ONBOARDING: "Attend an onboarding session",
}
TICKABLE = (PHILOSOPHY_READ, STANDARDS_SIGNED)  # the onboarding item ticks itself
_COLUMNS = {PHILOSOPHY_READ: "philosophy_read_on", STANDARDS_SIGNED: "standards_signed_on"}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done_on: str | None  # YYYY-MM-DD; None: not yet
    detail: str = ""  # the onboarding session attended ("Welcome to the café, 3 May 2026")

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def todo(self) -> str:
        """ "Sign the service standards": the item as something still to do."""
        return TODO_LABELS.get(self.key, self.label)

    @property
    def tickable(self) -> bool:
        return self.key in TICKABLE


@dataclass(frozen=True)
class Checklist:
    member_id: int
    name: str
    start_date: str
    items: tuple[ChecklistItem, ...]

    @property
    def done(self) -> bool:
        return all(i.done for i in self.items)

    @property
    def open_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if not i.done)

    def days_since_start(self, today: dt.date) -> int:
        return (today - dt.date.fromisoformat(self.start_date)).days

    def overdue(self, today: dt.date) -> bool:
        """Still open more than ``OPEN_TOO_LONG_DAYS`` after the start date."""
        return not self.done and self.days_since_start(today) > OPEN_TOO_LONG_DAYS

    def sentence(self, today: dt.date) -> str:
        """ "Liam O'Connor's first-weeks checklist is still open after 45 days: read the
        philosophy, an onboarding session" """
        left = ", ".join(_SHORT[i.key] for i in self.open_items)
        days = self.days_since_start(today)
        return f"{self.name}'s first-weeks checklist is still open after {days} days: {left}"


_SHORT = {
    PHILOSOPHY_READ: "read the philosophy",
    STANDARDS_SIGNED: "sign the standards",
    ONBOARDING: "an onboarding session",
}


def is_new_starter(start_date: str | None, active: bool, today: dt.date) -> bool:
    if not active or not start_date:
        return False
    return start_date >= (today - dt.timedelta(days=STARTER_DAYS)).isoformat()


def _onboarding(wb: Workbook, member_id: int, today: dt.date) -> tuple[str | None, str]:
    from cscoach.model.dates import long_date

    row = wb.conn.execute(
        """SELECT t.held_on, t.topic FROM training_attendance a
           JOIN training_sessions t ON t.id = a.session_id
           WHERE a.member_id = ? AND t.kind = 'onboarding' AND t.held_on <= ?
           ORDER BY t.held_on, t.id LIMIT 1""",
        (member_id, today.isoformat()),
    ).fetchone()
    if row is None:
        return None, ""
    return row[0], f"{row[1]}, {long_date(row[0])}"


def _build(wb: Workbook, r: tuple[Any, ...], today: dt.date) -> Checklist:
    member_id, name, start, read_on, signed_on = r
    onboarded, detail = _onboarding(wb, int(member_id), today)
    return Checklist(
        int(member_id),
        str(name),
        str(start),
        (
            ChecklistItem(PHILOSOPHY_READ, ITEM_LABELS[PHILOSOPHY_READ], read_on),
            ChecklistItem(STANDARDS_SIGNED, ITEM_LABELS[STANDARDS_SIGNED], signed_on),
            ChecklistItem(ONBOARDING, ITEM_LABELS[ONBOARDING], onboarded, detail),
        ),
    )


_SELECT = """
    SELECT m.id, m.name, m.start_date, c.philosophy_read_on, c.standards_signed_on
    FROM team_members m LEFT JOIN starter_checklists c ON c.member_id = m.id
"""


def checklist(
    wb: Workbook, member_id: int, *, today: dt.date, always: bool = False
) -> Checklist | None:
    """The first-weeks checklist of a new starter; None for anyone else (with ``always``,
    anyone with a start date: the one-to-one sheet)."""
    row = wb.conn.execute(_SELECT + " WHERE m.id = ?", (member_id,)).fetchone()
    if row is None:
        raise ValidationError("id", "That team member no longer exists.")
    start = row[2]
    active = bool(
        wb.conn.execute("SELECT active FROM team_members WHERE id = ?", (member_id,)).fetchone()[0]
    )
    if not start or not (always or is_new_starter(start, active, today)):
        return None
    return _build(wb, tuple(row), today)


def open_checklists(wb: Workbook, *, today: dt.date) -> list[Checklist]:
    """The new starters whose checklist is not done, who started first first."""
    since = (today - dt.timedelta(days=STARTER_DAYS)).isoformat()
    rows = wb.conn.execute(
        _SELECT + " WHERE m.active = 1 AND m.start_date >= ? ORDER BY m.start_date, m.id",
        (since,),
    ).fetchall()
    found = [_build(wb, tuple(r), today) for r in rows]
    return [c for c in found if not c.done]


def set_item(
    wb: Workbook, member_id: int, item: str, done_on: str | dt.date | None, *, today: dt.date
) -> None:
    """Tick ``item`` (``PHILOSOPHY_READ`` or ``STANDARDS_SIGNED``) done on ``done_on``
    (today when given as ``today``), or untick it with None. One step of Undo.

    Raises:
        ValidationError: (field ``item``) the onboarding item, which ticks itself; (field
            ``done_on``) a malformed date or one in the future.
    """
    from cscoach.model import team

    member = team.get_member(wb, member_id)
    if item not in _COLUMNS:
        if item == ONBOARDING:
            raise ValidationError(
                "item",
                "The onboarding item ticks itself: tick them as attending an onboarding "
                "session on the Training page.",
            )
        raise ValidationError("item", f"There is no checklist item “{item}”.")
    day = validate.iso_date(done_on, "done_on", "The day")
    if day is not None and day > today.isoformat():
        raise ValidationError("done_on", f"{day} is in the future.")
    label = ITEM_LABELS[item].lower()
    verb = "Tick" if day else "Untick"
    with wb.transaction(f"{verb} “{label}” for {member.name}"):
        wb.conn.execute(
            "INSERT INTO starter_checklists (member_id) VALUES (?) ON CONFLICT DO NOTHING",
            (member_id,),
        )
        wb.conn.execute(
            f"UPDATE starter_checklists SET {_COLUMNS[item]} = ? WHERE member_id = ?",
            (day, member_id),
        )
