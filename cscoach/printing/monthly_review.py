"""The monthly review: one or two pages with each KPI against its target, the month before
and a year before (on/off target marked with a symbol, not only a colour), the month's
notes, the charts of the last 12 months, last month's plan to tick off and what we will do
next (with lines to write on when nothing is written yet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cscoach.model import kpis, settings, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing.base import (
    FONT,
    FONT_BOLD,
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
    title_block,
)
from cscoach.printing.flowables import RuledLines

TITLE = "Monthly review"
CHART_MONTHS = 12
ON_COLOUR = colors.HexColor("#1e6b2a")
OFF_COLOUR = colors.HexColor("#a0261d")
HEADER_BG = colors.HexColor("#eef2f4")


def render_monthly_review(wb: Workbook, request) -> bytes:
    """The review of ``request.month`` (default: the latest month with a value) as PDF bytes.

    ``request`` is a ``cscoach.printing.documents.PrintRequest``; ``month``, ``page_size``
    and ``today`` are read with ``getattr`` so an older request works too.

    Raises:
        ValidationError: the month is malformed or in the future, or there is nothing to
            review yet.
    """
    today: dt.date | None = getattr(request, "today", None)
    month = getattr(request, "month", None)
    if month:
        month = validate.month(month, "month", "Month", today=today)
    else:
        month = kpis.latest_month(wb)
        if month is None:
            raise ValidationError(
                "month", "There are no KPI values yet: enter a month's figures to review it."
            )
    review = kpis.monthly_review(wb, month, today=today)
    first = kpis.add_months(month, -(CHART_MONTHS - 1))
    series = kpis.dashboard_series(wb, first, month, today=today)
    page_size = (getattr(request, "page_size", None) or settings.page_size(wb)).lower()
    info = DocumentInfo(
        title=f"{TITLE}: {kpis.month_label(month)}",
        business=settings.business_name(wb),
        page_size=page_size if page_size in PAGE_SIZES else "a4",
        printed_on=today,
    )
    return monthly_review_document(info, review, series)


def _table(review: kpis.MonthlyReview, width: float) -> Table:
    s = styles()
    head = ParagraphStyle("rh", parent=s["label"], fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("rc", parent=s["body"], fontSize=9, leading=11.5)
    name = ParagraphStyle("rn", parent=cell, fontName=FONT_BOLD)
    headers = ["KPI", "This month", "Target", "Status", "Month before", "A year before"]
    rows: list[list[object]] = [[Paragraph(h, head) for h in headers]]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for line in review.lines:
        unit = line.kpi.unit
        direction = "or more" if line.kpi.higher_is_better else "or less"
        target = (
            f"{text(kpis.format_value(line.target, unit))}<br/>{direction}"
            if line.target is not None
            else "—"
        )
        colour = (
            ON_COLOUR
            if line.status == kpis.ON_TARGET
            else OFF_COLOUR
            if line.status == kpis.OFF_TARGET
            else MUTED
        )
        status_style = ParagraphStyle(
            "rs", parent=cell, fontName=FONT_BOLD if line.status else FONT, textColor=colour
        )
        rows.append(
            [
                Paragraph(text(line.kpi.name), name),
                Paragraph(text(kpis.format_value(line.value, unit)), cell),
                Paragraph(target, cell),
                Paragraph(text(line.status_label()), status_style),
                Paragraph(_compared(line, "previous"), cell),
                Paragraph(_compared(line, "year_before"), cell),
            ]
        )
    fractions = (0.27, 0.13, 0.15, 0.15, 0.15, 0.15)
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(style))
    return table


def _compared(line: kpis.ReviewLine, which: str) -> str:
    value, change = line.compared_parts(which)
    if not change:
        return text(value)
    return f"{text(value)}<br/><font size='8' color='#616e7c'>{text(change)}</font>"


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


PANEL_HEIGHTS = (2.1, 1.5)  # inches per row of small multiples: the most, the least on page 1
MIN_PANEL = 0.8  # inches: small multiples still read at this size


CHART_DPI = 150  # sharp on paper; 200 dpi drew and compressed almost twice the pixels


class _Picture(Flowable):
    """Pixels already in memory (a PIL image) drawn at a given size."""

    def __init__(self, image, width: float, height: float) -> None:  # noqa: ANN001
        super().__init__()
        self.image, self.width, self.height = image, width, height
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self.image), 0, 0, self.width, self.height)


def _chart(series: Sequence[kpis.KpiSeries], width: float, panel_height: float) -> Flowable:
    """The dashboard drawn at the size it is printed (so its type prints at its own size),
    handed to reportlab as raw pixels (no PNG encoded here and decoded there)."""
    from cscoach.charts import kpi_charts

    figure = kpi_charts.dashboard_figure(series, width=width / 72, panel_height=panel_height)
    size = figure.get_figwidth() * 72, figure.get_figheight() * 72
    return _Picture(kpi_charts.figure_pixels(figure, dpi=CHART_DPI), *size)


def monthly_review_document(
    info: DocumentInfo, review: kpis.MonthlyReview, series: Sequence[kpis.KpiSeries]
) -> bytes:
    """One page when the charts still read well in the space left over; otherwise two:
    the table and the charts (sized to the rest of the first page) first, then the plans.

    The charts are drawn at the size they are printed, so their type keeps its size.
    """
    page_w, page_h = PAGE_SIZES.get(info.page_size, PAGE_SIZES["a4"])
    width = page_w - 2 * MARGIN
    head, tail = _head(info, review), _tail(review)
    if not series:
        return build_pdf(info, [*head, *tail])
    from cscoach.charts import kpi_charts

    frame_h = page_h - 2 * MARGIN - 4 * mm - 14  # the frame, less padding and a margin
    heading = _chart_heading(review, series)
    head_h, tail_h = _height(head, width), _height(tail, width)
    heading_h = _height([heading], width)
    rows = kpi_charts.dashboard_layout(len(series))[0]
    overhead = kpi_charts.dashboard_figure_height(len(series), 0) * 72

    def panel_for(space: float) -> float:
        return (space - heading_h - overhead) / 72 / rows

    def story(panel: float, *, where: str = "middle") -> list[Flowable]:
        block = [KeepTogether([heading, _chart(series, width, panel)])]
        if where == "last":  # the review on page 1, the charts on page 2
            return [*head, *tail, PageBreak(), *block]
        if where == "second":  # a long table on page 1, the charts and plans on page 2
            return [*head, PageBreak(), *block, *tail]
        return [*head, *block, *tail]

    one_page = panel_for(frame_h - head_h - tail_h)
    if one_page >= PANEL_HEIGHTS[-1]:
        pdf, pages = layout(info, story(min(one_page, PANEL_HEIGHTS[0])))
        if pages == 1:
            return pdf
    rest_of_first = panel_for(frame_h - head_h)
    if rest_of_first >= PANEL_HEIGHTS[-1]:
        return build_pdf(info, story(min(rest_of_first, PANEL_HEIGHTS[0])))
    if head_h + tail_h <= frame_h:
        full_page = max(panel_for(frame_h), MIN_PANEL)
        return build_pdf(info, story(min(full_page, PANEL_HEIGHTS[0]), where="last"))
    second_page = max(panel_for(frame_h - tail_h), MIN_PANEL)
    return build_pdf(info, story(min(second_page, PANEL_HEIGHTS[0]), where="second"))


def _height(story: Sequence[Flowable], width: float) -> float:
    """How tall ``story`` is laid out in one column ``width`` wide (ignoring page breaks)."""
    total = 0.0
    for flowable in story:
        if isinstance(flowable, CondPageBreak | PageBreak):
            continue
        if isinstance(flowable, KeepTogether):
            total += _height(list(flowable._content), width)
            continue
        total += flowable.wrap(width, 10_000)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _chart_heading(review: kpis.MonthlyReview, series: Sequence[kpis.KpiSeries]) -> Flowable:
    first = kpis.month_label(series[0].months[0], short=True)
    last = kpis.month_label(review.month, short=True)
    return para(f"The last 12 months ({first} to {last})", "h2")


def _head(info: DocumentInfo, review: kpis.MonthlyReview) -> list[Flowable]:
    """The title, the summary, the table and the month's notes."""
    width = PAGE_SIZES.get(info.page_size, PAGE_SIZES["a4"])[0] - 2 * MARGIN
    story: list[Flowable] = title_block(info)
    month = kpis.month_label(review.month)
    if review.measured:
        summary = (
            f"{review.on_target} of {review.measured} KPI{'s' if review.measured != 1 else ''} "
            f"with a value in {month} on target (✓ on target, ✗ off target; ▲ ▼ compare this "
            "month with the earlier one)."
        )
    elif review.lines:
        summary = f"No KPI has a value for {month} yet."
    else:
        summary = "There are no active KPIs."
    story.append(para(summary, "small"))
    story.append(Spacer(0, 2.5 * mm))
    if review.lines:
        story.append(_table(review, width))
    notes = [(line.kpi.name, line.note) for line in review.lines if line.note.strip()]
    if notes:
        story.append(para(f"Notes for {month}", "h2"))
        for kpi_name, note in notes:
            story.append(markup(f"<b>{text(kpi_name)}:</b> {text(note)}", "small"))
    return story


