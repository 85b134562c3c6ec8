"""The one-writer lock and the workbook's creation on systems that are not Linux: Windows'
``msvcrt`` branch (simulated here with a stand-in that refuses a byte another descriptor
holds, as Windows does), and a system without hard links."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from cscoach.model import lock
from cscoach.model.errors import WorkbookLockedError
from cscoach.model.lock import WorkbookLock
from cscoach.model.workbook import Workbook


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows behaves: a byte range locked through one open file is
    refused to every other (``LK_NBLCK`` raises PermissionError, errno EACCES)."""

    LK_UNLCK = 0
    LK_NBLCK = 2

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}
        self.calls: list[tuple[str, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        st = os.fstat(fd)
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        key = (st.st_dev, st.st_ino, offset)
        if mode == self.LK_NBLCK:
            if key in self.held and self.held[key] != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            self.held[key] = fd
            self.calls.append(("lock", offset))
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            del self.held[key]
            self.calls.append(("unlock", offset))
        else:  # pragma: no cover - the lock uses no other mode
            raise AssertionError(mode)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setattr(lock, "msvcrt", fake)
    return fake


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    return path


def test_windows_one_writer_and_the_holder_is_named(windows: FakeMsvcrt, shop: Path) -> None:
    windows.calls.clear()
    first = WorkbookLock(shop)
    first.acquire()
    try:
        with pytest.raises(WorkbookLockedError) as caught:
            WorkbookLock(shop).acquire()
        # The holder's details are readable although the file is locked: the lock is a
        # byte far past them.
        assert caught.value.holder["pid"] == os.getpid()
        assert "is open in" in caught.value.message
        assert json.loads(lock.lock_path(shop).read_bytes())["pid"] == os.getpid()
        assert {offset for _, offset in windows.calls} == {lock.WINDOWS_LOCK_OFFSET}
    finally:
        first.release()
    # Released (unlocked before closing, as Windows asks) and the file removed: the next
    # CS Coach takes it.
    assert windows.held == {}
    assert [kind for kind, _ in windows.calls] == ["lock", "lock", "unlock", "unlock"]
    assert not lock.lock_path(shop).exists()
    second = WorkbookLock(shop)
    second.acquire()
    assert second.held
    second.release()


def test_windows_a_second_open_of_the_workbook_is_refused(windows: FakeMsvcrt, shop: Path):
    with Workbook.open(shop):
        with pytest.raises(WorkbookLockedError):
            Workbook.open(shop).close()
        Workbook.open(shop, read_only=True).close()
    Workbook.open(shop).close()
    assert windows.held == {}


def test_windows_a_hard_link_reaches_the_same_lock(windows: FakeMsvcrt, shop: Path) -> None:
    hard = shop.with_name("hard.cscoach")
    os.link(shop, hard)
    with Workbook.open(shop), pytest.raises(WorkbookLockedError):
        Workbook.open(hard).close()


def test_windows_a_lock_file_that_cannot_be_removed_is_no_harm(
    windows: FakeMsvcrt, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to remove a file another program has open: the lock is released all
    the same and taken again next time."""
    real_unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "The file is in use", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    held = WorkbookLock(shop)
    held.acquire()
    held.release()
    assert lock.lock_path(shop).exists()
    again = WorkbookLock(shop)
    again.acquire()
    again.release()
    assert windows.held == {}


def test_a_lock_that_cannot_be_taken_at_all_is_an_error(
    windows: FakeMsvcrt, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int, mode: int, nbytes: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(windows, "locking", broken)
    with pytest.raises(Exception) as caught:
        WorkbookLock(shop).acquire()
    assert not isinstance(caught.value, WorkbookLockedError)
    assert "cannot be opened for changes" in str(caught.value)
    assert not lock.lock_path(shop).exists() or lock.lock_path(shop).stat().st_size == 0


# -- a system without hard links --------------------------------------------------------------


def test_a_workbook_is_created_where_os_link_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "link")
    path = tmp_path / "new.cscoach"
    with Workbook.create(path, "No Links Ltd") as wb:
        assert wb.path == path
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    Workbook.open(path).close()


def test_a_workbook_is_created_where_the_file_system_refuses_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src, dst, *args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    path = tmp_path / "new.cscoach"
    Workbook.create(path, "FAT Drive Café").close()
    Workbook.open(path).close()
    with pytest.raises(Exception, match="already exists"):
        Workbook.create(path, "Again").close()
