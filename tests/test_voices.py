"""Quote extraction held to the hand-written references, and hard cases the team wrote."""

import json
import re

import pytest

from newslab import config, load_article, voices
from newslab.analyze import article_from_text

WAPO, INVENTED = config.DEFAULT_ARTICLE, config.INVENTED_ARTICLE
ARTICLES = [WAPO, INVENTED]
QUOTE_KEYS = {"paragraph", "paragraphs", "kind", "speaker", "cue", "verb", "text", "full_name", "speaker_kind"}


def reference(article_id):
    with open(config.DATA / "reference" / f"quotes-{article_id}.json", encoding="utf-8") as f:
        return json.load(f)


def quotes_of(source):
    article = load_article(source) if source in ARTICLES else article_from_text(source)
    return voices.extract_quotes(article)


def as_record(quote):
    return {**quote.as_dict(), "paragraphs": list(quote.paragraphs)}


def key(q):
    q = q if isinstance(q, dict) else as_record(q)
    return (q["paragraph"], q["kind"], q["speaker"], q["text"])


# ---------------------------------------------------------------- the reference files against the text

@pytest.mark.parametrize("article_id", ARTICLES)
def test_reference_quotes_are_in_the_text(article_id):
    article = load_article(article_id)
    ref = reference(article_id)
    assert ref["article"] == article_id
    assert ref["quotes"], "the reference lists no quotes"
    for q in ref["quotes"]:
        assert set(q) == QUOTE_KEYS, q
        assert q["kind"] in voices.KINDS
        assert q["paragraphs"][0] == q["paragraph"]
        assert q["paragraphs"] == list(range(q["paragraph"], q["paragraph"] + len(q["paragraphs"])))
        blocks = [article.paragraphs[i] for i in q["paragraphs"]]
        assert all(b.kind == "body" for b in blocks), f"a quote outside the body: {q}"
        # continuation paragraphs open with a quotation mark that is not part of the words
        joined = " ".join([blocks[0].text] + [b.text.lstrip("“\"") for b in blocks[1:]])
        if q["kind"] == "indirect":
            assert q["text"] in joined, q
            assert not re.search('[“”"]', q["text"]), f"indirect speech has no quotation marks: {q}"
            assert joined.index(q["verb"]) < joined.index(q["text"]), q
        else:
            enclosed = re.escape("“" + q["text"]) + r",?”"
            assert re.search(enclosed, joined), f"not between quotation marks as written: {q}"
        last = blocks[-1].text
        assert re.search(rf"(?<!\w){re.escape(q['cue'])}(?!\w)", last if q["kind"] != "indirect" else joined), q
        assert re.search(rf"(?<!\w){re.escape(q['verb'])}(?!\w)", last, flags=re.I), q
        for name in q["speaker"].split(" and "):
            assert re.search(rf"\b{re.escape(name)}\b", article.text), f"the speaker {name} is not in the text"


@pytest.mark.parametrize("article_id", ARTICLES)
def test_reference_documents_its_decisions(article_id):
    ref = reference(article_id)
    assert ref["conventions"] and ref["decisions"]
    for decision in ref["decisions"]:
        assert decision["why"].strip() and decision["decision"].strip()
    if article_id == WAPO:
        assert any(d["about"] == "modality" for d in ref["decisions"]), "the 'modality' decision is documented"


# ---------------------------------------------------------------- the extractor held to the references

@pytest.mark.parametrize("article_id", ARTICLES)
def test_every_reference_quote_is_found_with_its_kind_and_speaker(article_id):
    found = {key(q) for q in quotes_of(article_id)}
    missing = [q for q in reference(article_id)["quotes"] if key(q) not in found]
    assert not missing, f"quotes the extractor misses or gets wrong: {missing}"


@pytest.mark.parametrize("article_id", ARTICLES)
def test_nothing_else_is_reported_as_a_direct_or_partial_quote(article_id):
    expected = {key(q) for q in reference(article_id)["quotes"] if q["kind"] != "indirect"}
    extra = [as_record(q) for q in quotes_of(article_id) if q.kind in ("direct", "partial") and key(q) not in expected]
    assert not extra, f"reported as direct or partial but not in the reference: {extra}"


