"""Unit tests of helpers.uplift: hand-computed cases, agreement with plain pandas, bad input, no mutation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from helpers.uplift import (
    ABTest,
    ab_test,
    ab_test_counts,
    incremental_profit_by_depth,
    minimum_detectable_effect,
    qini_coefficient,
    qini_curve,
    sample_size,
    two_model_uplift,
    uplift_by_decile,
)

COLS = {"score_col": "score", "treated_col": "treated", "outcome_col": "converted"}


@pytest.fixture
def eight():
    """Eight rows, two groups of four: group 1 treated 2/2 bought vs control 1/2; group 2 1/2 vs 0/2."""
    return pd.DataFrame(
        {
            "score": [8, 7, 6, 5, 4, 3, 2, 1],
            "treated": [True, False, True, False, True, False, True, False],
            "converted": [1, 0, 1, 1, 0, 0, 1, 0],
        }
    )


@pytest.fixture
def campaign():
    """A randomised campaign where only customers with x > 0 respond to the contact."""
    rng = np.random.default_rng(1)
    n = 4000
    x = rng.normal(size=n)
    t = rng.random(n) < 0.5
    p = 0.05 + 0.10 * (x > 0) * t + 0.10 * (x > 1)  # x > 1 are also "sure things"
    return pd.DataFrame({"x": x, "treated": t, "converted": rng.random(n) < p, "score": x})


# --------------------------------------------------------------------------- uplift by decile


def test_uplift_by_decile_hand_computed(eight):
    t = uplift_by_decile(eight, **COLS, bins=2)
    assert t.index.tolist() == [1, 2]
    assert t["n_treated"].tolist() == [2, 2]
    assert t["n_control"].tolist() == [2, 2]
    assert t["treated_rate"].tolist() == [1.0, 0.5]
    assert t["control_rate"].tolist() == [0.5, 0.0]
    assert t["uplift"].tolist() == [0.5, 0.5]
    # Wald: group 1 var_t = 0, var_c = 0.25 -> se = sqrt(0.25 / 2)
    se1 = math.sqrt(0.25 / 2)
    z = norm.ppf(0.975)
    assert t.loc[1, "uplift_low"] == pytest.approx(0.5 - z * se1)
    assert t.loc[1, "uplift_high"] == pytest.approx(0.5 + z * se1)
    assert t["score_min"].tolist() == [5, 1] and t["score_max"].tolist() == [8, 4]


def test_uplift_by_decile_equals_plain_pandas(campaign):
    helper = uplift_by_decile(campaign, **COLS)
    f = campaign.assign(rank=campaign["score"].rank(method="first", ascending=False))
    f["decile"] = np.ceil(f["rank"] * 10 / len(f)).astype(int)
    rates = f.groupby(["decile", "treated"])["converted"].mean().unstack()
    plain = rates[True] - rates[False]
    np.testing.assert_allclose(helper["uplift"].to_numpy(), plain.to_numpy())
    # the planted effect: the top half responds (+0.10), the bottom half does not
    assert helper.loc[1:4, "uplift"].mean() > 0.05
    assert abs(helper.loc[7:10, "uplift"].mean()) < 0.03


def test_uplift_by_decile_accepts_integer_flags_and_revenue(eight):
    f = eight.assign(treated=eight["treated"].astype(int), revenue=eight["converted"] * 1000.0)
    t = uplift_by_decile(f, score_col="score", treated_col="treated", outcome_col="revenue", bins=2)
    assert t["uplift"].tolist() == [500.0, 500.0]


def test_uplift_by_decile_does_not_mutate(eight):
    before = eight.copy()
    uplift_by_decile(eight, **COLS, bins=2)
    incremental_profit_by_depth(eight, **COLS, margin=1, cost_per_contact=0, bins=2)
    qini_curve(eight, **COLS)
    pd.testing.assert_frame_equal(eight, before)


@pytest.mark.parametrize(
    "change, kwargs, error, words",
    [
        (None, {"score_col": "nope"}, ValueError, "nope"),
        (None, {"bins": 0}, ValueError, "bins"),
        (None, {"bins": 2.5}, TypeError, "bins"),
        (None, {"bins": 9}, ValueError, "bins"),
        (None, {"bins": 8}, ValueError, "fewer bins"),
        (None, {"confidence": 95}, ValueError, "confidence"),
        ({"treated": [True] * 8}, {}, ValueError, "control"),
        ({"treated": [0, 1, 2, 0, 1, 0, 1, 0]}, {}, ValueError, "treated_col"),
        ({"converted": [1, 0, None, 1, 0, 0, 1, 0]}, {}, ValueError, "outcome_col"),
        ({"converted": list("abcdefgh")}, {}, TypeError, "outcome_col"),
        ({"score": [1, 2, np.nan, 4, 5, 6, 7, 8]}, {}, ValueError, "score_col"),
        ({"score": list("abcdefgh")}, {}, TypeError, "score_col"),
    ],
)
def test_uplift_by_decile_bad_input_names_the_argument(eight, change, kwargs, error, words):
    f = eight.assign(**change) if change else eight
    args = {**COLS, "bins": 2, **kwargs}
    with pytest.raises(error, match=words):
        uplift_by_decile(f, **args)


def test_uplift_by_decile_rejects_non_frames_and_empty():
    with pytest.raises(TypeError, match="DataFrame"):
        uplift_by_decile([1, 2], **COLS)
    with pytest.raises(ValueError, match="empty"):
        uplift_by_decile(pd.DataFrame(columns=["score", "treated", "converted"]), **COLS)


# --------------------------------------------------------------------------- Qini


def test_qini_curve_hand_computed():
    f = pd.DataFrame({"score": [4, 3, 2, 1], "treated": [1, 0, 1, 0], "converted": [1, 0, 0, 1]})
    c = qini_curve(f, **COLS)
    assert c["share"].tolist() == [0, 0.25, 0.5, 0.75, 1.0]
    assert c["qini"].tolist() == [0, 1, 1, 1, 0]
    # uplift gain: (rate_t - rate_c) * n; t = 2: (1 - 0) * 2; t = 3: (1/2 - 0) * 3; t = 4: 0
    assert c["uplift_gain"].tolist() == [0, 1, 2, 1.5, 0]
    assert c["random"].tolist() == [0, 0, 0, 0, 0]
    assert qini_coefficient(f, **COLS) == pytest.approx(0.375)


def test_qini_curve_groups_tied_scores():
    f = pd.DataFrame({"score": [1, 1, 1, 1], "treated": [1, 0, 1, 0], "converted": [1, 0, 0, 1]})
    c = qini_curve(f, **COLS)
    assert c["share"].tolist() == [0, 1.0]
    assert qini_coefficient(f, **COLS) == pytest.approx(0.0)


def test_qini_reversed_score_is_negative_and_random_near_zero(campaign):
    good = qini_coefficient(campaign, **COLS)
    bad = qini_coefficient(campaign.assign(score=-campaign["score"]), **COLS)
    noise = qini_coefficient(
        campaign.assign(score=np.random.default_rng(3).random(len(campaign))), **COLS
    )
    assert good > 0.01 > abs(noise)
    assert bad < 0
    c = qini_curve(campaign, **COLS)
    assert c["qini"].iloc[-1] == pytest.approx(c["random"].iloc[-1])
    assert c["n_treated"].iloc[-1] == campaign["treated"].sum()


# --------------------------------------------------------------------------- incremental profit


def test_incremental_profit_hand_computed(eight):
    t = incremental_profit_by_depth(eight, **COLS, margin=100, cost_per_contact=10, bins=2)
    assert t.index.tolist() == [0.5, 1.0]
    assert t["n_targeted"].tolist() == [4, 8]
    # top half: 2/2 vs 1/2 -> uplift 0.5, 4 contacts: 100 * 0.5 * 4 - 40 = 160
    # everyone: 3/4 vs 1/4 -> uplift 0.5, 8 contacts: 400 - 80 = 320
    assert t["uplift"].tolist() == [0.5, 0.5]
    assert t["incremental_profit"].tolist() == [160.0, 320.0]
    assert t["incremental_outcome"].tolist() == [2.0, 4.0]
    # naive: every treated conversion counted: rate 1.0 and 0.75
    assert t["naive_profit"].tolist() == [100 * 1.0 * 4 - 40, 100 * 0.75 * 8 - 80]
    assert (t["profit_low"] <= t["incremental_profit"]).all()
    assert (t["incremental_profit"] <= t["profit_high"]).all()


def test_incremental_profit_peaks_where_uplift_ends(campaign):
    t = incremental_profit_by_depth(campaign, **COLS, margin=10_000, cost_per_contact=300)
    best = t["incremental_profit"].idxmax()
    assert 0.3 <= best <= 0.6  # the planted effect covers the top half
    assert (t["naive_profit"] > t["incremental_profit"]).all()


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"margin": -1}, ValueError, "margin"),
        ({"margin": "100"}, TypeError, "margin"),
        ({"cost_per_contact": float("nan")}, ValueError, "cost_per_contact"),
        ({"cost_per_contact": True}, TypeError, "cost_per_contact"),
    ],
)
def test_incremental_profit_bad_numbers(eight, kwargs, error, words):
    args = {**COLS, "margin": 100, "cost_per_contact": 10, "bins": 2, **kwargs}
    with pytest.raises(error, match=words):
        incremental_profit_by_depth(eight, **args)


# --------------------------------------------------------------------------- two-model uplift


def test_two_model_uplift_finds_the_persuadables_and_is_reproducible(campaign):
    before = campaign.copy()
    s1 = two_model_uplift(campaign, features=["x"], treated_col="treated", outcome_col="converted")
    s2 = two_model_uplift(campaign, features=["x"], treated_col="treated", outcome_col="converted")
    pd.testing.assert_series_equal(s1, s2)
    pd.testing.assert_frame_equal(campaign, before)
    assert s1.index.equals(campaign.index) and s1.name == "uplift_score"
    assert s1[campaign["x"] > 0.5].mean() > s1[campaign["x"] < -0.5].mean() + 0.03


def test_two_model_uplift_equals_two_plain_logistic_regressions(campaign):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X = campaign[["x"]].to_numpy()
    y = campaign["converted"].to_numpy()
    t = campaign["treated"].to_numpy()
    m1 = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X[t], y[t])
    m0 = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X[~t], y[~t])
    plain = m1.predict_proba(X)[:, 1] - m0.predict_proba(X)[:, 1]
    helper = two_model_uplift(
        campaign, features=["x"], treated_col="treated", outcome_col="converted"
    )
    np.testing.assert_allclose(helper.to_numpy(), plain)


def test_two_model_uplift_scores_a_separate_frame_with_a_seeded_forest(campaign):
    from sklearn.ensemble import RandomForestClassifier

    new = campaign.iloc[:5].set_index(pd.Index(list("abcde")))
    kw = dict(
        features=["x"],
        treated_col="treated",
        outcome_col="converted",
        predict=new,
        estimator=RandomForestClassifier(n_estimators=20, min_samples_leaf=50),
    )
    s = two_model_uplift(campaign, **kw)
    assert s.index.tolist() == list("abcde")
    pd.testing.assert_series_equal(s, two_model_uplift(campaign, **kw))


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"features": "x"}, TypeError, "features"),
        ({"features": []}, TypeError, "features"),
        ({"features": ["nope"]}, ValueError, "nope"),
        ({"estimator": object()}, TypeError, "estimator"),
    ],
)
def test_two_model_uplift_bad_input(campaign, kwargs, error, words):
    args = {"features": ["x"], "treated_col": "treated", "outcome_col": "converted", **kwargs}
    with pytest.raises(error, match=words):
        two_model_uplift(campaign, **args)


def test_two_model_uplift_rejects_text_features_and_numeric_outcomes(campaign):
    with pytest.raises(ValueError, match="numeric"):
        two_model_uplift(
            campaign.assign(x=campaign["x"].astype(str)),
            features=["x"],
            treated_col="treated",
            outcome_col="converted",
        )
    with pytest.raises(ValueError, match="0/1"):
        two_model_uplift(
            campaign.assign(converted=campaign["x"]),
            features=["x"],
            treated_col="treated",
            outcome_col="converted",
        )


# --------------------------------------------------------------------------- A/B test and power


def test_ab_test_counts_wald_by_hand():
    r = ab_test_counts(60, 1000, 40, 1000, method="wald")
    assert isinstance(r, ABTest)
    assert r.difference == pytest.approx(0.02)
    se = math.sqrt(0.06 * 0.94 / 1000 + 0.04 * 0.96 / 1000)
    z975 = norm.ppf(0.975)
    assert r.ci_low == pytest.approx(0.02 - z975 * se)
    assert r.ci_high == pytest.approx(0.02 + z975 * se)
    pooled = 0.05
    z = 0.02 / math.sqrt(pooled * (1 - pooled) * (2 / 1000))
    assert r.z == pytest.approx(z)
    assert r.p_value == pytest.approx(2 * norm.sf(z))
    assert r.relative_lift == pytest.approx(0.5)
    assert "difference +0.0200" in repr(r)
    assert r.to_frame().shape == (1, 11)


def test_ab_test_reads_in_the_readers_language():
    from helpers.language import set_language

    r = ab_test_counts(60, 1000, 40, 1000, method="wald")
    try:
        set_language("ko")
        ko = repr(r)
        set_language("en")
        en = repr(r)
    finally:
        set_language(None)
    assert "처치집단 0.0600, 1,000명 대 통제집단 0.0400" in ko and "차이 +0.0200" in ko
    assert en.startswith("ABTest(treatment 0.0600 of 1,000 vs control 0.0400 of 1,000")


def test_ab_test_newcombe_is_narrower_than_zero_and_inside_bounds():
    r = ab_test_counts(3, 50, 0, 50)
    assert -1 <= r.ci_low < r.difference < r.ci_high <= 1
    none = ab_test_counts(0, 50, 0, 50)
    assert none.p_value == 1.0 and none.difference == 0.0


def test_ab_test_from_frame_matches_counts_and_ignores_other_arms():
    f = pd.DataFrame(
        {
            "content": ["p"] * 4 + ["g"] * 4 + [""] * 3,
            "converted": [True, True, True, False, True, False, False, False, True, True, True],
        }
    )
    before = f.copy()
    r = ab_test(f, arm_col="content", outcome_col="converted", treatment="p", control="g")
    assert (r.n_treatment, r.n_control) == (4, 4)
    assert r == ab_test_counts(3, 4, 1, 4)
    pd.testing.assert_frame_equal(f, before)


@pytest.mark.parametrize(
    "args, kwargs, error, words",
    [
        ((5, 4, 1, 4), {}, ValueError, "conversions_treatment"),
        ((1, 0, 1, 4), {}, ValueError, "n_treatment"),
        ((1.5, 4, 1, 4), {}, TypeError, "conversions_treatment"),
        ((1, 4, -1, 4), {}, ValueError, "conversions_control"),
        ((1, 4, 1, 4), {"method": "exact"}, ValueError, "method"),
        ((1, 4, 1, 4), {"confidence": 1.0}, ValueError, "confidence"),
    ],
)
def test_ab_test_counts_bad_input(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        ab_test_counts(*args, **kwargs)


def test_ab_test_frame_bad_input():
    f = pd.DataFrame({"content": ["p", "g"], "converted": [1, 0]})
    with pytest.raises(ValueError, match="treatment='x'"):
        ab_test(f, arm_col="content", outcome_col="converted", treatment="x", control="g")
    with pytest.raises(ValueError, match="differ"):
        ab_test(f, arm_col="content", outcome_col="converted", treatment="g", control="g")
    with pytest.raises(ValueError, match="outcome_col"):
        ab_test(
            f.assign(converted=[2, 0]),
            arm_col="content",
            outcome_col="converted",
            treatment="p",
            control="g",
        )
    with pytest.raises(ValueError, match="arm"):
        ab_test(f, arm_col="arm", outcome_col="converted", treatment="p", control="g")


def test_sample_size_matches_the_textbook_formula_with_cohens_h():
    p0, p1 = 0.05, 0.06
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p0))
    # each arm's arcsine-transformed rate has variance 1/n, so their difference has 2/n
    n = 2 * ((norm.ppf(0.975) + norm.ppf(0.8)) / h) ** 2
    assert sample_size(0.05, 0.01) == math.ceil(n)
    assert sample_size(0.05, -0.01) > 0
    # close to the classic pooled-variance formula (8,158 per arm)
    assert abs(sample_size(0.05, 0.01) - 8158) < 30
    # a smaller effect needs (about) four times the customers for half the difference
    assert sample_size(0.05, 0.005) / sample_size(0.05, 0.01) == pytest.approx(4, rel=0.1)
    assert sample_size(0.05, 0.01, power=0.9) > sample_size(0.05, 0.01)


def test_minimum_detectable_effect_inverts_sample_size():
    n = sample_size(0.03, 0.006)
    assert minimum_detectable_effect(n, 0.03) == pytest.approx(0.006, abs=2e-5)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: sample_size(5, 0.01), ValueError, "p_control"),
        (lambda: sample_size(0.05, 0), ValueError, "effect"),
        (lambda: sample_size(0.05, 0.99), ValueError, "p_control \\+ effect"),
        (lambda: sample_size(0.05, 0.01, power=0.01), ValueError, "power"),
        (lambda: sample_size(0.05, "1pt"), TypeError, "effect"),
        (lambda: minimum_detectable_effect(1.5, 0.05), TypeError, "n_per_arm"),
        (lambda: minimum_detectable_effect(100, 0.05, alpha=0), ValueError, "alpha"),
    ],
)
def test_power_bad_input(call, error, words):
    with pytest.raises(error, match=words):
        call()
