"""helpers.loyalty: the gross-gain × leverage split of the +5-point effect, loyalty_ratio with an
explicit group, and the Kaplan–Meier second-purchase curve, on cases computed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import SurvfuncRight

from helpers.loyalty import (
    CohortModel,
    effect_decomposition,
    loyalty_ratio,
    repeat_purchase_rate,
    retention_effect,
    second_purchase_curve,
)


def test_decomposition_multiplies_back_to_the_effect():
    for m in (
        CohortModel(),
        CohortModel(acquisition_cost=25),
        CohortModel(retention=0.85, margin_growth=0),
    ):
        d = effect_decomposition(m)
        assert d["gross_gain"] * d["leverage"] == pytest.approx(retention_effect(m))
        assert d["effect"] == pytest.approx(retention_effect(m))
        assert d["gross_value"] - d["npv"] == pytest.approx(m.acquisition_cost)


def test_flat_margin_gross_gain_has_the_closed_form():
    # flat profit m, long horizon: G = m / (1 + d - r), so G(r + 0.05) / G(r) - 1 = 0.05 / (1 + d - r - 0.05)
    flat = CohortModel(margin_growth=0, serve_cost=0, referral_profit=0, price_premium=0, years=600)
    d = effect_decomposition(flat)
    assert d["gross_gain"] == pytest.approx(0.05 / (1.10 - 0.75 - 0.05), rel=1e-9)
    assert d["gross_value"] == pytest.approx(40 / (1.10 - 0.75), rel=1e-9)


def test_decomposition_of_a_loss_is_nan_and_bad_input_is_named():
    d = effect_decomposition(CohortModel(acquisition_cost=1000))
    assert np.isnan(d["leverage"]) and np.isnan(d["effect"])
    with pytest.raises(TypeError, match="model must be a CohortModel"):
        effect_decomposition({"retention": 0.75})
    with pytest.raises(ValueError, match="retention \\+ points"):
        effect_decomposition(CohortModel(retention=0.98))


def _orders():
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 2, 3],
            "order_date": pd.to_datetime(
                ["2020-01-01", "2020-05-01", "2020-01-01", "2020-04-10", "2020-01-01"]
            ),
            "amount": [10.0, 40.0, 20.0, 20.0, 30.0],
        }
    )


def test_loyalty_ratio_with_an_explicit_group():
    o = _orders()
    # months 0-1 vs 3-4; customer 1 buys in month 3 (Apr 30 is day 121 -> month 3), customer 2 in month 3
    stayers = loyalty_ratio(o, early=(0, 2), late=(3, 5), as_of="2021-01-01")
    assert stayers["customers"] == 2 and stayers["ratio"] == pytest.approx(60 / 30)
    chosen = loyalty_ratio(o, early=(0, 2), late=(3, 5), as_of="2021-01-01", group=[1, 3])
    assert chosen["customers"] == 2  # customer 3 never bought late: counted, with 0 late spend
    assert chosen["ratio"] == pytest.approx(40 / 40)
    unknown = loyalty_ratio(o, early=(0, 2), late=(3, 5), as_of="2021-01-01", group=[1, 99])
    assert unknown["customers"] == 1
    with pytest.raises(TypeError, match="group must be a collection"):
        loyalty_ratio(o, as_of="2021-01-01", group=5)
    before = o.copy()
    loyalty_ratio(o, as_of="2021-01-01", group=[1])
    pd.testing.assert_frame_equal(o, before)


def test_second_purchase_curve_by_hand_with_censoring():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 3, 4, 4, 4],
            "order_date": pd.to_datetime(
                [
                    "2024-01-01",
                    "2024-01-11",
                    "2024-01-25",
                    "2024-01-01",
                    "2024-01-21",
                    "2024-01-01",
                    "2024-01-01",
                    "2024-01-31",
                ]
            ),
        }
    )
    # durations: 1 -> 10 (event), 2 -> 7 (censored: first on Jan 25, as_of Feb 1),
    # 3 -> 20 (event), 4 -> 30 (event; the two Jan 1 rows are one purchase day)
    c = second_purchase_curve(o, days=30, as_of="2024-02-01")
    # KM: t=10: 3 at risk (2 censored at 7), S = 2/3; t=20: 2 at risk, S = 1/3; t=30: 1, S = 0
    assert c["repeated"].loc[9] == 0
    assert c["repeated"].loc[10] == pytest.approx(1 / 3)
    assert c["repeated"].loc[20] == pytest.approx(2 / 3)
    assert c["repeated"].loc[30] == pytest.approx(1.0)
    assert c["at_risk"].loc[[0, 8, 11]].tolist() == [4, 3, 2]
    assert c.attrs == {"customers": 4, "censored": 1}
    # distinct orders instead of days: customer 4's two Jan 1 orders make a repeat on day 0
    by_order = second_purchase_curve(
        o.assign(order_id=range(8)), days=30, order_col="order_id", as_of="2024-02-01"
    )
    assert by_order["repeated"].loc[0] == pytest.approx(1 / 4)


def test_second_purchase_curve_equals_statsmodels_and_the_repeat_rate_without_censoring():
    rng = np.random.default_rng(0)
    n = 300
    first = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 30, n), unit="D")
    gap = rng.integers(1, 400, n)
    o = pd.DataFrame(
        {
            "customer_id": np.r_[np.arange(n), np.arange(n)],
            "order_date": np.r_[first, first + pd.to_timedelta(gap, unit="D")],
        }
    )
    o = o[o["order_date"] < "2021-06-01"]
    c = second_purchase_curve(o, days=365, as_of="2021-06-01")
    # everyone is observed for more than 365 days: KM at day 365 is the plain repeat rate
    rate = repeat_purchase_rate(o, within_days=365, as_of="2021-06-01")["repeat_rate"].iloc[0]
    assert c["repeated"].loc[365] == pytest.approx(rate)
    dur = np.where(gap < 500, gap, 0)
    fit = SurvfuncRight(dur.astype(float), np.ones(n))
    assert c["repeated"].loc[100] == pytest.approx(1 - fit.surv_prob[fit.surv_times <= 100][-1])


def test_second_purchase_curve_bad_input():
    o = _orders()
    with pytest.raises(ValueError, match="days must be a positive integer"):
        second_purchase_curve(o, days=0)
    with pytest.raises(ValueError, match="order column 'nope'"):
        second_purchase_curve(o, order_col="nope")
    with pytest.raises(ValueError, match="as_of"):
        second_purchase_curve(o, as_of="2019-01-01")
    before = o.copy()
    second_purchase_curve(o, days=10)
    pd.testing.assert_frame_equal(o, before)


# Odd answers and near misses of every exercise: tests/test_checks_fuzz.py.


def test_exercise_01_hints_name_the_misconception():
    """Plausible wrong answers get their own hint, never a misleading 'rounded too much'."""
    from helpers.checks import verify
    from helpers.exercises import ex01

    e1 = ex01._ex1()
    assert "wrong sign" in verify("01.1", -e1["effect"]).message
    assert (
        "discount_rate at the CohortModel default"
        in verify("01.1", e1["left_default"]["discount_rate"]).message
    )
    assert "only the retention" in verify("01.1", e1["only_retention"]).message
    e2 = ex01._ex2()
    assert "longer" in verify("01.2", e2["months"] - e2["baseline"]).message
    assert "one month off" in verify("01.2", e2["months"] + 1).message
    e3 = ex01._ex3()
    assert "raw shop.orders" in verify("01.3", e3["uncleaned"]).message
    assert "early window at month 1" in verify("01.3", e3["early_1_5"]).message
    assert "not a percentage" in verify("01.3", 100 * e3["ratio"]).message
    assert "rounded too much" in verify("01.3", round(e3["ratio"], 1)).message
    e4 = ex01._ex4()
    assert "raw shop.orders" in verify("01.4", e4["uncleaned"]).message
