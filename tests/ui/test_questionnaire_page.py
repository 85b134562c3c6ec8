"""The Questionnaire page driven as the owner would: start a round, type three people's
answers, read a question side by side, print and export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, style
from cscoach.ui.pages.questionnaire import page as page_module
from cscoach.ui.pages.questionnaire.page import QuestionnairePage, RoundDialog
from cscoach.ui.pages.questionnaire.response_editor import ANONYMOUS, RatingInput


@pytest.fixture
def page(qtbot, workbook: Workbook) -> QuestionnairePage:
    for name in ("Ana", "Bo", "Chidi"):
        team.add_member(workbook, name)
    widget = QuestionnairePage(workbook)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def start_round(qtbot, page: QuestionnairePage, name: str, anonymous: bool = False) -> int:
    dialog = RoundDialog(page.wb, None, page)
    qtbot.addWidget(dialog)
    dialog.name.setText(name)
    dialog.anonymous.setChecked(anonymous)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page._reload_rounds(dialog.round_id)
    return dialog.round_id


def test_empty_state_then_a_round(qtbot, page: QuestionnairePage) -> None:
    assert page.detail_stack.currentIndex() == 0
    round_id = start_round(qtbot, page, "Team meeting, March 2026")
    assert page.detail_stack.currentIndex() == 1
    assert page.round_list.count() == 1
    assert qn.get_round(page.wb, round_id).name == "Team meeting, March 2026"


def test_round_dialog_shows_errors_next_to_fields(qtbot, page: QuestionnairePage) -> None:
    dialog = RoundDialog(page.wb, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("")
    dialog.held_on.setText("2026-02-30")
    dialog.accept()
    assert dialog.errors["name"].isVisible()
    assert "empty" in dialog.errors["name"].text()
    dialog.name.setText("March")
    dialog.accept()
    assert dialog.errors["held_on"].isVisible()
    assert qn.list_rounds(page.wb) == []


def enter_response(qtbot, page: QuestionnairePage, member: int | None, first_answer: str) -> None:
    """Type one person's answers as the owner would; they save themselves after a pause."""
    qtbot.mouseClick(page.editor.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.member.setCurrentIndex(editor.member.findData(member))
    first = editor.findChild(QPlainTextEdit, "answer1")
    first.setFocus()
    qtbot.keyClicks(first, first_answer)
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # Tab moves to the next answer, it types no tab
    qtbot.keyClicks(editor.focusWidget(), "second answer")
    qtbot.waitUntil(
        lambda: editor.status.text() == "Saved." and not editor.record_editor.is_dirty()
    )
    count = len(qn.list_responses(page.wb, editor.round.id))
    qtbot.waitUntil(lambda: page.editor.model.rowCount() == count)  # the list follows


def test_three_people_answer_and_read_side_by_side(qtbot, page: QuestionnairePage) -> None:
    round_id = start_round(qtbot, page, "March")
    people = {m.name: m.id for m in team.list_members(page.wb)}
    enter_response(qtbot, page, people["Ana"], "Warm & <quick>")
    enter_response(qtbot, page, people["Bo"], "Remember names")
    enter_response(qtbot, page, people["Chidi"], "Fix it first")
    responses = qn.list_responses(page.wb, round_id)
    assert len(responses) == 3
    rqs = qn.round_questions(page.wb, round_id)
    by_name = {r.member_name: r for r in responses}
    assert by_name["Ana"].answers[rqs[0].id].text == "Warm & <quick>"
    assert by_name["Ana"].answers[rqs[1].id].text == "second answer"
    # by question: names beside answers, user text shown literally
    page.views.setCurrentIndex(1)
    page.question_combo.setCurrentIndex(0)
    shown = page.answers_view.toPlainText()
    assert "Ana" in shown and "Warm & <quick>" in shown and "Fix it first" in shown
    # Ana is no longer offered for a second response
    page.new_response()
    assert page.editor.member.findData(people["Ana"]) == -1


def test_edit_a_response(qtbot, page: QuestionnairePage) -> None:
    round_id = start_round(qtbot, page, "March")
    ana = team.list_members(page.wb)[0].id
    enter_response(qtbot, page, ana, "First")
    page.editor.list.setCurrentIndex(page.editor.model.index(0, 0))
    first = page.editor.findChild(QPlainTextEdit, "answer1")
    first.setPlainText("Changed my mind")
    page.editor.save()
    (response,) = qn.list_responses(page.wb, round_id)
    assert response.answers[qn.round_questions(page.wb, round_id)[0].id].text == "Changed my mind"


def test_too_long_answer_shows_message_and_writes_nothing(qtbot, page: QuestionnairePage) -> None:
    round_id = start_round(qtbot, page, "March")
    page.new_response()
    editor = page.editor
    editor.member.setCurrentIndex(editor.member.findData(team.list_members(page.wb)[0].id))
    editor.findChild(QPlainTextEdit, "answer2").setPlainText("x" * 20_001)
    editor.save()
    rq = qn.round_questions(page.wb, round_id)[1]
    assert editor.errors[f"answer:{rq.id}"].isVisible()
    assert "too long" in editor.errors[f"answer:{rq.id}"].text()
    assert qn.list_responses(page.wb, round_id) == []


def test_no_person_chosen_is_explained(qtbot, page: QuestionnairePage) -> None:
    round_id = start_round(qtbot, page, "March")
    page.new_response()
    assert page.editor.save() is None  # nothing typed: nothing to save, nothing to say
    assert not page.editor.member_error.isVisible()
    page.editor.findChild(QPlainTextEdit, "answer1").setPlainText("Smile first")
    assert page.editor.save() is None
    assert page.editor.member_error.isVisible()
    assert "Choose who answered" in page.editor.member_error.text()
    assert qn.list_responses(page.wb, round_id) == []
    assert "Choose who answered" in (page.save_pending() or "")
    page.editor.member.setCurrentIndex(1)  # choosing the person saves at once
    (response,) = qn.list_responses(page.wb, round_id)
    assert response.member_name == "Ana"
    assert not page.editor.member_error.isVisible()
    assert page.save_pending() is None


def test_anonymous_round_labels_and_warning(qtbot, page: QuestionnairePage) -> None:
    start_round(qtbot, page, "Anonymous round", anonymous=True)
    page.new_response()
    assert page.editor.member.currentData() == ANONYMOUS
    assert not page.editor.member.isEnabled()
    first = page.editor.findChild(QPlainTextEdit, "answer1")
    qtbot.waitUntil(first.hasFocus)  # the answers typed next land in the first answer
    first.setPlainText("secret")
    page.editor.save()
    page.views.setCurrentIndex(1)
    assert page.anonymity_warning.isVisible()
    assert "Response 1" in page.answers_view.toPlainText()
    assert "Ana" not in page.answers_view.toPlainText()


def test_rating_question_shows_distribution(qtbot, page: QuestionnairePage) -> None:
    qn.add_question(page.wb, "General", "Rate our service", "rating")
    round_id = start_round(qtbot, page, "March")
    page.new_response()
    editor = page.editor
    editor.member.setCurrentIndex(1)
    rating = editor.findChildren(RatingInput)[0]
    rating.group.button(4).click()
    editor.save()
    rq = next(q for q in qn.round_questions(page.wb, round_id) if q.kind == "rating")
    (response,) = qn.list_responses(page.wb, round_id)
    assert response.answers[rq.id].rating == 4
    page.views.setCurrentIndex(1)
    page.question_combo.setCurrentIndex(page.question_combo.findData(rq.id))
    assert "mean 4.0" in page.answers_view.toPlainText()


def test_compare_two_rounds(qtbot, page: QuestionnairePage) -> None:
    ana = team.list_members(page.wb)[0].id
    march = qn.create_round(page.wb, "March", "2026-03-01")
    qn.save_response(page.wb, march, ana, {qn.round_questions(page.wb, march)[0].id: "Smiles"})
    sept = qn.create_round(page.wb, "September", "2026-09-01")
    qn.save_response(page.wb, sept, ana, {qn.round_questions(page.wb, sept)[0].id: "Speed"})
    page.reload()
    page.views.setCurrentIndex(2)
    assert "Smiles" in page.compare_left.toPlainText()
    assert "Speed" in page.compare_right.toPlainText()


def test_print_and_export(qtbot, page: QuestionnairePage, monkeypatch, tmp_path: Path) -> None:
    round_id = start_round(qtbot, page, "March")
    ana = team.list_members(page.wb)[0].id
    qn.save_response(page.wb, round_id, ana, {qn.round_questions(page.wb, round_id)[0].id: "=1+1"})
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        "cscoach.ui.print_preview.show_preview",
        lambda parent, pdf, title, name, warnings=(), **k: shown.append((pdf, title)),
    )
    qtbot.mouseClick(page.print_form_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.print_answers_button, Qt.MouseButton.LeftButton)
    assert [t for _, t in shown] == ["Team questionnaire", "Team answers: March"]
    assert all(pdf.startswith(b"%PDF") for pdf, _ in shown)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, **k: target)
    page.export_csv()
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert rows[0]["person"] == "Ana" and rows[0]["answer"] == "'=1+1"
    assert target.stat().st_mode & 0o777 == 0o600  # what people answered: the owner's only


