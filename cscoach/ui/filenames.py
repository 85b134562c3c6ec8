"""Suggested file names made from user text (a round's name, a candidate's name)."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str) -> str:
    """``name`` with characters no file system accepts replaced, spaces kept readable."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("-", stem).strip(" .-") or "document"
    stem = re.sub(r"\s+", " ", stem)[:120]
    return f"{stem}.{suffix}" if suffix else stem
