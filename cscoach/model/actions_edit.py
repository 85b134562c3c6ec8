"""Checking and changing actions: every refusal names its field; each change is one
transaction, so one step of Undo. See ``cscoach.model.actions`` for the whole API.

No function here reads the clock: ``today`` (a new action's date, the done date of an
action marked done without one, the day "did it help?" was answered) is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.actions import (
    DONE,
    FEEDBACK_ITEM,
    HELPED_ANSWERS,
    KPI_MONTH,
    MAX_OUTCOME,
    MAX_TITLE,
    NONE,
    QUESTION,
    REVIEW,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    SOURCE_LABELS,
    STATUSES,
    Action,
    Source,
    describe_source,
    get_action,
)
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


@dataclass(frozen=True)
class ActionInput:
    """What the owner entered; only the title is needed."""

    title: str
    source: Source = Source()
    owner_id: int | None = None  # None: the owner of the business
    due_on: str | dt.date | None = None
    status: str = "planned"
    done_on: str | dt.date | None = None  # when done and left empty: today
    outcome: str = ""
    share: bool = False
    helped: str | None = None  # done actions only: "yes", "not yet" or "no"

    @classmethod
    def from_action(cls, action: Action) -> ActionInput:
        """The action as it is, to change a field or two with ``dataclasses.replace``."""
        return cls(
            action.title,
            action.source,
            action.owner_id,
            action.due_on,
            action.status,
            action.done_on,
            action.outcome,
            action.share,
            action.helped,
        )


# -- checking ------------------------------------------------------------------------------


def check_title(value: str | None) -> str:
    if not (value or "").strip():
        raise ValidationError("title", "Write what will be done: an action needs a title.")
    return validate.text(value, "title", "Title", max_len=MAX_TITLE, single_line=True)


def _check_source(wb: Workbook, source: Source, today: dt.date) -> dict[str, Any]:
    """The source columns of a newly linked source, with its label as it is now."""
    kind = source.kind if isinstance(source, Source) else None
    if kind not in SOURCE_KINDS:
        raise ValidationError("source", f"An action cannot come from “{kind}”.")
    row: dict[str, Any] = {"source": kind, "source_label": "", "kpi_month": None}
    row.update({column: None for column in SOURCE_COLUMNS.values()})
    if kind == NONE:
        return row
    if kind in (KPI_MONTH, REVIEW):
        row["kpi_month"] = validate.month(source.month, "source", "The reviewed month", today=today)
    if kind != REVIEW:
        if not isinstance(source.id, int) or isinstance(source.id, bool):
            raise ValidationError("source", f"Choose the {SOURCE_LABELS[kind].lower()}.")
        label = describe_source(wb, Source(kind, source.id, row["kpi_month"]))
        if label.endswith("(deleted)"):
            raise ValidationError("source", f"That {SOURCE_LABELS[kind].lower()} no longer exists.")
        row[SOURCE_COLUMNS[kind]] = source.id
        if kind == QUESTION:
            found = wb.conn.execute(
                "SELECT round_id FROM round_questions WHERE id = ?", (source.id,)
            ).fetchone()
            row["round_id"] = found[0]
        row["source_label"] = label
    else:
        row["source_label"] = describe_source(wb, Source(REVIEW, None, row["kpi_month"]))
    return row


def _check_owner(wb: Workbook, owner_id: int | None, before: int | None) -> int | None:
    if owner_id is None:
        return None
    if not isinstance(owner_id, int) or isinstance(owner_id, bool):
        raise ValidationError("owner_id", "Choose who will do it.")
    row = wb.conn.execute(
        "SELECT name, active FROM team_members WHERE id = ?", (owner_id,)
    ).fetchone()
    if row is None:
        raise ValidationError("owner_id", "That team member no longer exists.")
    if not row[1] and owner_id != before:  # someone who left stays owner of what they had
        raise ValidationError(
            "owner_id", f"{row[0]} is no longer on the team; choose someone who is."
        )
    return owner_id


def clean_input(
    wb: Workbook, data: ActionInput, today: dt.date, existing: Action | None = None
) -> dict[str, Any]:
    """The action's row as stored, checked. A source or owner the action already has is
    kept as it is, even when the source was deleted or the owner has left the team.

    Raises:
        ValidationError: naming the field (``title``, ``source``, ``owner_id``, ``due_on``,
            ``status``, ``done_on``, ``outcome``, ``helped``).
    """
    row: dict[str, Any] = {"title": check_title(data.title)}
    if existing is None or data.source != existing.source:
        row.update(_check_source(wb, data.source, today))
    row["owner_id"] = _check_owner(
        wb, data.owner_id, existing.owner_id if existing is not None else None
    )
    row["due_on"] = validate.iso_date(data.due_on, "due_on", "Due date")
    status = data.status.strip().lower() if isinstance(data.status, str) else ""
    if status not in STATUSES:
        raise ValidationError(
            "status", f"Status must be planned, doing, done or dropped, not “{data.status}”."
        )
    row["status"] = status
    row["done_on"] = None
    row["helped"] = row["helped_on"] = None
    if status == DONE:
        done = validate.iso_date(data.done_on, "done_on", "Done on") or today.isoformat()
        if done > today.isoformat():
            raise ValidationError("done_on", f"Done on {done} is in the future.")
        row["done_on"] = done
        helped = (data.helped or "").strip().lower() or None
        if helped is not None and helped not in HELPED_ANSWERS:
            raise ValidationError(
                "helped", f"Did it help? must be yes, not yet or no, not “{data.helped}”."
            )
        row["helped"] = helped
        if helped is not None:
            kept = existing is not None and existing.helped == helped and existing.helped_on
            row["helped_on"] = existing.helped_on if kept and existing else today.isoformat()
    row["outcome"] = validate.text(data.outcome, "outcome", "What came of it", max_len=MAX_OUTCOME)
    row["share"] = int(bool(data.share))
    return row


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


# -- writing -------------------------------------------------------------------------------


def add_action(wb: Workbook, data: ActionInput, *, today: dt.date) -> int:
    """Add an action (made ``today``); returns its id."""
    row = clean_input(wb, data, today)
    row["created_on"] = today.isoformat()
    with wb.transaction(f"Add action “{_short(row['title'])}”"):
        return insert_action(wb, row)


def insert_action(wb: Workbook, row: dict[str, Any]) -> int:
    """Insert a checked row (``clean_input`` with ``created_on``) in the caller's
    transaction (the demo and the benchmarks add many in one)."""
    names = list(row)
    cur = wb.conn.execute(
        f"INSERT INTO actions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )
    return int(cur.lastrowid or 0)


def update_action(
    wb: Workbook,
    action_id: int,
    data: ActionInput,
    *,
    today: dt.date,
    resolve_complaint: bool = False,
) -> None:
    """Change an action: every field together. With ``resolve_complaint``, an action marked
    done also resolves the open complaint it came from (``linked_open_complaint``), in the
    same step of Undo."""
    existing = get_action(wb, action_id)
    row = clean_input(wb, data, today, existing)
    with wb.transaction(f"Change action “{_short(row['title'])}”"):
        sets = ", ".join(f"{n} = ?" for n in row)
        wb.conn.execute(f"UPDATE actions SET {sets} WHERE id = ?", [*row.values(), action_id])
        if resolve_complaint and row["status"] == DONE:
            _resolve_complaint(wb, action_id, row, today)


def set_status(
    wb: Workbook,
    action_id: int,
    status: str,
    *,
    today: dt.date,
    done_on: str | dt.date | None = None,
    resolve_complaint: bool = False,
) -> None:
    """Move an action to ``status`` (the tick at the monthly review: ``DONE``); done without
    ``done_on`` means done ``today``."""
    action = get_action(wb, action_id)
    data = ActionInput.from_action(action)
    keep_done = action.status == DONE and status == DONE and done_on is None
    update_action(
        wb,
        action_id,
        ActionInput(
            data.title,
            data.source,
            data.owner_id,
            data.due_on,
            status,
            action.done_on if keep_done else done_on,
            data.outcome,
            data.share,
            data.helped,
        ),
        today=today,
        resolve_complaint=resolve_complaint,
    )


def answer_helped(wb: Workbook, action_id: int, answer: str | None, *, today: dt.date) -> None:
    """Keep the answer to "did it help?" (yes, not yet, no; None takes it back), with today's
    date. Only a done action can be asked."""
    action = get_action(wb, action_id)
    if action.status != DONE:
        raise ValidationError("helped", "Only an action that is done can be asked if it helped.")
    clean = (answer or "").strip().lower() or None
    if clean is not None and clean not in HELPED_ANSWERS:
        raise ValidationError("helped", f"Did it help? must be yes, not yet or no, not “{answer}”.")
    helped_on = None if clean is None else today.isoformat()
    with wb.transaction(f"Answer “did it help?” for “{_short(action.title)}”"):
        wb.conn.execute(
            "UPDATE actions SET helped = ?, helped_on = ? WHERE id = ?",
            (clean, helped_on, action_id),
        )


def set_share(wb: Workbook, action_id: int, share: bool) -> None:
    """Show an action on the "You said, we did" wall print, or take it off."""
    action = get_action(wb, action_id)
    with wb.transaction(f"Change action “{_short(action.title)}”"):
        wb.conn.execute("UPDATE actions SET share = ? WHERE id = ?", (int(share), action_id))


def delete_action(wb: Workbook, action_id: int) -> None:
    action = get_action(wb, action_id)
    with wb.transaction(f"Delete action “{_short(action.title)}”"):
        wb.conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))


def delete_actions(wb: Workbook, action_ids: Sequence[int]) -> None:
    """Delete several actions in one step."""
    ids = list(dict.fromkeys(action_ids))
    if not ids:
        return
    with wb.transaction(f"Delete {len(ids)} actions" if len(ids) > 1 else None):
        wb.conn.executemany("DELETE FROM actions WHERE id = ?", [(i,) for i in ids])


# -- a complaint resolved by an action -------------------------------------------------------


def linked_open_complaint(wb: Workbook, action_id: int) -> int | None:
    """The id of the complaint an action came from while it is still open (marking the
    action done can resolve it), else None."""
    row = wb.conn.execute(
        "SELECT fi.id FROM actions a JOIN feedback_items fi ON fi.id = a.feedback_item_id "
        "WHERE a.id = ? AND a.source = ? AND fi.kind = 'complaint' AND fi.status = 'open'",
        (action_id, FEEDBACK_ITEM),
    ).fetchone()
    return int(row[0]) if row else None


def _resolve_complaint(wb: Workbook, action_id: int, row: dict[str, Any], today: dt.date) -> None:
    """Resolve the complaint the action came from, on the day the action was done (not
    before the complaint came in); what was done is the action, when nothing is written."""
    from cscoach.model import feedback, feedback_edit

    item_id = linked_open_complaint(wb, action_id)
    if item_id is None:
        return
    item = feedback.get_item(wb, item_id)
    done = max(row["done_on"], item.received_on)
    what = row["outcome"] or row["title"]
    feedback_edit.resolve_complaint(
        wb,
        item_id,
        on=done,
        action_taken=item.action_taken or what,
        today=max(today, dt.date.fromisoformat(done)),
    )
