"""The one guarded reader for every file, folder and pasted text a learner names: regular files only, size-limited, one-line errors."""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from pathlib import Path

from . import config
from .article import ArticleError

CHUNK = 1 << 16
SAVE_AS_UTF8 = "save it again as UTF-8 (in most editors: Save As, encoding UTF-8) and load it again."


class ReadError(ArticleError):
    """A file, folder or text that cannot be used, in one line that says what to do.

    `reason` names the kind of problem: "missing", "loop", "folder", "device", "pipe", "not-a-file",
    "permission", "unreadable", "too-big", "empty", "encoding", "binary", "html", "csv"."""

    def __init__(self, message: str, reason: str = "unreadable"):
        super().__init__(" ".join(str(message).split()))
        self.reason = reason


def describe_limit(limit: int) -> str:
    """'1 MB', '200 KB' or '512 bytes'."""
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} KB"
    return f"{limit} bytes"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _too_big(name: str, size: str, limit: int, what: str) -> ReadError:
    return ReadError(f"{name} is {size}, over the {describe_limit(limit)} limit for one {what}: "
                     f"load a single {what}, not a whole collection.", "too-big")


def _open_error(path: Path, error: OSError, what: str) -> ReadError:
    if error.errno == errno.ELOOP:
        return ReadError(f"{path} is a symbolic link that points to itself in a loop: "
                         f"give the path of the real {what} file.", "loop")
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return ReadError(f"{path} is a link to a file that no longer exists: give the path of the real {what} file.",
                             "missing")
        return ReadError(f"No file at {path}: check the path (it is read from {Path.cwd()}).", "missing")
    if error.errno in (errno.EACCES, errno.EPERM):
        return ReadError(f"{path} cannot be read (permission denied): give yourself read permission "
                         f"or copy the {what} to a file you own.", "permission")
    if error.errno == errno.EISDIR:
        return ReadError(f"{path} is a folder: give the path of one file inside it.", "folder")
    if error.errno == errno.ENAMETOOLONG:
        return ReadError(f"That path is too long ({len(str(path))} characters): give a shorter path.", "missing")
    return ReadError(f"could not read {path}: {error.strerror or error}.", "unreadable")


def _kind_error(path: Path, mode: int, what: str) -> ReadError:
    if stat.S_ISDIR(mode):
        return ReadError(f"{path} is a folder: give the path of one file inside it.", "folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ReadError(f"{path} is a device (like /dev/zero), not a file: give the path of a saved {what} file.",
                         "device")
    if stat.S_ISFIFO(mode):
        return ReadError(f"{path} is a pipe (FIFO), not a file: save the {what} to a regular file and give its path.",
                         "pipe")
    return ReadError(f"{path} is not a regular file: give the path of a saved {what} file.", "not-a-file")


