"""The demo's story as plain constants: the café, its team, when things happened, its
philosophy, standards, candidates and KPI figures. ``cscoach.model.demo`` builds the workbook
from them and from the team's answers (``cscoach.model.demo_answers``). Times are counted
back from the day the demo is made: months (or days) ago.
"""

from __future__ import annotations

from dataclasses import dataclass

BUSINESS_NAME = "The Corner Café"
KPI_MONTHS = 18  # months of KPI values, ending with last month
MISSING_MONTHS_AGO = 6  # no KPI values that month: a person short, no survey cards handed out

# -- the team -------------------------------------------------------------------------

# (key, name, role, started this many months ago, active)
TEAM: list[tuple[str, str, str, int, bool]] = [
    ("rosa", "Rosa Delgado", "Owner and manager", 97, True),
    ("kwame", "Kwame Mensah", "Shift lead", 62, True),
    ("aiko", "Aiko Tanaka", "Barista", 40, True),
    ("tomasz", "Tomasz Nowak", "Barista", 27, True),
    ("priya", "Priya Nair", "Barista (part-time)", 15, True),
    ("liam", "Liam O'Connor", "Barista (weekends)", 4, True),
    ("sofia", "Sofia Lindqvist", "Barista", 44, False),  # left after the first round
]

# -- the questionnaire ----------------------------------------------------------------

FIRST_ROUND_MONTHS_AGO = 7
SECOND_ROUND_MONTHS_AGO = 1

# -- the philosophy ---------------------------------------------------------------------

# (key, name, what it means in practice)
VALUES: list[tuple[str, str, str]] = [
    (
        "welcome",
        "Welcome everyone",
        "Greet every person within moments of them walking in, first-timers as warmly as "
        "regulars. Learn names. Read whether someone wants a chat or just their coffee.",
    ),
    (
        "own",
        "Own the problem",
        "Whoever hears about a problem keeps it until it is solved. We remake without "
        "arguing, never ask a customer to prove anything, and never say “that's not my job”.",
    ),
    (
        "craft",
        "Pride in the craft",
        "Every drink and plate leaves the counter as if it were for a friend. If it isn't "
        "right, it doesn't go out; if we don't know the answer about a product, we find out.",
    ),
    (
        "backup",
        "Back each other up",
        "A rested, trained team that covers for each other serves people better. Ask for help "
        "early, pass on what changed since the last shift, and never skip a break to clear a "
        "queue.",
    ),
]

# The published text of each philosophy section, by section key.
SECTIONS: dict[str, str] = {
    "outstanding": (
        "Outstanding service at the Corner Café means three things at once: the order is "
        "right the first time, it comes quickly, and it comes with real warmth.\n\n"
        "We notice people. We learn our regulars' names and orders, we spot the first-time "
        "visitor who looks unsure, and we read whether someone wants a chat or just their "
        "coffee. Nobody should have to ask us for anything twice."
    ),
    "bad": (
        "Bad service is making someone feel they are in the way: waiting at the till while we "
        "talk among ourselves, a drink sent out that we know isn't right, a stock answer, or "
        "“I didn't make it” when something goes wrong. It is also the same complaint being "
        "handled five different ways depending on who is on shift."
    ),
    "ultimate_goal": (
        "Treat everyone who comes in the way we would want our own family treated, and make "
        "it easy for them to come back. Every change we make, to the menu, the rota or the way "
        "we work, should help with that. If it doesn't, we don't make it."
    ),
    "one_message": (
        "Everyone is welcome here, and if something isn't right, we fix it.\n\n"
        "Every one of us said some part of this at the team meeting, in our own words."
    ),
    "feel_first": (
        "Welcome and looked after, as if we had been expecting them. Relaxed enough to stay "
        "a while, confident enough to come back."
    ),
    "inspiring_companies": (
        "A hardware shop that gives honest advice even when it means selling less. A bike "
        "shop that fixed a flat tyre on the spot for a loyal customer. A ramen bar where the "
        "chef remembers who doesn't like spring onion. An online bookshop that warned about a "
        "late order before anyone asked.\n\n"
        "What they have in common: they notice the person, they are honest, and they put "
        "things right without a fuss. That is what we borrow from them; the rest we work out "
        "for ourselves."
    ),
}

# Draft edits made since publishing (after the second round): the draft is one sentence ahead.
DRAFT_ADDITIONS: dict[str, str] = {
    "ultimate_goal": " A first visit matters as much as the five-hundredth.",
}

PUBLISHED_MONTHS_AGO = 5
PUBLISH_NOTE = "First version, written from the answers at the team meeting."

# -- standards --------------------------------------------------------------------------

OWN_CATEGORY = "Behind the counter"  # the owner's own category, besides the starter ones


@dataclass(frozen=True)
class _Standard:
    category: str
    title: str
    detail: str  # "" keeps the starter standard's detail
    values: tuple[str, ...]
    kpi: str | None
    owner: str | None
    review_months: int
    on_poster: bool
    created_months_ago: int
    reviews: tuple[tuple[int, str | None, str], ...]  # (months ago, reviewer, note)
    active: bool = True


