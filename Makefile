# Two commands do all the set-up on a fresh machine (without make: python -m newslab start | test).
PYTHON ?= python3
ARGS ?=

.PHONY: lab test bench check

lab:   ## install what is needed and open JupyterLab on lesson 00 (make lab ARGS=--allow-root to pass flags)
	$(PYTHON) -m newslab start $(ARGS)

test:  ## install what is needed and run the whole test suite
	$(PYTHON) -m newslab test

bench: ## print run time and memory of every notebook, and the other benchmark figures
	$(PYTHON) -m newslab bench

check: ## say what is missing or broken
	.venv/bin/python -m newslab check
