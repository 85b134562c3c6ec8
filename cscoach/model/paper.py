"""The paper a workbook prints on: A4 or US Letter, by default the owner's locale's.

A new workbook takes the paper of the locale it is created in (the same rule the C library
uses: ``LC_ALL``, else ``LC_PAPER``, else ``LANG``; US Letter in the countries of the
Americas and the Philippines that use it, A4 everywhere else); the owner changes it later
(File › Paper Size in the app, ``--page-size`` for one print on the command line).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

A4, LETTER = "a4", "letter"  # the paper sizes, as stored and typed (--page-size)
PAGE_SIZES = (A4, LETTER)
LABELS = {A4: "A4", LETTER: "US Letter"}  # as the owner reads them
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "CR", "DO", "GT", "NI", "PA", "SV"}
)
_TERRITORY = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?![A-Za-z])")


def locale_page_size(environ: Mapping[str, str] | None = None) -> str:
    """ "letter" or "a4", from the locale named in ``environ`` (default: this process's)."""
    env = os.environ if environ is None else environ
    name = next((env[key] for key in ("LC_ALL", "LC_PAPER", "LANG") if env.get(key)), "")
    found = _TERRITORY.match(name)
    return LETTER if found and found.group(1).upper() in LETTER_TERRITORIES else A4
