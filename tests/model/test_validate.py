from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscoach.model import validate
from cscoach.model.errors import ValidationError


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e400", "1_000", "١٢", "１２", "", "abc"])
def test_number_refuses_what_python_would_accept(raw: str) -> None:
    with pytest.raises(ValidationError):
        validate.number(raw, "value", "Value")


def test_number_accepts_decimal_comma_and_range() -> None:
    assert validate.number("12,5", "v", "V") == 12.5
    assert validate.number("-20", "v", "V", minimum=-100, maximum=100) == -20
    with pytest.raises(ValidationError, match="above 100"):
        validate.number("100.5", "v", "V", maximum=100)
    with pytest.raises(ValidationError, match="below 0"):
        validate.number(-1, "v", "V", minimum=0)


@pytest.mark.parametrize("raw", ["2026-13", "2026-00", "26-01", "2026-1", "2026/01", ""])
def test_bad_months(raw: str) -> None:
    with pytest.raises(ValidationError):
        validate.month(raw, today=dt.date(2026, 11, 22))


def test_month_not_in_future() -> None:
    assert validate.month("2026-11", today=dt.date(2026, 11, 22)) == "2026-11"
    with pytest.raises(ValidationError, match="future"):
        validate.month("2026-12", today=dt.date(2026, 11, 22))


@given(st.text())
def test_text_either_accepts_stripped_or_explains(value: str) -> None:
    try:
        result = validate.text(value, "f", "Field")
    except ValidationError as exc:
        assert exc.field == "f" and exc.message
    else:
        assert result == value.strip()
        assert "\x00" not in result
        result.encode("utf-8")


@pytest.mark.parametrize("bad", ["Ana\tLopez", "Ana\x07", "\x1bAna", "Ana\x7f"])
def test_a_name_with_a_control_character_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        validate.name(bad)
