"""Numbers as the owner sees them: one decimal, a real minus sign, never "-0.0", the unit
after the value, a range end or a target as it was typed, and a count with its noun."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 standard", "3 standards", "2 people" (with ``many``)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def format_number(value: float | None, decimals: int = 1) -> str:
    """One decimal, a real minus sign, never "-0.0"; "—" for no value."""
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = f"{0:.{decimals}f}"
    return text.replace("-", "−")


def format_value(value: float | None, unit: str = "") -> str:
    """ "88.0 %", "42.0", "5.5 hours": the unit "score" is not written after a number."""
    if value is None:
        return "—"
    text = format_number(value)
    if not unit or unit == "score":
        return text
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def plain_number(value: float) -> str:
    """A count or an amount of hours as typed: 42, 130.5 (no exponent, no trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def format_plain(value: float | None) -> str:
    """A range end or a target as the owner typed it: 100, −100, 24.5."""
    return "" if value is None else plain_number(value).replace("-", "−")
