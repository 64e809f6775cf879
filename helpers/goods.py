"""Search goods vs experience goods: rating dispersion and how reviews relate to conversion.

Nelson (1970) split products by when their quality can be judged: **search goods** (탐색제품)
before purchase, from their specifications (a USB cable, a printer cartridge); **experience
goods** (경험제품) only after using them (a fried chicken, a perfume, a novel). Experience goods
should show more disagreement between buyers (rating dispersion), and their buyers should lean
more on other buyers' reports. Klein (1998) argued the internet turns experience qualities into
search qualities: reviews and ratings (the delivery app's star ratings of each chicken shop, 요기요
치킨 평가) let a shopper "search" what used to need "experience".

* :func:`rating_dispersion`: per group (goods type), the mean, variance and entropy of the
  rating distribution with bootstrap confidence intervals.
* :func:`reviews_before`: for each event (a session viewing a product), the number and mean of
  the reviews of that product published *before* the event, so that reviews written after
  (often by the very buyers of the session) do not leak into the explanation of conversion.
* :func:`review_count_buckets` and :func:`conversion_by_bucket`: conversion rate by bucket with
  Wilson confidence intervals (session weights allowed).
* :func:`within_product_effect`: the slope of conversion on review measures pooled over products
  and *within* products (product fixed effects), so that products that are simply better (and
  therefore collect more reviews *and* more buyers) do not pass for an effect of reviews.

Nelson (1970, 1974) made the search/experience distinction and drew its consequences for
advertising; Klein (1998) argued that interactive media give experience goods a "virtual
experience". The review literature proper: Chevalier & Mayzlin (2006) on reviews and sales, and
Mudambi & Schuff (2010) on what makes a review helpful for search vs experience goods.

Examples
--------
>>> import pandas as pd
>>> r = pd.DataFrame({"goods_type": ["search"] * 4 + ["experience"] * 4,
...                   "rating": [4, 4, 4, 4, 1, 5, 2, 5]})
>>> rating_dispersion(r, n_boot=100)["variance"].round(2).to_dict()
{'experience': 3.19, 'search': 0.0}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from helpers import validation
from helpers.idic import _require_columns, _require_frame

__all__ = [
    "rating_dispersion",
    "reviews_before",
    "review_count_buckets",
    "conversion_by_bucket",
    "within_product_effect",
]


def _entropy_bits(p: np.ndarray) -> np.ndarray:
    """Entropy in bits along the last axis (0 log 0 = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log2(p), 0.0)
    return terms.sum(axis=-1)


