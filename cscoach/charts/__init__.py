"""Charts: plain data in, a matplotlib ``Figure`` out. No pyplot, no Qt.

Importing this package imports nothing heavy; ``cscoach.charts.kpi_charts`` imports
matplotlib, so import it only where a chart is about to be drawn (the Qt canvas that shows
these figures is ``cscoach.ui.pages.kpi_chart_canvas``).
"""