def test_delete_round_asks_first(qtbot, page: QuestionnairePage, monkeypatch) -> None:
    start_round(qtbot, page, "March")
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: False)
    page.delete_round()
    assert len(qn.list_rounds(page.wb)) == 1
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    page.delete_round()
    assert qn.list_rounds(page.wb) == []
    assert page.detail_stack.currentIndex() == 0


def test_question_bank_add_edit_retire(qtbot, page: QuestionnairePage, qtmodeltester) -> None:
    bank = page.bank
    page.tabs.setCurrentWidget(bank)
    qtmodeltester.check(bank.model)
    bank.start_new()
    bank.section.setCurrentText("General")
    qtbot.keyClicks(bank.text, "How quickly do we greet people?")
    bank.kind.setCurrentIndex(bank.kind.findData("rating"))  # a choice saves at once
    added = [q for q in qn.list_questions(page.wb) if q.text.startswith("How quickly")]
    assert len(added) == 1 and added[0].kind == "rating"
    assert bank.status.text() == "Saved."
    qtbot.waitUntil(lambda: bank.table.currentIndex().row() == bank.model.row_of(added[0].id))
    bank.text.setPlainText("")
    assert not bank.editor.flush()
    assert bank.errors["text"].isVisible()
    assert qn.get_question(page.wb, added[0].id).text.startswith("How quickly")
    qtbot.mouseClick(bank.retire_button, Qt.MouseButton.LeftButton)
    assert not qn.get_question(page.wb, added[0].id).retired  # not with a refused change
    bank.text.setPlainText("How quickly do we greet people?")
    qtbot.mouseClick(bank.retire_button, Qt.MouseButton.LeftButton)
    assert qn.get_question(page.wb, added[0].id).retired
    retired = bank.model.index(bank.model.row_of(added[0].id), 3)
    assert retired.data() == "Retired"  # greyed in the list
    assert retired.data(Qt.ItemDataRole.ForegroundRole) == style.qcolor("inactive")
    assert bank.retire_button.text() == "Ask Again"
    assert page_module.QuestionnairePage is QuestionnairePage


