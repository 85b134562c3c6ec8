"""CSV written for spreadsheets: UTF-8 with a BOM (Excel reads it right) and text cells
that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cscoach.model import files

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Numbers pass through; text beginning like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_text(header: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row.get(name, "")) for name in header])
    return out.getvalue()


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[dict[str, Any]],
    *,
    private: bool = False,
    workbook: Path | None = None,
) -> None:
    """Write the whole file or nothing (``files.write_file``): never over ``workbook`` or
    any CS Coach workbook; ``private`` for people's data (readable by its owner only)."""
    data = ("\ufeff" + to_csv_text(header, rows)).encode("utf-8")
    files.write_file(Path(path), data, private=private, workbook=workbook)
