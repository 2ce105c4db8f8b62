"""Lesson 03 (counting words): the notebook's findings against values counted by hand from the two
articles, and every exercise of its practice set answered right, in equivalent forms, and wrong.

Expected values are written out here from reading data/articles/*.txt (body paragraphs only), never
taken from the code under test. Where a count is too long to do by eye, the comment says how it was
checked another way.
"""

import pytest
from nltk import FreqDist

import newslab
from newslab.exercises import PracticeSet, read_set
from tests.notebook_runner import notebook_values

LESSON = "notebooks/03_counting_words.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the Post article

def test_post_raw_counts(post):
    # "the" in lower case appears 45 times in the 16 body paragraphs (49 with "The"); the marks ’ “ ”
    # appear 19, 15 and 14 times (counted in the text with a search for each character).
    assert post["token_count"] == 963
    assert post["top_token"] == "the" and post["top_token_count"] == 45
    assert ["’", 19] in post["top_tokens"] and ["“", 15] in post["top_tokens"] and ["”", 14] in post["top_tokens"]
    assert sorted(post["not_words"]) == sorted([".", ",", "’", "“", "”"])


def test_post_words_and_case_folding(post):
    assert post["word_count"] == 827  # 963 tokens less 136 tokens without a letter
    assert post["types_before_folding"] == 367 and post["types_after_folding"] == 356
    # Each merge read from the text: "That has contributed" / "that", "The conflict" / "the", "Is Assad" / "is",
    # "In recent weeks" / "in", "We’re" / "we", "British Foreign Minister" / "foreign fighters", "But right now" /
    # "but", "So that’s why" / "so", "There’s a process" / "there", "They are leaving" / "they",
    # "Peace talks between" / "renewed peace talks": 11 merges, 367 - 356.
    assert post["merged_by_folding"] == {
        "that": ["That", "that"], "the": ["The", "the"], "is": ["Is", "is"], "in": ["In", "in"], "we": ["We", "we"],
        "foreign": ["Foreign", "foreign"], "but": ["But", "but"], "so": ["So", "so"], "there": ["There", "there"],
        "they": ["They", "they"], "peace": ["Peace", "peace"]}


def test_post_stopwords(post):
    assert post["stopword_list_size"] == 179  # NLTK's English list in the shared nltk_data
    assert post["stopword_share"] == pytest.approx(0.503, abs=0.001)  # 416 of 827 words
    # "not": "We’re not being doctrinaire", "do not result", "but not if it bolsters Assad";
    # "against": "more against ISIL", "going against ISIL", "airstrikes against the Islamic State";
    # "very": "made it very clear". No "no", "nor" or "should" in the body.
    assert post["meaningful_stopwords"] == {"not": 3, "no": 0, "nor": 0, "against": 3, "should": 0, "very": 1}
    assert len(post["not_sentences"]) == 3
    assert post["not_sentences"][2].startswith("Kerry raised the prospect of Russia")
    assert len(post["my_content"]) - len(post["content"]) == 6  # 3 "not" + 3 "against" kept


def test_post_top_content_words(post):
    # said 12, Syria 12 (Syria’s included: the tokenizer splits off ’s), Kerry 9, Russia 9, Assad 8 (al-Assad is one
    # token, so not counted), State 7 (6 × Islamic State + Secretary of State), Islamic 6, United 5 (4 × United
    # States + United Nations), negotiate 5, ISIL 5.
    assert post["top_content_words"] == [["said", 12], ["syria", 12], ["kerry", 9], ["russia", 9], ["assad", 8],
                                         ["state", 7], ["islamic", 6], ["united", 5], ["negotiate", 5], ["isil", 5]]
    assert post["always_capitalised_top"] == ["syria", "kerry", "russia", "assad", "state", "islamic", "united", "isil"]
    assert post["other_top"] == ["said", "negotiate"]
    assert post["said_rank"] == 1
    # "said" is first only by FreqDist's tie-break: it ties with "syria" and occurs first (content word 5, against 39)
    assert post["tied_with_said"] == ["syria"]
    assert post["first_seen"] == {"said": 5, "syria": 39}


