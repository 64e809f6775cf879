"""Every public helper against the corruption kinds of the robustness review (issue 16).

``CASES`` is an explicit table: one valid base call per public helper, built from small data.
For each argument of a base call, :func:`corruptions` derives bad inputs of the review's kinds —
a missing column, numbers as text, NaN/NaT, inf, a negative, an empty frame, one row, a duplicate
index or MultiIndex, mixed id types, tz-aware dates, a length mismatch, out-of-range and
non-finite scalars, a bogus option — and each call's outcome is classified:

- **clear**: a ValueError/TypeError whose message names the argument or column;
- **finite**: a result without more NaN/inf than the base call's, and, if the corruption is
  invalid (NaN, inf, text numbers, mixed ids, bogus option ...), equal to the base result (the
  bad value had no effect);
- otherwise **unnamed** (a clear error that names nothing), **obscure** (any other exception),
  **silent NaN/inf**, **silent change**, or **mutation** (an input changed).

``test_share_of_clear_outcomes`` prints the counts and fails when fewer than 95 % are clear or
finite, or when any call mutated its input. A new public helper must get a row in ``CASES``
(``test_every_public_helper_is_in_the_table`` says which are missing).

Hypothesis drives the properties at the end (derandomized, no deadline).
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import (
    cleaning,
    clv,
    ecrm,
    goods,
    idic,
    loyalty,
    personalization,
    privacy,
    rfm,
    satisfaction,
    segments,
    sql,
    uplift,
)

GOAL = 0.95
MODULES = [
    cleaning,
    clv,
    ecrm,
    goods,
    idic,
    loyalty,
    personalization,
    privacy,
    rfm,
    satisfaction,
    segments,
    sql,
    uplift,
]
HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---------------------------------------------------------------------------------------------
# Small data (built once)


@dataclass(frozen=True)
class Data:
    orders: pd.DataFrame
    order_items: pd.DataFrame
    products: pd.DataFrame
    customers: pd.DataFrame
    contacts: pd.DataFrame
    sessions: pd.DataFrame
    tickets: pd.DataFrame
    surveys: pd.DataFrame
    reviews: pd.DataFrame
    memberships: pd.DataFrame
    summary: pd.DataFrame
    cdnow: pd.DataFrame
    clean_orders: pd.DataFrame
    bg: Any
    gg: Any


@cache
def data() -> Data:
    """A slice of the shop (the first 150 customers) and of CDNOW: small, real, fast."""
    from helpers.data import load_cdnow, load_cdnow_summary, load_shop

    shop = load_shop()
    ids = shop.customers["customer_id"].sort_values().iloc[:150]
    keep = shop.orders["customer_id"].isin(ids)
    orders = shop.orders.loc[keep].reset_index(drop=True)
    items = shop.order_items.loc[shop.order_items["order_id"].isin(orders["order_id"])].reset_index(
        drop=True
    )
    clean = cleaning.clean_shop_orders(orders, items).data
    summary = load_cdnow_summary().iloc[:300]
    cdnow = load_cdnow("sample")
    cdnow = cdnow.loc[cdnow["customer_id"].isin(cdnow["customer_id"].unique()[:60])].reset_index(
        drop=True
    )
    bg = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    rep = summary.loc[summary["frequency"] > 0]
    gg = clv.fit_gamma_gamma(rep["frequency"], rep["monetary"])

    def part(table: pd.DataFrame) -> pd.DataFrame:
        return table.loc[table["customer_id"].isin(ids)].reset_index(drop=True)

    sessions = part(shop.sessions).iloc[:250].reset_index(drop=True)
    return Data(
        orders=orders,
        order_items=items,
        products=shop.products,
        customers=part(shop.customers),
        contacts=part(shop.campaign_contacts).iloc[:200].reset_index(drop=True),
        sessions=sessions,
        tickets=part(shop.tickets),
        surveys=part(shop.surveys),
        reviews=shop.reviews.iloc[:300].reset_index(drop=True),
        memberships=shop.memberships.iloc[:80].reset_index(drop=True),
        summary=summary,
        cdnow=cdnow,
        clean_orders=clean,
        bg=bg,
        gg=gg,
    )


def _lines(d: Data) -> pd.DataFrame:
    return personalization.purchase_lines(d.clean_orders, d.order_items, d.products)


def _baskets(d: Data) -> pd.DataFrame:
    return ecrm.basket_matrix(_lines(d), basket_col="customer_id", item_col="category")


def _rfm(d: Data) -> pd.DataFrame:
    return rfm.rfm_table(d.clean_orders, as_of="2025-01-01")


def _scores(d: Data) -> pd.DataFrame:
    return rfm.rfm_scores(_rfm(d))


def _monetary(d: Data) -> pd.Series:
    return _rfm(d)["monetary"]


def _campaign(d: Data) -> dict[str, Any]:
    y = d.contacts["responded"].astype(int)
    rng = np.random.default_rng(0)
    score = pd.Series(rng.random(len(y)), index=y.index)
    value = pd.Series(np.where(y == 1, 30_000.0, 0.0), index=y.index)
    return {"y": y, "score": score, "value": value}


def _ipa() -> pd.DataFrame:
    imp = pd.Series({"a": 0.9, "b": 0.1, "c": 0.5})
    perf = pd.Series({"a": 3.0, "b": 4.2, "c": 3.9})
    return satisfaction.importance_performance(imp, perf)


def _churn_frame(d: Data) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    s = d.surveys.copy()
    s["churned"] = (rng.random(len(s)) < 1 / (1 + s["after_sales"])).astype(int)
    return s


def _counts(d: Data) -> pd.DataFrame:
    lines = _lines(d)
    return pd.crosstab(lines["customer_id"], lines["category"])


def _tiers(values: pd.Series, cut: float) -> pd.Series:
    return pd.Series(np.where(values > cut, "high", "low"), index=values.index)


@cache
def _donations() -> pd.DataFrame:
    from helpers.data import load_donations

    return load_donations()


def _uplift_frame() -> pd.DataFrame:
    """A seeded campaign with a control group: contact helps only customers with x > 0."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=160)
    treated = (rng.random(160) < 0.5).astype(int)
    converted = (rng.random(160) < 0.2 + 0.3 * treated * (x > 0)).astype(int)
    return pd.DataFrame(
        {
            "x": x,
            "score": x + rng.normal(scale=0.5, size=160),
            "treated": treated,
            "converted": converted,
        }
    )


def _pairs(d: Data) -> pd.DataFrame:
    """Main product -> accessory pairs among the slice's most bought products."""
    top = _lines(d)["product_id"].value_counts().index[:6].tolist()
    return pd.DataFrame({"main_product_id": top[:3], "accessory_product_id": top[3:6]})


# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Case:
    """One public helper and its valid base call (every argument passed by name)."""

    func: Callable[..., Any]
    build: Callable[[Data], dict[str, Any]]
    aliases: tuple[str, ...] = ()  # other words a clear message may use for an argument
    free: frozenset[str] = frozenset()  # arguments whose any value is legal (e.g. a salt)
    label: str = ""
    legal: frozenset[str] = frozenset()  # "argument.column:kind" corruptions that are legal here

    @property
    def name(self) -> str:
        return self.label or f"{self.func.__module__.removeprefix('helpers.')}.{self.func.__name__}"


def _c(func, build, *aliases, free=(), label="", legal=()):
    return Case(func, build, tuple(aliases), frozenset(free), label, frozenset(legal))


