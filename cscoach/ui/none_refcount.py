"""A guard against a reference-count bug in PySide6 6.12.0 on Python 3.11.

Every call from Python into a Qt function that returns nothing (``setText``, ``addItem``,
…) drops one reference to ``None`` that it never took. On Python 3.12 and later ``None`` is
immortal and this does no harm; on Python 3.11, after some hundred thousand such calls (an
hour of normal use, or a few reloads of a large page) the count reaches zero and Python
aborts the app with "Fatal Python error: none_dealloc". PySide6 6.11 does not have the bug,
but the Qt PDF module we use is only published as ``PySide6-Pdf`` 6.12.

The guard gives ``None`` as many extra references as the count can hold without risk
(2**60), which makes it as good as immortal, as it is on Python 3.12. ``True`` and
``False`` get the same: a test run once ended in "Fatal Python error: bool_dealloc" after a
nested Qt event loop, and they are immortal on Python 3.12 too.
"""

from __future__ import annotations

import ctypes
import sys

EXTRA_REFERENCES = 1 << 60


def keep_none_alive() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal on CPython before 3.12
    (once per process)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: the first field
        if refcount.value < EXTRA_REFERENCES:
            refcount.value += EXTRA_REFERENCES
