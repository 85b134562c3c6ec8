"""Small widgets every page uses: the page heading, field error labels, plain-text labels,
and the pieces that take their colours from the current palette (``style``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidgetItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cscoach.ui import style

PAGE_MARGINS = (28, 22, 28, 20)


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor while a step of a fraction of a second runs (reading a big CSV):
    longer work goes to a worker thread with a busy bar instead (the print preview)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class Stretch:
    """In ``vbox``/``hbox``: room that grows, ``factor`` shares of it."""

    def __init__(self, factor: int = 1) -> None:
        self.factor = factor


STRETCH = Stretch()
Margins = tuple[int, int, int, int]
LayoutItem = QWidget | QLayout | int | Stretch | tuple[QWidget | QLayout, int]
NO_MARGINS: Margins = (0, 0, 0, 0)


def fill(layout: QBoxLayout, items: Sequence[LayoutItem]) -> None:
    """Add ``items`` to ``layout`` in order: a widget or layout (with a stretch factor as
    ``(item, factor)``), a number of pixels of space, or ``STRETCH``."""
    for item in items:
        factor = 0
        if isinstance(item, tuple):
            item, factor = item
        if isinstance(item, QWidget):
            layout.addWidget(item, factor)
        elif isinstance(item, QLayout):
            layout.addLayout(item, factor)
        elif isinstance(item, Stretch):
            layout.addStretch(item.factor)
        else:
            layout.addSpacing(item)


def vbox(
    *items: LayoutItem,
    parent: QWidget | None = None,
    margins: Margins = NO_MARGINS,
    spacing: int | None = None,
) -> QVBoxLayout:
    """A column of ``items`` (see ``fill``), set on ``parent`` if given."""
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    return _boxed(layout, items, margins, spacing)


def hbox(
    *items: LayoutItem,
    parent: QWidget | None = None,
    margins: Margins = NO_MARGINS,
    spacing: int | None = None,
) -> QHBoxLayout:
    """A row of ``items`` (see ``fill``), set on ``parent`` if given."""
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    return _boxed(layout, items, margins, spacing)


B = TypeVar("B", bound=QBoxLayout)


def _boxed(layout: B, items: Sequence[LayoutItem], margins: Margins, spacing: int | None) -> B:
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    fill(layout, items)
    return layout


def plain_label(
    text: str = "", *, object_name: str = "", role: str = "", wrap: bool = False
) -> QLabel:
    """A QLabel that never renders its text as markup (user text is shown as typed);
    ``wrap`` breaks long text over lines."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    if role:
        label.setProperty("role", role)
    return label


