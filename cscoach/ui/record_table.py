"""The list half of every list + form: records as rows of a table (or a one-column list)
from ``Column`` specs, sized by the font (``fit_columns``) or by a sample of their texts
(``ColumnFitter``). ``RecordEditor`` (``cscoach.ui.record_editor``) ties one to a form."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QTableView,
)

from cscoach.ui import style
from cscoach.ui.widgets import text_width

R = TypeVar("R")
ModelIndex = QModelIndex | QPersistentModelIndex


# -- the list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a record table: its heading and what a record shows in it."""

    title: str
    text: Callable[[R], str]
    tip: Callable[[R], str | None] | None = None
    muted: Callable[[R], bool] | None = None  # greyed in this column (a missing date…)
    stretch: bool = True  # shares the room left; False: fitted to ``samples``
    samples: tuple[str, ...] = ()
    right: bool = False  # aligned right (numbers, scores)
    bold: Callable[[R], bool] | None = None  # bold in this column (the best score…)
    colour: Callable[[R], str | None] | None = None  # a ``style`` colour (overdue: "error")
    centred: bool = False  # centred (a tick)
    spoken: Callable[[R], str] | None = None  # what a screen reader says, if not the text
    grouped: bool = False  # shown once, on the first of the rows in a run with the same text


def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Text as people sort it: ignoring case, and numbers by their value ("9" before "10")."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Records as rows. ``key`` gives a record's id; ``inactive`` greys and slants a
    record's whole row, with ``inactive_tip`` as its tooltip; ``muted`` only greys it.

    A click on a column's heading sorts the rows by it (``sort``; column -1: the order the
    records were given in). The sort is kept when the records are read again."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    sortable = True  # ``widgets.record_table`` lets the heading sort it

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        key: Callable[[R], int] = lambda r: r.id,  # type: ignore[attr-defined]
        inactive: Callable[[R], bool] | None = None,
        inactive_tip: Callable[[R], str] | None = None,
        parent: QObject | None = None,
        muted: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self.inactive = inactive
        self.inactive_tip = inactive_tip
        self.muted = muted
        self._records: list[R] = []  # as shown
        self._given: list[R] = []  # as read
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._given = list(records)
        self._records = self._sorted(self._given)
        self.endResetModel()

    def _sorted(self, records: list[R]) -> list[R]:
        if self._sort is None:
            return list(records)
        column, order = self._sort
        text = self.columns[column].text
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(records, key=lambda r: sort_key(text(r)), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Show the rows by ``column`` (-1: as given), keeping the selection on its rows."""
        self.layoutAboutToBeChanged.emit()
        before = self._records
        self._sort = (column, order) if 0 <= column < len(self.columns) else None
        self._records = self._sorted(self._given)
        where = {id(record): row for row, record in enumerate(self._records)}
        for index in self.persistentIndexList():
            if 0 <= index.row() < len(before):
                row = where[id(before[index.row()])]
                self.changePersistentIndex(index, self.index(row, index.column()))
        self.layoutChanged.emit()

    @property
    def sorted(self) -> bool:
        """Whether a heading's order is shown rather than the records' own."""
        return self._sort is not None

    def records(self) -> list[R]:
        return list(self._records)

    def record_at(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        return next((r for r, rec in enumerate(self._records) if self.key(rec) == record_id), None)

    def replace_record(self, record: R) -> None:
        """Show ``record`` in place of the row with its key (the selection stays)."""
        row = self.row_of(self.key(record))
        if row is not None:
            given = self._given.index(self._records[row])
            self._records[row] = self._given[given] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def row_texts(self, row: int) -> tuple[str, ...]:
        """What row ``row`` shows, column by column (for ``ColumnFitter``)."""
        record = self._records[row]
        return tuple(column.text(record) for column in self.columns)

    # -- Qt overrides ----------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        faded = self.inactive is not None and self.inactive(record)
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.text(record)
            if column.grouped and index.row() > 0:
                return "" if column.text(self._records[index.row() - 1]) == text else text
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole and column.spoken is not None:
            return column.spoken(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            if faded and self.inactive_tip is not None:
                return self.inactive_tip(record)
            return column.tip(record) if column.tip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (
                faded
                or (self.muted is not None and self.muted(record))
                or (column.muted is not None and column.muted(record))
            ):
                return style.qcolor("inactive")
            colour = column.colour(record) if column.colour is not None else None
            return style.qcolor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            bold = column.bold is not None and column.bold(record)
            if not (faded or bold):
                return None
            font = QFont()
            font.setItalic(faded)
            font.setBold(bold)
            return font
        if role == self.IdRole:
            return self.key(record)
        return None


def fit_columns(table: QTableView, columns: Sequence[Column[Any]], least_characters: int) -> None:
    """Size a record table's columns by its font: a fixed column gets room for its heading
    (bold) and its samples; the others share the rest, each at least ``least_characters``
    average characters (the form beside the table gives way to them)."""
    header = table.horizontalHeader()
    bold = QFont(table.font())
    bold.setBold(True)
    heading, entry = QFontMetrics(bold), QFontMetrics(table.font())
    padding = text_width(table, 4)
    fixed, stretched = 0, 0
    for number, column in enumerate(columns):
        if column.stretch:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
            stretched += 1
            continue
        width = padding + max(
            heading.horizontalAdvance(column.title),
            *(entry.horizontalAdvance(text) for text in column.samples),
        )
        header.setSectionResizeMode(number, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(number, width)
        fixed += width
    frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(frame + fixed + stretched * text_width(table, least_characters))


FIT_SAMPLE = 10  # rows measured for a column's width, besides its longest texts
FIT_LONGEST = 3  # the rows with the longest text of a column, measured too
FIT_WIDEST = 300  # px: no column is made wider; a longer text is elided, in full in its tooltip


class ColumnFitter(QObject):
    """Fits a table's columns to their text, for tables whose texts vary (names, roles):
    ``fit_columns`` sizes columns from fixed samples instead.

    Sets the column widths from a sample of rows when the table is shown, and again when
    its rows are replaced with other texts (the model reset, or ``refit``): the first few
    rows and, in each column, the ones with the longest text (``texts(row)``: a row's text,
    column by column, e.g. ``RecordTableModel.row_texts``). Column ``stretch`` takes the
    room left over; with None, no column does. Without ``texts`` the page sets the widths
    itself (``set_widths``).

    ``ResizeToContents`` would measure every cell of a table of hundreds of rows at each
    layout (seconds on the Hiring page); a sample costs milliseconds. A text longer than its
    column is elided, in full in its tooltip, and the owner can widen the column (a width
    dragged stays until the texts change). The widths are measured when the table is on
    screen: before, it may not have the window's style sheet yet (padding, bold headers).

    With ``least`` (average characters), the stretch column stays readable on a small
    screen: the table asks for that much room for it beside the other columns at their
    widths (up to ``most`` characters in all), so the form beside the table gives way rather
    than the names. When the stretch column has less than its own text (up to ``want``
    characters), the columns in ``squeeze`` give way to it, one after the other, down to the
    width of their heading, as the table is resized.

    With ``first_rows``, only that many rows from the top are looked at (a list of 10,000
    takes a tenth of a second to read through; its first rows say as much about the widths).
    """

    def __init__(
        self,
        table: QTableView,
        texts: Callable[[int], Sequence[str]] | None,
        stretch: int | None,
        *,
        widest: int = FIT_WIDEST,
        least: float = 0,
        most: float = 0,
        want: float = 0,
        squeeze: Sequence[int] = (),
        first_rows: int | None = None,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.texts = texts
        self.first_rows = first_rows
        self.stretch = stretch
        self.widest = widest
        self.least = least
        self.most = most
        self.want = max(want, least)
        self.squeeze = tuple(squeeze)
        self.widths: dict[int, int] = {}  # each column's width: fitted, set, or as dragged
        self.stretch_text = 0  # the width of the stretch column's longest text (0: unknown)
        self.pending = texts is not None
        self._measured: list[Sequence[str]] | None = None  # the texts last fitted to
        self._resizing = False
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._section_resized)
        if texts is not None:
            table.model().modelReset.connect(self.refit)

    def refit(self) -> None:
        """The rows were replaced: fit now if the table is shown, else when it is."""
        self.pending = self.texts is not None
        if self.pending and self.table.isVisible():
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table:
            if event.type() == QEvent.Type.Show and self.pending:
                self.fit()
        elif event.type() == QEvent.Type.Resize:
            self._give_way()
        return False

    def fit(self) -> None:
        self.pending = False
        if self.texts is None:
            return
        table, model = self.table, self.table.model()
        count = model.rowCount()
        if self.first_rows is not None:
            count = min(count, self.first_rows)
        rows = [self.texts(row) for row in range(count)]
        if rows == self._measured:
            return  # the same texts: the widths stand (and any the owner dragged)
        self._measured = rows
        header = table.horizontalHeader()
        first = range(min(len(rows), FIT_SAMPLE))
        widths = {}
        for column in range(model.columnCount()):
            longest = heapq.nlargest(
                FIT_LONGEST, range(len(rows)), key=lambda r: len(rows[r][column])
            )
            width = max(
                [header.sectionSizeHint(column)]
                + [
                    table.sizeHintForIndex(model.index(row, column)).width()
                    for row in {*first, *longest}
                ]
            )
            widths[column] = min(width, self.widest)
        if self.stretch is not None:
            self.stretch_text = widths.pop(self.stretch)
        self.set_widths(widths)

    def set_widths(self, widths: dict[int, int]) -> None:
        """Give the columns these widths (the owner can still drag them); the stretch
        column takes the rest."""
        header = self.table.horizontalHeader()
        if self.stretch is not None:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        self.widths = dict(widths)
        self._resizing = True
        try:
            for column, width in self.widths.items():
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        finally:
            self._resizing = False
        if self.least and self.stretch is not None:
            table = self.table
            frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
            least = frame + text_width(table, self.least)
            shown = {c: w for c, w in self.widths.items() if not header.isSectionHidden(c)}
            full = least + sum(shown.values())
            tight = least + sum(
                min(w, header.sectionSizeHint(c)) if c in self.squeeze else w
                for c, w in shown.items()
            )
            most = text_width(table, self.most) if self.most else full
            table.setMinimumWidth(max(tight, min(full, most)))
        self._give_way()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._resizing and column in self.widths:
            self.widths[column] = new  # the owner dragged it: keep their width

    def _give_way(self) -> None:
        """Narrow the ``squeeze`` columns in turn, down to their heading, so far as the
        stretch column needs for its text (``least`` to ``want`` characters); wide again
        when there is room."""
        if not self.least or not self.squeeze or self.stretch is None or not self.widths:
            return
        table = self.table
        header = table.horizontalHeader()
        shown = {c: w for c, w in self.widths.items() if not header.isSectionHidden(c)}
        wanted = text_width(table, self.want)
        if self.stretch_text:  # as wide as its longest text measured, if that is less
            wanted = min(wanted, self.stretch_text)
        over = sum(shown.values()) - table.viewport().width()
        over += max(wanted, text_width(table, self.least))
        self._resizing = True
        try:
            for column in self.squeeze:
                if column not in shown:
                    continue
                give = min(max(over, 0), max(shown[column] - header.sectionSizeHint(column), 0))
                over -= give
                if header.sectionSize(column) != shown[column] - give:
                    header.resizeSection(column, shown[column] - give)
        finally:
            self._resizing = False


def record_list(model: RecordTableModel[Any], object_name: str) -> QListView:
    """Records as a plain list of their first column (a value's name, a response's
    label), one selected at a time, looking like the app's other lists."""
    view = QListView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setStyleSheet("QListView::item { padding: 4px 6px; }")  # as QListWidget's items
    return view
