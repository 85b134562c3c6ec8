"""What every CS Coach document shares: page size, the Unicode font, the type scale, user
text escaped so it prints exactly as typed, and the running header and footer (business
name, title, date, "Page X of Y")."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import threading
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

from cscoach.model import paper
from cscoach.model.dates import long_date as long_date  # re-exported: documents date by it
from cscoach.printing.info import DocumentInfo as DocumentInfo  # re-exported: each takes one
from cscoach.printing.scripts import (
    FALLBACK,
    OutliningText,
    bold_fallback,
    draw_run,
    has_right_to_left,
    reshaped,
    right_to_left,
    runs,
    shaped,
    visual_lines,
)

PAGE_SIZES = {paper.A4: A4, paper.LETTER: LETTER}  # reportlab's sizes, by the stored name
FONT = "CSCoachSans"
FONT_BOLD = "CSCoachSans-Bold"
FONT_ITALIC = "CSCoachSans-Oblique"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#9aa5b1")
ACCENT = colors.HexColor("#2f6f73")
MARGIN = 18 * mm
WALL_MARGIN = 10 * mm  # a wall print: no running header or footer to leave room for
WALL_FOOT = 6 * mm  # the one small line at the foot of a wall print


class _MeasuredFont(TTFont):
    """A TrueType font that remembers how wide each word is at each size.

    Breaking lines measures every word of every paragraph, one character at a time in
    Python; the same words come back again and again (most of a long document's time).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(  # noqa: N802 - reportlab's name
        self, text: str, size: float, encoding: str = "utf8"
    ) -> float:
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 200_000:  # a bound for a long session of printing
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


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
        pdfmetrics.registerFont(_MeasuredFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT + "-BoldOblique"
    )
    # Compressed page streams stay binary: encoding them as ASCII (base 85) makes every
    # file a quarter larger and, in pure Python, costs a tenth of a long document's time.
    rl_config.useA85 = 0


CONTINUES = "cscoach_continues"  # see ``continues``


def continues(flowable: Flowable, heading: Callable[[], list[Flowable]]) -> Flowable:
    """Mark ``flowable`` as part of a run under a heading: when it (or a part of it split
    off) comes first on a page, ``layout`` places ``heading()`` above it (say "Question 3
    (continued)"), so no page starts without saying what it continues."""
    setattr(flowable, CONTINUES, heading)
    return flowable


