"""Hiring: the qualities the business hires for (weighted criteria tied to its values),
candidates scored against them, a ranking per role, a side-by-side comparison, and the
interview scorecards to print."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model import philosophy as ph
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.hiring import Criterion, Ranked
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.candidate_panel import (
    READ_ONLY_TIP,
    CandidatesPanel,
    ColumnFitter,
    criterion_tip,
)
from cscoach.ui.widgets import (
    ToneItem,
    error_label,
    plain_label,
    record_table,
    show_message,
    text_width,
)

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _TableModel(QAbstractTableModel):
    """A read-only table over a list of records; subclasses say what a row shows
    (``texts``) and anything else about a cell (``cell``)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[object] = []
        self._texts: list[tuple[str, ...]] = []  # each row's text, made once, not per paint

    def set_items(self, items: list[object]) -> bool:
        """Show ``items``; False (and the view left alone) when they are the ones shown."""
        if list(items) == self.items:
            return False
        self.beginResetModel()
        self.items = list(items)
        self._texts = [self.texts(item) for item in self.items]
        self.endResetModel()
        return True

    def row_texts(self, row: int) -> tuple[str, ...]:
        return self._texts[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        return self.cell(self.items[index.row()], index.column(), role)

    def texts(self, item: object) -> tuple[str, ...]:
        """What ``item``'s row shows, column by column."""
        raise NotImplementedError

    def cell(self, item: object, column: int, role: int) -> object:
        """Any other role of a cell (tooltip, colour, alignment…); None for none."""
        return None


class CriteriaTableModel(_TableModel):
    COLUMNS = ("Quality", "Weight", "Serves", "Questions", "Scored", "Status")

    QUALITY, WEIGHT, SERVES, QUESTIONS, SCORED, STATUS = range(6)

    def texts(self, item: object) -> tuple[str, ...]:
        c: Criterion = item  # type: ignore[assignment]
        return (
            c.quality,
            str(c.weight),
            ", ".join(c.values) or "—",
            str(len(c.questions)),
            f"{c.scored} candidate{'s' if c.scored != 1 else ''}",
            "Active" if c.active else "Retired",
        )

    def cell(self, item: object, column: int, role: int) -> object:
        c: Criterion = item  # type: ignore[assignment]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SERVES and c.values:
                return "Serves: " + ", ".join(c.values)
            return criterion_tip(c)
        if role == Qt.ItemDataRole.ForegroundRole and not c.active:
            return style.qcolor("inactive")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WEIGHT, self.QUESTIONS):
            return RIGHT
        return None


def write_stamp(wb: Workbook) -> tuple[int, int]:
    """Where the workbook's writes stand: the rows written through its connection so far and
    SQLite's count of commits by any other connection. The same stamp twice means nothing
    was written in between, so there is nothing to read again."""
    row = wb.query_one("PRAGMA data_version")
    return wb.conn.total_changes, row["data_version"] if row else 0


