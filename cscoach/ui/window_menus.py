"""The main window's menu bar: File, Edit, View and Help. Each action is kept as an
attribute of the window (``window.undo_action``, ``window.paper_actions`` …), wired to the
window's own methods."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from cscoach.model import paper
from cscoach.ui import icons, prefs, reach
from cscoach.ui.pages.registry import PAGES

if TYPE_CHECKING:
    from cscoach.ui.main_window import MainWindow
    from cscoach.ui.pages.base import Page

PAPER_LABELS = paper.LABELS


class MenuActions:
    """The actions ``build_menus`` gives the window, declared for the type checker (the
    window inherits this)."""

    new_action: QAction
    open_action: QAction
    recent_menu: QMenu
    save_copy_action: QAction
    restore_action: QAction
    import_feedback_action: QAction
    export_xlsx_action: QAction
    calendar_action: QAction
    compare_action: QAction
    kiosk_action: QAction
    paper_menu: QMenu
    paper_actions: dict[str, QAction]
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    page_actions: list[QAction]
    help_action: QAction
    tips_action: QAction
    shortcuts_action: QAction
    about_action: QAction
    about_qt_action: QAction


def page_key(index: int) -> str:
    """The key that shows the page at ``index``: Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth."""
    return f"Ctrl+{(index + 1) % 10}"


def _action(
    self: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    name: str = "",
) -> QAction:
    action = QAction(text, self)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _build_paper_menu(self: MainWindow) -> QMenu:
    """File › Paper Size: A4 or US Letter for every document this workbook prints (a
    new workbook starts with its locale's, ``cscoach.model.paper``)."""
    self.paper_menu = QMenu("&Paper Size", self)
    self.paper_menu.setObjectName("paperMenu")
    group = QActionGroup(self)
    self.paper_actions = {}
    for size, label in PAPER_LABELS.items():
        action = _action(
            self, label, functools.partial(self.set_paper, size), None, f"paper_{size}"
        )
        action.setCheckable(True)
        action.setStatusTip(f"Print every document of this workbook on {label} paper")
        group.addAction(action)
        self.paper_menu.addAction(action)
        self.paper_actions[size] = action
    self.paper_menu.aboutToShow.connect(self._show_paper)
    return self.paper_menu


def _start_kiosk(self: MainWindow) -> None:
    """File › Start Counter Kiosk… (its module is loaded when first asked for)."""
    from cscoach.ui.kiosk.start import start_from_window

    start_from_window(self)


def build_menus(self: MainWindow) -> None:
    """The menu bar: File, Edit (Undo, Redo), View (a page each) and Help, with their
    actions as the window's attributes (``window.undo_action`` …)."""
    bar = self.menuBar()
    file_menu = bar.addMenu("&File")
    self.new_action = _action(
        self, "&New Workbook…", self.new_workbook, QKeySequence.StandardKey.New, "newWorkbookAction"
    )
    self.open_action = _action(
        self, "&Open…", self.open_workbook_dialog, QKeySequence.StandardKey.Open, "openAction"
    )
    self.recent_menu = QMenu("Open &Recent", self)
    self.recent_menu.setObjectName("recentMenu")
    self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
    self.save_copy_action = _action(
        self, "Save a &Copy…", self.save_copy, "Ctrl+Shift+S", "saveCopyAction"
    )
    self.restore_action = _action(
        self, "&Restore from Backup…", self.restore_backup, None, "restoreAction"
    )
    self.import_feedback_action = _action(
        self, "Import &Feedback…", self.import_feedback, None, "importFeedbackAction"
    )
    self.import_feedback_action.setStatusTip(
        "Add feedback from a CSV file; you see what will be added first"
    )
    self.export_xlsx_action = _action(
        self, "&Export to Excel…", lambda: reach.export_spreadsheet(self), None, "exportXlsxAction"
    )
    self.export_xlsx_action.setStatusTip("Save everything in this workbook as a spreadsheet")
    self.calendar_action = _action(
        self,
        "Export &Calendar…",
        lambda: reach.export_calendar(self, self.wb),
        None,
        "exportCalendarAction",
    )
    self.calendar_action.setStatusTip(
        "The dates not to miss — reviews, action due dates, the next questionnaire — for "
        "your calendar app"
    )
    self.compare_action = _action(
        self, "Compare &Locations…", lambda: reach.compare_locations(self), None, "compareAction"
    )
    self.compare_action.setStatusTip(
        "Put the workbooks of several shops side by side (they are only read, never changed)"
    )
    self.kiosk_action = _action(
        self, "Start Counter &Kiosk…", lambda: _start_kiosk(self), None, "kioskAction"
    )
    self.kiosk_action.setStatusTip(
        "Let customers rate their visit on this computer's screen, offline; only your PIN leaves it"
    )
    self.quit_action = _action(
        self, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quitAction"
    )
    self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    for action, icon_name in (
        (self.new_action, "new"),
        (self.open_action, "open"),
        (self.save_copy_action, "save"),
        (self.restore_action, "restore"),
    ):
        action.setIcon(icons.icon(icon_name))
    file_menu.addAction(self.new_action)
    file_menu.addAction(self.open_action)
    file_menu.addMenu(self.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(self.save_copy_action)
    file_menu.addAction(self.restore_action)
    file_menu.addSeparator()
    file_menu.addAction(self.import_feedback_action)
    file_menu.addAction(self.export_xlsx_action)
    file_menu.addAction(self.calendar_action)
    file_menu.addAction(self.compare_action)
    file_menu.addAction(self.kiosk_action)
    file_menu.addSeparator()
    file_menu.addMenu(_build_paper_menu(self))
    file_menu.addSeparator()
    file_menu.addAction(self.quit_action)

    edit_menu = bar.addMenu("&Edit")
    self.undo_action = _action(
        self,
        "&Undo",
        lambda: self.step_history(redo=False),
        QKeySequence.StandardKey.Undo,
        "undoAction",
    )
    self.redo_action = _action(
        self, "&Redo", lambda: self.step_history(redo=True), None, "redoAction"
    )
    self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    self.undo_action.setIcon(icons.icon("undo"))
    self.redo_action.setIcon(icons.icon("redo"))
    edit_menu.addAction(self.undo_action)
    edit_menu.addAction(self.redo_action)
    self._update_history_actions()

    view_menu = bar.addMenu("&View")
    self.page_actions = []
    for index, spec in enumerate(PAGES):
        action = _action(
            self,
            spec.title,
            functools.partial(self.show_page, index),
            page_key(index),
            f"show_{spec.key}",
        )
        action.setIcon(icons.icon(spec.key))
        action.setStatusTip(f"Show the {spec.title} page")
        view_menu.addAction(action)
        self.addAction(action)  # the shortcut works even with the menu bar hidden
        self.page_actions.append(action)

    help_menu = bar.addMenu("&Help")
    self.help_action = _action(
        self,
        "&How CS Coach Works",
        self.show_help,
        QKeySequence.StandardKey.HelpContents,
        "helpAction",
    )
    self.help_action.setIcon(icons.icon("help"))
    self.shortcuts_action = _action(
        self, "&Keyboard Shortcuts", self.show_shortcuts, name="shortcutsAction"
    )
    self.shortcuts_action.setIcon(icons.icon("keyboard"))
    self.about_action = _action(self, "&About CS Coach", self.show_about, name="aboutAction")
    self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    self.about_action.setIcon(icons.icon("about"))
    self.about_qt_action = _action(self, "About &Qt", QApplication.aboutQt, name="aboutQtAction")
    self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
    self.tips_action = _action(
        self,
        "Show &Tips",
        lambda: show_tips(self, self.tips_action.isChecked()),
        None,
        "tipsAction",
    )
    self.tips_action.setCheckable(True)
    self.tips_action.setChecked(prefs.tips_shown(self.settings))
    self.tips_action.setStatusTip("The short advice under each page's title")
    help_menu.addAction(self.help_action)
    help_menu.addAction(self.shortcuts_action)
    help_menu.addAction(self.tips_action)
    help_menu.addSeparator()
    help_menu.addAction(self.about_action)
    help_menu.addAction(self.about_qt_action)
    self.addAction(self.help_action)  # F1 works even with the menu bar hidden


def rebuild_recent_menu(self: MainWindow) -> None:
    """File › Open Recent, read from the settings each time it opens."""
    self.recent_menu.clear()
    recent = prefs.recent_files(self.settings)
    for number, path in enumerate(recent, start=1):
        label = path.name.replace("&", "&&")
        action = self.recent_menu.addAction(f"&{number}  {label}" if number < 10 else label)
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setData(str(path))
        action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
    if not recent:
        empty = self.recent_menu.addAction("No recent workbooks")
        empty.setEnabled(False)
        return
    self.recent_menu.addSeparator()
    clear = self.recent_menu.addAction("Clear Menu")
    clear.triggered.connect(lambda _checked=False: prefs.clear_recent(self.settings))


def follow_tips(self: MainWindow, page: Page) -> None:
    """A page just built shows its tip as the owner chose; its ✕ hides them all."""
    page.header.show_tip(prefs.tips_shown(self.settings))
    page.header.tips_dismissed.connect(lambda: show_tips(self, False))


def show_tips(self: MainWindow, shown: bool) -> None:
    """Show or hide every page's tip (Help › Show Tips), and remember it."""
    prefs.set_tips_shown(self.settings, shown)
    self.tips_action.setChecked(shown)
    for page in self._pages.values():
        page.header.show_tip(shown)
