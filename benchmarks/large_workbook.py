"""A realistic large workbook for the benchmarks: ``python benchmarks/large_workbook.py PATH``.

Ten years of a 40-person service business, written through the model layer's public
functions (the same validation and SQL the app uses):

- 40 team members, all active (so the latest round is a 40-person round);
- 6 core values, the philosophy written and published 10 times;
- 40 questionnaire rounds, one a quarter, every question answered by the active team
  (14 starter text questions, 2 rating questions added before the first round and 2 text
  questions added after five years); every fourth round anonymous (not the latest); all
  but the latest closed;
- 300 active standards in 10 categories, with owners, values, KPIs and a review meeting
  every quarter;
- 7 hiring criteria, 500 candidates scored on every criterion;
- 20 KPIs (the 4 starter ones plus 16 added with ``kpis.add_kpi``) with a value every month
  for 10 years (the starter KPIs from counts in the last 3 years), target changes, notes,
  and "what we will do next" for the last 5 years.

Random parts use a fixed seed; dates are relative to today, like the demo. The model
functions open a transaction each; each section runs inside one ``wb.transaction()`` (the
inner ones become savepoints), so the file is not synced to disk after every row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from cscoach.model import hiring, kpi_entries, kpi_review, kpis, philosophy, team
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.model.dates import add_months
from cscoach.model.workbook import Workbook

BUSINESS = "Harbourside Hotels & Cafés"
SEED = 20261
YEARS = 10
MEMBERS = 40
ROUNDS = 40
STANDARDS = 300
CANDIDATES = 500
EXTRA_KPIS = 16

FIRST = [
    *("Ana", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"),
    *("Kai", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"),
    *("Uma", "Viktor", "Wen", "Xenia", "Yusuf", "Zoë", "Aiko", "Bruno", "Carmen", "Diego"),
]
LAST = [
    *("Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova"),
    *("Jansen", "Kowalski", "Lindqvist", "Müller", "Nakamura", "O'Brien", "Petrov", "Quispe"),
    *("Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhou"),
]
ROLES = [
    "Front desk",
    "Barista",
    "Shift lead",
    "Housekeeping",
    "Concierge",
    "Night manager",
    "Server",
    "Support agent",
]
CANDIDATE_ROLES = ["Barista", "Front desk", "Server", "Support agent", "Shift lead", "Concierge"]

SUBJECTS = [
    "the guest",
    "a regular",
    "the customer on the phone",
    "a family with small children",
    "someone in a hurry",
    "a first-time visitor",
    "the person at the back of the queue",
    "a customer who is upset",
]
VERBS = [
    "should feel that we noticed them",
    "deserves a straight answer about what happens next",
    "needs to hear their name and a thank-you",
    "wants the problem solved by the first person they speak to",
    "should never be passed from one colleague to another",
    "remembers how we made them feel more than what we sold",
    "ought to get a call back when we promised one",
    "expects us to know their usual order",
]
ENDINGS = [
    "even on a busy Saturday.",
    "and that is what brings them back.",
    "— we lose them when we forget it.",
    "which we mostly manage, but not at shift change.",
    "and the new booking system makes that harder.",
    "so we should practise it at the morning huddle.",
    "because the reviews online say so again and again.",
    "and that is what I would want for my own family.",
]

VALUES = [
    ("Warmth", "Every guest is greeted like a friend we were hoping to see."),
    ("Ownership", "The person who hears about a problem sees it through to the end."),
    ("Clarity", "We say what will happen next, and by when, in plain words."),
    ("Reliability", "We do what we said we would, when we said we would."),
    ("Curiosity", "We ask one more question to find out what the guest really needs."),
    ("Respect", "For guests and for each other, on the calmest and busiest days alike."),
]

CATEGORIES = ["Rooms", "Breakfast service", "Events", "Accessibility"]

CUSTOM_KPIS = [
    ("Average review score", "stars", 1, 5, True, 4.5),
    ("Complaints per 1,000 visits", "per 1,000", 0, None, False, 2.0),
    ("First-contact resolution", "%", 0, 100, True, 80.0),
    ("Average wait at the counter", "minutes", 0, None, False, 4.0),
    ("Phone calls answered", "%", 0, 100, True, 95.0),
    ("Email replied within 24 hours", "%", 0, 100, True, 90.0),
    ("Repeat bookings", "%", 0, 100, True, 35.0),
    ("Staff turnover", "%", 0, 100, False, 3.0),
    ("Mystery shopper score", "%", 0, 100, True, 85.0),
    ("Refunds issued", "%", 0, 100, False, 1.5),
    ("Loyalty sign-ups", "people", 0, None, True, 120.0),
    ("Online rating", "stars", 1, 5, True, 4.4),
    ("Upsell rate", "%", 0, 100, True, 12.0),
    ("Training hours per person", "hours", 0, None, True, 6.0),
    ("Accessibility requests met", "%", 0, 100, True, 98.0),
    ("Callback promises kept", "%", 0, 100, True, 92.0),
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(ENDINGS)}"


def paragraph(rng: random.Random, low: int = 1, high: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _team(wb: Workbook, rng: random.Random, today: dt.date) -> list[int]:
    ids = []
    with wb.transaction():
        for n in range(MEMBERS):
            name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
            started = today - dt.timedelta(days=rng.randint(30, 365 * YEARS))
            ids.append(team.add_member(wb, name, ROLES[n % len(ROLES)], started))
    return ids


def _philosophy(wb: Workbook, rng: random.Random, today: dt.date) -> list[int]:
    with wb.transaction():
        values = [philosophy.add_value(wb, name, meaning) for name, meaning in VALUES]
        sections = philosophy.list_sections(wb)
        for version in range(10):
            for section in sections:
                philosophy.save_section_body(
                    wb, section.id, "\n\n".join(paragraph(rng, 2, 5) for _ in range(3))
                )
            published = add_months(today, -12 * YEARS + 12 * version + 2)
            philosophy.publish(wb, f"Yearly review {published.year}", on=published)
    return values


def _questionnaire(wb: Workbook, rng: random.Random, today: dt.date, members: list[int]) -> int:
    answers = 0
    with wb.transaction():
        qn.add_question(wb, "Improvements", "How well do we keep our promises? (1–5)", "rating")
        qn.add_question(wb, "Improvements", "How well supported do you feel? (1–5)", "rating")
    for number in range(ROUNDS):
        held = add_months(today, -3 * (ROUNDS - 1 - number) - 1)
        if number == ROUNDS // 2:
            with wb.transaction():
                qn.add_question(wb, "General", "What did a guest thank you for this month?")
                qn.add_question(wb, "Improvements", "What one thing slows you down most?")
        anonymous = number % 4 == 1
        with wb.transaction():
            round_id = qn.create_round(
                wb,
                f"Quarterly round {held.year} Q{(held.month - 1) // 3 + 1}",
                held,
                anonymous=anonymous,
            )
            asked = qn.round_questions(wb, round_id)
            for member in members:
                given = {
                    q.id: rng.randint(2, 5) if q.kind == "rating" else paragraph(rng) for q in asked
                }
                qn.save_response(wb, round_id, None if anonymous else member, given)
                answers += len(given)
            if number < ROUNDS - 1:
                rnd = qn.get_round(wb, round_id)
                qn.update_round(wb, round_id, rnd.name, rnd.held_on, closed=True)
    return answers


def _kpis(wb: Workbook, rng: random.Random, today: dt.date) -> int:
    months = [month_of(add_months(today.replace(day=1), -n)) for n in range(12 * YEARS, 0, -1)]
    with wb.transaction():
        for name, unit, lo, hi, higher, target in CUSTOM_KPIS[:EXTRA_KPIS]:
            kpis.add_kpi(
                wb,
                kpis.KpiInput(name, unit, lo, hi, higher, f"{name}, measured every month."),
                target,
            )
        every = kpis.list_kpis(wb)
        for kpi in every:  # a target change every three years
            for years_ago in (7, 4, 1):
                base = kpi.target or 1.0
                step = 1.02 if kpi.higher_is_better else 0.98
                changed = base * step ** (3 - years_ago // 3)
                if kpi.max_value is not None:
                    changed = min(changed, kpi.max_value)
                kpis.set_target(wb, kpi.id, round(changed, 1), months[-12 * years_ago])
    entries = 0
    with wb.transaction():
        for kpi in every:
            level = kpi.target or 10.0
            for index, month in enumerate(months):
                counted = kpi.key in kpis.STARTER_KEYS and index >= len(months) - 36
                note = paragraph(rng, 1, 1) if rng.random() < 0.06 else ""
                if counted:
                    kpi_entries.set_entry_from_counts(
                        wb, kpi.id, month, _counts(kpi.key or "", rng), note, today=today
                    )
                else:
                    value = level * (0.9 + 0.002 * index) + rng.gauss(0, level * 0.03)
                    if kpi.min_value is not None:
                        value = max(value, kpi.min_value)
                    if kpi.max_value is not None:
                        value = min(value, kpi.max_value)
                    kpi_entries.set_entry(wb, kpi.id, month, round(value, 1), note, today=today)
                entries += 1
        for month in months[-60:]:
            kpi_review.save_next_steps(wb, month, paragraph(rng, 2, 4), today=today)
    return entries


def _counts(key: str, rng: random.Random) -> dict[str, float | int]:
    if key == "csat":
        total = rng.randint(300, 900)
        return {"satisfied": int(total * rng.uniform(0.78, 0.95)), "total": total}
    if key == "nps":
        promoters, passives, detractors = (rng.randint(150, 400) for _ in range(3))
        return {"promoters": promoters, "passives": passives, "detractors": detractors // 3}
    if key == "retention":
        start = rng.randint(2000, 2600)
        new = rng.randint(80, 200)
        return {
            "customers_start": start,
            "customers_end": int(start * rng.uniform(0.8, 0.92)) + new,
            "new_customers": new,
        }
    issues = rng.randint(200, 500)
    return {"total_hours": round(issues * rng.uniform(6, 30), 1), "issues_resolved": issues}


def _standards(
    wb: Workbook, rng: random.Random, today: dt.date, members: list[int], values: list[int]
) -> int:
    with wb.transaction():
        for name in CATEGORIES:
            st.add_category(wb, name)
    categories = st.list_categories(wb)
    kpi_ids = [k.id for k in kpis.list_kpis(wb)]
    existing = len(st.list_standards(wb))
    with wb.transaction():
        for n in range(STANDARDS - existing):
            data = st.StandardInput(
                title=f"{sentence(rng)[:150].rstrip('.')} (#{n + 1})",
                category_id=categories[n % len(categories)].id,
                detail=paragraph(rng, 1, 3),
                value_ids=tuple(rng.sample(values, rng.randint(1, 3))),
                kpi_id=rng.choice(kpi_ids) if rng.random() < 0.6 else None,
                owner_id=rng.choice(members) if rng.random() < 0.8 else None,
                review_months=rng.choice((3, 6, 6, 12)),
                on_poster=n < 12,
            )
            st.add_standard(wb, data)
    ids = [s.id for s in st.list_standards(wb)]
    with wb.transaction():  # a review meeting every quarter, each reviewing a third of them
        for quarter in range(4 * YEARS):
            day = add_months(today, -3 * (4 * YEARS - quarter)) + dt.timedelta(days=3)
            chosen = rng.sample(ids, len(ids) // 3)
            st.mark_reviewed(wb, chosen, on=day, reviewed_by=rng.choice(members), note="Huddle")
    return len(ids)


def _hiring(wb: Workbook, rng: random.Random, today: dt.date, values: list[int]) -> int:
    with wb.transaction():
        hiring.add_criterion(
            wb,
            hiring.CriterionInput(
                "Calm under pressure",
                "Slows down and stays kind when it is busy.",
                "Snaps or freezes when three things happen at once.",
                ("Tell me about your busiest shift. What did you do first?",),
                4,
                (values[1],),
            ),
        )
        hiring.add_criterion(
            wb,
            hiring.CriterionInput(
                "Attention to detail",
                "Notices the small things a guest would notice.",
                "Misses what was asked for twice.",
                ("What would you check before a guest walks into their room?",),
                3,
                (values[3],),
            ),
        )
    criteria = [c.id for c in hiring.list_criteria(wb, include_retired=False)]
    statuses = ("not hired", "not hired", "hired", "interviewing", "offered")
    scores = 0
    with wb.transaction():
        for n in range(CANDIDATES):
            name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"
            interviewed = today - dt.timedelta(days=int(365 * YEARS * (1 - n / CANDIDATES)))
            candidate = hiring.add_candidate(
                wb,
                hiring.CandidateInput(
                    name,
                    rng.choice(CANDIDATE_ROLES),
                    interviewed,
                    statuses[n % len(statuses)] if n < CANDIDATES - 20 else "interviewing",
                    paragraph(rng, 1, 2),
                ),
            )
            for criterion in criteria:
                note = sentence(rng) if rng.random() < 0.3 else ""
                hiring.set_score(wb, candidate, criterion, rng.randint(1, 5), note)
                scores += 1
    return scores


def create_large_workbook(path: Path, *, today: dt.date | None = None) -> dict[str, float]:
    """Create the workbook at ``path`` (refusing an existing file); return seconds per part."""
    today = today or dt.date.today()
    rng = random.Random(SEED)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    wb = Workbook.create(Path(path), BUSINESS)
    try:
        timings["create"] = time.perf_counter() - start

        def step(name: str, fn, *args):  # noqa: ANN001, ANN202
            began = time.perf_counter()
            result = fn(wb, rng, today, *args)
            timings[name] = time.perf_counter() - began
            return result

        members = step("team", _team)
        values = step("philosophy", _philosophy)
        step("questionnaire", _questionnaire, members)
        step("kpis", _kpis)
        step("standards", _standards, members, values)
        step("hiring", _hiring, values)
    finally:
        wb.close()
    timings["total"] = time.perf_counter() - start
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the workbook to create (must not exist)")
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"large_workbook: error: {args.path} already exists", file=sys.stderr)
        return 2
    timings = create_large_workbook(args.path)
    parts = ", ".join(f"{k} {v:.2f} s" for k, v in timings.items() if k != "total")
    size = args.path.stat().st_size / 1e6
    print(f"Created {args.path} ({size:.1f} MB) in {timings['total']:.2f} s ({parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
