"""The built book and every slide deck, opened in a real headless Chromium at 1280×800.

Every slide fits the 1280×800 canvas and nothing runs off its right edge; the book's pages do not
scroll sideways; Hangul is drawn with the embedded NanumGothic (a web font, not a system font);
no page makes a network request; every link resolves to a page and anchor that exist.

Skipped, with the reason, where no Chromium is installed (``apt-get install chromium``; .ci/run
installs it).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers.browser import Browser, find_chromium

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium on this machine: apt-get install chromium (.ci/run installs it)",
)
WIDTH, HEIGHT = 1280, 800
MIN_SCALE = 0.75  # a slide the deck had to shrink must stay readable
HANGUL = re.compile(r"[\uac00-\ud7a3]")

_SLIDES_JS = r"""
(async () => {
  while (!window.slidesFitted) await new Promise(r => setTimeout(r, 20));
  Reveal.configure({transition: 'none'});
  const out = [];
  for (const s of Reveal.getSlides()) {
    const i = Reveal.getIndices(s);
    Reveal.slide(i.h, i.v);
    const scale = parseFloat(s.dataset.scaled || '1');
    out.push({h: i.h, v: i.v || 0, height: s.scrollHeight * scale, width: s.scrollWidth * scale,
              scale: scale, text: s.innerText.trim().slice(0, 60).replace(/\s+/g, ' ')});
  }
  Reveal.slide(0, 0);
  return out;
})()
"""
# Mark up to `limit` visible elements whose own text holds Hangul, spread over the page.
_PROBE_JS = r"""
((limit, viewportOnly) => {
  const hits = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!/[\uac00-\ud7a3]/.test(node.data) || !el || !el.getClientRects().length) continue;
    if (el.closest('svg, style, script') || hits.includes(el)) continue;
    const box = el.getBoundingClientRect();
    if (viewportOnly && (box.bottom < 0 || box.top > innerHeight || box.width === 0)) continue;
    hits.push(el);
  }
  const step = Math.max(1, Math.floor(hits.length / limit));
  const chosen = hits.filter((_, i) => i % step === 0).slice(0, limit);
  chosen.forEach((el, i) => el.setAttribute('data-hangul-probe', i));
  return {found: hits.length, probed: chosen.length};
})
"""


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _anchors(page: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(built_editions) -> dict[str, Path]:
    return built_editions  # the book and slides, built once per run (conftest.py)


@pytest.fixture(scope="module")
def browser():
    with Browser(WIDTH, HEIGHT, offline=True) as b:
        yield b


def _decks(slides: Path) -> list[Path]:
    """Every deck of both editions: lecture and lab, English and Korean (ko/)."""
    return [
        deck
        for root in (slides, slides / "ko")
        for deck in sorted(root.glob("[0-9][0-9]_*.html")) + sorted((root / "code").glob("*.html"))
    ]


def _report(request, line: str) -> None:
    print(line)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)


def _hangul_fonts(browser: Browser, limit: int, *, viewport_only: bool = False) -> list[str]:
    """For probed Hangul elements: the problems found (a system font drew Hangul, or no web font).

    ``viewport_only`` probes only what is on screen (JupyterLab does not lay out cells off screen).
    """
    probe = browser.evaluate(f"({_PROBE_JS})({limit}, {str(viewport_only).lower()})")
    if not probe["probed"]:
        return []
    browser.call("DOM.enable")
    browser.call("CSS.enable")
    root = browser.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = browser.call(
        "DOM.querySelectorAll", {"nodeId": root, "selector": "[data-hangul-probe]"}
    )
    problems = []
    for node in nodes["nodeIds"]:
        fonts = browser.call("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if not fonts:
            continue  # nothing of it painted (e.g. scrolled out of its code box): no font to judge
        custom = [f for f in fonts if f.get("isCustomFont")]
        system_cjk = [
            f["familyName"]
            for f in fonts
            if not f.get("isCustomFont")
            and re.search(r"nanum|noto|cjk|gothic|malgun", f["familyName"], re.I)
        ]
        if not any("nanum" in f["familyName"].lower() for f in custom) or system_cjk:
            html = browser.call("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:80]
            problems.append(
                f"{html!r}: fonts {[(f['familyName'], f.get('isCustomFont')) for f in fonts]}"
            )
    browser.call("CSS.disable")
    browser.call("DOM.disable")
    return problems


def test_every_slide_fits_1280x800_in_chromium(built, browser, request):
    slides, too_tall, too_wide, shrunk, font_problems = [], [], [], [], []
    for deck in _decks(built["slides"]):
        browser.requests.clear()
        browser.goto(deck.as_uri())
        name = str(deck.relative_to(built["slides"]))
        for s in browser.evaluate(_SLIDES_JS):
            where = f"{name} #/{s['h']}/{s['v']} ({s['text'][:40]!r})"
            slides.append((s["height"], where))
            if s["height"] > HEIGHT:
                too_tall.append(f"{where}: {s['height']:.0f} px")
            if s["width"] > WIDTH:
                too_wide.append(f"{where}: {s['width']:.0f} px wide")
            if s["scale"] < MIN_SCALE:
                shrunk.append(f"{where}: shrunk to {s['scale']:.2f}")
        font_problems += [f"{name}: {p}" for p in _hangul_fonts(browser, 5)]
        network = [u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))]
        assert not network, f"{name} requested from the network: {network}"
    tallest = max(slides)
    _report(
        request,
        f"slides: {len(slides)} in {len(_decks(built['slides']))} decks (lecture + lab), "
        f"tallest {tallest[0]:.0f} px: {tallest[1]}",
    )
    assert not too_tall, f"{len(too_tall)} slides taller than {HEIGHT} px: {too_tall[:10]}"
    assert not too_wide, f"{len(too_wide)} slides wider than {WIDTH} px: {too_wide[:10]}"
    assert not shrunk, f"slides shrunk below a readable size: {shrunk}"
    assert not font_problems, f"Hangul not drawn with the embedded font: {font_problems[:5]}"


def test_book_pages_fit_the_width_use_the_embedded_font_and_stay_offline(built, browser):
    pages = sorted(built["site"].glob("*.html")) + sorted((built["site"] / "ko").glob("*.html"))
    assert len(pages) >= 2
    for page in pages:
        browser.requests.clear()
        browser.goto(page.as_uri())
        width = browser.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTH, f"{page.name} scrolls sideways: {width} px wide at {WIDTH} px"
        if HANGUL.search(page.read_text(encoding="utf-8")):
            loaded = browser.evaluate(
                "[...document.fonts].filter(f => f.family.includes('WorkbookHangul'))"
                ".map(f => f.status)"
            )
            assert "loaded" in loaded, (
                f"{page.name}: the embedded Hangul font did not load {loaded}"
            )
            problems = _hangul_fonts(browser, 25)
            assert not problems, (
                f"{page.name}: Hangul not drawn with the embedded font: {problems[:3]}"
            )
        network = [u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))]
        assert not network, f"{page.name} requested from the network: {network}"


@pytest.mark.parametrize("kind", ["site", "slides"])
def test_every_link_resolves(built, kind):
    root = built[kind]
    pages = [
        page
        for sub in (root, root / "ko")
        for page in sorted(sub.glob("*.html")) + sorted((sub / "code").glob("*.html"))
    ]
    ids = {p.resolve(): _anchors(p).ids for p in pages}
    broken, external = [], set()
    for page in pages:
        for href in _anchors(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                external.add(href)  # a reader follows it to the web; the page never loads it
                continue
            if parts.fragment.startswith("/"):
                continue  # a reveal.js slide address (#/3/1), resolved by the deck itself
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(root)} -> {href}")
            elif parts.fragment and not {parts.fragment, unquote(parts.fragment)} & ids[target]:
                broken.append(f"{page.relative_to(root)} -> {href} (no such anchor)")
    assert not broken, broken
