"""The workbook's customer summaries as portable SQL, run by DuckDB on a DataFrame, CSV or Parquet.

When the order lines no longer fit in memory (or already live in a warehouse), the definitions of
notebooks 02 and 03 can be computed where the data are. The queries here use only standard SQL:
``GROUP BY``, ``COUNT``/``SUM``/``MAX``/``MIN``, ``CASE``, common table expressions, window
functions (``MAX(...) OVER ()``), ``CAST(... AS DATE)`` and the subtraction of two dates, which
gives a number of days in DuckDB, PostgreSQL, Snowflake and Redshift. That subtraction is the only
line to adapt elsewhere: ``DATEDIFF(b, a)`` in Spark SQL, ``DATE_DIFF(b, a, DAY)`` in BigQuery.
The queries read a table called ``transactions`` (``table=`` changes the name).

DuckDB (pinned in requirements.txt) runs them in-process: on a pandas DataFrame without copying
it, or straight from a CSV or Parquet file (or a glob such as ``"lines/*.parquet"``) without
loading it, spilling to disk under a memory limit when the data are larger than memory
(``connection=duckdb.connect(config={"memory_limit": "4GB"})``).

* :func:`helpers.rfm.rfm_sql` is :func:`helpers.rfm.rfm_table` in SQL;
* :func:`clv_summary_sql` is :func:`helpers.clv.summary_from_transactions` in SQL.

Both return what their pandas twin returns (same index, columns, dtypes and values; the tests
compare them on CDNOW and the shop), or with ``return_sql=True`` the SQL text. RFM results are
identical to the last bit; the CLV summary's mean spends agree to 12 significant digits, because
DuckDB adds the amounts in its own order (counts and times are identical).

Examples
--------
>>> import pandas as pd
>>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": pd.to_datetime(
...     ["2024-01-01", "2024-01-08", "2024-01-03"]), "amount": [10.0, 30.0, 5.0]})
>>> clv_summary_sql(tx, date_col="date").round(3).to_dict("index")
{1: {'frequency': 1, 'recency': 1.0, 'T': 1.0, 'monetary': 30.0}, 2: {'frequency': 0, 'recency': 0.0, 'T': 0.714, 'monetary': 0.0}}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import validation
from helpers.validation import require_columns, require_frame

__all__ = ["clv_summary_sql", "run_query", "identifier", "date_literal"]

UNIT_DAYS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}
"""Length of the time units of the CLV summary in days (as in :mod:`helpers.clv`)."""

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# words that are reserved in standard SQL or common engines; such column names are quoted
_RESERVED = frozenset(
    """all and any array as asc between both by case cast check column constraint create cross
    current date day default delete desc distinct drop else end except exists false fetch for
    foreign from full group having hour in index inner insert interval intersect into is join key
    lateral leading left like limit minute month natural not null of offset on or order outer over
    partition primary range references right row rows second select session_user some table then
    time timestamp to trailing true union unique user using value values when where window with
    year""".split()
)
_FILE_READERS = {".parquet": "read_parquet", ".pq": "read_parquet", ".csv": "read_csv",
                 ".tsv": "read_csv", ".txt": "read_csv", ".gz": "read_csv"}  # fmt: skip


def identifier(name: str) -> str:
    """A column or table name for SQL: as it is when plain, else in standard double quotes
    (also when it is a reserved word such as ``date``).

    Examples
    --------
    >>> identifier("order_date"), identifier("Customer ID"), identifier("date")
    ('order_date', '"Customer ID"', '"date"')
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"column names must be non-empty strings, got {name!r}")
    if _PLAIN.match(name) and name.lower() not in _RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


def date_literal(value: Any, name: str) -> str:
    """A standard SQL date literal (``DATE '2025-01-01'``) for the calendar day of ``value``."""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a date such as '2024-01-01', got {value!r}") from err
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '2024-01-01', got {value!r}")
    return f"DATE '{ts.date().isoformat()}'"


