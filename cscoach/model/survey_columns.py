"""Which column of a survey export holds what: the date of each response, the 0–10 "would
you recommend" answers and the 1–5 satisfaction answers.

A wrong guess stores wrong figures that look right, so a column is only chosen when its
heading says what it is, and CS Coach refuses rather than guesses otherwise:

- **The date**: the form's own submission timestamp, known by its heading (Google Forms'
  *Timestamp* in its languages, *Submitted at*, *Submit Date*, *Completion time*, *End
  Date*, *Conversion Date*…), with every date in it readable. The time a response was
  *started* comes next; a date a respondent typed (a question like "When did you visit?")
  only when it is the one column holding dates, every one of them readable.
- **The answers**: a column whose heading asks the question — recommending (to a friend,
  how likely), or satisfaction — in English, French, German, Spanish, Italian, Portuguese
  or Dutch; never a column chosen because its answers happen to look like ratings. Its
  answers must then be whole numbers on the question's scale (at least 4 in 5 of them,
  and none off the scale). A heading that says more wins over one that says less ("how
  likely … recommend … to a friend" over "recommend"; "overall satisfaction" over
  satisfaction with the price); "recommend" alone with answers only 1–5 is not taken for
  the 0–10 question.
- When unsure — no heading that asks, two columns asking alike, the only date column not
  fully readable — nothing is chosen and ``choose_columns`` says why, naming the columns
  it considered; the owner names the right ones.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cscoach.model.errors import ValidationError
from cscoach.model.survey_read import (
    SurveyTable,
    answer,
    date_parts,
    heading,
    order_of,
    to_date,
    whole_number,
)

GUESS_SAMPLE = 2000  # responses looked at to judge the answers, spread over the file
USABLE_SHARE = 0.8  # answers on the scale a chosen rating column needs, at least
MAX_NAMED = 6  # columns named in one message, at most

DATE, NPS, CSAT = "date", "nps", "csat"
SCALES = {NPS: (0, 10), CSAT: (1, 5)}
FLAGS = {DATE: "--date-column", NPS: "--nps-column", CSAT: "--csat-column"}


def normalise(text: str) -> str:
    """A heading as the rules read it: no accents, case folded, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


# -- the heading rules ------------------------------------------------------------------
# The form's own timestamp: the heading alone (after normalise, without anything in
# brackets such as "(UTC)"). Google Forms writes "Timestamp" in the owner's language.
SUBMITTED = frozenset(
    {
        "timestamp",
        "time stamp",
        "submitted",
        "submitted at",
        "submitted on",
        "submitted date",
        "submitted time",
        "submit date",
        "submit time",
        "submission date",
        "submission time",
        "submission timestamp",
        "date submitted",
        "time submitted",
        "date time submitted",
        "completion time",
        "completion date",
        "completed",
        "completed at",
        "completed on",
        "date completed",
        "end date",
        "enddate",
        "end time",
        "recorded date",
        "recordeddate",
        "conversion date",
        "created at",
        "created",
        "date created",
        "created date",
        "added time",
        "response date",
        "response time",
        "horodateur",  # French Google Forms
        "horodatage",
        "date de soumission",
        "zeitstempel",  # German
        "marca temporal",  # Spanish
        "marca de tiempo",
        "informazioni cronologiche",  # Italian
        "indicazione temporale",
        "carimbo de data hora",  # Portuguese
        "tijdstempel",  # Dutch
    }
)
STARTED = frozenset(
    {
        "start date",
        "startdate",
        "start time",
        "started",
        "started at",
        "started on",
        "date started",
        "start",
    }
)
# A question asking for a date: only used when it is the one date column there is.
_DATE_WORDS = re.compile(
    r"\b(date|dates|datum|fecha|data|dia|jour|giorno|day|when|wann|quand|cuando|quando|wanneer)\b"
)

# "Would you recommend us": a word stem alone (any language), or "NPS".
_RECOMMEND = re.compile(
    r"recommend|recommand|recomend|recomiend|recomand|raccomand|consiglier|consigli"
    r"|empfehl|empfiehl|aanbevel|aanbeveel|aanrad|aanraad|indicaria|indicarias"
)
_NPS_NAMES = re.compile(r"\b(nps|net promoter)\b")
# …made surer by "how likely" or "a friend"
_LIKELY = re.compile(r"likely|likelihood|probab|wahrscheinlich|waarschijnlijk")
_FRIEND = re.compile(
    r"\b(friends?|colleagues?|ami|amie|amis|collegues?|amig[oa]s?|colegas?|amic[oaie]|"
    r"colleg[ahi]|freund\w*|kolleg\w*|vriend\w*|bekende\w*)\b"
)
# Satisfaction, or "CSAT".
_SATISFIED = re.compile(r"satisf|soddisf|zufrieden|tevreden")
_CSAT_NAMES = re.compile(r"\b(csat|customer satisfaction score)\b")
# …and of these, the overall one before one about a detail (price, speed)
_OVERALL = re.compile(
    r"\b(overall|in general|all in all|insgesamt|allgemein|gesamt\w*|dans l ensemble|global\w*"
    r"|en general|in generale|complessiv\w*|no geral|em geral|algemeen|over het geheel)\b"
)
# A scale written in the heading: "(1-5)", "0 to 10", "de 0 à 10", "von 1 bis 5"
_SCALE = re.compile(r"\b([01]) (?:(?:to|a|bis|tot|al|ate|e) )?(5|7|10)\b")


