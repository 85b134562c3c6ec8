"""CSV files as spreadsheets save them, read into text and records.

Excel and its kin write CSV in several ways: UTF-8 with or without a byte-order mark,
"Unicode Text" (UTF-16 with a byte-order mark, tab-separated), a ``,`` ``;`` or tab
delimiter. Everything here is shared by the KPI CSV import and the survey import; nothing
is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cscoach.model import csvfile
from cscoach.model.errors import ValidationError

MAX_BYTES = 50_000_000
DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 65_536  # the start of the file looked at to choose the delimiter
_SNIFF_RECORDS = 50

# Byte-order marks, longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class CsvLineError(ValidationError):
    """A problem on one line of a CSV file; nothing was imported."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__("file", f"Line {line}: {message}")
        self.line = line


def read_text(source: Path | str | bytes) -> tuple[str, str]:
    """The text of a CSV file (byte-order mark removed) and a name to use in messages.

    The encoding is taken from the byte-order mark when there is one (UTF-8, or UTF-16 as
    Excel's "Unicode Text" writes it), else UTF-8. The mark is looked at before anything
    else: UTF-16 text is full of NUL bytes, which in any other file mean it is not text.

    Raises:
        ValidationError: the file cannot be read, is too large, is not text or is empty.
    """
    if isinstance(source, bytes):
        data, name = source, "The file"
    else:
        path = Path(source)
        name = path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValidationError("file", f"{name} is too large to be a CSV of this kind.")
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError("file", f"Could not read {path}: {exc.strerror or exc}.") from exc
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise ValidationError("file", f"{name} is not a CSV file (it contains NUL bytes).")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        if encoding in ("utf-16", "utf-32"):
            raise ValidationError(
                "file",
                f"{name} starts like Unicode ({encoding.upper()}) text but is damaged or cut "
                "short. Save it again from the spreadsheet and try again.",
            ) from None
        raise ValidationError(
            "file",
            f"{name} is not UTF-8 text. In Excel choose “Save As” → “CSV UTF-8 (Comma "
            "delimited)” or “Unicode Text”, or in another spreadsheet choose UTF-8 when saving "
            "as CSV.",
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise ValidationError("file", f"{name} is not a CSV file (it contains NUL characters).")
    if not text.strip():
        raise ValidationError("file", f"{name} is empty.")
    return text, name


def delimiter(text: str) -> str:
    """``,`` ``;`` or tab: the one that splits the header into two or more columns and the
    rows under it into as many (a heading may hold a comma in a tab- or ;-separated file);
    among equals, the one giving the most columns, then the first of ``,`` ``;`` tab."""
    head = text[:_SNIFF_CHARS]
    cut = len(head) < len(text)
    best, best_score = ",", (-1.0, 0)
    for candidate in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(head, newline=""), delimiter=candidate)
            rows = []
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append(row)
                if len(rows) > _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:-1] if cut or len(rows) > _SNIFF_RECORDS else rows[1:]
        fit = sum(len(r) == width for r in body) / len(body) if body else 1.0
        score = (fit, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; blank records left out."""
    # strict: a quote that is never closed is an error, not a cell that swallows every
    # line after it (which would import the rows before it and silently drop the rest)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CsvLineError(
            line, f'the file cannot be read as CSV ({exc}): check the quotes (") from here on.'
        ) from None
    return out


def unneutralise(value: str) -> str:
    """Undo the apostrophe export puts before text that looks like a formula."""
    if value.startswith("'") and value[1:].startswith(csvfile.FORMULA_STARTS):
        return value[1:]
    return value


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read and its header checked: the file's name, its delimiter, where each
    column is, and the rows under the header as (line number, cells)."""

    name: str
    separator: str
    position: dict[str, int]
    rows: list[tuple[int, list[str]]]


def read_table(
    source: Path | str | bytes, header: Sequence[str], required: Sequence[str]
) -> CsvTable:
    """Read a CSV whose first row names its columns: every column one of ``header``, each
    of ``required`` present, none twice (in any order).

    Raises:
        ValidationError: the file cannot be read or is empty.
        CsvLineError: the header is wrong (the message names the column and the header).
    """
    text, name = read_text(source)
    separator = delimiter(text)
    rows_read = records(text, separator)
    if not rows_read:
        raise ValidationError("file", f"{name} is empty.")
    header_line, first = rows_read[0]
    columns = [h.strip().lower() for h in first]
    expected = ",".join(header)
    unknown = [c for c in columns if c not in header]
    if unknown:
        raise CsvLineError(
            header_line,
            f"unknown column “{unknown[0]}”. The first row must be the header {expected}.",
        )
    missing = [c for c in required if c not in columns]
    if missing:
        raise CsvLineError(
            header_line,
            f"the column “{missing[0]}” is missing. The first row must be the header {expected}.",
        )
    doubled = [c for c in header if columns.count(c) > 1]
    if doubled:
        raise CsvLineError(header_line, f"the column “{doubled[0]}” appears twice.")
    return CsvTable(name, separator, {c: columns.index(c) for c in columns}, rows_read[1:])
