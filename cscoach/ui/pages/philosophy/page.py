"""The Philosophy page: write each section beside what the team said, keep the core values,
publish numbered versions and see what changed between them.

One tab per module: ``philosophy_sections`` (Write), ``philosophy_values`` (Core Values),
``philosophy_versions`` (Published Versions). The section text and the core-value form save
as the owner types. Before the page shows another section, value, tab or page (and before
the window closes) the change in progress is saved; one the model refuses keeps its message
next to the field and the owner where they are."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from cscoach.model import philosophy as ph
from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.philosophy import publish_dialog
from cscoach.ui.pages.philosophy.sections import SectionsTab
from cscoach.ui.pages.philosophy.values import ValuesTab
from cscoach.ui.pages.philosophy.versions import VersionsTab, print_philosophy
from cscoach.ui.tabs import TabGuard
from cscoach.ui.widgets import set_role

INTRO = (
    "Turn the team's answers into your own customer-service philosophy. Write each section "
    "while reading what the team said, publish a version when you agree on it, and come back "
    "to it regularly."
)


class PhilosophyPage(Page):
    title = "Philosophy"
    tip = (
        "Write it down in your own words and come back to it regularly: the values you agree "
        "on here are the ones you hire for and set standards by."
    )
    subtitle = INTRO

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("philosophyPage")

        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        self.review_months = QSpinBox()
        self.review_months.setObjectName("reviewMonths")
        self.review_months.setRange(1, 60)
        self.review_months.setSuffix(" months")
        self.review_months.setAccessibleName("Review the philosophy every")
        self.review_months.valueChanged.connect(self._review_months_changed)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setObjectName("publish")
        self.publish_button.setToolTip("Save the draft as a numbered version that never changes")
        self.publish_button.clicked.connect(self.publish)
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printPhilosophy")
        self.print_button.clicked.connect(self.print_draft)
        self.print_button.setToolTip("Print the draft as it stands")
        for widget in (self.publish_button, self.review_months):
            widget.setEnabled(not wb.read_only)

        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(QLabel("Review every"))
        status_row.addWidget(self.review_months)
        status_row.addSpacing(12)
        status_row.addWidget(self.print_button)
        status_row.addWidget(self.publish_button)

        self.sections = SectionsTab(wb)
        self.values = ValuesTab(wb)
        self.versions = VersionsTab(wb)
        for tab in (self.sections, self.values):
            tab.changed.connect(self._written)
        self.values.open_culture_map.connect(
            lambda value_id: self.open_item_requested.emit("overview", "value", value_id)
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("philosophyTabs")
        self.tabs.addTab(self.sections, "Write")
        self.tabs.addTab(self.values, "Core Values")
        self.tabs.addTab(self.versions, "Published Versions")
        # Another tab: the form left is saved first; a refused change keeps its tab.
        self.tab_guard = TabGuard(
            self.tabs, {self.sections: self.sections.flush, self.values: self.values.editor.flush}
        )

        self.page_layout.addLayout(status_row)
        self.page_layout.addWidget(self.tabs, 1)
        self.reload()
        label_form_fields(self)

    # What a link from another page and its tests reach: the value shown.
    @property
    def value_id(self) -> int | None:
        return self.values.value_id

    @property
    def value_name(self) -> QLineEdit:
        return self.values.value_name

    @property
    def culture_link(self) -> QPushButton:
        return self.values.culture_link

    # -- page-wide -------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again: the sections, the values and the form of the one
        shown (a change the model refused stays in its form, with its message), the
        versions, the review interval and the status line."""
        self.sections.reload()
        self.values.reload()
        self.versions.reload()
        self.review_months.blockSignals(True)
        self.review_months.setValue(ph.review_months(self.wb))
        self.review_months.blockSignals(False)
        self._update_status()

    def flush(self) -> bool:
        """Save the section text and the value being typed now. False when the model
        refused one of them (its message is shown next to its field)."""
        text_saved = self.sections.flush()
        return self.values.editor.flush() and text_saved

    def save_pending(self) -> str | None:
        problems = []
        text = self.sections.save_pending()
        if text:
            problems.append(text)
            self.tab_guard.put_back(self.sections)
        value = self.values.editor.save_pending()
        if value:
            problems.append(value)
            self.tab_guard.put_back(self.values)
        return "\n\n".join(problems) or None

    def select_item(self, kind: str, item_id: int) -> None:
        if kind == "value":
            self.tabs.setCurrentWidget(self.values)
            if self.tabs.currentWidget() is self.values:  # not kept on a refused change
                self.values.select(item_id)

    def _written(self) -> None:
        self._update_status()  # "the draft has changes that are not published"
        self.changed.emit()

    def _update_status(self) -> None:
        status = ph.review_status(self.wb)
        if status.last_published is None:
            text = "Not published yet. Publish the draft when the team agrees on it."
        else:
            number = ph.list_versions(self.wb)[0].number
            text = f"Last published {long_date(status.last_published)} (version {number}). "
            if status.due:
                text += "A review is due: read it again with the team and publish an update."
            elif status.due_on:
                text += f"Next review due {long_date(status.due_on)}."
            if ph.draft_differs_from_latest(self.wb):
                text += " The draft has changes that are not published."
        self.status.setText(text)
        set_role(self.status, "attentionStrong" if status.due and status.last_published else "")

    def _review_months_changed(self, months: int) -> None:
        ph.set_review_months(self.wb, months)
        self._update_status()
        self.changed.emit()

    def publish(self) -> None:
        if not self.sections.flush() or not self.values.editor.flush():
            return  # the refused change's message is shown next to its field
        note = publish_dialog.ask_publish(self.wb, self)
        if note is None:
            return
        try:
            number = ph.publish(self.wb, note)
        except ValidationError as exc:
            dialogs.show_error(self, "Cannot publish", exc.message)
            return
        self.versions.reload()
        self._update_status()
        self.changed.emit()
        self.status.setText(f"Version {number} is published. {self.status.text()}")

    def print_draft(self) -> None:
        """Print the draft as it stands (what is being typed saved first)."""
        self.sections.flush()
        self.values.editor.flush()
        print_philosophy(self, self.wb, None, draft=True)
