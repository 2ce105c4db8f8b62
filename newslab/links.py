"""Binder and nbgitpuller links, generated from the repository address in config."""

from urllib.parse import quote

from . import config


def repository_url() -> str:
    """The repository's public address on GitHub."""
    return f"https://github.com/{config.REPOSITORY}"


def binder_url(notebook: str = config.FIRST_NOTEBOOK) -> str:
    """A Binder link that opens JupyterLab on the given notebook."""
    return f"{config.BINDER_BASE}/{config.REPOSITORY}/{config.BRANCH}?urlpath=lab/tree/{notebook}"


def binder_badge(notebook: str = config.FIRST_NOTEBOOK) -> str:
    """A Markdown Binder badge that opens the given notebook."""
    return f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder_url(notebook)})"


def nbgitpuller_url(notebook: str = config.FIRST_NOTEBOOK, hub: str = "https://HUB.example.edu") -> str:
    """An nbgitpuller link that copies the repository onto a JupyterHub and opens the notebook."""
    folder = config.REPOSITORY.split("/")[-1]
    return (f"{hub}/hub/user-redirect/git-pull?repo={quote(repository_url(), safe='')}"
            f"&branch={config.BRANCH}&urlpath={quote(f'lab/tree/{folder}/{notebook}', safe='')}")
