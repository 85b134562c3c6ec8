"""KPI CSV export and import (all or nothing, line numbers, ; and decimal comma and BOM,
replace) and the survey import (date forms, month grouping, counts, skipped cells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from cscoach.model import kpi_import as ki
from cscoach.model import kpis
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)
CSAT = "Customer satisfaction (CSAT)"
NPS = "Net Promoter Score (NPS)"


def kpi_id(wb: Workbook, key: str) -> int:
    return kpis.kpi_by_key(wb, key).id


def file_bytes(wb: Workbook) -> bytes:
    return Path(wb.path).read_bytes()


def values(wb: Workbook) -> list[tuple[str, str, float, str]]:
    names = {k.id: k.key for k in kpis.list_kpis(wb)}
    return [(names[e.kpi_id], e.month, e.value, e.note) for e in kpis.list_entries(wb)]


# -- export ------------------------------------------------------------------------------


def test_export_is_formula_safe_and_keeps_numbers(workbook: Workbook, tmp_path: Path) -> None:
    kpis.set_entry(workbook, kpi_id(workbook, "nps"), "2026-01", -20, "=HYPERLINK(x)", today=TODAY)
    kpis.set_entry(workbook, kpi_id(workbook, "csat"), "2026-01", 100 / 3, "@home", today=TODAY)
    kpis.set_entry(workbook, kpi_id(workbook, "csat"), "2025-12", 80, "-5 staff", today=TODAY)
    path = tmp_path / "kpis.csv"
    assert ki.export_kpi_csv(workbook, path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["month", "kpi", "value", "note"]
    assert rows[1] == ["2025-12", CSAT, "80.0", "'-5 staff"]
    assert rows[2][:3] == ["2026-01", CSAT, repr(100 / 3)]
    assert rows[2][3] == "'@home"
    assert rows[3] == ["2026-01", NPS, "-20.0", "'=HYPERLINK(x)"]  # the number stays a number


def test_export_then_import_round_trips_exactly(workbook: Workbook, tmp_path: Path) -> None:
    kpis.set_entry(workbook, kpi_id(workbook, "nps"), "2026-01", -20, "=SUM(A1)", today=TODAY)
    kpis.set_entry(workbook, kpi_id(workbook, "csat"), "2026-01", 100 / 3, "", today=TODAY)
    before = values(workbook)
    path = tmp_path / "kpis.csv"
    ki.export_kpi_csv(workbook, path)
    for entry in kpis.list_entries(workbook):
        kpis.clear_entry(workbook, entry.kpi_id, entry.month)
    report = ki.import_kpi_csv(workbook, path, today=TODAY)
    assert len(report.stored) == 2
    assert values(workbook) == before
    again = ki.import_kpi_csv(workbook, path, today=TODAY)  # the same file twice: no conflict
    assert again.written == 0 and len(again.unchanged) == 2


# -- import ------------------------------------------------------------------------------


def test_semicolons_decimal_comma_and_bom(workbook: Workbook) -> None:
    text = "\ufeffMonth;KPI;Value;Note\r\n2026-01;csat;88,5;Sunny\r\n\r\n2026-02;NPS;-12,25;\r\n"
    report = ki.import_kpi_csv(workbook, text.encode("utf-8"), today=TODAY)
    assert len(report.stored) == 2
    assert values(workbook) == [("csat", "2026-01", 88.5, "Sunny"), ("nps", "2026-02", -12.25, "")]


def test_comma_file_with_quoted_decimal_comma_and_any_column_order(workbook: Workbook) -> None:
    text = 'kpi,value,month\n"Customer Satisfaction (csat)","91,2",2026-03\n'
    ki.import_kpi_csv(workbook, text.encode(), today=TODAY)
    assert values(workbook) == [("csat", "2026-03", 91.2, "")]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("month,kpi,value,note\n2026-01,csat,80,\n2026-13,csat,80,\n", 3, "2026-13"),
        ("month,kpi,value,note\n2026-01,csat,80,\n\n2026-02,nps,101,\n", 4, "above 100"),
        ("month,kpi,value\n2026-01,Happiness,80\n", 2, "no KPI called “Happiness”"),
        ("month,kpi,value\n2026-01,csat,nan\n", 2, "number"),
        ("month,kpi,value\n2026-01,csat,\n", 2, "number"),
        ("month,kpi,value\n2026-01,resolution_time,-1\n", 2, "below 0"),
        ("month,kpi,value\n2027-01,csat,80\n", 2, "future"),
        ("month,kpi,value\n2026-01,csat,80\n2026-01,csat,81\n", 3, "line 2"),
        ("month,kpi,value,note\n2026-01,csat,88,5,\n", 2, "decimal comma"),
        ('month,kpi,value,note\n2026-01,csat,80,"two\nlines"\n2026-02,csat,x,\n', 4, "x"),
        ("month,kpi,value,note\n2026-01,csat,80,a\x01b\n2026-02,csat,1e999,\n", 3, "finite"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_its_line(
    workbook: Workbook, text: str, line: int, words: str
) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ki.CsvLineError) as caught:
        ki.import_kpi_csv(workbook, text.encode(), today=TODAY)
    assert caught.value.line == line
    assert caught.value.message.startswith(f"Line {line}: ")
    assert words in caught.value.message
    assert file_bytes(workbook) == before
    assert kpis.list_entries(workbook) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"month,kpi\n2026-01,csat\n", "“value” is missing"),
        (b"month,kpi,value,notes\n2026-01,csat,1,\n", "unknown column “notes”"),
        (b"", "empty"),
        (b"month,kpi,value,note\n", ""),
        ("month,kpi,value\n2026-01,csat,80\n".encode("cp1252") + b"\xe9", "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL"),
    ],
)
def test_wrong_files(workbook: Workbook, data: bytes, words: str) -> None:
    before = file_bytes(workbook)
    if data == b"month,kpi,value,note\n":
        assert ki.import_kpi_csv(workbook, data, today=TODAY).written == 0
        return
    with pytest.raises(ValidationError) as caught:
        ki.import_kpi_csv(workbook, data, today=TODAY)
    assert words in caught.value.message
    assert file_bytes(workbook) == before


def test_missing_file(workbook: Workbook, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        ki.import_kpi_csv(workbook, tmp_path / "nope.csv", today=TODAY)
    assert "Could not read" in caught.value.message


def test_existing_months_need_replace(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    kpis.set_entry(workbook, csat, "2026-01", 70, "Owner's note", today=TODAY)
    kpis.set_entry(workbook, csat, "2026-02", 75, today=TODAY)
    text = b"month,kpi,value,note\n2026-01,csat,80,\n2026-02,csat,75,\n2026-03,csat,90,\n"
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        ki.import_kpi_csv(workbook, text, today=TODAY)
    assert "2026-01" in caught.value.message and "2026-03" not in caught.value.message
    assert file_bytes(workbook) == before
    plan = ki.read_kpi_csv(workbook, text, today=TODAY)
    assert [r.month for r in plan.conflicts] == ["2026-01"]
    assert [r.month for r in plan.new] == ["2026-03"]
    assert [r.month for r in plan.unchanged] == ["2026-02"]
    assert "now 70.0, file 80.0" in plan.conflict_text()

    kept = ki.import_kpi_csv(workbook, text, keep_existing=True, today=TODAY)
    assert [r.month for r in kept.kept] == ["2026-01"] and [r.month for r in kept.stored] == [
        "2026-03"
    ]
    assert kpis.get_entry(workbook, csat, "2026-01").value == 70
    assert "Kept 1 existing value" in kept.summary()

    replaced = ki.import_kpi_csv(workbook, text, replace=True, today=TODAY)
    assert [r.month for r in replaced.replaced] == ["2026-01"]
    entry = kpis.get_entry(workbook, csat, "2026-01")
    assert (entry.value, entry.note) == (80, "Owner's note")  # an empty note keeps the old one


# -- survey import -------------------------------------------------------------------------

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
    report = ki.import_survey(workbook, GOOGLE_FORMS.encode("utf-8"), today=TODAY)
    assert report.nps_column == "How likely are you to recommend us to a friend?"
    assert report.csat_column == "How satisfied were you with your visit?"
    assert report.date_column == "Timestamp"
    nps, csat = kpi_id(workbook, "nps"), kpi_id(workbook, "csat")
    october = kpis.get_entry(workbook, nps, "2026-10")
    # 10, 9 promoters; 7 passive; 3 detractor: (2 − 1) ÷ 4 × 100 = 25
    assert october.value == 25
    assert october.counts == {"promoters": 2, "passives": 1, "detractors": 1}
    oct_csat = kpis.get_entry(workbook, csat, "2026-10")
    assert (oct_csat.value, oct_csat.counts) == (50, {"satisfied": 2, "total": 4})
    november = kpis.get_entry(workbook, nps, "2026-11")
    assert (november.value, november.counts) == (
        100,
        {"promoters": 1, "passives": 0, "detractors": 0},
    )
    assert kpis.get_entry(workbook, csat, "2026-11").counts == {"satisfied": 2, "total": 2}
    assert kpis.get_entry(workbook, nps, "2026-09").value == -100
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
    assert ki.parse_date(value) == expected


def test_day_first_dates_are_recognised(workbook: Workbook) -> None:
    text = "Zeitstempel;Empfehlung (0-10);Zufriedenheit\n3/10/2026 9:15;9;5\n25/10/2026 9:15;9;5\n"
    report = ki.import_survey(
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
    report = ki.import_survey(workbook, text.encode(), nps_column="Score", today=TODAY)
    assert [m.month for m in report.stored] == ["2026-03", "2026-04"]
    assert "month/day/year" in report.date_note
    assert "month/day/year" in report.summary()


def test_mixed_date_orders_are_refused(workbook: Workbook) -> None:
    text = "Timestamp,Score\n13/2/2026,9\n2/13/2026,8\n"
    with pytest.raises(ValidationError) as caught:
        ki.import_survey(workbook, text.encode(), nps_column="Score", today=TODAY)
    assert caught.value.field == "date_column"


def test_future_and_unreadable_dates_are_skipped_and_counted(workbook: Workbook) -> None:
    text = "Date,NPS\n2026-10-01,10\n2027-01-01,10\nsoon,10\n,9\n2026-10-02,0\n"
    report = ki.import_survey(workbook, text.encode(), nps_column="NPS", today=TODAY)
    assert dict(report.skipped) == {
        "responses dated after this month": 1,
        "responses whose date could not be read": 1,
        "responses without a date": 1,
    }
    assert kpis.get_entry(workbook, kpi_id(workbook, "nps"), "2026-10").value == 0


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
        ki.import_survey(workbook, text.encode(), today=TODAY, **kwargs)
    assert caught.value.field == field, caught.value.message
    assert file_bytes(workbook) == before


def test_text_column_message_names_a_line(workbook: Workbook) -> None:
    text = "Timestamp,Comments\n2026-10-01,Great service\n2026-10-02,Slow\n"
    with pytest.raises(ValidationError) as caught:
        ki.import_survey(workbook, text.encode(), nps_column="Comments", today=TODAY)
    assert "line 2 says “Great service”" in caught.value.message


def test_existing_months_kept_unless_replace(workbook: Workbook) -> None:
    nps = kpi_id(workbook, "nps")
    kpis.set_entry(workbook, nps, "2026-10", 40, "Typed in by hand", today=TODAY)
    text = b"Timestamp,Recommend\n2026-10-01,10\n2026-11-01,0\n"
    report = ki.import_survey(workbook, text, nps_column="Recommend", today=TODAY)
    assert [m.month for m in report.kept] == ["2026-10"]
    assert [m.month for m in report.stored] == ["2026-11"]
    assert kpis.get_entry(workbook, nps, "2026-10").value == 40
    assert "kept 40.0, survey 100.0" in report.summary()
    report = ki.import_survey(workbook, text, nps_column="Recommend", replace=True, today=TODAY)
    assert [m.month for m in report.replaced] == ["2026-10"]
    entry = kpis.get_entry(workbook, nps, "2026-10")
    assert (entry.value, entry.note, entry.counts) == (
        100,
        "Typed in by hand",
        {"promoters": 1, "passives": 0, "detractors": 0},
    )
    again = ki.import_survey(workbook, text, nps_column="Recommend", today=TODAY)
    assert again.written == 0 and len(again.unchanged) == 2


def test_surveymonkey_two_header_rows(workbook: Workbook) -> None:
    text = (
        "Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would "
        "recommend us?,Overall satisfaction\r\n"
        ",,,,Response,Response\r\n"
        "1,9,10/03/2026 09:15:22 AM,10/03/2026 09:16:01 AM,9,4\r\n"
        "2,9,10/21/2026 01:15:22 PM,10/21/2026 01:16:01 PM,5,2\r\n"
    )
    table = ki.read_survey(text.encode())
    assert table.headers[4] == "How likely is it that you would recommend us?"
    assert len(table.rows) == 2 and table.lines == (3, 4)
    date, nps, csat = ki.suggest_columns(table)
    assert (date, nps, csat) == (2, 4, 5)
    report = ki.import_survey(workbook, text.encode(), today=TODAY)
    assert {(m.key, m.month, m.value) for m in report.stored} == {
        ("nps", "2026-10", 0.0),
        ("csat", "2026-10", 50.0),
    }


def test_columns_of_a_big_survey_are_guessed_from_a_sample() -> None:
    """Past ``GUESS_SAMPLE`` responses only a spread-out sample is looked at, and the
    guess is the one the whole file gives: headings that say nothing, a 1–5 column and a
    0–10 column (told apart by answers above 5), and a column of mostly text."""
    lines = ["When,Q1,Q2,Q3"]
    for n in range(ki.GUESS_SAMPLE * 3 + 7):
        lines.append(f"{n % 10 + 1}/{n % 28 + 1}/2026 10:{n % 60:02d},{n % 5 + 1},{n % 11},ok {n}")
    table = ki.read_survey("\n".join(lines).encode())
    assert ki.suggest_columns(table) == (0, 2, 1)
    whole = ki.analyse_survey(table, date_column=0, nps_column=2, csat_column=1, today=TODAY)
    assert sum(m.nps_total for m in whole.months.values()) == len(table.rows)


def test_many_rows_analyse_quickly_and_group_by_month(workbook: Workbook) -> None:
    lines = ["Timestamp,Recommend"]
    for n in range(6000):
        lines.append(f"2026-{n % 10 + 1:02d}-{n % 28 + 1:02d} 10:00:00,{n % 11}")
    table = ki.read_survey("\n".join(lines).encode())
    analysis = ki.analyse_survey(table, date_column=0, nps_column=1, today=TODAY)
    assert sorted(analysis.months) == [f"2026-{m:02d}" for m in range(1, 11)]
    assert sum(t.nps_total for t in analysis.months.values()) == 6000
    planned = ki.plan_survey(workbook, analysis)
    assert all(m.action == ki.STORED for m in planned)