@pytest.mark.parametrize("article_id", ARTICLES)
def test_extractor_matches_the_reference_field_for_field(article_id):
    assert [as_record(q) for q in quotes_of(article_id)] == reference(article_id)["quotes"]


# ---------------------------------------------------------------- the facts the lessons state, computed

def test_only_kerry_and_hammond_are_quoted_directly():
    assert {q.speaker for q in quotes_of(WAPO) if q.kind == "direct"} == {"Kerry", "Hammond"}


def test_kerrys_reporting_verbs():
    verbs = {q.verb for q in quotes_of(WAPO) if q.speaker == "Kerry"}
    assert {"said", "added", "declared", "asked", "urged", "called for"} <= verbs


def test_the_quote_across_paragraphs_3_and_4():
    (quote,) = [q for q in quotes_of(WAPO) if len(q.paragraphs) > 1]
    assert quote.paragraphs == (3, 4) and quote.kind == "direct" and quote.speaker == "Kerry"
    assert quote.text.startswith("Is Assad prepared") and "solution to this violence? We’ve made it very clear." in quote.text


def test_he_added_said_asked_are_kerry():
    pronoun_quotes = [q for q in quotes_of(WAPO) if q.cue == "he"]
    assert {q.verb for q in pronoun_quotes} >= {"added", "said", "asked"}
    assert {q.speaker for q in pronoun_quotes} == {"Kerry"}


def test_indirect_speech_by_both_and_by_hammond():
    quotes = quotes_of(WAPO)
    both = [q for q in quotes if q.speaker == "Kerry and Hammond"]
    assert [(q.kind, q.paragraph) for q in both] == [("indirect", 11)]
    assert both[0].text.startswith("Assad is to blame")
    assert any(q.kind == "indirect" and q.speaker == "Hammond" and q.text.startswith("Britain is fully aligned")
               for q in quotes)


def test_partial_quotes_in_paragraphs_5_and_10():
    partial = [(q.paragraph, q.text) for q in quotes_of(WAPO) if q.kind == "partial"]
    assert (5, "Assad has to go") in partial and (5, "modality") in partial
    assert any(p == 10 and t.startswith("by dealing with the root cause,") for p, t in partial)


def test_speaker_summary_counts_agree_with_the_reference():
    article = load_article(WAPO)
    table = voices.speaker_summary(voices.extract_quotes(article), article)
    for speaker, row in table.items():
        for kind in voices.KINDS:
            expected = sum(1 for q in reference(WAPO)["quotes"] if q["speaker"] == speaker and q["kind"] == kind)
            assert row[kind] == expected, (speaker, kind)
    assert list(table)[0] == "Kerry" and table["Kerry"]["first_body_position"] == 1
    assert table["Hammond"]["first_direct_paragraph"] == 17
    assert sum(r["share_of_quoted_words"] for r in table.values()) == pytest.approx(1, abs=0.01)
    assert table["Kerry"]["quoted_words"] > table["Hammond"]["quoted_words"] > 0


def test_quoted_words_count_words_not_clitics():
    assert voices.quoted_words("We’re prepared to negotiate") == 4
    assert voices.quoted_words("it doesn’t have to be done") == 6
    assert voices.quoted_words(". . .") == 0


def test_actors_talked_about_but_never_quoted():
    article = load_article(WAPO)
    quotes = voices.extract_quotes(article)
    absent = {row["actor"] for row in voices.unquoted_actors(article, quotes)}
    assert {"Bashar al-Assad", "Russia", "Islamic State", "Ashton B. Carter", "Sergei Shoigu"} <= absent
    assert not {"John F. Kerry", "Philip Hammond"} & absent
    silent = {row["affiliation"] for row in voices.unquoted_affiliations(article, quotes)}
    assert {"Syrian government", "Russia", "the Islamic State"} <= silent
    assert not {"U.S. government", "U.K. government"} & silent


def test_invented_article_voices():
    article = load_article(INVENTED)
    quotes = voices.extract_quotes(article)
    assert {q.speaker for q in quotes} == {"Ruiz", "Becker"}
    assert [q.paragraphs for q in quotes if len(q.paragraphs) > 1] == [(3, 4)]
    assert {row["actor"] for row in voices.unquoted_actors(article, quotes)} >= {"shop owners"}


# ---------------------------------------------------------------- hard cases

