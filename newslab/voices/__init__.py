"""Voices: who speaks in an article, found by a sieve of seven small stages (quotes, their kinds, cues and speakers).

The modules, in the order the sieve runs them: `marks` (stage 1: the words inside each pair of quotation
marks), `not_speech` (2: titles of works, scare quotes and nicknames), `cues` (3: the reporting verb and
the words that name who speaks), `speakers` (4: a named person, an organisation or an unnamed speaker),
`pronouns` (5: he, she, they), `no_cue` (6: quotes with no cue) and `people` (7, "one_person": one
person, one speaker). `sieve` runs them (`extract_quotes(article, up_to=stage)`); `summary` sums the
quotes up for the lessons. Below the stages: `quote` (the Quote and Span records), `wordlists` (the word
lists, loaded once), `reading` (masked paragraphs, sentence ends, cue verb positions) and `names` (name
tokens, titles, surnames).

The sieve follows the idea of G. Muzny, M. Fang, A. X. Chang and D. Jurafsky (2017), "A Two-stage Sieve
Approach for Quote Attribution", Proceedings of the 15th Conference of the European Chapter of the
Association for Computational Linguistics (EACL 2017), Valencia: many small, precise rules run one
after the other, each one deciding only what it is sure of and leaving the rest to the next. Each stage is
one function with a docstring (`stage_marks` … `stage_one_person`); `extract_quotes(article, up_to=stage)`
stops after any of them, so a learner can see what each adds.

    marks       the words inside each pair of quotation marks
    not_speech  titles of works, scare quotes and nicknames: quoted words nobody says
    cues        the reporting verb and the words that name who speaks, next to or around each quote
    speakers    those words read as a named person, an organisation or an unnamed ("nominal") speaker
    pronouns    he / she / they: the nearest person mentioned before that fits, not the last speaker
    no_cue      a quote with no cue: the speaker of its paragraph, or the person the sentence before is about
    one_person  "Edward Egnuss", "Mr. Egnuss" and "Egnuss" are one speaker

Reported (indirect) speech keeps its own meaning: a verb of reporting_verbs.json with a speaker and no
quotation marks; it is found with the cues and its speaker read by the same later stages.
Word lists: data/wordlists/cue_verbs.json, reporting_verbs.json, speaker_cues.json and not_speech.json.

NLTK: sentence ends come from one pass that reads Punkt's learned abbreviations (Punkt's own tokenizer
costs 3-5 s per MB on the course machines); NLTK's Treebank tokenizer, POS tagger and NE chunker (loaded
once per process) run only on the reporter's words of sentences that hold a cue. Every step is linear in
the text: positions are looked up with bisect or by sentence, never by scanning all quotes.
"""

from .quote import KINDS, NOT_SPEECH, Quote, Span
from .wordlists import _words, cue_verbs, reporting_verbs
from .reading import find_verbs
from .names import _surname
from .marks import CURLY_CLOSE, CURLY_OPEN, QUOTATION_MARK, STRAIGHT, marked_texts, quoted_spans, stage_marks
from .not_speech import stage_not_speech
from .cues import stage_cues
from .speakers import chunker, stage_speakers
from .pronouns import stage_pronouns
from .no_cue import stage_no_cue
from .people import stage_one_person
from .sieve import STAGE_TITLES, STAGES, extract_quotes
from .summary import quoted_words, speaker_summary, speakers_of, unquoted_actors, unquoted_affiliations

__all__ = ["KINDS", "NOT_SPEECH", "STAGES", "STAGE_TITLES", "Quote", "Span", "extract_quotes", "quoted_spans",
           "marked_texts", "find_verbs", "cue_verbs", "reporting_verbs", "chunker", "quoted_words",
           "speaker_summary", "speakers_of", "unquoted_actors", "unquoted_affiliations",
           "stage_marks", "stage_not_speech", "stage_cues", "stage_speakers", "stage_pronouns", "stage_no_cue",
           "stage_one_person", "CURLY_OPEN", "CURLY_CLOSE", "STRAIGHT", "QUOTATION_MARK"]
