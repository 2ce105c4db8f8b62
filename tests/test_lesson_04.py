"""Lesson 04 (words in context): the notebook's findings against values read by hand from the two
articles, and every exercise of its practice set answered right, in equivalent forms, and wrong.

Expected values are written out here from reading data/articles/*.txt (body paragraphs only). Counts
too long to do by eye are checked by an independent plain-Python count or by a property; the
comments say which.
"""

import math
from collections import Counter

import nltk
import pytest

import newslab
from newslab.exercises import PracticeSet, read_set
from tests.notebook_runner import notebook_values

LESSON = "notebooks/04_words_in_context.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


def folded_words(article_id):
    article = newslab.load_article(article_id)
    return [t.lower() for t in nltk.word_tokenize(article.body_text) if any(c.isalpha() for c in t)]


# ---------------------------------------------------------------- the Post article

def test_post_concordance(post):
    # "Syria" 12 times in the body (Syria’s included); it is the most frequent content word always capitalised
    # ("said", as frequent, is lower case).
    assert post["focus_word"] == "syria" and post["focus_hits"] == 12
    # The word before each "said": John F. Kerry said (p1), which he said (p2), Kerry said at (p3), but said there
    # (p5), We’ve said / he said (p6), Kerry said, using (p8), Kerry said the refugee (p10), Hammond both said (p11),
    # Hammond said Britain / and said the government (p16), Hammond said (p17).
    assert post["said_by"] == {"Kerry": 4, "he": 2, "but": 1, "ve": 1, "both": 1, "Hammond": 2, "and": 1}


def test_post_dispersion_trap(post):
    assert post["plot_words"] == ["said", "syria", "kerry", "russia", "assad"]
    # "said" is always lower case in the text; every name is always capitalised.
    assert post["plot_hits"] == {"said": 12, "syria": 0, "kerry": 0, "russia": 0, "assad": 0}
    assert post["concordance_hits"] == {"said": 12, "syria": 12, "kerry": 9, "russia": 9, "assad": 8}
    assert post["missing_from_plot"] == ["syria", "kerry", "russia", "assad"]
    assert post["plot_hits_ignoring_case"] == post["concordance_hits"]


def test_post_first_mentions(post):
    # Token numbers counted from the start of the body: Kerry 5 and said 6 ("Secretary of State John F. Kerry
    # said"), Russia 33 ("urged Russia"), Syria 71 ("the conflict in Syria", paragraph 2), Assad 111 ("Is Assad
    # prepared", paragraph 3: "al-Assad" in paragraph 1 is another token); out of 963 tokens.
    assert post["first_mention_percent"] == {"said": 1, "syria": 7, "kerry": 1, "russia": 3, "assad": 12}


def test_post_collocations(post):
    words = folded_words(WAPO)
    counts, pairs = Counter(words), Counter(zip(words, words[1:]))
    # Ties at the top of PMI: pairs seen once whose two words are each seen once (independent count).
    assert post["pmi_ties"] == sum(1 for (x, y), n in pairs.items() if n == 1 and counts[x] == 1 and counts[y] == 1)
    assert post["pmi_ties"] > 50
    assert post["pairs_seen_twice"] == sum(1 for n in pairs.values() if n >= 2) == 70
    assert post["top_ll"][0] == ["islamic", "state"]
    assert ["united", "states"] in post["top_ll"] and ["united", "states"] in post["top_pmi"]
    # Pairs of content words seen at least twice, read from the text: Islamic State ×6, United States ×4,
    # State militants ×3, Kerry said ×4, Hammond said ×2, peace talks ×2 (paragraph 7), refugee crisis ×2 (2, 10).
    assert post["collocations_ll"][0] == "islamic state"
    assert sorted(post["collocations_ll"]) == sorted(["islamic state", "united states", "state militants", "peace talks",
                                                      "refugee crisis", "kerry said", "hammond said"])
    assert "islamic state" in post["both_measures"]
    # Fragility: leaving out some paragraph changes the top 10.
    assert len(post["survivors"]) == 16 and post["fewest_survivors"] < 10


def g2_four_and_two_terms(a, b, c, d):
    n = c + d
    cells = [(a, c * (a + b) / n), (b, d * (a + b) / n), (c - a, c * (n - a - b) / n), (d - b, d * (n - a - b) / n)]
    return (2 * sum(o * math.log(o / e) for o, e in cells), 2 * sum(o * math.log(o / e) for o, e in cells[:2]))


