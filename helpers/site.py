"""The offline HTML book and reveal.js slides, built from the committed notebooks.

The book (``make site``) has an index page (the notebook map in English and Korean, and the
glossary) and one page per notebook with its committed outputs, previous / contents / next links,
links between notebooks rewritten to pages, and figures embedded. The slides (``make slides``)
are one reveal.js deck per notebook, with reveal.js copied beside them from the pinned
``sphinx-revealjs`` wheel. Neither loads anything from the network, so both open from the file
system on a machine without internet.

Examples
--------
::

    python -m helpers.site build/site            # then open build/site/index.html
    python -m helpers.site --slides build/slides # then open build/slides/index.html
"""

from __future__ import annotations

import argparse
import copy
import html
import importlib.metadata
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter

from helpers.course import GLOSSARY, NOTEBOOKS, title
from helpers.fonts import HANGUL_FAMILY, SYMBOL_FAMILY, font_face_css

__all__ = ["build_book", "build_slides", "external_references", "NOTEBOOK_DIR"]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
_TEMPLATES = Path(__file__).resolve().parent / "site_templates"
_NB_LINK = re.compile(r'href="(\d\d_[\w]+)\.ipynb(#[^"]*)?"')
# A src/href/url() that points at the network: what an offline page must not contain.
_EXTERNAL = re.compile(
    r"""(?:<script[^>]*\ssrc|<link[^>]*\shref|@import|url\()\s*=?\s*["'(]?\s*(?:https?:)?//""", re.I
)

