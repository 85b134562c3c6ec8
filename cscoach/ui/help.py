"""The Help menu: How CS Coach Works (F1), Keyboard Shortcuts and the About text.

The shortcuts of the window (File, View, Help) are read from its real menu actions when the
dialog opens. The pages build their widgets only when first shown, so their shortcuts are
listed in ``PAGE_SHORTCUTS``; ``tests/ui/test_help.py`` builds every page and checks that
table against the actions, shortcuts and buttons the pages really have, so it stays true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMenuBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cscoach import APP_NAME
from cscoach.ui import icons, style
from cscoach.ui.widgets import plain_label, scroll_area, text_side

# -- keyboard shortcuts ---------------------------------------------------------------


@dataclass(frozen=True)
class Shortcut:
    """Keys (portable text such as ``"Ctrl+Shift+N"``; any one of them works) and what they do."""

    keys: tuple[str, ...]
    action: str

    def native_keys(self) -> str:
        """The keys as this platform writes them (``Ctrl+1``; ``⌘1`` on a Mac)."""
        return " or ".join(
            QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in self.keys
        )


# Shortcuts that work on one page (or in the print preview), grouped by page key.
PAGE_SHORTCUTS: dict[str, tuple[Shortcut, ...]] = {
    "team": (
        Shortcut(("Ins", "Ctrl+Shift+N"), "Add a person"),
        Shortcut(("Del",), "Delete the person selected in the list"),
    ),
    "questionnaire": (
        Shortcut(("Ctrl+Shift+N",), "Add a response (someone's answers)"),
        Shortcut(("Ctrl+Return",), "Save the answers being typed"),
        Shortcut(("Ctrl+Up",), "Move the selected question up"),
        Shortcut(("Ctrl+Down",), "Move the selected question down"),
    ),
    "standards": (
        Shortcut(("Ctrl+Shift+N", "Ins"), "New standard"),
        Shortcut(("Ctrl+S",), "Save the standard being edited"),
        Shortcut(("Ctrl+F",), "Search the standards"),
        Shortcut(("Ctrl+Up",), "Move the selected standard up"),
        Shortcut(("Ctrl+Down",), "Move the selected standard down"),
        Shortcut(("Del",), "Delete the standard selected in the list"),
    ),
    "hiring": (
        Shortcut(("Ins",), "Add a candidate"),
        Shortcut(("Del",), "Delete the candidate selected in the list"),
    ),
    "feedback": (
        Shortcut(("Ins",), "New feedback item (on the Themes tab: a new theme)"),
        Shortcut(("F4",), "Add the first theme suggested for what was said"),
        Shortcut(("Ctrl+F",), "Search the feedback"),
        Shortcut(("Del",), "Delete the item (or theme) selected in the list"),
    ),
    "kpis": (
        Shortcut(("Ctrl+Tab",), "Next tab (also from the grid)"),
        Shortcut(("Ctrl+Shift+Tab",), "Previous tab"),
    ),
    "training": (
        Shortcut(("Ins",), "New session (on the Stories tab: a new story)"),
        Shortcut(("Del",), "Delete the session or story selected in the list"),
    ),
    "actions": (
        Shortcut(("Ins", "Ctrl+Shift+N"), "New action"),
        Shortcut(("Ctrl+F",), "Search the actions"),
        Shortcut(("Del",), "Delete the action selected in the list"),
    ),
    "print_preview": (
        Shortcut(("Ctrl+P",), "Print…"),
        Shortcut(("Ctrl+S",), "Save PDF…"),
    ),
}
PRINT_PREVIEW = "print_preview"


def _plain(text: str) -> str:
    """A menu text as a sentence: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_shortcuts(menu: QMenu) -> list[Shortcut]:
    """Every action in ``menu`` (and its submenus) that has a shortcut, in menu order.

    An action is described by its status tip if it has one, else by its menu text.
    """
    found: list[Shortcut] = []
    for action in menu.actions():
        if action.menu() is not None:
            found.extend(menu_shortcuts(action.menu()))  # type: ignore[arg-type]
            continue
        keys = tuple(k.toString() for k in action.shortcuts() if not k.isEmpty())
        if keys and not action.isSeparator():
            found.append(Shortcut(keys, action.statusTip() or _plain(action.text())))
    return found


def window_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[Shortcut]]]:
    """The shortcuts of the window's menus, one group per menu (``"File menu"``, …)."""
    groups: list[tuple[str, list[Shortcut]]] = []
    for action in menu_bar.actions():
        menu = action.menu()
        if not isinstance(menu, QMenu):
            continue
        found = menu_shortcuts(menu)
        if found:
            groups.append((f"{_plain(action.text())} menu", found))
    return groups


def _is_mnemonic(key: QKeySequence, text: str) -> bool:
    """True for the Alt+letter a button gets from the ``&`` in its text."""
    return not QKeySequence.mnemonic(text).isEmpty() and key == QKeySequence.mnemonic(text)


