"""What a printed document says about itself (no reportlab here: the command line reads
it without loading the PDF library)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model.paper import A4


@dataclass(frozen=True)
class DocumentInfo:
    """What the running header and footer print on every page."""

    title: str
    business: str
    page_size: str = A4
    printed_on: dt.date | None = None
    subtitle: str = ""
    footer_note: str = ""  # e.g. "Reviewed 1 October 2026 · next review 1 April 2027"
    landscape: bool = False