S = pd.Series
CASES: list[Case] = [
    # rfm
    _c(rfm.rfm_table, lambda d: {"transactions": d.clean_orders, "as_of": "2025-01-01"}),
    _c(rfm.rfm_scores, lambda d: {"rfm": _rfm(d), "bins": 5}),
    _c(rfm.rfm_segments, lambda d: {"scores": _scores(d)}),
    _c(
        rfm.rfm_at,
        lambda d: {"transactions": d.clean_orders, "dates": ["2024-06-01", "2024-12-01"]},
    ),
    _c(rfm.score_contacts, lambda d: {"contacts": d.contacts, "transactions": d.clean_orders}),
    # clv
    _c(clv.simple_ltv, lambda d: {"avg_purchase": 50_000, "periods": 3}),
    _c(clv.retention_clv, lambda d: {"margin": 100, "retention": 0.8, "discount": 0.12}),
    _c(
        clv.retention_clv,
        lambda d: {"margin": 100, "retention": 0.8, "discount": 0.12, "periods": 5},
        label="clv.retention_clv(periods)",
    ),
    _c(clv.retention_elasticity, lambda d: {"retention": 0.8, "discount": 0.12}),
    _c(
        clv.summary_from_transactions,
        lambda d: {"transactions": d.cdnow, "date_col": "date", "calibration_end": "1997-09-30"},
    ),
    _c(clv.fit_sbg, lambda d: {"survivors": [1000, 631, 468, 382, 326, 289, 262, 241]}),
    _c(
        clv.fit_bgnbd,
        lambda d: {
            "frequency": d.summary["frequency"],
            "recency": d.summary["recency"],
            "T": d.summary["T"],
        },
    ),
    _c(
        clv.fit_gamma_gamma,
        lambda d: {
            "frequency": d.summary.query("frequency > 0")["frequency"],
            "monetary": d.summary.query("frequency > 0")["monetary"],
        },
    ),
    _c(
        clv.customer_lifetime_value,
        lambda d: {
            "bgnbd": d.bg,
            "gamma_gamma": d.gg,
            "frequency": d.summary["frequency"],
            "recency": d.summary["recency"],
            "T": d.summary["T"],
            "monetary": d.summary["monetary"],
            "months": 12,
            "discount_rate": 0.01,
            "margin": 0.3,
        },
    ),
    _c(
        clv.repeat_purchase_tracking,
        lambda d: {"model": d.bg, "transactions": d.cdnow, "date_col": "date"},
    ),
    _c(
        clv.holdout_by_frequency,
        lambda d: {
            "model": d.bg,
            "summary": clv.summary_from_transactions(
                d.cdnow, date_col="date", calibration_end="1997-09-30", observation_end="1998-06-30"
            ),
            "max_frequency": 3,
        },
    ),
    _c(
        clv.ranking_agreement,
        lambda d: {
            "scores": pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [1, 2, 4, 3, 6, 5]}),
            "top_share": 0.5,
        },
    ),
    _c(
        clv.simulate_bgnbd,
        lambda d: {"n": 20, "r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5, "T": 39, "seed": 1},
    ),
    _c(
        clv.simulate_gamma_gamma,
        lambda d: {"frequency": [1, 2, 3], "p": 6.0, "q": 4.0, "gamma": 15.0, "seed": 1},
    ),
    _c(
        clv.bgnbd_negative_loglik,
        lambda d: {
            "params": [0.243, 4.414, 0.793, 2.426],
            "frequency": [2, 0],
            "recency": [30.43, 0],
            "T": [38.86, 38.86],
        },
    ),
    # loyalty
    _c(
        loyalty.CohortModel,
        lambda d: {"retention": 0.8, "acquisition_cost": 100.0},
        label="loyalty.CohortModel",
    ),
    _c(
        loyalty.retention_effect,
        lambda d: {"model": loyalty.CohortModel(retention=0.8), "points": 0.05},
    ),
    _c(
        loyalty.effect_grid,
        lambda d: {
            "model": loyalty.CohortModel(),
            "rows": ("retention", [0.7, 0.8]),
            "cols": ("margin_growth", [0.0, 0.1]),
        },
        "grid parameter",
        "retention",
        "margin_growth",
    ),
    _c(loyalty.won_ko, lambda d: {"amount": 211_000_000.0, "step": 10_000.0}),
    _c(
        loyalty.break_even_months,
        lambda d: {"model": loyalty.CohortModel(acquisition_cost=40, discount_rate=0.0)},
    ),
    _c(loyalty.break_even_table, lambda d: {"model": loyalty.CohortModel(), "markups": [0.0, 0.4]}),
    _c(
        loyalty.cumulative_profit_by_month,
        lambda d: {"model": loyalty.CohortModel(discount_rate=0.0, years=1)},
    ),
    _c(
        loyalty.scenario_table,
        lambda d: {
            "model": loyalty.CohortModel(),
            "scenarios": {"base": {}, "better": {"retention": 0.85}},
        },
    ),
    _c(
        loyalty.tenure_months,
        lambda d: {
            "dates": d.clean_orders["order_date"],
            "start": d.clean_orders["order_date"]
            .groupby(d.clean_orders["customer_id"])
            .transform("min"),
        },
    ),
    _c(loyalty.spend_by_tenure, lambda d: {"orders": d.clean_orders, "as_of": "2025-01-01"}),
    _c(
        loyalty.loyalty_ratio,
        lambda d: {
            "orders": d.clean_orders,
            "as_of": "2025-01-01",
            "early": (0, 6),
            "late": (12, 18),
        },
    ),
    _c(loyalty.cohort_retention, lambda d: {"orders": d.clean_orders, "as_of": "2025-01-01"}),
    _c(loyalty.repeat_purchase_rate, lambda d: {"orders": d.clean_orders, "within_days": 90}),
    # satisfaction
    _c(
        satisfaction.churn_after_survey,
        lambda d: {
            "surveys": d.surveys,
            "churn_dates": pd.DataFrame(
                {
                    "customer_id": d.surveys["customer_id"],
                    "churned_at": d.surveys["surveyed_at"] + pd.Timedelta(days=90),
                }
            ),
            "window_days": 180,
            "end": "2025-01-01",
        },
    ),
    _c(satisfaction.churn_drivers, lambda d: {"frame": _churn_frame(d)}),
    _c(satisfaction.driver_regression, lambda d: {"frame": d.surveys}),
    _c(
        satisfaction.fcr_customers_kept,
        lambda d: {"n_customers": 1000, "fcr_now": 0.65, "fcr_target": 0.80, "churn_gap": 0.20},
    ),
    _c(satisfaction.fcr_rate, lambda d: {"tickets": d.tickets}),
    _c(
        satisfaction.importance_performance,
        lambda d: {
            "importance": S({"a": 0.9, "b": 0.1, "c": 0.5}),
            "performance": S({"a": 3.0, "b": 4.2, "c": 3.9}),
        },
    ),
    _c(
        satisfaction.inactive_after_survey,
        lambda d: {
            "surveys": d.surveys,
            "orders": d.orders,
            "window_days": 90,
            "end": "2025-01-01",
        },
    ),
    _c(
        satisfaction.mean_by,
        lambda d: {
            "frame": d.surveys.assign(g=d.surveys["nps"] > 8),
            "by": "g",
            "value": "after_sales",
        },
    ),
    _c(satisfaction.nps, lambda d: {"scores": d.surveys["nps"]}),
    _c(
        satisfaction.nps,
        lambda d: {"scores": d.surveys["nps"], "ci": "bootstrap", "n_boot": 200},
        label="satisfaction.nps(bootstrap)",
    ),
    _c(
        satisfaction.nps_by,
        lambda d: {"frame": d.surveys.assign(g=d.surveys["customer_id"] % 3), "by": "g"},
    ),
    _c(satisfaction.nps_category, lambda d: {"scores": d.surveys["nps"]}),
    _c(
        satisfaction.quadrant,
        lambda d: {
            "importance": 0.8,
            "performance": 3.1,
            "importance_cut": 0.5,
            "performance_cut": 3.5,
        },
    ),
    _c(
        satisfaction.rate_by,
        lambda d: {
            "frame": d.tickets.assign(y=d.tickets["resolved_first_contact"].astype(int)),
            "by": "topic",
            "outcome": "y",
        },
    ),
    _c(satisfaction.resolution_bucket, lambda d: {"hours": d.tickets["resolution_hours"].dropna()}),
    _c(satisfaction.support_plan, lambda d: {"ipas": {"retention": _ipa()}}),
    _c(satisfaction.ticket_summary, lambda d: {"tickets": d.tickets}),
    _c(
        satisfaction.validate_scores,
        lambda d: {"values": d.surveys["after_sales"], "name": "after_sales", "low": 1, "high": 5},
        "after_sales",
        free=("name",),
    ),
    # personalization
    _c(
        personalization.classify_customization,
        lambda d: {"product_changes": True, "representation_changes": False},
    ),
    _c(
        personalization.place_offering,
        lambda d: {
            "offering": {"name": "x", "product_changes": True, "representation_changes": True}
        },
    ),
    _c(
        personalization.place_offerings,
        lambda d: {
            "offerings": pd.DataFrame(
                {"product_changes": [True, False], "representation_changes": [False, False]},
                index=["A", "B"],
            )
        },
    ),
    _c(personalization.profile_matrix, lambda d: {"events": d.sessions}),
    _c(
        personalization.mix_diversity,
        lambda d: {"shares": personalization.profile_matrix(d.sessions)},
    ),
    _c(personalization.assortment_coverage, lambda d: {"events": _lines(d), "need_share": 0.8}),
    _c(personalization.choose_approach, lambda d: {"what": 0.35, "how": 0.02}),
    # a missing customer id is an anonymous session; any user gets the popularity list
    _c(
        personalization.resolve_identities,
        lambda d: {"sessions": d.sessions},
        legal=("sessions.customer_id:NaN",),
    ),
    _c(
        personalization.attribute_sessions,
        lambda d: {"sessions": d.sessions},
        legal=("sessions.customer_id:NaN",),
    ),
    _c(
        personalization.item_similarity,
        lambda d: {"profiles": personalization.profile_matrix(d.sessions)},
    ),
    _c(
        personalization.recommend,
        lambda d: {"profiles": personalization.profile_matrix(d.sessions), "k": 2},
    ),
    _c(
        personalization.popularity_recommend,
        lambda d: {"popularity": S({"a": 5, "b": 9, "c": 1}), "users": ["u1", "u2"], "k": 2},
        legal=("users:unknown name",),
    ),
    _c(
        personalization.hit_rate_at_k,
        lambda d: {
            "recommendations": pd.DataFrame(
                {"rank_1": ["a", "b"]}, index=pd.Index([1, 2], name="customer_id")
            ),
            "holdout": pd.DataFrame({"customer_id": [1, 2, 2], "category": ["a", "a", "c"]}),
        },
    ),
    _c(
        personalization.purchase_lines,
        lambda d: {"orders": d.clean_orders, "order_items": d.order_items, "products": d.products},
    ),
    _c(
        personalization.evaluate_recommenders,
        lambda d: {
            "views": d.sessions.iloc[:120].assign(
                customer_id=d.sessions["customer_id"].iloc[:120].astype("int64")
            ),
            "purchases": _lines(d).iloc[::4],
            "cutoff": "2024-07-01",
            "ks": [1, 2],
        },
    ),
    # idic
    _c(idic.gini, lambda d: {"values": _monetary(d)}),
    _c(idic.top_share, lambda d: {"values": _monetary(d), "share": 0.2}),
    _c(idic.value_differentiation, lambda d: {"values": _monetary(d), "share": 0.2}),
    _c(
        idic.needs_differentiation,
        lambda d: {"counts": _counts(d), "n_null": 5, "max_customers": 100},
    ),
    _c(
        idic.between_customer_share,
        lambda d: {
            "values": d.clean_orders["amount"].astype(float),
            "customers": d.clean_orders["customer_id"],
        },
    ),
    _c(idic.peppers_rogers_quadrant, lambda d: {"value_diff": 0.8, "needs_diff": 0.3}),
    _c(
        idic.identity_summary,
        lambda d: {"sessions": personalization.attribute_sessions(d.sessions)},
        legal=("sessions.customer_id:NaN",),
    ),
    _c(
        idic.interaction_counts,
        lambda d: {"tables": {"orders": d.clean_orders, "tickets": d.tickets}},
    ),
    _c(idic.next_best_category, lambda d: {"counts": _counts(d)}),
    _c(
        idic.targeting_profit,
        lambda d: {
            "responded": _campaign(d)["y"],
            "revenue": _campaign(d)["value"],
            "score": _campaign(d)["score"],
            "cost_per_contact": 100,
            "margin": 0.25,
            "n_boot": 50,
        },
    ),
    _c(
        idic.margin_by_decile,
        lambda d: {
            "responded": _campaign(d)["y"],
            "revenue": _campaign(d)["value"],
            "score": _campaign(d)["score"],
            "margin": 0.25,
            "n_bins": 4,
        },
    ),
    # segments
    _c(segments.value_tiers, lambda d: {"values": _monetary(d)}),
    _c(
        segments.value_tiers,
        lambda d: {
            "values": _monetary(d),
            "cutoffs": {"VIP": 1_000_000, "Gold": 500_000, "Silver": 100_000, "Bronze": 0},
        },
        label="segments.value_tiers(cutoffs)",
    ),
    _c(
        segments.cluster_customers,
        lambda d: {
            "features": _rfm(d)[["recency", "frequency", "monetary"]],
            "k": 3,
            "random_state": 0,
            "n_init": 2,
        },
    ),
    _c(
        segments.choose_k,
        lambda d: {
            "features": _rfm(d)[["recency", "frequency", "monetary"]],
            "ks": [2, 3],
            "n_init": 2,
        },
    ),
    _c(segments.profile, lambda d: {"features": _rfm(d), "labels": _tiers(_monetary(d), 300_000)}),
    _c(segments.pareto_curve, lambda d: {"values": _monetary(d)}),
    _c(segments.core_customers, lambda d: {"values": _monetary(d), "share": 0.5}),
    _c(
        segments.period_values,
        lambda d: {"transactions": d.clean_orders, "start": "2024-01-01", "end": "2024-07-01"},
    ),
    _c(
        segments.migration_matrix,
        lambda d: {
            "before": _tiers(_monetary(d), 300_000),
            "after": _tiers(_monetary(d), 500_000),
            "order": ["low", "high"],
        },
    ),
    _c(
        segments.migration_rates,
        lambda d: {
            "before": _tiers(_monetary(d), 300_000),
            "after": _tiers(_monetary(d), 500_000),
            "order": ["low", "high"],
        },
    ),
    # ecrm
    _c(
        ecrm.gains_table,
        lambda d: {"y_true": _campaign(d)["y"], "score": _campaign(d)["score"], "n_bins": 4},
    ),
    _c(
        ecrm.profit_by_depth,
        lambda d: {
            "y_true": _campaign(d)["y"],
            "score": _campaign(d)["score"],
            "value": _campaign(d)["value"],
            "cost_per_contact": 500,
            "n_bins": 4,
        },
    ),
    _c(
        ecrm.best_depth,
        lambda d: {
            "profit_table": ecrm.profit_by_depth(
                _campaign(d)["y"],
                _campaign(d)["score"],
                _campaign(d)["value"],
                cost_per_contact=500,
                n_bins=4,
            )
        },
    ),
    _c(
        ecrm.targeting_scenarios,
        lambda d: {
            "y_true": _campaign(d)["y"],
            "score": _campaign(d)["score"],
            "amount": _campaign(d)["value"],
            "costs": [10, 1500],
            "margin": 0.25,
            "n_bins": 4,
        },
        "cost_per_contact",
    ),
    _c(ecrm.contact_history, lambda d: {"contacts": d.contacts, "orders": d.orders}),
    _c(
        ecrm.campaign_features,
        lambda d: {"contacts": d.contacts, "orders": d.clean_orders, "customers": d.customers},
    ),
    _c(
        ecrm.model_pipeline,
        lambda d: {"numeric": ["recency"], "categorical": ["channel"], "model": "logistic"},
    ),
    _c(
        ecrm.funnel,
        lambda d: {
            "sessions": d.sessions,
            "steps": ["viewed_product", "added_to_cart", "purchased"],
        },
    ),
    _c(ecrm.basket_matrix, lambda d: {"lines": _lines(d)}),
    _c(
        ecrm.rule_stats,
        lambda d: {"onehot": _baskets(d), "antecedent": "books", "consequent": "sports"},
    ),
    _c(
        ecrm.association_rules_table,
        lambda d: {"onehot": _baskets(d), "min_support": 0.1, "max_len": 2},
    ),
    _c(
        ecrm.rules_by_segment,
        lambda d: {
            "onehot": _baskets(d),
            "segments": _tiers(_monetary(d), 300_000).reindex(_baskets(d).index),
            "min_baskets": 10,
            "min_support": 0.1,
            "max_len": 2,
        },
    ),
    _c(ecrm.second_purchase_times, lambda d: {"orders": d.clean_orders, "as_of": "2025-01-01"}),
    _c(
        ecrm.second_purchase_curve,
        lambda d: {
            "times": ecrm.second_purchase_times(d.clean_orders, as_of="2025-01-01"),
            "bin_days": 30,
            "horizon_days": 360,
        },
    ),
    _c(
        ecrm.tier_proximity,
        lambda d: {
            "values": _monetary(d),
            "cutoffs": {"gold": 1_000_000, "silver": 300_000, "basic": 0},
        },
    ),
    _c(
        ecrm.referral_summary,
        lambda d: {
            "customers": d.customers,
            "value": _monetary(d).reindex(d.customers["customer_id"], fill_value=0.0),
        },
    ),
    _c(
        ecrm.spend_within,
        lambda d: {
            "orders": d.clean_orders,
            "start": d.customers.set_index("customer_id")["signup_date"],
            "days": 365,
        },
        legal=("orders.customer_id:NaN",),
    ),
    _c(
        ecrm.inactivity_churn,
        lambda d: {"orders": d.clean_orders, "cutoff": "2024-06-01"},
        legal=("orders.customer_id:NaN",),
    ),
    _c(
        ecrm.membership_churn,
        lambda d: {"memberships": d.memberships, "cutoff": "2024-06-01", "horizon_months": 3},
    ),
    _c(
        ecrm.features_before,
        lambda d: {
            "cutoff": "2024-06-01",
            "orders": d.clean_orders,
            "tickets": d.tickets,
            "contacts": d.contacts,
        },
    ),
    _c(
        ecrm.calibration_table,
        lambda d: {"y_true": _campaign(d)["y"], "probability": _campaign(d)["score"], "n_bins": 4},
    ),
    # goods
    _c(
        goods.rating_dispersion,
        lambda d: {
            "reviews": d.reviews.merge(d.products[["product_id", "goods_type"]]),
            "n_boot": 50,
        },
    ),
    _c(
        goods.reviews_before,
        lambda d: {
            "events": d.sessions.dropna(subset=["product_id"]).astype({"product_id": "int64"}),
            "reviews": d.reviews,
        },
    ),
    _c(goods.review_count_buckets, lambda d: {"counts": [0, 3, 7, 40, 2]}),
    _c(
        goods.conversion_by_bucket,
        lambda d: {"df": d.sessions.assign(b=d.sessions["pages"] > 3), "bucket_col": "b"},
    ),
    # privacy
    _c(
        privacy.consent_filter,
        lambda d: {"data": d.clean_orders, "customers": d.customers, "report": False},
        legal=("data.customer_id:NaN",),
    ),
    _c(
        privacy.pseudonymise,
        lambda d: {"ids": d.customers["customer_id"], "key": "demo-key"},
        free=("key",),
        legal=("ids:NaN",),
    ),
    _c(
        privacy.sensitive_inferences,
        lambda d: {"profiles": personalization.profile_matrix(d.sessions), "category": "kids"},
    ),
    _c(
        privacy.k_anonymity,
        lambda d: {"data": d.customers, "quasi_identifiers": ["region", "age_band"], "k": 2},
    ),
    # cleaning
    # a guest order has no customer id (cleaning reports and drops it); consent needs an id
    _c(
        cleaning.clean_transactions,
        lambda d: {"transactions": d.orders, "customer_col": "customer_id"},
        legal=("transactions.customer_id:NaN",),
    ),
    _c(
        cleaning.clean_shop_orders,
        lambda d: {"orders": d.orders, "order_items": d.order_items},
        legal=("orders.customer_id:NaN",),
    ),
    _c(cleaning.iqr_fence, lambda d: {"values": d.orders["amount"].astype(float), "k": 3.0}),
    # clv (added helpers)
    _c(
        clv.calibration_histogram,
        lambda d: {"model": d.bg, "summary": d.summary, "max_frequency": 5},
    ),
    _c(
        clv.clv_uncertainty,
        lambda d: {
            "bgnbd": d.bg,
            "gamma_gamma": d.gg,
            "frequency": d.summary["frequency"].iloc[:40],
            "recency": d.summary["recency"].iloc[:40],
            "T": d.summary["T"].iloc[:40],
            "monetary": d.summary["monetary"].iloc[:40],
            "n_draws": 20,
        },
    ),
    _c(
        clv.fit_bgbb,
        lambda d: {
            "frequency": _donations()["frequency"],
            "recency": _donations()["recency"],
            "n_periods": _donations()["periods"],
            "weights": _donations()["weights"],
        },
    ),
    _c(
        clv.fit_pareto_nbd,
        lambda d: {
            "frequency": d.summary["frequency"],
            "recency": d.summary["recency"],
            "T": d.summary["T"],
        },
    ),
    _c(
        clv.fit_sbg_durations,
        lambda d: {"periods": [1, 2, 3, 5, 5, 5, 8, 9], "churned": [True] * 5 + [False] * 3},
    ),
    _c(
        clv.gamma_gamma_negative_loglik,
        lambda d: {"params": [6.25, 3.74, 15.44], "frequency": [2, 1], "monetary": [22.35, 11.77]},
    ),
    _c(
        clv.pareto_nbd_negative_loglik,
        lambda d: {
            "params": [0.553, 10.578, 0.606, 11.67],
            "frequency": [2, 0],
            "recency": [30.43, 0],
            "T": [38.86, 38.86],
        },
    ),
    # ecrm (added helpers)
    _c(ecrm.followup_rate, lambda d: {"lines": _lines(d), "pairs": _pairs(d), "within_days": 60}),
    _c(
        ecrm.history_at,
        lambda d: {
            "rows": d.contacts[["customer_id", "sent_at"]],
            "contacts": d.contacts,
            "orders": d.orders,
        },
    ),
    _c(ecrm.membership_spells, lambda d: {"memberships": d.memberships, "as_of": "2025-01-01"}),
    _c(
        ecrm.rule_recovery,
        lambda d: {
            "found": pd.DataFrame({"antecedent": ["x", "b", "c"], "consequent": ["y", "a", "d"]}),
            "truth": pd.DataFrame(
                {"main_product_id": ["a", "c"], "accessory_product_id": ["b", "d"]}
            ),
        },
    ),
    # goods (added helpers)
    _c(
        goods.within_product_effect,
        lambda d: {
            "events": pd.DataFrame(
                {
                    "product_id": [1] * 4 + [2] * 4 + [3] * 4,
                    "reviews": [0, 1, 2, 3, 10, 11, 12, 13, 5, 6, 7, 8],
                    "bought": [0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1],
                }
            ),
            "outcome_col": "bought",
            "x_cols": ["reviews"],
        },
    ),
    # loyalty (added helpers)
    _c(loyalty.effect_decomposition, lambda d: {"model": loyalty.CohortModel(), "points": 0.05}),
    _c(
        loyalty.second_purchase_curve,
        lambda d: {"orders": d.clean_orders, "days": 180, "as_of": "2025-01-01"},
    ),
    # personalization (added helpers)
    _c(
        personalization.evaluate_product_recommenders,
        lambda d: {
            "purchases": _lines(d),
            "cutoff": "2024-07-01",
            "k": 5,
            "methods": ["popularity", "item-item CF"],
        },
    ),
    _c(
        personalization.homogeneous_taste_null,
        lambda d: {"events": _lines(d)[["customer_id", "category"]]},
    ),
    _c(
        personalization.mix_drift,
        lambda d: {
            "events": _lines(d).assign(year=_lines(d)["order_date"].dt.year),
            "period_col": "year",
            "periods": (2023, 2024),
            "n_null": 10,
        },
    ),
    _c(
        personalization.product_scores,
        lambda d: {"train": _lines(d), "method": "item-item CF"},
    ),
    # privacy (added helpers)
    _c(
        privacy.l_diversity,
        lambda d: {
            "data": d.customers,
            "quasi_identifiers": ["region", "age_band"],
            "sensitive": "marketing_consent",
            "l": 2,
        },
    ),
    # rfm (added helpers)
    _c(rfm.rfm_sql, lambda d: {"source": d.clean_orders, "as_of": "2025-01-01"}),
    # satisfaction (added helpers)
    _c(
        satisfaction.nps_difference,
        lambda d: {"a": d.surveys["nps"].iloc[:20], "b": d.surveys["nps"].iloc[20:]},
    ),
    _c(satisfaction.penalty_reward, lambda d: {"frame": d.surveys}),
    _c(satisfaction.relative_importance, lambda d: {"frame": d.surveys}),
    # segments (added helpers)
    _c(
        segments.cluster_stability,
        lambda d: {
            "features": _rfm(d)[["recency", "frequency", "monetary"]],
            "ks": [2, 3],
            "n_boot": 3,
            "n_init": 1,
        },
    ),
    # uplift
    _c(
        uplift.uplift_by_decile,
        lambda d: {
            "frame": _uplift_frame(),
            "score_col": "score",
            "treated_col": "treated",
            "outcome_col": "converted",
            "bins": 4,
        },
    ),
    _c(
        uplift.qini_curve,
        lambda d: {
            "frame": _uplift_frame(),
            "score_col": "score",
            "treated_col": "treated",
            "outcome_col": "converted",
        },
    ),
    _c(
        uplift.qini_coefficient,
        lambda d: {
            "frame": _uplift_frame(),
            "score_col": "score",
            "treated_col": "treated",
            "outcome_col": "converted",
        },
    ),
    _c(
        uplift.incremental_profit_by_depth,
        lambda d: {
            "frame": _uplift_frame(),
            "score_col": "score",
            "treated_col": "treated",
            "outcome_col": "converted",
            "margin": 100,
            "cost_per_contact": 10,
            "bins": 4,
        },
    ),
    _c(
        uplift.two_model_uplift,
        lambda d: {
            "train": _uplift_frame(),
            "features": ["x"],
            "treated_col": "treated",
            "outcome_col": "converted",
        },
    ),
    _c(
        uplift.ab_test,
        lambda d: {
            "frame": _uplift_frame().assign(
                arm=lambda f: np.where(f["treated"] == 1, "mail", "none")
            ),
            "arm_col": "arm",
            "outcome_col": "converted",
            "treatment": "mail",
            "control": "none",
        },
    ),
    _c(
        uplift.ab_test_counts,
        lambda d: {
            "conversions_treatment": 30,
            "n_treatment": 200,
            "conversions_control": 20,
            "n_control": 200,
        },
    ),
    _c(uplift.sample_size, lambda d: {"p_control": 0.05, "effect": 0.01}),
    _c(uplift.minimum_detectable_effect, lambda d: {"n_per_arm": 1000, "p_control": 0.05}),
    # sql
    # any valid SQL name is legal; the message names the argument as the caller called it
    _c(sql.identifier, lambda d: {"name": "customer_id"}, free=("name",)),
    _c(
        sql.date_literal,
        lambda d: {"value": "2024-01-01", "name": "as_of"},
        "as_of",
        free=("name",),
    ),
    _c(
        sql.run_query,
        lambda d: {
            "source": d.cdnow,
            "query": "SELECT customer_id, COUNT(*) AS n FROM transactions "
            "GROUP BY customer_id ORDER BY customer_id",
            "columns": ["customer_id", "date"],
        },
    ),
    _c(
        sql.clv_summary_sql,
        lambda d: {"source": d.cdnow, "date_col": "date", "calibration_end": "1997-09-30"},
    ),
]

