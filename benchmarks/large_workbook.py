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
  and "what we will do next" for the last 5 years;
- 10,000 feedback items, more each year (about half compliments, 7 % complaints, the rest
  suggestions and questions) from every channel (the starter ones, the owner's own, a few not
  recorded), with the starter themes and 4 of the owner's own, what was said matching the
  themes' keyword rules; praise naming team members, complaints naming standards, every
  complaint followed up (most resolved; most of the last three weeks' and a few forgotten
  ones still open), and 6 planted recurring spells (the last recurring now) besides those
  that come by chance (about 45 in all);
- 2,000 actions over the ten years from every kind of source (themes, feedback items,
  rounds and their questions, KPI reviews, monthly reviews, standards, none), owned by the
  team and the owner: most done (a third shared, most asked "did it help?"), some dropped,
  about 60 open (a third of them overdue);
- 240 training sessions over the ten years (two a month, of every kind, run by the owner,
  a member or an outside trainer, 4 to 15 people each, most covering one to four
  standards; food hygiene every year and first aid every three years, to be refreshed),
  400 success stories (one to three people, a value, a third from compliments; one or two
  featured a month).

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
from dataclasses import replace
from pathlib import Path

from cscoach.model import (
    actions,
    actions_edit,
    feedback,
    feedback_edit,
    feedback_themes,
    hiring,
    kpi_entries,
    kpi_review,
    kpis,
    philosophy,
    team,
)
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
FEEDBACK_ITEMS = 10_000

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


# -- feedback ------------------------------------------------------------------------------

