"""Every printable document by name, from an open workbook: one way for the app and the
command line to print the same thing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cscoach.model import hiring as hr
from cscoach.model import (
    hiring_scorecard,
    kpi_entries,
    kpi_review,
    kpi_series,
    settings,
    team,
    validate,
)
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.months import add_months, month_label
from cscoach.model.workbook import Workbook
from cscoach.printing.info import DocumentInfo
from cscoach.printing.names import DOCUMENT_TITLES


@dataclass(frozen=True)
class PrintRequest:
    """What the user chose: the document and its options (None means the default)."""

    document: str
    page_size: str | None = None
    round_name: str | None = None
    round_id: int | None = None
    version: int | None = None  # philosophy version; None: the latest published, else draft
    draft: bool = False
    month: str | None = None  # YYYY-MM: monthly review, feedback; None: the latest with data
    candidate_name: str | None = None  # a filled scorecard; None: the blank one
    today: dt.date | None = None
    session_id: int | None = None  # training: one session's sheet; None: see session_date
    session_date: str | None = None  # training: the sessions of that day; None: blank
    member_id: int | None = None  # one-to-one: one person; None: see member_name
    member_name: str | None = None  # one-to-one: by name; None: everyone on the team

    @property
    def personal(self) -> bool:
        """True for what people said or what was said of them (the team's answers, a filled
        scorecard): saved readable by its owner only."""
        return self.document in ("answers", "one-to-one") or (
            self.document == "scorecard" and bool(self.candidate_name)
        )


@dataclass(frozen=True)
class Printed:
    """A rendered document and anything the owner must know before printing it."""

    pdf: bytes
    warnings: tuple[str, ...] = ()


def _info(
    wb: Workbook, request: PrintRequest, title: str, subtitle: str = "", footer_note: str = ""
) -> DocumentInfo:
    size = (request.page_size or settings.page_size(wb)).lower()
    if size not in settings.PAGE_SIZES:
        raise ValidationError("page_size", f"Page size must be a4 or letter, not “{size}”.")
    return DocumentInfo(
        title=title,
        business=settings.business_name(wb),
        page_size=size,
        printed_on=request.today,
        subtitle=subtitle,
        footer_note=footer_note,
    )


def _questionnaire(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.questionnaire import blank_form

    questions = [(q.section, q.text, q.kind) for q in qn.list_questions(wb, include_retired=False)]
    return blank_form(_info(wb, request, "Team questionnaire"), questions)


def _answers(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.questionnaire import answers_document

    if request.round_id is not None:
        rnd = qn.get_round(wb, request.round_id)
    elif request.round_name:
        rnd = qn.find_round(wb, request.round_name)
    else:
        latest = qn.latest_round(wb)
        if latest is None:
            raise ValidationError("round", "There are no questionnaire rounds to print yet.")
        rnd = latest
    views = qn.round_answers(wb, rnd.id)
    return answers_document(_info(wb, request, f"Team answers: {rnd.name}"), views)


def _philosophy(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.philosophy import TITLE, philosophy_document

    versions = ph.list_versions(wb)
    if request.version is not None:
        content = ph.version_content(wb, request.version)
    elif versions and not request.draft:
        content = ph.version_content(wb, versions[0].number)
    else:
        content = ph.draft_content(wb)
    return philosophy_document(_info(wb, request, TITLE), content)


def _standards_note(wb: Workbook, request: PrintRequest) -> str:
    """When the standards were last reviewed, and the next review while it is still ahead (of
    the day the document is printed). An overdue review is the owner's business, shown in the
    app, not on the team's wall."""
    summary = st.review_summary(wb)
    parts = []
    if summary.last_reviewed:
        parts.append(f"Reviewed {long_date(summary.last_reviewed)}")
    if (
        summary.next_review
        and summary.next_review >= (request.today or dt.date.today()).isoformat()
    ):
        parts.append(f"next review {long_date(summary.next_review)}")
    return " · ".join(parts)


