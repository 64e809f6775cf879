"""eCRM analytics: response and churn models read as gains tables, the session funnel, rules by
segment, second-purchase timing, tier proximity and referral value (notebook 08).

The three stages of eCRM (판매 전·판매시점·판매 후 eCRM) each get a reusable measure here:

* **eMarketing** (before the sale): :func:`contact_history` builds the features a campaign
  response model may use *at the moment of sending* (no look-ahead), :func:`model_pipeline`
  builds the scikit-learn Pipeline, :func:`gains_table` reads the scores decile by decile
  (response rate, lift, cumulative gains) and :func:`profit_by_depth` / :func:`best_depth` turn
  them into money at a stated cost per contact.
* **eSale** (at the sale): :func:`funnel` counts visits that reach each step of a funnel
  (visit → product view → cart → purchase) by any grouping.
* **eService** (after the sale): :func:`inactivity_churn` and :func:`membership_churn` label
  churn after a cutoff date (non-contractual and contractual), :func:`features_before` computes
  customer features strictly before the cutoff, :func:`calibration_table` checks predicted
  probabilities against what happened.

The relationship strategies of Kim (2017) use :func:`basket_matrix`, :func:`rule_stats` and
:func:`rules_by_segment` (cross-/up-selling, 교차/상승판매), :func:`second_purchase_times` and
:func:`second_purchase_curve` (2차 구매 유도), :func:`tier_proximity` (등급전환) and
:func:`referral_summary` (고객추천 관리).

Deciles: rows are ranked by score, highest first, ties broken by order of appearance
(``rank(method="first")``), and cut into ``n_bins`` groups of equal size (±1); decile 1 holds
the best scores. **Lift** of a decile = its positive rate / the overall positive rate; the
**cumulative gain** at depth d = the share of all positives found in the top d deciles.

Examples
--------
>>> import pandas as pd
>>> g = gains_table([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], n_bins=2)
>>> g[["positives", "rate", "lift", "cum_gain"]].to_dict("list")
{'positives': [1, 1], 'rate': [0.5, 0.5], 'lift': [1.0, 1.0], 'cum_gain': [0.5, 1.0]}
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd

from helpers import validation
from helpers.validation import require_columns as _require_columns
from helpers.validation import require_frame as _require_frame

__all__ = [
    "gains_table",
    "profit_by_depth",
    "best_depth",
    "targeting_scenarios",
    "contact_history",
    "history_at",
    "campaign_features",
    "model_pipeline",
    "funnel",
    "basket_matrix",
    "rule_stats",
    "association_rules_table",
    "rules_by_segment",
    "followup_rate",
    "rule_recovery",
    "second_purchase_times",
    "second_purchase_curve",
    "tier_proximity",
    "referral_summary",
    "spend_within",
    "inactivity_churn",
    "membership_churn",
    "membership_spells",
    "features_before",
    "calibration_table",
]


# ---------------------------------------------------------------------------------------------
# validation


def _one_dim(values: object, name: str) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        raise TypeError(
            f"{name} must be one-dimensional (a Series, array or list), got a DataFrame"
        )
    if values is None or isinstance(values, (str, bytes)) or np.isscalar(values):
        raise TypeError(f"{name} must be a collection of values, got {type(values).__name__}")
    series = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values))
    if series.empty:
        raise ValueError(f"{name} is empty")
    return series.reset_index(drop=True)


def _binary(values: object, name: str) -> np.ndarray:
    series = _one_dim(values, name)
    if series.isna().any():
        raise ValueError(f"{name} has {int(series.isna().sum())} missing value(s)")
    if pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype="float64")
    if not pd.api.types.is_numeric_dtype(series):
        raise TypeError(f"{name} must hold 0/1 or True/False, got dtype {series.dtype}")
    arr = series.to_numpy(dtype="float64")
    if not np.isin(arr, [0.0, 1.0]).all():
        raise ValueError(f"{name} must hold only 0/1 or True/False")
    return arr


def _numeric(values: object, name: str, *, nonnegative: bool = False) -> np.ndarray:
    series = _one_dim(values, name)
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        raise TypeError(f"{name} must be numeric, got dtype {series.dtype}")
    arr = series.to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(arr).any():
        raise ValueError(f"{name} has {int(np.isnan(arr).sum())} missing value(s)")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} has infinite value(s)")
    if nonnegative and (arr < 0).any():
        raise ValueError(f"{name} has {int((arr < 0).sum())} negative value(s)")
    return arr


def _number(
    value: object, name: str, *, low: float | None = None, high: float | None = None
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value}")
    return value


def _whole(value: object, name: str, *, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    return int(value)


def _timestamp(value: object, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} is not a date: {value!r}") from err
    if pd.isna(ts):
        raise ValueError(f"{name} is missing")
    return ts


def _dates(values: pd.Series, column: str, name: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
    else:
        try:
            out = pd.to_datetime(values, errors="raise")
        except (TypeError, ValueError) as err:
            raise ValueError(f"{name}[{column!r}] has values that are not dates: {err}") from err
    return out


def _deciles(score: np.ndarray, n_bins: int) -> np.ndarray:
    rank = pd.Series(score).rank(method="first", ascending=False).to_numpy()
    return np.ceil(rank * n_bins / len(score)).astype("int64")


# ---------------------------------------------------------------------------------------------
# eMarketing: gains, lift and profit of targeting


def gains_table(
    y_true: pd.Series | Sequence[float] | np.ndarray,
    score: pd.Series | Sequence[float] | np.ndarray,
    *,
    n_bins: int = 10,
) -> pd.DataFrame:
    """Gains and lift table: how many positives each score decile holds.

    Rows are ranked by ``score`` (highest first, ties by order of appearance) and cut into
    ``n_bins`` groups of equal size; group 1 holds the best scores.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The outcome (responded, churned).
    score : array-like of float
        The model's score or probability; higher = more likely positive.
    n_bins : int, default 10
        Number of groups (10 = deciles).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``decile`` (1 = best): ``rows``, ``positives``, ``rate`` (positive rate in the
        decile), ``lift`` (rate / overall rate), ``cum_rows``, ``cum_positives``, ``cum_rate``,
        ``cum_lift`` and ``cum_gain`` (share of all positives found down to this decile),
        ``depth`` (share of rows down to this decile), ``min_score`` and ``max_score``.

    Examples
    --------
    >>> g = gains_table([1, 1, 0, 0, 0, 0], [6, 5, 4, 3, 2, 1], n_bins=3)
    >>> g[["positives", "lift", "cum_gain"]].to_dict("list")
    {'positives': [2, 0, 0], 'lift': [3.0, 0.0, 0.0], 'cum_gain': [1.0, 1.0, 1.0]}
    """
    y = _binary(y_true, "y_true")
    s = _numeric(score, "score")
    if len(y) != len(s):
        raise ValueError(f"y_true ({len(y)}) and score ({len(s)}) must have the same length")
    n_bins = _whole(n_bins, "n_bins")
    if n_bins > len(y):
        raise ValueError(f"n_bins ({n_bins}) cannot exceed the number of rows ({len(y)})")
    if y.sum() == 0:
        raise ValueError("y_true has no positive: lift and gains are undefined")
    frame = pd.DataFrame({"decile": _deciles(s, n_bins), "y": y, "s": s})
    out = frame.groupby("decile").agg(
        rows=("y", "size"),
        positives=("y", "sum"),
        min_score=("s", "min"),
        max_score=("s", "max"),
    )
    out["positives"] = out["positives"].astype("int64")
    base = y.mean()
    out["rate"] = out["positives"] / out["rows"]
    out["lift"] = out["rate"] / base
    out["cum_rows"] = out["rows"].cumsum()
    out["cum_positives"] = out["positives"].cumsum()
    out["cum_rate"] = out["cum_positives"] / out["cum_rows"]
    out["cum_lift"] = out["cum_rate"] / base
    out["cum_gain"] = out["cum_positives"] / y.sum()
    out["depth"] = out["cum_rows"] / len(y)
    cols = ["rows", "positives", "rate", "lift", "cum_rows", "cum_positives", "cum_rate"]
    return out[cols + ["cum_lift", "cum_gain", "depth", "min_score", "max_score"]]


def profit_by_depth(
    y_true: pd.Series | Sequence[float] | np.ndarray,
    score: pd.Series | Sequence[float] | np.ndarray,
    value: pd.Series | Sequence[float] | np.ndarray | float,
    *,
    cost_per_contact: float,
    n_bins: int = 10,
) -> pd.DataFrame:
    """Profit of contacting the top deciles only, decile by decile and cumulated.

    Every contacted row costs ``cost_per_contact``; a positive row brings its ``value`` (e.g. the
    margin of the response order, or save rate × customer value for a retention offer). Rows are
    ranked as in :func:`gains_table`.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The outcome.
    score : array-like of float
        Targeting score, higher = contact first.
    value : array-like of float or a number
        What a positive row is worth (ignored for negative rows); one number applies to all.
    cost_per_contact : float
        Cost of contacting one row (same unit as ``value``), >= 0.
    n_bins : int, default 10
        Number of groups.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``decile``: ``rows``, ``positives``, ``value`` (of the positives), ``cost``,
        ``profit`` (value − cost of the decile), ``cum_profit`` (contacting deciles 1..d),
        ``depth`` (share of rows contacted) and ``vs_everyone`` (cum_profit − profit of
        contacting every row).

    Examples
    --------
    >>> t = profit_by_depth([1, 0, 0, 0], [4, 3, 2, 1], 100, cost_per_contact=10, n_bins=2)
    >>> t[["profit", "cum_profit", "vs_everyone"]].to_dict("list")
    {'profit': [80.0, -20.0], 'cum_profit': [80.0, 60.0], 'vs_everyone': [20.0, 0.0]}
    """
    validation.number(cost_per_contact, "cost_per_contact", low=0)
    y = _binary(y_true, "y_true")
    s = _numeric(score, "score")
    if np.isscalar(value) and not isinstance(value, (str, bytes)):
        v = np.full(len(y), _number(value, "value", low=0))
    else:
        v = _numeric(value, "value", nonnegative=True)
    if not len(y) == len(s) == len(v):
        raise ValueError(
            f"y_true ({len(y)}), score ({len(s)}) and value ({len(v)}) must have the same length"
        )
    cost = _number(cost_per_contact, "cost_per_contact", low=0)
    n_bins = _whole(n_bins, "n_bins")
    if n_bins > len(y):
        raise ValueError(f"n_bins ({n_bins}) cannot exceed the number of rows ({len(y)})")
    frame = pd.DataFrame({"decile": _deciles(s, n_bins), "y": y, "v": v * y})
    out = frame.groupby("decile").agg(
        rows=("y", "size"), positives=("y", "sum"), value=("v", "sum")
    )
    out["positives"] = out["positives"].astype("int64")
    out["cost"] = out["rows"] * cost
    out["profit"] = out["value"] - out["cost"]
    out["cum_profit"] = out["profit"].cumsum()
    out["depth"] = out["rows"].cumsum() / len(y)
    out["vs_everyone"] = out["cum_profit"] - out["profit"].sum()
    return out


def best_depth(profit_table: pd.DataFrame) -> int:
    """Number of top deciles to contact for the highest profit (0 if even decile 1 loses money).

    Parameters
    ----------
    profit_table : pandas.DataFrame
        The result of :func:`profit_by_depth` (needs ``cum_profit``).

    Returns
    -------
    int
        The decile d whose cumulative profit is highest (the first such d on ties), or 0 when
        every cumulative profit is negative (then contact nobody).

    Examples
    --------
    >>> t = profit_by_depth([1, 0, 0, 0], [4, 3, 2, 1], 100, cost_per_contact=10, n_bins=4)
    >>> best_depth(t)
    1
    """
    if isinstance(profit_table, pd.DataFrame):
        validation.require_unique_index(profit_table, "profit_table")
        validation.frame(profit_table, "profit_table", {"cum_profit": "number"}, only_present=True)
    _require_frame(profit_table, "profit_table")
    _require_columns(profit_table, ["cum_profit"], "profit_table")
    if profit_table.empty:
        raise ValueError("profit_table is empty")
    cum = profit_table["cum_profit"].to_numpy(dtype="float64")
    if cum.max() < 0:
        return 0
    return int(profit_table.index[int(np.argmax(cum))])


def targeting_scenarios(
    y_true: pd.Series | Sequence[float] | np.ndarray,
    score: pd.Series | Sequence[float] | np.ndarray,
    amount: pd.Series | Sequence[float] | np.ndarray,
    *,
    costs: Sequence[float],
    margin: float,
    n_bins: int = 10,
) -> pd.DataFrame:
    """How deep to contact, and what it earns, at several costs per contact (a what-if table).

    Each scenario prices the same ranked list with :func:`profit_by_depth`: a positive row
    brings ``margin`` × its ``amount`` (e.g. the net amount of the response order), every
    contacted row costs the scenario's cost. Used by notebook 08's static what-if table and by
    its slider (:func:`helpers.plots.ecrm.targeting_what_if`).

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The outcome (responded or not).
    score : array-like of float
        Targeting score, higher = contact first.
    amount : array-like of float
        What a positive row spends (ignored for negative rows), >= 0.
    costs : sequence of float
        Costs per contact to compare (same unit as ``amount``), each >= 0.
    margin : float
        Share of ``amount`` that is profit, in (0, 1].
    n_bins : int, default 10
        Number of groups.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cost_per_contact``: ``break_even_rate`` (cost / mean margin of a positive
        row), ``best_depth_deciles`` (0 = contact nobody), ``profit_best`` (profit at that depth,
        0 when nobody is contacted), ``profit_everyone`` and ``gain_vs_everyone``.

    Examples
    --------
    >>> t = targeting_scenarios([1, 0, 0, 0], [4, 3, 2, 1], [400, 0, 0, 0], costs=[10, 150],
    ...                         margin=0.5, n_bins=4)
    >>> t[["best_depth_deciles", "profit_best", "gain_vs_everyone"]].to_dict("list")
    {'best_depth_deciles': [1, 1], 'profit_best': [190.0, 50.0], 'gain_vs_everyone': [30.0, 450.0]}
    """
    m = _number(margin, "margin", low=0)
    if not 0 < m <= 1:
        raise ValueError(f"margin must be in (0, 1], got {margin}")
    if isinstance(costs, (str, bytes)) or not isinstance(costs, Sequence | np.ndarray | pd.Index):
        raise TypeError(f"costs must be a sequence of numbers, got {type(costs).__name__}")
    if len(costs) == 0:
        raise ValueError("costs must hold at least one cost per contact")
    y = _binary(y_true, "y_true")
    a = _numeric(amount, "amount", nonnegative=True)
    if len(a) != len(y):
        raise ValueError(f"y_true ({len(y)}) and amount ({len(a)}) must have the same length")
    value = m * a
    mean_value = value[y.astype(bool)].mean() if y.any() else np.nan
    rows = {}
    for cost in costs:  # one row per scenario (a handful), not per customer
        table = profit_by_depth(y, score, value, cost_per_contact=cost, n_bins=n_bins)
        depth = best_depth(table)
        best = float(table.loc[depth, "cum_profit"]) if depth else 0.0
        everyone = float(table["cum_profit"].iloc[-1])
        rows[float(cost)] = {
            "break_even_rate": float(cost) / mean_value,
            "best_depth_deciles": depth,
            "profit_best": best,
            "profit_everyone": everyone,
            "gain_vs_everyone": best - everyone,
        }
    out = pd.DataFrame.from_dict(rows, orient="index").rename_axis("cost_per_contact")
    out["best_depth_deciles"] = out["best_depth_deciles"].astype("int64")
    return out


def contact_history(
    contacts: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    sent_col: str = "sent_at",
    response_col: str = "response_order_id",
    order_col: str = "order_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Each contact's earlier contacts and earlier responses, known at the time of sending.

    A previous response counts only if its order was placed strictly before this contact's
    ``sent_at``, so a response that happened after the send time can never leak into the
    features of the contact.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per contact: customer, send time, and the id of the response order (empty if
        none).
    orders : pandas.DataFrame
        Orders with ``order_col`` and ``date_col`` (to date the responses).

    Returns
    -------
    pandas.DataFrame
        Same index and row order as ``contacts``, columns ``prior_contacts``,
        ``prior_responses`` and ``prior_response_rate`` (0 when there was no earlier contact).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 1, 1], "response_order_id": [10, None, None],
    ...                   "sent_at": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])})
    >>> o = pd.DataFrame({"order_id": [10], "order_date": pd.to_datetime(["2024-01-03"])})
    >>> contact_history(c, o)["prior_responses"].tolist()
    [0, 1, 1]
    """
    contacts = validation.datetimes(contacts, "contacts", {sent_col: "date"})
    orders = validation.datetimes(orders, "orders", {date_col: "date"})
    if isinstance(contacts, pd.DataFrame) and isinstance(orders, pd.DataFrame):
        validation.frame(
            contacts, "contacts", {customer_col: "id", response_col: "id?"}, only_present=True
        )
        validation.frame(orders, "orders", {order_col: "id"}, only_present=True, allow_empty=False)
        if response_col in contacts.columns and order_col in orders.columns:
            validation.matching_ids(
                order_col, contacts=contacts[response_col], orders=orders[order_col]
            )
    _require_frame(contacts, "contacts")
    _require_frame(orders, "orders")
    _require_columns(contacts, [customer_col, sent_col, response_col], "contacts")
    _require_columns(orders, [order_col, date_col], "orders")
    if contacts.empty:
        raise ValueError("contacts is empty")
    if contacts[customer_col].isna().any():
        raise ValueError(f"contacts[{customer_col!r}] has missing customer ids")
    sent = _dates(contacts[sent_col], sent_col, "contacts")
    if sent.isna().any():
        raise ValueError(f"contacts[{sent_col!r}] has missing send times")
    order_dates = pd.Series(
        _dates(orders[date_col], date_col, "orders").to_numpy(), index=orders[order_col]
    )
    responded_at = contacts[response_col].map(order_dates)
    unknown = contacts[response_col].notna() & responded_at.isna()
    if unknown.any():
        raise ValueError(
            f"contacts[{response_col!r}] has {int(unknown.sum())} order id(s) not found in orders"
        )
    rows = pd.RangeIndex(len(contacts))
    sends = pd.DataFrame(
        {"c": contacts[customer_col].to_numpy(), "t": sent.to_numpy(), "kind": 0, "row": rows}
    )
    has = responded_at.notna().to_numpy()
    responses = pd.DataFrame(
        {
            "c": contacts[customer_col].to_numpy()[has],
            "t": responded_at.to_numpy()[has],
            "kind": 1,
            "row": -1,
        }
    )
    # at equal times a send comes first (kind 0), so a response at the same minute is not "prior"
    events = pd.concat([sends, responses], ignore_index=True).sort_values(
        ["c", "t", "kind"], kind="stable"
    )
    events["responses_so_far"] = events.groupby("c")["kind"].cumsum()
    events["sends_so_far"] = (events["kind"] == 0).groupby(events["c"]).cumsum() - 1
    at_send = events.loc[events["kind"] == 0].set_index("row").sort_index()
    prior_contacts = at_send["sends_so_far"].to_numpy().astype("int64")
    prior_responses = at_send["responses_so_far"].to_numpy().astype("int64")
    rate = np.divide(
        prior_responses,
        prior_contacts,
        out=np.zeros(len(rows), dtype="float64"),
        where=prior_contacts > 0,
    )
    return pd.DataFrame(
        {
            "prior_contacts": prior_contacts,
            "prior_responses": prior_responses,
            "prior_response_rate": rate,
        },
        index=contacts.index,
    )


