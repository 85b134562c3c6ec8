"""The list side of the Feedback page: the filters, how many items there are, the scope of a
number clicked through (with the way back), the table (or what it says when it is empty)
and the buttons under it. Only widgets and what they show: the tab connects them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model.feedback import FeedbackItem
from cscoach.ui.pages.feedback.items_filters import FeedbackFilters
from cscoach.ui.pages.feedback.items_table import OVERDUE, days
from cscoach.ui.record_table import RecordTableModel
from cscoach.ui.widgets import EmptyState, plain_label, record_table

NO_ITEMS_TEXT = (
    "Nothing written down yet. Every compliment, complaint, suggestion or question a "
    "customer gives you belongs here — the date, the kind, what was said, and Enter. "
    "Patterns show once there are a few."
)
NO_MATCH_TEXT = "No feedback matches these filters."


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _button(text: str, object_name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    if tip:
        button.setToolTip(tip)
    return button


class ItemsList(QWidget):
    """Filters over a summary line, the scope banner, the table of items, New Item under it."""

    def __init__(
        self, model: RecordTableModel[FeedbackItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.filters = FeedbackFilters()
        self.count_label = plain_label(object_name="feedbackCountLabel", role="hint")
        self.count_label.setWordWrap(True)
        self.clear_filters_link = _button("Clear Filters", "clearFeedbackFilters")
        self.clear_filters_link.setProperty("role", "link")
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.count_label, 1)
        summary_row.addWidget(self.clear_filters_link)

        self.scope_banner = QFrame()
        self.scope_banner.setObjectName("feedbackScope")
        self.scope_text = plain_label(object_name="feedbackScopeText", role="feedback")
        self.scope_text.setWordWrap(True)
        self.show_all_button = _button("Show All", "showAllFeedback", "Every item again")
        scope_row = QHBoxLayout(self.scope_banner)
        scope_row.setContentsMargins(0, 0, 0, 0)
        scope_row.addWidget(self.scope_text, 1)
        scope_row.addWidget(self.show_all_button)
        self.scope_banner.hide()

        self.table = record_table(model, "feedbackTable")
        self.table.setAccessibleName("Feedback items")

        self.empty_new_button = _button("Add the First Item", "emptyNewFeedback")
        self.clear_filters_button = _button("Clear Filters", "emptyClearFeedbackFilters")
        self.empty_state = EmptyState(
            NO_ITEMS_TEXT, self.clear_filters_button, self.empty_new_button
        )
        self.empty_text = self.empty_state.text_label
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)

        self.new_button = _button(
            "New Item", "newFeedbackButton", "A blank form for what a customer said (Insert)"
        )
        self.delete_button = _button(
            "Delete…", "deleteFeedbackButton", "Delete the item selected (Del in the list)"
        )
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.filters)
        layout.addLayout(summary_row)
        layout.addWidget(self.scope_banner)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)

    def show_counts(
        self, shown: int, total: int, open_count: int, overdue: int, open_days: int
    ) -> None:
        """Say how many items there are (and how many the filters show), the complaints still
        open, or, with none shown, why and what to do."""
        narrowed = self.filters.narrowed()
        text = plural(total, "item")
        if narrowed:
            text = f"Showing {shown} of {text}"
        if open_count:
            text += f" · {plural(open_count, 'complaint')} open"
            if overdue:
                text += f", {OVERDUE} {overdue} for more than {days(open_days)}"
        self.count_label.setText(text)
        self.clear_filters_link.setVisible(narrowed and bool(shown))
        label = self.filters.scope_label
        self.scope_banner.setVisible(bool(label))
        self.scope_text.setText(label)
        if shown:
            self.stack.setCurrentWidget(self.table)
            return
        self.stack.setCurrentWidget(self.empty_state)
        nothing = not total
        self.empty_text.setText(NO_ITEMS_TEXT if nothing else NO_MATCH_TEXT)
        self.clear_filters_button.setVisible(not nothing)
        self.empty_new_button.setVisible(nothing)
