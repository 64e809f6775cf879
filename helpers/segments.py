"""Customer segmentation for CRM (고객세분화): tiers, clusters, core customers, migration, strategy map.

Kim (2017) calls segmentation the foundation of CRM and the starting point of every CRM strategy
(CRM의 근간이자 모든 CRM 전략의 출발점). This module holds the pieces notebook 07 works with:

* one-dimensional segmentation on value: :func:`value_tiers` (VIP/Gold/Silver/Bronze by share of
  customers, or by fixed cut-offs as a loyalty programme would fix its grades);
* multi-dimensional segmentation: :func:`cluster_customers` (log + standard scaling, k-means) with
  :func:`choose_k` (inertia and silhouette per k) and :func:`profile` (what each segment looks like);
* core customer management (핵심고객관리): :func:`pareto_curve` and :func:`core_customers`;
* validation of a segmentation: :func:`cluster_stability` (bootstrap refits compared with the
  full-data clusters by the adjusted Rand index);
* segment migration between two periods (그룹간 이동 패턴): :func:`migration_matrix` and the CRM
  performance indicators of :func:`migration_rates` (획득률, 유지율 = same tier, 상승률, 하락률,
  이탈률, and customer retention = 1 − churn);
* the map of CRM strategies by how strongly they depend on segmentation: :func:`strategy_map`.

Examples
--------
>>> import pandas as pd
>>> before = pd.Series({1: "low", 2: "high", 3: "low"})
>>> after = pd.Series({1: "high", 2: "high", 4: "low"})
>>> migration_rates(before, after, order=["low", "high"]).loc["all", ["same_tier", "upgrade", "churn"]].tolist()
[0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers import validation

__all__ = [
    "DEFAULT_SHARES",
    "STRATEGY_GROUPS",
    "DEPENDENCE_LEVELS",
    "value_tiers",
    "cluster_customers",
    "choose_k",
    "cluster_stability",
    "profile",
    "pareto_curve",
    "core_customers",
    "period_values",
    "migration_matrix",
    "migration_rates",
    "strategy_map",
]

DEFAULT_SHARES: dict[str, float] = {"VIP": 0.05, "Gold": 0.15, "Silver": 0.30, "Bronze": 0.50}
"""Default tiers, from the top: the best 5% of customers are VIP, the next 15% Gold, and so on."""

NEW, LOST = "new", "lost"

# --------------------------------------------------------------------------------------------
# validation helpers


def _require_series(values: Any, name: str) -> pd.Series:
    if not isinstance(values, pd.Series):
        raise TypeError(
            f"{name} must be a pandas Series indexed by customer id, got {type(values).__name__}"
        )
    if values.empty:
        raise ValueError(f"{name} is empty: there are no customers to segment")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()][:3].tolist()
        raise ValueError(f"{name} has duplicated customer ids in its index, e.g. {dup}")
    return values


def _require_numeric_series(values: Any, name: str) -> pd.Series:
    values = _require_series(values, name)
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise TypeError(f"{name} must hold numbers (customer value), got dtype {values.dtype}")
    if values.isna().any():
        raise ValueError(
            f"{name} has {int(values.isna().sum())} missing values; fill or drop them first"
        )
    return values


def _require_features(features: Any, name: str = "features") -> pd.DataFrame:
    if not isinstance(features, pd.DataFrame):
        raise TypeError(
            f"{name} must be a pandas DataFrame (one row per customer), got {type(features).__name__}"
        )
    if features.empty or features.shape[1] == 0:
        raise ValueError(f"{name} is empty: need at least one customer and one column")
    if features.index.has_duplicates:
        raise ValueError(f"{name} has duplicated customer ids in its index")
    for col in features.columns:
        if not pd.api.types.is_numeric_dtype(features[col]) or pd.api.types.is_bool_dtype(
            features[col]
        ):
            raise TypeError(
                f"column {col!r} of {name} is not numeric (dtype {features[col].dtype})"
            )
        if features[col].isna().any():
            raise ValueError(
                f"column {col!r} of {name} has missing values; fill or drop them first"
            )
        if np.isinf(features[col].to_numpy(dtype="float64")).any():
            raise ValueError(
                f"column {col!r} of {name} has infinite values (inf); fix the division or value "
                "that produced them"
            )
    return features


def _check_ks(ks: list, n: int) -> None:
    """Every candidate number of clusters must be a whole number in [2, n − 1]."""
    bad = [
        k
        for k in ks
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= n - 1
    ]
    if bad:
        raise ValueError(
            f"ks must be integers between 2 and the number of customers − 1 ({n - 1}); got {bad}"
        )


def _scaled(features: pd.DataFrame, log: bool) -> np.ndarray:
    """Features as a float array, log1p-transformed (if ``log``) and standardised per column."""
    from sklearn.preprocessing import StandardScaler

    x = features.to_numpy(dtype=float)
    if log:
        negative = [c for c, bad in zip(features.columns, (x < 0).any(axis=0), strict=True) if bad]
        if negative:
            raise ValueError(
                f"column(s) {negative} of features have negative values, which log scaling cannot take; "
                "pass log=False or shift them first"
            )
        x = np.log1p(x)
    return StandardScaler().fit_transform(x)


def _one_thread():
    """Run native code (OpenMP/BLAS in KMeans) on one thread.

    KMeans on a few thousand rows gains nothing from threads, and on a shared 2-core machine
    unthrottled OpenMP threads oversubscribe the cores and run several times slower.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _label_kind(index: pd.Index) -> str:
    kind = index.inferred_type
    return {"integer": "integer", "floating": "number", "mixed-integer-float": "number"}.get(
        kind, kind
    )


