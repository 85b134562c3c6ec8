"""The Help menu (How CS Coach Works, Keyboard Shortcuts, About) and the app's icons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence

from cscoach import __version__
from cscoach.ui import help as help_module
from cscoach.ui import icons, style
from cscoach.ui.help import PAGE_SHORTCUTS, PRINT_PREVIEW, listed_keys, live_shortcuts
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.registry import PAGES


def native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def open_shortcuts(window: MainWindow) -> help_module.ShortcutsDialog:
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_shortcuts_dialog_lists_page_switching_and_the_file_menu(main_window):
    rows = open_shortcuts(main_window).rows()
    shown = {(keys, what) for _group, keys, what in rows}
    for number, spec in enumerate(PAGES, start=1):
        key = number % 10  # Ctrl+0 for the tenth page
        assert (native(f"Ctrl+{key}"), f"Show the {spec.title} page") in shown
    for keys, what in [
        ("Ctrl+N", "New Workbook"),
        ("Ctrl+O", "Open"),
        ("Ctrl+Shift+S", "Save a Copy"),
        ("Ctrl+Q", "Quit"),
        ("F1", "How CS Coach Works"),
    ]:
        assert (native(keys), what) in shown
    groups = [group for group, _keys, _what in rows]
    assert groups[0] == "File menu"
    assert {"Team page", "Standards page", "Hiring page", "Print preview"} <= set(groups)
    assert all(keys and what for _group, keys, what in rows)


def test_shortcuts_dialog_lists_the_page_shortcuts(main_window):
    rows = open_shortcuts(main_window).rows()
    standards = {what: keys for group, keys, what in rows if group == "Standards page"}
    assert standards["Search the standards"] == native("Ctrl+F")
    assert standards["Delete the standard selected in the list"] == native("Del")
    preview = {what: keys for group, keys, what in rows if group == "Print preview"}
    assert preview == {"Print…": native("Ctrl+P"), "Save PDF…": native("Ctrl+S")}
    questionnaire = {keys for group, keys, _what in rows if group == "Questionnaire page"}
    assert {native("Ctrl+Shift+N"), native("Ctrl+Return")} <= questionnaire


def test_menu_shortcuts_are_read_from_the_actions_themselves(main_window):
    """A shortcut given to a menu action shows up without anyone editing a list."""
    file_menu = main_window.menuBar().actions()[0].menu()
    action = file_menu.addAction("Print Everything…")
    action.setShortcut(QKeySequence("Ctrl+Alt+P"))
    rows = open_shortcuts(main_window).rows()
    assert ("File menu", native("Ctrl+Alt+P"), "Print Everything") in rows
    open_shortcuts(main_window)  # opening it again replaces the old dialog
    assert len(main_window.findChildren(help_module.ShortcutsDialog)) >= 1


@pytest.fixture
def demo_window(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_page_shortcut_list_is_what_the_pages_really_do(demo_window):
    """Every key a page reacts to is listed for that page, and nothing more."""
    for spec in PAGES:
        demo_window.show_page(spec.key)
        page = demo_window.page(spec.key)
        listed = listed_keys(PAGE_SHORTCUTS.get(spec.key, ()))
        assert live_shortcuts(page) == listed, spec.key


def test_print_preview_shortcuts_are_what_the_preview_really_does(qtbot, workbook):
    from cscoach.printing.documents import PrintRequest, render
    from cscoach.ui.print_preview import PrintPreviewDialog

    pdf = render(workbook, PrintRequest("questionnaire")).pdf
    dialog = PrintPreviewDialog(pdf, "Team questionnaire", "team-questionnaire.pdf")
    qtbot.addWidget(dialog)
    assert live_shortcuts(dialog) == listed_keys(PAGE_SHORTCUTS[PRINT_PREVIEW])


def test_about_names_the_version_and_the_licences(main_window, fake_dialogs, workbook):
    main_window.about_action.trigger()
    [text] = fake_dialogs.texts("info")
    assert f"CS Coach {__version__}" in text
    assert "MIT" in text
    assert "LGPL" in text
    for name in ("PySide6", "matplotlib", "ReportLab", "sqlite-utils", "platformdirs", "DejaVu"):
        assert name in text
    assert "Apache" in text and "BSD" in text
    assert str(workbook.path) in text


def test_help_menu_offers_help_shortcuts_and_about(main_window):
    help_menu = main_window.menuBar().actions()[-1].menu()
    texts = [a.text().replace("&", "") for a in help_menu.actions() if not a.isSeparator()]
    assert texts == [
        "How CS Coach Works",
        "Keyboard Shortcuts",
        "Show Tips",
        "About CS Coach",
        "About Qt",
    ]
    assert main_window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_f1_opens_how_cs_coach_works_and_its_buttons_open_pages(qtbot, main_window):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    window = main_window.help_window
    assert window is not None and window.isVisible()
    assert [step.page for step in help_module.STEPS] == [
        "questionnaire",
        "philosophy",
        "standards",
        "hiring",
        "kpis",
        "feedback",
        "actions",
        "training",
    ]
    qtbot.mouseClick(window.page_buttons["standards"], Qt.MouseButton.LeftButton)
    assert main_window.current_page_key() == "standards"
    main_window.show_help()  # again: the same window comes back
    assert main_window.help_window is window


def test_window_and_application_have_the_cs_coach_icon(qapp, main_window):
    from cscoach.ui import app

    assert not main_window.windowIcon().isNull()
    app.create_application()
    assert not qapp.windowIcon().isNull()
    pixmap = icons.app_icon().pixmap(QSize(64, 64))
    assert not pixmap.isNull()


def test_every_sidebar_item_and_file_action_has_an_icon(main_window):
    sidebar = main_window.sidebar
    assert sidebar.count() == len(PAGES)
    for row in range(sidebar.count()):
        assert not sidebar.item(row).icon().isNull(), sidebar.item(row).text()
    for action in (
        main_window.new_action,
        main_window.open_action,
        main_window.save_copy_action,
        main_window.restore_action,
    ):
        assert not action.icon().isNull(), action.text()


def ink(icon: QIcon, mode: QIcon.Mode) -> set[tuple[int, int, int]]:
    """The colours of the clearly drawn pixels of ``icon`` in ``mode``."""
    image = icon.pixmap(QSize(48, 48), 1.0, mode).toImage()
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixelColor(x, y))
            if colour.alpha() == 255:
                found.add((colour.red(), colour.green(), colour.blue()))
    return found


@pytest.mark.parametrize("name", icons.PAGE_ICONS)
def test_page_icons_read_on_the_teal_selected_row(qapp, name):
    icon = icons.icon(name)
    assert ink(icon, QIcon.Mode.Normal) == {QColor(style.current().accent).getRgb()[:3]}
    assert ink(icon, QIcon.Mode.Selected) == {(255, 255, 255)}
    assert ink(icon, QIcon.Mode.Disabled) == {QColor(style.current().icon_disabled).getRgb()[:3]}


def test_icons_are_cached_and_unknown_names_fail_loudly(qapp):
    assert icons.icon("print") is icons.icon("print")
    with pytest.raises(FileNotFoundError):
        icons.icon("no-such-icon")
