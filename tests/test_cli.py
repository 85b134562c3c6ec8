"""The command line: in-process with capsys, and as a real process without a display."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from cscoach import __version__
from cscoach.cli import main
from cscoach.model import settings
from cscoach.model.workbook import Workbook


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cscoach: error: "), err
    for fragment in fragments:
        assert fragment in lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def headless_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a terminal with no display at all."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MPLBACKEND")
    }
    env["CSCOACH_DATA_DIR"] = str(tmp_path / "data")
    return env


def run_process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cscoach", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=headless_env(tmp_path),
        timeout=120,
    )


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    path = tmp_path / "healthy.cscoach"
    Workbook.create(path, "Corner Café").close()
    return path


# -- --version and help ---------------------------------------------------------------


def test_version(capsys) -> None:
    assert cli(capsys, "--version") == (0, f"cscoach {__version__}\n", "")


def test_help_lists_the_commands(capsys) -> None:
    code, out, err = cli(capsys, "--help")
    assert code == 0 and err == ""
    for command in (
        "cscoach [WORKBOOK]",
        "new PATH --business NAME",
        "demo PATH",
        "check PATH",
        "print DOC",
    ):
        assert command in out


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["new"],
        ["new", "x.cscoach"],
        ["new", "--business", "Café"],
        ["demo"],
        ["check"],
        ["check", "a.cscoach", "b.cscoach"],
        ["check", ""],
        ["neww", "x.cscoach"],
        ["one.cscoach", "two.cscoach"],
        ["--version", "check", "x.cscoach"],
        [""],
    ],
)
def test_usage_errors_are_one_line_and_write_nothing(tmp_path, monkeypatch, capsys, args) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert_one_error_line(err)
    assert list(tmp_path.iterdir()) == []


# -- new --------------------------------------------------------------------------------


def test_new_creates_a_private_workbook(tmp_path: Path, capsys) -> None:
    path = tmp_path / "shop.cscoach"
    code, out, err = cli(capsys, "new", str(path), "--business", "  Salon Ünï <b>&  ")
    assert (code, err) == (0, "")
    assert str(path) in out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with Workbook.open(path, read_only=True) as wb:
        assert settings.business_name(wb) == "Salon Ünï <b>&"
        assert wb.query_one("SELECT count(*) AS n FROM questions")["n"] == 14
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.cscoach"]  # no lock left
    assert cli(capsys, "check", str(path)) == (0, f"{path}: ok\n", "")


@pytest.mark.parametrize("existing", ["workbook", "other file", "folder"])
def test_new_refuses_an_existing_path(tmp_path: Path, capsys, healthy: Path, existing) -> None:
    if existing == "workbook":
        path = healthy
    elif existing == "other file":
        path = tmp_path / "notes.cscoach"
        path.write_bytes(b"precious")
    else:
        path = tmp_path / "folder.cscoach"
        path.mkdir()
    before = None if path.is_dir() else digest(path)
    code, out, err = cli(capsys, "new", str(path), "--business", "Another")
    assert code == 2 and out == ""
    assert_one_error_line(err, str(path), "already exists")
    if before is not None:
        assert digest(path) == before
    assert not (tmp_path / (path.name + ".lock")).exists()


@pytest.mark.parametrize(
    ("business", "reason"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("Bad\x00name", "NUL"),
        ("Two\nlines", "one line"),
        ("x" * 201, "too long"),
    ],
)
def test_new_refuses_a_bad_business_name(tmp_path: Path, capsys, business, reason) -> None:
    path = tmp_path / "shop.cscoach"
    code, out, err = cli(capsys, "new", str(path), "--business", business)
    assert code == 2 and out == ""
    assert_one_error_line(err, "Business name", reason)
    assert list(tmp_path.iterdir()) == []


def test_new_reports_a_folder_it_cannot_create(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = cli(capsys, "new", str(blocker / "shop.cscoach"), "--business", "Café")
    assert code == 2 and out == ""
    assert_one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


# -- demo -------------------------------------------------------------------------------


def test_demo_creates_a_healthy_workbook_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.cscoach"
    code, out, err = cli(capsys, "demo", str(path))
    assert (code, err) == (0, "")
    assert str(path) in out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert cli(capsys, "check", str(path)) == (0, f"{path}: ok\n", "")
    before = digest(path)
    code, out, err = cli(capsys, "demo", str(path))
    assert code == 2 and out == ""
    assert_one_error_line(err, "already exists")
    assert digest(path) == before


# -- check ------------------------------------------------------------------------------


def _zero_bytes(path: Path, healthy: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, healthy: Path) -> None:
    data = healthy.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _random_bytes(path: Path, healthy: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _png(path: Path, healthy: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def _other_app(path: Path, healthy: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path, healthy: Path) -> None:
    path.write_bytes(healthy.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_zero_bytes, "empty"),
        (_truncated, "damaged"),
        (_random_bytes, "not a SQLite file"),
        (_png, "not a SQLite file"),
        (_other_app, "another program"),
        (_newer_schema, "newer CS Coach"),
    ],
)
def test_check_explains_a_bad_file_and_leaves_it_alone(
    tmp_path: Path,
    capsys,
    healthy: Path,
    make: Callable[[Path, Path], None],
    reason: str,
) -> None:
    path = tmp_path / "bad.cscoach"
    make(path, healthy)
    before = digest(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = cli(capsys, "check", str(path))
    assert code == 1 and err == ""
    assert out.startswith(str(path)) and reason in out
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_check_a_missing_file_does_not_create_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nowhere.cscoach"
    code, out, err = cli(capsys, "check", str(path))
    assert (code, err) == (1, "")
    assert out == f"{path} does not exist.\n"
    assert list(tmp_path.iterdir()) == []


def test_check_a_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "folder.cscoach"
    folder.mkdir()
    code, out, err = cli(capsys, "check", str(folder))
    assert (code, err) == (1, "")
    assert "is a folder" in out
    assert list(folder.iterdir()) == []


def test_check_a_healthy_workbook_changes_nothing(tmp_path: Path, capsys, healthy: Path) -> None:
    before = digest(healthy)
    listing = sorted(p.name for p in tmp_path.iterdir())
    assert cli(capsys, "check", str(healthy)) == (0, f"{healthy}: ok\n", "")
    assert digest(healthy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_check_reports_broken_references(tmp_path: Path, capsys, healthy: Path) -> None:
    conn = sqlite3.connect(healthy)  # foreign keys off: write a dangling reference
    conn.execute("INSERT INTO standard_values (standard_id, value_id) VALUES (1, 999)")
    conn.commit()
    conn.close()
    code, out, err = cli(capsys, "check", str(healthy))
    assert (code, err) == (1, "")
    assert out == f"{healthy}: 1 broken reference(s) in standard_values\n"


# -- opening the app --------------------------------------------------------------------


@pytest.fixture
def fake_app(monkeypatch) -> list:
    """Stands in for ``cscoach.ui.app`` so no window opens (and Qt is not needed)."""
    calls: list = []
    module = types.ModuleType("cscoach.ui.app")

    def run(path):
        calls.append(path)
        return 0

    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cscoach.ui.app", module)
    return calls


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], None),
        (["shop.cscoach"], Path("shop.cscoach")),
        (["my shop/new"], Path("my shop/new")),
        (["--", "check"], Path("check")),
        (["--", "-odd-name.cscoach"], Path("-odd-name.cscoach")),
    ],
)
def test_a_workbook_argument_opens_the_app(fake_app, capsys, args, expected) -> None:
    assert cli(capsys, *args) == (0, "", "")
    assert fake_app == [expected]


def test_commands_do_not_open_the_app(tmp_path: Path, fake_app, capsys) -> None:
    cli(capsys, "new", str(tmp_path / "a.cscoach"), "--business", "Café")
    cli(capsys, "check", str(tmp_path / "a.cscoach"))
    cli(capsys, "--version")
    assert fake_app == []


# -- a real process, no display ---------------------------------------------------------


def test_real_process_without_a_display(tmp_path: Path) -> None:
    version = run_process(tmp_path, "--version")
    assert (version.returncode, version.stdout, version.stderr) == (
        0,
        f"cscoach {__version__}\n",
        "",
    )
    created = run_process(tmp_path, "new", "shop.cscoach", "--business", "Corner Café")
    assert created.returncode == 0, created.stderr
    path = tmp_path / "shop.cscoach"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    before = digest(path)
    again = run_process(tmp_path, "new", "shop.cscoach", "--business", "Other")
    assert again.returncode == 2 and again.stdout == ""
    assert_one_error_line(again.stderr, "already exists")
    assert digest(path) == before
    checked = run_process(tmp_path, "check", "shop.cscoach")
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "shop.cscoach: ok\n", "")
    (tmp_path / "empty.cscoach").write_bytes(b"")
    bad = run_process(tmp_path, "check", "empty.cscoach")
    assert (bad.returncode, bad.stderr) == (1, "")
    assert "empty" in bad.stdout
    usage = run_process(tmp_path, "new", "x.cscoach", "--business", "")
    assert usage.returncode == 2 and usage.stdout == ""
    assert_one_error_line(usage.stderr, "Business name")
    assert not (tmp_path / "x.cscoach").exists()


def test_commands_import_no_qt_matplotlib_or_reportlab(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from cscoach.cli import main\n"
        "codes = [main(['demo', 'demo.cscoach']), main(['check', 'demo.cscoach']),\n"
        "         main(['new', 'n.cscoach', '--business', 'Café']), main(['--version'])]\n"
        "heavy = [m for m in ('PySide6', 'matplotlib', 'reportlab', 'cscoach.ui')\n"
        "         if m in sys.modules]\n"
        "print(codes, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=headless_env(tmp_path),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[0, 0, 0, 0] []"


# -- print ------------------------------------------------------------------------------


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    from cscoach.model import demo

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path)
    return path


@pytest.mark.parametrize(
    "document",
    [
        "philosophy",
        "questionnaire",
        "answers",
        "poster",
        "standards",
        "signoff",
        "scorecard",
        "culture-map",
        "monthly-review",
    ],
)
def test_print_every_document(tmp_path: Path, capsys, demo_path: Path, document: str) -> None:
    from pypdf import PdfReader

    out = tmp_path / f"{document}.pdf"
    before = digest(demo_path)
    code, stdout, err = cli(
        capsys, "print", document, "--workbook", str(demo_path), "--out", str(out)
    )
    assert code == 0 and err == "" and str(out) in stdout
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    assert "The Corner Café" in reader.pages[0].extract_text()
    assert digest(demo_path) == before  # printing only reads the workbook


def test_print_options(tmp_path: Path, capsys, demo_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "letter.pdf"
    code, _, _ = cli(
        capsys,
        "print",
        "answers",
        "--workbook",
        str(demo_path),
        "--out",
        str(out),
        "--page-size",
        "LETTER",
        "--round",
        "team meeting, " + _first_round_month(demo_path),
    )
    assert code == 0
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612
    code, _, _ = cli(
        capsys,
        "print",
        "philosophy",
        "--workbook",
        str(demo_path),
        "--out",
        str(out),
        "--version",
        "1",
    )
    assert code == 0 and "Version 1" in PdfReader(out).pages[0].extract_text()


def _first_round_month(path: Path) -> str:
    from cscoach.model import questionnaire as qn

    with Workbook.open(path, read_only=True) as wb:
        return qn.list_rounds(wb)[-1].name.split(", ", 1)[1]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["brochure"], "invalid choice"),
        (["answers", "--round", "Nope"], "no round called"),
        (["philosophy", "--version", "7"], "no version 7"),
        (["poster", "--page-size", "a5"], "invalid choice"),
        (["scorecard", "--candidate", "Liam OConor"], "Liam O'Connor"),
    ],
)
def test_print_errors_write_nothing(tmp_path, capsys, demo_path, args, fragment) -> None:
    out = tmp_path / "out.pdf"
    code, _, err = cli(
        capsys, "print", args[0], "--workbook", str(demo_path), "--out", str(out), *args[1:]
    )
    assert code == 2
    assert_one_error_line(err, fragment)
    assert not out.exists()


def test_print_refuses_a_file_that_is_not_a_workbook(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.cscoach"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    code, _, err = cli(capsys, "print", "poster", "--workbook", str(bad), "--out", "x.pdf")
    assert code == 2
    assert_one_error_line(err, "not a CS Coach workbook")


def test_poster_that_does_not_fit_warns_on_stderr(tmp_path: Path, capsys, healthy: Path) -> None:
    from cscoach.model import standards as st

    with Workbook.open(healthy) as wb:
        category = st.list_categories(wb)[0].id
        for n in range(200):  # the poster holds about 70 of these at its 14 pt floor
            st.add_standard(
                wb, st.StandardInput(f"Standard {n} for the team", category, on_poster=True)
            )
    out = tmp_path / "poster.pdf"
    code, _, err = cli(capsys, "print", "poster", "--workbook", str(healthy), "--out", str(out))
    assert code == 0 and out.exists()
    assert err.startswith("cscoach: warning: ") and "did not fit" in err


def test_filled_scorecard_for_a_candidate(tmp_path: Path, capsys, demo_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "card.pdf"
    code, _, err = cli(
        capsys,
        "print",
        "scorecard",
        "--workbook",
        str(demo_path),
        "--out",
        str(out),
        "--candidate",
        "liam o'connor",
    )
    assert code == 0 and err == ""
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Liam O'Connor" in text and "%" in text


# -- kpi and survey ---------------------------------------------------------------------


def test_kpi_export_then_import_round_trips(tmp_path: Path, capsys, demo_path: Path) -> None:
    out = tmp_path / "kpis.csv"
    code, stdout, _ = cli(capsys, "kpi", "export", "--workbook", str(demo_path), "--out", str(out))
    assert code == 0 and "Wrote" in stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbfmonth,kpi,value,note")
    code, stdout, err = cli(capsys, "kpi", "import", "--workbook", str(demo_path), str(out))
    assert code == 0 and err == ""
    assert "Imported 0 new values" in stdout


def test_out_dash_writes_to_standard_output(tmp_path: Path, demo_path: Path) -> None:
    """``--out -`` pipes the PDF or the CSV (no BOM, no "Wrote" line) and leaves no file
    named "-"; a real process, so the bytes are the ones a pipe gets."""
    import io

    from pypdf import PdfReader

    pdf = subprocess.run(
        [sys.executable, "-m", "cscoach", "print", "poster", "--workbook", str(demo_path)]
        + ["--out", "-"],
        capture_output=True,
        cwd=tmp_path,
        env=headless_env(tmp_path),
        timeout=120,
    )
    assert pdf.returncode == 0 and pdf.stderr == b""
    assert pdf.stdout.startswith(b"%PDF") and pdf.stdout.rstrip().endswith(b"%%EOF")
    assert "service" in PdfReader(io.BytesIO(pdf.stdout)).pages[0].extract_text().lower()
    done = run_process(tmp_path, "kpi", "export", "--workbook", str(demo_path), "--out", "-")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "month,kpi,value,note" and len(lines) > 50
    assert not (tmp_path / "-").exists()


def test_kpi_import_is_all_or_nothing(tmp_path: Path, capsys, healthy: Path) -> None:
    csv_file = tmp_path / "in.csv"
    csv_file.write_text(
        "month;kpi;value;note\n"
        "2026-01;Customer satisfaction (CSAT);85,5;\n"
        "2026-02;Net Promoter Score (NPS);140;too high\n",
        encoding="utf-8",
    )
    before = digest(healthy)
    code, _, err = cli(capsys, "kpi", "import", "--workbook", str(healthy), str(csv_file))
    assert code == 2
    assert_one_error_line(err, "Line 3")
    assert digest(healthy) == before


def test_kpi_import_keeps_existing_months_unless_replace(tmp_path, capsys, healthy) -> None:
    from cscoach.model import kpi_entries, kpis

    first = tmp_path / "a.csv"
    first.write_text("month,kpi,value,note\n2026-01,Customer satisfaction (CSAT),80,\n")
    second = tmp_path / "b.csv"
    second.write_text("\ufeffmonth,kpi,value,note\n2026-01,Customer satisfaction (CSAT),90,\n")
    assert cli(capsys, "kpi", "import", "--workbook", str(healthy), str(first))[0] == 0
    code, out, _ = cli(capsys, "kpi", "import", "--workbook", str(healthy), str(second))
    assert code == 0 and "2026-01" in out
    with Workbook.open(healthy, read_only=True) as wb:
        csat = kpis.kpi_by_key(wb, "csat")
        assert kpi_entries.get_entry(wb, csat.id, "2026-01").value == 80
    code, _, _ = cli(capsys, "kpi", "import", "--workbook", str(healthy), str(second), "--replace")
    assert code == 0
    with Workbook.open(healthy, read_only=True) as wb:
        assert kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2026-01").value == 90


def test_survey_import_stores_nps_and_csat_with_counts(tmp_path, capsys, healthy) -> None:
    from cscoach.model import kpi_entries, kpis

    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Timestamp,Recommend (0-10),Satisfied (1-5)\n"
        "2026-03-02 10:00:00,10,5\n"
        "2026-03-05 10:00:00,9,4\n"
        "2026-03-09 10:00:00,3,2\n"
        "2026-03-10 10:00:00,,3\n",
        encoding="utf-8",
    )
    code, out, err = cli(
        capsys,
        "survey",
        "import",
        "--workbook",
        str(healthy),
        str(survey),
        "--nps-column",
        "Recommend (0-10)",
        "--csat-column",
        "Satisfied (1-5)",
        "--date-column",
        "Timestamp",
    )
    assert code == 0 and err == "", err
    assert "Stored" in out and "blank" in out
    with Workbook.open(healthy, read_only=True) as wb:
        nps = kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "nps").id, "2026-03")
        csat = kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2026-03")
    assert nps.value == pytest.approx(100 * (2 - 1) / 3)
    assert csat.value == pytest.approx(50.0)


def test_survey_import_bad_column_writes_nothing(tmp_path, capsys, healthy) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("Timestamp,Score\n2026-03-02,7\n", encoding="utf-8")
    before = digest(healthy)
    code, _, err = cli(
        capsys,
        "survey",
        "import",
        "--workbook",
        str(healthy),
        str(survey),
        "--nps-column",
        "Nope",
    )
    assert code == 2
    assert_one_error_line(err, "Nope")
    assert digest(healthy) == before


# -- refusals: one line, exit 2, nothing written ----------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (backups/ included) with a digest of its bytes."""
    return {
        str(p.relative_to(folder)): (digest(p) if p.is_file() else "folder")
        for p in sorted(folder.rglob("*"))
    }


