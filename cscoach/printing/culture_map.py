"""The culture map: each core value with what serves it, the gaps, and what customers said
of its standards over the last year.

On one landscape page when it fits: a table whose type shrinks to 7 pt, then gets denser. A
map too big for that becomes a document with a section per value
(``cscoach.printing.culture_map_sections``)."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, TableStyle

from cscoach.model.culture_map import FEEDBACK_WITHIN_MONTHS, CultureMap, Link, ValueRow
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    frame_size,
    layout,
    para,
    register_fonts,
    stacked_height,
    styles,
    text,
)
from cscoach.printing.culture_map_sections import WARN, sections_document

SIZES = (11, 10, 9, 8.5, 8, 7.5, 7)  # largest first; the map always fits one page


def _names(links: tuple[Link, ...], style: ParagraphStyle, compact: bool) -> list[Paragraph]:
    if not links:
        return [Paragraph("—", style)]
    if compact:
        names = [
            text(x.name) + ("" if x.measured else " <i>(no recent figures)</i>") for x in links
        ]
        return [Paragraph("; ".join(names), style)]
    bullet = ParagraphStyle("bullet", parent=style, leftIndent=style.fontSize, bulletIndent=0)
    return [
        Paragraph(
            text(link.name) + ("" if link.measured else " <i>(no recent figures)</i>"),
            bullet,
            bulletText="•",
        )
        for link in links
    ]


def _said(row: ValueRow, style: ParagraphStyle, compact: bool) -> list[Paragraph]:
    """The compliments and complaints naming the value's standards ("—" without any)."""
    counts = [
        f"{len(ids)} {word}{'' if len(ids) == 1 else 's'}"
        for ids, word in ((row.praise, "compliment"), (row.complaints, "complaint"))
        if ids
    ]
    if not row.standards:
        counts = ["—"]
    elif not counts:
        counts = ["None"]
    if compact:
        return [Paragraph("; ".join(counts), style)]
    return [Paragraph(c, style) for c in counts]


def _story(info: DocumentInfo, cmap: CultureMap, size: float, compact: bool) -> list[Flowable]:
    """At ``compact``, values lose their meaning lines and links run on in one paragraph."""
    base = styles()["body"]
    cell = ParagraphStyle("cell", parent=base, fontSize=size, leading=size * 1.3)
    name = ParagraphStyle(
        "name",
        parent=cell,
        fontName=FONT_BOLD,
        textColor=ACCENT,
        fontSize=size * 1.1,
        leading=size * 1.4,
    )
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD, textColor=MUTED)
    gap = ParagraphStyle("gap", parent=cell, fontName=FONT_BOLD, textColor=WARN)
    heading: list[Flowable] = (
        [Paragraph(f"<b>{text(info.title)}</b> · {text(info.business)}", name)]
        if compact
        else [para(info.title, "title"), para(info.business, "subtitle")]
    )
    story: list[Flowable] = [
        *heading,
        Paragraph(
            "Each core value with the standards, hiring criteria and KPIs that serve it. "
            "⚠ marks a gap: a value that nothing of that kind serves yet. Customers said: "
            f"the compliments and complaints of the last {FEEDBACK_WITHIN_MONTHS} months "
            "naming one of the value's standards.",
            ParagraphStyle("intro", parent=cell, textColor=MUTED),
        ),
        Spacer(0, 3 * mm),
    ]
    if not cmap.values:
        story.append(para("No core values yet: write them on the Philosophy page first."))
    else:
        rows: list[list[Paragraph | list[Paragraph]]] = [
            [
                Paragraph(h, head)
                for h in ("Value", "Standards", "Hiring criteria", "KPIs", "Customers said")
            ]
        ]
        for row in cmap.values:
            first = [Paragraph(text(row.name), name)]
            if row.meaning and not compact:
                first.append(Paragraph(text(row.meaning), cell))
            if row.gaps:
                first.append(Paragraph("⚠ Gap: " + text(", ".join(row.gaps)), gap))
            rows.append(
                [
                    first,
                    _names(row.standards, cell, compact),
                    _names(row.criteria, cell, compact),
                    _names(row.kpis, cell, compact),
                    _said(row, cell, compact),
                ]
            )
        widths = (
            ["20%", "40%", "15%", "13%", "12%"] if compact else ["22%", "30%", "19%", "16%", "13%"]
        )
        # splitInRow: a meaning longer than a page would not fit otherwise (LayoutError);
        # the smaller and compact layouts then bring it back to one page
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
    loose = [
        ("Standards", cmap.unanchored_standards),
        ("Hiring criteria", cmap.unanchored_criteria),
    ]
    if any(links for _, links in loose):
        story.append(Spacer(0, 4 * mm))
        story.append(Paragraph("Not linked to any value", name))
        for label, links in loose:
            if links:
                story.append(
                    Paragraph(f"<b>{label}:</b> " + text("; ".join(x.name for x in links)), cell)
                )
    return story


def culture_map_document(info: DocumentInfo, cmap: CultureMap) -> bytes:
    """One landscape page when the map fits one: the type shrinks, then the layout gets
    denser, until it does. Each candidate is measured (its flowables wrapped, no page
    drawn) to choose the largest that fits; only that one is laid out.

    A map that fits no page at 7 pt, even dense, gets a section per value
    (``sections_document``)."""
    width, height = frame_size(info)
    if _surely_too_big(cmap, width, height):
        return sections_document(info, cmap)
    candidates = [(compact, size) for compact in (False, True) for size in SIZES]

    def fits(n: int) -> bool:
        compact, size = candidates[n]
        return stacked_height(_story(info, cmap, size, compact), width) <= height

    chosen = _largest_fitting(len(SIZES), fits)
    if chosen is None:
        found = _largest_fitting(len(SIZES), lambda n: fits(len(SIZES) + n))
        if found is None:
            return sections_document(info, cmap)
        chosen = len(SIZES) + found
    for compact, size in candidates[chosen:]:  # the measure is close; the layout decides
        pdf, pages = layout(info, _story(info, cmap, size, compact))
        if pages == 1:
            return pdf
    return sections_document(info, cmap)


def _surely_too_big(cmap: CultureMap, width: float, height: float) -> bool:
    """Whether the densest one-page table certainly runs over its page, known without
    breaking a line: its standards column alone needs at least as many lines as the width
    of the value's standards, end to end, is of that column's width (a large workbook's
    map skips the measuring it would fail)."""
    register_fonts()
    size = SIZES[-1]
    column = width * 0.4 - 12  # the compact table's standards column, inside its padding
    lines = 0.0
    for row in cmap.values:
        names = "; ".join(x.name for x in row.standards)
        lines += stringWidth(names, FONT, size) / (column + stringWidth(" ", FONT, size))
    return lines * size * 1.3 > height * 1.05


def _largest_fitting(count: int, fits: Callable[[int], bool]) -> int | None:
    """The first of ``count`` candidates (largest type first) that fits, by bisection;
    None when even the last does not."""
    if not fits(count - 1):
        return None
    low, high = 0, count - 1  # high fits; none before low does
    while low < high:
        mid = (low + high) // 2
        if fits(mid):
            high = mid
        else:
            low = mid + 1
    return high
