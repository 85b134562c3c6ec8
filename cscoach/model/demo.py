"""The demo workbook: a six-person neighbourhood café about a year and a half into building
its service culture.

Everything in it hangs together: the team answered two questionnaire rounds six months apart
(the second one anonymous, after a new barista joined and a colleague left); the owner wrote
the philosophy and four core values from the first round and published it; the standards,
hiring criteria and KPIs serve those values; the monthly figures improve gently with the
dips and notes a real café would have. Dates are relative to today, so the demo always looks
current, and the random parts use a fixed seed, so two demos made on the same day are the same.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscoach.model.dates import add_months
from cscoach.model.workbook import Workbook, built_aside

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSINESS_NAME = "The Corner Café"
SEED = 1911
KPI_MONTHS = 18  # months of KPI values, ending with last month
MISSING_MONTHS_AGO = 6  # no KPI values that month: a person short, no survey cards handed out

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

# A question the owner added to the bank between the rounds: only the second round asks it.
RATING_QUESTION = (
    "Improvements",
    "How well do we keep to our service standards on a busy Saturday morning? "
    "(1 = hardly at all, 5 = every time)",
)

# First round, named: the answers of each person, by question key. A question someone left
# blank is simply absent.
FIRST_ROUND: dict[str, dict[str, str]] = {
    "rosa": {
        "outstanding": (
            "When someone leaves a little better off than they came in. The coffee has to be "
            "right, but what people remember is that we noticed them: we knew their order, we "
            "saw they were in a hurry, we asked how the new job was going. Outstanding means "
            "nobody has to ask us for anything twice."
        ),
        "bad": (
            "Making someone feel they are in the way. Staff chatting to each other while a "
            "customer waits at the till, or a shrug when something has gone wrong."
        ),
        "ultimate_goal": (
            "Treat everyone who walks in the way we would want our own family treated. If a "
            "change doesn't help with that, we shouldn't make it."
        ),
        "one_message": (
            "We care about the people, not just the coffee. I hope that's one we all share."
        ),
        "feel_first": "Welcome. As if we'd been expecting them.",
        "inspiring_companies": (
            "The hardware shop on Mill Street. The owner walks you to the shelf, asks what the "
            "job is, and more than once he has talked me out of buying something I didn't need. "
            "I trust him completely because of it."
        ),
        "measuring_success": (
            "Honestly, we don't measure it, apart from the takings and the stars on Google. "
            "I'd like one simple monthly number we can all look at and talk about."
        ),
        "important_qualities": (
            "Warmth first. We can teach anyone to steam milk; we can't teach them to like people."
        ),
        "workload": (
            "I know Saturday mornings are too much for three people. I'm looking at another "
            "part-time hire, but I'd like to hear from you what would help most."
        ),
        "dedication": (
            "I think everyone cares. We just haven't agreed what 'good' looks like, so each of "
            "us does it our own way."
        ),
        "goals_aligned": (
            "Mostly. Keeping costs down sometimes pulls against giving people time, and that "
            "balance is my job to get right."
        ),
        "why_customers_choose_us": (
            "It's close, the coffee is good, and people are known here by name. The last one "
            "is the one I never want to lose."
        ),
        "service_issues": (
            "Complaints are handled differently depending on who is on. Some of us remake the "
            "drink, some hand over a voucher, some argue. We need one way of doing it."
        ),
        "company_issues": (
            "The till is slow and the card reader keeps dropping out. It makes the queue longer "
            "and everyone more stressed."
        ),
    },
    "kwame": {
        "outstanding": (
            "Fast, right first time, and friendly while you do it. All three together: anyone "
            "can be friendly when it's quiet."
        ),
        "bad": (
            "Getting the wrong order and then having to queue again to get it fixed. Or "
            "nobody taking responsibility: “I didn't make it.”"
        ),
        "ultimate_goal": (
            "Make it easy for the customer. No waiting without a reason, no repeating "
            "yourself, no hunting around for someone who can help."
        ),
        "one_message": "If it's not right, we fix it.",
        "feel_first": "That they're in good hands.",
        "inspiring_companies": (
            "My bike shop. I came in with a flat tyre on the way to work and they fixed it "
            "while I waited, no charge, because I'd bought the bike there. I've sent half my "
            "friends to them since."
        ),
        "measuring_success": (
            "We don't really measure it. I judge a shift by how many complaints reach me and "
            "how long the queue got. That's a feeling, not a system."
        ),
        "important_qualities": (
            "Staying calm under pressure. Paying attention. Being willing to say sorry even "
            "when it wasn't your mistake."
        ),
        "workload": (
            "Saturday 9 to 12 is the problem: one on the machine, one on the till, nobody to "
            "clear tables or pick up the phone. Weekday afternoons have more people than we "
            "need by comparison. I'd move a shift from Tuesday to Saturday."
        ),
        "dedication": (
            "High when I'm on. Honestly lower when nobody senior is around. That's normal, but "
            "it shouldn't be."
        ),
        "goals_aligned": "Yes.",
        "why_customers_choose_us": (
            "Consistency. They know the flat white will taste the same every morning."
        ),
        "service_issues": (
            "Phone orders. Nobody owns the phone, so it rings out when we're busy, and "
            "collection orders get written on whatever paper is nearest."
        ),
        "company_issues": (
            "The rota comes out on Thursday for the following week. People can't plan, so "
            "there are last-minute swaps and we end up a person short."
        ),
    },
    "aiko": {
        "outstanding": (
            "Taking care over every cup, even the tenth oat latte in a row. People can tell "
            "when you care about what you hand them."
        ),
        "bad": (
            "Sending out a drink you know isn't right because the queue is long. I'd rather "
            "say “two more minutes” and make it properly."
        ),
        "ultimate_goal": (
            "Quality people can rely on: every drink as good as the best one they've had here."
        ),
        "one_message": "We take pride in what we make.",
        "feel_first": "Looked after.",
        "inspiring_companies": (
            "A little ramen bar I go to. The chef tells you what's in each bowl and remembers "
            "if you don't like spring onion. It feels personal even when every seat is taken."
        ),
        "measuring_success": "I don't know how we measure it. Nobody has ever told us a number.",
        "important_qualities": (
            "Patience and an eye for detail. Curiosity about the product too: customers ask "
            "about the beans and we should be able to answer."
        ),
        "workload": (
            "The machine side is fine. What's hard is being expected to cover the till and the "
            "tables at the same time as making drinks."
        ),
        "dedication": (
            "Most of us really care. A couple of people treat it as just a job, which is fine, "
            "but you notice it on a busy day."
        ),
        "goals_aligned": "I think so, but I don't really know what the business goals are.",
        "why_customers_choose_us": "The coffee. Good beans, made properly.",
        "service_issues": (
            "Training. New people learn from whoever happens to be on shift, so everyone ends "
            "up doing things a slightly different way."
        ),
    },
    "tomasz": {
        "outstanding": "Smile and be quick.",
        "bad": "Rude staff. Slow service.",
        "ultimate_goal": "Get people served fast so they come back.",
        "one_message": "Don't keep people waiting.",
        "feel_first": "Happy.",
        "measuring_success": (
            "Could be better. We could ask customers to score us, like hotels do."
        ),
        "important_qualities": (
            "Friendly, quick, and doesn't take it personally when someone is rude."
        ),
        "workload": (
            "Too much on Saturday, too little on Tuesday afternoon. And the dishwasher always "
            "ends up being my job."
        ),
        "dedication": "Depends on the person and the day.",
        "goals_aligned": (
            "Not really. We're told to offer cake with every coffee but also to keep the queue "
            "short. At half eight you can't do both."
        ),
        "why_customers_choose_us": "Location. We're right by the station.",
        "service_issues": "The card machine.",
    },
    "priya": {
        "outstanding": (
            "Being treated like a person and not an order number. Small things: remembering a "
            "name, noticing someone with a pushchair and getting the door for them."
        ),
        "bad": (
            "Being ignored. Or getting a stock answer that doesn't fit your question, the way "
            "a chatbot would answer."
        ),
        "ultimate_goal": (
            "Make every visit easy and pleasant, especially for people who don't come often. "
            "Regulars already know how things work here; newcomers don't."
        ),
        "one_message": "Everyone is welcome here.",
        "feel_first": "That they belong here, even on their first visit.",
        "inspiring_companies": (
            "An online bookshop that emailed me to say my order would be late before I'd even "
            "noticed, and offered a refund or a different edition. Honest and quick."
        ),
        "measuring_success": (
            "We could read our Google and Instagram reviews properly. Nobody answers them at "
            "the moment, not even the bad ones."
        ),
        "important_qualities": (
            "Empathy. Listening. Explaining things simply, like what's vegan or gluten-free, "
            "without making anyone feel awkward for asking."
        ),
        "workload": (
            "As a part-timer I often don't know what changed since my last shift: new things "
            "on the menu, a new way of doing something. A notes book by the till would help a "
            "lot."
        ),
        "dedication": "Everyone wants to do well. We just don't talk about it much.",
        "goals_aligned": "I'm not sure. I'd like to know what the goals are.",
        "why_customers_choose_us": (
            "The atmosphere. It's a nice place to sit and the people behind the counter are "
            "friendly."
        ),
        "service_issues": (
            "Allergen questions. There's no simple list to show people, so we guess or go and "
            "read the packets in the back."
        ),
        "company_issues": (
            "Our opening hours on Google were wrong for weeks over the last holidays. People "
            "turned up to a locked door."
        ),
    },
    "sofia": {
        "outstanding": (
            "Being present. When I'm serving someone I want them to have my full attention for "
            "those two minutes, not half of it while I watch the milk jug."
        ),
        "bad": (
            "Customers waiting while the staff are obviously stretched and stressed. People "
            "feel the tension behind the counter, and it spoils the visit even if the coffee "
            "is fine."
        ),
        "ultimate_goal": "Making people's day a bit better.",
        "one_message": "Regulars are like friends.",
        "feel_first": "Relaxed.",
        "inspiring_companies": (
            "The phone repair place in the shopping centre, when my screen broke. They told me "
            "exactly what they'd do, how long it would take and what it would cost, then did "
            "exactly that. No surprises."
        ),
        "measuring_success": (
            "We don't have anything. Comment cards maybe, but then someone has to read them "
            "and actually do something about what they say."
        ),
        "important_qualities": (
            "Patience and a sense of humour. And reading people: some want a chat, some just "
            "want their coffee and to be left in peace."
        ),
        "workload": (
            "I'll be honest, since you asked. Saturday mornings can't go on the way they are. "
            "Three of us cover the machine, the till, the tables, the phone and the "
            "dishwasher, and whoever is on the till also ends up dealing with every complaint. "
            "When someone calls in sick there is no backup, so we run with two and hope for "
            "the best. Breaks get skipped, and by eleven we're short with each other and, if "
            "I'm honest, sometimes short with customers too. I love this place and the "
            "regulars, but I've started to wonder whether I can keep doing Saturdays.\n\n"
            "What would help: a fourth person from nine to one on Saturdays; a clear rule for "
            "who answers the phone; a list of people we can ask to cover at short notice; and "
            "the rota at least two weeks ahead, so we can swap properly instead of at the last "
            "minute. None of this is about money. It's about not feeling every weekend that "
            "we're letting customers down."
        ),
        "dedication": "Very dedicated, but tired.",
        "goals_aligned": (
            "On paper, yes. In practice the business wants more people through the door, and "
            "we don't have the staff to serve them well."
        ),
        "why_customers_choose_us": "They feel known here.",
        "service_issues": (
            "Nobody knows what to do when something goes wrong, so complaints get handled five "
            "different ways."
        ),
        "company_issues": "Staffing and the rota. See what I wrote about workload.",
    },
}

# Second round, anonymous: five of the six answered. "rating" is the owner's added question.
SECOND_ROUND: list[dict[str, Any]] = [
    {
        "outstanding": (
            "Noticing people. Knowing the regulars' orders, and spotting the first-timer who "
            "is staring at the menu board a bit lost, then helping before they have to ask."
        ),
        "bad": (
            "Making someone feel like a nuisance. I see much less of it since the standards "
            "went up, but it still creeps in when we're stretched."
        ),
        "ultimate_goal": (
            "Treat people the way we'd like to be treated, and make it easy for them to come back."
        ),
        "one_message": "Everyone is welcome, and if something isn't right we fix it.",
        "feel_first": "Welcome.",
        "inspiring_companies": (
            "Still the hardware shop on Mill Street: honest advice, even when it means "
            "selling less."
        ),
        "measuring_success": (
            "Much better than before. Seeing the monthly figures at the team meeting helps. "
            "We should hand out the survey cards every day, though, not just when we remember."
        ),
        "important_qualities": "Warmth, calm, and owning it when things go wrong.",
        "workload": (
            "Better since Saturdays got a fourth person. Sunday morning is now the tight spot."
        ),
        "dedication": (
            "Higher than six months ago. People bring up service at the meetings without "
            "being asked."
        ),
        "goals_aligned": "Yes, now that we've actually talked about them.",
        "why_customers_choose_us": "They feel known, and the coffee is reliably good.",
        "service_issues": "We're still slow to ring catering customers back.",
        "company_issues": "The card reader still drops out once or twice a week.",
        "rating": 4,
    },
    {
        "outstanding": "Every drink made properly and handed over with some warmth. Both count.",
        "bad": "A rushed drink, or being talked down to when you ask a question.",
        "ultimate_goal": "Quality people can count on, every single visit.",
        "one_message": "We take pride in what we hand over.",
        "feel_first": "Looked after.",
        "inspiring_companies": (
            "The ramen bar near the station. Still the best I know at making a packed room "
            "feel personal."
        ),
        "measuring_success": (
            "The survey cards are good, but I'd like to read what customers write in the "
            "comments box, not just see the score."
        ),
        "important_qualities": "Patience, care over the details, wanting to learn.",
        "workload": (
            "Much better. Having one person on a Saturday whose job is the tables and the phone "
            "makes a huge difference."
        ),
        "dedication": "Very. The “remake it, no questions asked” rule made people feel trusted.",
        "goals_aligned": "Mostly.",
        "why_customers_choose_us": "The coffee and the people.",
        "service_issues": (
            "Training for new starters still depends on who's on shift. A one-page checklist "
            "would fix that."
        ),
        "rating": 3,
    },
    {
        "outstanding": "Quick and friendly. Same answer as last time.",
        "bad": "Waiting while nobody tells you anything.",
        "one_message": "If it's wrong, fix it.",
        "feel_first": "Happy to come back.",
        "measuring_success": "Fine now.",
        "important_qualities": "Friendly. Stays calm.",
        "workload": "Saturday is fine now. Sunday isn't.",
        "dedication": "Good.",
        "goals_aligned": (
            "Still the cake thing. Offering cake at half eight with ten people in the queue "
            "makes no sense. Only offer it when it's quiet."
        ),
        "why_customers_choose_us": "Good coffee, right by the station.",
        "service_issues": "Sunday mornings.",
        "company_issues": "Card machine. Again.",
        "rating": 2,
    },
    {
        "outstanding": (
            "Being treated as a person, not an order. Getting a real answer to a real question."
        ),
        "bad": "Stock answers. Being passed from one person to the next.",
        "ultimate_goal": "Make every visit easy, especially the first one.",
        "one_message": "Everyone is welcome here.",
        "feel_first": "That they belong.",
        "inspiring_companies": (
            "The online bookshop that tells you about a delay before you notice it. We try to "
            "do the same with catering orders now."
        ),
        "measuring_success": (
            "We answer reviews now, which is great. Could we also count how many people come "
            "back after they've complained?"
        ),
        "important_qualities": "Empathy, listening, explaining things simply.",
        "workload": (
            "The notes book by the till has helped a lot. I know what has changed before my "
            "shift starts."
        ),
        "dedication": (
            "Everyone is trying. The poster helps because we all know what good looks like now."
        ),
        "goals_aligned": "Yes. It helped to hear them explained at the last meeting.",
        "why_customers_choose_us": "It's friendly, and it feels like a neighbourhood place.",
        "service_issues": (
            "The allergen folder is great, but it has to be updated whenever the menu changes. "
            "The new soup isn't in it yet."
        ),
        "company_issues": (
            "Holiday opening hours need to go online earlier. Last time they went up the day "
            "before."
        ),
        "rating": 4,
    },
    {
        "outstanding": (
            "Remembering people. I'm still learning the regulars' names, but you can see how "
            "much they like it."
        ),
        "bad": (
            "Hurrying someone who wants a chat, or chatting to someone who's in a hurry. You "
            "have to read people."
        ),
        "ultimate_goal": "People leave in a better mood than they came in.",
        "feel_first": "At home.",
        "inspiring_companies": (
            "The bakery where I worked before had a rule that no burnt loaf ever goes out. "
            "A small thing, but customers trusted it."
        ),
        "measuring_success": "I don't know enough yet to say.",
        "important_qualities": "Listening, and staying cheerful when it gets busy.",
        "workload": (
            "Fair. Learning the machine took a while because three people showed me three "
            "different ways."
        ),
        "dedication": "Everyone I've worked with takes it seriously.",
        "why_customers_choose_us": "Friendly faces, and it's on the way to the station.",
        "rating": 3,
    },
]

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
                # added when the owner started the workbook, or on their first day
                "created_at": _ago(today, min(months_ago, FIRST_ROUND_MONTHS_AGO + 1))
                + " 09:00:00",
            }
        )
        members[key] = int(table.last_pk)
    return members


def _add_values(db: Database) -> dict[str, int]:
    values = {}
    table = db.table("core_values")
    for position, (key, name, meaning) in enumerate(VALUES, start=1):
        table.insert({"name": name, "meaning": meaning, "position": position})
        values[key] = int(table.last_pk)
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
    questions = db.table("questions")
    questions.insert(
        {"section": section, "text": text, "kind": "rating", "position": last["p"] + 1}
    )
    rating_id = int(questions.last_pk)

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
    round_id = int(rounds.last_pk)
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
        asked[q["key"]] = (int(table.last_pk), q["kind"])
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
    response_id = int(responses.last_pk)
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
    version_id = int(versions.last_pk)
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
    category_ids = {**ids.categories, OWN_CATEGORY: int(categories.last_pk)}
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
            standard_id = int(table.last_pk)
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
        candidate_id = int(table.last_pk)
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
    ``kpis.COUNT_FIELDS``: CSAT ``satisfied``/``total``; NPS ``promoters``/``passives``/
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
        computed = {
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