_SANS = (
    f'"{HANGUL_FAMILY}", "{SYMBOL_FAMILY}", "Source Sans Pro", system-ui, -apple-system, "Segoe UI", '
    '"DejaVu Sans", Arial, sans-serif'
)
_MONO = f'"DejaVu Sans Mono", Menlo, Consolas, "{HANGUL_FAMILY}", "{SYMBOL_FAMILY}", monospace'
# Hangul comes from the embedded NanumGothic subset and symbols from DejaVu Sans (unicode-range
# limits each to its characters), so Korean renders where no Korean system font exists. Hangul
# wraps between words, never inside one (keep-all), and code wraps instead of running off the edge.
_COMMON_CSS = f"""
:root {{
  --jp-ui-font-family: {_SANS}; --jp-content-font-family: {_SANS}; --jp-code-font-family: {_MONO};
  --r-main-font: {_SANS}; --r-heading-font: {_SANS}; --r-code-font: {_MONO};
}}
body {{ font-family: {_SANS}; margin: 0; color: #1a1a1a; word-break: keep-all;
       overflow-wrap: break-word; }}
pre, code, .jp-InputArea pre, .jp-OutputArea pre {{ white-space: pre-wrap; overflow-wrap: anywhere;
       word-break: normal; }}
.jp-RenderedHTMLCommon table {{ max-width: 100%; }}
.jp-RenderedHTMLCommon table tr, .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {{
       text-align: left !important; vertical-align: top; }}
.jp-RenderedHTMLCommon tbody th {{ white-space: nowrap; }}
.jp-RenderedHTMLCommon td {{ max-width: 36rem; }}
.jp-OutputArea-output {{ overflow-x: auto; }}
.widget-note {{ background: #fff8e6; border-left: 4px solid #E69F00; padding: 0.5rem 0.8rem; }}
"""
_BOOK_CSS = """
body.jp-Notebook > main, main.book-index { max-width: 60rem; margin: 0 auto; padding: 0 1.2rem; }
body.jp-Notebook > main { padding-top: 1rem; padding-bottom: 1rem; }
.jp-RenderedHTMLCommon, main.book-index { line-height: 1.55; }
.jp-RenderedImage img, .jp-RenderedMarkdown img { max-width: 100%; height: auto; }
.book-nav { display: flex; justify-content: space-between; gap: 1rem; padding: 0.6rem 1.2rem;
            background: #f3f6fa; border-bottom: 1px solid #d0d7de; font-size: 15px; }
.book-nav a { color: #0b5cad; text-decoration: none; } .book-nav a:hover { text-decoration: underline; }
.book-nav .disabled { color: #999; }
main.book-index { margin-top: 2rem; margin-bottom: 2rem; }
main.book-index table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
main.book-index th, main.book-index td { border: 1px solid #d0d7de; padding: 0.4rem 0.6rem;
                                         text-align: left; vertical-align: top; }
main.book-index th { background: #f3f6fa; }
"""
# The slide canvas is 1280×800 (reveal scales it to the screen); these sizes are what
# helpers.slides measures when it fits the slide breaks, and what tests/test_browser.py checks.
_SLIDES_CSS = """
:root { --jp-code-font-size: 15px; }
.reveal { font-size: 20px; }
.reveal div.jp-OutputArea-output > pre, .reveal div.highlight > pre { font-size: 15px; width: 100%; }
.reveal .slides { text-align: left; }
.reveal .slides section { box-sizing: border-box; padding: 16px 28px 24px; }
.reveal h1, .reveal h2, .reveal h3, .reveal h4 { text-transform: none; letter-spacing: 0;
    line-height: 1.2; margin: 0 0 0.35em; word-break: keep-all; }
.reveal h1 { font-size: 40px; } .reveal h2 { font-size: 32px; }
.reveal h3 { font-size: 26px; } .reveal h4 { font-size: 22px; }
.reveal p, .reveal li { font-size: 20px; line-height: 1.35; }
.reveal p { margin: 0.3em 0; }
.reveal ul, .reveal ol { display: block; margin-left: 1.2em; }
.reveal pre { box-shadow: none; width: 100%; margin: 0; font-size: 15px; line-height: 1.3; }
.reveal code { font-size: 0.9em; }
.reveal .jp-InputArea pre, .reveal .jp-OutputArea pre { font-size: 15px; line-height: 1.3; }
.reveal table { font-size: 16px; margin: 0.2em 0; }
.reveal table th, .reveal table td { padding: 2px 8px; border-bottom: 1px solid #ddd; }
.reveal .jp-RenderedImage img { max-height: 600px; max-width: 100%; width: auto; height: auto;
    margin: 0; }
.reveal .jp-Cell { padding: 2px 0; }
.reveal .jp-RenderedMarkdown details { font-size: 18px; }
.reveal details.code-fold > summary { font-size: 15px; color: #555; cursor: pointer; }
.reveal p.continued { font-size: 16px; color: #555; margin: 0 0 0.3em; }
"""


def _available() -> list[tuple[int, str, str, str, str]]:
    """The notebooks of the course map that exist, in order."""
    missing = [f for _, f, *_ in NOTEBOOKS if not (NOTEBOOK_DIR / f).is_file()]
    if missing:
        print(f"note: not in notebooks/ yet, left out: {', '.join(missing)}", file=sys.stderr)
    return [row for row in NOTEBOOKS if (NOTEBOOK_DIR / row[1]).is_file()]


def _embedded_font_css(pages: list[Path]) -> str:
    """@font-face rules embedding NanumGothic and DejaVu Sans, cut to the characters the pages use.

    The fonts come from the pinned koreanize-matplotlib and matplotlib wheels. Browsers refuse font
    files from ``file://`` URLs as cross-origin, so each subset travels inside the CSS as a data URL;
    subsetting keeps it to a few hundred kB instead of 4.6 MB.
    """
    return font_face_css("".join(p.read_text(encoding="utf-8") for p in pages))


_WIDGET = "application/vnd.jupyter.widget-view+json"
_WIDGET_NOTE = (
    '<p class="widget-note">▶ An interactive what-if stands here: open the notebook in JupyterLab '
    "and run it to move the sliders. The static table beside it shows the same scenarios.</p>"
)


