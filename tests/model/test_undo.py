"""Undo and Redo: every change, undone, leaves every table exactly as before; redone, as
after. Names for the menu; what is forgotten (a failed change, a restore)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from cscoach.model import (
    backups,
    demo,
    kpi_entries,
    kpi_import,
    kpis,
    settings,
    standards,
    team,
    undo,
)
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 15)


def snapshot(wb: Workbook) -> dict[str, list[tuple]]:
    """Every row of every table, with its rowid."""
    tables = [
        r[0]
        for r in wb.conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return {
        t: wb.conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


@pytest.fixture
def cafe(tmp_path: Path):
    path = tmp_path / "cafe.cscoach"
    demo.create_demo(path, today=TODAY)
    with Workbook.open(path) as wb:
        yield wb


def undo_redo_round_trip(wb: Workbook, change, label: str | None = None) -> None:
    before = snapshot(wb)
    change()
    after = snapshot(wb)
    assert after != before, "the change changed nothing"
    if label is not None:
        assert wb.history.undo_label == label
    assert wb.undo() is not None
    assert snapshot(wb) == before
    assert wb.redo() is not None
    assert snapshot(wb) == after
    assert wb.undo() is not None
    assert snapshot(wb) == before


def test_a_deleted_team_member_comes_back_whole_with_their_answers(cafe: Workbook) -> None:
    member = next(
        m for m in team.list_members(cafe) if team.member_references(cafe, m.id).responses
    )
    undo_redo_round_trip(
        cafe, lambda: team.delete_member(cafe, member.id), f"Delete team member “{member.name}”"
    )
    assert team.member_references(cafe, member.id).responses > 0


def test_a_typed_change_and_an_addition(cafe: Workbook) -> None:
    member = team.list_members(cafe)[0]
    undo_redo_round_trip(
        cafe,
        lambda: team.update_member(cafe, member.id, member.name, "Head barista", None, True),
        f"Change team member “{member.name}”",
    )
    undo_redo_round_trip(
        cafe, lambda: team.add_member(cafe, "Zoë Ortiz", "Barista"), "Add team member “Zoë Ortiz”"
    )


def test_a_kpi_value_comes_back_with_its_counts_and_note(cafe: Workbook) -> None:
    csat = kpis.kpi_by_key(cafe, "csat")
    month = "2026-10"
    kpi_entries.set_entry_from_counts(
        cafe, csat.id, month, {"satisfied": 80, "total": 90}, "Busy month", today=TODAY
    )
    entry = kpi_entries.get_entry(cafe, csat.id, month)
    assert entry is not None and entry.counts

    def overwrite() -> None:
        with cafe.undo_step("Change CSAT for October 2026"):
            kpi_entries.set_entry(cafe, csat.id, month, "12", today=TODAY)

    undo_redo_round_trip(cafe, overwrite, "Change CSAT for October 2026")
    assert kpi_entries.get_entry(cafe, csat.id, month) == entry


def test_a_reorder_a_tick_and_several_standards_marked_reviewed(cafe: Workbook) -> None:
    first, second, *_ = standards.list_standards(cafe)
    undo_redo_round_trip(cafe, lambda: standards.move_standard(cafe, second.id, -1))
    undo_redo_round_trip(
        cafe, lambda: standards.set_on_poster(cafe, [first.id], not first.on_poster)
    )
    ids = [s.id for s in standards.list_standards(cafe)[:3]]
    undo_redo_round_trip(cafe, lambda: standards.mark_reviewed(cafe, ids, today=TODAY), None)


def test_an_import_is_one_step(cafe: Workbook) -> None:
    rows = "".join(f"2020-{m:02d},csat,{70 + m},\n" for m in range(1, 13))
    data = ("month,kpi,value,note\n" + rows).encode()
    undo_redo_round_trip(cafe, lambda: kpi_import.import_kpi_csv(cafe, data, today=TODAY))
    assert cafe.history.redo_label == "Add 12 KPI values"  # the whole file, one step


def test_settings_are_named_as_the_owner_knows_them(cafe: Workbook) -> None:
    undo_redo_round_trip(
        cafe, lambda: settings.set_business_name(cafe, "Blue Door Café"), "Change business name"
    )


def test_a_new_change_clears_redo_and_a_refused_one_records_nothing(cafe: Workbook) -> None:
    team.add_member(cafe, "Ida")
    cafe.undo()
    assert cafe.history.redo_label == "Add team member “Ida”"
    steps = len(cafe.history.undo_steps)
    with pytest.raises(ValidationError):
        team.add_member(cafe, "")
    assert len(cafe.history.undo_steps) == steps
    assert cafe.history.redo_label == "Add team member “Ida”"
    team.add_member(cafe, "Jo")
    assert cafe.history.redo_label is None


def test_a_rolled_back_savepoint_is_not_part_of_the_step(cafe: Workbook) -> None:
    before = snapshot(cafe)
    with cafe.transaction("Two things"):
        team.add_member(cafe, "Kept")
        with pytest.raises(ValidationError), cafe.transaction():
            team.add_member(cafe, "Dropped")
            raise ValidationError("name", "changed my mind")
    assert [r.op for r in cafe.history.undo_steps[-1].rows] == ["insert"]
    cafe.undo()
    assert snapshot(cafe) == before


def test_a_restore_forgets_the_history(cafe: Workbook) -> None:
    made = backups.make_backup(cafe.conn, cafe.path, "manual")
    team.add_member(cafe, "Lu")
    cafe.restore_from(made)
    assert cafe.history.undo_label is None and cafe.history.redo_label is None
    assert cafe.undo() is None
    team.add_member(cafe, "Mo")  # still recorded after the restore
    assert cafe.history.undo_label == "Add team member “Mo”"


def test_undo_still_works_after_a_failed_write_reconnected(cafe: Workbook) -> None:
    team.add_member(cafe, "Nia")
    cafe.conn.execute("PRAGMA max_page_count = 1")  # the next write does not fit
    with pytest.raises(sqlite3.OperationalError), cafe.transaction() as db:
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('big', ?)", ("x" * 100_000,))
    assert cafe.history.undo_label == "Add team member “Nia”"
    cafe.undo()
    assert "Nia" not in [m.name for m in team.list_members(cafe)]
    team.add_member(cafe, "Ola")
    assert cafe.history.undo_label == "Add team member “Ola”"


def test_several_rows_are_counted_in_the_name(cafe: Workbook) -> None:
    with cafe.transaction():
        team.add_member(cafe, "P1")
        team.add_member(cafe, "P2")
    assert cafe.history.undo_label == "Add 2 team members"


def test_the_history_is_bounded(workbook: Workbook) -> None:
    for n in range(undo.LIMIT + 5):
        settings.set_business_name(workbook, f"Shop {n}")
    assert len(workbook.history.undo_steps) == undo.LIMIT


def test_a_read_only_workbook_has_nothing_to_undo(tmp_path: Path) -> None:
    path = tmp_path / "x.cscoach"
    Workbook.create(path, "Shop").close()
    with Workbook.open(path, read_only=True) as wb:
        assert wb.undo() is None and wb.redo() is None
