"""The exercise checker: verdicts, hints and the registry's integrity."""

from __future__ import annotations

import pytest

from helpers import checks
from helpers.checks import check, exercise, registered, verify


@pytest.fixture()
def demo_exercise():
    @exercise("99.9", "What is 6 × 7?", success="Six sevens are forty-two.")
    def _(answer):
        value = checks.as_number(answer)
        if value == 13:
            return "You added 6 and 7; the question multiplies them."
        return None if value == 42 else "Multiply 6 by 7."

    yield "99.9"
    checks._REGISTRY.pop("99.9")


def test_ellipsis_means_not_attempted(demo_exercise):
    verdict = verify(demo_exercise, ...)
    assert verdict.status == "not attempted"
    assert "replace the ..." in verdict.message


def test_correct_answer_prints_success(demo_exercise, capsys):
    check(demo_exercise, 42)
    out = capsys.readouterr().out
    assert "correct" in out and "forty-two" in out


def test_wrong_answer_gets_the_targeted_hint(demo_exercise):
    verdict = verify(demo_exercise, 13)
    assert verdict.status == "wrong" and not verdict.correct
    assert "added 6 and 7" in verdict.message


def test_wrong_type_gets_a_readable_hint_not_a_traceback(demo_exercise):
    verdict = verify(demo_exercise, "42")
    assert verdict.status == "wrong"
    assert "expected a number" in verdict.message


def test_unknown_id_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown exercise id '77.7'.*00.1"):
        verify("77.7", 1)


def test_registering_a_different_checker_twice_is_refused(demo_exercise):
    with pytest.raises(ValueError, match="registered twice"):
        exercise(demo_exercise, "again")(lambda answer: None)


def test_every_registered_exercise_has_a_well_formed_id_and_question():
    for ex_id, ex in registered().items():
        number, _, k = ex_id.partition(".")
        assert len(number) == 2 and number.isdigit() and k.isdigit(), ex_id
        assert ex.question.strip(), f"{ex_id} has no question"


def test_is_close_rejects_non_numbers():
    assert checks.is_close(250.0001, 250)
    assert not checks.is_close("250", 250)
    assert not checks.is_close(True, 1)


def test_as_set_accepts_lists_and_series_but_not_strings():
    import pandas as pd

    assert checks.as_set([3, 1, 3]) == {1, 3}
    assert checks.as_set(pd.Series([2, 5])) == {2, 5}
    with pytest.raises(TypeError):
        checks.as_set("12")
