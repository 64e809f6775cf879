"""Figures are checked too: the PNG comparison of the nbval hook, and byte-stable execution.

Strict nbval skips PNGs; ``conftest.py`` adds a tolerant comparison of every figure a notebook
cell draws with the committed one (:func:`helpers.notebook_tools.png_difference`). These tests
show that the comparison ignores rasterisation noise but catches a changed figure, that the hook
makes strict nbval fail on a tampered figure, and that ``make execute`` leaves a notebook file
byte-identical when nothing changed.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from helpers.notebook_tools import execute_notebook, png_difference

ROOT = Path(__file__).resolve().parent.parent


def _png(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.clip(a, 0, 255).astype("uint8")).save(buf, "PNG")
    return buf.getvalue()


def _chart(bar_height: int = 100, shift: int = 0, size: tuple[int, int] = (300, 450)) -> np.ndarray:
    img = np.full(size, 255.0)
    img[250 - bar_height : 250, 100 + shift : 140 + shift] = 60.0  # a bar
    img[20:30, 50:250] = 0.0  # a title-like line of "text"
    return img


def test_identical_figures_are_the_same():
    assert png_difference(_png(_chart()), _png(_chart())) is None


def test_rasterisation_noise_is_tolerated():
    rng = np.random.default_rng(0)
    noisy = _chart()
    noisy[18:32, 48:252] += rng.normal(0, 40, size=(14, 204))  # anti-aliasing of the "text"
    noisy[150:154, 99:101] = 128  # a few edge pixels of the bar
    assert png_difference(_png(_chart()), _png(noisy)) is None
    assert (
        png_difference(_png(_chart()), _png(_chart(size=(301, 451)))) is None
    )  # 1 px of tight bbox


@pytest.mark.parametrize(
    "changed, words",
    [
        (_chart(bar_height=80), "the figure changed"),  # a bar 20 % lower
        (_chart(shift=30), "the figure changed"),  # a bar in another place
        (_chart(size=(300, 480)), "size changed"),  # a wider figure (e.g. a longer label)
        (np.full((300, 450), 255.0), "the figure changed"),  # an empty figure
    ],
)
def test_a_changed_figure_is_caught(changed, words):
    why = png_difference(_png(_chart()), _png(changed))
    assert why is not None and words in why


def test_tolerance_can_be_loosened_for_other_fonts(monkeypatch):
    slightly = _chart(bar_height=96)
    assert png_difference(_png(_chart()), _png(slightly), scale=1.0) is not None
    monkeypatch.setenv("NBVAL_PNG_TOLERANCE", "10")
    assert png_difference(_png(_chart()), _png(slightly)) is None


FIGURE_CELL = (
    "import matplotlib\nmatplotlib.use('module://matplotlib_inline.backend_inline')\n"
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(3, 2))\n"
    "ax.bar(['a', 'b'], [3, 5]);"
)


def _notebook_with_figure(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(FIGURE_CELL)]
    nbformat.write(nb, path)
    execute_notebook(path)


def test_strict_nbval_fails_on_a_tampered_figure(tmp_path):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    _notebook_with_figure(good)
    nb = nbformat.read(good, as_version=4)
    outputs = [o for o in nb.cells[0].outputs if "image/png" in o.get("data", {})]
    assert outputs, "the figure cell drew no PNG"
    img = np.asarray(
        Image.open(io.BytesIO(base64.b64decode(outputs[0]["data"]["image/png"]))).convert("RGB")
    ).copy()
    img[: img.shape[0] // 2] = 255  # wipe the top half of the committed figure
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG")
    outputs[0]["data"]["image/png"] = base64.b64encode(buf.getvalue()).decode()
    nbformat.write(nb, bad)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "conftest",
            "--nbval",
            "--nbval-current-env",
            "-o",
            "addopts=",
            str(good),
            str(bad),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    out = run.stdout + run.stderr
    assert "1 failed, 1 passed" in out, out[-3000:]
    assert "Figures differ from the committed ones" in out, out[-3000:]


def test_execute_leaves_the_file_byte_stable(tmp_path):
    path = tmp_path / "stable.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell("import ipywidgets as w\nw.IntSlider(value=3, description='k')"),
        nbformat.v4.new_code_cell("print(6 * 7)"),
    ]
    nbformat.write(nb, path)
    execute_notebook(path)
    first = path.read_bytes()
    execute_notebook(path)
    assert path.read_bytes() == first, "re-executing an unchanged notebook changed the file"
    text = first.decode()
    assert '"execution"' not in text and "iopub" not in text  # no timestamps
    assert (
        "application/vnd.jupyter.widget-view+json" in text
    )  # the widget is there, with stable ids
