# The two commands that matter: `make run` (site with demo content) and `make test` (whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Two workers on these 2-core machines; PYTEST_ARGS="-n 0 -x" make test runs serially.
PYTEST_ARGS ?= -n auto
APT_PACKAGES := chromium chromium-driver poppler-utils

.PHONY: run test lint format hooks check install install-dev system-deps npm-deps migrate demo bench clean outdated opensearch opensearch-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

# Installed again only when a requirements file changes (CI calls make several times).
install-dev: $(VENV)/.dev-installed
$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

npm-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the browser and PDF tests need; installed only when missing and running as root.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installation de :$$missing"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Paquets absents :$$missing — les tests qui en ont besoin seront ignorés."; \
			echo "Pour les installer : sudo apt-get install -y $(APT_PACKAGES)"; \
		fi; \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

demo: migrate npm-deps
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py create_dev_admin
	$(BIN)/python manage.py set_site_url $${SITE_URL:-http://127.0.0.1:$(PORT)}
	@echo "Site : http://127.0.0.1:$(PORT)/  —  administration : http://127.0.0.1:$(PORT)/admin/"
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev npm-deps system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# Every template folder: the site's and the apps'.
TEMPLATE_DIRS = templates $$(find . -path ./node_modules -prune -o -path ./.venv -prune -o -type d -name templates -print | grep -v '^./templates$$')

# The same checks run on each commit once `make hooks` has installed them (.pre-commit-config.yaml).
lint: install-dev npm-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)
	npm run --silent lint:js
	npm run --silent lint:css
	DJANGO_SETTINGS_MODULE=centre.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=centre.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev npm-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)
	npm run --silent lint:js -- --fix
	npm run --silent lint:css -- --fix

# Git runs the lint checks on the files of each commit.
hooks: install-dev npm-deps
	$(BIN)/pre-commit install

# A local OpenSearch node (jars from Maven Central, Java 17) on http://127.0.0.1:9200, for
# OPENSEARCH_URL=http://127.0.0.1:9200 make run and the engine tests; data and logs in .opensearch/.
opensearch:
	@search/opensearch/run.sh start

opensearch-stop:
	@search/opensearch/run.sh stop

# The engine faults of bench/faults.py, on nodes of its own (9201, 9202, homes in .opensearch/),
# stopped at the end; the node on 9200 is left alone.
.PHONY: opensearch-faults
opensearch-faults:
	@$(BIN)/python bench/faults.py --part opensearch

# Every benchmark that leaves the machine as it found it, each writing its own section of
# bench/RESULTS.md (bench/_common.py); the first that fails (a figure that is not what it claims)
# stops the run. bench/faults.py stops PostgreSQL and bench/lighthouse.sh needs npm packages:
# run them on their own (faults.py writes its section too).
bench: install-dev
	@for script in bench/[a-z]*.py; do \
		case $$script in bench/faults.py|bench/locustfile.py) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done
	@echo "Mesures écrites dans bench/RESULTS.md"

# Pinned dependencies that have a newer release: the packages named in both requirements files
# (not their dependencies), then npm's. Vulnerability audits need a connected machine: see the
# README, « Sécurité ».
define OUTDATED_PY
import json, re, sys
def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()
pinned = set()
for path in ("requirements.txt", "requirements-dev.txt"):
    for line in open(path):
        match = re.match(r"\s*([A-Za-z0-9._-]+)(\[[^]]*\])?==", line)
        if match:
            pinned.add(norm(match.group(1)))
rows = sorted((p for p in json.load(sys.stdin) if norm(p["name"]) in pinned), key=lambda p: norm(p["name"]))
for p in rows:
    print(f"  {p['name']:<28} {p['version']:<12} -> {p['latest_version']}")
print(f"  {len(rows)} paquet(s) sur {len(pinned)} épinglés ont une version plus récente.")
endef
export OUTDATED_PY

outdated: install-dev
	@echo "Python (requirements.txt, requirements-dev.txt) :"
	@$(BIN)/pip list --outdated --format=json --disable-pip-version-check | $(BIN)/python -c "$$OUTDATED_PY"
	@echo "npm (package.json) :"
	@npm outdated || true

clean:
	rm -rf $(VENV) node_modules staticfiles .test-media test-artifacts .pytest_cache
