"""The Standards page: driven like a user would, checked against the model."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.dates import FIXED_TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from cscoach.model import philosophy, standards, team
from cscoach.model.standards import Standard, StandardInput
from cscoach.model.workbook import Workbook
from cscoach.ui import style
from cscoach.ui.pages.standards.form import NO_VALUES_TEXT
from cscoach.ui.pages.standards.list_panel import NO_MATCH_TEXT
from cscoach.ui.pages.standards.page import StandardsPage
from cscoach.ui.pages.standards.table import NEXT, TITLE, standards_table_model

GREET = "Greet every customer within 30 seconds"
PHONE = "Answer the phone within three rings"
PAST = "2025-03-10"


@pytest.fixture
def page(qtbot, workbook):
    page = StandardsPage(workbook)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    qtbot.waitExposed(page)
    return page


def all_standards(wb: Workbook) -> list[Standard]:
    return standards.list_standards(wb)


def by_title(wb: Workbook, title: str) -> Standard:
    [found] = [s for s in all_standards(wb) if s.title == title]
    return found


def review_count(wb: Workbook) -> int:
    return wb.query_one("SELECT count(*) AS n FROM standard_reviews")["n"]


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, page: StandardsPage, title: str, *, add: bool = False) -> None:
    """Click a row of the table (Ctrl+click with ``add``)."""
    titles = [s.title for s in page.model.records()]
    assert title in titles, f"{title} is not in the table"
    rect = page.table.visualRect(page.model.index(titles.index(title), 0))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def choose(combo: QComboBox, text: str) -> None:
    """Pick an item as the user would (``activated`` is what a mouse pick emits)."""
    index = combo.findText(text)
    assert index >= 0, f"{text} is not offered in {combo.objectName()}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def save(qtbot, page: StandardsPage) -> None:
    """Enter in the title saves at once (otherwise a pause in typing or leaving does)."""
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Return)


def tick(page: StandardsPage, value_name: str) -> None:
    items = page.form.values_list.findItems(value_name, Qt.MatchFlag.MatchExactly)
    assert items, f"{value_name} is not in the values list"
    items[0].setCheckState(Qt.CheckState.Checked)


def shown_titles(page: StandardsPage) -> list[str]:
    return [s.title for s in page.model.records()]


# -- adding -----------------------------------------------------------------------


def test_add_a_standard_with_values_kpi_and_owner(qtbot, page, workbook):
    warmth = philosophy.add_value(workbook, "Warmth", "People feel welcome")
    philosophy.add_value(workbook, "Speed", "Nobody waits")
    honesty = philosophy.add_value(workbook, "Honesty", "We say what is true")
    ana = team.add_member(workbook, "Ana Costa", "Barista")
    page.reload()

    click(qtbot, page.list_panel.new_button)
    form = page.form
    qtbot.keyClicks(form.title_edit, "Offer water while they wait")
    qtbot.keyClicks(form.detail_edit, "A glass of water & a smile <b>always</b>")
    choose(form.category_combo, "In person")
    tick(page, "Warmth")
    tick(page, "Honesty")
    choose(form.kpi_combo, "Customer satisfaction (CSAT)")
    choose(form.owner_combo, "Ana Costa")
    type_into(qtbot, form.interval_spin, "3")
    qtbot.keyClicks(form.last_reviewed_edit, PAST)
    click(qtbot, form.poster_check)
    save(qtbot, page)

    added = by_title(workbook, "Offer water while they wait")
    assert added.detail == "A glass of water & a smile <b>always</b>"
    assert added.category == "In person"
    assert set(added.value_ids) == {warmth, honesty}
    assert added.kpi == "Customer satisfaction (CSAT)"
    assert added.owner_id == ana
    assert added.review_months == 3
    assert added.last_reviewed == PAST
    assert added.on_poster and added.active
    # The new standard is selected and shown in the form with its first review.
    qtbot.waitUntil(lambda: page.selected_ids() == [added.id])
    assert page.current_standard().id == added.id
    assert form.form_title.text() == "Edit standard"
    assert form.save_status.text() == "Saved."
    assert form.history_list.count() == 1
    assert "was added" in form.feedback_label.text()
    titles = [s.title for s in all_standards(workbook)]
    assert titles.count("Offer water while they wait") == 1  # added once, then changed


def test_enter_in_the_title_adds_the_standard(qtbot, page, workbook):
    click(qtbot, page.list_panel.new_button)
    qtbot.keyClicks(page.form.title_edit, "Smile")
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Return)
    assert "Smile" in [s.title for s in all_standards(workbook)]


def test_new_standard_shortcut_focuses_the_title(qtbot, page):
    click_row(qtbot, page, GREET)
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert page.current_standard() is None
    assert page.form.title_edit.text() == ""
    assert page.form.form_title.text() == "New standard"


def _future() -> str:
    """Tomorrow, for a test that sets the clock with ``fixed_today``."""
    return (FIXED_TODAY + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("title", "interval", "reviewed", "field", "message"),
    [
        ("", None, "2025-01-01", "title", "Title cannot be empty."),
        ("x" * 161, None, "", "title", "Title is too long (161 characters; the limit is 160)."),
        ("Smile", "0", "", "review_months", "between 1 and 60 (got 0)"),
        ("Smile", "61", "", "review_months", "between 1 and 60 (got 61)"),
        ("Smile", None, "future", "last_reviewed", "Last reviewed cannot be in the future."),
        ("Smile", None, "10/03/2025", "last_reviewed", "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
    qtbot, fixed_today, page, workbook, title, interval, reviewed, field, message
):
    before = all_standards(workbook)
    click(qtbot, page.list_panel.new_button)
    form = page.form
    # The bad field first: a good title alone would add the standard.
    if interval is not None:
        type_into(qtbot, form.interval_spin, interval)
    qtbot.keyClicks(form.last_reviewed_edit, _future() if reviewed == "future" else reviewed)
    qtbot.keyClicks(form.title_edit, title)
    save(qtbot, page)
    assert form.save_status.text() == "Not saved."

    assert form.errors[field].isVisible()
    assert message in form.errors[field].text()
    others = [label for key, label in form.errors.items() if key != field]
    assert not any(label.isVisible() for label in others)
    assert all_standards(workbook) == before
    assert review_count(workbook) == 0


def test_a_bad_edit_keeps_the_standard_and_shows_the_message(qtbot, page, workbook):
    click_row(qtbot, page, GREET)
    type_into(qtbot, page.form.interval_spin, "0")
    save(qtbot, page)
    assert "between 1 and 60" in page.form.errors["review_months"].text()
    assert by_title(workbook, GREET).review_months == 6
    # Choosing another standard tries to save first, and stays put when it cannot.
    click_row(qtbot, page, PHONE)
    assert page.current_standard().title == GREET
    type_into(qtbot, page.form.interval_spin, "12")
    save(qtbot, page)
    assert by_title(workbook, GREET).review_months == 12
    assert not page.form.errors["review_months"].isVisible()


# -- editing ----------------------------------------------------------------------


def test_edit_a_standard(qtbot, page, workbook):
    member = team.add_member(workbook, "Ben")
    page.reload()
    click_row(qtbot, page, PHONE)
    form = page.form
    assert form.title_edit.text() == PHONE
    assert not page.is_dirty()  # nothing changed yet
    form.title_edit.clear()
    qtbot.keyClicks(form.title_edit, "Answer within three rings, smiling")
    assert page.is_dirty()
    with qtbot.waitSignal(page.changed):
        save(qtbot, page)
    assert by_title(workbook, "Answer within three rings, smiling")
    assert form.save_status.text() == "Saved."
    with qtbot.waitSignal(page.changed):  # a choice is saved as it is made
        choose(form.owner_combo, "Ben")
    edited = by_title(workbook, "Answer within three rings, smiling")
    assert edited.owner_id == member
    assert edited.category == "Phone"
    assert page.current_standard().id == edited.id
    assert not page.is_dirty()


def test_a_choice_on_an_existing_standard_is_saved_at_once(qtbot, page, workbook):
    click_row(qtbot, page, GREET)
    assert by_title(workbook, GREET).on_poster
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.form.poster_check)
    assert not by_title(workbook, GREET).on_poster


def test_choosing_another_standard_saves_the_edit_in_progress(qtbot, page, workbook):
    click_row(qtbot, page, GREET)
    page.form.detail_edit.setPlainText("Look up, smile, say hello.")
    click_row(qtbot, page, PHONE)
    assert by_title(workbook, GREET).detail == "Look up, smile, say hello."
    assert page.form.title_edit.text() == PHONE


def test_add_a_category_of_ones_own(qtbot, page, workbook):
    click_row(qtbot, page, GREET)
    click(qtbot, page.form.add_category_button)
    qtbot.keyClicks(page.form.new_category_edit, "in person")
    qtbot.keyClick(page.form.new_category_edit, Qt.Key.Key_Return)
    assert "already a category" in page.form.errors["category"].text()
    page.form.new_category_edit.clear()
    qtbot.keyClicks(page.form.new_category_edit, "Deliveries")
    click(qtbot, page.form.new_category_ok)
    assert "Deliveries" in [c.name for c in standards.list_categories(workbook)]
    assert page.form.category_combo.currentText() == "Deliveries"
    assert by_title(workbook, GREET).category == "Deliveries"  # the standard moved into it
    assert page.filters.category_filter.findText("Deliveries") >= 0


def test_values_empty_state_and_reload_picks_up_new_values_and_people(qtbot, page, workbook):
    assert page.form.values_empty.isVisible()
    assert page.form.values_empty.text() == NO_VALUES_TEXT
    philosophy.add_value(workbook, "Warmth")
    team.add_member(workbook, "Ana")
    page.reload()
    assert not page.form.values_empty.isVisible()
    assert page.form.values_list.count() == 1
    assert page.form.owner_combo.findText("Ana") >= 0
    assert page.filters.value_filter.findText("Warmth") >= 0


def test_an_inactive_owner_still_shows_as_the_owner(qtbot, page, workbook):
    ana = team.add_member(workbook, "Ana")
    team.add_member(workbook, "Ben")
    greet = by_title(workbook, GREET)
    standards.update_standard(
        workbook, greet.id, StandardInput(GREET, greet.category_id, owner_id=ana)
    )
    team.set_active(workbook, ana, False)
    page.reload()
    click_row(qtbot, page, PHONE)
    assert page.form.owner_combo.findText("Ana", Qt.MatchFlag.MatchStartsWith) < 0
    click_row(qtbot, page, GREET)
    assert page.form.owner_combo.currentText() == "Ana (no longer active)"


# -- the list -----------------------------------------------------------------------


def test_filter_by_category_value_status_and_search(qtbot, page, workbook):
    warmth = philosophy.add_value(workbook, "Warmth")
    greet, phone = by_title(workbook, GREET), by_title(workbook, PHONE)
    for s in (greet, phone):
        standards.update_standard(
            workbook, s.id, StandardInput(s.title, s.category_id, value_ids=(warmth,))
        )
    standards.mark_reviewed(workbook, [greet.id], on="2020-01-01")  # long overdue
    standards.set_active(
        workbook, by_title(workbook, "Check back after fixing a problem").id, False
    )
    page.reload()
    assert len(shown_titles(page)) == 4  # Active by default
    assert "4 standards, ⚠ 1 overdue · 1 retired" in page.list_panel.count_label.text()

    choose(page.filters.category_filter, "Phone")
    assert shown_titles(page) == [PHONE]
    choose(page.filters.category_filter, "All categories")
    choose(page.filters.value_filter, "Warmth")
    assert shown_titles(page) == [GREET, PHONE]
    choose(page.filters.value_filter, "All values")
    choose(page.filters.status_filter, "Overdue for review")
    assert shown_titles(page) == [GREET]
    choose(page.filters.status_filter, "Retired")
    assert shown_titles(page) == ["Check back after fixing a problem"]
    choose(page.filters.status_filter, "All")
    assert len(shown_titles(page)) == 5
    choose(page.filters.status_filter, "Active")

    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search_edit.hasFocus()
    qtbot.keyClicks(page.filters.search_edit, "THREE rings")
    assert shown_titles(page) == [PHONE]
    assert page.list_panel.count_label.text().startswith("Showing 1")


def test_no_match_shows_the_empty_state_and_clear_filters(qtbot, page):
    qtbot.keyClicks(page.filters.search_edit, "no such words")
    assert page.list_panel.stack.currentWidget() is page.list_panel.empty_state
    assert page.list_panel.empty_text.text() == NO_MATCH_TEXT
    click(qtbot, page.list_panel.clear_filters_button)
    assert page.filters.search_edit.text() == ""
    assert page.list_panel.stack.currentWidget() is page.table
    assert len(shown_titles(page)) == 5


def test_overdue_is_flagged_with_a_symbol_and_a_colour(qtbot, page, workbook):
    standards.mark_reviewed(workbook, [by_title(workbook, GREET).id], on="2020-01-01")
    page.reload()
    row = shown_titles(page).index(GREET)
    cell = page.model.index(row, NEXT)
    assert page.model.data(cell) == "⚠ Overdue"
    assert page.model.data(cell, Qt.ItemDataRole.ForegroundRole) == style.qcolor("error")
    other = page.model.index(shown_titles(page).index(PHONE), NEXT)
    assert "⚠" not in page.model.data(other)
    click_row(qtbot, page, GREET)
    assert page.form.status_label.text().startswith("⚠ Review overdue")


def test_mark_three_standards_reviewed_in_one_action(
    qtbot, fixed_today, page, workbook, monkeypatch
):
    team.add_member(workbook, "Ben")
    page.reload()
    calls = []
    real = standards.mark_reviewed
    monkeypatch.setattr(
        standards, "mark_reviewed", lambda *a, **kw: (calls.append(a[1]), real(*a, **kw))
    )
    titles = shown_titles(page)[:3]
    click_row(qtbot, page, titles[0])
    click_row(qtbot, page, titles[1], add=True)
    click_row(qtbot, page, titles[2], add=True)
    assert len(page.selected_ids()) == 3
    assert page.side_stack.currentWidget() is page.multi_panel
    assert page.multi_panel.title.text() == "3 standards selected"

    click(qtbot, page.list_panel.mark_reviewed_button)
    dialog = page.review_dialog
    qtbot.waitExposed(dialog)
    assert dialog.date_edit.text() == FIXED_TODAY.isoformat()
    type_into(qtbot, dialog.date_edit, _future())
    click(qtbot, dialog.ok_button)
    assert dialog.errors["reviewed_on"].isVisible()
    assert "cannot be in the future" in dialog.errors["reviewed_on"].text()
    assert dialog.isVisible()
    assert review_count(workbook) == 0

    type_into(qtbot, dialog.date_edit, PAST)
    choose(dialog.who_combo, "Ben")
    qtbot.keyClicks(dialog.note_edit, "March team meeting")
    with qtbot.waitSignal(page.changed):
        click(qtbot, dialog.ok_button)

    assert len(calls) == 2  # the refused future date, then one call for all three
    assert len(calls[-1]) == 3
    for title in titles:
        [review] = standards.review_history(workbook, by_title(workbook, title).id)
        assert (review.reviewed_on, review.reviewed_by, review.note) == (
            PAST,
            "Ben",
            "March team meeting",
        )
    assert review_count(workbook) == 3
    assert page.selected_ids() == [by_title(workbook, t).id for t in titles]
    assert "3 standards marked reviewed" in page.multi_panel.feedback.text()


def test_put_several_on_the_poster(qtbot, page, workbook):
    titles = shown_titles(page)
    click_row(qtbot, page, titles[3])
    click_row(qtbot, page, titles[4], add=True)
    click(qtbot, page.multi_panel.poster_on_button)
    assert all(by_title(workbook, t).on_poster for t in titles[3:5])


def test_retire_and_bring_back(qtbot, page, workbook):
    click_row(qtbot, page, PHONE)
    assert page.form.retire_button.text() == "Retire"
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.form.retire_button)
    assert not by_title(workbook, PHONE).active
    assert PHONE not in shown_titles(page)  # the list shows active standards
    assert "1 retired" in page.list_panel.count_label.text()
    assert "Choose Status: Retired or All" in page.form.feedback_label.text()

    choose(page.filters.status_filter, "All")
    row = shown_titles(page).index(PHONE)
    assert page.model.data(page.model.index(row, NEXT)) == "Retired"
    grey = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
    assert grey == style.qcolor("inactive")
    assert page.form.retire_button.text() == "Bring Back"
    click(qtbot, page.form.retire_button)
    assert by_title(workbook, PHONE).active


def test_delete_is_refused_for_a_standard_with_history(qtbot, page, workbook, fake_dialogs):
    greet = by_title(workbook, GREET)
    standards.mark_reviewed(workbook, [greet.id], on=PAST)
    page.reload()
    click_row(qtbot, page, GREET)
    assert not page.form.delete_button.isEnabled()
    assert "retire it instead" in page.form.delete_button.toolTip().lower()
    # The Delete key in the list explains instead of deleting.
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert fake_dialogs.kinds() == ["error"]
    assert "retire it instead" in fake_dialogs.texts("error")[0].lower()
    assert by_title(workbook, GREET)


def test_delete_without_history_asks_first(qtbot, page, workbook, fake_dialogs):
    click_row(qtbot, page, PHONE)
    assert page.form.delete_button.isEnabled()
    fake_dialogs.answer = False
    click(qtbot, page.form.delete_button)
    assert fake_dialogs.kinds() == ["confirm"]
    assert by_title(workbook, PHONE)
    fake_dialogs.answer = True
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.form.delete_button)
    assert PHONE not in [s.title for s in all_standards(workbook)]
    assert page.current_standard() is not None  # the next one is shown
    assert "was deleted" in page.form.feedback_label.text()


def test_reorder_within_a_category(qtbot, page, workbook):
    in_person = by_title(workbook, GREET).category_id
    standards.add_standard(workbook, StandardInput("Say goodbye", in_person))
    page.reload()

    def order() -> list[str]:
        return [s.title for s in all_standards(workbook) if s.category_id == in_person]

    assert order() == [GREET, "Say goodbye"]
    click_row(qtbot, page, "Say goodbye")
    assert (
        page.list_panel.move_up_button.isEnabled()
        and not page.list_panel.move_down_button.isEnabled()
    )
    with qtbot.waitSignal(page.changed):
        click(qtbot, page.list_panel.move_up_button)
    assert order() == ["Say goodbye", GREET]
    assert page.current_standard().title == "Say goodbye"
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert order() == [GREET, "Say goodbye"]
    # sorted by a heading, a move first shows the standards in their own order again
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert page.model.sorted
    click_row(qtbot, page, "Say goodbye")
    click(qtbot, page.list_panel.move_up_button)
    assert order() == ["Say goodbye", GREET]
    assert not page.model.sorted


# -- printing and read-only -------------------------------------------------------


@pytest.fixture
def previews(monkeypatch):
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        "cscoach.ui.print_preview.show_preview",
        lambda parent, pdf, title, *rest, **k: shown.append((pdf, title)),
    )
    return shown


def test_print_buttons_show_the_pdfs(qtbot, page, previews):
    click(qtbot, page.print_poster_button)
    click(qtbot, page.print_handbook_button)
    click(qtbot, page.print_signoff_button)
    assert [title for _pdf, title in previews] == [
        "Break-room poster",
        "Service standards handbook",
        "Standards sign-off sheet",
    ]
    assert all(pdf.startswith(b"%PDF") for pdf, _title in previews)


def test_read_only_disables_editing_but_printing_works(qtbot, workbook, previews):
    read_only = Workbook.open(workbook.path, read_only=True)
    try:
        page = StandardsPage(read_only)
        qtbot.addWidget(page)
        page.resize(1300, 850)
        page.show()
        qtbot.waitExposed(page)
        click_row(qtbot, page, GREET)
        form = page.form
        assert form.title_edit.text() == GREET  # still readable
        assert form.title_edit.isReadOnly() and form.last_reviewed_edit.isReadOnly()
        assert form.detail_edit.isReadOnly() and form.interval_spin.isReadOnly()
        for widget in (
            form.retire_button,
            form.delete_button,
            form.category_combo,
            form.kpi_combo,
            form.owner_combo,
            form.poster_check,
            form.add_category_button,
            page.list_panel.new_button,
            page.list_panel.mark_reviewed_button,
            page.list_panel.move_up_button,
            page.list_panel.move_down_button,
        ):
            assert not widget.isEnabled(), widget.objectName()
        assert not page.new_action.isEnabled() and not page.save_action.isEnabled()
        click(qtbot, page.print_poster_button)
        assert len(previews) == 1
    finally:
        read_only.close()


def test_table_model_passes_the_model_tester(qtmodeltester, workbook):
    warmth = philosophy.add_value(workbook, "Warmth")
    ana = team.add_member(workbook, "Ana")
    greet = by_title(workbook, GREET)
    standards.update_standard(
        workbook,
        greet.id,
        StandardInput(GREET, greet.category_id, value_ids=(warmth,), owner_id=ana),
    )
    standards.mark_reviewed(workbook, [greet.id], on="2020-01-01")
    standards.set_active(workbook, by_title(workbook, PHONE).id, False)
    model = standards_table_model()
    model.set_records(all_standards(workbook))
    qtmodeltester.check(model)


def test_a_link_to_a_kpi_no_longer_tracked_is_kept(qtbot, page, workbook):
    [kpi] = workbook.query("SELECT id, name FROM kpis ORDER BY position LIMIT 1")
    greet = by_title(workbook, GREET)
    standards.update_standard(
        workbook, greet.id, StandardInput(GREET, greet.category_id, kpi_id=kpi["id"])
    )
    with workbook.transaction() as db:
        db.execute("UPDATE kpis SET active = 0 WHERE id = ?", [kpi["id"]])
    page.reload()
    click_row(qtbot, page, GREET)
    assert page.form.kpi_combo.currentText() == f"{kpi['name']} (no longer tracked)"
    click(qtbot, page.form.poster_check)  # saves the whole form
    assert by_title(workbook, GREET).kpi_id == kpi["id"]
    click_row(qtbot, page, PHONE)
    assert page.form.kpi_combo.findData(kpi["id"]) < 0


def test_save_pending_saves_an_edit_and_a_new_standard_and_names_a_refused_one(
    qtbot, page, workbook
):
    click_row(qtbot, page, GREET)
    page.form.detail_edit.setPlainText("Changed")
    assert page.save_pending() is None
    assert by_title(workbook, GREET).detail == "Changed"
    click(qtbot, page.list_panel.new_button)
    qtbot.keyClicks(page.form.title_edit, "Half typed")
    assert page.save_pending() is None  # added: it has a title
    assert by_title(workbook, "Half typed")
    page.form.title_edit.clear()
    assert "could not be saved: Title cannot be empty" in page.save_pending()
    assert by_title(workbook, "Half typed")


def test_reload_keeps_an_untouched_form_clean(qtbot, page, workbook, fake_dialogs):
    click_row(qtbot, page, GREET)
    standards.update_standard(
        workbook,
        by_title(workbook, GREET).id,
        StandardInput("Greet everyone", by_title(workbook, GREET).category_id),
    )
    page.reload()  # what the window does when another page changed data
    assert page.form.title_edit.text() == "Greet everyone"
    assert not page.is_dirty()
    click_row(qtbot, page, PHONE)
    assert fake_dialogs.asked == []


def test_a_new_standard_starts_in_the_filtered_category_and_value(qtbot, page, workbook):
    warmth = philosophy.add_value(workbook, "Warmth")
    page.reload()
    choose(page.filters.category_filter, "Phone")
    choose(page.filters.value_filter, "Warmth")
    click(qtbot, page.list_panel.new_button)
    assert page.form.category_combo.currentText() == "Phone"
    qtbot.keyClicks(page.form.title_edit, "Smile down the line")
    save(qtbot, page)
    added = by_title(workbook, "Smile down the line")
    assert (added.category, added.value_ids) == ("Phone", (warmth,))
    qtbot.waitUntil(lambda: page.selected_ids() == [added.id])  # shown: it matches the filters


def test_a_titles_tooltip_names_the_values_it_serves(page, workbook):
    from cscoach.model import philosophy

    value = philosophy.add_value(workbook, "Own it", "We fix what we find")
    category = standards.list_categories(workbook)[0].id
    standards.add_standard(
        workbook, standards.StandardInput("Smile & greet", category, value_ids=(value,))
    )
    page.reload()

    def tip(title: str) -> str:
        index = page.model.index(shown_titles(page).index(title), TITLE)
        return page.model.data(index, Qt.ItemDataRole.ToolTipRole)

    assert "Smile &amp; greet" in tip("Smile & greet")  # escaped: a tooltip is rich text
    assert "Serves: Own it" in tip("Smile & greet")
    assert "Serves no value yet" in tip(GREET)


# -- undo -------------------------------------------------------------------------


def snapshot(wb: Workbook) -> dict[str, list[tuple]]:
    """Every row of every table of the workbook."""
    tables = [
        r[0]
        for r in wb.conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return {
        t: wb.conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


@pytest.fixture
def shown(qtbot, main_window, fake_dialogs) -> StandardsPage:
    """The Standards page in the window (Edit › Undo reloads it)."""
    main_window.show_page("standards")
    page = main_window.current_page()
    assert isinstance(page, StandardsPage)
    return page


def test_undo_and_redo_a_typed_change_show_in_the_list_and_the_form(qtbot, main_window, shown):
    page, wb = shown, main_window.wb
    click_row(qtbot, page, GREET)
    before = snapshot(wb)
    type_into(qtbot, page.form.title_edit, "Greet everyone")
    save(qtbot, page)
    after = snapshot(wb)
    assert after != before
    main_window.undo_action.trigger()
    assert snapshot(wb) == before
    assert page.form.title_edit.text() == GREET and not page.is_dirty()
    assert GREET in shown_titles(page) and page.selected_ids() == [by_title(wb, GREET).id]
    main_window.redo_action.trigger()
    assert snapshot(wb) == after
    assert page.form.title_edit.text() == "Greet everyone"
    assert "Greet everyone" in shown_titles(page)


def test_undo_marking_several_reviewed_keeps_them_selected(qtbot, main_window, shown):
    page, wb = shown, main_window.wb
    titles = shown_titles(page)[:3]
    click_row(qtbot, page, titles[0])
    click_row(qtbot, page, titles[1], add=True)
    click_row(qtbot, page, titles[2], add=True)
    ids = page.selected_ids()
    before = snapshot(wb)
    click(qtbot, page.list_panel.mark_reviewed_button)
    qtbot.waitExposed(page.review_dialog)
    click(qtbot, page.review_dialog.ok_button)
    assert review_count(wb) == 3
    after = snapshot(wb)
    main_window.undo_action.trigger()  # one step for all three
    assert snapshot(wb) == before
    assert page.selected_ids() == ids and page.side_stack.currentWidget() is page.multi_panel
    main_window.redo_action.trigger()
    assert snapshot(wb) == after


def test_undo_brings_a_deleted_standard_back(qtbot, main_window, shown, fake_dialogs):
    page, wb = shown, main_window.wb
    click_row(qtbot, page, PHONE)
    before = snapshot(wb)
    fake_dialogs.answer = True
    click(qtbot, page.form.delete_button)
    assert "Edit › Undo brings it back." in fake_dialogs.texts("confirm")[0]
    assert PHONE not in shown_titles(page)
    main_window.undo_action.trigger()
    assert snapshot(wb) == before
    assert PHONE in shown_titles(page)
    click_row(qtbot, page, PHONE)
    assert page.form.title_edit.text() == PHONE


def test_a_standard_no_one_is_trained_on_says_so(qtbot, page, workbook):
    from cscoach.model import training

    [first, *_] = standards.list_standards(workbook)
    page.select_item("standard", first.id)
    assert "No one on the team has been trained on it" in page.form.status_label.text()
    ana = team.add_member(workbook, "Ana")
    training.add_session(
        workbook,
        training.SessionInput(
            dt.date.today().isoformat(), "Greeting", standard_ids=(first.id,), attendee_ids=(ana,)
        ),
        today=dt.date.today(),
    )
    page.reload()
    page.select_item("standard", first.id)
    assert "trained" not in page.form.status_label.text()


def test_the_summary_says_none_overdue_rather_than_zero(workbook: Workbook) -> None:
    from cscoach.ui.pages.standards.list_panel import summary

    assert summary([]) == "0 standards"
    category = standards.list_categories(workbook)[0].id
    for title in ("Greet within 30 seconds", "Answer within three rings"):
        standards.add_standard(
            workbook, StandardInput(title, category, review_months=60), last_reviewed=FIXED_TODAY
        )
    ours = [s for s in standards.list_standards(workbook) if s.title == "Greet within 30 seconds"]
    assert summary(ours) == "1 standard, none overdue"
