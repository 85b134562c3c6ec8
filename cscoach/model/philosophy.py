"""The customer-service philosophy: core values, the draft sections written beside the
team's answers, and published versions that never change."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from cscoach.model import ordering, settings, validate
from cscoach.model.dates import add_months
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, inserted_id

DEFAULT_REVIEW_MONTHS = 12


@dataclass(frozen=True)
class CoreValue:
    id: int
    name: str
    meaning: str
    position: int


@dataclass(frozen=True)
class Section:
    id: int
    title: str
    body: str
    question_id: int | None
    position: int
    starter: bool  # one of the starter sections (linked to a General question)


@dataclass(frozen=True)
class Version:
    id: int
    number: int
    published_on: str
    note: str
    business_name: str


@dataclass(frozen=True)
class VersionContent:
    """What a version (or the draft) says: its values and its sections, in order."""

    version: Version | None  # None: the draft
    values: list[tuple[str, str]]  # (name, meaning)
    sections: list[tuple[str, str]]  # (title, body)

    @property
    def label(self) -> str:
        if self.version is None:
            return "Draft"
        return f"Version {self.version.number} ({self.version.published_on})"


@dataclass(frozen=True)
class ReviewStatus:
    last_published: str | None
    review_months: int
    due: bool
    due_on: str | None


# -- core values --------------------------------------------------------------


def list_values(wb: Workbook) -> list[CoreValue]:
    rows = wb.query("SELECT id, name, meaning, position FROM core_values ORDER BY position")
    return [CoreValue(**r) for r in rows]


def _clean_value(wb: Workbook, name: str, meaning: str, value_id: int | None) -> dict[str, Any]:
    clean = {
        "name": validate.text(
            name, "name", "Value name", required=True, max_len=80, single_line=True
        ),
        "meaning": validate.text(meaning, "meaning", "What it means", max_len=2000),
    }
    if wb.name_taken("core_values", "name", clean["name"], value_id):
        raise ValidationError("name", f"There is already a value called “{clean['name']}”.")
    return clean


def add_value(wb: Workbook, name: str, meaning: str = "") -> int:
    row = _clean_value(wb, name, meaning, None)
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(position), 0) AS p FROM core_values")
        row["position"] = (last["p"] if last else 0) + 1
        table = db.table("core_values")
        table.insert(row)
        return inserted_id(table)


def update_value(wb: Workbook, value_id: int, name: str, meaning: str) -> None:
    _get_value(wb, value_id)
    row = _clean_value(wb, name, meaning, value_id)
    with wb.transaction() as db:
        db.table("core_values").update(value_id, row)


def value_links(wb: Workbook, value_id: int) -> dict[str, int]:
    """How many standards, hiring criteria and KPIs serve a value."""
    row = wb.query_one(
        """SELECT (SELECT count(*) FROM standard_values WHERE value_id = :v) AS standards,
                  (SELECT count(*) FROM criterion_values WHERE value_id = :v) AS criteria,
                  (SELECT count(*) FROM kpi_values WHERE value_id = :v) AS kpis""",
        {"v": value_id},
    )
    assert row is not None
    return row


def delete_value(wb: Workbook, value_id: int) -> None:
    """Delete a value; links from standards, criteria and KPIs to it go with it.
    Published versions keep their own copy."""
    _get_value(wb, value_id)
    with wb.transaction() as db:
        db.table("core_values").delete(value_id)
        ordering.renumber(wb, "core_values")


def move_value(wb: Workbook, value_id: int, step: int) -> None:
    ids = [v.id for v in list_values(wb)]
    ordering.move(wb, "core_values", ids, value_id, step, what="value")


def _get_value(wb: Workbook, value_id: int) -> CoreValue:
    row = wb.query_one(
        "SELECT id, name, meaning, position FROM core_values WHERE id = ?", (value_id,)
    )
    if row is None:
        raise ValidationError("id", "That value no longer exists.")
    return CoreValue(**row)


# -- draft sections -----------------------------------------------------------


def list_sections(wb: Workbook) -> list[Section]:
    rows = wb.query(
        "SELECT id, title, body, question_id, position, key IS NOT NULL AS starter "
        "FROM philosophy_sections ORDER BY position"
    )
    return [
        Section(r["id"], r["title"], r["body"], r["question_id"], r["position"], bool(r["starter"]))
        for r in rows
    ]


def get_section(wb: Workbook, section_id: int) -> Section:
    section = next((s for s in list_sections(wb) if s.id == section_id), None)
    if section is None:
        raise ValidationError("id", "That section no longer exists.")
    return section


def save_section_body(wb: Workbook, section_id: int, body: str) -> None:
    """Save the text of one draft section (called as the owner types)."""
    get_section(wb, section_id)
    clean = validate.text(body, "body", "The section", max_len=validate.MAX_TEXT)
    with wb.transaction() as db:
        db.table("philosophy_sections").update(section_id, {"body": clean})


def _clean_section(title: str, question_id: int | None, wb: Workbook) -> dict[str, Any]:
    clean = {
        "title": validate.text(
            title, "title", "Section title", required=True, max_len=200, single_line=True
        ),
        "question_id": question_id,
    }
    if question_id is not None and not wb.query_one(
        "SELECT id FROM questions WHERE id = ?", (question_id,)
    ):
        raise ValidationError("question", "That question no longer exists.")
    return clean


def add_section(wb: Workbook, title: str, question_id: int | None = None) -> int:
    row = _clean_section(title, question_id, wb)
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(position), 0) AS p FROM philosophy_sections")
        row["position"] = (last["p"] if last else 0) + 1
        table = db.table("philosophy_sections")
        table.insert(row)
        return inserted_id(table)


def update_section(wb: Workbook, section_id: int, title: str, question_id: int | None) -> None:
    get_section(wb, section_id)
    row = _clean_section(title, question_id, wb)
    with wb.transaction() as db:
        db.table("philosophy_sections").update(section_id, row)


def delete_section(wb: Workbook, section_id: int) -> None:
    """Delete a section of the draft (published versions keep theirs)."""
    get_section(wb, section_id)
    with wb.transaction() as db:
        db.table("philosophy_sections").delete(section_id)
        ordering.renumber(wb, "philosophy_sections")


def move_section(wb: Workbook, section_id: int, step: int) -> None:
    ids = [s.id for s in list_sections(wb)]
    ordering.move(wb, "philosophy_sections", ids, section_id, step, what="section")


# -- publishing ---------------------------------------------------------------


def list_versions(wb: Workbook) -> list[Version]:
    """Published versions, newest first."""
    rows = wb.query(
        "SELECT id, number, published_on, note, business_name FROM philosophy_versions "
        "ORDER BY number DESC"
    )
    return [Version(**r) for r in rows]


def get_version(wb: Workbook, number: int) -> Version:
    row = None
    if -(2**63) <= number < 2**63:  # SQLite's integers: any other number is no version
        row = wb.query_one(
            "SELECT id, number, published_on, note, business_name FROM philosophy_versions "
            "WHERE number = ?",
            (number,),
        )
    if row is None:
        known = ", ".join(str(v.number) for v in list_versions(wb)) or "none published yet"
        raise ValidationError("version", f"There is no version {number} (versions: {known}).")
    return Version(**row)


def draft_content(wb: Workbook) -> VersionContent:
    return VersionContent(
        None,
        [(v.name, v.meaning) for v in list_values(wb)],
        [(s.title, s.body) for s in list_sections(wb)],
    )


def version_content(wb: Workbook, number: int) -> VersionContent:
    version = get_version(wb, number)
    values = wb.query(
        "SELECT name, meaning FROM philosophy_version_values WHERE version_id = ? "
        "ORDER BY position",
        (version.id,),
    )
    sections = wb.query(
        "SELECT title, body FROM philosophy_version_sections WHERE version_id = ? "
        "ORDER BY position",
        (version.id,),
    )
    return VersionContent(
        version,
        [(v["name"], v["meaning"]) for v in values],
        [(s["title"], s["body"]) for s in sections],
    )


def publish(wb: Workbook, note: str = "", on: dt.date | None = None) -> int:
    """Save the draft as the next numbered, dated version, which never changes.

    Returns the new version number. The draft stays editable.
    """
    clean_note = validate.text(note, "note", "Note", max_len=500, single_line=True)
    draft = draft_content(wb)
    if not any(body.strip() for _, body in draft.sections) and not draft.values:
        raise ValidationError(
            "note", "The draft is empty: write at least one section or value before publishing."
        )
    published_on = (on or dt.date.today()).isoformat()
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(number), 0) AS n FROM philosophy_versions")
        number = (last["n"] if last else 0) + 1
        versions = db.table("philosophy_versions")
        versions.insert(
            {
                "number": number,
                "published_on": published_on,
                "note": clean_note,
                "business_name": settings.business_name(wb),
            }
        )
        version_id = versions.last_pk
        db.table("philosophy_version_values").insert_all(
            {"version_id": version_id, "position": n, "name": name, "meaning": meaning}
            for n, (name, meaning) in enumerate(draft.values, start=1)
        )
        db.table("philosophy_version_sections").insert_all(
            {"version_id": version_id, "position": n, "title": title, "body": body}
            for n, (title, body) in enumerate(draft.sections, start=1)
        )
    return number


def draft_differs_from_latest(wb: Workbook) -> bool:
    versions = list_versions(wb)
    if not versions:
        return True
    latest = version_content(wb, versions[0].number)
    draft = draft_content(wb)
    return (latest.values, latest.sections) != (draft.values, draft.sections)


def review_months(wb: Workbook) -> int:
    raw = settings.get(wb, "philosophy_review_months", str(DEFAULT_REVIEW_MONTHS))
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 60 else DEFAULT_REVIEW_MONTHS


def set_review_months(wb: Workbook, months: int | str) -> None:
    value = validate.whole(months, "review_months", "Review interval", minimum=1, maximum=60)
    with wb.transaction() as db:
        db.table("settings").upsert(
            {"key": "philosophy_review_months", "value": str(value)}, pk="key"
        )


def review_status(wb: Workbook, today: dt.date | None = None) -> ReviewStatus:
    today = today or dt.date.today()
    months = review_months(wb)
    versions = list_versions(wb)
    if not versions:
        return ReviewStatus(None, months, True, None)
    last = dt.date.fromisoformat(versions[0].published_on)
    due_on = add_months(last, months)
    return ReviewStatus(last.isoformat(), months, today >= due_on, due_on.isoformat())


# -- comparing versions -------------------------------------------------------


@dataclass(frozen=True)
class SectionChange:
    title: str
    kind: str  # "added", "removed", "changed"
    words: list[tuple[str, str]]  # (op, text): op is "same", "added" or "removed"


def compare(old: VersionContent, new: VersionContent) -> list[SectionChange]:
    """The sections (and values) that differ between two versions, with the changed
    words marked."""
    changes: list[SectionChange] = []
    old_values = "\n".join(f"{n}: {m}" for n, m in old.values)
    new_values = "\n".join(f"{n}: {m}" for n, m in new.values)
    if old_values != new_values:
        changes.append(SectionChange("Core values", "changed", word_diff(old_values, new_values)))
    old_sections = dict(old.sections)
    new_sections = dict(new.sections)
    for title, body in new.sections:
        if title not in old_sections:
            if body.strip():
                changes.append(SectionChange(title, "added", [("added", body)]))
        elif old_sections[title] != body:
            changes.append(SectionChange(title, "changed", word_diff(old_sections[title], body)))
    for title, body in old.sections:
        if title not in new_sections and body.strip():
            changes.append(SectionChange(title, "removed", [("removed", body)]))
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Words kept, added and removed between two texts (whitespace kept with each word)."""
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(
        a=[w.strip() for w in a], b=[w.strip() for w in b], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("removed", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("added", "".join(b[j1:j2])))
    return out
