"""``cscoach feedback export|import`` and ``cscoach print feedback`` as the owner types them:
a round trip through a file, ``--out -``, a refused import leaves the workbook byte-identical
with no backup made, an ``--out`` that is a workbook is refused, an older workbook is
checked on an updated copy."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, digest, headless_env, run

from cscoach.cli import main
from cscoach.model import demo, migrations, team
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model.workbook import Workbook

HEAD = "date,kind,channel,text,themes,member,standard,status\n"


@pytest.fixture(autouse=True)
def _clock(fixed_today: dt.date) -> dt.date:
    """The commands ask the clock (what is in the future, the demo's dates): it reads
    FIXED_TODAY for every test here."""
    return fixed_today


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    """The demo workbook alone in its folder."""
    folder = tmp_path / "cafe"
    folder.mkdir()
    path = folder / "cafe.cscoach"
    demo.create_demo(path)
    return path


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "shop.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        team.add_member(wb, "Ana")
    return path


def refused(capsys, workbook: Path, args: list[str], *fragments: str) -> str:
    """The command fails with one line on stderr and leaves the workbook's folder as it was
    (the workbook byte-identical, no backup, no file made)."""
    before = digest(workbook)
    files = sorted(p.name for p in workbook.parent.rglob("*"))
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, ""), err
    line = assert_one_error_line(err, *fragments)
    assert digest(workbook) == before, "the workbook changed"
    assert sorted(p.name for p in workbook.parent.rglob("*")) == files, "a file was made"
    return line


def items(path: Path) -> list[tuple]:
    with Workbook.open(path, read_only=True) as wb:
        return sorted(
            (i.received_on, i.kind, i.channel, i.text, i.themes, i.members, i.standards, i.status)
            for i in fb.list_items(wb)
        )


def test_help_lists_the_feedback_commands(capsys) -> None:
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    assert "feedback export --workbook PATH --out FILE.csv" in out
    assert "feedback import --workbook PATH FILE.csv" in out
    code, out, _ = cli(capsys, "feedback", "import", "--help")
    assert code == 0 and "date,kind,channel,text,themes,member,standard,status" in out


def test_export_then_import_round_trips(capsys, cafe: Path, tmp_path: Path) -> None:
    out = tmp_path / "feedback.csv"
    n = len(items(cafe))  # about 60, two of them from the counter kiosk
    code, stdout, err = cli(
        capsys, "feedback", "export", "--workbook", str(cafe), "--out", str(out)
    )
    assert (code, err) == (0, "") and stdout == f"Wrote {n} feedback items to {out}.\n"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + HEAD.strip().encode())
    assert (out.stat().st_mode & 0o777) == 0o600
    expected = items(cafe)
    # the same file again adds nothing
    code, stdout, err = cli(capsys, "feedback", "import", "--workbook", str(cafe), str(out))
    assert (code, err) == (0, "")
    assert stdout.splitlines()[0] == "Imported 0 feedback items."
    assert f"Skipped {n} rows already in the workbook" in stdout
    # into a copy of the café with no feedback: the same items come back
    with Workbook.open(cafe) as wb:
        fe.delete_items(wb, [i.id for i in fb.list_items(wb)])
        wb.conn.execute("DELETE FROM feedback_themes WHERE name = 'New menu'")
        wb.conn.commit()
    code, stdout, err = cli(capsys, "feedback", "import", "--workbook", str(cafe), str(out))
    assert (code, err) == (0, "")
    assert stdout.splitlines() == [
        f"Imported {n} feedback items.",
        "Created 1 new theme: “New menu”.",
    ]
    assert items(cafe) == expected


def test_out_dash_writes_the_csv_to_standard_output(cafe: Path) -> None:
    done = run(cafe.parent, "feedback", "export", "--workbook", str(cafe), "--out", "-")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == HEAD.strip() and len(lines) == len(items(cafe)) + 1
    assert not (cafe.parent / "-").exists()


@pytest.mark.parametrize("target", ["itself", "another workbook", "a backup"])
def test_an_out_that_is_a_workbook_is_refused(capsys, cafe: Path, shop: Path, target) -> None:
    if target == "itself":
        out = cafe.parent / ".." / cafe.parent.name / cafe.name
    elif target == "another workbook":
        out = shop
    else:
        assert cli(capsys, "backup", str(shop))[0] == 0
        out = next((shop.parent / "backups").iterdir())
    before = digest(out)
    args = ["feedback", "export", "--workbook", str(cafe), "--out", str(out)]
    refused(capsys, cafe, args, "workbook", "Choose another file name")
    assert digest(out) == before


BAD_IMPORTS = [
    ("unknown member", HEAD + "2020-05-01,compliment,,Lovely,,Bob,,\n", ["Line 2", "“Bob”",
                                                                         "the team: “Ana”"]),
    ("unknown standard", HEAD + "2020-05-01,complaint,,Slow,,,No such standard,\n",
     ["Line 2", "no standard called “No such standard”"]),
    ("bad date on line 3", HEAD + "2020-05-01,question,,Open Sunday?,,,,\n"
     "31/05/2020,question,,Why?,,,,\n", ["Line 3", "YYYY-MM-DD"]),
    ("future", HEAD + "2026-11-23,question,,Why?,,,,\n", ["Line 2", "in the future"]),
    ("wrong columns", "month,kpi,value,note\n2020-05,CSAT,80,\n", ["Line 1", "unknown column"]),
    ("not a file", None, ["Could not read"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "fragments"), [b[1:] for b in BAD_IMPORTS], ids=[b[0] for b in BAD_IMPORTS]
)
def test_a_refused_import_writes_nothing_and_makes_no_backup(
    capsys, tmp_path: Path, shop: Path, text: str | None, fragments: list[str]
) -> None:
    source = tmp_path / "in.csv"
    if text is not None:
        source.write_text(text, encoding="utf-8")
    refused(capsys, shop, ["feedback", "import", "--workbook", str(shop), str(source)], *fragments)
    assert not (shop.parent / "backups").exists()


def test_an_accepted_import_backs_up_and_reports(capsys, tmp_path: Path, shop: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        (
            "date;kind;text;themes;member;status\r\n"
            "2020-05-01;compliment;Lovely, as ever;Friendliness|Terrace;ana;\r\n"
            "2020-05-02;complaint;Cold soup;;;resolved\r\n"
        ).encode("utf-16")
    )
    code, out, err = cli(capsys, "feedback", "import", "--workbook", str(shop), str(source))
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Imported 2 feedback items.", "Created 1 new theme: “Terrace”."]
    assert len(list((shop.parent / "backups").iterdir())) == 1  # the daily backup
    assert items(shop) == [
        ("2020-05-01", "compliment", "", "Lovely, as ever", ("Friendliness", "Terrace"),
         ("Ana",), (), None),
        ("2020-05-02", "complaint", "", "Cold soup", (), (), (), "resolved"),
    ]  # fmt: skip


def test_an_import_into_a_schema_one_workbook_is_checked_on_an_updated_copy(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    old = folder / "old.cscoach"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        Workbook.create(old, "Old Café").close()
    source = tmp_path / "in.csv"
    source.write_text(HEAD + "2020-05-01,compliment,,Nice,,Bob,,\n", encoding="utf-8")
    refused(capsys, old, ["feedback", "import", "--workbook", str(old), str(source)], "“Bob”")
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    source.write_text(HEAD + "2020-05-01,compliment,,Nice,Wait time,,,\n", encoding="utf-8")
    code, out, err = cli(capsys, "feedback", "import", "--workbook", str(old), str(source))
    assert (code, err) == (0, "") and out.startswith("Imported 1 feedback item.")
    assert any("before-schema-2" in p.name for p in (folder / "backups").iterdir())
    assert items(old)[0][4] == ("Wait time",)


# -- print feedback --------------------------------------------------------------------


def test_print_feedback_for_the_latest_month_and_a_chosen_one(
    capsys, tmp_path: Path, cafe: Path
) -> None:
    from pypdf import PdfReader

    before = digest(cafe)
    out = tmp_path / "voice.pdf"
    args = ["print", "feedback", "--workbook", str(cafe), "--out", str(out)]
    code, stdout, err = cli(capsys, *args)
    assert (code, err) == (0, "") and str(out) in stdout
    first = PdfReader(out).pages[0].extract_text()
    assert "Voice of the customer: November 2026" in first
    assert "Complaints still open" in "".join(p.extract_text() for p in PdfReader(out).pages)
    code, _, err = cli(capsys, *args, "--month", "2026-04", "--page-size", "letter")
    assert (code, err) == (0, "")
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Voice of the customer: April 2026" in text and "Recurring complaints" in text
    assert digest(cafe) == before  # printing only reads


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["feedback", "--month", "2026-13"], "no month 13"),
        (["feedback", "--month", "2026-12"], "in the future"),
        (["feedback", "--candidate", "Ana"], "only scorecard does"),
        (["poster", "--month", "2025-01"], "only monthly-review, feedback and story do"),
    ],
)
def test_print_feedback_errors_write_nothing(capsys, cafe: Path, args, fragment) -> None:
    out = cafe.parent / "out.pdf"
    full = ["print", args[0], "--workbook", str(cafe), "--out", str(out), *args[1:]]
    refused(capsys, cafe, full, fragment)


def test_print_feedback_with_none_yet(capsys, shop: Path) -> None:
    out = shop.parent / "out.pdf"
    args = ["print", "feedback", "--workbook", str(shop), "--out", str(out)]
    refused(capsys, shop, args, "There is no feedback yet")


def test_the_feedback_commands_import_no_qt_matplotlib_or_reportlab(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from cscoach.cli import main\n"
        "codes = [main(['demo', 'd.cscoach']),\n"
        "         main(['feedback', 'export', '--workbook', 'd.cscoach', '--out', 'f.csv']),\n"
        "         main(['feedback', 'import', '--workbook', 'd.cscoach', 'f.csv'])]\n"
        "heavy = [m for m in ('PySide6', 'matplotlib', 'reportlab', 'cscoach.ui')\n"
        "         if m in sys.modules]\n"
        "print(codes, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=headless_env(tmp_path / "data"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[0, 0, 0] []"