def test_post_log_likelihood_by_hand(post):
    # on the normalised counts the keyness table uses: "syria" 11 of the article's 809 words ("Syria's" is a word
    # of its own), once in Brown news's 88,894 words
    assert [post[k] for k in "abcd"] == [11, 1, 809, 88894]
    g2, two = g2_four_and_two_terms(11, 1, 809, 88894)
    assert round(g2, 3) == 96.869
    assert post["ll_nltk"] == pytest.approx(g2, abs=0.001) and post["ll_by_hand"] == pytest.approx(g2, abs=0.001)
    assert post["ll_two_terms"] == pytest.approx(two, abs=0.001) and post["ll_two_terms"] != post["ll_nltk"]
    # on the raw tokens (12 of 963, punctuation in the total; 1 in Brown's 100,554 tokens): the old 104.907
    raw, _ = g2_four_and_two_terms(12, 1, 963, 100554)
    assert post["ll_raw_tokens"] == pytest.approx(raw, abs=0.001) and round(raw, 3) == 104.907


def test_post_keyness_assumptions(post):
    # Bonferroni: 65 words pass MIN_FREQ; p = 0.05 / 65 two-sided gives G² > 11.31 (chi-square, 1 df)
    assert post["words_tested"] == 65 and post["bonferroni_threshold"] == 11.31
    assert post["key_after_correction"] == [row[0] for row in post["keywords"] if row[3] > 11.31]
    assert len(post["key_after_correction"]) == 20 < len(post["keywords"])
    # "negotiate" (5 times) sits in 2 paragraphs only, "syria" in 8 of 16
    assert post["key_word_spread"]["syria"] == 8 and post["key_word_spread"]["negotiate"] == 2


def test_post_naive_keyness_finds_the_typing_not_the_story(post):
    # ’ 19, “ 15, ” 14 in the article and never in Brown; "s" 9 (Syria’s, Kerry’s, Russia’s ×2, That’s ×3,
    # There’s ×2), "re" 6 (We’re ×3, we’re, they’re ×2).
    assert sorted(post["naive_artefacts"]) == sorted(["’", "“", "”", "s", "re"])
    assert post["naive_top10"][:3] == ["’", "“", "”"]
    assert {"’": 0, "“": 0, "”": 0, "re": 0}.items() <= post["in_brown"].items()
    assert post["in_brown"]["``"] > 0 and post["in_brown"]["''"] > 0 and post["in_brown"]["don't"] > 0
    assert sorted(post["after_apostrophe"]) == ["re", "s", "t", "ve"]


def test_post_normalised_keyness(post):
    # Read from the text: doesn’t, don’t (p6), Kerry’s (p9), Russia’s (p12, p15), Syria’s (p7), That’s, There’s,
    # they’re, We’re, We’ve.
    assert post["kept_whole"] == ["doesn't", "don't", "kerry's", "russia's", "syria's", "that's", "there's", "they're",
                                  "we're", "we've"]
    assert post["normalised_artefacts"] == []
    top = post["key_words_top10"]
    assert top[0] == "syria"
    assert {"syria", "kerry", "assad", "islamic", "isil", "russia", "hammond", "militants"} <= set(top)
    rows = {row[0]: row for row in post["keywords"]}
    # Syria 12 less "Syria’s" = 11; Kerry 9 less "Kerry’s" = 8; Russia 9 less two "Russia’s" = 7.
    assert rows["syria"][1] == 11 and rows["kerry"][1] == 8 and rows["russia"][1] == 7
    assert rows["kerry"][2] == 0 and rows["assad"][2] == 0  # not in Brown (1961)
    assert all(row[1] >= 3 for row in post["keywords"])  # the minimum frequency
    assert all(row[4] > 0 for row in post["keywords"])    # only words used more than in Brown


def test_post_minimum_frequency(post):
    once = post["once_but_significant"]
    assert len(once) > 50
    assert {"bashar", "caliphate", "al-assad"} <= set(once)  # each used once in the body, never in Brown news


# ---------------------------------------------------------------- the invented article

