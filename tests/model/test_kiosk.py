"""The counter kiosk's model: settings, the PIN, votes with the repeat guard, a low score's
answer becoming a complaint, and the votes becoming the month's CSAT and NPS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import feedback, kiosk, kiosk_kpis, kpi_entries
from cscoach.model.errors import ValidationError, WorkbookError
from cscoach.model.kiosk_votes import KioskSession, Press, open_for_kiosk, session_totals
from cscoach.model.workbook import Workbook

MONTH = FIXED_TODAY.strftime("%Y-%m")


class Clock:
    """The kiosk's two clocks, moved by hand."""

    def __init__(self) -> None:
        self.seconds = 1000.0
        self.start = dt.datetime.combine(FIXED_TODAY, dt.time(9, 0))

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.seconds - 1000.0)

    def monotonic(self) -> float:
        return self.seconds

    def wait(self, seconds: float) -> None:
        self.seconds += seconds


def session(wb: Workbook, clock: Clock, **settings: object) -> KioskSession:
    chosen = kiosk.KioskSettings(**settings)  # type: ignore[arg-type]
    return KioskSession(wb, chosen, now=clock.now, monotonic=clock.monotonic)


def kpi_id(wb: Workbook, key: str) -> int:
    row = wb.query_one("SELECT id FROM kpis WHERE key = ?", (key,))
    assert row
    return int(row["id"])


def test_settings_default_and_round_trip(workbook: Workbook) -> None:
    assert kiosk.get_settings(workbook) == kiosk.KioskSettings()
    assert kiosk.get_settings(workbook).question == "How was your visit today?"
    saved = kiosk.save_settings(
        workbook,
        kiosk.KioskSettings("  How was  your coffee? ", kiosk.BOTH, False, 1, 4, 8),
    )
    assert saved.question == "How was your coffee?"
    assert kiosk.get_settings(workbook) == saved
    for bad, field in (
        (kiosk.KioskSettings(question="a\nb"), "question"),
        (kiosk.KioskSettings(scales="stars"), "scales"),
        (kiosk.KioskSettings(low_csat=4), "low_csat"),
        (kiosk.KioskSettings(low_nps=8), "low_nps"),
        (kiosk.KioskSettings(repeat_seconds=0), "repeat_seconds"),
    ):
        with pytest.raises(ValidationError) as caught:
            kiosk.save_settings(workbook, bad)
        assert caught.value.field == field
    assert kiosk.get_settings(workbook) == saved


def test_pin_is_stored_hashed_with_a_salt_and_checked(workbook: Workbook) -> None:
    assert not kiosk.has_pin(workbook)
    assert not kiosk.pin_matches(workbook, "1234")  # no PIN: nothing opens the door
    for bad in ("", "123", "123456789", "12a4", "١٢٣٤"):
        with pytest.raises(ValidationError):
            kiosk.set_pin(workbook, bad)
    with pytest.raises(ValidationError) as caught:
        kiosk.set_pin(workbook, "2468", "2469")
    assert caught.value.field == "again"
    kiosk.set_pin(workbook, "2468", "2468")
    stored = workbook.query_one("SELECT value FROM settings WHERE key = 'kiosk_pin'")
    assert stored and "2468" not in stored["value"] and stored["value"].startswith("scrypt$")
    assert kiosk.pin_matches(workbook, "2468")
    assert not kiosk.pin_matches(workbook, "2469")
    assert not kiosk.pin_matches(workbook, "")
    first = stored["value"]
    kiosk.set_pin(workbook, "2468")
    again = workbook.query_one("SELECT value FROM settings WHERE key = 'kiosk_pin'")
    assert again and again["value"] != first  # a new salt each time
    workbook.conn.execute("UPDATE settings SET value = 'spoiled' WHERE key = 'kiosk_pin'")
    assert not kiosk.pin_matches(workbook, "2468")


def test_a_vote_is_saved_at_once_and_presses_in_the_guard_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    clock = Clock()
    wb = open_for_kiosk(path)
    try:
        s = session(wb, clock)
        first = s.press(kiosk.CSAT, 5)
        assert first.press is Press.SAVED and not first.low
        # Another connection sees it at once: it is committed.
        other = Workbook.open(path, read_only=True)
        assert other.query_one("SELECT csat FROM kiosk_votes") == {"csat": 5}
        other.close()
        clock.wait(1)
        for _ in range(6):  # a child at the buttons
            assert s.press(kiosk.CSAT, 1).press is Press.IGNORED
        s.stray_press()
        clock.wait(4.1)
        assert s.press(kiosk.CSAT, 4).press is Press.SAVED
        assert (s.votes, s.ignored) == (2, 7)
        s.customer_left()
        s.end()
        assert session_totals(wb, s.session_id or 0) == (2, 7)
        rows = wb.query("SELECT voted_at, csat, nps FROM kiosk_votes ORDER BY id")
        assert rows == [
            {"voted_at": f"{FIXED_TODAY} 09:00:00", "csat": 5, "nps": None},
            {"voted_at": f"{FIXED_TODAY} 09:00:05", "csat": 4, "nps": None},
        ]
        assert wb.history.undo_steps == [] or all(
            "kiosk" in s.label.lower() for s in wb.history.undo_steps
        )
    finally:
        wb.close()


