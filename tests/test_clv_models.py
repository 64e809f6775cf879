"""helpers.clv, the models added for issue 13/18: Pareto/NBD, BG/BB, standard errors and
intervals of every fit, the individual-level sBG with censoring, DERL, the fast paths (warm start,
row merging) and the uncertainty of CLV summaries. Published tables, the lifetimes peer and an
independent numerical Hessian (statsmodels) are the references."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from statsmodels.tools.numdiff import approx_hess3

from helpers import clv
from helpers.clv import (
    BGBBFit,
    BGNBDFit,
    ParetoNBDFit,
    SBGFit,
    fit_bgbb,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    fit_sbg,
    fit_sbg_durations,
    simulate_bgnbd,
)
from helpers.data import load_cdnow_summary, load_donations, load_sbg_survivors


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return load_cdnow_summary()


@pytest.fixture(scope="module")
def donations() -> pd.DataFrame:
    return load_donations()


@pytest.fixture(scope="module")
def pareto(cdnow) -> ParetoNBDFit:
    return fit_pareto_nbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])


@pytest.fixture(scope="module")
def bgbb(donations) -> BGBBFit:
    d = donations
    return fit_bgbb(d["frequency"], d["recency"], d["periods"], weights=d["weights"])


@pytest.fixture(scope="module")
def lifetimes():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.importorskip("lifetimes")


def _rft(summary):
    f = summary["frequency"].to_numpy(float)
    t = summary["T"].to_numpy(float)
    return f, np.minimum(summary["recency"].to_numpy(float), t), t  # published file rounds


# ---------------------------------------------------------------------------------------------
# Published values


def test_pareto_nbd_reproduces_fader_hardie_lee_2005(cdnow, pareto):
    # FHL (2005), "Counting your customers the easy way", section 4: r = 0.553, α = 10.578,
    # s = 0.606, β = 11.669, LL = −9595.0. The likelihood is flat along β: our optimum (11.668)
    # is at least as good as the published point.
    assert [round(v, 3) for v in (pareto.r, pareto.alpha, pareto.s)] == [0.553, 10.578, 0.606]
    assert round(pareto.beta, 2) == 11.67
    assert round(pareto.loglik, 1) == -9595.0
    published = clv.pareto_nbd_negative_loglik(
        [0.553, 10.578, 0.606, 11.669], cdnow["frequency"], cdnow["recency"], cdnow["T"]
    )
    assert -pareto.loglik <= published + 1e-9
    assert pareto.n_customers == 2357
    assert pareto.n_evaluations <= 40


def test_bgbb_reproduces_fader_hardie_shang_2010(donations, bgbb):
    # FHS (2010), "Customer-base analysis in a discrete-time noncontractual setting", Table 2:
    # α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6.
    assert [round(v, 3) for v in bgbb.params] == [1.204, 0.750, 0.657, 2.783]
    assert round(bgbb.loglik, 1) == -33225.6
    assert bgbb.n_customers == int(donations["weights"].sum()) == 11104
    assert bgbb.n_evaluations <= 30


def test_donations_loader_is_the_published_table(donations):
    assert donations.columns.tolist() == ["frequency", "recency", "periods", "weights"]
    assert len(donations) == 22 and (donations["periods"] == 6).all()
    assert donations.loc[0].tolist() == [0, 0, 6, 3464]  # 3,464 never donated again


def test_fits_print_one_line(pareto, bgbb):
    for fit in (pareto, bgbb):
        assert "\n" not in repr(fit) and "loglik" in repr(fit)
    assert repr(pareto).startswith("<Pareto/NBD fit: 2,357 customers, r=0.553")
    assert repr(bgbb).startswith("<BG/BB fit: 11,104 customers, alpha=1.204")


# ---------------------------------------------------------------------------------------------
# Agreement with lifetimes


def test_pareto_nbd_agrees_with_lifetimes(lifetimes, cdnow, pareto):
    f, r, t = _rft(cdnow)
    peer = lifetimes.ParetoNBDFitter().fit(f, r, t)
    theirs = peer.params_[["r", "alpha", "s", "beta"]].to_numpy()
    np.testing.assert_allclose(pareto.params.to_numpy(), theirs, rtol=2e-3)
    assert -pareto.loglik <= clv.pareto_nbd_negative_loglik(theirs, f, r, t) + 1e-6
    peer.params_ = pareto.params
    np.testing.assert_allclose(
        pareto.prob_alive(f, r, t), peer.conditional_probability_alive(f, r, t), atol=1e-9
    )
    np.testing.assert_allclose(
        pareto.expected_purchases(39, f, r, t),
        peer.conditional_expected_number_of_purchases_up_to_time(39, f, r, t),
        rtol=1e-9,
    )
    grid = np.array([1.0, 10.0, 39.0, 78.0])
    np.testing.assert_allclose(
        pareto.expected_purchases_new(grid), peer.expected_number_of_purchases_up_to_time(grid)
    )


def test_bgbb_agrees_with_lifetimes(lifetimes, donations, bgbb):
    d = donations
    peer = lifetimes.BetaGeoBetaBinomFitter().fit(
        d["frequency"], d["recency"], d["periods"], weights=d["weights"]
    )
    np.testing.assert_allclose(bgbb.params.to_numpy(), peer.params_.to_numpy(), rtol=1e-3)
    np.testing.assert_allclose(
        bgbb.standard_errors.to_numpy(), peer.standard_errors_.to_numpy(), rtol=1e-3
    )
    peer.params_ = bgbb.params
    np.testing.assert_allclose(
        bgbb.prob_alive(d["frequency"], d["recency"], d["periods"]),
        peer.conditional_probability_alive(1, d["frequency"], d["recency"], d["periods"]),
        atol=1e-10,
    )
    np.testing.assert_allclose(
        bgbb.expected_purchases(5, d["frequency"], d["recency"], d["periods"]),
        peer.conditional_expected_number_of_purchases_up_to_time(
            5, d["frequency"], d["recency"], d["periods"]
        ),
        rtol=1e-9,
    )


def test_bgbb_unconditional_expectation_matches_simulation(bgbb):
    # E[X(n)] for a new customer, checked against a direct simulation of the story
    rng = np.random.default_rng(7)
    k = 400_000
    p = rng.beta(bgbb.alpha, bgbb.beta, k)
    theta = rng.beta(bgbb.gamma, bgbb.delta, k)
    alive = np.ones(k, dtype=bool)
    total = np.zeros(k)
    for _ in range(6):  # six opportunities; a loop over periods, not customers
        alive &= rng.random(k) >= theta
        total += alive & (rng.random(k) < p)
    assert bgbb.expected_purchases_new(6) == pytest.approx(total.mean(), abs=0.01)


def test_bgnbd_and_gamma_gamma_standard_errors_match_lifetimes(lifetimes, cdnow):
    f, r, t = _rft(cdnow)
    ours = fit_bgnbd(f, r, t)
    peer = lifetimes.BetaGeoFitter().fit(f, r, t)
    np.testing.assert_allclose(
        ours.standard_errors.to_numpy(),
        peer.standard_errors_[["r", "alpha", "a", "b"]].to_numpy(),
        rtol=2e-3,
    )
    rep = cdnow.query("frequency > 0")
    gg = fit_gamma_gamma(rep["frequency"], rep["monetary"])
    peer_gg = lifetimes.GammaGammaFitter().fit(rep["frequency"], rep["monetary"])
    np.testing.assert_allclose(
        gg.standard_errors.to_numpy(), peer_gg.standard_errors_.to_numpy(), rtol=5e-3
    )
    # the review's figures: a 0.79 ± 0.19, b 2.43 ± 0.71, GG γ 15.4 ± 4.2, p 6.25 ± 1.19
    assert ours.standard_errors.round(2).tolist() == [0.01, 0.38, 0.19, 0.71]
    assert round(gg.standard_errors["gamma"], 1) == 4.2


def test_pareto_and_sbg_standard_errors_match_an_independent_numerical_hessian(cdnow, pareto):
    f, r, t = _rft(cdnow)
    hess = approx_hess3(
        pareto.params.to_numpy(), lambda p: clv.pareto_nbd_negative_loglik(p, f, r, t)
    )
    np.testing.assert_allclose(
        pareto.standard_errors.to_numpy(), np.sqrt(np.diag(np.linalg.inv(hess))), rtol=1e-3
    )
    survivors = load_sbg_survivors().loc[0:7, "high_end"].to_numpy(float)
    sbg = fit_sbg(survivors)

    def textbook_nll(theta):  # Fader & Hardie (2007), eq. 3 and 4, term by term
        a, b = theta
        t_ = np.arange(1, 8)
        p = np.exp(clv.special.betaln(a + 1, b + t_ - 1) - clv.special.betaln(a, b))
        s = np.exp(clv.special.betaln(a, b + 7) - clv.special.betaln(a, b))
        return -(-np.diff(survivors) @ np.log(p) + survivors[-1] * np.log(s))

    hess = approx_hess3(sbg.params.to_numpy(), textbook_nll)
    np.testing.assert_allclose(
        sbg.standard_errors.to_numpy(), np.sqrt(np.diag(np.linalg.inv(hess))), rtol=1e-3
    )


def test_intervals_are_wald_on_the_chosen_scale(pareto):
    ci = pareto.confidence_intervals(0.95, scale="natural")
    np.testing.assert_allclose(ci["upper"] - ci["estimate"], 1.959964 * ci["se"], rtol=1e-6)
    log_ci = pareto.confidence_intervals(0.90)
    assert (log_ci["lower"] > 0).all()
    assert (log_ci["lower"] < log_ci["estimate"]).all() and (
        log_ci["estimate"] < log_ci["upper"]
    ).all()
    # on the log scale the interval is symmetric around log θ
    np.testing.assert_allclose(
        np.log(log_ci["upper"]) - np.log(log_ci["estimate"]),
        np.log(log_ci["estimate"]) - np.log(log_ci["lower"]),
    )
    with pytest.raises(ValueError, match="level"):
        pareto.confidence_intervals(95)
    with pytest.raises(ValueError, match="scale"):
        pareto.confidence_intervals(0.9, scale="logit")


def test_a_typed_in_model_has_no_standard_errors():
    with pytest.raises(ValueError, match="typed-in parameters"):
        _ = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357).standard_errors


def test_parameter_draws_are_seeded_and_centred(bgbb):
    a = bgbb.parameter_draws(2000, seed=3)
    pd.testing.assert_frame_equal(a, bgbb.parameter_draws(2000, seed=3))
    np.testing.assert_allclose(np.log(a).mean(), np.log(bgbb.params), atol=0.02)
    np.testing.assert_allclose(a.std(), bgbb.standard_errors, rtol=0.15)
    with pytest.raises(ValueError, match="n_draws"):
        bgbb.parameter_draws(0)


def test_clv_uncertainty_brackets_the_point_estimate(cdnow):
    bg = fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    rep = cdnow.query("frequency > 0")
    gg = fit_gamma_gamma(rep["frequency"], rep["monetary"])
    args = [cdnow[c] for c in ("frequency", "recency", "T", "monetary")]
    out = clv.clv_uncertainty(bg, gg, *args, n_draws=40, seed=1, months=12, margin=0.3)
    point = clv.customer_lifetime_value(bg, gg, *args, months=12, margin=0.3)
    assert out.loc["mean CLV", "estimate"] == pytest.approx(point.mean())
    assert (out["lower"] < out["estimate"]).all() and (out["estimate"] < out["upper"]).all()
    assert 0 < out.loc["top share", "lower"] < out.loc["top share", "upper"] < 1


# ---------------------------------------------------------------------------------------------
# Contractual: individual-level sBG with censoring, DERL


def test_individual_sbg_equals_the_cohort_table_fit():
    s = load_sbg_survivors().loc[0:7, "regular"].to_numpy()
    lost = -np.diff(s)
    periods = np.concatenate([np.arange(1, 8), [7]])
    churned = np.array([True] * 7 + [False])
    ind = fit_sbg_durations(periods, churned, weights=np.concatenate([lost, [s[-1]]]))
    cohort = fit_sbg(s)
    np.testing.assert_allclose(ind.params, cohort.params, rtol=1e-6)
    assert ind.loglik == pytest.approx(cohort.loglik)


def test_individual_sbg_recovers_parameters_under_staggered_censoring():
    rng = np.random.default_rng(11)
    n = 20_000
    theta = rng.beta(0.7, 3.5, n)
    life = rng.geometric(theta)  # period in which each member leaves
    window = rng.integers(1, 36, n)  # months observed: staggered starts
    fit = fit_sbg_durations(np.minimum(life, window), life <= window)
    ci = fit.confidence_intervals(0.99)
    assert ci.loc["alpha", "lower"] < 0.7 < ci.loc["alpha", "upper"]
    assert ci.loc["beta", "lower"] < 3.5 < ci.loc["beta", "upper"]


def test_sbg_durations_reject_bad_input():
    with pytest.raises(ValueError, match="periods ≥ 1"):
        fit_sbg_durations([0, 2], [True, False])
    with pytest.raises(TypeError, match="True/False"):
        fit_sbg_durations([1, 2], [1, 0])
    with pytest.raises(ValueError, match="differ in length"):
        fit_sbg_durations([1, 2, 3], [True, False])


def test_derl_equals_the_discounted_sum_of_survival():
    fit = SBGFit(0.704, 1.182, -1680.3, 1000, 7)
    for renewals in (0, 4, 11):
        n = renewals + 1
        t = np.arange(n, 5000, dtype=float)
        direct = (fit.survival(t) / fit.survival(float(n - 1)) / 1.1 ** (t - n)).sum()
        assert fit.derl(renewals, 0.10) == pytest.approx(direct, rel=1e-10)
    assert fit.derl(11, 0.1) > fit.derl(0, 0.1)  # residual value rises with tenure
    with pytest.raises(ValueError, match="renewals"):
        fit.derl(-1, 0.1)


# ---------------------------------------------------------------------------------------------
# Fast paths: same optimum


def test_warm_start_reaches_the_same_optimum_in_few_evaluations(monkeypatch):
    rng = np.random.default_rng(5)
    n = 60_000
    sim = simulate_bgnbd(n, 0.55, 6.0, 0.8, 3.0, T=rng.integers(189, 274, n) / 7, seed=5)
    f, r, t = sim["frequency"], sim["recency"], sim["T"]
    fast = fit_bgnbd(f, r, t)  # > 30,000 distinct rows: warm start from a subsample
    monkeypatch.setattr(clv, "_WARM_START_ROWS", 10**9)
    slow = fit_bgnbd(f, r, t)
    assert fast.n_evaluations <= 10 < slow.n_evaluations <= 40
    assert fast.loglik >= slow.loglik - 1e-9 * abs(slow.loglik)
    np.testing.assert_allclose(fast.params, slow.params, rtol=1e-4)


def test_row_merging_survives_a_hash_collision(monkeypatch):
    x = np.array([1.0, 1.0, 2.0, 2.0, 1.0])
    t = np.array([3.0, 3.0, 4.0, 5.0, 4.0])
    monkeypatch.setattr(clv, "_row_hash", lambda *cols: np.zeros(len(cols[0]), dtype=np.uint64))
    (xs, ts), w = clv._compress(x, t, weights=np.ones(5))
    rows = sorted(zip(xs, ts, w, strict=True))
    assert rows == [(1.0, 3.0, 2.0), (1.0, 4.0, 1.0), (2.0, 4.0, 1.0), (2.0, 5.0, 1.0)]


def test_gamma_gamma_fast_likelihood_equals_the_textbook_formula(cdnow):
    rep = cdnow.query("frequency > 0")
    x, m = rep["frequency"].to_numpy(float), rep["monetary"].to_numpy(float)
    p, q, g = 6.0, 3.5, 16.0
    sp = clv.special
    textbook = (
        sp.gammaln(p * x + q)
        - sp.gammaln(p * x)
        - sp.gammaln(q)
        + q * np.log(g)
        + (p * x - 1) * np.log(m)
        + p * x * np.log(x)
        - (p * x + q) * np.log(g + x * m)
    ).sum()
    assert -clv.gamma_gamma_negative_loglik([p, q, g], x, m) == pytest.approx(textbook, rel=1e-12)


def test_draws_carry_through_replace(bgbb):
    row = bgbb.parameter_draws(1, seed=0).iloc[0].to_dict()
    other = replace(bgbb, **row)
    assert other.alpha == row["alpha"] and other.loglik == bgbb.loglik


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("x", "t_x", "n", "word"),
    [
        ([2], [1], [6], "exceed recency"),
        ([1], [7], [6], "exceed n_periods"),
        ([0], [2], [6], "recency must be 0"),
        ([1.5], [2], [6], "whole numbers"),
    ],
)
def test_bgbb_rejects_bad_patterns(x, t_x, n, word):
    with pytest.raises(ValueError, match=word):
        fit_bgbb(x, t_x, n)


def test_pareto_nbd_rejects_no_repeat_buyers():
    with pytest.raises(ValueError, match="frequency is 0"):
        fit_pareto_nbd([0, 0], [0, 0], [10, 12])


# ---------------------------------------------------------------------------------------------
# Diagnostics and figures


def test_probability_of_purchases_matches_lifetimes(lifetimes, cdnow):
    bg = fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    peer = lifetimes.BetaGeoFitter()
    peer.params_ = pd.Series(bg.params.to_dict())
    for k in (0, 1, 2, 5, 9):
        assert bg.probability_of_purchases(k, 39.0) == pytest.approx(
            peer.probability_of_n_purchases_up_to_time(39.0, k), abs=1e-12
        )


def test_calibration_histogram_adds_up_to_the_customers(cdnow):
    bg = fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    table = clv.calibration_histogram(bg, cdnow)
    assert table.index.tolist() == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert table["actual"].sum() == len(cdnow)
    assert table["expected"].sum() == pytest.approx(len(cdnow))
    assert table.loc["0", "actual"] == 1411  # FHL (2005), Figure 1
    assert abs(table.loc["0", "expected"] - 1411) < 10


def test_new_figures_draw_what_they_say(cdnow):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.plots import clv as clvplots

    bg = fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    rep = cdnow.query("frequency > 0")
    gg = fit_gamma_gamma(rep["frequency"], rep["monetary"])
    ax = clvplots.plot_calibration_histogram(clv.calibration_histogram(bg, cdnow))
    assert len(ax.patches) == 16  # 8 groups × (actual, model)
    ax = clvplots.plot_iso_value(bg, gg, T=39, monetary=35, months=12, margin=0.3)
    assert ax.get_xlabel().startswith("Recency")
    tracking = pd.DataFrame({"actual": [1, 3, 6], "predicted": [1.0, 2.5, 5.0]}, index=[1, 2, 3])
    ax = clvplots.plot_incremental_tracking(tracking, calibration_periods=2)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [1, 2, 3])  # weekly, not cumulative
    km = {
        "basic": pd.DataFrame(
            {"survival": [1, 0.8], "lower": [1, 0.7], "upper": [1, 0.9]}, index=[0, 1]
        )
    }
    ax = clvplots.plot_survival_vs_km(km, {"basic": SBGFit(0.7, 3.5, -1.0, 10, 2)}, horizon=3)
    assert len(ax.lines) == 2
    scores = pd.DataFrame({"good": [3, 2, 1], "bad": [1, 2, 3]})
    ax = clvplots.plot_gains(scores, pd.Series([10.0, 5.0, 0.0]))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [2 / 3, 1, 1])
    with pytest.raises(ValueError, match="same index"):
        clvplots.plot_gains(scores, pd.Series([1.0, 2.0, 3.0], index=[5, 6, 7]))
    plt.close("all")