_ADOPTED = (PUBLISHED_MONTHS_AGO, "rosa", "Adopted with version 1 of the philosophy.")
_MEETING = (SECOND_ROUND_MONTHS_AGO, "rosa", "Read through together at the team meeting.")

# In the order they appear in each category. Two are overdue for review: the catering
# confirmation (six-monthly, last reviewed seven months ago) and the online hours
# (three-monthly, last reviewed four months ago).
STANDARDS: list[_Standard] = [
    _Standard(
        "In person",
        "Greet every customer within 30 seconds",
        "",
        ("welcome",),
        "csat",
        "kwame",
        6,
        True,
        7,
        (_ADOPTED, _MEETING),
    ),
    _Standard(
        "In person",
        "Learn the regulars' names and usual orders",
        "Use a regular's name when you greet them. When you learn a new one, add it to the "
        "list in the back so the whole team knows it too.",
        ("welcome",),
        "retention",
        "priya",
        6,
        True,
        5,
        (_MEETING,),
    ),
    _Standard(
        "In person",
        "Call for backup before the queue reaches the door",
        "When more than six people are waiting, whoever is on the till calls the shift lead "
        "or the person on tables. Nobody skips a break to clear a queue: we rotate instead.",
        ("backup", "welcome"),
        None,
        "kwame",
        3,
        True,
        5,
        (_MEETING,),
    ),
    _Standard(
        "In person",
        "Tell customers about a wait before they pay",
        "If food will take more than ten minutes, say so at the till and suggest something "
        "quicker. People forgive a wait they were warned about.",
        ("welcome", "own"),
        None,
        None,
        6,
        False,
        5,
        (_MEETING,),
    ),
    _Standard(
        "Phone",
        "Answer the phone within three rings",
        "",
        ("welcome",),
        None,
        "kwame",
        6,
        True,
        7,
        (_ADOPTED, _MEETING),
    ),
    _Standard(
        "Phone",
        "Read collection orders back before hanging up",
        "Repeat the order, the name and the pickup time, write them on an order ticket (never "
        "on a napkin) and clip it above the machine.",
        ("own", "craft"),
        None,
        "tomasz",
        6,
        False,
        5,
        (_MEETING,),
    ),
    _Standard(
        "Email & messages",
        "Reply to every message within one working day",
        "",
        ("own",),
        "resolution_time",
        "rosa",
        6,
        True,
        7,
        (_ADOPTED, _MEETING),
    ),
    _Standard(
        "Email & messages",
        "Confirm catering orders in writing the same day",
        "Send the items, the price and the pickup or delivery time in writing before the end "
        "of the day the order comes in, and ask the customer to reply if anything is wrong.",
        ("own",),
        "resolution_time",
        "rosa",
        6,
        False,
        7,
        ((7, "rosa", "Agreed after the mix-up with the office lunch order."),),
    ),
    _Standard(
        "Online & social",
        "Answer every online review within three days",
        "Thank people for kind reviews, by name if they gave one. For a poor review, "
        "apologise, say what we have changed and invite them to come and talk to us. Never "
        "argue in public.",
        ("own", "welcome"),
        "nps",
        "priya",
        6,
        False,
        5,
        (_MEETING,),
    ),
    _Standard(
        "Online & social",
        "Keep opening hours and the menu up to date online",
        "Change Google, Instagram and the website on the same day anything changes, and put "
        "holiday hours up at least a week ahead.",
        ("welcome",),
        None,
        "priya",
        3,
        False,
        5,
        ((4, "priya", "Checked every listing; holiday hours added."),),
    ),
    _Standard(
        "Complaints & recovery",
        "Own the problem until it is solved",
        "",
        ("own",),
        "resolution_time",
        "kwame",
        6,
        True,
        7,
        (_ADOPTED, _MEETING),
    ),
    _Standard(
        "Complaints & recovery",
        "Remake it, no questions asked",
        "If a drink or a dish isn't right, make it again straight away and free of charge. "
        "Don't ask the customer to prove anything.",
        ("own", "craft"),
        "csat",
        "aiko",
        6,
        True,
        5,
        (_MEETING,),
    ),
    _Standard(
        "Complaints & recovery",
        "Give a free-drink voucher with every complaint",
        "Retired: a remake on the spot and a personal follow-up work better, and the vouchers "
        "made complaints feel like a transaction.",
        ("own",),
        None,
        None,
        3,
        False,
        7,
        ((7, "rosa", ""),),
        active=False,
    ),
    _Standard(
        "Follow-up",
        "Check back after fixing a problem",
        "",
        ("own",),
        "retention",
        "rosa",
        12,
        False,
        7,
        (_ADOPTED,),
    ),
    _Standard(
        "Follow-up",
        "Call catering customers the next working day",
        "Ask how the order went, and write anything to do differently next time in the "
        "catering book.",
        ("own", "welcome"),
        "retention",
        "rosa",
        6,
        False,
        5,
        (_MEETING,),
    ),
    _Standard(
        OWN_CATEGORY,
        "Write what changed in the shift notes book",
        "A new menu item, a customer we promised to ring back, a grinder that is playing up: "
        "write it down before you leave, so the next shift starts off knowing it.",
        ("backup",),
        None,
        "kwame",
        6,
        False,
        5,
        (_MEETING,),
    ),
]

