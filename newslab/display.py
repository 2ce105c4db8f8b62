"""How printed output reads in JupyterLab: long lines wrap between words, never inside a word."""

from __future__ import annotations

# JupyterLab's output area sets `word-break: break-all` on printed text, so a line longer than the
# window is cut wherever it runs out of room, in the middle of a word ("negotiat" / "e"). This rule,
# shown once when a notebook imports newslab, wraps at spaces instead; only a word longer than the
# whole line is still broken.
WRAP_BETWEEN_WORDS = (".jp-OutputArea-output pre, .jp-RenderedText pre "
                      "{word-break: normal !important; overflow-wrap: break-word !important; "
                      "white-space: pre-wrap !important;}")


def style_html() -> str:
    """The <style> element that makes printed lines wrap between words."""
    return f'<style class="newslab-wrap">{WRAP_BETWEEN_WORDS}</style>'


def wrap_between_words() -> bool:
    """In a notebook, add the wrapping rule to the page (once per kernel); elsewhere do nothing."""
    global _shown
    if _shown:
        return False
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not getattr(shell, "kernel", None):
        return False
    display(HTML(style_html()))
    _shown = True
    return True


_shown = False
