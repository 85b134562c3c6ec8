"""What the app remembers between runs (QSettings): recent workbooks, window state.

Small helpers over a ``QSettings`` passed in, so tests hand in their own file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

RECENT_KEY = "files/recent"
LAST_KEY = "files/last_workbook"
GEOMETRY_KEY = "window/geometry"
PAGE_KEY = "window/page"  # + a workbook's own key: the page last shown for it
SPLITTER_KEY = "window/splitters/"  # + a splitter's object name: where the owner left it
TIPS_KEY = "window/tips_shown"  # the pages' tips: shown until the owner hides them
MAX_RECENT = 8


def _as_list(value: object) -> list[str]:
    """QSettings returns a lone string for a one-item list in INI files; normalise."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def recent_files(settings: QSettings) -> list[Path]:
    """Recent workbooks, newest first; files that no longer exist are dropped for good."""
    stored = _as_list(settings.value(RECENT_KEY))
    existing = [p for p in stored if Path(p).is_file()]
    if existing != stored:
        settings.setValue(RECENT_KEY, existing)
    return [Path(p) for p in existing]


def add_recent(settings: QSettings, path: Path) -> None:
    key = str(Path(path).resolve())
    stored = [p for p in _as_list(settings.value(RECENT_KEY)) if p != key]
    settings.setValue(RECENT_KEY, [key, *stored][:MAX_RECENT])


def clear_recent(settings: QSettings) -> None:
    settings.setValue(RECENT_KEY, [])


def last_workbook(settings: QSettings) -> Path | None:
    """The workbook open when the app last closed, if it still exists."""
    value = settings.value(LAST_KEY)
    if not value or not isinstance(value, str):
        return None
    path = Path(value)
    return path if path.is_file() else None


def set_last_workbook(settings: QSettings, path: Path | None) -> None:
    if path is None:
        settings.remove(LAST_KEY)
    else:
        settings.setValue(LAST_KEY, str(Path(path).resolve()))


def tips_shown(settings: QSettings) -> bool:
    return str(settings.value(TIPS_KEY, "true")).lower() != "false"


def set_tips_shown(settings: QSettings, shown: bool) -> None:
    settings.setValue(TIPS_KEY, "true" if shown else "false")


def restore_splitters(settings: QSettings, page: QWidget) -> None:
    """Put each named splitter of ``page`` where the owner last left it."""
    for splitter in page.findChildren(QSplitter):
        name = splitter.objectName()
        state = settings.value(SPLITTER_KEY + name) if name else None
        if isinstance(state, QByteArray) and not state.isEmpty():
            splitter.restoreState(state)


def save_splitters(settings: QSettings, pages: Iterable[QWidget]) -> None:
    """Remember where each named splitter of ``pages`` (those built so far) is."""
    for page in pages:
        for splitter in page.findChildren(QSplitter):
            if splitter.objectName():
                settings.setValue(SPLITTER_KEY + splitter.objectName(), splitter.saveState())


def _page_key(path: Path) -> str:
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{PAGE_KEY}/{digest}"


def last_page(settings: QSettings, path: Path, pages: int) -> int:
    """The page last shown for the workbook at ``path`` (0, the Overview, the first time)."""
    value = settings.value(_page_key(path), 0)
    try:
        index = int(value) if isinstance(value, int | str | float) else 0
    except ValueError:
        return 0
    return index if 0 <= index < pages else 0


def set_last_page(settings: QSettings, path: Path, index: int) -> None:
    settings.setValue(_page_key(path), index)
