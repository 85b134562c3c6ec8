"""Tabs whose forms save as the owner types: leaving a tab saves its form first, and a change
the model refuses keeps its tab shown (with its message next to the field), written once
for every page with tabs."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget


class TabGuard(QObject):
    """Keeps ``tabs`` on a tab whose form holds a change the model refused.

    ``leave`` maps a tab's page (the widget given to ``addTab``) to the call that saves its
    form (True when nothing is left unsaved); tabs not in it are left freely. ``shown`` is
    called with the index of each tab the owner reaches (not of one put back).

    ``put_back(tab)`` shows a tab without saving the one shown: the page's ``save_pending``
    uses it to show the owner the tab with the refused change."""

    def __init__(
        self,
        tabs: QTabWidget,
        leave: Mapping[QWidget, Callable[[], bool]],
        *,
        shown: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.leave = dict(leave)
        self.shown = shown
        self.index = tabs.currentIndex()  # the tab the owner is on
        self._settling = False  # a tab is being put back: no saving, no ``shown``
        tabs.currentChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        if self._settling:
            return
        left = self.tabs.widget(self.index)
        save = self.leave.get(left) if left is not None else None
        if index != self.index and save is not None and not save():
            self.put_back(self.index)  # refused: the tab stays, its message shown
            return
        self.index = index
        if self.shown is not None:
            self.shown(index)

    def put_back(self, tab: int | QWidget) -> None:
        """Show ``tab`` (an index or a tab's page) without saving the form shown."""
        index = tab if isinstance(tab, int) else self.tabs.indexOf(tab)
        self._settling = True
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self._settling = False
        self.index = index