def one(source, **expected):
    quotes = quotes_of(source)
    assert len(quotes) == 1, [as_record(q) for q in quotes]
    record = as_record(quotes[0])
    for name, value in expected.items():
        assert record[name] == value, (name, record)
    return quotes[0]


@pytest.mark.parametrize("text", [
    'Some context first.\n\n"We are ready to talk," Kerry said. "Are they?"',
    "Some context first.\n\n“We are ready to talk,” Kerry said. “Are they?”",
])
def test_straight_and_curly_quotes(text):
    quotes = quotes_of(text)
    assert [(q.kind, q.speaker, q.verb, q.text) for q in quotes] == [
        ("direct", "Kerry", "said", "We are ready to talk"), ("direct", "Kerry", "said", "Are they?")]


@pytest.mark.parametrize("text, words", [
    ("Context.\n\n“He told me ‘never again’ and meant it,” Hammond said.", "He told me ‘never again’ and meant it"),
    ('Context.\n\n“They call it "the plan," which it is not,” Kerry said.', 'They call it "the plan," which it is not'),
    ("Context.\n\n\"He told me 'never again' and meant it,\" Hammond said.", "He told me 'never again' and meant it"),
])
def test_nested_quotes_are_part_of_the_quote(text, words):
    one(text, kind="direct", text=words)


def test_quote_first_and_last_in_a_paragraph():
    one("Context.\n\n“We are ready,” Kerry said.", kind="direct", speaker="Kerry", cue="Kerry")
    one("Context.\n\nKerry said: “We are ready.”", kind="direct", speaker="Kerry", verb="said", text="We are ready.")
    one("Context.\n\nKerry said, “We are ready.”", kind="direct", speaker="Kerry", verb="said")
    one("Context.\n\nBecker said the beams are “worse than we expected.”", kind="partial", speaker="Becker",
        text="worse than we expected.")


def test_according_to():
    one("Context.\n\nThe talks will resume next week, according to Hammond.", kind="indirect", speaker="Hammond",
        verb="according to", text="The talks will resume next week")
    one("Context.\n\nAccording to Kerry, the talks have failed.", kind="indirect", speaker="Kerry",
        verb="according to", text="the talks have failed")
    one("Context.\n\n“We are ready,” according to Becker.", kind="direct", speaker="Becker", verb="according to")


def test_he_is_the_person_just_introduced_not_the_last_speaker():
    text = ("“We are ready,” Kerry said.\n\nCarter spoke with Shoigu on Friday about Assad.\n\n"
            "“They are not,” he said.")
    assert [q.speaker for q in quotes_of(text)] == ["Kerry", "Carter"]


def test_she_skips_back_to_the_last_woman_speaker():
    text = "“The bridge is shut,” Ruiz said.\n\n“It is cracked,” Becker said.\n\n“We will fix it,” she said."
    assert [q.speaker for q in quotes_of(text)] == ["Ruiz", "Becker", "Ruiz"]


def test_a_joint_attribution_does_not_become_he():
    text = ("“Talks now,” Kerry said.\n\nKerry and Hammond both said the war must end.\n\n"
            "“Assad must go,” he said.")
    assert [q.speaker for q in quotes_of(text)] == ["Kerry", "Kerry and Hammond", "Kerry"]


def test_he_with_nobody_before_has_no_speaker():
    one("Context.\n\n“We are ready,” he said.", kind="direct", speaker=None, cue="he", verb="said")


def test_verbs_and_names_inside_quotes_are_not_attributions():
    one("Context.\n\n“Kerry said no, and Assad declared victory,” Hammond said.", speaker="Hammond", cue="Hammond")


def test_name_first_verb_second_and_verb_first():
    one("Context.\n\n“We are ready,” said Kerry.", kind="direct", speaker="Kerry", verb="said", cue="Kerry")
    one("Context.\n\n“We are ready,” Secretary of State John F. Kerry said.", cue="John F. Kerry", speaker="Kerry")


def test_a_clause_between_speaker_and_verb():
    one("Context.\n\nKerry, who arrived in London on Friday, said the talks would resume.", kind="indirect",
        speaker="Kerry", cue="Kerry", text="the talks would resume")


