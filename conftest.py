"""Pytest configuration shared by the unit tests and the nbval notebook run."""

from __future__ import annotations

import os
import time
from pathlib import Path

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


def _build_once(root: Path, build) -> None:
    """Run ``build(root)`` once per test run, even when several xdist workers ask at the same time.

    A lock file made with O_EXCL (portable, no extra package) lets one worker build while the others
    wait; the marker file says the build finished.
    """
    done = root / ".built"
    root.mkdir(parents=True, exist_ok=True)
    lock = root / ".lock"
    while not done.exists():
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            time.sleep(0.5)
            continue
        try:
            if not done.exists():
                build(root)
                done.touch()
        finally:
            os.close(fd)
            os.remove(lock)


@pytest.fixture(scope="session")
def built_editions(tmp_path_factory) -> dict[str, Path]:
    """The offline book and slides of both editions, built once for the whole run and shared by
    tests/test_site.py and tests/test_browser.py (which xdist may run on different workers)."""
    from helpers.site import build_book, build_slides

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    root = base.parent / f"editions-{run}" if run else base / "editions"
    _build_once(root, lambda r: (build_book(r / "site"), build_slides(r / "slides")))
    return {"site": root / "site", "slides": root / "slides"}
