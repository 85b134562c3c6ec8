"""Team: the people who serve the customers. They answer the questionnaire and own standards.

A table of team members beside a form. Selecting someone loads them into the form. Every
edit is saved as it is made (after a short pause in typing, on Enter, on leaving a field,
on ticking the box) and before the form shows anyone else; a new person is added as soon as
the form holds a name the model accepts, and later edits change that same person.
Validation lives in the model: a refused change is not written, its message is shown under
the field it names and the owner stays on the person (``save_pending`` names it).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QCheckBox, QFrame, QWidget

from cscoach.model import feedback_links, team
from cscoach.model.dates import long_date
from cscoach.model.number_format import plural
from cscoach.model.team import MemberReferences, TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.list_panel import AddingList, ListTexts, list_form_splitter
from cscoach.ui.named_feedback import NamedFeedbackPanel
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.team.training_box import TrainingBox
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, run_write
from cscoach.ui.record_fields import Field, form_layout, with_error
from cscoach.ui.record_table import Column, RecordTableModel, fit_columns
from cscoach.ui.related_tabs import RelatedTabs
from cscoach.ui.widgets import (
    STRETCH,
    action_button,
    delete_action,
    error_label,
    hbox,
    line_edit,
    plain_label,
    record_table,
    scroll_area,
    shortcut_action,
    show_message,
    vbox,
)

EMPTY_TEXT = (
    "No one on the team yet — add the people who serve your customers; they answer the "
    "questionnaire and own standards."
)
TEXTS = ListTexts(EMPTY_TEXT, "Add the First Person", "Add Person")
NO_FEEDBACK = (
    "No praise or complaint names them yet. On the Feedback page, an item's Team members "
    "say who it is about."
)
NAME_CHARACTERS = 18  # a name and a role keep this many average characters on a small screen

ModelIndex = QModelIndex | QPersistentModelIndex


def delete_question(member: TeamMember, refs: MemberReferences) -> str:
    """The question asked before deleting ``member``: what goes with them, what to do instead."""
    name = member.name
    consequences: list[str] = []
    if refs.responses:
        consequences.append(
            f"also deletes their answers in {plural(refs.rounds, 'questionnaire round')}"
        )
    if refs.standards_owned:
        owned = plural(refs.standards_owned, "standard")
        consequences.append(f"{owned} they own will have no owner")
    if refs.reviews_recorded:
        reviews = plural(refs.reviews_recorded, "standard review")
        consequences.append(f"{reviews} they recorded will no longer say who did it")
    if refs.actions_owned:
        held = plural(refs.actions_owned, "action")
        consequences.append(f"{held} they carry out will pass to you")
    if refs.sessions_attended:
        sessions = plural(refs.sessions_attended, "training session")
        consequences.append(f"they leave the attendance of {sessions}")
    if refs.sessions_run:
        run = plural(refs.sessions_run, "training session")
        consequences.append(f"{run} they ran keep their name")
    if refs.stories:
        told = plural(refs.stories, "success story", "success stories")
        alone = f" ({refs.stories_only_them} about them alone)" if refs.stories_only_them else ""
        consequences.append(f"they leave {told}{alone}")
    if not consequences:
        return (
            f"Delete {name} from the team? Nothing else in the workbook refers to them.\n\n"
            "Edit › Undo brings them back."
        )
    first, *rest = consequences
    if not first.startswith("also"):
        first = "means " + first
    text = f"Deleting {name} {first}"
    if rest:
        text += "; " + "; ".join(rest)
    return f"{text}. To keep them, mark {name} inactive instead.\n\nEdit › Undo brings them back."


NAME, ROLE, START, STATUS = range(4)  # the columns of the team table
COLUMNS: list[Column[TeamMember]] = [
    Column("Name", lambda m: m.name),
    Column("Role", lambda m: m.role),
    Column(
        "Start date",
        lambda m: m.start_date or "—",
        tip=lambda m: None if m.start_date else "Start date not known",
        muted=lambda m: not m.start_date,
        stretch=False,
        samples=("2024-08-30",),
    ),
    Column(
        "Status",
        lambda m: "Active" if m.active else "Inactive",
        stretch=False,
        samples=("Active", "Inactive"),
    ),
]


def inactive_tip(member: TeamMember) -> str:
    left = f" since {long_date(member.left_on)}" if member.left_on else ""
    return f"{member.name} is inactive: kept for the record, no longer on the team{left}."


def team_table_model(parent: QWidget | None = None) -> RecordTableModel[TeamMember]:
    """Team members as rows: Name, Role, Start date, Status. Inactive people are greyed."""
    return RecordTableModel(
        COLUMNS,
        inactive=lambda m: not m.active,
        inactive_tip=inactive_tip,
        parent=parent,
    )


def values_of(member: TeamMember | None) -> dict[str, object]:
    if member is None:
        return {"name": "", "role": "", "start_date": "", "active": True, "left_on": ""}
    return {
        "name": member.name,
        "role": member.role,
        "start_date": member.start_date or "",
        "active": member.active,
        "left_on": member.left_on or "",
    }


class TeamPage(Page):
    title = "Team"
    tip = (
        "Culture is built by the people who serve your customers, and it cannot be copied "
        "from another business: start from how your own team sees service."
    )
    subtitle = (
        "The people who serve your customers. They answer the questionnaire and own "
        "service standards. Someone who leaves can be marked inactive: their answers stay."
    )

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("teamPage")
        self.fixed_today = today
        self.model = team_table_model(self)
        self._build_list()
        self._build_form()

        self.splitter = list_form_splitter(
            self, "teamSplitter", self.list_panel, self.detail_scroll, (110, 58), form_share=0.34
        )  # on a wide screen the person's feedback and training use a third of the room
        self.page_layout.addWidget(self.splitter, 1)

        self.editor = RecordEditor(
            self,
            table=self.table,
            model=self.model,
            fields=[
                Field.line("name", self.name_edit, self.errors["name"]),
                Field.line("role", self.role_edit, self.errors["role"]),
                Field.line("start_date", self.start_date_edit, self.errors["start_date"]),
                Field.check("active", self.active_check),
                Field.line("left_on", self.left_on_edit, self.errors["left_on"]),
            ],
            read=lambda: team.list_members(self.wb),
            values_of=values_of,
            save=self._save,
            title_of=lambda v: str(v["name"]).strip(),
            refused_new=lambda name, why: (
                f"{name or 'a new person'} could not be added to the team: {why}"
            ),
            status=self.status,
            form_error=self.form_error,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self._build_actions()
        self.reload()
        self.start_new(focus=False, settle=False)
        if self.read_only:
            self._apply_read_only()
        label_form_fields(self)

    # -- building --------------------------------------------------------------

    def _build_list(self) -> None:
        self.table = record_table(self.model, "teamTable")
        self.table.setAccessibleName("Team members")
        fit_columns(self.table, COLUMNS, NAME_CHARACTERS)
        self.table.doubleClicked.connect(lambda _index: self.name_edit.setFocus())

        self.list_panel = AddingList(self.table, "team", TEXTS, self.start_new)

    def _build_form(self) -> None:
        self.detail_panel = QFrame()
        self.detail_panel.setObjectName("detailPanel")

        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.name_edit = line_edit("nameEdit", "Full name, as the team knows them")
        self.role_edit = line_edit("roleEdit", "for example: Barista, Shift lead")
        self.start_date_edit = line_edit("startDateEdit", "YYYY-MM-DD, or leave empty")
        self.start_date_edit.setToolTip(
            "The day they started, written YYYY-MM-DD (for example 2024-03-18). "
            "Leave empty if you do not know."
        )
        self.active_check = QCheckBox("Works here now (active)")
        self.active_check.setObjectName("activeCheck")
        self.active_check.setToolTip(
            "Inactive people stay in the workbook with their answers, greyed out in the list."
        )

        self.left_on_edit = line_edit("leftOnEdit", "YYYY-MM-DD, or leave empty")
        self.left_on_edit.setToolTip(
            "The day they left, written YYYY-MM-DD: a questionnaire round held before it "
            "still counts them. Marking someone inactive fills in today."
        )
        self.active_check.toggled.connect(self._show_left_on)

        self.errors = {
            "name": error_label("nameError"),
            "role": error_label("roleError"),
            "start_date": error_label("startDateError"),
            "left_on": error_label("leftOnError"),
        }
        self.form_error = error_label("formError")

        form = form_layout(
            ("&Name", with_error(self.name_edit, self.errors["name"])),
            ("&Role", with_error(self.role_edit, self.errors["role"])),
            ("&Start date", with_error(self.start_date_edit, self.errors["start_date"])),
            ("", self.active_check),
            ("&Left on", with_error(self.left_on_edit, self.errors["left_on"])),
            spacing=(12, 10),
        )
        self.left_on_row = form.rowCount() - 1
        self.form_rows = form
        self._show_left_on(self.active_check.isChecked())

        self.status = autosave.status_label("memberStatus", "Changes are saved as you type them")
        self.toggle_active_button = action_button("", "toggleActiveButton", self.toggle_active)
        self.delete_button = action_button(
            "Delete…",
            "deleteMemberButton",
            self.delete_member,
            "Delete this person and their questionnaire answers (Del)",
        )
        self.feedback_label = plain_label(object_name="feedbackLabel", role="feedback", wrap=True)

        self.customers_said = NamedFeedbackPanel(
            "Praise and complaints",
            "memberCustomerFeedback",
            "Open the Feedback page at the feedback naming them",
        )
        self.customers_said.show_requested.connect(self._show_customer_feedback)

        self.one_to_one_button = action_button(
            "Print One-to-One…",
            "printOneToOne",
            self.print_one_to_one,
            "A page for your conversation with them: their standards, feedback, stories and "
            "training, with room for notes and goals",
        )
        buttons = hbox(
            self.status, self.toggle_active_button, STRETCH, self.delete_button, spacing=8
        )
        self.training_box = TrainingBox()
        self.training_box.changed.connect(self.changed)
        self.training_box.open_requested.connect(lambda: self.open_requested.emit("training"))
        self.related = RelatedTabs("memberRelated")
        self.said_tab = self.related.add("Praise and complaints", self.customers_said)
        self.training_tab = self.related.add("Training", self.training_box)
        self.feedback_label.hide()
        vbox(
            hbox((self.form_title, 1), self.one_to_one_button, spacing=8),
            form,
            self.form_error,
            buttons,
            self.feedback_label,
            4,
            (self.related, 100),  # takes the height left, the fields keep theirs
            STRETCH,
            parent=self.detail_panel,
            margins=(20, 16, 20, 16),
            spacing=8,
        )
        self.detail_scroll = scroll_area(self.detail_panel, object_name="memberFormScroll")

    def _build_actions(self) -> None:
        self.new_action = shortcut_action(
            self,
            "Add Person",
            [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
            self.start_new,
            name="newMemberAction",
        )
        self.delete_action = delete_action(self.table, "Delete Person…", self.delete_member)
        self.delete_action.setObjectName("deleteMemberAction")

    def _apply_read_only(self) -> None:
        self.list_panel.set_read_only(READ_ONLY_TIP)
        for widget in (self.toggle_active_button, self.delete_button):
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)
        self.editor.set_read_only(READ_ONLY_TIP)
        self.new_action.setEnabled(False)
        self.delete_action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        self.editor.reload()

    def _on_listed(self) -> None:
        members = self.model.records()
        active = sum(1 for m in members if m.active)
        inactive = len(members) - active
        summary = plural(active, "person", "people") + " on the team"
        if inactive:
            summary += f" · {inactive} inactive"
        self.list_panel.show_count(summary, len(members))
        self._show_said()
        self._update_buttons()

    def current_member(self) -> TeamMember | None:
        """The person in the form, or None while the form is for someone new."""
        return self.editor.current()

    # -- the form --------------------------------------------------------------

    def select_item(self, kind: str, item_id: int) -> None:
        """One person in the form ("member", or "checklist": a new starter's, a next step
        of the Overview)."""
        if kind in ("member", "checklist"):
            self.editor.open(item_id)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    def print_one_to_one(self) -> None:
        """Preview the one-to-one sheet of the person in the form (saved first)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        member = self.current_member()
        if member is None or not self.editor.flush():
            return
        request = PrintRequest("one-to-one", member_id=member.id)
        name = f"one-to-one {member.name}.pdf"
        print_preview.preview(self, self.wb, request, f"One-to-One: {member.name}", name)

    def _on_loaded(self) -> None:
        member = self.editor.current()
        self.form_title.setText(member.name if member is not None else "New person")
        self.training_box.show_member(self.wb, self.editor.current_id, self.today)
        self.one_to_one_button.setVisible(member is not None)
        self.related.setVisible(member is not None)
        if self.training_box.checklist_open:  # a new starter: their first weeks come first
            self.related.setCurrentWidget(self.training_tab)
        self._show_said()
        self._update_buttons()

    def _show_said(self) -> None:
        """The praise and complaints naming the person in the form."""
        member_id = self.editor.current_id
        named = feedback_links.naming_member(self.wb, member_id) if member_id is not None else None
        self.customers_said.show_feedback(
            named, NO_FEEDBACK, "Praise and complaints naming them show here once they are added."
        )
        self.related.set_count(self.said_tab, named.total if named is not None else None)

    def _show_customer_feedback(self) -> None:
        """ "Show in Feedback ›": the Feedback page listing what names this person."""
        if self.editor.current_id is not None:
            self.open_item_requested.emit("feedback", "member", self.editor.current_id)

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for someone new (Add Person, Insert): they are added as soon as
        the form holds a name."""
        self.editor.start_new(focus=focus, settle=settle)

    def _feedback(self, text: str) -> None:
        show_message(self.feedback_label, text)  # no room taken when there is none

    def _update_buttons(self) -> None:
        if self.editor.loading:
            return
        member = self.current_member()
        editing = self.editor.current_id is not None
        self.toggle_active_button.setVisible(editing)
        self.delete_button.setVisible(editing)
        if member is not None:
            self.toggle_active_button.setText("Mark Inactive" if member.active else "Mark Active")
            self.toggle_active_button.setToolTip(
                f"{member.name} no longer works here: keep their answers, grey them out"
                if member.active
                else f"{member.name} is back on the team"
            )

    # -- writing ---------------------------------------------------------------

    def _save(self, member_id: int | None, v: dict[str, object]) -> int:
        name, role, start = str(v["name"]), str(v["role"]), str(v["start_date"])
        active, left = bool(v["active"]), str(v["left_on"])
        if member_id is None:
            return team.add_member(self.wb, name, role, start, active, left, today=self.today)
        team.update_member(self.wb, member_id, name, role, start, active, left, today=self.today)
        return member_id

    def _show_left_on(self, active: bool) -> None:
        """The day they left is asked only of someone no longer on the team. Unticking
        "Works here now" puts today in it (saved with the tick, and shown, so a later
        change to the form keeps it); ticking it again clears it."""
        self.form_rows.setRowVisible(self.left_on_row, not active)
        editor = getattr(self, "editor", None)
        if editor is None or editor.loading:  # a record being shown, not a tick
            return
        if active:
            self.left_on_edit.clear()
        elif not self.left_on_edit.text().strip():
            self.left_on_edit.setText(self.today.isoformat())

    def _on_saved(self, added: bool) -> None:
        name = str(self.editor.loaded_values["name"]).strip()
        self.form_title.setText(name)
        self.training_box.show_member(self.wb, self.editor.current_id, self.today)
        self.one_to_one_button.setVisible(True)
        self.related.setVisible(True)
        if added:
            self._feedback(
                f"{name} was added to the team; changes to them are saved as you type. "
                "Add Person (Insert) starts the next one."
            )
        self.changed.emit()

    def is_dirty(self) -> bool:
        return self.editor.is_dirty()

    def flush(self) -> bool:
        return self.editor.flush()

    def save_member(self) -> bool:
        """Save the form now (Enter; otherwise done as the owner types)."""
        return self.editor.flush()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def toggle_active(self) -> None:
        """Mark the person in the form inactive (or active again)."""
        member = self.current_member()
        if self.read_only or member is None or not self.editor.flush():
            return
        if not run_write(
            self,
            "change this person",
            lambda: team.set_active(self.wb, member.id, not member.active, today=self.today),
        ):
            return
        self.editor.reload(member.id)
        self._feedback(
            f"{member.name} is marked inactive; their answers stay in the workbook."
            if member.active
            else f"{member.name} is active again."
        )
        self.changed.emit()

    def delete_member(self) -> None:
        """Delete the person in the form after asking (Delete…, Del in the list)."""
        if self.read_only or self.editor.current_id is None:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        member = team.get_member(self.wb, self.editor.current_id)
        refs = team.member_references(self.wb, member.id)
        if not dialogs.confirm(
            self,
            f"Delete {member.name}?",
            delete_question(member, refs),
            "Delete",
            destructive=True,
        ):
            return
        row = self.model.row_of(member.id) or 0
        if not run_write(self, "delete this person", team.delete_member, self.wb, member.id):
            return
        self.editor.forget()
        self.editor.reload(None)
        neighbour = self.model.record_at(min(row, self.model.rowCount() - 1))
        if neighbour is not None:
            self.editor.reload(neighbour.id)
            self.editor.load(neighbour)
        else:
            self.start_new(focus=False, settle=False)
        self._feedback(f"{member.name} was deleted.")
        self.changed.emit()