def test_the_guard_follows_the_owners_setting(workbook: Workbook) -> None:
    clock = Clock()
    s = session(workbook, clock, repeat_seconds=2)
    assert s.press(kiosk.CSAT, 3).press is Press.SAVED
    clock.wait(2.01)
    assert s.press(kiosk.CSAT, 3).press is Press.SAVED
    with pytest.raises(ValidationError):
        s.press(kiosk.CSAT, 6)
    with pytest.raises(ValidationError):
        s.press(kiosk.NPS, 11)


def test_both_scales_make_one_vote_and_a_double_tap_is_not_the_second_answer(
    workbook: Workbook,
) -> None:
    clock = Clock()
    s = session(workbook, clock, scales=kiosk.BOTH)
    assert s.press(kiosk.CSAT, 4).press is Press.SAVED
    clock.wait(0.2)
    assert s.press(kiosk.NPS, 4).press is Press.IGNORED  # the same finger, too soon
    clock.wait(1.5)
    outcome = s.press(kiosk.NPS, 9)
    assert outcome.press is Press.ADDED
    assert workbook.query("SELECT csat, nps FROM kiosk_votes") == [{"csat": 4, "nps": 9}]
    clock.wait(1)
    assert s.press(kiosk.CSAT, 5).press is Press.IGNORED  # within 5 s of the vote
    assert s.votes == 1


def test_a_low_scores_answer_becomes_an_open_kiosk_complaint(workbook: Workbook) -> None:
    clock = Clock()
    s = session(workbook, clock, scales=kiosk.BOTH, low_csat=2, low_nps=6)
    low = s.press(kiosk.CSAT, 2)
    assert low.low
    clock.wait(1)
    assert s.press(kiosk.NPS, 10).low  # still low: the faces said so
    item_id = s.answer_follow_up(low.vote_id, "  The queue was <very> long & slow  ")
    assert item_id is not None
    item = feedback.get_item(workbook, item_id)
    assert (item.kind, item.channel, item.status, item.text, item.received_on) == (
        "complaint",
        "kiosk",
        "open",
        "The queue was <very> long & slow",
        FIXED_TODAY.isoformat(),
    )
    assert item.customer == ""  # nothing personal is asked
    assert workbook.query_one("SELECT feedback_item_id FROM kiosk_votes") == {
        "feedback_item_id": item_id
    }
    assert s.answer_follow_up(low.vote_id, "   ") is None  # Skip
    clock.wait(6)
    assert not s.press(kiosk.CSAT, 3).low
    assert s.press is not None
    clock.wait(6)
    assert not session(workbook, clock, follow_up=False).press(kiosk.CSAT, 1).low


def test_a_failed_write_keeps_the_vote_and_saves_it_later(workbook: Workbook) -> None:
    clock = Clock()
    s = session(workbook, clock)
    (pages,) = workbook.conn.execute("PRAGMA page_count").fetchone()
    workbook.conn.execute(f"PRAGMA max_page_count = {pages}")
    # Fill the last page so the next row needs a new one.
    try:
        for _ in range(200):
            workbook.conn.execute(
                "INSERT INTO kiosk_votes (voted_at, csat) VALUES ('2026-11-01 10:00:00', 5)"
            )
            workbook.conn.commit()
    except Exception:
        workbook.conn.rollback()
    before = workbook.query_one("SELECT count(*) AS n FROM kiosk_votes")
    outcome = s.press(kiosk.CSAT, 5)
    assert outcome.press is Press.UNSAVED and s.unsaved == 1
    # The failed write reopened the connection (SQLite rolls the hot journal back): still
    # full.
    workbook.conn.execute(f"PRAGMA max_page_count = {pages}")
    assert not s.flush() and s.unsaved == 1
    workbook.conn.execute("PRAGMA max_page_count = 1073741823")
    assert s.flush() and s.unsaved == 0
    after = workbook.query_one("SELECT count(*) AS n FROM kiosk_votes")
    assert before and after and after["n"] == before["n"] + 1


def test_one_kiosk_per_workbook_and_the_app_can_open_it_too(tmp_path: Path) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    app = Workbook.open(path)
    first = open_for_kiosk(path)  # beside the app
    try:
        with pytest.raises(WorkbookError, match="already running"):
            open_for_kiosk(path)
    finally:
        first.close()
        app.close()
    open_for_kiosk(path).close()  # released


