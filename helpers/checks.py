"""Instant feedback for the workbook's "Try it" exercises.

Every exercise has an id such as ``"02.1"`` (notebook 02, first exercise). Its checker lives in
``helpers/exercises/exNN.py`` (one module per notebook, so each notebook's exercises are registered
in one place) and computes the expected answer from the data, never from a typed-in number.

In a notebook the answer cell starts as ``answer = ...`` and the next cell calls
``check("02.1", answer)``, which prints one verdict: not attempted yet, correct, or not yet with a
hint that points at the likely misconception.

Examples
--------
>>> from helpers.checks import check
>>> check("00.1", ...)
⏳ Try it 00.1 is not attempted yet: replace the ... with your answer and run the cell again.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Exercise",
    "Verdict",
    "check",
    "exercise",
    "registered",
    "verify",
    "is_close",
]

# A checker receives the student's answer and returns None when it is right, or a hint (str).
Checker = Callable[[Any], str | None]


@dataclass(frozen=True)
class Exercise:
    """A registered exercise: its id, the question in one line, and its checker."""

    id: str
    question: str
    checker: Checker
    success: str = ""


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


def exercise(exercise_id: str, question: str, *, success: str = "") -> Callable[[Checker], Checker]:
    """Register a checker for an exercise (used as a decorator in ``helpers/exercises``).

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``: notebook number and exercise number.
    question : str
        The question in one line, shown when the id is listed.
    success : str, optional
        A sentence printed after "correct" that says what the result means.

    Examples
    --------
    >>> @exercise("99.1", "What is 6 × 7?")
    ... def _(answer):
    ...     return None if answer == 42 else "Multiply, do not add."
    """

    def decorate(checker: Checker) -> Checker:
        if exercise_id in _REGISTRY and _REGISTRY[exercise_id].checker is not checker:
            raise ValueError(f"exercise {exercise_id!r} is registered twice")
        _REGISTRY[exercise_id] = Exercise(exercise_id, question, checker, success)
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


def registered() -> dict[str, Exercise]:
    """All registered exercises, by id (sorted).

    Examples
    --------
    >>> "00.1" in registered()
    True
    """
    _load_all()
    return dict(sorted(_REGISTRY.items()))


def verify(exercise_id: str, answer: Any) -> Verdict:
    """Check an answer and return the verdict without printing it (used by the tests).

    Examples
    --------
    >>> verify("00.1", ...).status
    'not attempted'
    """
    exercises = registered()
    if exercise_id not in exercises:
        known = ", ".join(exercises) or "none"
        raise ValueError(f"unknown exercise id {exercise_id!r}; registered ids are: {known}")
    ex = exercises[exercise_id]
    if answer is Ellipsis:
        return Verdict(
            exercise_id,
            "not attempted",
            f"⏳ Try it {exercise_id} is not attempted yet: replace the ... with your answer "
            "and run the cell again.",
        )
    try:
        hint = ex.checker(answer)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as err:
        if isinstance(err, TypeError) and str(err).startswith("expected"):
            hint = f"{err}."  # an as_* reader saying in words what kind of answer was expected
        else:
            hint = (
                f"your answer could not be checked ({type(err).__name__}: {err}). "
                f"{_shape_hint(answer)}"
            )
    if hint is None:
        tail = f" {ex.success}" if ex.success else ""
        return Verdict(exercise_id, "correct", f"✅ Try it {exercise_id}: correct!{tail}")
    return Verdict(exercise_id, "wrong", f"❌ Try it {exercise_id}: not yet. Hint: {hint}")


def check(exercise_id: str, answer: Any) -> None:
    """Print a clear verdict on an answer: not attempted yet, correct, or wrong with a hint.

    Examples
    --------
    >>> check("00.1", 2)
    ❌ Try it 00.1: not yet. Hint: ...
    """
    print(verify(exercise_id, answer))


# ---------------------------------------------------------------------------------------------
# Small comparison tools for checkers


def is_close(answer: Any, expected: float, *, rel: float = 1e-3, abs_tol: float = 1e-9) -> bool:
    """True when ``answer`` is a real number within tolerance of ``expected``.

    Examples
    --------
    >>> is_close(250.0001, 250)
    True
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return False
    return math.isclose(float(answer), float(expected), rel_tol=rel, abs_tol=abs_tol)


def as_number(answer: Any) -> float:
    """The answer as a float, or a TypeError that says a single number was expected."""
    if isinstance(answer, (pd.Series, pd.DataFrame, list, tuple, dict, np.ndarray)):
        raise TypeError(f"expected a single number, got a {type(answer).__name__}")
    if isinstance(answer, str):
        raise TypeError(f"expected a number, but you gave text {answer!r}: write it without quotes")
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        raise TypeError(f"expected a number, got {type(answer).__name__} {answer!r}")
    return float(answer)


def as_integer(answer: Any) -> int:
    """The answer as a whole number, or a TypeError that says one was expected.

    Examples
    --------
    >>> as_integer(4.0)
    4
    """
    value = as_number(answer)
    if value != int(value):
        raise TypeError(f"expected a whole number, got {answer!r}")
    return int(value)


def as_set(answer: Any) -> set:
    """The answer as a set of labels (accepts a list, tuple, set, Index or Series of labels)."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise TypeError(f"expected a collection of ids, got {type(answer).__name__}")
    values = answer.index if isinstance(answer, pd.DataFrame) else answer
    return {v.item() if hasattr(v, "item") else v for v in values}


def _shape_hint(answer: Any) -> str:
    return f"You gave a {type(answer).__name__}; read the question again for the kind of answer it asks for."
