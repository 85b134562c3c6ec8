"""The monthly review: one or two pages with each KPI against its target, the month before
and a year before (on/off target marked with a symbol, not only a colour; each KPI's unit
beside its name, so every column of figures has one), the month's notes, the month's
customer feedback in two lines (with where its full report is) and its training and stories
in a line or two, the charts of the last 12 months (a triangle on a month an action on that
KPI was done, with the 3-month averages before and after listed under them), the actions due
by the end of the month to tick off (the open ones first, the oldest due first), those done
a month ago to ask "did it help?", those due in the coming month, last month's plan to tick
off and what we will do next (with lines to write on when nothing is written yet).

The actions are those the Monthly Review tab shows, in its order; a long list is cut
("… and 12 more: see the Actions page") so the review stays what a meeting can go through:
a workbook with years of unanswered "did it help?" printed twenty pages of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from cscoach.charts import dashboard_geometry
from cscoach.model import kpi_review, kpi_series, kpis
from cscoach.model.action_loop import ReviewActions, averages_text
from cscoach.model.actions import DONE, DROPPED, OWNER_LABEL, Action
from cscoach.model.dates import long_date
from cscoach.model.feedback_links import REPORT_IN_APP, MonthFeedback
from cscoach.model.months import add_months, month_label
from cscoach.model.number_format import format_number, plural
from cscoach.printing.base import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    frame_size,
    layout,
    para,
    stacked_height,
    styles,
    text,
    title_block,
)
from cscoach.printing.flowables import RuledLines
from cscoach.printing.vector_charts import Dashboard

if TYPE_CHECKING:
    from cscoach.model.training_record import ReviewTraining

TITLE = "Monthly review"
CHART_MONTHS = 12
ON_COLOUR = colors.HexColor("#1e6b2a")
OFF_COLOUR = colors.HexColor("#a0261d")
HEADER_BG = colors.HexColor("#eef2f4")


DENSE_ROWS = 8  # more KPIs than this: the table in smaller type, a line for each KPI
RUN_IN_NOTES = 4  # more notes than this: printed one after the other in one paragraph

# The most a review lists of each kind of action; the rest are counted in a line pointing to
# the Actions page. The open ones due by the month come first (what the meeting must chase),
# then some of those done in it (what it can celebrate).
OPEN_MOST = 6
CLOSED_MOST = 3
HELPED_MOST = 3
COMING_MOST = 5
MARKS_MOST = 6  # the actions done on a KPI listed under the charts (the newest)
KEPT_WHOLE = 6  # a list this long or shorter is kept on one page; a longer one may break


def _table(review: kpi_review.MonthlyReview, width: float) -> Table:
    """Each KPI against its target, the month before and a year before, one line a KPI
    where it fits: the columns of figures are as wide as their widest entry and the KPI's
    name takes the rest (a long name wraps)."""
    s = styles()
    dense = len(review.lines) > DENSE_ROWS
    size, leading, pad = (8.0, 10.0, 2.2) if dense else (9.0, 11.5, 3.5)
    small = size - 1  # "or more", "▲ better": after the figure, smaller and grey
    head = ParagraphStyle("rh", parent=s["label"], fontSize=size - 0.5, leading=leading)
    cell = ParagraphStyle("rc", parent=s["body"], fontSize=size, leading=leading)
    name = ParagraphStyle("rn", parent=cell, fontName=FONT_BOLD)
    headers = ["KPI", "This month", "Target", "Status", "Month before", "A year before"]
    rows: list[list[object]] = [[Paragraph(h, head) for h in headers]]
    # a heading may wrap at its spaces ("Month / before"): its longest word sets the least
    widths = [[max(stringWidth(w, FONT_BOLD, head.fontSize) for w in h.split())] for h in headers]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for line in review.lines:
        unit = _unit(line.kpi.name, line.kpi.unit)
        value = format_number(line.value)
        target, direction = "—", ""
        if line.target is not None:  # "90.0 or more"; in a long table "≥ 90.0"
            if dense:
                symbol = "≥ " if line.kpi.higher_is_better else "≤ "
                target = symbol + format_number(line.target)
            else:
                target = format_number(line.target)
                direction = " or more" if line.kpi.higher_is_better else " or less"
        colour = (
            ON_COLOUR
            if line.status == kpis.ON_TARGET
            else OFF_COLOUR
            if line.status == kpis.OFF_TARGET
            else MUTED
        )
        status_font = FONT_BOLD if line.status else FONT
        status_style = ParagraphStyle("rs", parent=cell, fontName=status_font, textColor=colour)
        earlier = [line.compared_parts(which) for which in ("previous", "year_before")]
        earlier = [(n, f" {change.removesuffix(' now')}") for n, change in earlier]
        rows.append(
            [
                Paragraph(text(line.kpi.name) + _after(unit, small, FONT), name),
                Paragraph(text(value), cell),
                Paragraph(text(target) + _after(direction, small), cell),
                Paragraph(text(line.status_label()), status_style),
                *[
                    Paragraph(text(figure) + _after(change, small), cell)
                    for figure, change in earlier
                ],
            ]
        )
        measured = [
            stringWidth(line.kpi.name, FONT_BOLD, size),
            stringWidth(value, FONT, size),
            stringWidth(target, FONT, size) + stringWidth(direction, FONT, small),
            stringWidth(line.status_label(), status_font, size),
            *[
                stringWidth(figure, FONT, size) + stringWidth(change, FONT, small)
                for figure, change in earlier
            ],
        ]
        for column, found in zip(widths, measured, strict=True):
            column.append(found)
    table = Table(rows, colWidths=_column_widths(widths, width), repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(style))
    return table


def _after(words: str, size: float, font: str | None = None) -> str:
    """Markup for ``words`` after a figure (or a name, in ``font``): smaller and grey
    (nothing when empty)."""
    if not words.strip():
        return ""
    grey = "#" + MUTED.hexval()[2:]
    face = f" name='{font}'" if font else ""
    return f"<font{face} size='{size:g}' color='{grey}'>&nbsp;{text(words.strip())}</font>"


def _unit(name: str, unit: str) -> str:
    """The unit printed after a KPI's name ("%", "hours"): the figures of its row are in it.
    Nothing for a score (NPS) or when the name says it ("Complaints per 1,000 visits")."""
    if not unit or unit == "score" or unit.casefold() in name.casefold():
        return ""
    return unit


def _column_widths(measured: list[list[float]], width: float) -> list[float]:
    """The figures' columns as wide as their widest entry (each at most a fifth of the
    table), the KPI's name the rest but never less than 22 %: it wraps, not them."""
    padding = 8 + 1  # left and right padding, and a point to spare
    figures = [min(max(column) + padding, width / 5) for column in measured[1:]]
    least_name = width * 0.22
    if width - sum(figures) < least_name:
        scale = (width - least_name) / sum(figures)
        figures = [f * scale for f in figures]
    return [width - sum(figures), *figures]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


