"""Interview scorecards, blank and filled, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from cscoach.model import hiring as hr
from cscoach.model import hiring_scorecard, settings
from cscoach.model import philosophy as ph
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing import documents
from cscoach.printing.base import DocumentInfo
from cscoach.printing.documents import PrintRequest
from cscoach.printing.hiring import blank_scorecard, filled_scorecard

TRICKY = 'Team <b>Q&A</b> &amp; AT&T; Ünïcödé Привет Ωμέγα <img src="/etc/hostname"/>'
LONG_WORD = "Supercalifragilistic" * 12


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squash(s: str) -> str:
    return "".join(s.split())


def render(wb: Workbook, **kw) -> tuple[PdfReader, str]:
    request = PrintRequest("scorecard", today=dt.date(2026, 3, 12), **kw)
    return pdf_text(documents.render(wb, request).pdf)


@pytest.fixture
def scored(workbook: Workbook) -> int:
    """Ana, scored on three of the five starter criteria, with tricky notes."""
    settings.set_business_name(workbook, "Corner Café <b> & Co")
    ana = hr.add_candidate(
        workbook,
        hr.CandidateInput(
            "Ana <b>Ünï</b> & Привет", "Barista & <cook>", "2026-03-10", "offered", TRICKY
        ),
    )
    criteria = hr.list_criteria(workbook)
    hr.set_score(workbook, ana, criteria[0].id, 5, f"Empathy note: {TRICKY}")  # weight 5
    hr.set_score(workbook, ana, criteria[1].id, 3, "")  # weight 4
    hr.set_score(workbook, ana, criteria[3].id, 2, LONG_WORD)  # weight 3
    return ana


def test_blank_scorecard_has_every_active_criterion_and_no_retired_one(
    workbook: Workbook,
) -> None:
    value = ph.add_value(workbook, "Kind <always> & fair")
    criteria = hr.list_criteria(workbook)
    first = criteria[0]
    hr.update_criterion(
        workbook,
        first.id,
        hr.CriterionInput(
            first.quality,
            f"Good: {TRICKY}",
            "Poor: Ωμέγα & <none>",
            [*first.questions, f"Second question {TRICKY}?"],
            5,
            (value,),
        ),
    )
    retired = criteria[2]
    hr.set_criterion_active(workbook, retired.id, False)
    reader, text = render(workbook)
    flat = squash(text)
    for c in hr.list_criteria(workbook, include_retired=False):
        assert squash(c.quality) in flat
        for q in c.questions:
            assert squash(q) in flat
        assert squash(c.good_signs) in flat
        assert squash(c.poor_signs) in flat
    assert squash(retired.quality) not in flat
    assert squash(retired.questions[0]) not in flat
    assert squash(TRICKY) in flat
    assert squash("Serves: Kind <always> & fair") in flat
    for label in ("Candidate", "Role applied for", "Interviewer", "Date", "Notes", "Look for"):
        assert label in text
    assert "1 = poor" in text and "5 = excellent" in text
    assert "Corner Café" in text and "Interview scorecard" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Printed 12 March 2026" in text
    # the tally: the active weights add up to 5 + 4 + 3 + 3 = 15, so 75 points at most
    assert "of 75" in text
    assert "Overall impression" in text


def test_blank_scorecard_with_no_active_criteria_still_prints(workbook: Workbook) -> None:
    for c in hr.list_criteria(workbook):
        hr.set_criterion_active(workbook, c.id, False)
    reader, text = render(workbook)
    assert len(reader.pages) == 1
    assert "no active hiring criteria yet" in text
    assert "Candidate" in text


def test_page_sizes(workbook: Workbook) -> None:
    a4, _ = render(workbook)
    assert round(float(a4.pages[0].mediabox.width)) == 595
    letter, _ = render(workbook, page_size="letter")
    assert round(float(letter.pages[0].mediabox.width)) == 612
    settings.set_page_size(workbook, "letter")
    default, _ = render(workbook)
    assert round(float(default.pages[0].mediabox.height)) == 792
    with pytest.raises(ValidationError) as caught:
        render(workbook, page_size="a5")
    assert caught.value.field == "page_size"


def test_filled_scorecard_prints_what_was_typed_and_the_percentage(
    workbook: Workbook, scored: int
) -> None:
    reader, text = render(workbook, candidate_name="ana <b>ünï</b> & привет")
    flat = squash(text)
    assert squash("Ana <b>Ünï</b> & Привет") in flat
    assert squash("Barista & <cook>") in flat
    assert squash(f"Empathy note: {TRICKY}") in flat
    assert squash(LONG_WORD) in flat
    assert "10 March 2026" in text and "Offered" in text
    # (5×5 + 4×3 + 3×2) ÷ (5×5 + 4×5 + 3×5) × 100 = 43 ÷ 60 × 100 = 71.7%
    assert "72%" in text
    assert "43 of 70" not in text and "43 of a possible 60" in text
    assert "3 of 5 scored" in text
    assert text.count("not scored") == 2  # the two criteria still to score
    assert squash("Not scored yet: Genuine desire to solve problems, Product knowledge") in flat
    assert "Interview notes" in text
    assert f"Page 1 of {len(reader.pages)}" in text


def test_filled_scorecard_shows_a_retired_criterion_already_scored(
    workbook: Workbook, scored: int
) -> None:
    listening = hr.list_criteria(workbook)[1]
    hr.set_criterion_active(workbook, listening.id, False)
    _, text = render(workbook, candidate_name="Ana <b>Ünï</b> & Привет")
    assert "Active listening (retired)" in text
    assert "72%" in text  # its score still counts


def test_filled_scorecard_with_nothing_scored(workbook: Workbook) -> None:
    hr.add_candidate(workbook, hr.CandidateInput("Ben"))
    reader, text = render(workbook, candidate_name="Ben")
    assert len(reader.pages) == 1
    assert "Not scored" in text and "Nothing has been scored yet" in text
    assert "0 of 5 scored" in text
    assert "%" not in text.replace("Σ", "")


def test_unknown_candidate_lists_close_matches(workbook: Workbook, scored: int) -> None:
    hr.add_candidate(workbook, hr.CandidateInput("Benjamin Okafor"))
    with pytest.raises(ValidationError) as caught:
        render(workbook, candidate_name="Benjamin Okafro")
    assert caught.value.field == "candidate"
    assert "Did you mean “Benjamin Okafor”" in caught.value.message


def test_a_very_long_note_splits_across_pages(workbook: Workbook) -> None:
    ben = hr.add_candidate(workbook, hr.CandidateInput("Ben"))
    first = hr.list_criteria(workbook)[0]
    hr.set_score(workbook, ben, first.id, 4, ("Long answer. " * 380).strip())
    reader, text = render(workbook, candidate_name="Ben")
    assert len(reader.pages) >= 2
    # every word is there (a page break may fall between "Long" and "answer.")
    assert len(re.findall(r"\bLong\b", text)) == len(re.findall(r"\banswer\.", text)) == 380


def test_the_functions_take_plain_records(workbook: Workbook, scored: int) -> None:
    info = DocumentInfo("Interview scorecard", "Café", "a4", dt.date(2026, 3, 12))
    blank = blank_scorecard(info, hr.list_criteria(workbook, include_retired=False))
    assert blank.startswith(b"%PDF")
    card = hiring_scorecard.scorecard(workbook, scored)
    filled = filled_scorecard(info, card.candidate, card.rows, card.summary)
    assert "72%" in pdf_text(filled)[1]
    # the same input gives the same bytes
    assert filled_scorecard(info, card.candidate, card.rows, card.summary) == filled


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_real_notes_get_the_room_and_the_headings_stand_once(workbook: Workbook, size: str) -> None:
    noor = hr.add_candidate(workbook, hr.CandidateInput("Noor"))
    sentence = "She gave a concrete example of calling a customer back the same day. "
    for n, criterion in enumerate(hr.list_criteria(workbook)):
        hr.set_score(workbook, noor, criterion.id, 1 + n % 5, (sentence * 12).strip())
    reader, text = render(workbook, candidate_name="Noor", page_size=size)
    assert len(reader.pages) <= 2  # five notes of 800 characters each: two pages, not five
    assert squash(text).count(squash("Quality Weight Score")) == 1  # only above the first
    for page in reader.pages[1:]:  # a later page starts with a quality or a note's lines
        assert "Quality" not in page.extract_text().splitlines()[2]
    assert squash(text).count(squash(sentence)) == 12 * len(hr.list_criteria(workbook))


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_the_starter_blank_scorecard_takes_three_sheets(workbook: Workbook, size: str) -> None:
    reader, text = render(workbook, page_size=size)
    assert len(reader.pages) == 3
    first = reader.pages[0].extract_text()
    assert "1. Empathy" in " ".join(first.split()) and "2." in first  # page 1 is not half empty


def test_the_tally_says_nothing_silly_when_the_most_is_100(workbook: Workbook) -> None:
    for criterion in hr.list_criteria(workbook):  # weights adding up to 20: 100 points at most
        hr.update_criterion(
            workbook,
            criterion.id,
            hr.CriterionInput(
                criterion.quality,
                criterion.good_signs,
                criterion.poor_signs,
                list(criterion.questions),
                4,
                (),
            ),
        )
    _, text = render(workbook)
    assert "÷ 100 × 100" not in text and "as a percentage" in text
