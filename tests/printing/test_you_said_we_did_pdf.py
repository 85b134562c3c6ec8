"""The "You said, we did" wall print, read back with pypdf: one page, no running header or
"Page 1 of 1", body type never below 28 pt, what was said and done and what could not be
done with why; hostile text printed as typed; nothing to print is refused."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from cscoach.model import actions_edit as ae
from cscoach.model import demo
from cscoach.model import feedback_themes as th
from cscoach.model.actions import Source
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render
from cscoach.printing.you_said_we_did import FLOOR

TODAY = dt.date(2026, 11, 22)


HEADING = {22.0, 44.0}  # the business name and the title


def sizes(reader: PdfReader) -> set[float]:
    """Every font size the body's text is drawn at (the heading's left out)."""
    found: set[float] = set()

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.add(round(size * abs(tm[0]), 1))

    reader.pages[0].extract_text(visitor_text=visit)
    return found - HEADING


def wall(wb: Workbook, **kw: object) -> tuple[PdfReader, str, tuple[str, ...]]:
    printed = render(wb, PrintRequest("you-said-we-did", today=TODAY, **kw))  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(printed.pdf))
    return reader, reader.pages[0].extract_text(), printed.warnings


def squash(value: str) -> str:
    return "".join(value.split())


@pytest.fixture(scope="module")
def cafe(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    demo.create_demo(path, today=TODAY)
    with Workbook.open(path, read_only=True) as wb:
        yield wb


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_one_page_without_office_furniture_in_big_type(cafe: Workbook, size: str) -> None:
    reader, text, warnings = wall(cafe, page_size=size)
    assert len(reader.pages) == 1
    flat = squash(text)
    assert squash("The Corner Café") in flat and squash("You said, we did") in flat
    assert squash("What we changed") in flat and squash("What we could not do") in flat
    assert "Page" not in text and "Printed" not in text
    assert not re.search(r"\d+ of \d+", text)
    body = sizes(reader)
    assert body and min(body) >= FLOOR
    assert squash("Bring back the small sizes") in flat
    assert squash("Lockers in the back room") in flat
    assert squash("The landlord said no; we will ask again in spring.") in flat
    assert "…" not in text  # the demo's lines print whole
    assert warnings and "did not fit" in warnings[0]


def test_few_items_print_larger_and_hostile_text_as_typed(workbook: Workbook) -> None:
    theme = th.list_themes(workbook)[0]
    ae.add_action(
        workbook,
        ae.ActionInput(
            "Fix <b>the</b> R&D; queue & Ωμέγα",
            Source.feedback_theme(theme.id),
            status="done",
            done_on="2026-11-01",
            outcome="Waits <img src='/etc/hostname'/> halved",
            share=True,
        ),
        today=TODAY,
    )
    reader, text, warnings = wall(workbook)
    flat = squash(text)
    assert squash("Fix <b>the</b> R&D; queue & Ωμέγα") in flat
    assert squash("Waits <img src='/etc/hostname'/> halved") in flat
    assert squash("Many of you mentioned wait time") in flat
    assert min(sizes(reader)) > FLOOR and warnings == ()


def test_a_very_long_action_is_cut_short_and_the_owner_told(workbook: Workbook) -> None:
    for n in range(8):
        ae.add_action(
            workbook,
            ae.ActionInput(
                f"Action {n} " + "with many words " * 11,
                status="done",
                done_on=f"2026-11-{n + 1:02d}",
                outcome="and a long outcome " * 40,
                share=True,
            ),
            today=TODAY,
        )
    reader, text, warnings = wall(workbook)
    assert len(reader.pages) == 1 and min(sizes(reader)) >= FLOOR
    assert "…" in text
    assert any("cut short" in w for w in warnings)


def test_nothing_shared_is_refused(workbook: Workbook) -> None:
    ae.add_action(workbook, ae.ActionInput("Not shared", status="done"), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        wall(workbook)
    assert "Share with the team" in str(caught.value)
