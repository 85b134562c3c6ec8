"""The form of one feedback item: quick entry first (date, kind, what was said — Enter
saves), then the optional details, then a complaint's follow-up.

Only widgets and the ``Field``s that read and fill them, named as the model's messages name
their fields: the tab's ``RecordEditor`` saves as the owner types and shows a refusal under
its field. The lists to choose from (themes, team, standards, channels) come from the tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from cscoach.model import feedback
from cscoach.model.feedback_themes import Theme
from cscoach.model.standards import Standard
from cscoach.model.team import TeamMember
from cscoach.ui import autosave
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.actions.links import ActionsBox
from cscoach.ui.pages.feedback.suggestions import SuggestionBar
from cscoach.ui.record_editor import READ_ONLY_TIP
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
    plain_label,
    push_button,
    text_side,
    text_width,
    vbox,
)

OWNER = 0  # the follow-up owner "You (the owner)": no team member
FIELDS = (
    "received_on",
    "kind",
    "text",
    "channel",
    "customer",
    "themes",
    "members",
    "standards",
    "customer_asked",
    "severity",
    "acknowledged_on",
    "follow_up_by",
    "action_taken",
    "status",
    "resolved_on",
)
DATE_TIP = "Written YYYY-MM-DD (for example 2026-03-18); not a day still to come."


class SubmitTextEdit(QPlainTextEdit):
    """A text box where Enter saves (``submitted``) and Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _combo(object_name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _date_edit(object_name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(DATE_TIP)
    edit.setMaximumWidth(text_width(edit, 22))
    return edit


def _heading(text: str, object_name: str) -> QLabel:
    label = plain_label(text, object_name=object_name)
    label.setStyleSheet("font-weight: 600;")
    return label


class EntryForm(FormPanel):
    """Date, kind, what was said (and the themes suggested for it); channel, customer,
    themes, team members and standards; a complaint's follow-up, shown for complaints."""

    themes_requested = Signal()  # show the Themes tab
    spare_characters = 12  # the fields a little wider than their least, labels beside

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.errors = {name: error_label(f"{name}Error") for name in FIELDS}

        # -- quick entry: three fields and Enter --
        self.date_edit = _date_edit("feedbackDate", "YYYY-MM-DD")
        self.kind_combo = _combo("feedbackKind", "Compliment, complaint, suggestion or question")
        for kind in feedback.KINDS:
            self.kind_combo.addItem(feedback.KIND_LABELS[kind], kind)
        self.text_edit = SubmitTextEdit()
        self.text_edit.setObjectName("feedbackText")
        self.text_edit.setPlaceholderText("What the customer said, in their words")
        self.text_edit.setToolTip("Enter saves; Shift+Enter starts a new line")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(text_side(self.text_edit, 3.4, 12))
        self.enter_hint = plain_label(
            "Enter saves · Shift+Enter for a new line", object_name="enterHint", role="hint"
        )
        self.enter_hint.setWordWrap(True)
        self.suggestions = SuggestionBar()

        # -- optional details --
        self.details_heading = _heading("Details (optional)", "detailsHeading")
        self.channel_combo = _combo(
            "feedbackChannel", "Where it was said: choose one, or type your own"
        )
        self.channel_combo.setEditable(True)
        self.channel_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        channel_line = self.channel_combo.lineEdit()
        if channel_line is not None:
            channel_line.setPlaceholderText("Not recorded")
        self.customer_edit = QLineEdit()
        self.customer_edit.setObjectName("feedbackCustomer")
        self.customer_edit.setPlaceholderText("Name or contact, if given")
        self.themes_list = tick_list("feedbackThemes", "Tick the themes this is about", 10)
        self.themes_link = QPushButton("Edit the themes ›")
        self.themes_link.setToolTip("Rename, merge or add themes, and read their keyword rules")
        self.themes_link.setObjectName("editThemesLink")
        self.themes_link.setProperty("role", "link")
        self.themes_link.clicked.connect(lambda: self.themes_requested.emit())
        self.members_list = tick_list("feedbackMembers", "Tick the team members it names", 8)
        self.members_empty = plain_label(
            "No one on the team yet (the Team page).", object_name="membersEmpty", role="hint"
        )
        self.members_empty.setWordWrap(True)
        self.standards_list = tick_list(
            "feedbackStandards", "Which standard would have prevented this, or does it praise?", 6
        )
        self.standards_empty = plain_label(
            "No standards yet (the Standards page).", object_name="standardsEmpty", role="hint"
        )
        self.standards_empty.setWordWrap(True)

        # -- a complaint's follow-up --
        self.complaint_box = QWidget()
        self.complaint_box.setObjectName("complaintBox")
        self.complaint_heading = _heading("The complaint's follow-up", "complaintHeading")
        self.asked_edit = QPlainTextEdit()
        self.asked_edit.setObjectName("feedbackAsked")
        self.asked_edit.setPlaceholderText("A refund, a remake, a call back…")
        self.asked_edit.setTabChangesFocus(True)
        self.asked_edit.setFixedHeight(text_side(self.asked_edit, 2.2, 12))
        self.severity_combo = _combo("feedbackSeverity", "How serious it is")
        self.severity_combo.addItem("Not set", "")
        for severity in feedback.SEVERITIES:
            self.severity_combo.addItem(severity.capitalize(), severity)
        self.acknowledged_edit = _date_edit("feedbackAcknowledged", "YYYY-MM-DD")
        self.owner_combo = _combo("feedbackFollowUp", "Who follows it up")
        self.action_edit = QPlainTextEdit()
        self.action_edit.setObjectName("feedbackAction")
        self.action_edit.setPlaceholderText("What was done about it")
        self.action_edit.setTabChangesFocus(True)
        self.action_edit.setFixedHeight(text_side(self.action_edit, 2.2, 12))
        self.status_combo = _combo("feedbackStatus", "Open until it is put right")
        self.status_combo.addItem("Open", feedback.OPEN)
        self.status_combo.addItem("Resolved", feedback.RESOLVED)
        self.resolved_edit = _date_edit("feedbackResolved", "YYYY-MM-DD")

        self.form_error = error_label("feedbackFormError")
        self.save_status = autosave.status_label(
            "feedbackSaveStatus", "Changes are saved as you type them"
        )
        self.feedback_label = plain_label(object_name="feedbackMessage", role="feedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.hide()  # shown with a message (``show_message``)
        self._lay_out()
        label_form_fields(self)

    def fields(self) -> list[Field]:
        """The fields the tab's editor reads, fills and saves (the date first: a new item
        starts there)."""
        e = self.errors
        return [
            Field.line("received_on", self.date_edit, e["received_on"]),
            Field.choice("kind", self.kind_combo, e["kind"]),
            Field.text("text", self.text_edit, e["text"]),
            Field.editable_choice("channel", self.channel_combo, e["channel"]),
            Field.line("customer", self.customer_edit, e["customer"]),
            Field.ticks("themes", self.themes_list, e["themes"]),
            Field.ticks("members", self.members_list, e["members"]),
            Field.ticks("standards", self.standards_list, e["standards"]),
            Field.text("customer_asked", self.asked_edit, e["customer_asked"]),
            Field.choice("severity", self.severity_combo, e["severity"]),
            Field.line("acknowledged_on", self.acknowledged_edit, e["acknowledged_on"]),
            Field.choice("follow_up_by", self.owner_combo, e["follow_up_by"]),
            Field.text("action_taken", self.action_edit, e["action_taken"]),
            Field.choice("status", self.status_combo, e["status"]),
            Field.line("resolved_on", self.resolved_edit, e["resolved_on"]),
        ]

    # -- layout ----------------------------------------------------------------

    def _lay_out(self) -> None:
        e = self.errors
        quick = form_layout(
            ("&Date", with_error(self.date_edit, e["received_on"])),
            ("&Kind", with_error(self.kind_combo, e["kind"])),
            ("&What was said", with_error(self.text_edit, e["text"], self.enter_hint)),
        )
        details = form_layout(
            ("&Channel", with_error(self.channel_combo, e["channel"])),
            ("C&ustomer", with_error(self.customer_edit, e["customer"])),
            ("&Themes", with_error(self.themes_list, e["themes"], self.themes_link)),
            ("Team &members", with_error(self.members_list, e["members"], self.members_empty)),
            ("Sta&ndards", with_error(self.standards_list, e["standards"], self.standards_empty)),
        )
        complaint = form_layout(
            ("They &asked for", with_error(self.asked_edit, e["customer_asked"])),
            ("Se&verity", with_error(self.severity_combo, e["severity"])),
            ("Ac&knowledged", with_error(self.acknowledged_edit, e["acknowledged_on"])),
            ("&Followed up by", with_error(self.owner_combo, e["follow_up_by"])),
            ("What was d&one", with_error(self.action_edit, e["action_taken"])),
            ("&Status", with_error(self.status_combo, e["status"])),
            ("&Resolved on", with_error(self.resolved_edit, e["resolved_on"])),
        )
        self.forms = [quick, details, complaint]
        self.actions_box = ActionsBox("What we are doing about it", "itemActions")
        self.story_button = push_button(
            "Turn into a Story…",
            "feedbackToStory",
            "Celebrate it: a success story on the Training page, filled from this compliment",
        )
        box = self.complaint_box
        vbox(self.complaint_heading, complaint, parent=box, margins=(0, 4, 0, 10), spacing=8)
        # a complaint's follow-up straight under what was said (the most urgent thing the
        # page holds, not under three lists to tick), then the optional details
        self.lay_out(
            self.form_title,
            quick,
            self.suggestions,
            self.form_error,
            self.save_status,
            self.feedback_label,
            4,
            self.complaint_box,
            self.details_heading,
            details,
            hbox(self.story_button, STRETCH),
            8,
            self.actions_box,
        )

    # -- choices ---------------------------------------------------------------

    def set_choices(
        self,
        themes: Sequence[Theme],
        members: Sequence[TeamMember],
        standards: Sequence[Standard],
        channels: Sequence[str],
    ) -> None:
        """Fill the lists to choose from, keeping what is chosen (the tab's editor does
        this through ``refill``: nothing it changes is an edit)."""
        fill_ticks(self.themes_list, [(t.name, t.id, "") for t in themes], self._flags())
        fill_ticks(
            self.members_list,
            [(m.name, m.id, "" if m.active else "no longer active") for m in members],
            self._flags(),
        )
        fill_ticks(
            self.standards_list,
            [(s.title, s.id, "" if s.active else "retired") for s in standards],
            self._flags(),
        )
        for items in (self.themes_list, self.members_list, self.standards_list):
            fit_rows(items)
        self.members_list.setVisible(bool(members))
        self.members_empty.setVisible(not members)
        self.standards_list.setVisible(bool(standards))
        self.standards_empty.setVisible(not standards)
        typed = self.channel_combo.currentText()
        self.channel_combo.clear()
        self.channel_combo.addItems(list(channels))
        self.channel_combo.setCurrentText(typed)
        owner = self.owner_combo.currentData()
        self.owner_combo.clear()
        self.owner_combo.addItem("You (the owner)", OWNER)
        for member in members:
            if member.active or member.id == owner:
                suffix = "" if member.active else " (no longer active)"
                self.owner_combo.addItem(member.name + suffix, member.id)
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(owner), 0))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        for items in (self.themes_list, self.members_list, self.standards_list):
            fit_rows(items)  # the rows' height once the style sheet is in force

    def _flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def tick_theme(self, theme_id: int) -> None:
        """Tick a theme (a suggestion taken): the editor saves it at once."""
        for row in range(self.themes_list.count()):
            item = self.themes_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == theme_id:
                item.setCheckState(Qt.CheckState.Checked)
                self.themes_list.scrollToItem(item)

    def show_complaint(self, shown: bool) -> None:
        self.complaint_box.setVisible(shown)

    # -- read-only -------------------------------------------------------------

    def set_read_only(self) -> None:
        self._read_only = True
        for items in (self.themes_list, self.members_list, self.standards_list):
            for row in range(items.count()):
                items.item(row).setFlags(self._flags())
        self.suggestions.set_read_only(True)
        self.enter_hint.setText(READ_ONLY_TIP)