NO_ARGUMENTS = {
    "rfm.segment_rules",
    "satisfaction.lele_elements",
    "personalization.customization_cases",
    "personalization.gilmore_pine_examples",
    "segments.strategy_map",
}
"""Public helpers that take no arguments (nothing to corrupt)."""

NOT_CALLED_DIRECTLY = {
    "clv.ConvergenceError",
    "clv.SBGFit",
    "clv.BGNBDFit",
    "clv.GammaGammaFit",
    "satisfaction.DriverFit",
    "satisfaction.NPSResult",
    "personalization.Offering",
    "privacy.KAnonymity",
    "cleaning.CleaningResult",
    "clv.BGBBFit",
    "clv.ParetoNBDFit",
    "uplift.ABTest",
}
"""Result containers (built by the helpers; their fields are corrupted through the model cases)."""


# ---------------------------------------------------------------------------------------------
# Corruptions


@dataclass(frozen=True)
class Corruption:
    kind: str
    argument: str
    value: Any
    invalid: bool  # an invalid value must not change the result silently
    column: str | None = None


DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _is_id(col: str) -> bool:
    return col == "id" or col.endswith("_id")


def _one_position(n: int) -> int:
    return min(1, n - 1)


def _frame_corruptions(arg: str, df: pd.DataFrame) -> Iterator[Corruption]:
    n = len(df)
    for col in df.columns:
        # a missing column must give a clear error or be one the helper does not need
        yield Corruption("missing column", arg, df.drop(columns=[col]), False, str(col))
        values = df[col]
        if n == 0:
            continue
        i = _one_position(n)
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            # text ids are legal in one table (joins with numeric ids are caught as NaN results)
            yield Corruption(
                "text numbers",
                arg,
                df.assign(**{col: values.astype(str)}),
                not _is_id(str(col)),
                str(col),
            )
            if not values.isna().any():
                yield Corruption(
                    "NaN",
                    arg,
                    df.assign(
                        **{col: values.astype("float64").where(values.index != values.index[i])}
                    ),
                    True,
                    str(col),
                )
            yield Corruption(
                "inf",
                arg,
                df.assign(
                    **{col: values.astype("float64").mask(values.index == values.index[i], np.inf)}
                ),
                True,
                str(col),
            )
            if not _is_id(str(col)):
                yield Corruption(
                    "negative",
                    arg,
                    df.assign(
                        **{
                            col: values.astype("float64").mask(
                                values.index == values.index[i],
                                -float(abs(values.iloc[i] if pd.notna(values.iloc[i]) else 1)) - 1,
                            )
                        }
                    ),
                    False,
                    str(col),
                )
        if pd.api.types.is_datetime64_any_dtype(values):
            if not values.isna().any():
                yield Corruption(
                    "NaT",
                    arg,
                    df.assign(**{col: values.mask(values.index == values.index[i])}),
                    True,
                    str(col),
                )
            if not isinstance(values.dtype, pd.DatetimeTZDtype):
                yield Corruption(
                    "tz-aware dates",
                    arg,
                    df.assign(**{col: values.dt.tz_localize("Asia/Seoul")}),
                    True,
                    str(col),
                )
        if _is_id(str(col)) and values.notna().all():
            mixed = values.astype(object).copy()
            mixed.iloc[::2] = mixed.iloc[::2].map(str)
            yield Corruption("mixed id types", arg, df.assign(**{col: mixed}), True, str(col))
    yield Corruption("empty", arg, df.iloc[:0], False)
    if n > 1:
        yield Corruption("one row", arg, df.iloc[:1], False)
        dup = df.copy()
        dup.index = [dup.index[0]] * n
        yield Corruption("duplicate index", arg, dup, False)
        multi = df.copy()
        multi.index = pd.MultiIndex.from_arrays([np.zeros(n, dtype=int), np.arange(n)])
        yield Corruption("MultiIndex", arg, multi, False)


