"""The printable documents' names and titles, without what prints them: the command line
lists them at every start, and importing the documents' code and the model it reads would
cost that start a few tens of milliseconds (``documents.DOCUMENTS`` pairs each with how it
is printed)."""

from __future__ import annotations

DOCUMENT_TITLES: dict[str, str] = {
    "philosophy": "Our customer service philosophy",
    "questionnaire": "Team questionnaire (blank form)",
    "answers": "Team answers by question",
    "poster": "Break-room poster",
    "standards": "Service standards handbook",
    "signoff": "Standards sign-off sheet",
    "scorecard": "Interview scorecard",
    "monthly-review": "Monthly KPI review",
    "culture-map": "Culture map",
    "feedback": "Voice of the customer (a month's feedback)",
    "you-said-we-did": "You said, we did (for the wall)",
    "training": "Training attendance sheet",
    "story": "Story of the month (for the wall)",
    "one-to-one": "One-to-one sheet",
}
