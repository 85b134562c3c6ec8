"""``cscoach check``: is a workbook healthy? Its file, SQLite's integrity check, its schema
compared with the one CS Coach makes for its schema number, and its references.

Read only: never changes what the file holds (a save cut off by a crash is rolled back
first, as SQLite does whenever the file is opened).
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscoach.model import migrations
from cscoach.model.errors import WorkbookError
from cscoach.model.workbook import connect_read_only, inspect_file


def check_workbook(path: Path, notes: list[str] | None = None) -> list[str]:
    """Problems found in the workbook at ``path``; an empty list means healthy.

    Checks, in order: that the file is a CS Coach workbook this version can read
    (``inspect_file``), SQLite's ``integrity_check``, the schema, and ``foreign_key_check``.

    The schema is compared with the one CS Coach makes for the file's schema number (built
    once in memory by running the migrations, see ``expected_schema``). Everything CS Coach
    made must still be there: each missing table, column, index, trigger or view, each lost
    primary key or uniqueness rule and each lost link between tables (a foreign key with its
    ``ON DELETE`` action) is a problem, one line each. Columns are compared by name, not by
    declared type.

    What an owner added with another tool is not a problem, so it does not make the workbook
    unhealthy; it is reported in ``notes`` (when a list is given) instead. The exception is a
    column added to one of CS Coach's tables as ``NOT NULL`` without a default: CS Coach
    would fail to add any row to that table, so it is a problem.

    Never changes what the file holds and never creates a missing one. A save cut off by a
    crash (a hot journal) is rolled back first, as SQLite does whenever the file is opened:
    the file is then exactly as it was after its last completed save.
    """
    try:
        version = inspect_file(path)
    except WorkbookError as exc:
        return [str(exc)]
    problems: list[str] = []
    try:
        conn = connect_read_only(Path(path))
    except sqlite3.Error as exc:
        return [f"{path} cannot be opened: {exc}"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.append("integrity check failed: " + "; ".join(rows[:5]))
        schema_problems, schema_notes = compare_schema(read_schema(conn), expected_schema(version))
        problems += schema_problems
        if schema_problems:
            problems.append(
                "its tables were changed outside CS Coach; restore a backup made before the "
                "change (CS Coach keeps them in the “backups” folder beside the workbook)"
            )
        if notes is not None:
            notes += schema_notes
        bad_refs = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad_refs:
            tables = sorted({r[0] for r in bad_refs})
            problems.append(f"{len(bad_refs)} broken reference(s) in " + ", ".join(tables))
    except sqlite3.DatabaseError as exc:
        problems.append(f"integrity check failed: {exc}")
    finally:
        conn.close()
    return problems


# -- the schema, as check compares it ---------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    not_null: bool
    default: str | None
    primary_key: bool


@dataclass(frozen=True)
class Link:
    """A foreign key: ``columns`` of the table refer to ``parent``; ``on_delete`` action."""

    columns: tuple[str, ...]
    parent: str
    on_delete: str


@dataclass(frozen=True)
class Table:
    columns: dict[str, Column]
    unique: frozenset[tuple[str, ...]]  # the primary key and every UNIQUE rule
    links: frozenset[Link]


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table]
    others: dict[tuple[str, str], str]  # (type, name) -> table, for indexes, triggers, views


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of the database behind ``conn`` (read only; SQLite's own tables left out)."""
    tables: dict[str, Table] = {}
    others: dict[tuple[str, str], str] = {}
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY rowid"
    ).fetchall():
        if kind == "table":
            tables[name] = _read_table(conn, name)
        else:
            others[(kind, name)] = table
    return Schema(tables, others)


def _read_table(conn: sqlite3.Connection, name: str) -> Table:
    columns: dict[str, Column] = {}
    primary: list[tuple[int, str]] = []
    for _cid, col, _type, not_null, default, pk, hidden in conn.execute(
        "SELECT * FROM pragma_table_xinfo(?)", (name,)
    ).fetchall():
        if hidden == 1:  # the hidden columns of a virtual table
            continue
        columns[col] = Column(col, bool(not_null), default, bool(pk))
        if pk:
            primary.append((pk, col))
    unique = {tuple(col for _, col in sorted(primary))} if primary else set()
    for _seq, index, is_unique, _origin, partial in conn.execute(
        "SELECT * FROM pragma_index_list(?)", (name,)
    ).fetchall():
        if is_unique and not partial:
            cols = conn.execute(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index,)
            ).fetchall()
            unique.add(tuple(c[0] for c in cols))
    by_id: dict[int, list[tuple[Any, ...]]] = {}
    for row in conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (name,)).fetchall():
        by_id.setdefault(row[0], []).append(row)
    links = {
        Link(
            tuple(r[3] for r in sorted(rows, key=lambda r: r[1])),
            rows[0][2],
            rows[0][6].upper(),
        )
        for rows in by_id.values()
    }
    return Table(columns, frozenset(unique), frozenset(links))


@functools.lru_cache(maxsize=4)
def expected_schema(version: int) -> Schema:
    """The schema CS Coach makes for schema number ``version``: the migrations up to it,
    run once on an in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        for migrate in migrations.MIGRATIONS[:version]:
            migrate(conn)
        return read_schema(conn)
    finally:
        conn.close()


def compare_schema(actual: Schema, expected: Schema) -> tuple[list[str], list[str]]:
    """(problems, notes): what ``actual`` lacks of ``expected``, and what it adds.

    See ``check_workbook`` for which differences are problems."""
    problems: list[str] = []
    notes: list[str] = []
    for name, want in expected.tables.items():
        have = actual.tables.get(name)
        if have is None:
            problems.append(f"the table “{name}” is missing")
            continue
        missing = [c for c in want.columns if c not in have.columns]
        problems += [f"the column “{c}” is missing from the table “{name}”" for c in missing]
        for key in sorted(want.unique - have.unique):
            if all(c in have.columns for c in key):
                problems.append(
                    f"the table “{name}” lost its rule that {_columns_text(key)} "
                    + ("is unique" if len(key) == 1 else "are unique together")
                )
        for link in sorted(want.links - have.links, key=lambda x: (x.columns, x.parent)):
            if all(c in have.columns for c in link.columns):
                problems.append(
                    f"the table “{name}” lost its link from {_columns_text(link.columns)} to "
                    f"the table “{link.parent}” (on delete: {link.on_delete.lower()})"
                )
        for col in have.columns.values():
            if col.name in want.columns:
                continue
            if col.not_null and col.default is None and not col.primary_key:
                problems.append(
                    f"the column “{col.name}” was added to the table “{name}” outside CS Coach "
                    "and must be filled in (NOT NULL, no default): CS Coach cannot add rows "
                    "to that table"
                )
            else:
                notes.append(
                    f"note: the column “{col.name}” was added to the table “{name}” outside "
                    "CS Coach; CS Coach leaves it alone"
                )
    for (kind, name), table in expected.others.items():
        if (kind, name) not in actual.others and table in actual.tables:
            problems.append(f"the {kind} “{name}” on “{table}” is missing")
    for name in actual.tables:
        if name not in expected.tables:
            notes.append(
                f"note: the table “{name}” was added outside CS Coach; CS Coach leaves it alone"
            )
    for (kind, name), table in actual.others.items():
        if (kind, name) not in expected.others:
            notes.append(f"note: the {kind} “{name}” on “{table}” was added outside CS Coach")
    return problems, notes


def _columns_text(columns: tuple[str, ...]) -> str:
    if len(columns) == 1:
        return f"the column “{columns[0]}”"
    return "the columns " + " + ".join(f"“{c}”" for c in columns)
