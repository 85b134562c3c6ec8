"""The workbook model: the only place that speaks SQL. No Qt, no matplotlib, no reportlab."""
