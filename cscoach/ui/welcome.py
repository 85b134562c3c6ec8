"""What the window shows when no workbook is open: why, and buttons to open or create one."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cscoach.model.workbook import default_workbook_path
from cscoach.ui.widgets import plain_label, text_width


class WelcomeView(QWidget):
    """Shown when no workbook is open: say why, and offer to open or create one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeView")
        title = plain_label("No workbook open", object_name="pageTitle")
        self.message = plain_label(
            "CS Coach keeps everything for your business in one workbook file. "
            "Open your workbook, start a new one, or look around the demo café first.",
            object_name="welcomeMessage",
        )
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(text_width(self.message, 86))
        self.message.setProperty("role", "hint")
        self.start_button = QPushButton("Start My Workbook…")
        self.start_button.setObjectName("welcomeStartButton")
        self.start_button.setToolTip(f"Create your workbook at {default_workbook_path()}")
        self.new_button = QPushButton("New Workbook…")
        self.new_button.setObjectName("welcomeNewButton")
        self.open_button = QPushButton("Open a Workbook…")
        self.open_button.setObjectName("welcomeOpenButton")
        self.demo_button = QPushButton("Try the Demo")
        self.demo_button.setObjectName("welcomeDemoButton")
        self.demo_button.setToolTip(
            "A made-up café with 18 months of everything, to look around in (your own "
            "workbook is not touched)"
        )
        buttons = QHBoxLayout()
        for button in (self.start_button, self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        box = QWidget()
        box.setFixedWidth(text_width(box, 103))
        inner = QVBoxLayout(box)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(self.message)
        inner.addSpacing(6)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addLayout(row)
        layout.addStretch(1)

    def refresh(self) -> None:
        self.start_button.setVisible(not default_workbook_path().exists())