def _check_pair(before: Any, after: Any) -> tuple[pd.Series, pd.Series]:
    before = _require_series(before, "before")
    after = _require_series(after, "after")
    for name, s in (("before", before), ("after", after)):
        if s.isna().any():
            raise ValueError(f"{name} has {int(s.isna().sum())} customers without a segment label")
    kb, ka = _label_kind(before.index), _label_kind(after.index)
    if kb != ka:
        raise TypeError(
            f"before and after must be indexed by the same kind of customer id: before has {kb} ids, "
            f"after has {ka} ids (e.g. {before.index[0]!r} vs {after.index[0]!r}); convert one of them"
        )
    labels = set(before.astype(object)) | set(after.astype(object))
    clash = sorted(str(v) for v in labels & {NEW, LOST})
    if clash:
        raise ValueError(
            f"segment labels {clash} are reserved for the 'new' row and 'lost' column; rename them"
        )
    return before.astype(object), after.astype(object)


def _order_from(
    before: pd.Series, after: pd.Series, order: Sequence | None, original: tuple
) -> list:
    """Segment order: given, else the categorical order of the inputs, else sorted labels."""
    seen = list(pd.unique(pd.concat([before, after], ignore_index=True)))
    if order is None:
        for s in original:
            if isinstance(s.dtype, pd.CategoricalDtype):
                cats = list(s.cat.categories)
                return cats + [v for v in seen if v not in cats]
        try:
            return sorted(seen)
        except TypeError:
            return sorted(seen, key=str)
    order = list(order)
    if not order:
        raise ValueError("order is empty: list the segments from lowest to highest value")
    if len(set(order)) != len(order):
        raise ValueError(f"order lists a segment twice: {order}")
    for name, s in (("before", before), ("after", after)):
        unknown = sorted({str(v) for v in s.unique() if v not in set(order)})
        if unknown:
            raise ValueError(f"{name} has segment labels not in order: {unknown}; order is {order}")
    return order


# --------------------------------------------------------------------------------------------
# one-dimensional: value tiers


