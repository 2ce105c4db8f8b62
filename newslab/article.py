"""The article: loading a bundled article by id or a learner's text file into typed paragraphs."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import config

# The kinds a block of text can have. "related" covers a "Read more" line and related headlines.
KINDS = ("body", "caption", "related")


class ArticleError(ValueError):
    """A one-line message that says what is wrong with the input and what to do."""


@dataclass(frozen=True)
class Paragraph:
    """One block of the file, between blank lines, with what kind of block it is."""

    index: int  # counts from 0 over all blocks of the file, in order
    kind: str  # "body", "caption" or "related"
    text: str
    role: str = ""  # a finer description, e.g. "photo caption", "video caption", "related headline"
    start: int = 0  # character offset of the block in the article's full text
    end: int = 0


@dataclass(frozen=True)
class Article:
    """An article: its id, its metadata, its full text and its paragraphs with their kinds."""

    id: str
    text: str
    paragraphs: tuple
    meta: dict = field(default_factory=dict)
    path: Path | None = None

    @property
    def bundled(self) -> bool:
        """True for an article that ships in data/articles/."""
        return bool(self.meta.get("bundled"))

    @property
    def invented(self) -> bool:
        """True for the team's invented test article."""
        return bool(self.meta.get("invented"))

    @property
    def headline(self):
        """The headline from the metadata, or None: the text itself does not carry it."""
        return self.meta.get("headline")

    @property
    def body(self) -> list:
        """The paragraphs the reporter wrote about the event: the kind "body"."""
        return [p for p in self.paragraphs if p.kind == "body"]

    @property
    def body_text(self) -> str:
        """The body paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.body)

    def of_kind(self, kind: str) -> list:
        """The paragraphs of one kind."""
        _check_kind(kind)
        return [p for p in self.paragraphs if p.kind == kind]

    def with_kinds(self, changes: dict) -> "Article":
        """A copy of the article with some paragraphs' kinds corrected: {index: kind}."""
        paragraphs = list(self.paragraphs)
        for index, kind in changes.items():
            index = int(index)
            _check_kind(kind)
            if not 0 <= index < len(paragraphs):
                raise ArticleError(f"There is no paragraph {index}: this article has paragraphs 0 to {len(paragraphs) - 1}.")
            paragraphs[index] = replace(paragraphs[index], kind=kind, role=f"{kind} (corrected)")
        return replace(self, paragraphs=tuple(paragraphs))

    def describe(self) -> str:
        """One line that names the article, and says so when it is invented."""
        if self.invented:
            return f"{self.id}: an INVENTED article the newslab team wrote for testing; it is not real news."
        if self.bundled:
            return f"{self.id}: {self.meta.get('outlet')}, {self.meta.get('date')}, “{self.headline}”"
        if self.path is None:
            return f"{self.id}: your own text, pasted in"
        return f"{self.id}: your own text, from {self.path}"


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ArticleError(f"Unknown kind {kind!r}: use one of {', '.join(KINDS)}.")


# ---------------------------------------------------------------- bundled articles

def bundled_ids() -> list:
    """The ids of the articles in data/articles/."""
    return sorted(p.stem for p in config.ARTICLES.glob("*.json"))


def _bundled_meta(article_id: str) -> dict:
    with open(config.ARTICLES / f"{article_id}.json", encoding="utf-8") as f:
        return json.load(f)


def sha256_of(path) -> str:
    """The sha256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _load_bundled(article_id: str) -> Article:
    meta = _bundled_meta(article_id)
    path = config.ARTICLES / meta["file"]
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise ArticleError(f"{path.name} has changed (its sha256 is not the one in {article_id}.json): "
                           f"restore it with 'git checkout -- data/articles/{path.name}'.")
    text = data.decode("utf-8")
    blocks = _split_blocks(text)
    structure = meta["blocks"]
    if len(structure) != len(blocks):
        raise ArticleError(f"{article_id}.json describes {len(structure)} blocks but the text has {len(blocks)}: "
                           "fix the metadata's 'blocks' list.")
    paragraphs = tuple(Paragraph(index=i, kind=s["kind"], role=s.get("role", s["kind"]), text=b, start=start, end=end)
                       for i, (s, (b, start, end)) in enumerate(zip(structure, blocks)))
    return Article(id=article_id, text=text, paragraphs=paragraphs, meta={**meta, "bundled": True}, path=path)


# ---------------------------------------------------------------- a learner's file

def _split_blocks(text: str) -> list:
    """Blocks separated by blank lines, each as (text, start, end) offsets into text."""
    blocks = []
    # The optional part is lazy, so that a block of one character ("." alone) stays a block of its own.
    for match in re.finditer(r"\S(?:.*?\S)??(?=\s*\n\s*\n|\s*$)", text, flags=re.S):
        blocks.append((match.group(0), match.start(), match.end()))
    return blocks


# A credit in parentheses at the end of a block, e.g. "(Evan Vucci/Associated Press)" or
# "(The Washington Post)", marks a photo or video caption.
CREDIT_AT_END = re.compile(r"\((?:[^()]*/[^()]*|The [A-Z][\w ]+|[A-Z][\w.]*(?: [A-Z][\w.]*)* (?:Press|Images|News|Photo|Reuters|AFP|Getty))\)\s*$")
# A line that introduces links to other stories.
RELATED_LABEL = re.compile(r"^(read more|related|see also|more on this story|recommended)\b.{0,40}$", re.I)


def guess_kind(block: str, after_related_label: bool) -> str:
    """Guess a block's kind with the documented rules (see load_article)."""
    if RELATED_LABEL.match(block.strip()):
        return "related"
    if after_related_label and len(block) < 160 and "\n" not in block:
        return "related"
    if CREDIT_AT_END.search(block):
        return "caption"
    return "body"


