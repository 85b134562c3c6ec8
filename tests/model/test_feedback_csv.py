"""The feedback CSV: export → import into a fresh workbook gives the same items; delimiters,
BOMs and UTF-16; all or nothing with the bad line named; formula-safe both ways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscoach.model import feedback as fb
from cscoach.model import feedback_csv as fc
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model import standards, team
from cscoach.model.csvread import CsvLineError
from cscoach.model.errors import ValidationError, WorkbookError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)
HEAD = "date,kind,channel,text,themes,member,standard,status\n"

HOSTILE = [
    '=HYPERLINK("http://evil")',
    "-20 minutes wait",
    "+1 for the cake",
    "@everyone loved it",
    "'=already quoted",
    'Q&A <b>bold</b> &amp; "quotes", commas; semicolons\ttabs',
    "Line one\nline two\r\nline three",
    "שלום, הקפה היה קר",
    "Привет 👋 Ünïcødé",
    "x" * 5000,
]


def content(wb: Workbook) -> list[tuple]:
    """What the CSV carries of each item, by names (ids differ between workbooks)."""
    return sorted(
        (i.received_on, i.kind, i.channel, i.text, i.themes, i.members, i.standards, i.status)
        for i in fb.list_items(wb)
    )


def same_team_and_standards(source: Workbook, target: Workbook) -> None:
    for member in team.list_members(source):
        if member.name not in [m.name for m in team.list_members(target)]:
            team.add_member(target, member.name)
    own = [
        s
        for s in standards.list_standards(source)
        if s.title not in [t.title for t in standards.list_standards(target)]
    ]
    category = standards.list_categories(target)[0].id
    for s in own:
        standards.add_standard(target, standards.StandardInput(s.title, category))  # fmt: skip


@pytest.fixture
def full(workbook: Workbook) -> Workbook:
    ana = team.add_member(workbook, "Ana | Bar")  # a name with the separator in it
    zoe = team.add_member(workbook, "Zoë")
    greet = standards.list_standards(workbook)[0].id
    own = th.add_theme(workbook, "=Parking")
    wait = th.find_theme(workbook, "Wait time").id
    for n, text in enumerate(HOSTILE):
        kind = fb.KINDS[n % 4]
        fe.add_item(
            workbook,
            fb.FeedbackInput(
                f"2026-10-{n + 1:02d}",
                kind,
                text,
                channel=["in person", "Comment card", "", "@handle"][n % 4],
                theme_ids=((wait, own) if n % 2 else ()),
                member_ids=((ana, zoe) if n % 3 == 0 else (zoe,)),
                standard_ids=((greet,) if kind == "complaint" else ()),
                status="resolved" if n == 5 else None,
            ),
            today=TODAY,
        )
    return workbook


def test_export_then_import_into_a_fresh_workbook_gives_the_same_items(
    full: Workbook, tmp_path: Path
) -> None:
    out = tmp_path / "feedback.csv"
    assert fc.export_feedback_csv(full, out) == len(HOSTILE)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEAD.strip().encode())
    assert (out.stat().st_mode & 0o777) == 0o600  # customers' words
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-20 minutes" in text and "'+1" in text
    assert "''=already quoted" in text and "'@handle" in text
    assert ",Wait time|=Parking,Ana | Bar|Zoë," in text  # only a cell's start is neutralised
    fresh = Workbook.create(tmp_path / "fresh.cscoach", "Fresh")
    try:
        same_team_and_standards(full, fresh)
        report = fc.import_feedback_csv(fresh, out, today=TODAY)
        assert (report.added, report.new_themes, report.skipped) == (len(HOSTILE), ("=Parking",), 0)
        assert content(fresh) == content(full)
        assert fresh.history.undo_label == f"Import {len(HOSTILE)} feedback items"
        again = fc.import_feedback_csv(fresh, out, today=TODAY)  # the same file twice
        assert (again.added, again.new_themes, again.skipped) == (0, (), len(HOSTILE))
        assert "Skipped 10 rows already in the workbook" in again.summary()
        assert fresh.undo() == f"Import {len(HOSTILE)} feedback items"
        assert fb.count_items(fresh) == 0 and th.find_theme(fresh, "=Parking") is None
    finally:
        fresh.close()


def test_export_text_matches_the_file(full: Workbook, tmp_path: Path) -> None:
    out = tmp_path / "feedback.csv"
    fc.export_feedback_csv(full, out)
    assert out.read_bytes().decode("utf-8-sig") == fc.feedback_csv_text(full)


def test_export_refuses_the_workbook_itself(full: Workbook) -> None:
    before = full.path.read_bytes()
    with pytest.raises(WorkbookError, match="workbook itself"):
        fc.export_feedback_csv(full, full.path)
    assert full.path.read_bytes() == before


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", "\t"), ("utf-16", ";")],
)
def test_delimiters_and_encodings(workbook: Workbook, tmp_path: Path, encoding, sep) -> None:
    team.add_member(workbook, "Kwame Mensah")
    lines = [
        HEAD.strip().split(","),
        ["2026-11-01", "Compliment", "In Person", "Lovely, as ever; merci",
         "friendliness|Sunshine", "kwame  mensah", "", ""],
        ["2026-11-02", "complaint", "phone", "Wait", "WAIT TIME", "", "", "Resolved"],
    ]  # fmt: skip
    source = tmp_path / "in.csv"
    body = "\r\n".join(sep.join(f'"{c}"' if sep in c else c for c in row) for row in lines)
    source.write_bytes(body.encode(encoding))
    report = fc.import_feedback_csv(workbook, source, today=TODAY)
    assert (report.added, report.new_themes) == (2, ("Sunshine",))
    items = fb.list_items(workbook, oldest_first=True)
    assert [(i.kind, i.channel, i.text, i.themes, i.members, i.status) for i in items] == [
        ("compliment", "in person", "Lovely, as ever; merci", ("Friendliness", "Sunshine"),
         ("Kwame Mensah",), None),
        ("complaint", "phone", "Wait", ("Wait time",), (), "resolved"),
    ]  # fmt: skip


def test_only_date_kind_and_text_are_needed(workbook: Workbook) -> None:
    data = b"kind,text,date\nquestion,Open on Sundays?,2026-11-20\n"
    assert fc.import_feedback_csv(workbook, data, today=TODAY).added == 1
    assert fb.list_items(workbook)[0].status is None


BAD = [
    ("unknown column", "date,kind,text,mood\n2026-11-01,question,x,happy\n", 1,
     "unknown column “mood”"),
    ("missing column", "date,kind\n2026-11-01,question\n", 1, "“text” is missing"),
    ("column twice", "date,kind,text,text\n2026-11-01,question,x,y\n", 1, "appears twice"),
    ("header only", HEAD, None, "no feedback"),
    ("future date", HEAD + "2026-11-01,question,,ok,,,,\n2026-11-23,question,,x,,,,\n", 3,
     "future"),
    ("not a date", HEAD + "1/11/2026,question,,x,,,,\n", 2, "YYYY-MM-DD"),
    ("unknown kind", HEAD + "2026-11-01,praise,,x,,,,\n", 2, "not “praise”"),
    ("empty text", HEAD + "2026-11-01,question,,   ,,,,\n", 2, "cannot be empty"),
    ("unknown member", HEAD + "2026-11-01,compliment,,x,,Bob,,\n", 2,
     "no team member called “Bob”"),
    ("unknown standard", HEAD + "2026-11-01,complaint,,x,,,Be nice,\n", 2,
     "no standard called “Be nice”"),
    ("status on praise", HEAD + "2026-11-01,compliment,,x,,,,open\n", 2, "complaints only"),
    ("bad status", HEAD + "2026-11-01,complaint,,x,,,,pending\n", 2, "open or resolved"),
    ("too many cells", HEAD + "2026-11-01,question,,a,b,c,,,,\n", 2, "put it in quotes"),
    ("unclosed quote", HEAD + '2026-11-01,question,,"x,,,,\n', 2, "quotes"),
    ("NUL", HEAD + "2026-11-01,question,a\x00b,,,,,\n", None, "NUL"),
    ("bad theme name", HEAD + "2026-11-01,question,,x," + "t" * 81 + ",,,\n", 2, "too long"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "fragment"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_one_bad_row_imports_nothing_and_names_its_line(
    workbook: Workbook, text: str, line: int | None, fragment: str
) -> None:
    before = workbook.conn.total_changes
    themes = len(th.list_themes(workbook))
    good = HEAD + "2026-11-01,complaint,,Fine row,Brand new theme,,,\n"
    source = (good + text.removeprefix(HEAD)) if text.startswith(HEAD) and line else text
    if line and text.startswith(HEAD):
        line += 1  # the good row comes first
    with pytest.raises(ValidationError) as caught:
        fc.import_feedback_csv(workbook, source.encode(), today=TODAY)
    assert fragment in caught.value.message
    if line is not None:
        assert isinstance(caught.value, CsvLineError)
        assert caught.value.message.startswith(f"Line {line}: ")
    assert workbook.conn.total_changes == before
    assert len(th.list_themes(workbook)) == themes and fb.count_items(workbook) == 0


def test_a_plan_says_what_would_happen_before_anything_is_written(workbook: Workbook) -> None:
    data = (HEAD + "2026-11-01,complaint,,Slow,New one|wait time|NEW ONE,,,\n").encode()
    plan = fc.read_feedback_csv(workbook, data, today=TODAY)
    assert fb.count_items(workbook) == 0
    assert plan.lines() == ["1 feedback item to add.", "New theme: “New one”."]
    fc.store_plan(workbook, plan, today=TODAY)
    assert fb.list_items(workbook)[0].themes == ("Wait time", "New one")


def test_names_holding_the_separator_and_doubles(workbook: Workbook) -> None:
    team.add_member(workbook, "A|B")
    team.add_member(workbook, "A")
    team.add_member(workbook, "B")
    data = (HEAD + "2026-11-01,compliment,,x,,A|B|a,,\n").encode()
    fc.import_feedback_csv(workbook, data, today=TODAY)
    assert fb.list_items(workbook)[0].members == ("A", "A|B")
    assert fc.split_names(" |a| |b|", lambda n: None) == [("a", None), ("b", None)]
