"""``cscoach print training|story|one-to-one`` and ``cscoach training add`` as the owner
types them; bad input: one line on stderr, exit 2, the workbook and its folder untouched."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, digest
from pypdf import PdfReader

from cscoach.cli import main
from cscoach.model import demo
from cscoach.model import training as tr
from cscoach.model.workbook import Workbook


@pytest.fixture(autouse=True)
def _clock(fixed_today: dt.date) -> dt.date:
    return fixed_today


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cafe(tmp_path: Path, fixed_today: dt.date) -> Path:
    folder = tmp_path / "cafe"
    folder.mkdir()
    path = folder / "cafe.cscoach"
    demo.create_demo(path, today=fixed_today)
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


def test_help_lists_the_new_documents_and_command(capsys) -> None:
    code, out, _ = cli(capsys, "print", "--help")
    assert code == 0 and "one-to-one" in out and "--session" in out and "--member" in out
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "cscoach training add" in out


def test_the_three_prints(capsys, cafe: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.pdf"
    code, out, err = cli(capsys, "print", "training", "--workbook", str(cafe), "--out", str(sheet))
    assert (code, err, out) == (0, "", f"Wrote {sheet}.\n")
    with Workbook.open(cafe, read_only=True) as wb:
        day = next(s for s in tr.list_sessions(wb) if s.kind == tr.ROLE_PLAY).held_on
    code, _, err = cli(
        capsys, "print", "training", "--session", day, "--workbook", str(cafe), "--out", str(sheet)
    )
    assert code == 0 and "Kwame Mensah" in PdfReader(sheet).pages[0].extract_text()

    wall = tmp_path / "wall.pdf"
    code, _, err = cli(capsys, "print", "story", "--workbook", str(cafe), "--out", str(wall))
    assert code == 0 and err == "" and len(PdfReader(wall).pages) == 1

    talk = tmp_path / "talk.pdf"
    args = ["print", "one-to-one", "--member", "aiko tanaka", "--workbook", str(cafe)]
    code, _, err = cli(capsys, *args, "--out", str(talk))
    assert code == 0
    assert "One-to-one: Aiko Tanaka" in PdfReader(talk).pages[0].extract_text()
    assert stat.S_IMODE(os.stat(talk).st_mode) == 0o600  # personal data


def test_bad_print_input_is_one_line_and_changes_nothing(
    capsys, cafe: Path, tmp_path: Path
) -> None:
    out = str(tmp_path / "x.pdf")
    base = ["--workbook", str(cafe), "--out", out]
    refused(
        capsys,
        cafe,
        ["print", "one-to-one", "--member", "Aiko Tanka", *base],
        "no team member called “Aiko Tanka”",
        "Did you mean “Aiko Tanaka”?",
    )
    refused(capsys, cafe, ["print", "training", "--session", "2020-01-01", *base], "nearest")
    refused(capsys, cafe, ["print", "training", "--session", "1/2/2026", *base], "YYYY-MM-DD")
    refused(capsys, cafe, ["print", "story", "--month", "2020-01", *base], "no story for January")
    refused(capsys, cafe, ["print", "story", "--month", "2026-13", *base], "month 13")
    refused(capsys, cafe, ["print", "poster", "--member", "Aiko", *base], "does not use --member")
    refused(capsys, cafe, ["print", "story", "--session", "2026-01-01", *base], "--session")


def test_training_add(capsys, cafe: Path) -> None:
    code, out, err = cli(
        capsys,
        "training",
        "add",
        "--workbook",
        str(cafe),
        "--date",
        "2026-11-20",
        "--topic",
        "Allergens: the fourteen",
        "--kind",
        "product",
        "--outside-trainer",
        "Marta Silva",
        "--attendee",
        "liam o'connor",
        "--attendee",
        "Tomasz Nowak",
        "--standard",
        "Remake it, no questions asked",
        "--refresh-months",
        "12",
    )
    assert (code, err) == (0, "")
    assert out == (
        "Added the training session “Allergens: the fourteen” of 20 November 2026 with 2 people.\n"
    )
    with Workbook.open(cafe, read_only=True) as wb:
        (added,) = tr.sessions_on(wb, "2026-11-20")
    assert added.trainer_label == "Marta Silva" and added.refresh_months == 12
    assert added.attendees == ("Liam O'Connor", "Tomasz Nowak")
    assert added.standards == ("Remake it, no questions asked",)


def test_training_add_refuses_bad_input(capsys, cafe: Path) -> None:
    base = ["training", "add", "--workbook", str(cafe)]
    good = ["--date", "2026-11-20", "--topic", "Latte art"]
    refused(
        capsys,
        cafe,
        [*base, *good, "--attendee", "Aiko Tanka"],
        "no team member called “Aiko Tanka”",
        "“Aiko Tanaka”",
    )
    refused(capsys, cafe, [*base, *good, "--trainer", "Nobody"], "no team member called")
    refused(capsys, cafe, [*base, *good, "--standard", "Smile a lot"], "no standard called")
    refused(capsys, cafe, [*base, "--date", "", "--topic", "x"], "day the session was held")
    refused(capsys, cafe, [*base, "--date", "2026-11-20", "--topic", " "], "needs a topic")
    refused(capsys, cafe, [*base, *good, "--kind", "games"], "not “games”")
    refused(capsys, cafe, [*base, *good, "--refresh-months", "0"], "Refresh every")
    refused(
        capsys,
        cafe,
        [*base, *good, "--trainer", "Aiko Tanaka", "--outside-trainer", "Marta"],
        "not both",
    )
    refused(capsys, cafe, [*base, "--topic", "x"], "--date")
