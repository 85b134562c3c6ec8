"""What installing needs: the app's own entry point, and every file the wheel and the bundle
are said to carry exists where pyproject.toml and the PyInstaller spec look for it."""

from __future__ import annotations

import glob
import sys
import tomllib
from pathlib import Path

import pytest

from cscoach import cli, gui

ROOT = Path(__file__).resolve().parents[1]


def test_the_app_entry_opens_only_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[list[str]] = []
    monkeypatch.setattr(cli, "_open_app", lambda args: opened.append(args) or 0)
    for argv, expected in (([], []), (["shop.cscoach"], ["shop.cscoach"]), (["demo"], ["demo"])):
        monkeypatch.setattr(sys, "argv", ["cscoach-app", *argv])
        assert gui.main() == 0
        assert opened.pop() == expected  # "demo" is a workbook's name here, not a command


def test_the_entry_points_and_the_files_the_wheel_carries() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["cscoach"] == "cscoach.cli:main"
    assert project["project"]["gui-scripts"]["cscoach-app"] == "cscoach.gui:main"
    data = project["tool"]["setuptools"]["data-files"]
    shipped = [name for names in data.values() for name in names]
    assert "resources/cscoach.desktop" in shipped
    assert sum("cscoach.png" in name for name in shipped) == 7
    for name in shipped:
        assert (ROOT / name).is_file(), name


def test_the_bundle_spec_names_files_that_exist() -> None:
    spec = (ROOT / "packaging" / "cscoach.spec").read_text(encoding="utf-8")
    for script in ("run_cli.py", "run_app.py"):
        assert script in spec and (ROOT / "packaging" / script).is_file()
    assert glob.glob(str(ROOT / "cscoach" / "ui" / "icons" / "*.svg"))
