"""Training sessions: who was trained on what, and when it must be taken again.

A session has a date, a topic, a kind (soft skills, product and technical, role-play,
onboarding), the standards it covered, who ran it (you, a team member, or someone from
outside), who attended, notes, and whether it must be refreshed every N months (food
hygiene, first aid, allergens). A session dated ahead is planned: it counts for nobody's
record until its day has come.

Public API (the UI needs nothing else; every write is one ``Workbook.transaction``, so one
step of Undo; no function reads the clock: the ones that need the day take ``today``):

``cscoach.model.training`` (this module) — sessions:
    Constants: kinds ``SOFT_SKILLS PRODUCT ROLE_PLAY ONBOARDING``, ``KINDS``,
        ``KIND_LABELS``; who ran it ``BY_OWNER BY_MEMBER BY_OUTSIDE``; ``OWNER_LABEL``;
        ``REFRESH_CHOICES`` (the usual intervals for a drop-down; any 1–120 is accepted).
    ``TrainingSession`` — one session as read: fields, ``kind_label``, ``trainer_label``,
        ``held(today)``, ``refresh_due_on`` (when the people who attended must take it again).
    ``SessionInput`` (``SessionInput.from_session(s)`` to change a field or two with
        ``dataclasses.replace``). Who ran it: ``trainer_id`` (a member) or ``trainer_name``
        (someone from outside); neither: you, the owner.
    ``SessionFilter``; ``list_sessions(wb, filt=None)`` (newest first), ``get_session``,
        ``sessions_on(wb, day)`` (the command line's ``--session DATE``),
        ``sessions_for_standard(wb, standard_id)``, ``sessions_for_member(wb, member_id)``.
    ``add_session(wb, data, *, today)`` → id; ``update_session(wb, id, data, *, today)``;
        ``set_attendance(wb, id, member_ids)`` (tick the team); ``delete_session``,
        ``delete_sessions``. Refusals are ``ValidationError`` naming the field: ``held_on``,
        ``topic``, ``kind``, ``trainer_id``, ``trainer_name``, ``notes``,
        ``refresh_months``, ``standard_ids``, ``attendee_ids``.
    ``trainer_choices(wb, current=None)`` and ``attendee_choices(wb, current=())`` — for a
        drop-down and the tick list: active members, plus the current ones who left.
    ``find_member(wb, name)`` — a member by name, refused with the closest names.

``cscoach.model.training_record`` — what the sessions add up to:
    ``member_record(wb, member_id, *, today)`` → ``MemberRecord`` (their sessions, the
    standards they own trained or not, their refreshers); ``refreshers(wb, *, today)``
    (overdue and coming due within ``DUE_SOON_DAYS``, like overdue standards);
    ``untrained_standards(wb, *, today)`` (active standards no active member has been
    trained on: the Training page, the Standards page, the culture map) and
    ``untrained_standard_ids``; ``owner_gaps(wb, *, today)`` (a standard's owner not trained
    on it); ``glance(wb, *, today)`` (the Overview's Training card).

``cscoach.model.starter_checklist`` — a new starter's first weeks:
    ``checklist(wb, member_id, *, today)`` → ``Checklist`` or None (not a new starter),
    ``open_checklists(wb, *, today)``, ``set_item(wb, member_id, item, done_on, *, today)``
    (``PHILOSOPHY_READ``, ``STANDARDS_SIGNED``; None unticks; the onboarding item ticks
    itself when they attend an onboarding session).

``cscoach.model.stories`` — success stories (see its docstring): ``StoryInput``,
    ``add_story``, ``update_story``, ``delete_story``, ``set_featured``, ``list_stories``,
    ``stories_in_month``, ``featured_stories``, ``story_months``, ``draft_from_feedback``
    and ``add_story_from_feedback`` (Feedback's "Turn into a story…").

``cscoach.model.one_to_one`` — ``one_to_one(wb, member_id, *, today)``: what the owner's
    conversation with one person covers (never an anonymous answer).

``cscoach.model.training_names`` — a session described by names (``cscoach training add``):
    ``session_from_names``, ``find_standard``.

Elsewhere: ``calendar_ics`` (sessions and refreshers due), ``spreadsheet`` (the Training and
Stories sheets), ``culture_map`` (``CultureMap.untrained_standards``, ``ValueRow.untrained``),
``overview`` (the Training card and its next steps), ``team.member_references`` (what
deleting someone takes from sessions and stories).

Printing: ``PrintRequest("training", session_id=… or session_date="YYYY-MM-DD")`` (blank
without either), ``PrintRequest("story", month="YYYY-MM")``, ``PrintRequest("one-to-one",
member_id=… or member_name=…)`` through ``printing.documents.render``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cscoach.model import validate
from cscoach.model.dates import add_months
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, name_key

SOFT_SKILLS, PRODUCT, ROLE_PLAY, ONBOARDING = "soft_skills", "product", "role_play", "onboarding"
KINDS = (SOFT_SKILLS, PRODUCT, ROLE_PLAY, ONBOARDING)
KIND_LABELS = {
    SOFT_SKILLS: "Soft skills",
    PRODUCT: "Product and technical",
    ROLE_PLAY: "Role-play",
    ONBOARDING: "Onboarding",
}
BY_OWNER, BY_MEMBER, BY_OUTSIDE = "owner", "member", "outside"
OWNER_LABEL = "You (the owner)"
REFRESH_CHOICES = (None, 6, 12, 24, 36)  # months; None: no refresher
MAX_REFRESH = 120
MAX_TOPIC = 200
MAX_NOTES = 5000
PLAN_AHEAD_MONTHS = 12  # a session may be planned this far ahead


@dataclass(frozen=True, slots=True)
class TrainingSession:
    id: int
    held_on: str  # YYYY-MM-DD
    topic: str
    kind: str
    trainer: str  # BY_OWNER, BY_MEMBER or BY_OUTSIDE
    trainer_id: int | None  # the member who ran it (None once they are deleted)
    trainer_name: str  # their name, or the outside trainer's
    trainer_active: bool  # False: the member who ran it left the team (or was deleted)
    notes: str
    refresh_months: int | None
    standard_ids: tuple[int, ...]
    standards: tuple[str, ...]  # the titles, in the standards' order
    attendee_ids: tuple[int, ...]
    attendees: tuple[str, ...]  # the names, alphabetical
    created_on: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def trainer_label(self) -> str:
        """ "You (the owner)", "Ana", "Ana (no longer on the team)" or the outside name."""
        if self.trainer == BY_OWNER:
            return OWNER_LABEL
        if self.trainer == BY_MEMBER and not self.trainer_active:
            return f"{self.trainer_name} (no longer on the team)"
        return self.trainer_name

    def held(self, today: dt.date) -> bool:
        """Its day has come (a session dated ahead is planned)."""
        return self.held_on <= today.isoformat()

    @property
    def refresh_due_on(self) -> str | None:
        """When those who attended must take it again (None: never)."""
        if self.refresh_months is None:
            return None
        return add_months(dt.date.fromisoformat(self.held_on), self.refresh_months).isoformat()


@dataclass(frozen=True)
class SessionInput:
    """What the owner entered; the date and the topic are needed."""

    held_on: str | dt.date | None
    topic: str
    kind: str = SOFT_SKILLS
    trainer_id: int | None = None  # a team member ran it
    trainer_name: str = ""  # someone from outside ran it (with trainer_id None)
    notes: str = ""
    refresh_months: int | str | None = None
    standard_ids: tuple[int, ...] = ()
    attendee_ids: tuple[int, ...] = ()

    @classmethod
    def from_session(cls, session: TrainingSession) -> SessionInput:
        """The session as it is, to change a field or two with ``dataclasses.replace``."""
        return cls(
            session.held_on,
            session.topic,
            session.kind,
            session.trainer_id if session.trainer == BY_MEMBER else None,
            session.trainer_name if session.trainer == BY_OUTSIDE else "",
            session.notes,
            session.refresh_months,
            session.standard_ids,
            session.attendee_ids,
        )


@dataclass(frozen=True)
class SessionFilter:
    """Which sessions to list; every field left as it is means "any"."""

    kind: str | None = None
    member_id: int | None = None  # attended by
    standard_id: int | None = None  # covered
    year: int | None = None
    search: str = ""  # in the topic, the notes and the trainer's name, ignoring case


# -- reading ------------------------------------------------------------------------------

_SELECT = """
    SELECT t.id, t.held_on, t.topic, t.kind, t.trainer, t.trainer_id,
           coalesce(m.name, t.trainer_name), coalesce(m.active, 0), t.notes, t.refresh_months,
           t.created_on
    FROM training_sessions t
    LEFT JOIN team_members m ON m.id = t.trainer_id
