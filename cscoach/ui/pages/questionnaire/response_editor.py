"""By Person: the responses of a round beside one person's answers to every question.

A list + form on the shared ``RecordEditor``: one field for who answered and one per
question of the round. The form is built once per round and reused: loading another
response of the same round (or the same one again after a change elsewhere) only puts its
answers in the fields. Answers are saved as they are typed; there is no Save button.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.record_editor import RecordEditor, run_write
from cscoach.ui.record_fields import Field
from cscoach.ui.record_table import Column, RecordTableModel, record_list
from cscoach.ui.widgets import error_label, text_width, vbox

ANONYMOUS = -1  # "who answered" for a response that carries no name
RESPONSE_CHARACTERS = 14  # the list of responses, beside the answers being typed
CLOSED = "This round is closed. Reopen it to change answers."


class RatingInput(QWidget):
    """Five radio buttons and "no answer"; ``changed`` when another one is chosen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for score in range(1, 6):
            button = QRadioButton(str(score))
            button.setAccessibleName(f"Rating {score}")
            self.group.addButton(button, score)
            layout.addWidget(button)
        none = QRadioButton("No answer")
        self.group.addButton(none, 0)
        layout.addWidget(none)
        layout.addStretch(1)
        none.setChecked(True)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _score: int, checked: bool) -> None:
        if checked:  # the button chosen, not the one it replaced
            self.changed.emit()

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        button = self.group.button(value or 0)
        if button is not None:
            button.setChecked(True)


@dataclass(frozen=True)
class ListedResponse:
    """A response as the list shows it: "Ana", or "Response 2" in an anonymous round."""

    response: qn.Response
    label: str

    @property
    def id(self) -> int:
        return self.response.id


