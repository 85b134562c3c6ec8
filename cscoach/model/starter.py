"""Starter content every new workbook begins with.

The questions ask what the first source text asks a team, in this project's own words; the
hiring criteria are the qualities the second source text says to hire for.
"""

from __future__ import annotations

import sqlite3

from cscoach.model import paper

GENERAL = "General"
SUPPORT_TEAM = "Customer support team"
COMPANY = "The company as a whole"
IMPROVEMENTS = "Improvements"

# (key, section, text, kind)
QUESTIONS: list[tuple[str, str, str, str]] = [
    ("outstanding", GENERAL, "What does outstanding customer service mean to you?", "text"),
    ("bad", GENERAL, "What does bad customer service look like to you?", "text"),
    (
        "ultimate_goal",
        GENERAL,
        "What is the one goal our service should always aim for, the thing every change we "
        "make should serve? (For example: treating people the way we would like to be treated, "
        "making things easy for the customer, or helping customers understand what they buy.)",
        "text",
    ),
    (
        "one_message",
        GENERAL,
        "What single message about how we serve customers do you think all of us already agree on?",
        "text",
    ),
    (
        "feel_first",
        GENERAL,
        "When customers think of our service, what do you want them to feel first?",
        "text",
    ),
    (
        "inspiring_companies",
        GENERAL,
        "Which companies have given you great service, and what did they do?",
        "text",
    ),
    (
        "measuring_success",
        SUPPORT_TEAM,
        "Is the way we measure how well we serve customers well thought out, or how could it "
        "be better?",
        "text",
    ),
    (
        "important_qualities",
        SUPPORT_TEAM,
        "Which qualities matter most in someone who looks after our customers?",
        "text",
    ),
    (
        "workload",
        SUPPORT_TEAM,
        "How do you feel about the workload and the way tasks are shared among the people who "
        "serve customers? What would make it better?",
        "text",
    ),
    (
        "dedication",
        COMPANY,
        "How committed is the whole team to getting better at customer service?",
        "text",
    ),
    (
        "goals_aligned",
        COMPANY,
        "Do our customer-service goals fit with the goals of the business as a whole?",
        "text",
    ),
    (
        "why_customers_choose_us",
        COMPANY,
        "Why do you think customers choose us over someone else?",
        "text",
    ),
    (
        "service_issues",
        IMPROVEMENTS,
        "Is there anything in how we serve customers day to day that needs attention?",
        "text",
    ),
    (
        "company_issues",
        IMPROVEMENTS,
        "Is there anything in the wider business that affects our service and needs attention?",
        "text",
    ),
]

# (key, title, the General question it answers)
PHILOSOPHY_SECTIONS: list[tuple[str, str, str]] = [
    ("outstanding", "What outstanding service means to us", "outstanding"),
    ("bad", "What bad service looks like", "bad"),
    ("ultimate_goal", "Our ultimate goal", "ultimate_goal"),
    ("one_message", "Our one clear message", "one_message"),
    ("feel_first", "What we want customers to feel first", "feel_first"),
    ("inspiring_companies", "Companies that inspire us", "inspiring_companies"),
]

# (key, name, unit, min, max, higher_is_better, default target, description)
KPIS: list[tuple[str, str, str, float | None, float | None, bool, float, str]] = [
    (
        "csat",
        "Customer satisfaction (CSAT)",
        "%",
        0.0,
        100.0,
        True,
        85.0,
        "Share of surveyed customers who were satisfied: answers of 4 or 5 on a 1–5 scale "
        "÷ all answers × 100.",
    ),
    (
        "nps",
        "Net Promoter Score (NPS)",
        "score",
        -100.0,
        100.0,
        True,
        40.0,
        "How likely customers are to recommend you, on 0–10: % promoters (9–10) "
        "− % detractors (0–6).",
    ),
    (
        "retention",
        "Customer retention rate",
        "%",
        0.0,
        100.0,
        True,
        80.0,
        "Customers kept over the month: (customers at end − new customers) "
        "÷ customers at start × 100.",
    ),
    (
        "resolution_time",
        "Average resolution time",
        "hours",
        0.0,
        None,
        False,
        24.0,
        "How long a customer's problem takes to solve: total hours to resolve ÷ issues resolved.",
    ),
]

CATEGORIES = [
    "In person",
    "Phone",
    "Email & messages",
    "Online & social",
    "Complaints & recovery",
    "Follow-up",
]