def _mark_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace each widget output (blank without a kernel) with a note saying what stands there."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if _WIDGET in output.get("data", {}):
                output["data"] = {"text/html": _WIDGET_NOTE}
    return nb


def _page(file: str) -> str:
    return file.replace(".ipynb", ".html")


def _nav(rows, i: int) -> str:
    def link(j: int, arrow: str) -> str:
        if 0 <= j < len(rows):
            n, f = rows[j][0], rows[j][1]
            label = html.escape(title(n))
            return (
                f'<a href="{_page(f)}">{arrow} {label}</a>'
                if arrow == "←"
                else (f'<a href="{_page(f)}">{label} {arrow}</a>')
            )
        return '<span class="disabled"></span>'

    return (
        f'<nav class="book-nav">{link(i - 1, "←")}'
        f'<a href="index.html">Contents · 차례</a>{link(i + 1, "→")}</nav>'
    )


def external_references(text: str) -> list[str]:
    """Every script, stylesheet, import or url() in ``text`` that would load from the network.

    Examples
    --------
    >>> external_references('<script src="https://cdn.example/x.js"></script>')
    ['<script src="https://']
    """
    return [m.group(0) for m in _EXTERNAL.finditer(text)]


_KEYS = (
    "<p><b>Keys:</b> → / ← (or Space / Shift+Space) go through every slide in order, the "
    "subslides of a section included; Esc shows an overview of all slides; S opens speaker "
    "notes; F full screen. The counter at the bottom right is slide / total.</p>"
)
_NOTES_PAGE = "instructor_notes.html"
_NOTES_SOURCE = Path(__file__).resolve().parent.parent / "docs" / "instructor_notes.md"


def _index_page(rows, *, slides: bool) -> str:
    kind = "slides" if slides else "notebook pages"
    body = [
        "<h1>Personalized Marketing &amp; eCRM — 개인화 마케팅과 eCRM</h1>",
        "<p>A workbook for Chapter 6 of the course and its notes on customer segmentation: every "
        "notebook does the analysis on real (CDNOW) and generated (Hanbit Mall) data. These are the "
        f"{kind} with their committed outputs; every number is what the code produces today.</p>",
    ]
    if slides:
        body.append(
            "<p>Two decks per notebook: the <b>lecture</b> deck shows the prose, figures, tables "
            "and the <i>Try it</i> questions without code; the <b>lab</b> deck shows the code "
            "too, for a session where students type along.</p>" + _KEYS
        )
    body += [
        "<h2>Notebooks · 차례</h2>",
        "<table><tr><th>#</th><th>Notebook</th><th>한국어</th><th>Course source</th>"
        + ("<th>Decks</th>" if slides else "")
        + "</tr>",
    ]
    for n, f, english, korean, source in rows:
        decks = (
            f'<td><a href="{_page(f)}">lecture</a> · <a href="code/{_page(f)}">lab (with code)</a></td>'
            if slides
            else ""
        )
        body.append(
            f'<tr><td>{n:02d}</td><td><a href="{_page(f)}">{html.escape(english)}</a></td>'
            f"<td>{html.escape(korean)}</td><td>{html.escape(source)}</td>{decks}</tr>"
        )
    body.append("</table>")
    if not slides:
        if _NOTES_SOURCE.is_file():
            body.append(
                f'<p><a href="{_NOTES_PAGE}">Instructor notes · 강의 계획</a>: a plan for a '
                "60–90-minute class per notebook.</p>"
            )
        body += [
            "<h2>Glossary · 용어집</h2>",
            "<table><tr><th>한국어</th><th>English</th><th>Notebook</th><th>Meaning</th></tr>",
        ]
        for korean, english, n, meaning in sorted(GLOSSARY, key=lambda t: (t[2], t[1])):
            body.append(
                f"<tr><td>{html.escape(korean)}</td><td>{html.escape(english)}</td>"
                f"<td>{n:02d}</td><td>{html.escape(meaning)}</td></tr>"
            )
        body.append("</table>")
    title = "Slides" if slides else "Workbook"
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f"<title>Personalized Marketing &amp; eCRM · {title}</title>"
        f'<link rel="stylesheet" href="book.css"></head><body><main class="book-index">'
        + "\n".join(body)
        + "</main></body></html>\n"
    )


