# The site's commands. The two that matter, on a fresh machine:
#   make serve   the site on http://127.0.0.1:8000/ with live reload
#   make test    every test (builds the site, opens it in Chromium)
# Both install what they need: a virtual environment from requirements.txt,
# and Debian's chromium for the browser tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test chromium requirements clean

# The environment is rebuilt whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr $(ADDRESS)

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed chromium
	$(BIN)/pytest

# Re-pin every package after changing requirements.in.
requirements:
	rm -rf /tmp/moussalaha-requirements && $(PYTHON) -m venv /tmp/moussalaha-requirements
	/tmp/moussalaha-requirements/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by 'make requirements': every package pinned."; \
	  /tmp/moussalaha-requirements/bin/pip freeze; } > requirements.txt

clean:
	rm -rf site $(VENV) .pytest_cache
