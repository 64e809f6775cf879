"""Input checks shared by every helper: one wording for "wrong type" and "missing column" errors.

Examples
--------
>>> import pandas as pd
>>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "orders")
Traceback (most recent call last):
...
ValueError: orders is missing column(s) ['b']: there is no column of that name; its columns are: a. Pass the right names with the *_col keyword arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["require_frame", "require_columns"]


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
    frame = require_frame(df, name)
    missing = [c for c in columns if c is not None and c not in frame.columns]
    if missing:
        have = ", ".join(map(str, list(frame.columns)[:15]))
        more = ", ..." if frame.shape[1] > 15 else ""
        raise ValueError(
            f"{name} is missing column(s) {missing}: there is no column of that name; "
            f"its columns are: {have}{more}. {hint}"
        )
