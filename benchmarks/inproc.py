"""In-process measurements, one kind per run: ``python benchmarks/inproc.py KIND WORKBOOK``.

KIND is one of

- ``startup``: where start-up time goes (imports, QApplication, opening the workbook, the
  main window with its first page, the first paint) and which heavy modules are loaded by
  then; run it on the display you want to study.
- ``pages``: every page's first show and later shows (as they are, and after another page
  changed the workbook, when they reload), the KPI charts (redraw after a value changes, a
  cell edited in the grid), peak memory along the way. Meant for
  ``QT_QPA_PLATFORM=offscreen``; ``--start-page KEY`` starts the window on another page
  (the only way to time the first show of the Overview, the usual start page).
- ``charts``: the first show of the KPI Charts tab, ``--think`` seconds after the KPI page
  was shown (0: at once, before matplotlib is imported).
- ``feedback``: the Feedback page on its 10,000 items: the Patterns tab's first show (its
  tables on screen, then the chart drawn once matplotlib is imported), the Patterns tab over
  every month, filtering the Items tab by each filter and by a search typed a key at a
  time, and the page shown again after a write on another page. Its first show and the
  month's report are timed by ``pages`` and ``print``.
- ``memory``: peak memory (VmHWM) at start-up, after visiting every page and after the
  charts, as the app runs (under Xvfb, so it compares with the floor's).
- ``print``: every document of ``cscoach.printing.documents`` rendered from the workbook,
  first time and again.
- ``imports``: a 10,000-row KPI CSV and a 50,000-response survey CSV imported into copies
  of the workbook.
- ``model``: opening the workbook (with and without the daily backup) and the model
  functions the pages call, without Qt.

Each prints one JSON object on stdout (``--out FILE`` writes it there instead). The workbook
is opened like the app opens it; ``imports`` works on copies, so the file is left as it was
(apart from the daily backup the app makes too).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

HEAVY_MODULES = (
    "numpy",
    "sqlite_utils",
    "matplotlib",
    "matplotlib.backends.backend_qtagg",
    "reportlab",
    "reportlab.platypus",
    "PIL",
    "platformdirs",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
)


def mem_kb() -> dict[str, int]:
    """VmHWM (peak resident memory) and VmRSS of this process, in kB."""
    found = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                found[key] = int(value.split()[0])
    return found


def heavy_loaded() -> list[str]:
    return [m for m in HEAVY_MODULES if m in sys.modules]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def repeats(wanted: int, times: list[float], budget: float = 2.0, minimum: int = 3) -> bool:
    """Whether to measure once more: until ``wanted`` times, or fewer (at least ``minimum``)
    once they add up to more than ``budget`` seconds (slow steps need fewer for a median)."""
    return len(times) < wanted and (len(times) < minimum or sum(times) < budget)


class Clock:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def lap(self) -> float:
        now = time.perf_counter()
        took, self.start = now - self.start, now
        return took


# -- Qt helpers ----------------------------------------------------------------------------


def settle(app, rounds: int = 4) -> None:  # noqa: ANN001
    """Let layouts, zero-time timers (matplotlib's draw) and paints run."""
    for _ in range(rounds):
        app.processEvents()


def settle_charts(app, charts) -> None:  # noqa: ANN001
    """``settle``, then wait until every chart on screen is drawn: the Charts tab draws one
    canvas per event-loop turn (waiting in one ``exec``, not a loop of ``processEvents``)."""
    settle(app)
    if getattr(charts, "busy", False):
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        charts.charts_drawn.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        charts.charts_drawn.disconnect(loop.quit)
        settle(app)


def make_window(path: Path, start_page: int = 0):  # noqa: ANN201
    """The app's QApplication and main window on ``path``, as ``cscoach PATH`` makes them,
    with settings in a temporary INI file. Returns (app, window, seconds per step)."""
    steps: dict[str, float] = {}
    clock = Clock()
    from PySide6.QtCore import QSettings

    from cscoach.ui import app as cscoach_app
    from cscoach.ui import main_window, opening, prefs

    steps["import cscoach.ui.app"] = clock.lap()
    open_workbook = opening.open_workbook

    def timed_open(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        began = time.perf_counter()
        try:
            return open_workbook(*args, **kwargs)
        finally:
            steps["open workbook (check, lock, daily backup)"] = time.perf_counter() - began

    opening.open_workbook = timed_open
    qt_app = cscoach_app.create_application([sys.argv[0]])
    steps["QApplication"] = clock.lap()
    folder = tempfile.mkdtemp(prefix="cscoach-bench-settings-")
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(prefs.PAGE_KEY, start_page)
    builds: dict[str, float] = {}
    wrap_page_builds(main_window, builds)
    window = cscoach_app.create_main_window(path, settings)
    opening.open_workbook = open_workbook
    steps["main window with its first page"] = clock.lap() - steps.get(
        "open workbook (check, lock, daily backup)", 0.0
    )
    window.resize(1280, 800)
    window.show()
    settle(qt_app)
    steps["show + first paint"] = clock.lap()
    return qt_app, window, steps, builds


def wrap_page_builds(main_window, builds: dict[str, float]) -> None:  # noqa: ANN001
    """Record how long each page's constructor takes (imports + reading the workbook)."""
    from dataclasses import replace

    def timed(spec):  # noqa: ANN001, ANN202
        def build(wb):  # noqa: ANN001, ANN202
            began = time.perf_counter()
            page = spec.build(wb)
            builds[spec.key] = time.perf_counter() - began
            return page

        return replace(spec, build=build)

    main_window.PAGES = tuple(timed(spec) for spec in main_window.PAGES)


def finish_warm_up(app, limit: float = 10.0) -> None:  # noqa: ANN001
    """Let the KPI page's import of matplotlib in parts, begun once it is shown, finish
    (as it does while the owner reads the monthly figures): the next page's first show is
    then that page's alone."""
    from cscoach.ui import chart_import

    until = time.perf_counter() + limit
    while chart_import._warming and time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.001)


def timed_show(app, window, key: str) -> float:  # noqa: ANN001
    began = time.perf_counter()
    window.show_page(key)
    settle(app)
    return time.perf_counter() - began


# -- kinds -----------------------------------------------------------------------------


def run_startup(path: Path, args: argparse.Namespace) -> dict:
    began = time.perf_counter()
    from PySide6 import QtWidgets  # noqa: F401

    pyside = time.perf_counter() - began
    _app, window, steps, builds = make_window(path)
    total = time.perf_counter() - began
    return {
        "import PySide6.QtWidgets": pyside,
        "steps": steps,
        "page builds": builds,
        "total after interpreter start": total,
        "heavy modules loaded": heavy_loaded(),
        "modules loaded": len(sys.modules),
        "memory_kb": mem_kb(),
        "opened": window.wb is not None,
    }


def run_pages(path: Path, args: argparse.Namespace) -> dict:
    from cscoach.ui.main_window import PAGE_KEYS

    start_key = args.start_page
    app, window, steps, builds = make_window(path, PAGE_KEYS.index(start_key))
    if window.wb is None:
        raise RuntimeError(f"could not open {path}")
    result: dict = {"start page": start_key, "startup steps": steps, "memory_kb": {}}
    result["memory_kb"]["after start"] = mem_kb()
    result["heavy modules after start"] = heavy_loaded()

    first: dict[str, float] = {}
    errors: dict[str, str] = {}
    for key in PAGE_KEYS:
        if key == start_key:
            continue
        finish_warm_up(app)
        try:
            first[key] = timed_show(app, window, key)
        except Exception:  # a page broken in the working tree must not stop the rest
            errors[key] = traceback.format_exc(limit=3)
    result["first show"] = first
    result["page builds"] = dict(builds)
    result["memory_kb"]["after every page"] = mem_kb()
    result["heavy modules after every page"] = heavy_loaded()
    if args.start_page != "overview":  # only the Overview's first show was wanted
        result["errors"] = errors
        return result

    shown = [k for k in PAGE_KEYS if window.page(k) is not None]
    later: dict[str, list[float]] = {k: [] for k in shown}
    for _ in range(args.repeat):
        for key in shown:
            if repeats(args.repeat, later[key]):
                later[key].append(timed_show(app, window, key))
    result["later show"] = {k: median(v) for k, v in later.items()}

    stale: dict[str, list[float]] = {k: [] for k in shown}
    for _ in range(args.repeat):
        for key in shown:
            if not repeats(args.repeat, stale[key]):
                continue
            other = next(k for k in shown if k != key)
            window.show_page(other)
            settle(app)
            window.page(other).changed.emit()  # as after a write on that page
            stale[key].append(timed_show(app, window, key))
    result["later show after a change elsewhere"] = {k: median(v) for k, v in stale.items()}

    try:
        result["charts"] = _charts(app, window, args)
    except Exception:
        errors["charts"] = traceback.format_exc(limit=4)
    result["memory_kb"]["after charts"] = mem_kb()
    result["heavy modules at the end"] = heavy_loaded()
    result["errors"] = errors
    return result


def _charts(app, window, args: argparse.Namespace) -> dict:  # noqa: ANN001
    from cscoach.model import kpi_entries, kpis
    from cscoach.model.number_format import format_number

    window.show_page("kpis")
    settle(app)
    page = window.page("kpis")
    wb = window.wb
    out: dict = {}

    month = kpi_entries.latest_month(wb)
    kpi = next(  # an owner's own KPI with no upper limit: a plain value, any edit allowed
        k
        for k in kpis.list_kpis(wb, include_retired=False)
        if k.key is None and k.max_value is None
    )
    entry = kpi_entries.get_entry(wb, kpi.id, month)
    base = entry.value if entry else 1.0

    # The first write of a session imports sqlite-utils (and numpy through it).
    fresh = "sqlite_utils" not in sys.modules and "numpy" not in sys.modules
    began = time.perf_counter()
    kpi_entries.set_entry(wb, kpi.id, month, base)
    first_write = time.perf_counter() - began
    began = time.perf_counter()
    kpi_entries.set_entry(wb, kpi.id, month, base)
    out["a value saved: first write of the session" + ("" if fresh else " (already warm)")] = (
        first_write
    )
    out["a value saved: later writes"] = time.perf_counter() - began

    page.tabs.setCurrentWidget(page.charts)  # its first show is timed by ``charts``
    settle_charts(app, page.charts)
    assert page.charts.panels or page.charts.canvas is not None, "no chart on screen"

    def redraw_after_change(label: str, n: int) -> None:
        times: list[float] = []
        i = 0
        while repeats(n, times):
            i += 1
            # a change that shows at one decimal (1 % of 2.3 rounds to 2.3: no change at all)
            kpi_entries.set_entry(wb, kpi.id, month, round(base + 0.1 * (i % 3 + 1), 1))
            began = time.perf_counter()
            page.charts.reload()
            settle_charts(app, page.charts)
            times.append(time.perf_counter() - began)
        out[label] = median(times)

    redraw_after_change("dashboard redraw after a value changes (12 months)", args.repeat)
    combo = page.charts.range_combo
    combo.setCurrentIndex(combo.count() - 1)  # Everything
    settle_charts(app, page.charts)
    redraw_after_change("dashboard redraw after a value changes (everything, 10 years)", 1)
    combo.setCurrentIndex(0)
    page.charts.show_kpi(kpi.id)
    settle_charts(app, page.charts)
    redraw_after_change("one KPI's chart redraw after a value changes", args.repeat)

    # The way a user does it: edit a cell in the grid (saved on Enter; the page refreshes
    # its tabs), then look at the charts.
    page.charts.show_kpi("dashboard")
    page.tabs.setCurrentIndex(0)
    settle(app)
    model = page.grid_model
    column = next(i for i, k in enumerate(model.kpis) if k.id == kpi.id)
    row = model.months.index(month) if month in model.months else 0
    edits: list[float] = []
    switches: list[float] = []
    i = 0
    while repeats(args.repeat, switches):
        i += 1
        index = model.index(row, column)
        began = time.perf_counter()
        model.setData(index, format_number(base + 0.1 * (i % 3 + 1)))
        settle(app)
        edits.append(time.perf_counter() - began)
        began = time.perf_counter()
        page.tabs.setCurrentWidget(page.charts)
        settle_charts(app, page.charts)
        switches.append(time.perf_counter() - began)
        page.tabs.setCurrentIndex(0)
        settle(app)
    out["grid cell edit saved (page refreshed)"] = median(edits)
    out["then Charts tab shown (dashboard redrawn)"] = median(switches)
    return out


def run_charts(path: Path, args: argparse.Namespace) -> dict:
    """The first show of the Charts tab (the dashboard of every KPI): the KPI page is shown
    and painted, the owner looks at it for ``--think`` seconds (the page imports matplotlib
    meanwhile), then chooses Charts. Each run in a fresh process: matplotlib imports once."""
    from cscoach.ui import chart_import

    app, window, _steps, _builds = make_window(path)
    window.show_page("kpis")
    settle(app)
    page = window.page("kpis")
    until = time.perf_counter() + args.think
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.001)
    left = [name for name in chart_import.PARTS if name not in sys.modules]
    out: dict = {"think seconds": args.think, "matplotlib parts left to import": len(left)}
    began = time.perf_counter()
    page.tabs.setCurrentWidget(page.charts)
    app.processEvents()
    out["on screen"] = time.perf_counter() - began
    while page.charts.busy_on_screen and time.perf_counter() - began < 30:
        app.processEvents()
    out["every chart in sight drawn"] = time.perf_counter() - began
    settle_charts(app, page.charts)
    out["all charts drawn, scrolled out of sight too"] = time.perf_counter() - began
    charts = page.charts
    out["canvases"] = len(charts.panels) + (charts.legend is not None)
    out["canvases in sight"] = sum(
        not c.visibleRegion().isEmpty() for c in [*charts.panels.values(), charts.legend] if c
    )
    assert charts.panels, "no chart on screen"
    return out


