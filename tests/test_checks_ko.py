"""The Korean edition's feedback: every exercise speaks Korean when the reader's language is "ko".

Three rules, each failing with the exercise or the line it is about:
- every exercise registers ``question_ko`` and ``success_ko``;
- every wrong verdict a student can get from the fuzz's odd answers and near misses
  (``tests/test_checks_fuzz.py``) carries a hint with Korean in it, not only the Korean frame;
- no checker in ``helpers/exercises`` returns a bare English string literal, nor raises a
  ``TypeError`` with one (its message becomes the hint): a hint is written as
  ``choose(en=..., ko=...)`` (``helpers.language``) or raised as ``AnswerError(en=..., ko=...)``,
  so the plausible wrong answers the topic tests send get Korean hints too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers.checks import _FRAMES, registered, verify
from helpers.language import set_language
from tests.test_checks_fuzz import GENERIC_ODD, _expected, _near_misses

EXERCISES = registered()
IDS = list(EXERCISES)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
EXERCISE_FILES = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "helpers" / "exercises").glob("*.py")
    if p.name != "__init__.py"  # the exercise modules and the hints they share (_shared.py)
)


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language(None)


def _hint(message: str, exercise_id: str) -> str:
    frame = _FRAMES["ko"]["wrong"].format(id=exercise_id)
    assert message.startswith(frame), f"{exercise_id}: not a Korean 'wrong' verdict: {message}"
    return message[len(frame) :]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_its_question_and_success_in_korean(exercise_id, korean):
    ex = EXERCISES[exercise_id]
    assert HANGUL.search(ex.question_ko), f"{exercise_id}: question_ko is missing"
    if ex.success:
        assert HANGUL.search(ex.success_ko), f"{exercise_id}: success_ko is missing"
        has_key, expected = _expected(exercise_id)
        if has_key:
            message = verify(exercise_id, expected).message
            assert ex.success_ko in message, f"{exercise_id}: the Korean success text is not shown"


@pytest.mark.parametrize("exercise_id", IDS)
def test_wrong_answers_get_korean_hints(exercise_id, korean):
    answers = list(GENERIC_ODD)
    has_key, expected = _expected(exercise_id)
    if has_key:
        answers += _near_misses(expected, EXERCISES[exercise_id].tolerance)
    for label, answer in answers:
        if answer is Ellipsis:
            continue
        verdict = verify(exercise_id, answer)
        if verdict.status != "wrong":
            continue
        hint = _hint(verdict.message, exercise_id)
        assert HANGUL.search(hint), (
            f"{exercise_id}: the answer {label} gets an English-only hint in the Korean edition: {hint}"
        )


def _bare_string_returns(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            if isinstance(value, ast.JoinedStr) or (
                isinstance(value, ast.Constant) and isinstance(value.value, str)
            ):
                found.append(f"{path.name}:{node.lineno}")
        if (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and getattr(node.exc.func, "id", None) == "TypeError"
            and node.exc.args
            and isinstance(node.exc.args[0], (ast.Constant, ast.JoinedStr))
        ):
            found.append(f"{path.name}:{node.lineno} (raise TypeError)")
    return found


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=[p.name for p in EXERCISE_FILES])
def test_checkers_return_hints_in_both_languages(path):
    bare = _bare_string_returns(path)
    assert not bare, (
        "these checkers give an English-only hint; write it as choose(en=..., ko=...) or raise "
        "AnswerError(en=..., ko=...): " + ", ".join(bare)
    )
