"""The list side of the Standards page: the filters, how many standards there are, the
table (or what it says when it is empty) and the buttons under it.

Only widgets and what they show: the page connects the buttons and reads the standards.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from cscoach.model.number_format import plural
from cscoach.model.standards import Standard
from cscoach.ui.list_panel import FilteredList, ListTexts
from cscoach.ui.pages.standards.filters import StandardsFilters
from cscoach.ui.pages.standards.table import OVERDUE, StandardsFitter
from cscoach.ui.record_table import RecordTableModel
from cscoach.ui.widgets import STRETCH, push_button, record_table

NO_MATCH_TEXT = "No standards match these filters."
NO_STANDARDS_TEXT = (
    "No service standards yet. Add the first one: a short, concrete behaviour such as "
    "“Greet every customer within 30 seconds”."
)
TEXTS = ListTexts(NO_STANDARDS_TEXT, "New Standard", no_match=NO_MATCH_TEXT)


def summary(everything: Sequence[Standard]) -> str:
    """How many standards are in use, how many overdue and how many retired."""
    active = [s for s in everything if s.active]
    overdue = sum(1 for s in active if s.overdue())
    retired = len(everything) - len(active)
    text = plural(len(active), "standard")
    text += f", {OVERDUE} {overdue} overdue" if overdue else ", none overdue" if active else ""
    return text + (f" · {retired} retired" if retired else "")


class StandardsList(FilteredList):
    """Filters over a summary line, the table of standards, and New Standard, Mark
    Reviewed…, Move Up and Move Down under it."""

    filters: StandardsFilters

    def __init__(self, model: RecordTableModel[Standard], parent: QWidget | None = None) -> None:
        table = record_table(model, "standardsTable", multi_select=True)
        table.setAccessibleName("Standards")
        self.fitter = StandardsFitter(table)
        self.new_button = push_button(
            "New Standard",
            "newStandardButton",
            "Start a blank form for a new standard (Ctrl+Shift+N, Insert)",
        )
        self.mark_reviewed_button = push_button("Mark Reviewed…", "markReviewedButton")
        self.move_up_button = push_button(
            "Move Up", "moveUpButton", "Move it up within its category (Ctrl+Up)"
        )
        self.move_down_button = push_button(
            "Move Down", "moveDownButton", "Move it down within its category (Ctrl+Down)"
        )
        super().__init__(
            table,
            StandardsFilters(),
            "standards",
            TEXTS,
            bar=[
                self.new_button,
                self.mark_reviewed_button,
                self.move_up_button,
                self.move_down_button,
                STRETCH,
            ],
            parent=parent,
        )

    def show_counts(self, shown: int, everything: Sequence[Standard]) -> None:
        """Say how many standards there are (and how many the filters show), or, with none
        shown, why and what to do."""
        text = summary(everything)
        if self.filters.narrowed():
            text = f"Showing {shown} · {text}"
        self.show_summary(text, shown=shown, total=len(everything))
