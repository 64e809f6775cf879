"""Unit tests of helpers.satisfaction and helpers.plots.satisfaction on tiny hand-checked frames."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.plots.satisfaction import coef_plot, ipa_chart, nps_stack, rate_plot
from helpers.satisfaction import (
    ELEMENTS,
    churn_after_survey,
    churn_drivers,
    driver_regression,
    fcr_customers_kept,
    fcr_rate,
    importance_performance,
    inactive_after_survey,
    lele_elements,
    mean_by,
    nps,
    nps_by,
    nps_category,
    quadrant,
    rate_by,
    resolution_bucket,
    support_plan,
    ticket_summary,
    validate_scores,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- NPS --------------------------------------------------------------------------------------


def test_nps_of_a_small_list_by_hand():
    # 4 promoters (10, 10, 9, 9), 3 passives (8, 7, 7), 3 detractors (6, 3, 0): 40% − 30% = +10
    r = nps([10, 10, 9, 9, 8, 7, 7, 6, 3, 0], ci=None)
    assert (r.nps, r.promoters, r.passives, r.detractors, r.n) == pytest.approx(
        (10.0, 0.4, 0.3, 0.3, 10)
    )


def test_nps_is_not_promoters_minus_passives_nor_a_mean():
    scores = [10, 9, 8, 8, 8, 5]  # 2 promoters, 3 passives, 1 detractor
    r = nps(scores, ci=None)
    assert r.nps == pytest.approx(100 * (2 - 1) / 6)
    assert r.nps != pytest.approx(100 * (2 - 3) / 6)
    assert r.nps != pytest.approx(np.mean(scores) * 10)


def test_nps_category_boundaries():
    cats = nps_category(pd.Series([6, 7, 8, 9], index=list("abcd")))
    assert cats.tolist() == ["detractor", "passive", "passive", "promoter"]
    assert list(cats.index) == list("abcd")
    assert cats.cat.ordered


def test_nps_extremes_are_plus_and_minus_100():
    assert nps([9, 10, 10], ci=None).nps == 100
    assert nps([0, 6, 3], ci=None).nps == -100


def test_nps_analytic_interval_matches_the_multinomial_variance():
    scores = [10] * 50 + [8] * 30 + [2] * 20  # p_pro .5, p_det .2, NPS 30
    r = nps(scores, ci="analytic", level=0.95)
    se = np.sqrt((0.5 + 0.2 - 0.3**2) / 100)
    assert r.ci_low == pytest.approx(100 * (0.3 - 1.959964 * se), abs=1e-3)
    assert r.ci_high == pytest.approx(100 * (0.3 + 1.959964 * se), abs=1e-3)


def test_nps_bootstrap_interval_is_seeded_and_close_to_the_analytic_one():
    scores = [10] * 300 + [7] * 400 + [4] * 300
    a = nps(scores, ci="analytic")
    b1 = nps(scores, ci="bootstrap", random_state=3)
    b2 = nps(scores, ci="bootstrap", random_state=3)
    assert (b1.ci_low, b1.ci_high) == (b2.ci_low, b2.ci_high)
    assert b1.ci_low == pytest.approx(a.ci_low, abs=1.0)
    assert b1.ci_high == pytest.approx(a.ci_high, abs=1.0)
    assert b1.ci_low < b1.nps < b1.ci_high


def test_nps_str_is_one_line_summary():
    text = str(nps([10, 10, 0, 8], ci="analytic"))
    assert text.startswith("NPS +25.0 (n=4") and "95% CI" in text and "\n" not in text


@pytest.mark.parametrize(
    ("scores", "error", "fragment"),
    [
        ([11, 5], ValueError, "0–10"),
        ([-1, 5], ValueError, "0–10"),
        ([7.5, 5], ValueError, "whole numbers"),
        ([5, None], ValueError, "missing"),
        (["9", "10"], TypeError, "numeric"),
        ([], ValueError, "empty"),
    ],
)
def test_nps_rejects_bad_scores(scores, error, fragment):
    with pytest.raises(error, match=fragment):
        nps(scores)


def test_nps_rejects_bad_options():
    with pytest.raises(ValueError, match="ci must be"):
        nps([10], ci="exact")
    with pytest.raises(ValueError, match="level"):
        nps([10], level=95)


def test_validate_scores_names_the_column_and_scale():
    with pytest.raises(ValueError, match=r"after_sales must lie on the 1–5 scale"):
        validate_scores(pd.Series([0, 3]), name="after_sales", low=1, high=5)
    kept = validate_scores(pd.Series([1.0, np.nan]), name="x", low=1, high=5, allow_missing=True)
    assert kept.isna().sum() == 1


def test_nps_by_groups_by_hand_and_keeps_input_unchanged():
    df = pd.DataFrame({"nps": [10, 9, 3, 8, 0, 6, 10], "channel": list("aaabbbc")})
    before = df.copy()
    out = nps_by(df, "channel")
    pd.testing.assert_frame_equal(df, before)
    assert out.index.tolist() == ["c", "a", "b"]  # sorted by NPS, highest first
    assert out.loc["a", "nps"] == pytest.approx(100 / 3)
    assert out.loc["b", "nps"] == pytest.approx(-200 / 3)
    assert out.loc["b", "passives"] == pytest.approx(1 / 3)
    assert out["n"].tolist() == [1, 3, 3]
    assert (out["ci_low"] <= out["nps"]).all() and (out["nps"] <= out["ci_high"]).all()


def test_nps_by_names_missing_columns():
    df = pd.DataFrame({"nps": [10, 9]})
    with pytest.raises(ValueError, match="channel"):
        nps_by(df, "channel")
    with pytest.raises(ValueError, match="score"):
        nps_by(pd.DataFrame({"g": [1]}), "g", score_col="score")
    with pytest.raises(TypeError, match="DataFrame"):
        nps_by([1, 2], "g")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_shares_sum_to_one_and_score_is_in_range(scores):
    r = nps(scores, ci="analytic")
    assert r.promoters + r.passives + r.detractors == pytest.approx(1)
    assert -100 <= r.nps <= 100
    assert -100 <= r.ci_low <= r.nps + 1e-9 <= r.ci_high + 2e-9 <= 100 + 2e-9


# --- drivers ----------------------------------------------------------------------------------


def _survey(n: int = 600, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({e: rng.integers(1, 6, n) for e in ELEMENTS})
    latent = 1.5 * df["product_design"] + 0.2 * df["culture"] + rng.normal(0, 1, n)
    df["nps"] = np.clip(np.round(latent - 1), 0, 10).astype(int)
    logit = 2.0 - 1.0 * df["after_sales"]
    df["churned"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return df


def test_driver_regression_recovers_an_exact_linear_relation():
    df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 1, 5], "b": [2, 2, 3, 3, 4, 5, 1]})
    df["y"] = 2 * df["a"] - 1 * df["b"] + 3
    fit = driver_regression(df, target="y", drivers=["a", "b"], standardize=False)
    assert fit.table.loc["a", "coef"] == pytest.approx(2)
    assert fit.table.loc["b", "coef"] == pytest.approx(-1)
    assert fit.fit_stat == pytest.approx(1)
    # standardised: coefficient = raw coefficient × the driver's standard deviation
    std = driver_regression(df, target="y", drivers=["a", "b"], standardize=True)
    assert std.table.loc["a", "coef"] == pytest.approx(2 * df["a"].std())


def test_driver_regression_finds_the_planted_driver():
    fit = driver_regression(_survey())
    assert fit.table["coef"].idxmax() == "product_design"
    assert list(fit.table.index) == list(ELEMENTS)
    assert (fit.table["ci_low"] < fit.table["coef"]).all()
    assert fit.n == 600 and "OLS of nps" in str(fit)


def test_churn_drivers_odds_ratios_are_exp_of_coefficients():
    fit = churn_drivers(_survey())
    t = fit.table
    assert t["odds_ratio"].idxmin() == "after_sales"
    assert t.loc["after_sales", "or_high"] < 1
    assert np.allclose(t["odds_ratio"], np.exp(t["coef"]))
    assert ((t["or_low"] < t["odds_ratio"]) & (t["odds_ratio"] < t["or_high"])).all()


def test_driver_models_reject_bad_input():
    df = _survey(50)
    with pytest.raises(ValueError, match=r"\['service'\]"):
        driver_regression(df, drivers=["service"])
    with pytest.raises(ValueError, match="1–5"):
        driver_regression(df.assign(culture=df["culture"] * 2))
    with pytest.raises(ValueError, match="do not vary"):
        driver_regression(df.assign(culture=3))
    with pytest.raises(ValueError, match="0/1"):
        churn_drivers(df.assign(churned=df["churned"] * 2))
    with pytest.raises(ValueError, match="only one class"):
        churn_drivers(df.assign(churned=0))
    with pytest.raises(TypeError, match="numeric"):
        driver_regression(df.assign(nps="high"))


def test_churn_after_survey_labels_windows_and_reports_drops():
    surveys = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4, 5, 5],
            "surveyed_at": pd.to_datetime(
                ["2024-01-01", "2024-01-01", "2024-01-01", "2024-11-01", "2024-01-01", "2024-02-01"]
            ),
        }
    )
    truth = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4, 5],
            # 1 churns inside the window, 2 after it, 3 before the survey, 4 censored, 5 never
            "churned_at": pd.to_datetime(["2024-03-01", "2024-12-01", "2023-12-01", None, None]),
        }
    )
    out = churn_after_survey(surveys, truth, window_days=180, end="2024-12-31")
    assert dict(zip(out["customer_id"], out["churned"], strict=True)) == {1: 1, 2: 0, 5: 0}
    assert out.loc[out["customer_id"] == 5, "surveyed_at"].item() == pd.Timestamp("2024-01-01")
    dropped = out.attrs["dropped"]
    assert list(dropped.values()) == [1, 1, 1]
    assert surveys["customer_id"].tolist() == [1, 2, 3, 4, 5, 5]  # input untouched


def test_churn_after_survey_grace_counts_churn_just_before_the_survey():
    surveys = pd.DataFrame(
        {"customer_id": [1, 2], "surveyed_at": pd.to_datetime(["2024-01-10", "2024-01-10"])}
    )
    # 1 left at the order the survey asks about (5 days earlier); 2 left long before
    truth = pd.DataFrame(
        {"customer_id": [1, 2], "churned_at": pd.to_datetime(["2024-01-05", "2023-06-01"])}
    )
    strict = churn_after_survey(surveys, truth, end="2024-12-31")
    assert strict.empty or strict["customer_id"].tolist() == []
    graced = churn_after_survey(surveys, truth, grace_days=14, end="2024-12-31")
    assert graced["customer_id"].tolist() == [1] and graced["churned"].tolist() == [1]
    assert list(graced.attrs["dropped"].values())[0] == 1
    with pytest.raises(ValueError, match="grace_days"):
        churn_after_survey(surveys, truth, grace_days=-1)


def test_churn_after_survey_rejects_bad_input():
    s = pd.DataFrame({"customer_id": [1], "surveyed_at": ["2024-01-01"]})
    t = pd.DataFrame({"customer_id": [1], "churned_at": [None]})
    with pytest.raises(ValueError, match="window_days"):
        churn_after_survey(s, t, window_days=0)
    with pytest.raises(ValueError, match="churned_at"):
        churn_after_survey(s, t.rename(columns={"churned_at": "gone"}))
    with pytest.raises(ValueError, match="absent"):
        churn_after_survey(s.assign(customer_id=9), t)
    with pytest.raises(ValueError, match="unparseable"):
        churn_after_survey(s.assign(surveyed_at="not a date"), t)


# --- tickets ----------------------------------------------------------------------------------


def _tickets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 3, 3],
            "resolution_hours": [2.0, 30.0, 100.0, 0.0, 4.0, 24.5],
            "resolved_first_contact": [True, False, False, True, True, True],
        }
    )


def test_fcr_rate_counts_tickets_not_customers():
    # 4 of 6 tickets solved at first contact; by customer it would be (1/3 + 1 + 1) / 3
    assert fcr_rate(_tickets()) == pytest.approx(4 / 6)


def test_ticket_summary_per_customer_by_hand():
    out = ticket_summary(_tickets())
    assert out.loc[1].to_dict() == pytest.approx(
        {
            "n_tickets": 3,
            "fcr_rate": 1 / 3,
            "any_unresolved_first": True,
            "mean_hours": 44.0,
            "max_hours": 100.0,
        }
    )
    assert out.loc[3, "any_unresolved_first"] == False  # noqa: E712
    assert out["n_tickets"].sum() == 6


def test_fcr_customers_kept_by_hand_and_never_negative():
    assert fcr_customers_kept(1000, 0.65, 0.80, 0.20) == pytest.approx(30.0)
    assert fcr_customers_kept(1000, 0.65, 0.65, 0.20) == 0.0
    assert fcr_customers_kept(1000, 0.80, 0.65, 0.20) == 0.0  # a lower target keeps nobody
    assert fcr_customers_kept(np.int64(10), np.float64(0.5), 1.0, 0.5) == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((-1, 0.6, 0.8, 0.2), ValueError, "n_customers"),
        ((100, 1.2, 0.8, 0.2), ValueError, "fcr_now"),
        ((100, 0.6, -0.1, 0.2), ValueError, "fcr_target"),
        ((100, 0.6, 0.8, 2.0), ValueError, "churn_gap"),
        ((100, 0.6, float("nan"), 0.2), ValueError, "fcr_target"),
        ((100, "0.6", 0.8, 0.2), TypeError, "fcr_now"),
        ((True, 0.6, 0.8, 0.2), TypeError, "n_customers"),
    ],
)
def test_fcr_customers_kept_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        fcr_customers_kept(*args)


def test_fcr_what_if_slider_redraws_the_customers_kept():
    from helpers.plots.satisfaction import fcr_what_if

    box = fcr_what_if(1000, 0.65, 0.20, target=0.80)
    slider, out = box.children[0].children[1], box.children[1]  # [0] is the note
    assert slider.description == "Target FCR"

    def kept() -> str:
        (item,) = out.outputs
        return item["data"]["text/plain"].splitlines()[-1].split()[-1]

    assert kept() == "30"
    slider.value = 0.95
    assert kept() == "60"
    with pytest.raises(ValueError, match="churn_gap"):
        fcr_what_if(1000, 0.65, 1.5)


def test_resolution_bucket_edges_are_right_closed():
    b = resolution_bucket(_tickets()["resolution_hours"])
    assert b.astype(str).tolist() == ["≤4 h", "24–72 h", ">72 h", "≤4 h", "≤4 h", "24–72 h"]
    assert list(b.cat.categories) == ["≤4 h", "4–24 h", "24–72 h", ">72 h"]
    with pytest.raises(ValueError, match="negative"):
        resolution_bucket([-1.0, 2.0])
    with pytest.raises(ValueError, match="increasing"):
        resolution_bucket([1.0], edges=(0, 10, 5))
    with pytest.raises(ValueError, match="labels"):
        resolution_bucket([1.0], labels=["a"])


def test_ticket_functions_reject_bad_columns():
    t = _tickets()
    with pytest.raises(ValueError, match="resolved_first_contact"):
        fcr_rate(t.drop(columns="resolved_first_contact"))
    with pytest.raises(ValueError, match="negative"):
        ticket_summary(t.assign(resolution_hours=-1.0))
    with pytest.raises(ValueError, match="0/1"):
        fcr_rate(t.assign(resolved_first_contact=2))
    with pytest.raises(TypeError, match="numeric"):
        ticket_summary(t.assign(resolution_hours="fast"))


def test_rate_by_wilson_interval_by_hand():
    df = pd.DataFrame({"g": ["a"] * 10 + ["b"] * 4, "y": [1] * 3 + [0] * 7 + [1, 1, 1, 1]})
    out = rate_by(df, "g", "y")
    assert out.loc["a", ["n", "events"]].tolist() == [10, 3]
    # Wilson 95% for 3/10: centre (3 + z²/2)/(10 + z²), half width z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n)
    z = 1.959964
    centre = (0.3 + z**2 / 20) / (1 + z**2 / 10)
    half = z * np.sqrt(0.3 * 0.7 / 10 + z**2 / 400) / (1 + z**2 / 10)
    assert out.loc["a", "ci_low"] == pytest.approx(centre - half, abs=1e-5)
    assert out.loc["a", "ci_high"] == pytest.approx(centre + half, abs=1e-5)
    assert out.loc["b", "rate"] == 1.0 and out.loc["b", "ci_high"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="0/1"):
        rate_by(df.assign(y=5), "g", "y")


def test_mean_by_t_interval_by_hand():
    df = pd.DataFrame({"g": list("aaab"), "x": [1.0, 2.0, 3.0, 7.0]})
    out = mean_by(df, "g", "x")
    half = 4.302653 * 1.0 / np.sqrt(3)  # t(0.975, 2) × sd 1 / sqrt(3)
    assert out.loc["a", "ci_low"] == pytest.approx(2 - half, abs=1e-5)
    assert np.isnan(out.loc["b", "ci_low"])
    with pytest.raises(TypeError, match="numeric"):
        mean_by(df.assign(x="a"), "g", "x")


# --- importance–performance ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imp", "perf", "expected"),
    [
        (0.9, 2.0, "Concentrate here"),
        (0.9, 4.0, "Keep up the good work"),
        (0.1, 2.0, "Low priority"),
        (0.1, 4.0, "Possible overkill"),
        (0.5, 3.0, "Keep up the good work"),  # on both cuts counts as high
    ],
)
def test_quadrant_names(imp, perf, expected):
    assert quadrant(imp, perf, importance_cut=0.5, performance_cut=3.0) == expected


def test_importance_performance_uses_mean_cuts_by_default():
    imp = pd.Series({"a": 0.9, "b": 0.1, "c": 0.5, "d": 0.2})
    perf = pd.Series({"d": 4.5, "c": 3.9, "b": 4.2, "a": 3.0})
    out = importance_performance(imp, perf)
    assert out.attrs["importance_cut"] == pytest.approx(0.425)
    assert out.attrs["performance_cut"] == pytest.approx(3.9)
    assert out["quadrant"].to_dict() == {
        "a": "Concentrate here",
        "b": "Possible overkill",
        "c": "Keep up the good work",
        "d": "Possible overkill",
    }
    fixed = importance_performance(imp, perf, importance_cut=0.0, performance_cut=3.0)
    assert set(fixed["quadrant"]) == {"Keep up the good work"}


def test_importance_performance_rejects_mismatched_elements():
    with pytest.raises(ValueError, match="same elements"):
        importance_performance(pd.Series({"a": 1.0}), pd.Series({"b": 3.0}))
    with pytest.raises(TypeError, match="Series"):
        importance_performance({"a": 1.0}, pd.Series({"a": 3.0}))
    with pytest.raises(TypeError, match="numbers"):
        quadrant("high", 3.0, 0.5, 3.0)


def test_lele_elements_cover_the_four_survey_columns():
    table = lele_elements()
    assert list(table.index) == list(ELEMENTS)
    assert table.loc["culture", "korean"] == "기업문화"


# --- figures ----------------------------------------------------------------------------------


def test_nps_stack_draws_three_segments_per_group_and_labels_nps():
    df = pd.DataFrame({"nps": [10, 9, 3, 8, 0, 6], "channel": list("aaabbb")})
    ax = nps_stack(nps_by(df, "channel"), title="Channel a leads")
    widths = [round(p.get_width(), 3) for p in ax.patches]
    assert widths == [0.333, 0.667, 0.0, 0.333, 0.667, 0.0]  # detractors a, b; passives; promoters
    assert [t.get_text() for t in ax.texts] == ["NPS +33", "NPS -67"]
    assert ax.get_title(loc="left") == "Channel a leads"


def test_coef_plot_shows_estimates_and_reference_line():
    table = pd.DataFrame(
        {"odds_ratio": [0.5, 1.2], "or_low": [0.4, 0.9], "or_high": [0.7, 1.5]},
        index=["after_sales", "culture"],
    )
    ax = coef_plot(
        table,
        title="After-sales protects",
        xlabel="Odds ratio",
        estimate="odds_ratio",
        low="or_low",
        high="or_high",
        reference=1,
        log=True,
    )
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "After-sales (사후 서비스)",
        "Culture (기업문화)",
    ]
    assert ax.lines[-1].get_xdata()[0] == 1
    with pytest.raises(ValueError, match="or_low"):
        coef_plot(
            table.drop(columns="or_low"),
            title="t",
            xlabel="x",
            estimate="odds_ratio",
            low="or_low",
            high="or_high",
        )


def test_rate_plot_bar_heights_are_the_rates():
    df = pd.DataFrame({"g": ["a"] * 4 + ["b"] * 4, "y": [1, 0, 0, 0, 1, 1, 0, 0]})
    ax = rate_plot(
        rate_by(df, "g", "y"), title="b churns more", xlabel="Group", ylabel="Churn rate (%)"
    )
    assert [p.get_height() for p in ax.patches] == [0.25, 0.5]
    assert ax.get_xticklabels()[0].get_text() == "a\n(n=4)"


def test_ipa_chart_places_points_and_names_quadrants():
    ipa = importance_performance(pd.Series({"a": 0.9, "b": 0.1}), pd.Series({"a": 3.0, "b": 4.2}))
    ax = ipa_chart(ipa, title="Fix a first", labels={"a": "A", "b": "B"})
    offsets = ax.collections[0].get_offsets()
    assert offsets.tolist() == [[3.0, 0.9], [4.2, 0.1]]
    texts = {t.get_text() for t in ax.texts}
    assert {
        "Concentrate here",
        "Keep up the good work",
        "Low priority",
        "Possible overkill",
        "A",
        "B",
    } <= texts


def test_inactive_after_survey_counts_completed_orders_in_the_window_only():
    surveys = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "surveyed_at": pd.to_datetime(["2024-01-01"] * 3 + ["2024-12-01"]),
        }
    )
    orders = pd.DataFrame(
        {
            "customer_id": pd.array([1, 1, 2, 3, None], dtype="Int64"),
            "order_date": pd.to_datetime(
                ["2024-02-01", "2024-03-01", "2024-02-01", "2024-09-01", "2024-02-01"]
            ),
            "status": ["completed", "completed", "returned", "completed", "completed"],
        }
    )
    out = inactive_after_survey(surveys, orders, window_days=90, end="2024-12-31")
    # 1 bought twice inside; 2 only returned; 3 bought after the window; 4 is censored
    assert out["customer_id"].tolist() == [1, 2, 3]
    assert out["orders_in_window"].tolist() == [2, 0, 0]
    assert out["inactive"].tolist() == [0, 1, 1]
    assert list(out.attrs["dropped"].values()) == [1]
    with pytest.raises(ValueError, match="status"):
        inactive_after_survey(surveys, orders.drop(columns="status"))


def test_driver_models_accept_continuous_drivers_when_scale_is_none():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"latent": rng.normal(size=200)})
    df["y"] = 3 * df["latent"] + rng.normal(0, 0.1, 200)
    fit = driver_regression(df, target="y", drivers=["latent"], standardize=False, scale=None)
    assert fit.table.loc["latent", "coef"] == pytest.approx(3, abs=0.05)
    with pytest.raises(ValueError, match="1–5 scale|whole numbers"):
        driver_regression(df, target="y", drivers=["latent"])
    with pytest.raises(ValueError, match="missing"):
        driver_regression(df.assign(latent=np.nan), target="y", drivers=["latent"], scale=None)


def test_support_plan_ranks_retention_before_advocacy():
    perf = pd.Series(
        {"product_design": 3.2, "sales_activities": 3.3, "after_sales": 3.1, "culture": 3.4}
    )
    retention = importance_performance(
        pd.Series(
            {"product_design": 0.05, "sales_activities": 0.0, "after_sales": 0.3, "culture": 0.0}
        ),
        perf,
    )
    advocacy = importance_performance(
        pd.Series(
            {"product_design": 0.9, "sales_activities": 0.3, "after_sales": 0.2, "culture": 0.6}
        ),
        perf,
    )
    plan = support_plan({"retention": retention, "advocacy": advocacy})
    assert plan.index.tolist() == ["after_sales", "product_design", "culture", "sales_activities"]
    assert plan["action"].tolist() == [
        "invest first",
        "invest next",
        "maintain",
        "hold; candidate to reallocate",
    ]
    assert "online_support" in plan.columns
    with pytest.raises(ValueError, match="same elements"):
        support_plan({"a": retention, "b": advocacy.iloc[:2]})
    with pytest.raises(TypeError, match="non-empty"):
        support_plan({})


# --- exercise checkers of notebook 04 -------------------------------------------------------------


def test_exercise_04_1_hints_name_the_nps_misconceptions():
    from helpers.checks import verify
    from helpers.data import load_shop

    s = load_shop().surveys["nps"]
    right = 100 * ((s >= 9).mean() - (s <= 6).mean())
    assert verify("04.1", right).correct
    assert verify("04.1", round(right, 2)).correct
    assert "passives" in verify("04.1", 100 * ((s >= 9).mean() - s.between(7, 8).mean())).message
    assert "average" in verify("04.1", float(s.mean())).message
    assert "points" in verify("04.1", right / 100).message
    assert "6 is a detractor" in verify("04.1", 100 * ((s >= 9).mean() - (s <= 5).mean())).message
    assert "9 is a promoter" in verify("04.1", 100 * ((s >= 10).mean() - (s <= 6).mean())).message
    assert "7 is a passive" in verify("04.1", 100 * ((s >= 9).mean() - (s <= 7).mean())).message
    assert "wrong sign" in verify("04.1", -right).message
    assert "rounded" in verify("04.1", float(round(right))).message
    if (
        abs(round(right, 1) - right) > 0.005
    ):  # copying the one-decimal print-out is not computing it
        assert "print-out" in verify("04.1", round(right, 1)).message


def test_exercise_04_2_difference_interval_hints():
    from helpers.checks import verify
    from helpers.exercises.ex04 import _diff_parts, _group_answers
    from helpers.satisfaction import nps_difference

    e = _diff_parts()
    low, high = e["ci"]
    d = nps_difference(_group_answers("social"), _group_answers("search_ads"))
    assert (low, high) == pytest.approx((d["ci_low"], d["ci_high"]))
    assert verify("04.2", (round(low, 2), round(high, 2))).correct
    assert verify("04.2", [low, high]).correct
    assert "search_ads − social" in verify("04.2", (-high, -low)).message
    assert "overlap" in verify("04.2", e["sum_of_halves"]).message
    assert "(p_pro − p_det)²" in verify("04.2", e["no_square"]).message
    assert "90%" in verify("04.2", e["z90"]).message
    assert "one group's own" in verify("04.2", e["ci_a"]).message
    assert "lower bound first" in verify("04.2", (high + 5, low - 5)).message
    assert "pair" in verify("04.2", low).message
    assert "two numbers" in verify("04.2", (low, high, 0)).message
    assert "shares" in verify("04.2", (low / 100, high / 100)).message


def test_exercise_04_3_prca_decision():
    from helpers.checks import verify
    from helpers.data import load_shop
    from helpers.exercises.ex04 import _prca_parts
    from helpers.satisfaction import ELEMENTS, penalty_reward

    surveys = load_shop().surveys
    prca = penalty_reward(surveys)
    best = (prca["penalty"] * prca["n_low"]).idxmax()
    assert _prca_parts()["best"] == best
    assert verify("04.3", best).correct and verify("04.3", best.upper().replace("_", " ")).correct
    for other in set(ELEMENTS) - {best}:
        verdict = verify("04.3", other)
        assert not verdict.correct and ("penalty" in verdict.message)
    assert "one of" in verify("04.3", "service").message


def test_exercise_04_4_hints_on_reading_an_odds_ratio():
    from helpers.checks import verify
    from helpers.exercises.ex04 import _after_sales_odds

    e = _after_sales_odds()
    ratio, coef = e["model"], e["coef"]
    assert verify("04.4", 100 * (ratio - 1)).correct
    assert verify("04.4", round(100 * (ratio - 1), 1)).correct
    assert "odds ratio itself" in verify("04.4", ratio).message
    assert "log-odds" in verify("04.4", coef).message
    assert "wrong sign" in verify("04.4", -100 * (ratio - 1)).message
    assert "as a percentage" in verify("04.4", 100 * ratio).message
    assert "fraction" in verify("04.4", ratio - 1).message
    for key in ("no_grace", "d90", "d365"):
        if abs(e[key] - ratio) > 0.001:
            assert "robustness table" in verify("04.4", 100 * (e[key] - 1)).message


def test_exercise_04_5_recovery_critique():
    from helpers.checks import verify

    assert verify("04.5", "b").correct and verify("04.5", "(B)").correct
    for letter, phrase in (("a", "no recovery effect"), ("c", "not chance"), ("d", "common cause")):
        verdict = verify("04.5", letter)
        assert not verdict.correct and phrase in verdict.message
    assert "one letter as text" in verify("04.5", 2).message


def test_exercise_04_6_hints_on_quadrants():
    from helpers.checks import verify

    right = {
        "product_design": "Possible overkill",
        "sales_activities": "Concentrate here",
        "after_sales": "Keep up the good work",
        "culture": "Low priority",
    }
    assert verify("04.6", right).correct
    assert verify("04.6", pd.Series(right)).correct
    assert (
        "midpoint"
        in verify(
            "04.6",
            {**right, "sales_activities": "Keep up the good work", "culture": "Possible overkill"},
        ).message
    )
    assert "done poorly" in verify("04.6", {**right, "after_sales": "Concentrate here"}).message
    swapped = {
        **right,
        "product_design": "Concentrate here",
        "sales_activities": "Possible overkill",
    }
    assert "swapped the axes" in verify("04.6", swapped).message
    # one element wrong is not diagnosed as a swap of the axes: the hint names that element
    one_wrong = verify("04.6", {**right, "product_design": "Concentrate here"}).message
    assert "swapped" not in one_wrong and "product_design" in one_wrong
    assert "exactly" in verify("04.6", {**right, "culture": "low"}).message
    assert verify("04.6", {k: v.lower() for k, v in right.items()}).correct
    assert "one entry" in verify("04.6", {"culture": "Low priority"}).message


def test_exercise_04_6_answer_key_survives_an_edited_copy():
    """The notebook shows a copy of DELIVERY_APP: editing it cannot change the checker's answer."""
    from helpers.checks import verify
    from helpers.exercises import ex04

    copy = ex04.DELIVERY_APP.copy()
    copy.loc["culture", "performance"] = 4.9
    assert ex04.DELIVERY_APP.loc["culture", "performance"] == 3.0
    right = {
        "product_design": "Possible overkill",
        "sales_activities": "Concentrate here",
        "after_sales": "Keep up the good work",
        "culture": "Low priority",
    }
    assert verify("04.6", right).correct


