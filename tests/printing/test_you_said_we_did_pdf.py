"""The "You said, we did" wall print, read back with pypdf: one page, no running header or
"Page 1 of 1", body type never below 28 pt, what was said and done and what could not be
done with why; hostile text printed as typed; nothing to print is refused."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

from cscoach.model import actions_edit as ae
from cscoach.model import demo
from cscoach.model import feedback_themes as th
from cscoach.model.action_loop import WallItem, YouSaidWeDid
from cscoach.model.actions import Source
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing import you_said_we_did as ysw
from cscoach.printing.base import stacked_height
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


def _tried_in_full(info: ysw.DocumentInfo, wall_: YouSaidWeDid) -> tuple[float, int, bool]:
    """The page's choice as the first version made it: every line cap, count and size in
    turn, each measured afresh, the first that fits kept."""
    width, height = ysw._room(info)
    heading = ysw._heading(info, width)
    room = height - stacked_height(heading, width) - 4
    total = len(wall_.done) + len(wall_.dropped)
    least = min(total, ysw.FEWEST_WHOLE)
    attempts = [(c, n) for c in ysw.LINE_CAPS for n in range(total, least - 1, -1)]
    attempts += [(ysw.LINE_CAPS[-1], n) for n in range(least - 1, 0, -1)]
    for caps, count in attempts:
        for size in ysw.SIZES:
            body, cut = ysw._body(wall_, count, size, caps, width)
            if stacked_height(body, width) <= room:
                pages = ysw._layout(info, [*heading, Spacer(1, 4), *body])[1]
                if pages == 1:
                    return size, count, cut
    return FLOOR, 0, True


def _wall(
    done: int, dropped: int, words: int, said: str = "What our figures showed"
) -> YouSaidWeDid:
    def item(n: int) -> WallItem:
        return WallItem(
            said if n % 3 else "",  # every third with nothing said above it
            f"Action {n}: " + "a change we made for the regulars " * (words // 7 + n % 2),
            "what came of it, told plainly " * (words // 6),
        )

    return YouSaidWeDid(
        "Café",
        "2026-05-22",
        tuple(item(n) for n in range(done)),
        tuple(item(100 + n) for n in range(dropped)),
        0,
    )


@pytest.mark.parametrize(
    ("done", "dropped", "words"),
    [(2, 1, 5), (6, 2, 8), (6, 2, 16), (8, 0, 30), (1, 0, 200)],
)
def test_the_quick_search_chooses_what_trying_everything_chooses(
    done: int, dropped: int, words: int
) -> None:
    """Items are cut to fit once and measured again, and what does not fit at the floor is
    tried no further: the page must still come out as trying every choice made it."""
    info = ysw.DocumentInfo(ysw.TITLE, "Café")
    wall_ = _wall(done, dropped, words)
    result = ysw.you_said_we_did_document(info, wall_)
    assert (result.font_size, result.shown, result.shortened) == _tried_in_full(info, wall_)


def test_a_done_and_a_dropped_action_of_one_title_keep_their_marks() -> None:
    """The same text done and dropped: each is drawn with its own mark (✓, ✗) although the
    search measures their paragraphs once."""
    same = WallItem("You asked", "Open at seven", "")
    info = ysw.DocumentInfo(ysw.TITLE, "Café")
    result = ysw.you_said_we_did_document(info, YouSaidWeDid("Café", "", (same,), (same,), 0))
    page = PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    assert page.count("✓") == 1 and page.count("✗") == 1
