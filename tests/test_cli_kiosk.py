"""``cscoach kiosk PATH``: every mistake is one line on stderr with exit status 2, before
any window, and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import digest, run

from cscoach.cli import main
from cscoach.model.workbook import Workbook


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("cscoach: error: ") and err.count("\n") == 1, err
    return err


def test_bad_arguments_and_files(capsys, tmp_path: Path) -> None:
    assert "required: PATH" in one_line_error(capsys, "kiosk")
    assert "unrecognized arguments" in one_line_error(capsys, "kiosk", "a.cscoach", "b")
    assert "does not exist" in one_line_error(capsys, "kiosk", str(tmp_path / "none.cscoach"))
    png = tmp_path / "photo.cscoach"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    before = digest(png)
    assert "not a CS Coach workbook" in one_line_error(capsys, "kiosk", str(png))
    assert digest(png) == before
    assert "the path is empty" in one_line_error(capsys, "kiosk", " ")


def test_without_a_display_it_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cafe.cscoach"
    Workbook.create(path, "Corner Café").close()
    before = digest(path)
    done = run(tmp_path, "kiosk", str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("cscoach: error: there is no display to show the kiosk on")
    assert done.stderr.count("\n") == 1
    assert digest(path) == before


def test_the_help_says_what_it_does(capsys) -> None:
    assert main(["kiosk", "--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: cscoach kiosk PATH" in out and "PIN" in out
