"""The filters over the list of feedback: a search, the kind, open or resolved, a theme, a
channel, a team member and a month, and a *scope*: the items behind a number clicked on the
Patterns tab (or the feedback naming a standard), shown in words with a way back to all."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from cscoach.model import feedback
from cscoach.model.feedback import FeedbackFilter
from cscoach.model.feedback_themes import Theme
from cscoach.model.months import month_label
from cscoach.model.team import TeamMember
from cscoach.ui.filter_bar import FilterBar, refill

NO_THEME = -1  # the Theme filter's "No theme"
NOT_RECORDED = "\x00"  # the Channel filter's "Not recorded" (items with no channel)
STATUS_CHOICES = (
    ("Any status", None),
    ("Open complaints", feedback.OPEN),
    ("Resolved complaints", feedback.RESOLVED),
)


class FeedbackFilters(FilterBar):
    """A search box and six drop-downs in two rows. Emits ``changed`` when the owner changes
    one (not while they are filled or cleared)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope_ids: tuple[int, ...] | None = None  # the items behind a number clicked
        self.scope_standard: int | None = None  # the feedback naming a standard
        self.scope_label = ""

        self.search_box(
            "feedbackSearch",
            "Search feedback",
            "Find words in what was said, the customer, what they asked for and what was done "
            "(case and accents ignored)",
            12,
        )
        self.kind_filter = self._combo("kindFilter", "Kind", "Show one kind of feedback")
        self.kind_filter.addItem("All kinds", None)
        for kind in feedback.KINDS:
            self.kind_filter.addItem(feedback.KIND_PLURALS[kind], kind)
        self.status_filter = self._combo(
            "statusFilter", "Open or resolved", "Complaints still open, or resolved"
        )
        for label, key in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.theme_filter = self._combo("themeFilter", "Theme", "Show one theme")
        self.channel_filter = self._combo("channelFilter", "Channel", "Show one channel")
        self.member_filter = self._combo(
            "memberFilter", "Team member", "Show the feedback naming one team member"
        )
        self.month_filter = self._combo("monthFilter", "Month", "Show one month")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.search_edit, 0, 0, 1, 2)
        grid.addWidget(self.kind_filter, 0, 2)
        grid.addWidget(self.status_filter, 0, 3)
        for column, combo in enumerate(
            (self.theme_filter, self.channel_filter, self.member_filter, self.month_filter)
        ):
            grid.addWidget(combo, 1, column)
            grid.setColumnStretch(column, 1)

    def _combo(self, object_name: str, name: str, tip: str) -> QComboBox:
        return self.combo(object_name, tip, name=name, shortest=8, least=14)

    def set_choices(
        self,
        themes: Sequence[Theme],
        channels: Sequence[str],
        members: Sequence[TeamMember],
        months: Sequence[str],
    ) -> None:
        """What can be chosen, keeping the choices made if they are still there."""
        with self.quietly():
            refill(
                self.theme_filter,
                "All themes",
                [(t.name, t.id) for t in themes] + [("No theme", NO_THEME)],
            )
            refill(
                self.channel_filter,
                "All channels",
                [(c, c) for c in channels] + [("Not recorded", NOT_RECORDED)],
            )
            refill(self.member_filter, "All members", [(m.name, m.id) for m in members])
            refill(self.month_filter, "All months", [(month_label(m), m) for m in reversed(months)])

    # -- what is chosen ----------------------------------------------------------

    def filter(self) -> FeedbackFilter:
        theme = self.theme_filter.currentData()
        channel = self.channel_filter.currentData()
        return FeedbackFilter(
            kind=self.kind_filter.currentData(),
            theme_id=theme if theme not in (None, NO_THEME) else None,
            no_theme=theme == NO_THEME,
            channel="" if channel == NOT_RECORDED else channel,
            member_id=self.member_filter.currentData(),
            standard_id=self.scope_standard,
            month=self.month_filter.currentData(),
            status=self.status_filter.currentData(),
            search=self.search_edit.text(),
            ids=self.scope_ids,
        )

    def month(self) -> str | None:
        return self.month_filter.currentData()

    def narrowed(self) -> bool:
        """Whether the filters (or a scope) hide any item."""
        f = self.filter()
        return f != FeedbackFilter(search=f.search) or bool(" ".join(f.search.split()))

    def set_scope(
        self, label: str, *, ids: Sequence[int] | None = None, standard_id: int | None = None
    ) -> None:
        """Show only these items (every other filter cleared): ``label`` says which."""
        self.clear()
        self.scope_ids = tuple(ids) if ids is not None else None
        self.scope_standard = standard_id
        self.scope_label = label

    def choose(self, **wanted: object) -> None:
        """Clear the filters, then choose these (``kind=``, ``theme=``, ``member=``,
        ``month=``, ``status=``, ``channel=``) without emitting ``changed``."""
        self.clear()
        with self.quietly():
            for name, value in wanted.items():
                combo: QComboBox = getattr(self, f"{name}_filter")
                combo.setCurrentIndex(max(combo.findData(value), 0))

    def clear(self) -> None:
        """Every item: no search, no choice, no scope."""
        with self.quietly():
            for combo in (
                self.kind_filter,
                self.status_filter,
                self.theme_filter,
                self.channel_filter,
                self.member_filter,
                self.month_filter,
            ):
                combo.setCurrentIndex(0)
            self.search_edit.clear()
        self.scope_ids = None
        self.scope_standard = None
        self.scope_label = ""
