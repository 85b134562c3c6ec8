"""The culture map: one landscape page while it fits (the demo's table); past that a
document with a section per value, read back from the PDF (pdftotext, column by column)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from cscoach.model import philosophy as ph
from cscoach.model import standards as st
from cscoach.model.culture_map import CultureMap, Link, ValueRow
from cscoach.model.workbook import Workbook
from cscoach.printing.culture_map import culture_map_document
from cscoach.printing.culture_map_sections import COLUMN_GAP, LIST_SIZE
from cscoach.printing.documents import PrintRequest, render
from cscoach.printing.info import DocumentInfo

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils"
)


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_one_landscape_page_with_gaps_and_unanchored(workbook: Workbook) -> None:
    value = ph.add_value(workbook, "Own <the> problem & more", "Keep it — Привет")
    standard = st.list_standards(workbook)[0]
    st.update_standard(
        workbook,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(value,)),
    )
    reader, text = read(render(workbook, PrintRequest("culture-map")).pdf)
    assert len(reader.pages) == 1
    page = reader.pages[0].mediabox
    assert float(page.width) > float(page.height)
    assert "Own <the> problem & more" in text and "Keep it — Привет" in text
    assert standard.title in text
    assert "⚠ Gap: no hiring criterion, no measured KPI" in text
    assert "Not linked to any value" in text


def test_many_values_still_one_page(workbook: Workbook) -> None:
    category = st.list_categories(workbook)[0].id
    values = [ph.add_value(workbook, f"Value number {n}", "What it means " * 6) for n in range(9)]
    for n in range(30):
        st.add_standard(
            workbook,
            st.StandardInput(
                f"Standard {n} serving two values",
                category,
                value_ids=(values[n % 9], values[(n + 4) % 9]),
            ),
        )
    reader, text = read(render(workbook, PrintRequest("culture-map", page_size="letter")).pdf)
    assert len(reader.pages) == 1
    assert "Value number 8" in text


def test_no_values_yet(workbook: Workbook) -> None:
    reader, text = read(render(workbook, PrintRequest("culture-map")).pdf)
    assert len(reader.pages) == 1 and "No core values yet" in text


def test_the_size_chosen_by_measuring_is_the_one_a_full_layout_would_choose(
    workbook: Workbook,
) -> None:
    """Each candidate is measured instead of laid out: the result must be the layout the
    old way (lay out every candidate in turn until one is a single page) gives."""
    from dataclasses import replace

    from cscoach.model.culture_map import culture_map
    from cscoach.printing import culture_map as printing
    from cscoach.printing.base import layout
    from cscoach.printing.documents import _info

    category = st.list_categories(workbook)[0].id
    values = [ph.add_value(workbook, f"Value {n}", "What it means to us " * 5) for n in range(6)]
    for n in range(26):  # just about fills a page: the choice is not the first size
        st.add_standard(
            workbook,
            st.StandardInput(f"Standard {n} for the team", category, value_ids=(values[n % 6],)),
        )
    for size in ("a4", "letter"):
        info = _info(workbook, PrintRequest("culture-map", page_size=size), "Culture map")
        info = replace(info, landscape=True)
        cmap = culture_map(workbook)
        expected = None
        for compact in (False, True):
            for points in printing.SIZES:
                pdf, pages = layout(info, printing._story(info, cmap, points, compact))
                if pages == 1 and expected is None:
                    expected = (pdf, points, compact)
        assert expected is not None and expected[1:] != (printing.SIZES[0], False)
        assert printing.culture_map_document(info, cmap) == expected[0]


@needs_pdftotext
def test_a_map_too_big_for_a_page_becomes_a_section_per_value(workbook: Workbook) -> None:
    """Through the whole path (model, documents, printing): one value with 120 long
    standards gets its section, every standard a bulleted item of its own."""
    category = st.list_categories(workbook)[0].id
    value = ph.add_value(workbook, "Everything", "Means a lot")
    titles = [f"Standard {n} " + "word " * 20 for n in range(120)]
    for title in titles:
        st.add_standard(workbook, st.StandardInput(title, category, value_ids=(value,)))
    data = render(workbook, PrintRequest("culture-map")).pdf
    reader, text = read(data)
    assert len(reader.pages) > 1  # better more pages than lost rows
    assert "Standard 119" in text and "; Standard" not in text
    items = [x.removesuffix(" — no one trained yet") for x in list_items(data)]
    assert items.count(" ".join(titles[119].split())) == 1
    assert {" ".join(t.split()) for t in titles} <= set(items)


def test_what_customers_said_of_each_values_standards(workbook: Workbook) -> None:
    import datetime as dt

    from cscoach.model import feedback as fb
    from cscoach.model import feedback_edit as fe

    today = dt.date(2026, 11, 22)
    warmth = ph.add_value(workbook, "Warmth")
    ph.add_value(workbook, "Nothing serves it")
    category = st.list_categories(workbook)[0].id
    greet = st.add_standard(workbook, st.StandardInput("Greet", category, value_ids=(warmth,)))
    for kind, day in (
        ("compliment", "2026-11-01"),
        ("compliment", "2026-10-01"),
        ("complaint", "2026-09-01"),
    ):
        data = fb.FeedbackInput(day, kind, "Said", standard_ids=(greet,))
        fe.add_item(workbook, data, today=today)
    reader, text = read(render(workbook, PrintRequest("culture-map", today=today)).pdf)
    assert len(reader.pages) == 1
    assert "Customers said" in text
    assert "2 compliments" in text and "1 complaint" in text
    assert "compliments and complaints of the last 12 months" in text


# -- the map in sections ----------------------------------------------------------------

CATEGORIES = ("In person", "Phone", "Email & messages", "Complaints & recovery")
OPENINGS = (
    "A first-time visitor",
    "Someone in a hurry",
    "The person at the back of the queue",
    "A regular",
    "The customer on the phone",
)
ENDINGS = (
    "should hear their name and a thank-you before they leave the counter",
    "wants the problem solved by the first person they speak to, whoever that is",
    "deserves a straight answer about what happens next and when",
    "ought to get a call back when we promised one, even on a busy Saturday",
)


def large_map(values: int = 7, per_value: int = 45, first: int | None = None) -> CultureMap:
    """A map far too big for a page, built directly: long titles that wrap, each standard
    serving two values, a tenth no one trained on, gaps, KPIs without recent figures."""
    standards = [
        Link(
            n,
            f"{OPENINGS[n % 5]} {ENDINGS[n // 5 % 4]} (standard {n})",
            category=CATEGORIES[n * 4 // (values * per_value)],
        )
        for n in range(values * per_value)
    ]
    rows = []
    for v in range(values):
        count = first if first is not None and v == 0 else 2 * per_value
        serving = tuple(s for s in standards if s.id % values in (v, (v + 1) % values))[:count]
        rows.append(
            ValueRow(
                v,
                f"Value heading {v}",
                f"What value {v} means to us, in a sentence or two. " * (1 + v % 3),
                tuple(sorted(serving, key=lambda s: (CATEGORIES.index(s.category), s.id))),
                (Link(900 + v, f"Criterion {v}"),) if v % 2 else (),
                (Link(800 + v, f"KPI {v}", measured=v % 3 != 0), Link(850, "Net Promoter Score")),
                praise=tuple(range(v)),
                complaints=(1, 2),
                untrained=tuple(s.id for s in serving if s.id % 10 == 3),
            )
        )
    return CultureMap(
        tuple(rows),
        (Link(1000, "Greet every customer within 30 seconds", category="In person"),),
        (Link(1001, "Product knowledge and willingness to learn"),),
    )


def info(size: str = "a4") -> DocumentInfo:
    return DocumentInfo("Culture map", "Harbour Café", page_size=size, landscape=True)


def pdftotext(data: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            ["pdftotext", "-layout", *args, str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
    return done.stdout


def list_items(data: bytes) -> list[str]:
    """Every bulleted item of the PDF, read column by column (each half of the page cut
    out): its first line starts with "• ", the lines it runs on to are indented under it."""
    reader = PdfReader(io.BytesIO(data))
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    column = (width - 2 * 18 * mm - COLUMN_GAP) / 2
    cut = 18 * mm + column + COLUMN_GAP / 2
    items: list[str] = []
    for x, w in ((0, cut), (cut, width - cut)):
        area = ("-x", str(int(x)), "-y", "0", "-W", str(int(w) + 1), "-H", str(int(height)))
        current: str | None = None
        indent = 0
        for line in pdftotext(data, *area).splitlines():
            body = line.lstrip()
            lead = len(line) - len(body)
            if body.startswith("• "):
                if current is not None:
                    items.append(current)
                current, indent = body[2:].strip(), lead
            elif current is not None and body and lead > indent:
                current += " " + body.strip()
            else:
                if current is not None:
                    items.append(current)
                current = None
        if current is not None:
            items.append(current)
    return items


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's lines of text between its running header and footer."""
    pages = pdftotext(data).split("\f")
    found = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            assert lines[-1].startswith("Printed") and "Page" in lines[-1]
            found.append(lines[1:-1])
    return found