def _read(row) -> nbformat.NotebookNode:
    """A notebook as the book and slides show it: titled from the course map, widgets noted."""
    n, file = row[0], row[1]
    nb = _mark_widgets(nbformat.read(NOTEBOOK_DIR / file, as_version=4))
    nb.metadata["title"] = title(n)
    return nb


def _link_pages(body: str) -> str:
    return _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)


def _book_exporter() -> HTMLExporter:
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(_TEMPLATES)])
    exporter.template_file = "book.html.j2"
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    return exporter


def _notes_page(exporter: HTMLExporter) -> str:
    """docs/instructor_notes.md as a book page (one markdown cell, the book's look)."""
    text = _NOTES_SOURCE.read_text(encoding="utf-8")
    text = re.sub(r"\(\.\./notebooks/(\d\d_\w+)\.ipynb", r"(\1.ipynb", text)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    nb.metadata["title"] = "Instructor notes · 강의 계획"
    nav = (
        '<nav class="book-nav"><span class="disabled"></span>'
        '<a href="index.html">Contents · 차례</a><span class="disabled"></span></nav>'
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"nav_html": nav, "metadata": {"name": "instructor_notes"}}
    )
    return _link_pages(body)


def build_book(out: Path) -> list[Path]:
    """Render every notebook, the index and the instructor notes into ``out``; return the pages.

    Examples
    --------
    >>> pages = build_book(Path("build/site"))  # doctest: +SKIP
    >>> pages[0].name  # doctest: +SKIP
    'index.html'
    """
    rows = _available()
    out.mkdir(parents=True, exist_ok=True)
    exporter = _book_exporter()
    pages = [out / "index.html"]
    pages[0].write_text(_index_page(rows, slides=False), encoding="utf-8")
    for i, row in enumerate(rows):
        body, _ = exporter.from_notebook_node(
            _read(row), resources={"nav_html": _nav(rows, i), "metadata": {"name": row[1][:-6]}}
        )
        page = out / _page(row[1])
        page.write_text(_link_pages(body), encoding="utf-8")
        pages.append(page)
    if _NOTES_SOURCE.is_file():
        page = out / _NOTES_PAGE
        page.write_text(_notes_page(exporter), encoding="utf-8")
        pages.append(page)
    css = _embedded_font_css(pages) + _COMMON_CSS + _BOOK_CSS
    (out / "book.css").write_text(css, encoding="utf-8")
    return pages


