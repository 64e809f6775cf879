"""Fit every slide of a notebook to a 1280×800 projector by setting its slide breaks.

``python -m helpers.slides fit notebooks/*.ipynb`` renders each notebook as the workbook's lab deck
(code shown, the tallest variant) in headless Chromium, measures the height of every cell, and then
rewrites only the cells' ``slideshow.slide_type`` (and the notebook's ``rise`` settings):

- the title and every ``#``/``##`` heading start a slide, every ``###`` heading a subslide;
- within a section the cells are packed in order, and a new subslide starts where the next cell
  would push the slide past 800 px; a markdown lead-in ending with ':' goes along with what it
  introduces;
- ``skip`` and ``notes`` cells (setup, solutions) stay as the author set them; a ``fragment``
  stays a fragment where no break is needed.

The result depends only on the cells' content, never on the breaks already there, so running it
twice changes nothing (idempotent), and outputs and sources are never touched (strict nbval compares
outputs only). A cell that is taller than a slide on its own cannot be fixed by breaks: it is
reported, and the notebook should show less in that cell (or split it). Without Chromium the heights
come from a calibrated estimate (``--estimate``), which is coarser.

``python -m helpers.slides check notebooks/*.ipynb`` reports what ``fit`` would change and exits 1
if anything would.

Examples
--------
::

    python -m helpers.slides fit notebooks/*.ipynb      # rewrite slide metadata in place
    python -m helpers.slides check notebooks/02_rfm_analysis.ipynb
"""

from __future__ import annotations

import argparse
import copy
import re
import struct
import sys
import tempfile
from base64 import b64decode
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = [
    "SLIDE_WIDTH",
    "SLIDE_HEIGHT",
    "RISE_SETTINGS",
    "FitReport",
    "fit_notebook",
    "measure_heights",
    "estimate_heights",
    "plan_breaks",
]

SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 800
# Room kept free under the packed cells: rounding, a scrollbar-free margin, slide-number badge.
SAFETY = 24
# RISE (jupyterlab-rise) settings: the same 1280×800 canvas as the static decks, scaled to the
# screen; scroll stays on as a safety net for a cell that is taller than a slide on its own.
RISE_SETTINGS = {
    "width": SLIDE_WIDTH,
    "height": SLIDE_HEIGHT,
    "margin": 0.03,
    "minScale": 0.2,
    "center": False,
    "scroll": True,
    "enable_chalkboard": False,
    "transition": "none",
}
_HIDDEN = ("skip", "notes")
_MEASURE_JS = r"""
(() => {
  Reveal.configure({transition: 'none'});
  const section = Reveal.getCurrentSlide();
  section.style.height = 'auto';
  const style = getComputedStyle(section);
  const cells = [...section.querySelectorAll(':scope > .jp-Cell, :scope .jp-Cell')]
      .filter(c => c.parentElement.closest('.jp-Cell') === null);
  const tops = cells.map(c => c.getBoundingClientRect().top);
  const scale = Reveal.getScale();
  const bottom = cells.length ? cells[cells.length - 1].getBoundingClientRect().bottom : 0;
  const heights = cells.map((c, i) => ((i + 1 < cells.length ? tops[i + 1] : bottom) - tops[i]) / scale);
  return {ids: cells.map(c => c.id.replace('cell-id=', '')), heights: heights,
          padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)};
})()
"""


@dataclass
class FitReport:
    """What ``fit_notebook`` did to one notebook."""

    path: Path
    changed: int = 0
    slides: int = 0
    tallest: float = 0.0
    too_tall: list[tuple[int, float, str]] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.path.name}: {self.slides} slides, tallest {self.tallest:.0f} px, "
            f"{self.changed} cell(s) changed"
        )
        for index, height, head in self.too_tall:
            text += f"\n  cell {index} is {height:.0f} px on its own (> {SLIDE_HEIGHT}): {head}"
        return text


