"""RFM analysis: recency, frequency and monetary value per customer, scores and segments.

The definitions every notebook uses (stated in notebook 02):

* **recency** (최근성): whole calendar days from a customer's last purchase to the analysis date
  ``as_of``. ``as_of`` defaults to the day after the last transaction in the data, so the most
  recent buyers have recency 1. Times of day are ignored (a purchase at 23:59 on 9 Dec is
  "1 day" before 10 Dec).
* **frequency** (빈도): number of distinct orders (``order_col``). When ``order_col`` is None,
  the number of distinct purchase days (CDNOW has no invoice numbers, one row per customer-day).
* **monetary** (구매금액): total spend in the window; ``avg_order_value`` = monetary / frequency.
* **scores** ``R``, ``F``, ``M``: 1..bins (default 1–5), 5 best (most recent, most frequent,
  highest spend), by quantiles of the rank, so every score holds the same number of customers ±1.
  **Tie rule:** customers with the same value are put in a *seeded random order*, not in the
  order of their customer id (which follows signup and so would encode tenure). Concretely the
  rows of the RFM table (sorted by customer id) are shuffled with
  ``numpy.random.RandomState(random_state).permutation`` (``random_state`` defaults to
  :data:`TIE_SEED` = 2024), ranked with ``rank(method="first")`` and the ranks cut into ``bins``
  equal groups exactly as ``pd.qcut(rank, bins)`` does: score = ⌈bins·(rank−1)/(n−1)⌉, at least 1.
  In plain pandas: ``s.sample(frac=1, random_state=2024).rank(method="first")`` then
  ``pd.qcut(..., 5, labels=[1, 2, 3, 4, 5])``. ``rfm_cell`` is the three digits side by side
  ("545") and ``rfm_score`` is their sum R + F + M (3–15 with five bins).

Examples
--------
>>> import pandas as pd
>>> tx = pd.DataFrame({
...     "customer_id": [1, 1, 2],
...     "order_id": ["a", "b", "c"],
...     "order_date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-03"]),
...     "amount": [10.0, 30.0, 5.0],
... })
>>> rfm_table(tx).to_dict("index")[1]
{'recency': 1, 'frequency': 2, 'monetary': 40.0, 'avg_order_value': 20.0}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers import validation
from helpers.language import choose
from helpers.sql import date_literal, identifier, run_query
from helpers.validation import require_columns
from helpers.validation import require_frame as _require_frame

__all__ = [
    "RFM_COLUMNS",
    "TIE_SEED",
    "SEGMENT_RULES",
    "segment_rules",
    "rfm_table",
    "rfm_sql",
    "rfm_scores",
    "rfm_segments",
    "rfm_at",
    "score_contacts",
]

RFM_COLUMNS = ["recency", "frequency", "monetary", "avg_order_value"]
"""Columns of :func:`rfm_table`, in order."""

TIE_SEED = 2024
"""Default ``random_state`` of the seeded random order that breaks ties between equal values."""

_DAY = np.int64(86_400_000_000_000)  # nanoseconds per day


# ---------------------------------------------------------------------------------------------
# validation


def _require_columns(df: pd.DataFrame, columns: Iterable[str | None], name: str) -> None:
    require_columns(
        df,
        columns,
        name,
        hint="Pass the right name with customer_col=, date_col=, amount_col= or order_col=.",
    )


def _dates_as_days(values: pd.Series, column: str) -> np.ndarray:
    """Calendar day of each timestamp as int64 days since 1970-01-01 (validated)."""
    return _dates_as_ns(values, column) // _DAY


def _dates_as_ns(values: pd.Series, column: str) -> np.ndarray:
    """Each timestamp as int64 nanoseconds since 1970-01-01, local wall time (validated)."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise TypeError(
            f"column {column!r} holds numbers ({values.dtype}), not dates; convert it first, "
            f"e.g. pd.to_datetime(df[{column!r}].astype(str), format='%Y%m%d')"
        )
    if not isinstance(values.dtype, pd.DatetimeTZDtype) and not pd.api.types.is_datetime64_dtype(
        values
    ):
        parsed = pd.to_datetime(values, errors="coerce", format="mixed")
        bad = parsed.isna() & values.notna()
        if bad.any():
            example = values[bad].iloc[0]
            raise ValueError(
                f"column {column!r} has {int(bad.sum())} value(s) that are not dates, e.g. {example!r}"
            )
        values = parsed
    if values.isna().any():
        raise ValueError(
            f"column {column!r} has {int(values.isna().sum())} missing date(s); drop or fix those "
            "rows first (helpers.cleaning.clean_transactions reports what it drops)"
        )
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    return values.to_numpy(dtype="datetime64[ns]").view("int64")


