"""Rate first, then compare: the learner labels the tone of paragraphs before VADER's scores are shown."""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import config

LABELS = ("negative", "neutral", "positive")
# The cut-offs the VADER authors suggest for reading a compound score as a label
# (C. J. Hutto, vaderSentiment README, "About the scoring": github.com/cjhutto/vaderSentiment).
THRESHOLD = 0.05


def label(compound: float, threshold: float = THRESHOLD) -> str:
    """VADER's usual reading of a compound score: positive at or above +0.05, negative at or below -0.05."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


@dataclass(frozen=True)
class Unit:
    """One thing to rate: an id such as "p3" (block 3 of the file), a label to show, and its text."""

    id: str
    label: str
    text: str


def paragraph_units(article, first=None) -> list:
    """The article's body paragraphs as units ("p<block number>"), the first `first` of them or all."""
    body = article.body if first is None else article.body[:first]
    return [Unit(f"p{p.index}", f"Paragraph {p.index}", p.text) for p in body]


def lexicon_words(text: str) -> list:
    """(word, valence) for each token of a text that is in VADER's lexicon, in text order."""
    from nltk import word_tokenize

    from .tone import analyzer
    lexicon = analyzer().lexicon
    return [(t, lexicon[t.lower()]) for t in word_tokenize(text, preserve_line=True) if t.lower() in lexicon]


