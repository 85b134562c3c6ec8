"""Months as the workbook stores them, ``YYYY-MM``: this month, counting months on or back,
every month between two, and a month's name.

(``cscoach.model.dates`` does the same arithmetic on whole dates.)
"""

from __future__ import annotations

import datetime as dt


def current_month(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"


def add_months(month: str, count: int) -> str:
    """``YYYY-MM`` ``count`` months later (earlier when negative)."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included (empty when first > last)."""
    months: list[str] = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_label(month: str, *, short: bool = False) -> str:
    """ "March 2026" (or "Mar 2026") from "2026-03"."""
    day = dt.date(int(month[:4]), int(month[5:7]), 1)
    return day.strftime("%b %Y" if short else "%B %Y")
