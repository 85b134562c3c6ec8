"""The ``--crash-kills`` option of the crash-safety test, and a summary of what the
robustness tests ran (kills, bad inputs, fuzz examples) at the end of the session.

Loaded from ``tests/conftest.py``, so ``pytest --crash-kills=N`` works;
``CSCOACH_CRASH_KILLS=N`` does too.
"""

from __future__ import annotations

import os

import pytest
from helpers.tally import TALLY

DEFAULT_KILLS = 8  # per command: short enough for CI
ENV_KILLS = "CSCOACH_CRASH_KILLS"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--crash-kills",
        type=int,
        default=None,
        metavar="N",
        help=f"kills per command in the crash-safety test (default {DEFAULT_KILLS}, or "
        f"${ENV_KILLS}); use a few hundred for a long run",
    )


@pytest.fixture(scope="session")
def crash_kills(pytestconfig: pytest.Config) -> int:
    """How many times to kill each command: the option, else the environment, else 8."""
    value = pytestconfig.getoption("crash_kills", default=None)
    if value is None:
        value = int(os.environ.get(ENV_KILLS) or DEFAULT_KILLS)
    if value < 1:
        raise pytest.UsageError("--crash-kills must be at least 1")
    return value


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    if not TALLY:
        return
    terminalreporter.section("robustness tally")
    for key in sorted(TALLY):
        terminalreporter.write_line(f"{key}: {TALLY[key]}")