def _with_error(widget: QWidget, error: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class CriteriaPanel(QWidget):
    """The qualities to hire for: add, edit, reorder, retire, delete (if never scored).

    The form saves as the owner types (a pause, Enter, leaving a field, a choice), and
    before another criterion, tab or page is shown; a new criterion is added as soon as it
    has a quality, and later edits change that same criterion."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.current_id: int | None = None
        self._loading = False
        self._loaded: hr.CriterionInput | None = None
        self._refusal: str | None = None  # why the last save was refused
        self._list_stale = False  # a save asked for the table to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)
        self.model = CriteriaTableModel(self)
        self.table = record_table(self.model, "criteriaTable")
        self.table.setAccessibleName("Hiring criteria")
        # The quality takes the room left: on a small screen the values it serves and the
        # counts give way to it, down to their headings (in full in their tooltips).
        m = CriteriaTableModel
        self.fitter = ColumnFitter(
            self.table,
            self.model.row_texts,
            m.QUALITY,
            widest=text_width(self.table, 44),
            least=15,
            most=76,  # with the form at its narrowest, in a window 1024 pixels wide
            want=32,
            squeeze=(m.SERVES, m.SCORED),
        )
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.quality_edit = QLineEdit()
        self.quality_edit.setObjectName("qualityEdit")
        self.quality_edit.setPlaceholderText("for example: Patience")
        self.quality_edit.textChanged.connect(self._edited)
        self.quality_edit.editingFinished.connect(self._left)
        self.quality_edit.returnPressed.connect(self.save)  # Enter saves at once
        self.good_edit = self._text_edit("goodSignsEdit", "What a strong answer sounds like")
        self.poor_edit = self._text_edit("poorSignsEdit", "What should make you hesitate")
        self.questions_edit = self._text_edit(
            "questionsEdit", "One interview question per line", height=76
        )
        self.weight_combo = QComboBox()
        self.weight_combo.setObjectName("weightCombo")
        for weight, label in hr.WEIGHT_LABELS.items():
            self.weight_combo.addItem(label, weight)
        self.weight_combo.currentIndexChanged.connect(lambda _i: self._left())  # at once
        self.values_list = QListWidget()
        self.values_list.setObjectName("valuesList")
        self.values_list.setMaximumHeight(90)
        self.values_list.itemChanged.connect(lambda _item: self._left())  # a tick: at once
        self.values_hint = plain_label(
            "No core values yet: write them on the Philosophy page, then tick the ones this "
            "quality serves.",
            role="hint",
        )
        self.values_hint.setWordWrap(True)
        self.errors = {
            key: error_label(f"{key}Error")
            for key in ("quality", "good_signs", "poor_signs", "questions", "weight", "values")
        }
        self.form_error = error_label("criterionFormError")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Quality", _with_error(self.quality_edit, self.errors["quality"]))
        form.addRow("&Look for", _with_error(self.good_edit, self.errors["good_signs"]))
        form.addRow("Watch &out for", _with_error(self.poor_edit, self.errors["poor_signs"]))
        form.addRow("&Questions", _with_error(self.questions_edit, self.errors["questions"]))
        form.addRow("&Weight", _with_error(self.weight_combo, self.errors["weight"]))
        values_box = QWidget()
        values_layout = QVBoxLayout(values_box)
        values_layout.setContentsMargins(0, 0, 0, 0)
        values_layout.addWidget(self.values_list)
        values_layout.addWidget(self.values_hint)
        values_layout.addWidget(self.errors["values"])
        form.addRow("Serves", values_box)

        self.new_button = self._button("New Criterion", "newCriterionButton", self.start_new)
        self.status = autosave.status_label("criterionStatus", "Changes are saved as you type them")
        self.status.setMinimumWidth(text_width(self, len(autosave.NOT_SAVED) + 2))
        self.up_button = self._button("Move Up", "criterionUpButton", lambda: self.move(-1))
        self.down_button = self._button("Move Down", "criterionDownButton", lambda: self.move(1))
        self.retire_button = self._button("Retire", "retireCriterionButton", self.toggle_active)
        self.delete_button = self._button("Delete…", "deleteCriterionButton", self.delete)
        self.feedback_label = plain_label(object_name="criterionFeedback", role="feedback")
        self.feedback_label.setWordWrap(True)
        row1 = QHBoxLayout()
        for b in (self.new_button, self.up_button, self.down_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.status)
        row2.addStretch(1)
        row2.addWidget(self.retire_button)
        row2.addWidget(self.delete_button)

        editor = QFrame()
        editor.setObjectName("detailPanel")
        editor_layout = QVBoxLayout(editor)
        self.form_title = plain_label(object_name="formTitle")
        editor_layout.addWidget(self.form_title)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.form_error)
        editor_layout.addLayout(row2)
        editor_layout.addWidget(self.feedback_label)
        editor_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(editor)
        scroll.setMinimumWidth(text_width(editor, 50))  # its narrowest form

        intro = plain_label(
            "The qualities you hire for, what to listen for, and the questions that bring "
            "them out. The weight (1–5) says how much each counts in a candidate's score.",
            role="hint",
        )
        intro.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(intro)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(row1)
        # The table takes the room a wider window gives; the form keeps about 70 characters
        # but gives way on a small screen (the owner can drag).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("criteriaSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([text_width(self, 100), text_width(self, 70)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.splitter)
        self.reload()
        self.start_new(settle=False)
        label_form_fields(self)

    def _text_edit(self, name: str, placeholder: str, height: int = 54) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.textChanged.connect(self._edited)
        edit.installEventFilter(self)  # leaving it saves it
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QPlainTextEdit):
            self._left()
        return super().eventFilter(watched, event)

    def _button(self, label: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        dirty = self.is_dirty()
        if self.model.set_items(hr.list_criteria(self.wb)):
            self.fitter.refit()
        self._fill_values(self._checked_values())
        self._select_id(self.current_id)
        if not dirty:
            self._loaded = self.form_input()
        self._update_buttons()

    def _select_id(self, criterion_id: int | None) -> None:
        row = next((n for n, c in enumerate(self.model.items) if c.id == criterion_id), None)
        self._loading = True
        try:
            if row is None:
                self.table.selectionModel().clearCurrentIndex()  # so a click on it counts
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            self._loading = False

    def is_dirty(self) -> bool:
        return self._loaded is not None and self.form_input() != self._loaded

    def _fill_values(self, checked: set[int]) -> None:
        loading, self._loading = self._loading, True
        try:
            self._fill_value_items(checked)
        finally:
            self._loading = loading

    def _fill_value_items(self, checked: set[int]) -> None:
        self.values_list.clear()
        values = ph.list_values(self.wb)
        for value in values:
            item = QListWidgetItem(value.name)
            item.setData(Qt.ItemDataRole.UserRole, value.id)
            item.setToolTip(value.meaning)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if value.id in checked else Qt.CheckState.Unchecked
            )
            self.values_list.addItem(item)
        self.values_list.setVisible(bool(values))
        self.values_hint.setVisible(not values)

    def _checked_values(self) -> set[int]:
        return {
            self.values_list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.values_list.count())
            if self.values_list.item(n).checkState() == Qt.CheckState.Checked
        }

    def current(self) -> Criterion | None:
        return next((c for c in self.model.items if c.id == self.current_id), None)

    def _row_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not index.isValid():
            return
        target: Criterion = self.model.items[index.row()]
        if target.id == self.current_id:
            return
        if not self._settle_pending():
            # Refused: stay on the criterion being edited; its message is shown.
            self._select_id(self.current_id)
            QTimer.singleShot(0, self, lambda: self._select_id(self.current_id))
            return
        self._select_id(target.id)
        self._show_criterion(next(c for c in self.model.items if c.id == target.id))

    def _show_criterion(self, c: Criterion) -> None:
        self.current_id = c.id
        self.form_title.setText(c.quality)
        self._loading = True
        try:
            self.quality_edit.setText(c.quality)
            self.good_edit.setPlainText(c.good_signs)
            self.poor_edit.setPlainText(c.poor_signs)
            self.questions_edit.setPlainText("\n".join(c.questions))
            self.weight_combo.setCurrentIndex(self.weight_combo.findData(c.weight))
            self._fill_values(set(c.value_ids))
        finally:
            self._loading = False
        self._form_loaded()
        self.feedback_label.setText("")
        self._update_buttons()

    def _form_loaded(self) -> None:
        """The form shows what the workbook holds: nothing waits to be saved."""
        self._loaded = self.form_input()
        self._refusal = None
        self.save_timer.stop()
        self.status.setText("")
        self._clear_errors()

    # -- saving as the owner types -----------------------------------------------

    def _edited(self) -> None:
        if self._loading or self.wb.read_only:
            return
        self.status.setText("")
        self.save_timer.start()

    def _left(self) -> None:
        """A field left, Enter or a choice made: saved at once."""
        if not self._loading:
            self.flush()

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new criterion
        or changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to the field and nothing was written)."""
        self.save_timer.stop()
        if self._loading or self.wb.read_only or not self.is_dirty():
            return True
        self._clear_errors()
        data = self.form_input()
        added = self.current_id is None
        try:
            if added:
                self.current_id = int(hr.add_criterion(self.wb, data))
            else:
                hr.update_criterion(self.wb, self.current_id, data)
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.form_error), exc.message)
            return self._refuse(exc.message)
        except autosave.REFUSALS as exc:
            show_message(self.form_error, autosave.refusal(exc))
            return self._refuse(autosave.refusal(exc))
        self._loaded = data
        self._refusal = None
        self.status.setText(autosave.SAVED)
        self.form_title.setText(data.quality.strip())
        if added:
            self.feedback_label.setText(
                f"“{data.quality.strip()}” was added; changes are saved as you type."
            )
        # The table follows on the next turn of the event loop (the form is left as typed):
        # a click in the table that saved the form by leaving it lands on the row aimed at.
        if not self._list_stale:
            self._list_stale = True
            QTimer.singleShot(0, self, self._show_stale_list)
        self.changed.emit()
        return True

    def _refuse(self, message: str) -> bool:
        self.status.setText(autosave.NOT_SAVED)
        if self.current_id is None:
            self._refusal = f"The new hiring criterion could not be added: {message}"
        else:
            quality = self._loaded.quality.strip() if self._loaded else "a hiring criterion"
            self._refusal = f"Your changes to “{quality}” could not be saved: {message}"
        return False

    def _show_stale_list(self) -> None:
        """Show the saved criteria in the table if it is shown (else when it is next
        shown: a page being closed with its workbook is not read again)."""
        if self._list_stale and self.isVisible():
            self._list_stale = False
            if self.model.set_items(hr.list_criteria(self.wb)):
                self.fitter.refit()
            self._select_id(self.current_id)
            self._update_buttons()

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_list()

    def _settle_pending(self) -> bool:
        """Before the form shows another criterion: save the edit in progress. False to
        stay put (the refused change keeps its message)."""
        return self.flush()

    def save_pending(self) -> str | None:
        if self.flush():
            return None
        return self._refusal or "The hiring criterion being edited is not saved."

    def _update_buttons(self) -> None:
        c = self.current()
        editable = not self.wb.read_only
        self.retire_button.setText("Use Again" if c and not c.active else "Retire")
        self.retire_button.setToolTip(
            "Stop scoring and printing this quality; scores already given stay"
            if c is None or c.active
            else "Score and print this quality again"
        )
        for b in (self.up_button, self.down_button, self.retire_button):
            b.setEnabled(editable and c is not None)
        self.delete_button.setEnabled(editable and c is not None and c.scored == 0)
        self.delete_button.setToolTip(
            "Candidates were scored on this quality: retire it instead."
            if c is not None and c.scored
            else "Delete this criterion"
        )
        for w in (
            self.new_button,
            self.weight_combo,
            self.values_list,
        ):
            w.setEnabled(editable)
        for edit in (self.quality_edit, self.good_edit, self.poor_edit, self.questions_edit):
            edit.setReadOnly(not editable)
        if not editable:
            for w in (self.new_button, self.delete_button, self.retire_button):
                w.setToolTip(READ_ONLY_TIP)

    # -- actions ---------------------------------------------------------------

    def start_new(self, *, settle: bool = True) -> None:
        if settle and not self._settle_pending():
            return
        self._select_id(None)
        self.current_id = None
        self.form_title.setText("New criterion")
        self._loading = True
        try:
            for edit in (self.quality_edit, self.good_edit, self.poor_edit, self.questions_edit):
                edit.clear()
            self.weight_combo.setCurrentIndex(self.weight_combo.findData(3))
            self._fill_values(set())
        finally:
            self._loading = False
        self._form_loaded()
        self.feedback_label.setText("")
        self._update_buttons()
        if not self.wb.read_only:
            self.quality_edit.setFocus()

    def form_input(self) -> hr.CriterionInput:
        return hr.CriterionInput(
            self.quality_edit.text(),
            self.good_edit.toPlainText(),
            self.poor_edit.toPlainText(),
            hr.questions_from_text(self.questions_edit.toPlainText()),
            self.weight_combo.currentData(),
            tuple(sorted(self._checked_values())),
        )

    def save(self) -> bool:
        """Save the form now (Enter in the quality; otherwise done as the owner types)."""
        return self.flush()

    def move(self, step: int) -> None:
        if self.current_id is None or self.wb.read_only or not self._settle_pending():
            return
        if self._write(hr.move_criterion, self.current_id, step) is not None:
            self.reload()
            self.changed.emit()

    def toggle_active(self) -> None:
        if self.current() is None or self.wb.read_only or not self._settle_pending():
            return
        c = self.current()
        assert c is not None
        if self._write(hr.set_criterion_active, c.id, not c.active) is None:
            return
        self.feedback_label.setText(
            f"“{c.quality}” is retired: it is no longer scored or printed; scores already "
            "given stay."
            if c.active
            else f"“{c.quality}” is in use again."
        )
        self.reload()
        self.changed.emit()

    def delete(self) -> None:
        c = self.current()
        if c is None or self.wb.read_only:
            return
        self.flush()  # a cancelled delete keeps what was typed
        if not dialogs.confirm(
            self,
            "Delete criterion?",
            f"Delete “{c.quality}” with its interview questions? No candidate was scored on "
            "it.\n\nThis cannot be undone.",
            "Delete",
            destructive=True,
        ):
            return
        if self._write(hr.delete_criterion, c.id) is None:
            return
        self.reload()
        self.start_new(settle=False)
        self.feedback_label.setText(f"“{c.quality}” was deleted.")
        self.changed.emit()

    def _write(self, func: Callable[..., object], *args: object) -> object | None:
        try:
            result = func(self.wb, *args)
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.form_error), exc.message)
            return None
        except (CsCoachError, sqlite3.Error) as exc:
            dialogs.show_error(self, "Could not save the criterion", str(exc))
            return None
        return True if result is None else result

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")


