"""The counter kiosk's full-screen window: one question, five faces and/or 0 to 10, a
thank-you, an optional "What could we do better?" after a low score, and the owner's PIN
pad to leave. Every press goes to a ``KioskSession`` (``cscoach.model.kiosk_votes``),
which saves it at once; the window only shows what comes next.

Customers cannot leave it: closing (Alt+F4, the window's close button) and Esc do nothing;
only the owner's PIN, typed on the pad behind the small *Staff* button, closes it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from cscoach.model import kiosk, kiosk_kpis
from cscoach.model.errors import ValidationError
from cscoach.model.kiosk_votes import KioskSession, Outcome, Press
from cscoach.model.workbook import Workbook
from cscoach.ui import style
from cscoach.ui.kiosk.faces import FaceButton, NumberButton
from cscoach.ui.widgets import Stretch, hbox, vbox

_PIN_KEYS: dict[int, str] = {
    Qt.Key.Key_Return.value: "OK",
    Qt.Key.Key_Enter.value: "OK",
    Qt.Key.Key_Backspace.value: "⌫",
}
REFRESH_SECONDS = 60  # how often the month's CSAT and NPS are brought up to date
WRONG_PINS = 5  # wrong PINs in a row before the pad pauses


@dataclass(frozen=True)
class Timings:
    """How long each screen waits, in milliseconds (tests make them short)."""

    thanks: int = 4000  # the thank-you, then the question again
    follow_up: int = 20000  # "What could we do better?" unanswered
    second_question: int = 20000  # the 0-10 after the faces, unanswered
    pin: int = 20000  # the PIN pad left alone
    pin_pause: int = 30000  # the PIN pad after five wrong PINs in a row
    retry: int = 5000  # trying again to save votes that could not be saved


def _label(text: str, name: str, role: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if role:
        label.setProperty("kioskRole", role)
    return label


class KioskWindow(QWidget):
    """The kiosk on ``wb`` (opened with ``open_for_kiosk``). ``left(votes, ignored)`` is
    emitted when the owner leaves with the PIN; the window then shows the count and closes
    when the owner presses *Close*."""

    left = Signal(int, int)
    closing = Signal()  # the owner closed it after leaving

    def __init__(
        self,
        wb: Workbook,
        *,
        session: KioskSession | None = None,
        timings: Timings | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Counter kiosk — CS Coach")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.wb = wb
        self.settings = session.settings if session else kiosk.get_settings(wb)
        self.session = session or KioskSession(wb, self.settings)
        self.timings = timings or Timings()
        self.unlocked = False
        self.started = time.strftime("%H:%M")
        self._last_outcome: Outcome | None = None
        self._last_refresh = time.monotonic()

        self.stack = QStackedWidget()
        self.stack.setObjectName("kioskStack")
        self.faces_page = self._faces_page()
        self.nps_page = self._nps_page()
        self.thanks_page = self._thanks_page()
        self.follow_up_page = self._follow_up_page()
        self.unsaved_page = self._unsaved_page()
        self.pin_page = self._pin_page()
        self.summary_page = self._summary_page()
        for page in (
            self.faces_page,
            self.nps_page,
            self.thanks_page,
            self.follow_up_page,
            self.unsaved_page,
            self.pin_page,
            self.summary_page,
        ):
            self.stack.addWidget(page)
        self.staff_button = QPushButton("Staff")
        self.staff_button.setObjectName("kioskStaffButton")
        self.staff_button.setAccessibleName("Staff: leave the kiosk with the PIN")
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_button.setFlat(True)
        self.staff_button.clicked.connect(self.show_pin_pad)
        vbox(self.stack, parent=self)
        self.staff_button.setParent(self)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self._wrong_pins = 0
        self.pin_pause_timer = QTimer(self)
        self.pin_pause_timer.setSingleShot(True)
        self.pin_pause_timer.timeout.connect(self._pin_pause_over)
        self.retry_timer = QTimer(self)
        self.retry_timer.timeout.connect(self._retry)
        self.setStyleSheet(self._style())
        style.notifier().changed.connect(self._restyle)  # a method: dropped with the window
        self.come_back_timer = QTimer(self)
        self.come_back_timer.setSingleShot(True)
        self.come_back_timer.setInterval(300)
        self.come_back_timer.timeout.connect(self._come_back)
        self.reset()

    # -- the pages ----------------------------------------------------------------------

    def _faces_page(self) -> QWidget:
        page = QWidget()
        self.question = _label(self.settings.question, "kioskQuestion", "question")
        self.faces = [FaceButton(score) for score in range(1, 6)]
        for face in self.faces:
            face.clicked.connect(lambda _c=False, s=face.score: self.vote(kiosk.CSAT, s))
        hint = _label("Tap a face. Your answer is anonymous.", "kioskHint", "hint")
        row = hbox(*self.faces, spacing=24)
        vbox(
            Stretch(2),
            self.question,
            Stretch(1),
            row,
            Stretch(1),
            hint,
            Stretch(1),
            parent=page,
            margins=(48, 24, 48, 24),
        )
        return page

    def _nps_page(self) -> QWidget:
        page = QWidget()
        self.nps_question = _label(kiosk.NPS_QUESTION, "kioskNpsQuestion", "question")
        self.numbers = [NumberButton(str(n), f"kioskScore{n}") for n in range(11)]
        for n, button in enumerate(self.numbers):
            button.setAccessibleName(f"{n} of 10")
            button.clicked.connect(lambda _c=False, s=n: self.vote(kiosk.NPS, s))
        ends = hbox(
            _label("0 = not at all likely", "kioskNpsLow", "hint", wrap=False),
            Stretch(1),
            _label("10 = extremely likely", "kioskNpsHigh", "hint", wrap=False),
        )
        row = hbox(*self.numbers, spacing=12)
        vbox(
            Stretch(2),
            self.nps_question,
            Stretch(1),
            row,
            ends,
            Stretch(2),
            parent=page,
            margins=(36, 24, 36, 24),
            spacing=14,
        )
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        vbox(
            Stretch(1),
            _label("Thank you!", "kioskThanks", "big"),
            _label("Your answer helps us do better.", "kioskThanksLine", "line"),
            Stretch(1),
            parent=page,
            margins=(48, 24, 48, 24),
            spacing=16,
        )
        return page

    def _follow_up_page(self) -> QWidget:
        page = QWidget()
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("kioskAnswer")
        self.answer.setPlaceholderText("Type here if you like. No need to leave your name.")
        self.answer.setAccessibleName(kiosk.FOLLOW_UP_QUESTION)
        self.answer.textChanged.connect(self._typing)
        self.answer_error = _label("", "kioskAnswerError", "error")
        self.answer_error.hide()
        self.send_button = QPushButton("Send")
        self.send_button.setObjectName("kioskSend")
        self.send_button.clicked.connect(self.send_answer)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setObjectName("kioskSkip")
        self.skip_button.clicked.connect(self.skip_answer)
        for b in (self.send_button, self.skip_button):
            b.setProperty("kioskRole", "action")
        vbox(
            Stretch(1),
            _label("Sorry to hear that.", "kioskSorry", "line"),
            _label(kiosk.FOLLOW_UP_QUESTION, "kioskFollowUp", "question"),
            self.answer,
            self.answer_error,
            hbox(Stretch(1), self.skip_button, self.send_button, spacing=24),
            Stretch(1),
            parent=page,
            margins=(96, 24, 96, 24),
            spacing=16,
        )
        return page

    def _unsaved_page(self) -> QWidget:
        page = QWidget()
        vbox(
            Stretch(1),
            _label("We cannot save answers just now.", "kioskUnsaved", "big"),
            _label("Please tell a member of staff. Thank you!", "kioskUnsavedLine", "line"),
            Stretch(1),
            parent=page,
            margins=(48, 24, 48, 24),
            spacing=16,
        )
        return page

    def _pin_page(self) -> QWidget:
        page = QWidget()
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("kioskPin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setMaxLength(kiosk.PIN_MAX)
        self.pin_edit.setAccessibleName("PIN")
        self.pin_edit.returnPressed.connect(self.check_pin)
        self.pin_edit.textEdited.connect(lambda _t: self._pin_message(""))
        self.pin_error = _label("", "kioskPinError", "error")
        pad = QGridLayout()
        pad.setSpacing(12)
        keys = [*"123456789", "⌫", "0", "OK"]
        self.pin_keys: dict[str, NumberButton] = {}
        for i, key in enumerate(keys):
            name = {"⌫": "kioskPinBack", "OK": "kioskPinOk"}.get(key, f"kioskPin{key}")
            button = NumberButton(key, name)
            if key == "⌫":
                button.setAccessibleName("Delete a digit")
            button.clicked.connect(lambda _c=False, k=key: self._pin_key(k))
            pad.addWidget(button, i // 3, i % 3)
            self.pin_keys[key] = button
        cancel = QPushButton("Back to the question")
        cancel.setObjectName("kioskPinCancel")
        cancel.setProperty("kioskRole", "action")
        cancel.clicked.connect(self.reset)
        pad_widget = QWidget()
        pad_widget.setObjectName("kioskPinPad")
        pad_widget.setLayout(pad)
        self.pin_pad = pad_widget
        vbox(
            Stretch(1),
            _label("Staff only", "kioskPinTitle", "line"),
            _label("Enter the PIN to leave the kiosk.", "kioskPinLine", "hint"),
            hbox(Stretch(1), self.pin_edit, Stretch(1)),
            self.pin_error,
            hbox(Stretch(1), pad_widget, Stretch(1)),
            hbox(Stretch(1), cancel, Stretch(1)),
            Stretch(1),
            parent=page,
            margins=(48, 16, 48, 16),
            spacing=12,
        )
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.summary = _label("", "kioskSummary", "line")
        close = QPushButton("Close the Kiosk")
        close.setObjectName("kioskClose")
        close.setProperty("kioskRole", "action")
        close.clicked.connect(self.close)
        vbox(
            Stretch(1),
            _label("You have left the kiosk", "kioskClosed", "big"),
            self.summary,
            hbox(Stretch(1), close, Stretch(1)),
            Stretch(1),
            parent=page,
            margins=(48, 24, 48, 24),
            spacing=24,
        )
        return page

    # -- voting -------------------------------------------------------------------------

    def first_page(self) -> QWidget:
        return self.faces_page if self.settings.asks_csat else self.nps_page

    def reset(self) -> None:
        """Back to the question for the next customer."""
        self.timer.stop()
        self.session.customer_left()
        self.answer.clear()
        self.answer_error.hide()
        self.pin_edit.clear()
        self._pin_message("")
        self._last_outcome = None
        self._show(self.first_page())
        self._refresh_kpis()

    def vote(self, scale: str, score: int) -> None:
        """A face or a number was pressed (by touch, mouse or key)."""
        if self.stack.currentWidget() not in (self.faces_page, self.nps_page):
            self.session.stray_press()
            return
        outcome = self.session.press(scale, score)
        if outcome.press is Press.IGNORED:
            return
        if outcome.press is Press.UNSAVED:
            self._cannot_save()
            return
        self._last_outcome = outcome
        if outcome.press is Press.SAVED and scale == kiosk.CSAT and self.settings.asks_nps:
            self._show(self.nps_page)
            self.timer.start(self.timings.second_question)
            return
        self._after_vote(outcome)

    def _after_vote(self, outcome: Outcome) -> None:
        if outcome.low:
            self._show(self.follow_up_page)
            self.answer.setFocus()
            self.timer.start(self.timings.follow_up)
        else:
            self._thank()

    def _thank(self) -> None:
        self._show(self.thanks_page)
        self.timer.start(self.timings.thanks)

    def send_answer(self) -> None:
        vote_id = self._last_outcome.vote_id if self._last_outcome else None
        try:
            self.session.answer_follow_up(vote_id, self.answer.toPlainText())
        except ValidationError as exc:
            self.answer_error.setText(exc.message)
            self.answer_error.show()
            return
        self._thank()

    def skip_answer(self) -> None:
        self._thank()

    def _typing(self) -> None:
        if self.stack.currentWidget() is self.follow_up_page:
            self.timer.start(self.timings.follow_up)  # still typing: wait on

    def _timed_out(self) -> None:
        page = self.stack.currentWidget()
        if page is self.nps_page and self._last_outcome and self._last_outcome.low:
            self._after_vote(self._last_outcome)  # the faces were low: still ask
            return
        self.reset()

    def _cannot_save(self) -> None:
        self._show(self.unsaved_page)
        self.retry_timer.start(self.timings.retry)

    def _retry(self) -> None:
        if self.session.flush():
            self.retry_timer.stop()
            self.reset()

    def _refresh_kpis(self, *, now: bool = False) -> None:
        """Bring the month's CSAT and NPS up to date with the votes, at most once a minute
        (between customers: it reads the month's votes)."""
        if not now and time.monotonic() - self._last_refresh < REFRESH_SECONDS:
            return
        self._last_refresh = time.monotonic()
        kiosk_kpis.refresh_quietly(self.wb)

    # -- leaving ------------------------------------------------------------------------

    def show_pin_pad(self) -> None:
        self.pin_edit.clear()
        paused = not self.pin_pad.isEnabled()
        self._pin_message("Too many wrong PINs. Try again in a moment." if paused else "")
        self._show(self.pin_page)
        self.pin_edit.setFocus()
        self.timer.start(self.timings.pin)

    def _pin_key(self, key: str) -> None:
        if not self.pin_pad.isEnabled():
            return
        self.timer.start(self.timings.pin)
        self._pin_message("")
        if key == "OK":
            self.check_pin()
        elif key == "⌫":
            self.pin_edit.backspace()
        elif len(self.pin_edit.text()) < kiosk.PIN_MAX:
            self.pin_edit.insert(key)

    def _pin_message(self, text: str) -> None:
        self.pin_error.setText(text)
        self.pin_error.setVisible(bool(text))

    def check_pin(self) -> None:
        if not self.pin_pad.isEnabled():
            return
        if not kiosk.pin_matches(self.wb, self.pin_edit.text()):
            self.pin_edit.clear()
            self._wrong_pins += 1
            if self._wrong_pins >= WRONG_PINS:
                # Guessing 4 digits one after another is slowed down to nothing.
                self._wrong_pins = 0
                self.pin_pad.setEnabled(False)
                self.pin_edit.setEnabled(False)
                self.pin_pause_timer.start(self.timings.pin_pause)
                seconds = self.timings.pin_pause // 1000
                self._pin_message(f"Too many wrong PINs. Try again in {seconds} seconds.")
                self.timer.start(self.timings.pin_pause + self.timings.pin)
                return
            self._pin_message("That is not the PIN. Try again.")
            return
        self._wrong_pins = 0
        self.leave()

    def _pin_pause_over(self) -> None:
        self.pin_pad.setEnabled(True)
        self.pin_edit.setEnabled(True)
        self._pin_message("")

    def leave(self) -> None:
        """The owner's PIN was right: save what is left, show the count, allow closing."""
        self.timer.stop()
        self.retry_timer.stop()
        self.session.end()
        self._refresh_kpis(now=True)
        self.unlocked = True
        self.summary.setText(self.summary_text())
        self._show(self.summary_page)
        self.left.emit(self.session.votes, self.session.ignored)

    def summary_text(self) -> str:
        votes, ignored = self.session.votes, self.session.ignored
        lines = [
            f"{votes} {'customer' if votes == 1 else 'customers'} answered since {self.started}.",
            f"{ignored} {'press was' if ignored == 1 else 'presses were'} not counted "
            f"(within {self.settings.repeat_seconds} seconds of an answer).",
        ]
        if self.session.unsaved:
            lines.append(f"{self.session.unsaved} could not be saved: the disk is full.")
        return "\n".join(lines)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.unlocked:
            self.timer.stop()
            self.retry_timer.stop()
            self.come_back_timer.stop()
            event.accept()
            self.closing.emit()
            return
        event.ignore()  # Alt+F4, the close button: only the owner's PIN leaves

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        page = self.stack.currentWidget()
        digit = key - Qt.Key.Key_0 if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 else None
        if event.isAutoRepeat():
            return
        if page is self.pin_page and (digit is not None or key in _PIN_KEYS):
            self._pin_key(str(digit) if digit is not None else _PIN_KEYS[key])
            return
        if page is self.faces_page and digit is not None and 1 <= digit <= 5:
            self.vote(kiosk.CSAT, digit)
            return
        if page is self.nps_page and digit is not None:
            self.vote(kiosk.NPS, digit)
            return
        if page is self.nps_page and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.vote(kiosk.NPS, 10)
            return
        if page in (self.thanks_page, self.faces_page, self.nps_page) and digit is not None:
            self.session.stray_press()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and page in (self.faces_page, self.nps_page):
            self.focusNextPrevChild(key == Qt.Key.Key_Right)
            return
        event.accept()  # Esc and the rest: nothing

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and not self.isActiveWindow()
            and not self.unlocked
            and len(QGuiApplication.screens()) == 1
            and self.isVisible()
        ):
            # Alt+Tab on the only screen: come back (a second screen is the owner's).
            self.come_back_timer.start()

    def _restyle(self, _scheme: str = "") -> None:
        self.setStyleSheet(self._style())

    def _come_back(self) -> None:
        if not self.unlocked and self.isVisible():
            self.raise_()
            self.activateWindow()

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self.staff_button.setVisible(page in (self.faces_page, self.nps_page, self.thanks_page))
        self.setFocus()

    # -- size ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.setStyleSheet(self._style())
        side = self.staff_button.sizeHint()
        self.staff_button.setGeometry(
            self.width() - side.width() - 16,
            self.height() - side.height() - 12,
            side.width(),
            side.height(),
        )
        self.staff_button.raise_()
        face_side = int(min(self.width() * 0.16, self.height() * 0.36))
        for face in self.faces:
            face.setMinimumSize(int(face_side * 0.8), int(face_side * 1.0))
            face.setMaximumSize(face_side, int(face_side * 1.25))
        number = int(min((self.width() - 72 - 120) / 11, self.height() * 0.16))
        for button in self.numbers:
            button.setFixedSize(number, number)
        key = int(min(self.height() * 0.1, 110))
        for button in self.pin_keys.values():
            button.setFixedSize(int(key * 1.5), key)
        self.pin_edit.setFixedWidth(int(key * 4.5))

    def _style(self) -> str:
        """Type sized to the window: a question read from a metre away on a tablet."""
        h = max(self.height(), 480)
        p = style.current()
        question = int(h * 0.062)
        big = int(h * 0.09)
        line = int(h * 0.045)
        hint = int(h * 0.03)
        return f"""
QWidget#kioskWindow {{ background: {p.window}; }}
QLabel[kioskRole="question"] {{ font-size: {question}px; font-weight: bold; color: {p.heading}; }}
QLabel[kioskRole="big"] {{ font-size: {big}px; font-weight: bold; color: {p.accent_strong}; }}
QLabel[kioskRole="line"] {{ font-size: {line}px; color: {p.strong_text}; }}
QLabel[kioskRole="hint"] {{ font-size: {hint}px; color: {p.muted}; }}
QLabel[kioskRole="error"] {{ font-size: {hint}px; color: {p.error}; }}
QPlainTextEdit#kioskAnswer {{ font-size: {line}px; background: {p.base}; color: {p.text};
    border: 2px solid {p.border}; border-radius: 12px; padding: 8px; }}
QLineEdit#kioskPin {{ font-size: {line}px; background: {p.base}; color: {p.text};
    border: 2px solid {p.border}; border-radius: 10px; padding: 6px; }}
QPushButton[kioskRole="action"] {{ font-size: {line}px; min-height: {int(h * 0.09)}px;
    min-width: {int(h * 0.25)}px; padding: 4px 24px; border-radius: 12px;
    background: {p.base}; color: {p.heading}; border: 2px solid {p.accent}; }}
QPushButton#kioskSend {{ background: {p.accent_fill}; color: {p.on_accent}; }}
QPushButton#kioskStaffButton {{ font-size: {max(12, int(h * 0.018))}px; color: {p.muted};
    background: transparent; border: none; padding: 6px 10px; }}
"""
