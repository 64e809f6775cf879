"""Pytest configuration shared by the unit tests and the nbval notebook run."""

from __future__ import annotations

import os

import nbval.kernel
import nbval.plugin
import pytest

_original_execute = nbval.kernel.RunningKernel.execute_cell_input


def _execute_like_jupyter(self, cell_input, allow_stdin=None):
    """Execute a cell with history on, as JupyterLab does.

    nbval 0.11 sends cells with ``store_history=False``; IPython then cannot see the cell's trailing
    ``;`` and prints the return value that the semicolon suppresses in JupyterLab (nbval issue #194,
    IPython issue #14162). With history on, strict nbval compares exactly what a student sees.
    """
    return self.kc.execute(
        cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False
    )


assert _original_execute.__code__.co_varnames[:3] == ("self", "cell_input", "allow_stdin"), (
    "nbval changed RunningKernel.execute_cell_input; revisit conftest.py"
)
nbval.kernel.RunningKernel.execute_cell_input = _execute_like_jupyter

_original_compare = nbval.plugin.IPyNbCell.compare_outputs


def _pngs(outputs) -> list[str]:
    return [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]


def _compare_figures_too(self, test, ref, skip_compare=None):
    """Strict nbval, plus the figures: nbval 0.11 drops image/png from its comparison.

    Each PNG a cell draws now is compared with the committed one by
    :func:`helpers.notebook_tools.png_difference` (tolerant at thumbnail scale, see
    ``PNG_TOLERANCE``); ``NBVAL_PNG=off`` turns it off.
    """
    same = _original_compare(self, test, ref, skip_compare)
    if os.environ.get("NBVAL_PNG", "on").lower() in ("off", "0", "no"):
        return same
    from helpers.notebook_tools import png_difference

    committed, drawn = _pngs(ref), _pngs(test)
    problems = []
    if len(committed) != len(drawn):
        problems.append(f"{len(committed)} figure(s) committed but {len(drawn)} drawn now")
    else:
        for i, (old, new) in enumerate(zip(committed, drawn, strict=True), start=1):
            why = png_difference(old, new)
            if why is not None:
                problems.append(f"figure {i}: {why}")
    if problems:
        self.comparison_traceback = [
            *getattr(self, "comparison_traceback", []),
            "Figures differ from the committed ones (re-execute the notebook if the change is "
            "intended): " + "; ".join(problems),
        ]
        return False
    return same


assert _original_compare.__code__.co_varnames[:4] == ("self", "test", "ref", "skip_compare"), (
    "nbval changed IPyNbCell.compare_outputs; revisit conftest.py"
)
nbval.plugin.IPyNbCell.compare_outputs = _compare_figures_too


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test or docstring example opened (keeps memory flat)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
