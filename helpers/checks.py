"""Instant feedback for the workbook's "Try it" exercises.

Every exercise has an id such as ``"02.1"`` (notebook 02, first exercise). Its checker lives in
``helpers/exercises/exNN.py`` (one module per notebook, so each notebook's exercises are registered
in one place) and computes the expected answer from the data, never from a typed-in number.

In a notebook the answer cell starts as ``answer = ...`` and the next cell calls
``check("02.1", answer)``, which prints one verdict: not attempted yet, correct, or not yet with a
hint that points at the likely misconception.

The framework guards every checker, so that no wrong answer is ever judged right
(``/work/coord/CHECKS_PATTERN.md`` and CONTRIBUTING.md describe the pattern):

- NaN, inf, ``pd.NA``, NaT and None anywhere in an answer are refused with a hint naming them,
  before the checker runs (a comparison with NaN is always False, so a checker written as
  "wrong if ``abs(x - e) > tol``" would otherwise let NaN through);
- no exception escapes: a checker that raises gives a "could not be checked" hint;
- a checker registered with ``expected=`` gets a second opinion after "correct": a whole-number
  answer may not be a fraction, a collection must have the expected length (duplicates are
  wrong), a label may not say "not X";
- in a notebook, :func:`check` says so when the cell that last assigned ``answer`` failed, or when
  that ``answer`` was already graded for another exercise (a stale answer);
- the upper-case constants of every ``helpers`` module are snapshotted, and each check runs with
  the pristine values in place, so editing ``DELIVERY_APP`` or ``SEGMENT_RULES`` in a notebook
  cannot change an answer key (and a cache filled from an edited constant is cleared).

Examples
--------
>>> from helpers.checks import check
>>> check("00.1", ...)
☐ Try it 00.1 is not attempted yet: replace the ... with your answer and run the cell again.
"""

from __future__ import annotations

import contextlib
import copy
import decimal
import fractions
import importlib
import math
import numbers
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.language import choose, get_language

__all__ = [
    "AnswerError",
    "Exercise",
    "Verdict",
    "as_choice",
    "as_letter",
    "as_id",
    "as_ids",
    "as_integer",
    "as_mapping",
    "as_number",
    "as_set",
    "check",
    "exercise",
    "expected_answer",
    "is_close",
    "missing_value",
    "read_only",
    "registered",
    "verify",
]

# A checker receives the student's answer and returns None when it is right, or a hint (str).
Checker = Callable[[Any], str | None]


class AnswerError(TypeError):
    """A reader's refusal of an answer's form, worded in the reader's language.

    It is a ``TypeError`` (what the readers have always raised), so ``except TypeError`` still
    catches it; :func:`verify` shows its message as the hint.

    Examples
    --------
    >>> str(AnswerError(en="expected a number", ko="숫자를 기대했습니다"))
    'expected a number'
    """

    def __init__(self, *, en: str, ko: str) -> None:
        super().__init__(choose(en=en, ko=ko))