def history_at(
    rows: pd.DataFrame,
    contacts: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    sent_col: str = "sent_at",
    response_col: str = "response_order_id",
    order_col: str = "order_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Earlier contacts and responses of each row's customer, from a separate contact log.

    :func:`contact_history` counts earlier rows of the *same* frame, which is right for the
    contacts themselves. To score customers who were **not** contacted (the control arm of a
    campaign experiment), count their earlier contacts in ``contacts`` (the log of real contacts)
    as of each row's ``sent_col``: contacts sent strictly before it, responses whose order was
    placed strictly before it.

    Parameters
    ----------
    rows : pandas.DataFrame
        One row per (customer, time) to describe, with ``customer_col`` and ``sent_col``.
    contacts : pandas.DataFrame
        The contact log (customer, ``sent_col``, ``response_col``).
    orders : pandas.DataFrame
        Orders with ``order_col`` and ``date_col`` (to date the responses).

    Returns
    -------
    pandas.DataFrame
        Same index and row order as ``rows``: ``prior_contacts``, ``prior_responses``,
        ``prior_response_rate`` (0 without earlier contacts).

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": [1, 1], "response_order_id": [10, None],
    ...                     "sent_at": pd.to_datetime(["2024-01-01", "2024-02-01"])})
    >>> o = pd.DataFrame({"order_id": [10], "order_date": pd.to_datetime(["2024-01-03"])})
    >>> rows = pd.DataFrame({"customer_id": [1, 1, 2], "sent_at": pd.to_datetime(["2024-01-02", "2024-03-01", "2024-03-01"])})
    >>> history_at(rows, log, o)[["prior_contacts", "prior_responses"]].values.tolist()
    [[1, 0], [2, 1], [0, 0]]
    """
    rows = validation.frame(rows, "rows", {customer_col: "id", sent_col: "date"})
    contacts = validation.frame(
        contacts, "contacts", {customer_col: "id", sent_col: "date", response_col: "id?"}
    )
    orders = validation.frame(orders, "orders", {order_col: "id", date_col: "date"})
    validation.matching_ids(customer_col, rows=rows[customer_col], contacts=contacts[customer_col])
    validation.matching_ids(order_col, contacts=contacts[response_col], orders=orders[order_col])
    if rows.empty:
        raise ValueError("rows is empty")
    at = _dates(rows[sent_col], sent_col, "rows")
    if at.isna().any() or rows[customer_col].isna().any():
        raise ValueError(f"rows has missing {customer_col!r} or {sent_col!r} values")
    sent = _dates(contacts[sent_col], sent_col, "contacts")
    order_dates = pd.Series(
        _dates(orders[date_col], date_col, "orders").to_numpy(), index=orders[order_col]
    )
    if order_dates.empty:  # no orders: no contact was answered (pandas cannot map onto nothing)
        responded_at = pd.Series(pd.NaT, index=contacts.index, dtype="datetime64[ns]")
    else:
        responded_at = contacts[response_col].map(order_dates)
    has = responded_at.notna().to_numpy()
    events = pd.concat(
        [
            pd.DataFrame({"c": contacts[customer_col].to_numpy(), "t": sent.to_numpy(),
                          "send": 1, "resp": 0, "kind": 1, "row": -1}),
            pd.DataFrame({"c": contacts[customer_col].to_numpy()[has], "t": responded_at.to_numpy()[has],
                          "send": 0, "resp": 1, "kind": 1, "row": -1}),
            # queries come first at equal times (kind 0), so only strictly earlier events count
            pd.DataFrame({"c": rows[customer_col].to_numpy(), "t": at.to_numpy(),
                          "send": 0, "resp": 0, "kind": 0, "row": np.arange(len(rows))}),
        ],
        ignore_index=True,
    ).sort_values(["c", "t", "kind"], kind="stable")  # fmt: skip
    g = events.groupby("c")
    events["sends"] = g["send"].cumsum()
    events["resps"] = g["resp"].cumsum()
    q = events.loc[events["row"] >= 0].set_index("row").sort_index()
    prior_contacts = q["sends"].to_numpy().astype("int64")
    prior_responses = q["resps"].to_numpy().astype("int64")
    rate = np.divide(
        prior_responses, prior_contacts, out=np.zeros(len(rows)), where=prior_contacts > 0
    )
    return pd.DataFrame(
        {"prior_contacts": prior_contacts, "prior_responses": prior_responses,
         "prior_response_rate": rate},
        index=rows.index,
    )  # fmt: skip


def campaign_features(
    contacts: pd.DataFrame,
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    history: pd.DataFrame | None = None,
    response_orders: pd.DataFrame | None = None,
    customer_col: str = "customer_id",
    sent_col: str = "sent_at",
    signup_col: str = "signup_date",
) -> pd.DataFrame:
    """Everything a response model may know about a contact at the moment it was sent.

    Joins :func:`helpers.rfm.score_contacts` (RFM of the purchases strictly before the day of
    sending), :func:`contact_history` (earlier contacts and responses dated before the send
    time) and the customer's tenure and acquisition channel. Nothing after ``sent_at`` enters.

    Parameters
    ----------
    contacts : pandas.DataFrame
        ``campaign_contacts`` (customer, sent_at, channel, offer, responded, response_order_id).
    orders : pandas.DataFrame
        Cleaned orders (completed purchases) for the RFM; response orders are dated from them
        too, so pass orders that include the response orders.
    customers : pandas.DataFrame
        One row per customer with ``signup_col`` and ``acquisition_channel``.
    history : pandas.DataFrame, optional
        The log of real contacts (``campaign_contacts``). Give it when ``contacts`` holds rows
        that were not all contacted, e.g. every eligible customer of a campaign experiment
        (``campaign_assignments`` with ``sent_at``): earlier contacts are then counted in the log
        (:func:`history_at`) instead of among the rows themselves.
    response_orders : pandas.DataFrame, optional
        Orders used only to *date* the responses (``order_id``, ``order_date``), default
        ``orders``. Pass the raw orders when cleaning may have dropped a response order (a
        wholesale-sized basket is still a response), so its date is not lost.

    Returns
    -------
    pandas.DataFrame
        A copy of ``contacts`` with ``recency``, ``frequency``, ``monetary``,
        ``avg_order_value``, ``R``, ``F``, ``M``, ``rfm_cell``, ``rfm_score``,
        ``prior_contacts``, ``prior_responses``, ``prior_response_rate``, ``tenure_days`` and
        ``acquisition_channel``.

    Examples
    --------
    >>> from helpers.data import load_shop  # doctest: +SKIP
    >>> X = campaign_features(shop.campaign_contacts, orders, shop.customers)  # doctest: +SKIP
    """
    contacts = validation.datetimes(contacts, "contacts", {sent_col: "date"})
    orders = validation.datetimes(orders, "orders", {"order_date": "date"})
    customers = validation.datetimes(customers, "customers", {signup_col: "date"})
    tables = {"contacts": contacts, "orders": orders, "customers": customers}
    if all(isinstance(t, pd.DataFrame) for t in tables.values()):
        validation.require_unique_index(contacts, "contacts")
        validation.frame(
            customers, "customers", {customer_col: "id"}, only_present=True, allow_empty=False
        )
        validation.frame(
            orders, "orders", {customer_col: "id?"}, only_present=True, allow_empty=False
        )
        validation.frame(contacts, "contacts", {customer_col: "id"}, only_present=True)
        ids = {k: t[customer_col] for k, t in tables.items() if customer_col in t.columns}
        if len(ids) > 1:
            validation.matching_ids(customer_col, **ids)
    from helpers.rfm import score_contacts

    _require_frame(customers, "customers")
    _require_columns(customers, [customer_col, signup_col, "acquisition_channel"], "customers")
    scored = score_contacts(contacts, orders, sent_col=sent_col, customer_col=customer_col)
    dating = orders if response_orders is None else response_orders
    if history is None:
        history = contact_history(contacts, dating, customer_col=customer_col, sent_col=sent_col)
    else:
        history = history_at(
            contacts, history, dating, customer_col=customer_col, sent_col=sent_col
        )
    info = customers.set_index(customer_col)
    signup = _dates(info[signup_col], signup_col, "customers")
    sent_day = _dates(contacts[sent_col], sent_col, "contacts").dt.normalize()
    return scored.join(history).assign(
        tenure_days=(sent_day - contacts[customer_col].map(signup)).dt.days,
        acquisition_channel=contacts[customer_col].map(info["acquisition_channel"]),
    )


@cache
def _one_thread_pipeline_class():
    """The Pipeline subclass, built once on first use (scikit-learn is imported lazily)."""
    from sklearn.pipeline import Pipeline
    from threadpoolctl import threadpool_limits

    class OneThreadPipeline(Pipeline):
        """A scikit-learn Pipeline whose fit and predictions run native code on one thread.

        Gradient boosting uses OpenMP threads; on a shared 2-core machine unthrottled threads
        oversubscribe the cores and run several times slower, and these models are small.
        """

        def fit(self, X, y=None, **params):
            with threadpool_limits(limits=1):
                return super().fit(X, y, **params)

        def predict(self, X, **params):
            with threadpool_limits(limits=1):
                return super().predict(X, **params)

        def predict_proba(self, X, **params):
            with threadpool_limits(limits=1):
                return super().predict_proba(X, **params)

    OneThreadPipeline.__name__ = OneThreadPipeline.__qualname__ = "Pipeline"
    return OneThreadPipeline


def model_pipeline(
    numeric: Sequence[str],
    categorical: Sequence[str] = (),
    *,
    model: str = "logistic",
    random_state: int = 0,
):
    """A scikit-learn Pipeline: preprocessing (ColumnTransformer) then a classifier.

    Numeric columns are median-imputed (and standardised for the logistic regression);
    categorical columns are one-hot encoded (unknown levels ignored at prediction time).

    Parameters
    ----------
    numeric, categorical : sequence of str
        Feature columns of the DataFrame the pipeline will be fitted on.
    model : {"logistic", "boosting", "forest"}
        ``LogisticRegression(max_iter=1000)``, ``HistGradientBoostingClassifier`` (shallow,
        early stopping off, so it is deterministic) or ``RandomForestClassifier(300 trees)``.
    random_state : int
        Seed of the tree ensembles.

    Returns
    -------
    sklearn.pipeline.Pipeline

    Examples
    --------
    >>> pipe = model_pipeline(["recency"], ["channel"], model="logistic")
    >>> [name for name, _ in pipe.steps]
    ['prepare', 'model']
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    _OneThreadPipeline = _one_thread_pipeline_class()
    numeric, categorical = list(numeric), list(categorical)
    if not numeric and not categorical:
        raise ValueError("give at least one numeric or categorical feature column")
    for name, cols in (("numeric", numeric), ("categorical", categorical)):
        if any(not isinstance(c, str) for c in cols):
            raise TypeError(f"{name} must be a list of column names (str)")
    if set(numeric) & set(categorical):
        raise ValueError(
            f"columns in both numeric and categorical: {set(numeric) & set(categorical)}"
        )
    if model == "logistic":
        num = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
        clf = LogisticRegression(max_iter=1000)
    elif model == "boosting":
        num = SimpleImputer(strategy="median")
        clf = HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.1, max_iter=100, early_stopping=False,
            random_state=random_state,
        )  # fmt: skip
    elif model == "forest":
        num = SimpleImputer(strategy="median")
        clf = RandomForestClassifier(
            n_estimators=300, min_samples_leaf=20, random_state=random_state, n_jobs=1
        )
    else:
        raise ValueError(f"model must be 'logistic', 'boosting' or 'forest', got {model!r}")
    parts = []
    if numeric:
        parts.append(("numeric", num, numeric))
    if categorical:
        parts.append(
            (
                "categorical",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                categorical,
            )
        )
    return _OneThreadPipeline([("prepare", ColumnTransformer(parts)), ("model", clf)])


