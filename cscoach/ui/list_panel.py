"""The list side of every list + form, and the splitter between them.

``ListPanel``: what sits above the table (filters, a summary line), the table — or, when it
shows nothing, an empty state saying why and what to do — and a row of buttons under it.
``FilteredList`` adds the filters and a summary with Clear Filters, and an empty state that
tells "nothing yet" (a button to add the first) from "the filters hide everything" (Clear
Filters). ``list_form_splitter`` puts the list beside its form.

Only widgets and what they show: the page connects the buttons and reads the records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QSplitter, QStackedWidget, QTableView, QWidget

from cscoach.ui.filter_bar import FilterBar
from cscoach.ui.widgets import (
    STRETCH,
    EmptyState,
    LayoutItem,
    action_button,
    hbox,
    plain_label,
    push_button,
    text_width,
    vbox,
)


class ListPanel(QWidget):
    """``above`` the table (or ``empty_state`` in its place), ``bar`` under it."""

    def __init__(
        self,
        table: QTableView,
        empty_state: EmptyState,
        *,
        above: Sequence[LayoutItem] = (),
        bar: Sequence[LayoutItem] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table, self.empty_state = table, empty_state
        self.empty_text = empty_state.text_label
        self.stack = QStackedWidget()
        self.stack.addWidget(table)
        self.stack.addWidget(empty_state)
        vbox(*above, (self.stack, 1), hbox(*bar, spacing=6), parent=self, spacing=8)

    def show_table(self, shown: bool) -> None:
        """The table when it shows something, else the empty state."""
        self.stack.setCurrentWidget(self.table if shown else self.empty_state)


@dataclass(frozen=True)
class ListTexts:
    """What a list says: ``empty`` when there is nothing in it at all, with ``first`` on
    the button that adds the first; ``add`` under a list with something in it (an
    ``AddingList``); ``no_match`` when its filters hide everything (a ``FilteredList``)."""

    empty: str
    first: str
    add: str = ""
    no_match: str = ""


class AddingList(ListPanel):
    """The table with ``texts.add`` ("Add Person") and a count under it; empty, what the
    list is for and a button to add the first instead. Both buttons run ``add``; ``name``
    starts the object names of the parts ("team")."""

    def __init__(
        self,
        table: QTableView,
        name: str,
        texts: ListTexts,
        add: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        self.empty_add_button = action_button(texts.first, f"{name}EmptyAddButton", add)
        self.add_button = action_button(
            texts.add, f"{name}AddButton", add, "Start a blank form for a new one (Insert)"
        )
        self.count_label = plain_label(object_name=f"{name}CountLabel", role="hint")
        super().__init__(
            table,
            EmptyState(texts.empty, self.empty_add_button),
            bar=[self.add_button, STRETCH, self.count_label],
            parent=parent,
        )

    def show_count(self, text: str, shown: int) -> None:
        """``text`` under the ``shown`` rows; with none, the empty state and its own button."""
        self.show_table(bool(shown))
        self.add_button.setVisible(bool(shown))
        self.count_label.setText(text if shown else "")

    def set_read_only(self, tip: str) -> None:
        """Nothing can be added: both buttons off, ``tip`` saying why."""
        for button in (self.add_button, self.empty_add_button):
            button.setEnabled(False)
            button.setToolTip(tip)


class FilteredList(ListPanel):
    """``filters`` over a summary line (``count_label`` and a Clear Filters link), then
    ``above`` the table. Empty, it shows ``texts.empty`` with ``empty_new_button`` when
    there is nothing at all, else ``texts.no_match`` with ``clear_filters_button``.

    ``name`` starts the object names of its parts ("feedback": "feedbackCountLabel")."""

    def __init__(
        self,
        table: QTableView,
        filters: FilterBar,
        name: str,
        texts: ListTexts,
        *,
        above: Sequence[LayoutItem] = (),
        bar: Sequence[LayoutItem] = (),
        parent: QWidget | None = None,
    ) -> None:
        self.filters = filters
        self.nothing_text, self.no_match_text = texts.empty, texts.no_match
        self.count_label = plain_label(object_name=f"{name}CountLabel", role="hint", wrap=True)
        self.clear_filters_link = push_button("Clear Filters", f"{name}ClearFiltersLink")
        self.clear_filters_link.setProperty("role", "link")
        self.clear_filters_button = push_button("Clear Filters", f"{name}ClearFiltersButton")
        self.empty_new_button = push_button(texts.first, f"{name}EmptyNewButton")
        super().__init__(
            table,
            EmptyState(texts.no_match, self.clear_filters_button, self.empty_new_button),
            above=[filters, hbox((self.count_label, 1), self.clear_filters_link), *above],
            bar=bar,
            parent=parent,
        )

    def show_summary(self, text: str, *, shown: int, total: int) -> None:
        """Show ``text`` as the summary; with nothing ``shown``, say why and what to do."""
        narrowed = self.filters.narrowed()
        self.count_label.setText(text)
        self.clear_filters_link.setVisible(narrowed and bool(shown))
        self.show_table(bool(shown))
        nothing = not total
        self.empty_text.setText(self.nothing_text if nothing else self.no_match_text)
        self.clear_filters_button.setVisible(not nothing)
        self.empty_new_button.setVisible(nothing)


def list_form_splitter(
    owner: QWidget,
    object_name: str,
    list_side: QWidget,
    form_side: QWidget,
    characters: tuple[int, int],
    stretch: tuple[int, int] = (1, 0),
    *,
    form_share: float = 0.0,
) -> QSplitter:
    """The list beside its form, at first about ``characters`` average characters wide
    each. By default the list takes the room a wider window gives and the form keeps its
    width but gives way on a small screen (``stretch``: the share of room each side takes).
    With ``form_share``, a window growing wide enough gives the form that share of the
    width once it is more than its first width (a form with more to show than its fields).
    The owner can drag; neither side collapses."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName(object_name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(list_side)
    splitter.addWidget(form_side)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    form_width = text_width(owner, characters[1])
    splitter.setSizes([text_width(owner, characters[0]), form_width])
    if form_share:
        FormShare(splitter, form_share, form_width)
    return splitter


class FormShare(QObject):
    """Gives a list + form splitter's form side ``share`` of the width each time the
    splitter grows to where that share is more than the form's own ``width`` (a drag by the
    owner stands until the window is made wider)."""

    def __init__(self, splitter: QSplitter, share: float, width: int) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.share = share
        self.form_width = width
        self.width = 0
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            width = self.splitter.width()
            if width > self.width:
                self._give_share()
            self.width = width
        return False

    def _give_share(self) -> None:
        # Before the splitter's own handling of the resize: its sizes are the old ones.
        splitter = self.splitter
        total = splitter.width() - splitter.handleWidth()
        want = round(total * self.share)
        if want > self.form_width and splitter.sizes()[1] < want:
            splitter.setSizes([total - want, want])
