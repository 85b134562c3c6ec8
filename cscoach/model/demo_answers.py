"""The team's answers in the demo's two questionnaire rounds, as plain constants (see
``cscoach.model.demo`` for the story they belong to; the rounds' dates are in
``cscoach.model.demo_content``).
"""

from __future__ import annotations

from typing import Any

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
