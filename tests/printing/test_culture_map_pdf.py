from __future__ import annotations

import io

from pypdf import PdfReader

from cscoach.model import philosophy as ph
from cscoach.model import standards as st
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render


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


def test_a_map_too_big_for_a_page_is_laid_out_once_densest(workbook: Workbook) -> None:
    category = st.list_categories(workbook)[0].id
    value = ph.add_value(workbook, "Everything", "Means a lot")
    for n in range(120):
        st.add_standard(
            workbook,
            st.StandardInput(f"Standard {n} " + "word " * 20, category, value_ids=(value,)),
        )
    reader, text = read(render(workbook, PrintRequest("culture-map")).pdf)
    assert len(reader.pages) > 1  # better two pages than lost rows
    assert "Standard 119" in text


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