def test_coordinated_verbs_are_two_indirect_quotes():
    quotes = quotes_of("Context.\n\nHammond said Britain agrees and urged Russia to act.")
    assert [(q.speaker, q.verb, q.text) for q in quotes] == [
        ("Hammond", "said", "Britain agrees"), ("Hammond", "urged", "Russia to act")]


def test_a_scare_quote_or_title_is_not_a_quote():
    assert [(q.kind, q.speaker) for q in quotes_of("Context.\n\nThe so-called “peace plan” failed again on Friday.")] \
        == [("term", None)]
    assert [(q.kind, q.speaker) for q in quotes_of("Context.\n\n“Casablanca” was shown at the festival on Friday.")] \
        == [("title", None)]


def test_straight_quote_across_a_paragraph_break():
    text = 'Context.\n\n"We are ready," Kerry said. "We have been ready for months.\n\n"Nobody else is," he added.'
    quotes = quotes_of(text)
    assert [(q.paragraphs, q.speaker, q.verb) for q in quotes] == [((1,), "Kerry", "said"), ((1, 2), "Kerry", "added")]
    assert quotes[1].text == "We have been ready for months. Nobody else is"


def test_a_quote_never_closed_ends_with_its_paragraph():
    text = "Context.\n\n“We are ready,” Kerry said. “We have been ready for months.\n\nThe talks start on Monday."
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["We are ready", "We have been ready for months."]
    assert all(q.paragraphs == (1,) for q in quotes)


def test_a_quote_left_open_at_the_end_of_the_article():
    quotes = quotes_of("Context.\n\n“We are ready,” Kerry said. “And so")
    assert [q.text for q in quotes] == ["We are ready", "And so"]


def test_quotes_in_captions_and_related_links_are_not_read():
    text = ("“We are ready,” Kerry said. (Jane Doe/Associated Press)\n\nThe talks start on Monday.\n\n"
            "Read more\n\nKerry says “ready” in London")
    assert quotes_of(text) == []


def test_first_person_and_pronouns_are_not_names():
    assert [q.speaker for q in quotes_of("Context.\n\n“Come here,” I said.")] == [None]
    assert [q.speaker for q in quotes_of("Context.\n\nThey said the talks had failed.")] == [None]


def test_a_contraction_that_opens_a_sentence_is_not_a_speaker():
    from newslab.article import article_from_text
    from newslab.voices import extract_quotes

    article = article_from_text("KERRY: Thank you. We've said for some time that Assad has to go. "
                                "We're open to talks, he said.", "transcript")
    assert all(q.speaker not in ("We've", "We’ve", "We're") for q in extract_quotes(article))


# ---------------------------------------------------------------- the sieve, stage by stage (issue 10)

def test_the_sieve_has_seven_named_stages():
    assert voices.STAGES == ("marks", "not_speech", "cues", "speakers", "pronouns", "no_cue", "one_person")
    assert set(voices.STAGE_TITLES) == set(voices.STAGES)
    assert all(title.strip() and "\n" not in title for title in voices.STAGE_TITLES.values())
    with pytest.raises(ValueError, match="up_to must be one of"):
        voices.extract_quotes(load_article(INVENTED), up_to="speaker")


def quotes_up_to(text, stage=None):
    return voices.extract_quotes(article_from_text(text), up_to=stage)


def test_each_stage_adds_what_it_says():
    text = ("Context.\n\nMrs. Dana Pell, a ferry captain, spoke at the pier.\n\n"
            "“The tide is late,” she said. “Again.”")
    marks = quotes_up_to(text, "marks")
    assert [(q.kind, q.speaker, q.cue) for q in marks] == [("direct", None, None), ("direct", None, None)]
    cues = quotes_up_to(text, "cues")
    assert [(q.cue, q.verb, q.speaker) for q in cues] == [("she", "said", None), (None, None, None)]
    pronouns = quotes_up_to(text, "pronouns")
    assert [q.speaker for q in pronouns] == ["Pell", None]
    everything = quotes_up_to(text)
    assert [(q.speaker, q.full_name, q.speaker_kind) for q in everything] == [
        ("Pell", "Dana Pell", "person"), ("Pell", "Dana Pell", "person")]