def value_tiers(
    values: pd.Series,
    shares: Mapping[str, float] | None = None,
    *,
    cutoffs: Mapping[str, float] | None = None,
) -> pd.Series:
    """Tier labels (e.g. VIP / Gold / Silver / Bronze) from one value per customer.

    Two ways to draw the lines:

    * ``shares`` (default :data:`DEFAULT_SHARES`): the share of customers in each tier, from the
      top tier down. Customers are ranked by value, highest first, ties broken by order of
      appearance, so each tier holds its share of customers (±1).
    * ``cutoffs``: the minimum value of each tier, from the top tier down, the last one usually 0
      (e.g. ``{"VIP": 500, "Gold": 200, "Silver": 50, "Bronze": 0}``). Fixed lines are what a
      loyalty programme uses, so that tiers of two periods can be compared.

    Parameters
    ----------
    values : pandas.Series
        One number per customer (spend, margin, CLV), indexed by customer id.
    shares : mapping of label to share, optional
        From the top tier down; positive shares that sum to 1.
    cutoffs : mapping of label to minimum value, optional
        From the top tier down, strictly decreasing; a value below the last cut-off is an error.

    Returns
    -------
    pandas.Series
        Ordered categorical (categories from lowest to highest tier), same index as ``values``,
        named ``"tier"``.

    Examples
    --------
    >>> v = pd.Series([10, 50, 30, 20], index=["a", "b", "c", "d"])
    >>> value_tiers(v, {"top": 0.25, "rest": 0.75}).tolist()
    ['rest', 'top', 'rest', 'rest']
    >>> value_tiers(v, cutoffs={"big": 25, "small": 0}).tolist()
    ['small', 'big', 'big', 'small']
    """
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values):
        validation.series(values, "values", "number")  # inf refused (types are checked below)
    for name_, mapping in (("shares", shares), ("cutoffs", cutoffs)):
        if isinstance(mapping, Mapping):
            for tier, value in mapping.items():
                validation.number(value, f"{name_}[{tier!r}]")
    values = _require_numeric_series(values, "values")
    if shares is not None and cutoffs is not None:
        raise ValueError("give either shares or cutoffs, not both")
    if cutoffs is not None:
        labels = list(cutoffs)
        lines = np.array([float(cutoffs[k]) for k in labels])
        if len(labels) < 2 or np.any(np.diff(lines) >= 0):
            raise ValueError(
                f"cutoffs must list at least two tiers with strictly decreasing minimums, got {dict(cutoffs)}"
            )
        if (values < lines[-1]).any():
            raise ValueError(
                f"values has {int((values < lines[-1]).sum())} customers below the lowest cut-off {lines[-1]}"
            )
        # position of the first cut-off the value reaches (cut-offs are decreasing)
        idx = (values.to_numpy()[:, None] < lines[None, :]).sum(axis=1)
    else:
        shares = dict(DEFAULT_SHARES if shares is None else shares)
        labels = list(shares)
        fractions = np.array([float(shares[k]) for k in labels])
        if len(labels) < 2 or np.any(fractions <= 0) or not np.isclose(fractions.sum(), 1.0):
            raise ValueError(
                f"shares must give at least two tiers with positive shares summing to 1, got {shares}"
            )
        rank = values.rank(method="first", ascending=False).to_numpy()  # 1 = best
        position = (rank - 0.5) / len(values)  # where each customer sits, 0 = top
        idx = np.searchsorted(np.cumsum(fractions), position, side="right")
        idx = np.minimum(idx, len(labels) - 1)
    categories = labels[::-1]  # lowest first
    tiers = pd.Categorical.from_codes(len(labels) - 1 - idx, categories=categories, ordered=True)
    return pd.Series(tiers, index=values.index, name="tier")


# --------------------------------------------------------------------------------------------
# multi-dimensional: k-means


def cluster_customers(
    features: pd.DataFrame,
    k: int,
    *,
    random_state: int,
    log: bool = True,
    n_init: int = 10,
) -> pd.Series:
    """K-means segments of customers on scaled features (e.g. recency, frequency, monetary).

    Each column is transformed with ``log1p`` (when ``log``; RFM features are heavily skewed) and
    standardised to mean 0 and standard deviation 1, so that no feature dominates because of its
    unit; then scikit-learn's :class:`~sklearn.cluster.KMeans` runs ``n_init`` times from seeded
    starts. Clusters are renumbered by size (0 = largest) so labels do not depend on the start.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric features, one row per customer (index = customer id).
    k : int
        Number of clusters, 1 ≤ k ≤ number of customers.
    random_state : int
        Seed of the k-means starts (required, so results are reproducible).
    log : bool, default True
        Apply ``log1p`` before standardising (features must then be ≥ 0).
    n_init : int, default 10
        Number of k-means runs; the best (lowest inertia) is kept.

    Returns
    -------
    pandas.Series
        Integer cluster label per customer, named ``"cluster"``, same index as ``features``.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1, 2, 100, 120], "y": [1, 1, 50, 60]}, index=list("abcd"))
    >>> cluster_customers(f, 2, random_state=0).tolist()
    [0, 0, 1, 1]
    """
    if isinstance(features, pd.DataFrame):
        numeric = features.select_dtypes("number").columns  # other types are refused below
        validation.frame(features, "features", dict.fromkeys(numeric, "number"))
    validation.seed(random_state, "random_state")
    validation.integer(n_init, "n_init", low=1)
    from sklearn.cluster import KMeans

    features = _require_features(features)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer number of clusters, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if k > len(features):
        raise ValueError(
            f"k={k} is larger than the number of customers in features ({len(features)})"
        )
    x = _scaled(features, log)
    with _one_thread():
        model = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit(x)
    counts = np.bincount(model.labels_, minlength=k)
    # largest cluster first; ties broken by the centroid's first coordinate
    order = np.lexsort((model.cluster_centers_[:, 0], -counts))
    relabel = np.empty(k, dtype=int)
    relabel[order] = np.arange(k)
    return pd.Series(relabel[model.labels_], index=features.index, name="cluster")


