"""Crash safety: the command line is killed (SIGKILL: it dies at once, mid-write, with no chance to
clean up) at random moments during long writes, many times. After every kill ``cscoach check``
passes on the workbook and it holds wholly the old data or wholly the new, never a mix.

What "wholly old or wholly new" means for each command:

* ``kpi import --replace`` of thousands of rows over many KPIs and ``survey import
  --replace`` over hundreds of months: the number of KPI entries and a hash of their
  contents (KPI, month, value, note, counts) equal either those before the import or those
  after an uninterrupted import of the same file.
* ``demo PATH``: either there is no file at PATH (``check`` refuses it cleanly: exit 1,
  "does not exist") or it is the complete demo: ``check`` passes and every table holds as
  many rows as an uninterrupted demo's, with the same KPI entries. A starter workbook
  without the demo's content, or a 0-byte file, would be a mix.

Each kill is timed by one of three strategies in turn (seeded, so a failure can be
replayed): at any moment of the run; a random moment after the rollback journal appears
(inside the write transaction); as soon as the workbook file itself changes while the
journal exists (inside the commit, where the file is half old, half new on disk until
SQLite rolls the journal back).

A kill ends the process, not the computer: what it had handed to the operating system still
reaches the disk. `synchronous=FULL` is what protects the file from a power cut; that is not
simulated here.

The default run kills each command 8 times; ``--crash-kills=N`` (or the environment
variable ``CSCOACH_CRASH_KILLS=N``) runs a longer loop, see ``plugins/crash_options.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.cli import COMMAND, headless_env, kpi_state, query_read_only, run, table_counts
from helpers.tally import count

from cscoach.cli import main
from cscoach.model import kpi_import, kpis, survey_import
from cscoach.model.workbook import Workbook

SEED = 20_260_309
CUSTOM_KPIS = 30
OLD_MONTHS = 40  # months in the workbook before the import, per KPI
NEW_MONTHS = 80  # months in the imported file, per KPI (the first OLD_MONTHS replaced)
POLL = 0.0005  # seconds between looks at the folder while waiting for the moment to kill

ANY_MOMENT, DURING_WRITE, DURING_COMMIT = "any moment", "during the write", "during the commit"
STRATEGIES = (ANY_MOMENT, DURING_WRITE, DURING_COMMIT)


def months(first_year: int, count_: int) -> list[str]:
    return [f"{first_year + n // 12:04d}-{n % 12 + 1:02d}" for n in range(count_)]


def kpi_names() -> list[str]:
    return [f"Custom measure {n:02d}" for n in range(CUSTOM_KPIS)]


def kpi_csv(generation: int, month_count: int) -> str:
    """``month,kpi,value,note`` rows for every custom KPI; each generation's values and
    notes differ from the other's in every month."""
    lines = ["month,kpi,value,note"]
    for m, month in enumerate(months(2000, month_count)):
        for k, name in enumerate(kpi_names()):
            value = (generation * 397 + m * 31 + k * 17) % 1000 + generation / 10
            lines.append(f"{month},{name},{value},generation {generation} note {m}/{k}")
    return "\n".join(lines) + "\n"


def survey_csv(generation: int, first_year: int, month_count: int, per_month: int) -> str:
    """A Google-Forms-like export: a timestamp, a 0–10 and a 1–5 answer per response."""
    lines = ["Timestamp,How likely are you to recommend us? (0-10),How satisfied were you? (1-5)"]
    for m, month in enumerate(months(first_year, month_count)):
        for r in range(per_month):
            nps = (m * 7 + r * 3 + generation * 5) % 11
            csat = (m * 3 + r + generation * 2) % 5 + 1
            lines.append(f"{month}-{r % 27 + 1:02d} 09:{r % 60:02d}:00,{nps},{csat}")
    return "\n".join(lines) + "\n"


NPS_COLUMN = "How likely are you to recommend us? (0-10)"
CSAT_COLUMN = "How satisfied were you? (1-5)"


# -- one kill ---------------------------------------------------------------------------


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def journals(folder: Path) -> list[str]:
    return [e.name for e in os.scandir(folder) if e.name.endswith("-journal")]


