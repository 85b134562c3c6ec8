"""The one-to-one sheet: what the owner's conversation with one person covers — their role
and start date, the standards they own and their review state, the praise and complaints
that name them, their success stories, the training they attended and what is missing for
the standards they own, and the questionnaire rounds they took part in.

Privacy: a round counts only when they answered it under their name. An anonymous round
stores no names, so it can never be tied to anyone; and no answer, named or not, is read
here at all: the sheet says which rounds they took part in, never what they said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model import feedback, stories, team
from cscoach.model import starter_checklist as sc
from cscoach.model import training_record as rec
from cscoach.model.dates import add_months
from cscoach.model.feedback import FeedbackFilter, FeedbackItem
from cscoach.model.workbook import Workbook

FEEDBACK_MONTHS = 12  # praise and complaints of the last year
STORY_MONTHS = 24


@dataclass(frozen=True)
class RoundTaken:
    name: str
    held_on: str


@dataclass(frozen=True)
class OneToOne:
    member: team.TeamMember
    record: rec.MemberRecord  # sessions, standards owned (trained or not), refreshers
    praise: tuple[FeedbackItem, ...]  # newest first, of the last FEEDBACK_MONTHS
    complaints: tuple[FeedbackItem, ...]
    stories: tuple[stories.Story, ...]  # newest first, of the last STORY_MONTHS
    rounds: tuple[RoundTaken, ...]  # answered under their name, newest first
    checklist: sc.Checklist | None  # a new starter's first weeks
    since: str  # the first day the feedback covers (YYYY-MM-DD)


def rounds_taken(wb: Workbook, member_id: int) -> list[RoundTaken]:
    """The rounds someone answered under their name (never an anonymous one)."""
    rows = wb.conn.execute(
        """SELECT r.name, r.held_on FROM responses s JOIN rounds r ON r.id = s.round_id
           WHERE s.member_id = ? AND r.anonymous = 0
           ORDER BY r.held_on DESC, r.id DESC""",
        (member_id,),
    )
    return [RoundTaken(r[0], r[1]) for r in rows]


def one_to_one(wb: Workbook, member_id: int, *, today: dt.date) -> OneToOne:
    """Everything the one-to-one sheet of ``member_id`` shows.

    Raises:
        ValidationError: (``id``) the member no longer exists.
    """
    member = team.get_member(wb, member_id)
    since = add_months(today, -FEEDBACK_MONTHS).isoformat()
    story_since = add_months(today, -STORY_MONTHS).isoformat()

    def named(kind: str) -> tuple[FeedbackItem, ...]:
        filt = FeedbackFilter(kind=kind, member_id=member_id, start=since)
        return tuple(feedback.list_items(wb, filt))

    return OneToOne(
        member,
        rec.member_record(wb, member_id, today=today),
        named(feedback.COMPLIMENT),
        named(feedback.COMPLAINT),
        tuple(
            s for s in stories.list_stories(wb, member_id=member_id) if s.happened_on >= story_since
        ),
        tuple(rounds_taken(wb, member_id)),
        sc.checklist(wb, member_id, today=today),
        since,
    )
