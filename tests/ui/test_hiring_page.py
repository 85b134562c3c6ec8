"""The Hiring page, driven as the owner would use it, checked against the model."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHeaderView, QLabel

from cscoach.model import hiring as hr
from cscoach.model import philosophy as ph
from cscoach.model.workbook import Workbook
from cscoach.ui import print_preview
from cscoach.ui.pages.hiring import candidates as cp
from cscoach.ui.pages.hiring import ranking as rk
from cscoach.ui.pages.hiring.candidates import candidate_table_model, delete_question
from cscoach.ui.pages.hiring.criteria import criteria_table_model
from cscoach.ui.pages.hiring.page import HiringPage
from cscoach.ui.pages.hiring.ranking import ranking_table_model
from cscoach.ui.record_table import FIT_WIDEST


@pytest.fixture
def page(qtbot, workbook):
    page = HiringPage(workbook)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def previews(monkeypatch) -> list[tuple[bytes, str, str]]:
    """Every print preview the page opens: (pdf, title, file name)."""
    shown: list[tuple[bytes, str, str]] = []

    def fake(parent, pdf, title, file_name, warnings=(), **saving):
        shown.append((pdf, title, file_name))

    monkeypatch.setattr(print_preview, "show_preview", fake)
    return shown


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def enter(qtbot, edit) -> None:
    """Enter in a one-line field saves the form at once (else a pause in typing does)."""
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def add(wb: Workbook, name: str, role: str = "Barista", **kw) -> int:
    return hr.add_candidate(wb, hr.CandidateInput(name, role, **kw))


def select(page: HiringPage, name: str) -> None:
    for row, summary in enumerate(page.candidates.model.records()):
        if summary.candidate.name == name:
            page.candidates.table.selectRow(row)
            assert page.candidates.current_candidate().name == name
            return
    raise AssertionError(f"{name} is not in the table")


def quality(wb: Workbook, name: str) -> int:
    return next(c.id for c in hr.list_criteria(wb) if c.quality == name)


# -- candidates ------------------------------------------------------------------


def test_add_a_candidate_and_score_them(qtbot, page, workbook):
    panel = page.candidates
    assert not panel.list_panel.add_button.isVisible()  # the empty state has its own
    click(qtbot, panel.list_panel.empty_add_button)
    qtbot.keyClicks(panel.name_edit, "Ana Costa")
    qtbot.keyClicks(panel.role_edit, "Barista")
    qtbot.keyClicks(panel.date_edit, "2026-03-10")
    with qtbot.waitSignal(page.changed):
        enter(qtbot, panel.date_edit)
    [ana] = hr.list_candidates(workbook)
    assert (ana.name, ana.role, ana.interview_date, ana.status) == (
        "Ana Costa",
        "Barista",
        "2026-03-10",
        "interviewing",
    )
    qtbot.waitUntil(lambda: panel.current_candidate() is not None)
    assert panel.current_candidate().id == ana.id  # ready to score
    assert panel.status.text() == "Saved."
    assert [e.criterion.quality for e in panel.scores.editors] == [
        c.quality for c in hr.list_criteria(workbook)
    ]
    empathy = panel.editor_for("Empathy")
    with qtbot.waitSignal(page.changed):
        click(qtbot, empathy.buttons[4])
    assert hr.scores_for(workbook, ana.id)[quality(workbook, "Empathy")].score == 4
    qtbot.keyClicks(empathy.note_edit, "Told a <b>kind</b> story & smiled")
    empathy.note_edit.editingFinished.emit()  # what moving the focus away does
    score = hr.scores_for(workbook, ana.id)[quality(workbook, "Empathy")]
    assert (score.score, score.note) == (4, "Told a <b>kind</b> story & smiled")
    assert empathy.buttons[4].isChecked()
    assert "Weighted score: 80%" in panel.scores.summary_label.text()
    assert "1 of 5 scored" in panel.scores.summary_label.text()
    row = panel.model.row_of(ana.id)
    assert panel.model.data(panel.model.index(row, cp.SCORE)) == "80%"
    # a second score changes the weighted score: (5×4 + 3×2) ÷ (25 + 15) = 65%
    click(qtbot, panel.editor_for("Clear communication").buttons[2])
    assert hr.score_summary(workbook, ana.id).percent == pytest.approx(65.0)
    assert "Weighted score: 65%" in panel.scores.summary_label.text()
    assert panel.model.data(panel.model.index(row, cp.SCORED)) == "2 of 5"


def test_changing_a_score_keeps_its_note(qtbot, page, workbook):
    ana = add(workbook, "Ana")
    hr.set_score(workbook, ana, quality(workbook, "Empathy"), 2, "Nervous at first")
    page.reload()
    select(page, "Ana")
    editor = page.candidates.editor_for("Empathy")
    assert editor.buttons[2].isChecked() and editor.note_edit.text() == "Nervous at first"
    click(qtbot, editor.buttons[5])
    assert hr.scores_for(workbook, ana)[quality(workbook, "Empathy")] == hr.Score(
        ana, quality(workbook, "Empathy"), 5, "Nervous at first"
    )


def test_a_note_needs_a_score_first(qtbot, page, workbook):
    ana = add(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    editor = page.candidates.editor_for("Active listening")
    qtbot.keyClicks(editor.note_edit, "Summed up my question well")
    editor.note_edit.editingFinished.emit()
    assert editor.error.isVisible()
    assert "Choose a score" in editor.error.text()
    assert hr.scores_for(workbook, ana) == {}
    click(qtbot, editor.buttons[3])  # the note typed is saved with the score
    assert not editor.error.isVisible()
    score = hr.scores_for(workbook, ana)[quality(workbook, "Active listening")]
    assert (score.score, score.note) == (3, "Summed up my question well")


def test_clearing_a_score_with_a_note_asks_first(qtbot, page, workbook, fake_dialogs):
    ana = add(workbook, "Ana")
    empathy = quality(workbook, "Empathy")
    hr.set_score(workbook, ana, empathy, 4, "Warm")
    hr.set_score(workbook, ana, quality(workbook, "Active listening"), 3)
    page.reload()
    select(page, "Ana")
    editor = page.candidates.editor_for("Empathy")
    fake_dialogs.answer = False
    click(qtbot, editor.clear_button)
    assert fake_dialogs.kinds() == ["confirm"]
    assert empathy in hr.scores_for(workbook, ana)
    fake_dialogs.answer = True
    click(qtbot, editor.clear_button)
    assert empathy not in hr.scores_for(workbook, ana)
    assert not any(b.isChecked() for b in editor.buttons.values())
    assert "not scored yet: Empathy" in page.candidates.scores.summary_label.text()
    # without a note there is nothing to lose: no question
    click(qtbot, page.candidates.editor_for("Active listening").clear_button)
    assert fake_dialogs.kinds() == ["confirm", "confirm"]
    assert hr.scores_for(workbook, ana) == {}


def test_bad_input_is_shown_next_to_the_field_and_writes_nothing(qtbot, page, workbook):
    panel = page.candidates
    qtbot.keyClicks(panel.role_edit, "Barista")
    enter(qtbot, panel.role_edit)
    assert panel.errors["name"].isVisible()
    assert panel.errors["name"].text() == "Name cannot be empty."
    qtbot.keyClicks(panel.date_edit, "10/03/2026")  # the bad date first: Ana alone is added
    qtbot.keyClicks(panel.name_edit, "Ana")
    enter(qtbot, panel.name_edit)
    assert not panel.errors["name"].isVisible()
    assert panel.errors["interview_date"].isVisible()
    assert "YYYY-MM-DD" in panel.errors["interview_date"].text()
    assert hr.list_candidates(workbook) == []
    panel.date_edit.clear()
    enter(qtbot, panel.date_edit)
    assert [c.name for c in hr.list_candidates(workbook)] == ["Ana"]
    # a second Ana is refused
    qtbot.waitUntil(panel.list_panel.add_button.isVisible)  # the list follows the save
    click(qtbot, panel.list_panel.add_button)
    qtbot.keyClicks(panel.name_edit, "ana")
    enter(qtbot, panel.name_edit)
    assert "already a candidate called" in panel.errors["name"].text()
    assert len(hr.list_candidates(workbook)) == 1


def test_edits_save_when_a_field_is_left_and_status_at_once(qtbot, page, workbook):
    ana = add(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    panel = page.candidates
    panel.role_edit.clear()
    qtbot.keyClicks(panel.role_edit, "Shift lead")
    panel.role_edit.editingFinished.emit()
    assert hr.get_candidate(workbook, ana).role == "Shift lead"
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("hired"))
    assert hr.get_candidate(workbook, ana).status == "hired"
    qtbot.keyClicks(panel.notes_edit, "Starts Monday & brings <cake>")
    qtbot.waitUntil(
        lambda: hr.get_candidate(workbook, ana).notes == "Starts Monday & brings <cake>"
    )


def test_choosing_someone_else_saves_the_edit_in_progress(qtbot, page, workbook):
    ana = add(workbook, "Ana")
    add(workbook, "Ben")
    page.reload()
    select(page, "Ana")
    qtbot.keyClicks(page.candidates.notes_edit, "Great")
    editor = page.candidates.editor_for("Empathy")
    click(qtbot, editor.buttons[3])
    qtbot.keyClicks(editor.note_edit, " listener")
    select(page, "Ben")
    assert hr.get_candidate(workbook, ana).notes == "Great"
    assert hr.scores_for(workbook, ana)[quality(workbook, "Empathy")].note == "listener"
    assert page.candidates.name_edit.text() == "Ben"


def test_a_new_candidate_is_added_once_and_a_refused_one_stays(qtbot, page, workbook, fake_dialogs):
    add(workbook, "Ben")
    page.reload()
    panel = page.candidates
    qtbot.keyClicks(panel.name_edit, "An")
    qtbot.waitUntil(lambda: len(hr.list_candidates(workbook)) == 2)  # the pause added them
    qtbot.keyClicks(panel.name_edit, "a")
    assert page.save_pending() is None
    assert sorted(c.name for c in hr.list_candidates(workbook)) == ["Ana", "Ben"]
    # a new candidate without a name is refused, named, and kept in the form
    panel.start_new()
    qtbot.keyClicks(panel.role_edit, "Cook")
    assert "could not be added: Name cannot be empty." in (page.save_pending() or "")
    panel.table.selectRow(0)
    assert panel.current_candidate() is None and panel.role_edit.text() == "Cook"
    assert fake_dialogs.asked == []
    assert len(hr.list_candidates(workbook)) == 2


def test_delete_asks_and_removes_every_trace(qtbot, page, workbook, fake_dialogs):
    ana = add(workbook, "Ana", notes="Private")
    add(workbook, "Ben")
    for c in hr.list_criteria(workbook):
        hr.set_score(workbook, ana, c.id, 4, "note")
    page.reload()
    select(page, "Ana")
    fake_dialogs.answer = False
    click(qtbot, page.candidates.delete_button)
    [question] = fake_dialogs.texts("confirm")
    assert "5 scores with their notes and the interview notes" in question
    assert len(hr.list_candidates(workbook)) == 2
    fake_dialogs.answer = True
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.candidates.delete_button)
    assert [c.name for c in hr.list_candidates(workbook)] == ["Ben"]
    assert workbook.query("SELECT * FROM candidate_scores") == []
    assert page.candidates.current_candidate().name == "Ben"
    assert "Ana and all their scores were deleted" in page.candidates.feedback_label.text()
    page.tabs.setCurrentWidget(page.ranking)
    assert [r.candidate.name for r in page.ranking.model.records()] == ["Ben"]


def test_delete_question_wording():
    c = hr.Candidate(1, "Ana", "", None, "interviewing", "")
    assert "Delete Ana and everything recorded about them: 1 score with their notes?" in (
        delete_question(c, 1)
    )
    assert "their details" in delete_question(c, 0)
    assert "Edit › Undo brings them back." in delete_question(c, 0)


def test_empty_state_and_first_action(qtbot, page, workbook):
    panel = page.candidates
    assert panel.list_panel.stack.currentWidget() is panel.list_panel.empty_state
    assert page.findChild(QLabel, "emptyText").text().startswith("No candidates yet")
    page.tabs.setCurrentWidget(page.ranking)
    assert "No candidates to rank yet" in page.ranking.empty_label.text()
    assert page.ranking.stack.currentWidget() is page.ranking.empty_label
    page.tabs.setCurrentWidget(page.compare)
    assert page.compare.stack.currentWidget() is page.compare.empty_label
    page.tabs.setCurrentWidget(page.candidates)
    assert not page.print_filled_button.isEnabled()
    assert "Add the candidate first" in panel.scores.hint.text()
    click(qtbot, panel.list_panel.empty_add_button)
    qtbot.keyClicks(panel.name_edit, "Ana")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.list_panel.stack.currentWidget() is panel.table)
    assert page.print_filled_button.isEnabled()


def test_user_text_is_shown_as_typed(qtbot, page, workbook):
    add(workbook, "<b>Ana</b> & co", "Bar<i>ista</i>")
    page.reload()
    select(page, "<b>Ana</b> & co")
    assert page.candidates.form_title.text() == "<b>Ana</b> & co"
    assert page.candidates.form_title.textFormat() == Qt.TextFormat.PlainText
    assert page.candidates.model.data(page.candidates.model.index(0, 0)) == "<b>Ana</b> & co"


# -- ranking and comparison -----------------------------------------------------------


def scored_candidates(wb: Workbook) -> dict[str, int]:
    ids = {
        "Ana": add(wb, "Ana", "Barista"),
        "Ben": add(wb, "Ben", "Barista"),
        "Cy": add(wb, "Cy", "Shift lead"),
    }
    empathy, listening = quality(wb, "Empathy"), quality(wb, "Active listening")
    hr.set_score(wb, ids["Ana"], empathy, 3)
    hr.set_score(wb, ids["Ben"], empathy, 5, "Very warm")
    hr.set_score(wb, ids["Ben"], listening, 2)
    hr.set_score(wb, ids["Cy"], empathy, 4)
    return ids


def test_ranking_by_role(qtbot, page, workbook):
    ids = scored_candidates(workbook)
    page.reload()
    page.tabs.setCurrentWidget(page.ranking)
    ranking = page.ranking
    assert [r.candidate.name for r in ranking.model.records()] == ["Cy", "Ben", "Ana"]
    combo = ranking.role_combo
    assert [combo.itemText(n) for n in range(combo.count())] == [
        "All roles",
        "Barista",
        "Shift lead",
    ]
    combo.setCurrentIndex(combo.findText("Barista"))
    items = ranking.model.records()
    assert [(r.rank, r.candidate.name) for r in items] == [(1, "Ben"), (2, "Ana")]
    model = ranking.model
    # Ben: (25 + 8) ÷ (25 + 20) = 73.3%
    assert model.data(model.index(0, 4)) == "73.3%"
    assert model.data(model.index(0, 5)) == "2 of 5 scored"
    assert "Genuine desire" in model.data(model.index(0, 6))
    # double-clicking opens the candidate
    ranking.open_candidate.emit(ids["Ana"])
    assert page.tabs.currentWidget() is page.candidates
    assert page.candidates.current_candidate().name == "Ana"


def test_compare_side_by_side(qtbot, page, workbook):
    ids = scored_candidates(workbook)
    page.reload()
    page.tabs.setCurrentWidget(page.compare)
    compare = page.compare
    # the two best are chosen to start with
    assert [p.currentData() for p in compare.pickers] == [ids["Cy"], ids["Ben"], None]
    compare.pickers[0].setCurrentIndex(compare.pickers[0].findData(ids["Ana"]))
    grid = compare.grid
    assert grid.columnCount() == 4
    assert [grid.horizontalHeaderItem(n).text() for n in range(4)] == [
        "Quality",
        "Weight",
        "Ana",
        "Ben",
    ]
    assert compare.cell_text(0, 0) == "Empathy"
    assert compare.cell_text(0, 2) == "3"
    assert compare.cell_text(0, 3) == "5 — Very warm"
    assert grid.item(0, 3).font().bold()  # the better score stands out
    assert compare.cell_text(1, 2) == "not scored"
    totals = grid.rowCount() - 2
    assert compare.cell_text(totals, 0) == "Weighted score"
    assert [compare.cell_text(totals, n) for n in (2, 3)] == ["60.0%", "73.3%"]
    assert compare.cell_text(totals + 1, 2) == "1 of 5 scored"
    compare.pickers[2].setCurrentIndex(compare.pickers[2].findData(ids["Cy"]))
    assert grid.columnCount() == 5
    compare.pickers[1].setCurrentIndex(compare.pickers[1].findData(ids["Ana"]))
    assert compare.error.isVisible()
    assert "different candidates" in compare.error.text()


def test_ranking_and_compare_read_when_first_shown_and_after_a_new_score(qtbot, page, workbook):
    ids = scored_candidates(workbook)
    page.reload()
    assert page.ranking.model.records() == []  # hidden: nothing read for it yet
    page.tabs.setCurrentWidget(page.ranking)
    assert [r.candidate.name for r in page.ranking.model.records()] == ["Cy", "Ben", "Ana"]
    # Ana is scored 5 on every quality on the Candidates tab: she goes first
    page.open_candidate(ids["Ana"])
    for editor in page.candidates.scores.editors:
        with qtbot.waitSignal(page.changed):
            click(qtbot, editor.buttons[5])
    page.tabs.setCurrentWidget(page.ranking)
    ranking = page.ranking.model
    assert [r.candidate.name for r in ranking.records()] == ["Ana", "Cy", "Ben"]
    assert ranking.data(ranking.index(0, rk.SCORE)) == "100.0%"
    page.tabs.setCurrentWidget(page.compare)
    compare = page.compare
    assert [p.currentData() for p in compare.pickers[:2]] == [ids["Ana"], ids["Cy"]]
    assert compare.cell_text(compare.grid.rowCount() - 2, 2) == "100.0%"
    # a change made elsewhere (another page) is read when the page is reloaded
    assert compare.cell_text(compare.grid.rowCount() - 2, 3) == "80.0%"  # Cy
    hr.set_score(workbook, ids["Cy"], quality(workbook, "Active listening"), 5)
    page.reload()
    assert compare.cell_text(compare.grid.rowCount() - 2, 3) == "88.9%"  # shown: read now
    page.tabs.setCurrentWidget(page.ranking)
    assert [r.candidate.name for r in ranking.records()] == ["Ana", "Cy", "Ben"]
    assert ranking.data(ranking.index(1, rk.SCORE)) == "88.9%"


def test_a_reload_with_nothing_changed_leaves_the_tables_alone(qtbot, page, workbook):
    ids = scored_candidates(workbook)
    page.reload()
    select(page, "Ben")
    table = page.candidates.table
    table.horizontalHeader().resizeSection(cp.ROLE, 150)  # the owner's width
    editors = list(page.candidates.scores.editors)
    with qtbot.assertNotEmitted(page.candidates.model.modelReset):
        page.reload()
    assert page.candidates.scores.editors == editors  # the scoring grid was not rebuilt
    assert table.horizontalHeader().sectionSize(cp.ROLE) == 150
    # a change made elsewhere is shown, and the candidate stays chosen
    hr.set_status(workbook, ids["Cy"], "hired")
    with qtbot.waitSignal(page.candidates.model.modelReset):
        page.reload()
    model = page.candidates.model
    row = model.row_of(ids["Cy"])
    assert model.data(model.index(row, cp.STATUS)) == "Hired"
    assert page.candidates.current_candidate().name == "Ben"
    # so is one written by another connection to the file
    other = sqlite3.connect(workbook.path)
    with other:
        other.execute("UPDATE candidates SET role = 'Cook' WHERE id = ?", (ids["Ana"],))
    other.close()
    page.reload()
    row = model.row_of(ids["Ana"])
    assert model.data(model.index(row, cp.ROLE)) == "Cook"


def test_columns_fit_a_sample_once_and_long_text_is_elided_with_a_tooltip(qtbot, page, workbook):
    long_name = "Maximiliana Wolkenstein-Rautenberg von Hohenzollern-Sigmaringen"
    add(workbook, long_name, "Senior customer experience lead, weekends")
    for n in range(30):
        add(workbook, f"Candidate {n:02}", "Barista")
    page.resize(1800, 800)  # room for the list beside the scoring (which takes the most)
    page.reload()
    table = page.candidates.table
    header = table.horizontalHeader()
    modes = {header.sectionResizeMode(n) for n in range(header.count())}
    assert QHeaderView.ResizeMode.ResizeToContents not in modes
    assert header.sectionResizeMode(cp.NAME) == QHeaderView.ResizeMode.Stretch
    model = page.candidates.model
    row = model.row_of(next(c.id for c in hr.list_candidates(workbook) if c.name == long_name))
    assert row > 10  # not among the first rows, yet its role is measured
    wanted = table.sizeHintForIndex(model.index(row, cp.ROLE)).width()
    assert header.sectionSize(cp.ROLE) == min(wanted, FIT_WIDEST)
    for column in (cp.NAME, cp.ROLE):
        index = model.index(row, column)
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.data(index)
    score = model.index(row, cp.SCORE)
    assert model.data(score, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    # the tables of the other tabs are fitted when shown
    page.tabs.setCurrentWidget(page.ranking)
    ranking = page.ranking.table.horizontalHeader()
    assert ranking.sectionSize(rk.NAME) == FIT_WIDEST  # the long name, capped
    page.tabs.setCurrentWidget(page.criteria)
    criteria = page.criteria.table.horizontalHeader()
    assert criteria.sectionSize(0) >= criteria.sectionSizeHint(0)


# -- criteria ------------------------------------------------------------------------


def test_add_a_criterion(qtbot, page, workbook):
    kind = ph.add_value(workbook, "Kindness")
    page.reload()
    page.tabs.setCurrentWidget(page.criteria)
    panel = page.criteria
    click(qtbot, panel.new_button)
    qtbot.keyClicks(panel.quality_edit, "Patience & <calm>")
    qtbot.keyClicks(panel.good_edit, "Waits; lets people finish")
    qtbot.keyClicks(panel.questions_edit, "Tell me about a slow day.")
    qtbot.keyClick(panel.questions_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.questions_edit, "And a busy one?")
    panel.weight_combo.setCurrentIndex(panel.weight_combo.findData(4))
    panel.values_list.item(0).setCheckState(Qt.CheckState.Checked)  # a tick saves at once
    assert panel.status.text() == "Saved."
    added = hr.list_criteria(workbook)[-1]
    assert (added.quality, added.good_signs, added.questions, added.weight, added.value_ids) == (
        "Patience & <calm>",
        "Waits; lets people finish",
        ("Tell me about a slow day.", "And a busy one?"),
        4,
        (kind,),
    )
    assert [c.quality for c in hr.list_criteria(workbook)].count(added.quality) == 1
    qtbot.waitUntil(lambda: panel.current() is not None)
    assert panel.current().id == added.id
    # the candidates' scoring grid shows it at once
    add(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    assert page.candidates.editor_for("Patience & <calm>")


def test_criterion_errors_are_shown_next_to_the_fields(qtbot, page, workbook):
    page.tabs.setCurrentWidget(page.criteria)
    panel = page.criteria
    before = len(hr.list_criteria(workbook))
    qtbot.keyClicks(panel.questions_edit, "A question?")
    enter(qtbot, panel.quality_edit)
    assert panel.errors["quality"].isVisible()
    assert panel.errors["quality"].text() == "Quality cannot be empty."
    assert panel.status.text() == "Not saved."
    panel.questions_edit.clear()
    qtbot.keyClicks(panel.quality_edit, "Grit")
    enter(qtbot, panel.quality_edit)
    assert not panel.errors["quality"].isVisible()
    assert "at least one interview question" in panel.errors["questions"].text()
    assert len(hr.list_criteria(workbook)) == before


def test_edit_reorder_retire_and_delete_criteria(qtbot, page, workbook, fake_dialogs):
    ana = add(workbook, "Ana")
    hr.set_score(workbook, ana, quality(workbook, "Empathy"), 4)
    page.reload()
    page.tabs.setCurrentWidget(page.criteria)
    panel = page.criteria
    panel.table.selectRow(1)  # Active listening
    assert panel.quality_edit.text() == "Active listening"
    panel.weight_combo.setCurrentIndex(panel.weight_combo.findData(2))  # saved at once
    assert hr.get_criterion(workbook, quality(workbook, "Active listening")).weight == 2
    click(qtbot, panel.up_button)
    assert [c.quality for c in hr.list_criteria(workbook)][:2] == ["Active listening", "Empathy"]
    # Empathy was scored: it cannot be deleted, only retired
    panel.table.selectRow(1)
    assert panel.quality_edit.text() == "Empathy"
    assert not panel.delete_button.isEnabled()
    assert "retire it instead" in panel.delete_button.toolTip()
    click(qtbot, panel.retire_button)
    assert not hr.get_criterion(workbook, quality(workbook, "Empathy")).active
    assert panel.retire_button.text() == "Use Again"
    assert panel.model.data(panel.model.index(1, 5)) == "Retired"
    # Ana keeps her score on it; a new candidate is not asked about it
    select(page, "Ana")
    kept = page.candidates.editor_for("Empathy")
    assert kept.quality_label.text() == "Empathy (retired)"
    assert kept.buttons[4].isChecked()
    add(workbook, "Ben")
    page.reload()
    select(page, "Ben")
    assert "Empathy" not in [e.criterion.quality for e in page.candidates.scores.editors]
    # a criterion never scored can be deleted, after asking
    page.tabs.setCurrentWidget(page.criteria)
    panel.table.selectRow(4)
    doomed = panel.current()
    fake_dialogs.answer = True
    click(qtbot, panel.delete_button)
    assert doomed.id not in [c.id for c in hr.list_criteria(workbook)]
    assert fake_dialogs.kinds() == ["confirm"]


def test_choosing_another_criterion_saves_the_edit_in_progress(qtbot, page, workbook):
    page.tabs.setCurrentWidget(page.criteria)
    panel = page.criteria
    panel.table.selectRow(0)
    panel.weight_combo.setCurrentIndex(panel.weight_combo.findData(1))
    panel.questions_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(panel.questions_edit, Qt.Key.Key_Return)
    qtbot.keyClick(panel.questions_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.questions_edit, "  A second question?  ")
    panel.table.selectRow(2)
    empathy = hr.get_criterion(workbook, quality(workbook, "Empathy"))
    assert empathy.weight == 1
    assert empathy.questions[1] == "A second question?"
    assert panel.quality_edit.text() == "Genuine desire to solve problems"
    # an invalid edit keeps the criterion in the form, with the message beside the field
    panel.quality_edit.clear()
    panel.table.selectRow(0)
    assert panel.current().quality == "Genuine desire to solve problems"
    assert panel.errors["quality"].isVisible()
    # leaving the tab saves a valid edit
    qtbot.keyClicks(panel.quality_edit, "Owning problems")
    page.tabs.setCurrentWidget(page.ranking)
    assert "Owning problems" in [c.quality for c in hr.list_criteria(workbook)]


def test_a_new_criterion_is_added_once_it_has_a_quality_and_questions(
    qtbot, page, workbook, fake_dialogs
):
    page.tabs.setCurrentWidget(page.criteria)
    panel = page.criteria
    qtbot.keyClicks(panel.quality_edit, "Patience")
    assert "at least one interview question" in (page.save_pending() or "")
    panel.table.selectRow(0)  # refused: the new criterion stays in the form
    assert panel.current() is None and panel.quality_edit.text() == "Patience"
    page.tabs.setCurrentWidget(page.ranking)  # and on its tab
    assert page.tabs.currentWidget() is page.criteria
    qtbot.keyClicks(panel.questions_edit, "When did you wait?")
    panel.table.selectRow(0)
    assert panel.quality_edit.text() == "Empathy"
    assert fake_dialogs.asked == []
    assert [c.quality for c in hr.list_criteria(workbook)].count("Patience") == 1
    assert len(hr.list_criteria(workbook)) == 6


# -- printing ------------------------------------------------------------------------


def test_print_blank_and_filled_scorecards(qtbot, page, workbook, previews):
    ana = add(workbook, "Ana Ünï <b>", "Barista")
    hr.set_score(workbook, ana, quality(workbook, "Empathy"), 4, "Kind & <quick>")
    page.reload()
    click(qtbot, page.print_blank_button)
    pdf, title, file_name = previews[-1]
    text = pdf_text(pdf)
    assert title == "Interview scorecard" and file_name == "interview-scorecard.pdf"
    for c in hr.list_criteria(workbook):
        assert c.quality in text
    select(page, "Ana Ünï <b>")
    click(qtbot, page.print_filled_button)
    pdf, title, file_name = previews[-1]
    text = pdf_text(pdf)
    assert "Ana Ünï <b>" in text and "Kind & <quick>" in text and "80%" in text
    assert title == "Interview scorecard: Ana Ünï <b>"
    assert "<" not in file_name and file_name.endswith(".pdf")


def test_a_problem_printing_is_explained(qtbot, page, workbook, previews, fake_dialogs):
    add(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    hr.update_candidate(workbook, hr.list_candidates(workbook)[0].id, hr.CandidateInput("Bea"))
    click(qtbot, page.print_filled_button)  # renamed behind the page's back
    assert previews == []
    assert fake_dialogs.kinds() == ["error"]


# -- read-only and the table models ----------------------------------------------------


def test_read_only_workbook_disables_editing(qtbot, tmp_path: Path, previews):
    path = tmp_path / "ro.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        ana = add(wb, "Ana")
        hr.set_score(wb, ana, quality(wb, "Empathy"), 4)
    wb = Workbook.open(path, read_only=True)
    try:
        page = HiringPage(wb)
        qtbot.addWidget(page)
        page.show()
        select(page, "Ana")  # browsing still works
        panel = page.candidates
        assert panel.name_edit.isReadOnly()
        for widget in (
            panel.list_panel.add_button,
            panel.delete_button,
            panel.status_combo,
            *panel.editor_for("Empathy").buttons.values(),
            page.criteria.new_button,
            page.criteria.retire_button,
        ):
            assert not widget.isEnabled(), widget.objectName()
        panel.save_candidate()
        panel.delete_candidate()
        assert [c.name for c in hr.list_candidates(wb)] == ["Ana"]
        click(qtbot, page.print_filled_button)  # printing still works
        assert "80%" in pdf_text(previews[-1][0])
    finally:
        wb.close()


def test_table_models_pass_the_model_tester(qtmodeltester, workbook):
    scored_candidates(workbook)
    candidates = candidate_table_model()
    candidates.set_records(hr.list_summaries(workbook))
    qtmodeltester.check(candidates)
    criteria = criteria_table_model()
    criteria.set_records(hr.list_criteria(workbook))
    qtmodeltester.check(criteria)
    ranking = ranking_table_model()
    ranking.set_records(hr.ranking(workbook))
    qtmodeltester.check(ranking)


# -- Edit › Undo and Redo --------------------------------------------------------------


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


@pytest.fixture
def hiring(main_window, fake_dialogs) -> HiringPage:
    main_window.resize(1400, 1000)  # the scores on screen, where the clicks land
    fake_dialogs.answer = True  # delete
    main_window.show_page("hiring")
    page = main_window.current_page()
    assert isinstance(page, HiringPage)
    return page


def undo(window) -> None:
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()


def redo(window) -> None:
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()


def test_undo_and_redo_a_typed_change_to_a_candidate(qtbot, main_window, hiring):
    ana = add(main_window.wb, "Ana", "Barista", notes="Calm")
    hiring.reload()
    select(hiring, "Ana")
    panel = hiring.candidates
    before = snapshot(main_window.wb)
    panel.role_edit.selectAll()
    qtbot.keyClicks(panel.role_edit, "Shift lead")
    enter(qtbot, panel.role_edit)
    assert hr.get_candidate(main_window.wb, ana).role == "Shift lead"
    after = snapshot(main_window.wb)
    assert main_window.undo_action.text() == "&Undo Change candidate “Ana”"
    undo(main_window)
    assert snapshot(main_window.wb) == before
    assert panel.role_edit.text() == "Barista"  # the form shows what was undone
    row = panel.model.row_of(ana)
    assert panel.model.data(panel.model.index(row, cp.ROLE)) == "Barista"
    redo(main_window)
    assert snapshot(main_window.wb) == after
    assert panel.role_edit.text() == "Shift lead"
    assert panel.model.data(panel.model.index(row, cp.ROLE)) == "Shift lead"


def test_undo_a_score_shows_the_score_before(qtbot, main_window, hiring):
    ana = add(main_window.wb, "Ana")
    hr.set_score(main_window.wb, ana, quality(main_window.wb, "Empathy"), 2, "Shy")
    hiring.reload()
    select(hiring, "Ana")
    panel = hiring.candidates
    before = snapshot(main_window.wb)
    click(qtbot, panel.editor_for("Empathy").buttons[5])
    after = snapshot(main_window.wb)
    undo(main_window)
    assert snapshot(main_window.wb) == before
    empathy = panel.editor_for("Empathy")
    assert empathy.buttons[2].isChecked() and empathy.note_edit.text() == "Shy"
    row = panel.model.row_of(ana)
    assert panel.model.data(panel.model.index(row, cp.SCORE)) == "40%"
    redo(main_window)
    assert snapshot(main_window.wb) == after
    assert panel.editor_for("Empathy").buttons[5].isChecked()
    assert panel.model.data(panel.model.index(row, cp.SCORE)) == "100%"


def test_a_deleted_candidate_comes_back_with_their_scores(qtbot, main_window, hiring):
    ana = add(main_window.wb, "Ana", notes="Private")
    add(main_window.wb, "Ben")
    for c in hr.list_criteria(main_window.wb):
        hr.set_score(main_window.wb, ana, c.id, 4, "note")
    hiring.reload()
    select(hiring, "Ana")
    before = snapshot(main_window.wb)
    click(qtbot, hiring.candidates.delete_button)
    assert [c.name for c in hr.list_candidates(main_window.wb)] == ["Ben"]
    undo(main_window)
    assert snapshot(main_window.wb) == before
    assert [s.candidate.name for s in hiring.candidates.model.records()] == ["Ana", "Ben"]
    select(hiring, "Ana")
    assert all(e.buttons[4].isChecked() for e in hiring.candidates.scores.editors)


def test_undo_and_redo_changes_to_the_criteria(qtbot, main_window, hiring):
    wb = main_window.wb
    hiring.tabs.setCurrentWidget(hiring.criteria)
    panel = hiring.criteria
    panel.table.selectRow(1)  # Active listening
    before = snapshot(wb)
    panel.weight_combo.setCurrentIndex(panel.weight_combo.findData(1))  # saved at once
    click(qtbot, panel.retire_button)
    retired = snapshot(wb)
    undo(main_window)  # the retirement
    undo(main_window)  # the weight
    assert snapshot(wb) == before
    assert panel.weight_combo.currentData() == 4 and panel.retire_button.text() == "Retire"
    assert panel.model.data(panel.model.index(1, 5)) == "Active"
    redo(main_window)
    redo(main_window)
    assert snapshot(wb) == retired
    assert panel.weight_combo.currentData() == 1 and panel.retire_button.text() == "Use Again"
    # a deleted criterion comes back with its questions
    panel.table.selectRow(4)
    doomed = panel.current()
    before = snapshot(wb)
    click(qtbot, panel.delete_button)
    assert doomed.id not in [c.id for c in hr.list_criteria(wb)]
    undo(main_window)
    assert snapshot(wb) == before
    assert doomed.quality in [c.quality for c in panel.model.records()]


def test_a_long_interview_note_wraps_and_the_box_grows(qtbot):
    from cscoach.ui.widgets import GrowingText

    note = GrowingText("note", "Note", least=1, most=6)
    qtbot.addWidget(note)
    note.resize(200, note.height())
    note.show()
    one_line = note.height()
    note.setText("Spoke about real warmth with regulars, and knew when to escalate. " * 3)
    qtbot.waitUntil(lambda: note.height() > one_line)
    assert note.text().startswith("Spoke about real warmth")
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent

    with qtbot.waitSignal(note.editingFinished):  # leaving the note saves it
        note.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))
