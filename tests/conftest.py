"""Shared test set-up: every test runs in its own folder with a throwaway NEWSLAB_HOME.

So no test writes into a real learner's progress, and exported files (which the kit writes into
the current folder, for Binder users to download) never land in the repository. A test module may
define its own `home` fixture to add to this.
"""

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    folder = tmp_path / "newslab-home"
    monkeypatch.setenv("NEWSLAB_HOME", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder
