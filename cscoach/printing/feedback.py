"""The *voice of the customer* for a month: what customers told us against the month before
(by kind and by theme), the themes that recur with the complaints behind them, the
complaints still open (those open too long flagged), a few compliments in their own words,
the praise per team member and the standards complaints named.

Plain data in (``feedback_report.VoiceOfCustomer``), PDF bytes out; every piece of user
text escaped, so it prints exactly as typed.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from cscoach.model.dates import long_date
from cscoach.model.feedback import FeedbackItem
from cscoach.model.feedback_patterns import OpenComplaint
from cscoach.model.feedback_report import VoiceOfCustomer, spell_items
from cscoach.model.months import month_label
from cscoach.printing.base import (
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    frame_size,
    layout,
    markup,
    para,
    styles,
    text,
    title_block,
)

TITLE = "Voice of the customer"
SPELL_SHOWN = 8  # complaints printed under a recurring theme (the newest); the rest counted
OPEN_SHOWN = 20  # open complaints printed (the oldest first); the rest counted
HEADER_BG = colors.HexColor("#eef2f4")
FLAG = colors.HexColor("#a0261d")
FLAG_HEX = "#a0261d"
MUTED_HEX = "#616e7c"


def _short_date(day: str) -> str:
    """ "3 Feb 2026" """
    value = dt.date.fromisoformat(day)
    return f"{value.day} {value:%b %Y}"


def _change(now: int, before: int) -> str:
    if now == before:
        return "same"
    return f"+{now - before}" if now > before else f"−{before - now}"


def _table(rows: list[list[object]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    table.setStyle(TableStyle(style))
    return table


def _head_number() -> ParagraphStyle:
    """A column heading over figures: right-aligned like them."""
    return ParagraphStyle("fhn", parent=styles()["label"], fontSize=8.5, leading=11, alignment=2)


def _cells() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    s = styles()
    head = ParagraphStyle("fh", parent=s["label"], fontSize=8.5, leading=11)
    cell = ParagraphStyle("fc", parent=s["body"], fontSize=9.5, leading=12)
    number = ParagraphStyle("fn", parent=cell, alignment=2)  # right-aligned figures
    name = ParagraphStyle("fname", parent=cell, fontName=FONT_BOLD)
    return head, cell, number, name


def _kinds(report: VoiceOfCustomer, width: float) -> list[Flowable]:
    head, cell, number, name = _cells()
    figures = _head_number()
    before = month_label(report.previous)
    rows: list[list[object]] = [
        [
            Paragraph("What customers told us", head),
            Paragraph("This month", figures),
            Paragraph(text(before), figures),
            Paragraph("Change", figures),
        ]
    ]
    for line in report.kinds:
        now, earlier = len(line.this_month), len(line.month_before)
        rows.append(
            [
                Paragraph(text(line.label), name),
                Paragraph(str(now), number),
                Paragraph(str(earlier), number),
                Paragraph(_change(now, earlier), number),
            ]
        )
    rows.append(
        [
            Paragraph("All feedback", name),
            Paragraph(f"<b>{report.total}</b>", number),
            Paragraph(f"<b>{report.total_before}</b>", number),
            Paragraph(_change(report.total, report.total_before), number),
        ]
    )
    figure = width * 0.16
    return [_table(rows, [width - 3 * figure, figure, figure, figure])]


def _themes(report: VoiceOfCustomer, width: float) -> list[Flowable]:
    if not report.themes:
        return [para("No themes this month or the month before.", "small")]
    head, cell, number, name = _cells()
    figures = _head_number()
    flag = ParagraphStyle("flag", parent=cell, fontName=FONT_BOLD, textColor=FLAG)
    rows: list[list[object]] = [
        [
            Paragraph("Theme", head),
            Paragraph("This month", figures),
            Paragraph("Complaints", figures),
            Paragraph(text(month_label(report.previous)), figures),
            Paragraph("Change", figures),
            Paragraph("", head),
        ]
    ]
    for line in report.themes:
        now, earlier = len(line.this_month), len(line.month_before)
        label = line.name if line.theme_id is not None else f"({line.name.lower()})"
        rows.append(
            [
                Paragraph(text(label), name if line.theme_id is not None else cell),
                Paragraph(str(now), number),
                Paragraph(str(len(line.complaints)), number),
                Paragraph(str(earlier), number),
                Paragraph(_change(now, earlier), number),
                Paragraph("⚑ Recurring" if line.recurring else "", flag),
            ]
        )
    figure = width * 0.13
    flag_width = width * 0.17
    return [
        _table(rows, [width - 4 * figure - flag_width, figure, figure, figure, figure, flag_width])
    ]


def _item_line(item: FeedbackItem, *, show_status: bool = True) -> str:
    """ "3 Feb 2026 · in person · resolved" in the program's markup (user text escaped)."""
    parts = [_short_date(item.received_on)]
    if item.channel:
        parts.append(text(item.channel))
    if show_status and item.status:
        parts.append(item.status)
    if item.members:
        parts.append("names " + text(", ".join(item.members)))
    return " · ".join(parts)