def test_exercise_04_churn_settings_match_the_notebook():
    """ex04 repeats the notebook's churn window, grace and analysis date: they must agree."""
    import re
    from pathlib import Path

    import nbformat

    from helpers.exercises import ex04

    path = Path(__file__).parents[1] / "notebooks" / "04_satisfaction_and_online_support.ipynb"
    nb = nbformat.read(path, as_version=4)
    setup = next(c.source for c in nb.cells if c.cell_type == "code" and "WINDOW =" in c.source)
    found = dict(re.findall(r"^(AS_OF|WINDOW|GRACE) = (.+?)(?:\s+#.*)?$", setup, flags=re.M))
    assert pd.Timestamp(eval(found["AS_OF"], {"pd": pd})) == ex04.AS_OF
    assert int(found["WINDOW"]) == ex04.CHURN_WINDOW_DAYS
    assert int(found["GRACE"]) == ex04.CHURN_GRACE_DAYS


# --- the Korean edition's figures ---------------------------------------------------------------


@pytest.fixture
def language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def _figure_texts(lang: str, set_language) -> dict[str, object]:
    set_language(lang)
    df = pd.DataFrame({"nps": [10, 9, 3, 8, 0, 6], "channel": list("aaabbb")})
    stack = nps_stack(nps_by(df, "channel"), title="t")
    table = pd.DataFrame({"coef": [0.5], "ci_low": [0.4], "ci_high": [0.6]}, index=["after_sales"])
    coef = coef_plot(table, title="t", xlabel="x")
    ipa = ipa_chart(
        importance_performance(
            pd.Series({"after_sales": 0.9, "culture": 0.1}),
            pd.Series({"after_sales": 3.0, "culture": 4.2}),
        ),
        title="t",
    )
    return {
        "stack_xlabel": stack.get_xlabel(),
        "legend": [t.get_text() for t in stack.get_legend().get_texts()],
        "coef_ticks": [t.get_text() for t in coef.get_yticklabels()],
        "ipa_axes": (ipa.get_xlabel(), ipa.get_ylabel()),
        "ipa_texts": {t.get_text() for t in ipa.texts},
    }


