"""The workbook is never lost to an output, a backup, a lock or a full disk: each test is
the way the defect was found, as an owner (or a careless one) would hit it."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from helpers.cli import COMMAND, assert_one_error_line, digest, headless_env

from cscoach.cli import main
from cscoach.model import backups, files, kpi_entries, kpis, settings
from cscoach.model.errors import ReadOnlyError, WorkbookError, WorkbookLockedError
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "cafe.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        kpi_entries.set_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2025-02", 81, "")
    return path


# -- an output never replaces a workbook --------------------------------------------------


def _names_of_the_workbook(shop: Path) -> dict[str, Path]:
    folder = shop.parent
    (folder / "link.cscoach").symlink_to(shop.name)
    os.link(shop, folder / "hard.cscoach")
    (folder / "sub").mkdir()
    return {
        "itself": shop,
        "symlink": folder / "link.cscoach",
        "hard link": folder / "hard.cscoach",
        "dot-dot": folder / "sub" / ".." / shop.name,
    }


@pytest.mark.parametrize("command", ["print", "export"])
def test_out_naming_the_workbook_by_any_name_is_refused(capsys, shop: Path, command) -> None:
    before = digest(shop)
    for how, out in _names_of_the_workbook(shop).items():
        args = (
            ["print", "poster", "--workbook", str(shop), "--out", str(out)]
            if command == "print"
            else ["kpi", "export", "--workbook", str(shop), "--out", str(out)]
        )
        code, printed, err = cli(capsys, *args)
        assert (code, printed) == (2, ""), how
        assert_one_error_line(err, str(out), "is the workbook itself")
        assert digest(shop) == before, how
    assert check_workbook(shop) == []


@pytest.mark.parametrize("command", ["print", "export"])
def test_out_naming_another_workbook_or_a_backup_is_refused(capsys, shop: Path, command) -> None:
    other = shop.with_name("other.cscoach")
    with Workbook.create(other, "Other"):
        pass
    backup = Path(backups.back_up_file(shop))
    for target in (other, backup):
        before = digest(target)
        args = (
            ["print", "poster", "--workbook", str(shop), "--out", str(target)]
            if command == "print"
            else ["kpi", "export", "--workbook", str(shop), "--out", str(target)]
        )
        code, _out, err = cli(capsys, *args)
        assert code == 2
        assert_one_error_line(err, str(target), "is a CS Coach workbook or backup")
        assert digest(target) == before


def test_save_a_copy_over_the_workbook_through_a_hard_link_is_refused(shop: Path) -> None:
    os.link(shop, shop.with_name("hard.cscoach"))
    with Workbook.open(shop) as wb:
        with pytest.raises(WorkbookError, match="is the workbook itself"):
            wb.save_copy(shop.with_name("hard.cscoach"))
        assert kpis.kpi_by_key(wb, "csat") is not None
    assert check_workbook(shop) == []


# -- every file written one safe way -------------------------------------------------------


def test_a_planted_symlink_at_the_old_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "report.pdf"
    for planted in (f".{out.name}.tmp", f".{out.name}.{os.getpid()}.tmp"):
        (tmp_path / planted).symlink_to(victim)
    files.write_file(out, b"%PDF-1.4 new")
    assert out.read_bytes() == b"%PDF-1.4 new"
    assert victim.read_text() == "keep me"


def test_replacing_keeps_the_permissions_and_personal_files_are_private(tmp_path: Path) -> None:
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    files.write_file(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o600
    private = tmp_path / "answers.csv"
    files.write_file(private, b"x", private=True)
    assert private.stat().st_mode & 0o777 == 0o600
    old_mask = os.umask(0o027)
    try:
        plain = tmp_path / "poster.pdf"
        files.write_file(plain, b"x")
        assert plain.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, as open() gives
    finally:
        os.umask(old_mask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "kept.pdf", "poster.pdf"]


def test_writing_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    files.write_file(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_cli_prints_personal_documents_private_and_keeps_a_replaced_files_mode(
    capsys, tmp_path: Path
) -> None:
    from cscoach.model import demo

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path, today=demo_day())
    answers = tmp_path / "answers.pdf"
    assert cli(capsys, "print", "answers", "--workbook", str(path), "--out", str(answers))[0] == 0
    assert answers.stat().st_mode & 0o777 == 0o600
    poster = tmp_path / "poster.pdf"
    poster.write_bytes(b"old")
    poster.chmod(0o600)
    assert cli(capsys, "print", "poster", "--workbook", str(path), "--out", str(poster))[0] == 0
    assert poster.stat().st_mode & 0o777 == 0o600 and poster.read_bytes().startswith(b"%PDF")


def demo_day():
    import datetime as dt

    return dt.date(2026, 11, 15)


# -- backups you can trust and reach --------------------------------------------------------


def _fill_backups(shop: Path) -> list[backups.Backup]:
    for _ in range(backups.KEEP):
        backups.back_up_file(shop)
    made = backups.list_backups(shop)
    assert len(made) == backups.KEEP
    return made


def test_restoring_the_oldest_kept_backup_works(shop: Path) -> None:
    made = _fill_backups(shop)
    oldest = made[-1]
    with Workbook.open(shop) as wb:
        settings.set_business_name(wb, "Renamed since")
        saved = wb.restore_from(oldest.path)
        assert settings.business_name(wb) == "Corner Café"
    kept = backups.list_backups(shop)
    assert kept[0].path == saved and kept[0].kind == "before-restore"
    assert len(kept) == backups.KEEP  # pruned once the restore had succeeded


def test_a_failed_restore_prunes_nothing(shop: Path, monkeypatch) -> None:
    made = _fill_backups(shop)
    with Workbook.open(shop) as wb:

        def broken(*_args, **_kwargs):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(Workbook, "_migrate", broken)
        monkeypatch.setattr("cscoach.model.workbook.migrations.latest_version", lambda: 99)
        monkeypatch.setattr("cscoach.model.workbook.inspect_file", lambda _p: 1)
        with pytest.raises(sqlite3.OperationalError):
            wb.restore_from(made[-1].path)
    assert {b.path for b in made} <= {b.path for b in backups.list_backups(shop)}


def test_backup_backups_and_restore_on_the_command_line(capsys, shop: Path) -> None:
    code, out, err = cli(capsys, "backup", str(shop))
    assert (code, err) == (0, "")
    made = Path(out.strip())
    assert made.parent == shop.parent / "backups" and check_workbook(made) == []
    with Workbook.open(shop) as wb:
        settings.set_business_name(wb, "Changed")
    code, out, err = cli(capsys, "backups", str(shop))
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.endswith(str(made))]
    when, kind, size, where = line.split("\t")
    assert kind == "manual" and int(size) == made.stat().st_size and Path(where) == made
    assert len(when) == 19 and when[10] == " "
    code, out, err = cli(capsys, "restore", str(shop), "--from", str(made))
    assert (code, err) == (0, "")
    assert "backed up first as" in out
    with Workbook.open(shop, read_only=True) as wb:
        assert settings.business_name(wb) == "Corner Café"
    kinds = [b.kind for b in backups.list_backups(shop)]
    assert kinds[0] == "before-restore"


def test_restore_is_refused_while_the_app_has_the_workbook(capsys, shop: Path) -> None:
    made = backups.back_up_file(shop)
    with Workbook.open(shop):
        before = digest(shop)
        code, out, err = cli(capsys, "restore", str(shop), "--from", str(made))
        assert (code, out) == (2, "")
        assert_one_error_line(err, "is open in")
        assert digest(shop) == before


def test_restore_from_a_file_that_is_not_a_workbook_changes_nothing(capsys, shop: Path) -> None:
    bad = shop.with_name("notes.cscoach")
    bad.write_bytes(b"\x89PNG\r\n")
    before = digest(shop)
    code, _out, err = cli(capsys, "restore", str(shop), "--from", str(bad))
    assert code == 2
    assert_one_error_line(err, "notes.cscoach")
    assert digest(shop) == before and backups.list_backups(shop) == []


def test_a_killed_backups_temporary_file_is_cleared_next_time(shop: Path) -> None:
    folder = shop.parent / "backups"
    folder.mkdir()
    dead = _dead_pid()
    left = folder / f".{shop.stem}-2026-01-01_000000-daily.cscoach.{dead}.k9x2ab.tmp"
    left.write_bytes(b"\0" * 300_000)  # a full-size copy a kill -9 left behind
    alive = folder / f".other.cscoach.{os.getpid()}.abc123.tmp"
    alive.write_bytes(b"in use")
    backups.back_up_file(shop)
    assert not left.exists()
    assert alive.exists()  # a running process's file is left alone


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


# -- one writer, really ---------------------------------------------------------------------


def test_the_lock_is_on_the_file_not_the_path_typed(shop: Path) -> None:
    names = _names_of_the_workbook(shop)
    with Workbook.open(shop):
        for how, path in names.items():
            with pytest.raises(WorkbookLockedError):
                Workbook.open(path).close()
                pytest.fail(f"opened through its {how}")
    for path in names.values():  # released: each name opens again
        Workbook.open(path).close()


def test_the_lock_holds_against_another_process_through_a_hard_link(shop: Path) -> None:
    hard = shop.with_name("hard.cscoach")
    os.link(shop, hard)
    before = digest(shop)
    with Workbook.open(shop):
        result = subprocess.run(
            [*COMMAND, "kpi", "import", "--workbook", str(hard), str(_csv(shop.parent))],
            capture_output=True,
            text=True,
            env=headless_env(shop.parent / "data"),
            timeout=60,
        )
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "is open in")
    assert digest(shop) == before


def _csv(folder: Path) -> Path:
    path = folder / "values.csv"
    path.write_text("month,kpi,value,note\n2025-03,csat,77,\n", encoding="utf-8")
    return path


def test_backups_go_beside_the_real_file(tmp_path: Path, shop: Path) -> None:
    elsewhere = tmp_path / "desktop"
    elsewhere.mkdir()
    link = elsewhere / "shortcut.cscoach"
    link.symlink_to(shop)
    made = backups.back_up_file(link)
    assert made.parent == shop.parent / "backups"
    assert made.name.startswith("cafe-")
    assert not (elsewhere / "backups").exists()
    assert backups.list_backups(link) == backups.list_backups(shop)


def test_a_folder_the_owner_cannot_write_to_is_named(shop: Path, monkeypatch) -> None:
    real_open = os.open

    def refuse_lock(path, flags, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock)
    with pytest.raises(ReadOnlyError) as caught:
        Workbook.open(shop)
    assert str(shop.parent) in caught.value.message
    assert ".lock" not in caught.value.message


# -- a full disk leaves a whole file --------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB file system of its own (a tmpfs; needs root's right to mount)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    where = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path, leave: int = 0) -> None:
    st = os.statvfs(folder)
    room = st.f_bavail * st.f_frsize - leave
    with open(folder / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
        f.write(b"x" * max(room, 0))
        while leave == 0:
            f.write(b"x" * 1024)


@pytest.mark.parametrize("room_kb", [16, 128, 400, 900])
def test_a_full_disk_mid_save_leaves_a_whole_file_and_no_journal(
    small_disk: Path, shop: Path, room_kb: int
) -> None:
    path = small_disk / "cafe.cscoach"
    shutil.copy(shop, path)
    with Workbook.open(path) as wb:
        wb.conn.execute("PRAGMA cache_size = 5")  # spill into the file before the commit
        _fill(small_disk, leave=room_kb * 1024)
        with pytest.raises(sqlite3.OperationalError, match="full"), wb.transaction() as db:
            db.conn.execute("UPDATE settings SET value = value || ''")
            for i in range(3000):
                db.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", (f"k{i}", "x" * 300)
                )
        assert not Path(f"{path}-journal").exists()
        copy = shop.parent / "copy.cscoach"
        shutil.copy(path, copy)  # the file alone, as an owner would copy it
        assert check_workbook(copy) == []
        assert settings.business_name(wb) == "Corner Café"  # still usable
        (small_disk / "filler").unlink()
        with wb.transaction():
            settings.set_business_name(wb, "Saved after space was freed")
    with Workbook.open(path, read_only=True) as wb:
        assert settings.business_name(wb) == "Saved after space was freed"


def test_a_completely_full_disk_gets_plain_words_and_leaves_no_lock(
    capsys, small_disk: Path, shop: Path
) -> None:
    path = small_disk / "cafe.cscoach"
    shutil.copy(shop, path)
    before = digest(path)
    _fill(small_disk)
    code, out, err = cli(capsys, "kpi", "import", "--workbook", str(path), str(_csv(shop.parent)))
    assert (code, out) == (2, "")
    line = assert_one_error_line(err, "the disk is full")
    assert "No space left on device" not in line
    assert sorted(p.name for p in small_disk.iterdir()) == ["cafe.cscoach", "filler"]
    assert digest(path) == before
    code, _out, err = cli(capsys, "backup", str(path))
    assert code == 2 and "the disk is full" in err and "No space" not in err
    assert not [p for p in (small_disk / "backups").iterdir()]


# -- command-line edges ---------------------------------------------------------------------


def test_a_reader_that_stops_early_is_not_an_import_error(shop: Path) -> None:
    """`cscoach kpi import … | head -1`: the import commits; the closed pipe is not an
    error of the import, so the exit status says it worked."""
    values = shop.parent / "many.csv"
    rows = [f"20{y:02d}-{m:02d},csat,{70 + m},\n" for y in range(10, 20) for m in range(1, 13)]
    values.write_text("month,kpi,value,note\n" + "".join(rows), encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is printed
    try:
        result = subprocess.run(
            [*COMMAND, "kpi", "import", "--workbook", str(shop), str(values)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=headless_env(shop.parent / "data"),
            timeout=60,
        )
    finally:
        os.close(write)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    with Workbook.open(shop, read_only=True) as wb:
        assert kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2019-12") is not None
