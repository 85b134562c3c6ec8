"""The kpis page and its parts."""
