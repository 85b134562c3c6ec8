"""The kiosk's buttons, drawn with QPainter (no emoji font needed): five faces from very
unhappy to very happy, the numbers 0 to 10, and the keys of the PIN pad. Each grows with
the window, so a thumb hits it on a 10-inch tablet and it reads from a metre away."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from cscoach.ui import style

FACE_LABELS = {1: "Very poor", 2: "Poor", 3: "OK", 4: "Good", 5: "Excellent"}
# How each face smiles: -1 a deep frown … 1 a wide smile.
_SMILE = {1: -1.0, 2: -0.5, 3: 0.0, 4: 0.55, 5: 1.0}


class _KioskButton(QAbstractButton):
    """A big button that paints itself; Space and Enter press it when it has focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def _focus_ring(self, painter: QPainter, rect: QRectF, radius: float) -> None:
        if self.hasFocus():
            pen = QPen(style.qcolor("accent"), max(3.0, rect.width() / 40))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, radius, radius)


class FaceButton(_KioskButton):
    """One of the five faces (``score`` 1-5) with its word under it."""

    def __init__(self, score: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.setObjectName(f"kioskFace{score}")
        self.setText(FACE_LABELS[score])
        self.setAccessibleName(f"{score} of 5: {FACE_LABELS[score]}")
        self.setToolTip(f"{FACE_LABELS[score]} (key {score})")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(180, 220)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(96, 120)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        label_h = max(28.0, h * 0.17)
        side = min(w * 0.9, h - label_h - 12)
        cx, cy = w / 2, 6 + side / 2
        r = side / 2
        fill = style.qcolor(f"face_{self.score}")
        if self.isDown():
            fill = fill.darker(118)
            r *= 0.96
        ink = style.qcolor("face_ink")
        painter.setPen(QPen(ink, max(2.0, r / 22)))
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(cx, cy), r, r)
        self._draw_features(painter, cx, cy, r, ink)
        font = QFont(self.font())
        font.setPixelSize(max(14, int(label_h * 0.62)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(style.qcolor("heading"))
        painter.drawText(
            QRectF(0, h - label_h - 2, w, label_h),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            self.text(),
        )
        self._focus_ring(painter, QRectF(3, 3, w - 6, h - 6), 18)
        painter.end()

    def _draw_features(
        self, painter: QPainter, cx: float, cy: float, r: float, ink: QColor
    ) -> None:
        smile = _SMILE[self.score]
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        eye_y = cy - r * 0.22
        eye = r * 0.1
        for dx in (-0.34, 0.34):
            painter.drawEllipse(QPointF(cx + dx * r, eye_y), eye, eye * 1.25)
        pen = QPen(ink, max(3.0, r * 0.085))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.score <= 2:  # brows tilted up in the middle: worried, cross
            tilt = r * 0.08 * (3 - self.score)
            for side in (-1, 1):
                outer = QPointF(cx + side * r * 0.5, eye_y - r * 0.2)
                inner = QPointF(cx + side * r * 0.18, eye_y - r * 0.2 - tilt)
                painter.drawLine(outer, inner)
        mouth_y = cy + r * 0.38 - smile * r * 0.08
        half = r * (0.36 + 0.06 * abs(smile))
        path = QPainterPath(QPointF(cx - half, mouth_y))
        path.quadTo(QPointF(cx, mouth_y + smile * r * 0.42), QPointF(cx + half, mouth_y))
        painter.drawPath(path)


class NumberButton(_KioskButton):
    """One answer of the 0-10 scale, or a key of the PIN pad (``text`` may be a word)."""

    def __init__(self, text: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setObjectName(object_name)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(96, 96)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(64, 64)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(4, 4, self.width() - 8, self.height() - 8)
        radius = min(rect.width(), rect.height()) * 0.18
        down = self.isDown()
        painter.setPen(QPen(style.qcolor("accent"), 2.5))
        painter.setBrush(style.qcolor("accent_fill" if down else "base"))
        painter.drawRoundedRect(rect, radius, radius)
        font = QFont(self.font())
        size = min(rect.height() * 0.45, rect.width() * (0.45 if len(self.text()) <= 2 else 0.2))
        font.setPixelSize(max(14, int(size)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(style.qcolor("on_accent" if down else "heading"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
        self._focus_ring(painter, QRectF(1, 1, self.width() - 2, self.height() - 2), radius)
        painter.end()
