"""The Feedback page: driven as an owner would (keys and clicks), checked against the model."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from cscoach.model import feedback, feedback_edit, feedback_patterns, feedback_themes, team
from cscoach.model import standards as standards_model
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.ui import style
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.feedback import items_list, items_table
from cscoach.ui.pages.feedback.count_table import CountTable
from cscoach.ui.pages.feedback.page import FeedbackPage

TODAY = FIXED_TODAY  # 2026-11-22


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def add(wb: Workbook, received: str, kind: str, text: str, **more: object) -> int:
    return feedback_edit.add_item(wb, FeedbackInput(received, kind, text, **more), today=TODAY)


def theme_id(wb: Workbook, name: str) -> int:
    found = feedback_themes.find_theme(wb, name)
    assert found is not None, name
    return found.id


def show_page(qtbot, wb: Workbook) -> FeedbackPage:
    page = FeedbackPage(wb, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def page(qtbot, workbook) -> FeedbackPage:
    return show_page(qtbot, workbook)


@pytest.fixture
def cafe(workbook) -> Workbook:
    """A few weeks of what customers said, with a team and a standard."""
    wb = workbook
    ana = team.add_member(wb, "Ana", "Barista")
    bo = team.add_member(wb, "Bo", "Shift lead")
    category = standards_model.list_categories(wb)[0].id
    queue = standards_model.add_standard(
        wb,
        standards_model.StandardInput(
            "Call for backup before the queue reaches the door", category
        ),
    )
    wait = theme_id(wb, "Wait time")
    kind = theme_id(wb, "Friendliness")
    add(wb, day(-40), "compliment", "Ana remembered my order", member_ids=(ana,), theme_ids=(kind,))
    add(
        wb, day(-20), "complaint", "Waited twenty minutes", theme_ids=(wait,), standard_ids=(queue,)
    )
    add(wb, day(-12), "complaint", "The queue was out of the door", theme_ids=(wait,))
    add(wb, day(-5), "complaint", "Slow again at lunch", theme_ids=(wait,), channel="email")
    add(wb, day(-3), "compliment", "Bo made my day with a latte", member_ids=(bo,))
    add(wb, day(-1), "question", "Do you sell gift cards?")
    return wb


def items(wb: Workbook) -> list[feedback.FeedbackItem]:
    return feedback.list_items(wb)


def texts(page: FeedbackPage) -> list[str]:
    return [i.text for i in page.items.model.records()]


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, text: str) -> None:
    """Pick an item as the user would (``activated`` is what a mouse pick emits)."""
    index = combo.findText(text)
    assert index >= 0, f"{text} is not offered in {combo.objectName()}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def click_cell(qtbot, table: CountTable, row: int, column: int) -> None:
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- quick entry ------------------------------------------------------------------------


def test_quick_entry_is_three_fields_and_enter(qtbot, page):
    form = page.items.form
    assert form.date_edit.text() == TODAY.isoformat()  # today, unless the owner says else
    qtbot.keyClick(page.items.table, Qt.Key.Key_Insert)
    assert form.text_edit.hasFocus()
    form.kind_combo.setFocus()
    qtbot.keyClick(form.kind_combo, Qt.Key.Key_Down)  # Compliment → Complaint
    qtbot.keyClicks(form.text_edit, "Waited twenty minutes for a latte <b>again</b>")
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
    [item] = items(page.wb)
    assert (item.received_on, item.kind, item.status) == (TODAY.isoformat(), "complaint", "open")
    assert item.text == "Waited twenty minutes for a latte <b>again</b>"
    assert page.items.editor.current_id == item.id
    assert "Insert starts the next item" in form.feedback_label.text()
    qtbot.waitUntil(lambda: texts(page) == [item.text])
    # the next one starts with the kind just used and today's date
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Insert)
    assert form.kind_combo.currentData() == "complaint"
    assert form.date_edit.text() == TODAY.isoformat() and form.text_edit.toPlainText() == ""


def test_shift_enter_starts_a_new_line_and_enter_in_the_date_saves(qtbot, page):
    form = page.items.form
    qtbot.keyClicks(form.text_edit, "Lovely staff.")
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(form.text_edit, "Will come back.")
    assert items(page.wb) == []
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, day(-2))
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Return)
    [item] = items(page.wb)
    assert item.text == "Lovely staff.\nWill come back." and item.received_on == day(-2)


def test_an_empty_text_is_refused_at_its_field_and_nothing_is_written(qtbot, page):
    form = page.items.form
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
    error = form.errors["text"]
    assert error.isVisible() and error.text() == "What was said cannot be empty."
    assert items(page.wb) == [] and page.wb.history.undo_label is None
    qtbot.keyClicks(form.text_edit, "Nice")
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
    assert len(items(page.wb)) == 1 and not error.isVisible()


def test_a_date_still_to_come_is_refused_at_its_field(qtbot, page):
    form = page.items.form
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, day(1))
    qtbot.keyClicks(form.text_edit, "Booked a table for tomorrow")
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
    error = form.errors["received_on"]
    assert error.isVisible() and "is in the future" in error.text()
    assert form.date_edit.hasFocus()
    assert items(page.wb) == []
    assert page.items.save_pending() is not None  # what would be lost is named
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, "not a date")
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in error.text() and items(page.wb) == []
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, TODAY.isoformat())
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Return)
    assert [i.received_on for i in items(page.wb)] == [TODAY.isoformat()]
    assert not error.isVisible()


def test_a_suggested_theme_shows_its_words_and_is_taken_with_one_key(qtbot, page):
    form = page.items.form
    qtbot.mouseClick(form.text_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.text_edit, "We waited ages in the queue, the waiter was lovely")
    bar = form.suggestions
    assert bar.isVisible()
    names = [s.theme for s in bar.suggestions]
    assert names[0] == "Wait time"
    assert bar.suggestions[0].words == ("waited", "ages", "queue")  # never “waiter”
    shown = bar.findChildren(QWidget)
    assert any("“waited”, “ages”, “queue”" in getattr(w, "text", lambda: "")() for w in shown)
    assert "F4 adds “Wait time”" in bar.heading.text()
    qtbot.keyClick(form.text_edit, Qt.Key.Key_F4)
    [item] = items(page.wb)  # taking it saved the new item with the theme
    assert item.themes == ("Wait time",)
    assert "Wait time" not in [s.theme for s in bar.suggestions]
    assert form.text_edit.hasFocus()  # the owner carries on typing


def test_suggestions_switched_off_are_not_offered(qtbot, page):
    feedback_themes.set_suggest(page.wb, theme_id(page.wb, "Wait time"), False)
    page.reload()
    qtbot.keyClicks(page.items.form.text_edit, "We waited ages")
    assert "Wait time" not in [s.theme for s in page.items.form.suggestions.suggestions]


def test_a_complaint_is_followed_up_and_resolved(qtbot, cafe):
    page = show_page(qtbot, cafe)
    form = page.items.form
    page.items.open_item(next(i.id for i in items(cafe) if i.text == "Slow again at lunch"))
    assert form.complaint_box.isVisible()
    qtbot.keyClicks(form.asked_edit, "A free coffee")
    choose(form.owner_combo, "Bo")
    choose(form.status_combo, "Resolved")
    assert form.resolved_edit.text() == TODAY.isoformat()  # dated today when resolved
    item = feedback.get_item(cafe, page.items.editor.current_id)
    assert (item.status, item.resolved_on, item.follow_up_name) == (
        "resolved",
        TODAY.isoformat(),
        "Bo",
    )
    assert item.customer_asked == "A free coffee"
    choose(form.kind_combo, "Compliment")
    assert not form.complaint_box.isVisible()


# -- the list -----------------------------------------------------------------------------


def test_filters_and_search_narrow_the_list(qtbot, cafe):
    page = show_page(qtbot, cafe)
    f = page.items.filters
    assert len(texts(page)) == 6
    assert page.items.list_panel.count_label.text().startswith("6 items · 3 complaints open")
    choose(f.kind_filter, "Complaints")
    assert texts(page) == [
        "Slow again at lunch",
        "The queue was out of the door",
        "Waited twenty minutes",
    ]
    choose(f.channel_filter, "email")
    assert texts(page) == ["Slow again at lunch"]
    assert page.items.list_panel.count_label.text().startswith("Showing 1 of 6 items")
    click(qtbot, page.items.list_panel.clear_filters_link)
    assert len(texts(page)) == 6
    choose(f.member_filter, "Ana")
    assert texts(page) == ["Ana remembered my order"]
    choose(f.member_filter, "All members")
    choose(f.theme_filter, "No theme")
    assert texts(page) == ["Do you sell gift cards?", "Bo made my day with a latte"]
    choose(f.theme_filter, "All themes")
    choose(f.month_filter, "October 2026")
    assert texts(page) == ["Ana remembered my order"]
    choose(f.month_filter, "All months")
    qtbot.keyClick(page.items.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert f.search_edit.hasFocus()
    qtbot.keyClicks(f.search_edit, "LATTÉ")  # case and accents ignored
    assert texts(page) == ["Bo made my day with a latte"]
    f.search_edit.clear()
    choose(f.status_filter, "Open complaints")
    assert len(texts(page)) == 3
    feedback_edit.resolve_complaint(
        cafe, next(i.id for i in items(cafe) if i.text == "Slow again at lunch"), today=TODAY
    )
    page.reload()
    assert texts(page) == ["The queue was out of the door", "Waited twenty minutes"]


def test_nothing_matching_says_so_and_clears(qtbot, cafe):
    page = show_page(qtbot, cafe)
    qtbot.keyClicks(page.items.filters.search_edit, "unicorn")
    panel = page.items.list_panel
    assert panel.stack.currentWidget() is panel.empty_state
    assert panel.empty_text.text() == items_list.NO_MATCH_TEXT
    click(qtbot, panel.clear_filters_button)
    assert len(texts(page)) == 6


def test_an_empty_workbook_shows_what_the_page_is_for(qtbot, page):
    panel = page.items.list_panel
    assert panel.stack.currentWidget() is panel.empty_state
    assert panel.empty_text.text() == items_list.NO_ITEMS_TEXT
    click(qtbot, panel.empty_new_button)
    assert page.items.form.text_edit.hasFocus()
    page.tabs.setCurrentWidget(page.patterns)
    assert page.patterns.empty.isVisible() and not page.patterns.scroll_area.isVisible()


def test_an_overdue_complaint_is_flagged_in_the_list(qtbot, cafe):
    page = show_page(qtbot, cafe)
    model = page.items.model
    row = model.row_of(next(i.id for i in items(cafe) if i.text == "Slow again at lunch"))
    assert model.index(row, items_table.STATE).data() == "⚠ Open, 5 days"
    assert model.index(row, items_table.STATE).data(Qt.ItemDataRole.ForegroundRole) == style.qcolor(
        "error"
    )


def test_del_in_the_list_deletes_the_item_after_asking(qtbot, cafe, fake_dialogs):
    page = show_page(qtbot, cafe)
    rect = page.items.table.visualRect(page.items.model.index(0, 0))
    qtbot.mouseClick(page.items.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    fake_dialogs.answer = True
    qtbot.keyClick(page.items.table, Qt.Key.Key_Delete)
    assert "Do you sell gift cards?" not in [i.text for i in items(cafe)]
    assert "Edit › Undo brings it back." in fake_dialogs.texts("confirm")[0]


def test_the_table_model_passes_the_model_tester(qtmodeltester, cafe):
    spec = items_table.ItemsTable(TODAY)
    model = items_table.items_table_model(spec)
    model.set_records(items(cafe))
    qtmodeltester.check(model)


# -- patterns ---------------------------------------------------------------------------


def test_a_number_on_the_patterns_tab_lists_the_items_behind_it(qtbot, cafe):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.patterns)
    months = page.patterns.month_table
    headings = [months.horizontalHeaderItem(c).text() for c in range(months.columnCount())]
    column = headings.index("Nov")
    row = [months.item(r, 0).text() for r in range(months.rowCount())].index("Complaints")
    assert months.item(row, column).text() == "3"
    click_cell(qtbot, months, row, column)
    assert page.tabs.currentWidget() is page.items
    assert texts(page) == [
        "Slow again at lunch",
        "The queue was out of the door",
        "Waited twenty minutes",
    ]
    scope = page.items.list_panel.scope_text
    assert (
        scope.isVisible()
        and scope.text() == "Showing the 3 items behind: Complaints in November 2026."
    )
    click(qtbot, page.items.list_panel.show_all_button)
    assert len(texts(page)) == 6 and not scope.isVisible()


def test_recurring_themes_open_complaints_praise_and_standards_click_through(qtbot, cafe):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.patterns)
    p = page.patterns
    # three complaints about waiting within 30 days: a recurring theme, flagged now
    assert p.recurring_table.item(0, 0).text() == "⚠ Wait time"
    assert p.recurring_table.item(0, 2).text() == "3"
    click_cell(qtbot, p.recurring_table, 0, 2)
    assert sorted(texts(page)) == [
        "Slow again at lunch",
        "The queue was out of the door",
        "Waited twenty minutes",
    ]
    page.tabs.setCurrentWidget(p)
    assert [p.open_table.item(r, 0).text() for r in range(3)] == [
        "⚠ 20 days",
        "⚠ 12 days",
        "⚠ 5 days",
    ]
    click_cell(qtbot, p.open_table, 0, 1)
    assert texts(page) == ["Waited twenty minutes"]
    assert page.items.form.text_edit.toPlainText() == "Waited twenty minutes"  # in the form
    page.tabs.setCurrentWidget(p)
    praise = {p.praise_table.item(r, 0).text(): p.praise_table.item(r, 1) for r in range(2)}
    assert set(praise) == {"Ana", "Bo"}
    assert p.standards_table.item(0, 1).text() == "1"
    click_cell(qtbot, p.standards_table, 0, 1)
    assert texts(page) == ["Waited twenty minutes"]


def test_the_recurring_rule_is_the_owners_to_change(qtbot, cafe):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.patterns)
    p = page.patterns
    p.count_spin.selectAll()
    qtbot.keyClicks(p.count_spin, "4")
    qtbot.keyClick(p.count_spin, Qt.Key.Key_Return)
    assert feedback_patterns.rules(cafe).recurring_count == 4
    assert (
        p.recurring_table.isHidden()
        and "4 or more complaints within 30 days" in p.recurring_empty.text()
    )
    p.open_spin.selectAll()
    qtbot.keyClicks(p.open_spin, "7")
    qtbot.keyClick(p.open_spin, Qt.Key.Key_Return)
    assert feedback_patterns.rules(cafe).open_days == 7
    assert [p.open_table.item(r, 0).text() for r in range(3)] == [
        "⚠ 20 days",
        "⚠ 12 days",
        "5 days",
    ]


def test_the_patterns_chart_draws_the_counts_and_follows_dark_mode(qtbot, cafe):
    from cscoach.charts.feedback_charts import band_heights

    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.patterns)
    p = page.patterns
    qtbot.waitUntil(lambda: p.canvas is not None, timeout=30_000)
    assert band_heights(p.canvas.figure, "complaint")[-2:] == [0, 3]  # October, November
    assert band_heights(p.canvas.figure, "compliment")[-2:] == [1, 1]
    light = p.canvas.key[1].background
    try:
        style.apply("dark")
        assert p.canvas.key[1].background == style.DARK.base != light
    finally:
        style.apply("light")
    # a click on a band lists its items
    with qtbot.waitSignal(p.items_requested) as signal:
        p._bar_picked("complaint", "2026-11")
    assert len(signal.args[1]) == 3


PAGE_FIRST_SHOW = """
import sys
from PySide6.QtWidgets import QApplication
from cscoach.model import feedback_edit
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.feedback.page import FeedbackPage

