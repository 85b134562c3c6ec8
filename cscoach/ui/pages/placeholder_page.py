"""A page for a section that is still being built: its title and what it will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from cscoach.model.workbook import Workbook
from cscoach.ui.pages.base import Page
from cscoach.ui.widgets import plain_label

COMING_SOON = "This section is being built and arrives in a coming version of CS Coach."

# title -> (one line saying what the page is for, what it will hold)
DESCRIPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Questionnaire": (
        "Ask your team how they see customer service, and read their answers side by side.",
        (
            "The question bank: edit, add, reorder and retire questions",
            "Questionnaire rounds that keep the questions as they were asked",
            "Answers by person and by question, named or anonymous",
            "A blank questionnaire to print for a team meeting",
        ),
    ),
    "Philosophy": (
        "Write your customer-service philosophy and core values from the team's answers.",
        (
            "Core values: a short name and what it means",
            "Each philosophy section beside the team's answers to its question",
            "Published, dated versions you can view and print",
        ),
    ),
    "Standards": (
        "Turn the philosophy into concrete service standards the whole team follows.",
        (
            "Standards by category, each with an owner and a review interval",
            "Overdue reviews flagged; mark reviewed in one click",
            "The break-room poster, the handbook and a sign-off sheet to print",
        ),
    ),
    "Hiring": (
        "Hire on the same values, with a scorecard for every interview.",
        (
            "Hiring criteria with what to look for and interview questions",
            "Candidates scored 1–5 per criterion, ranked and compared side by side",
            "Blank and filled interview scorecards to print",
        ),
    ),
    "KPIs": (
        "Measure customer service every month and see where it is heading.",
        (
            "CSAT, NPS, retention and resolution time, plus your own KPIs",
            "A month grid to enter figures, directly or from counts",
            "Charts with targets and trends, and a printable monthly review",
            "Import from a survey export or a spreadsheet",
        ),
    ),
}


class PlaceholderPage(Page):
    def __init__(
        self,
        wb: Workbook,
        title: str,
        description: str | tuple[str, tuple[str, ...]],
        parent: QWidget | None = None,
    ) -> None:
        summary, coming = (description, ()) if isinstance(description, str) else description
        self.title = title
        self.subtitle = summary
        super().__init__(wb, parent)
        self.setObjectName(f"{title.lower()}Page")

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(720)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        if coming:
            layout.addWidget(plain_label("What this page will hold", object_name="formTitle"))
            for line in coming:
                item = plain_label(f"•  {line}")
                item.setWordWrap(True)
                layout.addWidget(item)
            layout.addSpacing(6)
        self.coming_label = plain_label(COMING_SOON, object_name="comingSoon")
        self.coming_label.setWordWrap(True)
        layout.addWidget(self.coming_label)
        self.page_layout.addWidget(card)
        self.page_layout.addStretch(1)