def _wait_for(signal, limit: float = 30.0) -> None:  # noqa: ANN001
    """Run the event loop until ``signal`` is emitted (or ``limit`` seconds)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(limit * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def run_feedback(path: Path, args: argparse.Namespace) -> dict:
    """The Feedback page on the large workbook, in a fresh process (matplotlib not loaded):
    the page shown, then its Patterns tab chosen (the tab on screen with its tables, and
    the chart drawn, matplotlib imported meanwhile), the Patterns tab over every month, and
    the Items tab filtered by each filter (chosen, then All again) and searched a key at a
    time. Each time is the change plus ``settle`` (as ``timed_show``)."""
    from cscoach.model import feedback
    from cscoach.model.months import add_months

    app, window, _steps, _builds = make_window(path)
    out: dict = {"items": feedback.count_items(window.wb)}
    out["page first show"] = timed_show(app, window, "feedback")
    page = window.page("feedback")

    patterns = page.patterns
    painted = _FirstPaint(patterns.placeholder)
    began = time.perf_counter()
    page.tabs.setCurrentWidget(patterns)
    settle(app)
    settled = time.perf_counter()
    # On screen: its tables and "Drawing the chart…" painted; the tab imports matplotlib
    # in parts only after that paint (on the next event-loop turns, within ``settle``).
    out["Patterns tab first show (tables on screen)"] = (painted.at or settled) - began
    out["Patterns tab first show: settled (matplotlib parts imported meanwhile)"] = settled - began
    if patterns.canvas is None:
        _wait_for(patterns.chart_drawn)
    out["Patterns tab first show: chart drawn"] = time.perf_counter() - began
    assert patterns.canvas is not None, "no chart on the Patterns tab"

    combo = patterns.range_combo
    shown = combo.currentIndex()
    began = time.perf_counter()
    combo.setCurrentIndex(combo.count() - 1)  # Everything: ten years of months
    settle(app)
    out["Patterns tab over every month (10 years)"] = time.perf_counter() - began
    combo.setCurrentIndex(shown)
    settle(app)

    page.tabs.setCurrentWidget(page.items)
    settle(app)
    tab = page.items
    filters = tab.filters
    previous = add_months(feedback.latest_month(window.wb) or "", -1)
    choices = {
        "kind: complaints": (filters.kind_filter, feedback.COMPLAINT),
        "status: open complaints": (filters.status_filter, feedback.OPEN),
        "theme: Wait time": (filters.theme_filter, _theme_id(window.wb, "Wait time")),
        "channel: email": (filters.channel_filter, "email"),
        "team member": (filters.member_filter, filters.member_filter.itemData(1)),
        "month: the month before the latest": (filters.month_filter, previous),
    }
    chosen: dict[str, float] = {}
    cleared: list[float] = []
    listed: dict[str, int] = {}
    for label, (box, value) in choices.items():
        index = box.findData(value)
        assert index > 0, f"no {label} to choose"
        times: list[float] = []
        while repeats(args.repeat, times):
            began = time.perf_counter()
            box.setCurrentIndex(index)
            settle(app)
            times.append(time.perf_counter() - began)
            listed[label] = tab.model.rowCount()
            began = time.perf_counter()
            box.setCurrentIndex(0)
            settle(app)
            cleared.append(time.perf_counter() - began)
        chosen[label] = median(times)
    out["filter chosen"] = chosen
    out["rows listed"] = listed
    out["filter back to All (every item listed)"] = median(cleared)

    word = "waited"
    keystrokes: list[float] = []
    for n in range(1, len(word) + 1):
        began = time.perf_counter()
        filters.search_edit.setText(word[:n])
        settle(app)
        keystrokes.append(time.perf_counter() - began)
    out["search rows listed"] = tab.model.rowCount()
    out["search typed, a key at a time"] = {
        "median": median(keystrokes),
        "slowest": max(keystrokes),
        "each": keystrokes,
    }
    began = time.perf_counter()
    filters.search_edit.clear()
    settle(app)
    out["search cleared (every item listed)"] = time.perf_counter() - began

    # Shown again after a real write on another page (the ``pages`` run's "change
    # elsewhere" writes nothing, and the list is kept while nothing is written): a KPI
    # value changed, then put back.
    from cscoach.model import kpi_entries, kpis

    wb = window.wb
    window.show_page("team")
    settle(app)
    kpi = next(  # as ``_charts``: an owner's own KPI with no upper limit
        k
        for k in kpis.list_kpis(wb, include_retired=False)
        if k.key is None and k.max_value is None
    )
    month = kpi_entries.latest_month(wb)
    entry = kpi_entries.get_entry(wb, kpi.id, month)
    base = entry.value if entry else 1.0
    kpi_entries.set_entry(wb, kpi.id, month, round(base + 0.1, 1))
    window.page("team").changed.emit()
    out["page shown again after a write elsewhere (every item read again)"] = timed_show(
        app, window, "feedback"
    )
    kpi_entries.set_entry(wb, kpi.id, month, base)
    out["memory_kb"] = mem_kb()
    out["heavy modules at the end"] = heavy_loaded()
    return out


class _FirstPaint:
    """The moment ``widget`` is first painted (``at``; None until then)."""

    def __init__(self, widget) -> None:  # noqa: ANN001
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint
        self.at: float | None = None
        outer = self

        class Watcher(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
                if event.type() == paint and outer.at is None:
                    outer.at = time.perf_counter()
                return False

        self.watcher = Watcher()
        widget.installEventFilter(self.watcher)


def _theme_id(wb, name: str) -> int | None:  # noqa: ANN001
    from cscoach.model import feedback_themes

    found = feedback_themes.find_theme(wb, name)
    return found.id if found else None


def run_memory(path: Path, args: argparse.Namespace) -> dict:
    from cscoach.ui.main_window import PAGE_KEYS

    app, window, _steps, _builds = make_window(path)
    time.sleep(0.3)
    settle(app)
    out = {"after start": mem_kb()}
    for key in PAGE_KEYS:
        window.show_page(key)
        settle(app)
    out["after every page"] = mem_kb()
    page = window.page("kpis")
    page.tabs.setCurrentWidget(page.charts)
    settle(app)
    out["after the charts"] = mem_kb()
    return {"memory_kb": out, "heavy modules at the end": heavy_loaded()}


def _pdf_pages(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def run_print(path: Path, args: argparse.Namespace) -> dict:
    from cscoach.model import feedback, hiring
    from cscoach.model.months import add_months
    from cscoach.model.workbook import Workbook
    from cscoach.printing.documents import DOCUMENTS, PrintRequest, render

    wb = Workbook.open(path)
    try:
        requests = [(name, PrintRequest(name)) for name in DOCUMENTS]
        candidate = hiring.list_candidates(wb)[0].name
        requests.append(("scorecard (filled)", PrintRequest("scorecard", candidate_name=candidate)))
        latest = feedback.latest_month(wb)
        if latest:  # "feedback" is the latest month, begun this month: a whole month too
            whole = PrintRequest("feedback", month=add_months(latest, -1))
            requests.append(("feedback (the month before)", whole))
        out: dict = {}
        for label, request in requests:
            try:
                times: list[float] = []
                while repeats(1 + args.print_repeat, times, budget=3.0, minimum=2):
                    began = time.perf_counter()
                    printed = render(wb, request)
                    times.append(time.perf_counter() - began)
                out[label] = {
                    "first": times[0],
                    "again": median(times[1:]),
                    "pages": _pdf_pages(printed.pdf),
                    "kB": round(len(printed.pdf) / 1024),
                }
            except Exception:
                out[label] = {"error": traceback.format_exc(limit=3)}
        return {"documents": out, "memory_kb": mem_kb(), "heavy modules": heavy_loaded()}
    finally:
        wb.close()


def _copy_workbook(source: Path, folder: Path, name: str) -> Path:
    """A copy through SQLite's backup API (never copy an open database file)."""
    target = folder / f"{name}.cscoach"
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def kpi_csv(names: list[str], rows: int, today: dt.date) -> str:
    """``rows`` values: every KPI for as many months back as it takes."""
    from cscoach.model.dates import add_months

    rng = random.Random(7)
    months_needed = -(-rows // len(names))
    lines = ["month,kpi,value,note"]
    for back in range(months_needed, 0, -1):
        day = add_months(today.replace(day=1), -back)
        month = f"{day.year:04d}-{day.month:02d}"
        for name in names:
            if len(lines) > rows:
                break
            note = "Imported from the old spreadsheet" if rng.random() < 0.05 else ""
            lines.append(f'{month},"{name}",{rng.uniform(1, 4.9):.1f},{note}')
    return "\n".join(lines) + "\n"


def survey_csv(rows: int, today: dt.date) -> str:
    """A Google Forms export: Timestamp (M/D/YYYY H:MM:SS), 0–10, 1–5, a comment."""
    rng = random.Random(11)
    lines = [
        "Timestamp,How likely are you to recommend us to a friend?,"
        "How satisfied were you with your visit?,Anything else?"
    ]
    comments = ["", "", "", "Lovely staff", '"Slow, but friendly"', "Will be back"]
    for _ in range(rows):
        day = today - dt.timedelta(days=rng.randint(1, 730))
        stamp = f"{day.month}/{day.day}/{day.year} {rng.randint(7, 21)}:{rng.randint(0, 59):02d}:00"
        nps = rng.choice(range(11)) if rng.random() > 0.03 else ""
        csat = rng.randint(1, 5) if rng.random() > 0.05 else ""
        lines.append(f"{stamp},{nps},{csat},{rng.choice(comments)}")
    return "\r\n".join(lines) + "\r\n"


def run_imports(path: Path, args: argparse.Namespace) -> dict:
    from cscoach.model import kpi_import as ki
    from cscoach.model import kpis
    from cscoach.model import survey_import as si
    from cscoach.model.workbook import Workbook

    today = dt.date.today()
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="cscoach-bench-import-") as tmp:
        folder = Path(tmp)
        copy = _copy_workbook(path, folder, "kpi-import")
        wb = Workbook.open(copy)
        try:
            names = [k.name for k in kpis.list_kpis(wb)]
            csv_path = folder / "kpi-values.csv"
            csv_path.write_text(kpi_csv(names, args.kpi_rows, today), encoding="utf-8")
            began = time.perf_counter()
            plan = ki.read_kpi_csv(wb, csv_path, today=today)
            out["KPI CSV: check and plan"] = time.perf_counter() - began
            began = time.perf_counter()
            report = ki.import_kpi_csv(wb, csv_path, replace=True, today=today)
            out["KPI CSV: import (check + write)"] = time.perf_counter() - began
            out["KPI CSV rows"] = len(plan.rows)
            out["KPI CSV written"] = report.written
        finally:
            wb.close()

        copy = _copy_workbook(path, folder, "survey-import")
        wb = Workbook.open(copy)
        try:
            survey_path = folder / "survey.csv"
            survey_path.write_text(survey_csv(args.survey_rows, today), encoding="utf-8")
            began = time.perf_counter()
            table = si.read_survey(survey_path)
            out["survey: read"] = time.perf_counter() - began
            began = time.perf_counter()
            date, nps, csat = si.suggest_columns(table)
            out["survey: guess columns"] = time.perf_counter() - began
            began = time.perf_counter()
            analysis = si.analyse_survey(
                table, date_column=date, nps_column=nps, csat_column=csat, today=today
            )
            out["survey: count per month"] = time.perf_counter() - began
            began = time.perf_counter()
            si.plan_survey(wb, analysis, replace=True)
            out["survey: plan"] = time.perf_counter() - began
            began = time.perf_counter()
            report = si.import_survey(wb, survey_path, replace=True, today=today)
            out["survey: import (all of the above + write)"] = time.perf_counter() - began
            out["survey responses"] = report.rows
            out["survey months written"] = report.written
        finally:
            wb.close()
    out["memory_kb"] = mem_kb()
    return out


