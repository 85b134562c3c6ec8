"""Loaded by every Python that ``scripts/on-date.sh`` starts (it puts this folder on
PYTHONPATH): makes ``time.sleep`` work under Debian's libfaketime.

The clock is moved with ``FAKETIME_DONT_FAKE_MONOTONIC=1``, because with a faked monotonic
clock Python 3.11+'s timed lock waits (``sem_clockwait``, which libfaketime does not catch)
wait for ever. But libfaketime 0.9.10 (Debian 12 and 13) then gets ``clock_nanosleep`` on
the real monotonic clock wrong, and ``time.sleep`` fails with "OSError: [Errno 22] Invalid
argument" (libfaketime issue #426). Here ``time.sleep`` waits in ``select`` instead, which
libfaketime passes through untouched. Nothing changes outside libfaketime.
"""

from __future__ import annotations

import os
import select
import time

if "libfaketime" in os.environ.get("LD_PRELOAD", ""):

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = _sleep
