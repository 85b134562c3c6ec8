"""Starting the app: first start, the last workbook, files that cannot be opened, locks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cscoach.model import settings as wb_settings
from cscoach.model.workbook import Workbook, default_workbook_path
from cscoach.ui import app, dialogs, opening, prefs
from cscoach.ui.dialogs import BusinessNameDialog

# The real functions, before the autouse fixture replaces them for each test.
REAL_CONFIRM = dialogs.confirm
REAL_SHOW_ERROR = dialogs.show_error


@pytest.fixture
def start(qtbot, settings):
    """Start the app as ``cscoach [path]`` would, without entering the event loop."""
    windows = []

    def start(path=None):
        window = app.create_main_window(path, settings)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close_workbook()


def test_application_names(qapp):
    application = app.create_application()
    assert application is qapp
    assert application.applicationName() == "CS Coach"
    assert application.organizationName() == "cscoach"


def test_first_start_asks_the_business_name_and_creates_the_default_workbook(start, fake_dialogs):
    assert not default_workbook_path().exists()
    fake_dialogs.business_name = "Corner Café"
    window = start()
    assert fake_dialogs.kinds() == ["business_name"]
    assert default_workbook_path().exists()
    assert window.wb.path == default_workbook_path()
    assert wb_settings.business_name(window.wb) == "Corner Café"
    assert window.windowTitle() == "workbook — CS Coach"


def test_first_start_cancelled_leaves_a_usable_window(start, fake_dialogs):
    fake_dialogs.business_name = None
    window = start()
    assert window.wb is None
    assert not default_workbook_path().exists()
    assert window.welcome.start_button.isVisible() or not window.isVisible()
    fake_dialogs.business_name = "Corner Café"
    window.welcome.start_button.click()
    assert window.wb.path == default_workbook_path()


def test_second_start_opens_the_last_workbook(start, tmp_path, settings, fake_dialogs):
    path = tmp_path / "salon.cscoach"
    Workbook.create(path, "Salon").close()
    prefs.set_last_workbook(settings, path)
    window = start()
    assert window.wb.path == path
    assert fake_dialogs.asked == []


def test_a_workbook_named_on_the_command_line(start, workbook, tmp_path):
    path = tmp_path / "other.cscoach"
    Workbook.create(path, "Other").close()
    window = start(path)
    assert window.wb.path == path


def test_a_missing_file_on_the_command_line_can_be_created(start, tmp_path, fake_dialogs):
    path = tmp_path / "new.cscoach"
    fake_dialogs.business_name = "New Place"
    window = start(path)
    [(kind, title, intro)] = fake_dialogs.asked
    assert kind == "business_name" and "There is no workbook" in intro
    assert window.wb.path == path


def test_not_a_workbook_shows_an_error_and_the_app_stays_usable(start, tmp_path, fake_dialogs):
    png = tmp_path / "photo.cscoach"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    before = png.read_bytes()
    window = start(png)
    [text] = fake_dialogs.texts("error")
    assert "not a CS Coach workbook" in text
    assert "File ▸ Open" in text
    assert window.wb is None
    assert window.root.currentWidget() is window.welcome
    assert window.new_action.isEnabled() and window.open_action.isEnabled()
    assert png.read_bytes() == before


def test_too_new_is_refused(start, tmp_path, fake_dialogs):
    path = tmp_path / "future.cscoach"
    with Workbook.create(path, "Future") as wb:
        wb.conn.execute("PRAGMA user_version = 999")
    window = start(path)
    [text] = fake_dialogs.texts("error")
    assert "newer CS Coach" in text
    assert window.wb is None


def test_a_locked_workbook_offers_read_only(start, workbook, fake_dialogs):
    fake_dialogs.answer = True
    window = start(workbook.path)
    [(kind, path, holder)] = fake_dialogs.asked
    assert kind == "locked" and path == str(workbook.path)
    assert "process" in holder  # who has it open, from describe_holder
    assert window.wb.read_only
    assert window.windowTitle().endswith("(read-only)")
    assert window.banner_box.isVisibleTo(window)


def test_a_locked_workbook_can_be_left_alone(start, workbook, fake_dialogs):
    fake_dialogs.answer = False
    window = start(workbook.path)
    assert window.wb is None
    assert fake_dialogs.kinds() == ["locked"]


def test_open_workbook_when_the_file_is_read_only(tmp_path, fake_dialogs, monkeypatch):
    path = tmp_path / "ro.cscoach"
    Workbook.create(path, "RO").close()
    monkeypatch.setattr("os.access", lambda *_args, **_kw: False)  # as root chmod is not enough
    fake_dialogs.answer = True
    wb = opening.open_workbook(None, path)
    try:
        assert wb is not None and wb.read_only
        assert "read-only" in fake_dialogs.texts("confirm")[0]
    finally:
        wb.close()


def test_business_name_dialog_shows_the_model_message_next_to_the_field(qtbot, tmp_path):
    path = tmp_path / "dialog.cscoach"
    created = []

    def create(name):
        created.append(opening_create(path, name))
        return created[-1]

    dialog = BusinessNameDialog(create, location=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Business name cannot be empty."
    assert dialog.result() == 0 and dialog.isVisible()
    assert not path.exists()
    qtbot.keyClicks(dialog.name_edit, "<b>Corner</b> Caf")
    dialog.name_edit.insert("é")  # (QTest types ASCII only)
    assert not dialog.error_label.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result_value is created[0]
    assert wb_settings.business_name(created[0]) == "<b>Corner</b> Café"
    created[0].close()


def opening_create(path, name):
    """What opening.create_workbook hands to the dialog."""
    from cscoach.model import validate

    return Workbook.create(path, validate.name(name, "business_name", "Business name"))


def test_real_message_boxes_show_plain_text_and_default_to_cancel(qtbot, monkeypatch):
    """The seam's message boxes never render user text as markup; closing one is Cancel."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert REAL_CONFIRM(None, "Delete?", "Delete <b>Ana</b>?", "Delete") is False
    REAL_SHOW_ERROR(None, "Oops", "<i>AT&T</i>")
    assert [box.textFormat() for box in shown] == [Qt.TextFormat.PlainText] * 2
    assert [box.text() for box in shown] == ["Delete <b>Ana</b>?", "<i>AT&T</i>"]
    assert shown[0].defaultButton().text() == "Cancel"


