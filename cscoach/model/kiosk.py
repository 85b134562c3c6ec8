"""The counter kiosk's settings: its question, which scales it shows, what counts as a low
score, the repeat guard, and the owner's PIN (kept only as a salted scrypt hash).

The settings are rows of the ``settings`` table, named ``kiosk_…``; the votes are in
``cscoach.model.kiosk_votes`` and how they become the month's CSAT and NPS in
``cscoach.model.kiosk_kpis``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

DEFAULT_QUESTION = "How was your visit today?"
FOLLOW_UP_QUESTION = "What could we do better?"
MAX_QUESTION = 120
MAX_ANSWER = 1000

CSAT = "csat"
NPS = "nps"
BOTH = "both"
SCALES = (CSAT, NPS, BOTH)
SCALE_LABELS = {
    CSAT: "Five faces (customer satisfaction, CSAT)",
    NPS: "0 to 10, “would you recommend us?” (NPS)",
    BOTH: "The faces, then 0 to 10",
}
NPS_QUESTION = "Would you recommend us to a friend?"

# What counts as a low score (the follow-up question is asked after one): the highest low
# score on each scale, with the choices the owner has.
LOW_CSAT_CHOICES = (1, 2, 3)
LOW_NPS_CHOICES = (4, 5, 6)
DEFAULT_LOW_CSAT = 2
DEFAULT_LOW_NPS = 6

REPEAT_SECONDS = 5  # presses this soon after a vote are not counted again
MIN_REPEAT, MAX_REPEAT = 2, 30

PIN_MIN, PIN_MAX = 4, 8
# scrypt's cost: about 50 ms here, once per PIN typed.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class KioskSettings:
    question: str = DEFAULT_QUESTION
    scales: str = CSAT
    follow_up: bool = True  # ask "What could we do better?" after a low score
    low_csat: int = DEFAULT_LOW_CSAT  # 1..low_csat is low
    low_nps: int = DEFAULT_LOW_NPS  # 0..low_nps is low
    repeat_seconds: int = REPEAT_SECONDS

    @property
    def asks_csat(self) -> bool:
        return self.scales in (CSAT, BOTH)

    @property
    def asks_nps(self) -> bool:
        return self.scales in (NPS, BOTH)

    def is_low(self, csat: int | None, nps: int | None) -> bool:
        """True when a vote's score is low enough to ask what could be better."""
        return (csat is not None and csat <= self.low_csat) or (
            nps is not None and nps <= self.low_nps
        )


def _get(wb: Workbook, key: str) -> str | None:
    row = wb.query_one("SELECT value FROM settings WHERE key = ?", (key,))
    return None if row is None else str(row["value"])


def _int(text: str | None, default: int, allowed: range | tuple[int, ...]) -> int:
    try:
        value = int(text or "")
    except ValueError:
        return default
    return value if value in allowed else default


def get_settings(wb: Workbook) -> KioskSettings:
    """The kiosk's settings; a value missing or spoiled (edited outside CS Coach) falls
    back to its default."""
    question = (_get(wb, "kiosk_question") or "").strip() or DEFAULT_QUESTION
    scales = _get(wb, "kiosk_scales")
    return KioskSettings(
        question=question[:MAX_QUESTION],
        scales=scales if scales in SCALES else CSAT,
        follow_up=_get(wb, "kiosk_follow_up") != "0",
        low_csat=_int(_get(wb, "kiosk_low_csat"), DEFAULT_LOW_CSAT, LOW_CSAT_CHOICES),
        low_nps=_int(_get(wb, "kiosk_low_nps"), DEFAULT_LOW_NPS, LOW_NPS_CHOICES),
        repeat_seconds=_int(
            _get(wb, "kiosk_repeat_seconds"), REPEAT_SECONDS, range(MIN_REPEAT, MAX_REPEAT + 1)
        ),
    )


def save_settings(wb: Workbook, settings: KioskSettings) -> KioskSettings:
    """Check and store the kiosk's settings in one step; returns them as stored.

    Raises:
        ValidationError: naming ``question``, ``scales``, ``low_csat``, ``low_nps`` or
            ``repeat_seconds``.
    """
    question = validate.text(
        settings.question, "question", "The question", max_len=MAX_QUESTION, single_line=True
    )
    question = " ".join(question.split()) or DEFAULT_QUESTION
    if settings.scales not in SCALES:
        raise ValidationError("scales", "Choose the faces, 0 to 10, or both.")
    if settings.low_csat not in LOW_CSAT_CHOICES:
        raise ValidationError("low_csat", "A low face is 1, 1–2 or 1–3.")
    if settings.low_nps not in LOW_NPS_CHOICES:
        raise ValidationError("low_nps", "A low answer from 0 to 10 is 0–4, 0–5 or 0–6.")
    if not MIN_REPEAT <= settings.repeat_seconds <= MAX_REPEAT:
        raise ValidationError(
            "repeat_seconds",
            f"The pause after a vote must be {MIN_REPEAT} to {MAX_REPEAT} seconds.",
        )
    clean = KioskSettings(
        question,
        settings.scales,
        settings.follow_up,
        settings.low_csat,
        settings.low_nps,
        settings.repeat_seconds,
    )
    rows = {
        "kiosk_question": clean.question,
        "kiosk_scales": clean.scales,
        "kiosk_follow_up": "1" if clean.follow_up else "0",
        "kiosk_low_csat": str(clean.low_csat),
        "kiosk_low_nps": str(clean.low_nps),
        "kiosk_repeat_seconds": str(clean.repeat_seconds),
    }
    with wb.transaction("Change the counter kiosk's settings"):
        wb.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(rows.items()),
        )
    return clean


# -- the owner's PIN ------------------------------------------------------------------------


def check_pin_format(pin: str) -> str:
    """The PIN as typed: 4 to 8 digits 0-9 (ASCII only, so a keypad types it)."""
    pin = (pin or "").strip()
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError("pin", f"The PIN must be {PIN_MIN} to {PIN_MAX} digits (0–9).")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$<salt hex>$<hash hex>``: what is stored instead of the PIN."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def has_pin(wb: Workbook) -> bool:
    return bool(_get(wb, "kiosk_pin"))


def set_pin(wb: Workbook, pin: str, again: str | None = None) -> None:
    """Set (or change) the owner's PIN; ``again`` is the second typing when asked for.

    Raises:
        ValidationError: ``pin`` not 4 to 8 digits; ``again`` does not match.
    """
    clean = check_pin_format(pin)
    if again is not None and (again or "").strip() != clean:
        raise ValidationError("again", "The two PINs are not the same; type them again.")
    stored = hash_pin(clean)
    with wb.transaction("Set the counter kiosk's PIN"):
        wb.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('kiosk_pin', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (stored,),
        )


def pin_matches(wb: Workbook, pin: str) -> bool:
    """True when ``pin`` is the owner's PIN (compared in constant time). False when no PIN
    is set or the stored one is spoiled: the kiosk then cannot be left by a guess."""
    stored = _get(wb, "kiosk_pin") or ""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        typed = (pin or "").strip()
        if not (typed.isascii() and typed.isdigit()):
            return False
        digest = hashlib.scrypt(
            typed.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=len(expected)
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)
