"""helpers.clv: published values, agreement with lifetimes, parameter recovery, closed forms,
bad input; helpers.plots.clv: what the figures show."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import clv
from helpers.clv import (
    BGNBDFit,
    GammaGammaFit,
    customer_lifetime_value,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_sbg,
    holdout_by_frequency,
    ranking_agreement,
    repeat_purchase_tracking,
    retention_clv,
    retention_elasticity,
    simple_ltv,
    simulate_bgnbd,
    simulate_gamma_gamma,
    summary_from_transactions,
)
from helpers.data import load_cdnow, load_cdnow_summary, load_sbg_survivors
from helpers.plots import clv as clvplots


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return load_cdnow_summary()


@pytest.fixture(scope="module")
def bgnbd(summary) -> BGNBDFit:
    return fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])


@pytest.fixture(scope="module")
def gamma_gamma(summary) -> GammaGammaFit:
    rep = summary.query("frequency > 0")
    return fit_gamma_gamma(rep["frequency"], rep["monetary"])


@pytest.fixture(scope="module")
def sample_summary() -> pd.DataFrame:
    return summary_from_transactions(
        load_cdnow("sample"),
        date_col="date",
        calibration_end="1997-09-30",
        observation_end="1998-06-30",
    )


# ---------------------------------------------------------------------------------------------
# Published values


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd):
    assert [round(v, 3) for v in (bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b)] == [
        0.243,
        4.414,
        0.793,
        2.426,
    ]
    assert round(bgnbd.loglik, 1) == -9582.4
    assert bgnbd.n_customers == 2357


def test_gamma_gamma_reproduces_fader_hardie_lee_2005b(gamma_gamma):
    # Published p, q, gamma = 6.25, 3.74, 15.44; the likelihood is flat along gamma, our optimum
    # (15.448) has a slightly higher log-likelihood than the published point.
    assert gamma_gamma.n_customers == 946
    for got, published in zip(
        (gamma_gamma.p, gamma_gamma.q, gamma_gamma.gamma), (6.25, 3.74, 15.44), strict=True
    ):
        assert abs(got - published) < 0.01


@pytest.mark.parametrize(
    ("cohort", "alpha", "beta"), [("regular", 0.704, 1.182), ("high_end", 0.668, 3.806)]
)
def test_sbg_reproduces_fader_hardie_2007(cohort, alpha, beta):
    fit = fit_sbg(load_sbg_survivors().loc[0:7, cohort])
    assert (round(fit.alpha, 3), round(fit.beta, 3)) == (alpha, beta)


def test_sbg_projection_is_close_to_actual_year_12():
    sv = load_sbg_survivors()
    fit = fit_sbg(sv.loc[0:7, "high_end"])
    projected = 1000 * fit.survival(12.0)
    assert abs(projected - sv.loc[12, "high_end"]) / sv.loc[12, "high_end"] < 0.05


def test_retention_clv_closed_form_example():
    assert retention_clv(100, 0.8, 0.12) == pytest.approx(250.0)


def test_summary_from_transactions_rebuilds_published_cdnow_summary(summary, sample_summary):
    s = sample_summary.reindex(summary.index)
    assert len(sample_summary) == len(summary) == 2357
    assert (s["frequency"] == summary["frequency"]).all()
    for col in ["recency", "T", "monetary"]:
        assert (s[col] - summary[col]).abs().max() <= 0.005 + 1e-9, col  # published to 2 decimals


def test_holdout_counts_purchase_days_after_calibration(sample_summary):
    assert sample_summary["holdout_T"].iloc[0] == pytest.approx(273 / 7)
    assert int(sample_summary["holdout_purchases"].sum()) == 1882
    assert sample_summary.loc[1, "holdout_purchases"] == 1  # customer 1 bought again on 1997-12-12


# ---------------------------------------------------------------------------------------------
# Agreement with lifetimes (the reference peer)


@pytest.fixture(scope="module")
def lifetimes():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.importorskip("lifetimes")


def test_bgnbd_agrees_with_lifetimes(lifetimes, summary, bgnbd):
    f, r, t = (summary[c].to_numpy() for c in ["frequency", "recency", "T"])
    peer = lifetimes.BetaGeoFitter().fit(f, r, t)
    theirs = peer.params_[["r", "alpha", "a", "b"]].to_numpy()
    np.testing.assert_allclose(bgnbd.params.to_numpy(), theirs, rtol=2e-3)
    ours_nll = clv.bgnbd_negative_loglik(bgnbd.params, f, r, t)
    assert ours_nll <= clv.bgnbd_negative_loglik(theirs, f, r, t) + 1e-6
    assert -ours_nll == pytest.approx(bgnbd.loglik)


def test_bgnbd_predictions_match_lifetimes_formulas(lifetimes, summary, bgnbd):
    peer = lifetimes.BetaGeoFitter()
    peer.params_ = pd.Series(bgnbd.params.to_dict())
    f, r, t = (summary[c].to_numpy() for c in ["frequency", "recency", "T"])
    np.testing.assert_allclose(
        bgnbd.prob_alive(f, r, t), peer.conditional_probability_alive(f, r, t), rtol=1e-8
    )
    np.testing.assert_allclose(
        bgnbd.expected_purchases(10.0, f, r, t),
        peer.conditional_expected_number_of_purchases_up_to_time(10.0, f, r, t),
        rtol=1e-8,
    )
    grid = np.array([1.0, 10.0, 39.0, 78.0])
    np.testing.assert_allclose(
        bgnbd.expected_purchases_new(grid),
        peer.expected_number_of_purchases_up_to_time(grid),
        rtol=1e-8,
    )


def test_gamma_gamma_agrees_with_lifetimes(lifetimes, summary, gamma_gamma):
    rep = summary.query("frequency > 0")
    peer = lifetimes.GammaGammaFitter().fit(rep["frequency"].to_numpy(), rep["monetary"].to_numpy())
    theirs = peer.params_[["p", "q", "v"]].to_numpy()
    np.testing.assert_allclose(gamma_gamma.params.to_numpy(), theirs, rtol=2e-3)
    x, m = rep["frequency"].to_numpy(float), rep["monetary"].to_numpy(float)
    ours = clv.gamma_gamma_negative_loglik(gamma_gamma.params.to_numpy(), x, m)
    assert ours <= clv.gamma_gamma_negative_loglik(theirs, x, m) + 1e-6


def test_clv_agrees_with_lifetimes_up_to_weeks_per_month(lifetimes, summary, bgnbd, gamma_gamma):
    """lifetimes uses 4.345 weeks per month, we use 365.25/12/7 = 4.348: values within 0.1%."""
    ours = customer_lifetime_value(
        bgnbd,
        gamma_gamma,
        summary["frequency"],
        summary["recency"],
        summary["T"],
        summary["monetary"],
        months=12,
        discount_rate=0.01,
        margin=1.0,
    )
    bg = lifetimes.BetaGeoFitter()
    bg.params_ = pd.Series(bgnbd.params.to_dict())
    bg.predict = bg.conditional_expected_number_of_purchases_up_to_time  # set by fit() only
    gg = lifetimes.GammaGammaFitter()
    gg.params_ = pd.Series({"p": gamma_gamma.p, "q": gamma_gamma.q, "v": gamma_gamma.gamma})
    theirs = gg.customer_lifetime_value(
        bg,
        summary["frequency"],
        summary["recency"],
        summary["T"],
        summary["monetary"],
        time=12,
        discount_rate=0.01,
        freq="W",
    )
    np.testing.assert_allclose(ours.to_numpy(), np.asarray(theirs), rtol=1e-3)


# ---------------------------------------------------------------------------------------------
# Parameter recovery on simulated customers


def test_bgnbd_recovers_known_parameters():
    true = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 3.0}
    ages = np.random.default_rng(11).uniform(30, 52, 20_000)
    sim = simulate_bgnbd(20_000, **true, T=ages, seed=11)
    fit = fit_bgnbd(sim["frequency"], sim["recency"], sim["T"])
    np.testing.assert_allclose(fit.params.to_numpy(), list(true.values()), rtol=0.12)
    # the implied mean purchase rate r/alpha is pinned down much more tightly
    assert fit.r / fit.alpha == pytest.approx(0.1, rel=0.03)


def test_bgnbd_weights_equal_repeated_rows():
    sim = simulate_bgnbd(3_000, 0.4, 4.0, 0.9, 2.5, T=39.0, seed=3).round({"recency": 0})
    full = fit_bgnbd(sim["frequency"], sim["recency"], sim["T"])
    rows = sim.groupby(["frequency", "recency", "T"]).size().reset_index(name="n")
    weighted = fit_bgnbd(rows["frequency"], rows["recency"], rows["T"], weights=rows["n"])
    np.testing.assert_allclose(weighted.params.to_numpy(), full.params.to_numpy(), rtol=1e-5)
    assert weighted.loglik == pytest.approx(full.loglik)
    assert weighted.n_customers == 3_000


def test_gamma_gamma_recovers_known_parameters():
    freq = np.random.default_rng(5).integers(1, 15, 20_000)
    spend = simulate_gamma_gamma(freq, 6.0, 4.0, 15.0, seed=5)
    fit = fit_gamma_gamma(freq, spend)
    np.testing.assert_allclose(fit.params.to_numpy(), [6.0, 4.0, 15.0], rtol=0.12)
    assert fit.population_mean_spend == pytest.approx(6.0 * 15.0 / 3.0, rel=0.02)


def test_sbg_recovers_parameters_from_expected_survivors():
    truth = clv.SBGFit(0.9, 2.5, 0.0, 1, 1)
    survivors = np.round(1_000_000 * truth.survival(np.arange(0, 9, dtype=float)))
    fit = fit_sbg(survivors)
    assert (fit.alpha, fit.beta) == pytest.approx((0.9, 2.5), rel=1e-3)


# ---------------------------------------------------------------------------------------------
# Model behaviour


def test_prob_alive_is_lower_for_a_frequent_buyer_gone_quiet(bgnbd):
    quiet, recent = bgnbd.prob_alive([10, 10], [5.0, 37.0], [38.0, 38.0])
    assert quiet < 0.05 < 0.9 < recent
    assert bgnbd.prob_alive(0, 0, 38.0) == 1.0


def test_expected_purchases_keep_series_index(summary, bgnbd):
    out = bgnbd.expected_purchases(39, summary["frequency"], summary["recency"], summary["T"])
    assert isinstance(out, pd.Series) and out.index.equals(summary.index)
    assert (out >= 0).all()


def test_holdout_prediction_total_is_close_to_actual(bgnbd, sample_summary):
    table = holdout_by_frequency(bgnbd, sample_summary)
    assert list(table.index) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    total_actual = (table["actual"] * table["customers"]).sum()
    total_pred = (table["predicted"] * table["customers"]).sum()
    assert total_actual == 1882
    assert -0.15 < total_pred / total_actual - 1 < 0  # under-predicts by ~12%, as in FHL (2005)


def test_repeat_purchase_tracking_counts_cumulative_repeats(bgnbd):
    tx = load_cdnow("sample")
    track = repeat_purchase_tracking(bgnbd, tx, date_col="date")
    assert len(track) == 78
    assert track["actual"].is_monotonic_increasing and track["predicted"].is_monotonic_increasing
    assert track.loc[39, "actual"] == 2457  # = sum of published calibration frequencies
    assert abs(track.loc[78, "predicted"] / track.loc[78, "actual"] - 1) < 0.1


def test_clv_is_discounted_expected_margin(bgnbd, gamma_gamma):
    one = customer_lifetime_value(
        bgnbd, gamma_gamma, [2], [30.43], [38.86], [22.35], months=12, discount_rate=0.0, margin=1.0
    )
    purchases = bgnbd.expected_purchases(12 * 365.25 / 12 / 7, 2, 30.43, 38.86)
    spend = gamma_gamma.expected_spend(2, 22.35)
    assert one[0] == pytest.approx(purchases * spend)
    discounted = customer_lifetime_value(
        bgnbd,
        gamma_gamma,
        [2],
        [30.43],
        [38.86],
        [22.35],
        months=12,
        discount_rate=0.02,
        margin=0.5,
    )
    assert discounted[0] < 0.5 * one[0]


def test_ranking_agreement_on_known_orders():
    df = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0), "c": -np.arange(10.0)})
    rho, top = ranking_agreement(df, top_share=0.2)
    assert rho.loc["a", "b"] == pytest.approx(1.0) and rho.loc["a", "c"] == pytest.approx(-1.0)
    assert top.loc["a", "b"] == 1.0 and top.loc["a", "c"] == 0.0


def test_simple_ltv_keeps_index():
    out = simple_ltv(pd.Series([10.0, 20.0], index=["x", "y"]), 3)
    assert out.to_dict() == {"x": 30.0, "y": 60.0}


def test_summary_does_not_mutate_input_and_merges_same_day_lines():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2],
            "order_date": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-08", "2024-01-15"]),
            "amount": [10.0, 5.0, 7.0, 3.0],
        }
    )
    before = tx.copy()
    out = summary_from_transactions(tx, calibration_end="2024-01-15")
    pd.testing.assert_frame_equal(tx, before)
    assert out.loc[1].tolist() == [1, 1.0, 2.0, 12.0]
    assert out.loc[2].tolist() == [0, 0.0, 0.0, 0.0]
    assert "holdout_purchases" not in out


# ---------------------------------------------------------------------------------------------
# Closed forms (hypothesis)

margins = st.floats(1, 1e6)
rates = st.floats(0.0, 0.95)
discounts = st.floats(0.001, 0.5)


@given(m=margins, r1=rates, r2=rates, d=discounts)
def test_retention_clv_is_monotone_in_retention(m, r1, r2, d):
    lo, hi = sorted([r1, r2])
    assert retention_clv(m, lo, d) <= retention_clv(m, hi, d) * (1 + 1e-12)


@given(m=margins, r=rates, d=discounts, n=st.integers(0, 200))
def test_retention_clv_is_bounded_by_margin_over_discount(m, r, d, n):
    infinite = retention_clv(m, r, d)
    finite = retention_clv(m, r, d, periods=n)
    assert 0 <= finite <= infinite * (1 + 1e-9) + 1e-9
    assert infinite <= m / d * (1 + 1e-12)


@given(m=margins, r=rates, d=discounts)
def test_finite_horizon_converges_to_closed_form(m, r, d):
    assert retention_clv(m, r, d, periods=5_000) == pytest.approx(retention_clv(m, r, d), rel=1e-9)


@settings(max_examples=50)
@given(r=st.floats(0.05, 0.95), d=discounts)
def test_retention_elasticity_matches_finite_difference(r, d):
    h = 1e-6
    numeric = (
        np.log(retention_clv(1, r * (1 + h), d)) - np.log(retention_clv(1, r, d))
    ) / np.log1p(h)
    assert retention_elasticity(r, d) == pytest.approx(numeric, rel=1e-4)


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("f", "r", "t", "word"),
    [
        ([-1, 2], [0, 3], [10, 10], "frequency"),
        ([1, 2], [12, 3], [10, 10], "recency"),
        ([0, 2], [4, 3], [10, 10], "recency"),
        ([1.5, 2], [1, 3], [10, 10], "frequency"),
        ([1, 2], [1, 3], [-1, 10], "T"),
        ([1, np.nan], [1, 3], [10, 10], "frequency"),
    ],
)
def test_bgnbd_rejects_bad_summaries(f, r, t, word):
    with pytest.raises(ValueError, match=word):
        fit_bgnbd(f, r, t)


def test_bgnbd_rejects_no_repeat_buyers():
    with pytest.raises(ValueError, match="frequency is 0"):
        fit_bgnbd([0, 0], [0, 0], [5, 5])


def test_gamma_gamma_rejects_zero_frequency_and_non_positive_spend():
    with pytest.raises(ValueError, match="frequency"):
        fit_gamma_gamma([0, 1, 2], [5.0, 4.0, 3.0])
    with pytest.raises(ValueError, match="monetary"):
        fit_gamma_gamma([1, 1, 2], [5.0, 0.0, 3.0])
    with pytest.raises(ValueError, match="monetary"):
        fit_gamma_gamma([1, 1, 2], [5.0, -2.0, 3.0])


@pytest.mark.parametrize("retention", [-0.1, 1.0, 1.2])
def test_retention_outside_unit_interval_is_rejected(retention):
    with pytest.raises(ValueError, match="retention"):
        retention_clv(100, retention, 0.1)


def test_retention_clv_rejects_negative_discount_and_bad_periods():
    with pytest.raises(ValueError, match="discount"):
        retention_clv(100, 0.8, -0.1)
    with pytest.raises(ValueError, match="periods"):
        retention_clv(100, 0.8, 0.1, periods=2.5)


def test_sbg_rejects_increasing_survivors():
    with pytest.raises(ValueError, match="survivors must not increase"):
        fit_sbg([1000, 600, 650, 400])
    with pytest.raises(ValueError, match="survivors"):
        fit_sbg([1000, 600.5, 400])


def test_summary_rejects_bad_transactions():
    ok = pd.DataFrame(
        {"customer_id": [1, 1], "order_date": ["2024-01-01", "2024-02-01"], "amount": [1.0, 2.0]}
    )
    with pytest.raises(ValueError, match="amount"):
        summary_from_transactions(ok.drop(columns="amount"))
    with pytest.raises(ValueError, match="negative"):
        summary_from_transactions(ok.assign(amount=[1.0, -2.0]))
    with pytest.raises(ValueError, match="customer_id"):
        summary_from_transactions(ok.assign(customer_id=[1, None]))
    with pytest.raises(ValueError, match="order_date"):
        summary_from_transactions(ok.assign(order_date=["2024-01-01", "not a date"]))
    with pytest.raises(ValueError, match="freq"):
        summary_from_transactions(ok, freq="Y")
    with pytest.raises(ValueError, match="calibration_end"):
        summary_from_transactions(ok, calibration_end="2025-01-01", observation_end="2024-06-01")
    with pytest.raises(TypeError, match="DataFrame"):
        summary_from_transactions(ok.to_numpy())


def test_clv_rejects_bad_arguments(bgnbd, gamma_gamma):
    args = (bgnbd, gamma_gamma, [1], [2.0], [10.0], [20.0])
    with pytest.raises(ValueError, match="margin"):
        customer_lifetime_value(*args, months=12, discount_rate=0.01, margin=30)
    with pytest.raises(ValueError, match="months"):
        customer_lifetime_value(*args, months=0, discount_rate=0.01, margin=0.3)
    with pytest.raises(ValueError, match="discount_rate"):
        customer_lifetime_value(*args, months=12, discount_rate=-0.01, margin=0.3)
    with pytest.raises(TypeError, match="bgnbd"):
        customer_lifetime_value(gamma_gamma, bgnbd, [1], [2.0], [10.0], [20.0], months=12)


def test_nonconvergence_raises_a_clear_error(monkeypatch):
    def failing(*args, **kwargs):
        from scipy.optimize import OptimizeResult

        return OptimizeResult(x=np.zeros(4), fun=np.nan, success=False, message="forced", jac=None)

    monkeypatch.setattr(clv.optimize, "minimize", failing)
    with pytest.raises(clv.ConvergenceError, match="fit_bgnbd"):
        fit_bgnbd([1, 2, 0], [1, 3, 0], [10, 10, 10])


def test_fitted_objects_print_one_line(bgnbd, gamma_gamma):
    for model in (bgnbd, gamma_gamma, fit_sbg(load_sbg_survivors()["regular"])):
        text = repr(model)
        assert "\n" not in text and text.startswith("<") and "loglik=" in text


# ---------------------------------------------------------------------------------------------
# Figures


def test_sbg_figures_show_actual_and_model():
    sv = load_sbg_survivors()
    fits = {c: fit_sbg(sv.loc[0:7, c]) for c in sv}
    ax = clvplots.plot_sbg_survival(sv, fits, fit_through=7)
    assert len(ax.lines) == 2 * 2 + 1  # actual + model per cohort, and the fit boundary
    assert ax.lines[0].get_ydata()[-1] == pytest.approx(0.173)
    assert "%" in ax.get_ylabel() and ax.get_title(loc="left")
    ax = clvplots.plot_sbg_retention(sv, fits)
    assert ax.lines[0].get_ydata()[0] == pytest.approx(0.631)
    plt.close("all")


def test_tracking_and_holdout_figures(bgnbd, sample_summary):
    table = holdout_by_frequency(bgnbd, sample_summary)
    ax = clvplots.plot_holdout_by_frequency(table)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), table["actual"])
    track = repeat_purchase_tracking(bgnbd, load_cdnow("sample"), date_col="date")
    ax = clvplots.plot_repeat_tracking(track, calibration_periods=39)
    assert ax.lines[0].get_ydata()[-1] == track["actual"].iloc[-1]
    assert ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


def test_prob_alive_heatmap_values(bgnbd):
    ax = clvplots.plot_prob_alive(bgnbd, T=38.0, max_frequency=5, n_recency=10)
    values = ax.collections[0].get_array().reshape(5, 10)
    assert values[-1, 0] < values[-1, -1]  # recent buyers more alive
    assert values.min() >= 0 and values.max() <= 1
    plt.close("all")


def test_rank_scatter_rejects_unknown_columns():
    with pytest.raises(ValueError, match="zzz"):
        clvplots.plot_rank_scatter(
            pd.DataFrame({"a": [1, 2]}), "a", "zzz", title="t", xlabel="x", ylabel="y"
        )


def test_gamma_gamma_on_rebuilt_summary_rounds_to_published_values(sample_summary):
    rep = sample_summary.query("frequency > 0")
    gg = fit_gamma_gamma(rep["frequency"], rep["monetary"])
    assert [round(v, 2) for v in (gg.p, gg.q, gg.gamma)] == [6.25, 3.74, 15.44]


def test_alive_vs_truth_histogram_splits_customers():
    p = pd.Series([0.1, 0.2, 0.9, 0.95])
    ax = clvplots.plot_alive_vs_truth(p, pd.Series([False, False, True, True]))
    heights = [patch.get_height() for patch in ax.patches]
    assert sum(heights) == 4
    with pytest.raises(ValueError, match="index"):
        clvplots.plot_alive_vs_truth(p, pd.Series([True], index=[7]))
    plt.close("all")


def test_retention_what_if_updates_its_table():
    pytest.importorskip("ipywidgets")
    box = clvplots.retention_what_if(margin=100, retention=0.8, discount=0.12)
    margin, retention, discount = box.children[0].children
    assert [s.description for s in (margin, retention, discount)] == [
        "Margin",
        "Retention",
        "Discount",
    ]
    retention.value = 0.9
    text = box.children[1].outputs[0]["data"]["text/plain"]
    assert "250.0" in text and "409.1" in text  # start and what-if CLV


def test_exercise_03_hints_name_rounding_and_missing_discount():
    """Rounded answers get a rounding hint; an undiscounted CLV gets the discount hint."""
    from helpers.checks import verify

    change = retention_clv(50_000, 0.80, 0.10) - retention_clv(50_000, 0.75, 0.10)
    assert verify("03.1", change).correct
    assert "rounded" in verify("03.1", round(change, -3)).message
    assert "discount" in verify("03.1", 50_000 * (0.8 / 0.2 - 0.75 / 0.25)).message
    s = load_cdnow_summary()
    bg = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    row = s.loc[1000]
    expected = bg.expected_purchases(39, row["frequency"], row["recency"], row["T"])
    assert verify("03.3", expected).correct
    assert "rounded" in verify("03.3", round(expected, 1)).message


# ---------------------------------------------------------------------------------------------
# The Korean edition: figures and the what-if widget speak the reader's language


@pytest.fixture
def language():
    """Set the reader's language inside a test; always back to the environment / folder rule."""
    from helpers.language import set_language

    yield set_language
    set_language(None)


