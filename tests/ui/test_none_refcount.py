"""The guard against PySide6 6.12's lost references to None keeps a long session alive.

Python 3.11 only: from 3.12 on None is immortal (its reference count is about four billion,
so this loop would run for hours) and the guard does nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12: the guard does nothing and is not needed",
)

LOSES_NONE = """
import sys
had = sys.getrefcount(None)
import cscoach.ui  # the guard
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(had + 50_000):  # more than None had: without the guard, Python aborts
    label.setText("x")
print("alive")
"""


def test_many_qt_calls_do_not_deallocate_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOSES_NONE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "alive"
