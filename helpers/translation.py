"""The Korean edition (한국어판): translated prose kept in step with the English notebooks.

The English notebook is the one source of code and outputs. A translation file holds the prose of
one notebook in another language, one block per markdown cell, keyed by the cell's id and stamped
with a hash of the English text it translates::

    <!-- cell 87e8c29d en 3fa2c1d9e0ab -->
    ## 학습 목표 (Learning objectives)
    ...

Files live in ``translations/<lang>/<notebook stem>.md`` (plain Markdown: easy to review in a diff,
no escaping). :func:`problems` says what is out of step — an English cell without translation, a
translation whose English source has changed since (its hash differs), a translation of a cell that
no longer exists, a block still marked as untranslated, or numbers that differ between the English
cell and its translation (an English month name counts as its number: "30 June" is "6월 30일").
:func:`build_notebook` makes the translated notebook: the English notebook with each markdown cell's
source replaced, code cells, outputs and metadata untouched.

Command line (``python -m helpers.translation``)::

    stub NOTEBOOK [--lang ko]      add blocks for new English cells (marked TODO), keep the rest
    check [--lang ko]              list every problem; exit 1 if there is one
    rehash NOTEBOOK CELL_ID ...    after re-translating a stale cell, stamp it with the new hash
    build [NOTEBOOK ...] [--lang ko]  write notebooks/<lang>/*.ipynb from the translation files

``build`` keeps what the edition's own run produced: when the code cells are unchanged, the
Korean notebook keeps its outputs (executed in Korean) and its slide breaks (fitted to the Korean
text by ``helpers.slides fit``), so a prose change needs no re-execution. After a code change it
takes the English outputs, and the edition must be executed again (strict nbval says so).

Examples
--------
>>> source_hash("# Title")
'79aeaf7ba450'
>>> sorted(numbers_in("12,000 customers, 35.5 % of them; 2024-12-31").elements())
['12', '12000', '2024', '31', '35.5']
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import nbformat

__all__ = [
    "TODO",
    "Translation",
    "source_hash",
    "numbers_in",
    "english_numbers_in",
    "parse_translations",
    "format_translations",
    "read_translations",
    "translation_path",
    "edition_path",
    "problems",
    "stub",
    "rehash",
    "build_notebook",
]

ROOT = Path(__file__).resolve().parent.parent
TODO = "<!-- TODO: translate -->"
HEADER = re.compile(r"^<!-- cell (?P<id>[\w-]+) en (?P<hash>[0-9a-f]{12}) -->$", re.MULTILINE)
# Numbers as a reader sees them: thousands separators dropped, decimals kept. Korean prose keeps
# Arabic numerals, so the same figures must appear in both editions.
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# Korean writes months as numbers (6월 = June), so an English month name counts as its number when the
# English is compared with a translation. "May" only counts next to a digit ("1 May", "May 2024"): at
# the start of a sentence it is usually the verb.
_MONTHS = (
    "January February March April May June July August September October November December".split()
)
MONTH = re.compile(
    r"\b(?:(?P<full>" + "|".join(m for m in _MONTHS if m != "May") + r")"
    r"|(?P<abbr>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
    r"|(?<=\d )(?P<may1>May)|(?P<may2>May)(?= \d))\b"
)
# Relative links that leave the notebooks/ folder must climb one more level from notebooks/<lang>/.
OUTER_LINK = re.compile(r"\]\((?!https?:|#|mailto:|/)(\.\./[^)\s]*)\)")


@dataclass(frozen=True)
class Translation:
    """One translated markdown cell: the English cell's id, the hash of its source, the text."""

    cell_id: str
    source_hash: str
    text: str


def source_hash(text: str) -> str:
    """First 12 hex digits of the sha256 of an English cell's source (trailing blanks ignored).

    Examples
    --------
    >>> source_hash("# Title\\n") == source_hash("# Title")
    True
    """
    return hashlib.sha256(text.rstrip().encode("utf-8")).hexdigest()[:12]


