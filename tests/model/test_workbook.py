"""The workbook file: creation, reopening, migrations, refusing foreign files, the lock."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cscoach.model import backups, migrations, settings, team
from cscoach.model.errors import (
    NotAWorkbookError,
    ReadOnlyError,
    TooNewError,
    ValidationError,
    WorkbookError,
    WorkbookLockedError,
)
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook, default_workbook_path, inspect_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_sets_schema_application_id_and_business(tmp_path: Path) -> None:
    path = tmp_path / "shop.cscoach"
    with Workbook.create(path, "Salon Ünï <b>&") as wb:
        assert wb.schema_version == migrations.latest_version()
        assert wb.conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert wb.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert wb.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert wb.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert settings.business_name(wb) == "Salon Ünï <b>&"
        assert wb.name == "shop"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert check_workbook(path) == []


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    path.write_bytes(b"precious")
    with pytest.raises(WorkbookError, match="already exists"):
        Workbook.create(path, "Cafe")
    assert path.read_bytes() == b"precious"


def test_create_with_bad_name_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    with pytest.raises(ValidationError):
        Workbook.create(path, "Bad\x00name")
    assert not path.exists()


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    with Workbook.create(path, "Cafe") as wb:
        team.add_member(wb, "Ana", "Barista")
    with Workbook.open(path) as wb:
        assert [m.name for m in team.list_members(wb)] == ["Ana"]


def test_starter_content_is_complete(workbook: Workbook) -> None:
    sections = workbook.query(
        "SELECT section, count(*) AS n FROM questions GROUP BY section ORDER BY min(position)"
    )
    assert [(s["section"], s["n"]) for s in sections] == [
        ("General", 6),
        ("Customer support team", 3),
        ("The company as a whole", 3),
        ("Improvements", 2),
    ]
    linked = workbook.query(
        "SELECT p.title, q.section FROM philosophy_sections p JOIN questions q "
        "ON q.id = p.question_id ORDER BY p.position"
    )
    assert len(linked) == 6 and all(r["section"] == "General" for r in linked)
    assert workbook.query("SELECT count(*) AS n FROM core_values")[0]["n"] == 0
    kpis = workbook.query(
        "SELECT k.key, k.unit, k.min_value, k.max_value, k.higher_is_better, t.target "
        "FROM kpis k JOIN kpi_targets t ON t.kpi_id = k.id ORDER BY k.position"
    )
    assert [
        (k["key"], k["unit"], k["min_value"], k["max_value"], k["higher_is_better"]) for k in kpis
    ] == [
        ("csat", "%", 0, 100, 1),
        ("nps", "score", -100, 100, 1),
        ("retention", "%", 0, 100, 1),
        ("resolution_time", "hours", 0, None, 0),
    ]
    assert all(k["target"] is not None for k in kpis)
    criteria = workbook.query(
        "SELECT c.quality, count(q.id) AS questions FROM hiring_criteria c "
        "JOIN criterion_questions q ON q.criterion_id = c.id GROUP BY c.id"
    )
    assert len(criteria) == 5 and all(c["questions"] >= 1 for c in criteria)
    qualities = " ".join(c["quality"].lower() for c in criteria)
    for word in ("empathy", "listening", "solve", "communication", "learn"):
        assert word in qualities
    assert workbook.query("SELECT count(*) AS n FROM standards")[0]["n"] >= 3
    assert workbook.query("SELECT count(*) AS n FROM standard_categories")[0]["n"] == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "not a SQLite file"),
        (os.urandom(4096), "not a SQLite file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "not a SQLite file"),
    ],
    ids=["zero-bytes", "truncated", "random", "png"],
)
def test_foreign_files_are_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.cscoach"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotAWorkbookError, match=message):
        Workbook.open(path)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()
    assert not (tmp_path / "bad.cscoach.lock").exists()
    assert check_workbook(path)


def test_truncated_workbook_is_refused_untouched(tmp_path: Path) -> None:
    good = tmp_path / "good.cscoach"
    Workbook.create(good, "Cafe").close()
    bad = tmp_path / "cut.cscoach"
    bad.write_bytes(good.read_bytes()[:5000])
    before = digest(bad)
    with pytest.raises(NotAWorkbookError):
        Workbook.open(bad)
    assert digest(bad) == before


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.cscoach"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAWorkbookError, match="another program"):
        Workbook.open(path)
    assert digest(path) == before


def test_newer_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.cscoach"
    Workbook.create(path, "Cafe").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    before = digest(path)
    with pytest.raises(TooNewError, match="schema 9999"):
        Workbook.open(path)
    assert digest(path) == before
    assert "newer CS Coach" in check_workbook(path)[0]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkbookError, match="does not exist"):
        Workbook.open(tmp_path / "nope.cscoach")
    assert not (tmp_path / "nope.cscoach").exists()
    with pytest.raises(NotAWorkbookError, match="folder"):
        inspect_file(tmp_path)


def test_older_workbook_is_migrated_after_a_backup(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.cscoach"
    with Workbook.create(path, "Cafe") as wb:
        team.add_member(wb, "Ana")
    old_version = migrations.latest_version()

    def m_next(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE team_members ADD COLUMN phone TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_next])
    with Workbook.open(path) as wb:
        assert wb.schema_version == old_version + 1
        assert wb.query("SELECT name, phone FROM team_members") == [{"name": "Ana", "phone": ""}]
    made = backups.list_backups(path)
    assert len(made) == 1 and f"before-schema-{old_version + 1}" in made[0].path.name
    conn = sqlite3.connect(made[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
    conn.close()
    assert stat.S_IMODE(os.stat(made[0].path).st_mode) == 0o600


def test_failed_migration_leaves_the_old_schema(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.cscoach"
    Workbook.create(path, "Cafe").close()
    version = migrations.latest_version()

    def m_broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE team_members ADD COLUMN phone TEXT")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_broken])
    with pytest.raises(sqlite3.OperationalError):
        Workbook.open(path)
    monkeypatch.undo()
    with Workbook.open(path) as wb:
        assert wb.schema_version == version
        columns = [r["name"] for r in wb.query("PRAGMA table_info(team_members)")]
        assert "phone" not in columns


def test_second_writer_is_refused_and_told_who(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    first = Workbook.create(path, "Cafe")
    with pytest.raises(WorkbookLockedError) as caught:
        Workbook.open(path)
    assert caught.value.holder["pid"] == os.getpid()
    assert "process" in str(caught.value)
    with Workbook.open(path, read_only=True) as reader:
        assert reader.read_only
        assert settings.business_name(reader) == "Cafe"
        with pytest.raises(ReadOnlyError):
            team.add_member(reader, "Bo")
    first.close()
    Workbook.open(path).close()  # released on close


def test_stale_lock_from_a_crash_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    Workbook.create(path, "Cafe").close()
    (tmp_path / "x.cscoach.lock").write_text('{"host": "gone", "pid": 999999}')
    with Workbook.open(path) as wb:
        assert not wb.read_only


def test_daily_backup_once_per_day_keeping_ten(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    Workbook.create(path, "Cafe").close()
    Workbook.open(path).close()
    Workbook.open(path).close()
    assert len(backups.list_backups(path)) == 1
    folder = backups.backup_dir(path)
    for day in range(1, 15):
        src = backups.list_backups(path)[-1].path
        (folder / f"x-2020-01-{day:02d}_120000-daily.cscoach").write_bytes(src.read_bytes())
    backups.prune(path)
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP
    assert kept[0].made_at.year > 2020  # the newest survive


def test_save_copy_is_complete_and_private(workbook: Workbook, tmp_path: Path) -> None:
    team.add_member(workbook, "Ana")
    target = tmp_path / "copy.cscoach"
    workbook.save_copy(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert check_workbook(target) == []
    with Workbook.open(target, read_only=True) as copy:
        assert [m.name for m in team.list_members(copy)] == ["Ana"]


def test_default_path_honours_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CSCOACH_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_workbook_path() == tmp_path / "elsewhere" / "workbook.cscoach"


def test_every_write_is_one_transaction(workbook: Workbook) -> None:
    with pytest.raises(RuntimeError), workbook.transaction() as db:
        db.table("team_members").insert({"name": "Ana"})
        raise RuntimeError("boom")
    assert team.list_members(workbook) == []


def test_restore_from_a_backup_keeps_the_current_state_as_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    Workbook.create(path, "Cafe").close()
    with Workbook.open(path) as wb:  # the daily backup holds no one
        (daily,) = backups.list_backups(path)
        team.add_member(wb, "Ana")
        saved = wb.restore_from(daily.path)
        assert team.list_members(wb) == []
        assert "before-restore" in saved.name
        assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
        wb.restore_from(saved)  # undo the restore
        assert [m.name for m in team.list_members(wb)] == ["Ana"]
        team.add_member(wb, "Bo")  # still a working workbook
    assert check_workbook(path) == []


def test_restore_refuses_bad_sources_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    with Workbook.create(path, "Cafe") as wb:
        team.add_member(wb, "Ana")
        bad = tmp_path / "bad.cscoach"
        bad.write_bytes(b"not a workbook")
        with pytest.raises(NotAWorkbookError):
            wb.restore_from(bad)
        with pytest.raises(WorkbookError, match="itself"):
            wb.restore_from(path)
        assert [m.name for m in team.list_members(wb)] == ["Ana"]
        assert backups.list_backups(path) == []
    with Workbook.open(path, read_only=True) as reader, pytest.raises(ReadOnlyError):
        reader.restore_from(bad)


def test_a_damaged_workbook_is_replaced_by_its_backup_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    with Workbook.create(path, "Cafe") as wb:
        team.add_member(wb, "Ana")
        backups.make_backup(wb.conn, path)
    damaged = b"SQLite format 3\x00" + b"\xff" * 3000
    path.write_bytes(damaged)
    kept = backups.replace_damaged(path, backups.list_backups(path)[0].path)
    assert kept.read_bytes() == damaged and kept.name.startswith("x.cscoach.damaged-")
    with Workbook.open(path) as wb:
        assert [m.name for m in team.list_members(wb)] == ["Ana"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_create_clears_parts_left_by_killed_runs_but_not_running_ones(tmp_path: Path) -> None:
    dead = tmp_path / ".old.cscoach.999999999.part"
    dead.write_bytes(b"half")
    Path(f"{dead}-journal").write_bytes(b"j")
    running = tmp_path / f".other.cscoach.{os.getppid()}.part"
    running.write_bytes(b"busy")
    unrelated = tmp_path / ".notes.999999999.part"
    unrelated.write_bytes(b"not ours")
    Workbook.create(tmp_path / "new.cscoach", "Corner Café").close()
    assert not dead.exists() and not Path(f"{dead}-journal").exists()
    assert running.exists() and unrelated.exists()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["new.cscoach", running.name, unrelated.name])


def test_a_failed_create_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(settings, "set_business_name", fail)
    with pytest.raises(RuntimeError):
        Workbook.create(tmp_path / "new.cscoach", "Corner Café")
    assert list(tmp_path.iterdir()) == []
