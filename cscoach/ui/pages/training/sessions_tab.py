"""The Sessions tab of the Training page: the sessions, newest first, beside the form of one,
with what needs doing above the list: refreshers overdue or coming due, and the standards
no one on the team has been trained on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from cscoach.model import standards as standards_model
from cscoach.model import training, training_record
from cscoach.model.dates import long_date
from cscoach.model.number_format import plural
from cscoach.model.training import SessionInput, TrainingSession
from cscoach.model.workbook import Workbook
from cscoach.ui.list_panel import AddingList, ListTexts, list_form_splitter
from cscoach.ui.pages.training.session_form import NO_REFRESH, OUTSIDE, SessionForm
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor
from cscoach.ui.record_fields import FormScroll
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import delete_action, plain_label, record_table, show_message, vbox

Values = dict[str, Any]
EMPTY_TEXT = (
    "No training sessions yet. Write down each one — the soft skills (listening, calming an "
    "upset customer) as well as the product — with who attended: that record shows who is "
    "ready for what, and when a refresher is due."
)
TEXTS = ListTexts(EMPTY_TEXT, "Write Down the First Session", "New Session")
DATE, TOPIC, KIND, RUN_BY, ATTENDED = range(5)


def session_columns(today: dt.date) -> list[Column[TrainingSession]]:
    return [
        Column(
            "Date",
            lambda s: s.held_on if s.held(today) else f"{s.held_on} (planned)",
            stretch=False,
            samples=("2026-12-31 (planned)",),
        ),
        Column("Topic", lambda s: s.topic, tip=lambda s: s.notes or s.topic),
        Column("Kind", lambda s: s.kind_label, stretch=False, samples=("Product and technical",)),
        Column("Run by", lambda s: s.trainer_label, tip=lambda s: s.trainer_label),
        Column(
            "Attended",
            lambda s: str(len(s.attendee_ids)),
            tip=lambda s: ", ".join(s.attendees) or "No one ticked yet",
            right=True,
            stretch=False,
            samples=("Attended",),
        ),
    ]


def values_of(session: TrainingSession) -> Values:
    trainer = {
        training.BY_OWNER: 0,
        training.BY_OUTSIDE: OUTSIDE,
    }.get(session.trainer, session.trainer_id or 0)
    return {
        "held_on": session.held_on,
        "topic": session.topic,
        "kind": session.kind,
        "trainer": trainer,
        "trainer_name": session.trainer_name if session.trainer == training.BY_OUTSIDE else "",
        "standard_ids": tuple(sorted(session.standard_ids)),
        "attendee_ids": tuple(sorted(session.attendee_ids)),
        "refresh_months": session.refresh_months or NO_REFRESH,
        "notes": session.notes,
    }


def input_of(v: Values) -> SessionInput:
    trainer = v["trainer"]
    return SessionInput(
        held_on=v["held_on"] or None,
        topic=v["topic"],
        kind=v["kind"],
        trainer_id=int(trainer) if trainer not in (None, 0, OUTSIDE) else None,
        trainer_name=v["trainer_name"] if trainer == OUTSIDE else "",
        notes=v["notes"],
        refresh_months=v["refresh_months"] or None,
        standard_ids=tuple(v["standard_ids"]),
        attendee_ids=tuple(v["attendee_ids"]),
    )


class SessionsTab(QWidget):
    """Emits ``changed`` after every write, ``print_requested(session id or 0)``."""

    changed = Signal()
    print_requested = Signal(int)

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.wb = wb
        self.fixed_today = today
        self.model: RecordTableModel[TrainingSession] = RecordTableModel(
            session_columns(self.today), parent=self
        )
        self.table = record_table(self.model, "sessionsTable")
        self.table.setAccessibleName("Training sessions")
        self.fitter = ColumnFitter(
            self.table,
            self.model.row_texts,
            TOPIC,
            least=16,
            want=40,  # a topic whole before who ran it (a trainer's name and firm is long)
            most=70,
            squeeze=(RUN_BY,),
        )
        self.needs = plain_label(object_name="trainingNeeds", role="attention", wrap=True)
        self.list_panel = AddingList(self.table, "session", TEXTS, self.start_new)
        self.list_panel.add_button.setToolTip("A blank form for a session (Insert)")
        self.form = SessionForm()
        self.form_scroll = FormScroll(self.form, "sessionFormScroll", least=40)
        self.splitter = list_form_splitter(
            self,
            "sessionsSplitter",
            self.list_panel,
            self.form_scroll,
            (84, 70),
            form_share=0.34,  # on a wide screen, room for the standards' titles
        )
        vbox(self.needs, (self.splitter, 1), parent=self, margins=(0, 8, 0, 0), spacing=8)

        self.editor: RecordEditor[TrainingSession] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="session",
            named_by="topic",
            read=lambda: training.list_sessions(self.wb),
            values_of=self._values_of,
            save=self._save,
            read_only=wb.read_only,
            prepare=self._choices_for,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.form.delete_button.clicked.connect(self.delete_session)
        self.form.print_button.clicked.connect(
            lambda: self.print_requested.emit(self.editor.current_id or 0)
        )
        self.table.doubleClicked.connect(lambda _index: self.form.topic_edit.setFocus())
        self.delete_key = delete_action(self.table, "Delete Session…", self.delete_session)
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            self.list_panel.set_read_only(READ_ONLY_TIP)
            self.form.set_read_only()
            self.delete_key.setEnabled(False)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        self.editor.refill(lambda: self._choices_for(self.editor.current()))
        self.editor.reload()

    def _choices_for(self, session: TrainingSession | None) -> None:
        """Who can run it and attend (those on the team, and this session's people even
        if they left) and the standards."""
        trainer = session.trainer_id if session is not None else None
        people = session.attendee_ids if session is not None else ()
        self.form.set_choices(
            training.trainer_choices(self.wb, trainer),
            training.attendee_choices(self.wb, people),
            standards_model.list_standards(self.wb),
        )

    def _values_of(self, session: TrainingSession | None) -> Values:
        if session is not None:
            return values_of(session)
        return {
            "held_on": self.today.isoformat(),
            "topic": "",
            "kind": training.SOFT_SKILLS,
            "trainer": 0,
            "trainer_name": "",
            "standard_ids": (),
            "attendee_ids": (),
            "refresh_months": NO_REFRESH,
            "notes": "",
        }

    def _on_listed(self) -> None:
        sessions = self.model.records()
        held = sum(1 for s in sessions if s.held(self.today))
        text = plural(held, "session")
        if len(sessions) > held:
            text += f" · {len(sessions) - held} planned"
        self.list_panel.show_count(text, len(sessions))
        self._show_needs()

    def _show_needs(self) -> None:
        """What needs doing: refreshers overdue or coming due, standards nobody is trained
        on (the first few named, the rest counted)."""
        lines = []
        for refresher in training_record.refreshers(self.wb, today=self.today)[:4]:
            mark = "⚠ " if refresher.overdue(self.today) else ""
            lines.append(f"{mark}Refresher: {refresher.sentence(self.today)}")
        untrained = training_record.untrained_standards(self.wb, today=self.today)
        if untrained:
            names = ", ".join(f"“{s.title}”" for s in untrained[:3])
            more = f" and {len(untrained) - 3} more" if len(untrained) > 3 else ""
            lines.append(
                f"No one on the team has been trained on {names}{more}: tick them as "
                "covered when a session does."
            )
        self.needs.setText("\n".join(lines))
        self.needs.setVisible(bool(lines))

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        session = self.editor.current()
        self.form.form_title.setText(
            "New session" if session is None else f"{session.topic}, {long_date(session.held_on)}"
        )
        self.form.topic_edit.setCursorPosition(0)
        self.form.delete_button.setEnabled(session is not None and not self.wb.read_only)
        show_message(self.form.feedback_label, "")

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        if self.wb.read_only and focus:
            return
        if self.editor.start_new(focus=False, settle=settle) and focus:
            self.form.topic_edit.setFocus()

    def open_session(self, session_id: int) -> None:
        self.editor.open(session_id)

    # -- writing ---------------------------------------------------------------

    def _save(self, session_id: int | None, v: Values) -> int:
        data = input_of(v)
        if session_id is None:
            return training.add_session(self.wb, data, today=self.today)
        training.update_session(self.wb, session_id, data, today=self.today)
        return session_id

    def _on_saved(self, added: bool) -> None:
        if added:
            show_message(
                self.form.feedback_label,
                "Added. Tick who attended and the standards it covered; saved as you go.",
            )
        self._show_needs()
        self.changed.emit()

    def flush(self) -> bool:
        return self.editor.flush()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def delete_session(self) -> None:
        session = self.editor.current()
        if session is None:
            return
        people = plural(len(session.attendee_ids), "person's", "people's")
        if self.editor.delete_current(
            "Delete this session?",
            f"Delete “{session.topic}” of {long_date(session.held_on)}? It leaves {people} "
            "training record.\n\nEdit › Undo brings it back.",
            lambda session_id: training.delete_session(self.wb, session_id),
        ):
            show_message(self.form.feedback_label, "The session was deleted.")
            self.changed.emit()
