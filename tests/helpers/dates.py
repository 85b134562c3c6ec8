"""The day the tests live on, whatever the machine's clock says.

A test that needs "today" takes ``FIXED_TODAY`` (the model, the demo, the pages and printing
all take ``today=``). Where the code under test asks the clock itself (the main window builds
its pages without a date), the test sets the clock with ``clock_on`` (the ``fixed_today``
fixture). ``make test-dates`` runs the suite with the machine's clock on awkward days to
catch a test, or app code, that still reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine

# An ordinary mid-month day: the demo made on it has its latest round in October 2026.
FIXED_TODAY = dt.date(2026, 11, 22)


@contextmanager
def clock_on(day: dt.date) -> Iterator[dt.date]:
    """Python's clock reads ``day`` at noon, and runs on from there, until the block ends.
    (``date.today()``, ``datetime.now()`` and ``time.time()``; not SQLite's ``'now'``, nor
    the monotonic clocks Qt and the timeouts use.)"""
    with time_machine.travel(dt.datetime.combine(day, dt.time(12, 0)), tick=True):
        yield day
