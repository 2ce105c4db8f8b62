"""Configuration in one place: paths, the default article, limits, the public address, colours."""

import os
from pathlib import Path

# Where the project lives: the folder that holds newslab/, data/, notebooks/ …
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTICLES = DATA / "articles"
EXERCISES = DATA / "exercises"
WORDLISTS = DATA / "wordlists"
NOTEBOOK_FOLDERS = ("notebooks", "exercises", "instructors")

# The article every notebook works on unless NEWSLAB_ARTICLE names another (an id or a path).
DEFAULT_ARTICLE = "wapo-2015-09-19-kerry-assad"
INVENTED_ARTICLE = "invented-port-alder-bridge"
ARTICLE_ENV = "NEWSLAB_ARTICLE"

# A single news article is a few kilobytes; anything over this is not one article.
MAX_ARTICLE_BYTES = 1_000_000
# A class's coding file or a progress export is a few kilobytes; anything over this is refused in one line.
MAX_CSV_BYTES = 20_000_000

# The repository's public address is not fixed yet: every Binder and nbgitpuller link is
# generated from these settings, so moving the repository is a change here and nowhere else.
REPOSITORY = "newslab-course/newslab"  # GitHub owner/name
BRANCH = "main"
BINDER_BASE = "https://mybinder.org/v2/gh"
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"

# A learner's function in a write-a-function exercise may run this long per test case before it is
# stopped with a question about endless loops: a forked child is killed (Linux, macOS); on Windows, with
# no fork and no interval timer, the limit is not enforced (see newslab/exercises/function.py).
FUNCTION_TIME_LIMIT_SECONDS = 5.0

# Everything a learner makes (progress, codings, saved choices) lives under this folder.
HOME_ENV = "NEWSLAB_HOME"


def newslab_home() -> Path:
    """The folder that keeps a learner's progress, codings and choices."""
    return Path(os.environ.get(HOME_ENV) or Path.home() / ".newslab").expanduser()


# The Okabe & Ito (2008) colour-blind-safe palette, used for every plot and widget colour.
PALETTE = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
PLOT_COLOURS = [PALETTE[name] for name in ("blue", "orange", "bluish green", "vermillion",
                                            "reddish purple", "sky blue", "yellow", "black")]
