"""A training session described by names, as the command line gives it (``cscoach training
add``): the trainer, the attendees and the standards are found by name, and a name the
workbook does not have is refused with the closest ones. See ``cscoach.model.training``."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence

from cscoach.model import training as tr
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, name_key


def find_standard(wb: Workbook, title: str) -> int:
    """The id of the standard called ``title`` (ignoring case and extra spaces).

    Raises:
        ValidationError: (``standard_ids``) no such standard; the closest titles are named.
    """
    wanted = " ".join((title or "").split())
    rows = [(int(r[0]), r[1]) for r in wb.conn.execute("SELECT id, title FROM standards")]
    matches = [r for r in rows if name_key(r[1]) == name_key(wanted)]
    if matches:
        return matches[0][0]
    by_folded = {r[1].casefold(): r[1] for r in rows}
    close = difflib.get_close_matches(wanted.casefold(), list(by_folded), n=3, cutoff=0.5)
    close += [f for f in by_folded if wanted and wanted.casefold() in f and f not in close]
    hint = ""
    if close:
        hint = " Did you mean " + ", ".join(f"“{by_folded[f]}”" for f in close[:3]) + "?"
    raise ValidationError("standard_ids", f"There is no standard called “{wanted}”.{hint}")


def session_from_names(
    wb: Workbook,
    *,
    held_on: str | None,
    topic: str | None,
    kind: str | None = None,
    trainer: str | None = None,
    outside_trainer: str | None = None,
    attendees: Sequence[str] = (),
    standards: Sequence[str] = (),
    refresh_months: str | None = None,
    notes: str | None = None,
) -> tr.SessionInput:
    """The session as ``SessionInput``, every name found.

    Raises:
        ValidationError: a trainer or an attendee who is not in the team, a standard the
            workbook does not have (each naming the closest), or both kinds of trainer.
    """
    if trainer and outside_trainer:
        raise ValidationError(
            "trainer_name",
            "Give either a team member who ran it or someone from outside, not both.",
        )
    trainer_id = tr.find_member(wb, trainer, "trainer_id")[0] if trainer else None
    people = tuple(tr.find_member(wb, name, "attendee_ids")[0] for name in attendees)
    covered = tuple(find_standard(wb, title) for title in standards)
    return tr.SessionInput(
        held_on,
        topic or "",
        kind or tr.SOFT_SKILLS,
        trainer_id,
        outside_trainer or "",
        notes or "",
        refresh_months,
        covered,
        people,
    )


def add_from_names(
    wb: Workbook, data: tr.SessionInput, *, today: dt.date, check_only: bool = False
) -> int | None:
    """Check ``data`` as ``add_session`` would; add it unless ``check_only``."""
    if check_only:
        tr.clean_input(wb, data, today)
        return None
    return tr.add_session(wb, data, today=today)
