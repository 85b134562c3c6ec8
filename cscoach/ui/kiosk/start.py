"""Starting the counter kiosk: ``cscoach kiosk WORKBOOK`` (``run_kiosk``) and File › Start
Counter Kiosk… in the app (``start_from_window``). The kiosk has its own connection and
lock (``open_for_kiosk``), so the app can stay open on the same workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from cscoach.model import kiosk
from cscoach.model.errors import CsCoachError
from cscoach.model.kiosk_votes import open_for_kiosk
from cscoach.ui import dialogs
from cscoach.ui.kiosk import setup
from cscoach.ui.kiosk.window import KioskWindow

if TYPE_CHECKING:
    from cscoach.ui.main_window import MainWindow

# The kiosk windows open from the app, kept alive while they run.
_RUNNING: list[KioskWindow] = []


def show_kiosk(window: KioskWindow, beside: QWidget | None = None) -> None:
    """Full screen, on another screen than ``beside`` (the app) when there is one."""
    screens = QGuiApplication.screens()
    if beside is not None and len(screens) > 1:
        mine = beside.screen()
        other = next((s for s in screens if s is not mine), None)
        if other is not None:
            window.setGeometry(other.geometry())
    window.showFullScreen()
    window.activateWindow()


def run_kiosk(path: Path, argv: list[str] | None = None) -> int:
    """``cscoach kiosk PATH``: the kiosk until the owner leaves it; prints the count."""
    from cscoach.ui.app import create_application

    app = create_application(argv)
    wb = open_for_kiosk(path)
    try:
        if not kiosk.has_pin(wb) and not setup.ask_setup(None, wb):
            print("No PIN was set, so the kiosk did not start.")
            return 0
        window = KioskWindow(wb)
        show_kiosk(window)
        app.exec()
        print(window.summary_text().replace("\n", " "))
        sys.stdout.flush()
    finally:
        wb.close()
    return 0


def start_from_window(window: MainWindow) -> None:
    """File › Start Counter Kiosk…: the kiosk's settings (and PIN), then the kiosk, while
    the app stays open."""
    wb = window.wb
    if wb is None:
        return
    if wb.read_only:
        dialogs.show_error(
            window,
            "Start Counter Kiosk",
            "This workbook is open read-only, so the kiosk could not save votes in it.",
        )
        return
    page = window.current_page()
    if page is not None:
        page.save_pending()
    try:
        kiosk_wb = open_for_kiosk(wb.path)
    except CsCoachError as exc:
        dialogs.show_error(window, "Start Counter Kiosk", exc.message)
        return
    if not setup.ask_setup(window, kiosk_wb):
        kiosk_wb.close()
        return
    kiosk_window = KioskWindow(kiosk_wb)
    _RUNNING.append(kiosk_window)

    def closed() -> None:
        kiosk_wb.close()
        if kiosk_window in _RUNNING:
            _RUNNING.remove(kiosk_window)
        window.statusBar().showMessage(kiosk_window.summary_text().replace("\n", " "), 15000)

    kiosk_window.closing.connect(closed)
    show_kiosk(kiosk_window, window)
