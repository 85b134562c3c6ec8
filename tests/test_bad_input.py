"""Every bad input of PRODUCT.md "Bad input" and of the section issues, table-driven.

Through the command line, wherever a command takes the input: exit status 2, exactly one
line ``cscoach: error: …`` on stderr naming the problem (and the line, for a CSV file),
nothing on stdout, and the workbook byte-identical (no file at all for ``new``). Through the
model functions: a ``ValidationError`` naming the field, and nothing written. The accepted
forms (a decimal comma, Excel's BOM, a ``;`` delimiter, …) are checked to import correctly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, digest, run
from helpers.tally import count

from cscoach.cli import main
from cscoach.model import (
    hiring,
    hiring_scorecard,
    kpi_entries,
    kpi_import,
    kpis,
    settings,
    survey_import,
    team,
)
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

# In the future whatever the machine's clock says (the command line reads it): no test here
# works out "next month" from today.
FUTURE_DAY = dt.date(2199, 12, 1)
FUTURE_MONTH = f"{FUTURE_DAY:%Y-%m}"
CSAT = "Customer satisfaction (CSAT)"
NPS = "Net Promoter Score (NPS)"
RETENTION = "Customer retention rate"
HOURS = "Average resolution time"
GOOD = f"2025-01,{CSAT},80,a good row first\n"  # a bad row after it: nothing at all imported


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A workbook with some content, as bytes: each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "template.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        member = team.add_member(wb, "Ana Lima", "Barista")
        team.add_member(wb, "Ben Ode", "Shift lead")
        rnd = qn.create_round(wb, "Team meeting, March 2025", "2025-03-10")
        first = qn.round_questions(wb, rnd)[0]
        qn.save_response(wb, rnd, member, {first.id: "Greet people by name."})
        ph.add_value(wb, "Warmth", "We make people feel welcome.")
        message = next(s for s in ph.list_sections(wb) if s.title == "Our one clear message")
        ph.save_section_body(wb, message.id, "Every customer leaves happier.")
        ph.publish(wb, on=dt.date(2025, 3, 20))
        hiring.add_candidate(wb, hiring.CandidateInput("Hannah Becker", "Barista"))
        kpi_entries.set_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2025-02", 81, "February")
    return path.read_bytes()


@pytest.fixture
def book(tmp_path: Path, template: bytes) -> Path:
    path = tmp_path / "workbook.cscoach"
    path.write_bytes(template)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def beside(book: Path) -> list[str]:
    """The files beside the workbook, backups/ included: a refused command does not even
    make the daily backup that opening a workbook for writing makes."""
    return sorted(p.name for p in book.parent.iterdir())


def refused(capsys, book: Path, args: list[str], *fragments: str) -> str:
    """Run the command in-process: exit 2, one error line holding the fragments, nothing on
    stdout, the workbook byte-identical and nothing else created in its folder."""
    before = digest(book)
    files = beside(book)
    code, out, err = cli(capsys, *args)
    assert code == 2, (out, err)
    assert out == ""
    line = assert_one_error_line(err, *fragments)
    assert digest(book) == before, "the workbook changed"
    assert beside(book) == files, "a file was created"
    count("bad inputs refused by the command line")
    return line


class Unchanged:
    """Nothing written by the model: no row changed and the whole content the same."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.changes = wb.conn.total_changes
        self.dump = self._dump()

    def _dump(self) -> str:
        return hashlib.sha256("\n".join(self.wb.conn.iterdump()).encode()).hexdigest()

    def check(self) -> None:
        assert self.wb.conn.total_changes == self.changes, "a row was written"
        assert self._dump() == self.dump, "the content changed"


def assert_refused(wb: Workbook, field: str, action: Callable[[], object]) -> ValidationError:
    unchanged = Unchanged(wb)
    with pytest.raises(ValidationError) as caught:
        action()
    assert caught.value.field == field, f"field {caught.value.field!r}: {caught.value}"
    assert str(caught.value).strip() and "\n" not in str(caught.value)
    unchanged.check()
    count("bad inputs refused by the model")
    return caught.value


# -- the KPI CSV ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BadCsv:
    id: str
    data: bytes
    line: int | None  # the line the message must name (None: the file as a whole)
    fragment: str  # what the message must say


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


