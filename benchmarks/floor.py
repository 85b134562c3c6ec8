"""The floor: a bare PySide6 window with CS Coach's skeleton and nothing else.

A sidebar list of the seven sections beside a stack of seven empty pages, in a main window of
the app's default size. ``python benchmarks/floor.py`` shows it until it is closed (Ctrl+C
closes it too). The start-up benchmark compares the app against how long this takes to appear
and how much memory it needs: no Qt app can do much better on this machine.
"""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

TITLE = "CS Coach floor"
SECTIONS = ("Overview", "Team", "Questionnaire", "Philosophy", "Standards", "Hiring", "KPIs")


def build_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle(TITLE)
    sidebar = QListWidget()
    sidebar.setFixedWidth(200)
    sidebar.addItems(list(SECTIONS))
    stack = QStackedWidget()
    for _ in SECTIONS:
        stack.addWidget(QWidget())
    sidebar.currentRowChanged.connect(stack.setCurrentIndex)
    sidebar.setCurrentRow(0)
    central = QWidget()
    layout = QHBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(sidebar)
    layout.addWidget(stack, 1)
    window.setCentralWidget(central)
    window.resize(1180, 760)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = build_window()
    signal.signal(signal.SIGINT, lambda *_args: app.closeAllWindows())
    timer = QTimer(app)  # lets Python run the signal handler, as the app does
    timer.timeout.connect(lambda: None)
    timer.start(250)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
