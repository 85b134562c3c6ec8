"""The dialog that marks several standards reviewed in one action (after a team meeting)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)

from cscoach.model import standards
from cscoach.model.errors import ValidationError
from cscoach.model.standards import Standard
from cscoach.model.team import TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.standards.form import NONE, chosen_id, compact_combo
from cscoach.ui.record_fields import form_layout, with_error
from cscoach.ui.widgets import error_label, plain_label, show_message, vbox


class MarkReviewedDialog(QDialog):
    """Marks several standards reviewed in one action: on a date, by someone, with a note.

    The write happens in ``accept``; a ``ValidationError`` is shown under the field it names
    and the dialog stays open.
    """

    def __init__(
        self,
        wb: Workbook,
        chosen: list[Standard],
        members: list[TeamMember],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("markReviewedDialog")
        self.setWindowTitle("Mark Reviewed")
        self.wb = wb
        self.standard_ids = [s.id for s in chosen]

        count = len(chosen)
        heading = plain_label(
            f"Mark {count} standard{'s' if count != 1 else ''} reviewed",
            object_name="dialogHeading",
        )
        names = [f"• {s.title}" for s in chosen[:6]]
        if count > 6:
            names.append(f"and {count - 6} more")
        listed = plain_label("\n".join(names), object_name="reviewedTitles", role="hint")
        listed.setWordWrap(True)

        self.date_edit = QLineEdit((today or dt.date.today()).isoformat())
        self.date_edit.setObjectName("reviewDateEdit")
        self.date_edit.setPlaceholderText("YYYY-MM-DD (empty: today)")
        self.who_combo = compact_combo(QComboBox(), "reviewedByCombo")
        self.who_combo.addItem("No one in particular", NONE)
        for member in members:
            if member.active:
                self.who_combo.addItem(member.name, member.id)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("reviewNoteEdit")
        self.note_edit.setPlaceholderText("for example: went through them at the team meeting")
        self.errors = {
            "reviewed_on": error_label("reviewDateError"),
            "reviewed_by": error_label("reviewedByError"),
            "note": error_label("reviewNoteError"),
        }
        self.general_error = error_label("reviewError")

        form = form_layout(
            ("Reviewed &on", with_error(self.date_edit, self.errors["reviewed_on"])),
            ("Reviewed &by", with_error(self.who_combo, self.errors["reviewed_by"])),
            ("&Note", with_error(self.note_edit, self.errors["note"])),
        )

        buttons, self.ok_button = dialogs.ok_cancel(
            self, "Mark Reviewed", "markReviewedOkButton", "markReviewedCancelButton"
        )

        vbox(
            heading,
            listed,
            4,
            form,
            self.general_error,
            buttons,
            parent=self,
            margins=(22, 18, 22, 14),
            spacing=8,
        )
        self.setMinimumWidth(460)
        label_form_fields(self)

    def accept(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            show_message(label, "")
        try:
            standards.mark_reviewed(
                self.wb,
                self.standard_ids,
                on=self.date_edit.text(),
                reviewed_by=chosen_id(self.who_combo),
                note=self.note_edit.text(),
            )
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.general_error), exc.message)
            if exc.field == "last_reviewed":
                self.date_edit.setFocus()
                self.date_edit.selectAll()
            return
        except autosave.REFUSALS as exc:
            show_message(self.general_error, autosave.refusal(exc))
            return
        super().accept()