def _as_of_day(as_of: object) -> np.int64:
    try:
        ts = pd.Timestamp(as_of)
    except (TypeError, ValueError) as err:
        raise ValueError(f"as_of must be a date such as '2024-01-01', got {as_of!r}") from err
    if pd.isna(ts):
        raise ValueError(f"as_of must be a date such as '2024-01-01', got {as_of!r}")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return np.int64(ts.normalize().value // _DAY)


def _amounts(values: pd.Series, column: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        raise TypeError(
            f"column {column!r} must be numeric (amounts of money), got dtype {values.dtype}; "
            f"convert it with pd.to_numeric(df[{column!r}])"
        )
    if values.isna().any():
        raise ValueError(
            f"column {column!r} has {int(values.isna().sum())} missing amount(s); drop or fix them first"
        )
    x = values.to_numpy(dtype="float64")
    if not np.isfinite(x).all():
        raise ValueError(
            f"column {column!r} has {int((~np.isfinite(x)).sum())} infinite value(s); fix them first"
        )
    return x


# ---------------------------------------------------------------------------------------------
# RFM table

_SPEND_DIGITS = 12


def _spend_total(monetary: np.ndarray) -> np.ndarray:
    """Totals kept to 12 significant digits, so the order of summation cannot change them.

    Adding 10.10, 20.20 and 30.30 in another order can change the last bits of a float sum;
    left alone, that noise would decide which of two equal spenders ranks higher, and the SQL
    path (which adds in its own order) would differ from the pandas path. Whole-number totals
    (won, cents) are exact already and are returned unchanged.
    """
    whole = monetary == np.rint(monetary)
    if whole.all():
        return monetary
    x = np.where(whole, 0.0, monetary)
    safe = np.where(x == 0, 1.0, np.abs(x))
    scale = 10.0 ** (_SPEND_DIGITS - 1 - np.floor(np.log10(safe)))
    return np.where(whole, monetary, np.rint(x * scale) / scale)


def _group_codes(values: pd.Series) -> tuple[np.ndarray, int, np.ndarray | None, pd.Index]:
    """Integer group codes for ``values``: ``(codes, n_codes, present, sorted uniques)``.

    Per-group results are computed on arrays of length ``n_codes`` and then taken at ``present``
    (None: all of them), which yields the groups in sorted order. Integer ids in a compact range
    (surrogate keys, as in most order tables) are their own codes, which needs no hashing;
    anything else is factorised and the few uniques sorted afterwards.
    """
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu" and len(values):
        x = values.to_numpy()
        lo, hi = int(x.min()), int(x.max())
        if hi - lo < max(2 * len(x), 1 << 16):
            dtype = np.int32 if hi - lo < 2**31 - 1 else np.int64
            codes = (x - lo).astype(dtype)
            present = np.flatnonzero(np.bincount(codes, minlength=hi - lo + 1))
            return codes, hi - lo + 1, present, pd.Index((present + lo).astype(x.dtype))
    codes, uniques = pd.factorize(values, sort=False)
    uniques = pd.Index(uniques)
    try:
        order = uniques.argsort(kind="stable")
    except TypeError:  # mixed types that cannot be sorted: keep the order of appearance
        return codes, len(uniques), None, uniques
    return codes, len(uniques), order, uniques.take(order)


def rfm_table(
    transactions: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str | None = "order_id",
    as_of: object = None,
) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per transaction line (several lines may share an order).
    customer_col, date_col, amount_col : str
        Columns of the customer id, the purchase date (datetime or parseable text) and the
        amount of money of the line.
    order_col : str or None, default "order_id"
        Column of the order (invoice) id; frequency counts distinct orders. ``None``: count
        distinct purchase days instead (for data with one row per customer-day, such as CDNOW).
    as_of : date-like, optional
        The analysis date. Default: the day after the last transaction. Must not be before the
        day of the last transaction (filter the window first).

    Returns
    -------
    pandas.DataFrame
        Indexed by customer id (sorted), columns ``recency`` (int, whole days from the day of
        the last purchase to ``as_of``), ``frequency`` (int, distinct orders), ``monetary``
        (float, total spend, kept to 12 significant digits so that the order in which lines
        are added cannot change it) and ``avg_order_value`` (float, monetary / frequency).

    Raises
    ------
    TypeError
        ``transactions`` is not a DataFrame, amounts are not numeric, dates are numbers.
    ValueError
        A column is missing, the data are empty, a customer id, order id, date or amount is
        missing, a date cannot be parsed, or ``as_of`` is before the last transaction.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [7, 7, 7], "order_id": [1, 1, 2],
    ...                    "order_date": ["2024-03-01", "2024-03-01", "2024-03-04"],
    ...                    "amount": [5.0, 5.0, 20.0]})
    >>> rfm_table(tx, as_of="2024-03-10").loc[7].tolist()
    [6.0, 2.0, 30.0, 15.0]
    """
    _require_frame(transactions, "transactions")
    _require_columns(transactions, [customer_col, date_col, amount_col, order_col], "transactions")
    transactions = validation.frame(  # inf, mixed id types and text amounts refused
        transactions, "transactions", {customer_col: "id?", order_col: "id?", amount_col: "amount?"}
    )
    if transactions.empty:
        raise ValueError("transactions is empty: there is no purchase to compute RFM from")
    customers = transactions[customer_col]
    if customers.isna().any():
        raise ValueError(
            f"column {customer_col!r} has {int(customers.isna().sum())} missing customer id(s) "
            "(guest checkouts?); drop them first, e.g. with helpers.cleaning.clean_transactions"
        )
    if order_col is not None and transactions[order_col].isna().any():
        raise ValueError(
            f"column {order_col!r} has {int(transactions[order_col].isna().sum())} missing order id(s)"
        )
    ns = _dates_as_ns(transactions[date_col], date_col)
    amount = _amounts(transactions[amount_col], amount_col)

    last_day = ns.max() // _DAY
    ref = last_day + 1 if as_of is None else _as_of_day(as_of)
    if ref < last_day:
        raise ValueError(
            f"as_of ({pd.Timestamp(int(ref) * int(_DAY)).date()}) is before the last transaction "
            f"({pd.Timestamp(int(last_day) * int(_DAY)).date()}); keep only the transactions "
            "before as_of (e.g. tx[tx[date_col] < as_of]) and try again"
        )

    codes, n_codes, present, uniques = _group_codes(customers)
    # last purchase time and total spend per customer code (vectorised, no groupby)
    last = np.full(n_codes, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, ns)
    monetary = np.bincount(codes, weights=amount, minlength=n_codes)
    # distinct orders (or distinct purchase days) per customer
    if order_col is None:
        key_codes, n_keys, _, _ = _group_codes(pd.Series(ns // _DAY))
    else:
        key_codes, n_keys, _, _ = _group_codes(transactions[order_col])
    owner = np.full(n_keys, -1, dtype=codes.dtype)
    owner[key_codes] = codes
    if order_col is not None and (owner[key_codes] == codes).all():
        # the usual case: every order belongs to one customer, so count orders per owner
        owners = owner[owner >= 0]
        frequency = np.bincount(owners, minlength=n_codes)
    else:  # days are shared between customers (or an order id is reused): count pairs
        base = np.int64(n_keys)
        pairs = pd.unique(codes.astype(np.int64) * base + key_codes.astype(np.int64))
        frequency = np.bincount(pairs // base, minlength=n_codes)
    if present is not None:  # keep the codes that are customers, in sorted order
        last, monetary, frequency = last[present], monetary[present], frequency[present]
    last = last // _DAY
    monetary = _spend_total(monetary)

    index = pd.Index(uniques, name=customer_col)
    return pd.DataFrame(
        {
            "recency": (ref - last).astype("int64"),
            "frequency": frequency.astype("int64"),
            "monetary": monetary,
            "avg_order_value": monetary / frequency,
        },
        index=index,
    )


def _alias(expression: str, name: str) -> str:
    return expression if expression == name else f"{expression} AS {name}"


def rfm_query(
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str | None = "order_id",
    as_of: object = None,
) -> str:
    """The SQL text of :func:`rfm_sql`: :func:`rfm_table` in portable SQL over ``transactions``."""
    c, d, a = identifier(customer_col), identifier(date_col), identifier(amount_col)
    if as_of is None:  # the day after the last purchase in the data: a window over all customers
        recency = "MAX(last_day) OVER () - last_day + 1"
    else:
        recency = f"{date_literal(as_of, 'as_of')} - last_day"
    if order_col is None:  # no order ids: every purchase day of a customer is one order
        order, order_key = f"CAST(CAST({d} AS TIMESTAMP) AS DATE)", "purchase day"
    else:
        order, order_key = identifier(order_col), "order"
    return f"""\