def _vector_corruptions(arg: str, values: Any) -> Iterator[Corruption]:
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    n = len(s)
    rebuild = (
        (lambda x: x)
        if isinstance(values, pd.Series)
        else (lambda x: x.tolist() if isinstance(values, list) else x.to_numpy())
    )
    if n == 0:
        return
    i = _one_position(n)
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        f = s.astype("float64")
        yield Corruption("text numbers", arg, rebuild(s.astype(str)), True)
        if not s.isna().any():
            yield Corruption("NaN", arg, rebuild(f.where(np.arange(n) != i)), True)
        yield Corruption("inf", arg, rebuild(f.mask(np.arange(n) == i, np.inf)), True)
        yield Corruption(
            "negative", arg, rebuild(f.mask(np.arange(n) == i, -abs(f.iloc[i]) - 1)), False
        )
        yield Corruption("huge", arg, rebuild(f.mask(np.arange(n) == i, 1e300)), False)
    elif pd.api.types.is_datetime64_any_dtype(s):
        yield Corruption("NaT", arg, rebuild(s.mask(np.arange(n) == i)), True)
        if not isinstance(s.dtype, pd.DatetimeTZDtype):
            yield Corruption("tz-aware dates", arg, rebuild(s.dt.tz_localize("Asia/Seoul")), True)
    elif (
        s.map(lambda v: isinstance(v, str)).all()
        and s.map(lambda v: bool(DATE_TEXT.match(v))).all()
    ):
        yield Corruption("bad date", arg, rebuild(s.mask(np.arange(n) == i, "not a date")), True)
    elif not pd.api.types.is_bool_dtype(s):
        mixed = s.astype(object).copy()
        if pd.api.types.infer_dtype(mixed) == "integer":
            mixed.iloc[::2] = mixed.iloc[::2].map(str)
            yield Corruption("mixed id types", arg, rebuild(mixed), True)
    yield Corruption("length mismatch", arg, rebuild(s.iloc[:-1]), False)
    yield Corruption("empty", arg, rebuild(s.iloc[:0]), False)
    if isinstance(values, pd.Series) and n > 1:
        dup = s.copy()
        dup.index = [s.index[0]] * n
        yield Corruption("duplicate index", arg, dup, False)


