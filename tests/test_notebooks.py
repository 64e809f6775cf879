"""Notebook conventions: every notebook is a complete, executed lesson whose exercises work.

The outputs themselves are compared by nbval (strict) when pytest collects notebooks/*.ipynb;
these tests check the lesson structure CONTRIBUTING.md describes, and run every exercise's solution through its
check in a fresh kernel.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.checks import registered
from helpers.notebook_tools import exercise_cells, with_solutions

NOTEBOOKS = sorted(
    (Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")
)
IDS = [p.name for p in NOTEBOOKS]
MACHINE_PATH = re.compile(
    r"(?<![\w.])/(root|home|tmp|work|Users|mnt|opt|var)/[\w.-]+|[A-Z]:\\\\Users"
)
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_executed_in_order_without_errors(path):
    nb = _read(path)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name}: execution counts {counts[:12]}...; restart and run all, then commit"
    )
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", (
                f"{path.name}: committed error output {out.get('ename')}"
            )
            text = json.dumps(out)
            assert not MACHINE_PATH.search(text), (
                f"{path.name}: machine path in an output: {text[:200]}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_lesson_anatomy(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# "), (
        f"{path.name}: the first cell must be a markdown title ('# ...')"
    )
    assert re.search(r"[\uac00-\ud7a3]", first.source), (
        f"{path.name}: the title cell needs the Korean section name"
    )
    text = _markdown(nb).lower()
    assert "learning objectives" in text, f"{path.name}: no 'Learning objectives' section"
    assert "key takeaways" in text, f"{path.name}: no 'Key takeaways' section"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_slide_metadata(path):
    nb = _read(path)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    missing = [i for i, k in enumerate(kinds) if k is None]
    assert not missing, f"{path.name}: cells without slideshow metadata: {missing[:10]}"
    assert set(kinds) <= SLIDE_TYPES, f"{path.name}: unknown slide types {set(kinds) - SLIDE_TYPES}"
    assert kinds[0] == "slide", f"{path.name}: the title cell must start a slide"
    for ex in exercise_cells(nb):
        if ex.solution_cell is not None:
            assert kinds[ex.solution_cell] == "skip", (
                f"{path.name}: solution of {ex.exercise_id} must be skipped in slides"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_are_registered_and_have_solutions(path):
    nb = _read(path)
    number = path.name[:2]
    found = exercise_cells(nb)
    ids = [e.exercise_id for e in found]
    minimum = 1 if number == "00" else 3
    assert len(set(ids)) >= minimum, (
        f"{path.name}: {len(set(ids))} exercises, expected at least {minimum}"
    )
    assert len(ids) == len(set(ids)), f"{path.name}: an exercise is checked twice: {ids}"
    known = registered()
    for ex in found:
        assert ex.exercise_id.startswith(number + "."), (
            f"{path.name}: exercise {ex.exercise_id} belongs elsewhere"
        )
        assert ex.exercise_id in known, f"{path.name}: check({ex.exercise_id!r}) is not registered"
        assert ex.answer_cell is not None, (
            f"{path.name}: {ex.exercise_id} has no 'answer = ...' cell before its check"
        )
        assert ex.solution is not None, (
            f"{path.name}: {ex.exercise_id} has no collapsed solution block after its check"
        )
    mine = {k for k in known if k.startswith(number + ".")}
    assert mine == set(ids), (
        f"{path.name}: registered but unused exercises: {sorted(mine - set(ids))}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_solution_passes_its_check(path):
    """Run the notebook with each solution in place of its answer; each check must say correct."""
    nb = with_solutions(_read(path))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError with the verdict when a solution fails its check
