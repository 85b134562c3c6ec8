"""Every document, read back with pypdf: every font it uses is embedded (none of reportlab's
standard fonts, which a printer or viewer would replace with its own), and the file's
creation and modification dates are the moment it was made, not 1 January 2000."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model import demo, hiring_scorecard
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import DOCUMENTS, PrintRequest, render


@pytest.fixture(scope="module")
def cafe(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    demo.create_demo(path, today=FIXED_TODAY)
    with Workbook.open(path, read_only=True) as wb:
        yield wb


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the pages use, and whether its file is embedded."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            found[str(font["/BaseFont"])] = bool(descriptor and "/FontFile2" in descriptor)
    return found


def every_request(wb: Workbook) -> list[PrintRequest]:
    requests = [
        PrintRequest(name, page_size=size, today=FIXED_TODAY)
        for name in DOCUMENTS
        for size in ("a4", "letter")
    ]
    candidate = hiring_scorecard.find_candidate(wb, "Liam O'Connor")  # scored in the demo
    requests.append(PrintRequest("scorecard", candidate_name=candidate.name, today=FIXED_TODAY))
    return requests


def test_every_font_of_every_document_is_embedded(cafe: Workbook) -> None:
    for request in every_request(cafe):
        used = fonts(PdfReader(io.BytesIO(render(cafe, request).pdf)))
        assert used and all(used.values()), (request.document, request.page_size, used)
        assert not any("Helvetica" in name for name in used), request.document


def pdf_dates(data: bytes) -> tuple[dt.datetime, dt.datetime]:
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    return meta.creation_date, meta.modification_date


def test_the_dates_are_the_moment_it_was_made(
    cafe: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fixed, as every printing test fixes them (conftest.py): 22 November 2026
    created, modified = pdf_dates(render(cafe, PrintRequest("poster", today=FIXED_TODAY)).pdf)
    expected = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    assert created == modified == expected
    # as the app makes them: the clock's moment, whatever it says
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    for document in ("poster", "you-said-we-did", "standards"):
        before = time.time()
        created, modified = pdf_dates(render(cafe, PrintRequest(document, today=FIXED_TODAY)).pdf)
        after = time.time()
        assert created == modified
        assert before - 1 <= created.timestamp() <= after + 1, (document, created)


def test_every_document_named_is_one_that_prints() -> None:
    from cscoach.printing import documents, names

    assert list(documents.RENDERERS) == list(names.DOCUMENT_TITLES)
