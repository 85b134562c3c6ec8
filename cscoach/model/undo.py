"""Undo and Redo for every change to a workbook, whichever page or import made it.

Temporary triggers (they live in the connection, never in the file) report every row that
a write adds, changes or deletes to ``UndoLog.record``, with the row's old values as they
were. Each committed transaction is one step; undoing it runs the opposite statements, in
reverse order, in one transaction — and the triggers report those too, which is the step's
Redo. A deleted team member comes back with their answers, because the deletions a foreign
key cascaded were reported like any other.

The history lives for the session, in memory: closing the workbook or restoring a backup
forgets it (an Undo never reaches across a restore). A transaction that fails is forgotten
with it. Steps are named for the menu, "Change KPI value", or by the caller
(``Workbook.undo_step``): "Change CSAT for November 2026".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

FUNCTION = "cscoach_undo_record"
LIMIT = 200  # steps kept; the oldest are forgotten first

# What a row of each table is called in a step's name, main things first: a step is named
# after the first of these it touched ("Delete team member “Ana”", not "Delete answer").
NOUNS = {
    "team_members": "team member",
    "candidates": "candidate",
    "standards": "standard",
    "standard_categories": "standard category",
    "core_values": "core value",
    "hiring_criteria": "hiring criterion",
    "kpis": "KPI",
    "feedback_items": "feedback item",
    "feedback_themes": "theme",
    "actions": "action",
    "training_sessions": "training session",
    "success_stories": "story",
    "rounds": "questionnaire round",
    "questions": "question",
    "philosophy_versions": "published version",
    "philosophy_sections": "philosophy section",
    "kpi_entries": "KPI value",
    "monthly_reviews": "monthly review",
    "kpi_targets": "KPI target",
    "standard_reviews": "standard review",
    "responses": "questionnaire response",
    "answers": "answer",
    "candidate_scores": "score",
    "criterion_questions": "interview question",
    "settings": "setting",
}
SETTINGS = {  # the settings table's keys, as the owner knows them
    "business_name": "business name",
    "page_size": "paper size",
    "philosophy_review_months": "philosophy review interval",
    "feedback_recurring_count": "recurring theme rule",
    "feedback_recurring_days": "recurring theme rule",
    "feedback_open_days": "open complaint flag",
    "monthly_review_day": "monthly review day",
}
PLURALS = {
    "hiring criterion": "hiring criteria",
    "standard category": "standard categories",
    "story": "stories",
}
VERBS = {"insert": "Add", "update": "Change", "delete": "Delete"}
NAME_COLUMNS = ("name", "title", "text")


@dataclass(frozen=True)
class Row:
    """One row a write changed: the table, what was done (insert, update, delete), its rowid
    before and after, and for an update or delete the values it had before."""

    table: str
    op: str
    rowid: int
    new_rowid: int
    values: tuple[Any, ...]


@dataclass
class Step:
    label: str
    rows: list[Row] = field(default_factory=list)


class UndoLog:
    """The Undo and Redo history of one workbook connection."""

    def __init__(self) -> None:
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self._columns: dict[str, list[str]] = {}
        self._pending: list[Row] = []
        self._group: Step | None = None
        self._group_depth = 0
        self.listeners: list[Callable[[], None]] = []  # told when Undo or Redo changes

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()

    # -- the triggers ------------------------------------------------------------------

    def install(self, conn: sqlite3.Connection) -> None:
        """Make ``conn`` report every row change to this log (again after a reconnect or
        a restore: the tables' columns are read afresh)."""
        conn.create_function(FUNCTION, -1, self.record)
        self._columns = {}
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        ]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({_q(table)})")]
            self._columns[table] = columns
            for op in ("insert", "update", "delete"):
                conn.execute(f"DROP TRIGGER IF EXISTS temp.{_q(f'undo_{op}_{table}')}")
            old = ", ".join(f"old.{_q(c)}" for c in columns)
            changed = " OR ".join(f"old.{_q(c)} IS NOT new.{_q(c)}" for c in columns)
            changed = f"old.rowid IS NOT new.rowid OR {changed}" if changed else "1"
            name = _literal(table)
            conn.execute(
                f"CREATE TEMP TRIGGER {_q(f'undo_insert_{table}')} AFTER INSERT ON "
                f"main.{_q(table)} BEGIN SELECT {FUNCTION}({name}, 'insert', new.rowid, "
                "new.rowid); END"
            )
            conn.execute(
                f"CREATE TEMP TRIGGER {_q(f'undo_update_{table}')} AFTER UPDATE ON "
                f"main.{_q(table)} WHEN {changed} BEGIN SELECT {FUNCTION}({name}, 'update', "
                f"old.rowid, new.rowid, {old}); END"
            )
            conn.execute(
                f"CREATE TEMP TRIGGER {_q(f'undo_delete_{table}')} AFTER DELETE ON "
                f"main.{_q(table)} BEGIN SELECT {FUNCTION}({name}, 'delete', old.rowid, "
                f"old.rowid, {old}); END"
            )

    def record(self, table: str, op: str, rowid: int, new_rowid: int, *values: object) -> None:
        """Called by the triggers for each row changed."""
        self._pending.append(Row(table, op, rowid, new_rowid, values))
        return None

    # -- steps -------------------------------------------------------------------------

    def mark(self) -> int:
        """Where the rows of a transaction (or a savepoint inside one) begin."""
        return len(self._pending)

    def discard(self, mark: int = 0) -> None:
        """Forget the rows reported since ``mark``: their transaction was rolled back."""
        del self._pending[mark:]

    def commit(self, conn: sqlite3.Connection, label: str | None = None) -> None:
        """The transaction committed: its rows become a step (or part of the open group)."""
        rows, self._pending = self._pending, []
        if not rows:
            return
        if self._group is not None:
            self._group.rows.extend(rows)
            return
        self._push(Step(label or describe(conn, rows, self._columns), rows))

    def _push(self, step: Step) -> None:
        self.undo_steps.append(step)
        del self.undo_steps[:-LIMIT]
        self.redo_steps.clear()
        self._changed()

    def begin_group(self, label: str) -> None:
        """Until ``end_group``, every committed transaction joins one step called ``label``."""
        if self._group_depth == 0:
            self._group = Step(label)
        self._group_depth += 1

    def end_group(self, conn: sqlite3.Connection) -> None:
        self._group_depth -= 1
        if self._group_depth == 0 and self._group is not None:
            group, self._group = self._group, None
            if group.rows:
                self._push(group)

    def forget(self) -> None:
        """Forget the whole history (a restore replaced everything)."""
        self.undo_steps.clear()
        self.redo_steps.clear()
        self._pending.clear()
        self._changed()

    @property
    def undo_label(self) -> str | None:
        return self.undo_steps[-1].label if self.undo_steps else None

    @property
    def redo_label(self) -> str | None:
        return self.redo_steps[-1].label if self.redo_steps else None

    # -- undoing -----------------------------------------------------------------------

    def undo(self, conn: sqlite3.Connection) -> str | None:
        """Undo the last step; returns its name (None when there was nothing to undo)."""
        if not self.undo_steps:
            return None
        step = self.undo_steps[-1]
        redo = self._replay(conn, step)
        self.undo_steps.pop()
        self.redo_steps.append(Step(step.label, redo))
        self._changed()
        return step.label

    def redo(self, conn: sqlite3.Connection) -> str | None:
        """Do again the last step undone; returns its name (None when there was none)."""
        if not self.redo_steps:
            return None
        step = self.redo_steps[-1]
        undo = self._replay(conn, step)
        self.redo_steps.pop()
        self.undo_steps.append(Step(step.label, undo))
        self._changed()
        return step.label

    def _replay(self, conn: sqlite3.Connection, step: Step) -> list[Row]:
        """Run the opposite of ``step``'s rows, last first, in one transaction; returns the
        rows that did (the opposite step). On an error nothing is changed."""
        self._pending = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for row in reversed(step.rows):
                self._run_opposite(conn, row)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._pending = []
            raise
        rows, self._pending = self._pending, []
        return rows

    def _run_opposite(self, conn: sqlite3.Connection, row: Row) -> None:
        table = _q(row.table)
        columns = self._columns.get(row.table)
        if columns is None:
            raise sqlite3.OperationalError(f"the table {row.table} is gone")
        if row.op == "insert":
            conn.execute(f"DELETE FROM main.{table} WHERE rowid = ?", (row.new_rowid,))
        elif row.op == "update":
            sets = ", ".join(f"{_q(c)} = ?" for c in columns)
            values: tuple[Any, ...] = row.values
            if row.rowid != row.new_rowid:
                sets, values = f"rowid = ?, {sets}", (row.rowid, *values)
            conn.execute(
                f"UPDATE main.{table} SET {sets} WHERE rowid = ?", (*values, row.new_rowid)
            )
        else:
            names = ", ".join(["rowid", *(_q(c) for c in columns)])
            marks = ", ".join("?" * (len(columns) + 1))
            conn.execute(
                f"INSERT INTO main.{table} ({names}) VALUES ({marks})", (row.rowid, *row.values)
            )


