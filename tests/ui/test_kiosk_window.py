"""The counter kiosk's window, driven by keys and clicks as a customer and the owner would;
the votes are checked in the workbook. The session's clocks are fake, the screens' waits
short."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt

from cscoach.model import feedback, kiosk
from cscoach.model.kiosk_votes import KioskSession, open_for_kiosk
from cscoach.model.workbook import Workbook
from cscoach.ui.kiosk import setup, start
from cscoach.ui.kiosk.window import KioskWindow, Timings

PIN = "2468"
FAST = Timings(thanks=60, follow_up=120, second_question=120, pin=2000, retry=50, pin_pause=300)


class Clock:
    def __init__(self) -> None:
        self.seconds = 100.0

    def now(self) -> dt.datetime:
        return dt.datetime.combine(FIXED_TODAY, dt.time(12, 0)) + dt.timedelta(seconds=self.seconds)

    def monotonic(self) -> float:
        return self.seconds


@pytest.fixture
def kiosk_wb(tmp_path: Path) -> Iterator[Workbook]:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    wb = open_for_kiosk(path)
    kiosk.set_pin(wb, PIN)
    yield wb
    wb.close()


def make_window(qtbot, wb: Workbook, clock: Clock, **settings: object) -> KioskWindow:  # noqa: ANN001
    chosen = kiosk.KioskSettings(**settings)  # type: ignore[arg-type]
    session = KioskSession(wb, chosen, now=clock.now, monotonic=clock.monotonic)
    window = KioskWindow(wb, session=session, timings=FAST)
    # At the end of the test the owner leaves (a locked kiosk refuses to close).
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "unlocked", True))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def votes(wb: Workbook) -> list[tuple[int | None, int | None]]:
    return [(r["csat"], r["nps"]) for r in wb.query("SELECT csat, nps FROM kiosk_votes")]


def test_keys_vote_the_guard_ignores_repeats_and_the_screen_resets(qtbot, kiosk_wb) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock)
    assert window.stack.currentWidget() is window.faces_page
    assert window.question.text() == "How was your visit today?"
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert votes(kiosk_wb) == [(4, None)]  # saved at once
    assert window.stack.currentWidget() is window.thanks_page
    for key in (Qt.Key.Key_5, Qt.Key.Key_5, Qt.Key.Key_1):  # mashing the thank-you
        qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    clock.seconds += 1  # still within the 5 seconds
    qtbot.keyClick(window, Qt.Key.Key_5)
    assert votes(kiosk_wb) == [(4, None)]
    clock.seconds += 5  # the guard is waited out
    qtbot.mouseClick(window.faces[4], Qt.MouseButton.LeftButton)
    assert votes(kiosk_wb) == [(4, None), (5, None)]
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # nothing
    assert (window.session.votes, window.session.ignored) == (2, 4)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_9)  # not a face: ignored
    assert window.session.ignored == 5
    assert window.isVisible()


def test_closing_needs_the_owners_pin_and_leaving_shows_the_count(qtbot, kiosk_wb) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock)
    qtbot.keyClick(window, Qt.Key.Key_3)
    window.close()  # Alt+F4 or the window's close button
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    qtbot.mouseClick(window.staff_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pin_page
    for key in "1111":
        qtbot.mouseClick(window.pin_keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_keys["OK"], Qt.MouseButton.LeftButton)
    assert window.pin_error.text() == "That is not the PIN. Try again."
    window.close()
    assert window.isVisible()
    for key in (Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_6, Qt.Key.Key_8):
        qtbot.keyClick(window, key)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.summary_page
    assert window.summary.text().startswith("1 customer answered since")
    assert "0 presses were not counted (within 5 seconds" in window.summary.text()
    ended = kiosk_wb.query_one("SELECT ended_at FROM kiosk_sessions")
    assert ended and ended["ended_at"]
    with qtbot.waitSignal(window.closing, timeout=1000):
        window.close()
    assert not window.isVisible()


def test_a_low_score_asks_what_could_be_better_and_the_answer_is_a_complaint(
    qtbot, kiosk_wb
) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock)
    qtbot.mouseClick(window.faces[0], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.follow_up_page
    qtbot.keyClicks(window.answer, "Cold coffee <again> & slow")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.thanks_page
    items = feedback.list_items(kiosk_wb)
    kiosk_items = [i for i in items if i.channel == "kiosk"]
    assert [(i.kind, i.text, i.status) for i in kiosk_items] == [
        ("complaint", "Cold coffee <again> & slow", "open")
    ]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    clock.seconds += 6
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.stack.currentWidget() is window.follow_up_page
    qtbot.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)  # Skip: no complaint
    assert window.stack.currentWidget() is window.thanks_page
    assert len([i for i in feedback.list_items(kiosk_wb) if i.channel == "kiosk"]) == 1


def test_an_unanswered_follow_up_resets_by_itself(qtbot, kiosk_wb) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock)
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert window.stack.currentWidget() is window.follow_up_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    assert votes(kiosk_wb) == [(1, None)]
    assert feedback.list_items(kiosk_wb) == [] or all(
        i.channel != "kiosk" for i in feedback.list_items(kiosk_wb)
    )


def test_both_scales_in_sequence_by_touch_and_keys(qtbot, kiosk_wb) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock, scales=kiosk.BOTH)
    qtbot.mouseClick(window.faces[3], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.nps_page
    clock.seconds += 1
    qtbot.mouseClick(window.numbers[10], Qt.MouseButton.LeftButton)
    assert votes(kiosk_wb) == [(4, 10)]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    clock.seconds += 6
    qtbot.keyClick(window, Qt.Key.Key_5)
    clock.seconds += 1
    qtbot.keyClick(window, Qt.Key.Key_7)
    assert votes(kiosk_wb) == [(4, 10), (5, 7)]
    # Walking away after the faces: the 0-10 is not waited for for ever.
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    clock.seconds += 6
    qtbot.keyClick(window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    assert votes(kiosk_wb)[-1] == (4, None)


def test_a_full_disk_shows_a_calm_screen_and_the_vote_is_saved_later(qtbot, kiosk_wb) -> None:
    clock = Clock()
    window = make_window(qtbot, kiosk_wb, clock)
    real = window.session._insert
    failing = {"on": True}

    def insert(*args):  # noqa: ANN002, ANN202
        if failing["on"]:
            from cscoach.model.kiosk_votes import _SaveFailed

            raise _SaveFailed("database or disk is full")
        return real(*args)

    window.session._insert = insert  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_5)
    assert window.stack.currentWidget() is window.unsaved_page
    failing["on"] = False
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.faces_page, timeout=2000)
    assert votes(kiosk_wb) == [(5, None)]


def test_the_setup_asks_for_a_pin_on_first_start(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "new.cscoach"
    Workbook.create(path, "Corner Café").close()
    wb = open_for_kiosk(path)
    try:
        dialog = setup.KioskSetupDialog(wb)
        qtbot.addWidget(dialog)
        dialog.accept()  # no PIN yet
        assert dialog.error.text() == "The PIN must be 4 to 8 digits (0–9)."
        dialog.pin.setText("1357")
        dialog.again.setText("1358")
        dialog.accept()
        assert "not the same" in dialog.error.text()
        dialog.again.setText("1357")
        dialog.question.setText("How was your haircut?")
        dialog.scales.setCurrentIndex(kiosk.SCALES.index(kiosk.BOTH))
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert kiosk.pin_matches(wb, "1357")
        assert kiosk.get_settings(wb).question == "How was your haircut?"
        assert kiosk.get_settings(wb).scales == kiosk.BOTH
    finally:
        wb.close()


def test_the_menu_starts_the_kiosk_beside_the_app(qtbot, main_window, monkeypatch) -> None:
    monkeypatch.setattr(setup, "ask_setup", lambda _parent, wb: kiosk.set_pin(wb, PIN) or True)
    monkeypatch.setattr(start, "show_kiosk", lambda window, beside=None: window.show())
    main_window.kiosk_action.trigger()
    assert len(start._RUNNING) == 1
    window = start._RUNNING[0]
    qtbot.keyClick(window, Qt.Key.Key_5)
    assert main_window.wb is not None and not main_window.wb.read_only
    assert main_window.wb.query("SELECT csat FROM kiosk_votes") == [{"csat": 5}]
    window.pin_edit.setText(PIN)
    window.check_pin()
    window.close()
    assert start._RUNNING == []


def test_five_wrong_pins_pause_the_pad(qtbot, kiosk_wb) -> None:
    window = make_window(qtbot, kiosk_wb, Clock())
    window.show_pin_pad()
    for _ in range(5):
        window.pin_edit.setText("0000")
        window.check_pin()
    assert not window.pin_pad.isEnabled()
    assert window.pin_error.text().startswith("Too many wrong PINs.")
    window.pin_edit.setText(PIN)
    window.check_pin()  # not even the right one while paused
    assert window.stack.currentWidget() is window.pin_page and not window.unlocked
    qtbot.waitUntil(window.pin_pad.isEnabled, timeout=2000)
    window.pin_edit.setText(PIN)
    window.check_pin()
    assert window.unlocked
