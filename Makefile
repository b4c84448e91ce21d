# The two commands a new user needs: `make run` and `make test`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run test install messages static migrate lint test-sqlite test-postgres servers clean

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The Japanese catalogue is compiled with Babel, so no GNU gettext is needed to run.
messages: $(STAMP)
	$(BIN)/pybabel compile --domain "django djangojs" --directory locale --statistics

static: $(STAMP)
	$(MANAGE) collectstatic --noinput --verbosity 0

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

run: install messages migrate static
	$(MANAGE) load_demo --if-empty
	@echo ""
	@echo "  庁内イントラネット：http://127.0.0.1:8000/"
	@echo "  デモ用ログイン：ユーザー名 demo、パスワード intranet-demo-2026"
	@echo "  （バックグラウンド処理のワーカーも一緒に起動します。Ctrl+C で両方とも止まります）"
	@echo ""
	@$(MANAGE) db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .

# Whole suite on SQLite with a real Elasticsearch and the browser tests,
# then again on a real PostgreSQL (database tests only).
# Both runs spread the tests over every core (pytest-xdist); a module that
# shares one demo between its tests stays on one worker (xdist_group).
PYTEST := $(BIN)/pytest -n auto --dist loadgroup

test: install messages lint
	scripts/ensure-test-servers
	scripts/with-elasticsearch $(PYTEST) -m "not postgresql"
	scripts/with-postgres $(PYTEST) -m "not browser and not elasticsearch and not sqlite"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 locale/*/LC_MESSAGES/*.mo
