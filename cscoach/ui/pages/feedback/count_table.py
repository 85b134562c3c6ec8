"""A small read-only table of counts for the Patterns tab, where every number clicks through
to the items behind it: each cell may carry the ids of its items and a sentence naming
them, and a click (or Enter on it) emits ``items_requested`` with both."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from cscoach.ui.widgets import ToneItem, text_side

IDS_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2


class CountTable(QTableWidget):
    """Rows of a label and counts. ``items_requested(label, ids)`` on a click on a count."""

    items_requested = Signal(str, object)

    def __init__(
        self,
        object_name: str,
        headings: Sequence[str],
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        stretch: int | None = 0,
    ) -> None:
        super().__init__(0, len(headings), parent)
        self.stretch = stretch
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels(list(headings))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(text_side(self, 1, 12))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self._clicked)
        self.activated.connect(lambda index: self._clicked(index.row(), index.column()))

    def set_headings(self, headings: Sequence[str]) -> None:
        """As many columns as ``headings``, with those headings. The columns fit their
        contents once all are set: fitting every column again at each heading set took
        seconds for the 120 months of ten years."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setColumnCount(len(headings))
        self.setHorizontalHeaderLabels(list(headings))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.stretch is not None:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Sequence[ToneItem]]) -> None:
        self.clearContents()
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, item in enumerate(row):
                self.setItem(r, c, item)
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its rows (the tab scrolls, not the table), and a scroll bar under
        them when the columns are wider than the table."""
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        header = self.horizontalHeader()
        wide = sum(header.sectionSize(c) for c in range(self.columnCount()))
        bar = self.horizontalScrollBar()
        scrolls = self.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        extra = bar.sizeHint().height() if scrolls and wide > self.viewport().width() else 0
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        self.setFixedHeight(height + extra + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_height()

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        ids = item.data(IDS_ROLE) if item is not None else None
        if item is not None and ids:
            self.items_requested.emit(str(item.data(LABEL_ROLE)), tuple(ids))


def label_cell(text: str, *, tip: str = "", bold: bool = False, tone: str = "") -> ToneItem:
    item = ToneItem(text, foreground=tone)
    item.setToolTip(tip or text)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def count_cell(ids: Sequence[int], label: str, *, tone: str = "", tip: str = "") -> ToneItem:
    """A count that clicks through to ``ids`` (an empty count shows "·" and does nothing)."""
    count = len(ids)
    item = ToneItem(str(count) if count else "·", foreground=tone if count else "muted")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if count:
        item.setData(IDS_ROLE, list(ids))
        item.setData(LABEL_ROLE, label)
        item.setToolTip(tip or f"{label}: click to list {'it' if count == 1 else 'them'}")
    else:
        item.setToolTip(f"{label}: none")
    return item
