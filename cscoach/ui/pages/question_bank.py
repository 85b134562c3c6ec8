"""The question bank: the questions new rounds will ask."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, style
from cscoach.ui.widgets import error_label

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class QuestionTableModel(QAbstractTableModel):
    HEADERS = ("Section", "Question", "Kind", "Status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions: list[qn.Question] = []

    def set_questions(self, questions: list[qn.Question]) -> None:
        self.beginResetModel()
        self.questions = questions
        self.endResetModel()

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
    """Edit, add, reorder, retire questions. Rounds already held keep their wording."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.current_id: int | None = None

        intro = QLabel(
            "These are the questions a new round will ask. Changing one here never rewrites "
            "a round already held; retire a question to stop asking it."
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
        self.section.setAccessibleName("Section")
        self.text = QPlainTextEdit()
        self.text.setObjectName("questionText")
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Question")
        self.text.setFixedHeight(90)
        self.kind = QComboBox()
        self.kind.setObjectName("questionKind")
        self.kind.setAccessibleName("Kind of answer")
        for key, label in qn.KIND_LABELS.items():
            self.kind.addItem(label, key)
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
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton("Add Question")
        self.save_button.setObjectName("saveQuestion")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
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
        buttons.addWidget(self.save_button)

        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.errors["id"])
        editor.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        self.reload()
        self.start_new()

    # -- data ------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.model.set_questions(qn.list_questions(self.wb))
        current = self.section.currentText()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItems(qn.list_sections(self.wb))
        self.section.setCurrentText(current)
        self.section.blockSignals(False)
        if select_id is not None:
            for row, q in enumerate(self.model.questions):
                if q.id == select_id:
                    self.table.selectRow(row)
                    break
        self._update_buttons()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        q = self.model.questions[current.row()]
        self.current_id = q.id
        self.section.setCurrentText(q.section)
        self.text.setPlainText(q.text)
        self.kind.setCurrentIndex(self.kind.findData(q.kind))
        self._clear_errors()
        self._update_buttons()

    def _current(self) -> qn.Question | None:
        return next((q for q in self.model.questions if q.id == self.current_id), None)

    def _update_buttons(self) -> None:
        q = self._current()
        editable = not self.wb.read_only
        self.save_button.setText("Save Changes" if q else "Add Question")
        for b in (self.up_button, self.down_button, self.retire_button, self.delete_button):
            b.setEnabled(editable and q is not None)
        self.delete_button.setEnabled(editable and q is not None and q.times_asked == 0)
        self.delete_button.setToolTip(
            "A question asked in a round cannot be deleted; retire it instead."
            if q is not None and q.times_asked
            else "Delete this question"
        )
        self.retire_button.setText("Ask Again" if q and q.retired else "Retire")
        for w in (self.save_button, self.new_button, self.section, self.text, self.kind):
            w.setEnabled(editable)

    # -- actions ---------------------------------------------------------------

    def start_new(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        self.text.clear()
        self.kind.setCurrentIndex(0)
        self._clear_errors()
        self._update_buttons()
        self.text.setFocus()

    def save(self) -> None:
        self._clear_errors()
        section, text, kind = (
            self.section.currentText(),
            self.text.toPlainText(),
            self.kind.currentData(),
        )
        try:
            if self.current_id is None:
                question_id = qn.add_question(self.wb, section, text, kind)
            else:
                question_id = self.current_id
                qn.update_question(self.wb, question_id, section, text, kind)
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.current_id = question_id
        self.reload(select_id=question_id)
        self.changed.emit()

    def move(self, step: int) -> None:
        if self.current_id is None or self.wb.read_only:
            return
        qn.move_question(self.wb, self.current_id, step)
        self.reload(select_id=self.current_id)
        self.changed.emit()

    def toggle_retired(self) -> None:
        q = self._current()
        if q is None:
            return
        qn.set_retired(self.wb, q.id, not q.retired)
        self.reload(select_id=q.id)
        self.changed.emit()

    def delete(self) -> None:
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
            self._show_error(exc)
            return
        self.reload()
        self.start_new()
        self.changed.emit()

    def _show_error(self, exc: ValidationError) -> None:
        label = self.errors.get(exc.field, self.errors["id"])
        label.setText(exc.message)
        label.show()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
