"""Errors the model raises.

``ValidationError`` is bad input from the user: it names the field so the UI can show the
message beside it and the command line can print it. ``WorkbookError`` and its subclasses
are problems with the file itself. Both carry a message written for the owner.
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Any

# What SQLite raises when a write fails below the model (a full disk, an I/O error, the
# file made read-only): the UI catches it by this name and never imports sqlite3 itself.
StorageError = sqlite3.Error


class CsCoachError(Exception):
    """Base class for every error that is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(CsCoachError):
    """A value the user entered is not acceptable; nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class WorkbookError(CsCoachError):
    """The workbook file cannot be used as asked."""


class NotAWorkbookError(WorkbookError):
    """The file is not a CS Coach workbook (empty, damaged, or another program's file)."""


class TooNewError(WorkbookError):
    """The workbook was written by a newer CS Coach."""


class WorkbookLockedError(WorkbookError):
    """Another CS Coach has the workbook open for writing."""

    def __init__(self, message: str, holder: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.holder = holder or {}


class ReadOnlyError(WorkbookError):
    """A change was attempted on a workbook opened read-only."""


def describe_failure(exc: BaseException) -> str:
    """A sentence for the owner about a write that failed below the model (disk full, a
    file made read-only, an I/O error). Every write is one transaction, so nothing was
    half-saved: the message says so."""
    text = str(exc).lower()
    no_space = getattr(exc, "errno", None) in (errno.ENOSPC, getattr(errno, "EDQUOT", None))
    if no_space or "full" in text or "no space" in text or "quota" in text:
        problem = "the disk is full"
        advice = "Free some space on the disk, then try again."
    elif "readonly" in text or "read-only" in text or "permission" in text:
        problem = "the workbook file cannot be written to"
        advice = "Check that the file and its folder are not read-only, then try again."
    elif "locked" in text or "busy" in text:
        problem = "another program is using the workbook file"
        advice = "Close the other program, then try again."
    elif "disk i/o" in text or isinstance(exc, OSError):
        problem = "the disk reported an error"
        advice = "Check the disk or save a copy elsewhere with File ▸ Save a Copy…."
    else:
        return (
            f"Something unexpected went wrong ({type(exc).__name__}: {exc}). Your workbook "
            "is safe: every change is saved in one step, so nothing is ever half-saved. If it "
            "happens again, save a copy of the workbook and report the problem."
        )
    return (
        f"Your last change could not be saved because {problem}. Nothing was changed: the "
        f"workbook is as it was before. {advice}"
    )
