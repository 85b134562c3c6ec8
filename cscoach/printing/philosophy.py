""" "Our customer service philosophy": a document to frame or hand to a new hire."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer

from cscoach.model.philosophy import VersionContent
from cscoach.printing.base import (
    ACCENT,
    FONT_BOLD,
    MUTED,
    RULE,
    DocumentInfo,
    Paragraph,
    build_pdf,
    long_date,
    para,
    styles,
    text,
)

TITLE = "Our customer service philosophy"


def _style(name: str, **kwargs: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()["body"], **kwargs)


def philosophy_document(info: DocumentInfo, content: VersionContent) -> bytes:
    s = styles()
    cover_title = _style(
        "cover", fontName=FONT_BOLD, fontSize=26, leading=32, alignment=TA_CENTER, spaceAfter=6
    )
    business = _style("business", fontSize=15, leading=20, alignment=TA_CENTER, textColor=ACCENT)
    stamp = _style("stamp", fontSize=9.5, leading=13, alignment=TA_CENTER, textColor=MUTED)
    value_name = _style("value", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=ACCENT)
    value_meaning = _style("meaning", leftIndent=0, spaceAfter=8)
    body = _style("section", fontSize=11, leading=16, spaceAfter=4)

    if content.version is None:
        when = "DRAFT — not yet published"
    else:
        v = content.version
        when = f"Version {v.number} · published {long_date(v.published_on)}"
        if v.note:
            when += f" · {v.note}"
    story: list[Flowable] = [
        Spacer(0, 6 * mm),
        Paragraph(text(TITLE), cover_title),
    ]
    if info.business:
        story.append(Paragraph(text(info.business), business))
    story += [
        Spacer(0, 2 * mm),
        Paragraph(text(when), stamp),
        Spacer(0, 4 * mm),
        HRFlowable(width="30%", color=RULE, thickness=0.8, hAlign="CENTER"),
        Spacer(0, 4 * mm),
    ]
    if content.values:
        story.append(para("Our core values", "h1"))
        for name, meaning in content.values:
            block: list[Flowable] = [Paragraph(text(name), value_name)]
            if meaning.strip():
                block.append(Paragraph(text(meaning), value_meaning))
            else:
                block.append(Spacer(0, 3 * mm))
            story.append(KeepTogether(block))
    written = [(title, b) for title, b in content.sections if b.strip()]
    for title, section_body in written:
        story.append(para(title, "h1"))
        story.append(Paragraph(text(section_body), body))
    if not content.values and not written:
        story.append(
            Paragraph(
                "Nothing has been written yet. Fill in the sections on the Philosophy page.",
                s["body"],
            )
        )
    return build_pdf(info, story)
