"""What customers said of one standard or one team member, shown in their form: the count
by kind, the newest few items and a link that opens the Feedback page at all of them.

The Standards and Team pages put one under their form and fill it from
``feedback_links.naming_standard`` / ``naming_member`` when the form shows someone else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from cscoach.model import feedback
from cscoach.model.dates import long_date
from cscoach.model.feedback import FeedbackItem
from cscoach.model.feedback_links import NEWEST, NamedFeedback
from cscoach.ui.widgets import plain_label, set_role

QUOTE_LENGTH = 90  # characters of what was said shown per item


def item_line(item: FeedbackItem) -> str:
    """ "12 November 2026 · Complaint (open): “I waited twenty minutes…”" """
    kind = feedback.KIND_LABELS.get(item.kind, item.kind)
    if item.is_open:
        kind += " (open)"
    flat = " ".join(item.text.split())
    if len(flat) > QUOTE_LENGTH:
        flat = flat[: QUOTE_LENGTH - 1] + "…"
    return f"{long_date(item.received_on)} · {kind}: “{flat}”"


class NamedFeedbackPanel(QWidget):
    """A heading, the counts, up to ``NEWEST`` items and "Show in Feedback ›", which emits
    ``show_requested`` (the page asks the window to open the Feedback page filtered)."""

    show_requested = Signal()

    def __init__(
        self, heading: str, object_name: str, link_tip: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.heading = plain_label(heading, object_name="namedFeedbackTitle")
        self.heading.setStyleSheet("font-weight: 600;")
        self.summary = plain_label(object_name="namedFeedbackSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(heading)
        self.item_labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        for _ in range(NEWEST):
            label = plain_label(object_name="namedFeedbackItem", role="hint")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
            layout.addWidget(label)
            self.item_labels.append(label)
        self.link = QPushButton("Show in Feedback ›")
        self.link.setObjectName("showInFeedback")
        self.link.setProperty("role", "link")
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.setToolTip(link_tip)
        self.link.clicked.connect(lambda _checked=False: self.show_requested.emit())
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)

    def show_feedback(self, named: NamedFeedback | None, empty: str, not_yet: str = "") -> None:
        """Show ``named``; ``empty`` says that nothing names it yet; None (a record not
        added yet) shows ``not_yet``."""
        if named is None or not named.total:
            self.summary.setText(not_yet if named is None else empty)
            set_role(self.summary, "hint")
            for label in self.item_labels:
                label.hide()
            self.link.hide()
            return
        text = named.counts_text()
        if named.open:
            text += f" · {named.open} still open"
        if named.total > len(named.newest):
            text += " · the newest:"
        self.summary.setText(text)
        set_role(self.summary, "")
        for label, item in zip(self.item_labels, [*named.newest, *[None] * NEWEST], strict=False):
            label.setVisible(item is not None)
            label.setText(item_line(item) if item is not None else "")
        self.link.show()

    def text(self) -> str:
        """What the panel shows, a line each (for tests and the accessibility check)."""
        shown = [self.summary.text()]
        shown += [label.text() for label in self.item_labels if not label.isHidden()]
        return "\n".join(shown)
