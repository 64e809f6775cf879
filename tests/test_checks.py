"""The exercise checker: verdicts, hints and the registry's integrity."""

from __future__ import annotations

import decimal
import fractions
import functools

import numpy as np
import pandas as pd
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
    assert checks.as_set([3, 1]) == {1, 3}
    assert checks.as_set(pd.Series([2, 5])) == {2, 5}
    assert checks.as_set([3, 1, 3], allow_duplicates=True) == {1, 3}
    with pytest.raises(TypeError):
        checks.as_set("12")


def test_as_set_and_as_ids_refuse_duplicates_missing_values_and_a_wrong_count():
    with pytest.raises(TypeError, match="distinct ids, but 3 appears more than once"):
        checks.as_set([3, 1, 3])
    with pytest.raises(TypeError, match="NaN"):
        checks.as_ids([1, float("nan")])
    with pytest.raises(TypeError, match="exactly 3 ids, got 2"):
        checks.as_ids([1, 2], n=3)
    assert checks.as_ids(np.array([4, 5]), n=2) == {4, 5}


@pytest.mark.parametrize(
    "bad, words",
    [
        (float("nan"), "NaN"),
        (float("inf"), "inf"),
        (-np.inf, "inf"),
        (pd.NA, "pd.NA"),
        (None, "None"),
        (True, "bool"),
        ("3", "without quotes"),
        (1e400, "inf"),
        (decimal.Decimal("NaN"), "NaN"),
        ([3], "single number"),
    ],
)
def test_as_number_and_as_integer_name_what_is_wrong_and_never_overflow(bad, words):
    for reader in (checks.as_number, checks.as_integer, checks.as_id):
        with pytest.raises(TypeError, match="expected") as err:
            reader(bad)
        assert words in str(err.value), (reader.__name__, bad, str(err.value))


def test_as_integer_never_truncates():
    assert checks.as_integer(np.int64(7)) == 7 and checks.as_integer(7.0) == 7
    assert checks.as_integer(2**60) == 2**60
    for bad in (206.7, decimal.Decimal("206.7"), fractions.Fraction(413, 2), np.float32(2.5)):
        with pytest.raises(TypeError, match="whole number"):
            checks.as_integer(bad)


def test_as_choice_refuses_negations_several_labels_and_unknown_ones():
    choices = ["collaborative", "adaptive", "cosmetic", "transparent"]
    assert checks.as_choice(" Collaborative ", choices) == "collaborative"
    assert (
        checks.as_choice("협동형", choices, aliases={"협동형": "collaborative"}) == "collaborative"
    )
    for bad, words in [
        ("not collaborative", "negation"),
        ("isn't adaptive", "negation"),
        ("adaptive or cosmetic", "ONE label"),
        ("colaborative", "expected one of the labels"),
        (3, "as text"),
    ]:
        with pytest.raises(TypeError, match=words):
            checks.as_choice(bad, choices)


def test_as_mapping_names_missing_extra_and_nan_keys():
    with pytest.raises(TypeError, match=r"missing \['lift'\]"):
        checks.as_mapping({"support": 0.1}, ["support", "lift"])
    with pytest.raises(TypeError, match="'lift' is NaN"):
        checks.as_mapping({"support": 0.1, "lift": float("nan")}, ["support", "lift"])
    assert checks.as_mapping(pd.Series({"a": 1.0}), ["a"]) == {"a": 1.0}


def test_missing_value_looks_inside_containers():
    assert checks.missing_value((1.0, float("nan"), 2.0)) == "NaN (not a number) at position 1"
    assert "under key 'lift'" in checks.missing_value({"lift": np.inf})
    assert "pd.NA" in checks.missing_value(pd.array([1, None], dtype="Int64"))
    assert checks.missing_value(pd.Series([1.0, 2.0])) is None
    assert checks.missing_value(pd.Series(pd.to_datetime(["2024-01-01", None]))).startswith("NaT")
    assert checks.missing_value("not a number") is None


@pytest.fixture()
def naive_triple():
    """A checker written the naive way: wrong only when a comparison says so (NaN slips through)."""

    @exercise("99.8", "support, confidence, lift", expected=lambda: (0.1, 0.5, 2.0))
    def _(answer):
        s, c, lift = answer
        if abs(s - 0.1) > 0.01 or abs(c - 0.5) > 0.01 or abs(lift - 2.0) > 0.01:
            return "recompute"
        return None

    yield "99.8"
    checks._REGISTRY.pop("99.8")


@pytest.mark.parametrize(
    "odd",
    [
        (float("nan"),) * 3,
        (0.1, 0.5, float("nan")),
        (0.1, 0.5, np.inf),
        (0.1, pd.NA, 2.0),
        [0.1, None, 2.0],
        np.array([0.1, np.nan, 2.0]),
    ],
)
def test_missing_values_are_never_judged_correct_and_are_named(naive_triple, odd):
    verdict = verify(naive_triple, odd)
    assert verdict.status == "wrong", (odd, verdict.message)
    assert any(w in verdict.message for w in ("NaN", "inf", "pd.NA", "None")), verdict.message


