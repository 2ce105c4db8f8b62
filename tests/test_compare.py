"""newslab.compare: choosing the second text, the paste box, quote matching, and the measures of two texts side by side.

Expected values are worked out by reading the texts in data/articles/ (and the test text below), not by the
code under test.
"""

import os
import re
from pathlib import Path

import pytest
from nltk import sent_tokenize
from nltk.sentiment.vader import SentimentIntensityAnalyzer

import newslab
from newslab import compare
from newslab.article import article_from_text

POST = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"

# Written for these tests in the manner of a transcript: speaker labels, no quotation marks, straight
# apostrophes, and some of the Post's quotes with the differences the course's methods notes record between
# the Post and the transcript ("done" missing, "can" for "could", "They're" for "They are", a comma for a
# question mark). It is NOT the State Department's transcript.
TRANSCRIPT_LIKE = """SECRETARY KERRY: Good afternoon. Philip and I talked about Syria today, and about the refugees.

We're prepared to negotiate. Is Assad prepared to negotiate, really negotiate? Is Russia prepared to bring him to the table and actually find the solution to this violence? We've made it very clear. We're not being doctrinaire about the specific date or time.

Assad has to go. The modality is something we can discuss.

We've said for some period of time it doesn't have to be on day one, or month one, or whatever. There's a process by which all the parties have to come together and reach an understanding of how this can best be achieved. I don't have the answer as to some specific time frame. I just know that the people of Syria have already spoken with their feet. They're leaving Syria.

Obviously. . . . The other part of the equation is Assad, and how do you resolve the fact he is a magnet for foreign fighters who come to the region, which in the end is ISIL. There's a lack of logic if . . . they're bringing in more equipment, shoring up Assad and say they're going after ISIL. That has to be resolved in our conversations in the next days.

FOREIGN SECRETARY HAMMOND: Thank you, John. We discussed Daesh and the migration pressures.
"""

# The Post's 14 quotes in quotation marks, in order, against TRANSCRIPT_LIKE, read by hand:
# ¶3 "We’re prepared to negotiate" exact; ¶3–4 "Is Assad prepared … date or time" near (same words, "?" vs ",");
# ¶4 "We’re open. …" absent; ¶5 "Assad has to go" exact; ¶5 "modality" exact (one word); ¶6 "… done on day one …"
# near; ¶6 "There’s a process … They are leaving Syria." near; ¶8 ×2, ¶10, ¶15 "Would we welcome …" absent;
# ¶15 "Obviously. . . . …" exact once the thin spaces are plain; ¶17 ×2 (Hammond) absent.
EXPECTED_STATUS = ["exact", "near", "not found", "exact", "exact", "near", "near", "not found", "not found",
                   "not found", "not found", "exact", "not found", "not found"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(compare.SECOND_ENV, raising=False)
    return tmp_path / "home"


@pytest.fixture(scope="module")
def post():
    return newslab.load_article(POST)


@pytest.fixture(scope="module")
def invented():
    return newslab.load_article(INVENTED)


@pytest.fixture
def transcript(tmp_path):
    path = tmp_path / "transcript-like.txt"
    path.write_text(TRANSCRIPT_LIKE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- choosing the second text

def test_default_second_is_the_invented_article_or_the_post_for_the_invented_one(post, invented, transcript):
    assert compare.default_second_id(post) == INVENTED
    assert compare.default_second_id(invented) == POST
    assert compare.default_second_id(newslab.load_article(str(transcript))) == INVENTED


def test_no_input_uses_the_default_and_says_so(post):
    choice = compare.choose_second(post, "", environ={})
    assert (choice.source, choice.article.id) == ("default", INVENTED)
    assert "No second text given" in choice.message and INVENTED in choice.message


def test_environment_variable_by_id_and_by_path(post, invented, transcript):
    by_id = compare.choose_second(invented, "", environ={compare.SECOND_ENV: POST})
    assert (by_id.source, by_id.article.id) == (compare.SECOND_ENV, POST)
    by_path = compare.choose_second(post, "", environ={compare.SECOND_ENV: str(transcript)})
    assert (by_path.source, by_path.article.id) == (compare.SECOND_ENV, "transcript-like")


def test_second_text_variable_wins_over_the_environment(post, transcript):
    choice = compare.choose_second(post, str(transcript), environ={compare.SECOND_ENV: POST})
    assert (choice.source, choice.article.id) == ("SECOND_TEXT", "transcript-like")


def test_the_os_environment_is_read_when_none_is_given(post, monkeypatch):
    monkeypatch.setenv(compare.SECOND_ENV, POST)
    assert compare.choose_second(post).source == compare.SECOND_ENV


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.txt", "No file at"),
    (lambda d: d, "is a folder"),
    (lambda d: _write(d / "empty.txt", b"  \n"), "is empty"),
    (lambda d: _write(d / "page.txt", b"<html><body>" + b"<p>x</p>" * 6 + b"</body></html>"), "looks like HTML"),
    (lambda d: _write(d / "latin.txt", "caf\xe9 au lait".encode("latin-1")), "is not UTF-8"),
    (lambda d: _write(d / "report.pdf", b"%PDF-1.4 binary"), "is not a text file"),
])
def test_bad_input_gets_one_line_and_the_default(post, tmp_path, make, words):
    path = make(tmp_path)
    choice = compare.choose_second(post, str(path), environ={})
    assert choice.source == "default" and choice.article.id == INVENTED
    assert choice.message.startswith("SECOND_TEXT could not be loaded: ") and words in choice.message
    assert "\n" not in choice.message and "Traceback" not in choice.message


