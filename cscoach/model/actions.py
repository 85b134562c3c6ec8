"""Actions: what the business decided to do about something it found, and what came of it.

An action has a title, where it came from (its ``Source``: a questionnaire round or one of
its questions, a feedback item or theme, a KPI's review of a month, the monthly review as a
whole, a standard, or nothing), an owner (a team member, or the owner of the business), a
due date, a status (planned, doing, done, dropped), the day it was done, what came of it,
whether it is shared on the "You said, we did" wall print, and — about a month after it was
done — whether it helped (yes, not yet, no) and when that was answered.

A deleted source leaves the action as it was: its link says where it came from with
"(deleted)". An owner who left the team stays its owner, shown as no longer on the team.

Public API (the UI needs nothing else; every write is one ``Workbook.transaction``, so one
step of Undo; no function reads the clock: the ones that need the day take ``today``):

``cscoach.model.actions`` (this module) — what an action is, and finding them:
    Constants: ``PLANNED DOING DONE DROPPED``, ``STATUSES``, ``STATUS_LABELS``,
        ``OPEN_STATUSES``; ``HELPED_YES HELPED_NOT_YET HELPED_NO``, ``HELPED_ANSWERS``,
        ``HELPED_LABELS``; source kinds ``NONE ROUND QUESTION FEEDBACK_ITEM FEEDBACK_THEME
        KPI_MONTH REVIEW STANDARD``, ``SOURCE_KINDS``, ``SOURCE_LABELS``; ``OWNER_LABEL``
        ("You (the owner)"), ``OWNER`` (0: the filter value for the owner);
        ``HELPED_AFTER_DAYS``.
    ``Source`` — where an action came from; made with ``Source.round(id)``,
        ``Source.question(round_question_id)``, ``Source.feedback_item(id)``,
        ``Source.feedback_theme(id)``, ``Source.kpi_month(kpi_id, "YYYY-MM")``,
        ``Source.review("YYYY-MM")``, ``Source.standard(id)``, or ``Source()`` for none.
    ``Action`` — one action as read: fields, and ``is_open``, ``status_label``,
        ``owner_label``, ``source_text`` (the link, "Feedback theme: Wait time"),
        ``overdue(today)``, ``days_overdue(today)``, ``awaiting_helped(today)``.
    ``ActionFilter`` — which actions to list (status or "open", owner, source kind,
        search, shared only, ids).
    ``list_actions(wb, filt=None)``, ``action_ids(wb, filt=None)``, ``count_actions``,
        ``get_action(wb, id)``.
    ``describe_source(wb, source)`` — the human label of a source, "(deleted)" when gone.
    Reverse lookups (the link both ways): ``actions_for(wb, source)``,
        ``actions_for_round``, ``actions_for_question``, ``actions_for_feedback_item``,
        ``actions_for_theme``, ``actions_for_kpi(wb, kpi_id, month=None)``,
        ``actions_for_review(wb, month)``, ``actions_for_standard``, and
        ``action_counts(wb, kind)`` ({source id: number of actions}, for a list's badges).
    ``owner_choices(wb, current=None)`` — (owner id or None, label) for an owner drop-down:
        the owner, every active member, and ``current`` even when they left.

``cscoach.model.actions_edit`` — checking and changing:
    ``ActionInput`` (``ActionInput.from_action(a)`` to change a field or two with
        ``dataclasses.replace``), ``clean_input``.
    ``add_action(wb, data, *, today)`` → id; ``update_action(wb, id, data, *, today,
        resolve_complaint=False)``; ``set_status(wb, id, status, *, today, done_on=None,
        resolve_complaint=False)`` (the tick at the monthly review); ``answer_helped(wb, id,
        answer, *, today)``; ``set_share(wb, id, share)``; ``delete_action``,
        ``delete_actions``; ``linked_open_complaint(wb, id)`` (the open complaint an action
        came from, which marking it done can resolve). Refusals are ``ValidationError``
        naming the field: ``title``, ``source``, ``owner_id``, ``due_on``, ``status``,
        ``done_on``, ``outcome``, ``helped``.

``cscoach.model.action_loop`` — the loop, for the Overview, the review and the charts:
    ``overdue_actions(wb, today)``, ``status_counts(wb)``, ``busy_owners(wb)`` (more than
    ``TOO_MANY_OPEN`` open), ``glance(wb, today)`` (all three and the did-it-help count in
    one ``ActionsGlance``, as the Overview's Actions card shows them),
    ``review_actions(wb, month, today)`` → ``ReviewActions``: ``to_tick`` (due in the
    reviewed month or before and still open, or done in it), ``coming`` (due the month
    after), ``did_it_help`` (done about a month ago, unanswered; only in the review of last
    month or this month); ``awaiting_helped(wb, today)``; ``kpi_marks(wb, kpi_id)`` (done
    actions from a KPI's review with the 3-month averages before and after and the tooltip
    text; ``KpiSeries.marks`` carries them to the charts, whose ``actions`` line has
    ``cscoach_actions`` = [(month, tooltip)] for a hover); ``you_said_we_did(wb, today)``.
    The Overview's next steps for actions have page "actions" and kind "overdue",
    "helped" or "owner" (item_id: the member's id, 0 for the owner).

``cscoach.model.calendar_ics`` — the owner's calendar:
    ``calendar_bytes(wb, *, today, now=None)`` (the .ics file's bytes),
    ``export_calendar(wb, path, *, today, now=None)`` (File › Export Calendar…: written
    whole, never over a workbook; raises ``WorkbookError`` for a workbook path, ``OSError``
    when the file cannot be written), ``review_day(wb)`` / ``set_review_day(wb, day)`` (the
    day of the month, 1–28, the monthly review repeats on; default 5; one Undo step).

Printing: ``PrintRequest("you-said-we-did")`` through ``printing.documents.render`` (the
wall print; ``ValidationError`` when nothing shared was done or dropped in six months, and
warnings when items were left out or cut short); the monthly review lists the actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model.dates import long_date
from cscoach.model.errors import ValidationError
from cscoach.model.months import month_label
from cscoach.model.workbook import Workbook

PLANNED, DOING, DONE, DROPPED = "planned", "doing", "done", "dropped"
STATUSES = (PLANNED, DOING, DONE, DROPPED)
STATUS_LABELS = {PLANNED: "Planned", DOING: "Doing", DONE: "Done", DROPPED: "Dropped"}
OPEN_STATUSES = (PLANNED, DOING)

HELPED_YES, HELPED_NOT_YET, HELPED_NO = "yes", "not yet", "no"
HELPED_ANSWERS = (HELPED_YES, HELPED_NOT_YET, HELPED_NO)
HELPED_LABELS = {HELPED_YES: "Yes", HELPED_NOT_YET: "Not yet", HELPED_NO: "No"}
HELPED_AFTER_DAYS = 28  # "did it help?" is asked about a month after an action was done
# ... and no longer once it has gone unanswered this long after (four monthly reviews): an
# old question the owner let pass is not asked for ever, in every review and the Overview
HELPED_STOP_DAYS = HELPED_AFTER_DAYS + 120

NONE = "none"
ROUND = "round"  # a questionnaire round
QUESTION = "question"  # one question as a round asked it (round_questions)
FEEDBACK_ITEM = "feedback_item"
FEEDBACK_THEME = "feedback_theme"
KPI_MONTH = "kpi_month"  # a KPI's review of one month
REVIEW = "review"  # the monthly review of one month as a whole
STANDARD = "standard"
SOURCE_KINDS = (NONE, ROUND, QUESTION, FEEDBACK_ITEM, FEEDBACK_THEME, KPI_MONTH, REVIEW, STANDARD)
SOURCE_LABELS = {
    NONE: "Nothing in particular",
    ROUND: "Questionnaire round",
    QUESTION: "Questionnaire question",
    FEEDBACK_ITEM: "Feedback",
    FEEDBACK_THEME: "Feedback theme",
    KPI_MONTH: "KPI review",
    REVIEW: "Monthly review",
    STANDARD: "Standard",
}

OWNER = 0  # ActionFilter.owner_id for the actions the owner of the business carries out
OWNER_LABEL = "You (the owner)"
MAX_TITLE = 200
MAX_OUTCOME = 5000


@dataclass(frozen=True, slots=True)
class Source:
    """Where an action came from. ``id`` is the row it names: the round, the round's
    question, the feedback item, the theme, the KPI or the standard (None for no source, the
    monthly review as a whole, or a source that was deleted); ``month`` is the reviewed
    month (``YYYY-MM``) of a KPI review or a monthly review."""

    kind: str = NONE
    id: int | None = None
    month: str | None = None

    @classmethod
    def round(cls, round_id: int) -> Source:
        return cls(ROUND, round_id)

    @classmethod
    def question(cls, round_question_id: int) -> Source:
        return cls(QUESTION, round_question_id)

    @classmethod
    def feedback_item(cls, item_id: int) -> Source:
        return cls(FEEDBACK_ITEM, item_id)

    @classmethod
    def feedback_theme(cls, theme_id: int) -> Source:
        return cls(FEEDBACK_THEME, theme_id)

    @classmethod
    def kpi_month(cls, kpi_id: int, month: str) -> Source:
        return cls(KPI_MONTH, kpi_id, month)

    @classmethod
    def review(cls, month: str) -> Source:
        return cls(REVIEW, None, month)

    @classmethod
    def standard(cls, standard_id: int) -> Source:
        return cls(STANDARD, standard_id)

    @property
    def deleted(self) -> bool:
        """The thing it named was deleted (the action keeps where it came from)."""
        return self.kind not in (NONE, REVIEW) and self.id is None


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    title: str
    source: Source
    source_text: str  # "Feedback theme: Wait time", "… (deleted)", "" for none
    round_id: int | None  # the round of a round or question source (to open it)
    owner_id: int | None  # None: the owner of the business
    owner_name: str  # the member's name, or OWNER_LABEL
    owner_active: bool  # False: the member has left the team
    due_on: str | None  # YYYY-MM-DD
    status: str
    done_on: str | None
    outcome: str  # what came of it (for a dropped action: why)
    share: bool  # on the "You said, we did" wall print
    helped: str | None  # "yes", "not yet", "no", or None (not asked yet)
    helped_on: str | None
    created_on: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def owner_label(self) -> str:
        """ "Ana", "Ana (no longer on the team)" or "You (the owner)"."""
        if self.owner_active:
            return self.owner_name
        return f"{self.owner_name} (no longer on the team)"

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today.isoformat()

    def days_overdue(self, today: dt.date) -> int:
        if not self.overdue(today):
            return 0
        assert self.due_on is not None
        return (today - dt.date.fromisoformat(self.due_on)).days

    def awaiting_helped(self, today: dt.date) -> bool:
        """Done about a month ago (``HELPED_AFTER_DAYS``) and "did it help?" not answered
        yet ("not yet" is asked again a month after it was given), and not let pass for
        four months since (``HELPED_STOP_DAYS``)."""
        if self.status != DONE or self.done_on is None:
            return False
        asked_after = (today - dt.timedelta(days=HELPED_AFTER_DAYS)).isoformat()
        let_pass = (today - dt.timedelta(days=HELPED_STOP_DAYS)).isoformat()
        if self.helped is None:
            return let_pass < self.done_on <= asked_after
        if self.helped == HELPED_NOT_YET and self.helped_on is not None:
            return let_pass < self.helped_on <= asked_after
        return False


@dataclass(frozen=True)
class ActionFilter:
    """Which actions to list; every field left as it is means "any"."""

    status: str | None = None  # one of STATUSES, or "open" (planned or doing)
    owner_id: int | None = None  # a team member, or OWNER for the owner of the business
    source_kind: str | None = None
    shared: bool | None = None
    search: str = ""  # in the title and what came of it, ignoring case
    ids: tuple[int, ...] | None = None


# -- describing a source ------------------------------------------------------------------


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def source_label(
    kind: str,
    *,
    round_name: str | None = None,
    position: int | None = None,
    item_kind: str | None = None,
    item_date: str | None = None,
    item_text: str | None = None,
    name: str | None = None,
    month: str | None = None,
) -> str:
    """The label of a source that exists, from what it is called ("" for none). ``name``
    is the theme's name, the KPI's or the standard's title."""
    if kind == ROUND:
        return f"Questionnaire: {round_name}"
    if kind == QUESTION:
        return f"Questionnaire: {round_name}, Q{position}"
    if kind == FEEDBACK_ITEM:
        day = long_date(item_date) if item_date else ""
        return f"{(item_kind or 'feedback').capitalize()} of {day}: “{_short(item_text or '')}”"
    if kind == FEEDBACK_THEME:
        return f"Feedback theme: {name}"
    if kind == KPI_MONTH:
        return f"{name} review, {month_label(month)}" if month else f"{name} review"
    if kind == REVIEW:
        return f"Monthly review, {month_label(month)}" if month else "Monthly review"
    if kind == STANDARD:
        return f"Standard: {name}"
    return ""


