"""The list side of the Standards page: the filters, how many standards there are, the
table (or what it says when it is empty) and the buttons under it.

Only widgets and what they show: the page connects the buttons and reads the standards.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from cscoach.model.standards import Standard
from cscoach.ui.pages.standards.filters import StandardsFilters
from cscoach.ui.pages.standards.table import OVERDUE, StandardsFitter, plural
from cscoach.ui.record_table import RecordTableModel
from cscoach.ui.widgets import EmptyState, plain_label, record_table

NO_MATCH_TEXT = "No standards match these filters."
NO_STANDARDS_TEXT = (
    "No service standards yet. Add the first one: a short, concrete behaviour such as "
    "“Greet every customer within 30 seconds”."
)


def summary(everything: Sequence[Standard]) -> str:
    """How many standards are in use, how many overdue and how many retired."""
    active = [s for s in everything if s.active]
    overdue = sum(1 for s in active if s.overdue())
    retired = len(everything) - len(active)
    mark = f"{OVERDUE} " if overdue else ""
    text = f"{plural(len(active), 'standard')}, {mark}{overdue} overdue"
    return text + (f" · {retired} retired" if retired else "")


def _button(text: str, object_name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    if tip:
        button.setToolTip(tip)
    return button


class StandardsList(QWidget):
    """Filters over a summary line, the table of standards, and New Standard, Mark
    Reviewed…, Move Up and Move Down under it."""

    def __init__(self, model: RecordTableModel[Standard], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filters = StandardsFilters()
        self.count_label = plain_label(object_name="standardsCountLabel", role="hint")
        self.clear_filters_link = _button("Clear Filters", "clearFiltersLink")
        self.clear_filters_link.setProperty("role", "link")
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.count_label, 1)
        summary_row.addWidget(self.clear_filters_link)

        self.table = record_table(model, "standardsTable", multi_select=True)
        self.table.setAccessibleName("Standards")
        self.fitter = StandardsFitter(self.table)

        self.clear_filters_button = _button("Clear Filters", "clearFiltersButton")
        self.empty_new_button = _button("New Standard", "emptyNewButton")
        self.empty_state = EmptyState(
            NO_MATCH_TEXT, self.clear_filters_button, self.empty_new_button
        )
        self.empty_text = self.empty_state.text_label
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)

        self.new_button = _button(
            "New Standard",
            "newStandardButton",
            "Start a blank form for a new standard (Ctrl+Shift+N, Insert)",
        )
        self.mark_reviewed_button = _button("Mark Reviewed…", "markReviewedButton")
        self.move_up_button = _button(
            "Move Up", "moveUpButton", "Move it up within its category (Ctrl+Up)"
        )
        self.move_down_button = _button(
            "Move Down", "moveDownButton", "Move it down within its category (Ctrl+Down)"
        )
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for button in (
            self.new_button,
            self.mark_reviewed_button,
            self.move_up_button,
            self.move_down_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.filters)
        layout.addLayout(summary_row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)

    def show_counts(self, shown: int, everything: Sequence[Standard]) -> None:
        """Say how many standards there are (and how many the filters show), or, with none
        shown, why and what to do."""
        narrowed = self.filters.narrowed()
        text = summary(everything)
        self.count_label.setText(f"Showing {shown} · {text}" if narrowed else text)
        self.clear_filters_link.setVisible(narrowed)
        if shown:
            self.stack.setCurrentWidget(self.table)
            return
        self.stack.setCurrentWidget(self.empty_state)
        nothing = not everything
        self.empty_text.setText(NO_STANDARDS_TEXT if nothing else NO_MATCH_TEXT)
        self.clear_filters_button.setVisible(not nothing)
        self.empty_new_button.setVisible(nothing)
