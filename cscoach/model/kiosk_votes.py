"""The counter kiosk's votes: opening the workbook beside the app, one transaction per
vote, the repeat guard, and a low score's answer becoming a complaint in Feedback.

**The kiosk and the app at once.** The kiosk does not take the app's one-writer lock: it
takes a lock of its own kind (``<workbook>.kiosk.lock``, so two kiosks never run on one
workbook) and writes through its own SQLite connection in short transactions that take the
write lock as they begin (``BEGIN IMMEDIATE``, as the app's do) and wait up to
``BUSY_SECONDS`` for the app's turn to end. A vote is one row written and committed
(``synchronous=FULL``) before the thank-you shows. The app sees the kiosk's commits through
``PRAGMA data_version`` (``Workbook.change_stamp``) and shows them at its next reload; the
kiosk's rows never enter the app's Undo (its triggers live in the app's connection only).

A write that fails (a full disk, the file taken away) is kept in memory and tried again
(``KioskSession.flush``), so the kiosk can say "cannot save votes" calmly and carry on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cscoach.model import kiosk, lock, migrations, validate
from cscoach.model.errors import (
    CsCoachError,
    ValidationError,
    WorkbookError,
    WorkbookLockedError,
)
from cscoach.model.feedback import COMPLAINT, FeedbackInput
from cscoach.model.workbook import Workbook, _connect, inspect_file

BUSY_SECONDS = 10  # how long a vote waits for the app to finish writing
SEQUENCE_SETTLE = 0.7  # seconds after the faces before the 0-10 row takes a press
KIOSK_CHANNEL = "kiosk"


class KioskLock(lock.WorkbookLock):
    """The kiosk's own lock beside the workbook (``<workbook>.kiosk.lock``): one kiosk per
    workbook; the app's one-writer lock is left to the app."""

    def __init__(self, workbook: Path) -> None:
        super().__init__(workbook)
        real = Path(os.path.realpath(workbook))
        self.path = real.with_name(real.name + ".kiosk.lock")

    def acquire(self) -> None:
        import json
        import socket

        holder = json.dumps(
            {"host": socket.gethostname(), "pid": os.getpid(), "kind": "kiosk"}
        ).encode()
        try:
            self._held.append((lock._take(self.path, self.workbook), self.path))
            for fd, path in self._held:
                lock._write_holder(fd, path, holder, self.workbook)
        except WorkbookLockedError as exc:
            self.release()
            raise WorkbookError(
                "A counter kiosk is already running on this workbook "
                f"({lock.describe_holder(exc.holder)}). Leave it with the PIN first."
            ) from None
        except BaseException:
            self.release()
            raise