def deleted_label(kind: str, stored: str) -> str:
    """The label of a source that was deleted: as it was described when linked."""
    return f"{stored or SOURCE_LABELS.get(kind, 'Source')} (deleted)"


_SELECT = """
    SELECT a.id, a.title, a.source, a.source_label, a.round_id, a.round_question_id,
           a.feedback_item_id, a.feedback_theme_id, a.kpi_id, a.kpi_month, a.standard_id,
           a.owner_id, m.name, m.active, a.due_on, a.status, a.done_on, a.outcome, a.share,
           a.helped, a.helped_on, a.created_on,
           r.name, q.position, fi.kind, fi.received_on, fi.text, ft.name, k.name, s.title
    FROM actions a
    LEFT JOIN team_members m ON m.id = a.owner_id
    LEFT JOIN rounds r ON r.id = a.round_id
    LEFT JOIN round_questions q ON q.id = a.round_question_id
    LEFT JOIN feedback_items fi ON fi.id = a.feedback_item_id
    LEFT JOIN feedback_themes ft ON ft.id = a.feedback_theme_id
    LEFT JOIN kpis k ON k.id = a.kpi_id
    LEFT JOIN standards s ON s.id = a.standard_id
"""

# The list's order: open ones by due date (none last), then done (newest first), dropped.
_ORDER = """
    ORDER BY CASE a.status WHEN 'doing' THEN 0 WHEN 'planned' THEN 0 WHEN 'done' THEN 1
             ELSE 2 END,
             CASE WHEN a.status IN ('planned', 'doing') THEN coalesce(a.due_on, '9999')
                  ELSE '' END,
             coalesce(a.done_on, a.due_on, a.created_on) DESC, a.id
"""


