"""Pytest configuration shared by the unit tests and the nbval notebook run."""

from __future__ import annotations

import nbval.kernel
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


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test or docstring example opened (keeps memory flat)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