@needs_pdftotext
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_each_standard_is_an_item_of_its_own_under_each_value_it_serves(size: str) -> None:
    cmap = large_map()
    data = culture_map_document(info(size), cmap)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 3
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape, like the one-page map
    expected: list[str] = []
    for row in cmap.values:
        expected += [
            s.name + (" — no one trained yet" if s.id in row.untrained else "")
            for s in row.standards
        ]
    expected += [x.name for x in cmap.unanchored_standards + cmap.unanchored_criteria]
    assert sorted(list_items(data)) == sorted(expected)
    text = pdftotext(data)
    assert "; " not in text  # no titles run together
    for row in cmap.values:
        assert row.name in text and row.meaning.split(".")[0] in text
    assert "⚠ Gap: no hiring criterion" in text
    assert "KPI 0 (no recent figures)" in text
    assert "Customers said" in text and "2 complaints naming these standards" in text
    assert "Not linked to any value" in text


@needs_pdftotext
def test_the_lists_are_nine_points_or_more() -> None:
    data = culture_map_document(info(), large_map(values=4))
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if "(standard " in text:
            sizes.add(round(size * tm[3] * cm[3], 2))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 9 and LIST_SIZE >= 9


@needs_pdftotext
def test_contents_on_the_first_page_give_each_values_page() -> None:
    data = culture_map_document(info(), large_map())
    pages = page_lines(data)
    assert "Contents" in pages[0]
    for v in range(7):
        name = f"Value heading {v}"
        on = next(n for n, lines in enumerate(pages, 1) if name in lines)
        entry = next(line for line in pages[0] if line.startswith(name))
        assert entry.split()[-1] == str(on)
    # few values: no contents
    few = culture_map_document(info(), large_map(values=2, per_value=60))
    assert "Contents" not in page_lines(few)[0]


