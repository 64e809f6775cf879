"""Input checks shared by every helper: one wording for "wrong type" and "missing column" errors.

The same wording covers every other kind of bad input too. Every public helper checks its arguments here, at its top, so a student gets the same clear
message everywhere: the argument or column, what is wrong, and how to fix it. The rules:

- **numbers** must be real numbers: text that looks like a number (``"12"``) is refused, never
  converted (``"1" + "2"`` would be ``"12"``), booleans are refused, and NaN and inf are refused
  wherever a missing value is (a column may allow missing values with a trailing ``?`` in its
  kind, e.g. ``"id?"``; inf is never allowed);
- **dates** may be datetimes or date strings; **time-zone-aware dates are converted to naive
  local wall-clock time** (``2024-03-01 09:00+09:00`` becomes ``2024-03-01 09:00``), the rule
  :mod:`helpers.rfm` always had, so every helper counts days the same way; numbers are refused;
- **ids** in one column are of one type (all numbers or all text): mixing them would count one
  customer twice or make a join find nothing;
- **ranges**: shares and probabilities lie in [0, 1], counts are whole numbers ≥ 0.

Examples
--------
>>> import pandas as pd
>>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "orders")
Traceback (most recent call last):
...
ValueError: orders is missing column(s) ['b']: there is no column of that name; its columns are: a. Pass the right names with the *_col keyword arguments.
>>> number(float("inf"), "cost_per_contact", low=0)
Traceback (most recent call last):
...
ValueError: cost_per_contact must be a finite number, got inf
>>> frame(pd.DataFrame({"customer_id": [1, "2"]}), "orders", {"customer_id": "id"})
Traceback (most recent call last):
...
TypeError: orders: column 'customer_id' mixes id types (int and str); make them one type, e.g. df['customer_id'].astype(str) or pd.to_numeric(df['customer_id'])
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "HUGE",
    "KINDS",
    "model",
    "numeric",
    "array",
    "choice",
    "datetimes",
    "frame",
    "integer",
    "matching_ids",
    "number",
    "probability",
    "require_columns",
    "require_frame",
    "require_unique_index",
    "same_length",
    "seed",
    "series",
    "timestamp",
]

HUGE = 1e15
"""No input number is larger in size: beyond it sums and products overflow to inf (1e308), and no
amount of money, count or model parameter of this workbook comes near it (a unit or parsing error)."""

KINDS = {
    "id": "ids of one type (all numbers or all text)",
    "date": "dates",
    "number": "numbers",
    "amount": "numbers (amounts of money)",
    "nonneg": "numbers >= 0",
    "count": "whole numbers >= 0 (counts)",
    "share": "shares between 0 and 1",
    "binary": "0/1 or True/False",
    "score": "numbers (scores)",
    "label": "labels",
    "any": "values",
}
"""The column kinds :func:`frame` and :func:`series` understand (append ``?`` to allow missing values)."""


# ---------------------------------------------------------------------------------------------
# Frames and columns


def require_frame(df: Any, name: str, *, allow_empty: bool = True) -> pd.DataFrame:
    """``df`` itself when it is a DataFrame (and, unless allowed, not empty); else a clear error.

    Examples
    --------
    >>> require_frame([1, 2], "orders")
    Traceback (most recent call last):
    ...
    TypeError: orders must be a pandas DataFrame, got list
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    if not allow_empty and df.empty:
        raise ValueError(f"{name} is empty: nothing to analyse")
    return df


def require_columns(
    df: Any,
    columns: Iterable[str | None],
    name: str = "data",
    *,
    hint: str = "Pass the right names with the *_col keyword arguments.",
) -> None:
    """Raise a ValueError naming every column of ``columns`` that ``df`` lacks (None is skipped).

    The message lists the columns the frame does have, so a student sees at once whether the
    column is misspelt or the wrong table was passed.
    """
    frame_ = require_frame(df, name)
    missing = [c for c in columns if c is not None and c not in frame_.columns]
    if missing:
        have = ", ".join(map(str, list(frame_.columns)[:15]))
        more = ", ..." if frame_.shape[1] > 15 else ""
        raise ValueError(
            f"{name} is missing column(s) {missing}: there is no column of that name; "
            f"its columns are: {have}{more}. {hint}"
        )


