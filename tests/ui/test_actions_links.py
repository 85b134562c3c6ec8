"""Actions started where the finding is (a standard, a feedback theme, a complaint), and the
link shown both ways, through the real window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from cscoach.model import actions, feedback_edit, feedback_themes
from cscoach.model import standards as standards_model
from cscoach.model.feedback import FeedbackInput


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_standard_starts_an_action_and_lists_it(qtbot, main_window, workbook):
    category = standards_model.list_categories(workbook)[0].id
    standard = standards_model.add_standard(
        workbook, standards_model.StandardInput("Answer the phone within three rings", category)
    )
    main_window.show_page("standards")
    page = main_window.current_page()
    page.select_item("standard", standard)
    page.form.related.setCurrentWidget(page.form.actions_tab)  # the form's Actions tab
    box = page.form.actions_box
    qtbot.waitUntil(box.isVisible)
    assert box.empty.isVisible()  # nothing decided yet
    click(qtbot, box.new_button)
    assert main_window.current_page_key() == "actions"
    actions_page = main_window.current_page()
    assert "Answer the phone" in actions_page.form.source_text.text()
    qtbot.keyClicks(actions_page.form.title_edit, "Move the phone to the counter")
    qtbot.keyClick(actions_page.form.title_edit, Qt.Key.Key_Return)
    [action] = actions.actions_for_standard(workbook, standard)
    assert action.title == "Move the phone to the counter"
    # back on the standard, its action is listed and opens the Actions page at it
    main_window.show_page("standards")
    page.select_item("standard", standard)
    qtbot.waitUntil(lambda: len(box._links) == 1 and box._links[0].isVisible())
    assert "Move the phone" in box._links[0].text()
    box._links[0].linkActivated.emit(str(action.id))  # a click on the title
    assert main_window.current_page_key() == "actions"
    assert actions_page.editor.current_id == action.id


def test_a_complaint_and_its_theme_offer_new_actions(qtbot, main_window, workbook):
    wait = feedback_themes.find_theme(workbook, "Wait time")
    assert wait is not None
    item = feedback_edit.add_item(
        workbook,
        FeedbackInput(
            "2026-11-20", "complaint", "Twenty minutes for a coffee", theme_ids=(wait.id,)
        ),
        today=dt.date(2026, 11, 22),
    )
    main_window.show_page("feedback")
    page = main_window.current_page()
    page.select_item("item", item)
    box = page.items.form.actions_box
    click(qtbot, box.new_button)
    assert main_window.current_page_key() == "actions"
    assert "Twenty minutes" in main_window.current_page().form.source_text.text()
    main_window.show_page("feedback")
    page.tabs.setCurrentWidget(page.themes)
    page.themes.editor.open(wait.id)
    theme_box = page.themes.form.actions_box
    qtbot.waitUntil(theme_box.isVisible)
    click(qtbot, theme_box.new_button)
    actions_page = main_window.current_page()
    assert "Wait time" in actions_page.form.source_text.text()