def _action(r: Sequence[Any]) -> Action:
    (
        action_id,
        title,
        kind,
        stored_label,
        round_id,
        round_question_id,
        item_id,
        theme_id,
        kpi_id,
        kpi_month,
        standard_id,
        owner_id,
        member_name,
        member_active,
        due_on,
        status,
        done_on,
        outcome,
        share,
        helped,
        helped_on,
        created_on,
        round_name,
        position,
        item_kind,
        item_date,
        item_text,
        theme_name,
        kpi_name,
        standard_title,
    ) = r
    source_id = {
        ROUND: round_id,
        QUESTION: round_question_id,
        FEEDBACK_ITEM: item_id,
        FEEDBACK_THEME: theme_id,
        KPI_MONTH: kpi_id,
        STANDARD: standard_id,
    }.get(kind)
    source = Source(kind, source_id, kpi_month)
    if source.deleted:
        text = deleted_label(kind, stored_label)
    else:
        text = source_label(
            kind,
            round_name=round_name,
            position=position,
            item_kind=item_kind,
            item_date=item_date,
            item_text=item_text,
            name=theme_name or kpi_name or standard_title,
            month=kpi_month,
        )
    return Action(
        id=action_id,
        title=title,
        source=source,
        source_text=text,
        round_id=round_id,
        owner_id=owner_id,
        owner_name=member_name if owner_id is not None else OWNER_LABEL,
        owner_active=owner_id is None or bool(member_active),
        due_on=due_on,
        status=status,
        done_on=done_on,
        outcome=outcome,
        share=bool(share),
        helped=helped,
        helped_on=helped_on,
        created_on=created_on,
    )