def _timestamp(value: Any, name: str) -> pd.Timestamp:
    date_literal(value, name)  # the same clear error for what is not a date
    ts = pd.Timestamp(value)
    return ts.tz_localize(None) if ts.tzinfo is not None else ts  # naive wall-clock time


def _reader(path: str) -> str | None:
    lower = path.lower()
    for suffix, reader in _FILE_READERS.items():
        if lower.endswith(suffix) or (reader == "read_parquet" and f"{suffix}" in lower):
            return reader
    return None


def run_query(
    source: pd.DataFrame | str | Path,
    query: str,
    columns: list[str],
    *,
    table: str = "transactions",
    connection: Any = None,
) -> pd.DataFrame:
    """Run ``query`` (which reads ``table``) with DuckDB on ``source`` and return a DataFrame.

    Parameters
    ----------
    source : DataFrame, or path of a CSV or Parquet file (globs allowed), or a table name
        The transaction lines. A DataFrame is scanned in place (not copied); a file is read
        by DuckDB without loading it into Python; any other string is taken as the name of a
        table or view that already exists in ``connection``.
    query : str
        The SQL text (from :func:`helpers.rfm.rfm_sql` or :func:`clv_summary_sql` with
        ``return_sql=True``).
    columns : list of str
        Columns the source must have (checked first, with the name of the keyword to fix).
    table : str, default "transactions"
        Name the query uses for the source.
    connection : duckdb.DuckDBPyConnection, optional
        A connection to run on (e.g. with a memory limit); default: a fresh in-memory one.
    """
    import duckdb

    con = duckdb.connect() if connection is None else connection
    hint = "Pass the right name with customer_col=, date_col=, amount_col= or order_col=."
    registered = False
    if isinstance(columns, str) or not list(columns):
        raise ValueError(f"columns must list the column names the query reads, got {columns!r}")
    try:
        if isinstance(source, pd.DataFrame):
            require_columns(source, columns, "transactions", hint=hint)
            # inf or ids of two types would be queried as if valid (missing values are SQL NULLs)
            validation.frame(source, "source", {
                c: "number?" if pd.api.types.is_numeric_dtype(source[c])
                and not pd.api.types.is_bool_dtype(source[c]) else "label?"
                for c in columns if not pd.api.types.is_datetime64_any_dtype(source[c])
            })  # fmt: skip
            frame = source[list(dict.fromkeys(columns))]
            for col in frame.columns:  # DuckDB would shift tz-aware times to its session zone
                if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                    frame = frame.assign(**{col: frame[col].dt.tz_localize(None)})
            con.register(table, frame)
            registered = True
        elif isinstance(source, (str, Path)):
            text = str(source)
            reader = _reader(text)
            if reader is not None:
                if "*" not in text and not Path(text).exists():
                    raise FileNotFoundError(f"source file {text!r} does not exist")
                literal = "'" + text.replace("'", "''") + "'"
                con.execute(f"CREATE OR REPLACE TEMP VIEW {identifier(table)} AS "
                            f"SELECT * FROM {reader}({literal})")  # fmt: skip
            elif connection is None:
                raise ValueError(
                    f"source {text!r} is neither a .csv nor a .parquet file; to query a table "
                    "that already exists, pass the DuckDB connection that holds it (connection=)"
                )
            else:
                table = text
            have = [
                d[0] for d in con.execute(f"SELECT * FROM {identifier(table)} LIMIT 0").description
            ]
            missing = [c for c in columns if c not in have]
            if missing:
                raise ValueError(
                    f"source {text!r} is missing column(s) {missing}; it has {have}. {hint}"
                )
            if table != "transactions":
                query = query.replace("FROM transactions", f"FROM {identifier(table)}")
        else:
            raise TypeError(
                "source must be a DataFrame or the path of a CSV or Parquet file, "
                f"got {type(source).__name__}"
            )
        try:
            return con.execute(query).df()
        except duckdb.Error as err:
            raise ValueError(f"the query failed on this source: {err}") from err
    finally:
        if registered:
            con.unregister(table)
        if connection is None:
            con.close()


