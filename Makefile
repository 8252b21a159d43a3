# The site's commands. The two that matter, on a fresh machine:
#   make serve   the site on http://127.0.0.1:8000/ with live reload
#   make test    every test (builds the site, opens it in Chromium)
#   make test-quick   the tests that need no browser and no nginx
# Both install what they need: a virtual environment from requirements.txt,
# and Debian's chromium (and its headless shell) for the browser tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
PORT ?= 8080
# Reproducible builds: any date the build writes is the last commit's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build properdocs check test test-quick chromium nginx node java text-layout pre-commit serve-prod requirements clean bench

# The environment is rebuilt whenever requirements.txt or pyproject.toml
# changes; the site's package (moussalaha/) is installed editable into it.
# Debian's Python has no venv module until python3-venv is installed.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "Installing Debian's python3-venv for the project's environment"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	@# uv (its version pinned in requirements.txt) downloads and installs in
	@# parallel: about 11 s from an empty cache, where pip took 38 s. Every
	@# file is checked against its hash in requirements.txt, uv's own first.
	awk '/^uv==/{p=1} p{print} p && !/\\$$/{exit}' requirements.txt > $(VENV)/uv-requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv-requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --require-hashes -r requirements.txt
	@# The site's own package, built by the pinned setuptools (no download).
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e . --no-deps --no-build-isolation
	touch $@

# The web editor at /admin/ is copied from node_modules (moussalaha/output/admin.py):
# every build needs the npm packages too.
serve: $(VENV)/.installed text-layout node_modules/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr $(ADDRESS)

build: $(VENV)/.installed text-layout node_modules/.installed
	$(BIN)/mkdocs build --strict

# The same site built by ProperDocs, the maintained fork of MkDocs 1.x, from
# the same mkdocs.yml: the engine to fall back on if MkDocs 1.6 is left
# behind (README, "Moving off Material 9"; tests/site/test_properdocs.py
# checks that both give the same site).
properdocs: $(VENV)/.installed text-layout node_modules/.installed
	$(BIN)/properdocs build --strict -f mkdocs.yml

# Every editors' check: file:line, what is wrong, how to fix it (scripts/site.py).
check: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check --quiet
	$(BIN)/python scripts/site.py check

# The preview images' text layout: Pillow's Raqm shapes with its own
# HarfBuzz but orders right-to-left text with Debian's FriBiDi. The
# dossier's (WeasyPrint): Debian's Pango (HarfBuzz, FriBiDi, fontconfig);
# poppler-utils' pdftotext reads it back in the tests.
text-layout:
	@/sbin/ldconfig -p | grep -q libfribidi.so.0 && /sbin/ldconfig -p | grep -q libraqm.so.0 \
	  && /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 && command -v pdftotext >/dev/null 2>&1 || { \
	  echo "Installing Debian's libfribidi0, libraqm0, libpango-1.0-0, libpangoft2-1.0-0 and poppler-utils"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libfribidi0 libraqm0 \
	    libpango-1.0-0 libpangoft2-1.0-0 poppler-utils >/dev/null; }

# Debian's chromium for Lighthouse, and its headless shell (the same engine
# without the browser's window) for the browser tests.
chromium:
	@command -v chromium >/dev/null 2>&1 && [ -x /usr/lib/chromium/chromium-headless-shell ] || { \
	  echo "Installing Debian's chromium and chromium-headless-shell for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-headless-shell >/dev/null; }

# Debian's nginx with its brotli_static module, and wrk for the load test.
nginx:
	@[ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
	  && command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's nginx, its brotli module and wrk"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq \
	    $$([ -x /usr/sbin/nginx ] || echo nginx) libnginx-mod-http-brotli-static wrk >/dev/null; }

# The site as production serves it: nginx on 127.0.0.1:$(PORT), until Ctrl-C.
serve-prod: build nginx
	$(BIN)/python -m scripts.serve_prod --port $(PORT)

# Debian's Java, which runs the W3C Nu HTML Checker (npm's vnu-jar below;
# its own download of a Java runtime is not used).
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's default-jre-headless for the HTML checker"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's Node.js and npm, for the quality tools below.
node:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's nodejs and npm for the quality tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

# axe-core, Lighthouse and the Nu HTML Checker for the quality tests, and the
# web editor (Sveltia CMS and its fonts), pinned by package-lock.json.
# No package's install script runs: the only one, vnu-jar's, would download
# a Java runtime from GitHub when Debian's is missing.
node_modules/.installed: package.json package-lock.json | node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The editors' checks before every commit, with pre-commit installed into
# the project's environment (Debian's Python refuses pip install outside one).
pre-commit: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check pre-commit==4.7.0
	$(BIN)/pre-commit install

# On every core (pytest-xdist; tests/conftest.py says which tests stay together).
# `make test` runs one worker more than there are cores: its browser tests
# wait on Chromium, Lighthouse and the preview, time the extra worker fills
# (on two cores, 6 min 11 s instead of 7 min 22 s; `make test-quick`, which
# waits on nothing, is no faster so).
PARALLEL := --dist loadgroup
CORES := $(shell nproc 2>/dev/null || echo 2)

# The Debian packages first, one after the other (apt-get holds a lock), then
# the Python environment and the npm packages side by side.
test: text-layout chromium nginx node java
	@$(MAKE) --no-print-directory -j2 $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check --quiet
	$(BIN)/pytest -n $(shell echo $$(( $(CORES) + 1 ))) $(PARALLEL)

# What needs no browser and no nginx: the package, the editors' tool, the
# built HTML (tests/unit and tests/site; see tests/conftest.py).
test-quick: $(VENV)/.installed text-layout node_modules/.installed
	$(BIN)/ruff check --quiet
	$(BIN)/pytest -n auto $(PARALLEL) -m "not browser and not serving"

# Lighthouse and page weight of this site beside the stock mkdocs-material
# build of the same pages (several minutes; see scripts/bench.py).
bench: $(VENV)/.installed chromium node_modules/.installed
	$(BIN)/python -m scripts.bench

# Re-pin every package after changing requirements.in, each with the hashes
# of its files (make installs with --require-hashes). Versions already in
# requirements.txt are kept (uv prefers them); `--upgrade` is not used.
requirements: $(VENV)/.installed
	$(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11.5 \
	  --custom-compile-command "make requirements" requirements.in -o requirements.txt

clean:
	rm -rf site $(VENV) .pytest_cache node_modules .cache/moussalaha
