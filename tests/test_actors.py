"""The actor list, mentions found with it (not the chunker), naming by voice, and co-occurrence."""

import json
from collections import Counter

import nltk
import pytest

from newslab import actors, config, load_article
from newslab.analyze import article_from_text

WAPO, INVENTED = config.DEFAULT_ARTICLE, config.INVENTED_ARTICLE
KINDS = {"person", "country", "government", "institution", "group", "place", "media"}


@pytest.fixture(scope="module")
def wapo():
    article = load_article(WAPO)
    return article, actors.find_mentions(article)


def test_actor_list_is_well_formed():
    with open(config.DATA / "actors.json", encoding="utf-8") as f:
        data = json.load(f)
    listed = actors.load_actors()
    assert len(listed) == len(data["actors"])
    assert len({a.id for a in listed}) == len(listed), "actor ids are unique"
    declared = set(actors.affiliations())
    owners = Counter()
    for actor in listed:
        assert actor.kind in KINDS, actor
        assert actor.affiliation in declared, f"{actor.id}: declare {actor.affiliation!r} in 'affiliations'"
        assert actor.variants and all(v.strip() == v and v for v in actor.variants), actor
        if actor.kind == "person" and actor.pronoun:
            assert actor.pronoun in ("he", "she") and actor.surname in actor.variants
        for article_id in actor.only_in:
            assert (config.ARTICLES / f"{article_id}.json").exists(), f"{actor.id}: unknown article {article_id}"
        owners.update(set(actor.variants))
    assert [v for v, n in owners.items() if n > 1] == [], "a variant names one actor only"


def test_affiliations_the_lessons_use_are_listed():
    used = {a.affiliation for a in actors.load_actors()}
    assert {"U.S. government", "U.K. government", "Syrian government", "Russia", "the Islamic State", "refugees",
            "Port Alder city", "engineer"} <= used


