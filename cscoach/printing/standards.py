"""The break-room poster, the standards handbook and the sign-off sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cscoach.model.dates import long_date
from cscoach.model.standards import Standard
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    INK,
    MARGIN,
    MUTED,
    PAGE_SIZES,
    RULE,
    DocumentInfo,
    build_pdf,
    layout,
    markup,
    para,
    styles,
    text,
)

POSTER_SIZES = (
    30,
    28,
    26,
    24,
    22,
    20,
    19,
    18,
    17,
    16,
    15,
    14,
)  # points, largest first; 14 is the floor
POSTER_TWO_COLUMNS_FROM = 11  # standards on the poster


@dataclass(frozen=True)
class PosterResult:
    pdf: bytes
    font_size: float
    shown: int
    not_fitted: int  # standards marked for the poster that did not fit, even at the floor


def _poster_story(
    info: DocumentInfo, message: str, items: Sequence[Standard], size: float, missing: int
) -> tuple[list[Flowable], list[Flowable]]:
    """The poster's heading and its body at type size ``size``."""
    base = styles()["body"]
    business = ParagraphStyle(
        "pb",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=max(16, size),
        leading=max(16, size) * 1.2,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    title = ParagraphStyle(
        "pt",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=min(size * 1.9, 44),
        leading=min(size * 1.9, 44) * 1.15,
        alignment=TA_CENTER,
        spaceAfter=size * 0.3,
    )
    subtitle = ParagraphStyle(
        "ps",
        parent=base,
        fontName=FONT_ITALIC,
        fontSize=size * 1.05,
        leading=size * 1.35,
        alignment=TA_CENTER,
        textColor=MUTED,
        spaceAfter=size * 0.6,
    )
    category = ParagraphStyle(
        "pc",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=size * 1.1,
        leading=size * 1.35,
        textColor=ACCENT,
        spaceBefore=size * 0.7,
        spaceAfter=size * 0.2,
        keepWithNext=1,
    )
    item = ParagraphStyle(
        "pi",
        parent=base,
        fontName=FONT,
        fontSize=size,
        leading=size * 1.28,
        leftIndent=size * 1.3,
        bulletIndent=0,
        bulletFontName=FONT_BOLD,
        bulletFontSize=size,
        spaceAfter=size * 0.3,
        textColor=INK,
    )
    header: list[Flowable] = []
    if info.business:
        header.append(Paragraph(text(info.business), business))
    header.append(Paragraph(text(info.title), title))
    if message:
        header.append(Paragraph(text(message), subtitle))
    body: list[Flowable] = []
    for name, group in groupby(items, key=lambda s: s.category):
        body.append(Paragraph(text(name), category))
        for s in group:
            body.append(Paragraph(text(s.title), item, bulletText="✓"))
    if missing:
        body.append(
            Paragraph(
                f"+ {missing} more standard{'s' if missing != 1 else ''} in our standards handbook",
                ParagraphStyle("pm", parent=item, fontName=FONT_ITALIC, textColor=MUTED),
            )
        )
    if not items:
        body.append(
            Paragraph(
                "No standards are marked for the poster yet.",
                ParagraphStyle("pe", parent=item, alignment=TA_CENTER, leftIndent=0),
            )
        )
    return header, body


def poster(info: DocumentInfo, message: str, items: Sequence[Standard]) -> PosterResult:
    """Exactly one page. The type shrinks towards the 14 pt floor until everything fits;
    below that, the standards that do not fit are counted, never silently dropped."""
    columns = 2 if len(items) >= POSTER_TWO_COLUMNS_FROM else 1

    def attempt(size: float, count: int) -> tuple[bytes, int]:
        missing = len(items) - count
        header, body = _poster_story(info, message, items[:count], size, missing)
        if columns == 1:
            return layout(info, [*header, *body])
        width = PAGE_SIZES.get(info.page_size, PAGE_SIZES["a4"])[0] - 2 * MARGIN
        height = sum(f.wrap(width, 10_000)[1] + f.getSpaceAfter() for f in header)
        return layout(info, [*header, FrameBreak(), *body], columns=2, heading=height + 14)

    for size in POSTER_SIZES:
        pdf, pages = attempt(size, len(items))
        if pages == 1:
            return PosterResult(pdf, size, len(items), 0)
    floor = POSTER_SIZES[-1]
    low, high = 0, len(items)  # the largest count that fits on one page
    best = attempt(floor, 0)[0]
    while low < high:
        mid = (low + high + 1) // 2
        pdf, pages = attempt(floor, mid)
        if pages == 1:
            low, best = mid, pdf
        else:
            high = mid - 1
    return PosterResult(best, floor, low, len(items) - low)


# -- the handbook ---------------------------------------------------------------


def handbook(info: DocumentInfo, items: Sequence[Standard], today: dt.date) -> bytes:
    s = styles()
    cover_title = ParagraphStyle(
        "ct", parent=s["title"], fontSize=30, leading=36, alignment=TA_CENTER
    )
    centre = ParagraphStyle("cc", parent=s["subtitle"], alignment=TA_CENTER)
    story: list[Flowable] = [
        Spacer(0, 50 * mm),
        Paragraph(text(info.title), cover_title),
        Paragraph(
            text(info.business),
            ParagraphStyle("cb", parent=centre, fontSize=16, leading=21, textColor=ACCENT),
        ),
        Spacer(0, 6 * mm),
        Paragraph(text(f"{len(items)} standards · {long_date(today)}"), centre),
    ]
    if info.footer_note:
        story.append(Paragraph(text(info.footer_note), centre))
    story.append(PageBreak())
    story.append(para("Contents", "h1"))
    for name, group in groupby(items, key=lambda x: x.category):
        group = list(group)
        story.append(para(f"{name} ({len(group)})", "h2"))
        for n, item in enumerate(group, start=1):
            story.append(para(f"{n}. {item.title}", "quote"))
    if not items:
        story.append(para("There are no active standards yet."))
    for name, group in groupby(items, key=lambda x: x.category):
        story.append(CondPageBreak(60 * mm))
        story.append(para(name, "h1"))
        for item in group:
            months = f"{item.review_months} month{'s' if item.review_months != 1 else ''}"
            last = long_date(item.last_reviewed) if item.last_reviewed else "never"
            due = long_date(item.next_review()) + (" (OVERDUE)" if item.overdue(today) else "")
            lines = [
                [
                    ("Serves", ", ".join(item.values) or "—"),
                    ("Measured by", item.kpi or "—"),
                    ("Owner", item.owner or "—"),
                ],
                [("Review every", months), ("Last reviewed", last), ("Next review", due)],
            ]
            facts = [
                markup(" · ".join(f"<b>{k}:</b> {text(v)}" for k, v in line), "small")
                for line in lines
            ]
            block: list[Flowable] = [para(item.title, "h2")]
            if item.detail:
                block.append(para(item.detail))
            block += [Spacer(0, 1.5 * mm), *facts, Spacer(0, 3 * mm)]
            story.append(KeepTogether(block))
    return build_pdf(info, story)


# -- the sign-off sheet ---------------------------------------------------------


def signoff(info: DocumentInfo, people: Sequence[tuple[str, str]], extra_rows: int = 3) -> bytes:
    s = styles()
    story: list[Flowable] = [
        para(info.title, "title"),
        para(info.business, "subtitle"),
    ]
    if info.footer_note:
        story.append(para(f"Standards handbook: {info.footer_note}", "small"))
    story += [
        Spacer(0, 4 * mm),
        para(
            "By signing, I confirm that I have read our service standards handbook, that I "
            "understand what each standard asks of me, and that I will follow it."
        ),
        Spacer(0, 6 * mm),
    ]
    header = [Paragraph(text(h), s["label"]) for h in ("Name", "Role", "Signature", "Date")]
    rows = [[para(name), para(role), "", ""] for name, role in people]
    rows += [["", "", "", ""] for _ in range(extra_rows)]
    table = Table(
        [header, *rows],
        colWidths=["28%", "20%", "34%", "18%"],
        rowHeights=[8 * mm] + [13 * mm] * len(rows),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.6, RULE),
                ("LINEBEFORE", (2, 1), (3, -1), 0.6, RULE),
            ]
        )
    )
    story.append(table)
    return build_pdf(info, story)


def with_title(info: DocumentInfo, title: str) -> DocumentInfo:
    return replace(info, title=title)
