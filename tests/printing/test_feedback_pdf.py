"""The voice of the customer PDF, read back with pypdf: counts against the month before,
recurring themes flagged with their complaints, open complaints, quotes; hostile text
(markup, right-to-left, 5,000 characters) printed exactly as typed."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from cscoach.model import demo, team
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model.errors import ValidationError
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render

TODAY = dt.date(2026, 11, 22)


def read(data: bytes) -> tuple[int, str, PdfReader]:
    """Pages, the text of their bodies one after the other (the running header and footer,
    which pypdf reads at the end of each page, left out) and the reader."""
    reader = PdfReader(io.BytesIO(data))
    bodies = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        assert re.fullmatch(r"Page \d+ of \d+", lines[-1]) and lines[-2].startswith("Printed ")
        bodies.append("\n".join(lines[:-4]))
    return len(reader.pages), "\n".join(bodies), reader


def squash(value: str) -> str:
    """Without white space, and Arabic letters printed in their joined forms (presentation
    forms, as a PDF holds them) read back as the letters typed."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def pdf(wb: Workbook, month: str | None = None, **kw) -> tuple[int, str, PdfReader]:
    return read(render(wb, PrintRequest("feedback", month=month, today=TODAY, **kw)).pdf)


@pytest.fixture(scope="module")
def cafe(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    demo.create_demo(path, today=TODAY)
    with Workbook.open(path, read_only=True) as wb:
        yield wb


def test_the_latest_month_by_default(cafe: Workbook) -> None:
    pages, text, reader = pdf(cafe)
    flat = squash(text)
    assert squash("Voice of the customer: November 2026") in flat
    assert "The Corner Café" in text
    assert reader.pages[0].extract_text().splitlines()[-1] == f"Page 1 of {pages}"
    assert squash("October 2026") in flat  # the month before, as a column
    for kind in ("Compliments", "Complaints", "Suggestions", "Questions", "All feedback"):
        assert kind in text
    # the three open complaints, two flagged as open too long
    assert squash("Complaints still open") in flat
    assert squash("3 open, 2 of them for more than 2 days") in flat
    assert squash("⚑ open 10 days") in flat and squash("⚑ open 4 days") in flat
    assert squash("open 1 day") in flat
    assert squash("I was charged twice for one coffee on my card.") in flat
    assert squash("follow-up: Kwame Mensah") in flat and squash("follow-up: the owner") in flat
    assert squash("In their words") in flat
    assert squash("“Lovely welcome as always.”") in flat
    assert squash("Praise by team member") in flat
    assert "Recurring complaints" not in text  # wait time eased months ago
    assert pages <= 3


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the pages use, and whether it is embedded."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            found[str(font["/BaseFont"])] = bool(descriptor and "/FontFile2" in descriptor)
    return found


def test_the_unicode_fonts_are_embedded(cafe: Workbook) -> None:
    used = fonts(pdf(cafe)[2])
    assert {f.split("+")[-1] for f, embedded in used.items() if embedded} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
    }


def test_every_font_is_embedded(cafe: Workbook) -> None:
    assert all(fonts(pdf(cafe)[2]).values())


def test_a_month_when_wait_time_recurred(cafe: Workbook) -> None:
    pages, text, _ = pdf(cafe, "2026-04")
    flat = squash(text)
    assert squash("Voice of the customer: April 2026") in flat
    assert squash("Recurring complaints") in flat
    assert squash("3 or more complaints within 30 days") in flat
    assert squash("⚑ Wait time:") in flat and squash("⚑ Recurring") in flat
    assert squash("Recurring: Wait time.") in flat
    assert squash("⚑ Wait time: 4 complaints from 17 March 2026 to 21 April 2026") in flat
    assert squash("Queued for ten minutes behind one person ordering for the whole office.") in flat
    assert "ridiculous" not in flat  # May's complaint: not known at the end of April
    assert pages == 1
    assert squash("Standards named in complaints") in flat
    assert squash("Call for backup before the queue reaches the door") in flat


def test_an_empty_month_is_one_page(workbook: Workbook) -> None:
    fe.add_item(workbook, FeedbackInput("2026-09-03", "compliment", "Nice"), today=TODAY)
    pages, text, _ = pdf(workbook, "2026-10")
    assert pages == 1
    flat = squash(text)
    assert squash("No feedback was written down in October 2026.") in flat
    assert squash("None: every complaint received by the end of October 2026 is resolved.") in flat
    assert squash("All feedback 0 1 −1") in flat


def test_letter_paper(cafe: Workbook) -> None:
    _, _, reader = pdf(cafe, page_size="letter")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


