"""The list + form every page edits its records with, written once.

``RecordTableModel`` shows records as rows from ``Column`` specs (with ``fit_columns``
sizing them by the font). ``RecordEditor`` ties a table of records to a form of ``Field``s:
selecting a row loads the record; every edit is saved as it is made (a pause in typing, on
Enter, on leaving a field, a choice at once) and before another record, tab or page is
shown; a new record is added as soon as the model accepts the form, and later edits change
that same record. A refused change is not written: its message is shown at its field (and
cleared once the field is valid again, or back as it was), the owner stays on the record
and ``save_pending`` names what would be lost.

The page keeps its own layout and buttons; the editor keeps the state and the rules.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cscoach.model.errors import ValidationError
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.widgets import show_message, text_width

R = TypeVar("R")
ModelIndex = QModelIndex | QPersistentModelIndex
Values = dict[str, Any]
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."  # for set_read_only


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


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Records as rows. ``key`` gives a record's id; ``inactive`` greys and slants a
    record's whole row, with ``inactive_tip`` as its tooltip; ``muted`` only greys it."""

    IdRole = Qt.ItemDataRole.UserRole + 1

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
        self._records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

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
            self._records[row] = record
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
    ) -> None:
        super().__init__(table)
        self.table = table
        self.texts = texts
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
        rows = [self.texts(row) for row in range(model.rowCount())]
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


# -- the form -----------------------------------------------------------------------------


class _LeaveFilter(QObject):
    """Calls ``left`` when its widget loses the focus (a text box has no signal for it)."""

    def __init__(self, widget: QWidget, left: Callable[[], None]) -> None:
        super().__init__(widget)
        self.left = left
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self.left()
        return False


class Field:
    """One field of a form: its widget, how to read and fill it, and the label its
    refusals are shown in. ``typed`` fields save after a pause; the others (a tick, a
    choice) save at once. A widget of the app's own (a rating) names the ``signal`` it
    emits at each change."""

    def __init__(
        self,
        name: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        error: QLabel | None = None,
        *,
        typed: bool,
        signal: SignalInstance | None = None,
    ) -> None:
        self.name, self.widget, self.get, self.put, self.error = name, widget, get, put, error
        self.typed = typed
        self.signal = signal
        self._leave_filter: _LeaveFilter | None = None

    @classmethod
    def line(cls, name: str, edit: QLineEdit, error: QLabel | None = None) -> Field:
        return cls(name, edit, edit.text, lambda v: edit.setText(v or ""), error, typed=True)

    @classmethod
    def text(cls, name: str, edit: QPlainTextEdit, error: QLabel | None = None) -> Field:
        def put(value: Any) -> None:
            if edit.toPlainText() != (value or ""):
                edit.setPlainText(value or "")

        return cls(name, edit, edit.toPlainText, put, error, typed=True)

    @classmethod
    def check(cls, name: str, box: QCheckBox, error: QLabel | None = None) -> Field:
        return cls(name, box, box.isChecked, lambda v: box.setChecked(bool(v)), error, typed=False)

    @classmethod
    def choice(cls, name: str, combo: QComboBox, error: QLabel | None = None) -> Field:
        """A drop-down whose items carry their value as data."""

        def put(value: Any) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0) if combo.count() else -1)

        return cls(name, combo, combo.currentData, put, error, typed=False)

    @classmethod
    def editable_choice(cls, name: str, combo: QComboBox, error: QLabel | None = None) -> Field:
        """A drop-down the owner may also type in (a section: an existing one or a new
        one); its text is the value, saved after a pause, on Enter, on leaving, on a pick."""

        def put(value: Any) -> None:
            combo.setCurrentText(value or "")

        return cls(name, combo, combo.currentText, put, error, typed=True)

    @classmethod
    def ticks(cls, name: str, items: QListWidget, error: QLabel | None = None) -> Field:
        """A list of items to tick, each carrying its value as data (``UserRole``): the
        value is the sorted tuple of those ticked, saved at each tick."""

        def rows() -> list[QListWidgetItem]:
            return [items.item(row) for row in range(items.count())]

        def get() -> tuple[Any, ...]:
            ticked = [i for i in rows() if i.checkState() == Qt.CheckState.Checked]
            return tuple(sorted(i.data(Qt.ItemDataRole.UserRole) for i in ticked))

        def put(value: Any) -> None:
            for item in rows():
                ticked = item.data(Qt.ItemDataRole.UserRole) in (value or ())
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

        return cls(name, items, get, put, error, typed=False)

    @classmethod
    def number(cls, name: str, spin: QSpinBox, error: QLabel | None = None) -> Field:
        """A whole number, typed or stepped: saved after a pause and on leaving."""
        return cls(name, spin, spin.value, lambda v: spin.setValue(int(v or 0)), error, typed=True)

    def connect(self, edited: Callable[[], None], left: Callable[[], None]) -> None:
        widget = self.widget
        if self.signal is not None:
            self.signal.connect(lambda *_args: edited())
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(edited)
            widget.editingFinished.connect(left)
            widget.returnPressed.connect(left)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(edited)
            self._leave_filter = _LeaveFilter(widget, left)  # leaving the text saves it
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.editTextChanged.connect(lambda _text: edited())
            widget.activated.connect(lambda _index: left())
            widget.lineEdit().editingFinished.connect(left)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(left)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(lambda _item: left())
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(lambda _value: edited())
            widget.editingFinished.connect(left)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(left)

    def set_read_only(self, tip: str) -> None:
        widget = self.widget
        if isinstance(widget, QLineEdit | QPlainTextEdit | QSpinBox):
            widget.setReadOnly(True)
        else:
            widget.setEnabled(False)
        widget.setToolTip(tip)


