"""KPI definitions, target history, monthly entries, entry from counts and the monthly review.

The formulas are checked against worked examples published by others (cited at each test).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscoach.model import kpi_counts, kpi_entries, kpi_review, kpi_series, kpis
from cscoach.model.errors import ValidationError
from cscoach.model.months import add_months, month_label, months_between
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def kpi_id(wb: Workbook, key: str) -> int:
    return kpis.kpi_by_key(wb, key).id


def file_bytes(wb: Workbook) -> bytes:
    return Path(wb.path).read_bytes()


# -- formulas, against public worked examples ---------------------------------------


def test_csat_delighted_example() -> None:
    # help.delighted.com/article/240-how-is-csat-calculated: 42 fives and 32 fours out of
    # 107 responses give (74 / 107) x 100 = 69.16.
    result = kpi_counts.compute("csat", {"satisfied": 74, "total": 107})
    assert result.value == pytest.approx(69.158878, rel=1e-6)
    assert result.worked == "74 ÷ 107 × 100 = 69.2"


def test_csat_intercom_example() -> None:
    # intercom.help/voc-metrics "What is CSAT": 10 fives + 20 fours of 50 -> 60 %.
    assert kpi_counts.compute("csat", {"satisfied": "30", "total": "50"}).value == 60


def test_nps_thirty_fifty_twenty_is_ten() -> None:
    # "if you have 30% promoters, 50% passives and 20% detractors, your nps is +10"
    # (jovial-how-to-compilation.netlify.app/how-to-work-out-net-promoter-score).
    result = kpi_counts.compute("nps", {"promoters": 30, "passives": 50, "detractors": 20})
    assert result.value == pytest.approx(10)
    assert result.worked == "(30 − 20) ÷ 100 × 100 = 10.0"
    assert "30 promoters (30.0 %)" in result.detail and "20 detractors (20.0 %)" in result.detail


def test_nps_can_be_negative_and_is_stored_unrounded(workbook: Workbook) -> None:
    result = kpi_entries.set_entry_from_counts(
        workbook,
        kpi_id(workbook, "nps"),
        "2026-03",
        {"promoters": 1, "passives": 1, "detractors": 4},
        today=TODAY,
    )
    assert result.worked == "(1 − 4) ÷ 6 × 100 = −50.0"
    entry = kpi_entries.get_entry(workbook, kpi_id(workbook, "nps"), "2026-03")
    assert entry.value == -50.0
    result = kpi_entries.set_entry_from_counts(
        workbook,
        kpi_id(workbook, "nps"),
        "2026-04",
        {"promoters": 2, "passives": 0, "detractors": 1},
        today=TODAY,
    )
    entry = kpi_entries.get_entry(workbook, kpi_id(workbook, "nps"), "2026-04")
    assert entry.value == pytest.approx(100 / 3)  # not 33.3
    assert entry.counts == {"promoters": 2, "passives": 0, "detractors": 1}


def test_retention_agile_brand_guide_example() -> None:
    # agilebrandguide.com/wiki/measurements/retention-rate: 1,000 at the start, 250 acquired,
    # 1,100 at the end -> (1,100 − 250) / 1,000 = 85 % (the page's "1,110" is a typo).
    result = kpi_counts.compute(
        "retention", {"customers_start": 1000, "customers_end": 1100, "new_customers": 250}
    )
    assert result.value == 85
    assert result.worked == "(1100 − 250) ÷ 1000 × 100 = 85.0"


def test_retention_formula_as_in_the_issue() -> None:
    result = kpi_counts.compute(
        "retention", {"customers_start": 55, "customers_end": 42, "new_customers": 9}
    )
    assert result.worked == "(42 − 9) ÷ 55 × 100 = 60.0"


def test_resolution_time_bit1024_example() -> None:
    # bit1024.com Average Resolution Time calculator: 120 hours over 30 tickets = 4 hours.
    result = kpi_counts.compute("resolution_time", {"total_hours": "120", "issues_resolved": "30"})
    assert result.value == 4
    assert result.worked == "120 ÷ 30 = 4.0"
    assert kpi_counts.compute(
        "resolution_time", {"total_hours": "130,5", "issues_resolved": 29}
    ).worked == ("130.5 ÷ 29 = 4.5")


@pytest.mark.parametrize(
    ("key", "counts", "field", "words"),
    [
        ("csat", {"satisfied": -1, "total": 5}, "satisfied", "negative"),
        ("csat", {"satisfied": "-1", "total": "5"}, "satisfied", "negative"),
        ("csat", {"satisfied": 0, "total": 0}, "total", "0"),
        ("csat", {"satisfied": 6, "total": 5}, "satisfied", "more than"),
        ("csat", {"satisfied": "2.5", "total": 5}, "satisfied", "whole"),
        ("csat", {"satisfied": "", "total": 5}, "satisfied", "enter a number"),
        ("csat", {"satisfied": "٣", "total": 5}, "satisfied", "whole"),
        ("nps", {"promoters": 0, "passives": 0, "detractors": 0}, "promoters", "all 0"),
        ("nps", {"promoters": 3, "passives": -2, "detractors": 0}, "passives", "negative"),
        (
            "retention",
            {"customers_start": 0, "customers_end": 5, "new_customers": 1},
            "customers_start",
            "more than 0",
        ),
        (
            "retention",
            {"customers_start": 10, "customers_end": 5, "new_customers": 6},
            "new_customers",
            "more than",
        ),
        (
            "retention",
            {"customers_start": 10, "customers_end": 20, "new_customers": 5},
            "customers_end",
            "more than",
        ),
        ("resolution_time", {"total_hours": "-3", "issues_resolved": 2}, "total_hours", "negative"),
        ("resolution_time", {"total_hours": "nan", "issues_resolved": 2}, "total_hours", "number"),
        (
            "resolution_time",
            {"total_hours": 10, "issues_resolved": 0},
            "issues_resolved",
            "more than 0",
        ),
    ],
)
def test_bad_counts_name_the_field(key, counts, field, words) -> None:
    with pytest.raises(ValidationError) as caught:
        kpi_counts.compute(key, counts)
    assert caught.value.field == field
    assert words in caught.value.message


def test_bad_counts_write_nothing(workbook: Workbook) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ValidationError):
        kpi_entries.set_entry_from_counts(
            workbook,
            kpi_id(workbook, "nps"),
            "2026-03",
            {"promoters": 0, "passives": 0, "detractors": 0},
            today=TODAY,
        )
    assert file_bytes(workbook) == before
    assert kpi_entries.list_entries(workbook) == []


def test_counts_are_given_back_and_dropped_when_value_typed(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    kpi_entries.set_entry_from_counts(
        workbook, csat, "2026-05", {"satisfied": 45, "total": 50}, "Busy month", today=TODAY
    )
    entry = kpi_entries.get_entry(workbook, csat, "2026-05")
    assert (entry.value, entry.note, entry.counts) == (
        90.0,
        "Busy month",
        {"satisfied": 45, "total": 50},
    )
    stored = workbook.query_one("SELECT counts FROM kpi_entries")["counts"]
    assert stored == '{"satisfied": 45, "total": 50}'
    kpi_entries.set_entry(workbook, csat, "2026-05", 90.0, today=TODAY)  # same value: counts stay
    assert kpi_entries.get_entry(workbook, csat, "2026-05").counts == {"satisfied": 45, "total": 50}
    kpi_entries.set_entry(workbook, csat, "2026-05", "91,5", today=TODAY)
    entry = kpi_entries.get_entry(workbook, csat, "2026-05")
    assert (entry.value, entry.note, entry.counts) == (91.5, "Busy month", None)


def test_only_starter_kpis_take_counts(workbook: Workbook) -> None:
    own = kpis.add_kpi(workbook, kpis.KpiInput("Reviews answered", "%", 0, 100), 90)
    with pytest.raises(ValidationError):
        kpi_entries.set_entry_from_counts(workbook, own, "2026-01", {"x": 1}, today=TODAY)


# -- entries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "month", "value", "field"),
    [
        ("nps", "2026-03", "101", "value"),
        ("nps", "2026-03", "-100.5", "value"),
        ("csat", "2026-03", 100.01, "value"),
        ("resolution_time", "2026-03", -1, "value"),
        ("csat", "2026-13", 50, "month"),
        ("csat", "2026-12", 50, "month"),  # after the current month
        ("csat", "26-03", 50, "month"),
        ("csat", "2026-03", "nan", "value"),
        ("csat", "2026-03", "inf", "value"),
        ("csat", "2026-03", float("nan"), "value"),
        ("csat", "2026-03", "1_0", "value"),
        ("csat", "2026-03", "５０", "value"),
        ("csat", "2026-03", "", "value"),
    ],
)
def test_bad_values_write_nothing(workbook: Workbook, key, month, value, field) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        kpi_entries.set_entry(workbook, kpi_id(workbook, key), month, value, today=TODAY)
    assert caught.value.field == field
    assert file_bytes(workbook) == before


def test_note_with_nul_is_refused(workbook: Workbook) -> None:
    with pytest.raises(ValidationError) as caught:
        kpi_entries.set_entry(
            workbook, kpi_id(workbook, "csat"), "2026-01", 80, "a\x00b", today=TODAY
        )
    assert caught.value.field == "note"


def test_entry_range_and_open_ends(workbook: Workbook) -> None:
    hours = kpi_id(workbook, "resolution_time")
    assert kpi_entries.set_entry(workbook, hours, "2026-01", "1000", today=TODAY) == 1000
    assert (
        kpi_entries.set_entry(workbook, kpi_id(workbook, "nps"), "2026-01", "-100", today=TODAY)
        == -100
    )


def test_one_value_per_month_set_note_and_clear(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    kpi_entries.set_entry(workbook, csat, "2026-01", 80, "first", today=TODAY)
    kpi_entries.set_entry(workbook, csat, "2026-01", 82, today=TODAY)
    assert [(e.month, e.value, e.note) for e in kpi_entries.list_entries(workbook)] == [
        ("2026-01", 82, "first")
    ]
    kpi_entries.set_note(workbook, csat, "2026-01", "Rain all month", today=TODAY)
    assert kpi_entries.get_entry(workbook, csat, "2026-01").note == "Rain all month"
    with pytest.raises(ValidationError):
        kpi_entries.set_note(workbook, csat, "2026-02", "no value", today=TODAY)
    kpi_entries.clear_entry(workbook, csat, "2026-01")
    assert kpi_entries.get_entry(workbook, csat, "2026-01") is None


def test_format_value() -> None:
    assert format_value(88.04, "%") == "88.0 %"
    assert format_value(-12.25, "score") == "−12.2"
    assert format_value(-0.01, "score") == "0.0"
    assert format_value(5.26, "hours") == "5.3 hours"
    assert format_value(None, "%") == "—"


# -- definitions and targets ------------------------------------------------------


def test_starter_kpis(workbook: Workbook) -> None:
    found = kpis.list_kpis(workbook, today=TODAY)
    assert [k.key for k in found] == ["csat", "nps", "retention", "resolution_time"]
    hours = found[3]
    assert (hours.min_value, hours.max_value, hours.higher_is_better, hours.target) == (
        0,
        None,
        False,
        24,
    )
    assert hours.range_text() == "≥ 0" and found[1].range_text() == "−100 to 100"
    assert all(k.from_counts for k in found)


def test_add_edit_retire_delete_own_kpi(workbook: Workbook) -> None:
    new = kpis.add_kpi(
        workbook, kpis.KpiInput("Google rating", "stars", "1", "5", True, "Average stars"), "4,5"
    )
    kpi = kpis.get_kpi(workbook, new, today=TODAY)
    assert (kpi.name, kpi.unit, kpi.min_value, kpi.max_value, kpi.target, kpi.starter) == (
        "Google rating",
        "stars",
        1,
        5,
        4.5,
        False,
    )
    kpis.update_kpi(workbook, new, kpis.KpiInput("Google stars", "stars", "", "5", True))
    assert kpis.get_kpi(workbook, new).min_value is None
    kpis.set_active(workbook, new, False)
    assert new not in [k.id for k in kpis.list_kpis(workbook, include_retired=False)]
    kpis.delete_kpi(workbook, new)
    assert new not in [k.id for k in kpis.list_kpis(workbook)]
    with pytest.raises(ValidationError):
        kpis.delete_kpi(workbook, kpi_id(workbook, "csat"))


@pytest.mark.parametrize(
    ("data", "target", "field"),
    [
        (kpis.KpiInput(""), 1, "name"),
        (kpis.KpiInput("Customer satisfaction (CSAT)"), 1, "name"),
        (kpis.KpiInput("customer SATISFACTION (csat)"), 1, "name"),
        (kpis.KpiInput("X", min_value=5, max_value=5), 5, "max_value"),
        (kpis.KpiInput("X", min_value="abc"), 5, "min_value"),
        (kpis.KpiInput("X", min_value=0, max_value=10), 11, "target"),
        (kpis.KpiInput("X"), "nan", "target"),
        (kpis.KpiInput("X\x00"), 1, "name"),
    ],
)
def test_bad_definitions_write_nothing(workbook: Workbook, data, target, field) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        kpis.add_kpi(workbook, data, target)
    assert caught.value.field == field
    assert file_bytes(workbook) == before


def test_narrowing_the_range_keeps_recorded_values(workbook: Workbook) -> None:
    own = kpis.add_kpi(workbook, kpis.KpiInput("Complaints", "", 0, None, False), 5)
    kpi_entries.set_entry(workbook, own, "2026-02", 40, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        kpis.update_kpi(workbook, own, kpis.KpiInput("Complaints", "", 0, 30, False))
    assert "2026-02" in caught.value.message
    assert kpis.get_kpi(workbook, own).max_value is None


def test_target_history(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    assert kpis.target_for(workbook, csat, "2020-01") == 85
    kpis.set_target(workbook, csat, 90, "2026-06", today=TODAY)
    kpis.set_target(workbook, csat, "92,5", "2026-09", today=TODAY)
    assert kpis.target_for(workbook, csat, "2026-05") == 85
    assert kpis.target_for(workbook, csat, "2026-06") == 90
    assert kpis.target_for(workbook, csat, "2026-08") == 90
    assert kpis.target_for(workbook, csat, "2026-11") == 92.5
    assert kpis.get_kpi(workbook, csat, today=TODAY).target == 92.5
    history = kpis.target_history(workbook, csat)
    assert [(t.from_month, t.target) for t in history] == [
        ("1900-01", 85),
        ("2026-06", 90),
        ("2026-09", 92.5),
    ]
    assert kpis.targets_for(history, ["2026-05", "2026-06", "2026-10"]) == [85, 90, 92.5]
    kpis.remove_target_change(workbook, csat, "2026-06")
    assert kpis.target_for(workbook, csat, "2026-07") == 85
    with pytest.raises(ValidationError):
        kpis.remove_target_change(workbook, csat, "1900-01")
    with pytest.raises(ValidationError):
        kpis.set_target(workbook, csat, 101, "2026-06", today=TODAY)
    with pytest.raises(ValidationError):
        kpis.set_target(workbook, csat, 80, "2027-01", today=TODAY)
    kpis.set_first_target(workbook, csat, 80)
    assert kpis.target_for(workbook, csat, "2020-01") == 80


def test_on_target_respects_direction() -> None:
    assert kpis.is_on_target(90, 85, True) and kpis.is_on_target(85, 85, True)
    assert not kpis.is_on_target(80, 85, True)
    assert kpis.is_on_target(20, 24, False) and not kpis.is_on_target(30, 24, False)


def test_move_kpi(workbook: Workbook) -> None:
    nps = kpi_id(workbook, "nps")
    kpis.move_kpi(workbook, nps, -1)
    assert [k.key for k in kpis.list_kpis(workbook)][:2] == ["nps", "csat"]


# -- months, rolling average, series, review ----------------------------------------


def test_month_helpers() -> None:
    assert add_months("2026-01", -1) == "2025-12"
    assert add_months("2025-12", 13) == "2027-01"
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2026-02", "2026-01") == []
    assert month_label("2026-03") == "March 2026"


def test_rolling_average_over_months_with_values() -> None:
    values = [10.0, 20.0, None, 40.0, None, None, 70.0]
    assert kpi_series.rolling_average(values) == [10, 15, None, 30, None, None, 70]
    assert kpi_series.rolling_average([1.0, 2.0, 3.0, 4.0]) == [1, 1.5, 2, 3]


def test_series_has_gaps_targets_rolling_and_notes(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    for month, value in [("2025-12", 70), ("2026-01", 80), ("2026-02", 90), ("2026-04", 60)]:
        kpi_entries.set_entry(workbook, csat, month, value, today=TODAY)
    kpi_entries.set_note(workbook, csat, "2026-02", "New menu", today=TODAY)
    kpis.set_target(workbook, csat, 88, "2026-03", today=TODAY)
    s = kpi_series.series(workbook, csat, "2026-01", "2026-04")
    assert s.months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert s.values == (80, 90, None, 60)
    assert s.targets == (85, 85, 88, 88)
    assert s.rolling == (75, 80, None, 75)  # January counts December, before the range
    assert s.notes == ("", "New menu", "", "")
    assert s.latest_index() == 3 and s.status() == kpis.OFF_TARGET and s.change() is None


def test_chart_range(workbook: Workbook) -> None:
    assert kpi_series.chart_range(workbook, 12, today=TODAY) == ("2025-12", "2026-11")
    kpi_entries.set_entry(workbook, kpi_id(workbook, "nps"), "2024-03", 10, today=TODAY)
    kpi_entries.set_entry(workbook, kpi_id(workbook, "nps"), "2026-05", 10, today=TODAY)
    assert kpi_series.chart_range(workbook, 12, today=TODAY) == ("2025-06", "2026-05")
    assert kpi_series.chart_range(workbook, None, today=TODAY) == ("2024-03", "2026-05")


def test_monthly_review(workbook: Workbook) -> None:
    csat, hours = kpi_id(workbook, "csat"), kpi_id(workbook, "resolution_time")
    kpi_entries.set_entry(workbook, csat, "2025-10", 70, today=TODAY)
    kpi_entries.set_entry(workbook, csat, "2026-09", 84, today=TODAY)
    kpi_entries.set_entry(workbook, csat, "2026-10", 86, "Good month", today=TODAY)
    kpi_entries.set_entry(workbook, hours, "2026-09", 20, today=TODAY)
    kpi_entries.set_entry(workbook, hours, "2026-10", 30, today=TODAY)
    kpi_review.save_next_steps(workbook, "2026-09", "Train Bo on the till", today=TODAY)
    kpi_review.save_next_steps(workbook, "2026-10", "Call back every complaint", today=TODAY)
    review = kpi_review.monthly_review(workbook, "2026-10", today=TODAY)
    by_key = {line.kpi.key: line for line in review.lines}
    line = by_key["csat"]
    assert (line.value, line.target, line.previous, line.year_before, line.note) == (
        86,
        85,
        84,
        70,
        "Good month",
    )
    assert line.status == kpis.ON_TARGET and line.trend == "up" and line.better(line.trend)
    assert line.rolling == 85
    hours_line = by_key["resolution_time"]
    assert hours_line.status == kpis.OFF_TARGET  # 30 hours against 24, lower is better
    assert hours_line.trend == "up" and hours_line.better(hours_line.trend) is False
    assert by_key["nps"].value is None and by_key["nps"].status is None
    assert review.next_steps == "Call back every complaint"
    assert review.previous_next_steps == "Train Bo on the till"
    assert (review.on_target, review.measured) == (1, 2)
    kpi_review.save_next_steps(workbook, "2026-10", "", today=TODAY)
    assert kpi_review.get_next_steps(workbook, "2026-10") == ""
    assert kpi_review.review_months(workbook, today=TODAY)[:3] == ["2026-11", "2026-10", "2026-09"]
    assert kpi_entries.latest_month(workbook) == "2026-10"


def test_retired_kpis_leave_the_review(workbook: Workbook) -> None:
    kpis.set_active(workbook, kpi_id(workbook, "retention"), False)
    review = kpi_review.monthly_review(workbook, "2026-10", today=TODAY)
    assert "retention" not in [line.kpi.key for line in review.lines]


# -- a KPI in "%" and KPI names ----------------------------------------------------------


@pytest.mark.parametrize(("low", "high"), [(None, None), ("", ""), ("", None)])
def test_a_percent_kpi_without_a_range_is_kept_within_0_to_100(
    workbook: Workbook, low, high
) -> None:
    """PRODUCT.md "Bad input": a percentage above 100 is refused."""
    before = file_bytes(workbook)
    for target in (150, -20):
        with pytest.raises(ValidationError) as caught:
            kpis.add_kpi(workbook, kpis.KpiInput("Reviews answered", "%", low, high), target)
        assert caught.value.field == "target"
    assert file_bytes(workbook) == before
    own = kpis.add_kpi(workbook, kpis.KpiInput("Reviews answered", " % ", low, high), 90)
    kpi = kpis.get_kpi(workbook, own)
    assert (kpi.min_value, kpi.max_value, kpi.range_text()) == (0, 100, "0 to 100")
    for value in ("150", "-20", "100.5"):
        with pytest.raises(ValidationError) as caught:
            kpi_entries.set_entry(workbook, own, "2026-01", value, today=TODAY)
        assert caught.value.field == "value"
    assert kpi_entries.set_entry(workbook, own, "2026-01", "100", today=TODAY) == 100
    assert kpi_entries.set_entry(workbook, own, "2026-02", "0", today=TODAY) == 0


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-50, 300, (-50, 300)),  # typed ranges are kept as typed
        (10, None, (10, 100)),  # an end left empty is 0 or 100
        (None, 80, (0, 80)),
        (150, None, (150, None)),  # … unless the typed end lies beyond it
        (None, -10, (None, -10)),
    ],
)
def test_a_percent_kpi_keeps_the_ends_typed(workbook: Workbook, low, high, expected) -> None:
    target = (expected[0] if expected[0] is not None else expected[1]) or 0
    own = kpis.add_kpi(workbook, kpis.KpiInput("Growth", "%", low, high), target)
    kpi = kpis.get_kpi(workbook, own)
    assert (kpi.min_value, kpi.max_value) == expected


def test_other_units_keep_an_open_range(workbook: Workbook) -> None:
    own = kpis.add_kpi(workbook, kpis.KpiInput("Refunds", "€"), 150)
    kpi = kpis.get_kpi(workbook, own)
    assert (kpi.min_value, kpi.max_value) == (None, None)
    assert kpi_entries.set_entry(workbook, own, "2026-01", "-20", today=TODAY) == -20


def test_editing_a_kpi_into_percent_without_a_range(workbook: Workbook) -> None:
    own = kpis.add_kpi(workbook, kpis.KpiInput("Repeat visits"), 40)
    kpis.update_kpi(workbook, own, kpis.KpiInput("Repeat visits", "%"))
    kpi = kpis.get_kpi(workbook, own)
    assert (kpi.min_value, kpi.max_value) == (0, 100)
    with pytest.raises(ValidationError) as caught:
        kpi_entries.set_entry(workbook, own, "2026-01", 150, today=TODAY)
    assert caught.value.field == "value"


def test_editing_a_percent_kpi_whose_values_lie_above_100(workbook: Workbook) -> None:
    """A "%" KPI holding 150 (a typed range, or made before the default): clearing the range
    keeps it within 0 to 100, so the edit is refused and says why; a typed range is kept."""
    own = kpis.add_kpi(workbook, kpis.KpiInput("Growth", "%", 0, 500), 120)
    kpi_entries.set_entry(workbook, own, "2026-01", 150, today=TODAY)
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        kpis.update_kpi(workbook, own, kpis.KpiInput("Growth", "%"))
    assert caught.value.field == "max_value"
    assert "0 to 100" in caught.value.message and "2026-01" in caught.value.message
    assert file_bytes(workbook) == before
    kpis.update_kpi(workbook, own, kpis.KpiInput("Growth", "%", 0, 200))
    assert kpis.get_kpi(workbook, own).max_value == 200


@pytest.mark.parametrize(
    ("first", "second"), [("Zoë's score", "ZOË'S SCORE"), ("Straße", "STRASSE")]
)
def test_kpi_names_compare_like_find_kpi(workbook: Workbook, first: str, second: str) -> None:
    """The KPI CSV import finds KPIs by name: two names it cannot tell apart are refused."""
    own = kpis.add_kpi(workbook, kpis.KpiInput(first), 1)
    other = kpis.add_kpi(workbook, kpis.KpiInput("Other"), 1)
    with pytest.raises(ValidationError) as caught:
        kpis.add_kpi(workbook, kpis.KpiInput(second), 1)
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        kpis.update_kpi(workbook, other, kpis.KpiInput(second))
    assert caught.value.field == "name"
    assert kpis.find_kpi(workbook, second).id == own
    assert kpis.find_kpi(workbook, "NPS").key == "nps"
    assert kpis.find_kpi(workbook, "Customer  satisfaction (csat)").key == "csat"
    assert kpis.find_kpi(workbook, "nothing") is None
