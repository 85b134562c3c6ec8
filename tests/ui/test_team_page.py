"""The Team page: driven like a user would, checked against the model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from cscoach.model import questionnaire as qn
from cscoach.model import team
from cscoach.model.team import MemberReferences, TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.team import page as team_page
from cscoach.ui.pages.team.page import TeamPage, delete_question


@pytest.fixture
def page(qtbot, workbook):
    page = TeamPage(workbook)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def names(wb: Workbook) -> list[str]:
    return [m.name for m in team.list_members(wb)]


def select(page: TeamPage, name: str) -> None:
    for row, member in enumerate(page.model.records()):
        if member.name == name:
            page.table.selectRow(row)
            return
    raise AssertionError(f"{name} is not in the table")


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def save(qtbot, page: TeamPage) -> None:
    """Enter in a one-line field saves at once (otherwise a pause in typing does)."""
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)


def test_add_member_by_typing(qtbot, page, workbook):
    team.add_member(workbook, "Ben")
    page.reload()
    select(page, "Ben")
    click(qtbot, page.list_panel.add_button)
    assert page.form_title.text() == "New person"
    qtbot.keyClicks(page.name_edit, "Ana Costa")
    qtbot.keyClicks(page.role_edit, "Barista")
    qtbot.keyClicks(page.start_date_edit, "2024-03-18")
    with qtbot.waitSignal(page.changed):
        save(qtbot, page)
    [ana, _ben] = team.list_members(workbook)
    assert (ana.name, ana.role, ana.start_date, ana.active) == (
        "Ana Costa",
        "Barista",
        "2024-03-18",
        True,
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.current_member().id == ana.id  # later edits change Ana, not a new person
    assert page.status.text() == "Saved."
    assert "Ana Costa was added" in page.feedback_label.text()


def test_enter_in_the_form_saves(qtbot, page, workbook):
    qtbot.keyClicks(page.name_edit, "Ben")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert names(workbook) == ["Ben"]


def test_empty_name_shows_the_message_next_to_the_field_and_writes_nothing(qtbot, page, workbook):
    qtbot.keyClicks(page.role_edit, "Barista")
    save(qtbot, page)
    assert page.errors["name"].isVisible()
    assert page.errors["name"].text() == "Name cannot be empty."
    assert not page.errors["start_date"].isVisible()
    assert team.list_members(workbook) == []
    # Typing a valid name and saving again clears the message.
    qtbot.keyClicks(page.name_edit, "Ana")
    save(qtbot, page)
    assert not page.errors["name"].isVisible()
    assert names(workbook) == ["Ana"]


def test_duplicate_name_is_refused(qtbot, page, workbook):
    team.add_member(workbook, "Ana")
    page.reload()
    qtbot.keyClicks(page.name_edit, "ana")
    save(qtbot, page)
    assert "already a team member called" in page.errors["name"].text()
    assert page.errors["name"].isVisible()
    assert names(workbook) == ["Ana"]


def test_bad_date_is_shown_next_to_the_date(qtbot, page, workbook):
    qtbot.keyClicks(page.name_edit, "Ana")
    qtbot.keyClicks(page.start_date_edit, "2024-13-01")
    save(qtbot, page)
    assert page.errors["start_date"].isVisible()
    assert "not a real date" in page.errors["start_date"].text()
    assert not page.errors["name"].isVisible()
    assert team.list_members(workbook) == []
    page.start_date_edit.clear()
    qtbot.keyClicks(page.start_date_edit, "18/03/2024")
    save(qtbot, page)
    assert "YYYY-MM-DD" in page.errors["start_date"].text()
    assert team.list_members(workbook) == []


def test_edit_a_member(qtbot, page, workbook):
    member_id = team.add_member(workbook, "Ana", "Barista")
    page.reload()
    select(page, "Ana")
    assert page.name_edit.text() == "Ana"
    assert not page.is_dirty()  # nothing changed yet
    page.role_edit.clear()
    qtbot.keyClicks(page.role_edit, "Shift lead")
    assert page.is_dirty()
    with qtbot.waitSignal(page.changed):
        save(qtbot, page)
    assert team.get_member(workbook, member_id).role == "Shift lead"
    assert page.current_member().id == member_id


def test_leaving_a_field_saves_the_change(qtbot, page, workbook):
    member_id = team.add_member(workbook, "Ana", "Barista")
    page.reload()
    select(page, "Ana")
    page.role_edit.clear()
    qtbot.keyClicks(page.role_edit, "Owner")
    page.role_edit.editingFinished.emit()  # what focus moving away does
    assert team.get_member(workbook, member_id).role == "Owner"


def test_choosing_someone_else_saves_the_edit_in_progress(qtbot, page, workbook):
    ana = team.add_member(workbook, "Ana", "Barista")
    team.add_member(workbook, "Ben", "Kitchen")
    page.reload()
    select(page, "Ana")
    page.role_edit.clear()
    qtbot.keyClicks(page.role_edit, "Owner")
    select(page, "Ben")
    assert team.get_member(workbook, ana).role == "Owner"
    assert page.name_edit.text() == "Ben"


def test_an_invalid_edit_keeps_the_person_selected(qtbot, page, workbook):
    ana = team.add_member(workbook, "Ana")
    team.add_member(workbook, "Ben")
    page.reload()
    select(page, "Ana")
    page.name_edit.clear()
    select(page, "Ben")
    assert page.current_member().id == ana
    assert page.errors["name"].isVisible()
    assert names(workbook) == ["Ana", "Ben"]


def test_a_new_person_is_added_once_however_the_name_is_typed(qtbot, page, workbook, fake_dialogs):
    team.add_member(workbook, "Ben")
    page.reload()
    qtbot.keyClicks(page.name_edit, "An")
    qtbot.waitUntil(lambda: names(workbook) == ["An", "Ben"])  # the pause added them
    qtbot.keyClicks(page.name_edit, "a")
    select(page, "Ben")  # picking someone else saves the rest of the name
    assert names(workbook) == ["Ana", "Ben"]
    assert fake_dialogs.asked == []
    assert page.name_edit.text() == "Ben"


def test_a_new_person_without_a_name_is_not_added_and_stays(qtbot, page, workbook):
    team.add_member(workbook, "Ben")
    page.reload()
    qtbot.keyClicks(page.role_edit, "Barista")
    select(page, "Ben")
    assert page.current_member() is None and page.role_edit.text() == "Barista"
    assert page.errors["name"].text() == "Name cannot be empty."
    assert "could not be added" in (page.save_pending() or "")
    assert names(workbook) == ["Ben"]


def test_deactivate_and_reactivate(qtbot, page, workbook):
    member_id = team.add_member(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    assert page.toggle_active_button.text() == "Mark Inactive"
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.toggle_active_button)
    assert team.get_member(workbook, member_id).active is False
    status = page.model.index(0, team_page.STATUS)
    assert page.model.data(status) == "Inactive"
    assert isinstance(page.model.data(status, Qt.ItemDataRole.ForegroundRole), QColor)
    assert page.toggle_active_button.text() == "Mark Active"
    assert not page.active_check.isChecked()
    click(qtbot, page.toggle_active_button)
    assert team.get_member(workbook, member_id).active is True
    assert page.model.data(status) == "Active"


def test_delete_asks_first_and_cancel_keeps_the_person(qtbot, page, workbook, fake_dialogs):
    team.add_member(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    fake_dialogs.answer = False
    click(qtbot, page.delete_button)
    assert fake_dialogs.kinds() == ["confirm"]
    assert names(workbook) == ["Ana"]


def test_delete_after_confirming(qtbot, page, workbook, fake_dialogs):
    team.add_member(workbook, "Ana")
    team.add_member(workbook, "Ben")
    page.reload()
    select(page, "Ana")
    fake_dialogs.answer = True
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.delete_button)
    assert names(workbook) == ["Ben"]
    assert page.current_member().name == "Ben"  # the next person is selected
    assert "Ana was deleted" in page.feedback_label.text()


def test_delete_question_names_the_answers_that_go_with_the_person(
    qtbot, page, workbook, fake_dialogs
):
    ana = team.add_member(workbook, "Ana")
    for name in ("March", "June"):
        round_id = qn.create_round(workbook, f"Team meeting, {name} 2026", "2026-03-01")
        first = qn.round_questions(workbook, round_id)[0]
        qn.save_response(workbook, round_id, ana, {first.id: "Warm welcome"})
    page.reload()
    select(page, "Ana")
    fake_dialogs.answer = True
    click(qtbot, page.delete_button)
    [text] = fake_dialogs.texts("confirm")
    assert "Deleting Ana also deletes their answers in 2 questionnaire rounds" in text
    assert "mark Ana inactive instead" in text
    assert names(workbook) == []
    assert page.list_panel.stack.currentWidget() is page.list_panel.empty_state


def test_delete_question_wording():
    ana = TeamMember(1, "Ana", "", None, True)
    text = delete_question(ana, MemberReferences(2, 2, 3, 0))
    assert text.startswith(
        "Deleting Ana also deletes their answers in 2 questionnaire rounds; "
        "3 standards they own will have no owner. To keep them, mark Ana inactive instead."
    )
    text = delete_question(ana, MemberReferences(0, 0, 1, 0))
    assert text.startswith("Deleting Ana means 1 standard they own will have no owner.")
    text = delete_question(ana, MemberReferences(0, 0, 0, 0, actions_owned=2))
    assert text.startswith("Deleting Ana means 2 actions they carry out will pass to you.")
    text = delete_question(ana, MemberReferences(0, 0, 0, 0, sessions_attended=3, stories=1))
    assert "they leave the attendance of 3 training sessions" in text
    assert "they leave 1 success story" in text
    text = delete_question(ana, MemberReferences(0, 0, 0, 0))
    assert "Nothing else in the workbook refers to them" in text


def test_delete_key_in_the_list_deletes(qtbot, page, workbook, fake_dialogs):
    team.add_member(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    fake_dialogs.answer = True
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert names(workbook) == []


def test_insert_starts_a_new_person(qtbot, page, workbook):
    team.add_member(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    assert page.current_member() is None
    assert page.name_edit.text() == ""
    assert page.form_title.text() == "New person"


def test_empty_state(qtbot, page, workbook):
    assert page.list_panel.stack.currentWidget() is page.list_panel.empty_state
    empty_text = page.findChild(QLabel, "emptyText")
    assert empty_text.text().startswith("No one on the team yet")
    click(qtbot, page.list_panel.empty_add_button)
    qtbot.keyClicks(page.name_edit, "Ana")
    save(qtbot, page)
    qtbot.waitUntil(lambda: page.list_panel.stack.currentWidget() is page.table)


def test_user_text_is_shown_as_typed(qtbot, page, workbook):
    team.add_member(workbook, "<b>Ana</b> & co")
    page.reload()
    select(page, "<b>Ana</b> & co")
    assert page.form_title.text() == "<b>Ana</b> & co"
    assert page.form_title.textFormat() == Qt.TextFormat.PlainText
    assert page.model.data(page.model.index(0, 0)) == "<b>Ana</b> & co"


def test_table_model_passes_the_model_tester(qtmodeltester, workbook):
    team.add_member(workbook, "Ana", "Barista", "2024-01-02")
    team.add_member(workbook, "Ben", "", None, active=False)
    model = team_page.team_table_model()
    model.set_records(team.list_members(workbook))
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Role",
        "Start date",
        "Status",
    ]
    assert model.data(model.index(1, team_page.START)) == "—"
    assert model.data(model.index(1, team_page.NAME), Qt.ItemDataRole.FontRole).italic()


def test_read_only_workbook_disables_editing(qtbot, tmp_path):
    path = tmp_path / "ro.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        team.add_member(wb, "Ana")
    wb = Workbook.open(path, read_only=True)
    try:
        page = TeamPage(wb)
        qtbot.addWidget(page)
        page.show()
        select(page, "Ana")  # browsing still works
        assert page.name_edit.text() == "Ana"
        assert page.name_edit.isReadOnly()
        for button in (
            page.list_panel.add_button,
            page.toggle_active_button,
            page.delete_button,
            page.active_check,
        ):
            assert not button.isEnabled(), button.objectName()
        page.save_member()
        page.delete_member()
        assert names(wb) == ["Ana"]
    finally:
        wb.close()


def test_a_refusal_is_cleared_once_the_field_is_put_back(qtbot, page, workbook):
    """ "Name cannot be empty." must not stay beside a name typed back as it was."""
    team.add_member(workbook, "Ana")
    page.reload()
    select(page, "Ana")
    page.name_edit.clear()
    assert not page.flush()
    assert page.errors["name"].isVisible() and page.save_pending()
    page.name_edit.setText("Ana")  # back as it was: nothing to save, nothing refused
    assert page.flush()
    assert not page.errors["name"].isVisible()
    assert page.save_pending() is None and page.status.text() == ""


def test_a_new_starters_form_shows_training_and_the_first_weeks(qtbot, workbook, monkeypatch):
    import datetime as dt

    from cscoach.model import starter_checklist, training
    from cscoach.ui import print_preview

    today = dt.date(2026, 11, 22)
    ana = team.add_member(workbook, "Ana", "Barista", start_date="2026-10-01")
    training.add_session(
        workbook,
        training.SessionInput("2026-10-05", "Listening to upset customers", attendee_ids=(ana,)),
        today=today,
    )
    page = TeamPage(workbook, today=today)
    qtbot.addWidget(page)
    page.show()
    select(page, "Ana")
    box = page.training_box
    assert "Listening to upset customers" in box.record.text()
    read = box.checks[starter_checklist.PHILOSOPHY_READ]
    assert read.isVisible() and not read.isChecked()
    read.setChecked(True)
    checklist = starter_checklist.checklist(workbook, ana, today=today)
    assert checklist is not None
    done = {i.key: i.done_on for i in checklist.items}
    assert done[starter_checklist.PHILOSOPHY_READ] == today.isoformat()
    asked = []
    monkeypatch.setattr(print_preview, "preview", lambda *a, **k: asked.append(a[2]))
    page.one_to_one_button.click()
    assert asked[0].document == "one-to-one" and asked[0].member_id == ana


def test_a_click_on_a_heading_sorts_and_the_form_keeps_its_person(qtbot, page, workbook):
    from PySide6.QtCore import QPoint

    for name, role in (("Cy", "Barista"), ("ana", "Shift lead"), ("Bo", "Owner")):
        team.add_member(workbook, name, role)
    page.reload()
    select(page, "Cy")
    header = page.table.horizontalHeader()
    name_heading = QPoint(header.sectionViewportPosition(0) + 8, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_heading)
    assert [m.name for m in page.model.records()] == ["ana", "Bo", "Cy"]  # case ignored
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_heading)
    assert [m.name for m in page.model.records()] == ["Cy", "Bo", "ana"]  # turned round
    assert page.editor.current().name == "Cy"  # the form and the selection follow their row
    assert page.table.currentIndex().row() == 0
    team.add_member(workbook, "Dee")
    page.reload()  # read again: still sorted
    assert [m.name for m in page.model.records()][0] == "Dee"


def test_someone_who_leaves_gets_the_day_they_left(qtbot, workbook):
    import datetime as dt

    today = dt.date(2028, 2, 29)
    ana = team.add_member(workbook, "Ana", "Barista", "2025-01-10", today=today)
    page = TeamPage(workbook, today=today)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    select(page, "Ana")
    assert not page.left_on_edit.isVisible()  # asked only of someone who has left
    click(qtbot, page.toggle_active_button)  # Mark Inactive
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    assert page.left_on_edit.isVisible()
    assert page.left_on_edit.text() == "2028-02-29"
    # a day before they started is refused next to the field, and nothing is written
    page.left_on_edit.selectAll()
    qtbot.keyClicks(page.left_on_edit, "2024-12-31")
    qtbot.keyClick(page.left_on_edit, Qt.Key.Key_Return)
    error = page.errors["left_on"]
    assert error.isVisible() and error.text() == "Left on is before their start date."
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    page.left_on_edit.selectAll()
    qtbot.keyClicks(page.left_on_edit, "2027-12-31")
    qtbot.keyClick(page.left_on_edit, Qt.Key.Key_Return)
    assert not error.isVisible()
    assert team.get_member(workbook, ana).left_on == "2027-12-31"
    row = next(r for r, m in enumerate(page.model.records()) if m.id == ana)
    qtbot.waitUntil(  # the list follows the form on the next turn of the event loop
        lambda: (
            page.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
            == "Ana is inactive: kept for the record, no longer on the team since 31 December 2027."
        )
    )
    click(qtbot, page.toggle_active_button)  # Mark Active: back on the team
    assert team.get_member(workbook, ana).left_on is None
    assert not page.left_on_edit.isVisible()


def test_unticking_works_here_now_fills_in_today_and_keeps_it(qtbot, workbook):
    import datetime as dt

    today = dt.date(2028, 2, 29)
    ana = team.add_member(workbook, "Ana", "Barista", "2025-01-10", today=today)
    page = TeamPage(workbook, today=today)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    select(page, "Ana")
    page.active_check.click()  # no longer works here
    assert page.left_on_edit.text() == "2028-02-29"
    assert page.editor.flush()
    assert team.get_member(workbook, ana).left_on == "2028-02-29"
    page.role_edit.setText("Barista (weekends)")  # a later change keeps the day
    assert page.editor.flush()
    assert team.get_member(workbook, ana) == team.TeamMember(
        ana, "Ana", "Barista (weekends)", "2025-01-10", False, "2028-02-29"
    )
    page.active_check.click()  # back on the team
    assert page.left_on_edit.text() == ""
    assert page.editor.flush()
    assert team.get_member(workbook, ana).left_on is None