class RankingTableModel(_TableModel):
    COLUMNS = ("Rank", "Name", "Role", "Status", "Weighted score", "Scored", "Not scored yet")
    RANK, NAME, ROLE, STATUS, SCORE, SCORED, MISSING = range(7)

    def texts(self, item: object) -> tuple[str, ...]:
        r: Ranked = item  # type: ignore[assignment]
        s = r.summary
        return (
            "—" if r.rank is None else str(r.rank),
            r.candidate.name,
            r.candidate.role or "—",
            r.candidate.status_label,
            hr.format_percent(s.percent, 1),  # a decimal: close scores look different
            s.progress,
            ", ".join(s.missing) or "—",
        )

    def cell(self, item: object, column: int, role: int) -> object:
        r: Ranked = item  # type: ignore[assignment]
        s = r.summary
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.MISSING and s.missing:
                return "Not scored yet: " + ", ".join(s.missing)
            if column in (self.NAME, self.ROLE):
                return self.texts(r)[column]  # in full, when the column elides it
        if role == Qt.ItemDataRole.ForegroundRole and r.rank is None:
            return style.qcolor("inactive")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.SCORE):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and column == self.SCORE and r.rank == 1:
            font = QFont()
            font.setBold(True)
            return font
        return None


class RankingPanel(QWidget):
    """Candidates for a role, best weighted score first."""

    open_candidate = Signal(int)

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("rankingRoleCombo")
        self.role_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.summaries: list[hr.ScoreSummary] = []
        self.model = RankingTableModel(self)
        self.table = record_table(self.model, "rankingTable")
        self.table.setAccessibleName("Candidates ranked by weighted score")
        self.fitter = ColumnFitter(self.table, self.model.row_texts, RankingTableModel.MISSING)
        self.table.doubleClicked.connect(self._open)
        self.empty_label = plain_label(object_name="rankingEmpty", role="hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        hint = plain_label(
            "Ranked by weighted score over the qualities scored. A quality not scored yet is "
            "left out, not counted as zero — check “Not scored yet” before you decide. "
            "Double-click a candidate to open them.",
            role="hint",
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(plain_label("Role:"))
        top.addWidget(self.role_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.stack, 1)

    def reload(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page)."""
        self.summaries = hr.list_summaries(self.wb) if summaries is None else summaries
        roles = [None, *hr.list_roles(self.wb)]
        if roles != [self.role_combo.itemData(n) for n in range(self.role_combo.count())]:
            chosen = self.role_combo.currentData()
            self.role_combo.blockSignals(True)
            self.role_combo.clear()
            for role in roles:
                self.role_combo.addItem("All roles" if role is None else role, role)
            index = self.role_combo.findData(chosen) if chosen is not None else 0
            self.role_combo.setCurrentIndex(max(0, index))
            self.role_combo.blockSignals(False)
        self._show()

    def _show(self) -> None:
        ranked = hr.rank(hr.for_role(self.summaries, self.role_combo.currentData()))
        if self.model.set_items(ranked):
            self.fitter.refit()
        if ranked:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(
                "No candidates to rank yet. Add candidates on the Candidates tab and score "
                "them; they are ranked here by weighted score."
            )
            self.stack.setCurrentWidget(self.empty_label)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_candidate.emit(self.model.items[index.row()].candidate.id)


class ComparePanel(QWidget):
    """Two or three candidates side by side, criterion by criterion."""

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.pickers: list[QComboBox] = []
        pick_row = QHBoxLayout()
        for n in range(hr.MAX_COMPARED):
            combo = QComboBox()
            combo.setObjectName(f"compareCandidate{n + 1}")
            combo.setMinimumWidth(160)
            combo.currentIndexChanged.connect(lambda _i: self._show())
            self.pickers.append(combo)
            pick_row.addWidget(combo)
        pick_row.addStretch(1)
        self.error = error_label("compareError")
        self.grid = QTableWidget()
        self.grid.setObjectName("compareGrid")
        self.grid.setAccessibleName("Candidates side by side, criterion by criterion")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().hide()
        self.empty_label = plain_label(object_name="compareEmpty", role="hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(plain_label("Compare two or three candidates:", role="hint"))
        layout.addLayout(pick_row)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)
        self._choices: list[tuple[str, int]] = []

    def reload(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page)."""
        if summaries is None:
            summaries = hr.list_summaries(self.wb)
        ranked = hr.rank(summaries)  # best first: the natural ones to compare
        choices = [
            (
                r.candidate.name + (f" ({r.candidate.role})" if r.candidate.role else ""),
                r.candidate.id,
            )
            for r in ranked
        ]
        if choices != self._choices:
            self._fill_pickers(choices)
        self._show()

    def _fill_pickers(self, choices: list[tuple[str, int]]) -> None:
        """The candidates to choose from, keeping the ones chosen where still there."""
        self._choices = choices
        chosen = [combo.currentData() for combo in self.pickers]
        ids = [candidate_id for _label, candidate_id in choices]
        defaults = [*ids[:2], None, None, None][: hr.MAX_COMPARED - 1] + [None]
        for n, combo in enumerate(self.pickers):
            combo.blockSignals(True)
            combo.clear()
            if n == hr.MAX_COMPARED - 1:
                combo.addItem("— no third —", None)
            for label, candidate_id in choices:
                combo.addItem(label, candidate_id)
            keep = chosen[n] if chosen[n] in ids else defaults[n]
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)

    def choose(self, *candidate_ids: int | None) -> None:
        for combo, candidate_id in zip(self.pickers, candidate_ids, strict=False):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(candidate_id)))
            combo.blockSignals(False)
        self._show()

    def _show(self) -> None:
        show_message(self.error, "")
        if self.pickers[0].count() < hr.MIN_COMPARED:
            self.empty_label.setText(
                "Add at least two candidates on the Candidates tab to compare them side by side."
            )
            self.stack.setCurrentWidget(self.empty_label)
            return
        ids = [c.currentData() for c in self.pickers if c.currentData() is not None]
        try:
            comparison = hr.compare_candidates(self.wb, ids)
        except ValidationError as exc:
            show_message(self.error, exc.message)
            self.grid.clear()
            self.grid.setRowCount(0)
            self.stack.setCurrentWidget(self.grid)
            return
        self.stack.setCurrentWidget(self.grid)
        people = comparison.candidates
        self.grid.clear()
        self.grid.setColumnCount(2 + len(people))
        self.grid.setHorizontalHeaderLabels(["Quality", "Weight", *(c.name for c in people)])
        self.grid.setRowCount(len(comparison.rows) + 2)
        for row, item in enumerate(comparison.rows):
            c = item.criterion
            quality = QTableWidgetItem(c.quality + ("" if c.active else " (retired)"))
            quality.setToolTip(criterion_tip(c))
            self.grid.setItem(row, 0, quality)
            self.grid.setItem(row, 1, QTableWidgetItem(str(c.weight)))
            for n, score in enumerate(item.scores):
                text = "not scored" if score is None else str(score.score)
                if score is not None and score.note:
                    text += f" — {score.note}"
                cell = ToneItem(
                    text,
                    foreground="inactive" if score is None else "",
                    background="best_bg" if n in item.best else "",
                )
                cell.setToolTip(score.note if score and score.note else "")
                if n in item.best:
                    font = QFont()
                    font.setBold(True)
                    cell.setFont(font)
                self.grid.setItem(row, 2 + n, cell)
        total_row = len(comparison.rows)
        bold = QFont()
        bold.setBold(True)
        for row, label, values in (
            (
                total_row,
                "Weighted score",
                [hr.format_percent(t.percent, 1) for t in comparison.totals],
            ),
            (total_row + 1, "Scored", [t.progress for t in comparison.totals]),
        ):
            head = QTableWidgetItem(label)
            head.setFont(bold)
            self.grid.setItem(row, 0, head)
            self.grid.setItem(row, 1, QTableWidgetItem(""))
            for n, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setFont(bold)
                self.grid.setItem(row, 2 + n, cell)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for n in range(len(people)):
            header.setSectionResizeMode(2 + n, QHeaderView.ResizeMode.Stretch)
        self.grid.resizeRowsToContents()
        for row in range(self.grid.rowCount()):  # room above and below wrapped notes
            self.grid.setRowHeight(row, self.grid.rowHeight(row) + 8)

    def cell_text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item else ""