def test_satisfaction_figures_speak_korean_in_the_korean_edition(language):
    ko = _figure_texts("ko", language)
    assert ko["stack_xlabel"] == "응답자 비율 (%)"
    assert ko["legend"] == ["비추천 고객", "중립 고객", "추천 고객"]
    assert ko["coef_ticks"] == ["사후 서비스 (After-sales)"]
    assert ko["ipa_axes"] == ("성과: 평균 점수 (1–5)", "중요도")
    # the quadrant keeps its English name below the Korean one: exercise 04.6 is answered with it
    assert {"집중 개선\n(Concentrate here)", "과잉 가능성\n(Possible overkill)"} <= ko["ipa_texts"]
    assert "기업문화 (Culture)" in ko["ipa_texts"]


def test_satisfaction_figures_stay_english_in_the_english_edition(language):
    en = _figure_texts("en", language)
    assert en["stack_xlabel"] == "Share of respondents (%)"
    assert en["legend"] == ["Detractors", "Passives", "Promoters"]
    assert en["coef_ticks"] == ["After-sales (사후 서비스)"]
    assert en["ipa_axes"] == ("Performance: mean score (1–5)", "Importance")
    assert {"Concentrate here", "Possible overkill", "Culture (기업문화)"} <= en["ipa_texts"]


