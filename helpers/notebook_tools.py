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
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["ExerciseCells", "exercise_cells", "execute_notebook", "with_solutions"]

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
    """Run a notebook top to bottom in a fresh kernel (cwd = its folder) and save it in place."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nbformat.write(nb, path)


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
