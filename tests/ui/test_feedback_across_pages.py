"""The feedback reaches the rest of the app: the Overview's most urgent next step (open
complaints) and recurring themes open the Feedback page filtered to them, its Feedback card,
the culture map's "Customers said", a standard's and a team member's form with the feedback
naming them and "Show in Feedback ›", the Monthly Review's two lines of feedback, and
File › Import Feedback…. Driven through the widgets of the demo café's window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from cscoach.model import culture_map as cm
from cscoach.model import feedback, feedback_edit, feedback_links, feedback_themes, team
from cscoach.model import overview as ov
from cscoach.model.feedback import FeedbackInput
from cscoach.model.months import month_label
from cscoach.model.workbook import Workbook
from cscoach.ui.main_window import MainWindow
from cscoach.ui.named_feedback import item_line
from cscoach.ui.pages.feedback.page import FeedbackPage
from cscoach.ui.pages.kpis.page import KpisPage
from cscoach.ui.pages.overview.culture_map_view import FEEDBACK_COLUMN
from cscoach.ui.pages.overview.page import OverviewPage
from cscoach.ui.pages.standards.page import NO_FEEDBACK, NOT_ADDED_FEEDBACK, StandardsPage
from cscoach.ui.pages.team.page import TeamPage

TODAY = FIXED_TODAY
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, demo_workbook, settings) -> MainWindow:
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, LEFT)


def feedback_page(window: MainWindow) -> FeedbackPage:
    assert window.current_page_key() == "feedback"
    page = window.current_page()
    assert isinstance(page, FeedbackPage)
    return page


def listed(page: FeedbackPage) -> list[feedback.FeedbackItem]:
    return page.items.model.records()


def overview(window: MainWindow) -> OverviewPage:
    window.show_page("overview")
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    return page


# -- the Overview ---------------------------------------------------------------------------


def test_open_complaints_come_first_and_open_the_feedback_filtered(qtbot, window):
    page = overview(window)
    first = page.glance.next_steps.links[0]
    summary = feedback_links.open_summary(window.wb, today=TODAY)
    assert summary.count == 3
    assert first.text_label.text() == summary.sentence()
    assert first.text_label.text().startswith("3 complaints are still open — the oldest for ")
    assert first.toolTip() == "Show the open complaints on the Feedback page"
    click(qtbot, first)
    shown = feedback_page(window)
    assert shown.items.filters.status_filter.currentData() == feedback.OPEN
    assert len(listed(shown)) == 3 and all(item.is_open for item in listed(shown))
    assert shown.tabs.currentWidget() is shown.items


def test_a_recurring_theme_opens_the_feedback_at_its_theme(qtbot, window):
    wait = feedback_themes.find_theme(window.wb, "Wait time")
    assert wait is not None
    for days in (9, 6, 2):
        received = (TODAY - dt.timedelta(days=days)).isoformat()
        feedback_edit.add_item(
            window.wb,
            FeedbackInput(
                received, "complaint", "Queue again", theme_ids=(wait.id,), status="resolved"
            ),
            today=TODAY,
        )
    page = overview(window)
    page.reload()
    [link] = [s for s in page.glance.next_steps.links if s.step.kind == "theme"]
    assert link.text_label.text().startswith("Wait time keeps coming back: ")
    assert link.step.item_id == wait.id
    assert page.glance.next_steps.links[0].step.kind == "open"  # still the most urgent
    card = page.glance.cards["feedback"]
    assert card.line_labels[-1].text() == "Keeps coming back: Wait time"
    click(qtbot, link)
    shown = feedback_page(window)
    assert shown.items.filters.theme_filter.currentData() == wait.id
    assert listed(shown) and all(wait.id in item.theme_ids for item in listed(shown))


def test_the_feedback_card(qtbot, window):
    page = overview(window)
    model = next(c for c in ov.overview(window.wb, TODAY).cards if c.page == "feedback")
    card = page.glance.cards["feedback"]
    assert card.title_label.text() == f"⚠ Feedback, {month_label(TODAY.strftime('%Y-%m'))}"
    assert card.headline_label.text() == model.headline
    assert [label.text() for label in card.line_labels] == list(model.lines)
    assert model.headline == "3 complaints open"
    assert model.lines[0].startswith("This month: ")
    assert model.lines[1] == "2 open for more than 2 days"
    click(qtbot, page.findChild(QPushButton, "open_feedback"))
    assert window.current_page_key() == "feedback"


# -- the culture map ------------------------------------------------------------------------


def test_the_culture_map_says_what_customers_said(qtbot, window):
    page = overview(window)
    page.show_tab(page.culture_map)
    view = page.culture_map
    rows = cm.culture_map(window.wb, TODAY).values
    assert any(row.complaints for row in rows)
    for index, row in enumerate(rows):
        lines = view.cell_text(index, FEEDBACK_COLUMN).splitlines()
        expected = []
        if row.praise:
            expected.append(f"{len(row.praise)} compliment" + ("s" if len(row.praise) > 1 else ""))
        if row.complaints:
            n = len(row.complaints)
            expected.append(f"{n} complaint" + ("s" if n > 1 else ""))
        assert lines == (expected or ["Nothing in the last 12 months"]), row.name
    click(qtbot, view.findChild(QPushButton, "mapOpen_feedback"))
    assert window.current_page_key() == "feedback"


# -- a standard's form and a team member's -----------------------------------------------------


def test_a_standards_form_shows_its_feedback_and_opens_it(qtbot, window):
    window.show_page("standards")
    page = window.current_page()
    assert isinstance(page, StandardsPage)
    backup = next(s for s in page.model.records() if s.title.startswith("Call for backup"))
    row = page.model.row_of(backup.id)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=rect.center())
    page.form.related.setCurrentWidget(page.form.customers_tab)  # the form's tab
    panel = page.form.customers_said
    named = feedback_links.naming_standard(window.wb, backup.id)
    assert named.counts.get("complaint", 0) >= 3
    lines = panel.text().splitlines()
    assert lines[0].startswith(named.counts_text())
    assert lines[1:] == [item_line(item) for item in named.newest]
    assert len(lines[1:]) == feedback_links.NEWEST
    click(qtbot, panel.link)
    shown = feedback_page(window)
    assert shown.items.filters.scope_standard == backup.id
    assert len(listed(shown)) == named.total
    assert all(backup.id in item.standard_ids for item in listed(shown))


def test_a_standard_without_feedback_says_so(qtbot, workbook):
    page = StandardsPage(workbook)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.form.related.setCurrentWidget(page.form.customers_tab)  # the form's tab
    panel = page.form.customers_said
    assert panel.text() == NOT_ADDED_FEEDBACK  # the new, blank form
    assert not panel.link.isVisibleTo(page)
    first = page.model.records()[0]
    page.table.selectRow(0)
    assert page.editor.current_id == first.id
    assert panel.text() == NO_FEEDBACK
    text = "Nobody said <b>hello</b> & left"
    feedback_edit.add_item(
        workbook,
        FeedbackInput("2026-11-20", "complaint", text, standard_ids=(first.id,)),
        today=TODAY,
    )
    page.reload()
    assert panel.text().splitlines() == [
        "1 complaint · 1 still open",
        f"20 November 2026 · Complaint (open): “{text}”",
    ]
    assert panel.link.isVisibleTo(page)


def test_a_team_members_form_shows_their_praise_and_complaints(qtbot, window):
    window.show_page("team")
    page = window.current_page()
    assert isinstance(page, TeamPage)
    praised = max(
        team.list_members(window.wb),
        key=lambda m: feedback_links.naming_member(window.wb, m.id).total,
    )
    named = feedback_links.naming_member(window.wb, praised.id)
    assert named.counts.get("compliment", 0) >= 1
    row = page.model.row_of(praised.id)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=rect.center())
    assert page.current_member().id == praised.id
    panel = page.customers_said
    lines = panel.text().splitlines()
    assert lines[0].startswith(named.counts_text())
    assert lines[1:] == [item_line(item) for item in named.newest]
    assert all(item.kind in ("compliment", "complaint") for item in named.newest)
    click(qtbot, panel.link)
    shown = feedback_page(window)
    assert shown.items.filters.member_filter.currentData() == praised.id
    assert all(praised.id in item.member_ids for item in listed(shown))


# -- the monthly review ---------------------------------------------------------------------


def test_the_monthly_review_shows_the_months_feedback(qtbot, window):
    window.show_page("kpis")
    page = window.current_page()
    assert isinstance(page, KpisPage)
    review = page.review
    page.tabs.setCurrentWidget(review)
    month = review.current_month()
    assert month is not None
    said = feedback_links.month_feedback(window.wb, month, today=TODAY)
    assert review.feedback_title.text() == f"Customer feedback in {month_label(month)}"
    assert review.feedback_counts.text() == said.counts_line()
    assert review.feedback_recurring.text() == said.recurring_line()
    assert said.total and review.feedback_box.isVisibleTo(page)
    click(qtbot, review.feedback_link)
    shown = feedback_page(window)
    assert shown.items.filters.month() == month
    assert len(listed(shown)) == said.total


# -- File › Import Feedback… -------------------------------------------------------------


def test_file_import_feedback_is_the_pages_import(qtbot, window, fake_dialogs, tmp_path: Path):
    csv = tmp_path / "said.csv"
    csv.write_text(
        "date,kind,channel,text,themes,member,standard,status\n"
        "2026-11-21,compliment,in person,Imported from the menu,,,,\n",
        encoding="utf-8",
    )
    before = feedback.count_items(window.wb)
    action = window.import_feedback_action
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    fake_dialogs.open_path = None  # cancelled: nothing happens, the page is shown
    action.trigger()
    assert feedback_page(window) is not None
    assert fake_dialogs.asked[-1][:2] == ("open_path", "Import Feedback")
    fake_dialogs.open_path = csv
    fake_dialogs.answer = True
    window.show_page("overview")
    action.trigger()
    assert fake_dialogs.asked[-1][:2] == ("confirm", "Import Feedback?")
    assert feedback.count_items(window.wb) == before + 1
    page = feedback_page(window)
    assert "Imported from the menu" in [item.text for item in listed(page)]


def test_import_feedback_is_off_for_a_read_only_workbook(qtbot, tmp_path, settings):
    path = tmp_path / "w.cscoach"
    Workbook.create(path, "Café").close()
    wb = Workbook.open(path, read_only=True)
    window = MainWindow(wb, settings)
    qtbot.addWidget(window)
    assert not window.import_feedback_action.isEnabled()
    window.import_feedback()  # even if asked: nothing
    assert window.current_page_key() != "feedback"
    window.close()


def test_a_link_kept_from_its_page_does_not_select_on_the_page_left(qtbot, window):
    """A refused change on the page left keeps it shown: the link is not applied to it."""
    called = []
    overview(window).select_item = lambda kind, item_id: called.append((kind, item_id))
    window._may_leave_page = lambda index: False
    window.show_item("feedback", "open", 0)
    assert window.current_page_key() == "overview" and called == []
