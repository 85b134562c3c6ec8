"""Starting the app: ``cscoach [WORKBOOK]`` ends up in ``run``.

Which workbook opens: the one named on the command line; else the one open when the app
last closed, if it still exists; else the default workbook, created on first start after
asking for the business name. A workbook that cannot be opened is explained and the window
opens without one, offering Open… and New Workbook….
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from cscoach import APP_NAME, __version__
from cscoach.model.workbook import Workbook, default_workbook_path
from cscoach.ui import icons, opening, prefs, style
from cscoach.ui.main_window import MainWindow

ORGANIZATION = "cscoach"

FIRST_START_INTRO = (
    "CS Coach keeps everything about your customer-service culture in one workbook file on "
    "this computer: your team's answers, your philosophy, standards, hiring and monthly "
    "figures. What is your business called? It goes on everything CS Coach prints.\n\n"
    "Not yet? Cancel to open a workbook you already have, or to try the demo café."
)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the names QSettings uses, in the Fusion style
    with CS Coach's light or dark palette (whichever the system uses, or
    ``CSCOACH_COLOR_SCHEME`` forces; see ``style``)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    # Fusion draws with the palette on every platform, so light and dark look the same
    # everywhere (the native Windows style, for one, ignores a dark palette).
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    style.install(app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cscoach")
    app.setWindowIcon(icons.app_icon())
    return app


def start_path(path: Path | None, settings: QSettings) -> Path:
    """The workbook to open at start-up (see the module docstring)."""
    if path is not None:
        return Path(path).expanduser()
    return prefs.last_workbook(settings) or default_workbook_path()


def open_start_workbook(path: Path | None, settings: QSettings) -> Workbook | None:
    """Open (or on first start create) the workbook to start with; None if there is none."""
    target = start_path(path, settings)
    if target.exists():
        return opening.open_workbook(None, target)
    if path is None or target == default_workbook_path():
        return opening.create_workbook(
            None, target, title="Welcome to CS Coach", intro=FIRST_START_INTRO
        )
    return opening.create_workbook(
        None,
        target,
        title="New Workbook",
        intro=(
            f"There is no workbook at {target} yet. To create one there, enter the name "
            "of your business."
        ),
    )


def create_main_window(
    path: Path | None = None,
    settings: QSettings | None = None,
    *,
    first_page_after_paint: bool = False,
) -> MainWindow:
    """The main window on the start-up workbook (or on none, offering Open and New).

    ``run`` builds the start page after the window's first paint, so the window appears
    without waiting for the page's imports and data; tests get the page at once."""
    settings = settings if settings is not None else QSettings()
    wb = open_start_workbook(path, settings)
    return MainWindow(wb, settings, first_page_after_paint=first_page_after_paint)


def _quit_on_interrupt(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the window properly (the workbook lock is released)."""
    signal.signal(signal.SIGINT, lambda *_args: app.closeAllWindows())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)  # lets Python run the signal handler
    timer.start(250)


def report_unexpected(exc_type, exc, tb) -> None:  # noqa: ANN001 - sys.excepthook's signature
    """Errors nobody caught (a full disk, an I/O error, a bug) are explained in a dialog,
    never shown as a traceback; the traceback goes to stderr for a bug report."""
    import traceback

    from cscoach.model.errors import StorageError, describe_failure
    from cscoach.ui import dialogs

    traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    if issubclass(exc_type, KeyboardInterrupt):
        return
    title = "Could not save" if issubclass(exc_type, (StorageError, OSError)) else "Sorry"
    dialogs.show_error(QApplication.activeWindow(), title, describe_failure(exc))


def run(path: Path | None, argv: list[str] | None = None) -> int:
    """Start CS Coach on ``path`` (or the usual workbook) and return the exit status."""
    app = create_application(argv)
    _quit_on_interrupt(app)
    sys.excepthook = report_unexpected
    window = create_main_window(path, first_page_after_paint=True)
    window.show()
    try:
        return app.exec()
    finally:
        window.close_workbook()