def refused_writes_nothing(capsys, folder: Path, args: list[str], *fragments: str) -> str:
    before = snapshot(folder)
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, ""), err
    assert_one_error_line(err, *fragments)
    assert ".tmp" not in err and ".part" not in err, err
    assert snapshot(folder) == before, "something was written"
    return err


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A workbook with a KPI value, alone in its own folder."""
    from cscoach.model import kpi_entries, kpis

    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "shop.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        kpi_entries.set_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2025-02", 81, "")
    return path


NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.parametrize("args", [[], ["shop.cscoach"], ["--", "shop.cscoach"]])
def test_opening_the_app_without_a_display_is_one_line(tmp_path: Path, args) -> None:
    before = snapshot(tmp_path)
    done = run_process(tmp_path, *args)
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert_one_error_line(done.stderr, "no display", "cscoach check", "cscoach print")
    assert "qt.qpa" not in done.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("env", "opens"),
    [
        ({}, False),
        ({"DISPLAY": ""}, False),  # set but empty: still no display
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, True),  # chosen by the user: Qt tries it
    ],
)
def test_the_display_check_comes_before_qt(monkeypatch, fake_app, capsys, env, opens) -> None:
    for name in NO_DISPLAY:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = cli(capsys, "shop.cscoach")
    if opens:
        assert (code, err, fake_app) == (0, "", [Path("shop.cscoach")])
    else:
        assert (code, out, fake_app) == (2, "", [])
        assert_one_error_line(err, "no display", "DISPLAY", "cscoach kpi export")


KPI_HEAD = "month,kpi,value,note\n"
SURVEY_HEAD = "Timestamp,Recommend (0-10),Satisfied (1-5)\n"
BAD_IMPORTS = [
    ("kpi: value out of range", "kpi", KPI_HEAD + "2025-01,NPS,140,\n", [], "Line 2"),
    ("kpi: unknown KPI", "kpi", KPI_HEAD + "2025-01,Footfall,3,\n", [], "no KPI called"),
    ("kpi: wrong header", "kpi", "date,name,amount\n2025-01,NPS,1\n", [], "unknown column"),
    ("kpi: empty file", "kpi", "", [], "empty"),
    ("kpi: bad row after good", "kpi", KPI_HEAD + "2025-01,NPS,10,\n2025-13,NPS,1,\n", [], "13"),
    ("survey: unknown column", "survey", SURVEY_HEAD + "2025-03-02,9,5\n", ["--nps-column", "X"],
     "no NPS column called “X”"),
    ("survey: text in NPS", "survey", SURVEY_HEAD + "2025-03-02,great,5\n",
     ["--nps-column", "Recommend (0-10)"], "not a 0–10 answer column"),
    ("survey: no dates", "survey", SURVEY_HEAD + "soon,9,5\n", ["--date-column", "Timestamp"],
     "readable dates"),
    ("survey: header only", "survey", SURVEY_HEAD, [], "no responses"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "text", "options", "fragment"),
    [b[1:] for b in BAD_IMPORTS],
    ids=[b[0] for b in BAD_IMPORTS],
)
@pytest.mark.parametrize("replace", [False, True], ids=["keep", "replace"])
def test_a_refused_import_makes_no_backup(
    tmp_path, capsys, shop, command, text, options, fragment, replace
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    args = [command, "import", "--workbook", str(shop), str(source), *options]
    refused_writes_nothing(capsys, shop.parent, args + ["--replace"] * replace, fragment)
    assert not (shop.parent / "backups").exists()


def test_an_accepted_import_still_backs_up_and_imports(tmp_path, capsys, shop) -> None:
    from cscoach.model import kpi_entries, kpis

    source = tmp_path / "in.csv"
    source.write_text(KPI_HEAD + "2025-02,CSAT,90,\n2025-03,CSAT,70,\n", encoding="utf-8")
    code, out, err = cli(capsys, "kpi", "import", "--workbook", str(shop), str(source))
    assert (code, err) == (0, "") and "Imported 1 new value" in out and "Kept 1" in out
    assert len(list((shop.parent / "backups").iterdir())) == 1  # the daily backup
    survey = tmp_path / "survey.csv"
    survey.write_text(SURVEY_HEAD + "2025-04-02 10:00:00,9,5\n", encoding="utf-8")
    code, out, err = cli(capsys, "survey", "import", "--workbook", str(shop), str(survey))
    assert (code, err) == (0, "") and "Stored" in out
    with Workbook.open(shop, read_only=True) as wb:
        csat = kpis.kpi_by_key(wb, "csat").id
        assert kpi_entries.get_entry(wb, csat, "2025-02").value == 81
        assert kpi_entries.get_entry(wb, csat, "2025-03").value == 70
        assert kpi_entries.get_entry(wb, csat, "2025-04").value == 100


def test_an_import_into_an_older_workbook_is_checked_on_an_updated_copy(
    tmp_path, capsys, shop, monkeypatch
) -> None:
    from cscoach.model import kpi_entries, kpis, migrations

    def m_next(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE kpis ADD COLUMN colour TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_next])
    source = tmp_path / "in.csv"
    source.write_text(KPI_HEAD + "2025-01,NPS,140,\n", encoding="utf-8")
    args = ["kpi", "import", "--workbook", str(shop), str(source)]
    refused_writes_nothing(capsys, shop.parent, args, "Line 2")
    source.write_text(KPI_HEAD + "2025-01,NPS,40,\n", encoding="utf-8")
    code, out, err = cli(capsys, *args)
    assert (code, err) == (0, "") and "Imported 1 new value" in out
    with Workbook.open(shop, read_only=True) as wb:
        assert wb.schema_version == len(migrations.MIGRATIONS)
        assert kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "nps").id, "2025-01").value == 40
    assert any("before-schema" in p.name for p in (shop.parent / "backups").iterdir())


BAD_OUTS = [
    ("missing folder", "{dir}/nowhere/out.{ext}", "the folder {dir}/nowhere does not exist"),
    ("missing folders", "{dir}/a/b/out.{ext}", "the folder {dir}/a/b does not exist"),
    ("a file as the folder", "{book}/out.{ext}", "{book} is a file, not a folder"),
    ("a folder as the file", "{dir}", "is a folder"),
]


@pytest.mark.parametrize(
    ("out", "fragment"), [b[1:] for b in BAD_OUTS], ids=[b[0] for b in BAD_OUTS]
)
@pytest.mark.parametrize("command", ["print", "export"])
def test_an_output_that_cannot_be_written_is_named_as_given(
    capsys, shop, command, out, fragment
) -> None:
    ext = "pdf" if command == "print" else "csv"
    values = {"dir": shop.parent, "book": shop, "ext": ext}
    target = out.format(**values)
    args = (
        ["print", "poster", "--workbook", str(shop), "--out", target]
        if command == "print"
        else ["kpi", "export", "--workbook", str(shop), "--out", target]
    )
    err = refused_writes_nothing(capsys, shop.parent, args, fragment.format(**values))
    if fragment != "is a folder":  # that one is a usage error about --out
        assert f"cannot write {target}: " in err


@pytest.mark.parametrize("command", ["print", "export"])
def test_an_output_folder_that_is_read_only(capsys, shop, monkeypatch, command) -> None:
    folder = shop.parent / "locked"
    folder.mkdir()
    target = folder / f"out.{'pdf' if command == 'print' else 'csv'}"
    args = (
        ["print", "poster", "--workbook", str(shop), "--out", str(target)]
        if command == "print"
        else ["kpi", "export", "--workbook", str(shop), "--out", str(target)]
    )
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: Path(p) != folder and real_access(p, mode, **kw)
    )
    refused_writes_nothing(
        capsys, shop.parent, args, f"cannot write {target}: the folder {folder} is read-only"
    )


@pytest.mark.parametrize(
    ("error", "fragment"),
    [
        (PermissionError(13, "Permission denied"), "is read-only for you"),
        (OSError(28, "No space left on device"), "the disk is full"),
        (OSError(5, "Input/output error"), "Input/output error; choose another"),
    ],
    ids=["permission", "disk full", "other"],
)
@pytest.mark.parametrize("command", ["print", "export"])
def test_a_failed_write_names_the_path_given(
    capsys, shop, monkeypatch, command, error, fragment
) -> None:
    """The write itself fails (the folder looked writable): the message names the file the
    owner asked for, never the hidden temporary file beside it."""
    from cscoach.model import files

    target = shop.parent / f"out.{'pdf' if command == 'print' else 'csv'}"
    hidden = target.with_name(f".{target.name}.1234.tmp")

    def fail(*_args, **_kwargs):
        error.filename = str(hidden)
        raise error

    monkeypatch.setattr(files, "open", fail, raising=False)  # every output is written there
    if command == "print":
        args = ["print", "poster", "--workbook", str(shop), "--out", str(target)]
    else:
        args = ["kpi", "export", "--workbook", str(shop), "--out", str(target)]
    refused_writes_nothing(capsys, shop.parent, args, f"cannot write {target}: ", fragment)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder(capsys, shop) -> None:
    folder = shop.parent / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        for args in (
            ["print", "poster", "--workbook", str(shop), "--out", str(folder / "x.pdf")],
            ["kpi", "export", "--workbook", str(shop), "--out", str(folder / "x.csv")],
        ):
            refused_writes_nothing(capsys, shop.parent, args, "is read-only")
    finally:
        folder.chmod(0o755)


BAD_PRINT_OPTIONS = [
    ("version with draft", ["philosophy", "--version", "1", "--draft"], "cannot be used together"),
    ("month on the poster", ["poster", "--month", "2025-01"], "poster does not use --month"),
    ("candidate on the review", ["monthly-review", "--candidate", "Liam"], "--candidate"),
    ("round on the philosophy", ["philosophy", "--round", "Spring"], "does not use --round"),
    ("version on the poster", ["poster", "--version", "1"], "does not use --version"),
    ("draft on the scorecard", ["scorecard", "--draft"], "does not use --draft"),
    ("month on the culture map", ["culture-map", "--month", "2025-01"], "only monthly-review"),
    ("candidate on the questionnaire", ["questionnaire", "--candidate", "Ana"], "only scorecard"),
    ("round on the answers' neighbour", ["questionnaire", "--round", "Spring"], "only answers"),
    ("empty round on the standards", ["standards", "--round", ""], "does not use --round"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "fragment"),
    [b[1:] for b in BAD_PRINT_OPTIONS],
    ids=[b[0] for b in BAD_PRINT_OPTIONS],
)
def test_print_refuses_options_the_document_does_not_use(capsys, shop, args, fragment) -> None:
    out = shop.parent / "out.pdf"
    full = ["print", args[0], "--workbook", str(shop), "--out", str(out), *args[1:]]
    err = refused_writes_nothing(capsys, shop.parent, full, fragment)
    assert "leave it out" in err or "give one of them" in err  # says what to do


BAD_NEW_PATHS = [
    ("new, no extension", ["new", "{dir}/e4", "--business", "Foo"], "{dir}/e4.cscoach"),
    ("demo, no extension", ["demo", "{dir}/e4"], "{dir}/e4.cscoach"),
    ("new, another extension", ["new", "{dir}/shop.db", "--business", "Foo"], "shop.db.cscoach"),
    ("demo, trailing dot", ["demo", "{dir}/shop."], "{dir}/shop..cscoach"),
    ("demo, .cscoach.bak", ["demo", "{dir}/a.cscoach.bak"], "a.cscoach.bak.cscoach"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "suggestion"), [b[1:] for b in BAD_NEW_PATHS], ids=[b[0] for b in BAD_NEW_PATHS]
)
def test_new_and_demo_want_the_cscoach_extension(tmp_path, capsys, args, suggestion) -> None:
    filled = [a.format(dir=tmp_path) for a in args]
    refused_writes_nothing(
        capsys, tmp_path, filled, "does not end in .cscoach", suggestion.format(dir=tmp_path)
    )
    assert list(tmp_path.iterdir()) == []


def test_the_extension_may_be_in_capitals(tmp_path, capsys) -> None:
    code, _, err = cli(capsys, "new", str(tmp_path / "SHOP.CSCOACH"), "--business", "Café")
    assert (code, err) == (0, "")