# The owner's own themes, besides the eight starter ones, each with its keyword rule.
OWN_THEMES = [
    ("Breakfast", "breakfast, buffet, eggs, pastries, croissant, croissants"),
    ("Booking", "booking, booked, reservation, check in, checkout, online booking"),
    ("Rooms", "room, rooms, bed, pillow, pillows, shower, towels"),
    ("Accessibility", "wheelchair, step free, ramp, lift, hearing loop, accessible"),
]
# What customers said about each theme: praise, a complaint, a suggestion, a question. The
# words match the theme's keyword rule, as they would in real feedback.
SAID: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Wait time": (
        (
            "Served in two minutes even with a queue.",
            "Quick service at the counter.",
            "No wait at all for a table on a Sunday.",
        ),
        (
            "Waited twenty minutes for two coffees.",
            "The queue at reception was out of the door.",
            "Our food took forever and nobody said why.",
            "Slow service at lunch again.",
        ),
        ("A separate queue for takeaway would help.", "Maybe a buzzer so we can wait outside?"),
        ("How long is the wait for a table on Saturdays?", "Is there a quick option at lunch?"),
    ),
    "Friendliness": (
        (
            "{member} was so friendly and helpful.",
            "Lovely staff, a warm welcome every time.",
            "{member} remembered our names — what a welcome!",
            "Très bien accueillis, merci !",
        ),
        (
            "The waiter was rude when we asked for the bill.",
            "We felt ignored at the bar.",
            "Unfriendly greeting at reception.",
        ),
        ("A smile at the door would make all the difference.",),
        ("Can I leave a tip for {member}? So kind.",),
    ),
    "Product quality": (
        ("Best coffee in town.", "The crème brûlée was delicious.", "Fresh bread, tasty soup."),
        (
            "The croissant was stale.",
            "My flat white was lukewarm and bitter.",
            "Soggy chips and bland sauce.",
        ),
        ("Please bring back the fresh orange juice.", "Oat milk would improve the taste."),
        ("Is the bread baked fresh every day?", "Where do your beans come from? Great quality."),
    ),
    "Accuracy": (
        ("Not a single mistake on a big group order.",),
        (
            "Wrong order delivered to our room.",
            "They forgot the side salad and the bill was incorrect.",
            "A mix up with our booking dates.",
        ),
        ("Read the order back, to avoid the mistakes.",),
        ("Was the gluten-free dish the wrong one? It tasted different.",),
    ),
    "Cleanliness": (
        ("Spotless tables and toilets.", "The café was clean and tidy."),
        (
            "The toilets were dirty at eight in the evening.",
            "Sticky tables and crumbs everywhere.",
            "The bathroom was smelly.",
        ),
        ("More bins by the terrace would keep it tidy.",),
        ("How often are the toilets checked?",),
    ),
    "Price": (
        ("Good value for money.", "Fair prices for the harbour."),
        (
            "Overpriced for what it is.",
            "We were overcharged for the parking.",
            "Expensive drinks and no refund when it was cold.",
        ),
        ("A loyalty card would make the prices easier.", "A cheaper lunch menu, please."),
        ("Why does oat milk cost extra?", "Do prices include the service charge?"),
    ),
    "Communication": (
        ("{member} explained everything clearly.", "They called back within the hour."),
        (
            "Nobody told us the pool was closed.",
            "No answer to my email for a week.",
            "The information about the refund was confusing.",
        ),
        ("Tell guests about building work before they arrive.",),
        ("Will someone call back about the lost scarf?",),
    ),
    "Atmosphere": (
        ("Cosy, quiet and great music.", "Lovely atmosphere on the terrace."),
        ("Far too noisy at dinner.", "Crowded and cramped seating.", "The music was too loud."),
        ("More seating outside in summer?", "Softer lighting in the evening."),
        ("Is there a quiet area for working?",),
    ),
    "Breakfast": (
        ("The breakfast buffet was superb.", "Perfect eggs and warm croissants."),
        ("The breakfast buffet ran out of eggs by nine.", "Cold pastries at breakfast."),
        ("Start breakfast at six for early flights?",),
        ("Is breakfast included with the room?",),
    ),
    "Booking": (
        ("The online booking was simple.", "Check in took a minute."),
        (
            "Our reservation was lost.",
            "The online booking page charged us twice.",
            "Check in took forty minutes.",
        ),
        ("Let us choose the room when booking.",),
        ("Can I change my booking online?", "What time is checkout?"),
    ),
    "Rooms": (
        ("The room was beautiful, the bed so comfortable.", "Fluffy towels and a great shower."),
        ("The shower was cold.", "No fresh towels in the room.", "The pillows were flat."),
        ("Blackout curtains in the rooms, please.",),
        ("Are there rooms with a sea view?",),
    ),
    "Accessibility": (
        ("The ramp and the lift made our visit easy.", "Step free all the way, thank you."),
        ("The lift was out of order for a week.", "No wheelchair space at the tables."),
        ("A hearing loop at reception would help.",),
        ("Is the terrace accessible by wheelchair?",),
    ),
}
UNTHEMED = (
    ("Thank you for a wonderful stay.", "Everything was perfect, we'll be back."),
    ("Not happy with our visit.", "Disappointing this time."),
    ("Gift vouchers would be lovely.", "Could you open on Mondays?"),
    ("Do you sell gift vouchers?", "Are dogs allowed?"),
)
TAILS = ("", "", "", " Thank you!", " We'll be back.", " Third visit this month.",
         " At the harbour café.", " At breakfast.", " Sehr gut.")  # fmt: skip
KIND_WEIGHTS = {"compliment": 52, "complaint": 7, "suggestion": 23, "question": 18}
CHANNEL_WEIGHTS = {
    "in person": 30, "review site": 18, "email": 14, "feedback form": 12, "social media": 10,
    "phone": 8, "kiosk": 4, "Comment card": 2, "": 2,
}  # fmt: skip
# The spells of a recurring theme planted in the story: (theme, days ago of the first
# complaint, complaints, over how many days). The last is recurring now.
SPELLS = [
    ("Breakfast", 3420, 6, 20),
    ("Cleanliness", 2600, 5, 25),
    ("Booking", 1850, 8, 30),  # the new online booking system
    ("Price", 1100, 4, 14),
    ("Accuracy", 560, 5, 28),
    ("Wait time", 20, 4, 18),
]
OPEN_RECENT_DAYS = 21  # complaints of the last three weeks are mostly still open


