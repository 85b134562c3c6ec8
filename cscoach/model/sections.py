"""The sections of CS Coach, by the key every layer names them with: the Overview's next
steps and cards say which section a thing is done in, and the window shows that page.

A new section is one more entry here and one in ``cscoach.ui.pages.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str


OVERVIEW = Section("overview", "Overview")
TEAM = Section("team", "Team")
QUESTIONNAIRE = Section("questionnaire", "Questionnaire")
PHILOSOPHY = Section("philosophy", "Philosophy")
STANDARDS = Section("standards", "Standards")
HIRING = Section("hiring", "Hiring")
KPIS = Section("kpis", "KPIs")
FEEDBACK = Section("feedback", "Feedback")
ACTIONS = Section("actions", "Actions")
TRAINING = Section("training", "Training")

SECTIONS: tuple[Section, ...] = (
    OVERVIEW,
    TEAM,
    QUESTIONNAIRE,
    PHILOSOPHY,
    STANDARDS,
    HIRING,
    KPIS,
    FEEDBACK,
    ACTIONS,
    TRAINING,
)
TITLES = {s.key: s.title for s in SECTIONS}
