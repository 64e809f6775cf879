"""Maintainer tools for the notebooks: execute in place, and read the exercise structure.

The exercise pattern every notebook follows (and ``tests/test_notebooks.py`` enforces):

1. a markdown cell announcing ``Try it NN.k``;
2. a code cell containing the line ``answer = ...``;
3. a code cell calling ``check("NN.k", answer)``;
4. a markdown cell with ``<details><summary>Solution</summary>`` and one fenced ``python`` block
   whose code, run in place of the answer cell, makes the check pass.

Examples
--------
Re-execute one notebook top to bottom in a fresh kernel, outputs saved in place::

    python -m helpers.notebook_tools execute notebooks/02_rfm_analysis.ipynb
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import re
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = [
    "ExerciseCells",
    "PNG_TOLERANCE",
    "exercise_cells",
    "execute_notebook",
    "png_difference",
    "stabilize",
    "with_solutions",
]

CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']\s*,\s*answer\s*\)""")
ANSWER_LINE = re.compile(r"^answer\s*=\s*\.\.\.\s*(#.*)?$", re.MULTILINE)
SOLUTION_BLOCK = re.compile(
    r"<details>\s*<summary>\s*Solution.*?</summary>.*?```python\n(.*?)```.*?</details>",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class ExerciseCells:
    """Where one exercise lives in a notebook (cell indices) and its solution code."""

    exercise_id: str
    answer_cell: int | None
    check_cell: int
    solution_cell: int | None
    solution: str | None


def exercise_cells(nb: nbformat.NotebookNode) -> list[ExerciseCells]:
    """Find every ``check("NN.k", answer)`` call and its answer and solution cells.

    Examples
    --------
    >>> nb = nbformat.read("notebooks/00_start_here.ipynb", as_version=4)  # doctest: +SKIP
    >>> [e.exercise_id for e in exercise_cells(nb)]  # doctest: +SKIP
    ['00.1']
    """
    found = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        for match in CHECK_CALL.finditer(cell.source):
            answer = next((j for j in range(i - 1, -1, -1) if cells[j].cell_type == "code"), None)
            if answer is not None and not ANSWER_LINE.search(cells[answer].source):
                answer = None
            sol_idx, sol_code = None, None
            for j in range(i + 1, min(i + 3, len(cells))):
                if cells[j].cell_type == "markdown":
                    block = SOLUTION_BLOCK.search(cells[j].source)
                    if block:
                        sol_idx, sol_code = j, block.group(1)
                    break
            found.append(ExerciseCells(match.group(1), answer, i, sol_idx, sol_code))
    return found


def with_solutions(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook whose answer cells hold the solutions and whose check cells assert.

    Raises
    ------
    ValueError
        If an exercise lacks its answer cell or its solution block.
    """
    out = nbformat.from_dict(nb)
    for ex in exercise_cells(nb):
        if ex.answer_cell is None or ex.solution is None:
            raise ValueError(
                f"exercise {ex.exercise_id} lacks an 'answer = ...' cell or a solution block"
            )
        out.cells[ex.answer_cell].source = ex.solution
        out.cells[ex.check_cell].source = (
            "from helpers.checks import verify as _verify\n"
            f"_verdict = _verify({ex.exercise_id!r}, answer)\n"
            "assert _verdict.correct, str(_verdict)\n"
        )
    return out


def execute_notebook(path: Path, *, timeout: int = 900) -> None:
    """Run a notebook top to bottom in a fresh kernel (cwd = its folder) and save it in place.

    The saved file is byte-stable when nothing changed: no execution timestamps are recorded and
    widget model ids are renumbered deterministically (see :func:`stabilize`).
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)  # timestamps of an earlier run
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nb = stabilize(nb, path.name)
    nbformat.write(nb, path)


_MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside IPY_MODEL_<id>


def stabilize(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The notebook with nothing that changes between identical runs: no execution timestamps,
    and widget model ids (random uuids) replaced by ids derived from ``name`` and their order.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
    ...     "state": {"0" * 31 + "a": {"state": {"children": ["IPY_MODEL_" + "0" * 31 + "a"]}}}}}
    >>> out = stabilize(nb, "demo.ipynb")
    >>> list(out.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"])
    ['e5056721022659a3adbbc40f46f2c6d7']
    """
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    ids = list(state.get("state", {}))  # in the order the kernel created the widgets
    text = json.dumps(nb, ensure_ascii=False)
    for found in _MODEL_ID.findall(text):  # ids only seen in outputs (widgets not in the state)
        if found not in ids and f'"model_id": "{found}"' in text:
            ids.append(found)
    if not ids:
        return nb
    mapping = {old: uuid.uuid5(uuid.NAMESPACE_URL, f"{name}#{i}").hex for i, old in enumerate(ids)}
    text = _MODEL_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
    return nbformat.from_dict(json.loads(text))


# ---------------------------------------------------------------------------------------------
# Figures: strict nbval skips PNGs, so the conftest compares them with this (tolerantly)

PNG_TOLERANCE = {"size_px": 2, "thumb_width": 96, "max_cell": 0.35, "mean": 0.006}
"""How far a re-drawn PNG may differ from the committed one and still count as the same figure.

The figures are compared at thumbnail scale (grayscale, about 96 px wide, each cell the mean of a
block of pixels): anti-aliasing and glyph rasterisation differences between FreeType versions or
BLAS kernels (the report saw 4 pixels move) vanish there, while a changed bar, line, point or
label changes whole cells. A figure fails when its size differs by more than ``size_px`` pixels,
when any thumbnail cell differs by more than ``max_cell`` (0–1 grey levels) or when the mean
difference exceeds ``mean``. ``NBVAL_PNG=off`` skips the comparison (e.g. on a machine with other
fonts); ``NBVAL_PNG_TOLERANCE=2`` multiplies the thresholds."""


def _png_array(data: str | bytes):
    import numpy as np
    from PIL import Image

    raw = base64.b64decode(data) if isinstance(data, str) else data
    with Image.open(io.BytesIO(raw)) as image:
        return np.asarray(image.convert("L"), dtype="float64") / 255.0


def _thumbnail(img, width: int):
    import numpy as np

    block = max(1, img.shape[1] // width)
    h, w = (img.shape[0] // block) * block, (img.shape[1] // block) * block
    cropped = img[:h, :w]
    return (
        cropped.reshape(h // block, block, w // block, block).mean(axis=(1, 3))
        if block > 1
        else np.asarray(cropped)
    )


def png_difference(
    committed: str | bytes, drawn: str | bytes, *, scale: float | None = None
) -> str | None:
    """None when two PNGs (base64 text as in a notebook, or bytes) show the same figure; else why not.

    Examples
    --------
    >>> import numpy as np
    >>> from PIL import Image
    >>> def png(a):
    ...     buf = io.BytesIO(); Image.fromarray(a.astype("uint8")).save(buf, "PNG"); return buf.getvalue()
    >>> img = np.full((200, 300), 255); img[50:150, 100:120] = 0
    >>> png_difference(png(img), png(img)) is None
    True
    >>> moved = np.full((200, 300), 255); moved[50:150, 160:180] = 0
    >>> png_difference(png(img), png(moved)).startswith("the figure changed")
    True
    """
    import numpy as np

    factor = float(os.environ.get("NBVAL_PNG_TOLERANCE", "1")) if scale is None else scale
    a, b = _png_array(committed), _png_array(drawn)
    if (
        max(abs(a.shape[0] - b.shape[0]), abs(a.shape[1] - b.shape[1]))
        > PNG_TOLERANCE["size_px"] * factor
    ):
        return f"the figure's size changed from {a.shape[1]}×{a.shape[0]} to {b.shape[1]}×{b.shape[0]} pixels"
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    ta = _thumbnail(a[:h, :w], PNG_TOLERANCE["thumb_width"])
    tb = _thumbnail(b[:h, :w], PNG_TOLERANCE["thumb_width"])
    diff = np.abs(ta - tb)
    worst, mean = float(diff.max()), float(diff.mean())
    if worst > PNG_TOLERANCE["max_cell"] * factor or mean > PNG_TOLERANCE["mean"] * factor:
        y, x = np.unravel_index(int(diff.argmax()), diff.shape)
        return (
            f"the figure changed: largest local difference {worst:.2f} near "
            f"({100 * x / diff.shape[1]:.0f}% across, {100 * y / diff.shape[0]:.0f}% down), mean {mean:.4f}"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.notebook_tools")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="execute notebooks in place, top to bottom")
    run.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if not path.is_file():
            parser.error(f"no notebook at {path}")
        print(f"executing {path} ...", flush=True)
        execute_notebook(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