def require_unique_index(obj: pd.DataFrame | pd.Series, name: str) -> None:
    """Refuse an index with repeated labels or several levels (one row per label is expected).

    Examples
    --------
    >>> require_unique_index(pd.Series([1, 2], index=[7, 7]), "start")
    Traceback (most recent call last):
    ...
    ValueError: start has a repeated index label (e.g. 7): one row per customer is expected; aggregate first or reset_index()
    """
    if isinstance(obj.index, pd.MultiIndex):
        raise ValueError(
            f"{name} has a MultiIndex ({obj.index.nlevels} levels); one level of labels is "
            "expected: reset_index() or select one level first"
        )
    if not obj.index.is_unique:
        label = obj.index[obj.index.duplicated()].tolist()[0]
        raise ValueError(
            f"{name} has a repeated index label (e.g. {label!r}): one row per customer is "
            "expected; aggregate first or reset_index()"
        )


def frame(
    df: Any,
    name: str,
    columns: Mapping[str | None, str] | None = None,
    *,
    allow_empty: bool = True,
    hint: str = "Pass the right names with the *_col keyword arguments.",
    only_present: bool = False,
) -> pd.DataFrame:
    """Check a table and the kind of each named column; return it (tz-aware dates made naive).

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    name : str
        The argument name, used in every message.
    columns : mapping column -> kind
        Kinds from :data:`KINDS`; a trailing ``?`` allows missing values. None keys are skipped
        (an optional ``*_col=None``).
    allow_empty : bool
        Whether a table without rows is acceptable.
    only_present : bool
        Check only the columns the table has (a helper that reports missing columns itself).

    Returns
    -------
    pandas.DataFrame
        ``df`` itself, or a shallow copy whose date columns are converted (never the caller's
        object changed).

    Examples
    --------
    >>> t = pd.DataFrame({"amount": ["1", "2"]})
    >>> frame(t, "orders", {"amount": "amount"})
    Traceback (most recent call last):
    ...
    TypeError: orders: column 'amount' must be numeric (amounts of money), got dtype str; convert it with pd.to_numeric(df['amount'])
    """
    require_frame(df, name, allow_empty=allow_empty)
    columns = {c: k for c, k in (columns or {}).items() if c is not None}
    if only_present:
        columns = {c: k for c, k in columns.items() if c in df.columns}
    require_columns(df, columns, name, hint=hint)
    converted = {}
    for col, kind in columns.items():
        values = df[col]
        if isinstance(values, pd.DataFrame):
            raise ValueError(f"{name} has several columns named {col!r}; rename them first")
        out = _check_values(values, f"{name}: column {col!r}", kind, col)
        if out is not values:
            converted[col] = out
    return df.assign(**converted) if converted else df


def datetimes(df: Any, name: str, columns: Mapping[str | None, str]) -> Any:
    """Check the datetime columns of ``df`` (NaT refused unless the kind is ``"date?"``, tz-aware
    made naive local time) and leave any other column to the helper's own date parsing.

    Examples
    --------
    >>> t = pd.DataFrame({"sent_at": pd.to_datetime(["2024-01-01 09:00"]).tz_localize("Asia/Seoul")})
    >>> datetimes(t, "contacts", {"sent_at": "date"})["sent_at"].iloc[0]
    Timestamp('2024-01-01 09:00:00')
    """
    if not isinstance(df, pd.DataFrame):
        return df
    present = {
        c: k
        for c, k in columns.items()
        if c is not None and c in df.columns and pd.api.types.is_datetime64_any_dtype(df[c])
    }
    return frame(df, name, present) if present else df


def series(
    values: Any,
    name: str,
    kind: str = "number",
    *,
    allow_empty: bool = True,
    unique_index: bool = False,
) -> pd.Series:
    """A 1-d input as a Series of the given kind (a list or array is wrapped); else a clear error.

    Examples
    --------
    >>> series([1.0, float("nan")], "values")
    Traceback (most recent call last):
    ...
    ValueError: values has 1 missing value(s) (NaN); drop or fill them first
    """
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series), got a DataFrame; select a column")
    accepted = (
        pd.Series,
        pd.Index,
        np.ndarray,
        pd.api.extensions.ExtensionArray,
        list,
        tuple,
        range,
    )
    if not isinstance(values, accepted):
        raise TypeError(f"{name} must be a Series, list or array, got {type(values).__name__}")
    if not isinstance(values, pd.Series):
        if np.ndim(values) != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {np.shape(values)}")
        values = pd.Series(list(values) if isinstance(values, (list, tuple, range)) else values)
    if not allow_empty and values.empty:
        raise ValueError(f"{name} is empty: nothing to analyse")
    if unique_index:
        require_unique_index(values, name)
    return _check_values(values, name, kind, None)


