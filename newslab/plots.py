"""Readable charts: labelled axes, a title, the colour-blind-safe palette, and a sentence of alt text."""

from __future__ import annotations

import base64
import html
import io

from . import config

# Figures waiting to be shown at the end of the cell that drew them (so the cell may still add to them).
_PENDING: list = []


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def describe(alt_text: str) -> None:
    """Print a chart's text description, for screen readers and for anyone who cannot see it."""
    print(f"Chart description: {alt_text}")


def image_html(figure, alt_text: str) -> str:
    """The figure as an HTML image element that carries its alt text (JupyterLab shows PNG output without one)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text, quote=True)}" '
            'style="max-width: 100%">')


def _kernel_shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if shell is not None and getattr(shell, "kernel", None) is not None else None


def _show_pending() -> None:
    """Show each waiting figure as an image with alt text, then close it so it is not shown twice."""
    plt = _pyplot()
    from IPython.display import HTML, display

    while _PENDING:
        figure, alt_text = _PENDING.pop(0)
        if plt.fignum_exists(figure.number):
            display(HTML(image_html(figure, alt_text)))
            plt.close(figure)


def finish(figure, alt_text: str) -> None:
    """Print the description; in a notebook, show the figure with its alt text when the cell ends."""
    describe(alt_text)
    shell = _kernel_shell()
    if shell is None:
        return
    _PENDING.append((figure, alt_text))
    callbacks = shell.events.callbacks["post_execute"]
    if _show_pending not in callbacks:
        callbacks.insert(0, _show_pending)  # before matplotlib's own display of open figures


def bar_chart(labels, values, *, title: str, xlabel: str, ylabel: str, alt_text: str, horizontal: bool = True,
              colour: str = config.PALETTE["blue"]):
    """A bar chart of labelled values (largest first when horizontal); prints its description and returns the Axes."""
    plt = _pyplot()
    labels, values = list(labels), list(values)
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(labels) + 1)) if horizontal else (8, 4))
    if horizontal:
        ax.barh(labels[::-1], values[::-1], color=colour)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    else:
        ax.bar(labels, values, color=colour)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(title)
    fig.tight_layout()
    finish(fig, alt_text)
    return ax


def grouped_bar_chart(groups, series: dict, *, title: str, xlabel: str, ylabel: str, alt_text: str):
    """Bars for several series side by side per group, each series in its own palette colour, with a legend."""
    plt = _pyplot()
    groups = list(groups)
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(1, len(series))
    for number, (name, values) in enumerate(series.items()):
        positions = [i + number * width for i in range(len(groups))]
        ax.bar(positions, list(values), width=width, label=name,
               color=config.PLOT_COLOURS[number % len(config.PLOT_COLOURS)])
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(groups))], groups, rotation=30, ha="right")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    finish(fig, alt_text)
    return ax


def heatmap(matrix, row_labels, column_labels, *, title: str, alt_text: str, colourbar_label: str = "count"):
    """A heat map with its numbers written in each cell (so colour is never the only cue)."""
    plt = _pyplot()
    # Room for the cells, the colour bar and the longest label (one actor with a long name needs it most).
    longest = max((len(str(label)) for label in [*row_labels, *column_labels]), default=0)
    fig, ax = plt.subplots(figsize=(2.5 + 0.6 * len(column_labels) + 0.08 * longest,
                                    2 + 0.5 * len(row_labels) + 0.06 * longest))
    image = ax.imshow(matrix, cmap="cividis")
    ax.set_xticks(range(len(column_labels)), column_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(row_labels)), row_labels)
    top = max((max(row) for row in matrix), default=0) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, f"{value:g}", ha="center", va="center", color="white" if value < top / 2 else "black")
    fig.colorbar(image, ax=ax, label=colourbar_label)
    ax.set_title(title)
    fig.tight_layout()
    finish(fig, alt_text)
    return ax


def interval_chart(labels, values, lows, highs, *, title: str, xlabel: str, ylabel: str, alt_text: str,
                   lines: dict | None = None):
    """One point per label with its interval drawn as an error bar (not as separate bars); labels with no
    value are left out. lines: {label: y} for dashed reference lines (e.g. {".667 tentative": .667})."""
    plt = _pyplot()
    shown = [(label, v, lo, hi) for label, v, lo, hi in zip(labels, values, lows, highs) if v is not None]
    fig, ax = plt.subplots(figsize=(8, 4))
    positions = list(range(len(shown)))
    centres = [v for _, v, _, _ in shown]
    below = [v - lo if lo is not None else 0 for _, v, lo, _ in shown]
    above = [hi - v if hi is not None else 0 for _, v, _, hi in shown]
    ax.errorbar(positions, centres, yerr=[below, above], fmt="o", capsize=6, color=config.PALETTE["blue"],
                label="value with its interval")
    styles = ["--", ":", "-."]
    for number, (name, y) in enumerate((lines or {}).items()):
        ax.axhline(y, linestyle=styles[number % len(styles)], color="black", linewidth=1, label=name)
    ax.set_xticks(positions, [label for label, _, _, _ in shown], rotation=30, ha="right")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize="small")
    fig.tight_layout()
    finish(fig, alt_text)
    return ax
