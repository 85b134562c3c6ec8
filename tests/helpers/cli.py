"""Running the command line as the owner would, and looking at a workbook from outside."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

COMMAND = [sys.executable, "-m", "cscoach"]


def headless_env(data_dir: Path) -> dict[str, str]:
    """The environment of a terminal with no display, with a private data folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MPLBACKEND")
    }
    env["CSCOACH_DATA_DIR"] = str(data_dir)
    return env


def run(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``cscoach ARGS`` as a real process."""
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=headless_env(cwd / "data"),
        timeout=timeout,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_error_line(err: str, *fragments: str) -> str:
    """Exactly one line ``cscoach: error: …`` holding every fragment; returns the line."""
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one error line, got: {err!r}"
    assert lines[0].startswith("cscoach: error: "), err
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    return lines[0]


def query_read_only(path: Path, sql: str) -> list[tuple]:
    """Rows read with a plain read-only SQLite connection (no CS Coach code involved)."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def kpi_state(path: Path) -> tuple[int, str]:
    """(number of KPI entries, a hash of their contents). ``updated_at`` is left out: it is
    the time of writing, not the data."""
    rows = query_read_only(
        path,
        "SELECT kpi_id, month, quote(value), note, coalesce(counts, '') FROM kpi_entries "
        "ORDER BY kpi_id, month",
    )
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode())
    return len(rows), h.hexdigest()


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table: a whole-workbook fingerprint that does not depend on timestamps."""
    names = [
        r[0]
        for r in query_read_only(
            path,
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
    ]
    return {n: query_read_only(path, f'SELECT count(*) FROM "{n}"')[0][0] for n in sorted(names)}
