"""Copies of a workbook made with SQLite's backup API, never by copying the file.

Backups go to ``backups/`` beside the workbook: before a migration and once a day on open.
The newest ``KEEP`` of each workbook are kept. Every copy is created 0600, written under a
temporary name, checked, flushed to disk and only then renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cscoach.model.errors import WorkbookError

KEEP = 10
SUFFIX = ".cscoach"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    size: int


def backup_dir(workbook: Path) -> Path:
    return workbook.parent / "backups"


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the open database ``conn`` to ``target`` (0600).

    The target is replaced only once the copy is complete and passes a quick check, so an
    interrupted copy never leaves a half-written file under the target's name.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        dst = sqlite3.connect(tmp)
        try:
            conn.backup(dst)
            ok = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
        if ok != "ok":
            raise WorkbookError(f"The copy written to {target} failed its check ({ok}).")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise WorkbookError(f"Could not write a copy to {target}: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)


def make_backup(conn: sqlite3.Connection, workbook: Path, reason: str = "daily") -> Path:
    """Back up the open workbook into ``backups/`` and prune old backups."""
    folder = backup_dir(workbook)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{workbook.stem}-{stamp}-{reason}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{workbook.stem}-{stamp}-{reason}-{n}{SUFFIX}"
    copy_database(conn, target)
    prune(workbook)
    return target


def list_backups(workbook: Path) -> list[Backup]:
    """The backups of ``workbook``, newest first."""
    folder = backup_dir(workbook)
    if not folder.is_dir():
        return []
    found = []
    prefix = workbook.stem + "-"
    for path in folder.iterdir():
        if not (path.name.startswith(prefix) and path.name.endswith(SUFFIX)):
            continue
        stamp = path.name[len(prefix) : len(prefix) + 17]
        try:
            made = dt.datetime.strptime(stamp, "%Y-%m-%d_%H%M%S")
        except ValueError:
            continue
        found.append(Backup(path, made, path.stat().st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def needs_daily_backup(workbook: Path, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    backups = list_backups(workbook)
    return not backups or backups[0].made_at.date() < today


def prune(workbook: Path, keep: int = KEEP) -> None:
    for old in list_backups(workbook)[keep:]:
        old.path.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_damaged(workbook: Path, backup: Path) -> Path:
    """Put ``backup`` in place of a workbook that cannot be opened.

    The damaged file is never deleted: it is renamed to ``<name>.damaged-<time>`` beside
    the workbook (returned), then the backup is copied in with SQLite's backup API.
    """
    workbook, backup = Path(workbook), Path(backup)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    kept = workbook.with_name(f"{workbook.name}.damaged-{stamp}")
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        if workbook.exists():
            os.replace(workbook, kept)
        copy_database(src, workbook)
    except BaseException:
        if kept.exists() and not workbook.exists():
            os.replace(kept, workbook)
        raise
    finally:
        src.close()
    return kept
