# The commands the README names. Everything installs into .venv; nothing needs Node or Docker.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
WORKERS ?= 2

.PHONY: install debian-deps demo serve test test-sqlite test-postgres lint messages bench bench-audit load clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# What Debian must provide (browser, poppler, gettext, WeasyPrint's libraries, LibreOffice for the
# export checks): installed when missing and root, otherwise the exact command to run is printed.
debian-deps:
	@scripts/debian-deps

# The demo turns on the test e-ID for the family's door (docs/adr/0017); production never does.
demo: export FAMILY_TEST_IDP = true
demo: debian-deps install
	cd tillsammans && ../$(BIN)/tillsammans compilemessages -v0
	$(BIN)/tillsammans migrate --no-input -v0
	$(BIN)/tillsammans demo-data
	$(MAKE) serve

serve:
	@echo "Serving on http://127.0.0.1:8000 (worker for e-mail and reminders runs beside it)"
	@$(BIN)/tillsammans worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/tillsammans runserver --insecure 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .

# The public parenting-support pages (/stod/) also speak English and Arabic: their own catalogues in
# tillsammans/support/locale/{en,ar} hold only what those pages show (the professionals' pages and the
# models are left out), so that no other app needs English or Arabic texts.
SUPPORT_PUBLIC_ONLY := $(foreach f,views.py views_groups.py views_pool.py services.py services_groups.py selectors.py \
  statistics.py indicators.py forms.py models.py models_groups.py policies.py pii_fields.py demo.py tasks.py apps.py overview.py \
  tests migrations offer_list.html offer_manage.html offer_text.html programme_list.html group_list.html \
  group_detail.html attendance.html leader_list.html leader_detail.html material_list.html material_detail.html \
  statistics.html confirm.html _nav.html _group_list_body.html,-i "$(f)")

messages: install
	cd tillsammans && ../$(BIN)/tillsammans makemessages -l sv --no-obsolete --no-location -i "static/*" -i "portal_strings.py" -v0 && \
	  ../$(BIN)/tillsammans makemessages -d djangojs -l sv --no-obsolete --no-location -i "static/vendor/*" -v0
	# The family portal's languages: its own catalogues with its strings only (docs/adr/0018).
	cd tillsammans/family && DJANGO_SETTINGS_MODULE=config.settings.portal_messages \
	  ../../$(BIN)/tillsammans makemessages -l ar -l so --no-obsolete --no-location -i "tests/*" -i "testidp/*" -i "models.py" -i "apps.py" -i "migrations/*" \
	  -i "plan_sections.py" -i "staff/*" -v0
	cd tillsammans/support && ../../$(BIN)/tillsammans makemessages -l en -l ar --no-obsolete --no-location \
	  $(SUPPORT_PUBLIC_ONLY) -v0

test: debian-deps install lint
	$(BIN)/tillsammans makemigrations --check --dry-run -v1
	cd tillsammans && ../$(BIN)/tillsammans compilemessages -v0
	$(MAKE) test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest -n $(WORKERS) -m "not browser and not postgres" -q

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(WORKERS) -q

# Speed at scale (PostgreSQL): BENCH lines for every key page against the floor, at a small and a
# scale size. BENCH_ARGS="--children 1000000 --events 10000000" for the issue's full size.
BENCH_DB ?= tillsammans_bench
BENCH_ARGS ?=
bench: install
	$(BIN)/python -m tillsammans.bench --database $(BENCH_DB) $(BENCH_ARGS)

# The access log under load: lock hold per page (inline chain vs sealed events and the sequencer's
# own hold) and throughput with 1, 2 and 4 workers for both (ADR 0022).
bench-audit: install
	AUDIT_CHAIN=inline $(BIN)/python tillsammans/bench/lockhold.py --database $(BENCH_DB)_small --label inline
	AUDIT_CHAIN=sequencer $(BIN)/python tillsammans/bench/lockhold.py --database $(BENCH_DB)_small --label sequencer
	$(BIN)/python -m tillsammans.bench.throughput --database $(BENCH_DB)_small --chain inline,sequencer

# 50 users for 2 minutes against gunicorn on loopback (locust, headless); prints errors, req/s, p95.
LOAD_ARGS ?=
load: install
	$(BIN)/python -m tillsammans.bench.load --database $(BENCH_DB)_small $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var