@pytest.mark.parametrize("text, words", [
    ("Context.\n\n``We sail at dawn,'' Hale said.", "We sail at dawn"),
    ("Context.\n\n‘We sail at dawn,’ Hale said. ‘The boats are ready.’", "We sail at dawn"),
    ("Context.\n\n'We sail at dawn,' Hale said. 'The boats are ready.'", "We sail at dawn"),
])
def test_marks_converted_corpora_and_british_single_marks(text, words):
    first = quotes_up_to(text)[0]
    assert (first.kind, first.text, first.speaker) == ("direct", words, "Hale")


def test_single_marks_stay_apostrophes_when_an_article_uses_double_marks():
    quotes = quotes_up_to("Context.\n\n“The crew’s boat isn’t ready,” Hale said. The 'best' boat left.")
    assert [(q.kind, q.text) for q in quotes] == [("direct", "The crew’s boat isn’t ready")]


@pytest.mark.parametrize("text, kind", [
    ("Context.\n\nShe starred in the show “Harbour Lights” for six years.", "title"),
    ("Context.\n\nThe network dropped “Cosby” from its schedule.", "title"),
    ("Context.\n\nThe so-called “quiet season” never came.", "term"),
    ("Context.\n\nThe band played loud “rounds” all night.", "term"),
    ("Context.\n\nSam “Lefty” Ortega pitched the ninth.", "term"),
])
def test_not_speech_titles_terms_and_nicknames(text, kind):
    (quote,) = quotes_up_to(text)
    assert (quote.kind, quote.speaker, quote.speaker_kind) == (kind, None, None)
    assert voices.speaker_summary([quote]) == {}


@pytest.mark.parametrize("text, speaker, verb", [
    ("Context.\n\n“Prices will fall,” says Mr. Hammond.", "Hammond", "says"),
    ("Context.\n\n“I lost half my savings,” complains Edward Egnuss, a White Plains investor.", "Egnuss", "complains"),
    ("Context.\n\n“It is the best club in the county,” the Vicar Hummerstone says.", "Hummerstone", "says"),
    ("Context.\n\n“We ran out of chairs,” explains Ms. Ruth Okafor.", "Okafor", "explains"),
    ("Context.\n\nSays the group's founder, John Cannell, “Nobody checks the scores.”", "Cannell", "says"),
    ("Context.\n\n“It is a mess,” as Dr. Lena Moss puts it.", "Moss", "puts it"),
])
def test_cues_in_every_order_and_tense(text, speaker, verb):
    (quote,) = quotes_up_to(text)
    assert (quote.kind, quote.speaker, quote.verb, quote.speaker_kind) == ("direct", speaker, verb, "person")


def test_a_split_quote_takes_the_cue_between_its_halves():
    quotes = quotes_up_to("Context.\n\n“The ice is thin,” Lt. Gov. Garland Byrd said, “and nobody should skate.”")
    assert [(q.speaker, q.verb) for q in quotes] == [("Byrd", "said"), ("Byrd", "said")]


@pytest.mark.parametrize("text, speaker, kind", [
    ("Context.\n\n“Stay tuned,” the announcer said.", "announcer", "nominal"),
    ("Context.\n\n“We never do that,” one station manager said.", "manager", "nominal"),
    ("Context.\n\n“Please hold,” said a disembodied male voice.", "voice", "nominal"),
    ("Context.\n\n“The charges are false,” Viacom Inc. said.", "Viacom", "organisation"),
    ("Context.\n\nThe jury said the rules are “outmoded and unfair.”", "jury", "organisation"),
])
def test_speakers_that_are_not_named_people(text, speaker, kind):
    quotes = [q for q in quotes_up_to(text) if q.kind != "indirect"]
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [(speaker, kind)]


def test_an_unnamed_speaker_is_never_given_a_named_person():
    text = ("Context.\n\n“We open at nine,” Maria Lund said.\n\n“Too late for me,” a female voice said.")
    assert [(q.speaker, q.speaker_kind) for q in quotes_up_to(text)] == [("Lund", "person"), ("voice", "nominal")]


def test_an_honorific_is_not_a_speaker():
    (quote,) = quotes_up_to("Context.\n\n“We will appeal,” Mr. Egnuss said.")
    assert quote.speaker == "Egnuss" and quote.cue == "Egnuss"


