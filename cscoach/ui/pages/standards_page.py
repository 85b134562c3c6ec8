"""Standards: short, concrete service behaviours with an owner, the values they serve and a
review date that comes round again.

A filtered table of standards beside the detail form. Several rows can be selected to mark
them reviewed in one action after a team meeting. Edits to a standard already in the
workbook are saved when a field is left (and with Save); a new one is added with Add
Standard. Validation lives in the model: a ``ValidationError`` is shown under its field.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import philosophy, standards, team
from cscoach.model.dates import long_date
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.standards import Standard
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.candidate_panel import ColumnFitter
from cscoach.ui.pages.standard_form import (
    READ_ONLY_TIP,
    FormValues,
    Kpi,
    MarkReviewedDialog,
    StandardForm,
)
from cscoach.ui.widgets import (
    EmptyState,
    action_button,
    plain_label,
    record_table,
    set_role,
    show_message,
    text_width,
)

ModelIndex = QModelIndex | QPersistentModelIndex

OVERDUE = "⚠"
TITLE_CHARACTERS = 16  # a title keeps this many average characters on a small screen
NO_MATCH_TEXT = "No standards match these filters."
NO_STANDARDS_TEXT = (
    "No service standards yet. Add the first one: a short, concrete behaviour such as "
    "“Greet every customer within 30 seconds”."
)
STATUS_CHOICES = (
    ("Active", "active"),
    ("Overdue for review", "overdue"),
    ("Retired", "retired"),
    ("All", "all"),
)
DELETE_TIP = "Delete this standard (Del in the list). Only a standard never reviewed can be."
HISTORY_TIP = (
    "This standard has a review history, so it cannot be deleted. Retire it instead: it "
    "keeps its history and is no longer printed."
)
PRINTS = {
    "poster": ("Break-room poster", "standards-poster.pdf"),
    "standards": ("Service standards handbook", "standards-handbook.pdf"),
    "signoff": ("Standards sign-off sheet", "standards-signoff.pdf"),
}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _tip(text: str) -> str:
    """A tooltip that shows user text as typed (Qt would render ``<b>`` as markup)."""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


class StandardsTableModel(QAbstractTableModel):
    """Standards as rows in the model's order (category, then position).

    Overdue reviews carry a ⚠ and the error colour; retired standards are greyed, italic
    and say "Retired".
    """

    COLUMNS = ("Title", "Category", "Owner", "Next review", "Poster")
    # The values a standard serves are in the title's tooltip and the Values filter: in a
    # column they would only ever show "Welcome ev…" and squeeze the titles.
    TITLE, CATEGORY, OWNER, NEXT, POSTER = range(5)
    StandardIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Standard] = []
        self.today = today

    def set_standards(self, rows: list[Standard]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def standards(self) -> list[Standard]:
        return list(self._rows)

    def standard_at(self, row: int) -> Standard | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, standard_id: int | None) -> int | None:
        for row, standard in enumerate(self._rows):
            if standard.id == standard_id:
                return row
        return None

    def _next_review(self, s: Standard) -> str:
        if not s.active:
            return "Retired"
        return f"{OVERDUE} Overdue" if s.overdue(self.today) else s.next_review().isoformat()

    def _first_of_category(self, row: int) -> bool:
        return row == 0 or self._rows[row - 1].category_id != self._rows[row].category_id

    # -- Qt overrides ----------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # The category is written once, on the first row of its group.
            return (
                s.title,
                s.category if self._first_of_category(index.row()) else "",
                s.owner or "—",
                self._next_review(s),
                "✓" if s.on_poster else "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not s.active:
                return style.qcolor("inactive")
            if column == self.NEXT and s.overdue(self.today):
                return style.qcolor("error")
            if column == self.OWNER and not s.owner:
                return style.qcolor("muted")
            return None
        if role == Qt.ItemDataRole.FontRole:
            if not s.active or (column == self.NEXT and s.overdue(self.today)):
                font = QFont()
                font.setItalic(not s.active)
                font.setBold(s.active)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.POSTER:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.POSTER:
                return "On the poster" if s.on_poster else "Not on the poster"
            if column == self.CATEGORY:
                return s.category
            return None
        if role == self.StandardIdRole:
            return s.id
        return None

    def _tooltip(self, s: Standard, column: int) -> str | None:
        if not s.active:
            return _tip(f"“{s.title}” is retired: kept with its history, no longer printed.")
        if column == self.CATEGORY:
            return _tip(s.category)
        if column == self.OWNER:
            return _tip(s.owner) if s.owner else "No owner yet"
        if column == self.TITLE:
            serves = f"Serves: {', '.join(s.values)}" if s.values else "Serves no value yet"
            return _tip("\n\n".join(part for part in (s.title, s.detail, serves) if part))
        if column == self.NEXT:
            due = long_date(s.next_review())
            every = _plural(s.review_months, "month")
            if s.overdue(self.today):
                return _tip(f"Overdue: the review was due on {due} (every {every}).")
            return _tip(f"Next review due {due} (every {every}).")
        if column == self.POSTER:
            return "On the break-room poster" if s.on_poster else "Not on the poster"
        return None


class StandardsPage(Page):
    title = "Standards"
    tip = (
        "Clear standards give every customer the same good experience. Review them regularly "
        "as expectations change: an unhappy customer tells about sixteen people, a happy one "
        "about nine."
    )
    subtitle = (
        "Concrete service behaviours: who owns each, the values it serves, when it is next "
        "reviewed."
    )

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("standardsPage")
        self._current_id: int | None = None  # None: the form is for a new standard
        self._loaded = FormValues()
        self._loading = True  # no reloads while the widgets are being built
        self._selected: list[int] = []  # the selection the form agrees with
        self._all: list[Standard] = []
        self._members: list[team.TeamMember] = []
        self._refusal: str | None = None  # why the last save was refused
        self._refused_field: ValidationError | None = None  # the last field refused
        self._list_stale = False  # a save asked for the list to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)

        self.model = StandardsTableModel(self)
        self._build_header()
        self._build_list()
        self._build_side()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("standardsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.side_stack)
        # The list takes the room a wider window gives; the form keeps about 62 characters
        # but gives way on a small screen (the owner can drag).
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([text_width(self, 120), text_width(self, 62)])
        self.page_layout.addWidget(self.splitter, 1)

        self._build_actions()
        self._loading = False
        self.reload()
        self.start_new(focus=False, settle=False)
        if self.read_only:
            self._apply_read_only()

    # -- building --------------------------------------------------------------

    def _build_header(self) -> None:
        """The page title with the three print buttons on its right."""
        self.page_layout.removeWidget(self.header)
        self.print_poster_button = QPushButton("Print Poster…")
        self.print_poster_button.setObjectName("printPosterButton")
        self.print_poster_button.setToolTip(
            "The one-page break-room poster: the standards marked “on poster”"
        )
        self.print_handbook_button = QPushButton("Print Handbook…")
        self.print_handbook_button.setObjectName("printHandbookButton")
        self.print_handbook_button.setToolTip("Every active standard with its detail")
        self.print_signoff_button = QPushButton("Print Sign-off Sheet…")
        self.print_signoff_button.setObjectName("printSignoffButton")
        self.print_signoff_button.setToolTip(
            "A page the team signs to say they have read the standards"
        )
        for button, document in (
            (self.print_poster_button, "poster"),
            (self.print_handbook_button, "standards"),
            (self.print_signoff_button, "signoff"),
        ):
            button.clicked.connect(lambda _=False, d=document: self.print_document(d))
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.header, 1)
        for button in (
            self.print_poster_button,
            self.print_handbook_button,
            self.print_signoff_button,
        ):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        self.page_layout.insertLayout(0, row)

    def _build_list(self) -> None:
        self.category_filter = self._filter_combo("categoryFilter", "Show one category")
        self.value_filter = self._filter_combo("valueFilter", "Show the standards serving a value")
        self.status_filter = self._filter_combo("statusFilter", "Active, overdue or retired")
        for label, key in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName("Search standards")
        self.search_edit.setPlaceholderText("Search (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(text_width(self.search_edit, 14))
        self.search_edit.setToolTip("Find words in the title, detail, category, owner or values")
        self.search_edit.textChanged.connect(self._filters_changed)
        self.clear_filters_link = QPushButton("Clear Filters")
        self.clear_filters_link.setObjectName("clearFiltersLink")
        self.clear_filters_link.setProperty("role", "link")
        self.clear_filters_link.clicked.connect(self.clear_filters)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.value_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search_edit, 1)
        self.count_label = plain_label(object_name="standardsCountLabel", role="hint")
        summary = QHBoxLayout()
        summary.addWidget(self.count_label, 1)
        summary.addWidget(self.clear_filters_link)

        self.table = record_table(self.model, "standardsTable", multi_select=True)
        self.table.setAccessibleName("Standards")
        self.table.horizontalHeader().setMinimumSectionSize(text_width(self.table, 6))
        # The title is what the owner reads: it takes the room left, and on a small screen
        # keeps TITLE_CHARACTERS (the form beside the list gives way), the category and
        # then the owner narrowing for it. The widths are set in _fit_columns.
        self.fitter = ColumnFitter(
            self.table,
            None,
            StandardsTableModel.TITLE,
            least=TITLE_CHARACTERS,
            most=73,  # with the form at its narrowest, in a window 1024 pixels wide
            want=38,
            squeeze=(StandardsTableModel.CATEGORY, StandardsTableModel.OWNER),
        )
        self._column_texts: dict[int, tuple[str, ...]] = {}
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.form.title_edit.setFocus())

        self.clear_filters_button = action_button(
            "Clear Filters", "clearFiltersButton", self.clear_filters
        )
        self.empty_new_button = action_button(
            "New Standard", "emptyNewButton", lambda: self.start_new()
        )
        self.empty_state = EmptyState(
            NO_MATCH_TEXT, self.clear_filters_button, self.empty_new_button
        )
        self.empty_text = self.empty_state.text_label

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_state)

        self.new_button = QPushButton("New Standard")
        self.new_button.setObjectName("newStandardButton")
        self.new_button.setToolTip("Start a blank form for a new standard (Ctrl+Shift+N, Insert)")
        self.new_button.clicked.connect(lambda: self.start_new())
        self.mark_reviewed_button = QPushButton("Mark Reviewed…")
        self.mark_reviewed_button.setObjectName("markReviewedButton")
        self.mark_reviewed_button.clicked.connect(self.mark_reviewed)
        self.move_up_button = QPushButton("Move Up")
        self.move_up_button.setObjectName("moveUpButton")
        self.move_up_button.setToolTip("Move it up within its category (Ctrl+Up)")
        self.move_up_button.clicked.connect(lambda: self.move(-1))
        self.move_down_button = QPushButton("Move Down")
        self.move_down_button.setObjectName("moveDownButton")
        self.move_down_button.setToolTip("Move it down within its category (Ctrl+Down)")
        self.move_down_button.clicked.connect(lambda: self.move(1))

        bar = QHBoxLayout()
        bar.setSpacing(6)
        for button in (
            self.new_button,
            self.mark_reviewed_button,
            self.move_up_button,
            self.move_down_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        self.list_panel = QWidget()
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addLayout(summary)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(bar)

    def _filter_combo(self, object_name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(object_name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.setMinimumWidth(text_width(combo, 16))  # narrower on a small screen
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _build_side(self) -> None:
        self.form = StandardForm()
        self.form.save_requested.connect(self.save_standard)
        self.form.field_left.connect(self._on_field_left)
        self.form.edited.connect(self._edited)
        self.form.add_category_requested.connect(self.add_category)
        self.form.value_link_requested.connect(
            lambda value_id: self.open_item_requested.emit("philosophy", "value", value_id)
        )
        self.form.retire_button.clicked.connect(self.toggle_active)
        self.form.delete_button.clicked.connect(self.delete_standard)

        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("formScroll")
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setMinimumWidth(text_width(self.form, 54))  # its narrowest form
        self.form_scroll.installEventFilter(self)  # the form's layout follows its width

        # Several rows selected: what can be done to all of them at once.
        self.multi_panel = QFrame()
        self.multi_panel.setObjectName("detailPanel")
        self.multi_title = plain_label(object_name="formTitle")
        multi_hint = plain_label(
            "Mark them reviewed together after a team meeting, or put them on the "
            "break-room poster or take them off it. Select one standard to edit it.",
            role="hint",
        )
        multi_hint.setWordWrap(True)
        self.multi_review_button = QPushButton("Mark Reviewed…")
        self.multi_review_button.setObjectName("multiReviewButton")
        self.multi_review_button.clicked.connect(self.mark_reviewed)
        self.poster_on_button = QPushButton("Put on Poster")
        self.poster_on_button.setObjectName("posterOnButton")
        self.poster_on_button.clicked.connect(lambda: self.set_on_poster(True))
        self.poster_off_button = QPushButton("Take off Poster")
        self.poster_off_button.setObjectName("posterOffButton")
        self.poster_off_button.clicked.connect(lambda: self.set_on_poster(False))
        self.multi_feedback = plain_label(object_name="multiFeedback", role="feedback")
        self.multi_feedback.setWordWrap(True)
        # Two rows, so the panel is no wider than the form it stands in for.
        buttons = QVBoxLayout()
        review_row = QHBoxLayout()
        review_row.addWidget(self.multi_review_button)
        review_row.addStretch(1)
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster_on_button)
        poster_row.addWidget(self.poster_off_button)
        poster_row.addStretch(1)
        buttons.addLayout(review_row)
        buttons.addLayout(poster_row)
        multi_layout = QVBoxLayout(self.multi_panel)
        multi_layout.setContentsMargins(18, 14, 18, 14)
        multi_layout.setSpacing(10)
        multi_layout.addWidget(self.multi_title)
        multi_layout.addWidget(multi_hint)
        multi_layout.addLayout(buttons)
        multi_layout.addWidget(self.multi_feedback)
        multi_layout.addStretch(1)

        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(self.form_scroll)
        self.side_stack.addWidget(self.multi_panel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.form_scroll and event.type() == QEvent.Type.Resize:
            # the room beside a scroll bar, shown or not, so the layout chosen for a width
            # is the same whether it makes the form tall enough to scroll or not
            scroll = self.form_scroll
            bar = scroll.verticalScrollBar().sizeHint().width()
            self.form.fit_width(event.size().width() - 2 * scroll.frameWidth() - bar)
        return super().eventFilter(watched, event)

    def _action(
        self,
        name: str,
        text: str,
        shortcuts: list[QKeySequence],
        slot: Callable[[], object],
        owner: QWidget,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ) -> QAction:
        action = QAction(text, owner)
        action.setObjectName(name)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(context)
        action.triggered.connect(lambda _=False: slot())
        owner.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "newStandardAction",
            "New Standard",
            [QKeySequence("Ctrl+Shift+N"), QKeySequence(Qt.Key.Key_Insert)],
            self.start_new,
            self,
        )
        self.save_action = self._action(
            "saveStandardAction", "Save", [QKeySequence("Ctrl+S")], self.save_standard, self
        )
        self.find_action = self._action(
            "findAction", "Search", [QKeySequence("Ctrl+F")], self.focus_search, self
        )
        # Moving and deleting act on the list, so the keys keep editing text in the form.
        self.move_up_action = self._action(
            "moveUpAction",
            "Move Up",
            [QKeySequence("Ctrl+Up")],
            lambda: self.move(-1),
            self.list_panel,
        )
        self.move_down_action = self._action(
            "moveDownAction",
            "Move Down",
            [QKeySequence("Ctrl+Down")],
            lambda: self.move(1),
            self.list_panel,
        )
        self.delete_action = self._action(
            "deleteStandardAction",
            "Delete Standard…",
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.delete_standard,
            self.table,
            Qt.ShortcutContext.WidgetShortcut,
        )

    def _apply_read_only(self) -> None:
        self.form.set_read_only(True)
        for widget in (
            self.new_button,
            self.empty_new_button,
            self.mark_reviewed_button,
            self.move_up_button,
            self.move_down_button,
            self.multi_review_button,
            self.poster_on_button,
            self.poster_off_button,
        ):
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)
        for action in (
            self.new_action,
            self.save_action,
            self.move_up_action,
            self.move_down_action,
            self.delete_action,
        ):
            action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read everything again: choices (values, team, KPIs, categories) and standards."""
        clean = not self.is_dirty()
        self._reload_choices()
        if clean:  # a choice that disappeared is not an edit of the user's
            self._loaded = self.form.values()
        self._reload()

    def _reload_choices(self) -> None:
        categories = standards.list_categories(self.wb)
        values = philosophy.list_values(self.wb)
        kpis = [
            Kpi(r["id"], r["name"])
            for r in self.wb.query("SELECT id, name FROM kpis WHERE active = 1 ORDER BY position")
        ]
        self._members = team.list_members(self.wb)
        self.form.set_choices(categories, values, kpis, self._members)
        self._loading = True
        try:
            self._refill(
                self.category_filter, "All categories", [(c.name, c.id) for c in categories]
            )
            self._refill(self.value_filter, "All values", [(v.name, v.id) for v in values])
        finally:
            self._loading = False

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: list[tuple[str, int]]) -> None:
        keep = combo.currentData()
        combo.clear()
        combo.addItem(everything, 0)
        for name, item_id in items:
            combo.addItem(name, item_id)
        combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)

    def filters(self) -> dict[str, object]:
        return {
            "status": self.status_filter.currentData() or "active",
            "category_id": self.category_filter.currentData() or None,
            "value_id": self.value_filter.currentData() or None,
            "search": self.search_edit.text(),
        }

    def filtered(self) -> bool:
        f = self.filters()
        return bool(
            f["status"] != "active" or f["category_id"] or f["value_id"] or f["search"].strip()
        )

    def _reload(self, select_ids: list[int] | None = None, *, load_form: bool = True) -> None:
        """Read the standards again; with ``load_form`` the form is filled from the
        workbook too (unless it holds a change not saved yet)."""
        if select_ids is None:
            select_ids = self.selected_ids()
        self._all = standards.list_standards(self.wb, today=self.model.today)
        self._fit_columns()
        rows = standards.list_standards(self.wb, today=self.model.today, **self.filters())
        self._loading = True
        try:
            self.model.set_standards(rows)
            self._select_ids(select_ids)
            self._selected = self.selected_ids()
        finally:
            self._loading = False
        self._show_list_state(rows)
        if self._current_id is not None:
            current = self._find(self._current_id)
            if current is None:  # deleted elsewhere
                self.start_new(focus=False, settle=False)
            elif load_form and not self.is_dirty():
                self._load_standard(current)
            else:
                self._show_state(current)
        self._update_side()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Room in each column for its heading and its longest entry among all standards
        (not only those shown, so a filter does not move the columns), up to about 20
        characters: the rest of a longer category or name is in its tooltip."""
        m = StandardsTableModel
        texts = {
            m.CATEGORY: tuple(sorted({s.category for s in self._all})),
            m.OWNER: ("—", *sorted({s.owner for s in self._all if s.owner})),
            m.NEXT: (f"{OVERDUE} Overdue", "2027-04-30", "Retired"),
            m.POSTER: ("✓",),
        }
        if texts == self._column_texts:
            return  # as fitted before: widths the owner dragged stay
        self._column_texts = texts
        table = self.table
        bold = QFont(table.font())
        bold.setBold(True)  # headings and overdue dates are bold
        heading, entry = QFontMetrics(bold), QFontMetrics(table.font())
        widths = {}
        for column, samples in texts.items():
            metrics = heading if column == m.NEXT else entry
            widths[column] = min(
                max(
                    heading.horizontalAdvance(m.COLUMNS[column]) + text_width(table, 4),
                    *(metrics.horizontalAdvance(text) + text_width(table, 4) for text in samples),
                ),
                text_width(table, 20),
            )
        self.fitter.set_widths(widths)

    def _show_list_state(self, rows: list[Standard]) -> None:
        active = [s for s in self._all if s.active]
        overdue = sum(1 for s in active if s.overdue(self.model.today))
        retired = len(self._all) - len(active)
        text = f"{_plural(len(active), 'standard')}, {overdue} overdue"
        if overdue:
            text = f"{_plural(len(active), 'standard')}, {OVERDUE} {overdue} overdue"
        if retired:
            text += f" · {retired} retired"
        if self.filtered():
            text = f"Showing {len(rows)} · {text}"
        self.count_label.setText(text)
        self.clear_filters_link.setVisible(self.filtered())
        if rows:
            self.list_stack.setCurrentWidget(self.table)
            return
        self.list_stack.setCurrentWidget(self.empty_state)
        nothing = not self._all
        self.empty_text.setText(NO_STANDARDS_TEXT if nothing else NO_MATCH_TEXT)
        self.clear_filters_button.setVisible(not nothing)
        self.empty_new_button.setVisible(nothing)

    def _find(self, standard_id: int | None) -> Standard | None:
        return next((s for s in self._all if s.id == standard_id), None)

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = (self.model.standard_at(row) for row in rows)
        return [s.id for s in found if s is not None]

    def selected_standards(self) -> list[Standard]:
        return [s for s in (self._find(i) for i in self.selected_ids()) if s is not None]

    def current_standard(self) -> Standard | None:
        """The standard in the form, or None while the form is for a new one."""
        return self._find(self._current_id)

    def _select_ids(self, ids: list[int]) -> None:
        selection = QItemSelection()
        last = None
        for standard_id in ids:
            row = self.model.row_of(standard_id)
            if row is not None:
                selection.select(
                    self.model.index(row, 0),
                    self.model.index(row, self.model.columnCount() - 1),
                )
                last = row
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        if last is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(last, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.table.scrollTo(self.model.index(last, 0))

    def form_values(self) -> FormValues:
        return self.form.values()

    def is_dirty(self) -> bool:
        return self.form.values() != self._loaded

    # -- filters ---------------------------------------------------------------

    def _filters_changed(self) -> None:
        if not self._loading:
            self._reload()

    def clear_filters(self) -> None:
        self._loading = True
        try:
            self.category_filter.setCurrentIndex(0)
            self.value_filter.setCurrentIndex(0)
            active = any(s.active for s in self._all)
            self.status_filter.setCurrentIndex(
                self.status_filter.findData("active" if active or not self._all else "all")
            )
            self.search_edit.clear()
        finally:
            self._loading = False
        self._reload()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # -- the form --------------------------------------------------------------

    def _load_standard(self, standard: Standard) -> None:
        self._current_id = standard.id
        self._loaded = FormValues.of(standard)
        self._form_loaded()
        self.form.keep_kpi(standard.kpi_id, standard.kpi)
        self.form.fill(self._loaded)
        self.form.form_title.setText("Edit standard")
        self._show_state(standard)
        self._update_buttons()

    def _form_loaded(self) -> None:
        """The form shows what the workbook holds: nothing waits to be saved."""
        self.save_timer.stop()
        self._refusal = None
        self.form.save_status.setText("")

    def _show_state(self, standard: Standard) -> None:
        """The standard's review status and history (not its fields)."""
        self.form.set_history(standards.review_history(self.wb, standard.id))
        if not standard.active:
            status = "Retired: kept with its history, not printed. Bring it back to use it again."
        elif standard.overdue(self.model.today):
            status = f"{OVERDUE} Review overdue: it was due on {long_date(standard.next_review())}."
        else:
            status = f"Next review due {long_date(standard.next_review())}."
        self.form.status_label.setText(status)
        set_role(
            self.form.status_label, "errorStrong" if standard.overdue(self.model.today) else ""
        )

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for a new standard (New Standard, Ctrl+Shift+N, Insert): it is
        added as soon as the form holds a title."""
        if self.read_only and focus:
            return
        if settle and not self.flush():
            return  # the refused change keeps its message and the form
        self._current_id = None
        self._form_loaded()
        self._loading = True
        try:
            self.table.clearSelection()
            self._selected = []
        finally:
            self._loading = False
        # A new standard starts in the category and with the value the list is filtered by.
        category_id = self.category_filter.currentData() or self.form.category_combo.itemData(0)
        value_id = self.value_filter.currentData()
        self._loaded = FormValues(
            category_id=int(category_id) if category_id else None,
            value_ids=(int(value_id),) if value_id else (),
        )
        self.form.keep_kpi(None, None)
        self.form.fill(self._loaded)
        self._loaded = self.form.values()  # as the combos show it
        self.form.form_title.setText("New standard")
        self.form.status_label.setText("")
        set_role(self.form.status_label, "")
        self.form.set_history(None)
        self._update_side()
        self._update_buttons()
        if focus:
            self.form.title_edit.setFocus()

    def _feedback(self, text: str) -> None:
        self.form.feedback_label.setText(text)
        self.multi_feedback.setText(text)

    def _update_side(self) -> None:
        count = len(self._selected)
        self.side_stack.setCurrentWidget(self.multi_panel if count > 1 else self.form_scroll)
        if count > 1:
            self.multi_title.setText(f"{count} standards selected")

    def _update_buttons(self) -> None:
        if self._loading:
            return
        editing = self._current_id is not None
        current = self.current_standard()
        form = self.form
        form.retire_button.setVisible(editing)
        form.delete_button.setVisible(editing)
        if current is not None:
            form.retire_button.setText("Retire" if current.active else "Bring Back")
            if not self.read_only:
                form.retire_button.setToolTip(
                    "Stop using it: it keeps its history and is no longer printed"
                    if current.active
                    else "Use this standard again"
                )
                form.delete_button.setEnabled(not current.reviews)
                form.delete_button.setToolTip(HISTORY_TIP if current.reviews else DELETE_TIP)
        if self.read_only:
            return
        chosen = self._review_targets()
        self.mark_reviewed_button.setToolTip(
            "Record a review of the selected standards"
            + (f" ({len(chosen)})" if len(chosen) > 1 else "")
            if chosen
            else "Select the standards that were reviewed (Ctrl+click for several)"
        )
        self.mark_reviewed_button.setEnabled(bool(chosen))
        up, down = self._can_move()
        self.move_up_button.setEnabled(up)
        self.move_down_button.setEnabled(down)

    def _can_move(self) -> tuple[bool, bool]:
        """Whether the one selected standard can move up / down within its category."""
        selected = self.selected_standards()
        if len(selected) != 1:
            return False, False
        s = selected[0]
        ids = [x.id for x in self._all if x.category_id == s.category_id]
        index = ids.index(s.id)
        return index > 0, index < len(ids) - 1

    def _review_targets(self) -> list[Standard]:
        chosen = self.selected_standards()
        if not chosen and self.current_standard() is not None:
            chosen = [self.current_standard()]  # type: ignore[list-item]
        return chosen

    # -- selection -------------------------------------------------------------

    def _on_selection_changed(self) -> None:
        if self._loading:
            return
        ids = self.selected_ids()
        if len(ids) > 1 or (len(ids) == 1 and ids[0] != self._current_id):
            if not self.flush():
                # Refused: stay on the standard being edited; its message is shown.
                self._restore_selection()
                QTimer.singleShot(0, self, self._restore_selection)
                return
            ids = self.selected_ids()
        self._selected = ids
        if len(ids) == 1 and ids[0] != self._current_id:
            standard = self._find(ids[0])
            if standard is not None:
                self._load_standard(standard)
                self._feedback("")
        elif len(ids) > 1:
            self._feedback("")
        self._update_side()
        self._update_buttons()

    def _restore_selection(self) -> None:
        self._loading = True
        try:
            self._select_ids(self._selected)
        finally:
            self._loading = False

    # -- writing ---------------------------------------------------------------

    def _write(
        self,
        action: str,
        func: Callable[..., object],
        *args: object,
        focus: bool = True,
        **kwargs: object,
    ) -> object | None:
        """Run one model write; show any problem. The result, or None when nothing was saved."""
        try:
            result = func(self.wb, *args, **kwargs)
        except ValidationError as exc:
            if exc.field == "id":
                dialogs.show_error(self, f"Could not {action}", exc.message)
            else:
                self.form.show_error(exc, focus=focus)
            return None
        except CsCoachError as exc:
            dialogs.show_error(self, f"Could not {action}", exc.message)
            return None
        except sqlite3.Error as exc:
            dialogs.show_error(
                self,
                f"Could not {action}",
                f"The workbook could not be written ({exc}). Nothing was changed.",
            )
            return None
        return True if result is None else result

    # -- saving as the owner types -----------------------------------------------

    def _edited(self) -> None:
        self._update_buttons()
        if self._loading or self.read_only:
            return
        self.form.save_status.setText("")
        self.save_timer.start()

    def _on_field_left(self) -> None:
        """Leaving a field, Enter or a choice saves the form at once."""
        if not self._loading:
            self.flush()

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new standard
        or changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to the field and nothing was written)."""
        self.save_timer.stop()
        if self._loading or self.read_only or not self.is_dirty():
            return True
        values = self.form.values()
        self.form.clear_errors()
        added = self._current_id is None
        current = self.current_standard()
        try:
            data = values.to_input(active=current.active if current is not None else True)
            if added:
                new_id = standards.add_standard(self.wb, data, last_reviewed=values.last_reviewed)
            else:
                new_id = self._current_id
                standards.update_standard(self.wb, new_id, data, last_reviewed=values.last_reviewed)
        except ValidationError as exc:
            self.form.show_error(exc, focus=False)
            self._refused_field = exc
            return self._refuse(exc.message)
        except autosave.REFUSALS as exc:
            show_message(self.form.form_error, autosave.refusal(exc))
            return self._refuse(autosave.refusal(exc))
        self._current_id = int(new_id)  # type: ignore[arg-type]
        self._loaded = values
        self._refusal = None
        self.form.save_status.setText(autosave.SAVED)
        title = values.title.strip()
        if added:
            self.form.form_title.setText("Edit standard")
            self._feedback(
                f"“{title}” was added; changes to it are saved as you type. "
                "New Standard (Ctrl+Shift+N) starts another."
            )
        else:
            saved = standards.get_standard(self.wb, self._current_id)
            typed = values.last_reviewed.strip()
            if typed and typed != (saved.last_reviewed or ""):
                self._feedback(
                    "The review history is kept as it was: the last review stays "
                    f"{saved.last_reviewed}."
                )
        # The list follows on the next turn of the event loop (the form is left as typed):
        # a click in the list that saved the form by leaving it lands on the row aimed at.
        if not self._list_stale:
            self._list_stale = True
            QTimer.singleShot(0, self, self._show_stale_list)
        self.changed.emit()
        return True

    def _refuse(self, message: str) -> bool:
        self.form.save_status.setText(autosave.NOT_SAVED)
        if self._current_id is None:
            self._refusal = f"The new standard could not be added: {message}"
        else:
            title = self._loaded.title.strip() or "the standard"
            self._refusal = f"Your changes to “{title}” could not be saved: {message}"
        return False

    def _show_stale_list(self) -> None:
        """Show the saved standards in the list if the page is shown (else when it is
        next shown: a page being closed with its workbook is not read again)."""
        if not self._list_stale or not self.isVisible():
            return
        self._list_stale = False
        select = self.selected_ids()
        if self._current_id is not None and len(select) <= 1:
            select = [self._current_id]
        self._reload(select_ids=select, load_form=False)
        if self._current_id is not None and self.model.row_of(self._current_id) is None:
            self._feedback(self.form.feedback_label.text() + " The filters above hide it.")

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_list()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        """Showing another page saves what is being typed here (a refused change keeps
        its message, and ``save_pending`` names it)."""
        if not event.spontaneous():
            self.flush()
        super().hideEvent(event)

    def save_standard(self, *, focus: bool = True) -> bool:
        """Save the form now (Enter in a one-line field, Ctrl+S; otherwise done as the
        owner types). With ``focus``, a refused field takes the focus."""
        self._refused_field = None
        saved = self.flush()
        if not saved and focus and self._refused_field is not None:
            self.form.show_error(self._refused_field, focus=True)
        return saved

    def save_pending(self) -> str | None:
        if self.flush():
            return None
        return self._refusal or "The standard being edited is not saved."

    def add_category(self, name: str) -> None:
        """Add the owner's own category and choose it in the form."""
        if self.read_only:
            return
        category_id = self._write("add the category", standards.add_category, name)
        if category_id is None:
            self.form.new_category_edit.setFocus()
            return
        self._reload_choices()
        self.form.show_category_editor(False)
        self.form.select_category(int(category_id))  # type: ignore[call-overload]
        self._feedback(f"The category “{name.strip()}” was added.")
        self.changed.emit()
        self._on_field_left()  # an existing standard moves into it

    def toggle_active(self) -> None:
        """Retire the standard in the form, or bring it back."""
        current = self.current_standard()
        if self.read_only or current is None:
            return
        if not self.flush():
            return
        if not self._write(
            "change this standard", standards.set_active, current.id, not current.active
        ):
            return
        self._reload()
        back = self.current_standard()
        if back is not None:
            self._load_standard(back)
        if current.active:
            hidden = self.model.row_of(current.id) is None
            self._feedback(
                f"“{current.title}” is retired: it keeps its history and is no longer printed."
                + (" Choose Status: Retired or All to see it in the list." if hidden else "")
            )
        else:
            self._feedback(f"“{current.title}” is back in use.")
        self.changed.emit()

    def delete_standard(self) -> None:
        """Delete the standard in the form after asking; one with reviews is refused."""
        current = self.current_standard()
        if self.read_only or current is None:
            return
        self.flush()  # a cancelled delete keeps what was typed
        if current.reviews:
            dialogs.show_error(self, "Cannot delete this standard", HISTORY_TIP)
            return
        if not dialogs.confirm(
            self,
            "Delete this standard?",
            f"Delete “{current.title}”? It has never been reviewed, so nothing else goes "
            "with it.\n\nThis cannot be undone.",
            "Delete",
            destructive=True,
        ):
            return
        row = self.model.row_of(current.id) or 0
        if not self._write("delete this standard", standards.delete_standard, current.id):
            return
        self._current_id = None
        self._loaded = FormValues()
        self._reload(select_ids=[])
        neighbour = self.model.standard_at(min(row, self.model.rowCount() - 1))
        if neighbour is not None:
            self._reload(select_ids=[neighbour.id])
            self._selected = [neighbour.id]
            self._load_standard(neighbour)
            self._update_side()
        else:
            self.start_new(focus=False, settle=False)
        self._feedback(f"“{current.title}” was deleted.")
        self.changed.emit()

    def move(self, step: int) -> None:
        """Move the one selected standard up (-1) or down (+1) within its category."""
        selected = self.selected_standards()
        if self.read_only or len(selected) != 1:
            return
        if not self.flush():
            return
        standard = selected[0]
        if not self._write("move this standard", standards.move_standard, standard.id, step):
            return
        self._reload(select_ids=[standard.id])
        self.changed.emit()

    def set_on_poster(self, on_poster: bool) -> None:
        """Put the selected standards on the break-room poster, or take them off."""
        chosen = self.selected_standards()
        if self.read_only or not chosen:
            return
        ids = [s.id for s in chosen]
        if not self._write("change the poster", standards.set_on_poster, ids, on_poster):
            return
        self._reload(select_ids=ids)
        count = _plural(len(ids), "standard")
        self._feedback(f"{count} {'put on' if on_poster else 'taken off'} the poster.")
        self.changed.emit()

    def mark_reviewed(self) -> None:
        """Open the Mark Reviewed dialog for the selected standards (one action for all)."""
        chosen = self._review_targets()
        if self.read_only or not chosen:
            return
        if not self.flush():
            return
        chosen = [s for s in (self._find(s.id) for s in chosen) if s is not None]
        self.review_dialog = MarkReviewedDialog(
            self.wb, chosen, self._members, self, today=self.model.today
        )
        self.review_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.review_dialog.accepted.connect(lambda ids=[s.id for s in chosen]: self._reviewed(ids))
        self.review_dialog.open()

    def _reviewed(self, ids: list[int]) -> None:
        self._reload(select_ids=ids)
        current = self.current_standard()
        if current is not None and not self.is_dirty():
            self._load_standard(current)
        self._feedback(f"{_plural(len(ids), 'standard')} marked reviewed.")
        self.changed.emit()

    # -- printing --------------------------------------------------------------

    def print_document(self, document: str) -> None:
        """Preview the poster, the handbook or the sign-off sheet (edits are saved first)."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        self.flush()
        title, file_name = PRINTS[document]
        print_preview.preview(self, self.wb, PrintRequest(document), title, file_name)