def _where(filt: ActionFilter) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if filt.status == "open":
        where.append("a.status IN ('planned', 'doing')")
    elif filt.status:
        where.append("a.status = ?")
        params.append(filt.status)
    if filt.owner_id == OWNER:
        where.append("a.owner_id IS NULL")
    elif filt.owner_id is not None:
        where.append("a.owner_id = ?")
        params.append(filt.owner_id)
    if filt.source_kind:
        where.append("a.source = ?")
        params.append(filt.source_kind)
    if filt.shared is not None:
        where.append("a.share = ?")
        params.append(int(filt.shared))
    needle = " ".join(filt.search.split()).casefold()
    if needle:
        where.append("(instr(lower(a.title), ?) > 0 OR instr(lower(a.outcome), ?) > 0)")
        params += [needle, needle]
    if filt.ids is not None:
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append("[" + ",".join(str(int(i)) for i in filt.ids) + "]")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def select(
    wb: Workbook, where: str = "", params: Sequence[object] | Mapping[str, object] = ()
) -> list[Action]:
    """Actions read with a WHERE clause over ``actions a`` (for the modules beside this
    one), in the list's order."""
    args = params if isinstance(params, Mapping) else list(params)
    return [_action(r) for r in wb.conn.execute(_SELECT + where + _ORDER, args)]


