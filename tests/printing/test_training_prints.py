"""The prints of issue 20 read back with pypdf: the attendance sheet (blank, and a session
with its trainer, content, standards and names to sign), the story of the month (one page
a story, big type, no office furniture), the one-to-one sheet (one page per person, what it
must hold, and never a questionnaire answer); hostile text as typed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from cscoach.model import demo, questionnaire, stories, team
from cscoach.model import training as tr
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render
from cscoach.printing.story import FLOOR

TODAY = dt.date(2026, 11, 22)


def squash(value: str) -> str:
    return "".join(value.split())


def read(wb: Workbook, document: str, **kw: object) -> tuple[PdfReader, list[str], tuple[str, ...]]:
    printed = render(wb, PrintRequest(document, today=TODAY, **kw))  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(printed.pdf))
    return reader, [p.extract_text() for p in reader.pages], printed.warnings


def sizes(reader: PdfReader, page: int = 0) -> dict[str, float]:
    """The size each run of text is drawn at (but the business name's small line at the
    top, as on the other wall prints)."""
    found: dict[str, float] = {}

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found[text.strip()] = round(size * abs(tm[0]), 1)

    reader.pages[page].extract_text(visitor_text=visit)
    return {text: size for text, size in found.items() if "Corner Café" not in text}


@pytest.fixture(scope="module")
def cafe(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    demo.create_demo(path, today=TODAY)
    with Workbook.open(path, read_only=True) as wb:
        yield wb


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_the_blank_attendance_sheet_is_one_page_of_lines_to_sign(cafe: Workbook, size: str) -> None:
    reader, pages, _ = read(cafe, "training", page_size=size)
    assert len(pages) == 1
    flat = squash(pages[0])
    for words in ("Training attendance", "Date", "Topic", "Run by", "Standards covered",
                  "Name", "Signature", "Trainer's signature", "Page 1 of 1"):  # fmt: skip
        assert squash(words) in flat


def test_a_sessions_sheet_names_who_signs(cafe: Workbook) -> None:
    role_play = next(s for s in tr.list_sessions(cafe) if s.kind == tr.ROLE_PLAY)
    for kw in ({"session_id": role_play.id}, {"session_date": role_play.held_on}):
        reader, pages, _ = read(cafe, "training", **kw)
        assert len(pages) == 1
        flat = squash(pages[0])
        assert squash(role_play.topic) in flat and squash("Kwame Mensah") in flat
        assert squash("Role-play") in flat and squash("Remake it, no questions asked") in flat
        for name in role_play.attendees:
            assert squash(name) in flat
        assert squash("Three scenes, each played twice") in flat
    with pytest.raises(ValidationError, match="nearest"):
        read(cafe, "training", session_date="2020-01-01")


def test_the_story_of_the_month_is_a_wall_print(cafe: Workbook) -> None:
    reader, pages, warnings = read(cafe, "story")
    assert len(pages) == 1 and warnings == ()
    text = pages[0]
    flat = squash(text)
    assert squash("Story of the month") in flat and squash("November 2026") in flat
    assert squash("Aiko Tanaka and Tomasz Nowak") in flat and squash("Back each other up") in flat
    assert squash("nobody left without a coffee") in flat
    assert "Page" not in text and "Printed" not in text and not re.search(r"\d+ of \d+", text)
    drawn = sizes(reader)
    assert min(drawn.values()) >= FLOOR
    with pytest.raises(ValidationError, match="no story for March 2026"):
        read(cafe, "story", month="2026-03")
    with pytest.raises(ValidationError) as caught:
        read(cafe, "story", month="2027-02")
    assert caught.value.field == "month"


def test_a_long_hostile_story_prints_as_typed_and_cut_short(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Zoë <b>Ünal</b> & Co")
    story = stories.add_story(
        workbook,
        stories.StoryInput("2026-11-02", (ana,), "Greet the <customer> by name & smile. " * 60),
        today=TODAY,
    )
    # none featured: the month's stories, and the owner is told
    _, pages, warnings = read(workbook, "story")
    assert len(pages) == 1 and "No story is featured" in warnings[0]
    stories.set_featured(workbook, story, "2026-11", True, today=TODAY)
    reader, pages, warnings = read(workbook, "story")
    assert len(pages) == 1
    flat = squash(pages[0])
    assert squash("Zoë <b>Ünal</b> & Co") in flat and squash("Greet the <customer> by name") in flat
    assert "…" in pages[0] and warnings and "cut short" in warnings[0]
    assert min(sizes(reader).values()) >= FLOOR


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_one_to_one_sheets_one_page_each(cafe: Workbook, size: str) -> None:
    people = team.list_members(cafe, active_only=True)
    reader, pages, _ = read(cafe, "one-to-one", page_size=size)
    assert len(pages) == len(people)
    for page, person in zip(pages, people, strict=True):
        assert squash(f"One-to-one: {person.name}") in squash(page)
    reader, (page,), _ = read(cafe, "one-to-one", member_name="kwame mensah")
    flat = squash(page)
    for words in ("Shift lead", "Standards they own", "Greet every customer within 30 seconds",
                  "Not trained yet", "What customers said", "praise", "Their stories",
                  "toddler group", "Training", "Food hygiene", "Missing for the standards",
                  "Questionnaire rounds they took part in", "Notes", "Goals"):  # fmt: skip
        assert squash(words) in flat, words
    with pytest.raises(ValidationError, match="Did you mean “Kwame Mensah”"):
        read(cafe, "one-to-one", member_name="Kwame Mensa")


def test_no_answer_is_ever_on_a_one_to_one_sheet(cafe: Workbook) -> None:
    """Neither an anonymous answer nor a named one: the sheet says which rounds someone took
    part in under their name, never what they said; an anonymous round is never listed."""
    answers = [r["text"] for r in cafe.query("SELECT text FROM answers WHERE length(text) >= 20")]
    assert len(answers) > 20
    anonymous = [r for r in questionnaire.list_rounds(cafe) if r.anonymous]
    named = [r for r in questionnaire.list_rounds(cafe) if not r.anonymous]
    assert anonymous and named
    _, pages, _ = read(cafe, "one-to-one")
    flat = squash(" ".join(pages))
    for answer in answers:
        assert squash(answer)[:40] not in flat
    for rnd in anonymous:
        assert squash(rnd.name) not in flat
    assert squash(named[0].name) in flat


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_busy_persons_sheet_stays_on_one_page(workbook: Workbook, size: str) -> None:
    from cscoach.model import feedback as fb
    from cscoach.model import feedback_edit as fe
    from cscoach.model import standards as st

    ana = team.add_member(workbook, "Ana Lima", "Shift lead", "2020-01-01")
    category = st.list_categories(workbook)[0].id
    for n in range(25):
        title = f"Standard number {n} with a title long enough to take two lines in its cell"
        st.add_standard(workbook, st.StandardInput(title, category, owner_id=ana))
    for n in range(30):
        said = f"Ana was wonderful on visit {n}. " * 6
        fe.add_item(
            workbook,
            fb.FeedbackInput(
                f"2026-{n % 10 + 1:02d}-1{n % 9}", "compliment", said, member_ids=(ana,)
            ),
            today=TODAY,
        )
    for n in range(12):
        stories.add_story(
            workbook,
            stories.StoryInput(f"2026-0{n % 9 + 1}-02", (ana,), "Saved the day. " * 20),
            today=TODAY,
        )
        tr.add_session(
            workbook,
            tr.SessionInput(f"2025-{n % 12 + 1:02d}-05", f"Session {n}", attendee_ids=(ana,)),
            today=TODAY,
        )
    reader, pages, warnings = read(workbook, "one-to-one", member_name="Ana Lima", page_size=size)
    assert len(pages) == 1 and warnings and "shortened" in warnings[0]
    flat = squash(pages[0])
    assert squash("and 30 compliments") not in flat and squash("30 compliments") in flat
    assert "more" in pages[0] and squash("Goals until we next talk") in flat