def array(values: Any, name: str, kind: str = "number", *, allow_empty: bool = True) -> np.ndarray:
    """A 1-d numeric input as a float array, checked like :func:`series`.

    Examples
    --------
    >>> array([1, 2], "revenue")
    array([1., 2.])
    """
    return series(values, name, kind, allow_empty=allow_empty).to_numpy(dtype="float64")


def numeric(
    values: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    integer: bool = False,
    allow_empty: bool = True,
) -> np.ndarray:
    """A number or a 1-d collection of numbers as a float array (0-d for a scalar), fully checked.

    Text (even ``"3"``), booleans, NaN, inf and values beyond ±:data:`HUGE` are refused, and so
    are values outside [low, high] (open ends if asked) and, with ``integer``, fractions.

    Examples
    --------
    >>> numeric([0.5, 0.8], "retention", low=0, high=1)
    array([0.5, 0.8])
    >>> numeric(["1", "2"], "periods")
    Traceback (most recent call last):
    ...
    TypeError: periods must be numeric, got text ('1'); write numbers without quotes (pd.to_numeric)
    """
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be a number or one column of numbers, got a DataFrame")
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got text ({values!r}); write it without quotes")
    if isinstance(values, (bool, np.bool_)):
        raise TypeError(f"{name} must be numeric, got a bool ({values!r})")
    if np.ndim(values) == 0 and not isinstance(values, (list, tuple, pd.Series, np.ndarray)):
        if not isinstance(values, numbers.Real):
            raise TypeError(f"{name} must be numeric, got {type(values).__name__} {values!r}")
        arr = np.asarray(float(values) if abs(values) < 1e308 else values, dtype="float64")
    else:
        obj = (
            np.asarray(values, dtype=object)
            if not isinstance(values, (pd.Series, np.ndarray))
            else np.asarray(values)
        )
        if obj.ndim > 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {obj.shape}")
        if obj.dtype.kind in "OUSb" or (obj.dtype == object):
            flat = list(obj.ravel())
            text = next((v for v in flat if isinstance(v, (str, bytes))), None)
            if text is not None:
                raise TypeError(
                    f"{name} must be numeric, got text ({text!r}); write numbers without quotes (pd.to_numeric)"
                )
            if any(isinstance(v, (bool, np.bool_)) for v in flat) or obj.dtype.kind == "b":
                raise TypeError(f"{name} must be numeric, got True/False values")
            bad = next(
                (v for v in flat if not (v is None or v is pd.NA or isinstance(v, numbers.Real))),
                None,
            )
            if bad is not None:
                raise TypeError(f"{name} must be numeric, got {type(bad).__name__} {bad!r}")
        try:
            arr = np.asarray(
                pd.array(obj.ravel(), dtype="Float64").to_numpy(dtype="float64", na_value=np.nan)
                if obj.dtype == object
                else obj,
                dtype="float64",
            )
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name} must be numeric ({err})") from None
        if arr.size == 0 and not allow_empty:
            raise ValueError(f"{name} is empty")
    if np.isnan(arr).any():
        raise ValueError(f"{name} has missing values (NaN); drop or fill them first")
    if np.isinf(arr).any():
        raise ValueError(
            f"{name} has infinite values (inf); fix the division or value that produced them"
        )
    if (np.abs(arr) > HUGE).any():
        raise ValueError(f"{name} holds an implausibly large value (beyond ±{HUGE:g})")
    low_bad = (
        (arr <= low) if low_open else (arr < low) if low is not None else np.zeros(arr.shape, bool)
    )
    high_bad = (
        (arr >= high)
        if high_open
        else (arr > high)
        if high is not None
        else np.zeros(arr.shape, bool)
    )
    if low is not None and np.any(low_bad) or high is not None and np.any(high_bad):
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        example = arr[low_bad | high_bad].ravel()[0]
        if low == 0 and high is None and not low_open:
            raise ValueError(f"{name} must be non-negative (>= 0), got {example:g}")
        raise ValueError(f"{name} must be a number in {left}{lo}, {hi}{right}, got {example:g}")
    if integer and np.any(arr != np.floor(arr)):
        raise ValueError(
            f"{name} must be whole numbers, got {arr[arr != np.floor(arr)].ravel()[0]:g}"
        )
    return arr


