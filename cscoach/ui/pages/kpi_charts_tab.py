"""The KPI page's Charts tab: one KPI or the dashboard of all, over 12, 24 months or all.

matplotlib (and its Qt backend, about half a second to import) is loaded the first time the
tab is shown, never when the page module is imported.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kpis
from cscoach.model.workbook import Workbook
from cscoach.ui.widgets import plain_label

DASHBOARD = "dashboard"
MIN_PANEL_INCHES = 1.6  # below this the dashboard scrolls instead of shrinking
MIN_KPI_INCHES = 3.4
RANGES = (("Last 12 months", 12), ("Last 24 months", 24), ("Everything", None))


class ChartsTab(QWidget):
    """Charts built on first show; ``reload`` redraws them if they exist."""

    standards_requested = Signal()  # open the Standards page

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiChartsTab")
        self.wb = wb
        self.today: dt.date | None = today
        self.canvas = None  # a FigureCanvasQTAgg once shown
        self.figure = None
        self.stale = True

        self.chart_combo = QComboBox()
        self.chart_combo.setObjectName("chartChoice")
        self.chart_combo.setAccessibleName("Chart")
        self.chart_combo.setMinimumContentsLength(28)
        self.range_combo = QComboBox()
        self.range_combo.setObjectName("chartRange")
        self.range_combo.setAccessibleName("Months shown")
        for label, months in RANGES:
            self.range_combo.addItem(label, months)
        self.chart_combo.currentIndexChanged.connect(lambda _i: self.redraw())
        self.range_combo.currentIndexChanged.connect(lambda _i: self.redraw())
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Show"))
        bar.addWidget(self.chart_combo)
        bar.addSpacing(12)
        bar.addWidget(self.range_combo)
        bar.addStretch(1)
        self.hint = plain_label("Circled points have a note: point at one to read it.", role="hint")
        bar.addWidget(self.hint)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("chartScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.placeholder = plain_label("The charts appear here.", role="hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.placeholder)
        self.notes_label = QPlainTextEdit()
        self.notes_label.setObjectName("chartNotes")
        self.notes_label.setReadOnly(True)
        self.notes_label.setMaximumHeight(86)
        self.notes_label.setAccessibleName("Notes in these months")
        self.selected_note = plain_label(object_name="chartSelectedNote", role="feedback")
        self.selected_note.setWordWrap(True)
        self.standards_label = plain_label(object_name="chartStandards", role="hint")
        self.standards_label.setWordWrap(True)
        self.standards_link = QPushButton("Open Standards ›")
        self.standards_link.setObjectName("chartStandardsLink")
        self.standards_link.setProperty("role", "link")
        self.standards_link.clicked.connect(lambda: self.standards_requested.emit())
        standards_row = QHBoxLayout()
        standards_row.addWidget(self.standards_label, 1)
        standards_row.addWidget(self.standards_link)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.selected_note)
        layout.addLayout(standards_row)
        layout.addWidget(self.notes_label)
        self._fill_choices()

    def _fill_choices(self) -> None:
        current = self.chart_combo.currentData()
        self.chart_combo.blockSignals(True)
        self.chart_combo.clear()
        self.chart_combo.addItem("Dashboard: all KPIs", DASHBOARD)
        for kpi in kpis.list_kpis(self.wb, include_retired=False, today=self.today):
            self.chart_combo.addItem(kpi.name, kpi.id)
        index = self.chart_combo.findData(current) if current is not None else 0
        self.chart_combo.setCurrentIndex(max(index, 0))
        self.chart_combo.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.redraw()

    def reload(self) -> None:
        self._fill_choices()
        self.stale = True
        if self.isVisible():
            self.redraw()

    def show_kpi(self, kpi_id: int | str) -> None:
        index = self.chart_combo.findData(kpi_id)
        if index >= 0:
            self.chart_combo.setCurrentIndex(index)

    def redraw(self) -> None:
        """Build the chosen figure and put it on screen (imports matplotlib the first time)."""
        if not self.isVisible():
            self.stale = True
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from cscoach.charts import kpi_charts

        self.stale = False
        choice = self.chart_combo.currentData()
        first, last = kpis.chart_range(self.wb, self.range_combo.currentData(), today=self.today)
        if choice == DASHBOARD:
            shown = kpis.dashboard_series(self.wb, first, last, today=self.today)
            figure = kpi_charts.dashboard_figure(shown)
            smallest = kpi_charts.dashboard_figure_height(len(shown), MIN_PANEL_INCHES)
        else:
            shown = [kpis.series(self.wb, int(choice), first, last)]
            figure = kpi_charts.kpi_figure(shown[0], width=9.5, height=5.0)
            smallest = MIN_KPI_INCHES
        old = self.canvas
        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setMinimumHeight(int(smallest * figure.dpi))
        self.canvas.mpl_connect("resize_event", lambda _e: kpi_charts.relayout(figure))
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.canvas.mpl_connect("pick_event", self._picked)
        self.scroll.takeWidget()
        self.scroll.setWidget(self.canvas)
        if old is not None:
            old.deleteLater()
        self.selected_note.setText("")
        self._show_standards(None if choice == DASHBOARD else int(choice))
        notes = self._notes_text(shown)
        self.notes_label.setPlainText(notes)
        self.notes_label.setVisible(bool(notes))

    def _show_standards(self, kpi_id: int | None) -> None:
        """Under one KPI's chart: the standards it shows are being met."""
        from cscoach.model import standards

        measured = [] if kpi_id is None else standards.measured_by(self.wb, kpi_id)
        if kpi_id is not None and not measured:
            text = "No standard names this KPI yet: on the Standards page, choose it as the KPI "
            text += "that shows whether a standard is met."
        else:
            text = "Standards this KPI shows: " + "; ".join(s.title for s in measured)
        self.standards_label.setText(text)
        self.standards_label.setVisible(kpi_id is not None)
        self.standards_link.setVisible(kpi_id is not None)

    @staticmethod
    def _notes_text(shown: list[kpis.KpiSeries]) -> str:
        lines = []
        for series in shown:
            for month, note in zip(series.months, series.notes, strict=True):
                if note:
                    prefix = f"{series.name}, " if len(shown) > 1 else ""
                    text = " ".join(note.split())
                    lines.append(f"• {prefix}{kpis.month_label(month, short=True)}: {text}")
        if not lines:
            return ""
        more = len(lines) - 8
        shown_lines = lines[-8:]
        head = "Notes in these months" + (f" (the latest 8 of {len(lines)})" if more > 0 else "")
        return head + ":\n" + "\n".join(shown_lines)

    def _note_at(self, event) -> str | None:
        if self.figure is None or event.inaxes is None:
            return None
        for line in event.inaxes.get_lines():
            if line.get_gid() != "notes":
                continue
            hit, info = line.contains(event)
            if hit and info.get("ind") is not None and len(info["ind"]):
                month, note = line.cscoach_notes[int(info["ind"][0])]
                return f"{kpis.month_label(month)}: {note}"
        return None

    def _hover(self, event) -> None:
        text = self._note_at(event)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()

    def _picked(self, event) -> None:
        artist = event.artist
        if artist.get_gid() != "notes" or not len(event.ind):
            return
        month, note = artist.cscoach_notes[int(event.ind[0])]
        self.selected_note.setText(f"{kpis.month_label(month)}: {note}")
