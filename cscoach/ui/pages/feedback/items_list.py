"""The list side of the Feedback page: the filters, how many items there are, the scope of a
number clicked through (with the way back), the table (or what it says when it is empty)
and the buttons under it. Only widgets and what they show: the tab connects them."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QWidget

from cscoach.model.feedback import FeedbackItem
from cscoach.model.number_format import plural
from cscoach.ui.list_panel import FilteredList, ListTexts
from cscoach.ui.pages.feedback.items_filters import FeedbackFilters
from cscoach.ui.pages.feedback.items_table import OVERDUE, days
from cscoach.ui.record_table import RecordTableModel
from cscoach.ui.widgets import STRETCH, hbox, plain_label, push_button, record_table

NO_ITEMS_TEXT = (
    "Nothing written down yet. Every compliment, complaint, suggestion or question a "
    "customer gives you belongs here — the date, the kind, what was said, and Enter. "
    "Patterns show once there are a few."
)
NO_MATCH_TEXT = "No feedback matches these filters."
TEXTS = ListTexts(NO_ITEMS_TEXT, "Add the First Item", no_match=NO_MATCH_TEXT)


class ItemsList(FilteredList):
    """Filters over a summary line, the scope banner, the table of items, New Item under it."""

    filters: FeedbackFilters

    def __init__(
        self, model: RecordTableModel[FeedbackItem], parent: QWidget | None = None
    ) -> None:
        self.scope_banner = QFrame()
        self.scope_banner.setObjectName("feedbackScope")
        self.scope_text = plain_label(object_name="feedbackScopeText", role="feedback", wrap=True)
        self.show_all_button = push_button("Show All", "showAllFeedback", "Every item again")
        hbox((self.scope_text, 1), self.show_all_button, parent=self.scope_banner)
        self.scope_banner.hide()

        table = record_table(model, "feedbackTable")
        table.setAccessibleName("Feedback items")
        self.new_button = push_button(
            "New Item", "newFeedbackButton", "A blank form for what a customer said (Insert)"
        )
        self.delete_button = push_button(
            "Delete…", "deleteFeedbackButton", "Delete the item selected (Del in the list)"
        )
        super().__init__(
            table,
            FeedbackFilters(),
            "feedback",
            TEXTS,
            above=[self.scope_banner],
            bar=[self.new_button, STRETCH, self.delete_button],
            parent=parent,
        )

    def show_counts(
        self, shown: int, total: int, open_count: int, overdue: int, open_days: int
    ) -> None:
        """Say how many items there are (and how many the filters show), the complaints still
        open, or, with none shown, why and what to do."""
        text = plural(total, "item")
        if self.filters.narrowed():
            text = f"Showing {shown} of {text}"
        if open_count:
            text += f" · {plural(open_count, 'complaint')} open"
            if overdue:
                text += f", {OVERDUE} {overdue} for more than {days(open_days)}"
        self.show_summary(text, shown=shown, total=total)
        label = self.filters.scope_label
        self.scope_banner.setVisible(bool(label))
        self.scope_text.setText(label)
