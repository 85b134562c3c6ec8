from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import philosophy as ph
from cscoach.model import settings
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook


def test_starter_sections_are_linked_to_general_questions(workbook: Workbook) -> None:
    sections = ph.list_sections(workbook)
    assert [s.title for s in sections][:2] == [
        "What outstanding service means to us",
        "What bad service looks like",
    ]
    assert len(sections) == 6 and all(s.question_id and s.starter for s in sections)


def test_values_add_edit_reorder_delete(workbook: Workbook) -> None:
    a = ph.add_value(workbook, "Own the problem", "Whoever hears it keeps it.")
    b = ph.add_value(workbook, "Warmth", "")
    c = ph.add_value(workbook, "Speed")
    ph.move_value(workbook, c, -2)
    assert [v.name for v in ph.list_values(workbook)] == ["Speed", "Own the problem", "Warmth"]
    ph.update_value(workbook, b, "Warmth first", "Smile, names, eye contact")
    with pytest.raises(ValidationError, match="already a value"):
        ph.add_value(workbook, "speed")
    with pytest.raises(ValidationError) as caught:
        ph.add_value(workbook, "  ")
    assert caught.value.field == "name"
    ph.delete_value(workbook, a)
    assert [(v.name, v.position) for v in ph.list_values(workbook)] == [
        ("Speed", 1),
        ("Warmth first", 2),
    ]


def test_publish_is_immutable_and_numbered(workbook: Workbook) -> None:
    with pytest.raises(ValidationError, match="empty"):
        ph.publish(workbook)
    first = ph.list_sections(workbook)[0]
    ph.add_value(workbook, "Own the problem", "Keep it until it is solved.")
    ph.save_section_body(workbook, first.id, "Quick, warm & <personal>.")
    assert ph.publish(workbook, "after the March meeting", on=dt.date(2026, 3, 20)) == 1
    ph.save_section_body(workbook, first.id, "Quick, warm, personal and honest.")
    ph.update_value(workbook, ph.list_values(workbook)[0].id, "Own it", "")
    v1 = ph.version_content(workbook, 1)
    assert v1.sections[0] == (first.title, "Quick, warm & <personal>.")
    assert v1.values == [("Own the problem", "Keep it until it is solved.")]
    assert v1.version.note == "after the March meeting"
    assert ph.draft_differs_from_latest(workbook)
    assert ph.publish(workbook, on=dt.date(2026, 9, 1)) == 2
    assert not ph.draft_differs_from_latest(workbook)
    assert [v.number for v in ph.list_versions(workbook)] == [2, 1]
    with pytest.raises(ValidationError, match="no version 7"):
        ph.get_version(workbook, 7)


def test_compare_marks_changed_words(workbook: Workbook) -> None:
    sections = ph.list_sections(workbook)
    ph.save_section_body(workbook, sections[0].id, "We greet people warmly and fast.")
    ph.save_section_body(workbook, sections[1].id, "Unchanged text.")
    ph.publish(workbook)
    ph.save_section_body(workbook, sections[0].id, "We greet people warmly and by name.")
    new_id = ph.add_section(workbook, "Our promise")
    ph.save_section_body(workbook, new_id, "We fix it.")
    changes = ph.compare(ph.version_content(workbook, 1), ph.draft_content(workbook))
    assert [(c.title, c.kind) for c in changes] == [
        (sections[0].title, "changed"),
        ("Our promise", "added"),
    ]
    words = changes[0].words
    assert ("removed", "fast.") in words and ("added", "by name.") in words


def test_review_due_after_interval(workbook: Workbook) -> None:
    status = ph.review_status(workbook, today=dt.date(2026, 11, 22))
    assert status.last_published is None and status.due
    ph.add_value(workbook, "Warmth")
    ph.publish(workbook, on=dt.date(2025, 11, 30))
    assert not ph.review_status(workbook, today=dt.date(2026, 11, 22)).due
    status = ph.review_status(workbook, today=dt.date(2026, 11, 30))
    assert status.due and status.due_on == "2026-11-30"
    ph.set_review_months(workbook, 6)
    assert ph.review_status(workbook, today=dt.date(2026, 6, 1)).due
    with pytest.raises(ValidationError):
        ph.set_review_months(workbook, 0)


def test_sections_add_rename_move_delete(workbook: Workbook) -> None:
    own = ph.add_section(workbook, "How we handle complaints")
    ph.move_section(workbook, own, -10)
    assert ph.list_sections(workbook)[0].id == own
    ph.update_section(workbook, own, "Complaints", None)
    with pytest.raises(ValidationError):
        ph.update_section(workbook, own, "", None)
    with pytest.raises(ValidationError):
        ph.save_section_body(workbook, own, "nul\x00")
    ph.delete_section(workbook, own)
    assert [s.position for s in ph.list_sections(workbook)] == [1, 2, 3, 4, 5, 6]
    assert settings.business_name(workbook) == "Corner Café"


def test_add_months_clamps_to_month_end() -> None:
    from cscoach.model.dates import add_months, long_date

    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert long_date("2026-03-05") == "5 March 2026"
