"""File ▸ Restore from Backup… as the owner would use it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from cscoach.model import backups, team
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.restore_dialog import RestoreDialog, human_size


def make_backup(wb: Workbook) -> backups.Backup:
    backups.make_backup(wb.conn, wb.path)
    return backups.list_backups(wb.path)[0]


def test_restore_replaces_data_and_rebuilds_pages(
    qtbot, main_window, fake_dialogs, monkeypatch
) -> None:
    wb = main_window.wb
    backup = make_backup(wb)
    team.add_member(wb, "Added after the backup")
    main_window.show_page("team")
    monkeypatch.setattr(dialogs, "choose_backup", lambda parent, path: backup.path)
    fake_dialogs.answer = True
    main_window.restore_backup()
    assert team.list_members(main_window.wb) == []
    assert main_window.current_page_key() == "team"
    assert main_window.current_page().model.rowCount() == 0  # the page shows the restore
    assert any("before-restore" in b.path.name for b in backups.list_backups(wb.path))
    assert "Restored from" in main_window.statusBar().currentMessage()


def test_restore_cancelled_changes_nothing(qtbot, main_window, fake_dialogs, monkeypatch) -> None:
    wb = main_window.wb
    backup = make_backup(wb)
    team.add_member(wb, "Kept")
    monkeypatch.setattr(dialogs, "choose_backup", lambda parent, path: backup.path)
    fake_dialogs.answer = False  # "Restore?" → Cancel
    main_window.restore_backup()
    assert [m.name for m in team.list_members(wb)] == ["Kept"]


def test_restore_dialog_lists_backups(qtbot, workbook: Workbook) -> None:
    make_backup(workbook)
    dialog = RestoreDialog(workbook.path)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    assert ok.isEnabled()
    dialog.accept()
    assert dialog.chosen == backups.list_backups(workbook.path)[0].path
    assert backups.describe_kind(backups.list_backups(workbook.path)[0].kind).startswith(
        "Made when"
    )
    assert human_size(2048) == "2.0 KB"
