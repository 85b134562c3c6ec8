"""Small widgets every page uses: the page heading, field error labels, plain-text labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

PAGE_MARGINS = (28, 22, 28, 20)


def plain_label(text: str = "", *, object_name: str = "", role: str = "") -> QLabel:
    """A QLabel that never renders its text as markup (user text is shown as typed)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    if role:
        label.setProperty("role", role)
    return label


def error_label(object_name: str) -> QLabel:
    """A red message shown under a field; hidden while empty."""
    label = plain_label(object_name=object_name, role="error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class PageHeader(QWidget):
    """The title of a page and one line saying what it is for."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = plain_label(title, object_name="pageTitle")
        self.subtitle_label = plain_label(subtitle, object_name="pageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(bool(subtitle))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
