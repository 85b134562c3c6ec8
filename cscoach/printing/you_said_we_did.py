"""“You said, we did”: one page for the break-room wall, read from two metres.

What the team and customers told us and what we changed (the shared actions done lately),
then what we could not do and why (the shared actions dropped): saying so is what keeps
people telling us. Big type — never below 28 pt — and no office furniture: no running
header, no date line, no "Page 1 of 1".

The page is always one page. The type starts large and shrinks towards 28 pt; when even
28 pt does not hold everything, each line is kept shorter (cut with "…") before anything is
left out, and what had to be cut or left out is reported back.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer

from cscoach.model.action_loop import WallItem, YouSaidWeDid
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    INK,
    MUTED,
    DocumentInfo,
    EmbeddedFontCanvas,
    Paragraph,
    check_cancelled,
    document_metadata,
    fitted,
    page_size,
    register_fonts,
    stacked_height,
    styles,
    text,
)

TITLE = "You said, we did"
FLOOR = 28  # points: the body is never smaller (read from two metres)
FEWEST_WHOLE = 3  # fewer items are shown before their lines are cut short
SIZES = (40, 36, 32, 30, FLOOR)
# The most lines each part of an item may take, most generous first: what was said, what
# was done (or could not be), what came of it (or why not). 0: left out.
LINE_CAPS = (
    (3, 3, 3),
    (2, 3, 3),
    (2, 3, 2),
    (2, 2, 3),
    (2, 2, 2),
    (1, 2, 2),
    (1, 2, 1),
    (1, 1, 1),
    (1, 1, 0),
)
WALL_MARGIN = 12 * mm  # no header or footer to leave room for
LEADING = 1.14


@dataclass(frozen=True)
class WallResult:
    pdf: bytes
    font_size: float
    shown: int  # items on the page
    shortened: bool  # some lines were cut short to fit ("…")


def _heading(info: DocumentInfo, width: float) -> list[Flowable]:
    base = styles()["body"]
    business = ParagraphStyle(
        "wb",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=22,
        leading=27,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    title = ParagraphStyle(
        "wt",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=44,
        leading=50,
        alignment=TA_CENTER,
        spaceAfter=6,
    )
    parts: list[Flowable] = []
    if info.business:
        parts.append(fitted(info.business, business, width, 2 * business.leading, 18)[0])
    parts.append(Paragraph(text(info.title), title))
    return parts


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = styles()["body"]
    leading = size * LEADING
    return {
        "section": ParagraphStyle(
            "ws",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=size * 1.05,
            leading=size * 1.05 * LEADING,
            textColor=ACCENT,
            spaceBefore=size * 0.7,
            spaceAfter=size * 0.15,
            keepWithNext=1,
        ),
        "said": ParagraphStyle(
            "wsaid",
            parent=base,
            fontName=FONT_ITALIC,
            fontSize=size,
            leading=leading,
            textColor=MUTED,
            spaceBefore=size * 0.45,
        ),
        "did": ParagraphStyle(
            "wdid",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=size,
            leading=leading,
            textColor=INK,
            leftIndent=size * 1.2,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            bulletFontSize=size,
        ),
        "outcome": ParagraphStyle(
            "wout",
            parent=base,
            fontName=FONT,
            fontSize=size,
            leading=leading,
            textColor=INK,
            leftIndent=size * 1.2,
        ),
    }


Fit = Callable[[str, ParagraphStyle, float, int], tuple[Paragraph, bool]]


def _capped(value: str, style: ParagraphStyle, width: float, lines: int) -> tuple[Paragraph, bool]:
    """``value`` in at most ``lines`` lines at the style's size, cut with "…" past them."""
    return fitted(value, style, width, lines * style.leading + 0.5, style.fontSize)


def _capped_once() -> Fit:
    """``_capped``, remembering what it made. Finding the page's size and line caps tries
    the same text in the same room many times (the large workbook: 150 tries, each cutting
    up to 24 texts, most of them cut before), and cutting a text to fit takes a dozen
    measurements. What it makes is for measuring only: a paragraph is not laid out twice."""
    made: dict[tuple[str, str, float, float, int], tuple[Paragraph, bool]] = {}

    def fit(value: str, style: ParagraphStyle, width: float, lines: int) -> tuple[Paragraph, bool]:
        key = (value, style.name, style.fontSize, width, lines)
        if key not in made:
            made[key] = _capped(value, style, width, lines)
        return made[key]

    return fit


