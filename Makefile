# CS Coach: `make run` installs everything and starts the app; `make test` installs everything
# and runs the tests. Both work on a fresh Debian machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps

.PHONY: run test test-dates test-newest-python lint screenshots demo clean bundle

run: $(STAMP)
	$(BIN)/cscoach

# Cheapest first: lint, the format check, the type check (mypy: strict for the model,
# printing and charts; see pyproject.toml), then the tests.
test: $(STAMP)
	$(BIN)/ruff check cscoach tests scripts
	$(BIN)/ruff format --check cscoach tests scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

# The tests with the machine's clock on two awkward days (Debian's faketime, see
# scripts/on-date.sh): the whole suite on a leap day, and the tests without a window on the
# last evening of a month and a year (most of the clock's arithmetic lives in the model).
# Tests fix their own "today" (tests/helpers/dates.py); this finds one that still reads the
# clock, and app code that fails on such a day. DATE_TESTS picks what runs on the leap day.
DATE_TESTS ?= tests
test-dates: $(STAMP)
	@echo "== the tests on 2028-02-29 10:00"
	scripts/on-date.sh '2028-02-29 10:00:00' $(BIN)/pytest -q -p no:cacheprovider $(DATE_TESTS)
	@echo "== the tests without a window on 2026-12-31 23:30"
	scripts/on-date.sh '2026-12-31 23:30:00' $(BIN)/pytest -q -p no:cacheprovider -m "not gui" tests

# The tests on the newest Python 3.12+ the machine has (pyenv's or one on the PATH), in a venv
# of its own (.venv-pyXY); without one, says so and succeeds.
test-newest-python: $(SYSTEM)
	bash scripts/test-newest-python.sh

lint: $(STAMP)
	$(BIN)/ruff check cscoach tests scripts
	$(BIN)/ruff format --check cscoach tests scripts
	$(BIN)/mypy

# Every page of the app and a page of every printed document, on the demo
# workbook, as PNGs in screenshots/ (the README shows copies kept in docs/screenshots/).
screenshots: $(STAMP)
	rm -f /tmp/cscoach-screenshots.cscoach
	$(BIN)/cscoach demo /tmp/cscoach-screenshots.cscoach
	CSCOACH_DATA_DIR=$$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" \
		$(BIN)/python scripts/screenshots.py /tmp/cscoach-screenshots.cscoach
	$(BIN)/python scripts/print_pages.py /tmp/cscoach-screenshots.cscoach

demo: $(STAMP)
	rm -f demo.cscoach
	$(BIN)/cscoach demo demo.cscoach
	$(BIN)/cscoach demo.cscoach

# Speed, measured: start-up under Xvfb against a bare Qt window, pages, charts, printing and
# imports on a large workbook. Prints a table; results in benchmarks/results/latest.json.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# A folder that runs without Python or a venv, dist/cscoach/ (PyInstaller, one folder, from
# packaging/cscoach.spec): dist/cscoach/cscoach is the command line, dist/cscoach/cscoach-app
# the app alone. Built for the system it runs on (here Linux).
bundle: $(STAMP)
	$(BIN)/python -m pip install -q 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/cscoach.spec

$(SYSTEM): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(SYSTEM)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .venv-py3* build dist *.egg-info screenshots