class Paragraph(_Paragraph):
    """reportlab's Paragraph, remembering its line breaks for the last width.

    Breaking lines is most of the time a long document takes, and each paragraph is
    measured at least twice at the same width: by ``KeepTogether`` (or a page that tries a
    type size) and again by the frame that places it. The breaks depend only on the width.
    """

    blPara: Any  # reportlab's lines of the paragraph, set by ``wrap``  # noqa: N815
    _wrapped_at: float | None = None
    _bidi = False  # it holds right-to-left text: each line is reordered as it is drawn
    _rtl = False  # it starts with right-to-left text: its lines are flush right

    def __init__(self, value: Any, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        if isinstance(value, str) and not value.isascii() and has_right_to_left(value):
            self._bidi = True
            if right_to_left(value):
                align = TA_RIGHT if style.alignment == TA_LEFT else style.alignment
                style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=align)
                self._rtl = True
        if isinstance(value, str) and FALLBACK in value:
            value = bold_fallback(value, "Bold" in style.fontName)
        super().__init__(value, style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:  # split() drops it
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        heading = getattr(self, CONTINUES, None)
        for n, part in enumerate(parts):
            part._bidi, part._rtl = self._bidi, self._rtl
            if heading is not None and n:  # what runs on to the next page still continues
                setattr(part, CONTINUES, heading)
        return parts

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - reportlab's name
        # Lines are broken in the order the text is written, then each is drawn in the
        # order it is seen: the first words of a right-to-left paragraph on its first line.
        if not self._bidi:
            super().drawPara(debug)
            return
        written = self.blPara
        self.blPara = visual_lines(written, self._rtl)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = written

    def beginText(self, x: float, y: float) -> OutliningText:  # noqa: N802 - reportlab's
        return OutliningText(self.canv, x, y)  # the fallback font's bold, outlined


class Table(_Table):
    """reportlab's Table, drawing text put straight into a cell (a number, "", "—") in the
    embedded font rather than reportlab's default Helvetica, which is never embedded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle([("FONTNAME", (0, 0), (-1, -1), FONT)])


def text(value: str | None) -> str:
    """User text as Paragraph markup that prints exactly what was typed: Arabic joined
    (``Paragraph`` draws each line in the order it is seen), characters DejaVu Sans lacks
    (Chinese, Japanese, Korean) in the fallback font (``cscoach.printing.scripts``)."""
    value = reshaped((value or "").replace("\r\n", "\n"))  # reordered by ``Paragraph``
    if value.isascii():
        return escape(value).replace("\n", "<br/>")
    register_fonts()
    marked = []
    for segment, font in runs(value, FONT):
        segment = escape(segment).replace("\n", "<br/>")
        marked.append(segment if font == FONT else f'<font name="{font}">{segment}</font>')
    return "".join(marked)


def text_width(value: str, font: str, size: float) -> float:
    """How wide ``value`` (already ``shaped``) is drawn by ``draw_text``."""
    return float(sum(pdfmetrics.stringWidth(run, f, size) for run, f in runs(value, font)))


def draw_text(
    c: pdfcanvas.Canvas,
    x: float,
    y: float,
    value: str,
    font: str,
    size: float,
    anchor: str = "left",
) -> None:
    """Draw user text on a canvas as ``text`` would print it: shaped, each run in a font
    that has its characters. ``anchor``: where ``x`` is, "left", "right" or "centre"."""
    value = shaped(value)
    width = text_width(value, font, size)
    x -= width if anchor == "right" else width / 2 if anchor == "centre" else 0
    for run, f in runs(value, font):
        draw_run(c, x, y, run, f, size)
        x += pdfmetrics.stringWidth(run, f, size)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The one type scale every document uses."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10.5,
        leading=14.5,
        textColor=INK,
        bulletFontName=FONT,  # reportlab's default, Helvetica, is never embedded
    )
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


def fitted(
    value: str, style: ParagraphStyle, width: float, height: float, floor: float
) -> tuple[Paragraph, bool]:
    """User text as a paragraph at most ``height`` tall in ``width``: its type shrinks
    towards ``floor`` points, and past the floor the text is cut short with "…".

    Returns the paragraph and whether the text was cut (tell the owner). The size needed is
    computed from the measured height (a paragraph's height grows as its size squared)."""
    size = style.fontSize
    while True:
        fit = ParagraphStyle(
            f"{style.name}-{size:g}", parent=style, fontSize=size, leading=size * _ratio(style)
        )
        paragraph = Paragraph(text(value), fit)
        needed = paragraph.wrap(width, height)[1]
        if needed <= height:
            return paragraph, False
        if size <= floor:
            break
        size = max(floor, min(size * 0.95, size * (height / needed) ** 0.5))
    # The most characters the room could hold, even in the narrowest letters, bounds the
    # search: the measure of each guess then never wraps 20,000 characters.
    lines = height // fit.leading + 1
    value = value[: int(lines * width / (0.2 * floor)) + 1]

    def measure(start: str) -> float:
        return Paragraph(text(start), fit).wrap(width, height)[1]

    cut = _at_word(value, shorten(value, height, measure).removesuffix("…"))
    return Paragraph(text(cut + "…"), fit), True


def _ratio(style: ParagraphStyle) -> float:
    return style.leading / style.fontSize if style.fontSize else 1.2


def _at_word(value: str, start: str) -> str:
    """``start`` (a start of ``value``) cut back to its last whole word, unless that loses
    more than a third of it (one long word)."""
    if len(start) == len(value) or value[len(start)].isspace():
        return start.rstrip()
    words = start.rstrip().rsplit(None, 1)
    head = words[0].rstrip() if len(words) == 2 else ""
    return head if len(head) >= len(start) * 2 / 3 else start.rstrip()


class Cancelled(Exception):  # noqa: N818 - it is not an error
    """The document was no longer wanted (its preview was closed) while being laid out."""


_cancel_event: ContextVar[threading.Event | None] = ContextVar("print_cancel", default=None)


@contextlib.contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Documents laid out inside stop at their next page, raising ``Cancelled``, once
    ``event`` is set (by another thread: the preview that was closed)."""
    token = _cancel_event.set(event)
    try:
        yield
    finally:
        _cancel_event.reset(token)


def check_cancelled() -> None:
    event = _cancel_event.get()
    if event is not None and event.is_set():
        raise Cancelled


class EmbeddedFontCanvas(pdfcanvas.Canvas):
    """reportlab's canvas, starting every page in the embedded DejaVu Sans instead of
    Helvetica (which no PDF of ours embeds, and which a page would list as a font even
    when nothing is drawn in it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        register_fonts()
        # BaseDocTemplate passes its own initialFontName, None unless it was given one
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)


def document_metadata(info: DocumentInfo) -> dict[str, Any]:
    """What every document template is told about the file: its title, author and maker.

    The file's creation and modification dates are the moment it is made (reportlab's
    ``invariant`` mode would stamp 1 January 2000); tests fix them with the environment
    variable ``SOURCE_DATE_EPOCH``, which reportlab honours."""
    return {
        "title": f"{info.title} — {info.business}" if info.business else info.title,
        "author": info.business,
        "creator": "CS Coach",
        "invariant": 0,
    }


class _NumberedCanvas(EmbeddedFontCanvas):
    """Draws "Page X of Y" once the number of pages is known (on a wall print, only the one
    small line at its foot)."""

    def __init__(self, *args: Any, info: DocumentInfo, wall: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._wall = wall
        self._pages: list[dict[str, Any]] = []  # each page's canvas state, drawn at save()
        # Filled in as pages are laid out (``Marked``, ``PageNumberOf``), drawn at save():
        self.cscoach_anchors: dict[str, int] = {}  # key -> the page it is on
        self.cscoach_refs: list[tuple[int, str, float, float, str, float]] = []
        self.cscoach_section: str | None = None  # the running section, at the page's top
        self.cscoach_section_first: str | None = None  # the first section begun on the page
        self._section_top: str | None = None

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        check_cancelled()
        self._pages.append({**self.__dict__, "cscoach_section_top": self._section_top})
        self._section_top = self.cscoach_section
        self.cscoach_section_first = None
        self._startPage()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._wall:
                _draw_wall_foot(self, self._info)
            else:
                section = state["cscoach_section_first"] or state["cscoach_section_top"]
                _draw_frame_text(self, self._info, self._pageNumber, total, section or "")
            self._draw_page_numbers()
            super().showPage()
        super().save()

    def _draw_page_numbers(self) -> None:
        """The page numbers ``PageNumberOf`` left room for on this page."""
        for page, key, x, y, font, size in self.cscoach_refs:
            if page == self._pageNumber and key in self.cscoach_anchors:
                self.saveState()
                self.setFillColor(INK)
                self.setFont(font, size)
                self.drawRightString(x, y, str(self.cscoach_anchors[key]))
                self.restoreState()


class Marked(Paragraph):
    """A paragraph that says, when drawn, which page it is on (``key``, for the page
    numbers of a contents list), starts a running ``section`` (named in the page header),
    and adds an entry to the PDF's outline (its bookmarks) at ``outline`` level (0 or 1)."""

    def __init__(
        self,
        value: str,
        style: ParagraphStyle,
        *,
        key: str = "",
        section: str = "",
        outline: tuple[str, int] | None = None,
    ) -> None:
        super().__init__(value, style)
        self.key, self.section, self.outline = key, section, outline

    def draw(self) -> None:
        c = self.canv
        if self.key:
            if hasattr(c, "cscoach_anchors"):
                c.cscoach_anchors[self.key] = c.getPageNumber()
            if self.outline:
                c.bookmarkHorizontal(self.key, 0, self.height)
                c.addOutlineEntry(self.outline[0], self.key, level=self.outline[1])
        if self.section and hasattr(c, "cscoach_section"):
            c.cscoach_section = self.section
            c.cscoach_section_first = c.cscoach_section_first or self.section
        super().draw()


class PageNumberOf(Flowable):
    """Room for the number of the page a ``Marked`` paragraph with ``key`` is on, drawn
    right-aligned once every page is laid out (so a contents list needs one pass only)."""

    def __init__(self, key: str, size: float = 9.5, leading: float = 12) -> None:
        super().__init__()
        self.key, self.size, self.leading = key, size, leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.leading

    def draw(self) -> None:
        c = self.canv
        if hasattr(c, "cscoach_refs"):  # on the first line of a paragraph of this size beside
            x, y = c.absolutePosition(self.width, self.leading - self.size)
            c.cscoach_refs.append((c.getPageNumber(), self.key, x, y, FONT, self.size))


def _draw_frame_text(
    c: pdfcanvas.Canvas, info: DocumentInfo, page: int, total: int, section: str = ""
) -> None:
    width, height = c._pagesize
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, height - MARGIN + 4 * mm, width - MARGIN, height - MARGIN + 4 * mm)
    c.line(MARGIN, MARGIN - 5 * mm, width - MARGIN, MARGIN - 5 * mm)
    c.setFillColor(MUTED)
    c.setFont(FONT, 8.5)
    top = height - MARGIN + 6 * mm
    business = _fit(c, info.business or "", (width - 2 * MARGIN) * 0.48)
    draw_text(c, MARGIN, top, business, FONT, 8.5)
    title = f"{info.title} · {section}" if section else info.title
    title = _fit(c, title, (width - 2 * MARGIN) * 0.48)
    draw_text(c, width - MARGIN, top, title, FONT, 8.5, "right")
    c.setFont(FONT, 8.5)
    bottom = MARGIN - 9 * mm
    printed = info.printed_on or dt.date.today()
    left = f"Printed {long_date(printed)}"
    if info.footer_note:
        left += f" · {info.footer_note}"
    number = f"Page {page} of {total}"
    room = width - 2 * MARGIN - c.stringWidth(number, FONT, 8.5) - 6 * mm
    draw_text(c, MARGIN, bottom, _fit(c, left, room), FONT, 8.5)
    c.setFont(FONT, 8.5)
    c.drawRightString(width - MARGIN, bottom, number)
    c.restoreState()


def _draw_wall_foot(c: pdfcanvas.Canvas, info: DocumentInfo) -> None:
    """A wall print's only furniture: its ``footer_note`` in small type at the very foot."""
    if not info.footer_note:
        return
    width, _ = c._pagesize
    c.saveState()
    c.setFillColor(MUTED)
    c.setFont(FONT, 8.5)
    note = _fit(c, info.footer_note, width - 2 * MARGIN)
    draw_text(c, width / 2, WALL_MARGIN - 2, note, FONT, 8.5, "centre")
    c.restoreState()


def _fit(c: pdfcanvas.Canvas, value: str, width: float) -> str:
    """Shorten a header string with an ellipsis so it never runs into its neighbour."""
    value = " ".join(value.split())
    return shorten(value, width, lambda v: text_width(shaped(v), FONT, 8.5))


def shorten(value: str, width: float, measure: Callable[[str], float]) -> str:
    """``value``, or its longest start that fits ``width`` with "…" after it.

    A binary search: a name of 10,000 characters takes 14 measurements, not 10,000."""
    if measure(value) <= width:
        return value
    low, high = 0, len(value)  # the longest start that fits is at least low, below high
    while low < high - 1:
        mid = (low + high) // 2
        if measure(value[:mid].rstrip() + "…") <= width:
            low = mid
        else:
            high = mid
    return value[:low].rstrip() + "…"


def build_pdf(info: DocumentInfo, story: Sequence[Flowable], *, columns: int = 1) -> bytes:
    """Lay out ``story`` on pages of ``info.page_size`` and return the PDF bytes.

    The output is byte-identical for the same input at the same moment (``SOURCE_DATE_EPOCH``
    fixes the moment), so tests can compare.
    """
    return layout(info, story, columns=columns)[0]


GAP = 8 * mm  # between columns
FRAME_PADDING = 6  # reportlab's Frame keeps its flowables this far inside top and bottom


def page_size(info: DocumentInfo) -> tuple[float, float]:
    pagesize = PAGE_SIZES.get(info.page_size, A4)
    return (pagesize[1], pagesize[0]) if info.landscape else pagesize


def _margins(wall: bool) -> tuple[float, float, float]:
    """The side, top and bottom margins of a page (a wall print has no header or footer)."""
    if wall:
        return WALL_MARGIN, WALL_MARGIN, WALL_MARGIN + WALL_FOOT
    return MARGIN, MARGIN + 4 * mm, MARGIN


def _body_box(info: DocumentInfo, wall: bool = False) -> tuple[float, float]:
    """Width and height between the margins (the header and footer lie outside)."""
    width, height = page_size(info)
    side, top, bottom = _margins(wall)
    return width - 2 * side, height - top - bottom


def frame_size(
    info: DocumentInfo, *, columns: int = 1, heading: float = 0, wall: bool = False
) -> tuple[float, float]:
    """The room one body frame of ``layout`` gives its flowables (inside its padding); with
    one column, the width is also that of the full-width heading frame."""
    width, height = _body_box(info, wall)
    column = (width - GAP * (columns - 1)) / columns
    return column, height - heading - 2 * FRAME_PADDING


def stacked_height(flowables: Sequence[Flowable], width: float) -> float:
    """How tall ``flowables`` stand one above the other in a frame ``width`` wide, spaced
    as a reportlab Frame spaces them, without laying out a page: enough to choose a type
    size that fits before the one real layout."""
    canvas = pdfcanvas.Canvas(io.BytesIO())  # some flowables (KeepTogether) want one
    total = 0.0
    for n, flowable in enumerate(flowables):
        check_cancelled()
        if n:
            total += flowable.getSpaceBefore()
        if isinstance(flowable, KeepTogether):  # its wrap() only says "split me"
            total += stacked_height(flowable._content, width)
        else:
            total += flowable.wrapOn(canvas, width, 1e9)[1]
        if n < len(flowables) - 1:
            total += flowable.getSpaceAfter()
    return total


class _Document(BaseDocTemplate):
    """Places a ``continues`` heading above a marked flowable that comes first in a frame."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables:
            heading = getattr(flowables[0], CONTINUES, None)
            if heading is not None and self.frame._atTop:
                flowables[0:0] = heading()
        super().handle_flowable(flowables)


def layout(
    info: DocumentInfo,
    story: Sequence[Flowable],
    *,
    columns: int = 1,
    heading: float = 0,
    wall: bool = False,
) -> tuple[bytes, int]:
    """The PDF bytes and how many pages they take.

    ``columns`` frames stand side by side on each page; with ``heading`` > 0 a full-width
    frame that tall sits above them (end the heading with a ``FrameBreak`` in the story).
    A ``wall`` print (the poster) has narrow margins and no running header or footer: only
    ``info.footer_note`` in small type at its foot.
    """
    register_fonts()
    check_cancelled()
    if not story:
        raise ValueError("a document needs content")  # reportlab would write 0 pages
    out = io.BytesIO()
    side, top, bottom = _margins(wall)
    doc = _Document(
        out,
        pagesize=page_size(info),
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        **document_metadata(info),
    )
    width = (doc.width - GAP * (columns - 1)) / columns
    body_height = doc.height - heading
    frames = (
        [
            Frame(
                doc.leftMargin,
                doc.bottomMargin + body_height,
                doc.width,
                heading,
                id="heading",
                leftPadding=0,
                rightPadding=0,
            )
        ]
        if heading
        else []
    )
    frames += [
        Frame(  # no padding at the sides: the text lines up with the header's rule
            doc.leftMargin + n * (width + GAP),
            doc.bottomMargin,
            width,
            body_height,
            leftPadding=0,
            rightPadding=0,
        )
        for n in range(columns)
    ]
    doc.addPageTemplates([PageTemplate(id="page", frames=frames)])
    canvases: list[_NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvases.append(_NumberedCanvas(*args, info=info, wall=wall, **kwargs))
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
