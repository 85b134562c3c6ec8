"""The KPI page's Charts tab: one KPI or the dashboard of all, over 12, 24 months or all.

Quick on a large workbook and never freezing the window:

- the tab appears at once with its notes and standards, and "Drawing charts…" where the
  charts go; matplotlib (about 0.7 s to import with its Qt backend) is imported in parts
  on the next event-loop turns (``chart_import``), never when the page module is imported,
  and usually already while the owner looks at the monthly figures;
- the dashboard is one small canvas per KPI, not one big figure, and canvases are drawn one
  per event-loop turn, the visible ones first, so clicks and keys get through in between;
- after an edit every series is read again (cheap) and only the charts whose data changed
  are drawn again: usually one panel;
- the charts are drawn in the app's light or dark colours (``chart_theme``) and drawn
  again when the scheme changes while the app runs (printed charts stay light).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cscoach.charts import dashboard_geometry
from cscoach.charts.theme import ChartTheme
from cscoach.model import kpi_series, kpis
from cscoach.model.months import month_label
from cscoach.model.workbook import Workbook
from cscoach.ui import chart_import, style
from cscoach.ui.widgets import plain_label, text_side

if TYPE_CHECKING:
    from cscoach.ui.pages.kpis.chart_canvas import ChartCanvas  # imports matplotlib

DASHBOARD = "dashboard"
MIN_PANEL_INCHES = 1.6  # a panel's plot: below this the dashboard scrolls instead of shrinking
MIN_KPI_INCHES = 3.4
DPI = 100  # the figures' dots per inch on screen (at a device pixel ratio of 1)
RANGES = (("Last 12 months", 12), ("Last 24 months", 24), ("Everything", None))
START_AFTER_MS = 200  # import matplotlib then at the latest, painted placeholder or not
NOTES_SHARE = 0.15  # of the tab's height, at most, for the notes under the charts
DARK_SHADE_ALPHA = 0.13  # the on-target side shaded a little more on a dark background


def chart_theme(palette: style.Palette | None = None) -> ChartTheme:
    """The charts' colours taken from the app's palette (default: the one in use), so the
    charts look like the rest of the window in light and in dark mode."""
    p = palette or style.current()
    return ChartTheme(
        background=p.base,
        text=p.text,
        muted=p.muted,
        grid=p.chart_grid,
        axis=p.chart_axis,
        values=p.accent,
        target=p.header_text,
        on_target=p.better,
        off_target=p.error,
        rolling=p.chart_rolling,
        note=p.chart_note,
        shade_alpha=DARK_SHADE_ALPHA if p is style.DARK else ChartTheme.shade_alpha,
    )


@dataclass
class _View:
    """What the scroll area shows: one KPI's canvas, or the dashboard's legend and panels."""

    key: tuple  # what it was built for
    widget: QWidget
    canvas: ChartCanvas | None = None
    legend: ChartCanvas | None = None
    panels: dict[int, ChartCanvas] = field(default_factory=dict)  # by KPI id


class ChartsTab(QWidget):
    """Charts built on first show; ``reload`` redraws the ones whose data changed.

    ``busy`` is True while a chart on screen still has to be drawn; ``charts_drawn`` is
    emitted when the last one is.
    """

    standards_requested = Signal()  # open the Standards page
    charts_drawn = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiChartsTab")
        self.wb = wb
        self.today: dt.date | None = today
        self.stale = True
        self._choice: object = None
        self._shown: list[kpi_series.KpiSeries] = []
        self._views: dict[str, _View] = {}  # "kpi" and "dashboard", the one shown and not
        self._view: _View | None = None  # the one in the scroll area
        self._queue: list = []  # canvases waiting to be drawn
        self._turn_pending = False

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

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("chartScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.placeholder = plain_label("Drawing charts…", role="hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.starter = chart_import.ChartStarter(
            self.placeholder, self._charts_ready, START_AFTER_MS
        )
        self.scroll_area.setWidget(self.placeholder)
        self.notes_label = QPlainTextEdit()
        self.notes_label.setObjectName("chartNotes")
        self.notes_label.setReadOnly(True)
        self._fit_notes(self.height())
        self.notes_label.setAccessibleName("Notes in these months")
        self.selected_note = plain_label(object_name="chartSelectedNote", role="feedback")
        self.selected_note.setWordWrap(True)
        self.standards_label = plain_label(object_name="chartStandards", role="hint")
        self.standards_label.setWordWrap(True)
        self.standards_link = QPushButton("Open Standards ›")
        self.standards_link.setObjectName("chartStandardsLink")
        self.standards_link.setProperty("role", "link")
        self.standards_link.clicked.connect(lambda: self.standards_requested.emit())
        self.notes_toggle = QPushButton()
        self.notes_toggle.setObjectName("chartNotesToggle")
        self.notes_toggle.setProperty("role", "link")
        self.notes_toggle.setCheckable(True)
        self.notes_toggle.setChecked(True)
        self.notes_toggle.toggled.connect(self._show_notes)
        standards_row = QHBoxLayout()
        standards_row.addWidget(self.standards_label, 1)
        standards_row.addWidget(self.standards_link)
        standards_row.addWidget(self.notes_toggle)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.selected_note)
        layout.addLayout(standards_row)
        layout.addWidget(self.notes_label)
        self._fill_choices()
        style.notifier().changed.connect(self._scheme_changed)

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

    @property
    def canvas(self):  # noqa: ANN201 - a ChartCanvas, not imported here
        """One KPI's chart while one KPI is shown."""
        return self._view.canvas if self._view is not None else None

    @property
    def figure(self):  # noqa: ANN201 - a matplotlib Figure, not imported here
        """The figure of the one KPI shown (None on the dashboard)."""
        return self.canvas.figure if self.canvas is not None else None

    @property
    def panels(self) -> dict:
        """The dashboard's canvases by KPI id while the dashboard is shown."""
        return self._view.panels if self._view is not None else {}

    @property
    def legend(self):  # noqa: ANN201
        """The dashboard's legend canvas while the dashboard is shown."""
        return self._view.legend if self._view is not None else None

    @property
    def busy(self) -> bool:
        """Whether a chart on screen still has to be drawn (hidden, the tab waits)."""
        waiting = self._turn_pending or bool(self._queue)
        return self.starter.starting or (waiting and self.isVisible())

    @property
    def busy_on_screen(self) -> bool:
        """Whether a chart the owner can see right now still has to be drawn (the ones
        scrolled out of sight are drawn after them)."""
        if self.starter.starting:
            return True
        return self.isVisible() and any(not c.visibleRegion().isEmpty() for c in self._queue)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_notes(event.size().height())

    def _fit_notes(self, height: int) -> None:
        """The notes under the charts take a sixth or so of the tab: up to five lines in a
        tall window, two or three in a short one (they scroll), so the charts win."""
        notes = self.notes_label
        lines = min(max(height * NOTES_SHARE, text_side(notes, 2, 16)), text_side(notes, 5, 16))
        if notes.maximumHeight() != int(lines):
            notes.setMaximumHeight(int(lines))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.redraw()
        else:
            self._schedule()  # draws left waiting while the tab was hidden

    def reload(self) -> None:
        self._fill_choices()
        self.stale = True
        if self.isVisible():
            self.redraw()

    def _scheme_changed(self, _scheme: str) -> None:
        """Light or dark mode changed while the app runs: draw the charts on screen again in
        the new colours (a hidden tab does so when shown; the hidden view when shown)."""
        if self._view is None:
            return
        if self.isVisible() and not self.starter.starting:
            self._put_charts()
        else:
            self.stale = True

    def show_kpi(self, kpi_id: int | str) -> None:
        index = self.chart_combo.findData(kpi_id)
        if index >= 0:
            self.chart_combo.setCurrentIndex(index)

    def redraw(self) -> None:
        """Read the chosen KPIs' data and show their notes and standards now; the charts
        whose data changed are drawn on the next event-loop turns."""
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        choice = self.chart_combo.currentData()
        first, last = kpi_series.chart_range(
            self.wb, self.range_combo.currentData(), today=self.today
        )
        if choice == DASHBOARD:
            shown = kpi_series.dashboard_series(self.wb, first, last, today=self.today)
        else:
            shown = [kpi_series.series(self.wb, int(choice), first, last)]
        self._choice, self._shown = choice, shown
        self.selected_note.setText("")
        self._show_standards(None if choice == DASHBOARD else int(choice))
        notes = self._notes_text(shown)
        self.notes_label.setPlainText(notes)
        self.notes_toggle.setVisible(bool(notes))
        self._show_notes(self.notes_toggle.isChecked())

    def _show_notes(self, shown: bool) -> None:
        """The notes under the charts fold away (the charts get the room) and come back."""
        has_notes = bool(self.notes_label.toPlainText())
        self.notes_label.setVisible(shown and has_notes)
        self.notes_toggle.setText("Hide Notes ▴" if shown else "Show Notes ▾")
        if chart_import.imported():
            layout = self.layout()
            assert layout is not None
            layout.activate()  # the chart area's final size, the notes and standards shown
            self._put_charts()
        else:
            self.starter.start()  # the tab shows first, "Drawing charts…"

    def _charts_ready(self) -> None:
        """matplotlib imported (the KPI page may have started it): the charts go on screen."""
        self._put_charts()
        self._carry_on()

    # -- the canvases ---------------------------------------------------------------

    def _put_charts(self) -> None:
        """Give each canvas its data (building the canvases when the layout changed)."""
        from cscoach.charts import kpi_charts

        shown = self._shown
        theme = chart_theme()
        if self._choice != DASHBOARD:
            view = self._show_view("kpi", ("kpi",), self._build_single)
            assert view.canvas is not None  # one KPI's view is its canvas
            series = shown[0]
            view.canvas.show_content((series, theme), partial(_kpi_figure, series, theme))
            return
        columns = dashboard_geometry.dashboard_layout(len(shown))[1]
        key = ("dashboard", tuple(s.kpi_id for s in shown), columns)
        view = self._show_view("dashboard", key, partial(self._build_dashboard, shown, columns))
        if view.legend is not None:
            gids = kpi_charts.legend_gids(shown)
            view.legend.show_content((gids, theme), partial(_legend_figure, gids, theme))
        for series in shown:
            content = (series, columns, theme)
            view.panels[series.kpi_id].show_content(content, partial(_panel_figure, *content))

    def _show_view(self, kind: str, key: tuple, build: Callable[[tuple], _View]) -> _View:
        """Put the view of ``kind`` in the scroll area, built again only if ``key`` changed:
        the dashboard waits hidden while one KPI is shown, so coming back costs nothing."""
        view = self._views.get(kind)
        if view is None or view.key != key:
            if view is not None:
                view.widget.deleteLater()
            view = self._views[kind] = build(key)
        if self._view is not view:
            self._queue.clear()  # the hidden view's canvases ask again when shown
            self.scroll_area.takeWidget()
            self.scroll_area.setWidget(view.widget)
            self._view = view
        return view

    def _new_canvas(self, width: float, height: float) -> ChartCanvas:
        from cscoach.ui.pages.kpis.chart_canvas import ChartCanvas

        canvas = ChartCanvas(
            self._request_draw, width=width, height=height, background=chart_theme().background
        )
        canvas.mpl_connect("motion_notify_event", self._hover)
        canvas.mpl_connect("pick_event", self._picked)
        return canvas

    def _build_single(self, key: tuple) -> _View:
        viewport = self.scroll_area.viewport().size()
        canvas = self._new_canvas(viewport.width() / DPI, viewport.height() / DPI)
        canvas.setObjectName("chartCanvas")
        canvas.setMinimumHeight(int(MIN_KPI_INCHES * DPI))
        return _View(key, canvas, canvas=canvas)

    def _build_dashboard(
        self, shown: list[kpi_series.KpiSeries], columns: int, key: tuple
    ) -> _View:
        """The legend over a grid of one canvas per KPI, each sized near its final size
        (so the first draw is the only one)."""
        container = QWidget()
        container.setObjectName("chartDashboard")
        outer = QVBoxLayout(container)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if not shown:
            empty = plain_label("No active KPIs to chart.", role="hint")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(empty)
            return _View(key, container)
        rows = dashboard_geometry.dashboard_layout(len(shown))[0]
        viewport = self.scroll_area.viewport().size()
        legend_px = int(dashboard_geometry.LEGEND_SPACE * DPI)
        smallest = dashboard_geometry.PANEL_TOP + dashboard_geometry.BOTTOM_SPACE + MIN_PANEL_INCHES
        width = max(viewport.width() / columns / DPI, 1.2)
        height = max((viewport.height() - legend_px) / rows / DPI, smallest)
        legend = self._new_canvas(viewport.width() / DPI, dashboard_geometry.LEGEND_SPACE)
        legend.setObjectName("chartLegend")
        legend.setFixedHeight(legend_px)
        outer.addWidget(legend)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        panels = {}
        for index, series in enumerate(shown):
            panel = self._new_canvas(width, height)
            panel.setObjectName("chartPanel")
            panel.setAccessibleName(series.name)
            panel.setMinimumSize(int(1.2 * DPI), int(smallest * DPI))
            panel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            grid.addWidget(panel, index // columns, index % columns)
            panels[series.kpi_id] = panel
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        outer.addLayout(grid, 1)
        return _View(key, container, legend=legend, panels=panels)

    # -- drawing, one canvas per event-loop turn ------------------------------------

    def _request_draw(self, canvas: ChartCanvas) -> None:
        """A canvas asks to be drawn (new data, or resized)."""
        if canvas.is_current():
            return  # shown again at the size it was drawn at: its picture is still right
        if canvas not in self._queue:
            self._queue.append(canvas)
        self._schedule()

    def _schedule(self) -> None:
        if self._queue and not self._turn_pending and self.isVisible():
            self._turn_pending = True
            QTimer.singleShot(0, self, self._draw_turn)

    def _draw_turn(self) -> None:
        """Draw one waiting canvas, one that can be seen first, then come back next turn."""
        self._turn_pending = False
        if not self.isVisible():
            return  # showEvent carries on
        try:
            waiting = self._queue
            if waiting:
                canvas = next((c for c in waiting if not c.visibleRegion().isEmpty()), waiting[0])
                waiting.remove(canvas)
                canvas.draw_now()
        finally:  # one chart failing to draw must not stop the others
            self._carry_on()

    def _carry_on(self) -> None:
        """Come back for the next canvas, or say that every chart is drawn."""
        if self._queue:
            self._schedule()
        else:
            self.charts_drawn.emit()

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
    def _notes_text(shown: list[kpi_series.KpiSeries]) -> str:
        lines = []
        for series in shown:
            for month, note in zip(series.months, series.notes, strict=True):
                if note:
                    prefix = f"{series.name}, " if len(shown) > 1 else ""
                    text = " ".join(note.split())
                    lines.append(f"• {prefix}{month_label(month, short=True)}: {text}")
        if not lines:
            return ""
        more = len(lines) - 8
        shown_lines = lines[-8:]
        head = "Notes in these months" + (f" (the latest 8 of {len(lines)})" if more > 0 else "")
        return head + ":\n" + "\n".join(shown_lines)

    def _note_at(self, event) -> str | None:
        """The note on the point under the mouse, or the action done that month (its
        triangle: the 3-month averages before and after)."""
        if event.inaxes is None:
            return None
        for line in event.inaxes.get_lines():
            gid = line.get_gid()
            if gid not in ("notes", "actions"):
                continue
            hit, info = line.contains(event)
            if hit and info.get("ind") is not None and len(info["ind"]):
                index = int(info["ind"][0])
                if gid == "actions":
                    return line.cscoach_actions[index][1]
                month, note = line.cscoach_notes[index]
                return f"{month_label(month)}: {note}"
        return None

    def _hover(self, event) -> None:
        text = self._note_at(event)
        if text:
            QToolTip.showText(QCursor.pos(), text, event.canvas)
        else:
            QToolTip.hideText()

    def _picked(self, event) -> None:
        artist = event.artist
        if artist.get_gid() != "notes" or not len(event.ind):
            return
        month, note = artist.cscoach_notes[int(event.ind[0])]
        self.selected_note.setText(f"{month_label(month)}: {note}")


def _kpi_figure(series: kpi_series.KpiSeries, theme: ChartTheme, figure) -> None:  # noqa: ANN001
    from cscoach.charts import kpi_charts

    kpi_charts.kpi_figure(series, figure=figure, theme=theme)


def _panel_figure(
    series: kpi_series.KpiSeries,
    columns: int,
    theme: ChartTheme,
    figure,  # noqa: ANN001
) -> None:
    from cscoach.charts import kpi_charts

    kpi_charts.panel_figure(series, columns, figure=figure, theme=theme)


def _legend_figure(gids: tuple[str, ...], theme: ChartTheme, figure) -> None:  # noqa: ANN001
    from cscoach.charts import kpi_charts

    kpi_charts.legend_figure(gids, figure=figure, theme=theme)
