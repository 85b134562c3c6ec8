"""The survey import: date forms, month grouping, counts, skipped cells, existing months,
the report. Which columns are read when none is named: test_survey_columns.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscoach.model import kpi_entries, kpis
from cscoach.model import survey_import as si
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def kpi_id(wb: Workbook, key: str) -> int:
    return kpis.kpi_by_key(wb, key).id


def file_bytes(wb: Workbook) -> bytes:
    return Path(wb.path).read_bytes()


GOOGLE_FORMS = (
    "Timestamp,How likely are you to recommend us to a friend?,"
    "How satisfied were you with your visit?,Anything else?\r\n"
    '10/3/2026 9:15:22,10,5,"Lovely, thanks"\r\n'
    "10/3/2026 12:01:09,9,4,\r\n"
    "10/17/2026 18:44:00,7,3,Slow\r\n"
    "10/30/2026 8:02:51,3,2,\r\n"
    "11/2/2026 10:10:10,10,,\r\n"
    "11/5/2026 10:10:10,,5,\r\n"
    "11/6/2026 10:10:10,n/a,4,\r\n"
    "9/29/2026 23:59:59,6,1,\r\n"
)


def test_google_forms_export_per_month(workbook: Workbook) -> None:
    report = si.import_survey(workbook, GOOGLE_FORMS.encode("utf-8"), today=TODAY)
    assert report.nps_column == "How likely are you to recommend us to a friend?"
    assert report.csat_column == "How satisfied were you with your visit?"
    assert report.date_column == "Timestamp"
    nps, csat = kpi_id(workbook, "nps"), kpi_id(workbook, "csat")
    october = kpi_entries.get_entry(workbook, nps, "2026-10")
    # 10, 9 promoters; 7 passive; 3 detractor: (2 − 1) ÷ 4 × 100 = 25
    assert october.value == 25
    assert october.counts == {"promoters": 2, "passives": 1, "detractors": 1}
    oct_csat = kpi_entries.get_entry(workbook, csat, "2026-10")
    assert (oct_csat.value, oct_csat.counts) == (50, {"satisfied": 2, "total": 4})
    november = kpi_entries.get_entry(workbook, nps, "2026-11")
    assert (november.value, november.counts) == (
        100,
        {"promoters": 1, "passives": 0, "detractors": 0},
    )
    assert kpi_entries.get_entry(workbook, csat, "2026-11").counts == {"satisfied": 2, "total": 2}
    assert kpi_entries.get_entry(workbook, nps, "2026-09").value == -100
    skipped = dict(report.skipped)
    assert skipped == {
        "blank NPS answers": 1,
        "blank CSAT answers": 1,
        "NPS answers that are not a whole number 0–10": 1,
    }
    assert len(report.stored) == 6
    text = report.summary()
    assert "Stored:" in text and "1 blank NPS answers" in text
    assert "read as month/day/year" not in text  # 10/17/2026 decides the order


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-03", dt.date(2026, 10, 3)),
        ("2026-10-03T09:15:22Z", dt.date(2026, 10, 3)),
        ("2026-10-03 09:15:22.123+01:00", dt.date(2026, 10, 3)),
        ("2026/10/03 9:15:22 AM GMT+1", dt.date(2026, 10, 3)),
        ("2026/10/03 9:15:22 pm GMT-05:00", dt.date(2026, 10, 3)),
        ("10/3/2026 9:15:22", dt.date(2026, 10, 3)),
        ("10/3/2026", dt.date(2026, 10, 3)),
        ("10/03/2026 09:15:22 AM", dt.date(2026, 10, 3)),
        ("10/3/26 9:15", dt.date(2026, 10, 3)),
        ("03.10.2026 09:15", dt.date(2026, 10, 3)),
        ("2026-02-30", None),
        ("yesterday", None),
        ("10/3/2026 and more", None),
        ("", None),
    ],
)
def test_date_forms(value: str, expected: dt.date | None) -> None:
    assert si.parse_date(value) == expected


def test_day_first_dates_are_recognised(workbook: Workbook) -> None:
    text = "Zeitstempel;Empfehlung (0-10);Zufriedenheit\n3/10/2026 9:15;9;5\n25/10/2026 9:15;9;5\n"
    report = si.import_survey(
        workbook,
        text.encode(),
        date_column="Zeitstempel",
        nps_column="Empfehlung (0-10)",
        csat_column="Zufriedenheit",
        today=TODAY,
    )
    assert [m.month for m in report.stored] == ["2026-10", "2026-10"]
    assert report.date_note == ""


def test_undecided_dates_are_read_month_first_and_said(workbook: Workbook) -> None:
    text = "Timestamp,Score\n3/10/2026,9\n4/10/2026,8\n"
    report = si.import_survey(workbook, text.encode(), nps_column="Score", today=TODAY)
    assert [m.month for m in report.stored] == ["2026-03", "2026-04"]
    assert "month/day/year" in report.date_note
    assert "month/day/year" in report.summary()


def test_mixed_date_orders_are_refused(workbook: Workbook) -> None:
    text = "Timestamp,Score\n13/2/2026,9\n2/13/2026,8\n"
    with pytest.raises(ValidationError) as caught:
        si.import_survey(workbook, text.encode(), nps_column="Score", today=TODAY)
    assert caught.value.field == "date_column"


def test_future_and_unreadable_dates_are_skipped_and_counted(workbook: Workbook) -> None:
    """In a date column the owner names; one CS Coach would choose must read in full."""
    text = "Date,NPS\n2026-10-01,10\n2027-01-01,10\nsoon,10\n,9\n2026-10-02,0\n"
    report = si.import_survey(
        workbook, text.encode(), date_column="Date", nps_column="NPS", today=TODAY
    )
    assert dict(report.skipped) == {
        "responses dated after this month": 1,
        "responses whose date could not be read": 1,
        "responses without a date": 1,
    }
    assert kpi_entries.get_entry(workbook, kpi_id(workbook, "nps"), "2026-10").value == 0


@pytest.mark.parametrize(
    ("text", "kwargs", "field"),
    [
        (
            "Timestamp,Recommend,Comments\n2026-10-01,9,Great service\n2026-10-02,8,Slow\n",
            {"nps_column": "Comments"},
            "nps_column",
        ),
        ("Timestamp,Score\n2026-10-01,9\n", {"nps_column": "Missing"}, "nps_column"),
        ("Timestamp,Score\n2026-10-01,9\n", {"csat_column": "Score"}, "csat_column"),  # 9 > 5
        (
            "When,Score\nMonday,9\nTuesday,8\n",
            {"date_column": "When", "nps_column": "Score"},
            "date_column",
        ),
        (
            "Timestamp,Score\n2026-10-01,9\n",
            {"nps_column": "Score", "csat_column": "Score"},
            "csat_column",
        ),
        ("Timestamp,Comments\n2026-10-01,hi\n", {}, "nps_column"),  # nothing to guess
        ("Timestamp,Score\n", {"nps_column": "Score"}, "file"),
    ],
)
def test_wrong_survey_columns_write_nothing(workbook: Workbook, text, kwargs, field) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        si.import_survey(workbook, text.encode(), today=TODAY, **kwargs)
    assert caught.value.field == field, caught.value.message
    assert file_bytes(workbook) == before


def test_text_column_message_names_a_line(workbook: Workbook) -> None:
    text = "Timestamp,Comments\n2026-10-01,Great service\n2026-10-02,Slow\n"
    with pytest.raises(ValidationError) as caught:
        si.import_survey(workbook, text.encode(), nps_column="Comments", today=TODAY)
    assert "line 2 says “Great service”" in caught.value.message


def test_existing_months_kept_unless_replace(workbook: Workbook) -> None:
    nps = kpi_id(workbook, "nps")
    kpi_entries.set_entry(workbook, nps, "2026-10", 40, "Typed in by hand", today=TODAY)
    text = b"Timestamp,Recommend\n2026-10-01,10\n2026-11-01,0\n"
    report = si.import_survey(workbook, text, nps_column="Recommend", today=TODAY)
    assert [m.month for m in report.kept] == ["2026-10"]
    assert [m.month for m in report.stored] == ["2026-11"]
    assert kpi_entries.get_entry(workbook, nps, "2026-10").value == 40
    assert "kept 40.0, survey 100.0" in report.summary()
    report = si.import_survey(workbook, text, nps_column="Recommend", replace=True, today=TODAY)
    assert [m.month for m in report.replaced] == ["2026-10"]
    entry = kpi_entries.get_entry(workbook, nps, "2026-10")
    assert (entry.value, entry.note, entry.counts) == (
        100,
        "Typed in by hand",
        {"promoters": 1, "passives": 0, "detractors": 0},
    )
    again = si.import_survey(workbook, text, nps_column="Recommend", today=TODAY)
    assert again.written == 0 and len(again.unchanged) == 2


def test_surveymonkey_two_header_rows(workbook: Workbook) -> None:
    text = (
        "Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would "
        "recommend us?,Overall satisfaction\r\n"
        ",,,,Response,Response\r\n"
        "1,9,10/03/2026 09:15:22 AM,10/03/2026 09:16:01 AM,9,4\r\n"
        "2,9,10/21/2026 01:15:22 PM,10/21/2026 01:16:01 PM,5,2\r\n"
    )
    table = si.read_survey(text.encode())
    assert table.headers[4] == "How likely is it that you would recommend us?"
    assert len(table.rows) == 2 and table.lines == (3, 4)
    date, nps, csat = si.suggest_columns(table)
    assert (date, nps, csat) == (3, 4, 5)  # End Date: when the response was sent
    report = si.import_survey(workbook, text.encode(), today=TODAY)
    assert {(m.key, m.month, m.value) for m in report.stored} == {
        ("nps", "2026-10", 0.0),
        ("csat", "2026-10", 50.0),
    }


def test_columns_of_a_big_survey_are_judged_on_a_sample() -> None:
    """Past ``GUESS_SAMPLE`` responses only a spread-out sample of the answers is looked
    at, and the choice is the one the whole file gives; the timestamp is read in full."""
    lines = ["Submitted at,How satisfied were you?,How likely are you to recommend us?,Notes"]
    for n in range(si.GUESS_SAMPLE * 3 + 7):
        lines.append(f"{n % 10 + 1}/{n % 28 + 1}/2026 10:{n % 60:02d},{n % 5 + 1},{n % 11},ok {n}")
    table = si.read_survey("\n".join(lines).encode())
    assert si.suggest_columns(table) == (0, 2, 1)
    whole = si.analyse_survey(table, date_column=0, nps_column=2, csat_column=1, today=TODAY)
    assert sum(m.nps_total for m in whole.months.values()) == len(table.rows)
    # one unreadable timestamp anywhere, even outside the sample: not the timestamp to use
    rows = list(table.rows)
    rows[1] = ("soon", *rows[1][1:])
    damaged = si.SurveyTable(table.name, table.headers, tuple(rows), table.lines)
    assert si.suggest_columns(damaged)[0] is None


def test_many_rows_analyse_quickly_and_group_by_month(workbook: Workbook) -> None:
    lines = ["Timestamp,Recommend"]
    for n in range(6000):
        lines.append(f"2026-{n % 10 + 1:02d}-{n % 28 + 1:02d} 10:00:00,{n % 11}")
    table = si.read_survey("\n".join(lines).encode())
    analysis = si.analyse_survey(table, date_column=0, nps_column=1, today=TODAY)
    assert sorted(analysis.months) == [f"2026-{m:02d}" for m in range(1, 11)]
    assert sum(t.nps_total for t in analysis.months.values()) == 6000
    planned = si.plan_survey(workbook, analysis)
    assert all(m.action == si.STORED for m in planned)


def test_the_report_of_many_months_is_summarised(workbook: Workbook) -> None:
    lines = ["Timestamp,How likely are you to recommend us?,How satisfied were you?"]
    for year in range(2001, 2026):
        for month in range(1, 13):
            lines.append(f"{year}-{month:02d}-15 10:00:00,9,4")
    text = "\n".join(lines).encode()
    report = si.import_survey(workbook, text, today=TODAY)
    assert len(report.stored) == 600
    assert (
        "Stored: 600 values — Net Promoter Score (NPS), 300 months from 2001-01 to 2025-12; "
        "Customer satisfaction (CSAT), 300 months from 2001-01 to 2025-12." in report.lines()
    )
    kpi_entries.set_entry(workbook, kpi_id(workbook, "nps"), "2001-01", 10, today=TODAY)
    again = si.import_survey(workbook, text, today=TODAY)
    assert (
        "Kept the value already there (import with replace to overwrite): Net Promoter Score "
        "(NPS) 2001-01 (kept 10.0, survey 100.0)." in again.lines()
    )
    unchanged = next(line for line in again.lines() if line.startswith("Already there"))
    assert unchanged == (
        "Already there with the same value: 599 values — Customer satisfaction (CSAT), 300 "
        "months from 2001-01 to 2025-12; Net Promoter Score (NPS), 299 months from 2001-02 to "
        "2025-12."
    )
    assert len(again.summary()) < 1000
