"""Unit tests of helpers.idic (IDIC, Peppers & Rogers) and helpers.goods (search vs experience goods)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.goods import (
    conversion_by_bucket,
    rating_dispersion,
    review_count_buckets,
    reviews_before,
)
from helpers.idic import (
    QUADRANTS,
    STRATEGIES,
    between_customer_share,
    gini,
    identity_summary,
    interaction_counts,
    needs_differentiation,
    next_best_category,
    peppers_rogers_quadrant,
    targeting_profit,
    top_share,
    value_differentiation,
)

values_lists = st.lists(
    st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=60
)


# --------------------------------------------------------------------------- value differentiation


def test_gini_of_equal_values_is_zero():
    assert gini([5.0, 5.0, 5.0, 5.0]) == 0.0


def test_gini_when_one_customer_has_everything_is_one_minus_one_over_n():
    assert gini([0, 0, 0, 0, 10]) == pytest.approx(0.8)


def test_gini_equals_half_relative_mean_absolute_difference():
    x = np.array([1.0, 2.0, 7.0, 10.0])
    mad = np.abs(x[:, None] - x[None, :]).mean()
    assert gini(x) == pytest.approx(mad / (2 * x.mean()))


@settings(max_examples=60, deadline=None)
@given(values_lists, st.floats(min_value=0.01, max_value=100))
def test_gini_is_bounded_scale_free_and_order_free(values, factor):
    if sum(values) <= 1e-9:
        return
    g = gini(values)
    n = len(values)
    assert -1e-12 <= g <= 1 - 1 / n + 1e-9
    assert gini([v * factor for v in values]) == pytest.approx(g, abs=1e-9)
    assert gini(values[::-1]) == pytest.approx(g, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(values_lists, st.sampled_from([0.1, 0.2, 0.5]))
def test_top_share_is_at_least_the_headcount_share(values, share):
    if sum(values) <= 1e-9:
        return
    k = int(np.ceil(share * len(values) - 1e-9))
    assert top_share(values, share) >= k / len(values) - 1e-9


def test_top_share_counts_the_ceiling_of_the_top_group():
    assert top_share([1, 1, 1, 1, 6], 0.2) == pytest.approx(0.6)
    assert top_share([1, 1, 1, 1, 1, 5], 0.2) == pytest.approx(6 / 10)  # ceil(1.2) = 2 customers


def test_value_differentiation_reports_its_measures():
    s = value_differentiation(pd.Series([1.0, 1.0, 1.0, 1.0, 6.0]))
    assert s["customers"] == 5 and s["total_value"] == 10
    assert s["top_20%_share"] == pytest.approx(0.6)
    assert s["gini"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    "bad, error",
    [
        ([], ValueError),
        ([1.0, -2.0], ValueError),
        ([1.0, np.nan], ValueError),
        ([0.0, 0.0], ValueError),
        (["a", "b"], TypeError),
        (5.0, TypeError),
        (pd.DataFrame({"a": [1.0]}), TypeError),
    ],
)
def test_value_measures_reject_bad_input(bad, error):
    with pytest.raises(error):
        gini(bad)


def test_top_share_rejects_a_share_outside_zero_one():
    with pytest.raises(ValueError, match="share"):
        top_share([1, 2, 3], 1.5)


def test_gini_does_not_mutate_its_input():
    s = pd.Series([3.0, 1.0, 2.0])
    gini(s)
    assert s.tolist() == [3.0, 1.0, 2.0]


# --------------------------------------------------------------------------- needs differentiation


def test_needs_index_is_one_when_each_customer_buys_one_category():
    counts = pd.DataFrame({"a": [5, 0, 6, 0], "b": [0, 5, 0, 7]})
    s = needs_differentiation(counts, n_null=10)
    assert s["needs_index"] == pytest.approx(1.0)
    assert s["js_distance"] > s["js_noise"]


def test_needs_index_is_near_zero_when_everyone_buys_the_same_mix():
    rng = np.random.default_rng(1)
    counts = pd.DataFrame(rng.multinomial(8, [0.4, 0.3, 0.2, 0.1], size=2000), columns=list("abcd"))
    s = needs_differentiation(counts, n_null=10, max_customers=1000)
    assert abs(s["needs_index"]) < 0.02
    assert s["mutual_information"] > 0.05  # raw MI is inflated by noise, the index is not
    assert s["js_distance"] == pytest.approx(s["js_noise"], abs=0.02)


def test_needs_index_grows_with_real_taste_differences():
    rng = np.random.default_rng(2)
    mixes = rng.dirichlet(np.full(4, 0.5), size=1500)
    counts = np.stack([rng.multinomial(10, p) for p in mixes])
    s = needs_differentiation(pd.DataFrame(counts, columns=list("abcd")), max_customers=300)
    assert 0.2 < s["needs_index"] < 0.9


def test_needs_differentiation_is_seeded():
    counts = pd.DataFrame({"a": [3, 1, 2, 5], "b": [1, 3, 2, 0], "c": [0, 1, 1, 1]})
    a = needs_differentiation(counts, random_state=3)
    b = needs_differentiation(counts, random_state=3)
    pd.testing.assert_series_equal(a, b)


@pytest.mark.parametrize(
    "counts, kw, match",
    [
        (pd.DataFrame({"a": [1.5, 2.0], "b": [1.0, 1.0]}), {}, "whole"),
        (pd.DataFrame({"a": [3, -1], "b": [1, 4]}), {}, "non-negative"),
        (pd.DataFrame({"a": [3, 4]}), {}, "one category"),
        (pd.DataFrame({"a": [1, 1], "b": [1, 1]}), {"min_items": 3}, "fewer than two"),
        (pd.DataFrame({"a": [3, 3], "b": [1, 1]}), {"min_items": 0}, "min_items"),
    ],
)
def test_needs_differentiation_rejects_bad_counts(counts, kw, match):
    with pytest.raises(ValueError, match=match):
        needs_differentiation(counts, **kw)


def test_needs_differentiation_wants_a_dataframe():
    with pytest.raises(TypeError, match="DataFrame"):
        needs_differentiation(np.ones((3, 2)))


def test_between_customer_share_is_one_for_constant_customers_and_zero_for_noise():
    assert between_customer_share([1, 1, 5, 5], ["a", "a", "b", "b"])["icc"] == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    groups = np.repeat(np.arange(3000), 4)
    s = between_customer_share(rng.normal(size=groups.size), groups)
    assert abs(s["icc"]) < 0.03
    assert s["eta_squared"] > 0.2  # the raw share is inflated by noise, the ICC is not


def test_between_customer_share_leaves_out_single_purchase_customers():
    s = between_customer_share([1.0, 2.0, 3.0, 4.0, 9.0], ["a", "a", "b", "b", "c"])
    assert s["customers"] == 2 and s["purchases"] == 4
    with pytest.raises(ValueError, match="fewer than two"):
        between_customer_share([1.0, 2.0, 3.0], ["a", "a", "b"])


def test_between_customer_share_checks_lengths_and_types():
    with pytest.raises(ValueError, match="same length"):
        between_customer_share([1.0, 2.0], ["a"])
    with pytest.raises(TypeError, match="numeric"):
        between_customer_share(["x", "y"], ["a", "a"])


# --------------------------------------------------------------------------- Peppers & Rogers


@pytest.mark.parametrize(
    "value, needs, quadrant",
    [(0.3, 0.0, "mass"), (0.3, 0.5, "niche"), (0.7, 0.0, "value-based"), (0.7, 0.5, "one-to-one")],
)
def test_quadrants_follow_the_two_axes(value, needs, quadrant):
    assert peppers_rogers_quadrant(value, needs) == quadrant
    assert STRATEGIES[quadrant].key == quadrant


def test_threshold_itself_counts_as_high():
    assert peppers_rogers_quadrant(0.5, 0.1) == "one-to-one"


def test_quadrants_vectorised_keep_the_index():
    out = peppers_rogers_quadrant(pd.Series([0.2, 0.9], index=["x", "y"]), [0.0, 0.9])
    assert out.to_dict() == {"x": "mass", "y": "one-to-one"}
    assert set(out) <= set(QUADRANTS)


def test_quadrant_rejects_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        peppers_rogers_quadrant([0.1, 0.2], [0.1])
    with pytest.raises(TypeError, match="value_diff"):
        peppers_rogers_quadrant("high", 0.1)
    with pytest.raises(ValueError, match="missing"):
        peppers_rogers_quadrant(np.nan, 0.1)


# --------------------------------------------------------------------------- identify, interact, customize


def test_identity_summary_counts_each_status():
    s = pd.DataFrame(
        {
            "customer_id": [1, None, None, None],
            "resolved_customer_id": [1, 1, None, None],
            "pages": [2, 3, 4, 1],
        }
    )
    out = identity_summary(s)
    assert out["sessions"].tolist() == [1, 1, 2]
    assert out["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert identity_summary(s, weight_col="pages")["pages"].tolist() == [2, 3, 5]


def test_identity_summary_rejects_a_resolution_that_lost_the_own_id():
    s = pd.DataFrame({"customer_id": [1], "resolved_customer_id": [None]})
    with pytest.raises(ValueError, match="own id"):
        identity_summary(s)
    with pytest.raises(ValueError, match="no column"):
        identity_summary(s.drop(columns="resolved_customer_id"))


def test_interaction_counts_fill_zero_for_customers_without_contact():
    t = {
        "orders": pd.DataFrame({"customer_id": [1, 1, None]}),
        "tickets": pd.DataFrame({"customer_id": [2]}),
    }
    out = interaction_counts(t, customers=[1, 2, 3])
    assert out.to_dict("index") == {
        1: {"orders": 2, "tickets": 0},
        2: {"orders": 0, "tickets": 1},
        3: {"orders": 0, "tickets": 0},
    }
    with pytest.raises(TypeError):
        interaction_counts({})
    with pytest.raises(ValueError, match="customer_id"):
        interaction_counts({"x": pd.DataFrame({"id": [1]})})


def test_next_best_category_shrinks_a_single_purchase_towards_popularity():
    counts = pd.DataFrame({"a": [0, 9, 9, 9], "b": [1, 0, 0, 0]}, index=[1, 2, 3, 4])
    assert next_best_category(counts, prior_strength=0).loc[1] == "b"
    assert next_best_category(counts, prior_strength=5).loc[1] == "a"


def test_next_best_category_cross_sell_skips_bought_categories():
    counts = pd.DataFrame({"a": [3, 1], "b": [0, 1], "c": [1, 0]}, index=["p", "q"])
    offer = next_best_category(counts, exclude_bought=True)
    assert offer.loc["p"] == "b"
    assert offer.loc["q"] == "c"


def test_next_best_category_rejects_negative_prior():
    with pytest.raises(ValueError, match="prior_strength"):
        next_best_category(pd.DataFrame({"a": [1], "b": [0]}), prior_strength=-1)


# --------------------------------------------------------------------------- targeting profit


def test_targeting_profit_by_hand():
    t = targeting_profit(
        [1, 0, 1, 0],
        [100.0, 0.0, 50.0, 0.0],
        [0.9, 0.1, 0.5, 0.3],
        cost_per_contact=10,
        margin=0.5,
        fractions=[0.25, 0.5, 1.0],
        n_boot=50,
    )
    # ranked: 100 (resp), 50 (resp), 0, 0 -> contributions 40, 15, -10, -10
    assert t["profit"].tolist() == [40.0, 55.0, 35.0]
    assert t["vs_everyone"].tolist() == [5.0, 20.0, 0.0]
    assert t.loc[1.0, "vs_everyone_low"] == 0 and t.loc[1.0, "vs_everyone_high"] == 0
    assert (t["profit_low"] <= t["profit"] + 1e-9).all()


def test_targeting_with_free_contacts_never_beats_everyone():
    rng = np.random.default_rng(0)
    y = rng.random(500) < 0.1
    t = targeting_profit(
        y, np.where(y, 100.0, 0.0), rng.random(500), cost_per_contact=0, margin=0.3, n_boot=100
    )
    assert (t["vs_everyone"] <= 1e-9).all()


def test_targeting_profit_is_seeded():
    args = ([1, 0, 0, 1, 0], [10.0, 0, 0, 20.0, 0], [5, 4, 3, 2, 1])
    a = targeting_profit(*args, cost_per_contact=1, margin=0.5, n_boot=40, random_state=7)
    b = targeting_profit(*args, cost_per_contact=1, margin=0.5, n_boot=40, random_state=7)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"responded": [2, 0]}, "0/1"),
        ({"revenue": [1.0]}, "same length"),
        ({"margin": 1.5}, "margin"),
        ({"cost_per_contact": -1}, "cost_per_contact"),
        ({"fractions": [0.0, 1.0]}, "fractions"),
        ({"score": [np.nan, 1.0]}, "score"),
    ],
)
def test_targeting_profit_rejects_bad_input(kw, match):
    args = {"responded": [1, 0], "revenue": [10.0, 0.0], "score": [1.0, 0.0]}
    args.update({k: v for k, v in kw.items() if k in args})
    rest = {"cost_per_contact": 1.0, "margin": 0.5, "n_boot": 20}
    rest.update({k: v for k, v in kw.items() if k not in args})
    with pytest.raises(ValueError, match=match):
        targeting_profit(args["responded"], args["revenue"], args["score"], **rest)


# --------------------------------------------------------------------------- goods


def test_rating_dispersion_by_hand():
    r = pd.DataFrame({"goods_type": ["s"] * 4 + ["e"] * 4, "rating": [4, 4, 4, 4, 1, 5, 1, 5]})
    out = rating_dispersion(r, n_boot=200)
    assert out.loc["s", "variance"] == 0 and out.loc["s", "entropy"] == 0
    assert out.loc["e", "variance"] == pytest.approx(4.0)
    assert out.loc["e", "entropy"] == pytest.approx(1.0)
    assert out.loc["e", "extreme_share"] == 1.0
    assert out.loc["e", "variance_low"] <= 4.0 <= out.loc["e", "variance_high"]


def test_rating_dispersion_rejects_off_scale_ratings():
    r = pd.DataFrame({"goods_type": ["s", "s"], "rating": [4, 6]})
    with pytest.raises(ValueError, match="outside the scale"):
        rating_dispersion(r)
    with pytest.raises(ValueError, match="no column"):
        rating_dispersion(r.rename(columns={"rating": "stars"}))


def test_reviews_before_uses_only_earlier_reviews():
    ev = pd.DataFrame(
        {
            "product_id": [1, 1, 2, 1],
            "started_at": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-09", "2024-01-10"]),
        },
        index=[10, 11, 12, 13],
    )
    rv = pd.DataFrame(
        {
            "product_id": [1, 1, 1],
            "rating": [5, 1, 3],
            "reviewed_at": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-04"]),
        }
    )
    out = reviews_before(ev, rv)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out["reviews_before"].tolist() == [0, 1, 0, 3]  # the review at 01-03 is not "before"
    assert out["rating_before"].iloc[1] == 5.0 and np.isnan(out["rating_before"].iloc[0])
    assert out["rating_before"].iloc[3] == pytest.approx(3.0)
    assert "reviews_before" not in ev.columns


def test_reviews_before_wants_datetimes():
    ev = pd.DataFrame({"product_id": [1], "started_at": ["2024-01-01"]})
    rv = pd.DataFrame(
        {"product_id": [1], "rating": [5], "reviewed_at": pd.to_datetime(["2024-01-01"])}
    )
    with pytest.raises(TypeError, match="datetimes"):
        reviews_before(ev, rv)


def test_review_count_buckets_labels_and_errors():
    assert review_count_buckets([0, 1, 4, 5, 19, 20]).tolist() == [
        "0",
        "1–4",
        "1–4",
        "5–19",
        "5–19",
        "20+",
    ]
    with pytest.raises(ValueError, match="edges"):
        review_count_buckets([1], edges=(1, 5))
    with pytest.raises(ValueError, match="non-negative"):
        review_count_buckets([-1])


def test_conversion_by_bucket_has_wilson_intervals():
    d = pd.DataFrame({"b": ["x"] * 10 + ["y"] * 10, "purchased": [1] * 2 + [0] * 8 + [1] * 10})
    out = conversion_by_bucket(d, bucket_col="b")
    assert out["rate"].tolist() == [0.2, 1.0]
    assert (out["rate_low"] <= out["rate"]).all() and (
        out["rate_high"] >= out["rate"] - 1e-12
    ).all()
    assert out.loc["y", "rate_high"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="0/1"):
        conversion_by_bucket(d.assign(purchased=2), bucket_col="b")


def test_reviews_before_matches_nullable_ids_with_plain_ids():
    ev = pd.DataFrame(
        {
            "product_id": pd.array([1, None, 1], dtype="Int64"),
            "started_at": pd.to_datetime(["2024-01-05", "2024-01-05", "2024-01-01"]),
        }
    )
    rv = pd.DataFrame(
        {"product_id": [1], "rating": [4], "reviewed_at": pd.to_datetime(["2024-01-02"])}
    )
    assert reviews_before(ev, rv)["reviews_before"].tolist() == [1, 0, 0]


# --------------------------------------------------------------------------- figures


@pytest.fixture
def plots():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.plots import idic as idic_plots
    from helpers.plots import use_style

    use_style()
    yield idic_plots
    plt.close("all")


def test_matrix_puts_each_point_where_its_numbers_say(plots):
    pts = pd.DataFrame(
        {"value": [0.74, 0.3], "needs": [0.27, 0.02], "proxy": [False, True]},
        index=["mall", "pump"],
    )
    ax = plots.peppers_rogers_matrix(pts, proxy_col="proxy")
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert [(m.get_xdata()[0], m.get_ydata()[0]) for m in markers] == [(0.27, 0.74), (0.02, 0.3)]
    assert markers[1].get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "One-to-one" in texts and "대량 마케팅" in texts
    with pytest.raises(ValueError, match="no column"):
        plots.peppers_rogers_matrix(pts, value_col="gini")


def test_concentration_curve_marks_the_top_share(plots):
    ax = plots.concentration_curves({"a": pd.Series([1.0, 1.0, 1.0, 1.0, 6.0])})
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert dots[0].get_ydata()[0] == pytest.approx(0.6)
    assert "60%" in ax.get_title(loc="left")


def test_targeting_curves_plot_gain_with_a_zero_line(plots):
    t = targeting_profit(
        [1, 0, 1, 0],
        [100.0, 0, 50.0, 0],
        [4, 3, 2, 1],
        cost_per_contact=10,
        margin=0.5,
        fractions=[0.5, 1.0],
        n_boot=20,
    )
    ax = plots.targeting_curves({"model": t}, gain=True, scale=1)
    assert ax.lines[0].get_ydata().tolist() == t["vs_everyone"].tolist()
    assert ax.get_ylabel().startswith("Gain")


def test_rating_shares_and_conversion_figures_show_the_data(plots):
    r = pd.DataFrame({"goods_type": ["e", "e", "s", "s"], "rating": [1, 5, 4, 4]})
    ax = plots.rating_shares(r)
    assert sorted(round(p.get_height(), 2) for p in ax.patches) == [0.0, 0.0, 0.0, 0.5, 0.5, 1.0]
    d = pd.DataFrame({"g": ["e"] * 4, "b": ["0", "0", "1+", "1+"], "purchased": [0, 1, 1, 1]})
    ax = plots.conversion_by_reviews(
        conversion_by_bucket(d, bucket_col="b", by="g"), group_level="g"
    )
    assert ax.lines[0].get_ydata().tolist() == [0.5, 1.0]


def test_quadrant_widget_redraws_when_a_line_moves(plots):
    pts = pd.DataFrame({"value": [0.6], "needs": [0.2]}, index=["x"])
    box = plots.quadrant_what_if(pts)
    value_line, out = box.children[0].children[0], box.children[1]
    assert "One-to-one" in out.outputs[0]["data"]["text/plain"]
    value_line.value = 0.7
    assert "Niche" in out.outputs[0]["data"]["text/plain"]
    assert len(out.outputs) == 1


def test_targeting_widget_redraws_when_cost_moves(plots):
    box = plots.targeting_what_if([1, 0, 0, 1], [100.0, 0, 0, 50.0], {"m": [4, 3, 2, 1]})
    cost, out = box.children[0].children[0], box.children[1]
    first = out.outputs[0]["data"]["text/plain"]
    cost.value = 1000.0
    assert out.outputs[0]["data"]["text/plain"] != first


# --------------------------------------------------------------------------- figures in Korean

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def _figure_texts(ax) -> list[str]:
    """Title, axis labels and legend entries of an Axes (what a reader sees as words)."""
    legend = ax.get_legend()
    entries = [t.get_text() for t in legend.get_texts()] if legend is not None else []
    title = [legend.get_title().get_text()] if legend is not None else []
    texts = [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel(), *entries, *title]
    return [t for t in texts if t]


def _idic_figures(plots) -> dict:
    """One small figure from each plot function of notebook 06, drawn in the current language."""
    decile = pd.DataFrame(
        {"uplift": [0.05, 0.01], "uplift_low": [0.03, -0.01], "uplift_high": [0.07, 0.03]},
        index=pd.Index([1, 2], name="decile"),
    )
    qini = pd.DataFrame({"share": [0, 0.5, 1.0], "qini": [0, 3.0, 2.0], "random": [0, 1.0, 2.0]})
    profit = pd.DataFrame(
        {
            "incremental_profit": [2e6, 1e6],
            "profit_low": [1e6, 0.0],
            "profit_high": [3e6, 2e6],
            "naive_profit": [4e6, 5e6],
        },
        index=pd.Index([0.5, 1.0], name="depth"),
    )
    reviews = pd.DataFrame(
        {"goods_type": ["experience", "experience", "search"], "rating": [1, 5, 4]}
    )
    conversion = pd.DataFrame(
        {"rate": [0.2, 0.3], "rate_low": [0.1, 0.2], "rate_high": [0.3, 0.4]},
        index=pd.MultiIndex.from_tuples(
            [("experience", "0"), ("experience", "1+")], names=["goods_type", "bucket"]
        ),
    )
    margins = pd.DataFrame(
        {
            "margin_per_contact": [50.0, 10.0],
            "margin_low": [40.0, 5.0],
            "margin_high": [60.0, 15.0],
        },
        index=pd.Index([1, 2], name="decile"),
    )
    targeting = targeting_profit(
        [1, 0, 1, 0],
        [100.0, 0, 50.0, 0],
        [4, 3, 2, 1],
        cost_per_contact=10,
        margin=0.5,
        fractions=[0.5, 1.0],
        n_boot=10,
    )
    return {
        "concentration": plots.concentration_curves({"Hanbit Mall": pd.Series([1.0, 2.0, 9.0])}),
        "matrix": plots.peppers_rogers_matrix(
            pd.DataFrame({"value": [0.8], "needs": [0.2]}, index=["Hanbit Mall"])
        ),
        "deciles": plots.uplift_deciles(
            {"uplift model": decile}, truth={"uplift model": [0.04, 0.0]}
        ),
        "qini": plots.qini_curves({"response model": qini}),
        "profit": plots.incremental_profit_curves(
            {"response model": profit}, naive="response model"
        ),
        "ratings": plots.rating_shares(reviews),
        "conversion": plots.conversion_by_reviews(conversion),
        "margins": plots.decile_margins(margins, costs={"SMS": 20}),
        "targeting": plots.targeting_curves({"response model": targeting}, scale=1),
    }


def test_figures_of_notebook_06_speak_korean_in_the_korean_edition(plots, language):
    language("ko")
    for name, ax in _idic_figures(plots).items():
        for text in _figure_texts(ax):
            assert HANGUL.search(text), f"{name}: {text!r} has no Korean in the Korean edition"
    matrix = _idic_figures(plots)["matrix"]
    words = " ".join(t.get_text() for t in matrix.texts)
    assert "일대일 마케팅" in words and "예: 주유소" in words and "한빛몰" in words
    assert "e.g." not in words


def test_figures_of_notebook_06_stay_english_in_the_english_edition(plots, language):
    language("en")
    figures = _idic_figures(plots)
    for name, ax in figures.items():
        title, xlabel, ylabel = _figure_texts(ax)[:3]
        for text in (title, xlabel.split("(")[0], ylabel.split("(")[0]):
            assert not HANGUL.search(text), (
                f"{name}: {text!r} is not English in the English edition"
            )
    assert figures["matrix"].get_xlabel() == "Needs differentiation (고객니즈 차별성): needs index"
    assert figures["ratings"].get_legend().get_title().get_text() == "goods type"
    assert [t.get_text() for t in figures["qini"].get_legend().get_texts()] == [
        "response model",
        "random targeting",
    ]


def test_widgets_of_notebook_06_speak_the_readers_language(plots, language):
    pts = pd.DataFrame({"value": [0.6], "needs": [0.2]}, index=["Hanbit Mall"])
    language("ko")
    box = plots.quadrant_what_if(pts)
    sliders, out = box.children[0].children, box.children[1]
    assert [s.description for s in sliders] == ["가치 기준선", "니즈 기준선"]
    shown = out.outputs[0]["data"]["text/plain"]
    assert "일대일 마케팅" in shown and "한빛몰" in shown and "전략" in shown
    box = plots.targeting_what_if([1, 0, 0, 1], [100.0, 0, 0, 50.0], {"m": [4, 3, 2, 1]})
    assert [s.description for s in box.children[0].children] == ["접촉당 비용", "마진율"]
    language("en")
    box = plots.quadrant_what_if(pts)
    assert [s.description for s in box.children[0].children] == ["Value line", "Needs line"]
    assert "One-to-one" in box.children[1].outputs[0]["data"]["text/plain"]


def test_korean_figure_titles_are_polite_statements(plots, language):
    language("ko")
    figures = _idic_figures(plots)
    for name in ("concentration", "ratings", "conversion", "margins"):
        title = figures[name].get_title(loc="left")
        assert title.endswith("니다"), f"{name}: {title!r} is not in 합니다체"
    assert figures["concentration"].get_title(loc="left").startswith("상위 20% 고객이 가치의")


def test_table_labels_of_notebook_06_in_the_readers_language(plots, language):
    frame = pd.DataFrame(
        {"value": [0.8], "quadrant": ["one-to-one"]}, index=pd.Index(["uplift model"])
    )
    language("en")
    shown = frame.rename(index=plots.display_name, columns=plots.display_name)
    assert shown.equals(frame)
    language("ko")
    shown = frame.rename(index=plots.display_name, columns=plots.display_name)
    assert shown.index.tolist() == ["증분 효과 모형"] and shown.columns.tolist() == [
        "가치",
        "사분면",
    ]
    assert plots.display_name("sure_thing") == "확실한 구매 고객"
    assert plots.display_name("not a known label") == "not a known label"


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=6), min_size=3, max_size=3),
        min_size=4,
        max_size=20,
    )
)
def test_needs_index_is_at_most_one_and_ignores_category_order(rows):
    counts = pd.DataFrame(rows, columns=list("abc"))
    if (counts.sum(axis=1) >= 3).sum() < 2 or (counts.sum(axis=0) > 0).sum() < 2:
        return
    s = needs_differentiation(counts, n_null=5)
    assert s["needs_index"] <= 1 + 1e-9
    assert 0 <= s["mi_noise"] <= s["category_entropy"] + 1e-9
    swapped = needs_differentiation(counts[["c", "a", "b"]], n_null=5)
    assert swapped["mutual_information"] == pytest.approx(s["mutual_information"])


# --------------------------------------------------------------------------- exercise hints


def test_exercise_06_hints_name_the_misconception():
    from helpers.checks import verify
    from helpers.data import load_cdnow

    values = load_cdnow("master").groupby("customer_id")["amount"].sum()
    share = top_share(values, 0.2)
    assert verify("06.1", share).correct
    assert "percentage" in verify("06.1", 100 * share).message
    assert "bottom" in verify("06.1", 1 - top_share(values, 0.8)).message
    assert "products" in verify("06.2", "value-based").message
    assert verify("06.2", "One to one").correct
    assert "one of" in verify("06.2", "big").message
    assert verify("06.4", "carrier pigeon").status == "wrong"
    assert verify("06.5", "0.5").status == "wrong"


def test_exercise_06_3_depth_and_its_slips():
    from helpers.checks import verify
    from helpers.exercises.ex06 import _depths

    r = _depths()
    assert verify("06.3", r["right"]).correct
    assert "value axis" in verify("06.2", "niche").message
    if r["naive"] != r["right"]:
        assert "naive" in verify("06.3", r["naive"]).message
    if r["right"] > 0:
        assert "deciles" in verify("06.3", 10 * r["right"]).message
    else:
        assert "not to mail" in verify("06.3", r["best_even_if_losing"]).message
    assert not verify("06.3", 1.5).correct


def test_exercise_06_4_and_06_5_accept_the_answer_and_name_the_slips():
    from helpers.checks import verify
    from helpers.exercises.ex06 import _content_sizes, _review_slopes

    n = _content_sizes()
    assert verify("06.4", n["right"]).correct
    assert "both arms" in verify("06.4", 2 * n["right"]).message
    assert "half" in verify("06.4", n["full"]).message
    s = _review_slopes()
    assert verify("06.5", round(s["right"], 2)).correct
    assert "pooled" in verify("06.5", s["pooled"]).message
    assert "percentage points" in verify("06.5", s["right"] / 100).message
    assert not verify("06.5", s["right"] + 0.05).correct


# --------------------------------------------------------------------------- within-product effect


def test_within_product_effect_equals_product_dummies_and_removes_a_quality_confound():
    import statsmodels.formula.api as smf

    from helpers.goods import within_product_effect

    rng = np.random.default_rng(4)
    n_prod, per = 30, 200
    quality = rng.normal(size=n_prod)
    prod = np.repeat(np.arange(n_prod), per)
    t = np.tile(np.arange(per), n_prod)
    # better products collect reviews faster; reviews themselves do nothing
    reviews = np.log2(1 + t * np.exp(quality[prod]) / 10)
    p = 0.03 + 0.10 * (quality[prod] > 0)
    d = pd.DataFrame(
        {
            "product_id": prod,
            "log2_reviews": reviews,
            "bought": (rng.random(len(prod)) < p).astype(float),
            "weight": rng.choice([1.0, 10.0], len(prod)),
        }
    )
    before = d.copy()
    out = within_product_effect(
        d, outcome_col="bought", x_cols=["log2_reviews"], weight_col="weight"
    )
    pd.testing.assert_frame_equal(d, before)
    dummies = smf.wls("bought ~ log2_reviews + C(product_id)", data=d, weights=d["weight"]).fit()
    assert out.loc["log2_reviews", "within"] == pytest.approx(dummies.params["log2_reviews"])
    import statsmodels.api as sm

    pooled = sm.WLS(d["bought"], sm.add_constant(d[["log2_reviews"]]), weights=d["weight"]).fit(
        cov_type="cluster", cov_kwds={"groups": d["product_id"]}
    )
    half = out.loc["log2_reviews", "pooled_high"] - out.loc["log2_reviews", "pooled"]
    assert out.loc["log2_reviews", "pooled"] == pytest.approx(pooled.params["log2_reviews"])
    assert half == pytest.approx(1.959964 * pooled.bse["log2_reviews"], rel=1e-4)
    assert out.loc["log2_reviews", "pooled"] > 0.005  # the confound
    assert out.loc["log2_reviews", "within_low"] < 0 < out.loc["log2_reviews", "within_high"]
    assert out.loc["log2_reviews", "groups"] == n_prod


def test_within_product_effect_by_group_and_bad_input():
    from helpers.goods import within_product_effect

    d = pd.DataFrame(
        {
            "product_id": [1, 1, 2, 2] * 2,
            "kind": ["a"] * 4 + ["b"] * 4,
            "x": [0.0, 1, 0, 1, 0, 1, 0, 1],
            "y": [0, 1, 0, 1, 1, 0, 1, 0],
        }
    )
    out = within_product_effect(d, outcome_col="y", x_cols=["x"], by="kind")
    assert out.loc[("a", "x"), "within"] == pytest.approx(1.0)
    assert out.loc[("b", "x"), "within"] == pytest.approx(-1.0)
    with pytest.raises(TypeError, match="x_cols"):
        within_product_effect(d, outcome_col="y", x_cols="x")
    with pytest.raises(ValueError, match="nope"):
        within_product_effect(d, outcome_col="y", x_cols=["nope"])
    with pytest.raises(ValueError, match="missing"):
        within_product_effect(d.assign(x=[np.nan] + [1.0] * 7), outcome_col="y", x_cols=["x"])
    with pytest.raises(TypeError, match="numeric"):
        within_product_effect(d.assign(x="a"), outcome_col="y", x_cols=["x"])


def test_conversion_by_bucket_weights_sessions():
    d = pd.DataFrame({"b": ["x", "x", "x"], "purchased": [1, 0, 0], "w": [1.0, 10.0, 10.0]})
    out = conversion_by_bucket(d, bucket_col="b", weight_col="w")
    assert out.loc["x", "rate"] == pytest.approx(1 / 21)
    assert out.loc["x", "sessions"] == 21
    assert out.loc["x", "rate_low"] < out.loc["x", "rate"] < out.loc["x", "rate_high"]
    with pytest.raises(ValueError, match="positive"):
        conversion_by_bucket(d.assign(w=[1.0, 0.0, 1.0]), bucket_col="b", weight_col="w")


def test_within_product_effect_time_effects_remove_a_shop_wide_trend():
    from helpers.goods import within_product_effect

    rng = np.random.default_rng(8)
    n_prod, per = 20, 300
    prod = np.repeat(np.arange(n_prod), per)
    month = np.tile(np.repeat(np.arange(12), per // 12), n_prod)
    reviews = np.log2(1 + month * 3 + rng.integers(0, 3, len(prod)))  # reviews grow with time
    p = 0.02 + 0.004 * month  # conversion grows with time, not with reviews
    d = pd.DataFrame(
        {
            "product_id": prod,
            "month": month,
            "log2_reviews": reviews,
            "bought": (rng.random(len(prod)) < p).astype(float),
        }
    )
    plain = within_product_effect(d, outcome_col="bought", x_cols=["log2_reviews"])
    timed = within_product_effect(
        d, outcome_col="bought", x_cols=["log2_reviews"], time_col="month"
    )
    assert plain.loc["log2_reviews", "within_low"] > 0  # the trend passes for an effect
    assert timed.loc["log2_reviews", "within_low"] < 0 < timed.loc["log2_reviews", "within_high"]
    with pytest.raises(ValueError, match="when"):
        within_product_effect(d, outcome_col="bought", x_cols=["log2_reviews"], time_col="when")