def test_post_stemming(post):
    assert post["porter_vs_snowball"] == [["exodus", "exodu", "exodus"], ["general", "gener", "general"],
                                          ["increasingly", "increasingli", "increas"], ["partly", "partli", "part"],
                                          ["serious", "seriou", "serious"]]
    groups = post["stem_groups"]
    assert len(groups) == 21
    assert groups["state"] == ["state", "states"] and groups["refuge"] == ["refugee", "refugees"]
    assert groups["hope"] == ["hope", "hopefully", "hopes"] and groups["talk"] == ["talked", "talks"]
    # The stem "state" (7 State + 4 States) merges a militant group, a country and a cabinet title:
    # Islamic State ×6, United States ×4, Secretary of State ×1.
    assert post["top_merged_stem"] == "state"
    assert post["merged_phrases"] == {"Islamic State": 6, "United States": 4, "of State": 1}


def test_post_wordnet_note_matches_the_environment(post):
    import nltk
    try:
        nltk.data.find("corpora/wordnet")
        installed = True
    except LookupError:
        installed = False
    assert post["wordnet_available"] is installed


def test_post_type_token_ratio(post):
    assert post["ttr_whole"] == 0.43  # 356 types / 827 words
    prefixes = dict(post["ttr_by_prefix"])
    assert list(prefixes)[0] == 50 and list(prefixes)[-1] == 827 and len(prefixes) == 17
    # The first 50 words, "Secretary of State John F. Kerry said … flying to Germany to", repeat "to" 5 times
    # (6 in all) and "the", "negotiate", "and", "Kerry", "is" once each: 10 repeats, 40 types, ratio 0.8.
    assert prefixes[50] == 0.8
    values = [ratio for _, ratio in post["ttr_by_prefix"]]
    assert values == sorted(values, reverse=True)  # it only falls as the text grows
    assert post["standardised_ttr"] == 0.719  # 8 chunks of 100 words


# ---------------------------------------------------------------- the invented article

def test_invented_findings(invented):
    assert invented["token_count"] == 190 and invented["word_count"] == 156
    assert invented["top_token"] == "the" and invented["top_token_count"] == 15
    assert invented["types_before_folding"] == 107 and invented["types_after_folding"] == 104
    # "The bridge is safe" / "the", "Harbour Bridge" / "the bridge", "We’re" / "we need"
    assert invented["merged_by_folding"] == {"the": ["The", "the"], "bridge": ["Bridge", "bridge"], "we": ["We", "we"]}
    # "not going to wait", "will not be safe", and "cannot", which the tokenizer splits into "can" + "not";
    # "no choice" is the one "no".
    assert invented["meaningful_stopwords"] == {"not": 3, "no": 1, "nor": 0, "against": 0, "should": 0, "very": 0}
    assert invented["top_content_words"][:3] == [["said", 4], ["bridge", 4], ["ruiz", 3]]
    assert invented["tied_with_said"] == ["bridge"] and invented["first_seen"] == {"said": 3, "bridge": 8}
    assert invented["always_capitalised_top"] == ["ruiz", "becker"]
    assert invented["stem_groups"] == {} and invented["top_merged_stem"] is None
    assert invented["porter_vs_snowball"] == []
    assert invented["ttr_whole"] == 0.667  # 104 / 156
    assert invented["ttr_by_prefix"][-1] == [156, 0.667]
    assert invented["standardised_ttr"] == 0.68


# ---------------------------------------------------------------- the practice set

@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def sets():
    data = read_set("03_counting_words")
    return {name: PracticeSet(data, article=newslab.load_article(article_id))
            for name, article_id in (("post", WAPO), ("invented", INVENTED))}


def spec(ex):
    return ex.spec


def test_every_objective_has_exercises_and_every_exercise_an_objective(sets):
    practice = sets["post"]
    served = {ex.objective for ex in practice.exercises}
    assert served == {"03.1", "03.2", "03.3", "03.4", "03.5"}
    kinds = {ex.kind for ex in practice.exercises}
    assert {"choice", "pick", "answer", "function", "predict"} <= kinds


