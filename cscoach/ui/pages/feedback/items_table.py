"""The table of feedback items: date, kind, what was said, themes and a complaint's state.

A complaint still open is "Open, 4 days"; open longer than the pattern rule allows it is
flagged ⚠ in the error colour (the most urgent thing on the page). What was said takes the
room left; on a small screen it keeps ``TEXT_CHARACTERS`` and the themes give way to it.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QTableView, QWidget

from cscoach.model import feedback
from cscoach.model.feedback import FeedbackItem
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import text_width

OVERDUE = "⚠"
DATE, KIND, TEXT, THEMES, STATE = range(5)  # the columns
TEXT_CHARACTERS = 16  # what was said keeps this many average characters on a small screen
FIT_ROWS = 500  # the columns fit the newest rows (the texts of 10,000 take 50 ms or more)


def rich_tip(text: str) -> str:
    """A tooltip that shows user text as typed (Qt would render ``<b>`` as markup)."""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


class ItemsTable:
    """The columns of the items table, which read today's date and the open-complaint rule
    from here (the page sets them when it reads the workbook)."""

    def __init__(self, today: dt.date | None = None) -> None:
        self.fixed_today = today
        self.open_days = 2

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    def overdue(self, item: FeedbackItem) -> bool:
        open_for = item.days_open(self.today)
        return open_for is not None and open_for > self.open_days

    def state(self, item: FeedbackItem) -> str:
        if item.kind != feedback.COMPLAINT:
            return ""
        if item.is_open:
            open_for = item.days_open(self.today) or 0
            mark = f"{OVERDUE} " if self.overdue(item) else ""
            return f"{mark}Open, {days(open_for)}"
        return "Resolved"

    def state_tip(self, item: FeedbackItem) -> str | None:
        if item.kind != feedback.COMPLAINT:
            return None
        if item.is_open:
            owner = item.follow_up_name or "you (the owner)"
            text = f"Still open: followed up by {owner}."
            if self.overdue(item):
                text = (
                    f"Open longer than {days(self.open_days)}: an unhappy customer tells "
                    f"many others. {text}"
                )
            return rich_tip(text)
        done = f" on {item.resolved_on}" if item.resolved_on else ""
        what = f"\n{item.action_taken}" if item.action_taken else ""
        return rich_tip(f"Resolved{done}.{what}")

    def columns(self) -> list[Column[FeedbackItem]]:
        return [
            Column("Date", lambda i: i.received_on, stretch=False, samples=("2026-12-31",)),
            Column(
                "Kind",
                lambda i: feedback.KIND_LABELS[i.kind],
                stretch=False,
                samples=tuple(feedback.KIND_LABELS.values()),
                colour=lambda i: "error" if i.kind == feedback.COMPLAINT else None,
            ),
            Column("What was said", lambda i: " ".join(i.text.split()), tip=_text_tip),
            Column(
                "Themes",
                lambda i: ", ".join(i.themes) or "—",
                tip=lambda i: rich_tip(", ".join(i.themes)) if i.themes else "No theme yet",
                muted=lambda i: not i.themes,
            ),
            Column(
                "Follow-up",
                self.state,
                tip=self.state_tip,
                colour=lambda i: "error" if self.overdue(i) else None,
                bold=self.overdue,
            ),
        ]


def _text_tip(item: FeedbackItem) -> str:
    parts = [item.text]
    if item.customer:
        parts.append(f"— {item.customer}")
    if item.channel:
        parts.append(f"({item.channel})")
    if item.members:
        parts.append("Names: " + ", ".join(item.members))
    return rich_tip("\n".join(parts))


def items_table_model(
    table: ItemsTable, parent: QWidget | None = None
) -> RecordTableModel[FeedbackItem]:
    return RecordTableModel(table.columns(), parent=parent)


def fit_items_table(view: QTableView, model: RecordTableModel[FeedbackItem]) -> ColumnFitter:
    """Columns fitted to the text of the newest ``FIT_ROWS`` items (an older, longer text
    is elided, in full in its tooltip); what was said takes the rest and keeps room on a
    small screen, the themes narrowing for it first."""
    view.horizontalHeader().setMinimumSectionSize(text_width(view, 6))
    return ColumnFitter(
        view,
        model.row_texts,
        TEXT,
        widest=text_width(view, 24),
        least=TEXT_CHARACTERS,
        most=82,
        want=40,
        squeeze=(THEMES, STATE),
        first_rows=FIT_ROWS,
    )
