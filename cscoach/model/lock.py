"""One writer per workbook: advisory locks on the file itself, whatever name reaches it.

The lock is an operating-system lock on ``<workbook>.lock`` beside the real file, and on a
second lock file named after the file's identity, so a symlink or a hard link reaches it
too: ``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on one byte far past the end of
the file on Windows (so the holder's details at the start stay readable: Windows locks are
mandatory for the bytes they cover). Either way the operating system releases the lock when
the process ends, however it ends, so a lock left behind by a crash is stale by construction
and the next CS Coach simply takes it over.
The file also says who holds it (host, process, user, since when) so a second CS Coach can
tell the owner.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import socket
import stat
import tempfile
from pathlib import Path
from typing import Any

from cscoach.model.errors import ReadOnlyError, WorkbookError, WorkbookLockedError

fcntl: Any
msvcrt: Any
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # every system but Windows
    msvcrt = None

# Where the Windows lock sits: one byte far past anything written, so reading the holder's
# details at the start of the file is never refused.
WINDOWS_LOCK_OFFSET = 0x7FFF_FFFF


def lock_path(workbook: Path) -> Path:
    """``<workbook>.lock`` beside the real file: a symlink or ``..`` in the path typed
    reaches the same lock."""
    real = Path(os.path.realpath(workbook))
    return real.with_name(real.name + ".lock")


def identity_lock_path(workbook: Path) -> Path | None:
    """A lock named after the file's identity (device and inode) in this user's private
    folder for locks: every name of the file (a hard link too) reaches the same one on this
    computer. None where the file cannot be looked at."""
    try:
        st = os.stat(workbook)
    except OSError:
        return None
    return _locks_folder() / f"{st.st_dev}-{st.st_ino}.lock"


def _locks_folder() -> Path:
    user = str(os.getuid()) if hasattr(os, "getuid") else (_user() or "user")
    return Path(tempfile.gettempdir()) / f"cscoach-locks-{user}"


def describe_holder(holder: dict[str, Any]) -> str:
    """'Ana on cafe-laptop (process 4242) since 2026-11-22 09:14', or a plain fallback."""
    if not holder:
        return "another CS Coach"
    who = holder.get("user") or "someone"
    host = holder.get("host") or "another computer"
    since = holder.get("since", "")[:16].replace("T", " ")
    text = f"{who} on {host} (process {holder.get('pid', '?')})"
    return f"{text} since {since}" if since else text


class WorkbookLock:
    """Holds the write lock of one workbook until ``release()``.

    Two locks, taken together: ``<workbook>.lock`` beside the real file (seen by CS Coach on
    any computer that opens the file through a shared folder) and one named after the file's
    identity (seen by every name of the file on this computer: a symlink, a hard link)."""

    def __init__(self, workbook: Path) -> None:
        self.workbook = Path(workbook)
        self.path = lock_path(workbook)
        self._held: list[tuple[int, Path]] = []

    def acquire(self) -> None:
        """Take the lock, or raise WorkbookLockedError naming who holds it (WorkbookError
        when the lock cannot be written: a folder the owner cannot write to, a full disk)."""
        holder = json.dumps(
            {
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "user": _user(),
                "since": dt.datetime.now().isoformat(timespec="seconds"),
            }
        ).encode()
        try:
            self._held.append((_take(self.path, self.workbook), self.path))
            identity = identity_lock_path(self.workbook)
            if identity is not None and _private_folder(identity.parent):
                self._held.append((_take(identity, self.workbook), identity))
            for fd, path in self._held:
                _write_holder(fd, path, holder, self.workbook)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        for fd, path in reversed(self._held):
            if fcntl is not None:
                # Unlinked while still locked, so nobody takes a lock on a file about to go.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                os.close(fd)  # closing releases the flock
            else:
                # Windows refuses to remove a file that is open: unlock and close it first.
                # A CS Coach that has it open meanwhile keeps it (the removal is refused);
                # one that opens it next finds it gone and starts again (see _take).
                _os_unlock(fd)
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(path)
        self._held = []

    @property
    def held(self) -> bool:
        return bool(self._held)


def _take(path: Path, workbook: Path) -> int:
    """An open descriptor of the lock file ``path``, exclusively locked."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise _cannot_lock(exc, path, workbook) from exc
        try:
            locked = _os_lock(fd)
        except OSError as exc:
            os.close(fd)
            raise _cannot_lock(exc, path, workbook) from exc
        if not locked:
            holder = _read_holder(fd)
            os.close(fd)
            raise WorkbookLockedError(
                f"This workbook is open in {describe_holder(holder)}.", holder
            ) from None
        # The file may have been removed by its previous holder between our open() and
        # flock(): then we hold a lock on a deleted file, so start again.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _os_lock(fd: int) -> bool:
    """Lock the open file ``fd`` for this process without waiting: True when taken, False
    when another process holds it. Raises OSError when it cannot be locked at all."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:  # EACCES: another process holds the byte
            return False
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    return True  # pragma: no cover - a system with neither: one writer is not enforced


def _os_unlock(fd: int) -> None:
    """Release what ``_os_lock`` took (closing the file releases it too; Windows asks that
    it be released first)."""
    if fcntl is None and msvcrt is not None:
        with contextlib.suppress(OSError):
            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _write_holder(fd: int, path: Path, holder: bytes, workbook: Path) -> None:
    try:
        os.ftruncate(fd, 0)
        os.write(fd, holder)
        os.fsync(fd)
    except OSError as exc:
        raise _cannot_lock(exc, path, workbook) from exc


def _cannot_lock(exc: OSError, path: Path, workbook: Path) -> WorkbookError:
    """Why the lock could not be taken, in terms of the workbook and its folder."""
    folder = Path(os.path.realpath(workbook)).parent
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return WorkbookError(
            f"{workbook} cannot be opened for changes because the disk is full. Free some "
            "space on the disk, then try again. Nothing was changed."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and path.parent == folder:
        return ReadOnlyError(
            f"CS Coach cannot write in the folder {folder}, where the workbook is, so it "
            "cannot open the workbook for changes."
        )
    return WorkbookError(
        f"{workbook} cannot be opened for changes: its lock ({path}) cannot be written "
        f"({exc.strerror or exc})."
    )


def _private_folder(folder: Path) -> bool:
    """Make ``folder`` (0700) if needed; True when it is ours alone to keep locks in."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid"):
        return st.st_uid == os.getuid() and not st.st_mode & 0o077
    return True  # pragma: no cover - Windows: the temporary folder is the user's own


def _read_holder(fd: int) -> dict[str, Any]:
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
