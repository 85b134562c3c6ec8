"""The one-to-one sheet: one page per person for the owner's conversation with them.

Their role and start date, the standards they own with their review state and whether they
were trained on them, what customers said naming them, their stories, the training they
attended and what is missing, the questionnaire rounds they took part in (never what they
answered), then room to write notes and goals. Each person's page holds on one page: the
lists show fewer and shorter entries (with "and N more") until it does, and the room to
write takes what is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle

from cscoach.model.dates import long_date
from cscoach.model.one_to_one import OneToOne
from cscoach.printing.base import (
    INK,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    fitted,
    frame_size,
    markup,
    para,
    stacked_height,
    styles,
    text,
)

TITLE = "One-to-one"
LINE_GAP = 8 * mm  # between the ruled lines to write on
MIN_LINES = 4  # notes and goals each get at least this many lines
MAX_LINES = 12
GUTTER = 8 * mm
ROUNDS_SHOWN = 4  # the latest questionnaire rounds named; the earlier ones are counted


@dataclass(frozen=True)
class OwnedLine:
    title: str
    review: str  # "Next review 3 May 2027" or "Review overdue since …"
    review_overdue: bool
    training: str  # "Trained 12 June 2026" or "Not trained yet"
    trained: bool


@dataclass(frozen=True)
class Sheet:
    """One person's sheet (plain data: printing reads no workbook)."""

    name: str
    role: str
    started: str  # "Started 1 May 2022" or ""
    on_team: bool
    owned: tuple[OwnedLine, ...]
    feedback_since: str  # "22 November 2025"
    praise: tuple[tuple[str, str], ...]  # (date, what was said), newest first
    complaints: tuple[tuple[str, str, str], ...]  # (date, said, "open"/"resolved"), open first
    stories: tuple[tuple[str, str, str], ...]  # (date, value, what happened)
    sessions: tuple[tuple[str, str], ...]  # (date, "Topic (kind)")
    missing: tuple[str, ...]  # standards they own, not trained on
    refreshers: tuple[str, ...]  # sentences
    checklist: tuple[str, ...]  # open items of a new starter's checklist
    rounds: tuple[str, ...]  # "Team meeting, May 2026 (12 May 2026)", newest first


def _years(start: str, today: dt.date) -> str:
    first = dt.date.fromisoformat(start)
    months = (today.year - first.year) * 12 + today.month - first.month - (today.day < first.day)
    if months < 0:
        return "starts soon"
    if months < 12:
        return f"{months} month{'s' if months != 1 else ''} with us"
    years = months // 12
    return f"{years} year{'s' if years != 1 else ''} with us"


def sheet_from(o: OneToOne, today: dt.date) -> Sheet:
    """One person's sheet from what the model gathered."""
    record = o.record
    owned = tuple(
        OwnedLine(
            s.title,
            f"Review overdue since {long_date(s.next_review)}"
            if s.review_overdue
            else f"Next review {long_date(s.next_review)}",
            s.review_overdue,
            f"Trained {long_date(s.trained_on)}" if s.trained_on else "Not trained yet",
            s.trained,
        )
        for s in record.owned
    )
    start = o.member.start_date
    started = f"Started {long_date(start)} ({_years(start, today)})" if start else ""
    return Sheet(
        name=o.member.name,
        role=o.member.role,
        started=started,
        on_team=o.member.active,
        owned=owned,
        feedback_since=long_date(o.since),
        praise=tuple((long_date(i.received_on), i.text) for i in o.praise),
        # Open complaints first (what is still to talk about), each part newest first.
        complaints=tuple(
            (long_date(i.received_on), i.text, i.status or "open")
            for i in sorted(o.complaints, key=lambda i: (i.status or "open") != "open")
        ),
        stories=tuple(
            (long_date(s.happened_on), s.value_label, s.what_happened) for s in o.stories
        ),
        sessions=tuple(
            (long_date(s.held_on), f"{s.topic} ({s.kind_label.lower()})") for s in record.sessions
        ),
        missing=tuple(s.title for s in record.missing),
        refreshers=tuple(
            r.sentence(today).replace(f" for {o.member.name}", "")
            for r in record.refreshers
            if r.overdue(today) or r.due_soon(today)
        ),
        checklist=tuple(i.todo for i in o.checklist.open_items) if o.checklist else (),
        rounds=tuple(f"{r.name} ({long_date(r.held_on)})" for r in o.rounds),
    )