class HiringPage(Page):
    title = "Hiring"
    tip = (
        "Skills can be taught; attitude is harder. Look for empathy, active listening and a "
        "genuine wish to solve customers' problems."
    )
    subtitle = (
        "Hire on your values: score each candidate 1–5 on the qualities you hire for, "
        "weighted by how much each matters, then rank and compare them."
    )

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("hiringPage")
        self.print_blank_button = QPushButton("Print Blank Scorecard…")
        self.print_blank_button.setObjectName("printBlankScorecard")
        self.print_blank_button.setToolTip(
            "A scorecard to fill in with a pen during an interview: every active quality, "
            "what to look for, the questions, 1–5 boxes and room for notes"
        )
        self.print_blank_button.clicked.connect(self.print_blank_scorecard)
        self.print_filled_button = QPushButton("Print Scorecard…")
        self.print_filled_button.setObjectName("printCandidateScorecard")
        self.print_filled_button.clicked.connect(self.print_candidate_scorecard)
        corner = QWidget()
        buttons = QHBoxLayout(corner)
        buttons.setContentsMargins(0, 0, 0, 4)
        buttons.addWidget(self.print_blank_button)
        buttons.addWidget(self.print_filled_button)

        self.candidates = CandidatesPanel(wb)
        self.ranking = RankingPanel(wb)
        self.compare = ComparePanel(wb)
        self.criteria = CriteriaPanel(wb)
        # Ranking and Compare read the workbook when they are shown, not while hidden: they
        # rank every candidate and list them all to choose from
        self._stale: set[QWidget] = {self.ranking, self.compare}
        self._stamp = write_stamp(wb)  # what the panels read
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hiringTabs")
        self.tabs.addTab(self.candidates, "Candidates")
        self.tabs.addTab(self.ranking, "Ranking")
        self.tabs.addTab(self.compare, "Compare")
        self.tabs.addTab(self.criteria, "Criteria")
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.page_layout.addWidget(self.tabs, 1)

        self.candidates.changed.connect(self._candidates_changed)
        self.candidates.selection_changed.connect(self._update_print_button)
        self.criteria.changed.connect(self._criteria_changed)
        self.ranking.open_candidate.connect(self.open_candidate)
        self._tab_index = 0
        self._settling = False  # a tab is being put back after a refused change
        self.tabs.currentChanged.connect(self._tab_changed)
        self._update_print_button()

    def reload(self) -> None:
        """Read the workbook again: every candidate's summary once, shared by the tab shown;
        the hidden Ranking and Compare tabs read when they are next shown. Nothing is read
        when nothing was written since the last time."""
        stamp = write_stamp(self.wb)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        summaries = hr.list_summaries(self.wb)
        self.candidates.reload(summaries)
        self.criteria.reload()
        self._stale = {self.ranking, self.compare}
        self._refresh_tab(summaries)
        self._update_print_button()

    def _refresh_tab(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Bring the tab shown up to date if it missed a change while hidden."""
        tab = self.tabs.currentWidget()
        if tab in self._stale:
            self._stale.discard(tab)
            tab.reload(summaries)  # type: ignore[attr-defined]

    def save_pending(self) -> str | None:
        problems = []
        for panel in (self.criteria, self.candidates):
            problem = panel.save_pending()
            if problem:
                problems.append(problem)
                self._put_back(self.tabs.indexOf(panel))  # shown with its message
        return "\n\n".join(reversed(problems)) or None

    def _candidates_changed(self) -> None:
        self._stale = {self.ranking, self.compare}
        self.criteria.reload()  # "scored" counts
        self._update_print_button()
        self.changed.emit()

    def _criteria_changed(self) -> None:
        self.candidates.reload()
        self._stale = {self.ranking, self.compare}
        self.changed.emit()

    def _tab_changed(self, index: int) -> None:
        """Leaving a tab saves the edit in progress there; a refused change keeps its tab
        (with its message). The tab shown reads the workbook if it changed while hidden."""
        if self._settling:
            return
        left = self.tabs.widget(self._tab_index)
        if left in (self.candidates, self.criteria) and not left.flush():  # type: ignore[attr-defined]
            self._put_back(self._tab_index)
            return
        self._tab_index = index
        self._refresh_tab()

    def _put_back(self, index: int) -> None:
        self._settling = True
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self._settling = False
        self._tab_index = index

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        """Showing another page saves what is being typed here (a refused change keeps
        its message, and ``save_pending`` names it)."""
        if not event.spontaneous():
            self.candidates.flush()
            self.criteria.flush()
        super().hideEvent(event)

    def _update_print_button(self) -> None:
        candidate = self.candidates.current_candidate()
        self.print_filled_button.setEnabled(candidate is not None)
        self.print_filled_button.setToolTip(
            f"{candidate.name}'s scores, notes and weighted score, ready to print"
            if candidate
            else "Choose a candidate on the Candidates tab to print their scorecard"
        )

    def open_candidate(self, candidate_id: int) -> None:
        self.tabs.setCurrentWidget(self.candidates)
        if self.tabs.currentWidget() is self.candidates:
            self.candidates.select_candidate(candidate_id)

    # -- printing --------------------------------------------------------------

    def print_blank_scorecard(self) -> None:
        self._print(None, "Interview scorecard", "interview-scorecard.pdf")

    def print_candidate_scorecard(self) -> None:
        if self.candidates.save_pending() is not None:
            return
        candidate = self.candidates.current_candidate()
        if candidate is None:
            return
        self._print(
            candidate.name,
            f"Interview scorecard: {candidate.name}",
            f"scorecard-{candidate.name}.pdf",
        )

    def _print(self, candidate_name: str | None, title: str, file_name: str) -> None:
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        request = PrintRequest("scorecard", candidate_name=candidate_name)
        print_preview.preview(self, self.wb, request, title, file_name)
