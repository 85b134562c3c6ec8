"""The pages on a laptop's screen (1366×768, the most common small screen, and 1280×720)
and a wide one (1920×1080), on the demo workbook: nothing the owner reads is cut off where
there is room for it, the part of a page the owner works in (a record's form, with what it
shows besides its fields) is in view without scrolling, and a wide window gives the form
some of its room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from cscoach.model import starter_checklist
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.hiring import candidates as candidate_panel
from cscoach.ui.pages.hiring import criteria as hiring_criteria
from cscoach.ui.pages.hiring.page import HiringPage
from cscoach.ui.pages.kpis.page import KpisPage
from cscoach.ui.pages.standards.page import StandardsPage
from cscoach.ui.pages.training import sessions_tab, stories_tab
from cscoach.ui.pages.training.page import TrainingPage

LAPTOP = QSize(1366, 768)
SMALL_LAPTOP = QSize(1280, 720)
WIDE = QSize(1920, 1080)


@pytest.fixture
def window(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle() -> None:
    """Let the layouts and the columns fitted on show catch up."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()


def show(window: MainWindow, key: str, size: QSize = LAPTOP):
    window.show_page(key)
    window.resize(size)
    settle()
    return window.current_page()


@pytest.mark.parametrize(("size", "most_lines"), [(LAPTOP, 2), (SMALL_LAPTOP, 3), (WIDE, 1)])
def test_kpi_grid_headings_are_never_wider_than_their_columns(window, size, most_lines):
    page = show(window, "kpis", size)
    assert isinstance(page, KpisPage)
    header = page.grid.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for column in range(page.grid_model.columnCount()):
        heading = page.grid_model.headerData(column, Qt.Orientation.Horizontal)
        room = header.sectionSize(column) - 16  # the style's padding, 8 px either side
        for line in str(heading).split("\n"):
            assert metrics.horizontalAdvance(line) <= room, (line, room)
        # and no more lines than it needs: one on a wide screen
        assert heading.count("\n") < most_lines, heading


@pytest.mark.parametrize("size", [LAPTOP, SMALL_LAPTOP])
def test_the_monthly_review_shows_every_kpi_and_its_actions_are_not_squeezed(window, size):
    page = show(window, "kpis", size)
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.review)
    settle()
    review = page.review
    table = review.table
    assert table.rowCount() == 4  # the demo's four KPIs, every one in view in the table
    last = table.rowViewportPosition(3) + table.rowHeight(3)
    assert last <= table.viewport().height()
    # the actions keep room for their rows (the review scrolls instead), and the first
    # thing to tick is in view without scrolling
    actions = review.action_panel
    for items in (actions.tick_list, actions.coming_list):
        assert items.height() >= items.fitted_height()
        assert items.count() <= items.most
        assert items.verticalScrollBar().maximum() == 0  # every row whole, as wrapped
    first = actions.tick_list.visualItemRect(actions.tick_list.item(0))
    bottom = actions.tick_list.viewport().mapTo(review.body_scroll.viewport(), first.bottomLeft())
    assert bottom.y() <= review.body_scroll.viewport().height()
    # what was decided at the last review reads whole
    assert review.previous_steps.verticalScrollBar().maximum() == 0


def in_view(widget, scroll) -> bool:
    """``widget`` is wholly inside ``scroll``'s viewport, as it is scrolled now."""
    top = widget.mapTo(scroll.viewport(), widget.rect().topLeft())
    bottom = widget.mapTo(scroll.viewport(), widget.rect().bottomRight())
    return top.y() >= 0 and bottom.y() <= scroll.viewport().height()


