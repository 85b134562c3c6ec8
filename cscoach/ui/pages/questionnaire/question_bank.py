"""The question bank: the questions new rounds will ask. Changes are saved as they are
typed; a new question is added as soon as it has a section and some wording.

A list + form on the shared ``RecordEditor``: its columns, its fields, its model calls."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.record_editor import RecordEditor, run_write
from cscoach.ui.record_fields import Field
from cscoach.ui.record_table import Column, RecordTableModel
from cscoach.ui.widgets import error_label, plain_label

READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."
TITLE_CHARACTERS = 40  # a question named in a message is cut to this many characters


def _retired(q: qn.Question) -> bool:
    return q.retired


def _question_tip(q: qn.Question) -> str:
    asked = f"Asked in {q.times_asked} round(s)." if q.times_asked else "Not asked yet."
    return f"{q.text}\n\n{asked}"


COLUMNS: list[Column[qn.Question]] = [
    Column("Section", lambda q: q.section, muted=_retired),
    Column("Question", lambda q: " ".join(q.text.split()), tip=_question_tip, muted=_retired),
    Column("Kind", lambda q: qn.KIND_LABELS[q.kind], muted=_retired),
    Column("Status", lambda q: "Retired" if q.retired else "Asked", muted=_retired),
]


def question_table_model(parent: QWidget | None = None) -> RecordTableModel[qn.Question]:
    """The bank's questions as rows: Section, Question, Kind, Status; retired ones greyed."""
    return RecordTableModel(COLUMNS, parent=parent)


def title_of(values: dict[str, object]) -> str:
    """A question as a message names it: its first words, quoted."""
    text = " ".join(str(values["text"]).split())
    if len(text) > TITLE_CHARACTERS:
        text = text[: TITLE_CHARACTERS - 1].rstrip() + "…"
    return f"the question “{text}”"


