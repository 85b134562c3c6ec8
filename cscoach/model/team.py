"""Team members: who answers the questionnaire and who owns a standard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.dates import add_months
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, inserted_id


@dataclass(frozen=True)
class TeamMember:
    id: int
    name: str
    role: str
    start_date: str | None  # YYYY-MM-DD
    active: bool
    left_on: str | None = None  # YYYY-MM-DD, the day they left; None: on the team, or unknown

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> TeamMember:
        return cls(
            row["id"],
            row["name"],
            row["role"],
            row["start_date"],
            bool(row["active"]),
            row["left_on"],
        )


# Who was on the team on the day ``:day`` (SQL over ``team_members``): started by then (or
# start unknown), and still here or left that day or later. Someone inactive whose leaving
# day is unknown is not counted.
ON_TEAM_ON = "(start_date IS NULL OR start_date <= :day) AND (active = 1 OR left_on >= :day)"


@dataclass(frozen=True)
class MemberReferences:
    """What in the workbook points at one team member."""

    responses: int  # questionnaire responses (each with its answers)
    rounds: int
    standards_owned: int
    reviews_recorded: int
    actions_owned: int = 0  # actions they carry out; deleted, these pass to the owner
    sessions_attended: int = 0  # training sessions; deleted, they leave the attendance
    sessions_run: int = 0  # training sessions they ran; deleted, their name stays on them
    stories: int = 0  # success stories about them; deleted, they leave the story
    stories_only_them: int = 0  # of which about no one else: these stay with no one named

    @property
    def any(self) -> bool:
        return bool(
            self.responses
            or self.standards_owned
            or self.reviews_recorded
            or self.actions_owned
            or self.sessions_attended
            or self.sessions_run
            or self.stories
        )


def list_members(wb: Workbook, *, active_only: bool = False) -> list[TeamMember]:
    where = "WHERE active = 1" if active_only else ""
    rows = wb.query(
        f"SELECT id, name, role, start_date, active, left_on FROM team_members {where} "
        "ORDER BY active DESC, name COLLATE NOCASE"
    )
    return [TeamMember.from_row(r) for r in rows]


def get_member(wb: Workbook, member_id: int) -> TeamMember:
    row = wb.query_one(
        "SELECT id, name, role, start_date, active, left_on FROM team_members WHERE id = ?",
        (member_id,),
    )
    if row is None:
        raise ValidationError("id", "That team member no longer exists.")
    return TeamMember.from_row(row)


def _clean(
    wb: Workbook,
    name: str,
    role: str,
    start_date: str | dt.date | None,
    member_id: int | None,
    active: bool,
    left_on: str | dt.date | None,
    today: dt.date | None,
) -> dict[str, Any]:
    today = today or dt.date.today()
    clean_name = validate.name(name)
    clean_role = validate.text(role, "role", "Role", max_len=validate.MAX_NAME, single_line=True)
    start = validate.iso_date(start_date, "start_date", "Start date")
    # add_months, not replace(year=…): a year after 29 February is 28 February, not an error
    if start and start > add_months(today, 12).isoformat():
        raise ValidationError("start_date", "Start date is more than a year in the future.")
    left = None if active else validate.iso_date(left_on, "left_on", "Left on")
    if left and left > today.isoformat():
        raise ValidationError("left_on", "Left on is in the future: mark them inactive that day.")
    if left and start and left < start:
        raise ValidationError("left_on", "Left on is before their start date.")
    if wb.name_taken("team_members", "name", clean_name, member_id):
        raise ValidationError("name", f"There is already a team member called “{clean_name}”.")
    return {
        "name": clean_name,
        "role": clean_role,
        "start_date": start,
        "active": int(bool(active)),
        "left_on": left,
    }


def add_member(
    wb: Workbook,
    name: str,
    role: str = "",
    start_date: str | dt.date | None = None,
    active: bool = True,
    left_on: str | dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> int:
    """Add a team member and return their id (``left_on``: the day someone already gone
    left, if known)."""
    row = _clean(wb, name, role, start_date, None, active, left_on, today)
    with wb.transaction() as db:
        table = db.table("team_members")
        table.insert(row)
        return inserted_id(table)


def update_member(
    wb: Workbook,
    member_id: int,
    name: str,
    role: str = "",
    start_date: str | dt.date | None = None,
    active: bool = True,
    left_on: str | dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> None:
    """Change a team member; someone made inactive without a day they left left ``today``."""
    before = get_member(wb, member_id)
    if not active and not left_on and before.active:
        left_on = today or dt.date.today()
    row = _clean(wb, name, role, start_date, member_id, active, left_on, today)
    with wb.transaction() as db:
        db.table("team_members").update(member_id, row)


def set_active(wb: Workbook, member_id: int, active: bool, *, today: dt.date | None = None) -> None:
    """Mark someone back on the team, or gone (leaving ``today``)."""
    before = get_member(wb, member_id)
    left_on = None if active else (before.left_on or (today or dt.date.today()).isoformat())
    with wb.transaction() as db:
        db.table("team_members").update(
            member_id, {"active": int(bool(active)), "left_on": left_on}
        )


def member_references(wb: Workbook, member_id: int) -> MemberReferences:
    row = wb.query_one(
        """
        SELECT
          (SELECT count(*) FROM responses WHERE member_id = :id) AS responses,
          (SELECT count(DISTINCT round_id) FROM responses WHERE member_id = :id) AS rounds,
          (SELECT count(*) FROM standards WHERE owner_id = :id AND active = 1) AS standards,
          (SELECT count(*) FROM standard_reviews WHERE reviewed_by = :id) AS reviews,
          (SELECT count(*) FROM actions WHERE owner_id = :id) AS actions,
          (SELECT count(*) FROM training_attendance WHERE member_id = :id) AS attended,
          (SELECT count(*) FROM training_sessions WHERE trainer_id = :id) AS ran,
          (SELECT count(*) FROM story_members WHERE member_id = :id) AS stories,
          (SELECT count(*) FROM story_members sm WHERE sm.member_id = :id AND NOT EXISTS
              (SELECT 1 FROM story_members o WHERE o.story_id = sm.story_id
               AND o.member_id <> :id)) AS alone
        """,
        {"id": member_id},
    )
    assert row is not None
    return MemberReferences(
        row["responses"],
        row["rounds"],
        row["standards"],
        row["reviews"],
        row["actions"],
        row["attended"],
        row["ran"],
        row["stories"],
        row["alone"],
    )


def delete_member(wb: Workbook, member_id: int) -> None:
    """Delete a team member with their questionnaire answers; standards they owned and
    reviews they recorded stay, without a name; actions they carried out pass to the owner
    of the business; they leave the training sessions they attended and the stories about
    them (a session they ran keeps their name; a story about them alone stays, with no one
    named). Setting them inactive instead keeps their name on everything; Undo brings it
    all back."""
    get_member(wb, member_id)
    with wb.transaction() as db:
        db.table("team_members").delete(member_id)
