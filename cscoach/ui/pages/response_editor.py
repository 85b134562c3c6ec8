"""One person's answers to every question of a round, in one form.

The form is built once per round and reused: loading another response of the same round
(or the same one again after a change elsewhere) only puts its answers in the fields.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from cscoach.ui import style
from cscoach.ui.widgets import error_label

ANONYMOUS = -1


class RatingInput(QWidget):
    """Five radio buttons and "no answer"."""

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

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        button = self.group.button(value or 0)
        if button is not None:
            button.setChecked(True)


class ResponseEditor(QWidget):
    """Pick who answered (or anonymous), fill in every answer, save once."""

    saved = Signal(int)
    deleted = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.round: qn.Round | None = None
        self.response: qn.Response | None = None
        self.inputs: dict[int, QPlainTextEdit | RatingInput] = {}
        self.errors: dict[str, QLabel] = {}
        self._form: tuple | None = None  # what the form in ``scroll`` was built for

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

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.save_button = QPushButton("Save Answers")
        self.save_button.setObjectName("saveResponse")
        self.save_button.setToolTip("Save every answer in this form (Ctrl+Return)")
        self.save_button.setShortcut("Ctrl+Return")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("Delete Response")
        self.delete_button.setObjectName("deleteResponse")
        self.delete_button.clicked.connect(self._delete)
        self.general_error = error_label("fieldError")

        top = QHBoxLayout()
        top.addWidget(QLabel("Answered by"))
        top.addWidget(self.member, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.member_error)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

    def load(
        self,
        rnd: qn.Round,
        response: qn.Response | None,
        answered: set[int | None] | None = None,
    ) -> None:
        """Show ``response`` of ``rnd`` for editing, or an empty form when None.

        ``answered``: the member ids of the round's responses, if the caller has them
        (else they are read from the workbook)."""
        self.round, self.response = rnd, response
        self._fill_members(answered)
        self._build_questions()
        writable = not self.wb.read_only and not rnd.closed
        self.save_button.setEnabled(writable)
        self.delete_button.setVisible(response is not None)
        self.delete_button.setEnabled(writable)
        self.member.setEnabled(writable and not rnd.anonymous)
        if response is None:
            self.heading.setText("New response")
        else:
            self.heading.setText(f"Response from {response.member_name or 'someone anonymous'}")
        if rnd.closed:
            self.general_error.setText("This round is closed. Reopen it to change answers.")
            self.general_error.show()

    def _fill_members(self, answered: set[int | None] | None = None) -> None:
        assert self.round is not None
        self.member.clear()
        if self.round.anonymous:
            self.member.addItem("Anonymous (this round records no names)", ANONYMOUS)
            return
        if answered is None:
            answered = {r.member_id for r in qn.list_responses(self.wb, self.round.id)}
        current = self.response.member_id if self.response else None
        self.member.addItem("Choose who answered…", None)
        for person in team.list_members(self.wb):
            if person.id == current or (person.active and person.id not in answered):
                self.member.addItem(person.name, person.id)
        self.member.addItem("Anonymous (no name)", ANONYMOUS)
        if self.response is not None:
            index = self.member.findData(current if current is not None else ANONYMOUS)
            self.member.setCurrentIndex(max(index, 0))

    def _build_questions(self) -> None:
        """Put the response's answers in the form, building the form first if this round
        (or whether it can be changed) differs from the one it was built for."""
        assert self.round is not None
        questions = qn.round_questions(self.wb, self.round.id)
        readonly = self.wb.read_only or self.round.closed
        form = (self.round.id, readonly, tuple(questions))
        if form != self._form:
            self._build_form(questions, readonly)
            self._form = form
        answers = self.response.answers if self.response else {}
        for q in questions:
            answer = answers.get(q.id, qn.Answer())
            widget = self.inputs[q.id]
            if isinstance(widget, RatingInput):
                widget.set_value(answer.rating)
            elif widget.toPlainText() != answer.text:
                widget.setPlainText(answer.text)
        for error in self.errors.values():
            error.hide()
        self.member_error.hide()
        self.general_error.hide()
        self.scroll.verticalScrollBar().setValue(0)

    def _build_form(self, questions: list[qn.RoundQuestion], readonly: bool) -> None:
        """A heading per section, and a field and an error label per question."""
        self.inputs.clear()
        self.errors.clear()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 12, 0)
        section = None
        for number, q in enumerate(questions, start=1):
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
            widget: QPlainTextEdit | RatingInput
            if q.kind == "rating":
                widget = RatingInput()
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setMinimumHeight(72)
                widget.setMaximumHeight(120)
                widget.setReadOnly(readonly)
            widget.setAccessibleName(f"Answer to question {number}")
            widget.setObjectName(f"answer{number}")
            widget.setEnabled(not readonly or q.kind != "rating")
            label.setBuddy(widget)
            layout.addWidget(widget)
            error = error_label("fieldError")
            layout.addWidget(error)
            self.inputs[q.id] = widget
            self.errors[f"answer:{q.id}"] = error
        layout.addStretch(1)
        self.scroll.setWidget(body)  # deletes the form shown before

    def answers(self) -> dict[int, str | int | None]:
        return {
            qid: (w.value() if isinstance(w, RatingInput) else w.toPlainText())
            for qid, w in self.inputs.items()
        }

    def save(self) -> int | None:
        if self.round is None:
            return None
        for label in [self.member_error, self.general_error, *self.errors.values()]:
            label.hide()
        member = self.member.currentData()
        if member is None:
            self.member_error.setText("Choose who answered, or “Anonymous”.")
            self.member_error.show()
            self.member.setFocus()
            return None
        try:
            response_id = qn.save_response(
                self.wb,
                self.round.id,
                None if member == ANONYMOUS else member,
                self.answers(),
                response_id=self.response.id if self.response else None,
            )
        except ValidationError as exc:
            label = self.errors.get(exc.field) or (
                self.member_error if exc.field == "member" else self.general_error
            )
            label.setText(exc.message)
            label.show()
            self.scroll.ensureWidgetVisible(label)
            return None
        self.saved.emit(response_id)
        return response_id

    def _delete(self) -> None:
        from cscoach.ui import dialogs

        if self.response is None:
            return
        who = self.response.member_name or "this anonymous person"
        if not dialogs.confirm(
            self, "Delete response", f"Delete every answer from {who} in this round?", "Delete"
        ):
            return
        qn.delete_response(self.wb, self.response.id)
        self.deleted.emit()
