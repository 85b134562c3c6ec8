"""Where the team agrees: the words and phrases answers to one question share.

Plain text statistics a person can check by reading the answers: no network, no language
model. Words are lower-cased; common English words ("the", "and", "someone", "answer"…)
and the question's own words (answers echo them) are left out: sharing those is no sign of
agreement. A plural "s" is folded into the singular when both forms appear; a phrase is two
such words next to each other in an answer, and a word a shared phrase already holds is not
listed again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from cscoach.model import questionnaire as qn
from cscoach.model.workbook import Workbook

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each even ever every few for from further get gets got had
    hadn't has hasn't have haven't having he her here hers herself him himself his how i i'd
    i'll i'm i've if in into is isn't it it's its itself just let's like lot lots me more most
    much must my myself no nor not now of off often on once one only or other our ours
    ourselves out over own really same she should shouldn't so some such than that that's the
    their theirs them themselves then there there's these they they're this those through to
    too under until up us very was wasn't we we'd we'll we're we've were weren't what what's
    when where which while who whom why will with won't would wouldn't yes yet you you'd you'll
    you're you've your yours yourself yourselves think always never way things thing make
    makes made bit people want something anything said
    someone somebody anyone anybody everybody nobody nothing everything answer answers
    question questions time times day days good well better best bad go goes going went know
    knows see sees feel feels try tries need needs give gives take takes keep keeps sure
    still many able lot thanks thank ok okay maybe actually usually sometimes quite
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_SHARED = 2  # a word or phrase must be used by at least this many answers to be shown


@dataclass(frozen=True)
class SharedTerm:
    term: str
    answers: int  # how many answers use it


@dataclass(frozen=True)
class Agreement:
    """How much the answers to one question of one round have in common."""

    question: str
    answers: int
    shared: tuple[SharedTerm, ...]  # most used first
    pairs: int  # pairs of answers
    agreeing_pairs: int  # pairs sharing at least one word

    @property
    def score(self) -> float | None:
        """The share of pairs of answers that use a word in common (None below two answers)."""
        return self.agreeing_pairs / self.pairs if self.pairs else None


@dataclass(frozen=True)
class MessageMatch:
    """How many answers to the "one clear message" question echo the published message."""

    key_words: tuple[str, ...]
    answers: int
    matching: int


def words(text: str) -> list[str]:
    """The meaningful words of ``text`` in order."""
    found = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return [w for w in found if w not in STOP_WORDS and len(w) > 1]


def _fold_plurals(answers: list[list[str]]) -> list[list[str]]:
    vocabulary = {w for ws in answers for w in ws}
    return [
        [w[:-1] if w.endswith("s") and w[:-1] in vocabulary else w for w in ws] for ws in answers
    ]


def agreement(texts: list[str], question: str = "") -> Agreement:
    """Shared words and two-word phrases across ``texts`` (one per person), leaving out
    the words of ``question``."""
    echoed = set(words(question))
    answers = _fold_plurals([[w for w in words(t) if w not in echoed] for t in texts if t.strip()])
    counts: Counter[str] = Counter()
    for ws in answers:
        terms = set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)}
        counts.update(terms)
    shared = sorted(
        (SharedTerm(term, n) for term, n in counts.items() if n >= MIN_SHARED),
        key=lambda t: (-t.answers, -len(t.term.split()), t.term),
    )
    # a phrase shown makes its words redundant when they are used no more widely
    phrases = [t for t in shared if " " in t.term]
    shared = [
        t
        for t in shared
        if " " in t.term
        or not any(t.term in p.term.split() and p.answers >= t.answers for p in phrases)
    ]
    sets = [set(ws) for ws in answers]
    pairs = list(combinations(sets, 2))
    return Agreement(
        question, len(answers), tuple(shared), len(pairs), sum(1 for a, b in pairs if a & b)
    )


def round_agreement(wb: Workbook, round_id: int) -> list[Agreement]:
    """Agreement for every free-text question of a round, in the round's order."""
    result = []
    for q in qn.round_questions(wb, round_id):
        if q.kind != "text":
            continue
        view = qn.answers_to_question(wb, round_id, q.id)
        result.append(agreement([a.answer.text for a in view.answers], q.text))
    return result


def question_agreement(wb: Workbook, question_id: int, round_id: int) -> Agreement | None:
    """Agreement on one bank question in one round (None if the round did not ask it)."""
    (view,) = qn.compare_question(wb, question_id, [round_id])
    if view is None:
        return None
    return agreement([a.answer.text for a in view.answers], view.question.text)


def published_message(wb: Workbook) -> str:
    """The first paragraph of the "one clear message" section of the latest published
    philosophy ("" if none)."""
    row = wb.query_one(
        """SELECT s.body FROM philosophy_version_sections s
           JOIN philosophy_versions v ON v.id = s.version_id
           WHERE s.title = (SELECT title FROM philosophy_sections WHERE key = 'one_message')
           ORDER BY v.number DESC LIMIT 1"""
    )
    body = (row["body"] if row else "").strip()
    return body.split("\n\n")[0].strip()


def message_match(wb: Workbook, round_id: int) -> MessageMatch | None:
    """How many answers to the "one clear message" question in a round share at least two of
    the published message's key words (or all of them when it has fewer)."""
    message = published_message(wb)
    question = wb.query_one("SELECT id FROM questions WHERE key = 'one_message'")
    if not message or question is None:
        return None
    (view,) = qn.compare_question(wb, question["id"], [round_id])
    if view is None:
        return None
    key = list(dict.fromkeys(words(message)))
    need = min(2, len(key))
    texts = [a.answer.text for a in view.answers if a.answer.text.strip()]
    folded = _fold_plurals([key, *[words(t) for t in texts]])
    key_set = set(folded[0])
    matching = sum(1 for ws in folded[1:] if len(key_set & set(ws)) >= need)
    return MessageMatch(tuple(dict.fromkeys(folded[0])), len(texts), matching)