@dataclass(frozen=True)
class Exercise:
    """A registered exercise: its id, the question in one line, its checker and its answer key.

    ``expected`` (optional) returns one answer the checker accepts, in the form a student's
    solution gives it; ``tolerance`` is the absolute distance a numeric answer may be off;
    ``allow_missing`` lets NaN/None inside an answer reach the checker.
    """

    id: str
    question: str
    checker: Checker
    success: str = ""
    expected: Callable[[], Any] | None = None
    tolerance: float | None = None
    allow_missing: bool = False
    question_ko: str = ""
    success_ko: str = ""

    def text(self, field: str) -> str:
        """``question`` or ``success`` in the reader's language (English where no Korean is given).

        Examples
        --------
        >>> from helpers.language import set_language
        >>> ex = Exercise("99.9", "Why?", lambda a: None, question_ko="왜?")
        >>> set_language("ko"); ex.text("question"); set_language(None)
        '왜?'
        """
        if field not in ("question", "success"):
            raise ValueError(f"field must be 'question' or 'success', got {field!r}")
        korean = getattr(self, f"{field}_ko")
        return korean if get_language() == "ko" and korean else getattr(self, field)


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer."""

    exercise_id: str
    status: str  # "not attempted" | "correct" | "wrong"
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return self.message


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def exercise(
    exercise_id: str,
    question: str,
    *,
    success: str = "",
    expected: Callable[[], Any] | None = None,
    tolerance: float | None = None,
    allow_missing: bool = False,
    question_ko: str = "",
    success_ko: str = "",
) -> Callable[[Checker], Checker]:
    """Register a checker for an exercise (used as a decorator in ``helpers/exercises``).

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``: notebook number and exercise number.
    question : str
        The question in one line, shown when the id is listed.
    success : str, optional
        A sentence printed after "correct" that says what the result means.
    expected : callable, optional
        Called without arguments, returns one correct answer (an ``int`` count or id, a ``float``,
        a list of ids, a dict, a label, a bool), computed from the data. It enables the
        framework's second opinion and the fuzz test ``tests/test_checks_fuzz.py``.
    tolerance : float, optional
        For numeric answers: the absolute distance the checker accepts (the fuzz test requires
        answers 3 tolerances away to be judged wrong).
    allow_missing : bool, default False
        Let answers containing NaN or None reach the checker (only if such an answer can be right).
    question_ko, success_ko : str, optional
        The question and the success sentence in Korean, for the Korean edition (한국어판). Hints
        speak the reader's language through :func:`helpers.language.choose` inside the checker.

    Examples
    --------
    >>> @exercise("99.1", "What is 6 × 7?", expected=lambda: 42)
    ... def _(answer):
    ...     return None if as_integer(answer) == 42 else "Multiply, do not add."
    >>> verify("99.1", 42.5).status
    'wrong'
    >>> _ = _REGISTRY.pop("99.1")
    """
    if tolerance is not None and not (
        isinstance(tolerance, (int, float)) and math.isfinite(tolerance) and tolerance >= 0
    ):
        raise ValueError(
            f"tolerance of {exercise_id} must be a finite number >= 0, got {tolerance!r}"
        )
    if expected is not None and not callable(expected):
        raise TypeError(
            f"expected of {exercise_id} must be a callable without arguments (e.g. a lambda), "
            f"got {type(expected).__name__}"
        )

    def decorate(checker: Checker) -> Checker:
        if exercise_id in _REGISTRY and _REGISTRY[exercise_id].checker is not checker:
            raise ValueError(f"exercise {exercise_id!r} is registered twice")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id,
            question,
            checker,
            success,
            expected,
            tolerance,
            allow_missing,
            question_ko,
            success_ko,
        )
        _snapshot_constants()  # the exercise module's constants, as written in its source
        return checker

    return decorate


def _load_all() -> None:
    """Import every module in helpers.exercises once, so their exercises register."""
    global _LOADED
    if _LOADED:
        return
    from helpers import exercises

    for module in pkgutil.iter_modules(exercises.__path__):
        importlib.import_module(f"helpers.exercises.{module.name}")
    _LOADED = True
    _snapshot_constants()


def registered() -> dict[str, Exercise]:
    """All registered exercises, by id (sorted).

    Examples
    --------
    >>> "00.1" in registered()
    True
    """
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def expected_answer(exercise_id: str) -> Any:
    """The registered expected answer of an exercise (for tests and instructors), or a LookupError.

    Examples
    --------
    >>> expected_answer("77.7")
    Traceback (most recent call last):
    ...
    ValueError: unknown exercise id '77.7'; ...
    """
    ex = _lookup(exercise_id)
    if ex.expected is None:
        raise LookupError(f"exercise {exercise_id} has no expected= answer registered")
    with _pristine_constants():
        return ex.expected()


def _lookup(exercise_id: str) -> Exercise:
    exercises = registered()
    if exercise_id not in exercises:
        known = ", ".join(exercises) or "none"
        raise ValueError(f"unknown exercise id {exercise_id!r}; registered ids are: {known}")
    return exercises[exercise_id]


def verify(exercise_id: str, answer: Any) -> Verdict:
    """Check an answer and return the verdict without printing it (used by the tests).

    Examples
    --------
    >>> verify("00.1", ...).status
    'not attempted'
    >>> verify("00.1", float("nan")).message[:60]
    '✘ Try it 00.1: not yet. Hint: your answer is NaN (not a numb'
    """
    ex = _lookup(exercise_id)
    if answer is Ellipsis:
        return Verdict(exercise_id, "not attempted", _frame("not attempted", exercise_id))
    hint = None if ex.allow_missing else _missing_hint(answer)
    if hint is None:
        with _pristine_constants():
            hint = _run_checker(ex, answer)
            if hint is None and ex.expected is not None:
                hint = _second_opinion(ex, answer)
    if hint is None:
        success = ex.text("success")
        tail = f" {success}" if success else ""
        return Verdict(exercise_id, "correct", _frame("correct", exercise_id) + tail)
    return Verdict(exercise_id, "wrong", _frame("wrong", exercise_id) + hint)


# The words around a verdict, in the reader's language (helpers.language). The symbols are plain
# text characters (☐ ✔ ✘), which the embedded fonts of the book, the slides and the lab carry; the
# emoji they replace drew as empty boxes on machines without an emoji font.
_FRAMES = {
    "en": {
        "not attempted": "☐ Try it {id} is not attempted yet: replace the ... with your answer "
        "and run the cell again.",
        "correct": "✔ Try it {id}: correct!",
        "wrong": "✘ Try it {id}: not yet. Hint: ",
        "not checked": "✘ Try it {id}: not checked. ",
    },
    "ko": {
        "not attempted": "☐ 연습 {id}: 아직 풀지 않았습니다. ...을 답으로 바꾸고 셀을 다시 "
        "실행하십시오.",
        "correct": "✔ 연습 {id}: 정답입니다!",
        "wrong": "✘ 연습 {id}: 아직 아닙니다. 힌트: ",
        "not checked": "✘ 연습 {id}: 채점하지 않았습니다. ",
    },
}


def _frame(kind: str, exercise_id: str) -> str:
    return _FRAMES[get_language()][kind].format(id=exercise_id)


def _run_checker(ex: Exercise, answer: Any) -> str | None:
    """The checker's hint; any exception becomes a hint (a check never ends in a traceback)."""
    try:
        hint = ex.checker(answer)
    except Exception as err:  # noqa: BLE001 - a student must always get a verdict
        if isinstance(err, AnswerError) or (
            isinstance(err, TypeError) and str(err).startswith("expected")
        ):
            return f"{err}."  # an as_* reader saying in words what kind of answer was expected
        return choose(
            en=f"your answer could not be checked ({type(err).__name__}: {err}). "
            f"{_shape_hint(answer)}",
            ko=f"답을 채점할 수 없었습니다({type(err).__name__}: {err}). {_shape_hint(answer)}",
        )
    if hint is None:
        return None
    if not isinstance(hint, str) or not hint.strip():
        # A checker must return None or a hint; anything else is never read as "correct".
        return choose(
            en=f"your answer could not be checked. {_shape_hint(answer)}",
            ko=f"답을 채점할 수 없었습니다. {_shape_hint(answer)}",
        )
    return hint