def _said(item: FeedbackItem, style: ParagraphStyle, line: str) -> Paragraph:
    """An item as one paragraph: ``line`` (its date, channel…) in small grey type, then what
    was said. One paragraph, so the line is never left alone at the foot of a page, and a
    long text runs on to the next page instead of leaving this one half empty."""
    small = styles()["small"]
    return Paragraph(
        f"<font size='{small.fontSize:g}' color='{MUTED_HEX}'>{line}</font><br/>{text(item.text)}",
        style,
    )


ROOM_UNDER_HEADING = 32 * mm  # a heading starts a new page unless this much fits under it


def _heading(value: str, style: str) -> list[Flowable]:
    """A heading in the program's markup that never ends a page: a new page when there is
    not room for it and the start of what follows (not ``keepWithNext``, which would move a
    long item whole to the next page, leaving this one half empty)."""
    loose = ParagraphStyle(f"{style}-loose", parent=styles()[style], keepWithNext=0)
    return [CondPageBreak(ROOM_UNDER_HEADING), Paragraph(value, loose)]


def _recurring(report: VoiceOfCustomer) -> list[Flowable]:
    s = styles()
    story = _heading("Recurring complaints", "h1")
    story.append(
        para(
            f"A theme recurs when it has {report.rule.recurring_text()} (change the rule on "
            "the Feedback page). The complaints behind each:",
            "small",
        )
    )
    said = ParagraphStyle("rsaid", parent=s["body"], leftIndent=12, spaceBefore=4)
    for found in report.recurring:
        for spell in found.spells:
            story += _heading(
                f"<font color='{FLAG_HEX}'>⚑</font> {text(found.name)}: {spell.count} "
                f"complaints from {long_date(spell.first)} to {long_date(spell.last)}",
                "h2",
            )
            items = spell_items(report, spell)
            if len(items) > SPELL_SHOWN:
                story.append(
                    para(
                        f"The newest {SPELL_SHOWN}; the other {len(items) - SPELL_SHOWN} are on "
                        "the Feedback page.",
                        "small",
                    )
                )
            story += [_said(item, said, _item_line(item)) for item in items[-SPELL_SHOWN:]]
    return story


def _open(report: VoiceOfCustomer) -> list[Flowable]:
    s = styles()
    story = _heading("Complaints still open", "h1")
    limit = report.rule.open_days
    if not report.open:
        story.append(
            para(
                f"None: every complaint received by the end of {month_label(report.month)} "
                "is resolved.",
                "small",
            )
        )
        return story
    late = sum(1 for c in report.open if c.overdue)
    story.append(
        para(
            f"As of {long_date(report.today)}: {len(report.open)} open, {late} of them for more "
            f"than {limit} day{'s' if limit != 1 else ''}. An unhappy customer tells many more "
            "people than a happy one: these come first.",
            "small",
        )
    )
    said = ParagraphStyle("osaid", parent=s["body"], spaceBefore=5)
    follow = ParagraphStyle("ofollow", parent=s["body"])
    for complaint in report.open[:OPEN_SHOWN]:
        story += _open_one(complaint, said, follow)
    more = len(report.open) - OPEN_SHOWN
    if more > 0:
        story.append(
            para(f"…and {more} more open complaints: the Feedback page lists them all.", "small")
        )
    return story