def _guess_paragraphs(text: str) -> tuple:
    paragraphs = []
    in_related = False
    for i, (block, start, end) in enumerate(_split_blocks(text)):
        kind = guess_kind(block, in_related)
        if kind == "related":
            in_related = True
        role = {"body": "paragraph", "caption": "caption (guessed from its credit)",
                "related": "related link (guessed)"}[kind]
        paragraphs.append(Paragraph(index=i, kind=kind, role=role, text=block, start=start, end=end))
    return tuple(paragraphs)


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if any(0x80 <= b <= 0x9F for b in data):
        return "Windows-1252"
    return "Latin-1 (ISO-8859-1)"


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = re.findall(r"</?(?:p|div|span|a|html|body|head|br|script|article)\b[^>]*>", text[:20000], flags=re.I)
    return len(tags) >= 5


def read_text_file(path) -> str:
    """Read a learner's text file, or raise ArticleError with a one-line message that says what to do."""
    path = Path(path).expanduser()
    if not path.exists():
        raise ArticleError(f"No file at {path}: check the path (it is read from {Path.cwd()}), "
                           f"or use a bundled article id: {', '.join(bundled_ids())}.")
    if path.is_dir():
        raise ArticleError(f"{path} is a folder: give the path of one plain-text (.txt) file inside it.")
    size = path.stat().st_size
    if size > config.MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path.name} is {size / 1_000_000:.1f} MB, over the {config.MAX_ARTICLE_BYTES // 1_000_000} MB "
                           "limit for one article: load a single article's text, not a whole collection.")
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(f"{path.name} is empty: paste the article's text into it, save, and load it again.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path.name} is not UTF-8 text (it looks like UTF-16): save it again as UTF-8 "
                           "(in most editors: Save As, encoding UTF-8) and load it again.")
    if _looks_binary(data) or data[:5] == b"%PDF-" or data[:2] == b"PK":
        raise ArticleError(f"{path.name} is not a text file (a PDF, Word document or image?): "
                           "copy the article's text into a plain .txt file and load that.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(f"{path.name} is not UTF-8 text (it may be {_guess_encoding(data)}): save it again as UTF-8 "
                           "(in most editors: Save As, encoding UTF-8) and load it again.") from None
    if _looks_like_html(text):
        raise ArticleError(f"{path.name} looks like HTML (a saved web page): copy the article's text from the "
                           "browser into a plain .txt file and load that.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def article_from_text(text: str, name: str = "pasted-text", kinds=None) -> Article:
    """An article from a string (pasted text, say), its blocks' kinds guessed by load_article's rules."""
    if not text or not text.strip():
        raise ArticleError(f"{name} is empty: paste the article's text, with a blank line between paragraphs.")
    if _looks_like_html(text):
        raise ArticleError(f"{name} looks like HTML: copy the article's text from the browser, not its source.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = Article(id=name, text=text, paragraphs=_guess_paragraphs(text),
                      meta={"bundled": False, "invented": False, "source": name})
    if kinds:
        article = article.with_kinds(kinds)
    if not article.body:
        raise ArticleError(f"{name} has no body paragraphs: separate paragraphs with blank lines, "
                           "or correct the kinds with kinds={index: 'body'}.")
    return article


def load_article(source=None, kinds=None) -> Article:
    """Load an article: a bundled id, a path to a .txt file, or (with no argument) what NEWSLAB_ARTICLE names.

    For a learner's file, each block between blank lines gets a kind by these rules, in order:
    1. a line such as "Read more", "Related" or "See also" is "related", and so is every short
       one-line block after it (related headlines);
    2. a block that ends with a credit in parentheses — "(Name/Agency)", "(The Washington Post)",
       "(… Press)", "(Getty Images)" — is a "caption";
    3. everything else is "body".
    Correct a wrong guess with kinds={index: kind}, or later with article.with_kinds({...}).
    Loading never touches the network.
    """
    if source is None:
        source = os.environ.get(config.ARTICLE_ENV, "").strip() or config.DEFAULT_ARTICLE
    source = str(source)
    if source in bundled_ids():
        article = _load_bundled(source)
    else:
        path = Path(source).expanduser()
        if not path.exists() and not path.suffix and "/" not in source and "\\" not in source:
            raise ArticleError(f"No article with id {source!r}: use one of {', '.join(bundled_ids())}, "
                               "or the path of a plain-text file.")
        text = read_text_file(path)
        paragraphs = _guess_paragraphs(text)
        meta = {"bundled": False, "invented": False, "source": str(path)}
        article = Article(id=path.stem, text=text, paragraphs=paragraphs, meta=meta, path=path)
    if kinds:
        article = article.with_kinds(kinds)
    if not article.body:
        raise ArticleError(f"{article.id} has no body paragraphs: separate paragraphs with blank lines, "
                           "or correct the kinds with kinds={index: 'body'}.")
    return article
