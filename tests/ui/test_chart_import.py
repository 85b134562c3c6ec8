"""matplotlib imported in parts, and never while another thread imports it."""

from __future__ import annotations

import sys
import threading

import pytest

from cscoach import charts
from cscoach.ui import chart_import


@pytest.fixture
def parts(tmp_path, monkeypatch) -> tuple[str, ...]:
    """Three tiny modules in place of matplotlib's parts, the last one the canvas."""
    names = tuple(f"cscoach_test_part_{i}" for i in range(3))
    for name in names:
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(chart_import, "PARTS", names)
    monkeypatch.setattr(chart_import, "CANVAS_MODULE", names[-1])
    yield names
    for name in names:
        sys.modules.pop(name, None)


def test_one_part_per_call_until_all_are_imported(parts) -> None:
    assert not chart_import.imported()
    assert chart_import.import_next() == 0
    assert [name in sys.modules for name in parts] == [True, False, False]
    assert chart_import.import_next() == 0
    assert chart_import.import_next() is None  # the last part: done
    assert chart_import.imported()
    assert chart_import.import_next() is None


def test_waits_while_another_thread_imports(parts) -> None:
    """A print worker importing the charts holds the lock: the GUI thread imports nothing
    meanwhile and looks again a moment later (it never blocks the window on the lock)."""
    holding, release = threading.Event(), threading.Event()

    def worker() -> None:
        with charts.IMPORT_LOCK:
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        holding.wait(10)
        assert chart_import.import_next() == chart_import.BUSY_RETRY_MS
        assert not any(name in sys.modules for name in parts)
    finally:
        release.set()
        thread.join(10)
    assert chart_import.import_next() == 0
    assert parts[0] in sys.modules


def test_kpi_charts_module_is_imported_under_the_lock(monkeypatch) -> None:
    held = []

    class Lock:
        def __enter__(self):
            held.append(True)

        def __exit__(self, *exc):
            held.append(False)

    monkeypatch.setattr(charts, "IMPORT_LOCK", Lock())
    module = charts.kpi_charts_module()
    assert module.__name__ == "cscoach.charts.kpi_charts"
    assert held == [True, False]