def test_mentions_are_found_with_the_list_not_the_chunker(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("mentions must come from the actor list, not the named-entity chunker")
    monkeypatch.setattr(nltk, "ne_chunk", refuse)
    monkeypatch.setattr(nltk.chunk, "ne_chunker", refuse)
    assert actors.find_mentions(load_article(WAPO))


def test_mentions_point_at_their_words(wapo):
    article, mentions = wapo
    for m in mentions:
        assert article.paragraphs[m.paragraph].text[m.start:m.end] == m.text
        assert m.voice in ("quoted", "reporter")
        assert set(m.as_dict()) == {"paragraph", "text", "actor", "voice"}
    assert mentions == sorted(mentions, key=lambda m: (m.paragraph, m.start))


def test_officials_say_isil_and_the_reporter_says_islamic_state(wapo):
    _, mentions = wapo
    naming = actors.naming_by_voice(mentions)["Islamic State"]
    assert set(naming["quoted"]) == {"ISIL"}
    assert set(naming["reporter"]) == {"Islamic State"}


def test_the_longest_name_wins(wapo):
    article, mentions = wapo
    first = [m for m in mentions if m.paragraph == 1]
    assert ("Syrian President Bashar al-Assad", "Bashar al-Assad") in [(m.text, m.actor) for m in first]
    assert not any(m.actor == "Syria" for m in first), "'Syrian' inside Assad's title is not a mention of Syria"
    naming = actors.naming_by_voice(mentions, actor="Bashar al-Assad")["Bashar al-Assad"]
    assert naming["reporter"]["Syrian President Bashar al-Assad"] == 1 and naming["reporter"]["Assad"] >= 1
    assert actors.naming_by_voice(mentions, actor="John F. Kerry")["John F. Kerry"]["reporter"]["Kerry"] >= 1


def test_voice_inside_and_outside_quotation_marks(wapo):
    article, mentions = wapo
    by_place = {(m.paragraph, m.text): m.voice for m in mentions}
    assert by_place[(16, "Britain")] == "reporter", "indirect speech is in the reporter's voice"
    assert by_place[(5, "Assad")] == "quoted", "a partial quote is quoted"
    assert by_place[(4, "Russia")] == "quoted", "the second paragraph of a quote across a break is quoted"


def test_captions_and_related_links_have_mentions_too(wapo):
    article, mentions = wapo
    kinds = {article.paragraphs[m.paragraph].kind for m in mentions}
    assert kinds == {"body", "caption", "related"}
    assert any(m.actor == "Associated Press" and m.paragraph == 0 for m in mentions)


def test_invented_article_actors():
    article = load_article(INVENTED)
    mentions = actors.find_mentions(article)
    affiliation = {m.actor: m.affiliation for m in mentions}
    assert affiliation["Elena Ruiz"] == "Port Alder city" and affiliation["Tom Becker"] == "engineer"
    assert ("Shop owners", "shop owners") in [(m.text, m.actor) for m in mentions], "a capital at a sentence start"
    assert [m.voice for m in mentions if m.text == "the council"] == ["quoted"]


def test_generic_variants_only_in_their_article():
    article = article_from_text("Context.\n\nThe mayor said the city will decide on Friday, with the council.")
    assert actors.find_mentions(article) == []


def test_cooccurrence_by_paragraph():
    article = article_from_text("Kerry met Hammond in London.\n\nKerry spoke about Kerry.\n\nHammond and Assad.")
    mentions = actors.find_mentions(article)
    pairs = actors.cooccurrence(mentions)
    assert pairs == {("John F. Kerry", "Philip Hammond"): 1, ("Bashar al-Assad", "Philip Hammond"): 1}
    names, matrix = actors.cooccurrence_matrix(mentions)
    assert names[0] == "John F. Kerry" and matrix[0][0] == 2
    for i in range(len(names)):
        for j in range(len(names)):
            assert matrix[i][j] == matrix[j][i]
            if i != j:
                assert matrix[i][j] == pairs.get(tuple(sorted((names[i], names[j]))), 0)


def test_cooccurrence_in_the_body_of_the_post(wapo):
    article, mentions = wapo
    body = {p.index for p in article.body}
    pairs = actors.cooccurrence(mentions, paragraphs=body)
    shared = sum(1 for i in body
                 if {"John F. Kerry", "Bashar al-Assad"} <= {m.actor for m in mentions if m.paragraph == i})
    assert pairs[("Bashar al-Assad", "John F. Kerry")] == shared > 0


def test_your_own_actor_list():
    own = [actors.Actor(id="x", name="Harbour Bridge", kind="place", affiliation="infrastructure",
                        variants=("Harbour Bridge", "the bridge"))]
    mentions = actors.find_mentions(load_article(INVENTED), actors=own)
    assert Counter(m.text for m in mentions)["Harbour Bridge"] == 2


# ---------------------------------------------------------------- names for any article (issue 10)

from newslab.analyze import article_from_text as _text_article  # noqa: E402

STORY = ("The river rose overnight.\n\n"
         "Mayor Ana Ortiz closed the bridge on Monday, and Mrs. Ortiz said the Harbour Transit Co. would run "
         "buses. Viacom Inc. denied the report.\n\n"
         "“We will reopen it,” Tom Reyes said. Reyes runs the ferry with Paul Brandt in Port Alder.")


def test_type_name_rules_in_order():
    assert actors.type_name(["Ortiz"], "Mrs.", "said") == ("person", "she")
    assert actors.type_name(["Viacom", "Inc."], "", "denied") == ("organisation", None)
    assert actors.type_name(["NATO"], "", "said") == ("organisation", None)
    assert actors.type_name(["Port", "Alder"], "in", ".") == ("place", None)
    assert actors.type_name(["Hale"], "", "said") == ("person", None)
    assert actors.type_name(["Tom", "Reyes"], "", "runs") == ("person", None)
    assert actors.type_name(["Dunmore"], "", "has") == ("organisation", None)
    assert actors.type_name(["Dunmore"], "", "has", label="PERSON") == ("person", None)


def test_names_found_in_any_article_with_the_chunker():
    article = _text_article(STORY, "story")
    names = actors.find_names(article)
    kinds = {(n.text, n.kind) for n in names}
    assert ("Ana Ortiz", "person") in kinds and ("Tom Reyes", "person") in kinds
    assert any(kind == "organisation" and text.startswith("Viacom") for text, kind in kinds)
    assert all(article.paragraphs[n.paragraph].text[n.start:n.end] == n.text for n in names)


def test_found_actors_group_the_forms_of_one_person():
    article = _text_article(STORY, "story")
    people = {a.surname: a for a in actors.found_actors(article) if a.kind == "person"}
    assert people["Ortiz"].name == "Ana Ortiz" and "Ortiz" in people["Ortiz"].variants
    assert people["Ortiz"].pronoun == "she"
    assert people["Reyes"].name == "Tom Reyes"


def test_actors_for_uses_the_curated_list_only_where_it_applies():
    from newslab import config, load_article
    assert actors.actors_for(load_article(config.DEFAULT_ARTICLE)) == actors.load_actors()
    found = actors.actors_for(_text_article(STORY, "story"))
    assert found and all(a.id.startswith("found-") for a in found)
    assert actors.actors_for(_text_article("The river rose.\n\nThe road is closed.", "calm")) == ()


def test_unquoted_people_in_an_article_the_list_does_not_know():
    from newslab import voices
    article = _text_article(STORY, "story")
    quotes = voices.extract_quotes(article)
    assert {q.speaker for q in quotes if q.speaker} == {"Ortiz", "Viacom", "Reyes"}
    absent = {row["actor"] for row in voices.unquoted_actors(article, quotes)}
    assert "Paul Brandt" in absent and not {"Ana Ortiz", "Tom Reyes"} & absent


# ---------------------------------------------------------------- three faults real news showed (issue 10)

def test_names_hold_no_quotation_marks_and_a_quoted_nickname_belongs_to_the_person():
    text = ("The band played late.\n\n"
            "On Friday \u201cDusty\u201d Kowalczyk opened the show with Martha Lindqvist.\n\n"
            '"Coach Lindqvist taught us," said Hamid Osei, who booked them.')
    article = _text_article(text, "quotes")
    names = actors.find_names(article)
    assert not [n.text for n in names if set(n.text) & set("\"'`\u201c\u201d")], [n.text for n in names]
    assert all(article.paragraphs[n.paragraph].text[n.start:n.end] == n.text for n in names)
    kinds = {n.text: n.kind for n in names}
    assert kinds.get("Kowalczyk") == "person", kinds
    assert "Dusty" not in kinds, "the nickname is not a name of its own"
    people = {a.surname: a for a in actors.found_actors(article, names) if a.kind == "person"}
    assert "Kowalczyk" in people and "Dusty" not in people


def test_without_quotes_leaves_the_marks_and_the_nickname_out():
    words = ["``", "Tex", "''", "Burgess", "had", "called", "."]
    assert actors._without_quotes(words, 0, 3) == (3, 3, True)  # the run '"Tex" Burgess'
    assert actors._without_quotes(words, 1, 1)[0] > 1  # the run 'Tex' alone: dropped
    assert actors._without_quotes(words, 3, 3) == (3, 3, True)  # 'Burgess' after the nickname
    assert actors._without_quotes(["Bobby", "Mizell", "''", "."], 0, 2) == (0, 1, False)


def test_an_abbreviation_keeps_its_full_stop_at_a_sentence_end():
    text = ("The court sat on Monday.\n\n"
            "The fine was set by the judge, R.T.M. Okafor. Lawyers said the case was sent to the F.B.I.\n\n"
            "Okafor left the court.")
    names = actors.find_names(_text_article(text, "stops"))
    found = {n.text for n in names}
    assert "F.B.I." in found and "R.T.M." in found, found  # punkt ends a sentence after each
    assert not any(t.endswith(("F.B.I", "R.T.M")) for t in found)


def test_a_double_hyphen_or_an_em_dash_is_a_boundary_but_a_single_hyphen_is_not():
    text = ("Three men were named.\n\n"
            "The three--Ivo Marsh, Ken Daley and Lou Pratt--face trial; the pro-Pratt crowd and the "
            "Daley\u2014Marsh team waited.")
    own = [actors.Actor(id=k, name=k, kind="person", affiliation=k, variants=(k,))
           for k in ("Ivo Marsh", "Lou Pratt", "Daley", "Marsh")]
    found = [m.text for m in actors.find_mentions(_text_article(text, "dashes"), own)]
    assert found == ["Ivo Marsh", "Daley", "Lou Pratt", "Daley", "Marsh"], found
