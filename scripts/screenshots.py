"""Save a PNG of every page of CS Coach: ``python scripts/screenshots.py WORKBOOK [OUT]``.

Starts the real app (``cscoach.ui.app``) on WORKBOOK under whatever display is set (``make
screenshots`` runs it under ``xvfb-run``), shows each sidebar page in turn and saves
``OUT/<n>-<page>.png`` (OUT defaults to ``screenshots/``). Window state goes to a temporary
settings file, never to the user's own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from cscoach.ui import app as cscoach_app
from cscoach.ui.main_window import PAGES

WIDTH, HEIGHT = 1280, 800


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts, deferred deletes and paints finish."""
    for _ in range(rounds):
        app.processEvents()
        app.sendPostedEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("screenshots"))
    args = parser.parse_args(argv)
    if not args.workbook.is_file():
        print(f"screenshots: error: {args.workbook} does not exist", file=sys.stderr)
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
        args.out.mkdir(parents=True, exist_ok=True)
        for number, spec in enumerate(PAGES, start=1):
            window.show_page(spec.key)
            settle(qt_app)
            target = args.out / f"{number}-{spec.key}.png"
            if not window.grab().save(str(target)):
                print(f"screenshots: error: could not write {target}", file=sys.stderr)
                return 1
            print(target)
        window.close()
        settle(qt_app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
