"""The Overview: the state of the culture at a glance, and the next things to do, worked
out from the whole workbook.

The cards read counts and dates with aggregate queries rather than whole lists: the
Overview is the start page and is read again after every change elsewhere, so it must stay
fast on a workbook with years of data. For the same reason it reads the rounds and the
candidates itself instead of importing ``questionnaire`` and ``hiring`` (slow to import,
and not otherwise needed by the first page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cscoach.model import (
    action_loop,
    culture_map,
    feedback_links,
    kiosk_kpis,
    kpi_review,
    kpis,
    months,
    sections,
    team,
    training_record,
)
from cscoach.model import philosophy as ph
from cscoach.model.dates import add_months, long_date
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook


@dataclass(frozen=True)
class NextStep:
    text: str
    page: str  # the sidebar page where it is done
    priority: int  # lower comes first
    # Where on that page, when the step opens it at one thing (``Page.select_item``): the
    # Feedback page at its open complaints ("open", 0) or a theme ("theme", its id); the
    # Actions page at the overdue ones ("overdue", 0), those waiting for "did it help?"
    # ("helped", 0) or one person's open ones ("owner", their id; 0 for the owner); the
    # Training page at the refreshers due ("refreshers", 0), the untrained standards
    # ("untrained", 0) or one person's record ("member", their id); the Team page at a new
    # starter's checklist ("checklist", their id); the KPI page at its Kiosk tab ("kiosk", 0).
    kind: str = ""
    item_id: int = 0


@dataclass(frozen=True)
class KpiLine:
    name: str
    value: str  # as shown, with unit
    status: str | None  # kpis.ON_TARGET, kpis.OFF_TARGET or None
    arrow: str  # "▲", "▼", "▶" or ""
    better: bool | None  # whether the change since the month before is an improvement


@dataclass(frozen=True)
class Card:
    page: str
    title: str
    headline: str
    lines: tuple[str, ...] = ()
    attention: bool = False  # something here needs doing
    kpi_lines: tuple[KpiLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Overview:
    business: str
    empty: bool  # nothing entered yet: show the first-steps guide
    cards: tuple[Card, ...]
    next_steps: tuple[NextStep, ...]


FIRST_STEPS = (
    (
        "Ask the team",
        "Add the people on your team, then hold a questionnaire round at your "
        "next team meeting: how do they see customer service?",
        sections.QUESTIONNAIRE.key,
    ),
    (
        "Write the philosophy",
        "Turn their answers into your customer-service philosophy and a few core values.",
        sections.PHILOSOPHY.key,
    ),
    (
        "Set standards",
        "Make the values concrete: behaviours everyone follows, printed for the break room.",
        sections.STANDARDS.key,
    ),
    (
        "Hire on the values",
        "Score every candidate on the qualities your values need.",
        sections.HIRING.key,
    ),
    (
        "Measure monthly",
        "Enter customer satisfaction, NPS, retention and resolution time "
        "each month and review the charts.",
        sections.KPIS.key,
    ),
)


def _is_empty(wb: Workbook) -> bool:
    row = wb.query_one(
        """SELECT (SELECT count(*) FROM team_members) + (SELECT count(*) FROM rounds)
                + (SELECT count(*) FROM core_values) + (SELECT count(*) FROM kpi_entries)
                + (SELECT count(*) FROM candidates) + (SELECT count(*) FROM philosophy_versions)
                + (SELECT count(*) FROM feedback_items) + (SELECT count(*) FROM actions)
                + (SELECT count(*) FROM training_sessions) + (SELECT count(*) FROM success_stories)
                AS n"""
    )
    return not (row and row["n"])


def overview(wb: Workbook, today: dt.date | None = None) -> Overview:
    today = today or dt.date.today()
    from cscoach.model import settings

    steps: list[NextStep] = []
    cards = (
        _team_card(wb, steps),
        _questionnaire_card(wb, steps),
        _philosophy_card(wb, steps, today),
        _standards_card(wb, steps, today),
        _kpi_card(wb, steps, today),
        _feedback_card(wb, steps, today),  # what customers say beside the figures
        _actions_card(wb, steps, today),  # and what is being done about it
        _training_card(wb, steps, today),  # training due, and the month's stories
        _hiring_card(wb, steps),
    )
    _culture_steps(wb, steps, today)
    steps.sort(key=lambda s: s.priority)
    return Overview(settings.business_name(wb), _is_empty(wb), cards, tuple(steps))


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _team_card(wb: Workbook, steps: list[NextStep]) -> Card:
    row = wb.query_one(
        "SELECT count(*) AS members, coalesce(sum(active), 0) AS active FROM team_members"
    )
    active = row["active"] if row else 0
    if not active:
        steps.append(NextStep("Add the people on your team", sections.TEAM.key, 10))
    inactive = (row["members"] if row else 0) - active
    lines = (f"{inactive} no longer on the team",) if inactive else ()
    return Card(
        sections.TEAM.key,
        sections.TEAM.title,
        _plural(active, "person", "people"),
        lines,
        not active,
    )


def _questionnaire_card(wb: Workbook, steps: list[NextStep]) -> Card:
    # The newest round, as questionnaire.latest_round orders them.
    rnd = wb.query_one(
        "SELECT id, name, held_on, anonymous, closed FROM rounds "
        "ORDER BY held_on DESC, id DESC LIMIT 1"
    )
    if rnd is None:
        steps.append(
            NextStep("Ask the team: start a questionnaire round", sections.QUESTIONNAIRE.key, 20)
        )
        return Card(
            sections.QUESTIONNAIRE.key,
            "Questionnaire",
            "No round yet",
            ("Ask the team how they see customer service.",),
            True,
        )
    # Who could answer: the people on the team on the round's day (someone who joined later
    # is not counted as not having answered; someone who left since still counts).
    row = wb.query_one(
        f"""SELECT (SELECT count(*) FROM team_members WHERE {team.ON_TEAM_ON}) AS active,
                  (SELECT count(*) FROM responses s WHERE s.round_id = :round) AS responses,
                  (SELECT count(*) FROM responses s
                   WHERE s.round_id = :round
                   AND s.member_id IN (SELECT id FROM team_members WHERE {team.ON_TEAM_ON})
                  ) AS from_active""",
        {"round": rnd["id"], "day": rnd["held_on"]},
    )
    assert row is not None
    active = row["active"]
    answered = min(row["responses"] if rnd["anonymous"] else row["from_active"], active)
    lines = [f"Held {long_date(rnd['held_on'])}", f"{answered} of {active} on the team answered"]
    waiting = not rnd["closed"] and answered < active
    if waiting:
        steps.append(
            NextStep(
                f"{answered} of {active} people have answered “{rnd['name']}”",
                sections.QUESTIONNAIRE.key,
                60,
            )
        )
    return Card(
        sections.QUESTIONNAIRE.key, "Latest questionnaire round", rnd["name"], tuple(lines), waiting
    )


def _philosophy_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    status = ph.review_status(wb, today)
    row = wb.query_one(
        """SELECT (SELECT count(*) FROM core_values) AS values_,
                  (SELECT max(number) FROM philosophy_versions) AS version"""
    )
    assert row is not None
    values = row["values_"]
    if not values:
        steps.append(NextStep("Write down your core values", sections.PHILOSOPHY.key, 25))
    if status.last_published is None:
        steps.append(
            NextStep("Publish your customer-service philosophy", sections.PHILOSOPHY.key, 30)
        )
        return Card(
            sections.PHILOSOPHY.key,
            "Philosophy",
            "Not published yet",
            (_plural(values, "core value"),),
            True,
        )
    version = row["version"]
    lines = [f"Version {version}, published {long_date(status.last_published)}"]
    if status.due:
        lines.append("A review is due")
        steps.append(
            NextStep(
                f"Review the philosophy with the team (last published "
                f"{long_date(status.last_published)})",
                sections.PHILOSOPHY.key,
                35,
            )
        )
    else:
        assert status.due_on is not None  # known once a version is published
        lines.append(f"Next review {long_date(status.due_on)}")
    return Card(
        sections.PHILOSOPHY.key,
        sections.PHILOSOPHY.title,
        f"Version {version}",
        tuple(lines),
        status.due,
    )


def _standards_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    # Only what the card counts; due dates as ``standards.Standard.next_review`` works them out.
    active = wb.query(
        """SELECT s.review_months, s.on_poster,
                  coalesce((SELECT max(r.reviewed_on) FROM standard_reviews r
                            WHERE r.standard_id = s.id), s.created_on) AS since
           FROM standards s WHERE s.active = 1"""
    )
    overdue = [
        s
        for s in active
        if today > add_months(dt.date.fromisoformat(s["since"]), s["review_months"])
    ]
    if not active:
        steps.append(NextStep("Set your first service standards", sections.STANDARDS.key, 40))
    if overdue:
        steps.append(
            NextStep(
                f"{_plural(len(overdue), 'standard is', 'standards are')} overdue for review",
                sections.STANDARDS.key,
                45,
            )
        )
    lines = [f"{len(overdue)} overdue for review" if overdue else "None overdue for review"]
    on_poster = sum(1 for s in active if s["on_poster"])
    lines.append(f"{on_poster} on the break-room poster")
    return Card(
        sections.STANDARDS.key,
        "Standards",
        _plural(len(active), "standard"),
        tuple(lines),
        bool(overdue),
    )


def _hiring_card(wb: Workbook, steps: list[NextStep]) -> Card:
    # hiring.candidates_in_progress: interviewing, or with an offer open (hiring.IN_PROGRESS)
    row = wb.query_one(
        "SELECT count(*) AS n FROM candidates WHERE status IN ('interviewing', 'offered')"
    )
    waiting = row["n"] if row else 0
    if waiting:
        steps.append(
            NextStep(
                f"{_plural(waiting, 'candidate is', 'candidates are')} waiting for a decision",
                sections.HIRING.key,
                80,
            )
        )
    return Card(
        sections.HIRING.key,
        "Hiring",
        f"{_plural(waiting, 'candidate')} in progress",
        ("Interviewing or with an offer open",) if waiting else (),
    )


def _kpi_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    last_month = months.add_months(months.current_month(today), -1)
    row = wb.query_one(  # kpi_entries.latest_month without listing every month
        "SELECT max(e.month) AS month FROM kpi_entries e "
        "JOIN kpis k ON k.id = e.kpi_id AND k.active = 1"
    )
    latest = row["month"] if row else None
    lines: list[str] = []
    missing = latest is None or latest < last_month
    if latest is None:
        steps.append(NextStep("Enter your first month of KPIs", sections.KPIS.key, 50))
        return Card(
            sections.KPIS.key,
            "KPIs",
            "No figures yet",
            ("Enter CSAT, NPS, retention and resolution time monthly.",),
            True,
        )
    if missing:
        steps.append(
            NextStep(
                f"{months.month_label(last_month)}'s KPIs are not entered", sections.KPIS.key, 15
            )
        )
        lines.append(f"{months.month_label(last_month)} is not entered yet")
    review = kpi_review.monthly_review(wb, latest, today=today)
    shown = []
    for line in review.lines:
        if line.value is None:
            continue
        trend = line.trend
        arrow = {"up": "▲", "down": "▼", "flat": "▶"}.get(trend or "", "")
        shown.append(
            KpiLine(
                line.kpi.name,
                format_value(line.value, line.kpi.unit),
                line.status,
                arrow,
                line.better(trend),
            )
        )
    off = [line for line in review.lines if line.status == kpis.OFF_TARGET]
    if off and not missing:
        names = ", ".join(line.kpi.name for line in off[:2])
        more = f" and {len(off) - 2} more" if len(off) > 2 else ""
        steps.append(
            NextStep(
                f"Off target in {months.month_label(latest)}: {names}{more}", sections.KPIS.key, 55
            )
        )
    if not missing and not review.next_steps.strip():
        steps.append(
            NextStep(
                f"Review {months.month_label(latest)}'s KPIs and write what you will do next",
                sections.KPIS.key,
                58,
            )
        )
    waiting = kiosk_kpis.waiting(wb)
    if waiting:  # a typed or imported figure and the kiosk's votes: the owner chooses
        first = waiting[0]
        more = f" and {len(waiting) - 1} more" if len(waiting) > 1 else ""
        steps.append(
            NextStep(
                f"Choose what to do with the kiosk's votes for {first.kpi.name}, "
                f"{months.month_label(first.month)}{more}",
                sections.KPIS.key,
                52,
                "kiosk",
            )
        )
    headline = f"{review.on_target} of {review.measured} on target"
    return Card(
        sections.KPIS.key,
        f"KPIs, {months.month_label(latest)}",
        headline,
        tuple(lines),
        missing or bool(off),
        tuple(shown),
    )


OPEN_COMPLAINTS_PRIORITY = 5  # before everything: an unhappy customer tells many others
RECURRING_PRIORITY = 8


def _feedback_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    """This month's feedback by kind, the complaints still open (the most urgent next step)
    and the themes that keep coming back."""
    found = feedback_links.glance(wb, today=today)
    key = sections.FEEDBACK.key
    title = f"{sections.FEEDBACK.title}, {months.month_label(found.month)}"
    if not found.any_items:
        return Card(
            key,
            title,
            "No feedback yet",
            ("Write down what customers tell you: praise, complaints, suggestions.",),
        )
    opened = found.open
    if opened.count:
        steps.append(NextStep(opened.sentence(), key, OPEN_COMPLAINTS_PRIORITY, "open"))
    for recurring in found.recurring:
        steps.append(
            NextStep(recurring.sentence(), key, RECURRING_PRIORITY, "theme", recurring.theme_id)
        )
    headline = f"{_plural(opened.count, 'complaint')} open" if opened.count else "No complaint open"
    counts = feedback_links.kinds_text(found.kinds)
    lines = [f"This month: {counts}" if counts else "Nothing written down this month yet"]
    if opened.overdue:
        lines.append(f"{opened.overdue} open for more than {_plural(opened.open_days, 'day')}")
    if found.recurring:
        lines.append("Keeps coming back: " + ", ".join(r.name for r in found.recurring))
    return Card(key, title, headline, tuple(lines), bool(opened.count or found.recurring))


OVERDUE_ACTIONS_PRIORITY = 12  # after the customers waiting, before the month's figures
HELPED_PRIORITY = 59  # asked at the monthly review
BUSY_PRIORITY = 62


def _actions_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    """Actions by status, the overdue ones (a next step), those waiting for "did it help?"
    and a gentle warning for anyone holding more than three open actions."""
    found = action_loop.glance(wb, today)
    key = sections.ACTIONS.key
    if not found.any:
        return Card(
            key,
            sections.ACTIONS.title,
            "No actions yet",
            ("Turn what you find into actions: who does what, by when.",),
        )
    if found.overdue:
        steps.append(NextStep(found.overdue_sentence(), key, OVERDUE_ACTIONS_PRIORITY, "overdue"))
    if found.awaiting_helped:
        n = found.awaiting_helped
        steps.append(
            NextStep(
                f"{_plural(n, 'action was', 'actions were')} done a month or more ago: "
                f"did {'it' if n == 1 else 'they'} help?",
                key,
                HELPED_PRIORITY,
                "helped",
            )
        )
    for busy in found.busy:
        steps.append(NextStep(busy.sentence(), key, BUSY_PRIORITY, "owner", busy.owner_id or 0))
    lines = [found.counts_line()]
    if found.overdue:
        lines.append(found.overdue_sentence())
    if found.awaiting_helped:
        lines.append(f"{found.awaiting_helped} waiting for “did it help?”")
    return Card(
        key,
        sections.ACTIONS.title,
        f"{found.open} open",
        tuple(lines),
        bool(found.overdue or found.busy),
    )


REFRESHERS_PRIORITY = 46  # beside the standards overdue for review
CHECKLIST_PRIORITY = 48
OWNER_GAP_PRIORITY = 66
UNTRAINED_PRIORITY = 67
FIRST_SESSION_PRIORITY = 85


def _training_card(wb: Workbook, steps: list[NextStep], today: dt.date) -> Card:
    """Refreshers overdue, standards someone owns without training on them, new starters'
    checklists open too long (next steps); the last session and the month's stories."""
    found = training_record.glance(wb, today=today)
    key = sections.TRAINING.key
    if found.overdue:
        n = len(found.overdue)
        first = found.overdue[0]
        more = f" and {_plural(n - 1, 'more')}" if n > 1 else ""
        steps.append(
            NextStep(
                f"Refresher overdue: {first.topic} for {first.member_name}{more}",
                key,
                REFRESHERS_PRIORITY,
                "refreshers",
            )
        )
    for checklist in found.checklists_open:
        steps.append(
            NextStep(
                checklist.sentence(today),
                sections.TEAM.key,
                CHECKLIST_PRIORITY,
                "checklist",
                checklist.member_id,
            )
        )
    by_member: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for gap in found.gaps:
        by_member.setdefault(gap.member_id, []).append(gap.title)
        names[gap.member_id] = gap.member_name
    if len(by_member) > 1:  # one step for them all, the most gaps first
        most = sorted(by_member.items(), key=lambda item: (-len(item[1]), names[item[0]]))
        who = ", ".join(f"{names[m]} ({len(titles)})" for m, titles in most[:3])
        if len(most) > 3:
            who += ", …"
        text = (
            f"Training due: {len(most)} people own standards they have not been trained on: {who}"
        )
        steps.append(NextStep(text, key, OWNER_GAP_PRIORITY, "untrained"))
    for member_id, titles in by_member.items() if len(by_member) == 1 else ():
        if len(titles) == 1:
            text = (
                f"Training due: {names[member_id]} owns “{titles[0]}” but has not been "
                "trained on it"
            )
        else:
            text = (
                f"Training due: {names[member_id]} owns {len(titles)} standards without "
                f"training on them (“{titles[0]}”, …)"
            )
        steps.append(NextStep(text, key, OWNER_GAP_PRIORITY, "member", member_id))
    if not found.sessions:
        steps.append(
            NextStep(
                "Write down your team's training: what they learned, and when",
                key,
                FIRST_SESSION_PRIORITY,
            )
        )
    elif found.untrained:
        steps.append(
            NextStep(
                f"{_plural(found.untrained, 'standard has', 'standards have')} no one on the "
                "team trained on "
                f"{'it' if found.untrained == 1 else 'them'}",
                key,
                UNTRAINED_PRIORITY,
                "untrained",
            )
        )
    lines: list[str] = []
    if found.last_held_on:
        lines.append(f"Last session {long_date(found.last_held_on)}: {found.last_topic}")
    if found.overdue:
        lines.append(f"{_plural(len(found.overdue), 'refresher')} overdue")
    if found.due_soon:
        lines.append(f"{_plural(len(found.due_soon), 'refresher')} due within a month")
    if found.untrained:
        lines.append(
            f"{_plural(found.untrained, 'standard')} with no one trained on "
            f"{'it' if found.untrained == 1 else 'them'}"
        )
    if found.featured_this_month:
        lines.append("Story of the month: " + "; ".join(found.featured_this_month))
    elif found.stories_this_month:
        lines.append(
            f"This month: {_plural(found.stories_this_month, 'success story', 'success stories')}"
        )
    else:
        lines.append("No success story yet this month")
    headline = f"{_plural(found.sessions, 'session')} held" if found.sessions else "No sessions yet"
    attention = bool(found.overdue or found.gaps or found.checklists_open)
    return Card(key, sections.TRAINING.title, headline, tuple(lines), attention)


