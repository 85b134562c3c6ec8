"""``cscoach check`` compares the file's schema with the one CS Coach makes.

Missing tables, columns, indexes, uniqueness rules and links make the workbook unhealthy
(exit 1, one line each); what an owner added with another tool is only a note.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from cscoach.cli import main
from cscoach.model import migrations
from cscoach.model.schema_check import check_workbook, expected_schema, read_schema
from cscoach.model.workbook import Workbook


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    path = tmp_path / "healthy.cscoach"
    Workbook.create(path, "Corner Café").close()
    return path


def change(path: Path, *statements: str) -> None:
    """Change the file as another tool would (foreign keys off, like the sqlite3 shell)."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_dropped_tables_and_column_make_check_fail_and_name_each(
    tmp_path: Path, capsys, healthy: Path
) -> None:
    change(
        healthy,
        "DROP TABLE standard_values",
        "DROP TABLE standard_reviews",
        "ALTER TABLE standards DROP COLUMN on_poster",
    )
    before = digest(healthy)
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = cli(capsys, "check", str(healthy))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert all(line.startswith(f"{healthy}: ") for line in lines)
    assert f"{healthy}: the table “standard_values” is missing" in lines
    assert f"{healthy}: the table “standard_reviews” is missing" in lines
    assert f"{healthy}: the column “on_poster” is missing from the table “standards”" in lines
    assert "restore a backup" in lines[-1]
    assert len(lines) == 4
    assert digest(healthy) == before  # read only: nothing written, nothing created
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_a_healthy_workbook_matches_the_schema_exactly(healthy: Path) -> None:
    notes: list[str] = []
    assert check_workbook(healthy, notes) == []
    assert notes == []
    conn = sqlite3.connect(f"{healthy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert read_schema(conn) == expected_schema(migrations.latest_version())
    finally:
        conn.close()


def test_the_demo_workbook_is_healthy(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.cscoach"
    assert cli(capsys, "demo", str(path))[0] == 0
    assert cli(capsys, "check", str(path)) == (0, f"{path}: ok\n", "")


def test_lost_index_uniqueness_and_link_are_problems(healthy: Path) -> None:
    change(
        healthy,
        "DROP INDEX kpi_entries_month",
        # kpi_entries rebuilt without its primary key and its link to kpis
        "CREATE TABLE copy AS SELECT * FROM kpi_entries",
        "DROP TABLE kpi_entries",
        "ALTER TABLE copy RENAME TO kpi_entries",
    )
    problems = check_workbook(healthy)
    assert (
        "the table “kpi_entries” lost its rule that the columns “kpi_id” + “month” are "
        "unique together"
    ) in problems
    assert any(
        p.startswith(
            "the table “kpi_entries” lost its link from the column “kpi_id” to the table “kpis”"
        )
        for p in problems
    )
    assert "the index “kpi_entries_month” on “kpi_entries” is missing" in problems


def test_additions_are_notes_not_problems(tmp_path: Path, capsys, healthy: Path) -> None:
    change(
        healthy,
        "CREATE TABLE my_notes (id INTEGER PRIMARY KEY, body TEXT)",
        "ALTER TABLE kpis ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'",
        "CREATE INDEX my_index ON candidates(role)",
    )
    notes: list[str] = []
    assert check_workbook(healthy, notes) == []
    assert any("“my_notes”" in n for n in notes)
    assert any("“colour”" in n and "“kpis”" in n for n in notes)
    assert any("“my_index”" in n for n in notes)
    assert all(n.startswith("note: ") for n in notes)
    code, out, err = cli(capsys, "check", str(healthy))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == f"{healthy}: ok"
    assert sorted(lines[:-1]) == sorted(f"{healthy}: {n}" for n in notes)


def test_an_added_required_column_without_default_is_a_problem(healthy: Path) -> None:
    """CS Coach could no longer add a row to that table."""
    conn = sqlite3.connect(healthy)
    sql = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'candidates'").fetchone()[0]
    conn.close()
    rebuilt = sql.replace("CREATE TABLE candidates", "CREATE TABLE new_candidates", 1)
    change(
        healthy,
        rebuilt.rstrip().removesuffix(")") + ", badge TEXT NOT NULL)",
        "DROP TABLE candidates",
        "ALTER TABLE new_candidates RENAME TO candidates",
    )
    problems = check_workbook(healthy)
    assert any("“badge”" in p and "cannot add rows" in p for p in problems), problems
    assert len(problems) == 2  # the column and the advice to restore a backup


def test_expected_schema_is_that_of_a_new_workbook() -> None:
    schema = expected_schema(migrations.latest_version())
    assert {"standards", "standard_values", "standard_reviews", "candidates"} <= set(schema.tables)
    assert "on_poster" in schema.tables["standards"].columns
    assert ("kpi_id", "month") in schema.tables["kpi_entries"].unique
