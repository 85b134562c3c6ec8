"""Render CS Coach's application icon to PNG for the desktop: ``python resources/render_icons.py``.

Reads the drawing ``cscoach/ui/icons/cscoach.svg`` and writes
``resources/icons/hicolor/<size>x<size>/apps/cscoach.png`` for every size in ``SIZES``, the
layout the freedesktop icon theme uses (``install-desktop.sh`` copies it as it is). Run it
again after changing the drawing and commit the PNGs. Needs only PySide6 (QtSvg); no
display: it uses Qt's offscreen platform.

``--check`` renders into memory and exits 1 if a committed PNG is missing or differs in
size from what it should be.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "cscoach" / "ui" / "icons" / "cscoach.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "cscoach.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: error: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    problems = 0
    for size in SIZES:
        target = png_path(size)
        if check:
            found = QImage(str(target))
            if found.isNull() or (found.width(), found.height()) != (size, size):
                print(f"render_icons: {target} is missing or not {size}x{size}", file=sys.stderr)
                problems += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"render_icons: error: could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(HERE.parent))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