PANEL_MOST = 2.1  # inches: the tallest a chart panel is drawn
PANEL_SHARED = 1.5  # the shortest beside the table on a page (unless panels are narrower)
PANEL_LEAST = 0.8  # small multiples still read at this height
PANEL_SMALLEST = 0.3  # and when a page holds no more (more KPIs than anyone reviews at once)
PAGE_OF_PANELS = 20  # the most KPIs charted on one page; more continue on the next
PANEL_ASPECT = 1.0  # a panel at most as tall as it is wide: no tall, thin panels


def _chart(series: Sequence[kpi_series.KpiSeries], width: float, panel_height: float) -> Flowable:
    """The dashboard as vector graphics (``vector_charts``): crisp on any printer, its
    words real text, in the paper colours whatever the screen shows."""
    return Dashboard(series, width, panel_height)


def monthly_review_document(
    info: DocumentInfo,
    review: kpi_review.MonthlyReview,
    series: Sequence[kpi_series.KpiSeries],
    feedback: MonthFeedback | None = None,
    actions: ReviewActions | None = None,
    training: ReviewTraining | None = None,
) -> bytes:
    """One or two pages: the first arrangement below that fits, its charts as small
    multiples sized to the room left (drawn at the size they are printed, so their type
    keeps its size):

    1. everything on one page, the charts between the table and the plans;
    2. the table and the charts on page 1, the plans on page 2;
    3. the table and the plans on page 1, the charts on the whole of page 2;
    4. the table on page 1, the charts and the plans on page 2;
    5. past that (many KPIs, long notes or lists), the table and the plans from page 1 on,
       the charts in the room left under them if they read well there, else on the next
       page (``_FittedCharts``).
    """
    if not series:
        return build_pdf(info, [*_head(info, review, feedback, training), *_tail(review, actions)])
    width, room = frame_size(info)
    room -= 1  # what reportlab's frame keeps for rounding
    rows = dashboard_geometry.dashboard_layout(len(series))[0]
    fixed = dashboard_geometry.dashboard_figure_height(len(series), 0, years=False) * 72
    narrow = dashboard_geometry.dashboard_panel_width(len(series), width / 72) * PANEL_ASPECT
    most = min(PANEL_MOST, narrow)
    shared = min(PANEL_SHARED, most * 0.8)
    charts: dict[float, Flowable] = {}  # drawn once for each size tried

    def story(order: str, panel: float | None = None) -> list[Flowable]:
        """The document in ``order`` ("head", "tail", "break" and "charts", separated by
        spaces): new flowables each time (reportlab changes them as it lays them out);
        charts with panels ``panel`` tall, or as a box with panels 0 tall."""
        parts: list[Flowable] = []
        for part in order.split():
            if part == "head":
                parts += _head(info, review, feedback, training)
            elif part == "tail":
                parts += _tail(review, actions)
            elif part == "break":
                parts.append(PageBreak())
            elif panel is None:
                parts.append(
                    KeepTogether(
                        [
                            _chart_heading(review, series),
                            Spacer(width, fixed),
                            *_marks(series),
                        ]
                    )
                )
            else:
                if panel not in charts:
                    charts[panel] = _chart(series, width, panel)
                parts.append(
                    KeepTogether([_chart_heading(review, series), charts[panel], *_marks(series)])
                )
        return parts

    measured: dict[str, tuple[float, float, float]] = {}

    def height(order: str) -> float:
        """How tall the parts in ``order`` stand one above the other, the charts with panels
        0 tall (``stacked_height`` of the whole, each part measured once)."""
        total, after = 0.0, None
        for part in order.split():
            if part not in measured:
                flowables = story(part)
                measured[part] = (
                    stacked_height(flowables, width),
                    flowables[0].getSpaceBefore(),
                    flowables[-1].getSpaceAfter(),
                )
            tall, before, below = measured[part]
            total += tall if after is None else after + before + tall
            after = below
        return total

    def panel_in(order: str) -> float:
        """How tall panels may be for the parts in ``order`` to fill a page."""
        return (room - height(order)) / 72 / rows

    # The feedback's two lines (and training's) take their room from the charts beside the
    # table, not a page: a review that fitted one page without them still does, its charts a
    # little lower.
    said = 0.0
    block = _month_lines(feedback, training, width)
    if block:  # as tall as it stands under the notes, with its space
        said = (block[0].getSpaceBefore() + stacked_height(block, width)) / 72 / rows
    # So do the actions to tick off (a few lines most months), down to the smallest panels.
    # The lines under the charts saying what their triangles mean, likewise.
    ticks = [*(_actions(actions) if actions is not None else []), *_marks(series)]
    ticked = stacked_height(ticks, width) / 72 / rows if ticks else 0.0
    beside = max(shared - said - ticked, min(PANEL_LEAST, shared - said))
    arrangements = (  # (order, panel height, the least it may be, pages, what must fit a page)
        ("head charts tail", panel_in("head charts tail"), beside, 1, "head"),
        ("head charts tail", panel_in("head charts"), beside, 2, "tail"),
        ("head tail break charts", panel_in("charts"), PANEL_LEAST, 2, "head tail"),
        ("head break charts tail", panel_in("charts tail"), PANEL_LEAST, 2, "head"),
    )
    for order, panel, least, pages, other_page in arrangements:
        if panel < least or height(other_page) > room:  # it cannot work: no need to try
            continue
        pdf, printed = layout(info, story(order, min(panel, most)))
        if printed <= pages:
            return pdf
    # 5. The plans run on from page 1, the charts in the room left under them or else on a
    # page of their own (with fewer of the actions done listed under them if that is what it
    # takes to keep the panels readable and the charts on one page); more KPIs than a page
    # holds, on as many pages as they take, the lines under the last.
    pages = -(-len(series) // PAGE_OF_PANELS)
    size = -(-len(series) // pages)  # as many on each page: 44 KPIs are 15, 15 and 14
    parts = [series[n : n + size] for n in range(0, len(series), size)]
    fitted = [
        _FittedCharts(
            _chart_heading(review, series, continued=n > 0),
            partial(_chart, part, width),
            partial(_marks, series if n == len(parts) - 1 else []),
            dashboard_geometry.dashboard_layout(len(part))[0],
            dashboard_geometry.dashboard_figure_height(len(part), 0, years=False) * 72,
            most,
            room,
        )
        for n, part in enumerate(parts)
    ]
    return build_pdf(info, [*story("head tail"), *fitted])


class _FittedCharts(Flowable):
    """The charts' heading, the dashboard and the lines under it, the panels as tall as the
    room left on the page allows (at most ``most`` inches). When that is less than
    ``PANEL_LEAST``: with fewer lines under them if half the page or more is left (rather
    than leave it empty), else on the next page (with fewer lines if even a page is too
    little)."""

    def __init__(
        self,
        heading: Flowable,
        dashboard: Callable[[float], Flowable],
        marks: Callable[[int], list[Flowable]],
        rows: int,
        fixed: float,
        most: float,
        page: float,
    ) -> None:
        super().__init__()
        self.heading, self.dashboard, self.marks = heading, dashboard, marks
        self.rows, self.fixed, self.most, self.page = rows, fixed, most, page
        self.spaceBefore = heading.getSpaceBefore()
        self.parts: list[Flowable] = []

    def _text_height(self, parts: list[Flowable], width: float) -> float:
        return sum(
            float(p.wrap(width, 1e9)[1] + (p.getSpaceBefore() if n else 0) + p.getSpaceAfter())
            for n, p in enumerate(parts)
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        on_a_page = avail_height >= self.page - 1  # at the top of a page: nowhere else to go
        for shown in range(MARKS_MOST, -1, -1):
            words = [self.heading, *self.marks(shown)]
            panel = avail_height - 1 - self.fixed - self._text_height(words, avail_width)
            panel = panel / 72 / self.rows
            # readable here; or at a page's top with no line left to drop: as the page allows
            if panel >= PANEL_LEAST or (not shown and on_a_page):
                chart = self.dashboard(min(max(panel, PANEL_SMALLEST), self.most))
                self.parts = [self.heading, chart, *words[1:]]
                self.width = avail_width
                self.height = self._text_height(self.parts, avail_width)
                return self.width, self.height
            if avail_height < self.page / 2:
                break  # all of it on the next page rather than fewer lines here
        self.parts = []
        return avail_width, self.page  # too tall here: the frame moves it to the next page

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # never split: moved whole to the next page

    def draw(self) -> None:
        y = self.height
        for n, part in enumerate(self.parts):
            if n:
                y -= part.getSpaceBefore()
            y -= part.wrap(self.width, 1e9)[1]
            part.drawOn(self.canv, 0, y)
            y -= part.getSpaceAfter()


def _chart_heading(
    review: kpi_review.MonthlyReview,
    series: Sequence[kpi_series.KpiSeries],
    *,
    continued: bool = False,
) -> Flowable:
    first = month_label(series[0].months[0], short=True)
    last = month_label(review.month, short=True)
    more = " (continued)" if continued else ""
    return para(f"The last 12 months ({first} to {last}){more}", "h2")


def _head(
    info: DocumentInfo,
    review: kpi_review.MonthlyReview,
    feedback: MonthFeedback | None,
    training: ReviewTraining | None = None,
) -> list[Flowable]:
    """The title, the summary, the table, the month's notes, its feedback and training."""
    story: list[Flowable] = title_block(info)
    month = month_label(review.month)
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
        story.append(_table(review, frame_size(info)[0]))
    noted = [line for line in review.lines if line.note.strip()]
    if noted:
        story.append(para(f"Notes for {month}", "h2"))
        story += _notes(noted)
    return story + _month_lines(feedback, training, frame_size(info)[0])


def _notes(noted: Sequence[kpi_review.ReviewLine]) -> list[Flowable]:
    """A paragraph a note, its lines as typed; past ``RUN_IN_NOTES`` notes, the one-line
    notes one after the other in a paragraph (they take no line of their own), a note of
    several lines still a paragraph of its own with its lines as typed."""
    note = ParagraphStyle("note", parent=styles()["small"], fontSize=8, leading=10)
    story: list[Flowable] = []
    runs: list[str] = []
    for line in noted:
        typed = line.note.strip()
        said = f"<b>{text(line.kpi.name)}:</b> {text(typed)}"
        if len(noted) > RUN_IN_NOTES and "\n" not in typed:
            runs.append(said)
            continue
        if runs:
            story.append(Paragraph("  ·  ".join(runs), note))
            runs = []
        story.append(Paragraph(said, note))
    if runs:
        story.append(Paragraph("  ·  ".join(runs), note))
    return story


def _month_lines(
    feedback: MonthFeedback | None, training: ReviewTraining | None, width: float
) -> list[Flowable]:
    """The month's feedback (two lines and where its report is) and what it says of training
    and stories (a line or two), as the Monthly Review tab shows them under its table."""
    block: list[Flowable] = []
    if feedback is not None:
        block.append(_feedback(feedback, width))
    if training is not None and _anything(training):
        line = ParagraphStyle(
            "training", parent=styles()["small"], textColor=INK, leading=10.5, spaceBefore=2
        )
        for said in kpi_review.training_lines(training):
            lead, _, rest = said.partition(": ")
            block.append(Paragraph(f"<b>{text(lead)}:</b> {text(rest)}", line))
        if feedback is None:
            block[0].spaceBefore = 6
    return block


def _anything(training: ReviewTraining) -> bool:
    """Whether there is anything to say of training and stories (a workbook that keeps no
    record of training prints no line saying "none")."""
    found = training
    return any((found.sessions, found.refreshers, found.gaps, found.checklists_open, found.stories))


def _feedback(said: MonthFeedback, width: float) -> Flowable:
    """The month's feedback in two lines (its counts by kind; the themes that recurred),
    and beside them, small, where its full report is: the review keeps its room for the
    charts."""
    line = ParagraphStyle("feedback", parent=styles()["small"], textColor=INK, leading=10.5)
    pointer = ParagraphStyle(
        "pointer", parent=line, fontSize=7.5, leading=10.5, alignment=TA_RIGHT, textColor=MUTED
    )
    title = text(f"Customer feedback in {month_label(said.month)}:")
    table = Table(
        [
            [
                [
                    Paragraph(f"<b>{title}</b> {text(said.counts_line())}", line),
                    Paragraph(text(said.recurring_line()), line),
                ],
                [
                    Paragraph(text(f"Full report: {REPORT_IN_APP}"), pointer),
                    Paragraph(text(f"or {said.command()}"), pointer),
                ],
            ]
        ],
        colWidths=[width * 0.64, width * 0.36],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.spaceBefore = 6
    return table


def _marks(series: Sequence[kpi_series.KpiSeries], most: int = MARKS_MOST) -> list[Flowable]:
    """Under the charts: each action done on a KPI in the months shown, with the KPI's
    3-month average before and after (what the triangles on the charts mean), the newest
    ``most`` of them and a line counting the rest."""
    marks = [(mark, one) for one in series for mark in one.marks if mark.month in one.months]
    if not marks:
        return []
    marks.sort(key=lambda pair: pair[0].month, reverse=True)  # the newest first
    lines = []
    for mark, one in marks[:most]:
        averages = averages_text(one.name, one.unit, mark.before, mark.after)
        lines.append(
            f"▲ {text(month_label(mark.month, short=True))}: {text(mark.title)}. {text(averages)}."
        )
    if len(marks) > most:
        left = len(marks) - most
        said = f"… and {left} more" if most else f"▲ {plural(left, 'action')} done in these months"
        lines.append(text(f"{said}, each a triangle on its chart: see the Actions page"))
    note = ParagraphStyle("mark", parent=styles()["small"], fontSize=8, leading=10, spaceBefore=1)
    return [Paragraph(line, note) for line in lines]


def _who(action: Action) -> str:
    return "you" if action.owner_name == OWNER_LABEL else action.owner_label


def _short_date(day: str) -> str:
    return long_date(day).rsplit(" ", 1)[0]  # "21 October"


# "did it help?": three boxes to tick, kept on one line
ANSWERS = (
    "&nbsp;" * 3
    + " ☐&nbsp;yes"
    + "&nbsp;" * 2
    + " ☐&nbsp;not&nbsp;yet"
    + "&nbsp;" * 2
    + " ☐&nbsp;no"
)


def _actions(actions: ReviewActions) -> list[Flowable]:
    """The actions due by the end of the month to tick off (done ones ticked), those done a
    month ago to ask whether they helped, and those due in the coming month: the ones the
    Monthly Review tab lists, in its order, each list cut at its ``…_MOST``."""
    s = styles()
    tick = ParagraphStyle(
        "atick", parent=s["body"], leftIndent=14, bulletIndent=0, bulletFontName=FONT
    )
    more = ParagraphStyle("amore", parent=s["small"], leftIndent=14, spaceBefore=1)
    muted = "<font color='#616e7c'>"
    story: list[Flowable] = []
    if actions.to_tick:
        still_open = [a for a in actions.to_tick if a.is_open]
        closed = [a for a in actions.to_tick if not a.is_open]
        shown = {a.id for a in still_open[:OPEN_MOST] + closed[:CLOSED_MOST]}
        items: list[Flowable] = []
        for a in [a for a in actions.to_tick if a.id in shown]:
            if a.status == DONE and a.done_on:
                mark, when = "☑", f"done {_short_date(a.done_on)}"
            elif a.status == DROPPED:
                mark, when = "☒", "dropped"
            else:
                due = f"due {_short_date(a.due_on)}" if a.due_on else "no date"
                mark, when = "☐", due
            detail = text(f" — {_who(a)}, {when}")
            items.append(Paragraph(f"{text(a.title)}{muted}{detail}</font>", tick, bulletText=mark))
        left = [a for a in actions.to_tick if a.id not in shown]
        if left:
            items.append(Paragraph(text(_more_line(left)), more))
        heading = para(f"Due by the end of {month_label(actions.month)}: done?", "h2")
        story += _kept(heading, items)
    if actions.did_it_help:
        items = [
            Paragraph(
                f"{text(a.title)}{muted}{text(f' — done {_short_date(a.done_on or a.created_on)}')}"
                f"</font>{ANSWERS}",
                tick,
                bulletText="?",
            )
            for a in actions.did_it_help[:HELPED_MOST]
        ]
        if len(actions.did_it_help) > HELPED_MOST:
            left_over = len(actions.did_it_help) - HELPED_MOST
            waiting = f"… and {left_over} more done earlier, waiting for an answer"
            items.append(Paragraph(text(f"{waiting}: see the Actions page"), more))
        story += _kept(para("Done about a month ago: did it help?", "h2"), items)
    if actions.coming:
        items = [
            Paragraph(
                f"{text(a.title)}{muted}"
                f"{text(f' — {_who(a)}, due {_short_date(a.due_on or a.created_on)}')}</font>",
                tick,
                bulletText="☐" if a.status != DONE else "☑",
            )
            for a in actions.coming[:COMING_MOST]
        ]
        if len(actions.coming) > COMING_MOST:
            left_over = len(actions.coming) - COMING_MOST
            items.append(Paragraph(text(f"… and {left_over} more: see the Actions page"), more))
        heading = para(f"Due in {month_label(actions.coming_month)}", "h2")
        story += _kept(heading, items)
    return story


def _kept(heading: Flowable, items: list[Flowable]) -> list[Flowable]:
    """A heading and its list: kept on one page when short, else the heading with the first
    two items (a long list then starts under what comes before instead of leaving it a
    half-empty page)."""
    if len(items) <= KEPT_WHOLE:
        return [KeepTogether([heading, *items])]
    return [KeepTogether([heading, *items[:2]]), *items[2:]]


def _more_line(left: Sequence[Action]) -> str:
    """ "… and 11 more (9 still open, 2 done): see the Actions page" """
    counts = [
        (sum(1 for a in left if a.is_open), "still open"),
        (sum(1 for a in left if a.status == DONE), "done"),
        (sum(1 for a in left if a.status == DROPPED), "dropped"),
    ]
    kinds = [f"{n} {what}" for n, what in counts if n]
    if len(kinds) == 1:  # "… and 9 more still open"
        return f"… and {len(left)} more {kinds[0].split(' ', 1)[1]}: see the Actions page"
    return f"… and {len(left)} more ({', '.join(kinds)}): see the Actions page"


def _tail(review: kpi_review.MonthlyReview, actions: ReviewActions | None = None) -> list[Flowable]:
    """The actions, last month's plan to tick off, and what we will do next."""
    s = styles()
    story: list[Flowable] = _actions(actions) if actions is not None else []
    previous = month_label(add_months(review.month, -1))
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
