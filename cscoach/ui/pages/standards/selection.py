"""What the Standards page shows beside the list when several standards are selected: what
can be done to all of them at once."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cscoach.ui.record_fields import FormPanel
from cscoach.ui.widgets import STRETCH, hbox, plain_label, push_button, vbox

HINT = (
    "Mark them reviewed together after a team meeting, or put them on the break-room "
    "poster or take them off it. Select one standard to edit it."
)


class SelectionPanel(FormPanel):
    """How many are selected, Mark Reviewed…, Put on Poster and Take off Poster (on two
    rows, so the panel is no wider than the form it stands in for), and what was done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(object_name="formTitle")
        self.review_button = push_button("Mark Reviewed…", "multiReviewButton")
        self.poster_on_button = push_button("Put on Poster", "posterOnButton")
        self.poster_off_button = push_button("Take off Poster", "posterOffButton")
        self.feedback = plain_label(object_name="multiFeedback", role="feedback", wrap=True)
        self.lay_out(
            self.title,
            plain_label(HINT, role="hint", wrap=True),
            vbox(
                hbox(self.review_button, STRETCH),
                hbox(self.poster_on_button, self.poster_off_button, STRETCH),
            ),
            self.feedback,
            spacing=10,
        )

    def show_count(self, count: int) -> None:
        self.title.setText(f"{count} standards selected")
