"""The offline HTML book and reveal.js slides, built from the committed notebooks.

The book (``make site``) has an index page (the notebook map in English and Korean, and the
glossary) and one page per notebook with its committed outputs, previous / contents / next links,
links between notebooks rewritten to pages, and figures embedded. The slides (``make slides``)
are one reveal.js deck per notebook, with reveal.js copied beside them from the pinned
``sphinx-revealjs`` wheel. Neither loads anything from the network, so both open from the file
system on a machine without internet.

Both come in two editions: English at the top of the output folder and the Korean edition
(한국어판, built from ``notebooks/ko/``) in its ``ko/`` subfolder. Every page and deck carries a
switch to the same page in the other language.

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

from helpers.course import GLOSSARY, MEANING_KO, NOTEBOOKS, source_ko, title
from helpers.fonts import HANGUL_FAMILY, SYMBOL_FAMILY, font_face_css

__all__ = ["build_book", "build_slides", "external_references", "NOTEBOOK_DIR", "EDITIONS"]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
# Each edition: the folder its notebooks come from, and the subfolder of the output it goes to.
EDITIONS = {"en": (NOTEBOOK_DIR, ""), "ko": (NOTEBOOK_DIR / "ko", "ko/")}
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
.lang-switch {{ font-weight: 600; }}
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
a.lang-switch { position: fixed; top: 8px; right: 14px; z-index: 40; font-size: 15px;
    color: #0b5cad; background: rgba(255, 255, 255, 0.85); padding: 2px 8px; border-radius: 4px;
    text-decoration: none; }
"""


def _available(lang: str = "en") -> list[tuple[int, str, str, str, str]]:
    """The notebooks of the course map that exist in an edition, in order."""
    folder = EDITIONS[lang][0]
    missing = [f for _, f, *_ in NOTEBOOKS if not (folder / f).is_file()]
    if missing and lang == "en":
        print(f"note: not in notebooks/ yet, left out: {', '.join(missing)}", file=sys.stderr)
    return [row for row in NOTEBOOKS if (folder / row[1]).is_file()]


def _other(lang: str) -> str:
    return "ko" if lang == "en" else "en"


def _switch_href(lang: str, page: str, *, depth: int = 0) -> str | None:
    """The relative link from a page of edition ``lang`` to the same page in the other edition.

    ``depth`` is how many folders the page sits below its edition's root (1 for a lab deck).
    None when the other edition has no such notebook.

    Examples
    --------
    >>> _switch_href("en", "index.html")
    'ko/index.html'
    >>> _switch_href("ko", "00_start_here.html", depth=1)  # a lab deck, in ko/code/
    '../../code/00_start_here.html'
    """
    other = _other(lang)
    if page.endswith(".html") and page != "index.html":
        if not (EDITIONS[other][0] / page.replace(".html", ".ipynb")).is_file():
            return None
    up = "../" * (depth + (1 if lang == "ko" else 0))
    return f"{up}{EDITIONS[other][1]}{'code/' * depth}{page}"


_SWITCH_LABEL = {"en": "한국어", "ko": "English"}


def _embedded_font_css(pages: list[Path]) -> str:
    """@font-face rules embedding NanumGothic and DejaVu Sans, cut to the characters the pages use.

    The fonts come from the pinned koreanize-matplotlib and matplotlib wheels. Browsers refuse font
    files from ``file://`` URLs as cross-origin, so each subset travels inside the CSS as a data URL;
    subsetting keeps it to a few hundred kB instead of 4.6 MB.
    """
    return font_face_css("".join(p.read_text(encoding="utf-8") for p in pages))


_WIDGET = "application/vnd.jupyter.widget-view+json"
_WIDGET_NOTE = {
    "en": '<p class="widget-note">▶ An interactive what-if stands here: open the notebook in '
    "JupyterLab and run it to move the sliders. The static table beside it shows the same "
    "scenarios.</p>",
    "ko": '<p class="widget-note">▶ 이 자리에는 슬라이더로 조작하는 what-if 위젯이 있습니다. '
    "JupyterLab에서 노트북을 열고 실행하면 슬라이더를 움직일 수 있습니다. 옆의 정적인 표가 같은 "
    "시나리오를 보여 줍니다.</p>",
}