class RecordEditor(QObject, Generic[R]):
    """Ties ``table`` (over ``model``) to a form of ``fields``.

    ``read()`` lists the records; ``values_of(record or None)`` gives a form's values
    (None: a new record's); ``save(record_id or None, values)`` adds or changes one record
    through the model and returns its id; ``title_of(values)`` names a record in messages.
    ``refused_new(name, message)`` says why a new record could not be added.

    Emits ``saved(added)`` after each write, ``loaded()`` after the form is filled, and
    ``listed()`` after the list is read again, ``refused(field)`` when a refusal is shown.

    ``ready(values)``, if given, says whether a new record's form holds enough to add (a
    question with some wording): until then it holds nothing to save. ``table`` may be any
    item view (a ``record_list`` too).

    ``before_save()``, if given, is called first by every ``flush``: a part of the form that
    saves itself (the scores of a candidate) saves what it holds before the record is left.

    With ``multi_select`` several rows can be selected (to act on them together): the form
    keeps the record it holds, and a change in it is saved first. ``selected()`` is emitted
    once the editor has taken a new selection in (``selected_keys`` names it). ``find(id)``,
    if given, finds the record in the form when the list does not show it (a filter hides
    it); without it, a record the list no longer shows is taken as deleted."""

    saved = Signal(bool)
    loaded = Signal()
    listed = Signal()
    refused = Signal(str)
    selected = Signal()

    def __init__(
        self,
        page: QWidget,
        *,
        table: QAbstractItemView,
        model: RecordTableModel[R],
        fields: Sequence[Field],
        read: Callable[[], Sequence[R]],
        values_of: Callable[[R | None], Values],
        save: Callable[[int | None, Values], int],
        title_of: Callable[[Values], str],
        refused_new: Callable[[str, str], str],
        status: QLabel,
        form_error: QLabel,
        read_only: bool = False,
        ready: Callable[[Values], bool] | None = None,
        before_save: Callable[[], object] | None = None,
        multi_select: bool = False,
        find: Callable[[int], R | None] | None = None,
    ) -> None:
        super().__init__(page)
        self.multi_select, self.find = multi_select, find
        self.page, self.table, self.model = page, table, model
        self.fields = {f.name: f for f in fields}
        self.read, self.values_of, self.save = read, values_of, save
        self.title_of, self.refused_new = title_of, refused_new
        self.status, self.form_error = status, form_error
        self.read_only = read_only
        self.ready = ready
        self.before_save = before_save
        self.current_id: int | None = None  # None: the form is for a new record
        self.loaded_values: Values = values_of(None)
        self.loading = False
        self.refusal: str | None = None  # why the last save was refused
        self._list_stale = False  # a save asked for the list to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)
        for f in fields:
            f.connect(self._edited if f.typed else self._left, self._left)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        page.installEventFilter(self)

    # -- reading ---------------------------------------------------------------

    def reload(self, select_id: int | None = -1, *, load_form: bool = True) -> None:
        """Read the records again and select ``select_id`` (by default the record in the
        form); with ``load_form`` the form is filled again too, unless it holds a change
        not saved yet. A record deleted meanwhile leaves a blank form for a new one. With
        ``multi_select``, several rows selected stay selected (unless ``select_id`` is given)."""
        several = self.selected_keys() if self.multi_select and select_id == -1 else []
        if select_id == -1:
            select_id = self.current_id
        self.loading = True
        try:
            self.model.set_records(self.read())
            row = self.model.row_of(select_id)
            if len(several) > 1:
                self.select_keys(several)
            elif row is not None:
                self.select_row(row)
        finally:
            self.loading = False
        self.listed.emit()
        if self.current_id is not None:
            record = self.current()
            if record is None:
                self.start_new(focus=False, settle=False)
            elif load_form and not self.is_dirty():
                self.load(record)

    def current(self) -> R | None:
        """The record in the form, or None while the form is for a new one."""
        if self.find is not None and self.current_id is not None:
            return self.find(self.current_id)
        row = self.model.row_of(self.current_id)
        return None if row is None else self.model.record_at(row)

    def selected_keys(self) -> list[int]:
        """The ids of the records selected in the list, in its order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.key(r) for r in map(self.model.record_at, rows) if r is not None]

    def select_keys(self, keys: Sequence[int]) -> None:
        """Select the rows of these records (those the list shows), the last one current;
        the form is left as it is."""
        selection = QItemSelection()
        last = None
        for row in (self.model.row_of(key) for key in keys):
            if row is not None:
                end = self.model.index(row, self.model.columnCount() - 1)
                selection.select(self.model.index(row, 0), end)
                last = self.model.index(row, 0)
        loading, self.loading = self.loading, True
        try:
            chosen = self.table.selectionModel()
            chosen.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if last is not None:
                chosen.setCurrentIndex(last, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(last)
        finally:
            self.loading = loading

    def values(self) -> Values:
        return {name: f.get() for name, f in self.fields.items()}

    def set_fields(self, fields: Sequence[Field]) -> None:
        """Put a form built anew in place of the fields (one field per question of a round):
        it holds nothing to save until ``load`` or ``start_new`` fills it."""
        self.save_timer.stop()
        kept = list(self.fields.values())
        self.fields = {f.name: f for f in fields}
        for f in fields:
            if not any(f is k for k in kept):  # a field kept (who answered) is wired already
                f.connect(self._edited if f.typed else self._left, self._left)
        self.loaded_values = self.values()

    def refill(self, fill: Callable[[], object]) -> None:
        """Fill the form's lists to choose from again (``fill``: the team, the categories…)
        keeping what is chosen: nothing this changes is saved, and a form that held no
        change of the owner's holds none after (a choice that disappeared is not an edit)."""
        clean = not self.is_dirty()
        loading, self.loading = self.loading, True
        try:
            fill()
        finally:
            self.loading = loading
        if clean:
            self.loaded_values = self.values()

    # -- the form --------------------------------------------------------------

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def fill(self, values: Values) -> None:
        self.loading = True
        try:
            for name, f in self.fields.items():
                f.put(values.get(name))
        finally:
            self.loading = False
        self.loaded_values = self.values()
        self.refusal = None
        self.save_timer.stop()
        self.status.setText("")
        self.clear_errors()
        self.loaded.emit()

    def load(self, record: R) -> None:
        self.current_id = self.model.key(record)
        self.fill(self.values_of(record))

    def open(self, record_id: int) -> bool:
        """Select record ``record_id`` and show it in the form (a link from another page),
        once the form shown is saved. False when that save was refused (the form stays, with
        its message) or the record is not listed."""
        if not self.flush():
            return False
        self.reload(record_id, load_form=False)
        row = self.model.row_of(record_id)
        record = self.model.record_at(row) if row is not None else None
        if record is None:
            return False
        self.load(record)
        return True

    def start_new(self, *, focus: bool = True, settle: bool = True) -> bool:
        """A blank form for a new record, added as soon as the model accepts it. False
        when the change in the form was refused (it keeps its message and the form)."""
        if settle and not self.flush():
            return False
        self.current_id = None
        self.loading = True
        try:
            self.table.clearSelection()
        finally:
            self.loading = False
        self.fill(self.values_of(None))
        first = next(iter(self.fields.values()), None)
        if focus and not self.read_only and first is not None:
            first.widget.setFocus()
        return True

    def forget(self) -> None:
        """The record in the form is gone (deleted): nothing of it is left to save."""
        self.current_id = None
        self.loaded_values = self.values()

    def show_neighbour(self, row: int) -> None:
        """The record in the form, at ``row`` in the list, was deleted: read the list again
        and show the record now at ``row`` (or the last one), else a blank form."""
        self.forget()
        self.reload(None)
        row = min(row, self.model.rowCount() - 1)
        record = self.model.record_at(row)
        if record is None:
            self.start_new(focus=False, settle=False)
            return
        self.loading = True
        try:
            self.select_row(row)
        finally:
            self.loading = False
        self.load(record)

    def clear_errors(self) -> None:
        for f in self.fields.values():
            if f.error is not None:
                show_message(f.error, "")
        show_message(self.form_error, "")

    def show_refusal(self, exc: ValidationError, *, focus: bool = True) -> None:
        """Show the model's message at the field it names (else under the form)."""
        self.clear_errors()
        f = self.fields.get(exc.field)
        show_message(
            f.error if f is not None and f.error is not None else self.form_error, exc.message
        )
        self.refused.emit(exc.field)
        if f is not None and focus:
            f.widget.setFocus()
            if isinstance(f.widget, QLineEdit):
                f.widget.selectAll()

    def set_read_only(self, tip: str) -> None:
        self.read_only = True
        for f in self.fields.values():
            f.set_read_only(tip)

    # -- saving as the owner types -----------------------------------------------

    def _edited(self) -> None:
        if self.loading or self.read_only:
            return
        self.status.setText("")
        self.save_timer.start()

    def _left(self) -> None:
        """Leaving a field, Enter, a tick or a choice saves what the form holds."""
        if not self.loading:
            self.flush()

    def is_dirty(self) -> bool:
        """Whether the form holds something the workbook does not (an untouched new form
        holds nothing)."""
        if self.read_only:
            return False
        values = self.values()
        if self.current_id is None and self.ready is not None and not self.ready(values):
            return False
        return values != self.loaded_values

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new record
        or changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to its field and nothing was written)."""
        self.save_timer.stop()
        if self.loading:
            return True
        if self.before_save is not None:
            self.before_save()
        if not self.is_dirty():
            if self.refusal is not None:  # put back as it was: the refusal no longer holds
                self.refusal = None
                self.clear_errors()
                self.status.setText("")
            return True
        values = self.values()
        self.clear_errors()
        added = self.current_id is None
        try:
            record_id = self.save(self.current_id, values)
        except ValidationError as exc:
            self.show_refusal(exc, focus=False)
            return self._refuse(values, exc.message)
        except autosave.REFUSALS as exc:
            show_message(self.form_error, autosave.refusal(exc))
            return self._refuse(values, autosave.refusal(exc))
        self.current_id = record_id
        self.loaded_values = values
        self.refusal = None
        self.status.setText(autosave.SAVED)
        # The list follows on the next turn of the event loop (the form is left as typed):
        # a click in the list that saved the form by leaving it lands on the row aimed at.
        if not self._list_stale:
            self._list_stale = True
            QTimer.singleShot(0, self, self._show_stale_list)
        self.saved.emit(added)
        return True

    def _refuse(self, values: Values, message: str) -> bool:
        self.status.setText(autosave.NOT_SAVED)
        if self.current_id is None:
            self.refusal = self.refused_new(self.title_of(values), message)
        else:
            name = self.title_of(self.loaded_values)
            self.refusal = f"Your changes to {name} could not be saved: {message}"
        return False

    def save_pending(self) -> str | None:
        """None when nothing is left unsaved, else what would be lost."""
        if self.flush():
            return None
        return self.refusal or "The change being edited is not saved."

    def save_now(self) -> bool:
        """Save the form now (a Save action): as ``flush``, and a refused field takes the
        focus."""
        saved = self.flush()
        if not saved:
            self.focus_refusal()
        return saved

    def focus_refusal(self) -> None:
        """Put the focus in the field whose refusal is shown, if any (Enter in another
        field saved the form)."""
        shown = (f for f in self.fields.values() if f.error is not None and f.error.text())
        f = next(shown, None)
        if f is not None:
            f.widget.setFocus()
            if isinstance(f.widget, QLineEdit | QSpinBox):
                f.widget.selectAll()

    def _show_stale_list(self) -> None:
        """Show the saved records in the list if the page is shown (else when it is next
        shown: a page being closed with its workbook is not read again)."""
        if self._list_stale and self.page.isVisible():
            self._list_stale = False
            self.reload(load_form=False)  # the record in the form (or the rows selected)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The page shown: the list catches up; the page hidden (another page or tab
        shown): what is being typed is saved."""
        if watched is self.page:
            if event.type() == QEvent.Type.Show:
                QTimer.singleShot(0, self, self._show_stale_list)
            elif event.type() == QEvent.Type.Hide and not event.spontaneous():
                self.flush()
        return False

    def _on_selection_changed(self) -> None:
        if self.loading:
            return
        if self.multi_select and len(self.selected_keys()) > 1:
            # Several rows to act on together: the form keeps its record, saved first.
            if self.flush():
                self.selected.emit()
            else:
                self._select_edited_row()
                QTimer.singleShot(0, self, self._select_edited_row)
            return
        indexes = self.table.selectionModel().selectedRows()
        record = self.model.record_at(indexes[0].row()) if indexes else None
        if record is None or self.model.key(record) == self.current_id:
            self.selected.emit()
            return
        target = self.model.key(record)
        if not self.flush():
            # Refused: stay on the record (or new record) being edited; the message shows.
            self._select_edited_row()
            QTimer.singleShot(0, self, self._select_edited_row)
            return
        row = self.model.row_of(target)  # the list may have been read again by the save
        record = self.model.record_at(row) if row is not None else None
        if record is None or row is None:
            self.selected.emit()
            return
        self.loading = True
        try:
            self.select_row(row)
        finally:
            self.loading = False
        self.load(record)
        self.selected.emit()

    def _select_edited_row(self) -> None:
        self.loading = True
        try:
            row = self.model.row_of(self.current_id)
            if row is None:
                self.table.clearSelection()
            else:
                self.select_row(row)
        finally:
            self.loading = False


def run_write(parent: QWidget, action: str, write: Callable[..., object], *args: object) -> bool:
    """Run one model write a button asked for (mark inactive, delete…); a refusal is shown
    in a dialog titled "Could not <action>". True when it was written."""
    try:
        write(*args)
    except autosave.REFUSALS as exc:
        dialogs.show_error(parent, f"Could not {action}", autosave.refusal(exc))
        return False
    return True


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """A field's widget with the label its refusals are shown in, under it (for a form)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box
