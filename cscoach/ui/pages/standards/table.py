"""The table of standards on the Standards page: its columns, and their widths.

Standards are rows in the model's order (category, then position); the category is written
on the first row of its group. Overdue reviews carry a ⚠ and the error colour; retired
standards are greyed, italic and say "Retired". The values a standard serves are in the
title's tooltip (and the Values filter): in a column they would only ever show "Welcome
ev…" and squeeze the titles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView, QWidget

from cscoach.model.dates import long_date
from cscoach.model.number_format import plural
from cscoach.model.standards import Standard
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import text_width

OVERDUE = "⚠"
TITLE, CATEGORY, OWNER, NEXT, POSTER = range(5)  # the columns of the standards table
TITLE_CHARACTERS = 16  # a title keeps this many average characters on a small screen
WIDEST_CHARACTERS = 26  # no other column is fitted wider: the rest is in its tooltip


def rich_tip(text: str) -> str:
    """A tooltip that shows user text as typed (Qt would render ``<b>`` as markup)."""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


def next_review_text(s: Standard, today: dt.date | None) -> str:
    if not s.active:
        return "Retired"
    return f"{OVERDUE} Overdue" if s.overdue(today) else s.next_review().isoformat()


def _title_tip(s: Standard) -> str:
    serves = f"Serves: {', '.join(s.values)}" if s.values else "Serves no value yet"
    return rich_tip("\n\n".join(part for part in (s.title, s.detail, serves) if part))


def _next_review_tip(s: Standard, today: dt.date | None) -> str:
    due = long_date(s.next_review())
    every = plural(s.review_months, "month")
    if s.overdue(today):
        return rich_tip(f"Overdue: the review was due on {due} (every {every}).")
    return rich_tip(f"Next review due {due} (every {every}).")


def standard_columns(today: dt.date | None = None) -> list[Column[Standard]]:
    """Title, Category, Owner, Next review, Poster (overdue as on ``today``)."""
    return [
        Column("Title", lambda s: s.title, tip=_title_tip),
        Column(
            "Category",
            lambda s: s.category,
            tip=lambda s: rich_tip(s.category),  # on every row: a row says where it belongs
        ),
        Column(
            "Owner",
            lambda s: s.owner or "—",
            tip=lambda s: rich_tip(s.owner) if s.owner else "No owner yet",
            colour=lambda s: None if s.owner else "muted",
        ),
        Column(
            "Next review",
            lambda s: next_review_text(s, today),
            tip=lambda s: _next_review_tip(s, today),
            colour=lambda s: "error" if s.overdue(today) else None,
            bold=lambda s: s.overdue(today),
        ),
        Column(
            "Poster",
            lambda s: "✓" if s.on_poster else "",
            tip=lambda s: "On the break-room poster" if s.on_poster else "Not on the poster",
            centred=True,
            spoken=lambda s: "On the poster" if s.on_poster else "Not on the poster",
        ),
    ]


def standards_table_model(
    parent: QWidget | None = None, today: dt.date | None = None
) -> RecordTableModel[Standard]:
    """Standards as rows; retired ones greyed and slanted, with a tooltip saying so."""
    return RecordTableModel(
        standard_columns(today),
        inactive=lambda s: not s.active,
        inactive_tip=lambda s: rich_tip(
            f"“{s.title}” is retired: kept with its history, no longer printed."
        ),
        parent=parent,
    )


class StandardsFitter:
    """Sizes the columns of the standards table.

    The title is what the owner reads: it takes the room left, and on a small screen keeps
    ``TITLE_CHARACTERS`` (the form beside the list gives way), the category and then the
    owner narrowing for it. Each other column has room for its heading and its longest
    entry among all standards (not only those shown, so a filter does not move the
    columns), up to ``WIDEST_CHARACTERS``: the rest of a longer category or name is in its
    tooltip. Widths the owner dragged stay until the texts to fit change.
    """

    def __init__(self, table: QTableView) -> None:
        self.table = table
        table.horizontalHeader().setMinimumSectionSize(text_width(table, 6))
        self.fitter = ColumnFitter(
            table,
            None,
            TITLE,
            least=TITLE_CHARACTERS,
            most=73,  # with the form at its narrowest, in a window 1024 pixels wide
            want=38,
            squeeze=(CATEGORY, OWNER),
        )
        self._texts: dict[int, tuple[str, ...]] = {}

    def fit(self, everything: Sequence[Standard]) -> None:
        texts = {
            CATEGORY: tuple(sorted({s.category for s in everything})),
            OWNER: ("—", *sorted({s.owner for s in everything if s.owner})),
            NEXT: (f"{OVERDUE} Overdue", "2027-04-30", "Retired"),
            POSTER: ("✓",),
        }
        if texts == self._texts:
            return  # as fitted before: widths the owner dragged stay
        self._texts = texts
        table = self.table
        model = table.model()
        bold = QFont(table.font())
        bold.setBold(True)  # headings and overdue dates are bold
        heading, entry = QFontMetrics(bold), QFontMetrics(table.font())
        padding = text_width(table, 4)
        widths = {}
        for column, samples in texts.items():
            metrics = heading if column == NEXT else entry
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            widths[column] = min(
                max(
                    heading.horizontalAdvance(title) + padding,
                    *(metrics.horizontalAdvance(text) + padding for text in samples),
                ),
                text_width(table, WIDEST_CHARACTERS),
            )
        self.fitter.set_widths(widths)
