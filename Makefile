# CS Coach: `make run` installs everything and starts the app; `make test` installs everything
# and runs the tests. Both work on a fresh Debian machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps

.PHONY: run test lint screenshots demo clean

run: $(STAMP)
	$(BIN)/cscoach

test: $(STAMP)
	$(BIN)/ruff check cscoach tests scripts
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check cscoach tests scripts
	$(BIN)/ruff format --check cscoach tests scripts

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

$(SYSTEM): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(SYSTEM)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info screenshots