@pytest.mark.parametrize("size", [LAPTOP, SMALL_LAPTOP])
def test_scoring_a_candidate_shows_several_qualities_and_the_names_whole(window, size):
    page = show(window, "hiring", size)
    assert isinstance(page, HiringPage)
    panel = page.candidates
    nadia = next(s for s in panel.model.records() if s.candidate.name == "Nadia Haddad")
    assert panel.select_candidate(nadia.candidate.id)
    settle()
    # each quality's buttons on its line, lined up, and at least three qualities to score
    # in view without scrolling (one and a half were)
    editors = panel.scores.editors
    assert len(editors) == 5
    shown = [e for e in editors if in_view(e.buttons[5], panel.detail_scroll)]
    assert len(shown) >= 3
    lefts = {e.buttons[1].mapTo(panel.detail, e.buttons[1].rect().topLeft()).x() for e in editors}
    assert len(lefts) == 1
    for editor in editors:  # beside the quality, not under it
        assert editor.buttons[1].geometry().top() < editor.quality_label.geometry().bottom()
    # the list keeps the names and roles whole
    table = panel.table
    for column in (candidate_panel.NAME, candidate_panel.ROLE):
        widest = max(
            table.fontMetrics().horizontalAdvance(panel.model.row_texts(row)[column])
            for row in range(panel.model.rowCount())
        )
        assert table.horizontalHeader().sectionSize(column) > widest
    # nothing scrolls sideways
    assert panel.detail.width() <= panel.detail_scroll.viewport().width()


@pytest.fixture
def new_window(qtbot, workbook, settings, fixed_today):
    """A new workbook's window: nothing written down yet."""
    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_new_workbook_shows_no_empty_boxes_or_lone_labels(new_window):
    # Kiosk: what the tab is for, at the top; no "Month:" alone halfway down
    kpis_page = show(new_window, "kpis")
    assert isinstance(kpis_page, KpisPage)
    kiosk = kpis_page.kiosk
    kpis_page.tabs.setCurrentWidget(kiosk)
    settle()
    assert kiosk.intro.isVisible()
    assert not kiosk.month_label.isVisible() and not kiosk.month.isVisible()
    assert kiosk.intro.y() < kiosk.height() // 4
    # Monthly Review: "Nothing was due" rather than empty white lists
    kpis_page.tabs.setCurrentWidget(kpis_page.review)
    settle()
    actions = kpis_page.review.action_panel
    assert not actions.tick_list.isVisible() and actions.tick_empty.isVisible()
    assert not actions.coming_list.isVisible() and actions.coming_empty.isVisible()
    assert not actions.said.isVisible()
    # Hiring › Compare: what to do, without three empty drop-downs
    hiring = show(new_window, "hiring")
    assert isinstance(hiring, HiringPage)
    hiring.tabs.setCurrentWidget(hiring.compare)
    settle()
    assert hiring.compare.empty_label.isVisible()
    assert not any(picker.isVisible() for picker in hiring.compare.pickers)
    # Training › Stories: where the names come from, not an empty box to tick in
    training = show(new_window, "training")
    assert isinstance(training, TrainingPage)
    training.tabs.setCurrentWidget(training.stories)
    settle()
    form = training.stories.form
    assert not form.members_list.isVisible() and form.members_empty.isVisible()


def test_training_topics_read_whole_before_who_ran_them(window):
    page = show(window, "training")
    assert isinstance(page, TrainingPage)
    table = page.sessions.table
    header = table.horizontalHeader()
    widest = max(
        table.fontMetrics().horizontalAdvance(session.topic)
        for session in page.sessions.model.records()
    )
    assert header.sectionSize(sessions_tab.TOPIC) > widest  # "Complaints role-play: the c…"
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()


@pytest.mark.parametrize("size", [LAPTOP, WIDE])
def test_kiosk_tables_keep_every_heading_whole_and_share_the_room_evenly(window, size):
    page = show(window, "kpis", size)
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.kiosk)
    settle()
    for table in (page.kiosk.by_day, page.kiosk.by_hour):
        assert table.rowCount()  # the demo's month of kiosk votes
        header = table.horizontalHeader()
        columns = range(header.count())
        wanted = [max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in columns]
        widths = [header.sectionSize(c) for c in columns]
        assert all(w >= need for w, need in zip(widths, wanted, strict=True))  # none cut
        # the room left is shared out: no one wide column with its number far away
        extra = [w - need for w, need in zip(widths, wanted, strict=True)]
        assert max(extra) - min(extra) <= 1
        assert sum(widths) <= table.viewport().width()


