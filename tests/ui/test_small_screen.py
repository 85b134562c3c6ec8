"""CS Coach on a small laptop screen (1024×640, and 1280×720: 1920×1080 at 150 %), on the
demo workbook: every page fits a window 1024 pixels wide, the columns the owner reads keep
room for their text, and the forms beside them give way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QTabWidget,
)

from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.hiring import candidates as candidate_panel
from cscoach.ui.pages.hiring import criteria as hiring_criteria
from cscoach.ui.pages.hiring.page import HiringPage
from cscoach.ui.pages.kpis.page import KpisPage
from cscoach.ui.pages.questionnaire.page import QuestionnairePage
from cscoach.ui.pages.registry import PAGE_KEYS
from cscoach.ui.pages.standards.page import StandardsPage
from cscoach.ui.pages.standards.table import OWNER, TITLE
from cscoach.ui.pages.team import page as team_page
from cscoach.ui.pages.team.page import TeamPage
from cscoach.ui.widgets import text_side, text_width

SMALL = QSize(1024, 640)
LAPTOP = QSize(1280, 720)
README = QSize(1280, 800)
READABLE = 15  # average characters a name or a title keeps at least


@pytest.fixture
def window(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(SMALL)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qtbot) -> None:
    """Let the layouts and the columns fitted on show catch up."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()


def show(qtbot, window: MainWindow, key: str, size: QSize = SMALL):
    window.show_page(key)
    window.resize(size)
    settle(qtbot)
    return window.current_page()


def outer_tabs(page) -> QTabWidget | None:
    found = page.findChildren(QTabWidget)
    return found[0] if found else None


def column_width(table: QTableView, column: int) -> float:
    """A column's width in average characters of the table's font."""
    return table.horizontalHeader().sectionSize(column) / text_width(table, 1)


def all_in_view(table: QTableView) -> bool:
    """Every column fits the table: nothing behind a horizontal scroll bar."""
    header: QHeaderView = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    return sum(header.sectionSize(c) for c in shown) <= table.viewport().width()


