"""Hiring: the qualities the business hires for (weighted criteria tied to its values),
candidates scored against them, a ranking per role, a side-by-side comparison, and the
interview scorecards to print.

One tab per idea: ``candidate_panel`` (with ``candidate_scores``), ``hiring_ranking``,
``hiring_compare`` and ``hiring_criteria``; this page holds the tabs, reads the workbook
once for them, and prints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QWidget

from cscoach.model import hiring as hr
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.hiring.candidates import CandidatesPanel
from cscoach.ui.pages.hiring.compare import ComparePanel
from cscoach.ui.pages.hiring.criteria import CriteriaPanel
from cscoach.ui.pages.hiring.ranking import RankingPanel
from cscoach.ui.tabs import TabGuard


class HiringPage(Page):
    title = "Hiring"
    tip = (
        "Skills can be taught; attitude is harder. Look for empathy, active listening and a "
        "genuine wish to solve customers' problems."
    )
    subtitle = (
        "Hire on your values: score each candidate 1–5 on the qualities you hire for, "
        "weighted by how much each matters, then rank and compare them."
    )

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("hiringPage")
        self.print_blank_button = QPushButton("Print Blank Scorecard…")
        self.print_blank_button.setObjectName("printBlankScorecard")
        self.print_blank_button.setToolTip(
            "A scorecard to fill in with a pen during an interview: every active quality, "
            "what to look for, the questions, 1–5 boxes and room for notes"
        )
        self.print_blank_button.clicked.connect(self.print_blank_scorecard)
        self.print_filled_button = QPushButton("Print Scorecard…")
        self.print_filled_button.setObjectName("printCandidateScorecard")
        self.print_filled_button.clicked.connect(self.print_candidate_scorecard)
        corner = QWidget()
        buttons = QHBoxLayout(corner)
        buttons.setContentsMargins(0, 0, 0, 4)
        buttons.addWidget(self.print_blank_button)
        buttons.addWidget(self.print_filled_button)

        self.candidates = CandidatesPanel(wb)
        self.ranking = RankingPanel(wb)
        self.compare = ComparePanel(wb)
        self.criteria = CriteriaPanel(wb)
        # Ranking and Compare read the workbook when they are shown, not while hidden: they
        # rank every candidate and list them all to choose from
        self._stale: set[RankingPanel | ComparePanel] = {self.ranking, self.compare}
        self._stamp = wb.change_stamp()  # what the panels read
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hiringTabs")
        self.tabs.addTab(self.candidates, "Candidates")
        self.tabs.addTab(self.ranking, "Ranking")
        self.tabs.addTab(self.compare, "Compare")
        self.tabs.addTab(self.criteria, "Criteria")
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.page_layout.addWidget(self.tabs, 1)
        # Leaving a tab saves the edit in progress there; a refused change keeps its tab.
        self.tab_guard = TabGuard(
            self.tabs,
            {self.candidates: self.candidates.flush, self.criteria: self.criteria.flush},
            shown=lambda _index: self._refresh_tab(),
        )

        self.candidates.changed.connect(self._candidates_changed)
        self.candidates.selection_changed.connect(self._update_print_button)
        self.criteria.changed.connect(self._criteria_changed)
        self.ranking.open_candidate.connect(self.open_candidate)
        self._update_print_button()

    def reload(self) -> None:
        """Read the workbook again: every candidate's summary once, shared by the tab shown;
        the hidden Ranking and Compare tabs read when they are next shown. Nothing is read
        when nothing was written since the last time."""
        stamp = self.wb.change_stamp()
        if stamp == self._stamp:
            return
        self._stamp = stamp
        summaries = hr.list_summaries(self.wb)
        self.candidates.reload(summaries)
        self.criteria.reload()
        self._stale = {self.ranking, self.compare}
        self._refresh_tab(summaries)
        self._update_print_button()

    def _refresh_tab(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Bring the tab shown up to date if it missed a change while hidden."""
        tab = self.tabs.currentWidget()
        if tab in self._stale:
            assert isinstance(tab, RankingPanel | ComparePanel)
            self._stale.discard(tab)
            tab.reload(summaries)

    def save_pending(self) -> str | None:
        problems = []
        for panel in (self.criteria, self.candidates):
            problem = panel.save_pending()
            if problem:
                problems.append(problem)
                self.tab_guard.put_back(panel)  # shown with its message
        return "\n\n".join(reversed(problems)) or None

    def _candidates_changed(self) -> None:
        self._stale = {self.ranking, self.compare}
        self.criteria.reload()  # "scored" counts
        self._update_print_button()
        self.changed.emit()

    def _criteria_changed(self) -> None:
        self.candidates.reload()
        self._stale = {self.ranking, self.compare}
        self.changed.emit()

    def _update_print_button(self) -> None:
        candidate = self.candidates.current_candidate()
        self.print_filled_button.setEnabled(candidate is not None)
        self.print_filled_button.setToolTip(
            f"{candidate.name}'s scores, notes and weighted score, ready to print"
            if candidate
            else "Choose a candidate on the Candidates tab to print their scorecard"
        )

    def open_candidate(self, candidate_id: int) -> None:
        self.tabs.setCurrentWidget(self.candidates)
        if self.tabs.currentWidget() is self.candidates:
            self.candidates.select_candidate(candidate_id)

    # -- printing --------------------------------------------------------------

    def print_blank_scorecard(self) -> None:
        self._print(None, "Interview scorecard", "interview-scorecard.pdf")

    def print_candidate_scorecard(self) -> None:
        if self.candidates.save_pending() is not None:
            return
        candidate = self.candidates.current_candidate()
        if candidate is None:
            return
        self._print(
            candidate.name,
            f"Interview scorecard: {candidate.name}",
            f"scorecard-{candidate.name}.pdf",
        )

    def _print(self, candidate_name: str | None, title: str, file_name: str) -> None:
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        request = PrintRequest("scorecard", candidate_name=candidate_name)
        print_preview.preview(self, self.wb, request, title, file_name)
