"""Several locations side by side (``cscoach rollup``, File › Compare Locations…).

Plain data in (``model.rollup.Rollup``), PDF bytes out. Two tables with a column per
location: the month's KPIs (value, target, on or off target with a symbol as well as a
colour, the change since the month before), then the state of things today (standards
overdue for review, complaints still open and those open too long, recurring complaint
themes, the latest questionnaire's participation). Workbooks that could not be read are
named at the end with the reason. Up to three locations fit a portrait page; four or five
turn the page sideways; more are split into even groups of at most five.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from cscoach.model import kpis
from cscoach.model.dates import long_date
from cscoach.model.months import month_label
from cscoach.model.number_format import format_number, format_value
from cscoach.model.rollup import KpiCell, Location, Rollup
from cscoach.printing.base import (
    FONT_BOLD,
    INK,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    frame_size,
    markup,
    para,
    styles,
    text,
    title_block,
)

TITLE = "Locations compared"
PORTRAIT_MOST = 3  # locations on a portrait page; more turn it sideways
GROUP_MOST = 5  # locations in one table; more are split into groups
HEADER_BG = colors.HexColor("#eef2f4")
ON_HEX = "#1e6b2a"
OFF_HEX = "#a0261d"
MUTED_HEX = "#616e7c"


def info_for(rollup: Rollup, page_size: str) -> DocumentInfo:
    """The document's header: the business when the locations share one."""
    count = len(rollup.locations)
    return DocumentInfo(
        title=TITLE,
        business=rollup.business or f"{count} locations",
        page_size=page_size,
        printed_on=rollup.today,
        subtitle=f"KPIs for {month_label(rollup.month)} · everything else as of "
        f"{long_date(rollup.today.isoformat())}",
        landscape=max(len(g) for g in _groups(rollup.locations)) > PORTRAIT_MOST,
    )