def add_votes(wb: Workbook, clock: Clock, scale: str, scores: list[int]) -> None:
    s = session(wb, clock, scales=scale, follow_up=False)
    for score in scores:
        assert s.press(scale, score).counted
        clock.wait(6)


def test_votes_make_the_months_csat_and_nps_with_their_counts(workbook: Workbook) -> None:
    clock = Clock()
    add_votes(workbook, clock, kiosk.CSAT, [5, 5, 4, 3, 1])
    add_votes(workbook, clock, kiosk.NPS, [10, 9, 8, 6, 0])
    votes = kiosk_kpis.month_votes(workbook, MONTH)
    assert votes.csat == {"satisfied": 3, "total": 5}
    assert votes.nps == {"promoters": 2, "passives": 1, "detractors": 2}
    assert kiosk_kpis.refresh(workbook) == [f"{MONTH} csat", f"{MONTH} nps"]
    csat = kpi_entries.get_entry(workbook, kpi_id(workbook, "csat"), MONTH)
    nps = kpi_entries.get_entry(workbook, kpi_id(workbook, "nps"), MONTH)
    assert csat and csat.value == pytest.approx(60.0)
    assert csat.counts == {"satisfied": 3, "total": 5, "kiosk_satisfied": 3, "kiosk_total": 5}
    assert nps and nps.value == pytest.approx(0.0)
    assert kiosk_kpis.counts_note(csat, "csat") == "All 5 answers came from the counter kiosk."
    assert kiosk_kpis.refresh(workbook) == []  # up to date: nothing written
    add_votes(workbook, clock, kiosk.CSAT, [5])
    kiosk_kpis.refresh(workbook)
    csat = kpi_entries.get_entry(workbook, kpi_id(workbook, "csat"), MONTH)
    assert csat and csat.counts and csat.counts["total"] == 6
    assert csat.value == pytest.approx(4 / 6 * 100)


def test_a_typed_value_is_never_overwritten_and_the_owner_chooses(workbook: Workbook) -> None:
    csat_id, nps_id = kpi_id(workbook, "csat"), kpi_id(workbook, "nps")
    kpi_entries.set_entry(workbook, csat_id, MONTH, 91, "typed", today=FIXED_TODAY)
    kpi_entries.set_entry_from_counts(
        workbook,
        nps_id,
        MONTH,
        {"promoters": 6, "passives": 2, "detractors": 2},
        today=FIXED_TODAY,
    )
    clock = Clock()
    add_votes(workbook, clock, kiosk.BOTH, [])
    s = session(workbook, clock, scales=kiosk.BOTH, follow_up=False)
    for face, score in ((5, 10), (2, 3)):
        s.press(kiosk.CSAT, face)
        clock.wait(1)
        s.press(kiosk.NPS, score)
        clock.wait(6)
    assert kiosk_kpis.refresh(workbook) == []
    assert kpi_entries.get_entry(workbook, csat_id, MONTH).value == 91  # type: ignore[union-attr]
    waiting = {w.kpi.key: w for w in kiosk_kpis.waiting(workbook)}
    assert set(waiting) == {"csat", "nps"}
    assert not waiting["csat"].can_add and waiting["nps"].can_add
    assert "2 kiosk votes" in waiting["csat"].describe()
    with pytest.raises(ValidationError, match="typed as a value"):
        kiosk_kpis.add_votes(workbook, csat_id, MONTH)
    value = kiosk_kpis.add_votes(workbook, nps_id, MONTH)
    nps = kpi_entries.get_entry(workbook, nps_id, MONTH)
    assert nps and nps.counts == {
        "promoters": 7,
        "passives": 2,
        "detractors": 3,
        "kiosk_promoters": 1,
        "kiosk_passives": 0,
        "kiosk_detractors": 1,
    }
    assert value == pytest.approx((7 - 3) / 12 * 100)
    assert kiosk_kpis.counts_note(nps, "nps") == "Of these, 2 answers came from the counter kiosk."
    kiosk_kpis.keep_apart(workbook, csat_id, MONTH)
    assert kiosk_kpis.waiting(workbook) == []
    assert kpi_entries.get_entry(workbook, csat_id, MONTH).value == 91  # type: ignore[union-attr]
    kiosk_kpis.use_votes(workbook, csat_id, MONTH)
    csat = kpi_entries.get_entry(workbook, csat_id, MONTH)
    assert csat and csat.value == 50 and csat.note == "typed"
    assert workbook.undo() == f"Use the kiosk's votes for {csat_name(workbook)} for November 2026"
    assert kpi_entries.get_entry(workbook, csat_id, MONTH).value == 91  # type: ignore[union-attr]


