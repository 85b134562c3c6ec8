"""The story of the month: one page for the break-room wall, read from two metres.

Who it is about in big type, the value they showed, and what happened — celebrating what
was done, never ranking anyone. No office furniture: no running header, no date line, no
"Page 1 of 1". Each featured story is a page of its own. What happened starts at 40 pt and
shrinks towards 28 pt; past that it is cut short with "…" (and the owner is told).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer

from cscoach.model.dates import long_date
from cscoach.model.stories import Story
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    MUTED,
    DocumentInfo,
    Paragraph,
    fitted,
    frame_size,
    layout,
    stacked_height,
    styles,
    text,
)

TITLE = "Story of the month"
FLOOR = 28  # points: what happened is never smaller
START = 40
LEADING = 1.18


@dataclass(frozen=True)
class WallStory:
    """One story as the wall shows it (plain data)."""

    people: str  # "Aiko Tanaka and Liam O'Connor"
    value: str  # "" when none was chosen
    what_happened: str
    when: str  # "3 November 2026"


def wall_story(story: Story) -> WallStory:
    return WallStory(
        story.members_label, story.value_label, story.what_happened, long_date(story.happened_on)
    )


@dataclass(frozen=True)
class StoryResult:
    pdf: bytes
    pages: int
    shortened: bool  # what happened was cut short on some page


def _style(name: str, size: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        parent=styles()["body"],
        fontSize=size,
        leading=size * LEADING,
        alignment=TA_CENTER,
        **kw,
    )


def _page(info: DocumentInfo, month: str, story: WallStory) -> tuple[list[Flowable], bool]:
    width, height = frame_size(info, wall=True)
    kicker = _style("sk", 22, fontName=FONT_BOLD, textColor=ACCENT)
    title = _style("stt", 44, fontName=FONT_BOLD)
    label = _style("sl", 28, fontName=FONT, textColor=MUTED)
    parts: list[Flowable] = []
    if info.business:
        parts.append(fitted(info.business, kicker, width, 2 * kicker.leading, 16)[0])
    parts.append(Paragraph(text(TITLE), title))
    parts.append(Paragraph(text(month), label))
    parts.append(Spacer(0, 22))
    who, _ = fitted(
        story.people,
        _style("sp", 52, fontName=FONT_BOLD, textColor=ACCENT),
        width,
        3 * 52 * LEADING,
        32,
    )
    parts.append(who)
    if story.value:
        parts.append(Spacer(0, 8))
        parts.append(Paragraph(text("showing our value"), _style("svl", FLOOR, textColor=MUTED)))
        value_style = _style("sv", 36, fontName=FONT_BOLD)
        shown, _ = fitted(story.value, value_style, width, 2 * value_style.leading, 28)
        parts.append(shown)
    parts.append(Spacer(0, 24))
    room = height - stacked_height(parts, width) - 2 * FLOOR * LEADING - 30
    body = _style("sb", START, fontName=FONT)
    what, cut = fitted(story.what_happened, body, width, max(room, FLOOR * LEADING), FLOOR)
    parts.append(what)
    ending = [
        Spacer(0, 18),
        Paragraph(text(story.when), _style("sw", FLOOR, textColor=MUTED)),
        Paragraph(text("Thank you!"), _style("st", 36, fontName=FONT_BOLD, textColor=ACCENT)),
    ]
    parts += ending
    spare = height - stacked_height(parts, width) - 12
    if spare > 0:  # the free room above the names and above the date, not all at the foot
        parts.insert(parts.index(who), Spacer(0, spare * 0.35))
        parts.insert(parts.index(ending[0]), Spacer(0, spare * 0.35))
    return parts, cut


def story_document(info: DocumentInfo, month: str, items: Sequence[WallStory]) -> StoryResult:
    """One page per story of ``items`` (at least one), headed by ``month`` ("December
    2026")."""
    if not items:
        raise ValueError("a story of the month needs a story")
    flowables: list[Flowable] = []
    shortened = False
    for n, item in enumerate(items):
        if n:
            flowables.append(PageBreak())
        page, cut = _page(info, month, item)
        flowables += page
        shortened |= cut
    pdf, pages = layout(info, flowables, wall=True)
    return StoryResult(pdf, pages, shortened)