def _groups(locations: Sequence[Location]) -> list[Sequence[Location]]:
    """The locations in as few tables as GROUP_MOST allows, the tables as even as can be
    (six locations: two tables of three, not five and one)."""
    if not locations:
        return []
    count = -(-len(locations) // GROUP_MOST)
    size = -(-len(locations) // count)
    return [locations[i : i + size] for i in range(0, len(locations), size)]


def rollup_pdf(rollup: Rollup, info: DocumentInfo) -> bytes:
    story: list[Flowable] = [*title_block(info)]
    width = frame_size(info)[0]
    groups = _groups(rollup.locations)
    for n, group in enumerate(groups):
        if n:
            story.append(CondPageBreak(120 * mm))
        first = sum(len(g) for g in groups[:n]) + 1
        last = first + len(group) - 1
        shown = ""
        if len(groups) > 1:
            shown = f" (location {first})" if first == last else f" (locations {first}–{last})"
        story.append(markup(f"KPIs in {text(month_label(rollup.month))}{shown}", "h1"))
        story.append(_kpi_table(rollup, group, width))
        story.append(markup(f"Standards, complaints and the team{shown}", "h1"))
        story.append(_state_table(group, width))
    story.append(Spacer(1, 4 * mm))
    story.append(
        para(
            "✓ on target, ✗ off target; ▲ ▼ ▶ the change since the month before, said better "
            "or worse for that KPI. Open complaints and recurring themes are as of today, "
            "whatever the month.",
            "small",
        )
    )
    if rollup.skipped:
        entries = [
            KeepTogether([para(skipped.path.name, "h2"), para(skipped.reason, "small")])
            for skipped in rollup.skipped
        ]
        intro = para(
            "These workbooks could not be read, so they are left out. Nothing in them was changed.",
            "body",
        )
        story.append(KeepTogether([markup("Not compared", "h1"), intro, entries[0]]))
        story.extend(entries[1:])
    return build_pdf(info, story)


# -- the tables -------------------------------------------------------------------------------


def _cell_styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    body = styles()["body"]
    value = ParagraphStyle("value", parent=body, fontSize=10, leading=13)
    small = ParagraphStyle("cellsmall", parent=body, fontSize=8.5, leading=11)
    head = ParagraphStyle("cellhead", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12)
    return value, small, head


def _widths(width: float, columns: int) -> list[float]:
    first = min(48 * mm, width * 0.28)
    return [first] + [(width - first) / columns] * columns


def _table(rows: list[list[Flowable]], width: float, columns: int) -> Table:
    table = Table(rows, colWidths=_widths(width, columns), repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _header(group: Sequence[Location], first: str) -> list[Flowable]:
    _, small, head = _cell_styles()
    cells: list[Flowable] = [Paragraph(text(first), head)]
    for loc in group:
        file_name = (
            f"<br/><font color='{MUTED_HEX}' size='8'>{text(loc.path.name)}</font>"
            if loc.label != loc.path.stem
            else ""
        )
        cells.append(Paragraph(f"{text(loc.label)}{file_name}", head))
    return cells


def _kpi_table(rollup: Rollup, group: Sequence[Location], width: float) -> Flowable:
    value_style, small, head = _cell_styles()
    rows: list[list[Flowable]] = [_header(group, "KPI")]
    for name in rollup.kpi_names:
        row: list[Flowable] = [Paragraph(text(name), value_style)]
        for loc in group:
            cell = loc.kpis.get(name)
            row.append(_kpi_cell(cell, value_style))
        rows.append(row)
    if not rollup.kpi_names:
        rows.append(
            [Paragraph("No KPIs yet", value_style)] + [Paragraph("—", value_style) for _ in group]
        )
    return _table(rows, width, len(group))


def _kpi_cell(cell: KpiCell | None, style: ParagraphStyle) -> Paragraph:
    if cell is None:
        return Paragraph(f"<font color='{MUTED_HEX}'>not measured here</font>", style)
    if cell.value is None:
        return Paragraph(f"<font color='{MUTED_HEX}'>not entered</font>", style)
    lines = [f"<b>{text(format_value(cell.value, cell.unit))}</b>"]
    if cell.status == kpis.ON_TARGET:
        lines[0] += f" <font color='{ON_HEX}'>✓</font>"
    elif cell.status == kpis.OFF_TARGET:
        lines[0] += f" <font color='{OFF_HEX}'>✗</font>"
    small: list[str] = []
    if cell.target is not None:
        small.append(f"target {text(format_number(cell.target))}")
    if cell.trend is not None:
        arrow = {"up": "▲", "down": "▼", "flat": "▶"}[cell.trend]
        if cell.trend == "flat":
            small.append(f"{arrow} same")
        else:
            word = "better" if cell.better else "worse"
            colour = ON_HEX if cell.better else OFF_HEX
            small.append(f"<font color='{colour}'>{arrow} {word}</font>")
    if small:
        lines.append(f"<font size='8.5' color='{MUTED_HEX}'>{' · '.join(small)}</font>")
    return Paragraph("<br/>".join(lines), style)


def _state_table(group: Sequence[Location], width: float) -> Flowable:
    value_style, small, head = _cell_styles()
    rows: list[list[Flowable]] = [_header(group, "")]

    def row(label: str, cells: list[str]) -> None:
        rows.append(
            [Paragraph(text(label), value_style)] + [Paragraph(cell, value_style) for cell in cells]
        )

    row("Standards overdue for review", [_standards(loc) for loc in group])
    row("Complaints still open", [_complaints(loc) for loc in group])
    row("Complaints that keep coming back", [_recurring(loc) for loc in group])
    row("Latest team questionnaire", [_round(loc) for loc in group])
    return _table(rows, width, len(group))


def _muted(value: str) -> str:
    return f"<font size='8.5' color='{MUTED_HEX}'>{value}</font>"


def _flag(value: str, bad: bool) -> str:
    return f"<font color='{OFF_HEX}'><b>{value}</b></font>" if bad else f"<b>{value}</b>"


def _standards(loc: Location) -> str:
    if not loc.standards_active:
        return _muted("no standards yet")
    head = _flag(f"{loc.standards_overdue} of {loc.standards_active}", loc.standards_overdue > 0)
    names = [text(title) for title in loc.overdue_titles]
    more = loc.standards_overdue - len(names)
    if more > 0:
        names.append(f"and {more} more")
    return head + ("<br/>" + _muted("; ".join(names)) if names else "")


def _complaints(loc: Location) -> str:
    if not loc.complaints_open:
        return "<b>none</b>"
    head = _flag(str(loc.complaints_open), True)
    days = loc.complaints_oldest_days
    parts = [f"the oldest for {days} day{'s' if days != 1 else ''}" if days else "all from today"]
    if loc.complaints_too_long:
        parts.append(f"{loc.complaints_too_long} open more than {loc.open_days} days")
    return head + "<br/>" + _muted("; ".join(parts))


def _recurring(loc: Location) -> str:
    if not loc.recurring:
        return "<b>none</b>"
    return "<br/>".join(_flag(text(sentence), True) for sentence in loc.recurring)


def _round(loc: Location) -> str:
    if loc.round_name is None:
        return _muted("no round yet")
    share = f"{loc.answered} of {loc.team} answered"
    held = long_date(loc.round_held_on) if loc.round_held_on else ""
    return f"<b>{share}</b><br/>" + _muted(f"{text(loc.round_name)} · {text(held)}")
