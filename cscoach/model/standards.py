"""Service standards: short, concrete behaviours with an owner, the values they serve, the
KPI that shows whether they are met, and a review date that comes round again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscoach.model import ordering, validate
from cscoach.model.dates import add_months
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, inserted_id

if TYPE_CHECKING:
    import sqlite_utils

MAX_TITLE = 160
STATUSES = ("active", "overdue", "retired", "all")


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    position: int
    standards: int = 0  # how many standards use it


@dataclass(frozen=True)
class Standard:
    id: int
    title: str
    detail: str
    category_id: int
    category: str
    kpi_id: int | None
    kpi: str | None
    owner_id: int | None
    owner: str | None
    review_months: int
    on_poster: bool
    active: bool
    position: int
    created_on: str
    last_reviewed: str | None
    value_ids: tuple[int, ...]
    values: tuple[str, ...]
    reviews: int

    def next_review(self) -> dt.date:
        """Due ``review_months`` after the last review (or after it was created)."""
        start = dt.date.fromisoformat(self.last_reviewed or self.created_on)
        return add_months(start, self.review_months)

    def overdue(self, today: dt.date | None = None) -> bool:
        return self.active and (today or dt.date.today()) > self.next_review()


@dataclass(frozen=True)
class Review:
    reviewed_on: str
    reviewed_by: str | None
    note: str


# -- categories ---------------------------------------------------------------


def list_categories(wb: Workbook) -> list[Category]:
    rows = wb.query(
        """SELECT c.id, c.name, c.position,
                  (SELECT count(*) FROM standards s WHERE s.category_id = c.id) AS standards
           FROM standard_categories c ORDER BY c.position"""
    )
    return [Category(**r) for r in rows]


def add_category(wb: Workbook, name: str) -> int:
    clean = _clean_category(wb, name, None)
    with wb.transaction() as db:
        last = wb.query_one("SELECT coalesce(max(position), 0) AS p FROM standard_categories")
        table = db.table("standard_categories")
        table.insert({"name": clean, "position": (last["p"] if last else 0) + 1})
        return inserted_id(table)


def rename_category(wb: Workbook, category_id: int, name: str) -> None:
    clean = _clean_category(wb, name, category_id)
    with wb.transaction() as db:
        db.table("standard_categories").update(category_id, {"name": clean})


def delete_category(wb: Workbook, category_id: int) -> None:
    used = wb.query_one("SELECT count(*) AS n FROM standards WHERE category_id = ?", (category_id,))
    if used and used["n"]:
        raise ValidationError(
            "category", "This category still holds standards; move them to another first."
        )
    with wb.transaction() as db:
        db.table("standard_categories").delete(category_id)


def _clean_category(wb: Workbook, name: str, category_id: int | None) -> str:
    clean = validate.text(
        name, "category", "Category name", required=True, max_len=80, single_line=True
    )
    if wb.name_taken("standard_categories", "name", clean, category_id):
        raise ValidationError("category", f"There is already a category called “{clean}”.")
    return clean


# -- standards ----------------------------------------------------------------

_SELECT = """
    SELECT s.id, s.title, s.detail, s.category_id, c.name AS category, s.kpi_id,
           k.name AS kpi, s.owner_id, m.name AS owner, s.review_months, s.on_poster,
           s.active, s.position, s.created_on,
           (SELECT max(r.reviewed_on) FROM standard_reviews r WHERE r.standard_id = s.id)
               AS last_reviewed,
           (SELECT count(*) FROM standard_reviews r WHERE r.standard_id = s.id) AS reviews,
           (SELECT group_concat(v.id, char(31)) FROM
               (SELECT v.id FROM standard_values sv JOIN core_values v ON v.id = sv.value_id
                WHERE sv.standard_id = s.id ORDER BY v.position) v) AS value_ids,
           (SELECT group_concat(v.name, char(31)) FROM
               (SELECT v.name FROM standard_values sv JOIN core_values v ON v.id = sv.value_id
                WHERE sv.standard_id = s.id ORDER BY v.position) v) AS value_names
    FROM standards s
    JOIN standard_categories c ON c.id = s.category_id
    LEFT JOIN kpis k ON k.id = s.kpi_id
    LEFT JOIN team_members m ON m.id = s.owner_id
