"""The detail form of the Standards page: the widgets that show one standard (or a blank
one), its review history and what customers said of it.

The form is only widgets and the ``Field``s that read and fill them: the page's
``RecordEditor`` saves as the owner types (there is no Save button: ``save_status`` says
"Saved." or "Not saved." where it was) and shows the model's messages under the field they
name. The lists to choose from (categories, values, KPIs, team) come from the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
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

from cscoach.model.dates import long_date
from cscoach.model.kpis import Kpi
from cscoach.model.philosophy import CoreValue
from cscoach.model.standards import Category, Review, StandardInput
from cscoach.model.team import TeamMember
from cscoach.ui import autosave
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.named_feedback import NamedFeedbackPanel
from cscoach.ui.pages.actions.links import ActionsBox
from cscoach.ui.record_editor import READ_ONLY_TIP
from cscoach.ui.record_fields import Field, FormPanel, form_layout
from cscoach.ui.related_tabs import RelatedTabs
from cscoach.ui.widgets import (
    STRETCH,
    action_button,
    error_label,
    hbox,
    plain_label,
    show_message,
    text_side,
)

NONE = 0  # the data of "None" / "No owner" items (ids start at 1)
DEFAULT_REVIEW_MONTHS = int(StandardInput.review_months)
NO_VALUES_TEXT = "No core values yet — add them on the Philosophy page."
FIELDS = (
    "title",
    "detail",
    "category",
    "values",
    "kpi",
    "owner",
    "review_months",
    "last_reviewed",
)


def chosen_id(combo: QComboBox) -> int | None:
    """The id chosen in a drop-down; None for "None" / "No owner"."""
    value = combo.currentData()
    return int(value) if value else None


def compact_combo(combo: QComboBox, object_name: str) -> QComboBox:
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


class StandardForm(FormPanel):
    """Title, detail, category, values, KPI, owner, review interval, last reviewed, poster,
    and the review history of one standard."""

    add_category_requested = Signal(str)
    value_link_requested = Signal(int)  # show this core value on the Philosophy page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[TeamMember] = []
        self._kpis: list[Kpi] = []
        self._read_only = False

        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.status_label = plain_label(object_name="standardStatus", role="hint")
        self.status_label.setWordWrap(True)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("e.g. Greet every customer within 30 seconds")
        self.title_edit.setToolTip(
            "A short, concrete behaviour anyone could check, for example "
            "“Greet every customer within 30 seconds”. Enter saves."
        )

        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setObjectName("detailEdit")
        self.detail_edit.setPlaceholderText("What it looks like in practice")
        self.detail_edit.setTabChangesFocus(True)
        self.detail_edit.setFixedHeight(text_side(self.detail_edit, 3, 14))  # three lines

        self.category_combo = compact_combo(QComboBox(), "categoryCombo")
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
        self.values_empty = plain_label(NO_VALUES_TEXT, object_name="valuesEmpty", role="hint")
        self.values_empty.setWordWrap(True)

        self.kpi_combo = compact_combo(QComboBox(), "kpiCombo")
        self.kpi_combo.setToolTip("The KPI that shows whether this standard is met, if any")

        self.owner_combo = compact_combo(QComboBox(), "ownerCombo")
        self.owner_combo.setToolTip("The team member who looks after this standard")

        # The range is wider than the model allows so the model's message is what the user sees.
        self.interval_spin = QSpinBox()
        self.interval_spin.setObjectName("intervalSpin")
        self.interval_spin.setRange(0, 999)
        self.interval_spin.setValue(DEFAULT_REVIEW_MONTHS)
        self.interval_spin.setToolTip("How often to review it: 1 to 60 months")

        self.last_reviewed_edit = QLineEdit()
        self.last_reviewed_edit.setObjectName("lastReviewedEdit")
        self.last_reviewed_edit.setPlaceholderText("YYYY-MM-DD, or leave empty")
        self.last_reviewed_edit.setToolTip(
            "The day it was last reviewed, written YYYY-MM-DD. A later date than the last "
            "review is recorded as a review; earlier reviews stay in the history."
        )

        self.poster_check = QCheckBox("Show on the break-room poster")
        self.poster_check.setObjectName("posterCheck")

        self.history_list = QListWidget()
        self.history_list.setObjectName("historyList")
        self.history_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_list.setWordWrap(True)
        self.history_empty = plain_label(object_name="historyEmpty", role="hint")
        self.history_empty.setWordWrap(True)

        self.customers_said = NamedFeedbackPanel(
            "What customers said",
            "standardCustomerFeedback",
            "Open the Feedback page at every item naming this standard",
        )

        self.actions_box = ActionsBox("What we are doing about it", "standardActions")

        self.errors = {field: error_label(f"{field}Error") for field in FIELDS}
        self.form_error = error_label("formError")

        self.save_status = autosave.status_label(
            "standardSaveStatus", "Changes are saved as you type them"
        )
        self.retire_button = QPushButton("Retire")
        self.retire_button.setObjectName("retireButton")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteStandardButton")
        self.feedback_label = plain_label(object_name="feedbackLabel", role="feedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.hide()

        self._lay_out()
        label_form_fields(self)

    def fields(self) -> list[Field]:
        """The fields the page's editor reads, fills and saves, named as the model's
        messages name them (the title first: a new standard starts there)."""
        errors = self.errors
        return [
            Field.line("title", self.title_edit, errors["title"]),
            Field.text("detail", self.detail_edit, errors["detail"]),
            Field.choice("category", self.category_combo, errors["category"]),
            Field.ticks("values", self.values_list, errors["values"]),
            Field(
                "kpi",
                self.kpi_combo,
                lambda: chosen_id(self.kpi_combo),
                self._fill_kpis,
                errors["kpi"],
                typed=False,
            ),
            Field(
                "owner",
                self.owner_combo,
                lambda: chosen_id(self.owner_combo),
                self._fill_owners,
                errors["owner"],
                typed=False,
            ),
            Field.number("review_months", self.interval_spin, errors["review_months"]),
            Field.line("last_reviewed", self.last_reviewed_edit, errors["last_reviewed"]),
            Field.check("on_poster", self.poster_check),
        ]

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

        self.value_link = action_button(
            "What do these values mean? ›",
            "valueLink",
            self._open_value,
            "Open the first ticked value on the Philosophy page",
        )
        self.value_link.setProperty("role", "link")
        e = self.errors
        form = form_layout(
            ("&Title", field(self.title_edit, e["title"])),
            ("&Detail", field(self.detail_edit, e["detail"])),
            ("&Category", field(category_row, self.category_editor, e["category"])),
            ("&Values", field(self.values_list, self.value_link, self.values_empty, e["values"])),
            ("&KPI", field(self.kpi_combo, e["kpi"])),
            ("&Owner", field(self.owner_combo, e["owner"])),
            ("&Review every", field(interval_row, e["review_months"])),
            ("&Last reviewed", field(self.last_reviewed_edit, e["last_reviewed"])),
            ("", self.poster_check),
            spacing=(12, 6),
        )
        self.forms = [form]  # its labels go over the fields when it is narrow
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
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

        buttons = hbox(self.save_status, self.retire_button, STRETCH, self.delete_button, spacing=8)
        self.related = RelatedTabs("standardRelated")
        self.reviews_tab = self.related.add("Reviews", self.history_list, self.history_empty)
        self.customers_tab = self.related.add("Customers said", self.customers_said)
        self.actions_tab = self.related.add("Actions", self.actions_box)
        self.lay_out(
            self.form_title,
            self.status_label,
            form,
            self.form_error,
            buttons,
            self.feedback_label,
            4,
            (self.related, 100),  # takes the height left, the fields keep theirs
        )

    # -- choices ---------------------------------------------------------------

    def set_choices(
        self,
        categories: list[Category],
        values: list[CoreValue],
        kpis: list[Kpi],
        members: list[TeamMember],
    ) -> None:
        """Fill the lists to choose from, keeping what is chosen now (the page's editor
        does this: nothing it changes is an edit)."""
        category_id = self.category_combo.currentData()
        kpi_id, owner_id = chosen_id(self.kpi_combo), chosen_id(self.owner_combo)
        ticked = set(self._ticked())
        self.category_combo.clear()
        for category in categories:
            self.category_combo.addItem(category.name, category.id)
        self.select_category(category_id)

        self.values_list.clear()
        for value in values:
            item = QListWidgetItem(value.name)
            item.setData(Qt.ItemDataRole.UserRole, value.id)
            item.setToolTip(value.meaning or value.name)
            item.setFlags(self._value_flags())
            checked = value.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.values_list.addItem(item)
        self.values_list.setVisible(bool(values))
        self.values_empty.setVisible(not values)

        self._kpis = list(kpis)
        self._fill_kpis(kpi_id)
        self._members = list(members)
        self._fill_owners(owner_id)

    def _fill_owners(self, owner_id: int | None) -> None:
        """ "No owner", the active team, and the owner even if they are no longer active."""
        self.owner_combo.clear()
        self.owner_combo.addItem("No owner", NONE)
        for member in self._members:
            if member.active:
                self.owner_combo.addItem(member.name, member.id)
            elif member.id == owner_id:
                self.owner_combo.addItem(f"{member.name} (no longer active)", member.id)
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(owner_id or NONE), 0))

    def _fill_kpis(self, kpi_id: int | None) -> None:
        """ "None", the KPIs tracked, and the standard's KPI even if it is no longer
        tracked, so saving does not drop the link."""
        self.kpi_combo.clear()
        self.kpi_combo.addItem("None", NONE)
        for kpi in self._kpis:
            if kpi.active:
                self.kpi_combo.addItem(kpi.name, kpi.id)
            elif kpi.id == kpi_id:
                self.kpi_combo.addItem(f"{kpi.name} (no longer tracked)", kpi.id)
        self.kpi_combo.setCurrentIndex(max(self.kpi_combo.findData(kpi_id or NONE), 0))

    def _value_flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _ticked(self) -> list[int]:
        items = (self.values_list.item(row) for row in range(self.values_list.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def select_category(self, category_id: int | None) -> None:
        self.category_combo.setCurrentIndex(max(self.category_combo.findData(category_id), 0))

    def _open_value(self) -> None:
        ticked = self._ticked()
        if ticked:
            self.value_link_requested.emit(ticked[0])

    # -- what the form shows besides its fields ----------------------------------

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
        self.related.set_count(self.reviews_tab, len(reviews or []))

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
