"""The filters over the list of standards: a category, a value, a status and a search."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from cscoach.model.philosophy import CoreValue
from cscoach.model.standards import Category
from cscoach.ui.widgets import text_width

STATUS_CHOICES = (
    ("Active", "active"),
    ("Overdue for review", "overdue"),
    ("Retired", "retired"),
    ("All", "all"),
)


class StandardsFilters(QWidget):
    """Three drop-downs and a search box in a row. Emits ``changed`` when the owner
    changes one (not while they are filled or cleared)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.category_filter = self._combo("categoryFilter", "Show one category")
        self.value_filter = self._combo("valueFilter", "Show the standards serving a value")
        self.status_filter = self._combo("statusFilter", "Active, overdue or retired")
        for label, key in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName("Search standards")
        self.search_edit.setPlaceholderText("Search (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(text_width(self.search_edit, 14))
        self.search_edit.setToolTip("Find words in the title, detail, category, owner or values")
        self.search_edit.textChanged.connect(self._changed)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.category_filter)
        row.addWidget(self.value_filter)
        row.addWidget(self.status_filter)
        row.addWidget(self.search_edit, 1)

    def _combo(self, object_name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(object_name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.setMinimumWidth(text_width(combo, 16))  # narrower on a small screen
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def set_choices(self, categories: list[Category], values: list[CoreValue]) -> None:
        """The categories and values to filter by, keeping those chosen if still there."""
        self._quiet = True
        try:
            _refill(self.category_filter, "All categories", [(c.name, c.id) for c in categories])
            _refill(self.value_filter, "All values", [(v.name, v.id) for v in values])
        finally:
            self._quiet = False

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
        self._quiet = True
        try:
            self.category_filter.setCurrentIndex(0)
            self.value_filter.setCurrentIndex(0)
            status = "all" if retired_only else "active"
            self.status_filter.setCurrentIndex(self.status_filter.findData(status))
            self.search_edit.clear()
        finally:
            self._quiet = False

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()


def _refill(combo: QComboBox, everything: str, items: list[tuple[str, int]]) -> None:
    keep = combo.currentData()
    combo.clear()
    combo.addItem(everything, 0)
    for name, item_id in items:
        combo.addItem(name, item_id)
    combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)
