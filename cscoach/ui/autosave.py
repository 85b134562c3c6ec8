"""Saving as the owner types, shared by every form without a Save button: the pause in
typing that saves, the "Saved." / "Not saved." status shown where the button was, and the
sentence a refused write shows next to its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from cscoach.model.errors import CsCoachError, StorageError, describe_failure
from cscoach.ui.widgets import plain_label, text_width

SAVE_DELAY_MS = 600  # a pause in typing this long saves the form
SAVED = "Saved."
NOT_SAVED = "Not saved."
REFUSALS = (CsCoachError, StorageError)  # what a model call may raise instead of writing


def save_timer(parent: QObject, save: Callable[[], object]) -> QTimer:
    """A single-shot timer that calls ``save`` once typing has paused (restart it on each
    edit; stop it when the form is saved or filled)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(SAVE_DELAY_MS)
    timer.timeout.connect(save)
    return timer


def status_label(object_name: str, tip: str) -> QLabel:
    """The label where a Save button was: empty while typing, then SAVED or NOT_SAVED."""
    label = plain_label(object_name=object_name, role="hint")
    label.setToolTip(tip)
    # as wide as its longest message, so the buttons beside it do not move as it changes
    label.setMinimumWidth(text_width(label, len(NOT_SAVED) + 2))
    return label


def refusal(exc: Exception) -> str:
    """The sentence to show for a write the model or the database refused."""
    return exc.message if isinstance(exc, CsCoachError) else describe_failure(exc)
