"""One writer per workbook: an advisory lock file beside it.

The lock is an ``fcntl.flock`` on ``<workbook>.lock``. The operating system releases it when
the process ends, however it ends, so a lock left behind by a crash is stale by construction
and the next CS Coach simply takes it over. The file also says who holds it (host, process,
user, since when) so a second CS Coach can tell the owner.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path

from cscoach.model.errors import WorkbookLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: fall back to holding the file exclusively
    fcntl = None  # type: ignore[assignment]


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + ".lock")


def describe_holder(holder: dict) -> str:
    """'Ana on cafe-laptop (process 4242) since 2026-11-22 09:14', or a plain fallback."""
    if not holder:
        return "another CS Coach"
    who = holder.get("user") or "someone"
    host = holder.get("host") or "another computer"
    since = holder.get("since", "")[:16].replace("T", " ")
    text = f"{who} on {host} (process {holder.get('pid', '?')})"
    return f"{text} since {since}" if since else text


class WorkbookLock:
    """Holds the write lock of one workbook until ``release()``."""

    def __init__(self, workbook: Path) -> None:
        self.path = lock_path(workbook)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise WorkbookLockedError naming who holds it."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise WorkbookLockedError(
                    f"This workbook is open in {describe_holder(holder)}.", holder
                ) from None
            # The file may have been removed by its previous holder between our open() and
            # flock(): then we hold a lock on a deleted file, so start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        holder = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "user": _user(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(holder).encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)  # closing releases the flock
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
        holder = json.loads(data.decode("utf-8")) if data else {}
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
