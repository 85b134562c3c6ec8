"""Property tests (hypothesis) for the validators, the two CSV importers and every printed
document, fed arbitrary Unicode: markup characters, NUL, emoji, right-to-left text,
10,000-character words and empty strings.

The properties: a validator returns a value that meets its contract or raises
``ValidationError`` naming its field; an import either succeeds with exactly what it
reports, or raises ``CsCoachError`` and writes nothing; a document either prints or raises
``ValidationError``, and text the font can draw (Latin, Cyrillic, Greek) comes back out of
the PDF. Nothing else, ever. Example counts are modest so the suite stays fast; the tally at
the end of the run says how many ran.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from helpers.tally import count
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cscoach.model import (
    actions_edit,
    feedback,
    feedback_edit,
    feedback_themes,
    hiring,
    kpi_counts,
    kpi_entries,
    kpi_import,
    kpi_review,
    kpis,
    survey_import,
    team,
    validate,
)
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import settings as workbook_settings
from cscoach.model import standards as stds
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.workbook import Workbook

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
PRINTING = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)

# -- strategies ------------------------------------------------------------------------------

# Everything, surrogates (a bad paste) included.
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=40)
NUMBERISH = st.one_of(
    st.from_regex(r"\A[ +\-]?[0-9٠-٩０-９_.,eE ]{0,14}\Z"),
    st.sampled_from(
        ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "1_000", "١٢", "１２"]
    ),
    st.sampled_from(["", " ", ".", ",", "+", "-", "1,", ",5", "1e", "0x10", "1" * 5000]),
)
MONTHISH = st.one_of(
    st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,3}\Z"),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 99)),
    ANY_TEXT,
)
DATEISH = st.one_of(
    st.builds(
        lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.dates().map(dt.date.isoformat),
    ANY_TEXT,
)

# Text DejaVu Sans draws and pypdf reads back as typed: Latin (with Latin-1 and Latin
# Extended-A accents), Greek, Cyrillic, digits, punctuation and markup characters.
DRAWABLE = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-/&<>%@#*+="
    + "".join(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7))
    + "".join(chr(c) for c in range(0x100, 0x17F) if c != 0x149)
    + "".join(chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2)
    + "".join(chr(c) for c in range(0x410, 0x450))
    + "ЁёЇїІіЄєЎў"
)
DRAWABLE_TEXT = st.text(st.sampled_from(DRAWABLE), min_size=1, max_size=40)
MARKUP = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<b>bold",
        "<i>",
        "<br/>",
        "<para>",
        "</para>",
        '<img src="/etc/hostname"/>',
        "<img src='http://example.com/x.png'/>",
        '<a href="http://example.com">link</a>',
        '<font size="400">',
        "&",
        "&amp;",
        "&lt;",
        "&#0;",
        "&#x1F600;",
        "&nbsp;",
        "R&D; AT&T",
        "]]>",
        "<![CDATA[",
        "<!--",
        "\\",
        "%PDF-1.4",
        "(",
        ")",
        "<<",
        ">>",
        "/Type /Page",
        "=SUM(A1)",
    ]
)
EMOJI = st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "☕", "❤️", "🧑🏿‍🍳", "🫶"])
RTL = st.sampled_from(
    ["שלום", "مرحبا بكم", "\u202eevil\u202c", "\u200f", "عربي 123", "עברית ו-café"]
)
OTHER = st.sampled_from(
    [
        "你好",
        "日本語のテキスト",
        "नमस्ते",
        "สวัสดี",
        "e\u0301",
        "\u200b",
        "\ufeff",
        "\t",
        "\r\n",
        "\n\n",
    ]
)
LONG_WORD = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["W", "x", "Ш", "ω", "😀", "ש", "&", "<", "i"]),
    st.sampled_from([161, 201, 1_000, 2_000, 5_000, 10_000, 19_999]),
)
PIECE = st.one_of(DRAWABLE_TEXT, ANY_TEXT, MARKUP, EMOJI, RTL, OTHER)
USER_TEXT = st.one_of(
    DRAWABLE_TEXT,
    DRAWABLE_TEXT,
    st.lists(PIECE, min_size=1, max_size=6).map(" ".join),
    st.lists(PIECE, min_size=1, max_size=6).map("".join),
    LONG_WORD,
    st.sampled_from(["", "   "]),
)


def _examples(name: str) -> None:
    count(f"fuzz examples: {name}")


# -- validators --------------------------------------------------------------------------------


@FAST
@given(
    value=st.one_of(st.none(), ANY_TEXT, LONG_WORD, st.lists(PIECE, max_size=5).map("".join)),
    required=st.booleans(),
    max_len=st.integers(0, 300),
    single_line=st.booleans(),
)
def test_text_validator(value, required: bool, max_len: int, single_line: bool) -> None:
    _examples("validate.text")
    try:
        result = validate.text(
            value, "field", "Label", required=required, max_len=max_len, single_line=single_line
        )
    except ValidationError as exc:
        assert exc.field == "field" and exc.message.startswith("Label")
        return
    assert result == (value or "").strip()
    assert "\x00" not in result and len(result) <= max_len
    result.encode("utf-8")
    assert not (required and not result)
    assert not (single_line and ("\n" in result or "\r" in result))


@FAST
@given(value=st.one_of(st.none(), ANY_TEXT, LONG_WORD, DRAWABLE_TEXT))
def test_name_validator(value) -> None:
    _examples("validate.name")
    try:
        result = validate.name(value, "who", "Who")
    except ValidationError as exc:
        assert exc.field == "who"
        return
    assert result and result == result.strip() and len(result) <= validate.MAX_NAME
    assert "\n" not in result and "\r" not in result and "\x00" not in result


@FAST
@given(value=st.one_of(st.none(), DATEISH, st.dates()), required=st.booleans())
def test_iso_date_validator(value, required: bool) -> None:
    _examples("validate.iso_date")
    try:
        result = validate.iso_date(value, "day", "Day", required=required)
    except ValidationError as exc:
        assert exc.field == "day"
        return
    if result is None:
        assert not required and not (value or "").strip()
        return
    parsed = dt.date.fromisoformat(result)
    assert result == parsed.isoformat()
    if not isinstance(value, dt.date):
        assert 1900 <= parsed.year <= 2200 and result == value.strip()


@FAST
@given(value=st.one_of(st.none(), MONTHISH), today=st.dates(dt.date(1950, 1, 1)))
def test_month_validator(value, today: dt.date) -> None:
    _examples("validate.month")
    ok = re.fullmatch(r"\s*([0-9]{4})-([0-9]{2})\s*", value or "")
    expected = None
    if ok:
        year, month = int(ok.group(1)), int(ok.group(2))
        if 1 <= month <= 12 and year >= 1900 and (year, month) <= (today.year, today.month):
            expected = f"{year:04d}-{month:02d}"
    try:
        result = validate.month(value, "month", "Month", today=today)
    except ValidationError as exc:
        assert exc.field == "month"
        assert expected is None, f"{value!r} refused: {exc}"
        return
    assert result == expected


BOUND = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


@FAST
@given(
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**400), 10**400),
        st.floats(),
        NUMBERISH,
        ANY_TEXT,
    ),
    low=BOUND,
    high=BOUND,
)
def test_number_validator(value, low, high) -> None:
    _examples("validate.number")
    try:
        result = validate.number(value, "amount", "Amount", minimum=low, maximum=high)
    except ValidationError as exc:
        assert exc.field == "amount"
        plain = isinstance(value, str) and re.fullmatch(
            r"\s*[+-]?[0-9]{1,15}(\.[0-9]{1,6})?\s*", value
        )
        if plain:  # a plainly written number is refused only for its range
            number = float(value)
            assert (low is not None and number < low) or (high is not None and number > high)
        return
    assert isinstance(result, float) and math.isfinite(result)
    assert low is None or result >= low
    assert high is None or result <= high


@FAST
@given(
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**400), 10**400),
        st.floats(),
        NUMBERISH,
        st.from_regex(r"\A\s*[+-]?[0-9]{1,6000}\s*\Z"),
        ANY_TEXT,
    ),
    low=st.integers(-100, 100),
    span=st.integers(0, 100),
)
def test_whole_validator(value, low: int, span: int) -> None:
    _examples("validate.whole")
    high = low + span
    try:
        result = validate.whole(value, "count", "Count", minimum=low, maximum=high)
    except ValidationError as exc:
        assert exc.field == "count"
        if type(value) is int:
            assert not low <= value <= high
        return
    assert type(result) is int and low <= result <= high


# -- the importers -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def import_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A workbook with values in a few months and a KPI of the owner's own."""
    folder = tmp_path_factory.mktemp("fuzz-import")
    path = folder / "template.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        kpis.add_kpi(wb, kpis.KpiInput("Queue length", "people", 0, 50, False), 5)
        for key, value in (("csat", 80), ("nps", 10), ("retention", 90)):
            kpi_entries.set_entry(wb, kpis.kpi_by_key(wb, key).id, "2025-01", value, "January")
    return folder / "work.cscoach", path.read_bytes()


