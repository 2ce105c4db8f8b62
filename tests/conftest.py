"""Shared test set-up: every test runs in its own folder with a throwaway NEWSLAB_HOME.

So no test writes into a real learner's progress, and exported files (which the kit writes into
the current folder, for Binder users to download) never land in the repository. A test module may
define its own `home` fixture to add to this.
"""

import copy

import pytest

import newslab
from newslab.exercises import PracticeSet, read_set

WAPO, INVENTED = "wapo-2015-09-19-kerry-assad", "invented-port-alder-bridge"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    folder = tmp_path / "newslab-home"
    monkeypatch.setenv("NEWSLAB_HOME", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def practice(set_name: str, article_id: str = WAPO) -> PracticeSet:
    """A fresh copy of a practice set, on one of the bundled articles."""
    return PracticeSet(copy.deepcopy(read_set(set_name)), article=newslab.load_article(article_id))


@pytest.fixture
def wapo_set(request):
    """The practice set named by the test module's SET, on the Post article."""
    return practice(request.module.SET, WAPO)


@pytest.fixture
def invented_set(request):
    """The practice set named by the test module's SET, on the invented article."""
    return practice(request.module.SET, INVENTED)
