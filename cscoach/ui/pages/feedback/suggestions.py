"""Themes suggested for what was said, each with the words that made it: no black box.

The keyword rules are the model's (``feedback_themes.suggest_from``); this shows what they
found as a button per theme (a click, or F4 for the first, ticks it on the item) beside the
words of the text that matched, and the rule itself in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cscoach.model.feedback_themes import MATCH_LABELS, Suggestion, Theme
from cscoach.ui.widgets import plain_label

SHOWN = 4  # suggestions shown at most (the rest follow once these are taken)
ACCEPT_KEY = "F4"


def quoted(words: Sequence[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


class SuggestionBar(QWidget):
    """The suggested themes, or nothing at all when there are none. Emits ``accepted`` with
    a theme's id when the owner takes its suggestion."""

    accepted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("themeSuggestions")
        self.suggestions: list[Suggestion] = []
        self.buttons: list[QPushButton] = []
        self._read_only = False
        self.heading = plain_label(object_name="suggestionsHeading", role="hint")
        self.heading.setWordWrap(True)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addLayout(self.rows)
        self.hide()

    def show_suggestions(
        self, suggestions: Sequence[Suggestion], themes: Sequence[Theme], after: QWidget
    ) -> None:
        """Show these suggestions (``themes``: for the rules in the tooltips), reachable
        with Tab right after ``after`` (the text they were found in)."""
        wanted = list(suggestions[:SHOWN])
        if [(s.theme_id, s.words) for s in wanted] == [
            (s.theme_id, s.words) for s in self.suggestions
        ]:
            return
        self.suggestions = wanted
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        rules = {t.id: t for t in themes}
        previous = after
        for number, suggestion in enumerate(wanted):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(8)
            button = QPushButton(f"+ {suggestion.theme}")
            button.setObjectName("acceptSuggestion")
            button.setAccessibleName(f"Add the theme {suggestion.theme}")
            button.setEnabled(not self._read_only)
            theme = rules.get(suggestion.theme_id)
            rule = (
                f"\nIts rule ({MATCH_LABELS.get(theme.match, theme.match)}): {theme.keywords}"
                if theme is not None
                else ""
            )
            key = f" ({ACCEPT_KEY})" if number == 0 else ""
            button.setToolTip(f"Add “{suggestion.theme}” to this item{key}.{rule}")
            button.clicked.connect(lambda _=False, t=suggestion.theme_id: self.accepted.emit(t))
            why = plain_label(f"matched {quoted(suggestion.words)}", role="hint")
            why.setWordWrap(True)
            line.addWidget(button)
            line.addWidget(why, 1)
            self.rows.addWidget(row)
            QWidget.setTabOrder(previous, button)
            previous = button
            self.buttons.append(button)
        if wanted:
            first = wanted[0].theme
            self.heading.setText(f"Suggested themes — {ACCEPT_KEY} adds “{first}”:")
        self.setVisible(bool(wanted))

    def first(self) -> int | None:
        """The theme the accept key adds, if any."""
        return self.suggestions[0].theme_id if self.suggestions and self.isVisible() else None

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self.buttons:
            button.setEnabled(not read_only)
