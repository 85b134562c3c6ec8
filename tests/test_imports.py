"""``cscoach.imports``: sqlite-utils without numpy, under the lock threads share."""

from __future__ import annotations

import subprocess
import sys
import threading

from cscoach.imports import IMPORT_LOCK, import_without

FIRST_WRITE = """
import sys
from pathlib import Path
if sys.argv[2] == "numpy first":
    import numpy
from cscoach.model import team
from cscoach.model.workbook import Workbook

wb = Workbook.create(Path(sys.argv[1]), "Corner Café")  # writes: imports sqlite-utils
team.add_member(wb, "Ann", "", None, True)
import sqlite_utils.db
print("numpy" in sys.modules, sqlite_utils.db.np is None, [m.name for m in team.list_members(wb)])
import numpy as again  # still importable (matplotlib needs it)
print(again.__name__, sys.argv[2] != "numpy first" or again is numpy)
wb.close()
"""


def run(tmp_path, order: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_WRITE, str(tmp_path / f"{order[:5]}.cscoach"), order],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.splitlines()


def test_the_first_write_does_not_import_numpy(tmp_path) -> None:
    assert run(tmp_path, "write first") == ["False True ['Ann']", "numpy True"]


def test_numpy_imported_before_is_left_as_it_was(tmp_path) -> None:
    assert run(tmp_path, "numpy first") == ["True True ['Ann']", "numpy True"]


def test_waits_for_a_thread_importing_under_the_lock(tmp_path, monkeypatch) -> None:
    (tmp_path / "cscoach_test_late.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tmp_path / "cscoach_test_extra.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen: dict[str, object] = {}

    def importing() -> None:
        module = import_without("cscoach_test_late", "cscoach_test_extra")
        seen["module"] = module.VALUE

    try:
        with IMPORT_LOCK:  # another thread imports a heavy library meanwhile
            thread = threading.Thread(target=importing)
            thread.start()
            thread.join(0.2)
            assert thread.is_alive() and "cscoach_test_late" not in sys.modules
        thread.join(10)
        assert seen == {"module": 1}
        assert "cscoach_test_extra" not in sys.modules  # hidden, then put back as absent
        assert import_without("cscoach_test_late") is sys.modules["cscoach_test_late"]
    finally:
        sys.modules.pop("cscoach_test_late", None)
        sys.modules.pop("cscoach_test_extra", None)