def _scale(text: str) -> tuple[int, int] | None:
    found = _SCALE.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def nps_score(text: str) -> int:
    """How surely a heading asks "how likely are you to recommend us" (0: not at all)."""
    words = normalise(text)
    if _NPS_NAMES.search(words):
        return 3
    if not _RECOMMEND.search(words):
        return 0
    scale = _scale(words)
    if scale is not None and scale[1] != 10:
        return 0
    return 3 if scale or _LIKELY.search(words) or _FRIEND.search(words) else 2


def csat_score(text: str) -> int:
    """How surely a heading asks how satisfied the customer was (0: not at all)."""
    words = normalise(text)
    if nps_score(text):
        return 0
    if _CSAT_NAMES.search(words):
        return 3
    if not _SATISFIED.search(words):
        return 0
    scale = _scale(words)
    if scale is not None and scale[1] != 5:
        return 0
    return (3 if scale else 2) + bool(_OVERALL.search(words))


def timestamp_tier(text: str) -> int:
    """2 for the form's own submission time, 1 for the time a response was started,
    0 for any other heading."""
    words = normalise(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text))
    if words in SUBMITTED:
        return 2
    return 1 if words in STARTED else 0


# -- what was found ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """What the headings and answers say about one purpose (date, NPS or CSAT)."""

    purpose: str
    index: int | None = None  # the column chosen, if CS Coach is sure of it
    reason: str = ""  # why that column ("the form's own timestamp")
    doubt: str = ""  # why none was chosen although some column might be it
    unusable: tuple[str, ...] = ()  # columns whose heading fits but whose answers do not
    tie: bool = False  # two columns fit equally well


@dataclass(frozen=True)
class ColumnGuess:
    """The columns a survey's headings point to, and what CS Coach is unsure of."""

    table_name: str
    date: Pick
    nps: Pick
    csat: Pick
    numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # purpose → columns
    # holding answers that look like that scale, named when no heading asks the question

    @property
    def indexes(self) -> tuple[int | None, int | None, int | None]:
        return self.date.index, self.nps.index, self.csat.index

    def rating_doubts(self) -> list[tuple[str, str]]:
        """(purpose, why) for each answer column that cannot be chosen surely; empty when
        at least one was chosen and the other has no rival columns."""
        picks = (self.nps, self.csat)
        if any(p.tie for p in picks):
            return [(p.purpose, p.doubt) for p in picks if p.tie]
        if any(p.index is not None for p in picks):
            return []
        doubts = [(p.purpose, p.doubt) for p in picks if p.doubt]
        if doubts:
            return doubts
        why = (
            "no column's heading asks how likely people are to recommend you (0–10) or how "
            "satisfied they were (1–5)"
        )
        shown = [
            f"columns of whole numbers {low}–{high}: {_names(self.numbers[key])}"
            for key, (low, high) in SCALES.items()
            if self.numbers.get(key)
        ]
        if shown:
            why += " (" + "; ".join(shown) + ")"
        return [(NPS, why)]

    def notes(self) -> list[str]:
        """Columns left out although their heading asks the question, when the import
        goes ahead with the other answer column."""
        out = []
        for pick, name in ((self.nps, "NPS"), (self.csat, "CSAT")):
            if pick.index is None and pick.unusable:
                out.append(f"Not read as {name}: {'; '.join(pick.unusable)}.")
        return out