HANGUL = "[\uac00-\ud7a3]"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_clv_figures_speak_the_readers_language(language, lang):
    import re

    language(lang)
    sv = load_sbg_survivors()
    fits = {c: fit_sbg(sv.loc[0:7, c]) for c in sv}
    survival = clvplots.plot_sbg_survival(sv, fits, fit_through=7)
    gains = clvplots.plot_gains(pd.DataFrame({"a": [3, 2, 1]}), pd.Series([10.0, 5.0, 0.0]))
    texts = {
        "title": survival.get_title(loc="left"),
        "xlabel": survival.get_xlabel(),
        "ylabel": survival.get_ylabel(),
        "legend": survival.get_legend().get_texts()[0].get_text(),
        "annotation": survival.texts[0].get_text(),
        "gains title": gains.get_title(loc="left"),
        "gains xlabel": gains.get_xlabel(),
    }
    plt.close("all")
    for where, text in texts.items():
        assert bool(re.search(HANGUL, text)) == (lang == "ko"), f"{lang}: {where} is {text!r}"
    if lang == "en":
        assert texts["title"] == "The sBG fitted on years 0–7 projects survival to year 12"
        assert texts["xlabel"] == "Years since joining"
    else:
        assert texts["xlabel"] == "가입 후 연수"


def test_a_title_given_by_the_caller_is_kept_in_either_language(language):
    language("ko")
    sv = load_sbg_survivors()
    fits = {c: fit_sbg(sv.loc[0:7, c]) for c in sv}
    ax = clvplots.plot_sbg_retention(sv, fits, title="Caller's title")
    assert ax.get_title(loc="left") == "Caller's title"
    assert ax.get_ylabel() == "전년 대비 유지율(%)"
    plt.close("all")


