"""Tokenizer helpers for lesson 02: the hard cases, side-by-side display, and the playground widget."""

from __future__ import annotations

import re
import unicodedata

# A regular expression that makes a token of every run of letters and digits, and of every other
# single character that is not a space: words and punctuation marks, each on its own.
WORDS_AND_PUNCTUATION = r"\w+|[^\w\s]"

# The hard cases of lesson 02: what each looks like, as a regular expression over the raw text.
# Each is written to find every instance in any English news text, not just in one article.
HARD_CASES = {
    "curly apostrophe": (re.compile(r"\w+’\w+"),
                         "a word with a curly apostrophe inside it, such as a contraction or a possessive"),
    "curly quotation marks": (re.compile(r"[“”]"),
                              "an opening or closing curly double quotation mark"),
    "abbreviation with full stops": (re.compile(r"\b(?:[A-Z]\.){2,}"),
                                     "capital letters each followed by a full stop"),
    "middle initial": (re.compile(r"\b[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+"),
                       "a first name, one capital letter with a full stop, and a family name"),
    "spaced ellipsis": (re.compile(r"(?<![\w.])\.(?:\s\.){2}"),
                        "three full stops with a space of some kind between each"),
    "hyphenated word": (re.compile(r"\b\w+(?:-\w+)+"),
                        "words joined by hyphens"),
    "number": (re.compile(r"\b\d+(?:[.,]\d+)*\b"),
               "digits, perhaps with a decimal point or a thousands comma"),
}

# Characters that look like nothing (or like an ordinary space) on screen, named so they can be seen.
INVISIBLE = {
    "\u2009": "⟨thin space⟩",
    "\u00a0": "⟨no-break space⟩",
    "\u202f": "⟨narrow no-break space⟩",
    "\u200b": "⟨zero-width space⟩",
    "\t": "⟨tab⟩",
    "\n": "⟨line break⟩",
}


def find_hard_cases(text: str) -> dict:
    """{case name: the distinct matches in text, in order of first appearance}; an absent case maps to []."""
    found = {}
    for name, (pattern, _) in HARD_CASES.items():
        found[name] = list(dict.fromkeys(pattern.findall(text)))
    return found


def visible(text: str) -> str:
    """The text with thin spaces, no-break spaces, tabs and line breaks written out by name."""
    return "".join(INVISIBLE.get(character, character) for character in text)


def space_names(text: str) -> list:
    """The Unicode names of the space characters in a text, in order ("SPACE", "THIN SPACE", …)."""
    return [unicodedata.name(character, f"U+{ord(character):04X}") for character in text if character.isspace()]


def around(text: str, phrase: str, words: int = 4) -> str:
    """The first place phrase occurs in text, with up to `words` words either side, inside one paragraph."""
    at = text.find(phrase)
    if at < 0:
        return ""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(phrase))
    end = len(text) if end < 0 else end
    before = text[start:at].split(" ")
    after = text[at + len(phrase):end].split(" ")
    left = " ".join(before[-(words + 1):]) if len(before) > words else " ".join(before)
    right = " ".join(after[:words + 1]) if len(after) > words else " ".join(after)
    return (left + phrase + right).strip(" ")


# Printed lines wrap here, between tokens or words, never inside one: a notebook's output area
# breaks an over-long line wherever it runs out of room, even in the middle of a word.
WIDTH = 78


def wrap_tokens(tokens, width: int = WIDTH, indent: int = 0) -> list:
    """Tokens separated by │, as lines of at most `width` characters (a token longer than that keeps its
    own line); every line after the first starts with `indent` spaces."""
    lines, line = [], ""
    for token in (visible(token) for token in tokens):
        room = width - (indent if lines else 0)
        if line and len(line) + 3 + len(token) + 2 > room:  # room for the " │" that closes a line
            lines.append(line + " │")
            line = token
        else:
            line = f"{line} │ {token}" if line else token
    lines.append(line)
    return [lines[0]] + [" " * indent + rest for rest in lines[1:]]


def show_tokens(tokens, width: int = WIDTH) -> str:
    """Tokens separated by │ so that every boundary shows, with invisible spaces named, wrapped between tokens."""
    return "\n".join(wrap_tokens(tokens, width))


def side_by_side(text: str, tokenizers: dict, width: int = WIDTH) -> str:
    """What each tokenizer makes of the same text: its name and token count, then its tokens, wrapped
    between tokens so that no line is wider than `width`."""
    import textwrap

    lines = textwrap.wrap(f"text: {visible(text)}", width, subsequent_indent="      ",
                          break_long_words=False, break_on_hyphens=False) or ["text:"]
    for name, tokenize in tokenizers.items():
        tokens = list(tokenize(text))
        lines.append(f"{name}  {len(tokens)} tokens")
        lines += ["    " + line for line in wrap_tokens(tokens, width - 4)]
    return "\n".join(lines)


def standard_tokenizers() -> dict:
    """The four tokenizers of lesson 02, by name: str.split, a regular expression, Treebank, word_tokenize."""
    import nltk
    from nltk.tokenize import TreebankWordTokenizer

    return {
        "str.split": str.split,
        "regex": lambda text: re.findall(WORDS_AND_PUNCTUATION, text),
        "TreebankWordTokenizer": TreebankWordTokenizer().tokenize,
        "word_tokenize": nltk.word_tokenize,
    }


class Playground:
    """The tokenizer playground: a text box, a tick box per tokenizer, and their tokens side by side."""

    def __init__(self, text: str = "", tokenizers: dict | None = None):
        import ipywidgets as widgets

        self.tokenizers = tokenizers or standard_tokenizers()
        self.text = widgets.Textarea(value=text, description="Sentence:", layout=widgets.Layout(width="95%", height="5em"))
        self.ticks = {name: widgets.Checkbox(value=True, description=name, indent=False)
                      for name in self.tokenizers}
        self.button = widgets.Button(description="Tokenize", tooltip="Split the sentence with every ticked tokenizer")
        self.output = widgets.Output()
        self.last = ""  # the text of the last comparison, kept for tests and for anyone without the widget front end
        self.button.on_click(lambda _: self.compare())
        self.widget = widgets.VBox([self.text, widgets.HBox(list(self.ticks.values())), self.button, self.output])

    def compare(self) -> str:
        """Tokenize the text with every ticked tokenizer and show the results."""
        chosen = {name: tokenize for name, tokenize in self.tokenizers.items() if self.ticks[name].value}
        if not self.text.value.strip():
            self.last = "Type a sentence in the box first."
        elif not chosen:
            self.last = "Tick at least one tokenizer."
        else:
            self.last = side_by_side(self.text.value, chosen)
        self.output.clear_output()
        with self.output:
            print(self.last)
        return self.last

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def playground(text: str = "") -> Playground:
    """A tokenizer playground to type any sentence into and compare tokenizers on it."""
    board = Playground(text)
    if text:
        board.compare()
    return board
