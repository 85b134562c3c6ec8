"""The demo café's actions: what Rosa and the team decided to do about what they found, in
every state.

The story follows the feedback and the figures: wait time kept coming back, so a second
barista went on the Saturday till and calling for backup became a standard (both shared on
the wall); the first questionnaire round asked for a quiet handover between shifts (Sofia
ran it before she left); the CSAT review led to greeting practice, done about a month ago
and waiting for "did it help?"; a double card charge and an unclear allergen answer are
being put right; the phone still is not on the counter (overdue); a coat rack and the
cinnamon bun could not happen, and the wall says why.

Dates are days before (or after) the demo's ``today``, so the story is the same on any day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cscoach.model import actions as ac
from cscoach.model.actions import Source
from cscoach.model.actions_edit import insert_action
from cscoach.model.demo_content import TEAM
from cscoach.model.months import add_months
from cscoach.model.workbook import Workbook


@dataclass(frozen=True)
class _Act:
    title: str
    source: tuple[str | int, ...]  # ("theme", name), ("item", text), ("question", round, key)…
    owner: str | None  # a key of demo_content.TEAM; None: Rosa as the owner of the business
    created: int  # days ago
    due: int | None  # days from today (negative: in the past)
    status: str
    done: int | None = None  # days ago
    outcome: str = ""
    share: bool = False
    helped: str | None = None
    helped_days_ago: int | None = None


ACTIONS: list[_Act] = [
    _Act("A second barista at the Saturday rush", ("theme", "Wait time"), "kwame", 170, -150,
         "done", 152, "Waits are down to about five minutes.", True, "yes", 110),
    _Act("Make “call for backup” a standard", ("theme", "Wait time"), None, 165, -145, "done",
         148, "It is on the poster, signed by all.", True, "yes", 110),
    _Act("A quiet handover between shifts", ("question", 0, "service_issues"), "sofia", 205,
         -170, "done", 175, "Fewer orders get lost.", True, "yes", 140),
    _Act("Lockers in the back room", ("question", 1, "workload"), None, 28, 60, "dropped",
         outcome="The landlord said no; we will ask again in spring.", share=True),
    _Act("Practise greeting within 30 seconds", ("kpi", "csat", 2), "kwame", 55, -30, "done",
         32, "We practised it at two team meetings.", True),
    _Act("Ready replies for the emails we get most", ("kpi", "resolution_time", 4), "aiko",
         115, -95, "done", 98, "Most emails are answered the same day.", True, "yes", 60),
    _Act("Ask five regulars what would make them recommend us", ("kpi", "nps", 1), None, 6,
         20, "planned"),
    _Act("Refund the double card charge and check the card reader",
         ("item", "I was charged twice for one coffee on my card."), "kwame", 9, 2, "doing"),
    _Act("An allergen card for every new drink", ("item", "You replied about allergens in the "
         "new drinks, but the answer was unclear."), "aiko", 3, 10, "planned", share=True),
    _Act("Move the phone to the counter", ("standard", "Answer the phone within three rings"),
         "tomasz", 40, -12, "planned"),
    _Act("Make the menu board readable from the door", ("theme", "New menu"), "priya", 45, 14,
         "doing", outcome="New board ordered."),
    _Act("Bring back the small sizes", ("item", "Prices have gone up a lot with the new menu."),
         None, 29, -24, "done", 25, "Small sizes are back.", True),
    _Act("Bring back the cinnamon bun", ("item", "Bring back the cinnamon bun!"), None, 37, -10,
         "dropped", outcome="Our baker stopped making them.", share=True),
    _Act("Plan the holiday rota together", ("review", 1), None, 6, 18, "planned"),
]  # fmt: skip


class _Sources:
    """Finds the rows the demo's actions came from."""

    def __init__(self, wb: Workbook, today: dt.date) -> None:
        self.wb = wb
        self.today = today
        self.rounds = [r[0] for r in wb.conn.execute("SELECT id FROM rounds ORDER BY held_on, id")]

    def one(self, sql: str, *params: object) -> int:
        row = self.wb.conn.execute(sql, params).fetchone()
        assert row is not None, (sql, params)
        return int(row[0])

    def month(self, months_ago: int) -> str:
        return add_months(self.today.strftime("%Y-%m"), -months_ago)

    def source(self, spec: tuple[str | int, ...]) -> tuple[Source, str]:
        """The source and its label, as ``actions_edit`` would store them."""
        kind = spec[0]
        if kind == "theme":
            found = Source.feedback_theme(
                self.one("SELECT id FROM feedback_themes WHERE name = ?", spec[1])
            )
        elif kind == "item":
            found = Source.feedback_item(
                self.one("SELECT id FROM feedback_items WHERE text = ?", spec[1])
            )
        elif kind == "question":
            found = Source.question(
                self.one(
                    "SELECT q.id FROM round_questions q JOIN questions b ON b.id = q.question_id "
                    "WHERE q.round_id = ? AND b.key = ?",
                    self.rounds[int(spec[1])],
                    spec[2],
                )
            )
        elif kind == "kpi":
            kpi_id = self.one("SELECT id FROM kpis WHERE key = ?", spec[1])
            found = Source.kpi_month(kpi_id, self.month(int(spec[2])))
        elif kind == "review":
            found = Source.review(self.month(int(spec[1])))
        else:
            found = Source.standard(self.one("SELECT id FROM standards WHERE title = ?", spec[1]))
        return found, ac.describe_source(self.wb, found)


def add_demo_actions(wb: Workbook, today: dt.date) -> None:
    """Add the demo's actions to a workbook that has the demo's team, rounds, KPIs,
    standards and feedback."""
    names = {key: name for key, name, *_ in TEAM}
    members = {r["name"]: r["id"] for r in wb.query("SELECT id, name FROM team_members")}
    sources = _Sources(wb, today)

    def day(days_ago: int | None) -> str | None:
        return None if days_ago is None else (today - dt.timedelta(days=days_ago)).isoformat()

    with wb.transaction():
        for act in ACTIONS:
            source, label = sources.source(act.source)
            row: dict[str, Any] = {
                "title": act.title,
                "source": source.kind,
                "source_label": label,
                "kpi_month": source.month,
                "owner_id": members[names[act.owner]] if act.owner else None,
                "due_on": day(-act.due if act.due is not None else None),
                "status": act.status,
                "done_on": day(act.done),
                "outcome": act.outcome,
                "share": int(act.share),
                "helped": act.helped,
                "helped_on": day(act.helped_days_ago),
                "created_on": day(act.created),
            }
            if source.id is not None:
                row[ac.SOURCE_COLUMNS[source.kind]] = source.id
            if source.kind == ac.QUESTION:
                row["round_id"] = sources.one(
                    "SELECT round_id FROM round_questions WHERE id = ?", source.id
                )
            insert_action(wb, row)
