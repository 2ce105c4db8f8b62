"""Stage 3 (cues): reporting verbs, the words before or after them that name who speaks, and reported speech."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .quote import NOT_SPEECH, Span
from .wordlists import _words, cue_verbs
from .reading import _Paragraph, _State
from .names import _CONNECTORS, _bare, _is_name_token, _name_run, _strip_titles, _tokens
from .marks import QUOTATION_MARK, _mark_role


@dataclass
class _Cue:
    """A cue verb outside quotation marks with the words that name who speaks."""

    paragraph: int
    sentence: int
    verb: str
    verb_start: int
    verb_end: int
    cue: str  # the words naming the speaker, titles left out, or the pronoun
    cue_start: int
    cue_kind: str  # "name", "pair", "pronoun", "nominal"
    names: tuple = ()
    phrase_start: int | None = None
    reports: bool = False  # the verb is one of reporting_verbs.json: it may introduce indirect speech
    gender: str | None = None  # from an honorific ("Mr." he, "Mrs." she) or the pronoun
    head: str | None = None  # a nominal speaker's head noun
    determiner: bool = False  # the phrase opens with the/a/one …
    titled: bool = False  # a title or honorific stood before the name
    first_in_sentence: bool = False  # the name opens its sentence (its capital says nothing)
    used: bool = False
    speaker: str | None = None
    full_name: str | None = None
    speaker_kind: str | None = None

    @property
    def start(self) -> int:
        first = self.cue_start if self.phrase_start is None else min(self.phrase_start, self.cue_start)
        return min(first, self.verb_start)


_CLAUSE_OPENERS = {"who", "whose", "a", "an", "the", "his", "her", "its", "their", "one", "now", "then",
                   "also", "himself", "herself", "in", "at", "after", "when", "speaking", "president",
                   "chairman", "director", "secretary", "head", "spokesman", "spokeswoman", "owner"}


_NOUN_WORD = re.compile(r"^[a-z][a-z’'-]*$")
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_PREPOSITIONS = {"for", "of", "at", "with", "from", "in", "on"}
_PARTITIVES = {"some", "many", "most", "several", "all", "few", "one", "two", "three", "both", "each", "none", "half"}


def _nominal_before(tokens: list, end: int):
    """An unnamed speaker before the verb: "one station manager", "a White House spokesman", "the jury",
    "a spokesman for the company" (the head before for/of/at wins). None when the last word is no noun head."""
    words = _words()
    head_word = tokens[end - 1][0].rstrip(",")
    if not _NOUN_WORD.match(head_word):
        return None
    i = end - 1
    while i > 0 and end - i < 6:
        word = tokens[i - 1][0]
        if word in words["determiners"] or word.lower() in words["determiners"]:
            i -= 1
            break
        if word.endswith(",") or word.endswith(".") or word in words["between"] or word in _PREPOSITIONS:
            break
        if not (_NOUN_WORD.match(word) or _is_name_token(word) or re.match(r"^\w+[’']s$", word) or word[:1].isdigit()):
            break
        i -= 1
    determiner = i < end - 1 and (tokens[i][0] in words["determiners"] or tokens[i][0].lower() in words["determiners"])
    # "a spokesman for the company said": the head before the preposition speaks
    if i >= 2 and tokens[i - 1][0] in _PREPOSITIONS:
        outer = _nominal_before(tokens, i - 1)
        if outer and (outer["head"] in words["nominal"]):
            return outer
    head = head_word.lower()
    if head not in words["nominal"] and head not in words["organisation"] and not determiner:
        return None
    return {"kind": "nominal", "head": head, "start": tokens[i][1], "end": tokens[end - 1][1] + len(head_word),
            "determiner": determiner, "names": ()}


def _cue_before(tokens: list, previous):
    """Who speaks, read backwards from the verb: a pronoun, a name (titles and honorifics dropped), two
    names joined by "and", a name before an apposition or a clause between commas, an unnamed speaker,
    or the speaker of a verb this one is coordinated with."""
    words = _words()
    i = len(tokens)
    while i > 0 and tokens[i - 1][0].lower() in words["between"]:
        i -= 1
    if i > 0 and tokens[i - 1][0].endswith(")"):  # "Sen. Lloyd Bentsen (D., Texas) said": skip the brackets
        j = i - 1
        while j > 0 and not tokens[j][0].startswith("(") and i - j < 6:
            j -= 1
        if tokens[j][0].startswith("("):
            tokens, i = tokens[:j], j
    if i == 0:
        return None
    last = tokens[i - 1][0]
    if i >= 2 and tokens[i - 2][0].lower() in ("quoted", "quotes", "quoting") and last in _OBJECT_PRONOUNS:
        # "a release quoted him as saying": the person quoted speaks, not the document
        return {"kind": "pronoun", "cue": last, "start": tokens[i - 1][1], "gender": _OBJECT_PRONOUNS[last],
                "names": ()}
    if last in words["pronouns"]:
        return {"kind": "pronoun", "cue": last, "start": tokens[i - 1][1], "gender": words["pronouns"][last],
                "names": ()}
    if last == "who" and i >= 2 and tokens[i - 2][0].endswith(","):
        # "Acting Judge John M. Karns, who charged that …": the name before the relative clause
        trimmed = tokens[:i - 2] + [(tokens[i - 2][0][:-1], tokens[i - 2][1], tokens[i - 2][2] - 1)]
        found = _name_run(trimmed, len(trimmed))
        if found:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        return None
    if last in words["first_person"] or last.lower() in ("i", "we", "you", "it"):
        return None
    if last in words["titles"] and i >= 2 and tokens[i - 2][0] in ("the", "The"):
        # "The President recommended": a description, resolved with the pronouns
        return {"kind": "nominal", "head": last.lower().rstrip("."), "start": tokens[i - 2][1],
                "end": tokens[i - 1][2], "determiner": True, "names": ()}
    if last in ("and", "but"):
        if previous is not None:
            return {"kind": "coordinated", "start": tokens[i - 1][1], "previous": previous}
        return _sentence_subject(tokens)
    if last.endswith(","):
        return _cue_before_apposition(tokens[:i])
    found = _name_run(tokens, i)
    if not found:
        for j in range(i - 2, max(-1, i - 30), -1):
            if tokens[j][0].endswith(",") and tokens[j + 1][0] in ("who", "whose"):
                trimmed = tokens[:j] + [(tokens[j][0][:-1], tokens[j][1], tokens[j][2] - 1)]
                found = _name_run(trimmed, len(trimmed))
                break
    if found:
        first_index = next((n for n, t in enumerate(tokens) if t[1] == found["run"][0][1]), 0)
        if first_index >= 2 and tokens[first_index - 1][0] == "and":
            other = _name_run(tokens, first_index - 1)
            if other:
                return {"kind": "pair", "start": other["run"][0][1], "end": found["run"][-1][2],
                        "phrase_start": other["phrase_start"], "names": other["names"] + found["names"]}
        return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    return _nominal_before(tokens, i)


def _sentence_subject(tokens: list):
    """'Judge Parsons leaned over the bench and inquired': the name (or he/she) that opens the sentence speaks."""
    words = _words()
    if tokens and tokens[0][0] in words["pronouns"]:
        return {"kind": "pronoun", "cue": tokens[0][0], "start": tokens[0][1],
                "gender": words["pronouns"][tokens[0][0]], "names": ()}
    k = 0
    while k < min(len(tokens), 8):  # "Decries joblessness Mitchell decried …": a headline may come first
        if not _is_name_token(tokens[k][0]):
            k += 1
            continue
        j = k
        while j < len(tokens) and (_is_name_token(tokens[j][0]) or tokens[j][0] in _CONNECTORS):
            j += 1
        run = tokens[k:j]
        if j < len(tokens) and tokens[j][0].endswith(",") and _is_name_token(tokens[j][0][:-1]):
            # "Johnny Weissmuller, the actor, called … and muttered": the name before an apposition
            run = run + [(tokens[j][0][:-1], tokens[j][1], tokens[j][2] - 1)]
        if j < len(tokens) and (tokens[j][0][:1].islower() or len(run) > j - k):
            found = _strip_titles(run, sentence_start=(k == 0))
            if found:
                return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        k = j
    return None


def _cue_before_apposition(tokens: list):
    """'Kerry, who is in London …, said', 'Edward Egnuss, a White Plains investor, said',
    'Pierre Salinger, White House press secretary, replied': the name before the commas speaks."""
    for j in range(len(tokens) - 2, -1, -1):
        word = tokens[j][0]
        if not word.endswith(","):
            continue
        if len(tokens) - j > 30:
            break
        trimmed = tokens[:j] + [(word[:-1], tokens[j][1], tokens[j][2] - 1)]
        found = _name_run(trimmed, len(trimmed))
        if found:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        nominal = _nominal_before(trimmed, len(trimmed))
        if nominal and tokens[j + 1][0].lower() in _CLAUSE_OPENERS:
            return nominal
    return None


def _cue_after(text: str, pos: int):
    """Who speaks, read forwards from the verb ('”, said Kerry', 'says Mr. Hammond', 'complains Edward
    Egnuss, a White Plains investor', 'said one station manager', 'Says the organization's founder,
    John Cannell,'), or the source after 'according to'."""
    words = _words()
    tokens = _tokens(text[pos:pos + 160], pos)
    if not tokens:
        return None
    first = _bare(tokens[0][0])
    if first in words["pronouns"]:
        return {"kind": "pronoun", "cue": first, "start": tokens[0][1], "gender": words["pronouns"][first], "names": ()}
    k = 0
    determiner = False
    if len(tokens) >= 3 and tokens[0][0].lower() in _PARTITIVES and tokens[1][0] == "of":
        k = 2  # "said some of the members", "added one of the nurses": the group after "of" speaks
    while k < len(tokens) and tokens[k][0] in words["determiners"]:
        k, determiner = k + 1, True
    run = []
    for word, start, end in tokens[k:k + 7]:
        bare = _bare(word)
        if _is_name_token(bare) or (run and bare in _CONNECTORS):
            run.append((bare, start, start + len(bare)))
            if bare != word:
                break
        else:
            break
    found = _strip_titles(run, determiner=determiner)
    if found and not (determiner and len(found["run"]) == 1 and not found["titled"]
                      and found["run"][0][0].lower() in words["organisation"] | words["nominal"]):
        return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    # an unnamed speaker, perhaps followed by an apposition that names them
    phrase = []
    for word, start, end in tokens[k:k + 6]:
        bare = _bare(word)
        if bare in _PREPOSITIONS or bare.lower() in ("who", "that", "which"):
            break
        phrase.append((bare, start, end))
        if bare != word:
            break
    if not phrase or not _NOUN_WORD.match(phrase[-1][0]):
        return None
    head = phrase[-1][0].lower()
    after = phrase[-1][2]
    if tokens[k + len(phrase) - 1][0].endswith(","):
        rest = [t for t in tokens if t[1] >= after][:6]
        named = []
        for word, start, end in rest:
            bare = _bare(word)
            if not _is_name_token(bare):
                break
            named.append((bare, start, start + len(bare)))
            if bare != word:
                break
        found = _strip_titles(named)
        if found and len(found["run"]) >= 2:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    if head not in words["nominal"] and head not in words["organisation"] and not determiner:
        return None
    return {"kind": "nominal", "head": head, "start": phrase[0][1], "end": phrase[-1][1] + len(phrase[-1][0]),
            "determiner": determiner, "names": ()}


_BASE_BEFORE = {"they", "we", "you", "i", "will", "would", "did", "does", "do", "can", "could", "may", "might",
                "should", "must", "shall", "people", "officials", "critics", "experts", "residents", "police", "also",
                "both", "all", "often", "always", "never", "sometimes"}
_ING_BEFORE = {"as", "is", "was", "were", "are", "been", "be", "kept", "keeps", "continued", "went"}


def _follows_closing(info, pos: int) -> bool:
    """True when only a comma, ! or ? and spaces stand between a closing quotation mark and pos."""
    masked, k = info.masked, pos - 1
    while k >= 0 and (masked[k].isspace() or masked[k] in ",!?"):
        k -= 1
    return k >= 0 and masked[k] in "”\"" and _mark_role(info.text, k) != "open"


def _cues_in(info: _Paragraph) -> list:
    """Every cue verb with a speaker in one paragraph, in text order."""
    found = []
    forms = cue_verbs()
    for number, (s_start, s_end) in enumerate(info.sentences):
        verbs = info.verbs_between(s_start, s_end)
        if not verbs:
            continue
        sentence = info.masked[s_start:s_end]
        quoting = bool(QUOTATION_MARK.search(sentence)) or sentence.rstrip().endswith(":")
        previous = None
        for v_start, v_end, form in verbs:
            entry = forms.get(form)
            if entry is None or not (entry["reports"] or quoting):
                continue  # a cue verb of cue_verbs.json only counts in a sentence that quotes
            if info.masked[v_start].isupper() and re.search(r"\w", info.reporter[s_start:v_start]) \
                    and not _follows_closing(info, v_start):
                continue  # "Islamic State", "Chief Justice Warren": a capital inside a sentence is a name
            before_words = sentence[:v_start - s_start].split()
            if entry["form"] == "base" and not _follows_closing(info, v_start) \
                    and (not before_words or before_words[-1].lower() not in _BASE_BEFORE):
                continue  # "to say", "the state", "a remark": a base form is a cue only after they/we/will/did …
                # or right after a closing mark ('“…”, say the mothers')
            if entry["form"] == "ing" and (not before_words or before_words[-1].lower() not in _ING_BEFORE):
                continue
            if before_words and before_words[-1].lower() in _words()["determiners"]:
                continue  # "the rules", "his notes": a noun
            if form == "according to":
                cue = _cue_after(info.masked, v_end)
            else:
                tokens = _tokens(sentence[:v_start - s_start], s_start)
                cue = _cue_before(tokens, previous)
                sentence_first = not re.search(r"\w", info.reporter[s_start:v_start])
                if cue is None and (_follows_closing(info, v_start) or sentence_first
                                    or (before_words and before_words[-1].endswith(","))):
                    cue = _cue_after(info.masked, v_end)
            if cue is None:
                continue
            if cue["kind"] == "coordinated":
                p = cue["previous"]
                made = _Cue(info.index, number, form, v_start, v_end, p.cue, cue["start"], p.cue_kind, p.names,
                            reports=entry["reports"], gender=p.gender, head=p.head, determiner=p.determiner)
            else:
                text = cue.get("cue") or info.text[cue["start"]:cue["end"]]
                made = _Cue(info.index, number, form, v_start, v_end, text, cue["start"], cue["kind"],
                            cue.get("names", ()), phrase_start=cue.get("phrase_start"), reports=entry["reports"],
                            gender=cue.get("gender"), head=cue.get("head"), determiner=cue.get("determiner", False),
                            titled=cue.get("titled", False), first_in_sentence=cue.get("first_in_sentence", False))
            found.append(made)
            previous = made
    return found


def stage_cues(state: _State) -> None:
    """Stage 3. Tie each quote to the cue verb next to it and the words that name who speaks.

    A direct quote takes a cue right before it ('Kerry said: “…”', '… he said, “…”') or right after its
    closing mark ('“…,” Kerry said', '“…,” said Kerry'); a partial quote the last cue before it in its
    sentence, else the first after. Split quotes ('“A,” he said, “B.”') both take the cue between them.
    Reporting verbs left over, with a speaker and no quotation marks, are reported (indirect) speech."""
    by_sentence = {}
    for info in state.reading.values():
        info.cues = _cues_in(info)
        for cue in info.cues:
            by_sentence.setdefault((info.index, cue.sentence), []).append(cue)
    for quote in state.quotes:
        if quote["kind"] in NOT_SPEECH:
            continue
        span, index = quote["span"], quote["paragraph"]
        info, pos_open = state.reading[index], span.opening[1]
        in_sentence = by_sentence.get((index, quote["sentence"]), [])
        if quote["kind"] == "direct":
            leading = [c for c in in_sentence if c.verb_end <= pos_open
                       and re.fullmatch(r"\s*[,:]?\s*", info.reporter[c.verb_end:pos_open])]
            cue = leading[-1] if leading else _trailing(span, state, by_sentence)
            before = info.reporter_tail(info.sentences[quote["sentence"]][0], pos_open)
            if cue is None and before.endswith((":", ",")):
                earlier = [c for c in in_sentence if c.verb_end <= pos_open]
                cue = earlier[-1] if earlier else None
            if cue is None and quote["opens_paragraph"]:
                cue = _colon_before(state, index)
        else:
            earlier = [c for c in in_sentence if c.verb_end <= pos_open]
            later = [c for c in in_sentence if c.start >= pos_open]
            cue = earlier[-1] if earlier else (later[0] if later else None)
        if cue is not None:
            quote["cue"] = cue
            cue.used = True
    state.quotes.extend(_indirect_quotes(state, by_sentence))
    state.quotes.sort(key=lambda q: (q["pieces"][0][0], q["pieces"][0][1]))


def _colon_before(state: _State, index: int):
    """'The Mayor said:' closing the paragraph before: its cue speaks the quote that opens this one."""
    p = bisect_right(state.body_order, index) - 1
    if p <= 0:
        return None
    info = state.reading[state.body_order[p - 1]]
    if not info.cues or not info.reporter.rstrip().endswith(":"):
        return None
    last = info.cues[-1]
    return last if re.fullmatch(r"\s*:\s*", info.reporter[last.verb_end:].rstrip() + " ") or \
        info.reporter[last.verb_end:].strip() == ":" else None


def _trailing(span: Span, state: _State, by_sentence: dict):
    """A cue right after the closing mark: '”, Kerry said' / '” he added' / '”, said Kerry'."""
    if not span.closing:
        return None
    index, pos = span.closing
    info = state.reading[index]
    number = info.sentence_of(pos)
    candidates = by_sentence.get((index, number), []) + by_sentence.get((index, number + 1), [])
    for cue in candidates:
        between = info.reporter[pos + 1:cue.start].strip(" ,!?")
        if cue.start > pos and (not between or between in _words()["determiners"] or between == "as"
                                or _lowercase_title(between)):
            return cue
    return None


_TITLE_MODIFIERS = {"former", "acting", "deputy", "vice", "assistant", "associate", "then", "new", "outgoing"}


def _lowercase_title(words: str) -> bool:
    """'board chairman', 'the former mayor': one to four lower-case words, each a title, a determiner, a noun
    of a speaking group or role (speaker_cues.json) or a title's modifier, before a name that speaks."""
    lists = _words()
    allowed = ({t.lower().rstrip(".") for t in lists["titles"]} | lists["nominal"] | lists["organisation"]
               | {d.lower() for d in lists["determiners"]} | _TITLE_MODIFIERS)
    tokens = words.split()
    return 1 <= len(tokens) <= 4 and all(t.islower() and t in allowed for t in tokens)


_BEFORE_THAT = re.compile(r"\s*(?:(?:[A-Z][\w.]*|on|last|this|reporters|journalists|lawmakers|him|her|them|us|me)\s+){0,3}?that\s+")


def _indirect_quotes(state: _State, by_sentence: dict) -> list:
    """Reported speech: a reporting verb (reporting_verbs.json) with a speaker that no quote took."""
    quotes = []
    for info in state.reading.values():
        text = state.article.paragraphs[info.index].text
        for cue in info.cues:
            if cue.used or not cue.reports:
                continue
            s_start, s_end = info.sentences[cue.sentence]
            if cue.verb == "according to":
                start, end = _according_to_content(text, cue, s_start, s_end)
            else:
                same = by_sentence.get((info.index, cue.sentence), [])
                nxt = [b for b in same if b.start > cue.verb_end and b.reports]
                start, end = cue.verb_end, (nxt[0].start if nxt else s_end)
                match = _BEFORE_THAT.match(text[start:end])
                start = start + match.end() if match else start
            words = _trim_content(text[start:end])
            if len(words.split()) < 2 or re.search('[“”"]', words):
                continue
            cue.used = True
            offset = text.find(words, start)
            quotes.append({"span": None, "pieces": ((info.index, offset, offset + len(words)),), "paragraph": info.index,
                           "text": words, "kind": "indirect", "sentence": cue.sentence, "cue": cue, "speaker": None,
                           "full_name": None, "speaker_kind": None, "opens_paragraph": False, "ends_sentence": False})
    return quotes


def _according_to_content(text: str, cue: _Cue, s_start: int, s_end: int):
    cue_end = text.find(cue.cue, cue.cue_start) + len(cue.cue) if cue.cue else cue.verb_end
    before = text[s_start:cue.verb_start]
    if re.search(r"\w", before):
        return s_start, cue.verb_start
    return cue_end, s_end


def _trim_content(words: str) -> str:
    words = words.strip().lstrip(",;: ").strip()
    previous = None
    while previous != words:
        previous = words
        words = re.sub(r"(?:,?\s*\b(?:and|but|which|who)\b|[,;:!?—–-]|(?<![A-Z])\.)\s*$", "", words).strip()
    return words
