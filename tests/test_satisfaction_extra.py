"""helpers.satisfaction: the NPS difference interval, Shapley (LMG) relative importance and
penalty–reward (Kano) analysis, on small frames whose answers are computed by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from helpers.satisfaction import (
    KANO_TYPES,
    nps,
    nps_difference,
    penalty_reward,
    relative_importance,
)

# --- nps_difference -----------------------------------------------------------------------------


def test_nps_difference_by_hand():
    a, b = [10, 9, 9, 7, 3], [10, 6, 5, 4, 8]
    d = nps_difference(a, b)
    # a: 60% promoters, 20% detractors -> +40, var (0.8 - 0.16) / 5 = 0.128; b mirrored -> -40
    assert d["nps_a"] == pytest.approx(40.0) and d["nps_b"] == pytest.approx(-40.0)
    assert d["difference"] == pytest.approx(80.0)
    assert d["se"] == pytest.approx(100 * math.sqrt(0.256))
    assert d["ci_low"] == pytest.approx(80 - 1.959964 * 100 * math.sqrt(0.256), abs=1e-4)
    assert d["p_value"] == pytest.approx(2 * stats.norm.sf(80 / (100 * math.sqrt(0.256))))


def test_difference_can_be_significant_while_the_intervals_overlap():
    a = [9] * 270 + [7] * 360 + [3] * 270  # NPS 0, 95% CI about ±5.1
    b = [9] * 234 + [7] * 360 + [3] * 306  # NPS -8, 95% CI about ±5.0
    ra, rb = nps(a), nps(b)
    d = nps_difference(a, b)
    assert ra.ci_low < rb.ci_high  # the two intervals overlap ...
    assert d["ci_low"] > 0  # ... yet the difference is clearly positive
    assert d["se"] < (ra.ci_high - ra.nps + rb.ci_high - rb.nps) / 1.96


def test_nps_difference_of_identical_groups_is_zero_and_symmetric():
    a = [0, 5, 7, 8, 9, 10]
    d = nps_difference(a, a)
    assert d["difference"] == 0 and d["p_value"] == pytest.approx(1.0)
    assert nps_difference([9, 3], a)["difference"] == -nps_difference(a, [9, 3])["difference"]


def test_nps_difference_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="level"):
        nps_difference([9], [3], level=1.0)
    with pytest.raises(ValueError, match="b must lie on the 0–10 scale"):
        nps_difference([9], [11])
    with pytest.raises(TypeError, match="a must be numeric"):
        nps_difference(["x"], [3])


def test_nps_difference_does_not_mutate():
    a = pd.Series([9, 10, 3], index=[5, 6, 7])
    before = a.copy()
    nps_difference(a, [1, 2, 9])
    pd.testing.assert_series_equal(a, before)


# --- relative_importance ------------------------------------------------------------------------


def _frame(n=400, seed=0, rho=0.5):
    rng = np.random.default_rng(seed)
    common = rng.normal(size=n)
    a = np.clip(np.round(3 + rho * common + rng.normal(size=n)), 1, 5)
    b = np.clip(np.round(3 + rho * common + rng.normal(size=n)), 1, 5)
    c = np.clip(np.round(3 + rng.normal(size=n)), 1, 5)
    y = 2 * a + 1 * b + 0.2 * c + rng.normal(scale=2, size=n)
    return pd.DataFrame({"a": a, "b": b, "c": c, "y": y})


def _r2(df, cols):
    if not cols:
        return 0.0
    return smf.ols("y ~ " + " + ".join(cols), data=df).fit().rsquared


def test_two_driver_lmg_is_the_average_of_the_two_orders():
    df = _frame()
    ri = relative_importance(df, target="y", drivers=["a", "b"])
    ra, rb, rab = _r2(df, ["a"]), _r2(df, ["b"]), _r2(df, ["a", "b"])
    assert ri.loc["a", "lmg"] == pytest.approx(((ra - 0) + (rab - rb)) / 2)
    assert ri.loc["b", "lmg"] == pytest.approx(((rb - 0) + (rab - ra)) / 2)
    assert ri.loc["a", "r2_alone"] == pytest.approx(ra)
    assert ri.attrs["r2"] == pytest.approx(rab)


def test_three_driver_lmg_matches_all_orderings_and_sums_to_r2():
    df = _frame(seed=3)
    drivers = ["a", "b", "c"]
    ri = relative_importance(df, target="y", drivers=drivers)
    gains = dict.fromkeys(drivers, 0.0)
    orders = list(itertools.permutations(drivers))
    for order in orders:  # the definition: average gain over the 3! entry orders
        for i, d in enumerate(order):
            gains[d] += _r2(df, list(order[: i + 1])) - _r2(df, list(order[:i]))
    for d in drivers:
        assert ri.loc[d, "lmg"] == pytest.approx(gains[d] / len(orders))
    assert ri["lmg"].sum() == pytest.approx(_r2(df, drivers))
    assert ri["share"].sum() == pytest.approx(1.0)


def test_uncorrelated_drivers_get_their_own_r2():
    # a balanced 2×2 design: the drivers are exactly orthogonal
    df = pd.DataFrame({"a": [1, 1, 5, 5] * 5, "b": [1, 5, 1, 5] * 5})
    df["y"] = 3 * df["a"] + df["b"] + np.tile([0.5, -0.5, -0.5, 0.5, 0.2], 4)
    ri = relative_importance(df, target="y", drivers=["a", "b"])
    np.testing.assert_allclose(ri["lmg"], ri["r2_alone"])


def test_relative_importance_bad_input():
    df = _frame(n=50)
    with pytest.raises(ValueError, match="2 to 10"):
        relative_importance(df, target="y", drivers=["a"])
    with pytest.raises(ValueError, match="duplicated"):
        relative_importance(df, target="y", drivers=["a", "a"])
    with pytest.raises(ValueError, match="does not vary"):
        relative_importance(df.assign(y=1.0), target="y", drivers=["a", "b"])
    with pytest.raises(ValueError, match="zz"):
        relative_importance(df, target="zz", drivers=["a", "b"])
    before = df.copy()
    relative_importance(df, target="y", drivers=["a", "b", "c"])
    pd.testing.assert_frame_equal(df, before)


# --- penalty_reward -----------------------------------------------------------------------------


def _kano_frame(penalty, reward, n_rep=40, seed=0):
    rng = np.random.default_rng(seed)
    x = np.tile([1, 2, 3, 4, 5], n_rep)
    y = 6 - penalty * (x <= 2) + reward * (x >= 4) + rng.normal(scale=0.5, size=x.size)
    return pd.DataFrame({"x": x, "y": y})


def test_penalty_and_reward_are_the_dummy_effects():
    df = _kano_frame(2.0, 0.5)
    pr = penalty_reward(df, target="y", drivers=["x"])
    # one driver: the coefficients are the group-mean differences from the middle score
    mid = df.loc[df["x"] == 3, "y"].mean()
    assert pr.loc["x", "penalty"] == pytest.approx(mid - df.loc[df["x"] <= 2, "y"].mean())
    assert pr.loc["x", "reward"] == pytest.approx(df.loc[df["x"] >= 4, "y"].mean() - mid)
    assert pr.loc["x", "asymmetry"] == pytest.approx(pr.loc["x", "penalty"] - pr.loc["x", "reward"])
    assert pr.loc["x", "kano"] == "must-be"
    assert (pr.loc["x", "n_low"], pr.loc["x", "n_high"]) == (80, 80)


@pytest.mark.parametrize(
    ("penalty", "reward", "kano"),
    [(2.0, 0.3, "must-be"), (1.0, 1.0, "one-dimensional"), (0.3, 2.0, "attractive")],
)
def test_kano_category_follows_the_asymmetry(penalty, reward, kano):
    assert (
        penalty_reward(_kano_frame(penalty, reward), target="y", drivers=["x"])["kano"].item()
        == kano
    )
    assert kano in KANO_TYPES


def test_penalty_reward_bad_input():
    df = _kano_frame(1, 1)
    with pytest.raises(ValueError, match="low < high"):
        penalty_reward(df, target="y", drivers=["x"], low=3, high=3)
    with pytest.raises(ValueError, match="x__low"):
        penalty_reward(df[df["x"] >= 3], target="y", drivers=["x"])
    with pytest.raises(ValueError, match="level"):
        penalty_reward(df, target="y", drivers=["x"], level=0)
    with pytest.raises(ValueError, match="scale"):
        penalty_reward(df.assign(x=df["x"] + 5), target="y", drivers=["x"])
    before = df.copy()
    penalty_reward(df, target="y", drivers=["x"])
    pd.testing.assert_frame_equal(df, before)


# Odd answers and near misses of every exercise: tests/test_checks_fuzz.py.


def test_delivery_app_is_read_only_and_a_copy_is_editable():
    from helpers.exercises.ex04 import DELIVERY_APP

    with pytest.raises(ValueError, match="read-only"):
        DELIVERY_APP.loc["culture", "performance"] = 4.9
    copy = DELIVERY_APP.copy()
    copy.loc["culture", "performance"] = 4.9
    assert DELIVERY_APP.loc["culture", "performance"] == 3.0


def test_exercise_04_hints_name_the_misconception():
    """The other row, the other label, 1/OR, ±1 SE and a partly wrong quadrant dict get their own hint."""
    from helpers.checks import verify
    from helpers.exercises import ex04

    e = ex04._after_sales_odds()
    assert "logistic coefficient" in verify("04.4", 100 * e["coef"]).message
    assert "inverted" in verify("04.4", 100 * (1 / e["model"] - 1)).message
    assert "observed inactivity" in verify("04.4", 100 * (e["inactivity"] - 1)).message
    for element, ratio in e["others"].items():
        if abs(ratio - e["model"]) > 0.001:
            assert f"row of {element}" in verify("04.4", 100 * (ratio - 1)).message
    assert "rounded" in verify("04.4", round(100 * (e["model"] - 1))).message
    d = ex04._diff_parts()
    half = (d["ci"][1] - d["ci"][0]) / 2
    assert (
        "one standard error"
        in verify("04.2", (d["diff"] - half / 1.96, d["diff"] + half / 1.96)).message
    )
    assert "100 times" in verify("04.2", (d["diff"] - half / 100, d["diff"] + half / 100)).message
    one_wrong = {**ex04._quadrants_expected(), "culture": "Possible overkill"}
    hint = verify("04.6", one_wrong).message
    assert "midpoint" not in hint and "culture" in hint


@pytest.fixture
def korean():
    from helpers.language import set_language

    set_language("ko")
    yield
    set_language(None)


def test_exercise_04_hints_teach_the_same_misconception_in_korean(korean):
    """The Korean edition names the misconception too, with the same numbers as the English hint."""
    from helpers.checks import verify
    from helpers.exercises import ex04

    p = ex04._nps_parts()
    assert "중립 고객(7–8점)을 뺐습니다" in verify("04.1", p["pro_minus_pas"]).message
    e = ex04._after_sales_odds()
    assert "로지스틱 회귀 계수" in verify("04.4", 100 * e["coef"]).message
    d = ex04._diff_parts()
    swapped = (-d["ci"][1], -d["ci"][0])
    assert "search_ads − social을 계산했습니다" in verify("04.2", swapped).message
    midpoint = ex04.importance_performance(
        ex04.DELIVERY_APP["importance"], ex04.DELIVERY_APP["performance"], performance_cut=3.0
    )["quadrant"].to_dict()
    hint = verify("04.6", midpoint).message
    cut = ex04.DELIVERY_APP["performance"].mean()
    assert "척도의 가운데인 3에서" in hint and f"성과 {cut:.2f}" in hint


def test_exercise_04_answer_of_the_wrong_kind_gets_a_korean_hint(korean):
    from helpers.checks import verify

    assert "dict가 필요합니다" in verify("04.6", 42).message
    assert "숫자 두 개의 쌍" in verify("04.2", pd.DataFrame({"x": [1.0, 2.0]})).message
    assert "열 이름을 텍스트로" in verify("04.3", 3).message


def test_exercise_04_answer_of_the_wrong_kind_keeps_its_english_hint():
    from helpers.checks import verify

    message = verify("04.6", 42).message
    assert message.endswith("expected a dict from element to quadrant name, got int.")