def hot_journals(folder: Path) -> list[str]:
    """Journals SQLite would roll back: they start with the magic number, which SQLite
    writes only once the journal is safely on disk, just before it changes the database
    file. A journal cut off before that (all zeros at the start) is stale, not hot: the
    database file was never touched, and the next writer reuses or removes it."""
    hot = []
    for name in journals(folder):
        with open(folder / name, "rb") as f:
            if f.read(8) == JOURNAL_MAGIC:
                hot.append(name)
    return hot


def files(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file but the journals and locks."""
    found = {}
    for entry in os.scandir(folder):
        if entry.is_file() and not entry.name.endswith(("-journal", ".lock")):
            with_stat = entry.stat()
            found[entry.name] = (with_stat.st_size, with_stat.st_mtime_ns)
    return found


@dataclass
class Kill:
    strategy: str
    delay: float  # seconds from the start of the process to the kill (or to its end)
    killed: bool  # False: the command had already finished
    in_transaction: bool  # a journal was beside the file after the kill
    journal_left: bool  # a hot journal (one SQLite must roll back) was beside the file
    file_changed: bool  # the workbook on disk differed from the old one after the kill


def timed_run(args: list[str], folder: Path) -> tuple[float, float]:
    """Run ``cscoach ARGS`` in ``folder`` to the end: (how long it took, how long a journal
    was beside the workbook, i.e. roughly how long it was writing)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [*COMMAND, *args],
        cwd=folder,
        env=headless_env(folder / "data"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    first_journal = None
    while proc.poll() is None:
        if first_journal is None and journals(folder):
            first_journal = time.monotonic()
        time.sleep(POLL)
    end = time.monotonic()
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    return end - start, end - (first_journal or start)


def kill_once(
    args: list[str],
    folder: Path,
    strategy: str,
    rng: random.Random,
    duration: float,
    window: float,
) -> Kill:
    """Start ``cscoach ARGS`` in ``folder`` and SIGKILL it at a moment chosen by
    ``strategy``."""
    before = files(folder)
    start = time.monotonic()
    proc = subprocess.Popen(
        [*COMMAND, *args],
        cwd=folder,
        env=headless_env(folder / "data"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        if strategy == ANY_MOMENT:
            deadline = start + rng.uniform(0, duration)
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(POLL)
        else:
            while proc.poll() is None and not journals(folder):
                time.sleep(POLL)
            if strategy == DURING_WRITE:
                deadline = time.monotonic() + rng.uniform(0, window)
                while proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(POLL)
                while proc.poll() is None and not journals(folder):  # between transactions
                    time.sleep(POLL)
            else:
                written = files(folder)
                while proc.poll() is None and files(folder) == written:
                    time.sleep(POLL)
        delay = time.monotonic() - start
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)  # it may finish first: then it was not killed
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err.decode()
    return Kill(
        strategy,
        delay,
        killed,
        bool(journals(folder)),
        bool(hot_journals(folder)),
        files(folder) != before,
    )


# -- the loop ---------------------------------------------------------------------------


@dataclass
class Scenario:
    """A command to kill, how to set up the folder before each run, and how to judge the
    workbook after it."""

    name: str
    args: list[str]
    prepare: Callable[[Path], None]
    judge: Callable[[Path, Kill], str]  # "old" or "new"; fails the test for anything else
    duration: float  # an uninterrupted run, measured
    window: float  # how long it spends writing, measured
    outcomes: Counter = field(default_factory=Counter)


def kill_loop(scenario: Scenario, base: Path, kills: int) -> None:
    rng = random.Random(f"{SEED}-{scenario.name}")
    for n in range(kills):
        strategy = STRATEGIES[n % len(STRATEGIES)]
        folder = base / f"{scenario.name}-{n}"
        folder.mkdir()
        scenario.prepare(folder)
        kill = kill_once(scenario.args, folder, strategy, rng, scenario.duration, scenario.window)
        where = (
            f"{scenario.name}, kill {n + 1} of {kills} ({strategy}, after {kill.delay:.3f} s, "
            f"seed {SEED})"
        )
        try:
            result = scenario.judge(folder, kill)
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from exc
        scenario.outcomes[result] += 1
        if kill.killed:
            scenario.outcomes["killed"] += 1
            count(f"crash kills: {scenario.name}")
        if kill.in_transaction:
            scenario.outcomes["inside a transaction"] += 1
            count(f"crash kills inside a transaction: {scenario.name}")
        if kill.journal_left:
            scenario.outcomes["hot journal left"] += 1
            count(f"crash kills leaving a hot journal: {scenario.name}")
        if kill.journal_left and kill.file_changed:
            scenario.outcomes["file half-written"] += 1
            count(f"crash kills inside the commit: {scenario.name}")
        shutil.rmtree(folder)


def cscoach_check(folder: Path, name: str, *, real_process: bool) -> tuple[int, str]:
    """``cscoach check NAME`` in ``folder``: (exit status, what it printed). As a separate
    process, or (faster, the same code) in this one."""
    if real_process:
        result = run(folder, "check", name)
        return result.returncode, result.stdout + result.stderr
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["check", str(folder / name)])
    return code, out.getvalue().replace(f"{folder}{os.sep}", "")


def check_passes(folder: Path, name: str, kill: Kill) -> None:
    """``cscoach check`` passes, and any hot journal has been rolled back by it. A kill that
    left a hot journal is checked by a real, separate process."""
    code, out = cscoach_check(folder, name, real_process=kill.journal_left)
    assert code == 0, f"check failed: {out}"
    assert out.strip() == f"{name}: ok", out
    assert not hot_journals(folder), "check left a hot journal in place"


def still_opens(path: Path) -> None:
    """The app can open it for writing again: the stale lock of the killed process is
    taken over."""
    with Workbook.open(path) as wb:
        assert wb.query_one("PRAGMA quick_check")["quick_check"] == "ok"


# -- scenarios ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


def kpi_scenario(base: Path) -> Scenario:
    setup = base / "kpi-setup"
    setup.mkdir()
    old = setup / "old.cscoach"
    with Workbook.create(old, "Crash Test Café") as wb:
        for name in kpi_names():
            kpis.add_kpi(wb, kpis.KpiInput(name, unit="points", min_value=0, max_value=1000), 500)
        kpi_import.import_kpi_csv(wb, kpi_csv(1, OLD_MONTHS).encode())
    old_bytes = old.read_bytes()
    csv_file = setup / "values.csv"
    csv_file.write_text(kpi_csv(2, NEW_MONTHS), encoding="utf-8")
    return _import_scenario(
        "kpi import",
        ["kpi", "import", "--workbook", "workbook.cscoach", str(csv_file), "--replace"],
        setup,
        old_bytes,
        old_entries=CUSTOM_KPIS * OLD_MONTHS,
        new_entries=CUSTOM_KPIS * NEW_MONTHS,
    )


def survey_scenario(base: Path) -> Scenario:
    setup = base / "survey-setup"
    setup.mkdir()
    old = setup / "old.cscoach"
    columns = {"nps_column": NPS_COLUMN, "csat_column": CSAT_COLUMN, "date_column": "Timestamp"}
    with Workbook.create(old, "Crash Test Café") as wb:
        survey_import.import_survey(wb, survey_csv(1, 1990, 200, 3).encode(), **columns)
    old_bytes = old.read_bytes()
    csv_file = setup / "survey.csv"
    csv_file.write_text(survey_csv(2, 1970, 480, 4), encoding="utf-8")
    return _import_scenario(
        "survey import",
        [
            "survey",
            "import",
            "--workbook",
            "workbook.cscoach",
            str(csv_file),
            "--nps-column",
            NPS_COLUMN,
            "--csat-column",
            CSAT_COLUMN,
            "--date-column",
            "Timestamp",
            "--replace",
        ],
        setup,
        old_bytes,
        old_entries=2 * 200,
        new_entries=2 * 480,
    )


def _import_scenario(
    name: str,
    args: list[str],
    setup: Path,
    old_bytes: bytes,
    *,
    old_entries: int,
    new_entries: int,
) -> Scenario:
    def prepare(folder: Path) -> None:
        (folder / "workbook.cscoach").write_bytes(old_bytes)

    # The old state, and the new one made by the same command left to finish.
    baseline = setup / "baseline"
    baseline.mkdir()
    prepare(baseline)
    old_state = kpi_state(baseline / "workbook.cscoach")
    duration, window = timed_run(args, baseline)
    new_state = kpi_state(baseline / "workbook.cscoach")
    assert old_state[0] == old_entries and new_state[0] == new_entries
    assert old_state != new_state

    def judge(folder: Path, kill: Kill) -> str:
        path = folder / "workbook.cscoach"
        check_passes(folder, path.name, kill)
        state = kpi_state(path)
        assert state in (old_state, new_state), (
            f"a mix: {state[0]} entries (old {old_state[0]}, new {new_state[0]}), or the same "
            "count with other contents"
        )
        if not kill.killed:
            assert state == new_state
        if state == old_state:  # rolled back to exactly the old file, byte for byte
            assert path.read_bytes() == old_bytes
        still_opens(path)
        return "old" if state == old_state else "new"

    return Scenario(name, args, prepare, judge, duration, window)


def demo_scenario(base: Path) -> Scenario:
    baseline = base / "demo-baseline"
    baseline.mkdir()
    duration, window = timed_run(["demo", "demo.cscoach"], baseline)
    complete = table_counts(baseline / "demo.cscoach")
    complete_kpis = kpi_state(baseline / "demo.cscoach")
    assert complete["kpi_entries"] > 0 and complete["candidates"] > 0

    def judge(folder: Path, kill: Kill) -> str:
        path = folder / "demo.cscoach"
        if not path.exists():
            assert kill.killed
            code, out = cscoach_check(folder, path.name, real_process=False)
            assert code == 1 and "does not exist" in out, out
            assert not path.exists(), "check created the file"
            return "old"
        check_passes(folder, path.name, kill)
        assert table_counts(path) == complete, "the demo is incomplete"
        assert kpi_state(path) == complete_kpis
        assert query_read_only(path, "SELECT value FROM settings WHERE key = 'business_name'")
        still_opens(path)
        return "new"

    return Scenario("demo", ["demo", "demo.cscoach"], lambda folder: None, judge, duration, window)


def new_scenario(base: Path) -> Scenario:
    args = ["new", "new.cscoach", "--business", "Corner Café"]
    baseline = base / "new-baseline"
    baseline.mkdir()
    duration, window = timed_run(args, baseline)
    complete = table_counts(baseline / "new.cscoach")

    def judge(folder: Path, kill: Kill) -> str:
        path = folder / "new.cscoach"
        outcome = "old"
        if path.exists():
            check_passes(folder, path.name, kill)
            assert table_counts(path) == complete, "the new workbook is incomplete"
            still_opens(path)
            outcome = "new"
        # The hidden file a killed run was building is cleared by the next run.
        assert main(["new", str(folder / "again.cscoach"), "--business", "Café"]) == 0
        leftovers = [p.name for p in folder.iterdir() if p.name.endswith((".part", "-journal"))]
        assert not leftovers, leftovers
        return outcome

    return Scenario("new", args, lambda folder: None, judge, duration, window)


@pytest.mark.parametrize("make", [kpi_scenario, survey_scenario, demo_scenario, new_scenario])
def test_killed_at_random_moments_the_workbook_is_wholly_old_or_wholly_new(
    make: Callable[[Path], Scenario], base: Path, crash_kills: int
) -> None:
    kills = crash_kills
    scenario = make(base)
    kill_loop(scenario, base, kills)
    outcomes = scenario.outcomes
    print(f"\n{scenario.name}: {kills} runs, {dict(outcomes)}")
    assert outcomes["old"] + outcomes["new"] == kills
    assert outcomes["killed"] > 0, "every run finished before it could be killed"
    if scenario.name != "new":  # it writes a hidden file, not the workbook being watched
        assert outcomes["inside a transaction"] > 0, "no kill landed inside a write"


# -- the hot journal, made on purpose -----------------------------------------------------

KILL_MID_WRITE = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill pages to the file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE kpi_entries SET value = value + 1, note = 'half-saved'")
conn.execute("CREATE TABLE half_saved (x)")
conn.executemany("INSERT INTO half_saved VALUES (randomblob(500))", [()] * 3000)
os.kill(os.getpid(), signal.SIGKILL)
"""


def half_saved(path: Path) -> None:
    """Leave a hot journal beside ``path``: a writer killed with changes already written
    into the file itself."""
    before = path.read_bytes()
    subprocess.run([*COMMAND[:1], "-c", KILL_MID_WRITE, str(path)], check=False)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert path.read_bytes() != before  # the file on disk is half old, half new


@pytest.fixture
def with_values(tmp_path: Path) -> Path:
    path = tmp_path / "workbook.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        kpi_import.import_kpi_csv(
            wb, b"month,kpi,value,note\n2024-01,CSAT,80,\n2024-02,NPS,12,\n2024-03,CSAT,81,\n"
        )
    return path


def test_check_rolls_back_a_hot_journal_and_passes(tmp_path: Path, with_values: Path) -> None:
    old = kpi_state(with_values)
    half_saved(with_values)
    result = run(tmp_path, "check", with_values.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not with_values.with_name(with_values.name + "-journal").exists()
    assert kpi_state(with_values) == old
    tables = query_read_only(with_values, "SELECT name FROM sqlite_schema")
    assert ("half_saved",) not in tables
    count("hot journals rolled back on purpose")


@pytest.mark.parametrize(
    "args",
    [
        ["print", "philosophy", "--workbook", "workbook.cscoach", "--out", "out.pdf"],
        ["kpi", "export", "--workbook", "workbook.cscoach", "--out", "out.csv"],
        ["kpi", "import", "--workbook", "workbook.cscoach", "in.csv"],
    ],
    ids=["print", "kpi export", "kpi import"],
)
def test_every_command_opens_a_half_saved_workbook(
    tmp_path: Path, with_values: Path, args: list[str]
) -> None:
    (tmp_path / "in.csv").write_text("month,kpi,value,note\n2024-04,CSAT,82,\n")
    old = kpi_state(with_values)
    half_saved(with_values)
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    state = kpi_state(with_values)
    assert state == old or (args[1] == "import" and state[0] == old[0] + 1)
    assert run(tmp_path, "check", with_values.name).returncode == 0


def test_the_app_opens_a_half_saved_workbook(with_values: Path) -> None:
    old = kpi_state(with_values)
    half_saved(with_values)
    with Workbook.open(with_values) as wb:
        assert wb.query("SELECT count(*) AS n FROM kpi_entries")[0]["n"] == old[0]
    assert kpi_state(with_values) == old


def test_a_hot_journal_beside_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    """Rolling back is SQLite's own recovery, but only for our files: another program's
    database is refused and neither it nor its journal is touched."""
    path = tmp_path / "other.cscoach"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kpi_entries (value, note)")
    conn.executemany("INSERT INTO kpi_entries VALUES (?, '')", [(n,) for n in range(100)])
    conn.commit()
    conn.close()
    half_saved(path)
    journal = path.with_name(path.name + "-journal")
    before = path.read_bytes(), journal.read_bytes()
    result = run(tmp_path, "check", path.name)
    assert result.returncode == 1 and "another program" in result.stdout
    assert (path.read_bytes(), journal.read_bytes()) == before


def test_a_half_saved_workbook_that_cannot_be_written_is_explained(
    with_values: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only disk the unfinished save cannot be rolled back: the message says why
    and what to do, and neither the file nor its journal is touched. (CI runs as root, for
    whom nothing is read-only, so every connection is made read-only here instead.)"""
    half_saved(with_values)
    journal = with_values.with_name(with_values.name + "-journal")
    before = with_values.read_bytes(), journal.read_bytes()
    connect = sqlite3.connect

    def read_only(target, *args, **kwargs):
        return connect(str(target).replace("mode=rw", "mode=ro"), *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    code, out = cscoach_check(with_values.parent, with_values.name, real_process=False)
    assert code == 1 and "cannot be undone" in out and "writable" in out, out
    assert (with_values.read_bytes(), journal.read_bytes()) == before