# (quotes of each kind, stories, sessions, lines per quote, standards owned), most generous
# first: a page tries each until the notes and goals get MIN_LINES lines each.
CAPS = (
    (4, 3, 8, 2, 14),
    (3, 3, 6, 2, 10),
    (3, 2, 5, 1, 8),
    (2, 2, 4, 1, 6),
    (2, 1, 3, 1, 5),
    (1, 1, 2, 1, 4),
    (1, 1, 1, 1, 3),
    (0, 0, 0, 1, 3),
    (0, 0, 0, 1, 2),
)


class Lines(Flowable):
    """``count`` ruled lines to write on, the width of the frame."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.count * LINE_GAP

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for n in range(self.count):
            y = self.count * LINE_GAP - (n + 1) * LINE_GAP + 1
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


@cache
def _heading_style() -> ParagraphStyle:
    base = styles()["h1"]
    return ParagraphStyle(
        "o2o-h", parent=base, fontSize=12.5, leading=16, spaceBefore=9, spaceAfter=3
    )


def _heading(value: str) -> Paragraph:
    return Paragraph(text(value), _heading_style())


class Cut(Protocol):
    def __call__(self, value: str, width: float, lines: int, style: str = "body") -> Paragraph: ...


def _cut(value: str, width: float, lines: int, style: str = "body") -> Paragraph:
    """``value`` in at most ``lines`` lines of ``width``, cut with "…" past them."""
    base = styles()[style]
    return fitted(value, base, width, lines * base.leading + 0.5, base.fontSize)[0]


def _cut_once() -> Cut:
    """``_cut``, remembering what it made. A page tries several caps, and each try cuts
    mostly the same texts in the same room again (a standard's title, a quote, the rounds);
    cutting a text to fit takes a dozen measurements. Two equal texts in the same room (the
    same praise twice on one day) share one paragraph, drawn in both places."""
    made: dict[tuple[str, float, int, str], Paragraph] = {}

    def cut(value: str, width: float, lines: int, style: str = "body") -> Paragraph:
        key = (value, width, lines, style)
        if key not in made:
            made[key] = _cut(value, width, lines, style)
        return made[key]

    return cut


def _counted(what: str, items: Sequence[str], shown: int) -> str:
    """``items`` counted, then the first ``shown`` of them (newest first): "3 sessions: a;
    b; c", or "53 sessions, the latest 2: a; b". The count comes first, so a line cut short
    with "…" still says how many there are."""
    count = f"{len(items)} {what}{'s' if len(items) != 1 else ''}"
    if len(items) <= shown:
        return f"{count}: " + "; ".join(items)
    latest = "the latest" if shown == 1 else f"the latest {shown}"
    return f"{count}, {latest}: " + "; ".join(items[:shown])


def _more(shown: int, total: int) -> list[Flowable]:
    if total > shown:
        return [para(f"… and {total - shown} more", "small")]
    return []


def _owned_table(sheet: Sheet, width: float, cap: int, cut: Cut = _cut) -> Flowable:
    """The standards they own, those needing attention first (review overdue, untrained)."""
    s = styles()
    header = [Paragraph(text(h), s["label"]) for h in ("Standard", "Review", "Training")]
    rows: list[list[Any]] = [header]
    owned = sorted(sheet.owned, key=lambda o: (not o.review_overdue, o.trained))
    for line in owned[:cap]:
        rows.append(
            [
                cut(line.title, width * 0.46 - 12, 2, "body"),
                markup(
                    f"<b>{text(line.review)}</b>" if line.review_overdue else text(line.review),
                    "small",
                ),
                markup(
                    text(line.training) if line.trained else f"<b>{text(line.training)}</b>",
                    "small",
                ),
            ]
        )
    table = Table(rows, colWidths=[width * 0.46, width * 0.28, width * 0.26], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _content(
    sheet: Sheet, width: float, caps: tuple[int, int, int, int, int], cut: Cut = _cut
) -> list[Flowable]:
    quotes, story_cap, session_cap, quote_lines, owned_cap = caps
    story: list[Flowable] = [para(f"{TITLE}: {sheet.name}", "title")]
    about = [sheet.role or "No role written down", sheet.started]
    if not sheet.on_team:
        about.append("no longer on the team")
    story.append(para(" · ".join(a for a in about if a), "subtitle"))

    story.append(_heading("Standards they own"))
    if sheet.owned:
        story.append(_owned_table(sheet, width, owned_cap, cut))
        story += _more(min(owned_cap, len(sheet.owned)), len(sheet.owned))
    else:
        story.append(para("None yet.", "small"))

    story.append(_heading(f"What customers said (since {sheet.feedback_since})"))
    counts = (
        f"{len(sheet.praise)} compliment{'s' if len(sheet.praise) != 1 else ''} and "
        f"{len(sheet.complaints)} complaint{'s' if len(sheet.complaints) != 1 else ''} "
        "named them."
    )
    story.append(para(counts))
    for day, said in sheet.praise[:quotes]:
        story.append(cut(f"{day} · praise: “{said}”", width, quote_lines, "quote"))
    story += _more(min(quotes, len(sheet.praise)), len(sheet.praise)) if quotes else []
    for day, said, state in sheet.complaints[:quotes]:
        story.append(cut(f"{day} · complaint ({state}): “{said}”", width, quote_lines, "quote"))
    story += _more(min(quotes, len(sheet.complaints)), len(sheet.complaints)) if quotes else []

    if sheet.stories:
        story.append(_heading("Their stories"))
        for day, value, what in sheet.stories[: max(story_cap, 1)]:
            lead = f"{day}{f' · {value}' if value else ''}: {what}"
            story.append(cut(lead, width, quote_lines, "quote"))
        story += _more(max(story_cap, 1), len(sheet.stories))

    story.append(_heading("Training"))
    if sheet.sessions:
        sessions = [f"{day} {topic}" for day, topic in sheet.sessions]
        attended = _counted("session", sessions, max(session_cap, 1))
        story.append(cut(f"Attended {attended}", width, 3))
    else:
        story.append(para("No training session recorded yet."))
    if sheet.missing:
        missing = f"Missing for the standards they own ({len(sheet.missing)}): "
        story.append(cut(missing + "; ".join(sheet.missing), width, 2))
    if sheet.refreshers:
        story.append(cut("Refreshers: " + "; ".join(sheet.refreshers), width, 2))
    if sheet.checklist:
        story.append(cut("First weeks, still to do: " + "; ".join(sheet.checklist), width, 2))

    story.append(_heading("Questionnaire rounds they took part in"))
    if sheet.rounds:
        rounds = _counted("round", sheet.rounds, ROUNDS_SHOWN)
    else:
        rounds = "None answered under their name."
    story.append(cut(rounds, width, 2))
    story.append(
        para("Answers are never shown here; anonymous rounds are never tied to anyone.", "small")
    )
    return story


def _notes(lines: int, width: float) -> list[Flowable]:
    """Notes and goals side by side, each with ``lines`` ruled lines to write on."""
    half = (width - GUTTER) / 2
    table = Table(
        [
            [_heading("Notes"), "", _heading("Goals until we next talk")],
            [Lines(lines), "", Lines(lines)],
        ],
        colWidths=[half, GUTTER, half],
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return [Spacer(0, 4), table]


def _fit(info: DocumentInfo, sheet: Sheet) -> tuple[list[Flowable], bool]:
    """The page of one person, and whether anything was left out or shortened."""
    width, height = frame_size(info)
    height -= 6  # reportlab's rounding
    notes = stacked_height(_notes(0, width), width)
    cut = _cut_once()
    tried: dict[int, tuple[list[Flowable], int]] = {}  # CAPS index -> content, lines left

    def attempt(n: int) -> tuple[list[Flowable], int]:
        if n not in tried:
            content = _content(sheet, width, CAPS[n], cut)
            lines = int((height - stacked_height(content, width) - notes) // LINE_GAP)
            tried[n] = content, lines
        return tried[n]

    # Fewer and shorter entries never make the page longer, so the caps that leave the notes
    # MIN_LINES lines are the last ones of CAPS. Most people's page holds everything (the
    # first caps); otherwise the first that leaves enough is found by halving (three or four
    # tries rather than up to nine). The last caps is taken even when it leaves fewer.
    low, high = 0, len(CAPS) - 1
    if attempt(0)[1] < MIN_LINES:
        low = 1
    else:
        high = 0
    while low < high:
        middle = (low + high) // 2
        if attempt(middle)[1] >= MIN_LINES:
            high = middle
        else:
            low = middle + 1
    content, lines = attempt(low)
    return content + _notes(max(1, min(lines, MAX_LINES)), width), low > 0


def one_to_one_document(info: DocumentInfo, sheets: Sequence[Sheet]) -> tuple[bytes, bool]:
    """One page per person (at least one); returns the PDF and whether some page shows
    fewer entries than there are."""
    if not sheets:
        raise ValueError("a one-to-one sheet needs a person")
    story: list[Flowable] = []
    shortened = False
    for n, sheet in enumerate(sheets):
        if n:
            story.append(PageBreak())
        page, cut = _fit(info, sheet)
        story += page
        shortened |= cut
    story.append(Spacer(0, 0))
    return build_pdf(info, story), shortened
