"""The offline book and slides: every page is there, every internal link resolves, nothing loads
from the network, and each notebook's slide structure presents sensibly."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from helpers.course import NOTEBOOKS, title
from helpers.site import EDITIONS, NOTEBOOK_DIR, external_references

PRESENT = [f for _, f, *_ in NOTEBOOKS if (NOTEBOOK_DIR / f).is_file()]
PRESENT_KO = [f for _, f, *_ in NOTEBOOKS if (EDITIONS["ko"][0] / f).is_file()]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.images = [], set(), 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "img" and (attrs.get("src") or "").startswith("data:image/png;base64,"):
            self.images += 1


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def book(built_editions) -> Path:
    return built_editions["site"]  # built once per run (conftest.py), shared with test_browser


@pytest.fixture(scope="module")
def slides(built_editions) -> Path:
    return built_editions["slides"]


def test_book_has_an_index_and_a_page_per_notebook(book):
    assert (book / "index.html").is_file()
    index = (book / "index.html").read_text(encoding="utf-8")
    for file in PRESENT:
        assert (book / file.replace(".ipynb", ".html")).is_file(), file
        assert f'href="{file.replace(".ipynb", ".html")}"' in index
    assert "용어집" in index and "최근성" in index, "the index carries the glossary"


def test_every_internal_link_of_the_book_resolves(book):
    pages = sorted(book.glob("*.html")) + sorted((book / "ko").glob("*.html"))
    ids = {p.resolve(): _parse(p).ids for p in pages}
    broken = []
    for page in pages:
        for href in _parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue  # a link the reader follows to the web, not something the page loads
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            name = page.relative_to(book)
            if not target.is_file():
                broken.append(f"{name} -> {href}")
            elif parts.fragment and target in ids and parts.fragment not in ids[target]:
                broken.append(f"{name} -> {href} (no such anchor)")
    assert not broken, broken


@pytest.mark.parametrize("kind", ["book", "slides"])
def test_every_korean_page_switches_to_its_english_page_and_back(kind, book, slides):
    out = book if kind == "book" else slides
    assert PRESENT_KO, "the Korean edition has notebooks"
    index = (out / "ko" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in index and 'href="../index.html"' in index
    assert 'href="ko/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    folders = [("", "")] + ([("code/", "../")] if kind == "slides" else [])
    for file in PRESENT_KO:
        page = file.replace(".ipynb", ".html")
        for sub, up in folders:
            korean = (out / "ko" / sub / page).read_text(encoding="utf-8")
            english = (out / sub / page).read_text(encoding="utf-8")
            assert '<html lang="ko"' in korean, f"ko/{sub}{page}: not marked as Korean"
            assert f'class="lang-switch" href="{up}../{sub}{page}"' in korean, (
                f"ko/{sub}{page}: no switch to the English page"
            )
            assert f'class="lang-switch" href="{up}ko/{sub}{page}"' in english, (
                f"{sub}{page}: no switch to the Korean page"
            )


def test_book_pages_have_navigation_and_embedded_figures(book):
    for i, file in enumerate(PRESENT):
        page = book / file.replace(".ipynb", ".html")
        text = page.read_text(encoding="utf-8")
        assert 'class="book-nav"' in text and 'href="index.html"' in text
        if i + 1 < len(PRESENT):
            assert f'href="{PRESENT[i + 1].replace(".ipynb", ".html")}"' in text, (
                "link to the next notebook"
            )
        nb = nbformat.read(NOTEBOOK_DIR / file, as_version=4)
        pngs = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
        assert _parse(page).images == pngs, f"{file}: every figure is embedded in the page"


@pytest.mark.parametrize("kind", ["book", "slides"])
def test_nothing_loads_from_the_network(kind, book, slides):
    out = book if kind == "book" else slides
    offenders = {
        p.name: external_references(p.read_text(encoding="utf-8")) for p in out.rglob("*.html")
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_slides_carry_a_local_reveal_js(slides):
    assert (slides / "reveal.js" / "dist" / "reveal.js").is_file()
    for file in PRESENT:
        text = (slides / file.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert 'src="reveal.js/dist/reveal.js"' in text
        assert "<section" in text


@pytest.mark.parametrize("file", PRESENT)
def test_slide_structure_follows_the_headings(file):
    """The title and every ## section start a slide, every ### step a subslide (helpers.slides
    adds the breaks that make each slide fit; tests/test_browser.py measures the fit)."""
    nb = nbformat.read(NOTEBOOK_DIR / file, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    assert kinds[0] == "slide" and nb.cells[0].source.lstrip().startswith("# "), "title slide first"
    for i, (cell, kind) in enumerate(zip(nb.cells, kinds, strict=True)):
        if cell.cell_type != "markdown" or kind in ("skip", "notes"):
            continue
        heading = re.match(r"\s*(#{1,3})\s", cell.source)
        if heading:
            expected = "subslide" if len(heading.group(1)) == 3 else "slide"
            assert kind == expected, (
                f"cell {i} ({cell.source[:50]!r}) is {kind!r}: run python -m helpers.slides fit"
            )


def test_widgets_show_a_note_instead_of_a_blank(book):
    for file in PRESENT:
        nb = nbformat.read(NOTEBOOK_DIR / file, as_version=4)
        widgets = sum(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {})
            for c in nb.cells
            for o in c.get("outputs", [])
        )
        text = (book / file.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert text.count('class="widget-note"') == widgets, file


def test_hangul_has_an_embedded_fallback_font(book):
    css = (book / "book.css").read_text(encoding="utf-8")
    assert '"WorkbookHangul"' in css and "unicode-range: U+1100-11FF" in css
    assert "data:font/woff;base64," in css


@pytest.mark.parametrize("file", PRESENT)
def test_notebook_title_agrees_with_the_course_map(file):
    """One spelling of each title: the notebook's title cell, README, book navigation and slides
    all come from helpers.course."""
    number = int(file[:2])
    nb = nbformat.read(NOTEBOOK_DIR / file, as_version=4)
    first_line = nb.cells[0].source.strip().splitlines()[0]
    assert first_line == f"# {title(number)}", (
        f"{file}: title cell {first_line!r}; the course map (helpers.course) says {title(number)!r}"
    )


def test_book_and_slides_spell_titles_from_the_course_map(book, slides):
    for file in PRESENT:
        expected = title(int(file[:2]))
        page = file.replace(".ipynb", ".html")
        assert f"<title>{expected}</title>" in (book / page).read_text(encoding="utf-8"), page
        assert f"<title>{expected} slides</title>" in (slides / page).read_text(encoding="utf-8")


def test_slides_come_as_lecture_and_lab_decks_with_the_keys_named(slides):
    index = (slides / "index.html").read_text(encoding="utf-8")
    assert "→ / ←" in index and "subslides of a section included" in index
    for file in PRESENT:
        lecture = (slides / file.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        lab = (slides / "code" / file.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert 'navigationMode: "linear"' in lecture and 'navigationMode: "linear"' in lab
        assert lecture.count('jp-InputArea-editor"') == 0, f"{file}: the lecture deck shows code"
        assert lab.count('jp-InputArea-editor"') > 0, f"{file}: the lab deck shows no code"


def test_instructor_notes_are_in_the_book(book):
    index = (book / "index.html").read_text(encoding="utf-8")
    assert 'href="instructor_notes.html"' in index
    notes = (book / "instructor_notes.html").read_text(encoding="utf-8")
    for file in PRESENT[1:]:
        assert f'href="{file.replace(".ipynb", ".html")}' in notes, f"notes do not link {file}"
