"""No action loses typed work: in the by-person answers, the question bank, the core
values, the team, the standards, the candidates, the hiring criteria and the KPI notes,
whatever is typed is in the workbook after the owner picks another item, switches tab or
page, or closes the window, without waiting for the pause in typing that also saves it. A
change the model refuses is not written: its message stays next to the field and leaving is
refused with a sentence saying what would be lost (the sidebar and closing the window
ask)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QListWidget, QWidget

from cscoach.model import hiring as hr
from cscoach.model import kpi_entries, kpis, standards, team
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model.months import add_months, current_month
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.registry import PAGES

TYPED = "typed and left at once"


@dataclass
class Editor:
    """One of the three forms, set up in the main window with two items to pick from."""

    page: QWidget
    field: QWidget  # where the owner types
    read: Callable[[Workbook], str]  # what the workbook holds for that field
    pick_other: Callable[[], None]  # the owner clicks the other item in the list
    other_tab: Callable[[], None]  # the owner shows another tab of the page
    showing_first: Callable[[], bool]  # the form still shows the first item
    make_bad: Callable[[], None]  # put a value the model refuses in the form
    error: Callable[[], QLabel]  # where its message is shown
    fragment: str  # a piece of that message
    put_right: Callable[[], None] = lambda: None  # undo make_bad where it is not ``field``


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    if isinstance(view, QListWidget):
        rect = view.visualItemRect(view.item(row))
    else:
        model = view.model()  # the second column of a table, the only one of a list
        rect = view.visualRect(model.index(row, min(1, model.columnCount() - 1)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answers_editor(qtbot, window, wb: Workbook) -> Editor:
    ana, bo = team.add_member(wb, "Ana"), team.add_member(wb, "Bo")
    round_id = qn.create_round(wb, "March", "2026-03-01")
    rq = qn.round_questions(wb, round_id)
    ana_response = qn.save_response(wb, round_id, ana, {rq[0].id: "Smile"})
    qn.save_response(wb, round_id, bo, {rq[0].id: "Be quick"})
    window.show_page("questionnaire")
    page = window.current_page()
    assert page.editor.response.id == ana_response  # Ana, then Bo in the list
    field = page.editor.inputs[rq[0].id]

    def read(book: Workbook) -> str:
        answer = qn.get_response(book, ana_response).answers.get(rq[0].id)
        return answer.text if answer else ""

    return Editor(
        page,
        field,
        read,
        lambda: click_row(qtbot, page.editor.list, 1),
        lambda: page.views.setCurrentIndex(1),  # By Question
        lambda: page.editor.response.id == ana_response,
        lambda: field.setPlainText("x" * 20_001),
        lambda: page.editor.errors[f"answer:{rq[0].id}"],
        "too long",
    )


def bank_editor(qtbot, window, wb: Workbook) -> Editor:
    window.show_page("questionnaire")
    page = window.current_page()
    bank = page.bank
    page.tabs.setCurrentWidget(bank)
    click_row(qtbot, bank.table, 0)
    first = bank.model.record_at(0).id
    assert bank.editor.current_id == first

    return Editor(
        page,
        bank.text,
        lambda book: qn.get_question(book, first).text,
        lambda: click_row(qtbot, bank.table, 1),
        lambda: page.tabs.setCurrentIndex(0),  # Rounds and Answers
        lambda: bank.editor.current_id == first,
        bank.text.clear,
        lambda: bank.errors["text"],
        "cannot be empty",
    )


def value_editor(qtbot, window, wb: Workbook) -> Editor:
    first = ph.add_value(wb, "Own the problem", "Keep it until it is solved.")
    ph.add_value(wb, "Warmth", "Greet everyone.")
    window.show_page("philosophy")
    page = window.current_page()
    page.tabs.setCurrentIndex(1)
    values = page.values
    click_row(qtbot, values.value_list, 0)
    assert values.value_id == first

    def read(book: Workbook) -> str:
        return next(v.meaning for v in ph.list_values(book) if v.id == first)

    def make_bad() -> None:
        values.value_name.setText("warmth")  # another value's name

    return Editor(
        page,
        values.value_meaning,
        read,
        lambda: click_row(qtbot, values.value_list, 1),
        lambda: page.tabs.setCurrentIndex(0),  # Write
        lambda: values.value_id == first,
        make_bad,
        lambda: values.value_errors["name"],
        "already a value",
        lambda: values.value_name.setText("Own the problem"),
    )


def team_editor(qtbot, window, wb: Workbook) -> Editor:
    first = team.add_member(wb, "Ana", "Barista")
    team.add_member(wb, "Bo", "Cook")
    window.show_page("team")
    page = window.current_page()
    click_row(qtbot, page.table, 0)
    assert page.current_member().id == first

    return Editor(
        page,
        page.role_edit,
        lambda book: team.get_member(book, first).role,
        lambda: click_row(qtbot, page.table, 1),
        page.start_new,  # Add Person: a new form (the page has no tabs)
        lambda: page.editor.current_id == first,
        lambda: page.name_edit.setText("bo"),  # another person's name
        lambda: page.errors["name"],
        "already a team member",
        lambda: page.name_edit.setText("Ana"),
    )


def standard_editor(qtbot, window, wb: Workbook) -> Editor:
    window.show_page("standards")  # a new workbook has example standards
    page = window.current_page()
    first = page.model.record_at(0).id
    click_row(qtbot, page.table, 0)
    assert page.current_standard().id == first

    return Editor(
        page,
        page.form.detail_edit,
        lambda book: standards.get_standard(book, first).detail,
        lambda: click_row(qtbot, page.table, 1),
        page.start_new,  # New Standard: a new form (the page has no tabs)
        lambda: page.editor.current_id == first,
        lambda: page.form.interval_spin.setValue(0),
        lambda: page.form.errors["review_months"],
        "between 1 and 60",
        lambda: page.form.interval_spin.setValue(6),
    )


def candidate_editor(qtbot, window, wb: Workbook) -> Editor:
    for name in ("Ana", "Bo"):
        hr.add_candidate(wb, hr.CandidateInput(name, "Barista"))
    window.show_page("hiring")
    page = window.current_page()
    panel = page.candidates
    click_row(qtbot, panel.table, 0)
    first, other = (panel.model.record_at(row).candidate for row in (0, 1))
    assert panel.current_candidate().id == first.id

    return Editor(
        page,
        panel.notes_edit,
        lambda book: hr.get_candidate(book, first.id).notes,
        lambda: click_row(qtbot, panel.table, 1),
        lambda: page.tabs.setCurrentWidget(page.criteria),
        lambda: panel.editor.current_id == first.id,
        lambda: panel.name_edit.setText(other.name.lower()),  # another candidate's name
        lambda: panel.errors["name"],
        "already a candidate",
        lambda: panel.name_edit.setText(first.name),
    )


def criterion_editor(qtbot, window, wb: Workbook) -> Editor:
    window.show_page("hiring")  # a new workbook has example criteria
    page = window.current_page()
    panel = page.criteria
    page.tabs.setCurrentWidget(panel)
    click_row(qtbot, panel.table, 0)
    first = panel.model.record_at(0)
    assert panel.editor.current_id == first.id

    return Editor(
        page,
        panel.good_edit,
        lambda book: hr.get_criterion(book, first.id).good_signs,
        lambda: click_row(qtbot, panel.table, 1),
        lambda: page.tabs.setCurrentWidget(page.candidates),
        lambda: panel.editor.current_id == first.id,
        panel.quality_edit.clear,
        lambda: panel.errors["quality"],
        "cannot be empty",
        lambda: panel.quality_edit.setText(first.quality),
    )


def kpi_note_editor(qtbot, window, wb: Workbook) -> Editor:
    csat = kpis.kpi_by_key(wb, "csat").id
    this_month = current_month()
    last_month = add_months(this_month, -1)
    kpi_entries.set_entry(wb, csat, this_month, 80, "Busy")
    kpi_entries.set_entry(wb, csat, last_month, 90, "Quiet")
    window.show_page("kpis")
    page = window.current_page()
    page.select_cell(csat, this_month)

    def pick_other() -> None:
        rect = page.grid.visualRect(page.grid_model.index_of(csat, last_month))
        qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    return Editor(
        page,
        page.note_edit,
        lambda book: kpi_entries.get_entry(book, csat, this_month).note,
        pick_other,
        lambda: page.tabs.setCurrentIndex(3),  # Definitions
        lambda: page.current_cell()[1] == this_month,
        lambda: page.note_edit.setPlainText("x" * (kpi_entries.MAX_NOTE + 1)),
        lambda: page.note_error,
        "too long",
    )


EDITORS = {
    "answers": answers_editor,
    "question bank": bank_editor,
    "core value": value_editor,
    "team": team_editor,
    "standard": standard_editor,
    "candidate": candidate_editor,
    "criterion": criterion_editor,
    "KPI note": kpi_note_editor,
}


def type_text(qtbot, field: QWidget, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def reopened(path: Path) -> Workbook:
    return Workbook.open(path, read_only=True)


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize("leave", ["pick another", "other tab", "other page", "save_pending"])
def test_typed_text_is_saved_when_the_owner_moves_on(
    qtbot, main_window, workbook: Workbook, editor: str, leave: str
) -> None:
    form = EDITORS[editor](qtbot, main_window, workbook)
    type_text(qtbot, form.field, TYPED)
    assert form.read(workbook) != TYPED  # not saved yet: the pause has not passed
    if leave == "pick another":
        form.pick_other()
        qtbot.waitUntil(lambda: not form.showing_first())
    elif leave == "other tab":
        form.other_tab()
    elif leave == "other page":
        main_window.show_page("overview")
        assert main_window.current_page_key() == "overview"
    else:
        assert form.page.save_pending() is None
    assert form.read(workbook) == TYPED


@pytest.mark.parametrize("editor", EDITORS)
def test_typed_text_is_saved_when_the_window_closes(
    qtbot, main_window, workbook: Workbook, editor: str, fake_dialogs
) -> None:
    form = EDITORS[editor](qtbot, main_window, workbook)
    type_text(qtbot, form.field, TYPED)
    assert main_window.close()
    assert fake_dialogs.asked == []  # nothing to ask about: it was saved
    book = reopened(workbook.path)
    try:
        assert form.read(book) == TYPED
    finally:
        book.close()


@pytest.mark.parametrize("editor", EDITORS)
def test_typed_text_is_saved_after_a_pause(qtbot, main_window, workbook: Workbook, editor: str):
    form = EDITORS[editor](qtbot, main_window, workbook)
    type_text(qtbot, form.field, TYPED)
    qtbot.waitUntil(lambda: form.read(workbook) == TYPED)
    assert form.showing_first()


@pytest.mark.parametrize("editor", EDITORS)
def test_a_refused_change_is_not_written_and_leaving_is_explained(
    qtbot, main_window, workbook: Workbook, editor: str, fake_dialogs
) -> None:
    form = EDITORS[editor](qtbot, main_window, workbook)
    key = main_window.current_page_key()
    before = form.read(workbook)
    form.make_bad()
    # Picking another item and showing another tab are refused: the form stays put.
    form.pick_other()
    QApplication.processEvents()  # the selection is put back on the next turn of the loop
    assert form.showing_first()
    assert form.error().isVisible() and form.fragment in form.error().text()
    form.other_tab()
    assert form.error().isVisible()
    # Closing the window asks; keeping the change keeps the window, the page and the form.
    fake_dialogs.answer = False
    assert not main_window.close()
    (question,) = fake_dialogs.texts("confirm")
    assert form.fragment in question
    assert main_window.isVisible() and main_window.current_page_key() == key
    assert form.error().isVisible() and form.showing_first()
    # Another page (the sidebar, Ctrl+number, a link) asks too; kept, the page stays.
    fake_dialogs.asked.clear()
    overview = next(i for i, spec in enumerate(PAGES) if spec.key == "overview")
    main_window.sidebar.setCurrentRow(overview)  # what a click or Ctrl+1 does
    (question,) = fake_dialogs.texts("confirm")
    assert form.fragment in question
    assert main_window.current_page_key() == key
    assert main_window.sidebar.currentRow() == main_window.stack.currentIndex()
    # Left anyway, the change waits in its form with its message.
    fake_dialogs.answer = True
    main_window.show_page("overview")
    assert main_window.current_page_key() == "overview"
    main_window.show_page(key)
    assert form.error().isVisible() and form.showing_first()
    assert form.fragment in (form.page.save_pending() or "")
    assert form.read(workbook) == before  # nothing was written
    # Once put right, it saves and the window closes without a question.
    type_text(qtbot, form.field, TYPED)
    form.put_right()
    assert form.page.save_pending() is None
    assert not form.error().isVisible()
    fake_dialogs.asked.clear()
    assert main_window.close()
    assert fake_dialogs.asked == []
    book = reopened(workbook.path)
    try:
        assert form.read(book) == TYPED
    finally:
        book.close()