NAMED = 10  # the most standards a warning names before it counts the rest


def _poster(wb: Workbook, request: PrintRequest) -> Printed:
    from cscoach.printing.standards import poster

    items = [s for s in st.list_standards(wb, status="active") if s.on_poster]
    info = _info(wb, request, "Our service standards", footer_note=_standards_note(wb, request))
    result = poster(info, st.one_clear_message(wb), items)
    warnings = []
    if result.not_fitted:
        names = "; ".join(f"“{title}”" for title in result.left_out[:NAMED])
        if len(result.left_out) > NAMED:
            names += f" and {len(result.left_out) - NAMED} more"
        warnings.append(
            f"{result.not_fitted} of the {len(items)} standards marked for the poster did not "
            f"fit on one page, even in the smallest readable type: {names}. The poster says "
            "how many more are in the handbook. Take some off the poster to show them all."
        )
    if "message" in result.cut:
        warnings.append(
            "The one clear message did not fit at the top of the poster, even in small type, "
            "so it is cut short (it ends with “…”). Shorten the first paragraph of “Our one "
            "clear message” on the Philosophy page to show it whole."
        )
    if "business" in result.cut:
        warnings.append(
            "The business name is too long for the top of the poster, so it is cut short "
            "(it ends with “…”)."
        )
    return Printed(result.pdf, tuple(warnings))


