"""Every page of the sidebar, in order: its section (key and title, from the model) and
how to build it. A page's module is imported when the page is first shown, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cscoach.model import sections
from cscoach.model.sections import Section
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.base import Page


def _overview(wb: Workbook) -> Page:
    from cscoach.ui.pages.overview.page import OverviewPage

    return OverviewPage(wb)


def _team(wb: Workbook) -> Page:
    from cscoach.ui.pages.team.page import TeamPage

    return TeamPage(wb)


def _questionnaire(wb: Workbook) -> Page:
    from cscoach.ui.pages.questionnaire.page import QuestionnairePage

    return QuestionnairePage(wb)


def _philosophy(wb: Workbook) -> Page:
    from cscoach.ui.pages.philosophy.page import PhilosophyPage

    return PhilosophyPage(wb)


def _standards(wb: Workbook) -> Page:
    from cscoach.ui.pages.standards.page import StandardsPage

    return StandardsPage(wb)


def _hiring(wb: Workbook) -> Page:
    from cscoach.ui.pages.hiring.page import HiringPage

    return HiringPage(wb)


def _kpis(wb: Workbook) -> Page:
    from cscoach.ui.pages.kpis.page import KpisPage

    return KpisPage(wb)


def _feedback(wb: Workbook) -> Page:
    from cscoach.ui.pages.feedback.page import FeedbackPage

    return FeedbackPage(wb)


def _actions(wb: Workbook) -> Page:
    from cscoach.ui.pages.actions.page import ActionsPage

    return ActionsPage(wb)


def _training(wb: Workbook) -> Page:
    from cscoach.ui.pages.training.page import TrainingPage

    return TrainingPage(wb)


@dataclass(frozen=True)
class PageSpec:
    section: Section
    build: Callable[[Workbook], Page]

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> str:
        return self.section.title


PAGES: tuple[PageSpec, ...] = (
    PageSpec(sections.OVERVIEW, _overview),
    PageSpec(sections.TEAM, _team),
    PageSpec(sections.QUESTIONNAIRE, _questionnaire),
    PageSpec(sections.PHILOSOPHY, _philosophy),
    PageSpec(sections.STANDARDS, _standards),
    PageSpec(sections.HIRING, _hiring),
    PageSpec(sections.KPIS, _kpis),
    PageSpec(sections.FEEDBACK, _feedback),
    PageSpec(sections.ACTIONS, _actions),
    PageSpec(sections.TRAINING, _training),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