def list_actions(wb: Workbook, filt: ActionFilter | None = None) -> list[Action]:
    """The actions ``filt`` picks: open ones first by due date (those without one last),
    then done ones newest first, then dropped ones."""
    where, params = _where(filt or ActionFilter())
    return select(wb, where, params)


def action_ids(wb: Workbook, filt: ActionFilter | None = None) -> list[int]:
    """The ids of the actions ``filt`` picks, in the order of ``list_actions``."""
    where, params = _where(filt or ActionFilter())
    return [r[0] for r in wb.conn.execute(f"SELECT a.id FROM actions a{where}{_ORDER}", params)]


def count_actions(wb: Workbook, filt: ActionFilter | None = None) -> int:
    where, params = _where(filt or ActionFilter())
    return int(wb.conn.execute(f"SELECT count(*) FROM actions a{where}", params).fetchone()[0])


def get_action(wb: Workbook, action_id: int) -> Action:
    found = select(wb, " WHERE a.id = ?", (action_id,))
    if not found:
        raise ValidationError("id", "That action no longer exists.")
    return found[0]


# -- the link both ways -------------------------------------------------------------------

SOURCE_COLUMNS = {
    ROUND: "round_id",
    QUESTION: "round_question_id",
    FEEDBACK_ITEM: "feedback_item_id",
    FEEDBACK_THEME: "feedback_theme_id",
    KPI_MONTH: "kpi_id",
    STANDARD: "standard_id",
}


def describe_source(wb: Workbook, source: Source) -> str:
    """The human label of ``source``: "Feedback theme: Wait time", "Questionnaire: Team
    meeting, May 2026, Q4", "CSAT review, November 2026", "Standard: Greet within 30 s";
    "" for none; "… (deleted)" when the thing it names is gone."""
    kind = source.kind
    if kind == NONE:
        return ""
    if kind == REVIEW:
        return source_label(REVIEW, month=source.month)
    row: Any = None
    if source.id is not None:
        if kind == ROUND:
            row = wb.conn.execute("SELECT name FROM rounds WHERE id = ?", (source.id,)).fetchone()
            if row:
                return source_label(ROUND, round_name=row[0])
        elif kind == QUESTION:
            row = wb.conn.execute(
                "SELECT r.name, q.position FROM round_questions q JOIN rounds r "
                "ON r.id = q.round_id WHERE q.id = ?",
                (source.id,),
            ).fetchone()
            if row:
                return source_label(QUESTION, round_name=row[0], position=row[1])
        elif kind == FEEDBACK_ITEM:
            row = wb.conn.execute(
                "SELECT kind, received_on, text FROM feedback_items WHERE id = ?", (source.id,)
            ).fetchone()
            if row:
                return source_label(
                    FEEDBACK_ITEM, item_kind=row[0], item_date=row[1], item_text=row[2]
                )
        else:
            table, column = {
                FEEDBACK_THEME: ("feedback_themes", "name"),
                KPI_MONTH: ("kpis", "name"),
                STANDARD: ("standards", "title"),
            }.get(kind, ("", ""))
            if table:
                row = wb.conn.execute(
                    f"SELECT {column} FROM {table} WHERE id = ?", (source.id,)
                ).fetchone()
                if row:
                    return source_label(kind, name=row[0], month=source.month)
    return deleted_label(kind, "")


