"""The detail form of the Standards page, and the dialog that marks several standards reviewed.

The form is only widgets: it shows one standard (or a blank one), reports what the user
typed as ``FormValues`` and shows the model's messages under the field they name. The
page does the writing, as the owner types (there is no Save button: ``save_status`` says
"Saved." or "Not saved." where it was).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import standards
from cscoach.model.dates import long_date
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.philosophy import CoreValue
from cscoach.model.standards import Category, Review, Standard, StandardInput
from cscoach.model.team import TeamMember
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.widgets import error_label, plain_label, show_message, text_side, text_width

NONE = 0  # the data of "None" / "No owner" items (ids start at 1)
DEFAULT_REVIEW_MONTHS = int(StandardInput.review_months)
NO_VALUES_TEXT = "No core values yet — add them on the Philosophy page."
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."


@dataclass(frozen=True)
class Kpi:
    id: int
    name: str


@dataclass(frozen=True)
class FormValues:
    """What the form holds; compared with what was loaded to know whether it changed."""

    title: str = ""
    detail: str = ""
    category_id: int | None = None
    value_ids: tuple[int, ...] = ()
    kpi_id: int | None = None
    owner_id: int | None = None
    review_months: int = DEFAULT_REVIEW_MONTHS
    last_reviewed: str = ""
    on_poster: bool = False

    @classmethod
    def of(cls, standard: Standard) -> FormValues:
        return cls(
            title=standard.title,
            detail=standard.detail,
            category_id=standard.category_id,
            value_ids=tuple(sorted(standard.value_ids)),
            kpi_id=standard.kpi_id,
            owner_id=standard.owner_id,
            review_months=standard.review_months,
            last_reviewed=standard.last_reviewed or "",
            on_poster=standard.on_poster,
        )

    def to_input(self, *, active: bool = True) -> StandardInput:
        if self.category_id is None:
            raise ValidationError("category", "Choose a category.")
        return StandardInput(
            title=self.title,
            category_id=self.category_id,
            detail=self.detail,
            value_ids=self.value_ids,
            kpi_id=self.kpi_id,
            owner_id=self.owner_id,
            review_months=self.review_months,
            on_poster=self.on_poster,
            active=active,
        )


def _data(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if value else None


def _select_data(combo: QComboBox, value: int | None) -> None:
    index = combo.findData(value or NONE)
    combo.setCurrentIndex(max(index, 0))


def _compact_combo(combo: QComboBox, object_name: str) -> QComboBox:
    """A combo that does not grow with a very long name (nor keeps the form wide on a
    small screen: it grows with the form)."""
    combo.setObjectName(object_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def review_line(review: Review) -> str:
    line = long_date(review.reviewed_on)
    if review.reviewed_by:
        line += f" · {review.reviewed_by}"
    return f"{line} — {review.note}" if review.note else line


class _FocusOut(QObject):
    """Calls back when the watched widget loses focus (QPlainTextEdit has no editingFinished)."""

    def __init__(self, callback, parent: QObject) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class StandardForm(QFrame):
    """Title, detail, category, values, KPI, owner, review interval, last reviewed, poster,
    and the review history of one standard."""

    save_requested = Signal()  # Enter in a one-line field: the page saves at once
    field_left = Signal()  # a field was left or a choice made: the page saves at once
    edited = Signal()  # anything changed: the page saves after a pause in typing
    add_category_requested = Signal(str)
    value_link_requested = Signal(int)  # show this core value on the Philosophy page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self._loading = False
        self._members: list[TeamMember] = []
        self._kpis: list[Kpi] = []
        self._read_only = False

        self.form_title = plain_label(object_name="formTitle")
        self.form_title.setWordWrap(True)
        self.status_label = plain_label(object_name="standardStatus", role="hint")
        self.status_label.setWordWrap(True)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("e.g. Greet every customer within 30 seconds")
        self.title_edit.setToolTip(
            "A short, concrete behaviour anyone could check, for example "
            "“Greet every customer within 30 seconds”. Enter saves."
        )
        self.title_edit.returnPressed.connect(self.save_requested)
        self.title_edit.editingFinished.connect(self._left)
        self.title_edit.textChanged.connect(self._edited)

        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setObjectName("detailEdit")
        self.detail_edit.setPlaceholderText("What it looks like in practice")
        self.detail_edit.setTabChangesFocus(True)
        self.detail_edit.setFixedHeight(74)
        self.detail_edit.textChanged.connect(self._edited)
        self.detail_edit.installEventFilter(_FocusOut(self._left, self))

        self.category_combo = _compact_combo(QComboBox(), "categoryCombo")
        self.category_combo.activated.connect(self._left)
        self.category_combo.currentIndexChanged.connect(self._edited)
        self.add_category_button = QPushButton("New…")
        self.add_category_button.setObjectName("addCategoryButton")
        self.add_category_button.setToolTip("Add a category of your own")
        self.add_category_button.clicked.connect(lambda: self.show_category_editor(True))
        self.new_category_edit = QLineEdit()
        self.new_category_edit.setObjectName("newCategoryEdit")
        self.new_category_edit.setPlaceholderText("Name of the new category")
        self.new_category_edit.returnPressed.connect(self._request_category)
        self.new_category_ok = QPushButton("Add")
        self.new_category_ok.setObjectName("addCategoryOkButton")
        self.new_category_ok.clicked.connect(self._request_category)
        self.new_category_cancel = QPushButton("Cancel")
        self.new_category_cancel.setObjectName("addCategoryCancelButton")
        self.new_category_cancel.clicked.connect(lambda: self.show_category_editor(False))

        self.values_list = QListWidget()
        self.values_list.setObjectName("valuesList")
        # As tall as its values (measured once styled, at any font size), up to about five.
        self.values_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.values_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.values_list.setMaximumHeight(text_side(self.values_list, 5, 56))
        self.values_list.setToolTip("Tick the core values this standard serves")
        self.values_list.itemChanged.connect(self._value_ticked)
        self.values_empty = plain_label(NO_VALUES_TEXT, object_name="valuesEmpty", role="hint")
        self.values_empty.setWordWrap(True)

        self.kpi_combo = _compact_combo(QComboBox(), "kpiCombo")
        self.kpi_combo.setToolTip("The KPI that shows whether this standard is met, if any")
        self.kpi_combo.activated.connect(self._left)
        self.kpi_combo.currentIndexChanged.connect(self._edited)

        self.owner_combo = _compact_combo(QComboBox(), "ownerCombo")
        self.owner_combo.setToolTip("The team member who looks after this standard")
        self.owner_combo.activated.connect(self._left)
        self.owner_combo.currentIndexChanged.connect(self._edited)

        # The range is wider than the model allows so the model's message is what the user sees.
        self.interval_spin = QSpinBox()
        self.interval_spin.setObjectName("intervalSpin")
        self.interval_spin.setRange(0, 999)
        self.interval_spin.setValue(DEFAULT_REVIEW_MONTHS)
        self.interval_spin.setToolTip("How often to review it: 1 to 60 months")
        self.interval_spin.editingFinished.connect(self._left)
        self.interval_spin.valueChanged.connect(self._edited)

        self.last_reviewed_edit = QLineEdit()
        self.last_reviewed_edit.setObjectName("lastReviewedEdit")
        self.last_reviewed_edit.setPlaceholderText("YYYY-MM-DD, or leave empty")
        self.last_reviewed_edit.setToolTip(
            "The day it was last reviewed, written YYYY-MM-DD. A later date than the last "
            "review is recorded as a review; earlier reviews stay in the history."
        )
        self.last_reviewed_edit.returnPressed.connect(self.save_requested)
        self.last_reviewed_edit.editingFinished.connect(self._left)
        self.last_reviewed_edit.textChanged.connect(self._edited)

        self.poster_check = QCheckBox("Show on the break-room poster")
        self.poster_check.setObjectName("posterCheck")
        self.poster_check.toggled.connect(self._edited)
        self.poster_check.clicked.connect(self._left)

        self.history_list = QListWidget()
        self.history_list.setObjectName("historyList")
        self.history_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_list.setWordWrap(True)
        self.history_list.setFixedHeight(92)
        self.history_empty = plain_label(object_name="historyEmpty", role="hint")
        self.history_empty.setWordWrap(True)

        self.errors = {
            field: error_label(f"{field}Error")
            for field in (
                "title",
                "detail",
                "category",
                "values",
                "kpi",
                "owner",
                "review_months",
                "last_reviewed",
            )
        }
        self.form_error = error_label("formError")

        self.save_status = autosave.status_label(
            "standardSaveStatus", "Changes are saved as you type them"
        )
        self.save_status.setMinimumWidth(text_width(self, len(autosave.NOT_SAVED) + 2))
        self.retire_button = QPushButton("Retire")
        self.retire_button.setObjectName("retireButton")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteStandardButton")
        self.feedback_label = plain_label(object_name="feedbackLabel", role="feedback")
        self.feedback_label.setWordWrap(True)

        self._lay_out()
        label_form_fields(self)

    # -- layout ----------------------------------------------------------------

    def _lay_out(self) -> None:
        def field(*widgets: QWidget | QHBoxLayout) -> QWidget:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(3)
            for widget in widgets:
                if isinstance(widget, QHBoxLayout):
                    layout.addLayout(widget)
                else:
                    layout.addWidget(widget)
            return box

        category_row = QHBoxLayout()
        category_row.setSpacing(6)
        category_row.addWidget(self.category_combo, 1)
        category_row.addWidget(self.add_category_button)
        self.category_editor = QWidget()
        editor_row = QHBoxLayout(self.category_editor)
        editor_row.setContentsMargins(0, 0, 0, 0)
        editor_row.setSpacing(6)
        editor_row.addWidget(self.new_category_edit, 1)
        editor_row.addWidget(self.new_category_ok)
        editor_row.addWidget(self.new_category_cancel)
        self.category_editor.hide()

        interval_row = QHBoxLayout()
        interval_row.setSpacing(6)
        interval_row.addWidget(self.interval_spin)
        interval_row.addWidget(QLabel("months"))
        interval_row.addStretch(1)

        form = QFormLayout()
        self.form_layout = form  # its labels go over the fields when it is narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.addRow("&Title", field(self.title_edit, self.errors["title"]))
        form.addRow("&Detail", field(self.detail_edit, self.errors["detail"]))
        form.addRow(
            "&Category",
            field(category_row, self.category_editor, self.errors["category"]),
        )
        self.value_link = QPushButton("What do these values mean? ›")
        self.value_link.setObjectName("valueLink")
        self.value_link.setProperty("role", "link")
        self.value_link.setToolTip("Open the first ticked value on the Philosophy page")
        self.value_link.clicked.connect(self._open_value)
        form.addRow(
            "&Values",
            field(self.values_list, self.value_link, self.values_empty, self.errors["values"]),
        )
        form.addRow("&KPI", field(self.kpi_combo, self.errors["kpi"]))
        form.addRow("&Owner", field(self.owner_combo, self.errors["owner"]))
        form.addRow("&Review every", field(interval_row, self.errors["review_months"]))
        form.addRow("&Last reviewed", field(self.last_reviewed_edit, self.errors["last_reviewed"]))
        form.addRow("", self.poster_check)
        for row, buddy in (
            (0, self.title_edit),
            (1, self.detail_edit),
            (2, self.category_combo),
            (3, self.values_list),
            (4, self.kpi_combo),
            (5, self.owner_combo),
            (6, self.interval_spin),
            (7, self.last_reviewed_edit),
        ):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.save_status)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        history_title = plain_label("Review history", object_name="historyTitle")
        history_title.setStyleSheet("font-weight: 600;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.form_title)
        layout.addWidget(self.status_label)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback_label)
        layout.addSpacing(4)
        layout.addWidget(history_title)
        layout.addWidget(self.history_list)
        layout.addWidget(self.history_empty)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def fit_width(self, width: int) -> None:
        """Lay the form out for ``width`` pixels: each label beside its field if they fit,
        else over it (on a small screen, where the list of standards takes the room)."""
        form = self.form_layout
        labels = fields = 0
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and not label.isEmpty():
                labels = max(labels, label.sizeHint().width())
            if field is not None and not field.isEmpty():
                fields = max(fields, field.minimumSize().width())
        margins = self.layout().contentsMargins()
        beside = margins.left() + margins.right() + labels + form.horizontalSpacing() + fields
        policy = (
            QFormLayout.RowWrapPolicy.DontWrapRows
            if width >= beside
            else QFormLayout.RowWrapPolicy.WrapAllRows
        )
        if form.rowWrapPolicy() != policy:
            form.setRowWrapPolicy(policy)

    # -- choices ---------------------------------------------------------------

    def set_choices(
        self,
        categories: list[Category],
        values: list[CoreValue],
        kpis: list[Kpi],
        members: list[TeamMember],
    ) -> None:
        """Fill the lists to choose from, keeping what is chosen now."""
        keep = self.values()
        self._loading = True
        try:
            self.category_combo.clear()
            for category in categories:
                self.category_combo.addItem(category.name, category.id)
            _select_data(self.category_combo, keep.category_id)

            self.values_list.clear()
            for value in values:
                item = QListWidgetItem(value.name)
                item.setData(Qt.ItemDataRole.UserRole, value.id)
                item.setToolTip(value.meaning or value.name)
                item.setFlags(self._value_flags())
                item.setCheckState(
                    Qt.CheckState.Checked if value.id in keep.value_ids else Qt.CheckState.Unchecked
                )
                self.values_list.addItem(item)
            self.values_list.setVisible(bool(values))
            self.values_empty.setVisible(not values)

            self._kpis = list(kpis)
            self._fill_kpis(keep.kpi_id)

            self._members = list(members)
            self._fill_owners(keep.owner_id)
        finally:
            self._loading = False

    def _fill_owners(self, owner_id: int | None) -> None:
        """ "No owner", the active team, and the owner even if they are no longer active."""
        self.owner_combo.clear()
        self.owner_combo.addItem("No owner", NONE)
        for member in self._members:
            if member.active:
                self.owner_combo.addItem(member.name, member.id)
            elif member.id == owner_id:
                self.owner_combo.addItem(f"{member.name} (no longer active)", member.id)
        _select_data(self.owner_combo, owner_id)

    def _value_flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def keep_kpi(self, kpi_id: int | None, name: str | None) -> None:
        """Offer a KPI no longer tracked when the standard still links to it, so saving
        does not drop the link."""
        self._loading = True
        try:
            self._fill_kpis(kpi_id)
            if kpi_id and self.kpi_combo.findData(kpi_id) < 0:
                self.kpi_combo.addItem(f"{name} (no longer tracked)", kpi_id)
        finally:
            self._loading = False

    def _fill_kpis(self, kpi_id: int | None) -> None:
        self.kpi_combo.clear()
        self.kpi_combo.addItem("None", NONE)
        for kpi in self._kpis:
            self.kpi_combo.addItem(kpi.name, kpi.id)
        _select_data(self.kpi_combo, kpi_id)

    def select_category(self, category_id: int) -> None:
        _select_data(self.category_combo, category_id)

    # -- filling and reading -----------------------------------------------------

    def fill(self, values: FormValues) -> None:
        self._loading = True
        try:
            self.title_edit.setText(values.title)
            self.title_edit.setCursorPosition(0)  # show the start of a long title
            self.detail_edit.setPlainText(values.detail)
            _select_data(self.category_combo, values.category_id)
            for row in range(self.values_list.count()):
                item = self.values_list.item(row)
                ticked = item.data(Qt.ItemDataRole.UserRole) in values.value_ids
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            _select_data(self.kpi_combo, values.kpi_id)
            self._fill_owners(values.owner_id)
            self.interval_spin.setValue(values.review_months)
            self.last_reviewed_edit.setText(values.last_reviewed)
            self.poster_check.setChecked(values.on_poster)
        finally:
            self._loading = False
        self.show_category_editor(False)
        self.clear_errors()

    def _open_value(self) -> None:
        ticked = self.values().value_ids
        first = next(
            (
                int(self.values_list.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.values_list.count())
                if int(self.values_list.item(row).data(Qt.ItemDataRole.UserRole)) in ticked
            ),
            None,
        )
        if first is not None:
            self.value_link_requested.emit(first)

    def values(self) -> FormValues:
        ticked = []
        for row in range(self.values_list.count()):
            item = self.values_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return FormValues(
            title=self.title_edit.text(),
            detail=self.detail_edit.toPlainText(),
            category_id=_data(self.category_combo),
            value_ids=tuple(sorted(ticked)),
            kpi_id=_data(self.kpi_combo),
            owner_id=_data(self.owner_combo),
            review_months=self.interval_spin.value(),
            last_reviewed=self.last_reviewed_edit.text(),
            on_poster=self.poster_check.isChecked(),
        )

    def set_history(self, reviews: list[Review] | None) -> None:
        """The reviews, newest first; None while the standard is not added yet."""
        self.history_list.clear()
        for review in reviews or []:
            item = QListWidgetItem(review_line(review))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.history_list.addItem(item)
        if reviews is None:
            text = "Reviews appear here once the standard is added."
        else:
            text = "" if reviews else "Not reviewed yet. Mark Reviewed… records a review."
        self.history_list.setVisible(bool(reviews))
        self.history_empty.setText(text)
        self.history_empty.setVisible(bool(text))

    # -- messages --------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")

    def show_error(self, exc: ValidationError, *, focus: bool = True) -> None:
        """The model's message under the field it names (elsewhere: under the form)."""
        self.clear_errors()
        show_message(self.errors.get(exc.field, self.form_error), exc.message)
        widget = {
            "title": self.title_edit,
            "detail": self.detail_edit,
            "category": self.category_combo,
            "values": self.values_list,
            "kpi": self.kpi_combo,
            "owner": self.owner_combo,
            "review_months": self.interval_spin,
            "last_reviewed": self.last_reviewed_edit,
        }.get(exc.field)
        if widget is not None and focus:
            widget.setFocus()
            if isinstance(widget, QLineEdit | QSpinBox):
                widget.selectAll()

    # -- the new-category row ----------------------------------------------------

    def show_category_editor(self, show: bool) -> None:
        if show and self._read_only:
            return
        self.category_editor.setVisible(show)
        self.add_category_button.setVisible(not show)
        self.new_category_edit.clear()
        if show:
            self.new_category_edit.setFocus()
        else:
            show_message(self.errors["category"], "")

    def _request_category(self) -> None:
        self.add_category_requested.emit(self.new_category_edit.text())

    # -- read-only -------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in (self.title_edit, self.last_reviewed_edit):
            edit.setReadOnly(read_only)
        self.detail_edit.setReadOnly(read_only)
        self.interval_spin.setReadOnly(read_only)
        for widget in (
            self.category_combo,
            self.kpi_combo,
            self.owner_combo,
            self.poster_check,
            self.add_category_button,
            self.retire_button,
            self.delete_button,
        ):
            widget.setEnabled(not read_only)
            if read_only:
                widget.setToolTip(READ_ONLY_TIP)
        if read_only:
            self.category_editor.hide()
        for row in range(self.values_list.count()):
            self.values_list.item(row).setFlags(self._value_flags())

    # -- signals ---------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _left(self) -> None:
        if not self._loading and not self._read_only:
            self.field_left.emit()

    def _value_ticked(self) -> None:
        if not self._loading:
            self.edited.emit()
            self._left()


