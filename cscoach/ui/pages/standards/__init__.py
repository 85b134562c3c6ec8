"""The standards page and its parts."""
