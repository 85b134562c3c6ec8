from __future__ import annotations

import pytest

from cscoach.model import team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


def test_add_edit_deactivate_delete(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "  Ana Silva ", "Barista", "2024-03-01")
    bo = team.add_member(workbook, "Bo", "", None)
    assert [m.name for m in team.list_members(workbook)] == ["Ana Silva", "Bo"]
    team.update_member(workbook, bo, "Bo Chen", "Shift lead", "2023-05-10", True)
    assert team.get_member(workbook, bo).role == "Shift lead"
    team.set_active(workbook, ana, False)
    assert [m.name for m in team.list_members(workbook, active_only=True)] == ["Bo Chen"]
    assert [m.name for m in team.list_members(workbook)] == ["Bo Chen", "Ana Silva"]
    team.delete_member(workbook, ana)
    assert [m.id for m in team.list_members(workbook)] == [bo]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "A\x00na"}, "name"),
        ({"name": "Ana\ud800"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Line\nbreak"}, "name"),
        ({"name": "Ana", "start_date": "2026-13-01"}, "start_date"),
        ({"name": "Ana", "start_date": "1/2/2024"}, "start_date"),
        ({"name": "Ana", "start_date": "2024-02-30"}, "start_date"),
        ({"name": "Ana", "role": "r\x00"}, "role"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(workbook: Workbook, kwargs, field) -> None:
    with pytest.raises(ValidationError) as caught:
        team.add_member(workbook, **kwargs)
    assert caught.value.field == field
    assert caught.value.message
    assert team.list_members(workbook) == []


def test_duplicate_name_is_refused_case_insensitively(workbook: Workbook) -> None:
    team.add_member(workbook, "Ana")
    with pytest.raises(ValidationError, match="already a team member"):
        team.add_member(workbook, "ANA")
    bo = team.add_member(workbook, "Bo")
    with pytest.raises(ValidationError):
        team.update_member(workbook, bo, "ana")
    team.update_member(workbook, bo, "Bo")  # keeping one's own name is fine


def test_references_and_delete_cascade(workbook: Workbook) -> None:
    ana = team.add_member(workbook, "Ana")
    with workbook.transaction() as db:
        db.execute("INSERT INTO rounds (name, held_on) VALUES ('March', '2026-03-01')")
        db.execute(
            "INSERT INTO responses (round_id, member_id, shuffle_key) VALUES (1, ?, 7)", [ana]
        )
        db.execute("UPDATE standards SET owner_id = ? WHERE id IN (1, 2)", [ana])
    refs = team.member_references(workbook, ana)
    assert (refs.responses, refs.rounds, refs.standards_owned) == (1, 1, 2)
    assert refs.any
    team.delete_member(workbook, ana)
    assert workbook.query("SELECT count(*) AS n FROM responses")[0]["n"] == 0
    assert (
        workbook.query("SELECT count(*) AS n FROM standards WHERE owner_id IS NOT NULL")[0]["n"]
        == 0
    )
    assert workbook.query("SELECT count(*) AS n FROM standards")[0]["n"] >= 2
