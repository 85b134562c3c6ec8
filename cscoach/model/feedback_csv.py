"""Feedback items in and out of CSV files.

**Feedback CSV** (export and import): header ``date,kind,channel,text,themes,member,standard,
status``. ``date`` is ``YYYY-MM-DD``; ``kind`` compliment, complaint, suggestion or question;
``themes``, ``member`` and ``standard`` may name several, separated by ``|``, and are
compared as the app compares names (case, spaces and accents composed); ``status`` is open
or resolved, for complaints only (empty: open). Only ``date``, ``kind`` and ``text`` must
be there; the other columns may be left out.

Import reads a ``,`` ``;`` or tab delimiter, Excel's UTF-8 BOM and its "Unicode Text"
(UTF-16), and is all or nothing: every row is checked before anything is written, and the
first bad row is reported with its line number. A theme the workbook does not have is
created; a team member or standard it does not have is an error. A row exactly like an item
already in the workbook (same date, kind, channel and text) is not added again, so importing
the same file twice adds nothing the second time.

Export writes every item, oldest first, UTF-8 with a BOM for Excel, with text that a
spreadsheet would run as a formula neutralised (``csvfile``); import undoes that.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from cscoach.model import csvfile, validate
from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model.csvread import CsvLineError, read_table
from cscoach.model.errors import ValidationError
from cscoach.model.import_report import count
from cscoach.model.workbook import Workbook, name_key

HEADER = ("date", "kind", "channel", "text", "themes", "member", "standard", "status")
REQUIRED = ("date", "kind", "text")
SEPARATOR = th.SEPARATOR
LISTED = 12  # names listed in a message before "and N more"

T = TypeVar("T")


# -- export -----------------------------------------------------------------------------


def _cell(value: str) -> str:
    """Text as exported: a value that already begins with apostrophes before a formula
    character gets one more (``csvfile.safe_cell`` adds the one to a bare formula), so
    that import, which removes one (``_unneutralise``), gives it back as it was."""
    if value.startswith("'") and value.lstrip("'").startswith(csvfile.FORMULA_STARTS):
        return "'" + value
    return value


def _unneutralise(value: str) -> str:
    """A cell as it was before export: one apostrophe less before a formula character."""
    if value.startswith("'") and value.lstrip("'").startswith(csvfile.FORMULA_STARTS):
        return value[1:]
    return value


def export_rows(wb: Workbook) -> list[dict[str, str]]:
    """Every item as a row of the CSV, oldest first."""
    return [
        {
            "date": item.received_on,
            "kind": item.kind,
            "channel": _cell(item.channel),
            "text": _cell(item.text),
            "themes": _cell(SEPARATOR.join(item.themes)),
            "member": _cell(SEPARATOR.join(item.members)),
            "standard": _cell(SEPARATOR.join(item.standards)),
            "status": item.status or "",
        }
        for item in fb.list_items(wb, oldest_first=True)
    ]


def feedback_csv_text(wb: Workbook) -> str:
    """The export as text (formula-safe), for standard output."""
    return csvfile.to_csv_text(HEADER, export_rows(wb))


def export_feedback_csv(wb: Workbook, path: Path) -> int:
    """Write every item to ``path`` (readable by its owner only: customers' words and
    names); never over a workbook. Returns the number of items."""
    rows = export_rows(wb)
    csvfile.write_csv(Path(path), HEADER, rows, private=True, workbook=wb.path)
    return len(rows)


# -- import -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    line: int
    data: fb.FeedbackInput  # theme_ids: the themes the workbook has already
    new_themes: tuple[str, ...]  # themes to create for it, by name
    already_there: bool  # exactly like an item in the workbook: not added again


@dataclass(frozen=True)
class FeedbackImportPlan:
    """A checked feedback CSV: what importing it would do (nothing is written yet)."""

    rows: tuple[ImportRow, ...]
    new_themes: tuple[str, ...]  # created by the import, in the order first named
    delimiter: str

    @property
    def to_add(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.already_there]

    @property
    def already_there(self) -> list[ImportRow]:
        return [r for r in self.rows if r.already_there]

    def lines(self) -> list[str]:
        """What the import would do, for a preview."""
        out = [f"{count(len(self.to_add), 'feedback item')} to add."]
        if self.new_themes:
            out.append(
                f"New {'theme' if len(self.new_themes) == 1 else 'themes'}: "
                f"{_names(self.new_themes)}."
            )
        if self.already_there:
            out.append(
                f"{count(len(self.already_there), 'row')} already in the workbook "
                "(not added again)."
            )
        return out


@dataclass(frozen=True)
class FeedbackImportReport:
    added: int
    new_themes: tuple[str, ...]
    skipped: int  # rows already in the workbook

    def lines(self) -> list[str]:
        out = [f"Imported {count(self.added, 'feedback item')}."]
        if self.new_themes:
            out.append(
                f"Created {count(len(self.new_themes), 'new theme')}: {_names(self.new_themes)}."
            )
        if self.skipped:
            out.append(
                f"Skipped {count(self.skipped, 'row')} already in the workbook "
                "(same date, kind, channel and text)."
            )
        return out

    def summary(self) -> str:
        return " ".join(self.lines())


def _names(names: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(f"“{n}”" for n in names[:LISTED])
    more = len(names) - LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def split_names(cell: str, lookup: Callable[[str], T | None]) -> list[tuple[str, T | None]]:
    """The names in a ``|``-separated cell, each with what ``lookup`` finds for it (None
    when nothing). A name that itself holds ``|`` is found whole: the longest run of
    pieces that names something is taken first."""
    pieces = cell.split(SEPARATOR)
    out: list[tuple[str, T | None]] = []
    start = 0
    while start < len(pieces):
        taken = start + 1
        found: T | None = None
        for end in range(len(pieces), start, -1):
            candidate = " ".join(SEPARATOR.join(pieces[start:end]).split())
            found = lookup(candidate) if candidate else None
            if found is not None or end == start + 1:
                taken = end
                break
        name = " ".join(SEPARATOR.join(pieces[start:taken]).split())
        if name:
            out.append((name, found))
        start = taken
    return out


class _Lookup:
    """Themes, team members and standards by name, read once for the whole file."""

    def __init__(self, wb: Workbook) -> None:
        self.themes = {name_key(t.name): t for t in th.list_themes(wb)}
        rows = wb.query("SELECT id, name, active FROM team_members ORDER BY name COLLATE NOCASE")
        self.members: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            self.members.setdefault(name_key(r["name"]), []).append(r)
        rows = wb.query("SELECT id, title AS name, active FROM standards ORDER BY position, id")
        self.standards: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            self.standards.setdefault(name_key(r["name"]), []).append(r)
        self.member_names = [
            r["name"]
            for r in wb.query("SELECT name FROM team_members ORDER BY name COLLATE NOCASE")
        ]


def _one(found: list[dict[str, Any]], line: int, what: str, name: str) -> int:
    """The one team member or standard of that name (the active one when another of the
    same name is retired)."""
    if len(found) > 1:
        active = [r for r in found if r["active"]]
        found = active if len(active) == 1 else found
    if len(found) > 1:
        raise CsvLineError(
            line,
            f"{len(found)} {what}s are called “{name}”; rename one of them to tell them apart.",
        )
    return int(found[0]["id"])


def read_feedback_csv(
    wb: Workbook, source: Path | str | bytes, *, today: dt.date | None = None
) -> FeedbackImportPlan:
    """Check a feedback CSV completely and say what importing it would do. Writes nothing.

    Raises:
        ValidationError: the file cannot be read or has the wrong columns.
        CsvLineError: a row is wrong; the message starts with its line number.
    """
    today = today or dt.date.today()
    table = read_table(source, HEADER, REQUIRED)
    name, separator, position = table.name, table.separator, table.position
    lookup = _Lookup(wb)
    known = fe.Known.read(wb)
    new_themes: dict[str, str] = {}  # name_key -> the name as first written
    existing = Counter(
        (r[0], r[1], r[2], r[3])
        for r in wb.conn.execute("SELECT received_on, kind, channel, text FROM feedback_items")
    )
    rows: list[ImportRow] = []
    for line, record in table.rows:
        if len(record) > len(position):
            hint = (
                " If a text has commas, put it in quotes or separate the columns with ;."
                if separator == ","
                else ""
            )
            raise CsvLineError(
                line, f"{len(record)} cells, but the header has {len(position)}.{hint}"
            )
        cells = {
            c: _unneutralise(record[i]) if i < len(record) else "" for c, i in position.items()
        }
        try:
            row = _read_row(wb, line, cells, lookup, known, new_themes, today)
        except CsvLineError:
            raise
        except ValidationError as exc:
            raise CsvLineError(line, exc.message) from None
        key = (row.data.received_on, row.data.kind, row.data.channel, row.data.text)
        if existing[key] > 0:
            existing[key] -= 1
            row = replace(row, already_there=True)
        rows.append(row)
    if not rows:
        raise ValidationError("file", f"{name} has a header but no feedback under it.")
    return FeedbackImportPlan(tuple(rows), tuple(new_themes.values()), separator)


def _read_row(
    wb: Workbook,
    line: int,
    cells: dict[str, str],
    lookup: _Lookup,
    known: fe.Known,
    new_themes: dict[str, str],
    today: dt.date,
) -> ImportRow:
    kind = fe.check_kind(cells["kind"])
    status = cells.get("status", "").strip().lower()
    if status and kind != fb.COMPLAINT:
        raise CsvLineError(
            line,
            f"the status “{status}” is for complaints only; leave it empty for a {kind}.",
        )
    theme_ids: list[int] = []
    creating: list[str] = []
    for theme_name, theme in split_names(
        cells.get("themes", ""), lambda n: lookup.themes.get(name_key(n))
    ):
        if theme is not None:
            theme_ids.append(theme.id)
            continue
        clean = validate.text(
            theme_name, "themes", "A theme name", max_len=th.MAX_NAME, single_line=True
        )
        creating.append(new_themes.setdefault(name_key(clean), clean))
    member_ids = []
    for member, found in split_names(
        cells.get("member", ""), lambda n: lookup.members.get(name_key(n))
    ):
        if found is None:
            team = _names(lookup.member_names) if lookup.member_names else "nobody yet"
            raise CsvLineError(
                line,
                f"there is no team member called “{member}” (the team: {team}). Add them on "
                "the Team page first, or correct the name.",
            )
        member_ids.append(_one(found, line, "team member", member))
    standard_ids = []
    for title, found in split_names(
        cells.get("standard", ""), lambda n: lookup.standards.get(name_key(n))
    ):
        if found is None:
            raise CsvLineError(
                line,
                f"there is no standard called “{title}”; write its title as the Standards page "
                "shows it.",
            )
        standard_ids.append(_one(found, line, "standard", title))
    data = fb.FeedbackInput(
        received_on=cells["date"],
        kind=kind,
        text=cells["text"],
        channel=cells.get("channel", ""),
        status=status or None,
        theme_ids=tuple(dict.fromkeys(theme_ids)),
        member_ids=tuple(member_ids),
        standard_ids=tuple(standard_ids),
    )
    row, *_ = fe.clean_input(wb, data, today, known)
    checked = replace(
        data, received_on=row["received_on"], text=row["text"], channel=row["channel"]
    )
    return ImportRow(line, checked, tuple(dict.fromkeys(creating)), False)


def import_feedback_csv(
    wb: Workbook, source: Path | str | bytes, *, today: dt.date | None = None
) -> FeedbackImportReport:
    """Import a feedback CSV, all or nothing, in one transaction (one step of Undo)."""
    today = today or dt.date.today()
    plan = read_feedback_csv(wb, source, today=today)
    return store_plan(wb, plan, today=today)


def store_plan(
    wb: Workbook, plan: FeedbackImportPlan, *, today: dt.date | None = None
) -> FeedbackImportReport:
    """Write a plan ``read_feedback_csv`` made (the app shows it first)."""
    today = today or dt.date.today()
    adding = plan.to_add
    label = f"Import {count(len(adding), 'feedback item')}"
    needed = {name_key(n) for r in adding for n in r.new_themes}
    created = tuple(n for n in plan.new_themes if name_key(n) in needed)
    with wb.transaction(label):
        theme_ids: dict[str, int] = {}
        for theme_name in created:
            theme_ids[name_key(theme_name)] = th.add_theme(wb, theme_name)
        known = fe.Known.read(wb)
        for row in adding:
            extra = tuple(theme_ids[name_key(n)] for n in row.new_themes)
            data = replace(row.data, theme_ids=tuple(dict.fromkeys(row.data.theme_ids + extra)))
            clean, themes, members, standards = fe.clean_input(wb, data, today, known)
            fe.insert_item(wb, clean, themes, members, standards)
    return FeedbackImportReport(len(adding), created, len(plan.already_there))
