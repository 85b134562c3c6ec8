"""Actions: what the business decided to do about what it found — who does it, by when —
carried to done, with what came of it.

The list (open ones first: still to do) beside the form of one action, tied together by a
``RecordEditor``: every edit is saved as it is made, a new action is added once it has a
title. An action started from somewhere else (a feedback theme, a standard, a question's
answers, a KPI's month) keeps a link back to it (``links``). Marking done an action that
came from an open complaint resolves the complaint too, in the same step of Undo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cscoach.model import action_loop, actions, actions_edit, sections
from cscoach.model.actions import Action, Source
from cscoach.model.actions_edit import ActionInput
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.list_panel import FilteredList, ListTexts, list_form_splitter
from cscoach.ui.pages.actions.filters import HELPED, OVERDUE, ActionsFilters
from cscoach.ui.pages.actions.form import NOT_ASKED, ActionForm
from cscoach.ui.pages.actions.links import source_of_link
from cscoach.ui.pages.actions.table import actions_table_model, fit_actions_table
from cscoach.ui.pages.base import Page
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor
from cscoach.ui.record_fields import FormScroll
from cscoach.ui.widgets import (
    STRETCH,
    action_button,
    delete_action,
    push_button,
    record_table,
    shortcut_action,
    show_message,
)

Values = dict[str, Any]
NOTHING_TEXT = (
    "No actions yet. When the questionnaire, a complaint that keeps coming back or a month "
    "off target shows something to fix, write down here what you will do, who and by when "
    "— then tick it off at the monthly review."
)
NO_MATCH_TEXT = "No actions match these filters."
TEXTS = ListTexts(NOTHING_TEXT, "Write the First Action", no_match=NO_MATCH_TEXT)
# Where an action's link back opens: (page, the kind of item ``Page.select_item`` shows).
SOURCE_PAGES = {
    actions.FEEDBACK_ITEM: (sections.FEEDBACK.key, "item"),
    actions.FEEDBACK_THEME: (sections.FEEDBACK.key, "theme"),
    actions.STANDARD: (sections.STANDARDS.key, "standard"),
    actions.ROUND: (sections.QUESTIONNAIRE.key, "round"),
    actions.QUESTION: (sections.QUESTIONNAIRE.key, "round"),
    actions.KPI_MONTH: (sections.KPIS.key, "review"),
    actions.REVIEW: (sections.KPIS.key, "review"),
}


def values_of(action: Action) -> Values:
    return {
        "title": action.title,
        "owner_id": actions.OWNER if action.owner_id is None else action.owner_id,
        "due_on": action.due_on or "",
        "status": action.status,
        "done_on": action.done_on or "",
        "outcome": action.outcome,
        "share": action.share,
        "helped": action.helped or NOT_ASKED,
    }


def input_of(v: Values, source: Source) -> ActionInput:
    owner = v["owner_id"]
    return ActionInput(
        title=v["title"],
        source=source,
        owner_id=None if owner in (None, actions.OWNER) else int(owner),
        due_on=v["due_on"] or None,
        status=v["status"],
        done_on=v["done_on"] or None,
        outcome=v["outcome"],
        share=bool(v["share"]),
        helped=v["helped"] or None,
    )


class ActionsList(FilteredList):
    """Filters over a summary line, the table of actions, New Action and Delete… under it."""

    filters: ActionsFilters

    def __init__(self, table: Any, parent: QWidget | None = None) -> None:
        self.new_button = push_button("New Action", "newActionButton", "A blank action (Insert)")
        self.delete_button = push_button(
            "Delete…", "deleteActionListButton", "Delete the action selected (Del in the list)"
        )
        super().__init__(
            table,
            ActionsFilters(),
            "actions",
            TEXTS,
            bar=[self.new_button, STRETCH, self.delete_button],
            parent=parent,
        )


class ActionsPage(Page):
    title = "Actions"
    subtitle = (
        "What you decided to do about what you found — who, by when — and what came of it. "
        "Tick them off at the monthly review."
    )
    tip = (
        "People stop answering when nothing changes: close the loop, and tell the team and "
        "your customers what you did (“You said, we did”)."
    )

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("actionsPage")
        self.fixed_today = today
        self._new_source = Source()  # where the new action in the form came from
        self._said = ""  # what a save did besides saving (a complaint resolved)
        self._build_header()
        self.model = actions_table_model(self.today, self)
        self.table = record_table(self.model, "actionsTable")
        self.table.setAccessibleName("Actions")
        self.fitter = fit_actions_table(self.table, self.model)
        self.list_panel = ActionsList(self.table)
        self.filters = self.list_panel.filters
        self.form = ActionForm()
        self.form_scroll = FormScroll(self.form, "actionFormScroll", least=40)
        self.splitter = list_form_splitter(
            self, "actionsSplitter", self.list_panel, self.form_scroll, (100, 62), form_share=0.3
        )
        self.page_layout.addWidget(self.splitter, 1)

        self.editor: RecordEditor[Action] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="action",
            named_by="title",
            read=self._read,
            values_of=self._values_of,
            save=self._save,
            read_only=self.read_only,
            find=self._find,
            prepare=self._owners_for,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.filters.changed.connect(self._filters_changed)
        self.form.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.form.source_requested.connect(self.open_source)
        self.form.delete_button.clicked.connect(self.delete_action)
        lp = self.list_panel
        for button in (lp.new_button, lp.empty_new_button):
            button.clicked.connect(lambda _=False: self.start_new())
        lp.delete_button.clicked.connect(self.delete_action)
        for button in (lp.clear_filters_link, lp.clear_filters_button):
            button.clicked.connect(self.clear_filters)
        self.table.doubleClicked.connect(lambda _index: self.form.title_edit.setFocus())
        self._build_actions()
        label_form_fields(self.form)
        self.reload()
        self.start_new(focus=False, settle=False)
        if self.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            for widget in (lp.new_button, lp.empty_new_button, lp.delete_button):
                widget.setEnabled(False)
                widget.setToolTip(READ_ONLY_TIP)
            self.form.delete_button.setEnabled(False)
            self.new_action.setEnabled(False)
            self.delete_key.setEnabled(False)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # -- building --------------------------------------------------------------

    def _build_header(self) -> None:
        self.print_button = action_button(
            "Print “You Said, We Did”…",
            "printYouSaidButton",
            self.print_wall,
            "One page for the break-room wall: what the team and customers told you and "
            "what you changed, from the actions marked to show there",
        )
        self.calendar_button = action_button(
            "Export Calendar…",
            "exportCalendarButton",
            self.export_calendar,
            "The dates not to miss (reviews, action due dates, the next questionnaire) as a "
            "file Google Calendar, Outlook or Apple Calendar imports",
        )
        self.put_beside_title(self.print_button, self.calendar_button)

    def _build_actions(self) -> None:
        self.new_action = shortcut_action(
            self, "New Action", [Qt.Key.Key_Insert, "Ctrl+Shift+N"], self.start_new
        )
        self.find_action = shortcut_action(self, "Search", "Ctrl+F", self.filters.focus_search)
        self.delete_key = delete_action(self.table, "Delete Action…", self.delete_action)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again (after Undo, or a change on another page)."""
        self.editor.refill(self._reload_choices)
        self.editor.reload()

    def _reload_choices(self) -> None:
        self._owners_for(self.editor.current())
        self.filters.set_owners(actions.owner_choices(self.wb))

    def _owners_for(self, action: Action | None) -> None:
        """Who can hold ``action``: the owner, the team, and its owner even if they left."""
        owner = action.owner_id if action is not None else None
        self.form.set_owners(actions.owner_choices(self.wb, owner))

    def _read(self) -> list[Action]:
        status = self.filters.status()
        ids: list[int] | None = None
        if status == OVERDUE:
            ids = [a.id for a in action_loop.overdue_actions(self.wb, self.today)]
        elif status == HELPED:
            ids = [a.id for a in action_loop.awaiting_helped(self.wb, self.today)]
        return actions.list_actions(self.wb, self.filters.filter(ids))

    def _find(self, action_id: int) -> Action | None:
        try:
            return actions.get_action(self.wb, action_id)
        except ValidationError:
            return None

    def _values_of(self, action: Action | None) -> Values:
        if action is not None:
            return values_of(action)
        return {
            "title": "",
            "owner_id": actions.OWNER,
            "due_on": "",
            "status": actions.PLANNED,
            "done_on": "",
            "outcome": "",
            "share": False,
            "helped": NOT_ASKED,
        }

    def _on_listed(self) -> None:
        counts = action_loop.status_counts(self.wb)
        total = sum(counts.values())
        parts = [
            f"{counts.get(s, 0)} {actions.STATUS_LABELS[s].lower()}"
            for s in actions.STATUSES
            if counts.get(s)
        ]
        text = ", ".join(parts) if parts else "No actions"
        overdue = len(action_loop.overdue_actions(self.wb, self.today))
        if overdue:
            text += f" · ⚠ {overdue} overdue"
        if self.filters.narrowed():
            text = f"Showing {self.model.rowCount()} · {text}"
        self.list_panel.show_summary(text, shown=self.model.rowCount(), total=total)
        self._update_buttons()

    def _filters_changed(self) -> None:
        self.editor.reload()

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        action = self.editor.current()
        if action is None:
            self.form.form_title.setText("New action")
            source = self._new_source
            text = actions.describe_source(self.wb, source) if source.kind != "none" else ""
        else:
            self.form.form_title.setText(action.title)
            source, text = action.source, action.source_text
        self.form.show_source(text, source.kind in SOURCE_PAGES and not source.deleted)
        self.form.show_status(str(self.form.status_combo.currentData()))
        self.form.title_edit.setCursorPosition(0)  # a long title shows its beginning
        show_message(self.form.feedback_label, "")
        self._update_buttons()

    def _status_chosen(self) -> None:
        self.form.show_status(str(self.form.status_combo.currentData()))

    def start_new(
        self, source: Source | None = None, *, focus: bool = True, settle: bool = True
    ) -> None:
        """A blank form for a new action (from ``source``, if given): added once it has a
        title."""
        if self.read_only and focus:
            return
        self._new_source = source or Source()
        if self.editor.start_new(focus=False, settle=settle):
            self._on_loaded()
            if focus:
                self.form.title_edit.setFocus()

    def _update_buttons(self) -> None:
        if self.read_only:
            return
        chosen = self.editor.current_id is not None
        self.list_panel.delete_button.setEnabled(chosen)
        self.form.delete_button.setEnabled(chosen)

    # -- links -----------------------------------------------------------------

    def select_item(self, kind: str, item_id: int) -> None:
        """An action ("action"), a new one from where a finding is (``links``), or the
        overdue ones, those waiting for "did it help?", one person's open ones."""
        source = source_of_link(kind, item_id)
        if source is not None:
            self.start_new(source)
            return
        if kind == "action":
            self.open_action(item_id)
        elif kind in (OVERDUE, HELPED):
            self._show_filtered(status=kind)
        elif kind == "owner":
            self._show_filtered(owner=item_id)

    def _show_filtered(self, **wanted: Any) -> None:
        if not self.editor.flush():
            return
        self.filters.choose(**wanted)
        self.editor.reload()

    def open_action(self, action_id: int) -> None:
        """Show one action in the form, the filters cleared if they hide it."""
        if not self.editor.flush():
            return
        if self.model.row_of(action_id) is None:
            self.filters.clear()
            self.editor.reload()
        row = self.model.row_of(action_id)
        record = self.model.record_at(row) if row is not None else None
        if row is not None and record is not None:
            self.editor.show_row(row, record)

    def open_source(self) -> None:
        """Follow the link back to where the action in the form came from."""
        action = self.editor.current()
        source = action.source if action is not None else self._new_source
        target = SOURCE_PAGES.get(source.kind)
        if target is None or source.deleted or not self.editor.flush():
            return
        page, kind = target
        if kind == "round" and action is not None and action.round_id is not None:
            self.open_item_requested.emit(page, kind, action.round_id)
        elif kind == "review":
            month = source.month or ""
            self.open_item_requested.emit(page, kind, int(month.replace("-", "") or 0))
        else:
            self.open_item_requested.emit(page, kind, source.id or 0)

    # -- writing ---------------------------------------------------------------

    def _save(self, action_id: int | None, v: Values) -> int:
        if action_id is None:
            return actions_edit.add_action(self.wb, input_of(v, self._new_source), today=self.today)
        existing = actions.get_action(self.wb, action_id)
        data = input_of(v, existing.source)
        done_now = data.status == actions.DONE and existing.status != actions.DONE
        complaint = actions_edit.linked_open_complaint(self.wb, action_id) if done_now else None
        actions_edit.update_action(
            self.wb, action_id, data, today=self.today, resolve_complaint=complaint is not None
        )
        if complaint is not None:
            self._said = "Done — and the complaint it came from is marked resolved."
        return action_id

    def _on_saved(self, added: bool) -> None:
        said, self._said = self._said, ""
        if added:
            said = "Added. Who, by when and the rest are saved as you type."
        show_message(self.form.feedback_label, said)
        action = self.editor.current()
        if action is not None:
            self.form.form_title.setText(action.title)
        self.changed.emit()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def flush(self) -> bool:
        return self.editor.flush()

    def delete_action(self) -> None:
        """Delete the action in the form after asking (Delete…, Del in the list)."""
        action = self.editor.current()
        if action is not None and self.editor.delete_current(
            "Delete this action?",
            f"Delete “{action.title}”?\n\nEdit › Undo brings it back.",
            lambda action_id: actions_edit.delete_action(self.wb, action_id),
        ):
            show_message(self.form.feedback_label, "The action was deleted.")
            self.changed.emit()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.editor.reload()

    # -- printing and the calendar ------------------------------------------------

    def print_wall(self) -> None:
        """Preview "You said, we did" (edits are saved first)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.editor.flush()
        print_preview.preview(
            self,
            self.wb,
            PrintRequest("you-said-we-did"),
            "You Said, We Did",
            "you-said-we-did.pdf",
        )

    def export_calendar(self) -> None:
        """Save the owner's calendar (.ics) where they choose (File › Export Calendar…)."""
        from cscoach.ui import reach

        self.editor.flush()
        reach.export_calendar(self, self.wb, self.today)
