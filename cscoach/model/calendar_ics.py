"""The owner's calendar: every date not to miss, as an iCalendar file (RFC 5545) that Google
Calendar, Outlook and Apple Calendar import.

- the monthly review, repeating every month on the day the owner chose (``review_day``);
- each active standard's next review;
- the philosophy's next review;
- each action's due date (done ones say so, dropped ones are cancelled);
- the next questionnaire round: a round dated ahead, else about six months after the last;
- each training session, and each person's refresher when it comes due (an overdue one is
  shown today, like an overdue standard).

Everything is an all-day event (nothing here has a time of day). Each event's UID is made
of what it is, its record's id and the workbook's own random id (the ``workbook_uid``
setting, made with the schema), so importing a newer file updates the events instead of
adding them twice; SEQUENCE grows with the time of the export, so a calendar that checks it
takes the newer one. The ``icalendar`` library writes the file: CRLF line ends, long lines
folded at 75 octets, text escaped.

No Qt: File › Export Calendar… and ``cscoach calendar`` both call ``export_calendar``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from cscoach.model import actions as ac
from cscoach.model import files, settings, validate
from cscoach.model.dates import add_months, long_date
from cscoach.model.workbook import Workbook

if TYPE_CHECKING:
    from icalendar import Calendar

REVIEW_DAY = "monthly_review_day"  # the settings key
DEFAULT_REVIEW_DAY = 5  # early in the month: last month's figures are in by then
ROUND_EVERY_MONTHS = 6  # the next round is suggested this long after the last one
PRODUCT_ID = "-//CS Coach//Owner's calendar//EN"
_SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def review_day(wb: Workbook) -> int:
    """The day of the month (1–28) the monthly review repeats on."""
    raw = settings.get(wb, REVIEW_DAY, str(DEFAULT_REVIEW_DAY))
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 28 else DEFAULT_REVIEW_DAY


def set_review_day(wb: Workbook, day: int | str) -> None:
    """Choose the day of the month for the monthly review (1–28: every month has it)."""
    value = validate.whole(day, "review_day", "The review day", minimum=1, maximum=28)
    with wb.transaction("Change the monthly review day") as db:
        db.table("settings").upsert({"key": REVIEW_DAY, "value": str(value)}, pk="key")


def workbook_uid(wb: Workbook) -> str:
    """The workbook's own random id (made with schema 3); the file's path when missing."""
    return settings.get(wb, "workbook_uid") or str(abs(hash(str(wb.path.resolve()))))


def calendar_bytes(wb: Workbook, *, today: dt.date, now: dt.datetime | None = None) -> bytes:
    """The .ics file's bytes. ``now`` (UTC) stamps the events; midnight of ``today`` when
    not given (the tests: the same workbook gives the same bytes)."""
    from icalendar import Calendar

    now = now or dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    sequence = max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60))
    business = settings.business_name(wb) or wb.name
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{business} — CS Coach")
    maker = _Maker(cal, workbook_uid(wb), stamp, sequence)
    _monthly_review(wb, maker, today)
    _standards(wb, maker, today)
    _philosophy(wb, maker, today)
    _actions(wb, maker)
    _next_round(wb, maker, today)
    _training(wb, maker, today)
    data: bytes = cal.to_ical()
    return data


def export_calendar(
    wb: Workbook, path: Path, *, today: dt.date, now: dt.datetime | None = None
) -> None:
    """Write the calendar to ``path`` whole or not at all, never over a workbook."""
    files.refuse_workbook(Path(path), wb.path)
    files.write_file(Path(path), calendar_bytes(wb, today=today, now=now), workbook=wb.path)


class _Maker:
    """Adds all-day events to the calendar, each with its UID, stamp and sequence."""

    def __init__(self, cal: Calendar, uid: str, stamp: dt.datetime, sequence: int) -> None:
        from icalendar import Event

        self._event = Event
        self.cal = cal
        self.uid = uid
        self.stamp = stamp
        self.sequence = sequence

    def add(
        self,
        what: str,
        day: dt.date,
        summary: str,
        description: str = "",
        *,
        rrule: dict[str, object] | None = None,
        status: str | None = None,
    ) -> None:
        event = self._event()
        event.add("uid", f"{what}@{self.uid}.cscoach")
        event.add("dtstamp", self.stamp)
        event.add("sequence", self.sequence)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        if description:
            event.add("description", description)
        if rrule:
            event.add("rrule", rrule)
        if status:
            event.add("status", status)
        event.add("transp", "TRANSPARENT")  # a reminder, not time the owner is busy
        self.cal.add_component(event)


def _monthly_review(wb: Workbook, maker: _Maker, today: dt.date) -> None:
    day = review_day(wb)
    first = today.replace(day=day)
    maker.add(
        "monthly-review",
        first,
        "Monthly review: figures and actions",
        "Look at last month's figures with the team, tick off the actions that were due, ask "
        "whether last month's changes helped, and agree what comes next. In CS Coach: KPIs › "
        "Monthly Review.",
        rrule={"freq": "monthly", "bymonthday": day},
    )


def _standards(wb: Workbook, maker: _Maker, today: dt.date) -> None:
    # Due dates as ``standards.Standard.next_review`` works them out, read in one query.
    rows = wb.conn.execute(
        """SELECT s.id, s.title, s.review_months,
                  coalesce((SELECT max(r.reviewed_on) FROM standard_reviews r
                            WHERE r.standard_id = s.id), s.created_on)
           FROM standards s WHERE s.active = 1 ORDER BY s.id"""
    )
    for standard_id, title, months, since in rows:
        due = add_months(dt.date.fromisoformat(since), months)
        note = f"Is “{title}” still how we work? Talk it over with the team and mark it reviewed."
        if due < today:  # overdue: shown today, so it is not missed
            note += f" It was due on {long_date(due)}."
        maker.add(
            f"standard-{standard_id}",
            max(due, today),
            f"Review the standard “{title}”",
            note + " In CS Coach: Standards.",
        )


def _philosophy(wb: Workbook, maker: _Maker, today: dt.date) -> None:
    from cscoach.model import philosophy

    status = philosophy.review_status(wb, today)
    if status.due_on is None:
        return
    due = dt.date.fromisoformat(status.due_on)
    maker.add(
        "philosophy-review",
        max(due, today),
        "Review the customer-service philosophy",
        "Read the philosophy again with the team: does it still say who we are? In CS Coach: "
        "Philosophy.",
    )


def _actions(wb: Workbook, maker: _Maker) -> None:
    rows = wb.conn.execute(
        """SELECT a.id, a.title, a.status, a.due_on, a.owner_id, m.name FROM actions a
           LEFT JOIN team_members m ON m.id = a.owner_id
           WHERE a.due_on IS NOT NULL ORDER BY a.id"""
    )
    for action_id, title, status, due_on, owner_id, name in rows:
        who = "you" if owner_id is None else name
        if status == ac.DONE:
            summary, note, state = f"Done: {title}", "This action is done.", None
        elif status == ac.DROPPED:
            summary, note, state = f"Dropped: {title}", "This action was dropped.", "CANCELLED"
        else:
            summary, note, state = f"Due: {title}", f"To be done by {who}.", None
        maker.add(
            f"action-{action_id}",
            dt.date.fromisoformat(due_on),
            summary,
            note + " In CS Coach: Actions.",
            status=state,
        )


def _next_round(wb: Workbook, maker: _Maker, today: dt.date) -> None:
    ahead = wb.conn.execute(
        "SELECT id, name, held_on FROM rounds WHERE held_on >= ? ORDER BY held_on, id LIMIT 1",
        (today.isoformat(),),
    ).fetchone()
    if ahead:
        maker.add(
            f"round-{ahead[0]}",
            dt.date.fromisoformat(ahead[2]),
            f"Questionnaire round: {ahead[1]}",
            "Ask the team the questionnaire. In CS Coach: Questionnaire.",
        )
        return
    last = wb.conn.execute("SELECT max(held_on) FROM rounds").fetchone()[0]
    if last is None:
        return
    due = add_months(dt.date.fromisoformat(last), ROUND_EVERY_MONTHS)
    maker.add(
        "next-round",
        max(due, today),
        "Time for a questionnaire round",
        f"The last round was held on {long_date(last)}. Asking the team again about every "
        "six months shows what has changed. In CS Coach: Questionnaire.",
    )


def _training(wb: Workbook, maker: _Maker, today: dt.date) -> None:
    import hashlib

    from cscoach.model import training, training_record
    from cscoach.model.workbook import name_key

    for session in reversed(training.list_sessions(wb)):
        by = "you" if session.trainer == training.BY_OWNER else session.trainer_label
        parts = [f"{session.kind_label}, run by {by}."]
        if session.attendees:
            parts.append("With " + ", ".join(session.attendees) + ".")
        if session.standards:
            parts.append("Standards: " + "; ".join(session.standards) + ".")
        maker.add(
            f"training-{session.id}",
            dt.date.fromisoformat(session.held_on),
            f"Training: {session.topic}",
            " ".join(parts) + " In CS Coach: Training.",
        )
    for due in training_record.refreshers(wb, today=today, all_due=True):
        topic = hashlib.sha1(name_key(due.topic).encode(), usedforsecurity=False).hexdigest()[:12]
        note = (
            f"{due.member_name} last took “{due.topic}” on {long_date(due.last_held_on)}; it "
            "must be taken again."
        )
        if due.overdue(today):  # overdue: shown today, so it is not missed
            note += f" It was due on {long_date(due.due_on)}."
        if due.planned_on:
            note += f" A session is planned on {long_date(due.planned_on)}."
        maker.add(
            f"refresher-{due.member_id}-{topic}",
            max(dt.date.fromisoformat(due.due_on), today),
            f"Refresher due: {due.topic} ({due.member_name})",
            note + " In CS Coach: Training.",
        )
