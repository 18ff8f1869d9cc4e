# Two commands matter: `make run` (the dashboard on http://localhost:8501 with demo data) and
# `make test` (every test). Both create .venv and install the package first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRACT := data/extracts/demo
WAREHOUSE := data/warehouse/ipso.duckdb
PORT ?= 8501

N ?= 2

.PHONY: run serve test lint bench load validate demo-data warehouse browser clean

run: $(STAMP) $(WAREHOUSE)
	IPSO_WAREHOUSE=$(WAREHOUSE) $(BIN)/streamlit run streamlit_app.py --server.port $(PORT)

# N Streamlit replicas on the same read-only warehouse behind nginx with sticky sessions, on
# http://127.0.0.1:$(PORT) (loopback only; README "Hosting" for a real host). Needs nginx.
serve: $(STAMP) $(WAREHOUSE)
	IPSO_WAREHOUSE=$(WAREHOUSE) $(BIN)/python -m dashboard.hosting --replicas $(N) --port $(PORT)

test: $(STAMP) browser lint
	$(BIN)/pytest

# Speed and memory, measured (not part of `make test`): results in bench/results/.
bench: $(STAMP)
	$(BIN)/python -m bench.run --scales 1,10,50 --combos 50

# Many users at once, without browsers (Streamlit's websocket protocol): 10, 50 and 100 users
# against one server and against two replicas behind nginx, 60 s each.
load: $(STAMP) $(WAREHOUSE)
	$(BIN)/python -m bench.load --users 10,50,100 --replicas 1,2 --seconds 60 --warehouse $(WAREHOUSE)

# The impact estimator's simulation study (not part of `make test`; 51 min measured on 2 cores
# shared with other work, about 11 min on 2 idle cores by its per-world CPU time):
# worlds without an effect, with the demo's effects and doubled; results in bench/results/.
validate: $(STAMP)
	$(BIN)/python -m bench.validate --null-runs 200 --runs 100 --workers 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Generated once; delete data/extracts/demo (or run `make demo-data`) to regenerate.
$(EXTRACT)/_synthetic.json: | $(STAMP)
	$(BIN)/ipso-dashboard demo-data --out $(EXTRACT)

# Order-only: a warehouse built from a real extract is never overwritten by the demo.
$(WAREHOUSE): | $(EXTRACT)/_synthetic.json
	$(BIN)/ipso-dashboard ingest $(EXTRACT) --warehouse $(WAREHOUSE)

demo-data: $(STAMP)
	$(BIN)/ipso-dashboard demo-data --out $(EXTRACT)

warehouse: $(STAMP)
	$(BIN)/ipso-dashboard ingest $(EXTRACT) --warehouse $(WAREHOUSE)

# Browser tests need Debian's chromium: installed here where we can (root with apt-get);
# otherwise those tests are skipped with a notice (CI always installs it).
browser:
	@scripts/ensure_chromium.sh

clean:
	rm -rf $(VENV) data/extracts data/warehouse .pytest_cache .ruff_cache
