"""The Philosophy page: write beside the team's answers, autosave, values, publish, versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.pages import philosophy_page
from cscoach.ui.pages.philosophy_page import PhilosophyPage


@pytest.fixture
def page(qtbot, workbook: Workbook) -> PhilosophyPage:
    widget = PhilosophyPage(workbook)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def test_writing_saves_after_a_pause_and_on_focus_out(qtbot, page: PhilosophyPage) -> None:
    first = ph.list_sections(page.wb)[0]
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, "Warm & <quick>")
    qtbot.waitUntil(lambda: ph.get_section(page.wb, first.id).body == "Warm & <quick>")
    assert page.saved_label.text() == "All changes saved."
    qtbot.keyClicks(page.editor, " service")
    page.flush()  # what closing the window or switching section does
    assert ph.get_section(page.wb, first.id).body == "Warm & <quick> service"


def test_switching_section_keeps_what_was_typed(qtbot, page: PhilosophyPage) -> None:
    first, second = ph.list_sections(page.wb)[:2]
    page.editor.setPlainText("typed just now")
    page.section_list.setCurrentRow(1)
    assert ph.get_section(page.wb, first.id).body == "typed just now"
    assert page.section_title.text() == second.title
    assert page.editor.toPlainText() == ""


def test_team_answers_shown_beside_the_section(qtbot, workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    old = qn.create_round(workbook, "March", "2026-03-01")
    qn.save_response(workbook, old, ana, {qn.round_questions(workbook, old)[0].id: "Old view"})
    new = qn.create_round(workbook, "September", "2026-09-01")
    qn.save_response(workbook, new, ana, {qn.round_questions(workbook, new)[0].id: "New <view>"})
    page = PhilosophyPage(workbook)
    qtbot.addWidget(page)
    assert "New <view>" in page.answers_view.toPlainText()  # latest round by default
    assert "Ana" in page.answers_view.toPlainText()
    page.answers_round.setCurrentIndex(page.answers_round.findData(old))
    assert "Old view" in page.answers_view.toPlainText()


def test_values_added_with_message_next_to_field(qtbot, page: PhilosophyPage) -> None:
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.value_name, "Own the problem")
    page.value_meaning.setPlainText("Keep it until it is solved.")
    qtbot.waitUntil(lambda: page.value_status.text() == "Saved.")  # after a pause in typing
    assert [(v.name, v.meaning) for v in ph.list_values(page.wb)] == [
        ("Own the problem", "Keep it until it is solved.")
    ]
    qtbot.waitUntil(lambda: page.value_list.currentRow() == 0)  # the list follows
    assert page.value_name.text() == "Own the problem"  # the form is left as typed
    page.new_value()
    qtbot.keyClicks(page.value_name, "own the PROBLEM")
    qtbot.waitUntil(lambda: page.value_errors["name"].isVisible())
    assert "already a value" in page.value_errors["name"].text()
    assert page.value_status.text() == "Not saved."
    assert len(ph.list_values(page.wb)) == 1


def test_moving_through_the_values_saves_each_and_keeps_list_and_form_together(
    qtbot, page: PhilosophyPage
) -> None:
    first = ph.add_value(page.wb, "Own the problem")
    second = ph.add_value(page.wb, "Warmth")
    page.reload()
    page.tabs.setCurrentIndex(1)
    page.value_list.setCurrentRow(0)
    assert page.value_id == first
    page.value_meaning.setPlainText("Keep it until it is solved. ")
    page.value_list.setCurrentRow(1)  # e.g. the Down key in the list, before the pause
    meanings = {v.id: v.meaning for v in ph.list_values(page.wb)}
    assert meanings[first] == "Keep it until it is solved."
    assert page.value_id == second and page.value_name.text() == "Warmth"
    qtbot.wait(20)
    assert page.value_list.currentRow() == 1
    assert page.value_list.item(0).toolTip() == "Keep it until it is solved."


def test_publish_view_and_compare(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    monkeypatch.setattr(
        philosophy_page.QInputDialog, "getText", lambda *a, **k: ("after the March meeting", True)
    )
    page.editor.setPlainText("We greet people warmly and fast.")
    page.publish()
    assert [v.number for v in ph.list_versions(page.wb)] == [1]
    assert "Last published" in page.status.text()
    page.editor.setPlainText("We greet people warmly and by name.")
    page.flush()
    assert "not published" in page.status.text()
    page.tabs.setCurrentIndex(2)
    assert "after the March meeting" in page.version_view.toPlainText()
    page.compare_a.setCurrentIndex(page.compare_a.findData(1))
    page.compare_b.setCurrentIndex(page.compare_b.count() - 1)  # the draft
    page.show_changes()
    html = page.version_view.toHtml()
    shown = page.version_view.toPlainText()
    assert "fast." in shown and "by name." in shown
    assert "line-through" in html  # removed words struck through, not only coloured


def test_publishing_an_empty_draft_is_explained(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(philosophy_page.QInputDialog, "getText", lambda *a, **k: ("", True))
    page.publish()
    assert errors and "empty" in errors[0]
    assert ph.list_versions(page.wb) == []


def test_print_preview_gets_the_pdf(qtbot, page: PhilosophyPage, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("cscoach.ui.print_preview.show_preview", lambda *a, **k: shown.append(a[1]))
    page.editor.setPlainText("Text to print")
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
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, "typed a moment ago")
    wb = page.wb
    main_window.close()  # before the autosave timer fires
    reopened = type(wb).open(wb.path, read_only=True)
    try:
        assert ph.get_section(reopened, first.id).body == "typed a moment ago"
    finally:
        reopened.close()


def test_section_heading_over_200_characters(qtbot, page: PhilosophyPage) -> None:
    dialog = philosophy_page.SectionDialog(page.wb, None, page)
    qtbot.addWidget(dialog)
    dialog.title.setText("x" * 201)
    dialog.accept()
    assert dialog.errors["title"].isVisibleTo(dialog)
    assert "too long" in dialog.errors["title"].text()
    assert len(ph.list_sections(page.wb)) == 6