def _culture_steps(wb: Workbook, steps: list[NextStep], today: dt.date) -> None:
    cmap = culture_map.culture_map(wb, today)
    for row in cmap.values:
        if culture_map.GAP_STANDARD in row.gaps:
            steps.append(
                NextStep(f"No standard serves the value “{row.name}”", sections.STANDARDS.key, 65)
            )
        if culture_map.GAP_CRITERION in row.gaps:
            steps.append(
                NextStep(
                    f"No hiring criterion looks for the value “{row.name}”", sections.HIRING.key, 70
                )
            )
        if culture_map.GAP_KPI in row.gaps and row.kpis:
            names = ", ".join(k.name for k in row.kpis)
            steps.append(
                NextStep(
                    f"No recent figures show the value “{row.name}”: enter {names}",
                    sections.KPIS.key,
                    75,
                )
            )
        elif culture_map.GAP_KPI in row.gaps:
            steps.append(
                NextStep(
                    f"No KPI shows the value “{row.name}” yet: give one of its standards a KPI",
                    sections.STANDARDS.key,
                    75,
                )
            )
    if cmap.unanchored_standards:
        n = len(cmap.unanchored_standards)
        steps.append(
            NextStep(
                f"{_plural(n, 'standard is', 'standards are')} not linked to any value",
                sections.STANDARDS.key,
                78,
            )
        )
