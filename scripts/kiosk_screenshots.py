"""Screenshots of the counter kiosk, full screen, as a customer sees it.

    DISPLAY=:91 .venv/bin/python scripts/kiosk_screenshots.py OUT [--scheme light|dark]

Run it on a virtual screen of the size wanted (``Xvfb :91 -screen 0 1280x800x24``), ideally
with a window manager (``openbox``) so full screen is what a desktop would do. Saves the
whole screen for each of the kiosk's screens (faces, 0 to 10, the follow-up question, the
thank-you, the staff PIN pad, the count on leaving) and the KPI page's Kiosk tab, on the
demo café made in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    os.environ["CSCOACH_COLOR_SCHEME"] = args.scheme
    folder = Path(tempfile.mkdtemp(prefix="cscoach-kiosk-shots-"))
    os.environ["CSCOACH_DATA_DIR"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")

    import datetime as dt

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from cscoach.model import kiosk
    from cscoach.model.demo import create_demo
    from cscoach.model.kiosk_votes import KioskSession, open_for_kiosk
    from cscoach.ui.app import create_application
    from cscoach.ui.kiosk.window import KioskWindow

    today = dt.date(2026, 11, 22)
    path = folder / "demo.cscoach"
    create_demo(path, today=today)
    app = create_application()  # noqa: F841 - kept alive while the screenshots are taken
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    wb = open_for_kiosk(path)
    kiosk.set_pin(wb, "2468")
    seconds = [0.0]
    session = KioskSession(
        wb,
        kiosk.get_settings(wb),
        now=lambda: dt.datetime(2026, 10, 31, 12, 30),  # the demo's kiosk month
        monotonic=lambda: seconds[0],
    )
    window = KioskWindow(wb, session=session)
    window.showFullScreen()

    def settle() -> None:
        QTest.qWait(400)  # the window manager's full screen, then the paint

    def shot(name: str) -> None:
        settle()
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(out / f"kiosk-{name}.png"))

    shot("faces")
    window.vote(kiosk.CSAT, 2)
    shot("nps")
    seconds[0] += 1
    window.vote(kiosk.NPS, 5)
    window.answer.setPlainText("The queue at lunch was very long and nobody said how long.")
    shot("follow-up")
    window.send_answer()
    shot("thanks")
    window.show_pin_pad()
    window.pin_edit.setText("24")
    shot("pin")
    window.pin_edit.setText("2468")
    window.check_pin()
    shot("summary")
    window.close()
    wb.close()

    from cscoach.ui.app import create_main_window

    main = create_main_window(path)
    main.resize(1180, 720)
    main.show()
    main.show_page("kpis")
    page = main.current_page()
    page.tabs.setCurrentWidget(page.kiosk)  # type: ignore[union-attr]
    settle()
    main.grab().save(str(out / "kpis-kiosk-tab.png"))
    main.close_workbook()
    return 0


if __name__ == "__main__":
    sys.exit(main())
