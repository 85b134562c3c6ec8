"""The poster's one-page rule, the handbook and the sign-off sheet, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY, clock_on
from pypdf import PdfReader

from cscoach.model import philosophy as ph
from cscoach.model import standards as st
from cscoach.model import team
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render


def read(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def squash(s: str) -> str:
    return "".join(s.split())


def mark_only(wb: Workbook, count: int) -> list[str]:
    """Leave exactly ``count`` standards on the poster, adding standards as needed."""
    categories = st.list_categories(wb)
    existing = st.list_standards(wb, status="active")
    st.set_on_poster(wb, [s.id for s in existing], False)
    for n in range(len(existing), count):
        category = categories[n % len(categories)].id
        st.add_standard(wb, st.StandardInput(f"Standard number {n + 1} for the team", category))
    chosen = st.list_standards(wb, status="active")[:count]
    st.set_on_poster(wb, [s.id for s in chosen], True)
    return [s.title for s in chosen]


@pytest.mark.parametrize("count", [1, 8, 40])
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_poster_is_always_one_page(workbook: Workbook, count: int, size: str) -> None:
    titles = mark_only(workbook, count)
    printed = render(workbook, PrintRequest("poster", page_size=size))
    pages, text = read(printed.pdf)
    assert pages == 1
    flat = squash(text)
    shown = [t for t in titles if squash(t) in flat]
    if printed.warnings:
        missing = len(titles) - len(shown)
        assert missing > 0
        assert f"{missing} of the {count}" in printed.warnings[0]
        assert f"+ {missing} more standard" in text
    else:
        assert shown == titles


def test_poster_type_never_below_the_floor(workbook: Workbook) -> None:
    from cscoach.printing.documents import _info
    from cscoach.printing.standards import POSTER_SIZES, poster

    mark_only(workbook, 8)
    items = [s for s in st.list_standards(workbook, status="active") if s.on_poster]
    result = poster(_info(workbook, PrintRequest("poster"), "Our service standards"), "", items)
    assert result.font_size >= 28 and result.not_fitted == 0
    mark_only(workbook, 80)
    items = [s for s in st.list_standards(workbook, status="active") if s.on_poster]
    result = poster(_info(workbook, PrintRequest("poster"), "Our service standards"), "", items)
    assert result.font_size == POSTER_SIZES[-1] == 14
    assert result.shown + result.not_fitted == 80 and result.not_fitted > 0


def test_poster_prints_text_as_typed_with_message(workbook: Workbook) -> None:
    in_person = st.list_categories(workbook)[0].id
    st.set_on_poster(workbook, [s.id for s in st.list_standards(workbook)], False)
    st.add_standard(
        workbook, st.StandardInput("Say <hello> & smile — Привет", in_person, on_poster=True)
    )
    message = next(s for s in ph.list_sections(workbook) if s.title == "Our one clear message")
    ph.save_section_body(workbook, message.id, "We own every problem & fix it.")
    st.mark_reviewed(workbook, [s.id for s in st.list_standards(workbook)], on="2026-10-01")
    _, text = read(render(workbook, PrintRequest("poster", today=FIXED_TODAY)).pdf)
    flat = " ".join(text.split())
    assert "Say <hello> & smile — Привет" in flat
    assert "We own every problem & fix it." in flat
    assert "Corner Café" in flat and "Our service standards" in flat
    assert "Reviewed 1 October 2026" in text and "next review" in text


@pytest.mark.parametrize("doc", ["poster", "standards", "signoff"])
def test_the_next_review_is_judged_on_the_day_printed_not_by_the_clock(
    workbook: Workbook, doc: str
) -> None:
    st.mark_reviewed(workbook, [s.id for s in st.list_standards(workbook)], on="2026-10-01")
    due = st.review_summary(workbook).next_review
    assert due is not None and due > FIXED_TODAY.isoformat()
    with clock_on(dt.date(2031, 1, 1)):  # the machine's clock, long after the review was due
        _, text = read(render(workbook, PrintRequest(doc, today=FIXED_TODAY)).pdf)
    assert "Reviewed 1 October 2026" in text and "next review" in text
    _, text = read(render(workbook, PrintRequest(doc, today=dt.date(2031, 1, 1))).pdf)
    assert "Reviewed 1 October 2026" in text and "next review" not in text


def test_an_overdue_review_is_not_printed_for_the_team(workbook: Workbook) -> None:
    st.mark_reviewed(workbook, [s.id for s in st.list_standards(workbook)], on="2020-01-01")
    for doc in ("poster", "standards"):
        _, text = read(render(workbook, PrintRequest(doc)).pdf)
        assert "Reviewed 1 January 2020" in text
        assert "next review" not in text  # the footer says when, not that it is late
        if doc == "poster":
            assert "verdue" not in text
        else:  # the handbook says it of each standard, in the words the app uses
            assert "Overdue since" in text and "OVERDUE" not in text


def test_empty_poster_says_so(workbook: Workbook) -> None:
    st.set_on_poster(workbook, [s.id for s in st.list_standards(workbook)], False)
    pages, text = read(render(workbook, PrintRequest("poster")).pdf)
    assert pages == 1 and "No standards are marked" in text


def test_handbook_lists_every_active_standard(workbook: Workbook) -> None:
    value = ph.add_value(workbook, "Own the problem")
    owner = team.add_member(workbook, "Ana <A&B>")
    retired = st.list_standards(workbook)[-1]
    st.set_active(workbook, retired.id, False)
    sid = st.add_standard(
        workbook,
        st.StandardInput(
            "Call back the same day",
            st.list_categories(workbook)[1].id,
            "Detail & <more>",
            (value,),
            None,
            owner,
            3,
        ),
        last_reviewed="2026-01-10",
    )
    pages, text = read(render(workbook, PrintRequest("standards")).pdf)
    flat = squash(text)
    assert pages >= 2 and "Contents" in text
    for s in st.list_standards(workbook, status="active"):
        assert squash(s.title) in flat
    assert squash(retired.title) not in flat
    assert "Ana <A&B>" in text and "Detail & <more>" in text and "Own the problem" in text
    assert "10 January 2026" in text
    assert "Overdue since 10 April 2026" in text  # reviewed in January, every 3 months
    assert st.get_standard(workbook, sid).overdue()


def test_signoff_lists_active_team(workbook: Workbook) -> None:
    team.add_member(workbook, "Ana", "Barista")
    gone = team.add_member(workbook, "Former Person")
    team.set_active(workbook, gone, False)
    pages, text = read(render(workbook, PrintRequest("signoff")).pdf)
    assert pages == 1
    assert "Ana" in text and "Barista" in text and "Former Person" not in text
    assert "Signature" in text


def set_message(wb: Workbook, body: str) -> None:
    section = next(s for s in ph.list_sections(wb) if s.title == "Our one clear message")
    ph.save_section_body(wb, section.id, body)


MESSAGE_CUT = "The one clear message did not fit"


@pytest.mark.parametrize("count", [3, 40])  # one column, and two under a heading frame
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_very_long_message_is_cut_short_on_one_page(
    workbook: Workbook, count: int, size: str
) -> None:
    mark_only(workbook, count)
    message = " ".join(f"We own problem {n} and fix it." for n in range(300))[:2000]
    set_message(workbook, message)
    printed = render(workbook, PrintRequest("poster", page_size=size))
    pages, text = read(printed.pdf)
    assert pages == 1
    assert any(MESSAGE_CUT in w for w in printed.warnings)
    flat = squash(text)
    assert squash(message[:300]) in flat  # its start is there, in readable type
    assert squash(message) not in flat and "…" in text
    assert squash("Our service standards") in flat and "Corner Café" in text  # may wrap
    if count == 3:
        assert not any("did not fit on one page" in w for w in printed.warnings)


def test_one_word_of_10000_letters_as_the_message(workbook: Workbook) -> None:
    mark_only(workbook, 12)
    set_message(workbook, "W" * 10_000)
    printed = render(workbook, PrintRequest("poster"))
    pages, text = read(printed.pdf)
    assert pages == 1 and any(MESSAGE_CUT in w for w in printed.warnings)
    assert "WWWWWWWWWWWWWWWWWWWW" in text


def test_a_message_that_fits_is_neither_cut_nor_warned_about(workbook: Workbook) -> None:
    mark_only(workbook, 5)
    message = "We own every problem until the customer is happy, " * 4
    set_message(workbook, message)
    printed = render(workbook, PrintRequest("poster"))
    pages, text = read(printed.pdf)
    assert pages == 1 and printed.warnings == ()
    assert squash(message) in squash(text)


def test_the_longest_business_name_is_cut_short_in_the_heading(workbook: Workbook) -> None:
    from cscoach.model import settings

    settings.set_business_name(workbook, "W" * 200)  # the longest name the model takes
    mark_only(workbook, 8)
    printed = render(workbook, PrintRequest("poster"))
    pages, text = read(printed.pdf)
    assert pages == 1
    assert any("business name is too long" in w for w in printed.warnings)
    assert "Our service standards" in text


def test_a_heading_never_takes_more_than_its_share(workbook: Workbook) -> None:
    from cscoach.printing.base import frame_size, stacked_height
    from cscoach.printing.documents import _info
    from cscoach.printing.standards import HEADING_SHARE, POSTER_SIZES, _poster_heading

    info = _info(workbook, PrintRequest("poster"), "Our service standards")
    width, height = frame_size(info)
    for message in ("", "Short.", "Long words " * 400, "W" * 20_000):
        for size in (POSTER_SIZES[0], POSTER_SIZES[-1]):
            header, cut = _poster_heading(info, message, size, width, height * HEADING_SHARE)
            assert stacked_height(header, width) <= height * HEADING_SHARE
            assert ("message" in cut) == (len(message) > 1000)


def test_signoff_rows_grow_with_long_names(workbook: Workbook) -> None:
    team.add_member(workbook, "W" * 200, "Z" * 200)
    team.add_member(workbook, "Ana", "Barista")
    printed = render(workbook, PrintRequest("signoff"))
    pages, text = read(printed.pdf)
    assert pages == 1
    assert "W" * 200 in squash(text) and "Z" * 200 in squash(text)


def text_sizes(data: bytes) -> list[tuple[str, float, float, float]]:
    """Each run of text on the poster's page: its text, type size (points), x and y."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            runs.append((text.strip(), size * scale, tm[4] + cm[4], tm[5] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("size", ["a4", "letter"])
