"""Personalization and customization: Gilmore & Pine's four faces, Kahn's variety, clickstream profiles.

The module turns the frameworks of 제2절 개인화 마케팅 into functions that run on data:

* :func:`classify_customization` and :func:`place_offering`: Gilmore & Pine (1997), "The Four Faces
  of Mass Customization": the 2×2 of *does the product change?* × *does its representation change?*
  gives collaborative (협동형), adaptive (적응형), cosmetic (장식형) and transparent (관찰형)
  customization.
* :func:`profile_matrix`, :func:`mix_diversity`, :func:`assortment_coverage`: Kahn's (1998)
  high-variety strategy (고도의 다양화 전략) made measurable: how varied customers' mixes are, and how
  much of their demand an assortment of a given breadth covers.
* :func:`choose_approach`: how much customers differ in *what* they want versus *how* they want it
  presented (each measured with :func:`helpers.idic.needs_differentiation`), placed in the 2×2.
* :func:`resolve_identities`: cookies (쿠키) that ever carry a customer id belong to that customer.
* :func:`item_similarity`, :func:`recommend`, :func:`popularity_recommend`, :func:`hit_rate_at_k`:
  a small transparent personalization (item-item cosine similarity) and its evaluation against a
  popularity baseline.

Examples
--------
>>> classify_customization(product_changes=True, representation_changes=False)
'transparent'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity

from helpers import validation
from helpers.language import choose
from helpers.validation import require_columns as _require_columns

__all__ = [
    "APPROACHES",
    "APPROACH_KO",
    "Offering",
    "classify_customization",
    "place_offering",
    "place_offerings",
    "profile_matrix",
    "mix_diversity",
    "assortment_coverage",
    "choose_approach",
    "resolve_identities",
    "attribute_sessions",
    "item_similarity",
    "recommend",
    "popularity_recommend",
    "hit_rate_at_k",
    "customization_cases",
    "purchase_lines",
    "evaluate_recommenders",
    "gilmore_pine_examples",
    "homogeneous_taste_null",
    "mix_drift",
    "PRODUCT_METHODS",
    "product_scores",
    "evaluate_product_recommenders",
]

# (product changes?, representation changes?) -> approach, Gilmore & Pine (1997)
_MATRIX: dict[tuple[bool, bool], str] = {
    (True, True): "collaborative",
    (False, False): "adaptive",
    (False, True): "cosmetic",
    (True, False): "transparent",
}
APPROACHES: tuple[str, ...] = ("collaborative", "adaptive", "cosmetic", "transparent")
"""The four faces of mass customization, in Gilmore & Pine's order."""

APPROACH_KO: dict[str, str] = {
    "collaborative": "협동형",
    "adaptive": "적응형",
    "cosmetic": "장식형",
    "transparent": "관찰형",
}
"""The course's Korean name of each approach."""

APPROACH_AXES: dict[str, tuple[bool, bool]] = {v: k for k, v in _MATRIX.items()}
"""Approach -> (product changes, representation changes); the inverse of the 2×2."""

_YES = {"yes", "y", "true", "t", "1", "예", "네"}
_NO = {"no", "n", "false", "f", "0", "아니오", "아니요"}


