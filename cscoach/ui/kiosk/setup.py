"""The counter kiosk's settings and the owner's PIN, asked before the kiosk starts (File ›
Start Counter Kiosk…, and ``cscoach kiosk`` when no PIN is set yet)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cscoach.model import kiosk
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, style
from cscoach.ui.widgets import error_label, plain_label, show_message, vbox

INTRO = (
    "The kiosk fills the screen with one question for your customers: they answer with a "
    "tap (or the number keys), and each answer is saved at once in this workbook as a vote "
    "towards the month's CSAT or NPS. Nothing personal is asked. Only your PIN leaves the "
    "kiosk; you can keep working in CS Coach meanwhile."
)

LOW_CSAT_LABELS = {1: "the saddest face (1)", 2: "the two sad faces (1–2)", 3: "faces 1–3"}
LOW_NPS_LABELS = {4: "0–4", 5: "0–5", 6: "0–6 (the detractors)"}


class KioskSetupDialog(QDialog):
    """The kiosk's question, scales, low-score follow-up, repeat guard and PIN; saved
    together when the owner starts the kiosk."""

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskSetupDialog")
        style.style_window(self)
        self.setWindowTitle("Start Counter Kiosk")
        self.wb = wb
        settings = kiosk.get_settings(wb)
        self.needs_pin = not kiosk.has_pin(wb)

        heading = plain_label("Counter kiosk", object_name="dialogHeading")
        intro = plain_label(INTRO, wrap=True)
        intro.setMinimumWidth(480)

        self.question = QLineEdit(settings.question)
        self.question.setObjectName("kioskQuestionEdit")
        self.question.setMaxLength(kiosk.MAX_QUESTION)
        self.scales = QComboBox()
        self.scales.setObjectName("kioskScales")
        for key in kiosk.SCALES:
            self.scales.addItem(kiosk.SCALE_LABELS[key], key)
        self.scales.setCurrentIndex(kiosk.SCALES.index(settings.scales))
        self.follow_up = QCheckBox(f"Ask “{kiosk.FOLLOW_UP_QUESTION}” after a low score")
        self.follow_up.setObjectName("kioskFollowUpCheck")
        self.follow_up.setChecked(settings.follow_up)
        self.low_csat = QComboBox()
        self.low_csat.setObjectName("kioskLowCsat")
        for score in kiosk.LOW_CSAT_CHOICES:
            self.low_csat.addItem(LOW_CSAT_LABELS[score], score)
        self.low_csat.setCurrentIndex(kiosk.LOW_CSAT_CHOICES.index(settings.low_csat))
        self.low_nps = QComboBox()
        self.low_nps.setObjectName("kioskLowNps")
        for score in kiosk.LOW_NPS_CHOICES:
            self.low_nps.addItem(LOW_NPS_LABELS[score], score)
        self.low_nps.setCurrentIndex(kiosk.LOW_NPS_CHOICES.index(settings.low_nps))
        self.follow_up.toggled.connect(self.low_csat.setEnabled)
        self.follow_up.toggled.connect(self.low_nps.setEnabled)
        self.repeat = QSpinBox()
        self.repeat.setObjectName("kioskRepeat")
        self.repeat.setRange(kiosk.MIN_REPEAT, kiosk.MAX_REPEAT)
        self.repeat.setSuffix(" seconds")
        self.repeat.setValue(settings.repeat_seconds)
        self.error = error_label("kioskSetupError")
        self.pin = QLineEdit()
        self.pin.setObjectName("kioskPinEdit")
        self.again = QLineEdit()
        self.again.setObjectName("kioskPinAgain")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(kiosk.PIN_MAX)
            edit.textEdited.connect(lambda _t: show_message(self.error, ""))
        self.pin.setPlaceholderText(
            "4 to 8 digits" if self.needs_pin else "leave empty to keep your PIN"
        )

        form = QFormLayout()
        form.addRow("&Question:", self.question)
        form.addRow("&Answers:", self.scales)
        form.addRow("", self.follow_up)
        form.addRow("A low face is:", self.low_csat)
        form.addRow("A low 0–10 is:", self.low_nps)
        form.addRow("Do not count presses for:", self.repeat)
        form.addRow("&PIN to leave:" if self.needs_pin else "New &PIN:", self.pin)
        form.addRow("PIN &again:", self.again)
        guard = plain_label(
            "After each answer, presses are not counted for these seconds: the same "
            "customer twice, or a child at the buttons. You see how many there were.",
            role="hint",
            wrap=True,
        )
        safety = QLabel(
            "A program cannot block Ctrl+Alt+Del or the power button. To lock a spare "
            "computer to the kiosk, use the system's own kiosk mode (see the README)."
        )
        safety.setProperty("role", "hint")
        safety.setTextFormat(Qt.TextFormat.PlainText)
        safety.setWordWrap(True)
        buttons, self.ok_button = dialogs.ok_cancel(self, "Start Kiosk", "kioskStartButton")
        vbox(
            heading,
            intro,
            8,
            form,
            self.error,
            guard,
            safety,
            8,
            buttons,
            parent=self,
            margins=(24, 20, 24, 16),
            spacing=8,
        )

    def chosen(self) -> kiosk.KioskSettings:
        return kiosk.KioskSettings(
            self.question.text(),
            str(self.scales.currentData()),
            self.follow_up.isChecked(),
            int(self.low_csat.currentData()),
            int(self.low_nps.currentData()),
            self.repeat.value(),
        )

    def accept(self) -> None:
        pin, again = self.pin.text(), self.again.text()
        try:
            if pin or again or self.needs_pin:
                kiosk.check_pin_format(pin)
                if again.strip() != pin.strip():
                    raise ValidationError("again", "The two PINs are not the same.")
            with self.wb.undo_step("Change the counter kiosk's settings"):
                kiosk.save_settings(self.wb, self.chosen())
                if pin or self.needs_pin:
                    kiosk.set_pin(self.wb, pin, again)
        except ValidationError as exc:
            show_message(self.error, exc.message)
            self.adjustSize()
            return
        super().accept()


def ask_setup(parent: QWidget | None, wb: Workbook) -> bool:
    """Show the kiosk's settings; True when the owner pressed Start Kiosk (saved)."""
    return KioskSetupDialog(wb, parent).exec() == QDialog.DialogCode.Accepted
