"""The form of one action: what, where it came from (a link back), who, by when, how far it
got, what came of it, whether it goes on the "You said, we did" wall, and — about a month
after it was done — whether it helped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from cscoach.model import actions
from cscoach.ui.record_fields import Field, FormPanel, form_layout, with_error
from cscoach.ui.widgets import (
    STRETCH,
    error_label,
    hbox,
    line_edit,
    plain_label,
    push_button,
    text_side,
    vbox,
)

FIELDS = ("title", "source", "owner_id", "due_on", "status", "done_on", "outcome", "helped")
NOT_ASKED = ""  # the "Did it help?" choice before it is answered


def _combo(object_name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    for label, data in items:
        combo.addItem(label, data)
    return combo


class ActionForm(FormPanel):
    """Emits ``source_requested`` when the owner follows the link to where it came from."""

    source_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.errors = {name: error_label(f"action_{name}Error") for name in FIELDS}
        self.form_error = error_label("actionFormError")

        self.title_edit = line_edit("actionTitle", "for example: A second till at lunch")
        self.source_text = plain_label(object_name="actionSource", wrap=True)
        self.source_link = push_button("Open ›", "actionSourceLink", "Show where it came from")
        self.source_link.setProperty("role", "link")
        self.source_link.clicked.connect(lambda _=False: self.source_requested.emit())
        self.owner_combo = _combo("actionOwner", [])
        self.due_edit = line_edit("actionDue", "YYYY-MM-DD, or leave empty")
        labels = actions.STATUS_LABELS
        self.status_combo = _combo("actionStatus", [(labels[s], s) for s in actions.STATUSES])
        self.done_edit = line_edit("actionDone", "YYYY-MM-DD (today if left empty)")
        self.outcome_edit = QPlainTextEdit()
        self.outcome_edit.setObjectName("actionOutcome")
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setPlaceholderText(
            "What came of it — or, if dropped, why it could not be done"
        )
        self.outcome_edit.setFixedHeight(text_side(self.outcome_edit, 4.4, 12))
        self.share_check = QCheckBox("Show it on “You said, we did”")
        self.share_check.setObjectName("actionShare")
        self.share_check.setToolTip(
            "The wall print for the break room: what the team and customers told you, and "
            "what you changed (or could not, and why)"
        )
        helped = actions.HELPED_LABELS
        self.helped_combo = _combo(
            "actionHelped",
            [("Not asked yet", NOT_ASKED)] + [(helped[h], h) for h in actions.HELPED_ANSWERS],
        )
        self.helped_combo.setToolTip("About a month after it was done: did it make a difference?")

        self.add_parts("action")

        e = self.errors
        form = form_layout(
            ("&What", with_error(self.title_edit, e["title"])),
            ("From", self._source_box()),
            ("&Who", with_error(self.owner_combo, e["owner_id"])),
            ("D&ue", with_error(self.due_edit, e["due_on"])),
            ("&Status", with_error(self.status_combo, e["status"])),
            ("Done &on", with_error(self.done_edit, e["done_on"])),
            ("What &came of it", with_error(self.outcome_edit, e["outcome"])),
            ("", self.share_check),
            ("Did it &help?", with_error(self.helped_combo, e["helped"])),
        )
        self.forms = [form]
        self.lay_out(
            self.form_title,
            form,
            self.form_error,
            hbox(self.save_status, STRETCH, self.delete_button, spacing=8),
            self.feedback_label,
        )

    def _source_box(self) -> QWidget:
        box = QWidget()
        vbox(self.source_text, hbox(self.source_link, STRETCH), parent=box, spacing=2)
        return box

    def fields(self) -> list[Field]:
        e = self.errors
        return [
            Field.line("title", self.title_edit, e["title"]),
            Field.choice("owner_id", self.owner_combo, e["owner_id"]),
            Field.line("due_on", self.due_edit, e["due_on"]),
            Field.choice("status", self.status_combo, e["status"]),
            Field.line("done_on", self.done_edit, e["done_on"]),
            Field.text("outcome", self.outcome_edit, e["outcome"]),
            Field.check("share", self.share_check),
            Field.choice("helped", self.helped_combo, e["helped"]),
        ]

    def set_owners(self, choices: Sequence[tuple[int | None, str]]) -> None:
        """The owners to choose from (the owner of the business as ``actions.OWNER``)."""
        self.owner_combo.clear()
        for owner_id, label in choices:
            self.owner_combo.addItem(label, actions.OWNER if owner_id is None else owner_id)

    def show_source(self, text: str, can_open: bool) -> None:
        self.source_text.setText(text or "Nothing in particular")
        self.source_link.setVisible(can_open)

    def show_status(self, status: str) -> None:
        """The done date and "did it help?" only where they mean something."""
        done = status == actions.DONE
        for widget in (self.done_edit, self.helped_combo):
            widget.setEnabled(done and not self.title_edit.isReadOnly())
        self.outcome_edit.setPlaceholderText(
            "Why it could not be done (saying so keeps people answering)"
            if status == actions.DROPPED
            else "What came of it"
        )