@pytest.mark.parametrize("key", ["training", "feedback"])
def test_on_a_wide_screen_a_form_shows_the_standards_titles_whole(window, key):
    page = show(window, key, WIDE)
    form = page.sessions.form if key == "training" else page.items.form
    ticks = form.standards_list
    settle()
    metrics = ticks.fontMetrics()
    widest = max(metrics.horizontalAdvance(ticks.item(r).text()) for r in range(ticks.count()))
    box = ticks.style().pixelMetric(ticks.style().PixelMetric.PM_IndicatorWidth)
    assert ticks.viewport().width() > widest + box + 12  # "Greet every customer within 30 s…"


def test_on_a_wide_screen_what_we_do_about_a_month_follows_its_note(window):
    page = show(window, "kpis", WIDE)
    assert isinstance(page, KpisPage)
    note, actions = page.note_edit, page.cell_actions
    below_note = note.mapTo(page.cell_panel, note.rect().bottomLeft()).y()
    gap = actions.mapTo(page.cell_panel, actions.rect().topLeft()).y() - below_note
    assert 0 < gap < 3 * note.fontMetrics().height() + 40  # the Clear Value row between


def test_hiring_criteria_keep_room_for_a_value_they_serve(window):
    page = show(window, "hiring")
    assert isinstance(page, HiringPage)
    page.tabs.setCurrentWidget(page.criteria)
    settle()
    table = page.criteria.table
    longest = max(
        (value for c in page.criteria.model.records() for value in c.values),
        key=table.fontMetrics().horizontalAdvance,
    )
    width = table.horizontalHeader().sectionSize(hiring_criteria.SERVES)
    assert width > table.fontMetrics().horizontalAdvance(longest)  # "Welcome eve…" was cut


def test_a_complaints_follow_up_is_in_view_without_scrolling(window):
    page = show(window, "feedback")
    items = page.items
    row = next(r for r, item in enumerate(items.model.records()) if item.kind == "complaint")
    items.table.selectRow(row)
    settle()
    form = items.form
    assert form.complaint_box.isVisible()
    assert in_view(form.status_combo, items.form_scroll)  # open or resolved: at a glance
    # and Tab goes from what was said to the follow-up, then to the details, as it reads
    chain, widget = [], form.text_edit
    for _ in range(500):
        widget = widget.nextInFocusChain()
        if widget is form.text_edit:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            chain.append(widget)
    assert chain.index(form.asked_edit) < chain.index(form.channel_combo)


def test_a_new_workbooks_review_opens_on_last_month_not_this_unfinished_one(new_window):
    page = show(new_window, "kpis")
    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.review)
    settle()
    assert page.review.month_combo.currentData() == "2026-10"  # FIXED_TODAY: 22 November
    assert page.review.month_combo.findData("2026-11") >= 0  # this month can be chosen


def test_a_storys_form_keeps_its_labels_beside_the_fields_on_a_laptop(window):
    page = show(window, "training")
    assert isinstance(page, TrainingPage)
    page.tabs.setCurrentWidget(page.stories)
    page.stories.table.selectRow(0)
    settle()
    form = page.stories.form
    # as the session's form beside it: not every label over its field
    assert form.forms[0].rowWrapPolicy() == QFormLayout.RowWrapPolicy.DontWrapRows
    assert in_view(form.delete_button, page.stories.form_scroll)
    assert form.wall_check.text().startswith("On the wall in ")


@pytest.mark.parametrize("size", [LAPTOP, WIDE])
def test_stories_keep_names_whole_and_give_the_story_the_room(window, size):
    page = show(window, "training", size)
    assert isinstance(page, TrainingPage)
    page.tabs.setCurrentWidget(page.stories)
    settle()
    table, header = page.stories.table, page.stories.table.horizontalHeader()
    for column in (stories_tab.WHO, stories_tab.VALUE):
        widest = max(
            table.fontMetrics().horizontalAdvance(page.stories.model.row_texts(row)[column])
            for row in range(page.stories.model.rowCount())
        )
        assert header.sectionSize(column) > widest, column
    if size == WIDE:  # the story is the widest column, not a third of the rest
        widths = [header.sectionSize(c) for c in range(header.count())]
        assert widths[stories_tab.WHAT] == max(widths)


