"""The form of one training session: when, what, what kind, who ran it, the standards it
covered, who attended (tick the team), how often it must be refreshed, and notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QPlainTextEdit, QWidget

from cscoach.model import training
from cscoach.model.standards import Standard
from cscoach.ui.record_fields import (
    Field,
    FormPanel,
    fill_ticks,
    fit_rows,
    form_layout,
    tick_list,
    with_error,
)
from cscoach.ui.widgets import (
    STRETCH,
    error_label,
    hbox,
    line_edit,
    plain_label,
    push_button,
    text_side,
)

FIELDS = (
    "held_on",
    "topic",
    "kind",
    "trainer",
    "trainer_name",
    "standard_ids",
    "attendee_ids",
    "refresh_months",
    "notes",
)
OUTSIDE = -1  # the "Who ran it" choice for someone from outside (a member is their id)
NO_REFRESH = 0  # the "Refresh" choice for a session taken once


def _combo(object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class SessionForm(FormPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.errors = {name: error_label(f"session_{name}Error") for name in FIELDS}
        self.form_error = error_label("sessionFormError")
        self.date_edit = line_edit("sessionDate", "YYYY-MM-DD")
        self.topic_edit = line_edit("sessionTopic", "for example: Handling complaints")
        self.kind_combo = _combo("sessionKind")
        for kind in training.KINDS:
            self.kind_combo.addItem(training.KIND_LABELS[kind], kind)
        self.trainer_combo = _combo("sessionTrainer")
        self.trainer_edit = line_edit("sessionTrainerName", "Their name (from outside)")
        self.standards_list = tick_list(
            "sessionStandards", "Tick the standards this session covered", 6
        )
        self.standards_empty = plain_label(
            "No standards yet (the Standards page).", role="hint", wrap=True
        )
        self.attendees_list = tick_list("sessionAttendees", "Tick who attended", 8)
        self.attendees_empty = plain_label(
            "No one on the team yet (the Team page).", role="hint", wrap=True
        )
        self.refresh_combo = _combo("sessionRefresh")
        for months in training.REFRESH_CHOICES:
            label = "Once is enough" if months is None else f"Every {months} months"
            self.refresh_combo.addItem(label, NO_REFRESH if months is None else months)
        self.refresh_combo.setToolTip(
            "Some training must be taken again (food hygiene, first aid, allergens): "
            "refreshers coming due are flagged like overdue standards"
        )
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("sessionNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("What it covered: the soft skills as well as the facts")
        self.notes_edit.setFixedHeight(text_side(self.notes_edit, 4.4, 12))

        self.add_parts("session")
        self.print_button = push_button(
            "Print Attendance Sheet…",
            "printSessionSheet",
            "This session's sheet with its date, trainer, content and the names to sign",
        )
        e = self.errors
        form = form_layout(
            ("&Date", with_error(self.date_edit, e["held_on"])),
            ("&Topic", with_error(self.topic_edit, e["topic"])),
            ("&Kind", with_error(self.kind_combo, e["kind"])),
            ("&Run by", with_error(self.trainer_combo, e["trainer"], self.trainer_edit)),
            (
                "&Standards",
                with_error(self.standards_list, e["standard_ids"], self.standards_empty),
            ),
            (
                "&Attended",
                with_error(self.attendees_list, e["attendee_ids"], self.attendees_empty),
            ),
            ("R&efresh", with_error(self.refresh_combo, e["refresh_months"])),
            ("&Notes", with_error(self.notes_edit, e["notes"])),
        )
        self.forms = [form]
        self.lay_out(
            self.form_title,
            form,
            self.form_error,
            hbox(self.save_status, STRETCH, self.print_button, self.delete_button, spacing=8),
            self.feedback_label,
        )
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self._show_trainer_name())

    def fields(self) -> list[Field]:
        e = self.errors
        return [
            Field.line("held_on", self.date_edit, e["held_on"]),
            Field.line("topic", self.topic_edit, e["topic"]),
            Field.choice("kind", self.kind_combo, e["kind"]),
            Field.choice("trainer", self.trainer_combo, e["trainer"]),
            Field.line("trainer_name", self.trainer_edit, e["trainer_name"]),
            Field.ticks("standard_ids", self.standards_list, e["standard_ids"]),
            Field.ticks("attendee_ids", self.attendees_list, e["attendee_ids"]),
            Field.choice("refresh_months", self.refresh_combo, e["refresh_months"]),
            Field.text("notes", self.notes_edit, e["notes"]),
        ]

    def set_choices(
        self,
        trainers: Sequence[tuple[int | None, str]],
        attendees: Sequence[tuple[int, str]],
        standards: Sequence[Standard],
    ) -> None:
        """Who can run it (the owner, the team, someone from outside), who can attend and
        the standards (keeping the ticks)."""
        keep = self.trainer_combo.currentData()
        self.trainer_combo.clear()
        for member_id, label in trainers:
            self.trainer_combo.addItem(label, 0 if member_id is None else member_id)
        self.trainer_combo.addItem("Someone from outside…", OUTSIDE)
        self.trainer_combo.setCurrentIndex(max(self.trainer_combo.findData(keep), 0))
        flags = Qt.ItemFlag.ItemIsEnabled
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        fill_ticks(
            self.attendees_list,
            [(label, member_id, "") for member_id, label in attendees],
            flags,
        )
        fill_ticks(
            self.standards_list,
            [(s.title, s.id, "" if s.active else "retired") for s in standards],
            flags,
        )
        for items, empty in (
            (self.attendees_list, self.attendees_empty),
            (self.standards_list, self.standards_empty),
        ):
            fit_rows(items)
            items.setVisible(items.count() > 0)
            empty.setVisible(items.count() == 0)
        self._show_trainer_name()

    def _show_trainer_name(self) -> None:
        self.trainer_edit.setVisible(self.trainer_combo.currentData() == OUTSIDE)

    def set_read_only(self) -> None:
        self._read_only = True
        for items in (self.attendees_list, self.standards_list):
            for row in range(items.count()):
                item = items.item(row)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        for button in (self.delete_button,):
            button.setEnabled(False)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        for items in (self.attendees_list, self.standards_list):
            fit_rows(items)  # the rows' height once the style sheet is in force


def tick_ids(items: QListWidget) -> tuple[int, ...]:
    """The ids ticked in a tick list."""
    return tuple(
        int(items.item(r).data(Qt.ItemDataRole.UserRole))
        for r in range(items.count())
        if items.item(r).checkState() == Qt.CheckState.Checked
    )
