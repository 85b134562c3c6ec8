"""The culture map too big for one page, as a document of its own: a section per core
value (its heading, what it means, its gaps, then its hiring criteria, KPIs and what
customers said as labelled lines, then its standards as a bulleted list in two columns),
contents on the first page when there are many values, and what no value is linked to at
the end. ``cscoach.printing.culture_map`` decides when."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import cache, partial

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from cscoach.model.culture_map import FEEDBACK_WITHIN_MONTHS, CultureMap, Link, ValueRow
from cscoach.printing.base import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    MUTED,
    RULE,
    DocumentInfo,
    Marked,
    PageNumberOf,
    Paragraph,
    Table,
    build_pdf,
    continues,
    frame_size,
    para,
    stacked_height,
    styles,
    text,
)
from cscoach.printing.scripts import has_right_to_left, runs

WARN = "#9a3412"  # a gap

LIST_SIZE = 9  # points: the standards, criteria and KPIs of a section (never smaller)
CONTENTS_FROM = 4  # values: with this many or more, the first page lists them
ITEM_GAP = 2  # points between two items of a list
COLUMN_GAP = 8 * mm


@cache
def _section_styles() -> dict[str, ParagraphStyle]:
    s = styles()
    body = s["body"]
    item = ParagraphStyle(
        "cm-item",
        parent=body,
        fontSize=LIST_SIZE,
        leading=LIST_SIZE * 1.25,
        leftIndent=LIST_SIZE,
        bulletIndent=0,
        bulletFontName=FONT,
    )
    return {
        # a value's heading: the room above it is left out at the top of a page
        "value": ParagraphStyle("cm-value", parent=s["h1"], spaceBefore=7 * mm, keepWithNext=0),
        "meaning": ParagraphStyle("cm-meaning", parent=body, spaceAfter=2),
        "gap": ParagraphStyle(
            "cm-gap", parent=item, leftIndent=0, fontName=FONT_BOLD, textColor=WARN
        ),
        "label": ParagraphStyle(
            "cm-label", parent=item, leftIndent=0, fontName=FONT_BOLD, textColor=MUTED
        ),
        "line": ParagraphStyle("cm-line", parent=item, leftIndent=0),
        "list": ParagraphStyle(
            "cm-list", parent=item, leftIndent=0, fontName=FONT_BOLD, spaceBefore=7, spaceAfter=3
        ),
        "item": item,
        "category": ParagraphStyle(
            "cm-category",
            parent=item,
            leftIndent=0,
            fontName=FONT_BOLD,
            fontSize=LIST_SIZE - 1,
            textColor=MUTED,
            spaceBefore=4,
        ),
        "again": ParagraphStyle("cm-again", parent=item, leftIndent=0, textColor=MUTED),
        "intro": ParagraphStyle("cm-intro", parent=body, fontSize=9.5, leading=12.5),
        "contents": ParagraphStyle("cm-contents", parent=body, fontName=FONT_BOLD),
        "summary": ParagraphStyle("cm-summary", parent=item, leftIndent=0, textColor=MUTED),
    }


class _Columns(Flowable):
    """A list in two columns, read down the first and then the second. Each item stays
    whole in its column (one longer than a page excepted); a category name never ends a
    column. Where the list ends, its columns are balanced; on a page it runs past, the
    first column is filled, then the second, and the rest goes on to the next page.

    Each item is measured once for the column's width; how tall a run of items stands
    comes from running sums (a long list is tried at many heights as pages are filled)."""

    def __init__(
        self,
        items: Sequence[Flowable],
        sticky: Sequence[bool],
        page_height: float,
        again: Callable[[str], list[Flowable]] | None = None,
        first_column: int | None = None,
        groups: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.items, self.sticky = list(items), list(sticky)
        self.groups = list(groups) or [""] * len(self.items)  # each item's category
        self.page_height = page_height  # an item taller than this is split
        # the heading above the rest of the list on the next page, given the category the
        # rest starts in ("" when it starts with a category's name)
        self.again = again
        self.first_column = first_column  # how many items the first column takes
        self._width: float | None = None
        self._column = 0.0
        self._tops: list[float] = []  # item n's top, below the first item's top
        self._bottoms: list[float] = []  # its bottom, the same way
        self._split = 0
        self.fills = 0.0  # a part that ends a page: as tall as the room it was split for

    def _measure(self, width: float) -> None:
        if width == self._width:
            return
        self._width, self._column = width, (width - COLUMN_GAP) / 2
        self._tops, self._bottoms = [], []
        y = 0.0
        for n, item in enumerate(self.items):
            if n:
                y += item.getSpaceBefore() or ITEM_GAP
            self._tops.append(y)
            y += item.wrap(self._column, 1e9)[1]
            self._bottoms.append(y)

    def _run(self, start: int, end: int) -> float:
        """How tall items ``start`` to ``end`` (not included) stand in one column."""
        return self._bottoms[end - 1] - self._tops[start] if end > start else 0.0

    def _filled(self, start: int, room: float) -> int:
        """The end of the longest run from ``start`` that fits ``room`` and does not end on
        a category name (``start`` when there is none)."""
        limit = (self._tops[start] if start < len(self.items) else 0.0) + room + 1e-6
        end = bisect.bisect_right(self._bottoms, limit, lo=start)
        while end > start and self.sticky[end - 1]:
            end -= 1
        return end

    def _balanced(self) -> int:
        """Where the second column starts for the shortest two columns: the first never
        shorter than the second nor ending on a category name."""
        count = len(self.items)
        best, best_height = count, self._run(0, count)
        for split in range(1, count):
            if self.sticky[split - 1]:
                continue
            first, second = self._run(0, split), self._run(split, count)
            if first >= second and first < best_height:
                best, best_height = split, first
        return best

    def _slice(
        self, start: int, end: int, again: Callable[[str], list[Flowable]] | None = None
    ) -> _Columns:
        """Items ``start`` to ``end`` as a list of their own, measured already."""
        part = _Columns(
            self.items[start:end],
            self.sticky[start:end],
            self.page_height,
            again,
            groups=self.groups[start:end],
        )
        part._width, part._column = self._width, self._column
        top = self._tops[start]
        part._tops = [y - top for y in self._tops[start:end]]
        part._bottoms = [y - top for y in self._bottoms[start:end]]
        return part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._measure(availWidth)
        self._split = self.first_column if self.first_column is not None else self._balanced()
        self.width = availWidth
        self.height = max(
            self._run(0, self._split), self._run(self._split, len(self.items)), self.fills
        )
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._measure(availWidth)
        parts = self._split_filled(availHeight)
        if parts or not self.items or availHeight < self.page_height * 0.9:
            return parts
        # not even one item fits a whole page: one longer than a column, broken at its end
        n = 1 if self.sticky[0] and len(self.items) > 1 else 0  # after its category name
        pieces = self.items[n].split(self._column, availHeight - self._tops[n])
        if len(pieces) < 2:
            return []
        items = [*self.items[:n], *pieces, *self.items[n + 1 :]]
        sticky = [*self.sticky[:n], *[False] * len(pieces), *self.sticky[n + 1 :]]
        groups = [*self.groups[:n], *[self.groups[n]] * len(pieces), *self.groups[n + 1 :]]
        broken = _Columns(items, sticky, self.page_height, self.again, groups=groups)
        broken._measure(availWidth)
        return broken._split_filled(availHeight)

    def _split_filled(self, room: float) -> list[Flowable]:
        first = self._filled(0, room)
        if first == 0:
            return []
        end = self._filled(first, room) if first < len(self.items) else first
        page = self._slice(0, end)
        page.first_column = first
        parts: list[Flowable] = [page]
        if end < len(self.items):
            page.fills = room  # the rest goes on to the next page, not into what is left
            rest = self._slice(end, len(self.items), self.again)
            if self.again is not None:
                category = "" if self.sticky[end] else self.groups[end]
                continues(rest, partial(self.again, category))
            parts.append(rest)
        return parts

    def draw(self) -> None:
        for start, end, x in (
            (0, self._split, 0.0),
            (self._split, len(self.items), self._column + COLUMN_GAP),
        ):
            for n in range(start, end):
                top = self._tops[n] - self._tops[start]
                self.items[n].drawOn(
                    self.canv, x, self.height - top - (self._bottoms[n] - self._tops[n])
                )


class _Item(Flowable):
    """One bulleted item of a list (a standard's title, "no one trained yet" after it in
    italics), its lines broken at spaces and drawn directly: a large map has hundreds, and
    parsing, breaking and drawing each as a reportlab paragraph took most of its time.
    Text a paragraph handles better (right-to-left, characters from the fallback font, a
    word wider than the column) is left to one, as ``_item`` decides."""

    def __init__(self, value: str, note: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.style = style
        self.words, self.note = value.split(), note  # the note is never broken
        self.lines: list[tuple[str, str]] = []  # each line's words, and the note on the last
        self._wrapped_at: float | None = None
        self._paragraph: Paragraph | None = None
        self._bullet = True  # not on the rest of an item split at a page's end

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth != self._wrapped_at:
            self._wrapped_at = availWidth
            self._break(availWidth - self.style.leftIndent)
        if self._paragraph is not None:
            return self._paragraph.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, len(self.lines) * self.style.leading
        return self.width, self.height

    def _break(self, width: float) -> None:
        size = self.style.fontSize
        space = stringWidth(" ", FONT, size)
        lines: list[list[str]] = [[]]
        used = 0.0
        words = [(w, FONT) for w in self.words]
        for word, font in [*words, *([(self.note, FONT_ITALIC)] if self.note else [])]:
            wide = stringWidth(word, font, size)
            if wide > width:  # a word no line can hold: a paragraph breaks it
                self._paragraph = Paragraph(
                    _item_markup(" ".join(self.words), self.note), self.style, bulletText="•"
                )
                return
            if lines[-1] and used + space + wide > width:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + wide
            lines[-1].append(word)
        if self.note:
            self.lines = [(" ".join(line), "") for line in lines[:-1]]
            self.lines.append((" ".join(lines[-1][:-1]), self.note))
        else:
            self.lines = [(" ".join(line), "") for line in lines]
        self._paragraph = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Only an item longer than a column is ever split (at a line)."""
        self.wrap(availWidth, availHeight)
        if self._paragraph is not None:
            return self._paragraph.split(availWidth, availHeight)
        fit = int(availHeight // self.style.leading)
        if fit < 1 or fit >= len(self.lines):
            return []
        head, tail = _Item("", "", self.style), _Item("", "", self.style)
        head.lines, tail.lines = self.lines[:fit], self.lines[fit:]
        head._bullet, tail._bullet = self._bullet, False
        for part in (head, tail):
            part._wrapped_at, part.width = availWidth, availWidth
            part.height = len(part.lines) * self.style.leading
        return [head, tail]

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        style = self.style
        size, leading = style.fontSize, style.leading
        # one text object: the bullet, then each line from the indent (a line a string)
        lines = self.canv.beginText(style.bulletIndent, self.height - size)
        lines.setFont(FONT, size, leading)
        lines.setFillColor(style.textColor)
        if self._bullet:
            lines.textOut("•")
        lines.moveCursor(style.leftIndent - style.bulletIndent, 0)
        for words, note in self.lines:
            if not note:
                lines.textLine(words)
                continue
            if words:
                lines.textOut(words + " ")
            lines.setFont(FONT_ITALIC, size, leading)
            lines.setFillColor(MUTED)
            lines.textLine(note)
        self.canv.drawText(lines)


def _item(value: str, note: str, style: ParagraphStyle) -> Flowable:
    """A bulleted item: drawn directly when its text is in the body font alone, left to
    right (nearly always), else a paragraph."""
    if not has_right_to_left(value) and runs(value, FONT) == [(value, FONT)]:
        return _Item(value, note, style)
    return Paragraph(_item_markup(value, note), style, bulletText="•")


def _item_markup(value: str, note: str) -> str:
    return text(value) + (f" <i>{text(note).replace(' ', '&nbsp;')}</i>" if note else "")


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _list(
    links: Sequence[Link],
    untrained: set[int],
    page_height: float,
    again: Callable[[str], list[Flowable]],
) -> _Columns:
    """Standards (or criteria) as a bulleted list, under the names of their categories."""
    st = _section_styles()
    items: list[Flowable] = []
    sticky: list[bool] = []
    groups: list[str] = []
    category = None
    for link in links:
        if link.category and link.category != category:
            category = link.category
            items.append(Paragraph(text(category), st["category"]))
            sticky.append(True)
            groups.append(category)
        note = "— no one trained yet" if link.id in untrained else ""
        items.append(_item(link.name, note, st["item"]))
        sticky.append(False)
        groups.append(link.category)
    return _Columns(items, sticky, page_height, again, groups=groups)


def _again(what: str, category: str) -> list[Flowable]:
    """What a list continues, above its rest on the next page: "Warmth · standards
    (continued)", and the category it continues in."""
    st = _section_styles()
    lines: list[Flowable] = [Paragraph(text(what) + " (continued)", st["again"])]
    if category:
        lines.append(Paragraph(text(category) + " (continued)", st["category"]))
    return lines


def _joined(links: Sequence[Link]) -> str:
    """Short names on one labelled line, " · " between them (a KPI without recent figures
    says so)."""
    return " · ".join(
        text(x.name) + ("" if x.measured else " <i>(no recent figures)</i>") for x in links
    )


def _labelled(rows: Sequence[tuple[str, str]], width: float) -> Table:
    st = _section_styles()
    table = Table(
        [[Paragraph(label, st["label"]), Paragraph(value, st["line"])] for label, value in rows],
        colWidths=[30 * mm, width - 30 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _said_line(row: ValueRow) -> str:
    if not row.standards:
        return "<i>nothing to go by: no standard serves this value</i>"
    counts = [
        _count(len(ids), word)
        for ids, word in ((row.praise, "compliment"), (row.complaints, "complaint"))
        if ids
    ]
    said = " and ".join(counts) or "no compliments or complaints"
    return f"{said} naming these standards in the last {FEEDBACK_WITHIN_MONTHS} months"


def _section(row: ValueRow, key: str, width: float, page_height: float) -> list[Flowable]:
    """One value: its heading, what it means and its gaps, the labelled lines (all on one
    page, so the heading never ends one), then its standards (their label on the page
    the list starts on)."""
    st = _section_styles()
    heading = Marked(text(row.name), st["value"], key=key, section=row.name, outline=(row.name, 0))
    head: list[Flowable] = [heading]
    if row.meaning.strip():
        head.append(Paragraph(text(row.meaning), st["meaning"]))
    if row.gaps:
        head.append(Paragraph("⚠ Gap: " + text(", ".join(row.gaps)), st["gap"]))
    none = "<i>none yet</i>"
    lines = [
        ("Hiring criteria", _joined(row.criteria) or none),
        ("KPIs", _joined(row.kpis) or none),
        ("Customers said", _said_line(row)),
    ]
    if not row.standards:
        lines.insert(0, ("Standards", none))
    head.append(Spacer(0, 2))
    head.append(_labelled(lines, width))
    if not row.standards:
        return _kept(head, width, page_height)

    def again(category: str, name: str = row.name) -> list[Flowable]:
        return _again(f"{name} · standards", category)

    untrained = set(row.untrained)
    title = f"Standards ({len(row.standards)}"
    if untrained:
        title += f", {len(untrained)} with no one trained yet"
    listed = _list(row.standards, untrained, page_height, again)
    label = Paragraph(title + ")", st["list"])
    continues(label, partial(_again, row.name, ""))  # heading a page: whose standards
    return [*_kept(head, width, page_height), *_kept([label], width, page_height, listed), listed]


def _kept(
    flowables: list[Flowable], width: float, page_height: float, listed: _Columns | None = None
) -> list[Flowable]:
    """``flowables`` on the page they start on, and with the start of ``listed`` (its first
    two items) when given: a page break before them if not (when they fit a page)."""
    need = flowables[0].getSpaceBefore() + stacked_height(flowables, width) + 2
    if listed is not None:
        need += flowables[-1].getSpaceAfter() + _start_height(listed, width)
    return [CondPageBreak(min(need, page_height * 0.8)), *flowables]


def _start_height(listed: _Columns, width: float) -> float:
    """How tall the first two items of a list stand (a category name and one standard, or
    two standards): the least of it that may follow a heading on a page."""
    listed._measure(width)
    return listed._run(0, min(2, len(listed.items)))


def sections_document(info: DocumentInfo, cmap: CultureMap) -> bytes:
    """The map as a document: the title and what it shows, contents when there are many
    values, a section per value, then what no value is linked to."""
    st = _section_styles()
    width, page_height = frame_size(info)
    story: list[Flowable] = [para(info.title, "title"), para(info.business, "subtitle")]
    story.append(
        Paragraph(
            "Each core value, what it means and what serves it: the hiring criteria and KPIs, "
            "what customers said of its standards (the compliments and complaints of the last "
            f"{FEEDBACK_WITHIN_MONTHS} months naming one of them), then the standards "
            "themselves. A standard serving several values is listed under each. ⚠ marks a "
            "gap: a value that nothing of that kind serves yet. “No one trained yet”: no one "
            "on the team has been trained on that standard.",
            st["intro"],
        )
    )
    loose = cmap.unanchored_standards or cmap.unanchored_criteria
    if len(cmap.values) >= CONTENTS_FROM:
        story.append(Spacer(0, 4 * mm))
        story.append(_contents(cmap, bool(loose), width))
    if not cmap.values:
        story.append(Spacer(0, 4 * mm))
        story.append(para("No core values yet: write them on the Philosophy page first."))
    for n, row in enumerate(cmap.values):
        story += _section(row, f"v{n}", width, page_height)
    if loose:
        story += _unanchored(cmap, width, page_height)
    return build_pdf(info, story)


LOOSE = "Not linked to any value"


def _unanchored(cmap: CultureMap, width: float, page_height: float) -> list[Flowable]:
    st = _section_styles()
    heading = Marked(text(LOOSE), st["value"], key="loose", section=LOOSE, outline=(LOOSE, 0))
    intro = Paragraph(
        "Active standards and hiring criteria that serve no core value yet: link each to the "
        "value it serves, or ask whether it is still wanted.",
        st["meaning"],
    )
    story: list[Flowable] = []
    for label, links in (
        ("Standards", cmap.unanchored_standards),
        ("Hiring criteria", cmap.unanchored_criteria),
    ):
        if not links:
            continue

        def again(category: str, label: str = label) -> list[Flowable]:
            return _again(f"{LOOSE} · {label.lower()}", category)

        listed = _list(links, set(), page_height, again)
        title = Paragraph(f"{label} ({len(links)})", st["list"])
        block = [heading, intro] if not story else []
        story += [*_kept([*block, title], width, page_height, listed), listed]
    return story


def _contents(cmap: CultureMap, loose: bool, width: float) -> Table:
    """Each value with what serves it in a line, its gaps, and the page it starts on."""
    st = _section_styles()
    rows: list[list[Flowable | list[Flowable]]] = []
    for n, row in enumerate(cmap.values):
        summary = " · ".join(
            (
                _count(len(row.standards), "standard"),
                _count(len(row.criteria), "hiring criterion", "hiring criteria"),
                _count(len(row.kpis), "KPI"),
            )
        )
        cell: list[Flowable] = [Paragraph(summary, st["summary"])]
        if row.gaps:
            cell.append(Paragraph("⚠ Gap: " + text(", ".join(row.gaps)), st["gap"]))
        rows.append(
            [Paragraph(text(row.name), st["contents"]), cell, PageNumberOf(f"v{n}", 10.5, 14.5)]
        )
    if loose:
        summary = " · ".join(
            x
            for x in (
                _count(len(cmap.unanchored_standards), "standard")
                if cmap.unanchored_standards
                else "",
                _count(len(cmap.unanchored_criteria), "hiring criterion", "hiring criteria")
                if cmap.unanchored_criteria
                else "",
            )
            if x
        )
        rows.append(
            [
                Paragraph(LOOSE, st["contents"]),
                Paragraph(summary, st["summary"]),
                PageNumberOf("loose", 10.5, 14.5),
            ]
        )
    table = Table(
        [[Paragraph("Contents", styles()["h2"]), "", ""], *rows],
        colWidths=[width * 0.3, None, 14 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return table
