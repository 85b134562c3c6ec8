"""The KPI page's Monthly Review tab: pick a month, see each KPI against its target, the
month before and the same month a year before, the month's customer feedback in two lines
(with the way to its full report), tick off last month's plan and write what we will do
next. Print… makes the one- or two-page PDF."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import (
    calendar_ics,
    feedback_links,
    kpi_entries,
    kpi_review,
    kpis,
    training_record,
)
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.months import add_months, current_month, month_label
from cscoach.model.number_format import format_value, plural
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.pages.kpis.review_actions import ReviewActions
from cscoach.ui.widgets import (
    STRETCH,
    GrowingText,
    ToneItem,
    error_label,
    hbox,
    plain_label,
    scroll_area,
    show_message,
    text_side,
    text_width,
    vbox,
)

SAVE_DELAY_MS = 800
COLUMNS = ("KPI", "This month", "Target", "Status", "Month before", "A year before", "Note")


class ReviewTab(QWidget):
    changed = Signal()
    feedback_requested = Signal(str)  # the Feedback page at this month (YYYY-MM)

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiReviewTab")
        self.wb = wb
        self.today: dt.date | None = today
        self.review: kpi_review.MonthlyReview | None = None
        self.picked_month: str | None = None  # chosen by the owner; else the latest
        self._loaded_steps = ""
        self.stale = True  # read when first shown
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_next_steps)

        self.month_combo = QComboBox()
        self.month_combo.setObjectName("reviewMonth")
        self.month_combo.setAccessibleName("Month to review")
        self.month_combo.setMinimumContentsLength(16)
        self.month_combo.currentIndexChanged.connect(lambda _i: self._month_chosen())
        self.summary = plain_label(object_name="reviewSummary")
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Month"))
        bar.addWidget(self.month_combo)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        self.day_spin = QSpinBox()
        self.day_spin.setObjectName("reviewDay")
        self.day_spin.setRange(1, 28)
        self.day_spin.setAccessibleName("Day of the month the review is held")
        self.day_spin.setToolTip(
            "The day of each month you hold the review: File › Export Calendar… puts it in "
            "your calendar, repeating"
        )
        self.day_spin.editingFinished.connect(self._save_day)
        bar.addWidget(QLabel("Held on day"))
        bar.addWidget(self.day_spin)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reviewTable")
        self.table.setAccessibleName("Each KPI against its target")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)

        self.action_panel = ReviewActions(wb, today)
        self.action_panel.changed.connect(self.changed)
        self.previous_title = plain_label(object_name="previousStepsTitle", role="strong")
        self.previous_steps = GrowingText("previousSteps", "", least=2, most=10)
        self.previous_steps.setAccessibleName("Notes from last month's review")
        self.previous_steps.setReadOnly(True)
        self.next_title = plain_label("Notes", object_name="reviewNotesTitle", role="strong")
        self.next_steps = GrowingText(  # grows as it is typed: the review scrolls
            "nextStepsEdit",
            "Anything else said at the review (the actions go on the left, with who and by when)",
            least=4,
            most=16,
        )
        self.next_steps.setTabChangesFocus(False)
        self.next_steps.setAccessibleName("Notes from this review")
        self.next_steps.textChanged.connect(self._steps_edited)
        self.next_steps.installEventFilter(self)
        self.steps_error = error_label("nextStepsError")
        self.steps_status = plain_label(object_name="nextStepsStatus", role="hint")

        notes_box = QWidget()
        vbox(
            self.next_title,
            self.next_steps,
            self.steps_error,
            self.steps_status,
            self.previous_title,
            self.previous_steps,
            STRETCH,
            parent=notes_box,
        )
        steps = QSplitter()
        steps.setObjectName("reviewStepsSplitter")
        steps.addWidget(self.action_panel)
        steps.addWidget(notes_box)
        steps.setSizes([text_width(self, 120), text_width(self, 40)])

        self._build_feedback_box()
        # The review reads top to bottom, as it is held: every KPI (the table as tall as its
        # rows, never a list of two that scrolls), the month's feedback beside its training,
        # then the actions and notes, which take the room a tall screen has. On a laptop
        # the whole review scrolls rather than squeezing the actions to a line or two.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.steps = steps
        body = QWidget()
        body.setObjectName("reviewBody")
        vbox(
            self.table,
            hbox((self.feedback_box, 1), (self.training_box, 1), spacing=16),
            (steps, 1),
            parent=body,
            spacing=8,
        )
        self.body_scroll = scroll_area(body, object_name="reviewScroll")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.body_scroll, 1)
        self.reload()

    def _build_feedback_box(self) -> None:
        """The month's feedback in two lines, and the way to its full report."""
        self.feedback_box = QWidget()
        self.feedback_box.setObjectName("reviewFeedback")
        self.feedback_title = plain_label(object_name="reviewFeedbackTitle")
        self.feedback_title.setStyleSheet("font-weight: 600;")
        self.feedback_counts = plain_label(object_name="reviewFeedbackCounts")
        self.feedback_counts.setWordWrap(True)
        self.feedback_recurring = plain_label(object_name="reviewFeedbackRecurring")
        self.feedback_recurring.setWordWrap(True)
        self.training_title = plain_label(object_name="reviewTrainingTitle")
        self.training_title.setStyleSheet("font-weight: 600;")
        self.training_line = plain_label(object_name="reviewTraining", wrap=True)
        self.training_box = QWidget()
        self.training_box.setObjectName("reviewTrainingBox")
        vbox(
            self.training_title,
            self.training_line,
            STRETCH,
            parent=self.training_box,
            margins=(0, 2, 0, 8),
            spacing=2,
        )
        pointer = plain_label(
            f"The full report: {feedback_links.REPORT_IN_APP}", object_name="reviewFeedbackPointer"
        )
        pointer.setProperty("role", "hint")
        self.feedback_link = QPushButton()
        self.feedback_link.setObjectName("reviewFeedbackLink")
        self.feedback_link.setProperty("role", "link")
        self.feedback_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.feedback_link.setToolTip(
            "The month's feedback on the Feedback page, where Print… makes its full report"
        )
        self.feedback_link.clicked.connect(self._open_feedback)
        vbox(
            self.feedback_title,
            self.feedback_counts,
            self.feedback_recurring,
            hbox(pointer, self.feedback_link, STRETCH, spacing=8),
            STRETCH,
            parent=self.feedback_box,
            margins=(2, 2, 0, 8),
            spacing=2,
        )

    def _open_feedback(self) -> None:
        if self.review is not None:
            self.feedback_requested.emit(self.review.month)

    def _show_feedback(self, month: str) -> None:
        try:
            said = feedback_links.month_feedback(self.wb, month, today=self.today)
        except ValidationError:  # a month after today: nothing said yet
            self.feedback_box.hide()
            return
        self.feedback_box.show()
        self.feedback_title.setText(f"Customer feedback in {month_label(month)}")
        self.feedback_counts.setText(said.counts_line())
        self.feedback_recurring.setText(said.recurring_line())
        self.feedback_link.setText(f"Open Feedback at {month_label(month)} ›")

    def _show_training(self, month: str) -> None:
        """Training and stories in two lines: what was held, what is due, what to tell."""
        found = training_record.review_training(self.wb, month, today=self.today or dt.date.today())
        lines = kpi_review.training_lines(found)  # as the printed review says it
        self.training_title.setText(f"Training and stories in {month_label(month)}")
        self.training_line.setText("\n".join(lines))

    # -- data --------------------------------------------------------------------

    def current_month(self) -> str | None:
        """The month reviewed (the one the tab shows or will show when next shown)."""
        if self.stale:
            return self.picked_month or kpi_entries.latest_month(self.wb)
        return self.month_combo.currentData()

    def _first_month(self) -> str:
        """The month the review opens on: the latest with values, else (nothing entered
        yet) last month, the one a review is held about — not this unfinished one."""
        return kpi_entries.latest_month(self.wb) or add_months(current_month(self.today), -1)

    def reload(self, month: str | None = None) -> None:
        """Show ``month``, else the month the owner picked, else the latest with values
        or last month (``_first_month``); read when the tab is next shown if hidden now."""
        if month:
            self.picked_month = month
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        self.day_spin.setValue(calendar_ics.review_day(self.wb))
        self.day_spin.setReadOnly(self.wb.read_only)
        months = kpi_review.review_months(self.wb, today=self.today)
        first = self._first_month()
        if first not in months:  # a new workbook: last month, with nothing in it yet
            months = sorted({*months, first}, reverse=True)
        wanted = self.picked_month or first
        if wanted not in months:
            wanted = first
        self.month_combo.blockSignals(True)
        self.month_combo.clear()
        for m in months:
            self.month_combo.addItem(month_label(m), m)
        index = self.month_combo.findData(wanted)
        self.month_combo.setCurrentIndex(max(index, 0))
        self.month_combo.blockSignals(False)
        self._show()

    def _save_day(self) -> None:
        """Keep the day of the month the review is held on (for the calendar)."""
        day = self.day_spin.value()
        if self.wb.read_only or day == calendar_ics.review_day(self.wb):
            return
        try:
            calendar_ics.set_review_day(self.wb, day)
        except CsCoachError as exc:
            dialogs.show_error(self, "Could not save the review day", exc.message)
            return
        self.steps_status.setText(f"The review is held on day {day} of each month.")
        self.changed.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _month_chosen(self) -> None:
        self.save_next_steps()
        self.picked_month = self.current_month()
        self._show()

    def _show(self) -> None:
        month = self.current_month()
        if month is None:
            return
        self.review = review = kpi_review.monthly_review(self.wb, month, today=self.today)
        self.table.setRowCount(len(review.lines))
        for row, line in enumerate(review.lines):
            unit = line.kpi.unit
            cells = (
                line.kpi.name,
                format_value(line.value, unit),
                format_value(line.target, unit) if line.target is not None else "—",
                line.status_label(),
                line.compared_label("previous"),
                line.compared_label("year_before"),
                " ".join(line.note.split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and line.status is not None:
                    on = line.status == kpis.ON_TARGET
                    item = ToneItem(text, foreground="better" if on else "error")
                if column == 6 and line.note:
                    item.setToolTip(line.note)
                if column == 2:
                    direction = "or more" if line.kpi.higher_is_better else "or less"
                    item.setToolTip(f"Target in {month_label(month)}: {text} {direction}")
                self.table.setItem(row, column, item)
        self._fit_table()
        if review.measured:
            self.summary.setText(
                f"{review.on_target} of {plural(review.measured, 'KPI')} with a value on target in "
                f"{month_label(month)}."
            )
        else:
            self.summary.setText(f"No values for {month_label(month)} yet.")
        self._show_feedback(month)
        self._show_training(month)
        previous = add_months(month, -1)
        self.previous_title.setText(f"Notes from the {month_label(previous)} review")
        self.previous_steps.setPlainText(review.previous_next_steps)
        for widget in (self.previous_title, self.previous_steps):
            widget.setVisible(bool(review.previous_next_steps.strip()))
        self.next_title.setText(f"Notes ({month_label(month)} review)")
        self.action_panel.show_month(month)
        self._loaded_steps = review.next_steps
        self.next_steps.blockSignals(True)
        self.next_steps.setPlainText(review.next_steps)
        self.next_steps.blockSignals(False)
        self.next_steps.setReadOnly(self.wb.read_only)
        show_message(self.steps_error, "")
        self.steps_status.setText("")

    def _fit_table(self) -> None:
        """Rows as tall as their text (a long note wraps), and the table as tall as its
        heading and rows: every KPI in view, no scroll bar."""
        table = self.table
        table.resizeRowsToContents()
        least = text_side(table, 1, 16)  # 30 px at 9 pt
        for row in range(table.rowCount()):
            table.setRowHeight(row, max(table.rowHeight(row), least))
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        sideways = table.horizontalScrollBar()
        below = sideways.sizeHint().height() if sideways.isVisible() else 0
        heading = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(heading + rows + below + 2 * table.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.review is not None:  # a note wraps to more or fewer lines
            self._fit_table()

    # -- "what we will do next" ----------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if watched is self.next_steps and event.type() == QEvent.Type.FocusOut:
            self.save_next_steps()
        return super().eventFilter(watched, event)

    def _steps_edited(self) -> None:
        self.steps_status.setText("")
        self.save_timer.start()

    def is_dirty(self) -> bool:
        return self.next_steps.toPlainText().strip() != self._loaded_steps.strip()

    def save_next_steps(self) -> bool:
        """Save the plan being typed (on a short pause, on leaving the box, on switching
        month). False when it could not be saved (the message is shown under the box)."""
        self.save_timer.stop()
        month = self.review.month if self.review else None  # the month the text belongs to
        if month is None or self.wb.read_only or not self.is_dirty():
            return True
        text = self.next_steps.toPlainText()
        try:
            kpi_review.save_next_steps(self.wb, month, text, today=self.today)
        except ValidationError as exc:
            show_message(self.steps_error, exc.message)
            return False
        except CsCoachError as exc:
            dialogs.show_error(self, "Could not save", exc.message)
            return False
        show_message(self.steps_error, "")
        self._loaded_steps = text.strip()
        self.steps_status.setText(autosave.SAVED)
        self.changed.emit()
        return True
