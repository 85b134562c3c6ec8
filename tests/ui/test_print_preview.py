"""The print preview shows the real PDF, saves it and prints it page by page."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render
from cscoach.ui import print_preview
from cscoach.ui.print_preview import PrintPreviewDialog, print_document


def test_preview_shows_save_and_print(qtbot, workbook: Workbook, fake_dialogs, tmp_path) -> None:
    pdf = render(workbook, PrintRequest("questionnaire")).pdf
    pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
    dialog = PrintPreviewDialog(pdf, "Team questionnaire", "team-questionnaire.pdf")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == pages
    assert dialog.pages_label.text() == f"{pages} pages"
    assert not dialog.warning_label.isVisibleTo(dialog)

    target = tmp_path / "saved.pdf"
    fake_dialogs.save_path = target
    assert dialog.save_pdf() == target
    assert target.read_bytes() == pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert print_document(dialog.document, printer) == pages
    assert len(PdfReader(printed).pages) == pages


def test_warnings_are_shown_before_printing(qtbot, workbook: Workbook) -> None:
    pdf = render(workbook, PrintRequest("poster")).pdf
    dialog = PrintPreviewDialog(pdf, "Poster", "poster.pdf", None, ("3 did not fit",))
    qtbot.addWidget(dialog)
    assert dialog.warning_label.isVisibleTo(dialog)
    assert dialog.warning_label.text() == "3 did not fit"


def test_preview_explains_what_cannot_be_printed(
    qtbot, workbook: Workbook, fake_dialogs, monkeypatch
) -> None:
    shown: list = []
    monkeypatch.setattr(print_preview, "show_preview", lambda *a: shown.append(a))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    print_preview.preview(parent, workbook, PrintRequest("answers"), "Answers", "a/b:c.pdf")
    assert shown == []
    assert "no questionnaire rounds" in fake_dialogs.texts("error")[0]
    print_preview.preview(parent, workbook, PrintRequest("poster"), "Poster", "a/b:c.pdf")
    assert shown and shown[0][3] == "a-b-c.pdf"


def test_saved_pdf_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    print_preview._write_file(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert list(tmp_path.iterdir()) == [target]
