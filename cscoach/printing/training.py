"""The training attendance sheet: blank, with lines to fill in and sign, or for one session
with its date, trainer, content and the standards it covered, and the names of those who
attended to sign beside — the record an inspector asks to see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from cscoach.model.dates import long_date
from cscoach.model.training import TrainingSession
from cscoach.printing.base import (
    INK,
    RULE,
    DocumentInfo,
    Paragraph,
    Table,
    build_pdf,
    frame_size,
    para,
    stacked_height,
    styles,
    text,
)

TITLE = "Training attendance"
BLANK_ROWS = 16  # at most, on the blank sheet (as many as one page holds)
EXTRA_ROWS = 3  # blank rows under a session's names, for someone not ticked
SIGN_ROW = 12 * mm


@dataclass(frozen=True)
class SheetSession:
    """One session as the sheet prints it (plain data: printing reads no workbook)."""

    held_on: str
    topic: str
    kind: str  # its label, "Role-play"
    trainer: str
    notes: str
    standards: tuple[str, ...]
    attendees: tuple[tuple[str, str], ...]  # (name, role)
    refresh_due_on: str | None = None


def sheet_session(session: TrainingSession, roles: dict[int, str]) -> SheetSession:
    """A session as the sheet prints it; ``roles`` by member id."""
    return SheetSession(
        session.held_on,
        session.topic,
        session.kind_label,
        session.trainer_label,
        session.notes,
        session.standards,
        tuple(
            (name, roles.get(member_id, ""))
            for member_id, name in zip(session.attendee_ids, session.attendees, strict=True)
        ),
        session.refresh_due_on,
    )


def _fields(rows: Sequence[tuple[str, Flowable | str]]) -> Table:
    s = styles()
    data = [[Paragraph(text(label), s["label"]), value] for label, value in rows]
    table = Table(data, colWidths=["24%", "76%"], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _blank_fields() -> Table:
    line = Spacer(0, 7 * mm)
    table = _fields(
        [
            ("Date", line),
            ("Topic", line),
            (
                "Kind",
                para("Soft skills  ☐    Product and technical  ☐    Role-play  ☐    Onboarding  ☐"),
            ),
            ("Run by", line),
            ("What was covered", Spacer(0, 16 * mm)),
            ("Standards covered", Spacer(0, 10 * mm)),
        ]
    )
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (1, 0), (1, 1), 0.6, RULE), ("LINEBELOW", (1, 3), (1, 5), 0.6, RULE)]
        )
    )
    return table


def _signatures(people: Sequence[tuple[str, str]], blank: int) -> Table:
    s = styles()
    header = [Paragraph(text(h), s["label"]) for h in ("Name", "Role", "Signature")]
    room = Spacer(0, SIGN_ROW - 6)
    rows: list[list[Flowable | str]] = [[para(name), para(role), room] for name, role in people]
    rows += [["", "", room] for _ in range(blank)]
    table = Table(
        [header, *rows],
        colWidths=["36%", "24%", "40%"],
        rowHeights=[8 * mm] + [None] * len(rows),
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.6, RULE),
                ("LINEBEFORE", (2, 1), (2, -1), 0.6, RULE),
            ]
        )
    )
    return table


def _trainer_line(trainer: str = "") -> Flowable:
    s = styles()
    label = "Trainer's signature" + (f" ({trainer})" if trainer else "")
    table = Table(
        [[Paragraph(text(label), s["label"]), Spacer(0, SIGN_ROW - 6), ""]],
        colWidths=["44%", "40%", "16%"],
    )
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (1, 0), (1, 0), 0.6, INK)]
        )
    )
    return KeepTogether([Spacer(0, 8 * mm), table])


def _session_story(session: SheetSession) -> list[Flowable]:
    rows: list[tuple[str, Flowable | str]] = [
        ("Date", para(long_date(session.held_on))),
        ("Topic", para(session.topic, "h2")),
        ("Kind", para(session.kind)),
        ("Run by", para(session.trainer)),
    ]
    if session.notes:
        rows.append(("What was covered", para(session.notes)))
    standards = "\n".join(f"• {title}" for title in session.standards)
    rows.append(("Standards covered", para(standards or "None in particular")))
    if session.refresh_due_on:
        rows.append(("Refresh by", para(long_date(session.refresh_due_on))))
    story: list[Flowable] = [_fields(rows), Spacer(0, 6 * mm)]
    story.append(
        para(
            "By signing, I confirm that I attended this session."
            if session.attendees
            else "No one is ticked as attending yet: each person writes their name and signs."
        )
    )
    story.append(Spacer(0, 3 * mm))
    blank = EXTRA_ROWS if session.attendees else BLANK_ROWS
    story += [_signatures(session.attendees, blank), _trainer_line(session.trainer)]
    return story


def attendance_sheet(info: DocumentInfo, sessions: Sequence[SheetSession]) -> bytes:
    """One sheet per session (each starting on a new page), or the blank sheet when
    ``sessions`` is empty."""
    story: list[Flowable] = [para(info.title, "title")]
    if info.business:
        story.append(para(info.business, "subtitle"))
    if not sessions:
        width, height = frame_size(info)
        for rows in range(BLANK_ROWS, 3, -1):  # as many lines to sign as one page holds
            page = [
                *story,
                _blank_fields(),
                Spacer(0, 6 * mm),
                para("By signing, I confirm that I attended this session."),
                Spacer(0, 3 * mm),
                _signatures([], rows),
                _trainer_line(),
            ]
            if stacked_height(page, width) <= height - 6:
                break
        return build_pdf(info, page)
    for n, session in enumerate(sessions):
        if n:
            story += [PageBreak(), para(info.title, "title")]
            if info.business:
                story.append(para(info.business, "subtitle"))
        story += _session_story(session)
    return build_pdf(info, story)
