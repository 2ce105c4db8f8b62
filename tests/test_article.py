"""Loading the bundled articles and a learner's own files, and the one-line errors for bad input."""

import hashlib
import socket

import pytest

import newslab
from newslab import config
from newslab.article import ArticleError, bundled_ids, guess_kind, load_article

POST = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


def test_the_post_article_is_the_one_received_unchanged():
    data = (config.ARTICLES / "wapo-2015-09-19-kerry-assad.txt").read_bytes()
    # The checksum given with the article in ../shared/article/README.md, written out by hand.
    assert hashlib.sha256(data).hexdigest() == "185ed47d9cf85cce33cf72195f8161884903a93a88f24090d055b2700cc2b33f"
    assert not data.endswith(b"\n")


def test_bundled_ids():
    assert bundled_ids() == [INVENTED, POST]


def test_post_structure():
    article = load_article(POST)
    kinds = [p.kind for p in article.paragraphs]
    assert len(kinds) == 22
    assert kinds[0] == "caption" and article.paragraphs[0].role == "photo caption"
    assert kinds[12] == "caption" and article.paragraphs[12].role == "video caption"
    assert kinds[18:] == ["related"] * 4 and article.paragraphs[18].text == "Read more"
    assert kinds.count("body") == 16
    assert article.paragraphs[1].text.startswith("Secretary of State John F. Kerry said Saturday")
    assert article.paragraphs[12].text.endswith("(The Washington Post)")
    for p in article.paragraphs:
        assert article.text[p.start:p.end] == p.text


def test_post_metadata_says_what_is_unknown():
    meta = load_article(POST).meta
    assert meta["byline"] is None and "Unknown" in meta["byline_note"]
    assert meta["outlet"] == "The Washington Post" and meta["date"] == "2015-09-19" and meta["dateline"] == "London"
    assert meta["photo_credit"] == "Evan Vucci/Associated Press"
    assert set(meta["not_in_text"]) == {"headline", "byline", "dateline"}


def test_invented_article_is_marked_invented():
    article = load_article(INVENTED)
    assert article.invented and not load_article(POST).invented
    assert "INVENTED" in article.describe()
    assert [p.kind for p in article.paragraphs].count("body") == 7


def test_changed_article_fails_its_checksum(tmp_path, monkeypatch):
    for name in (f"{POST}.txt", f"{POST}.json"):
        (tmp_path / name).write_bytes((config.ARTICLES / name).read_bytes())
    (tmp_path / f"{POST}.txt").write_text("tampered", encoding="utf-8")
    monkeypatch.setattr(config, "ARTICLES", tmp_path)
    with pytest.raises(ArticleError, match="has changed"):
        load_article(POST)


def test_environment_variable_chooses_the_article(monkeypatch):
    monkeypatch.delenv("NEWSLAB_ARTICLE", raising=False)
    assert load_article().id == POST
    monkeypatch.setenv("NEWSLAB_ARTICLE", INVENTED)
    assert newslab.load_article().id == INVENTED
    monkeypatch.setenv("NEWSLAB_ARTICLE", str(config.ARTICLES / f"{POST}.txt"))
    article = load_article()
    assert not article.bundled and len(article.body) == 16


@pytest.mark.parametrize("article_id", [POST, INVENTED])
def test_guessing_rules_recover_the_bundled_structure(article_id):
    bundled = load_article(article_id)
    guessed = load_article(str(bundled.path))
    assert [p.kind for p in guessed.paragraphs] == [p.kind for p in bundled.paragraphs]


def test_guess_kind_rules():
    assert guess_kind("Read more", False) == "related"
    assert guess_kind("Some headline about Syria", True) == "related"
    assert guess_kind("A man walks. (Jane Doe/Reuters)", False) == "caption"
    assert guess_kind("The mayor spoke. (The Washington Post)", False) == "caption"
    assert guess_kind("Kerry said the talks (in London) went well.", False) == "body"