def _scalar_corruptions(arg: str, value: Any) -> Iterator[Corruption]:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float, np.integer, np.floating)):
        yield Corruption("nan scalar", arg, float("nan"), True)
        yield Corruption("inf scalar", arg, float("inf"), True)
        yield Corruption("-inf scalar", arg, float("-inf"), True)
        yield Corruption("out of range (negative)", arg, -abs(value) - 1, False)
        yield Corruption("text number", arg, str(value), True)
        yield Corruption("huge scalar", arg, 1e308, False)
        return
    if isinstance(value, pd.Timestamp) or (isinstance(value, str) and DATE_TEXT.match(value)):
        yield Corruption("bad date", arg, "not a date", True)
        yield Corruption("NaT scalar", arg, pd.NaT, True)
        yield Corruption("tz-aware date", arg, pd.Timestamp(value).tz_localize("Asia/Seoul"), True)
        return
    if isinstance(value, str):
        yield Corruption("bogus option", arg, value + "_bogus", True, value + "_bogus")
        return


def _container_corruptions(arg: str, value: Any) -> Iterator[Corruption]:
    if isinstance(value, Mapping):
        if not value:
            return
        key = next(iter(value))
        first = value[key]
        if isinstance(first, (int, float)) and not isinstance(first, bool):
            yield Corruption("NaN in dict", arg, {**value, key: float("nan")}, True)
            yield Corruption("inf in dict", arg, {**value, key: float("inf")}, True)
        elif isinstance(first, pd.DataFrame):
            for c in _frame_corruptions(f"{arg}[{key!r}]", first):
                if c.kind in ("missing column", "text numbers", "mixed id types", "empty"):
                    yield Corruption(c.kind, arg, {**value, key: c.value}, c.invalid, c.column)
        elif isinstance(first, Mapping):
            yield Corruption(
                "bogus key", arg, {**value, key: {**first, "bogus_field": 1.0}}, True, "bogus_field"
            )
        yield Corruption("empty dict", arg, {}, False)
        return
    if (
        isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)
    ):  # ("retention", [0.7, 0.8])
        yield Corruption(
            "bogus option", arg, (value[0] + "_bogus", value[1]), True, value[0] + "_bogus"
        )
        yield Corruption("NaN in list", arg, (value[0], [float("nan"), *list(value[1])[1:]]), True)
        return
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        if not all(DATE_TEXT.match(v) for v in value):
            yield Corruption("unknown name", arg, [*value, "bogus_name"], True, "bogus_name")
            yield Corruption("empty list", arg, [], False)
            return