def test_invented_findings(invented):
    # Ruiz 3 (“Mayor Elena Ruiz said”, “Ruiz, who has led”, “Ruiz said at a news conference”)
    assert invented["focus_word"] == "ruiz" and invented["focus_hits"] == 3
    assert invented["said_by"] == {"Ruiz": 2, "Becker": 2}
    # "Harbour Bridge" is the one capitalised bridge of the body
    assert invented["plot_hits"] == {"said": 4, "bridge": 3, "ruiz": 0, "city": 2, "close": 2}
    assert invented["missing_from_plot"] == ["bridge", "ruiz"]
    assert invented["plot_hits_ignoring_case"] == invented["concordance_hits"]
    # that the ×3, the city, the bridge, safe for, Ruiz said, Becker said ×2 each
    assert invented["pairs_seen_twice"] == 6
    assert invented["collocations_ll"] == ["becker said", "ruiz said"]
    # “ 7 and ” 6 times; the two ’ (We’re, We’ve) stay under the minimum frequency
    assert invented["naive_artefacts"] == ["“", "”"]
    assert invented["kept_whole"] == ["we're", "we've"]
    assert invented["key_words_top10"][:2] == ["bridge", "ruiz"]
    assert invented["normalised_artefacts"] == []
    # "ruiz": 3 of 156 words, once in Brown
    assert [invented[k] for k in "abcd"] == [3, 1, 156, 88894] and invented["ll_nltk"] == 33.645
    assert invented["words_tested"] == 9 and invented["key_after_correction"] == ["bridge", "ruiz"]


# ---------------------------------------------------------------- the practice set

@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def sets():
    data = read_set("04_words_in_context")
    return {name: PracticeSet(data, article=newslab.load_article(article_id))
            for name, article_id in (("post", WAPO), ("invented", INVENTED))}


def test_every_objective_has_exercises(sets):
    practice = sets["post"]
    assert {ex.objective for ex in practice.exercises} == {"04.1", "04.2", "04.3", "04.4", "04.5"}
    assert {"choice", "pick", "answer", "function", "predict"} <= {ex.kind for ex in practice.exercises}


@pytest.mark.parametrize("exercise_id", ["read-the-kwic", "plot-versus-concordance", "pmi-rare-pairs",
                                         "curly-quotes-key", "keyness-min-freq"])
def test_choice_every_option(sets, exercise_id):
    ex = sets["post"][exercise_id]
    for option in ex.spec["options"]:
        fb = ex.answer(option["id"])
        assert fb.key == f"option:{option['id']}" and fb.text == option["feedback"]
        assert fb.right is option["correct"]
    assert sum(o["correct"] for o in ex.spec["options"]) == 1


def test_kwic_who_refused(sets):
    ex = sets["post"]["kwic-who-refused"]
    assert ex.answer(["Russia", "Assad"]).key == "right"
    fb = ex.answer(["Assad"])
    assert fb.details["missed"] == ["Russia"] and fb.key == "missed"
    for extra, words in (("refused", "search word"), ("him", "object"), ("discussion", "what was refused"),
                         ("table", "where the talks")):
        fb = ex.answer(["Assad", "Russia", extra])
        assert f"note:{extra}" in fb.entries and words in fb.text


@pytest.mark.parametrize("article,typed,key", [
    ("post", "70", "right"), ("post", " 70.0 ", "right"), ("post", "722", "wrong:0"), ("post", "7", "wrong:1"),
    ("post", "69", "other"),
    ("invented", "6", "right"), ("invented", "148", "wrong:0"), ("invented", "2", "wrong:1"),
])
def test_pairs_seen_twice(sets, article, typed, key):
    # Post: 70 pairs seen twice or more of 722 (independently counted in test_post_collocations); 7 after the
    # stopword filter (the seven collocations listed there). Invented: 6 of 148, 2 without stopwords.
    assert sets[article]["pairs-seen-twice"].answer(typed).key == key


@pytest.mark.parametrize("typed,key", [("169.0", "right"), ("169", "right"), ("169.01", "right"), ("169,0", "right"),
                                       ("168.5", "wrong:0"), ("84.5", "wrong:1"), ("8.97", "wrong:2"),
                                       ("100", "other")])
def test_ll_four_term(sets, typed, key):
    # a=20, b=5, c=800, d=100000: four terms 169.009, two terms 168.511, half of it 84.505, log2(500) = 8.966
    assert sets["invented"]["ll-four-term"].answer(typed).key == key


def test_ll_four_term_value_by_hand():
    a, b, c, d = 20, 5, 800, 100000
    n = c + d
    cells = [(a, c * (a + b) / n), (b, d * (a + b) / n), (c - a, c * (n - a - b) / n), (d - b, d * (n - a - b) / n)]
    assert round(2 * sum(o * math.log(o / e) for o, e in cells), 1) == 169.0
    assert round(2 * sum(o * math.log(o / e) for o, e in cells[:2]), 1) == 168.5


