"""Checking and changing feedback items: quick entry (a date, a kind, what was said), the
rest of an item and a complaint's follow-up, every refusal naming its field; each change is
one transaction, so one step of Undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cscoach.model import validate
from cscoach.model.errors import ValidationError
from cscoach.model.feedback import (
    CHANNELS,
    COMPLAINT,
    KINDS,
    MAX_CHANNEL,
    MAX_CUSTOMER,
    MAX_NOTE,
    MAX_TEXT,
    OPEN,
    RESOLVED,
    SEVERITIES,
    STATUSES,
    FeedbackInput,
    get_item,
)
from cscoach.model.workbook import Workbook, name_key

# -- checking ---------------------------------------------------------------------------


@dataclass
class Known:
    """The ids an item may name, read once (an import checks thousands of rows)."""

    themes: set[int] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    standards: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, wb: Workbook) -> Known:
        def ids(table: str) -> set[int]:
            return {r[0] for r in wb.conn.execute(f"SELECT id FROM {table}")}

        return cls(ids("feedback_themes"), ids("team_members"), ids("standards"))


def check_date(
    value: str | dt.date | None, field_name: str, label: str, today: dt.date, *, required: bool
) -> str | None:
    """An ISO date, not after ``today``."""
    clean = validate.iso_date(value, field_name, label, required=required)
    if clean is not None and clean > today.isoformat():
        raise ValidationError(field_name, f"{label} {clean} is in the future.")
    return clean


def check_kind(value: object) -> str:
    kind = value.strip().lower() if isinstance(value, str) else ""
    if kind not in KINDS:
        shown = value if isinstance(value, str) else ""
        raise ValidationError(
            "kind",
            f"Kind must be compliment, complaint, suggestion or question, not “{shown.strip()}”.",
        )
    return kind


def check_channel(value: str | None) -> str:
    """The channel as typed (one line), spelled like the starter channel it names."""
    clean = validate.text(value, "channel", "Channel", max_len=MAX_CHANNEL, single_line=True)
    clean = " ".join(clean.split())
    wanted = name_key(clean)
    return next((c for c in CHANNELS if name_key(c) == wanted), clean)


def check_text(value: str | None) -> str:
    return validate.text(value, "text", "What was said", required=True, max_len=MAX_TEXT)


def clean_input(
    wb: Workbook, data: FeedbackInput, today: dt.date, known: Known | None = None
) -> tuple[dict[str, Any], list[int], list[int], list[int]]:
    """The item's row as stored and its theme, member and standard ids, checked.

    Raises:
        ValidationError: naming the field (``received_on``, ``kind``, ``text``, ``channel``,
            ``customer``, ``customer_asked``, ``severity``, ``acknowledged_on``,
            ``follow_up_by``, ``action_taken``, ``status``, ``resolved_on``, ``themes``,
            ``members``, ``standards``).
    """
    received = check_date(data.received_on, "received_on", "Date", today, required=True)
    assert received is not None
    kind = check_kind(data.kind)
    row: dict[str, Any] = {
        "received_on": received,
        "kind": kind,
        "text": check_text(data.text),
        "channel": check_channel(data.channel),
        "customer": validate.text(
            data.customer, "customer", "Customer", max_len=MAX_CUSTOMER, single_line=True
        ),
        "customer_asked": validate.text(
            data.customer_asked, "customer_asked", "What the customer asked for", max_len=MAX_NOTE
        ),
        "severity": _check_severity(data.severity),
        "acknowledged_on": _not_before(
            check_date(
                data.acknowledged_on, "acknowledged_on", "Acknowledged on", today, required=False
            ),
            received,
            "acknowledged_on",
            "It cannot have been acknowledged",
        ),
        "action_taken": validate.text(
            data.action_taken, "action_taken", "What was done", max_len=MAX_NOTE
        ),
        "status": None,
        "resolved_on": None,
    }
    if kind == COMPLAINT:  # the status and its date mean something for complaints only
        status = (data.status or OPEN).strip().lower() if isinstance(data.status, str) else OPEN
        if status not in STATUSES:
            raise ValidationError("status", f"Status must be open or resolved, not “{status}”.")
        row["status"] = status
        if status == RESOLVED:
            row["resolved_on"] = _not_before(
                check_date(data.resolved_on, "resolved_on", "Resolved on", today, required=False),
                received,
                "resolved_on",
                "It cannot have been resolved",
            )
    known = known or Known.read(wb)
    if data.follow_up_by is not None and data.follow_up_by not in known.members:
        raise ValidationError("follow_up_by", "That team member no longer exists.")
    row["follow_up_by"] = data.follow_up_by
    themes = _ids(data.theme_ids, known.themes, "themes", "theme")
    members = _ids(data.member_ids, known.members, "members", "team member")
    standards = _ids(data.standard_ids, known.standards, "standards", "standard")
    return row, themes, members, standards


def _check_severity(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    severity = str(value).strip().lower()
    if severity not in SEVERITIES:
        raise ValidationError(
            "severity", f"Severity must be minor, moderate or serious, not “{severity}”."
        )
    return severity


def _not_before(value: str | None, received: str, field_name: str, what: str) -> str | None:
    if value is not None and value < received:
        raise ValidationError(
            field_name, f"{what} before it was received ({received}); check both dates."
        )
    return value


def _ids(values: Iterable[int], known: set[int], field_name: str, what: str) -> list[int]:
    ids = list(dict.fromkeys(values))
    if any(not isinstance(i, int) or i not in known for i in ids):
        raise ValidationError(field_name, f"That {what} no longer exists.")
    return ids


# -- writing ----------------------------------------------------------------------------


def add_item(wb: Workbook, data: FeedbackInput, *, today: dt.date | None = None) -> int:
    """Add a feedback item; returns its id."""
    row, themes, members, standards = clean_input(wb, data, today or dt.date.today())
    with wb.transaction():
        return insert_item(wb, row, themes, members, standards)


def insert_item(
    wb: Workbook,
    row: dict[str, Any],
    themes: Sequence[int],
    members: Sequence[int],
    standards: Sequence[int],
) -> int:
    """Insert a checked item (``clean_input``) inside the caller's transaction."""
    names = list(row)
    cur = wb.conn.execute(
        f"INSERT INTO feedback_items ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )
    item_id = int(cur.lastrowid or 0)
    _link(wb, item_id, themes, members, standards)
    return item_id


def _link(
    wb: Workbook,
    item_id: int,
    themes: Sequence[int],
    members: Sequence[int],
    standards: Sequence[int],
) -> None:
    for table, column, ids in (
        ("feedback_item_themes", "theme_id", themes),
        ("feedback_item_members", "member_id", members),
        ("feedback_item_standards", "standard_id", standards),
    ):
        wb.conn.executemany(
            f"INSERT INTO {table} (item_id, {column}) VALUES (?, ?)", [(item_id, i) for i in ids]
        )


def update_item(
    wb: Workbook, item_id: int, data: FeedbackInput, *, today: dt.date | None = None
) -> None:
    """Change an item: every field and its themes, members and standards together."""
    item = get_item(wb, item_id)
    row, themes, members, standards = clean_input(wb, data, today or dt.date.today())
    with wb.transaction(f"Change feedback item “{_short(item.text)}”"):
        sets = ", ".join(f"{n} = ?" for n in row)
        wb.conn.execute(f"UPDATE feedback_items SET {sets} WHERE id = ?", [*row.values(), item_id])
        _relink(wb, item_id, "feedback_item_themes", "theme_id", item.theme_ids, themes)
        _relink(wb, item_id, "feedback_item_members", "member_id", item.member_ids, members)
        _relink(wb, item_id, "feedback_item_standards", "standard_id", item.standard_ids, standards)


def _relink(
    wb: Workbook, item_id: int, table: str, column: str, before: Sequence[int], after: list[int]
) -> None:
    """Only the links that changed are written (Undo then holds only those)."""
    gone = [i for i in before if i not in after]
    new = [i for i in after if i not in before]
    wb.conn.executemany(
        f"DELETE FROM {table} WHERE item_id = ? AND {column} = ?", [(item_id, i) for i in gone]
    )
    wb.conn.executemany(
        f"INSERT INTO {table} (item_id, {column}) VALUES (?, ?)", [(item_id, i) for i in new]
    )


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


def set_item_themes(wb: Workbook, item_id: int, theme_ids: Sequence[int]) -> None:
    """Give an item exactly these themes."""
    item = get_item(wb, item_id)
    themes = _ids(theme_ids, Known.read(wb).themes, "themes", "theme")
    with wb.transaction(f"Change themes of “{_short(item.text)}”"):
        _relink(wb, item_id, "feedback_item_themes", "theme_id", item.theme_ids, themes)


def add_item_theme(wb: Workbook, item_id: int, theme_id: int) -> None:
    """Add one theme to an item (a suggestion accepted); nothing when it has it already."""
    item = get_item(wb, item_id)
    if theme_id not in item.theme_ids:
        set_item_themes(wb, item_id, [*item.theme_ids, theme_id])


def resolve_complaint(
    wb: Workbook,
    item_id: int,
    *,
    on: str | dt.date | None = None,
    action_taken: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Mark a complaint resolved ``on`` a day (today when not given), with what was done
    when given."""
    today = today or dt.date.today()
    item = get_item(wb, item_id)
    if item.kind != COMPLAINT:
        raise ValidationError("status", "Only a complaint can be resolved.")
    data = replace(
        FeedbackInput.from_item(item),
        status=RESOLVED,
        resolved_on=on or today,
        action_taken=item.action_taken if action_taken is None else action_taken,
    )
    update_item(wb, item_id, data, today=today)


def reopen_complaint(wb: Workbook, item_id: int, *, today: dt.date | None = None) -> None:
    item = get_item(wb, item_id)
    if item.kind != COMPLAINT:
        raise ValidationError("status", "Only a complaint can be open.")
    data = replace(FeedbackInput.from_item(item), status=OPEN, resolved_on=None)
    update_item(wb, item_id, data, today=today)


def delete_item(wb: Workbook, item_id: int) -> None:
    get_item(wb, item_id)
    with wb.transaction():
        wb.conn.execute("DELETE FROM feedback_items WHERE id = ?", (item_id,))


def delete_items(wb: Workbook, item_ids: Sequence[int]) -> None:
    """Delete several items in one step."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return
    with wb.transaction():
        wb.conn.executemany("DELETE FROM feedback_items WHERE id = ?", [(i,) for i in ids])
