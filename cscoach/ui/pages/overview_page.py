"""Overview: the state of the culture at a glance, what to do next, the culture map and
where the team agrees.

Three tabs over one workbook: *At a Glance* (a card per section and the next steps, or the
first-steps guide while the workbook is empty), *Culture Map* and *Agreement*. Every link asks
the window to open a page through ``open_requested``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kpis
from cscoach.model import overview as ov
from cscoach.model.workbook import Workbook
from cscoach.ui.main_window import PAGES
from cscoach.ui.pages.agreement_view import TAB_MARGINS, AgreementView
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.culture_map_view import CultureMapView
from cscoach.ui.style import ACCENT, ACCENT_DARK, ERROR
from cscoach.ui.widgets import plain_label

PAGE_TITLES = {spec.key: spec.title for spec in PAGES}

ATTENTION = "#9a5b00"  # amber, dark enough to read on white
ATTENTION_BG = "#fff8eb"
BETTER = "#2e7d32"
WORSE = ERROR

KPI_LEGEND = "✓ on target, ✗ off target; arrows: since the month before (green better, red worse)"


def page_title(key: str) -> str:
    return PAGE_TITLES.get(key, key.title())


def open_button(key: str, text: str = "") -> QPushButton:
    """A link-style button "Open <Page> ›" named ``open_<key>``."""
    button = QPushButton(text or f"Open {page_title(key)} ›")
    button.setObjectName(f"open_{key}")
    button.setProperty("role", "link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def scrolling(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    return scroll


class ClickableFrame(QFrame):
    """A frame that acts as a button: a click, Enter or Space emits ``clicked``."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class StepLink(ClickableFrame):
    """One next step: its text (wrapped, as written) and a "›"; opens the page it names."""

    def __init__(self, number: int, step: ov.NextStep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName("nextStep")
        self.setAccessibleName(step.text)
        self.setToolTip(f"Open {page_title(step.page)}")
        self.setStyleSheet(
            "QFrame#nextStep { border: none; border-radius: 6px; padding: 2px; }"
            "QFrame#nextStep:hover, QFrame#nextStep:focus { background: #eef5f5; }"
        )
        self.number_label = plain_label(f"{number}.")
        self.number_label.setStyleSheet(f"color: {ACCENT_DARK}; font-weight: 600;")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.number_label.setMinimumWidth(22)
        self.text_label = plain_label(step.text, object_name="nextStepText")
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet(f"color: {ACCENT_DARK};")
        arrow = plain_label("›")
        arrow.setStyleSheet(f"color: {ACCENT}; font-size: 13pt;")
        arrow.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.number_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(arrow, 0, Qt.AlignmentFlag.AlignTop)


class OverviewCard(ClickableFrame):
    """One section at a glance; a click (or its "Open … ›" link) opens that section."""

    def __init__(self, card: ov.Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("card")
        self.setProperty("attention", card.attention)
        self.setToolTip(f"Open {page_title(card.page)}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the link below takes the focus
        if card.attention:
            self.setStyleSheet(
                f"QFrame#card {{ border-left: 4px solid {ATTENTION}; background: {ATTENTION_BG}; }}"
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(3)

        title = f"⚠ {card.title}" if card.attention else card.title
        self.title_label = plain_label(title, object_name="cardTitle")
        self.title_label.setWordWrap(True)
        colour = ATTENTION if card.attention else "#3a4754"
        self.title_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        if card.attention:
            self.title_label.setAccessibleName(f"{card.title}: needs attention")
        self.headline_label = plain_label(card.headline, object_name="cardHeadline")
        self.headline_label.setWordWrap(True)
        self.headline_label.setStyleSheet(
            f"color: {ACCENT_DARK}; font-size: 14pt; font-weight: 600;"
        )
        layout.addWidget(self.title_label)
        layout.addWidget(self.headline_label)
        self.line_labels: list[QLabel] = []
        for line in card.lines:
            label = plain_label(line, role="hint")
            label.setWordWrap(True)
            layout.addWidget(label)
            self.line_labels.append(label)
        self.kpi_rows: list[tuple[QLabel, QLabel, QLabel, QLabel]] = []
        if card.kpi_lines:
            layout.addSpacing(4)
            layout.addLayout(self._kpi_grid(card.kpi_lines))
            legend = plain_label(KPI_LEGEND, role="hint")
            legend.setWordWrap(True)
            legend.setStyleSheet("font-size: 8pt;")
            layout.addSpacing(2)
            layout.addWidget(legend)
        layout.addStretch(1)
        layout.addSpacing(4)
        self.link = open_button(card.page)
        self.link.clicked.connect(self.clicked)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)

    def _kpi_grid(self, lines: tuple[ov.KpiLine, ...]) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        for row, line in enumerate(lines):
            name = plain_label(line.name, object_name="kpiName")
            name.setWordWrap(True)
            value = plain_label(line.value, object_name="kpiValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setStyleSheet("font-weight: 600;")
            if line.status == kpis.ON_TARGET:
                mark, tip, colour = "✓", "On target", BETTER
            elif line.status == kpis.OFF_TARGET:
                mark, tip, colour = "✗", "Off target", WORSE
            else:
                mark, tip, colour = "–", "No target set", "#5f6b77"
            status = plain_label(mark, object_name="kpiStatus")
            status.setToolTip(tip)
            status.setAccessibleName(tip)
            status.setStyleSheet(f"color: {colour}; font-weight: 600;")
            arrow = plain_label(line.arrow, object_name="kpiArrow")
            arrow.setMinimumWidth(14)
            if line.better is True:
                arrow.setStyleSheet(f"color: {BETTER};")
                arrow.setToolTip("Better than the month before")
            elif line.better is False:
                arrow.setStyleSheet(f"color: {WORSE};")
                arrow.setToolTip("Worse than the month before")
            elif line.arrow:
                arrow.setToolTip("About the same as the month before")
            arrow.setProperty("better", line.better)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1, top)
            grid.addWidget(status, row, 2, top)
            grid.addWidget(arrow, row, 3, top)
            self.kpi_rows.append((name, value, status, arrow))
        return grid


class NextStepsPanel(QFrame):
    """The ordered list of next steps, most important first."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(f"QFrame#card {{ border-top: 4px solid {ACCENT}; }}")
        heading = plain_label("Next steps", object_name="nextStepsHeading")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1d2a35;")
        self.hint = plain_label("Most important first. Click one to go where it is done.")
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.steps_layout = QVBoxLayout()
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.setSpacing(2)
        self.nothing = plain_label(
            "Nothing needs doing right now. Keep entering your KPIs every month and "
            "review the philosophy with the team when it is due.",
            object_name="nothingToDo",
        )
        self.nothing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self.hint)
        layout.addSpacing(4)
        layout.addLayout(self.steps_layout)
        layout.addWidget(self.nothing)
        layout.addStretch(1)
        self.links: list[StepLink] = []

    def show_steps(self, steps: tuple[ov.NextStep, ...]) -> None:
        for link in self.links:
            self.steps_layout.removeWidget(link)
            link.deleteLater()
        self.links = []
        for number, step in enumerate(steps, start=1):
            link = StepLink(number, step)
            link.setObjectName("nextStep")
            link.clicked.connect(lambda page=step.page: self.open_requested.emit(page))
            self.steps_layout.addWidget(link)
            self.links.append(link)
        self.hint.setVisible(bool(steps))
        self.nothing.setVisible(not steps)


class FirstSteps(QWidget):
    """The guide an empty workbook gets instead of the cards: five steps, each with a button
    to its page."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSteps")
        welcome = plain_label(
            "Welcome! Five steps to a customer-service culture", object_name="firstStepsHeading"
        )
        welcome.setWordWrap(True)
        welcome.setStyleSheet("font-size: 14pt; font-weight: 600; color: #1d2a35;")
        intro = plain_label(
            "Your workbook is ready. Take these steps in order, at your own pace: each one "
            "builds on the one before. This page fills in as you go.",
            role="hint",
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*TAB_MARGINS)
        layout.setSpacing(10)
        layout.addWidget(welcome)
        layout.addWidget(intro)
        layout.addSpacing(4)
        self.step_buttons: list[QPushButton] = []
        for number, (title, text, page) in enumerate(ov.FIRST_STEPS, start=1):
            layout.addWidget(self._step(number, title, text, page))
        layout.addStretch(1)

    def _step(self, number: int, title: str, text: str, page: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        badge = plain_label(str(number))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedSize(30, 30)
        badge.setStyleSheet(
            f"QLabel {{ background: {ACCENT}; color: white; border-radius: 15px; "
            "font-weight: 600; font-size: 11pt; }"
        )
        title_label = plain_label(title)
        title_label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1d2a35;")
        text_label = plain_label(text)
        text_label.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(title_label)
        words.addWidget(text_label)
        buttons = QVBoxLayout()
        buttons.setSpacing(0)
        if page == "questionnaire":  # "Add the people on your team, then hold a round"
            team = open_button("team", "Add Your Team ›")
            team.clicked.connect(lambda _checked=False: self.open_requested.emit("team"))
            buttons.addWidget(team, 0, Qt.AlignmentFlag.AlignLeft)
            self.step_buttons.append(team)
        button = open_button(page)
        button.setObjectName(f"firstStep{number}")
        button.clicked.connect(lambda _checked=False, key=page: self.open_requested.emit(key))
        buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addStretch(1)
        self.step_buttons.append(button)
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(14, 12, 16, 12)
        layout.setSpacing(14)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        layout.addLayout(buttons)
        return frame


class GlanceView(QWidget):
    """At a glance: six cards and the next steps, or the first-steps guide."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glanceView")
        self.first_steps = FirstSteps()
        self.first_steps.open_requested.connect(self.open_requested)

        self.cards_grid = QGridLayout()
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setHorizontalSpacing(12)
        self.cards_grid.setVerticalSpacing(12)
        for column in range(2):
            self.cards_grid.setColumnStretch(column, 1)
        cards_box = QWidget()
        cards_column = QVBoxLayout(cards_box)
        cards_column.setContentsMargins(0, 0, 0, 0)
        cards_column.addLayout(self.cards_grid)
        cards_column.addStretch(1)
        self.next_steps = NextStepsPanel()
        self.next_steps.open_requested.connect(self.open_requested)
        self.next_steps.setMinimumWidth(220)
        self.next_steps.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        dashboard = QWidget()
        row = QHBoxLayout(dashboard)
        row.setContentsMargins(*TAB_MARGINS)
        row.setSpacing(16)
        row.addWidget(cards_box, 5)
        row.addWidget(self.next_steps, 3, Qt.AlignmentFlag.AlignTop)

        self.stack = QStackedWidget()
        self.stack.addWidget(scrolling(self.first_steps))
        self.stack.addWidget(scrolling(dashboard))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.cards: dict[str, OverviewCard] = {}

    @property
    def showing_first_steps(self) -> bool:
        return self.stack.currentIndex() == 0

    def show_overview(self, overview: ov.Overview) -> None:
        for card in self.cards.values():
            self.cards_grid.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        if overview.empty:
            self.next_steps.show_steps(())
            self.stack.setCurrentIndex(0)
            return
        for index, card in enumerate(overview.cards):
            widget = OverviewCard(card)
            widget.clicked.connect(lambda page=card.page: self.open_requested.emit(page))
            self.cards_grid.addWidget(widget, index // 2, index % 2)
            self.cards[card.page] = widget
        self.next_steps.show_steps(overview.next_steps)
        self.stack.setCurrentIndex(1)


class OverviewPage(Page):
    title = "Overview"
    subtitle = "The state of your customer-service culture at a glance, and what to do next."

    open_requested = Signal(str)  # the key of the page to open

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("overviewPage")
        self.today = today
        self.glance = GlanceView()
        self.culture_map = CultureMapView(wb, today=today)
        self.agreement = AgreementView(wb)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("overviewTabs")
        self.tabs.addTab(self.glance, "At a Glance")
        self.tabs.addTab(self.culture_map, "Culture Map")
        self.tabs.addTab(self.agreement, "Agreement")
        for view in (self.glance, self.culture_map, self.agreement):
            view.open_requested.connect(self.open_requested)
        self.tabs.currentChanged.connect(lambda _index: self._load_current_tab())
        self.page_layout.addWidget(self.tabs, 1)
        self.overview: ov.Overview | None = None
        self._stale: set[CultureMapView | AgreementView] = set()
        self.reload()

    def reload(self) -> None:
        """Read the workbook again: the glance at once, the other tabs when next shown."""
        self.overview = ov.overview(self.wb, self.today)
        self.glance.show_overview(self.overview)
        self._stale = {self.culture_map, self.agreement}
        self._load_current_tab()

    def select_item(self, kind: str, item_id: int) -> None:
        if kind == "value":  # a value's row is on the culture map
            self.show_tab(self.culture_map)

    def show_tab(self, view: QWidget) -> None:
        """Show one of the tabs: ``self.glance``, ``self.culture_map`` or ``self.agreement``."""
        self.tabs.setCurrentWidget(view)
        self._load_current_tab()

    def _load_current_tab(self) -> None:
        for view in list(self._stale):
            if view is self.tabs.currentWidget():
                self._stale.discard(view)
                view.reload()
