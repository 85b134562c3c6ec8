"""The Patterns tab's chart on screen: a matplotlib canvas for Qt showing what customers said
per month (``cscoach.charts.feedback_charts``). Imports matplotlib's Qt backend: import it
only once ``chart_import`` has imported matplotlib (the Patterns tab does)."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backend_bases import PickEvent, ResizeEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from cscoach.charts import feedback_charts
from cscoach.charts.feedback_charts import KindBars
from cscoach.charts.theme import ChartTheme


class PatternsCanvas(FigureCanvasQTAgg):
    """The chart, drawn again only when its data or its colours change; a click on a bar's
    band calls ``picked(kind, month)``."""

    def __init__(self, picked: Callable[[str, str], None]) -> None:
        super().__init__(Figure(figsize=(6.0, 2.6), dpi=100))
        self.setObjectName("feedbackChart")
        self.setAccessibleName("What customers said, per month")
        self.key: tuple[KindBars, ChartTheme] | None = None
        self.picked = picked
        self.mpl_connect("resize_event", self._resized)
        self.mpl_connect("pick_event", self._picked)

    def _resized(self, _event: ResizeEvent) -> None:
        feedback_charts.relayout(self.figure)

    def _picked(self, event: PickEvent) -> None:
        kind_month = getattr(event.artist, "cscoach_pick", None)
        if kind_month is not None:
            self.picked(*kind_month)

    def show_data(self, data: KindBars, theme: ChartTheme) -> bool:
        """Draw ``data`` in ``theme``; False when that is what it shows already."""
        if self.key == (data, theme):
            return False
        self.key = (data, theme)
        feedback_charts.kinds_figure(data, figure=self.figure, theme=theme)
        self.draw()
        return True
