"""Team: the people who serve the customers. They answer the questionnaire and own standards.

A table of team members beside a form. Selecting someone loads them into the form. Every
edit is saved as it is made (after a short pause in typing, on Enter, on leaving a field,
on ticking the box) and before the form shows anyone else; a new person is added as soon as
the form holds a name the model accepts, and later edits change that same person.
Validation lives in the model: a refused change is not written, its message is shown under
the field it names and the owner stays on the person (``save_pending`` names it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import team
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.team import MemberReferences, TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.base import Page
from cscoach.ui.widgets import (
    EmptyState,
    action_button,
    error_label,
    plain_label,
    record_table,
    show_message,
    text_width,
)

EMPTY_TEXT = (
    "No one on the team yet — add the people who serve your customers; they answer the "
    "questionnaire and own standards."
)
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."
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
            "This cannot be undone."
        )
    first, *rest = consequences
    if not first.startswith("also"):
        first = "means " + first
    text = f"Deleting {name} {first}"
    if rest:
        text += "; " + "; ".join(rest)
    return f"{text}. To keep them, mark {name} inactive instead.\n\nDeleting cannot be undone."


@dataclass(frozen=True)
class FormValues:
    name: str
    role: str
    start_date: str
    active: bool

    @classmethod
    def of(cls, member: TeamMember | None) -> FormValues:
        if member is None:
            return cls("", "", "", True)
        return cls(member.name, member.role, member.start_date or "", member.active)


class TeamTableModel(QAbstractTableModel):
    """Team members as rows: Name, Role, Start date, Status. Inactive people are greyed."""

    COLUMNS = ("Name", "Role", "Start date", "Status")
    NAME, ROLE, START, STATUS = range(4)
    MemberIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[TeamMember] = []

    def set_members(self, members: list[TeamMember]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def members(self) -> list[TeamMember]:
        return list(self._members)

    def member_at(self, row: int) -> TeamMember | None:
        return self._members[row] if 0 <= row < len(self._members) else None

    def row_of(self, member_id: int | None) -> int | None:
        for row, member in enumerate(self._members):
            if member.id == member_id:
                return row
        return None

    # -- Qt overrides ----------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return member.name
            if column == self.ROLE:
                return member.role
            if column == self.START:
                return member.start_date or "—"
            if column == self.STATUS:
                return "Active" if member.active else "Inactive"
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not member.active:
                return f"{member.name} is inactive: kept for the record, no longer on the team."
            if column == self.START and not member.start_date:
                return "Start date not known"
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not member.active or (column == self.START and not member.start_date):
                return style.qcolor("inactive")
            return None
        if role == Qt.ItemDataRole.FontRole and not member.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == self.MemberIdRole:
            return member.id
        return None


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
        self._current_id: int | None = None  # None: the form is for a new person
        self._loaded = FormValues.of(None)
        self._loading = False
        self._refusal: str | None = None  # why the last save was refused
        self._list_stale = False  # a save asked for the list to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)

        self.model = TeamTableModel(self)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TeamTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TeamTableModel.ROLE, QHeaderView.ResizeMode.Stretch)
        # The date and status get room for their heading (bold) and entries; the name and
        # role share the rest, each at least NAME_CHARACTERS (the form gives way to them).
        bold = QFont(self.table.font())
        bold.setBold(True)
        heading, entry = QFontMetrics(bold), QFontMetrics(self.table.font())
        padding = text_width(self.table, 4)
        fixed = 0
        for column, samples in (
            (TeamTableModel.START, ("2024-08-30",)),
            (TeamTableModel.STATUS, ("Active", "Inactive")),
        ):
            width = padding + max(
                heading.horizontalAdvance(TeamTableModel.COLUMNS[column]),
                *(entry.horizontalAdvance(text) for text in samples),
            )
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
            fixed += width
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(frame + fixed + 2 * text_width(self.table, NAME_CHARACTERS))
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
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
        edit.returnPressed.connect(self.save_member)  # Enter saves at once
        edit.editingFinished.connect(self._on_field_left)
        edit.textChanged.connect(self._edited)
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
        self.active_check.toggled.connect(self._choice_made)  # a choice is saved at once

        self.errors = {
            "name": error_label("nameError"),
            "role": error_label("roleError"),
            "start_date": error_label("startDateError"),
        }
        self.form_error = error_label("formError")

        def field(edit: QWidget, error: QWidget) -> QWidget:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(3)
            layout.addWidget(edit)
            layout.addWidget(error)
            return box

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow("&Name", field(self.name_edit, self.errors["name"]))
        form.addRow("&Role", field(self.role_edit, self.errors["role"]))
        form.addRow("&Start date", field(self.start_date_edit, self.errors["start_date"]))
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

        layout = QVBoxLayout(self.detail_panel)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback_label)
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
            self.active_check,
        ):
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)
        for edit in (self.name_edit, self.role_edit, self.start_date_edit):
            edit.setReadOnly(True)
            edit.setToolTip(READ_ONLY_TIP)
        self.new_action.setEnabled(False)
        self.delete_action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        self._reload(select_id=self._current_id)

    def _reload(self, select_id: int | None, *, load_form: bool = True) -> None:
        """Read the team again and select ``select_id``; with ``load_form`` the form is
        filled from the workbook too (unless it holds a change not saved yet)."""
        members = team.list_members(self.wb)
        self._loading = True
        try:
            self.model.set_members(members)
            row = self.model.row_of(select_id)
            if row is not None:
                self._select_row(row)
        finally:
            self._loading = False
        self.list_stack.setCurrentWidget(self.table if members else self.empty_state)
        self.add_button.setVisible(bool(members))  # the empty state has its own button
        active = sum(1 for m in members if m.active)
        inactive = len(members) - active
        summary = _plural(active, "person", "people") + " on the team"
        if inactive:
            summary += f" · {inactive} inactive"
        self.count_label.setText(summary if members else "")
        if self._current_id is not None:
            row = self.model.row_of(self._current_id)
            if row is None:  # deleted elsewhere
                self.start_new(focus=False, settle=False)
            elif load_form and not self.is_dirty():
                member = self.model.member_at(row)
                assert member is not None
                self._load_member(member)

    def current_member(self) -> TeamMember | None:
        """The person in the form, or None while the form is for someone new."""
        row = self.model.row_of(self._current_id)
        return None if row is None else self.model.member_at(row)

    def form_values(self) -> FormValues:
        return FormValues(
            self.name_edit.text(),
            self.role_edit.text(),
            self.start_date_edit.text(),
            self.active_check.isChecked(),
        )

    # -- the form --------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _fill(self, values: FormValues) -> None:
        self._loading = True
        try:
            self.name_edit.setText(values.name)
            self.role_edit.setText(values.role)
            self.start_date_edit.setText(values.start_date)
            self.active_check.setChecked(values.active)
        finally:
            self._loading = False
        self._loaded = values
        self._refusal = None
        self.save_timer.stop()
        self.status.setText("")
        self.clear_errors()
        self._update_buttons()

    def _load_member(self, member: TeamMember) -> None:
        self._current_id = member.id
        self.form_title.setText(member.name)
        self._fill(FormValues.of(member))

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for someone new (Add Person, Insert): they are added as soon as
        the form holds a name."""
        if settle and not self.flush():
            return  # the refused change keeps its message and the form
        self._current_id = None
        self._loading = True
        try:
            self.table.clearSelection()
        finally:
            self._loading = False
        self.form_title.setText("New person")
        self._fill(FormValues.of(None))
        if focus and not self.read_only:
            self.name_edit.setFocus()

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")

    def show_validation_error(self, exc: ValidationError, *, focus: bool = True) -> None:
        """Show the model's message under the field it names (elsewhere: under the form)."""
        self.clear_errors()
        label = self.errors.get(exc.field, self.form_error)
        show_message(label, exc.message)
        edit = {
            "name": self.name_edit,
            "role": self.role_edit,
            "start_date": self.start_date_edit,
        }.get(exc.field)
        if edit is not None and focus:
            edit.setFocus()
            edit.selectAll()

    def _feedback(self, text: str) -> None:
        self.feedback_label.setText(text)

    def _update_buttons(self) -> None:
        if self._loading:
            return
        editing = self._current_id is not None
        member = self.current_member()
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

    def _write(
        self,
        action: str,
        func: Callable[..., object],
        *args: object,
        focus_error: bool = True,
    ) -> bool:
        """Run one model write; show any problem. True when it was saved."""
        try:
            func(self.wb, *args)
        except ValidationError as exc:
            self.show_validation_error(exc, focus=focus_error)
            return False
        except CsCoachError as exc:
            dialogs.show_error(self, f"Could not {action}", exc.message)
            return False
        except sqlite3.Error as exc:
            dialogs.show_error(
                self,
                f"Could not {action}",
                f"The workbook could not be written ({exc}). Nothing was changed.",
            )
            return False
        return True

    # -- saving as the owner types -----------------------------------------------

    def _edited(self) -> None:
        if self._loading or self.read_only:
            return
        self.status.setText("")
        self.save_timer.start()

    def _choice_made(self) -> None:
        if not self._loading:
            self.flush()

    def _on_field_left(self) -> None:
        """Leaving a field (or Enter) saves what it holds."""
        if not self._loading:
            self.flush()

    def is_dirty(self) -> bool:
        """Whether the form holds something the workbook does not (an untouched new form
        holds nothing)."""
        return not self.read_only and self.form_values() != self._loaded

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new person or
        changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to the field and nothing was written)."""
        self.save_timer.stop()
        if self._loading or not self.is_dirty():
            return True
        values = self.form_values()
        self.clear_errors()
        added = self._current_id is None
        try:
            if added:
                member_id = team.add_member(
                    self.wb, values.name, values.role, values.start_date, values.active
                )
            else:
                member_id = self._current_id
                team.update_member(
                    self.wb, member_id, values.name, values.role, values.start_date, values.active
                )
        except ValidationError as exc:
            self.show_validation_error(exc, focus=False)
            return self._refuse(exc.message)
        except autosave.REFUSALS as exc:
            show_message(self.form_error, autosave.refusal(exc))
            return self._refuse(autosave.refusal(exc))
        self._current_id = member_id
        self._loaded = values
        self._refusal = None
        self.status.setText(autosave.SAVED)
        self.form_title.setText(values.name.strip())
        if added:
            self._feedback(
                f"{values.name.strip()} was added to the team; changes to them are saved as "
                "you type. Add Person (Insert) starts the next one."
            )
        # The list follows on the next turn of the event loop (the form is left as typed):
        # a click in the list that saved the form by leaving it lands on the row aimed at.
        if not self._list_stale:
            self._list_stale = True
            QTimer.singleShot(0, self, self._show_stale_list)
        self.changed.emit()
        return True

    def _refuse(self, message: str) -> bool:
        self.status.setText(autosave.NOT_SAVED)
        if self._current_id is None:
            name = self.name_edit.text().strip() or "a new person"
            self._refusal = f"{name} could not be added to the team: {message}"
        else:
            self._refusal = f"Your changes to {self._loaded.name} could not be saved: {message}"
        return False

    def _show_stale_list(self) -> None:
        """Show the saved team in the list if the page is shown (else when it is next
        shown: a page being closed with its workbook is not read again)."""
        if self._list_stale and self.isVisible():
            self._list_stale = False
            self._reload(select_id=self._current_id, load_form=False)
            self._update_buttons()

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_list()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        """Showing another page saves what is being typed here (a refused change keeps
        its message, and ``save_pending`` names it)."""
        if not event.spontaneous():
            self.flush()
        super().hideEvent(event)

    def save_member(self) -> bool:
        """Save the form now (Enter; otherwise done as the owner types)."""
        return self.flush()

    def save_pending(self) -> str | None:
        if self.flush():
            return None
        return self._refusal or "The person being edited is not saved."

    def _on_selection_changed(self) -> None:
        if self._loading:
            return
        indexes = self.table.selectionModel().selectedRows()
        member = self.model.member_at(indexes[0].row()) if indexes else None
        if member is None or member.id == self._current_id:
            return
        target = member.id
        if not self.flush():
            # Refused: stay on the person (or new person) being edited; the message is shown.
            self._select_edited_row()
            QTimer.singleShot(0, self, self._select_edited_row)
            return
        row = self.model.row_of(target)  # the list may have been reloaded by the save
        member = self.model.member_at(row) if row is not None else None
        if member is None:
            return
        self._loading = True
        try:
            self._select_row(row)  # type: ignore[arg-type]
        finally:
            self._loading = False
        self._load_member(member)
        self._feedback("")

    def _select_edited_row(self) -> None:
        self._loading = True
        try:
            row = self.model.row_of(self._current_id)
            if row is None:
                self.table.clearSelection()
            else:
                self._select_row(row)
        finally:
            self._loading = False

    def toggle_active(self) -> None:
        """Mark the person in the form inactive (or active again)."""
        if self.read_only or self._current_id is None:
            return
        if not self.flush():
            return
        member = team.get_member(self.wb, self._current_id)
        if not self._write("change this person", team.set_active, member.id, not member.active):
            return
        self._reload(select_id=member.id)
        self._load_member(team.get_member(self.wb, member.id))
        self._feedback(
            f"{member.name} is marked inactive; their answers stay in the workbook."
            if member.active
            else f"{member.name} is active again."
        )
        self.changed.emit()

    def delete_member(self) -> None:
        """Delete the person in the form after asking (Delete…, Del in the list)."""
        if self.read_only or self._current_id is None:
            return
        self.flush()  # a cancelled delete keeps what was typed
        member = team.get_member(self.wb, self._current_id)
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
        if not self._write("delete this person", team.delete_member, member.id):
            return
        self._current_id = None
        self._loaded = FormValues.of(None)
        self._reload(select_id=None)
        neighbour = self.model.member_at(min(row, self.model.rowCount() - 1))
        if neighbour is not None:
            self._reload(select_id=neighbour.id)
            self._load_member(neighbour)
        else:
            self.start_new(focus=False, settle=False)
        self._feedback(f"{member.name} was deleted.")
        self.changed.emit()