def csat_name(wb: Workbook) -> str:
    row = wb.query_one("SELECT name FROM kpis WHERE key = 'csat'")
    assert row
    return str(row["name"])


def test_votes_by_day_and_by_hour(workbook: Workbook) -> None:
    clock = Clock()
    add_votes(workbook, clock, kiosk.CSAT, [5, 4])
    clock.wait(3 * 3600)  # midday
    add_votes(workbook, clock, kiosk.CSAT, [2, 1, 5])
    by_hour = kiosk_kpis.votes_by_hour(workbook, FIXED_TODAY, FIXED_TODAY)
    assert [(t.label, t.votes, t.low) for t in by_hour] == [("09", 2, 0), ("12", 3, 2)]
    assert by_hour[1].csat == pytest.approx(100 / 3)
    by_day = kiosk_kpis.votes_by_day(workbook, FIXED_TODAY, FIXED_TODAY)
    assert [(t.label, t.votes, t.satisfied) for t in by_day] == [(FIXED_TODAY.isoformat(), 5, 3)]
    assert kiosk_kpis.vote_span(workbook) == (FIXED_TODAY, FIXED_TODAY)
    assert kiosk_kpis.votes_by_day_and_hour(workbook, FIXED_TODAY, FIXED_TODAY) == (
        by_day,
        by_hour,
    )


def test_the_demo_cafe_has_a_month_of_kiosk_votes_that_make_its_csat(
    demo_workbook: Workbook,
) -> None:
    last = f"{FIXED_TODAY.year}-{FIXED_TODAY.month - 1:02d}"
    votes = kiosk_kpis.month_votes(demo_workbook, last)
    assert votes.csat and 400 <= votes.csat["total"] <= 1500
    csat = kpi_entries.get_entry(demo_workbook, kpi_id(demo_workbook, "csat"), last)
    assert csat and csat.counts
    assert csat.counts["total"] == csat.counts["kiosk_total"] == votes.csat["total"]
    assert 80 < csat.value < 95 and "counter kiosk" in csat.note
    nps = kpi_entries.get_entry(demo_workbook, kpi_id(demo_workbook, "nps"), last)
    assert nps and not kiosk_kpis.from_kiosk(nps)  # the survey cards', kept apart
    assert kiosk_kpis.waiting(demo_workbook) == []
    by_hour = {t.label: t for t in kiosk_kpis.votes_by_hour(demo_workbook, *_span(demo_workbook))}
    worst = min(by_hour.values(), key=lambda t: t.csat or 100)
    assert worst.label in ("12", "13")  # the lunch rush
    linked = demo_workbook.query(
        "SELECT f.channel, f.status FROM kiosk_votes v JOIN feedback_items f "
        "ON f.id = v.feedback_item_id"
    )
    assert linked == [{"channel": "kiosk", "status": "resolved"}] * 2
    assert kiosk_kpis.refresh(demo_workbook) == []  # up to date


def _span(wb: Workbook) -> tuple[dt.date, dt.date]:
    span = kiosk_kpis.vote_span(wb)
    assert span
    return span


def test_the_overview_asks_for_the_owners_choice(workbook: Workbook) -> None:
    from cscoach.model import overview

    csat = kpi_id(workbook, "csat")
    kpi_entries.set_entry(workbook, csat, MONTH, 88, today=FIXED_TODAY)
    add_votes(workbook, Clock(), kiosk.CSAT, [5, 2])
    steps = [
        s for s in overview.overview(workbook, today=FIXED_TODAY).next_steps if s.kind == "kiosk"
    ]
    assert [(s.page, s.text) for s in steps] == [
        (
            "kpis",
            f"Choose what to do with the kiosk's votes for {csat_name(workbook)}, November 2026",
        )
    ]
    kiosk_kpis.keep_apart(workbook, csat, MONTH)
    steps = [
        s for s in overview.overview(workbook, today=FIXED_TODAY).next_steps if s.kind == "kiosk"
    ]
    assert steps == []


def test_votes_go_on_after_the_app_restores_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    app = Workbook.open(path)
    backup = app.path.parent / "backups"
    from cscoach.model import backups

    saved = backups.make_backup(app.conn, app.path, reason="manual")
    clock = Clock()
    wb = open_for_kiosk(path)
    try:
        s = session(wb, clock)
        assert s.press(kiosk.CSAT, 5).press is Press.SAVED
        app.restore_from(saved)  # the session's row is gone with it
        clock.wait(6)
        assert s.press(kiosk.CSAT, 4).press is Press.SAVED
        assert wb.query("SELECT csat FROM kiosk_votes") == [{"csat": 4}]
    finally:
        wb.close()
        app.close()
    assert backup.is_dir()
