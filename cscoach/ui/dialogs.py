"""Every modal question the app asks goes through this module.

Tests monkeypatch these functions (``confirm``, ``show_error``, ``ask_save_path``,
``ask_open_path``, ``ask_open_read_only``, ``ask_business_name``) so no modal dialog ever
blocks them. Every message box shows its text as plain text: a name typed as ``<b>Ana</b>``
is shown exactly like that, never rendered as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import files
from cscoach.model.errors import CsCoachError
from cscoach.ui import style

T = TypeVar("T")

_last_directory: Path | None = None

CSV_FILTER = "CSV files (*.csv);;All files (*)"  # every CSV open and save dialog


def _message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    ok_label: str,
    *,
    cancel_label: str = "Cancel",
    destructive: bool = False,
) -> bool:
    """Ask a yes/no question; True when the user chose ``ok_label``. Cancel is the default."""
    box = _message_box(
        parent,
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title,
        text,
    )
    ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
    ok.setObjectName("confirmOkButton")
    cancel = box.addButton(cancel_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something went wrong (and, in ``text``, what to do about it)."""
    box = _message_box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = _message_box(parent, QMessageBox.Icon.Information, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_open_read_only(parent: QWidget | None, path: Path, holder: str) -> bool:
    """The workbook is open in another CS Coach: True to open it read-only, False to cancel."""
    text = (
        f"“{Path(path).name}” is already open in CS Coach: {holder}.\n\n"
        "Only one CS Coach at a time can make changes to a workbook. You can open it "
        "read-only to look at it, or cancel and close it in the other CS Coach first."
    )
    return confirm(parent, "Workbook already open", text, "Open Read-Only")


def _start_directory(suggested: str | Path) -> Path:
    suggested = Path(suggested)
    if suggested.is_absolute():
        return suggested
    base = _last_directory if _last_directory and _last_directory.is_dir() else Path.home()
    return base / suggested


def _remember(path: Path) -> None:
    global _last_directory
    _last_directory = path.parent


def ask_save_path(
    parent: QWidget | None,
    title: str,
    suggested_name: str | Path,
    file_filter: str,
    suffix: str,
    *,
    confirm_overwrite: bool = True,
) -> Path | None:
    """Ask where to save a file; None when cancelled. ``suffix`` (".pdf") is added if missing.

    With ``confirm_overwrite=False`` the dialog does not offer to replace an existing file
    (the caller refuses existing files itself).
    """
    options = QFileDialog.Option(0)
    if not confirm_overwrite:
        options |= QFileDialog.Option.DontConfirmOverwrite
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(_start_directory(suggested_name)), file_filter, "", options
    )
    if not name:
        return None
    path = Path(name)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
        if (
            confirm_overwrite
            and path.exists()
            and not confirm(
                parent,
                "Replace file?",
                f"“{path.name}” already exists in {path.parent}. Replace it?",
                "Replace",
                destructive=True,
            )
        ):
            return None
    _remember(path)
    return path


def write_or_explain(
    parent: QWidget | None, title: str, path: Path, write: Callable[[], T]
) -> T | None:
    """Run ``write``, which saves a file at ``path``; when it fails, show why (a full disk,
    a read-only folder, the workbook itself chosen) under ``title`` and return None."""
    try:
        return write()
    except CsCoachError as exc:
        show_error(parent, title, exc.message)
    except OSError as exc:
        show_error(parent, title, f"{path}: {files.describe_os_error(exc)}.")
    return None


def ask_open_path(
    parent: QWidget | None, title: str, file_filter: str, directory: Path | None = None
) -> Path | None:
    """Ask for an existing file to open; None when cancelled."""
    start = directory or (_last_directory if _last_directory else Path.home())
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    if not name:
        return None
    path = Path(name)
    _remember(path)
    return path


def ask_open_paths(
    parent: QWidget | None, title: str, file_filter: str, directory: Path | None = None
) -> list[Path]:
    """Ask for one or more existing files; an empty list when cancelled."""
    start = directory or (_last_directory if _last_directory else Path.home())
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start), file_filter)
    paths = [Path(name) for name in names]
    if paths:
        _remember(paths[0])
    return paths


def ok_cancel(
    dialog: QDialog, ok_label: str, ok_name: str = "dialogOk", cancel_name: str = "cancelButton"
) -> tuple[QDialogButtonBox, QPushButton]:
    """The buttons under a dialog: ``ok_label`` (the default, it accepts) and Cancel."""
    buttons = QDialogButtonBox(dialog)  # styled as the dialog is: no icons (style.py)
    ok = QPushButton(ok_label)
    ok.setObjectName(ok_name)
    ok.setDefault(True)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName(cancel_name)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class BusinessNameDialog(QDialog):
    """Asks for the business name and hands it to ``create``.

    ``create`` does the real work (for example ``Workbook.create``). If it raises a
    ``ValidationError`` or ``WorkbookError`` its message is shown under the field and the
    dialog stays open, so the rule lives only in the model.
    """

    def __init__(
        self,
        create: Callable[[str], object],
        *,
        title: str = "New Workbook",
        intro: str = "What is your business called?",
        location: Path | None = None,
        ok_label: str = "Create Workbook",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("businessNameDialog")
        style.style_window(self)  # the style sheet, unless its parent window has it
        self.setWindowTitle(title)
        self.setModal(True)
        self._create = create
        self.result_value: object = None

        heading = QLabel(title)
        heading.setObjectName("dialogHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        intro_label = QLabel(intro)
        intro_label.setTextFormat(Qt.TextFormat.PlainText)
        intro_label.setWordWrap(True)
        intro_label.setMinimumWidth(440)

        field_label = QLabel("&Business name")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("businessNameEdit")
        self.name_edit.setPlaceholderText("for example: Corner Café")
        self.name_edit.setMinimumWidth(360)
        field_label.setBuddy(self.name_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("businessNameError")
        self.error_label.setProperty("role", "error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.name_edit.textEdited.connect(lambda _text: self.error_label.hide())

        buttons, self.ok_button = ok_cancel(self, ok_label, "createWorkbookButton")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro_label)
        layout.addSpacing(8)
        layout.addWidget(field_label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.error_label)
        if location is not None:
            where = QLabel(f"The workbook will be saved as {location}")
            where.setObjectName("workbookLocation")
            where.setProperty("role", "hint")
            where.setTextFormat(Qt.TextFormat.PlainText)
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.result_value = self._create(self.name_edit.text())
        except CsCoachError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            self.adjustSize()  # make room for the message
            self.name_edit.setFocus()
            self.name_edit.selectAll()
            return
        super().accept()


def ask_business_name(
    parent: QWidget | None,
    create: Callable[[str], T],
    *,
    title: str = "New Workbook",
    intro: str = "What is your business called?",
    location: Path | None = None,
) -> T | None:
    """Ask for a business name until ``create(name)`` succeeds; its result, or None."""
    dialog = BusinessNameDialog(create, title=title, intro=intro, location=location, parent=parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_value  # type: ignore[return-value]
    return None


def choose_backup(parent: QWidget | None, workbook: Path) -> Path | None:
    """Show the backups of ``workbook``; the one chosen to restore, or None."""
    from cscoach.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(workbook, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.chosen
    return None
