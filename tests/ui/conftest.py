"""UI test fixtures: private QSettings, no modal dialogs, a fresh main window per test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from cscoach.ui import dialogs


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path: Path) -> None:
    """A QSettings() made anywhere writes under tmp_path, never into the real home."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@dataclass
class Dialogs:
    """Stands in for every modal dialog; tests set the answers and read what was asked."""

    answer: bool = False  # confirm() and ask_open_read_only()
    save_path: Path | None = None
    open_path: Path | None = None
    business_name: str | None = None  # None: the name dialog is cancelled
    asked: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.asked]

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.asked if k == kind]

    def confirm(self, parent: Any, title: str, text: str, ok_label: str, **_kw: Any) -> bool:
        self.asked.append(("confirm", title, text))
        return self.answer

    def show_error(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def show_info(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def ask_open_read_only(self, parent: Any, path: Path, holder: str) -> bool:
        self.asked.append(("locked", str(path), holder))
        return self.answer

    def ask_save_path(self, parent: Any, title: str, *args: Any, **kw: Any) -> Path | None:
        self.asked.append(("save_path", title, ""))
        return self.save_path

    def ask_open_path(self, parent: Any, title: str, *args: Any, **kw: Any) -> Path | None:
        self.asked.append(("open_path", title, ""))
        return self.open_path

    def ask_business_name(
        self, parent: Any, create: Callable[[str], Any], *, title: str = "", **kw: Any
    ) -> Any:
        self.asked.append(("business_name", title, kw.get("intro", "")))
        if self.business_name is None:
            return None
        return create(self.business_name)


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """No test ever blocks on a modal dialog: every question goes through this stand-in."""
    fake = Dialogs()
    for name in (
        "confirm",
        "show_error",
        "show_info",
        "ask_open_read_only",
        "ask_save_path",
        "ask_open_path",
        "ask_business_name",
    ):
        monkeypatch.setattr(dialogs, name, getattr(fake, name))
    return fake


@pytest.fixture
def main_window(qtbot, workbook, settings):
    from cscoach.ui.main_window import MainWindow

    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
