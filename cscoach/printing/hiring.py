"""Interview scorecards: a blank one to fill in with a pen during the interview, and a
filled one per candidate with their scores, notes and weighted percentage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from cscoach.model import hiring as hr
from cscoach.model.dates import long_date
from cscoach.model.hiring import Candidate, Criterion, Score, ScoreSummary
from cscoach.printing.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    markup,
    para,
    styles,
    text,
    title_block,
)
from cscoach.printing.flowables import RuledLines

TITLE = "Interview scorecard"
HOW_TO_SCORE = (
    "Ask the questions, listen for the signs and note what you hear; then score each quality "
    "from 1 (poor) to 5 (excellent). The weight says how much a quality counts (5 = essential). "
    "Rather than guess, leave a quality unscored: it is left out of the weighted score."
)
LIGHT = "#eef4f4"


def _style(name: str, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()["body"], **kw)


def _weight_text(weight: int) -> str:
    return hr.WEIGHT_LABELS.get(weight, str(weight)).replace(" — ", " · ")


def _form_fields(labels: Sequence[str]) -> Table:
    """Labels with a line to write on, two to a row."""
    s = styles()
    cells = [[Paragraph(text(label), s["label"]), ""] for label in labels]
    rows = [
        cells[n] + (cells[n + 1] if n + 1 < len(cells) else ["", ""])
        for n in range(0, len(cells), 2)
    ]
    table = Table(rows, colWidths=["16%", "32%", "19%", "33%"], rowHeights=[9 * mm] * len(rows))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _heading(number: int, criterion: Criterion) -> Table:
    """ "1. Empathy" on the left, its weight on the right."""
    quality = markup(f"{number}.&nbsp;&nbsp;{text(criterion.quality)}", "h2")
    weight = Paragraph(
        text(f"weight {_weight_text(criterion.weight)}"),
        _style("weight", fontSize=9, leading=12, textColor=MUTED, alignment=2),
    )
    table = Table([[quality, weight]], colWidths=["68%", "32%"])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ]
        )
    )
    return table


def _signs(criterion: Criterion) -> list[Flowable]:
    """What to look for and what to watch out for, side by side."""
    if not criterion.good_signs and not criterion.poor_signs:
        return []
    s = styles()
    small = _style("signs", fontSize=9.5, leading=12.5)
    table = Table(
        [
            [Paragraph("Look for", s["label"]), Paragraph("Watch out for", s["label"])],
            [
                Paragraph(text(criterion.good_signs or "—"), small),
                Paragraph(text(criterion.poor_signs or "—"), small),
            ],
        ],
        colWidths=["50%", "50%"],
        splitInRow=1,  # signs longer than a page would not fit otherwise (LayoutError)
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ("LINEBEFORE", (1, 0), (1, -1), 0.6, "white"),
            ]
        )
    )
    return [table]


def _questions(criterion: Criterion) -> list[Flowable]:
    if not criterion.questions:
        return []
    s = styles()
    item = _style("question", leftIndent=12, bulletIndent=2, spaceAfter=2)
    block: list[Flowable] = [Spacer(0, 2 * mm), Paragraph("Ask", s["label"])]
    block += [Paragraph(text(q), item, bulletText="•") for q in criterion.questions]
    return block


def _values_line(criterion: Criterion) -> list[Flowable]:
    if not criterion.values:
        return []
    return [para("Serves: " + ", ".join(criterion.values), "small"), Spacer(0, 1.5 * mm)]


class ScoreRow(Flowable):
    """ "Score" and five numbered boxes to tick, with what the ends mean, on one line."""

    box = 6.5 * mm
    gap = 8 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.box + 5.5 * mm

    def draw(self) -> None:
        c = self.canv
        y = 4 * mm
        c.setFillColor(MUTED)
        c.setFont(FONT_BOLD, 9)
        c.drawString(0, y + 2 * mm, "Score")
        start = 16 * mm
        for n in range(5):
            x = start + n * (self.box + self.gap)
            c.setStrokeColor(INK)
            c.setLineWidth(0.8)
            c.rect(x, y, self.box, self.box)
            c.setFillColor(MUTED)
            c.setFont(FONT, 8)
            c.drawCentredString(x + self.box / 2, y - 3.5 * mm, str(n + 1))
        end = start + 5 * self.box + 4 * self.gap
        c.setFont(FONT, 8.5)
        c.drawString(end + 6 * mm, y + 2 * mm, "1 = poor    3 = fair    5 = excellent")


class NotesLines(Flowable):
    """Ruled lines to write notes on, the first one labelled "Notes"."""

    def __init__(self, count: int = 3, spacing: float = 7 * mm) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing + 1 * mm

    def draw(self) -> None:
        c = self.canv
        top = self.count * self.spacing + 1 * mm
        c.setFillColor(MUTED)
        c.setFont(FONT_BOLD, 9)
        c.drawString(0, top - self.spacing + 1.5 * mm, "Notes")
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for n in range(1, self.count + 1):
            y = top - n * self.spacing
            start = 13 * mm if n == 1 else 0
            c.line(start, y, self.width, y)


def blank_scorecard(info: DocumentInfo, criteria: Sequence[Criterion]) -> bytes:
    """The scorecard to fill in with a pen: every criterion given (the active ones), with
    what to look for, its questions, 1–5 boxes and room for notes."""
    s = styles()
    story: list[Flowable] = [
        *title_block(info),
        _form_fields(["Candidate", "Role applied for", "Interviewer", "Date"]),
        Spacer(0, 5 * mm),
        para(HOW_TO_SCORE, "small"),
        Spacer(0, 2 * mm),
    ]
    for number, criterion in enumerate(criteria, start=1):
        story.append(
            KeepTogether(
                [
                    Spacer(0, 2.5 * mm),
                    _heading(number, criterion),
                    Spacer(0, 2 * mm),
                    *_values_line(criterion),
                    *_signs(criterion),
                    *_questions(criterion),
                    Spacer(0, 1.5 * mm),
                    ScoreRow(),
                    NotesLines(),
                ]
            )
        )
    closing: list[Flowable] = [
        Spacer(0, 5 * mm),
        Paragraph("Overall impression", s["h2"]),
        markup(
            "☐&nbsp;Offer the job&nbsp;&nbsp;&nbsp;&nbsp;☐&nbsp;Second interview"
            "&nbsp;&nbsp;&nbsp;&nbsp;☐&nbsp;Not this time",
            "body",
        ),
        RuledLines(3, 8 * mm),
    ]
    if not criteria:
        story.append(
            para(
                "There are no active hiring criteria yet. Add the qualities you hire for on "
                "the Hiring page, then print this scorecard again."
            )
        )
        story += closing
    else:
        story.append(KeepTogether([*_tally(criteria), *closing]))
    return build_pdf(info, story)


def _tally(criteria: Sequence[Criterion]) -> list[Flowable]:
    """A table to add up the weighted score by hand."""
    s = styles()
    cell = _style("tally", fontSize=9.5, leading=12)
    possible = sum(c.possible for c in criteria)
    header = [
        Paragraph(text(h), s["label"])
        for h in ("Quality", "Weight", "Score (1–5)", "Weight × score")
    ]
    rows = [[Paragraph(text(c.quality), cell), str(c.weight), "", ""] for c in criteria]
    total = [
        Paragraph("<b>Total</b>", cell),
        "",
        "",
        Paragraph(f"____ of {possible}", cell),
    ]
    table = Table(
        [header, *rows, total],
        colWidths=["50%", "12%", "17%", "21%"],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), styles()["body"].fontName),
                ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                ("ALIGN", (1, 1), (1, -1), "CENTER"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -2), 0.5, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 1, INK),
                ("BOX", (2, 1), (3, -2), 0.5, RULE),
                ("INNERGRID", (2, 1), (3, -2), 0.5, RULE),
                ("TOPPADDING", (0, 1), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
            ]
        )
    )
    return [
        Spacer(0, 6 * mm),
        Paragraph("Weighted score", s["h1"]),
        table,
        Spacer(0, 2 * mm),
        markup(
            "Weighted score = the total, as a percentage: ______ %"
            if possible == 100  # "total ÷ 100 × 100" says nothing
            else f"Weighted score = total ÷ {possible} × 100 = ______ %",
            "body",
        ),
        para(
            "If you left a quality unscored, take its weight × 5 off the "
            f"{possible} before dividing.",
            "small",
        ),
    ]


# -- the filled scorecard -------------------------------------------------------


def filled_scorecard(
    info: DocumentInfo,
    candidate: Candidate,
    rows: Sequence[tuple[Criterion, Score | None]],
    summary: ScoreSummary,
) -> bytes:
    """One candidate's scorecard: each criterion's score and note, missing ones shown as
    "not scored", and the weighted percentage over the criteria scored."""
    s = styles()
    story: list[Flowable] = [*title_block(info), _facts(candidate), Spacer(0, 5 * mm)]
    story.append(_score_box(summary))
    story.append(Spacer(0, 5 * mm))
    story += _score_table(rows, summary)
    if candidate.notes:
        story += [Paragraph("Interview notes", s["h1"]), para(candidate.notes)]
    return build_pdf(info, story)


def _facts(candidate: Candidate) -> Table:
    s = styles()
    date = long_date(candidate.interview_date) if candidate.interview_date else "—"
    facts = [
        ("Candidate", candidate.name),
        ("Role applied for", candidate.role or "—"),
        ("Interview date", date),
        ("Status", candidate.status_label),
    ]
    table = Table(
        [[Paragraph(text(k), s["label"]), para(v)] for k, v in facts],
        colWidths=["24%", "76%"],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _score_box(summary: ScoreSummary) -> Table:
    if summary.percent is None:
        big = _style("big", fontName=FONT_BOLD, fontSize=16, leading=20, textColor=MUTED)
        shown = "Not scored"
        detail = ["Nothing has been scored yet."]
    else:
        big = _style("big", fontName=FONT_BOLD, fontSize=26, leading=30, textColor=ACCENT)
        shown = hr.format_percent(summary.percent)
        detail = [
            f"Weighted score over {summary.scored} of the {summary.counted} qualities.",
            f"Σ weight × score = {summary.points} of a possible {summary.possible} "
            "(Σ weight × 5 over the qualities scored).",
        ]
    if summary.missing:
        detail.append("Not scored yet: " + ", ".join(summary.missing) + ".")
    table = Table(
        [[Paragraph(text(shown), big), para("\n".join(detail))]],
        colWidths=["26%", "74%"],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


SCORE_COLUMNS = ["52%", "12%", "36%"]  # quality, weight, score; the note goes below them


def _score_line(cells: list[Any], style: list[tuple[Any, ...]]) -> Table:
    table = Table([cells], colWidths=SCORE_COLUMNS)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *style,
            ]
        )
    )
    return table


def _score_table(
    rows: Sequence[tuple[Criterion, Score | None]], summary: ScoreSummary
) -> list[Flowable]:
    """Each quality on a line of its own (quality, weight, score) with its note below it
    across the whole width: a long note takes the lines it needs and runs on to the next
    page as ordinary text. The column headings stand once, above the first quality."""
    s = styles()
    cell = _style("cell", fontSize=9.5, leading=12.5)
    muted = ParagraphStyle("muted", parent=cell, textColor=MUTED)
    note_style = _style(
        "note", fontSize=9.5, leading=13, leftIndent=8, spaceAfter=4, allowWidows=0, allowOrphans=0
    )
    header = [Paragraph(text(h), s["label"]) for h in ("Quality", "Weight", "Score")]
    story: list[Flowable] = [_score_line(header, [("LINEBELOW", (0, 0), (-1, 0), 1, INK)])]
    for n, (criterion, score) in enumerate(rows):
        quality = f"<b>{text(criterion.quality)}</b>"
        if not criterion.active:
            quality += " <font color='#616e7c'>(retired)</font>"
        if score is None:
            shown = Paragraph("<i>not scored</i>", muted)
        else:
            label = hr.SCORE_LABELS.get(score.score, "")
            shown = Paragraph(f"<b>{score.score}</b> of 5 · {text(label)}", cell)
        rule = [] if n == 0 else [("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE)]
        line = _score_line([Paragraph(quality, cell), str(criterion.weight), shown], rule)
        block: list[Flowable] = [CondPageBreak(22 * mm), line]
        if score is not None:
            note = score.note.strip()
            block.append(
                Paragraph(
                    text(note) if note else "No note.",
                    note_style
                    if note
                    else ParagraphStyle("nonote", parent=note_style, textColor=MUTED),
                )
            )
        else:
            block.append(Spacer(0, 2 * mm))
        story += block
    progress = (
        f"{summary.points} of {summary.possible} points · {summary.progress}"
        if summary.scored
        else summary.progress
    )
    total = [
        Paragraph("<b>Weighted score</b>", cell),
        "",
        Paragraph(f"<b>{text(hr.format_percent(summary.percent))}</b>", cell),
    ]
    story.append(
        KeepTogether(
            [
                _score_line(total, [("LINEABOVE", (0, 0), (-1, 0), 1, INK)]),
                Paragraph(text(progress), ParagraphStyle("progress", parent=muted, alignment=2)),
            ]
        )
    )
    return story
