"""The print preview shows the real PDF, saves it and prints it page by page."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render
from cscoach.ui import print_preview
from cscoach.ui.print_preview import PrintPreviewDialog, print_document


def test_preview_shows_save_and_print(qtbot, workbook: Workbook, fake_dialogs, tmp_path) -> None:
    pdf = render(workbook, PrintRequest("questionnaire")).pdf
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    dialog = PrintPreviewDialog(pdf, "Team questionnaire", "team-questionnaire.pdf")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == pages
    assert dialog.pages_label.text() == f"{pages} pages"
    assert not dialog.warning_label.isVisibleTo(dialog)

    target = tmp_path / "saved.pdf"
    fake_dialogs.save_path = target
    assert dialog.save_pdf() == target
    assert target.read_bytes() == pdf
    assert dialog.pages_label.text() == "Saved as saved.pdf"  # said, not silent

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
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: shown.append(a))
    parent = QWidget()
    qtbot.addWidget(parent)
    print_preview.preview(parent, workbook, PrintRequest("answers"), "Answers", "a/b:c.pdf")
    assert shown == []
    assert "no questionnaire rounds" in fake_dialogs.texts("error")[0]
    print_preview.preview(parent, workbook, PrintRequest("poster"), "Poster", "a/b:c.pdf")
    assert shown and shown[0][3] == "a-b-c.pdf"


def test_save_pdf_replaces_the_file_whole_and_never_the_workbook(
    qtbot, workbook, tmp_path: Path, monkeypatch, fake_dialogs
) -> None:
    dialog = PrintPreviewDialog(b"%PDF-new", "Answers", "answers.pdf")
    qtbot.addWidget(dialog)
    dialog.workbook, dialog.personal = workbook.path, True
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    monkeypatch.setattr(print_preview.dialogs, "ask_save_path", lambda *a, **k: target)
    assert dialog.save_pdf() == target
    assert target.read_bytes() == b"%PDF-new"
    assert target.stat().st_mode & 0o777 == 0o640  # the replaced file's permissions kept
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["x.pdf"]  # no temporary left
    new = tmp_path / "new.pdf"
    monkeypatch.setattr(print_preview.dialogs, "ask_save_path", lambda *a, **k: new)
    dialog.save_pdf()
    assert new.stat().st_mode & 0o777 == 0o600  # people's answers: the owner's only
    link = tmp_path / "link.pdf"
    link.symlink_to(workbook.path)
    before = workbook.path.read_bytes()
    monkeypatch.setattr(print_preview.dialogs, "ask_save_path", lambda *a, **k: link)
    assert dialog.save_pdf() is None
    assert "is the workbook itself" in fake_dialogs.texts("error")[-1]
    assert workbook.path.read_bytes() == before


# -- laid out in a worker thread ----------------------------------------------------------


def _parent(qtbot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def _when_preparing(parent: QWidget, action) -> None:
    """Run ``action(dialog)`` once the preview shows it is preparing its document (from
    the events ``preview`` keeps processing meanwhile)."""

    def look() -> None:
        found = [d for d in parent.findChildren(PrintPreviewDialog) if d.isVisible()]
        if found and found[0].preparing:
            action(found[0])
        else:
            QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)


def test_the_document_is_laid_out_aside_while_the_preview_waits(
    qtbot, workbook: Workbook, monkeypatch
) -> None:
    from cscoach.printing import documents

    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_render(wb, request):
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real_render(wb, request)

    real_render = documents.render
    monkeypatch.setattr(documents, "render", slow_render)
    shown: list[tuple] = []
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: shown.append(a))
    seen: list[tuple] = []

    def check(dialog: PrintPreviewDialog) -> None:
        seen.append(
            (
                dialog.busy.isVisible(),
                dialog.save_button.isEnabled(),
                dialog.print_button.isEnabled(),
                dialog.close_button.isEnabled(),
            )
        )
        release.set()

    parent = _parent(qtbot)
    _when_preparing(parent, check)
    print_preview.preview(parent, workbook, PrintRequest("standards"), "Handbook", "h.pdf")
    assert seen == [(True, False, False, True)]  # the window kept handling events
    assert threads and threads[0] is not threading.main_thread()
    (args,) = shown
    assert args[0] is parent and args[1].startswith(b"%PDF") and args[2:4] == ("Handbook", "h.pdf")
    assert not [d for d in parent.findChildren(PrintPreviewDialog) if d.isVisible()]


def test_closing_the_preview_stops_the_layout(qtbot, workbook: Workbook, monkeypatch) -> None:
    from cscoach.printing import documents
    from cscoach.printing.base import Cancelled, check_cancelled

    stopped = threading.Event()

    def endless(wb, request):
        try:
            while True:  # a document of a great many pages
                check_cancelled()
                time.sleep(0.005)
        except Cancelled:
            stopped.set()
            raise

    monkeypatch.setattr(documents, "render", endless)
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: pytest.fail("shown"))
    parent = _parent(qtbot)
    _when_preparing(parent, lambda dialog: dialog.close_button.click())
    print_preview.preview(parent, workbook, PrintRequest("standards"), "Handbook", "h.pdf")
    assert stopped.wait(5)


def test_the_preview_that_waited_shows_the_document(qtbot, workbook: Workbook) -> None:
    pages: list[tuple] = []

    def read_and_close() -> None:
        (dialog,) = [d for d in parent.findChildren(PrintPreviewDialog) if d.isVisible()]
        if dialog.preparing:
            QTimer.singleShot(10, read_and_close)
            return
        pages.append((dialog.document.pageCount(), dialog.save_button.isEnabled()))
        dialog.reject()

    parent = _parent(qtbot)
    QTimer.singleShot(0, read_and_close)
    print_preview.preview(parent, workbook, PrintRequest("questionnaire"), "Form", "form.pdf")
    expected = len(PdfReader(io.BytesIO(render(workbook, PrintRequest("questionnaire")).pdf)).pages)
    assert pages == [(expected, True)]
    assert len(parent.findChildren(PrintPreviewDialog)) <= 1  # the same window, then gone


def test_uncommitted_changes_are_printed_from_the_app_connection(
    qtbot, workbook: Workbook, monkeypatch
) -> None:
    shown: list[bytes] = []
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: shown.append(a[1]))
    workbook.conn.execute("BEGIN")
    try:
        workbook.conn.execute(
            "UPDATE settings SET value = 'Uncommitted Café' WHERE key = 'business_name'"
        )
        parent = _parent(qtbot)
        print_preview.preview(parent, workbook, PrintRequest("signoff"), "Sign-off", "s.pdf")
    finally:
        workbook.conn.execute("ROLLBACK")
    (pdf,) = shown
    assert "Uncommitted Café" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_preview_fits_the_screen_and_a_poster_is_seen_whole(qtbot, workbook: Workbook) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdfWidgets import QPdfView

    poster = render(workbook, PrintRequest("poster")).pdf
    dialog = PrintPreviewDialog(poster, "Poster", "poster.pdf")
    qtbot.addWidget(dialog)
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView  # one page: all of it
    handbook = render(workbook, PrintRequest("questionnaire")).pdf
    longer = PrintPreviewDialog(handbook, "Questionnaire", "questionnaire.pdf")
    qtbot.addWidget(longer)
    assert longer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
