"""File › Export to Excel… (the whole workbook as a spreadsheet), kept out of the window's
own module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cscoach.model.files import refuse_workbook
from cscoach.ui import dialogs
from cscoach.ui.filenames import safe_file_name

if TYPE_CHECKING:
    from cscoach.ui.main_window import MainWindow

XLSX_FILTER = "Excel spreadsheets (*.xlsx)"


def export_spreadsheet(window: MainWindow) -> None:
    """Ask where to save, then write the whole open workbook there as a spreadsheet; the
    status bar says what was written. Refuses the workbook itself (or any workbook)."""
    wb = window.wb
    if wb is None:
        return
    page = window.current_page()
    if page is not None:
        page.save_pending()  # what is being typed goes in too
    suggested = wb.path.with_name(safe_file_name(f"{wb.name}.xlsx"))
    path = dialogs.ask_save_path(window, "Export to Excel", suggested, XLSX_FILTER, ".xlsx")
    if path is None:
        return

    def write() -> str:
        from cscoach.model import spreadsheet

        refuse_workbook(path, wb.path)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = spreadsheet.export_workbook(wb, path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        rows = sum(count for _, count in result.sheets)
        return f"Exported {len(result.sheets)} sheets ({rows} rows) to {path}"

    message = dialogs.write_or_explain(window, "Could not export to Excel", path, write)
    if message:
        window.statusBar().showMessage(message, 15000)
