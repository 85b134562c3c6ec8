"""``cscoach calendar`` and ``cscoach print you-said-we-did`` as the owner types them; the
bad-input rules: one line on stderr, exit 2, the workbook and its folder untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from helpers.cli import assert_one_error_line, digest, run
from pypdf import PdfReader

from cscoach.cli import main
from cscoach.model import demo, team
from cscoach.model.workbook import Workbook


@pytest.fixture(autouse=True)
def _clock(fixed_today: dt.date) -> dt.date:
    return fixed_today


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    folder = tmp_path / "cafe"
    folder.mkdir()
    path = folder / "cafe.cscoach"
    demo.create_demo(path)
    return path


def refused(capsys, workbook: Path, args: list[str], *fragments: str) -> str:
    before = digest(workbook)
    files = sorted(p.name for p in workbook.parent.rglob("*"))
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, ""), err
    line = assert_one_error_line(err, *fragments)
    assert digest(workbook) == before, "the workbook changed"
    assert sorted(p.name for p in workbook.parent.rglob("*")) == files, "a file was made"
    return line


def test_help_lists_the_calendar(capsys) -> None:
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "calendar --workbook PATH --out FILE.ics" in out
    code, out, _ = cli(capsys, "print", "--help")
    assert code == 0 and "you-said-we-did" in out


def test_calendar_of_the_demo(capsys, cafe: Path, tmp_path: Path) -> None:
    out = tmp_path / "dates.ics"
    before = digest(cafe)
    code, stdout, err = cli(capsys, "calendar", "--workbook", str(cafe), "--out", str(out))
    assert (code, err, stdout) == (0, "", f"Wrote {out}.\n")
    assert digest(cafe) == before
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    kinds = {str(e["uid"]).split("@")[0].rsplit("-", 1)[0] for e in events}
    assert {"monthly", "standard", "action", "philosophy"} <= kinds
    summaries = [str(e["summary"]) for e in events]
    assert "Due: Move the phone to the counter" in summaries
    # again: the same events, by the same UIDs
    code, _, _ = cli(capsys, "calendar", "--workbook", str(cafe), "--out", str(out))
    again = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert code == 0 and [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]


def test_print_you_said_we_did(capsys, cafe: Path, tmp_path: Path) -> None:
    out = tmp_path / "wall.pdf"
    code, stdout, err = cli(
        capsys, "print", "you-said-we-did", "--workbook", str(cafe), "--out", str(out)
    )
    assert code == 0 and stdout == f"Wrote {out}.\n"
    assert err.startswith("cscoach: warning: ") and "did not fit" in err
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and "You said, we did" in reader.pages[0].extract_text()


def test_bad_input_is_one_line_and_changes_nothing(capsys, cafe: Path, tmp_path: Path) -> None:
    w = str(cafe)
    refused(capsys, cafe, ["calendar", "--workbook", w, "--out", w], "workbook itself")
    refused(
        capsys,
        cafe,
        ["print", "you-said-we-did", "--workbook", w, "--out", w],
        "workbook itself",
    )
    refused(capsys, cafe, ["calendar", "--workbook", w, "--out", str(cafe.parent)], "folder")
    refused(
        capsys,
        cafe,
        ["calendar", "--workbook", w, "--out", str(tmp_path / "no" / "such" / "dates.ics")],
        "cannot write",
    )
    refused(capsys, cafe, ["calendar", "--workbook", w], "--out")
    refused(
        capsys,
        cafe,
        ["print", "you-said-we-did", "--workbook", w, "--out", str(tmp_path / "x.pdf"), "--month",
         "2026-10"],
        "--month",
    )  # fmt: skip
    missing = tmp_path / "missing.cscoach"
    code, out, err = cli(capsys, "calendar", "--workbook", str(missing), "--out", "x.ics")
    assert (code, out) == (2, "") and not missing.exists()
    assert_one_error_line(err)


def test_nothing_to_put_on_the_wall_is_refused(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "shop.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        team.add_member(wb, "Ana")
    refused(
        capsys,
        path,
        ["print", "you-said-we-did", "--workbook", str(path), "--out", str(tmp_path / "w.pdf")],
        "Nothing to put on the wall yet",
    )


def test_calendar_as_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "shop.cscoach"
    Workbook.create(path, "Corner Café").close()
    result = run(tmp_path, "calendar", "--workbook", str(path), "--out", "dates.ics")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "dates.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
