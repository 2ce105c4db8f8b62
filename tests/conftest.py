"""Shared test set-up: no test ever writes into a real learner's NEWSLAB_HOME."""

import pytest


@pytest.fixture(autouse=True)
def _throwaway_newslab_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path_factory.mktemp("newslab-home")))
