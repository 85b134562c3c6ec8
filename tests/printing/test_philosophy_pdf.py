from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from cscoach.model import philosophy as ph
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render


def render_pdf(wb: Workbook, request: PrintRequest) -> bytes:
    return render(wb, request).pdf


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_draft_prints_as_draft_without_empty_headings(workbook: Workbook) -> None:
    sections = ph.list_sections(workbook)
    ph.add_value(workbook, "Own the problem", "Whoever hears it <keeps> it & solves it.")
    ph.save_section_body(workbook, sections[2].id, "Make every visit easier than the last.")
    text = text_of(render_pdf(workbook, PrintRequest("philosophy")))
    assert "Our customer service philosophy" in text
    assert "DRAFT" in text
    assert "Whoever hears it <keeps> it & solves it." in text
    assert sections[2].title in text
    assert sections[0].title not in text  # empty sections print no heading


def test_latest_version_by_default_and_chosen_version(workbook: Workbook) -> None:
    first = ph.list_sections(workbook)[0]
    ph.save_section_body(workbook, first.id, "Version one words.")
    ph.publish(workbook, "after the March meeting", on=dt.date(2026, 3, 20))
    ph.save_section_body(workbook, first.id, "Version two words.")
    ph.publish(workbook, on=dt.date(2026, 9, 1))
    ph.save_section_body(workbook, first.id, "Draft words.")
    latest = text_of(render_pdf(workbook, PrintRequest("philosophy")))
    assert "Version 2" in latest and "Version two words." in latest
    old = text_of(render_pdf(workbook, PrintRequest("philosophy", version=1)))
    assert "Version 1" in old and "20 March 2026" in old and "after the March meeting" in old
    assert "Version one words." in old
    draft = text_of(render_pdf(workbook, PrintRequest("philosophy", draft=True)))
    assert "DRAFT" in draft and "Draft words." in draft
    with pytest.raises(ValidationError, match="no version 5"):
        render_pdf(workbook, PrintRequest("philosophy", version=5))
