"""The form half of every list + form: ``Field``, one widget of a form with how to read and
fill it and where its refusals show. ``RecordEditor`` (``cscoach.ui.record_editor``) saves
the form as the owner types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QMargins,
    QObject,
    Qt,
    SignalInstance,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from cscoach.ui import autosave
from cscoach.ui.widgets import (
    STRETCH,
    LayoutItem,
    plain_label,
    push_button,
    text_side,
    text_width,
    vbox,
)

Values = dict[str, Any]


# -- the form -----------------------------------------------------------------------------


class _LeaveFilter(QObject):
    """Calls ``left`` when its widget loses the focus (a text box has no signal for it)."""

    def __init__(self, widget: QWidget, left: Callable[[], None]) -> None:
        super().__init__(widget)
        self.left = left
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self.left()
        return False


class Field:
    """One field of a form: its widget, how to read and fill it, and the label its
    refusals are shown in. ``typed`` fields save after a pause; the others (a tick, a
    choice) save at once. A widget of the app's own (a rating) names the ``signal`` it
    emits at each change."""

    def __init__(
        self,
        name: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        error: QLabel | None = None,
        *,
        typed: bool,
        signal: SignalInstance | None = None,
    ) -> None:
        self.name, self.widget, self.get, self.put, self.error = name, widget, get, put, error
        self.typed = typed
        self.signal = signal
        self._leave_filter: _LeaveFilter | None = None

    @classmethod
    def line(cls, name: str, edit: QLineEdit, error: QLabel | None = None) -> Field:
        return cls(name, edit, edit.text, lambda v: edit.setText(v or ""), error, typed=True)

    @classmethod
    def text(cls, name: str, edit: QPlainTextEdit, error: QLabel | None = None) -> Field:
        def put(value: Any) -> None:
            if edit.toPlainText() != (value or ""):
                edit.setPlainText(value or "")

        return cls(name, edit, edit.toPlainText, put, error, typed=True)

    @classmethod
    def check(cls, name: str, box: QCheckBox, error: QLabel | None = None) -> Field:
        return cls(name, box, box.isChecked, lambda v: box.setChecked(bool(v)), error, typed=False)

    @classmethod
    def choice(cls, name: str, combo: QComboBox, error: QLabel | None = None) -> Field:
        """A drop-down whose items carry their value as data."""

        def put(value: Any) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0) if combo.count() else -1)

        return cls(name, combo, combo.currentData, put, error, typed=False)

    @classmethod
    def editable_choice(cls, name: str, combo: QComboBox, error: QLabel | None = None) -> Field:
        """A drop-down the owner may also type in (a section: an existing one or a new
        one); its text is the value, saved after a pause, on Enter, on leaving, on a pick."""

        def put(value: Any) -> None:
            combo.setCurrentText(value or "")

        return cls(name, combo, combo.currentText, put, error, typed=True)

    @classmethod
    def ticks(cls, name: str, items: QListWidget, error: QLabel | None = None) -> Field:
        """A list of items to tick, each carrying its value as data (``UserRole``): the
        value is the sorted tuple of those ticked, saved at each tick."""

        def rows() -> list[QListWidgetItem]:
            return [items.item(row) for row in range(items.count())]

        def get() -> tuple[Any, ...]:
            ticked = [i for i in rows() if i.checkState() == Qt.CheckState.Checked]
            return tuple(sorted(i.data(Qt.ItemDataRole.UserRole) for i in ticked))

        def put(value: Any) -> None:
            for item in rows():
                ticked = item.data(Qt.ItemDataRole.UserRole) in (value or ())
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

        return cls(name, items, get, put, error, typed=False)

    @classmethod
    def number(cls, name: str, spin: QSpinBox, error: QLabel | None = None) -> Field:
        """A whole number, typed or stepped: saved after a pause and on leaving."""
        return cls(name, spin, spin.value, lambda v: spin.setValue(int(v or 0)), error, typed=True)

    def connect(self, edited: Callable[[], None], left: Callable[[], None]) -> None:
        widget = self.widget
        if self.signal is not None:
            self.signal.connect(lambda *_args: edited())
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(edited)
            widget.editingFinished.connect(left)
            widget.returnPressed.connect(left)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(edited)
            self._leave_filter = _LeaveFilter(widget, left)  # leaving the text saves it
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.editTextChanged.connect(lambda _text: edited())
            widget.activated.connect(lambda _index: left())
            line_edit = widget.lineEdit()
            assert line_edit is not None  # an editable combo box has one
            line_edit.editingFinished.connect(left)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(left)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(lambda _item: left())
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(lambda _value: edited())
            widget.editingFinished.connect(left)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(left)

    def set_read_only(self, tip: str) -> None:
        widget = self.widget
        if isinstance(widget, QLineEdit | QPlainTextEdit | QSpinBox):
            widget.setReadOnly(True)
        else:
            widget.setEnabled(False)
        widget.setToolTip(tip)


def with_error(widget: QWidget, error: QLabel, *more: QWidget) -> QWidget:
    """A field's widget with the label its refusals are shown in under it, and ``more``
    under that (a hint, a link), for a form."""
    box = QWidget()
    vbox(widget, error, *more, parent=box, spacing=3)
    return box


FormRow = tuple[str, QWidget | QLayout]


def form_layout(
    *rows: FormRow, spacing: tuple[int, int] = (12, 8), wrap: bool = False
) -> QFormLayout:
    """Labelled fields as every form lays them out: labels on the left (over the field with
    ``wrap``, when the form is narrow), fields growing to the form's width. ``spacing`` is
    (between label and field, between rows)."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    if wrap:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setHorizontalSpacing(spacing[0])
    form.setVerticalSpacing(spacing[1])
    for label, field in rows:
        form.addRow(label, field)
    return form


