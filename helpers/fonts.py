"""Web fonts cut from the fonts the workbook already pins, for the book, the slides and JupyterLab.

Hangul comes from NanumGothic (SIL OFL, inside the pinned ``koreanize-matplotlib`` wheel); arrows,
check marks and similar symbols from DejaVu Sans (inside ``matplotlib``). Each face carries a
``unicode-range``, so a browser uses it only for those characters and keeps its usual fonts for Latin
text. Nothing is downloaded: the fonts are read from the installed packages.

Examples
--------
>>> css = font_face_css("고객 ✔")
>>> '"WorkbookHangul"' in css and '"WorkbookSymbols"' in css
True
"""

from __future__ import annotations

import base64
import importlib.metadata
import io
import logging
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

logging.getLogger("fontTools").setLevel(logging.ERROR)  # it reports every table it drops

__all__ = [
    "HANGUL_FAMILY",
    "SYMBOL_FAMILY",
    "HANGUL_RANGE",
    "SYMBOL_RANGE",
    "font_face_css",
    "hangul_font",
    "subset_font",
]

HANGUL_FAMILY = "WorkbookHangul"
SYMBOL_FAMILY = "WorkbookSymbols"
# Hangul jamo, compatibility jamo, syllables; CJK punctuation that NanumGothic draws well.
HANGUL_RANGE = "U+1100-11FF, U+3000-303F, U+3130-318F, U+AC00-D7A3"
# Arrows, math operators, boxes, geometric shapes, dingbat check marks and crosses.
SYMBOL_RANGE = "U+2190-21FF, U+2212, U+2260-2265, U+2500-25FF, U+2610-2612, U+2713-2718"


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return out


def _package_file(dist: str, relative: str) -> Path | None:
    try:
        path = Path(str(importlib.metadata.distribution(dist).locate_file(relative)))
    except importlib.metadata.PackageNotFoundError:
        return None
    return path if path.is_file() else None


def hangul_font(bold: bool = False) -> Path | None:
    """NanumGothic from the pinned koreanize-matplotlib wheel, or None when it is not installed."""
    name = "NanumGothicBold.ttf" if bold else "NanumGothic.ttf"
    return _package_file("koreanize-matplotlib", f"koreanize_matplotlib/fonts/{name}")


def _symbol_font(bold: bool = False) -> Path | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return _package_file("matplotlib", f"matplotlib/mpl-data/fonts/ttf/{name}")


def subset_font(source: Path, characters: str) -> bytes:
    """``source`` cut down to ``characters`` as a WOFF file (outlines only, no hinting).

    Browsers' font sanitiser rejects glyphs of NanumGothic when its hinting and device tables
    travel along; outlines alone render everywhere, and the file is a fraction of the size.
    """
    font = TTFont(source)
    options = Options()
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["hdmx", "VDMX", "LTSH", "kern", "gasp", "DSIG"]
    options.flavor = "woff"
    subsetter = Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return buffer.getvalue()


def _in(ranges: list[tuple[int, int]], ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in ranges)


def font_face_css(text: str | None, *, url_for=None) -> str:
    """``@font-face`` rules for the Hangul and symbol characters of ``text`` (all of them if None).

    Parameters
    ----------
    text : str or None
        The characters the pages use; None keeps every character of the ranges (for JupyterLab,
        where students type new text).
    url_for : callable, optional
        ``url_for(file_name, woff_bytes) -> url``; the default embeds the font as a data URL
        (browsers refuse font files from ``file://`` pages as cross-origin).

    Examples
    --------
    >>> font_face_css("abc")
    ''
    """
    if url_for is None:

        def url_for(_name: str, data: bytes) -> str:
            return "data:font/woff;base64," + base64.b64encode(data).decode("ascii")

    rules = []
    used = set(text) if text is not None else set()  # distinct characters first: pages are large
    faces = (
        (HANGUL_FAMILY, HANGUL_RANGE, hangul_font),
        (SYMBOL_FAMILY, SYMBOL_RANGE, _symbol_font),
    )
    for family, spec, locate in faces:
        ranges = _ranges(spec)
        if text is None:
            chars = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
        else:
            chars = "".join(sorted(ch for ch in used if _in(ranges, ch)))
        if not chars:
            continue
        for bold in (False, True):
            source = locate(bold)
            if source is None:
                continue
            weight = "bold" if bold else "normal"
            url = url_for(f"{family}-{weight}.woff", subset_font(source, chars))
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-display: block; '
                f'src: url({url}) format("woff"); unicode-range: {spec}; }}'
            )
    return "\n".join(rules)


_LAB_CSS = """
/* Written by `python -m helpers.fonts lab` for `make lab`: Hangul from NanumGothic and symbols
   from DejaVu Sans, served by JupyterLab itself (--LabApp.custom_css=True), so the notebook UI
   and RISE (notebooks/rise.css imports this file) render Korean without a Korean system font. */
body {
  --jp-ui-font-family: system-ui, -apple-system, "Segoe UI", helvetica, arial, "WorkbookHangul",
    "WorkbookSymbols", sans-serif;
  --jp-content-font-family: system-ui, -apple-system, "Segoe UI", helvetica, arial,
    "WorkbookHangul", "WorkbookSymbols", sans-serif;
  --jp-code-font-family: menlo, consolas, "DejaVu Sans Mono", "WorkbookHangul", "WorkbookSymbols",
    monospace;
  --r-main-font: "Source Sans Pro", helvetica, arial, "WorkbookHangul", "WorkbookSymbols", sans-serif;
  --r-heading-font: "Source Sans Pro", helvetica, arial, "WorkbookHangul", "WorkbookSymbols",
    sans-serif;
}
.reveal h1, .reveal h2, .reveal h3, .reveal h4, .reveal h5, .reveal h6 {
  font-family: var(--r-heading-font); text-transform: none; }
.jp-RenderedHTMLCommon, .reveal { word-break: keep-all; overflow-wrap: break-word; }
"""


def write_lab_css(config_dir: Path) -> Path:
    """Write ``custom/custom.css`` and its font files into a Jupyter config folder; return the css.

    The fonts keep every Hangul syllable and jamo (students type new text), as separate files that
    JupyterLab serves from ``/custom/`` next to the stylesheet.
    """
    custom = Path(config_dir) / "custom"
    custom.mkdir(parents=True, exist_ok=True)

    def url_for(name: str, data: bytes) -> str:
        (custom / name).write_bytes(data)
        return f'"{name}"'

    css = font_face_css(None, url_for=url_for) + "\n" + _LAB_CSS
    target = custom / "custom.css"
    target.write_text(css, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m helpers.fonts", description="Write JupyterLab's custom.css with the fonts."
    )
    parser.add_argument("command", choices=["lab"])
    parser.add_argument("config_dir", type=Path, help="the Jupyter config folder make lab uses")
    args = parser.parse_args(argv)
    print(f"wrote {write_lab_css(args.config_dir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
