# touchpoint-audit: two commands for a newcomer.
#   make demo   install everything, start the demo business, audit it -> reports/demo/audit.html
#   make test   install everything, lint, type-check and run the tests
# Every step says what it installs, and does nothing when it is already done.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMPS := .make

.PHONY: setup demo test lint unit clean bench catalogs

setup: $(STAMPS)/python $(STAMPS)/npm browser

$(STAMPS):
	@mkdir -p $(STAMPS)

$(BIN)/python: | $(STAMPS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "touchpoint-audit needs Python 3.11 or newer; set PYTHON=python3.12 or similar")'
	@echo "setup: creating the virtualenv $(VENV) with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV)

$(STAMPS)/python: pyproject.toml $(BIN)/python | $(STAMPS)
	@echo "setup: installing touchpoint-audit and its dev tools into $(VENV) (pip install -e '.[dev]')"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "setup: installing Node.js and npm from Debian (apt-get install nodejs npm)"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; \
	  else echo "setup: Node.js and npm are needed for Lighthouse; install them and run make again" >&2; exit 1; fi; }
	@echo "setup: installing Lighthouse from package-lock.json (npm ci)"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The tests run the ledger on a real PostgreSQL they start themselves (initdb in a temporary
# folder, 127.0.0.1, a free port): Debian's postgresql package provides the server programs.
$(STAMPS)/postgres: | $(STAMPS)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "setup: installing PostgreSQL from Debian for the ledger tests (apt-get install postgresql)"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	  else echo "setup: the tests need PostgreSQL's server programs (initdb, pg_ctl): install Debian's postgresql package and run make again" >&2; exit 1; fi; }
	@touch $@

browser: $(STAMPS)/python
	@$(BIN)/touchpoint browser --install

demo: setup
	@echo "demo: starting the demo business on 127.0.0.1 and auditing it (about 2 minutes)"
	@$(BIN)/touchpoint demo --reports reports
	@echo "demo: open reports/demo/audit.html"

lint: $(STAMPS)/python
	@echo "lint: ruff and mypy --strict"
	@$(BIN)/ruff check touchpoint probes journeys tests bench conftest.py
	@$(BIN)/ruff format --check touchpoint probes tests bench conftest.py
	@$(BIN)/mypy

test: setup $(STAMPS)/postgres lint
	@echo "test: pytest tests (unit, plugin, real-browser and PostgreSQL tests; about 11 minutes)"
	@$(BIN)/python -m pytest tests -n 2 --dist loadgroup

bench: setup
	@for b in speed_overhead contacts_accuracy crawl_speed reply_latency overlap mail_corpus reply_attribution fleet; do \
	  echo "bench: $$b"; $(BIN)/python bench/$$b.py || exit 1; done

catalogs: $(STAMPS)/python
	@echo "catalogs: the report's words into touchpoint/locale (then translate what is new in ru and lt)"
	@$(BIN)/pybabel extract -F babel.cfg -k lang -k t -k N_ -k n:1,2 --no-location --sort-output \
	  -o touchpoint/locale/messages.pot .
	@$(BIN)/pybabel update -i touchpoint/locale/messages.pot -d touchpoint/locale --no-fuzzy-matching

clean:
	rm -rf $(STAMPS) $(VENV) node_modules reports/*/