def _model_corruptions(arg: str, value: Any) -> Iterator[Corruption]:
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    for f in dataclasses.fields(value):
        current = getattr(value, f.name)
        if isinstance(current, bool) or not isinstance(current, (int, float)):
            continue
        for kind, bad in (
            ("nan field", float("nan")),
            ("inf field", float("inf")),
            ("negative field", -abs(current) - 1),
            ("huge field", 1e308),
        ):
            try:
                broken = dataclasses.replace(value, **{f.name: bad})
            except (TypeError, ValueError):
                continue  # the model refuses it itself: nothing to pass on
            yield Corruption(kind, arg, broken, kind in ("nan field", "inf field"), f.name)


def corruptions(case: Case, args: dict[str, Any]) -> Iterator[Corruption]:
    for arg, value in args.items():
        if arg in case.free:
            continue
        if isinstance(value, pd.DataFrame):
            yield from _frame_corruptions(arg, value)
        elif isinstance(value, (pd.Series, np.ndarray)) or (
            isinstance(value, list)
            and value
            and all(isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in value)
            and not all(isinstance(v, str) and not DATE_TEXT.match(v) for v in value)
        ):
            yield from _vector_corruptions(arg, value)
        elif isinstance(value, (Mapping, list, tuple)):
            yield from _container_corruptions(arg, value)
        elif dataclasses.is_dataclass(value):
            yield from _model_corruptions(arg, value)
        else:
            yield from _scalar_corruptions(arg, value)


