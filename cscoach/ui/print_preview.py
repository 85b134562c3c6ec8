"""The print preview: the real PDF on screen, with Save PDF… and Print…."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.filenames import safe_file_name

if TYPE_CHECKING:
    from cscoach.printing.documents import PrintRequest


def load_pdf(data: bytes, parent: QWidget | None = None) -> QPdfDocument:
    """A QPdfDocument reading from memory (the buffer lives as long as the document)."""
    document = QPdfDocument(parent)
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
    """Shows a printed document exactly as it will come out of the printer."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(f"{title} — Print Preview")
        self.pdf = pdf
        self.file_name = file_name
        self.document = load_pdf(pdf, self)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        pages = self.document.pageCount()
        self.pages_label = QLabel(f"{pages} page{'s' if pages != 1 else ''}")
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
        close = QPushButton("Close")
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        for button in (fit_width, fit_page, self.save_button, self.print_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        self.warning_label = QLabel("\n".join(warnings))
        self.warning_label.setObjectName("printWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setStyleSheet(
            "background: #fff4e5; color: #7a4100; padding: 8px; border-radius: 4px;"
        )
        self.warning_label.setVisible(bool(warnings))
        layout.addWidget(self.warning_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(860, 980)

    def save_pdf(self) -> Path | None:
        path = dialogs.ask_save_path(
            self, "Save PDF", self.file_name, "PDF documents (*.pdf)", ".pdf"
        )
        if path is None:
            return None
        try:
            _write_file(path, self.pdf)
        except OSError as exc:
            dialogs.show_error(self, "Could not save the PDF", f"{path}: {exc.strerror or exc}")
            return None
        return path

    def print_pdf(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)


def _write_file(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def show_preview(
    parent: QWidget, pdf: bytes, title: str, file_name: str, warnings: tuple[str, ...] = ()
) -> None:
    """Open the preview as a modal window."""
    dialog = PrintPreviewDialog(pdf, title, file_name, parent, warnings)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()


def preview(
    parent: QWidget, wb: Workbook, request: PrintRequest, title: str, file_name: str
) -> None:
    """Render a document from the workbook and show it; a problem is explained instead."""
    from cscoach.printing.documents import render

    try:
        printed = render(wb, request)
    except ValidationError as exc:
        dialogs.show_error(parent, "Cannot print", exc.message)
        return
    show_preview(parent, printed.pdf, title, safe_file_name(file_name), printed.warnings)