def scroll_area(
    widget: QWidget | None = None,
    *,
    object_name: str = "",
    least: int = 0,
    sideways: bool = False,
) -> QScrollArea:
    """``widget`` in a frameless area that scrolls up and down (and ``sideways`` when it
    cannot be narrower), at least ``least`` average characters of the widget wide."""
    scroll = QScrollArea()
    if object_name:
        scroll.setObjectName(object_name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not sideways:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if widget is not None:
        scroll.setWidget(widget)
        if least:
            scroll.setMinimumWidth(text_width(widget, least))
    return scroll


def push_button(text: str, object_name: str, tip: str = "") -> QPushButton:
    """A push button with an object name (tests and the style sheet find it by) and a tip."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    if tip:
        button.setToolTip(tip)
    return button


def line_edit(object_name: str, placeholder: str = "") -> QLineEdit:
    """A one-line text field with an object name and grey example text."""
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    return edit


Keys = str | QKeySequence | QKeySequence.StandardKey | Qt.Key


def shortcut_action(
    owner: QWidget,
    text: str,
    keys: Keys | Sequence[Keys],
    slot: Callable[[], object],
    *,
    name: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QAction:
    """An action on ``owner`` that runs ``slot`` on ``keys`` while the focus is within
    ``owner`` (``context``): a page's keys never act on another page."""
    action = QAction(text, owner)
    if name:
        action.setObjectName(name)
    many = keys if isinstance(keys, Sequence) and not isinstance(keys, str) else [keys]
    action.setShortcuts([QKeySequence(k) for k in many])
    action.setShortcutContext(context)
    action.triggered.connect(lambda _=False: slot())
    owner.addAction(action)
    return action


def delete_action(table: QWidget, text: str, slot: Callable[[], object]) -> QAction:
    """Delete on the list only, so the Delete key in a text field still edits the text."""
    return shortcut_action(
        table,
        text,
        QKeySequence.StandardKey.Delete,
        slot,
        context=Qt.ShortcutContext.WidgetShortcut,
    )


def set_role(widget: QWidget, role: str) -> None:
    """Set the ``role`` property the app's style sheet colours by ("" removes it) and, if
    the widget is already styled, style it again so the change shows."""
    value = role or None
    if widget.property("role") == value:
        return
    widget.setProperty("role", value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def text_side(widget: QWidget, lines: float = 1.0, extra: int = 10) -> int:
    """A size in pixels that grows with the widget's font: ``lines`` lines of text plus
    ``extra`` pixels (for badges and buttons that must fit their text at any scaling)."""
    return round(widget.fontMetrics().height() * lines) + extra


def text_width(widget: QWidget, characters: float) -> int:
    """The width of about ``characters`` average characters in the widget's font."""
    return round(widget.fontMetrics().averageCharWidth() * characters)


class ToneItem(QTableWidgetItem):
    """A table cell coloured by the names of palette colours (``style.Palette`` fields),
    read whenever the table paints, so a change of light or dark mode shows at once."""

    def __init__(self, text: str, *, foreground: str = "", background: str = "") -> None:
        super().__init__(text)
        # Not "foreground"/"background": those are QTableWidgetItem's own methods.
        self.foreground_tone = foreground
        self.background_tone = background

    def data(self, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground_tone:
            return style.qcolor(self.foreground_tone)
        if role == Qt.ItemDataRole.BackgroundRole and self.background_tone:
            return style.qcolor(self.background_tone)
        return super().data(role)

    def clone(self) -> ToneItem:
        item = ToneItem(
            self.text(), foreground=self.foreground_tone, background=self.background_tone
        )
        item.setFont(self.font())
        item.setToolTip(self.toolTip())
        return item


class HtmlView(QTextBrowser):
    """A read-only view of HTML from the app (never from the user unescaped), styled by
    ``style.html_css``: its HTML names classes, not colours. When the light or dark palette
    changes, the HTML is laid out again in the new colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._html = ""
        self._scheme = ""

    def setHtml(self, html: str) -> None:  # noqa: N802 - Qt's name
        self._html = html
        self._scheme = style.current().name
        self.document().setDefaultStyleSheet(style.html_css())
        super().setHtml(html)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
            and self._scheme
            and self._scheme != style.current().name
        ):
            self.setHtml(self._html)


def error_label(object_name: str) -> QLabel:
    """A red message shown under a field; hidden while empty."""
    label = plain_label(object_name=object_name, role="error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class PageHeader(QWidget):
    """The title of a page, one line saying what it is for, and a short tip on why it
    matters (drawn from the advice CS Coach is built on). The tip's ✕ emits
    ``tips_dismissed``: the window hides every page's tip (Help › Show Tips brings them back)."""

    tips_dismissed = Signal()

    def __init__(
        self, title: str, subtitle: str = "", tip: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.has_tip = bool(tip)
        self.title_label = plain_label(title, object_name="pageTitle")
        self.subtitle_label = plain_label(subtitle, object_name="pageSubtitle", wrap=True)
        self.tip_label = plain_label(tip, object_name="pageTipText", wrap=True)
        self.tip_close = QToolButton()
        self.tip_close.setObjectName("tipClose")
        self.tip_close.setText("✕")
        self.tip_close.setAutoRaise(True)
        self.tip_close.setToolTip("Hide the tips (Help › Show Tips brings them back)")
        self.tip_close.setAccessibleName("Hide the tips")
        self.tip_close.clicked.connect(lambda _=False: self.tips_dismissed.emit())
        self.tip_box = QFrame()
        self.tip_box.setObjectName("pageTip")
        hbox((self.tip_label, 1), self.tip_close, parent=self.tip_box, margins=(8, 4, 2, 4))
        vbox(
            self.title_label,
            self.subtitle_label,
            self.tip_box,
            parent=self,
            margins=(0, 0, 0, 6),
            spacing=4,
        )
        # Only once they have a parent: setVisible(True) on a label without one would
        # show it as a window of its own for a moment.
        self.subtitle_label.setVisible(bool(subtitle))
        self.tip_box.setVisible(self.has_tip)

    def show_tip(self, shown: bool) -> None:
        self.tip_box.setVisible(shown and self.has_tip)


class GrowingText(QPlainTextEdit):
    """A note that wraps and grows with what is typed (``least`` to ``most`` lines, then it
    scrolls), saved like a one-line field: ``editingFinished`` when the focus leaves."""

    editingFinished = Signal()

    def __init__(self, object_name: str, placeholder: str, least: int = 1, most: int = 6) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.least, self.most = least, most
        self.textChanged.connect(self._fit)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLineEdit's
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)  # a long note shows its beginning

    def _fit(self) -> None:
        wanted = round(self.document().size().height())  # lines, wrapped at this width
        lines = max(self.least, min(self.most, wanted))
        margin = round(self.document().documentMargin() * 2)
        height = text_side(self, lines, margin + 4) + 2 * self.frameWidth()
        if self.height() != height:
            self.setFixedHeight(height)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if wanted > self.most
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()  # a narrower field wraps into more lines

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.editingFinished.emit()


def unsort(table: QTableView) -> None:
    """Show a record table in its records' own order again (before moving a row up or
    down: a move makes sense only in that order)."""
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)


def record_table(
    model: QAbstractItemModel, object_name: str, *, multi_select: bool = False
) -> QTableView:
    """A read-only table of records, one row per record, as every page shows them."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(text_side(table, 1, 16))  # 30 px at 9 pt
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    if getattr(model, "sortable", False):  # a click on a heading sorts by it
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # at first: as read
        table.setSortingEnabled(True)
        # no arrow: it would take room from every heading on a small screen (the order
        # shows itself, and a second click turns it round)
        header.setSortIndicatorShown(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class EmptyState(QFrame):
    """What a list shows when it has nothing in it: what it is for, and the first action."""

    def __init__(self, text: str, *buttons: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.text_label = plain_label(text, object_name="emptyText")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.text_label)
        layout.addSpacing(12)
        for button in buttons:
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


def action_button(label: str, object_name: str, slot, tooltip: str = "") -> QPushButton:  # noqa: ANN001
    """A push button wired to ``slot``."""
    push = push_button(label, object_name, tooltip)
    push.clicked.connect(lambda _checked=False: slot())
    return push
