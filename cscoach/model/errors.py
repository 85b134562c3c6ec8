"""Errors the model raises.

``ValidationError`` is bad input from the user: it names the field so the UI can show the
message beside it and the command line can print it. ``WorkbookError`` and its subclasses
are problems with the file itself. Both carry a message written for the owner.
"""

from __future__ import annotations


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

    def __init__(self, message: str, holder: dict | None = None) -> None:
        super().__init__(message)
        self.holder = holder or {}


class ReadOnlyError(WorkbookError):
    """A change was attempted on a workbook opened read-only."""