@pytest.mark.parametrize("exercise_id,right,wrongs", [
    ("top-of-freqdist", "a", ["b", "c", "d"]),
    ("what-counts-tell", "a", ["b", "c", "d"]),
    ("stem-merge", "a", ["b", "c", "d"]),
])
def test_choice_one_answer(sets, exercise_id, right, wrongs):
    ex = sets["post"][exercise_id]
    for wrong in wrongs:
        fb = ex.answer(wrong)
        option = next(o for o in spec(ex)["options"] if o["id"] == wrong)
        assert fb.key == f"option:{wrong}" and fb.right is False and fb.text == option["feedback"]
    fb = ex.answer(right)
    assert fb.right is True


def test_is_not_noise_several_answers(sets):
    ex = sets["post"]["is-not-noise"]
    assert ex.answer(["against", "not"]).right is True
    fb = ex.answer(["not"])
    assert fb.entries == ["missed:against"] and "opposes whom" in fb.text
    fb = ex.answer(["against"])
    assert fb.entries == ["missed:not"] and "doctrinaire" in fb.text
    fb = ex.answer(["not", "against", "the"])
    assert fb.entries == ["option:the"] and fb.right is False
    fb = ex.answer(["of", "not"])
    assert fb.entries == ["option:of", "missed:against"]


@pytest.mark.parametrize("article,typed", [("post", "12"), ("post", " 12 "), ("post", "12.0"),
                                           ("invented", "4"), ("invented", "4.0")])
def test_top_content_count_right(sets, article, typed):
    # Post: "said" and "Syria" 12 times each; invented: "said" and "bridge" 4 times each.
    assert sets[article]["top-content-count"].answer(typed).key == "right"


@pytest.mark.parametrize("article,typed,key", [
    ("post", "45", "wrong:0"),      # "the" as written: the top token before any choice
    ("post", "49", "wrong:1"),      # "the" and "The" folded, stopwords kept
    ("invented", "15", "wrong:0"),
    ("invented", "16", "wrong:1"),
    ("post", "9", "other"),
    ("post", "twelve", "not-a-number"),
])
def test_top_content_count_wrong(sets, article, typed, key):
    assert sets[article]["top-content-count"].answer(typed).key == key


@pytest.mark.parametrize("article,typed", [("post", "0.43"), ("post", ".43"), ("post", "0,43"), ("post", "0.430"),
                                           ("invented", "0.67"), ("invented", "0.667")])
def test_ttr_value_right(sets, article, typed):
    # Post 356/827 = 0.4305; invented 104/156 = 0.6667
    assert sets[article]["ttr-value"].answer(typed).key == "right"


@pytest.mark.parametrize("article,typed,key", [
    ("post", "0.44", "wrong:0"),     # 367/827 without folding
    ("post", "0.39", "wrong:1"),     # 375/963, punctuation included
    ("post", "2.32", "wrong:2"),     # 827/356, upside down
    ("invented", "0.69", "wrong:0"),  # 107/156
    ("invented", "0.6", "wrong:1"),   # 114/190
    ("invented", "1.5", "wrong:2"),   # 156/104
    ("post", "0.5", "other"),
])
def test_ttr_value_wrong(sets, article, typed, key):
    assert sets[article]["ttr-value"].answer(typed).key == key


@pytest.mark.parametrize("typed,key", [("refuge", "right"), ("Refuge", "right"), (" “refuge” ", "right"),
                                       ("refugee", "wrong:0"), ("Refugees", "wrong:1"), ("refug", "other")])
def test_stem_of_refugees(sets, typed, key):
    assert sets["invented"]["stem-of-refugees"].answer(typed).key == key


def test_pick_stopwords(sets):
    ex = sets["post"]["pick-stopwords"]
    fb = ex.answer(["the", "of", "and", "in", "but", "not", "if", "it"])
    assert fb.key == "right"
    fb = ex.answer(["the", "of", "and", "in", "but", "if", "it"])
    assert fb.details["missed"] == ["not"] and fb.entries == ["note:not"] and "the opposite" in fb.text
    fb = ex.answer(["the", "of", "and", "in", "but", "not", "if"])
    assert fb.entries == ["note:it"]
    for extra, words in (("Kerry", "content word"), ("United", "part of a name"), ("fighting", "stemmer"),
                         (",", "Punctuation")):
        fb = ex.answer(["the", "of", "and", "in", "but", "not", "if", "it", extra])
        assert fb.details["extra"] == [extra] and fb.entries == [f"note:{extra}"] and words in fb.text