class MarkReviewedDialog(QDialog):
    """Marks several standards reviewed in one action: on a date, by someone, with a note.

    The write happens in ``accept``; a ``ValidationError`` is shown under the field it names
    and the dialog stays open.
    """

    def __init__(
        self,
        wb: Workbook,
        chosen: list[Standard],
        members: list[TeamMember],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("markReviewedDialog")
        self.setWindowTitle("Mark Reviewed")
        self.wb = wb
        self.standard_ids = [s.id for s in chosen]

        count = len(chosen)
        heading = plain_label(
            f"Mark {count} standard{'s' if count != 1 else ''} reviewed",
            object_name="dialogHeading",
        )
        names = [f"• {s.title}" for s in chosen[:6]]
        if count > 6:
            names.append(f"and {count - 6} more")
        listed = plain_label("\n".join(names), object_name="reviewedTitles", role="hint")
        listed.setWordWrap(True)

        self.date_edit = QLineEdit((today or dt.date.today()).isoformat())
        self.date_edit.setObjectName("reviewDateEdit")
        self.date_edit.setPlaceholderText("YYYY-MM-DD (empty: today)")
        self.who_combo = _compact_combo(QComboBox(), "reviewedByCombo")
        self.who_combo.addItem("No one in particular", NONE)
        for member in members:
            if member.active:
                self.who_combo.addItem(member.name, member.id)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("reviewNoteEdit")
        self.note_edit.setPlaceholderText("for example: went through them at the team meeting")
        self.errors = {
            "reviewed_on": error_label("reviewDateError"),
            "reviewed_by": error_label("reviewedByError"),
            "note": error_label("reviewNoteError"),
        }
        self.general_error = error_label("reviewError")

        def field(widget: QWidget, error: QLabel) -> QWidget:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(3)
            layout.addWidget(widget)
            layout.addWidget(error)
            return box

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Reviewed &on", field(self.date_edit, self.errors["reviewed_on"]))
        form.addRow("Reviewed &by", field(self.who_combo, self.errors["reviewed_by"]))
        form.addRow("&Note", field(self.note_edit, self.errors["note"]))

        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("Mark Reviewed")
        self.ok_button.setObjectName("markReviewedOkButton")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("markReviewedCancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(listed)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        label_form_fields(self)

    def accept(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            show_message(label, "")
        try:
            standards.mark_reviewed(
                self.wb,
                self.standard_ids,
                on=self.date_edit.text(),
                reviewed_by=_data(self.who_combo),
                note=self.note_edit.text(),
            )
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.general_error), exc.message)
            if exc.field == "last_reviewed":
                self.date_edit.setFocus()
                self.date_edit.selectAll()
            return
        except CsCoachError as exc:
            show_message(self.general_error, exc.message)
            return
        except sqlite3.Error as exc:
            show_message(
                self.general_error,
                f"The workbook could not be written ({exc}). Nothing was changed.",
            )
            return
        super().accept()