def describe(conn: sqlite3.Connection, rows: Sequence[Row], columns: dict[str, list[str]]) -> str:
    """A step's name from what it changed: "Change team member “Ana”", "Delete 3 standards"."""
    order = list(NOUNS)

    def rank(row: Row) -> int:
        return order.index(row.table) if row.table in order else len(order)

    main = min(rows, key=rank)
    noun = NOUNS.get(main.table) or main.table.replace("_", " ").rstrip("s")
    same = [r for r in rows if r.table == main.table]
    ops = {r.op for r in same}
    verb = VERBS["insert" if "insert" in ops else "delete" if "delete" in ops else "update"]
    ids = {r.rowid for r in same}
    if main.table == "settings" and len(ids) == 1 and verb == "Change":
        key = str(main.values[0]) if main.values else ""
        return f"Change {SETTINGS.get(key, key.replace('_', ' ') or 'a setting')}"
    if len(ids) > 1:
        return f"{verb} {len(ids)} {PLURALS.get(noun, noun + 's')}"
    name = _row_name(conn, main, columns.get(main.table, []))
    return f"{verb} {noun} “{name}”" if name else f"{verb} {noun}"


def _row_name(conn: sqlite3.Connection, row: Row, columns: list[str]) -> str:
    column = next((c for c in NAME_COLUMNS if c in columns), None)
    if column is None:
        return ""
    value: object = None
    if row.op != "delete":
        with_name = conn.execute(
            f"SELECT {_q(column)} FROM main.{_q(row.table)} WHERE rowid = ?", (row.new_rowid,)
        ).fetchone()
        value = with_name[0] if with_name else None
    elif len(row.values) == len(columns):
        value = row.values[columns.index(column)]
    text = " ".join(str(value or "").split())
    return text if len(text) <= 40 else text[:39] + "…"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
