"""The personalization process (IDIC) and when personalization pays (Peppers & Rogers).

Peppers, Rogers & Dorf (1999, "Is your company ready for one-to-one marketing?", *Harvard
Business Review*) describe personalization as four steps, IDIC:

1. **Identify** (고객파악): tie activity to known customers (:func:`identity_summary`, after
   linking cookies with :func:`helpers.personalization.attribute_sessions`).
2. **Differentiate** (고객분류): by value (:func:`value_differentiation`, :func:`gini`,
   :func:`top_share`; tiers with :func:`helpers.segments.value_tiers`) and by needs
   (:func:`needs_differentiation`, :func:`between_customer_share`).
3. **Interact** (고객과의 상호작용): the contact history per customer
   (:func:`interaction_counts`).
4. **Customize** (개별화): treat each customer according to what was learned
   (:func:`next_best_category`).

Whether the effort pays depends on how much customers differ in *value* (고객평생가치의 크기) and
in *needs* (고객니즈 차별성): :func:`peppers_rogers_quadrant` places a customer base on their
2×2 matrix and :data:`STRATEGIES` names the strategy of each quadrant. "Does personalization come
back as profit?" is answered with :func:`targeting_profit`, which compares contacting the
best-scored customers with contacting everyone, with bootstrap confidence intervals.

Measures used here, all in [0, 1]:

* **Gini** of customer value: 0 when every customer is worth the same, close to 1 when one
  customer brings everything. Half the mean absolute difference between two customers, divided
  by the mean.
* **Top-20% share**: revenue share of the most valuable fifth of customers (0.2 under equality).
* **Needs index** (categorical purchases): the share of the uncertainty about *which category*
  an item belongs to that is removed by knowing *who* bought it, i.e. the mutual information
  I(customer; category) divided by the entropy of the overall category mix, after subtracting what
  sampling noise alone produces when every customer draws from the same mix (a customer with three
  purchases looks "specialised" even if tastes are identical). 0: everyone wants the same mix;
  1: every customer buys from a single category of their own.
* **Between-customer share** (numeric attributes such as price point): the intraclass correlation
  ICC(1) of a one-way ANOVA, the share of variance due to differences between customers after
  removing the part that within-customer noise produces.

Examples
--------
>>> import pandas as pd
>>> spend = pd.Series([10.0, 10.0, 10.0, 10.0])
>>> float(gini(spend))
0.0
>>> peppers_rogers_quadrant(value_diff=0.7, needs_diff=0.05)
'value-based'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial.distance import pdist
from scipy.stats import entropy

from helpers import validation
from helpers.validation import require_columns as _require_columns
from helpers.validation import require_frame as _require_frame

__all__ = [
    "CONTACT_COSTS_KRW",
    "GROSS_MARGIN",
    "QUADRANTS",
    "STRATEGIES",
    "gini",
    "top_share",
    "value_differentiation",
    "needs_differentiation",
    "between_customer_share",
    "peppers_rogers_quadrant",
    "identity_summary",
    "interaction_counts",
    "next_best_category",
    "targeting_profit",
    "margin_by_decile",
]

QUADRANTS = ["mass", "niche", "value-based", "one-to-one"]
"""Quadrant keys of the Peppers & Rogers matrix, as returned by :func:`peppers_rogers_quadrant`."""


CONTACT_COSTS_KRW: dict[str, float] = {
    "app_push": 2.0,
    "email": 5.0,
    "sms": 20.0,
    "printed catalogue": 1200.0,
}
"""Assumed cost of one contact per channel (KRW), for the workbook's profit examples.