def test_naive_top_predict(sets):
    for article, top in (("post", "’ “ ” syria kerry"), ("invented", "“ ” bridge ruiz we")):
        ex = sets[article]["naive-top-predict"]
        for option in ("names", "marks", "function"):
            ex.reset()
            fb = ex.answer(option)
            assert fb.key == f"option:{option}" and fb.details["result"] == top and top in fb.text


# ---- write a function

def log_ratio_right(a, b, c, d):
    return math.log2((a / c) / (max(b, 0.5) / d))


def log_ratio_ln(a, b, c, d):
    return math.log((a / c) / (max(b, 0.5) / d))


def log_ratio_log10(a, b, c, d):
    return math.log10((a / c) / (max(b, 0.5) / d))


def log_ratio_raw(a, b, c, d):
    return math.log2(a / max(b, 0.5))


def log_ratio_plus_half(a, b, c, d):
    return math.log2((a / c) / ((b + 0.5) / d))


def log_ratio_no_zero(a, b, c, d):
    return math.log2((a / c) / (b / d))


def log_ratio_abs(a, b, c, d):
    return abs(log_ratio_right(a, b, c, d))


def log_ratio_clipped(a, b, c, d):
    return max(0.0, log_ratio_right(a, b, c, d))


def test_log_ratio_right(sets):
    fb = sets["post"]["log-ratio-function"].check(log_ratio_right)
    assert fb.key == "right" and fb.right


@pytest.mark.parametrize("func,key,words", [
    (log_ratio_ln, "case:0:wrong:0", "natural logarithm"),
    (log_ratio_log10, "case:0:wrong:1", "base 10"),
    (log_ratio_raw, "case:0:wrong:2", "raw counts"),
    (log_ratio_plus_half, "case:0:wrong:3", "Only a zero becomes 0.5"),
    (log_ratio_abs, "case:3:wrong:0", "The sign is lost"),
    (log_ratio_clipped, "case:3", "negative log ratio"),
])
def test_log_ratio_wrong(sets, func, key, words):
    fb = sets["post"]["log-ratio-function"].check(func)
    assert fb.key == key and words in fb.text


def test_log_ratio_division_by_zero_is_shown_kindly(sets):
    fb = sets["post"]["log-ratio-function"].check(log_ratio_no_zero)
    assert fb.key == "error" and "ZeroDivisionError" in fb.text


def straighten_right(text):
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def straighten_replace_chain(text):
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def straighten_forgets_result(text):
    text.replace("’", "'")
    return text


def straighten_opening_only(text):
    return text.replace("’", "'").replace("“", '"')


def straighten_closing_double_only(text):
    return text.replace("’", "'").replace("‘", "'").replace("”", '"')


def straighten_no_opening_single(text):
    return text.replace("’", "'").replace("“", '"').replace("”", '"')


def straighten_too_much(text):
    return straighten_right(text).replace("--", "—")


@pytest.mark.parametrize("func", [straighten_right, straighten_replace_chain])
def test_straighten_right(sets, func):
    assert sets["post"]["straighten-function"].check(func).key == "right"


@pytest.mark.parametrize("func,key,words", [
    (straighten_forgets_result, "case:0:wrong:0", "returns a *new* string"),
    (straighten_opening_only, "case:1:wrong:0", "Replace the closing ” too"),
    (straighten_closing_double_only, "case:1:wrong:1", "Replace the opening “ too"),
    (straighten_no_opening_single, "case:2:wrong:0", "not the opening ‘"),
    (straighten_too_much, "case:3", "change anything else"),
])
def test_straighten_wrong(sets, func, key, words):
    fb = sets["post"]["straighten-function"].check(func)
    assert fb.key == key and words in fb.text


def test_practice_notebook_shows_every_practice_exercise():
    import nbformat
    from tests.notebook_runner import ROOT
    notebook = nbformat.read(ROOT / "exercises/04_words_in_context.ipynb", as_version=4)
    source = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    for exercise_id in ("kwic-who-refused", "pairs-seen-twice", "naive-top-predict", "straighten-function",
                        "log-ratio-function", "ll-four-term", "keyness-min-freq"):
        assert f'"{exercise_id}"' in source
    lesson = nbformat.read(ROOT / LESSON, as_version=4)
    source = "\n".join(c.source for c in lesson.cells if c.cell_type == "code")
    for exercise_id in ("read-the-kwic", "plot-versus-concordance", "pmi-rare-pairs", "curly-quotes-key"):
        assert f'checks.show("{exercise_id}")' in source