# ---------------------------------------------------------------------------------------------
# Classifying an outcome


def _non_finite(result: Any, depth: int = 0) -> int:
    """How many NaN/inf a result holds (numbers in frames, series, arrays, dicts, dataclasses)."""
    if depth > 3 or result is None:
        return 0
    if isinstance(result, pd.DataFrame):
        num = result.select_dtypes("number")
        arr = num.to_numpy(dtype="float64", na_value=np.nan) if num.size else np.zeros(0)
        return int((~np.isfinite(arr)).sum())
    if isinstance(result, (pd.Series, pd.Index)):
        if pd.api.types.is_numeric_dtype(result) and not pd.api.types.is_bool_dtype(result):
            return int((~np.isfinite(result.to_numpy(dtype="float64", na_value=np.nan))).sum())
        return 0
    if isinstance(result, np.ndarray):
        return (
            int((~np.isfinite(result.astype("float64"))).sum()) if result.dtype.kind in "fiu" else 0
        )
    if isinstance(result, (float, np.floating)):
        return int(not math.isfinite(result))
    if isinstance(result, Mapping):
        return sum(_non_finite(v, depth + 1) for v in result.values())
    if isinstance(result, (list, tuple)):
        return sum(_non_finite(v, depth + 1) for v in result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return sum(
            _non_finite(getattr(result, f.name), depth + 1) for f in dataclasses.fields(result)
        )
    return 0


def _same(a: Any, b: Any, depth: int = 0) -> bool:
    if depth > 4 or a is b:
        return True
    if isinstance(a, (pd.DataFrame, pd.Series)):
        if type(a) is not type(b):
            return False
        try:
            pd.testing.assert_frame_equal(a, b) if isinstance(
                a, pd.DataFrame
            ) else pd.testing.assert_series_equal(a, b)
        except AssertionError:
            return False
        return True
    if isinstance(a, pd.Index):
        return isinstance(b, pd.Index) and a.equals(b) and a.dtype == b.dtype
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, Mapping):
        return (
            isinstance(b, Mapping)
            and list(a) == list(b)
            and all(_same(a[k], b[k], depth + 1) for k in a)
        )
    if isinstance(a, (list, tuple)):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(_same(x, y, depth + 1) for x, y in zip(a, b, strict=True))
        )
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(
            _same(getattr(a, f.name), getattr(b, f.name), depth + 1) for f in dataclasses.fields(a)
        )
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a).__eq__ is object.__eq__:  # e.g. a statsmodels result: compared through its tables
        return type(a) is type(b)
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - incomparable objects (e.g. sklearn pipelines)
        return type(a) is type(b)


def _without(result: Any, column: str | None) -> Any:
    """The result without a column the helper merely passed through (its changes are the caller's)."""
    if column is not None and isinstance(result, pd.DataFrame) and column in result.columns:
        return result.drop(columns=[column])
    return result


def _named(message: str, case: Case, c: Corruption) -> bool:
    text = message.lower()
    # the corrupted argument or column, or another argument the message blames (e.g. "calibration_end
    # must not be after observation_end" for a one-row table)
    words = [c.argument, *case.aliases, *inspect.signature(case.func).parameters]
    if c.column is not None:
        words.append(c.column)
    return any(w.lower() in text for w in words)


CLEAR, FINITE = "clear", "finite"
BAD = ("unnamed", "obscure", "silent NaN/inf", "silent change", "mutation")


@dataclass
class Outcome:
    case: str
    corruption: Corruption
    status: str
    detail: str = ""


def run_case(case: Case) -> list[Outcome]:
    args = case.build(data())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = case.func(**args)
    base_nonfinite = _non_finite(base)
    outcomes = []
    for c in corruptions(case, args):
        where = c.argument + (
            f".{c.column}" if c.column and c.kind not in ("unknown name", "bogus option") else ""
        )
        if f"{where}:{c.kind}" in case.legal:
            c = dataclasses.replace(c, invalid=False)
        call = {**args, c.argument: c.value}
        before = {k: copy.deepcopy(v) for k, v in call.items()}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = case.func(**call)
        except (ValueError, TypeError, clv.ConvergenceError) as err:
            # a documented ConvergenceError says the data cannot identify the model: clear
            named = isinstance(err, clv.ConvergenceError) or _named(str(err), case, c)
            status = CLEAR if named else "unnamed"
            outcomes.append(
                Outcome(case.name, c, status, f"{type(err).__name__}: {str(err)[:160]}")
            )
            continue
        except Exception as err:  # noqa: BLE001 - anything else is an obscure error
            outcomes.append(
                Outcome(case.name, c, "obscure", f"{type(err).__name__}: {str(err)[:160]}")
            )
            continue
        finally:
            mutated = [k for k in call if not _same(before[k], call[k])]
        if mutated:
            outcomes.append(Outcome(case.name, c, "mutation", f"changed {mutated}"))
        elif _non_finite(_without(result, c.column)) > _non_finite(_without(base, c.column)) and (
            c.invalid
            or base_nonfinite == 0  # NaN is the helper's documented "no value" for legal oddities
        ):
            outcomes.append(
                Outcome(
                    case.name,
                    c,
                    "silent NaN/inf",
                    f"{_non_finite(result)} non-finite vs {base_nonfinite}",
                )
            )
        elif c.invalid and not _same(_without(result, c.column), _without(base, c.column)):
            outcomes.append(
                Outcome(
                    case.name,
                    c,
                    "silent change",
                    "an invalid input changed the result without an error",
                )
            )
        else:
            outcomes.append(Outcome(case.name, c, FINITE))
    return outcomes


