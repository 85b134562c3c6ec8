"""Training: who was trained on what and when it must be taken again (Sessions), and the
stories of what the team did well (Stories). Leaving a tab saves its form first.

Prints: the attendance sheet (blank, or one session's with the names to sign), and the story
of the month for the break-room wall."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTabWidget, QWidget

from cscoach.model import stories
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.training.links import STORY_FROM
from cscoach.ui.pages.training.sessions_tab import SessionsTab
from cscoach.ui.pages.training.stories_tab import StoriesTab
from cscoach.ui.tabs import TabGuard
from cscoach.ui.widgets import action_button, shortcut_action


class TrainingPage(Page):
    title = "Training"
    subtitle = (
        "Who was trained on what — the soft skills as well as the product — when it must be "
        "taken again, and the stories of what the team did well."
    )
    tip = (
        "A culture lasts through regular training and by celebrating good service: tell the "
        "team's stories, don't rank the people in them."
    )

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("trainingPage")
        self.fixed_today = today
        self.print_sheet_button = action_button(
            "Print Attendance Sheet…",
            "printAttendanceButton",
            lambda: self.print_sheet(0),
            "A blank sheet to sign at a session (a session's own: its form's button)",
        )
        self.print_story_button = action_button(
            "Print Story of the Month…",
            "printStoryButton",
            self.print_story,
            "The month's stories for the break-room wall, in large type",
        )
        self.put_beside_title(self.print_sheet_button, self.print_story_button)
        self.sessions = SessionsTab(wb, today=today)
        self.stories = StoriesTab(wb, today=today)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        self.tabs.addTab(self.sessions, "Sessions")
        self.tabs.addTab(self.stories, "Stories")
        self.guard = TabGuard(
            self.tabs, {self.sessions: self.sessions.flush, self.stories: self.stories.flush}
        )
        self.page_layout.addWidget(self.tabs, 1)
        for tab in (self.sessions, self.stories):
            tab.changed.connect(self.changed)
        self.sessions.print_requested.connect(self.print_sheet)
        self.new_action = shortcut_action(self, "New", "Insert", self._new)
        label_form_fields(self.sessions.form)
        label_form_fields(self.stories.form)
        self.reload()
        self.sessions.start_new(focus=False, settle=False)
        self.stories.start_new(focus=False, settle=False)
        if self.read_only:
            self.new_action.setEnabled(False)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    def reload(self) -> None:
        self.sessions.reload()
        self.stories.reload()

    def save_pending(self) -> str | None:
        return self.sessions.save_pending() or self.stories.save_pending()

    def _new(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.sessions:
            self.sessions.start_new()
        else:
            self.stories.start_new()

    def select_item(self, kind: str, item_id: int) -> None:
        """A session ("session"), a story ("story"), or a new story from a compliment
        (``STORY_FROM``, the item's id): made at once when it names the team members,
        else a form filled from it, waiting for who it is about."""
        if kind == "session":
            self.tabs.setCurrentWidget(self.sessions)
            self.sessions.open_session(item_id)
        elif kind == "story":
            self.tabs.setCurrentWidget(self.stories)
            self.stories.open_story(item_id)
        elif kind == STORY_FROM:
            self.tabs.setCurrentWidget(self.stories)
            self.story_from(item_id)
        elif kind in ("refreshers", "untrained", "member"):  # the Overview's next steps
            self.tabs.setCurrentWidget(self.sessions)  # what is due is said above the list

    def story_from(self, item_id: int) -> None:
        if self.read_only or not self.stories.flush():
            return
        try:
            draft = stories.draft_from_feedback(self.wb, item_id)
        except ValidationError as exc:
            dialogs.show_error(self, "Could not make a story of it", exc.message)
            return
        if not draft.member_ids:  # the owner ticks who it is about, then it is kept
            self.stories.start_new(draft)
            self.stories.editor.show_refusal(
                ValidationError("member_ids", "Tick who this story is about to keep it.")
            )
            return
        story_id = stories.add_story(self.wb, draft, today=self.today)
        self.stories.reload()
        self.stories.open_story(story_id)
        self.stories.form.what_edit.setFocus()
        self.changed.emit()

    # -- printing --------------------------------------------------------------

    def print_sheet(self, session_id: int) -> None:
        """The attendance sheet: a session's (``session_id``), or blank (0)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.sessions.flush()
        request = PrintRequest("training", session_id=session_id or None)
        name = "attendance-sheet.pdf" if not session_id else "training-attendance.pdf"
        print_preview.preview(self, self.wb, request, "Attendance Sheet", name)

    def print_story(self) -> None:
        """The story of the month (this month's featured stories) for the wall."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.stories.flush()
        month = self.stories.month
        request = PrintRequest("story", month=month)
        print_preview.preview(self, self.wb, request, "Story of the Month", f"story-{month}.pdf")