def choose_k(
    features: pd.DataFrame,
    ks: Sequence[int] = range(2, 9),
    *,
    random_state: int = 0,
    log: bool = True,
    n_init: int = 3,
    sample_size: int = 5000,
) -> pd.DataFrame:
    """Inertia (elbow method) and mean silhouette for each candidate number of clusters.

    Inertia is the within-cluster sum of squared distances on the scaled features: it always
    falls as k grows, and one looks for the "elbow" where it stops falling fast. The silhouette
    (Rousseeuw 1987) compares each customer's distance to its own cluster with the distance to the
    nearest other cluster: from −1 to 1, higher means better separated clusters. For speed it is
    computed on a seeded random sample of ``sample_size`` customers when there are more.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric features, one row per customer.
    ks : sequence of int
        Candidate numbers of clusters, each between 2 and the number of customers − 1.
    random_state : int, default 0
        Seed of k-means and of the silhouette sample.
    log : see :func:`cluster_customers`.
    n_init : int, default 3
        k-means starts per k. Three suffice here: the scan compares numbers of clusters, and the
        final solution is refitted with more starts by :func:`cluster_customers`.
    sample_size : int, default 5000
        Customers used for the silhouette when there are more.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``k``, columns ``inertia`` and ``silhouette``.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1, 2, 3, 100, 110, 120], "y": [1, 2, 1, 50, 60, 55]})
    >>> choose_k(f, [2, 3]).index.tolist()
    [2, 3]
    """
    if isinstance(features, pd.DataFrame):
        numeric = features.select_dtypes("number").columns  # other types are refused below
        validation.frame(features, "features", dict.fromkeys(numeric, "number"))
    validation.seed(random_state, "random_state")
    validation.integer(n_init, "n_init", low=1)
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    features = _require_features(features)
    ks = list(ks)
    if not ks:
        raise ValueError("ks is empty: give candidate numbers of clusters, e.g. range(2, 9)")
    n = len(features)
    _check_ks(ks, n)
    x = _scaled(features, log)
    rows = []
    for k in ks:  # a loop over candidate k, not over customers
        with _one_thread():
            model = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit(x)
            sil = silhouette_score(
                x,
                model.labels_,
                sample_size=min(sample_size, n) if n > sample_size else None,
                random_state=random_state,
            )
        rows.append({"k": int(k), "inertia": float(model.inertia_), "silhouette": float(sil)})
    return pd.DataFrame(rows).set_index("k")


