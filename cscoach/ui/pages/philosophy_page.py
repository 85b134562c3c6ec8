"""The Philosophy page: write each section beside what the team said, keep the core values,
publish numbered versions and see what changed between them.

The section text and the core-value form save as the owner types. Before the page shows
another section, value, tab or page (and before the window closes) the change in progress
is saved; one the model refuses keeps its message next to the field and the owner where
they are."""

from __future__ import annotations

import sqlite3
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model.dates import long_date
from cscoach.model.errors import CsCoachError, ValidationError, describe_failure
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.answers_html import question_answers_html
from cscoach.ui.pages.base import Page
from cscoach.ui.widgets import HtmlView, error_label, set_role, show_message

INTRO = (
    "Turn the team's answers into your own customer-service philosophy. Write each section "
    "while reading what the team said, publish a version when you agree on it, and come back "
    "to it regularly."
)


def content_html(content: ph.VersionContent) -> str:
    parts = [f"<h2>{escape(content.label)}</h2>"]
    if content.version and content.version.note:
        parts.append(f"<p><i>{escape(content.version.note)}</i></p>")
    if content.values:
        parts.append("<h3>Our core values</h3>")
        for name, meaning in content.values:
            parts.append(f"<p><b>{escape(name)}</b><br>{_para(meaning)}</p>")
    for title, body in content.sections:
        if body.strip():
            parts.append(f"<h3>{escape(title)}</h3><p>{_para(body)}</p>")
    return "".join(parts)


def changes_html(changes: list[ph.SectionChange]) -> str:
    """Changed sections with removed words struck through and added words underlined."""
    if not changes:
        return "<p><i>No differences.</i></p>"
    parts = [
        "<p class='muted'>Removed words are <s class='removed'>struck through</s>;"
        " added words are <u class='added'>underlined</u>.</p>"
    ]
    for change in changes:
        parts.append(f"<h3>{escape(change.title)} <small>({change.kind})</small></h3><p>")
        for op, words in change.words:
            if op == "added":
                parts.append(f"<u class='added'>{_para(words)}</u>")
            elif op == "removed":
                parts.append(f"<s class='removed'>{_para(words)}</s>")
            else:
                parts.append(_para(words))
        parts.append("</p>")
    return "".join(parts)


def _para(value: str) -> str:
    return escape(value).replace("\n", "<br>")


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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
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


