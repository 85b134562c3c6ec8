"""Schema 2 (feedback): a new workbook has it, a schema-1 workbook is migrated to it after
a backup, and ``cscoach check`` finds both healthy; the links cascade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cscoach.cli import main
from cscoach.model import backups, migrations, standards, team
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model.feedback_starter import DEFAULT_SETTINGS, THEMES
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook

FEEDBACK_TABLES = {
    "feedback_items",
    "feedback_themes",
    "feedback_item_themes",
    "feedback_item_members",
    "feedback_item_standards",
}


def tables(wb: Workbook) -> set[str]:
    return {r["name"] for r in wb.query("SELECT name FROM sqlite_schema WHERE type = 'table'")}


def settings_of(wb: Workbook) -> dict[str, str]:
    rows = wb.query("SELECT key, value FROM settings WHERE key LIKE 'feedback%'")
    return {r["key"]: r["value"] for r in rows}


def test_a_new_workbook_has_the_feedback_tables_and_starter_themes(workbook: Workbook) -> None:
    assert workbook.schema_version == migrations.latest_version()
    assert tables(workbook) >= FEEDBACK_TABLES
    themes = th.list_themes(workbook)
    assert [(t.key, t.name, t.match, t.suggest) for t in themes] == [
        (key, name, "any", True) for key, name, _ in THEMES
    ]
    assert all(t.rule.entries for t in themes)
    assert settings_of(workbook) == DEFAULT_SETTINGS
    assert check_workbook(workbook.path) == []


@pytest.fixture
def schema_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workbook as CS Coach with schema 1 made it, with a team member and a setting."""
    path = tmp_path / "old.cscoach"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        with Workbook.create(path, "Old Café") as wb:
            with wb.transaction() as db:  # as schema 1 had it: no left_on
                db.execute("INSERT INTO team_members (name) VALUES ('Ana')")
            assert wb.schema_version == 1
    return path


def test_check_passes_on_a_schema_one_workbook_before_and_after_migrating(
    schema_one: Path, capsys
) -> None:
    assert main(["check", str(schema_one)]) == 0
    assert capsys.readouterr().out == f"{schema_one}: ok\n"
    with Workbook.open(schema_one) as wb:
        assert wb.schema_version == migrations.latest_version()
        assert tables(wb) >= FEEDBACK_TABLES
        assert [m.name for m in team.list_members(wb)] == ["Ana"]
        assert len(th.list_themes(wb)) == len(THEMES)
        assert settings_of(wb) == DEFAULT_SETTINGS
        assert wb.history.undo_steps == []  # a migration is not a step to undo
    assert main(["check", str(schema_one)]) == 0
    assert capsys.readouterr().out == f"{schema_one}: ok\n"
    made = backups.list_backups(schema_one)
    assert len(made) == 1 and "before-schema-2" in made[0].path.name
    conn = sqlite3.connect(made[0].path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'feedback%'"
        ).fetchone() == (0,)
    finally:
        conn.close()


def test_a_failed_feedback_migration_leaves_schema_one(schema_one: Path, monkeypatch) -> None:
    from cscoach.model import feedback_starter

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(feedback_starter, "insert_starter_feedback", broken)
    with pytest.raises(sqlite3.OperationalError):
        Workbook.open(schema_one)
    monkeypatch.undo()
    conn = sqlite3.connect(schema_one)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assert not names & FEEDBACK_TABLES
    finally:
        conn.close()
    with Workbook.open(schema_one) as wb:
        assert wb.schema_version == migrations.latest_version()


def test_the_schema_keeps_bad_rows_out_even_past_the_model(workbook: Workbook) -> None:
    item = "INSERT INTO feedback_items (received_on, kind, text, status, resolved_on, severity)"
    bad = [
        f"{item} VALUES ('2026-13-01', 'question', 'x', NULL, NULL, NULL)",
        f"{item} VALUES ('2026-01-01', 'rant', 'x', NULL, NULL, NULL)",
        f"{item} VALUES ('2026-01-01', 'complaint', ' ', 'open', NULL, NULL)",
        f"{item} VALUES ('2026-01-01', 'complaint', 'no status', NULL, NULL, NULL)",
        f"{item} VALUES ('2026-01-01', 'compliment', 'x', 'open', NULL, NULL)",
        f"{item} VALUES ('2026-01-01', 'complaint', 'x', 'open', '2026-01-02', NULL)",
        f"{item} VALUES ('2026-01-05', 'complaint', 'x', 'resolved', '2026-01-02', NULL)",
        f"{item} VALUES ('2026-01-01', 'question', 'x', NULL, NULL, 'huge')",
        "INSERT INTO feedback_items (received_on, kind, text, acknowledged_on) "
        "VALUES ('2026-01-01', 'question', 'x', '05/01/2026')",
        "INSERT INTO feedback_items (received_on, kind, text) VALUES ('soon', 'question', 'x')",
        "INSERT INTO feedback_themes (name, match, position) VALUES ('New', 'some', 99)",
        "INSERT INTO feedback_themes (name, position) VALUES ('wait time', 99)",
    ]
    for statement in bad:
        with pytest.raises(sqlite3.IntegrityError):
            workbook.conn.execute(statement)
    workbook.conn.rollback()


def test_deleting_an_item_theme_member_or_standard_cascades_its_links(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    standard = standards.list_standards(workbook)[0]
    theme = th.add_theme(workbook, "Parking")
    data = fb.FeedbackInput(
        "2026-01-01",
        "complaint",
        "x",
        theme_ids=(theme,),
        member_ids=(ana,),
        standard_ids=(standard.id,),
    )
    item = fe.add_item(workbook, data)
    th.delete_theme(workbook, theme)
    team.delete_member(workbook, ana)
    standards.delete_standard(workbook, standard.id)
    assert fb.get_item(workbook, item).theme_ids == ()
    counts = workbook.query(
        "SELECT (SELECT count(*) FROM feedback_item_themes) AS t, "
        "(SELECT count(*) FROM feedback_item_members) AS m, "
        "(SELECT count(*) FROM feedback_item_standards) AS s"
    )[0]
    assert counts == {"t": 0, "m": 0, "s": 0}
    assert workbook.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    other = fe.add_item(
        workbook,
        fb.FeedbackInput(
            "2026-01-01", "compliment", "y", theme_ids=(th.list_themes(workbook)[0].id,)
        ),
    )
    fe.delete_item(workbook, other)
    assert workbook.query("SELECT count(*) AS n FROM feedback_item_themes")[0]["n"] == 0