def model(obj: Any, name: str, cls: type, fields: Iterable[str], *, positive: bool = True) -> Any:
    """A fitted-model object of type ``cls`` whose parameter ``fields`` are finite (and > 0).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> model(SimpleNamespace(r=float("nan")), "bgnbd", SimpleNamespace, ["r"])
    Traceback (most recent call last):
    ...
    ValueError: bgnbd.r must be a finite number, got nan
    """
    if not isinstance(obj, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, got {type(obj).__name__}")
    for field in fields:
        number(
            getattr(obj, field), f"{name}.{field}", low=0 if positive else None, low_open=positive
        )
    return obj


def same_length(**named: Any) -> int:
    """Refuse inputs of different lengths, naming them; return the common length.

    Examples
    --------
    >>> same_length(responded=[1, 0], score=[0.2])
    Traceback (most recent call last):
    ...
    ValueError: responded and score must have the same length, got 2 and 1
    """
    lengths = {
        k: len(v)
        for k, v in named.items()
        if hasattr(v, "__len__") and not isinstance(v, (str, bytes))
    }
    if len(set(lengths.values())) > 1:
        names = " and ".join(lengths)
        got = " and ".join(map(str, lengths.values()))
        raise ValueError(f"{names} must have the same length, got {got}")
    return next(iter(lengths.values()), 0)


def _check_values(values: pd.Series, what: str, kind: str, col: str | None) -> pd.Series:
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if kind not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}; use one of {sorted(KINDS)}")
    ref = f"df[{col!r}]" if col is not None else what
    if kind == "any":
        return values
    if kind == "date":
        return _dates(values, what, ref, optional)
    if kind in ("id", "label"):
        _one_type(values, what, ref, kind)
        if (
            pd.api.types.is_float_dtype(values)
            and np.isinf(values.to_numpy(dtype="float64", na_value=np.nan)).any()
        ):
            raise ValueError(f"{what} holds an infinite id (inf); ids must be real labels")
        if not optional and values.isna().any():
            raise ValueError(
                f"{what} has {int(values.isna().sum())} missing value(s); drop or fill those rows first"
            )
        return values
    # numeric kinds
    if pd.api.types.is_bool_dtype(values) and kind == "binary":
        if values.isna().any() and not optional:
            raise ValueError(
                f"{what} has {int(values.isna().sum())} missing value(s); fill them first"
            )
        return values
    if kind == "binary" and values.dtype == object and values.dropna().map(type).eq(bool).all():
        return values
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        if kind == "binary":
            raise TypeError(f"{what} must be 0/1 or True/False, got dtype {values.dtype}")
        raise TypeError(
            f"{what} must be {_NUMERIC_LABEL[kind]}, got dtype {values.dtype}; convert it with "
            f"pd.to_numeric({ref})"
        )
    floats = values.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(floats)
    if missing.any() and not optional:
        raise ValueError(
            f"{what} has {int(missing.sum())} missing value(s) (NaN); drop or fill them first"
        )
    infinite = np.isinf(floats)
    if infinite.any():
        raise ValueError(
            f"{what} has {int(infinite.sum())} infinite value(s) (inf), e.g. at position "
            f"{int(np.argmax(infinite))}; fix the division or value that produced them"
        )
    ok = floats[~missing]
    if (np.abs(ok) > HUGE).any():
        raise ValueError(
            f"{what} holds an implausibly large value ({ok[np.abs(ok) > HUGE][0]:g}, beyond ±{HUGE:g}); "
            "check the unit or how the data were read"
        )
    if kind in ("nonneg", "count") and (ok < 0).any():
        raise ValueError(f"{what} must be non-negative (>= 0), got {ok[ok < 0][0]:g}")
    if kind == "count" and (ok != np.floor(ok)).any():
        raise ValueError(
            f"{what} must be whole numbers (counts), got {ok[ok != np.floor(ok)][0]:g}"
        )
    if kind == "share" and ((ok < 0) | (ok > 1)).any():
        bad = ok[(ok < 0) | (ok > 1)][0]
        raise ValueError(
            f"{what} must lie between 0 and 1, got {bad:g}; give shares, not percentages"
        )
    if kind == "binary" and not np.isin(ok, (0.0, 1.0)).all():
        raise ValueError(
            f"{what} must be 0/1 or True/False, got {ok[~np.isin(ok, (0.0, 1.0))][0]:g}"
        )
    return values


