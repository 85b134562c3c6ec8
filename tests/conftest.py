"""Test set-up: offscreen Qt, Agg charts and a private data folder before anything imports Qt."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["MPLBACKEND"] = "Agg"
os.environ["QT_API"] = "pyside6"
os.environ["CSCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="cscoach-test-data-")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="cscoach-test-config-"))
os.environ["LC_PAPER"] = "C.UTF-8"  # new workbooks print on A4 whatever the machine's locale

import pytest  # noqa: E402
from helpers.dates import FIXED_TODAY, clock_on  # noqa: E402

from cscoach.model.workbook import Workbook  # noqa: E402

# The robustness tests' --crash-kills option and end-of-run tally (tests/plugins).
pytest_plugins = ["plugins.crash_options"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the Qt app is marked ``gui`` so ``-m 'not gui'`` runs the rest."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "qapp" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder: the default workbook is never a real one."""
    data = tmp_path / "data"
    monkeypatch.setenv("CSCOACH_DATA_DIR", str(data))
    return data


@pytest.fixture
def workbook(tmp_path: Path):
    """A fresh workbook with the starter content, closed after the test."""
    wb = Workbook.create(tmp_path / "test.cscoach", "Corner Café")
    yield wb
    wb.close()


@pytest.fixture
def fixed_today() -> Iterator[dt.date]:
    """The clock reads ``FIXED_TODAY`` during the test, for code that asks the clock itself
    (the main window, whose pages take no date)."""
    with clock_on(FIXED_TODAY) as day:
        yield day


@pytest.fixture
def demo_workbook(tmp_path: Path, fixed_today: dt.date):
    """The demo workbook made on ``FIXED_TODAY`` and looked at that day (the clock says so
    during the test), closed after the test."""
    from cscoach.model import demo

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=fixed_today)
    wb = Workbook.open(path)
    yield wb
    wb.close()
