"""The concordance search box and the dispersion-plot labels of lesson 04 (newslab/context.py)."""

import matplotlib

matplotlib.use("Agg")

import nltk
import pytest

from newslab import load_article
from newslab.context import ConcordanceSearch, concordance_search, finish_dispersion_plot

TOKENS = ["Kerry", "said", "Russia", "must", "help", ".", "Russia", "has", "refused", ".", "The", "Islamic",
          "State", "grows", ";", "islamic", "state", "militants", "fight", "."]


def test_search_ignores_case_like_text_concordance():
    search = ConcordanceSearch(TOKENS)
    lines = search.search("RUSSIA")
    assert search.total == 2 and len(lines) == 2
    assert all("Russia" in line for line in lines)
    assert search.report().startswith("2 matches for “RUSSIA” (matching ignores case):")


def test_lines_are_those_of_nltk_concordance_list():
    text = nltk.Text(TOKENS)
    search = ConcordanceSearch(text, width=40)
    assert search.search("state") == [line.line for line in text.concordance_list("state", width=40)]


def test_a_phrase_is_searched_as_a_phrase():
    search = concordance_search(TOKENS, "Islamic  State")
    assert search.word == "Islamic State"
    assert search.total == 2
    assert search.search("state islamic") == []


def test_no_match_and_empty_word_say_so():
    search = ConcordanceSearch(TOKENS)
    assert search.search("Assad") == [] and search.total == 0
    assert "No matches for “Assad”" in search.report()
    search.search("   ")
    assert search.report().startswith("Type a word")


def test_lines_are_capped_but_the_total_is_counted():
    search = ConcordanceSearch(["a", "b"] * 30, lines=5)
    assert len(search.search("a")) == 5 and search.total == 30
    assert "showing the first 5" in search.report()


def test_widget_button_and_enter_show_the_lines():
    pytest.importorskip("ipywidgets")
    search = ConcordanceSearch(TOKENS)
    box = search.widget()
    assert search.widget() is box
    search.box.value = "refused"  # what pressing Enter does with continuous_update off
    assert search.total == 1 and "refused" in search.results.value
    search.search("")
    search.box.value = "refused"  # same value: no change event, so the button must work on its own
    search.button.click()
    assert search.word == "refused" and "1 match for" in search.results.value
    assert search.box.description == "Word:" and search.button.description == "Show concordance"


def test_html_is_escaped():
    search = concordance_search(["<b>", "x"], "<b>")
    assert "<b>" not in search.report_html().replace("<pre", "").replace("<p ", "")
    assert "&lt;b&gt;" in search.report_html()


def test_on_the_post_article_syria_has_as_many_lines_as_case_folded_tokens():
    article = load_article("wapo-2015-09-19-kerry-assad")
    tokens = nltk.word_tokenize(article.body_text)
    search = concordance_search(tokens, "syria", lines=100)
    assert search.total == sum(1 for t in tokens if t.lower() == "syria") == 12


def test_finish_dispersion_plot_labels_and_describes(capsys):
    from nltk.draw.dispersion import dispersion_plot

    ax = dispersion_plot(TOKENS, ["Russia", "State"])
    finish_dispersion_plot(ax, alt_text="Two words.", title="T")
    assert ax.get_title() == "T" and ax.get_xlabel() and ax.get_ylabel() == "Word"
    assert capsys.readouterr().out.strip() == "Chart description: Two words."
    matplotlib.pyplot.close(ax.figure)
