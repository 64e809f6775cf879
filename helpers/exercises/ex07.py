"""Exercises of notebook 07 (Customer segmentation): build the k-means pipeline in plain
scikit-learn, decide on k, critique a reading of the ARI, decide on a core-customer rule from the
next period, and build the customer retention rate from a migration matrix.

Expected answers are computed with scikit-learn, :mod:`helpers.rfm`, :mod:`helpers.clv` and
:mod:`helpers.segments` from the data, never typed in. The settings below repeat the notebook's
choices so the checkers grade against the same analysis (the test suite runs every solution through
its check, so the two cannot drift apart). Every checker refuses NaN and infinite answers with a
hint that says so.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import as_choice, as_letter, as_number, exercise
from helpers.data import load_cdnow, load_shop
from helpers.rfm import rfm_scores, rfm_table
from helpers.segments import (
    choose_k,
    cluster_customers,
    cluster_stability,
    core_customers,
    migration_matrix,
    period_values,
    value_tiers,
)

FEATURES = ["recency", "frequency", "monetary"]
"""The k-means features of notebook 07 (log-scaled, then standardised)."""
K_RANGE = range(2, 9)
"""Candidate numbers of clusters in notebook 07."""
K_CHOSEN = 4
"""The number of clusters notebook 07 works with."""
K_BUILD = 5
"""Exercise 07.1 re-clusters with this k."""
SEED = 7
"""Seed of every k-means run in notebook 07."""
HALF_YEARS = ("1997-07-01", "1998-01-01", "1998-07-01")
"""The two consecutive CDNOW half-years compared: 1997H2 and 1998H1."""
CUTOFFS = {"VIP": 300, "Gold": 120, "Silver": 50, "Bronze": 0}
"""Half-year spend tiers (US dollars, minimum of each tier) used for CDNOW migration."""
ORDER = ["Bronze", "Silver", "Gold", "VIP"]
CORE_CUT = "2024-01-01"
"""Core customers are chosen on the shop's orders before this day and checked on the year after."""
CORE_RULES = ("revenue rule", "CLV rule", "RFM rule")
"""The three core-customer rules of notebook 07, by their names in ``core_check``."""
LETTERS = ("a", "b", "c", "d")


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise TypeError(
            f"expected a finite number, got {value}: a NaN usually means an empty selection "
            "or a division by zero; print the pieces of your computation"
        )
    return value


@cache
def _features() -> pd.DataFrame:
    tx = load_cdnow("master")
    return rfm_table(tx, date_col="date", order_col=None)[FEATURES]


def _pipeline_labels(k: int, *, log: bool = True, scale: bool = True) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    x = _features().to_numpy(dtype=float)
    if log:
        x = np.log1p(x)
    if scale:
        x = StandardScaler().fit_transform(x)
    with threadpool_limits(1):
        return KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(x)


@cache
def _largest_shares() -> dict[str, float]:
    def share(labels: np.ndarray) -> float:
        return float(np.bincount(labels).max() / len(labels))

    return {
        "right": share(_pipeline_labels(K_BUILD)),
        "no_log": share(_pipeline_labels(K_BUILD, log=False)),
        "no_scale": share(_pipeline_labels(K_BUILD, scale=False)),
        "k4": share(_pipeline_labels(K_CHOSEN)),
        "count": float(np.bincount(_pipeline_labels(K_BUILD)).max()),
    }


@exercise(
    "07.1",
    "Re-cluster CDNOW with k = 5 in plain scikit-learn (log1p, StandardScaler, KMeans): the share of customers in the largest cluster?",
    success="The helper is three scikit-learn steps; the log and the scaling decide what 'close' means.",
    expected=lambda: _largest_shares()["right"],
    tolerance=0.0005,
)
def _build_pipeline(answer: Any) -> str | None:
    value = _finite(as_number(answer))
    s = _largest_shares()
    if abs(value - s["right"]) < 0.0005:
        return None
    if abs(value - s["count"]) < 0.5:
        return "that is the number of customers in the largest cluster; divide by all customers for a share."
    if abs(value - 100 * s["right"]) < 0.05:
        return "give a share between 0 and 1, not a percentage."
    if abs(value - s["no_log"]) < 0.0005:
        return (
            "without log1p the few customers with huge frequency and spend decide the clusters; "
            "put FunctionTransformer(np.log1p) first."
        )
    if abs(value - s["no_scale"]) < 0.0005:
        return (
            "without StandardScaler recency (in days) outweighs frequency and spend; standardise "
            "after the log."
        )
    if abs(value - s["k4"]) < 0.0005:
        return "that is the k = 4 solution of the notebook; the exercise asks for n_clusters=5."
    if abs(value - round(s["right"], 2)) < 1e-9:
        return "almost: give the share to three decimals (or unrounded), not two."
    return (
        "make_pipeline(FunctionTransformer(np.log1p), StandardScaler(), KMeans(n_clusters=5, "
        "n_init=10, random_state=SEED)).fit_predict(...), then np.bincount(labels).max() / len(labels)."
    )


