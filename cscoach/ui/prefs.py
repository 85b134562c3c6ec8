"""What the app remembers between runs (QSettings): recent workbooks, window state.

Small helpers over a ``QSettings`` passed in, so tests hand in their own file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "files/recent"
LAST_KEY = "files/last_workbook"
GEOMETRY_KEY = "window/geometry"
PAGE_KEY = "window/page"
SPLITTER_KEY = "window/splitters/"  # + a splitter's object name: where the owner left it
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
