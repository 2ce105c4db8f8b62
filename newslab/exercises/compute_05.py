"""Named computations for lesson 05 (the grammar of news): answers computed with newslab.grammar."""

from __future__ import annotations

from .compute import computation


def _sentences(article):
    from .. import grammar
    return grammar.voiced_sentences(article)


def _analysis(article):
    from .. import grammar
    return grammar.analyse(article)


def _saying(article, voice=None):
    from .. import grammar
    return [v for v in grammar.saying_verbs(_sentences(article)) if voice is None or v["voice"] == voice]


def _treebank_score() -> tuple:
    from .. import grammar
    return grammar.treebank_score()


@computation("tagger_accuracy_percent", "the tagger's agreement with the hand tags of the treebank files lesson 05 uses, in percent")
def tagger_accuracy_percent(article):
    right, total = _treebank_score()
    return round(100 * right / total, 1)


@computation("tagger_error_percent", "the share of treebank tokens the tagger gets wrong, in percent")
def tagger_error_percent(article):
    right, total = _treebank_score()
    return round(100 - 100 * right / total, 1)


@computation("tagger_accuracy_fraction", "the tagger's agreement with the treebank sample as a fraction (0 to 1)")
def tagger_accuracy_fraction(article):
    right, total = _treebank_score()
    return round(right / total, 3)


@computation("saying_verbs_reporter_count", "verbs of saying in the reporter's voice (body, lesson 05's rule)")
def saying_verbs_reporter_count(article):
    return len(_saying(article, "reporter"))


@computation("saying_verbs_all_count", "verbs of saying in both voices, quoted ones included")
def saying_verbs_all_count(article):
    return len(_saying(article))


@computation("said_reporter_count", "the form 'said' alone in the reporter's voice")
def said_reporter_count(article):
    return sum(1 for v in _saying(article, "reporter") if v["form"] == "said")


@computation("reporter_word_count", "words (tokens with a letter or digit) in the reporter's voice")
def reporter_word_count(article):
    return _analysis(article)["words_by_voice"]["reporter"]


@computation("quoted_word_count", "words inside quotation marks in the body")
def quoted_word_count(article):
    return _analysis(article)["words_by_voice"]["quoted"]


def _hedge_booster_rates(article) -> dict:
    analysis = _analysis(article)
    words = analysis["words_by_voice"]
    counts = analysis["stance_counts"]
    return {voice: round(1000 * (counts["hedge"][voice] + counts["booster"][voice]) / words[voice], 1)
            if words[voice] else 0.0 for voice in ("reporter", "quoted")}


@computation("hedge_booster_rate_reporter", "hedges and boosters per 1,000 words in the reporter's voice")
def hedge_booster_rate_reporter(article):
    return _hedge_booster_rates(article)["reporter"]


@computation("hedge_booster_rate_quoted", "hedges and boosters per 1,000 words in the quoted voices")
def hedge_booster_rate_quoted(article):
    return _hedge_booster_rates(article)["quoted"]


@computation("more_hedged_voice", "which voice has more hedges and boosters per 1,000 words")
def more_hedged_voice(article):
    rates = _hedge_booster_rates(article)
    if rates["quoted"] > rates["reporter"]:
        return "the quoted voices"
    if rates["reporter"] > rates["quoted"]:
        return "the reporter's voice"
    return "neither: the two rates are equal"


@computation("passive_count", "passive clauses found by lesson 05's pattern (be + adverbs + VBN)")
def passive_count(article):
    return len(_analysis(article)["passives"])


@computation("agentless_passive_count", "passive clauses with no 'by' agent")
def agentless_passive_count(article):
    return sum(1 for p in _analysis(article)["passives"] if p["agent"] is None)


@computation("be_or_have_participle_count", "passives plus have + participle (perfect tenses such as 'has refused')")
def be_or_have_participle_count(article):
    have = {"have", "has", "had", "having", "'ve", "'d"}
    perfect = 0
    for sentence in _sentences(article):
        tokens = sentence.tokens
        for i, (word, tag, _) in enumerate(tokens):
            if word.lower() in have and tag.startswith("VB"):
                j = i + 1
                while j < len(tokens) and tokens[j][1].startswith("RB"):
                    j += 1
                if j < len(tokens) and tokens[j][1] == "VBN":
                    perfect += 1
    return passive_count(article) + perfect


@computation("participle_count", "every token tagged VBN (past participle) in the body")
def participle_count(article):
    return sum(1 for s in _sentences(article) for _, tag, _ in s.tokens if tag == "VBN")
