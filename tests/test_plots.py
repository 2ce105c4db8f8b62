"""Charts: shown in a notebook as an image that carries its alt text, with the description printed beside it."""

import re

from tests.notebook_runner import ROOT, SESSION_DIR, run_notebook

import nbformat

CODE = """
import sys
sys.path.insert(0, %r)
from newslab import plots
ax = plots.bar_chart(["a", "b"], [2, 1], title="T", xlabel="x", ylabel="y", alt_text="Two bars: a 2, b 1.")
ax.axvline(1.5, color="black")   # the cell may still add to the chart after the call
"""


def test_chart_is_an_image_with_alt_text(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells.append(nbformat.v4.new_code_cell(CODE % str(ROOT)))
    path = SESSION_DIR.parent / f"{SESSION_DIR.name}-plots" / "chart.ipynb"
    path.parent.mkdir(exist_ok=True)
    nbformat.write(notebook, path)
    run = run_notebook(path, "post")
    assert not run.problems
    outputs = run.notebook.cells[0].outputs
    # Importing newslab also shows a small style (line wrapping); the chart is the one HTML output with an image.
    html_outputs = [o["data"]["text/html"] for o in outputs
                    if "data" in o and "text/html" in o["data"] and "<img" in o["data"]["text/html"]]
    assert len(html_outputs) == 1
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Two bars: a 2, b 1\."', html_outputs[0])
    assert not [o for o in outputs if "data" in o and "image/png" in o["data"]], "the chart was also shown without alt"
    assert "Chart description: Two bars: a 2, b 1." in run.outputs_text()