def run_model(path: Path, args: argparse.Namespace) -> dict:
    from cscoach.model import (
        actions,
        backups,
        calendar_ics,
        hiring,
        kpi_entries,
        kpi_review,
        kpi_series,
        overview,
    )
    from cscoach.model import questionnaire as qn
    from cscoach.model import standards as st
    from cscoach.model.workbook import Workbook

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="cscoach-bench-open-") as tmp:
        copy = _copy_workbook(path, Path(tmp), "open")
        began = time.perf_counter()
        wb = Workbook.open(copy)
        out["open, first time today (daily backup)"] = time.perf_counter() - began
        wb.close()
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            wb = Workbook.open(copy)
            times.append(time.perf_counter() - began)
            wb.close()
        out["open, backup already made today"] = median(times)
        out["backups kept"] = len(backups.list_backups(copy))

    wb = Workbook.open(path)
    try:
        latest = qn.latest_round(wb)
        month = kpi_entries.latest_month(wb)
        first, last = kpi_series.chart_range(wb, 12)
        calls = {
            "overview.overview (the Overview page's model)": lambda: overview.overview(wb),
            "standards.list_standards (300)": lambda: st.list_standards(wb),
            "standards.review_summary": lambda: st.review_summary(wb),
            "hiring.list_summaries (500)": lambda: hiring.list_summaries(wb),
            "questionnaire.list_rounds (40)": lambda: qn.list_rounds(wb),
            "questionnaire.list_responses (latest round)": lambda: qn.list_responses(wb, latest.id),
            "kpi_series.dashboard_series (12 months)": lambda: kpi_series.dashboard_series(
                wb, first, last
            ),
            "kpi_review.monthly_review (latest month)": lambda: kpi_review.monthly_review(
                wb, month
            ),
            "kpi_review.review_months": lambda: kpi_review.review_months(wb),
            "actions.list_actions (2,000)": lambda: actions.list_actions(wb),
            "calendar_ics.calendar_bytes (2,000 actions)": lambda: calendar_ics.calendar_bytes(
                wb, today=dt.date.today()
            ),
        }
        for label, call in calls.items():
            try:
                times = []
                for _ in range(args.repeat):
                    began = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - began)
                out[label] = median(times)
            except Exception:
                out[label] = {"error": traceback.format_exc(limit=3)}
        out["import sqlite_utils (first write)"] = _time_import("sqlite_utils")
    finally:
        wb.close()
    return out


def _time_import(module: str) -> float:
    if module in sys.modules:
        return 0.0
    began = time.perf_counter()
    __import__(module)
    return time.perf_counter() - began


KINDS = {
    "startup": run_startup,
    "pages": run_pages,
    "charts": run_charts,
    "feedback": run_feedback,
    "memory": run_memory,
    "print": run_print,
    "imports": run_imports,
    "model": run_model,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=list(KINDS))
    parser.add_argument("workbook", type=Path)
    parser.add_argument("--out", type=Path, help="write the JSON here (default: stdout)")
    parser.add_argument("--repeat", type=int, default=5, help="repeats for medians")
    parser.add_argument("--print-repeat", type=int, default=2)
    parser.add_argument("--start-page", default="overview")
    parser.add_argument("--think", type=float, default=1.0, help="charts: seconds on the page")
    parser.add_argument("--kpi-rows", type=int, default=10_000)
    parser.add_argument("--survey-rows", type=int, default=50_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_API", "pyside6")
    try:
        result = KINDS[args.kind](args.workbook, args)
    except Exception:
        result = {"error": traceback.format_exc()}
    text = json.dumps(result, indent=1, default=str)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 1 if "error" in result else 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