-- Recency, frequency and monetary value per customer (helpers.rfm.rfm_table in SQL)
WITH orders AS (        -- one row per customer and {order_key}: its time and amount
  SELECT {_alias(c, "customer_id")}, {_alias(order, "order_id")},
         MAX(CAST({d} AS TIMESTAMP)) AS order_time, SUM({a}) AS amount,
         COUNT(*) - COUNT({a}) AS missing_amounts, COUNT(*) - COUNT({d}) AS missing_dates
  FROM transactions
  GROUP BY {c}, {order}
),
customers AS (          -- frequency = distinct orders, monetary = total spend
  SELECT customer_id, CAST(MAX(order_time) AS DATE) AS last_day, COUNT(*) AS frequency,
         CAST(SUM(amount) AS DOUBLE) AS monetary,
         SUM(CASE WHEN order_id IS NULL THEN 1 ELSE 0 END) AS missing_orders,
         SUM(missing_amounts) AS missing_amounts, SUM(missing_dates) AS missing_dates
  FROM orders
  GROUP BY customer_id
)
SELECT customer_id,
       {recency} AS recency,   -- whole days from the last purchase day to as_of
       frequency, monetary, monetary / frequency AS avg_order_value,
       missing_orders, missing_amounts, missing_dates
FROM customers
ORDER BY customer_id"""


def rfm_sql(
    source: pd.DataFrame | str | object,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str | None = "order_id",
    as_of: object = None,
    return_sql: bool = False,
    connection: object = None,
) -> pd.DataFrame | str:
    """:func:`rfm_table` computed in SQL by DuckDB, on a DataFrame, a CSV or a Parquet file.

    The same keywords, definitions and result as :func:`rfm_table` (index, columns, dtypes and
    values; tested on CDNOW and the shop), for order lines that do not fit in memory or live
    in a warehouse. The query is portable SQL (two ``GROUP BY`` levels, a window function
    ``MAX(...) OVER ()`` and the difference of two dates, see :mod:`helpers.sql`); get it with
    ``return_sql=True`` and run it where the data are. Score the result with :func:`rfm_scores`
    (one row per customer, so it fits in memory where the lines did not).

    Parameters
    ----------
    source : DataFrame, or path of a CSV or Parquet file (globs such as "lines/*.parquet")
        The transaction lines; a DataFrame is scanned in place, a file is streamed by DuckDB.
    customer_col, date_col, amount_col, order_col, as_of
        As for :func:`rfm_table`.
    return_sql : bool, default False
        Return the SQL text (reading a table ``transactions``) instead of running it.
    connection : duckdb.DuckDBPyConnection, optional
        Run on this connection, e.g. ``duckdb.connect(config={"memory_limit": "4GB"})`` for
        data larger than memory (DuckDB spills to disk). Default: a fresh in-memory one.

    Returns
    -------
    pandas.DataFrame or str
        As :func:`rfm_table`, or the SQL text.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [7, 7, 7], "order_id": [1, 1, 2],
    ...                    "order_date": pd.to_datetime(["2024-03-01", "2024-03-01", "2024-03-04"]),
    ...                    "amount": [5.0, 5.0, 20.0]})
    >>> rfm_sql(tx, as_of="2024-03-10").equals(rfm_table(tx, as_of="2024-03-10"))
    True
    >>> print(rfm_sql(tx, return_sql=True).splitlines()[0])
    -- Recency, frequency and monetary value per customer (helpers.rfm.rfm_table in SQL)
    """
    query = rfm_query(
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
        order_col=order_col,
        as_of=as_of,
    )
    if return_sql:
        return query
    if isinstance(source, pd.DataFrame):
        _require_frame(source, "transactions")
        if source.empty:
            raise ValueError(
                "source (the transactions) is empty: there is no purchase to compute RFM from"
            )
        # ids of one type, finite amounts; missing values get the rfm_table wording below
        source = validation.frame(
            source,
            "source",
            {customer_col: "id?", amount_col: "amount?", order_col: "id?"},
            only_present=True,
        )
        dates = source[date_col] if date_col in source.columns else None
        if dates is not None and (
            pd.api.types.is_numeric_dtype(dates) or pd.api.types.is_bool_dtype(dates)
        ):
            _dates_as_ns(dates.iloc[:1], date_col)  # the same clear error as rfm_table
        if amount_col in source.columns:
            _amounts(source[amount_col].iloc[:0], amount_col)  # dtype check only
    columns = [col for col in (customer_col, date_col, amount_col, order_col) if col is not None]
    got = run_query(source, query, columns, connection=connection)
    if got.empty:
        raise ValueError("transactions is empty: there is no purchase to compute RFM from")
    problems = {
        "missing_dates": f"column {date_col!r} has {{}} missing date(s); drop or fix those rows",
        "missing_amounts": f"column {amount_col!r} has {{}} missing amount(s); drop or fix them",
        "missing_orders": f"column {order_col!r} has {{}} missing order id(s)",
    }
    if got["customer_id"].isna().any():
        raise ValueError(
            f"column {customer_col!r} has missing customer id(s) (guest checkouts?); drop them "
            "first, e.g. with helpers.cleaning.clean_transactions"
        )
    for col, message in problems.items():
        count = int(got[col].sum())
        if count:
            raise ValueError(message.format(count))
    if (got["recency"] < 0).any():
        raise ValueError(
            f"as_of ({pd.Timestamp(as_of).date()}) is before the last transaction; keep only "
            "the transactions before as_of (e.g. tx[tx[date_col] < as_of]) and try again"
        )
    frequency = got["frequency"].to_numpy().astype("int64")
    monetary = _spend_total(got["monetary"].to_numpy().astype("float64"))
    ids = got["customer_id"].to_numpy()
    dtype = source[customer_col].dtype if isinstance(source, pd.DataFrame) else None
    return pd.DataFrame(
        {
            "recency": got["recency"].to_numpy().astype("int64"),
            "frequency": frequency,
            "monetary": monetary,
            "avg_order_value": monetary / frequency,
        },
        index=pd.Index(ids, name=customer_col, dtype=dtype),
    )


# ---------------------------------------------------------------------------------------------
# scores


def _tie_order(n: int, random_state: int) -> np.ndarray:
    """The seeded random order of the rows that breaks ties (what ``df.sample(frac=1)`` draws)."""
    return np.random.RandomState(random_state).permutation(n)


def _sort_key(values: pd.Series, higher_is_better: bool) -> np.ndarray:
    """Values as an array whose ascending order is worst → best (small integer ranges as uint16,
    so numpy's stable sort is a radix sort)."""
    x = values.to_numpy()
    if np.issubdtype(x.dtype, np.integer) and len(x):
        lo, hi = int(x.min()), int(x.max())
        if hi - lo < 2**16:  # recency in days and order counts: a linear-time radix sort
            return (x - lo if higher_is_better else hi - x).astype(np.uint16)
    x = x.astype("float64", copy=False)
    return x if higher_is_better else -x


def _quantile_scores(
    values: pd.Series, bins: int, *, higher_is_better: bool, order: np.ndarray
) -> np.ndarray:
    """Scores 1..bins from ranks (ties in the random ``order``), cut like ``pd.qcut``, sizes ±1."""
    n = len(values)
    key = _sort_key(values, higher_is_better)[order]
    by_value = np.argsort(key, kind="stable")  # stable: tied rows keep the random order
    rank0 = np.empty(n, dtype=np.int64)  # 0-based rank of every row
    rank0[order[by_value]] = np.arange(n, dtype=np.int64)
    if n == 1:
        return np.ones(1, dtype=np.int64)
    # pd.qcut(rank, bins) in exact integer arithmetic: ceil(bins * (rank - 1) / (n - 1)), >= 1
    return np.maximum(-((-bins * rank0) // (n - 1)), 1).astype(np.int64)


def _equal_width_scores(
    values: pd.Series, bins: int, *, higher_is_better: bool, order: np.ndarray | None = None
) -> np.ndarray:
    """Scores 1..bins from ``bins`` intervals of equal width over the value range."""
    x = values.to_numpy(dtype="float64")
    lo, hi = x.min(), x.max()
    if hi == lo:
        pos = np.zeros(len(x), dtype="int64")
    else:
        pos = np.minimum(((x - lo) / (hi - lo) * bins).astype("int64"), bins - 1)
    return (pos + 1 if higher_is_better else bins - pos).astype("int64")


_CELLS: dict[int, np.ndarray] = {}


def _cell_labels(r: np.ndarray, f: np.ndarray, m: np.ndarray, bins: int) -> np.ndarray:
    """The "545" labels, looked up from a table of all bins³ labels (no per-row formatting)."""
    if bins**3 > 1_000_000:  # very fine scales: format per row instead of a huge table
        parts = [x.astype(str).astype(object) for x in (r, f, m)]
        return parts[0] + "-" + parts[1] + "-" + parts[2]
    if bins not in _CELLS:
        digits = [str(i) for i in range(1, bins + 1)]
        sep = "" if bins <= 9 else "-"  # one digit per score up to nine bins, else "10-1-1"
        _CELLS[bins] = np.array(
            [sep.join((a, b, c)) for a in digits for b in digits for c in digits], dtype=object
        )
    return _CELLS[bins][((r - 1) * bins + (f - 1)) * bins + (m - 1)]


def rfm_scores(
    rfm: pd.DataFrame,
    bins: int = 5,
    *,
    method: str = "quantile",
    random_state: int = TIE_SEED,
) -> pd.DataFrame:
    """Add R, F and M scores (1..bins, higher is better), the RFM cell and the RFM score.

    Parameters
    ----------
    rfm : pandas.DataFrame
        The output of :func:`rfm_table` (columns ``recency``, ``frequency``, ``monetary``).
    bins : int, default 5
        Number of score levels (5 gives the classic quintile scores 1–5).
    method : {"quantile", "equal_width"}, default "quantile"
        ``"quantile"``: rank the customers, ties broken by a seeded random order, and cut the
        ranks into ``bins`` groups of equal size ±1, as ``pd.qcut(rank, bins)`` does.
        ``"equal_width"``: cut the value range into ``bins`` intervals of equal width (shown in
        notebook 02 as a pitfall: with skewed data almost everyone lands in one score).
    random_state : int, default TIE_SEED (2024)
        Seed of the random order that breaks ties: the rows are shuffled with
        ``numpy.random.RandomState(random_state).permutation(len(rfm))``, the same order as
        ``rfm.sample(frac=1, random_state=random_state)``, and tied customers are ranked in that
        order. Ties are not broken by customer id, because ids follow signup and would make
        the scores encode tenure. Same seed and same rows in the same order: same scores.

    Returns
    -------
    pandas.DataFrame
        A copy of ``rfm`` with ``R`` (5 = most recent, i.e. lowest recency), ``F`` (5 = most
        orders), ``M`` (5 = highest spend), ``rfm_cell`` (the digits side by side, "545"; joined
        with "-" when bins > 9) and ``rfm_score`` = R + F + M.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [1, 30, 300], "frequency": [5, 2, 1],
    ...                     "monetary": [500.0, 80.0, 20.0]}, index=[11, 12, 13])
    >>> rfm_scores(rfm, bins=3)[["R", "F", "M", "rfm_cell", "rfm_score"]]
        R  F  M rfm_cell  rfm_score
    11  3  3  3      333          9
    12  2  2  2      222          6
    13  1  1  1      111          3

    The same scores in plain pandas (the seeded shuffle, ``rank`` and ``qcut``):

    >>> shuffled = rfm.sample(frac=1, random_state=TIE_SEED)
    >>> r = pd.qcut(shuffled["recency"].rank(method="first", ascending=False), 3, labels=False) + 1
    >>> bool((r.reindex(rfm.index) == rfm_scores(rfm, bins=3)["R"]).all())
    True
    """
    _require_frame(rfm, "rfm")
    _require_columns(rfm, ["recency", "frequency", "monetary"], "rfm")
    validation.frame(
        rfm, "rfm", {"recency": "number?", "frequency": "number?", "monetary": "amount?"}
    )
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)):
        raise TypeError(f"bins must be an integer, got {type(bins).__name__}")
    if bins < 1:
        raise ValueError(f"bins must be at least 1, got {bins}")
    if method not in ("quantile", "equal_width"):
        raise ValueError(f"method must be 'quantile' or 'equal_width', got {method!r}")
    if isinstance(random_state, bool) or not isinstance(random_state, (int, np.integer)):
        raise TypeError(
            f"random_state must be an integer seed (default {TIE_SEED}), "
            f"got {type(random_state).__name__}"
        )
    if not 0 <= random_state < 2**32:
        raise ValueError(f"random_state must be between 0 and 2**32 - 1, got {random_state}")
    if rfm.empty:
        raise ValueError("rfm is empty: there is no customer to score")
    for col in ("recency", "frequency", "monetary"):
        _amounts(rfm[col], col)
    score = _quantile_scores if method == "quantile" else _equal_width_scores
    order = _tie_order(len(rfm), int(random_state)) if method == "quantile" else None
    r = score(rfm["recency"], bins, higher_is_better=False, order=order)
    f = score(rfm["frequency"], bins, higher_is_better=True, order=order)
    m = score(rfm["monetary"], bins, higher_is_better=True, order=order)
    cell = _cell_labels(r, f, m, bins)
    out = rfm.copy()
    out["R"], out["F"], out["M"] = r, f, m
    out["rfm_cell"] = cell
    out["rfm_score"] = r + f + m
    return out


# ---------------------------------------------------------------------------------------------
# segments

# fmt: off
_RULES = [
    # segment, 한국어, R range, F range, M range, what it means, what to do
    ("Champions", "최우수 고객", 4, 5, 4, 5, 4, 5,
     "bought recently, buy often and spend the most", "reward, early access, ask for referrals"),
    ("Loyal", "충성 고객", 3, 5, 4, 5, 1, 5,
     "buy often; not necessarily the very latest", "up-sell, loyalty programme tiers"),
    ("Potential loyalists", "잠재 충성 고객", 4, 5, 2, 3, 1, 5,
     "recent customers with a few orders", "second-purchase offers, membership"),
    ("New", "신규 고객", 4, 5, 1, 1, 1, 5,
     "bought recently, first orders only", "onboarding, second-purchase nudge"),
    ("Can't lose them", "놓치면 안 되는 고객", 1, 2, 4, 5, 4, 5,
     "used to buy often and spend big, gone quiet", "personal win-back contact, best offer"),
    ("At risk", "이탈 위험 고객", 1, 2, 3, 5, 1, 5,
     "bought often, but long ago", "reactivation campaign, ask what went wrong"),
    ("Hibernating", "휴면 고객", 2, 3, 1, 3, 1, 5,
     "few orders, some time ago", "low-cost reminders, relevant new products"),
    ("Lost", "이탈 고객", 1, 1, 1, 2, 1, 5,
     "few orders, longest ago", "cheap reactivation only, or let go"),
]
# fmt: on

SEGMENT_RULES = pd.DataFrame(
    _RULES,
    columns=[
        "segment", "segment_ko", "R_min", "R_max", "F_min", "F_max", "M_min", "M_max",
        "meaning", "action",
    ],
)  # fmt: skip
"""The default segment rules on 1–5 scores; the first rule that matches a customer wins."""

_ACTION_KO = {
    "Champions": "보상·우선 공개·추천 요청",
    "Loyal": "상승판매·로열티 등급",
    "Potential loyalists": "2차 구매 제안·멤버십",
    "New": "온보딩·2차 구매 유도",
    "Can't lose them": "개인적 재유치 연락·최고 혜택",
    "At risk": "재활성화 캠페인·불만 원인 묻기",
    "Hibernating": "저비용 알림·관련 신상품",
    "Lost": "저비용 재활성화만, 또는 포기",
}


def segment_rules() -> pd.DataFrame:
    """The default RFM segment rule table (a copy), in the order the rules are applied.

    Every customer gets the first segment whose R, F and M ranges (inclusive) contain their
    scores; the eight rules cover all 125 cells of five-point scores. In the Korean edition the
    ``action`` column (display text) is in Korean; ``segment`` stays the English key.

    Examples
    --------
    >>> segment_rules()["segment"].tolist()[:3]
    ['Champions', 'Loyal', 'Potential loyalists']
    """
    rules = SEGMENT_RULES.copy()
    if choose(en="en", ko="ko") == "ko":  # the Korean edition reads what to do in Korean
        rules["action"] = [_ACTION_KO[name] for name in rules["segment"]]
    return rules


def rfm_segments(scores: pd.DataFrame, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Name the segment of every customer from their R, F and M scores.

    Parameters
    ----------
    scores : pandas.DataFrame
        The output of :func:`rfm_scores` with ``bins=5`` (columns ``R``, ``F``, ``M``).
    rules : pandas.DataFrame, optional
        A rule table like :func:`segment_rules` (columns ``segment``, ``R_min``, ``R_max``,
        ``F_min``, ``F_max``, ``M_min``, ``M_max``); the first matching row wins. Default: the
        workbook's eight segments.

    Returns
    -------
    pandas.DataFrame
        A copy of ``scores`` with a categorical column ``segment`` (categories in rule order;
        customers no rule matches get "Other").

    Examples
    --------
    >>> s = pd.DataFrame({"R": [5, 1, 3], "F": [5, 5, 1], "M": [5, 5, 2]}, index=[1, 2, 3])
    >>> rfm_segments(s)["segment"].tolist()
    ['Champions', "Can't lose them", 'Hibernating']
    """
    _require_frame(scores, "scores")
    _require_columns(scores, ["R", "F", "M"], "scores")
    validation.frame(
        scores, "scores", {"R": "count", "F": "count", "M": "count"}, allow_empty=False
    )
    rules = SEGMENT_RULES if rules is None else _require_frame(rules, "rules")
    bounds = ["R_min", "R_max", "F_min", "F_max", "M_min", "M_max"]
    _require_columns(rules, ["segment", *bounds], "rules")
    if rules is SEGMENT_RULES:
        top = int(scores[["R", "F", "M"]].max().max())
        if top > 5 or int(scores[["R", "F", "M"]].min().min()) < 1:
            raise ValueError(
                "the default segment rules are written for scores 1–5 (rfm_scores(..., bins=5)); "
                "pass your own rules= for other scales"
            )
    conditions = [
        scores["R"].between(rule.R_min, rule.R_max).to_numpy()
        & scores["F"].between(rule.F_min, rule.F_max).to_numpy()
        & scores["M"].between(rule.M_min, rule.M_max).to_numpy()
        for rule in rules.itertuples(index=False)
    ]  # one vectorised mask per rule (a handful of rules, never a loop over customers)
    names = rules["segment"].astype(str).tolist()
    labels = np.select(conditions, names, default="Other")
    categories = names + (["Other"] if (labels == "Other").any() else [])
    return scores.assign(segment=pd.Categorical(labels, categories=categories))


# ---------------------------------------------------------------------------------------------
# RFM at past dates (no look-ahead)


def rfm_at(
    transactions: pd.DataFrame,
    dates: Sequence[object] | pd.Series | pd.Index,
    *,
    bins: int = 5,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str | None = "order_id",
    random_state: int = TIE_SEED,
) -> pd.DataFrame:
    """RFM tables and scores as they stood at each of several dates, using only the past.

    For every distinct calendar day ``d`` in ``dates``, the transactions strictly before ``d``
    are scored with :func:`rfm_table` (``as_of=d``) and :func:`rfm_scores`, among the customers
    who had bought by then. Use it to score customers at the moment a campaign was sent, so
    that the purchases the campaign caused cannot leak into the scores.

    Parameters
    ----------
    transactions : pandas.DataFrame
        As for :func:`rfm_table`.
    dates : sequence of date-like
        Analysis dates (times of day are dropped; duplicates are scored once).
    bins : int, default 5
        Score levels, as in :func:`rfm_scores`.
    customer_col, date_col, amount_col, order_col : str
        As for :func:`rfm_table`.
    random_state : int, default TIE_SEED
        Seed of the tie-breaking order, as in :func:`rfm_scores`.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``as_of``, customer id), the columns of :func:`rfm_scores`. A date with no
        earlier transaction contributes no rows.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 1], "order_id": [1, 2, 3],
    ...                    "order_date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-02-01"]),
    ...                    "amount": [10.0, 20.0, 30.0]})
    >>> rfm_at(tx, ["2024-01-10"], bins=2)["recency"].tolist()
    [9, 8]
    """
    _require_frame(transactions, "transactions")
    _require_columns(transactions, [customer_col, date_col, amount_col, order_col], "transactions")
    transactions = validation.frame(  # inf, mixed id types and text amounts refused
        transactions, "transactions", {customer_col: "id?", order_col: "id?", amount_col: "amount?"}
    )
    if isinstance(dates, (str, pd.Timestamp)) or not isinstance(dates, Iterable):
        raise TypeError(
            "dates must be a list, Series or Index of dates (wrap a single date in a list)"
        )
    try:
        days = pd.to_datetime(pd.Series(list(dates)), errors="raise").dt.normalize()
    except (TypeError, ValueError) as err:
        raise ValueError(f"dates contains a value that is not a date: {err}") from err
    if days.isna().any():
        raise ValueError("dates contains missing values")
    if days.empty:
        raise ValueError("dates is empty: give at least one analysis date")
    tx_days = pd.to_datetime(
        pd.Series(_dates_as_days(transactions[date_col], date_col) * _DAY), unit="ns"
    ).to_numpy()
    kw = dict(
        customer_col=customer_col, date_col=date_col, amount_col=amount_col, order_col=order_col
    )
    parts = {}
    for day in sorted(days.unique()):  # one pass per analysis date, vectorised inside
        before = transactions.loc[tx_days < np.datetime64(day, "ns")]
        if len(before):
            parts[pd.Timestamp(day)] = rfm_scores(
                rfm_table(before, as_of=day, **kw), bins, random_state=random_state
            )
    if not parts:
        empty = rfm_scores(rfm_table(transactions, **kw), bins, random_state=random_state)
        empty = empty.iloc[:0]
        return empty.set_index(pd.MultiIndex.from_arrays([[], []], names=["as_of", customer_col]))
    return pd.concat(parts, names=["as_of", customer_col])


def score_contacts(
    contacts: pd.DataFrame,
    transactions: pd.DataFrame,
    *,
    sent_col: str = "sent_at",
    bins: int = 5,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str | None = "order_id",
    random_state: int = TIE_SEED,
) -> pd.DataFrame:
    """Attach to every campaign contact the customer's RFM at the day it was sent.

    Scores are computed by :func:`rfm_at` from transactions strictly before the day of sending,
    among all customers who had bought by then, so a response order (even one on the same day)
    never feeds the score it is evaluated against.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per contact, with ``customer_col`` and the send date ``sent_col``.
    transactions : pandas.DataFrame
        Cleaned transactions (see :func:`rfm_table`).
    sent_col : str, default "sent_at"
        Column of the send date or time in ``contacts``.
    bins, customer_col, date_col, amount_col, order_col, random_state
        As for :func:`rfm_at`.

    Returns
    -------
    pandas.DataFrame
        A copy of ``contacts`` (same index and row order) with ``recency``, ``frequency``,
        ``monetary``, ``avg_order_value``, ``R``, ``F``, ``M``, ``rfm_cell``, ``rfm_score``
        added; missing (NaN) for contacts who had not bought anything before the send date.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 1], "order_id": [1, 2, 3],
    ...                    "order_date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-02-01"]),
    ...                    "amount": [10.0, 20.0, 30.0]})
    >>> contacts = pd.DataFrame({"customer_id": [1, 3], "sent_at": ["2024-02-01", "2024-02-01"]})
    >>> score_contacts(contacts, tx, bins=2)[["customer_id", "recency", "R"]]
       customer_id  recency    R
    0            1     31.0  1.0
    1            3      NaN  NaN
    """
    _require_frame(contacts, "contacts")
    _require_columns(contacts, [customer_col, sent_col], "contacts")
    validation.frame(contacts, "contacts", {customer_col: "id"})
    validation.require_frame(transactions, "transactions")
    if customer_col in transactions.columns:  # a join of text ids with numeric ids finds nothing
        validation.matching_ids(
            customer_col, contacts=contacts[customer_col], transactions=transactions[customer_col]
        )
    if contacts.empty:
        raise ValueError("contacts is empty: there is no contact to score")
    sent_days = pd.to_datetime(
        pd.Series(_dates_as_days(contacts[sent_col], sent_col) * _DAY, index=contacts.index),
        unit="ns",
    )
    scored = rfm_at(
        transactions,
        sent_days.unique(),
        bins=bins,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
        order_col=order_col,
        random_state=random_state,
    )
    keys = pd.MultiIndex.from_arrays([sent_days, contacts[customer_col]], names=scored.index.names)
    found = scored.reindex(keys)
    found.index = contacts.index
    return contacts.assign(**{c: found[c] for c in scored.columns})
