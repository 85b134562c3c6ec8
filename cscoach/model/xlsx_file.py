r"""Writing sheets of plain rows to an ``.xlsx`` file with XlsxWriter (``write_xlsx``), for
``spreadsheet`` (which gathers the workbook's sections as ``Sheet``\ s).

XlsxWriter rather than openpyxl: it only writes, and is several times faster on thousands of
rows. Nearly all the time of an export goes into XlsxWriter's work for each cell (the large
workbook has about 300,000), so the writing keeps that work small: text goes into the
shared-string table (each distinct text escaped and stored once, as Excel does, rather than
in line in every cell as ``constant_memory`` mode must: a question asked of 40 people is
written once, not 40 times), each column's way of writing is chosen once rather than for
every cell, and a date is written as the day number it is stored as. Shared strings keep the
cells in memory until the file is closed: about 40 MB more for the large workbook, whose
rows are already all in memory.

Text is always written as text (never as a formula); text a spreadsheet would take for a
formula once edited (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
also gets Excel's "quote prefix", so it stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cscoach.model.errors import WorkbookError

# How a column's cells are written.
TEXT, DATE, MONTH, NUMBER, WHOLE, PERCENT, YESNO = (
    "text",
    "date",
    "month",
    "number",
    "whole",
    "percent",
    "yesno",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters: longer text is still all there, the column just stops growing
SAMPLE_ROWS = 500  # column widths are measured on the first rows (the newest, where it matters)


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = TEXT
    width: float | None = None  # fixed width in characters; None: fitted to the contents


@dataclass
class Sheet:
    name: str  # at most 31 characters, as spreadsheets ask
    columns: Sequence[Column]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def write_xlsx(sheets: Sequence[Sheet], path: Path, *, title: str = "") -> None:
    """Write ``sheets`` to the file ``path`` (replaced if there): a bold header row that
    stays in view, a filter on it, columns as wide as their contents (up to MAX_WIDTH)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    try:
        book.set_properties(
            {
                "title": f"{title} — CS Coach" if title else "CS Coach",
                "comments": "Exported from CS Coach",
            }
        )
        header = book.add_format(
            {"bold": True, "bg_color": "#E8EEF4", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        formats = {
            DATE: book.add_format({"num_format": "yyyy-mm-dd", "align": "left"}),
            MONTH: book.add_format({"num_format": "mmm yyyy", "align": "left"}),
            PERCENT: book.add_format({"num_format": "0%"}),
            NUMBER: book.add_format({"num_format": "General"}),
            WHOLE: book.add_format({"num_format": "0"}),
        }
        quoted = book.add_format({"quote_prefix": True})
        for sheet in sheets:
            _write_sheet(book, sheet, header, formats, quoted)
        book.close()
    except Exception as exc:
        if isinstance(exc, OSError):
            raise
        raise WorkbookError(f"The spreadsheet could not be written ({exc}).") from exc


def _write_sheet(
    book: Any, sheet: Sheet, header: Any, formats: dict[str, Any], quoted: Any
) -> None:
    ws = book.add_worksheet(_sheet_name(sheet.name))
    columns = list(sheet.columns)
    widths = [_fit(c, i, sheet.rows) for i, c in enumerate(columns)]
    for col, (column, width) in enumerate(zip(columns, widths, strict=True)):
        ws.set_column(col, col, width, formats.get(column.kind))
        ws.write_string(0, col, column.heading, header)
    ws.freeze_panes(1, 0)
    if sheet.rows:
        ws.autofilter(0, 0, len(sheet.rows), len(columns) - 1)
    writers = [_cell_writer(ws, c.kind, formats, quoted) for c in columns]
    for r, row in enumerate(sheet.rows, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            writers[col](r, col, value)


# Excel's day numbers count from 30 December 1899 (day 1 is 1 January 1900), and Excel
# believes 1900 had a 29 February: only from 1 March 1900 is a day's number its distance
# from that start. write_datetime knows that; the few earlier dates go through it.
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30).toordinal()
_EXCEL_DAYS_RIGHT_FROM = dt.date(1900, 3, 1)


def _cell_writer(
    ws: Any, kind: str, formats: dict[str, Any], quoted: Any
) -> Callable[[int, int, Any], object]:
    """How a column of ``kind`` writes one value that is there (not None or "")."""
    write_string, write_number = ws.write_string, ws.write_number
    number_format = formats.get(kind)

    def text(r: int, c: int, value: Any) -> None:
        written = str(value)
        if written.startswith(FORMULA_STARTS):
            write_string(r, c, written, quoted)
        else:
            write_string(r, c, written)

    def day(r: int, c: int, value: dt.date) -> None:
        # The same cell write_datetime makes (the day's number, shown as a date), cheaper.
        if value >= _EXCEL_DAYS_RIGHT_FROM:
            write_number(r, c, value.toordinal() - _EXCEL_DAY_ZERO, number_format)
        else:
            ws.write_datetime(r, c, value, number_format)

    def number(r: int, c: int, value: Any) -> None:
        if isinstance(value, int | float):
            write_number(r, c, value, number_format)
        else:
            text(r, c, value)

    def yes_no(r: int, c: int, value: Any) -> None:
        write_string(r, c, "Yes" if value else "No")

    if kind in (DATE, MONTH):
        return day
    if kind == YESNO:
        return yes_no
    if kind in (NUMBER, WHOLE, PERCENT):
        return number
    return text


def _fit(column: Column, index: int, rows: list[tuple[Any, ...]]) -> float:
    if column.width is not None:
        return column.width
    if column.kind == DATE:
        return max(12, len(column.heading) + 2)
    if column.kind == MONTH:
        return max(10, len(column.heading) + 2)
    longest = min(len(column.heading), 24)  # a long heading wraps rather than widens
    for row in rows[:SAMPLE_ROWS]:
        value = row[index]
        if value is None:
            continue
        text = "Yes" if value is True else "No" if value is False else str(value)
        longest = max(longest, max(len(line) for line in text.split("\n")) if text else 0)
    return float(min(max(longest + 2, 8), MAX_WIDTH))


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)
    return cleaned[:31]
