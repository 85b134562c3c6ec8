"""Every file CS Coach writes beside the workbook, written one safe way.

``replacing(path)`` yields a temporary file created exclusively in the target's folder
(``mkstemp``: a name nobody could have planted a link under), and when the block ends the
data is flushed to disk, given its permissions and renamed over ``path`` in one step: the
target is either the old file or the whole new one, never half a file. A file that was
there keeps its permissions (a 0600 PDF stays 0600); a new one gets the usual permissions
(0666 less the umask), or 0600 when it holds people's data (``private=True``).

No output ever replaces a workbook: ``refuse_workbook`` refuses a target that is the open
workbook itself (by any name: a symlink, a hard link, ``..``) or any CS Coach workbook or
backup. Temporary files of runs that were killed are cleared by ``remove_stale``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cscoach.model import migrations
from cscoach.model.errors import WorkbookError

SQLITE_HEADER = b"SQLite format 3\x00"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX))


def is_workbook_file(path: Path) -> bool:
    """True when ``path`` is a SQLite file carrying CS Coach's application id: a workbook or
    one of its backups. Never call it on the workbook this process has open (closing any
    other handle on that file can drop SQLite's locks): ``refuse_workbook`` checks that
    first by the file's identity alone."""
    try:
        with open(path, "rb") as f:
            header = f.read(72)
    except OSError:
        return False
    return (
        header.startswith(SQLITE_HEADER)
        and len(header) == 72
        and int.from_bytes(header[68:72], "big") == migrations.APPLICATION_ID
    )


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file: the same path, a symlink, a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def refuse_workbook(path: Path, workbook: Path | None = None) -> None:
    """Raise WorkbookError when writing ``path`` would replace the workbook ``workbook``
    (whatever name reaches it) or any other CS Coach workbook or backup."""
    path = Path(path)
    if workbook is not None and same_file(path, workbook):
        raise WorkbookError(
            f"{path} is the workbook itself; writing there would replace all of your work. "
            "Choose another file name."
        )
    if path.is_file() and is_workbook_file(path):
        raise WorkbookError(
            f"{path} is a CS Coach workbook or backup; writing there would replace everything "
            "in it. Choose another file name."
        )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _new_mode(path: Path, private: bool) -> int:
    """The permissions the written file gets: those of the file it replaces, else new ones."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o600 if private else 0o666 & ~_umask()


@contextlib.contextmanager
def replacing(path: Path, *, private: bool = False) -> Iterator[Path]:
    """Yield a new, empty temporary file beside ``path`` to fill in; when the block ends
    without an error it is flushed, given its permissions and renamed over ``path``.

    ``path`` may be a symlink: the file it points to is replaced and the link kept. On an
    error or a kill, ``path`` is left as it was (a killed run's temporary file is cleared
    by ``remove_stale``).
    """
    target = Path(os.path.realpath(path))
    mode = _new_mode(target, private)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name[:100]}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    tmp = Path(name)
    try:
        os.close(fd)
        yield tmp
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(tmp, mode)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_file(
    path: Path, data: bytes, *, private: bool = False, workbook: Path | None = None
) -> None:
    """Write ``data`` to ``path`` whole or not at all (see ``replacing``), refusing to
    replace the workbook or any CS Coach workbook (see ``refuse_workbook``)."""
    refuse_workbook(path, workbook)
    with replacing(path, private=private) as tmp, open(tmp, "wb") as f:
        f.write(data)


def describe_os_error(exc: OSError) -> str:
    """Why a file could not be written, in plain words, with what to do."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full; free some space or choose another disk"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder or the file is read-only for you; choose a folder you can write to"
    return f"{exc.strerror or exc}; choose another file name or folder"


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (a rename is durable only then), where possible."""
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


def remove_stale(folder: Path) -> None:
    """Remove the temporary files that ``replacing`` runs killed half-way left in
    ``folder`` (their process is no longer running)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _TEMP_NAME.fullmatch(entry.name)
            if match and not process_running(int(match["pid"])):
                with contextlib.suppress(OSError):
                    entry.unlink()


def process_running(pid: int) -> bool:
    """True when a process ``pid`` exists (or may: one we may not signal)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