@pytest.mark.parametrize("count", [1, 4, 7, 8])
def test_the_poster_reads_from_across_the_room(tmp_path, size: str, count: int) -> None:
    from cscoach.model import demo

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=FIXED_TODAY)
    with Workbook.open(path) as wb:
        titles = [s.title for s in st.list_standards(wb, status="active")[:count]]
        st.set_on_poster(wb, [s.id for s in st.list_standards(wb)], False)
        st.set_on_poster(wb, [s.id for s in st.list_standards(wb, status="active")[:count]], True)
        printed = render(wb, PrintRequest("poster", page_size=size, today=FIXED_TODAY))
    assert printed.warnings == ()
    pages, text = read(printed.pdf)
    assert pages == 1
    for title in titles:
        assert squash(title) in squash(text)
    # no office furniture: only the small review line at the foot
    assert "Page 1" not in text and "Printed" not in text
    runs = text_sizes(printed.pdf)
    body = [r for r in runs if any(r[0] in t for t in titles)]
    assert body and min(r[1] for r in body) >= 28, sorted({round(r[1]) for r in body})
    # the page is filled: the lowest standard reaches the last fifth of the page
    height = 842 if size == "a4" else 792
    assert min(r[3] for r in body) < height * 0.2 + 30


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_category_heading_never_stands_alone_at_a_column_foot(
    workbook: Workbook, size: str
) -> None:
    from cscoach.printing.documents import _info
    from cscoach.printing.standards import POSTER_FLOOR, poster

    categories = st.list_categories(workbook)
    for n in range(30):  # one standard per category, round and round: many headings
        st.add_standard(
            workbook,
            st.StandardInput(f"Standard {n} says what we do", categories[n % 6].id),
        )
    items = st.list_standards(workbook, status="active")
    items.sort(key=lambda s: s.category)
    info = _info(workbook, PrintRequest("poster", page_size=size), "Our service standards")
    for count in range(8, len(items), 3):
        result = poster(info, "", items[:count])
        runs = [r for r in text_sizes(result.pdf) if r[1] >= POSTER_FLOOR - 0.5]
        names = {c.name for c in categories}
        for n, run in enumerate(runs):
            if run[0] in names:  # the next run in the text is a standard, in this column
                below = runs[n + 1] if n + 1 < len(runs) else None
                assert below is not None and below[0] not in names, (count, run)
                assert abs(below[2] - run[2]) < 30 and below[3] < run[3], (count, run, below)