def test_a_reload_fills_the_form_once_and_keeps_it(qtbot, page: QuestionnairePage, monkeypatch):
    """After a change elsewhere the page reads the round again: the response form is
    loaded once (not once per signal), and for the same round the form is reused with the
    answers put back in it."""
    round_id = start_round(qtbot, page, "March")
    ana = team.list_members(page.wb)[0].id
    enter_response(qtbot, page, ana, "First")
    form = page.editor.answers_area.widget()
    loads, shows = [], []
    real_fill, real_compare = page.editor.record_editor.fill, page._show_compare
    monkeypatch.setattr(
        page.editor.record_editor, "fill", lambda *a: loads.append(a) or real_fill(*a)
    )
    monkeypatch.setattr(page, "_show_compare", lambda: shows.append(1) or real_compare())
    first = page.editor.findChild(QPlainTextEdit, "answer1")
    rq = qn.round_questions(page.wb, round_id)[0]
    (response,) = qn.list_responses(page.wb, round_id)
    qn.save_response(page.wb, round_id, ana, {rq.id: "Saved elsewhere"}, response_id=response.id)
    page.reload()
    assert len(loads) == 1
    assert shows == []  # Compare Rounds is not shown: not read
    assert page.editor.answers_area.widget() is form  # the same form, refilled
    assert first.toPlainText() == "Saved elsewhere"
    assert page.editor.member.currentData() == ana
    page.views.setCurrentIndex(2)
    assert shows == [1]


def test_a_reload_never_drops_answers_being_typed(qtbot, page: QuestionnairePage) -> None:
    """Answers typed but not saved yet are saved by a reload; refused ones stay in the form."""
    round_id = start_round(qtbot, page, "March")
    ana = team.list_members(page.wb)[0].id
    enter_response(qtbot, page, ana, "First")
    first = page.editor.findChild(QPlainTextEdit, "answer1")
    first.setPlainText("typed just before the reload")
    page.reload()
    (response,) = qn.list_responses(page.wb, round_id)
    rq = qn.round_questions(page.wb, round_id)[0]
    assert response.answers[rq.id].text == "typed just before the reload"
    first.setPlainText("y" * 20_001)
    page.reload()
    assert first.toPlainText() == "y" * 20_001  # still there, with its message
    assert page.editor.errors[f"answer:{rq.id}"].isVisible()
    (response,) = qn.list_responses(page.wb, round_id)
    assert response.answers[rq.id].text == "typed just before the reload"


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


def test_undo_and_redo_a_question_and_the_bank_shows_them(qtbot, main_window) -> None:
    wb = main_window.wb
    main_window.show_page("questionnaire")
    page = main_window.current_page()
    bank = page.bank
    page.tabs.setCurrentWidget(bank)
    bank.table.selectRow(0)
    first = bank.model.record_at(0)
    before = snapshot(wb)
    bank.text.setPlainText("How do we greet a regular?")
    assert bank.editor.flush()
    after = snapshot(wb)
    main_window.undo_action.trigger()
    assert snapshot(wb) == before
    assert bank.text.toPlainText() == first.text  # the form shows what was undone
    assert bank.model.record_at(0).text == first.text  # and so does the list
    main_window.redo_action.trigger()
    assert snapshot(wb) == after
    assert bank.text.toPlainText() == "How do we greet a regular?"
    assert bank.model.record_at(0).text == "How do we greet a regular?"


