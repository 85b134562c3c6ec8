"""One person's answers to every question of a round, in one form.

The form is built once per round and reused: loading another response of the same round
(or the same one again after a change elsewhere) only puts its answers in the fields.
Answers are saved as they are typed; there is no Save button.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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
from cscoach.model.errors import CsCoachError, ValidationError, describe_failure
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, style
from cscoach.ui.widgets import error_label, show_message

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
    """Pick who answered (or anonymous) and fill in the answers. Every change is saved as it
    is made: after a short pause in typing, on leaving an answer, on choosing a rating or a
    person, and (through ``flush``) before the form shows anything else."""

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
        self._loaded: tuple | None = None  # the form as last read from or saved to the workbook
        self._loading = False  # the form is being filled: no edits, no saves
        self._refusal: str | None = None  # why the last save was refused
        self.save_timer = autosave.save_timer(self, self.flush)

        self.member = QComboBox()
        self.member.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.member.setMinimumContentsLength(20)
        self.member.setObjectName("responseMember")
        self.member.setAccessibleName("Who answered")
        self.member.currentIndexChanged.connect(lambda _i: self._choice_made())
        self.member_error = error_label("fieldError")
        self.heading = QLabel()
        self.heading.setObjectName("responseHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        # Saving is automatic; Ctrl+Return saves at once (the key the form always had).
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.delete_button = QPushButton("Delete Response")
        self.delete_button.setObjectName("deleteResponse")
        self.delete_button.clicked.connect(self._delete)
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
        (else they are read from the workbook). Whatever the form held before is dropped:
        callers ``flush`` first."""
        self.save_timer.stop()
        self._loading = True
        try:
            self.round, self.response = rnd, response
            self._fill_members(answered)
            self._build_questions()
        finally:
            self._loading = False
        self._loaded = self._form_state()
        self._refusal = None
        self.status.setText("")
        writable = self._writable()
        self.delete_button.setVisible(response is not None)
        self.delete_button.setEnabled(writable)
        self.member.setEnabled(writable and not rnd.anonymous)
        self._show_heading()
        if rnd.closed:
            self.general_error.setText("This round is closed. Reopen it to change answers.")
            self.general_error.show()

    def _show_heading(self) -> None:
        if self.response is None:
            self.heading.setText("New response")
        else:
            who = self.response.member_name or "someone anonymous"
            self.heading.setText(f"Response from {who}")

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
        self._hide_errors()
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
                widget.group.idToggled.connect(lambda _id, checked: checked and self._choice_made())
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setMinimumHeight(72)
                widget.setMaximumHeight(120)
                widget.setReadOnly(readonly)
                widget.textChanged.connect(self._edited)
                widget.installEventFilter(self)  # leaving an answer saves it
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

    # -- saving ------------------------------------------------------------------

    def _form_state(self) -> tuple:
        return (self.member.currentData(), tuple(sorted(self.answers().items())))

    def _writable(self) -> bool:
        return self.round is not None and not self.wb.read_only and not self.round.closed

    def is_dirty(self) -> bool:
        """Whether the form holds something the workbook does not."""
        if self._loaded is None or not self._writable():
            return False
        if self.response is None and self._blank():
            return False  # a new response is only made once something is answered
        return self._form_state() != self._loaded

    def _blank(self) -> bool:
        return all(
            value is None or (isinstance(value, str) and not value.strip())
            for value in self.answers().values()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut and not self._loading:
            self.flush()
        return super().eventFilter(watched, event)

    def _edited(self) -> None:
        if self._loading or not self._writable():
            return
        self.status.setText("")
        self.save_timer.start()

    def _choice_made(self) -> None:
        """A rating or the person was chosen: saved at once."""
        if not self._loading:
            self.flush()

    def flush(self) -> bool:
        """Save the form now if it holds a change. True when nothing is left unsaved; False
        when the change was refused (its message is shown next to the field and nothing
        was written)."""
        self.save_timer.stop()
        if self._loading or not self.is_dirty():
            return True
        return self._write() is not None

    def save(self) -> int | None:
        """Save now (Ctrl+Return; otherwise done as the owner types). The response's id,
        or None when there is none yet or the answers were refused."""
        if not self.flush():
            return None
        if self.response is not None and self._writable():
            self.status.setText(autosave.SAVED)
        return self.response.id if self.response else None

    def problem(self) -> str | None:
        """Why the answers in the form could not be saved, if they could not."""
        if not self.is_dirty():
            return None
        return self._refusal

    def _write(self) -> int | None:
        """One call to the model with the whole form. The response's id, or None."""
        assert self.round is not None
        self._hide_errors()
        state = self._form_state()
        member, answers = state[0], dict(state[1])
        name = self.member.currentText() if member not in (None, ANONYMOUS) else ""
        who = f"from {name}" if name else "being typed"
        if member is None:
            return self._refuse(self.member_error, "Choose who answered, or “Anonymous”.", who)
        try:
            response_id = qn.save_response(
                self.wb,
                self.round.id,
                None if member == ANONYMOUS else member,
                answers,
                response_id=self.response.id if self.response else None,
            )
        except ValidationError as exc:
            label = self.errors.get(exc.field) or (
                self.member_error if exc.field == "member" else self.general_error
            )
            return self._refuse(label, exc.message, who)
        except (CsCoachError, sqlite3.Error) as exc:
            text = exc.message if isinstance(exc, CsCoachError) else describe_failure(exc)
            return self._refuse(self.general_error, text, who)
        self._loaded = state
        self._refusal = None
        self.response = qn.get_response(self.wb, response_id)
        self._show_heading()
        self.delete_button.setVisible(True)
        self.delete_button.setEnabled(True)
        self.status.setText(autosave.SAVED)
        self.saved.emit(response_id)
        return response_id

    def _refuse(self, label: QLabel, message: str, who: str) -> None:
        show_message(label, message)
        if label in self.errors.values():
            self.scroll.ensureWidgetVisible(label)
        self.status.setText(autosave.NOT_SAVED)
        self._refusal = f"The answers {who} could not be saved: {message}"
        return None

    def _hide_errors(self) -> None:
        for label in [self.member_error, self.general_error, *self.errors.values()]:
            label.hide()

    def _delete(self) -> None:
        from cscoach.ui import dialogs

        if self.response is None:
            return
        self.flush()  # so a cancelled delete keeps what was typed
        who = self.response.member_name or "this anonymous person"
        if not dialogs.confirm(
            self, "Delete response", f"Delete every answer from {who} in this round?", "Delete"
        ):
            return
        self.save_timer.stop()
        qn.delete_response(self.wb, self.response.id)
        self.deleted.emit()
