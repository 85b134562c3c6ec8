"""The demo café's counter kiosk: an old tablet by the till, on every opening day of last
month. Customers tapped a face (and then 0 to 10); the faces make up last month's CSAT,
while its NPS stays with the survey cards and the kiosk's 0-10 answers are kept apart. The
lunch rush is when customers are least happy; two low scores left an answer that became a
complaint (both dealt with).

Built from a fixed random seed relative to the demo's ``today``, so the story is the same on
any day.
"""

from __future__ import annotations

import datetime as dt
import random

from cscoach.model import kiosk, kiosk_kpis, kpi_entries
from cscoach.model.months import add_months
from cscoach.model.workbook import Workbook

SEED = 21
OPEN_HOURS = range(7, 18)  # 07:00-17:59
BUSY = {8: 3.0, 12: 3.2, 13: 2.6, 9: 1.6, 16: 1.3}  # how many more customers answer
ANSWERS = (
    (12, "So busy at lunch that nobody had time to say hello or look up."),
    (13, "My sandwich order was wrong and I only noticed at my desk."),
)


def _face(rng: random.Random, hour: int) -> int:
    """A face 1-5: mostly happy, less so at the lunch rush."""
    rush = hour in (12, 13)
    weights = (4, 6, 12, 38, 40) if rush else (1, 2, 6, 35, 56)
    return rng.choices((1, 2, 3, 4, 5), weights)[0]


def _nps(rng: random.Random, face: int) -> int | None:
    if rng.random() < 0.25:
        return None  # walked away after the faces
    centre = {1: 3, 2: 5, 3: 7, 4: 8, 5: 9}[face]
    return max(0, min(10, centre + rng.choice((-1, 0, 0, 1, 1))))


def add_demo_kiosk(wb: Workbook, today: dt.date) -> None:
    """Last month's kiosk votes and sessions, its CSAT made from them, its NPS kept apart;
    inside the caller's transaction."""
    rng = random.Random(SEED)
    month = add_months(f"{today.year:04d}-{today.month:02d}", -1)
    first = dt.date.fromisoformat(f"{month}-01")
    settings = kiosk.KioskSettings(scales=kiosk.BOTH)
    with wb.transaction():
        kiosk.save_settings(wb, settings)
        day = first
        low_votes: list[tuple[int, int]] = []  # (vote id, hour)
        while day.strftime("%Y-%m") == month:
            if day.weekday() != 6:  # closed on Sundays
                start = f"{day.isoformat()} 06:55:00"
                cur = wb.conn.execute(
                    "INSERT INTO kiosk_sessions (started_at, ended_at, ignored) VALUES (?, ?, ?)",
                    (start, f"{day.isoformat()} 18:10:00", rng.randint(0, 9)),
                )
                session = int(cur.lastrowid or 0)
                for hour in OPEN_HOURS:
                    for _ in range(round(rng.uniform(0.5, 2.5) * BUSY.get(hour, 1.0))):
                        at = f"{day.isoformat()} {hour:02d}:{rng.randint(0, 59):02d}:"
                        at += f"{rng.randint(0, 59):02d}"
                        face = _face(rng, hour)
                        cur = wb.conn.execute(
                            "INSERT INTO kiosk_votes (voted_at, csat, nps, session_id) "
                            "VALUES (?, ?, ?, ?)",
                            (at, face, _nps(rng, face), session),
                        )
                        if face <= 2:
                            low_votes.append((int(cur.lastrowid or 0), hour))
            day += dt.timedelta(days=1)
        _add_answers(wb, low_votes, today)
        csat = wb.query_one("SELECT id FROM kpis WHERE key = 'csat'")
        nps = wb.query_one("SELECT id FROM kpis WHERE key = 'nps'")
        assert csat and nps
        entry = kpi_entries.get_entry(wb, csat["id"], month)
        note = "First month with the counter kiosk"
        if entry is not None:  # the survey cards' value gives way to the kiosk's votes
            note = f"{entry.note}; {note}" if entry.note else note
            kpi_entries.clear_entry(wb, csat["id"], month)
        kiosk_kpis.refresh(wb, [month])
        kpi_entries.set_note(wb, csat["id"], month, note, today=today)
        kiosk_kpis.keep_apart(wb, nps["id"], month)
        # written on the demo's day, not the clock's: the same demo on the same day is the
        # same file
        wb.conn.execute(
            "UPDATE kpi_entries SET updated_at = ? WHERE kpi_id = ? AND month = ?",
            (f"{today.isoformat()} 08:00:00", csat["id"], month),
        )


def _add_answers(wb: Workbook, low_votes: list[tuple[int, int]], today: dt.date) -> None:
    """Two low votes whose answer became a complaint, resolved a day or two later."""
    for hour, text in ANSWERS:
        vote_id = next((v for v, h in low_votes if h == hour), None)
        if vote_id is None:
            continue
        row = wb.query_one(
            "SELECT substr(voted_at, 1, 10) AS day FROM kiosk_votes WHERE id = ?", (vote_id,)
        )
        assert row
        received = dt.date.fromisoformat(row["day"])
        resolved = min(received + dt.timedelta(days=2), today)
        cur = wb.conn.execute(
            "INSERT INTO feedback_items (received_on, kind, channel, text, acknowledged_on, "
            "action_taken, status, resolved_on, created_at) VALUES (?, 'complaint', 'kiosk', ?, "
            "?, ?, 'resolved', ?, ?)",
            (
                received.isoformat(),
                text,
                resolved.isoformat(),
                "Talked it over at the team meeting: a second person on the till at lunch.",
                resolved.isoformat(),
                f"{received.isoformat()} {hour:02d}:05:00",  # the demo's day, not the clock's
            ),
        )
        wb.conn.execute(
            "UPDATE kiosk_votes SET feedback_item_id = ? WHERE id = ?", (cur.lastrowid, vote_id)
        )
        wb.conn.execute(
            "INSERT INTO feedback_item_themes (item_id, theme_id) SELECT ?, id "
            "FROM feedback_themes WHERE key = ?",
            (cur.lastrowid, "friendliness" if hour == 12 else "accuracy"),
        )
