"""The kiosk and the app on one workbook at once: a kiosk process votes while the app
writes; neither loses a vote or an edit, and two apps are still kept apart."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import feedback_edit, kiosk_kpis
from cscoach.model.errors import WorkbookLockedError
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook

VOTES = 150

VOTER = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from cscoach.model import kiosk
    from cscoach.model.kiosk_votes import KioskSession, Press, open_for_kiosk

    tick = [0.0]
    def monotonic():
        tick[0] += 10.0  # every press comes after the repeat guard
        return tick[0]

    day = dt.datetime.fromisoformat(sys.argv[2])
    wb = open_for_kiosk(Path(sys.argv[1]))
    session = KioskSession(
        wb, kiosk.KioskSettings(follow_up=False), now=lambda: day, monotonic=monotonic
    )
    print("ready", flush=True)
    for n in range(int(sys.argv[3])):
        outcome = session.press(kiosk.CSAT, 1 + n % 5)
        assert outcome.press is Press.SAVED, outcome
    session.end()
    wb.close()
    print("done", flush=True)
    """
)


def test_votes_while_the_app_writes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    app = Workbook.open(path)
    with pytest.raises(WorkbookLockedError):
        Workbook.open(path)  # the one-writer rule still holds between two apps
    stamp = app.change_stamp()
    script = tmp_path / "voter.py"
    script.write_text(VOTER)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    when = f"{FIXED_TODAY.isoformat()}T10:30:00"
    voter = subprocess.Popen(
        [sys.executable, str(script), str(path), when, str(VOTES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert voter.stdout is not None
    assert voter.stdout.readline().strip() == "ready"
    added = 0
    try:
        while voter.poll() is None or added < 20:
            feedback_edit.add_item(
                app,
                FeedbackInput(FIXED_TODAY, "compliment", f"Lovely scones {added}"),
                today=FIXED_TODAY,
            )
            added += 1
        out, err = voter.communicate(timeout=60)
    finally:
        if voter.poll() is None:
            voter.kill()
    assert voter.returncode == 0, err
    assert out.strip() == "done"
    assert app.query_one("SELECT count(*) AS n FROM kiosk_votes") == {"n": VOTES}
    texts = {r["text"] for r in app.query("SELECT text FROM feedback_items")}
    assert {f"Lovely scones {n}" for n in range(added)} <= texts
    assert app.change_stamp() != stamp  # the app notices the kiosk's commits
    # The kiosk's rows are not the app's to undo.
    assert all("kiosk" not in (s.label or "").lower() for s in app.history.undo_steps)
    # The votes become the month's CSAT, written by the app this time.
    assert kiosk_kpis.refresh(app) == [f"{FIXED_TODAY:%Y-%m} csat"]
    app.close()


KILLED_VOTER = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from cscoach.model import kiosk
    from cscoach.model.kiosk_votes import KioskSession, Press, open_for_kiosk

    tick = [0.0]
    def monotonic():
        tick[0] += 10.0
        return tick[0]

    wb = open_for_kiosk(Path(sys.argv[1]))
    session = KioskSession(
        wb, kiosk.KioskSettings(follow_up=False),
        now=lambda: dt.datetime(2026, 11, 22, 10, 0), monotonic=monotonic,
    )
    n = 0
    while True:
        outcome = session.press(kiosk.CSAT, 1 + n % 5)
        assert outcome.press is Press.SAVED
        print(outcome.vote_id, flush=True)  # only once committed
        n += 1
    """
)


@pytest.mark.parametrize("after", [1, 7, 23])
def test_kill_9_loses_at_most_the_vote_being_pressed(tmp_path: Path, after: int) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    script = tmp_path / "voter.py"
    script.write_text(KILLED_VOTER)
    root = Path(__file__).resolve().parents[2]
    voter = subprocess.Popen(
        [sys.executable, str(script), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert voter.stdout is not None
    saved = [int(voter.stdout.readline()) for _ in range(after)]
    voter.kill()  # SIGKILL, at whatever point the next vote has reached
    saved += [int(line) for line in voter.stdout.read().split()]
    voter.wait()
    with Workbook.open(path) as wb:  # rolls back a vote cut off half-way
        ids = {r["id"] for r in wb.query("SELECT id FROM kiosk_votes")}
        assert wb.query_one("PRAGMA integrity_check") == {"integrity_check": "ok"}
    assert set(saved) <= ids
    assert len(ids) - len(saved) <= 1  # at most the one pressed when it was killed