Orders of magnitude, not quotes: an app push or a bulk e-mail costs next to nothing per message,
a bulk SMS/LMS a few tens of won, a printed catalogue with postage around a thousand won or more.
Change them (or use the notebook's what-if widget) to see how the verdict moves."""

GROSS_MARGIN = 0.25
"""Assumed gross margin on the net amount of a response order (25%), for the profit examples."""


@dataclass(frozen=True)
class Strategy:
    """One quadrant of the Peppers & Rogers matrix: name, Korean name, what to do, an example."""

    key: str
    name: str
    korean: str
    value: str
    needs: str
    action: str
    example: str


STRATEGIES: dict[str, Strategy] = {
    "mass": Strategy(
        "mass",
        "Mass marketing",
        "대량 마케팅",
        "uniform",
        "uniform",
        "one offer for everyone; compete on cost, convenience and price",
        "a petrol station",
    ),
    "niche": Strategy(
        "niche",
        "Niche (needs-based) marketing",
        "니즈 기반 틈새 마케팅",
        "uniform",
        "diverse",
        "segment by needs and customise the offer (mass customization); value tiers matter little",
        "a bookstore",
    ),
    "value-based": Strategy(
        "value-based",
        "Value-based (key-account) marketing",
        "가치 기반 마케팅",
        "skewed",
        "uniform",
        "same product, but differentiated service, recognition and retention effort for the top tier",
        "an airline's frequent flyers",
    ),
    "one-to-one": Strategy(
        "one-to-one",
        "One-to-one marketing",
        "일대일 마케팅",
        "skewed",
        "diverse",
        "learning relationships: remember each customer and tailor offer and service individually",
        "a business computer-systems vendor",
    ),
}
"""What each quadrant means (Peppers, Rogers & Dorf 1999; examples after Peppers & Rogers)."""


# ---------------------------------------------------------------------------------------------
# validation


def _values(values: object, name: str = "values", *, allow_empty: bool = False) -> np.ndarray:
    """A 1-D float array of finite, non-negative numbers (or a clear error)."""
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one-dimensional (a Series or list), got a DataFrame")
    if isinstance(values, (str, bytes)) or np.isscalar(values):
        raise TypeError(f"{name} must be a collection of numbers, got {type(values).__name__}")
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if series.empty and not allow_empty:
        raise ValueError(f"{name} is empty: there are no customers to measure")
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        raise TypeError(f"{name} must be numeric, got dtype {series.dtype}")
    arr = series.to_numpy(dtype="float64")
    if arr.ndim != 1:
        raise TypeError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: there are no customers to measure")
    if np.isnan(arr).any():
        raise ValueError(
            f"{name} has {int(np.isnan(arr).sum())} missing value(s); drop or fill them"
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} has infinite value(s)")
    if (arr < 0).any():
        raise ValueError(
            f"{name} has {int((arr < 0).sum())} negative value(s); customer value must be >= 0 "
            "(net out returns per customer and clip, or drop those customers, first)"
        )
    return arr


def _share(share: float, name: str = "share") -> float:
    if isinstance(share, bool) or not isinstance(share, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number between 0 and 1, got {share!r}")
    if not 0 < float(share) < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {share}")
    return float(share)


# ---------------------------------------------------------------------------------------------
# value differentiation (고객평생가치의 크기 차이)


def gini(values: Sequence[float] | pd.Series | np.ndarray) -> float:
    """Gini coefficient of customer value: 0 = all equal, near 1 = one customer has everything.

    Uses the sorted-values formula G = Σ (2i − n − 1) x₍ᵢ₎ / (n Σ x), i = 1..n, which equals
    half the mean absolute difference between two customers divided by the mean. Its maximum
    for n customers is 1 − 1/n.

    Parameters
    ----------
    values : array-like of float
        One non-negative value per customer (spend, margin, CLV). Zeros are allowed.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If empty, missing, negative, or if every value is zero (no value to share).

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 10])
    0.75
    """
    x = np.sort(_values(values))
    total = x.sum()
    if total <= 0:
        raise ValueError("values sum to zero: the Gini coefficient of nothing is undefined")
    n = x.size
    ranks = np.arange(1, n + 1, dtype="float64")
    return float(np.sum((2 * ranks - n - 1) * x) / (n * total))


def top_share(values: Sequence[float] | pd.Series | np.ndarray, share: float = 0.2) -> float:
    """Share of total value brought by the top ``share`` of customers.

    The top group is the ``ceil(share × n)`` customers with the highest values (at least one).
    Under perfect equality the answer equals ``share``; the "80/20 rule" says 0.8 for share=0.2.

    Examples
    --------
    >>> top_share([1, 1, 1, 1, 6], share=0.2)
    0.6
    """
    validation.number(share, "share", low=0, high=1, low_open=True)
    share = _share(share)
    x = np.sort(_values(values))[::-1]
    total = x.sum()
    if total <= 0:
        raise ValueError("values sum to zero: there is no value to share")
    k = max(1, int(np.ceil(share * x.size - 1e-9)))
    return float(x[:k].sum() / total)


def value_differentiation(
    values: Sequence[float] | pd.Series | np.ndarray, *, share: float = 0.2
) -> pd.Series:
    """How unequal customer value is: customers, total, top-``share`` revenue share and Gini.

    Examples
    --------
    >>> value_differentiation([1, 1, 1, 1, 6]).round(2).to_dict()
    {'customers': 5.0, 'total_value': 10.0, 'top_20%_share': 0.6, 'gini': 0.4}
    """
    validation.number(share, "share", low=0, high=1, low_open=True)
    x = _values(values)
    label = f"top_{round(share * 100):d}%_share"
    return pd.Series(
        {
            "customers": float(x.size),
            "total_value": float(x.sum()),
            label: top_share(x, share),
            "gini": gini(x),
        }
    )


# ---------------------------------------------------------------------------------------------
# needs differentiation (고객니즈 차별성)


def _counts(counts: pd.DataFrame, name: str = "counts") -> np.ndarray:
    _require_frame(counts, name)
    if counts.shape[0] == 0 or counts.shape[1] == 0:
        raise ValueError(f"{name} is empty: it needs customers as rows and categories as columns")
    if counts.shape[1] < 2:
        raise ValueError(f"{name} has one category only: needs cannot differ")
    if not all(pd.api.types.is_numeric_dtype(t) for t in counts.dtypes):
        raise TypeError(f"{name} must hold numbers (purchase counts) in every column")
    arr = counts.to_numpy(dtype="float64")
    if np.isnan(arr).any() or (arr < 0).any():
        raise ValueError(f"{name} must hold non-negative counts without missing values")
    if not np.allclose(arr, np.round(arr)):
        raise ValueError(
            f"{name} must hold whole purchase counts (the noise baseline draws items); "
            "count items, not amounts (helpers.personalization.profile_matrix with normalize=False)"
        )
    return np.round(arr)


def _mutual_information(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """I(customer; category) and H(category) in bits for arrays of shape (..., customers, k)."""
    totals = counts.sum(axis=-1)
    grand = totals.sum(axis=-1)
    pooled = counts.sum(axis=-2) / grand[..., None]
    h_pooled = entropy(pooled, base=2, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / totals[..., None]
    h_rows = entropy(np.nan_to_num(shares), base=2, axis=-1)
    h_within = (totals * h_rows).sum(axis=-1) / grand
    return h_pooled - h_within, h_pooled


def _mean_js(shares: np.ndarray) -> float:
    """Mean pairwise Jensen–Shannon distance (base 2, so in [0, 1]) between rows."""
    return float(np.mean(pdist(shares, "jensenshannon")) / np.sqrt(np.log(2)))


def needs_differentiation(
    counts: pd.DataFrame,
    *,
    min_items: int = 3,
    n_null: int = 20,
    max_customers: int = 1000,
    random_state: int = 0,
) -> pd.Series:
    """How much customers differ in *what* they buy, beyond what sampling noise produces.

    Parameters
    ----------
    counts : pandas.DataFrame
        Customers × categories purchase counts (e.g. ``profile_matrix(items, normalize=False)`` from :mod:`helpers.personalization`).
    min_items : int, default 3
        Customers with fewer items are left out (one item says little about a taste).
    n_null : int, default 20
        Draws of the no-difference baseline: every customer keeps their number of items but
        draws the categories from the overall mix.
    max_customers : int, default 1000
        The mean pairwise Jensen–Shannon distance is computed on a seeded random sample of at
        most this many customers (pairs grow with the square).
    random_state : int
        Seed of the baseline draws and of the sample.

    Returns
    -------
    pandas.Series
        ``customers``, ``items``, ``category_entropy`` (bits, of the overall mix),
        ``mutual_information`` (bits), ``mi_noise`` (its mean under the baseline),
        ``needs_index`` = (MI − noise) / (entropy − noise), ``js_distance`` (mean pairwise
        Jensen–Shannon distance between customers' category shares, 0–1) and ``js_noise`` (the
        same under the baseline).

    Examples
    --------
    >>> counts = pd.DataFrame({"a": [5, 0, 5, 0], "b": [0, 5, 0, 5]})
    >>> round(float(needs_differentiation(counts)["needs_index"]), 2)
    1.0
    """
    if isinstance(counts, pd.DataFrame):
        validation.frame(counts, "counts", dict.fromkeys(counts.columns, "nonneg"))
    validation.seed(random_state, "random_state")
    arr = _counts(counts)
    if isinstance(min_items, bool) or not isinstance(min_items, (int, np.integer)) or min_items < 1:
        raise ValueError(f"min_items must be a positive whole number, got {min_items!r}")
    if not isinstance(n_null, (int, np.integer)) or n_null < 1:
        raise ValueError(f"n_null must be a positive whole number, got {n_null!r}")
    if not isinstance(max_customers, (int, np.integer)) or max_customers < 2:
        raise ValueError(f"max_customers must be a whole number >= 2, got {max_customers!r}")
    totals = arr.sum(axis=1)
    arr = arr[totals >= min_items]
    totals = totals[totals >= min_items]
    if arr.shape[0] < 2:
        raise ValueError(
            f"fewer than two customers have at least min_items={min_items} items; "
            "lower min_items or use more data"
        )
    rng = np.random.default_rng(random_state)
    pooled = arr.sum(axis=0) / arr.sum()
    mi, h = _mutual_information(arr)
    null = rng.multinomial(totals.astype("int64"), pooled, size=(n_null, arr.shape[0]))
    mi_null = float(np.mean(_mutual_information(null.astype("float64"))[0]))
    pick = np.sort(rng.choice(arr.shape[0], size=min(max_customers, arr.shape[0]), replace=False))
    shares = arr[pick] / totals[pick, None]
    n_js = min(n_null, 5)  # the JS baseline averages a few draws (pairs are costly)
    js_null = float(np.mean([_mean_js(null[d, pick] / totals[pick, None]) for d in range(n_js)]))
    denom = float(h) - mi_null
    return pd.Series(
        {
            "customers": float(arr.shape[0]),
            "items": float(arr.sum()),
            "category_entropy": float(h),
            "mutual_information": float(mi),
            "mi_noise": mi_null,
            "needs_index": (float(mi) - mi_null) / denom if denom > 0 else 0.0,
            "js_distance": _mean_js(shares),
            "js_noise": js_null,
        }
    )


def between_customer_share(
    values: pd.Series | Sequence[float] | np.ndarray,
    customers: pd.Series | Sequence[object] | np.ndarray,
    *,
    min_obs: int = 2,
) -> pd.Series:
    """Share of the variation of a numeric attribute that lies between customers (ICC(1)).

    For needs that are numbers rather than categories (price point per item, basket size), a
    one-way ANOVA with customers as groups: ``eta_squared`` is the raw between-customer share of
    the sum of squares; ``icc`` (intraclass correlation, Shrout & Fleiss 1979, with the
    unequal-group-size n₀ of the ANOVA) removes the part that within-customer noise alone
    produces. 0: customers do not differ beyond noise; 1: each customer always buys the same.

    Parameters
    ----------
    values : array-like of float
        One value per purchase (e.g. log price per CD).
    customers : array-like
        The customer of each purchase, same length.
    min_obs : int, default 2
        Customers with fewer purchases are left out (their within variation is unknown).

    Examples
    --------
    >>> s = between_customer_share([1.0, 1.0, 5.0, 5.0], ["a", "a", "b", "b"])
    >>> round(float(s["icc"]), 3)
    1.0
    """
    if not isinstance(values, (str, bytes)) and hasattr(values, "__len__"):
        validation.series(values, "values", "number")
    if not isinstance(customers, (str, bytes)) and hasattr(customers, "__len__"):
        validation.series(customers, "customers", "id")
        validation.same_length(values=values, customers=customers)
    if isinstance(values, (str, bytes)) or np.isscalar(values):
        raise TypeError("values must be a collection of numbers, one per purchase")
    v = pd.Series(np.asarray(values))
    if pd.api.types.is_bool_dtype(v) or not pd.api.types.is_numeric_dtype(v):
        raise TypeError(f"values must be numeric, got dtype {v.dtype}")
    g = pd.Series(np.asarray(customers))
    if len(g) != len(v):
        raise ValueError(f"values ({len(v)}) and customers ({len(g)}) must have the same length")
    if not np.isfinite(v.to_numpy(dtype="float64")).all() or g.isna().any():
        raise ValueError("values must be finite and customers must not be missing")
    frame = pd.DataFrame({"v": v.to_numpy(dtype="float64"), "g": g.to_numpy()})
    n_i = frame.groupby("g")["v"].transform("size")
    frame = frame[n_i >= min_obs]
    groups = frame.groupby("g")["v"].agg(["size", "mean"])
    k, n = len(groups), len(frame)
    if k < 2:
        raise ValueError(f"fewer than two customers have at least min_obs={min_obs} purchases")
    grand = frame["v"].mean()
    ssb = float((groups["size"] * (groups["mean"] - grand) ** 2).sum())
    ssw = float(((frame["v"] - frame["g"].map(groups["mean"])) ** 2).sum())
    msb, msw = ssb / (k - 1), ssw / (n - k)
    n0 = (n - float((groups["size"] ** 2).sum()) / n) / (k - 1)
    denom = msb + (n0 - 1) * msw
    return pd.Series(
        {
            "customers": float(k),
            "purchases": float(n),
            "eta_squared": ssb / (ssb + ssw) if ssb + ssw > 0 else 0.0,
            "icc": (msb - msw) / denom if denom > 0 else 0.0,
        }
    )


# ---------------------------------------------------------------------------------------------
# the Peppers & Rogers matrix


def peppers_rogers_quadrant(
    value_diff: float | Sequence[float] | np.ndarray | pd.Series,
    needs_diff: float | Sequence[float] | np.ndarray | pd.Series,
    *,
    value_threshold: float = 0.5,
    needs_threshold: float = 0.1,
) -> str | pd.Series:
    """Quadrant of the Peppers & Rogers matrix: customer value × customer needs differentiation.

    Parameters
    ----------
    value_diff : float or array-like
        Value differentiation, e.g. the top-20% revenue share (0.2 = equality) or the Gini.
    needs_diff : float or array-like
        Needs differentiation, e.g. the needs index of :func:`needs_differentiation`.
    value_threshold, needs_threshold : float
        Where "uniform" ends and "skewed"/"diverse" begins (at or above the threshold is high).
        Defaults: the top fifth of customers bringing half the value or more; customer identity
        explaining at least a tenth of the category choice beyond noise. They are judgement
        calls, not laws: show how the verdict moves when they move.

    Returns
    -------
    str or pandas.Series
        One of :data:`QUADRANTS` ("mass", "niche", "value-based", "one-to-one");
        a Series when the inputs are array-like.

    Examples
    --------
    >>> peppers_rogers_quadrant(0.8, 0.3)
    'one-to-one'
    >>> peppers_rogers_quadrant([0.3, 0.3], [0.0, 0.5]).tolist()
    ['mass', 'niche']
    """
    validation.numeric(value_diff, "value_diff")
    validation.numeric(needs_diff, "needs_diff")
    validation.number(value_threshold, "value_threshold")
    validation.number(needs_threshold, "needs_threshold")
    scalar = np.isscalar(value_diff) and np.isscalar(needs_diff)
    index = value_diff.index if isinstance(value_diff, pd.Series) else None
    v = np.atleast_1d(np.asarray(value_diff))
    nd = np.atleast_1d(np.asarray(needs_diff))
    for arr, name in ((v, "value_diff"), (nd, "needs_diff")):
        if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(f"{name} must be a number or numbers, got {arr.dtype}")
        if np.isnan(arr.astype("float64")).any():
            raise ValueError(f"{name} has missing values")
    if v.shape != nd.shape:
        raise ValueError(f"value_diff {v.shape} and needs_diff {nd.shape} must have the same shape")
    for t, name in ((value_threshold, "value_threshold"), (needs_threshold, "needs_threshold")):
        if isinstance(t, bool) or not isinstance(t, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must be a number, got {t!r}")
    high_value = v >= value_threshold
    high_needs = nd >= needs_threshold
    names = np.array(QUADRANTS, dtype=object)
    result = names[high_value.astype(int) * 2 + high_needs.astype(int)]
    if scalar:
        return str(result[0])
    return pd.Series(result, index=index, name="quadrant", dtype="str")


# ---------------------------------------------------------------------------------------------
# identify (고객파악)


def identity_summary(
    sessions: pd.DataFrame,
    *,
    resolved_col: str = "resolved_customer_id",
    customer_col: str = "customer_id",
    weight_col: str | None = None,
) -> pd.DataFrame:
    """How much web activity is tied to a known customer: logged in, linked by cookie, anonymous.

    Use it after cookies have been linked to customers (e.g. with
    :func:`helpers.personalization.attribute_sessions`): a session is ``logged in`` when it carries
    its own customer id, ``linked by cookie`` when only the cookie resolves it, ``anonymous``
    otherwise.

    Parameters
    ----------
    sessions : pandas.DataFrame
        Sessions with the original ``customer_col`` and the ``resolved_col``.
    weight_col : str, optional
        Sum this column (e.g. ``pages``) instead of counting sessions.

    Returns
    -------
    pandas.DataFrame
        Indexed by status (in the order above): the count (or total), ``share`` and
        ``cumulative_share``.

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": [7, None, None], "resolved_customer_id": [7, 7, None]})
    >>> identity_summary(s)["share"].round(2).tolist()
    [0.33, 0.33, 0.33]
    """
    _require_frame(sessions, "sessions")
    _require_columns(sessions, [resolved_col, customer_col, weight_col], "sessions")
    if sessions.empty:
        raise ValueError("sessions is empty: no activity to resolve")
    own = sessions[customer_col].notna().to_numpy()
    resolved = sessions[resolved_col].notna().to_numpy()
    if (own & ~resolved).any():
        raise ValueError(
            f"{int((own & ~resolved).sum())} session(s) have a {customer_col!r} but no "
            f"{resolved_col!r}: the resolved id must keep the session's own id"
        )
    labels = ["logged in", "linked by cookie", "anonymous"]
    status = pd.Categorical(
        np.select([own, resolved], labels[:2], default=labels[2]), categories=labels
    )
    name = "sessions" if weight_col is None else weight_col
    weights = np.ones(len(sessions)) if weight_col is None else sessions[weight_col].to_numpy()
    amount = pd.Series(weights).groupby(status, observed=False).sum()
    out = pd.DataFrame({name: amount})
    if weight_col is None:
        out[name] = out[name].astype("int64")
    out.index.name = "status"
    out["share"] = amount / amount.sum()
    out["cumulative_share"] = out["share"].cumsum()
    return out


# ---------------------------------------------------------------------------------------------
# interact (고객과의 상호작용)


def interaction_counts(
    tables: Mapping[str, pd.DataFrame],
    *,
    customer_col: str = "customer_id",
    customers: pd.Index | Sequence[object] | None = None,
) -> pd.DataFrame:
    """Number of rows per customer in each interaction table (sessions, orders, tickets, ...).

    Parameters
    ----------
    tables : mapping of name → DataFrame
        Each table must have ``customer_col``; rows without a customer are ignored.
    customers : index-like, optional
        The customers to report (e.g. every registered customer, so those with no contact show
        zeros). Default: every customer seen in any table.

    Returns
    -------
    pandas.DataFrame
        One row per customer, one int column per table, sorted by customer.

    Examples
    --------
    >>> t = {"orders": pd.DataFrame({"customer_id": [1, 1, 2]}),
    ...      "tickets": pd.DataFrame({"customer_id": [2]})}
    >>> interaction_counts(t).to_dict("index")
    {1: {'orders': 2, 'tickets': 0}, 2: {'orders': 1, 'tickets': 1}}
    """
    if isinstance(tables, Mapping):
        for key, table in tables.items():
            if isinstance(table, pd.DataFrame):
                validation.frame(
                    table, f"tables[{key!r}]", {customer_col: "id?"}, only_present=True
                )
        ids = {
            f"tables[{key!r}]": t[customer_col]
            for key, t in tables.items()
            if isinstance(t, pd.DataFrame) and customer_col in t.columns
        }
        if len(ids) > 1:
            validation.matching_ids(customer_col, **ids)
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError("tables must be a non-empty mapping of name -> DataFrame")
    columns = {}
    for name, df in tables.items():
        _require_frame(df, f"tables[{name!r}]")
        _require_columns(df, [customer_col], f"tables[{name!r}]")
        columns[name] = df[customer_col].dropna().value_counts()
    out = pd.DataFrame(columns)
    if customers is not None:
        out = out.reindex(pd.Index(customers))
    out.index.name = customer_col
    return out.fillna(0).astype("int64").sort_index()


# ---------------------------------------------------------------------------------------------
# customize (개별화)


def next_best_category(
    counts: pd.DataFrame,
    *,
    prior_strength: float = 2.0,
    exclude_bought: bool = False,
) -> pd.Series:
    """The category to offer each customer: their smoothed favourite, or the best one not yet bought.

    Each customer's category shares are shrunk towards the overall mix,
    ``(count + prior_strength × overall share) / (items + prior_strength)``, so a customer with one
    purchase is not locked into that one category and a customer with no purchases gets the most
    popular category. With ``exclude_bought=True`` categories the customer already bought are
    skipped (a cross-sell offer); a customer who bought everything gets their favourite.

    Returns
    -------
    pandas.Series
        The offered category per customer (same index as ``counts``), ties going to the first
        column.

    Examples
    --------
    >>> counts = pd.DataFrame({"a": [3, 0], "b": [1, 0], "c": [0, 0]}, index=[1, 2])
    >>> next_best_category(counts).tolist()
    ['a', 'a']
    >>> next_best_category(counts, exclude_bought=True).tolist()
    ['c', 'a']
    """
    if isinstance(counts, pd.DataFrame):
        validation.frame(counts, "counts", dict.fromkeys(counts.columns, "nonneg"))
    validation.number(prior_strength, "prior_strength", low=0)
    arr = _counts(counts)
    if (
        isinstance(prior_strength, bool)
        or not isinstance(prior_strength, (int, float))
        or prior_strength < 0
    ):
        raise ValueError(f"prior_strength must be a number >= 0, got {prior_strength!r}")
    total = arr.sum()
    if total == 0:
        raise ValueError("counts has no purchases at all: nothing to personalise from")
    pooled = arr.sum(axis=0) / total
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (arr + prior_strength * pooled) / (arr.sum(axis=1, keepdims=True) + prior_strength)
    score = np.where(np.isnan(score), pooled, score)
    score = score + 1e-12 * pooled  # break exact ties in favour of the more popular category
    if exclude_bought:
        masked = np.where(arr > 0, -np.inf, score)
        everything = np.isinf(masked).all(axis=1)
        masked[everything] = score[everything]
        score = masked
    return pd.Series(
        np.asarray(counts.columns)[np.argmax(score, axis=1)], index=counts.index, name="offer"
    )


# ---------------------------------------------------------------------------------------------
# does personalization come back as profit?


def _check_campaign_inputs(
    responded: object, revenue: object, score: object, margin: object, confidence: object
) -> None:
    """helpers.validation checks shared by the campaign-profit functions, before the arrays."""
    if not isinstance(responded, (str, bytes, pd.DataFrame)) and hasattr(responded, "__len__"):
        validation.series(responded, "responded", "binary")
    for name_, values_ in (("revenue", revenue), ("score", score)):
        if not isinstance(values_, (str, bytes, pd.DataFrame)) and hasattr(values_, "__len__"):
            validation.numeric(values_, name_)
    validation.number(margin, "margin", low=0, high=1)
    validation.number(confidence, "confidence", low=0, high=1, low_open=True, high_open=True)


def _campaign_arrays(
    responded: object, revenue: object, score: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Outcome (0/1), revenue and score per contacted customer as float arrays of one length."""
    resp = pd.Series(np.asarray(responded)) if not isinstance(responded, pd.Series) else responded
    if pd.api.types.is_bool_dtype(resp):
        resp = resp.astype("float64")
    y = _values(resp, "responded")
    if not np.isin(y, [0.0, 1.0]).all():
        raise ValueError("responded must hold 0/1 (or True/False) per customer")
    rev = _values(revenue, "revenue")
    s_series = pd.Series(np.asarray(score))
    if pd.api.types.is_bool_dtype(s_series) or not pd.api.types.is_numeric_dtype(s_series):
        raise TypeError(f"score must be numeric, got dtype {s_series.dtype}")
    s = s_series.to_numpy(dtype="float64")
    if not (len(y) == len(rev) == len(s)):
        raise ValueError(
            f"responded ({len(y)}), revenue ({len(rev)}) and score ({len(s)}) must have the same length"
        )
    if np.isnan(s).any():
        raise ValueError("score has missing values: score every customer first")
    return y, rev, s


def targeting_profit(
    responded: pd.Series | Sequence[float] | np.ndarray,
    revenue: pd.Series | Sequence[float] | np.ndarray,
    score: pd.Series | Sequence[float] | np.ndarray,
    *,
    cost_per_contact: float,
    margin: float,
    fractions: Sequence[float] = (0.1, 0.2, 0.3, 0.5, 0.7, 1.0),
    n_boot: int = 1000,
    confidence: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Profit of contacting only the best-scored fraction of customers vs contacting everyone.

    Each contacted customer costs ``cost_per_contact``; a responder brings ``margin × revenue``.
    Customers are ranked by ``score`` (highest first, ties by order of appearance) and the top
    ``fraction`` is contacted. Confidence intervals come from a seeded bootstrap over customers
    (the same resamples for every fraction, so the difference to "everyone" has its own interval).

    Parameters
    ----------
    responded : array-like of 0/1 or bool
        Whether each customer responded (bought) when contacted.
    revenue : array-like of float
        Revenue of the response (0 for non-responders is fine; only responders count).
    score : array-like of float
        The targeting score (model probability, RFM score, ...); higher = contact first.
    cost_per_contact, margin : float
        Cost of one contact (same currency as revenue) and the gross margin rate in [0, 1].
    fractions : sequence of float
        Shares of customers to contact, in (0, 1].

    Returns
    -------
    pandas.DataFrame
        Indexed by ``fraction``: ``contacted``, ``responders``, ``response_rate``, ``profit`` and
        its interval ``profit_low``/``profit_high``, ``vs_everyone`` (profit minus the profit of
        contacting all) with ``vs_everyone_low``/``vs_everyone_high``.

    Examples
    --------
    >>> t = targeting_profit([1, 0, 0, 0], [100, 0, 0, 0], [0.9, 0.1, 0.2, 0.3],
    ...                      cost_per_contact=10, margin=0.5, fractions=[0.25, 1.0], n_boot=50)
    >>> t["profit"].tolist()
    [40.0, 10.0]
    """
    _check_campaign_inputs(responded, revenue, score, margin, confidence)
    validation.number(cost_per_contact, "cost_per_contact", low=0)
    validation.integer(n_boot, "n_boot", low=1, high=10_000_000)
    validation.seed(random_state, "random_state")
    y, rev, s = _campaign_arrays(responded, revenue, score)
    for value, name in ((cost_per_contact, "cost_per_contact"), (margin, "margin")):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must be a number, got {value!r}")
    if cost_per_contact < 0:
        raise ValueError(f"cost_per_contact must be >= 0, got {cost_per_contact}")
    if not 0 <= margin <= 1:
        raise ValueError(f"margin must be a rate in [0, 1], got {margin}")
    fr = np.asarray([float(f) for f in fractions])
    if fr.size == 0 or (fr <= 0).any() or (fr > 1).any():
        raise ValueError(f"fractions must be shares in (0, 1], got {list(fractions)}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 10:
        raise ValueError(f"n_boot must be a whole number >= 10, got {n_boot!r}")

    n = len(y)
    order = np.argsort(-s, kind="stable")
    contribution = (margin * rev * y - cost_per_contact)[order]
    k = np.maximum(1, np.ceil(fr * n - 1e-9).astype("int64"))
    cum = np.cumsum(contribution)
    profit = cum[k - 1]
    responders = np.cumsum(y[order])[k - 1]

    rng = np.random.default_rng(random_state)
    boot_profit = np.empty((n_boot, fr.size))
    boot_everyone = np.empty(n_boot)
    chunk = max(1, 2_000_000 // n)
    for start in range(0, n_boot, chunk):  # loops over chunks of resamples, not over customers
        stop = min(n_boot, start + chunk)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=stop - start)
        boot_cum = np.cumsum(weights * contribution, axis=1)
        boot_profit[start:stop] = boot_cum[:, k - 1]
        boot_everyone[start:stop] = boot_cum[:, -1]
    diff = boot_profit - boot_everyone[:, None]
    alpha = (1 - confidence) / 2
    everyone = cum[-1]
    return pd.DataFrame(
        {
            "contacted": k,
            "responders": responders.astype("int64"),
            "response_rate": responders / k,
            "profit": profit,
            "profit_low": np.quantile(boot_profit, alpha, axis=0),
            "profit_high": np.quantile(boot_profit, 1 - alpha, axis=0),
            "vs_everyone": profit - everyone,
            "vs_everyone_low": np.quantile(diff, alpha, axis=0),
            "vs_everyone_high": np.quantile(diff, 1 - alpha, axis=0),
        },
        index=pd.Index(fr, name="fraction"),
    )


def margin_by_decile(
    responded: pd.Series | Sequence[float] | np.ndarray,
    revenue: pd.Series | Sequence[float] | np.ndarray,
    score: pd.Series | Sequence[float] | np.ndarray,
    *,
    margin: float,
    n_bins: int = 10,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Expected margin per contact in each score decile: contact a group only if it beats the cost.

    Customers are ranked by ``score`` (highest first, ties by order of appearance) and cut into
    ``n_bins`` groups of equal size; group 1 holds the best scores. The margin per contact of a
    group is the mean of ``margin × revenue × responded``; its interval is the normal
    approximation (mean ± z × standard error), fine for groups of hundreds of customers.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``decile`` (1 = best): ``contacts``, ``response_rate``, ``margin_per_contact``,
        ``margin_low``, ``margin_high``.

    Examples
    --------
    >>> t = margin_by_decile([1, 0, 0, 0], [100, 0, 0, 0], [4, 3, 2, 1], margin=0.5, n_bins=2)
    >>> t["margin_per_contact"].tolist()
    [25.0, 0.0]
    """
    _check_campaign_inputs(responded, revenue, score, margin, confidence)
    from scipy.stats import norm

    y, rev, s = _campaign_arrays(responded, revenue, score)
    if (
        isinstance(n_bins, bool)
        or not isinstance(n_bins, (int, np.integer))
        or not 1 <= n_bins <= len(y)
    ):
        raise ValueError(
            f"n_bins must be a whole number between 1 and the number of customers, got {n_bins!r}"
        )
    if not 0 <= margin <= 1:
        raise ValueError(f"margin must be a rate in [0, 1], got {margin}")
    rank = pd.Series(s).rank(method="first", ascending=False).to_numpy()
    decile = np.ceil(rank * n_bins / len(y)).astype("int64")
    value = pd.Series(margin * rev * y)
    grouped = pd.DataFrame({"decile": decile, "y": y, "value": value}).groupby("decile")
    out = grouped.agg(
        contacts=("y", "size"),
        response_rate=("y", "mean"),
        margin_per_contact=("value", "mean"),
        sd=("value", "std"),
    )
    z = float(norm.ppf(0.5 + confidence / 2))
    half = z * out["sd"].fillna(0) / np.sqrt(out["contacts"])
    return out.assign(
        margin_low=out["margin_per_contact"] - half, margin_high=out["margin_per_contact"] + half
    ).drop(columns="sd")
