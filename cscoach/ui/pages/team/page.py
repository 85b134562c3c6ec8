"""Team: the people who serve the customers. They answer the questionnaire and own standards.

A table of team members beside a form. Selecting someone loads them into the form. Every
edit is saved as it is made (after a short pause in typing, on Enter, on leaving a field,
on ticking the box) and before the form shows anyone else; a new person is added as soon as
the form holds a name the model accepts, and later edits change that same person.
Validation lives in the model: a refused change is not written, its message is shown under
the field it names and the owner stays on the person (``save_pending`` names it).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import feedback_links, team
from cscoach.model.team import MemberReferences, TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.named_feedback import NamedFeedbackPanel
from cscoach.ui.pages.base import Page
from cscoach.ui.record_editor import RecordEditor, run_write
from cscoach.ui.record_fields import Field, with_error
from cscoach.ui.record_table import Column, RecordTableModel, fit_columns
from cscoach.ui.widgets import (
    EmptyState,
    action_button,
    error_label,
    plain_label,
    record_table,
    text_width,
)

EMPTY_TEXT = (
    "No one on the team yet — add the people who serve your customers; they answer the "
    "questionnaire and own standards."
)
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."
NO_FEEDBACK = (
    "No praise or complaint names them yet. On the Feedback page, an item's Team members "
    "say who it is about."
)
NAME_CHARACTERS = 18  # a name and a role keep this many average characters on a small screen

ModelIndex = QModelIndex | QPersistentModelIndex


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def delete_question(member: TeamMember, refs: MemberReferences) -> str:
    """The question asked before deleting ``member``: what goes with them, what to do instead."""
    name = member.name
    consequences: list[str] = []
    if refs.responses:
        consequences.append(
            f"also deletes their answers in {_plural(refs.rounds, 'questionnaire round')}"
        )
    if refs.standards_owned:
        owned = _plural(refs.standards_owned, "standard")
        consequences.append(f"{owned} they own will have no owner")
    if refs.reviews_recorded:
        reviews = _plural(refs.reviews_recorded, "standard review")
        consequences.append(f"{reviews} they recorded will no longer say who did it")
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


def team_table_model(parent: QWidget | None = None) -> RecordTableModel[TeamMember]:
    """Team members as rows: Name, Role, Start date, Status. Inactive people are greyed."""
    return RecordTableModel(
        COLUMNS,
        inactive=lambda m: not m.active,
        inactive_tip=lambda m: f"{m.name} is inactive: kept for the record, no longer on the team.",
        parent=parent,
    )


def values_of(member: TeamMember | None) -> dict[str, object]:
    if member is None:
        return {"name": "", "role": "", "start_date": "", "active": True}
    return {
        "name": member.name,
        "role": member.role,
        "start_date": member.start_date or "",
        "active": member.active,
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

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("teamPage")
        self.model = team_table_model(self)
        self._build_list()
        self._build_form()

        # The list takes the room a wider window gives; the form keeps about 58 characters
        # but gives way on a small screen (the owner can drag).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("teamSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([text_width(self, 110), text_width(self, 58)])
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

        self.empty_add_button = action_button(
            "Add the First Person", "emptyAddButton", lambda: self.start_new()
        )
        self.empty_state = EmptyState(EMPTY_TEXT, self.empty_add_button)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty_state)
        self.list_stack.addWidget(self.table)

        self.add_button = QPushButton("Add Person")
        self.add_button.setObjectName("addMemberButton")
        self.add_button.setToolTip("Start a blank form for someone new (Insert)")
        self.add_button.clicked.connect(lambda: self.start_new())
        self.count_label = plain_label(object_name="teamCountLabel", role="hint")

        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.list_panel = QWidget()
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(bar)

    def _line_edit(self, object_name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build_form(self) -> None:
        self.detail_panel = QFrame()
        self.detail_panel.setObjectName("detailPanel")

        self.form_title = plain_label(object_name="formTitle")
        self.form_title.setWordWrap(True)

        self.name_edit = self._line_edit("nameEdit", "Full name, as the team knows them")
        self.role_edit = self._line_edit("roleEdit", "for example: Barista, Shift lead")
        self.start_date_edit = self._line_edit("startDateEdit", "YYYY-MM-DD, or leave empty")
        self.start_date_edit.setToolTip(
            "The day they started, written YYYY-MM-DD (for example 2024-03-18). "
            "Leave empty if you do not know."
        )
        self.active_check = QCheckBox("Works here now (active)")
        self.active_check.setObjectName("activeCheck")
        self.active_check.setToolTip(
            "Inactive people stay in the workbook with their answers, greyed out in the list."
        )

        self.errors = {
            "name": error_label("nameError"),
            "role": error_label("roleError"),
            "start_date": error_label("startDateError"),
        }
        self.form_error = error_label("formError")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow("&Name", with_error(self.name_edit, self.errors["name"]))
        form.addRow("&Role", with_error(self.role_edit, self.errors["role"]))
        form.addRow("&Start date", with_error(self.start_date_edit, self.errors["start_date"]))
        form.addRow("", self.active_check)

        self.status = autosave.status_label("memberStatus", "Changes are saved as you type them")
        self.status.setMinimumWidth(text_width(self.status, len(autosave.NOT_SAVED) + 2))
        self.toggle_active_button = QPushButton()
        self.toggle_active_button.setObjectName("toggleActiveButton")
        self.toggle_active_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteMemberButton")
        self.delete_button.setToolTip("Delete this person and their questionnaire answers (Del)")
        self.delete_button.clicked.connect(self.delete_member)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.status)
        buttons.addWidget(self.toggle_active_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        self.feedback_label = plain_label(object_name="feedbackLabel", role="feedback")
        self.feedback_label.setWordWrap(True)

        self.customers_said = NamedFeedbackPanel(
            "Praise and complaints",
            "memberCustomerFeedback",
            "Open the Feedback page at the feedback naming them",
        )
        self.customers_said.show_requested.connect(self._show_customer_feedback)

        layout = QVBoxLayout(self.detail_panel)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback_label)
        layout.addSpacing(4)
        layout.addWidget(self.customers_said)
        layout.addStretch(1)

    def _build_actions(self) -> None:
        self.new_action = QAction("Add Person", self)
        self.new_action.setObjectName("newMemberAction")
        self.new_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Shift+N")]
        )
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda: self.start_new())
        self.addAction(self.new_action)

        # Delete only from the list, so the Delete key in a text field still edits text.
        self.delete_action = QAction("Delete Person…", self.table)
        self.delete_action.setObjectName("deleteMemberAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_member)
        self.table.addAction(self.delete_action)

    def _apply_read_only(self) -> None:
        for widget in (
            self.add_button,
            self.empty_add_button,
            self.toggle_active_button,
            self.delete_button,
        ):
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
        self.list_stack.setCurrentWidget(self.table if members else self.empty_state)
        self.add_button.setVisible(bool(members))  # the empty state has its own button
        active = sum(1 for m in members if m.active)
        inactive = len(members) - active
        summary = _plural(active, "person", "people") + " on the team"
        if inactive:
            summary += f" · {inactive} inactive"
        self.count_label.setText(summary if members else "")
        self._show_said()
        self._update_buttons()

    def current_member(self) -> TeamMember | None:
        """The person in the form, or None while the form is for someone new."""
        return self.editor.current()

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        member = self.editor.current()
        self.form_title.setText(member.name if member is not None else "New person")
        self._show_said()
        self._update_buttons()

    def _show_said(self) -> None:
        """The praise and complaints naming the person in the form."""
        member_id = self.editor.current_id
        self.customers_said.show_feedback(
            feedback_links.naming_member(self.wb, member_id) if member_id is not None else None,
            NO_FEEDBACK,
            "Praise and complaints naming them show here once they are added.",
        )

    def _show_customer_feedback(self) -> None:
        """ "Show in Feedback ›": the Feedback page listing what names this person."""
        if self.editor.current_id is not None:
            self.open_item_requested.emit("feedback", "member", self.editor.current_id)

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for someone new (Add Person, Insert): they are added as soon as
        the form holds a name."""
        self.editor.start_new(focus=focus, settle=settle)

    def _feedback(self, text: str) -> None:
        self.feedback_label.setText(text)

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
        if member_id is None:
            return team.add_member(self.wb, name, role, start, bool(v["active"]))
        team.update_member(self.wb, member_id, name, role, start, bool(v["active"]))
        return member_id

    def _on_saved(self, added: bool) -> None:
        name = str(self.editor.loaded_values["name"]).strip()
        self.form_title.setText(name)
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
            self, "change this person", team.set_active, self.wb, member.id, not member.active
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
