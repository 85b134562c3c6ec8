"""Printing tests: every PDF made in them carries one fixed creation date, so the same input
gives the same bytes (reportlab honours ``SOURCE_DATE_EPOCH``; the app stamps the real
moment)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.dates import FIXED_TODAY

FIXED_EPOCH = int(dt.datetime.combine(FIXED_TODAY, dt.time(9, 30), tzinfo=dt.UTC).timestamp())


@pytest.fixture(autouse=True)
def _fixed_pdf_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
