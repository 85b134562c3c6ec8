"""The Training page: sessions (who was trained on what, refreshers due) and success stories."""
