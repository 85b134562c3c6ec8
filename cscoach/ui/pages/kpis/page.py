"""The KPIs page: monthly figures in a grid, entry from counts, charts, the monthly review,
the KPI definitions, and CSV and survey import and export.

The grid is months × KPIs, edited in place: a value is saved when the cell is left, through
the model, so a value the model refuses is never written and its message is shown under the
grid, naming the cell. matplotlib is never imported with this module: it is imported in
parts a moment after the page is first shown (``chart_import``), or by a printed review.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kiosk_kpis, kpi_counts, kpi_entries, kpis
from cscoach.model.actions import Source
from cscoach.model.errors import ValidationError
from cscoach.model.months import add_months, current_month, month_label, months_between
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, chart_import, dialogs
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.pages.actions.links import ActionsBox
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.kpis import dialogs as kpi_dialogs
from cscoach.ui.pages.kpis import transfers
from cscoach.ui.pages.kpis.charts_tab import ChartsTab
from cscoach.ui.pages.kpis.definitions_tab import DefinitionsTab
from cscoach.ui.pages.kpis.grid import HEADER_WRAP, KpiGridModel, target_line
from cscoach.ui.pages.kpis.kiosk_tab import KioskTab
from cscoach.ui.pages.kpis.review_tab import ReviewTab
from cscoach.ui.widgets import (
    STRETCH,
    error_label,
    hbox,
    plain_label,
    shortcut_action,
    show_message,
    text_side,
    text_width,
    vbox,
)

ModelIndex = QModelIndex | QPersistentModelIndex

MONTHS_STEP = 12
FEEDBACK_SECONDS = 12  # what was just saved stays this long above the tabs
GRID_COLUMNS = 4  # KPIs the grid always has room for
HEADING_PADDING = 20  # px of a column its heading lines leave: 8 either side (the style), air
GRID_HINT = (
    "Type a value in a cell and press Enter; leave it empty to clear it. Values are shown to "
    "one decimal. ✎ marks a month with a note; ✓ on green is on target, ✗ on red is off target."
)


class KpisPage(Page):
    title = "KPIs"
    tip = (
        "NPS asks how likely customers are to recommend you (0–10): the % of promoters (9–10)"
        " minus the % of detractors (0–6), from −100 to 100. Choose figures that match your "
        "goals and look at them every month."
    )
    subtitle = (
        "Measure customer service every month: enter the figures (or the counts behind "
        "them), watch the charts against your targets, and review the month with the team."
    )

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(wb, parent)
        self.setObjectName("kpisPage")
        self.today = today
        self.months_back = MONTHS_STEP
        # The note beside the grid saves as it is typed (no Save button): the cell it
        # belongs to, its text as last read or saved, and why its last save was refused.
        self._note_cell: tuple[int, str] | None = None
        self._note_loaded = ""
        self._note_loading = False
        self._note_refusal: str | None = None
        self._settling = False  # the grid's cell or a tab is being put back
        self._tab_index = 0
        self.note_timer = autosave.save_timer(self, self.flush_note)

        self.counts_button = self._button(
            "Enter from Counts…",
            "enterCounts",
            self.enter_from_counts,
            "Work out the selected month's value from the counts behind it",
        )
        self.import_button = self._button(
            "Import CSV…",
            "importKpiCsv",
            self.import_csv,
            "Values from a month,kpi,value,note file",
        )
        self.export_button = self._button(
            "Export CSV…", "exportKpiCsv", self.export_csv, "Every value as month,kpi,value,note"
        )
        self.survey_button = self._button(
            "Import Survey…",
            "importSurvey",
            self.import_survey,
            "NPS and CSAT per month from survey responses (e.g. a Google Forms export)",
        )
        self.print_button = self._button(
            "Print Monthly Review…",
            "printMonthlyReview",
            lambda: self.print_review(None),
            "The review of a month as a one- or two-page PDF with the charts",
        )
        bar = QHBoxLayout()
        for b in (self.counts_button, self.import_button, self.export_button, self.survey_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        self.feedback = plain_label(object_name="kpiFeedback", role="feedback")
        self.feedback.setWordWrap(True)
        self.feedback.hide()
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.setInterval(FEEDBACK_SECONDS * 1000)
        self._feedback_timer.timeout.connect(lambda: show_message(self.feedback, ""))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("kpiTabs")
        self.tabs.addTab(self._build_grid_tab(), "Monthly Figures")
        self.charts = ChartsTab(wb, today=today)
        self.charts.standards_requested.connect(lambda: self.open_requested.emit("standards"))
        self.tabs.addTab(self.charts, "Charts")
        self.review = ReviewTab(wb, today=today)
        self.review.changed.connect(self.changed)
        self.review.action_panel.open_requested.connect(
            lambda action_id: self.open_item_requested.emit("actions", "action", action_id)
        )
        self.review.feedback_requested.connect(  # the id of a month is YYYYMM
            lambda month: self.open_item_requested.emit(
                "feedback", "month", int(month.replace("-", ""))
            )
        )
        self.tabs.addTab(self.review, "Monthly Review")
        self.definitions = DefinitionsTab(wb, today=today)
        self.definitions.changed.connect(self._definitions_changed)
        self.tabs.addTab(self.definitions, "Definitions")
        self.kiosk = KioskTab(wb, today=today)  # the counter kiosk's votes
        self.kiosk.changed.connect(self._after_write)
        self.tabs.addTab(self.kiosk, "Kiosk")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.page_layout.addLayout(bar)
        self.page_layout.addWidget(self.feedback)
        self.page_layout.addWidget(self.tabs, 1)
        self.reload()
        if self.read_only:
            for b in (self.counts_button, self.import_button, self.survey_button):
                b.setEnabled(False)
                b.setToolTip("This workbook is open read-only: changes cannot be saved.")

    def _feedback(self, text: str) -> None:
        """Say what was done, for a few seconds (it is not news for ever)."""
        show_message(self.feedback, text)
        self._feedback_timer.start()

    def _wrap_headings(self, section: int, _old: int, width: int) -> None:
        """Each heading line as wide as the column holds, measured in the heading's bold
        font, less the heading's padding."""
        if section == 0:
            header = self.grid.horizontalHeader()
            bold = QFont(header.font())
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            room = width - HEADING_PADDING
            self.grid_model.set_header_room(room, metrics.horizontalAdvance)

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _button(self, text: str, name: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- the grid tab -----------------------------------------------------------------

    def _build_grid_tab(self) -> QWidget:
        self.grid_model = KpiGridModel(self.wb, self, today=self.today)
        self.grid_model.cell_failed.connect(self._cell_failed)
        self.grid_model.cell_saved.connect(self._cell_saved)
        self.grid = QTableView()
        self.grid.setObjectName("kpiGrid")
        self.grid.setAccessibleName("Monthly KPI values")
        self.grid.setModel(self.grid_model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Ctrl+Tab shows the next tab from the grid too (a table keeps Tab for its cells)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1)):
            shortcut_action(
                self.grid,
                "Next tab" if step > 0 else "Previous tab",
                keys,
                functools.partial(self._step_tab, step),
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        row_height = text_side(self.grid, 1, 14)  # 28 px at 9 pt
        self.grid.verticalHeader().setDefaultSectionSize(row_height)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # A column as wide as a heading line (bold); four of them beside the month names
        # are the least the grid takes on a small screen: the panel beside it gives way.
        column = text_width(self.grid, HEADER_WRAP + 4)
        self.grid.horizontalHeader().setMinimumSectionSize(column)
        bold = QFont(self.grid.font())
        bold.setBold(True)
        months = max(  # the month names down the side (bold headings)
            QFontMetrics(bold).horizontalAdvance(month_label(f"2026-{m:02d}", short=True))
            for m in range(1, 13)
        )
        frame = 2 * self.grid.frameWidth() + self.grid.verticalScrollBar().sizeHint().width()
        side = months + text_width(self.grid, 4)
        self.grid.setMinimumWidth(frame + side + GRID_COLUMNS * column)
        self.grid.setWordWrap(False)
        # the headings wrap to the columns' width: fewer lines on a wide screen
        self.grid.horizontalHeader().sectionResized.connect(self._wrap_headings)
        self.grid.selectionModel().currentChanged.connect(self._cell_picked)
        self.grid_error = error_label("gridError")
        hint = plain_label(GRID_HINT, role="hint")
        hint.setWordWrap(True)
        self.earlier_button = QPushButton("Show Earlier Months")
        self.earlier_button.setObjectName("earlierMonths")
        self.earlier_button.clicked.connect(self.show_earlier)
        below = QHBoxLayout()
        below.addWidget(hint, 1)
        below.addWidget(self.earlier_button, 0, Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.grid, 1)
        left_layout.addWidget(self.grid_error)
        left_layout.addLayout(below)

        self.cell_panel = QFrame()
        self.cell_panel.setObjectName("detailPanel")
        self.cell_title = plain_label(object_name="formTitle")
        self.cell_title.setWordWrap(True)
        self.cell_value = plain_label(object_name="cellValue")
        self.cell_value.setWordWrap(True)
        self.cell_formula = plain_label(object_name="cellFormula", role="hint")
        self.cell_formula.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("cellNote")
        self.note_edit.setAccessibleName("Note for the chosen month")
        self.note_edit.setPlaceholderText("A note on this month (what happened, why)")
        self.note_edit.textChanged.connect(self._note_edited)
        self.note_edit.installEventFilter(self)  # leaving the note saves it
        # ten lines at the most (then it scrolls): on a tall screen what we are doing about
        # the month follows the note, not the foot of the window
        self.note_edit.setMaximumHeight(text_side(self.note_edit, 10, 12))
        self.note_error = error_label("cellNoteError")
        self.note_status = autosave.status_label(
            "noteStatus", "The note is saved with the month's value as you type it"
        )
        self.cell_counts_button = self._button(
            "Enter from Counts…",
            "cellCounts",
            self.enter_from_counts,
            "Work out the value from the counts behind it",
        )
        self.clear_button = self._button(
            "Clear Value", "clearValue", self.clear_value, "Remove this month's value"
        )
        self.cell_actions = ActionsBox("What we are doing about it", "kpiMonthActions")
        self.cell_actions.open_item_requested.connect(self.open_item_requested)
        vbox(
            self.cell_title,
            self.cell_value,
            self.cell_formula,
            self.cell_counts_button,
            plain_label("Note", role="hint"),
            (self.note_edit, 1),
            self.note_error,
            hbox(self.note_status, STRETCH, self.clear_button),
            8,
            self.cell_actions,
            STRETCH,
            parent=self.cell_panel,
            margins=(16, 14, 16, 14),
            spacing=8,
        )

        self.grid_splitter = list_form_splitter(
            self, "gridSplitter", left, self.cell_panel, (110, 55)
        )
        tab = QWidget()
        vbox(self.grid_splitter, parent=tab, margins=(0, 8, 0, 0))
        return tab

    def grid_months(self) -> list[str]:
        """This month back ``months_back`` months, or back to the oldest value."""
        now = current_month(self.today)
        recorded = kpi_entries.months_with_data(self.wb)
        first = add_months(now, -(self.months_back - 1))
        if recorded and recorded[0] < first and self.months_back <= MONTHS_STEP:
            first = max(recorded[0], add_months(now, -(2 * MONTHS_STEP - 1)))
        return list(reversed(months_between(first, now)))

    def show_earlier(self) -> None:
        self.months_back = len(self.grid_model.months) + MONTHS_STEP
        self._reload_grid()

    def _reload_grid(self) -> None:
        current = self.grid_model.cell(self.grid.currentIndex())
        self.grid_model.load(self.grid_months())
        if current is not None:
            index = self.grid_model.index_of(current[0].id, current[1])
            if index.isValid():
                self.grid.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        self._show_cell()

    def select_cell(self, kpi_id: int, month: str) -> QModelIndex:
        index = self.grid_model.index_of(kpi_id, month)
        if index.isValid():
            self.grid.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.grid.scrollTo(index)
        return index

    def current_cell(self) -> tuple[kpis.Kpi, str] | None:
        return self.grid_model.cell(self.grid.currentIndex())

    def _show_cell(self) -> None:
        found = self.current_cell()
        writable = not self.read_only
        if found is None:
            self.cell_title.setText("Pick a month and a KPI in the grid.")
            for widget in (self.cell_value, self.cell_formula):
                widget.setText("")
            self._show_note(None, "")
            for w in (self.note_edit, self.clear_button):
                w.setEnabled(False)
            self.cell_counts_button.setEnabled(False)
            self.counts_button.setEnabled(False)
            self.cell_actions.show_source(self.wb, None)
            return
        kpi, month = found
        self.cell_actions.show_source(self.wb, Source.kpi_month(kpi.id, month))
        entry = self.grid_model.entries.get((kpi.id, month))
        target = self.grid_model.targets.get((kpi.id, month))
        self.cell_title.setText(f"{kpi.name} — {month_label(month)}")
        lines = [f"Value: {format_value(entry.value, kpi.unit)}" if entry else "No value yet."]
        if target is not None:
            lines.append(target_line(kpi, entry, target))
        self.cell_value.setText("\n".join(lines))
        formula = ""
        if entry is not None and entry.counts and kpi.from_counts:
            try:
                formula = "From counts: " + kpi_counts.compute(kpi.key or "", entry.counts).formula
            except ValidationError:
                formula = ""
            kiosk_note = kiosk_kpis.counts_note(entry, kpi.key)  # how many from the kiosk
            formula = f"{formula}\n{kiosk_note}" if formula and kiosk_note else formula
        self.cell_formula.setText(formula)
        self.cell_formula.setVisible(bool(formula))
        self._show_note((kpi.id, month), entry.note if entry else "")
        self.note_edit.setEnabled(writable and entry is not None)
        self.note_edit.setPlaceholderText(
            "A note on this month (what happened, why)" if entry else "Enter a value first."
        )
        self.clear_button.setEnabled(writable and entry is not None)
        self.cell_counts_button.setEnabled(writable and kpi.from_counts)
        self.cell_counts_button.setVisible(kpi.from_counts)
        self.counts_button.setEnabled(writable and kpi.from_counts)

    def _cell_failed(self, message: str) -> None:
        show_message(self.grid_error, message)

    def _cell_saved(self, kpi_id: int, month: str) -> None:
        show_message(self.grid_error, "")
        self._after_write(reload_grid=False)
        self._show_cell()

    # -- the note, saved as it is typed --------------------------------------------------

    def _show_note(self, cell: tuple[int, str] | None, note: str) -> None:
        """Show the note of ``cell`` as the workbook holds it. The same cell's note is left
        as typed (a save refreshed the grid, not the note being written)."""
        if cell == self._note_cell and self.note_edit.toPlainText() in (note, self._note_loaded):
            if self._note_refusal is None:
                self._note_loaded = note
            return
        self.note_timer.stop()
        self._note_loading = True
        try:
            self.note_edit.setPlainText(note)
        finally:
            self._note_loading = False
        self._note_cell, self._note_loaded, self._note_refusal = cell, note, None
        self.note_status.setText("")
        show_message(self.note_error, "")

    def _note_edited(self) -> None:
        if self._note_loading or self.read_only or self._note_cell is None:
            return
        self.note_status.setText("")
        self.note_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.note_edit and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(watched, event)

    def flush_note(self) -> bool:
        """Save the note being typed now (one model call). True when nothing is left
        unsaved; False when the model refused it: its message is shown under the note and
        nothing was written."""
        self.note_timer.stop()
        if self._note_loading or self.read_only or self._note_cell is None:
            return True
        text = self.note_edit.toPlainText()
        if text == self._note_loaded:
            return True
        kpi_id, month = self._note_cell
        try:
            kpi_entries.set_note(self.wb, kpi_id, month, text, today=self.today)
        except autosave.REFUSALS as exc:
            message = autosave.refusal(exc)
            show_message(self.note_error, message)
            self.note_status.setText(autosave.NOT_SAVED)
            name = next((k.name for k in self.grid_model.kpis if k.id == kpi_id), "a KPI")
            self._note_refusal = (
                f"The note on {name} for {month_label(month)} could not be saved: {message}"
            )
            return False
        self._note_loaded = text
        self._note_refusal = None
        show_message(self.note_error, "")
        self.note_status.setText(autosave.SAVED)
        self._after_write()  # the grid shows ✎; the note is left as typed
        return True

    def save_note(self) -> bool:
        """Save the note now (otherwise done as it is typed)."""
        return self.flush_note()

    def _cell_picked(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        """Another cell of the grid: the note being typed is saved first; a refused one
        keeps its cell (and its message)."""
        if self._settling:
            return
        if not self.flush_note():
            self._put_back_cell()
            QTimer.singleShot(0, self, self._put_back_cell)
            return
        self._show_cell()

    def _put_back_cell(self) -> None:
        if self._note_cell is None:
            return
        index = self.grid_model.index_of(*self._note_cell)
        if index.isValid() and index != self.grid.currentIndex():
            self._settling = True
            try:
                self.grid.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            finally:
                self._settling = False

    def clear_value(self) -> None:
        found = self.current_cell()
        if found is None:
            return
        kpi, month = found
        if not dialogs.confirm(
            self,
            "Clear this value?",
            f"Clear {kpi.name} for {month_label(month)}? Its note and counts go with it; "
            "the month shows as a gap in the charts.",
            "Clear",
        ):
            return
        kpi_entries.clear_entry(self.wb, kpi.id, month)
        self._feedback(f"{kpi.name}, {month_label(month)} cleared.")
        self._after_write()

    def enter_from_counts(self) -> None:
        found = self.current_cell()
        if found is None or not found[0].from_counts or self.read_only:
            return
        kpi, month = found
        dialog = kpi_dialogs.CountsDialog(self.wb, kpi, month, self, today=self.today)
        if kpi_dialogs.run(dialog) and dialog.result_value is not None:
            value = format_value(dialog.result_value.value, kpi.unit)
            self._feedback(
                f"{kpi.name}, {month_label(month)}: {dialog.result_value.worked} "
                f"— saved as {value}."
            )
            show_message(self.grid_error, "")
            self._after_write()

    # -- reloading ------------------------------------------------------------------

    def reload(self) -> None:
        self._reload_grid()
        self.charts.reload()
        self.review.reload()
        self.definitions.reload()
        self.kiosk.reload()
        rows = self.grid_model.rowCount()
        if self.grid.currentIndex().isValid() is False and rows:
            # last month, the one whose figures are in (this month is not over yet)
            self.grid.selectionModel().setCurrentIndex(
                self.grid_model.index(min(1, rows - 1), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def select_item(self, kind: str, item_id: int) -> None:
        """The Monthly Review of a month ("review", the id written YYYYMM), a link from an
        action that came from it."""
        if kind == "review" and item_id:
            self.tabs.setCurrentWidget(self.review)
            self.review.reload(f"{item_id // 100:04d}-{item_id % 100:02d}")
        elif kind == "kiosk":  # the kiosk's votes waiting for the owner's choice
            self.tabs.setCurrentWidget(self.kiosk)

    def _after_write(self, *, reload_grid: bool = True) -> None:
        if reload_grid:
            self._reload_grid()
        self.charts.reload()
        self.review.reload()
        self.definitions.reload()
        self.kiosk.reload()
        self.changed.emit()

    def _definitions_changed(self) -> None:
        self._reload_grid()
        self.charts.reload()
        self.review.reload()
        self.changed.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        chart_import.warm_up()  # the charts are a click away: import matplotlib meanwhile

    def _tab_changed(self, index: int) -> None:
        """Leaving Monthly Figures saves the note being typed (a refused one keeps the
        tab, with its message)."""
        if self._settling:
            return
        if self._tab_index == 0 and index != 0 and not self.flush_note():
            self._put_back_tab(0)
            return
        self._tab_index = index
        self.review.save_next_steps()

    def _put_back_tab(self, index: int) -> None:
        self._settling = True
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self._settling = False
        self._tab_index = index

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Showing another page saves the note being typed here (a refused one keeps its
        message, and ``save_pending`` names it)."""
        if not event.spontaneous():
            self.flush_note()
        super().hideEvent(event)

    def save_pending(self) -> str | None:
        problems = []
        if not self.flush_note():
            problems.append(self._note_refusal or "The note being typed is not saved.")
            self._put_back_tab(0)
        if not self.review.save_next_steps():
            problems.append("The “what we will do next” text could not be saved.")
        return "\n\n".join(problems) or None

    # -- import and export (``transfers``) -------------------------------------------

    def export_csv(self) -> None:
        transfers.export_csv(self)

    def import_csv(self) -> None:
        transfers.import_csv(self)

    def import_survey(self) -> None:
        transfers.import_survey(self)

    # -- printing -------------------------------------------------------------------------

    def print_review(self, month: str | None) -> None:
        """Preview the monthly review of ``month`` (default: the one on the Monthly Review
        tab). The plan being typed is saved first: the PDF is laid out in the print
        preview's worker thread, from the workbook file, so the window never freezes."""
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        if not self.review.save_next_steps():
            dialogs.show_error(
                self,
                "Cannot print",
                "The “what we will do next” text could not be saved, so the review would not "
                "show it. Correct it on the Monthly Review tab, then print again.",
            )
            return
        month = month or self.review.current_month()
        label = month_label(month) if month else "latest month"
        request = PrintRequest("monthly-review", month=month, today=self.today)
        print_preview.preview(
            self,
            self.wb,
            request,
            f"Monthly review: {label}",
            f"monthly-review-{month or 'latest'}.pdf",
        )
