"""Lesson 04's scaffolding: a concordance search box for any word, and labels for a dispersion plot."""

from __future__ import annotations

import html

from . import config
from . import plots


def _as_text(text_or_tokens):
    """An nltk.Text, made from a list of tokens when needed."""
    import nltk

    return text_or_tokens if isinstance(text_or_tokens, nltk.Text) else nltk.Text(list(text_or_tokens))


class ConcordanceSearch:
    """A text box and a button that show Text.concordance-style lines (KWIC) for any word or phrase.

    The lines come from nltk.Text.concordance_list, so matching ignores case just as
    Text.concordance does. A phrase of several words ("islamic state") is searched as a phrase.
    The last search is kept as plain Python in `word`, `total` and `lines`.
    """

    def __init__(self, text_or_tokens, width: int = 79, lines: int = 25):
        self.text = _as_text(text_or_tokens)
        self.width = width
        self.max_lines = lines
        self.word = ""
        self.total = 0
        self.lines = []
        self._widget = None

    def search(self, word: str) -> list:
        """The concordance lines (strings) for a word or a phrase; also shown in the widget if built."""
        self.word = " ".join(str(word).split())
        if not self.word:
            self.total, self.lines = 0, []
        else:
            query = self.word.split(" ") if " " in self.word else self.word
            found = self.text.concordance_list(query, width=self.width, lines=len(self.text))
            self.total = len(found)
            self.lines = [line.line for line in found[: self.max_lines]]
        if self._widget is not None:
            self.results.value = self.report_html()
        return self.lines

    def report(self) -> str:
        """The last search as plain text: a summary line, then one concordance line per match."""
        if not self.word:
            return "Type a word (or a phrase of several words) and press Enter or the button."
        if not self.total:
            return f"No matches for “{self.word}” in this text (matching ignores case)."
        shown = f", showing the first {len(self.lines)}" if len(self.lines) < self.total else ""
        summary = f"{self.total} match{'es' if self.total != 1 else ''} for “{self.word}” (matching ignores case){shown}:"
        return "\n".join([summary, *self.lines])

    def report_html(self) -> str:
        summary, *lines = self.report().split("\n")
        block = ""
        if lines:
            block = ('<pre style="font-family:monospace;white-space:pre;overflow-x:auto;margin:4px 0">'
                     + html.escape("\n".join(lines)) + "</pre>")
        return f'<div role="status" aria-live="polite"><p style="margin:4px 0">{html.escape(summary)}</p>{block}</div>'

    def widget(self):
        """The search box, its button and the results, built once."""
        if self._widget is None:
            import ipywidgets as w

            self.box = w.Text(value=self.word, description="Word:", placeholder="e.g. said, or a phrase",
                              continuous_update=False, layout=w.Layout(width="22em"))
            self.box.add_class("newslab-concordance-word")
            self.button = w.Button(description="Show concordance", tooltip="Show every line that has this word",
                                   layout=w.Layout(width="auto"))
            self.button.style.button_color = config.PALETTE["sky blue"]
            self.button.add_class("newslab-concordance-search")
            self.results = w.HTML(self.report_html(), layout=w.Layout(width="100%"))
            self.results.add_class("newslab-concordance-lines")
            self.button.on_click(lambda _: self.search(self.box.value))
            # With continuous_update off, the value changes when the learner presses Enter or leaves the box.
            self.box.observe(lambda change: self.search(change["new"]), names="value")
            self._widget = w.VBox([w.HBox([self.box, self.button]), self.results])
            self._widget.add_class("newslab-concordance")
        return self._widget

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget())


def concordance_search(text_or_tokens, word: str = "", width: int = 79, lines: int = 25) -> ConcordanceSearch:
    """A concordance search box for a text (an nltk.Text or a list of tokens), optionally with a first word."""
    search = ConcordanceSearch(text_or_tokens, width=width, lines=lines)
    if word:
        search.search(word)
    return search


def finish_dispersion_plot(ax, *, alt_text: str, title: str = "Where the words occur in the story",
                           xlabel: str = "Position in the body text (token number)", ylabel: str = "Word"):
    """Give NLTK's dispersion plot a title, axis labels and the course palette; print its description."""
    for number, line in enumerate(ax.lines):
        line.set_color(config.PLOT_COLOURS[number % len(config.PLOT_COLOURS)])
        line.set_markersize(14)
    for label in ax.get_yticklabels():
        label.set_color(config.PALETTE["black"])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.tight_layout()
    plots.finish(ax.figure, alt_text)
    return ax
