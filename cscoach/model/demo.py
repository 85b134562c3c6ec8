"""The demo workbook: a six-person neighbourhood café about a year and a half into building
its service culture.

Everything in it hangs together: the team answered two questionnaire rounds six months apart
(the second one anonymous, after a new barista joined and a colleague left); the owner wrote
the philosophy and four core values from the first round and published it; the standards,
hiring criteria and KPIs serve those values; the monthly figures improve gently with the
dips and notes a real café would have. Dates are relative to today, so the demo always looks
current, and the random parts use a fixed seed, so two demos made on the same day are the same.

This module builds the workbook; the story itself is plain data in ``demo_content`` (the
café, its team, philosophy, standards, candidates and KPI figures) and ``demo_answers``
(the team's answers to the two questionnaire rounds).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscoach.model.dates import add_months
from cscoach.model.demo_actions import add_demo_actions
from cscoach.model.demo_answers import FIRST_ROUND, RATING_QUESTION, SECOND_ROUND
from cscoach.model.demo_content import (
    BUSINESS_NAME,
    CANDIDATES,
    COUNTS_SINCE,
    CRITERION_VALUES,
    CSAT_NEW_TARGET,
    CSAT_TARGET_RAISED_MONTHS_AGO,
    DRAFT_ADDITIONS,
    ESPRESSO_MACHINE_MONTHS_AGO,
    FIRST_ROUND_MONTHS_AGO,
    KPI_MONTHS,
    KPI_VALUES,
    MISSING_MONTHS_AGO,
    NEW_MENU_MONTHS_AGO,
    OWN_CATEGORY,
    PUBLISH_NOTE,
    PUBLISHED_MONTHS_AGO,
    REVIEWS_MONTHS_AGO,
    SECOND_ROUND_MONTHS_AGO,
    SECTIONS,
    STANDARDS,
    TEAM,
    VALUES,
)
from cscoach.model.demo_feedback import add_demo_feedback
from cscoach.model.demo_kiosk import add_demo_kiosk
from cscoach.model.demo_training import add_demo_training
from cscoach.model.workbook import Workbook, built_aside, inserted_id

if TYPE_CHECKING:
    from sqlite_utils import Database

SEED = 1911

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# -- building it ------------------------------------------------------------------------


def create_demo(path: Path, *, today: dt.date | None = None) -> None:
    """Create the demo workbook at ``path`` (refusing an existing file).

    The demo is built under a hidden name beside ``path`` and moved into place only when it
    is complete, so a failure, or the process being killed half-way, never leaves a plain
    starter workbook or a half-made file under ``path``.
    """
    today = today or dt.date.today()
    with built_aside(Path(path)) as building:
        wb = Workbook.create(building, BUSINESS_NAME)
        try:
            _fill(wb, today)
        finally:
            wb.close()


def missing_month(today: dt.date) -> str:
    """The one month without KPI values (``YYYY-MM``)."""
    return _month(today, MISSING_MONTHS_AGO)


def kpi_months(today: dt.date) -> list[str]:
    """The months the demo's KPI history spans, oldest first, ending with last month."""
    return [_month(today, n) for n in range(KPI_MONTHS, 0, -1)]


def _month(today: dt.date, months_ago: int) -> str:
    day = add_months(today.replace(day=1), -months_ago)
    return f"{day.year:04d}-{day.month:02d}"


def _ago(today: dt.date, months: int) -> str:
    """The date ``months`` months before ``today``, as ``YYYY-MM-DD``."""
    return add_months(today, -months).isoformat()


