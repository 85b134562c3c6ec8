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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from cscoach.model.errors import ValidationError
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.widgets import show_message, text_width

R = TypeVar("R")
ModelIndex = QModelIndex | QPersistentModelIndex
Values = dict[str, Any]


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


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Records as rows. ``key`` gives a record's id; ``inactive`` greys and slants a
    record's whole row, with ``inactive_tip`` as its tooltip."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        key: Callable[[R], int] = lambda r: r.id,  # type: ignore[attr-defined]
        inactive: Callable[[R], bool] | None = None,
        inactive_tip: Callable[[R], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self.inactive = inactive
        self.inactive_tip = inactive_tip
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
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            if faded and self.inactive_tip is not None:
                return self.inactive_tip(record)
            return column.tip(record) if column.tip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if faded or (column.muted is not None and column.muted(record)):
                return style.qcolor("inactive")
            return None
        if role == Qt.ItemDataRole.FontRole and faded:
            font = QFont()
            font.setItalic(True)
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


# -- the form -----------------------------------------------------------------------------


class Field:
    """One field of a form: its widget, how to read and fill it, and the label its
    refusals are shown in. ``typed`` fields save after a pause; the others (a tick, a
    choice) save at once."""

    def __init__(
        self,
        name: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        error: QLabel | None = None,
        *,
        typed: bool,
    ) -> None:
        self.name, self.widget, self.get, self.put, self.error = name, widget, get, put, error
        self.typed = typed

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

    def connect(self, edited: Callable[[], None], left: Callable[[], None]) -> None:
        widget = self.widget
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(edited)
            widget.editingFinished.connect(left)
            widget.returnPressed.connect(left)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(edited)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(left)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(left)

    def set_read_only(self, tip: str) -> None:
        widget = self.widget
        if isinstance(widget, QLineEdit | QPlainTextEdit):
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
    ``listed()`` after the list is read again."""

    saved = Signal(bool)
    loaded = Signal()
    listed = Signal()

    def __init__(
        self,
        page: QWidget,
        *,
        table: QTableView,
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
    ) -> None:
        super().__init__(page)
        self.page, self.table, self.model = page, table, model
        self.fields = {f.name: f for f in fields}
        self.read, self.values_of, self.save = read, values_of, save
        self.title_of, self.refused_new = title_of, refused_new
        self.status, self.form_error = status, form_error
        self.read_only = read_only
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
        not saved yet. A record deleted meanwhile leaves a blank form for a new one."""
        if select_id == -1:
            select_id = self.current_id
        self.loading = True
        try:
            self.model.set_records(self.read())
            row = self.model.row_of(select_id)
            if row is not None:
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
        row = self.model.row_of(self.current_id)
        return None if row is None else self.model.record_at(row)

    def values(self) -> Values:
        return {name: f.get() for name, f in self.fields.items()}

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
        return not self.read_only and self.values() != self.loaded_values

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new record
        or changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to its field and nothing was written)."""
        self.save_timer.stop()
        if self.loading:
            return True
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

    def _show_stale_list(self) -> None:
        """Show the saved records in the list if the page is shown (else when it is next
        shown: a page being closed with its workbook is not read again)."""
        if self._list_stale and self.page.isVisible():
            self._list_stale = False
            self.reload(self.current_id, load_form=False)

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
        indexes = self.table.selectionModel().selectedRows()
        record = self.model.record_at(indexes[0].row()) if indexes else None
        if record is None or self.model.key(record) == self.current_id:
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
            return
        self.loading = True
        try:
            self.select_row(row)
        finally:
            self.loading = False
        self.load(record)

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