def _handbook(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.standards import handbook

    today = request.today or dt.date.today()
    items = st.list_standards(wb, status="active")
    info = _info(
        wb, request, "Service standards handbook", footer_note=_standards_note(wb, request)
    )
    return handbook(info, items, today)


def _signoff(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.standards import signoff

    people = [(m.name, m.role) for m in team.list_members(wb, active_only=True)]
    info = _info(wb, request, "Standards sign-off sheet", footer_note=_standards_note(wb, request))
    return signoff(info, people)


def _scorecard(wb: Workbook, request: PrintRequest) -> bytes:
    """The blank scorecard, or the filled one of ``request.candidate_name`` (an unknown
    name is refused with the close matches)."""
    from cscoach.printing.hiring import TITLE, blank_scorecard, filled_scorecard

    name = request.candidate_name
    if name is None or not name.strip():
        criteria = hr.list_criteria(wb, include_retired=False)
        return blank_scorecard(_info(wb, request, TITLE), criteria)
    candidate = hiring_scorecard.find_candidate(wb, name)
    card = hiring_scorecard.scorecard(wb, candidate.id)
    info = _info(wb, request, f"{TITLE}: {candidate.name}")
    return filled_scorecard(info, card.candidate, card.rows, card.summary)


def _culture_map(wb: Workbook, request: PrintRequest) -> bytes:
    from dataclasses import replace

    from cscoach.model.culture_map import culture_map
    from cscoach.printing.culture_map import culture_map_document

    info = replace(_info(wb, request, "Culture map"), landscape=True)
    return culture_map_document(info, culture_map(wb, request.today))


def _monthly_review(wb: Workbook, request: PrintRequest) -> bytes:
    """The review of ``request.month`` (default: the latest month with a value) with the
    charts of the year up to it and the month's feedback in two lines.

    Raises:
        ValidationError: the month is malformed or in the future, or there is nothing to
            review yet.
    """
    from cscoach.model.action_loop import review_actions
    from cscoach.model.feedback_links import month_feedback
    from cscoach.model.training_record import review_training
    from cscoach.printing.monthly_review import CHART_MONTHS, TITLE, monthly_review_document

    month = request.month
    if month:
        month = validate.month(month, "month", "Month", today=request.today)
    else:
        month = kpi_entries.latest_month(wb)
        if month is None:
            raise ValidationError(
                "month", "There are no KPI values yet: enter a month's figures to review it."
            )
    review = kpi_review.monthly_review(wb, month, today=request.today)
    first = add_months(month, -(CHART_MONTHS - 1))
    series = kpi_series.dashboard_series(wb, first, month, today=request.today)
    info = _info(wb, request, f"{TITLE}: {month_label(month)}")
    said = month_feedback(wb, month, today=request.today)
    today = request.today or dt.date.today()
    actions = review_actions(wb, month, today)
    training = review_training(wb, month, today=today)
    return monthly_review_document(info, review, series, said, actions, training)


def _feedback(wb: Workbook, request: PrintRequest) -> bytes:
    """The voice of the customer for ``request.month`` (default: the latest month with
    feedback).

    Raises:
        ValidationError: the month is malformed or in the future, or there is no feedback.
    """
    from cscoach.model import feedback, feedback_report
    from cscoach.printing.feedback import TITLE, voice_of_customer_document

    month = request.month
    if month:
        month = validate.month(month, "month", "Month", today=request.today)
    else:
        month = feedback.latest_month(wb)
        if month is None:
            raise ValidationError(
                "month", "There is no feedback yet: write down what customers say first."
            )
    report = feedback_report.voice_of_customer(wb, month, today=request.today)
    return voice_of_customer_document(_info(wb, request, f"{TITLE}: {month_label(month)}"), report)


def _you_said_we_did(wb: Workbook, request: PrintRequest) -> Printed:
    """The wall print of the shared actions done (and dropped) in the last six months.

    Raises:
        ValidationError: no shared action was done or dropped in that time.
    """
    from cscoach.model import action_loop
    from cscoach.printing.you_said_we_did import TITLE, you_said_we_did_document

    today = request.today or dt.date.today()
    wall = action_loop.you_said_we_did(wb, today)
    if wall.empty:
        raise ValidationError(
            "document",
            "Nothing to put on the wall yet: no action shared with the team was done or "
            f"dropped in the last {action_loop.YOU_SAID_MONTHS} months. Tick “Share with the "
            "team” on an action when it is done.",
        )
    result = you_said_we_did_document(_info(wb, request, TITLE), wall)
    warnings = []
    total = len(wall.done) + len(wall.dropped)
    left_out = wall.left_out + total - result.shown
    if left_out:
        warnings.append(
            f"{left_out} more shared action{'s' if left_out != 1 else ''} did not fit on the "
            "page; it shows the newest ones in big type."
        )
    if result.shortened:
        warnings.append(
            "Some lines were cut short (they end with “…”) to keep the type big enough to read "
            "from across the room. Shorter titles and outcomes print whole."
        )
    return Printed(result.pdf, tuple(warnings))


def _training(wb: Workbook, request: PrintRequest) -> bytes:
    """The attendance sheet of ``request.session_id``, of the sessions held on
    ``request.session_date``, or the blank one.

    Raises:
        ValidationError: (``session``) no session on that day (the nearest are named).
    """
    from cscoach.model import training
    from cscoach.printing.training import TITLE, attendance_sheet, sheet_session

    if request.session_id is not None:
        sessions = [training.get_session(wb, request.session_id)]
    elif request.session_date:
        sessions = list(reversed(training.sessions_on(wb, request.session_date)))
    else:
        sessions = []
    roles = {m.id: m.role for m in team.list_members(wb)}
    sheets = [sheet_session(s, roles) for s in sessions]
    return attendance_sheet(_info(wb, request, TITLE), sheets)


def _story(wb: Workbook, request: PrintRequest) -> Printed:
    """The story of the month for the wall: the stories featured in ``request.month``
    (default: this month), else the stories that happened in it.

    Raises:
        ValidationError: the month is malformed or after next month, or it has no story.
    """
    from cscoach.model import stories
    from cscoach.printing.story import TITLE, story_document, wall_story

    today = request.today or dt.date.today()
    this_month = today.strftime("%Y-%m")
    month = this_month
    if request.month:
        ahead = dt.date.fromisoformat(add_months(this_month, 1) + "-01")
        month = validate.month(request.month, "month", "Month", today=ahead)
    warnings = []
    chosen = stories.featured_stories(wb, month)
    if not chosen:
        chosen = stories.stories_in_month(wb, month)
        if not chosen:
            raise ValidationError(
                "month",
                f"There is no story for {month_label(month)} yet: write one on Training › "
                "Stories (a compliment naming someone is a good start), then feature it.",
            )
        warnings.append(
            f"No story is featured for {month_label(month)}, so the sheet shows the "
            f"{len(chosen)} stor{'y' if len(chosen) == 1 else 'ies'} that happened in it. "
            "Feature one on Training › Stories to choose."
        )
    result = story_document(
        _info(wb, request, TITLE), month_label(month), [wall_story(s) for s in chosen]
    )
    if result.shortened:
        warnings.append(
            "What happened was cut short (it ends with “…”) to keep the type big enough to "
            "read from across the room. A shorter story prints whole."
        )
    return Printed(result.pdf, tuple(warnings))


def _one_to_one(wb: Workbook, request: PrintRequest) -> Printed:
    """The one-to-one sheet of ``request.member_id`` or ``request.member_name`` (an
    unknown name is refused with the close matches), or of everyone on the team.

    Raises:
        ValidationError: (``member``) no such member, or no one on the team.
    """
    from cscoach.model import one_to_one, training
    from cscoach.printing.one_to_one import TITLE, one_to_one_document, sheet_from

    today = request.today or dt.date.today()
    if request.member_id is not None:
        ids = [request.member_id]
    elif request.member_name is not None and request.member_name.strip():
        ids = [training.find_member(wb, request.member_name)[0]]
    else:
        ids = [m.id for m in team.list_members(wb, active_only=True)]
        if not ids:
            raise ValidationError("member", "There is no one on the team yet.")
    sheets = [sheet_from(one_to_one.one_to_one(wb, i, today=today), today) for i in ids]
    title = f"{TITLE}: {sheets[0].name}" if len(sheets) == 1 else TITLE
    pdf, shortened = one_to_one_document(_info(wb, request, title), sheets)
    warnings: tuple[str, ...] = ()
    if shortened:
        warnings = ("Some lists were shortened (“… and N more”) to keep each person on one page.",)
    return Printed(pdf, warnings)


Renderer = Callable[[Workbook, PrintRequest], bytes | Printed]

RENDERERS: dict[str, Renderer] = {
    "philosophy": _philosophy,
    "questionnaire": _questionnaire,
    "answers": _answers,
    "poster": _poster,
    "standards": _handbook,
    "signoff": _signoff,
    "scorecard": _scorecard,
    "monthly-review": _monthly_review,
    "culture-map": _culture_map,
    "feedback": _feedback,
    "you-said-we-did": _you_said_we_did,
    "training": _training,
    "story": _story,
    "one-to-one": _one_to_one,
}
# Each document's title (``names``, which the command line reads) and how it is printed.
DOCUMENTS: dict[str, tuple[str, Renderer]] = {
    name: (title, RENDERERS[name]) for name, title in DOCUMENT_TITLES.items()
}


def render(wb: Workbook, request: PrintRequest) -> Printed:
    """The requested document, rendered."""
    if request.document not in DOCUMENTS:
        known = ", ".join(DOCUMENTS)
        raise ValidationError(
            "document", f"Unknown document “{request.document}” (known: {known})."
        )
    if request.page_size and request.page_size.lower() not in settings.PAGE_SIZES:
        raise ValidationError(
            "page_size", f"Page size must be a4 or letter, not “{request.page_size}”."
        )
    from cscoach.printing.scripts import collecting_missing, describe_missing

    with collecting_missing() as missing:
        result = DOCUMENTS[request.document][1](wb, request)
    printed = result if isinstance(result, Printed) else Printed(result)
    if missing:
        warning = (
            f"No font on this computer can draw {describe_missing(missing)}: "
            f"{'it prints' if len(missing) == 1 else 'they print'} as an empty box."
        )
        printed = Printed(printed.pdf, (*printed.warnings, warning))
    return printed