def rating_dispersion(
    reviews: pd.DataFrame,
    *,
    group_col: str = "goods_type",
    rating_col: str = "rating",
    scale: Sequence[int] = (1, 2, 3, 4, 5),
    n_boot: int = 2000,
    confidence: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """How much reviewers disagree, per group: mean, variance and entropy of ratings with CIs.

    The bootstrap resamples reviews within each group; because ratings are categories on a
    small scale, one resample is a multinomial draw of the rating counts, so thousands of
    resamples cost almost nothing.

    Parameters
    ----------
    reviews : pandas.DataFrame
        One row per review with ``group_col`` and ``rating_col``.
    scale : sequence of int
        The possible ratings (1–5 stars by default); a rating outside it is an error.
    n_boot, confidence, random_state
        Bootstrap resamples, interval level and seed.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (sorted): ``reviews``, ``mean``, ``variance`` (population variance of
        the ratings) with ``variance_low``/``variance_high``, ``entropy`` (bits; log2(5) ≈ 2.32
        when all five ratings are equally common) with ``entropy_low``/``entropy_high``, and
        ``extreme_share`` (share of the lowest and highest ratings).

    Examples
    --------
    >>> r = pd.DataFrame({"goods_type": ["a", "a"], "rating": [1, 5]})
    >>> float(rating_dispersion(r, n_boot=50).loc["a", "entropy"])
    1.0
    """
    validation.seed(random_state, "random_state")
    validation.number(confidence, "confidence", low=0, high=1, low_open=True, high_open=True)
    _require_frame(reviews, "reviews")
    _require_columns(reviews, [group_col, rating_col], "reviews")
    if reviews.empty:
        raise ValueError("reviews is empty: there are no ratings to compare")
    ratings = reviews[rating_col]
    if pd.api.types.is_bool_dtype(ratings) or not pd.api.types.is_numeric_dtype(ratings):
        raise TypeError(f"column {rating_col!r} must be numeric ratings, got {ratings.dtype}")
    if ratings.isna().any() or reviews[group_col].isna().any():
        raise ValueError(f"columns {rating_col!r} and {group_col!r} must not have missing values")
    levels = np.asarray(scale, dtype="float64")
    outside = ~ratings.isin(levels)
    if outside.any():
        raise ValueError(
            f"column {rating_col!r} has {int(outside.sum())} rating(s) outside the scale "
            f"{list(scale)}, e.g. {ratings[outside].iloc[0]!r}"
        )
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 10:
        raise ValueError(f"n_boot must be a whole number >= 10, got {n_boot!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")

    counts = pd.crosstab(reviews[group_col], ratings).reindex(columns=levels, fill_value=0)
    counts = counts.sort_index()
    c = counts.to_numpy(dtype="float64")
    n = c.sum(axis=1)
    rng = np.random.default_rng(random_state)
    boot = rng.multinomial(n.astype("int64"), c / n[:, None], size=(n_boot, len(n)))
    p, pb = c / n[:, None], boot / n[None, :, None]

    def variance(probs: np.ndarray) -> np.ndarray:
        mean = (probs * levels).sum(axis=-1)
        return (probs * levels**2).sum(axis=-1) - mean**2

    alpha = (1 - confidence) / 2
    var_b, ent_b = variance(pb), _entropy_bits(pb)
    return pd.DataFrame(
        {
            "reviews": n.astype("int64"),
            "mean": (p * levels).sum(axis=1),
            "variance": variance(p),
            "variance_low": np.quantile(var_b, alpha, axis=0),
            "variance_high": np.quantile(var_b, 1 - alpha, axis=0),
            "entropy": _entropy_bits(p),
            "entropy_low": np.quantile(ent_b, alpha, axis=0),
            "entropy_high": np.quantile(ent_b, 1 - alpha, axis=0),
            "extreme_share": p[:, 0] + p[:, -1],
        },
        index=counts.index,
    )


def reviews_before(
    events: pd.DataFrame,
    reviews: pd.DataFrame,
    *,
    key_col: str = "product_id",
    event_time_col: str = "started_at",
    review_time_col: str = "reviewed_at",
    rating_col: str = "rating",
) -> pd.DataFrame:
    """Add the number and mean of the reviews published strictly before each event.

    Parameters
    ----------
    events : pandas.DataFrame
        E.g. sessions that viewed a product: ``key_col`` and ``event_time_col``.
    reviews : pandas.DataFrame
        ``key_col``, ``review_time_col`` and ``rating_col``.

    Returns
    -------
    pandas.DataFrame
        A copy of ``events`` (same row order and index) with ``reviews_before`` (int) and
        ``rating_before`` (mean rating of those reviews; missing when there are none).

    Examples
    --------
    >>> ev = pd.DataFrame({"product_id": [1, 1], "started_at": pd.to_datetime(["2024-01-02", "2024-01-05"])})
    >>> rv = pd.DataFrame({"product_id": [1, 1], "rating": [5, 3],
    ...                    "reviewed_at": pd.to_datetime(["2024-01-01", "2024-01-05"])})
    >>> reviews_before(ev, rv)[["reviews_before", "rating_before"]].values.tolist()
    [[1.0, 5.0], [1.0, 5.0]]
    """
    events = validation.datetimes(events, "events", {event_time_col: "date"})
    reviews = validation.datetimes(reviews, "reviews", {review_time_col: "date"})
    if isinstance(events, pd.DataFrame) and isinstance(reviews, pd.DataFrame):
        validation.frame(events, "events", {key_col: "id?"}, only_present=True)
        validation.frame(
            reviews, "reviews", {key_col: "id", rating_col: "number"}, only_present=True
        )
        if key_col in events.columns and key_col in reviews.columns:
            validation.matching_ids(key_col, events=events[key_col], reviews=reviews[key_col])
    _require_frame(events, "events")
    _require_frame(reviews, "reviews")
    _require_columns(events, [key_col, event_time_col], "events")
    _require_columns(reviews, [key_col, review_time_col, rating_col], "reviews")
    for df, col, name in (
        (events, event_time_col, "events"),
        (reviews, review_time_col, "reviews"),
    ):
        if not pd.api.types.is_datetime64_any_dtype(df[col]):
            raise TypeError(
                f"{name}[{col!r}] must be datetimes, got {df[col].dtype}; use pd.to_datetime"
            )
        if df[col].isna().any():
            raise ValueError(f"{name}[{col!r}] has missing times")
    if not pd.api.types.is_numeric_dtype(reviews[rating_col]):
        raise TypeError(f"reviews[{rating_col!r}] must be numeric")
    rv = (
        reviews[[key_col, review_time_col, rating_col]]
        .dropna(subset=[key_col])
        .sort_values([key_col, review_time_col], kind="stable")
        .assign(
            _n=lambda d: d.groupby(key_col).cumcount() + 1,
            _sum=lambda d: d.groupby(key_col)[rating_col].cumsum(),
        )
    )
    ev = events[[key_col, event_time_col]].assign(_row=np.arange(len(events)))
    known = ev[key_col].notna()
    ev = ev[known]
    # one key dtype on both sides (e.g. nullable Int64 ids in sessions, int64 in reviews)
    numeric = pd.api.types.is_numeric_dtype(ev[key_col]) and pd.api.types.is_numeric_dtype(
        rv[key_col]
    )
    key_type = "float64" if numeric else "str"
    ev = ev.astype({key_col: key_type})
    rv = rv.astype({key_col: key_type})
    merged = pd.merge_asof(
        ev.sort_values(event_time_col, kind="stable"),
        rv[[key_col, review_time_col, "_n", "_sum"]]
        .sort_values(review_time_col, kind="stable")
        .astype({review_time_col: ev[event_time_col].dtype}),
        left_on=event_time_col,
        right_on=review_time_col,
        by=key_col,
        allow_exact_matches=False,
        direction="backward",
    ).sort_values("_row")
    n = np.zeros(len(events))
    total = np.zeros(len(events))
    n[merged["_row"].to_numpy()] = merged["_n"].fillna(0).to_numpy()
    total[merged["_row"].to_numpy()] = merged["_sum"].fillna(0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, total / np.where(n > 0, n, 1), np.nan)
    return events.assign(reviews_before=n.astype("int64"), rating_before=mean)


def review_count_buckets(
    counts: pd.Series | Sequence[int] | np.ndarray,
    *,
    edges: Sequence[int] = (0, 1, 5, 20),
) -> pd.Series:
    """Bucket review counts into ordered labels such as "0", "1–4", "5–19", "20+".

    Parameters
    ----------
    counts : array-like of int
        Number of reviews seen (non-negative).
    edges : sequence of int
        Increasing lower bounds of the buckets, starting at 0.

    Examples
    --------
    >>> review_count_buckets([0, 3, 7, 40]).tolist()
    ['0', '1–4', '5–19', '20+']
    """
    if not isinstance(counts, (str, bytes)) and hasattr(counts, "__len__"):
        validation.numeric(counts, "counts", low=0, integer=True)
    edges = [int(e) for e in edges]
    if not edges or edges[0] != 0 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        raise ValueError(f"edges must be increasing whole numbers starting at 0, got {edges}")
    s = pd.Series(counts) if not isinstance(counts, pd.Series) else counts
    if not pd.api.types.is_numeric_dtype(s) or s.isna().any() or (s < 0).any():
        raise ValueError("counts must be non-negative numbers without missing values")
    labels = []
    for a, b in zip(edges, [*edges[1:], None], strict=False):
        if b is None:
            labels.append(f"{a}+")
        elif b - a == 1:
            labels.append(f"{a}")
        else:
            labels.append(f"{a}–{b - 1}")
    codes = np.searchsorted(np.asarray(edges), s.to_numpy(), side="right") - 1
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=labels, ordered=True),
        index=s.index,
        name="review_bucket",
    )


