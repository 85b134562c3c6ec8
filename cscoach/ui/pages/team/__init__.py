"""The team page and its parts."""
