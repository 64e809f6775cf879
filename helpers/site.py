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
import base64
import html
import importlib.metadata
import io
import logging
import re
import shutil
import sys
from pathlib import Path

import nbformat
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from nbconvert import HTMLExporter, SlidesExporter

from helpers.course import GLOSSARY, NOTEBOOKS

logging.getLogger("fontTools").setLevel(logging.ERROR)  # it reports every table it drops

__all__ = ["build_book", "build_slides", "external_references", "NOTEBOOK_DIR"]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
_TEMPLATES = Path(__file__).resolve().parent / "site_templates"
_NB_LINK = re.compile(r'href="(\d\d_[\w]+)\.ipynb(#[^"]*)?"')
# A src/href/url() that points at the network: what an offline page must not contain.
_EXTERNAL = re.compile(
    r"""(?:<script[^>]*\ssrc|<link[^>]*\shref|@import|url\()\s*=?\s*["'(]?\s*(?:https?:)?//""", re.I
)

_CSS = """
/* Hangul comes from the embedded NanumGothic subset (unicode-range limits it to Hangul), so Korean
   renders even where no Korean system font exists; Latin text keeps the usual fonts. */
:root {
  --jp-ui-font-family: system-ui, -apple-system, "Segoe UI", "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif;
  --jp-content-font-family: system-ui, -apple-system, "Segoe UI", "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif;
  --jp-code-font-family: "DejaVu Sans Mono", Menlo, Consolas, "WorkbookHangul", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", monospace;
  --r-main-font: system-ui, "Source Sans Pro", "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif;
  --r-heading-font: system-ui, "Source Sans Pro", "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif;
}
.reveal h1, .reveal h2, .reveal h3, .reveal h4 {
  font-family: "Source Sans Pro", Helvetica, "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif !important; }
body { font-family: "WorkbookHangul", "DejaVu Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif;
       margin: 0; color: #1a1a1a; }
.book-nav { display: flex; justify-content: space-between; gap: 1rem; padding: 0.6rem 1.2rem;
            background: #f3f6fa; border-bottom: 1px solid #d0d7de; font-size: 15px; }
.book-nav a { color: #0b5cad; text-decoration: none; } .book-nav a:hover { text-decoration: underline; }
.book-nav .disabled { color: #999; }
.widget-note { background: #fff8e6; border-left: 4px solid #E69F00; padding: 0.5rem 0.8rem; }
main.book-index { max-width: 60rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.5; }
main.book-index table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
main.book-index th, main.book-index td { border: 1px solid #d0d7de; padding: 0.4rem 0.6rem;
                                         text-align: left; vertical-align: top; }
main.book-index th { background: #f3f6fa; }
"""


def _available() -> list[tuple[int, str, str, str, str]]:
    """The notebooks of the course map that exist, in order."""
    missing = [f for _, f, *_ in NOTEBOOKS if not (NOTEBOOK_DIR / f).is_file()]
    if missing:
        print(f"note: not in notebooks/ yet, left out: {', '.join(missing)}", file=sys.stderr)
    return [row for row in NOTEBOOKS if (NOTEBOOK_DIR / row[1]).is_file()]


def _embedded_font_css(pages: list[Path]) -> str:
    """@font-face rules embedding NanumGothic, cut down to the characters the pages use.

    The font (SIL OFL) comes from the pinned koreanize-matplotlib wheel. Browsers refuse font
    files from ``file://`` URLs as cross-origin, so the subset travels inside the CSS as a data URL;
    subsetting keeps it to a few hundred kB instead of 4.6 MB.
    """
    try:
        dist = importlib.metadata.distribution("koreanize-matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return ""  # pages still work; Hangul then needs a Korean system font
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    hangul = "".join(sorted({ch for ch in text if ord(ch) > 0x2E80}))
    rules = []
    for name, weight in (("NanumGothic.ttf", "normal"), ("NanumGothicBold.ttf", "bold")):
        source = Path(str(dist.locate_file(f"koreanize_matplotlib/fonts/{name}")))
        if not source.is_file() or not hangul:
            continue
        font = TTFont(source)
        options = Options()
        # Browsers' font sanitiser rejects glyphs of this font when its hinting and device tables
        # travel along; outlines alone render everywhere.
        options.hinting = False
        options.notdef_outline = True
        options.drop_tables += ["hdmx", "VDMX", "LTSH", "kern", "gasp", "DSIG"]
        options.flavor = "woff"
        subsetter = Subsetter(options)
        subsetter.populate(text=hangul)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff"
        font.save(buffer)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "WorkbookHangul"; font-weight: {weight}; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); '
            f"unicode-range: U+1100-11FF, U+3130-318F, U+AC00-D7A3; }}"
        )
    return "\n".join(rules)


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
            n, f, english, korean, _ = rows[j]
            label = f"{n:02d} · {html.escape(english)} ({html.escape(korean)})"
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


