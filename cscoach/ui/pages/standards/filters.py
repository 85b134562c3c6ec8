"""The filters over the list of standards: a category, a value, a status and a search."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cscoach.model.philosophy import CoreValue
from cscoach.model.standards import Category
from cscoach.ui.filter_bar import FilterBar, refill
from cscoach.ui.widgets import hbox

STATUS_CHOICES = (
    ("Active", "active"),
    ("Overdue for review", "overdue"),
    ("Retired", "retired"),
    ("All", "all"),
)


class StandardsFilters(FilterBar):
    """Three drop-downs and a search box in a row. Emits ``changed`` when the owner
    changes one (not while they are filled or cleared)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category_filter = self.combo("categoryFilter", "Show one category")
        self.value_filter = self.combo("valueFilter", "Show the standards serving a value")
        self.status_filter = self.combo("statusFilter", "Active, overdue or retired")
        for label, key in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.search_box(
            "searchEdit",
            "Search standards",
            "Find words in the title, detail, category, owner or values",
            14,
        )
        hbox(
            self.category_filter,
            self.value_filter,
            self.status_filter,
            (self.search_edit, 1),
            parent=self,
            spacing=6,
        )

    def set_choices(self, categories: list[Category], values: list[CoreValue]) -> None:
        """The categories and values to filter by, keeping those chosen if still there."""
        with self.quietly():
            items = [(c.name, c.id) for c in categories]
            refill(self.category_filter, "All categories", items, everything_data=0)
            items = [(v.name, v.id) for v in values]
            refill(self.value_filter, "All values", items, everything_data=0)

    def category_id(self) -> int | None:
        return self.category_filter.currentData() or None

    def value_id(self) -> int | None:
        return self.value_filter.currentData() or None

    def status(self) -> str:
        """ "active", "overdue", "retired" or "all" (``standards.STATUSES``)."""
        return str(self.status_filter.currentData() or "active")

    def search(self) -> str:
        return self.search_edit.text()

    def narrowed(self) -> bool:
        """Whether the filters hide any active standard."""
        return bool(
            self.status() != "active"
            or self.category_id()
            or self.value_id()
            or self.search().strip()
        )

    def clear(self, *, retired_only: bool = False) -> None:
        """Every category and value, no search, the active standards (all of them when
        ``retired_only``: there are standards but none in use)."""
        with self.quietly():
            self.category_filter.setCurrentIndex(0)
            self.value_filter.setCurrentIndex(0)
            status = "all" if retired_only else "active"
            self.status_filter.setCurrentIndex(self.status_filter.findData(status))
            self.search_edit.clear()