def open_for_kiosk(path: Path) -> Workbook:
    """The workbook as the kiosk writes it: its own connection and lock, beside an app that
    may have it open. A workbook from an older CS Coach is brought up to date first (which
    needs the app's lock for a moment: refused while an older app has it open).

    Raises:
        NotAWorkbookError, TooNewError, WorkbookLockedError, WorkbookError.
    """
    path = Path(path)
    if inspect_file(path) < migrations.latest_version():
        Workbook.open(path).close()
    if not os.access(path, os.W_OK):
        raise WorkbookError(f"{path} is read-only: the kiosk could not save votes in it.")
    kiosk_lock = KioskLock(path)
    kiosk_lock.acquire()
    try:
        conn = _connect(path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        conn.execute("SELECT count(*) FROM kiosk_votes").fetchone()
    except BaseException:
        kiosk_lock.release()
        raise
    return Workbook(path, conn, kiosk_lock)


class Press(Enum):
    SAVED = "saved"  # a new vote, saved
    ADDED = "added"  # the second answer of the same customer (the 0-10 after the faces)
    IGNORED = "ignored"  # within the repeat guard: counted as ignored, not as a vote
    UNSAVED = "unsaved"  # could not be written yet; kept and tried again


@dataclass(frozen=True)
class Outcome:
    press: Press
    vote_id: int | None = None
    low: bool = False  # ask "What could we do better?"

    @property
    def counted(self) -> bool:
        return self.press in (Press.SAVED, Press.ADDED, Press.UNSAVED)


class KioskSession:
    """One run of the kiosk, from its start until the owner leaves it.

    ``now`` gives the local time stored with each vote and ``monotonic`` the seconds the
    repeat guard measures; tests pass their own clocks.
    """

    def __init__(
        self,
        wb: Workbook,
        settings: kiosk.KioskSettings | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.wb = wb
        self.settings = settings or kiosk.get_settings(wb)
        self._now = now
        self._monotonic = monotonic
        self.votes = 0  # customers who voted since the start
        self.ignored = 0  # presses not counted
        self._saved_ignored = 0
        self._guard_until = float("-inf")
        self._settle_until = float("-inf")
        self._open_vote: int | None = None  # a customer's vote still waiting for its 0-10
        self._open_low = False
        self._unsaved: list[tuple[str, int | None, int | None]] = []
        self.session_id: int | None = None
        self._started = self._stamp()
        with self._writing("Start the counter kiosk"):
            cur = wb.conn.execute(
                "INSERT INTO kiosk_sessions (started_at) VALUES (?)", (self._started,)
            )
            self.session_id = int(cur.lastrowid or 0)

    # -- pressing -------------------------------------------------------------------------

    def press(self, scale: str, score: int) -> Outcome:
        """A customer pressed ``score`` on ``scale`` (``kiosk.CSAT`` 1-5 or ``kiosk.NPS``
        0-10). Saved at once as its own transaction, unless it comes within the repeat
        guard of the last vote (then only counted as ignored)."""
        if scale == kiosk.CSAT:
            score = validate.whole(score, "csat", "The face", minimum=1, maximum=5)
        elif scale == kiosk.NPS:
            score = validate.whole(score, "nps", "The answer", minimum=0, maximum=10)
        else:
            raise ValidationError("scale", f"Unknown scale “{scale}”.")
        t = self._monotonic()
        second = (
            scale == kiosk.NPS
            and self._open_vote is not None
            and self.settings.scales == kiosk.BOTH
        )
        if second:
            if t < self._settle_until:
                return self._ignore()
            return self._add_nps(score)
        if t < self._guard_until:
            return self._ignore()
        csat = score if scale == kiosk.CSAT else None
        nps = score if scale == kiosk.NPS else None
        low = self.settings.follow_up and self.settings.is_low(csat, nps)
        waits_for_nps = scale == kiosk.CSAT and self.settings.asks_nps
        self.votes += 1
        self._settle_until = t + SEQUENCE_SETTLE
        self._guard_until = t + self.settings.repeat_seconds
        stamp = self._stamp()
        try:
            vote_id = self._insert(stamp, csat, nps)
        except _SaveFailed:
            self._unsaved.append((stamp, csat, nps))
            self._open_vote = None
            return Outcome(Press.UNSAVED, None, low)
        self._open_vote = vote_id if waits_for_nps else None
        self._open_low = low
        return Outcome(Press.SAVED, vote_id, low)

    def _add_nps(self, score: int) -> Outcome:
        vote_id = self._open_vote
        assert vote_id is not None
        self._open_vote = None
        low = self._open_low or (self.settings.follow_up and self.settings.is_low(None, score))
        self._guard_until = self._monotonic() + self.settings.repeat_seconds
        try:
            with self._writing():
                self.wb.conn.execute(
                    "UPDATE kiosk_votes SET nps = ? WHERE id = ?", (score, vote_id)
                )
        except _SaveFailed:
            return Outcome(Press.UNSAVED, vote_id, low)
        return Outcome(Press.ADDED, vote_id, low)

    def stray_press(self) -> None:
        """A press that is not a vote (on the thank-you screen): counted as ignored."""
        self._ignore()

    def _ignore(self) -> Outcome:
        self.ignored += 1
        return Outcome(Press.IGNORED)

    def customer_left(self) -> None:
        """The screen went back to the question: a vote waiting for its 0-10 stays as it
        is (the faces alone)."""
        self._open_vote = None
        self._open_low = False
        self._save_ignored()

    def answer_follow_up(self, vote_id: int | None, text: str) -> int | None:
        """The answer to "What could we do better?" becomes an open complaint in Feedback
        (channel kiosk) linked to its vote, in one transaction. Returns the complaint's id;
        None for an empty answer or one that could not be saved.

        Raises:
            ValidationError: the answer cannot be stored (a NUL byte, too long).
        """
        from cscoach.model.feedback_edit import clean_input, insert_item

        answer = validate.text(text, "answer", "The answer", max_len=kiosk.MAX_ANSWER)
        if not answer:
            return None
        today = self._now().date()
        data = FeedbackInput(today, COMPLAINT, answer, channel=KIOSK_CHANNEL)
        row, themes, members, standards = clean_input(self.wb, data, today)
        try:
            with self._writing("A complaint from the counter kiosk"):
                item_id = insert_item(self.wb, row, themes, members, standards)
                if vote_id is not None:
                    self.wb.conn.execute(
                        "UPDATE kiosk_votes SET feedback_item_id = ? WHERE id = ?",
                        (item_id, vote_id),
                    )
        except _SaveFailed:
            return None
        return item_id

    # -- saving ---------------------------------------------------------------------------

    @property
    def unsaved(self) -> int:
        """Votes kept in memory because they could not be written yet."""
        return len(self._unsaved)

    def flush(self) -> bool:
        """Write the votes that could not be saved before; True when none is left."""
        while self._unsaved:
            stamp, csat, nps = self._unsaved[0]
            try:
                self._insert(stamp, csat, nps)
            except _SaveFailed:
                return False
            self._unsaved.pop(0)
        return True

    def end(self) -> None:
        """The owner left the kiosk: the session's end and its ignored presses are saved
        (as far as the disk allows)."""
        self.flush()
        self._save_ignored(ended=True)

    def _insert(self, stamp: str, csat: int | None, nps: int | None) -> int:
        with self._writing():
            # The app may have restored a backup meanwhile, without this session's row.
            self.wb.conn.execute(
                "INSERT OR IGNORE INTO kiosk_sessions (id, started_at) VALUES (?, ?)",
                (self.session_id, self._started),
            )
            cur = self.wb.conn.execute(
                "INSERT INTO kiosk_votes (voted_at, csat, nps, session_id) VALUES (?, ?, ?, ?)",
                (stamp, csat, nps, self.session_id),
            )
            if self.ignored != self._saved_ignored:
                self._write_ignored()
        return int(cur.lastrowid or 0)

    def _save_ignored(self, *, ended: bool = False) -> None:
        if self.session_id is None or (self.ignored == self._saved_ignored and not ended):
            return
        with contextlib.suppress(_SaveFailed), self._writing():
            self._write_ignored()
            if ended:
                self.wb.conn.execute(
                    "UPDATE kiosk_sessions SET ended_at = ? WHERE id = ?",
                    (self._stamp(), self.session_id),
                )

    def _write_ignored(self) -> None:
        self.wb.conn.execute(
            "UPDATE kiosk_sessions SET ignored = ? WHERE id = ?", (self.ignored, self.session_id)
        )
        self._saved_ignored = self.ignored

    @contextlib.contextmanager
    def _writing(self, label: str | None = None) -> Iterator[None]:
        """One short transaction; a failure below SQLite (a full disk, an I/O error, the
        app holding the file longer than ``BUSY_SECONDS``) becomes ``_SaveFailed``."""
        try:
            with self.wb.transaction(label):
                yield
        except (sqlite3.OperationalError, sqlite3.DatabaseError, CsCoachError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise _SaveFailed(str(exc)) from exc

    def _stamp(self) -> str:
        return self._now().strftime("%Y-%m-%d %H:%M:%S")


class _SaveFailed(Exception):
    """A kiosk write did not reach the disk."""


def session_totals(wb: Workbook, session_id: int) -> tuple[int, int]:
    """(votes, ignored presses) of one kiosk session, as saved."""
    row = wb.query_one(
        "SELECT (SELECT count(*) FROM kiosk_votes WHERE session_id = s.id) AS votes, "
        "s.ignored FROM kiosk_sessions s WHERE s.id = ?",
        (session_id,),
    )
    return (int(row["votes"]), int(row["ignored"])) if row else (0, 0)
