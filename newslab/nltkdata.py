"""NLTK data: the one list of resources the lessons use, finding them, and downloading what is missing."""

from __future__ import annotations

import argparse
import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Resource:
    """One NLTK data package the collection uses, where NLTK looks for it, and whether it is required."""

    id: str  # the package id for nltk.download
    paths: tuple  # where nltk.data.find may find it (unzipped folder or zip)
    required: bool
    used_for: str
    part: str = ""  # names the part of a package, where a package has a required and an optional part

    @property
    def label(self) -> str:
        """The id, with the part where there is one, e.g. "maxent_ne_chunker_tab (multiclass)"."""
        return f"{self.id} ({self.part})" if self.part else self.id


# The one place that lists the NLTK data newslab uses.
RESOURCES = (
    Resource("punkt_tab", ("tokenizers/punkt_tab/english/",), True, "sent_tokenize and word_tokenize (lesson 02 on)"),
    Resource("averaged_perceptron_tagger_eng", ("taggers/averaged_perceptron_tagger_eng/",), True, "pos_tag (lessons 05–07)"),
    Resource("tagsets_json", ("help/tagsets_json/",), True, "nltk.help.upenn_tagset (lesson 05)"),
    Resource("stopwords", ("corpora/stopwords/", "corpora/stopwords.zip"), True, "the English stopword list (lessons 03–04)"),
    Resource("words", ("corpora/words/", "corpora/words.zip"), True, "the named-entity chunker (lesson 06)"),
    Resource("maxent_ne_chunker_tab", ("chunkers/maxent_ne_chunker_tab/english_ace_binary/",), True,
             "ne_chunk(..., binary=True), lesson 06", "binary"),
    Resource("brown", ("corpora/brown/", "corpora/brown.zip"), True, "the Brown corpus, a reference for keyness (lesson 04)"),
    Resource("treebank", ("corpora/treebank/", "corpora/treebank.zip"), True, "measuring the tagger (lesson 05)"),
    Resource("vader_lexicon", ("sentiment/vader_lexicon.zip", "sentiment/vader_lexicon/"), True, "VADER tone scores (lesson 08)"),
    # Optional: used when present, with a visible note when absent.
    Resource("maxent_ne_chunker_tab", ("chunkers/maxent_ne_chunker_tab/english_ace_multiclass/",), False,
             "the multiclass named-entity chunker, an extra in lesson 06", "multiclass"),
    Resource("wordnet", ("corpora/wordnet/", "corpora/wordnet.zip"), False, "lemmatisation, an extra in lesson 03"),
)


def find(resource: Resource):
    """Where NLTK finds the resource on its search path, or None."""
    import nltk

    for path in resource.paths:
        try:
            return Path(str(nltk.data.find(path)))
        except LookupError:
            continue
    return None


def missing(resources=RESOURCES) -> list:
    """The resources NLTK cannot find anywhere on its search path."""
    return [r for r in resources if find(r) is None]


def default_download_dir() -> Path:
    """Where setup downloads by default: a folder on NLTK's own search path, never one NLTK_DATA names."""
    candidate = Path(sys.prefix) / "share" / "nltk_data"
    try:
        candidate.mkdir(parents=True, exist_ok=True)
        if os.access(candidate, os.W_OK):
            return candidate
    except OSError:
        pass
    return Path.home() / "nltk_data"


def others_can_write(path: Path) -> list:
    """Files and folders under path that other accounts can write, or that another non-root account owns."""
    bad = []
    me = os.getuid() if hasattr(os, "getuid") else None
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files, ""]:
            p = Path(root) / name if name else Path(root)
            try:
                st = p.lstat()
            except OSError:
                continue
            owned_by_other = me is not None and st.st_uid not in (me, 0)
            if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or owned_by_other:
                bad.append(p)
    return bad


def fix_permissions(path: Path) -> None:
    """Remove group and other write permission under path (NLTK 3.10 refuses such data)."""
    for p in [path, *path.rglob("*")]:
        try:
            mode = p.lstat().st_mode
            if not stat.S_ISLNK(mode):
                p.chmod(stat.S_IMODE(mode) & ~(stat.S_IWGRP | stat.S_IWOTH))
        except OSError:
            pass


OFFLINE_ADVICE = ("run 'python -m newslab setup' once on a machine with internet, or copy a prepared NLTK data "
                  "folder (an instructor's offline bundle has one) and set NLTK_DATA to its absolute path")


def setup(download_dir=None, index_url=None, resources=RESOURCES, out=print) -> int:
    """Download the resources NLTK cannot find; 0 unless a required one is still missing afterwards."""
    import nltk
    from nltk.downloader import Downloader

    todo = missing(resources)
    if not todo:
        out("NLTK data: everything the lessons use is already here.")
        return 0
    target = Path(download_dir).expanduser().resolve() if download_dir else default_download_dir()
    target.mkdir(parents=True, exist_ok=True)
    out(f"NLTK data: downloading {', '.join(sorted({r.id for r in todo}))} into {target}")
    downloader = Downloader(server_index_url=index_url) if index_url else Downloader()
    unreachable = False
    for package in sorted({r.id for r in todo}):
        try:
            ok = downloader.download(package, download_dir=str(target), quiet=True, raise_on_error=True,
                                     print_error_to=io.StringIO())  # the error is reported below, once
        except Exception as error:  # NLTK raises several kinds of error when its server cannot be reached
            ok = False
            reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
            out(f"  could not download {package}: {reason}")
            unreachable = True
        if ok:
            out(f"  downloaded {package}")
    fix_permissions(target)
    if str(target) not in nltk.data.path:
        nltk.data.path.append(str(target))
        out(f"  note: {target} is not on NLTK's search path; set NLTK_DATA={target} before starting Python.")
    still = missing(resources)
    required = [r for r in still if r.required]
    optional = [r for r in still if not r.required]
    for r in optional:
        out(f"  optional, not installed: {r.label} ({r.used_for}); the lessons work without it and say so.")
    if required:
        names = ", ".join(sorted({r.id for r in required}))
        why = "NLTK's download server could not be reached" if unreachable else "the download did not provide them"
        out(f"NLTK data: {why}; missing and required: {names}. To fix: {OFFLINE_ADVICE}.")
        return 1
    out("NLTK data: ready.")
    return 0


def main_setup(argv) -> int:
    """python -m newslab setup [--dir PATH] [--index-url URL]"""
    parser = argparse.ArgumentParser(prog="python -m newslab setup",
                                     description="Download the NLTK data the lessons need, only what is missing.")
    parser.add_argument("--dir", help="download into this folder (default: a folder on NLTK's search path "
                                      "inside this Python environment); never the one NLTK_DATA names")
    parser.add_argument("--index-url", help="a mirror of NLTK's data index (default: NLTK's own server)")
    args = parser.parse_args(argv)
    return setup(download_dir=args.dir, index_url=args.index_url)
