"""The Korean edition stays in step with the English source: translations current, code identical."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.translation import (
    TODO,
    Translation,
    build_notebook,
    english_numbers_in,
    format_translations,
    numbers_in,
    parse_translations,
    problems,
    read_translations,
    source_hash,
    translation_path,
)

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TRANSLATED = [p for p in ENGLISH if translation_path(p).is_file()]
EDITIONS = sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))


def _nb(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def _md(text, cell_id):
    return nbformat.v4.new_markdown_cell(text, id=cell_id)


def _code(text, cell_id):
    return nbformat.v4.new_code_cell(text, id=cell_id)


def _current(nb):
    return {
        c.id: Translation(c.id, source_hash(c.source), f"번역: {c.source}")
        for c in nb.cells
        if c.cell_type == "markdown"
    }


def test_a_current_translation_has_no_problems():
    nb = _nb(_md("# 01 · Title", "t1"), _code("x = 1", "c1"), _md("12,000 customers", "m1"))
    assert problems(nb, _current(nb)) == []


def test_changing_a_word_of_the_english_makes_the_translation_stale_naming_the_cell():
    nb = _nb(_md("Loyal customers buy more.", "m1"))
    tr = _current(nb)
    nb.cells[0].source = "Loyal customers buy less."
    (found,) = problems(nb, tr)
    assert "cell m1" in found and "changed since it was translated" in found


def test_a_missing_translation_is_named():
    nb = _nb(_md("# Title", "t1"), _md("More text", "m2"))
    tr = _current(nb)
    del tr["m2"]
    assert problems(nb, tr) == ["cell m2: no translation (English starts 'More text')"]


def test_a_todo_block_counts_as_untranslated():
    nb = _nb(_md("# Title", "t1"))
    tr = {"t1": Translation("t1", source_hash("# Title"), f"{TODO}\n# Title")}
    assert "still marked as untranslated" in problems(nb, tr)[0]


def test_numbers_must_agree_between_english_and_translation():
    nb = _nb(_md("4,548 customers left; 35.5 % answered", "m1"))
    tr = {
        "m1": Translation("m1", source_hash(nb.cells[0].source), "고객 4,548명 이탈, 응답 35.6 %")
    }
    (found,) = problems(nb, tr)
    assert found == "cell m1: numbers differ: English has 35.5, the translation has 35.6"


def test_english_month_names_count_as_the_numbers_korean_writes():
    nb = _nb(_md("From 1 January 1997 to 30 June 1998; peaks in September and Nov.", "m1"))
    ok = "1997년 1월 1일부터 1998년 6월 30일까지, 9월과 11월에 정점"
    tr = {"m1": Translation("m1", source_hash(nb.cells[0].source), ok)}
    assert problems(nb, tr) == []
    tr["m1"] = Translation("m1", tr["m1"].source_hash, ok.replace("6월", "7월"))
    assert problems(nb, tr) == ["cell m1: numbers differ: English has 6, the translation has 7"]
    # "May" is a month only beside a number; otherwise it is the verb and adds nothing.
    assert english_numbers_in("May we start? On 1 May 2024") == numbers_in(
        "시작할까요? 2024년 5월 1일"
    )


def test_thousands_separators_do_not_count_as_a_difference():
    assert numbers_in("12,000 and 1,344") == numbers_in("12000 그리고 1344")


def test_a_translation_of_a_vanished_cell_is_reported():
    nb = _nb(_md("# Title", "t1"))
    tr = _current(nb) | {"gone": Translation("gone", "0" * 12, "옛 셀")}
    assert problems(nb, tr) == [
        "cell gone: translated, but the English notebook has no such markdown cell"
    ]


def test_file_format_round_trips_and_refuses_duplicates():
    entries = [
        Translation("a1", "0" * 12, "# 제목"),
        Translation("b2", "1" * 12, "본문\n\n둘째 문단"),
    ]
    text = format_translations(entries)
    assert list(parse_translations(text).values()) == entries
    with pytest.raises(ValueError, match="cell a1 is translated twice"):
        parse_translations(text + "\n" + format_translations(entries[:1]))
    with pytest.raises(ValueError, match="text before the first"):
        parse_translations("stray words\n" + text)


def test_build_replaces_prose_keeps_code_and_outputs_and_reroots_outer_links(tmp_path):
    code = _code("x = 1\nx", "c1")
    code.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=1)
    ]
    nb = _nb(_md("See [data](../datasets/README.md) and [02](02_rfm.ipynb).", "m1"), code)
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    tr = {
        "m1": Translation(
            "m1",
            source_hash(nb.cells[0].source),
            "[데이터](../datasets/README.md)와 [02](02_rfm.ipynb) 참고.",
        )
    }
    ko = build_notebook(path, tr)
    assert ko.cells[0].source == "[데이터](../../datasets/README.md)와 [02](02_rfm.ipynb) 참고."
    assert ko.cells[1].source == code.source and ko.cells[1].outputs == code.outputs
    assert ko.metadata["language_edition"] == "ko"
    assert nbformat.read(path, as_version=4).cells[0].source.startswith("See")  # input untouched


def test_build_keeps_the_editions_own_outputs_and_slide_breaks_until_the_code_changes(tmp_path):
    code = _code("print('hi')", "c1")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    nb = _nb(_md("Text", "m1"), code)
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    tr = {"m1": Translation("m1", source_hash("Text"), "본문")}
    previous = build_notebook(path, tr)
    previous.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="안녕\n")]
    previous.cells[0].metadata["slideshow"] = {"slide_type": "subslide"}
    previous.metadata["widgets"] = {"state": "한국어 슬라이더"}
    again = build_notebook(path, tr, previous=previous)
    assert again.metadata["widgets"] == {"state": "한국어 슬라이더"}
    assert again.cells[1].outputs[0]["text"] == "안녕\n", "the Korean run's output is kept"
    assert again.cells[0].metadata["slideshow"] == {"slide_type": "subslide"}
    nb.cells[1].source = "print('bye')"
    nbformat.write(nb, path)
    changed = build_notebook(path, tr, previous=previous)
    assert changed.cells[1].outputs == code.outputs, "after a code change: the English outputs"
    assert "slideshow" not in changed.cells[0].metadata


def test_build_refuses_a_stale_translation(tmp_path):
    nb = _nb(_md("Old text", "m1"))
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="01_x.ipynb: translation not current: cell m1"):
        build_notebook(path, {"m1": Translation("m1", "0" * 12, "옛 번역")})


@pytest.mark.parametrize("path", TRANSLATED, ids=[p.name for p in TRANSLATED])
def test_committed_translation_is_current(path):
    found = problems(path, read_translations(translation_path(path)))
    assert not found, f"{translation_path(path).name}:\n" + "\n".join(found)


@pytest.mark.parametrize("path", EDITIONS, ids=[p.name for p in EDITIONS])
def test_korean_notebook_has_the_english_code_and_current_prose(path):
    english = ROOT / "notebooks" / path.name
    assert english.is_file(), f"{path.name} has no English source notebook"
    ko, en = nbformat.read(path, as_version=4), nbformat.read(english, as_version=4)
    assert [c.source for c in ko.cells if c.cell_type == "code"] == [
        c.source for c in en.cells if c.cell_type == "code"
    ], f"{path.name}: the Korean edition's code differs from the English; rebuild it"
    built = build_notebook(english, read_translations(translation_path(english)))
    assert [c.source for c in ko.cells] == [c.source for c in built.cells], (
        f"{path.name}: prose differs from the translation file; run 'python -m helpers.translation build'"
    )
