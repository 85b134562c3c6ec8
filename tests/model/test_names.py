"""One rule for names everywhere: a duplicate is refused however its case, spacing or
accents are written ("ZOË" beside "Zoë"), for every kind of named thing."""

from __future__ import annotations

import pytest

from cscoach.model import hiring, philosophy, standards, team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


def test_team_members(workbook: Workbook) -> None:
    team.add_member(workbook, "Zoë Ortiz")
    for clash in ("ZOË ORTIZ", "zoë  ortiz", "Zoe\u0308 Ortiz"):
        with pytest.raises(ValidationError, match="already a team member"):
            team.add_member(workbook, clash)


def test_core_values(workbook: Workbook) -> None:
    philosophy.add_value(workbook, "Éclat", "")
    with pytest.raises(ValidationError, match="already a value"):
        philosophy.add_value(workbook, "ÉCLAT", "")


def test_standard_categories(workbook: Workbook) -> None:
    standards.add_category(workbook, "Café floor")
    with pytest.raises(ValidationError, match="already a category"):
        standards.add_category(workbook, "CAFÉ  FLOOR")


def test_hiring_criteria(workbook: Workbook) -> None:
    quality = hiring.list_criteria(workbook)[0].quality
    with pytest.raises(ValidationError, match="already a hiring criterion"):
        hiring.add_criterion(
            workbook,
            hiring.CriterionInput(quality=quality.upper().replace(" ", "  "), questions=["Why?"]),
        )
