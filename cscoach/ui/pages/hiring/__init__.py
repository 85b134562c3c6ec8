"""The hiring page and its parts."""
