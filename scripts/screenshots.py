"""Save a PNG of every page and tab of CS Coach: ``python scripts/screenshots.py WORKBOOK [OUT]``.

Starts the real app (``cscoach.ui.app``) on WORKBOOK under whatever display is set (``make
screenshots`` runs it under ``xvfb-run``), shows each sidebar page and each of its tabs in
turn, then the Help windows, and saves them as PNGs:

- ``OUT/`` in the light palette (``<n>-<page>.png``, ``<n>-<page>-<tab>.png``, ``help-…``);
- ``OUT/dark/`` the same in the dark palette, switched to while the app runs (as when the
  system changes mode), so it also shows that nothing keeps a light colour;
- ``OUT/200/`` in light at 200 % scaling (``QT_SCALE_FACTOR=2``, in a second process: Qt
  reads the factor at start-up; under a 2800x1800 ``xvfb-run`` screen when there is one),
  so each PNG is twice the size.

``--schemes`` and ``--no-200`` choose fewer. OUT defaults to ``screenshots/``. Window state
goes to a temporary settings file, never to the user's own.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget, QWidget

from cscoach.ui import app as cscoach_app
from cscoach.ui import style
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.registry import PAGES
from cscoach.ui.record_editor import RecordEditor

WIDTH, HEIGHT = (int(v) for v in os.environ.get("SHOT_SIZE", "1280x800").split("x"))
SCALED = "200"  # the folder of the 200 % shots
SHOW_SECONDS = 0.4  # time for a page or tab to finish drawing before its picture is taken


BUSY_SECONDS = 30  # the longest to wait for a busy widget (the KPI charts) to finish


def busy(app: QApplication) -> bool:
    """Whether a visible widget says it is still drawing (``busy``, as the KPI charts do)."""
    return any(w.isVisible() and getattr(w, "busy", None) is True for w in app.allWidgets())


def settle(app: QApplication, rounds: int = 5, seconds: float = 0.0) -> None:
    """Let layouts, deferred deletes and paints finish (and, for ``seconds``, work that is
    spread over event-loop turns), then wait until no widget is busy (the KPI charts draw
    one panel per event-loop turn)."""
    for _ in range(rounds):
        app.processEvents()
        app.sendPostedEvents()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    deadline = time.monotonic() + BUSY_SECONDS
    while busy(app) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(rounds):
        app.processEvents()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.replace("&", "").lower()).strip("-")


def save(widget: QWidget, target: Path) -> None:
    if not widget.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    print(target)


def outer_tabs(root: QWidget) -> list[QTabWidget]:
    """The tab widgets inside ``root`` that no other tab widget inside it holds."""
    found = []
    for tabs in root.findChildren(QTabWidget):
        parent = tabs.parentWidget()
        while parent is not None and parent is not root and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if parent is root or parent is None:
            found.append(tabs)
    return found


def shoot_tabs(app: QApplication, window: MainWindow, root: QWidget, name: str, out: Path) -> None:
    """Every tab but the first of every tab widget in ``root`` (the first is already in
    the picture of ``root``), and the tabs of tab widgets inside each tab, in turn."""
    for tabs in outer_tabs(root):
        if not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(app, seconds=SHOW_SECONDS)
            shot = f"{name}-{slug(tabs.tabText(index))}"
            if index != first:
                save(window, out / f"{shot}.png")
            shoot_tabs(app, window, tabs.widget(index), shot, out)
        tabs.setCurrentIndex(first)
        settle(app)


def show_a_record(page: QWidget) -> None:
    """On a list + form page, or a tab of one, whose form is blank (a new record), the
    first record in the list: a picture of the page then shows what a record holds."""
    for part in (page, *(v for v in vars(page).values() if isinstance(v, QWidget))):
        editor, table = getattr(part, "editor", None), getattr(part, "table", None)
        if not isinstance(editor, RecordEditor) or not isinstance(table, QTableView):
            continue
        if editor.current_id is None and table.model().rowCount() > 0:
            table.selectRow(0)


def shoot_all(app: QApplication, window: MainWindow, out: Path) -> None:
    """Every page with its tabs (a list + form page with its first record in the form),
    then Help ▸ How CS Coach Works and Keyboard Shortcuts."""
    out.mkdir(parents=True, exist_ok=True)
    for number, spec in enumerate(PAGES, start=1):
        window.show_page(spec.key)
        settle(app)
        show_a_record(window.stack.currentWidget())
        settle(app, seconds=SHOW_SECONDS)
        name = f"{number}-{spec.key}"
        save(window, out / f"{name}.png")
        shoot_tabs(app, window, window.stack.currentWidget(), name, out)
    window.show_page(PAGES[0].key)
    for show, attribute, name in (
        (window.show_help, "help_window", "help-how-it-works"),
        (window.show_shortcuts, "shortcuts_dialog", "help-keyboard-shortcuts"),
    ):
        show()
        settle(app)
        dialog = getattr(window, attribute)
        save(dialog, out / f"{name}.png")
        dialog.close()
        settle(app)


def shoot_scaled(workbook: Path, out: Path) -> int:
    """The light shots at 200 % in ``out``, by this script in a second process, under a
    virtual screen of its own big enough for the doubled window and dialogs (if
    ``xvfb-run`` is installed; else on the display this one uses)."""
    env = dict(os.environ, QT_SCALE_FACTOR="2")
    command = [sys.executable, __file__, str(workbook), str(out), "--schemes", "light", "--no-200"]
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run:
        screen = f"-screen 0 {2 * WIDTH + 240}x{2 * HEIGHT + 200}x24"
        command = [xvfb_run, "-a", "-s", screen, *command]
    return subprocess.run(command, env=env, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("screenshots"))
    parser.add_argument(
        "--schemes",
        default="light,dark",
        help="palettes to shoot, comma-separated (light in OUT, dark in OUT/dark)",
    )
    parser.add_argument("--no-200", action="store_true", help="no 200 %% shots in OUT/200")
    args = parser.parse_args(argv)
    if not args.workbook.is_file():
        print(f"screenshots: error: {args.workbook} does not exist", file=sys.stderr)
        return 2
    schemes = [s.strip() for s in args.schemes.split(",") if s.strip()]
    unknown = [s for s in schemes if s not in style.PALETTES]
    if unknown:
        print(f"screenshots: error: no palette called {unknown[0]!r}", file=sys.stderr)
        return 2

    qt_app = cscoach_app.create_application([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="cscoach-shots-") as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = cscoach_app.create_main_window(args.workbook, settings)
        if window.wb is None:
            print(f"screenshots: error: could not open {args.workbook}", file=sys.stderr)
            return 1
        window.resize(WIDTH, HEIGHT)
        window.show()
        settle(qt_app)
        try:
            for scheme in schemes:
                style.apply(scheme)
                settle(qt_app)
                shoot_all(qt_app, window, args.out if scheme == "light" else args.out / scheme)
        except OSError as exc:
            print(f"screenshots: error: {exc}", file=sys.stderr)
            return 1
        finally:
            window.close()
            settle(qt_app)
    if not args.no_200:
        return shoot_scaled(args.workbook, args.out / SCALED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
