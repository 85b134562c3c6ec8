"""What the Standards page shows beside the list when several standards are selected: what
can be done to all of them at once."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cscoach.ui.widgets import plain_label

HINT = (
    "Mark them reviewed together after a team meeting, or put them on the break-room "
    "poster or take them off it. Select one standard to edit it."
)


def _button(text: str, object_name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    return button


class SelectionPanel(QFrame):
    """How many are selected, Mark Reviewed…, Put on Poster and Take off Poster (on two
    rows, so the panel is no wider than the form it stands in for), and what was done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.title = plain_label(object_name="formTitle")
        hint = plain_label(HINT, role="hint")
        hint.setWordWrap(True)
        self.review_button = _button("Mark Reviewed…", "multiReviewButton")
        self.poster_on_button = _button("Put on Poster", "posterOnButton")
        self.poster_off_button = _button("Take off Poster", "posterOffButton")
        self.feedback = plain_label(object_name="multiFeedback", role="feedback")
        self.feedback.setWordWrap(True)

        review_row = QHBoxLayout()
        review_row.addWidget(self.review_button)
        review_row.addStretch(1)
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster_on_button)
        poster_row.addWidget(self.poster_off_button)
        poster_row.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addLayout(review_row)
        buttons.addLayout(poster_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addStretch(1)

    def show_count(self, count: int) -> None:
        self.title.setText(f"{count} standards selected")