def test_stopword_share_predict(sets):
    ex = sets["post"]["stopword-share"]
    fb = ex.answer("45")  # within 10 points of 50
    assert fb.key == "close" and fb.details["result"] == 50 and "50% of the body's words" in fb.text
    ex.reset()
    assert ex.answer("10").key == "far"
    inv = sets["invented"]["stopword-share"]
    assert inv.answer("42").details["result"] == 42  # 66 of the invented article's 156 words


@pytest.mark.parametrize("guess", ["first", "whole", "same"])
def test_ttr_shorter_text_predict(sets, guess):
    ex = sets["post"]["ttr-shorter-text"]
    ex.reset()
    fb = ex.answer(guess)
    assert fb.key == f"option:{guess}" and fb.status == "compare"
    assert fb.details["result"] == "first 100 words: 0.750; all 827 words: 0.430"


# ---- write a function

def right_with_freqdist(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if any(c.isalpha() for c in t) and t.lower() not in stopwords)


def right_with_dict(tokens, stopwords):
    counts = {}
    for token in tokens:
        word = token.lower()
        if any(ch.isalpha() for ch in word) and word not in stopwords:
            counts[word] = counts.get(word, 0) + 1
    return counts


@pytest.mark.parametrize("func", [right_with_freqdist, right_with_dict])
def test_count_content_words_right(sets, func):
    assert sets["post"]["count-content-words"].check(func).key == "right"


def no_stopword_filter(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if any(c.isalpha() for c in t))


def no_folding(tokens, stopwords):
    return FreqDist(t for t in tokens if any(c.isalpha() for c in t) and t not in stopwords)


def fold_after_filter(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if any(c.isalpha() for c in t) and t not in stopwords)


def keeps_punctuation(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if t.lower() not in stopwords)


def isalpha_only(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if t.isalpha() and t.lower() not in stopwords)


def keeps_numbers(tokens, stopwords):
    return FreqDist(t.lower() for t in tokens if (any(c.isalnum() for c in t)) and t.lower() not in stopwords)


def forgets_empty(tokens, stopwords):
    return right_with_freqdist(tokens, stopwords) if tokens else None


@pytest.mark.parametrize("func,key,words", [
    (no_stopword_filter, "case:0:wrong:0", "still counted"),
    (no_folding, "case:0:wrong:1", "kept their capital letters"),
    (fold_after_filter, "case:1:wrong:0", "slipped past the list"),
    (keeps_punctuation, "case:2:wrong:0", "Quotation marks and commas"),
    (isalpha_only, "case:3:wrong:0", "isalpha()"),
    (keeps_numbers, "case:3:wrong:1", "“2012” has no letter"),
    (forgets_empty, "case:4", "empty list"),
])
def test_count_content_words_wrong(sets, func, key, words):
    fb = sets["post"]["count-content-words"].check(func)
    assert fb.key == key and words in fb.text


def test_practice_notebook_shows_every_practice_exercise():
    import nbformat
    from tests.notebook_runner import ROOT
    notebook = nbformat.read(ROOT / "exercises/03_counting_words.ipynb", as_version=4)
    source = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    for exercise_id in ("stopword-share", "pick-stopwords", "count-content-words", "top-content-count",
                        "stem-of-refugees", "stem-merge", "ttr-value"):
        assert f'"{exercise_id}"' in source
    lesson = nbformat.read(ROOT / LESSON, as_version=4)
    source = "\n".join(c.source for c in lesson.cells if c.cell_type == "code")
    for exercise_id in ("top-of-freqdist", "is-not-noise", "what-counts-tell", "ttr-shorter-text"):
        assert f'checks.show("{exercise_id}")' in source
