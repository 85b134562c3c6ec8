"""The app's icons: small line drawings in the accent colour, shipped as SVG in ``icons/``.

``icon(name)`` returns a QIcon that stays sharp at any size or screen scaling and changes
colour with its state and with the light or dark palette in use (read when painting): the
accent normally, white on a selected (teal) sidebar row, grey when disabled. ``app_icon()``
is the application's mark for the window and the desktop. The icons are drawn for CS Coach
and share its MIT licence (``resources/LICENSE-icons.md``).
"""

from __future__ import annotations

import atexit
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from cscoach.ui import style

ICON_DIR = Path(__file__).resolve().parent / "icons"
APP_ICON = "cscoach"

PAGE_ICONS = (
    "overview",
    "team",
    "questionnaire",
    "philosophy",
    "standards",
    "hiring",
    "kpis",
    "feedback",
    "actions",
    "training",
)
ACTION_ICONS = (
    "add",
    "delete",
    "print",
    "save",
    "export",
    "import",
    "open",
    "new",
    "backup",
    "restore",
    "undo",
    "redo",
    "find",
    "help",
    "keyboard",
    "about",
)
NAMES = PAGE_ICONS + ACTION_ICONS

DRAWN_IN = style.ICON_INK  # the colour every line icon is drawn in; recoloured when painted


def ink(mode: QIcon.Mode) -> str:
    """The colour an icon is painted in, in ``mode``, in the current palette: white on a
    selected row (whose background is the accent), grey when disabled, else the accent."""
    palette = style.current()
    if mode == QIcon.Mode.Selected:
        return palette.on_accent
    if mode == QIcon.Mode.Disabled:
        return palette.icon_disabled
    return palette.accent


_cache: dict[str, QIcon] = {}


def icon_path(name: str) -> Path:
    """The SVG file of icon ``name``; FileNotFoundError if CS Coach has no such icon."""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"CS Coach has no icon called {name!r} (looked for {path})")
    return path


class _LineIconEngine(QIconEngine):
    """Draws one SVG in the colour that suits the icon's mode, at any size."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}  # by colour

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = ink(mode)
        renderer = self._renderers.get(colour)
        if renderer is None:
            svg = self._svg.replace(DRAWN_IN, colour)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, square)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # noqa: N802 - Qt override
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _LineIconEngine(self._svg)

    def key(self) -> str:
        return "cscoach-line-icon"


def icon(name: str) -> QIcon:
    """The line icon ``name`` (one of ``NAMES``), loaded once and then shared."""
    cached = _cache.get(name)
    if cached is None:
        svg = icon_path(name).read_text(encoding="utf-8")
        cached = QIcon(_LineIconEngine(svg))
        _cache[name] = cached
    return cached


def app_icon() -> QIcon:
    """CS Coach's own mark (a speech bubble with a heart), for windows and the desktop."""
    cached = _cache.get(APP_ICON)
    if cached is None:
        cached = QIcon(str(icon_path(APP_ICON)))
        _cache[APP_ICON] = cached
    return cached


@atexit.register
def _forget_icons() -> None:
    """Drop the icons while Python can still run their engines' destructors."""
    _cache.clear()