def test_fcr_what_if_speaks_the_readers_language(language):
    from helpers.plots.satisfaction import fcr_what_if

    for lang, description, row in (
        ("ko", "목표 FCR", "6개월 동안 지켜 낸 고객"),
        ("en", "Target FCR", "customers kept for 6 months"),
    ):
        language(lang)
        box = fcr_what_if(1000, 0.65, 0.20, target=0.80)
        slider, out = box.children[0].children[1], box.children[1]
        assert slider.description == description
        (item,) = out.outputs
        assert row in item["data"]["text/plain"]


def test_element_label_names_both_languages_and_rejects_unknown_elements(language):
    from helpers.plots.satisfaction import element_label

    language("ko")
    assert [element_label(e, short=True) for e in ELEMENTS] == [
        "제품 디자인",
        "판매관련 활동",
        "사후 서비스",
        "기업문화",
    ]
    language("en")
    assert element_label("culture") == "Culture (기업문화)"
    with pytest.raises(ValueError, match="element must be one of"):
        element_label("price")


def test_rate_plot_shows_display_names_of_the_groups(language):
    df = pd.DataFrame({"g": ["no ticket"] * 2 + ["ticket"] * 2, "y": [1, 0, 1, 1]})
    language("ko")
    ax = rate_plot(
        rate_by(df, "g", "y"),
        title="t",
        xlabel="x",
        ylabel="y",
        labels={"no ticket": "티켓 없음"},
    )
    assert [t.get_text() for t in ax.get_xticklabels()] == ["티켓 없음\n(n=2)", "ticket\n(n=2)"]


