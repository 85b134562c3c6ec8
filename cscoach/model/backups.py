"""Copies of a workbook made with SQLite's backup API, never by copying the file.

Backups go to ``backups/`` beside the real workbook file: before a migration, once a day on
open, before a restore and when asked (``cscoach backup``). The newest ``KEEP`` of each
workbook are kept. Every copy is created 0600 under a temporary name (``files.replacing``),
checked, flushed to disk and only then renamed into place; temporary files of runs that were
killed are cleared at the next backup.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cscoach.model import files
from cscoach.model.errors import WorkbookError

KEEP = 10
SUFFIX = ".cscoach"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    size: int
    kind: str  # daily, manual, before-restore, before-schema-N (from the file's name)


KINDS = {
    "daily": "Made when the workbook was opened",
    "manual": "Made on request",
    "before-restore": "Made just before a restore",
}


def describe_kind(kind: str) -> str:
    """Why a backup was made, in words."""
    if kind.startswith("before-schema-"):
        return "Made before updating to a newer CS Coach"
    return KINDS.get(kind, kind or "Backup")


def backup_dir(workbook: Path) -> Path:
    """``backups/`` beside the real workbook file (a symlink to it is followed)."""
    return Path(os.path.realpath(workbook)).parent / "backups"


def _stem(workbook: Path) -> str:
    return Path(os.path.realpath(workbook)).stem


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the open database ``conn`` to ``target`` (0600).

    The target is replaced only once the copy is complete and passes a quick check, so an
    interrupted copy never leaves a half-written file under the target's name.
    """
    target = Path(target)
    try:
        with files.replacing(target, private=True) as tmp:
            dst = sqlite3.connect(tmp)
            try:
                conn.backup(dst)
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
            if ok != "ok":
                raise WorkbookError(f"The copy written to {target} failed its check ({ok}).")
    except (OSError, sqlite3.Error) as exc:
        raise WorkbookError(f"Could not write a copy to {target}: {_reason(exc)}.") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full; free some space, then try again"
    text = str(exc)
    if "full" in text.lower():
        return "the disk is full; free some space, then try again"
    return (exc.strerror if isinstance(exc, OSError) else None) or text


def make_backup(
    conn: sqlite3.Connection, workbook: Path, reason: str = "daily", *, prune_old: bool = True
) -> Path:
    """Back up the open workbook into ``backups/``; prune old backups unless told not to
    (a restore prunes only once it has succeeded)."""
    folder = backup_dir(workbook)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(f"Could not create the folder {folder}: {_reason(exc)}.") from exc
    files.remove_stale(folder)
    stamp = dt.datetime.now().strftime(STAMP)
    stem = _stem(workbook)
    target = folder / f"{stem}-{stamp}-{reason}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{stamp}-{reason}-{n}{SUFFIX}"
    copy_database(conn, target)
    if prune_old:
        prune(workbook)
    return target


def back_up_file(workbook: Path, reason: str = "manual") -> Path:
    """Back up the workbook at ``workbook`` now, through a read-only connection: it works
    while the app has the workbook open. Returns the new backup's path."""
    from cscoach.model.workbook import inspect_file

    inspect_file(workbook)
    conn = sqlite3.connect(Path(workbook).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return make_backup(conn, workbook, reason)
    finally:
        conn.close()


STAMP = "%Y-%m-%d_%H%M%S"
# the kind after the time stamp, and -2, -3… for a second backup of that kind in one second
_KIND = re.compile(r"-(?P<kind>before-schema-\d+|[a-z-]+?)(?:-(?P<n>\d+))?")


def list_backups(workbook: Path) -> list[Backup]:
    """The backups of ``workbook``, newest first."""
    folder = backup_dir(workbook)
    if not folder.is_dir():
        return []
    found = []
    prefix = _stem(workbook) + "-"
    for path in folder.iterdir():
        if not (path.name.startswith(prefix) and path.name.endswith(SUFFIX)):
            continue
        rest = path.name[len(prefix) : -len(SUFFIX)]
        try:
            made = dt.datetime.strptime(rest[:17], STAMP)
            info = path.stat()
        except (ValueError, OSError):
            continue
        match = _KIND.fullmatch(rest[17:])
        kind, n = (match["kind"], int(match["n"] or 1)) if match else ("", 0)
        # within one second, the order they were written in
        found.append(((made, info.st_mtime_ns, n), Backup(path, made, info.st_size, kind)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [backup for _order, backup in found]


def needs_daily_backup(workbook: Path, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    backups = list_backups(workbook)
    return not backups or backups[0].made_at.date() < today


def prune(workbook: Path, keep: int = KEEP) -> None:
    for old in list_backups(workbook)[keep:]:
        old.path.unlink(missing_ok=True)


def replace_damaged(workbook: Path, backup: Path) -> Path:
    """Put ``backup`` in place of a workbook that cannot be opened.

    The damaged file is never deleted: it is renamed to ``<name>.damaged-<time>`` beside
    the workbook (returned), then the backup is copied in with SQLite's backup API.
    """
    workbook, backup = Path(os.path.realpath(workbook)), Path(backup)
    stamp = dt.datetime.now().strftime(STAMP)
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