def test_an_actions_state_is_never_broken_across_lines(window):
    page = show(window, "feedback")
    page.tabs.setCurrentWidget(page.themes)  # the first theme: two actions done in July
    settle()
    links = page.themes.findChildren(QLabel, "actionLink")
    assert links
    for label in links:
        state = label.text().rsplit(" — ", 1)[1]
        assert " " not in state  # "Done 12 July" over a lone "2026" was the break
        assert "&nbsp;" in state


@pytest.mark.parametrize(
    ("key", "field"), [("actions", "title_edit"), ("feedback", "customer_edit")]
)
def test_example_text_in_an_empty_field_reads_whole_on_a_laptop(window, key, field):
    page = show(window, key)
    form = page.form if key == "actions" else page.items.form
    edit = getattr(form, field)
    room = edit.width() - 2 * edit.style().pixelMetric(
        edit.style().PixelMetric.PM_DefaultFrameWidth
    )
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) < room - 8


def test_a_standard_with_its_reviews_fits_a_laptop_without_scrolling(window):
    page = show(window, "standards")
    assert isinstance(page, StandardsPage)
    page.table.selectRow(2)  # the demo's "Call for backup…": a review, five complaints
    settle()
    form = page.form
    assert form.form_title.text() == "Edit standard"
    assert page.form_scroll.verticalScrollBar().maximum() == 0
    # the history, what customers said and the actions are tabs at the foot of the form,
    # titled with their counts, and the first review is in view
    tabs = form.related
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Reviews (1)", "Customers said (5)", "Actions"]
    first = form.history_list.visualItemRect(form.history_list.item(0))
    bottom = form.history_list.viewport().mapTo(page.form_scroll.viewport(), first.bottomLeft())
    assert 0 < bottom.y() <= page.form_scroll.viewport().height()


def test_a_new_standard_has_plain_tab_titles(window):
    page = show(window, "standards")
    assert isinstance(page, StandardsPage)
    page.start_new()
    settle()
    tabs = page.form.related
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Reviews",
        "Customers said",
        "Actions",
    ]
    assert page.form.history_empty.text() == "Reviews appear here once the standard is added."


@pytest.mark.parametrize(("key", "form"), [("standards", "form_scroll"), ("team", "detail_scroll")])
def test_a_wide_window_gives_the_form_room(window, key, form):
    page = show(window, key)
    narrow = getattr(page, form).width()
    window.resize(WIDE)
    settle()
    assert getattr(page, form).width() >= narrow + 150
    assert getattr(page, form).width() * 2 < page.splitter.width()  # the list keeps the most


def select_member(page, name: str) -> None:
    row = next(r for r, m in enumerate(page.model.records()) if m.name == name)
    page.table.selectRow(row)
    settle()


def test_a_team_member_with_feedback_and_training_fits_a_laptop(window):
    page = show(window, "team")
    select_member(page, "Kwame Mensah")  # four compliments, four standards untrained
    assert page.detail_scroll.verticalScrollBar().maximum() == 0
    tabs = page.related
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Praise and complaints (4)",
        "Training",
    ]
    assert page.one_to_one_button.isVisible()  # beside their name


def test_a_new_starter_opens_on_their_first_weeks(window):
    page = show(window, "team")
    select_member(page, "Kwame Mensah")
    page.related.setCurrentWidget(page.said_tab)
    select_member(page, "Liam O'Connor")  # started in August: the checklist is open
    assert page.related.currentWidget() is page.training_tab
    assert page.training_box.checks[starter_checklist.PHILOSOPHY_READ].isVisible()
    page.start_new(focus=False)
    settle()
    assert not page.related.isVisible()  # nothing to show until they are added