def _kind(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-") or "-"


def _heading_level(cell) -> int:
    if cell.cell_type != "markdown":
        return 0
    match = re.match(r"\s*(#{1,6})\s", cell.source)
    return len(match.group(1)) if match else 0


def _measure_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with every visible cell on the first slide, so one page shows them all in order."""
    nb = copy.deepcopy(nb)
    first = True
    for cell in nb.cells:
        if _kind(cell) in _HIDDEN:
            continue
        cell.metadata["slideshow"] = {"slide_type": "slide" if first else "-"}
        first = False
    return nb


def measure_heights(notebooks: list[nbformat.NotebookNode]) -> list[tuple[dict[str, float], float]]:
    """Each visible cell's height (px on the 1280×800 slide, by cell id) and the slide padding.

    The notebooks are rendered as the workbook's lab deck (helpers.site) and measured in headless
    Chromium, with the same CSS, fonts and canvas as ``make slides``.
    """
    from helpers import site
    from helpers.browser import Browser

    results = []
    with tempfile.TemporaryDirectory(prefix="workbook-fit-") as tmp:
        out = Path(tmp)
        (out / "reveal.js").symlink_to(site._reveal_dir(), target_is_directory=True)
        pages = []
        for i, nb in enumerate(notebooks):
            page = out / f"measure_{i}.html"
            page.write_text(
                site.render_deck(
                    site._mark_widgets(_measure_notebook(nb)),
                    page.stem,
                    lecture=False,
                    autofit=False,
                ),
                encoding="utf-8",
            )
            pages.append(page)
        css = site._embedded_font_css(pages) + site._COMMON_CSS + site._SLIDES_CSS
        (out / "book.css").write_text(css, encoding="utf-8")
        with Browser(SLIDE_WIDTH, SLIDE_HEIGHT) as browser:
            for page in pages:
                browser.goto(page.as_uri())
                browser.evaluate(
                    "(async () => { while (!window.slidesFitted) "
                    "await new Promise(r => setTimeout(r, 20)); return true; })()"
                )
                found = browser.evaluate(_MEASURE_JS)
                heights = dict(zip(found["ids"], found["heights"], strict=True))
                results.append((heights, found["padding"]))
    return results


def _png_size(data: str) -> tuple[int, int]:
    raw = b64decode(data[:64])
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def estimate_heights(nb: nbformat.NotebookNode) -> tuple[dict[str, float], float]:
    """A coarse, browser-free estimate of each visible cell's slide height (calibrated on the
    measured decks; errs on the tall side)."""
    text_width = SLIDE_WIDTH - 56
    heights = {}
    for cell in nb.cells:
        if _kind(cell) in _HIDDEN:
            continue
        h = 6.0
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                level = _heading_level(nbformat.v4.new_markdown_cell(line))
                if level:
                    h += {1: 56, 2: 46, 3: 40}.get(level, 34) * (1 + len(line) // 60)
                elif line.lstrip().startswith("|"):
                    h += 28
                elif line.strip():
                    h += 27 * (1 + len(line) // (text_width // 10))
                else:
                    h += 8
        elif cell.cell_type == "code":
            lines = cell.source.splitlines() or [""]
            h += 22 + 19.5 * sum(1 + len(line) // (text_width // 9) for line in lines)
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/png" in data:
                    w, ih = _png_size(data["image/png"])
                    scale = min(1.0, text_width / w, 600 / ih)
                    h += ih * scale + 10
                elif "text/html" in data:
                    html = "".join(data["text/html"])
                    h += 30 + 27 * html.count("<tr")
                elif output.get("output_type") == "stream" or "text/plain" in data:
                    text = output.get("text") or "".join(data.get("text/plain", ""))
                    h += 12 + 19.5 * sum(1 + len(t) // (text_width // 9) for t in text.splitlines())
        heights[cell.get("id", "")] = h * 1.1
    return heights, 40.0


def plan_breaks(
    nb: nbformat.NotebookNode, heights: dict[str, float], padding: float
) -> tuple[list[str], list[float]]:
    """The slide type of every cell and the height of every slide, from the cells' heights."""
    budget = SLIDE_HEIGHT - padding - SAFETY
    kinds, slide_heights = [], []
    current: list[int] = []  # visible cell indices on the slide being filled
    height = 0.0
    for i, cell in enumerate(nb.cells):
        kind = _kind(cell)
        if kind in _HIDDEN:
            kinds.append(kind)
            continue
        h = heights.get(cell.get("id", ""), 0.0)
        level = _heading_level(cell)
        if not current:
            new = "slide"
        elif level in (1, 2):
            new = "slide"
        elif level == 3:
            new = "subslide"
        elif height + h > budget:
            new = "subslide"
            last = current[-1]
            lead_in = nb.cells[last]
            if (
                len(current) > 1
                and lead_in.cell_type == "markdown"
                and lead_in.source.rstrip().endswith(":")
                and _heading_level(lead_in) == 0
                and heights.get(lead_in.get("id", ""), 0.0) + h <= budget
            ):
                # the lead-in moves to the new slide with what it introduces
                kinds[last] = "subslide"
                moved = heights.get(lead_in.get("id", ""), 0.0)
                slide_heights.append(height - moved + padding)
                current, height = [last, i], moved + h
                kinds.append("-")
                continue
        else:
            new = "fragment" if kind == "fragment" else "-"
        if new in ("slide", "subslide"):
            if current:
                slide_heights.append(height + padding)
            current, height = [i], h
        else:
            current.append(i)
            height += h
        kinds.append(new)
    if current:
        slide_heights.append(height + padding)
    return kinds, slide_heights