"""


def _from_row(r: dict[str, Any]) -> Standard:
    return Standard(
        id=r["id"],
        title=r["title"],
        detail=r["detail"],
        category_id=r["category_id"],
        category=r["category"],
        kpi_id=r["kpi_id"],
        kpi=r["kpi"],
        owner_id=r["owner_id"],
        owner=r["owner"],
        review_months=r["review_months"],
        on_poster=bool(r["on_poster"]),
        active=bool(r["active"]),
        position=r["position"],
        created_on=r["created_on"],
        last_reviewed=r["last_reviewed"],
        value_ids=tuple(int(x) for x in r["value_ids"].split("\x1f")) if r["value_ids"] else (),
        values=tuple(r["value_names"].split("\x1f")) if r["value_names"] else (),
        reviews=r["reviews"],
    )


def list_standards(
    wb: Workbook,
    *,
    status: str = "all",
    category_id: int | None = None,
    value_id: int | None = None,
    search: str = "",
    today: dt.date | None = None,
) -> list[Standard]:
    """Standards in category order, then their own order, filtered as asked.

    ``status``: "active", "overdue" (active and past their review date), "retired" or "all".
    ``search`` matches title, detail, category, owner or value, ignoring case.
    """
    if status not in STATUSES:
        raise ValueError(status)
    rows = wb.query(_SELECT + " ORDER BY c.position, s.position, s.id")
    found = [_from_row(r) for r in rows]
    needle = search.strip().casefold()
    result = []
    for s in found:
        if status == "active" and not s.active:
            continue
        if status == "retired" and s.active:
            continue
        if status == "overdue" and not s.overdue(today):
            continue
        if category_id is not None and s.category_id != category_id:
            continue
        if value_id is not None and value_id not in s.value_ids:
            continue
        if (
            needle
            and needle
            not in " ".join(
                [s.title, s.detail, s.category, s.owner or "", s.kpi or "", *s.values]
            ).casefold()
        ):
            continue
        result.append(s)
    return result


def get_standard(wb: Workbook, standard_id: int) -> Standard:
    row = wb.query_one(_SELECT + " WHERE s.id = ?", (standard_id,))
    if row is None:
        raise ValidationError("id", "That standard no longer exists.")
    return _from_row(row)


def measured_by(wb: Workbook, kpi_id: int) -> list[Standard]:
    """Active standards whose KPI is ``kpi_id``: what the KPI shows is being met."""
    return [s for s in list_standards(wb, status="active") if s.kpi_id == kpi_id]


def overdue_count(wb: Workbook, today: dt.date | None = None) -> int:
    return len(list_standards(wb, status="overdue", today=today))


@dataclass(frozen=True)
class StandardInput:
    """What the owner fills in for a standard."""

    title: str
    category_id: int
    detail: str = ""
    value_ids: tuple[int, ...] = ()
    kpi_id: int | None = None
    owner_id: int | None = None
    review_months: int | str = 6
    on_poster: bool = False
    active: bool = True


def _clean(wb: Workbook, data: StandardInput) -> dict[str, Any]:
    row = {
        "title": validate.text(
            data.title, "title", "Title", required=True, max_len=MAX_TITLE, single_line=True
        ),
        "detail": validate.text(data.detail, "detail", "Detail", max_len=5000),
        "review_months": validate.whole(
            data.review_months,
            "review_months",
            "Review interval (months)",
            minimum=1,
            maximum=60,
        ),
        "on_poster": int(bool(data.on_poster)),
        "active": int(bool(data.active)),
    }
    checks = (
        ("category_id", "standard_categories", data.category_id, "category", "That category"),
        ("kpi_id", "kpis", data.kpi_id, "kpi", "That KPI"),
        ("owner_id", "team_members", data.owner_id, "owner", "That team member"),
    )
    for column, table, value, field, label in checks:
        if value is not None and not wb.query_one(f"SELECT id FROM {table} WHERE id = ?", (value,)):
            raise ValidationError(field, f"{label} no longer exists.")
        row[column] = value
    if data.category_id is None:
        raise ValidationError("category", "Choose a category.")
    for value_id in data.value_ids:
        if not wb.query_one("SELECT id FROM core_values WHERE id = ?", (value_id,)):
            raise ValidationError("values", "One of the chosen values no longer exists.")
    return row


def _clean_review_date(
    value: str | dt.date | None,
    today: dt.date | None = None,
    *,
    field: str = "last_reviewed",
    label: str = "Last reviewed",
) -> str | None:
    clean = validate.iso_date(value, field, label)
    if clean and clean > (today or dt.date.today()).isoformat():
        raise ValidationError(field, f"{label} cannot be in the future.")
    return clean


def add_standard(
    wb: Workbook, data: StandardInput, *, last_reviewed: str | dt.date | None = None
) -> int:
    """Add a standard at the end of its category; ``last_reviewed`` records a first review."""
    row = _clean(wb, data)
    reviewed = _clean_review_date(last_reviewed)
    with wb.transaction() as db:
        last = wb.query_one(
            "SELECT coalesce(max(position), 0) AS p FROM standards WHERE category_id = ?",
            (row["category_id"],),
        )
        row["position"] = (last["p"] if last else 0) + 1
        table = db.table("standards")
        table.insert(row)
        standard_id = inserted_id(table)
        _set_values(db, standard_id, data.value_ids)
        if reviewed:
            db.table("standard_reviews").insert(
                {"standard_id": standard_id, "reviewed_on": reviewed}
            )
    return standard_id


def update_standard(
    wb: Workbook,
    standard_id: int,
    data: StandardInput,
    *,
    last_reviewed: str | dt.date | None = None,
) -> None:
    """Change a standard. A ``last_reviewed`` later than its newest review is recorded as
    a review; history is never rewritten."""
    current = get_standard(wb, standard_id)
    row = _clean(wb, data)
    reviewed = _clean_review_date(last_reviewed)
    with wb.transaction() as db:
        if row["category_id"] != current.category_id:
            last = wb.query_one(
                "SELECT coalesce(max(position), 0) AS p FROM standards WHERE category_id = ?",
                (row["category_id"],),
            )
            row["position"] = (last["p"] if last else 0) + 1
        db.table("standards").update(standard_id, row)
        _set_values(db, standard_id, data.value_ids)
        if reviewed and (current.last_reviewed is None or reviewed > current.last_reviewed):
            db.table("standard_reviews").insert(
                {"standard_id": standard_id, "reviewed_on": reviewed}
            )


def _set_values(db: sqlite_utils.Database, standard_id: int, value_ids: tuple[int, ...]) -> None:
    db.execute("DELETE FROM standard_values WHERE standard_id = ?", [standard_id])
    db.table("standard_values").insert_all(
        {"standard_id": standard_id, "value_id": v} for v in dict.fromkeys(value_ids)
    )


def set_active(wb: Workbook, standard_id: int, active: bool) -> None:
    """Retire a standard (or bring it back). Retired standards keep their history."""
    get_standard(wb, standard_id)
    with wb.transaction() as db:
        db.table("standards").update(standard_id, {"active": int(bool(active))})


def set_on_poster(wb: Workbook, standard_ids: list[int], on_poster: bool) -> None:
    with wb.transaction() as db:
        for standard_id in standard_ids:
            db.table("standards").update(standard_id, {"on_poster": int(bool(on_poster))})


def delete_standard(wb: Workbook, standard_id: int) -> None:
    """Delete a standard that has no review history (retire the others)."""
    standard = get_standard(wb, standard_id)
    if standard.reviews:
        raise ValidationError(
            "id",
            "This standard has a review history, so it cannot be deleted; retire it instead.",
        )
    with wb.transaction() as db:
        db.table("standards").delete(standard_id)


def move_standard(wb: Workbook, standard_id: int, step: int) -> None:
    """Move a standard up or down within its category."""
    standard = get_standard(wb, standard_id)
    ids = [
        r["id"]
        for r in wb.query(
            "SELECT id FROM standards WHERE category_id = ? ORDER BY position, id",
            (standard.category_id,),
        )
    ]
    ordering.move(wb, "standards", ids, standard_id, step, what="standard")


def mark_reviewed(
    wb: Workbook,
    standard_ids: list[int],
    *,
    on: str | dt.date | None = None,
    reviewed_by: int | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """Record that these standards were reviewed (today unless ``on`` says otherwise), all in
    one transaction: reviewing several after a team meeting is one action."""
    if not standard_ids:
        raise ValidationError("id", "Choose at least one standard to mark reviewed.")
    day = _clean_review_date(on, today, field="reviewed_on", label="The review date")
    day = day or (today or dt.date.today()).isoformat()
    clean_note = validate.text(note, "note", "Note", max_len=1000)
    if reviewed_by is not None and not wb.query_one(
        "SELECT id FROM team_members WHERE id = ?", (reviewed_by,)
    ):
        raise ValidationError("reviewed_by", "That team member no longer exists.")
    for standard_id in standard_ids:
        get_standard(wb, standard_id)
    with wb.transaction() as db:
        db.table("standard_reviews").insert_all(
            {"standard_id": s, "reviewed_on": day, "reviewed_by": reviewed_by, "note": clean_note}
            for s in dict.fromkeys(standard_ids)
        )


def review_history(wb: Workbook, standard_id: int) -> list[Review]:
    rows = wb.query(
        """SELECT r.reviewed_on, m.name AS reviewed_by, r.note FROM standard_reviews r
           LEFT JOIN team_members m ON m.id = r.reviewed_by
           WHERE r.standard_id = ? ORDER BY r.reviewed_on DESC, r.id DESC""",
        (standard_id,),
    )
    return [Review(**r) for r in rows]


@dataclass(frozen=True)
class ReviewSummary:
    """The dates printed on the poster, handbook and sign-off sheet."""

    last_reviewed: str | None  # the newest review of any active standard
    next_review: str | None  # the earliest due date among active standards


def review_summary(wb: Workbook) -> ReviewSummary:
    active = list_standards(wb, status="active")
    reviewed = [s.last_reviewed for s in active if s.last_reviewed]
    due = [s.next_review() for s in active]
    return ReviewSummary(max(reviewed) if reviewed else None, min(due).isoformat() if due else None)


def one_clear_message(wb: Workbook) -> str:
    """The first paragraph of the philosophy's "one clear message" section, if written."""
    row = wb.query_one("SELECT body FROM philosophy_sections WHERE key = 'one_message'")
    body = (row["body"] if row else "").strip()
    return body.split("\n\n")[0].strip() if body else ""