_NUMERIC_LABEL = {
    "number": "numeric",
    "amount": "numeric (amounts of money)",
    "score": "numeric (scores)",
    "nonneg": "numeric (numbers >= 0)",
    "count": "numeric (whole numbers >= 0)",
    "share": "numeric (shares between 0 and 1)",
}


def _id_kind(values: pd.Series) -> str | None:
    present = values.dropna()
    if present.empty:
        return None
    if pd.api.types.is_numeric_dtype(present) and not pd.api.types.is_bool_dtype(present):
        return "numbers"
    inferred = pd.api.types.infer_dtype(present, skipna=True)
    if inferred in ("string", "unicode"):
        return "text"
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        return "numbers"
    return inferred


def matching_ids(column: str, **tables: pd.Series) -> None:
    """Refuse id columns of different types in tables that are joined (a join would match nothing).

    Examples
    --------
    >>> matching_ids("customer_id", contacts=pd.Series(["1"]), transactions=pd.Series([1]))
    Traceback (most recent call last):
    ...
    TypeError: column 'customer_id' holds text in contacts but numbers in transactions, so no row would match; make them one type, e.g. contacts['customer_id'] = pd.to_numeric(contacts['customer_id'])
    """
    kinds = {name: _id_kind(values) for name, values in tables.items()}
    present = {name: kind for name, kind in kinds.items() if kind is not None}
    if len(set(present.values())) > 1:
        (a, ka), (b, kb) = list(present.items())[:2]
        text = a if ka == "text" else b
        raise TypeError(
            f"column {column!r} holds {ka} in {a} but {kb} in {b}, so no row would match; make "
            f"them one type, e.g. {text}[{column!r}] = pd.to_numeric({text}[{column!r}])"
        )


def _one_type(values: pd.Series, what: str, ref: str, kind: str) -> None:
    if values.dtype != object and not pd.api.types.is_string_dtype(values):
        return
    if pd.api.types.infer_dtype(values, skipna=True) in ("mixed-integer", "mixed"):
        types = sorted({type(v).__name__ for v in values.dropna().tolist()})
        if len(types) > 1:
            noun = "id" if kind == "id" else "label"
            raise TypeError(
                f"{what} mixes {noun} types ({' and '.join(types)}); make them one type, e.g. "
                f"{ref}.astype(str) or pd.to_numeric({ref})"
            )


def _dates(values: pd.Series, what: str, ref: str, optional: bool) -> pd.Series:
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        raise TypeError(
            f"{what} holds numbers ({values.dtype}), not dates; convert it first, e.g. "
            f"pd.to_datetime({ref}.astype(str), format='%Y%m%d')"
        )
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)  # the rule: naive local wall-clock time
    elif not pd.api.types.is_datetime64_dtype(values):
        parsed = _parse_dates(values)
        bad = parsed.isna() & values.notna()
        if bad.any():
            raise ValueError(
                f"{what} has {int(bad.sum())} value(s) that are not dates (unparseable), e.g. "
                f"{values[bad].iloc[0]!r}; fix them or parse with pd.to_datetime({ref}, format=...)"
            )
        values = parsed
    if not optional and values.isna().any():
        raise ValueError(
            f"{what} has {int(values.isna().sum())} missing date(s) (NaT); drop or fix those "
            "rows first (helpers.cleaning.clean_transactions reports what it drops)"
        )
    return values


def _parse_dates(values: pd.Series) -> pd.Series:
    """Date strings (or Timestamps in an object column) as datetimes; NaT where a value is no date."""
    if pd.api.types.infer_dtype(values, skipna=True) in (
        "integer",
        "floating",
        "mixed-integer",
        "boolean",
    ):
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")  # numbers are no dates
    naive = values.map(
        lambda v: v.tz_localize(None) if isinstance(v, pd.Timestamp) and v.tzinfo else v
    )
    try:
        return pd.to_datetime(naive, errors="coerce", format="mixed")
    except (TypeError, ValueError):
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")


# ---------------------------------------------------------------------------------------------
# Scalars


