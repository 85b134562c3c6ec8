"""The printing foundation and the two questionnaire documents, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from cscoach.model import questionnaire as qn
from cscoach.model import settings, team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render


def render_pdf(wb: Workbook, request: PrintRequest) -> bytes:
    return render(wb, request).pdf


TRICKY = 'Team <b>Q&A</b> &amp; AT&T; Ünïcödé Привет Ωμέγα 漢字 🙂 <img src="/etc/hostname"/>'
LONG_WORD = "Supercalifragilistic" * 12


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squash(s: str) -> str:
    return "".join(s.split())


@pytest.fixture
def answered(workbook: Workbook) -> int:
    settings.set_business_name(workbook, "Corner Café <b> & Co")
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo", "Chidi")]
    qn.add_question(workbook, "General", "Rate our service", "rating")
    round_id = qn.create_round(workbook, "Team meeting, March 2026", "2026-03-10")
    rqs = qn.round_questions(workbook, round_id)
    for n, person in enumerate(people):
        qn.save_response(
            workbook,
            round_id,
            person,
            {rq.id: (n + 3 if rq.kind == "rating" else f"{TRICKY} {n} {LONG_WORD}") for rq in rqs},
        )
    return round_id


def test_blank_form_has_every_active_question(workbook: Workbook) -> None:
    retired = qn.list_questions(workbook)[-1]
    qn.set_retired(workbook, retired.id, True)
    reader, text = pdf_text(render_pdf(workbook, PrintRequest("questionnaire")))
    flat = squash(text)
    for q in qn.list_questions(workbook, include_retired=False):
        assert squash(q.text) in flat
    assert squash(retired.text) not in flat
    assert "Corner Café" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Your name" in text


def test_page_sizes(workbook: Workbook) -> None:
    a4, _ = pdf_text(render_pdf(workbook, PrintRequest("questionnaire")))
    assert round(float(a4.pages[0].mediabox.width)) == 595
    letter, _ = pdf_text(render_pdf(workbook, PrintRequest("questionnaire", page_size="letter")))
    assert round(float(letter.pages[0].mediabox.width)) == 612
    settings.set_page_size(workbook, "letter")
    default, _ = pdf_text(render_pdf(workbook, PrintRequest("questionnaire")))
    assert round(float(default.pages[0].mediabox.height)) == 792
    with pytest.raises(ValidationError):
        render_pdf(workbook, PrintRequest("questionnaire", page_size="a5"))


def test_answers_print_user_text_exactly(workbook: Workbook, answered: int) -> None:
    reader, text = pdf_text(render_pdf(workbook, PrintRequest("answers")))
    flat = squash(text)
    # what was typed comes back exactly (the font has no CJK or emoji: those print as boxes)
    assert squash("Team <b>Q&A</b> &amp; AT&T; Ünïcödé Привет Ωμέγα") in flat
    assert squash('<img src="/etc/hostname"/>') in flat
    assert LONG_WORD in flat
    for name in ("Ana:", "Bo:", "Chidi:"):
        assert name in text
    assert "Corner Café <b> & Co" in text
    assert "mean 4.0" in text
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text


def test_anonymous_answers_show_no_names(workbook: Workbook) -> None:
    team.add_member(workbook, "Zebedee")
    round_id = qn.create_round(workbook, "Anonymous round", "2026-04-01", anonymous=True)
    first = qn.round_questions(workbook, round_id)[0]
    for n in range(4):
        qn.save_response(workbook, round_id, None, {first.id: f"secret {n}"})
    _, text = pdf_text(render_pdf(workbook, PrintRequest("answers", round_name="anonymous ROUND")))
    assert "Zebedee" not in text
    assert "Response 1:" in text and "Response 4:" in text
    assert "no names" in text


def test_answers_pick_round_and_refuse_unknown(workbook: Workbook, answered: int) -> None:
    with pytest.raises(ValidationError, match="no round called"):
        render_pdf(workbook, PrintRequest("answers", round_name="Nope"))
    with pytest.raises(ValidationError, match="Unknown document"):
        render_pdf(workbook, PrintRequest("brochure"))


def test_no_rounds_is_a_clear_error(workbook: Workbook) -> None:
    with pytest.raises(ValidationError, match="no questionnaire rounds"):
        render_pdf(workbook, PrintRequest("answers"))


def test_output_is_deterministic(workbook: Workbook, answered: int) -> None:
    day = dt.date(2026, 3, 11)
    first = render_pdf(workbook, PrintRequest("answers", today=day))
    assert first == render_pdf(workbook, PrintRequest("answers", today=day))
    assert "Printed 11 March 2026" in pdf_text(first)[1]


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_round_is_read_once_with_the_same_answers(workbook: Workbook, anonymous: bool) -> None:
    """The answers print reads the whole round at once: exactly what reading it question
    by question gives, in the same order and with the same labels."""
    people = [team.add_member(workbook, n) for n in ("Ana", "Bo", "Chidi", "Dee")]
    qn.add_question(workbook, "General", "Rate our service", "rating")
    round_id = qn.create_round(workbook, "April", "2026-04-10", anonymous=anonymous)
    rqs = qn.round_questions(workbook, round_id)
    for n, person in enumerate(people):
        answers = {rq.id: (n + 1 if rq.kind == "rating" else f"Answer {n}") for rq in rqs[n:]}
        qn.save_response(workbook, round_id, person if not anonymous else None, answers)
    one_by_one = [qn.answers_to_question(workbook, round_id, rq.id) for rq in rqs]
    assert qn.round_answers(workbook, round_id) == one_by_one


# -- the shared helpers: fitting text, measuring, stopping ---------------------------------


def test_shorten_finds_the_longest_start_that_fits() -> None:
    from cscoach.printing.base import shorten

    assert shorten("short", 10, len) == "short"
    assert shorten("abcdefghij", 5, len) == "abcd…"
    assert shorten("ab   cdefgh", 6, len) == "ab…"  # no space before the ellipsis
    assert shorten("W" * 10_000, 1, len) == "…"
    measured: list[str] = []
    shorten("W" * 10_000, 40, lambda v: measured.append(v) or len(v))
    assert len(measured) < 20  # a bisection, not a character at a time


def test_fitted_shrinks_then_cuts_at_a_word() -> None:
    from cscoach.printing.base import fitted, styles

    style = styles()["title"]
    short, cut = fitted("Our standards", style, 400, 60, 11)
    assert not cut and short.style.fontSize == style.fontSize
    longer, cut = fitted("Every guest leaves happier than they came " * 3, style, 400, 60, 11)
    assert not cut and 11 <= longer.style.fontSize < style.fontSize
    assert longer.wrap(400, 60)[1] <= 60
    words = " ".join(f"word{n}" for n in range(2000))
    cut_short, cut = fitted(words, style, 400, 60, 11)
    assert cut and cut_short.style.fontSize == 11 and cut_short.wrap(400, 60)[1] <= 60
    shown = cut_short.text.removesuffix("…")
    assert words.startswith(shown) and words[len(shown)] == " "  # whole words only
    one_word, cut = fitted("W" * 10_000, style, 400, 60, 11)
    assert cut and one_word.wrap(400, 60)[1] <= 60 and one_word.text.startswith("WWW")


def test_a_cancelled_layout_stops_at_its_next_page(workbook: Workbook, answered: int) -> None:
    import threading

    from cscoach.printing.base import Cancelled, cancellable

    stop = threading.Event()
    with cancellable(stop):
        assert render_pdf(workbook, PrintRequest("answers")).startswith(b"%PDF")
        stop.set()
        with pytest.raises(Cancelled):
            render(workbook, PrintRequest("answers"))
    assert render_pdf(workbook, PrintRequest("answers")).startswith(b"%PDF")  # not inside


def test_a_rating_question_prints_its_own_anchors(workbook: Workbook) -> None:
    from cscoach.printing.questionnaire import DEFAULT_ANCHORS, rating_anchors

    qn.add_question(
        workbook,
        "Improvements",
        "How well do we keep to our standards on a busy Saturday? (1 = hardly at all, "
        "5 = every time)",
        "rating",
    )
    qn.add_question(workbook, "Improvements", "How often do we say thank you?", "rating")
    _, text = pdf_text(render_pdf(workbook, PrintRequest("questionnaire")))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "1 = hardly at all 5 = every time" in lines  # beside the boxes, as the question says
    low, high = DEFAULT_ANCHORS
    assert f"1 = {low} 5 = {high}" in lines  # a question that does not say: neutral words
    assert "poor" not in text and "excellent" not in text
    assert rating_anchors("Speed? 1: never … 5: always") == ("never", "always")
    assert rating_anchors("Quality (1 – poor; 5 – excellent)") == ("poor", "excellent")
    # ends too long for the line beside the boxes: one a line, cut short
    qn.add_question(
        workbook, "Improvements", f"Rate it (1 = {'no ' * 60}, 5 = {'yes ' * 60})", "rating"
    )
    _, text = pdf_text(render_pdf(workbook, PrintRequest("questionnaire")))
    assert "1 = no no" in text and "5 = yes yes" in text and "…" in text


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_page_of_answers_starts_with_its_question(workbook: Workbook, size: str) -> None:
    people = [team.add_member(workbook, f"Person {n}") for n in range(12)]
    round_id = qn.create_round(workbook, "Team meeting, March 2026", "2026-03-10")
    rqs = qn.round_questions(workbook, round_id)
    for n, person in enumerate(people):
        long = " ".join(["We could greet people sooner at the door."] * (8 + n))
        qn.save_response(workbook, round_id, person, {rq.id: f"{long}\n\nAlso: {n}." for rq in rqs})
    reader, text = pdf_text(render_pdf(workbook, PrintRequest("answers", page_size=size)))
    assert len(reader.pages) > 5
    sections = {rq.section for rq in rqs}
    for page in reader.pages[1:]:
        first = " ".join(page.extract_text().splitlines()[0].split())
        # a question (a new one, or "N. … (continued)") or a section's heading
        assert re.match(r"\d+\. ", first) or first in sections, first
    assert "(continued)" in text
    assert "Also: 3." in text


def test_an_answers_paragraphs_sit_closer_than_two_answers() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from cscoach.printing.base import styles
    from cscoach.printing.questionnaire import _answer

    quote = styles()["quote"]
    first = ParagraphStyle("a", parent=quote, spaceBefore=7)
    more = ParagraphStyle("b", parent=quote, spaceBefore=4)
    parts = _answer("Ana", "One.\n\nTwo.\n\n\nThree.", first, more)
    assert [p.getSpaceBefore() for p in parts] == [7, 4, 4]
    assert "<br/><br/>" not in "".join(p.text for p in parts)
