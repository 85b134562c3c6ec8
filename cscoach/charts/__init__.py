"""Charts: plain data in, a matplotlib ``Figure`` out. No pyplot, no Qt.

Importing this package imports nothing heavy, nor does ``cscoach.charts.theme`` (the colours
a chart is drawn in, as plain data: the screen passes the app's light or dark ones, paper
uses its own); ``cscoach.charts.kpi_charts`` imports matplotlib, so import it only where a
chart is about to be drawn (the Qt canvas that shows these figures is
``cscoach.ui.pages.kpi_chart_canvas``).
"""
