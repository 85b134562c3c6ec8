from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import philosophy as ph
from cscoach.model import standards as st
from cscoach.model import team
from cscoach.model.dates import add_months
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def in_person(workbook: Workbook) -> int:
    return next(c.id for c in st.list_categories(workbook) if c.name == "In person")


def test_add_with_links_and_read_back(workbook: Workbook, in_person: int) -> None:
    value = ph.add_value(workbook, "Warm welcome")
    owner = team.add_member(workbook, "Ana")
    kpi = workbook.query_one("SELECT id FROM kpis WHERE key = 'csat'")["id"]
    sid = st.add_standard(
        workbook,
        st.StandardInput(
            "Smile & say <hello>", in_person, "Eye contact.", (value,), kpi, owner, 3, True
        ),
        last_reviewed="2026-10-01",
    )
    s = st.get_standard(workbook, sid)
    assert (s.title, s.category, s.owner, s.values, s.on_poster) == (
        "Smile & say <hello>",
        "In person",
        "Ana",
        ("Warm welcome",),
        True,
    )
    assert s.kpi == "Customer satisfaction (CSAT)"
    assert s.last_reviewed == "2026-10-01" and s.next_review() == dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "reviewed", "field"),
    [
        ({"title": ""}, None, "title"),
        ({"title": "x" * 161}, None, "title"),
        ({"title": "ok", "review_months": 0}, None, "review_months"),
        ({"title": "ok", "review_months": 61}, None, "review_months"),
        ({"title": "ok"}, "2999-01-01", "last_reviewed"),
        ({"title": "ok"}, "2026-02-30", "last_reviewed"),
        ({"title": "a\x00b"}, None, "title"),
    ],
)
def test_bad_input_writes_nothing(workbook: Workbook, in_person, kwargs, reviewed, field) -> None:
    before = len(st.list_standards(workbook))
    with pytest.raises(ValidationError) as caught:
        st.add_standard(
            workbook, st.StandardInput(category_id=in_person, **kwargs), last_reviewed=reviewed
        )
    assert caught.value.field == field
    assert len(st.list_standards(workbook)) == before


def test_overdue_rule(workbook: Workbook, in_person: int) -> None:
    fresh = st.add_standard(
        workbook, st.StandardInput("A", in_person, review_months=6), last_reviewed="2026-06-01"
    )
    stale = st.add_standard(
        workbook, st.StandardInput("B", in_person, review_months=6), last_reviewed="2026-05-21"
    )
    edge = st.add_standard(
        workbook, st.StandardInput("C", in_person, review_months=6), last_reviewed="2026-05-22"
    )
    overdue = {s.id for s in st.list_standards(workbook, status="overdue", today=TODAY)}
    assert stale in overdue and fresh not in overdue
    assert edge not in overdue  # due today is not yet overdue
    st.set_active(workbook, stale, False)
    assert stale not in {s.id for s in st.list_standards(workbook, status="overdue", today=TODAY)}
    # never reviewed: counted from the day it was created
    never = st.get_standard(workbook, st.add_standard(workbook, st.StandardInput("D", in_person)))
    assert never.next_review() == add_months(dt.date.fromisoformat(never.created_on), 6)


def test_mark_several_reviewed_in_one_action(workbook: Workbook, in_person: int) -> None:
    ana = team.add_member(workbook, "Ana")
    ids = [s.id for s in st.list_standards(workbook)][:3]
    st.mark_reviewed(
        workbook, ids, on="2026-11-20", reviewed_by=ana, note="team meeting", today=TODAY
    )
    for sid in ids:
        assert st.get_standard(workbook, sid).last_reviewed == "2026-11-20"
        (review,) = st.review_history(workbook, sid)
        assert review.reviewed_by == "Ana" and review.note == "team meeting"
    with pytest.raises(ValidationError):
        st.mark_reviewed(workbook, ids, on="2026-12-01", today=TODAY)
    with pytest.raises(ValidationError):
        st.mark_reviewed(workbook, [*ids, 9999])
    assert len(st.review_history(workbook, ids[0])) == 1  # the failed batch wrote nothing


def test_filters_and_search(workbook: Workbook, in_person: int) -> None:
    value = ph.add_value(workbook, "Kindness first")
    sid = st.add_standard(workbook, st.StandardInput("Fix it", in_person, value_ids=(value,)))
    assert [s.id for s in st.list_standards(workbook, value_id=value)] == [sid]
    assert {s.category for s in st.list_standards(workbook, category_id=in_person)} == {"In person"}
    assert [s.title for s in st.list_standards(workbook, search="KINDNESS")] == ["Fix it"]
    assert st.list_standards(workbook, search="phone")[0].title.startswith("Answer the phone")
    st.set_active(workbook, sid, False)
    assert [s.id for s in st.list_standards(workbook, status="retired")] == [sid]
    assert sid not in [s.id for s in st.list_standards(workbook, status="active")]


def test_reorder_within_category_and_delete_rules(workbook: Workbook, in_person: int) -> None:
    first = st.list_standards(workbook, category_id=in_person)[0].id
    second = st.add_standard(workbook, st.StandardInput("Second", in_person))
    st.move_standard(workbook, second, -1)
    assert [s.id for s in st.list_standards(workbook, category_id=in_person)] == [second, first]
    st.mark_reviewed(workbook, [first])
    with pytest.raises(ValidationError, match="retire it instead"):
        st.delete_standard(workbook, first)
    st.delete_standard(workbook, second)
    assert [s.id for s in st.list_standards(workbook, category_id=in_person)] == [first]


def test_categories(workbook: Workbook) -> None:
    own = st.add_category(workbook, "Deliveries")
    assert st.list_categories(workbook)[-1].name == "Deliveries"
    with pytest.raises(ValidationError, match="already a category"):
        st.add_category(workbook, "deliveries")
    st.add_standard(workbook, st.StandardInput("On time", own))
    with pytest.raises(ValidationError, match="still holds"):
        st.delete_category(workbook, own)


def test_review_summary_and_one_message(workbook: Workbook) -> None:
    ids = [s.id for s in st.list_standards(workbook)]
    st.mark_reviewed(workbook, ids[:2], on="2026-10-01", today=TODAY)
    summary = st.review_summary(workbook)
    assert summary.last_reviewed == "2026-10-01" and summary.next_review is not None
    section = next(s for s in ph.list_sections(workbook) if s.title == "Our one clear message")
    ph.save_section_body(workbook, section.id, "We fix it, kindly.\n\nMore detail here.")
    assert st.one_clear_message(workbook) == "We fix it, kindly."