def _feedback(
    wb: Workbook, rng: random.Random, today: dt.date, members: list[int]
) -> tuple[int, int]:
    """FEEDBACK_ITEMS items over the ten years, more in later years; returns (items,
    complaints still open)."""
    first_day = today - dt.timedelta(days=365 * YEARS - 1)
    span = (today - first_day).days + 1
    weights = [0.5 + n / span for n in range(span)]  # the business hears more every year
    plan: list[tuple[dt.date, str, str | None]] = []  # (day, kind, a planted spell's theme)
    for theme, days_ago, count, over in SPELLS:
        for n in range(count):
            day = today - dt.timedelta(days=days_ago - round(n * over / max(count - 1, 1)))
            plan.append((min(day, today), "complaint", theme))
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    for back in rng.choices(range(span), weights=weights, k=FEEDBACK_ITEMS - len(plan)):
        plan.append(
            (first_day + dt.timedelta(days=back), rng.choices(kinds, kind_weights)[0], None)
        )
    plan.sort(key=lambda p: p[0])
    channels, channel_weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    started = {m.id: m.start_date or "" for m in team.list_members(wb)}
    names = {m.id: m.name for m in team.list_members(wb)}
    standard_ids = [s.id for s in st.list_standards(wb)]
    often = standard_ids[:40]  # the front-line standards complaints name most
    open_count = 0
    with wb.transaction():
        for name, keywords in OWN_THEMES:
            feedback_themes.add_theme(wb, name, keywords)
        theme_ids = {t.name: t.id for t in feedback_themes.list_themes(wb)}
        theme_names = list(SAID)
        theme_weights = [9, 8, 8, 5, 4, 5, 5, 4, 4, 4, 3, 1]
        known = feedback_edit.Known.read(wb)
        for day, kind, planted in plan:
            index = feedback.KINDS.index(kind)
            if planted:
                themes = [planted]
            else:
                roll = rng.random()
                count = 0 if roll < 0.12 else 1 if roll < 0.82 else 2
                # complaints spread over every theme (a few spells recur by chance)
                chosen = rng.choices(
                    theme_names, None if kind == "complaint" else theme_weights, k=count
                )
                themes = list(dict.fromkeys(chosen))
            on = day.isoformat()
            staff = [m for m in members if started[m] <= on] or members
            named: list[int] = []
            if kind == "compliment" and rng.random() < 0.43:
                named = rng.sample(staff, min(2 if rng.random() < 0.2 else 1, len(staff)))
            elif rng.random() < (0.08 if kind == "complaint" else 0.02):
                named = [rng.choice(staff)]
            member_name = names[named[0]].split()[0] if named else "the young man at the bar"
            texts = [rng.choice(SAID[t][index]) for t in themes] or [rng.choice(UNTHEMED[index])]
            text = " ".join(texts).replace("{member}", member_name) + rng.choice(TAILS)
            text = text[0].upper() + text[1:]
            standards: list[int] = []
            if kind == "complaint" and rng.random() < 0.3:
                standards = rng.sample(often if rng.random() < 0.8 else standard_ids, 1)
            elif kind == "compliment" and rng.random() < 0.05:
                standards = [rng.choice(often)]
            data = feedback.FeedbackInput(
                received_on=on,
                kind=kind,
                text=text,
                channel=rng.choices(channels, channel_weights)[0],
                customer=_customer(rng) if rng.random() < 0.35 else "",
                theme_ids=tuple(theme_ids[t] for t in themes),
                member_ids=tuple(named),
                standard_ids=tuple(standards),
            )
            if kind == "complaint":
                data, still_open = _follow_up(data, rng, day, today, staff)
                open_count += still_open
            row, themed, linked, concerned = feedback_edit.clean_input(wb, data, today, known)
            feedback_edit.insert_item(wb, row, themed, linked, concerned)
    return len(plan), open_count


