"""Overview: for now the business name and what the workbook holds, section by section."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cscoach.model import settings
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.base import Page
from cscoach.ui.widgets import plain_label

COUNTS_SQL = """
SELECT
  (SELECT count(*) FROM team_members WHERE active = 1) AS team_active,
  (SELECT count(*) FROM team_members) AS team_total,
  (SELECT count(*) FROM questions WHERE retired = 0) AS questions,
  (SELECT count(*) FROM rounds) AS rounds,
  (SELECT count(*) FROM core_values) AS core_values,
  (SELECT count(*) FROM standards WHERE active = 1) AS standards,
  (SELECT count(*) FROM hiring_criteria WHERE active = 1) AS criteria,
  (SELECT count(*) FROM candidates) AS candidates,
  (SELECT count(*) FROM kpis WHERE active = 1) AS kpis,
  (SELECT count(DISTINCT month) FROM kpi_entries) AS kpi_months
"""

COMING = (
    "Coming soon on this page: the latest questionnaire round and how many answered, when "
    "the philosophy was last published, standards due for review, candidates in progress, "
    "last month's KPIs against target, and a culture map linking your values to everything "
    "that serves them."
)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class Card:
    key: str  # the page it opens
    title: str  # that page's title
    number: int
    label: str
    detail: str


def overview_cards(counts: dict[str, int]) -> list[Card]:
    """What each card says, from the counts (a pure function, easy to test)."""
    inactive = counts["team_total"] - counts["team_active"]
    team_detail = (
        "No one yet: start with the people who serve your customers."
        if counts["team_total"] == 0
        else (f"{inactive} inactive" if inactive else "everyone active")
    )
    return [
        Card("team", "Team", counts["team_active"], "people on the team", team_detail),
        Card(
            "questionnaire",
            "Questionnaire",
            counts["questions"],
            "questions for the team",
            f"{_n(counts['rounds'], 'questionnaire round')} held",
        ),
        Card(
            "philosophy",
            "Philosophy",
            counts["core_values"],
            "core values",
            "written down" if counts["core_values"] else "not written yet",
        ),
        Card("standards", "Standards", counts["standards"], "service standards", "in use"),
        Card(
            "hiring",
            "Hiring",
            counts["criteria"],
            "hiring criteria",
            f"{_n(counts['candidates'], 'candidate')} scored",
        ),
        Card(
            "kpis",
            "KPIs",
            counts["kpis"],
            "KPIs measured",
            f"{_n(counts['kpi_months'], 'month')} of figures",
        ),
    ]


class OverviewPage(Page):
    title = "Overview"
    subtitle = "Your customer-service workbook at a glance."

    open_requested = Signal(str)  # the key of the page to open

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("overviewPage")
        self.business_label = plain_label(object_name="businessName")
        self.business_label.setWordWrap(True)
        self.business_label.setProperty("role", "business")
        font = self.business_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.business_label.setFont(font)
        self.page_layout.addWidget(self.business_label)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(14)
        self.page_layout.addLayout(self.grid)

        coming = plain_label(COMING, object_name="comingSoon")
        coming.setWordWrap(True)
        self.page_layout.addSpacing(8)
        self.page_layout.addWidget(coming)
        self.page_layout.addStretch(1)
        self.number_labels: dict[str, QLabel] = {}
        self.reload()

    def counts(self) -> dict[str, int]:
        row = self.wb.query_one(COUNTS_SQL)
        assert row is not None
        return {k: int(v) for k, v in row.items()}

    def reload(self) -> None:
        name = settings.business_name(self.wb) or self.wb.name
        self.business_label.setText(name)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.number_labels = {}
        for index, card in enumerate(overview_cards(self.counts())):
            self.grid.addWidget(self._card(card), index // 3, index % 3)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)

    def _card(self, card: Card) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        number = plain_label(str(card.number), object_name="cardNumber")
        number.setProperty("card", card.key)
        self.number_labels[card.key] = number
        label = plain_label(card.label)
        label.setWordWrap(True)
        detail = plain_label(card.detail, role="hint")
        detail.setWordWrap(True)
        button = QPushButton(f"Open {card.title} ›")
        button.setObjectName(f"open_{card.key}")
        button.setProperty("role", "link")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _checked=False, key=card.key: self.open_requested.emit(key))
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(number)
        layout.addWidget(label)
        layout.addWidget(detail)
        layout.addSpacing(4)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame
