"""Opening and creating workbooks from the UI, with every refusal explained to the user.

A file that cannot be opened is never changed; the caller keeps whatever it had open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cscoach.model import backups
from cscoach.model.errors import (
    CsCoachError,
    NotAWorkbookError,
    ReadOnlyError,
    StorageError,
    TooNewError,
    WorkbookError,
    WorkbookLockedError,
)
from cscoach.model.lock import describe_holder
from cscoach.model.workbook import Workbook, default_workbook_path
from cscoach.ui import dialogs

OPEN_FAILED = "Could not open the workbook"


def open_workbook(parent: QWidget | None, path: Path) -> Workbook | None:
    """Open ``path`` for writing, or read-only if the user agrees; None if it cannot be used.

    Every problem is shown to the user here (through ``dialogs``).
    """
    path = Path(path)
    try:
        return Workbook.open(path)
    except WorkbookLockedError as exc:
        if not dialogs.ask_open_read_only(parent, path, describe_holder(exc.holder)):
            return None
        return _open_read_only(parent, path)
    except ReadOnlyError as exc:
        if not dialogs.confirm(
            parent,
            "Open read-only?",
            f"{exc.message}\n\nYou can look at everything in it, but changes cannot be "
            "saved. To make changes, use File ▸ Save a Copy… and work on the copy.",
            "Open Read-Only",
        ):
            return None
        return _open_read_only(parent, path)
    except NotAWorkbookError as exc:
        saved = backups.list_backups(path) if path.is_file() else []
        if saved and dialogs.confirm(
            parent,
            OPEN_FAILED,
            f"{exc.message}\n\nA backup of it from {saved[0].made_at:%d %B %Y, %H:%M} is in "
            f"{saved[0].path.parent}. Restore that backup? The file that cannot be opened is "
            "kept beside it, renamed, so nothing is lost.",
            "Restore Backup",
        ):
            try:
                backups.replace_damaged(path, saved[0].path)
            except (WorkbookError, OSError, StorageError) as problem:
                dialogs.show_error(parent, "Could not restore the backup", str(problem))
                return None
            return open_workbook(parent, path)
        dialogs.show_error(
            parent,
            OPEN_FAILED,
            f"{exc.message}\n\nThe file was not changed. Choose another file with "
            "File ▸ Open…, or start a new workbook with File ▸ New Workbook….",
        )
    except TooNewError as exc:
        dialogs.show_error(parent, OPEN_FAILED, f"{exc.message}\n\nThe file was not changed.")
    except WorkbookError as exc:
        dialogs.show_error(parent, OPEN_FAILED, exc.message)
    except (OSError, StorageError) as exc:
        dialogs.show_error(
            parent, OPEN_FAILED, f"{path} could not be opened: {exc}.\n\nThe file was not changed."
        )
    return None


def _open_read_only(parent: QWidget | None, path: Path) -> Workbook | None:
    try:
        return Workbook.open(path, read_only=True)
    except WorkbookError as exc:
        dialogs.show_error(parent, OPEN_FAILED, exc.message)
    except (OSError, StorageError) as exc:
        dialogs.show_error(parent, OPEN_FAILED, f"{path} could not be opened: {exc}.")
    return None


def create_workbook(
    parent: QWidget | None,
    path: Path,
    *,
    title: str = "New Workbook",
    intro: str = "What is your business called? It goes on everything CS Coach prints.",
) -> Workbook | None:
    """Ask for the business name and create the workbook at ``path``; None if cancelled."""
    path = Path(path)

    def create(name: str) -> Workbook:
        return Workbook.create(path, name)

    try:
        return dialogs.ask_business_name(parent, create, title=title, intro=intro, location=path)
    except (OSError, StorageError) as exc:
        dialogs.show_error(parent, "Could not create the workbook", f"{path}: {exc}.")
        return None


DEMO_NAME = "Demo café.cscoach"


def demo_path(parent: QWidget | None) -> Path | None:
    """The demo café (a made-up business with 18 months of everything) to look around in,
    beside the usual workbook: made the first time, then as it was left. None (and why, in
    a dialog) if it could not be made."""
    from cscoach.model import demo

    path = default_workbook_path().with_name(DEMO_NAME)
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            demo.create_demo(path)
    except (OSError, CsCoachError) as exc:
        dialogs.show_error(parent, "Could not make the demo", f"{path}: {exc}.")
        return None
    return path


def reopen_for_writing(parent: QWidget | None, path: Path) -> Workbook | None:
    """Try to open a workbook shown read-only for changes; None (and why) if still not."""
    try:
        return Workbook.open(Path(path))
    except WorkbookLockedError as exc:
        dialogs.show_error(
            parent,
            "Still open elsewhere",
            f"The workbook is still open in CS Coach: {describe_holder(exc.holder)}.\n\n"
            "Close it there first, then try again.",
        )
    except WorkbookError as exc:
        dialogs.show_error(parent, "Cannot open for editing", exc.message)
    except (OSError, StorageError) as exc:
        dialogs.show_error(parent, "Cannot open for editing", f"{path}: {exc}.")
    return None


def save_copy(parent: QWidget | None, wb: Workbook, target: Path) -> bool:
    """Write a copy of ``wb`` to ``target``; True when it was written."""
    try:
        wb.save_copy(Path(target))
    except WorkbookError as exc:
        dialogs.show_error(parent, "Could not save a copy", exc.message)
        return False
    except (OSError, StorageError) as exc:
        dialogs.show_error(parent, "Could not save a copy", f"{target}: {exc}.")
        return False
    return True
