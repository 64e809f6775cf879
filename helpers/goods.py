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
  Wilson confidence intervals.

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
) -> pd.DataFrame:
    """Conversion rate per bucket (and optional group) with Wilson confidence intervals.

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
    out = (
        df.assign(_y=y.astype("int64"))
        .groupby(keys, observed=True, sort=True)["_y"]
        .agg(sessions="size", conversions="sum")
    )
    low, high = proportion_confint(
        out["conversions"], out["sessions"], alpha=1 - confidence, method="wilson"
    )
    return out.assign(rate=out["conversions"] / out["sessions"], rate_low=low, rate_high=high)
