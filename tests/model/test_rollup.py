"""Several locations side by side: read only (never written, never locked, even while
another CS Coach is saving), a consistent snapshot, unreadable workbooks named and left out,
the printed comparison and the command line's refusals."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers.cli import COMMAND, assert_one_error_line, digest, headless_env
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.cli import main
from cscoach.model import feedback_edit, kpi_entries, kpis, rollup, standards
from cscoach.model.errors import ValidationError, WorkbookLockedError
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.printing.rollup import info_for, rollup_pdf

MONTH = "2026-10"


def _shop(folder: Path, name: str, business: str, csat: tuple[float, float]) -> Path:
    path = folder / f"{name}.cscoach"
    with Workbook.create(path, business) as wb:
        kpi = kpis.kpi_by_key(wb, "csat").id
        kpi_entries.set_entry(wb, kpi, "2026-09", csat[0], "")
        kpi_entries.set_entry(wb, kpi, MONTH, csat[1], "")
        feedback_edit.add_item(
            wb, FeedbackInput("2026-11-15", "complaint", "Cold coffee"), today=FIXED_TODAY
        )
    return path


@pytest.fixture
def shops(tmp_path: Path) -> list[Path]:
    return [
        _shop(tmp_path, "north", "Corner Café North", (80, 90)),
        _shop(tmp_path, "south", "Corner Café South", (85, 70)),
    ]


def test_the_locations_side_by_side(shops: list[Path]) -> None:
    result = rollup.compare(shops, today=FIXED_TODAY)
    assert result.month == MONTH  # the latest month with values
    north, south = result.locations
    assert (north.label, south.label) == ("Corner Café North", "Corner Café South")
    csat = "Customer satisfaction (CSAT)"
    assert result.kpi_names[0] == csat
    assert (north.kpis[csat].value, north.kpis[csat].status) == (90, kpis.ON_TARGET)
    assert (north.kpis[csat].trend, north.kpis[csat].better) == ("up", True)
    assert (south.kpis[csat].status, south.kpis[csat].better) == (kpis.OFF_TARGET, False)
    assert north.complaints_open == 1 and north.complaints_oldest_days == 7
    with Workbook.open(shops[0], read_only=True) as wb:
        active = standards.list_standards(wb, status="active", today=FIXED_TODAY)
    assert north.standards_active == len(active) > 0
    assert north.round_name is None
    pdf = rollup_pdf(result, info_for(result, "a4"))
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Locations compared", "Corner Café North", "Corner Café South", "90.0 %"):
        assert expected in words


def test_two_locations_of_one_business_are_told_apart_by_file(tmp_path: Path) -> None:
    paths = [_shop(tmp_path, name, "Corner Café", (80, 85)) for name in ("north", "south")]
    result = rollup.compare(paths, month=MONTH, today=FIXED_TODAY)
    assert [loc.label for loc in result.locations] == [
        "Corner Café (north)",
        "Corner Café (south)",
    ]
    assert result.business == "Corner Café"


def test_nothing_is_written_and_no_lock_is_taken(shops: list[Path]) -> None:
    before = {p: (digest(p), os.stat(p).st_mtime_ns) for p in shops}
    folder = shops[0].parent
    listing = sorted(p.name for p in folder.iterdir())
    rollup.compare(shops, today=FIXED_TODAY)
    assert {p: (digest(p), os.stat(p).st_mtime_ns) for p in shops} == before
    assert sorted(p.name for p in folder.iterdir()) == listing  # no lock, journal or backup


WRITER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path
    from cscoach.model.workbook import Workbook
    wb = Workbook.open(Path(sys.argv[1]))
    n = 0
    while True:
        n = n % 90 + 1
        with wb.transaction() as db:  # both values change together or not at all
            db.execute("UPDATE kpi_entries SET value = ? WHERE month = '2026-10'", [n])
            db.execute("UPDATE kpi_entries SET value = ? WHERE month = '2026-09'", [n])
        if n == 1:
            print("ready", flush=True)
        time.sleep(0.002)  # an owner typing fast, not a loop that never lets go of the file
    """
)