# Large amounts: Korean counts in 만 (10⁴) and 억 (10⁸), English in million and billion, so
# "3,650만 원" and "36.5 million KRW" are the same number. Each side is turned into the plain value.
# "0.15만큼" is "as much as 0.15", not 1,500: 만 before 큼 is not the unit.
_KOREAN_UNIT = re.compile(r"(" + NUMBER.pattern + r")\s?(천만|백만|만|억)(?!큼)")
_KOREAN_EOK_MAN = re.compile(r"(\d+)억\s?(" + NUMBER.pattern + r")만")
_KOREAN_SCALE = {"만": 10**4, "백만": 10**6, "천만": 10**7, "억": 10**8}  # not 조: 제22조 is a law
# "2.4 and 2.6 million", "2.4–2.6 million": the unit belongs to every number of the list.
_ENGLISH_UNIT = re.compile(
    r"((?<![\w.])(?:"
    + NUMBER.pattern
    + r")(?:\s?(?:,|and|or|to|–|-)\s?[−-]?(?:"
    + NUMBER.pattern
    + r"))*)"
    r"\s(million|billion)\b"
)
_ENGLISH_SCALE = {"million": 10**6, "billion": 10**9}


def _scaled(number: str, factor: int) -> str:
    value = Decimal(number.replace(",", "")) * factor
    return format(
        value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize(), "f"
    )


def numbers_in(text: str) -> Counter:
    """The numbers in a piece of prose, as a multiset of strings without thousands separators.

    A number with a Korean unit of 만 or 억 counts as its full value.

    Examples
    --------
    >>> numbers_in("1,344 members, 931 basic") == numbers_in("회원 1,344명, 베이직 931명")
    True
    >>> sorted(numbers_in("3,650만 원과 1.2억 원, 2억 1,100만 원; 0.15만큼, 제22조").elements())
    ['0.15', '120000000', '211000000', '22', '36500000']
    """
    text = _KOREAN_EOK_MAN.sub(
        lambda m: _scaled(
            str(Decimal(m.group(1)) * 10**4 + Decimal(m.group(2).replace(",", ""))), 10**4
        ),
        text,
    )
    text = _KOREAN_UNIT.sub(lambda m: _scaled(m.group(1), _KOREAN_SCALE[m.group(2)]), text)
    return Counter(m.replace(",", "") for m in NUMBER.findall(text))


def english_numbers_in(text: str) -> Counter:
    """The numbers of an English text as Korean writes them: month names count as month numbers.

    Examples
    --------
    >>> ko = "1997년 1월 1일부터 1998년 6월 30일까지"
    >>> english_numbers_in("1 January 1997 to 30 June 1998") == numbers_in(ko)
    True
    >>> sorted(english_numbers_in("Jul–Dec 1997; May we? 1 May").elements())
    ['1', '12', '1997', '5', '7']
    >>> english_numbers_in("36.5 million KRW") == numbers_in("3,650만 원")
    True
    >>> english_numbers_in("2.4 and 2.6 million") == numbers_in("240만 원과 260만 원")
    True
    >>> english_numbers_in("−6 to −8 million") == numbers_in("−600만에서 −800만 원")
    True
    """

    def month_number(m: re.Match) -> str:
        name = next(g for g in m.groups() if g)
        return str(next(k for k, full in enumerate(_MONTHS, 1) if full.startswith(name[:3])))

    def full_values(m: re.Match) -> str:
        factor = _ENGLISH_SCALE[m.group(2)]
        return NUMBER.sub(lambda n: _scaled(n.group(0), factor), m.group(1))

    text = _ENGLISH_UNIT.sub(full_values, text)
    return numbers_in(MONTH.sub(month_number, text))