def _tail(review: kpis.MonthlyReview) -> list[Flowable]:
    """Last month's plan to tick off, and what we will do next."""
    s = styles()
    story: list[Flowable] = []
    previous = kpis.month_label(kpis.add_months(review.month, -1))
    planned = _lines(review.previous_next_steps)
    if planned:
        tick = ParagraphStyle(
            "tick", parent=s["body"], leftIndent=14, bulletIndent=0, bulletFontName=FONT
        )
        story.append(
            KeepTogether(
                [
                    para(f"What we planned in {previous}: done?", "h2"),
                    *[Paragraph(text(item), tick, bulletText="☐") for item in planned],
                ]
            )
        )
    steps = _lines(review.next_steps)
    heading = para("What we will do next", "h2")
    if steps:
        bullet = ParagraphStyle(
            "step", parent=s["body"], leftIndent=14, bulletIndent=0, bulletFontName=FONT_BOLD
        )
        story.append(
            KeepTogether(
                [heading, *[Paragraph(text(item), bullet, bulletText="→") for item in steps]]
            )
        )
    else:
        story.append(
            KeepTogether(
                [
                    heading,
                    para("Nothing written yet: write the actions and who does them.", "small"),
                    RuledLines(3, 8 * mm),
                ]
            )
        )
    return story
