"""Overview: the state of the culture at a glance, what to do next, the culture map and
where the team agrees.

Three tabs over one workbook: *At a Glance* (a card per section and the next steps, or the
first-steps guide while the workbook is empty), *Culture Map* and *Agreement*. Every link asks
the window to open a page through ``open_requested``, or a page at one thing through
``open_item_requested`` (a next step such as the open complaints: the Feedback page filtered
to them).

The Overview is the usual start page, so it builds only what it shows: the Culture Map and
Agreement tabs (and the first-steps guide) are built the first time they are shown, and a
reload updates the cards in place.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kpis, sections
from cscoach.model import overview as ov
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.overview.culture_map_view import TAB_MARGINS, CultureMapView
from cscoach.ui.widgets import plain_label, scroll_area, text_side, text_width

if TYPE_CHECKING:  # imported when the Agreement tab is first shown
    from cscoach.ui.pages.overview.agreement_view import AgreementView

PAGE_TITLES = sections.TITLES

# The cards and the next steps are styled by the app's style sheet (``style.stylesheet``),
# by object name and by the properties "attention", "status" and "better": a style sheet
# of their own on each label made the Overview several times slower to build and show.

# What a next step that opens its page at one thing shows (``NextStep.kind``).
STEP_TIPS = {
    "open": "Show the open complaints on the {page} page",
    "theme": "Show this theme's feedback on the {page} page",
    "overdue": "Show the overdue actions on the {page} page",
    "helped": "Show the actions waiting for “did it help?” on the {page} page",
    "owner": "Show their open actions on the {page} page",
    "refreshers": "Show the refreshers due on the {page} page",
    "untrained": "Show the standards no one is trained on, on the {page} page",
    "member": "Show their training on the {page} page",
    "checklist": "Show their first-weeks checklist on the {page} page",
    "kiosk": "Show the kiosk's votes on the {page} page",
}

WIDE_CHARACTERS = 190  # the Overview this many average characters wide has three columns
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


def _set_property(widget: QWidget, name: str, value: object, *also: QWidget) -> None:
    """Set a property the style sheets select on (None removes it). If it changed on a
    widget already styled, style it again, and ``also`` (descendants selected through it)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        for styled in (widget, *also):
            styled.style().unpolish(styled)
            styled.style().polish(styled)


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
    """One next step: its text (wrapped, as written) and a "›"; opens the page it names.
    Styled by its ``NextStepsPanel``'s style sheet.

    ``set_step`` puts another step in the same widget (the Overview reloads in place)."""

    def __init__(self, number: int, step: ov.NextStep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextStep")
        self.number_label = plain_label(object_name="nextStepNumber")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.number_label.setMinimumWidth(22)
        self.text_label = plain_label(object_name="nextStepText")
        self.text_label.setWordWrap(True)
        arrow = plain_label("›", object_name="nextStepArrow")
        arrow.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.number_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(arrow, 0, Qt.AlignmentFlag.AlignTop)
        self.set_step(number, step)

    def set_step(self, number: int, step: ov.NextStep) -> None:
        self.step = step
        self.setAccessibleName(step.text)
        tip = STEP_TIPS.get(step.kind, "Open {page}")
        self.setToolTip(tip.format(page=page_title(step.page)))
        self.number_label.setText(f"{number}.")
        self.text_label.setText(step.text)


class OverviewCard(ClickableFrame):
    """One section at a glance; a click (or its "Open … ›" link) opens that section.

    ``set_card`` shows new figures in the same widgets when the card keeps its shape (as
    many lines and KPI rows), which is what a reload after an edit elsewhere usually needs.
    """

    def __init__(self, card: ov.Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("card")
        self.setToolTip(f"Open {page_title(card.page)}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the link below takes the focus
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(3)

        self.title_label = plain_label(object_name="cardTitle")
        self.title_label.setWordWrap(True)
        self._show_attention(card)
        self.headline_label = plain_label(card.headline, object_name="cardHeadline")
        self.headline_label.setWordWrap(True)
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
            legend = plain_label(KPI_LEGEND, object_name="kpiLegend", role="hint")
            legend.setWordWrap(True)
            layout.addSpacing(2)
            layout.addWidget(legend)
        layout.addStretch(1)
        layout.addSpacing(4)
        self.link = open_button(card.page)
        self.link.clicked.connect(self.clicked)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)

    @staticmethod
    def shape(card: ov.Card) -> tuple[str, int, int]:
        return (card.page, len(card.lines), len(card.kpi_lines))

    def set_card(self, card: ov.Card) -> None:
        """Show ``card`` in these widgets; it must have this card's ``shape``."""
        assert self.shape(card) == self.shape(self.card)
        if card == self.card:
            return
        if card.attention != self.card.attention or card.title != self.card.title:
            self._show_attention(card)
        self.card = card
        self.headline_label.setText(card.headline)
        for label, line in zip(self.line_labels, card.lines, strict=True):
            label.setText(line)
        for row, kpi_line in zip(self.kpi_rows, card.kpi_lines, strict=True):
            self._show_kpi_line(row, kpi_line)

    def _show_attention(self, card: ov.Card) -> None:
        """The title, and the amber edge and colour of a card that needs attention."""
        _set_property(self, "attention", card.attention, self.title_label)
        self.title_label.setText(f"⚠ {card.title}" if card.attention else card.title)
        self.title_label.setAccessibleName(
            f"{card.title}: needs attention" if card.attention else ""
        )

    def _kpi_grid(self, lines: tuple[ov.KpiLine, ...]) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        for row, line in enumerate(lines):
            name = plain_label(object_name="kpiName")
            name.setWordWrap(True)
            value = plain_label(object_name="kpiValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            status = plain_label(object_name="kpiStatus")
            arrow = plain_label(object_name="kpiArrow")
            arrow.setMinimumWidth(14)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1, top)
            grid.addWidget(status, row, 2, top)
            grid.addWidget(arrow, row, 3, top)
            self.kpi_rows.append((name, value, status, arrow))
            self._show_kpi_line(self.kpi_rows[-1], line)
        return grid

    @staticmethod
    def _show_kpi_line(row: tuple[QLabel, QLabel, QLabel, QLabel], line: ov.KpiLine) -> None:
        name, value, status, arrow = row
        name.setText(line.name)
        value.setText(line.value)
        if line.status == kpis.ON_TARGET:
            mark, tip = "✓", "On target"
        elif line.status == kpis.OFF_TARGET:
            mark, tip = "✗", "Off target"
        else:
            mark, tip = "–", "No target set"
        status.setText(mark)
        status.setToolTip(tip)
        status.setAccessibleName(tip)
        _set_property(status, "status", line.status)  # its colour
        arrow.setText(line.arrow)
        if line.better is True:
            arrow.setToolTip("Better than the month before")
        elif line.better is False:
            arrow.setToolTip("Worse than the month before")
        else:
            arrow.setToolTip("About the same as the month before" if line.arrow else "")
        _set_property(arrow, "better", line.better)  # green or red


class NextStepsPanel(QFrame):
    """The ordered list of next steps, most important first."""

    open_requested = Signal(str)
    open_item_requested = Signal(str, str, int)  # (page, kind, id): a step naming one thing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("role", "nextSteps")  # the accent line on top
        heading = plain_label("Next steps", object_name="nextStepsHeading")
        self.hint = plain_label(
            "Most important first. Click one to go where it is done.", role="hint", wrap=True
        )
        self.steps_layout = QVBoxLayout()
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.setSpacing(2)
        self.nothing = plain_label(
            "Nothing needs doing right now. Keep entering your KPIs every month and "
            "review the philosophy with the team when it is due.",
            object_name="nothingToDo",
            wrap=True,
        )
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
        """Show ``steps``, reusing the links already there (a reload costs little)."""
        for link in self.links[len(steps) :]:
            self.steps_layout.removeWidget(link)
            link.deleteLater()
        del self.links[len(steps) :]
        for number, step in enumerate(steps, start=1):
            if number <= len(self.links):
                self.links[number - 1].set_step(number, step)
                continue
            link = StepLink(number, step)
            link.clicked.connect(lambda link=link: self._open(link.step))
            self.steps_layout.addWidget(link)
            self.links.append(link)
        self.hint.setVisible(bool(steps))
        self.nothing.setVisible(not steps)

    def _open(self, step: ov.NextStep) -> None:
        if step.kind:
            self.open_item_requested.emit(step.page, step.kind, step.item_id)
        else:
            self.open_requested.emit(step.page)


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
        badge = plain_label(str(number), object_name="stepNumber")  # as in Help
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = text_side(badge, 1, 16)  # grows with the font, so the number always fits
        badge.setFixedSize(side, side)
        badge.setStyleSheet(f"border-radius: {side // 2}px;")  # a circle; colours: app sheet
        title_label = plain_label(title, object_name="stepTitle")
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
    """At a glance: a card per section and the next steps, or the first-steps guide."""

    open_requested = Signal(str)
    open_item_requested = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glanceView")
        self.first_steps: FirstSteps | None = None  # built when the workbook is empty

        self.cards_grid = QGridLayout()
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setHorizontalSpacing(12)
        self.cards_grid.setVerticalSpacing(12)
        self._columns = 2  # three on a wide screen (``resizeEvent``)
        self._order: list[str] = []  # the cards' pages, in the Overview's order
        cards_box = QWidget()
        cards_column = QVBoxLayout(cards_box)
        cards_column.setContentsMargins(0, 0, 0, 0)
        cards_column.addLayout(self.cards_grid)
        cards_column.addStretch(1)
        self.next_steps = NextStepsPanel()
        self.next_steps.open_requested.connect(self.open_requested)
        self.next_steps.open_item_requested.connect(self.open_item_requested)
        self.next_steps.setMinimumWidth(220)
        self.next_steps.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        dashboard = QWidget()
        row = QHBoxLayout(dashboard)
        row.setContentsMargins(*TAB_MARGINS)
        row.setSpacing(16)
        row.addWidget(cards_box, 5)
        row.addWidget(self.next_steps, 3, Qt.AlignmentFlag.AlignTop)

        self.stack = QStackedWidget()
        self.first_steps_scroll = scroll_area()
        self.stack.addWidget(self.first_steps_scroll)
        self.stack.addWidget(scroll_area(dashboard))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.cards: dict[str, OverviewCard] = {}

    @property
    def showing_first_steps(self) -> bool:
        return self.stack.currentIndex() == 0

    def show_overview(self, overview: ov.Overview) -> None:
        """Show ``overview``: cards that keep their shape are updated in place, the others
        rebuilt (a reload after an edit elsewhere then costs little more than its queries)."""
        if overview.empty:
            self._drop_cards(list(self.cards))
            self.next_steps.show_steps(())
            if self.first_steps is None:
                self.first_steps = FirstSteps()
                self.first_steps.open_requested.connect(self.open_requested)
                self.first_steps_scroll.setWidget(self.first_steps)
            self.stack.setCurrentIndex(0)
            return
        pages = [card.page for card in overview.cards]
        self._drop_cards([page for page in self.cards if page not in pages])
        for card in overview.cards:
            widget = self.cards.get(card.page)
            if widget is not None and OverviewCard.shape(card) == OverviewCard.shape(widget.card):
                widget.set_card(card)
            else:
                self._drop_cards([card.page])
                widget = OverviewCard(card)
                widget.clicked.connect(lambda page=card.page: self.open_requested.emit(page))
                self.cards[card.page] = widget
        self._order = pages
        self._place()
        self.next_steps.show_steps(overview.next_steps)
        self.stack.setCurrentIndex(1)

    def _place(self) -> None:
        """The cards in the Overview's order, ``_columns`` a row."""
        columns = self._columns
        for column in range(3):
            self.cards_grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, page in enumerate(self._order):
            widget = self.cards[page]
            if self.cards_grid.indexOf(widget) < 0 or self._cell(widget) != divmod(index, columns):
                self.cards_grid.addWidget(widget, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Three columns of cards where the screen has the room (1920 pixels), else two."""
        super().resizeEvent(event)
        columns = 3 if event.size().width() >= text_width(self, WIDE_CHARACTERS) else 2
        if columns != self._columns:
            self._columns = columns
            for widget in self.cards.values():
                self.cards_grid.removeWidget(widget)
            self._place()

    def _cell(self, widget: QWidget) -> tuple[int, int]:
        # PySide6 types getItemPosition's four out-values as one object.
        row, column, _rows, _columns = cast(
            tuple[int, int, int, int],
            self.cards_grid.getItemPosition(self.cards_grid.indexOf(widget)),
        )
        return row, column

    def _drop_cards(self, pages: list[str]) -> None:
        for page in pages:
            card = self.cards.pop(page, None)
            if card is not None:
                self.cards_grid.removeWidget(card)
                card.deleteLater()


class OverviewPage(Page):
    title = "Overview"
    subtitle = "The state of your customer-service culture at a glance, and what to do next."

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("overviewPage")
        self.today = today
        self.glance = GlanceView()
        self.glance.open_requested.connect(self.open_requested)
        self.glance.open_item_requested.connect(self.open_item_requested)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("overviewTabs")
        self.tabs.addTab(self.glance, "At a Glance")
        self.tabs.addTab(QWidget(), self.CULTURE_MAP)  # placeholders until first shown
        self.tabs.addTab(QWidget(), self.AGREEMENT)
        self._culture_map: CultureMapView | None = None
        self._agreement: AgreementView | None = None
        self.tabs.currentChanged.connect(lambda _index: self._load_current_tab())
        self.page_layout.addWidget(self.tabs, 1)
        self.overview: ov.Overview | None = None
        self._stale: set[QWidget] = set()
        self.reload()

    CULTURE_MAP, AGREEMENT = "Culture Map", "Agreement"

    @property
    def culture_map(self) -> CultureMapView:
        """The Culture Map tab, built the first time it is needed."""
        if self._culture_map is None:
            self._culture_map = CultureMapView(self.wb, today=self.today)
            self._put_in_tab(1, self._culture_map, self.CULTURE_MAP)
        return self._culture_map

    @property
    def agreement(self) -> AgreementView:
        """The Agreement tab, built (and its module imported) the first time it is needed."""
        if self._agreement is None:
            from cscoach.ui.pages.overview.agreement_view import AgreementView

            self._agreement = AgreementView(self.wb)
            self._put_in_tab(2, self._agreement, self.AGREEMENT)
        return self._agreement

    def _put_in_tab(self, index: int, view: CultureMapView | AgreementView, label: str) -> None:
        """Replace tab ``index``'s placeholder with ``view``, staying on the same tab."""
        view.open_requested.connect(self.open_requested)
        placeholder = self.tabs.widget(index)
        assert placeholder is not None
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, view, label)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        self._stale.add(view)

    def reload(self) -> None:
        """Read the workbook again: the glance at once, the other tabs when next shown."""
        self.overview = ov.overview(self.wb, self.today)
        self.glance.show_overview(self.overview)
        self._stale = {v for v in (self._culture_map, self._agreement) if v is not None}
        self._load_current_tab()

    def select_item(self, kind: str, item_id: int) -> None:
        if kind == "value":  # a value's row is on the culture map
            self.show_tab(self.culture_map)

    def show_tab(self, view: QWidget) -> None:
        """Show one of the tabs: ``self.glance``, ``self.culture_map`` or ``self.agreement``."""
        self.tabs.setCurrentWidget(view)
        self._load_current_tab()

    def _load_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index == 1:
            view: CultureMapView | AgreementView = self.culture_map
        elif index == 2:
            view = self.agreement
        else:
            return
        if view in self._stale:
            self._stale.discard(view)
            view.reload()
