"""Overview, Team, Questionnaire, Philosophy and Standards on a laptop's screen (1366×768)
and a wide one (1920×1080), on the demo workbook: a record's form fits the height without
scrolling, what it shows besides its fields is in view, and a wide window gives the form
some of its room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from cscoach.model import starter_checklist
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.standards.page import StandardsPage

LAPTOP = QSize(1366, 768)
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
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()


def show(window: MainWindow, key: str, size: QSize = LAPTOP):
    window.show_page(key)
    window.resize(size)
    settle()
    return window.current_page()


def test_a_standard_with_its_reviews_fits_a_laptop_without_scrolling(window):
    page = show(window, "standards")
    assert isinstance(page, StandardsPage)
    page.table.selectRow(2)  # the demo's "Call for backup…": a review, five complaints
    settle()
    form = page.form
    assert form.form_title.text() == "Edit standard"
    assert page.form_scroll.verticalScrollBar().maximum() == 0
    # the history, what customers said and the actions are tabs at the foot of the form,
    # titled with their counts, and the first review is in view
    tabs = form.related
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Reviews (1)", "Customers said (5)", "Actions"]
    first = form.history_list.visualItemRect(form.history_list.item(0))
    bottom = form.history_list.viewport().mapTo(page.form_scroll.viewport(), first.bottomLeft())
    assert 0 < bottom.y() <= page.form_scroll.viewport().height()


def test_a_new_standard_has_plain_tab_titles(window):
    page = show(window, "standards")
    assert isinstance(page, StandardsPage)
    page.start_new()
    settle()
    tabs = page.form.related
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Reviews",
        "Customers said",
        "Actions",
    ]
    assert page.form.history_empty.text() == "Reviews appear here once the standard is added."


def test_a_wide_window_gives_the_standards_form_room(window):
    page = show(window, "standards")
    narrow = page.form_scroll.width()
    window.resize(WIDE)
    settle()
    assert page.form_scroll.width() >= narrow + 150
    assert page.form_scroll.width() * 2 < page.splitter.width()  # the list keeps the most


def select_member(page, name: str) -> None:
    row = next(r for r, m in enumerate(page.model.records()) if m.name == name)
    page.table.selectRow(row)
    settle()


def test_a_team_member_with_feedback_and_training_fits_a_laptop(window):
    page = show(window, "team")
    select_member(page, "Kwame Mensah")  # four compliments, four standards untrained
    assert page.detail_scroll.verticalScrollBar().maximum() == 0
    tabs = page.related
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Praise and complaints (4)",
        "Training",
    ]
    assert page.one_to_one_button.isVisible()  # beside their name


def test_a_new_starter_opens_on_their_first_weeks(window):
    page = show(window, "team")
    select_member(page, "Kwame Mensah")
    page.related.setCurrentWidget(page.said_tab)
    select_member(page, "Liam O'Connor")  # started in August: the checklist is open
    assert page.related.currentWidget() is page.training_tab
    assert page.training_box.checks[starter_checklist.PHILOSOPHY_READ].isVisible()
    page.start_new(focus=False)
    settle()
    assert not page.related.isVisible()  # nothing to show until they are added
