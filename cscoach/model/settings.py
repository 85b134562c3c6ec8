"""The business profile and other workbook-wide settings (a key/value table)."""

from __future__ import annotations

from cscoach.model import paper, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

PAGE_SIZES = paper.PAGE_SIZES


def get(wb: Workbook, key: str, default: str = "") -> str:
    row = wb.query_one("SELECT value FROM settings WHERE key = ?", (key,))
    return row["value"] if row else default


def _put(wb: Workbook, key: str, value: str) -> None:
    with wb.transaction() as db:
        db.table("settings").upsert({"key": key, "value": value}, pk="key")


def business_name(wb: Workbook) -> str:
    return get(wb, "business_name")


def set_business_name(wb: Workbook, name: str) -> None:
    _put(wb, "business_name", validate.name(name, "business_name", "Business name"))


def page_size(wb: Workbook) -> str:
    value = get(wb, "page_size", paper.A4)
    return value if value in PAGE_SIZES else paper.A4


def set_page_size(wb: Workbook, size: str) -> None:
    size = (size or "").strip().lower()
    if size not in PAGE_SIZES:
        raise ValidationError("page_size", f"Page size must be A4 or Letter, not “{size}”.")
    _put(wb, "page_size", size)