def test_he_goes_to_the_new_speaker_just_introduced():
    text = ("“Sales are up,” said Anna Berg, the owner.\n\n"
            "Mr. Tomas Reyes, who runs the shop next door, is less sure.\n\n“It has been a slow year,” he said.")
    assert [q.speaker for q in quotes_up_to(text)] == ["Berg", "Reyes"]


def test_she_skips_a_man_named_in_between():
    text = ("Mrs. Alma Ruiz chairs the board.\n\nShe met Mr. Paul Brandt on Monday.\n\n"
            "“We agreed on nothing,” she said.")
    assert [q.speaker for q in quotes_up_to(text)] == ["Ruiz"]


def test_they_goes_to_a_group_not_to_a_person():
    text = ("“We close at six,” Lena Moss said.\n\nThe city council met on Monday.\n\n"
            "The council said the plan was “too costly.” They said it was “a waste.”")
    speakers = [(q.speaker, q.speaker_kind) for q in quotes_up_to(text) if q.kind == "partial"]
    assert speakers == [("council", "organisation"), ("council", "organisation")]


def test_no_cue_takes_the_paragraph_speaker_or_the_subject_or_nobody():
    text = ("Context.\n\n“We lost the vote,” Hale said. “We will try again.”\n\n"
            "Rick Wamre, a 31-year-old asset manager, would like to sell because “the prices are silly now.”\n\n"
            "The hall was full.\n\n“Nobody expected this.”")
    quotes = quotes_up_to(text)
    assert [(q.text[:12], q.speaker) for q in quotes] == [
        ("We lost the ", "Hale"), ("We will try ", "Hale"), ("the prices a", "Wamre"), ("Nobody expec", None)]


def test_one_person_one_speaker_with_the_fullest_name():
    text = ("Context.\n\n“The fund is down,” complains Edward Egnuss, a White Plains investor.\n\n"
            "“I want out,” Mr. Egnuss said.\n\n“Now,” Egnuss added.")
    quotes = quotes_up_to(text)
    assert {(q.speaker, q.full_name, q.speaker_kind) for q in quotes} == {("Egnuss", "Edward Egnuss", "person")}
    assert list(voices.speaker_summary(quotes)) == ["Egnuss"]


def test_quote_as_dict_has_full_name_and_speaker_kind():
    (quote,) = quotes_up_to("Context.\n\n“We are ready,” Kerry said.")
    record = quote.as_dict()
    assert record["full_name"] == "Kerry" and record["speaker_kind"] == "person"
    assert set(record) == {"paragraph", "speaker", "cue", "text", "verb", "kind", "full_name", "speaker_kind"}


def test_an_article_with_no_person_and_no_quote():
    article = article_from_text("The river rose.\n\nThe road is closed until Monday.")
    assert voices.extract_quotes(article) == []
    assert voices.speaker_summary([], article) == {}


def test_a_megabyte_of_quote_dense_text_finishes():
    """Not timed (scripts/bench_voices_time.py prints the times): the sieve runs through 1 MB of quote-dense
    text in one paragraph and finds every quote, so no step is quadratic enough to stall it."""
    block = ("Mayor Ana Ortiz spoke at the hall. “We will rebuild the bridge,” Ortiz said. “It is cracked.” "
             "She added that the council had “no plan at all” for the detour. ")
    # Just under the 1 MB limit for one article, counted in UTF-8 bytes as the loader counts them.
    repeats = (1_000_000 - 100) // len(block.encode("utf-8"))
    text = "Context.\n\n" + block * repeats
    quotes = voices.extract_quotes(article_from_text(text), up_to="cues")
    assert sum(q.kind == "direct" for q in quotes) == 2 * repeats


# ---------------------------------------------------------------- the package's layout (one module per stage)

# Every name the lessons, practice sets, exercise checkers and other modules use as voices.<name>
USED_NAMES = ["extract_quotes", "speaker_summary", "quoted_words", "KINDS", "STAGES", "STAGE_TITLES", "NOT_SPEECH",
              "unquoted_actors", "unquoted_affiliations", "quoted_spans", "cue_verbs", "chunker", "_words", "_surname"]
# The modules from the bottom up: a module imports only from modules before it (no cycles)
LAYERS = ["quote", "wordlists", "reading", "names", "marks", "not_speech", "cues", "speakers", "pronouns",
          "no_cue", "people", "sieve", "summary"]