# (key, quality, good signs, poor signs, weight, interview question)
CRITERIA: list[tuple[str, str, str, str, int, str]] = [
    (
        "empathy",
        "Empathy",
        "Talks about customers as people; notices how someone felt, not only what they asked.",
        "Blames customers; describes upset people as a nuisance.",
        5,
        "Tell me about a time a customer was upset. How did you know how they felt, and what "
        "did you do about it?",
    ),
    (
        "listening",
        "Active listening",
        "Asks clarifying questions; sums up what they heard before answering.",
        "Interrupts; answers a question that was not asked.",
        4,
        "Describe a time you found out that what a customer asked for was not what they needed. "
        "How did you find out?",
    ),
    (
        "problem_solving",
        "Genuine desire to solve problems",
        "Owns the problem to the end; follows up without being asked.",
        "Passes problems on; stops at “that's not my job”.",
        5,
        "Tell me about a customer problem you solved even though it was not strictly your "
        "responsibility.",
    ),
    (
        "communication",
        "Clear communication",
        "Explains simply and warmly; adapts to the person in front of them.",
        "Uses jargon; vague about what happens next.",
        3,
        "How would you explain to a customer that what they ordered will be a week late?",
    ),
    (
        "learning",
        "Product knowledge and willingness to learn",
        "Curious about what we sell; describes how they learned something new quickly.",
        "Expects to be told everything; shows no interest in the product.",
        3,
        "What is something you taught yourself recently, and how did you go about it?",
    ),
]

# (category, title, detail, review months, on poster)
STANDARDS: list[tuple[str, str, str, int, bool]] = [
    (
        "In person",
        "Greet every customer within 30 seconds",
        "Eye contact and a hello, even when busy: “I'll be right with you” counts.",
        6,
        True,
    ),
    (
        "Phone",
        "Answer the phone within three rings",
        "Say the business name and your own name, then listen before you answer.",
        6,
        True,
    ),
    (
        "Email & messages",
        "Reply to every message within one working day",
        "If you cannot solve it yet, say when you will get back, and do.",
        6,
        True,
    ),
    (
        "Complaints & recovery",
        "Own the problem until it is solved",
        "Whoever hears a complaint keeps it until the customer is helped or has been handed, "
        "by name, to someone who will.",
        6,
        True,
    ),
    (
        "Follow-up",
        "Check back after fixing a problem",
        "Within a week, ask the customer whether the fix worked for them.",
        12,
        False,
    ),
]


def _row_id(cur: sqlite3.Cursor) -> int:
    """The id of the row the INSERT run by ``cur`` added (None only before an INSERT)."""
    assert cur.lastrowid is not None
    return cur.lastrowid


def insert_starter_content(conn: sqlite3.Connection) -> None:
    """Insert the starter content into a freshly created schema (inside its transaction)."""
    defaults = {
        "business_name": "",
        "page_size": paper.locale_page_size(),
        "philosophy_review_months": "12",
    }
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", list(defaults.items()))
    question_ids: dict[str, int] = {}
    for position, (key, section, text, kind) in enumerate(QUESTIONS, start=1):
        cur = conn.execute(
            "INSERT INTO questions (key, section, text, kind, position) VALUES (?, ?, ?, ?, ?)",
            (key, section, text, kind, position),
        )
        question_ids[key] = _row_id(cur)
    for position, (key, title, question) in enumerate(PHILOSOPHY_SECTIONS, start=1):
        conn.execute(
            "INSERT INTO philosophy_sections (key, title, question_id, position) "
            "VALUES (?, ?, ?, ?)",
            (key, title, question_ids[question], position),
        )
    kpi_ids: dict[str, int] = {}
    for position, (key, name, unit, lo, hi, higher, target, description) in enumerate(
        KPIS, start=1
    ):
        cur = conn.execute(
            "INSERT INTO kpis (key, name, unit, min_value, max_value, higher_is_better, "
            "description, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, name, unit, lo, hi, int(higher), description, position),
        )
        kpi_ids[key] = _row_id(cur)
        conn.execute(
            "INSERT INTO kpi_targets (kpi_id, from_month, target) VALUES (?, ?, ?)",
            (cur.lastrowid, "1900-01", target),  # the first target holds for every month
        )
    category_ids: dict[str, int] = {}
    for position, name in enumerate(CATEGORIES, start=1):
        cur = conn.execute(
            "INSERT INTO standard_categories (name, position) VALUES (?, ?)", (name, position)
        )
        category_ids[name] = _row_id(cur)
    for position, (key, quality, good, poor, weight, question) in enumerate(CRITERIA, start=1):
        cur = conn.execute(
            "INSERT INTO hiring_criteria (key, quality, good_signs, poor_signs, weight, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (key, quality, good, poor, weight, position),
        )
        conn.execute(
            "INSERT INTO criterion_questions (criterion_id, text, position) VALUES (?, ?, 1)",
            (cur.lastrowid, question),
        )
    for position, (category, title, detail, months, on_poster) in enumerate(STANDARDS, start=1):
        conn.execute(
            "INSERT INTO standards (title, detail, category_id, review_months, on_poster, "
            "position) VALUES (?, ?, ?, ?, ?, ?)",
            (title, detail, category_ids[category], months, int(on_poster), position),
        )
