"""The Items tab of the Feedback page: the filtered list of what customers said beside the
form of one item, tied together by a ``RecordEditor``.

Quick entry is the editor's new record: the date is today, the kind is the one last used
(or the one the list is filtered by), and Enter in what was said saves — the item is added
as soon as the model accepts it, and every later edit (a detail, a theme suggested and
taken with F4) changes that same item. A refusal (no text, a day still to come) is shown
under its field and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from cscoach.model import feedback, feedback_edit, feedback_patterns, feedback_themes, team
from cscoach.model import standards as standards_model
from cscoach.model.actions import Source
from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.feedback import FeedbackInput, FeedbackItem
from cscoach.model.workbook import Workbook
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.pages.feedback.entry_form import OWNER, EntryForm
from cscoach.ui.pages.feedback.items_list import ItemsList
from cscoach.ui.pages.feedback.items_table import ItemsTable, fit_items_table, items_table_model
from cscoach.ui.pages.training.links import STORY_FROM
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor
from cscoach.ui.record_fields import FormScroll
from cscoach.ui.widgets import delete_action, show_message, vbox

Values = dict[str, Any]
HIDDEN_TEXT = "The filters above hide it."


def short(text: str, length: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def values_of(item: FeedbackItem) -> Values:
    """What the form shows of an item (the editor's values, by field)."""
    return {
        "received_on": item.received_on,
        "kind": item.kind,
        "text": item.text,
        "channel": item.channel,
        "customer": item.customer,
        "themes": tuple(sorted(item.theme_ids)),
        "members": tuple(sorted(item.member_ids)),
        "standards": tuple(sorted(item.standard_ids)),
        "customer_asked": item.customer_asked,
        "severity": item.severity or "",
        "acknowledged_on": item.acknowledged_on or "",
        "follow_up_by": item.follow_up_by or OWNER,
        "action_taken": item.action_taken,
        "status": item.status or feedback.OPEN,
        "resolved_on": item.resolved_on or "",
    }


def input_of(v: Values) -> FeedbackInput:
    """The form's values as the model takes them."""
    return FeedbackInput(
        received_on=v["received_on"],
        kind=v["kind"],
        text=v["text"],
        channel=v["channel"],
        customer=v["customer"],
        customer_asked=v["customer_asked"],
        severity=v["severity"] or None,
        acknowledged_on=v["acknowledged_on"] or None,
        follow_up_by=v["follow_up_by"] or None,
        action_taken=v["action_taken"],
        status=v["status"],
        resolved_on=v["resolved_on"] or None,
        theme_ids=tuple(v["themes"]),
        member_ids=tuple(v["members"]),
        standard_ids=tuple(v["standards"]),
    )


class ItemsTab(QWidget):
    """The list of feedback (filtered, searched, or the items behind a number) and the form."""

    changed = Signal()
    themes_requested = Signal()
    open_item_requested = Signal(str, str, int)  # an item's action on the Actions page

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackItemsTab")
        self.wb = wb
        self.fixed_today = today
        self.last_kind = feedback.COMPLIMENT  # a new item starts with the kind last added
        self._themes: list[feedback_themes.Theme] = []
        self._check_hidden = False
        # The items read since the workbook last changed (``Workbook.change_stamp``), by id:
        # a filter changed, or the page shown again with nothing written, takes them from
        # here and asks SQL only which ids to list.
        self._known: dict[int, FeedbackItem] = {}
        self._known_stamp: tuple[int, int] | None = None
        self._reloaded: tuple[tuple[int, int], dt.date] | None = None  # see ``reload``

        self.spec = ItemsTable(today)
        self.model = items_table_model(self.spec, self)
        self.list_panel = ItemsList(self.model)
        self.table, self.filters = self.list_panel.table, self.list_panel.filters
        self.fitter = fit_items_table(self.table, self.model)
        self.form = EntryForm()
        self.form.themes_requested.connect(self.themes_requested)
        self.form.actions_box.open_item_requested.connect(self.open_item_requested)
        self.form.story_button.clicked.connect(self._to_story)
        self.form_scroll = FormScroll(self.form, "feedbackFormScroll", least=33)

        self.splitter = list_form_splitter(
            self,
            "feedbackSplitter",
            self.list_panel,
            self.form_scroll,
            (110, 60),
            form_share=0.34,  # on a wide screen, room for the standards' titles
        )
        vbox(self.splitter, parent=self, margins=(0, 8, 0, 0))

        # Choosing "Resolved" dates it today unless a date is there (before the editor
        # saves the choice: connected first).
        self.form.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.form.kind_combo.currentIndexChanged.connect(self._show_complaint_box)
        self.editor: RecordEditor[FeedbackItem] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="item",
            named_by="text",
            read=self._read,
            values_of=self._values_of,
            save=self._save,
            read_only=wb.read_only,
            find=self._find,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.form.text_edit.submitted.connect(self.submit)
        self.form.date_edit.returnPressed.connect(self.submit)
        self.form.customer_edit.returnPressed.connect(self.editor.focus_refusal)
        self.form.text_edit.textChanged.connect(self._suggest)
        self.form.themes_list.itemChanged.connect(lambda _item: self._suggest())
        self.form.suggestions.accepted.connect(self.accept_suggestion)
        self.filters.changed.connect(lambda: self.editor.reload())

        lp = self.list_panel
        lp.new_button.clicked.connect(lambda: self.start_new())
        lp.empty_new_button.clicked.connect(lambda: self.start_new())
        lp.delete_button.clicked.connect(self.delete_item)
        for button in (lp.clear_filters_link, lp.clear_filters_button, lp.show_all_button):
            button.clicked.connect(self.clear_filters)
        self.table.doubleClicked.connect(lambda _index: self.form.text_edit.setFocus())
        # Delete only from the list, so the Delete key in a text field still edits text.
        self.delete_action = delete_action(self.table, "Delete Item…", self.delete_item)
        self.delete_action.setObjectName("deleteFeedbackAction")
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            self.form.set_read_only()
            for button in (lp.new_button, lp.empty_new_button, lp.delete_button):
                button.setEnabled(False)
                button.setToolTip(READ_ONLY_TIP)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def read_only(self) -> bool:
        return self.wb.read_only

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again: the lists to choose from, the items, and the form
        unless it holds a change. Nothing when nothing was written since the last time, on
        the same day (the page shown again after another page said it changed)."""
        read = (self.wb.change_stamp(), self.today)
        if read == self._reloaded:
            return
        self._reloaded = read
        self.editor.refill(self._reload_choices)
        self.editor.reload()

    def _reload_choices(self) -> None:
        self._themes = feedback_themes.list_themes(self.wb)
        members = team.list_members(self.wb)
        channels = feedback.channels_in_use(self.wb)
        standards = standards_model.list_standards(self.wb)
        self.form.set_choices(self._themes, members, standards, channels)
        self.filters.set_choices(
            self._themes, channels, members, feedback.months_with_items(self.wb)
        )
        self.spec.open_days = feedback_patterns.rules(self.wb).open_days

    def _read(self) -> list[FeedbackItem]:
        """The items the filters choose. An item is read once for as long as nothing is
        written (10,000 take about a tenth of a second; their ids a few milliseconds)."""
        stamp = self.wb.change_stamp()
        if stamp != self._known_stamp:
            self._known.clear()
            self._known_stamp = stamp
        filt = self.filters.filter()
        if not self._known:
            items = feedback.list_items(self.wb, filt)
            self._known.update((item.id, item) for item in items)
            return items
        ids = feedback.item_ids(self.wb, filt)
        missing = [i for i in ids if i not in self._known]
        if missing:
            self._known.update((item.id, item) for item in feedback.items_by_id(self.wb, missing))
        return [self._known[i] for i in ids]

    def _find(self, item_id: int) -> FeedbackItem | None:
        row = self.model.row_of(item_id)
        if row is not None:
            return self.model.record_at(row)
        try:
            return feedback.get_item(self.wb, item_id)
        except ValidationError:
            return None

    def _values_of(self, item: FeedbackItem | None) -> Values:
        if item is not None:
            return values_of(item)
        f = self.filters.filter()
        return {
            "received_on": self.today.isoformat(),
            "kind": f.kind or self.last_kind,
            "text": "",
            "channel": "",
            "customer": "",
            "themes": (f.theme_id,) if f.theme_id is not None else (),
            "members": (f.member_id,) if f.member_id is not None else (),
            "standards": (),
            "customer_asked": "",
            "severity": "",
            "acknowledged_on": "",
            "follow_up_by": OWNER,
            "action_taken": "",
            "status": feedback.OPEN,
            "resolved_on": "",
        }

    def _on_listed(self) -> None:
        overdue = feedback_patterns.open_complaints(self.wb, today=self.today)
        self.list_panel.show_counts(
            self.model.rowCount(),
            feedback.count_items(self.wb),
            len(overdue),
            sum(1 for c in overdue if c.overdue),
            self.spec.open_days,
        )
        current = self.editor.current()
        if self._check_hidden and current is not None:
            self._check_hidden = False
            said = self.form.feedback_label.text()
            if self.model.row_of(current.id) is None and not said.endswith(HIDDEN_TEXT):
                self.say(f"{said} {HIDDEN_TEXT}".strip())
        self._update_buttons()

    def current_item(self) -> FeedbackItem | None:
        return self.editor.current()

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        item = self.editor.current()
        if item is None:
            self.form.form_title.setText("New feedback")
        else:
            kind = feedback.KIND_LABELS[item.kind]
            self.form.form_title.setText(f"{kind} of {long_date(item.received_on)}")
        source = Source.feedback_item(item.id) if item is not None else None
        self.form.actions_box.show_source(self.wb, source)
        self.form.text_edit.moveCursor(QTextCursor.MoveOperation.Start)
        self._show_complaint_box()
        self._suggest()
        self._update_buttons()

    def _show_complaint_box(self) -> None:
        kind = self.form.kind_combo.currentData()
        self.form.show_complaint(kind == feedback.COMPLAINT)
        self.form.story_button.setVisible(kind == feedback.COMPLIMENT)
        self.form.story_button.setEnabled(self.editor.current_id is not None and not self.read_only)

    def _to_story(self) -> None:
        """Turn into a Story…: the Training page makes a story of the compliment."""
        if self.editor.flush() and self.editor.current_id is not None:
            self.open_item_requested.emit("training", STORY_FROM, self.editor.current_id)

    def _status_chosen(self) -> None:
        editor = getattr(self, "editor", None)
        if editor is None or editor.loading or self.read_only:
            return
        resolved = self.form.status_combo.currentData() == feedback.RESOLVED
        if resolved and not self.form.resolved_edit.text().strip():
            self.form.resolved_edit.setText(self.today.isoformat())

    def _suggest(self) -> None:
        """The themes the keyword rules suggest for what was said (those not ticked)."""
        if self.read_only or self.editor.loading:
            self.form.suggestions.show_suggestions([], self._themes, self.form.text_edit)
            return
        ticked = self.editor.fields["themes"].get()
        found = feedback_themes.suggest_from(
            self._themes, self.form.text_edit.toPlainText(), exclude=ticked
        )
        self.form.suggestions.show_suggestions(found, self._themes, self.form.text_edit)

    def accept_suggestion(self, theme_id: int | None = None) -> bool:
        """Take a suggested theme (the first when none is named: F4): it is ticked on the
        item and saved at once. False when there is none to take."""
        if self.read_only:
            return False
        theme_id = theme_id if theme_id is not None else self.form.suggestions.first()
        if theme_id is None:
            return False
        name = next((t.name for t in self._themes if t.id == theme_id), "")
        focus = self.focusWidget()
        self.form.tick_theme(theme_id)  # the editor saves the tick at once
        self._suggest()
        if focus is not None and focus.isVisible():
            focus.setFocus()  # the owner carries on where they were
        else:
            self.form.text_edit.setFocus()
        if self.editor.current_id is not None:
            self.say(f"Theme “{name}” added.")
        return True

    def submit(self) -> None:
        """Enter: save the form now. On a new item with nothing said, say so at its field
        (the model's message); nothing is written."""
        if self.read_only:
            return
        values = self.editor.values()
        if self.editor.current_id is None and not str(values["text"]).strip():
            try:
                feedback_edit.clean_input(self.wb, input_of(values), self.today)
            except ValidationError as exc:
                self.editor.show_refusal(exc)
            return
        self.editor.save_now()

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """A blank form for what a customer said (New Item, Insert): added once it says
        something."""
        if self.read_only and focus:
            return
        if self.editor.start_new(focus=False, settle=settle) and focus:
            self.form.text_edit.setFocus()
            self.form_scroll.ensureWidgetVisible(self.form.form_title)

    def say(self, text: str) -> None:
        show_message(self.form.feedback_label, text)

    def _update_buttons(self) -> None:
        if self.editor.loading or self.read_only:
            return
        self.list_panel.delete_button.setEnabled(self.editor.current_id is not None)

    # -- writing ---------------------------------------------------------------

    def _save(self, item_id: int | None, v: Values) -> int:
        data = input_of(v)
        if item_id is None:
            return feedback_edit.add_item(self.wb, data, today=self.fixed_today)
        feedback_edit.update_item(self.wb, item_id, data, today=self.fixed_today)
        return item_id

    def _on_saved(self, added: bool) -> None:
        values = self.editor.loaded_values
        if added:
            self.last_kind = str(values["kind"])
            self.form.form_title.setText(
                f"{feedback.KIND_LABELS[self.last_kind]} of {long_date(values['received_on'])}"
            )
            self.say(
                "Added. Details below are optional and saved as you type; Insert starts the "
                "next item."
            )
        self._check_hidden = True
        self.changed.emit()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def flush(self) -> bool:
        return self.editor.flush()

    def delete_item(self) -> None:
        """Delete the item in the form after asking (Delete…, Del in the list)."""
        item = self.current_item()
        if item is not None and self.editor.delete_current(
            "Delete this feedback?",
            f"Delete the {feedback.KIND_LABELS[item.kind].lower()} of "
            f"{long_date(item.received_on)}, “{short(item.text, 80)}”?\n\n"
            "Edit › Undo brings it back.",
            lambda item_id: feedback_edit.delete_item(self.wb, item_id),
        ):
            self.say("The item was deleted.")
            self.changed.emit()

    # -- what the list shows -------------------------------------------------------

    def clear_filters(self) -> None:
        self.filters.clear()
        self.editor.reload()

    def show_scope(
        self, label: str, *, ids: Sequence[int] | None = None, standard_id: int | None = None
    ) -> None:
        """List only these items (a number clicked through, a standard's feedback), saying
        which in ``label``; the first of them is shown in the form."""
        if not self.editor.flush():
            return
        self.filters.set_scope(label, ids=ids, standard_id=standard_id)
        self.editor.reload()
        first = self.model.record_at(0)
        if first is not None:
            self.editor.open(first.id)

    def show_filtered(self, **wanted: object) -> None:
        """List what these filters choose (``kind=``, ``theme=``, ``member=``, ``month=``,
        ``status=``)."""
        if not self.editor.flush():
            return
        self.filters.choose(**wanted)
        self.editor.reload()

    def open_item(self, item_id: int) -> bool:
        """Show one item in the form (the filters cleared if they hide it)."""
        if self.model.row_of(item_id) is None:
            self.filters.clear()
        return self.editor.open(item_id)
