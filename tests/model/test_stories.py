"""Success stories (issue 20): adding and changing with Undo, who and which value, featured
months, stories per month (never per person), bad input naming its field, and a story made
from a compliment ("Turn into a story…")."""

from __future__ import annotations

import dataclasses

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import philosophy, stories, team
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = FIXED_TODAY  # 22 November 2026


def refused(wb: Workbook, field: str, data: stories.StoryInput) -> str:
    before = wb.conn.total_changes
    with pytest.raises(ValidationError) as caught:
        stories.add_story(wb, data, today=TODAY)
    assert caught.value.field == field
    assert wb.conn.total_changes == before
    return str(caught.value)


def test_add_feature_change_and_undo(workbook: Workbook) -> None:
    wb = workbook
    aiko, liam = team.add_member(wb, "Aiko Tanaka"), team.add_member(wb, "Liam O'Connor")
    warmth = philosophy.add_value(wb, "Warmth", "Every guest feels expected")
    story_id = stories.add_story(
        wb,
        stories.StoryInput(
            "2026-11-03", (liam, aiko), "Walked an umbrella to the bus stop", warmth
        ),
        today=TODAY,
    )
    story = stories.get_story(wb, story_id)
    assert story.members_label == "Aiko Tanaka and Liam O'Connor"
    assert (story.value_label, story.source_text, story.featured_months) == ("Warmth", "", ())
    assert wb.history.undo_label == "Add story “Walked an umbrella to the bus stop”"

    stories.set_featured(wb, story_id, "2026-11", True, today=TODAY)
    stories.set_featured(wb, story_id, "2026-12", True, today=TODAY)  # next month is fine
    assert stories.get_story(wb, story_id).featured_months == ("2026-11", "2026-12")
    assert [s.id for s in stories.featured_stories(wb, "2026-12")] == [story_id]
    with pytest.raises(ValidationError, match="this month or next, not in January 2027") as caught:
        stories.set_featured(wb, story_id, "2027-01", True, today=TODAY)
    assert caught.value.field == "month"
    with pytest.raises(ValidationError, match="from the month it happened"):
        stories.set_featured(wb, story_id, "2026-10", True, today=TODAY)
    stories.set_featured(wb, story_id, "2026-12", False, today=TODAY)
    assert stories.get_story(wb, story_id).featured_months == ("2026-11",)
    wb.undo()
    assert stories.get_story(wb, story_id).featured_months == ("2026-11", "2026-12")

    changed = dataclasses.replace(stories.StoryInput.from_story(story), member_ids=(aiko,))
    stories.update_story(wb, story_id, changed, today=TODAY)
    assert stories.get_story(wb, story_id).members == ("Aiko Tanaka",)
    philosophy.delete_value(wb, warmth)  # the value's name stays on the story
    assert stories.get_story(wb, story_id).value_label == "Warmth"
    stories.update_story(
        wb,
        story_id,
        dataclasses.replace(stories.StoryInput.from_story(stories.get_story(wb, story_id))),
        today=TODAY,
    )
    assert stories.get_story(wb, story_id).value_label == "Warmth"
    stories.delete_story(wb, story_id)
    assert stories.list_stories(wb) == []
    wb.undo()
    assert stories.get_story(wb, story_id).featured_months == ("2026-11", "2026-12")


def test_stories_per_month_never_per_person(workbook: Workbook) -> None:
    wb = workbook
    ana = team.add_member(wb, "Ana")
    for day in ("2026-09-02", "2026-11-01", "2026-11-20"):
        stories.add_story(wb, stories.StoryInput(day, (ana,), f"On {day}"), today=TODAY)
    assert stories.story_months(wb) == [("2026-11", 2), ("2026-09", 1)]
    assert [s.happened_on for s in stories.stories_in_month(wb, "2026-11")] == [
        "2026-11-20",
        "2026-11-01",
    ]
    assert stories.count_in_month(wb, "2026-10") == 0
    assert [s.happened_on for s in stories.list_stories(wb, search="11-01")] == ["2026-11-01"]
    assert not any("count" in name and "member" in name for name in dir(stories))


def test_bad_input_names_its_field(workbook: Workbook) -> None:
    wb = workbook
    ana = team.add_member(wb, "Ana")
    assert "at least one person" in refused(
        wb, "member_ids", stories.StoryInput("2026-11-01", (), "Stayed late")
    )
    assert "that is the story" in refused(
        wb, "what_happened", stories.StoryInput("2026-11-01", (ana,), " ")
    )
    assert "day it happened" in refused(wb, "happened_on", stories.StoryInput("", (ana,), "x"))
    assert "future" in refused(wb, "happened_on", stories.StoryInput("2026-11-23", (ana,), "x"))
    refused(wb, "member_ids", stories.StoryInput("2026-11-01", (999,), "x"))
    refused(wb, "value_id", stories.StoryInput("2026-11-01", (ana,), "x", value_id=999))
    refused(wb, "feedback_item_id", stories.StoryInput("2026-11-01", (ana,), "x", None, 999))
    team.set_active(wb, ana, False)
    assert "no longer on the team" in refused(
        wb, "member_ids", stories.StoryInput("2026-11-01", (ana,), "x")
    )


def test_turn_a_compliment_into_a_story(workbook: Workbook) -> None:
    wb = workbook
    aiko = team.add_member(wb, "Aiko")
    praise = fe.add_item(
        wb,
        fb.FeedbackInput(
            "2026-11-12", "compliment", "Aiko remembered my oat milk!", member_ids=(aiko,)
        ),
        today=TODAY,
    )
    nobody = fe.add_item(
        wb, fb.FeedbackInput("2026-11-13", "compliment", "Lovely place"), today=TODAY
    )
    moan = fe.add_item(wb, fb.FeedbackInput("2026-11-14", "complaint", "Cold coffee"), today=TODAY)
    draft = stories.draft_from_feedback(wb, praise)
    assert draft == stories.StoryInput(
        "2026-11-12", (aiko,), "A customer told us: “Aiko remembered my oat milk!”", None, praise
    )
    story_id = stories.add_story_from_feedback(wb, praise, today=TODAY)
    story = stories.get_story(wb, story_id)
    assert story.source_text == "Compliment of 12 November 2026: “Aiko remembered my oat milk!”"
    assert [s.id for s in stories.stories_for_feedback_item(wb, praise)] == [story_id]
    with pytest.raises(ValidationError, match="names no one") as caught:
        stories.add_story_from_feedback(wb, nobody, today=TODAY)
    assert caught.value.field == "member_ids"
    assert stories.add_story_from_feedback(wb, nobody, today=TODAY, member_ids=[aiko])
    with pytest.raises(ValidationError, match="Only a compliment") as caught:
        stories.draft_from_feedback(wb, moan)
    assert caught.value.field == "feedback_item_id"
    fe.delete_item(wb, praise)
    assert stories.get_story(wb, story_id).source_text == ""