# ---------------------------------------------------------------------------------------------
# eSale: the funnel


def funnel(
    sessions: pd.DataFrame,
    steps: Sequence[str],
    *,
    by: str | Sequence[str] | None = None,
    weight: str | None = None,
) -> pd.DataFrame:
    """Visits reaching each step of a funnel, overall or per group.

    A visit reaches step k when its flags for steps 1..k are all true (a strict funnel: a
    purchase flagged without a cart does not count as reaching "purchase"). The first step is
    usually every visit; pass a column that is always true, or start from the first flag.

    Parameters
    ----------
    sessions : pandas.DataFrame
        One row per visit with boolean step columns.
    steps : sequence of str
        Boolean columns in funnel order (e.g. ``["viewed_product", "added_to_cart",
        "purchased"]``); a leading step ``"visit"`` is added for all rows.
    by : str or list of str, optional
        Grouping columns (device, traffic source, known/anonymous).
    weight : str, optional
        Column of sampling weights: a visit stored once but standing for ``weight`` visits (the
        shop keeps a 1-in-10 sample of non-purchase sessions with weight 10). Counts and rates
        are then weighted; without it every row counts once.

    Returns
    -------
    pandas.DataFrame
        One row per (group, step) in funnel order: ``step``, ``visits`` (reaching the step,
        weighted when ``weight`` is given),
        ``share_of_visits`` (of the group's visits), ``step_conversion`` (of the previous step)
        and ``drop_off`` (1 − step_conversion).

    Examples
    --------
    >>> s = pd.DataFrame({"cart": [True, True, False, False], "buy": [True, False, False, True]})
    >>> funnel(s, ["cart", "buy"])[["step", "visits"]].to_dict("list")
    {'step': ['visit', 'cart', 'buy'], 'visits': [4, 2, 1]}
    >>> funnel(s.assign(w=[1.0, 1.0, 10.0, 1.0]), ["cart", "buy"], weight="w")["visits"].tolist()
    [13.0, 2.0, 1.0]
    """
    _require_frame(sessions, "sessions")
    steps = [steps] if isinstance(steps, str) else list(steps)
    if not steps:
        raise ValueError("steps is empty: name at least one boolean step column")
    by_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    _require_columns(sessions, steps + by_cols, "sessions")
    if sessions.empty:
        raise ValueError("sessions is empty")
    for col in steps:
        if not pd.api.types.is_bool_dtype(sessions[col]):
            raise TypeError(
                f"sessions[{col!r}] must be boolean (True/False), got {sessions[col].dtype}"
            )
    reached = sessions[steps].cumprod(axis=1).astype("int64")
    reached.insert(0, "visit", 1)
    if weight is not None:
        _require_columns(sessions, [weight], "sessions")
        w = _numeric(sessions[weight], f"sessions[{weight!r}]", nonnegative=True)
        reached = reached.mul(w, axis=0)
    names = ["visit"] + steps
    if by_cols:
        counts = reached.groupby([sessions[c] for c in by_cols], observed=True).sum()
    else:
        counts = reached.sum().to_frame().T.set_index(pd.Index(["all"], name="group"))
    long = counts.rename_axis(columns="step").stack().rename("visits").reset_index()
    long["step"] = pd.Categorical(long["step"], categories=names, ordered=True)
    keys = list(counts.index.names)
    long = long.sort_values(keys + ["step"], kind="stable").reset_index(drop=True)
    first = long.groupby(keys, observed=True)["visits"].transform("first")
    previous = long.groupby(keys, observed=True)["visits"].shift(1)
    long["share_of_visits"] = long["visits"] / first
    long["step_conversion"] = (long["visits"] / previous).fillna(1.0)
    long["drop_off"] = 1 - long["step_conversion"]
    long["step"] = long["step"].astype(str)
    if not by_cols:
        long = long.drop(columns="group")
    return long


