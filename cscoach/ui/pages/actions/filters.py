"""The filters over the list of actions: how far they got, who holds them, where they came
from, and a search. "Open" is shown first: what is still to do."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QWidget

from cscoach.model import actions
from cscoach.model.actions import ActionFilter
from cscoach.ui.filter_bar import FilterBar, refill

OPEN, OVERDUE, HELPED, ALL = "open", "overdue", "helped", "all"
STATUS_CHOICES = (
    ("Open (planned or doing)", OPEN),
    ("Overdue", OVERDUE),
    ("Waiting for “did it help?”", HELPED),
    ("All", ALL),
    *((actions.STATUS_LABELS[s], s) for s in actions.STATUSES),
)


class ActionsFilters(FilterBar):
    """A search box and three drop-downs in two rows. Emits ``changed`` when the owner
    changes one (not while they are filled or cleared)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box(
            "actionsSearch",
            "Search actions",
            "Find words in what was decided and what came of it",
            12,
        )
        self.status_filter = self.combo("actionStatusFilter", "How far they got", name="Status")
        for label, key in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.owner_filter = self.combo("actionOwnerFilter", "Who holds them", name="Owner")
        self.source_filter = self.combo("actionSourceFilter", "Where they came from", name="From")
        refill(
            self.source_filter,
            "From anywhere",
            [(actions.SOURCE_LABELS[k], k) for k in actions.SOURCE_KINDS],
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.search_edit, 0, 0, 1, 2)
        grid.addWidget(self.status_filter, 0, 2)
        grid.addWidget(self.owner_filter, 1, 0)
        grid.addWidget(self.source_filter, 1, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)

    def set_owners(self, choices: Sequence[tuple[int | None, str]]) -> None:
        """The people actions can be filtered by, keeping the one chosen if still there."""
        with self.quietly():
            owners = [(label, actions.OWNER if i is None else i) for i, label in choices]
            refill(self.owner_filter, "Anyone", owners)

    def status(self) -> str:
        return str(self.status_filter.currentData() or OPEN)

    def filter(self, ids: Sequence[int] | None = None) -> ActionFilter:
        """What the model lists; ``ids`` narrows it further (the overdue ones…)."""
        status = self.status()
        return ActionFilter(
            status=status if status in (OPEN, *actions.STATUSES) else None,
            owner_id=self.owner_filter.currentData(),
            source_kind=self.source_filter.currentData(),
            search=self.search_edit.text(),
            ids=tuple(ids) if ids is not None else None,
        )

    def narrowed(self) -> bool:
        """Whether the filters hide any open action."""
        f = self.filter()
        return f != ActionFilter(status=OPEN, search=f.search) or bool(f.search.strip())

    def choose(self, *, status: str = OPEN, owner: int | None = None) -> None:
        """Show ``status`` (and one person's), every other filter cleared, quietly."""
        self.clear()
        with self.quietly():
            self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))
            if owner is not None:
                self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(owner), 0))

    def clear(self) -> None:
        """The open actions of anyone from anywhere, no search."""
        with self.quietly():
            self.status_filter.setCurrentIndex(0)
            self.owner_filter.setCurrentIndex(0)
            self.source_filter.setCurrentIndex(0)
            self.search_edit.clear()
