"""The workbook: one SQLite file per business, opened safely.

Before SQLite touches a file we check that it is one of ours (SQLite header, application id,
schema number), so a foreign, damaged or newer file is refused with a clear message and left
byte-identical. The file uses the rollback journal (``journal_mode=DELETE``) with
``synchronous=FULL``: a workbook is a document owners copy and email, and a WAL file left
beside a copied workbook would lose data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscoach.imports import import_without
from cscoach.model import backups, files, migrations
from cscoach.model.errors import (
    NotAWorkbookError,
    ReadOnlyError,
    TooNewError,
    WorkbookError,
)
from cscoach.model.lock import WorkbookLock
from cscoach.model.undo import UndoLog

if TYPE_CHECKING:
    import sqlite_utils

SUFFIX = ".cscoach"
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_NAME = "workbook" + SUFFIX


def name_key(name: str | None) -> str:
    """A name as CS Coach compares names: case folded for every script ("Zoë" = "ZOË",
    "Straße" = "STRASSE"), runs of spaces as one, outer spaces dropped, accents composed.

    The one rule for both refusing a duplicate name and finding a thing by its name, so
    that a name the app accepted can always be found again. (SQLite's ``NOCASE`` folds
    only A-Z; the schema's ``COLLATE NOCASE UNIQUE`` is a weaker backstop.)
    """
    return unicodedata.normalize("NFC", " ".join((name or "").split()).casefold())


def inserted_id(table: sqlite_utils.db.Table) -> int:
    """The id of the row ``table.insert`` has just added (sqlite-utils types its
    ``last_pk`` as possibly None: it is None only before a first insert)."""
    row_id = table.last_pk
    assert row_id is not None, f"nothing was inserted into {table.name}"
    return int(row_id)


def default_data_dir() -> Path:
    """The per-user data folder; ``CSCOACH_DATA_DIR`` overrides it."""
    override = os.environ.get("CSCOACH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("cscoach", appauthor=False))


def default_workbook_path() -> Path:
    return default_data_dir() / DEFAULT_NAME


def inspect_file(path: Path) -> int:
    """Return the schema number of the workbook at ``path`` without changing the file.

    Raises:
        NotAWorkbookError: missing, a folder, unreadable, empty, damaged or not ours.
        TooNewError: written by a newer CS Coach.
    """
    path = Path(path)
    if not path.exists():
        raise NotAWorkbookError(f"{path} does not exist.")
    if path.is_dir():
        raise NotAWorkbookError(f"{path} is a folder, not a workbook file.")
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise NotAWorkbookError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if not header:
        raise NotAWorkbookError(f"{path} is empty (0 bytes): it is not a CS Coach workbook.")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotAWorkbookError(f"{path} is not a CS Coach workbook (it is not a SQLite file).")
    try:
        try:
            app_id, version = _read_ids(path)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != _READONLY_ROLLBACK:
                raise
            _roll_back_interrupted_save(path, header)
            app_id, version = _read_ids(path)
    except sqlite3.DatabaseError as exc:
        raise NotAWorkbookError(f"{path} is damaged or not a CS Coach workbook ({exc}).") from exc
    if app_id != migrations.APPLICATION_ID or version < 1:
        raise NotAWorkbookError(
            f"{path} is a SQLite database from another program, not a CS Coach workbook."
        )
    latest = migrations.latest_version()
    if version > latest:
        raise TooNewError(
            f"{path} was written by a newer CS Coach (schema {version}; this version reads "
            f"up to {latest}). Update CS Coach to open it."
        )
    return version


_READONLY_ROLLBACK = getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776)


def _read_ids(path: Path) -> tuple[int, int]:
    """(application_id, user_version), read by SQLite through a read-only connection."""
    conn = connect_read_only(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    finally:
        conn.close()
    return app_id, version


def _roll_back_interrupted_save(path: Path, header: bytes) -> None:
    """A save was cut off (CS Coach was killed or the computer stopped) and left a hot
    journal beside the file, which a read-only connection may not roll back. Let SQLite
    roll it back through a read-write connection: that puts the file back exactly as it was
    after the last completed save, which is what SQLite does on any open. Only for our own
    files (the application id in the header); another program's file is left alone."""
    if int.from_bytes(header[68:72], "big") != migrations.APPLICATION_ID:
        raise NotAWorkbookError(
            f"{path} is a SQLite database from another program, not a CS Coach workbook."
        )
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAWorkbookError(
            f"{path} was being saved when CS Coach or the computer stopped, and the unfinished "
            f"save cannot be undone because the file or its folder cannot be written to ({exc})."
            " Make them writable and try again."
        ) from exc


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (``mode=ro`` and ``query_only``)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


PART_SUFFIX = ".part"


@contextlib.contextmanager
def built_aside(path: Path) -> Iterator[Path]:
    """Build a new file under a hidden name beside ``path``; move it into place at the end.

    Yields the hidden path (``.NAME.<pid>.part``). When the block finishes, the file is
    hard-linked to ``path``, which never replaces a file made in the meantime; when it fails,
    or the process is killed half-way, nothing appears under ``path``. Parts left by killed
    runs are removed on the way in.
    """
    path = Path(path)
    if path.exists():
        raise WorkbookError(f"{path} already exists; choose another name.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(f"Could not create {path}: {exc.strerror or exc}.") from exc
    _remove_stale_parts(path)
    building = path.with_name(f".{path.name}.{os.getpid()}{PART_SUFFIX}")
    _remove_part(building)  # left by a killed run that had our process number
    try:
        try:
            yield building
        except WorkbookError as exc:
            raise WorkbookError(str(exc).replace(str(building), str(path))) from exc
        try:
            link = getattr(os, "link", None)
            if link is None:  # a system without hard links at all
                raise OSError(errno.ENOSYS, "no hard links")
            link(building, path)
        except FileExistsError:
            raise WorkbookError(f"{path} already exists; choose another name.") from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise WorkbookError(f"{path} already exists; choose another name.") from None
            os.replace(building, path)
    finally:
        _remove_part(building)


def _remove_part(building: Path) -> None:
    for leftover in (building, Path(f"{building}-journal"), Path(f"{building}.lock")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _remove_stale_parts(path: Path) -> None:
    """Remove the hidden workbooks killed runs were building in ``path``'s folder:
    ``.NAME.cscoach.<pid>.part`` whose process is no longer running."""
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            match = _PART_NAME.fullmatch(entry.name)
            if match and not files.process_running(int(match["pid"])):
                _remove_part(entry)


_PART_NAME = re.compile(
    rf"\..+(?:{re.escape(SUFFIX)}|{re.escape(PART_SUFFIX)})\.(?P<pid>\d+)"
    rf"{re.escape(PART_SUFFIX)}"
)


class Workbook:
    """An open workbook. Use ``Workbook.create`` or ``Workbook.open``; ``close`` when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WorkbookLock | None) -> None:
        self.path = Path(path)
        self.conn = conn
        self._lock = lock
        self.history = UndoLog()  # Undo and Redo; recording once ``_record_history`` ran
        self._depth = 0  # transactions open, outermost first

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def create(cls, path: Path, business_name: str) -> Workbook:
        """Create a new workbook with the starter content for the named business.

        Refuses an existing file. The workbook is built under a hidden name beside ``path``
        and appears under ``path`` only when complete (see ``built_aside``).
        """
        from cscoach.model import settings, validate

        path = Path(path)
        name = validate.name(business_name, "business_name", "Business name")
        with built_aside(path) as building:
            wb = cls._create_empty(building)
            try:
                settings.set_business_name(wb, name)
            finally:
                wb.close()
        return cls._open_writable(path, inspect_file(path), daily_backup=False)

    @classmethod
    def _create_empty(cls, path: Path) -> Workbook:
        """A new file at ``path`` with the current schema and starter content, locked."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise WorkbookError(f"Could not create {path}: {exc.strerror or exc}.") from exc
        os.close(fd)
        lock = WorkbookLock(path)
        lock.acquire()
        try:
            conn = _connect(path)
            wb = cls(path, conn, lock)
            conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
            wb._migrate(from_version=0)
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()
            lock.release()
            raise
        return wb

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Workbook:
        """Open an existing workbook, migrating it forward (after a backup) when it is older.

        Raises:
            NotAWorkbookError, TooNewError: the file is refused and left untouched.
            WorkbookLockedError: another CS Coach has it open; ``read_only=True`` still works.
        """
        path = Path(path)
        version = inspect_file(path)
        if read_only:
            if version < migrations.latest_version():
                raise WorkbookError(
                    f"{path} was made by an older CS Coach and must be opened for writing once "
                    "to be updated."
                )
            return cls(path, connect_read_only(path), None)
        if not os.access(path, os.W_OK):
            raise ReadOnlyError(f"{path} is read-only; it can only be opened read-only.")
        return cls._open_writable(path, version, daily_backup=True)

    @classmethod
    def _open_writable(cls, path: Path, version: int, *, daily_backup: bool) -> Workbook:
        """Lock and open a checked workbook of schema ``version``, migrating it if older."""
        lock = WorkbookLock(path)
        lock.acquire()
        try:
            conn = _connect(path)
            wb = cls(path, conn, lock)
            if version < migrations.latest_version():
                backups.make_backup(conn, path, reason=f"before-schema-{version + 1}")
                wb._migrate(from_version=version)
            elif daily_backup and backups.needs_daily_backup(path):
                backups.make_backup(conn, path, reason="daily")
            wb._record_history()
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()
            lock.release()
            raise
        return wb

    def reader(self) -> Workbook | None:
        """A read-only view of this workbook for another thread (a worker laying out a
        document): its own connection, opened through SQLite only (closing any other handle
        on the file could drop the locks of this connection). None when it cannot be had:
        a change is not committed yet, or the file cannot be opened again."""
        if self.conn.in_transaction:
            return None
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
        except (sqlite3.Error, OSError, ValueError):
            return None
        return Workbook(self.path, conn, None)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def name(self) -> str:
        """The name shown in the window title: the file name without its extension."""
        return self.path.stem

    # -- reading and writing ---------------------------------------------------

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        """Rows of a SELECT as dicts."""
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def query_one(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def change_stamp(self) -> tuple[int, int]:
        """Where the workbook's writes stand: the rows written through this connection so
        far (an Undo too) and SQLite's count of commits by any other connection to the file.
        The same stamp twice means nothing was written in between, so a page has nothing
        to read again."""
        (data_version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return self.conn.total_changes, data_version

    def name_taken(self, table: str, column: str, name: str, row_id: int | None) -> bool:
        """True when another row of ``table`` has ``name`` in ``column`` by ``name_key``:
        adding (``row_id`` None) or renaming row ``row_id`` to ``name`` must be refused.

        A row that already shared its name before this edit (a workbook from a version that
        compared names by SQLite's ASCII-only NOCASE, or edited outside CS Coach) may still
        be saved under that name, so its other fields can be changed; a new clash is refused.
        ``table`` and ``column`` come from the code, never from the user.
        """
        wanted = name_key(name)
        clash = False
        for other_id, value in self.conn.execute(f"SELECT id, {column} FROM {table}"):
            if value is None or name_key(str(value)) != wanted:
                continue
            if other_id == row_id:
                return False  # its own name (by name_key) is kept: no new clash
            clash = True
        return clash

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, imported on the first write without
        numpy (``cscoach.imports.import_without``: numpy alone took most of that write)."""
        module = import_without("sqlite_utils", "numpy", "pandas")
        database: type[sqlite_utils.Database] = module.Database  # a module's names are Any
        return database(self.conn, execute_plugins=False)

    @contextlib.contextmanager
    def transaction(self, label: str | None = None) -> Iterator[sqlite_utils.Database]:
        """One user action: everything inside commits together or not at all, and is one
        step of Undo (named ``label``, else after what it changed; see ``cscoach.model.undo``).
        A transaction inside another is part of it."""
        if self.read_only:
            raise ReadOnlyError("This workbook is open read-only; changes cannot be saved.")
        mark = self.history.mark()
        self._depth += 1
        try:
            with self._write_lock_first(), self.db.atomic() as db:
                yield db
        except sqlite3.OperationalError:  # the disk is full, an I/O error…
            self.history.discard(mark)
            if self._depth == 1:
                self.roll_back_failed_write()
            raise
        except BaseException:
            self.history.discard(mark)
            raise
        finally:
            self._depth -= 1
        if self._depth == 0:
            self.history.commit(self.conn, label)

    @contextlib.contextmanager
    def _write_lock_first(self) -> Iterator[None]:
        """The outermost transaction takes SQLite's write lock as it begins (``BEGIN
        IMMEDIATE``), waiting its turn while another connection writes (the counter kiosk:
        ARCHITECTURE.md). A transaction that read first and asked for the lock later could
        instead be refused at once, to avoid a deadlock with the other writer."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise
        if self.conn.in_transaction:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def undo_step(self, label: str) -> Iterator[None]:
        """Every change made inside is one step of Undo called ``label`` ("Change CSAT for
        November 2026"), however many transactions make it."""
        self.history.begin_group(label)
        try:
            yield
        finally:
            self.history.end_group(self.conn)

    def undo(self) -> str | None:
        """Undo the last change; returns its name, or None when there is nothing to undo."""
        if self.read_only:
            return None
        return self._replaying(self.history.undo)

    def redo(self) -> str | None:
        """Make the last change undone again; returns its name, or None."""
        if self.read_only:
            return None
        return self._replaying(self.history.redo)

    def _replaying(self, replay: Callable[[sqlite3.Connection], str | None]) -> str | None:
        try:
            return replay(self.conn)
        except sqlite3.OperationalError:
            self.roll_back_failed_write()
            raise

    def _record_history(self) -> None:
        """Start recording every change for Undo (after migrations: they are not undone)."""
        self.history.install(self.conn)

    def roll_back_failed_write(self) -> None:
        """After a write failed below SQLite (a full disk), put the file back as it was at
        once: a half-done save may have left the file changed with a hot journal beside it,
        which only the next connection rolls back. So close and reopen the connection now,
        and check that no journal is left: only then is the file alone whole again (a copy
        of it passes ``integrity_check``).

        Raises WorkbookError when the journal could not be rolled back yet."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.rollback()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self.__dict__.pop("db", None)  # sqlite-utils over the closed connection
        self.conn = _connect(self.path)
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            self._record_history()
        if Path(f"{os.path.realpath(self.path)}-journal").exists():
            raise WorkbookError(
                "Your last change could not be saved because the disk is full, and CS Coach "
                "could not yet undo the half-saved change. Free some space on the disk, then "
                "close and reopen the workbook: it will be exactly as it was before that "
                "change. Do not copy the workbook file until then."
            )

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of this workbook to ``target`` (SQLite's backup API);
        never over the workbook itself, by whatever name."""
        if files.same_file(target, self.path):
            raise WorkbookError(
                f"{target} is the workbook itself; choose another name or folder for the copy."
            )
        backups.copy_database(self.conn, Path(target))

    def restore_from(self, source: Path) -> Path:
        """Replace everything in this workbook with the contents of ``source`` (a backup).

        The current state is backed up first (returned), so a restore can itself be undone.
        The source is checked like any file being opened and is never changed.
        """
        if self.read_only:
            raise ReadOnlyError("This workbook is open read-only; it cannot be restored.")
        source = Path(source)
        if files.same_file(source, self.path):
            raise WorkbookError("A workbook cannot be restored from itself.")
        version = inspect_file(source)
        # Nothing is pruned until the restore has succeeded: the oldest backup kept may be
        # the very one being restored.
        saved = backups.make_backup(self.conn, self.path, "before-restore", prune_old=False)
        src = connect_read_only(source)
        try:
            src.backup(self.conn)  # one step: the pages are replaced together or not at all
        except sqlite3.OperationalError:
            self.roll_back_failed_write()
            raise
        finally:
            src.close()
        if version < migrations.latest_version():
            self._migrate(from_version=version)
        self.history.forget()  # an Undo never reaches across a restore
        self._record_history()
        backups.prune(self.path)
        return saved

    # -- schema ----------------------------------------------------------------

    def _migrate(self, from_version: int) -> None:
        for version in range(from_version, migrations.latest_version()):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                migrations.MIGRATIONS[version](self.conn)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        (version,) = self.conn.execute("PRAGMA user_version").fetchone()
        return int(version)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    return conn