def check(exercise_id: str, answer: Any) -> None:
    """Print a clear verdict on an answer: not attempted yet, correct, or wrong with a hint.

    In a notebook it also notices an answer cell that failed and an answer left over from
    another exercise.

    Examples
    --------
    >>> check("00.1", 2)
    ✘ Try it 00.1: not yet. Hint: ...
    """
    problem = _TRACKER.problem(exercise_id, answer)
    if problem is not None:
        print(_frame("not checked", exercise_id) + problem)
        return
    print(verify(exercise_id, answer))


# ---------------------------------------------------------------------------------------------
# Missing and non-finite values anywhere in an answer

_SCAN_LIMIT = 100_000  # items looked at in one collection (a 2-million list stays fast)


def missing_value(answer: Any, *, _depth: int = 0) -> str | None:
    """A phrase naming the first missing or non-finite value in ``answer`` (None if there is none).

    Looks into lists, tuples, sets, dict values, Series, Index and arrays (not into DataFrames).

    Examples
    --------
    >>> missing_value({"support": 0.1, "lift": float("nan")})
    "NaN (not a number) under key 'lift'"
    >>> missing_value([1, 2]) is None
    True
    """
    name = _missing_scalar(answer)
    if name is not None or _depth > 3:
        return name
    if isinstance(answer, Mapping):
        for key, value in list(answer.items())[:_SCAN_LIMIT]:
            found = missing_value(value, _depth=_depth + 1)
            if found is not None:
                return choose(en=f"{found} under key {key!r}", ko=f"키 {key!r}의 값이 {found}")
        return None
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray)):
        values = (
            np.asarray(
                answer,
                dtype=object
                if isinstance(getattr(answer, "dtype", None), pd.api.extensions.ExtensionDtype)
                else None,
            )[:_SCAN_LIMIT]
            if np.ndim(answer) == 1
            else None
        )
        if values is None:
            return None
        if values.dtype.kind in "fc":
            bad = ~np.isfinite(values)
            if bad.any():
                at = int(np.argmax(bad))
                found = _missing_scalar(values[bad][0])
                return choose(en=f"{found} at position {at}", ko=f"위치 {at}의 값이 {found}")
            return None
        if values.dtype.kind == "M" and np.isnat(values).any():
            at = int(np.argmax(np.isnat(values)))
            return choose(
                en=f"NaT (a missing date) at position {at}", ko=f"위치 {at}의 값이 NaT(빠진 날짜)"
            )
        if values.dtype.kind != "O":
            return None
        answer = values.tolist()
    if isinstance(answer, (list, tuple, set, frozenset)):
        for i, value in enumerate(answer):
            if i >= _SCAN_LIMIT:
                break
            found = missing_value(value, _depth=_depth + 1)
            if found is not None:
                if isinstance(answer, (set, frozenset)):
                    return found
                return choose(en=f"{found} at position {i}", ko=f"위치 {i}의 값이 {found}")
    return None