def actions_for(wb: Workbook, source: Source) -> list[Action]:
    """The actions that came from ``source`` (a KPI source with no month: every month)."""
    if source.kind == REVIEW:
        return actions_for_review(wb, source.month or "")
    column = SOURCE_COLUMNS.get(source.kind)
    if column is None or source.id is None:
        return []
    where = f" WHERE a.source = ? AND a.{column} = ?"
    params: list[object] = [source.kind, source.id]
    if source.kind == KPI_MONTH and source.month:
        where += " AND a.kpi_month = ?"
        params.append(source.month)
    return select(wb, where, params)


def actions_for_round(wb: Workbook, round_id: int) -> list[Action]:
    """The actions from a round: from the round itself and from any of its questions."""
    return select(wb, " WHERE a.round_id = ?", (round_id,))


def actions_for_question(wb: Workbook, round_question_id: int) -> list[Action]:
    return actions_for(wb, Source.question(round_question_id))


def actions_for_feedback_item(wb: Workbook, item_id: int) -> list[Action]:
    return actions_for(wb, Source.feedback_item(item_id))


def actions_for_theme(wb: Workbook, theme_id: int) -> list[Action]:
    return actions_for(wb, Source.feedback_theme(theme_id))


def actions_for_kpi(wb: Workbook, kpi_id: int, month: str | None = None) -> list[Action]:
    """The actions from a KPI's review: of ``month``, or of every month."""
    return actions_for(wb, Source(KPI_MONTH, kpi_id, month))


def actions_for_review(wb: Workbook, month: str) -> list[Action]:
    """The actions written at the monthly review of ``month``, for the month as a whole or
    for one of its KPIs."""
    return select(wb, " WHERE a.source IN ('review', 'kpi_month') AND a.kpi_month = ?", (month,))


def actions_for_standard(wb: Workbook, standard_id: int) -> list[Action]:
    return actions_for(wb, Source.standard(standard_id))


def action_counts(wb: Workbook, kind: str, *, open_only: bool = False) -> dict[int, int]:
    """How many actions came from each source of ``kind``, by the source's id (a list of
    themes, items or standards shows them without asking once per row)."""
    column = SOURCE_COLUMNS.get(kind)
    if column is None:
        return {}
    extra = " AND status IN ('planned', 'doing')" if open_only else ""
    rows = wb.conn.execute(
        f"SELECT {column}, count(*) FROM actions WHERE source = ? AND {column} IS NOT NULL"
        f"{extra} GROUP BY {column}",
        (kind,),
    )
    return {int(r[0]): int(r[1]) for r in rows}


# -- owners -------------------------------------------------------------------------------


def owner_choices(wb: Workbook, current: int | None = None) -> list[tuple[int | None, str]]:
    """(owner id, label) for an owner drop-down: the owner of the business (None) first,
    then every active team member, then ``current`` when they have left the team."""
    choices: list[tuple[int | None, str]] = [(None, OWNER_LABEL)]
    rows = wb.conn.execute(
        "SELECT id, name, active FROM team_members WHERE active = 1 OR id = ? "
        "ORDER BY active DESC, name COLLATE NOCASE",
        (current if current is not None else -1,),
    )
    for member_id, name, active in rows:
        choices.append((member_id, name if active else f"{name} (no longer on the team)"))
    return choices
