"""The break-room poster, the standards handbook and the sign-off sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from cscoach.model.dates import long_date
from cscoach.model.standards import Standard
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    FRAME_PADDING,
    INK,
    MUTED,
    RULE,
    DocumentInfo,
    Marked,
    PageNumberOf,
    Paragraph,
    Table,
    build_pdf,
    fitted,
    frame_size,
    layout,
    markup,
    para,
    stacked_height,
    styles,
    text,
)
from cscoach.printing.scripts import right_to_left, runs, shaped

# Points, largest first: every point from 60 down to the 14 pt floor, so the type is as
# large as the page allows (28 pt or more for up to eight standards of ordinary length).
POSTER_SIZES = tuple(range(60, 13, -1))
POSTER_FLOOR = POSTER_SIZES[-1]
EMPTY_SIZE = 28  # points: "No standards are marked for the poster yet."
LEADING = 1.14  # of the type size: big type needs less air between lines than small


HEADING_SHARE = 0.3  # of the page: the heading never leaves the standards less than this
MESSAGE_FLOOR = 11  # points: below this the message is cut short instead
NAME_LINES = 2  # the business name and the title take at most this many lines each


@dataclass(frozen=True)
class PosterResult:
    pdf: bytes
    font_size: float
    shown: int
    not_fitted: int  # standards marked for the poster that did not fit, even at the floor
    cut: tuple[str, ...] = ()  # what was cut short to fit the heading: "message", "business"
    columns: int = 1
    left_out: tuple[str, ...] = ()  # the titles of the standards that did not fit


def _poster_heading(
    info: DocumentInfo, message: str, size: float, width: float, room: float
) -> tuple[list[Flowable], list[str]]:
    """The business name, the title and the one clear message for body type ``size``, never
    taller than ``room``: the name and title take at most two lines each, the message the
    rest, its type shrinking towards 11 pt and then cut short. Returns what was cut."""
    base = styles()["body"]
    business_size = min(max(16, size * 0.7), 28)
    business = ParagraphStyle(
        "pb",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=business_size,
        leading=business_size * 1.2,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    title_size = min(max(28, size * 1.3), 50)
    title = ParagraphStyle(
        "pt",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=title_size,
        leading=title_size * 1.12,
        alignment=TA_CENTER,
        spaceAfter=size * 0.25,
    )
    message_size = min(max(16, size * 0.75), 28)
    subtitle = ParagraphStyle(
        "ps",
        parent=base,
        fontName=FONT_ITALIC,
        fontSize=message_size,
        leading=message_size * 1.25,
        alignment=TA_CENTER,
        textColor=MUTED,
        spaceAfter=size * 0.3,
    )
    header: list[Flowable] = []
    cut: list[str] = []
    for key, value, style in (("business", info.business, business), ("title", info.title, title)):
        if value:
            paragraph, shortened = fitted(
                value, style, width, NAME_LINES * style.leading, style.fontSize
            )
            header.append(paragraph)
            if shortened:
                cut.append(key)
    if message:
        used = stacked_height(header, width) + (title.spaceAfter if info.title else 0)
        paragraph, shortened = fitted(message, subtitle, width, room - used, MESSAGE_FLOOR)
        header.append(paragraph)
        if shortened:
            cut.append("message")
    return header, cut


def _poster_styles(size: float, air: float = 1) -> tuple[ParagraphStyle, ParagraphStyle]:
    """The category heading and the standard at type size ``size``; ``air`` (at least 1)
    widens the gaps between them to fill a page that would otherwise end half empty."""
    base = styles()["body"]
    category = ParagraphStyle(
        "pc",
        parent=base,
        fontName=FONT_BOLD,
        fontSize=size * 0.85,
        leading=size * 0.85 * LEADING,
        textColor=ACCENT,
        spaceBefore=size * 0.4 * air,
        spaceAfter=size * 0.08,
    )
    item = ParagraphStyle(
        "pi",
        parent=base,
        fontName=FONT,
        fontSize=size,
        leading=size * LEADING,
        leftIndent=size * 0.85,
        bulletIndent=0,
        bulletFontName=FONT_BOLD,
        bulletFontSize=size * 0.8,
        spaceAfter=size * 0.17 * air,
        textColor=INK,
    )
    return category, item


def _poster_body(
    items: Sequence[Standard], size: float, missing: int, air: float = 1
) -> list[Flowable]:
    """The standards by category at type size ``size``: a category's heading always stands
    with its first standard (never alone at the foot of a column), and a standard is never
    split between columns."""
    category, item = _poster_styles(size, air)
    right_item = ParagraphStyle("pir", parent=item, leftIndent=0)
    body: list[Flowable] = []
    for name, group in groupby(items, key=lambda s: s.category):
        for n, s in enumerate(group):
            title = text(s.title)
            if right_to_left(title):  # the tick before it, at the right where it is read
                standard = Paragraph(f"✓ {title}", right_item)
            else:
                standard = Paragraph(title, item, bulletText="✓")
            heading = [Paragraph(text(name), category)] if n == 0 else []
            body.append(KeepTogether([*heading, standard]))
    if missing:
        body.append(
            Paragraph(
                f"+ {missing} more standard{'s' if missing != 1 else ''} in our standards handbook",
                ParagraphStyle(
                    "pm", parent=item, fontName=FONT_ITALIC, textColor=MUTED, spaceBefore=size * 0.4
                ),
            )
        )
    if not items:
        body.append(
            Paragraph(
                "No standards are marked for the poster yet.",
                ParagraphStyle("pe", parent=item, alignment=TA_CENTER, leftIndent=0),
            )
        )
    return body


class _Attempt:
    """Lays the poster out at one type size, in one or two columns, with the first ``count``
    standards; measures first so that most sizes that cannot fit are never laid out."""

    def __init__(self, info: DocumentInfo, message: str, items: Sequence[Standard]) -> None:
        self.info, self.message, self.items = info, message, items
        self.width, self.height = frame_size(info, wall=True)
        self._headings: dict[float, tuple[list[Flowable], list[str]]] = {}

    def heading(self, size: float) -> tuple[list[Flowable], list[str]]:
        if size not in self._headings:
            room = self.height * HEADING_SHARE
            self._headings[size] = _poster_heading(self.info, self.message, size, self.width, room)
        header, cut = self._headings[size]
        return list(header), cut

    def __call__(
        self, size: float, columns: int, count: int, measure: bool = True
    ) -> tuple[bytes, int]:
        """The poster and its number of pages; 2 without a layout when, measured, the
        standards could not fit even if the columns were filled to the last point."""
        header, _ = self.heading(size)
        missing = len(self.items) - count
        body = _poster_body(self.items[:count], size, missing)
        if columns == 1:
            needed = stacked_height([*header, *body], self.width)
            if measure and needed > self.height + size:
                return b"", 2
            if measure and needed <= self.height:
                body = self._aired(header, size, count, needed)
            return layout(self.info, [*header, *body], wall=True)
        room = stacked_height(header, self.width) + 2 * FRAME_PADDING + 2  # 2: reportlab's fuzz
        column = frame_size(self.info, columns=2, heading=room, wall=True)
        if measure and stacked_height(body, column[0]) > 2 * (column[1] + size):
            return b"", 2
        return layout(self.info, [*header, FrameBreak(), *body], columns=2, heading=room, wall=True)

    def _aired(
        self, header: list[Flowable], size: float, count: int, needed: float
    ) -> list[Flowable]:
        """The one-column body with the page's spare height shared among its gaps (at most
        tripling them), then a spacer under the heading for half of what is left over, so
        that the standards reach down the page rather than end half way."""
        missing = len(self.items) - count
        best = _poster_body(self.items[:count], size, missing)
        low, high = 1.0, 3.0
        for _ in range(6):  # the air that just fits, to a few points
            air = (low + high) / 2
            body = _poster_body(self.items[:count], size, missing, air)
            if stacked_height([*header, *body], self.width) <= self.height - 2:
                low, best = air, body
            else:
                high = air
        spare = self.height - 2 - stacked_height([*header, *best], self.width)
        return [Spacer(0, spare / 2), *best] if spare > size else best


def poster(info: DocumentInfo, message: str, items: Sequence[Standard]) -> PosterResult:
    """Exactly one page with no running header or footer. The type is the largest of
    ``POSTER_SIZES`` at which every standard fits, in one column or two (whichever gives the
    larger type); below the 14 pt floor the standards that do not fit are named, never
    silently dropped. The heading takes at most 30 % of the page, whatever the message."""
    attempt = _Attempt(info, message, items)
    layouts = (1, 2) if len(items) > 1 else (1,)
    if not items:  # only a line saying so, in ordinary poster type
        return PosterResult(attempt(EMPTY_SIZE, 1, 0, measure=False)[0], EMPTY_SIZE, 0, 0)

    def result(pdf: bytes, size: float, shown: int, columns: int) -> PosterResult:
        left_out = tuple(s.title for s in items[shown:])
        cut = tuple(attempt.heading(size)[1])
        return PosterResult(pdf, size, shown, len(items) - shown, cut, columns, left_out)

    def fits(size: float, columns: int) -> bytes | None:
        pdf, pages = attempt(size, columns, len(items))
        return pdf if pages == 1 else None

    best: tuple[float, int, bytes] | None = None
    for columns in layouts:
        # the largest size that fits: sizes are largest first, and a size that fits makes
        # every smaller one fit too (near enough), so a binary search finds it
        low, high = 0, len(POSTER_SIZES)  # POSTER_SIZES[high:] fit (as far as known)
        found: bytes | None = None
        while low < high:
            mid = (low + high) // 2
            pdf = fits(POSTER_SIZES[mid], columns)
            if pdf is None:
                low = mid + 1
            else:
                high, found = mid, pdf
        if found is not None and (best is None or POSTER_SIZES[high] > best[0]):
            best = (POSTER_SIZES[high], columns, found)
    if best is not None:
        return result(best[2], best[0], len(items), best[1])
    columns = 2  # at the floor, two columns hold the most
    low, high = 0, len(items)  # the largest count that fits on one page
    kept = attempt(POSTER_FLOOR, columns, 0, measure=False)[0]
    while low < high:
        mid = (low + high + 1) // 2
        pdf, pages = attempt(POSTER_FLOOR, columns, mid)
        if pages == 1:
            low, kept = mid, pdf
        else:
            high = mid - 1
    return result(kept, POSTER_FLOOR, low, columns)


# -- the handbook ---------------------------------------------------------------


def _unbroken(value: str) -> str:
    """A fact's value as markup whose short words stay together on one line ("Aiko Tanaka",
    "7 May 2027"); a list ("Own the problem, Pride in the craft") may break after a comma."""
    parts = [" ".join(p.split()) for p in value.split(",")]
    # the no-break space goes in before the markup: a fallback font's <font name="…"> keeps
    # its own space
    return ", ".join(text(p.replace(" ", "\u00a0") if len(p) <= 40 else p) for p in parts)


class FactLines(Flowable):
    """Lines of "Label: value · Label: value" in small type with bold labels, as a marked-up
    paragraph would print them, drawn directly when each line fits the width (nearly
    always): a handbook has hundreds, and parsing and breaking them as paragraphs took a
    fifth of its time. Lines too long for the width are left to a paragraph."""

    def __init__(self, lines: Sequence[Sequence[tuple[str, str]]]) -> None:
        super().__init__()
        self.lines = lines
        self.style = styles()["small"]
        self._paragraph: Paragraph | None = None

    def _runs(self, line: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for n, (label, value) in enumerate(line):
            found += [(" · ", FONT)] if n else []
            found += [(f"{label}: ", FONT_BOLD), *runs(shaped(" ".join(value.split())), FONT)]
        return found

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        size = self.style.fontSize
        widest = max(
            sum(stringWidth(run, font, size) for run, font in self._runs(line))
            for line in self.lines
        )
        if widest <= availWidth:
            self._paragraph = None
            self.width, self.height = availWidth, len(self.lines) * self.style.leading
            return self.width, self.height
        self._paragraph = markup(
            "<br/>".join(
                " · ".join(f"<b>{k}:</b> {_unbroken(v)}" for k, v in line) for line in self.lines
            ),
            "small",
        )
        return self._paragraph.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        return self._paragraph.split(availWidth, availHeight) if self._paragraph else []

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        size, leading = self.style.fontSize, self.style.leading
        lines = self.canv.beginText(0, self.height - size)  # where a paragraph starts
        lines.setFillColor(self.style.textColor)
        for line in self.lines:
            for run, font in self._runs(line):
                lines.setFont(font, size, leading)
                lines.textOut(run)
            lines.textLine("")
        self.canv.drawText(lines)


def handbook(info: DocumentInfo, items: Sequence[Standard], today: dt.date) -> bytes:
    """A title page, the contents with page numbers, then each category's standards: the
    title, the facts under it, then the detail, which may run on to the next page (so no
    page ends with a big gap). The page header names the category; the PDF's outline lists
    the categories and their standards."""
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
    groups = [(name, list(group)) for name, group in groupby(items, key=lambda x: x.category)]
    story.append(para("Contents", "h1"))
    story += _contents(groups)
    if not items:
        story.append(para("There are no active standards yet."))
    title_style = ParagraphStyle("st", parent=s["h2"], spaceBefore=9, spaceAfter=2)
    detail_style = ParagraphStyle("sd", parent=s["body"], allowOrphans=0, allowWidows=0)
    width = frame_size(info)[0]
    for c, (name, group) in enumerate(groups):
        heading = Marked(text(name), s["h1"], key=f"c{c}", section=name, outline=(name, 0))
        # the category's heading stands with its first standard's head (below)
        heading_height = s["h1"].spaceBefore + heading.wrap(width, 1e9)[1] + 6
        story.append(heading)
        for n, item in enumerate(group):
            months = f"{item.review_months} month{'s' if item.review_months != 1 else ''}"
            last = long_date(item.last_reviewed) if item.last_reviewed else "never"
            due = long_date(item.next_review())
            if item.overdue(today):
                due = f"Overdue since {due}"
            lines = [
                [
                    ("Serves", ", ".join(item.values) or "—"),
                    ("Measured by", item.kpi or "—"),
                    ("Owner", item.owner or "—"),
                ],
                [("Review every", months), ("Last reviewed", last), ("Next review", due)],
            ]
            title = Marked(
                text(item.title),
                title_style,
                key=f"c{c}s{n}",
                section=name,
                outline=(" ".join(item.title.split()), 1),
            )
            facts = FactLines(lines)
            # the title and facts never end a page: they stand with two lines of the detail
            # at least (the rest of the detail may run on to the next page)
            head = title.wrap(width, 1e9)[1] + facts.wrap(width, 1e9)[1]  # (no canvas needed)
            detail = Paragraph(text(item.detail), detail_style) if item.detail else None
            # a detail of three lines or fewer cannot split (no lone first or last line)
            start = 0.0
            if detail is not None:
                whole = detail.wrap(width, 1e9)[1]
                start = whole if whole < 3.5 * detail_style.leading else 2 * detail_style.leading
                start += 1.5 * mm
            need = head + title_style.spaceBefore + start + 2
            if n == 0:  # before the category's heading
                story.insert(len(story) - 1, CondPageBreak(heading_height + need))
            else:
                story.append(CondPageBreak(need))
            story.append(KeepTogether([title, facts]))
            if detail is not None:
                story += [Spacer(0, 1.5 * mm), detail]
    return build_pdf(info, story)


def _contents(groups: Sequence[tuple[str, Sequence[Standard]]]) -> list[Flowable]:
    """Every category and standard with the page it starts on (numbered once laid out)."""
    s = styles()
    entry = ParagraphStyle("ce", parent=s["body"], fontSize=9.5, leading=12)
    heading = ParagraphStyle("ch", parent=entry, fontName=FONT_BOLD, fontSize=10.5, leading=14)
    rows: list[list[Flowable]] = []
    style: list[tuple[object, ...]] = []
    for c, (name, group) in enumerate(groups):
        if rows:
            style.append(("TOPPADDING", (0, len(rows)), (-1, len(rows)), 7))
        rows.append(
            [Paragraph(text(f"{name} ({len(group)})"), heading), PageNumberOf(f"c{c}", 10.5, 14)]
        )
        for n, item in enumerate(group):
            rows.append(
                [Paragraph(text(f"{n + 1}. {item.title}"), entry), PageNumberOf(f"c{c}s{n}")]
            )
    if not rows:
        return []
    table = Table(rows, colWidths=[None, 14 * mm], splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                *style,
            ]
        )
    )
    return [table]


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
    room = Spacer(0, 13 * mm - 6)  # room to sign: a row is never lower (6: the paddings)
    rows = [[para(name), para(role), room, ""] for name, role in people]
    rows += [["", "", room, ""] for _ in range(extra_rows)]
    table = Table(
        [header, *rows],
        colWidths=["28%", "20%", "34%", "18%"],
        rowHeights=[8 * mm] + [None] * len(rows),  # a long name or role makes its row taller
        repeatRows=1,
        splitInRow=1,
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
