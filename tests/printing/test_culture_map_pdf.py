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