def _customer(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if rng.random() < 0.3:
        return f"{first.lower()}.{last.lower()}@example.com".replace("'", "")
    return f"{first} {last[0]}."


def _follow_up(
    data: feedback.FeedbackInput,
    rng: random.Random,
    day: dt.date,
    today: dt.date,
    staff: list[int],
) -> tuple[feedback.FeedbackInput, bool]:
    """A complaint's follow-up: acknowledged, owned, resolved (most), or still open (most of
    the last days', a very few forgotten ones)."""
    recent = (today - day).days < OPEN_RECENT_DAYS
    still_open = rng.random() < (0.75 if recent else 0.01)
    acknowledged = min(day + dt.timedelta(days=rng.choice((0, 0, 1, 2))), today)
    resolved = min(day + dt.timedelta(days=rng.randint(0, 14)), today)
    severity = rng.choices(feedback.SEVERITIES, (50, 35, 15))[0]
    return (
        replace(
            data,
            customer_asked=rng.choice(
                ("", "", "A refund", "An apology", "A call back", "To speak to the manager")
            ),  # fmt: skip
            severity=severity,
            acknowledged_on=acknowledged if rng.random() < 0.9 else None,
            follow_up_by=rng.choice(staff) if rng.random() < 0.6 else None,
            action_taken=""
            if still_open
            else rng.choice(
                (
                    "Apologised and refunded the drinks.",
                    "Called back and explained.",
                    "Talked it through at the morning huddle.",
                    "Offered a free breakfast.",
                )
            ),  # fmt: skip
            status=feedback.OPEN if still_open else feedback.RESOLVED,
            resolved_on=None if still_open else resolved,
        ),
        still_open,
    )


ACTIONS = 2000
OPEN_ACTIONS = 60


def _actions(wb: Workbook, rng: random.Random, today: dt.date, members: list[int]) -> int:
    """ACTIONS actions over the ten years, checked by ``actions_edit.clean_input`` and
    written in one transaction; returns how many."""
    A = actions  # noqa: N806 - short for the constants
    pick = {
        A.FEEDBACK_THEME: [r[0] for r in wb.conn.execute("SELECT id FROM feedback_themes")],
        A.FEEDBACK_ITEM: [
            r[0]
            for r in wb.conn.execute(
                "SELECT id FROM feedback_items WHERE kind IN ('complaint', 'suggestion') "
                "ORDER BY id DESC LIMIT 3000"
            )
        ],
        A.ROUND: [r[0] for r in wb.conn.execute("SELECT id FROM rounds")],
        A.QUESTION: [r[0] for r in wb.conn.execute("SELECT id FROM round_questions")],
        A.KPI_MONTH: [r[0] for r in wb.conn.execute("SELECT id FROM kpis")],
        A.STANDARD: [r[0] for r in wb.conn.execute("SELECT id FROM standards")],
    }
    kinds = [A.FEEDBACK_THEME, A.FEEDBACK_ITEM, A.ROUND, A.QUESTION, A.KPI_MONTH, A.REVIEW]
    kinds += [A.STANDARD, A.NONE]
    weights = [15, 20, 5, 15, 20, 10, 10, 5]
    owners: list[int | None] = [None, *members]
    first_day = today - dt.timedelta(days=365 * YEARS - 1)
    span = (today - first_day).days
    with wb.transaction():
        for n in range(ACTIONS):
            open_one = n >= ACTIONS - OPEN_ACTIONS
            created = today - dt.timedelta(
                days=rng.randrange(0, 60) if open_one else rng.randrange(60, span)
            )
            kind = rng.choices(kinds, weights)[0]
            month = month_of(created - dt.timedelta(days=20))
            if kind == A.REVIEW:
                source = A.Source.review(month)
            elif kind == A.KPI_MONTH:
                source = A.Source.kpi_month(rng.choice(pick[kind]), month)
            elif kind == A.NONE:
                source = A.Source()
            else:
                source = A.Source(kind, rng.choice(pick[kind]))
            due = created + dt.timedelta(days=rng.randrange(7, 75))
            status = (
                rng.choice((A.PLANNED, A.DOING))
                if open_one
                else rng.choices((A.DONE, A.DROPPED), (88, 12))[0]
            )
            done = min(due + dt.timedelta(days=rng.randrange(-10, 15)), today)
            helped = None
            if status == A.DONE and (today - done).days > 40 and rng.random() < 0.8:
                helped = rng.choices(A.HELPED_ANSWERS, (60, 25, 15))[0]
            data = actions_edit.ActionInput(
                title=sentence(rng)[:120],
                source=source,
                owner_id=rng.choice(owners),
                due_on=due,
                status=status,
                done_on=max(done, created) if status == A.DONE else None,
                outcome=sentence(rng) if status != A.PLANNED else "",
                share=status in (A.DONE, A.DROPPED) and rng.random() < 0.33,
                helped=helped,
            )
            row = actions_edit.clean_input(wb, data, today)
            row["created_on"] = created.isoformat()
            actions_edit.insert_action(wb, row)
    return ACTIONS


SESSIONS = 240
STORIES = 400


def _training(wb: Workbook, rng: random.Random, today: dt.date, members: list[int]) -> int:
    """SESSIONS training sessions and STORIES success stories over the ten years, checked
    by the model's ``clean_input`` and written in one transaction; returns how many rows."""
    from cscoach.model import stories, training

    standard_ids = [r[0] for r in wb.conn.execute("SELECT id FROM standards")]
    value_ids = [r[0] for r in wb.conn.execute("SELECT id FROM core_values")]
    compliments = [
        r[0]
        for r in wb.conn.execute(
            "SELECT id FROM feedback_items WHERE kind = 'compliment' ORDER BY id DESC LIMIT 2000"
        )
    ]
    first_day = today - dt.timedelta(days=365 * YEARS - 1)
    span = (today - first_day).days
    topics = {
        training.SOFT_SKILLS: ["Listening to an unhappy customer", "Saying no kindly"],
        training.PRODUCT: ["Food hygiene", "First aid", "The new menu", "The till"],
        training.ROLE_PLAY: ["Complaints role-play", "The rush-hour role-play"],
        training.ONBOARDING: ["Welcome: how we serve"],
    }
    with wb.transaction():
        for n in range(SESSIONS):
            held = first_day + dt.timedelta(days=span * n // SESSIONS + rng.randrange(0, 10))
            held = min(held, today)
            kind = rng.choices(list(topics), (35, 35, 15, 15))[0]
            topic = rng.choice(topics[kind])
            refresh = {"Food hygiene": 12, "First aid": 36}.get(topic)
            who = rng.random()
            data = training.SessionInput(
                held,
                topic,
                kind,
                trainer_id=rng.choice(members) if who < 0.4 else None,
                trainer_name="Outside trainer Ltd" if 0.4 <= who < 0.7 else "",
                notes=paragraph(rng, 1, 2),
                refresh_months=refresh,
                standard_ids=tuple(rng.sample(standard_ids, rng.randrange(0, 5))),
                attendee_ids=tuple(rng.sample(members, rng.randrange(4, 16))),
            )
            row, covered, people = training.clean_input(wb, data, today)
            row["created_on"] = held.isoformat()
            training.insert_session(wb, row, covered, people)
        for n in range(STORIES):
            happened = first_day + dt.timedelta(days=span * n // STORIES + rng.randrange(0, 5))
            happened = min(happened, today)
            item = rng.choice(compliments) if compliments and rng.random() < 0.33 else None
            data_s = stories.StoryInput(
                happened,
                tuple(rng.sample(members, rng.choice((1, 1, 1, 2, 3)))),
                paragraph(rng, 1, 3),
                rng.choice(value_ids) if value_ids else None,
                item,
            )
            row, people = stories.clean_input(wb, data_s, today)
            row["created_on"] = happened.isoformat()
            story_id = stories.insert_story(wb, row, people)
            newest = n == STORIES - 1  # the story of this month, for the wall print
            if newest or rng.random() < 0.3:
                wb.conn.execute(
                    "INSERT OR IGNORE INTO story_features (story_id, month) VALUES (?, ?)",
                    (story_id, month_of(today if newest else happened)),
                )
    return SESSIONS + STORIES


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
        step("feedback", _feedback, members)
        step("actions", _actions, members)
        step("training", _training, members)
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