def _names(headers: tuple[str, ...] | list[str]) -> str:
    shown = [f"“{heading(h)}”" for h in headers[:MAX_NAMED]]
    more = len(headers) - MAX_NAMED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def guess_columns(table: SurveyTable) -> ColumnGuess:
    """The date, NPS and CSAT columns the headings point to (see the module's rules).
    Answers are judged on at most ``GUESS_SAMPLE`` responses spread over the file; a
    timestamp is checked in full."""
    step = max(1, math.ceil(len(table.rows) / GUESS_SAMPLE))
    sample = SurveyTable(table.name, table.headers, table.rows[::step], table.lines[::step])
    seen: dict[int, list[str]] = {}

    def values(index: int) -> list[str]:
        if index not in seen:
            seen[index] = [v for v in sample.column(index) if v]
        return seen[index]

    date = _guess_date(table, values)
    taken = {date.index}
    nps = _guess_rating(table, NPS, nps_score, values, taken)
    csat = _guess_rating(table, CSAT, csat_score, values, taken | {nps.index})
    numbers: dict[str, tuple[str, ...]] = {}
    if nps.index is None and csat.index is None and not (nps.doubt or csat.doubt):

        def looks_like(index: int, low: int, high: int) -> bool:
            found = values(index)
            fits = sum(answer(v, low, high) is not None for v in found)
            return bool(found) and fits >= 0.95 * len(found)

        for key, (low, high) in SCALES.items():
            numbers[key] = tuple(
                table.headers[i]
                for i in range(len(table.headers))
                if i != date.index and looks_like(i, low, high)
            )
        if numbers[CSAT] and set(numbers[CSAT]) <= set(numbers[NPS]):
            # 1–5 answers are 0–10 answers too: name each column once
            numbers[NPS] = tuple(h for h in numbers[NPS] if h not in numbers[CSAT])
    return ColumnGuess(table.name, date, nps, csat, numbers)


def _guess_rating(
    table: SurveyTable,
    purpose: str,
    score: Callable[[str], int],
    values: Callable[[int], list[str]],
    taken: set[int | None],
) -> Pick:
    low, high = SCALES[purpose]
    usable: list[tuple[int, int]] = []  # (score, index)
    unusable: list[str] = []
    for index, header in enumerate(table.headers):
        if index in taken:
            continue
        points = score(header)
        if not points:
            continue
        problem = _answers_problem(values(index), low, high)
        if not problem and purpose == NPS and points < 3 and _only_one_to_five(values(index)):
            # "recommend" alone (a question about recommendations?) on a 1–5 scale
            problem = "has only answers 1–5, like a 1–5 question, not the 0–10 one"
        if problem:
            unusable.append(f"“{heading(header)}” {problem}")
        else:
            usable.append((points, index))
    question = (
        "how likely people are to recommend you (0–10)"
        if purpose == NPS
        else "how satisfied people were (1–5)"
    )
    if usable:
        best = max(points for points, _ in usable)
        top = [i for points, i in usable if points == best]
        if len(top) == 1:
            reason = (
                "its heading asks about recommending you"
                if purpose == NPS
                else "its heading asks about satisfaction"
            )
            return Pick(purpose, top[0], reason, unusable=tuple(unusable))
        names = _names([table.headers[i] for i in top])
        return Pick(
            purpose,
            doubt=f"{len(top)} columns ask {question} alike: {names}",
            unusable=tuple(unusable),
            tie=True,
        )
    if unusable:
        return Pick(
            purpose,
            doubt=f"no column's answers fit {question}: " + "; ".join(unusable),
            unusable=tuple(unusable),
        )
    return Pick(purpose)


def _only_one_to_five(values: list[str]) -> bool:
    return all(answer(v, 1, 5) is not None for v in values if whole_number(v) is not None)


def _answers_problem(values: list[str], low: int, high: int) -> str:
    """Why these answers are not a ``low``–``high`` rating column ("" when they are)."""
    if not values:
        return "has no answers"
    numbers = [n for n in map(whole_number, values) if n is not None]
    off = [n for n in numbers if not low <= n <= high]
    if off:
        return f"has answers from {min(numbers)} to {max(numbers)}, not whole numbers {low}–{high}"
    if len(numbers) >= USABLE_SHARE * len(values):
        return ""
    common = [v for v, _ in Counter(v for v in values if whole_number(v) is None).most_common(3)]
    shown = ", ".join(f"“{heading(v, 30)}”" for v in common)
    return f"has answers like {shown}, not whole numbers {low}–{high}"


def _guess_date(table: SurveyTable, values: Callable[[int], list[str]]) -> Pick:
    tiers: dict[int, list[int]] = {2: [], 1: []}
    others: list[int] = []
    for index, header in enumerate(table.headers):
        tier = timestamp_tier(header)
        if tier:
            tiers[tier].append(index)
        else:
            sample = values(index)
            dates = sum(date_parts(v) is not None for v in sample)
            if dates and (dates >= 0.5 * len(sample) or _DATE_WORDS.search(normalise(header))):
                others.append(index)
    unreadable: list[str] = []
    for tier, reason in ((2, "the form's own timestamp"), (1, "the time each response began")):
        readable = []
        for index in tiers[tier]:
            problem = unreadable_dates(table, index)
            if problem:
                unreadable.append(f"“{heading(table.headers[index])}” {problem}")
            else:
                readable.append(index)
        if len(readable) > 1 and not _same_months(table, readable):
            names = _names([table.headers[i] for i in readable])
            return Pick(
                DATE,
                doubt=f"{names} all look like the form's own timestamp but give different months",
                tie=True,
            )
        if readable:
            return Pick(DATE, readable[0], reason)
    if unreadable:
        return Pick(DATE, doubt="the form's timestamp " + "; ".join(unreadable))
    if len(others) == 1:
        index = others[0]
        problem = unreadable_dates(table, index)
        if not problem:
            return Pick(DATE, index, "the one column holding dates")
        return Pick(
            DATE,
            doubt=f"the only column of dates, “{heading(table.headers[index])}”, is not the "
            f"form's own timestamp and {problem}",
        )
    if others:
        names = _names([table.headers[i] for i in others])
        return Pick(
            DATE,
            doubt=f"{len(others)} columns hold dates ({names}) and none is the form's own "
            "timestamp",
            tie=True,
        )
    return Pick(DATE, doubt="no column holds the date of each response")


