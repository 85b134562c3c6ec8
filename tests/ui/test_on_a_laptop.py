"""Hiring, KPIs, Feedback, Actions and Training on a laptop's screen (1366×768, the most
common small screen, and 1280×720), on the demo workbook: nothing the owner reads is cut
off where there is room for it, and the part of a page the owner works in is in view
without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.kpis.page import KpisPage

LAPTOP = QSize(1366, 768)
SMALL_LAPTOP = QSize(1280, 720)
WIDE = QSize(1920, 1080)


@pytest.fixture
def window(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle() -> None:
    """Let the layouts and the columns fitted on show catch up."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()


def show(window: MainWindow, key: str, size: QSize = LAPTOP):
    window.show_page(key)
    window.resize(size)
    settle()
    return window.current_page()


@pytest.mark.parametrize(("size", "most_lines"), [(LAPTOP, 2), (SMALL_LAPTOP, 3), (WIDE, 1)])
def test_kpi_grid_headings_are_never_wider_than_their_columns(window, size, most_lines):
    page = show(window, "kpis", size)
    assert isinstance(page, KpisPage)
    header = page.grid.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for column in range(page.grid_model.columnCount()):
        heading = page.grid_model.headerData(column, Qt.Orientation.Horizontal)
        room = header.sectionSize(column) - 16  # the style's padding, 8 px either side
        for line in str(heading).split("\n"):
            assert metrics.horizontalAdvance(line) <= room, (line, room)
        # and no more lines than it needs: one on a wide screen
        assert heading.count("\n") < most_lines, heading