@pytest.mark.parametrize("name", USED_NAMES)
def test_the_package_keeps_every_name_the_course_uses(name):
    assert hasattr(voices, name), f"newslab.voices no longer offers {name}"


def test_each_stage_has_its_module():
    import importlib
    for stage in voices.STAGES:
        module = importlib.import_module(f"newslab.voices.{'people' if stage == 'one_person' else stage}")
        assert callable(getattr(module, f"stage_{stage}")), stage


@pytest.mark.parametrize("name", LAYERS)
def test_each_module_says_what_it_holds_and_imports_only_below(name):
    import ast
    path = config.ROOT / "newslab" / "voices" / f"{name}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and "\n" not in doc.strip(), f"{name}.py needs a one-line docstring"
    below = set(LAYERS[:LAYERS.index(name)])
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            assert node.module in below, f"{name}.py imports .{node.module}, which is not below it"


# ---------------------------------------------------------------- general rules from the validation set

def test_a_trailing_cue_makes_a_fragment_after_a_works_word_speech():
    one('Context.\n\nThe pumps should be in operation "before the river rises", Ms. Okafor said.',
        kind="partial", speaker="Okafor", verb="said")
    one('Context.\n\nThe pumps were part of the operation "before the river rises" last year.', kind="term")


def test_a_capitalised_function_word_is_never_a_name():
    # the word list: data/wordlists/speaker_cues.json, "function_words"
    one('Context.\n\nPfft But on to the news Ms. Okafor waved and shouted, "Bring them home!"', speaker="Okafor")
    one('Context.\n\nOddly But Ms. Okafor waved and shouted, "Bring them home!"', speaker="Okafor")


def test_a_coordinated_cue_verb_gives_the_subject_before_its_apposition():
    one('Context.\n\nSo then Priya Raman, the new coach, phoned her old rival and whispered, "We will win."',
        speaker="Raman")


def test_a_two_word_item_in_a_list_of_places_is_no_person():
    one('Context.\n\nNext, Chile, Costa Rica, Peru and Spain "to find new players".', speaker=None)
    one('Context.\n\nPriya Raman will visit Chile, Peru and Spain "to find new players".', speaker="Raman")


def test_a_trailing_cue_after_a_lowercase_title_names_the_speaker():
    one('Context.\n\n"The bridge will open in May", council treasurer Ana M. Duarte stated.',
        kind="direct", speaker="Duarte", verb="stated")


def test_a_base_form_cue_right_after_the_quote_names_a_group():
    quotes = quotes_of('Context.\n\n"We cannot sleep", say the neighbours. "The trucks never stop".')
    assert [(q.speaker, q.speaker_kind, q.verb) for q in quotes] == [("neighbours", "nominal", "say")] * 2


def test_a_document_is_never_the_speaker_its_author_is():
    # the word list: data/wordlists/speaker_cues.json, "document_heads"
    one('Context.\n\n"Fares will rise in June", the council\'s resolution said.', speaker="council")
    quotes = quotes_of('A statement was issued by the committee on Monday.\n\n'
                       '"The hall stays shut", the statement said.')
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["committee"]
    one('Context.\n\n"The hall stays shut", the statement said.', speaker=None)


def test_a_group_after_a_partitive_in_an_inverted_cue_speaks():
    one('Context.\n\nThe parade was moved indoors, "a sad end to the summer", said some of the neighbours.',
        kind="partial", speaker="neighbours", speaker_kind="nominal")
    one('Context.\n\nThe band played for hours--"far too loud for a wedding", decided most of the guests.',
        speaker="guests")


def test_words_a_named_subject_calls_something_are_theirs():
    one('Context.\n\nAnd Tomas Ortega calls the long queues at the border, "The Great Wait"!!', speaker="Ortega")
    one('Context.\n\nThe long queues at the border are called "The Great Wait" by drivers.', speaker=None)


def test_quoted_him_as_saying_gives_the_person_not_the_document():
    quotes = quotes_of('Dr. Ana Vidal runs the clinic.\n\nA press release from the clinic quoted her as saying the '
                       'move, far from "ruining" the service, had helped it.')
    assert [(q.speaker, q.verb) for q in quotes if q.kind == "partial"] == [("Vidal", "saying")]