def test_retention_what_if_sliders_speak_korean(language):
    pytest.importorskip("ipywidgets")
    language("ko")
    box = clvplots.retention_what_if(margin=100, retention=0.8, discount=0.12)
    assert [s.description for s in box.children[0].children] == ["마진", "유지율", "할인율"]
    text = box.children[1].outputs[0]["data"]["text/plain"]
    assert "가정" in text and "250.0" in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_legends_name_rankings_and_cohorts_in_the_readers_language(language, lang):
    language(lang)
    scores = pd.DataFrame({"model_clv": [3, 2, 1], "last_6m_spend": [1, 2, 3], "other": [1, 1, 1]})
    gains = clvplots.plot_gains(scores, pd.Series([10.0, 5.0, 0.0]))
    sv = load_sbg_survivors()
    fits = {c: fit_sbg(sv.loc[0:7, c]) for c in sv}
    survival = clvplots.plot_sbg_survival(sv, fits, fit_through=7)
    gains_legend = [t.get_text() for t in gains.get_legend().get_texts()]
    survival_legend = [t.get_text() for t in survival.get_legend().get_texts()]
    plt.close("all")
    if lang == "ko":
        assert gains_legend == ["모형 CLV", "최근 6개월 구매액", "other"]
        assert survival_legend[:2] == ["일반(regular): 실제", "일반: sBG"]
    else:
        assert gains_legend == ["model_clv", "last_6m_spend", "other"]
        assert survival_legend[:2] == ["regular: actual", "regular: sBG"]