@cache
def _k_evidence() -> tuple[pd.DataFrame, pd.DataFrame]:
    f = _features()
    return choose_k(f, K_RANGE, random_state=SEED), cluster_stability(
        f, [3, 4, 5, 6], n_boot=10, random_state=SEED
    )


@exercise(
    "07.2",
    "Which number of clusters would you defend for CDNOW's campaign plan (a letter)?",
    success="k is a judgement: silhouette and stability inform it, use for the campaign decides it.",
    expected=lambda: "c",
)
def _decide_k(answer: Any) -> str | None:
    letter = as_letter(answer, LETTERS)
    # the premises of "c" (silhouette and stability of k = 4) are asserted on the data by
    # tests/test_segments.py::test_decide_k_premises_hold, so a student's check stays instant
    if letter == "c":
        return None
    return {
        "a": "k = 2 does score the highest silhouette, but two clusters only split one-time buyers from "
        "repeat buyers: too coarse for a campaign plan, and a marketer knew that split already.",
        "b": "inertia always falls as k grows (more centres are always closer), so its minimum is "
        "simply the largest k tried; it cannot choose k.",
        "d": "instability is a warning, not a virtue: clusters that change with the sample are noise, "
        "and a plan built on them would change every time it is refitted.",
    }[letter]


@cache
def _shop_ari() -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score

    from helpers.cleaning import clean_shop_orders

    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    rfm = rfm_table(orders, as_of="2025-01-01")
    signup = shop.customers.set_index("customer_id")["signup_date"]
    rfm["tenure"] = (pd.Timestamp("2025-01-01") - signup.reindex(rfm.index)).dt.days
    truth = shop.truth.set_index("customer_id").reindex(rfm.index)
    behaviour = cluster_customers(rfm[FEATURES + ["tenure"]], 4, random_state=SEED)
    oracle = cluster_customers(
        truth[["purchase_rate", "dropout_prob", "spend_scale"]], 4, random_state=SEED
    )
    return (
        float(adjusted_rand_score(truth["latent_segment"], oracle)),
        float(adjusted_rand_score(truth["latent_segment"], behaviour)),
    )


@exercise(
    "07.3",
    "A colleague says behavioural segmentation 'does not work' on the shop because its ARI is low: which reply does the evidence support (a letter)?",
    success="An ARI is read against the ceiling the truth itself allows, not against 1.",
    expected=lambda: "c",
)
def _critique_ari(answer: Any) -> str | None:
    letter = as_letter(answer, LETTERS)
    ceiling, behaviour = _shop_ari()
    if not behaviour < ceiling < 0.99:
        raise ValueError(
            "the ceiling no longer lies between the behavioural ARI and 1; revisit the exercise"
        )
    if letter == "c":
        return None
    return {
        "a": "an ARI is read against its ceiling, not against 1: k-means on the TRUE parameters "
        "recovers the hidden types well, so the method can separate them; what the behavioural "
        "features lack is information (a short, random purchase history), not a better algorithm.",
        "b": "the Gaussian mixture's ARI is in the same table and close to k-means': a different "
        "algorithm on the same features cannot add the information a short purchase history lacks.",
        "d": "the adjusted Rand index compares groupings, not names or numbers: it is the same whatever "
        "the clusters are called, which is exactly why it is used here.",
    }[letter]


