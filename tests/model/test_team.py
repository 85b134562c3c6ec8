from __future__ import annotations

import datetime as dt

import pytest
from helpers.dates import clock_on

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


@pytest.mark.parametrize(
    ("today", "last_day", "too_far"),
    [
        (dt.date(2028, 2, 29), "2029-02-28", "2029-03-01"),  # a leap day: no 29 February 2029
        (dt.date(2026, 12, 31), "2027-12-31", "2028-01-01"),
        (dt.date(2027, 1, 31), "2028-01-31", "2028-02-01"),
        (dt.date(2027, 3, 1), "2028-03-01", "2028-03-02"),
    ],
)
def test_a_start_date_up_to_a_year_ahead_on_any_day(
    workbook: Workbook, today: dt.date, last_day: str, too_far: str
) -> None:
    with clock_on(today):
        ana = team.add_member(workbook, "Ana", "Barista", last_day)
        team.update_member(workbook, ana, "Ana", "Barista", today.isoformat(), True)
        with pytest.raises(ValidationError, match="more than a year in the future") as caught:
            team.add_member(workbook, "Bo", "Barista", too_far)
    assert caught.value.field == "start_date"
    assert [m.name for m in team.list_members(workbook)] == ["Ana"]


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


def test_leaving_records_the_day_and_coming_back_clears_it(workbook: Workbook) -> None:
    today = dt.date(2028, 2, 29)
    ana = team.add_member(workbook, "Ana", start_date="2025-01-10", today=today)
    team.set_active(workbook, ana, False, today=today)
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    team.set_active(workbook, ana, False, today=dt.date(2028, 3, 5))  # the day stays
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    team.set_active(workbook, ana, True, today=today)
    assert team.get_member(workbook, ana).left_on is None
    # made inactive through the form without a day: today
    team.update_member(workbook, ana, "Ana", "", "2025-01-10", False, None, today=today)
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    # a day the owner types is kept
    team.update_member(workbook, ana, "Ana", "", "2025-01-10", False, "2027-12-31", today=today)
    assert team.get_member(workbook, ana).left_on == "2027-12-31"


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        ("2024-12-31", "Left on is before their start date."),
        ("2028-03-01", "Left on is in the future: mark them inactive that day."),
        ("31/12/2027", None),
    ],
)
def test_a_bad_leaving_day_is_refused_and_nothing_changes(workbook, left_on, message) -> None:
    today = dt.date(2028, 2, 29)
    ana = team.add_member(workbook, "Ana", start_date="2025-01-10", today=today)
    before = team.get_member(workbook, ana)
    with pytest.raises(ValidationError) as refused:
        team.update_member(workbook, ana, "Ana", "", "2025-01-10", False, left_on, today=today)
    assert refused.value.field == "left_on"
    if message:
        assert str(refused.value) == message
    assert team.get_member(workbook, ana) == before