def shows_whole(combo: QComboBox) -> bool:
    """The drop-down's current text fits in it, not cut off."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_fits_a_window_1024_pixels_wide(qtbot, window, key):
    page = show(qtbot, window, key)
    tabs = outer_tabs(page)
    for index in range(tabs.count() if tabs is not None else 1):
        if tabs is not None:
            tabs.setCurrentIndex(index)  # tables fit their columns when first shown
            settle(qtbot)
        where = f"{key}, {tabs.tabText(index)}" if tabs is not None else key
        assert window.minimumSizeHint().width() <= SMALL.width(), where
        assert window.width() <= SMALL.width(), where


def test_every_questionnaire_view_fits_a_window_1024_pixels_wide(qtbot, window):
    page = show(qtbot, window, "questionnaire")
    assert isinstance(page, QuestionnairePage)
    for index in range(page.views.count()):
        page.views.setCurrentIndex(index)
        settle(qtbot)
        where = page.views.tabText(index)
        assert window.minimumSizeHint().width() <= SMALL.width(), where
        assert window.width() <= SMALL.width(), where


@pytest.mark.parametrize("size", [SMALL, README])
def test_questionnaire_round_reads_whole_on_a_small_screen(qtbot, window, size):
    page = show(qtbot, window, "questionnaire", size)
    assert isinstance(page, QuestionnairePage)
    # the round's name on one line of its heading, its date and options beside the buttons
    title = page.round_title
    assert title.text() == "Team meeting, October 2026"  # the demo made on FIXED_TODAY
    assert title.height() < 2 * title.fontMetrics().height()
    assert "2026-10-22" in page.round_facts.text()
    assert title.width() > title.fontMetrics().horizontalAdvance(title.text())
    # the round list keeps the rounds' names
    names = [page.round_list.item(row).text().split("\n")[0] for row in range(2)]
    longest = max(page.round_list.fontMetrics().horizontalAdvance(n) for n in names)
    assert page.round_list.viewport().width() > longest
    # who answered, in an anonymous round: the whole sentence
    member = page.editor.member
    assert member.currentText() == "Anonymous (this round records no names)"
    assert shows_whole(member)
    assert member.toolTip() == member.currentText()
    page.views.setCurrentIndex(2)  # Compare Rounds
    settle(qtbot)
    for combo in (page.compare_a, page.compare_b):
        assert shows_whole(combo), combo.currentText()
        assert combo.toolTip() == combo.currentText()
    assert page.compare_question.toolTip() == page.compare_question.currentText()
    assert page.compare_left.width() > text_width(page.compare_left, 30)


def test_leaving_a_wide_page_lets_the_window_narrow_again(qtbot, window):
    show(qtbot, window, "questionnaire")
    show(qtbot, window, "standards")
    assert window.minimumSizeHint().width() <= SMALL.width()
    window.resize(SMALL)
    settle(qtbot)
    assert window.width() <= SMALL.width()


@pytest.mark.parametrize("size", [SMALL, LAPTOP])
def test_standards_titles_keep_room_and_every_column_shows(qtbot, window, size):
    page = show(qtbot, window, "standards", size)
    assert isinstance(page, StandardsPage)
    assert column_width(page.table, TITLE) >= READABLE
    assert all_in_view(page.table)


def test_standards_owner_shows_in_full_on_a_1366_pixel_screen(qtbot, window):
    page = show(qtbot, window, "standards", QSize(1366, 768))
    assert isinstance(page, StandardsPage)
    widest = max(
        page.table.fontMetrics().horizontalAdvance(s.owner or "") for s in page.model.records()
    )
    assert page.table.horizontalHeader().sectionSize(OWNER) > widest


def test_standards_form_gives_way_on_a_small_screen(qtbot, window):
    page = show(qtbot, window, "standards", README)
    assert isinstance(page, StandardsPage)
    wide = page.form_scroll.width()
    assert page.form.forms[0].rowWrapPolicy() == QFormLayout.RowWrapPolicy.DontWrapRows
    window.resize(SMALL)
    settle(qtbot)
    assert page.form_scroll.width() < wide
    # narrow, every label goes over its field rather than the fields being cut off
    assert page.form.forms[0].rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
    assert page.form.width() <= page.form_scroll.viewport().width()
    assert page.form.minimumSizeHint().width() <= page.form_scroll.viewport().width()


@pytest.mark.parametrize("size", [SMALL, LAPTOP])
def test_candidate_names_keep_room_and_every_column_shows(qtbot, window, size):
    page = show(qtbot, window, "hiring", size)
    assert isinstance(page, HiringPage)
    table = page.candidates.table
    assert column_width(table, candidate_panel.NAME) >= READABLE
    assert all_in_view(table)
    # the form beside the list is still all there: no sideways scrolling
    page.candidates.table.selectRow(0)
    settle(qtbot)
    scroll = page.candidates.detail_scroll
    assert page.candidates.detail.width() <= scroll.viewport().width()


@pytest.mark.parametrize("size", [SMALL, LAPTOP])
def test_hiring_criteria_have_a_quality_column_and_every_column_shows(qtbot, window, size):
    page = show(qtbot, window, "hiring", size)
    assert isinstance(page, HiringPage)
    page.tabs.setCurrentWidget(page.criteria)
    settle(qtbot)
    table = page.criteria.table
    header = table.horizontalHeader()
    assert header.sectionResizeMode(hiring_criteria.QUALITY) == QHeaderView.ResizeMode.Stretch
    assert column_width(table, hiring_criteria.QUALITY) >= READABLE
    assert all_in_view(table)


@pytest.mark.parametrize("size", [SMALL, LAPTOP])
def test_team_names_and_roles_keep_room(qtbot, window, size):
    page = show(qtbot, window, "team", size)
    assert isinstance(page, TeamPage)
    for column in (team_page.NAME, team_page.ROLE):
        assert column_width(page.table, column) >= READABLE
    assert all_in_view(page.table)


def test_team_form_is_narrower_than_the_list(qtbot, window):
    page = show(qtbot, window, "team", README)
    assert isinstance(page, TeamPage)
    assert page.detail_panel.width() < page.list_panel.width()


def test_monthly_figures_show_four_kpis_whole_on_a_small_screen(qtbot, window):
    page = show(qtbot, window, "kpis")
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentIndex(0)
    settle(qtbot)
    assert page.grid_model.columnCount() == 4
    assert all_in_view(page.grid)


def test_kpi_definitions_show_every_kpi_in_a_short_window(qtbot, window):
    page = show(qtbot, window, "kpis")
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.definitions)
    settle(qtbot)
    table = page.definitions.table
    rows = table.rowCount()
    assert rows == 4
    assert table.viewport().height() >= rows * table.rowHeight(0)
    # the target history takes only the room its few changes need
    history = page.definitions.history
    assert history.height() < table.height()


def test_charts_win_over_the_notes_in_a_short_window(qtbot, window):
    page = show(qtbot, window, "kpis")
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.charts)
    settle(qtbot)
    notes = page.charts.notes_label
    assert notes.isVisible()
    short = notes.height()
    assert short < text_side(notes, 5, 16)  # fewer lines than in a tall window
    assert page.charts.scroll_area.height() > 3 * short
    window.resize(README)
    settle(qtbot)
    assert notes.height() > short


@pytest.mark.parametrize("size", [SMALL, LAPTOP])
def test_feedback_text_keeps_room_and_every_column_shows(qtbot, window, size):
    from cscoach.ui.pages.feedback import items_table
    from cscoach.ui.pages.feedback.page import FeedbackPage

    page = show(qtbot, window, "feedback", size)
    assert isinstance(page, FeedbackPage)
    table = page.items.table
    assert column_width(table, items_table.TEXT) >= READABLE
    assert all_in_view(table)
    # the form beside the list is all there: no sideways scrolling
    scroll = page.items.form_scroll
    assert page.items.form.width() <= scroll.viewport().width()
    assert page.items.form.minimumSizeHint().width() <= scroll.viewport().width()


def test_feedback_patterns_and_themes_fit_a_small_screen(qtbot, window):
    from cscoach.ui.pages.feedback.page import FeedbackPage

    page = show(qtbot, window, "feedback")
    assert isinstance(page, FeedbackPage)
    page.tabs.setCurrentWidget(page.patterns)
    settle(qtbot)
    assert window.width() <= SMALL.width()
    patterns = page.patterns
    assert patterns.body.width() <= patterns.scroll_area.viewport().width()
    for table in (patterns.open_table, patterns.recurring_table, patterns.praise_table):
        assert table.isVisible() and all_in_view(table)
    page.tabs.setCurrentWidget(page.themes)
    settle(qtbot)
    assert all_in_view(page.themes.table)
    assert column_width(page.themes.table, 0) >= 10  # the theme's name