# ---------------------------------------------------------------------------------------------
# cross-/up-selling: association rules


def basket_matrix(
    lines: pd.DataFrame, *, basket_col: str = "order_id", item_col: str = "category"
) -> pd.DataFrame:
    """One-hot basket matrix: one row per basket, one boolean column per item (sorted).

    Parameters
    ----------
    lines : pandas.DataFrame
        One row per (basket, item) line; duplicates are fine.
    basket_col, item_col : str
        Basket id (an order, or a customer for "everything they ever bought") and item label.

    Returns
    -------
    pandas.DataFrame
        Index: basket ids (sorted); columns: item labels as str (sorted); values: bool.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": [1, 1, 2], "category": ["a", "b", "a"]})
    >>> basket_matrix(lines).astype(int).to_dict("list")
    {'a': [1, 1], 'b': [1, 0]}
    """
    if isinstance(lines, pd.DataFrame):
        validation.frame(lines, "lines", {basket_col: "id", item_col: "label"}, only_present=True)
    _require_frame(lines, "lines")
    _require_columns(lines, [basket_col, item_col], "lines")
    if lines.empty:
        raise ValueError("lines is empty: there are no baskets")
    if lines[[basket_col, item_col]].isna().any().any():
        raise ValueError(f"lines has missing values in {basket_col!r} or {item_col!r}")
    pairs = lines[[basket_col, item_col]].drop_duplicates()
    onehot = pd.crosstab(pairs[basket_col], pairs[item_col].astype(str)) > 0
    onehot = onehot.sort_index().sort_index(axis=1)
    onehot.columns = onehot.columns.astype(str)
    onehot.columns.name = None
    return onehot


def _itemset(items: str | Iterable[str], name: str) -> list[str]:
    out = [items] if isinstance(items, str) else list(items)
    if not out or any(not isinstance(i, str) for i in out):
        raise TypeError(f"{name} must be an item label or a list of item labels (str)")
    return out


def rule_stats(
    onehot: pd.DataFrame, antecedent: str | Iterable[str], consequent: str | Iterable[str]
) -> dict[str, float]:
    """Support, confidence and lift of one rule "antecedent → consequent", by counting baskets.

    support = share of baskets holding antecedent and consequent; confidence = that count /
    baskets holding the antecedent; lift = confidence / share of baskets holding the consequent.

    Examples
    --------
    >>> b = pd.DataFrame({"a": [True, True, False, True], "b": [True, False, True, True]})
    >>> rule_stats(b, "a", "b")
    {'support': 0.5, 'confidence': 0.6667, 'lift': 0.8889}
    """
    _require_frame(onehot, "onehot")
    a, c = _itemset(antecedent, "antecedent"), _itemset(consequent, "consequent")
    _require_columns(onehot, a + c, "onehot")
    if onehot.empty:
        raise ValueError("onehot is empty")
    has_a = onehot[a].all(axis=1)
    has_c = onehot[c].all(axis=1)
    if not has_a.any():
        raise ValueError(f"no basket holds the antecedent {a}: confidence is undefined")
    support = float((has_a & has_c).mean())
    confidence = float((has_a & has_c).sum() / has_a.sum())
    lift = confidence / float(has_c.mean()) if has_c.any() else float("nan")
    return {
        "support": round(support, 4),
        "confidence": round(confidence, 4),
        "lift": round(lift, 4),
    }