def number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    allow_none: bool = False,
) -> float | None:
    """A finite real number within [low, high] (open ends if asked); else a clear error.

    Text is refused (``"3"`` is not 3), booleans are refused, NaN and inf are refused.

    Examples
    --------
    >>> number(0.5, "confidence", low=0, high=1, low_open=True, high_open=True)
    0.5
    >>> number("3", "k")
    Traceback (most recent call last):
    ...
    TypeError: k must be a number, got text '3'; write it without quotes
    """
    if value is None and allow_none:
        return None
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number, got text {value!r}; write it without quotes")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    try:
        x = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if abs(x) > HUGE:
        raise ValueError(f"{name} is implausibly large ({value!r}, beyond ±{HUGE:g})")
    below = low is not None and (x <= low if low_open else x < low)
    above = high is not None and (x >= high if high_open else x > high)
    if below or above:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        if low == 0 and high is None and not low_open:
            raise ValueError(f"{name} must be non-negative (>= 0), got {value!r}")
        raise ValueError(f"{name} must be a number in {left}{lo}, {hi}{right}, got {value!r}")
    return x


def integer(
    value: Any,
    name: str,
    *,
    low: int | None = None,
    high: int | None = None,
    allow_none: bool = False,
) -> int | None:
    """A whole number within [low, high]; a float like 3.0 is accepted, 3.5 is refused.

    Examples
    --------
    >>> integer(3.0, "k", low=1)
    3
    >>> integer(float("inf"), "n_boot", low=1)
    Traceback (most recent call last):
    ...
    ValueError: n_boot must be a finite number, got inf
    """
    if value is None and allow_none:
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        x = int(value)
        number(float(x) if abs(x) < 2**60 else 0.0, name, low=low, high=high)
        return x
    f = number(value, name, low=low, high=high)
    if f != math.floor(f):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return int(f)


def probability(
    value: Any, name: str, *, open_: bool = False, allow_none: bool = False
) -> float | None:
    """A probability or share in [0, 1] (``open_=True``: strictly between 0 and 1).

    Examples
    --------
    >>> probability(1.5, "confidence", open_=True)
    Traceback (most recent call last):
    ...
    ValueError: confidence must be a number in (0, 1), got 1.5
    """
    return number(
        value, name, low=0, high=1, low_open=open_, high_open=open_, allow_none=allow_none
    )


def seed(value: Any, name: str = "random_state") -> int | None:
    """A random seed: None or a whole number >= 0.

    Examples
    --------
    >>> seed(float("nan"), "seed")
    Traceback (most recent call last):
    ...
    ValueError: seed must be a finite number, got nan
    """
    if value is None or isinstance(value, np.random.Generator):
        return value  # type: ignore[return-value]
    return integer(value, name, low=0)


def timestamp(value: Any, name: str, *, allow_none: bool = False) -> pd.Timestamp | None:
    """A date as a naive Timestamp (tz-aware converted to local wall-clock time); else a clear error.

    Examples
    --------
    >>> timestamp("2024-01-01", "as_of")
    Timestamp('2024-01-01 00:00:00')
    >>> timestamp(pd.Timestamp("2024-01-01 09:00", tz="Asia/Seoul"), "cutoff")
    Timestamp('2024-01-01 09:00:00')
    >>> timestamp("soon", "as_of")
    Traceback (most recent call last):
    ...
    ValueError: as_of must be a date such as '2024-01-01', got 'soon'
    """
    if value is None and allow_none:
        return None
    if value is None or isinstance(value, (bool, np.bool_, numbers.Number)):
        raise TypeError(
            f"{name} must be a date such as '2024-01-01', got {type(value).__name__} {value!r}"
        )
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be a date such as '2024-01-01', got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '2024-01-01', got {value!r}")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts


def choice(value: Any, name: str, options: Iterable[Any]) -> Any:
    """``value`` when it is one of ``options``; else an error listing them.

    Examples
    --------
    >>> choice("bootstrap", "ci", ["analytic", "bootstrap", None])
    'bootstrap'
    >>> choice("exact", "ci", ["analytic", "bootstrap", None])
    Traceback (most recent call last):
    ...
    ValueError: ci must be one of ['analytic', 'bootstrap', None], got 'exact'
    """
    options = list(options)
    try:
        ok = any(value == o and type(value) is type(o) for o in options)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value