def test_a_bad_variable_falls_through_to_a_good_environment_variable(post):
    choice = compare.choose_second(post, "no-such-id", environ={compare.SECOND_ENV: POST})
    assert choice.source == compare.SECOND_ENV and choice.article.id == POST
    assert choice.message.startswith("SECOND_TEXT could not be loaded: No article with id 'no-such-id'")


def test_a_bad_environment_variable_is_reported(invented):
    choice = compare.choose_second(invented, "", environ={compare.SECOND_ENV: "nope"})
    assert choice.source == "default" and choice.article.id == POST
    assert choice.message.startswith(f"{compare.SECOND_ENV} could not be loaded: No article with id 'nope'")


def test_the_same_text_twice_is_pointed_out(post):
    choice = compare.choose_second(post, POST, environ={})
    assert "same text as the first" in choice.message


def _write(path, data):
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- saving and the paste box

def test_save_text_writes_atomically_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "folder" / "text.txt"
    compare.save_text("first version", target)
    compare.save_text("second “version”", target)
    assert target.read_text(encoding="utf-8") == "second “version”"
    assert sorted(p.name for p in target.parent.iterdir()) == ["text.txt"]


def test_a_failed_save_keeps_the_old_text(tmp_path, monkeypatch):
    target = tmp_path / "text.txt"
    compare.save_text("kept", target)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(compare.os, "replace", broken)
    with pytest.raises(OSError):
        compare.save_text("lost", target)
    assert target.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["text.txt"]


def test_paste_box_saves_under_newslab_home_and_loads(home):
    box = compare.PasteBox()
    assert box.article is None and box.text.value == ""
    box.text.value = TRANSCRIPT_LIKE
    box.button.click()
    saved = home / "capstone" / "second-text.txt"
    assert saved.read_text(encoding="utf-8") == TRANSCRIPT_LIKE
    assert box.article is not None and box.article.id == "pasted-text" and len(box.article.body) == 6
    assert box.article.path == saved and str(saved) in box.article.describe()
    assert box.message.startswith("Loaded: 6 body paragraphs, 6 blocks in all; saved in ")
    assert "Loaded" in box.status.value  # the status says it in words, not by colour alone


def test_paste_box_offers_the_text_pasted_last_time(home):
    compare.PasteBox().use(TRANSCRIPT_LIKE)
    again = compare.PasteBox()
    assert again.text.value == TRANSCRIPT_LIKE and "pasted last time" in again.message
    assert again.article is None  # used only when the learner presses the button


def test_paste_box_ignores_an_unreadable_earlier_paste(home):
    saved = home / "capstone" / "second-text.txt"
    saved.parent.mkdir(parents=True)
    saved.write_bytes("caf\xe9".encode("latin-1"))
    box = compare.PasteBox()
    assert box.text.value == "" and box.article is None


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("   \n\n  ", "is empty"),
    ("<html><body>" + "<p>Kerry said.</p>" * 6 + "</body></html>", "looks like HTML"),
    ("Read more\n\nA related headline", "has no body paragraphs"),
])
def test_paste_box_bad_text_gets_one_line_and_no_article(home, text, words):
    box = compare.PasteBox()
    assert box.use(text) is None and box.article is None
    assert box.message.startswith("Not loaded: ") and words in box.message and "\n" not in box.message
    assert not (home / "capstone" / "second-text.txt").exists()


