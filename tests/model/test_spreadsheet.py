"""The whole workbook as a spreadsheet: read back with openpyxl as a spreadsheet program
would (sheet names, real dates and numbers, frozen headers, text that stays text, no names
in anonymous rounds), written 0600, never over a workbook, and from the command line."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import openpyxl
import pytest
from helpers.cli import digest
from helpers.dates import FIXED_TODAY

from cscoach.cli import main
from cscoach.model import feedback_edit, kpi_entries, kpis, questionnaire, spreadsheet, team
from cscoach.model.demo import create_demo
from cscoach.model.errors import WorkbookError
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook

SHEETS = [
    "Team",
    "Questionnaire answers",
    "Philosophy",
    "Values",
    "Standards",
    "Hiring criteria",
    "Candidates",
    "Scores",
    "KPIs",
    "KPI values",
    "Monthly reviews",
    "Feedback",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    create_demo(path, today=FIXED_TODAY)
    return path


@pytest.fixture(scope="module")
def demo_xlsx(demo: Path) -> openpyxl.Workbook:
    out = demo.with_name("everything.xlsx")
    with Workbook.open(demo, read_only=True) as wb:
        spreadsheet.export_workbook(wb, out, today=FIXED_TODAY)
    return openpyxl.load_workbook(out)


def _rows(book: openpyxl.Workbook, sheet: str) -> list[dict[str, object]]:
    ws = book[sheet]
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_a_sheet_for_each_section_with_its_header_frozen(demo_xlsx) -> None:
    names = demo_xlsx.sheetnames
    assert names[: len(SHEETS)] == SHEETS
    # once the workbook has actions, training and stories
    assert set(names) - set(SHEETS) <= {"Actions", "Training", "Stories", "Kiosk votes"}
    for ws in demo_xlsx.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.b for cell in ws[1]), ws.title
        assert ws.column_dimensions["A"].width >= 8


def test_dates_and_numbers_are_real_ones(demo_xlsx) -> None:
    members = _rows(demo_xlsx, "Team")
    assert len(members) == 7  # the six of the café and one who left
    assert all(isinstance(m["Started"], dt.datetime) for m in members if m["Started"])
    values = _rows(demo_xlsx, "KPI values")
    assert len(values) > 60
    assert all(isinstance(v["Month"], dt.datetime) and v["Month"].day == 1 for v in values)
    assert all(isinstance(v["Value"], int | float) for v in values)
    nps = [v for v in values if v["KPI"] == "Net Promoter Score (NPS)"]
    promoters = [v["Promoters (answered 9–10)"] for v in nps if v["Promoters (answered 9–10)"]]
    assert promoters and all(isinstance(p, int | float) for p in promoters)
    ws = demo_xlsx["KPI values"]
    assert ws["A2"].number_format == "mmm yyyy"
    assert ws["A2"].is_date
    feedback = _rows(demo_xlsx, "Feedback")
    assert len(feedback) > 40
    assert all(isinstance(f["Date"], dt.datetime) for f in feedback)
    candidates = _rows(demo_xlsx, "Candidates")
    assert all(0 < c["Weighted score"] <= 1 for c in candidates if c["Weighted score"])


def test_anonymous_rounds_carry_no_names(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "shop.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        names = ["Ana Lima", "Bo Chen", "Cyril Dubois"]
        ids = [team.add_member(wb, name) for name in names]
        named = questionnaire.create_round(wb, "Named round", "2026-03-01")
        hidden = questionnaire.create_round(wb, "Secret round", "2026-04-01", anonymous=True)
        for round_id in (named, hidden):
            first = questionnaire.round_questions(wb, round_id)[0]
            for member_id, name in zip(ids, names, strict=True):
                who = None if round_id == hidden else member_id
                questionnaire.save_response(wb, round_id, who, {first.id: f"I am {name}?"})
        out = tmp_path / "all.xlsx"
        spreadsheet.export_workbook(wb, out, today=FIXED_TODAY)
    answers = _rows(openpyxl.load_workbook(out), "Questionnaire answers")
    secret = [a for a in answers if a["Round"] == "Secret round"]
    assert sorted(a["Who"] for a in secret) == ["Response 1", "Response 2", "Response 3"]
    assert {a["Round kind"] for a in secret} == {"Anonymous"}
    for a in secret:
        assert not any(name in str(value) for value in (a["Who"],) for name in names)
    assert sorted(a["Who"] for a in answers if a["Round"] == "Named round") == names


def test_demo_anonymous_round_has_no_member_names(demo_xlsx) -> None:
    names = {m["Name"] for m in _rows(demo_xlsx, "Team")}
    answers = _rows(demo_xlsx, "Questionnaire answers")
    anonymous = [a for a in answers if a["Round kind"] == "Anonymous"]
    for a in anonymous:
        assert a["Who"] not in names
        assert str(a["Who"]).startswith("Response ")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "shop.cscoach"
    risky = ['=HYPERLINK("http://x")', "+44 20 7946 0000", "-just kidding", "@SUM(A1)"]
    with Workbook.create(path, "=Evil Café") as wb:
        for text in risky:
            team.add_member(wb, text, role=text)
        feedback_edit.add_item(
            wb, FeedbackInput("2026-10-02", "complaint", "=1+1"), today=FIXED_TODAY
        )
        nps = kpis.kpi_by_key(wb, "nps").id
        kpi_entries.set_entry(wb, nps, "2026-10", -20, "-worse than hoped")
        out = tmp_path / "all.xlsx"
        spreadsheet.export_workbook(wb, out, today=FIXED_TODAY)
    book = openpyxl.load_workbook(out)
    for ws in book.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    team_ws = book["Team"]
    cells = [c for c in team_ws["A"][1:]]
    assert sorted(c.value for c in cells) == sorted(risky)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    (value,) = _rows(book, "KPI values")
    assert value["Value"] == -20  # a negative number stays a number
    assert value["Note"] == "-worse than hoped"
    (item,) = _rows(book, "Feedback")
    assert item["What was said"] == "=1+1"


def test_written_for_the_owner_only_and_never_over_a_workbook(demo: Path, tmp_path) -> None:
    out = tmp_path / "everything.xlsx"
    before = digest(demo)
    with Workbook.open(demo, read_only=True) as wb:
        result = spreadsheet.export_workbook(wb, out, today=FIXED_TODAY)
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
        assert dict(result.sheets)["Team"] == 7
        with pytest.raises(WorkbookError, match="workbook itself"):
            spreadsheet.export_workbook(wb, demo, today=FIXED_TODAY)
        backup = tmp_path / "copy.cscoach"
        backup.write_bytes(demo.read_bytes())
        with pytest.raises(WorkbookError, match="CS Coach workbook"):
            spreadsheet.export_workbook(wb, backup, today=FIXED_TODAY)
    assert digest(demo) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_command_line_export_and_its_refusals(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "shop.xlsx"
    before = digest(demo)
    assert main(["export", "--workbook", str(demo), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Wrote ") and str(out) in printed
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Team", "Questionnaire answers"]
    for bad in (str(demo), str(tmp_path / "missing" / "x.xlsx"), str(tmp_path)):
        assert main(["export", "--workbook", str(demo), "--out", bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith("cscoach: error: ") and err.count("\n") == 1
    assert digest(demo) == before


def test_the_actions_sheet(demo_xlsx) -> None:
    actions = _rows(demo_xlsx, "Actions")
    assert len(actions) == 14
    assert all(isinstance(a["Added on"], dt.datetime) for a in actions)
    assert {a["Status"] for a in actions} >= {"Done", "Planned"}
    assert "You (the owner)" in {a["Owner"] for a in actions}


def test_training_and_stories_sheets(demo_xlsx) -> None:
    sessions = _rows(demo_xlsx, "Training")
    assert len(sessions) == 6
    assert [s["Date"] for s in sessions] == sorted(s["Date"] for s in sessions)  # oldest first
    assert all(isinstance(s["Date"], dt.datetime) for s in sessions)
    role_play = next(s for s in sessions if s["Kind"] == "Role-play")
    assert role_play["Run by"] == "Kwame Mensah" and role_play["People"] == 4
    assert "Remake it, no questions asked" in str(role_play["Standards covered"])
    hygiene = [s for s in sessions if s["Topic"] == "Food hygiene"]
    assert [s["Refresh every (months)"] for s in hygiene] == [12, 12]
    told = _rows(demo_xlsx, "Stories")
    assert len(told) == 3 and all(s["About"] and s["What happened"] for s in told)
    assert str(told[0]["From the compliment"]).startswith("Compliment of ")
    assert told[-1]["Featured in"]  # the newest, this month


def test_the_kiosk_votes_sheet_has_a_row_per_day(demo_xlsx) -> None:
    days = _rows(demo_xlsx, "Kiosk votes")
    assert 20 <= len(days) <= 27  # the opening days of last month, newest first
    first = days[0]
    assert first["Votes"] >= first["Faces"] >= first["Satisfied (4–5)"] >= 0
    assert 0 < first["CSAT"] <= 1 and -100 <= first["NPS"] <= 100


def test_every_kind_of_cell_reads_back_as_written(tmp_path: Path) -> None:
    """The writer itself, on values at the edges: dates either side of Excel's imaginary
    29 February 1900 and a real leap day, months, numbers, yes/no, and text that must come
    back exactly (spaces at either end, a line break, a tab, text that looks like Excel's own
    ``_xHHHH_`` escape, one text repeated in many cells, text in a number column)."""
    days = [
        dt.date(1900, 1, 1),
        dt.date(1900, 2, 28),
        dt.date(1900, 3, 1),
        dt.date(2028, 2, 29),
        dt.date(2200, 12, 31),
    ]
    texts = ["  two spaces before", "after ", "line\nbreak", "tab\there", "_x0041_", "same", "same"]
    columns = [
        spreadsheet.Column("Day", spreadsheet.DATE),
        spreadsheet.Column("Month", spreadsheet.MONTH),
        spreadsheet.Column("Number", spreadsheet.NUMBER),
        spreadsheet.Column("Share", spreadsheet.PERCENT),
        spreadsheet.Column("Yes?", spreadsheet.YESNO),
        spreadsheet.Column("Text"),
    ]
    rows = [
        (days[i % len(days)], days[i % len(days)].replace(day=1), i - 3.5, i / 10, i % 2, text)
        for i, text in enumerate(texts)
    ]
    rows.append((None, None, "n/a", None, False, ""))
    out = tmp_path / "kinds.xlsx"
    spreadsheet.write_xlsx([spreadsheet.Sheet("Kinds", columns, rows)], out)
    ws = openpyxl.load_workbook(out)["Kinds"]
    read = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in read] == [dt.datetime.combine(r[0], dt.time()) for r in rows[:-1]] + [
        None
    ]
    assert [r[1].day for r in read[:-1]] == [1] * len(texts)
    assert [r[2] for r in read] == [i - 3.5 for i in range(len(texts))] + ["n/a"]
    assert [r[4] for r in read] == ["No", "Yes"] * 3 + ["No", "No"]
    assert [r[5] for r in read] == [*texts, None]
    assert ws["A2"].number_format == "yyyy-mm-dd" and ws["B2"].number_format == "mmm yyyy"
    assert ws["D3"].number_format == "0%" and ws["D3"].value == 0.1
