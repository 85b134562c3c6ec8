"""What every CS Coach document shares: page size, the Unicode font, the type scale, user
text escaped so it prints exactly as typed, and the running header and footer (business
name, title, date, "Page X of Y")."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from cscoach.model.dates import long_date
from cscoach.printing.info import DocumentInfo

PAGE_SIZES = {"a4": A4, "letter": LETTER}
FONT = "CSCoachSans"
FONT_BOLD = "CSCoachSans-Bold"
FONT_ITALIC = "CSCoachSans-Oblique"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#9aa5b1")
ACCENT = colors.HexColor("#2f6f73")
MARGIN = 18 * mm


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (shipped inside matplotlib) so accents, Cyrillic and Greek
    print. Characters it lacks print as a box rather than failing."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec and spec.origin, "matplotlib is a dependency of CS Coach"
    folder = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT + "-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT + "-BoldOblique"
    )


def text(value: str | None) -> str:
    """User text as Paragraph markup that prints exactly what was typed."""
    return escape(value or "").replace("\r\n", "\n").replace("\n", "<br/>")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The one type scale every document uses."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, textColor=INK)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=22, leading=27, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=12, leading=16, textColor=MUTED, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=6,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "label": ParagraphStyle(
            "label", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12, textColor=MUTED
        ),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=10, spaceBefore=2, spaceAfter=5),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
    }


def para(value: str | None, style: str = "body") -> Paragraph:
    """A paragraph of user text, escaped."""
    return Paragraph(text(value), styles()[style])


def markup(value: str, style: str = "body") -> Paragraph:
    """A paragraph of the program's own markup (never user text)."""
    return Paragraph(value, styles()[style])


class _NumberedCanvas(pdfcanvas.Canvas):
    """Draws "Page X of Y" once the number of pages is known."""

    def __init__(self, *args, info: DocumentInfo, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _draw_frame_text(self, self._info, self._pageNumber, total)
            super().showPage()
        super().save()


def _draw_frame_text(c: pdfcanvas.Canvas, info: DocumentInfo, page: int, total: int) -> None:
    width, height = c._pagesize
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, height - MARGIN + 4 * mm, width - MARGIN, height - MARGIN + 4 * mm)
    c.line(MARGIN, MARGIN - 5 * mm, width - MARGIN, MARGIN - 5 * mm)
    c.setFillColor(MUTED)
    c.setFont(FONT, 8.5)
    top = height - MARGIN + 6 * mm
    c.drawString(MARGIN, top, _fit(c, info.business or "", (width - 2 * MARGIN) * 0.48))
    c.drawRightString(width - MARGIN, top, _fit(c, info.title, (width - 2 * MARGIN) * 0.48))
    bottom = MARGIN - 9 * mm
    printed = info.printed_on or dt.date.today()
    left = f"Printed {long_date(printed)}"
    if info.footer_note:
        left += f" · {info.footer_note}"
    c.drawString(MARGIN, bottom, _fit(c, left, (width - 2 * MARGIN) * 0.8))
    c.drawRightString(width - MARGIN, bottom, f"Page {page} of {total}")
    c.restoreState()


def _fit(c: pdfcanvas.Canvas, value: str, width: float) -> str:
    """Shorten a header string with an ellipsis so it never runs into its neighbour."""
    value = " ".join(value.split())
    if c.stringWidth(value, FONT, 8.5) <= width:
        return value
    while value and c.stringWidth(value + "…", FONT, 8.5) > width:
        value = value[:-1]
    return value + "…"


def build_pdf(info: DocumentInfo, story: Sequence[Flowable], *, columns: int = 1) -> bytes:
    """Lay out ``story`` on pages of ``info.page_size`` and return the PDF bytes.

    The output is byte-identical for the same input (``invariant``), so tests can compare.
    """
    return layout(info, story, columns=columns)[0]


def layout(
    info: DocumentInfo, story: Sequence[Flowable], *, columns: int = 1, heading: float = 0
) -> tuple[bytes, int]:
    """The PDF bytes and how many pages they take.

    ``columns`` frames stand side by side on each page; with ``heading`` > 0 a full-width
    frame that tall sits above them (end the heading with a ``FrameBreak`` in the story).
    """
    register_fonts()
    pagesize = PAGE_SIZES.get(info.page_size, A4)
    if info.landscape:
        pagesize = (pagesize[1], pagesize[0])
    if not story:
        raise ValueError("a document needs content")  # reportlab would write 0 pages
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=f"{info.title} — {info.business}" if info.business else info.title,
        author=info.business,
        creator="CS Coach",
        invariant=1,
    )
    gap = 8 * mm
    width = (doc.width - gap * (columns - 1)) / columns
    body_height = doc.height - heading
    frames = (
        [Frame(doc.leftMargin, doc.bottomMargin + body_height, doc.width, heading, id="heading")]
        if heading
        else []
    )
    frames += [
        Frame(doc.leftMargin + n * (width + gap), doc.bottomMargin, width, body_height)
        for n in range(columns)
    ]
    doc.addPageTemplates([PageTemplate(id="page", frames=frames)])
    canvases: list[_NumberedCanvas] = []

    def make_canvas(*args, **kwargs):
        canvases.append(_NumberedCanvas(*args, info=info, **kwargs))
        return canvases[-1]

    doc.build(list(story), canvasmaker=make_canvas)
    return out.getvalue(), canvases[-1].page_count


def title_block(info: DocumentInfo) -> list[Flowable]:
    """The document's title and the business name beneath it."""
    block: list[Flowable] = [para(info.title, "title")]
    lines = [info.business] if info.business else []
    if info.subtitle:
        lines.append(info.subtitle)
    if lines:
        block.append(para("\n".join(lines), "subtitle"))
    return block
