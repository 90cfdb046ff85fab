# Sozialhaus — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test venv venv-dev pdf-deps system-deps gettsim-venv lint migrate demo bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

## run: set up (venv, migrations, demo Kreis) and serve http://127.0.0.1:8000 on SQLite, with the background worker
run: venv pdf-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_laden
	$(PY) manage.py db_worker --no-reload & trap 'kill $$!' EXIT; $(PY) manage.py runserver $(HOST)

# apt_install: install Debian packages (as root, or through sudo)
apt_install = if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; fi

## pdf-deps: Debian packages WeasyPrint needs to render Bescheide (Pango, DejaVu fonts)
pdf-deps:
	@{ /sbin/ldconfig -p | grep -q libpangoft2-1.0 && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; } || { \
	  $(call apt_install,libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core); }

## system-deps: Debian packages the tests use (Chromium for browser tests, poppler for PDFs)
system-deps: pdf-deps
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { $(call apt_install,chromium poppler-utils); }

## gettsim-venv: separate environment with GETTSIM, the oracle of the differential tests
gettsim-venv: .venv-gettsim/.installed
.venv-gettsim/.installed: requirements-gettsim.txt
	test -x .venv-gettsim/bin/python || $(PYTHON) -m venv .venv-gettsim || python3 -m venv .venv-gettsim
	.venv-gettsim/bin/pip install -q --upgrade pip
	.venv-gettsim/bin/pip install -q -r requirements-gettsim.txt
	touch $@

## test: lint and the whole test suite (SQLite, or the database in DATABASE_URL)
test: venv-dev system-deps gettsim-venv
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(VENV)/bin/pytest -n 2 --dist loadfile

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: venv-dev gettsim-venv
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .venv-gettsim db.sqlite3 staticfiles
