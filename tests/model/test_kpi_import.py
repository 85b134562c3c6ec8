"""KPI CSV export and import (all or nothing, line numbers, ; and decimal comma and BOM,
replace). The survey import's tests are in test_survey_import.py and test_survey_columns.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from cscoach.model import kpi_entries, kpis
from cscoach.model import kpi_import as ki
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
    return [(names[e.kpi_id], e.month, e.value, e.note) for e in kpi_entries.list_entries(wb)]


# -- export ------------------------------------------------------------------------------


def test_export_is_formula_safe_and_keeps_numbers(workbook: Workbook, tmp_path: Path) -> None:
    kpi_entries.set_entry(
        workbook, kpi_id(workbook, "nps"), "2026-01", -20, "=HYPERLINK(x)", today=TODAY
    )
    kpi_entries.set_entry(
        workbook, kpi_id(workbook, "csat"), "2026-01", 100 / 3, "@home", today=TODAY
    )
    kpi_entries.set_entry(
        workbook, kpi_id(workbook, "csat"), "2025-12", 80, "-5 staff", today=TODAY
    )
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
    kpi_entries.set_entry(
        workbook, kpi_id(workbook, "nps"), "2026-01", -20, "=SUM(A1)", today=TODAY
    )
    kpi_entries.set_entry(workbook, kpi_id(workbook, "csat"), "2026-01", 100 / 3, "", today=TODAY)
    before = values(workbook)
    path = tmp_path / "kpis.csv"
    ki.export_kpi_csv(workbook, path)
    for entry in kpi_entries.list_entries(workbook):
        kpi_entries.clear_entry(workbook, entry.kpi_id, entry.month)
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
    assert kpi_entries.list_entries(workbook) == []


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
    kpi_entries.set_entry(workbook, csat, "2026-01", 70, "Owner's note", today=TODAY)
    kpi_entries.set_entry(workbook, csat, "2026-02", 75, today=TODAY)
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
    assert kpi_entries.get_entry(workbook, csat, "2026-01").value == 70
    assert "Kept 1 existing value" in kept.summary()

    replaced = ki.import_kpi_csv(workbook, text, replace=True, today=TODAY)
    assert [r.month for r in replaced.replaced] == ["2026-01"]
    entry = kpi_entries.get_entry(workbook, csat, "2026-01")
    assert (entry.value, entry.note) == (80, "Owner's note")  # an empty note keeps the old one


# -- spreadsheet files as they come ----------------------------------------------------------


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["UTF-16 LE", "UTF-16 BE"])
def test_excel_unicode_text_imports(workbook: Workbook, bom: bytes) -> None:
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated, CRLF; a note
    with a comma in it stays one cell."""
    text = "month\tkpi\tvalue\tnote\r\n2026-01\tcsat\t88,5\tSunny, busy\r\n2026-02\tNPS\t-12\t\r\n"
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    report = ki.import_kpi_csv(workbook, bom + text.encode(codec), today=TODAY)
    assert len(report.stored) == 2
    assert values(workbook) == [
        ("csat", "2026-01", 88.5, "Sunny, busy"),
        ("nps", "2026-02", -12, ""),
    ]
    assert ki.read_kpi_csv(workbook, bom + text.encode(codec), today=TODAY).delimiter == "\t"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("month,kpi,value\n2026-01,csat,80\n".encode("utf-16")[:-1], "cut short"),
        ("month,kpi,value\n2026-01,csat,8\x000\n".encode("utf-16"), "NUL"),
        ("month,kpi,value\n2026-01,csat,80\n".encode("utf-16-le"), "NUL"),  # no mark
        ("\ufeff".encode("utf-16-le") + b"", "empty"),
    ],
    ids=["cut short", "NUL inside", "no byte-order mark", "only the mark"],
)
def test_damaged_unicode_text_is_refused(workbook: Workbook, data: bytes, words: str) -> None:
    before = file_bytes(workbook)
    with pytest.raises(ValidationError) as caught:
        ki.import_kpi_csv(workbook, data, today=TODAY)
    assert words in caught.value.message
    assert file_bytes(workbook) == before


def test_a_heading_with_a_comma_does_not_fool_the_delimiter(workbook: Workbook) -> None:
    from cscoach.model import csvread

    assert csvread.delimiter("A\tB, or C\tD\n1\t2\t3\n4\t5\t6\n") == "\t"
    assert csvread.delimiter("A;B, or C;D\n1;2,5;3\n") == ";"
    assert csvread.delimiter('A,"B; C",D\n1,2,3\n') == ","
    assert csvread.delimiter("month,kpi,value,note\n2026-01,csat,88,5,\n") == ","


# -- the report of a big import -------------------------------------------------------------


def test_the_report_of_ten_thousand_rows_is_summarised(workbook: Workbook) -> None:
    for n in range(4):
        kpis.add_kpi(workbook, kpis.KpiInput(f"Own measure {n + 1}", "count"), 10)
    names = [k.name for k in kpis.list_kpis(workbook)]
    months = [f"{year}-{month:02d}" for year in range(1900, 2026) for month in range(1, 13)]
    rows = [(m, name) for m in months for name in names][:10_000]

    def csv_text(value: int) -> bytes:
        lines = ["month,kpi,value,note", *(f'{m},"{name}",{value},' for m, name in rows)]
        return "\n".join(lines).encode()

    first = ki.import_kpi_csv(workbook, csv_text(40), today=TODAY)
    assert len(first.stored) == 10_000
    report = ki.import_kpi_csv(workbook, csv_text(41), replace=True, today=TODAY)
    assert len(report.replaced) == 10_000
    replaced = next(line for line in report.lines() if line.startswith("Replaced:"))
    assert len(replaced) < 1000, replaced
    assert replaced.startswith("Replaced: 10,000 values — Customer satisfaction (CSAT), ")
    assert "months from 1900-01 to " in replaced
    kept = ki.import_kpi_csv(workbook, csv_text(42), keep_existing=True, today=TODAY)
    line = next(line for line in kept.lines() if line.startswith("Kept"))
    assert line.startswith(
        "Kept 10,000 existing values (import with replace to overwrite them): Customer "
        "satisfaction (CSAT), "
    )
    assert len(line) < 1000


def test_a_short_report_still_names_each_month(workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    kpi_entries.set_entry(workbook, csat, "2026-01", 70, today=TODAY)
    text = b"month,kpi,value\n2026-01,csat,80\n2026-02,csat,81\n"
    report = ki.import_kpi_csv(workbook, text, replace=True, today=TODAY)
    assert "Replaced: Customer satisfaction (CSAT) 2026-01." in report.lines()