def _mark_widgets(nb: nbformat.NotebookNode, lang: str = "en") -> nbformat.NotebookNode:
    """Replace each widget output (blank without a kernel) with a note saying what stands there."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if _WIDGET in output.get("data", {}):
                output["data"] = {"text/html": _WIDGET_NOTE[lang]}
    return nb


def _page(file: str) -> str:
    return file.replace(".ipynb", ".html")


def _nav(rows, i: int, lang: str = "en") -> str:
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

    switch = _switch_href(lang, _page(rows[i][1])) if 0 <= i < len(rows) else None
    switch_html = (
        f' · <a class="lang-switch" href="{switch}">{_SWITCH_LABEL[lang]}</a>' if switch else ""
    )
    return (
        f'<nav class="book-nav">{link(i - 1, "←")}'
        f'<span><a href="index.html">Contents · 차례</a>{switch_html}</span>'
        f"{link(i + 1, '→')}</nav>"
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


_KEYS_KO = (
    "<p><b>키:</b> → / ← (또는 Space / Shift+Space)는 섹션의 하위 슬라이드까지 모든 슬라이드를 "
    "차례로 넘깁니다. Esc는 전체 슬라이드 개요, S는 발표자 노트, F는 전체 화면입니다. 오른쪽 아래 "
    "숫자는 현재 슬라이드 / 전체 슬라이드입니다.</p>"
)


def _index_page(rows, *, slides: bool, lang: str = "en") -> str:
    kind = "slides" if slides else "notebook pages"
    switch = _switch_href(lang, "index.html")
    if lang == "ko":
        kind_ko = "슬라이드" if slides else "노트북 페이지"
        body = [
            "<h1>개인화 마케팅과 eCRM — Personalized Marketing &amp; eCRM</h1>",
            f'<p>한국어판 · <a class="lang-switch" href="{switch}">English edition</a></p>',
            "<p>강의 제6장과 고객세분화 보충 노트를 위한 실습 워크북입니다. 모든 노트북이 실제 "
            "데이터(CDNOW)와 생성한 데이터(한빛몰)로 분석을 직접 합니다. 여기 있는 것은 저장된 출력과 "
            f"함께 만든 {kind_ko}이며, 모든 숫자는 오늘의 코드가 실제로 만들어 내는 숫자입니다.</p>",
        ]
        if slides:
            body.append(
                "<p>노트북마다 두 가지 슬라이드가 있습니다. <b>강의용</b>(lecture)은 코드 없이 "
                "본문, 그림, 표와 <i>Try it</i> 문제를 보여 주고, <b>실습용</b>(lab)은 학생이 "
                "따라 입력하는 시간을 위해 코드까지 보여 줍니다.</p>" + _KEYS_KO
            )
    else:
        body = [
            "<h1>Personalized Marketing &amp; eCRM — 개인화 마케팅과 eCRM</h1>",
            f'<p>English edition · <a class="lang-switch" href="{switch}">한국어판 (Korean '
            "edition)</a></p>",
            "<p>A workbook for Chapter 6 of the course and its notes on customer segmentation: "
            "every notebook does the analysis on real (CDNOW) and generated (Hanbit Mall) data. "
            f"These are the {kind} with their committed outputs; every number is what the code "
            "produces today.</p>",
        ]
        if slides:
            body.append(
                "<p>Two decks per notebook: the <b>lecture</b> deck shows the prose, figures, "
                "tables and the <i>Try it</i> questions without code; the <b>lab</b> deck shows the "
                "code too, for a session where students type along.</p>" + _KEYS
            )
    ko = lang == "ko"
    heads = (
        ("노트북", "English", "강의 자료", "슬라이드")
        if ko
        else ("Notebook", "한국어", "Course source", "Decks")
    )
    body += [
        "<h2>Notebooks · 차례</h2>",
        f"<table><tr><th>#</th><th>{heads[0]}</th><th>{heads[1]}</th><th>{heads[2]}</th>"
        + (f"<th>{heads[3]}</th>" if slides else "")
        + "</tr>",
    ]
    for n, f, english, korean, source in rows:
        lecture, lab = ("강의용", "실습용(코드 포함)") if ko else ("lecture", "lab (with code)")
        decks = (
            f'<td><a href="{_page(f)}">{lecture}</a> · <a href="code/{_page(f)}">{lab}</a></td>'
            if slides
            else ""
        )
        shown, other = (korean, english) if ko else (english, korean)
        body.append(
            f'<tr><td>{n:02d}</td><td><a href="{_page(f)}">{html.escape(shown)}</a></td>'
            f"<td>{html.escape(other)}</td><td>{html.escape(source_ko(source) if ko else source)}</td>"
            f"{decks}</tr>"
        )
    body.append("</table>")
    if not slides:
        if _NOTES_SOURCE.is_file():
            notes = _NOTES_PAGE if lang == "en" else f"../{_NOTES_PAGE}"
            body.append(
                f'<p><a href="{notes}">Instructor notes · 강의 계획</a>: a plan for a '
                "60–90-minute class per notebook (English).</p>"
            )
        body += [
            "<h2>Glossary · 용어집</h2>",
            "<table><tr><th>한국어</th><th>English</th>"
            + (
                "<th>노트북</th><th>뜻</th></tr>"
                if ko
                else "<th>Notebook</th><th>Meaning</th></tr>"
            ),
        ]
        meanings = MEANING_KO if ko else {}
        for korean, english, n, meaning in sorted(GLOSSARY, key=lambda t: (t[2], t[1])):
            meaning = meanings.get(korean, meaning)
            body.append(
                f"<tr><td>{html.escape(korean)}</td><td>{html.escape(english)}</td>"
                f"<td>{n:02d}</td><td>{html.escape(meaning)}</td></tr>"
            )
        body.append("</table>")
    title = "Slides" if slides else "Workbook"
    css = "book.css" if lang == "en" else "../book.css"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Personalized Marketing &amp; eCRM · {title}</title>"
        f'<link rel="stylesheet" href="{css}"></head><body><main class="book-index">'
        + "\n".join(body)
        + "</main></body></html>\n"
    )


def _read(row, lang: str = "en") -> nbformat.NotebookNode:
    """A notebook as the book and slides show it: titled from the course map, widgets noted."""
    n, file = row[0], row[1]
    nb = _mark_widgets(nbformat.read(EDITIONS[lang][0] / file, as_version=4), lang)
    nb.metadata["title"] = title(n)
    return nb


def _link_pages(body: str, lang: str = "en", depth: int = 0) -> str:
    """Links between notebooks become links between pages; a Korean page links to the English
    page of a notebook the Korean edition does not have yet (``depth``: 1 for a lab deck)."""

    def page(m: re.Match) -> str:
        stem, anchor = m.group(1), m.group(2) or ""
        if lang != "en" and not (EDITIONS[lang][0] / f"{stem}.ipynb").is_file():
            english = "../" * (depth + 1) + "code/" * depth  # the English edition's same folder
            return f'href="{english}{stem}.html{anchor}"'
        return f'href="{stem}.html{anchor}"'

    return _NB_LINK.sub(page, body)


def _book_exporter() -> HTMLExporter:
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(_TEMPLATES)])
    exporter.template_file = "book.html.j2"
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    return exporter


def _notes_page(exporter: HTMLExporter) -> str:
    """docs/instructor_notes.md as a book page (one markdown cell, the book's look)."""
    text = _NOTES_SOURCE.read_text(encoding="utf-8")
    text = re.sub(r"\(\.\./notebooks/(\d\d_\w+)\.ipynb", r"(\1.ipynb", text)
    exporter.language_code = "en"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    nb.metadata["title"] = "Instructor notes · 강의 계획"
    nav = (
        '<nav class="book-nav"><span class="disabled"></span>'
        '<a href="index.html">Contents · 차례</a><span class="disabled"></span></nav>'
    )
    body, _ = exporter.from_notebook_node(
        nb,
        resources={
            "nav_html": nav,
            "metadata": {"name": "instructor_notes"},
            "css_href": "book.css",
        },
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
    exporter = _book_exporter()
    pages = []
    for lang, (_folder, sub) in EDITIONS.items():
        rows = _available(lang)
        root = out / sub
        root.mkdir(parents=True, exist_ok=True)
        exporter.language_code = lang  # <html lang=...>: browsers pick fonts and hyphenation by it
        index = root / "index.html"
        index.write_text(_index_page(rows, slides=False, lang=lang), encoding="utf-8")
        pages.append(index)
        for i, row in enumerate(rows):
            resources = {
                "nav_html": _nav(rows, i, lang),
                "metadata": {"name": row[1][:-6]},
                "css_href": "book.css" if lang == "en" else "../book.css",
            }
            body, _ = exporter.from_notebook_node(_read(row, lang), resources=resources)
            page = root / _page(row[1])
            page.write_text(_link_pages(body, lang), encoding="utf-8")
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
    switch: tuple[str, str] | None = None,
    lang: str = "en",
) -> str:
    """One notebook as a reveal.js page (lecture view without code, or lab view with code).

    ``autofit`` adds the deck's last resort for a cell taller than a slide (fold its code,
    continue a long table on the next slide, scale the rest); helpers.slides measures without it.
    ``switch`` is ``(href, label)`` of the same deck in the other language.
    """
    nb = lecture_notebook(nb) if lecture else nb
    resources = {
        "metadata": {"name": name},
        "asset_prefix": asset_prefix,
        "autofit": autofit,
        "switch": switch,
    }
    exporter = slides_exporter(asset_prefix)
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return _link_pages(body, lang, depth=0 if lecture else 1)


def build_slides(out: Path) -> list[Path]:
    """Render every notebook as two offline reveal.js decks into ``out``; return the pages written.

    ``out/NN_*.html`` is the lecture deck (no code), ``out/code/NN_*.html`` the lab deck.
    """
    out.mkdir(parents=True, exist_ok=True)
    reveal = _reveal_dir()
    target = out / "reveal.js"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(reveal / "dist", target / "dist")
    shutil.copytree(reveal / "plugin" / "notes", target / "plugin" / "notes")
    pages = []
    for lang, (_folder, sub) in EDITIONS.items():
        rows = _available(lang)
        root = out / sub
        (root / "code").mkdir(parents=True, exist_ok=True)
        index = root / "index.html"
        index.write_text(_index_page(rows, slides=True, lang=lang), encoding="utf-8")
        pages.append(index)
        up = "../" if lang == "ko" else ""
        for row in rows:
            nb, name = _read(row, lang), row[1][:-6]
            for depth, lecture, folder in ((0, True, root), (1, False, root / "code")):
                href = _switch_href(lang, _page(row[1]), depth=depth)
                page = folder / _page(row[1])
                page.write_text(
                    render_deck(
                        nb,
                        name,
                        lecture=lecture,
                        asset_prefix=up + "../" * depth,
                        switch=(href, _SWITCH_LABEL[lang]) if href else None,
                        lang=lang,
                    ),
                    encoding="utf-8",
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