def test_start_up_imports_no_heavy_modules(tmp_path):
    """The window and its first pages come up without matplotlib, reportlab or QtPdf."""
    import os
    import subprocess
    import sys

    path = tmp_path / "light.cscoach"
    Workbook.create(path, "Light").close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from cscoach.ui import app\n"
        "qt = app.create_application(['cscoach'])\n"
        f"settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
        f"window = app.create_main_window(Path({str(path)!r}), settings)\n"
        "window.show(); window.show_page('team'); qt.processEvents()\n"
        "heavy = [m for m in ('matplotlib', 'reportlab', 'PySide6.QtPdf') if m in sys.modules]\n"
        "window.close()\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


REAL_ASK_SAVE_PATH = dialogs.ask_save_path
REAL_ASK_OPEN_PATH = dialogs.ask_open_path


def test_file_dialog_wrappers_add_the_suffix_and_handle_cancel(qapp, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    answers = iter([(str(tmp_path / "copy"), ""), ("", ""), (str(tmp_path / "a.cscoach"), "")])
    seen = []

    def fake_get(*args):
        seen.append(args)
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_get)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_get)
    path = REAL_ASK_SAVE_PATH(None, "Save", "copy.cscoach", "Workbooks (*.cscoach)", ".cscoach")
    assert path == tmp_path / "copy.cscoach"
    assert REAL_ASK_SAVE_PATH(None, "Save", "x.pdf", "PDF (*.pdf)", ".pdf") is None
    assert REAL_ASK_OPEN_PATH(None, "Open", "Workbooks (*.cscoach)") == tmp_path / "a.cscoach"
    assert seen[1][2].startswith(str(tmp_path))  # the next dialog starts where the last ended


def test_uncaught_errors_become_a_sentence(qapp, fake_dialogs, capsys) -> None:
    import sqlite3

    from cscoach.ui.app import report_unexpected

    exc = sqlite3.OperationalError("database or disk is full")
    report_unexpected(type(exc), exc, None)
    (text,) = fake_dialogs.texts("error")
    assert "disk is full" in text and "Nothing was changed" in text
    assert "database or disk is full" in capsys.readouterr().err  # kept for a bug report


def test_a_damaged_workbook_offers_its_backup(qapp, fake_dialogs, tmp_path) -> None:
    from cscoach.model import backups, team
    from cscoach.model.workbook import Workbook
    from cscoach.ui import opening

    path = tmp_path / "x.cscoach"
    with Workbook.create(path, "Cafe") as wb:
        team.add_member(wb, "Ana")
        backups.make_backup(wb.conn, path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    fake_dialogs.answer = False
    assert opening.open_workbook(None, path) is None
    assert path.read_bytes().startswith(b"\x89PNG")  # declined: untouched
    fake_dialogs.answer = True
    wb = opening.open_workbook(None, path)
    try:
        assert [m.name for m in team.list_members(wb)] == ["Ana"]
    finally:
        wb.close()
    assert len(list(tmp_path.glob("x.cscoach.damaged-*"))) == 1
