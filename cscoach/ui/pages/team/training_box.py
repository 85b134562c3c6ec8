"""What the Team form shows of one person's training: what they were trained on, the
standards they own without having been trained on them, refreshers due, and — for a new
starter — the first-weeks checklist (philosophy read, standards signed, an onboarding
session), until it is done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from cscoach.model import starter_checklist, training_record
from cscoach.model.dates import long_date
from cscoach.model.workbook import Workbook
from cscoach.ui.record_editor import run_write
from cscoach.ui.widgets import STRETCH, hbox, plain_label, push_button, show_message, vbox

SHOWN = 4  # sessions listed; the rest counted


class TrainingBox(QWidget):
    """Emits ``changed`` after a tick, ``open_requested`` for the Training page."""

    changed = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberTraining")
        self.wb: Workbook | None = None
        self.today = dt.date.today()
        self.member_id: int | None = None
        self.checklist_open = False  # a new starter's first-weeks checklist is shown
        self.heading = plain_label("Training", role="strong")
        self.open_link = push_button("Open Training ›", "openTraining", "The Training page")
        self.open_link.setProperty("role", "link")
        self.open_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_link.clicked.connect(lambda _=False: self.open_requested.emit())
        self.record = plain_label(object_name="memberTrainingRecord", wrap=True)
        self.missing = plain_label(object_name="memberTrainingMissing", role="attention", wrap=True)
        self.checklist_title = plain_label("First weeks", role="strong")
        self.checks = {
            item: QCheckBox(starter_checklist.ITEM_LABELS[item]) for item in starter_checklist.ITEMS
        }
        for item, box in self.checks.items():
            box.setObjectName(f"starter_{item}")
            box.toggled.connect(lambda on, item=item: self._ticked(item, on))
        self.checks[starter_checklist.ONBOARDING].setEnabled(False)  # it ticks itself
        self.checks[starter_checklist.ONBOARDING].setToolTip(
            "Ticks itself when they attend an onboarding session (the Training page)"
        )
        self.said = plain_label(role="feedback", wrap=True)
        vbox(
            hbox(self.heading, STRETCH, self.open_link),
            self.record,
            self.missing,
            self.checklist_title,
            *self.checks.values(),
            self.said,
            parent=self,
            spacing=4,
        )
        self._filling = False

    def show_member(self, wb: Workbook, member_id: int | None, today: dt.date) -> None:
        """The training of ``member_id`` (None: someone not added yet: nothing shown)."""
        self.wb, self.member_id, self.today = wb, member_id, today
        self.setVisible(member_id is not None)
        if member_id is None:
            return
        record = training_record.member_record(wb, member_id, today=today)
        done = [f"{s.topic} ({long_date(s.held_on)})" for s in record.sessions[:SHOWN]]
        more = len(record.sessions) - SHOWN
        text = "Trained: " + "; ".join(done) + (f"; and {more} more" if more > 0 else "")
        if not record.sessions:
            text = "No training recorded yet."
        if record.planned:
            text += f"\nPlanned: {record.planned[0].topic}, {long_date(record.planned[0].held_on)}"
        self.record.setText(text)
        gaps = [f"“{s.title}”" for s in record.missing]
        due = [
            r.sentence(today) for r in record.refreshers if r.overdue(today) or r.due_soon(today)
        ]
        lines = []
        if gaps:
            lines.append("Owns, not trained on: " + ", ".join(gaps))
        lines.extend(f"Refresher: {line}" for line in due)
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))
        self._show_checklist(starter_checklist.checklist(wb, member_id, today=today))
        show_message(self.said, "")

    def _show_checklist(self, checklist: starter_checklist.Checklist | None) -> None:
        shown = checklist is not None and not checklist.done
        self.checklist_open = shown
        self.checklist_title.setVisible(shown)
        self._filling = True
        try:
            for item, box in self.checks.items():
                box.setVisible(shown)
                if checklist is None:
                    continue
                found = next(i for i in checklist.items if i.key == item)
                box.setChecked(found.done)
                label = starter_checklist.ITEM_LABELS[item]
                box.setText(f"{label} — {found.detail}" if found.detail else label)
                if item != starter_checklist.ONBOARDING:
                    box.setEnabled(self.wb is not None and not self.wb.read_only)
        finally:
            self._filling = False

    def _ticked(self, item: str, on: bool) -> None:
        if self._filling or self.wb is None or self.member_id is None:
            return
        wb, member_id = self.wb, self.member_id
        done_on = self.today if on else None
        if run_write(
            self,
            "tick the checklist",
            lambda: starter_checklist.set_item(wb, member_id, item, done_on, today=self.today),
        ):
            self.changed.emit()
            checklist = starter_checklist.checklist(wb, member_id, today=self.today)
            if checklist is not None and checklist.done:
                show_message(self.said, "The first-weeks checklist is done. Welcome aboard!")
            self._show_checklist(checklist)