"""
_ORDER = " ORDER BY t.held_on DESC, t.id DESC"


def _links(
    wb: Workbook, ids: Sequence[int]
) -> tuple[dict[int, list[tuple[int, str]]], dict[int, list[tuple[int, str]]]]:
    """The standards and attendees of the sessions ``ids``, by session."""
    standards: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    people: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    if not ids:
        return standards, people
    wanted = "[" + ",".join(str(int(i)) for i in ids) + "]"
    for session_id, standard_id, title in wb.conn.execute(
        """SELECT ts.session_id, s.id, s.title FROM training_standards ts
           JOIN standards s ON s.id = ts.standard_id
           JOIN standard_categories c ON c.id = s.category_id
           WHERE ts.session_id IN (SELECT value FROM json_each(?))
           ORDER BY c.position, s.position, s.id""",
        (wanted,),
    ):
        standards[session_id].append((standard_id, title))
    for session_id, member_id, name in wb.conn.execute(
        """SELECT a.session_id, m.id, m.name FROM training_attendance a
           JOIN team_members m ON m.id = a.member_id
           WHERE a.session_id IN (SELECT value FROM json_each(?))
           ORDER BY m.name COLLATE NOCASE, m.id""",
        (wanted,),
    ):
        people[session_id].append((member_id, name))
    return standards, people


def select(wb: Workbook, where: str = "", params: Sequence[object] = ()) -> list[TrainingSession]:
    """Sessions read with a WHERE clause over ``training_sessions t`` (for the modules
    beside this one), newest first."""
    rows = wb.conn.execute(_SELECT + where + _ORDER, list(params)).fetchall()
    standards, people = _links(wb, [r[0] for r in rows])
    return [
        TrainingSession(
            id=r[0],
            held_on=r[1],
            topic=r[2],
            kind=r[3],
            trainer=r[4],
            trainer_id=r[5],
            trainer_name=r[6] or "",
            trainer_active=bool(r[7]),
            notes=r[8],
            refresh_months=r[9],
            standard_ids=tuple(s[0] for s in standards[r[0]]),
            standards=tuple(s[1] for s in standards[r[0]]),
            attendee_ids=tuple(p[0] for p in people[r[0]]),
            attendees=tuple(p[1] for p in people[r[0]]),
            created_on=r[10],
        )
        for r in rows
    ]


def list_sessions(wb: Workbook, filt: SessionFilter | None = None) -> list[TrainingSession]:
    """The sessions ``filt`` picks, newest first."""
    filt = filt or SessionFilter()
    where: list[str] = []
    params: list[object] = []
    if filt.kind:
        where.append("t.kind = ?")
        params.append(filt.kind)
    if filt.member_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = t.id "
            "AND a.member_id = ?)"
        )
        params.append(filt.member_id)
    if filt.standard_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM training_standards s WHERE s.session_id = t.id "
            "AND s.standard_id = ?)"
        )
        params.append(filt.standard_id)
    if filt.year is not None:
        where.append("substr(t.held_on, 1, 4) = ?")
        params.append(f"{filt.year:04d}")
    needle = " ".join(filt.search.split()).casefold()
    if needle:
        where.append(
            "(instr(lower(t.topic), ?) > 0 OR instr(lower(t.notes), ?) > 0 "
            "OR instr(lower(coalesce(m.name, t.trainer_name)), ?) > 0)"
        )
        params += [needle, needle, needle]
    return select(wb, (" WHERE " + " AND ".join(where)) if where else "", params)


def get_session(wb: Workbook, session_id: int) -> TrainingSession:
    found = select(wb, " WHERE t.id = ?", (session_id,))
    if not found:
        raise ValidationError("id", "That training session no longer exists.")
    return found[0]


def sessions_on(wb: Workbook, day: str | dt.date) -> list[TrainingSession]:
    """The sessions held on ``day`` (YYYY-MM-DD).

    Raises:
        ValidationError: the date is malformed, or no session was held that day (the
            message names the nearest session dates).
    """
    clean = validate.iso_date(day, "session", "The session's date", required=True)
    found = select(wb, " WHERE t.held_on = ?", (clean,))
    if found:
        return found
    dates = [r[0] for r in wb.conn.execute("SELECT DISTINCT held_on FROM training_sessions")]
    if not dates:
        raise ValidationError("session", "There are no training sessions yet.")
    assert clean is not None
    target = dt.date.fromisoformat(clean)
    nearest = sorted(dates, key=lambda d: abs((dt.date.fromisoformat(d) - target).days))[:3]
    listed = ", ".join(sorted(nearest))
    raise ValidationError(
        "session", f"No training session was held on {clean}. The nearest: {listed}."
    )


def sessions_for_standard(wb: Workbook, standard_id: int) -> list[TrainingSession]:
    return list_sessions(wb, SessionFilter(standard_id=standard_id))


def sessions_for_member(wb: Workbook, member_id: int) -> list[TrainingSession]:
    """The sessions someone attended (planned ones included), newest first."""
    return list_sessions(wb, SessionFilter(member_id=member_id))


# -- choosing people ------------------------------------------------------------------------


def _members(wb: Workbook, keep: Iterable[int]) -> list[tuple[int, str, bool]]:
    wanted = "[" + ",".join(str(int(i)) for i in keep) + "]"
    rows = wb.conn.execute(
        "SELECT id, name, active FROM team_members WHERE active = 1 "
        "OR id IN (SELECT value FROM json_each(?)) ORDER BY active DESC, name COLLATE NOCASE",
        (wanted,),
    )
    return [(int(r[0]), r[1], bool(r[2])) for r in rows]


def trainer_choices(wb: Workbook, current: int | None = None) -> list[tuple[int | None, str]]:
    """(member id or None, label) for "Who ran it": you (None) first, every active member,
    then ``current`` when they have left. Someone from outside is typed (``trainer_name``)."""
    choices: list[tuple[int | None, str]] = [(None, OWNER_LABEL)]
    for member_id, name, active in _members(wb, [current] if current is not None else []):
        choices.append((member_id, name if active else f"{name} (no longer on the team)"))
    return choices


def attendee_choices(wb: Workbook, current: Sequence[int] = ()) -> list[tuple[int, str]]:
    """(member id, label) to tick: every active member, then those in ``current`` (the
    session's attendees) who have left the team."""
    return [
        (member_id, name if active else f"{name} (no longer on the team)")
        for member_id, name, active in _members(wb, current)
    ]


def find_member(wb: Workbook, name: str, field: str = "member") -> tuple[int, str]:
    """(id, name) of the team member called ``name`` (ignoring case and extra spaces), for
    the command line.

    Raises:
        ValidationError: no such member; the message lists the names closest to it.
    """
    wanted = " ".join((name or "").split())
    rows = [(int(r[0]), r[1]) for r in wb.conn.execute("SELECT id, name FROM team_members")]
    matches = [r for r in rows if name_key(r[1]) == name_key(wanted)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ValidationError(
            field,
            f"{len(matches)} team members are called “{wanted}”; rename one to tell them apart.",
        )
    if not rows:
        raise ValidationError(
            field, f"There is no team member called “{wanted}”: the team is empty."
        )
    by_folded = {r[1].casefold(): r[1] for r in rows}
    close = difflib.get_close_matches(wanted.casefold(), list(by_folded), n=3, cutoff=0.6)
    close += [f for f in by_folded if wanted and wanted.casefold() in f and f not in close]
    if close:
        hint = " Did you mean " + ", ".join(f"“{by_folded[f]}”" for f in close[:5]) + "?"
    else:
        names = sorted((r[1] for r in rows), key=str.casefold)
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        hint = " The team: " + ", ".join(f"“{n}”" for n in names[:10]) + more + "."
    raise ValidationError(field, f"There is no team member called “{wanted}”.{hint}")


# -- checking -------------------------------------------------------------------------------


def check_held_on(value: str | dt.date | None, today: dt.date) -> str:
    if isinstance(value, str) and not value.strip() or value is None:
        raise ValidationError("held_on", "Give the day the session was held (YYYY-MM-DD).")
    clean = validate.iso_date(value, "held_on", "The session's date", required=True)
    assert clean is not None
    if clean > add_months(today, PLAN_AHEAD_MONTHS).isoformat():
        raise ValidationError(
            "held_on", f"{clean} is more than {PLAN_AHEAD_MONTHS} months ahead; plan it nearer."
        )
    return clean


def check_topic(value: str | None) -> str:
    if not (value or "").strip():
        raise ValidationError("topic", "Write what the session was about: it needs a topic.")
    return validate.text(value, "topic", "Topic", max_len=MAX_TOPIC, single_line=True)


def check_kind(value: str | None) -> str:
    clean = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"technical": PRODUCT, "product_and_technical": PRODUCT, "roleplay": ROLE_PLAY}
    clean = aliases.get(clean, clean)
    if clean not in KINDS:
        raise ValidationError(
            "kind",
            "The kind must be soft skills, product and technical, role-play or onboarding, "
            f"not “{value}”.",
        )
    return clean


def check_refresh(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return validate.whole(
        value, "refresh_months", "Refresh every (months)", minimum=1, maximum=MAX_REFRESH
    )


def _check_ids(
    wb: Workbook, ids: Sequence[int], table: str, field: str, gone: str
) -> tuple[int, ...]:
    clean = tuple(dict.fromkeys(ids))
    for i in clean:
        if not isinstance(i, int) or isinstance(i, bool):
            raise ValidationError(field, gone)
    if clean:
        wanted = "[" + ",".join(str(i) for i in clean) + "]"
        (found,) = wb.conn.execute(
            f"SELECT count(*) FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (wanted,),
        ).fetchone()
        if found != len(clean):
            raise ValidationError(field, gone)
    return clean


def _check_trainer(
    wb: Workbook, data: SessionInput, existing: TrainingSession | None
) -> dict[str, Any]:
    if data.trainer_id is not None:
        if not isinstance(data.trainer_id, int) or isinstance(data.trainer_id, bool):
            raise ValidationError("trainer_id", "Choose who ran the session.")
        row = wb.conn.execute(
            "SELECT name, active FROM team_members WHERE id = ?", (data.trainer_id,)
        ).fetchone()
        if row is None:
            raise ValidationError("trainer_id", "That team member no longer exists.")
        kept = existing is not None and existing.trainer_id == data.trainer_id
        if not row[1] and not kept:
            raise ValidationError(
                "trainer_id", f"{row[0]} is no longer on the team; choose someone who is."
            )
        return {"trainer": BY_MEMBER, "trainer_id": data.trainer_id, "trainer_name": row[0]}
    name = validate.text(
        data.trainer_name, "trainer_name", "The trainer's name", max_len=200, single_line=True
    )
    if name:
        return {"trainer": BY_OUTSIDE, "trainer_id": None, "trainer_name": name}
    if existing is not None and existing.trainer == BY_MEMBER and existing.trainer_id is None:
        # ran by a member since deleted: their name stays
        return {"trainer": BY_MEMBER, "trainer_id": None, "trainer_name": existing.trainer_name}
    return {"trainer": BY_OWNER, "trainer_id": None, "trainer_name": ""}


def clean_input(
    wb: Workbook, data: SessionInput, today: dt.date, existing: TrainingSession | None = None
) -> tuple[dict[str, Any], tuple[int, ...], tuple[int, ...]]:
    """The session's row as stored, its standards and its attendees, checked.

    Raises:
        ValidationError: naming the field.
    """
    row: dict[str, Any] = {
        "held_on": check_held_on(data.held_on, today),
        "topic": check_topic(data.topic),
        "kind": check_kind(data.kind),
    }
    row.update(_check_trainer(wb, data, existing))
    row["notes"] = validate.text(data.notes, "notes", "Notes", max_len=MAX_NOTES)
    row["refresh_months"] = check_refresh(data.refresh_months)
    standards = _check_ids(
        wb,
        data.standard_ids,
        "standards",
        "standard_ids",
        "One of those standards no longer exists.",
    )
    people = _check_ids(
        wb,
        data.attendee_ids,
        "team_members",
        "attendee_ids",
        "One of the people ticked is no longer in the team list.",
    )
    return row, standards, people


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


# -- writing --------------------------------------------------------------------------------


def add_session(wb: Workbook, data: SessionInput, *, today: dt.date) -> int:
    """Add a session (written down ``today``); returns its id."""
    row, standards, people = clean_input(wb, data, today)
    row["created_on"] = today.isoformat()
    with wb.transaction(f"Add training session “{_short(row['topic'])}”"):
        return insert_session(wb, row, standards, people)


def insert_session(
    wb: Workbook, row: dict[str, Any], standards: Sequence[int], people: Sequence[int]
) -> int:
    """Insert a checked session (``clean_input`` with ``created_on``) in the caller's
    transaction (the demo and the benchmarks add many in one)."""
    names = list(row)
    cur = wb.conn.execute(
        f"INSERT INTO training_sessions ({', '.join(names)}) "
        f"VALUES ({', '.join('?' * len(names))})",
        [row[n] for n in names],
    )
    session_id = int(cur.lastrowid or 0)
    _write_links(wb, session_id, standards, people)
    return session_id


def _write_links(
    wb: Workbook, session_id: int, standards: Sequence[int], people: Sequence[int]
) -> None:
    wb.conn.executemany(
        "INSERT INTO training_standards (session_id, standard_id) VALUES (?, ?)",
        [(session_id, s) for s in standards],
    )
    wb.conn.executemany(
        "INSERT INTO training_attendance (session_id, member_id) VALUES (?, ?)",
        [(session_id, p) for p in people],
    )


def update_session(wb: Workbook, session_id: int, data: SessionInput, *, today: dt.date) -> None:
    """Change a session: every field together (its standards and attendees as given)."""
    existing = get_session(wb, session_id)
    row, standards, people = clean_input(wb, data, today, existing)
    with wb.transaction(f"Change training session “{_short(row['topic'])}”"):
        sets = ", ".join(f"{n} = ?" for n in row)
        wb.conn.execute(
            f"UPDATE training_sessions SET {sets} WHERE id = ?", [*row.values(), session_id]
        )
        _replace_links(wb, session_id, existing, standards, people)


def _replace_links(
    wb: Workbook,
    session_id: int,
    existing: TrainingSession,
    standards: Sequence[int],
    people: Sequence[int],
) -> None:
    """Only the links that change are written (Undo then records only those)."""
    gone_s = set(existing.standard_ids) - set(standards)
    gone_p = set(existing.attendee_ids) - set(people)
    wb.conn.executemany(
        "DELETE FROM training_standards WHERE session_id = ? AND standard_id = ?",
        [(session_id, s) for s in gone_s],
    )
    wb.conn.executemany(
        "DELETE FROM training_attendance WHERE session_id = ? AND member_id = ?",
        [(session_id, p) for p in gone_p],
    )
    _write_links(
        wb,
        session_id,
        [s for s in standards if s not in existing.standard_ids],
        [p for p in people if p not in existing.attendee_ids],
    )


def set_attendance(wb: Workbook, session_id: int, member_ids: Sequence[int]) -> None:
    """Who attended ``session_id``: exactly ``member_ids`` (one step of Undo)."""
    existing = get_session(wb, session_id)
    people = _check_ids(
        wb,
        member_ids,
        "team_members",
        "attendee_ids",
        "One of the people ticked is no longer in the team list.",
    )
    with wb.transaction(f"Change who attended “{_short(existing.topic)}”"):
        _replace_links(wb, session_id, existing, existing.standard_ids, people)


def delete_session(wb: Workbook, session_id: int) -> None:
    session = get_session(wb, session_id)
    with wb.transaction(f"Delete training session “{_short(session.topic)}”"):
        wb.conn.execute("DELETE FROM training_sessions WHERE id = ?", (session_id,))


def delete_sessions(wb: Workbook, session_ids: Sequence[int]) -> None:
    """Delete several sessions in one step."""
    ids = list(dict.fromkeys(session_ids))
    if not ids:
        return
    with wb.transaction(f"Delete {len(ids)} training sessions" if len(ids) > 1 else None):
        wb.conn.executemany("DELETE FROM training_sessions WHERE id = ?", [(i,) for i in ids])
