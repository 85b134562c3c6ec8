"""The KPI charts' canvas: a matplotlib canvas for Qt that draws only when its owner says so.

A plain ``FigureCanvasQTAgg`` draws itself on the next event-loop turn after every resize;
twenty of them resized together (a dashboard laid out, the window resized) would draw in
one go and freeze the window for a second. This canvas hands each draw request to a
callback instead (the Charts tab's queue, which draws one canvas per event-loop turn,
visible ones first), and until then paints its last picture stretched to its new size.

It also remembers what its figure shows (``key``: the data and the colour theme), so new
data that is the same as the drawn data costs nothing, and a switch between light and dark
draws it again. Imports matplotlib's Qt backend: import it on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PySide6.QtGui import QColor, QImage, QPainter

from cscoach.charts import kpi_charts


class ChartCanvas(FigureCanvasQTAgg):
    """A figure on screen, drawn when ``draw_now`` is called (see the module docstring)."""

    def __init__(
        self,
        request_draw: Callable[[ChartCanvas], None],
        *,
        width: float,
        height: float,
        background: str,
    ) -> None:
        self._request_draw: Callable[[ChartCanvas], None] | None = None
        super().__init__(Figure(figsize=(max(width, 1.0), max(height, 0.3)), dpi=100))
        self.figure.patch.set_facecolor(background)  # the chart theme's, until drawn
        self._request_draw = request_draw
        self.key: Hashable | None = None  # what the figure shows now
        self._wanted: tuple[Hashable, Callable[[Figure], object]] | None = None

    def show_content(self, key: Hashable, build: Callable[[Figure], object]) -> None:
        """Have ``build(figure)`` draw new content on the next ``draw_now`` unless ``key``
        says the figure already shows it."""
        if self._wanted is None and key == self.key:
            return
        self._wanted = (key, build)
        self.draw_idle()

    def draw_idle(self) -> None:
        """Ask the owner for a draw (never draws on its own timer)."""
        if self._request_draw is not None:
            self._request_draw(self)

    def draw_now(self) -> None:
        """Put the wanted content in the figure, fit its margins to the canvas and draw."""
        if self.width() <= 0 or self.height() <= 0:
            return  # not laid out yet: its first resize asks again
        if self.is_current():
            return  # resized and back to the size it was drawn at before its turn came
        if self._wanted is not None:
            self.key, build = self._wanted
            self._wanted = None
            build(self.figure)
        kpi_charts.relayout(self.figure)
        self.draw()

    def is_current(self) -> bool:
        """Whether the last drawn picture has the canvas's size and the wanted content."""
        renderer = getattr(self, "renderer", None)
        return (
            self._wanted is None
            and renderer is not None
            and (renderer.width, renderer.height) == self.get_width_height(physical=True)
        )

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The wheel scrolls the charts' area (the charts themselves do not zoom)."""
        event.ignore()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        renderer = getattr(self, "renderer", None)
        if renderer is not None and (renderer.width, renderer.height) == self.get_width_height(
            physical=True
        ):
            super().paintEvent(event)
            return
        # Not drawn yet: the figure's background (the canvas paints every pixel itself, so
        # else it shows garbage). Resized and not drawn again yet: its last picture, stretched.
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(to_hex(self.figure.get_facecolor())))
            if renderer is not None:
                buffer = memoryview(renderer.buffer_rgba())
                shape = buffer.shape
                assert shape is not None  # (rows, columns, 4): the Agg buffer is never 0-d
                image = QImage(buffer, shape[1], shape[0], QImage.Format.Format_RGBA8888)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(self.rect(), image)
        finally:
            painter.end()
