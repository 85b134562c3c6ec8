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


def test_compare_locations_previews_them_side_by_side(
    main_window, workbook, tmp_path, fake_dialogs, monkeypatch
):
    from cscoach.model.workbook import Workbook
    from cscoach.ui import dialogs, print_preview

    other = tmp_path / "south.cscoach"
    Workbook.create(other, "Corner Café South").close()
    before = other.read_bytes()
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_open_paths", lambda *a, **k: asked.append(a[1]) or [workbook.path, other]
    )
    shown = []
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: shown.append((a, k)))
    main_window.compare_action.trigger()
    assert asked and "two or more" in asked[0]
    ((args, kwargs),) = shown
    assert args[1].startswith(b"%PDF")
    assert args[4] == ()  # nothing left out
    assert kwargs["workbook"] == workbook.path  # Save PDF… never writes over it
    assert other.read_bytes() == before
    assert main_window.wb is workbook and not workbook.read_only  # the open one still works
    team.add_member(workbook, "Still writable")


def test_compare_locations_explains_a_refusal(main_window, workbook, fake_dialogs, monkeypatch):
    from cscoach.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *a, **k: [workbook.path])
    main_window.compare_action.trigger()
    assert fake_dialogs.kinds() == ["error"]
    assert "two or more" in fake_dialogs.texts("error")[0]
