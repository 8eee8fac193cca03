# Handlingskraft: the single entry point. `make run` starts the system with the
# seed plans and demo users on SQLite; `make test` runs the whole test suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: bench faults load screenshots install browser system-deps run demo test lint typecheck migrations-check pytest format clean messages api-check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright never downloads a browser).
CHROMIUM_PATH ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM_PATH) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Installera Chromium: sudo apt-get install chromium (eller sätt CHROMIUM_PATH)"; exit 1; fi; }

# The reports' system libraries and readers (not needed for `make run`: without
# Pango the pages say PDF cannot be made). WeasyPrint needs Pango; the document
# tests open the files in LibreOffice and poppler. Installs as root; otherwise
# prints what to install.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation2 \
	libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
system-deps:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
	    && ldconfig -p | grep -q libpangoft2-1.0; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	else echo "Installera: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi

demo: install
	$(MANAGE) migrate --noinput
	HANDLINGSKRAFT_DEMO=1 $(MANAGE) load_demo

run: demo
	HANDLINGSKRAFT_DEMO=1 DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy handlingskraft

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

pytest: install browser
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

# The REST API against its OpenAPI document (schemathesis), on a throwaway
# SQLite database with the demo data and a local server; a few minutes.
api-check: install
	$(BIN)/python -m handlingskraft.api.schemathesis_check

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The English catalogue: collect new strings into handlingskraft/locale/en/…/django.po,
# translate them there, then compile django.mo (committed, so running the system
# needs no gettext). Needs GNU gettext: apt-get install gettext.
messages: install
	$(MANAGE) makemessages -l en --no-obsolete -i ".venv/*" -i "bench/*" -i "staticfiles/*"
	$(MANAGE) compilemessages -l en -i .venv -i bench -i staticfiles

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache

# Speed targets, on a throwaway database (set DATABASE_URL for PostgreSQL).
bench: install
	$(BIN)/python bench/run.py

# Fault tests (docs/performance.md): a lost database connection, killed gunicorn
# workers, a double submit; each on a throwaway PostgreSQL database on 127.0.0.1.
# Shortened versions run in `make test`.
faults: install
	$(BIN)/python bench/faults/db_drop.py
	$(BIN)/python bench/faults/kill_worker.py
	$(BIN)/python bench/faults/double_submit.py

# Load test (docs/performance.md): 50 users read pages and save reports for 2
# minutes through gunicorn, on a throwaway PostgreSQL database on 127.0.0.1;
# afterwards every saved report is counted in the database.
load: install
	$(BIN)/python bench/load.py

# Retake the user guide's screenshots (docs/bilder/) with the browser tests.
screenshots: install browser
	HANDLINGSKRAFT_SCREENSHOTS=1 $(BIN)/pytest -m browser -q
