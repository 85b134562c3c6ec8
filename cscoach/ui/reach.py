"""File › Export to Excel… (the whole workbook as a spreadsheet), File › Export Calendar…
(the owner's dates as an .ics file) and File › Compare Locations… (several workbooks side by
side in a PDF), kept out of the window's own module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from cscoach.model.files import refuse_workbook
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.filenames import safe_file_name

if TYPE_CHECKING:
    from cscoach.ui.main_window import MainWindow

XLSX_FILTER = "Excel spreadsheets (*.xlsx)"
CALENDAR_FILTER = "Calendar files (*.ics)"


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


def export_calendar(parent: QWidget, wb: Workbook | None, today: dt.date | None = None) -> None:
    """Ask where to save, then write the owner's calendar there (.ics: the monthly review,
    reviews and action due dates, the next questionnaire); say how to use it."""
    if wb is None:
        return
    suggested = wb.path.with_name(safe_file_name(f"{wb.name} calendar.ics"))
    path = dialogs.ask_save_path(parent, "Export Calendar", suggested, CALENDAR_FILTER, ".ics")
    if path is None:
        return

    def write() -> bool:
        from cscoach.model import calendar_ics

        calendar_ics.export_calendar(wb, path, today=today or dt.date.today())
        return True

    if dialogs.write_or_explain(parent, "Could not export the calendar", path, write):
        dialogs.show_info(
            parent,
            "Calendar saved",
            f"Saved to {path}.\n\nImport it into Google Calendar, Outlook or Apple Calendar. "
            "Export it again after changes: importing it again updates the same events "
            "rather than adding new ones.",
        )


def compare_locations(window: MainWindow) -> None:
    """Pick two or more workbooks (one per shop), then preview them side by side. They are
    only read, even the one open here or one another CS Coach has open."""
    from cscoach.ui.main_window import FILE_FILTER

    directory = window.wb.path.parent if window.wb is not None else None
    paths = dialogs.ask_open_paths(
        window, "Compare Locations: choose two or more workbooks", FILE_FILTER, directory
    )
    if paths:
        show_comparison(window, paths)


def show_comparison(window: MainWindow, paths: list[Path]) -> None:
    from cscoach.model import rollup
    from cscoach.model.errors import CsCoachError
    from cscoach.printing.rollup import info_for, rollup_pdf
    from cscoach.ui.print_preview import show_preview

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = rollup.compare(paths)
        size = result.locations[0].page_size
        if window.wb is not None:
            from cscoach.model import settings

            size = settings.page_size(window.wb)
        pdf = rollup_pdf(result, info_for(result, size))
    except CsCoachError as exc:
        QGuiApplication.restoreOverrideCursor()
        dialogs.show_error(window, "Cannot compare these workbooks", exc.message)
        return
    QGuiApplication.restoreOverrideCursor()
    warnings = tuple(f"Left out {s.path.name}: {s.reason}" for s in result.skipped)
    show_preview(
        window,
        pdf,
        "Locations compared",
        safe_file_name(f"Locations compared {result.month}.pdf"),
        warnings,
        workbook=window.wb.path if window.wb is not None else None,
    )
