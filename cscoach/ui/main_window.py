"""The main window: a sidebar of sections over one open workbook, and the File menu.

Pages are built the first time they are shown. When a page writes to the workbook it emits
``changed``; the other pages already built are reloaded the next time they are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach import APP_NAME, __version__
from cscoach.model import files, paper, sections
from cscoach.model import settings as workbook_settings
from cscoach.model.errors import CsCoachError, StorageError, WorkbookError, describe_failure
from cscoach.model.workbook import SUFFIX, Workbook, default_workbook_path
from cscoach.ui import dialogs, icons, opening, prefs, style, window_menus
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.registry import PAGE_KEYS, PAGES
from cscoach.ui.welcome import WelcomeView
from cscoach.ui.widgets import plain_label, text_side, text_width

if TYPE_CHECKING:  # the help windows are imported when first asked for, not at start-up
    from cscoach.ui.help import HelpWindow, ShortcutsDialog

    pass

FILE_FILTER = f"CS Coach workbooks (*{SUFFIX});;All files (*)"
SIDEBAR_CHARACTERS = 33  # the sidebar is this many average characters wide


PAPER_LABELS = paper.LABELS


def window_title(wb: Workbook | None) -> str:
    if wb is None:
        return APP_NAME
    title = f"{wb.name} — {APP_NAME}"
    return f"{title} (read-only)" if wb.read_only else title


class MainWindow(window_menus.MenuActions, QMainWindow):
    """The app's window over one workbook (or none, after a file could not be opened).

    Args:
        wb: the open workbook; the window closes it when it closes or switches workbook.
        settings: where window state and recent files are remembered (tests pass their own).
        first_page_after_paint: build the start page only once the window has been painted
            (start-up does: the window appears at once, its page a moment later).
    """

    workbook_changed = Signal()

    def __init__(
        self,
        wb: Workbook | None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        first_page_after_paint: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        style.style_window(self)  # the palette and style sheet; they follow the system
        self.setWindowIcon(icons.app_icon())
        self.settings = settings if settings is not None else QSettings()
        self.wb: Workbook | None = None
        self._pages: dict[int, Page] = {}
        self._stale: set[int] = set()
        self._leaving = False  # _confirm_leave shows a page it has already asked about
        self._pending: tuple[int, QWidget] | None = None  # (index, placeholder) to build

        self._build_workspace()
        self.welcome = WelcomeView()
        self.welcome.start_button.clicked.connect(self.start_default_workbook)
        self.welcome.new_button.clicked.connect(self.new_workbook)
        self.welcome.open_button.clicked.connect(self.open_workbook_dialog)
        self.welcome.demo_button.clicked.connect(self.try_demo)
        self.root = QStackedWidget()
        self.root.addWidget(self.workspace)
        self.root.addWidget(self.welcome)
        self.setCentralWidget(self.root)

        self.help_window: HelpWindow | None = None  # made when first asked for
        self.shortcuts_dialog: ShortcutsDialog | None = None
        window_menus.build_menus(self)
        self._build_status_bar()
        self._restore_geometry()

        self.set_workbook(wb, later=first_page_after_paint)

    # -- building --------------------------------------------------------------

    def _build_workspace(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        icon_side = text_side(self.sidebar, 1, 6)  # 20 px with a 9 pt font; grows with the font
        self.sidebar.setIconSize(QSize(icon_side, icon_side))
        for index, spec in enumerate(PAGES):
            item = QListWidgetItem(icons.icon(spec.key), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title} ({window_menus.page_key(index)})")
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)

        self.sidebar_business = plain_label(object_name="sidebarBusiness")
        self.sidebar_business.setWordWrap(True)
        sidebar_app = plain_label(APP_NAME, object_name="sidebarApp")
        sidebar_panel = QWidget()
        sidebar_panel.setObjectName("sidebarPanel")
        sidebar_panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        sidebar_panel.setFixedWidth(text_width(sidebar_panel, SIDEBAR_CHARACTERS))
        side = QVBoxLayout(sidebar_panel)
        side.setContentsMargins(0, 0, 1, 0)  # leave room for the border line
        side.setSpacing(0)
        heading = QVBoxLayout()
        heading.setContentsMargins(20, 20, 16, 12)
        heading.setSpacing(2)
        heading.addWidget(self.sidebar_business)
        heading.addWidget(sidebar_app)
        side.addLayout(heading)
        side.addWidget(self.sidebar, 1)

        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner_label = plain_label(
            "Read-only: you can look at everything, but changes cannot be saved. This "
            "workbook is open in another CS Coach, or the file cannot be written.",
            object_name="readOnlyText",
        )
        self.banner_label.setWordWrap(True)
        self.reopen_button = QPushButton("Open for Editing")
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.setToolTip(
            "Try again to open this workbook for changes (close it in the other CS Coach first)"
        )
        self.reopen_button.clicked.connect(self.reopen_for_editing)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(14, 8, 10, 8)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.reopen_button)
        banner_box = QWidget()
        banner_box_layout = QVBoxLayout(banner_box)
        banner_box_layout.setContentsMargins(20, 14, 20, 0)
        banner_box_layout.addWidget(self.banner)
        self.banner_box = banner_box

        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        self.stack.currentChanged.connect(self._size_stack_by_current_page)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.banner_box)
        right_layout.addWidget(self.stack, 1)

        self.workspace = QWidget()
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar_panel)
        layout.addWidget(right, 1)

    def _show_paper(self) -> None:
        """Tick the workbook's paper size (it may have changed from the command line)."""
        if self.wb is not None:
            self.paper_actions[workbook_settings.page_size(self.wb)].setChecked(True)

    def set_paper(self, size: str) -> None:
        """Print this workbook's documents on ``size`` ("a4" or "letter") from now on."""
        if self.wb is None or self.wb.read_only:
            return
        try:
            workbook_settings.set_page_size(self.wb, size)
        except CsCoachError as exc:
            dialogs.show_error(self, "Could not change the paper size", exc.message)
            self._show_paper()
            return
        self.statusBar().showMessage(f"Documents now print on {PAPER_LABELS[size]} paper.", 8000)

    def _build_status_bar(self) -> None:
        self.status_business = plain_label(object_name="statusBusiness")
        self.status_read_only = QLabel("Read-only")
        self.status_read_only.setObjectName("statusReadOnly")
        self.status_read_only.setProperty("role", "error")
        self.statusBar().addPermanentWidget(self.status_read_only)
        self.statusBar().addPermanentWidget(self.status_business)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(prefs.GEOMETRY_KEY)
        if geometry is not None and self.restoreGeometry(geometry):  # type: ignore[arg-type]
            return
        width, height = 1180, 760
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 60)
            height = min(height, available.height() - 60)
        self.resize(max(width, 800), max(height, 560))

    # -- pages -----------------------------------------------------------------

    def _index(self, which: int | str) -> int:
        return PAGE_KEYS.index(which) if isinstance(which, str) else int(which)

    def page(self, which: int | str) -> Page | None:
        """The page at ``which`` (index or key) if it has been built, else None."""
        return self._pages.get(self._index(which))

    def current_page(self) -> Page | None:
        return self._pages.get(self.stack.currentIndex())

    def current_page_key(self) -> str | None:
        if self.wb is None:
            return None
        return PAGES[self.stack.currentIndex()].key

    def show_page(self, which: int | str) -> None:
        """Show a page (index or key), building it the first time."""
        if self.wb is None:
            return
        index = self._index(which)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)  # calls _on_sidebar_row
        else:
            self._on_sidebar_row(index)

    def _on_sidebar_row(self, index: int) -> None:
        if self.wb is None or not 0 <= index < len(PAGES):
            return
        if not self._may_leave_page(index):
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(self.stack.currentIndex())
            self.sidebar.blockSignals(False)
            return
        page = self._ensure_page(index)
        if index in self._stale:
            self._stale.discard(index)
            page.reload()
        self.stack.setCurrentIndex(index)

    def _may_leave_page(self, index: int) -> bool:
        """Before another page is shown, the page left saves the edit in progress; a change
        it refuses is named and the owner asked (kept: the page stays shown). Left anyway,
        the change waits in its form with its message, and closing asks again."""
        current = self.stack.currentIndex()
        page = self._pages.get(current)
        if page is None or index == current or self._leaving:
            return True
        return self._may_lose(
            page,
            "Leave an unsaved change?",
            "Show the other page anyway? The change stays in its form, not saved.",
            "Leave Anyway",
        )

    def _may_lose(self, page: Page, title: str, question: str, button: str) -> bool:
        """Whether ``page`` saved what is being typed, or the owner chose to go on without
        it (asked ``question``, with ``button`` to go on)."""
        lost = page.save_pending()
        return not lost or dialogs.confirm(
            self, title, f"{lost}\n\n{question}", button, destructive=True
        )

    def show_item(self, key: str, kind: str, item_id: int) -> None:
        """Open page ``key`` at one of its items (a link from another page)."""
        self.show_page(key)
        page = self.current_page()
        if page is not None and self.current_page_key() == key:  # not kept on the page left
            page.select_item(kind, item_id)

    def import_feedback(self) -> None:
        """File › Import Feedback…: the Feedback page's Import…, with the page shown."""
        if self.wb is None or self.wb.read_only:
            return
        self.show_page(sections.FEEDBACK.key)
        if self.current_page_key() != sections.FEEDBACK.key:
            return  # the page left kept a change the owner chose to stay with
        from cscoach.ui.pages.feedback.page import FeedbackPage  # imported once it is shown

        page = self.current_page()
        if isinstance(page, FeedbackPage):
            page.import_csv()

    def _ensure_page(self, index: int) -> Page:
        page = self._pages.get(index)
        if page is not None:
            return page
        assert self.wb is not None
        page = PAGES[index].build(self.wb)
        page.changed.connect(lambda i=index: self._on_page_changed(i))
        page.open_requested.connect(self.show_page)
        page.open_item_requested.connect(self.show_item)
        placeholder = self._stacked(index)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.insertWidget(index, page)
        self._pages[index] = page
        prefs.restore_splitters(self.settings, page)
        window_menus.follow_tips(self, page)
        return page

    def _stacked(self, index: int) -> QWidget:
        """The page or placeholder at ``index`` of the stack (PySide6 types it optional)."""
        widget = self.stack.widget(index)
        assert widget is not None, f"no page at {index}"
        return widget

    def _size_stack_by_current_page(self) -> None:
        """Only the page shown counts towards the window's minimum size (the others' size
        policy is Ignored), so a wide page does not keep the window wide once it is left."""
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            widget = self._stacked(index)
            policy = (
                QSizePolicy.Policy.Preferred if widget is current else QSizePolicy.Policy.Ignored
            )
            widget.setSizePolicy(policy, policy)

    def _on_page_changed(self, index: int) -> None:
        self._stale.update(i for i in self._pages if i != index)
        self._update_business_name()

    def _clear_pages(self) -> None:
        prefs.save_splitters(self.settings, self._pages.values())
        self._pending = None
        while self.stack.count():
            widget = self._stacked(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._pages.clear()
        self._stale.clear()

    # -- the workbook ----------------------------------------------------------

    def set_workbook(
        self, wb: Workbook | None, page: int | str | None = None, *, later: bool = False
    ) -> None:
        """Show ``wb`` (closing the workbook shown before) or, with None, the welcome view.

        With ``later``, the page is selected at once but built after the window's first
        paint (see ``_show_page_after_paint``)."""
        old = self.wb
        if old is not None:  # the page it was left on, for the next time it is opened
            prefs.set_last_page(self.settings, old.path, self.stack.currentIndex())
        if page is None and wb is not None:
            page = prefs.last_page(self.settings, wb.path, len(PAGES))
        index = self._index(page) if page is not None else 0
        self._clear_pages()
        if old is not None and old is not wb:
            old.close()
        self.wb = wb
        self.setWindowTitle(window_title(wb))
        self.save_copy_action.setEnabled(wb is not None)
        self.restore_action.setEnabled(wb is not None and not wb.read_only)
        self.import_feedback_action.setEnabled(wb is not None and not wb.read_only)
        self.export_xlsx_action.setEnabled(wb is not None)
        self.paper_menu.setEnabled(wb is not None and not wb.read_only)
        for action in (*self.page_actions, self.calendar_action):
            action.setEnabled(wb is not None)
        if wb is None:
            self.welcome.refresh()
            self.root.setCurrentWidget(self.welcome)
            self.status_read_only.hide()
            self.status_business.setText("")
        else:
            prefs.add_recent(self.settings, wb.path)
            prefs.set_last_workbook(self.settings, wb.path)
            for _spec in PAGES:
                self.stack.addWidget(QWidget())
            wb.history.listeners.append(self._update_history_actions)
            self.banner_box.setVisible(wb.read_only)
            self.status_read_only.setVisible(wb.read_only)
            self._update_business_name()
            self.root.setCurrentWidget(self.workspace)
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(-1)
            self.sidebar.blockSignals(False)
            if later:
                self._show_page_after_paint(index)
            else:
                self.show_page(index)
        self._update_history_actions()
        self.workbook_changed.emit()

    def _show_page_after_paint(self, index: int) -> None:
        """Select page ``index`` now and build it once its empty placeholder has been
        painted: the window maps and paints its frame, sidebar and menus without waiting for
        the page's imports and data, then the page fills in on the next turn of the loop."""
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(index)
        self.sidebar.blockSignals(False)
        self.stack.setCurrentIndex(index)
        placeholder = self._stacked(index)
        placeholder.installEventFilter(self)
        self._pending = (index, placeholder)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            self._pending is not None
            and watched is self._pending[1]
            and event.type() == QEvent.Type.Paint
        ):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._build_pending_page)
        return super().eventFilter(watched, event)

    def _build_pending_page(self) -> None:
        """Build the page selected by ``_show_page_after_paint`` if it is still the one
        shown and still waits for it (a click on the sidebar may have built it already)."""
        if self._pending is None:
            return
        index, placeholder = self._pending
        self._pending = None
        if self.wb is not None and self.stack.currentWidget() is placeholder:
            self._on_sidebar_row(index)

    def _update_business_name(self) -> None:
        if self.wb is None:
            return
        name = workbook_settings.business_name(self.wb) or self.wb.name
        self.sidebar_business.setText(name)
        self.status_business.setText(name)

    def close_workbook(self) -> None:
        """Close the open workbook (releasing its lock); the window shows the welcome view."""
        if self.wb is not None:
            self.set_workbook(None)

    def _confirm_leave(self) -> bool:
        """Save edits in progress on every page; ask before losing one that cannot be saved."""
        for index, page in list(self._pages.items()):
            if not self._may_lose(
                page, "Discard unsaved changes?", "Continue and lose it?", "Discard"
            ):
                self._leaving = True  # already asked: show it without asking again
                try:
                    self.show_page(index)
                finally:
                    self._leaving = False
                return False
        return True

    def _same_file(self, path: Path) -> bool:
        return self.wb is not None and files.same_file(self.wb.path, path)

    def open_path(self, path: Path) -> bool:
        """Open the workbook at ``path`` in this window; True when it is now shown."""
        path = Path(path)
        if self._same_file(path):
            self.statusBar().showMessage(f"{path.name} is already open.", 5000)
            return True
        if not self._confirm_leave():
            return False
        wb = opening.open_workbook(self, path)
        if wb is None:
            return False
        self.set_workbook(wb)
        return True

    def try_demo(self) -> None:
        """The welcome view's Try the Demo: the demo café, made the first time."""
        path = opening.demo_path(self)
        if path is not None:
            self.open_path(path)

    def open_workbook_dialog(self) -> None:
        """File ▸ Open…"""
        directory = self.wb.path.parent if self.wb is not None else None
        path = dialogs.ask_open_path(self, "Open Workbook", FILE_FILTER, directory)
        if path is not None:
            self.open_path(path)

    def new_workbook(self) -> None:
        """File ▸ New Workbook…: where to save it, then the business name."""
        if not self._confirm_leave():
            return
        folder = self.wb.path.parent if self.wb is not None else Path.home()
        path = dialogs.ask_save_path(
            self,
            "New Workbook",
            folder / f"New workbook{SUFFIX}",
            FILE_FILTER,
            SUFFIX,
            confirm_overwrite=False,
        )
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self,
                "Choose another name",
                f"There is already a file called “{path.name}” in {path.parent}. CS Coach "
                "never replaces a file when it creates a workbook: choose another name.",
            )
            return
        wb = opening.create_workbook(self, path)
        if wb is not None:
            self.set_workbook(wb, page="overview")

    def start_default_workbook(self) -> None:
        """Create the workbook in the usual place (the welcome view's first button)."""
        path = default_workbook_path()
        if path.exists():
            self.open_path(path)
            return
        wb = opening.create_workbook(self, path, title="Welcome to CS Coach")
        if wb is not None:
            self.set_workbook(wb, page="overview")

    def reopen_for_editing(self) -> None:
        """The read-only banner's button: try to open the workbook for changes again."""
        if self.wb is None or not self.wb.read_only:
            return
        wb = opening.reopen_for_writing(self, self.wb.path)
        if wb is not None:
            self.set_workbook(wb, page=self.stack.currentIndex())

    def save_copy(self) -> None:
        """File ▸ Save a Copy…: a consistent copy through SQLite's backup API."""
        if self.wb is None:
            return
        suggested = self.wb.path.with_name(f"{self.wb.name} copy{SUFFIX}")
        path = dialogs.ask_save_path(self, "Save a Copy", suggested, FILE_FILTER, SUFFIX)
        if path is None:
            return
        if self._same_file(path):
            dialogs.show_error(
                self,
                "Choose another name",
                "That is the workbook you have open. Choose another name or folder for the copy.",
            )
            return
        if opening.save_copy(self, self.wb, path):
            self.statusBar().showMessage(f"Saved a copy as {path}", 10000)

    def restore_backup(self) -> None:
        """File ▸ Restore from Backup…: replace the workbook's contents with a backup."""
        if self.wb is None or self.wb.read_only or not self._confirm_leave():
            return
        source = dialogs.choose_backup(self, self.wb.path)
        if source is None:
            return
        if not dialogs.confirm(
            self,
            "Restore from backup",
            f"Replace everything in “{self.wb.name}” with the backup {source.name}?\n\n"
            "The workbook as it is now is saved as a backup first, so you can go back.",
            "Restore",
            destructive=True,
        ):
            return
        try:
            saved = self.wb.restore_from(source)
        except WorkbookError as exc:
            dialogs.show_error(self, "Could not restore", exc.message)
            return
        except (OSError, StorageError) as exc:
            dialogs.show_error(self, "Could not restore", f"{source}: {exc}.")
            return
        self.set_workbook(self.wb, page=self.stack.currentIndex())
        self.statusBar().showMessage(
            f"Restored from {source.name}. The state before is saved as {saved.name}.", 15000
        )

    # -- undo and redo -----------------------------------------------------------

    def step_history(self, *, redo: bool) -> None:
        """Edit › Undo (or Redo): the last change to the workbook, whichever page made it.
        An edit still being typed is saved first (it is then what Undo undoes)."""
        wb = self.wb
        if wb is None or wb.read_only:
            return
        page = self.current_page()
        lost = page.save_pending() if page is not None else None
        verb = "Redo" if redo else "Undo"
        if lost and not dialogs.confirm(
            self,
            f"{verb} and drop the change being typed?",
            f"{lost}\n\n{verb} anyway? The change being typed is dropped.",
            f"{verb} Anyway",
            destructive=True,
        ):
            return
        try:
            label = wb.redo() if redo else wb.undo()
        except CsCoachError as exc:
            dialogs.show_error(self, f"Could not {verb.lower()}", exc.message)
            return
        except StorageError as exc:
            dialogs.show_error(self, f"Could not {verb.lower()}", describe_failure(exc))
            return
        if label is None:
            return
        current = self.stack.currentIndex()
        self._stale.update(i for i in self._pages if i != current)
        if page is not None:
            page.reload()
        self._update_business_name()
        self.statusBar().showMessage(f"{'Redone' if redo else 'Undone'}: {label}.", 8000)

    def _update_history_actions(self) -> None:
        """Name the change Undo and Redo would act on; grey them when there is none."""
        wb = self.wb
        writable = wb is not None and not wb.read_only
        undo = wb.history.undo_label if wb is not None and writable else None
        redo = wb.history.redo_label if wb is not None and writable else None
        self.undo_action.setText(f"&Undo {_menu_text(undo)}" if undo else "&Undo")
        self.redo_action.setText(f"&Redo {_menu_text(redo)}" if redo else "&Redo")
        self.undo_action.setEnabled(bool(undo))
        self.redo_action.setEnabled(bool(redo))

    # -- menus -----------------------------------------------------------------

    def rebuild_recent_menu(self) -> None:
        window_menus.rebuild_recent_menu(self)

    def show_about(self) -> None:
        """Help ▸ About CS Coach: version, what it is for, and the licences."""
        from cscoach.ui.help import about_text

        path = self.wb.path if self.wb is not None else None
        dialogs.show_info(self, "About CS Coach", about_text(__version__, path))

    def show_help(self) -> None:
        """Help ▸ How CS Coach Works (F1): the steps, beside the window."""
        if self.help_window is None:
            from cscoach.ui.help import HelpWindow

            self.help_window = HelpWindow(self)
            self.help_window.page_requested.connect(self.show_page)
        if self.help_window.isVisible():
            self.help_window.raise_()  # it may be hidden behind the main window
        self.help_window.show()
        self.help_window.activateWindow()

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts, read from the menus as they are now."""
        from cscoach.ui.help import ShortcutsDialog, shortcut_groups

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        titles = {spec.key: spec.title for spec in PAGES}
        self.shortcuts_dialog = ShortcutsDialog(shortcut_groups(self.menuBar(), titles), self)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.activateWindow()

    # -- Qt overrides ----------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._confirm_leave():
            event.ignore()
            return
        self.settings.setValue(prefs.GEOMETRY_KEY, self.saveGeometry())
        if self.wb is not None:
            prefs.set_last_workbook(self.settings, self.wb.path)
            self.set_workbook(None)  # closes the workbook and releases its lock
        self.settings.sync()
        event.accept()


def _menu_text(label: str) -> str:
    """A step's name as a menu item's text: an ampersand shown, not a mnemonic."""
    return label.replace("&", "&&")
