"""The demo café's training and stories: six sessions over its eighteen months, three
success stories, and a new starter whose first weeks are not done yet.

The story: food hygiene with an outside trainer (refreshed every year — Tomasz missed the
refresher, so his is overdue), Priya's onboarding, listening to an unhappy customer, a
role-play on complaints ("the cold latte"), the new espresso machine, and the hygiene
refresher. Liam joined four months ago: he has read the philosophy but has not signed the
standards nor been to an onboarding session, so his checklist is still open. All three
stories came from compliments; the newest is featured this month.

Dates are days before the demo's ``today``, so the story is the same on any day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model import training as tr
from cscoach.model.demo_content import TEAM
from cscoach.model.stories import insert_story
from cscoach.model.training import insert_session
from cscoach.model.workbook import Workbook

OUTSIDE_HYGIENE = "Marta Silva (county food-safety course)"


@dataclass(frozen=True)
class _Session:
    days_ago: int
    topic: str
    kind: str
    trainer: str | None  # a key of TEAM, an outside name (with a space), or None: the owner
    attendees: tuple[str, ...]
    standards: tuple[str, ...] = ()
    notes: str = ""
    refresh_months: int | None = None


SESSIONS: list[_Session] = [
    _Session(
        500,
        "Food hygiene",
        tr.PRODUCT,
        OUTSIDE_HYGIENE,
        ("rosa", "kwame", "aiko", "tomasz", "sofia"),
        notes="Level 2 course: temperatures, cleaning schedule, cross-contamination and the "
        "14 allergens. Certificates are in the blue folder.",
        refresh_months=12,
    ),
    _Session(
        450,
        "Welcome to the café: how we serve",
        tr.ONBOARDING,
        "rosa",
        ("priya",),
        (
            "Greet every customer within 30 seconds",
            "Learn the regulars' names and usual orders",
            "Tell customers about a wait before they pay",
            "Answer the phone within three rings",
            "Write what changed in the shift notes book",
        ),
        "The philosophy, the standards on the poster, a shift shadowing Kwame.",
    ),
    _Session(
        360,
        "Listening to an unhappy customer",
        tr.SOFT_SKILLS,
        None,
        ("kwame", "aiko", "tomasz", "priya", "sofia"),
        (
            "Own the problem until it is solved",
            "Check back after fixing a problem",
            "Reply to every message within one working day",
            "Answer every online review within three days",
        ),
        "Let them finish, say sorry once and mean it, then say what you will do.",
    ),
    _Session(
        240,
        "Complaints role-play: the cold latte",
        tr.ROLE_PLAY,
        "kwame",
        ("aiko", "tomasz", "priya", "sofia"),
        ("Remake it, no questions asked", "Own the problem until it is solved"),
        "Three scenes, each played twice: the cold latte, the wrong order at the rush, the "
        "customer who wants the manager. Everyone played the customer once.",
    ),
    _Session(
        150,
        "The new espresso machine",
        tr.PRODUCT,
        "Luca Ferri (the machine's supplier)",
        ("kwame", "aiko", "tomasz", "priya"),
        notes="Grind, dose, milk texture; the daily and weekly cleaning.",
    ),
    _Session(
        95,
        "Food hygiene",
        tr.PRODUCT,
        OUTSIDE_HYGIENE,
        ("rosa", "kwame", "aiko", "priya"),
        notes="The yearly refresher. Tomasz was on holiday: book him on the next one.",
        refresh_months=12,
    ),
]


@dataclass(frozen=True)
class _Story:
    days_ago: int
    people: tuple[str, ...]
    value: str  # the value's name
    what: str
    compliment: str | None = None  # the start of the compliment it came from
    featured_months_ago: tuple[int, ...] = ()  # 0: this month


STORIES: list[_Story] = [
    _Story(
        225,
        ("priya",),
        "Own the problem",
        "A mother mentioned her son's nut allergy in passing. Priya checked every label in "
        "the cake cabinet with her, found two safe choices and wrote them on the allergen "
        "sheet for next time.",
        "Priya noticed my son's allergy",
        (7,),
    ),
    _Story(
        34,
        ("kwame", "liam"),
        "Welcome everyone",
        "A toddler group of twelve arrived at the rush. Kwame and Liam pushed two tables "
        "together, brought water and crayons first, and took the orders at the table so the "
        "parents never had to queue.",
        "Kwame and Liam were brilliant",
        (1,),
    ),
    _Story(
        8,
        ("aiko", "tomasz"),
        "Back each other up",
        "The card reader failed in the Saturday rush. Tomasz took cash and wrote IOUs while "
        "Aiko kept the queue laughing and the drinks coming: nobody left without a coffee.",
        "Tomasz and Aiko kept smiling",
        (0,),
    ),
]


def add_demo_training(wb: Workbook, today: dt.date) -> None:
    """Add the demo's sessions, stories and Liam's checklist to a workbook that has the
    demo's team, values, standards and feedback."""
    names = {key: name for key, name, *_ in TEAM}
    members = {r["name"]: r["id"] for r in wb.query("SELECT id, name FROM team_members")}
    ids = {key: members[name] for key, name in names.items()}
    standards = {r["title"]: r["id"] for r in wb.query("SELECT id, title FROM standards")}
    values = {r["name"]: r["id"] for r in wb.query("SELECT id, name FROM core_values")}

    def day(days_ago: int) -> str:
        return (today - dt.timedelta(days=days_ago)).isoformat()

    def month(months_ago: int) -> str:
        first = today.replace(day=1)
        for _ in range(months_ago):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first.strftime("%Y-%m")

    with wb.transaction():
        for s in SESSIONS:
            row: dict[str, object] = {
                "held_on": day(s.days_ago),
                "topic": s.topic,
                "kind": s.kind,
                "notes": s.notes,
                "refresh_months": s.refresh_months,
                "created_on": day(max(0, s.days_ago - 1)),
                "trainer": tr.BY_OWNER,
                "trainer_id": None,
                "trainer_name": "",
            }
            if s.trainer in ids:
                row.update(trainer=tr.BY_MEMBER, trainer_id=ids[s.trainer], trainer_name="")
                row["trainer_name"] = names[s.trainer]
            elif s.trainer:
                row.update(trainer=tr.BY_OUTSIDE, trainer_name=s.trainer)
            insert_session(
                wb,
                row,
                [standards[t] for t in s.standards],
                [ids[key] for key in s.attendees],
            )
        for story in STORIES:
            item = None
            if story.compliment:
                found = wb.conn.execute(
                    "SELECT id FROM feedback_items WHERE kind = 'compliment' AND text LIKE ?",
                    (story.compliment + "%",),
                ).fetchone()
                item = found[0] if found else None
            story_id = insert_story(
                wb,
                {
                    "happened_on": day(story.days_ago),
                    "value_id": values.get(story.value),
                    "value_name": story.value,
                    "what_happened": story.what,
                    "feedback_item_id": item,
                    "created_on": day(max(0, story.days_ago - 2)),
                },
                [ids[key] for key in story.people],
            )
            for months_ago in story.featured_months_ago:
                featured = max(month(months_ago), day(story.days_ago)[:7])
                wb.conn.execute(
                    "INSERT OR IGNORE INTO story_features (story_id, month) VALUES (?, ?)",
                    (story_id, featured),
                )
        # Liam, four months in: the philosophy read in his first week; not signed yet
        liam_start = wb.conn.execute(
            "SELECT start_date FROM team_members WHERE id = ?", (ids["liam"],)
        ).fetchone()[0]
        read_on = (dt.date.fromisoformat(liam_start) + dt.timedelta(days=5)).isoformat()
        wb.conn.execute(
            "INSERT INTO starter_checklists (member_id, philosophy_read_on) VALUES (?, ?)",
            (ids["liam"], min(read_on, today.isoformat())),
        )
