"""What the training sessions add up to: each person's record, the refreshers coming due,
the standards nobody on the team has been trained on, and what the Overview and the
monthly review say of training. See ``cscoach.model.training`` for the whole API.

Someone is trained on a standard once they attended a session, held by ``today``, that
covered it. A refresher is due ``refresh_months`` after the latest session of the same
topic (ignoring case and spaces) that a person attended; only people on the team count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscoach.model import training as tr
from cscoach.model.dates import add_months, long_date
from cscoach.model.months import add_months as add_month_steps
from cscoach.model.workbook import Workbook, name_key

if TYPE_CHECKING:
    from cscoach.model.starter_checklist import Checklist
    from cscoach.model.stories import Story

DUE_SOON_DAYS = 30  # a refresher due within this many days is flagged as coming due


@dataclass(frozen=True)
class Refresher:
    """One person's refresher of one topic."""

    member_id: int
    member_name: str
    topic: str
    session_id: int  # the latest session of the topic they attended
    last_held_on: str
    due_on: str
    planned_on: str | None  # a session of the topic ahead with them ticked

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today.isoformat()

    def due_soon(self, today: dt.date) -> bool:
        """Due within ``DUE_SOON_DAYS`` (not yet overdue)."""
        soon = (today + dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
        return not self.overdue(today) and self.due_on <= soon

    def days_overdue(self, today: dt.date) -> int:
        return max(0, (today - dt.date.fromisoformat(self.due_on)).days)

    def sentence(self, today: dt.date) -> str:
        """ "Food hygiene for Kwame Mensah: overdue since 3 March 2026" """
        head = f"{self.topic} for {self.member_name}"
        if self.overdue(today):
            text = f"{head}: overdue since {long_date(self.due_on)}"
        else:
            text = f"{head}: due {long_date(self.due_on)}"
        if self.planned_on:
            text += f" (planned on {long_date(self.planned_on)})"
        return text


@dataclass(frozen=True)
class StandardTraining:
    """A standard someone owns, and whether they have been trained on it."""

    id: int
    title: str
    trained_on: str | None  # the latest session covering it they attended; None: never
    next_review: str  # the standard's next review date
    review_overdue: bool

    @property
    def trained(self) -> bool:
        return self.trained_on is not None


@dataclass(frozen=True)
class MemberRecord:
    member_id: int
    name: str
    role: str
    start_date: str | None
    active: bool
    sessions: tuple[tr.TrainingSession, ...]  # attended, newest first
    planned: tuple[tr.TrainingSession, ...]  # ahead, with them ticked, soonest first
    owned: tuple[StandardTraining, ...]  # the active standards they own
    refreshers: tuple[Refresher, ...]  # every topic they must refresh, soonest due first

    @property
    def missing(self) -> tuple[StandardTraining, ...]:
        """The standards they own without having been trained on them."""
        return tuple(s for s in self.owned if not s.trained)


@dataclass(frozen=True)
class UntrainedStandard:
    id: int
    title: str
    owner_id: int | None
    owner: str | None


@dataclass(frozen=True)
class OwnerGap:
    """A standard's owner who has not been trained on it."""

    member_id: int
    member_name: str
    standard_id: int
    title: str


def _attended(wb: Workbook, today: dt.date, member_id: int | None = None) -> list[tuple[Any, ...]]:
    """(member id, name, session id, held_on, topic, refresh_months) of every session held
    by ``today`` that a member on the team attended, newest first."""
    where = " AND m.id = ?" if member_id is not None else " AND m.active = 1"
    params: list[object] = [today.isoformat()]
    if member_id is not None:
        params.append(member_id)
    return wb.conn.execute(
        f"""SELECT m.id, m.name, t.id, t.held_on, t.topic, t.refresh_months
            FROM training_attendance a
            JOIN training_sessions t ON t.id = a.session_id AND t.held_on <= ?
            JOIN team_members m ON m.id = a.member_id{where}
            ORDER BY t.held_on DESC, t.id DESC""",
        params,
    ).fetchall()


def _planned(wb: Workbook, today: dt.date) -> dict[tuple[int, str], str]:
    """The soonest session ahead of each (member, topic) they are ticked for."""
    rows = wb.conn.execute(
        """SELECT a.member_id, t.topic, min(t.held_on) FROM training_attendance a
           JOIN training_sessions t ON t.id = a.session_id AND t.held_on > ?
           GROUP BY a.member_id, t.topic""",
        (today.isoformat(),),
    )
    planned: dict[tuple[int, str], str] = {}
    for member_id, topic, day in rows:
        key = (int(member_id), name_key(topic))
        planned[key] = min(planned.get(key, day), day)
    return planned


def _refreshers(wb: Workbook, today: dt.date, member_id: int | None = None) -> list[Refresher]:
    """Each (member, topic) whose latest attended session asks for a refresher."""
    seen: set[tuple[int, str]] = set()
    planned = _planned(wb, today)
    found = []
    for who, name, session_id, held_on, topic, months in _attended(wb, today, member_id):
        key = (int(who), name_key(topic))
        if key in seen:
            continue
        seen.add(key)
        if months is None:
            continue
        due = add_months(dt.date.fromisoformat(held_on), int(months)).isoformat()
        found.append(
            Refresher(int(who), name, topic, int(session_id), held_on, due, planned.get(key))
        )
    found.sort(key=lambda r: (r.due_on, r.member_name.casefold(), r.topic.casefold()))
    return found


def refreshers(wb: Workbook, *, today: dt.date, all_due: bool = False) -> list[Refresher]:
    """Refreshers overdue or due within ``DUE_SOON_DAYS`` (every one with ``all_due``) for
    the people on the team, soonest due first."""
    found = _refreshers(wb, today)
    if all_due:
        return found
    return [r for r in found if r.overdue(today) or r.due_soon(today)]


def _trained_standards(wb: Workbook, today: dt.date, member_id: int) -> dict[int, str]:
    """{standard id: latest day trained on it} for one member."""
    rows = wb.conn.execute(
        """SELECT ts.standard_id, max(t.held_on) FROM training_attendance a
           JOIN training_sessions t ON t.id = a.session_id AND t.held_on <= ?
           JOIN training_standards ts ON ts.session_id = t.id
           WHERE a.member_id = ? GROUP BY ts.standard_id""",
        (today.isoformat(), member_id),
    )
    return {int(r[0]): r[1] for r in rows}


def member_record(wb: Workbook, member_id: int, *, today: dt.date) -> MemberRecord:
    """Someone's training record (also for someone who left the team)."""
    from cscoach.model import standards as st
    from cscoach.model import team

    member = team.get_member(wb, member_id)
    sessions = tr.sessions_for_member(wb, member_id)
    trained = _trained_standards(wb, today, member_id)
    owned = tuple(
        StandardTraining(
            s.id,
            s.title,
            trained.get(s.id),
            s.next_review().isoformat(),
            s.overdue(today),
        )
        for s in st.list_standards(wb, status="active")
        if s.owner_id == member_id
    )
    return MemberRecord(
        member.id,
        member.name,
        member.role,
        member.start_date,
        member.active,
        tuple(s for s in sessions if s.held(today)),
        tuple(reversed([s for s in sessions if not s.held(today)])),
        owned,
        tuple(_refreshers(wb, today, member_id)),
    )


_TRAINED_BY_ACTIVE = """
    EXISTS (SELECT 1 FROM training_standards ts
            JOIN training_sessions t ON t.id = ts.session_id AND t.held_on <= :today
            JOIN training_attendance a ON a.session_id = t.id
            JOIN team_members m ON m.id = a.member_id AND m.active = 1
            WHERE ts.standard_id = s.id)
"""


def untrained_standards(wb: Workbook, *, today: dt.date) -> list[UntrainedStandard]:
    """Active standards no one on the team has been trained on, in the standards' order."""
    rows = wb.conn.execute(
        f"""SELECT s.id, s.title, s.owner_id, m.name FROM standards s
            JOIN standard_categories c ON c.id = s.category_id
            LEFT JOIN team_members m ON m.id = s.owner_id
            WHERE s.active = 1 AND NOT {_TRAINED_BY_ACTIVE}
            ORDER BY c.position, s.position, s.id""",
        {"today": today.isoformat()},
    )
    return [UntrainedStandard(int(r[0]), r[1], r[2], r[3]) for r in rows]


def untrained_standard_ids(wb: Workbook, *, today: dt.date) -> set[int]:
    """The ids of ``untrained_standards`` (a list's flag, without reading titles)."""
    rows = wb.conn.execute(
        f"SELECT s.id FROM standards s WHERE s.active = 1 AND NOT {_TRAINED_BY_ACTIVE}",
        {"today": today.isoformat()},
    )
    return {int(r[0]) for r in rows}


def owner_gaps(wb: Workbook, *, today: dt.date) -> list[OwnerGap]:
    """Each active standard whose owner (on the team) has not been trained on it."""
    rows = wb.conn.execute(
        """SELECT m.id, m.name, s.id, s.title FROM standards s
           JOIN team_members m ON m.id = s.owner_id AND m.active = 1
           JOIN standard_categories c ON c.id = s.category_id
           WHERE s.active = 1 AND NOT EXISTS (
               SELECT 1 FROM training_standards ts
               JOIN training_sessions t ON t.id = ts.session_id AND t.held_on <= ?
               JOIN training_attendance a ON a.session_id = t.id AND a.member_id = m.id
               WHERE ts.standard_id = s.id)
           ORDER BY m.name COLLATE NOCASE, c.position, s.position""",
        (today.isoformat(),),
    )
    return [OwnerGap(int(r[0]), r[1], int(r[2]), r[3]) for r in rows]


# -- the Overview and the monthly review ---------------------------------------------------


@dataclass(frozen=True)
class TrainingGlance:
    """What the Overview shows of training and stories."""

    sessions: int  # every session held
    last_held_on: str | None
    last_topic: str
    overdue: tuple[Refresher, ...]
    due_soon: tuple[Refresher, ...]
    untrained: int  # active standards no one on the team has been trained on
    gaps: tuple[OwnerGap, ...]
    checklists_open: tuple[Checklist, ...]  # open more than 30 days after the start
    stories_this_month: int
    featured_this_month: tuple[str, ...]  # who the featured stories are about


def glance(wb: Workbook, *, today: dt.date) -> TrainingGlance:
    from cscoach.model import starter_checklist, stories

    row = wb.conn.execute(
        """SELECT count(*), max(held_on) FROM training_sessions WHERE held_on <= ?""",
        (today.isoformat(),),
    ).fetchone()
    last_topic = ""
    if row[1]:
        last_topic = wb.conn.execute(
            "SELECT topic FROM training_sessions WHERE held_on = ? ORDER BY id DESC LIMIT 1",
            (row[1],),
        ).fetchone()[0]
    due = refreshers(wb, today=today)
    month = today.strftime("%Y-%m")
    featured = stories.featured_stories(wb, month)
    return TrainingGlance(
        int(row[0]),
        row[1],
        last_topic,
        tuple(r for r in due if r.overdue(today)),
        tuple(r for r in due if not r.overdue(today)),
        len(untrained_standard_ids(wb, today=today)),
        tuple(owner_gaps(wb, today=today)),
        tuple(c for c in starter_checklist.open_checklists(wb, today=today) if c.overdue(today)),
        stories.count_in_month(wb, month),
        tuple(s.members_label for s in featured),
    )


@dataclass(frozen=True)
class ReviewTraining:
    """What the monthly review of ``month`` says of training and stories."""

    month: str
    sessions: tuple[tr.TrainingSession, ...]  # held in the month
    refreshers: tuple[Refresher, ...]  # overdue, or due by the end of the month after
    gaps: tuple[OwnerGap, ...]
    checklists_open: tuple[Checklist, ...]  # open more than 30 days after the start
    stories: tuple[Story, ...]  # that happened in the month
    featured: tuple[Story, ...]  # featured in the month


def review_training(wb: Workbook, month: str, *, today: dt.date) -> ReviewTraining:
    from cscoach.model import starter_checklist, stories

    first, last = f"{month}-01", f"{month}-31"
    sessions = tr.select(wb, " WHERE t.held_on BETWEEN ? AND ?", (first, last))
    horizon = add_month_steps(month, 2) + "-01"
    due = [r for r in refreshers(wb, today=today, all_due=True) if r.due_on < horizon]
    return ReviewTraining(
        month,
        tuple(reversed(sessions)),
        tuple(due),
        tuple(owner_gaps(wb, today=today)),
        tuple(c for c in starter_checklist.open_checklists(wb, today=today) if c.overdue(today)),
        tuple(stories.stories_in_month(wb, month)),
        tuple(stories.featured_stories(wb, month)),
    )
