"""The Actions page: driven as an owner would (keys and clicks), checked against the model."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from cscoach.model import actions, actions_edit, feedback, feedback_edit, feedback_themes, team
from cscoach.model.actions import Source
from cscoach.model.actions_edit import ActionInput
from cscoach.model.feedback import FeedbackInput
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.actions import links
from cscoach.ui.pages.actions.page import ActionsPage

TODAY = FIXED_TODAY  # 2026-11-22


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data} is not offered in {combo.objectName()}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def show_page(qtbot, wb: Workbook) -> ActionsPage:
    page = ActionsPage(wb, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    return page


def add(wb: Workbook, title: str, **more: object) -> int:
    return actions_edit.add_action(wb, ActionInput(title, **more), today=TODAY)  # type: ignore[arg-type]


def titles(page: ActionsPage) -> list[str]:
    return [a.title for a in page.model.records()]


@pytest.fixture
def page(qtbot, workbook) -> ActionsPage:
    return show_page(qtbot, workbook)


def test_empty_page_says_what_actions_are_for(page):
    lp = page.list_panel
    assert lp.stack.currentWidget() is lp.empty_state
    assert "No actions yet" in lp.empty_text.text()
    assert lp.empty_new_button.isVisible()
    assert page.form.form_title.text() == "New action"


def test_typing_a_title_adds_an_action_and_later_edits_change_it(qtbot, page, workbook):
    ana = team.add_member(workbook, "Ana", "Barista")
    page.reload()
    qtbot.keyClicks(page.form.title_edit, "Second till at lunchtime")
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Return)
    [action] = actions.list_actions(workbook)
    assert action.title == "Second till at lunchtime"
    assert action.owner_id is None and action.status == actions.PLANNED
    assert "Added" in page.form.feedback_label.text()
    choose(page.form.owner_combo, ana)
    page.form.due_edit.setText(day(10))
    qtbot.keyClick(page.form.due_edit, Qt.Key.Key_Return)
    action = actions.get_action(workbook, action.id)
    assert (action.owner_id, action.due_on) == (ana, day(10))
    assert len(actions.list_actions(workbook)) == 1  # the same action, changed
    qtbot.waitUntil(lambda: titles(page) == ["Second till at lunchtime"])


def test_bad_due_date_is_shown_at_its_field_and_nothing_is_written(qtbot, page, workbook):
    action_id = add(workbook, "Fix the door")
    page.reload()
    page.open_action(action_id)
    page.form.due_edit.setText("next week")
    qtbot.keyClick(page.form.due_edit, Qt.Key.Key_Return)
    assert page.form.errors["due_on"].isVisible()
    assert "YYYY-MM-DD" in page.form.errors["due_on"].text()
    assert actions.get_action(workbook, action_id).due_on is None
    page.form.due_edit.setText(day(3))  # valid again: the message goes
    qtbot.keyClick(page.form.due_edit, Qt.Key.Key_Return)
    assert not page.form.errors["due_on"].isVisible()
    assert actions.get_action(workbook, action_id).due_on == day(3)


def test_no_title_refused_at_its_field(qtbot, page, workbook):
    action_id = add(workbook, "Fix the door")
    page.reload()
    page.open_action(action_id)
    page.form.title_edit.clear()
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Return)
    assert page.form.errors["title"].isVisible()
    assert actions.get_action(workbook, action_id).title == "Fix the door"
    assert page.save_pending() is not None  # leaving would lose the change: the window asks


def test_open_first_overdue_flagged_and_done_ones_behind_a_filter(page, workbook):
    add(workbook, "Late one", due_on=day(-3))
    add(workbook, "Coming", due_on=day(5))
    add(workbook, "Finished", status=actions.DONE, done_on=day(-1))
    page.reload()
    assert sorted(titles(page)) == ["Coming", "Late one"]  # open ones only, at first
    row = page.model.row_of(next(a.id for a in page.model.records() if a.title == "Late one"))
    index = page.model.index(row, 2)
    assert page.model.data(index).startswith("⚠")
    assert "overdue" in page.list_panel.count_label.text()
    choose(page.filters.status_filter, "all")
    assert sorted(titles(page)) == ["Coming", "Finished", "Late one"]
    page.select_item("overdue", 0)  # the Overview's next step
    assert titles(page) == ["Late one"]


def test_marking_done_resolves_the_complaint_it_came_from(qtbot, page, workbook):
    complaint = feedback_edit.add_item(
        workbook, FeedbackInput(day(-2), "complaint", "Charged twice"), today=TODAY
    )
    action_id = add(workbook, "Refund and check the reader", source=Source.feedback_item(complaint))
    page.reload()
    page.open_action(action_id)
    assert "Charged twice" in page.form.source_text.text()
    choose(page.form.status_combo, actions.DONE)
    action = actions.get_action(workbook, action_id)
    assert action.status == actions.DONE and action.done_on == TODAY.isoformat()
    assert feedback.get_item(workbook, complaint).status == feedback.RESOLVED
    assert "complaint" in page.form.feedback_label.text()
    workbook.undo()  # one step: both back
    assert actions.get_action(workbook, action_id).status == actions.PLANNED
    assert feedback.get_item(workbook, complaint).status == feedback.OPEN


def test_a_new_action_from_a_theme_keeps_its_link_both_ways(qtbot, page, workbook):
    theme = feedback_themes.find_theme(workbook, "Wait time")
    assert theme is not None
    kind, item_id = links.new_action_link(Source.feedback_theme(theme.id))
    page.select_item(kind, item_id)
    assert "Wait time" in page.form.source_text.text()
    assert page.form.source_link.isVisible()
    qtbot.keyClicks(page.form.title_edit, "Call for backup earlier")
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Return)
    [action] = actions.actions_for_theme(workbook, theme.id)
    assert action.title == "Call for backup earlier"
    with qtbot.waitSignal(page.open_item_requested) as shown:
        click(qtbot, page.form.source_link)
    assert shown.args == ["feedback", "theme", theme.id]


def test_links_to_a_new_action_read_back_for_every_source():
    for source in (
        Source.feedback_item(4),
        Source.feedback_theme(2),
        Source.standard(9),
        Source.question(12),
        Source.round(3),
        Source.kpi_month(1, "2026-10"),
        Source.review("2026-10"),
    ):
        assert links.source_of_link(*links.new_action_link(source)) == source
    assert links.source_of_link("action", 3) is None


def test_a_deleted_source_keeps_the_action_saying_deleted(page, workbook):
    item = feedback_edit.add_item(
        workbook, FeedbackInput(day(-2), "complaint", "Cold soup"), today=TODAY
    )
    action_id = add(workbook, "Check the soup station", source=Source.feedback_item(item))
    feedback_edit.delete_item(workbook, item)
    page.reload()
    page.open_action(action_id)
    assert "deleted" in page.form.source_text.text()
    assert not page.form.source_link.isVisible()


def test_an_owner_who_left_is_kept_and_said_so(page, workbook):
    bo = team.add_member(workbook, "Bo", "Shift lead")
    action_id = add(workbook, "New rota", owner_id=bo)
    team.update_member(workbook, bo, "Bo", "Shift lead", active=False)
    page.reload()
    page.open_action(action_id)
    assert "no longer on the team" in page.form.owner_combo.currentText()
    assert "no longer on the team" in page.model.data(page.model.index(0, 1))


def test_delete_asks_then_undo_brings_it_back(qtbot, page, workbook, fake_dialogs):
    action_id = add(workbook, "Paint the sign")
    page.reload()
    page.open_action(action_id)
    fake_dialogs.answer = True
    click(qtbot, page.form.delete_button)
    assert fake_dialogs.kinds() == ["confirm"]
    assert actions.list_actions(workbook) == []
    workbook.undo()
    page.reload()
    assert titles(page) == ["Paint the sign"]


def test_read_only_workbook_cannot_add(qtbot, workbook):
    add(workbook, "Paint the sign")
    path = workbook.path
    workbook.close()
    wb = Workbook.open(path, read_only=True)
    try:
        page = show_page(qtbot, wb)
        assert not page.list_panel.new_button.isEnabled()
        assert page.form.title_edit.isReadOnly()
    finally:
        wb.close()


def test_export_calendar_writes_the_file_and_never_over_the_workbook(
    qtbot, main_window, workbook, fake_dialogs, tmp_path
):
    from icalendar import Calendar

    add(workbook, "Paint the sign", due_on=day(5))
    fake_dialogs.save_path = tmp_path / "dates.ics"
    main_window.calendar_action.trigger()
    calendar = Calendar.from_ical((tmp_path / "dates.ics").read_bytes())
    summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
    assert any("Paint the sign" in s for s in summaries)
    assert "info" in fake_dialogs.kinds()
    before = workbook.path.read_bytes()
    fake_dialogs.save_path = workbook.path  # a careless owner picks the workbook itself
    main_window.calendar_action.trigger()
    assert fake_dialogs.kinds()[-1] == "error"
    assert workbook.path.read_bytes() == before
