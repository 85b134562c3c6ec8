"""A candidate's filled scorecard, as printed: the candidate named on the command line
(found by name, with the closest names offered when there is no such candidate) and every
criterion that counts for them, scored or not."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from cscoach.model.errors import ValidationError
from cscoach.model.hiring import (
    Candidate,
    Criterion,
    Score,
    ScoreSummary,
    criteria_for,
    get_candidate,
    list_candidates,
    list_criteria,
    scores_for,
    summarise,
)
from cscoach.model.workbook import Workbook, name_key


@dataclass(frozen=True)
class Scorecard:
    """Everything a filled scorecard prints: each criterion that counts with its score."""

    candidate: Candidate
    rows: tuple[tuple[Criterion, Score | None], ...]
    summary: ScoreSummary


def find_candidate(wb: Workbook, name: str) -> Candidate:
    """The candidate called ``name`` (ignoring case and extra spaces), for the command line.

    Raises:
        ValidationError: no such candidate; the message lists the names closest to it.
    """
    wanted = " ".join((name or "").split())
    candidates = list_candidates(wb)
    matches = [c for c in candidates if name_key(c.name) == name_key(wanted)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        # Names the same by name_key: adding or renaming refuses them (the same comparison),
        # so only in a workbook edited outside CS Coach or from a version that compared
        # names by SQLite's NOCASE (A-Z only: "Zoë" and "ZOË" could both be added).
        raise ValidationError(
            "candidate",
            f"{len(matches)} candidates are called “{wanted}”; rename one in the app to tell "
            "them apart.",
        )
    if not candidates:
        raise ValidationError(
            "candidate", f"There is no candidate called “{wanted}”: there are no candidates yet."
        )
    by_folded = {c.name.casefold(): c.name for c in candidates}
    close = difflib.get_close_matches(wanted.casefold(), list(by_folded), n=3, cutoff=0.6)
    close += [
        folded
        for folded in by_folded
        if wanted and wanted.casefold() in folded and folded not in close
    ]
    suggestions = [by_folded[f] for f in close[:5]]
    if suggestions:
        listed = ", ".join(f"“{n}”" for n in suggestions)
        hint = f" Did you mean {listed}?"
    else:
        names = [c.name for c in candidates]
        listed = ", ".join(f"“{n}”" for n in names[:10])
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        hint = f" Candidates: {listed}{more}."
    raise ValidationError("candidate", f"There is no candidate called “{wanted}”.{hint}")


def scorecard(wb: Workbook, candidate_id: int) -> Scorecard:
    """A candidate's filled scorecard: every criterion that counts, scored or not."""
    candidate = get_candidate(wb, candidate_id)
    criteria = list_criteria(wb)
    scores = scores_for(wb, candidate_id)
    rows = tuple((c, scores.get(c.id)) for c in criteria_for(criteria, scores))
    return Scorecard(candidate, rows, summarise(candidate, criteria, scores))
