"""The question bank: the questions new rounds will ask. Changes are saved as they are
typed; a new question is added as soon as it has a section and some wording."""

from __future__ import annotations

import sqlite3

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
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import questionnaire as qn
from cscoach.model.errors import CsCoachError, ValidationError, describe_failure
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.widgets import error_label, show_message

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class QuestionTableModel(QAbstractTableModel):
    HEADERS = ("Section", "Question", "Kind", "Status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions: list[qn.Question] = []

    def set_questions(self, questions: list[qn.Question]) -> None:
        if [q.id for q in questions] == [q.id for q in self.questions]:
            self.questions = questions  # same rows: the view keeps its selection
            if questions:
                last = self.index(len(questions) - 1, len(self.HEADERS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.questions = questions
        self.endResetModel()

    def row_of(self, question_id: int | None) -> int | None:
        return next((i for i, q in enumerate(self.questions) if q.id == question_id), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.questions)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        q = self.questions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                q.section,
                " ".join(q.text.split()),
                qn.KIND_LABELS[q.kind],
                "Retired" if q.retired else "Asked",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            asked = f"Asked in {q.times_asked} round(s)." if q.times_asked else "Not asked yet."
            return f"{q.text}\n\n{asked}"
        if role == Qt.ItemDataRole.ForegroundRole and q.retired:
            return style.qcolor("inactive")
        return None


class QuestionBankPanel(QWidget):
    """Edit, add, reorder, retire questions. Rounds already held keep their wording.

    Every change is saved as it is made: after a short pause in typing, on leaving a field,
    on choosing the kind, and (through ``flush``) before the form shows anything else."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.current_id: int | None = None
        self._loaded: tuple = ("", "", "text")  # the form as last read or saved
        self._loading = False  # the form or the table is being filled: no saves
        self._refusal: str | None = None  # why the last save was refused
        self._table_stale = False  # a save asked for the table to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)

        intro = QLabel(
            "These are the questions a new round will ask. Changing one here never rewrites "
            "a round already held; retire a question to stop asking it. Changes are saved "
            "as you type."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.model = QuestionTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("questionTable")
        self.table.setAccessibleName("Question bank")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.section = QComboBox()
        self.section.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.section.setMinimumContentsLength(20)
        self.section.setObjectName("questionSection")
        self.section.setEditable(True)
        self.section.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.section.setAccessibleName("Section")
        self.section.editTextChanged.connect(lambda _t: self._edited())
        self.section.activated.connect(lambda _i: self._choice_made())
        self.section.lineEdit().editingFinished.connect(self._choice_made)
        self.text = QPlainTextEdit()
        self.text.setObjectName("questionText")
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Question")
        self.text.setFixedHeight(90)
        self.text.textChanged.connect(self._edited)
        self.text.installEventFilter(self)  # leaving the wording saves it
        self.kind = QComboBox()
        self.kind.setObjectName("questionKind")
        self.kind.setAccessibleName("Kind of answer")
        for key, label in qn.KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(lambda _i: self._choice_made())
        self.errors = {
            name: error_label("fieldError") for name in ("section", "text", "kind", "id")
        }

        form = QFormLayout()
        form.addRow("Section", self.section)
        form.addRow("", self.errors["section"])
        form.addRow("Question", self.text)
        form.addRow("", self.errors["text"])
        form.addRow("Answer", self.kind)
        form.addRow("", self.errors["kind"])

        self.new_button = QPushButton("New Question")
        self.new_button.setObjectName("newQuestion")
        self.new_button.setToolTip("An empty form: the question is added as you type it")
        self.new_button.clicked.connect(self.start_new)
        self.up_button = QPushButton("Move Up")
        self.up_button.setObjectName("moveUp")
        self.up_button.setToolTip("Move up within its section (Ctrl+Up)")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("Move Down")
        self.down_button.setObjectName("moveDown")
        self.down_button.setToolTip("Move down within its section (Ctrl+Down)")
        self.down_button.clicked.connect(lambda: self.move(1))
        self.retire_button = QPushButton("Retire")
        self.retire_button.setObjectName("retireQuestion")
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteQuestion")
        self.delete_button.clicked.connect(self.delete)
        self.status = autosave.status_label(
            "questionStatus", "Questions are saved as you type them"
        )
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.move(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.move(1))

        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.up_button,
            self.down_button,
            self.retire_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.status)

        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.errors["id"])
        editor.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        label_form_fields(self)
        self.reload()
        self.start_new()

    # -- data ------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the bank again and show ``select_id`` (else the question in the form). The
        form is filled from the workbook unless it holds a change not saved yet."""
        self._refresh_table(select_id)
        if select_id is None:
            select_id = self.current_id
        q = self._current(select_id)
        if q is not None and not self.is_dirty():
            self._load(q)

    def _refresh_table(self, select_id: int | None = None) -> None:
        """Show the bank as it is now, the form left as it is."""
        self._table_stale = False
        self.model.set_questions(qn.list_questions(self.wb))
        self._refresh_sections()
        self._select(select_id if select_id is not None else self.current_id)
        self._update_buttons()

    def _show_stale_table(self) -> None:
        """Refresh the table after a save if it is shown (else when it is next shown: a
        page being closed with its workbook is not read again)."""
        if self._table_stale and self.isVisible():
            self._refresh_table()

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_table()

    def _refresh_sections(self) -> None:
        sections = qn.list_sections(self.wb)
        if [self.section.itemText(i) for i in range(self.section.count())] == sections:
            return
        edit = self.section.lineEdit()
        text, cursor = self.section.currentText(), edit.cursorPosition()
        self._loading = True
        try:
            self.section.clear()
            self.section.addItems(sections)
            self.section.setCurrentText(text)
            edit.setCursorPosition(cursor)
        finally:
            self._loading = False

    def _select(self, question_id: int | None) -> None:
        """Select the row of ``question_id`` (none when it is None) without loading it."""
        row = self.model.row_of(question_id)
        self._loading = True
        try:
            if row is None:
                self.table.selectionModel().clearCurrentIndex()
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            self._loading = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        target = self.model.questions[current.row()].id
        if target == self.current_id:
            return
        if not self.flush():
            # Stay on the question being edited: its message is shown next to the field.
            self._select(self.current_id)
            QTimer.singleShot(0, self, lambda: self._select(self.current_id))
            return
        self._load(self._current(target))

    def _load(self, q: qn.Question | None) -> None:
        """Fill the form with ``q`` (an empty form for a new question when None)."""
        self.save_timer.stop()
        self._loading = True
        try:
            self.current_id = q.id if q is not None else None
            if q is not None:
                self.section.setCurrentText(q.section)
                self.text.setPlainText(q.text)
                self.kind.setCurrentIndex(self.kind.findData(q.kind))
            else:
                self.text.clear()
                self.kind.setCurrentIndex(0)
        finally:
            self._loading = False
        self._loaded = self._form_state()
        self._refusal = None
        self._clear_errors()
        self.status.setText("")
        self._update_buttons()

    def _current(self, question_id: int | None = None) -> qn.Question | None:
        wanted = self.current_id if question_id is None else question_id
        return next((q for q in self.model.questions if q.id == wanted), None)

    def _update_buttons(self) -> None:
        q = self._current()
        editable = not self.wb.read_only
        for b in (self.up_button, self.down_button, self.retire_button, self.delete_button):
            b.setEnabled(editable and q is not None)
        self.delete_button.setEnabled(editable and q is not None and q.times_asked == 0)
        self.delete_button.setToolTip(
            "A question asked in a round cannot be deleted; retire it instead."
            if q is not None and q.times_asked
            else "Delete this question"
        )
        self.retire_button.setText("Ask Again" if q and q.retired else "Retire")
        for w in (self.new_button, self.section, self.text, self.kind):
            w.setEnabled(editable)

    # -- saving ----------------------------------------------------------------

    def _form_state(self) -> tuple:
        return (self.section.currentText(), self.text.toPlainText(), self.kind.currentData())

    def is_dirty(self) -> bool:
        """Whether the form holds something the workbook does not."""
        if self.wb.read_only:
            return False
        if self.current_id is None and not self.text.toPlainText().strip():
            return False  # a new question is only added once it has some wording
        return self._form_state() != self._loaded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self._choice_made()
        return super().eventFilter(watched, event)

    def _edited(self) -> None:
        if self._loading or self.wb.read_only:
            return
        self.status.setText("")
        self.save_timer.start()

    def _choice_made(self) -> None:
        """A field was left or the kind chosen: saved at once."""
        if not self._loading:
            self.flush()

    def flush(self) -> bool:
        """Save the form now if it holds a change. True when nothing is left unsaved; False
        when the change was refused (its message is shown next to the field and nothing
        was written)."""
        self.save_timer.stop()
        if self._loading or not self.is_dirty():
            return True
        return self._write()

    def save(self) -> bool:
        """Save now (otherwise done as the owner types)."""
        return self.flush()

    def problem(self) -> str | None:
        """Why the question in the form could not be saved, if it could not."""
        return self._refusal if self.is_dirty() else None

    def _write(self) -> bool:
        """One call to the model with the whole form."""
        self._clear_errors()
        state = section, text, kind = self._form_state()
        try:
            if self.current_id is None:
                question_id = qn.add_question(self.wb, section, text, kind)
            else:
                question_id = self.current_id
                qn.update_question(self.wb, question_id, section, text, kind)
        except ValidationError as exc:
            return self._refuse(exc.field, exc.message)
        except (CsCoachError, sqlite3.Error) as exc:
            return self._refuse(
                "id", exc.message if isinstance(exc, CsCoachError) else describe_failure(exc)
            )
        self.current_id = question_id
        self._loaded = state
        self._refusal = None
        self.status.setText(autosave.SAVED)
        # The table follows on the next turn of the event loop: a click that left the
        # field lands on the row it was aimed at, not on one the refresh moved there.
        self._table_stale = True
        QTimer.singleShot(0, self, self._show_stale_table)
        self.changed.emit()
        return True

    def _refuse(self, field: str, message: str) -> bool:
        show_message(self.errors.get(field, self.errors["id"]), message)
        self.status.setText(autosave.NOT_SAVED)
        what = "new question" if self.current_id is None else "question"
        self._refusal = f"The {what} being edited could not be saved: {message}"
        return False

    # -- actions ---------------------------------------------------------------

    def start_new(self) -> None:
        if not self.flush():
            return
        self._select(None)
        self._load(None)
        self.text.setFocus()

    def move(self, step: int) -> None:
        if self.current_id is None or self.wb.read_only or not self.flush():
            return
        qn.move_question(self.wb, self.current_id, step)
        self.reload(select_id=self.current_id)
        self.changed.emit()

    def toggle_retired(self) -> None:
        if not self.flush():
            return
        self._refresh_table()
        q = self._current()
        if q is None:
            return
        qn.set_retired(self.wb, q.id, not q.retired)
        self.reload(select_id=q.id)
        self.changed.emit()

    def delete(self) -> None:
        self.flush()  # a cancelled delete keeps what was typed
        self._refresh_table()
        q = self._current()
        if q is None:
            return
        if not dialogs.confirm(
            self, "Delete question", f"Delete this question?\n\n{q.text}", "Delete"
        ):
            return
        try:
            qn.delete_question(self.wb, q.id)
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.errors["id"]), exc.message)
            return
        self._load(None)
        self._refresh_table()
        self.changed.emit()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            show_message(label, "")