class RatingSheet:
    """Rate paragraphs as negative, neutral or positive; then compare with VADER's mean sentence scores.

    VADER's scores stay hidden until the learner presses Compare. Ratings are saved after every change in
    NEWSLAB_HOME/tone/<article id>.json and come back when the sheet is made again.
    """

    def __init__(self, article, first=6, scores=None, home=None):
        self.article = article
        self.units = paragraph_units(article, first)
        if scores is None:
            from .tone import paragraph_scores
            scores = {f"p{row['paragraph']}": row["compound"] for row in paragraph_scores(article, kinds=("body",))}
        self.scores = scores
        self.path = Path(home or config.newslab_home()) / "tone" / f"{article.id}.json"
        self.save_problem = None  # the last message when the ratings could not be saved
        self.ratings = self._load()
        self.result = None  # the last comparison, as plain Python
        self._widget = None

    # ------------------------------------------------------------ ratings
    def _load(self) -> dict:
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        ids = {u.id for u in self.units}
        return {k: v for k, v in saved.items() if k in ids and v in LABELS} if isinstance(saved, dict) else {}

    def _save(self) -> None:
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}
            if not isinstance(saved, dict):
                saved = {}
        except (OSError, ValueError):
            saved = {}
        for unit in self.units:  # this sheet's units as rated now; other units' ratings stay as saved
            saved.pop(unit.id, None)
        saved.update(self.ratings)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                json.dump(saved, f, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
            self.save_problem = None
        except OSError as error:
            self.save_problem = (f"Your ratings could not be saved in {self.path.parent} ({error.strerror}); "
                                 "they stay here until the kernel restarts.")

    def rate(self, unit_id: str, value) -> None:
        """Rate one unit ("p3") as "negative", "neutral" or "positive" (None clears it); saved at once."""
        if unit_id not in {u.id for u in self.units}:
            raise KeyError(f"No unit {unit_id!r} on this sheet: its units are {', '.join(u.id for u in self.units)}.")
        if value is not None and value not in LABELS:
            raise ValueError(f"Rate with one of {', '.join(LABELS)}, not {value!r}.")
        if value is None:
            self.ratings.pop(unit_id, None)
        else:
            self.ratings[unit_id] = value
        self._save()
        if self._widget is not None:
            toggle = self._toggles[unit_id]
            if toggle.value != value:
                toggle.value = value
            self._show_note()

    # ------------------------------------------------------------ comparison
    def compare(self) -> dict:
        """Compare the rated units with VADER: {"rated", "agree", "rows": [{"unit", "you", "vader", "compound", "agree"}]}."""
        rows = []
        for unit in self.units:
            if unit.id not in self.ratings or unit.id not in self.scores:
                continue
            compound = self.scores[unit.id]
            vader = label(compound)
            rows.append({"unit": unit.id, "you": self.ratings[unit.id], "vader": vader, "compound": compound,
                         "agree": vader == self.ratings[unit.id]})
        self.result = {"rated": len(rows), "agree": sum(r["agree"] for r in rows), "rows": rows}
        if self._widget is not None:
            self._result_box.value = self._result_html()
        return self.result

    def _result_html(self) -> str:
        if not self.result or not self.result["rated"]:
            return "<p><strong>Note.</strong> Rate at least one paragraph first; VADER's scores appear after that.</p>"
        texts = {u.id: u for u in self.units}
        lines = ["<table style='border-collapse:collapse'><thead><tr>"
                 + "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>"
                           for h in ("Paragraph", "You", "VADER (mean compound)", "Same?", "Words VADER scored"))
                 + "</tr></thead><tbody>"]
        for row in self.result["rows"]:
            same = "✓ same" if row["agree"] else "✗ differs"
            words = ", ".join(f"{html.escape(w)} ({v:+.1f})" for w, v in lexicon_words(texts[row["unit"]].text)) or "none"
            lines.append(f"<tr><td style='padding:2px 8px'>{html.escape(texts[row['unit']].label)}</td>"
                         f"<td style='padding:2px 8px'>{row['you']}</td>"
                         f"<td style='padding:2px 8px'>{row['vader']} ({row['compound']:+.2f})</td>"
                         f"<td style='padding:2px 8px'>{same}</td><td style='padding:2px 8px'>{words}</td></tr>")
        lines.append("</tbody></table>")
        summary = (f"<p>You and VADER give the same label to <strong>{self.result['agree']} of "
                   f"{self.result['rated']}</strong> paragraphs you rated. Where you differ, look at the words VADER "
                   "scored: are they what made you choose your label?</p>")
        return summary + "".join(lines)

    # ------------------------------------------------------------ widget
    def widget(self):
        """The sheet: each paragraph with three buttons, a Compare button, and the comparison under it."""
        if self._widget is None:
            self._build()
        return self._widget

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget())

    def _build(self):
        import ipywidgets as w
        self._toggles = {}
        rows = [w.HTML("<p><em>Read each paragraph and choose how it presents the situation: as bad news "
                       "(negative), good news (positive) or neither (neutral). VADER's scores stay hidden until "
                       "you press Compare.</em></p>")]
        for unit in self.units:
            toggle = w.ToggleButtons(options=list(LABELS), value=self.ratings.get(unit.id),
                                     description="Your rating", style={"description_width": "initial"},
                                     tooltips=[f"Rate {unit.label} {name}" for name in LABELS])
            toggle.add_class("newslab-tone-rating")
            toggle.observe(lambda change, uid=unit.id: self._changed(uid, change["new"]), names="value")
            self._toggles[unit.id] = toggle
            rows.append(w.VBox([w.HTML(f"<p><strong>{html.escape(unit.label)}.</strong> {html.escape(unit.text)}</p>"),
                                toggle], layout=w.Layout(border="1px solid #ddd", padding="4px 8px", margin="4px 0")))
        self._compare_button = w.Button(description="Compare with VADER", tooltip="Show VADER's scores next to yours",
                                        layout=w.Layout(width="auto"))
        self._compare_button.style.button_color = config.PALETTE["sky blue"]
        self._compare_button.on_click(lambda _: self.compare())
        self._note_box = w.HTML("")
        self._result_box = w.HTML("")
        rows += [self._compare_button, self._note_box, self._result_box]
        if self.ratings:  # ratings saved earlier came back (building the sheet never writes)
            from .exercises.base import restored_html
            try:
                from datetime import datetime
                stamp = datetime.fromtimestamp(self.path.stat().st_mtime).astimezone().isoformat()
            except OSError:
                stamp = ""
            restored = w.HTML(restored_html(stamp, "Press Compare with VADER to see the comparison again."))
            restored.add_class("newslab-restored")
            rows.insert(1, restored)
        self._widget = w.VBox(rows)
        self._widget.add_class("newslab-tone-sheet")
        self._show_note()

    def _changed(self, unit_id, value):
        if self.ratings.get(unit_id) != value:
            self.rate(unit_id, value)

    def _show_note(self):
        rated = sum(1 for u in self.units if u.id in self.ratings)
        text = f"You have rated {rated} of {len(self.units)} paragraphs."
        if self.save_problem:
            text += f" <strong>Note.</strong> {html.escape(self.save_problem)}"
        self._note_box.value = f"<p>{text}</p>"