@needs_pdftotext
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_value_heading_never_ends_a_page(size: str) -> None:
    """The first value's list grows a standard at a time, so the next heading falls at
    every height of its page: it always has what follows it on the same page."""
    headings = {f"Value heading {v}" for v in range(3)} | {"Not linked to any value"}
    for first in range(30, 52):
        data = culture_map_document(info(size), large_map(values=3, per_value=20, first=first))
        for lines in page_lines(data):
            assert lines[-1] not in headings
            assert not lines[-1].startswith("Standards (")
            for n, line in enumerate(lines):
                if line in headings:  # its meaning, gaps and labelled lines follow it
                    follows = "• " if line == "Not linked to any value" else "Customers said"
                    assert any(x.startswith(follows) for x in lines[n:])


def test_a_page_that_continues_a_list_says_whose_it_is() -> None:
    data = culture_map_document(info(), large_map(values=2, per_value=80))
    pages = page_lines(data)
    assert any(lines[0] == "Value heading 0 · standards (continued)" for lines in pages)
    assert any(
        line.endswith("(continued)") and line.split(" (")[0] in CATEGORIES
        for lines in pages
        for line in lines[:3]
    )


def test_unusual_titles_in_the_sections() -> None:
    """Right-to-left and Chinese titles, markup, and a title far longer than a column (made
    outside CS Coach) print in full."""
    base = large_map(values=2, per_value=40)
    odd = (
        Link(2001, "Greet <the> guest & say AT&T;", category="In person"),
        Link(2002, "رحب بالضيف باسمه", category="In person"),
        Link(2003, "欢迎每一位客人", category="In person"),
        Link(2004, "Huge " + "word " * 3000, category="Phone"),
    )
    row = base.values[0]
    rows = (ValueRow(row.id, row.name, row.meaning, odd + row.standards, (), ()), *base.values[1:])
    data = culture_map_document(info(), CultureMap(rows, (), ()))
    _, text = read(data)
    assert "Greet <the> guest & say AT&T;" in text
    assert "欢迎每一位客人" in text
    assert text.count("word") >= 3000


def test_the_demo_stays_one_page_with_its_table(demo_workbook: Workbook) -> None:
    for size in ("a4", "letter"):
        data = render(demo_workbook, PrintRequest("culture-map", page_size=size)).pdf
        reader, text = read(data)
        assert len(reader.pages) == 1
        assert "Value Standards Hiring criteria KPIs Customers said" in text
        assert "Contents" not in text and "(continued)" not in text


@pytest.mark.parametrize("per_value", [3, 4, 5, 6, 7, 8, 12, 30])
def test_a_map_skips_the_one_page_table_only_when_that_cannot_fit(per_value: int) -> None:
    """The quick estimate that sends a large map straight to its sections never claims a
    map too big that the densest one-page table would hold."""
    from cscoach.printing import culture_map as printing
    from cscoach.printing.base import frame_size, layout

    for size in ("a4", "letter"):
        cmap = large_map(values=4, per_value=per_value)
        width, height = frame_size(info(size))
        if printing._surely_too_big(cmap, width, height):
            densest = printing._story(info(size), cmap, printing.SIZES[-1], True)
            assert layout(info(size), densest)[1] > 1
