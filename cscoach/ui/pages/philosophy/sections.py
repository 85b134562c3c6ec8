"""The Philosophy page's Write tab: each section of the draft written beside what the team
said in a questionnaire round.

The text saves as the owner types (after a pause, on leaving it, before another section,
tab or page is shown); one the model refuses keeps its message under the text and the
owner on the section."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.answers_html import question_answers_html
from cscoach.ui.widgets import (
    STRETCH,
    HtmlView,
    action_button,
    error_label,
    hbox,
    show_message,
    vbox,
)

SAVED = autosave.SAVED


class SectionDialog(QDialog):
    """Title of a section and the questionnaire question it answers."""

    def __init__(self, wb: Workbook, section: ph.Section | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.wb, self.section = wb, section
        self.section_id = section.id if section else None
        self.setWindowTitle("Edit Section" if section else "New Section")
        self.title = QLineEdit(section.title if section else "")
        self.title.setObjectName("sectionTitle")
        self.question = QComboBox()
        self.question.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question.setMinimumContentsLength(20)
        self.question.setObjectName("sectionQuestion")
        self.question.addItem("No linked question", None)
        for q in qn.list_questions(wb):
            self.question.addItem(" ".join(q.text.split()), q.id)
        if section and section.question_id:
            self.question.setCurrentIndex(max(0, self.question.findData(section.question_id)))
        self.errors = {"title": error_label("fieldError"), "question": error_label("fieldError")}
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("", self.errors["title"])
        form.addRow("Answers beside it", self.question)
        form.addRow("", self.errors["question"])
        buttons, _ok = dialogs.ok_cancel(self, "OK")
        vbox(form, buttons, parent=self, margins=(11, 11, 11, 11))
        self.resize(560, self.sizeHint().height())
        label_form_fields(self)

    def accept(self) -> None:
        try:
            if self.section is None:
                self.section_id = ph.add_section(
                    self.wb, self.title.text(), self.question.currentData()
                )
            else:
                ph.update_section(
                    self.wb, self.section.id, self.title.text(), self.question.currentData()
                )
        except ValidationError as exc:
            label = self.errors.get(exc.field, self.errors["title"])
            label.setText(exc.message)
            label.show()
            return
        super().accept()


class SectionsTab(QWidget):
    """The sections of the draft in a list, the one picked in a text box beside the team's
    answers to its question. ``changed`` after each write."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.editing_id: int | None = None  # the section in the text box
        self.sections: list[ph.Section] = []
        self.save_timer = autosave.save_timer(self, self.flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build())

    def _build(self) -> QWidget:
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setAccessibleName("Sections")
        self.section_list.currentRowChanged.connect(self._section_picked)
        add = action_button("Add…", "addSection", self.add_section)
        edit = action_button("Edit…", "editSection", self.edit_section)
        up = action_button("Move Up", "moveSectionUp", lambda: self.move_section(-1))
        down = action_button("Move Down", "moveSectionDown", lambda: self.move_section(1))
        delete = action_button("Delete…", "deleteSection", self.delete_section)
        self.section_buttons = [add, edit, up, down, delete]
        buttons = vbox(hbox(add, edit, delete, STRETCH), hbox(up, down, STRETCH), spacing=6)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.section_list, 1)
        left_layout.addLayout(buttons)

        self.section_title = QLabel()
        self.section_title.setObjectName("sectionHeading")
        self.section_title.setTextFormat(Qt.TextFormat.PlainText)
        self.section_title.setWordWrap(True)
        self.section_title.setStyleSheet(f"font-size: {style.pt(13)}pt; font-weight: 600;")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("sectionEditor")
        self.editor.setAccessibleName("Section text")
        self.editor.setPlaceholderText("Write this section in your own words…")
        self.editor.textChanged.connect(self._text_changed)
        self.editor.installEventFilter(self)
        self.editor_error = error_label("fieldError")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setProperty("role", "hint")
        middle = QWidget()
        vbox(
            self.section_title,
            (self.editor, 1),
            self.editor_error,
            self.saved_label,
            parent=middle,
        )

        self.answers_round = QComboBox()
        self.answers_round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.answers_round.setMinimumContentsLength(20)
        self.answers_round.setObjectName("answersRound")
        self.answers_round.setAccessibleName("Round whose answers are shown")
        self.answers_round.currentIndexChanged.connect(lambda _i: self._show_answers())
        self.answers_view = HtmlView()
        self.answers_view.setObjectName("teamAnswers")
        self.answers_view.setAccessibleName("What the team answered")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        said = QLabel("What the team said")
        said.setStyleSheet("font-weight: 600;")
        right_layout.addWidget(said)
        right_layout.addWidget(self.answers_round)
        right_layout.addWidget(self.answers_view, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        left.setMaximumWidth(320)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([240, 520, 380])
        return splitter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()  # leaving the text saves it
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Showing another tab or page saves what is being typed here (a refused change
        keeps its message, and ``save_pending`` names it)."""
        if not event.spontaneous():
            self.flush()
        super().hideEvent(event)

    def _text_changed(self) -> None:
        if self.editing_id is not None and not self.wb.read_only:
            self.saved_label.setText("Saving…")
            self.save_timer.start()

    def reload(self) -> None:
        """Read the rounds and sections again; the text box is filled again unless it holds
        a change the model refused (kept, with its message)."""
        self._fill_rounds()
        self._reload_sections(self.editing_id, load=self.flush())
        for button in self.section_buttons:
            button.setEnabled(not self.wb.read_only)

    def save_pending(self) -> str | None:
        """None when nothing is left unsaved, else what would be lost."""
        if self.flush():
            return None
        return (
            f"The text of “{self.section_title.text()}” could not be saved: "
            + self.editor_error.text()
        )

    def flush(self) -> bool:
        """Save the section being typed now (also called on focus-out and on close). False
        when the model refused it: the message is shown under the text, nothing written."""
        self.save_timer.stop()
        if self.editing_id is None or self.wb.read_only:
            return True
        section = next((s for s in self.sections if s.id == self.editing_id), None)
        text = self.editor.toPlainText()
        if section is None:
            return True
        if section.body == text:
            self.editor_error.hide()
            self.saved_label.setText(SAVED)
            return True
        try:
            ph.save_section_body(self.wb, self.editing_id, text)
        except autosave.REFUSALS as exc:
            show_message(self.editor_error, autosave.refusal(exc))
            self.saved_label.setText(autosave.NOT_SAVED)
            return False
        self.editor_error.hide()
        self.sections = ph.list_sections(self.wb)
        self.saved_label.setText(SAVED)
        self.changed.emit()
        return True

    def _reload_sections(self, select_id: int | None = None, *, load: bool = True) -> None:
        """Read the sections again and show ``select_id`` (else the first); with ``load``
        False only the list is refreshed and the text being written stays as it is."""
        self.sections = ph.list_sections(self.wb)
        self.section_list.blockSignals(True)
        self.section_list.clear()
        for s in self.sections:
            mark = "" if s.body.strip() else "  (empty)"
            item = QListWidgetItem(f"{s.title}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.section_list.addItem(item)
        self.section_list.blockSignals(False)
        row = next((i for i, s in enumerate(self.sections) if s.id == select_id), 0)
        if self.sections:
            self.section_list.blockSignals(True)
            self.section_list.setCurrentRow(row)
            self.section_list.blockSignals(False)
            if load or self.sections[row].id != self.editing_id:
                self._load_section(self.sections[row])
        elif load:  # none left (the last deleted, or its adding undone)
            self.editing_id = None
            self.section_title.clear()
            self.editor.clear()
            self.answers_view.clear()

    def _section_picked(self, row: int) -> None:
        """The owner picked a section: the text being typed is saved first."""
        if not self.flush():
            # Refused: stay on the section being written; its message is under the text.
            self._show_editing_section()
            QTimer.singleShot(0, self, self._show_editing_section)
            return
        if 0 <= row < len(self.sections):
            self._load_section(self.sections[row])

    def _show_editing_section(self) -> None:
        row = next((i for i, s in enumerate(self.sections) if s.id == self.editing_id), -1)
        if row != self.section_list.currentRow():
            self.section_list.blockSignals(True)
            self.section_list.setCurrentRow(row)
            self.section_list.blockSignals(False)

    def _load_section(self, section: ph.Section) -> None:
        self.editing_id = None  # no save while the text is replaced
        self.section_title.setText(section.title)
        self.editor.setPlainText(section.body)
        self.editor.setReadOnly(self.wb.read_only)
        self.editor_error.hide()
        self.saved_label.setText("")
        self.editing_id = section.id
        self._show_answers()

    def _current_section(self) -> ph.Section | None:
        return next((s for s in self.sections if s.id == self.editing_id), None)

    def _fill_rounds(self) -> None:
        self.answers_round.blockSignals(True)
        self.answers_round.clear()
        for rnd in qn.list_rounds(self.wb):
            self.answers_round.addItem(f"{rnd.name} ({rnd.held_on})", rnd.id)
        self.answers_round.blockSignals(False)

    def _show_answers(self) -> None:
        section = self._current_section()
        round_id = self.answers_round.currentData()
        if section is None:
            self.answers_view.clear()
            return
        if section.question_id is None:
            self.answers_view.setHtml(
                "<p><i>This section is not linked to a questionnaire question. Use Edit… to "
                "show the team's answers to one beside it.</i></p>"
            )
            return
        if round_id is None:
            self.answers_view.setHtml(
                "<p><i>No questionnaire rounds yet. Ask the team first: their answers will "
                "appear here while you write.</i></p>"
            )
            return
        (view,) = qn.compare_question(self.wb, section.question_id, [round_id])
        self.answers_view.setHtml(question_answers_html(view))

    def add_section(self) -> None:
        if not self.flush():
            return
        dialog = SectionDialog(self.wb, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_sections(dialog.section_id)
            self.changed.emit()

    def edit_section(self) -> None:
        section = self._current_section()
        if section is None or not self.flush():
            return
        dialog = SectionDialog(self.wb, self._current_section(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_sections(section.id)
            self.changed.emit()

    def move_section(self, step: int) -> None:
        section = self._current_section()
        if section is None or not self.flush():
            return
        ph.move_section(self.wb, section.id, step)
        self._reload_sections(section.id)
        self.changed.emit()

    def delete_section(self) -> None:
        section = self._current_section()
        if section is None:
            return
        self.flush()  # a cancelled delete keeps what was typed
        if not dialogs.confirm(
            self,
            "Delete section",
            f"Delete the section “{section.title}” from the draft?\n\nPublished versions keep "
            "their copy.",
            "Delete",
        ):
            return
        ph.delete_section(self.wb, section.id)
        self._reload_sections()
        self.changed.emit()
