"""Shared checks for values typed by the user. Each raises ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from cscoach.model.errors import ValidationError

MAX_NAME = 200
MAX_TEXT = 20_000

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def text(
    value: str | None,
    field: str,
    label: str,
    *,
    required: bool = False,
    max_len: int = MAX_TEXT,
    single_line: bool = False,
) -> str:
    """Return ``value`` stripped, or raise if it is empty (when required), too long,
    or holds characters that cannot be stored (NUL bytes, broken characters)."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(field, f"{label} cannot be empty.")
    if "\x00" in value:
        raise ValidationError(field, f"{label} contains a NUL character; remove it and try again.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, f"{label} contains a broken character (perhaps from a bad paste)."
        ) from None
    if single_line and ("\n" in value or "\r" in value):
        raise ValidationError(field, f"{label} must fit on one line.")
    if single_line and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError(
            field, f"{label} contains an invisible control character (perhaps from a paste)."
        )
    if len(value) > max_len:
        raise ValidationError(
            field, f"{label} is too long ({len(value):,} characters; the limit is {max_len:,})."
        )
    return value


def name(value: str | None, field: str = "name", label: str = "Name") -> str:
    """A required one-line name."""
    return text(value, field, label, required=True, max_len=MAX_NAME, single_line=True)


def iso_date(
    value: str | dt.date | None, field: str, label: str, *, required: bool = False
) -> str | None:
    """A calendar date as ``YYYY-MM-DD`` (or None when optional and empty)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(field, f"{label} is required (YYYY-MM-DD).")
        return None
    if not _DATE.match(value):
        raise ValidationError(field, f"{label} must be a date written YYYY-MM-DD, not “{value}”.")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(field, f"{label} “{value}” is not a real date.") from None
    if parsed.year < 1900 or parsed.year > 2200:
        raise ValidationError(field, f"{label} “{value}” is outside the years 1900–2200.")
    return parsed.isoformat()


def month(
    value: str | None, field: str = "month", label: str = "Month", *, today: dt.date | None = None
) -> str:
    """A month as ``YYYY-MM``, not after the current month."""
    value = (value or "").strip()
    found = _MONTH.match(value)
    if not found:
        raise ValidationError(
            field, f"{label} must be written YYYY-MM (for example 2026-03), not “{value}”."
        )
    year, mon = int(found.group(1)), int(found.group(2))
    if not 1 <= mon <= 12:
        raise ValidationError(field, f"{label} “{value}” has no month {mon:02d}; months run 01–12.")
    if year < 1900:
        raise ValidationError(field, f"{label} “{value}” is too far in the past.")
    today = today or dt.date.today()
    if (year, mon) > (today.year, today.month):
        raise ValidationError(field, f"{label} {value} is in the future.")
    return f"{year:04d}-{mon:02d}"


def number(
    value: float | int | str | None,
    field: str,
    label: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float:
    """A finite number within the given range. Strings may use a decimal comma; other
    spellings Python accepts (``nan``, ``1_000``, non-ASCII digits) are refused."""
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a number.")
    if isinstance(value, str):
        raw = value.strip()
        if not re.fullmatch(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?", raw):
            raise ValidationError(field, f"{label} must be a number, not “{value.strip()}”.")
        value = float(raw.replace(",", "."))
    if value is None:
        raise ValidationError(field, f"{label} is required.")
    try:
        result = float(value)
    except OverflowError:  # an int too large for a float
        raise ValidationError(field, f"{label} must be a finite number.") from None
    if not math.isfinite(result):
        raise ValidationError(field, f"{label} must be a finite number.")
    if minimum is not None and result < minimum:
        raise ValidationError(
            field, f"{label} cannot be below {_fmt(minimum)} (got {_fmt(result)})."
        )
    if maximum is not None and result > maximum:
        raise ValidationError(
            field, f"{label} cannot be above {_fmt(maximum)} (got {_fmt(result)})."
        )
    return result


def whole(value: int | str | None, field: str, label: str, *, minimum: int, maximum: int) -> int:
    """A whole number within [minimum, maximum]."""
    if isinstance(value, bool):
        raise ValidationError(field, f"{label} must be a whole number.")
    if isinstance(value, str):
        raw = value.strip()  # int() would not strip every space str.strip() does (\x1f)
        if not re.fullmatch(r"[+-]?[0-9]+", raw):
            raise ValidationError(field, f"{label} must be a whole number, not “{raw}”.")
        if len(raw.lstrip("+-").lstrip("0")) > 30:  # int() refuses over 4,300 digits
            raise ValidationError(field, f"{label} must be between {minimum} and {maximum}.")
        value = int(raw)
    if not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValidationError(field, f"{label} must be a whole number.")
    if not minimum <= value <= maximum:
        raise ValidationError(
            field, f"{label} must be between {minimum} and {maximum} (got {value})."
        )
    return value


def _fmt(x: float) -> str:
    return f"{x:g}"