def _as_flag(value: Any, name: str) -> bool:
    """A yes/no answer as a bool: accepts bools, 0/1 and 'yes'/'no' words; anything else is an error."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise ValueError(
        choose(
            en=f"{name} must be a yes/no answer (True/False, 1/0 or 'yes'/'no'), got {value!r}",
            ko=f"{name}은(는) 예/아니요 답이어야 합니다(True/False, 1/0, 'yes'/'no' 또는 "
            f"'예'/'아니요'). 받은 값: {value!r}",
        )
    )


def classify_customization(product_changes: bool, representation_changes: bool) -> str:
    """Gilmore & Pine's (1997) approach for an offering, from the two questions of their 2×2.

    Parameters
    ----------
    product_changes : bool
        Does the product itself (its function, fit, content, what the customer receives) differ
        from one customer to the next?
    representation_changes : bool
        Does its representation (packaging, label, name, how it is presented or promoted, and
        whether the customer is shown that it was made for them) differ from one customer to the next?

    Returns
    -------
    str
        ``"collaborative"`` (both change, 협동형), ``"adaptive"`` (neither: one standard product the
        customer adjusts, 적응형), ``"cosmetic"`` (only the representation, 장식형) or
        ``"transparent"`` (only the product, quietly, 관찰형).

    Examples
    --------
    >>> classify_customization(True, True)
    'collaborative'
    >>> classify_customization(False, True)
    'cosmetic'
    """
    for name, value in (
        ("product_changes", product_changes),
        ("representation_changes", representation_changes),
    ):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return _MATRIX[(bool(product_changes), bool(representation_changes))]


@dataclass(frozen=True)
class Offering:
    """A described offering: its name and the yes/no answers to Gilmore & Pine's two questions.

    Examples
    --------
    >>> Offering("Share a Coke name bottle", product_changes=False, representation_changes=True).approach
    'cosmetic'
    """

    name: str
    product_changes: bool
    representation_changes: bool
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("name must be a non-empty string")
        object.__setattr__(
            self, "product_changes", _as_flag(self.product_changes, "product_changes")
        )
        object.__setattr__(
            self,
            "representation_changes",
            _as_flag(self.representation_changes, "representation_changes"),
        )

    @property
    def approach(self) -> str:
        """The approach this offering takes (see :func:`classify_customization`)."""
        return classify_customization(self.product_changes, self.representation_changes)

    def __str__(self) -> str:
        return f"{self.name}: {self.approach} ({APPROACH_KO[self.approach]})"


_OFFERING_KEYS = {"name", "product_changes", "representation_changes", "note"}


def place_offering(offering: Offering | Mapping[str, Any]) -> str:
    """Place a described offering in Gilmore & Pine's matrix.

    Parameters
    ----------
    offering : Offering or mapping
        An :class:`Offering`, or a dict with the yes/no answers ``product_changes`` and
        ``representation_changes`` (bools, 1/0 or "yes"/"no"; ``name`` and ``note`` optional).

    Returns
    -------
    str
        One of :data:`APPROACHES`.

    Raises
    ------
    ValueError
        An answer is missing, is not yes/no, or the mapping has a key the matrix does not know.

    Examples
    --------
    >>> place_offering({"name": "Lutron lighting scenes", "product_changes": "no",
    ...                 "representation_changes": "no"})
    'adaptive'
    """
    if isinstance(offering, Offering):
        return offering.approach
    if not isinstance(offering, Mapping):
        raise TypeError(
            f"offering must be an Offering or a dict of yes/no answers, got {type(offering).__name__}"
        )
    unknown = set(offering) - _OFFERING_KEYS
    if unknown:
        raise ValueError(
            f"offering has unknown key(s) {sorted(unknown)}; the matrix asks only "
            "'product_changes' and 'representation_changes' (plus optional 'name', 'note')"
        )
    missing = [k for k in ("product_changes", "representation_changes") if k not in offering]
    if missing:
        raise ValueError(f"offering is missing the answer(s) {missing}")
    return classify_customization(
        _as_flag(offering["product_changes"], "product_changes"),
        _as_flag(offering["representation_changes"], "representation_changes"),
    )


def place_offerings(
    offerings: pd.DataFrame,
    *,
    product_col: str = "product_changes",
    representation_col: str = "representation_changes",
) -> pd.DataFrame:
    """Place every row of a table of offerings in the matrix; adds ``approach`` and ``approach_ko``.

    Examples
    --------
    >>> cases = pd.DataFrame({"product_changes": [True, False], "representation_changes": [False, False]},
    ...                      index=["ChemStation", "Lutron"])
    >>> place_offerings(cases)["approach"].tolist()
    ['transparent', 'adaptive']
    """
    _require_columns(offerings, [product_col, representation_col], "offerings")
    flags = {}
    for col in (product_col, representation_col):
        values = offerings[col]
        words = values.astype(str).str.strip().str.lower()
        flags[col] = words.map(lambda w: True if w in _YES else (False if w in _NO else None))
        bad = flags[col].isna()
        if bad.any():
            raise ValueError(
                f"column {col!r} must hold yes/no answers; rows {list(values.index[bad][:5])} "
                f"hold {list(values[bad][:5])}"
            )
    keys = pd.Series(
        list(zip(flags[product_col], flags[representation_col], strict=True)), index=offerings.index
    )
    approach = keys.map(_MATRIX)
    return offerings.assign(approach=approach, approach_ko=approach.map(APPROACH_KO))


# ---------------------------------------------------------------------------------------------
# Profiles and Kahn's high-variety strategy


def profile_matrix(
    events: pd.DataFrame,
    *,
    entity_col: str = "cookie_id",
    item_col: str = "viewed_category",
    weight_col: str | None = None,
    normalize: bool = True,
) -> pd.DataFrame:
    """Entity × item matrix of counts (or weights), as shares of each entity's total by default.

    One row per entity (a cookie, a customer), one column per item (a category, a product), built
    with a single vectorised pivot. With ``normalize=True`` each row sums to 1: the entity's
    *interest profile* (관심분야), e.g. the share of a cookie's page views in each category.

    Parameters
    ----------
    events : pandas.DataFrame
        One row per event (a session, an order line).
    entity_col, item_col : str
        Who and what. Rows with a missing entity or item are left out.
    weight_col : str, optional
        Numeric weight per event (e.g. pages viewed, quantity); counts when omitted.
    normalize : bool, default True
        Return shares per row instead of totals.

    Examples
    --------
    >>> ev = pd.DataFrame({"cookie_id": ["a", "a", "b"], "viewed_category": ["toys", "books", "toys"]})
    >>> profile_matrix(ev).loc["a", "toys"]
    np.float64(0.5)
    """
    if isinstance(events, pd.DataFrame):
        validation.frame(
            events,
            "events",
            {entity_col: "id", item_col: "label", weight_col: "nonneg"},
            only_present=True,
        )
    cols = [entity_col, item_col] + ([weight_col] if weight_col else [])
    _require_columns(events, cols, "events")
    data = events[cols].dropna(subset=[entity_col, item_col])
    if data.empty:
        raise ValueError(f"events has no rows with both {entity_col!r} and {item_col!r}")
    if weight_col:
        if not pd.api.types.is_numeric_dtype(data[weight_col]):
            raise TypeError(f"column {weight_col!r} must be numeric, got {data[weight_col].dtype}")
        if (data[weight_col] < 0).any():
            raise ValueError(f"column {weight_col!r} has negative weights")
        table = data.pivot_table(
            index=entity_col,
            columns=item_col,
            values=weight_col,
            aggfunc="sum",
            fill_value=0,
            observed=True,
        )
    else:
        # groupby-size-unstack gives the same table as pd.crosstab, many times faster
        table = data.groupby([entity_col, item_col], observed=True).size().unstack(fill_value=0)
    table = table.astype(float).sort_index().sort_index(axis=1)
    table.columns.name = item_col
    if normalize:
        totals = table.sum(axis=1)
        table = table[totals > 0].div(totals[totals > 0], axis=0)
    return table


def mix_diversity(shares: pd.DataFrame) -> pd.DataFrame:
    """How varied each row's mix is: distinct items, effective number of items, top item share.

    The *effective number* is the inverse Simpson index 1/Σp²: 1 for someone who buys from one
    category only, k for someone who spreads evenly over k categories.

    Parameters
    ----------
    shares : pandas.DataFrame
        Rows that sum to 1 (e.g. from :func:`profile_matrix`).

    Examples
    --------
    >>> s = pd.DataFrame({"x": [1.0, 0.5], "y": [0.0, 0.5]}, index=["one", "two"])
    >>> mix_diversity(s)["effective_items"].tolist()
    [1.0, 2.0]
    """
    if not isinstance(shares, pd.DataFrame) or shares.empty:
        raise ValueError("shares must be a non-empty DataFrame of row shares")
    values = shares.to_numpy(dtype=float)
    if (values < 0).any() or not np.allclose(values.sum(axis=1), 1.0):
        raise ValueError(
            "every row of shares must be non-negative and sum to 1 (use profile_matrix)"
        )
    return pd.DataFrame(
        {
            "distinct_items": (values > 0).sum(axis=1),
            "effective_items": 1.0 / (values**2).sum(axis=1),
            "top_share": values.max(axis=1),
            "top_item": shares.columns[values.argmax(axis=1)],
        },
        index=shares.index,
    )


def assortment_coverage(
    events: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    item_col: str = "product_id",
    weight_col: str | None = None,
    breadths: Sequence[int] | None = None,
    need_share: float = 0.8,
) -> pd.DataFrame:
    """How much of customers' demand an assortment of the n most popular items covers.

    Kahn (1998): when needs grow individual, a narrow assortment leaves customers unserved. For each
    breadth n, keep only the n most popular items (by total weight) and report the share of all
    demand they cover and the share of customers for whom they cover at least ``need_share`` of
    their own demand.

    Parameters
    ----------
    events : pandas.DataFrame
        One row per purchase (or order line).
    customer_col, item_col, weight_col : str
        Who, what, and an optional numeric weight (quantity, amount); counts when omitted.
    breadths : sequence of int, optional
        Assortment sizes to evaluate; default every size from 1 to the number of items.
    need_share : float, default 0.8
        A customer counts as served when the assortment covers at least this share of their demand.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``breadth``: ``breadth_share`` (of all items), ``demand_covered``,
        ``customers_served``.

    Examples
    --------
    >>> ev = pd.DataFrame({"customer_id": [1, 1, 2, 3], "product_id": ["a", "a", "b", "a"]})
    >>> assortment_coverage(ev, need_share=1.0)["customers_served"].round(3).tolist()
    [0.667, 1.0]
    """
    if isinstance(events, pd.DataFrame):
        validation.frame(
            events,
            "events",
            {customer_col: "id", item_col: "id", weight_col: "nonneg"},
            only_present=True,
        )
    validation.number(need_share, "need_share", low=0, high=1, low_open=True)
    if not 0 < need_share <= 1:
        raise ValueError(f"need_share must be in (0, 1], got {need_share}")
    counts = profile_matrix(
        events, entity_col=customer_col, item_col=item_col, weight_col=weight_col, normalize=False
    )
    popularity = counts.sum(axis=0).sort_values(ascending=False, kind="stable")
    n_items = len(popularity)
    if breadths is None:
        breadths = range(1, n_items + 1)
    breadths = np.asarray(list(breadths), dtype=int)
    if breadths.size == 0 or breadths.min() < 1 or breadths.max() > n_items:
        raise ValueError(f"breadths must lie between 1 and the number of items ({n_items})")
    ordered = counts[popularity.index].to_numpy()
    cum = np.cumsum(ordered, axis=1)  # demand covered by the top-n items, per customer
    totals = cum[:, -1]
    covered = cum[:, breadths - 1]  # customers × breadths
    served = (covered >= need_share * totals[:, None] - 1e-12).mean(axis=0)
    return pd.DataFrame(
        {
            "breadth_share": breadths / n_items,
            "demand_covered": covered.sum(axis=0) / totals.sum(),
            "customers_served": served,
        },
        index=pd.Index(breadths, name="breadth"),
    )


# ---------------------------------------------------------------------------------------------
# What vs how: choosing an approach from data


def choose_approach(what: float, how: float, *, threshold: float = 0.1) -> str:
    """The Gilmore & Pine approach that customer heterogeneity points to.

    Customers who differ in *what* they want call for a product that changes; customers who differ
    in *how* they want it presented call for a representation that changes. Each index (0–1, e.g.
    the ``needs_index`` of :func:`helpers.idic.needs_differentiation` on customer × category and on
    customer × device counts) above ``threshold`` counts as "customers differ".

    Examples
    --------
    >>> choose_approach(0.35, 0.02)
    'transparent'
    """
    for name, value in (("what", what), ("how", how), ("threshold", threshold)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must lie between 0 and 1, got {value}")
    return classify_customization(bool(what > threshold), bool(how > threshold))


# ---------------------------------------------------------------------------------------------
# Cookies and identity resolution


def resolve_identities(
    sessions: pd.DataFrame, *, cookie_col: str = "cookie_id", customer_col: str = "customer_id"
) -> pd.DataFrame:
    """Link each cookie to the customer it ever carried (identity resolution).

    A cookie (쿠키) is the crumb a browser leaves on every visit; once a visitor logs in or buys,
    that session carries a customer id, and every other session of the same cookie, before or after,
    can be attributed to the same person. A cookie seen with two or more customer ids (a shared
    computer) is linked to the id it carried most often (ties: the smallest id) and flagged.

    Returns
    -------
    pandas.DataFrame
        One row per cookie: ``customer_id`` (resolved, missing when the cookie never logged in),
        ``sessions``, ``known_sessions`` (sessions that carried an id) and ``conflict``.

    Examples
    --------
    >>> s = pd.DataFrame({"cookie_id": ["c1", "c1", "c2"], "customer_id": [None, 7, None]})
    >>> resolve_identities(s)["customer_id"].tolist()
    [7.0, nan]
    """
    if isinstance(sessions, pd.DataFrame):  # a missing customer id is an anonymous session
        validation.frame(
            sessions, "sessions", {cookie_col: "id", customer_col: "id?"}, only_present=True
        )
    _require_columns(sessions, [cookie_col, customer_col], "sessions")
    if sessions[cookie_col].isna().any():
        raise ValueError(f"column {cookie_col!r} has missing values; every session needs a cookie")
    data = sessions[[cookie_col, customer_col]]
    base = data.groupby(cookie_col).agg(
        sessions=(cookie_col, "size"),
        known_sessions=(customer_col, "count"),
        n_ids=(customer_col, "nunique"),
    )
    known = data.dropna(subset=[customer_col])
    linked = (
        known.groupby([cookie_col, customer_col])
        .size()
        .rename("n")
        .reset_index()
        .sort_values([cookie_col, "n", customer_col], ascending=[True, False, True], kind="stable")
        .drop_duplicates(cookie_col)
        .set_index(cookie_col)[customer_col]
    )
    return (
        base.assign(customer_id=linked.reindex(base.index), conflict=base["n_ids"] > 1)
        .rename(columns={"customer_id": customer_col})[
            [customer_col, "sessions", "known_sessions", "conflict"]
        ]
        .sort_index()
    )


def attribute_sessions(
    sessions: pd.DataFrame, *, cookie_col: str = "cookie_id", customer_col: str = "customer_id"
) -> pd.DataFrame:
    """Sessions with a ``resolved_customer_id`` column from :func:`resolve_identities`.

    The session's own id wins when it has one; otherwise the cookie's resolved customer.

    Examples
    --------
    >>> s = pd.DataFrame({"cookie_id": ["c1", "c1"], "customer_id": [None, 7]})
    >>> attribute_sessions(s)["resolved_customer_id"].tolist()
    [7.0, 7.0]
    """
    if isinstance(sessions, pd.DataFrame):  # a missing customer id is an anonymous session
        validation.frame(
            sessions, "sessions", {cookie_col: "id", customer_col: "id?"}, only_present=True
        )
    links = resolve_identities(sessions, cookie_col=cookie_col, customer_col=customer_col)[
        customer_col
    ]
    resolved = sessions[customer_col].fillna(sessions[cookie_col].map(links))
    return sessions.assign(resolved_customer_id=resolved)


# ---------------------------------------------------------------------------------------------
# A transparent personalization: item-item recommendations and their evaluation


def item_similarity(profiles: pd.DataFrame) -> pd.DataFrame:
    """Item-item cosine similarity from a user × item matrix (scikit-learn ``cosine_similarity``).

    Two items are similar when the same users are interested in both.

    Examples
    --------
    >>> p = pd.DataFrame({"a": [1, 1, 0], "b": [1, 1, 0], "c": [0, 0, 1]})
    >>> round(float(item_similarity(p).loc["a", "b"]), 6)
    1.0
    """
    if isinstance(profiles, pd.DataFrame):
        validation.frame(profiles, "profiles", dict.fromkeys(profiles.columns, "nonneg"))
    if not isinstance(profiles, pd.DataFrame) or profiles.empty:
        raise ValueError("profiles must be a non-empty user × item DataFrame")
    values = profiles.to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError("profiles must hold non-negative numbers without missing values")
    sim = cosine_similarity(values.T)
    return pd.DataFrame(sim, index=profiles.columns, columns=profiles.columns)


def _top_k(scores: pd.DataFrame, k: int) -> pd.DataFrame:
    """Top-k column labels per row, ties broken by column order (deterministic)."""
    values = scores.to_numpy(dtype=float)
    order = np.argsort(-values, axis=1, kind="stable")[:, :k]
    labels = np.asarray(scores.columns)[order]
    return pd.DataFrame(labels, index=scores.index, columns=[f"rank_{i + 1}" for i in range(k)])


def _check_k(k: int, n_items: int) -> None:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive whole number, got {k!r}")
    if k > n_items:
        raise ValueError(f"k={k} is larger than the number of items ({n_items})")


def recommend(
    profiles: pd.DataFrame,
    similarity: pd.DataFrame | None = None,
    *,
    k: int = 3,
    exclude_seen: bool = False,
    popularity: pd.Series | None = None,
) -> pd.DataFrame:
    """Top-k items per user from their interest profile (optionally spread by item similarity).

    With ``similarity=None`` an item's score is the user's own interest in it (recommend what
    they browse and buy most). With an item × item similarity, the score is profile × similarity:
    an item scores high when it resembles the items the user showed interest in (item-item
    collaborative filtering). Either way this is *transparent* customization in Gilmore & Pine's
    sense: each visitor sees a different selection, presented like any other page.

    Parameters
    ----------
    profiles : pandas.DataFrame
        User × item interest (shares or weights).
    similarity : pandas.DataFrame, optional
        Item × item similarity (from :func:`item_similarity`).
    k : int, default 3
        Items to recommend.
    exclude_seen : bool, default False
        Leave out items the user already has interest in (for "something new" lists).
    popularity : pandas.Series, optional
        Item counts used only to break ties (a user with an empty profile gets the popular items).

    Returns
    -------
    pandas.DataFrame
        One row per user, columns ``rank_1`` … ``rank_k``.

    Examples
    --------
    >>> p = pd.DataFrame({"a": [1.0, 0.0], "b": [1.0, 0.0], "c": [0.0, 1.0]}, index=["u1", "u2"])
    >>> recommend(p.loc[["u1"]].assign(b=0.0), item_similarity(p), k=1, exclude_seen=True).iloc[0, 0]
    'b'
    >>> recommend(p, k=1).loc["u2", "rank_1"]
    'c'
    """
    if isinstance(profiles, pd.DataFrame):
        validation.frame(profiles, "profiles", dict.fromkeys(profiles.columns, "nonneg"))
    if isinstance(similarity, pd.DataFrame):
        validation.frame(similarity, "similarity", dict.fromkeys(similarity.columns, "number"))
    if isinstance(popularity, pd.Series):
        validation.series(popularity, "popularity", "nonneg")
    if not isinstance(profiles, pd.DataFrame):
        raise TypeError(f"profiles must be a DataFrame, got {type(profiles).__name__}")
    if similarity is None:
        items = list(profiles.columns)
        sim = np.eye(len(items))
    else:
        if not isinstance(similarity, pd.DataFrame):
            raise TypeError(f"similarity must be a DataFrame, got {type(similarity).__name__}")
        unknown = [c for c in profiles.columns if c not in similarity.index]
        if unknown:
            raise ValueError(
                f"profiles has items the similarity matrix does not know: {unknown[:5]}"
            )
        items = list(similarity.columns)
        sim = similarity.loc[items, items].to_numpy(dtype=float)
    _check_k(k, len(items))
    p = profiles.reindex(columns=items, fill_value=0.0).to_numpy(dtype=float)
    if np.isnan(p).any():
        raise ValueError("profiles has missing values; fill them with 0 first")
    scores = p @ sim
    if popularity is not None:
        if not isinstance(popularity, pd.Series):
            raise TypeError("popularity must be a Series of item counts")
        pop = popularity.reindex(items, fill_value=0).to_numpy(dtype=float)
        scores = scores + 1e-9 * pop / max(pop.max(), 1.0)
    if exclude_seen:
        scores = np.where(p > 0, -np.inf, scores)
    return _top_k(pd.DataFrame(scores, index=profiles.index, columns=items), k)


def popularity_recommend(popularity: pd.Series, users: Iterable, *, k: int = 3) -> pd.DataFrame:
    """The baseline: the same k most popular items for every user.

    Examples
    --------
    >>> popularity_recommend(pd.Series({"a": 5, "b": 9, "c": 1}), ["u1", "u2"], k=2).iloc[0].tolist()
    ['b', 'a']
    """
    if isinstance(popularity, pd.Series):
        validation.series(popularity, "popularity", "nonneg")
    if not isinstance(popularity, pd.Series) or popularity.empty:
        raise ValueError("popularity must be a non-empty Series of item counts")
    _check_k(k, len(popularity))
    users = pd.Index(list(users))
    top = popularity.sort_values(ascending=False, kind="stable").index[:k]
    return pd.DataFrame(
        np.tile(np.asarray(top), (len(users), 1)),
        index=users,
        columns=[f"rank_{i + 1}" for i in range(k)],
    )


def hit_rate_at_k(
    recommendations: pd.DataFrame,
    holdout: pd.DataFrame,
    *,
    user_col: str = "customer_id",
    item_col: str = "category",
) -> pd.Series:
    """Hit rate and recall of top-k recommendations on held-out purchases.

    * hit rate@k: share of users with at least one held-out item among their k recommendations;
    * recall@k: share of each user's distinct held-out items that were recommended, averaged over users.

    Only users present in both ``recommendations`` and ``holdout`` are scored.

    Examples
    --------
    >>> recs = pd.DataFrame({"rank_1": ["a", "b"]}, index=pd.Index([1, 2], name="customer_id"))
    >>> hold = pd.DataFrame({"customer_id": [1, 2, 2], "category": ["a", "a", "c"]})
    >>> hit_rate_at_k(recs, hold)["hit_rate"]
    np.float64(0.5)
    """
    if isinstance(recommendations, pd.DataFrame):
        validation.require_unique_index(recommendations, "recommendations")
    if isinstance(holdout, pd.DataFrame):
        validation.frame(holdout, "holdout", {user_col: "id", item_col: "label"}, only_present=True)
        if isinstance(recommendations, pd.DataFrame) and user_col in holdout.columns:
            validation.matching_ids(
                user_col,
                recommendations=recommendations.index.to_series(),
                holdout=holdout[user_col],
            )
    if not isinstance(recommendations, pd.DataFrame) or recommendations.empty:
        raise ValueError("recommendations must be a non-empty DataFrame (one row per user)")
    _require_columns(holdout, [user_col, item_col], "holdout")
    k = recommendations.shape[1]
    recs = (
        recommendations.rename_axis(user_col)
        .reset_index()
        .melt(id_vars=user_col, value_name=item_col)[[user_col, item_col]]
        .assign(recommended=True)
    )
    truth = holdout[[user_col, item_col]].dropna().drop_duplicates()
    truth = truth[truth[user_col].isin(recommendations.index)]
    if truth.empty:
        raise ValueError("no user in holdout has recommendations: check that the ids match")
    hits = truth.merge(recs, on=[user_col, item_col], how="left")["recommended"].fillna(False)
    per_user = pd.DataFrame(
        {user_col: truth[user_col].to_numpy(), "hit": hits.to_numpy(dtype=bool)}
    ).groupby(user_col)["hit"]
    return pd.Series(
        {
            "users": per_user.ngroups,
            "k": k,
            "hit_rate": float(per_user.any().mean()),
            "recall": float(per_user.mean().mean()),
        }
    )


# ---------------------------------------------------------------------------------------------
# Cases for practice: described offerings without their answers

_CASES: dict[str, str] = {
    "Nike By You sneakers": (
        "On the website the buyer chooses colours, materials and a short text for each part of a "
        "shoe; the pair is then made to that specification and shipped."
    ),
    "Share a Coke bottles": (
        "The same cola in the same bottle, but the label carries a first name such as 'Minji' "
        "or 'Joon', so buyers pick the bottle with their own or a friend's name."
    ),
    "Office chair with adjustable height, tilt and lumbar support": (
        "One model for every buyer; each user turns the knobs and levers until it fits them."
    ),
    "Ritz-Carlton guest preferences": (
        "Staff note what a guest asks for (a foam pillow, no chocolates, a late paper) and the next "
        "stay in any Ritz-Carlton is prepared that way without the guest asking again or being told."
    ),
    "Dell build-to-order PC": (
        "The buyer picks processor, memory, disk and software on the website, sees the price update, "
        "and the PC is assembled to that order."
    ),
    "Netflix artwork per viewer": (
        "The same film is shown to each viewer with a different poster image (a romance still for one, "
        "an action still for another), chosen from what they watched."
    ),
    "Supermarket till coupons": (
        "At checkout each shopper receives coupons for different products and discounts, chosen from "
        "their own purchase history, printed on the ordinary receipt paper like everybody else's, with "
        "nothing saying they were chosen for them."
    ),
    "Car with driver-memory seats and mirrors": (
        "Every car of the model has the same seat and mirror motors; each driver stores their own "
        "position under a button and recalls it."
    ),
    "Apple free engraving": (
        "A standard pair of earbuds whose charging case is engraved with the buyer's name or an emoji."
    ),
    "Made-to-measure suit from a body scan": (
        "The customer is measured, chooses cloth, lapels and lining with a tailor, and the suit is cut "
        "for that body and delivered with their initials on the lining."
    ),
    "Netflix rows ordered per viewer": (
        "Each viewer's home screen, in the standard layout, lists different titles in a different "
        "order, picked from what they watched; nothing says it was tailored."
    ),
    "Smartphone home screen": (
        "Millions of identical phones; each owner arranges apps, widgets, wallpaper and ringtones."
    ),
}

_CASES_KO: dict[str, str] = {
    "Nike By You sneakers": (
        "구매자가 웹사이트에서 신발 부위마다 색상, 소재, 짧은 문구를 고르면, 그 사양대로 한 켤레를 "
        "만들어 배송합니다."
    ),
    "Share a Coke bottles": (
        "같은 병에 담긴 같은 콜라지만 라벨에 '민지'나 '준' 같은 이름이 적혀 있어, 구매자는 자기나 "
        "친구의 이름이 있는 병을 고릅니다."
    ),
    "Office chair with adjustable height, tilt and lumbar support": (
        "모든 구매자에게 같은 모델 하나를 팔고, 사용자마다 손잡이와 레버를 돌려 자기 몸에 맞춥니다."
    ),
    "Ritz-Carlton guest preferences": (
        "직원이 투숙객의 요청(폼 베개, 초콜릿은 사양, 늦게 받는 신문)을 기록해 두고, 다음에 어느 "
        "Ritz-Carlton에 묵든 투숙객이 다시 요청하거나 안내받지 않아도 그렇게 준비합니다."
    ),
    "Dell build-to-order PC": (
        "구매자가 웹사이트에서 프로세서, 메모리, 디스크, 소프트웨어를 고르면 가격이 바로 바뀌어 "
        "보이고, PC는 그 주문대로 조립됩니다."
    ),
    "Netflix artwork per viewer": (
        "같은 영화를 시청자마다 다른 포스터 이미지(어떤 사람에게는 로맨스 장면, 다른 사람에게는 "
        "액션 장면)로 보여 주며, 이미지는 그 사람이 본 작품을 바탕으로 고릅니다."
    ),
    "Supermarket till coupons": (
        "계산대에서 쇼핑객마다 자기 구매 이력을 바탕으로 고른 서로 다른 상품과 할인의 쿠폰을 받습니다. "
        "쿠폰은 다른 사람들과 똑같은 평범한 영수증 용지에 인쇄되고, 그 사람을 위해 골랐다는 말은 "
        "어디에도 없습니다."
    ),
    "Car with driver-memory seats and mirrors": (
        "그 모델의 모든 차에 같은 시트·미러 모터가 달려 있고, 운전자마다 자기 위치를 버튼에 저장해 "
        "불러옵니다."
    ),
    "Apple free engraving": (
        "표준 이어폰이지만 충전 케이스에 구매자의 이름이나 이모지를 새겨 줍니다."
    ),
    "Made-to-measure suit from a body scan": (
        "고객의 치수를 재고, 재단사와 함께 원단, 라펠, 안감을 고르면, 정장을 그 몸에 맞춰 재단하고 "
        "안감에 이니셜을 넣어 전달합니다."
    ),
    "Netflix rows ordered per viewer": (
        "시청자마다 홈 화면은 표준 배치 그대로이지만, 그 사람이 본 작품을 바탕으로 고른 서로 다른 "
        "작품이 서로 다른 순서로 나열됩니다. 맞춤이라는 말은 없습니다."
    ),
    "Smartphone home screen": (
        "똑같은 휴대전화 수백만 대를 팔고, 주인마다 앱, 위젯, 배경화면, 벨소리를 직접 배치합니다."
    ),
}
"""The cases of :data:`_CASES` in Korean, for the Korean edition (한국어판)."""

_EXAMPLES: dict[str, tuple[str, bool, bool, str]] = {
    # Gilmore & Pine's (1997) own illustrations, used as the worked example
    "Paris Miki eyewear": (
        "A system photographs the face, the customer and optician design lenses and frames together, "
        "and the glasses are made in about an hour.",
        True,
        True,
        "the glasses differ per person and the customer takes part in designing them",
    ),
    "Lutron lighting systems": (
        "One lighting control system that each household programmes with its own lighting scenes.",
        False,
        False,
        "the system is the same for all; users adapt it themselves",
    ),
    "Planters peanuts for retailers": (
        "The same nuts packed in the sizes and packaging each retail chain asks for.",
        False,
        True,
        "the product is identical; only the packaging and presentation differ",
    ),
    "ChemStation industrial soap": (
        "Each client's cleaning formula is tuned to its observed use and refilled into a standard "
        "tank, without the client having to specify anything.",
        True,
        False,
        "the formula differs per client, delivered in the standard container without fuss",
    ),
}


# Korean description and reason of each of Gilmore & Pine's illustrations (한국어판)
_EXAMPLES_KO: dict[str, tuple[str, str]] = {
    "Paris Miki eyewear": (
        "시스템이 얼굴을 촬영하면 고객과 안경사가 함께 렌즈와 안경테를 디자인하고, 안경은 한 시간쯤 "
        "뒤에 완성됩니다.",
        "안경이 사람마다 다르고, 고객이 디자인에 참여합니다",
    ),
    "Lutron lighting systems": (
        "하나의 조명 제어 시스템을 가정마다 자기만의 조명 장면으로 프로그래밍합니다.",
        "시스템은 모두에게 같고, 사용자가 직접 맞춰 씁니다",
    ),
    "Planters peanuts for retailers": (
        "같은 견과를 소매 체인마다 요구하는 크기와 포장으로 담습니다.",
        "제품은 똑같고, 포장과 보여 주는 방식만 다릅니다",
    ),
    "ChemStation industrial soap": (
        "고객사마다 세척제 배합을 관찰한 사용 방식에 맞추고 표준 탱크에 다시 채워 주므로, 고객사는 "
        "아무것도 지정할 필요가 없습니다.",
        "배합은 고객사마다 다르고, 표준 용기에 담겨 요란하지 않게 전달됩니다",
    ),
}


# Korean names of the cases and of Gilmore & Pine's illustrations, for display in the Korean
# edition; the English names stay the keys of the answers in both editions
CASE_NAMES_KO: dict[str, str] = {
    "Nike By You sneakers": "Nike By You 운동화",
    "Share a Coke bottles": "이름을 적은 Coca-Cola 병",
    "Office chair with adjustable height, tilt and lumbar support": (
        "높이·기울기·허리 받침을 조절하는 사무용 의자"
    ),
    "Ritz-Carlton guest preferences": "Ritz-Carlton 투숙객 선호 기록",
    "Dell build-to-order PC": "Dell 주문 조립 PC",
    "Netflix artwork per viewer": "시청자마다 다른 Netflix 포스터",
    "Supermarket till coupons": "슈퍼마켓 계산대 쿠폰",
    "Car with driver-memory seats and mirrors": "운전자별 시트·미러 기억 기능이 있는 자동차",
    "Apple free engraving": "Apple 무료 각인",
    "Made-to-measure suit from a body scan": "신체 스캔으로 맞춘 정장",
    "Netflix rows ordered per viewer": "시청자마다 순서가 다른 Netflix 작품 줄",
    "Smartphone home screen": "스마트폰 홈 화면",
    "Paris Miki eyewear": "Paris Miki 안경",
    "Lutron lighting systems": "Lutron 조명",
    "Planters peanuts for retailers": "소매 체인별 Planters 땅콩 포장",
    "ChemStation industrial soap": "ChemStation 산업용 세제",
}


def case_name(name: object) -> str:
    """A case's name in the reader's language (unknown names are returned unchanged).

    Examples
    --------
    >>> case_name("Lutron lighting systems")
    'Lutron lighting systems'
    """
    text = str(name)
    return choose(en=text, ko=CASE_NAMES_KO.get(text, text))


def case_label(name: object) -> str:
    """A case's key with its Korean name beside it in the Korean edition, e.g. for exercise 05.1.

    The English name is the key students type in both editions.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko")
    >>> case_label("Apple free engraving")
    'Apple free engraving (Apple 무료 각인)'
    >>> set_language(None)
    """
    text = str(name)
    korean = CASE_NAMES_KO.get(text)
    return choose(en=text, ko=f"{text} ({korean})" if korean else text)


def customization_cases() -> pd.DataFrame:
    """Twelve real-world offerings to place in Gilmore & Pine's 2×2 (exercise 05.1), without answers.

    Examples
    --------
    >>> len(customization_cases())
    12
    """
    cases = {c: choose(en=text, ko=_CASES_KO[c]) for c, text in _CASES.items()}
    return pd.DataFrame({"description": pd.Series(cases)}).rename_axis("case")


def gilmore_pine_examples() -> pd.DataFrame:
    """Gilmore & Pine's (1997) four illustrations with the answers to the two questions.

    Examples
    --------
    >>> place_offerings(gilmore_pine_examples())["approach"].tolist()
    ['collaborative', 'adaptive', 'cosmetic', 'transparent']
    """
    examples = {
        name: (
            choose(en=description, ko=_EXAMPLES_KO[name][0]),
            product,
            representation,
            choose(en=why, ko=_EXAMPLES_KO[name][1]),
        )
        for name, (description, product, representation, why) in _EXAMPLES.items()
    }
    return pd.DataFrame.from_dict(
        examples,
        orient="index",
        columns=["description", "product_changes", "representation_changes", "why"],
    ).rename_axis("case")


# ---------------------------------------------------------------------------------------------
# The shop pipeline shared by notebook 05 and its exercise checkers


def purchase_lines(
    orders: pd.DataFrame, order_items: pd.DataFrame, products: pd.DataFrame
) -> pd.DataFrame:
    """Order lines of the given (already cleaned) orders with customer, date and product category.

    Exact duplicate order lines are dropped first (the shop's log records a few lines twice).

    Parameters
    ----------
    orders : pandas.DataFrame
        Cleaned orders (``order_id``, ``customer_id``, ``order_date``), e.g.
        ``helpers.cleaning.clean_shop_orders(shop.orders, shop.order_items).data``.
    order_items, products : pandas.DataFrame
        The shop's order lines and product catalogue.

    Examples
    --------
    >>> o = pd.DataFrame({"order_id": [1], "customer_id": [7], "order_date": pd.to_datetime(["2024-01-02"])})
    >>> it = pd.DataFrame({"order_id": [1, 1], "product_id": [3, 3], "quantity": [1, 1]})
    >>> purchase_lines(o, it, pd.DataFrame({"product_id": [3], "category": ["kids"]}))["category"].tolist()
    ['kids']
    """
    if all(isinstance(t, pd.DataFrame) for t in (orders, order_items, products)):
        orders = validation.frame(
            orders,
            "orders",
            {"order_id": "id", "customer_id": "id?", "order_date": "date"},
            only_present=True,
        )
        validation.frame(
            order_items,
            "order_items",
            {"order_id": "id", "product_id": "id", "quantity": "count"},
            only_present=True,
        )
        validation.frame(products, "products", {"product_id": "id"}, only_present=True)
        pairs = {"order_id": ("orders", orders, "order_items", order_items)}
        pairs["product_id"] = ("order_items", order_items, "products", products)
        for col, (name_a, a, name_b, b) in pairs.items():
            if col in a.columns and col in b.columns:
                validation.matching_ids(col, **{name_a: a[col], name_b: b[col]})
    _require_columns(orders, ["order_id", "customer_id", "order_date"], "orders")
    _require_columns(order_items, ["order_id", "product_id"], "order_items")
    _require_columns(products, ["product_id", "category"], "products")
    return (
        order_items.drop_duplicates()
        .merge(orders[["order_id", "customer_id", "order_date"]], on="order_id", how="inner")
        .merge(
            products[["product_id", "category"]],
            on="product_id",
            how="left",
            validate="many_to_one",
        )
        .sort_values(["order_date", "order_id", "product_id"], kind="stable")
        .reset_index(drop=True)
    )


def evaluate_recommenders(
    views: pd.DataFrame,
    purchases: pd.DataFrame,
    *,
    cutoff: str | pd.Timestamp,
    ks: Sequence[int] = (1, 2, 3),
    user_col: str = "customer_id",
    view_item_col: str = "viewed_category",
    view_date_col: str = "started_at",
    purchase_item_col: str = "category",
    purchase_date_col: str = "order_date",
) -> pd.DataFrame:
    """Hit rate@k and recall@k of four recommenders on purchases after ``cutoff`` (a time split).

    Everything before ``cutoff`` trains, purchases from ``cutoff`` on are the held-out truth, and
    every method is scored on the same users: those with any history before the cutoff and a
    purchase after it. Methods:

    * ``popularity``: the k best sellers before the cutoff, the same for everyone (baseline);
    * ``purchases only``: the user's most bought items;
    * ``browsing only``: the user's most viewed items (the cookie crumbs alone);
    * ``browsing + purchases``: the sum of both share profiles;
    * ``item-item cosine``: that combined profile spread by item-item cosine similarity,
      learnt from every user's history before the cutoff.

    Ties (and empty profiles) fall back on popularity.

    Returns
    -------
    pandas.DataFrame
        One row per method and k: ``method``, ``k``, ``users``, ``hit_rate``, ``recall``.

    Examples
    --------
    >>> v = pd.DataFrame({"customer_id": [1, 2], "viewed_category": ["a", "b"],
    ...                   "started_at": pd.to_datetime(["2024-01-01", "2024-01-01"])})
    >>> p = pd.DataFrame({"customer_id": [1, 2, 2, 1, 2], "category": ["a", "b", "b", "a", "b"],
    ...                   "order_date": pd.to_datetime(["2024-01-02"] * 3 + ["2024-03-01"] * 2)})
    >>> r = evaluate_recommenders(v, p, cutoff="2024-02-01", ks=[1])
    >>> r.set_index("method").loc["browsing only", "hit_rate"]
    np.float64(1.0)
    """
    if isinstance(views, pd.DataFrame) and isinstance(purchases, pd.DataFrame):
        views = validation.frame(
            views,
            "views",
            {user_col: "id", view_item_col: "label", view_date_col: "date"},
            only_present=True,
        )
        purchases = validation.frame(
            purchases,
            "purchases",
            {user_col: "id", purchase_item_col: "label", purchase_date_col: "date"},
            only_present=True,
        )
        if user_col in views.columns and user_col in purchases.columns:
            validation.matching_ids(user_col, views=views[user_col], purchases=purchases[user_col])
    cutoff = validation.timestamp(cutoff, "cutoff")
    if not isinstance(ks, (str, bytes)) and hasattr(ks, "__len__"):
        if len(ks) == 0:
            raise ValueError("ks is empty: give at least one list length k, e.g. ks=[1, 2, 3]")
        for k_ in ks:
            validation.integer(k_, "ks", low=1)
    _require_columns(views, [user_col, view_item_col, view_date_col], "views")
    _require_columns(purchases, [user_col, purchase_item_col, purchase_date_col], "purchases")
    cut = pd.Timestamp(cutoff)
    train_v = views[views[view_date_col] < cut]
    train_p = purchases[purchases[purchase_date_col] < cut]
    test = purchases[purchases[purchase_date_col] >= cut]
    if train_p.empty or test.empty:
        raise ValueError(f"cutoff {cut.date()} leaves no purchases before or after it")
    items = sorted(set(train_p[purchase_item_col].dropna()) | set(train_v[view_item_col].dropna()))

    def shares(df: pd.DataFrame, col: str) -> pd.DataFrame:
        if df.empty:
            return pd.DataFrame(columns=items, dtype=float)
        return profile_matrix(df, entity_col=user_col, item_col=col).reindex(
            columns=items, fill_value=0.0
        )

    browse, bought = shares(train_v, view_item_col), shares(train_p, purchase_item_col)
    history = browse.index.union(bought.index)
    # the similarity is learnt from everybody's history before the cutoff, not only from the
    # users who went on to buy (that would select the training data on the outcome)
    sim = item_similarity(
        browse.reindex(history, fill_value=0.0) + bought.reindex(history, fill_value=0.0)
    )
    users = history.intersection(pd.Index(test[user_col].dropna().unique()))
    if users.empty:
        raise ValueError("no user has both history before the cutoff and a purchase after it")
    browse = browse.reindex(users, fill_value=0.0)
    bought = bought.reindex(users, fill_value=0.0)
    both = browse + bought
    popularity = train_p[purchase_item_col].value_counts()
    truth = test.rename(columns={purchase_item_col: "_item"})[[user_col, "_item"]]
    rows = []
    for k in ks:  # a handful of list lengths, not a loop over users
        lists = {
            "popularity": popularity_recommend(popularity, users, k=k),
            "purchases only": recommend(bought, k=k, popularity=popularity),
            "browsing only": recommend(browse, k=k, popularity=popularity),
            "browsing + purchases": recommend(both, k=k, popularity=popularity),
            "item-item cosine": recommend(both, sim, k=k, popularity=popularity),
        }
        for method, recs in lists.items():
            score = hit_rate_at_k(recs, truth, user_col=user_col, item_col="_item")
            rows.append({"method": method, "k": k, **score.drop("k").to_dict()})
    out = pd.DataFrame(rows)
    out["users"] = out["users"].astype("int64")
    return out


# ---------------------------------------------------------------------------------------------
# Null models for Kahn's premise: what would the statistics look like if tastes were identical?


def homogeneous_taste_null(
    events: pd.DataFrame, *, item_col: str = "category", random_state: int = 0
) -> pd.DataFrame:
    """A copy of ``events`` in which every customer has the *same* taste (a permutation null).

    The values of ``item_col`` are shuffled across all rows: each customer keeps their number of
    events and the shop keeps its exact item mix, but which item a customer bought no longer
    depends on who they are. A statistic that looks the same on this null as on the real data
    (e.g. "most customers buy from three or more categories") is no evidence of varied needs;
    only what exceeds the null is.

    Examples
    --------
    >>> ev = pd.DataFrame({"customer_id": [1, 1, 2, 2], "category": ["a", "a", "b", "b"]})
    >>> null = homogeneous_taste_null(ev, random_state=1)
    >>> sorted(null["category"]) == sorted(ev["category"]), null["customer_id"].tolist()
    (True, [1, 1, 2, 2])
    """
    _require_columns(events, [item_col], "events")
    if isinstance(random_state, bool) or not isinstance(random_state, (int, np.integer)):
        raise TypeError(f"random_state must be a whole number, got {random_state!r}")
    rng = np.random.default_rng(random_state)
    out = events.copy()
    out[item_col] = rng.permutation(events[item_col].to_numpy())
    return out


def mix_drift(
    events: pd.DataFrame,
    *,
    period_col: str,
    periods: tuple[Any, Any],
    entity_col: str = "customer_id",
    item_col: str = "category",
    unit_col: str | None = None,
    min_events: int = 3,
    n_null: int = 50,
    random_state: int = 0,
) -> pd.Series:
    """Did customers' mixes change between two periods more than sampling noise explains?

    For every entity with at least ``min_events`` events in each of the two ``periods`` (values of
    ``period_col``), the distance between its item mix in the first and in the second period is
    the total-variation distance ½ Σ |p₁ − p₂| (0 = same mix, 1 = no item in common). Even with
    perfectly stable tastes two small samples differ, so the null shuffles the period labels
    *within* each entity (same number of events per period, same overall mix per entity) and
    recomputes the distance ``n_null`` times. With ``unit_col`` (e.g. ``order_id``) whole units
    are shuffled, so the lines of one basket stay together as they do in the data. Drift is the
    observed mean distance minus the null mean.

    Returns
    -------
    pandas.Series
        ``entities``, ``observed`` (mean distance), ``null_mean``, ``null_low``, ``null_high``
        (2.5 % and 97.5 % of the null means), ``drift`` (observed − null_mean).

    Examples
    --------
    >>> ev = pd.DataFrame({"customer_id": [1] * 6, "year": [1, 1, 1, 2, 2, 2],
    ...                    "category": ["a", "a", "a", "b", "b", "b"]})
    >>> float(mix_drift(ev, period_col="year", periods=(1, 2), n_null=20)["observed"])
    1.0
    """
    _require_columns(events, [entity_col, item_col, period_col, unit_col], "events")
    # ids of two types would split one customer in two (missing rows are dropped below)
    validation.frame(events, "events", {entity_col: "id?", item_col: "label?", unit_col: "id?"})
    if not isinstance(periods, tuple) or len(periods) != 2 or periods[0] == periods[1]:
        raise ValueError(f"periods must be a tuple of two different values, got {periods!r}")
    for name, value, low in (("min_events", min_events, 1), ("n_null", n_null, 10)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    cols = [entity_col, item_col, period_col] + ([unit_col] if unit_col else [])
    data = events.loc[events[period_col].isin(periods), cols].dropna()
    in_first = (data[period_col] == periods[0]).to_numpy()
    per_entity = pd.Series(in_first).groupby(data[entity_col].to_numpy()).agg(["sum", "size"])
    enough = (per_entity["sum"] >= min_events) & (
        per_entity["size"] - per_entity["sum"] >= min_events
    )
    if not enough.any():
        raise ValueError(
            f"no {entity_col} has {min_events}+ events in both periods {periods}: lower min_events"
        )
    data = data[data[entity_col].isin(per_entity.index[enough])]
    if unit_col is None:
        unit = np.arange(len(data))
    else:
        unit = pd.factorize(data[entity_col].astype(str) + "|" + data[unit_col].astype(str))[0]
    ent = pd.factorize(data[entity_col])[0]
    itm = pd.factorize(data[item_col])[0]
    n_ent, n_itm = ent.max() + 1, itm.max() + 1
    # one row per unit: its entity and whether it lies in the first period
    first_row = pd.Series(np.arange(len(data))).groupby(unit).first().to_numpy()
    unit_ent = ent[first_row]
    unit_flag = (data[period_col] == periods[0]).to_numpy()[first_row]

    def mean_distance(flags_of_units: np.ndarray) -> float:
        period = np.where(flags_of_units[unit], 0, 1)
        counts = np.zeros((2, n_ent, n_itm))
        np.add.at(counts, (period, ent, itm), 1.0)
        shares = counts / counts.sum(axis=2, keepdims=True)
        return float(0.5 * np.abs(shares[0] - shares[1]).sum(axis=1).mean())

    observed = mean_distance(unit_flag)
    rng = np.random.default_rng(random_state)
    by_entity = np.argsort(unit_ent, kind="stable")  # units grouped by entity
    nulls = np.empty(n_null)
    for b in range(n_null):  # a few dozen resamples, each vectorised over all units
        # order units by (entity, random key): a permutation inside each entity's block
        shuffled_order = by_entity[np.lexsort((rng.random(len(by_entity)), unit_ent[by_entity]))]
        flags = np.empty_like(unit_flag)
        flags[by_entity] = unit_flag[shuffled_order]
        nulls[b] = mean_distance(flags)
    return pd.Series(
        {
            "entities": float(n_ent),
            "observed": observed,
            "null_mean": float(nulls.mean()),
            "null_low": float(np.quantile(nulls, 0.025)),
            "null_high": float(np.quantile(nulls, 0.975)),
            "drift": observed - float(nulls.mean()),
        }
    )


# ---------------------------------------------------------------------------------------------
# A product-level recommender and its offline evaluation

PRODUCT_METHODS: tuple[str, ...] = (
    "popularity",
    "interest profile",
    "item-item CF",
    "matrix factorisation",
)
"""The recommenders compared by :func:`evaluate_product_recommenders`, simplest first."""


def product_scores(
    train: pd.DataFrame,
    *,
    method: str,
    user_col: str = "customer_id",
    item_col: str = "product_id",
    category_col: str = "category",
    n_components: int = 20,
    random_state: int = 0,
) -> pd.DataFrame:
    """User × product scores of one recommender, learnt from the purchases in ``train``.

    The data are the binary user × product matrix X (1 = bought at least once).

    * ``popularity``: the number of users who bought the product, the same for everyone;
    * ``interest profile``: the user's share of lines in the product's category × the product's
      popularity (the best sellers of the categories the user likes);
    * ``item-item CF`` (Sarwar et al. 2001; Linden et al. 2003): X · S with S the item-item cosine
      similarity (zero diagonal): products bought by the same people as the user's products;
    * ``matrix factorisation``: the rank-``n_components`` reconstruction of X by scikit-learn's
      ``TruncatedSVD`` (seeded, one thread): products that users with similar baskets buy.

    Items already bought still get a score; :func:`evaluate_product_recommenders` excludes them.

    Examples
    --------
    >>> tr = pd.DataFrame({"customer_id": [1, 1, 2, 2, 3], "product_id": ["a", "b", "a", "b", "a"],
    ...                    "category": ["x", "x", "x", "x", "x"]})
    >>> s = product_scores(tr, method="item-item CF")
    >>> bool(s.loc[3, "b"] > 0)
    True
    """
    from sklearn.decomposition import TruncatedSVD
    from threadpoolctl import threadpool_limits

    if method not in PRODUCT_METHODS:
        raise ValueError(f"method must be one of {PRODUCT_METHODS}, got {method!r}")
    cols = [user_col, item_col] + ([category_col] if method == "interest profile" else [])
    _require_columns(train, cols, "train")
    # a missing or infinite id, or ids of two types, would make a phantom user or product
    validation.frame(train, "train", {user_col: "id", item_col: "id"})
    data = train.dropna(subset=[user_col, item_col])
    if data.empty:
        raise ValueError("train has no purchases with both a user and an item")
    X = (data.groupby([user_col, item_col]).size().unstack(fill_value=0) > 0).astype("float64")
    x = X.to_numpy()
    pop = x.sum(axis=0)
    if method == "popularity":
        scores = np.tile(pop, (len(X), 1))
    elif method == "interest profile":
        share = profile_matrix(data, entity_col=user_col, item_col=category_col).reindex(X.index)
        cat_of = data.drop_duplicates(item_col).set_index(item_col)[category_col].reindex(X.columns)
        scores = share[cat_of.to_numpy()].to_numpy() * pop
    elif method == "item-item CF":
        sim = cosine_similarity(x.T)
        np.fill_diagonal(sim, 0.0)
        scores = x @ sim
    else:
        if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)):
            raise TypeError(f"n_components must be a whole number, got {n_components!r}")
        if not 1 <= n_components < min(x.shape):
            raise ValueError(
                f"n_components must be between 1 and {min(x.shape) - 1}, got {n_components}"
            )
        with threadpool_limits(1):
            svd = TruncatedSVD(n_components=n_components, random_state=random_state)
            scores = svd.fit_transform(x) @ svd.components_
    return pd.DataFrame(scores, index=X.index, columns=X.columns)


def evaluate_product_recommenders(
    purchases: pd.DataFrame,
    *,
    cutoff: str | pd.Timestamp,
    k: int = 10,
    methods: Sequence[str] = PRODUCT_METHODS,
    user_col: str = "customer_id",
    item_col: str = "product_id",
    date_col: str = "order_date",
    category_col: str = "category",
    n_components: int = 20,
    random_state: int = 0,
) -> pd.DataFrame:
    """Recall@k, hit rate@k, catalogue coverage and novelty of product recommenders on a time split.

    Purchases before ``cutoff`` train every method (:func:`product_scores`); each user's list of
    ``k`` products **leaves out what they already bought**, so a hit is a *new* product bought
    after the cutoff. Users scored: those with a purchase before the cutoff and a new product
    after it (the same users for every method).

    * ``recall``: share of each user's new products that the list held, averaged over users;
    * ``hit_rate``: share of users with at least one new product in their list;
    * ``coverage``: share of the catalogue that appears in anybody's list (a popularity list
      covers ``k`` products);
    * ``novelty``: mean self-information −log₂(share of users who bought it) of the recommended
      products, in bits: higher = less obvious suggestions (Zhou et al. 2010).

    Ties are broken by product order (deterministic).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``method``: ``users``, ``k``, ``recall``, ``hit_rate``, ``coverage``, ``novelty``.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": [1, 1, 2, 2, 3, 3],
    ...                   "product_id": ["a", "b", "a", "b", "a", "b"],
    ...                   "category": ["x"] * 6,
    ...                   "order_date": pd.to_datetime(["2024-01-01"] * 5 + ["2024-03-01"])})
    >>> evaluate_product_recommenders(p, cutoff="2024-02-01", k=1,
    ...                               methods=["item-item CF"])["recall"].tolist()
    [1.0]
    """
    purchases = validation.frame(
        purchases, "purchases", {user_col: "id", item_col: "id", date_col: "date"}
    )
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive whole number, got {k!r}")
    unknown = [m for m in methods if m not in PRODUCT_METHODS]
    if unknown or len(methods) == 0:
        raise ValueError(f"methods must be taken from {PRODUCT_METHODS}, got {list(methods)}")
    cut = validation.timestamp(cutoff, "cutoff")
    train = purchases[purchases[date_col] < cut]
    test = purchases[purchases[date_col] >= cut]
    if train.empty or test.empty:
        raise ValueError(f"cutoff {cut.date()} leaves no purchases before or after it")
    items = pd.Index(sorted(train[item_col].dropna().unique()))
    if k > len(items):
        raise ValueError(f"k={k} is larger than the number of products ({len(items)})")
    seen = (train.groupby([user_col, item_col]).size().unstack(fill_value=0) > 0).reindex(
        columns=items, fill_value=False
    )
    truth = test[test[user_col].isin(seen.index) & test[item_col].isin(items)]
    later = (truth.groupby([user_col, item_col]).size().unstack(fill_value=0) > 0).reindex(
        columns=items, fill_value=False
    )
    new = later.to_numpy() & ~seen.loc[later.index].to_numpy()
    users = later.index[new.any(axis=1)]
    if users.empty:
        raise ValueError("no user bought a new product after the cutoff")
    new = new[new.any(axis=1)]
    seen_u = seen.loc[users].to_numpy()
    share_buyers = seen.to_numpy().sum(axis=0) / len(seen)
    info = -np.log2(np.maximum(share_buyers, 1.0 / len(seen)))
    rows = {}
    for method in methods:  # four methods, each vectorised over all users
        scores = (
            product_scores(
                train,
                method=method,
                user_col=user_col,
                item_col=item_col,
                category_col=category_col,
                n_components=n_components,
                random_state=random_state,
            )
            .reindex(index=users, columns=items)
            .to_numpy()
        )
        scores = np.where(seen_u, -np.inf, scores)
        top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        hits = np.take_along_axis(new, top, axis=1)
        rows[method] = {
            "users": len(users),
            "k": k,
            "recall": float((hits.sum(axis=1) / new.sum(axis=1)).mean()),
            "hit_rate": float(hits.any(axis=1).mean()),
            "coverage": float(np.unique(top).size / len(items)),
            "novelty": float(info[top].mean()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index").rename_axis("method")
    return out.astype({"users": "int64", "k": "int64"})