def clv_summary_query(
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    calibration_end: Any = None,
    observation_end: Any = None,
) -> str:
    """The SQL text of :func:`clv_summary_sql` (times in days; converted to units afterwards)."""
    c, d, a = identifier(customer_col), identifier(date_col), identifier(amount_col)
    obs = (
        "b.last_day"
        if observation_end is None
        else date_literal(observation_end, "observation_end")
    )
    cal = obs if calibration_end is None else date_literal(calibration_end, "calibration_end")
    keep = "" if observation_end is None else f"\n  WHERE CAST(ts AS DATE) <= {obs}"
    return f"""\
-- Frequency / recency / T / monetary per customer (Fader-Hardie), one purchase per customer-day
WITH lines AS (
  SELECT {c} AS customer_id, CAST({d} AS TIMESTAMP) AS ts, {a} AS amount FROM transactions
),
days AS (               -- all lines of a customer on one calendar day are one purchase
  SELECT customer_id, CAST(ts AS DATE) AS day, SUM(amount) AS amount, MAX(ts) AS last_time
  FROM lines{keep}
  GROUP BY customer_id, CAST(ts AS DATE)
),
bounds AS (             -- the last day and time in the data
  SELECT MAX(day) AS last_day, MAX(last_time) AS last_time FROM days
),
firsts AS (             -- every purchase day with the customer's first purchase day
  SELECT customer_id, day, amount, MIN(day) OVER (PARTITION BY customer_id) AS first_day
  FROM days
),
summary AS (
  SELECT f.customer_id,
         SUM(CASE WHEN f.day <= {cal} THEN 1 ELSE 0 END) - 1 AS frequency,
         MAX(CASE WHEN f.day <= {cal} THEN f.day END) - MIN(f.first_day) AS recency_days,
         {cal} - MIN(f.first_day) AS t_days,
         SUM(CASE WHEN f.day <= {cal} AND f.day > f.first_day THEN f.amount ELSE 0 END)
           AS repeat_spend,
         SUM(CASE WHEN f.day > {cal} THEN 1 ELSE 0 END) AS holdout_purchases,
         SUM(CASE WHEN f.day > {cal} THEN f.amount ELSE 0 END) AS holdout_spend,
         b.last_time
  FROM firsts f CROSS JOIN bounds b
  GROUP BY f.customer_id, b.last_day, b.last_time
  HAVING MIN(f.first_day) <= {cal}   -- only customers acquired by the end of calibration
)
SELECT customer_id, frequency, recency_days, t_days,
       CASE WHEN frequency > 0 THEN repeat_spend / frequency ELSE 0 END AS monetary,
       holdout_purchases, holdout_spend, last_time
FROM summary
ORDER BY customer_id"""


