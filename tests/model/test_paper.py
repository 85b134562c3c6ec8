"""The paper a new workbook prints on comes from the locale; the owner can change it."""

from __future__ import annotations

import pytest

from cscoach.model import paper, settings
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "es_MX"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE@euro"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({"LANG": "POSIX"}, "a4"),
        ({}, "a4"),
        ({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"),  # paper's own wins
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "a4"),  # LC_ALL wins all
        ({"LC_ALL": "", "LC_PAPER": "", "LANG": "en_PH.UTF-8"}, "letter"),  # empty: unset
    ],
)
def test_locale_page_size(environ: dict[str, str], expected: str) -> None:
    assert paper.locale_page_size(environ) == expected


def test_a_new_workbook_takes_its_locales_paper(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    with Workbook.create(tmp_path / "us.cscoach", "Corner Deli") as wb:
        assert settings.page_size(wb) == "letter"
    monkeypatch.setenv("LC_PAPER", "en_GB.UTF-8")
    with Workbook.create(tmp_path / "uk.cscoach", "Corner Café") as wb:
        assert settings.page_size(wb) == "a4"
        settings.set_page_size(wb, " Letter ")
        assert settings.page_size(wb) == "letter"
        with pytest.raises(ValidationError) as caught:
            settings.set_page_size(wb, "legal")
        assert caught.value.field == "page_size"
        assert settings.page_size(wb) == "letter"
