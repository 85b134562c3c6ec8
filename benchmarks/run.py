"""CS Coach's benchmarks: ``make bench`` (or ``.venv/bin/python benchmarks/run.py``).

Prints a table of medians with each target's PASS or MISS and writes every number to
``benchmarks/results/latest.json`` and a timestamped copy. What is measured and how: see
``benchmarks/README.md``. Nothing touches the user's own settings or workbooks: everything
runs in a temporary folder with its own ``CSCOACH_DATA_DIR``, ``XDG_CONFIG_HOME`` and a
private Xvfb display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
PYTHON = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")

# (what, limit, unit) — compared with "≤"
TARGETS = {
    "demo start-up / floor": 2.0,
    "large start-up / demo": 1.25,
    "page first show": 0.300,
    "later show": 0.100,
    "chart redraw": 0.150,
    "charts complete on first show": 1.0,
    "handbook of 300 standards": 1.0,
    "Patterns tab": 0.300,
    "feedback filtering": 0.050,
    "the month's feedback report": 1.0,
    "the large workbook's monthly review": 0.300,
    "survey import of 50,000 responses": 2.0,
    "the large workbook exported to Excel": 3.0,
    "the large workbook's calendar": 1.0,
    "a kiosk vote saved": 0.050,
    "the KPI page with a month of kiosk votes": 0.300,
    "peak memory at start-up / floor": 2.0,
}


# The Charts tab's first show, chosen this many seconds after the KPI page appeared: at once
# (the worst case: the page has not started importing matplotlib), and after a second of
# looking at the monthly figures (the usual case, and the one the target is for).
CHARTS_THINK = (0.0, 1.0)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# -- the environment every child runs in -----------------------------------------------------


def child_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A private data folder and settings folder for each child: nothing real is touched."""
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE would make every start compile CS Coach's sources again: a
    # user's install has its byte-code cached, so the benchmark runs with it cached too.
    for name in (
        "QT_QPA_PLATFORM",
        "MPLBACKEND",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    config = Path(tempfile.mkdtemp(prefix="config-", dir=tmp))
    runtime = Path(tempfile.mkdtemp(prefix="runtime-", dir=tmp))
    runtime.chmod(0o700)
    env.update(
        CSCOACH_DATA_DIR=str(tmp / "data"),
        XDG_CONFIG_HOME=str(config),
        XDG_RUNTIME_DIR=str(runtime),
        QT_API="pyside6",
    )
    env.update(extra)
    return env


def cscoach_command() -> list[str]:
    script = Path(PYTHON).parent / "cscoach"
    return [str(script)] if script.exists() else [PYTHON, "-m", "cscoach"]


# -- workbooks --------------------------------------------------------------------------------


def make_workbooks(tmp: Path) -> dict:
    books = tmp / "books"
    books.mkdir()
    out: dict = {}
    env = child_env(tmp)
    demo = books / "demo.cscoach"
    began = time.perf_counter()
    subprocess.run([*cscoach_command(), "demo", str(demo)], env=env, check=True)
    out["demo"] = {"path": str(demo), "seconds": time.perf_counter() - began}
    large = books / "large.cscoach"
    began = time.perf_counter()
    done = subprocess.run(
        [PYTHON, str(HERE / "large_workbook.py"), str(large)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    out["large"] = {
        "path": str(large),
        "seconds": time.perf_counter() - began,
        "report": done.stdout.strip(),
        "MB": round(large.stat().st_size / 1e6, 1),
    }
    log(done.stdout.strip())
    return out


# -- start-up, from outside -------------------------------------------------------------------


def _cpu_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _memory(pid: int) -> dict[str, int]:
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, value = line.split(":", 1)
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


def _wait_idle(pid: int, start: float, quiet: float = 0.1, limit: float = 5.0) -> float | None:
    """Seconds from ``start`` to when the process last used CPU before going quiet for
    ``quiet`` seconds (its start-up work, the first paint included, is done)."""
    last_ticks = _cpu_ticks(pid)
    last_change = time.perf_counter()
    while time.perf_counter() - last_change < quiet:
        if time.perf_counter() - start > limit:
            return None
        time.sleep(0.01)
        ticks = _cpu_ticks(pid)
        if ticks is None:
            return None
        if ticks != last_ticks:
            last_ticks, last_change = ticks, time.perf_counter()
    return last_change - start


def _stop(process: subprocess.Popen) -> None:
    """Close the app as Ctrl+C does (it releases the workbook lock), harder if it hangs."""
    for sig, wait in ((signal.SIGINT, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        if process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def measure_startup(tmp: Path, books: dict, runs: int, display: str) -> dict:
    from xwatch import MapWatcher

    targets = {
        "floor": ([PYTHON, str(HERE / "floor.py")], "CS Coach floor"),
        "demo": ([*cscoach_command(), books["demo"]["path"]], "demo"),
        "large": ([*cscoach_command(), books["large"]["path"]], "large"),
    }
    watcher = MapWatcher(display)
    samples: dict[str, list[dict]] = {name: [] for name in targets}
    problems: list[str] = []
    logs = tmp / "logs"
    logs.mkdir(exist_ok=True)
    try:
        order = list(targets)
        for run in range(runs + 1):  # run 0 warms the caches and makes the daily backups
            for name in order:
                argv, title = targets[name]
                log_path = logs / f"{name}-{run}.log"
                with open(log_path, "wb") as log_file:
                    env = child_env(tmp, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                    began = time.perf_counter()
                    launch = watcher.launch(argv, env, title, stdout=log_file, stderr=log_file)
                    sample: dict = {"run": run, "mapped": launch.mapped_after}
                    if launch.others:
                        sample["other windows mapped first"] = launch.others
                    if launch.mapped_after is not None:
                        sample["idle"] = _wait_idle(launch.process.pid, began)
                        sample.update(_memory(launch.process.pid))
                        sample["title"] = launch.title
                    _stop(launch.process)
                text = log_path.read_text(errors="replace")
                if launch.error:
                    problems.append(f"{name} run {run}: {launch.error}: {text[-500:]}")
                    continue
                if "Traceback" in text:
                    problems.append(f"{name} run {run}: a traceback on stderr: {text[-800:]}")
                if run > 0:
                    samples[name].append(sample)
            order = order[1:] + order[:1]  # interleave: each goes first in turn
    finally:
        watcher.close()

    result: dict = {"runs": runs, "samples": samples, "problems": problems}
    for name, values in samples.items():
        result[name] = {
            "mapped": median([s["mapped"] for s in values]),
            "idle": median([s["idle"] for s in values if s.get("idle") is not None]),
            "VmHWM_kB": median([s["VmHWM"] for s in values if "VmHWM" in s]),
            "other windows mapped first": median(
                [len(s.get("other windows mapped first", ())) for s in values]
            ),
        }
    return result


# -- in-process measurements -------------------------------------------------------------------


def inproc(tmp: Path, kind: str, workbook: str, *args: str, display: str | None = None) -> dict:
    out = tmp / f"{kind}-{Path(workbook).stem}-{len(list(tmp.glob('*.json')))}.json"
    extra = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"} if display else {}
    if not display:
        extra = {"QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg"}
    env = child_env(tmp, **extra)
    began = time.perf_counter()
    done = subprocess.run(
        [PYTHON, str(HERE / "inproc.py"), kind, workbook, "--out", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - began
    if not out.exists():
        return {"error": f"inproc {kind} failed ({done.returncode}): {done.stderr[-2000:]}"}
    result = json.loads(out.read_text())
    result["seconds"] = took
    return result


def import_costs(tmp: Path, repeat: int = 3) -> dict:
    """What importing each heavy library costs in a fresh interpreter (best of ``repeat``)."""
    snippets = {
        "python (nothing)": "pass",
        "PySide6.QtWidgets": "import PySide6.QtWidgets",
        "cscoach.ui.app (start-up imports)": "import cscoach.ui.app",
        "sqlite3": "import sqlite3",
        "sqlite_utils": "import sqlite_utils",
        "numpy": "import numpy",
        "reportlab.platypus": "import reportlab.platypus",
        "matplotlib.figure": "import matplotlib.figure",
        "matplotlib Qt backend (after PySide6)": "import PySide6.QtWidgets\n"
        "import time; t = time.perf_counter()\n"
        "import matplotlib.backends.backend_qtagg\n"
        "print(time.perf_counter() - t)",
    }
    env = child_env(tmp, QT_QPA_PLATFORM="offscreen")
    out: dict = {}
    for label, code in snippets.items():
        times = []
        for _ in range(repeat):
            if "print(" in code:
                done = subprocess.run(
                    [PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True
                )
                times.append(float(done.stdout.strip().splitlines()[-1]))
                continue
            wrapped = (
                f"import time; t = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
            )
            done = subprocess.run(
                [PYTHON, "-c", wrapped], env=env, capture_output=True, text=True, check=True
            )
            times.append(float(done.stdout.strip().splitlines()[-1]))
        out[label] = min(times)
    began = time.perf_counter()
    subprocess.run([PYTHON, "-c", "pass"], env=env, check=True)
    out["python (nothing), whole process"] = time.perf_counter() - began
    return out


# -- the table ---------------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.misses: list[str] = []
        self.checks: list[dict] = []

    def section(self, title: str) -> None:
        self.rows.append((title, "", "", "§"))

    def add(
        self,
        label: str,
        value: float | None,
        unit: str = "s",
        target: str | None = None,
        shown: str | None = None,
        what: str | None = None,
    ) -> None:
        """A row; with a ``target``, checked against it (``what``: the row's name in the
        list of checks and misses, when its label alone does not say it)."""
        text = shown if shown is not None else _fmt(value, unit)
        what = what or label.strip()
        verdict, goal = "", ""
        if target is not None:
            limit = TARGETS[target]
            goal = f"≤ {_fmt(limit, unit if unit != 'kB' else 'x')}"
            if value is None:
                verdict = "n/a"
            else:
                verdict = "PASS" if value <= limit else "MISS"
                if verdict == "MISS":
                    self.misses.append(f"{what}: {text} ({goal})")
            self.checks.append(
                {"what": what, "target": target, "value": value, "limit": limit, "ok": verdict}
            )
        self.rows.append((label, text, goal, verdict))

    def render(self) -> str:
        width = max(len(r[0]) for r in self.rows) + 2
        lines = []
        for label, value, goal, verdict in self.rows:
            if verdict == "§":
                lines.append("")
                lines.append(label)
                lines.append("-" * len(label))
                continue
            lines.append(f"  {label:<{width}}{value:>12}  {goal:<10}{verdict}")
        return "\n".join(lines)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def build_table(results: dict) -> Table:
    t = Table()
    s = results.get("startup", {})
    floor, demo, large = (s.get(k, {}) for k in ("floor", "demo", "large"))
    t.section(f"Start-up to a mapped main window under Xvfb (median of {s.get('runs')} runs)")
    t.add("floor (bare PySide6 skeleton)", floor.get("mapped"))
    t.add("demo workbook", demo.get("mapped"))
    t.add("large workbook", large.get("mapped"))
    t.add(
        "demo / floor",
        _ratio(demo.get("mapped"), floor.get("mapped")),
        "x",
        "demo start-up / floor",
    )
    t.add(
        "large / demo",
        _ratio(large.get("mapped"), demo.get("mapped")),
        "x",
        "large start-up / demo",
    )
    t.add("large / floor", _ratio(large.get("mapped"), floor.get("mapped")), "x")
    t.add("floor until idle (painted)", floor.get("idle"))
    t.add("demo until idle (painted)", demo.get("idle"))
    t.add("large until idle (painted)", large.get("idle"))

    breakdown = results.get("startup_breakdown", {})
    if breakdown:
        t.section("Where start-up goes (in-process under Xvfb, one run; after the interpreter)")
        for name, info in breakdown.items():
            if "error" in info:
                t.add(f"{name}: in-process start-up", None, shown="ERROR")
                continue
            t.add(f"{name}: import PySide6.QtWidgets", info.get("import PySide6.QtWidgets"))
            for step, value in info.get("steps", {}).items():
                t.add(f"{name}: {step}", value)
            for key, value in info.get("page builds", {}).items():
                t.add(f"{name}:   of which building the {key} page", value)
            heavy = ", ".join(info.get("heavy modules loaded", [])) or "none"
            t.add(f"{name}: heavy modules loaded at start-up", None, shown=heavy)
    costs = results.get("import_costs", {})
    if costs:
        t.section("Import costs (fresh interpreter, best of 3)")
        for label, value in costs.items():
            t.add(label, value)
    model = results.get("model", {})
    if model:
        t.section("Opening the large workbook and the model functions pages call")
        for label, value in model.items():
            if label in ("seconds", "backups kept"):
                continue
            if isinstance(value, dict):
                t.add(label, None, shown="ERROR")
            else:
                t.add(label, value)

    pages = results.get("pages", {})
    overview = results.get("pages_overview_first", {})
    t.section("Pages on the large workbook (offscreen; show_page + processEvents)")
    first = dict(pages.get("first show", {}))
    if "overview" in overview.get("first show", {}):
        first = {"overview": overview["first show"]["overview"], **first}
    for key, value in first.items():
        t.add(f"{key}: first show", value, target="page first show")
    for key, value in pages.get("later show", {}).items():
        t.add(f"{key}: later show", value, target="later show")
    for key, value in pages.get("later show after a change elsewhere", {}).items():
        t.add(f"{key}: later show after a change elsewhere", value, target="later show")
    charts = pages.get("charts", {})
    first_shows = results.get("charts_first_show", {})
    if charts or first_shows:
        t.section("KPI charts on the large workbook (20 KPIs)")
    for think, info in first_shows.items():
        when = "at once" if float(think) == 0 else f"after {think} s on the KPI page"
        if "error" in info:
            t.add(f"Charts tab chosen {when}", None, shown="ERROR")
            continue
        imported = "not imported" if info["matplotlib parts left to import"] else "imported"
        t.add(f"Charts tab chosen {when} (matplotlib {imported}): on screen", info["on screen"])
        t.add(
            f"  the {info['canvases in sight']} charts in sight drawn",
            info["every chart in sight drawn"],
            target="charts complete on first show" if float(think) > 0 else None,
            what=f"Charts tab chosen {when}: the charts in sight drawn",
        )
        t.add(
            f"  all {info['canvases']}, scrolled out of sight too",
            info["all charts drawn, scrolled out of sight too"],
        )
    for label, value in charts.items():
        target = "chart redraw" if "redraw" in label or "then Charts" in label else None
        t.add(label, value, target=target)

    fb = results.get("feedback", {})
    t.section(f"Feedback on the large workbook ({fb.get('items', '?')} items; offscreen)")
    if "error" in fb:
        t.add("Feedback page", None, shown="ERROR")
    else:
        t.add(
            "Patterns tab first show: tables on screen",
            fb.get("Patterns tab first show (tables on screen)"),
            target="Patterns tab",
        )
        t.add(
            "  the chart drawn (matplotlib imported)",
            fb.get("Patterns tab first show: chart drawn"),
        )
        t.add(
            "Patterns tab over every month (10 years)",
            fb.get("Patterns tab over every month (10 years)"),
        )
        rows = fb.get("rows listed", {})
        for label, value in fb.get("filter chosen", {}).items():
            t.add(
                f"filter {label} ({rows.get(label, '?')} listed)",
                value,
                target="feedback filtering",
                what=f"feedback filter {label}",
            )
        t.add(
            f"filter back to All ({fb.get('items', '?')} listed)",
            fb.get("filter back to All (every item listed)"),
            target="feedback filtering",
            what="feedback filter back to All",
        )
        typed = fb.get("search typed, a key at a time", {})
        t.add(
            f"search typed a key at a time ({fb.get('search rows listed', '?')} at the end): "
            "median / slowest",
            typed.get("slowest"),
            target="feedback filtering",
            shown=f"{_fmt(typed.get('median'), 's')} / {_fmt(typed.get('slowest'), 's')}",
            what="feedback search, the slowest key",
        )
        t.add(
            "search cleared (every item listed)",
            fb.get("search cleared (every item listed)"),
            target="feedback filtering",
            what="feedback search cleared",
        )
        t.add(
            "page shown again after a write elsewhere (every item read again)",
            fb.get("page shown again after a write elsewhere (every item read again)"),
        )

    docs = results.get("print", {}).get("documents", {})
    t.section("Printing from the large workbook (first time / again)")
    for name, info in docs.items():
        if "error" in info:
            t.add(name, None, shown="ERROR")
            continue
        label = f"{name} ({info['pages']} pages)"
        both = f"{_fmt(info['first'], 's')} / {_fmt(info['again'], 's')}"
        if name == "standards":
            label = f"handbook of 300 standards ({info['pages']} pages)"
            worst = max(info["first"], info["again"])
            t.add(label, worst, target="handbook of 300 standards", shown=both)
        elif name.startswith("feedback"):
            worst = max(info["first"], info["again"])
            t.add(label, worst, target="the month's feedback report", shown=both)
        elif name == "monthly-review":
            worst = max(info["first"], info["again"])
            t.add(label, worst, target="the large workbook's monthly review", shown=both)
        else:
            t.add(label, info["again"], shown=both)

    imports = results.get("imports", {})
    t.section("Imports into copies of the large workbook")
    for label in ("KPI CSV: check and plan", "KPI CSV: import (check + write)"):
        t.add(f"{label} ({imports.get('KPI CSV rows', '?')} rows)", imports.get(label))
    for label in ("survey: read", "survey: guess columns", "survey: count per month"):
        t.add(label, imports.get(label))
    t.add(
        f"survey: import ({imports.get('survey responses', '?')} responses)",
        imports.get("survey: import (all of the above + write)"),
        target="survey import of 50,000 responses",
    )

    exported = results.get("export_xlsx", {})
    t.section("The whole large workbook as a spreadsheet (cscoach export, whole command)")
    t.add(
        f"export to Excel ({exported.get('rows', '?')} rows, {exported.get('MB', '?')} MB)",
        max(exported["runs"]) if exported.get("runs") else None,
        target="the large workbook exported to Excel",
        shown=" / ".join(_fmt(run, "s") for run in exported.get("runs", [])) or None,
        what="slowest of three runs of cscoach export",
    )

    made = results.get("calendar", {})
    t.section("The owner's calendar of the large workbook (cscoach calendar, whole command)")
    t.add(
        f"calendar ({made.get('events', '?')} events, {made.get('kB', '?')} kB)",
        max(made["runs"]) if made.get("runs") else None,
        target="the large workbook's calendar",
        shown=" / ".join(_fmt(run, "s") for run in made.get("runs", [])) or None,
        what="slowest of three runs of cscoach calendar",
    )

    kiosk = results.get("kiosk", {})
    day = kiosk.get("day", {})
    t.section(
        f"The counter kiosk: {day.get('votes', '?')} votes in a day beside the open app, "
        "then a month of them"
    )
    if "error" in kiosk:
        t.add("kiosk", None, shown="ERROR")
    else:
        ms = lambda v: v / 1000 if v is not None else None  # noqa: E731
        t.add("a vote saved: median", ms(day.get("vote_ms_median")))
        t.add("a vote saved: 95th percentile", ms(day.get("vote_ms_p95")))
        t.add(
            "a vote saved: slowest",
            ms(day.get("vote_ms_max")),
            target="a kiosk vote saved",
            what="the slowest of a day's kiosk votes",
        )
        with_month = kiosk.get("kpi_page_with_month", {})
        t.add(
            "KPI page, Kiosk tab with a month of 10,000 votes a day",
            ms(with_month.get("kiosk_tab_ms")),
            target="the KPI page with a month of kiosk votes",
        )
        t.add("KPI page shown again then", ms(with_month.get("kpi_page_reload_ms")))

    t.section("Peak memory (VmHWM) under Xvfb")
    floor_kb = floor.get("VmHWM_kB")
    mb = lambda kb: kb / 1024 if kb is not None else None  # noqa: E731
    t.add("floor at start-up", mb(floor_kb), "MB")
    t.add("demo at start-up", mb(demo.get("VmHWM_kB")), "MB")
    t.add("large at start-up", mb(large.get("VmHWM_kB")), "MB")
    t.add(
        "demo / floor",
        _ratio(demo.get("VmHWM_kB"), floor_kb),
        "x",
        "peak memory at start-up / floor",
    )
    t.add(
        "large / floor",
        _ratio(large.get("VmHWM_kB"), floor_kb),
        "x",
        "peak memory at start-up / floor",
    )
    mem = results.get("memory", {}).get("memory_kb", {})
    for label, key in (
        ("large after every page", "after every page"),
        ("large after the KPI charts", "after the charts"),
    ):
        value = mem.get(key, {}).get("VmHWM")
        t.add(label, mb(value), "MB")
        t.add(f"{label} / floor", _ratio(value, floor_kb), "x")
    return t


def export_xlsx(tmp: Path, large: str, runs: int = 3) -> dict:
    """``cscoach export`` of the large workbook, the whole command as the owner runs it
    (start-up included), ``runs`` times."""
    out = tmp / "large.xlsx"
    times = []
    printed = ""
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run(
            [*cscoach_command(), "export", "--workbook", large, "--out", str(out)],
            env=child_env(tmp),
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            return {"error": done.stderr.strip()}
        printed = done.stdout.strip()
    rows = printed.split("(", 1)[1].split(" rows", 1)[0] if "(" in printed else "?"
    return {"runs": times, "rows": rows, "MB": round(out.stat().st_size / 1e6, 1)}


def calendar_ics(tmp: Path, large: str, runs: int = 3) -> dict:
    """``cscoach calendar`` of the large workbook, the whole command as the owner runs it
    (start-up included), ``runs`` times."""
    out = tmp / "large.ics"
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run(
            [*cscoach_command(), "calendar", "--workbook", large, "--out", str(out)],
            env=child_env(tmp),
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            return {"error": done.stderr.strip()}
    data = out.read_bytes()
    return {"runs": times, "events": data.count(b"BEGIN:VEVENT"), "kB": len(data) // 1024}


def kiosk_votes(tmp: Path) -> dict:
    """``benchmarks/kiosk.py``: a day of kiosk votes beside the open app, then a month of
    them and what the KPI page pays for it (offscreen)."""
    done = subprocess.run(
        [PYTHON, str(HERE / "kiosk.py")],
        env=child_env(tmp, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip() or f"exit {done.returncode}"}
    return json.loads(done.stdout)


# -- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per target")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from xwatch import Xvfb

    if not shutil.which("Xvfb"):
        log("bench: error: Xvfb is not installed (make bench installs it with the system deps)")
        return 2
    began = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="cscoach-bench-"))
    results: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load average before": os.getloadavg(),
        },
    }
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        results["commit"] = commit
        # Byte-code cached as after an install (__pycache__ is ignored by git).
        subprocess.run(
            [PYTHON, "-m", "compileall", "-q", str(ROOT / "cscoach"), str(HERE)],
            env=child_env(tmp),
            check=False,
        )
        log("Creating the demo and the large workbook…")
        books = make_workbooks(tmp)
        results["workbooks"] = books
        large = books["large"]["path"]
        with Xvfb() as display:
            log(f"Start-up under Xvfb {display}: {args.runs} interleaved runs after a warm-up…")
            results["startup"] = measure_startup(tmp, books, args.runs, display)
            log("Start-up breakdown and memory after every page (in-process, Xvfb)…")
            results["startup_breakdown"] = {
                name: inproc(tmp, "startup", books[name]["path"], display=display)
                for name in ("demo", "large")
            }
            results["memory"] = inproc(tmp, "memory", large, display=display)
        log("Pages, charts (offscreen)…")
        results["pages"] = inproc(tmp, "pages", large)
        results["pages_overview_first"] = inproc(tmp, "pages", large, "--start-page", "team")
        results["charts_first_show"] = {
            f"{think:g}": inproc(tmp, "charts", large, "--think", f"{think:g}")
            for think in CHARTS_THINK
        }
        log("Feedback: the Patterns tab and filtering (offscreen)…")
        results["feedback"] = inproc(tmp, "feedback", large)
        log("Printing…")
        results["print"] = inproc(tmp, "print", large)
        log("Imports…")
        results["imports"] = inproc(tmp, "imports", large)
        log("Model functions and opening…")
        results["model"] = inproc(tmp, "model", large)
        log("Import costs…")
        results["import_costs"] = import_costs(tmp)
        log("Export to Excel…")
        results["export_xlsx"] = export_xlsx(tmp, large)
        log("The owner's calendar…")
        results["calendar"] = calendar_ics(tmp, large)
        log("The counter kiosk (10,000 votes, then a month of them)…")
        results["kiosk"] = kiosk_votes(tmp)
    finally:
        if args.keep:
            log(f"Kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    results["machine"]["load average after"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - began

    table = build_table(results)
    results["checks"] = table.checks
    print(f"CS Coach benchmarks — {results['when']} — {results.get('commit', '')}")
    print(f"{os.cpu_count()} CPUs, load {results['machine']['load average before'][0]:.2f} before")
    print(table.render())
    errors = _errors(results)
    if errors:
        print("\nProblems seen")
        print("-------------")
        for line in errors:
            print(f"  {line}")
    print(
        f"\n{sum(1 for c in table.checks if c['ok'] == 'PASS')} PASS, "
        f"{len(table.misses)} MISS; took {results['seconds']:.0f} s"
    )

    args.results.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=1, default=str)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (args.results / f"{stamp}.json").write_text(text, encoding="utf-8")
    (args.results / "latest.json").write_text(text, encoding="utf-8")
    print(f"Results: {args.results / 'latest.json'} (and {stamp}.json)")
    return 0


def _errors(results: dict) -> list[str]:
    found = []
    for problem in results.get("startup", {}).get("problems", []):
        found.append("start-up: " + " ".join(problem.split())[:300])
    for key in (
        "startup_breakdown",
        "memory",
        "pages",
        "pages_overview_first",
        "charts_first_show",
        "feedback",
        "print",
        "imports",
        "model",
        "calendar",
        "kiosk",
    ):
        part = results.get(key, {})
        parts = part.values() if key in ("startup_breakdown", "charts_first_show") else [part]
        for p in parts:
            if isinstance(p, dict) and "error" in p:
                found.append(f"{key}: " + p["error"].strip().splitlines()[-1][:300])
            for name, err in (p.get("errors") or {}).items() if isinstance(p, dict) else ():
                found.append(f"{key} {name}: " + err.strip().splitlines()[-1][:300])
    for name, info in results.get("print", {}).get("documents", {}).items():
        if "error" in info:
            found.append(f"print {name}: " + info["error"].strip().splitlines()[-1][:300])
    return found


if __name__ == "__main__":
    sys.exit(main())