def test_kinds_can_be_corrected(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("A photo of the harbour.\n\nThe council met on Monday.\n\nIt voted.", encoding="utf-8")
    article = load_article(str(path), kinds={0: "caption"})
    assert [p.kind for p in article.paragraphs] == ["caption", "body", "body"]
    assert [p.kind for p in article.with_kinds({2: "related"}).paragraphs] == ["caption", "body", "related"]
    with pytest.raises(ArticleError, match="Unknown kind 'headline'"):
        article.with_kinds({1: "headline"})
    with pytest.raises(ArticleError, match="no paragraph 7"):
        article.with_kinds({7: "body"})


def test_windows_line_endings_and_bom(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffFirst paragraph.\r\n\r\nSecond paragraph.".encode("utf-8"))
    assert [p.text for p in load_article(str(path)).paragraphs] == ["First paragraph.", "Second paragraph."]


def test_a_block_of_one_character_stays_a_block_of_its_own(tmp_path):
    # Brown's ca15 has a paragraph that is only ".": it must not swallow the next paragraph.
    path = tmp_path / "story.txt"
    path.write_text("Averages: Burgess, each\n\n.\n\nMazeroski dragged his feet.\n\nX\n", encoding="utf-8")
    article = load_article(str(path))
    assert [p.text for p in article.paragraphs] == ["Averages: Burgess, each", ".", "Mazeroski dragged his feet.", "X"]
    assert all(article.text[p.start:p.end] == p.text for p in article.paragraphs)


def one_line(error):
    message = str(error.value)
    assert "\n" not in message and len(message) < 300
    return message


BAD_INPUTS = {
    "empty": (b"  \n\n ", "is empty"),
    "binary": (bytes(range(256)) * 4, "not a text file"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a text file"),
    "cp1252": ("\u201cWe\u2019re ready,\u201d she said.".encode("cp1252"), "may be Windows-1252"),
    "latin1": ("Caf\u00e9 owners said.".encode("latin-1"), "may be Latin-1"),
    "utf16": ("He said so.".encode("utf-16"), "UTF-16"),
    "html": (b"<!DOCTYPE html><html><body><p>Kerry said.</p></body></html>", "looks like HTML"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_a_one_line_error(tmp_path, case):
    data, expected = BAD_INPUTS[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as error:
        load_article(str(path))
    message = one_line(error)
    assert expected in message and ":" in message


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Word. " * 200_000, encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        load_article(str(path))
    assert "over the 1 MB limit" in one_line(error)


def test_missing_path_and_unknown_id_and_folder(tmp_path):
    with pytest.raises(ArticleError) as error:
        load_article(str(tmp_path / "nope.txt"))
    assert "No file at" in one_line(error) and POST in str(error.value)
    with pytest.raises(ArticleError) as error:
        load_article("wapo-kerry")
    assert "No article with id 'wapo-kerry'" in one_line(error)
    with pytest.raises(ArticleError) as error:
        load_article(str(tmp_path))
    assert "is a folder" in one_line(error)


def test_only_captions_is_an_error(tmp_path):
    path = tmp_path / "caption.txt"
    path.write_text("A photo. (Jane Doe/AP)", encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        load_article(str(path))
    assert "no body paragraphs" in one_line(error)


def test_loading_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("loading an article tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for article_id in bundled_ids():
        load_article(article_id)


def test_article_from_pasted_text():
    from newslab.article import article_from_text

    article = article_from_text("A photo. (Jo Bloggs/AP)\n\nThe mayor said yes.\n\nRead more\n\nOther story", "pasted")
    assert [p.kind for p in article.paragraphs] == ["caption", "body", "related", "related"]
    for text, expected in [("  ", "is empty"), ("<html><body><p>x</p></body></html>", "looks like HTML"),
                           ("A photo. (Jo Bloggs/AP)", "no body paragraphs")]:
        with pytest.raises(ArticleError) as error:
            article_from_text(text, "pasted")
        assert expected in one_line(error)


def test_describe_pasted_text():
    from newslab.article import article_from_text

    assert article_from_text("The mayor said yes.", "pasted").describe() == "pasted: your own text, pasted in"