def conversion_by_bucket(
    df: pd.DataFrame,
    *,
    bucket_col: str,
    converted_col: str = "purchased",
    by: str | None = None,
    confidence: float = 0.95,
    weight_col: str | None = None,
) -> pd.DataFrame:
    """Conversion rate per bucket (and optional group) with Wilson confidence intervals.

    With ``weight_col`` (e.g. the sessions' ``weight``: 10 for a non-purchase session kept as a
    1-in-10 sample) sessions and conversions are weighted sums and the interval uses Kish's
    effective sample size (Σw)² / Σw², so a sample of ten-fold weights is not mistaken for ten
    times the information.

    Returns
    -------
    pandas.DataFrame
        One row per (group,) bucket: ``sessions``, ``conversions``, ``rate``, ``rate_low``,
        ``rate_high``. Empty buckets are left out.

    Examples
    --------
    >>> d = pd.DataFrame({"b": ["x", "x", "y", "y"], "purchased": [1, 0, 1, 1]})
    >>> conversion_by_bucket(d, bucket_col="b")["rate"].tolist()
    [0.5, 1.0]
    """
    validation.number(confidence, "confidence", low=0, high=1, low_open=True, high_open=True)
    _require_frame(df, "df")
    _require_columns(df, [bucket_col, converted_col, by], "df")
    y = df[converted_col]
    if not (pd.api.types.is_bool_dtype(y) or pd.api.types.is_numeric_dtype(y)):
        raise TypeError(f"column {converted_col!r} must be 0/1 or True/False, got {y.dtype}")
    if y.isna().any() or not y.astype("float64").isin([0.0, 1.0]).all():
        raise ValueError(f"column {converted_col!r} must hold only 0/1 (or True/False)")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    keys = [by, bucket_col] if by is not None else [bucket_col]
    if weight_col is None:
        out = (
            df.assign(_y=y.astype("int64"))
            .groupby(keys, observed=True, sort=True)["_y"]
            .agg(sessions="size", conversions="sum")
        )
        low, high = proportion_confint(
            out["conversions"], out["sessions"], alpha=1 - confidence, method="wilson"
        )
        return out.assign(rate=out["conversions"] / out["sessions"], rate_low=low, rate_high=high)
    _require_columns(df, [weight_col], "df")
    w = df[weight_col]
    if not pd.api.types.is_numeric_dtype(w) or w.isna().any() or (w <= 0).any():
        raise ValueError(f"column {weight_col!r} must hold positive numbers (session weights)")
    yw = y.astype("float64") * w
    grouped = (
        df.assign(_w=w.astype("float64"), _yw=yw, _w2=w.astype("float64") ** 2)
        .groupby(keys, observed=True, sort=True)[["_w", "_yw", "_w2"]]
        .sum()
    )
    rate = grouped["_yw"] / grouped["_w"]
    n_eff = grouped["_w"] ** 2 / grouped["_w2"]
    low, high = proportion_confint(rate * n_eff, n_eff, alpha=1 - confidence, method="wilson")
    return pd.DataFrame(
        {
            "sessions": grouped["_w"],
            "conversions": grouped["_yw"],
            "rate": rate,
            "rate_low": low,
            "rate_high": high,
        }
    )


