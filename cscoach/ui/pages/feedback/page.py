"""Feedback: every compliment, complaint, suggestion or question customers give, from any
channel, sorted by theme, with the patterns in it.

Three tabs: **Items** (quick entry and the filtered list, ``items_tab``), **Patterns**
(counts, recurring themes, open complaints, praise, standards; every number lists the
items behind it, ``patterns_tab``) and **Themes** (the themes and their keyword rules,
``themes_tab``). Leaving a tab saves its form first (``TabGuard``); Undo works below the
model, so the page only shows again what the workbook holds when ``reload`` is called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from cscoach.model import feedback, feedback_csv
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.feedback.items_tab import ItemsTab, short
from cscoach.ui.pages.feedback.patterns_tab import PatternsTab
from cscoach.ui.pages.feedback.suggestions import ACCEPT_KEY
from cscoach.ui.pages.feedback.themes_tab import ThemesTab
from cscoach.ui.record_editor import READ_ONLY_TIP
from cscoach.ui.tabs import TabGuard
from cscoach.ui.widgets import action_button, busy_cursor, shortcut_action

PREVIEWED = 8  # rows of a CSV shown before importing it


class FeedbackPage(Page):
    title = "Feedback"
    subtitle = (
        "What customers tell you — compliments, complaints, suggestions, questions — from "
        "any channel, sorted by theme so patterns show."
    )
    tip = (
        "An unhappy customer tells about sixteen people, a happy one about nine: follow up "
        "every complaint quickly, and watch for the themes that keep coming back."
    )

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("feedbackPage")
        self._build_header()
        self.items = ItemsTab(wb, today=today)
        self.patterns = PatternsTab(wb, today=today)
        self.themes = ThemesTab(wb)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("feedbackTabs")
        self.tabs.addTab(self.items, "Items")
        self.tabs.addTab(self.patterns, "Patterns")
        self.tabs.addTab(self.themes, "Themes")
        self.guard = TabGuard(
            self.tabs,
            {self.items: self.items.flush, self.themes: self.themes.flush},
            shown=lambda _index: self._save_rules(),
        )
        self.page_layout.addWidget(self.tabs, 1)

        self.items.changed.connect(self._items_changed)
        self.items.themes_requested.connect(lambda: self.tabs.setCurrentWidget(self.themes))
        self.themes.changed.connect(self._themes_changed)
        self.themes.open_item_requested.connect(self.open_item_requested)
        self.items.open_item_requested.connect(self.open_item_requested)
        self.patterns.changed.connect(self._rules_changed)
        self.patterns.items_requested.connect(self.show_items)
        self._build_actions()
        self.reload()
        self.items.start_new(focus=False, settle=False)
        if self.read_only:
            self.import_button.setEnabled(False)
            self.import_button.setToolTip(READ_ONLY_TIP)
            self.new_action.setEnabled(False)
            self.accept_action.setEnabled(False)
            self.items.delete_action.setEnabled(False)

    # -- building --------------------------------------------------------------

    def _build_header(self) -> None:
        """The page title with Import, Export and Print on its right."""
        self.import_button = action_button(
            "Import…",
            "importFeedbackButton",
            self.import_csv,
            "Add feedback from a CSV file (date,kind,channel,text,themes,member,standard,"
            "status); you see what will be added first",
        )
        self.export_button = action_button(
            "Export…", "exportFeedbackButton", self.export_csv, "Every item as a CSV file"
        )
        self.print_button = action_button(
            "Print…",
            "printFeedbackButton",
            self.print_report,
            "The voice of the customer for a month: the month chosen in the list's Month "
            "filter, else the latest month with feedback",
        )
        self.put_beside_title(self.import_button, self.export_button, self.print_button)

    def _build_actions(self) -> None:
        self.new_action = shortcut_action(
            self, "New Item", Qt.Key.Key_Insert, self.start_new, name="newFeedbackAction"
        )
        self.find_action = shortcut_action(
            self, "Search", "Ctrl+F", self.focus_search, name="findFeedbackAction"
        )
        self.accept_action = shortcut_action(
            self.items,
            "Add the Suggested Theme",
            ACCEPT_KEY,
            self.accept_suggestion,
            name="acceptSuggestionAction",
        )

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again (after Undo, or a change on another page)."""
        self.items.reload()
        self.themes.reload()
        self.patterns.reload()

    def _save_rules(self) -> None:
        self.patterns.save_rules()  # a rule being typed, when another tab is shown

    def _items_changed(self) -> None:
        self.themes.editor.reload()  # the themes' item counts
        self.patterns.reload()
        self.changed.emit()

    def _themes_changed(self) -> None:
        self.items.reload()
        self.patterns.reload()
        self.changed.emit()

    def _rules_changed(self) -> None:
        self.items.reload()  # complaints open too long
        self.changed.emit()

    def select_item(self, kind: str, item_id: int) -> None:
        """Show one item ("item"), or the feedback about a theme, a team member or a
        standard, the complaints still open ("open", the id unused) or a month ("month",
        the id written YYYYMM: 202611 is November 2026) — a link from another page."""
        self.tabs.setCurrentWidget(self.items)
        if kind == "open":
            self.items.show_filtered(status=feedback.OPEN)
        elif kind == "month":
            self.items.show_filtered(month=f"{item_id // 100:04d}-{item_id % 100:02d}")
        elif kind == "item":
            self.items.open_item(item_id)
        elif kind == "theme":
            self.items.show_filtered(theme=item_id)
        elif kind == "member":
            self.items.show_filtered(member=item_id)
        elif kind == "standard":
            self.items.show_scope("The feedback naming this standard", standard_id=item_id)

    def show_items(self, label: str, ids: Sequence[int]) -> None:
        """List exactly these items (a number clicked on the Patterns tab)."""
        if not self.themes.flush():
            return
        self.tabs.setCurrentWidget(self.items)
        count = len(ids)
        self.items.show_scope(
            f"Showing the {plural(count, 'item')} behind: {label}.", ids=list(ids)
        )

    def save_pending(self) -> str | None:
        problems = []
        for tab in (self.items, self.themes):
            lost = tab.save_pending()
            if lost:
                problems.append(lost)
                self.guard.put_back(tab)
        if not self.patterns.save_rules():
            problems.append("The pattern rules could not be saved.")
        return "\n\n".join(problems) or None

    # -- keys ------------------------------------------------------------------

    def start_new(self) -> None:
        """Insert: a new item (on the Themes tab, a new theme)."""
        if self.read_only:
            return
        if self.tabs.currentWidget() is self.themes:
            self.themes.start_new()
            return
        self.tabs.setCurrentWidget(self.items)
        if self.tabs.currentWidget() is self.items:
            self.items.start_new()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.items)
        if self.tabs.currentWidget() is self.items:
            self.items.filters.focus_search()

    def accept_suggestion(self) -> None:
        self.items.accept_suggestion()

    # -- files -----------------------------------------------------------------

    def print_report(self) -> None:
        """Preview the voice of the customer for the month chosen (or the latest)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.items.flush()
        month = self.items.filters.month() or feedback.latest_month(self.wb)
        if month is None:
            dialogs.show_info(
                self,
                "Nothing to print yet",
                "There is no feedback yet: write down what customers say first.",
            )
            return
        print_preview.preview(
            self,
            self.wb,
            PrintRequest("feedback", month=month),
            "Voice of the customer",
            f"voice-of-the-customer-{month}.pdf",
        )

    def export_csv(self) -> None:
        path = dialogs.ask_save_path(
            self, "Export Feedback", "feedback.csv", dialogs.CSV_FILTER, ".csv"
        )
        if path is None:
            return
        count = dialogs.write_or_explain(
            self,
            "Could not export",
            path,
            lambda: feedback_csv.export_feedback_csv(self.wb, path),
        )
        if count is not None:
            self.items.say(f"Exported {plural(count, 'item')} to {path}.")

    def import_csv(self) -> None:
        """Import a feedback CSV after showing what will be added (all or nothing)."""
        if self.read_only or not self.items.flush():
            return
        path = dialogs.ask_open_path(self, "Import Feedback", dialogs.CSV_FILTER)
        if path is None:
            return
        try:
            with busy_cursor():
                plan = feedback_csv.read_feedback_csv(self.wb, path, today=self.items.fixed_today)
        except ValidationError as exc:
            dialogs.show_error(
                self,
                "Nothing was imported",
                f"{path.name}: {exc.message}\n\nThe file needs the header date,kind,channel,"
                "text,themes,member,standard,status and one item per row. Correct it and "
                "import again.",
            )
            return
        adding = plan.to_add
        if not adding:
            dialogs.show_info(self, "Nothing to import", " ".join([f"{path.name}:", *plan.lines()]))
            return
        shown = [
            f"• {row.data.received_on} {row.data.kind}: {short(row.data.text, 60)}"
            for row in adding[:PREVIEWED]
        ]
        if len(adding) > PREVIEWED:
            shown.append(f"… and {len(adding) - PREVIEWED} more")
        text = "\n".join([*plan.lines(), "", *shown, "", "Edit › Undo takes the import back."])
        if not dialogs.confirm(self, "Import Feedback?", text, "Import"):
            return
        try:
            with busy_cursor():
                report = feedback_csv.store_plan(self.wb, plan, today=self.items.fixed_today)
        except CsCoachError as exc:
            dialogs.show_error(self, "Nothing was imported", exc.message)
            return
        self.reload()
        self.items.say(report.summary())
        self.changed.emit()