def test_a_checker_that_raises_anything_gives_a_verdict(naive_triple):
    for odd in (float("inf"), 3, object(), "abc", [1, 2]):
        verdict = verify(naive_triple, odd)
        assert verdict.status == "wrong"


@pytest.fixture()
def lenient():
    """Checkers that are too lenient; the second opinion (from expected=) must overrule them."""
    ids = [11, 12, 13]

    @exercise("99.5", "whole number", expected=lambda: 206)
    def _(answer):
        return None if int(answer) == 206 else "no"  # int() truncates 206.7

    @exercise("99.6", "three ids", expected=lambda: list(ids))
    def _(answer):
        return None if set(answer) == set(ids) else "no"  # a set forgets duplicates

    @exercise("99.7", "a label", expected=lambda: {"case": "collaborative"})
    def _(answer):
        return (
            None if "collaborative" in answer["case"] else "no"
        )  # 'not collaborative' contains it

    yield
    for key in ("99.5", "99.6", "99.7"):
        checks._REGISTRY.pop(key)


def test_second_opinion_refuses_truncation_duplicates_and_negations(lenient):
    assert verify("99.5", 206).correct
    assert "whole number" in verify("99.5", 206.7).message
    assert verify("99.6", [13, 12, 11]).correct
    assert "appears twice" in verify("99.6", [11, 12, 13, 11]).message
    assert verify("99.7", {"case": "collaborative (협동형)"}).correct
    assert "negation" in verify("99.7", {"case": "not collaborative"}).message


def test_a_broken_checker_return_value_is_never_correct():
    @exercise("99.4", "?")
    def _(answer):
        return "" if answer == 1 else False

    try:
        assert not verify("99.4", 1).correct
        assert not verify("99.4", 2).correct
    finally:
        checks._REGISTRY.pop("99.4")


def test_editing_a_helpers_constant_cannot_change_an_answer_key():
    """The 04.4 DELIVERY_APP and 08.3 SEGMENT_RULES cases: a notebook edit of a module constant."""
    import helpers.rfm as rfm

    calls = []

    @functools.cache
    def _key() -> str:
        calls.append(1)
        return str(rfm.SEGMENT_RULES.loc[0, "segment"])

    @exercise("99.3", "first segment", expected=lambda: "Champions")
    def _(answer):
        return None if answer == _key() else "no"

    original = rfm.SEGMENT_RULES
    try:
        assert verify("99.3", "Champions").correct
        rfm.SEGMENT_RULES.loc[0, "segment"] = "Edited"  # the student's what-if edit, in place
        assert not verify("99.3", "Edited").correct
        assert verify("99.3", "Champions").correct
        # the student's object is left as they made it, and nothing else changed
        assert rfm.SEGMENT_RULES is original and original.loc[0, "segment"] == "Edited"
        rfm.SEGMENT_RULES = original.assign(segment="Rebound")  # rebinding is caught too
        assert verify("99.3", "Champions").correct
    finally:
        original.loc[0, "segment"] = "Champions"
        rfm.SEGMENT_RULES = original
        checks._REGISTRY.pop("99.3")


def test_read_only_tables_refuse_edits_and_copies_are_editable():
    table = checks.read_only(pd.DataFrame({"performance": [4.1, 3.2]}))
    with pytest.raises(ValueError, match="read-only"):
        table.loc[0, "performance"] = 4.9
    editable = table.copy()
    editable.loc[0, "performance"] = 4.9
    assert table.loc[0, "performance"] == 4.1


KERNEL_CELLS = [
    "from helpers.checks import check, exercise\n"
    "@exercise('99.1', 'three')\n"
    "def _a(answer):\n    return None if answer == 3 else 'no'\n"
    "@exercise('99.2', 'three again')\n"
    "def _b(answer):\n    return None if answer == 3 else 'no'",
    "answer = 3",
    'check("99.1", answer)',
    'check("99.2", answer)',  # the stale answer of 99.1 (the 07.1 -> 07.2 case)
    "answer = 1 / 0",
    'check("99.2", answer)',  # after a failed answer cell
    "answer = 3",
    'check("99.2", answer)',
    'answer = 3\ncheck("99.1", answer)',  # answer and check in one cell
    'check("99.1", 3)',  # a literal: graded as given
]


def test_in_a_real_kernel_failed_and_stale_answer_cells_are_named():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in KERNEL_CELLS]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    out = [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in nb.cells
    ]
    assert "correct" in out[2]
    assert "not checked" in out[3] and "written for Try it 99.1" in out[3]
    assert any(o.output_type == "error" for o in nb.cells[4].outputs)
    assert "not checked" in out[5] and "raised an error" in out[5]
    assert "correct" in out[7], out[7]
    assert "correct" in out[8], out[8]
    assert "correct" in out[9], out[9]