def _months(table: SurveyTable, index: int) -> list[tuple[int, int] | None]:
    parsed = [date_parts(v) if v else None for v in table.column(index)]
    day_first, _certain = order_of(parsed)
    out = []
    for parts in parsed:
        day = to_date(parts, day_first)
        out.append((day.year, day.month) if day else None)
    return out


def _same_months(table: SurveyTable, indexes: list[int]) -> bool:
    first, *rest = (_months(table, i) for i in indexes)
    return all(months == first for months in rest)


def unreadable_dates(table: SurveyTable, index: int) -> str:
    """Why a column is not a fully readable date column ("" when every date in it can be
    read; blank cells are allowed)."""
    texts = table.column(index)
    parsed = [date_parts(v) if v else None for v in texts]
    try:
        day_first, _certain = order_of(parsed)
    except ValidationError:
        return "has dates that mix day/month/year and month/day/year (13/2 and 2/13)"
    count = 0
    for row, (text, parts) in enumerate(zip(texts, parsed, strict=True)):
        if not text:
            continue
        day = to_date(parts, day_first)
        if day is None or day.year < 1900:
            return (
                f"has dates CS Coach cannot read (line {table.lines[row]}: “{heading(text, 40)}”)"
            )
        count += 1
    return "" if count else "has no dates"


# -- choosing, or refusing ----------------------------------------------------------------


@dataclass(frozen=True)
class ColumnChoice:
    """The columns to read: given by the owner or chosen from the headings."""

    date: str | int | None
    nps: str | int | None
    csat: str | int | None
    reasons: dict[str, str] = field(default_factory=dict)  # purpose → why it was chosen
    notes: tuple[str, ...] = ()  # columns left out although their heading fits


def choose_columns(
    table: SurveyTable,
    *,
    date_column: str | int | None = None,
    nps_column: str | int | None = None,
    csat_column: str | int | None = None,
) -> ColumnChoice:
    """The columns to read: those named, and for the others what the headings say. The
    date column is guessed when not named; the answer columns only when neither is named.

    Raises:
        ValidationError: CS Coach is unsure of a column it has to guess; the message names
            the columns it considered and the options that name the right ones.
    """

    def given(value: str | int | None) -> bool:
        return value is not None and value != ""

    guess_ratings = not (given(nps_column) or given(csat_column))
    if given(date_column) and not guess_ratings:
        return ColumnChoice(date_column, nps_column, csat_column)
    guess = guess_columns(table)
    problems: list[tuple[str, str]] = []  # (purpose, why)
    reasons: dict[str, str] = {}
    if not given(date_column):
        if guess.date.index is None:
            problems.append((DATE, guess.date.doubt))
        else:
            date_column = guess.date.index
            reasons[DATE] = guess.date.reason
    notes: list[str] = []
    if guess_ratings:
        doubts = guess.rating_doubts()
        problems += doubts
        if not doubts:
            nps_column, csat_column = guess.nps.index, guess.csat.index
            reasons.update({p.purpose: p.reason for p in (guess.nps, guess.csat) if p.reason})
            notes = guess.notes()
    if problems:
        raise ValidationError(
            f"{problems[0][0]}_column", refusal(table.name, problems, ratings=guess_ratings)
        )
    return ColumnChoice(date_column, nps_column, csat_column, reasons, tuple(notes))


def refusal(name: str, problems: list[tuple[str, str]], *, ratings: bool) -> str:
    """One line: what CS Coach is unsure of, and the options that settle it."""
    purposes = {purpose for purpose, _ in problems}
    advice = []
    if DATE in purposes:
        advice.append("Choose the column with the date of each response with --date-column NAME.")
    if ratings and purposes - {DATE}:
        advice.append(
            "Choose the 0–10 “would you recommend” column with --nps-column NAME and/or the "
            "1–5 satisfaction column with --csat-column NAME."
        )
    why = "; ".join(doubt for _, doubt in problems)
    where = "" if name == "The file" else f" of {name}"
    return f"CS Coach cannot tell which columns{where} to read: {why}. " + " ".join(advice)
