"""Standards: short, concrete service behaviours with an owner, the values they serve and a
review date that comes round again.

A filtered table of standards beside the detail form, tied together by a ``RecordEditor``:
every edit is saved as it is made and before another standard, page or tab is shown; a new
standard is added as soon as the form holds a title. Validation lives in the model: a
refused change is not written, its message is shown under the field it names and the owner
stays on the standard. Several rows can be selected to mark them reviewed, or put them on
the break-room poster, in one action after a team meeting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QStackedWidget,
    QWidget,
)

from cscoach.model import feedback_links, kpis, philosophy, standards, team, training_record
from cscoach.model.actions import Source
from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.number_format import plural
from cscoach.model.standards import Standard, StandardInput
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.standards.form import DEFAULT_REVIEW_MONTHS, StandardForm
from cscoach.ui.pages.standards.list_panel import StandardsList
from cscoach.ui.pages.standards.review_dialog import MarkReviewedDialog
from cscoach.ui.pages.standards.selection import SelectionPanel
from cscoach.ui.pages.standards.table import OVERDUE, standards_table_model
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor, run_write
from cscoach.ui.record_fields import FormScroll
from cscoach.ui.widgets import (
    action_button,
    delete_action,
    set_role,
    shortcut_action,
    show_message,
    unsort,
)

Values = dict[str, Any]

HIDDEN_TEXT = "The filters above hide it."
NO_FEEDBACK = (
    "No feedback names this standard yet. On the Feedback page, an item's Standards say "
    "which standard it concerns."
)
NOT_ADDED_FEEDBACK = "Feedback naming it shows here once the standard is added."
DELETE_TIP = "Delete this standard (Del in the list). Only a standard never reviewed can be."
HISTORY_TIP = (
    "This standard has a review history, so it cannot be deleted. Retire it instead: it "
    "keeps its history and is no longer printed."
)
PRINTS = {
    "poster": ("Break-room poster", "standards-poster.pdf"),
    "standards": ("Service standards handbook", "standards-handbook.pdf"),
    "signoff": ("Standards sign-off sheet", "standards-signoff.pdf"),
}


def values_of(s: Standard) -> Values:
    """What the form shows of a standard (the editor's values, by field)."""
    return {
        "title": s.title,
        "detail": s.detail,
        "category": s.category_id,
        "values": tuple(sorted(s.value_ids)),
        "kpi": s.kpi_id,
        "owner": s.owner_id,
        "review_months": s.review_months,
        "last_reviewed": s.last_reviewed or "",
        "on_poster": s.on_poster,
    }


class StandardsPage(Page):
    title = "Standards"
    tip = (
        "Clear standards give every customer the same good experience. Review them regularly "
        "as expectations change: an unhappy customer tells about sixteen people, a happy one "
        "about nine."
    )
    subtitle = (
        "Concrete service behaviours: who owns each, the values it serves, when it is next "
        "reviewed."
    )

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("standardsPage")
        self._all: list[Standard] = []  # every standard, whatever the filters show
        self._members: list[team.TeamMember] = []
        self._feedback_id: int | None = None  # the standard the feedback is about
        self._check_hidden = False  # a save: say so if the filters hide what was saved

        self.model = standards_table_model(self)
        self._build_header()
        self._build_list()
        self._build_side()

        self.splitter = list_form_splitter(
            self, "standardsSplitter", self.list_panel, self.side_stack, (120, 62), form_share=0.34
        )  # on a wide screen the form's detail and tabs use a third of the room
        self.page_layout.addWidget(self.splitter, 1)

        self.editor: RecordEditor[Standard] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="standard",
            named_by="title",
            read=self._read,
            values_of=self._values_of,
            save=self._save,
            read_only=self.read_only,
            ready=None,  # a new standard with no title is refused at its field
            multi_select=True,
            find=self._find,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.editor.selected.connect(self._on_selected)
        # Enter saves (the editor does); a refused field, even another, takes the focus.
        for edit in (self.form.title_edit, self.form.last_reviewed_edit):
            edit.returnPressed.connect(self.editor.focus_refusal)

        self._build_actions()
        self.reload()
        self.start_new(focus=False, settle=False)
        if self.read_only:
            self._apply_read_only()

    # -- building --------------------------------------------------------------

    def _build_header(self) -> None:
        """The page title with the three print buttons on its right."""
        self.print_poster_button = action_button(
            "Print Poster…",
            "printPosterButton",
            lambda: self.print_document("poster"),
            "The one-page break-room poster: the standards marked “on poster”",
        )
        self.print_handbook_button = action_button(
            "Print Handbook…",
            "printHandbookButton",
            lambda: self.print_document("standards"),
            "Every active standard with its detail",
        )
        self.print_signoff_button = action_button(
            "Print Sign-off Sheet…",
            "printSignoffButton",
            lambda: self.print_document("signoff"),
            "A page the team signs to say they have read the standards",
        )
        self.put_beside_title(
            self.print_poster_button, self.print_handbook_button, self.print_signoff_button
        )

    def _build_list(self) -> None:
        self.list_panel = StandardsList(self.model)
        lp = self.list_panel
        self.table, self.filters = lp.table, lp.filters
        self.filters.changed.connect(lambda: self.editor.reload())
        self.table.doubleClicked.connect(lambda _index: self.form.title_edit.setFocus())
        for button, slot in (
            (lp.clear_filters_link, self.clear_filters),
            (lp.clear_filters_button, self.clear_filters),
            (lp.empty_new_button, self.start_new),
            (lp.new_button, self.start_new),
            (lp.mark_reviewed_button, self.mark_reviewed),
            (lp.move_up_button, lambda: self.move_selected(-1)),
            (lp.move_down_button, lambda: self.move_selected(1)),
        ):
            button.clicked.connect(lambda _=False, slot=slot: slot())

    def _build_side(self) -> None:
        self.form = StandardForm()
        self.form.add_category_requested.connect(self.add_category)
        self.form.value_link_requested.connect(
            lambda value_id: self.open_item_requested.emit("philosophy", "value", value_id)
        )
        self.form.retire_button.clicked.connect(self.toggle_active)
        self.form.customers_said.show_requested.connect(self._show_customer_feedback)
        self.form.actions_box.open_item_requested.connect(self.open_item_requested)
        self.form.delete_button.clicked.connect(self.delete_standard)

        self.form_scroll = FormScroll(self.form, "formScroll", least=54)  # its narrowest form

        # Several rows selected: what can be done to all of them at once.
        self.multi_panel = SelectionPanel()
        self.multi_panel.review_button.clicked.connect(self.mark_reviewed)
        self.multi_panel.poster_on_button.clicked.connect(lambda: self.set_on_poster(True))
        self.multi_panel.poster_off_button.clicked.connect(lambda: self.set_on_poster(False))

        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(self.form_scroll)
        self.side_stack.addWidget(self.multi_panel)

    def _build_actions(self) -> None:
        self.new_action = shortcut_action(
            self,
            "New Standard",
            ["Ctrl+Shift+N", Qt.Key.Key_Insert],
            self.start_new,
            name="newStandardAction",
        )
        self.save_action = shortcut_action(
            self, "Save", "Ctrl+S", self.save_standard, name="saveStandardAction"
        )
        self.find_action = shortcut_action(
            self, "Search", "Ctrl+F", self.filters.focus_search, name="findAction"
        )
        # Moving and deleting act on the list, so the keys keep editing text in the form.
        self.move_up_action = shortcut_action(
            self.list_panel,
            "Move Up",
            "Ctrl+Up",
            lambda: self.move_selected(-1),
            name="moveUpAction",
        )
        self.move_down_action = shortcut_action(
            self.list_panel,
            "Move Down",
            "Ctrl+Down",
            lambda: self.move_selected(1),
            name="moveDownAction",
        )
        self.delete_action = delete_action(self.table, "Delete Standard…", self.delete_standard)
        self.delete_action.setObjectName("deleteStandardAction")

    def _apply_read_only(self) -> None:
        self.form.set_read_only(True)
        for widget in (
            self.list_panel.new_button,
            self.list_panel.empty_new_button,
            self.list_panel.mark_reviewed_button,
            self.list_panel.move_up_button,
            self.list_panel.move_down_button,
            self.multi_panel.review_button,
            self.multi_panel.poster_on_button,
            self.multi_panel.poster_off_button,
        ):
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)
        for action in (
            self.new_action,
            self.save_action,
            self.move_up_action,
            self.move_down_action,
            self.delete_action,
        ):
            action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again (after Undo, or a change on another page): the
        lists to choose from, the standards, and the form unless it holds a change."""
        self.editor.refill(self._reload_choices)
        self.editor.reload()

    def _reload_choices(self) -> None:
        categories = standards.list_categories(self.wb)
        values = philosophy.list_values(self.wb)
        self._members = team.list_members(self.wb)
        self.form.set_choices(categories, values, kpis.list_kpis(self.wb), self._members)
        self.filters.set_choices(categories, values)

    def _read(self) -> list[Standard]:
        """The standards the filters show (and, for the counts and columns, all of them)."""
        self._all = standards.list_standards(self.wb)
        self.list_panel.fitter.fit(self._all)
        f = self.filters
        return standards.list_standards(
            self.wb,
            status=f.status(),
            category_id=f.category_id(),
            value_id=f.value_id(),
            search=f.search(),
        )

    def _find(self, standard_id: int) -> Standard | None:
        return next((s for s in self._all if s.id == standard_id), None)

    def _values_of(self, standard: Standard | None) -> Values:
        if standard is not None:
            return values_of(standard)
        # A new standard starts in the category and with the value the list is filtered by.
        category_id = self.filters.category_id() or self.form.category_combo.itemData(0)
        value_id = self.filters.value_id()
        return {
            "title": "",
            "detail": "",
            "category": category_id,
            "values": (value_id,) if value_id else (),
            "kpi": None,
            "owner": None,
            "review_months": DEFAULT_REVIEW_MONTHS,
            "last_reviewed": "",
            "on_poster": False,
        }

    def _on_listed(self) -> None:
        self.list_panel.show_counts(self.model.rowCount(), self._all)
        current = self.editor.current()
        if current is not None:
            self._show_state(current)
        if self._check_hidden and current is not None:
            self._check_hidden = False
            said = self.form.feedback_label.text()
            if self.model.row_of(current.id) is None and not said.endswith(HIDDEN_TEXT):
                self._feedback(f"{said} {HIDDEN_TEXT}".strip())
        self._update_side()
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        return self.editor.selected_keys()

    def selected_standards(self) -> list[Standard]:
        return [s for s in map(self._find, self.selected_ids()) if s is not None]

    def current_standard(self) -> Standard | None:
        """The standard in the form, or None while the form is for a new one."""
        return self.editor.current()

    def is_dirty(self) -> bool:
        return self.editor.is_dirty()

    # -- filters ---------------------------------------------------------------

    def select_item(self, kind: str, item_id: int) -> None:
        """One standard in the form ("standard"), the filters cleared if they hide it."""
        if kind != "standard" or not self.editor.flush():
            return
        if self.model.row_of(item_id) is None:
            self.filters.clear(retired_only=False)
            self.filters.status_filter.setCurrentIndex(self.filters.status_filter.findData("all"))
        self.editor.open(item_id)

    def clear_filters(self) -> None:
        """Show every active standard (every standard when none is in use)."""
        self.filters.clear(retired_only=bool(self._all) and not any(s.active for s in self._all))
        self.editor.reload()

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        form = self.form
        form.title_edit.setCursorPosition(0)  # show the start of a long title
        form.show_category_editor(False)
        current = self.editor.current()
        if current is None:
            form.form_title.setText("New standard")
            form.status_label.setText("")
            set_role(form.status_label, "")
            form.set_history(None)
            form.customers_said.show_feedback(None, "", NOT_ADDED_FEEDBACK)
            form.actions_box.show_source(self.wb, None)
            form.related.set_count(form.customers_tab, None)
            form.related.set_count(form.actions_tab, None)
        else:
            form.form_title.setText("Edit standard")
            self._show_state(current)
        self._update_side()
        self._update_buttons()

    def _show_state(self, standard: Standard) -> None:
        """The standard's review status and history (not its fields)."""
        form = self.form
        form.set_history(standards.review_history(self.wb, standard.id))
        named = feedback_links.naming_standard(self.wb, standard.id)
        form.customers_said.show_feedback(named, NO_FEEDBACK)
        form.related.set_count(form.customers_tab, named.total)
        form.actions_box.show_source(self.wb, Source.standard(standard.id))
        form.related.set_count(form.actions_tab, form.actions_box.count)
        if not standard.active:
            status = "Retired: kept with its history, not printed. Bring it back to use it again."
        elif standard.overdue():
            status = f"{OVERDUE} Review overdue: it was due on {long_date(standard.next_review())}."
        else:
            status = f"Next review due {long_date(standard.next_review())}."
        today = dt.date.today()
        if standard.active and standard.id in training_record.untrained_standard_ids(
            self.wb, today=today
        ):
            status += " No one on the team has been trained on it yet (the Training page)."
        self.form.status_label.setText(status)
        set_role(self.form.status_label, "errorStrong" if standard.overdue() else "")

    def _show_customer_feedback(self) -> None:
        """ "Show in Feedback ›": the Feedback page listing what names this standard."""
        if self.editor.current_id is not None:
            self.open_item_requested.emit("feedback", "standard", self.editor.current_id)

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for a new standard (New Standard, Ctrl+Shift+N, Insert): it is
        added as soon as the form holds a title."""
        if self.read_only and focus:
            return
        self.editor.start_new(focus=focus, settle=settle)

    def _on_selected(self) -> None:
        """The owner chose other rows: feedback about another standard is cleared."""
        ids = self.selected_ids()
        if len(ids) > 1 or (len(ids) == 1 and ids[0] != self._feedback_id):
            self._feedback("")
        self._update_side()
        self._update_buttons()

    def _feedback(self, text: str) -> None:
        show_message(self.form.feedback_label, text)  # no room taken when there is none
        self.multi_panel.feedback.setText(text)
        self._feedback_id = self.editor.current_id

    def _update_side(self) -> None:
        count = len(self.selected_ids())
        self.side_stack.setCurrentWidget(self.multi_panel if count > 1 else self.form_scroll)
        if count > 1:
            self.multi_panel.show_count(count)

    def _update_buttons(self) -> None:
        if self.editor.loading:
            return
        current = self.current_standard()
        form = self.form
        form.retire_button.setVisible(self.editor.current_id is not None)
        form.delete_button.setVisible(self.editor.current_id is not None)
        if current is not None:
            form.retire_button.setText("Retire" if current.active else "Bring Back")
            if not self.read_only:
                form.retire_button.setToolTip(
                    "Stop using it: it keeps its history and is no longer printed"
                    if current.active
                    else "Use this standard again"
                )
                form.delete_button.setEnabled(not current.reviews)
                form.delete_button.setToolTip(HISTORY_TIP if current.reviews else DELETE_TIP)
        if self.read_only:
            return
        chosen = self._review_targets()
        lp = self.list_panel
        lp.mark_reviewed_button.setToolTip(
            "Record a review of the selected standards"
            + (f" ({len(chosen)})" if len(chosen) > 1 else "")
            if chosen
            else "Select the standards that were reviewed (Ctrl+click for several)"
        )
        lp.mark_reviewed_button.setEnabled(bool(chosen))
        up, down = self._can_move()
        lp.move_up_button.setEnabled(up)
        lp.move_down_button.setEnabled(down)

    def _can_move(self) -> tuple[bool, bool]:
        """Whether the one selected standard can move up / down within its category."""
        selected = self.selected_standards()
        if len(selected) != 1:
            return False, False
        s = selected[0]
        ids = [x.id for x in self._all if x.category_id == s.category_id]
        index = ids.index(s.id)
        return index > 0, index < len(ids) - 1

    def _review_targets(self) -> list[Standard]:
        chosen = self.selected_standards()
        current = self.current_standard()
        return chosen or ([current] if current is not None else [])

    # -- writing ---------------------------------------------------------------

    def _save(self, standard_id: int | None, v: Values) -> int:
        current = self._find(standard_id) if standard_id is not None else None
        data = StandardInput(
            title=v["title"],
            category_id=v["category"],
            detail=v["detail"],
            value_ids=v["values"],
            kpi_id=v["kpi"],
            owner_id=v["owner"],
            review_months=v["review_months"],
            on_poster=v["on_poster"],
            active=current.active if current is not None else True,
        )
        if standard_id is None:
            return standards.add_standard(self.wb, data, last_reviewed=v["last_reviewed"])
        standards.update_standard(self.wb, standard_id, data, last_reviewed=v["last_reviewed"])
        return standard_id

    def _on_saved(self, added: bool) -> None:
        values = self.editor.loaded_values
        if added:
            self.form.form_title.setText("Edit standard")
            self._feedback(
                f"“{str(values['title']).strip()}” was added; changes to it are saved as you "
                "type. New Standard (Ctrl+Shift+N) starts another."
            )
        elif self.editor.current_id is not None:
            saved = standards.get_standard(self.wb, self.editor.current_id)
            typed = str(values["last_reviewed"]).strip()
            if typed and typed != (saved.last_reviewed or ""):
                self._feedback(
                    "The review history is kept as it was: the last review stays "
                    f"{saved.last_reviewed}."
                )
        self._check_hidden = True
        self.changed.emit()

    def save_standard(self) -> bool:
        """Save the form now (Ctrl+S; otherwise done as the owner types): a refused field
        takes the focus."""
        return self.editor.save_now()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def add_category(self, name: str) -> None:
        """Add the owner's own category and choose it in the form (a standard in the form
        moves into it)."""
        if self.read_only:
            return
        try:
            category_id = standards.add_category(self.wb, name)
        except ValidationError as exc:
            self.editor.show_refusal(exc, focus=False)
            self.form.new_category_edit.setFocus()
            return
        except autosave.REFUSALS as exc:
            dialogs.show_error(self, "Could not add the category", autosave.refusal(exc))
            return
        self.editor.refill(self._reload_choices)
        self.form.show_category_editor(False)
        self.form.select_category(category_id)  # a choice: saved at once
        self._feedback(f"The category “{name.strip()}” was added.")
        self.changed.emit()

    def toggle_active(self) -> None:
        """Retire the standard in the form, or bring it back."""
        current = self.current_standard()
        if self.read_only or current is None or not self.editor.flush():
            return
        if not run_write(
            self,
            "change this standard",
            standards.set_active,
            self.wb,
            current.id,
            not current.active,
        ):
            return
        self.editor.reload()
        if current.active:
            hidden = self.model.row_of(current.id) is None
            self._feedback(
                f"“{current.title}” is retired: it keeps its history and is no longer printed."
                + (" Choose Status: Retired or All to see it in the list." if hidden else "")
            )
        else:
            self._feedback(f"“{current.title}” is back in use.")
        self.changed.emit()

    def delete_standard(self) -> None:
        """Delete the standard in the form after asking; one with reviews is refused."""
        current = self.current_standard()
        if self.read_only or current is None:
            return
        if current.reviews:
            self.editor.flush()
            dialogs.show_error(self, "Cannot delete this standard", HISTORY_TIP)
            return
        if self.editor.delete_current(
            "Delete this standard?",
            f"Delete “{current.title}”? It has never been reviewed, so nothing else goes "
            "with it.\n\nEdit › Undo brings it back.",
            lambda standard_id: standards.delete_standard(self.wb, standard_id),
        ):
            self._feedback(f"“{current.title}” was deleted.")
            self.changed.emit()

    def move_selected(self, step: int) -> None:
        """Move the one selected standard up (-1) or down (+1) within its category."""
        selected = self.selected_standards()
        if self.read_only or len(selected) != 1 or not self.editor.flush():
            return
        standard = selected[0]
        unsort(self.table)
        if not run_write(
            self, "move this standard", standards.move_standard, self.wb, standard.id, step
        ):
            return
        self.editor.reload(standard.id)
        self.changed.emit()

    def set_on_poster(self, on_poster: bool) -> None:
        """Put the selected standards on the break-room poster, or take them off."""
        ids = self.selected_ids()
        if self.read_only or not ids:
            return
        if not run_write(
            self, "change the poster", standards.set_on_poster, self.wb, ids, on_poster
        ):
            return
        self.editor.reload()  # the same rows stay selected
        count = plural(len(ids), "standard")
        self._feedback(f"{count} {'put on' if on_poster else 'taken off'} the poster.")
        self.changed.emit()

    def mark_reviewed(self) -> None:
        """Open the Mark Reviewed dialog for the selected standards (one action for all)."""
        ids = [s.id for s in self._review_targets()]
        if self.read_only or not ids or not self.editor.flush():
            return
        chosen = [s for s in map(self._find, ids) if s is not None]
        self.review_dialog = MarkReviewedDialog(self.wb, chosen, self._members, self)
        self.review_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.review_dialog.accepted.connect(lambda: self._reviewed(len(chosen)))
        self.review_dialog.open()

    def _reviewed(self, count: int) -> None:
        self.editor.reload()  # the same rows stay selected; the form shows the review
        self._feedback(f"{plural(count, 'standard')} marked reviewed.")
        self.changed.emit()

    # -- printing --------------------------------------------------------------

    def print_document(self, document: str) -> None:
        """Preview the poster, the handbook or the sign-off sheet (edits are saved first)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.editor.flush()
        title, file_name = PRINTS[document]
        print_preview.preview(self, self.wb, PrintRequest(document), title, file_name)
