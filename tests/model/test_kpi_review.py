"""What a monthly review says of training and stories (``kpi_review.training_lines``): the
same words in the printed review as on the Monthly Review tab."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from cscoach.model.kpi_review import training_lines
from cscoach.model.training_record import ReviewTraining


def found(**parts: Any) -> ReviewTraining:
    empty: dict[str, Any] = dict.fromkeys(
        ("sessions", "refreshers", "gaps", "checklists_open", "stories", "featured"), ()
    )
    return ReviewTraining("2026-11", **{**empty, **parts})


def story(*names: str) -> SimpleNamespace:
    label = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return SimpleNamespace(members_label=label)


def test_nothing_held_and_no_story_is_one_line() -> None:
    assert training_lines(found()) == ("Training sessions held in November 2026: none",)


def test_what_is_due_and_the_stories_to_tell() -> None:
    said = training_lines(
        found(
            sessions=(object(), object()),
            refreshers=(object(),),
            gaps=(object(), object(), object()),
            checklists_open=(SimpleNamespace(name="Liam O'Connor"),),
            stories=(story("Aiko"), story("Ana", "Bo"), story("Kwame"), story("Priya")),
        )
    )
    assert said == (
        "Training sessions held in November 2026: 2 training sessions; 1 refresher due soon"
        " or overdue; 3 standards owned by someone not trained on them; first-weeks"
        " checklist still open for Liam O'Connor",
        "Stories to tell: 4 stories (Aiko; Ana and Bo; Kwame and 1 more)",
    )
    one = training_lines(found(gaps=(object(),), stories=(story("Aiko"),)))
    assert one[0].endswith("1 standard owned by someone not trained on it")
    assert one[1] == "Stories to tell: 1 story (Aiko)"