HEADER = "month,kpi,value,note\n"
BAD_KPI_CSV = [
    BadCsv("NPS 140", csv_bytes(HEADER + GOOD + "2025-02,NPS,140,\n"), 3, "above 100"),
    BadCsv("NPS -101", csv_bytes(HEADER + GOOD + f"2025-02,{NPS},-101,\n"), 3, "below -100"),
    BadCsv("CSAT 100.5", csv_bytes(HEADER + f"2025-02,{CSAT},100.5,\n"), 2, "above 100"),
    BadCsv("retention 101", csv_bytes(HEADER + f"2025-02,{RETENTION},101,\n"), 2, "above 100"),
    BadCsv("retention -1", csv_bytes(HEADER + f"2025-02,{RETENTION},-1,\n"), 2, "below 0"),
    BadCsv("negative hours", csv_bytes(HEADER + GOOD + f"2025-02,{HOURS},-3,\n"), 3, "below 0"),
    BadCsv("month 2026-13", csv_bytes(HEADER + f"2026-13,{CSAT},80,\n"), 2, "month 13"),
    BadCsv("month 2026-00", csv_bytes(HEADER + f"2026-00,{CSAT},80,\n"), 2, "month 00"),
    BadCsv("month 26-01", csv_bytes(HEADER + f"26-01,{CSAT},80,\n"), 2, "YYYY-MM"),
    BadCsv("month 2026/01", csv_bytes(HEADER + f"2026/01,{CSAT},80,\n"), 2, "YYYY-MM"),
    BadCsv("month empty", csv_bytes(HEADER + f",{CSAT},80,\n"), 2, "YYYY-MM"),
    BadCsv("future month", csv_bytes(HEADER + GOOD + f"{FUTURE_MONTH},{CSAT},80,\n"), 3, "future"),
    BadCsv("NaN", csv_bytes(HEADER + f"2025-02,{CSAT},NaN,\n"), 2, "must be a number"),
    BadCsv("nan", csv_bytes(HEADER + f"2025-02,{CSAT},nan,\n"), 2, "must be a number"),
    BadCsv("inf", csv_bytes(HEADER + f"2025-02,{HOURS},inf,\n"), 2, "must be a number"),
    BadCsv("1e400", csv_bytes(HEADER + f"2025-02,{HOURS},1e400,\n"), 2, "finite"),
    BadCsv("-1e400", csv_bytes(HEADER + f"2025-02,{NPS},-1e400,\n"), 2, "finite"),
    BadCsv("1_000", csv_bytes(HEADER + f"2025-02,{HOURS},1_000,\n"), 2, "must be a number"),
    BadCsv("Arabic digits", csv_bytes(HEADER + f"2025-02,{CSAT},٨٠,\n"), 2, "must be a number"),
    BadCsv("full-width", csv_bytes(HEADER + f"2025-02,{CSAT},８０,\n"), 2, "must be a number"),
    BadCsv("empty value", csv_bytes(HEADER + f"2025-02,{CSAT},,\n"), 2, "must be a number"),
    BadCsv("words", csv_bytes(HEADER + f"2025-02,{CSAT},eighty,\n"), 2, "“eighty”"),
    BadCsv("two dots", csv_bytes(HEADER + f"2025-02,{CSAT},8.0.1,\n"), 2, "must be a number"),
    BadCsv("unknown KPI", csv_bytes(HEADER + "2025-02,Happiness,80,\n"), 2, "“Happiness”"),
    BadCsv("empty KPI", csv_bytes(HEADER + "2025-02,,80,\n"), 2, "kpi cell is empty"),
    BadCsv("too many cells", csv_bytes(HEADER + f"2025-02,{CSAT},80,5,x\n"), 2, "5 cells"),
    BadCsv(
        "decimal comma unquoted",
        csv_bytes("month,kpi,value\n" + f"2025-02,{CSAT},85,5\n"),
        2,
        "decimal comma",
    ),
    BadCsv(
        "same month twice",
        csv_bytes(HEADER + GOOD + f"2025-01,{CSAT.upper()},81,\n"),
        3,
        "already on line 2",
    ),
    BadCsv(
        "note too long",
        csv_bytes(HEADER + f"2025-02,{CSAT},80,{'x' * 2001}\n"),
        2,
        "too long",
    ),
    BadCsv("wrong column", csv_bytes("month,kpi,amount\n2025-02,CSAT,80\n"), 1, "“amount”"),
    BadCsv("missing column", csv_bytes("month,kpi\n2025-02,CSAT\n"), 1, "“value” is missing"),
    BadCsv("column twice", csv_bytes("month,kpi,value,value\n2025-02,CSAT,8,8\n"), 1, "twice"),
    BadCsv("no header", csv_bytes(f"2025-02,{CSAT},80,\n"), 1, "unknown column"),
    BadCsv(
        "unclosed quote",
        csv_bytes(HEADER + f'2025-02,{CSAT},80,"note\n2025-03,{CSAT},81,\n'),
        2,
        "quotes",
    ),
    BadCsv(
        "line numbers count blank and multi-line rows",
        csv_bytes(HEADER + "\n" + f'2025-02,{CSAT},80,"two\nlines"\n\n2025-03,{NPS},101,\n'),
        6,
        "above 100",
    ),
    BadCsv("NUL bytes", csv_bytes(HEADER + f"2025-02,{CSAT},80\x00,\n"), None, "NUL"),
    BadCsv("not UTF-8", (HEADER + "2025-02,CSAT,80,café\n").encode("latin-1"), None, "UTF-8"),
    BadCsv("UTF-16 cut short", (HEADER + "2025-02,CSAT,80,\n").encode("utf-16")[:-1], None, "cut"),
    BadCsv("empty file", b"", None, "empty"),
    BadCsv("only blank lines", b"\n \r\n\t\n", None, "empty"),
    BadCsv("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "NUL"),
]


@pytest.mark.parametrize("bad", BAD_KPI_CSV, ids=[b.id for b in BAD_KPI_CSV])
def test_kpi_import_refuses_a_bad_csv_through_the_cli(
    capsys, tmp_path: Path, book: Path, bad: BadCsv
) -> None:
    csv_file = tmp_path / "values.csv"
    csv_file.write_bytes(bad.data)
    fragments = [bad.fragment] + ([f"Line {bad.line}:"] if bad.line else [])
    args = ["kpi", "import", "--workbook", str(book), str(csv_file)]
    refused(capsys, book, args, *fragments)
    refused(capsys, book, [*args, "--replace"], *fragments)


@pytest.mark.parametrize("bad", BAD_KPI_CSV, ids=[b.id for b in BAD_KPI_CSV])
def test_kpi_import_refuses_a_bad_csv_through_the_model(book: Path, bad: BadCsv) -> None:
    with Workbook.open(book) as wb:
        error = assert_refused(wb, "file", lambda: kpi_import.import_kpi_csv(wb, bad.data))
        assert bad.fragment in str(error)
        assert getattr(error, "line", None) == bad.line
        if bad.line:
            assert str(error).startswith(f"Line {bad.line}: ")


# -- KPI values and counts through the model -------------------------------------------------

BAD_VALUES = [
    # (id, kpi key, month, value, note, field)
    ("NPS 140", "nps", "2025-02", 140, None, "value"),
    ("NPS -101", "nps", "2025-02", "-101", None, "value"),
    ("CSAT 100.5", "csat", "2025-02", 100.5, None, "value"),
    ("retention 101", "retention", "2025-02", "101", None, "value"),
    ("retention -0.1", "retention", "2025-02", -0.1, None, "value"),
    ("negative hours", "resolution_time", "2025-02", -3, None, "value"),
    ("month 2026-13", "csat", "2026-13", 80, None, "month"),
    ("future month", "csat", FUTURE_MONTH, 80, None, "month"),
    ("month 1899-12", "csat", "1899-12", 80, None, "month"),
    ("NaN", "csat", "2025-02", float("nan"), None, "value"),
    ("nan text", "csat", "2025-02", "nan", None, "value"),
    ("inf", "resolution_time", "2025-02", float("inf"), None, "value"),
    ("1e400", "resolution_time", "2025-02", "1e400", None, "value"),
    ("huge int", "resolution_time", "2025-02", 10**400, None, "value"),
    ("1_000", "resolution_time", "2025-02", "1_000", None, "value"),
    ("Arabic digits", "csat", "2025-02", "٨٠", None, "value"),
    ("empty", "csat", "2025-02", "", None, "value"),
    ("None", "csat", "2025-02", None, None, "value"),
    ("True", "csat", "2025-02", True, None, "value"),
    ("NUL in note", "csat", "2025-02", 80, "a\x00b", "note"),
    ("broken character in note", "csat", "2025-02", 80, "bad \ud800 paste", "note"),
    ("note too long", "csat", "2025-02", 80, "x" * 2001, "note"),
]


@pytest.mark.parametrize(
    "key, month, value, note, field", [b[1:] for b in BAD_VALUES], ids=[b[0] for b in BAD_VALUES]
)
def test_set_entry_refuses_bad_values(book: Path, key, month, value, note, field) -> None:
    with Workbook.open(book) as wb:
        kpi = kpis.kpi_by_key(wb, key)
        assert_refused(wb, field, lambda: kpi_entries.set_entry(wb, kpi.id, month, value, note))


BAD_COUNTS = [
    ("NPS all zero", "nps", {"promoters": 0, "passives": 0, "detractors": 0}, "promoters"),
    ("NPS negative", "nps", {"promoters": -1, "passives": 5, "detractors": 2}, "promoters"),
    ("NPS negative text", "nps", {"promoters": 3, "passives": "-5", "detractors": 2}, "passives"),
    ("NPS fraction", "nps", {"promoters": "1.5", "passives": 0, "detractors": 0}, "promoters"),
    ("NPS blank", "nps", {"promoters": "", "passives": 1, "detractors": 1}, "promoters"),
    ("NPS 5000 digits", "nps", {"promoters": "9" * 5000, "passives": 0, "detractors": 0}, None),
    ("CSAT all zero", "csat", {"satisfied": 0, "total": 0}, "total"),
    ("CSAT more satisfied", "csat", {"satisfied": 12, "total": 10}, "satisfied"),
    ("CSAT negative", "csat", {"satisfied": -1, "total": 10}, "satisfied"),
    (
        "retention start zero",
        "retention",
        {"customers_start": 0, "customers_end": 5, "new_customers": 1},
        "customers_start",
    ),
    (
        "retention more new than end",
        "retention",
        {"customers_start": 10, "customers_end": 5, "new_customers": 6},
        "new_customers",
    ),
    (
        "hours no issues",
        "resolution_time",
        {"total_hours": 10, "issues_resolved": 0},
        "issues_resolved",
    ),
    (
        "hours negative",
        "resolution_time",
        {"total_hours": -10, "issues_resolved": 2},
        "total_hours",
    ),
    (
        "hours nan",
        "resolution_time",
        {"total_hours": "nan", "issues_resolved": 2},
        "total_hours",
    ),
]


@pytest.mark.parametrize(
    "key, counts, field", [b[1:] for b in BAD_COUNTS], ids=[b[0] for b in BAD_COUNTS]
)
def test_set_entry_from_counts_refuses_bad_counts(book: Path, key, counts, field) -> None:
    field = field or next(iter(counts))
    with Workbook.open(book) as wb:
        kpi = kpis.kpi_by_key(wb, key)
        assert_refused(
            wb, field, lambda: kpi_entries.set_entry_from_counts(wb, kpi.id, "2025-02", counts)
        )


# -- the survey CSV --------------------------------------------------------------------------

SURVEY_HEAD = "Timestamp,Recommend (0-10),Satisfied (1-5)\n"
COLUMNS = ["--nps-column", "Recommend (0-10)", "--csat-column", "Satisfied (1-5)"]


@dataclass(frozen=True)
class BadSurvey:
    id: str
    data: bytes
    options: tuple[str, ...]
    field: str
    fragment: str


BAD_SURVEYS = [
    BadSurvey(
        "text in the NPS column",
        csv_bytes(SURVEY_HEAD + "2025-03-02,great,5\n2025-03-03,awful,4\n2025-03-04,9,4\n"),
        tuple(COLUMNS[:2]),
        "nps_column",
        "not a 0–10 answer column",
    ),
    BadSurvey(
        "NPS 11 and 12",
        csv_bytes(SURVEY_HEAD + "2025-03-02,11,5\n2025-03-03,12,4\n"),
        tuple(COLUMNS[:2]),
        "nps_column",
        "“11”",
    ),
    BadSurvey(
        "satisfaction 0 and 6",
        csv_bytes(SURVEY_HEAD + "2025-03-02,9,0\n2025-03-03,9,6\n"),
        tuple(COLUMNS),
        "csat_column",
        "not a 1–5 answer column",
    ),
    BadSurvey(
        "unknown NPS column",
        csv_bytes(SURVEY_HEAD + "2025-03-02,9,5\n"),
        ("--nps-column", "Loyalty"),
        "nps_column",
        "“Loyalty”",
    ),
    BadSurvey(
        "unknown date column",
        csv_bytes(SURVEY_HEAD + "2025-03-02,9,5\n"),
        (*COLUMNS, "--date-column", "When"),
        "date_column",
        "“When”",
    ),
    BadSurvey(
        "one column for two purposes",
        csv_bytes(SURVEY_HEAD + "2025-03-02,9,5\n"),
        ("--nps-column", "Recommend (0-10)", "--csat-column", "Recommend (0-10)"),
        "csat_column",
        "different column",
    ),
    BadSurvey(
        "dates that are not dates",
        csv_bytes(SURVEY_HEAD + "yesterday,9,5\nlast week,9,5\n"),
        (*COLUMNS, "--date-column", "Timestamp"),
        "date_column",
        "readable dates",
    ),
    BadSurvey(
        "day/month and month/day mixed",
        csv_bytes(SURVEY_HEAD + "13/2/2025,9,5\n2/13/2025,9,5\n"),
        tuple(COLUMNS),
        "date_column",
        "mix day/month/year",
    ),
    BadSurvey(
        "every response in the future",
        csv_bytes(SURVEY_HEAD + f"{FUTURE_DAY},9,5\n{FUTURE_DAY},10,4\n"),
        tuple(COLUMNS),
        "date_column",
        "after this month",
    ),
    BadSurvey(
        "no answer column at all",
        csv_bytes("Timestamp,Comment\n2025-03-02,lovely\n2025-03-03,slow\n"),
        (),
        "nps_column",
        "Choose the 0–10",
    ),
    BadSurvey(
        "only a header",
        csv_bytes(SURVEY_HEAD),
        tuple(COLUMNS),
        "file",
        "only a header",
    ),
    BadSurvey("empty file", b"", tuple(COLUMNS), "file", "empty"),
    BadSurvey(
        "NUL bytes",
        csv_bytes(SURVEY_HEAD + "2025-03-02,9\x00,5\n"),
        tuple(COLUMNS),
        "file",
        "NUL",
    ),
    BadSurvey(
        "not UTF-8",
        (SURVEY_HEAD + "2025-03-02,9,5,très bien\n").encode("latin-1"),
        tuple(COLUMNS),
        "file",
        "UTF-8",
    ),
    BadSurvey(
        "unclosed quote",
        csv_bytes(SURVEY_HEAD + '2025-03-02,"9,5\n2025-03-03,9,5\n'),
        tuple(COLUMNS),
        "file",
        "Line 2:",
    ),
]


def survey_kwargs(options: tuple[str, ...]) -> dict[str, str]:
    names = {"--nps-column": "nps_column", "--csat-column": "csat_column"}
    names["--date-column"] = "date_column"
    return {names[options[i]]: options[i + 1] for i in range(0, len(options), 2)}


@pytest.mark.parametrize("bad", BAD_SURVEYS, ids=[b.id for b in BAD_SURVEYS])
def test_survey_import_refuses_bad_input_through_the_cli(
    capsys, tmp_path: Path, book: Path, bad: BadSurvey
) -> None:
    csv_file = tmp_path / "survey.csv"
    csv_file.write_bytes(bad.data)
    args = ["survey", "import", "--workbook", str(book), str(csv_file), *bad.options]
    refused(capsys, book, args, bad.fragment)
    refused(capsys, book, [*args, "--replace"], bad.fragment)


@pytest.mark.parametrize("bad", BAD_SURVEYS, ids=[b.id for b in BAD_SURVEYS])
def test_survey_import_refuses_bad_input_through_the_model(book: Path, bad: BadSurvey) -> None:
    kwargs = survey_kwargs(bad.options)
    with Workbook.open(book) as wb:
        error = assert_refused(
            wb, bad.field, lambda: survey_import.import_survey(wb, bad.data, replace=True, **kwargs)
        )
        assert bad.fragment in str(error)


# -- new, print and export --------------------------------------------------------------------

BAD_NAMES = [
    ("empty", "", "cannot be empty"),
    ("spaces", "   ", "cannot be empty"),
    ("NUL", "Corner\x00Café", "NUL"),
    ("two lines", "Corner\nCafé", "one line"),
    ("too long", "C" * 201, "too long"),
    ("broken character", "Caf\udce9", "broken character"),
]


@pytest.mark.parametrize(
    "name, fragment", [b[1:] for b in BAD_NAMES], ids=[b[0] for b in BAD_NAMES]
)
def test_new_refuses_a_bad_business_name_and_creates_nothing(
    capsys, tmp_path: Path, name: str, fragment: str
) -> None:
    code, out, err = cli(capsys, "new", str(tmp_path / "new.cscoach"), "--business", name)
    assert (code, out) == (2, "")
    assert_one_error_line(err, "Business name", fragment)
    assert list(tmp_path.iterdir()) == []
    count("bad inputs refused by the command line")


@pytest.mark.parametrize(
    "name, fragment", [b[1:] for b in BAD_NAMES], ids=[b[0] for b in BAD_NAMES]
)
def test_bad_business_names_through_the_model(
    tmp_path: Path, book: Path, name: str, fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment) as caught:
        Workbook.create(tmp_path / "new.cscoach", name)
    assert caught.value.field == "business_name"
    assert not (tmp_path / "new.cscoach").exists()
    with Workbook.open(book) as wb:
        assert_refused(wb, "business_name", lambda: settings.set_business_name(wb, name))


def test_new_refuses_a_path_with_a_nul_byte(capsys, tmp_path: Path) -> None:
    code, out, err = cli(capsys, "new", str(tmp_path / "a\x00b.cscoach"), "--business", "Café")
    assert (code, out) == (2, "")
    assert_one_error_line(err, "NUL")
    assert list(tmp_path.iterdir()) == []


BAD_PRINTS = [
    (
        "unknown candidate",
        ["scorecard", "--candidate", "Hana Beker"],
        "Did you mean “Hannah Becker”",
    ),
    (
        "candidate nobody is like",
        ["scorecard", "--candidate", "Zed"],
        "Candidates: “Hannah Becker”",
    ),
    ("candidate with NUL", ["scorecard", "--candidate", "Hannah\x00"], "no candidate"),
    ("unknown round", ["answers", "--round", "Spring party"], "no round called “Spring party”"),
    ("round, broken character", ["answers", "--round", "Caf\udce9"], "no round called"),
    ("unknown version", ["philosophy", "--version", "7"], "no version 7 (versions: 1)"),
    ("version 0", ["philosophy", "--version", "0"], "no version 0"),
    ("version -1", ["philosophy", "--version", "-1"], "no version -1"),
    ("huge version", ["philosophy", "--version", "9" * 30], "no version 999"),
    ("version not a number", ["philosophy", "--version", "two"], "invalid int value"),
    ("month 2026-13", ["monthly-review", "--month", "2026-13"], "month 13"),
    ("future month", ["monthly-review", "--month", FUTURE_MONTH], "future"),
    ("month in words", ["monthly-review", "--month", "March"], "YYYY-MM"),
    ("page size a3", ["poster", "--page-size", "a3"], "invalid choice: 'a3'"),
    ("unknown document", ["brochure"], "invalid choice: 'brochure'"),
    ("version and draft", ["philosophy", "--version", "1", "--draft"], "cannot be used together"),
    ("month on the poster", ["poster", "--month", "2025-01"], "poster does not use --month"),
    ("candidate on the review", ["monthly-review", "--candidate", "Hannah Becker"], "--candidate"),
    ("round on the philosophy", ["philosophy", "--round", "Team meeting"], "use --round"),
    ("draft on the answers", ["answers", "--draft"], "answers does not use --draft"),
    ("version on the signoff", ["signoff", "--version", "1"], "signoff does not use --version"),
]


@pytest.mark.parametrize(
    "args, fragment", [b[1:] for b in BAD_PRINTS], ids=[b[0] for b in BAD_PRINTS]
)
def test_print_refuses_bad_options_and_writes_nothing(
    capsys, book: Path, args: list[str], fragment: str
) -> None:
    out = book.parent / "out.pdf"
    refused(capsys, book, ["print", *args, "--workbook", str(book), "--out", str(out)], fragment)


def test_print_and_export_refuse_a_folder_as_the_output(capsys, book: Path) -> None:
    folder = book.parent
    refused(
        capsys, book, ["print", "poster", "--workbook", str(book), "--out", str(folder)], "folder"
    )
    refused(
        capsys, book, ["kpi", "export", "--workbook", str(book), "--out", str(folder)], "folder"
    )


BAD_FILES = [
    ("demo onto a workbook", ["demo", "{book}"], "already exists"),
    ("demo path with NUL", ["demo", "{dir}/demo\x00.cscoach"], "NUL"),
    ("new onto a workbook", ["new", "{book}", "--business", "Café"], "already exists"),
    (
        "import a missing CSV",
        ["kpi", "import", "--workbook", "{book}", "{dir}/none.csv"],
        "none.csv",
    ),
    ("import a folder", ["kpi", "import", "--workbook", "{book}", "{dir}"], "Could not read"),
    (
        "survey from a missing CSV",
        ["survey", "import", "--workbook", "{book}", "{dir}/none.csv"],
        "none.csv",
    ),
    (
        "import into a missing workbook",
        ["kpi", "import", "--workbook", "{dir}/none.cscoach", "{book}"],
        "does not exist",
    ),
    (
        "import a workbook as CSV",
        ["kpi", "import", "--workbook", "{book}", "{book}"],
        "NUL",
    ),
    (
        "print a missing workbook",
        ["print", "poster", "--workbook", "{dir}/none.cscoach", "--out", "{dir}/x.pdf"],
        "does not exist",
    ),
    (
        "export a missing workbook",
        ["kpi", "export", "--workbook", "{dir}/none.cscoach", "--out", "{dir}/x.csv"],
        "does not exist",
    ),
    ("new without .cscoach", ["new", "{dir}/e4", "--business", "Café"], "use {dir}/e4.cscoach"),
    ("demo without .cscoach", ["demo", "{dir}/e4"], "use {dir}/e4.cscoach"),
    (
        "print into a missing folder",
        ["print", "poster", "--workbook", "{book}", "--out", "{dir}/none/x.pdf"],
        "cannot write {dir}/none/x.pdf: the folder {dir}/none does not exist",
    ),
    (
        "export into a missing folder",
        ["kpi", "export", "--workbook", "{book}", "--out", "{dir}/none/x.csv"],
        "cannot write {dir}/none/x.csv: the folder {dir}/none does not exist",
    ),
    (
        "export below a file",
        ["kpi", "export", "--workbook", "{book}", "--out", "{book}/x.csv"],
        "{book} is a file, not a folder",
    ),
]


@pytest.mark.parametrize(
    "args, fragment", [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_commands_refuse_bad_paths_and_write_nothing(
    capsys, book: Path, args: list[str], fragment: str
) -> None:
    filled = [a.format(book=book, dir=book.parent) for a in args]
    line = refused(capsys, book, filled, fragment.format(book=book, dir=book.parent))
    assert ".tmp" not in line


# -- the other sections, through the model ----------------------------------------------------


def _question(wb: Workbook, kind: str = "text") -> tuple[int, int]:
    rnd = qn.create_round(wb, f"Round {kind}", "2025-06-01")
    if kind == "rating":
        qn.add_question(wb, "Improvements", "How well do we keep our standards?", "rating")
        rnd = qn.create_round(wb, "Rated round", "2025-06-02")
    rq = next(q for q in qn.round_questions(wb, rnd) if q.kind == kind)
    return rnd, rq.id


SECTION_CASES: list[tuple[str, str, Callable[[Workbook], object]]] = [
    ("team: empty name", "name", lambda wb: team.add_member(wb, "")),
    ("team: NUL in name", "name", lambda wb: team.add_member(wb, "Ana\x00")),
    ("team: same name", "name", lambda wb: team.add_member(wb, "ana lima")),
    ("team: not a date", "start_date", lambda wb: team.add_member(wb, "Cy", "", "2025-02-30")),
    ("team: NUL in role", "role", lambda wb: team.add_member(wb, "Cy", "Bar\x00ista")),
    ("question: empty text", "text", lambda wb: qn.add_question(wb, "General", "  ")),
    ("question: NUL", "text", lambda wb: qn.add_question(wb, "General", "Why\x00?")),
    ("round: empty name", "name", lambda wb: qn.create_round(wb, "", "2025-06-01")),
    (
        "round: same name",
        "name",
        lambda wb: qn.create_round(wb, "team meeting, march 2025", "2025-06-01"),
    ),
    ("round: no date", "held_on", lambda wb: qn.create_round(wb, "June", "")),
    ("round: 1899", "held_on", lambda wb: qn.create_round(wb, "June", "1899-06-01")),
    ("philosophy: empty value", "name", lambda wb: ph.add_value(wb, " ")),
    ("philosophy: same value", "name", lambda wb: ph.add_value(wb, "WARMTH")),
    ("philosophy: NUL in meaning", "meaning", lambda wb: ph.add_value(wb, "Care", "a\x00")),
    ("philosophy: heading 201", "title", lambda wb: ph.add_section(wb, "H" * 201)),
    (
        "philosophy: NUL in body",
        "body",
        lambda wb: ph.save_section_body(wb, ph.list_sections(wb)[0].id, "\x00"),
    ),
    (
        "philosophy: body too long",
        "body",
        lambda wb: ph.save_section_body(wb, ph.list_sections(wb)[0].id, "x" * 20_001),
    ),
    ("philosophy: review 0", "review_months", lambda wb: ph.set_review_months(wb, 0)),
    (
        "standard: empty title",
        "title",
        lambda wb: st.add_standard(wb, st.StandardInput("", _cat(wb))),
    ),
    (
        "standard: title 161",
        "title",
        lambda wb: st.add_standard(wb, st.StandardInput("T" * 161, _cat(wb))),
    ),
    (
        "standard: review 0",
        "review_months",
        lambda wb: st.add_standard(wb, st.StandardInput("Smile", _cat(wb), review_months=0)),
    ),
    (
        "standard: review 61",
        "review_months",
        lambda wb: st.add_standard(wb, st.StandardInput("Smile", _cat(wb), review_months="61")),
    ),
    (
        "standard: reviewed in the future",
        "last_reviewed",
        lambda wb: st.add_standard(
            wb, st.StandardInput("Smile", _cat(wb)), last_reviewed=FUTURE_DAY
        ),
    ),
    (
        "standard: NUL in detail",
        "detail",
        lambda wb: st.add_standard(wb, st.StandardInput("Smile", _cat(wb), detail="\x00")),
    ),
    ("category: empty", "category", lambda wb: st.add_category(wb, "")),
    (
        "criterion: weight 0",
        "weight",
        lambda wb: hiring.add_criterion(
            wb, hiring.CriterionInput("Calm", questions=["Tell me…"], weight=0)
        ),
    ),
    (
        "criterion: weight 6",
        "weight",
        lambda wb: hiring.add_criterion(
            wb, hiring.CriterionInput("Calm", questions=["Tell me…"], weight="6")
        ),
    ),
    (
        "criterion: no question",
        "questions",
        lambda wb: hiring.add_criterion(wb, hiring.CriterionInput("Calm", questions=[" "])),
    ),
    (
        "candidate: empty name",
        "name",
        lambda wb: hiring.add_candidate(wb, hiring.CandidateInput("")),
    ),
    (
        "candidate: same name",
        "name",
        lambda wb: hiring.add_candidate(wb, hiring.CandidateInput("HANNAH BECKER")),
    ),
    (
        "candidate: bad date",
        "interview_date",
        lambda wb: hiring.add_candidate(wb, hiring.CandidateInput("Cy", interview_date="tomorrow")),
    ),
    (
        "candidate: unknown status",
        "status",
        lambda wb: hiring.add_candidate(wb, hiring.CandidateInput("Cy", status="maybe")),
    ),
    ("score 0", "score", lambda wb: hiring.set_score(wb, _candidate(wb), _criterion(wb), 0)),
    ("score 6", "score", lambda wb: hiring.set_score(wb, _candidate(wb), _criterion(wb), "6")),
    ("score 4.5", "score", lambda wb: hiring.set_score(wb, _candidate(wb), _criterion(wb), 4.5)),
    (
        "score NUL note",
        "note",
        lambda wb: hiring.set_score(wb, _candidate(wb), _criterion(wb), 3, "\x00"),
    ),
    (
        "unknown candidate",
        "candidate",
        lambda wb: hiring_scorecard.find_candidate(wb, "Hana Beker"),
    ),
    ("KPI: empty name", "name", lambda wb: kpis.add_kpi(wb, kpis.KpiInput(""), 5)),
    (
        "KPI: same name",
        "name",
        lambda wb: kpis.add_kpi(wb, kpis.KpiInput("net promoter score (NPS)"), 5),
    ),
    (
        "KPI: range upside down",
        "max_value",
        lambda wb: kpis.add_kpi(wb, kpis.KpiInput("Queue", min_value=10, max_value=1), 5),
    ),
    (
        "KPI: target outside range",
        "target",
        lambda wb: kpis.add_kpi(wb, kpis.KpiInput("Queue", min_value=0, max_value=10), 11),
    ),
    ("KPI: target nan", "target", lambda wb: kpis.add_kpi(wb, kpis.KpiInput("Queue"), "nan")),
    ("page size a3", "page_size", lambda wb: settings.set_page_size(wb, "a3")),
]


def _cat(wb: Workbook) -> int:
    return st.list_categories(wb)[0].id


def _candidate(wb: Workbook) -> int:
    return hiring.list_candidates(wb)[0].id


def _criterion(wb: Workbook) -> int:
    return hiring.list_criteria(wb)[0].id


@pytest.mark.parametrize(
    "field, action", [c[1:] for c in SECTION_CASES], ids=[c[0] for c in SECTION_CASES]
)
def test_every_section_refuses_bad_input(book: Path, field: str, action) -> None:
    with Workbook.open(book) as wb:
        assert_refused(wb, field, lambda: action(wb))


@pytest.mark.parametrize(
    "value, fragment",
    [("x" * 20_001, "too long"), ("a\x00b", "NUL"), ("\udcff", "broken character")],
    ids=["answer over 20,000", "NUL", "broken character"],
)
def test_answers_refuse_bad_text(book: Path, value: str, fragment: str) -> None:
    with Workbook.open(book) as wb:
        rnd, rq = _question(wb)
        error = assert_refused(
            wb, f"answer:{rq}", lambda: qn.save_response(wb, rnd, None, {rq: value})
        )
        assert fragment in str(error)


@pytest.mark.parametrize("rating", [0, 6, "6", "4.5", "five", -1])
def test_ratings_outside_one_to_five_are_refused(book: Path, rating) -> None:
    with Workbook.open(book) as wb:
        rnd, rq = _question(wb, "rating")
        assert_refused(wb, f"answer:{rq}", lambda: qn.save_response(wb, rnd, None, {rq: rating}))


def test_a_second_response_for_the_same_person_is_refused(book: Path) -> None:
    with Workbook.open(book) as wb:
        rnd = qn.find_round(wb, "Team meeting, March 2025")
        ana = next(m.id for m in team.list_members(wb) if m.name == "Ana Lima")
        first = qn.round_questions(wb, rnd.id)[0].id
        assert_refused(wb, "member", lambda: qn.save_response(wb, rnd.id, ana, {first: "Again"}))


def test_publishing_an_empty_draft_is_refused(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "empty.cscoach", "Corner Café") as wb:
        assert_refused(wb, "note", lambda: ph.publish(wb))


# -- a few of them as real processes -------------------------------------------------------


def test_real_processes_give_the_same_one_line_errors(tmp_path: Path, book: Path) -> None:
    (tmp_path / "values.csv").write_bytes(BAD_KPI_CSV[0].data)
    (tmp_path / "survey.csv").write_bytes(BAD_SURVEYS[0].data)
    before = digest(book)
    cases = [
        (["kpi", "import", "--workbook", book.name, "values.csv"], ("Line 3:", "above 100")),
        (
            ["survey", "import", "--workbook", book.name, "survey.csv", *COLUMNS[:2]],
            ("not a 0–10 answer column",),
        ),
        (["new", "other.cscoach", "--business", " "], ("Business name cannot be empty",)),
        (
            ["print", "scorecard", "--workbook", book.name, "--out", "x.pdf", "--candidate", "Zed"],
            ("no candidate called “Zed”",),
        ),
    ]
    for args, fragments in cases:
        result = run(tmp_path, *args)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert_one_error_line(result.stderr, *fragments)
        count("bad inputs refused by a real process")
    assert digest(book) == before
    assert not (tmp_path / "other.cscoach").exists() and not (tmp_path / "x.pdf").exists()


# -- the accepted forms -----------------------------------------------------------------------

ACCEPTED = [
    ("decimal comma with ;", f"month;kpi;value;note\n2025-04;{CSAT};85,5;ok\n", 85.5, "ok"),
    ("quoted decimal comma", f'month,kpi,value,note\n2025-04,{CSAT},"85,5",\n', 85.5, ""),
    ("Excel BOM", f"\ufeffmonth,kpi,value,note\n2025-04,{CSAT},85.5,\n", 85.5, ""),
    ("BOM, ; and comma", f"\ufeffmonth;kpi;value;note\r\n2025-04;{CSAT};85,5;x\r\n", 85.5, "x"),
    ("tab delimiter", f"month\tkpi\tvalue\tnote\n2025-04\t{CSAT}\t85.5\tt\n", 85.5, "t"),
    ("CRLF", f"month,kpi,value,note\r\n2025-04,{CSAT},85.5,\r\n", 85.5, ""),
    ("header in capitals", f"Month,KPI,Value,Note\n2025-04,{CSAT},85.5,\n", 85.5, ""),
    ("columns reordered", f"kpi,value,month\n{CSAT},85.5,2025-04\n", 85.5, ""),
    ("no note column", f"month,kpi,value\n2025-04,{CSAT},85.5\n", 85.5, ""),
    ("KPI by key", "month,kpi,value\n2025-04,csat,85.5\n", 85.5, ""),
    ("KPI name, other case", f"month,kpi,value\n2025-04, {CSAT.upper()} ,85.5\n", 85.5, ""),
    ("spaces round the value", f"month,kpi,value\n2025-04,{CSAT}, 85.5 \n", 85.5, ""),
    ("plus sign", f"month,kpi,value\n2025-04,{CSAT},+85.5\n", 85.5, ""),
    ("exponent", f"month,kpi,value\n2025-04,{CSAT},8.55e1\n", 85.5, ""),
    (
        "neutralised note",
        f"month,kpi,value,note\n2025-04,{CSAT},85.5,'=SUM(A1)\n",
        85.5,
        "=SUM(A1)",
    ),
    ("blank lines", f"\nmonth,kpi,value\n\n2025-04,{CSAT},85.5\n\n", 85.5, ""),
]


@pytest.mark.parametrize(
    "text, value, note", [a[1:] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED]
)
def test_accepted_kpi_csv_forms(capsys, tmp_path: Path, book: Path, text, value, note) -> None:
    csv_file = tmp_path / "values.csv"
    csv_file.write_text(text, encoding="utf-8", newline="")
    code, out, err = cli(capsys, "kpi", "import", "--workbook", str(book), str(csv_file))
    assert (code, err) == (0, ""), err
    assert "Imported 1 new value" in out
    with Workbook.open(book, read_only=True) as wb:
        entry = kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2025-04")
    assert (entry.value, entry.note) == (value, note)
    count("accepted input forms")


SURVEY_ACCEPTED = [
    (
        "Google Forms",
        "Timestamp,Recommend,Satisfied\n10/3/2025 9:15:22,10,5\n10/4/2025 9:15:22,6,3\n",
    ),
    (
        "ISO with zone",
        "Timestamp,Recommend,Satisfied\n"
        "2025/10/03 9:15:22 AM GMT+1,10,5\n2025-10-04T09:00:00Z,6,3\n",
    ),
    ("BOM and ;", "\ufeffTimestamp;Recommend;Satisfied\r\n2025-10-03;10;5\r\n2025-10-04;6;3\r\n"),
    ("decimal answers", 'Timestamp,Recommend,Satisfied\n2025-10-03,"10,0",5.0\n2025-10-04,6,3\n'),
]


@pytest.mark.parametrize(
    "text", [a[1] for a in SURVEY_ACCEPTED], ids=[a[0] for a in SURVEY_ACCEPTED]
)
def test_accepted_survey_forms(capsys, tmp_path: Path, book: Path, text: str) -> None:
    csv_file = tmp_path / "survey.csv"
    csv_file.write_text(text, encoding="utf-8", newline="")
    args = ["--nps-column", "Recommend", "--csat-column", "Satisfied"]
    code, out, err = cli(capsys, "survey", "import", "--workbook", str(book), str(csv_file), *args)
    assert (code, err) == (0, ""), err
    with Workbook.open(book, read_only=True) as wb:
        nps = kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "nps").id, "2025-10")
        csat = kpi_entries.get_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2025-10")
    assert nps.value == 0 and nps.counts == {"promoters": 1, "passives": 0, "detractors": 1}
    assert csat.value == 50 and csat.counts == {"satisfied": 1, "total": 2}
    count("accepted input forms")