def read_user_bytes(path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file, at most `limit`; anything else raises ReadError with one line.

    The file is opened without blocking (a FIFO never hangs) and checked with fstat before a byte is read;
    at most limit + 1 bytes are read, so /dev/zero or a growing file cannot fill the memory."""
    path = Path(os.fspath(path)).expanduser()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise _open_error(path, error, what) from None
    except ValueError:  # a NUL character in the path
        raise ReadError(f"{path!r} is not a usable path (it contains a NUL character): type the path again.",
                        "missing") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _kind_error(path, info.st_mode, what)
        if info.st_size > limit:
            raise _too_big(path.name, _size(info.st_size), limit, what)
        chunks, total = [], 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            except BlockingIOError:
                raise ReadError(f"{path} is not ready to be read: save the {what} to a regular file.", "pipe") from None
            except OSError as error:
                raise _open_error(path, error, what) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_big(path.name, f"over {describe_limit(limit)}", limit, what)
        return b"".join(chunks)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- text

def _utf16_without_bom(data: bytes):
    """'UTF-16-LE' or 'UTF-16-BE' when the bytes look like UTF-16 text without a byte-order mark, else None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    for zeros, others, name in ((odd, even, "UTF-16-LE"), (even, odd, "UTF-16-BE")):
        if zeros >= pairs * 0.3 and others <= pairs * 0.05:
            try:
                data[: len(data) // 2 * 2].decode(name.lower())
            except UnicodeDecodeError:
                continue
            return name
    return None


def _guess_encoding(data: bytes) -> str:
    if any(0x80 <= b <= 0x9F for b in data):
        return "Windows-1252"
    return "Latin-1 (ISO-8859-1)"


CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _too_many_controls(count: int, length: int) -> bool:
    return count > max(length, 1) * 0.05


def looks_like_html(text: str) -> bool:
    """True for a saved web page: an HTML or XML start, or five or more common tags in the first 20,000 characters."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = re.findall(r"</?(?:p|div|span|a|html|body|head|br|script|article)\b[^<>]{0,200}>", text[:20000], flags=re.I)
    return len(tags) >= 5


def decode_user_text(data: bytes, name: str, what: str = "article") -> str:
    """UTF-8 text (a BOM dropped) from a file's bytes, or ReadError naming UTF-16, binary or another encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name} is not UTF-8 text (it looks like UTF-16, with a byte-order mark): {SAVE_AS_UTF8}",
                        "encoding")
    utf16 = _utf16_without_bom(data)
    if utf16:
        raise ReadError(f"{name} is not UTF-8 text (it looks like {utf16} without a byte-order mark): {SAVE_AS_UTF8}",
                        "encoding")
    if b"\x00" in data or data[:5] == b"%PDF-" or data[:2] == b"PK" or \
            _too_many_controls(len(CONTROL_BYTES.findall(data)), len(data)):
        raise ReadError(f"{name} is not a text file (a PDF, Word document or image?): "
                        f"copy the {what}'s text into a plain .txt file and load that.", "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(f"{name} is not UTF-8 text (it may be {_guess_encoding(data)}): {SAVE_AS_UTF8}",
                        "encoding") from None


def read_user_text(path, limit: int = config.MAX_ARTICLE_BYTES, what: str = "article") -> str:
    """A learner's plain-text file as a string with \\n line ends, or ReadError with a one-line message."""
    path = Path(os.fspath(path)).expanduser()
    data = read_user_bytes(path, limit, what)
    empty = ReadError(f"{path.name} is empty: paste the {what}'s text into it, save, and load it again.", "empty")
    if not data.strip():
        raise empty
    text = decode_user_text(data, path.name, what)
    if not text.strip():  # a byte-order mark, or only spaces of other scripts
        raise empty
    if looks_like_html(text):
        raise ReadError(f"{path.name} looks like HTML (a saved web page): copy the {what}'s text from the "
                        "browser into a plain .txt file and load that.", "html")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_pasted_text(text, limit: int = config.MAX_ARTICLE_BYTES, what: str = "pasted text") -> str:
    """Pasted text (a str, or bytes in UTF-8) checked as a file would be: the same size limit, no NUL or
    control characters, valid Unicode; returns the str or raises ReadError with one line."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
        if len(data) > limit:
            raise _too_big(what, _size(len(data)), limit, "text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReadError(f"{what} is bytes that are not UTF-8 text: decode it first, or paste it as text.",
                            "encoding") from None
    elif text is None:
        text = ""
    elif not isinstance(text, str):
        raise ReadError(f"{what} is a {type(text).__name__}, not text: give a string.", "not-a-file")
    if len(text) > limit:
        raise _too_big(what, f"{len(text):,} characters", limit, "text")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ReadError(f"{what} contains characters that are not valid text (lone surrogates): "
                        "copy the text again from its source.", "encoding") from None
    if size > limit:
        raise _too_big(what, _size(size), limit, "text")
    if "\x00" in text or _too_many_controls(len(CONTROL.findall(text)), len(text)):
        raise ReadError(f"{what} contains NUL or control characters, so it is not plain text: "
                        "copy the article's text again from a browser or a text editor.", "binary")
    return text


# ---------------------------------------------------------------- folders

def walk_user_folder(folder, pattern: str = "*") -> tuple:
    """(paths, problems): the entries of a folder whose names match `pattern` (case-insensitive), sorted,
    folders left out; every entry or folder that cannot be read is one line in problems, and the walk goes on."""
    folder = Path(os.fspath(folder)).expanduser()
    paths, problems = [], []
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            return [], [f"{folder} is not a folder: give the path of a folder."]
        reason = _open_error(folder, error, "folder")
        if error.errno in (errno.EACCES, errno.EPERM):
            return [], [f"{folder} cannot be read (permission denied): give yourself read permission on the folder."]
        return [], [str(reason)]
    pattern = pattern.lower()
    for entry in entries:
        if not fnmatch.fnmatchcase(entry.name.lower(), pattern):
            continue
        try:
            if entry.is_dir():
                continue
        except OSError as error:
            problems.append(str(_open_error(Path(entry.path), error, "file")))
            continue
        paths.append(Path(entry.path))
    return sorted(paths), problems


__all__ = ["ReadError", "check_pasted_text", "decode_user_text", "looks_like_html", "read_user_bytes",
           "read_user_text", "walk_user_folder"]
