# The two commands of the README. Both set up .venv themselves on a fresh machine.
#   make run   - the nightly job once, against the bundled demo site, into claimlink.db
#   make test  - the test suite (what .ci/run calls)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.claimlink-installed

.PHONY: run test install clean help

help:
	@echo "make run    run the nightly flow once against the bundled demo site (writes claimlink.db)"
	@echo "make test   run the test suite"
	@echo "make clean  remove the virtualenv and the demo database"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[model,test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/claimlink run --demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -ra

clean:
	rm -rf $(VENV) claimlink.db claimlink.db-wal claimlink.db-shm