app = QApplication([])
wb = Workbook.create(sys.argv[1], "Corner Café")
feedback_edit.add_item(wb, FeedbackInput("2026-01-05", "complaint", "Cold soup"))
page = FeedbackPage(wb)
page.resize(1200, 800)
page.show()
for _ in range(20):
    app.processEvents()
print("matplotlib" in sys.modules)  # the page is on screen, with no chart
page.tabs.setCurrentWidget(page.patterns)
app.processEvents()  # the tab is painted before matplotlib is imported
print("matplotlib" in sys.modules, page.patterns.placeholder.text())
page.patterns.chart_drawn.connect(app.quit)
app.exec()
print("matplotlib" in sys.modules, page.patterns.canvas is not None)
wb.close()
"""


def test_matplotlib_waits_for_the_patterns_tab(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PAGE_FIRST_SHOW, str(tmp_path / "wb.cscoach")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.splitlines() == ["False", "False Drawing the chart…", "True True"]


# -- themes -----------------------------------------------------------------------------


def test_a_theme_is_renamed_and_its_rule_edited_as_the_owner_types(qtbot, cafe):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.themes)
    t = page.themes
    wait = theme_id(cafe, "Wait time")
    t.editor.open(wait)
    t.form.name_edit.selectAll()
    qtbot.keyClicks(t.form.name_edit, "Waiting")
    qtbot.keyClick(t.form.name_edit, Qt.Key.Key_Return)
    assert feedback_themes.get_theme(cafe, wait).name == "Waiting"
    choose(t.form.match_combo, "This exact phrase")
    t.form.keywords_edit.selectAll()
    qtbot.keyClicks(t.form.keywords_edit, "long wait")
    qtbot.keyClicks(t.form.try_edit, "Such a long wait today")
    assert t.form.try_result.text() == "Suggested: it finds “long”, “wait”."
    page.tabs.setCurrentWidget(page.items)  # leaving the tab saves the form
    theme = feedback_themes.get_theme(cafe, wait)
    assert (theme.match, theme.keywords) == ("phrase", "long wait")
    assert "Waiting" in [
        page.items.form.themes_list.item(r).text()
        for r in range(page.items.form.themes_list.count())
    ]


def test_themes_are_merged_into_the_one_kept(qtbot, cafe, fake_dialogs):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.themes)
    t = page.themes
    names = [r.name for r in t.model.records()]
    for name, modifier in (
        ("Wait time", Qt.KeyboardModifier.NoModifier),
        ("Friendliness", Qt.KeyboardModifier.ControlModifier),
    ):
        rect = t.table.visualRect(t.model.index(names.index(name), 0))
        qtbot.mouseClick(t.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert t.side.currentWidget() is t.merge_panel
    choose(
        t.merge_panel.into_combo,
        next(
            t.merge_panel.into_combo.itemText(i)
            for i in range(2)
            if "Wait time" in t.merge_panel.into_combo.itemText(i)
        ),
    )
    fake_dialogs.answer = True
    click(qtbot, t.merge_panel.merge_button)
    assert feedback_themes.find_theme(cafe, "Friendliness") is None
    merged = next(i for i in items(cafe) if i.text == "Ana remembered my order")
    assert merged.themes == ("Wait time",)


def test_a_new_theme_is_added_with_insert_on_the_themes_tab(qtbot, cafe):
    page = show_page(qtbot, cafe)
    page.tabs.setCurrentWidget(page.themes)
    qtbot.keyClick(page.themes.table, Qt.Key.Key_Insert)
    qtbot.keyClicks(page.themes.form.name_edit, "Gift cards")
    qtbot.keyClick(page.themes.form.name_edit, Qt.Key.Key_Return)
    assert feedback_themes.find_theme(cafe, "Gift cards") is not None


# -- the window: Undo, read-only, printing -----------------------------------------------


def test_undo_takes_back_an_added_item_through_the_edit_menu(
    qtbot, workbook, settings, fixed_today
):
    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("feedback")
    page = window.current_page()
    assert isinstance(page, FeedbackPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form = page.items.form
    qtbot.keyClicks(form.text_edit, "Great scones")
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
    assert [i.text for i in items(workbook)] == ["Great scones"]
    qtbot.waitUntil(lambda: texts(page) == ["Great scones"])
    assert window.undo_action.text().startswith("&Undo Add feedback")
    window.undo_action.trigger()  # Edit › Undo
    assert items(workbook) == []
    assert texts(page) == [] and form.text_edit.toPlainText() == ""  # the page shows it
    window.redo_action.trigger()
    assert texts(page) == ["Great scones"]


def test_read_only_shows_everything_and_changes_nothing(qtbot, cafe, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "cscoach.ui.print_preview.show_preview",
        lambda parent, pdf, title, *rest, **k: shown.append((pdf, title)),
    )
    read_only = Workbook.open(cafe.path, read_only=True)
    try:
        page = show_page(qtbot, read_only)
        assert len(texts(page)) == 6
        rect = page.items.table.visualRect(page.items.model.index(0, 0))
        qtbot.mouseClick(page.items.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        form = page.items.form
        assert form.text_edit.toPlainText() == "Do you sell gift cards?"
        assert form.text_edit.isReadOnly() and form.date_edit.isReadOnly()
        for widget in (
            form.kind_combo,
            form.themes_list,
            page.items.list_panel.new_button,
            page.items.list_panel.delete_button,
            page.import_button,
            page.themes.new_button,
            page.patterns.count_spin,
        ):
            assert not widget.isEnabled(), widget.objectName()
        assert not page.new_action.isEnabled() and not page.accept_action.isEnabled()
        qtbot.keyClick(form.text_edit, Qt.Key.Key_Return)
        assert not form.suggestions.isVisible()
        page.tabs.setCurrentWidget(page.patterns)
        assert page.patterns.month_table.rowCount() > 4  # the patterns read fine
        click(qtbot, page.print_button)
        assert [title for _pdf, title in shown] == ["Voice of the customer"]
        assert shown[0][0].startswith(b"%PDF")
    finally:
        read_only.close()


def test_import_shows_what_will_be_added_first(qtbot, page, tmp_path, fake_dialogs):
    path = tmp_path / "feedback.csv"
    path.write_text(
        "date,kind,channel,text,themes,member,standard,status\n"
        f"{day(-2)},complaint,phone,Nobody called me back,Communication,,,open\n"
        f"{day(-1)},compliment,,Lovely,New theme,,,\n",
        encoding="utf-8",
    )
    fake_dialogs.open_path = path
    click(qtbot, page.import_button)  # cancelled at the preview: nothing written
    [preview] = fake_dialogs.texts("confirm")
    assert "2 feedback items to add." in preview and "Nobody called me back" in preview
    assert items(page.wb) == []
    fake_dialogs.answer = True
    click(qtbot, page.import_button)
    assert sorted(i.text for i in items(page.wb)) == ["Lovely", "Nobody called me back"]
    assert len(texts(page)) == 2
    assert feedback_themes.find_theme(page.wb, "New theme") is not None