def test_the_standards_that_did_not_fit_are_named(workbook: Workbook) -> None:
    titles = mark_only(workbook, 90)
    printed = render(workbook, PrintRequest("poster"))
    _, text = read(printed.pdf)
    shown = [t for t in titles if squash(t) in squash(text)]
    left_out = titles[len(shown) :]
    assert shown == titles[: len(shown)] and left_out
    warning = printed.warnings[0]
    for title in left_out[:10]:
        assert f"“{title}”" in warning
    assert f"and {len(left_out) - 10} more" in warning


def handbook_pages(wb: Workbook, size: str = "a4") -> list[list[str]]:
    data = render(wb, PrintRequest("standards", page_size=size, today=FIXED_TODAY)).pdf
    return [p.extract_text().splitlines() for p in PdfReader(io.BytesIO(data)).pages]


def contents_entries(data: bytes) -> dict[str, int]:
    """The contents list as printed: each standard's title and the page number beside it
    (drawn on the same line, at the right margin)."""
    entries: dict[str, int] = {}
    for page in PdfReader(io.BytesIO(data)).pages[1:]:
        runs: list[tuple[str, float, float]] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, runs: list = runs
        ) -> None:
            if text.strip():
                runs.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
        numbers = [(y, int(t)) for t, x, y in runs if t.isdigit() and x > 400]
        titles = [(t, y) for t, x, y in runs if re.match(r"\d+\. ", t) and x < 200]
        if not titles:
            break
        for title, y in titles:  # the number on the same baseline
            beside = [n for at, n in numbers if abs(at - y) < 1]
            assert len(beside) == 1, title
            entries[title.split(". ", 1)[1]] = beside[0]
    return entries


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_the_handbook_contents_say_the_right_pages(tmp_path, size: str) -> None:
    from cscoach.model import demo

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=FIXED_TODAY)
    with Workbook.open(path) as wb:
        categories = st.list_categories(wb)
        for n in range(40):  # long enough for several pages of standards
            st.add_standard(
                wb,
                st.StandardInput(
                    f"Extra standard {n} for the team",
                    categories[n % 3].id,
                    "What it looks like in practice, in a sentence or two. " * (1 + n % 6),
                ),
            )
        data = render(wb, PrintRequest("standards", page_size=size, today=FIXED_TODAY)).pdf
    reader = PdfReader(io.BytesIO(data))
    entries = contents_entries(data)
    assert len(entries) >= 50
    for title, number in entries.items():
        page = reader.pages[number - 1].extract_text()
        assert title in [" ".join(line.split()) for line in page.splitlines()], (title, number)
    # the running header names the category each page is in
    names = {c.name for c in categories}
    for page in reader.pages[3:]:
        head = [
            line
            for line in page.extract_text().splitlines()
            if "Service standards handbook ·" in line
        ]
        assert head and head[0].split("· ", 1)[1] in names
    # and the PDF's outline lists the categories
    assert {o.title for o in reader.outline if not isinstance(o, list)} <= names


