# Everything a fresh machine needs: a virtual environment, the package with its
# test extras, the database schema and the shipped dossier.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install db run console test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

db: install
	$(BIN)/briefbot db upgrade
	$(BIN)/briefbot seed

run: db
	$(BIN)/briefbot run

console: db
	$(BIN)/briefbot console

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache

.PHONY: bench-ingest
bench-ingest: install  # import and deduplication throughput (20,000 files; a store of 100,000 articles)
	$(BIN)/python -m bench.ingest

.PHONY: bench-commands
bench-commands: install  # reader-command latency through the fake Bot API (10,000 events; 100,000 articles)
	$(BIN)/python -m bench.commands

.PHONY: bench-fanout
bench-fanout: install  # one digest to 100,000 chats through the fake Bot API: paced rate, throughput, memory
	$(BIN)/python -m bench.fanout

.PHONY: bench-web
bench-web: install  # server time of the web pages (10,000 events; 100,000 articles) next to a static 1 KB page
	$(BIN)/python -m bench.web

.PHONY: bench-webhook
bench-webhook: install  # webhook fleet on PostgreSQL: updates/s answered with p99 < 50 ms by 1-3 replicas; leader failover
	$(BIN)/python -m bench.webhook
