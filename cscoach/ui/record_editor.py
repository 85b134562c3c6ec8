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
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cscoach.model.errors import ValidationError
from cscoach.ui import autosave, dialogs
from cscoach.ui.record_fields import Field, Values
from cscoach.ui.record_table import RecordTableModel
from cscoach.ui.widgets import show_message

R = TypeVar("R")
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."  # for set_read_only


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
    it); without it, a record the list no longer shows is taken as deleted. ``prepare(record
    or None)``, if given, fills the form's lists to choose from for the record about to be
    shown (an owner who has left stays choosable on their own actions)."""

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
        prepare: Callable[[R | None], object] | None = None,
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
        self.prepare = prepare
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

    def show_row(self, row: int, record: R) -> None:
        """Select ``row`` (not taken as the owner choosing it) and load its ``record``."""
        self.loading = True
        try:
            self.select_row(row)
        finally:
            self.loading = False
        self.load(record)

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
        self._prepare(record)
        self.fill(self.values_of(record))

    def _prepare(self, record: R | None) -> None:
        if self.prepare is None:
            return
        loading, self.loading = self.loading, True
        try:
            self.prepare(record)
        finally:
            self.loading = loading

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
        self._prepare(None)
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
        self.show_row(row, record)

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

    def delete_current(self, question: str, text: str, write: Callable[[int], object]) -> bool:
        """Delete the record in the form after asking (``question``, ``text``): saved first
        (a cancelled delete keeps what was typed), then ``write(id)``; the record that took
        its row is shown. True when it was deleted."""
        if self.read_only or self.current_id is None:
            return False
        record_id = self.current_id
        self.flush()
        if not dialogs.confirm(self.page, question, text, "Delete", destructive=True):
            return False
        row = self.model.row_of(record_id) or 0
        if not run_write(self.page, "delete it", write, record_id):
            return False
        self.show_neighbour(row)
        return True

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
        self.show_row(row, record)
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


class EditorForm(Protocol):
    """A record's form as ``form_editor`` takes it (a ``FormPanel`` with its fields)."""

    save_status: QLabel
    form_error: QLabel

    def fields(self) -> list[Field]: ...


def form_editor(
    page: QWidget,
    table: QAbstractItemView,
    model: RecordTableModel[R],
    form: EditorForm,
    *,
    noun: str,
    named_by: str,
    read: Callable[[], Sequence[R]],
    values_of: Callable[[R | None], Values],
    save: Callable[[int | None, Values], int],
    read_only: bool,
    **more: Any,
) -> RecordEditor[R]:
    """A ``RecordEditor`` for a form of the usual shape: a record is named in messages by its
    field ``named_by`` ("“Second till at lunch”", or "the action" while it is empty), and a
    refused new one says "The new action could not be added: …" (``noun``); it is added
    once that field holds something. ``more``: ``find``, ``prepare``, ``multi_select``…"""

    def title_of(values: Values) -> str:
        text = " ".join(str(values[named_by]).split())
        if not text:
            return f"the {noun}"
        return f"“{text if len(text) <= 48 else text[:47] + '…'}”"

    more.setdefault("ready", lambda v: bool(str(v[named_by]).strip()))
    return RecordEditor(
        page,
        table=table,
        model=model,
        fields=form.fields(),
        read=read,
        values_of=values_of,
        save=save,
        title_of=title_of,
        refused_new=lambda _name, why: f"The new {noun} could not be added: {why}",
        status=form.save_status,
        form_error=form.form_error,
        read_only=read_only,
        **more,
    )