class QuestionBankPanel(QWidget):
    """Edit, add, reorder, retire questions. Rounds already held keep their wording.

    Every change is saved as it is made: after a short pause in typing, on leaving a field,
    on choosing the kind, and (through ``flush``) before the form shows anything else."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb

        intro = QLabel(
            "These are the questions a new round will ask. Changing one here never rewrites "
            "a round already held; retire a question to stop asking it. Changes are saved "
            "as you type."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.model = question_table_model(self)
        self.table = QTableView()
        self.table.setObjectName("questionTable")
        self.table.setAccessibleName("Question bank")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, column_spec in enumerate(COLUMNS):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch
                if column_spec.title == "Question"
                else QHeaderView.ResizeMode.ResizeToContents,
            )

        self.section = QComboBox()
        self.section.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.section.setMinimumContentsLength(20)
        self.section.setObjectName("questionSection")
        self.section.setEditable(True)
        self.section.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
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
        self.new_button.setToolTip("An empty form: the question is added as you type it")
        self.new_button.clicked.connect(lambda: self.start_new())
        self.up_button = QPushButton("Move Up")
        self.up_button.setObjectName("moveUp")
        self.up_button.setToolTip("Move up within its section (Ctrl+Up)")
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button = QPushButton("Move Down")
        self.down_button.setObjectName("moveDown")
        self.down_button.setToolTip("Move down within its section (Ctrl+Down)")
        self.down_button.clicked.connect(lambda: self.move_question(1))
        self.retire_button = QPushButton("Retire")
        self.retire_button.setObjectName("retireQuestion")
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteQuestion")
        self.delete_button.clicked.connect(self.delete)
        self.status = autosave.status_label(
            "questionStatus", "Questions are saved as you type them"
        )
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.move_question(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.move_question(1))

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
        self.form_title = plain_label(object_name="formTitle")
        editor.addWidget(self.form_title)
        editor.addLayout(form)
        editor.addWidget(self.errors["id"])
        editor.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        label_form_fields(self)

        self.editor = RecordEditor(
            self,
            table=self.table,
            model=self.model,
            fields=[
                Field.editable_choice("section", self.section, self.errors["section"]),
                Field.text("text", self.text, self.errors["text"]),
                Field.choice("kind", self.kind, self.errors["kind"]),
            ],
            read=lambda: qn.list_questions(self.wb),
            values_of=self._values_of,
            save=self._save,
            title_of=title_of,
            refused_new=lambda _name, why: f"The new question could not be added: {why}",
            status=self.status,
            form_error=self.errors["id"],
            ready=lambda v: bool(str(v["text"]).strip()),  # added once it has some wording
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._update_buttons)
        self.editor.listed.connect(self._on_listed)
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            self.new_button.setEnabled(False)
        self.reload()
        self.start_new()

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the bank again: the list, and the question in the form unless it holds a
        change not saved yet."""
        self.editor.reload()

    def _values_of(self, q: qn.Question | None) -> dict[str, object]:
        if q is None:  # a new question: in the section shown, as the first kind of answer
            return {
                "section": self.section.currentText(),
                "text": "",
                "kind": self.kind.itemData(0),
            }
        return {"section": q.section, "text": q.text, "kind": q.kind}

    def _on_listed(self) -> None:
        self._refresh_sections()
        self._update_buttons()

    def _refresh_sections(self) -> None:
        sections = qn.list_sections(self.wb)
        if [self.section.itemText(i) for i in range(self.section.count())] == sections:
            return
        edit = self.section.lineEdit()
        text = self.section.currentText()
        cursor = edit.cursorPosition() if edit is not None else 0
        loading, self.editor.loading = self.editor.loading, True  # no save while refilled
        try:
            self.section.clear()
            self.section.addItems(sections)
            self.section.setCurrentText(text)
            if edit is not None:
                edit.setCursorPosition(cursor)
        finally:
            self.editor.loading = loading

    def current_question(self) -> qn.Question | None:
        """The question in the form, or None while the form is for a new one."""
        return self.editor.current()

    def _update_buttons(self) -> None:
        q = self.current_question()
        self.form_title.setText("Edit question" if q is not None else "New question")
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

    # -- saving ----------------------------------------------------------------

    def _save(self, question_id: int | None, v: dict[str, object]) -> int:
        section, text, kind = str(v["section"]), str(v["text"]), str(v["kind"])
        if question_id is None:
            return qn.add_question(self.wb, section, text, kind)
        qn.update_question(self.wb, question_id, section, text, kind)
        return question_id

    def _on_saved(self, _added: bool) -> None:
        self._update_buttons()
        self.changed.emit()

    # -- actions ---------------------------------------------------------------

    def start_new(self) -> None:
        """An empty form in the section shown: the question is added as it is typed."""
        if self.editor.start_new(focus=False):
            self.text.setFocus()

    def move_question(self, step: int) -> None:
        """Move the question in the form up (-1) or down (1) within its section."""
        q = self.current_question()
        if q is None or self.wb.read_only or not self.editor.flush():
            return
        if run_write(self, "move this question", qn.move_question, self.wb, q.id, step):
            self.editor.reload(q.id)
            self.changed.emit()

    def toggle_retired(self) -> None:
        q = self.current_question()
        if q is None or self.wb.read_only or not self.editor.flush():
            return
        what = "ask this question again" if q.retired else "retire this question"
        if run_write(self, what, qn.set_retired, self.wb, q.id, not q.retired):
            self.editor.reload(q.id)
            self.changed.emit()

    def delete(self) -> None:
        q = self.current_question()
        if q is None or self.wb.read_only:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        if not dialogs.confirm(
            self,
            "Delete question",
            f"Delete this question?\n\n{q.text}\n\nEdit › Undo brings it back.",
            "Delete",
        ):
            return
        if not run_write(self, "delete this question", qn.delete_question, self.wb, q.id):
            return
        self.editor.forget()
        self.editor.reload(None)
        self.editor.start_new(focus=False, settle=False)
        self.changed.emit()