def _reveal_dir() -> Path:
    try:
        dist = importlib.metadata.distribution("sphinx-revealjs")
    except importlib.metadata.PackageNotFoundError:
        raise FileNotFoundError(
            "reveal.js travels inside the pinned package 'sphinx-revealjs'; run "
            "'pip install -r requirements.txt'"
        ) from None
    path = Path(str(dist.locate_file("sphinx_revealjs/_static/revealjs")))
    if not (path / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(f"no reveal.js in the installed sphinx-revealjs ({path})")
    return path


def _slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-") or "-"


_CHECK_CELL = re.compile(r"\s*check\(")


def lecture_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The lecture view of ``nb``: code hidden; code cells without output, and exercise check cells,
    dropped.

    A slide break carried by a dropped cell moves to the next cell shown, so no slide is empty.
    Since a lecture slide shows a part of its lab slide, it fits wherever the lab slide fits.

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell
    >>> nb = new_notebook(cells=[new_markdown_cell("# T"), new_code_cell("x = 1"),
    ...                          new_markdown_cell("text")])
    >>> nb.cells[1].metadata["slideshow"] = {"slide_type": "subslide"}
    >>> [c.metadata.get("slideshow") for c in lecture_notebook(nb).cells]
    [None, {'slide_type': 'subslide'}]
    """
    nb = copy.deepcopy(nb)
    rank = {"slide": 2, "subslide": 1}
    cells, carry = [], None
    for cell in nb.cells:
        kind = _slide_type(cell)
        if kind in ("skip", "notes"):
            cells.append(cell)
            continue
        if cell.cell_type == "code":
            # an exercise's check cell only says "not attempted yet" in the committed notebook
            if not cell.get("outputs") or _CHECK_CELL.match(cell.source):
                if rank.get(kind, 0) > rank.get(carry, 0):
                    carry = kind
                continue
            cell.metadata["transient"] = {"remove_source": True}
        if carry and rank.get(carry, 0) > rank.get(kind, 0):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = carry
        carry = None
        cells.append(cell)
    nb.cells = cells
    return nb


def slides_exporter(asset_prefix: str = "") -> SlidesExporter:
    """The reveal.js exporter of the decks; assets (reveal.js, book.css) under ``asset_prefix``."""
    exporter = SlidesExporter(
        extra_template_paths=[str(_TEMPLATES)],
        reveal_url_prefix=f"{asset_prefix}reveal.js",
        reveal_theme="white",
        reveal_number="c/t",
        reveal_width="1280",
        reveal_height="800",
    )
    exporter.template_file = "slides.html.j2"
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    return exporter


def render_deck(
    nb: nbformat.NotebookNode,
    name: str,
    *,
    lecture: bool,
    asset_prefix: str = "",
    autofit: bool = True,
) -> str:
    """One notebook as a reveal.js page (lecture view without code, or lab view with code).

    ``autofit`` adds the deck's last resort for a cell taller than a slide (fold its code,
    continue a long table on the next slide, scale the rest); helpers.slides measures without it.
    """
    nb = lecture_notebook(nb) if lecture else nb
    resources = {"metadata": {"name": name}, "asset_prefix": asset_prefix, "autofit": autofit}
    body, _ = slides_exporter(asset_prefix).from_notebook_node(nb, resources=resources)
    return _link_pages(body)


def build_slides(out: Path) -> list[Path]:
    """Render every notebook as two offline reveal.js decks into ``out``; return the pages written.

    ``out/NN_*.html`` is the lecture deck (no code), ``out/code/NN_*.html`` the lab deck.
    """
    rows = _available()
    out.mkdir(parents=True, exist_ok=True)
    (out / "code").mkdir(exist_ok=True)
    reveal = _reveal_dir()
    target = out / "reveal.js"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(reveal / "dist", target / "dist")
    shutil.copytree(reveal / "plugin" / "notes", target / "plugin" / "notes")
    pages = [out / "index.html"]
    pages[0].write_text(_index_page(rows, slides=True), encoding="utf-8")
    for row in rows:
        nb, name = _read(row), row[1][:-6]
        for lecture, folder, prefix in ((True, out, ""), (False, out / "code", "../")):
            page = folder / _page(row[1])
            page.write_text(
                render_deck(nb, name, lecture=lecture, asset_prefix=prefix), encoding="utf-8"
            )
            pages.append(page)
    css = _embedded_font_css(pages) + _COMMON_CSS + _SLIDES_CSS
    (out / "book.css").write_text(css, encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.site", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path, help="output folder, e.g. build/site")
    parser.add_argument(
        "--slides", action="store_true", help="build reveal.js slides instead of the book"
    )
    args = parser.parse_args(argv)
    pages = build_slides(args.out) if args.slides else build_book(args.out)
    bad = {
        p.name: refs for p in pages if (refs := external_references(p.read_text(encoding="utf-8")))
    }
    if bad:
        print(f"pages that would load from the network: {bad}", file=sys.stderr)
        return 1
    print(f"wrote {len(pages)} pages to {args.out}/ (open {args.out}/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
