"""The one-to-one sheet's page fitting (printing/one_to_one.py): the caps it chooses for a
person are the ones trying every caps in turn would choose, and equal texts on one page are
each printed. (What the sheet holds is tested with the other training prints.)"""

from __future__ import annotations

import io

import pytest
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model import feedback_edit, team
from cscoach.model import one_to_one as model
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.printing import one_to_one as o2o
from cscoach.printing.base import frame_size, stacked_height
from cscoach.printing.info import DocumentInfo

INFO = DocumentInfo(o2o.TITLE, "Café")


def sheet(owned: int, quotes: int, stories: int, words: int) -> o2o.Sheet:
    """A person with ``owned`` standards, ``quotes`` compliments and complaints each and
    ``stories`` stories, their texts ``words`` words long."""
    long = " ".join(f"word{n}" for n in range(words))
    return o2o.Sheet(
        name="Ana Lima",
        role="Shift lead",
        started="Started 1 May 2022 (4 years with us)",
        on_team=True,
        owned=tuple(
            o2o.OwnedLine(
                f"Standard {n}: {long}",
                "Next review 3 May 2027",
                n % 3 == 0,
                "Not trained yet",
                n % 2 == 0,
            )
            for n in range(owned)
        ),
        feedback_since="22 November 2025",
        praise=tuple((f"{n + 1} October 2026", f"Praise {n}: {long}") for n in range(quotes)),
        complaints=tuple(
            (f"{n + 1} September 2026", f"Complaint {n}: {long}", "open") for n in range(quotes)
        ),
        stories=tuple(
            (f"{n + 1} August 2026", "Warmth", f"Story {n}: {long}") for n in range(stories)
        ),
        sessions=tuple((f"{n + 1} March 2026", f"Session {n} (soft skills)") for n in range(9)),
        missing=("Greet every customer",),
        refreshers=("Food hygiene: due 1 December 2026",),
        checklist=(),
        rounds=("Team meeting, May 2026 (12 May 2026)",),
    )


def caps_tried_in_turn(person: o2o.Sheet) -> tuple[int, int]:
    """The first caps, most generous first, that leaves the notes MIN_LINES lines (else
    the last), as the sheet first chose it: each caps measured afresh. Returns its index
    and the lines left."""
    width, height = frame_size(INFO)
    height -= 6
    notes = stacked_height(o2o._notes(0, width), width)
    for n, caps in enumerate(o2o.CAPS):
        used = stacked_height(o2o._content(person, width, caps), width) + notes
        lines = int((height - used) // o2o.LINE_GAP)
        if lines >= o2o.MIN_LINES or n == len(o2o.CAPS) - 1:
            return n, lines
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("owned", "quotes", "stories", "words"),
    # chosen so that the page takes caps 0, 0, 2, 3, 4 and 5 (most people on the large
    # workbook), and a busy person's page (5)
    [
        (0, 0, 0, 3),
        (2, 1, 1, 8),
        (1, 3, 1, 10),
        (3, 3, 2, 6),
        (6, 1, 2, 6),
        (5, 3, 2, 12),
        (30, 30, 30, 90),
    ],  # fmt: skip
)
def test_the_caps_chosen_are_those_trying_each_in_turn_chooses(
    owned: int, quotes: int, stories: int, words: int
) -> None:
    person = sheet(owned, quotes, stories, words)
    index, lines = caps_tried_in_turn(person)
    width = frame_size(INFO)[0]
    page, shortened = o2o._fit(INFO, person)
    expected = o2o._content(person, width, o2o.CAPS[index]) + o2o._notes(
        max(1, min(lines, o2o.MAX_LINES)), width
    )
    assert shortened == (index > 0)
    assert [type(f).__name__ for f in page] == [type(f).__name__ for f in expected]
    assert [getattr(f, "text", None) for f in page] == [getattr(f, "text", None) for f in expected]
    notes = page[-1]._cellvalues[1][0]  # the ruled lines under "Notes"
    assert notes.count == max(1, min(lines, o2o.MAX_LINES))
    pdf, _ = o2o.one_to_one_document(INFO, [person])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_the_same_praise_twice_is_printed_twice() -> None:
    """Two customers wrote the same words on the same day: the sheet measures that text once
    and prints it in both places."""
    person = sheet(1, 0, 0, 3)
    said = ("5 October 2026", "Lovely welcome, as always.")
    person = o2o.Sheet(**{**person.__dict__, "praise": (said, said)})
    pdf, shortened = o2o.one_to_one_document(INFO, [person])
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert page.count("Lovely welcome, as always.") == 2 and not shortened


def test_open_complaints_come_before_resolved_ones(workbook: Workbook) -> None:
    """When only one complaint fits, it is one still open, not the newest resolved one."""
    ana = team.add_member(workbook, "Ana Lima")
    for day, said, status, resolved in (
        ("2026-10-01", "Still waiting for a call back", None, None),
        ("2026-11-01", "Cold coffee", "resolved", "2026-11-02"),
        ("2026-11-10", "Rude at the till", "resolved", "2026-11-11"),
        ("2026-09-01", "Wrong order", None, None),
    ):
        feedback_edit.add_item(
            workbook,
            FeedbackInput(
                day, "complaint", said, status=status, resolved_on=resolved, member_ids=(ana,)
            ),
            today=FIXED_TODAY,
        )
    person = o2o.sheet_from(model.one_to_one(workbook, ana, today=FIXED_TODAY), FIXED_TODAY)
    assert [(said, state) for _, said, state in person.complaints] == [
        ("Still waiting for a call back", "open"),
        ("Wrong order", "open"),
        ("Rude at the till", "resolved"),
        ("Cold coffee", "resolved"),
    ]


def test_long_lists_say_how_many_there_are() -> None:
    """Sessions and rounds are counted before the latest are named, and the training missing
    says for how many standards: a line cut short with "…" still says how much there is."""
    person = sheet(1, 0, 0, 3)
    rounds = tuple(f"Round {n} ({n + 1} May 2026)" for n in range(7))
    missing = tuple(f"Standard {n}" for n in range(9))
    person = o2o.Sheet(**{**person.__dict__, "rounds": rounds, "missing": missing})
    pdf, _ = o2o.one_to_one_document(INFO, [person])
    page = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "7 rounds, the latest 4: Round 0 (1 May 2026); Round 1" in page
    assert "Round 3 (4 May 2026)" in page and "Round 4" not in page
    assert "Attended 9 sessions, the latest 8: 1 March 2026 Session 0 (soft skills);" in page
    assert "Missing for the standards they own (9): Standard 0; Standard 1;" in page
    few = o2o.Sheet(**{**person.__dict__, "rounds": rounds[:1], "sessions": person.sessions[:2]})
    page = " ".join(PdfReader(io.BytesIO(o2o.one_to_one_document(INFO, [few])[0])).pages[0]
                    .extract_text().split())  # fmt: skip
    assert "1 round: Round 0 (1 May 2026)" in page
    assert "Attended 2 sessions: 1 March 2026 Session 0 (soft skills); 2 March 2026" in page