def fit_notebook(
    path: Path, *, write: bool = True, measured: tuple[dict[str, float], float] | None = None
) -> FitReport:
    """Set the slide breaks and RISE settings of the notebook at ``path``; report what changed.

    ``measured`` is (heights by cell id, slide padding), from ``measure_heights`` or
    ``estimate_heights``; only metadata changes, and the file is written only if something did.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    heights, padding = measured if measured is not None else estimate_heights(nb)
    kinds, slide_heights = plan_breaks(nb, heights, padding)
    report = FitReport(path, slides=len(slide_heights), tallest=max(slide_heights, default=0.0))
    for i, (cell, kind) in enumerate(zip(nb.cells, kinds, strict=True)):
        if _kind(cell) != kind or "slideshow" not in cell.metadata:
            cell.metadata["slideshow"] = {"slide_type": kind}
            report.changed += 1
        h = heights.get(cell.get("id", ""), 0.0)
        if kind not in _HIDDEN and h + padding > SLIDE_HEIGHT:
            head = re.sub(r"\s+", " ", cell.source)[:60]
            report.too_tall.append((i, h + padding, head))
    rise = {**nb.metadata.get("rise", {}), **RISE_SETTINGS}
    if nb.metadata.get("rise") != rise:
        nb.metadata["rise"] = rise
        report.changed += 1
    if write and report.changed:
        nbformat.write(nb, path)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.slides", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=["fit", "check"])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument(
        "--estimate", action="store_true", help="estimate heights instead of measuring in Chromium"
    )
    args = parser.parse_args(argv)
    from helpers.browser import find_chromium

    notebooks = [nbformat.read(p, as_version=4) for p in args.notebooks]
    if args.estimate or find_chromium() is None:
        if not args.estimate:
            print("note: no Chromium found; using the coarser estimate", file=sys.stderr)
        measured = [estimate_heights(nb) for nb in notebooks]
    else:
        measured = measure_heights(notebooks)
    changed = too_tall = 0
    for path, m in zip(args.notebooks, measured, strict=True):
        report = fit_notebook(path, write=args.command == "fit", measured=m)
        print(report)
        changed += report.changed
        too_tall += len(report.too_tall)
    if args.command == "check" and changed:
        print(f"{changed} cell(s) would change: run python -m helpers.slides fit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