def content_hash(wb: Workbook) -> str:
    return hashlib.sha256("\n".join(wb.conn.iterdump()).encode()).hexdigest()


VALID_KPIS = [
    "Customer satisfaction (CSAT)",
    "csat",
    "NPS",
    "Net Promoter Score (NPS)",
    "Customer retention rate",
    "Average resolution time",
    "Queue length",
    "queue LENGTH",
]
MONTHS = [f"{2024 + n // 12}-{n % 12 + 1:02d}" for n in range(18)]
CELL = st.one_of(
    st.sampled_from([*VALID_KPIS, "Unknown KPI", "'=SUM(A1)", ""]),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1890, 2030), st.integers(0, 13)),
    st.sampled_from(MONTHS),
    NUMBERISH,
    st.floats().map(str),
    st.integers(-200, 200).map(str),
    PIECE,
    st.sampled_from(['"', '""', '"a,b"', "'", ";", ",", "\t", "\r", "\n", '"unclosed']),
)


@st.composite
def good_kpi_row(draw, delimiter: str) -> list[str]:
    """A row that imports: a past month, a known KPI, a value in every KPI's range."""
    value = draw(st.one_of(st.integers(0, 50).map(str), st.floats(0, 50).map(lambda f: f"{f:.3f}")))
    if delimiter == ";":
        value = value.replace(".", ",")
    note = draw(
        st.one_of(
            st.just(""), DRAWABLE_TEXT, MARKUP, EMOJI, RTL, st.text(st.characters(), max_size=30)
        ).filter(lambda n: "\x00" not in n)
    )
    if any(c in note for c in (delimiter, '"', "\n", "\r")):
        note = '"' + note.replace('"', '""') + '"'
    return [draw(st.sampled_from(MONTHS)), draw(st.sampled_from(VALID_KPIS)), value, note]


