"""Edit › Undo and Redo in the window: driven through the pages as an owner would, checked
against every table of the workbook and against what the page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from cscoach.model import kpi_entries, kpis, team
from cscoach.model.workbook import Workbook
from cscoach.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 15)


def snapshot(wb: Workbook) -> dict[str, list[tuple]]:
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
def window(main_window: MainWindow, fake_dialogs) -> MainWindow:
    return main_window


def test_the_edit_menu_names_the_change_and_greys_out_when_there_is_none(
    window: MainWindow,
) -> None:
    assert window.undo_action.text() == "&Undo" and not window.undo_action.isEnabled()
    assert window.redo_action.text() == "&Redo" and not window.redo_action.isEnabled()
    shortcuts = [s.toString() for s in window.redo_action.shortcuts()]
    assert "Ctrl+Y" in shortcuts and "Ctrl+Shift+Z" in shortcuts
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    team.add_member(window.wb, "R&D Sam")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Add team member “R&&D Sam”"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Add team member “R&&D Sam”"
    assert not window.undo_action.isEnabled()
    assert "Undone: Add team member" in window.statusBar().currentMessage()


def test_undo_a_typed_change_on_the_team_page(qtbot, window: MainWindow) -> None:
    ana = team.add_member(window.wb, "Ana", "Barista")
    window.show_page("team")
    page = window.current_page()
    page.reload()
    page.table.selectRow(0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = snapshot(window.wb)
    page.role_edit.selectAll()
    qtbot.keyClicks(page.role_edit, "Shift lead")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)  # saved
    assert team.get_member(window.wb, ana).role == "Shift lead"
    after = snapshot(window.wb)
    assert window.undo_action.text() == "&Undo Change team member “Ana”"
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(window.wb) == before
    assert page.role_edit.text() == "Barista"  # the page shows what was undone
    qtbot.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(window.wb) == after
    assert page.role_edit.text() == "Shift lead"


def test_a_deleted_person_comes_back_in_the_list(qtbot, window: MainWindow, fake_dialogs) -> None:
    team.add_member(window.wb, "Ana")
    team.add_member(window.wb, "Bo")
    window.show_page("team")
    page = window.current_page()
    page.reload()
    page.table.selectRow(0)
    fake_dialogs.answer = True
    before = snapshot(window.wb)
    page.delete_member()
    assert [m.name for m in team.list_members(window.wb)] == ["Bo"]
    window.undo_action.trigger()
    assert snapshot(window.wb) == before
    assert [m.name for m in page.model.records()] == ["Ana", "Bo"]


def test_overwriting_a_value_from_counts_asks_first_and_undo_brings_the_counts_back(
    qtbot, window: MainWindow, fake_dialogs
) -> None:
    wb = window.wb
    csat = kpis.kpi_by_key(wb, "csat")
    kpi_entries.set_entry_from_counts(wb, csat.id, "2026-10", {"satisfied": 80, "total": 90})
    window.show_page("kpis")
    page = window.current_page()
    page.reload()
    model = page.grid_model
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell(model.index(r, c)) is not None
        and model.cell(model.index(r, c))[0].id == csat.id
        and model.cell(model.index(r, c))[1] == "2026-10"
    )
    before = snapshot(wb)
    fake_dialogs.answer = False
    assert not model.setData(index, "12")
    (question,) = fake_dialogs.texts("confirm")
    assert "88.9" in question and "80 ÷ 90 × 100" in question and "with 12" in question
    assert snapshot(wb) == before  # refused: nothing changed
    fake_dialogs.answer = True
    assert model.setData(index, "12")
    assert kpi_entries.get_entry(wb, csat.id, "2026-10").counts is None
    assert window.undo_action.text() == f"&Undo Change {csat.name} for October 2026"
    window.undo_action.trigger()
    assert snapshot(wb) == before
    assert kpi_entries.get_entry(wb, csat.id, "2026-10").counts == {"satisfied": 80, "total": 90}
    assert model.data(index, Qt.ItemDataRole.DisplayRole).endswith("88.9")


def test_undo_marks_the_other_pages_to_read_again(window: MainWindow) -> None:
    window.show_page("team")
    window.show_page("overview")
    team.add_member(window.wb, "Cy")
    window.show_page("team")
    window.undo_action.trigger()
    window.show_page("overview")
    window.show_page("team")
    assert [m.name for m in window.current_page().model.records()] == []


def test_a_read_only_workbook_offers_no_undo(qtbot, tmp_path, settings) -> None:
    path = tmp_path / "ro.cscoach"
    with Workbook.create(path, "Shop") as wb:
        team.add_member(wb, "Di")
    window = MainWindow(Workbook.open(path, read_only=True), settings)
    qtbot.addWidget(window)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
