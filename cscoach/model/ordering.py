"""The order the owner gives things (values, sections, questions, standards, criteria,
KPIs): a ``position`` column, changed one way everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cscoach.model.errors import ValidationError

if TYPE_CHECKING:
    from cscoach.model.workbook import Workbook


def move(
    wb: Workbook, table: str, ids: Sequence[int], item_id: int, step: int, *, what: str = "item"
) -> None:
    """Move ``item_id`` by ``step`` places (negative: up) among ``ids``, the rows of
    ``table`` in their order now (all of them, or one group: a section's questions, a
    category's standards). The group keeps the positions it had, shared out in the new
    order, so the rows outside it keep theirs. One transaction; nothing when already at
    the end. ``table`` comes from the code, never from the owner."""
    order = list(ids)
    if item_id not in order:
        raise ValidationError("id", f"That {what} no longer exists.")
    index = order.index(item_id)
    target = max(0, min(len(order) - 1, index + step))
    if target == index:
        return
    marks = ",".join("?" * len(order))
    positions = sorted(
        r[0] for r in wb.conn.execute(f"SELECT position FROM {table} WHERE id IN ({marks})", order)
    )
    if len(set(positions)) < len(positions):  # ties: number the group afresh after its first
        positions = [positions[0] + n for n in range(len(positions))]
    order.insert(target, order.pop(index))
    with wb.transaction() as db:
        # Out of the way first, so a UNIQUE position never clashes half-way.
        for row_id in order:
            db.execute(f"UPDATE {table} SET position = -position - 1 WHERE id = ?", [row_id])
        for position, row_id in zip(positions, order, strict=True):
            db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, row_id])


def renumber(wb: Workbook, table: str) -> None:
    """Number ``table``'s rows 1, 2, 3… in their order (after a deletion), inside the
    caller's transaction."""
    ids = [r[0] for r in wb.conn.execute(f"SELECT id FROM {table} ORDER BY position, id")]
    for position, row_id in enumerate(ids, start=1):
        wb.conn.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, row_id])
