"""The Compare tab of the Hiring page: two or three candidates side by side, criterion by
criterion, the better score standing out, with their weighted scores."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.hiring.criteria import criterion_tip
from cscoach.ui.widgets import ToneItem, error_label, plain_label, show_message


class ComparePanel(QWidget):
    """Two or three candidates side by side, criterion by criterion."""

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.pickers: list[QComboBox] = []
        pick_row = QHBoxLayout()
        for n in range(hr.MAX_COMPARED):
            combo = QComboBox()
            combo.setObjectName(f"compareCandidate{n + 1}")
            combo.setMinimumWidth(160)
            combo.currentIndexChanged.connect(lambda _i: self._show())
            self.pickers.append(combo)
            pick_row.addWidget(combo)
        pick_row.addStretch(1)
        self.error = error_label("compareError")
        self.grid = QTableWidget()
        self.grid.setObjectName("compareGrid")
        self.grid.setAccessibleName("Candidates side by side, criterion by criterion")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().hide()
        self.empty_label = plain_label(object_name="compareEmpty", role="hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.grid)
        # the choosing: shown once there are two to compare (not three empty drop-downs)
        self.picking = QWidget()
        picking = QVBoxLayout(self.picking)
        picking.setContentsMargins(0, 0, 0, 0)
        picking.addWidget(plain_label("Compare two or three candidates:", role="hint"))
        picking.addLayout(pick_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.picking)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)
        self._choices: list[tuple[str, int]] = []

    def reload(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page)."""
        if summaries is None:
            summaries = hr.list_summaries(self.wb)
        ranked = hr.rank(summaries)  # best first: the natural ones to compare
        choices = [
            (
                r.candidate.name + (f" ({r.candidate.role})" if r.candidate.role else ""),
                r.candidate.id,
            )
            for r in ranked
        ]
        if choices != self._choices:
            self._fill_pickers(choices)
        self._show()

    def _fill_pickers(self, choices: list[tuple[str, int]]) -> None:
        """The candidates to choose from, keeping the ones chosen where still there."""
        self._choices = choices
        chosen = [combo.currentData() for combo in self.pickers]
        ids = [candidate_id for _label, candidate_id in choices]
        defaults = [*ids[:2], None, None, None][: hr.MAX_COMPARED - 1] + [None]
        for n, combo in enumerate(self.pickers):
            combo.blockSignals(True)
            combo.clear()
            if n == hr.MAX_COMPARED - 1:
                combo.addItem("— no third —", None)
            for label, candidate_id in choices:
                combo.addItem(label, candidate_id)
            keep = chosen[n] if chosen[n] in ids else defaults[n]
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)

    def choose(self, *candidate_ids: int | None) -> None:
        for combo, candidate_id in zip(self.pickers, candidate_ids, strict=False):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(candidate_id)))
            combo.blockSignals(False)
        self._show()

    def _show(self) -> None:
        show_message(self.error, "")
        self.picking.setVisible(self.pickers[0].count() >= hr.MIN_COMPARED)
        if self.pickers[0].count() < hr.MIN_COMPARED:
            self.empty_label.setText(
                "Add at least two candidates on the Candidates tab to compare them side by side."
            )
            self.stack.setCurrentWidget(self.empty_label)
            return
        ids = [c.currentData() for c in self.pickers if c.currentData() is not None]
        try:
            comparison = hr.compare_candidates(self.wb, ids)
        except ValidationError as exc:
            show_message(self.error, exc.message)
            self.grid.clear()
            self.grid.setRowCount(0)
            self.stack.setCurrentWidget(self.grid)
            return
        self.stack.setCurrentWidget(self.grid)
        people = comparison.candidates
        self.grid.clear()
        self.grid.setColumnCount(2 + len(people))
        self.grid.setHorizontalHeaderLabels(["Quality", "Weight", *(c.name for c in people)])
        self.grid.setRowCount(len(comparison.rows) + 2)
        for row, item in enumerate(comparison.rows):
            c = item.criterion
            quality = QTableWidgetItem(c.quality + ("" if c.active else " (retired)"))
            quality.setToolTip(criterion_tip(c))
            self.grid.setItem(row, 0, quality)
            self.grid.setItem(row, 1, QTableWidgetItem(str(c.weight)))
            for n, score in enumerate(item.scores):
                text = "not scored" if score is None else str(score.score)
                if score is not None and score.note:
                    text += f" — {score.note}"
                cell = ToneItem(
                    text,
                    foreground="inactive" if score is None else "",
                    background="best_bg" if n in item.best else "",
                )
                cell.setToolTip(score.note if score and score.note else "")
                if n in item.best:
                    font = QFont()
                    font.setBold(True)
                    cell.setFont(font)
                self.grid.setItem(row, 2 + n, cell)
        total_row = len(comparison.rows)
        bold = QFont()
        bold.setBold(True)
        for row, label, values in (
            (
                total_row,
                "Weighted score",
                [hr.format_percent(t.percent, 1) for t in comparison.totals],
            ),
            (total_row + 1, "Scored", [t.progress for t in comparison.totals]),
        ):
            head = QTableWidgetItem(label)
            head.setFont(bold)
            self.grid.setItem(row, 0, head)
            self.grid.setItem(row, 1, QTableWidgetItem(""))
            for n, value in enumerate(values):
                total = QTableWidgetItem(value)
                total.setFont(bold)
                self.grid.setItem(row, 2 + n, total)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for n in range(len(people)):
            header.setSectionResizeMode(2 + n, QHeaderView.ResizeMode.Stretch)
        self.grid.resizeRowsToContents()
        for row in range(self.grid.rowCount()):  # room above and below wrapped notes
            self.grid.setRowHeight(row, self.grid.rowHeight(row) + 8)

    def cell_text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item else ""
