"""matplotlib imported on the GUI thread in parts, one part per event-loop turn.

Importing matplotlib with its Qt backend takes about 0.7 s, longer than drawing the charts
that need it. Done in one go it would freeze the window; done in parts (none much over
0.1 s), clicks and keys get through in between.

Two callers share the parts: the KPI page starts importing them a moment after it is first
shown (``warm_up``; the owner looks at the monthly figures before choosing Charts, and a
session that never opens the KPI page never pays the memory), and the Charts tab, shown
first, takes over wherever the import has got to (``import_next``).

A print worker may be importing matplotlib at the same time: a part is imported only while
this thread holds ``cscoach.charts.IMPORT_LOCK``, else it is tried again a moment later.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from cscoach import charts

CANVAS_MODULE = "cscoach.ui.pages.kpis.chart_canvas"  # the last part: it needs all the others
PARTS = (  # in import order, each about 0.1 s at most
    "numpy",
    "pyparsing",
    "PIL.PngImagePlugin",
    "matplotlib",
    "matplotlib.collections",
    "matplotlib.text",
    "matplotlib.backend_bases",
    "matplotlib.axes._base",
    "matplotlib.projections",
    "matplotlib.figure",
    "matplotlib.backends.backend_qt",
    CANVAS_MODULE,
)
WARM_UP_AFTER_MS = 100  # after the KPI page first shows: it is painted and taking input
BUSY_RETRY_MS = 50  # another thread holds the lock: look again this much later

_warming = False


def imported() -> bool:
    """Whether every part is imported (charts can be drawn at once)."""
    return CANVAS_MODULE in sys.modules


def import_next() -> int | None:
    """Import the next part. None when every part is imported; else how many milliseconds
    to wait before the next call (0 after a part, more while another thread imports)."""
    if imported():
        return None
    if not charts.IMPORT_LOCK.acquire(blocking=False):
        return BUSY_RETRY_MS
    try:
        waiting = [name for name in PARTS if name not in sys.modules]
        if waiting:
            importlib.import_module(waiting[0])
    finally:
        charts.IMPORT_LOCK.release()
    if imported():
        # matplotlib's modules live as long as the app: out of the garbage collector's
        # way, so its collections (60-90 ms with them, about 18 without) stay short.
        gc.freeze()
        return None
    return 0


def warm_up(after_ms: int | None = None) -> None:
    """Start importing the parts on the event-loop turns from ``after_ms`` on (once;
    default ``WARM_UP_AFTER_MS``)."""
    global _warming
    if _warming or imported():
        return
    _warming = True
    QTimer.singleShot(WARM_UP_AFTER_MS if after_ms is None else after_ms, _warm_up_step)


def _warm_up_step() -> None:
    global _warming
    wait = import_next()
    if wait is None:
        _warming = False
    else:
        QTimer.singleShot(wait, _warm_up_step)


class ChartStarter(QObject):
    """A tab that shows a chart first shows ``placeholder`` ("Drawing charts…"); once it
    is painted (or ``after_ms`` later if it never is, the window being covered), matplotlib
    is imported a part per event-loop turn, then ``ready()`` puts the chart on screen."""

    def __init__(self, placeholder: QWidget, ready: Callable[[], object], after_ms: int) -> None:
        super().__init__(placeholder)
        self.placeholder, self.ready, self.after_ms = placeholder, ready, after_ms
        self.starting = False  # matplotlib is being imported

    def start(self) -> None:
        """Begin, unless already begun."""
        if self.starting:
            return
        self.starting = True
        self.placeholder.installEventFilter(self)
        QTimer.singleShot(self.after_ms, self, self._step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.placeholder and event.type() == QEvent.Type.Paint and self.starting:
            QTimer.singleShot(0, self, self._step)
        return super().eventFilter(watched, event)

    def _step(self) -> None:
        if not self.starting:
            return
        self.placeholder.removeEventFilter(self)
        wait = import_next()
        if wait is not None:
            QTimer.singleShot(wait, self, self._step)
            return
        self.starting = False
        self.ready()
