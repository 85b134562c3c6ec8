"""The philosophy page and its parts."""