def _index_page(rows, *, slides: bool) -> str:
    kind = "slides" if slides else "notebook pages"
    body = [
        "<h1>Personalized Marketing &amp; eCRM — 개인화 마케팅과 eCRM</h1>",
        "<p>A workbook for Chapter 6 of the course and its notes on customer segmentation: every "
        "notebook does the analysis on real (CDNOW) and generated (Hanbit Mall) data. These are the "
        f"{kind} with their committed outputs; every number is what the code produces today.</p>",
        "<h2>Notebooks · 차례</h2>",
        "<table><tr><th>#</th><th>Notebook</th><th>한국어</th><th>Course source</th></tr>",
    ]
    for n, f, english, korean, source in rows:
        body.append(
            f'<tr><td>{n:02d}</td><td><a href="{_page(f)}">{html.escape(english)}</a></td>'
            f"<td>{html.escape(korean)}</td><td>{html.escape(source)}</td></tr>"
        )
    body.append("</table>")
    if not slides:
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
    else:
        body.append(
            "<p>Keys: → / ← next and previous slide, Esc overview, S speaker notes, F full screen.</p>"
        )
    title = "Slides" if slides else "Workbook"
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f"<title>Personalized Marketing &amp; eCRM · {title}</title>"
        f'<link rel="stylesheet" href="book.css"></head><body><main class="book-index">'
        + "\n".join(body)
        + "</main></body></html>\n"
    )


def build_book(out: Path) -> list[Path]:
    """Render every notebook and the index into ``out``; return the pages written.

    Examples
    --------
    >>> pages = build_book(Path("build/site"))  # doctest: +SKIP
    >>> pages[0].name  # doctest: +SKIP
    'index.html'
    """
    rows = _available()
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(_TEMPLATES)])
    exporter.template_file = "book.html.j2"
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    pages = [out / "index.html"]
    pages[0].write_text(_index_page(rows, slides=False), encoding="utf-8")
    for i, (_, file, *_rest) in enumerate(rows):
        nb = _mark_widgets(nbformat.read(NOTEBOOK_DIR / file, as_version=4))
        body, _ = exporter.from_notebook_node(
            nb, resources={"nav_html": _nav(rows, i), "metadata": {"name": file[:-6]}}
        )
        body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
        page = out / _page(file)
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    (out / "book.css").write_text(_embedded_font_css(pages) + _CSS, encoding="utf-8")
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


def build_slides(out: Path) -> list[Path]:
    """Render every notebook as an offline reveal.js deck into ``out``; return the pages written."""
    rows = _available()
    out.mkdir(parents=True, exist_ok=True)
    reveal = _reveal_dir()
    target = out / "reveal.js"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(reveal / "dist", target / "dist")
    shutil.copytree(reveal / "plugin" / "notes", target / "plugin" / "notes")
    exporter = SlidesExporter(
        extra_template_paths=[str(_TEMPLATES)],
        reveal_url_prefix="reveal.js",
        reveal_theme="white",
        reveal_scroll=True,
        reveal_number="c/t",
    )
    exporter.template_file = "slides.html.j2"
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    pages = [out / "index.html"]
    pages[0].write_text(_index_page(rows, slides=True), encoding="utf-8")
    for _, file, *_rest in rows:
        nb = _mark_widgets(nbformat.read(NOTEBOOK_DIR / file, as_version=4))
        body, _ = exporter.from_notebook_node(
            nb,
            resources={"metadata": {"name": file[:-6]}},
        )
        body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
        page = out / _page(file)
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    (out / "book.css").write_text(_embedded_font_css(pages) + _CSS, encoding="utf-8")
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