def live_shortcuts(widget: QWidget) -> set[str]:
    """Every key (portable text) that a widget's actions, QShortcuts or buttons react to.

    Alt+letter mnemonics from ``&`` in button texts are left out: they show themselves.
    """
    keys: set[str] = set()
    for action in widget.findChildren(QAction):
        if action.menu() is None:
            keys.update(k.toString() for k in action.shortcuts() if not k.isEmpty())
    for shortcut in widget.findChildren(QShortcut):
        sequences = shortcut.keys()  # noqa: SIM118 - QShortcut.keys(), not a dict
        keys.update(k.toString() for k in sequences if not k.isEmpty())
    for button in widget.findChildren(QAbstractButton):
        key = button.shortcut()
        if not key.isEmpty() and not _is_mnemonic(key, button.text()):
            keys.add(key.toString())
    return keys


_BOTTOM_LEFT = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft


def _fit_on_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less on a small screen."""
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 40)
        height = min(height, available.height() - 60)
    window.resize(width, height)


def listed_keys(shortcuts: Iterable[Shortcut]) -> set[str]:
    return {key for shortcut in shortcuts for key in shortcut.keys}


class _GroupItem(QTreeWidgetItem):
    """A group heading of the shortcuts list, in the accent colour of the palette in use."""

    def data(self, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return style.qcolor("accent_strong")
        return super().data(column, role)


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard Shortcuts: every shortcut, grouped by where it works."""

    def __init__(
        self,
        groups: list[tuple[str, list[Shortcut]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(f"Keyboard Shortcuts — {APP_NAME}")
        style.style_window(self)  # #shortcutsTree is in the style sheet

        heading = plain_label("Keyboard Shortcuts", object_name="dialogHeading")
        intro = plain_label(
            "Everything can be done with the mouse; these keys make the common things "
            "quicker. Shortcuts listed under a page work while that page is shown.",
            role="hint",
        )
        intro.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(18)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        group_font = QFont(self.font())
        group_font.setBold(True)
        line = self.fontMetrics().height()
        for title, shortcuts in groups:
            group = _GroupItem(self.tree, [title])
            group.setFirstColumnSpanned(True)
            group.setFont(0, group_font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            # Row heights come from column 1 (empty here, or the description) so that the
            # keys column keeps sizing itself to the keys.
            group.setSizeHint(1, QSize(0, line * 2 + 4))  # room above each group
            group.setTextAlignment(0, _BOTTOM_LEFT)
            for shortcut in shortcuts:
                item = QTreeWidgetItem(group, [shortcut.native_keys(), shortcut.action])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setSizeHint(1, QSize(0, line + 8))
        self.tree.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("closeButton")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        _fit_on_screen(self, 620, 720)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what they do) for every row shown: what a reader sees."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            for j in range(group.childCount()):
                child = group.child(j)
                assert child is not None
                found.append((group.text(0), child.text(0), child.text(1)))
        return found


def shortcut_groups(
    menu_bar: QMenuBar, page_titles: dict[str, str]
) -> list[tuple[str, list[Shortcut]]]:
    """The window's menu shortcuts, then each page's, then the print preview's."""
    groups = window_shortcuts(menu_bar)
    for key, title in page_titles.items():
        if key in PAGE_SHORTCUTS:
            groups.append((f"{title} page", list(PAGE_SHORTCUTS[key])))
    groups.append(("Print preview", list(PAGE_SHORTCUTS[PRINT_PREVIEW])))
    return groups


# -- how CS Coach works -----------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    page: str  # the page key the step's button opens
    page_title: str


HELP_INTRO = (
    "CS Coach helps you build a customer-service culture your whole team shares, and keep "
    "it alive. A culture cannot be copied from another business: it grows from what your "
    "own people think and do every day. Work through the first five steps once; the last "
    "three, and the monthly review, keep it alive."
)

STEPS: tuple[Step, ...] = (
    Step(
        "Ask your team",
        "Before taking anyone else's advice, sit down with your team and ask how they see "
        "customer service: what great and poor service look like, what you are all aiming "
        "for, what customers should feel first. Print the questionnaire for the meeting or "
        "type the answers in as people give them. Put your people on the Team page first.",
        "questionnaire",
        "Questionnaire",
    ),
    Step(
        "Write your philosophy",
        "Read the team's answers to each question side by side and write down, in your own "
        "words, what service means in your business: the goal, the one clear message and "
        "the values behind it. Publish it when it feels right, and come back to it often.",
        "philosophy",
        "Philosophy",
    ),
    Step(
        "Set service standards",
        "Turn the philosophy into things anyone can see being done, such as “Greet every "
        "customer within 30 seconds”. Give each one an owner and a review date and print "
        "the poster for the break room. Include how you put things right: an unhappy "
        "customer tells around sixteen people, a happy one about nine.",
        "standards",
        "Standards",
    ),
    Step(
        "Hire on the same values",
        "Score every candidate against the qualities your service needs (empathy, "
        "listening, a real wish to solve problems) with an interview question for each. "
        "The scorecard keeps the choice fair and lets you compare people side by side.",
        "hiring",
        "Hiring",
    ),
    Step(
        "Measure every month",
        "Once a month, enter your figures: customer satisfaction, Net Promoter Score, how "
        "many customers stayed and how quickly problems were solved. The monthly review "
        "shows each one against its target and last month; note what you will do next and "
        "share it with the team.",
        "kpis",
        "KPIs",
    ),
    Step(
        "Listen to your customers",
        "Write down compliments, complaints and suggestions as they come, at the counter, "
        "on the phone or in a review, or let customers rate their visit at a counter kiosk. "
        "Put every complaint right and close it: a problem solved quickly can keep a "
        "customer. The themes that keep coming back show what to fix first.",
        "feedback",
        "Feedback",
    ),
    Step(
        "Act, and say what you did",
        "Turn what you hear into actions, each with an owner and a day it is due. Tick them "
        "off at the monthly review and ask a month later whether they helped. Print “You "
        "said, we did” for the wall, so customers and the team see their words change "
        "things.",
        "actions",
        "Actions",
    ),
    Step(
        "Train and celebrate",
        "Train the team on the standards and on listening, patience and putting things "
        "right, not only on the machines, and note who came and when a refresher is due. "
        "Write down the stories of great service and tell them at the team meeting: they "
        "celebrate what happened, they are not a ranking.",
        "training",
        "Training",
    ),
)

HELP_CLOSING = (
    "The Overview page shows where you are and what to do next. Everything is saved as you "
    "type, in one workbook file on this computer. Press F1 to open this page again."
)


class HelpWindow(QDialog):
    """Help ▸ How CS Coach Works: the steps, each with a button to its page.

    Emits ``page_requested(key)`` when one of those buttons is clicked.
    """

    page_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(f"How {APP_NAME} Works")
        style.style_window(self)  # #stepNumber, #stepTitle… are in the style sheet

        content = QWidget()
        content.setObjectName("helpContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 24, 28, 20)
        column.setSpacing(14)
        column.addWidget(plain_label(f"How {APP_NAME} works", object_name="dialogHeading"))
        intro = plain_label(HELP_INTRO, object_name="helpIntro")
        intro.setWordWrap(True)
        column.addWidget(intro)

        self.page_buttons: dict[str, QPushButton] = {}
        for number, step in enumerate(STEPS, start=1):
            column.addWidget(self._step_row(number, step))

        closing = plain_label(HELP_CLOSING, role="hint")
        closing.setWordWrap(True)
        column.addWidget(closing)
        column.addStretch(1)

        scroll = scroll_area(content, object_name="helpScroll")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        button_row = QHBoxLayout()
        button_row.setContentsMargins(28, 0, 28, 16)
        button_row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addLayout(button_row)
        _fit_on_screen(self, 660, 780)

    def _step_row(self, number: int, step: Step) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        badge = plain_label(str(number), object_name="stepNumber")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = text_side(badge, 1, 16)  # grows with the font, so the number always fits
        badge.setFixedSize(QSize(side, side))
        badge.setStyleSheet(f"border-radius: {side // 2}px;")  # a circle; colours: app sheet
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)

        text_column = QVBoxLayout()
        text_column.setSpacing(3)
        title = plain_label(step.title, object_name="stepTitle")
        body = plain_label(step.text)
        body.setWordWrap(True)
        button = QPushButton(f"Open the {step.page_title} page")
        button.setObjectName(f"helpOpen_{step.page}")
        button.setProperty("role", "link")
        button.setIcon(icons.icon(step.page))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _checked=False, key=step.page: self.page_requested.emit(key))
        self.page_buttons[step.page] = button
        text_column.addWidget(title)
        text_column.addWidget(body)
        text_column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(text_column, 1)
        return row


# -- about ------------------------------------------------------------------------------

LICENCES: tuple[tuple[str, str], ...] = (
    ("Qt and PySide6 (with Qt PDF)", "GNU LGPL version 3"),
    ("matplotlib", "the matplotlib licence (based on the PSF licence)"),
    ("ReportLab", "BSD licence"),
    ("sqlite-utils", "Apache License 2.0"),
    ("platformdirs", "MIT licence"),
    ("DejaVu fonts, shipped inside matplotlib", "Bitstream Vera and DejaVu font licence"),
    ("Python and SQLite", "PSF licence; public domain"),
)


def about_text(version: str, workbook: Path | None = None) -> str:
    """The plain text of Help ▸ About CS Coach."""
    used = "\n".join(f"• {name}: {licence}" for name, licence in LICENCES)
    where = f"\n\nThe workbook open now is {workbook}." if workbook is not None else ""
    return (
        f"{APP_NAME} {version}\n\n"
        "Build a customer-service culture in a small service business and keep it alive: "
        "ask the team, write the philosophy, set service standards, hire on the same "
        "values and measure every month.\n\n"
        "Everything stays in one workbook file on this computer; nothing needs a network."
        f"{where}\n\n"
        f"{APP_NAME} is free software under the MIT licence. Its icons were drawn for "
        f"{APP_NAME} and share that licence.\n\n"
        f"{APP_NAME} is built with:\n{used}\n\n"
        "Each of these keeps its own licence; Help ▸ About Qt shows Qt's."
    )