def _missing_scalar(value: Any) -> str | None:
    if value is None:
        return choose(en="None (no value)", ko="None(값 없음)")
    if value is pd.NA:
        return choose(en="pd.NA (a missing value)", ko="pd.NA(빠진 값)")
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        return choose(en="NaT (a missing date)", ko="NaT(빠진 날짜)")
    if isinstance(value, (bool, np.bool_, str, bytes)):
        return None
    if isinstance(value, decimal.Decimal):
        if value.is_nan():
            return _nan_name()
        return _inf_name(1) if value.is_infinite() else None
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        return None if all(map(math.isfinite, (value.real, value.imag))) else _nan_name()
    if isinstance(value, numbers.Real):
        try:
            x = float(value)
        except (OverflowError, ValueError):
            return None
        if math.isnan(x):
            return _nan_name()
        if math.isinf(x):
            return _inf_name(x)
    return None


def _nan_name() -> str:
    return choose(en="NaN (not a number)", ko="NaN(숫자가 아님)")


def _inf_name(sign: float) -> str:
    if sign > 0:
        return choose(en="infinity (inf)", ko="무한대(inf)")
    return choose(en="minus infinity (-inf)", ko="음의 무한대(-inf)")


def _missing_hint(answer: Any) -> str | None:
    found = missing_value(answer)
    if found is None:
        return None
    if answer is None:
        return choose(
            en="your answer is None (no value). Did the answer cell end with print(...) or a "
            "function that returns nothing? Assign the value itself: answer = <expression>.",
            ko="답이 None(값 없음)입니다. 답 셀이 print(...)나 아무것도 돌려주지 않는 함수로 "
            "끝나지 않았나요? 값 자체를 대입하십시오: answer = <식>.",
        )
    scalar = _missing_scalar(answer) is not None
    return choose(
        en=f"your answer {'is' if scalar else 'contains'} {found}. A missing or infinite value "
        "usually means a division by zero, an empty selection or a typo in a filter; look at the "
        "numbers you combined, fix them, and give a real value.",
        ko=(f"답이 {found}입니다. " if scalar else f"답 안에 빠진 값이 있습니다: {found}. ")
        + "빠진 값이나 무한대는 대개 0으로 나누기, 빈 선택, 필터의 오타에서 생깁니다. 계산에 쓴 "
        "숫자를 살펴보고 고친 뒤 실제 값을 주십시오.",
    )


# ---------------------------------------------------------------------------------------------
# The second opinion: things a checker must never call right, given the expected answer

_NEGATION = re.compile(r"\b(not|no|non|never|neither|nor|without)\b|n't\b", re.IGNORECASE)


def _second_opinion(ex: Exercise, answer: Any) -> str | None:
    try:
        expected = ex.expected()  # type: ignore[misc]
    except Exception:  # noqa: BLE001 - a broken answer key must not turn a verdict into a crash
        return None  # the checker's own verdict stands; tests/test_checks_fuzz.py reports it
    return _disagreement(answer, expected)


def _disagreement(answer: Any, expected: Any, _depth: int = 0) -> str | None:
    if _depth > 3:
        return None
    if isinstance(expected, (bool, np.bool_)):
        if isinstance(answer, (bool, np.bool_)) and bool(answer) != bool(expected):
            return choose(
                en="read the question again: your yes/no answer is the opposite one.",
                ko="문제를 다시 읽어 보십시오. 예/아니요 답이 반대입니다.",
            )
        return None
    if _is_integral_number(expected):
        if isinstance(answer, numbers.Real) and not isinstance(answer, (bool, np.bool_)):
            x = float(answer)
            if math.isfinite(x) and x != math.floor(x):
                return choose(
                    en=f"the answer is a whole number; {answer!r} is not one (do not round or "
                    "truncate it yourself).",
                    ko=f"답은 정수입니다. {answer!r}은(는) 정수가 아닙니다(직접 반올림하거나 "
                    "잘라 내지 마십시오).",
                )
        return None
    if isinstance(expected, str):
        if isinstance(answer, str) and _NEGATION.search(answer) and not _NEGATION.search(expected):
            return choose(
                en=f"give the label itself, not a negation: {answer!r} says what it is not.",
                ko=f"부정이 아니라 이름 자체를 답하십시오. {answer!r}은(는) 무엇이 아닌지를 "
                "말합니다.",
            )
        return None
    if isinstance(expected, Mapping):
        if isinstance(answer, Mapping):
            for key, value in expected.items():
                if key in answer:
                    found = _disagreement(answer[key], value, _depth + 1)
                    if found is not None:
                        return choose(en=f"under {key!r}: {found}", ko=f"키 {key!r}: {found}")
        return None
    if isinstance(expected, (list, tuple, set, frozenset, pd.Index, pd.Series, np.ndarray)):
        if _is_collection(answer) and not isinstance(answer, Mapping):
            try:
                n_answer, n_expected = len(answer), len(expected)
            except TypeError:
                return None
            if n_answer != n_expected:
                distinct = len(_distinct(answer))
                if distinct < n_answer:
                    return choose(
                        en=f"your answer lists {n_answer} items but only {distinct} different "
                        "ones: an item appears twice.",
                        ko=f"답에 항목이 {n_answer}개 있지만 서로 다른 것은 {distinct}개뿐입니다. "
                        "같은 항목이 두 번 들어 있습니다.",
                    )
                return choose(
                    en=f"give exactly {n_expected} items (you gave {n_answer}).",
                    ko=f"항목을 정확히 {n_expected}개 주십시오(준 답은 {n_answer}개).",
                )
        return None
    return None