def _answer_key(question: qn.RoundQuestion) -> str:
    return f"answer:{question.id}"  # the field the model names in its refusals


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class ResponseEditor(QWidget):
    """Pick a response (or Add Response), who answered (or anonymous), and fill in the
    answers. Every change is saved as it is made: after a short pause in typing, on leaving
    an answer, on choosing a rating or a person, and (through ``flush``) before the form
    shows anything else. ``saved`` after each write, ``deleted`` after a deletion."""

    saved = Signal()
    deleted = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.round: qn.Round | None = None
        self.questions: list[qn.RoundQuestion] = []
        self.inputs: dict[int, QPlainTextEdit | RatingInput] = {}
        self.errors: dict[str, QLabel] = {}
        self._form: tuple | None = None  # what the form in ``answers_area`` was built for
        self._answered: set[int | None] = set()  # who has a response in the round

        self.model: RecordTableModel[ListedResponse] = RecordTableModel(
            [Column("Response", lambda row: row.label)], parent=self
        )
        self.list = record_list(self.model, "responseList")
        self.list.setAccessibleName("Responses")
        self.list.setMinimumWidth(text_width(self.list, RESPONSE_CHARACTERS))
        self.new_button = QPushButton("Add Response")
        self.new_button.setObjectName("newResponse")
        self.new_button.setToolTip("Type in one person's answers (Ctrl+Shift+N)")
        self.new_button.setShortcut("Ctrl+Shift+N")
        self.new_button.clicked.connect(self.new_response)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        self.splitter = list_form_splitter(
            left, "responsesSplitter", left, self._build_form(), (24, 100), stretch=(0, 1)
        )
        vbox(self.splitter, parent=self)

        # Who answered: the people who have not answered yet (and the one who did).
        self.member_field = Field(
            "member",
            self.member,
            self.member.currentData,
            self._put_member,
            self.member_error,
            typed=False,
        )
        self.record_editor = RecordEditor(
            self,
            table=self.list,
            model=self.model,
            fields=[self.member_field],
            read=self._read,
            values_of=self._values_of,
            save=self._save,
            title_of=self._title_of,
            refused_new=lambda title, why: (
                f"{title[:1].upper()}{title[1:]} could not be saved: {why}"
            ),
            status=self.status,
            form_error=self.general_error,
            ready=lambda v: any(not _blank(v[_answer_key(q)]) for q in self.questions),
        )
        self.record_editor.loaded.connect(self._on_loaded)
        self.record_editor.listed.connect(self._on_listed)
        self.record_editor.saved.connect(self._on_saved)
        self.record_editor.refused.connect(self._show_refused_field)

    def _build_form(self) -> QWidget:
        self.member = QComboBox()
        self.member.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.member.setMinimumContentsLength(20)
        self.member.setObjectName("responseMember")
        self.member.setAccessibleName("Who answered")
        self.member_error = error_label("fieldError")
        self.heading = QLabel()
        self.heading.setObjectName("responseHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        self.answers_area = QScrollArea()
        self.answers_area.setWidgetResizable(True)
        self.answers_area.setFrameShape(QFrame.Shape.NoFrame)

        # Saving is automatic; Ctrl+Return saves at once (the key the form always had).
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.delete_button = QPushButton("Delete Response")
        self.delete_button.setObjectName("deleteResponse")
        self.delete_button.clicked.connect(self.delete_response)
        self.general_error = error_label("fieldError")
        self.status = autosave.status_label("responseStatus", "Answers are saved as you type them")

        top = QHBoxLayout()
        who = QLabel("Answered by")
        who.setBuddy(self.member)
        top.addWidget(who)
        top.addWidget(self.member, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.member_error)
        layout.addWidget(self.answers_area, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        return form

    # -- the round ---------------------------------------------------------------

    def show_round(self, rnd: qn.Round) -> None:
        """Show the responses of ``rnd``. The same round again (after a change elsewhere)
        keeps the response shown, read again unless it holds a change not saved yet;
        another round shows its first response (or a blank form). Callers ``flush`` first."""
        same = self.round is not None and self.round.id == rnd.id
        self.round = rnd
        self.questions = qn.round_questions(self.wb, rnd.id)
        readonly = not self._writable()
        form = (rnd.id, readonly, tuple(self.questions))
        if form != self._form:
            self._build_questions(readonly)
            self._form = form
            same = False  # a form built anew holds no one's answers yet
        self.record_editor.read_only = readonly
        self.member.setEnabled(not readonly and not rnd.anonymous)
        self.new_button.setEnabled(not readonly)
        if same:
            self.record_editor.reload()
        else:
            self._show_first()

    def _show_first(self) -> None:
        """Read the responses again and show the first one (a blank form when none)."""
        self.record_editor.current_id = None
        self.record_editor.reload(None)
        first = self.model.record_at(0)
        if first is None:
            self.record_editor.start_new(focus=False, settle=False)
            return
        self.record_editor.loading = True
        try:
            self.record_editor.select_row(0)
        finally:
            self.record_editor.loading = False
        self.record_editor.load(first)

    def _writable(self) -> bool:
        return self.round is not None and not self.wb.read_only and not self.round.closed

    def _read(self) -> list[ListedResponse]:
        rnd = self.round
        if rnd is None:
            return []
        responses = qn.list_responses(self.wb, rnd.id)
        if rnd.anonymous:
            responses.sort(key=lambda r: (r.shuffle_key, r.id))
        return [
            ListedResponse(response, qn.response_label(rnd, response, number))
            for number, response in enumerate(responses, start=1)
        ]

    def _build_questions(self, readonly: bool) -> None:
        """A heading per section, and a field and an error label per question."""
        self.inputs.clear()
        self.errors.clear()
        fields = [self.member_field]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 12, 0)
        section = None
        for number, q in enumerate(self.questions, start=1):
            if q.section != section:
                section = q.section
                heading = QLabel(section)
                heading.setObjectName("sectionHeading")
                heading.setTextFormat(Qt.TextFormat.PlainText)
                heading.setStyleSheet(
                    f"font-weight: 600; font-size: {style.pt(13)}pt; margin-top: 10px;"
                )
                layout.addWidget(heading)
            label = QLabel(f"{number}. {q.text}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
            error = error_label("fieldError")
            widget: QPlainTextEdit | RatingInput
            if q.kind == "rating":
                widget = RatingInput()
                widget.setEnabled(not readonly)
                field = Field(
                    _answer_key(q),
                    widget,
                    widget.value,
                    widget.set_value,
                    error,
                    typed=False,
                    signal=widget.changed,
                )
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setMinimumHeight(72)
                widget.setMaximumHeight(120)
                widget.setReadOnly(readonly)
                field = Field.text(_answer_key(q), widget, error)
            widget.setAccessibleName(f"Answer to question {number}")
            widget.setObjectName(f"answer{number}")
            label.setBuddy(widget)
            layout.addWidget(widget)
            layout.addWidget(error)
            self.inputs[q.id] = widget
            self.errors[_answer_key(q)] = error
            fields.append(field)
        layout.addStretch(1)
        self.answers_area.setWidget(body)  # deletes the form shown before
        self.record_editor.set_fields(fields)

    # -- the form ----------------------------------------------------------------

    def _put_member(self, member: int | None) -> None:
        rnd = self.round
        self.member.clear()
        if rnd is None:
            return
        if rnd.anonymous:
            self.member.addItem("Anonymous (this round records no names)", ANONYMOUS)
            return
        self.member.addItem("Choose who answered…", None)
        for person in team.list_members(self.wb):
            if person.id == member or (person.active and person.id not in self._answered):
                self.member.addItem(person.name, person.id)
        self.member.addItem("Anonymous (no name)", ANONYMOUS)
        if member is not None:
            self.member.setCurrentIndex(max(self.member.findData(member), 0))

    def _values_of(self, row: ListedResponse | None) -> dict[str, object]:
        rnd = self.round
        response = row.response if row is not None else None
        if response is None:
            member = ANONYMOUS if rnd is not None and rnd.anonymous else None
        else:
            member = response.member_id if response.member_id is not None else ANONYMOUS
        values: dict[str, object] = {"member": member}
        for q in self.questions:
            answer = response.answers.get(q.id, qn.Answer()) if response else qn.Answer()
            values[_answer_key(q)] = answer.rating if q.kind == "rating" else answer.text
        return values

    def _title_of(self, values: dict[str, object]) -> str:
        member = values.get("member")
        index = self.member.findData(member) if member not in (None, ANONYMOUS) else -1
        if index < 0:
            return "the answers being typed"
        return f"the answers from {self.member.itemText(index)}"

    @property
    def response(self) -> qn.Response | None:
        """The response in the form, or None while the form is for a new one."""
        row = self.record_editor.current()
        return row.response if row is not None else None

    def answers(self) -> dict[int, str | int | None]:
        values = self.record_editor.values()
        return {q.id: values[_answer_key(q)] for q in self.questions}  # type: ignore[misc]

    def _on_listed(self) -> None:
        self._answered = {row.response.member_id for row in self.model.records()}

    def _on_loaded(self) -> None:
        response = self.response
        if response is None:
            self.heading.setText("New response")
        else:
            self.heading.setText(f"Response from {response.member_name or 'someone anonymous'}")
        self.delete_button.setVisible(self.record_editor.current_id is not None)
        self.delete_button.setEnabled(self._writable())
        self.answers_area.verticalScrollBar().setValue(0)
        if self.round is not None and self.round.closed:
            self.general_error.setText(CLOSED)
            self.general_error.show()

    def _show_refused_field(self, field: str) -> None:
        label = self.errors.get(field)
        if label is not None:
            self.answers_area.ensureWidgetVisible(label)

    # -- saving ------------------------------------------------------------------

    def _save(self, response_id: int | None, values: dict[str, object]) -> int:
        assert self.round is not None
        member = values["member"]
        if member is None:
            raise ValidationError("member", "Choose who answered, or “Anonymous”.")
        return qn.save_response(
            self.wb,
            self.round.id,
            None if member == ANONYMOUS else int(member),  # type: ignore[call-overload]
            {q.id: values[_answer_key(q)] for q in self.questions},  # type: ignore[misc]
            response_id=response_id,
        )

    def _on_saved(self, _added: bool) -> None:
        member = self.record_editor.loaded_values["member"]
        self._answered.add(None if member == ANONYMOUS else member)  # type: ignore[arg-type]
        who = "someone anonymous" if member == ANONYMOUS else self.member.currentText()
        self.heading.setText(f"Response from {who}")
        self.delete_button.setVisible(True)
        self.delete_button.setEnabled(True)
        self.saved.emit()

    def flush(self) -> bool:
        """Save the answers now if they changed; False when they were refused."""
        return self.record_editor.flush()

    def save(self) -> int | None:
        """Save now (Ctrl+Return; otherwise done as the owner types). The response's id,
        or None when there is none yet or the answers were refused."""
        if not self.record_editor.flush():
            return None
        if self.record_editor.current_id is not None and self._writable():
            self.status.setText(autosave.SAVED)
        return self.record_editor.current_id

    # -- actions -----------------------------------------------------------------

    def new_response(self) -> None:
        """A blank form for one more person's answers (Add Response, Ctrl+Shift+N)."""
        if self.round is None or not self.record_editor.start_new(focus=False):
            return
        if self.member.isEnabled():
            self.member.setFocus()
        elif self.inputs:  # an anonymous round: nobody to choose, the first answer
            next(iter(self.inputs.values())).setFocus()

    def delete_response(self) -> None:
        response = self.response
        if response is None or not self._writable():
            return
        self.record_editor.flush()  # so a cancelled delete keeps what was typed
        who = response.member_name or "this anonymous person"
        if not dialogs.confirm(
            self, "Delete response", f"Delete every answer from {who} in this round?", "Delete"
        ):
            return
        if not run_write(self, "delete this response", qn.delete_response, self.wb, response.id):
            return
        self.record_editor.forget()
        self._show_first()
        self.deleted.emit()