def parse_translations(text: str, *, name: str = "translation file") -> dict[str, Translation]:
    """Read the blocks of a translation file into ``{cell_id: Translation}``.

    Raises
    ------
    ValueError
        If text stands before the first block header, or a cell id appears twice; the message
        names the file and the cell.

    Examples
    --------
    >>> t = parse_translations("<!-- cell a1 en 000000000000 -->\\n# 제목\\n")
    >>> t["a1"].text
    '# 제목'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    heads = list(HEADER.finditer(text))
    if text[: heads[0].start() if heads else len(text)].strip():
        raise ValueError(
            f"{name}: text before the first '<!-- cell ID en HASH -->' header; every block must "
            "start with such a header line"
        )
    out: dict[str, Translation] = {}
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        cell_id = head["id"]
        if cell_id in out:
            raise ValueError(f"{name}: cell {cell_id} is translated twice; keep one block")
        out[cell_id] = Translation(cell_id, head["hash"], text[head.end() : end].strip("\n"))
    return out


def format_translations(entries: list[Translation]) -> str:
    """The text of a translation file for these blocks, in the given order.

    Examples
    --------
    >>> print(format_translations([Translation("a1", "0" * 12, "# 제목")]), end="")
    <!-- cell a1 en 000000000000 -->
    # 제목
    """
    return (
        "\n\n".join(f"<!-- cell {e.cell_id} en {e.source_hash} -->\n{e.text}" for e in entries)
        + "\n"
    )


def translation_path(notebook: Path, lang: str = "ko") -> Path:
    """Where the translation of ``notebook`` lives: ``translations/<lang>/<stem>.md``."""
    return ROOT / "translations" / lang / f"{Path(notebook).stem}.md"


def edition_path(notebook: Path, lang: str = "ko") -> Path:
    """Where the translated notebook is written: ``notebooks/<lang>/<name>``."""
    return Path(notebook).parent / lang / Path(notebook).name


def read_translations(path: Path) -> dict[str, Translation]:
    """Parse a translation file; a missing file is a ``FileNotFoundError`` naming it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no translation file {path}; start one with 'python -m helpers.translation stub NOTEBOOK'"
        )
    return parse_translations(path.read_text(encoding="utf-8"), name=str(path))


def _markdown_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    cells = [c for c in nb.cells if c.cell_type == "markdown"]
    missing = [i for i, c in enumerate(cells) if not c.get("id")]
    if missing:
        raise ValueError("the notebook has markdown cells without an id (nbformat ≥ 4.5 needed)")
    return cells


def problems(notebook: Path, translations: dict[str, Translation]) -> list[str]:
    """Everything that keeps a translation from being current, one sentence each (empty: current).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("12 customers", id="a1")])
    >>> problems(nb, parse_translations("<!-- cell a1 en 000000000000 -->\\n고객 13명"))
    ['cell a1: the English text changed since it was translated (hash 000000000000, now d2c1d1a5df79); re-translate it, then run rehash', 'cell a1: numbers differ: English has 12, the translation has 13']
    """
    nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(notebook, 4)
    out = []
    english = {c.id: c.source for c in _markdown_cells(nb)}
    for cell_id, src in english.items():
        t = translations.get(cell_id)
        if t is None:
            out.append(f"cell {cell_id}: no translation (English starts {src[:60]!r})")
            continue
        if TODO in t.text:
            out.append(f"cell {cell_id}: still marked as untranslated ({TODO})")
            continue
        if t.source_hash != source_hash(src):
            out.append(
                f"cell {cell_id}: the English text changed since it was translated (hash "
                f"{t.source_hash}, now {source_hash(src)}); re-translate it, then run rehash"
            )
        en_num, ko_num = english_numbers_in(src), numbers_in(t.text)
        if en_num != ko_num:
            only_en = ", ".join(sorted((en_num - ko_num).elements())) or "nothing more"
            only_ko = ", ".join(sorted((ko_num - en_num).elements())) or "nothing more"
            out.append(
                f"cell {cell_id}: numbers differ: English has {only_en}, the translation has {only_ko}"
            )
    for cell_id in translations.keys() - english.keys():
        out.append(
            f"cell {cell_id}: translated, but the English notebook has no such markdown cell"
        )
    return out


def stub(notebook: Path, lang: str = "ko") -> Path:
    """Add a TODO block (with the English text) for every untranslated cell; keep the others.

    Blocks follow the notebook's order; translations of cells that no longer exist are kept at the
    end so nothing a translator wrote is lost (``check`` reports them).
    """
    notebook = Path(notebook)
    path = translation_path(notebook, lang)
    old = read_translations(path) if path.is_file() else {}
    nb = nbformat.read(notebook, as_version=4)
    cells = _markdown_cells(nb)
    entries = [
        old.get(c.id) or Translation(c.id, source_hash(c.source), f"{TODO}\n{c.source}")
        for c in cells
    ]
    ids = {c.id for c in cells}
    entries += [t for k, t in old.items() if k not in ids]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_translations(entries), encoding="utf-8")
    return path


