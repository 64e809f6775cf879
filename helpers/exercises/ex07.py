"""Exercises of notebook 07 (Customer segmentation): picking k, naming a cluster, sizing the core,
reading an upgrade rate off the migration matrix.

All four work on the real CDNOW data; expected answers are computed with :mod:`helpers.rfm` and
:mod:`helpers.segments`, never typed in. The settings below repeat the notebook's choices so the
checkers grade against the same analysis.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_integer, as_number, exercise
from helpers.data import load_cdnow
from helpers.rfm import rfm_table
from helpers.segments import (
    choose_k,
    cluster_customers,
    core_customers,
    migration_matrix,
    period_values,
    profile,
    value_tiers,
)

FEATURES = ["recency", "frequency", "monetary"]
"""The k-means features of notebook 07 (log-scaled, then standardised)."""
K_RANGE = range(2, 9)
"""Candidate numbers of clusters in notebook 07."""
K_CHOSEN = 4
"""The number of clusters notebook 07 works with."""
SEED = 7
"""Seed of every k-means run in notebook 07."""
CORE_SHARE = 0.5
"""Core customers: the smallest group making up this share of revenue."""
HALF_YEARS = ("1997-07-01", "1998-01-01", "1998-07-01")
"""The two consecutive CDNOW half-years compared: 1997H2 and 1998H1."""
CUTOFFS = {"VIP": 300, "Gold": 120, "Silver": 50, "Bronze": 0}
"""Half-year spend tiers (US dollars, minimum of each tier) used for CDNOW migration."""
ORDER = ["Bronze", "Silver", "Gold", "VIP"]


@cache
def _features() -> pd.DataFrame:
    tx = load_cdnow("master")
    return rfm_table(tx, date_col="date", order_col=None)[FEATURES]


@cache
def _choice() -> pd.DataFrame:
    return choose_k(_features(), K_RANGE, random_state=SEED)


@cache
def _profile() -> pd.DataFrame:
    f = _features()
    return profile(f, cluster_customers(f, K_CHOSEN, random_state=SEED))


@cache
def _matrix() -> pd.DataFrame:
    tx = load_cdnow("master")
    start, middle, end = HALF_YEARS
    before = value_tiers(period_values(tx, start, middle, date_col="date"), cutoffs=CUTOFFS)
    after = value_tiers(period_values(tx, middle, end, date_col="date"), cutoffs=CUTOFFS)
    return migration_matrix(before, after, order=ORDER)


@exercise(
    "07.1",
    "Among k = 3 … 8, which number of clusters has the highest mean silhouette on CDNOW's RFM?",
    success="The silhouette rewards well-separated groups; whether they are useful is a marketing call.",
)
def _pick_k(answer: Any) -> str | None:
    k = as_integer(answer)
    table = _choice()
    candidates = table.loc[3:8]
    best = int(candidates["silhouette"].idxmax())
    if k == best:
        return None
    if k == 2:
        return (
            "k = 2 does score highest of all, but the question asks among 3 … 8: two clusters only "
            "split one-time buyers from repeat buyers, too coarse for a campaign plan."
        )
    if k == int(candidates["inertia"].idxmin()):
        return "that k has the lowest inertia, but inertia always falls as k grows; read the silhouette column."
    if k not in table.index:
        return "pick one of the k values in the choose_k table (3 to 8)."
    return "sort the choose_k table by the silhouette column (highest first) and read the k, ignoring k = 2."


@exercise(
    "07.2",
    "Which k-means cluster (k = 4) holds CDNOW's best current customers: most recent, most frequent, highest spend?",
    success="A cluster's name comes from its profile: compare medians across clusters, not one number alone.",
)
def _name_cluster(answer: Any) -> str | None:
    if isinstance(answer, str):
        return (
            "give the cluster number (0 to 3, the index of cd_cluster_profile), not a name: the "
            "names are attached to the numbers afterwards."
        )
    label = as_integer(answer)
    p = _profile()
    best = int(p["monetary_median"].idxmax())
    if not (p["recency_median"].idxmin() == best and p["frequency_median"].idxmax() == best):
        raise ValueError("the profile has no single best cluster; the exercise needs revisiting")
    if label == best:
        return None
    if label not in p.index:
        return f"cluster labels run from 0 to {len(p) - 1}; give one of them."
    if label == int(p["customers"].idxmax()):
        return "that is the largest cluster; the best customers are a small group. Look at the medians."
    if label == int(p["recency_median"].idxmax()):
        return "recency counts days since the last purchase: a high recency means long ago. Look for the lowest."
    return "find the cluster with the lowest median recency and the highest median frequency and spend."


@exercise(
    "07.3",
    "What share of CDNOW customers (0–1) make up half of all revenue, under the core-customer rule?",
    success="A small core carries the business: that is why core customer management ranks 'strong'.",
)
def _core_share(answer: Any) -> str | None:
    value = as_number(answer)
    monetary = _features()["monetary"]
    core = core_customers(monetary, share=CORE_SHARE)
    expected = float(core.mean())
    if abs(value - expected) < 0.0005:
        return None
    if abs(value - core.sum()) < 0.5:
        return "that is the number of core customers; divide by the number of all customers for a share."
    if abs(value - 100 * expected) < 0.05:
        return "give a share between 0 and 1, not a percentage."
    if abs(value - CORE_SHARE) < 1e-9:
        return (
            "0.5 is the share of revenue; the question asks for the share of customers who make it."
        )
    if abs(value - 0.2) < 1e-9:
        return (
            "0.2 is the 'top 20%' of the Pareto rule; the core rule asks how FEW customers are needed "
            "to make half of all revenue."
        )
    if abs(value - round(expected, 2)) < 1e-9:
        return "almost: give the share to three decimals (or unrounded), not two."
    return "core_customers(rfm['monetary'], share=0.5) flags the core; take the mean of the flags."


@exercise(
    "07.4",
    "From the CDNOW migration matrix 1997H2 → 1998H1: what share (0–1) of Silver customers moved up a tier or more?",
    success="The upgrade rate (상승률) of a segment counts every move to a higher tier, over all its earlier customers.",
)
def _upgrade_rate(answer: Any) -> str | None:
    value = as_number(answer)
    m = _matrix()
    row = m.loc["Silver"]
    base = row.sum()
    expected = (row["Gold"] + row["VIP"]) / base
    if abs(value - expected) < 0.0005:
        return None
    if abs(value - row["Gold"] / base) < 0.0005:
        return "moving from Silver to VIP is an upgrade too: add the VIP column."
    if abs(value - (row["Gold"] + row["VIP"]) / (base - row["lost"])) < 0.0005:
        return "customers lost in 1998H1 belong to the base too: divide by the whole Silver row, 'lost' included."
    if abs(value - (row["Gold"] + row["VIP"]) / m[["Gold", "VIP"]].sum().sum()) < 0.0005:
        return (
            "divide by the Silver row (where customers came from), not by the Gold and VIP columns."
        )
    if abs(value - row["Silver"] / base) < 0.0005:
        return "that is the share that stayed Silver (retention); the question asks who moved up."
    if abs(value - row["Bronze"] / base) < 0.0005:
        return "that is the share that moved down to Bronze (downgrade); the question asks who moved up."
    earlier = m.drop(index="new")
    upper = sum(earlier.loc[t, ORDER[i + 1 :]].sum() for i, t in enumerate(ORDER))
    if abs(value - upper / earlier.to_numpy().sum()) < 0.0005:
        return "that is the upgrade rate of all customers together; the question asks about Silver only."
    if abs(value - round(expected, 2)) < 1e-9:
        return "almost: give the share to three decimals (or unrounded), not two."
    if value > 1:
        return "give a share between 0 and 1: the upgraded count divided by all Silver customers of 1997H2."
    return (
        "in the Silver row, add the Gold and VIP cells and divide by the row total (lost included)."
    )