# -- hiring -----------------------------------------------------------------------------

# Which values each starter hiring criterion serves.
CRITERION_VALUES: dict[str, tuple[str, ...]] = {
    "empathy": ("welcome", "backup"),
    "listening": ("welcome", "own"),
    "problem_solving": ("own",),
    "communication": ("welcome",),
    "learning": ("craft",),
}


@dataclass(frozen=True)
class _Candidate:
    name: str
    role: str
    interview_days_ago: int
    status: str
    notes: str
    scores: dict[str, tuple[int, str]]  # criterion key -> (score, note); absent: not scored


CANDIDATES: list[_Candidate] = [
    _Candidate(
        "Liam O'Connor",
        "Barista",
        158,
        "hired",
        "Two years at a busy bakery. Did a trial Saturday: regulars took to him straight away. "
        "Hired for weekends.",
        {
            "empathy": (
                4,
                "Told us about calming a customer whose birthday cake order had been lost; "
                "noticed she was more embarrassed than angry.",
            ),
            "listening": (4, "Summed up each question before answering it."),
            "problem_solving": (
                5,
                "Once took a forgotten order to a customer's office on his own lunch break.",
            ),
            "communication": (3, "Quiet at first; much more relaxed on the trial shift."),
            "learning": (4, "Taught himself latte art at home and showed us. Not bad at all."),
        },
    ),
    _Candidate(
        "Hannah Becker",
        "Barista",
        162,
        "not hired",
        "Excellent coffee knowledge, but spoke about customers as a problem to get through. "
        "Told her kindly; kept her details in case a back-of-house role comes up.",
        {
            "empathy": (2, "Called the morning rush “the zombies”. A joke, but it came up twice."),
            "listening": (3, ""),
            "problem_solving": (2, "Said complaints should always go straight to the manager."),
            "communication": (3, ""),
            "learning": (5, "Knows more about coffee origins than the rest of us put together."),
        },
    ),
    _Candidate(
        "Mateus Oliveira",
        "Shift lead",
        12,
        "offered",
        "For Sunday mornings and cover when Kwame is off. Ran the floor at a busy brunch place "
        "for three years. Offer sent; waiting to hear back.",
        {
            "empathy": (4, ""),
            "listening": (5, "Asked us more questions than we asked him."),
            "problem_solving": (
                4,
                "Clear example: sorted out a double-booked table for twelve without anyone "
                "losing face.",
            ),
            "communication": (
                5,
                "How he'd tell someone about a twenty-minute wait was honest and kind.",
            ),
            "learning": (4, ""),
        },
    ),
    _Candidate(
        "Nadia Haddad",
        "Shift lead",
        4,
        "interviewing",
        "Manages a community lunch club on weekdays. Trial shift this Saturday; product "
        "knowledge is scored after that.",
        {
            "empathy": (5, "Talked about the people at her lunch club with real warmth."),
            "listening": (4, ""),
            "problem_solving": (4, "Owns things, but asked good questions about when to escalate."),
            "communication": (4, ""),
        },
    ),
]

# -- KPIs -------------------------------------------------------------------------------

KPI_VALUES: dict[str, tuple[str, ...]] = {
    "csat": ("craft", "welcome"),
    "nps": ("welcome",),
    "retention": ("welcome",),
    "resolution_time": ("own",),
}

CSAT_TARGET_RAISED_MONTHS_AGO = 4  # once the standards were up
CSAT_NEW_TARGET = 88.0

# Which months were entered from counts (the others were typed in as values), in months ago.
COUNTS_SINCE = {"csat": 12, "nps": 12, "retention": 10, "resolution_time": 12}

ESPRESSO_MACHINE_MONTHS_AGO = 15
NEW_MENU_MONTHS_AGO = 2

# Monthly reviews written so far: months ago -> what we will do next. Last month's review
# is still to do.
REVIEWS_MONTHS_AGO: dict[int, str] = {
    3: (
        "Resolution time is holding well under target since we started checking messages at "
        "opening and at closing. Next: keep the next-day catering calls going, and hand out "
        "survey cards at weekends too, not only on weekdays."
    ),
    2: (
        "Satisfaction slipped a little after the menu change, and two survey comments said "
        "the new drinks were hard to understand. Next: Aiko runs a ten-minute tasting of the "
        "new drinks at Thursday's huddle; everyone asks two customers a shift what they think "
        "of the new menu; we look at the numbers again next month."
    ),
}