@st.composite
def kpi_csv(draw) -> bytes:
    """A KPI CSV that is right more often than not, with damage anywhere."""
    header = draw(
        st.one_of(
            st.just("month,kpi,value,note"),
            st.sampled_from(["Month,KPI,Value,Note", "\ufeffmonth,kpi,value,note"]),
            st.just("month;kpi;value;note"),
            st.sampled_from(
                [
                    "month,kpi,amount,note",
                    "month,kpi",
                    "month,kpi,value,value",
                    "",
                ]
            ),
        )
    )
    delimiter = ";" if ";" in header else ","
    good = good_kpi_row(delimiter)
    bad = st.lists(CELL, min_size=2, max_size=5)
    canonical = {"csat": "customer satisfaction (csat)", "nps": "net promoter score (nps)"}
    rows = draw(
        st.lists(
            good,
            max_size=10,
            unique_by=lambda r: (r[0], canonical.get(r[1].casefold(), r[1].casefold())),
        )
    )
    if draw(st.integers(0, 4)) == 0:  # one damaged row, anywhere
        rows.insert(draw(st.integers(0, len(rows))), draw(bad))
    lines = [header] + [delimiter.join(row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 0:  # bytes after the end: a cut-off or mangled file
        data += draw(st.binary(max_size=50))
    return data


ANY_BYTES = st.one_of(
    st.binary(max_size=300),
    ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=300).map(str.encode),
)


def _fresh(import_template: tuple[Path, bytes]) -> Workbook:
    path, data = import_template
    path.write_bytes(data)
    path.with_name(path.name + "-journal").unlink(missing_ok=True)
    return Workbook.open(path)


@SLOW
@given(
    data=st.integers(0, 4).flatmap(lambda n: ANY_BYTES if n == 0 else kpi_csv()),
    replace=st.booleans(),
    keep=st.booleans(),
)
def test_kpi_import_of_anything(import_template, data: bytes, replace: bool, keep: bool) -> None:
    _examples("KPI CSV import")
    with _fresh(import_template) as wb:
        before, entries = content_hash(wb), len(kpi_entries.list_entries(wb))
        try:
            report = kpi_import.import_kpi_csv(wb, data, replace=replace, keep_existing=keep)
        except CsCoachError as exc:
            assert str(exc).strip()
            assert content_hash(wb) == before, "a refused import wrote something"
            count("fuzz: KPI imports refused")
            return
        count("fuzz: KPI imports done")
        assert len(kpi_entries.list_entries(wb)) == entries + len(report.stored)
        for row in (*report.stored, *report.replaced):
            stored = kpi_entries.get_entry(wb, row.kpi_id, row.month)
            assert stored is not None and stored.value == row.value
            assert math.isfinite(stored.value)
        for row in report.kept:
            assert kpi_entries.get_entry(wb, row.kpi_id, row.month) == row.existing
        if not report.written:
            assert content_hash(wb) == before


ANSWER = st.one_of(
    st.integers(0, 10).map(str),
    st.integers(1, 5).map(str),
    st.sampled_from(["", " ", "10,0", "5.0", "+7", "11", "-1", "n/a", "٩", "7.5"]),
    PIECE,
)
GOOD_DATE = st.one_of(
    st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).map(
        lambda d: f"{d.month}/{d.day}/{d.year} 9:15:22"
    ),
    st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).map(
        lambda d: f"{d.year}/{d.month:02d}/{d.day:02d} 9:15:22 AM GMT+1"
    ),
)
DATE_CELL = st.one_of(
    GOOD_DATE,
    GOOD_DATE,
    st.sampled_from(
        ["13/3/2025", "3/13/2025", "03.10.2025", "2099-01-01", "1899-12-31", "0000-00-00", ""]
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
    PIECE,
)
SURVEY_COLUMNS = ["Timestamp", "How likely are you to recommend us? (0-10)", "Satisfied (1-5)"]


@st.composite
def survey_csv(draw) -> tuple[bytes, dict]:
    """A survey export that is right more often than not: a date, a 0–10 and a 1–5 column
    (in some order, sometimes with others), answers mostly in range, the columns named or
    left to be guessed; now and then something unusual."""

    def odd() -> bool:
        return draw(st.integers(0, 4)) == 0

    names = list(SURVEY_COLUMNS)
    if odd():
        names += draw(st.lists(st.sampled_from(["Comment", ""]) | PIECE, max_size=2))
    names = draw(st.permutations(names))
    delimiter = draw(st.sampled_from([",", ";"]))
    cell = {
        "Timestamp": GOOD_DATE,
        SURVEY_COLUMNS[1]: st.integers(0, 10).map(str),
        SURVEY_COLUMNS[2]: st.integers(1, 5).map(str),
    }
    unusual = {"Timestamp": DATE_CELL}
    rows = [
        [
            draw(unusual.get(name, ANSWER) if odd() else cell.get(name, ANSWER))
            .replace(delimiter, " ")
            .replace('"', "")
            for name in names
        ]
        for _ in range(draw(st.integers(0 if odd() else 1, 12)))
    ]
    lines = [delimiter.join(names)] + [delimiter.join(row) for row in rows]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    other = st.one_of(st.sampled_from(names), st.integers(-1, 6), PIECE)

    def column(right: str):
        return draw(other if odd() else st.sampled_from([None, right]))

    options = {
        "date_column": column("Timestamp"),
        "nps_column": column(SURVEY_COLUMNS[1]),
        "csat_column": column(SURVEY_COLUMNS[2]),
        "day_first": draw(st.sampled_from([None, True, False])),
    }
    return data, options


@SLOW
@given(
    case=st.integers(0, 4).flatmap(
        lambda n: ANY_BYTES.map(lambda b: (b, {})) if n == 0 else survey_csv()
    ),
    replace=st.booleans(),
)
def test_survey_import_of_anything(import_template, case, replace: bool) -> None:
    _examples("survey import")
    data, options = case
    with _fresh(import_template) as wb:
        before = content_hash(wb)
        try:
            report = survey_import.import_survey(wb, data, replace=replace, **options)
        except CsCoachError as exc:
            assert str(exc).strip()
            assert content_hash(wb) == before, "a refused import wrote something"
            count("fuzz: survey imports refused")
            return
        count("fuzz: survey imports done")
        assert report.lines()
        for month in report.months:
            kpi = kpis.kpi_by_key(wb, month.key)
            stored = kpi_entries.get_entry(wb, kpi.id, month.month)
            assert month.value == pytest.approx(kpi_counts.compute(month.key, month.counts).value)
            if month.action in (survey_import.STORED, survey_import.REPLACED):
                assert stored is not None and stored.value == month.value
                assert stored.counts == month.counts
        if not report.written:
            assert content_hash(wb) == before


# -- every printed document --------------------------------------------------------------------

# Where each field must come back out as typed (when the font can draw it).
PRINTED_IN = {
    "business": ["questionnaire", "signoff", "philosophy"],
    "member": ["signoff", "one-to-one", "training"],
    "answerer": ["answers"],
    "role": ["signoff"],
    "member2": ["signoff"],
    "section": ["questionnaire"],
    "question": ["questionnaire", "answers"],
    "round": ["answers"],
    "answer": ["answers"],
    "answer2": ["answers"],
    "value": ["philosophy", "culture-map"],
    "meaning": ["philosophy"],
    "body": ["philosophy"],
    "heading": ["philosophy"],
    "note": ["philosophy"],
    "category": ["standards"],
    "title": ["standards", "culture-map"],
    "detail": ["standards"],
    "quality": ["scorecard", "scorecard-filled"],
    "good": ["scorecard"],
    "poor": ["scorecard"],
    "ask": ["scorecard"],
    "candidate": ["scorecard-filled"],
    "applied": ["scorecard-filled"],
    "notes": ["scorecard-filled"],
    "score_note": ["scorecard-filled"],
    "kpi": ["monthly-review"],
    "kpi_note": ["monthly-review"],
    "steps": ["monthly-review"],
    "said": ["feedback"],
    "theme": ["feedback"],
    "action": ["monthly-review"],  # the wall print cuts a line too long for its big type
}
REVIEW_MONTH = "2025-06"
MARGIN_PT = 18 * 72 / 25.4  # cscoach.printing.base.MARGIN: the header and footer lie outside

# The longest text each field takes: a word this long is the worst case for the layout.
FIELD_MAX = {
    "business": 200,
    "member": 200,
    "role": 200,
    "member2": 200,
    "section": 200,
    "question": 2_000,
    "round": 200,
    "answer": 20_000,
    "answer2": 20_000,
    "value": 80,
    "meaning": 2_000,
    "body": 20_000,
    "heading": 200,
    "note": 500,
    "category": 80,
    "title": 160,
    "detail": 5_000,
    "quality": 120,
    "good": 2_000,
    "poor": 2_000,
    "ask": 1_000,
    "candidate": 200,
    "applied": 200,
    "notes": 20_000,
    "score_note": 5_000,
    "kpi": 200,
    "unit": 30,
    "kpi_note": 2_000,
    "steps": 5_000,
    "said": 20_000,
    "theme": 80,
    "action": 200,
    "outcome": 5_000,
}
WIDE_CHAR = st.sampled_from(["W", "m", "Ш", "ω", "😀", "ש", "&", "<", "i", "你"])


PRINT_TEXT = st.one_of(
    DRAWABLE_TEXT,
    DRAWABLE_TEXT,
    st.lists(PIECE, min_size=1, max_size=6).map(" ".join),
    st.lists(PIECE, min_size=1, max_size=6).map("".join),
    st.sampled_from(["", "   "]),
)


def field_text(name: str) -> st.SearchStrategy[str]:
    """Any user text; now and then one long word (as long as the field takes, up to 10,000
    characters, or a third of that). The explicit ``WORST`` example fills every field."""
    longest = FIELD_MAX[name]
    long_word = st.builds(
        lambda ch, n: ch * n, WIDE_CHAR, st.sampled_from([min(longest, 10_000), longest // 3 + 1])
    )
    return st.integers(0, 7).flatmap(lambda n: long_word if n == 0 else PRINT_TEXT)


WORST = {name: "W" * longest for name, longest in FIELD_MAX.items()}
MARKED_UP = {
    name: f'<b>R&D; AT&T</b> <img src="/etc/hostname"/> {name} &amp; ]]>' for name in FIELD_MAX
}
EMPTY = dict.fromkeys(FIELD_MAX, "")


def _try(stored: dict[str, str], key: str, value: str, action) -> object:
    """Write ``value`` with the model; a refusal (NUL, too long, …) is fine: the field then
    keeps the fallback. Returns what the action returned, or None when refused."""
    try:
        result = action(value)
    except ValidationError:
        count("fuzz: text refused by the model")
        return None
    stored[key] = value.strip()
    return result


def fill(wb: Workbook, t: dict[str, str]) -> tuple[dict[str, str], dict]:
    """Write every field through the model functions; returns what was stored and the ids."""
    stored: dict[str, str] = {}
    _try(stored, "business", t["business"], lambda v: workbook_settings.set_business_name(wb, v))
    ana = _try(stored, "member", t["member"], lambda v: team.add_member(wb, v, t["role"]))
    if ana is None:
        ana = team.add_member(wb, "Ana Fallback")
    else:
        stored["role"] = t["role"].strip()
    _try(stored, "member2", t["member2"], lambda v: team.add_member(wb, v))
    _try(stored, "section", t["section"], lambda v: qn.add_question(wb, v, t["question"]))
    if "section" in stored:
        stored["question"] = t["question"].strip()
    else:
        _try(stored, "question", t["question"], lambda v: qn.add_question(wb, "Extra", v))
    rnd = _try(stored, "round", t["round"], lambda v: qn.create_round(wb, v, "2025-05-01"))
    if rnd is None:
        rnd = qn.create_round(wb, "Fallback round", "2025-05-01")
    asked = [q.id for q in qn.round_questions(wb, rnd) if q.kind == "text"]
    first, text_question = asked[0], asked[-1]
    _try(stored, "answer", t["answer"], lambda v: qn.save_response(wb, rnd, ana, {first: v}))
    if stored.get("answer") and "member" in stored:  # the answers print who gave them
        stored["answerer"] = stored["member"]
    _try(
        stored,
        "answer2",
        t["answer2"],
        lambda v: qn.save_response(wb, rnd, None, {text_question: v}),
    )
    value = _try(stored, "value", t["value"], lambda v: ph.add_value(wb, v, t["meaning"]))
    if value is None:
        value = ph.add_value(wb, "Fallback value")
    elif t["meaning"].strip():
        stored["meaning"] = t["meaning"].strip()
    sections = ph.list_sections(wb)
    _try(stored, "body", t["body"], lambda v: ph.save_section_body(wb, sections[1].id, v))
    heading = _try(stored, "heading", t["heading"], lambda v: ph.add_section(wb, v))
    if heading is not None:
        ph.save_section_body(wb, heading, "Something written.")
    ph.save_section_body(wb, sections[0].id, "We serve well.")
    _try(stored, "note", t["note"], lambda v: ph.publish(wb, v))
    if "note" not in stored:
        ph.publish(wb)
    category = _try(stored, "category", t["category"], lambda v: stds.add_category(wb, v))
    category = category or stds.list_categories(wb)[0].id
    standard = stds.StandardInput(
        t["title"], category, t["detail"], (value,), owner_id=ana, on_poster=True
    )
    if _try(stored, "title", t["title"], lambda v: stds.add_standard(wb, standard)) is None:
        fallback = stds.StandardInput("Fallback", category, t["detail"], (value,))
        if _try(stored, "detail", t["detail"], lambda v: stds.add_standard(wb, fallback)) is None:
            stds.add_standard(wb, stds.StandardInput("Fallback", category))
    elif t["detail"].strip():
        stored["detail"] = t["detail"].strip()
    criterion = hiring.CriterionInput(t["quality"], t["good"], t["poor"], [t["ask"]], 4, (value,))
    criterion_id = _try(
        stored, "quality", t["quality"], lambda v: hiring.add_criterion(wb, criterion)
    )
    if criterion_id is not None:
        for key in ("good", "poor", "ask"):
            if t[key].strip():
                stored[key] = t[key].strip()
    else:
        criterion_id = hiring.list_criteria(wb)[0].id
    candidate_input = hiring.CandidateInput(
        t["candidate"], t["applied"], "2025-05-02", notes=t["notes"]
    )
    candidate = _try(
        stored, "candidate", t["candidate"], lambda v: hiring.add_candidate(wb, candidate_input)
    )
    if candidate is None:
        candidate = hiring.add_candidate(wb, hiring.CandidateInput("Fallback candidate"))
    else:
        for key in ("applied", "notes"):
            if t[key].strip():
                stored[key] = t[key].strip()
    _try(
        stored,
        "score_note",
        t["score_note"],
        lambda v: hiring.set_score(wb, candidate, criterion_id, 4, v),
    )
    kpi = _try(stored, "kpi", t["kpi"], lambda v: kpis.add_kpi(wb, kpis.KpiInput(v, t["unit"]), 3))
    if kpi is not None:
        kpi_entries.set_entry(wb, kpi, REVIEW_MONTH, 2.5)
    csat = kpis.kpi_by_key(wb, "csat").id
    kpi_entries.set_entry(wb, csat, "2025-05", 78)
    if (
        _try(
            stored,
            "kpi_note",
            t["kpi_note"],
            lambda v: kpi_entries.set_entry(wb, csat, REVIEW_MONTH, 81, v),
        )
        is None
    ):
        kpi_entries.set_entry(wb, csat, REVIEW_MONTH, 81)
    _try(stored, "steps", t["steps"], lambda v: kpi_review.save_next_steps(wb, REVIEW_MONTH, v))
    theme = _try(stored, "theme", t["theme"], lambda v: feedback_themes.add_theme(wb, v))
    themes = (theme,) if theme else ()  # a theme is printed with the counts of its items
    complaint = feedback.FeedbackInput(  # still open: printed whole in the month's report
        f"{REVIEW_MONTH}-10", "complaint", t["said"], theme_ids=themes
    )
    if _try(stored, "said", t["said"], lambda v: feedback_edit.add_item(wb, complaint)) is None:
        fallback = feedback.FeedbackInput(
            f"{REVIEW_MONTH}-10", "complaint", "Fallback", theme_ids=themes
        )
        feedback_edit.add_item(wb, fallback)
    _fill_actions(wb, t, stored)
    _fill_training(wb, t, ana)
    stored.pop("unit", None)
    return stored, {"round": rnd, "candidate": hiring.get_candidate(wb, candidate).name}


def _fill_actions(wb: Workbook, t: dict[str, str], stored: dict[str, str]) -> None:
    """An action due in the reviewed month (listed whole in its review), and one done and
    shared (on the wall print), each with the fuzzed title or a fallback."""

    def add(data: actions_edit.ActionInput) -> int:
        return actions_edit.add_action(wb, data, today=FIXED_TODAY)

    due = f"{REVIEW_MONTH}-20"
    planned = actions_edit.ActionInput(t["action"], due_on=due)
    if _try(stored, "action", t["action"], lambda v: add(planned)) is None:
        add(actions_edit.ActionInput("Fallback action", due_on=due))
    title = t["action"] if "action" in stored else "Fallback action"
    shared = actions_edit.ActionInput(title, status="done", outcome=t["outcome"], share=True)
    if _try(stored, "outcome", t["outcome"], lambda v: add(shared)) is None:
        add(actions_edit.ActionInput(title, status="done", share=True))


def _fill_training(wb: Workbook, t: dict[str, str], member: int) -> None:
    """A session in the reviewed month (its sheet names who attended) with the fuzzed title
    as its topic and notes, and a story featured that month (the wall print) with what was
    said as what happened; each falling back to plain text when the model refuses it."""
    from cscoach.model import stories, training

    day = f"{REVIEW_MONTH}-15"
    try:
        session = training.SessionInput(day, t["title"], notes=t["notes"], attendee_ids=(member,))
        training.add_session(wb, session, today=FIXED_TODAY)
    except ValidationError:
        fallback = training.SessionInput(day, "Fallback session", attendee_ids=(member,))
        training.add_session(wb, fallback, today=FIXED_TODAY)
    try:
        told = stories.StoryInput(day, (member,), t["said"])
        story = stories.add_story(wb, told, today=FIXED_TODAY)
    except ValidationError:
        told = stories.StoryInput(day, (member,), "Fallback story")
        story = stories.add_story(wb, told, today=FIXED_TODAY)
    stories.set_featured(wb, story, REVIEW_MONTH, True, today=FIXED_TODAY)


def pdf_text(data: bytes) -> str:
    """The body text of every page run together, spaces and line breaks removed.

    The running header and footer (drawn in the margins) are left out, so a word that runs
    on from one page to the next reads back whole."""
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    body: list[str] = []
    for page in reader.pages:
        top = float(page.mediabox.height) - MARGIN_PT

        def keep(text, cm, tm, font, size, top=top) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if MARGIN_PT - 2 <= y <= top:
                body.append(text)

        page.extract_text(visitor_text=keep)
    return "".join("".join(body).split())


def printed_as_typed(word: str, flat: str) -> bool:
    """``word`` is in the document's text. A word longer than a line may be cut by a page
    break, with a table's repeated header row or its neighbour cells printed in between:
    then its characters must all be there, in order."""
    if word in flat:
        return True
    if len(word) <= 20:
        return False
    found = 0
    for char in flat:
        if char == word[found]:
            found += 1
            if found == len(word):
                return True
    return False


def drawable(value: str) -> bool:
    return bool(value.strip()) and all(c in DRAWABLE for c in value)


def print_and_read(tmp_path_factory, texts: dict[str, str], letter: bool, documents) -> None:
    """Fill a workbook with ``texts``, print ``documents`` and read drawable text back."""
    from cscoach.printing.documents import PrintRequest, render

    path = tmp_path_factory.mktemp("fuzz-print") / "fuzz.cscoach"
    with Workbook.create(path, "Fuzz Café") as wb:
        stored, ids = fill(wb, texts)
        page = "letter" if letter else "a4"
        options = {
            "answers": {"round_id": ids["round"]},
            "monthly-review": {"month": REVIEW_MONTH},
            "feedback": {"month": REVIEW_MONTH},
            "you-said-we-did": {"today": FIXED_TODAY},
            "scorecard-filled": {"candidate_name": ids["candidate"]},
            "training": {"session_date": f"{REVIEW_MONTH}-15"},
            "story": {"month": REVIEW_MONTH, "today": FIXED_TODAY},
            "one-to-one": {"today": FIXED_TODAY},
        }
        printed: dict[str, str] = {}
        for name in documents:
            request = PrintRequest(
                name.removesuffix("-filled"), page_size=page, **options.get(name, {})
            )
            try:
                result = render(wb, request)
            except ValidationError as exc:  # allowed, but none is expected for these requests
                pytest.fail(f"{name}: {exc}")
            assert result.pdf.startswith(b"%PDF")
            printed[name] = pdf_text(result.pdf)
            count("fuzz: documents printed")
    for key, value in stored.items():
        if not drawable(value):
            continue
        for document in PRINTED_IN.get(key, []):
            if document not in printed:
                continue
            flat = printed[document]
            for word in value.split():
                assert printed_as_typed(word, flat), (
                    f"{key}: {word[:40]!r} ({len(word)} chars) not in {document}"
                )
            count("fuzz: drawable texts read back from a PDF")


def _all_documents() -> list[str]:
    from cscoach.printing.documents import DOCUMENTS

    return [*DOCUMENTS, "scorecard-filled"]


@PRINTING
@given(
    texts=st.fixed_dictionaries({name: field_text(name) for name in FIELD_MAX}),
    letter=st.booleans(),
)
@example(texts=WORST, letter=False)
@example(texts=MARKED_UP, letter=True)
@example(texts=EMPTY, letter=False)
def test_every_document_prints_arbitrary_text(tmp_path_factory, texts, letter: bool) -> None:
    """Every document but the monthly review (below: its charts make it slow)."""
    _examples("printed workbooks")
    documents = [name for name in _all_documents() if name != "monthly-review"]
    print_and_read(tmp_path_factory, texts, letter, documents)


REVIEW_FIELDS = ("business", "kpi", "unit", "kpi_note", "steps", "action")


@settings(PRINTING, max_examples=3)
@given(
    texts=st.fixed_dictionaries(
        {name: field_text(name) if name in REVIEW_FIELDS else st.just("x") for name in FIELD_MAX}
    ),
    letter=st.booleans(),
)
@example(texts=WORST, letter=True)
@example(texts=MARKED_UP, letter=False)
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # matplotlib, in the charts
def test_the_monthly_review_prints_arbitrary_text(tmp_path_factory, texts, letter: bool) -> None:
    _examples("printed monthly reviews")
    print_and_read(tmp_path_factory, texts, letter, ["monthly-review"])
