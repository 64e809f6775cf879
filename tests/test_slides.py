"""helpers.slides: slide breaks from cell heights, idempotent, metadata only."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.slides import SLIDE_HEIGHT, fit_notebook, plan_breaks


def _nb(*cells):
    nb = new_notebook(cells=list(cells))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    return nb


def _heights(nb, **by_id):
    return {c["id"]: by_id.get(c["id"], 100.0) for c in nb.cells}


def test_headings_start_slides_and_subslides():
    nb = _nb(
        new_markdown_cell("# Title"),
        new_markdown_cell("## Section"),
        new_markdown_cell("text"),
        new_markdown_cell("### Step"),
        new_code_cell("x = 1"),
    )
    kinds, heights = plan_breaks(nb, _heights(nb), padding=40)
    assert kinds == ["slide", "slide", "-", "subslide", "-"]
    assert heights == [140.0, 240.0, 240.0]


def test_a_cell_that_would_overflow_starts_a_subslide():
    nb = _nb(
        new_markdown_cell("## Section"), new_code_cell("a"), new_code_cell("b"), new_code_cell("c")
    )
    kinds, heights = plan_breaks(nb, _heights(nb, c1=400.0, c2=300.0, c3=200.0), padding=40)
    assert kinds == ["slide", "-", "subslide", "-"]
    assert max(heights) <= SLIDE_HEIGHT


def test_a_lead_in_ending_with_a_colon_goes_with_what_it_introduces():
    nb = _nb(
        new_markdown_cell("## Section"),
        new_code_cell("a"),
        new_markdown_cell("The table:"),
        new_code_cell("table"),
    )
    kinds, _ = plan_breaks(nb, _heights(nb, c1=500.0, c2=60.0, c3=300.0), padding=40)
    assert kinds == ["slide", "-", "subslide", "-"]


def test_skipped_cells_keep_their_type_and_take_no_room():
    nb = _nb(new_markdown_cell("# Title"), new_code_cell("setup"), new_markdown_cell("text"))
    nb.cells[1].metadata["slideshow"] = {"slide_type": "skip"}
    kinds, heights = plan_breaks(nb, _heights(nb, c1=5000.0), padding=40)
    assert kinds == ["slide", "skip", "-"] and heights == [240.0]


def test_fit_changes_only_slide_metadata_and_is_idempotent(tmp_path):
    nb = _nb(new_markdown_cell("# Title"), new_code_cell("x = 1"), new_markdown_cell("### Step"))
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    before = json.loads(path.read_text())
    measured = (_heights(nb), 40.0)
    first = fit_notebook(path, measured=measured)
    after = json.loads(path.read_text())
    assert first.changed > 0
    for old, new in zip(before["cells"], after["cells"], strict=True):
        assert {k: v for k, v in old.items() if k != "metadata"} == {
            k: v for k, v in new.items() if k != "metadata"
        }
    assert after["metadata"]["rise"]["width"] == 1280
    text = path.read_text()
    assert fit_notebook(path, measured=measured).changed == 0
    assert path.read_text() == text


def test_a_cell_taller_than_a_slide_is_reported(tmp_path):
    nb = _nb(new_markdown_cell("# Title"), new_code_cell("huge"))
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    report = fit_notebook(path, measured=(_heights(nb, c1=1500.0), 40.0), write=False)
    assert [index for index, *_ in report.too_tall] == [1]
    assert "1540 px on its own" in str(report)


@pytest.mark.parametrize("kind", ["slide", "subslide", "-"])
def test_breaks_do_not_depend_on_the_breaks_already_there(kind):
    nb = _nb(new_markdown_cell("# Title"), new_markdown_cell("text"), new_markdown_cell("more"))
    nb.cells[1].metadata["slideshow"] = {"slide_type": kind}
    kinds, _ = plan_breaks(nb, _heights(nb), padding=40)
    assert kinds == ["slide", "-", "-"]