RTL = ["שלום, הקפה היה קר מדי והתור היה ארוך", "مرحبا، الانتظار كان طويلا جدا"]
HOSTILE = [
    'Team <b>Q&A</b> & AT&T; R&D; <img src="/etc/hostname"/> &amp; 5 < 6 > 4',
    "<para>unclosed <i>markup</font> \\ {braces} %s %(x)s",
    *RTL,
    " ".join(f"word{n:04d}" for n in range(560))[:5000],  # a complaint: printed whole
    "Ünïcødé — Привет, Ελληνικά, ça va?",
]


def test_hostile_text_prints_exactly(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "<b>Ana</b> & Co")
    theme = th.add_theme(workbook, "Q&A <i>")
    for n, said in enumerate(HOSTILE):
        fe.add_item(
            workbook,
            FeedbackInput(
                f"2026-10-{n + 1:02d}",
                "complaint" if n % 2 == 0 else "compliment",
                said,
                channel="<script>",
                customer_asked="<b>money</b> back & more" if n % 2 == 0 else "",
                theme_ids=(theme,),
                member_ids=(ana,),
            ),
            today=TODAY,
        )
    assert len(HOSTILE[4]) == 5000
    pages, text, _ = pdf(workbook, "2026-10")
    flat = squash(text)
    for said in HOSTILE:
        assert squash(said) in flat, said[:40]
    for name in ("<b>Ana</b> & Co", "Q&A <i>", "<script>", "<b>money</b> back & more"):
        assert squash(name) in flat
    assert squash("⚑ Q&A <i>: 3 complaints") in flat  # recurring: 3 within 30 days
    assert pages >= 2


@pytest.mark.parametrize(
    ("month", "fragment"),
    [("2026-12", "in the future"), ("2026-13", "no month 13"), ("Oct", "YYYY-MM")],
)
def test_a_bad_month_is_refused(cafe: Workbook, month: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        pdf(cafe, month)


def test_no_feedback_yet(workbook: Workbook) -> None:
    with pytest.raises(ValidationError, match="no feedback yet"):
        pdf(workbook)


def test_right_to_left_text_prints_in_its_direction(workbook: Workbook) -> None:
    """Hebrew and Arabic are drawn as they are read (right to left, Arabic letters joined):
    pypdf, which reads a right-to-left run back to front, returns what was typed. A
    complaint, as the report quotes open complaints whole."""
    for n, said in enumerate(RTL):
        day = f"2026-10-0{n + 1}"
        fe.add_item(workbook, FeedbackInput(day, "complaint", said), today=TODAY)
    flat = squash(pdf(workbook, "2026-10")[1])
    for said in RTL:
        assert squash(said) in flat


def test_long_lists_are_cut_to_what_a_report_can_hold(workbook: Workbook) -> None:
    wait = th.find_theme(workbook, "Wait time")
    assert wait is not None
    for n in range(30):  # thirty open complaints about waiting in October
        day = f"2026-10-{n + 1:02d}"
        fe.add_item(
            workbook,
            FeedbackInput(day, "complaint", f"Waited on {day}", theme_ids=(wait.id,)),
            today=TODAY,
        )
    pages, text, _ = pdf(workbook, "2026-10")
    flat = squash(text)
    assert squash("⚑ Wait time: 30 complaints from 1 October 2026 to 30 October 2026") in flat
    assert squash("The newest 8; the other 22 are on the Feedback page.") in flat
    assert squash("…and 10 more open complaints: the Feedback page lists them all.") in flat
    assert "Waited on 2026-10-20" in text  # the 20th oldest open complaint is printed
    assert flat.count(squash("Waited on 2026-10-21")) == 0  # …the 21st neither open nor newest 8
    assert flat.count(squash("Waited on 2026-10-30")) == 1  # one of the newest eight
    assert pages <= 3


def test_no_page_is_begun_for_a_lone_quote(cafe: Workbook, monkeypatch) -> None:
    """The quotes of praise come last and only as many as fit on the pages the rest takes;
    when not one fits, two begin the next page together (never a single quote alone)."""
    from cscoach.model import feedback
    from cscoach.printing import feedback as printed

    months = feedback.months_with_items(cafe)
    with_quotes = {m: pdf(cafe, m) for m in months}
    monkeypatch.setattr(printed, "_quotes", lambda report: [])
    without = {m: pdf(cafe, m)[0] for m in months}
    for month, (pages, _text, reader) in with_quotes.items():
        if pages == without[month]:
            continue
        assert pages == without[month] + 1, month
        last = reader.pages[-1].extract_text()
        assert "In their words" in last and last.count("“") == 2, month
