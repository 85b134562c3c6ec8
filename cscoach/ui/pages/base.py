"""The shape every page shares."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cscoach.model.workbook import Workbook
from cscoach.ui.widgets import PAGE_MARGINS, PageHeader


class Page(QWidget):
    """A sidebar page over one workbook.

    Reads through model functions, calls a model function on each user action, reloads and
    emits ``changed`` after every write so the window can refresh the other pages.
    """

    changed = Signal()
    open_requested = Signal(str)  # the key of another page to show (a link on this one)
    # (page key, kind, id): open another page at one item, e.g. ("philosophy", "value", 3)
    open_item_requested = Signal(str, str, int)

    title = ""
    subtitle = ""
    tip = ""  # one or two sentences of advice shown under the subtitle

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.header = PageHeader(self.title, self.subtitle, self.tip)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(*PAGE_MARGINS)
        self.page_layout.setSpacing(12)
        self.page_layout.addWidget(self.header)

    def put_beside_title(self, *buttons: QPushButton) -> None:
        """Show ``buttons`` on the right of the page's title (Print…, Import…)."""
        self.page_layout.removeWidget(self.header)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.header, 1)
        for button in buttons:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        self.page_layout.insertLayout(0, row)

    @property
    def read_only(self) -> bool:
        return self.wb.read_only

    def reload(self) -> None:
        """Read everything shown from the workbook again."""

    def select_item(self, kind: str, item_id: int) -> None:
        """Show one item of this page (asked for by a link on another page)."""

    def save_pending(self) -> str | None:
        """Save an edit still in progress. None when nothing is left unsaved, else a
        sentence saying what would be lost (the window asks before discarding it)."""
        return None