@cache
def _core_check() -> pd.Series:
    """Share of 2024 revenue brought by each rule's group (all groups of the same size)."""
    from helpers import clv
    from helpers.cleaning import clean_shop_orders

    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    cut = pd.Timestamp(CORE_CUT)
    past = orders.loc[orders["order_date"] < cut]
    spend_past = past.groupby("customer_id")["amount"].sum()
    summary = clv.summary_from_transactions(past, observation_end=cut - pd.Timedelta(days=1))
    bgnbd = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary.loc[summary["frequency"] > 0]
    gg = clv.fit_gamma_gamma(repeat["frequency"], repeat["monetary"])
    value = clv.customer_lifetime_value(
        bgnbd, gg, summary["frequency"], summary["recency"], summary["T"], summary["monetary"]
    )
    rfm_score = rfm_scores(rfm_table(past, as_of=cut))["rfm_score"]
    n_core = int(core_customers(spend_past, share=0.5).sum())
    nxt = period_values(orders, CORE_CUT, "2025-01-01").reindex(spend_past.index, fill_value=0)
    out = {}
    for name, score in zip(CORE_RULES, (spend_past, value, rfm_score), strict=True):
        flag = score.rank(method="first", ascending=False).le(n_core)
        flag = flag.reindex(spend_past.index, fill_value=False)
        out[name] = nxt[flag].sum() / nxt.sum()
    return pd.Series(out)


@exercise(
    "07.4",
    "Which core-customer rule, chosen on 2022–23 with groups of equal size, brought the largest share of 2024 revenue (its name)?",
    success="A rule is objective when it survives the next period: accumulated spend alone rewards tenure and lucky years.",
    expected=lambda: str(_core_check().idxmax()),
)
def _decide_core(answer: Any) -> str | None:
    share = _core_check()
    if not isinstance(answer, str):
        raise TypeError(f"expected the rule's name as text, got {type(answer).__name__} {answer!r}")
    try:
        name = as_choice(answer, list(share.index))
    except TypeError:
        return f"give one of the index labels of core_check exactly: {list(share.index)}."
    best = share.idxmax()
    if name == best:
        return None
    if name == CORE_RULES[0]:
        return (
            "the revenue rule picks the customers with the largest accumulated spend, which rewards "
            "long tenure and one big year; judge the rules by the 2024 column of core_check, not by the "
            "share of the past revenue they were chosen on."
        )
    return (
        f"{name} is not the rule whose group brought the largest 'share of 2024 revenue'; read that "
        "column, not the past one (a rule always looks best on the data it was chosen on)."
    )


@cache
def _matrix() -> pd.DataFrame:
    tx = load_cdnow("master")
    start, middle, end = HALF_YEARS
    before = value_tiers(period_values(tx, start, middle, date_col="date"), cutoffs=CUTOFFS)
    after = value_tiers(period_values(tx, middle, end, date_col="date"), cutoffs=CUTOFFS)
    return migration_matrix(before, after, order=ORDER)


@exercise(
    "07.5",
    "From the CDNOW migration matrix 1997H2 → 1998H1: what share (0–1) of Silver customers were still customers in any tier?",
    success="Customer retention (1 − churn) counts everyone who stayed, whatever their tier; the same-tier rate (유지율, 등급 유지) is a part of it.",
    expected=lambda: float(1 - _matrix().loc["Silver", "lost"] / _matrix().loc["Silver"].sum()),
    tolerance=0.0005,
)
def _customer_retention(answer: Any) -> str | None:
    value = _finite(as_number(answer))
    row = _matrix().loc["Silver"]
    base = row.sum()
    expected = 1 - row["lost"] / base
    if abs(value - expected) < 0.0005:
        return None
    if abs(value - row["Silver"] / base) < 0.0005:
        return (
            "that is the same-tier rate (stayed Silver, the notes' 유지율 as 등급 유지); a customer who "
            "moved to Bronze, Gold or VIP is still a customer."
        )
    if abs(value - row["lost"] / base) < 0.0005:
        return "that is the churn rate (lost); customer retention is its complement, 1 − churn."
    if abs(value - (row["Gold"] + row["VIP"]) / base) < 0.0005:
        return "that is the upgrade rate; customer retention counts every tier, down, same and up."
    if abs(value - (base - row["lost"]) / (base - row["lost"])) < 1e-9:
        return "you left the lost customers out of the base: divide by the whole Silver row, 'lost' included."
    if abs(value - (1 - row["Silver"] / base)) < 0.0005:
        return (
            "that is 1 − the same-tier rate: everyone who left the Silver tier, the lost customers "
            "included; customer retention is 1 − churn (only 'lost' is subtracted)."
        )
    if abs(value - 100 * expected) < 0.05:
        return "give a share between 0 and 1, not a percentage."
    if abs(value - round(expected, 2)) < 1e-9:
        return "almost: give the share to three decimals (or unrounded), not two."
    if not 0 <= value <= 1:
        return "give a share between 0 and 1: the Silver customers still buying in 1998H1 ÷ all Silver customers of 1997H2."
    return "in the Silver row, add every tier column (not 'lost') and divide by the row total, 'lost' included."
