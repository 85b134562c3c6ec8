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
takes the newer one.

The file is written here, line by line: CRLF line ends, text escaped (RFC 5545 §3.3.11) and
long lines folded at 75 octets without splitting a UTF-8 character (§3.1). The ``icalendar``
library wrote it until the large workbook's 2,600 events took half a second, most of it in
icalendar's folding, one character at a time; the few rules it applied are below, and the
tests read the file back with icalendar and with a plain reader of their own.

No Qt: File › Export Calendar… and ``cscoach calendar`` both call ``export_calendar``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cscoach.model import actions as ac
from cscoach.model import files, settings, validate
from cscoach.model.dates import add_months, long_date
from cscoach.model.workbook import Workbook

REVIEW_DAY = "monthly_review_day"  # the settings key
DEFAULT_REVIEW_DAY = 5  # early in the month: last month's figures are in by then
ROUND_EVERY_MONTHS = 6  # the next round is suggested this long after the last one
PRODUCT_ID = "-//CS Coach//Owner's calendar//EN"
_SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
LINE_OCTETS = 75  # the longest line RFC 5545 allows, CRLF not counted


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
    now = now or dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    sequence = max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60))
    business = settings.business_name(wb) or wb.name
    maker = _Maker(workbook_uid(wb), stamp, sequence)
    maker.lines += [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + escape_text(PRODUCT_ID),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(f"{business} — CS Coach"),
    ]
    _monthly_review(wb, maker, today)
    _standards(wb, maker, today)
    _philosophy(wb, maker, today)
    _actions(wb, maker)
    _next_round(wb, maker, today)
    _training(wb, maker, today)
    maker.lines.append("END:VCALENDAR")
    return b"".join(fold_line(line) + b"\r\n" for line in maker.lines)


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 §3.3.11 writes it: backslash, semicolon and comma escaped,
    every line break (CRLF, LF or a lone CR) written as ``\\n``."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> bytes:
    """One content line as UTF-8, folded as RFC 5545 §3.1 says: no physical line longer than
    75 octets (the CRLF not counted), each continuation starting with a space, never inside
    a UTF-8 character. Like icalendar, a piece holds at most 74 octets besides its leading
    space, and a backslash (or RFC 6868's caret) that would end a piece starts the next one,
    so no escape is cut in two for readers that unfold carelessly."""
    data = line.encode("utf-8")
    width = LINE_OCTETS - 1
    if len(data) <= width:
        return data
    pieces: list[bytes] = []
    start = 0
    while len(data) - start > width:
        end = start + width
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def export_calendar(
    wb: Workbook, path: Path, *, today: dt.date, now: dt.datetime | None = None
) -> None:
    """Write the calendar to ``path`` whole or not at all, never over a workbook."""
    files.refuse_workbook(Path(path), wb.path)
    files.write_file(Path(path), calendar_bytes(wb, today=today, now=now), workbook=wb.path)


class _Maker:
    """Writes all-day events as content lines, each with its UID, stamp and sequence."""

    def __init__(self, uid: str, stamp: dt.datetime, sequence: int) -> None:
        self.lines: list[str] = []
        self.uid = uid
        # The same for every event: written once.
        self.stamp = stamp.strftime("%Y%m%dT%H%M%SZ")
        self.sequence = str(sequence)

    def add(
        self,
        what: str,
        day: dt.date,
        summary: str,
        description: str = "",
        *,
        rrule: str | None = None,
        status: str | None = None,
    ) -> None:
        """One event on ``day``; ``rrule`` is a recurrence rule as written in the file
        (``FREQ=MONTHLY;BYMONTHDAY=5``), ``status`` an RFC 5545 status (``CANCELLED``)."""
        lines = self.lines
        # The order icalendar wrote them in, so files made before and after read the same.
        lines += [
            "BEGIN:VEVENT",
            "SUMMARY:" + escape_text(summary),
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            "DTSTAMP:" + self.stamp,
            "UID:" + escape_text(f"{what}@{self.uid}.cscoach"),
            "SEQUENCE:" + self.sequence,
        ]
        if rrule:
            lines.append("RRULE:" + rrule)
        if description:
            lines.append("DESCRIPTION:" + escape_text(description))
        if status:
            lines.append("STATUS:" + status)
        # A reminder, not time the owner is busy.
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]


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
        rrule=f"FREQ=MONTHLY;BYMONTHDAY={day}",
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
