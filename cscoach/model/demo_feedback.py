"""The demo café's feedback: about 60 things customers said over its 18 months.

The story: the espresso machine failing (15 months ago) brings product complaints; then wait
time becomes a recurring complaint at the busy times, until the standards about calling for
backup and warning of a wait (5 months ago) ease it; the new menu (2 months ago) brings
questions and a complaint about the menu board. Praise names most of the team (Sofia before
she left, Liam since he started), complaints are linked to the standards they concern, and
three complaints are still open (two of them long enough to be flagged).

Dates are days before the demo's ``today``, so the story is the same on any day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model.demo_content import TEAM
from cscoach.model.workbook import Workbook

# The owner's own theme, besides the starter ones.
OWN_THEME = ("New menu", "new menu, golden hour, new drinks, menu board")

BACKUP = "Call for backup before the queue reaches the door"
WARN = "Tell customers about a wait before they pay"
PHONE = "Answer the phone within three rings"
READ_BACK = "Read collection orders back before hanging up"
REPLY = "Reply to every message within one working day"
CATERING = "Confirm catering orders in writing the same day"
ONLINE = "Keep opening hours and the menu up to date online"
REMAKE = "Remake it, no questions asked"
NAMES = "Learn the regulars' names and usual orders"


@dataclass(frozen=True)
class _Said:
    days_ago: int
    kind: str
    channel: str
    text: str
    themes: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # keys of the demo's TEAM
    standards: tuple[str, ...] = ()  # titles
    open: bool = False  # a complaint still open (the others are resolved)
    asked: str = ""
    severity: str | None = None
    action: str = ""
    follow_up: str | None = None  # a TEAM key; None: the owner


FEEDBACK: list[_Said] = [
    _Said(530, "compliment", "in person", "Sofia remembered my usual order after one visit. "
          "Lovely start to the day.", ("Friendliness",), ("sofia",)),
    _Said(500, "compliment", "review site", "Best flat white in the neighbourhood, and the staff "
          "are always cheerful.", ("Product quality", "Friendliness")),
    _Said(470, "compliment", "in person", "Kwame sorted out a birthday cake for my daughter at "
          "ten minutes' notice. So kind!", ("Friendliness",), ("kwame",)),
    _Said(452, "complaint", "social media", "No espresso drinks at all on Saturday morning? Came "
          "for a cappuccino and left.", ("Product quality",), asked="An explanation",
          severity="moderate", action="The machine was repaired on Monday; we posted an update "
          "and an apology on Instagram.", follow_up="kwame"),
    _Said(440, "complaint", "in person", "The coffee tasted burnt and bitter two days running.",
          ("Product quality",), severity="moderate", action="The boiler was failing: engineer "
          "called, machine serviced, grinder recalibrated.", follow_up="kwame"),
    _Said(430, "compliment", "email", "Thank you for lending us the tea urn for the school fair. "
          "Aiko even dropped it off!", ("Friendliness",), ("aiko",)),
    _Said(410, "suggestion", "feedback form", "Could you do oat milk without the extra charge?",
          ("Price",)),
    _Said(395, "complaint", "phone", "Our collection order was missing two sandwiches.",
          ("Accuracy",), standards=(READ_BACK,), asked="A refund for the sandwiches",
          severity="minor", action="Refunded and apologised by phone; order tickets started."),
    _Said(380, "compliment", "in person", "Tomasz makes the best cortado in town.",
          ("Product quality",), ("tomasz",)),
    _Said(365, "question", "email", "Do you do catering for office lunches?"),
    _Said(350, "complaint", "email", "The catering order arrived without the vegan wraps we "
          "asked for.", ("Accuracy", "Communication"), standards=(CATERING,),
          asked="The wraps, or money back", severity="serious", action="Delivered the wraps "
          "within the hour and refunded the delivery."),
    _Said(330, "compliment", "review site", "Cosy corner, good music, not too loud. My favourite "
          "place to read.", ("Atmosphere",)),
    # wait time: a recurring complaint at the busy times…
    _Said(320, "complaint", "review site", "Waited twenty minutes for two coffees on Saturday.",
          ("Wait time",), standards=(BACKUP,), action="Replied to the review and apologised."),
    _Said(300, "complaint", "in person", "The queue was out of the door and only one person on "
          "the till.", ("Wait time",), standards=(BACKUP,)),
    _Said(292, "complaint", "social media", "Love the place but the wait at lunchtime is "
          "getting silly.", ("Wait time",)),
    _Said(284, "complaint", "feedback form", "Waited ages for a toastie and nobody told us it "
          "would take so long.", ("Wait time", "Communication"), standards=(WARN,)),
    _Said(276, "compliment", "in person", "Aiko stayed cheerful with a huge queue. Amazing.",
          ("Friendliness",), ("aiko",)),
    _Said(262, "complaint", "phone", "Rang twice about a cake order and nobody picked up.",
          ("Communication",), standards=(PHONE,), follow_up="kwame"),
    _Said(250, "complaint", "in person", "A fifteen-minute wait for a latte this morning.",
          ("Wait time",), standards=(BACKUP,)),
    _Said(241, "complaint", "review site", "Slow service at the weekend; we gave up and left.",
          ("Wait time",)),
    _Said(233, "complaint", "kiosk", "Too slow at lunchtime.", ("Wait time",)),
    _Said(225, "compliment", "email", "Priya noticed my son's allergy and checked every "
          "ingredient with us. Thank you.", ("Friendliness",), ("priya",)),
    _Said(215, "complaint", "in person", "Queued for ten minutes behind one person ordering for "
          "the whole office.", ("Wait time",), standards=(BACKUP,)),
    _Said(208, "suggestion", "feedback form", "Maybe a separate queue for takeaway orders?",
          ("Wait time",)),
    _Said(199, "complaint", "review site", "Waited 25 minutes for brunch and the table next to "
          "us was served first.", ("Wait time", "Accuracy")),
    _Said(190, "complaint", "social media", "The queue on Saturday was ridiculous.",
          ("Wait time",)),
    _Said(182, "compliment", "in person", "Kwame jumped on the second till as soon as the queue "
          "built up. Quick and friendly.", ("Wait time", "Friendliness"), ("kwame",)),
    _Said(175, "complaint", "in person", "A long wait for food and nobody said anything.",
          ("Wait time", "Communication"), standards=(WARN,)),
    _Said(168, "complaint", "phone", "Waited on hold, then got cut off.",
          ("Wait time", "Communication"), standards=(PHONE,)),
    _Said(160, "complaint", "feedback form", "Fifteen minutes for a sandwich at one o'clock.",
          ("Wait time",), standards=(BACKUP,), severity="moderate"),
    # …eased by the two standards about waits, written five months ago
    _Said(140, "compliment", "review site", "Busy lunchtime but the queue moved quickly: someone "
          "came to help at the till straight away.", ("Wait time",)),
    _Said(130, "compliment", "in person", "Tomasz warned us the toasties would take ten minutes "
          "and suggested a salad instead. Appreciated!", ("Communication", "Friendliness"),
          ("tomasz",), (WARN,)),
    _Said(120, "complaint", "in person", "A bit of a wait for the hot food on Sunday.",
          ("Wait time",), standards=(WARN,), severity="minor"),
    _Said(112, "compliment", "feedback form", "Spotless tables and toilets, always.",
          ("Cleanliness",)),
    _Said(105, "compliment", "in person", "Priya's carrot cake is the best thing on the menu.",
          ("Product quality",), ("priya",)),
    _Said(98, "complaint", "review site", "Sticky table and crumbs everywhere when we sat down.",
          ("Cleanliness",), action="Tables are wiped after every customer now, not every hour."),
    _Said(92, "question", "social media", "Are you open on the bank holiday?", ("Communication",),
          standards=(ONLINE,)),
    _Said(85, "compliment", "in person", "Liam made my day with his terrible jokes and a perfect "
          "latte.", ("Friendliness", "Product quality"), ("liam",)),
    _Said(78, "complaint", "email", "I emailed about a lost scarf and heard nothing for a week.",
          ("Communication",), standards=(REPLY,), asked="Whether the scarf was found",
          action="Found it, apologised, posted it back."),
    _Said(70, "compliment", "review site", "Friendly team, great coffee, fair prices.",
          ("Friendliness", "Product quality", "Price")),
    _Said(64, "suggestion", "in person", "More plug sockets for laptops, please.",
          ("Atmosphere",)),
    _Said(58, "complaint", "in person", "My oat latte was made with cow's milk.", ("Accuracy",),
          standards=(REMAKE,), severity="serious", action="Remade at once, apologised, and "
          "oat milk jugs now have a green handle.", follow_up="aiko"),
    _Said(52, "question", "in person", "What's in the new Golden Hour drink?",
          ("Communication", "New menu")),
    _Said(47, "complaint", "feedback form", "The new menu board is confusing: I couldn't find "
          "the prices.", ("Communication", "Price", "New menu")),
    _Said(42, "compliment", "in person", "Aiko let me taste the new drinks before choosing. "
          "Lovely idea.", ("Friendliness", "New menu"), ("aiko",)),
    _Said(38, "suggestion", "email", "Bring back the cinnamon bun!", ("Product quality",)),
    _Said(34, "compliment", "social media", "Kwame and Liam were brilliant with our noisy "
          "toddler group.", ("Friendliness", "Atmosphere"), ("kwame", "liam")),
    _Said(30, "complaint", "review site", "Prices have gone up a lot with the new menu.",
          ("Price", "New menu"), action="Replied to the review: new suppliers, and the "
          "small sizes are back.", follow_up="rosa"),
    _Said(26, "compliment", "in person", "Best hot chocolate I've had in years.",
          ("Product quality",)),
    _Said(22, "complaint", "in person", "Waited a while for a table on Saturday.", ("Wait time",),
          severity="minor"),
    _Said(18, "compliment", "review site", "Priya remembered my name on my second visit!",
          ("Friendliness",), ("priya",), (NAMES,)),
    _Said(15, "question", "phone", "Can we book the back room for a baby shower?"),
    _Said(12, "compliment", "feedback form", "Calm music, comfy chairs, a great place to work.",
          ("Atmosphere",)),
    _Said(10, "complaint", "email", "I was charged twice for one coffee on my card.",
          ("Price", "Accuracy"), open=True, asked="A refund of the second charge",
          severity="moderate"),
    _Said(8, "compliment", "in person", "Tomasz and Aiko kept smiling through the Saturday "
          "rush.", ("Friendliness",), ("tomasz", "aiko")),
    _Said(6, "suggestion", "kiosk", "A loyalty card would be nice.", ("Price",)),
    _Said(4, "complaint", "social media", "You replied about allergens in the new drinks, but "
          "the answer was unclear.", ("Communication", "New menu"), standards=(REPLY,),
          open=True, asked="Clear allergen information for every new drink",
          severity="serious", follow_up="kwame"),
    _Said(3, "compliment", "Comment card", "Liam's latte art made my week.",
          ("Product quality",), ("liam",)),
    _Said(1, "complaint", "in person", "The toilet was out of paper.", ("Cleanliness",),
          open=True, severity="minor"),
    _Said(0, "compliment", "in person", "Lovely welcome as always.", ("Friendliness",),
          ("kwame",)),
]  # fmt: skip


def add_demo_feedback(wb: Workbook, today: dt.date) -> None:
    """Add the demo's feedback to a workbook that has the demo's team and standards."""
    names = {key: name for key, name, *_ in TEAM}
    members = {r["name"]: r["id"] for r in wb.query("SELECT id, name FROM team_members")}
    standards = {r["title"]: r["id"] for r in wb.query("SELECT id, title FROM standards")}
    with wb.transaction():
        wb.conn.execute(
            "INSERT INTO feedback_themes (name, keywords, position) VALUES "
            "(?, ?, (SELECT coalesce(max(position), 0) + 1 FROM feedback_themes))",
            OWN_THEME,
        )
        themes = {r["name"]: r["id"] for r in wb.query("SELECT id, name FROM feedback_themes")}
        for said in FEEDBACK:
            received = today - dt.timedelta(days=said.days_ago)
            complaint = said.kind == "complaint"
            resolved = complaint and not said.open
            acknowledged = received if complaint and said.days_ago > 1 else None
            done = min(received + dt.timedelta(days=1 + said.days_ago % 3), today)
            action = said.action or ("Apologised and put it right." if resolved else "")
            cur = wb.conn.execute(
                "INSERT INTO feedback_items (received_on, kind, channel, text, customer_asked, "
                "severity, acknowledged_on, follow_up_by, action_taken, status, resolved_on, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    received.isoformat(),
                    said.kind,
                    said.channel,
                    said.text,
                    said.asked,
                    said.severity,
                    acknowledged.isoformat() if acknowledged else None,
                    members[names[said.follow_up]] if said.follow_up else None,
                    action,
                    ("resolved" if resolved else "open") if complaint else None,
                    done.isoformat() if resolved else None,
                    f"{received.isoformat()} 17:30:00",
                ),
            )
            item_id = cur.lastrowid
            wb.conn.executemany(
                "INSERT INTO feedback_item_themes (item_id, theme_id) VALUES (?, ?)",
                [(item_id, themes[t]) for t in said.themes],
            )
            wb.conn.executemany(
                "INSERT INTO feedback_item_members (item_id, member_id) VALUES (?, ?)",
                [(item_id, members[names[m]]) for m in said.members],
            )
            wb.conn.executemany(
                "INSERT INTO feedback_item_standards (item_id, standard_id) VALUES (?, ?)",
                [(item_id, standards[s]) for s in said.standards],
            )
