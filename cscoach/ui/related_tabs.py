"""What a record's form shows besides its fields (its history, what customers said of it,
the actions about it) as tabs at the foot of the form, so the form fits a laptop's height:
one tab shows at a time, each titled with how many things it holds."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from cscoach.ui.widgets import scroll_area, text_side

LEAST_LINES = 5  # the tabs' least height, in lines of text (with the tab bar)


class RelatedTabs(QTabWidget):
    """Tabs of parts a record's form shows besides its fields. A part's own heading (its
    ``heading`` attribute, as ``ActionsBox`` and ``NamedFeedbackPanel`` have) is hidden:
    the tab says it. ``set_count`` puts a number after a tab's title."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(text_side(self, LEAST_LINES, 0))
        self._titles: dict[QWidget, str] = {}

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Its least height: the form is laid out for its fields' heights, and the tabs take
        what room is left below them (a long list scrolls inside its tab)."""
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().minimumSizeHint().width(), self.minimumHeight())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False  # its height is what is left, not what its texts would like

    def add(self, title: str, *parts: QWidget) -> QWidget:
        """A tab titled ``title`` holding ``parts`` top to bottom, scrolling when they are
        taller than the room left; returns its page."""
        inside = QWidget()
        inside.setObjectName("relatedInside")  # on the form's own background (style.py)
        layout = QVBoxLayout(inside)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        for part in parts:
            heading = getattr(part, "heading", None)
            if isinstance(heading, QWidget):
                heading.hide()
            layout.addWidget(part)
        layout.addStretch(1)
        page = scroll_area(inside, object_name="relatedPage")
        self._titles[page] = title
        self.addTab(page, title)
        return page

    def set_count(self, page: QWidget, count: int | None) -> None:
        """Title ``page``'s tab with ``count`` after it (None or 0: the title alone)."""
        title = self._titles[page]
        self.setTabText(self.indexOf(page), f"{title} ({count})" if count else title)