def clv_summary_sql(
    source: pd.DataFrame | str | Path,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    freq: str = "W",
    calibration_end: Any = None,
    observation_end: Any = None,
    return_sql: bool = False,
    connection: Any = None,
) -> pd.DataFrame | str:
    """:func:`helpers.clv.summary_from_transactions` computed in SQL by DuckDB.

    Same keywords, same definitions and the same result: one purchase per customer-day,
    ``frequency`` = repeat purchases up to ``calibration_end``, ``recency`` = first to last
    purchase, ``T`` = first purchase to ``calibration_end`` (in ``freq`` units), ``monetary`` =
    mean spend of the repeat purchases (0 if none) and, when ``calibration_end`` is before
    ``observation_end``, ``holdout_purchases``, ``holdout_spend`` and ``holdout_T``.

    Parameters
    ----------
    source : DataFrame or path of a CSV / Parquet file
        The transaction lines (see :func:`run_query`); amounts must not be negative.
    customer_col, date_col, amount_col, freq, calibration_end, observation_end
        As for :func:`helpers.clv.summary_from_transactions`.
    return_sql : bool, default False
        Return the SQL text instead of running it (times in days; the conversion to ``freq``
        units is one division done afterwards).
    connection : duckdb connection, optional
        See :func:`run_query`.

    Returns
    -------
    pandas.DataFrame or str

    Examples
    --------
    >>> from helpers.data import load_cdnow
    >>> s = clv_summary_sql(load_cdnow("sample"), date_col="date", calibration_end="1997-09-30")
    >>> s.loc[1, ["frequency", "recency", "T"]].round(2).tolist()
    [2.0, 30.43, 38.86]
    """
    if freq not in UNIT_DAYS:
        raise ValueError(f"freq must be one of {sorted(UNIT_DAYS)}, got {freq!r}")
    obs_ts = None if observation_end is None else _timestamp(observation_end, "observation_end")
    cal_ts = None if calibration_end is None else _timestamp(calibration_end, "calibration_end")
    if cal_ts is not None and obs_ts is not None and cal_ts > obs_ts:
        raise ValueError("calibration_end must not be after observation_end")
    query = clv_summary_query(
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
        calibration_end=cal_ts,
        observation_end=obs_ts,
    )
    if return_sql:
        return query
    if isinstance(source, pd.DataFrame):
        require_frame(source, "transactions")
        if source.empty:
            raise ValueError(
                "source (the transactions) is empty: there is no purchase to summarise"
            )
        # ids of one type, finite amounts; missing values get _check_lines' own message
        source = validation.frame(
            source,
            "source",
            {customer_col: "id?", date_col: "date?", amount_col: "amount?"},
            only_present=True,
        )
    _check_lines(source, customer_col, date_col, amount_col, connection)
    got = run_query(source, query, [customer_col, date_col, amount_col], connection=connection)
    if got.empty:
        raise ValueError("no customer made a first purchase on or before calibration_end")
    unit = UNIT_DAYS[freq]
    obs_end = pd.Timestamp(got["last_time"].iloc[0]) if obs_ts is None else obs_ts
    cal_end = obs_end if cal_ts is None else cal_ts
    if cal_end > obs_end:
        raise ValueError("calibration_end must not be after observation_end")
    out = pd.DataFrame(
        {
            "frequency": got["frequency"].to_numpy().astype("int64"),
            "recency": got["recency_days"].to_numpy().astype("int64") / unit,
            "T": got["t_days"].to_numpy().astype("int64") / unit,
            "monetary": got["monetary"].to_numpy().astype("float64"),
        },
        index=pd.Index(got["customer_id"].to_numpy(), name=customer_col),
    )
    if cal_end < obs_end:
        out["holdout_purchases"] = got["holdout_purchases"].to_numpy().astype("int64")
        whole = isinstance(source, pd.DataFrame) and pd.api.types.is_integer_dtype(
            source[amount_col]
        )  # like the pandas twin, whole-number amounts give whole-number holdout spend
        out["holdout_spend"] = (
            got["holdout_spend"].to_numpy().astype("int64" if whole else "float64")
        )
        out["holdout_T"] = (obs_end - cal_end).days / unit
    return out


def _check_lines(source, customer_col, date_col, amount_col, connection) -> None:
    """Refuse what the pandas twin refuses: missing ids, dates or amounts, negative amounts."""
    c, d, a = identifier(customer_col), identifier(date_col), identifier(amount_col)
    query = (
        f"SELECT COUNT(*) - COUNT({c}), COUNT(*) - COUNT({d}), COUNT(*) - COUNT({a}), "
        f"SUM(CASE WHEN {a} < 0 THEN 1 ELSE 0 END) FROM transactions"
    )
    counts = run_query(source, query, [customer_col, date_col, amount_col], connection=connection)
    no_id, no_date, no_amount, negative = (int(x or 0) for x in counts.iloc[0])
    if no_id:
        raise ValueError(
            f"column {customer_col!r} has {no_id} missing customer id(s) (guest orders?); "
            "drop them first"
        )
    if no_date:
        raise ValueError(f"column {date_col!r} has {no_date} missing date(s)")
    if no_amount:
        raise ValueError(f"column {amount_col!r} has {no_amount} missing amount(s)")
    if negative:
        raise ValueError(
            f"column {amount_col!r} has {negative} negative amount(s) (returns?); "
            "clean the transactions first"
        )
