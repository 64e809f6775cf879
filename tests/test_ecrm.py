"""Tests of helpers.ecrm (and helpers.plots.ecrm) on tiny hand-computed inputs."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ecrm
from helpers.plots import ecrm as ecrmplot


def _dt(values) -> pd.Series:
    """Dates with or without a time of day (ISO 8601)."""
    return pd.to_datetime(values, format="ISO8601")


# ---------------------------------------------------------------------------------------------
# gains and lift


def test_gains_table_of_a_tiny_scored_set():
    y = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    score = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    g = ecrm.gains_table(y, score, n_bins=5)
    assert g["rows"].tolist() == [2, 2, 2, 2, 2]
    assert g["positives"].tolist() == [1, 1, 1, 0, 0]
    assert g["rate"].tolist() == [0.5, 0.5, 0.5, 0.0, 0.0]
    np.testing.assert_allclose(g["lift"], [5 / 3, 5 / 3, 5 / 3, 0, 0])
    np.testing.assert_allclose(g["cum_gain"], [1 / 3, 2 / 3, 1, 1, 1])
    np.testing.assert_allclose(g["cum_lift"], [5 / 3, 5 / 3, 5 / 3, 1.25, 1.0])
    np.testing.assert_allclose(g["depth"], [0.2, 0.4, 0.6, 0.8, 1.0])


def test_gains_table_ranks_highest_score_first_whatever_the_input_order():
    g = ecrm.gains_table([0, 1, 0, 0], [0.1, 0.9, 0.2, 0.3], n_bins=4)
    assert g["positives"].tolist() == [1, 0, 0, 0]
    assert g.loc[1, "max_score"] == 0.9


def test_gains_table_breaks_ties_by_order_of_appearance():
    g = ecrm.gains_table([1, 0], [0.5, 0.5], n_bins=2)
    assert g["positives"].tolist() == [1, 0]


def test_gains_table_accepts_booleans_and_does_not_mutate():
    y = pd.Series([True, False, True, False])
    s = pd.Series([0.4, 0.3, 0.2, 0.1])
    before = (y.copy(), s.copy())
    ecrm.gains_table(y, s, n_bins=2)
    pd.testing.assert_series_equal(y, before[0])
    pd.testing.assert_series_equal(s, before[1])


@pytest.mark.parametrize(
    ("y", "score", "kwargs", "error", "match"),
    [
        ([1, 0], [0.1], {}, ValueError, "same length"),
        ([1, 2], [0.1, 0.2], {"n_bins": 2}, ValueError, "0/1"),
        ([0, 0], [0.1, 0.2], {"n_bins": 2}, ValueError, "no positive"),
        ([1, 0], [0.1, 0.2], {"n_bins": 3}, ValueError, "n_bins"),
        ([1, 0], [0.1, np.nan], {"n_bins": 2}, ValueError, "missing"),
        ([1, 0], ["a", "b"], {"n_bins": 2}, TypeError, "numeric"),
        ([1, 0], [0.1, 0.2], {"n_bins": 0}, ValueError, "n_bins"),
        ([], [], {}, ValueError, "empty"),
    ],
)
def test_gains_table_rejects_bad_input(y, score, kwargs, error, match):
    with pytest.raises(error, match=match):
        ecrm.gains_table(y, score, **kwargs)


def test_gains_table_rejects_a_dataframe():
    with pytest.raises(TypeError, match="one-dimensional"):
        ecrm.gains_table(pd.DataFrame({"y": [1, 0]}), [0.1, 0.2], n_bins=2)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.floats(0, 1)), min_size=10, max_size=80).filter(
        lambda rows: any(r[0] for r in rows)
    )
)
def test_gains_are_cumulative_and_lift_averages_to_one(rows):
    y = [int(r[0]) for r in rows]
    s = [r[1] for r in rows]
    g = ecrm.gains_table(y, s, n_bins=5)
    assert g["rows"].sum() == len(y)
    assert np.all(np.diff(g["cum_gain"]) >= -1e-12)
    assert g["cum_gain"].iloc[-1] == pytest.approx(1.0)
    assert np.average(g["lift"], weights=g["rows"]) == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------------
# profit by depth


def test_profit_by_depth_by_hand():
    # deciles of 2: responders worth 100 and 40 in decile 1, nothing below; 10 per contact
    t = ecrm.profit_by_depth(
        [1, 1, 0, 0, 1, 0], [6, 5, 4, 3, 2, 1], [100, 40, 0, 0, 5, 0], cost_per_contact=10, n_bins=3
    )
    assert t["value"].tolist() == [140, 0, 5]
    assert t["cost"].tolist() == [20, 20, 20]
    assert t["cum_profit"].tolist() == [120, 100, 85]
    assert t["vs_everyone"].tolist() == [35, 15, 0]
    assert ecrm.best_depth(t) == 1


def test_profit_by_depth_ignores_value_of_non_responders_and_takes_a_scalar_value():
    t = ecrm.profit_by_depth([1, 0], [2, 1], 50, cost_per_contact=0, n_bins=2)
    assert t["value"].tolist() == [50, 0]


def test_best_depth_is_zero_when_every_depth_loses_money():
    t = ecrm.profit_by_depth([0, 0, 1], [3, 2, 1], 1, cost_per_contact=10, n_bins=3)
    assert ecrm.best_depth(t) == 0


def test_profit_by_depth_rejects_negative_cost_and_value():
    with pytest.raises(ValueError, match="cost_per_contact"):
        ecrm.profit_by_depth([1, 0], [2, 1], 5, cost_per_contact=-1, n_bins=2)
    with pytest.raises(ValueError, match="negative"):
        ecrm.profit_by_depth([1, 0], [2, 1], [5, -1], cost_per_contact=1, n_bins=2)
    with pytest.raises(TypeError, match="cost_per_contact"):
        ecrm.profit_by_depth([1, 0], [2, 1], 5, cost_per_contact="1", n_bins=2)


def test_best_depth_needs_a_profit_table():
    with pytest.raises(ValueError, match="cum_profit"):
        ecrm.best_depth(pd.DataFrame({"profit": [1]}))


# ---------------------------------------------------------------------------------------------
# contact history and campaign features (no leakage)


def _contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2],
            "sent_at": _dt(
                ["2024-01-01 10:00", "2024-02-01 10:00", "2024-03-01 10:00", "2024-02-01 10:00"]
            ),
            "response_order_id": pd.array([10, 11, None, 12], dtype="Int64"),
        }
    )


def _orders_for_contacts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [10, 11, 12],
            # 11 answers the 2024-02-01 send but is placed after the 2024-03-01 send
            "order_date": _dt(["2024-01-05", "2024-03-02", "2024-02-01 10:00"]),
        }
    )


def test_contact_history_counts_only_responses_placed_before_sending():
    h = ecrm.contact_history(_contacts(), _orders_for_contacts())
    assert h["prior_contacts"].tolist() == [0, 1, 2, 0]
    assert h["prior_responses"].tolist() == [0, 1, 1, 0]
    assert h["prior_response_rate"].tolist() == [0.0, 1.0, 0.5, 0.0]


def test_contact_history_keeps_index_and_rejects_unknown_orders():
    c = _contacts().set_index(pd.Index([7, 5, 3, 1]))
    assert ecrm.contact_history(c, _orders_for_contacts()).index.tolist() == [7, 5, 3, 1]
    with pytest.raises(ValueError, match="not found in orders"):
        ecrm.contact_history(_contacts(), _orders_for_contacts().iloc[:1])
    with pytest.raises(ValueError, match="response_order_id"):
        ecrm.contact_history(_contacts().drop(columns="response_order_id"), _orders_for_contacts())


def test_campaign_features_use_only_purchases_before_the_send_day():
    contacts = pd.DataFrame(
        {
            "customer_id": [1],
            "sent_at": _dt(["2024-01-11 10:00"]),
            "response_order_id": pd.array([3], dtype="Int64"),
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [1, 2, 3],
            "customer_id": [1, 1, 1],
            "order_date": _dt(["2024-01-01", "2024-01-06", "2024-01-11 12:00"]),
            "amount": [100.0, 50.0, 999.0],
        }
    )
    customers = pd.DataFrame(
        {
            "customer_id": [1],
            "signup_date": _dt(["2024-01-01"]),
            "acquisition_channel": ["organic"],
        }
    )
    row = ecrm.campaign_features(contacts, orders, customers).iloc[0]
    assert row["frequency"] == 2  # the response order on the send day is not counted
    assert row["monetary"] == 150.0
    assert row["recency"] == 5
    assert row["tenure_days"] == 10
    assert row["prior_responses"] == 0
    assert row["acquisition_channel"] == "organic"


# ---------------------------------------------------------------------------------------------
# models


def test_model_pipeline_is_deterministic_and_validates_its_arguments():
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=200), "c": rng.choice(["x", "y"], 200)})
    y = (X["a"] + rng.normal(size=200) > 0).astype(int)
    p1 = ecrm.model_pipeline(["a"], ["c"], model="boosting", random_state=1).fit(X, y)
    p2 = ecrm.model_pipeline(["a"], ["c"], model="boosting", random_state=1).fit(X, y)
    np.testing.assert_array_equal(p1.predict_proba(X), p2.predict_proba(X))
    with pytest.raises(ValueError, match="model"):
        ecrm.model_pipeline(["a"], model="svm")
    with pytest.raises(ValueError, match="at least one"):
        ecrm.model_pipeline([], [])
    with pytest.raises(ValueError, match="both"):
        ecrm.model_pipeline(["a"], ["a"])


# ---------------------------------------------------------------------------------------------
# funnel


def _sessions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "device": ["app", "app", "app", "web", "web", "web", "web"],
            "view": [True, True, False, True, True, False, False],
            "cart": [True, False, False, True, False, False, True],
            "buy": [True, False, False, False, False, False, True],
        }
    )


def test_funnel_counts_visits_reaching_each_step_strictly_in_order():
    f = ecrm.funnel(_sessions(), ["view", "cart", "buy"])
    # the last web visit bought without a product view: it does not reach "cart" or "buy"
    assert f["step"].tolist() == ["visit", "view", "cart", "buy"]
    assert f["visits"].tolist() == [7, 4, 2, 1]
    np.testing.assert_allclose(f["step_conversion"], [1, 4 / 7, 0.5, 0.5])
    np.testing.assert_allclose(f["drop_off"], [0, 3 / 7, 0.5, 0.5])
    np.testing.assert_allclose(f["share_of_visits"], [1, 4 / 7, 2 / 7, 1 / 7])


def test_funnel_by_group():
    f = ecrm.funnel(_sessions(), ["view", "cart", "buy"], by="device")
    assert f.loc[f["device"] == "app", "visits"].tolist() == [3, 2, 1, 1]
    assert f.loc[f["device"] == "web", "visits"].tolist() == [4, 2, 1, 0]


def test_funnel_rejects_bad_input():
    with pytest.raises(ValueError, match="'pay'"):
        ecrm.funnel(_sessions(), ["view", "pay"])
    with pytest.raises(TypeError, match="boolean"):
        ecrm.funnel(_sessions().assign(view=1), ["view"])
    with pytest.raises(ValueError, match="empty"):
        ecrm.funnel(_sessions(), [])
    with pytest.raises(TypeError, match="DataFrame"):
        ecrm.funnel([1, 2], ["view"])


# ---------------------------------------------------------------------------------------------
# association rules


def _baskets() -> pd.DataFrame:
    lines = pd.DataFrame(
        {
            "basket": [1, 1, 2, 2, 3, 4, 4, 5, 5, 5, 1],
            "item": ["a", "b", "a", "c", "b", "a", "b", "a", "b", "c", "a"],
        }
    )
    return ecrm.basket_matrix(lines, basket_col="basket", item_col="item")


def test_basket_matrix_is_one_boolean_row_per_basket():
    b = _baskets()
    assert b.index.tolist() == [1, 2, 3, 4, 5]
    assert b.columns.tolist() == ["a", "b", "c"]
    assert b.sum().tolist() == [4, 4, 2]  # the duplicated line (1, a) counts once


def test_rule_stats_by_hand():
    # a in 4 of 5 baskets, b in 4, both in 3: support 3/5, confidence 3/4, lift (3/4)/(4/5)
    assert ecrm.rule_stats(_baskets(), "a", "b") == {
        "support": 0.6,
        "confidence": 0.75,
        "lift": 0.9375,
    }
    assert ecrm.rule_stats(_baskets(), ["a", "b"], "c")["confidence"] == pytest.approx(0.3333)


def test_association_rules_agree_with_counting_and_are_sorted():
    rules = ecrm.association_rules_table(_baskets(), min_support=0.2, min_confidence=0, min_lift=0)
    first = rules.iloc[0]
    assert first["lift"] == rules["lift"].max()
    ab = rules.query("antecedent == 'a' and consequent == 'b'").iloc[0]
    assert ab[["support", "confidence", "lift"]].tolist() == [0.6, 0.75, 0.9375]
    assert ab["baskets"] == 3
    assert rules.index.tolist() == list(range(len(rules)))
    again = ecrm.association_rules_table(_baskets(), min_support=0.2, min_confidence=0, min_lift=0)
    pd.testing.assert_frame_equal(rules, again)


def test_association_rules_empty_result_keeps_typed_columns():
    rules = ecrm.association_rules_table(_baskets(), min_support=0.9)
    assert rules.empty
    assert rules["lift"].dtype == "float64"


def test_rules_by_segment_mines_each_segment_and_all():
    b = _baskets()
    seg = pd.Series(["x", "x", "y", "x", "y"], index=b.index)
    rules = ecrm.rules_by_segment(
        b, seg, min_baskets=2, min_support=0.3, min_confidence=0, min_lift=0
    )
    assert list(dict.fromkeys(rules["segment"])) == ["all", "x", "y"]
    x_ab = rules.query("segment == 'x' and antecedent == 'a' and consequent == 'b'").iloc[0]
    # segment x = baskets 1, 2, 4: a in 3, b in 2, both in 2
    assert x_ab["confidence"] == pytest.approx(2 / 3, abs=1e-4)
    assert x_ab["segment_baskets"] == 3


def test_rules_by_segment_needs_a_label_per_basket():
    b = _baskets()
    with pytest.raises(ValueError, match="no label"):
        ecrm.rules_by_segment(b, pd.Series(["x"], index=[1]))
    with pytest.raises(TypeError, match="Series"):
        ecrm.rules_by_segment(b, ["x"] * 5)


# ---------------------------------------------------------------------------------------------
# second purchase


def _repeat_orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 2, 3],
            "order_date": _dt(
                [
                    "2024-01-01 09:00",
                    "2024-01-01 18:00",  # same day: not a second purchase
                    "2024-01-31",
                    "2024-01-10",
                    "2024-03-01",  # after as_of: not seen
                    "2024-01-20",
                ]
            ),
        }
    )


def test_second_purchase_times_skip_same_day_orders_and_censor_at_as_of():
    t = ecrm.second_purchase_times(_repeat_orders(), as_of="2024-02-01")
    assert t["days"].tolist() == [30, 22, 12]
    assert t["returned"].tolist() == [True, False, False]
    assert t.loc[2, "second_date"] is pd.NaT


def test_second_purchase_times_reject_guest_orders_and_no_data():
    guests = _repeat_orders().astype({"customer_id": "Int64"})
    guests.loc[0, "customer_id"] = pd.NA
    with pytest.raises(ValueError, match="missing customer ids"):
        ecrm.second_purchase_times(guests, as_of="2024-02-01")
    with pytest.raises(ValueError, match="no order before"):
        ecrm.second_purchase_times(_repeat_orders(), as_of="2023-01-01")


def test_second_purchase_curve_without_censoring_is_the_empirical_share():
    t = pd.DataFrame({"days": [5, 15, 35, 50], "returned": [True] * 4})
    c = ecrm.second_purchase_curve(t, bin_days=20, horizon_days=60)
    assert c["cum_returned"].tolist() == [0.5, 0.75, 1.0]
    assert c["at_risk"].tolist() == [4, 2, 1]
    assert c["hazard"].tolist() == [0.5, 0.5, 1.0]


def test_second_purchase_curve_treats_censored_customers_as_still_waiting():
    # 4 customers; one returns at day 5, one is censored at day 10, two return at day 25 and 40
    t = pd.DataFrame({"days": [5, 10, 25, 40], "returned": [True, False, True, True]})
    c = ecrm.second_purchase_curve(t, bin_days=20, horizon_days=60)
    # KM: S(5) = 3/4; at day 25, 2 at risk: S = 3/4 · 1/2; at day 40: S = 0
    np.testing.assert_allclose(c["cum_returned"], [0.25, 1 - 3 / 8, 1.0])
    assert c["censored"].tolist() == [1, 0, 0]


def test_second_purchase_curve_rejects_bad_windows():
    t = pd.DataFrame({"days": [5], "returned": [True]})
    with pytest.raises(ValueError, match="horizon_days"):
        ecrm.second_purchase_curve(t, bin_days=30, horizon_days=10)
    with pytest.raises(ValueError, match="'returned'"):
        ecrm.second_purchase_curve(t.drop(columns="returned"))


# ---------------------------------------------------------------------------------------------
# tiers, referrals, spend windows


def test_tier_proximity_by_hand():
    v = pd.Series([95.0, 70.0, 30.0, 250.0], index=["a", "b", "c", "d"])
    t = ecrm.tier_proximity(v, {"gold": 200, "silver": 100, "bronze": 0}, within=0.1)
    assert t["tier"].astype(str).tolist() == ["bronze", "bronze", "bronze", "gold"]
    assert t["next_tier"].tolist()[:3] == ["silver", "silver", "silver"]
    assert t["gap"].tolist()[:3] == [5.0, 30.0, 70.0]
    assert t["near"].tolist() == [True, False, False, False]
    assert pd.isna(t.loc["d", "next_tier"])


def test_tier_proximity_validates_within():
    with pytest.raises(ValueError, match="within"):
        ecrm.tier_proximity(pd.Series([1.0]), {"a": 1, "b": 0}, within=2)


def test_referral_summary_by_hand():
    c = pd.DataFrame(
        {"customer_id": [1, 2, 3, 4, 5], "referred_by": pd.array([None, None, 1, 1, 2], "Int64")}
    )
    v = pd.Series([100.0, 50.0, 60.0, 40.0, 20.0], index=[1, 2, 3, 4, 5])
    r = ecrm.referral_summary(c, v)
    assert r.loc["referred", "mean_value"] == pytest.approx(40.0)
    assert r.loc["not referred", "mean_value"] == pytest.approx(75.0)
    assert r.loc["referrers", "customers"] == 2
    assert r.loc["referrers", "mean_value"] == pytest.approx(75.0)
    assert r.loc["non-referrers (not referred)", "customers"] == 0
    with pytest.raises(ValueError, match="duplicated"):
        ecrm.referral_summary(pd.concat([c, c]), v)


def test_spend_within_counts_the_window_after_each_start():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "order_date": _dt(["2024-01-01", "2024-01-11", "2024-01-05"]),
            "amount": [10, 20, 5],
        }
    )
    start = pd.Series(_dt(["2024-01-01", "2024-01-06", "2024-01-01"]), index=[1, 2, 3])
    assert ecrm.spend_within(o, start, days=10).tolist() == [10.0, 0.0, 0.0]


# ---------------------------------------------------------------------------------------------
# churn labels and features before a cutoff


def test_inactivity_churn_by_hand():
    o = pd.DataFrame(
        {
            "customer_id": [1, 2, 2, 3, 4],
            "order_date": _dt(
                ["2024-01-10", "2024-01-20", "2024-02-15", "2023-01-01", "2024-06-01"]
            ),
        }
    )
    y = ecrm.inactivity_churn(o, "2024-02-01", horizon_days=30, lookback_days=100)
    assert y.to_dict() == {1: True, 2: False}  # 3 bought too long ago, 4 only after
    with pytest.raises(ValueError, match="runs past the last order"):
        ecrm.inactivity_churn(o, "2024-05-20", horizon_days=30)


def test_membership_churn_by_hand():
    m = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "plan": ["basic", "plus", "basic", "basic"],
            "started_at": _dt(["2023-11-01", "2024-01-01", "2024-05-01", "2023-01-01"]),
            "ended_at": _dt(["2024-06-01", None, None, "2024-02-01"]),
        }
    )
    out = ecrm.membership_churn(m, "2024-03-01", horizon_months=3)
    assert out["customer_id"].tolist() == [1, 2]  # 3 not yet started, 4 already gone
    assert out["churned"].tolist() == [True, False]
    assert out["tenure_months"].tolist() == [4, 2]
    assert "ended_at" not in out.columns
    with pytest.raises(ValueError, match="no membership is active"):
        ecrm.membership_churn(m, "2020-01-01")


def test_features_before_never_look_past_the_cutoff():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 1],
            "order_id": [1, 2, 3],
            "order_date": _dt(["2024-01-01", "2024-01-25", "2024-02-01 08:00"]),
            "amount": [10.0, 30.0, 500.0],
        }
    )
    tickets = pd.DataFrame(
        {
            "customer_id": [1, 1],
            "opened_at": _dt(["2024-01-26", "2024-02-02"]),
            "resolved_first_contact": [False, False],
            "resolution_hours": [30.0, 90.0],
        }
    )
    contacts = pd.DataFrame(
        {
            "customer_id": [1, 1],
            "sent_at": _dt(["2024-01-20", "2024-01-30"]),
            "response_order_id": pd.array([2, 3], dtype="Int64"),
        }
    )
    f = ecrm.features_before("2024-02-01", o, customers=[1, 9], tickets=tickets, contacts=contacts)
    assert f.loc[1, "frequency"] == 2 and f.loc[1, "monetary"] == 40.0
    assert f.loc[1, "tenure_days"] == 31 and f.loc[1, "orders_90d"] == 2
    assert f.loc[1, "tickets_unresolved"] == 1 and f.loc[1, "max_resolution_hours"] == 30.0
    assert f.loc[1, "contacts"] == 2 and f.loc[1, "responses"] == 1  # order 3 is after the cutoff
    assert np.isnan(f.loc[9, "frequency"]) and f.loc[9, "tickets"] == 0
    with pytest.raises(ValueError, match="no order before"):
        ecrm.features_before("2020-01-01", o)


def test_calibration_table_by_hand():
    t = ecrm.calibration_table([0, 1, 0, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    assert t["mean_predicted"].tolist() == pytest.approx([0.15, 0.8])
    assert t["observed"].tolist() == [0.5, 0.5]
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        ecrm.calibration_table([0, 1], [0.5, 1.5], n_bins=1)


# ---------------------------------------------------------------------------------------------
# figures


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_gains_chart_draws_random_line_and_one_curve_per_model():
    g = ecrm.gains_table([1, 0, 1, 0], [4, 3, 2, 1], n_bins=2)
    ax = ecrmplot.gains_chart({"m1": g, "m2": g}, title="Gains")
    assert len(ax.lines) == 3
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0, 0.5, 1.0])
    assert ax.get_title(loc="left") == "Gains"


def test_lift_bars_show_each_decile_lift():
    g = ecrm.gains_table([1, 1, 0, 0, 0, 0], [6, 5, 4, 3, 2, 1], n_bins=3)
    ax = ecrmplot.lift_bars(g, title="Lift")
    assert [p.get_height() for p in ax.patches] == [3.0, 0.0, 0.0]


def test_profit_curve_starts_at_zero_and_scales():
    t = ecrm.profit_by_depth([1, 0], [2, 1], 2e6, cost_per_contact=0, n_bins=2)
    ax = ecrmplot.profit_curve({"a": t}, title="Profit")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0, 2, 2])


def test_funnel_chart_bars_are_the_shares():
    f = ecrm.funnel(_sessions(), ["view", "cart", "buy"], by="device")
    ax = ecrmplot.funnel_chart(f, by="device", title="Funnel")
    heights = [round(p.get_height(), 4) for p in ax.patches]
    assert heights[:4] == [1.0, round(2 / 3, 4), round(1 / 3, 4), round(1 / 3, 4)]
    assert len(ax.patches) == 8


def test_calibration_and_second_purchase_figures():
    t = ecrm.calibration_table([0, 1, 0, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    ax = ecrmplot.calibration_plot({"m": t}, title="Calibration")
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0.5, 0.5])
    curve = ecrm.second_purchase_curve(
        pd.DataFrame({"days": [5, 15, 35, 50], "returned": [True] * 4}),
        bin_days=20,
        horizon_days=60,
    )
    ax = ecrmplot.second_purchase_plot(curve, title="Second")
    assert [p.get_height() for p in ax.patches] == [0.5, 0.5, 1.0]
    np.testing.assert_allclose(ax.right_ax.lines[0].get_ydata(), [0, 0.5, 0.75, 1.0])


def test_figures_reject_bad_tables():
    with pytest.raises(TypeError, match="dict"):
        ecrmplot.gains_chart([], title="x")
    with pytest.raises(ValueError, match="cum_gain"):
        ecrmplot.gains_chart({"m": pd.DataFrame({"depth": [1]})}, title="x")


# ---------------------------------------------------------------------------------------------
# exercise checkers of notebook 08: their hints name the misconception


def test_crm_classification_checker_names_the_misplaced_tool():
    from helpers.checks import verify
    from helpers.exercises import ex08

    right = dict(ex08.CRM_TOOLS)
    assert verify("08.1", right).correct
    assert verify("08.1", {k: v.upper() for k, v in right.items()}).correct
    wrong = right | {"partner portal": "operational", "churn model": "operational"}
    message = verify("08.1", wrong).message
    assert "2 of 10" in message and "partner portal" in message and "collaborative" in message
    assert not verify("08.1", {k: right[k] for k in list(right)[:9]}).correct  # a tool missing


def test_uplift_checkers_name_the_misconception():
    from helpers.checks import verify
    from helpers.exercises import ex08

    best = ex08._best_depth()
    assert verify("08.2", best).correct
    assert not verify("08.2", best / 10 + 0.05).correct
    least_bad = int(round(10 * ex08._depth()["incremental_profit"].idxmax()))
    if best == 0:
        assert "nobody" in verify("08.2", least_bad).message
    naive = int(round(10 * ex08._depth()["naive_profit"].idxmax()))
    if naive != best:
        assert "naive" in verify("08.2", naive).message
    top = ex08._decile_one()
    share = top["control_rate"] / top["treated_rate"]
    assert verify("08.3", share).correct
    assert "CAUSED" in verify("08.3", 1 - share).message
    assert "control group" in verify("08.3", top["control_rate"]).message
    assert "percentage" in verify("08.3", 100 * share).message


def test_churn_label_and_rule_checkers():
    from helpers.checks import verify
    from helpers.exercises import ex08

    v = ex08._churn_variants()
    assert verify("08.4", v["right"]).correct
    assert "365 days" in verify("08.4", v["no_lookback"]).message
    assert "2024-07-01" in verify("08.4", v["later_cutoff"]).message
    assert "retained" in verify("08.4", 1 - v["right"]).message
    a, c, e = ex08._top_rule()
    right = {k: e[k] for k in ("support", "confidence", "lift")}
    assert verify("08.5", right).correct
    swapped = right | {"confidence": e["support"] / e["p_c"]}
    assert "antecedent" in verify("08.5", swapped).message
    rounded = {k: round(v, 4) for k, v in right.items()}
    assert not verify("08.5", rounded).correct and "rounded" in verify("08.5", rounded).message
    assert not verify("08.5", {"support": float("nan"), "confidence": 0.1, "lift": 2.0}).correct


def test_second_purchase_checker():
    from helpers.checks import verify
    from helpers.exercises import ex08

    expected = ex08._half_window()
    assert verify("08.6", expected).correct
    assert "window_end" in verify("08.6", expected - 30).message
    times = ecrm.second_purchase_times(ex08._orders(), as_of=ex08.AS_OF)
    observed_median = int(times.loc[times["returned"], "days"].median())
    if abs(observed_median - expected) > 1:
        assert "waiting" in verify("08.6", observed_median).message


# ---------------------------------------------------------------------------------------------
# helpers added for the uplift, survival and sequential-rule sections


def test_history_at_counts_only_earlier_contacts_of_the_log():
    log = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "response_order_id": [10, None, 11],
            "sent_at": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01"]),
        }
    )
    o = pd.DataFrame(
        {"order_id": [10, 11], "order_date": pd.to_datetime(["2024-01-03", "2024-03-05"])}
    )
    rows = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3],
            "sent_at": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-05", "2024-03-01"]),
        },
        index=[7, 8, 9, 10],
    )
    before = rows.copy()
    h = ecrm.history_at(rows, log, o)
    # same-time contact is not prior; a response at the same time is not prior either
    assert h.index.tolist() == [7, 8, 9, 10]
    assert h["prior_contacts"].tolist() == [0, 2, 1, 0]
    assert h["prior_responses"].tolist() == [0, 1, 0, 0]
    assert h["prior_response_rate"].tolist() == [0.0, 0.5, 0.0, 0.0]
    pd.testing.assert_frame_equal(rows, before)
    with pytest.raises(ValueError, match="sent_at"):
        ecrm.history_at(rows.drop(columns="sent_at"), log, o)


def test_campaign_features_with_history_equal_contact_history_on_the_contacts():
    c = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "response_order_id": [10, None, None],
            "channel": "email",
            "offer": "x",
            "sent_at": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-02-01"]),
        }
    )
    o = pd.DataFrame(
        {
            "order_id": [10, 9, 8],
            "customer_id": [1, 1, 2],
            "amount": [5.0, 7.0, 3.0],
            "order_date": pd.to_datetime(["2024-01-03", "2023-12-01", "2023-11-01"]),
        }
    )
    cust = pd.DataFrame(
        {
            "customer_id": [1, 2],
            "signup_date": pd.to_datetime(["2023-11-01", "2023-11-01"]),
            "acquisition_channel": ["organic", "social"],
        }
    )
    a = ecrm.campaign_features(c, o, cust)
    b = ecrm.campaign_features(c, o, cust, history=c)
    cols = ["prior_contacts", "prior_responses", "prior_response_rate"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    # a response order dropped by cleaning is still dated from response_orders
    with pytest.raises(ValueError, match="not found"):
        ecrm.campaign_features(c, o.iloc[1:], cust)
    d = ecrm.campaign_features(c, o.iloc[1:], cust, response_orders=o)
    assert d["prior_responses"].tolist() == [0, 1, 0]


def test_weighted_funnel_by_hand_and_bad_weights():
    s = pd.DataFrame(
        {"cart": [True, False, False], "buy": [True, False, False], "w": [1.0, 10.0, 10.0]}
    )
    f = ecrm.funnel(s, ["cart", "buy"], weight="w")
    assert f["visits"].tolist() == [21.0, 1.0, 1.0]
    assert f["share_of_visits"].tolist() == pytest.approx([1.0, 1 / 21, 1 / 21])
    with pytest.raises(ValueError, match="negative"):
        ecrm.funnel(s.assign(w=[-1.0, 1.0, 1.0]), ["cart"], weight="w")
    with pytest.raises(ValueError, match="weight|w"):
        ecrm.funnel(s, ["cart"], weight="nope")


def test_membership_spells_censor_at_as_of_and_validate():
    m = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "plan": ["basic", "plus", "basic", "plus"],
            "started_at": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-06-01", "2025-02-01"]),
            "ended_at": pd.to_datetime(["2024-04-01", None, "2025-03-01", None]),
        }
    )
    before = m.copy()
    s = ecrm.membership_spells(m, "2025-01-01")
    assert s["customer_id"].tolist() == [1, 2, 3]  # 4 starts after as_of
    assert s["months"].tolist() == [3, 10, 7]
    assert s["ended"].tolist() == [True, False, False]  # 3 ends after as_of: censored
    assert "ended_at" not in s.columns
    pd.testing.assert_frame_equal(m, before)
    with pytest.raises(ValueError, match="before they start"):
        ecrm.membership_spells(
            m.assign(ended_at=pd.to_datetime(["2023-01-01", None, None, None])), "2025-01-01"
        )
    with pytest.raises(ValueError, match="started_at"):
        ecrm.membership_spells(m.drop(columns="started_at"), "2025-01-01")


def test_followup_rate_by_hand():
    lines = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 2, 3, 4],
            "product_id": ["A", "B", "A", "B", "A", "B"],
            "order_date": pd.to_datetime(
                ["2024-01-01", "2024-01-15", "2024-01-01", "2024-03-01", "2024-01-01", "2024-01-01"]
            ),
        }
    )
    pairs = pd.DataFrame({"main_product_id": ["A", "B"], "accessory_product_id": ["B", "C"]})
    r = ecrm.followup_rate(lines, pairs, within_days=30)
    # A-buyers: 1, 2, 3; only 1 bought B within 30 days (2 bought it after 60 days)
    assert r.loc[0, ["antecedent_buyers", "followups"]].tolist() == [3, 1]
    assert r.loc[0, "confidence"] == pytest.approx(1 / 3)
    assert r.loc[0, "base_rate"] == pytest.approx(3 / 4)  # customers 1, 2, 4 bought B
    assert r.loc[0, "lift"] == pytest.approx((1 / 3) / (3 / 4))
    assert np.isnan(r.loc[1, "lift"])  # nobody bought C
    same_day = lines.assign(order_date=pd.Timestamp("2024-01-01"))
    assert ecrm.followup_rate(same_day, pairs).loc[0, "followups"] == 0  # same day is not "later"
    with pytest.raises(ValueError, match="within_days"):
        ecrm.followup_rate(lines, pairs, within_days=0)


def test_rule_recovery_by_hand():
    found = pd.DataFrame({"antecedent": ["a", "b", "x"], "consequent": ["b", "a", "y"]})
    truth = pd.DataFrame({"main_product_id": ["a", "c"], "accessory_product_id": ["b", "d"]})
    assert ecrm.rule_recovery(found, truth) == {
        "rules": 2,
        "true_pairs": 2,
        "found": 1,
        "precision": 0.5,
        "recall": 0.5,
    }
    directed = ecrm.rule_recovery(found, truth, symmetric=False)
    assert directed["rules"] == 3 and directed["found"] == 1
    with pytest.raises(ValueError, match="empty"):
        ecrm.rule_recovery(found, truth.iloc[:0])


def test_new_plots_draw_their_parts():
    t = pd.DataFrame(
        {
            "treated_rate": [0.3, 0.1],
            "control_rate": [0.2, 0.1],
            "uplift": [0.1, 0.0],
            "uplift_low": [0.05, -0.02],
            "uplift_high": [0.15, 0.02],
        },
        index=[1, 2],
    )
    ax = ecrmplot.uplift_chart(t, title="u")
    assert [round(p.get_height(), 2) for p in ax.patches] == [0.3, 0.1, 0.2, 0.1]
    c = pd.DataFrame({"share": [0, 0.5, 1], "qini": [0, 3, 4], "random": [0, 2, 4]})
    assert len(ecrmplot.qini_chart({"a": c, "b": c}, title="q").lines) == 3
    k = pd.DataFrame({"time": [0, 1], "survival": [1.0, 0.5]})
    assert ecrmplot.survival_chart({"x": k}, title="s").get_ylim()[0] == 0
    with pytest.raises(ValueError, match="uplift_low"):
        ecrmplot.uplift_chart(t.drop(columns="uplift_low"), title="u")
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# targeting what-if (table and slider)


def test_targeting_scenarios_by_hand():
    t = ecrm.targeting_scenarios(
        [1, 0, 0, 0], [4, 3, 2, 1], [400, 0, 0, 0], costs=[10, 150, 500], margin=0.5, n_bins=4
    )
    # margin of the one responder: 200; contacting everyone costs 4 × cost
    assert t.index.tolist() == [10.0, 150.0, 500.0]
    assert t["best_depth_deciles"].tolist() == [1, 1, 0]
    assert t["profit_best"].tolist() == [190.0, 50.0, 0.0]
    assert t["profit_everyone"].tolist() == [160.0, -400.0, -1800.0]
    assert t["gain_vs_everyone"].tolist() == [30.0, 450.0, 1800.0]
    assert t["break_even_rate"].tolist() == pytest.approx([0.05, 0.75, 2.5])


def test_targeting_scenarios_agree_with_profit_by_depth_and_validate():
    rng = np.random.default_rng(0)
    y = rng.random(200) < 0.2
    score = rng.random(200) + y
    amount = rng.uniform(1000, 50000, 200)
    t = ecrm.targeting_scenarios(y, score, amount, costs=[300.0], margin=0.3)
    direct = ecrm.profit_by_depth(y, score, 0.3 * amount, cost_per_contact=300.0)
    assert t.loc[300.0, "best_depth_deciles"] == ecrm.best_depth(direct)
    assert t.loc[300.0, "profit_best"] == pytest.approx(direct["cum_profit"].max())
    with pytest.raises(ValueError, match="margin"):
        ecrm.targeting_scenarios(y, score, amount, costs=[1.0], margin=0)
    with pytest.raises(TypeError, match="costs"):
        ecrm.targeting_scenarios(y, score, amount, costs=5.0, margin=0.3)
    with pytest.raises(ValueError, match="costs"):
        ecrm.targeting_scenarios(y, score, amount, costs=[], margin=0.3)
    with pytest.raises(ValueError, match="amount"):
        ecrm.targeting_scenarios(y, score, amount[:-1], costs=[1.0], margin=0.3)


def test_targeting_what_if_redraws_when_a_slider_moves():
    y = np.arange(300) % 5 == 0  # every decile responds at 20 %
    score = np.linspace(1, 0, 300)
    amount = np.where(y, 40_000.0, 0.0)
    box = ecrmplot.targeting_what_if(y, score, amount, cost=100, margin=0.25)
    cost_slider, margin_slider = box.children[0].children
    out = box.children[1]
    assert [s.description for s in (cost_slider, margin_slider)] == ["Cost/contact", "Margin"]
    # at 100 KRW a contact the break-even rate is 1 %: every decile pays, mail all 10
    assert re.search(r"best depth \(deciles\)\s+10\b", out.outputs[0]["data"]["text/plain"])
    cost_slider.value = 6000.0
    text = out.outputs[0]["data"]["text/plain"]
    assert "6,000 KRW" in text and len(out.outputs) == 2
    with pytest.raises(ValueError, match="cost"):
        ecrmplot.targeting_what_if(y, score, amount, cost=-1)
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# the Korean edition (한국어판): the figures speak the reader's language

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def _figure_texts(ax) -> list[str]:
    legend = ax.get_legend()
    texts = [ax.get_xlabel(), ax.get_ylabel()]
    texts += [t.get_text() for t in legend.get_texts()] if legend else []
    return texts


def test_figures_speak_korean_in_the_korean_edition_and_english_otherwise(language):
    g = ecrm.gains_table([1, 0, 1, 0], [4, 3, 2, 1], n_bins=2)
    language("ko")
    ax = ecrmplot.gains_chart({"m": g}, title="반응 고객의 절반")
    assert ax.get_title(loc="left") == "반응 고객의 절반"
    assert ax.get_xlabel() == "접촉한 명단의 비율(상위 십분위부터)"
    assert all(HANGUL.search(t) for t in _figure_texts(ax) if t != "m")
    assert HANGUL.search(ecrmplot.lift_bars(g, title="t").get_ylabel())
    language("en")
    ax = ecrmplot.gains_chart({"m": g}, title="Half of the responders")
    assert ax.get_xlabel() == "Share of list contacted (top deciles first)"
    assert not any(HANGUL.search(t) for t in _figure_texts(ax))
    assert ecrmplot.lift_bars(g, title="t").get_ylabel() == "Lift (× average rate)"


def test_funnel_steps_and_devices_are_named_in_korean(language):
    sessions = pd.DataFrame(
        {
            "device": ["app", "mobile_web"],
            "viewed_product": [True, True],
            "added_to_cart": [True, False],
            "purchased": [True, False],
        }
    )
    f = ecrm.funnel(sessions, ["viewed_product", "added_to_cart", "purchased"], by="device")
    language("ko")
    ax = ecrmplot.funnel_chart(f, by="device", title="퍼널")
    assert [t.get_text() for t in ax.get_xticklabels()][1:] == [
        "상품 조회",
        "장바구니 담기",
        "구매",
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["앱", "모바일 웹"]
    assert ax.get_legend().get_title().get_text() == "기기"
    language("en")
    ax = ecrmplot.funnel_chart(f, by="device", title="Funnel")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["app", "mobile web"]


def test_every_other_figure_has_korean_axis_labels(language):
    language("ko")
    t = pd.DataFrame(
        {"treated_rate": [0.3, 0.1], "control_rate": [0.2, 0.1], "uplift": [0.1, 0.0],
         "uplift_low": [0.05, -0.02], "uplift_high": [0.15, 0.02]},
        index=[1, 2],
    )  # fmt: skip
    c = pd.DataFrame({"share": [0, 0.5, 1], "qini": [0, 3, 4], "random": [0, 2, 4]})
    k = pd.DataFrame({"time": [0, 1, 2], "survival": [1.0, 0.8, 0.5]})
    curve = ecrm.second_purchase_curve(
        pd.DataFrame({"days": [5, 15, 35, 50], "returned": [True] * 4}),
        bin_days=20,
        horizon_days=60,
    )
    axes = [
        ecrmplot.profit_curve({"a": ecrm.profit_by_depth([1, 0], [2, 1], 2e6, cost_per_contact=0, n_bins=2)}, title="t"),
        ecrmplot.calibration_plot({"m": ecrm.calibration_table([0, 1, 0, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)}, title="t"),
        ecrmplot.second_purchase_plot(curve, title="t"),
        ecrmplot.uplift_chart(t, title="t"),
        ecrmplot.qini_chart({"a": c}, title="t"),
        ecrmplot.survival_chart({"a": k}, title="t"),
    ]  # fmt: skip
    for ax in axes:
        assert HANGUL.search(ax.get_xlabel()) and HANGUL.search(ax.get_ylabel()), ax.get_xlabel()
    assert axes[0].get_ylabel() == "누적 이익(백만 원)"


def test_targeting_what_if_sliders_and_results_in_korean(language):
    language("ko")
    y = np.arange(300) % 5 == 0
    box = ecrmplot.targeting_what_if(
        y, np.linspace(1, 0, 300), np.where(y, 40_000.0, 0.0), cost=100, margin=0.25
    )
    sliders = box.children[0].children
    assert [s.description for s in sliders] == ["접촉당 비용", "마진"]
    text = box.children[1].outputs[0]["data"]["text/plain"]
    assert "최적 깊이(십분위 수)" in text and "100원, 마진 25%" in text


def test_model_names_in_the_gains_legend_and_no_space_before_percent_in_korean(language):
    g = ecrm.gains_table([1, 0, 1, 0], [4, 3, 2, 1], n_bins=2)
    language("ko")
    legend = ecrmplot.gains_chart({"logistic": g, "boosting": g}, title="t").get_legend()
    assert [t.get_text() for t in legend.get_texts()][1:] == ["로지스틱 회귀", "부스팅"]
    t = pd.DataFrame(
        {"treated_rate": [0.3], "control_rate": [0.2], "uplift": [0.1], "uplift_low": [0.0],
         "uplift_high": [0.2]},
        index=[1],
    )  # fmt: skip
    labels = [x.get_text() for x in ecrmplot.uplift_chart(t, title="t").get_legend().get_texts()]
    assert not any(re.search(r"\d %", x) for x in labels), labels
    language("en")
    legend = ecrmplot.gains_chart({"logistic": g, "boosting": g}, title="t").get_legend()
    assert [t.get_text() for t in legend.get_texts()][1:] == ["logistic", "boosting"]


def test_the_korean_right_axis_label_of_the_second_purchase_plot_clears_its_ticks(language):
    curve = ecrm.second_purchase_curve(
        pd.DataFrame({"days": [5, 15, 35, 50], "returned": [True] * 4}),
        bin_days=20,
        horizon_days=60,
    )
    language("en")
    english_pad = ecrmplot.second_purchase_plot(curve, title="t").right_ax.yaxis.labelpad
    language("ko")
    ax = ecrmplot.second_purchase_plot(curve, title="t")
    assert ax.right_ax.yaxis.labelpad > english_pad
    assert ax.right_ax.get_ylabel() == "두 번째 주문을 한 누적 비율"