def test_read_while_another_cs_coach_holds_the_lock_and_writes(shops: list[Path]) -> None:
    busy = shops[1]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(busy)],
        stdout=subprocess.PIPE,
        text=True,
        env=headless_env(busy.parent / "data"),
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        with pytest.raises(WorkbookLockedError):  # the other CS Coach really holds it
            Workbook.open(busy).close()
        csat = "Customer satisfaction (CSAT)"
        for _ in range(10):
            result = rollup.compare(shops, month=MONTH, today=FIXED_TODAY)
            assert not result.skipped
            cell = result.locations[1].kpis[csat]
            # One consistent state: both months from the same transaction, never half of it.
            assert cell.value == cell.previous
        assert writer.poll() is None  # still writing, undisturbed
    finally:
        writer.kill()
        writer.wait()


def test_a_workbook_that_cannot_be_read_is_named_and_left_out(
    shops: list[Path], tmp_path: Path
) -> None:
    import sqlite3

    newer = tmp_path / "newer.cscoach"
    newer.write_bytes(shops[0].read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    result = rollup.compare([*shops, newer], today=FIXED_TODAY)
    assert len(result.locations) == 2
    (skipped,) = result.skipped
    assert skipped.path == newer and "newer CS Coach" in skipped.reason
    pdf = rollup_pdf(result, info_for(result, "letter"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Not compared" in text and "newer.cscoach" in text


def test_what_cannot_be_compared_is_refused(shops: list[Path], tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="two or more"):
        rollup.compare(shops[:1])
    link = tmp_path / "link.cscoach"
    link.symlink_to(shops[0])
    with pytest.raises(ValidationError, match="same workbook given twice"):
        rollup.compare([shops[0], link])
    with pytest.raises(ValidationError, match="no month 13"):
        rollup.compare(shops, month="2026-13", today=FIXED_TODAY)


def test_many_locations_print_in_even_groups(tmp_path: Path) -> None:
    paths = [_shop(tmp_path, f"shop{n}", f"Shop {n}", (80, 80 + n)) for n in range(6)]
    result = rollup.compare(paths, today=FIXED_TODAY)
    info = info_for(result, "a4")
    assert not info.landscape  # two tables of three fit a page upright
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(rollup_pdf(result, info))).pages)
    assert "locations 1–3" in text and "locations 4–6" in text


# -- the command line ------------------------------------------------------------------------


def test_command_line_rollup(shops: list[Path], tmp_path: Path, capsys) -> None:
    out = tmp_path / "compared.pdf"
    before = [digest(p) for p in shops]
    assert main(["rollup", *map(str, shops), "--out", str(out), "--month", MONTH]) == 0
    assert capsys.readouterr().out.strip() == f"Compared 2 locations in {out}."
    assert out.read_bytes().startswith(b"%PDF")
    assert [digest(p) for p in shops] == before


def test_command_line_refusals_change_nothing(shops: list[Path], tmp_path: Path) -> None:
    png = tmp_path / "photo.cscoach"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    out = tmp_path / "out.pdf"
    before = [digest(p) for p in shops]
    cases = [
        [*map(str, shops), "--out", str(shops[0])],  # the output is a workbook
        [str(shops[0]), str(shops[0]), "--out", str(out)],  # the same workbook twice
        [str(shops[0]), str(png), "--out", str(out)],  # not a workbook
        [str(shops[0]), str(tmp_path / "missing.cscoach"), "--out", str(out)],
        [str(shops[0]), "--out", str(out)],  # one location
        [*map(str, shops), "--out", str(out), "--month", "2026-13"],
    ]
    for args in cases:
        done = subprocess.run(
            [*COMMAND, "rollup", *args],
            capture_output=True,
            text=True,
            env=headless_env(tmp_path / "data"),
            timeout=60,
        )
        assert done.returncode == 2, (args, done.stderr)
        assert_one_error_line(done.stderr, "")
    assert not out.exists()
    assert [digest(p) for p in shops] == before
