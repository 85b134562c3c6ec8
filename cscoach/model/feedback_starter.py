"""What every workbook's Feedback section begins with: the starter themes, each with a
keyword rule the owner can read and change, and the settings of the pattern rules.

Inserted by the schema's second migration (``migrations.m002_feedback``), so a new workbook
and one made by an older CS Coach start the same way.
"""

from __future__ import annotations

import sqlite3

# The pattern rules' settings (the settings table's keys) and their defaults.
RECURRING_COUNT = "feedback_recurring_count"  # complaints on one theme…
RECURRING_DAYS = "feedback_recurring_days"  # …within this many days: a recurring theme
OPEN_DAYS = "feedback_open_days"  # a complaint open longer than this many days is flagged
DEFAULT_SETTINGS = {RECURRING_COUNT: "3", RECURRING_DAYS: "30", OPEN_DAYS: "2"}

# (key, name, keywords) — the rule matches any of the entries, as whole words, ignoring
# case and accents; an entry of several words is looked for as those words together.
THEMES: list[tuple[str, str, str]] = [
    (
        "wait_time",
        "Wait time",
        "wait, waited, waiting, queue, queues, queued, queuing, slow, slowly, quick, quickly, "
        "fast, delay, delayed, ages, forever, long time, took long, minutes",
    ),
    (
        "friendliness",
        "Friendliness",
        "friendly, unfriendly, rude, rudely, smile, smiled, smiling, welcoming, welcomed, "
        "warm welcome, so kind, polite, impolite, helpful, unhelpful, attitude, cheerful, grumpy, "
        "ignored, lovely staff",
    ),
    (
        "product_quality",
        "Product quality",
        "taste, tasted, tasty, delicious, stale, burnt, burned, fresh, quality, bitter, "
        "soggy, bland, lukewarm, undercooked, overcooked, watery, best coffee",
    ),
    (
        "accuracy",
        "Accuracy",
        "wrong, mistake, mistakes, mix up, mixed up, forgot, forgotten, missing, incorrect, "
        "instead of, left out",
    ),
    (
        "cleanliness",
        "Cleanliness",
        "clean, cleaner, dirty, messy, mess, sticky, spotless, tidy, untidy, crumbs, toilet, "
        "toilets, bathroom, hygiene, smelly",
    ),
    (
        "price",
        "Price",
        "price, prices, priced, expensive, cheap, overpriced, pricey, value for money, cost, "
        "costs, charged, overcharged, refund",
    ),
    (
        "communication",
        "Communication",
        "told, explain, explained, informed, call back, called back, reply, replied, "
        "respond, responded, unclear, confusing, confused, kept us posted, no answer",
    ),
    (
        "atmosphere",
        "Atmosphere",
        "atmosphere, music, noisy, noise, loud, quiet, cosy, cozy, seating, seats, chairs, "
        "crowded, cramped, vibe, lighting, decor, ambience",
    ),
]


def insert_starter_feedback(conn: sqlite3.Connection) -> None:
    """The starter themes and the pattern settings (inside the migration's transaction).
    A setting already there is kept."""
    conn.executemany(
        "INSERT INTO feedback_themes (key, name, keywords, match, suggest, position) "
        "VALUES (?, ?, ?, 'any', 1, ?)",
        [(key, name, words, n) for n, (key, name, words) in enumerate(THEMES, start=1)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
        list(DEFAULT_SETTINGS.items()),
    )