def _item(
    item: WallItem,
    done: bool,
    st: dict[str, ParagraphStyle],
    width: float,
    caps: tuple[int, ...],
    fit: Fit = _capped,
) -> tuple[Flowable, bool]:
    said_lines, did_lines, outcome_lines = caps
    parts: list[Flowable] = []
    cut = False
    first = True
    if item.said:
        paragraph, shortened = fit(item.said, st["said"], width, said_lines)
        parts.append(paragraph)
        cut |= shortened
        first = False
    bullet = "✓" if done else "✗"
    # The mark in the style's name, so a paragraph ``fit`` remembers for a done action is
    # never handed to a dropped one of the same title (and given the other mark).
    did_style = ParagraphStyle(f"wdid{bullet}", parent=st["did"])
    if first:  # nothing said above it: the space goes before the action instead
        did_style = ParagraphStyle(
            f"wdid1{bullet}", parent=did_style, spaceBefore=st["said"].spaceBefore
        )
    indent = did_style.leftIndent
    did, shortened = fit(item.did, did_style, width - indent, did_lines)
    did.bulletText = bullet
    parts.append(did)
    cut |= shortened
    if item.outcome and outcome_lines:
        paragraph, shortened = fit(item.outcome, st["outcome"], width - indent, outcome_lines)
        parts.append(paragraph)
        cut |= shortened
    elif item.outcome:
        cut = True
    return KeepTogether(parts), cut


def _body(
    wall: YouSaidWeDid,
    count: int,
    size: float,
    caps: tuple[int, ...],
    width: float,
    fit: Fit = _capped,
) -> tuple[list[Flowable], bool]:
    st = _styles(size)
    story: list[Flowable] = []
    cut = False
    # Of fewer than all, a third at most are what could not be done (at least one).
    dropped = (
        list(wall.dropped[: max(1, count // 3)])
        if count < len(wall.done) + len(wall.dropped)
        else list(wall.dropped)
    )
    done = list(wall.done[: count - len(dropped)])  # the newest
    dropped = list(wall.dropped[: count - len(done)])
    if done:
        story.append(Paragraph(text("What we changed"), st["section"]))
        for item in done:
            flowable, shortened = _item(item, True, st, width, caps, fit)
            story.append(flowable)
            cut |= shortened
    if dropped:
        story.append(Paragraph(text("What we could not do"), st["section"]))
        for item in dropped:
            flowable, shortened = _item(item, False, st, width, caps, fit)
            story.append(flowable)
            cut |= shortened
    return story, cut


def _layout(info: DocumentInfo, story: Sequence[Flowable]) -> tuple[bytes, int]:
    """The PDF and its number of pages (the caller keeps only a one-page one)."""
    register_fonts()
    check_cancelled()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=page_size(info),
        leftMargin=WALL_MARGIN,
        rightMargin=WALL_MARGIN,
        topMargin=WALL_MARGIN,
        bottomMargin=WALL_MARGIN,
        **document_metadata(info),
    )
    pages: list[int] = []

    def count(canvas: Any, _doc: Any) -> None:
        pages.append(canvas.getPageNumber())

    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="wall")
    doc.addPageTemplates([PageTemplate(id="wall", frames=[frame], onPage=count)])
    doc.build(list(story), canvasmaker=EmbeddedFontCanvas)
    return out.getvalue(), len(pages)


def _room(info: DocumentInfo) -> tuple[float, float]:
    width, height = page_size(info)
    return width - 2 * WALL_MARGIN - 12, height - 2 * WALL_MARGIN - 12  # a Frame's padding


def you_said_we_did_document(info: DocumentInfo, wall: YouSaidWeDid) -> WallResult:
    """The one page. ``wall`` must hold at least one item (``YouSaidWeDid.empty`` is
    refused before printing)."""
    width, height = _room(info)
    heading = _heading(info, width)
    room = height - stacked_height(heading, width) - 4  # 4: reportlab's rounding
    total = len(wall.done) + len(wall.dropped)
    least = min(total, FEWEST_WHOLE)
    # Whole lines for as many as fit (down to FEWEST_WHOLE), then shorter lines, and only
    # then fewer than FEWEST_WHOLE.
    attempts = [(caps, count) for caps in LINE_CAPS for count in range(total, least - 1, -1)]
    attempts += [(LINE_CAPS[-1], count) for count in range(least - 1, 0, -1)]
    measured = _capped_once()

    def fits(caps: tuple[int, ...], count: int, size: float) -> bool:
        body, _ = _body(wall, count, size, caps, width, measured)
        return stacked_height(body, width) <= room

    for caps, count in attempts:
        # Smaller type never makes an item taller: what does not fit at the floor does not
        # fit at any size, and is tried no further (most tries end here, at one measure).
        if not count or not fits(caps, count, FLOOR):
            continue
        for size in SIZES:
            if size != FLOOR and not fits(caps, count, size):
                continue
            body, cut = _body(wall, count, size, caps, width)  # made afresh to lay out
            pdf, pages = _layout(info, [*heading, Spacer(1, 4), *body])
            if pages == 1:
                return WallResult(pdf, size, count, cut)
    return WallResult(_layout(info, heading)[0], FLOOR, 0, True)