def _open_one(
    complaint: OpenComplaint, said: ParagraphStyle, follow: ParagraphStyle
) -> list[Flowable]:
    item = complaint.item
    days = f"open {complaint.days_open} day{'s' if complaint.days_open != 1 else ''}"
    if complaint.overdue:
        days = f"<font color='{FLAG_HEX}'><b>⚑ {days}</b></font>"
    owner = text(item.follow_up_name) if item.follow_up_name else "the owner"
    line = f"{_item_line(item, show_status=False)} · {days} · follow-up: {owner}"
    if item.severity:
        line += f" · {item.severity}"
    flow: list[Flowable] = [_said(item, said, line)]
    if item.customer_asked:
        flow.append(
            Paragraph(
                f"<font color='{MUTED_HEX}'>Asked for:</font> {text(item.customer_asked)}", follow
            )
        )
    if item.action_taken:
        flow.append(
            Paragraph(
                f"<font color='{MUTED_HEX}'>Done so far:</font> {text(item.action_taken)}", follow
            )
        )
    return flow


def _quotes(report: VoiceOfCustomer) -> list[Flowable]:
    if not report.quotes:
        return []
    s = styles()
    # upright: DejaVu Sans Oblique has no Arabic, and a quote must print whatever it says
    quote = ParagraphStyle(
        "vquote",
        parent=s["body"],
        fontSize=10.5,
        leading=13.5,
        leftIndent=14,
        spaceBefore=4,
    )
    by = ParagraphStyle("vby", parent=s["small"], leftIndent=14)
    story: list[Flowable] = []
    for n, item in enumerate(report.quotes):
        heading = [para("In their words", "h1")] if n == 0 else []
        story.append(
            KeepTogether(
                [
                    *heading,
                    Paragraph(f"“{text(item.text)}”", quote),
                    Paragraph("— " + _item_line(item), by),
                ]
            )
        )
    return story


def _people_and_standards(report: VoiceOfCustomer) -> list[Flowable]:
    story: list[Flowable] = []
    if report.praise:
        story.append(para("Praise by team member", "h2"))
        names = "  ·  ".join(f"<b>{text(t.label)}</b>\u00a0{t.count}" for t in report.praise)
        story.append(markup(names))
    if report.standards:
        story.append(para("Standards named in complaints", "h2"))
        s = styles()
        bullet = ParagraphStyle(
            "vstd", parent=s["body"], leftIndent=12, bulletIndent=0, bulletFontName=FONT
        )
        for tally in report.standards:
            complaints = "complaint" if tally.count == 1 else "complaints"
            story.append(
                Paragraph(
                    f"{text(tally.label)} "
                    f"<font color='{MUTED_HEX}'>({tally.count} {complaints})</font>",
                    bullet,
                    bulletText="•",
                )
            )
    return story


def voice_of_customer_document(info: DocumentInfo, report: VoiceOfCustomer) -> bytes:
    """The month's report, as many pages as it takes (usually one or two). The quotes of
    praise come last and only as many as fit on the pages the rest takes; when not one
    fits, two begin the next page together, and a single quote is left out: a page is never
    begun for one quote."""
    quotes = len(report.quotes)
    pages_without = layout(info, _story(info, report, 0))[1]
    for keep in range(quotes, 0, -1):
        pdf, pages = layout(info, _story(info, report, keep))
        if pages == pages_without:
            return pdf
    return build_pdf(info, _story(info, report, 2 if quotes >= 2 else 0))


def _story(info: DocumentInfo, report: VoiceOfCustomer, quotes: int) -> list[Flowable]:
    """The report with its first ``quotes`` quotes (a fresh story: flowables are laid out
    once)."""
    width = frame_size(info)[0]
    month = month_label(report.month)
    story: list[Flowable] = title_block(info)
    if report.total:
        thing = "thing" if report.total == 1 else "things"
        summary = (
            f"{report.total} {thing} customers told us in {month} "
            f"({report.total_before} in {month_label(report.previous)})."
        )
    else:
        summary = f"No feedback was written down in {month}."
    if report.recurring:
        names = ", ".join(r.name for r in report.recurring)
        summary += f" Recurring: {names}."
    story.append(para(summary, "small"))
    story.append(Spacer(0, 3 * mm))
    story += _kinds(report, width)
    story.append(Spacer(0, 4 * mm))
    story += _themes(report, width)
    if report.recurring:
        story += _recurring(report)
    story += _people_and_standards(report)
    story += _open(report)
    story += _quotes(report)[:quotes]
    return story
