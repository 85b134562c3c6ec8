"""Heavy imports that two threads may do at once, and an import without its extras.

``IMPORT_LOCK`` is held by whichever thread imports a heavy library: the window importing
matplotlib in parts (``cscoach.ui.chart_import``), a print worker importing reportlab and
the charts (``cscoach.charts.kpi_charts_module``), the first write of a session importing
sqlite-utils (``import_without``). Two threads importing the same circle of modules at
once can hand one of them a module that is only half run.

No Qt here and nothing heavy: the model uses it too.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

IMPORT_LOCK = threading.Lock()
_ABSENT = object()


def import_without(name: str, *extras: str) -> ModuleType:
    """``name`` imported as if its optional ``extras`` were not installed.

    sqlite-utils imports numpy (0.1–0.3 s, and pandas when present) only to know numpy's
    number types, which CS Coach never stores: without them, the first write of a session
    takes a fraction of the time. The extras are hidden only while ``name`` is imported,
    under ``IMPORT_LOCK``, so a thread importing them (matplotlib needs numpy) never finds
    them missing; a module imported before stays exactly as it was."""
    if name in sys.modules:
        return sys.modules[name]
    with IMPORT_LOCK:
        if name in sys.modules:
            return sys.modules[name]
        saved = {extra: sys.modules.get(extra, _ABSENT) for extra in extras}
        for extra in extras:
            sys.modules[extra] = None  # type: ignore[assignment] # "import extra" fails
        try:
            return importlib.import_module(name)
        finally:
            for extra, module in saved.items():
                if module is _ABSENT:
                    sys.modules.pop(extra, None)
                else:
                    sys.modules[extra] = module  # type: ignore[assignment]