def _early_next_month(month: str, days: int, today: dt.date) -> str:
    """A few days into the month after ``month`` (when its figures were entered), not
    after today."""
    year, mon = int(month[:4]), int(month[5:])
    day = dt.date(year + mon // 12, mon % 12 + 1, 1) + dt.timedelta(days=days)
    return min(day, today).isoformat()


def _round_name(held_on: str) -> str:
    day = dt.date.fromisoformat(held_on)
    return f"Team meeting, {_MONTH_NAMES[day.month - 1]} {day.year}"


def _fill(wb: Workbook, today: dt.date) -> None:
    rng = random.Random(SEED)
    with wb.transaction() as db:
        ids = _Ids(wb)
        members = _add_team(db, today)
        values = _add_values(db)
        _add_questionnaire(db, wb, rng, today, members)
        _add_philosophy(db, today, ids)
        _add_standards(db, today, members, values, ids)
        _add_hiring(db, today, values, ids)
        _add_kpis(db, rng, today, values, ids)
        add_demo_feedback(wb, today)
        add_demo_actions(wb, today)
        add_demo_kiosk(wb, today)
        add_demo_training(wb, today)


class _Ids:
    """The ids of the starter rows, by key."""

    def __init__(self, wb: Workbook) -> None:
        self.sections = {
            r["key"]: r["id"] for r in wb.query("SELECT key, id FROM philosophy_sections")
        }
        self.kpis = {r["key"]: r["id"] for r in wb.query("SELECT key, id FROM kpis")}
        self.categories = {
            r["name"]: r["id"] for r in wb.query("SELECT name, id FROM standard_categories")
        }
        self.criteria = {r["key"]: r["id"] for r in wb.query("SELECT key, id FROM hiring_criteria")}
        self.standards = {r["title"]: r["id"] for r in wb.query("SELECT title, id FROM standards")}


def _add_team(db: Database, today: dt.date) -> dict[str, int]:
    members = {}
    table = db.table("team_members")
    for key, name, role, months_ago, active in TEAM:
        table.insert(
            {
                "name": name,
                "role": role,
                "start_date": _ago(today, months_ago),
                "active": int(active),
                # Sofia left between the first round and the month the team was short
                "left_on": None
                if active
                else (add_months(today, -MISSING_MONTHS_AGO) - dt.timedelta(days=20)).isoformat(),
                # added when the owner started the workbook, or on their first day
                "created_at": _ago(today, min(months_ago, FIRST_ROUND_MONTHS_AGO + 1))
                + " 09:00:00",
            }
        )
        members[key] = inserted_id(table)
    return members


def _add_values(db: Database) -> dict[str, int]:
    values = {}
    table = db.table("core_values")
    for position, (key, name, meaning) in enumerate(VALUES, start=1):
        table.insert({"name": name, "meaning": meaning, "position": position})
        values[key] = inserted_id(table)
    return values


def _add_questionnaire(
    db: Database,
    wb: Workbook,
    rng: random.Random,
    today: dt.date,
    members: dict[str, int],
) -> None:
    # The owner's own rating question joins the bank after the first round.
    section, text = RATING_QUESTION
    last = wb.query_one("SELECT max(position) AS p FROM questions")
    assert last is not None  # an aggregate always gives a row
    questions = db.table("questions")
    questions.insert(
        {"section": section, "text": text, "kind": "rating", "position": last["p"] + 1}
    )
    rating_id = inserted_id(questions)

    bank = wb.query(
        "SELECT id, key, section, text, kind, position FROM questions ORDER BY position"
    )
    first = _add_round(
        db, today, FIRST_ROUND_MONTHS_AGO, [q for q in bank if q["id"] != rating_id], False, True
    )
    second = _add_round(db, today, SECOND_ROUND_MONTHS_AGO, bank, True, False)

    held, round_id, asked = first
    for n, (member, answers) in enumerate(FIRST_ROUND.items()):
        stamp = f"{held} {19 + n // 4:02d}:{(n * 13) % 60:02d}:00"
        _add_response(db, rng, round_id, members[member], stamp, asked, answers)
    held, round_id, asked = second
    asked["rating"] = asked.pop(None)  # the owner's own question has no key
    for answers in SECOND_ROUND:
        _add_response(db, rng, round_id, None, f"{held} 20:00:00", asked, answers)


_Asked = dict[str | None, tuple[int, str]]  # question key -> (round question id, kind)


def _add_round(
    db: Database,
    today: dt.date,
    months_ago: int,
    bank: list[dict[str, Any]],
    anonymous: bool,
    closed: bool,
) -> tuple[str, int, _Asked]:
    """Hold a round asking ``bank`` as worded now; return its date, id and questions."""
    held = _ago(today, months_ago)
    rounds = db.table("rounds")
    rounds.insert(
        {
            "name": _round_name(held),
            "held_on": held,
            "anonymous": int(anonymous),
            "closed": int(closed),
            "created_at": f"{held} 08:00:00",
        }
    )
    round_id = inserted_id(rounds)
    asked: _Asked = {}
    table = db.table("round_questions")
    for position, q in enumerate(bank, start=1):
        table.insert(
            {
                "round_id": round_id,
                "question_id": q["id"],
                "position": position,
                "section": q["section"],
                "text": q["text"],
                "kind": q["kind"],
            }
        )
        asked[q["key"]] = (inserted_id(table), q["kind"])
    return held, round_id, asked


def _add_response(
    db: Database,
    rng: random.Random,
    round_id: int,
    member_id: int | None,
    stamp: str,
    asked: _Asked,
    answers: dict[str, Any],
) -> None:
    responses = db.table("responses")
    responses.insert(
        {
            "round_id": round_id,
            "member_id": member_id,
            "shuffle_key": rng.randrange(1, 2**31),
            "created_at": stamp,
            "updated_at": stamp,
        }
    )
    response_id = inserted_id(responses)
    rows = []
    for key, answer in answers.items():
        rq_id, kind = asked[key]
        rows.append(
            {
                "response_id": response_id,
                "round_question_id": rq_id,
                "text": "" if kind == "rating" else answer,
                "rating": answer if kind == "rating" else None,
            }
        )
    db.table("answers").insert_all(rows)


def _add_philosophy(db: Database, today: dt.date, ids: _Ids) -> None:
    sections = db.table("philosophy_sections")
    for key, body in SECTIONS.items():
        sections.update(ids.sections[key], {"body": body + DRAFT_ADDITIONS.get(key, "")})
    versions = db.table("philosophy_versions")
    versions.insert(
        {
            "number": 1,
            "published_on": _ago(today, PUBLISHED_MONTHS_AGO),
            "note": PUBLISH_NOTE,
            "business_name": BUSINESS_NAME,
        }
    )
    version_id = inserted_id(versions)
    titles = db.execute("SELECT key, title FROM philosophy_sections ORDER BY position").fetchall()
    db.table("philosophy_version_sections").insert_all(
        {"version_id": version_id, "position": n, "title": title, "body": SECTIONS[key]}
        for n, (key, title) in enumerate(titles, start=1)
    )
    db.table("philosophy_version_values").insert_all(
        {"version_id": version_id, "position": n, "name": name, "meaning": meaning}
        for n, (_key, name, meaning) in enumerate(VALUES, start=1)
    )


def _add_standards(
    db: Database, today: dt.date, members: dict[str, int], values: dict[str, int], ids: _Ids
) -> None:
    categories = db.table("standard_categories")
    categories.insert({"name": OWN_CATEGORY, "position": len(ids.categories) + 1})
    category_ids = {**ids.categories, OWN_CATEGORY: inserted_id(categories)}
    table = db.table("standards")
    positions: dict[str, int] = {}
    for s in STANDARDS:
        positions[s.category] = positions.get(s.category, 0) + 1
        row = {
            "title": s.title,
            "category_id": category_ids[s.category],
            "kpi_id": ids.kpis[s.kpi] if s.kpi else None,
            "owner_id": members[s.owner] if s.owner else None,
            "review_months": s.review_months,
            "on_poster": int(s.on_poster),
            "active": int(s.active),
            "position": positions[s.category],
            "created_on": _ago(today, s.created_months_ago),
        }
        if s.title in ids.standards:  # a starter standard, kept with its own detail
            standard_id = ids.standards[s.title]
            table.update(standard_id, row)
        else:
            table.insert({**row, "detail": s.detail})
            standard_id = inserted_id(table)
        db.table("standard_values").insert_all(
            {"standard_id": standard_id, "value_id": values[v]} for v in s.values
        )
        db.table("standard_reviews").insert_all(
            {
                "standard_id": standard_id,
                "reviewed_on": _ago(today, months_ago),
                "reviewed_by": members[by] if by else None,
                "note": note,
            }
            for months_ago, by, note in s.reviews
        )


def _add_hiring(db: Database, today: dt.date, values: dict[str, int], ids: _Ids) -> None:
    db.table("criterion_values").insert_all(
        {"criterion_id": ids.criteria[c], "value_id": values[v]}
        for c, linked in CRITERION_VALUES.items()
        for v in linked
    )
    table = db.table("candidates")
    for c in CANDIDATES:
        interviewed = today - dt.timedelta(days=c.interview_days_ago)
        table.insert(
            {
                "name": c.name,
                "role": c.role,
                "interview_date": interviewed.isoformat(),
                "status": c.status,
                "notes": c.notes,
                "created_at": f"{interviewed - dt.timedelta(days=6)} 10:30:00",
            }
        )
        candidate_id = inserted_id(table)
        db.table("candidate_scores").insert_all(
            {
                "candidate_id": candidate_id,
                "criterion_id": ids.criteria[key],
                "score": score,
                "note": note,
            }
            for key, (score, note) in c.scores.items()
        )


def _add_kpis(
    db: Database, rng: random.Random, today: dt.date, values: dict[str, int], ids: _Ids
) -> None:
    db.table("kpi_values").insert_all(
        {"kpi_id": ids.kpis[k], "value_id": values[v]}
        for k, linked in KPI_VALUES.items()
        for v in linked
    )
    db.table("kpi_targets").insert(
        {
            "kpi_id": ids.kpis["csat"],
            "from_month": _month(today, CSAT_TARGET_RAISED_MONTHS_AGO),
            "target": CSAT_NEW_TARGET,
        }
    )
    db.table("kpi_entries").insert_all(
        {
            "kpi_id": ids.kpis[kpi],
            "month": month,
            "value": value,
            "note": note,
            "counts": json.dumps(counts) if counts is not None else None,
            "updated_at": f"{_early_next_month(month, 2, today)} 09:15:00",
        }
        for kpi, month, value, note, counts in kpi_history(rng, today)
    )
    db.table("monthly_reviews").insert_all(
        {
            "month": _month(today, months_ago),
            "next_steps": text,
            "updated_at": f"{_early_next_month(_month(today, months_ago), 5, today)} 17:00:00",
        }
        for months_ago, text in REVIEWS_MONTHS_AGO.items()
    )


def kpi_history(
    rng: random.Random, today: dt.date
) -> list[tuple[str, str, float, str, dict[str, float] | None]]:
    """(kpi key, month, value, note, counts) for the demo's months: a gentle improvement
    with noise, the new espresso machine, a month short-staffed after Sofia left (one with no
    figures at all, then one with poorer ones) and the new menu.

    Values entered from counts are exactly what the formulas give (unrounded); the others
    are rounded the way a person would type them. The counts use the field names of
    ``kpi_counts.COUNT_FIELDS``: CSAT ``satisfied``/``total``; NPS ``promoters``/``passives``/
    ``detractors``; retention ``customers_start``/``customers_end``/``new_customers``;
    resolution ``total_hours``/``issues_resolved``.
    """
    missing = missing_month(today)
    months = kpi_months(today)
    missing_ago = MISSING_MONTHS_AGO
    missing_name = _MONTH_NAMES[int(missing[5:]) - 1]
    notes: dict[tuple[str, int], list[str]] = {}

    def note(kpi: str, months_ago: int, text: str) -> None:
        if 1 <= months_ago <= KPI_MONTHS and months_ago != missing_ago:
            notes.setdefault((kpi, months_ago), []).append(text)

    note("csat", ESPRESSO_MACHINE_MONTHS_AGO, "New espresso machine")
    note("nps", missing_ago - 1, f"No survey cards in {missing_name}: we were a person short")
    note("csat", missing_ago - 1, "Still a person short after Sofia left")
    note("resolution_time", missing_ago - 1, "Messages piled up while we were short-staffed")
    note("nps", PUBLISHED_MONTHS_AGO - 1, "First full month with the standards poster up")
    note("resolution_time", PUBLISHED_MONTHS_AGO - 1, "Liam started: four on Saturdays again")
    note("retention", COUNTS_SINCE["retention"], "Loyalty card moved to the app: counts from it")
    note("csat", NEW_MENU_MONTHS_AGO, "New menu")

    out: list[tuple[str, str, float, str, dict[str, float] | None]] = []
    customers = 372  # loyalty customers at the start of the first month
    for index, month in enumerate(months):
        months_ago = KPI_MONTHS - index
        progress = index / (KPI_MONTHS - 1)  # 0 in the first month, 1 in the last
        shortage = months_ago == missing_ago - 1  # still short-staffed after the gap
        machine = months_ago <= ESPRESSO_MACHINE_MONTHS_AGO
        menu = months_ago == NEW_MENU_MONTHS_AGO
        # Every month draws the same numbers, so the history does not depend on which
        # month is missing.
        cards = rng.randint(48, 112)
        csat_share = 0.80 + 0.075 * progress + rng.gauss(0, 0.012)
        csat_share += 0.015 * machine - 0.05 * shortage - 0.025 * menu
        csat_share = min(csat_share, 0.98)
        promoter_share = 0.44 + 0.15 * progress + rng.gauss(0, 0.025) - 0.06 * shortage
        detractor_share = 0.17 - 0.08 * progress + rng.gauss(0, 0.015) + 0.04 * shortage
        nps_answered = cards - rng.randint(0, 6)  # some leave the 0-10 question blank
        keep_rate = 0.755 + 0.075 * progress + rng.gauss(0, 0.012) - 0.02 * shortage
        start = customers
        kept = round(start * keep_rate)
        new = round(start * (1 - keep_rate)) + rng.randint(2, 14)
        customers = end = kept + new
        issues = rng.randint(6, 17)
        hours = max(3.0, 34 - 20 * progress + rng.gauss(0, 2.2) + 11 * shortage)
        if month == missing:
            continue

        satisfied = round(cards * csat_share)
        promoters = round(nps_answered * promoter_share)
        detractors = max(1, round(nps_answered * detractor_share))
        passives = nps_answered - promoters - detractors
        total_hours = round(hours * issues * 2) / 2  # to the half hour
        computed: dict[str, tuple[float, dict[str, float]]] = {
            "csat": (satisfied / cards * 100, {"satisfied": satisfied, "total": cards}),
            "nps": (
                (promoters - detractors) / nps_answered * 100,
                {"promoters": promoters, "passives": passives, "detractors": detractors},
            ),
            "retention": (
                (end - new) / start * 100,
                {"customers_start": start, "customers_end": end, "new_customers": new},
            ),
            "resolution_time": (
                total_hours / issues,
                {"total_hours": total_hours, "issues_resolved": issues},
            ),
        }
        typed = {
            "csat": round(csat_share * 100, 1),
            "nps": float(round((promoters - detractors) / nps_answered * 100)),
            "retention": round(keep_rate * 100, 1),
            "resolution_time": round(hours, 1),
        }
        for kpi, (value, counts) in computed.items():
            text = "; ".join(notes.get((kpi, months_ago), []))
            if months_ago <= COUNTS_SINCE[kpi]:
                out.append((kpi, month, value, text, counts))
            else:
                out.append((kpi, month, typed[kpi], text, None))
    return out