def test_the_handbook_keeps_titles_with_their_detail_and_names_whole(workbook: Workbook) -> None:
    owner = team.add_member(workbook, "Aiko Tanaka")
    category = st.list_categories(workbook)[0].id
    for n in range(30):
        st.add_standard(
            workbook,
            st.StandardInput(
                f"Standard {n}: answer every question about allergens before the order is taken",
                category,
                "Check the allergen book, then ask the kitchen if in doubt. " * (2 + n % 5),
                owner_id=owner,
            ),
        )
    for size in ("a4", "letter"):
        pages = handbook_pages(workbook, size)
        for lines in pages[2:-1]:
            body = lines[:-4]  # the running header and footer come last
            assert not body[-1].startswith("Review every"), body[-3:]  # a head alone at the foot
        text = "\n".join("\n".join(p) for p in pages)
        assert "Aiko Tanaka" in text  # never "Aiko" at a line's end and "Tanaka" below


def test_an_owner_named_in_chinese_prints_in_the_handbook(workbook: Workbook) -> None:
    """A name kept on one line (no-break spaces) in the fallback font: the no-break spaces
    must not reach inside the font's markup (the handbook once failed to print)."""
    owner = team.add_member(workbook, "Wei 你好")
    category = st.list_categories(workbook)[0].id
    st.add_standard(workbook, st.StandardInput("Greet in two languages", category, owner_id=owner))
    pages, text = read(render(workbook, PrintRequest("standards")).pdf)
    assert pages >= 1 and "你好" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_right_to_left_standard_has_its_tick_on_the_right(
    workbook: Workbook, tmp_path: Path
) -> None:
    category = st.list_categories(workbook)[0].id
    st.add_standard(workbook, st.StandardInput("עונים לכל הודעה", category, on_poster=True))
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(render(workbook, PrintRequest("poster", today=FIXED_TODAY)).pdf)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(m.group(1)), float(m.group(2)), m.group(3))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    ]
    hebrew = [(x, y) for x, y, w in words if any("\u0590" <= c <= "\u05ff" for c in w)]
    y = hebrew[0][1]
    ticks = [x for x, ty, w in words if w == "✓" and abs(ty - y) < 3]
    assert ticks and ticks[0] > max(x for x, _ in hebrew)  # right of the words: read first
