"""Cleaning transaction data before analysis, with a report of every row dropped and why.

Real order logs are messy: cancelled and returned orders, guest checkouts without a customer id,
lines recorded twice, zero or negative amounts, and a few wholesale orders far larger than any
consumer's. :func:`clean_transactions` removes them in a fixed order of steps and says, step by
step, how many rows and how much money each removed, so the analyst can judge whether the
cleaning is right for the question (notebooks 01, 02, 03, 07 and 08 use it on the shop's orders).

Every row is counted once, under the first step that drops it:

1. ``status``: rows whose status is not one to keep (e.g. "cancelled", "returned"), one report
   row per status value;
2. ``missing_customer``: no customer id (guest checkout);
3. ``duplicate``: exact copy of an earlier row (all columns, or ``duplicate_subset``);
4. ``non_positive``: an amount (or quantity, price, ...) that is missing, zero or negative;
5. ``outlier``: a value above a stated limit in ``outlier_col`` (default: the amount):
   ``outliers="iqr"`` (default) is the Tukey fence on the log scale, Q3 + 3 × IQR of log(value)
   (Tukey 1977), computed on the rows left after steps 1–4; a number is a fixed limit in the
   column's unit; None keeps everything. For the shop, :func:`clean_shop_orders` applies the
   rule to the units per order, which singles out the wholesale orders.

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({"order_id": [1, 2, 2, 3, 4], "customer_id": [7, 7, 7, None, 8],
...                        "amount": [10.0, 20.0, 20.0, 5.0, -3.0],
...                        "status": ["completed", "completed", "completed", "completed", "returned"]})
>>> result = clean_transactions(orders, outliers=None)
>>> result.data["order_id"].tolist()
[1, 2]
>>> result.report[["step", "rows_dropped"]].values.tolist()
[['status', 1], ['missing_customer', 1], ['duplicate', 1]]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers import validation
from helpers.language import choose
from helpers.validation import require_columns

__all__ = ["CleaningResult", "clean_transactions", "clean_shop_orders", "iqr_fence"]

REPORT_COLUMNS = ["step", "reason", "rows_dropped", "share_of_rows", "amount_dropped", "rows_left"]


@dataclass(frozen=True)
class CleaningResult:
    """Cleaned data plus the record of what was dropped.

    Attributes
    ----------
    data : pandas.DataFrame
        The rows kept (original index and columns).
    report : pandas.DataFrame
        One row per reason with rows dropped: ``step``, ``reason`` (the rule in words),
        ``rows_dropped``, ``share_of_rows`` (of the input rows), ``amount_dropped`` (sum of the
        amount column over the dropped rows, NaN ignored) and ``rows_left`` after that step.
    dropped : pandas.DataFrame
        The dropped rows with a ``drop_reason`` column (the ``step`` that dropped them).
    outlier_limit : float or None
        The amount above which rows were dropped as outliers (None when no outlier rule).

    A result unpacks as ``data, report = clean_transactions(...)``.
    """

    data: pd.DataFrame
    report: pd.DataFrame
    dropped: pd.DataFrame
    outlier_limit: float | None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.data, self.report))

    def __repr__(self) -> str:
        n_in = len(self.data) + len(self.dropped)
        if choose(en="en", ko="ko") == "ko":  # the Korean edition names the reason, not the step
            parts = ", ".join(
                f"{_step_ko(r.step, r.reason)} {r.rows_dropped:,}" for r in self.report.itertuples()
            )
            return (
                f"CleaningResult({n_in:,}행 중 {len(self.data):,}행 유지; 제외: {parts or '없음'})"
            )
        parts = ", ".join(f"{r.step} {r.rows_dropped:,}" for r in self.report.itertuples())
        return (
            f"CleaningResult(kept {len(self.data):,} of {n_in:,} rows; "
            f"dropped: {parts or 'nothing'})"
        )


_STATUS_KO = {"cancelled": "취소", "canceled": "취소", "returned": "반품"}
_STEP_KO = {
    "missing_customer": "고객 ID 없음",
    "duplicate": "중복",
    "non_positive": "0 이하·결측",
    "outlier": "이상치",
}


def _step_ko(step: str, reason: str) -> str:
    """Korean short name of a report row for the repr: the status value for status rows."""
    if step == "status":
        for value, name in _STATUS_KO.items():
            if f"'{value}'" in reason:
                return name
        return "상태"
    return _STEP_KO.get(step, step)


def _what_ko(column: str) -> tuple[str, str]:
    """Korean name and counting unit of the column the outlier rule looks at."""
    return {"amount": ("금액", "원"), "units": ("수량", "개")}.get(column, (column, ""))


def _check_columns(df: pd.DataFrame, columns: Iterable[str | None]) -> None:
    require_columns(df, columns, "transactions")


def iqr_fence(values: pd.Series | np.ndarray, k: float = 3.0) -> float:
    """Upper Tukey fence of positive amounts on the log scale: exp(Q3 + k·IQR) of log(values).

    Spend is right-skewed, so the fence is computed on log(amount), where consumer orders are
    roughly symmetric; an order above the fence is far larger than the usual spread allows
    (k = 3 marks "far out" values, Tukey 1977).

    Examples
    --------
    >>> round(iqr_fence(pd.Series([10.0, 20.0, 40.0, 80.0])), 1)
    1076.3
    """
    if isinstance(values, pd.Series | np.ndarray) and np.ndim(values) == 1:
        validation.numeric(values, "values")
    validation.number(k, "k", low=0, low_open=True)
    x = np.asarray(values, dtype="float64")
    x = x[np.isfinite(x) & (x > 0)]
    if x.size == 0:
        raise ValueError("iqr_fence needs at least one positive amount")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    q1, q3 = np.quantile(np.log(x), [0.25, 0.75])
    with np.errstate(over="ignore"):  # a fence beyond float range means "no outliers"
        return float(np.exp(q3 + k * (q3 - q1)))


def clean_transactions(
    transactions: pd.DataFrame,
    *,
    customer_col: str | None = "customer_id",
    amount_col: str = "amount",
    status_col: str | None = "status",
    keep_status: Sequence[str] = ("completed",),
    drop_duplicates: bool = True,
    duplicate_subset: Sequence[str] | None = None,
    positive_cols: Sequence[str] | None = None,
    outliers: str | float | None = "iqr",
    outlier_k: float = 3.0,
    outlier_col: str | None = None,
) -> CleaningResult:
    """Drop cancelled/returned, anonymous, duplicated, non-positive and outlying rows; report each.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Orders or order lines.
    customer_col : str or None, default "customer_id"
        Rows where it is missing are dropped (guest checkouts). None skips the step.
    amount_col : str, default "amount"
        The money column, summed in the report and used by the outlier rule.
    status_col : str or None, default "status"
        Column of the order status; rows whose status is not in ``keep_status`` are dropped
        (a report row per status value). None skips the step (for data without a status).
    keep_status : sequence of str, default ("completed",)
        Status values to keep.
    drop_duplicates : bool, default True
        Drop exact copies of an earlier row.
    duplicate_subset : sequence of str, optional
        Columns that define a copy (default: all columns).
    positive_cols : sequence of str, optional
        Columns that must be present and > 0 (default: ``[amount_col]``); e.g.
        ``["quantity", "unit_price"]`` for order lines.
    outliers : "iqr", float or None, default "iqr"
        ``"iqr"``: drop amounts above :func:`iqr_fence` (Q3 + ``outlier_k`` × IQR of log amount,
        computed after the earlier steps); a number: drop amounts above it; None: keep all.
    outlier_k : float, default 3.0
        The fence multiplier for ``outliers="iqr"``.
    outlier_col : str, optional
        The column the outlier rule looks at (default: ``amount_col``), e.g. units per order.

    Returns
    -------
    CleaningResult
        ``.data`` (kept rows, input index), ``.report`` (one row per reason),
        ``.dropped`` (dropped rows with ``drop_reason``), ``.outlier_limit``.

    Raises
    ------
    TypeError
        ``transactions`` is not a DataFrame, or the amount column is not numeric.
    ValueError
        A named column is missing, the data are empty, or an option is invalid.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": [1, 2, 3], "amount": [10.0, 12.0, 9000.0]})
    >>> data, report = clean_transactions(orders, status_col=None, outliers=100)
    >>> report["reason"].tolist()
    ['amount above 100 (fixed limit)']
    """
    if isinstance(transactions, pd.DataFrame):  # inf, text numbers and mixed ids are never data
        transactions = validation.frame(
            transactions,
            "transactions",
            {customer_col: "id?", "order_id": "id?", amount_col: "amount?", "discount": "amount?"},
            only_present=True,
        )
        transactions = validation.datetimes(transactions, "transactions", {"order_date": "date?"})
    validation.number(outlier_k, "outlier_k", low=0, low_open=True)
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(
            f"transactions must be a pandas DataFrame, got {type(transactions).__name__}"
        )
    positive = [amount_col] if positive_cols is None else list(positive_cols)
    subset = None if duplicate_subset is None else list(duplicate_subset)
    outlier_col = amount_col if outlier_col is None else outlier_col
    _check_columns(
        transactions,
        [customer_col, amount_col, status_col, outlier_col, *positive, *(subset or [])],
    )
    if transactions.empty:
        raise ValueError("transactions is empty: nothing to clean")
    for col in dict.fromkeys([amount_col, outlier_col, *positive]):
        if pd.api.types.is_bool_dtype(transactions[col]) or not pd.api.types.is_numeric_dtype(
            transactions[col]
        ):
            raise TypeError(
                f"column {col!r} must be numeric, got dtype {transactions[col].dtype}; "
                f"convert it with pd.to_numeric(df[{col!r}])"
            )
    if isinstance(keep_status, str):
        raise TypeError("keep_status must be a list of status values, e.g. ['completed']")
    if not (outliers is None or outliers == "iqr" or isinstance(outliers, (int, float))):
        raise ValueError(f"outliers must be 'iqr', a number or None, got {outliers!r}")

    n = len(transactions)
    reason = np.full(n, None, dtype=object)
    steps: list[tuple[str, str, np.ndarray]] = []

    def mark(step: str, text: str, mask: np.ndarray) -> None:
        new = mask & pd.isna(reason)
        reason[new] = step
        steps.append((step, text, new))

    if status_col is not None:
        status = transactions[status_col]
        bad = ~status.isin(list(keep_status)).to_numpy()
        for value in sorted(status[bad].astype(str).unique()):
            name = _STATUS_KO.get(value)
            mark(
                "status",
                choose(
                    en=f"status is {value!r}",
                    ko=f"상태가 {value!r}" + (f"({name})" if name else ""),
                ),
                bad & (status.astype(str) == value).to_numpy(),
            )
    if customer_col is not None:
        mark(
            "missing_customer",
            choose(en="no customer id (guest checkout)", ko="고객 ID 없음(비회원 주문)"),
            transactions[customer_col].isna().to_numpy(),
        )
    if drop_duplicates:
        dup = transactions.duplicated(subset=subset, keep="first").to_numpy()
        what = "all columns" if subset is None else ", ".join(subset)
        what_ko = "모든 열" if subset is None else ", ".join(subset) + " 기준"
        text = choose(
            en=f"exact copy of an earlier row ({what})",
            ko=f"앞 행과 완전히 같은 중복 행({what_ko})",
        )
        mark("duplicate", text, dup)
    nonpos = np.zeros(n, dtype=bool)
    for col in dict.fromkeys(positive):
        values = transactions[col].to_numpy(dtype="float64", na_value=np.nan)
        nonpos |= ~(values > 0)
    text = choose(
        en=f"{' or '.join(dict.fromkeys(positive))} missing, zero or negative",
        ko=f"{' 또는 '.join(dict.fromkeys(positive))} 값이 없거나 0 이하",
    )
    mark("non_positive", text, nonpos)

    amount = transactions[amount_col].to_numpy(dtype="float64", na_value=np.nan)
    value = transactions[outlier_col].to_numpy(dtype="float64", na_value=np.nan)
    what = "amount" if outlier_col == amount_col else outlier_col
    what_ko, unit_ko = _what_ko(what)
    limit = None
    if outliers is not None:
        kept = pd.isna(reason) & (value > 0)
        if outliers == "iqr":
            if kept.any():
                limit = iqr_fence(value[kept], outlier_k)
                rule = choose(
                    en=f"{what} above {limit:,.0f} (Tukey fence Q3 + {outlier_k:g}×IQR of log {what})",
                    ko=f"{what_ko} {limit:,.0f}{unit_ko} 초과"
                    f"(로그 {what_ko}의 Tukey 울타리 Q3 + {outlier_k:g}×IQR)",
                )
        else:
            limit = float(outliers)
            rule = choose(
                en=f"{what} above {limit:,.0f} (fixed limit)",
                ko=f"{what_ko} {limit:,.0f}{unit_ko} 초과(고정 한도)",
            )
        if limit is not None:
            mark("outlier", rule, value > limit)

    rows = []
    left = n
    for step, text, mask in steps:
        dropped = int(mask.sum())
        if dropped == 0:
            continue
        left -= dropped
        rows.append((step, text, dropped, dropped / n, float(np.nansum(amount[mask])), left))
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS).astype(
        {"rows_dropped": "int64", "rows_left": "int64"}
    )
    is_kept = pd.isna(reason)
    data = transactions.loc[is_kept].copy()
    dropped = transactions.loc[~is_kept].assign(drop_reason=reason[~is_kept].astype(str))
    return CleaningResult(data=data, report=report, dropped=dropped, outlier_limit=limit)


def clean_shop_orders(
    orders: pd.DataFrame, order_items: pd.DataFrame, *, outlier_k: float = 3.0
) -> CleaningResult:
    """The workbook's standard cleaning of the shop's orders (notebooks 01, 02, 03, 05, 08).

    Adds ``units`` (items per order, from the order lines with exact duplicate lines removed)
    and runs :func:`clean_transactions`: drops cancelled and returned orders, guest orders
    without a customer id, exact duplicate orders, non-positive amounts, and wholesale orders
    (units per order above the Tukey far-out fence on log units, Q3 + 3 × IQR).

    Parameters
    ----------
    orders : pandas.DataFrame
        ``load_shop().orders`` (order_id, customer_id, order_date, amount, status, ...).
    order_items : pandas.DataFrame
        ``load_shop().order_items`` (order_id, product_id, quantity, unit_price).
    outlier_k : float, default 3.0
        Fence multiplier for the wholesale rule.

    Returns
    -------
    CleaningResult
        ``.data`` holds the kept orders with the extra ``units`` column.

    Examples
    --------
    >>> from helpers.data import load_shop  # doctest: +SKIP
    >>> shop = load_shop()  # doctest: +SKIP
    >>> orders = clean_shop_orders(shop.orders, shop.order_items).data  # doctest: +SKIP
    """
    if isinstance(orders, pd.DataFrame) and isinstance(order_items, pd.DataFrame):
        orders = validation.frame(  # a guest order has no customer id
            orders,
            "orders",
            {"order_id": "id", "customer_id": "id?", "amount": "amount", "discount": "amount"},
            only_present=True,
        )
        orders = validation.datetimes(orders, "orders", {"order_date": "date"})
        validation.frame(  # quantities as text would be concatenated ("1" + "2" = "12") when summed
            order_items,
            "order_items",
            {"order_id": "id", "product_id": "id", "quantity": "count"},
            only_present=True,
        )
        if "order_id" in orders.columns and "order_id" in order_items.columns:
            validation.matching_ids(
                "order_id", orders=orders["order_id"], order_items=order_items["order_id"]
            )
    validation.number(outlier_k, "outlier_k", low=0, low_open=True)
    for name, df, cols in [
        ("orders", orders, ["order_id"]),
        ("order_items", order_items, ["order_id", "quantity"]),
    ]:
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise ValueError(f"{name} has no column {', '.join(map(repr, missing))}")
    units = order_items.drop_duplicates().groupby("order_id")["quantity"].sum()
    with_units = orders.assign(units=orders["order_id"].map(units).fillna(0).astype("int64"))
    return clean_transactions(with_units, outliers="iqr", outlier_k=outlier_k, outlier_col="units")
