"""Charts: plain data in, a matplotlib ``Figure`` out. No pyplot, no Qt.

Importing this package imports nothing heavy, nor does ``cscoach.charts.theme`` (the colours
a chart is drawn in, as plain data: the screen passes the app's light or dark ones, paper
uses its own), ``cscoach.charts.dashboard_geometry`` (a dashboard's rows, columns and
margins) or ``cscoach.charts.kpi_status`` (a chart's status line in words);
``cscoach.charts.kpi_charts`` imports matplotlib, so import it only where a
chart is about to be drawn (the Qt canvas that shows these figures is
``cscoach.ui.pages.kpis.chart_canvas``).

matplotlib may be imported by two threads at once: the window imports it in parts while
the KPI page is open, and a print of the monthly review imports it in its worker thread.
Two threads importing the same circle of modules can hand one of them a module that is
only half run, so whichever thread imports matplotlib holds ``IMPORT_LOCK``
(``cscoach.imports``) meanwhile: a
worker imports the charts through ``kpi_charts_module`` (and the print worker imports
reportlab under the lock too).
"""

from __future__ import annotations

from types import ModuleType

# Re-exported: held by the thread importing a heavy library.
from cscoach.imports import IMPORT_LOCK as IMPORT_LOCK


def kpi_charts_module() -> ModuleType:
    """``cscoach.charts.kpi_charts``, imported under ``IMPORT_LOCK`` (waits while another
    thread is importing matplotlib)."""
    with IMPORT_LOCK:
        from cscoach.charts import kpi_charts

    return kpi_charts
