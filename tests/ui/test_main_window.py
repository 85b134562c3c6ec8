"""The main window: title, sidebar, lazy pages, shortcuts, the File menu and remembered state."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from cscoach import __version__
from cscoach.model import settings as wb_settings
from cscoach.model import team
from cscoach.model.workbook import Workbook
from cscoach.ui import prefs
from cscoach.ui.main_window import MainWindow, window_title
from cscoach.ui.pages.kpis.page import KpisPage
from cscoach.ui.pages.overview.page import OverviewPage
from cscoach.ui.pages.registry import PAGES
from cscoach.ui.pages.team.page import TeamPage
from cscoach.ui.widgets import PageHeader


def test_title_names_the_workbook(main_window, workbook):
    assert main_window.windowTitle() == "test — CS Coach"
    assert main_window.status_business.text() == "Corner Café"
    assert main_window.sidebar_business.text() == "Corner Café"
    assert not main_window.banner_box.isVisible()


def test_sidebar_lists_every_section(main_window):
    titles = [main_window.sidebar.item(i).text() for i in range(main_window.sidebar.count())]
    assert titles == [
        "Overview",
        "Team",
        "Questionnaire",
        "Philosophy",
        "Standards",
        "Hiring",
        "KPIs",
        "Feedback",
        "Actions",
        "Training",
    ]


def test_pages_are_built_when_first_shown(qtbot, main_window):
    assert isinstance(main_window.page("overview"), OverviewPage)
    assert all(main_window.page(spec.key) is None for spec in PAGES[1:])
    item = main_window.sidebar.item(1)
    qtbot.mouseClick(
        main_window.sidebar.viewport(),
        Qt.MouseButton.LeftButton,
        pos=main_window.sidebar.visualItemRect(item).center(),
    )
    assert isinstance(main_window.page("team"), TeamPage)
    assert main_window.current_page() is main_window.page("team")
    assert main_window.page("kpis") is None
    team_page = main_window.page("team")
    main_window.show_page("overview")
    main_window.show_page("team")
    assert main_window.page("team") is team_page  # built once


def test_ctrl_number_switches_pages(qtbot, main_window):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_key() == "team"
    assert main_window.sidebar.currentRow() == 1
    qtbot.keyClick(main_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_key() == "kpis"
    kpis = main_window.current_page()
    assert isinstance(kpis, KpisPage)
    assert kpis.header.title_label.text() == "KPIs"


def test_overview_follows_changes_made_on_other_pages(qtbot, main_window, workbook):
    overview = main_window.page("overview")
    assert overview.glance.showing_first_steps  # a new workbook gets the first steps
    main_window.show_page("team")
    page = main_window.current_page()
    qtbot.keyClicks(page.name_edit, "Ana")
    main_window.show_page("overview")  # leaving the page adds Ana
    assert not overview.glance.showing_first_steps
    assert "1 person" in overview.glance.cards["team"].findChild(QLabel, "cardHeadline").text()


def test_overview_card_opens_its_page(qtbot, main_window):
    overview = main_window.page("overview")
    qtbot.mouseClick(overview.findChild(QPushButton, "open_team"), Qt.MouseButton.LeftButton)
    assert main_window.current_page_key() == "team"


def test_window_remembers_page_geometry_and_workbook(qtbot, workbook, settings):
    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page("team")
    window.resize(window.minimumSizeHint().width() + 30, 500)
    size = window.size()
    window.close()
    assert prefs.last_workbook(settings) == workbook.path.resolve()

    again = Workbook.open(workbook.path)  # the lock was released on close
    window2 = MainWindow(again, settings)
    qtbot.addWidget(window2)
    assert window2.current_page_key() == "team"
    # (the width is clamped to the offscreen screen's 800 px)
    assert window2.size().height() == size.height()
    window2.close()


def test_each_workbook_opens_on_its_own_last_page(qtbot, workbook, settings, tmp_path):
    other = Workbook.create(tmp_path / "shop two.cscoach", "Shop two")
    other.close()
    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page("standards")
    assert window.open_path(other.path)
    assert window.current_page_key() == "overview"  # never opened: its Overview
    window.show_page("kpis")
    assert window.open_path(workbook.path)
    assert window.current_page_key() == "standards"  # where this one was left
    window.close()


def test_closing_the_window_closes_the_workbook(qtbot, main_window, workbook):
    main_window.close()
    with Workbook.open(workbook.path) as wb:  # would raise WorkbookLockedError if still held
        assert wb.path == workbook.path


def make_workbook(path: Path, business: str) -> Path:
    Workbook.create(path, business).close()
    return path


def test_open_switches_workbook_and_releases_the_old_one(
    qtbot, main_window, workbook, tmp_path, fake_dialogs
):
    other = make_workbook(tmp_path / "salon.cscoach", "Salon Bella")
    main_window.show_page("team")
    fake_dialogs.open_path = other
    main_window.open_action.trigger()
    assert main_window.wb.path == other
    assert main_window.windowTitle() == "salon — CS Coach"
    assert main_window.status_business.text() == "Salon Bella"
    assert main_window.current_page_key() == "overview"  # a workbook new here: its Overview
    assert main_window.page("team") is None  # pages were rebuilt for the new workbook
    Workbook.open(workbook.path).close()  # the old lock is gone
    main_window.rebuild_recent_menu()
    recent = [a.data() for a in main_window.recent_menu.actions() if a.data()]
    assert recent == [str(other.resolve()), str(workbook.path.resolve())]


def test_open_refuses_a_file_that_is_not_a_workbook(main_window, workbook, tmp_path, fake_dialogs):
    bad = tmp_path / "empty.cscoach"
    bad.write_bytes(b"")
    fake_dialogs.open_path = bad
    main_window.open_action.trigger()
    [text] = fake_dialogs.texts("error")
    assert "empty" in text and "not changed" in text
    assert main_window.wb is workbook  # still usable on the old workbook
    assert bad.read_bytes() == b""


def test_recent_menu_drops_missing_files(qtbot, main_window, workbook, tmp_path, settings):
    gone = make_workbook(tmp_path / "gone & back.cscoach", "Gone")
    prefs.add_recent(settings, gone)
    main_window.rebuild_recent_menu()
    labels = [a.text() for a in main_window.recent_menu.actions()]
    assert "&1  gone && back.cscoach" in labels
    gone.unlink()
    main_window.rebuild_recent_menu()
    assert [a.data() for a in main_window.recent_menu.actions() if a.data()] == [
        str(workbook.path.resolve())
    ]


def test_save_a_copy(main_window, workbook, tmp_path, fake_dialogs):
    team.add_member(workbook, "Ana")
    target = tmp_path / "copy.cscoach"
    fake_dialogs.save_path = target
    main_window.save_copy_action.trigger()
    assert fake_dialogs.kinds() == ["save_path"]
    with Workbook.open(target, read_only=True) as copy:
        assert [m.name for m in team.list_members(copy)] == ["Ana"]
    assert main_window.wb is workbook


def test_save_a_copy_refuses_the_open_file(main_window, workbook, fake_dialogs):
    fake_dialogs.save_path = workbook.path
    main_window.save_copy_action.trigger()
    assert fake_dialogs.kinds() == ["save_path", "error"]


def test_new_workbook(main_window, workbook, tmp_path, fake_dialogs):
    target = tmp_path / "new.cscoach"
    fake_dialogs.save_path = target
    fake_dialogs.business_name = "Fix-It Repairs"
    main_window.new_action.trigger()
    assert main_window.wb.path == target
    assert wb_settings.business_name(main_window.wb) == "Fix-It Repairs"
    assert main_window.current_page_key() == "overview"
    Workbook.open(workbook.path).close()


def test_new_workbook_never_replaces_a_file(main_window, workbook, tmp_path, fake_dialogs):
    existing = tmp_path / "keep.cscoach"
    existing.write_bytes(b"precious")
    fake_dialogs.save_path = existing
    fake_dialogs.business_name = "Whatever"
    main_window.new_action.trigger()
    assert fake_dialogs.kinds() == ["save_path", "error"]
    assert existing.read_bytes() == b"precious"
    assert main_window.wb is workbook


def test_read_only_workbook_shows_a_banner_and_disables_editing(qtbot, workbook, settings):
    wb = Workbook.open(workbook.path, read_only=True)
    window = MainWindow(wb, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "test — CS Coach (read-only)"
    assert window.banner_box.isVisible()
    assert window.status_read_only.isVisible()
    window.show_page("team")
    page = window.current_page()
    assert not page.list_panel.add_button.isEnabled()
    assert page.name_edit.isReadOnly()
    assert page.name_edit.isReadOnly()


def test_paper_size_menu_changes_what_every_document_prints_on(qtbot, main_window, workbook):
    from pypdf import PdfReader

    from cscoach.printing.documents import PrintRequest, render

    main_window.paper_menu.aboutToShow.emit()
    assert main_window.paper_actions["a4"].isChecked()  # the test locale's (C: A4)
    main_window.paper_actions["letter"].trigger()
    assert wb_settings.page_size(workbook) == "letter"
    assert "US Letter" in main_window.statusBar().currentMessage()
    page = PdfReader(io.BytesIO(render(workbook, PrintRequest("poster")).pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    wb_settings.set_page_size(workbook, "a4")  # changed elsewhere (the command line)
    main_window.paper_menu.aboutToShow.emit()
    assert main_window.paper_actions["a4"].isChecked()
    assert not main_window.paper_actions["letter"].isChecked()


def test_read_only_workbook_cannot_change_the_paper(qtbot, workbook, settings):
    wb = Workbook.open(workbook.path, read_only=True)
    window = MainWindow(wb, settings)
    qtbot.addWidget(window)
    assert not window.paper_menu.isEnabled()
    window.set_paper("letter")
    assert wb_settings.page_size(wb) == "a4"


def test_splitters_stay_where_the_owner_left_them(qtbot, workbook, settings):
    window = MainWindow(workbook, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page("team")
    splitter = window.current_page().splitter
    splitter.setSizes([700, 300])
    wanted = splitter.sizes()
    assert wanted != [0, 0]
    window.close()  # saves where it is
    wb = Workbook.open(workbook.path)
    again = MainWindow(wb, settings)
    qtbot.addWidget(again)
    again.resize(1280, 800)
    again.show()
    again.show_page("team")
    assert again.current_page().splitter.sizes() == wanted
    again.close()


def test_read_only_can_be_reopened_for_editing(qtbot, tmp_path, settings, fake_dialogs):
    path = make_workbook(tmp_path / "cafe.cscoach", "Café")
    holder = Workbook.open(path)  # "another CS Coach"
    window = MainWindow(Workbook.open(path, read_only=True), settings)
    qtbot.addWidget(window)
    window.reopen_button.click()
    assert fake_dialogs.kinds() == ["error"]
    assert "still open" in fake_dialogs.texts("error")[0]
    assert window.wb.read_only
    holder.close()
    window.reopen_button.click()
    assert not window.wb.read_only
    assert window.windowTitle() == "cafe — CS Coach"
    window.close()


def test_about_shows_the_version(main_window, fake_dialogs):
    main_window.about_action.trigger()
    [text] = fake_dialogs.texts("info")
    assert f"CS Coach {__version__}" in text


def test_closing_adds_a_person_typed_and_asks_before_losing_one_refused(
    qtbot, main_window, workbook, fake_dialogs
):
    team.add_member(workbook, "Ana")
    main_window.show_page("team")
    page = main_window.current_page()
    page.start_new()
    qtbot.keyClicks(page.name_edit, "ana")  # already on the team: refused
    fake_dialogs.answer = False
    assert not main_window.close()
    assert fake_dialogs.kinds() == ["confirm"]
    assert "already a team member" in fake_dialogs.texts("confirm")[0]
    page.name_edit.setText("Bo")
    fake_dialogs.asked.clear()
    assert main_window.close()
    assert fake_dialogs.asked == []
    with Workbook.open(workbook.path, read_only=True) as book:
        assert [m.name for m in team.list_members(book)] == ["Ana", "Bo"]


def test_window_without_a_workbook_offers_open_and_new(qtbot, settings, tmp_path, fake_dialogs):
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "CS Coach"
    assert window.root.currentWidget() is window.welcome
    assert not window.save_copy_action.isEnabled()
    other = make_workbook(tmp_path / "shop.cscoach", "Shop")
    fake_dialogs.open_path = other
    window.welcome.open_button.click()
    assert window.wb.path == other
    assert window.root.currentWidget() is window.workspace
    window.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_window_title(workbook, read_only):
    class Fake:
        name = "café"

    fake = Fake()
    fake.read_only = read_only  # type: ignore[attr-defined]
    expected = "café — CS Coach (read-only)" if read_only else "café — CS Coach"
    assert window_title(fake) == expected  # type: ignore[arg-type]
    assert window_title(None) == "CS Coach"


def test_settings_never_reach_the_real_home(tmp_path):
    assert str(tmp_path) in QSettings().fileName()


def test_start_page_is_built_after_the_first_paint(qtbot, workbook, settings):
    """At start-up the window appears first; its (remembered) page fills in right after."""
    prefs.set_last_page(settings, workbook.path, 1)
    window = MainWindow(workbook, settings, first_page_after_paint=True)
    qtbot.addWidget(window)
    assert window.page("team") is None  # nothing built before the window is on screen
    assert window.sidebar.currentRow() == 1 and window.stack.currentIndex() == 1
    window.show()
    qtbot.waitUntil(lambda: window.page("team") is not None)
    assert window.current_page() is window.page("team")
    assert all(window.page(spec.key) is None for spec in PAGES if spec.key != "team")


def test_a_page_chosen_before_the_first_paint_wins(qtbot, workbook, settings):
    window = MainWindow(workbook, settings, first_page_after_paint=True)
    qtbot.addWidget(window)
    window.show_page("kpis")  # e.g. Ctrl+7 before the start page was built
    window.show()
    qtbot.waitUntil(lambda: window.page("kpis") is not None)
    assert window.current_page_key() == "kpis"
    assert window.page("overview") is None


def test_page_header_never_shows_a_window_of_its_own(qapp):
    """Its labels are shown only once they have a parent: a label shown without one
    becomes a top-level window for a moment (a stray window flashing at start-up)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    shown: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            is_show = event.type() == QEvent.Type.Show
            if is_show and isinstance(watched, QWidget) and watched.isWindow():
                shown.append(watched.metaObject().className())
            return False

    watch = Watch()
    qapp.installEventFilter(watch)
    try:
        header = PageHeader("Title", "What it is for", "A tip")
    finally:
        qapp.removeEventFilter(watch)
    assert shown == []
    assert header.subtitle_label.isVisibleTo(header) and header.tip_label.isVisibleTo(header)
    bare = PageHeader("Title")
    assert not bare.subtitle_label.isVisibleTo(bare) and not bare.tip_label.isVisibleTo(bare)
    header.deleteLater()
    bare.deleteLater()


def test_tips_can_be_hidden_and_brought_back_from_help(qtbot, main_window, settings):
    main_window.show_page("team")
    team_page = main_window.current_page()
    assert team_page.header.tip_box.isVisible()
    qtbot.mouseClick(team_page.header.tip_close, Qt.MouseButton.LeftButton)
    assert not team_page.header.tip_box.isVisible()
    assert not main_window.tips_action.isChecked()
    main_window.show_page("standards")  # built after: its tip hidden too
    assert not main_window.current_page().header.tip_box.isVisible()
    main_window.tips_action.trigger()  # Help › Show Tips
    assert main_window.current_page().header.tip_box.isVisible()
    assert prefs.tips_shown(settings)


def test_the_welcome_view_offers_the_demo(qtbot, settings, tmp_path, monkeypatch):
    from cscoach.ui import opening

    mine = tmp_path / "data" / "mine.cscoach"
    monkeypatch.setattr(opening, "default_workbook_path", lambda: mine)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    window.welcome.demo_button.click()
    assert window.wb is not None and window.wb.path == tmp_path / "data" / opening.DEMO_NAME
    assert team.list_members(window.wb)  # the demo café, with its team
    assert not mine.exists()  # the owner's own: untouched
    window.close()