def association_rules_table(
    onehot: pd.DataFrame,
    *,
    min_support: float = 0.02,
    min_confidence: float = 0.1,
    min_lift: float = 1.0,
    max_len: int = 3,
    decimals: int = 4,
) -> pd.DataFrame:
    """Association rules with mlxtend's FP-growth, tidy, rounded and in a stable order.

    Parameters
    ----------
    onehot : pandas.DataFrame
        Boolean basket matrix (:func:`basket_matrix`).
    min_support : float
        Minimum share of baskets holding the whole itemset.
    min_confidence, min_lift : float
        Keep rules with at least this confidence and lift.
    max_len : int
        Largest itemset (antecedent + consequent).
    decimals : int
        Rounding of the measures (so outputs stay stable).

    Returns
    -------
    pandas.DataFrame
        Columns ``antecedent`` and ``consequent`` (items joined by " + ", sorted),
        ``support``, ``confidence``, ``lift``, ``baskets`` (holding the rule); sorted by lift,
        confidence, then the labels; a fresh RangeIndex. Empty (same columns) when no rule passes.

    Examples
    --------
    >>> b = pd.DataFrame({"a": [True, True, False, True], "b": [True, False, True, True]})
    >>> association_rules_table(b, min_support=0.5, min_lift=0)[["antecedent", "consequent"]].values.tolist()
    [['a', 'b'], ['b', 'a']]
    """
    from mlxtend.frequent_patterns import association_rules, fpgrowth

    _require_frame(onehot, "onehot")
    if onehot.empty:
        raise ValueError("onehot is empty: there are no baskets")
    if not all(pd.api.types.is_bool_dtype(onehot[c]) for c in onehot.columns):
        raise TypeError("onehot must hold booleans (use basket_matrix to build it)")
    min_support = _number(min_support, "min_support", low=0, high=1)
    if min_support == 0:
        raise ValueError("min_support must be > 0")
    min_confidence = _number(min_confidence, "min_confidence", low=0, high=1)
    min_lift = _number(min_lift, "min_lift", low=0)
    max_len = _whole(max_len, "max_len", low=2)
    empty = pd.DataFrame(
        {
            "antecedent": pd.Series(dtype=object),
            "consequent": pd.Series(dtype=object),
            "support": pd.Series(dtype="float64"),
            "confidence": pd.Series(dtype="float64"),
            "lift": pd.Series(dtype="float64"),
            "baskets": pd.Series(dtype="int64"),
        }
    )
    frequent = fpgrowth(onehot, min_support=min_support, use_colnames=True, max_len=max_len)
    if frequent.empty or frequent["itemsets"].map(len).max() < 2:
        return empty
    with warnings.catch_warnings():  # mlxtend divides by zero for some optional metrics
        warnings.simplefilter("ignore", RuntimeWarning)
        rules = association_rules(
            frequent, num_itemsets=len(onehot), metric="confidence", min_threshold=min_confidence
        )

    rules = rules.loc[rules["lift"] >= min_lift]
    if rules.empty:
        return empty
    out = pd.DataFrame(
        {
            "antecedent": rules["antecedents"].map(lambda s: " + ".join(sorted(s))),
            "consequent": rules["consequents"].map(lambda s: " + ".join(sorted(s))),
            "support": rules["support"].round(decimals),
            "confidence": rules["confidence"].round(decimals),
            "lift": rules["lift"].round(decimals),
            "baskets": np.rint(rules["support"] * len(onehot)).astype("int64"),
        }
    )
    return out.sort_values(
        ["lift", "confidence", "antecedent", "consequent"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)


def rules_by_segment(
    onehot: pd.DataFrame,
    segments: pd.Series,
    *,
    include_all: bool = True,
    min_baskets: int = 50,
    **kwargs,
) -> pd.DataFrame:
    """Association rules mined separately in each segment (and, by default, in all baskets).

    Parameters
    ----------
    onehot : pandas.DataFrame
        Boolean basket matrix (:func:`basket_matrix`), indexed by basket id.
    segments : pandas.Series
        Segment label per basket id (same ids as ``onehot``'s index).
    include_all : bool, default True
        Also mine all baskets together, under the segment label ``"all"``.
    min_baskets : int, default 50
        Segments with fewer baskets are skipped (too few for stable rules).
    **kwargs
        Passed to :func:`association_rules_table` (min_support, min_confidence, min_lift, ...).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`association_rules_table` plus ``segment`` and ``segment_baskets``,
        segments in the order of their first appearance in the categories (or sorted), ``all``
        first.

    Examples
    --------
    >>> b = pd.DataFrame({"a": [True, True, False, True], "b": [True, False, True, True]})
    >>> seg = pd.Series(["x", "x", "y", "y"], index=b.index)
    >>> rules_by_segment(b, seg, min_baskets=1, min_support=0.5, min_lift=0)["segment"].unique().tolist()
    ['all', 'x', 'y']
    """
    if isinstance(segments, pd.Series):
        validation.require_unique_index(segments, "segments")
    _require_frame(onehot, "onehot")
    if not isinstance(segments, pd.Series):
        raise TypeError(f"segments must be a pandas Series, got {type(segments).__name__}")
    min_baskets = _whole(min_baskets, "min_baskets")
    aligned = segments.reindex(onehot.index)
    if aligned.isna().any():
        raise ValueError(
            f"segments has no label for {int(aligned.isna().sum())} basket(s) of onehot; "
            "give one label per basket id"
        )
    if isinstance(aligned.dtype, pd.CategoricalDtype):
        order = [c for c in aligned.cat.categories if (aligned == c).any()]
    else:
        order = sorted(aligned.unique(), key=str)
    groups: list[tuple[object, pd.DataFrame]] = [("all", onehot)] if include_all else []
    groups += [(label, onehot.loc[(aligned == label).to_numpy()]) for label in order]
    parts = []
    for label, part in groups:  # one mining run per segment (a handful)
        if len(part) < min_baskets:
            continue
        rules = association_rules_table(part, **kwargs)
        parts.append(rules.assign(segment=str(label), segment_baskets=len(part)))
    if not parts:
        raise ValueError(f"no segment has at least min_baskets={min_baskets} baskets")
    out = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    return out[
        ["segment", "segment_baskets"] + [c for c in out.columns if not c.startswith("segment")]
    ]


def followup_rate(
    lines: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    within_days: int = 30,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    item_col: str = "product_id",
    antecedent_col: str = "main_product_id",
    consequent_col: str = "accessory_product_id",
) -> pd.DataFrame:
    """A sequential rule per pair: after buying A, how often does the customer buy B within N days?

    For each pair (A, B) the *antecedent buyers* are customers with a purchase of A; the rule's
    confidence is the share of them who bought B on a **later** day, at most ``within_days`` after
    their first purchase of A (same-order and same-day purchases are the association rule's job,
    not this one). The base rate is the share of *all* customers in ``lines`` who bought B at
    all, so ``lift`` > 1 means A-buyers come back for B more often than customers in general.

    Parameters
    ----------
    lines : pandas.DataFrame
        Order lines with customer, date and item (one row per line; duplicates are fine).
    pairs : pandas.DataFrame
        One row per rule, with ``antecedent_col`` and ``consequent_col`` (e.g. the
        ``complements`` truth table, or rules found by mining).
    within_days : int, default 30

    Returns
    -------
    pandas.DataFrame
        ``pairs`` with ``antecedent_buyers``, ``followups`` (bought B later within the window),
        ``confidence``, ``base_rate`` and ``lift`` (NaN when nobody bought B).

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": [1, 1, 2, 3], "product_id": ["A", "B", "A", "B"],
    ...                       "order_date": pd.to_datetime(["2024-01-01", "2024-01-10", "2024-01-01", "2024-01-01"])})
    >>> pairs = pd.DataFrame({"main_product_id": ["A"], "accessory_product_id": ["B"]})
    >>> followup_rate(lines, pairs)[["antecedent_buyers", "followups", "confidence"]].to_dict("records")
    [{'antecedent_buyers': 2, 'followups': 1, 'confidence': 0.5}]
    """
    _require_frame(lines, "lines")
    _require_frame(pairs, "pairs")
    lines = validation.frame(lines, "lines", {customer_col: "id", date_col: "date", item_col: "id"})
    validation.frame(pairs, "pairs", {antecedent_col: "id", consequent_col: "id"})
    for col in (antecedent_col, consequent_col):  # text product ids never match numeric ones
        validation.matching_ids(item_col, lines=lines[item_col], pairs=pairs[col])
    within_days = _whole(within_days, "within_days")
    if lines.empty or pairs.empty:
        raise ValueError("lines and pairs must not be empty")
    day = _dates(lines[date_col], date_col, "lines").dt.normalize()
    frame = pd.DataFrame(
        {"c": lines[customer_col].to_numpy(), "i": lines[item_col].to_numpy(), "d": day.to_numpy()}
    )
    if frame[["c", "i"]].isna().any().any() or frame["d"].isna().any():
        raise ValueError(f"lines has missing {customer_col!r}, {item_col!r} or {date_col!r} values")
    first_a = frame.groupby(["i", "c"])["d"].min().rename("first_a").reset_index()
    rule = (
        pairs[[antecedent_col, consequent_col]]
        .reset_index(drop=True)
        .assign(rule=lambda d: np.arange(len(d)))
    )
    a = rule.merge(first_a, left_on=antecedent_col, right_on="i")[
        ["rule", consequent_col, "c", "first_a"]
    ]
    b = frame.rename(columns={"i": consequent_col, "d": "d_b"})
    joined = a.merge(b, on=[consequent_col, "c"], how="left")
    gap = (joined["d_b"] - joined["first_a"]).dt.days
    joined["hit"] = (gap >= 1) & (gap <= within_days)
    per_buyer = joined.groupby(["rule", "c"])["hit"].any()
    buyers = per_buyer.groupby(level="rule").size().reindex(rule["rule"], fill_value=0)
    hits = per_buyer.groupby(level="rule").sum().reindex(rule["rule"], fill_value=0)
    n_customers = frame["c"].nunique()
    b_buyers = frame.groupby("i")["c"].nunique()
    base = rule[consequent_col].map(b_buyers).fillna(0).to_numpy() / n_customers
    out = pairs.reset_index(drop=True).copy()
    out["antecedent_buyers"] = buyers.to_numpy().astype("int64")
    out["followups"] = hits.to_numpy().astype("int64")
    out["confidence"] = np.divide(
        out["followups"],
        out["antecedent_buyers"],
        out=np.full(len(out), np.nan),
        where=out["antecedent_buyers"] > 0,
    )
    out["base_rate"] = base
    out["lift"] = np.divide(out["confidence"], base, out=np.full(len(out), np.nan), where=base > 0)
    return out


def rule_recovery(
    found: pd.DataFrame,
    truth: pd.DataFrame,
    *,
    found_cols: tuple[str, str] = ("antecedent", "consequent"),
    truth_cols: tuple[str, str] = ("main_product_id", "accessory_product_id"),
    symmetric: bool = True,
) -> dict[str, float]:
    """How well mined rules recover a known list of pairs: precision and recall.

    Precision = share of the mined rules that are true pairs; recall = share of the true pairs
    that some mined rule finds. With ``symmetric`` (the default, for association rules, whose
    direction is not causal) A → B and B → A both count as finding the pair {A, B}.

    Returns
    -------
    dict
        ``rules`` (distinct mined pairs), ``true_pairs``, ``found`` (true pairs recovered),
        ``precision`` and ``recall``.

    Examples
    --------
    >>> found = pd.DataFrame({"antecedent": ["x", "b"], "consequent": ["y", "a"]})
    >>> truth = pd.DataFrame({"main_product_id": ["a", "c"], "accessory_product_id": ["b", "d"]})
    >>> rule_recovery(found, truth)
    {'rules': 2, 'true_pairs': 2, 'found': 1, 'precision': 0.5, 'recall': 0.5}
    """
    _require_frame(found, "found")
    _require_frame(truth, "truth")
    _require_columns(found, list(found_cols), "found")
    _require_columns(truth, list(truth_cols), "truth")
    if truth.empty:
        raise ValueError("truth is empty: there are no pairs to recover")

    def keys(frame: pd.DataFrame, cols: tuple[str, str]) -> set:
        a, b = frame[cols[0]].astype(str), frame[cols[1]].astype(str)
        if symmetric:
            return {tuple(sorted(p)) for p in zip(a, b, strict=True)}
        return set(zip(a, b, strict=True))

    mined, true = keys(found, found_cols), keys(truth, truth_cols)
    hit = mined & true
    return {
        "rules": len(mined),
        "true_pairs": len(true),
        "found": len(hit),
        "precision": len(hit) / len(mined) if mined else float("nan"),
        "recall": len(hit) / len(true),
    }


# ---------------------------------------------------------------------------------------------
# second purchase timing


def second_purchase_times(
    orders: pd.DataFrame,
    *,
    as_of: object,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Days from each customer's first to second purchase (day), censored at ``as_of``.

    Purchases on the day of the first order count as the first order (same-day add-ons are not a
    second visit); the second purchase is the first order on a later day.

    Parameters
    ----------
    orders : pandas.DataFrame
        Cleaned orders (one row per order) with customer and date.
    as_of : date-like
        End of observation; orders on or after it are ignored.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer: ``first_date``, ``second_date`` (NaT if none yet),
        ``days`` (to the second purchase, or to ``as_of`` when censored) and ``returned``
        (bool: a second purchase was observed).

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                   "order_date": pd.to_datetime(["2024-01-01", "2024-01-11", "2024-01-05"])})
    >>> second_purchase_times(o, as_of="2024-02-01")[["days", "returned"]].to_dict("list")
    {'days': [10, 27], 'returned': [True, False]}
    """
    orders = validation.datetimes(orders, "orders", {date_col: "date"})
    if isinstance(orders, pd.DataFrame):
        validation.frame(orders, "orders", {customer_col: "id?"}, only_present=True)
    as_of = validation.timestamp(as_of, "as_of")
    _require_frame(orders, "orders")
    _require_columns(orders, [customer_col, date_col], "orders")
    end = _timestamp(as_of, "as_of").normalize()
    if orders[customer_col].isna().any():
        raise ValueError(
            f"orders[{customer_col!r}] has missing customer ids (drop guest orders first)"
        )
    days = _dates(orders[date_col], date_col, "orders").dt.normalize()
    if days.isna().any():
        raise ValueError(f"orders[{date_col!r}] has missing dates")
    frame = pd.DataFrame({"c": orders[customer_col].to_numpy(), "d": days.to_numpy()})
    frame = frame.loc[frame["d"] < end]
    if frame.empty:
        raise ValueError(f"no order before as_of={end.date()}")
    first = frame.groupby("c")["d"].min()
    later = frame.loc[frame["d"] > frame["c"].map(first).to_numpy()]
    second = later.groupby("c")["d"].min().reindex(first.index)
    returned = second.notna()
    stop = second.where(returned, end)
    out = pd.DataFrame(
        {
            "first_date": first,
            "second_date": second,
            "days": (stop - first).dt.days.astype("int64"),
            "returned": returned.astype(bool),
        }
    )
    out.index.name = customer_col
    return out


def second_purchase_curve(
    times: pd.DataFrame, *, bin_days: int = 30, horizon_days: int = 720
) -> pd.DataFrame:
    """Kaplan–Meier share of customers who made a second purchase, by time since the first.

    Customers still waiting at ``as_of`` are censored, not counted as "never": the estimator
    uses each customer only for as long as we observed them. Reported in windows of
    ``bin_days``: the customers at risk at the window's start, the second purchases in it, the
    hazard (second purchases / customers at risk, the chance of returning in this window for
    those who have not yet) and the cumulative share returned by the window's end.

    Parameters
    ----------
    times : pandas.DataFrame
        The result of :func:`second_purchase_times` (``days``, ``returned``).
    bin_days, horizon_days : int
        Window width and the last day shown.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``window_start`` (days): ``window_end``, ``at_risk``, ``second_purchases``,
        ``censored``, ``hazard``, ``cum_returned``.

    Examples
    --------
    >>> t = pd.DataFrame({"days": [5, 15, 40, 40], "returned": [True, True, False, False]})
    >>> second_purchase_curve(t, bin_days=30, horizon_days=60)["cum_returned"].tolist()
    [0.5, 0.5]
    """
    _require_frame(times, "times")
    _require_columns(times, ["days", "returned"], "times")
    if times.empty:
        raise ValueError("times is empty")
    days = _numeric(times["days"], "times['days']", nonnegative=True)
    event = _binary(times["returned"], "times['returned']").astype(bool)
    bin_days = _whole(bin_days, "bin_days")
    horizon_days = _whole(horizon_days, "horizon_days")
    if horizon_days < bin_days:
        raise ValueError(f"horizon_days ({horizon_days}) must be at least bin_days ({bin_days})")
    # day-level Kaplan–Meier: a censored customer at day t is at risk for events at day t
    ev = pd.Series(event.astype("int64")).groupby(days).sum()
    n = pd.Series(1, index=days).groupby(level=0).sum().sort_index()
    at_risk = n[::-1].cumsum()[::-1]
    ev = ev.reindex(at_risk.index, fill_value=0)
    survival = (1 - ev / at_risk).cumprod()
    starts = np.arange(0, horizon_days, bin_days)
    ends = starts + bin_days
    window = np.minimum(np.searchsorted(ends, days, side="right"), len(starts))  # day t → window
    in_window = pd.DataFrame({"w": window, "e": event, "c": ~event})
    per = in_window.groupby("w")[["e", "c"]].sum().reindex(range(len(starts)), fill_value=0)
    risk_start = np.array([(days >= s).sum() for s in starts])  # a few windows, not rows
    surv_at_end = np.array(
        [survival[survival.index < e].iloc[-1] if (survival.index < e).any() else 1.0 for e in ends]
    )
    out = pd.DataFrame(
        {
            "window_end": ends,
            "at_risk": risk_start,
            "second_purchases": per["e"].to_numpy().astype("int64"),
            "censored": per["c"].to_numpy().astype("int64"),
        },
        index=pd.Index(starts, name="window_start"),
    )
    surv_at_start = np.concatenate([[1.0], surv_at_end[:-1]])
    out["hazard"] = np.where(surv_at_start > 0, 1 - surv_at_end / surv_at_start, np.nan)
    out["cum_returned"] = 1 - surv_at_end
    return out


# ---------------------------------------------------------------------------------------------
# loyalty tiers: who is close to the next tier


def tier_proximity(
    values: pd.Series, cutoffs: Mapping[str, float], *, within: float = 0.2
) -> pd.DataFrame:
    """Each customer's tier, the next tier up and how far they are from its threshold.

    Tiers come from :func:`helpers.segments.value_tiers` with fixed ``cutoffs`` (minimum value
    of each tier, top tier first), the way a loyalty programme draws its lines.

    Parameters
    ----------
    values : pandas.Series
        One value per customer (e.g. spend in the last 12 months), indexed by customer.
    cutoffs : mapping of tier label to minimum value, top tier first
        E.g. ``{"VIP": 1_000_000, "Gold": 400_000, "Silver": 150_000, "Bronze": 0}``.
    within : float, default 0.2
        A customer is ``near`` the next tier when the gap is at most this share of the next
        tier's threshold.

    Returns
    -------
    pandas.DataFrame
        Same index: ``value``, ``tier``, ``next_tier`` (empty for the top tier),
        ``next_threshold``, ``gap`` (value still needed) and ``gap_share`` (gap / next
        threshold), ``near`` (bool).

    Examples
    --------
    >>> v = pd.Series([90, 40, 150], index=["a", "b", "c"])
    >>> tier_proximity(v, {"gold": 100, "basic": 0})[["next_tier", "gap", "near"]].values.tolist()
    [['gold', 10.0, True], ['gold', 60.0, False], [nan, nan, False]]
    """
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values):
        validation.series(values, "values", "number")
    if isinstance(cutoffs, Mapping):
        for tier, cut in cutoffs.items():
            validation.number(cut, f"cutoffs[{tier!r}]")
    validation.number(within, "within", low=0)
    from helpers.segments import value_tiers

    within = _number(within, "within", low=0, high=1)
    tiers = value_tiers(values, cutoffs=cutoffs)
    labels = list(cutoffs)
    up = {labels[i]: labels[i - 1] for i in range(1, len(labels))}
    next_tier = tiers.astype(str).map(up)
    threshold = next_tier.map({k: float(v) for k, v in cutoffs.items()})
    gap = threshold - values.astype("float64")
    gap_share = gap / threshold
    return pd.DataFrame(
        {
            "value": values,
            "tier": tiers,
            "next_tier": next_tier,
            "next_threshold": threshold,
            "gap": gap,
            "gap_share": gap_share,
            "near": (gap_share <= within).fillna(False).astype(bool),
        },
        index=values.index,
    )


# ---------------------------------------------------------------------------------------------
# referral management and customer value windows


def spend_within(
    orders: pd.DataFrame,
    start: pd.Series,
    *,
    days: int = 365,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
) -> pd.Series:
    """Spend of each customer in the ``days`` after their own start date (e.g. sign-up).

    Comparing customers over the same length of relationship removes the advantage of those who
    joined earlier.

    Parameters
    ----------
    orders : pandas.DataFrame
        Cleaned orders.
    start : pandas.Series
        Start date per customer id (index); the window is [start, start + days).

    Returns
    -------
    pandas.Series
        Spend per customer of ``start`` (0 when nothing was bought), named ``spend_<days>d``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1], "amount": [10, 5],
    ...                   "order_date": pd.to_datetime(["2024-01-01", "2025-06-01"])})
    >>> spend_within(o, pd.Series(pd.to_datetime(["2024-01-01"]), index=[1])).tolist()
    [10.0]
    """
    orders = validation.datetimes(orders, "orders", {date_col: "date"})
    if isinstance(orders, pd.DataFrame):
        validation.frame(
            orders, "orders", {customer_col: "id?", amount_col: "amount"}, only_present=True
        )
    if isinstance(start, pd.Series):
        start = validation.series(start, "start", "date", allow_empty=False, unique_index=True)
    validation.integer(days, "days", low=1)
    _require_frame(orders, "orders")
    _require_columns(orders, [customer_col, date_col, amount_col], "orders")
    if not isinstance(start, pd.Series):
        raise TypeError(
            f"start must be a pandas Series of dates indexed by customer, got {type(start).__name__}"
        )
    days = _whole(days, "days")
    begin = _dates(start, "start", "start")
    if begin.isna().any():
        raise ValueError(f"start has {int(begin.isna().sum())} missing date(s)")
    amount = orders[amount_col]
    if pd.api.types.is_bool_dtype(amount) or not pd.api.types.is_numeric_dtype(amount):
        raise TypeError(f"orders[{amount_col!r}] must be numeric, got {amount.dtype}")
    when = _dates(orders[date_col], date_col, "orders")
    s = orders[customer_col].map(begin)
    inside = (when >= s) & (when < s + pd.Timedelta(days=days))
    spend = amount.astype("float64").where(inside, 0.0).groupby(orders[customer_col]).sum()
    return spend.reindex(start.index, fill_value=0.0).rename(f"spend_{days}d")


def referral_summary(
    customers: pd.DataFrame,
    value: pd.Series,
    *,
    customer_col: str = "customer_id",
    referred_col: str = "referred_by",
) -> pd.DataFrame:
    """Value of referred customers vs others, and of referrers vs non-referrers.

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer with ``referred_by`` (the referrer's id, empty if not referred).
    value : pandas.Series
        Value per customer id (e.g. first-year spend); customers without a value are left out.

    Returns
    -------
    pandas.DataFrame
        Rows ``referred``, ``not referred``, ``referrers``, ``non-referrers (not referred)``;
        columns ``customers``, ``mean_value``, ``median_value``, ``ratio_to_comparison``
        (mean of the row / mean of its comparison row: referred vs not referred, referrers vs
        non-referrers).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4], "referred_by": [None, None, 1, 1]})
    >>> v = pd.Series([100.0, 20.0, 60.0, 40.0], index=[1, 2, 3, 4])
    >>> referral_summary(c, v)["mean_value"].tolist()
    [50.0, 60.0, 100.0, 20.0]
    """
    if isinstance(customers, pd.DataFrame):
        validation.frame(
            customers,
            "customers",
            {customer_col: "id", referred_col: "id?"},
            only_present=True,
            allow_empty=False,
        )
    if isinstance(value, pd.Series):
        validation.series(value, "value", "number", allow_empty=False, unique_index=True)
        if isinstance(customers, pd.DataFrame) and customer_col in customers.columns:
            validation.matching_ids(
                customer_col, customers=customers[customer_col], value=value.index.to_series()
            )
    _require_frame(customers, "customers")
    _require_columns(customers, [customer_col, referred_col], "customers")
    if not isinstance(value, pd.Series):
        raise TypeError(
            f"value must be a pandas Series indexed by customer, got {type(value).__name__}"
        )
    if pd.api.types.is_bool_dtype(value) or not pd.api.types.is_numeric_dtype(value):
        raise TypeError(f"value must be numeric, got {value.dtype}")
    ids = customers[customer_col]
    if ids.duplicated().any():
        raise ValueError(f"customers[{customer_col!r}] has duplicated ids")
    v = ids.map(value)
    referred = customers[referred_col].notna().to_numpy()
    is_referrer = ids.isin(customers[referred_col].dropna()).to_numpy()
    groups = {
        "referred": referred,
        "not referred": ~referred,
        "referrers": is_referrer,
        "non-referrers (not referred)": ~is_referrer & ~referred,
    }
    rows = {}
    for name, mask in groups.items():  # four fixed groups
        part = v[mask].dropna()
        rows[name] = {
            "customers": int(len(part)),
            "mean_value": float(part.mean()) if len(part) else np.nan,
            "median_value": float(part.median()) if len(part) else np.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out["ratio_to_comparison"] = [
        out.loc["referred", "mean_value"] / out.loc["not referred", "mean_value"],
        1.0,
        out.loc["referrers", "mean_value"] / out.loc["non-referrers (not referred)", "mean_value"],
        1.0,
    ]
    return out


# ---------------------------------------------------------------------------------------------
# eService: churn labels, features before a cutoff, calibration


def inactivity_churn(
    orders: pd.DataFrame,
    cutoff: object,
    *,
    horizon_days: int = 180,
    lookback_days: int = 365,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.Series:
    """Non-contractual churn label: active before ``cutoff``, no purchase in the horizon after.

    A customer is in the population when they bought in the ``lookback_days`` before the cutoff;
    they are labelled churned (True) when they buy nothing in [cutoff, cutoff + horizon_days).
    The label uses only the future window; features must use only the past
    (:func:`features_before`).

    Returns
    -------
    pandas.Series
        Bool, indexed by customer id (sorted), named ``churned``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 2, 2],
    ...                   "order_date": pd.to_datetime(["2024-01-10", "2024-01-20", "2024-03-01"])})
    >>> inactivity_churn(o, "2024-02-01", horizon_days=30).to_dict()
    {1: True, 2: False}
    """
    orders = validation.datetimes(orders, "orders", {date_col: "date"})
    if isinstance(orders, pd.DataFrame):
        validation.frame(orders, "orders", {customer_col: "id?"}, only_present=True)
    cutoff = validation.timestamp(cutoff, "cutoff")
    _require_frame(orders, "orders")
    _require_columns(orders, [customer_col, date_col], "orders")
    cut = _timestamp(cutoff, "cutoff")
    horizon_days = _whole(horizon_days, "horizon_days")
    lookback_days = _whole(lookback_days, "lookback_days")
    when = _dates(orders[date_col], date_col, "orders")
    last = when.max()
    if cut + pd.Timedelta(days=horizon_days) > last + pd.Timedelta(days=1):
        raise ValueError(
            f"cutoff {cut.date()} + horizon_days {horizon_days} runs past the last order "
            f"({last.date()}): the label would call still-unobserved customers churned"
        )
    past = (when < cut) & (when >= cut - pd.Timedelta(days=lookback_days))
    future = (when >= cut) & (when < cut + pd.Timedelta(days=horizon_days))
    population = pd.Index(orders.loc[past, customer_col].dropna().unique()).sort_values()
    if population.empty:
        raise ValueError(f"no customer bought in the {lookback_days} days before {cut.date()}")
    buyers = set(orders.loc[future, customer_col].dropna())
    return pd.Series(~population.isin(list(buyers)), index=population, name="churned").rename_axis(
        customer_col
    )


def membership_churn(
    memberships: pd.DataFrame,
    cutoff: object,
    *,
    horizon_months: int = 6,
    customer_col: str = "customer_id",
    start_col: str = "started_at",
    end_col: str = "ended_at",
) -> pd.DataFrame:
    """Contractual churn label: members paying at ``cutoff`` who stop within the next months.

    A member is active at the cutoff when they started before it and their ``ended_at`` (the
    first month they no longer pay) is empty or after the cutoff. Churned = ``ended_at`` within
    (cutoff, cutoff + horizon_months].

    Returns
    -------
    pandas.DataFrame
        One row per active member (input order, index reset): ``customer_col``, ``tenure_months``
        at the cutoff, ``churned`` (bool), plus every other column of ``memberships`` except the
        end date (which is the future).

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": [1, 2, 3],
    ...                   "started_at": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-05-01"]),
    ...                   "ended_at": pd.to_datetime(["2024-05-01", None, None])})
    >>> membership_churn(m, "2024-03-01", horizon_months=3)[["customer_id", "churned"]].values.tolist()
    [[1, True], [2, False]]
    """
    memberships = validation.datetimes(
        memberships, "memberships", {start_col: "date", end_col: "date?"}
    )
    if isinstance(memberships, pd.DataFrame):
        validation.frame(memberships, "memberships", {customer_col: "id"}, only_present=True)
    cutoff = validation.timestamp(cutoff, "cutoff")
    _require_frame(memberships, "memberships")
    _require_columns(memberships, [customer_col, start_col, end_col], "memberships")
    cut = _timestamp(cutoff, "cutoff")
    horizon_months = _whole(horizon_months, "horizon_months")
    start = _dates(memberships[start_col], start_col, "memberships")
    end = _dates(memberships[end_col], end_col, "memberships")
    if start.isna().any():
        raise ValueError(f"memberships[{start_col!r}] has missing start dates")
    active = (start < cut) & (end.isna() | (end > cut))
    if not active.any():
        raise ValueError(f"no membership is active at {cut.date()}")
    horizon_end = cut + pd.DateOffset(months=horizon_months)
    out = memberships.loc[active].drop(columns=end_col).reset_index(drop=True)
    s, e = start[active].reset_index(drop=True), end[active].reset_index(drop=True)
    out["tenure_months"] = (cut.year - s.dt.year) * 12 + (cut.month - s.dt.month)
    out["churned"] = (e.notna() & (e <= horizon_end)).to_numpy()
    return out


def membership_spells(
    memberships: pd.DataFrame,
    as_of: object,
    *,
    customer_col: str = "customer_id",
    start_col: str = "started_at",
    end_col: str = "ended_at",
) -> pd.DataFrame:
    """Each membership as a survival spell: months paid until it ended, or until ``as_of``.

    A membership that has not ended by ``as_of`` is **right-censored**: we know only that it lasted
    at least that long. Survival methods (Kaplan–Meier, Cox) use censored spells for as long as
    they were observed instead of dropping them or counting them as cancelled.

    Returns
    -------
    pandas.DataFrame
        The columns of ``memberships`` (start included, end dropped) plus ``months`` (whole months
        from the start to the end, or to ``as_of``; at least 1, since the first month is paid) and
        ``ended`` (bool: cancelled before ``as_of``). Memberships starting on or after ``as_of``
        are left out. Input order, fresh index.

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": [1, 2],
    ...                   "started_at": pd.to_datetime(["2024-01-01", "2024-03-01"]),
    ...                   "ended_at": pd.to_datetime(["2024-04-01", None])})
    >>> membership_spells(m, "2024-12-01")[["months", "ended"]].values.tolist()
    [[3, True], [9, False]]
    """
    memberships = validation.frame(
        memberships, "memberships", {customer_col: "id", start_col: "date", end_col: "date?"}
    )
    end_of_data = validation.timestamp(as_of, "as_of")
    start = _dates(memberships[start_col], start_col, "memberships")
    end = _dates(memberships[end_col], end_col, "memberships")
    if start.isna().any():
        raise ValueError(f"memberships[{start_col!r}] has missing start dates")
    if (end.notna() & (end < start)).any():
        raise ValueError(
            f"memberships has {int((end < start).sum())} spell(s) ending before they start"
        )
    keep = start < end_of_data
    if not keep.any():
        raise ValueError(f"no membership started before as_of={end_of_data.date()}")
    ended = end.notna() & (end <= end_of_data)
    stop = end.where(ended, end_of_data)
    months = (stop.dt.year - start.dt.year) * 12 + (stop.dt.month - start.dt.month)
    out = memberships.loc[keep].drop(columns=end_col).reset_index(drop=True)
    out["months"] = months[keep].clip(lower=1).to_numpy().astype("int64")
    out["ended"] = ended[keep].to_numpy()
    return out


def features_before(
    cutoff: object,
    orders: pd.DataFrame,
    *,
    customers: pd.Index | Sequence | None = None,
    tickets: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    order_col: str = "order_id",
) -> pd.DataFrame:
    """Customer features computed strictly before ``cutoff`` (no look-ahead), for churn models.

    Purchases: ``recency``, ``frequency``, ``monetary``, ``avg_order_value`` (via
    :func:`helpers.rfm.rfm_table` at ``as_of=cutoff``), ``tenure_days`` (first purchase to
    cutoff), ``orders_90d`` (orders in the 90 days before). Tickets (if given, opened before the
    cutoff): ``tickets``, ``tickets_unresolved`` (not resolved at first contact),
    ``max_resolution_hours``. Contacts (if given, sent before the cutoff): ``contacts``,
    ``responses``.

    Parameters
    ----------
    customers : index or list, optional
        The customers to describe (default: everyone who bought before the cutoff). Customers
        with no earlier purchase get missing purchase features.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer id.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1], "order_id": [1, 2], "amount": [10.0, 30.0],
    ...                   "order_date": pd.to_datetime(["2024-01-01", "2024-03-01"])})
    >>> features_before("2024-02-01", o)[["frequency", "tenure_days"]].to_dict("list")
    {'frequency': [1], 'tenure_days': [31]}
    """
    cutoff = validation.timestamp(cutoff, "cutoff")
    orders = validation.datetimes(orders, "orders", {date_col: "date"})
    if isinstance(orders, pd.DataFrame):
        validation.frame(
            orders,
            "orders",
            {customer_col: "id?", amount_col: "amount", order_col: "id"},
            only_present=True,
        )
    tickets = validation.datetimes(tickets, "tickets", {"opened_at": "date"})
    if isinstance(tickets, pd.DataFrame):
        validation.frame(
            tickets,
            "tickets",
            {customer_col: "id", "resolution_hours": "nonneg?"},
            only_present=True,
        )
    contacts = validation.datetimes(contacts, "contacts", {"sent_at": "date"})
    if isinstance(contacts, pd.DataFrame):
        validation.frame(contacts, "contacts", {customer_col: "id"}, only_present=True)
    from helpers.rfm import rfm_table

    _require_frame(orders, "orders")
    _require_columns(orders, [customer_col, date_col, amount_col, order_col], "orders")
    cut = _timestamp(cutoff, "cutoff").normalize()
    when = _dates(orders[date_col], date_col, "orders")
    past = orders.loc[when < cut]
    if past.empty:
        raise ValueError(f"no order before cutoff {cut.date()}")
    rfm = rfm_table(
        past, customer_col=customer_col, date_col=date_col, amount_col=amount_col,
        order_col=order_col, as_of=cut,
    )  # fmt: skip
    past_when = when[when < cut].dt.normalize()
    first = past_when.groupby(past[customer_col]).min()
    recent = past_when >= cut - pd.Timedelta(days=90)
    out = rfm.assign(
        tenure_days=(cut - first.reindex(rfm.index)).dt.days,
        orders_90d=recent.groupby(past[customer_col]).sum().reindex(rfm.index).astype("int64"),
    )
    if customers is not None:
        out = out.reindex(pd.Index(customers, name=out.index.name))
    if tickets is not None:
        _require_frame(tickets, "tickets")
        _require_columns(
            tickets,
            [customer_col, "opened_at", "resolved_first_contact", "resolution_hours"],
            "tickets",
        )
        t = tickets.loc[_dates(tickets["opened_at"], "opened_at", "tickets") < cut]
        g = t.groupby(customer_col)
        agg = pd.DataFrame(
            {
                "tickets": g.size(),
                "tickets_unresolved": (~t["resolved_first_contact"].astype(bool))
                .groupby(t[customer_col])
                .sum(),
                "max_resolution_hours": g["resolution_hours"].max(),
            }
        )
        agg = agg.reindex(out.index)
        out = out.assign(
            tickets=agg["tickets"].fillna(0).astype("int64"),
            tickets_unresolved=agg["tickets_unresolved"].fillna(0).astype("int64"),
            max_resolution_hours=agg["max_resolution_hours"].fillna(0.0),
        )
    if contacts is not None:
        _require_frame(contacts, "contacts")
        _require_columns(contacts, [customer_col, "sent_at", "response_order_id"], "contacts")
        c = contacts.loc[_dates(contacts["sent_at"], "sent_at", "contacts") < cut]
        # a response counts only if its order was placed before the cutoff
        response_day = c["response_order_id"].map(
            pd.Series(when.to_numpy(), index=orders[order_col])
        )
        responded = (response_day < cut).fillna(False).astype("int64")
        out = out.assign(
            contacts=c.groupby(customer_col).size().reindex(out.index).fillna(0).astype("int64"),
            responses=responded.groupby(c[customer_col])
            .sum()
            .reindex(out.index)
            .fillna(0)
            .astype("int64"),
        )
    return out


def calibration_table(
    y_true: pd.Series | Sequence[float] | np.ndarray,
    probability: pd.Series | Sequence[float] | np.ndarray,
    *,
    n_bins: int = 10,
) -> pd.DataFrame:
    """Predicted vs observed rate in groups of equal size (a reliability table).

    Rows are sorted by predicted probability and cut into ``n_bins`` groups of equal size
    (lowest first). A calibrated model has ``mean_predicted`` ≈ ``observed`` in every group.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``group`` (1 = lowest predictions): ``rows``, ``mean_predicted``,
        ``observed``, ``gap`` (observed − predicted).

    Examples
    --------
    >>> calibration_table([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8], n_bins=2)["observed"].tolist()
    [0.0, 1.0]
    """
    y = _binary(y_true, "y_true")
    p = _numeric(probability, "probability")
    if len(y) != len(p):
        raise ValueError(f"y_true ({len(y)}) and probability ({len(p)}) must have the same length")
    if (p < 0).any() or (p > 1).any():
        raise ValueError("probability must lie in [0, 1]")
    n_bins = _whole(n_bins, "n_bins")
    if n_bins > len(y):
        raise ValueError(f"n_bins ({n_bins}) cannot exceed the number of rows ({len(y)})")
    group = n_bins + 1 - _deciles(p, n_bins)
    frame = pd.DataFrame({"group": group, "y": y, "p": p})
    out = frame.groupby("group").agg(
        rows=("y", "size"), mean_predicted=("p", "mean"), observed=("y", "mean")
    )
    out["gap"] = out["observed"] - out["mean_predicted"]
    return out