class FormPanel(QFrame):
    """The panel a record's form is drawn on (styled as "detailPanel"). Its ``forms`` lay
    each label beside its field when the panel is wide enough (with ``spare_characters``
    more for the fields), else over it: on a small screen, where the list beside the form
    takes the room. In a ``FormScroll``, that follows the width the panel is given."""

    spare_characters = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.forms: list[QFormLayout] = []

    def add_parts(self, name: str) -> None:
        """The parts under a record's form: the save status, Delete… (this ``name``) and
        the line that says what was just done."""
        self.save_status = autosave.status_label(
            f"{name}SaveStatus", "Changes are saved as you type them"
        )
        self.delete_button = push_button(
            "Delete…", f"delete{name.capitalize()}Button", f"Delete this {name}"
        )
        self.feedback_label = plain_label(object_name=f"{name}Feedback", role="feedback", wrap=True)

    def lay_out(self, *items: LayoutItem, spacing: int = 8) -> None:
        """The panel's parts, top to bottom (see ``widgets.fill``), with room left below."""
        vbox(*items, STRETCH, parent=self, margins=(18, 14, 18, 14), spacing=spacing)

    def fit_width(self, width: int) -> None:
        """Lay the forms out for ``width`` pixels."""
        labels = fields = spacing = 0
        for form in self.forms:
            spacing = max(spacing, form.horizontalSpacing())
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is not None and not label.isEmpty():
                    labels = max(labels, label.sizeHint().width())
                if field is not None and not field.isEmpty():
                    fields = max(fields, field.minimumSize().width())
        outer = self.layout()
        margins = outer.contentsMargins() if outer is not None else QMargins()
        beside = margins.left() + margins.right() + labels + spacing + fields
        beside += text_width(self, self.spare_characters)
        policy = (
            QFormLayout.RowWrapPolicy.DontWrapRows
            if width >= beside
            else QFormLayout.RowWrapPolicy.WrapAllRows
        )
        for form in self.forms:
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)


class FormScroll(QScrollArea):
    """``form`` scrolling up and down, at least ``least`` average characters wide, laid out
    for the room beside a scroll bar, shown or not: the layout chosen for a width is the
    same whether the form is tall enough to scroll or not."""

    def __init__(self, form: FormPanel, object_name: str, least: int) -> None:
        super().__init__()
        self.form = form
        self.setObjectName(object_name)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(text_width(form, least))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # also called as the viewport is resized: use our width
        bar = self.verticalScrollBar().sizeHint().width()
        self.form.fit_width(self.width() - 2 * self.frameWidth() - bar)


# -- lists to tick -------------------------------------------------------------------------


def tick_list(object_name: str, tip: str, rows: int) -> QListWidget:
    """A list to tick, as tall as its rows up to ``rows`` (``fit_rows`` after filling)."""
    items = QListWidget()
    items.setObjectName(object_name)
    items.setToolTip(tip)
    items.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    items.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole name in its tooltip
    items.setProperty("most_rows", rows)
    fit_rows(items)
    return items


def fit_rows(items: QListWidget) -> None:
    """As tall as the list's rows, up to its most (then it scrolls)."""
    rows = max(1, min(items.count(), int(items.property("most_rows"))))
    row = items.sizeHintForRow(0) if items.count() else -1
    height = row * rows if row > 0 else text_side(items, rows * 1.45, 0)
    items.setFixedHeight(height + 2 * items.frameWidth() + 4)


def fill_ticks(items: QListWidget, rows: list[tuple[str, int, str]], flags: Qt.ItemFlag) -> None:
    """Put these (name, id, note) rows in a tick list, keeping the ticks."""
    ticked = {
        items.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(items.count())
        if items.item(r).checkState() == Qt.CheckState.Checked
    }
    items.clear()
    for name, item_id, note in rows:
        item = QListWidgetItem(f"{name} ({note})" if note else name)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setToolTip(name)
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Checked if item_id in ticked else Qt.CheckState.Unchecked)
        items.addItem(item)
