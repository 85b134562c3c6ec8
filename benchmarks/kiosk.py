"""The counter kiosk under load (issue 21): 10,000 votes in a day, each saved in its own
transaction with the app holding the same workbook open, then a month of 10,000 votes a
day (300,000) and what it costs the KPI page.

    .venv/bin/python benchmarks/kiosk.py [--votes N] [--keep]

Prints JSON: a vote's save time (median, 95th percentile, worst, in ms), the month's
refresh, the Kiosk tab's reads, and the KPI page's first show with and without the month
of votes (offscreen Qt). Runs in a temporary folder on the same disk as /tmp; nothing
touches your own data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = dt.date(2026, 11, 22)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def vote_day(path: Path, votes: int) -> dict:
    from cscoach.model import kiosk
    from cscoach.model.kiosk_votes import KioskSession, Press, open_for_kiosk
    from cscoach.model.workbook import Workbook

    app = Workbook.open(path)  # the app has it open meanwhile
    wb = open_for_kiosk(path)
    clock = [0.0]
    start = dt.datetime.combine(TODAY, dt.time(7, 0))
    session = KioskSession(
        wb,
        kiosk.KioskSettings(follow_up=False),
        now=lambda: start + dt.timedelta(seconds=clock[0]),
        monotonic=lambda: clock[0],
    )
    rng = random.Random(1)
    times = []
    for _ in range(votes):
        clock[0] += 5.5  # 10,000 customers in about 15 hours
        t = time.perf_counter()
        outcome = session.press(kiosk.CSAT, rng.choice((3, 4, 4, 5, 5)))
        times.append(time.perf_counter() - t)
        assert outcome.press is Press.SAVED
    session.end()
    wb.close()
    app.close()
    times.sort()
    return {
        "votes": votes,
        "vote_ms_median": ms(statistics.median(times)),
        "vote_ms_p95": ms(times[int(len(times) * 0.95)]),
        "vote_ms_max": ms(times[-1]),
    }


def add_month(path: Path, per_day: int) -> int:
    """A month of votes (the one before TODAY's), written in bulk."""
    import sqlite3

    conn = sqlite3.connect(path)
    rng = random.Random(2)
    rows = []
    day = dt.date(2026, 10, 1)
    while day.month == 10:
        for _ in range(per_day):
            second = rng.randint(7 * 3600, 18 * 3600 - 1)
            clock = dt.time(second // 3600, second % 3600 // 60, second % 60)
            at = f"{day.isoformat()} {clock.isoformat()}"
            rows.append((at, rng.choice((1, 2, 3, 4, 4, 5, 5, 5)), rng.choice((None, 6, 8, 9, 10))))
        day += dt.timedelta(days=1)
    conn.executemany("INSERT INTO kiosk_votes (voted_at, csat, nps) VALUES (?, ?, ?)", rows)
    conn.commit()
    conn.close()
    return len(rows)


def model_reads(path: Path) -> dict:
    from cscoach.model import kiosk_kpis
    from cscoach.model.workbook import Workbook

    out = {}
    with Workbook.open(path) as wb:
        for name, call in (
            ("months_with_votes", lambda: kiosk_kpis.months_with_votes(wb)),
            ("refresh_month", lambda: kiosk_kpis.refresh(wb, ["2026-10"])),
            (
                "refresh_dry_run_2_months",
                lambda: kiosk_kpis.refresh(wb, ["2026-10", "2026-11"], dry_run=True),
            ),
            ("waiting", lambda: kiosk_kpis.waiting(wb)),
            (
                "votes_by_day_and_hour_month",
                lambda: kiosk_kpis.votes_by_day_and_hour(
                    wb, dt.date(2026, 10, 1), dt.date(2026, 10, 31)
                ),
            ),
        ):
            t = time.perf_counter()
            call()
            out[f"{name}_ms"] = ms(time.perf_counter() - t)
    return out


def kpi_page(path: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cscoach.model.workbook import Workbook
    from cscoach.ui.app import create_application
    from cscoach.ui.pages.kpis.page import KpisPage

    app = create_application()
    assert isinstance(app, QApplication)
    with Workbook.open(path) as wb:
        warm = KpisPage(wb, today=TODAY)  # imports and matplotlib's warm-up out of the way
        warm.show()
        for _ in range(50):
            app.processEvents()
        warm.close()
        warm.deleteLater()
        app.processEvents()
        t = time.perf_counter()
        page = KpisPage(wb, today=TODAY)
        page.resize(1200, 800)
        page.show()
        app.processEvents()
        first = time.perf_counter() - t
        t = time.perf_counter()
        page.tabs.setCurrentWidget(page.kiosk)
        app.processEvents()
        tab = time.perf_counter() - t
        t = time.perf_counter()
        page.reload()
        app.processEvents()
        again = time.perf_counter() - t
        page.close()
        page.deleteLater()
        app.processEvents()
    return {
        "kpi_page_first_ms": ms(first),
        "kiosk_tab_ms": ms(tab),
        "kpi_page_reload_ms": ms(again),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--votes", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cscoach-kiosk-bench-"))
    os.environ["CSCOACH_DATA_DIR"] = str(folder / "data")
    from cscoach.model.demo import create_demo

    path = folder / "demo.cscoach"
    create_demo(path, today=TODAY)
    result: dict = {"day": vote_day(path, args.votes)}
    print(json.dumps(result), file=sys.stderr, flush=True)
    result["kpi_page_demo"] = kpi_page(path)
    result["month_votes_added"] = add_month(path, 10_000)
    result["model_month_of_10000_a_day"] = model_reads(path)
    result["kpi_page_with_month"] = kpi_page(path)
    result["workbook_mb"] = round(path.stat().st_size / 1e6, 1)
    print(json.dumps(result, indent=2))
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