def test_undo_and_redo_a_new_response_and_the_round_shows_them(
    qtbot, main_window, fake_dialogs
) -> None:
    wb = main_window.wb
    ana = team.add_member(wb, "Ana")
    round_id = qn.create_round(wb, "March", "2026-03-01")
    main_window.show_page("questionnaire")
    page = main_window.current_page()
    page.reload()
    before = snapshot(wb)
    page.new_response()
    editor = page.editor
    editor.member.setCurrentIndex(editor.member.findData(ana))
    editor.findChild(QPlainTextEdit, "answer1").setPlainText("Smile first")
    assert editor.save() is not None
    qtbot.waitUntil(lambda: editor.model.rowCount() == 1)
    after = snapshot(wb)
    main_window.undo_action.trigger()
    assert snapshot(wb) == before
    assert qn.list_responses(wb, round_id) == []
    assert editor.model.rowCount() == 0 and editor.response is None  # a blank form
    assert editor.findChild(QPlainTextEdit, "answer1").toPlainText() == ""
    assert page.round_list.item(0).text().split("\n")[1].endswith("0 responses")
    main_window.redo_action.trigger()
    assert snapshot(wb) == after
    assert editor.model.rowCount() == 1
    assert page.round_list.item(0).text().split("\n")[1].endswith("1 response")
    # deleting the response: undone whole, with its answers
    page.editor.list.setCurrentIndex(editor.model.index(0, 0))
    fake_dialogs.answer = True
    editor.delete_response()
    assert qn.list_responses(wb, round_id) == []
    main_window.undo_action.trigger()
    assert snapshot(wb) == after
    assert editor.model.rowCount() == 1
    editor.list.setCurrentIndex(editor.model.index(0, 0))
    assert editor.findChild(QPlainTextEdit, "answer1").toPlainText() == "Smile first"


def test_a_read_only_workbook_shows_answers_and_questions_but_changes_nothing(
    qtbot, workbook: Workbook
) -> None:
    ana = team.add_member(workbook, "Ana")
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rq = qn.round_questions(workbook, round_id)[0]
    qn.save_response(workbook, round_id, ana, {rq.id: "Smile"})
    wb = Workbook.open(workbook.path, read_only=True)
    page = QuestionnairePage(wb)
    qtbot.addWidget(page)
    page.show()
    answer = page.editor.findChild(QPlainTextEdit, "answer1")
    assert answer.toPlainText() == "Smile" and answer.isReadOnly()
    assert not page.editor.member.isEnabled() and not page.editor.new_button.isEnabled()
    assert not page.new_round_button.isEnabled()
    bank = page.bank
    bank.table.selectRow(0)
    assert bank.text.toPlainText() == qn.list_questions(wb)[0].text
    assert bank.text.isReadOnly() and not bank.kind.isEnabled()
    assert not bank.new_button.isEnabled() and not bank.retire_button.isEnabled()
    assert page.save_pending() is None


def test_keyboard_moves_questions_and_starts_and_saves_a_response(qtbot, page) -> None:
    bank = page.bank
    page.tabs.setCurrentWidget(bank)
    bank.table.selectRow(0)
    first = bank.model.record_at(0)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    window = page.windowHandle()  # keys through the window, as its shortcuts see them
    control = Qt.KeyboardModifier.ControlModifier
    bank.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Down, control)
    assert [q.id for q in qn.list_questions(page.wb)][1] == first.id  # Ctrl+Down
    assert bank.editor.current_id == first.id and bank.model.row_of(first.id) == 1
    qtbot.keyClick(window, Qt.Key.Key_Up, control)
    assert qn.list_questions(page.wb)[0].id == first.id  # Ctrl+Up
    page.tabs.setCurrentIndex(0)
    round_id = start_round(qtbot, page, "March")
    assert page.editor.new_button.shortcut().toString() == "Ctrl+Shift+N"
    qtbot.mouseClick(page.editor.new_button, Qt.MouseButton.LeftButton)
    assert page.editor.member.hasFocus() and page.editor.response is None
    page.editor.member.setCurrentIndex(1)  # Ana
    first_answer = page.editor.findChild(QPlainTextEdit, "answer1")
    first_answer.setFocus()
    qtbot.keyClicks(first_answer, "Warm")
    qtbot.keyClick(window, Qt.Key.Key_Return, control)
    (response,) = qn.list_responses(page.wb, round_id)  # saved at once, no pause
    assert response.member_name == "Ana" and page.editor.status.text() == "Saved."