def test_channel_names_on_the_nps_figure_follow_the_language(language):
    from helpers.plots.satisfaction import channel_label

    df = pd.DataFrame(
        {"nps": [10, 9, 3, 8, 0, 6], "channel": ["search_ads"] * 3 + ["referral"] * 3}
    )
    for lang, names in (("ko", ["검색 광고", "추천"]), ("en", ["search_ads", "referral"])):
        language(lang)
        table = nps_by(df, "channel")
        ax = nps_stack(table, title="t", labels={c: channel_label(c) for c in table.index})
        ticks = [t.get_text().split(" (n=")[0] for t in ax.get_yticklabels()]
        assert sorted(ticks) == sorted(names)
        plt.close(ax.figure)


def test_printed_results_follow_the_language(language):
    from helpers.satisfaction import churn_after_survey, nps

    surveys = pd.DataFrame(
        {"customer_id": [1, 2], "surveyed_at": pd.to_datetime(["2024-01-10", "2024-11-10"])}
    )
    truth = pd.DataFrame({"customer_id": [1, 2], "churned_at": pd.to_datetime([None, None])})
    language("ko")
    assert str(nps([10, 9, 3, 8], ci="analytic")).count("추천 고객") == 2  # 추천 and 비추천
    assert "신뢰구간" in str(nps([10, 9, 3, 8], ci="analytic"))
    dropped = churn_after_survey(surveys, truth, grace_days=30, end="2024-12-31").attrs["dropped"]
    assert list(dropped) == [
        "고객이 떠난 지 30일이 넘은 뒤의 날짜",
        "2024-12-31까지 180일 기간이 끝나지 않음",
        "같은 고객의 나중 행",
    ]
    assert list(dropped.values()) == [0, 1, 0]
    language("en")
    assert "promoters" in str(nps([10, 9, 3, 8], ci="analytic"))
    dropped = churn_after_survey(surveys, truth, grace_days=30, end="2024-12-31").attrs["dropped"]
    assert list(dropped)[1] == "window of 180 days not over by 2024-12-31"


def test_lele_table_and_support_plan_read_in_korean(language):
    perf = pd.Series({"after_sales": 3.0, "culture": 4.2})
    ipa = importance_performance(pd.Series({"after_sales": 0.9, "culture": 0.1}), perf)
    language("ko")
    assert lele_elements().loc["after_sales", "online_support"].startswith("주문 추적")
    plan = support_plan({"고객 유지": ipa})
    assert list(plan.columns[:2]) == ["고객 유지 사분면", "action"]
    assert plan.loc["after_sales", "action"] == "먼저 투자"
    assert (
        plan.loc["after_sales", "고객 유지 사분면"] == "Concentrate here"
    )  # the answer key's name
    language("en")
    assert lele_elements().loc["after_sales", "online_support"].startswith("order tracking")
    assert support_plan({"retention": ipa}).loc["after_sales", "action"] == "invest first"