class PhilosophyPage(Page):
    title = "Philosophy"
    tip = (
        "Write it down in your own words and come back to it regularly: the values you agree "
        "on here are the ones you hire for and set standards by."
    )
    subtitle = INTRO

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("philosophyPage")
        self.editing_id: int | None = None
        self.save_timer = autosave.save_timer(self, self.flush)
        self.value_timer = autosave.save_timer(self, self.flush_value)
        self._value_loaded: tuple[str, str] = ("", "")  # the value form as last read or saved
        self._value_loading = False  # the value form is being filled: no saves
        self._value_refusal: str | None = None  # why the last save of a value was refused
        self._values_stale = False  # a save asked for the list of values to be shown again
        self._settling = False  # a tab is being put back after a refused change

        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        self.review_months = QSpinBox()
        self.review_months.setObjectName("reviewMonths")
        self.review_months.setRange(1, 60)
        self.review_months.setSuffix(" months")
        self.review_months.setAccessibleName("Review the philosophy every")
        self.review_months.valueChanged.connect(self._review_months_changed)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setObjectName("publish")
        self.publish_button.setToolTip("Save the draft as a numbered version that never changes")
        self.publish_button.clicked.connect(self.publish)
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printPhilosophy")
        self.print_button.clicked.connect(lambda: self.print_version(None, draft=True))
        self.print_button.setToolTip("Print the draft as it stands")

        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(QLabel("Review every"))
        status_row.addWidget(self.review_months)
        status_row.addSpacing(12)
        status_row.addWidget(self.print_button)
        status_row.addWidget(self.publish_button)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("philosophyTabs")
        self.tabs.addTab(self._build_write_tab(), "Write")
        self.tabs.addTab(self._build_values_tab(), "Core Values")
        self.tabs.addTab(self._build_versions_tab(), "Published Versions")
        self._tab_index = 0
        self.tabs.currentChanged.connect(self._tab_changed)

        self.page_layout.addLayout(status_row)
        self.page_layout.addWidget(self.tabs, 1)
        self.reload()
        label_form_fields(self)

    # -- the Write tab ---------------------------------------------------------

    def _build_write_tab(self) -> QWidget:
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setAccessibleName("Sections")
        self.section_list.currentRowChanged.connect(self._section_picked)
        add = QPushButton("Add…")
        add.setObjectName("addSection")
        add.clicked.connect(self.add_section)
        edit = QPushButton("Edit…")
        edit.setObjectName("editSection")
        edit.clicked.connect(self.edit_section)
        up = QPushButton("↑")
        up.setAccessibleName("Move section up")
        up.clicked.connect(lambda: self.move_section(-1))
        down = QPushButton("↓")
        down.setAccessibleName("Move section down")
        down.clicked.connect(lambda: self.move_section(1))
        delete = QPushButton("Delete")
        delete.setObjectName("deleteSection")
        delete.clicked.connect(self.delete_section)
        self.section_buttons = [add, edit, up, down, delete]
        buttons = QHBoxLayout()
        for b in self.section_buttons:
            buttons.addWidget(b)
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
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.section_title)
        middle_layout.addWidget(self.editor, 1)
        middle_layout.addWidget(self.editor_error)
        middle_layout.addWidget(self.saved_label)

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
        if event.type() == QEvent.Type.FocusOut:
            if watched is self.editor:
                self.flush()
            elif watched is self.value_meaning:
                self._value_left()
        return super().eventFilter(watched, event)

    def _text_changed(self) -> None:
        if self.editing_id is not None and not self.wb.read_only:
            self.saved_label.setText("Saving…")
            self.save_timer.start()

    def save_pending(self) -> str | None:
        problems = []
        if not self.flush():
            problems.append(
                f"The text of “{self.section_title.text()}” could not be saved: "
                + self.editor_error.text()
            )
            self._put_back(0)
        if not self.flush_value():
            problems.append(self._value_refusal or "The core value being edited is not saved.")
            self._put_back(1)
        return "\n\n".join(problems) or None

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        """Showing another page saves what is being typed here (a refused change keeps
        its message, and ``save_pending`` names it before the window closes)."""
        if not event.spontaneous():
            self.flush()
            self.flush_value()
        super().hideEvent(event)

    def _tab_changed(self, index: int) -> None:
        """Another tab: the form left is saved first; a refused change keeps its tab."""
        if self._settling:
            return
        left = {0: self.flush, 1: self.flush_value}.get(self._tab_index)
        if left is not None and not left():
            self._put_back(self._tab_index)
            return
        self._tab_index = index

    def _put_back(self, index: int) -> None:
        self._settling = True
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self._settling = False
        self._tab_index = index

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
            self.saved_label.setText("All changes saved.")
            return True
        try:
            ph.save_section_body(self.wb, self.editing_id, text)
        except (CsCoachError, sqlite3.Error) as exc:
            message = exc.message if isinstance(exc, CsCoachError) else describe_failure(exc)
            show_message(self.editor_error, message)
            self.saved_label.setText(autosave.NOT_SAVED)
            return False
        self.editor_error.hide()
        self.sections = ph.list_sections(self.wb)
        self.saved_label.setText("All changes saved.")
        self._update_status()
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

    # -- the Core Values tab ---------------------------------------------------

    def _build_values_tab(self) -> QWidget:
        hint = QLabel(
            "A few short values, each with what it means in practice. Standards, hiring "
            "criteria and KPIs link to them, so keep the list short enough to remember."
        )
        hint.setWordWrap(True)
        self.value_list = QListWidget()
        self.value_list.setObjectName("valueList")
        self.value_list.setAccessibleName("Core values")
        self.value_list.currentRowChanged.connect(self._value_picked)
        self.value_name = QLineEdit()
        self.value_name.setObjectName("valueName")
        self.value_name.setAccessibleName("Value name")
        self.value_name.setPlaceholderText("e.g. Own the problem")
        self.value_name.textChanged.connect(self._value_edited)
        self.value_name.editingFinished.connect(self._value_left)  # Enter, or leaving it
        self.value_meaning = QPlainTextEdit()
        self.value_meaning.setObjectName("valueMeaning")
        self.value_meaning.setAccessibleName("What it means in practice")
        self.value_meaning.setTabChangesFocus(True)
        self.value_meaning.setFixedHeight(100)
        self.value_meaning.textChanged.connect(self._value_edited)
        self.value_meaning.installEventFilter(self)  # leaving it saves it
        self.value_errors = {
            "name": error_label("fieldError"),
            "meaning": error_label("fieldError"),
        }
        self.value_links = QLabel()
        self.value_links.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("Value", self.value_name)
        form.addRow("", self.value_errors["name"])
        form.addRow("What it means", self.value_meaning)
        form.addRow("", self.value_errors["meaning"])
        form.addRow("", self.value_links)
        self.culture_link = QPushButton("See everything that serves it on the culture map ›")
        self.culture_link.setObjectName("cultureMapLink")
        self.culture_link.setProperty("role", "link")
        self.culture_link.clicked.connect(
            lambda: (
                self.value_id is not None
                and self.open_item_requested.emit("overview", "value", self.value_id)
            )
        )
        form.addRow("", self.culture_link)
        self.new_value_button = QPushButton("New Value")
        self.new_value_button.setObjectName("newValue")
        self.new_value_button.setToolTip("An empty form: the value is added as you type it")
        self.new_value_button.clicked.connect(self.new_value)
        self.value_status = autosave.status_label(
            "valueStatus", "Values are saved as you type them"
        )
        up = QPushButton("Move Up")
        up.clicked.connect(lambda: self.move_value(-1))
        down = QPushButton("Move Down")
        down.clicked.connect(lambda: self.move_value(1))
        self.delete_value_button = QPushButton("Delete")
        self.delete_value_button.setObjectName("deleteValue")
        self.delete_value_button.clicked.connect(self.delete_value)
        self.value_buttons = [self.new_value_button, up, down, self.delete_value_button]
        buttons = QHBoxLayout()
        for b in self.value_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.value_status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(form)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.value_list)
        splitter.addWidget(right)
        splitter.setSizes([300, 700])
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        self.value_id: int | None = None
        return widget

    def _reload_values(self, select_id: int | None = None) -> None:
        """Read the values again and show ``select_id`` in the form (else a new value)."""
        self._fill_value_list(select_id)
        value = next((v for v in self.values if v.id == select_id), None)
        if value is not None:
            self._show_value(value)
        else:
            self._clear_value_form()

    def _fill_value_list(self, select_id: int | None) -> None:
        """Read the values and list them with ``select_id`` selected; the form is left as
        it is."""
        self._values_stale = False
        self.values = ph.list_values(self.wb)
        self.value_list.blockSignals(True)
        self.value_list.clear()
        for v in self.values:
            item = QListWidgetItem(v.name)
            item.setToolTip(v.meaning)
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            self.value_list.addItem(item)
        row = next((i for i, v in enumerate(self.values) if v.id == select_id), -1)
        self.value_list.setCurrentRow(row)
        self.value_list.blockSignals(False)

    def _show_stale_values(self) -> None:
        """List the values again after a save if the page is shown (else when it is next
        shown: a page being closed with its workbook is not read again)."""
        if self._values_stale and self.isVisible():
            self._fill_value_list(self.value_id)

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_values()

    def _value_picked(self, row: int) -> None:
        """The owner picked a value: the one being edited is saved first."""
        if not 0 <= row < len(self.values) or self.values[row].id == self.value_id:
            return
        target = self.values[row].id
        if not self.flush_value():
            # Refused: stay on the value being edited; its message is next to the field.
            self._select_edited_value()
            QTimer.singleShot(0, self, self._select_edited_value)
            return
        value = next((v for v in self.values if v.id == target), None)
        if value is not None:
            self._show_value(value)

    def _select_edited_value(self) -> None:
        row = next((i for i, v in enumerate(self.values) if v.id == self.value_id), -1)
        self.value_list.blockSignals(True)
        if row < 0:
            self.value_list.clearSelection()
        self.value_list.setCurrentRow(row)
        self.value_list.blockSignals(False)

    def _show_value(self, value: ph.CoreValue) -> None:
        self._set_value_form(value.id, value.name, value.meaning)
        self._show_value_links()

    def _show_value_links(self) -> None:
        if self.value_id is None:
            self.value_links.clear()
            self.culture_link.hide()
            return
        links = ph.value_links(self.wb, self.value_id)
        self.value_links.setText(
            f"Served by {links['standards']} standard(s), {links['criteria']} hiring "
            f"criterion/criteria and {links['kpis']} KPI(s)."
        )
        self.culture_link.show()

    def _set_value_form(self, value_id: int | None, name: str, meaning: str) -> None:
        self.value_timer.stop()
        self._value_loading = True
        try:
            self.value_id = value_id
            self.value_name.setText(name)
            self.value_meaning.setPlainText(meaning)
        finally:
            self._value_loading = False
        self._value_loaded = (name, meaning)
        self._value_refusal = None
        self.value_status.setText("")
        for label in self.value_errors.values():
            label.hide()

    def _clear_value_form(self) -> None:
        self._set_value_form(None, "", "")
        self._show_value_links()

    def select_item(self, kind: str, item_id: int) -> None:
        if kind == "value":
            self.tabs.setCurrentIndex(1)
            if self._tab_index == 1 and self.flush_value():
                self._reload_values(item_id)

    def new_value(self) -> None:
        """An empty form: the value is added as soon as it has a name."""
        if not self.flush_value():
            return
        self.value_list.blockSignals(True)
        self.value_list.clearSelection()
        self.value_list.setCurrentRow(-1)
        self.value_list.blockSignals(False)
        self._clear_value_form()
        self.value_name.setFocus()

    # -- saving a value ----------------------------------------------------------

    def _value_form(self) -> tuple[str, str]:
        return (self.value_name.text(), self.value_meaning.toPlainText())

    def value_is_dirty(self) -> bool:
        """Whether the value form holds something the workbook does not."""
        if self.wb.read_only:
            return False
        name, meaning = self._value_form()
        if self.value_id is None and not name.strip() and not meaning.strip():
            return False  # an empty new value: nothing to add
        return (name, meaning) != self._value_loaded

    def _value_edited(self) -> None:
        if self._value_loading or self.wb.read_only:
            return
        self.value_status.setText("")
        self.value_timer.start()

    def _value_left(self) -> None:
        if not self._value_loading:
            self.flush_value()

    def flush_value(self) -> bool:
        """Save the value form now if it holds a change. True when nothing is left unsaved;
        False when the model refused it (its message is shown next to the field and
        nothing was written)."""
        self.value_timer.stop()
        if self._value_loading or not self.value_is_dirty():
            return True
        for label in self.value_errors.values():
            label.hide()
        name, meaning = form = self._value_form()
        try:
            if self.value_id is None:
                value_id = ph.add_value(self.wb, name, meaning)
            else:
                value_id = self.value_id
                ph.update_value(self.wb, value_id, name, meaning)
        except ValidationError as exc:
            return self._refuse_value(exc.field, exc.message)
        except (CsCoachError, sqlite3.Error) as exc:
            message = exc.message if isinstance(exc, CsCoachError) else describe_failure(exc)
            return self._refuse_value("name", message)
        added = self.value_id is None
        self.value_id = value_id
        self._value_loaded = form
        self._value_refusal = None
        self.value_status.setText(autosave.SAVED)
        if added:
            self._show_value_links()
        # The list follows on the next turn of the event loop (the form is left as typed):
        # a pick in the list that saved the form by leaving it is not undone by the refresh.
        self._values_stale = True
        QTimer.singleShot(0, self, self._show_stale_values)
        self._update_status()
        self.changed.emit()
        return True

    def save_value(self) -> bool:
        """Save the value form now (otherwise done as the owner types)."""
        return self.flush_value()

    def _refuse_value(self, field: str, message: str) -> bool:
        show_message(self.value_errors.get(field, self.value_errors["name"]), message)
        self.value_status.setText(autosave.NOT_SAVED)
        what = "new core value" if self.value_id is None else "core value"
        self._value_refusal = f"The {what} being edited could not be saved: {message}"
        return False

    def move_value(self, step: int) -> None:
        if self.value_id is None or not self.flush_value():
            return
        ph.move_value(self.wb, self.value_id, step)
        self._reload_values(self.value_id)
        self.changed.emit()

    def delete_value(self) -> None:
        if self.value_id is None:
            return
        self.flush_value()  # a cancelled delete keeps what was typed
        value = next(v for v in ph.list_values(self.wb) if v.id == self.value_id)
        links = ph.value_links(self.wb, value.id)
        linked = sum(links.values())
        detail = (
            f"{linked} link(s) from standards, hiring criteria and KPIs to it will be removed. "
            if linked
            else ""
        )
        if not dialogs.confirm(
            self,
            "Delete value",
            f"Delete the value “{value.name}”?\n\n{detail}Published versions keep their copy.",
            "Delete",
        ):
            return
        ph.delete_value(self.wb, value.id)
        self._reload_values()
        self._update_status()
        self.changed.emit()

    # -- the Versions tab ------------------------------------------------------

    def _build_versions_tab(self) -> QWidget:
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setAccessibleName("Published versions")
        # A long note wraps inside the list rather than hiding behind a sideways scroll bar.
        self.version_list.setWordWrap(True)
        self.version_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.version_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.version_list.currentRowChanged.connect(self._version_selected)
        self.version_view = HtmlView()
        self.version_view.setObjectName("versionView")
        self.version_view.setAccessibleName("The chosen version")
        self.print_version_button = QPushButton("Print This Version…")
        self.print_version_button.setObjectName("printVersion")
        self.print_version_button.clicked.connect(self._print_selected_version)
        self.compare_a = QComboBox()
        self.compare_a.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare_a.setMinimumContentsLength(20)
        self.compare_a.setObjectName("compareVersionA")
        self.compare_a.setAccessibleName("Older version")
        self.compare_b = QComboBox()
        self.compare_b.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare_b.setMinimumContentsLength(20)
        self.compare_b.setObjectName("compareVersionB")
        self.compare_b.setAccessibleName("Newer version")
        compare_button = QPushButton("Show Changes")
        compare_button.setObjectName("showChanges")
        compare_button.clicked.connect(self.show_changes)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel("What changed from"))
        compare_row.addWidget(self.compare_a, 1)
        compare_row.addWidget(QLabel("to"))
        compare_row.addWidget(self.compare_b, 1)
        compare_row.addWidget(compare_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.version_list, 1)
        left_layout.addWidget(self.print_version_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.version_view)
        splitter.setSizes([280, 720])
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addLayout(compare_row)
        layout.addWidget(splitter, 1)
        return widget

    def _reload_versions(self) -> None:
        self.versions = ph.list_versions(self.wb)
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for v in self.versions:
            note = f"\n{v.note}" if v.note else ""
            item = QListWidgetItem(f"Version {v.number} — {long_date(v.published_on)}{note}")
            item.setData(Qt.ItemDataRole.UserRole, v.number)
            if v.note:
                item.setToolTip(v.note)
            self.version_list.addItem(item)
        self.version_list.blockSignals(False)
        for combo in (self.compare_a, self.compare_b):
            combo.clear()
            for v in self.versions:
                combo.addItem(f"Version {v.number} ({v.published_on})", v.number)
            combo.addItem("Draft", None)
        self.compare_a.setCurrentIndex(min(1, len(self.versions)) if self.versions else 0)
        self.compare_b.setCurrentIndex(0)
        self.print_version_button.setEnabled(bool(self.versions))
        if self.versions:
            self.version_list.setCurrentRow(0)
            self._version_selected(0)
        else:
            self.version_view.setHtml(
                "<p><i>Nothing published yet. When the team agrees on the draft, press "
                "Publish: the version is numbered and dated and never changes.</i></p>"
            )

    def _version_selected(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            content = ph.version_content(self.wb, self.versions[row].number)
            self.version_view.setHtml(content_html(content))

    def _content(self, number: int | None) -> ph.VersionContent:
        return ph.draft_content(self.wb) if number is None else ph.version_content(self.wb, number)

    def show_changes(self) -> None:
        self.flush()
        self.flush_value()
        old = self._content(self.compare_a.currentData())
        new = self._content(self.compare_b.currentData())
        heading = f"<h2>From {escape(old.label)} to {escape(new.label)}</h2>"
        self.version_list.clearSelection()
        self.version_view.setHtml(heading + changes_html(ph.compare(old, new)))

    def _print_selected_version(self) -> None:
        item = self.version_list.currentItem()
        if item is not None:
            self.print_version(item.data(Qt.ItemDataRole.UserRole))

    # -- page-wide -------------------------------------------------------------

    def reload(self) -> None:
        self._fill_rounds()
        # A change the model refused stays in its form (with its message), not replaced.
        self._reload_sections(self.editing_id, load=self.flush())
        if self.flush_value():
            self._reload_values(self.value_id)
        else:
            self._fill_value_list(self.value_id)
        self._reload_versions()
        self.review_months.blockSignals(True)
        self.review_months.setValue(ph.review_months(self.wb))
        self.review_months.blockSignals(False)
        writable = not self.wb.read_only
        for w in [
            self.publish_button,
            self.review_months,
            *self.section_buttons,
            *self.value_buttons,
            self.value_name,
            self.value_meaning,
        ]:
            w.setEnabled(writable)
        self._update_status()

    def _update_status(self) -> None:
        status = ph.review_status(self.wb)
        if status.last_published is None:
            text = "Not published yet. Publish the draft when the team agrees on it."
        else:
            number = ph.list_versions(self.wb)[0].number
            text = f"Last published {long_date(status.last_published)} (version {number}). "
            if status.due:
                text += "A review is due: read it again with the team and publish an update."
            else:
                text += f"Next review due {long_date(status.due_on)}."
            if ph.draft_differs_from_latest(self.wb):
                text += " The draft has changes that are not published."
        self.status.setText(text)
        set_role(self.status, "attentionStrong" if status.due and status.last_published else "")

    def _review_months_changed(self, months: int) -> None:
        ph.set_review_months(self.wb, months)
        self._update_status()
        self.changed.emit()

    def publish(self) -> None:
        if not self.flush() or not self.flush_value():
            return  # the refused change's message is shown next to its field
        note, ok = QInputDialog.getText(
            self,
            "Publish the philosophy",
            "The draft becomes a numbered, dated version that never changes.\n"
            "Add a note if you like (for example “after the March meeting”):",
        )
        if not ok:
            return
        try:
            number = ph.publish(self.wb, note)
        except ValidationError as exc:
            dialogs.show_error(self, "Cannot publish", exc.message)
            return
        self._reload_versions()
        self._update_status()
        self.changed.emit()
        dialogs.show_info(self, "Published", f"Version {number} is published.")

    def print_version(self, number: int | None, *, draft: bool = False) -> None:
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui.print_preview import preview

        self.flush()
        self.flush_value()
        name = "philosophy-draft.pdf" if number is None else f"philosophy-v{number}.pdf"
        request = PrintRequest("philosophy", version=number, draft=draft)
        preview(self, self.wb, request, "Our customer service philosophy", name)