def cluster_stability(
    features: pd.DataFrame,
    ks: Sequence[int] = (3, 4, 5),
    *,
    n_boot: int = 10,
    random_state: int = 0,
    log: bool = True,
    n_init: int = 3,
) -> pd.DataFrame:
    """How stable k-means clusters are under resampling of the customers (bootstrap).

    For each k the clusters of all customers are the reference. Each of ``n_boot`` bootstrap
    samples (customers drawn with replacement) is clustered again from its own seeded starts;
    its centroids then label *every* customer (nearest centroid) and the adjusted Rand index
    (ARI; Hubert & Arabie 1985) compares those labels with the reference. An ARI near 1 means
    the same groups come back whichever customers we happened to observe; a segmentation that
    changes with the sample is not a basis for a CRM plan (Hennig 2007).

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric features, one row per customer.
    ks : sequence of int
        Numbers of clusters to test, each between 2 and the number of customers − 1.
    n_boot : int, default 10
        Bootstrap refits per k.
    random_state : int, default 0
        Seed of the samples and of the k-means starts.
    log, n_init : see :func:`cluster_customers` (``n_init`` defaults to 3 here: many refits).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``k``: ``ari_mean``, ``ari_min``, ``ari_max`` over the bootstrap refits.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1, 2, 3, 100, 110, 120] * 5, "y": [1, 2, 1, 50, 60, 55] * 5})
    >>> cluster_stability(f, [2], n_boot=3)["ari_min"].tolist()
    [1.0]
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    features = _require_features(features)
    ks = list(ks)
    n = len(features)
    if not ks:
        raise ValueError("ks is empty: give numbers of clusters to test, e.g. [3, 4, 5]")
    _check_ks(ks, n)
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be a whole number ≥ 1, got {n_boot!r}")
    x = _scaled(features, log)
    rng = np.random.default_rng(random_state)
    draws = rng.integers(0, n, size=(int(n_boot), n))  # the same samples for every k
    rows = []
    with _one_thread():
        for k in ks:  # a handful of k × n_boot refits, never a loop over customers
            reference = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit(x)
            scores = []
            for b, idx in enumerate(draws):
                refit = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state + b + 1)
                scores.append(adjusted_rand_score(reference.labels_, refit.fit(x[idx]).predict(x)))
            rows.append(
                {"k": int(k), "ari_mean": float(np.mean(scores)), "ari_min": float(np.min(scores)),
                 "ari_max": float(np.max(scores))}
            )  # fmt: skip
    return pd.DataFrame(rows).set_index("k")


def profile(
    features: pd.DataFrame,
    labels: pd.Series,
    *,
    value_col: str | None = "monetary",
) -> pd.DataFrame:
    """What each segment looks like: size, share of customers and of value, means and medians.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric features per customer (index = customer id).
    labels : pandas.Series
        Segment of each customer, same customer ids as ``features``.
    value_col : str or None, default "monetary"
        Column whose total defines each segment's share of value (revenue); ``None`` to skip.

    Returns
    -------
    pandas.DataFrame
        One row per segment (in the categorical order of ``labels`` if it has one, else sorted),
        columns ``customers``, ``customer_share``, ``value_share`` (when ``value_col``), then
        ``<feature>_mean`` and ``<feature>_median`` for every feature.

    Examples
    --------
    >>> f = pd.DataFrame({"monetary": [10.0, 30.0, 60.0]}, index=[1, 2, 3])
    >>> profile(f, pd.Series(["a", "a", "b"], index=[1, 2, 3]))["value_share"].tolist()
    [0.4, 0.6]
    """
    if isinstance(features, pd.DataFrame):
        numeric = features.select_dtypes("number").columns
        validation.frame(features, "features", dict.fromkeys(numeric, "number"))
    features = _require_features(features)
    labels = _require_series(labels, "labels")
    if labels.isna().any():
        raise ValueError(f"labels has {int(labels.isna().sum())} customers without a segment")
    if (
        _label_kind(labels.index) != _label_kind(features.index)
        or not labels.index.isin(features.index).all()
        or len(labels) != len(features)
    ):
        raise ValueError("labels must be indexed by exactly the customer ids of features")
    if value_col is not None and value_col not in features.columns:
        raise ValueError(
            f"value_col {value_col!r} is not a column of features (columns: {list(features.columns)}); pass value_col=None to skip"
        )
    labels = labels.reindex(features.index)
    grouped = features.groupby(labels, observed=True, sort=True)
    out = pd.DataFrame({"customers": grouped.size()})
    out["customer_share"] = out["customers"] / len(features)
    if value_col is not None:
        total = features[value_col].sum()
        out["value_share"] = grouped[value_col].sum() / total if total else np.nan
    means = grouped.mean().add_suffix("_mean")
    medians = grouped.median().add_suffix("_median")
    stats = pd.concat([means, medians], axis=1)
    stats = stats[[f"{c}_{s}" for c in features.columns for s in ("mean", "median")]]
    out = out.join(stats)
    out.index.name = labels.name if labels.name is not None else "segment"
    return out


# --------------------------------------------------------------------------------------------
# core customers (핵심고객관리)


def pareto_curve(values: pd.Series) -> pd.DataFrame:
    """Cumulative share of value against cumulative share of customers, best customers first.

    This is the Pareto (or concentration) curve; the classic "80/20" reading is the value share
    at a customer share of 0.2. The first row is the origin (0, 0).

    Parameters
    ----------
    values : pandas.Series
        One non-negative value per customer.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_share`` and ``value_share`` (both from 0 to 1), ``len(values) + 1`` rows.

    Examples
    --------
    >>> pareto_curve(pd.Series([1.0, 3.0])).round(2).values.tolist()
    [[0.0, 0.0], [0.5, 0.75], [1.0, 1.0]]
    """
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values):
        validation.series(values, "values", "number")  # inf refused (types are checked below)
    values = _require_numeric_series(values, "values")
    if (values < 0).any():
        raise ValueError("values must not be negative for a Pareto curve")
    total = values.sum()
    if total <= 0:
        raise ValueError("values sum to zero: there is no value to concentrate")
    v = np.sort(values.to_numpy(dtype=float))[::-1]
    n = len(v)
    return pd.DataFrame(
        {
            "customer_share": np.arange(n + 1) / n,
            "value_share": np.concatenate([[0.0], np.cumsum(v) / total]),
        }
    )


def core_customers(values: pd.Series, share: float = 0.5) -> pd.Series:
    """The smallest set of customers whose value adds up to at least ``share`` of the total.

    An objective rule for core customers (핵심고객): rank customers by value, highest first (ties
    by order of appearance), and take them until their cumulative value reaches ``share``.

    Parameters
    ----------
    values : pandas.Series
        One non-negative value per customer (spend, margin, CLV), indexed by customer id.
    share : float, default 0.5
        Share of total value the core must account for, between 0 and 1.

    Returns
    -------
    pandas.Series
        Boolean, same index as ``values``, named ``"core"``: True for core customers.

    Examples
    --------
    >>> v = pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0})
    >>> core_customers(v, share=0.8).tolist()
    [True, True, False, False]
    """
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values):
        validation.series(values, "values", "number")  # inf refused (types are checked below)
    validation.number(share, "share", low=0, high=1, low_open=True)
    values = _require_numeric_series(values, "values")
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise ValueError(f"share must be a number in (0, 1], got {share!r}")
    if (values < 0).any():
        raise ValueError("values must not be negative to pick core customers")
    total = values.sum()
    if total <= 0:
        raise ValueError("values sum to zero: there is no value to pick core customers by")
    rank = values.rank(method="first", ascending=False)
    ordered = values.to_numpy(dtype=float)[np.argsort(rank.to_numpy())]
    cumulative = np.cumsum(ordered) / total
    n_core = int(np.searchsorted(cumulative, share - 1e-12, side="left")) + 1
    return (rank <= n_core).rename("core")


# --------------------------------------------------------------------------------------------
# migration between periods (그룹간 이동 패턴)


def period_values(
    transactions: pd.DataFrame,
    start: Any,
    end: Any,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
) -> pd.Series:
    """Total spend per customer who bought in the period ``start ≤ date < end``.

    Customers without a purchase in the period are absent, which is what
    :func:`migration_matrix` reads as "new" or "lost".

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (or order line) with customer, date and amount columns.
    start, end : date-like
        The period, start included, end excluded (e.g. "1997-07-01", "1998-01-01").

    Returns
    -------
    pandas.Series
        Spend per active customer, indexed by customer id (sorted), named ``amount_col``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "order_date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-07-01"]),
    ...                    "amount": [10.0, 5.0, 7.0]})
    >>> period_values(tx, "2024-01-01", "2024-07-01").to_dict()
    {1: 15.0}
    """
    if isinstance(transactions, pd.DataFrame):
        transactions = validation.frame(
            transactions,
            "transactions",
            {customer_col: "id?", amount_col: "amount"},
            only_present=True,
        )
        if date_col in transactions.columns and pd.api.types.is_datetime64_any_dtype(
            transactions[date_col]
        ):  # tz-aware dates made naive local time (text dates are refused below)
            transactions = validation.frame(transactions, "transactions", {date_col: "date"})
    start = validation.timestamp(start, "start")
    end = validation.timestamp(end, "end")
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(
            f"transactions must be a pandas DataFrame, got {type(transactions).__name__}"
        )
    missing = [c for c in (customer_col, date_col, amount_col) if c not in transactions.columns]
    if missing:
        raise ValueError(
            f"transactions has no column(s) {missing}; pass customer_col=, date_col= or amount_col= "
            f"(columns: {list(transactions.columns)[:10]})"
        )
    if not pd.api.types.is_datetime64_any_dtype(transactions[date_col]):
        raise TypeError(
            f"column {date_col!r} must hold dates (datetime64), got {transactions[date_col].dtype}"
        )
    if not pd.api.types.is_numeric_dtype(transactions[amount_col]):
        raise TypeError(
            f"column {amount_col!r} must hold numbers, got {transactions[amount_col].dtype}"
        )
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if not start < end:
        raise ValueError(f"start ({start.date()}) must be before end ({end.date()})")
    dates = transactions[date_col]
    inside = transactions.loc[(dates >= start) & (dates < end)]
    return inside.groupby(customer_col)[amount_col].sum().sort_index().rename(amount_col)


def migration_matrix(
    before: pd.Series, after: pd.Series, order: Sequence | None = None
) -> pd.DataFrame:
    """Customers moving between segments from one period to the next.

    Rows are the segment in the earlier period plus a ``"new"`` row (customers absent before);
    columns are the segment in the later period plus a ``"lost"`` column (customers absent after).
    The ``("new", "lost")`` cell is always 0.

    Parameters
    ----------
    before, after : pandas.Series
        Segment label per customer in the earlier and in the later period, indexed by customer id
        (the same kind of id in both). A customer appears only in the periods where it was active.
    order : sequence, optional
        Segment order for rows and columns (lowest to highest value). Defaults to the categorical
        order of the inputs, else the sorted labels.

    Returns
    -------
    pandas.DataFrame
        Integer counts; index named ``"before"``, columns named ``"after"``.

    Examples
    --------
    >>> before = pd.Series({1: "low", 2: "high", 3: "low"})
    >>> after = pd.Series({1: "high", 2: "high", 4: "low"})
    >>> migration_matrix(before, after, order=["low", "high"])  # doctest: +NORMALIZE_WHITESPACE
    after   low  high  lost
    before
    low       0     1     1
    high      0     1     0
    new       1     0     0
    """
    original = (before, after)
    before, after = _check_pair(before, after)
    order = _order_from(before, after, order, original)
    pair = pd.concat([before.rename("before"), after.rename("after")], axis=1, join="outer")
    pair = pair.fillna({"before": NEW, "after": LOST})
    counts = pd.crosstab(pair["before"], pair["after"])
    matrix = counts.reindex(index=order + [NEW], columns=order + [LOST], fill_value=0).astype(
        "int64"
    )
    matrix.index.name, matrix.columns.name = "before", "after"
    return matrix


def migration_rates(before: pd.Series, after: pd.Series, order: Sequence) -> pd.DataFrame:
    """The CRM performance indicators of segment migration, overall and per segment of origin.

    With ``order`` listing the segments from lowest to highest value, and *N* the customers of the
    earlier period (of one segment, or all):

    * ``acquisition`` (획득률) = new customers ÷ *N* (per segment: new customers who entered that
      segment ÷ that segment's earlier customers);
    * ``same_tier`` (the course's 유지율 in the sense of 등급 유지) = stayed in the same segment ÷ *N*;
    * ``upgrade`` (상승률) = moved to a higher segment ÷ *N*;
    * ``downgrade`` (하락률) = moved to a lower segment ÷ *N*;
    * ``churn`` (이탈률) = absent in the later period ÷ *N*;
    * ``customer_retention`` = still a customer in the later period, in any segment = 1 − churn.
      This is what notebook 01 and the glossary call the retention rate; do not confuse it with
      ``same_tier``.

    Same tier, upgrade, downgrade and churn split the earlier customers, so they sum to 1.
    Acquisition is a growth rate on the same base and can exceed 1.

    Parameters
    ----------
    before, after : pandas.Series
        Segment per customer in the earlier and later period (see :func:`migration_matrix`).
    order : sequence
        Every segment label, from lowest to highest value.

    Returns
    -------
    pandas.DataFrame
        One row per segment of origin (in ``order``) and a final row ``"all"``; columns
        ``customers`` (earlier-period customers), ``acquisition``, ``same_tier``, ``upgrade``,
        ``downgrade``, ``churn``, ``customer_retention``. Rates of a segment without earlier
        customers are NaN.

    Examples
    --------
    >>> before = pd.Series({1: "low", 2: "high", 3: "low", 5: "high"})
    >>> after = pd.Series({1: "high", 2: "high", 4: "low", 5: "low"})
    >>> rates = migration_rates(before, after, order=["low", "high"])
    >>> rates[["customers", "same_tier", "upgrade", "downgrade", "churn"]]  # doctest: +NORMALIZE_WHITESPACE
             customers  same_tier  upgrade  downgrade  churn
    segment
    low              2       0.00     0.50       0.00   0.50
    high             2       0.50     0.00       0.50   0.00
    all              4       0.25     0.25     0.25   0.25
    >>> rates[["acquisition", "customer_retention"]].loc["all"].tolist()
    [0.25, 0.75]
    """
    if order is None:
        raise ValueError("order is required: list the segments from lowest to highest value")
    matrix = migration_matrix(before, after, order)
    order = list(order)
    n = len(order)
    inner = matrix.loc[order, order].to_numpy()
    rank = np.arange(n)
    higher = rank[None, :] > rank[:, None]  # rows = before, columns = after
    lower = rank[None, :] < rank[:, None]
    per = pd.DataFrame(
        {
            "customers": inner.sum(axis=1) + matrix.loc[order, LOST].to_numpy(),
            "new": matrix.loc[NEW, order].to_numpy(),
            "same_tier": np.diag(inner),
            "upgrade": (inner * higher).sum(axis=1),
            "downgrade": (inner * lower).sum(axis=1),
            "churn": matrix.loc[order, LOST].to_numpy(),
        },
        index=pd.Index(order, name="segment"),
    )
    per.loc["all"] = per.sum()
    base = per["customers"].astype(float).replace(0, np.nan)
    out = per[["customers"]].astype("int64")
    out["acquisition"] = per["new"] / base
    for col in ("same_tier", "upgrade", "downgrade", "churn"):
        out[col] = per[col] / base
    out["customer_retention"] = 1 - out["churn"]
    return out


# --------------------------------------------------------------------------------------------
# the strategy map of Kim (2017)

STRATEGY_GROUPS: dict[str, str] = {
    "base": "CRM 기반 전략 (base CRM strategies)",
    "acquisition": "관계획득 전략 (acquisition)",
    "retention": "관계유지 전략 (retention)",
    "enhancement": "관계강화 전략 (enhancement)",
}
"""The four groups of CRM strategies in Kim (2017), keyed as in :func:`strategy_map`."""

DEPENDENCE_LEVELS: list[str] = ["strong", "medium", "weak"]
"""How strongly a strategy depends on segmentation (강한 / 중간 / 약한 수준의 상관관계)."""

_STRATEGIES: list[tuple[str, str, str, str, str]] = [
    # group, Korean, English, dependence, rationale (our words, after Kim 2017)
    ("base", "핵심고객관리", "Core customer management", "strong",
     "Segments give the objective criterion for singling out core customers."),
    ("base", "캠페인 관리", "Campaign management", "strong",
     "Moving from product-led promotions to customer-led campaigns starts from segments."),
    ("base", "고객기반 상품 개발", "Customer-based product development", "medium",
     "Products and services can be positioned per segment; segment needs prompt new products."),
    ("base", "VOC관리", "Voice-of-the-customer (VOC) management", "medium",
     "Knowing an inbound caller's segment and profile in advance lets the response differ by segment."),
    ("base", "CRM 성과 평가 체계", "CRM performance evaluation", "medium",
     "Acquisition, retention, upgrade, downgrade and churn rates per segment are the yardstick."),
    ("base", "고객만족도 조사", "Customer satisfaction survey", "weak",
     "Satisfaction and loyalty can be measured and managed per customer group."),
    ("base", "고객 정보 수집 및 관리", "Customer data collection and management", "weak",
     "What data can be collected and used grows step by step with the relationship level."),
    ("acquisition", "1차 구매 유도", "Inducing the first purchase", "medium",
     "Profiles of the best segments point to prospects likely to start buying."),
    ("acquisition", "이탈 고객 재획득", "Win-back of lapsed customers", "medium",
     "A lapsed customer's former segment selects who deserves an active win-back effort."),
    ("acquisition", "잠재고객 획득", "Prospect acquisition", "weak",
     "Best-segment profiles describe which prospects matter; new prospects have little data to segment."),
    ("retention", "로열티 프로그램", "Loyalty programme", "strong",
     "Membership tiers of a loyalty programme are the same as, or close to, the segments."),
    ("retention", "이탈 예측 및 방지", "Churn prediction and prevention", "strong",
     "Churn models and prevention are built and run segment by segment."),
    ("retention", "커뮤니케이션 개인화", "Personalised communication", "strong",
     "Customer value per segment makes personalised messages possible."),
    ("retention", "2차 구매 유도", "Inducing the second purchase", "medium",
     "Segments along the relationship path pick which new customers to nudge, and when."),
    ("enhancement", "등급전환전략", "Grade transition (tier upgrade)", "strong",
     "Targets a segment and pushes it to the neighbouring higher one: impossible without segments."),
    ("enhancement", "교차/상승판매", "Cross-/up-selling", "medium",
     "Recommendation rules from per-segment basket analysis, offered to targeted customers, respond better."),
    ("enhancement", "고객추천 관리", "Referral management", "medium",
     "Referrals by stable, valuable customers bring valuable customers; referral activity differs by tier."),
    ("enhancement", "고객참여정책", "Customer engagement policy", "weak",
     "Engagement policies should differ with segment characteristics."),
]  # fmt: skip


def strategy_map() -> pd.DataFrame:
    """Every CRM strategy in Kim (2017) with how strongly it depends on segmentation.

    Kim (2017) sorts the CRM strategies into four groups (base CRM, relationship acquisition,
    retention and enhancement) and, within each, by the strength of their link with customer
    segmentation (strong / medium / weak). Retention strategies depend on it the most;
    acquisition strategies the least, since new customers have too little data to be segmented.

    Returns
    -------
    pandas.DataFrame
        18 rows, columns ``group`` (ordered categorical: base, acquisition, retention,
        enhancement; Korean names in :data:`STRATEGY_GROUPS`), ``strategy_ko``, ``strategy_en``,
        ``dependence`` (ordered categorical: strong > medium > weak) and ``rationale``.

    Examples
    --------
    >>> m = strategy_map()
    >>> m.loc[m["dependence"] == "strong", "strategy_en"].tolist()[:2]
    ['Core customer management', 'Campaign management']
    """
    table = pd.DataFrame(
        _STRATEGIES, columns=["group", "strategy_ko", "strategy_en", "dependence", "rationale"]
    )
    table["group"] = pd.Categorical(table["group"], categories=list(STRATEGY_GROUPS), ordered=True)
    table["dependence"] = pd.Categorical(
        table["dependence"], categories=DEPENDENCE_LEVELS[::-1], ordered=True
    )
    return table