@cache
def all_outcomes(only: str = "") -> tuple[Outcome, ...]:
    out: list[Outcome] = []
    for case in CASES:
        if case.name.startswith(only):
            out.extend(run_case(case))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# The tests


def _public(module) -> list[str]:
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    out = []
    for n in names:
        obj = getattr(module, n, None)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(
            obj, "__module__", ""
        ) == module.__name__:
            out.append(f"{module.__name__.removeprefix('helpers.')}.{n}")
    return out


def test_every_public_helper_is_in_the_table():
    covered = {c.name.split("(")[0] for c in CASES} | NO_ARGUMENTS | NOT_CALLED_DIRECTLY
    missing = sorted(n for m in MODULES for n in _public(m) if n not in covered)
    assert not missing, f"add a base call to CASES in tests/test_properties.py for: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_base_call_is_valid_and_finite_where_expected(case):
    args = case.build(data())
    before = {k: copy.deepcopy(v) for k, v in args.items()}
    case.func(**args)
    assert all(_same(before[k], args[k]) for k in args), f"{case.name} mutated a valid input"


def test_share_of_clear_outcomes():
    only = os.environ.get(
        "PROPERTIES_ONLY", ""
    )  # e.g. PROPERTIES_ONLY=rfm. while fixing one module
    outcomes = all_outcomes(only)
    counts = Counter(o.status for o in outcomes)
    good = counts[CLEAR] + counts[FINITE]
    share = good / len(outcomes)
    by_kind = Counter(o.corruption.kind for o in outcomes if o.status in BAD)
    worst = Counter(o.case for o in outcomes if o.status in BAD).most_common(15)
    lines = [
        f"{len(outcomes)} corrupted calls over {len(CASES)} helper calls: clear error {counts[CLEAR]}, "
        f"correct finite result {counts[FINITE]}, share clear or finite {share:.1%} (goal {GOAL:.0%})",
        "not clear: " + ", ".join(f"{k} {counts[k]}" for k in BAD),
        "by corruption: " + ", ".join(f"{k} {v}" for k, v in by_kind.most_common()),
        "by helper: " + ", ".join(f"{k} {v}" for k, v in worst),
    ]
    print("\n".join(lines))
    bad = [o for o in outcomes if o.status in BAD]
    for o in bad[:400]:
        print(
            f"  {o.status:15} {o.case:40} {o.corruption.kind:22} {o.corruption.argument}"
            f"{'.' + o.corruption.column if o.corruption.column else ''}: {o.detail}"
        )
    assert counts["mutation"] == 0, "a helper changed its input"
    assert share >= GOAL or only, "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Hypothesis: messy data never gives a silent NaN/inf or a mutation


def _clear_or_finite(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    before = copy.deepcopy((args, kwargs))
    try:
        result = func(*args, **kwargs)
    except (ValueError, TypeError):
        return None
    assert _same(before, (args, kwargs)), f"{func.__name__} mutated its input"
    assert _non_finite(result) == 0, f"{func.__name__} returned NaN/inf: {result!r:.300}"
    return result


amounts = st.one_of(
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 0.0]),
)
ids = st.one_of(st.integers(1, 6), st.sampled_from(["1", "2"]), st.none())
days = st.one_of(
    st.integers(0, 900).map(lambda d: pd.Timestamp("2022-01-01") + pd.Timedelta(days=d)),
    st.just(pd.NaT),
)


@st.composite
def transactions(draw) -> pd.DataFrame:
    n = draw(st.integers(1, 12))
    rows = [(draw(ids), draw(days), draw(amounts)) for _ in range(n)]
    df = pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])
    df["order_id"] = np.arange(n)
    if draw(st.booleans()):
        df["order_date"] = pd.to_datetime(df["order_date"]).dt.tz_localize("Asia/Seoul")
    return df


@HYPOTHESIS
@given(transactions())
def test_rfm_table_on_messy_rows(tx):
    out = _clear_or_finite(rfm.rfm_table, tx, as_of="2025-01-01")
    if out is not None:
        assert (out["frequency"] >= 1).all()


@HYPOTHESIS
@given(transactions())
def test_loyalty_and_ecrm_helpers_on_messy_rows(tx):
    try:  # no customer observed through the late window: the ratio is undefined (NaN, documented)
        ratio = loyalty.loyalty_ratio(tx, as_of="2025-01-01", early=(0, 6), late=(6, 12))
        assert ratio["customers"] == 0 or math.isfinite(ratio["ratio"]), ratio
    except (ValueError, TypeError):
        pass
    _clear_or_finite(ecrm.inactivity_churn, tx, "2023-01-01")
    _clear_or_finite(segments.period_values, tx, "2022-01-01", "2023-01-01")
    _clear_or_finite(ecrm.second_purchase_times, tx, as_of="2025-01-01")


values_lists = st.lists(amounts, min_size=0, max_size=20)


@HYPOTHESIS
@given(values_lists)
def test_value_concentration_helpers(values):
    s = pd.Series(values, dtype="float64")
    _clear_or_finite(segments.pareto_curve, s)
    _clear_or_finite(idic.gini, s)
    _clear_or_finite(idic.top_share, s, share=0.2)
    _clear_or_finite(segments.core_customers, s, share=0.5)
    _fence(s, 3.0)


def _fence(s: pd.Series, k: Any) -> None:
    """iqr_fence: a clear error or a limit > 0; +inf is allowed (it means: no value is an outlier,
    e.g. when the log-scale IQR of tiny and huge amounts is enormous)."""
    try:
        limit = cleaning.iqr_fence(s, k=k)
    except (ValueError, TypeError):
        return
    assert not math.isnan(limit) and limit > 0, f"iqr_fence returned {limit!r}"


@HYPOTHESIS
@given(values_lists, st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5)))
def test_iqr_fence_and_tiers_with_any_tuning_value(values, k):
    s = pd.Series(values, dtype="float64")
    _fence(s, k)
    out = _clear_or_finite(
        segments.value_tiers, s, cutoffs={"VIP": k, "Gold": 10.0, "Bronze": -1e12}
    )
    if out is not None and len(s):
        assert out.notna().all()


@HYPOTHESIS
@given(
    st.lists(st.integers(0, 10), min_size=1, max_size=30),
    st.sampled_from(["analytic", "bootstrap", None]),
)
def test_nps_on_any_scores(scores, ci):
    result = _clear_or_finite(satisfaction.nps, scores, ci=ci, n_boot=50) if ci else None
    if ci is None:  # no interval asked for: ci_low/ci_high are NaN by design, the shares are not
        r = satisfaction.nps(scores, ci=None)
        assert all(math.isfinite(v) for v in (r.nps, r.promoters, r.passives, r.detractors))
    elif result is not None:
        assert result.ci_low <= result.nps <= result.ci_high


@HYPOTHESIS
@given(
    st.lists(st.sampled_from(["low", "high", "mid"]), min_size=1, max_size=12),
    st.lists(st.sampled_from(["low", "high", "mid"]), min_size=1, max_size=12),
)
def test_migration_rates_name_empty_segments_instead_of_nan(before, after):
    b = pd.Series(before, index=range(len(before)))
    a = pd.Series(after, index=range(2, 2 + len(after)))
    _clear_or_finite(segments.migration_matrix, b, a, order=["low", "mid", "high"])
