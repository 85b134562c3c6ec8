"""The owner's calendar (issue 19): read back with the ``icalendar`` library and with a
plain line reader of our own (CRLF, lines folded at 75 octets, unfolded as RFC 5545 says);
stable UIDs; all-day events; the review day; never written over a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import actions as ac
from cscoach.model import actions_edit as ae
from cscoach.model import calendar_ics, questionnaire, standards, team
from cscoach.model.errors import ValidationError, WorkbookError
from cscoach.model.workbook import Workbook

TODAY = FIXED_TODAY  # 22 November 2026


def plain_events(data: bytes) -> list[dict[str, str]]:
    """A second reader: every line ends in CRLF and is at most 75 octets; a line starting
    with a space or tab continues the one before; each event's properties by name
    (parameters dropped, text unescaped)."""
    assert data.endswith(b"\r\n")
    raw_lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in raw_lines)
    assert all(len(line) <= 75 for line in raw_lines)
    unfolded: list[bytes] = []
    for line in raw_lines:
        if line[:1] in (b" ", b"\t"):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    text = [line.decode("utf-8") for line in unfolded]  # folding never splits a character
    assert text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in text:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            key = name.split(";", 1)[0]
            for escaped, plain in (("\\n", "\n"), ("\\,", ","), ("\\;", ";"), ("\\\\", "\\")):
                value = value.replace(escaped, plain)
            current[key] = value if ";VALUE=DATE" not in name else "date:" + value
    return events


@pytest.fixture
def planned(workbook: Workbook) -> Workbook:
    """A workbook with a team member, a standard, a round and actions in every state."""
    ana = team.add_member(workbook, "Ana")
    category = standards.list_categories(workbook)[0]
    with workbook.transaction():  # the starter standards: SQLite's clock dated them
        workbook.conn.execute("DELETE FROM standards")
    standards.add_standard(
        workbook,
        standards.StandardInput("Greet every customer within 30 seconds", category.id),
        last_reviewed="2026-06-01",
    )
    questionnaire.create_round(workbook, "Spring 2026", "2026-04-10")
    long_title = "Put a sign by the door, saying where to queue at busy times — " + "é" * 30
    for title, status, due in (
        (long_title, "planned", "2026-12-01"),
        ("Fix the bell", "doing", "2026-11-01"),
        ("Oat milk", "done", "2026-10-01"),
        ("Move the wall", "dropped", "2026-09-01"),
        ("No date yet", "planned", None),
    ):
        ae.add_action(
            workbook,
            ae.ActionInput(title, owner_id=ana, status=status, due_on=due),
            today=TODAY,
        )
    return workbook


def test_the_calendar_reads_back_with_both_readers(planned: Workbook) -> None:
    data = calendar_ics.calendar_bytes(planned, today=TODAY)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "CS Coach" in str(cal["prodid"])
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "action-1",
        "action-2",
        "action-3",
        "action-4",
        "monthly-review",
        "next-round",
        "standard-1",
    ]
    review = events["monthly-review"]
    assert review.decoded("dtstart") == dt.date(2026, 11, 5)
    assert review["rrule"]["FREQ"] == ["MONTHLY"] and review["rrule"]["BYMONTHDAY"] == [5]
    for event in events.values():  # all day: dates, never times
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert events["standard-1"].decoded("dtstart") == dt.date(2026, 12, 1)
    assert "Greet every customer" in str(events["standard-1"]["summary"])
    assert events["next-round"].decoded("dtstart") == dt.date(2026, 11, 22)  # was due in Oct
    assert str(events["action-2"]["summary"]) == "Due: Fix the bell"
    assert str(events["action-3"]["summary"]) == "Done: Oat milk"
    assert str(events["action-4"]["status"]) == "CANCELLED"
    assert str(events["action-1"]["summary"]).endswith("é" * 30)

    plain = {e["UID"].split("@")[0]: e for e in plain_events(data)}
    assert plain.keys() == events.keys()
    for uid, event in plain.items():
        assert event["UID"] == str(events[uid]["uid"])
        assert event["SUMMARY"] == str(events[uid]["summary"])
        assert event["DTSTART"] == "date:" + events[uid].decoded("dtstart").strftime("%Y%m%d")
    assert plain["monthly-review"]["RRULE"] == "FREQ=MONTHLY;BYMONTHDAY=5"
    assert "Monthly Review" in plain["monthly-review"]["DESCRIPTION"]


def test_uids_are_stable_and_belong_to_the_workbook(planned: Workbook, tmp_path: Path) -> None:
    first = calendar_ics.calendar_bytes(planned, today=TODAY)
    assert calendar_ics.calendar_bytes(planned, today=TODAY) == first
    later = TODAY + dt.timedelta(days=9)
    second = calendar_ics.calendar_bytes(
        planned, today=later, now=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    )

    def uids(data: bytes) -> list[str]:
        return [str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]

    def sequence(data: bytes) -> int:
        return int(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["sequence"])

    assert uids(second) == uids(first)
    assert sequence(second) > sequence(first)  # a calendar that checks takes the newer one
    other = Workbook.create(tmp_path / "other.cscoach", "Other Café")
    try:
        assert not set(uids(calendar_ics.calendar_bytes(other, today=TODAY))) & set(uids(first))
    finally:
        other.close()


def test_the_review_day_is_the_owners_choice(workbook: Workbook) -> None:
    assert calendar_ics.review_day(workbook) == calendar_ics.DEFAULT_REVIEW_DAY
    calendar_ics.set_review_day(workbook, "12")
    assert calendar_ics.review_day(workbook) == 12
    assert workbook.history.undo_label == "Change the monthly review day"
    for bad in ("31", "0", "first Monday"):
        with pytest.raises(ValidationError) as caught:
            calendar_ics.set_review_day(workbook, bad)
        assert caught.value.field == "review_day"
    event = icalendar.Calendar.from_ical(calendar_ics.calendar_bytes(workbook, today=TODAY)).walk(
        "VEVENT"
    )[0]
    assert event.decoded("dtstart") == dt.date(2026, 11, 12)


def test_a_new_workbook_has_the_review_and_the_starter_standards(workbook: Workbook) -> None:
    events = icalendar.Calendar.from_ical(calendar_ics.calendar_bytes(workbook, today=TODAY)).walk(
        "VEVENT"
    )
    kinds = [str(e["uid"]).split("@")[0] for e in events]
    assert kinds == ["monthly-review"] + [
        f"standard-{s.id}" for s in standards.list_standards(workbook)
    ]


def test_export_writes_the_file_and_never_over_a_workbook(
    planned: Workbook, tmp_path: Path
) -> None:
    out = tmp_path / "dates.ics"
    calendar_ics.export_calendar(planned, out, today=TODAY)
    assert out.read_bytes() == calendar_ics.calendar_bytes(planned, today=TODAY)
    before = planned.path.read_bytes()
    with pytest.raises(WorkbookError):
        calendar_ics.export_calendar(planned, planned.path, today=TODAY)
    assert planned.path.read_bytes() == before
    assert ac.count_actions(planned) == 5


def test_training_sessions_and_refreshers(workbook: Workbook) -> None:
    from cscoach.model import training as tr

    ana, ben = team.add_member(workbook, "Ana"), team.add_member(workbook, "Ben")
    tr.add_session(
        workbook,
        tr.SessionInput(
            "2025-10-01", "Food hygiene", tr.PRODUCT, refresh_months=12, attendee_ids=(ana,)
        ),
        today=TODAY,
    )
    planned = tr.add_session(
        workbook,
        tr.SessionInput("2026-12-03", "Coffee, tea; and more", trainer_id=ben, attendee_ids=(ben,)),
        today=TODAY,
    )
    events = {
        e["UID"].split("@")[0]: e
        for e in plain_events(calendar_ics.calendar_bytes(workbook, today=TODAY))
    }
    session = events[f"training-{planned}"]
    assert session["SUMMARY"] == "Training: Coffee, tea; and more"
    assert session["DTSTART"] == "date:20261203" and "run by Ben" in session["DESCRIPTION"]
    (refresher,) = [e for uid, e in events.items() if uid.startswith(f"refresher-{ana}-")]
    assert refresher["SUMMARY"] == "Refresher due: Food hygiene (Ana)"
    assert refresher["DTSTART"] == "date:20261122"  # overdue: shown today
    assert "It was due on 1 October 2026." in refresher["DESCRIPTION"]
    # taken again: the same event, moved to the new due date
    tr.add_session(
        workbook,
        tr.SessionInput("2026-11-20", "food hygiene", refresh_months=12, attendee_ids=(ana,)),
        today=TODAY,
    )
    again = {e["UID"]: e for e in plain_events(calendar_ics.calendar_bytes(workbook, today=TODAY))}
    moved = again[refresher["UID"]]
    assert moved["DTSTART"] == "date:20271120" and moved["SUMMARY"].endswith("(Ana)")


@pytest.mark.parametrize(
    "line",
    [
        "SUMMARY:short",
        "X" * 74,  # the longest line left whole
        "X" * 75,
        "DESCRIPTION:" + "é" * 80,  # two octets a character
        "DESCRIPTION:" + "€" * 60,  # three
        "DESCRIPTION:" + "😀" * 40,  # four
        "DESCRIPTION:a" + "x😀é€" * 30,  # mixed, so every cut lands somewhere else
        "DESCRIPTION:" + "\\;" * 60,  # escapes all the way
    ],
)
def test_folding_keeps_lines_short_and_characters_whole(line: str) -> None:
    folded = calendar_ics.fold_line(line)
    pieces = folded.split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    for piece in pieces:
        piece.decode("utf-8")  # each physical line is whole UTF-8: no character cut in two
    assert b"".join([pieces[0], *(piece[1:] for piece in pieces[1:])]) == line.encode()
    assert (len(pieces) == 1) == (len(line.encode()) <= 74)


def test_folding_never_ends_a_line_on_a_backslash() -> None:
    line = "DESCRIPTION:" + "a" * 61 + "\\;" + "b" * 20  # the backslash is octet 74
    first, second = calendar_ics.fold_line(line).split(b"\r\n")
    assert first == line[:73].encode() and second == b" \\;" + b"b" * 20


def test_text_is_escaped_as_the_rfc_says() -> None:
    assert calendar_ics.escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert calendar_ics.escape_text("Crème brûlée — 😀") == "Crème brûlée — 😀"


def test_awkward_titles_come_back_exactly(workbook: Workbook) -> None:
    """Commas, semicolons, backslashes, a typed ``\\N``, accents and emoji in a long title:
    both readers give back what was typed."""
    title = "Ask: “was it OK?”; then note it, C:\\temp\\N, café 😀 " + "né€😀, " * 12
    ae.add_action(workbook, ae.ActionInput(title.strip(), due_on="2026-12-01"), today=TODAY)
    data = calendar_ics.calendar_bytes(workbook, today=TODAY)
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if str(e["uid"]).startswith("action-")
    ]
    assert str(event["summary"]) == "Due: " + title.strip()
    (plain,) = [e for e in plain_events(data) if e["UID"].startswith("action-")]
    assert plain["SUMMARY"] == "Due: " + title.strip()
