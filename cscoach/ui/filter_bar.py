"""The filters over a list, written once: a search box and drop-downs that emit ``changed``
when the owner changes one, never while the page fills or clears them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from cscoach.ui.widgets import text_width


class FilterBar(QWidget):
    """A base for a list's filters. A subclass builds its search box with ``search_box``
    and its drop-downs with ``combo``, lays them out, and says whether they hide anything
    (``narrowed``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Change the filters without emitting ``changed`` (the page is filling them)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def search_box(self, object_name: str, name: str, tip: str, characters: int) -> QLineEdit:
        """The search field: ``name`` for screen readers, at least ``characters`` wide."""
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setAccessibleName(name)
        edit.setPlaceholderText("Search (Ctrl+F)")
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(text_width(edit, characters))
        edit.setToolTip(tip)
        edit.textChanged.connect(self._changed)
        self.search_edit = edit
        return edit

    def combo(
        self, object_name: str, tip: str, *, name: str = "", shortest: int = 10, least: int = 16
    ) -> QComboBox:
        """A drop-down showing at least ``shortest`` characters of its choice, ``least``
        average characters wide (narrower on a small screen than its longest choice)."""
        combo = QComboBox()
        combo.setObjectName(object_name)
        if name:
            combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(shortest)
        combo.setMinimumWidth(text_width(combo, least))
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def narrowed(self) -> bool:
        """Whether the filters hide anything."""
        raise NotImplementedError

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()


def refill(
    combo: QComboBox,
    everything: str,
    items: Sequence[tuple[str, object]],
    *,
    everything_data: object = None,
) -> None:
    """Fill ``combo`` with ``everything`` (its data ``everything_data``) then ``items``
    (text, data), each text its tip too; the choice made stays if it is still there."""
    keep = combo.currentData()
    combo.clear()
    combo.addItem(everything, everything_data)
    for name, data in items:
        combo.addItem(name, data)
        combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
    kept = keep is not None and keep != everything_data
    combo.setCurrentIndex(max(combo.findData(keep), 0) if kept else 0)
