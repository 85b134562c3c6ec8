"""Training sessions (issue 20): the schema, adding and changing with Undo, who ran it, bad
input naming its field, refreshers coming due, standards nobody is trained on, each
person's record, a new starter's checklist, and deleting a member who attended."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY

from cscoach.model import migrations, team
from cscoach.model import standards as st
from cscoach.model import starter_checklist as sc
from cscoach.model import training as tr
from cscoach.model import training_record as rec
from cscoach.model.errors import ValidationError
from cscoach.model.schema_check import check_workbook
from cscoach.model.workbook import Workbook

TODAY = FIXED_TODAY  # 22 November 2026


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def add(wb: Workbook, topic: str = "Handling a complaint", **kw: object) -> int:
    kw.setdefault("held_on", days_ago(10))
    data = tr.SessionInput(kw.pop("held_on"), topic, **kw)  # type: ignore[arg-type]
    return tr.add_session(wb, data, today=TODAY)


def refused(wb: Workbook, field: str, data: tr.SessionInput) -> str:
    before = wb.conn.total_changes
    with pytest.raises(ValidationError) as caught:
        tr.add_session(wb, data, today=TODAY)
    assert caught.value.field == field
    assert wb.conn.total_changes == before
    return str(caught.value)


def standard(wb: Workbook, title: str, owner: int | None = None) -> int:
    category = st.list_categories(wb)[0].id
    return st.add_standard(wb, st.StandardInput(title, category, owner_id=owner))


@pytest.fixture
def wb(workbook: Workbook) -> Workbook:
    # Only our own standards: the starter ones would all count as untrained.
    with workbook.transaction():
        workbook.conn.execute("DELETE FROM standards")
    return workbook


def test_a_new_workbook_has_the_training_tables(workbook: Workbook) -> None:
    assert workbook.schema_version == migrations.latest_version() >= 5
    assert tr.list_sessions(workbook) == []
    assert check_workbook(workbook.path) == []


def test_a_schema_four_workbook_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.cscoach"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        with Workbook.create(path, "Old Café") as old:
            with old.transaction() as db:  # as schema 4 had it: no left_on
                db.execute("INSERT INTO team_members (name) VALUES ('Ana')")
            assert old.schema_version == 4
    with Workbook.open(path) as wb:
        assert wb.schema_version == migrations.latest_version()
        assert tr.list_sessions(wb) == []
    assert check_workbook(path) == []


def test_add_read_change_and_undo(wb: Workbook) -> None:
    ana, ben = team.add_member(wb, "Ana"), team.add_member(wb, "Ben")
    greet = standard(wb, "Greet within 30 seconds")
    session_id = add(
        wb,
        kind=tr.ROLE_PLAY,
        trainer_id=ana,
        standard_ids=(greet,),
        attendee_ids=(ben, ana),
        notes="Three scenes, each played twice",
    )
    s = tr.get_session(wb, session_id)
    assert (s.topic, s.kind_label, s.trainer_label, s.attendees, s.standards) == (
        "Handling a complaint",
        "Role-play",
        "Ana",
        ("Ana", "Ben"),
        ("Greet within 30 seconds",),
    )
    assert s.created_on == TODAY.isoformat() and s.refresh_due_on is None and s.held(TODAY)
    assert wb.history.undo_label == "Add training session “Handling a complaint”"

    changed = dataclasses.replace(
        tr.SessionInput.from_session(s),
        trainer_id=None,
        trainer_name="Marta from the roastery",
        refresh_months="12",
        attendee_ids=(ben,),
    )
    tr.update_session(wb, session_id, changed, today=TODAY)
    s = tr.get_session(wb, session_id)
    assert s.trainer == tr.BY_OUTSIDE and s.trainer_label == "Marta from the roastery"
    assert s.attendees == ("Ben",) and s.refresh_months == 12
    assert s.refresh_due_on == (dt.date.fromisoformat(days_ago(10)).replace(year=2027)).isoformat()

    wb.undo()
    assert tr.get_session(wb, session_id).attendees == ("Ana", "Ben")
    tr.set_attendance(wb, session_id, [ana])
    assert tr.get_session(wb, session_id).attendees == ("Ana",)
    assert wb.history.undo_label == "Change who attended “Handling a complaint”"
    tr.delete_session(wb, session_id)
    assert tr.list_sessions(wb) == []
    wb.undo()
    assert tr.get_session(wb, session_id).attendees == ("Ana",)


def test_nobody_named_means_the_owner_ran_it(wb: Workbook) -> None:
    s = tr.get_session(wb, add(wb))
    assert s.trainer == tr.BY_OWNER and s.trainer_label == "You (the owner)"


def test_bad_input_names_its_field(wb: Workbook) -> None:
    ana = team.add_member(wb, "Ana")
    assert "day the session was held" in refused(wb, "held_on", tr.SessionInput(None, "Coffee"))
    assert "YYYY-MM-DD" in refused(wb, "held_on", tr.SessionInput("3/5/2026", "Coffee"))
    assert "months ahead" in refused(wb, "held_on", tr.SessionInput("2028-01-01", "Coffee"))
    assert "needs a topic" in refused(wb, "topic", tr.SessionInput(days_ago(1), "   "))
    assert "one line" in refused(wb, "topic", tr.SessionInput(days_ago(1), "a\nb"))
    assert "soft skills" in refused(wb, "kind", tr.SessionInput(days_ago(1), "x", kind="games"))
    refused(wb, "refresh_months", tr.SessionInput(days_ago(1), "x", refresh_months=0))
    refused(wb, "refresh_months", tr.SessionInput(days_ago(1), "x", refresh_months="nan"))
    refused(wb, "trainer_id", tr.SessionInput(days_ago(1), "x", trainer_id=999))
    refused(wb, "attendee_ids", tr.SessionInput(days_ago(1), "x", attendee_ids=(ana, 999)))
    refused(wb, "standard_ids", tr.SessionInput(days_ago(1), "x", standard_ids=(999,)))
    refused(wb, "notes", tr.SessionInput(days_ago(1), "x", notes="a\x00b"))
    team.set_active(wb, ana, False)
    assert "no longer on the team" in refused(
        wb, "trainer_id", tr.SessionInput(days_ago(1), "x", trainer_id=ana)
    )
    # the kind as people write it
    s = tr.get_session(wb, add(wb, kind="Product and technical"))
    assert s.kind == tr.PRODUCT


def test_sessions_on_a_day_and_the_nearest_when_none(wb: Workbook) -> None:
    add(wb, "Allergens", held_on="2026-10-05")
    add(wb, "First aid", held_on="2026-10-05")
    assert [s.topic for s in tr.sessions_on(wb, "2026-10-05")] == ["First aid", "Allergens"]
    with pytest.raises(ValidationError, match="nearest: 2026-10-05"):
        tr.sessions_on(wb, "2026-10-06")


def test_find_member_suggests_close_names(wb: Workbook) -> None:
    team.add_member(wb, "Aiko Tanaka")
    assert tr.find_member(wb, "  aiko   TANAKA ")[1] == "Aiko Tanaka"
    with pytest.raises(ValidationError, match="Did you mean “Aiko Tanaka”"):
        tr.find_member(wb, "Aiko Tanka")


def test_refreshers_come_due_like_overdue_standards(wb: Workbook) -> None:
    ana, ben = team.add_member(wb, "Ana"), team.add_member(wb, "Ben")
    # Ana: food hygiene 13 months ago, every 12 months -> overdue
    add(wb, "Food hygiene", held_on="2025-10-15", refresh_months=12, attendee_ids=(ana, ben))
    # Ben took it again 11 months and a bit ago -> due within a month
    add(wb, "food  HYGIENE", held_on="2025-12-10", refresh_months=12, attendee_ids=(ben,))
    # planned for Ana next month
    add(wb, "Food hygiene", held_on="2026-12-03", refresh_months=12, attendee_ids=(ana,))
    due = rec.refreshers(wb, today=TODAY)
    assert [(r.member_name, r.due_on) for r in due] == [
        ("Ana", "2026-10-15"),
        ("Ben", "2026-12-10"),
    ]
    assert due[0].overdue(TODAY) and due[0].days_overdue(TODAY) == 38
    assert due[0].planned_on == "2026-12-03"
    assert due[0].sentence(TODAY) == (
        "Food hygiene for Ana: overdue since 15 October 2026 (planned on 3 December 2026)"
    )
    assert due[1].due_soon(TODAY) and not due[1].overdue(TODAY)
    team.set_active(wb, ana, False)  # only the people on the team count
    assert [r.member_name for r in rec.refreshers(wb, today=TODAY)] == ["Ben"]


def test_untrained_standards_and_owners(wb: Workbook) -> None:
    ana, ben = team.add_member(wb, "Ana"), team.add_member(wb, "Ben")
    greet = standard(wb, "Greet within 30 seconds", owner=ana)
    allergens = standard(wb, "Name the allergens", owner=ben)
    phone = standard(wb, "Answer by the third ring")
    add(wb, "Welcome", standard_ids=(greet,), attendee_ids=(ben,))
    # planned sessions do not count yet
    add(wb, "Allergens", held_on="2026-12-01", standard_ids=(allergens,), attendee_ids=(ben,))
    assert [s.title for s in rec.untrained_standards(wb, today=TODAY)] == [
        "Name the allergens",
        "Answer by the third ring",
    ]
    assert rec.untrained_standard_ids(wb, today=TODAY) == {allergens, phone}
    gaps = rec.owner_gaps(wb, today=TODAY)
    assert [(g.member_name, g.title) for g in gaps] == [
        ("Ana", "Greet within 30 seconds"),
        ("Ben", "Name the allergens"),
    ]
    assert {s.id for s in rec.untrained_standards(wb, today=dt.date(2026, 12, 2))} == {phone}
    team.set_active(wb, ben, False)  # trained by someone who left: untrained again
    assert greet in rec.untrained_standard_ids(wb, today=TODAY)


def test_a_members_record(wb: Workbook) -> None:
    ana = team.add_member(wb, "Ana", "Barista", "2024-03-01")
    greet = standard(wb, "Greet within 30 seconds", owner=ana)
    standard(wb, "Name the allergens", owner=ana)
    add(wb, "Welcome", held_on="2024-03-02", kind=tr.ONBOARDING, attendee_ids=(ana,))
    add(wb, "Greeting", held_on="2025-06-01", standard_ids=(greet,), attendee_ids=(ana,))
    add(wb, "Espresso", held_on="2026-12-12", kind=tr.PRODUCT, attendee_ids=(ana,))
    record = rec.member_record(wb, ana, today=TODAY)
    assert [s.topic for s in record.sessions] == ["Greeting", "Welcome"]
    assert [s.topic for s in record.planned] == ["Espresso"]
    assert [(s.title, s.trained_on) for s in record.owned] == [
        ("Greet within 30 seconds", "2025-06-01"),
        ("Name the allergens", None),
    ]
    assert [s.title for s in record.missing] == ["Name the allergens"]


def test_a_new_starters_checklist(wb: Workbook) -> None:
    liam = team.add_member(wb, "Liam", "Barista", days_ago(45))
    old = team.add_member(wb, "Rosa", "Owner", "2019-01-01")
    assert sc.checklist(wb, old, today=TODAY) is None  # not a new starter
    checklist = sc.checklist(wb, liam, today=TODAY)
    assert checklist is not None and not checklist.done and checklist.overdue(TODAY)
    assert [i.label for i in checklist.open_items] == [
        "Read the customer-service philosophy",
        "Signed the service standards",
        "Attended an onboarding session",
    ]
    assert checklist.sentence(TODAY) == (
        "Liam's first-weeks checklist is still open after 45 days: read the philosophy, "
        "sign the standards, an onboarding session"
    )
    sc.set_item(wb, liam, sc.PHILOSOPHY_READ, days_ago(40), today=TODAY)
    sc.set_item(wb, liam, sc.STANDARDS_SIGNED, TODAY, today=TODAY)
    assert wb.history.undo_label == "Tick “signed the service standards” for Liam"
    with pytest.raises(ValidationError) as caught:
        sc.set_item(wb, liam, sc.ONBOARDING, TODAY, today=TODAY)
    assert caught.value.field == "item"
    with pytest.raises(ValidationError) as caught:
        sc.set_item(wb, liam, sc.PHILOSOPHY_READ, "2026-12-01", today=TODAY)
    assert caught.value.field == "done_on"
    assert [c.name for c in sc.open_checklists(wb, today=TODAY)] == ["Liam"]
    add(wb, "Welcome to the café", held_on=days_ago(3), kind=tr.ONBOARDING, attendee_ids=(liam,))
    checklist = sc.checklist(wb, liam, today=TODAY)
    assert checklist is not None and checklist.done
    assert checklist.items[2].detail == f"Welcome to the café, {19} November 2026"
    assert sc.open_checklists(wb, today=TODAY) == []
    wb.undo()  # the session
    wb.undo()  # the standards
    assert [i.key for i in sc.open_checklists(wb, today=TODAY)[0].open_items] == [
        sc.STANDARDS_SIGNED,
        sc.ONBOARDING,
    ]
    # after six months someone is no longer a new starter
    assert sc.checklist(wb, liam, today=TODAY + dt.timedelta(days=200)) is None


def test_deleting_a_member_says_what_it_affects_and_undo_brings_it_back(wb: Workbook) -> None:
    from cscoach.model import stories

    ana, ben = team.add_member(wb, "Ana"), team.add_member(wb, "Ben")
    ran = add(wb, "Latte art", trainer_id=ana, attendee_ids=(ben,))
    attended = add(wb, "Allergens", attendee_ids=(ana, ben))
    stories.add_story(
        wb, stories.StoryInput(days_ago(2), (ana,), "Found a lost wallet"), today=TODAY
    )
    stories.add_story(
        wb, stories.StoryInput(days_ago(1), (ana, ben), "Ran the rush hour alone"), today=TODAY
    )
    refs = team.member_references(wb, ana)
    assert (refs.sessions_attended, refs.sessions_run, refs.stories, refs.stories_only_them) == (
        1,
        1,
        2,
        1,
    )
    assert refs.any
    team.delete_member(wb, ana)
    s = tr.get_session(wb, ran)
    assert s.trainer == tr.BY_MEMBER and s.trainer_id is None
    assert s.trainer_label == "Ana (no longer on the team)"
    assert tr.get_session(wb, attended).attendees == ("Ben",)
    assert [x.members_label for x in stories.list_stories(wb)] == [
        "Ben",
        "(no one on the team now)",
    ]
    wb.undo()
    assert tr.get_session(wb, ran).trainer_id == ana
    assert tr.get_session(wb, attended).attendees == ("Ana", "Ben")
    assert [x.members_label for x in stories.list_stories(wb)] == ["Ana and Ben", "Ana"]
    # a session still run by someone deleted keeps that when changed
    team.delete_member(wb, ana)
    tr.update_session(
        wb, ran, dataclasses.replace(tr.SessionInput.from_session(s), notes="x"), today=TODAY
    )
    assert tr.get_session(wb, ran).trainer_label == "Ana (no longer on the team)"


def test_glance_for_the_overview(wb: Workbook) -> None:
    ana = team.add_member(wb, "Ana", "Barista", days_ago(60))
    standard(wb, "Greet within 30 seconds", owner=ana)
    add(wb, "Food hygiene", held_on="2025-10-01", refresh_months=12, attendee_ids=(ana,))
    found = rec.glance(wb, today=TODAY)
    assert found.sessions == 1 and found.last_topic == "Food hygiene"
    assert [r.member_name for r in found.overdue] == ["Ana"] and not found.due_soon
    assert found.untrained == 1 and [g.title for g in found.gaps] == ["Greet within 30 seconds"]
    assert [c.name for c in found.checklists_open] == ["Ana"]
    assert found.stories_this_month == 0 and found.featured_this_month == ()


def test_the_overview_mentions_training_due(wb: Workbook) -> None:
    from cscoach.model import overview, stories

    def steps() -> dict[str, overview.NextStep]:
        return {s.text: s for s in overview.overview(wb, TODAY).next_steps}

    ana = team.add_member(wb, "Ana", "Barista", days_ago(45))
    assert "Write down your team's training: what they learned, and when" in steps()
    greet = standard(wb, "Greet within 30 seconds", owner=ana)
    standard(wb, "Name the allergens")
    add(wb, "Food hygiene", held_on="2025-10-01", refresh_months=12, attendee_ids=(ana,))
    found = steps()
    gap = found["Training due: Ana owns “Greet within 30 seconds” but has not been trained on it"]
    assert (gap.page, gap.kind, gap.item_id) == ("training", "member", ana)
    assert found["2 standards have no one on the team trained on them"].kind == "untrained"
    refresher = found["Refresher overdue: Food hygiene for Ana"]
    assert (refresher.page, refresher.kind) == ("training", "refreshers")
    checklist = found[
        "Ana's first-weeks checklist is still open after 45 days: read the philosophy, "
        "sign the standards, an onboarding session"
    ]
    assert (checklist.page, checklist.kind, checklist.item_id) == ("team", "checklist", ana)
    card = next(c for c in overview.overview(wb, TODAY).cards if c.page == "training")
    assert card.headline == "1 session held" and card.attention
    assert "No success story yet this month" in card.lines
    assert "2 standards with no one trained on them" in card.lines

    add(wb, "Greeting", standard_ids=(greet,), attendee_ids=(ana,))
    story = stories.add_story(
        wb, stories.StoryInput(days_ago(2), (ana,), "Stayed late"), today=TODAY
    )
    card = next(c for c in overview.overview(wb, TODAY).cards if c.page == "training")
    assert "This month: 1 success story" in card.lines
    stories.set_featured(wb, story, "2026-11", True, today=TODAY)
    card = next(c for c in overview.overview(wb, TODAY).cards if c.page == "training")
    assert "Story of the month: Ana" in card.lines
    assert not any(t.startswith("Training due: Ana") for t in steps())
    assert "1 standard has no one on the team trained on it" in steps()


def test_the_culture_map_flags_standards_nobody_is_trained_on(wb: Workbook) -> None:
    from cscoach.model import culture_map, philosophy

    ana = team.add_member(wb, "Ana")
    warmth = philosophy.add_value(wb, "Warmth")
    category = st.list_categories(wb)[0].id
    greet = st.add_standard(wb, st.StandardInput("Greet", category, value_ids=(warmth,)))
    smile = st.add_standard(wb, st.StandardInput("Smile", category, value_ids=(warmth,)))
    add(wb, "Greeting", standard_ids=(greet,), attendee_ids=(ana,))
    cmap = culture_map.culture_map(wb, TODAY)
    (row,) = cmap.values
    assert row.untrained == (smile,) and culture_map.GAP_STANDARD not in row.gaps
    assert [link.name for link in cmap.untrained_standards] == ["Smile"]


def test_the_monthly_review_of_training(wb: Workbook) -> None:
    from cscoach.model import stories

    ana = team.add_member(wb, "Ana")
    add(wb, "Food hygiene", held_on="2025-11-05", refresh_months=12, attendee_ids=(ana,))
    add(wb, "Latte art", held_on="2026-10-12", attendee_ids=(ana,))
    story = stories.add_story(
        wb, stories.StoryInput("2026-10-20", (ana,), "Found a lost wallet"), today=TODAY
    )
    stories.set_featured(wb, story, "2026-10", True, today=TODAY)
    review = rec.review_training(wb, "2026-10", today=TODAY)
    assert [s.topic for s in review.sessions] == ["Latte art"]
    assert [r.due_on for r in review.refreshers] == ["2026-11-05"]  # due the month after
    assert [s.id for s in review.stories] == [story] == [s.id for s in review.featured]
    assert rec.review_training(wb, "2026-09", today=TODAY).refreshers == ()


def test_several_people_untrained_on_what_they_own_are_one_step(wb: Workbook) -> None:
    from cscoach.model import overview

    ana = team.add_member(wb, "Ana", "Barista", days_ago(400))
    ben = team.add_member(wb, "Ben", "Barista", days_ago(400))
    standard(wb, "Greet within 30 seconds", owner=ana)
    standard(wb, "Name the allergens", owner=ben)
    standard(wb, "Answer the phone", owner=ben)
    add(wb, "Food hygiene", held_on="2026-10-01", attendee_ids=(ana, ben))
    due = [s for s in overview.overview(wb, TODAY).next_steps if s.text.startswith("Training due")]
    assert [s.text for s in due] == [
        "Training due: 2 people own standards they have not been trained on: Ben (2), Ana (1)"
    ]
    assert (due[0].page, due[0].kind) == ("training", "untrained")
