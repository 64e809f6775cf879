"""The reader's language: the Korean edition's kernels speak Korean with the English code."""

from __future__ import annotations

import re

import pytest

from helpers.checks import verify
from helpers.language import ENV_VAR, get_language, set_language


@pytest.fixture(autouse=True)
def _reset_language():
    set_language(None)
    yield
    set_language(None)


def test_the_folder_of_the_korean_edition_selects_korean(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    (tmp_path / "notebooks" / "ko").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "notebooks" / "ko")
    assert get_language() == "ko"
    monkeypatch.chdir(tmp_path / "notebooks")
    assert get_language() == "en"


def test_the_environment_variable_wins_over_the_folder_and_is_checked(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "ko")
    assert get_language() == "ko"
    monkeypatch.setenv(ENV_VAR, "kr")
    with pytest.raises(ValueError, match="WORKBOOK_LANG must be one of"):
        get_language()


def test_verdicts_speak_the_readers_language():
    set_language("ko")
    assert verify("00.1", ...).message.startswith("☐ 연습 00.1: 아직 풀지 않았습니다.")
    assert verify("00.1", float("nan")).message.startswith("✘ 연습 00.1: 아직 아닙니다. 힌트: ")
    set_language("en")
    assert verify("00.1", ...).message.startswith("☐ Try it 00.1 is not attempted yet")


def test_verdict_symbols_need_no_emoji_font():
    for answer in (..., float("nan")):
        message = verify("00.1", answer).message
        assert message[0] in "☐✔✘", message


def test_every_glossary_term_has_its_meaning_in_korean():
    from helpers.course import GLOSSARY, MEANING_KO

    terms = [k for k, *_ in GLOSSARY]
    assert sorted(MEANING_KO) == sorted(terms), (
        f"missing: {sorted(set(terms) - set(MEANING_KO))}; "
        f"not in the glossary: {sorted(set(MEANING_KO) - set(terms))}"
    )
    assert all(re.search(r"[\uac00-\ud7a3]", m) for m in MEANING_KO.values())
