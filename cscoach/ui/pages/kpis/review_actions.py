"""The actions part of the Monthly Review tab: what was due by the month reviewed, ticked off
there and then; what is due in the month after; the actions done about a month ago that ask
"did it help?"; and a new action written at the review, saved as a real action (its source
is the review) with who and by when.

Every tick and answer is one model write (one step of Undo); the panel reads the actions
again after each, and emits ``changed``. ``open_requested(id)`` shows an action on the
Actions page.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from cscoach.model import action_loop, actions, actions_edit
from cscoach.model.actions import Action, Source
from cscoach.model.actions_edit import ActionInput
from cscoach.model.errors import ValidationError
from cscoach.model.months import month_label
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.actions.links import state_text
from cscoach.ui.record_editor import READ_ONLY_TIP, run_write
from cscoach.ui.widgets import (
    STRETCH,
    error_label,
    hbox,
    line_edit,
    plain_label,
    push_button,
    show_message,
    text_side,
    text_width,
    vbox,
)

ID = Qt.ItemDataRole.UserRole


def _row_text(action: Action) -> str:
    state = state_text(action)
    return f"{action.title} — {action.owner_label}, {state[:1].lower()}{state[1:]}"


class FittedList(QListWidget):
    """A list that asks for room for its rows as they wrap at its width (``most`` rows at
    the most: then it scrolls), so the review reads as a page rather than a few boxes that
    scroll or a box of blank lines. Before it has a width, two lines a row."""

    SIDE = 40  # px of a row beside its text: the tick box and the padding, and to spare

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most
        self._fitted = 0

    def fitted_height(self) -> int:
        shown = [self.item(row) for row in range(min(self.count(), self.most))]
        room = self.viewport().width() - self.SIDE
        if not shown or room < text_width(self, 20):
            return max(1, len(shown)) * text_side(self, 2, 10) + 2 * self.frameWidth()
        metrics = self.fontMetrics()
        padding = max(self.sizeHintForRow(0) - metrics.height(), 4)
        wrap = Qt.TextFlag.TextWordWrap
        rows = sum(
            metrics.boundingRect(0, 0, room, 10_000, wrap, item.text()).height() + padding
            for item in shown
        )
        return rows + 2 * self.frameWidth() + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.fitted_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        fitted = self.fitted_height()  # wider, a row takes fewer lines
        if fitted != self._fitted:
            self._fitted = fitted
            self.updateGeometry()


def _list(object_name: str, name: str, most: int) -> FittedList:
    items = FittedList(most)
    items.setObjectName(object_name)
    items.setAccessibleName(name)
    items.setWordWrap(True)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    items.setMinimumHeight(text_side(items, 2, 6))
    return items


class ReviewActions(QWidget):
    changed = Signal()
    open_requested = Signal(int)  # an action, on the Actions page

    def __init__(self, wb: Workbook, today: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.fixed_today = today
        self.month: str | None = None
        self._filling = False

        self.tick_title = plain_label(object_name="reviewTickTitle", role="strong")
        self.tick_list = _list("reviewTicks", "Actions to tick off", 10)
        self.tick_list.itemChanged.connect(self._ticked)
        self.tick_empty = plain_label(role="hint", wrap=True)
        self.coming_title = plain_label(role="strong")
        self.coming_list = _list("reviewComing", "Actions due next month", 6)
        self.coming_empty = plain_label("Nothing due yet.", role="hint")
        self.helped_title = plain_label(
            "Done a month ago — did it help?", object_name="reviewHelpedTitle", role="strong"
        )
        self.helped_list = _list("reviewHelped", "Actions to ask about", 2)
        self.helped_buttons = [
            push_button(actions.HELPED_LABELS[answer], f"helped_{answer.replace(' ', '_')}")
            for answer in actions.HELPED_ANSWERS
        ]
        for button, answer in zip(self.helped_buttons, actions.HELPED_ANSWERS, strict=True):
            button.clicked.connect(lambda _=False, a=answer: self.answer_helped(a))
        self.helped_row = hbox(*self.helped_buttons, STRETCH, spacing=6)
        for items in (self.tick_list, self.coming_list, self.helped_list):
            items.itemDoubleClicked.connect(lambda item: self.open_requested.emit(item.data(ID)))

        self.new_title = line_edit("reviewNewAction", "A new action — press Enter to add it")
        self.new_title.setAccessibleName("New action")
        self.new_title.returnPressed.connect(self.add_action)
        self.new_owner = QComboBox()
        self.new_owner.setObjectName("reviewNewOwner")
        self.new_owner.setAccessibleName("Who does it")
        self.new_owner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.new_owner.setMinimumContentsLength(8)
        self.new_due = line_edit("reviewNewDue", "due YYYY-MM-DD")
        self.new_due.setAccessibleName("Due")
        self.new_due.setMaximumWidth(text_width(self.new_due, 14))
        self.new_due.returnPressed.connect(self.add_action)
        self.add_button = push_button("Add", "reviewAddAction", "Add it to the actions")
        self.add_button.clicked.connect(self.add_action)
        self.error = error_label("reviewActionError")
        self.said = plain_label(object_name="reviewActionSaid", role="feedback", wrap=True)
        self.said.hide()  # shown with something to say

        self.tick_hint = plain_label(
            "Tick what got done; double-click one to open it.", role="hint", wrap=True
        )
        left = QWidget()
        vbox(
            self.tick_title,
            self.tick_hint,
            self.tick_list,
            self.tick_empty,
            STRETCH,  # the lists as tall as their rows (``FittedList``), the room left under
            parent=left,
        )
        right = QWidget()
        vbox(
            self.coming_title,
            self.coming_list,
            self.coming_empty,
            self.helped_title,
            self.helped_list,
            self.helped_row,
            plain_label("What we will do next", role="strong"),
            self.new_title,
            hbox((self.new_owner, 1), self.new_due, self.add_button, spacing=6),
            self.error,
            self.said,
            STRETCH,
            parent=right,
        )
        hbox((left, 1), (right, 1), parent=self, spacing=16)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    def show_month(self, month: str) -> None:
        """Show the actions of the review of ``month``."""
        self.month = month
        found = action_loop.review_actions(self.wb, month, self.today)
        self._filling = True
        try:
            self.tick_list.clear()
            for action in found.to_tick:
                item = QListWidgetItem(_row_text(action))
                item.setData(ID, action.id)
                item.setToolTip(action.source_text or action.title)
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if self.wb.read_only or action.status == actions.DROPPED:
                    flags &= ~Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                done = action.status == actions.DONE
                item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
                self.tick_list.addItem(item)
        finally:
            self._filling = False
        self.tick_list.updateGeometry()  # its rows changed: the room it asks for too
        self.tick_title.setText(f"Due by the end of {month_label(month)}")
        self.tick_empty.setText("Nothing was due." if not found.to_tick else "")
        self.tick_empty.setVisible(not found.to_tick)
        self.tick_list.setVisible(bool(found.to_tick))  # not an empty white box
        self.tick_hint.setVisible(bool(found.to_tick))
        self.coming_title.setText(f"Due in {month_label(found.coming_month)}")
        self._fill(self.coming_list, found.coming)
        self.coming_empty.setVisible(not found.coming)
        self.coming_list.setVisible(bool(found.coming))
        self._fill(self.helped_list, found.did_it_help)
        self._fit_height(self.helped_list, 2)
        self.helped_title.setVisible(bool(found.did_it_help))
        self.helped_list.setVisible(bool(found.did_it_help))
        for button in self.helped_buttons:
            button.setVisible(bool(found.did_it_help))
            button.setEnabled(not self.wb.read_only)
        self._fill_owners()
        if not self.new_due.text():
            self.new_due.setText(action_loop.month_bounds(found.coming_month)[1])
        for edit in (self.new_title, self.new_due):
            edit.setReadOnly(self.wb.read_only)
        self.new_owner.setEnabled(not self.wb.read_only)
        self.add_button.setEnabled(not self.wb.read_only)
        if self.wb.read_only:
            self.new_title.setToolTip(READ_ONLY_TIP)

    def _fill(self, items: QListWidget, shown: tuple[Action, ...]) -> None:
        items.clear()
        for action in shown:
            item = QListWidgetItem(_row_text(action))
            item.setData(ID, action.id)
            item.setToolTip(action.source_text or action.title)
            items.addItem(item)
        if shown and items is self.helped_list:
            items.setCurrentRow(0)  # the one Yes / Not yet / No answers for
        items.updateGeometry()

    def _fit_height(self, items: QListWidget, most: int) -> None:
        """Room for its rows, two lines each (``most`` rows at the most: then it scrolls)."""
        rows = max(1, min(items.count(), most))
        items.setFixedHeight(rows * text_side(items, 2, 6) + 2 * items.frameWidth())

    def _fill_owners(self) -> None:
        keep = self.new_owner.currentData()
        self.new_owner.clear()
        for owner_id, label in actions.owner_choices(self.wb):
            self.new_owner.addItem(label, actions.OWNER if owner_id is None else owner_id)
        self.new_owner.setCurrentIndex(max(self.new_owner.findData(keep), 0))

    # -- writing ---------------------------------------------------------------------

    def _ticked(self, item: QListWidgetItem) -> None:
        """A tick: done today (an untick: back to planned)."""
        if self._filling or self.month is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        action_id = int(item.data(ID))
        status = actions.DONE if done else actions.PLANNED
        if run_write(
            self,
            "tick off this action",
            lambda: actions_edit.set_status(
                self.wb, action_id, status, today=self.today, resolve_complaint=done
            ),
        ):
            title = actions.get_action(self.wb, action_id).title
            self.say(f"“{title}” is done." if done else f"“{title}” is open again.")
        self._written()

    def answer_helped(self, answer: str) -> None:
        item = self.helped_list.currentItem()
        if item is None or self.wb.read_only:
            return
        action_id = int(item.data(ID))
        if run_write(
            self,
            "keep the answer",
            lambda: actions_edit.answer_helped(self.wb, action_id, answer, today=self.today),
        ):
            self.say(f"Kept: {actions.HELPED_LABELS[answer].lower()}.")
        self._written()

    def add_action(self) -> None:
        """Add the action written here (its source: this review)."""
        if self.month is None or self.wb.read_only:
            return
        owner = self.new_owner.currentData()
        data = ActionInput(
            title=self.new_title.text(),
            source=Source.review(self.month),
            owner_id=None if owner in (None, actions.OWNER) else int(owner),
            due_on=self.new_due.text().strip() or None,
        )
        try:
            actions_edit.add_action(self.wb, data, today=self.today)
        except ValidationError as exc:
            show_message(self.error, exc.message)
            return
        show_message(self.error, "")
        self.new_title.clear()
        self.say(f"Added “{data.title.strip()}” to the actions.")
        self._written()
        self.new_title.setFocus()

    def say(self, text: str) -> None:
        show_message(self.said, text)

    def _written(self) -> None:
        if self.month is not None:
            said = self.said.text()
            self.show_month(self.month)
            self.say(said)
        self.changed.emit()
