"""Stage 2 (not_speech): titles of works, scare quotes and nicknames, quoted words nobody says."""

from __future__ import annotations

import re

from .wordlists import _not_speech_words
from .reading import _State


def _words_before_say(before: str, kind: str) -> bool:
    """True when the one or two words before an opening mark are in the not_speech.json list `kind`."""
    last = [w.strip(",;:()").lower() for w in before.split()[-2:]]
    table = _not_speech_words()[kind]
    return bool(last) and (last[-1] in table or " ".join(last) in table)


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is", "de"}


def _title_case(words: str) -> bool:
    tokens = re.findall(r"[A-Za-z][\w’'-]*", words)
    return bool(tokens) and tokens[0][0].isupper() and all(t[0].isupper() or t.lower() in _SMALL_WORDS
                                                             for t in tokens)


def _cue_near(info, start: int, end: int) -> bool:
    """True when a cue verb stands within a few of the reporter's words before start or after end."""
    return bool(info.verbs_between(max(0, start - 40), start) or info.verbs_between(end, end + 40))


_NAMED_BY_SUBJECT = re.compile(
    r"(?P<subject>\b(?:he|she|they|we|I)|(?<![.-])\b[A-Z][\w’'.-]*[a-z][\w’']*)\s+(?:(?:has|have|had|also|once)\s+)?"
    r"(?:calls|called|terms|termed|dubs|dubbed)\b[^.!?;:]{0,80}$")


def stage_not_speech(state: _State) -> None:
    """Stage 2. Quoted words that nobody says become kind "title" or "term" (no speaker, not a voice).

    - title: words in title case ("The Music Man", "Cosby") with no cue verb next to them and no
      sentence of their own, or words after film / show / book / titled …;
    - term: a nickname between two parts of a name (Sam "Lefty" Jones), words after so-called / called /
      dubbed / known as / the word …, or a fragment of three words or fewer in a sentence with no cue verb
      (a scare quote). A lower-case fragment after a works word ("in operation") that a comma and a cue
      verb follow ("…", Mr. Jones said) is someone's words, not a term. Words a named subject calls, terms
      or dubs something ("Jo Smith calls the clashes “The Battle of the Gate”", "what he called “a mess”")
      are that subject's words: a partial quote."""
    for quote in state.quotes:
        span, info = quote["span"], state.reading[quote["paragraph"]]
        raw = span.text(state.article).strip()
        start = span.opening[1]
        end = span.closing[1] + 1 if span.closing and span.closing[0] == quote["paragraph"] else len(info.text)
        before = info.reporter[max(0, start - 40):start]
        s_start, s_end = info.sentences[quote["sentence"]]
        sentence_has_cue = bool(info.verbs_between(s_start, s_end))
        speech_like = raw[-1:] in ",.?!;:…" or (quote["kind"] == "direct" and quote["ends_sentence"])
        nickname = (re.search(r"[A-Z][\w.]*\s+$", info.text[max(0, start - 30):start])
                    and re.match(r"\s+[A-Z]", info.text[end:end + 3]) and len(raw.split()) <= 3
                    and not _cue_near(info, start, end))
        trailing_cue = bool(re.match(r"\s*,", info.text[end:end + 3])) and bool(info.verbs_between(end, end + 40))
        # The pattern ends at most 80 characters after its verb: a bounded look-back, never the whole sentence.
        window = max(s_start, start - 200)
        namer = _NAMED_BY_SUBJECT.search(info.reporter[window:start])
        if namer:
            quote["namer"] = (s_start, window + namer.end("subject"))  # read by stage no_cue
            continue  # "Jo Smith calls the clashes “The Battle of the Gate”": Smith's words, a partial quote
        if _words_before_say(before, "works") and not speech_like and not (trailing_cue and not _title_case(raw)):
            quote["kind"] = "title" if _title_case(raw) else "term"
        elif nickname:
            quote["kind"] = "term"
        elif _words_before_say(before, "naming") and not speech_like:
            quote["kind"] = "title" if _title_case(raw) and len(raw.split()) > 1 else "term"
        elif _title_case(raw) and not speech_like and not _cue_near(info, start, end) and len(raw.split()) <= 8:
            quote["kind"] = "title"
        elif quote["kind"] == "partial" and len(raw.split()) <= 3 and not sentence_has_cue \
                and not _words_before_say(before, "speech"):
            quote["kind"] = "term"
