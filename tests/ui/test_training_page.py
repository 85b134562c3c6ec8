"""The Training page: sessions and stories, driven as an owner would, checked against the
model."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget

from cscoach.model import feedback_edit, philosophy, stories, team, training, training_record
from cscoach.model import standards as standards_model
from cscoach.model.feedback import FeedbackInput
from cscoach.model.training import SessionInput
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.training.links import STORY_FROM
from cscoach.ui.pages.training.page import TrainingPage

TODAY = FIXED_TODAY  # 2026-11-22


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data} is not offered in {combo.objectName()}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def tick(items: QListWidget, text: str) -> None:
    for row in range(items.count()):
        if items.item(row).text().startswith(text):
            items.item(row).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{text} is not in {items.objectName()}")


@pytest.fixture
def page(qtbot, workbook) -> TrainingPage:
    page = TrainingPage(workbook, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def people(workbook) -> dict[str, int]:
    return {n: team.add_member(workbook, n, "Barista") for n in ("Ana", "Bo")}


def test_a_session_is_added_with_who_attended_and_what_it_covered(qtbot, page, workbook, people):
    category = standards_model.list_categories(workbook)[0].id
    greet = standards_model.add_standard(
        workbook, standards_model.StandardInput("Greet within 30 seconds", category)
    )
    page.reload()
    assert "“Greet within 30 seconds”" in page.sessions.needs.text()
    form = page.sessions.form
    form.date_edit.setText(day(-3))
    qtbot.keyClicks(form.topic_edit, "Greeting regulars")
    qtbot.keyClick(form.topic_edit, Qt.Key.Key_Return)
    [session] = training.list_sessions(workbook)
    assert (session.topic, session.held_on) == ("Greeting regulars", day(-3))
    tick(form.attendees_list, "Ana")
    tick(form.standards_list, "Greet within")
    session = training.get_session(workbook, session.id)
    assert session.attendee_ids == (people["Ana"],) and session.standard_ids == (greet,)
    assert greet not in training_record.untrained_standard_ids(workbook, today=TODAY)
    qtbot.waitUntil(lambda: "“Greet within 30 seconds”" not in page.sessions.needs.text())
    record = training_record.member_record(workbook, people["Ana"], today=TODAY)
    assert [s.topic for s in record.sessions] == ["Greeting regulars"]


def test_an_outside_trainer_and_a_refresher(qtbot, page, workbook, people):
    page.reload()  # the team, added after the page was made
    form = page.sessions.form
    form.date_edit.setText("2025-10-01")
    qtbot.keyClicks(form.topic_edit, "Food hygiene")
    qtbot.keyClick(form.topic_edit, Qt.Key.Key_Return)
    choose(form.trainer_combo, -1)  # someone from outside
    assert form.trainer_edit.isVisible()
    qtbot.keyClicks(form.trainer_edit, "County course")
    qtbot.keyClick(form.trainer_edit, Qt.Key.Key_Return)
    choose(form.refresh_combo, 12)
    tick(form.attendees_list, "Bo")
    [session] = training.list_sessions(workbook)
    assert session.trainer == training.BY_OUTSIDE and session.trainer_name == "County course"
    assert session.refresh_months == 12
    page.sessions.reload()
    assert "Refresher: Food hygiene for Bo" in page.sessions.needs.text()


def test_no_topic_and_a_bad_date_are_refused_at_their_fields(qtbot, page, workbook):
    form = page.sessions.form
    qtbot.keyClicks(form.topic_edit, "Role-play")
    form.date_edit.setText("last Tuesday")
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Return)
    assert form.errors["held_on"].isVisible()
    assert training.list_sessions(workbook) == []


def test_deleting_a_session_asks_and_undo_brings_it_back(qtbot, page, workbook, fake_dialogs):
    training.add_session(workbook, SessionInput(day(-1), "Listening"), today=TODAY)
    page.reload()
    page.sessions.editor.show_row(0, page.sessions.model.record_at(0))
    fake_dialogs.answer = True
    page.sessions.form.delete_button.click()
    assert training.list_sessions(workbook) == []
    workbook.undo()
    assert [s.topic for s in training.list_sessions(workbook)] == ["Listening"]


def test_a_story_is_written_and_put_on_the_wall(qtbot, page, workbook, people):
    value = philosophy.add_value(workbook, "Own the problem", "Keep it until it is solved.")
    page.tabs.setCurrentWidget(page.stories)
    page.stories.reload()
    form = page.stories.form
    choose(form.value_combo, value)
    form.what_edit.setPlainText("Bo drove the forgotten cake to the party.")
    tick(form.members_list, "Bo")
    qtbot.waitUntil(lambda: len(stories.list_stories(workbook)) == 1)
    [story] = stories.list_stories(workbook)
    assert story.member_ids == (people["Bo"],) and story.value_id == value
    qtbot.waitUntil(lambda: page.stories.model.rowCount() == 1)
    page.stories.editor.show_row(0, page.stories.model.record_at(0))
    form.wall_check.setChecked(True)
    assert stories.get_story(workbook, story.id).featured_in("2026-11")


def test_a_compliment_naming_someone_becomes_a_story_at_once(qtbot, page, workbook, people):
    item = feedback_edit.add_item(
        workbook,
        FeedbackInput(day(-2), "compliment", "Ana found my lost keys", member_ids=(people["Ana"],)),
        today=TODAY,
    )
    page.select_item(STORY_FROM, item)
    [story] = stories.list_stories(workbook)
    assert story.feedback_item_id == item and story.member_ids == (people["Ana"],)
    assert page.tabs.currentWidget() is page.stories
    assert page.stories.editor.current_id == story.id


def test_a_compliment_naming_no_one_waits_for_who(qtbot, page, workbook, people):
    item = feedback_edit.add_item(
        workbook, FeedbackInput(day(-2), "compliment", "Lovely staff"), today=TODAY
    )
    page.select_item(STORY_FROM, item)
    assert stories.list_stories(workbook) == []
    assert page.stories.form.errors["member_ids"].isVisible()
    tick(page.stories.form.members_list, "Bo")
    qtbot.waitUntil(lambda: len(stories.list_stories(workbook)) == 1)
    assert stories.list_stories(workbook)[0].feedback_item_id == item


def test_read_only_workbook_cannot_add(qtbot, workbook):
    path = workbook.path
    workbook.close()
    wb = Workbook.open(path, read_only=True)
    try:
        page = TrainingPage(wb, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        assert not page.sessions.list_panel.empty_add_button.isEnabled()
        assert page.sessions.form.topic_edit.isReadOnly()
    finally:
        wb.close()


def test_turn_a_compliment_into_a_story_from_the_feedback_page(qtbot, main_window, workbook):
    ana = team.add_member(workbook, "Ana", "Barista")
    item = feedback_edit.add_item(
        workbook,
        FeedbackInput("2026-11-20", "compliment", "Ana remembered my order", member_ids=(ana,)),
        today=dt.date(2026, 11, 22),
    )
    main_window.show_page("feedback")
    page = main_window.current_page()
    page.select_item("item", item)
    button = page.items.form.story_button
    qtbot.waitUntil(button.isVisible)
    button.click()
    assert main_window.current_page_key() == "training"
    [story] = stories.list_stories(workbook)
    assert story.feedback_item_id == item and story.member_ids == (ana,)
