"""The table of actions: what, who, by when, how far, and where it came from.

An open action past its due date is flagged ⚠ in the error colour; an owner who left the
team is shown as such. The title takes the room left; on a small screen it keeps
``TITLE_CHARACTERS`` and where it came from gives way to it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTableView, QWidget

from cscoach.model import actions
from cscoach.model.actions import Action
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel

OVERDUE = "⚠"
TITLE, OWNER, DUE, STATUS, SOURCE = range(5)  # the columns
TITLE_CHARACTERS = 18  # the title keeps this many average characters on a small screen


def due_text(action: Action, today: dt.date) -> str:
    if not action.due_on:
        return "—"
    if action.overdue(today):
        return f"{OVERDUE} {action.due_on}"
    return action.due_on


def due_tip(action: Action, today: dt.date) -> str | None:
    late = action.days_overdue(today)
    if not late:
        return None
    return f"Due {late} day{'s' if late != 1 else ''} ago and not done yet."


def status_text(action: Action) -> str:
    if action.status == actions.DONE and action.done_on:
        return f"Done {action.done_on}"
    return action.status_label


def actions_table_model(today: dt.date, parent: QWidget) -> RecordTableModel[Action]:
    columns: list[Column[Action]] = [
        Column("Action", lambda a: a.title, tip=lambda a: a.title),
        Column("Owner", lambda a: a.owner_label, tip=lambda a: a.owner_label),
        Column(
            "Due",
            lambda a: due_text(a, today),
            tip=lambda a: due_tip(a, today),
            colour=lambda a: "error" if a.overdue(today) else None,
            muted=lambda a: not a.due_on,
            stretch=False,
            samples=(f"{OVERDUE} 2026-12-31",),
        ),
        Column("Status", status_text, stretch=False, samples=("Done 2026-12-31", "Planned")),
        Column(
            "From",
            lambda a: a.source_text or "—",
            tip=lambda a: a.source_text or None,
            muted=lambda a: not a.source_text or a.source.deleted,
        ),
    ]
    return RecordTableModel(
        columns,
        inactive=lambda a: not a.is_open,
        inactive_tip=lambda a: f"{a.status_label}: no longer open.",
        parent=parent,
    )


def fit_actions_table(table: QTableView, model: RecordTableModel[Action]) -> ColumnFitter:
    return ColumnFitter(
        table,
        model.row_texts,
        TITLE,
        least=TITLE_CHARACTERS,
        want=40,
        most=70,
        squeeze=(SOURCE, OWNER),
    )
