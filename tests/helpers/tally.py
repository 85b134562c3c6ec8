"""Counts the robustness tests keep (kills, inputs, fuzz examples); printed at the end of
the session by ``plugins.crash_options``."""

from __future__ import annotations

from collections import Counter

TALLY: Counter[str] = Counter()


def count(key: str, n: int = 1) -> None:
    TALLY[key] += n