def _is_integral_number(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _is_collection(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes))


def _distinct(values: Iterable) -> set:
    out = set()
    for v in values:
        v = v.item() if hasattr(v, "item") and np.ndim(v) == 0 else v
        try:
            out.add(v)
        except TypeError:
            out.add(repr(v))
    return out


# ---------------------------------------------------------------------------------------------
# Answer readers: each returns a clean value or raises TypeError("expected ...") (shown as a hint)


def is_close(answer: Any, expected: float, *, rel: float = 1e-3, abs_tol: float = 1e-9) -> bool:
    """True when ``answer`` is a finite real number within tolerance of ``expected``.

    Examples
    --------
    >>> is_close(250.0001, 250)
    True
    >>> is_close(float("nan"), float("nan"))
    False
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return False
    x, e = float(answer), float(expected)
    if not (math.isfinite(x) and math.isfinite(e)):
        return False
    return math.isclose(x, e, rel_tol=rel, abs_tol=abs_tol)


def as_number(answer: Any) -> float:
    """The answer as a finite float, or a TypeError that says a single number was expected.

    Examples
    --------
    >>> as_number(np.float32(0.5))
    0.5
    >>> as_number(float("inf"))
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected a number, got infinity (inf): ...
    """
    if isinstance(answer, (pd.Series, pd.DataFrame, pd.Index, list, tuple, set, dict, np.ndarray)):
        size = getattr(answer, "size", None)
        if isinstance(answer, np.ndarray) and size == 1 and answer.ndim == 0:
            answer = answer.item()
        else:
            raise AnswerError(
                en=f"expected a single number, got a {type(answer).__name__}",
                ko=f"숫자 하나를 기대했는데 {type(answer).__name__}을(를) 받았습니다",
            )
    if isinstance(answer, (str, bytes)):
        raise AnswerError(
            en=f"expected a number, but you gave text {answer!r}: write it without quotes",
            ko=f"숫자를 기대했는데 텍스트 {answer!r}을(를) 받았습니다. 따옴표 없이 쓰십시오",
        )
    missing = _missing_scalar(answer)
    if missing is not None:
        raise AnswerError(
            en=f"expected a number, got {missing}: compute a real value",
            ko=f"숫자를 기대했는데 {missing}을(를) 받았습니다. 실제 값을 계산하십시오",
        )
    if isinstance(answer, (bool, np.bool_)) or not isinstance(
        answer, (int, float, np.integer, np.floating, decimal.Decimal, fractions.Fraction)
    ):
        raise AnswerError(
            en=f"expected a number, got {type(answer).__name__} {_short(answer)}",
            ko=f"숫자를 기대했는데 {type(answer).__name__} {_short(answer)}을(를) 받았습니다",
        )
    try:
        value = float(answer)
    except OverflowError:
        value = math.inf  # refused just below, with the same words
    if not math.isfinite(value):
        raise AnswerError(
            en=f"expected a number of sensible size, got {_short(answer)}",
            ko=f"적당한 크기의 숫자를 기대했는데 {_short(answer)}을(를) 받았습니다",
        )
    return value


def as_integer(answer: Any) -> int:
    """The answer as a whole number, or a TypeError that says one was expected (206.7 is not 206).

    Examples
    --------
    >>> as_integer(4.0)
    4
    >>> as_integer(206.7)
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected a whole number, got 206.7
    """
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, (bool, np.bool_)):
        return int(answer)  # exact even beyond 2**53
    value = as_number(answer)
    if value != math.floor(value):
        raise AnswerError(
            en=f"expected a whole number, got {_short(answer)}",
            ko=f"정수를 기대했는데 {_short(answer)}을(를) 받았습니다",
        )
    return int(value)


def as_id(answer: Any) -> int:
    """One (integer) customer or item id; like :func:`as_integer`, never a truncated float.

    Examples
    --------
    >>> as_id(np.int64(211))
    211
    """
    try:
        return as_integer(answer)
    except TypeError as err:
        raise AnswerError(
            en=str(err).replace("a whole number", "an id (a whole number)", 1),
            ko=str(err).replace("정수를", "id(정수)를", 1),
        ) from None


def as_ids(answer: Any, *, n: int | None = None) -> set:
    """A collection of distinct ids as a set; refuses repeats, missing values and a wrong count.

    Accepts a list, tuple, set, Index or Series of ids (a DataFrame's index is used).

    Examples
    --------
    >>> sorted(as_ids([3, 1, 2], n=3))
    [1, 2, 3]
    >>> as_ids([3, 1, 3])
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected distinct ids, but 3 appears more than once
    """
    ids = as_set(answer)
    if n is not None:
        size = _size(answer)
        if size != n:
            raise AnswerError(
                en=f"expected exactly {n} ids, got {size}",
                ko=f"id를 정확히 {n}개 기대했는데 {size}개를 받았습니다",
            )
    return ids


def as_set(answer: Any, *, allow_duplicates: bool = False) -> set:
    """The answer as a set of labels (a list, tuple, set, Index or Series of labels).

    Repeated labels are refused unless ``allow_duplicates=True`` (a list of 13 ids with 3 repeats
    is not a list of 10 ids); missing values are refused.

    Examples
    --------
    >>> as_set(pd.Series([2, 5])) == {2, 5}
    True
    """
    if (
        isinstance(answer, (str, bytes))
        or not isinstance(answer, Iterable)
        or isinstance(answer, Mapping)
    ):
        raise AnswerError(
            en=f"expected a collection of ids, got {type(answer).__name__}",
            ko=f"id의 모음(리스트 등)을 기대했는데 {type(answer).__name__}을(를) 받았습니다",
        )
    values = answer.index if isinstance(answer, pd.DataFrame) else answer
    out: set = set()
    for v in values:
        missing = _missing_scalar(v)
        if missing is not None:
            raise AnswerError(
                en=f"expected ids, but the collection contains {missing}",
                ko=f"id를 기대했는데 모음 안에 {missing}이(가) 들어 있습니다",
            )
        v = v.item() if hasattr(v, "item") and np.ndim(v) == 0 else v
        if isinstance(v, float) and v == math.floor(v):
            v = int(v)  # 12.0 and 12 are the same id
        try:
            hash(v)
        except TypeError:
            raise AnswerError(
                en=f"expected a flat collection of ids, got an item {_short(v)}",
                ko=f"id가 한 겹으로 담긴 모음을 기대했는데 항목 {_short(v)}이(가) 있습니다",
            ) from None
        if v in out and not allow_duplicates:
            raise AnswerError(
                en=f"expected distinct ids, but {v!r} appears more than once",
                ko=f"서로 다른 id를 기대했는데 {v!r}이(가) 두 번 이상 나옵니다",
            )
        out.add(v)
    return out


def _size(answer: Any) -> int:
    values = answer.index if isinstance(answer, pd.DataFrame) else answer
    return len(values) if hasattr(values, "__len__") else sum(1 for _ in values)


def _normal_label(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return re.sub(r"[\s_\-]+", " ", text)


def as_choice(
    answer: Any, choices: Iterable[str], *, aliases: Mapping[str, str] | None = None
) -> str:
    """One label out of ``choices``; case, spaces, ``_`` and ``-`` do not matter.

    Refuses negations ("not X", "no X"), answers naming several choices ("X or Y") and unknown
    labels (listing the choices). ``aliases`` maps other accepted spellings (e.g. Korean names)
    to a choice.

    Examples
    --------
    >>> as_choice(" Value-Based ", ["mass", "value based"])
    'value based'
    >>> as_choice("not mass", ["mass", "niche"])
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected one of the labels, not a negation: 'not mass'
    """
    options = {_normal_label(c): c for c in choices}
    for alias, target in (aliases or {}).items():
        options.setdefault(_normal_label(alias), target)
    labels = list(dict.fromkeys(options.values()))
    if not isinstance(answer, str):
        raise AnswerError(
            en=f"expected one of the labels {labels} as text, got {type(answer).__name__}",
            ko=f"이름 {labels} 가운데 하나를 텍스트로 기대했는데 {type(answer).__name__}을(를) "
            "받았습니다",
        )
    label = _normal_label(answer)
    if label in options:
        return options[label]
    if _NEGATION.search(answer):
        raise AnswerError(
            en=f"expected one of the labels, not a negation: {answer!r}",
            ko=f"부정이 아니라 이름 가운데 하나를 기대했습니다: {answer!r}",
        )
    named = {v for k, v in options.items() if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", label)}
    if len(named) > 1:
        raise AnswerError(
            en=f"expected ONE label, but {answer!r} names {sorted(named)}",
            ko=f"이름 하나를 기대했는데 {answer!r}은(는) {sorted(named)}을(를) 모두 말합니다",
        )
    raise AnswerError(
        en=f"expected one of the labels {labels}, got {answer!r}",
        ko=f"이름 {labels} 가운데 하나를 기대했는데 {answer!r}을(를) 받았습니다",
    )


def as_letter(answer: Any, choices: Sequence[str]) -> str:
    """One letter of a multiple-choice question ("b", " B ", "(b)"), else a hint naming the choices.

    Examples
    --------
    >>> as_letter(" (B) ", ("a", "b", "c"))
    'b'
    >>> as_letter(2, ("a", "b"))
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected one letter as text, e.g. "b", got int 2
    """
    if not isinstance(answer, str):
        raise AnswerError(
            en=f'expected one letter as text, e.g. "b", got {type(answer).__name__} {answer!r}',
            ko=f'글자 하나를 텍스트로 기대했는데(예: "b") {type(answer).__name__} {answer!r}을(를) '
            "받았습니다",
        )
    try:
        return as_choice(answer.strip().strip("()."), tuple(choices))
    except TypeError:
        letters = ", ".join(choices)
        raise AnswerError(
            en=f"expected one of the letters {letters}, got {answer!r}",
            ko=f"글자 {letters} 가운데 하나를 기대했는데 {answer!r}을(를) 받았습니다",
        ) from None


def as_mapping(answer: Any, keys: Iterable[str]) -> dict:
    """A dict answer with exactly the keys needed (a Series is accepted); names missing keys.

    Examples
    --------
    >>> as_mapping({"a": 1, "b": 2}, ["a"])
    Traceback (most recent call last):
    ...
    helpers.checks.AnswerError: expected a dict with the key(s) ['a'], but it also has ['b']
    """
    keys = list(keys)
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        raise AnswerError(
            en=f"expected a dict with the key(s) {keys}, got {type(answer).__name__}",
            ko=f"키 {keys}을(를) 가진 dict를 기대했는데 {type(answer).__name__}을(를) 받았습니다",
        )
    missing = [k for k in keys if k not in answer]
    if missing:
        raise AnswerError(
            en=f"expected a dict with the key(s) {keys}; missing {missing}",
            ko=f"키 {keys}을(를) 가진 dict를 기대했는데 {missing}이(가) 빠졌습니다",
        )
    extra = [k for k in answer if k not in keys]
    if extra:
        raise AnswerError(
            en=f"expected a dict with the key(s) {keys}, but it also has {extra}",
            ko=f"키 {keys}을(를) 가진 dict를 기대했는데 {extra}도 들어 있습니다",
        )
    for key in keys:
        found = missing_value(answer[key])
        if found is not None:
            raise AnswerError(
                en=f"expected real values, but {key!r} is {found}",
                ko=f"실제 값을 기대했는데 {key!r}의 값이 {found}입니다",
            )
    return dict(answer)


def read_only(frame: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """The same table with its values made read-only: editing it raises, ``.copy()`` is editable.

    Use it for constants a notebook imports from an exercise module, so a what-if edit in the
    notebook cannot change the answer key.

    Examples
    --------
    >>> t = read_only(pd.DataFrame({"x": [1.0]}))
    >>> t.loc[0, "x"] = 2.0
    Traceback (most recent call last):
    ...
    ValueError: assignment destination is read-only
    >>> editable = t.copy()
    >>> editable.loc[0, "x"] = 2.0
    """
    if not isinstance(frame, (pd.DataFrame, pd.Series)):
        raise TypeError(f"read_only takes a DataFrame or Series, got {type(frame).__name__}")
    out = frame.copy()
    for block in out._mgr.blocks:  # pandas keeps a table's values in one array per dtype
        values = getattr(block, "values", None)
        if isinstance(values, np.ndarray):
            values.flags.writeable = False
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _shape_hint(answer: Any) -> str:
    kind = type(answer).__name__
    return choose(
        en=f"You gave a {kind}; read the question again for the kind of answer it asks for.",
        ko=f"{kind}을(를) 주었습니다. 어떤 형태의 답을 묻는지 문제를 다시 읽어 보십시오.",
    )


# ---------------------------------------------------------------------------------------------
# Answer keys a student cannot change: module constants are checked against a snapshot

_MUTABLE = (dict, list, set, bytearray, pd.DataFrame, pd.Series, np.ndarray)
_PRISTINE: dict[tuple[str, str], Any] = {}


def _constants(module: Any) -> Iterator[tuple[str, Any]]:
    for name, value in list(vars(module).items()):
        if name[:1].isalpha() and name.isupper() and isinstance(value, _MUTABLE):
            yield name, value


def _snapshot_constants() -> None:
    """Remember a deep copy of every upper-case mutable constant of each loaded helpers module."""
    for modname, module in list(sys.modules.items()):
        if module is None or modname == __name__:
            continue
        if modname != "helpers" and not modname.startswith("helpers."):
            continue
        for name, value in _constants(module):
            key = (modname, name)
            if key not in _PRISTINE:
                try:
                    _PRISTINE[key] = copy.deepcopy(value)
                except Exception:  # noqa: BLE001 - an uncopyable constant cannot be guarded
                    continue


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return (
            a.equals(b)
            and a.index.equals(b.index)
            and (not isinstance(a, pd.DataFrame) or a.columns.equals(b.columns))
            and a.attrs == b.attrs
        )
    if isinstance(a, np.ndarray):
        return (
            a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, Mapping):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(_same, a, b))
    try:
        equal = a == b
        return bool(equal) or (a != a and b != b)  # NaN equals NaN here
    except Exception:  # noqa: BLE001
        return False


@contextlib.contextmanager
def _pristine_constants() -> Iterator[list[str]]:
    """Run a checker with every helpers constant as written in the source; restore the student's after.

    If anything was edited, the exercise modules' caches are cleared first, so a cache filled from
    an edited constant cannot survive.
    """
    _snapshot_constants()
    swapped: list[tuple[Any, str, Any]] = []
    for (modname, name), pristine in _PRISTINE.items():
        module = sys.modules.get(modname)
        if module is None or not hasattr(module, name):
            continue
        current = getattr(module, name)
        if not _same(current, pristine):
            swapped.append((module, name, current))
            setattr(module, name, copy.deepcopy(pristine))
    if swapped:
        _clear_exercise_caches()
    try:
        yield [f"{m.__name__}.{n}" for m, n, _ in swapped]
    finally:
        for module, name, current in swapped:
            setattr(module, name, current)


def _clear_exercise_caches() -> None:
    for modname, module in list(sys.modules.items()):
        if module is None or not modname.startswith("helpers.exercises."):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


# ---------------------------------------------------------------------------------------------
# In a notebook: notice a failed answer cell and an answer left over from another exercise

_ASSIGNS_ANSWER = re.compile(r"^[ \t]*answer[ \t]*(?::[^=\n]+)?=(?!=)", re.MULTILINE)


class _CellTracker:
    """Follows IPython's cells: which cell last assigned ``answer``, whether it failed, what it was graded for."""

    def __init__(self) -> None:
        self.counter = 0
        self.running_source = ""
        self.answer_cell: int | None = None
        self.answer_failed = False
        self.graded: dict[int, str] = {}
        self.shell: Any = None

    def pre_run_cell(self, info: Any) -> None:
        self.counter += 1
        self.running_source = getattr(info, "raw_cell", "") or ""

    def post_run_cell(self, result: Any) -> None:
        source = getattr(getattr(result, "info", None), "raw_cell", None)
        source = self.running_source if source is None else source
        if _ASSIGNS_ANSWER.search(source or ""):
            self.answer_cell = self.counter
            self.answer_failed = not getattr(result, "success", True)
        self.running_source = ""

    def problem(self, exercise_id: str, answer: Any) -> str | None:
        """Why this check should not grade ``answer`` (None when it should)."""
        if self.shell is None:
            return None
        call = re.compile(rf"""check\(\s*["']{re.escape(exercise_id)}["']\s*,\s*answer\s*\)""")
        if not call.search(self.running_source):
            return None  # check() called some other way: grade what was passed
        if _ASSIGNS_ANSWER.search(self.running_source):
            self.graded[self.counter] = exercise_id  # answer and check in one cell
            return None
        if self.answer_cell is None:
            return None
        if self.answer_failed:
            return choose(
                en="the cell that assigns `answer` raised an error, so `answer` still holds an "
                "older value. Fix the error in the answer cell, run it again, then run this check.",
                ko="`answer`를 대입하는 셀에서 오류가 나서 `answer`에는 아직 예전 값이 들어 "
                "있습니다. 답 셀의 오류를 고쳐 다시 실행한 뒤 이 채점 셀을 실행하십시오.",
            )
        previous = self.graded.get(self.answer_cell)
        if previous is not None and previous != exercise_id:
            return choose(
                en=f"this `answer` was written for Try it {previous}. Run the answer cell of "
                f"Try it {exercise_id} (the one just above) first, then this check.",
                ko=f"이 `answer`는 연습 {previous}의 답입니다. 연습 {exercise_id}의 답 셀(바로 "
                "위 셀)을 먼저 실행한 뒤 이 채점 셀을 실행하십시오.",
            )
        self.graded[self.answer_cell] = exercise_id
        return None


_TRACKER = _CellTracker()


def _attach_to_ipython() -> None:
    """Follow the cells of the running IPython kernel, if there is one (idempotent on reload)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "events"):
        return
    old = getattr(shell, "_helpers_checks_tracker", None)
    if old is not None:
        for event in ("pre_run_cell", "post_run_cell"):
            with contextlib.suppress(ValueError):
                shell.events.unregister(event, getattr(old, event))
    shell.events.register("pre_run_cell", _TRACKER.pre_run_cell)
    shell.events.register("post_run_cell", _TRACKER.post_run_cell)
    shell._helpers_checks_tracker = _TRACKER
    _TRACKER.shell = shell
    # The cell importing this module is running now (its pre_run_cell event has passed).
    _TRACKER.counter += 1


_attach_to_ipython()
_snapshot_constants()
