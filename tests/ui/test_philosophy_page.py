"""The Philosophy page: write beside the team's answers, autosave, values, publish, versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.pages.philosophy import page as philosophy_page
from cscoach.ui.pages.philosophy.page import PhilosophyPage
from cscoach.ui.pages.philosophy.sections import SectionDialog


@pytest.fixture
def page(qtbot, workbook: Workbook) -> PhilosophyPage:
    widget = PhilosophyPage(workbook)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def test_writing_saves_after_a_pause_and_on_focus_out(qtbot, page: PhilosophyPage) -> None:
    first = ph.list_sections(page.wb)[0]
    page.sections.editor.setFocus()
    qtbot.keyClicks(page.sections.editor, "Warm & <quick>")
    qtbot.waitUntil(lambda: ph.get_section(page.wb, first.id).body == "Warm & <quick>")
    assert page.sections.saved_label.text() == "Saved."
    qtbot.keyClicks(page.sections.editor, " service")
    page.flush()  # what closing the window or switching section does
    assert ph.get_section(page.wb, first.id).body == "Warm & <quick> service"


def test_switching_section_keeps_what_was_typed(qtbot, page: PhilosophyPage) -> None:
    first, second = ph.list_sections(page.wb)[:2]
    page.sections.editor.setPlainText("typed just now")
    page.sections.section_list.setCurrentRow(1)
    assert ph.get_section(page.wb, first.id).body == "typed just now"
    assert page.sections.section_title.text() == second.title
    assert page.sections.editor.toPlainText() == ""


def test_team_answers_shown_beside_the_section(qtbot, workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    old = qn.create_round(workbook, "March", "2026-03-01")
    qn.save_response(workbook, old, ana, {qn.round_questions(workbook, old)[0].id: "Old view"})
    new = qn.create_round(workbook, "September", "2026-09-01")
    qn.save_response(workbook, new, ana, {qn.round_questions(workbook, new)[0].id: "New <view>"})
    page = PhilosophyPage(workbook)
    qtbot.addWidget(page)
    assert "New <view>" in page.sections.answers_view.toPlainText()  # latest round by default
    assert "Ana" in page.sections.answers_view.toPlainText()
    page.sections.answers_round.setCurrentIndex(page.sections.answers_round.findData(old))
    assert "Old view" in page.sections.answers_view.toPlainText()


def test_values_added_with_message_next_to_field(qtbot, page: PhilosophyPage) -> None:
    values = page.values
    page.tabs.setCurrentIndex(1)
    assert values.form_title.text() == "New value"  # as every other form says it
    qtbot.keyClicks(values.value_name, "Own the problem")
    values.value_meaning.setPlainText("Keep it until it is solved.")
    qtbot.waitUntil(lambda: values.value_status.text() == "Saved.")  # after a pause in typing
    assert [(v.name, v.meaning) for v in ph.list_values(page.wb)] == [
        ("Own the problem", "Keep it until it is solved.")
    ]
    qtbot.waitUntil(lambda: values.value_list.currentIndex().row() == 0)  # the list follows
    assert values.value_name.text() == "Own the problem"  # the form is left as typed
    values.new_value()
    qtbot.keyClicks(values.value_name, "own the PROBLEM")
    qtbot.waitUntil(lambda: values.value_errors["name"].isVisible())
    assert "already a value" in values.value_errors["name"].text()
    assert values.value_status.text() == "Not saved."
    assert len(ph.list_values(page.wb)) == 1


def test_moving_through_the_values_saves_each_and_keeps_list_and_form_together(
    qtbot, page: PhilosophyPage
) -> None:
    first = ph.add_value(page.wb, "Own the problem")
    second = ph.add_value(page.wb, "Warmth")
    page.reload()
    page.tabs.setCurrentIndex(1)
    values = page.values
    values.value_list.setCurrentIndex(values.model.index(0, 0))
    assert values.value_id == first
    values.value_meaning.setPlainText("Keep it until it is solved. ")
    # e.g. the Down key in the list, before the pause
    values.value_list.setCurrentIndex(values.model.index(1, 0))
    meanings = {v.id: v.meaning for v in ph.list_values(page.wb)}
    assert meanings[first] == "Keep it until it is solved."
    assert values.value_id == second and values.value_name.text() == "Warmth"
    # the list is read again on the next turn of the event loop, the row kept
    qtbot.waitUntil(
        lambda: (
            values.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
            == "Keep it until it is solved."
        )
    )
    assert values.value_list.currentIndex().row() == 1


def test_publish_view_and_compare(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    monkeypatch.setattr(
        philosophy_page.publish_dialog, "ask_publish", lambda *a: "after the March meeting"
    )
    page.sections.editor.setPlainText("We greet people warmly and fast.")
    page.publish()
    assert [v.number for v in ph.list_versions(page.wb)] == [1]
    assert "Last published" in page.status.text()
    page.sections.editor.setPlainText("We greet people warmly and by name.")
    page.flush()
    assert "not published" in page.status.text()
    page.tabs.setCurrentIndex(2)
    assert "after the March meeting" in page.versions.version_view.toPlainText()
    # with one version, the comparison offered first is from it to the draft
    assert page.versions.compare_a.currentData() == 1
    assert page.versions.compare_b.currentText() == "Draft"
    page.versions.show_changes()
    assert "From Version 1" in page.versions.version_view.toPlainText()
    html = page.versions.version_view.toHtml()
    shown = page.versions.version_view.toPlainText()
    assert "fast." in shown and "by name." in shown
    assert "line-through" in html  # removed words struck through, not only coloured


def test_publishing_an_empty_draft_is_explained(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(philosophy_page.publish_dialog, "ask_publish", lambda *a: "")
    page.publish()
    assert errors and "empty" in errors[0]
    assert ph.list_versions(page.wb) == []


def test_print_preview_gets_the_pdf(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("cscoach.ui.print_preview.show_preview", lambda *a, **k: shown.append(a[1]))
    page.sections.editor.setPlainText("Text to print")
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].startswith(b"%PDF")
    assert ph.get_section(page.wb, ph.list_sections(page.wb)[0].id).body == "Text to print"


def test_review_interval_setting(qtbot, page: PhilosophyPage) -> None:
    page.review_months.setValue(6)
    assert ph.review_months(page.wb) == 6


def test_text_typed_just_before_closing_the_window_is_kept(qtbot, main_window) -> None:
    main_window.show_page("philosophy")
    page = main_window.current_page()
    first = ph.list_sections(page.wb)[0]
    page.sections.editor.setFocus()
    qtbot.keyClicks(page.sections.editor, "typed a moment ago")
    wb = page.wb
    main_window.close()  # before the autosave timer fires
    reopened = type(wb).open(wb.path, read_only=True)
    try:
        assert ph.get_section(reopened, first.id).body == "typed a moment ago"
    finally:
        reopened.close()


def test_section_heading_over_200_characters(qtbot, page: PhilosophyPage) -> None:
    dialog = SectionDialog(page.wb, None, page)
    qtbot.addWidget(dialog)
    dialog.title.setText("x" * 201)
    dialog.accept()
    assert dialog.errors["title"].isVisibleTo(dialog)
    assert "too long" in dialog.errors["title"].text()
    assert len(ph.list_sections(page.wb)) == 6


# -- Edit › Undo -----------------------------------------------------------------------------


def snapshot(wb: Workbook) -> dict[str, list[tuple]]:
    """Every row of every table of the workbook."""
    tables = [
        r[0]
        for r in wb.conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return {
        t: wb.conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


def test_undo_and_redo_a_value_and_the_tab_shows_them(qtbot, main_window, fake_dialogs) -> None:
    wb = main_window.wb
    main_window.show_page("philosophy")
    page = main_window.current_page()
    page.tabs.setCurrentWidget(page.values)
    values = page.values
    before = snapshot(wb)
    qtbot.keyClicks(values.value_name, "Own the problem")
    assert values.editor.flush()
    added = snapshot(wb)
    values.value_meaning.setPlainText("Keep it until it is solved.")
    assert values.editor.flush()
    changed = snapshot(wb)
    main_window.undo_action.trigger()  # the meaning
    assert snapshot(wb) == added
    assert values.value_meaning.toPlainText() == ""  # the form shows what was undone
    main_window.undo_action.trigger()  # the value
    assert snapshot(wb) == before
    assert values.model.rowCount() == 0 and values.value_id is None
    assert values.value_name.text() == ""
    main_window.redo_action.trigger()
    main_window.redo_action.trigger()
    assert snapshot(wb) == changed
    assert [v.meaning for v in values.model.records()] == ["Keep it until it is solved."]
    # a deleted value comes back in the list
    values.value_list.setCurrentIndex(values.model.index(0, 0))
    fake_dialogs.answer = True
    values.delete_value()
    assert values.model.rowCount() == 0
    main_window.undo_action.trigger()
    assert snapshot(wb) == changed
    assert [v.name for v in values.model.records()] == ["Own the problem"]


def test_undo_a_section_text_and_the_text_box_shows_it(qtbot, main_window) -> None:
    wb = main_window.wb
    main_window.show_page("philosophy")
    page = main_window.current_page()
    first = ph.list_sections(wb)[0]
    before = snapshot(wb)
    page.sections.editor.setPlainText("We greet everyone.")
    assert page.flush()
    main_window.undo_action.trigger()
    assert snapshot(wb) == before
    assert page.sections.editor.toPlainText() == first.body
    main_window.redo_action.trigger()
    assert page.sections.editor.toPlainText() == "We greet everyone."
    assert "(empty)" not in page.sections.section_list.item(0).text()


def test_a_read_only_workbook_shows_the_philosophy_but_changes_nothing(
    qtbot, workbook: Workbook
) -> None:
    ph.add_value(workbook, "Own the problem", "Keep it until it is solved.")
    wb = Workbook.open(workbook.path, read_only=True)
    page = PhilosophyPage(wb)
    qtbot.addWidget(page)
    page.show()
    assert page.sections.editor.isReadOnly()
    assert not any(b.isEnabled() for b in page.sections.section_buttons)
    assert not page.publish_button.isEnabled() and not page.review_months.isEnabled()
    values = page.values
    page.tabs.setCurrentWidget(values)
    values.value_list.setCurrentIndex(values.model.index(0, 0))
    assert values.value_name.text() == "Own the problem" and values.value_name.isReadOnly()
    assert values.value_meaning.isReadOnly()
    assert not any(b.isEnabled() for b in values.value_buttons)
    assert page.culture_link.isVisible()  # the culture map is still a click away
    assert page.save_pending() is None


def test_the_publish_dialog_shows_what_changes_since_the_last_version(qtbot, page) -> None:
    from cscoach.ui.pages.philosophy.publish_dialog import PublishDialog

    page.sections.editor.setPlainText("We greet people warmly and fast.")
    page.flush()
    first = PublishDialog(page.wb)
    qtbot.addWidget(first)
    assert "warmly and fast" in first.changes.toPlainText()  # the first: all of it
    ph.publish(page.wb, "first")
    page.sections.editor.setPlainText("We greet people warmly and by name.")
    page.flush()
    second = PublishDialog(page.wb)
    qtbot.addWidget(second)
    assert "by name" in second.changes.toPlainText()
    assert "line-through" in second.changes.toHtml()  # "fast." struck out
    assert second.publish_button.text() == "Publish"