def test_paste_box_still_loads_when_the_home_cannot_be_written(home, monkeypatch):
    def refuse(text, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(compare, "save_text", refuse)
    box = compare.PasteBox()
    assert box.use("A paragraph of my own.\n\nAnother one.") is not None
    assert "not saved (Permission denied)" in box.message and "restarts" in box.message
    assert box.path is None and box.article.path is None


# ---------------------------------------------------------------- quote matching

def test_comparable_removes_typing_differences():
    assert compare.comparable("“We’re open,” he said.") == "we're open, he said."
    assert compare.comparable("Obviously. .\u2009.\u2009. The") == "obviously.... the"
    assert compare.comparable("Obviously…  The") == "obviously... the"
    assert compare.comparable("a\u00a0b\u202fc\u2007d\u200ae") == "a b c d e"
    assert compare.comparable("‘single’ and “double”") == "'single' and double"


def test_words_keep_contractions_whole():
    assert compare.words("“We’re open,” he said. U.S.") == ["we're", "open", "he", "said", "u", "s"]


def test_find_quote_exact_near_and_not_found():
    text = "He said: We've said it doesn't have to be on day one, or month one, or whatever. Then he left."
    assert compare.find_quote("it doesn’t have to be on day one", text)["status"] == "exact"
    near = compare.find_quote("We’ve said it doesn’t have to be done on day one, or month one, or whatever", text)
    assert near["status"] == "near" and near["differences"] == [("done", "")]
    # the quote has 16 words; the best stretch of 16 words of the text holds 15 of them in order: 2 × 15 / 32
    assert near["similarity"] == round(30 / 32, 3)
    absent = compare.find_quote("The bridge is safe for cars today", text)
    assert absent["status"] == "not found" and absent["differences"] == [] and absent["similarity"] < compare.NEAR_AT_LEAST
    assert compare.find_quote("anything", "")["status"] == "not found"


def test_a_quote_that_differs_only_in_punctuation_is_near_with_no_word_differences():
    found = compare.find_quote("Is Assad prepared to negotiate? Really negotiate?", "Is Assad prepared to negotiate, really negotiate?")
    assert found == {"status": "near", "similarity": 1.0, "differences": []}


def test_the_near_threshold():
    # 10 words, one changed: 2 × 9 / 20 = 0.9 → near; 5 words, two changed: 2 × 3 / 10 = 0.6 → not found
    ten = "one two three four five six seven eight nine ten"
    assert compare.find_quote(ten, ten.replace("five", "5x"))["status"] == "near"
    assert compare.find_quote("one two three four five", "one 2x three 4x five")["status"] == "not found"


def test_selection_of_the_post_against_a_transcript_like_text(post, transcript):
    second = newslab.load_article(str(transcript))
    rows = compare.selection(post, second)
    assert [r["status"] for r in rows] == EXPECTED_STATUS
    assert [r["paragraph"] for r in rows] == [3, 3, 4, 5, 5, 6, 6, 8, 8, 10, 15, 15, 17, 17]
    near = [r["differences"] for r in rows if r["status"] == "near"]
    assert near == [[], [("done", "")], [("could", "can"), ("they are", "they're")]]
    summary = compare.selection_summary(rows, second)
    # found words (lesson 07's count): 4 + 39 + 4 + 1 + 21 + 52 + 66 = 187; the test text's body: 219 words
    # between spaces ("doesn't", "We're" … are one word each, as in the count of quoted words)
    body_words = len([w for w in second.body_text.split() if re.search(r"\w", w)])
    assert body_words == 219
    assert summary == {"quotes_checked": 14, "exact": 4, "near": 3, "not_found": 7, "found_share": 0.5,
                       "found_words": 187, "quoted_share_of_second": round(187 / 219, 3)}


def test_selection_of_the_two_bundled_articles_finds_nothing(post, invented):
    assert [r["status"] for r in compare.selection(post, invented)] == ["not found"] * 14
    assert [r["status"] for r in compare.selection(invented, post)] == ["not found"] * 6


# ---------------------------------------------------------------- the measures of one text

def test_size(post, invented):
    # Post: 22 blocks (photo caption 0, video caption 12, "Read more" 18 and three headlines); 809 words, as
    # lesson 07's test counts them. By reading, the body has 39 sentences; sent_tokenize makes 10 pieces of
    # paragraph 15 instead of 5 (“… ISIL?” / he asked. and the thin-spaced ellipses): 44.
    assert compare.size(post) == {"blocks": 22, "body paragraphs": 16, "captions": 2, "related links": 4,
                                  "body words": 809, "body sentences": 44}
    # Invented: 155 words between spaces, and word_tokenize splits "cannot" into two: 156. 11 sentences by reading
    # (1 + 1 + 3 + 2 + 1 + 2 + 1).
    assert compare.size(invented) == {"blocks": 11, "body paragraphs": 7, "captions": 1, "related links": 3,
                                      "body words": 156, "body sentences": 11}


def test_top_content_words(post, invented):
    assert compare.top_content_words(post) == [
        ("said", 12), ("syria", 12), ("kerry", 9), ("russia", 9), ("assad", 8), ("state", 7), ("islamic", 6),
        ("united", 5), ("negotiate", 5), ("isil", 5)]
    assert [w for w, _ in compare.top_content_words(invented)] == [
        "said", "bridge", "ruiz", "city", "close", "trucks", "council", "repairs", "safe", "becker"]


def test_naming_by_voice_in_the_body(post, invented):
    naming = compare.naming(post)
    # body only: ¶2, ¶8, ¶11 ×2, ¶14, ¶16 (the seventh "Islamic State" is in a related headline)
    assert naming["Islamic State"] == {"reporter": {"Islamic State": 6}, "quoted": {"ISIL": 5}}
    assert naming["John F. Kerry"] == {"reporter": {"Secretary of State John F. Kerry": 1, "Kerry": 8}, "quoted": {}}
    assert "Evan Vucci" not in naming  # named only in the photo caption
    assert compare.naming(invented)["regional council"] == {"reporter": {"the regional council": 1},
                                                             "quoted": {"the council": 1}}


def test_a_transcript_has_every_name_in_the_reporter_voice(transcript):
    naming = compare.naming(newslab.load_article(str(transcript)))
    assert naming["Islamic State"] == {"reporter": {"ISIL": 2, "Daesh": 1}, "quoted": {}}
    assert all(not voices["quoted"] for voices in naming.values())


def test_profile_of_both_articles(post, invented):
    a, b = compare.profile(post), compare.profile(invented)
    assert a["people_quoted"] == ["Hammond", "Kerry"] and b["people_quoted"] == ["Becker", "Ruiz"]
    assert a["quoted_share_of_body"] == 0.465  # 376 / 809 (lesson 07)
    assert b["quoted_share_of_body"] == 0.346  # Ruiz 37 + Becker 17 = 54 of 156
    # Post cue paragraphs, read from the text: responsibility in 1, 2, 3, 7, 8, 10, 11, 15, 17 (9 of 16);
    # conflict in 2, 4, 7, 8, 9, 11, 15, 16 (8); human interest in 6, 10, 17 (3); the invented article has
    # economic cues in 1 ("pay"), 5 ("cost", "euros"), 7 ("customers"): 3 of 7.
    assert a["cue_shares"] == {"responsibility": 0.562, "human-interest": 0.188, "conflict": 0.5, "morality": 0.0,
                               "economic": 0.0}
    assert b["cue_shares"] == {"responsibility": 0.0, "human-interest": 0.0, "conflict": 0.0, "morality": 0.0,
                               "economic": 0.429}
    assert a["lead_frames"] == ["responsibility", "conflict"] and b["lead_frames"] == ["economic"]


def _vader_mean(article):
    analyzer = SentimentIntensityAnalyzer()
    means = []
    for paragraph in article.body:
        scores = [analyzer.polarity_scores(s.replace("“", "").replace("”", ""))["compound"]  # the quote marks removed
                  for s in sent_tokenize(paragraph.text)]
        means.append(sum(scores) / len(scores))
    return sum(means) / len(means)


def test_tone_mean_equals_vader_called_directly(post, invented):
    assert compare.tone_mean(post) == pytest.approx(_vader_mean(post), abs=1e-3)
    assert compare.tone_mean(invented) == pytest.approx(_vader_mean(invented), abs=1e-3)
    assert compare.tone_mean(post) > 0 > compare.tone_mean(invented)


def test_side_by_side_table(post, invented):
    rows = {r["measure"]: (r["first"], r["second"]) for r in compare.side_by_side(post, invented)}
    assert rows["body words"] == (809, 156)
    assert rows["people quoted"] == ("Hammond, Kerry", "Becker, Ruiz")
    assert rows["top content words"] == ("said, syria, kerry, russia, assad", "said, bridge, ruiz, city, close")
    assert rows["frames with a cue word in the lead"] == ("responsibility, conflict", "economic")
    assert rows["quotes of the first found in the second (exactly or nearly)"] == ("0 of 14", "")


def test_texts_with_nothing_to_find_do_not_break_anything(post):
    bare = article_from_text("Nothing happened here today.", "bare")
    found = compare.compare(bare, post)
    assert found["selection"] == [] and found["summary"]["found_share"] is None
    assert found["first"]["people_quoted"] == [] and found["first"]["naming"] == {}
    assert found["first"]["lead_frames"] == []
    rows = {r["measure"]: r["first"] for r in compare.side_by_side(bare, post, found)}
    assert rows["people quoted"] == "nobody" and rows["frames with a cue word in the lead"] == "none"
    assert compare.selection(post, bare)[0]["status"] == "not found"
