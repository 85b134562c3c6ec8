"""File › Export to Excel… and File › Compare Locations… in the window."""

from __future__ import annotations

import os
import stat

import openpyxl

from cscoach.model import team


def test_export_to_excel_writes_the_workbook_and_says_so(
    main_window, workbook, tmp_path, fake_dialogs
):
    team.add_member(workbook, "Ana", role="Barista")
    target = tmp_path / "out" / "everything"
    target.parent.mkdir()
    fake_dialogs.save_path = target.with_suffix(".xlsx")
    main_window.export_xlsx_action.trigger()
    assert fake_dialogs.kinds() == ["save_path"]
    book = openpyxl.load_workbook(target.with_suffix(".xlsx"))
    assert book["Team"]["A2"].value == "Ana"
    assert stat.S_IMODE(os.stat(target.with_suffix(".xlsx")).st_mode) == 0o600
    assert "Exported" in main_window.statusBar().currentMessage()


def test_export_to_excel_refuses_the_workbook(main_window, workbook, fake_dialogs):
    before = workbook.path.read_bytes()
    fake_dialogs.save_path = workbook.path
    main_window.export_xlsx_action.trigger()
    assert fake_dialogs.kinds() == ["save_path", "error"]
    assert "workbook itself" in fake_dialogs.texts("error")[0]
    assert workbook.path.read_bytes() == before
