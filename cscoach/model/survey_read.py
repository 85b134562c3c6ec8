"""A survey export read as text: its columns and responses, the dates people's forms write
and the whole-number answers of rating questions. Nothing here decides which column is
which (``survey_columns``) or counts anything (``survey_import``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cscoach.model import csvread
from cscoach.model.errors import ValidationError

_SURVEYMONKEY_SUBHEADERS = {"response", "open-ended response", "other (please specify)"}


@dataclass(frozen=True)
class SurveyTable:
    """A survey export as text: the column names and the response rows."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]  # the line each row starts on

    def column(self, index: int) -> list[str]:
        return [row[index].strip() if index < len(row) else "" for row in self.rows]

    def find(self, name_or_index: str | int | None, label: str, field: str) -> int | None:
        """The index of a column given by its header (ignoring case), or its number."""
        if name_or_index is None or name_or_index == "":
            return None
        if isinstance(name_or_index, int):
            if 0 <= name_or_index < len(self.headers):
                return name_or_index
            raise ValidationError(field, f"{self.name} has no column {name_or_index + 1}.")
        wanted = " ".join(name_or_index.split()).casefold()
        for index, header in enumerate(self.headers):
            if " ".join(header.split()).casefold() == wanted:
                return index
        matches = [i for i, h in enumerate(self.headers) if wanted and wanted in h.casefold()]
        if len(matches) == 1:
            return matches[0]
        shown = "; ".join(f"“{heading(h)}”" for h in self.headers[:12])
        more = len(self.headers) - 12
        shown += f" and {more} more" if more > 0 else ""
        raise ValidationError(
            field, f"{self.name} has no {label} column called “{name_or_index}” (it has: {shown})."
        )


def heading(text: str, limit: int = 70) -> str:
    """A column heading on one line and at most ``limit`` characters, for messages."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_survey(source: Path | str | bytes) -> SurveyTable:
    """Read a survey export (``,`` ``;`` or tab; UTF-8 with or without a BOM, or Excel's
    "Unicode Text"; SurveyMonkey's two header rows)."""
    text, name = csvread.read_text(source)
    records = csvread.records(text, csvread.delimiter(text))
    if len(records) < 2:
        raise ValidationError("file", f"{name} has no responses, only a header (or nothing).")
    _, first = records[0]
    headers = [h.strip() for h in first]
    body = records[1:]
    second = [c.strip().casefold() for c in body[0][1]]
    if any(c in _SURVEYMONKEY_SUBHEADERS for c in second):
        merged, current = [], ""
        sub = body[0][1]
        for index in range(max(len(headers), len(sub))):
            top = headers[index] if index < len(headers) else ""
            current = top or current
            extra = sub[index].strip() if index < len(sub) else ""
            if extra and extra.casefold() not in _SURVEYMONKEY_SUBHEADERS and extra != current:
                merged.append(f"{current} — {extra}" if current else extra)
            else:
                merged.append(current)
        headers, body = merged, body[1:]
        if not body:
            raise ValidationError("file", f"{name} has no responses, only its header rows.")
    width = max(len(headers), *(len(r) for _, r in body))
    headers += [""] * (width - len(headers))
    headers = [h or f"Column {i + 1}" for i, h in enumerate(headers)]
    return SurveyTable(
        name,
        tuple(headers),
        tuple(tuple(r) for _, r in body),
        tuple(line for line, _ in body),
    )


# -- dates ---------------------------------------------------------------------------------

_TIME_REST = re.compile(
    r"^(?:[T\s]\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?:Z|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|GMT|UTC|[A-Z]{2,5})?)?\s*$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)(.*)$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)(.*)$")

MONTH_FIRST = "month/day/year"
DAY_FIRST = "day/month/year"


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def date_parts(text: str) -> tuple[str, int, int, int] | None:
    """("iso" | "ambiguous" | "dayfirst", a, b, year) or None when it is not a date.

    A timestamp's date and time are read apart: the dates of a survey repeat (a few
    hundred days) where its timestamps do not, so the date is parsed once per day
    (``_day_parts``) and only the short time is checked for each response."""
    text = text.strip()
    day, _space, time = text.partition(" ")
    if not time:
        return _day_parts(text)
    parts = _day_parts(day)
    return parts if parts is not None and _TIME_REST.match(text[len(day) :]) else None


@lru_cache(maxsize=65_536)  # a survey is read again each time a column is chosen
def _day_parts(text: str) -> tuple[str, int, int, int] | None:
    """``date_parts`` of a text with no space in it."""
    for kind, pattern in (("iso", _ISO), ("iso", _YMD)):
        found = pattern.match(text)
        if found and _TIME_REST.match(found.group(4)):
            return kind, int(found.group(2)), int(found.group(3)), int(found.group(1))
    for kind, pattern in (("ambiguous", _AMBIGUOUS), ("dayfirst", _DOTTED)):
        found = pattern.match(text)
        if found and _TIME_REST.match(found.group(4)):
            return kind, int(found.group(1)), int(found.group(2)), _year(found.group(3))
    return None


def date_order(values: Sequence[str]) -> tuple[bool, bool]:
    """(day_first, certain) for the dates written like ``10/3/2026`` in a column.

    Day first when some first number is above 12, month first when some second number is;
    when nothing decides, month first (the Google Forms and US spreadsheet default).

    Raises:
        ValidationError: the column mixes both orders.
    """
    return order_of([date_parts(v) for v in values])


def order_of(parsed: Sequence[tuple[str, int, int, int] | None]) -> tuple[bool, bool]:
    """``date_order`` of dates already split by ``date_parts``."""
    day_first = month_first = False
    for parts in parsed:
        if parts and parts[0] == "ambiguous":
            day_first |= parts[1] > 12
            month_first |= parts[2] > 12
    if day_first and month_first:
        raise ValidationError(
            "date_column",
            "The dates mix day/month/year and month/day/year (both 13/2/2026 and 2/13/2026 "
            "appear), so no date can be trusted. Correct the date column and try again.",
        )
    return day_first, day_first or month_first


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """A response date in ISO or a common spreadsheet / Google Forms form, or None."""
    return to_date(date_parts(text), day_first)


def to_date(parts: tuple[str, int, int, int] | None, day_first: bool) -> dt.date | None:
    """``parse_date`` of a date already split by ``date_parts``."""
    if parts is None:
        return None
    kind, a, b, year = parts
    if kind == "iso":
        month, day = a, b
    elif kind == "dayfirst" or day_first:
        day, month = a, b
    else:
        month, day = a, b
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- answers -------------------------------------------------------------------------------

_WHOLE = re.compile(r"^\+?(\d{1,2})(?:[.,]0+)?$")


@lru_cache(maxsize=1024)  # a survey holds the same few answers thousands of times
def answer(text: str, low: int, high: int) -> int | None:
    """The whole number ``low``–``high`` a rating answer holds (``7``, ``7.0``, ``7,0``),
    or None."""
    value = whole_number(text)
    return value if value is not None and low <= value <= high else None


@lru_cache(maxsize=1024)
def whole_number(text: str) -> int | None:
    """A whole number of one or two digits as a rating scale writes it, or None."""
    found = _WHOLE.match(text.strip())
    return int(found.group(1)) if found else None