def _wls_cluster(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, groups: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least squares with cluster-robust standard errors (as statsmodels' "cluster").

    β solves min Σ wᵢ (yᵢ − xᵢβ)²; the covariance is the sandwich (X'WX)⁻¹ M (X'WX)⁻¹ with
    M = Σ_g s_g s_g', s_g = Σ_{i in g} wᵢ xᵢ eᵢ, scaled by G/(G−1) · (N−1)/(N−K).
    """
    sw = np.sqrt(w)
    beta, *_ = np.linalg.lstsq(x * sw[:, None], y * sw, rcond=None)
    resid = y - x @ beta
    bread = np.linalg.pinv((x * w[:, None]).T @ x)
    scores = np.zeros((groups.max() + 1, x.shape[1]))
    np.add.at(scores, groups, x * (w * resid)[:, None])
    n, k, g = len(y), x.shape[1], groups.max() + 1
    scale = g / (g - 1) * (n - 1) / (n - k) if g > 1 else 1.0
    cov = scale * bread @ (scores.T @ scores) @ bread
    return beta, np.sqrt(np.maximum(np.diag(cov), 0.0))


def within_product_effect(
    events: pd.DataFrame,
    *,
    outcome_col: str,
    x_cols: Sequence[str],
    group_col: str = "product_id",
    weight_col: str | None = None,
    by: str | None = None,
    time_col: str | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Slopes of an outcome on ``x_cols``, pooled and within groups (group fixed effects).

    *Pooled*: weighted least squares of the outcome on the x's and an intercept, across all
    groups. *Within*: the same after subtracting each group's (weighted) mean from the outcome and
    every x, which is exactly the regression with one dummy per group (Frisch–Waugh–Lovell), but
    fast. A within slope uses only the variation *inside* a product over time (more reviews than
    earlier), so fixed traits of a product (its quality, its price, its category) cannot explain
    it; the pooled slope mixes that with the differences *between* products. Standard errors are
    clustered by group (sessions of one product are not independent). With a 0/1 outcome the
    slopes are changes in the probability (a linear probability model).

    Parameters
    ----------
    events : pandas.DataFrame
        One row per event (a session that viewed a product).
    outcome_col : str
        The outcome (0/1 or bool, or any number).
    x_cols : sequence of str
        Numeric explanatory columns, e.g. ``log2_reviews``, ``stars_above_4``.
    group_col : str
        The fixed effect (a product id).
    weight_col : str, optional
        Event weights (the sessions' ``weight``).
    by : str, optional
        Fit separately for each value (e.g. ``goods_type``).
    time_col : str, optional
        A period column (e.g. the month of the session): one dummy per period is added to both
        fits (time fixed effects), so that a shop-wide trend, which raises the review count of
        every product and conversion at the same time, is not read as an effect of reviews.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``by`` value,) ``variable``: ``pooled``, ``pooled_low``, ``pooled_high``,
        ``within``, ``within_low``, ``within_high``, ``events``, ``groups``.

    Examples
    --------
    >>> # two products: B is better AND has more reviews; within each, reviews do nothing
    >>> d = pd.DataFrame({"product_id": [1] * 4 + [2] * 4, "reviews": [0, 1, 2, 3, 10, 11, 12, 13],
    ...                   "bought": [0, 1, 1, 0, 1, 1, 1, 1]})
    >>> t = within_product_effect(d, outcome_col="bought", x_cols=["reviews"])
    >>> round(float(t.loc["reviews", "within"]), 3), round(float(t.loc["reviews", "pooled"]), 3)
    (0.0, 0.048)
    """
    from scipy.stats import norm

    _require_frame(events, "events", allow_empty=False)
    if isinstance(x_cols, str) or not isinstance(x_cols, Sequence) or len(x_cols) == 0:
        raise TypeError(f"x_cols must be a non-empty list of column names, got {x_cols!r}")
    x_cols = list(x_cols)
    _require_columns(events, [outcome_col, group_col, weight_col, by, time_col, *x_cols], "events")
    for col in [outcome_col, *x_cols] + ([weight_col] if weight_col else []):
        v = events[col]
        if not (pd.api.types.is_numeric_dtype(v) or pd.api.types.is_bool_dtype(v)):
            raise TypeError(f"column {col!r} must be numeric, got {v.dtype}")
        if v.isna().any():
            raise ValueError(f"column {col!r} has missing values: fill or drop them first")
    numeric = {c: "binary" if pd.api.types.is_bool_dtype(events[c]) else "number"
               for c in [outcome_col, *x_cols] + ([weight_col] if weight_col else [])}  # fmt: skip
    validation.frame(events, "events", {group_col: "id", **numeric})  # also refuses inf
    if weight_col and (events[weight_col] <= 0).any():
        raise ValueError(f"column {weight_col!r} must hold positive weights")
    validation.probability(confidence, "confidence", open_=True)
    z = float(norm.ppf(0.5 + confidence / 2))
    parts = events.groupby(by, observed=True, sort=True) if by else [(None, events)]
    rows = []
    for key, part in parts:  # one fit per goods type, not per product
        y = part[outcome_col].astype("float64")
        x = part[x_cols].astype("float64")
        if time_col is not None:
            periods = pd.get_dummies(part[time_col].astype(str), prefix="_t", drop_first=True)
            x = pd.concat([x, periods.astype("float64")], axis=1)
        w = part[weight_col].astype("float64") if weight_col else pd.Series(1.0, index=part.index)
        g = part[group_col].to_numpy()
        cluster = pd.factorize(g)[0]
        names = list(x.columns)
        pooled_b, pooled_se = _wls_cluster(
            np.column_stack([np.ones(len(x)), x.to_numpy()]), y.to_numpy(), w.to_numpy(), cluster
        )
        pooled = (
            pd.Series(pooled_b[1:], index=names),
            pd.Series(pooled_se[1:], index=names),
        )
        wsum = w.groupby(g).transform("sum")
        y_d = y - (w * y).groupby(g).transform("sum") / wsum
        x_d = x - (x.mul(w, axis=0)).groupby(g).transform("sum").div(wsum, axis=0)
        within_b, within_se = _wls_cluster(x_d.to_numpy(), y_d.to_numpy(), w.to_numpy(), cluster)
        within = (pd.Series(within_b, index=names), pd.Series(within_se, index=names))
        for col in x_cols:
            rows.append(
                {
                    **({by: key} if by else {}),
                    "variable": col,
                    "pooled": pooled[0][col],
                    "pooled_low": pooled[0][col] - z * pooled[1][col],
                    "pooled_high": pooled[0][col] + z * pooled[1][col],
                    "within": within[0][col],
                    "within_low": within[0][col] - z * within[1][col],
                    "within_high": within[0][col] + z * within[1][col],
                    "events": len(part),
                    "groups": int(cluster.max() + 1),
                }
            )
    out = pd.DataFrame(rows)
    return out.set_index([by, "variable"] if by else "variable")
