"""The print preview: the real PDF on screen, with Save PDF… and Print….

A document is laid out in a worker thread while the preview, open at once, shows it is
being prepared: a long handbook never freezes the window, and closing the preview stops
the work at its next page."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.imports import IMPORT_LOCK
from cscoach.model import files
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.filenames import safe_file_name

if TYPE_CHECKING:
    from cscoach.printing.documents import Printed, PrintRequest


def load_pdf(data: bytes, parent: QWidget | None = None) -> QPdfDocument:
    """A QPdfDocument reading from memory (the buffer lives as long as the document)."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    document.setProperty("_buffer", buffer)
    return document


RENDER_DPI = 300  # sharp on paper without page images of hundreds of megabytes


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page of ``document`` onto ``printer``; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        count = document.pageCount()
        dpi = min(printer.resolution(), RENDER_DPI)
        for index in range(count):
            if index:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            size = document.pagePointSize(index)  # points: 1/72 inch
            scale = min(target.width() / size.width(), target.height() / size.height())
            image = document.render(
                index, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
            )
            width, height = size.width() * scale, size.height() * scale
            painter.drawImage(QRectF(0, 0, width, height), image)
        return count
    finally:
        painter.end()


class PrintPreviewDialog(QDialog):
    """Shows a printed document exactly as it will come out of the printer.

    Made with ``pdf=None`` it says the document is being prepared (Save and Print wait)
    until ``show_document`` gives it the PDF."""

    def __init__(
        self,
        pdf: bytes | None,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(f"{title} — Print Preview")
        self.pdf = b""
        self.file_name = file_name
        self.workbook: Path | None = None  # never saved over (``files.refuse_workbook``)
        self.personal = False  # people's answers or a filled scorecard: saved 0600
        self.document = QPdfDocument(self)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.busy = QWidget(self)
        self.busy.setObjectName("preparing")
        busy_label = QLabel(f"Preparing “{title}”…", self.busy)
        busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy_label.setWordWrap(True)
        busy_bar = QProgressBar(self.busy)
        busy_bar.setRange(0, 0)  # busy: how long a document takes is not known beforehand
        busy_bar.setTextVisible(False)
        busy_bar.setMaximumWidth(320)
        busy_hint = QLabel("A long document takes a few seconds. Close stops it.", self.busy)
        busy_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy_hint.setProperty("role", "hint")
        busy_layout = QVBoxLayout(self.busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(busy_label)
        busy_layout.addWidget(busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addWidget(busy_hint)
        busy_layout.addStretch(2)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.busy)
        self.pages.addWidget(self.view)

        self.pages_label = QLabel("")
        self.pages_label.setObjectName("pagesLabel")
        fit_width = QPushButton("Fit &Width")
        fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        fit_page = QPushButton("Whole &Page")
        fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setObjectName("savePdf")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Save this document as a PDF file (Ctrl+S)")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("printPdf")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("Print on paper (Ctrl+P)")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_pdf)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("closePreview")
        self.close_button.clicked.connect(self.reject)
        self._needs_document = (fit_width, fit_page, self.save_button, self.print_button)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        for button in (*self._needs_document, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        self.warning_label = QLabel("")
        self.warning_label.setObjectName("printWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setProperty("role", "warning")  # the app's style sheet colours it
        self.warning_label.setVisible(False)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bar)
        self._fit_screen(parent)
        if pdf is None:
            for button in self._needs_document:
                button.setEnabled(False)
        else:
            self.show_document(pdf, warnings)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """860 × 980 where the screen has room; on a smaller one (a 1366 × 768 laptop) the
        whole dialog, its buttons too, within the screen's free area."""
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        width, height = 860, 980
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)  # the title bar the window manager adds
        self.resize(width, height)

    @property
    def preparing(self) -> bool:
        """Still waiting for its document."""
        return self.pages.currentWidget() is self.busy

    def show_document(self, pdf: bytes, warnings: tuple[str, ...] = ()) -> None:
        """Show ``pdf`` (and what the owner must know before printing it)."""
        self.pdf = pdf
        self.document = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        pages = self.document.pageCount()
        self.pages_label.setText(f"{pages} page{'s' if pages != 1 else ''}")
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        for button in self._needs_document:
            button.setEnabled(True)
        self.pages.setCurrentWidget(self.view)
        # one page is seen whole (a poster); a longer document is read page by page
        whole = QPdfView.ZoomMode.FitInView if pages == 1 else QPdfView.ZoomMode.FitToWidth
        self.view.setZoomMode(whole)
        if self.isVisible():
            self.print_button.setFocus()

    def save_pdf(self) -> Path | None:
        path = dialogs.ask_save_path(
            self, "Save PDF", self.file_name, "PDF documents (*.pdf)", ".pdf"
        )
        if path is None:
            return None

        def write() -> Path:
            files.write_file(path, self.pdf, private=self.personal, workbook=self.workbook)
            return path

        saved = dialogs.write_or_explain(self, "Could not save the PDF", path, write)
        if saved is not None:
            self.pages_label.setText(f"Saved as {saved.name}")  # where the page count was
            self.pages_label.setToolTip(str(saved))
        return saved

    def print_pdf(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)


_waiting: PrintPreviewDialog | None = None  # the open preview that is preparing its document


def show_preview(
    parent: QWidget,
    pdf: bytes,
    title: str,
    file_name: str,
    warnings: tuple[str, ...] = (),
    *,
    workbook: Path | None = None,
    personal: bool = False,
) -> None:
    """Show ``pdf`` in a modal preview: the one ``preview`` opened while preparing it, if
    any, else a new one. Save PDF… never writes over ``workbook`` and saves a ``personal``
    document readable by its owner only."""
    dialog = _waiting if _waiting is not None and _waiting.parent() is parent else None
    if dialog is None:
        dialog = PrintPreviewDialog(pdf, title, file_name, parent, warnings)
    else:
        dialog.show_document(pdf, warnings)
    dialog.workbook, dialog.personal = workbook, personal
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()


def preview(
    parent: QWidget, wb: Workbook, request: PrintRequest, title: str, file_name: str
) -> None:
    """Render a document from the workbook and show it; a problem is explained instead.

    The preview opens at once and says the document is being prepared while a worker
    thread lays it out; the window stays responsive, and closing the preview stops the
    work. Returns when the preview is closed."""
    global _waiting
    name = safe_file_name(file_name)
    job = RenderJob.start(wb, request)
    if job is None:  # the workbook cannot be read aside: render here, as quickly as ever
        from cscoach.printing.documents import render

        try:
            printed = render(wb, request)
        except ValidationError as exc:
            dialogs.show_error(parent, "Cannot print", exc.message)
            return
        show_preview(
            parent,
            printed.pdf,
            title,
            name,
            printed.warnings,
            workbook=wb.path,
            personal=request.personal,
        )
        return
    dialog = PrintPreviewDialog(None, title, name, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    try:
        if not job.wait(dialog):
            return  # closed before the document was ready: the job stops at its next page
        if isinstance(job.error, ValidationError):
            dialog.hide()
            dialogs.show_error(parent, "Cannot print", job.error.message)
            return
        if job.error is not None:
            raise job.error
        assert job.printed is not None
        _waiting = dialog
        show_preview(
            parent,
            job.printed.pdf,
            title,
            name,
            job.printed.warnings,
            workbook=wb.path,
            personal=request.personal,
        )
    finally:
        _waiting = None
        job.cancel()
        dialog.hide()
        dialog.deleteLater()


_one_at_a_time = threading.Lock()  # reportlab is not known to be thread-safe
POLL_MS = 25  # how often the preview looks whether its document is ready


class RenderJob:
    """One document rendered in a worker thread.

    The worker reads through its own read-only view of the workbook (a SQLite connection
    belongs to the thread that made it: ``Workbook.reader``)."""

    def __init__(self, reader: Workbook, request: PrintRequest) -> None:
        self._reader = reader  # the worker's own read-only view (``Workbook.reader``)
        self._request = request
        self._cancel = threading.Event()
        self.done = False
        self.printed: Printed | None = None
        self.error: BaseException | None = None

    @classmethod
    def start(cls, wb: Workbook, request: PrintRequest) -> RenderJob | None:
        """The job, running (call from the GUI thread); None when the workbook cannot be
        read from another thread (changes not committed yet, or the file cannot be opened
        again)."""
        reader = wb.reader()
        if reader is None:
            return None
        job = cls(reader, request)
        threading.Thread(target=job._run, name="print", daemon=True).start()
        return job

    def _run(self) -> None:
        with IMPORT_LOCK:  # not while the window imports matplotlib (``cscoach.charts``)
            from cscoach.printing.base import cancellable
            from cscoach.printing.documents import render

        try:
            with _one_at_a_time, cancellable(self._cancel):
                self.printed = render(self._reader, self._request)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.error = exc
        finally:
            self._reader.close()
            self.done = True

    def cancel(self) -> None:
        """Stop at the next page (the result is no longer wanted)."""
        self._cancel.set()

    def wait(self, dialog: PrintPreviewDialog) -> bool:
        """Show ``dialog`` and keep the window alive (events processed) until the document
        is ready (True) or the dialog is closed first (False).

        The worker never touches Qt; a timer wakes this loop to look at ``done``. (A nested
        ``QEventLoop.exec()`` here made PySide 6.12 fail at exit in the page tests, with
        "bool_dealloc"; processing events one batch at a time does not.)"""
        timer = QTimer()
        timer.start(POLL_MS)
        dialog.show()
        try:
            while not self.done and dialog.isVisible():
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        finally:
            timer.stop()
        return self.done and dialog.isVisible()