def rehash(notebook: Path, cell_ids: list[str], lang: str = "ko") -> Path:
    """Stamp re-translated cells with the current hash of their English source."""
    notebook = Path(notebook)
    path = translation_path(notebook, lang)
    old = read_translations(path)
    english = {c.id: c.source for c in _markdown_cells(nbformat.read(notebook, as_version=4))}
    for cell_id in cell_ids:
        if cell_id not in old or cell_id not in english:
            raise ValueError(f"cell {cell_id} is not in both {notebook.name} and {path.name}")
        old[cell_id] = Translation(cell_id, source_hash(english[cell_id]), old[cell_id].text)
    path.write_text(format_translations(list(old.values())), encoding="utf-8")
    return path


def build_notebook(
    notebook: Path,
    translations: dict[str, Translation],
    lang: str = "ko",
    previous: nbformat.NotebookNode | None = None,
) -> nbformat.NotebookNode:
    """The translated notebook: markdown replaced, links re-rooted, code and outputs unchanged.

    ``previous`` is the edition as built and executed before: if its code cells are the English
    ones, its outputs and slide breaks are kept (they are the edition's own).

    Raises
    ------
    ValueError
        If the translation is not current (the first problem is named).
    """
    nb = nbformat.read(notebook, as_version=4)
    found = problems(nb, translations)
    if found:
        raise ValueError(f"{Path(notebook).name}: translation not current: {found[0]}")
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "markdown":
            cell.source = OUTER_LINK.sub(r"](../\1)", translations[cell.id].text)
    out.metadata["language_edition"] = lang
    if previous is not None and _code(previous) == _code(out):
        if "widgets" in previous.metadata:  # the widgets' saved state: Korean slider labels
            out.metadata["widgets"] = previous.metadata["widgets"]
        kept = {c.id: c for c in previous.cells if "id" in c}
        for cell in out.cells:
            old = kept.get(cell.get("id"))
            if old is None or old.cell_type != cell.cell_type:
                continue
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = old.outputs, old.execution_count
            if "slideshow" in old.metadata:
                cell.metadata["slideshow"] = old.metadata["slideshow"]
    return out


def _code(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.get("id", ""), c.source) for c in nb.cells if c.cell_type == "code"]


def _notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.translation")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("stub", "rehash"):
        p = sub.add_parser(name)
        p.add_argument("notebook", type=Path)
        if name == "rehash":
            p.add_argument("cell_ids", nargs="+")
        p.add_argument("--lang", default="ko")
    sub.add_parser("check").add_argument("--lang", default="ko")
    p = sub.add_parser("build")
    p.add_argument("notebooks", type=Path, nargs="*", help="English notebooks (default: all)")
    p.add_argument("--lang", default="ko")
    args = parser.parse_args(argv)
    if args.command == "stub":
        print(stub(args.notebook, args.lang))
        return 0
    if args.command == "rehash":
        print(rehash(args.notebook, args.cell_ids, args.lang))
        return 0
    bad = 0
    chosen = {p.resolve() for p in getattr(args, "notebooks", [])}
    for nb in _notebooks():
        if chosen and nb.resolve() not in chosen:
            continue
        path = translation_path(nb, args.lang)
        if not path.is_file():
            continue
        found = problems(nb, read_translations(path))
        for line in found:
            print(f"{path.relative_to(ROOT)}: {line}")
        bad += len(found)
        if args.command == "build" and not found:
            target = edition_path(nb, args.lang)
            target.parent.mkdir(exist_ok=True)
            previous = nbformat.read(target, as_version=4) if target.is_file() else None
            built = build_notebook(nb, read_translations(path), args.lang, previous)
            kept = previous is not None and _code(previous) == _code(built)
            nbformat.write(built, target)
            print(
                f"wrote {target.relative_to(ROOT)}"
                + ("" if kept else " (code changed: execute it again in its folder)")
            )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
