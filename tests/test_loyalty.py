"""helpers.loyalty: the cohort profit model, break-even tenure, and loyalty measured in transactions."""

from __future__ import annotations

import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.loyalty import (
    COMPONENTS,
    CohortModel,
    break_even_months,
    break_even_table,
    cohort_retention,
    cumulative_profit_by_month,
    effect_grid,
    loyalty_ratio,
    repeat_purchase_rate,
    retention_effect,
    scenario_table,
    spend_by_tenure,
)

matplotlib.use("Agg")

# A model whose customers earn a flat profit: the formulas reduce to textbook sums.
FLAT = dict(margin_growth=0.0, serve_cost=0.0, referral_profit=0.0, price_premium=0.0)


# ---------------------------------------------------------------------------------------------
# Hand-computed cohort cases


def test_one_year_profit_is_discounted_once():
    m = CohortModel(
        retention=0.0, years=1, acquisition_cost=0, base_profit=11, discount_rate=0.1, **FLAT
    )
    assert m.npv_per_customer() == pytest.approx(10.0)


def test_two_year_flat_cohort_matches_hand_sum():
    # -A + p/(1+d) + r p/(1+d)^2 with A=20, p=30, r=0.5, d=0.2
    m = CohortModel(
        retention=0.5, years=2, acquisition_cost=20, base_profit=30, discount_rate=0.2, **FLAT
    )
    assert m.npv_per_customer() == pytest.approx(-20 + 30 / 1.2 + 0.5 * 30 / 1.44)
    assert m.npv() == pytest.approx(1000 * m.npv_per_customer())


def test_profit_components_of_year_three_match_the_formulas():
    m = CohortModel(
        base_profit=40,
        margin_growth=0.08,
        serve_cost=15,
        serve_cost_decline=0.2,
        referral_profit=3,
        price_premium=2,
    )
    row = m.profit_per_customer().loc[3]  # two completed years of tenure
    assert row["base_profit"] == pytest.approx(40)
    assert row["revenue_growth"] == pytest.approx(40 * (1.08**2 - 1))
    assert row["cost_savings"] == pytest.approx(15 * (1 - 0.8**2))
    assert row["referrals"] == pytest.approx(6)
    assert row["price_premium"] == pytest.approx(4)
    assert row["total"] == pytest.approx(40 + 6.656 + 5.4 + 6 + 4)


def test_year_zero_holds_only_the_acquisition_cost():
    row = CohortModel(acquisition_cost=123).profit_per_customer().loc[0]
    assert row["acquisition"] == -123
    assert (row[list(COMPONENTS)] == 0).all()


def test_first_year_has_no_tenure_bonuses():
    row = CohortModel().profit_per_customer().loc[1]
    assert row[["revenue_growth", "cost_savings", "referrals", "price_premium"]].sum() == 0


def test_cohort_table_survivors_and_cumulative_npv():
    m = CohortModel(retention=0.6, years=4, customers=500)
    t = m.table()
    assert t["survivors"].tolist() == pytest.approx([500, 500, 300, 180, 108])
    assert t["cumulative_npv"].iloc[-1] == pytest.approx(m.npv())
    assert t["discount_factor"].loc[2] == pytest.approx(1 / 1.1**2)


def test_retention_effect_hand_case():
    # flat p=10, no acquisition cost, no discount, 2 years: NPV = 10 + 10 r
    m = CohortModel(
        retention=0.5, years=2, acquisition_cost=0, base_profit=10, discount_rate=0.0, **FLAT
    )
    assert retention_effect(m) == pytest.approx(15.5 / 15 - 1)


def test_retention_effect_adds_points_not_percent():
    m = CohortModel(retention=0.8)
    up = m.replace(retention=0.85).npv_per_customer() / m.npv_per_customer() - 1
    assert retention_effect(m, 0.05) == pytest.approx(up)


def test_retention_effect_is_nan_when_base_npv_not_positive():
    m = CohortModel(retention=0.3, acquisition_cost=500)
    assert m.npv_per_customer() < 0
    assert math.isnan(retention_effect(m))


def test_flat_perpetuity_effect_matches_closed_form():
    # no acquisition cost, long horizon: NPV -> p / (1 + d - r); effect -> (1+d-r)/(1+d-r-0.05) - 1
    m = CohortModel(retention=0.7, years=400, acquisition_cost=0, discount_rate=0.1, **FLAT)
    assert retention_effect(m) == pytest.approx(0.4 / 0.35 - 1, rel=1e-9)


def test_effect_grid_matches_retention_effect_cell_by_cell():
    m = CohortModel()
    g = effect_grid(m, ("retention", [0.6, 0.8]), ("discount_rate", [0.05, 0.15]))
    for r in (0.6, 0.8):
        for d in (0.05, 0.15):
            expected = retention_effect(m.replace(retention=r, discount_rate=d))
            got = g.loc[r, d]
            assert (math.isnan(expected) and math.isnan(got)) or got == pytest.approx(expected)
    assert g.index.name == "retention" and g.columns.name == "discount_rate"


def test_effect_grid_marks_unprofitable_cells_nan():
    g = effect_grid(
        CohortModel(acquisition_cost=1000), ("retention", [0.1]), ("margin_growth", [0.0])
    )
    assert g.isna().all().all()


# ---------------------------------------------------------------------------------------------
# Break-even tenure


def test_break_even_months_hand_case():
    # 12 per year, no discount: 1 per month
    m = CohortModel(base_profit=12, discount_rate=0.0, years=2, acquisition_cost=5, **FLAT)
    assert break_even_months(m) == 5
    assert break_even_months(m, 0) == 0
    assert break_even_months(m, 24) == 24
    assert break_even_months(m, 24.5) == math.inf
    assert break_even_months(m, [5, 7]).tolist() == [5, 7]


def test_discounting_lengthens_break_even():
    m = CohortModel(base_profit=12, years=3, acquisition_cost=12, **FLAT)
    assert break_even_months(m.replace(discount_rate=0.0)) == 12
    assert break_even_months(m.replace(discount_rate=0.2)) > 12


def test_expected_break_even_uses_survival():
    m = CohortModel(
        base_profit=12, discount_rate=0.0, years=3, retention=0.5, acquisition_cost=15, **FLAT
    )
    # staying customer: 15 months; expected: 12 in year 1, then 0.5 per month -> 12 + 6 = 18
    assert break_even_months(m) == 15
    assert break_even_months(m, expected=True) == 18


def test_break_even_table_markups():
    m = CohortModel(base_profit=12, discount_rate=0.0, years=5, acquisition_cost=10, **FLAT)
    t = break_even_table(m, [0.0, 0.2, 0.4])
    assert t["acquisition_cost"].tolist() == pytest.approx([10, 12, 14])
    assert t["months"].tolist() == [10, 12, 14]
    assert t["extra_months"].tolist() == [0, 2, 4]


def test_cumulative_profit_by_month_reaches_the_discounted_annual_sum():
    m = CohortModel(base_profit=12, discount_rate=0.0, years=2, **FLAT)
    s = cumulative_profit_by_month(m)
    assert s.index[-1] == 24 and s.iloc[0] == 0 and s.loc[24] == pytest.approx(24)


def test_scenario_table_rows():
    t = scenario_table(CohortModel(), {"base": {}, "online": {"acquisition_cost": 130}})
    assert list(t.index) == ["base", "online"]
    assert t.loc["online", "break_even_months"] > t.loc["base", "break_even_months"]
    assert t.loc["base", "effect_5pts"] == pytest.approx(retention_effect(CohortModel()))


def test_scenario_table_payback_of_a_stayer_ignores_retention_but_the_average_customer_does_not():
    t = scenario_table(CohortModel(), {"base": {}, "loyal": {"retention": 0.9}})
    assert t.loc["loyal", "break_even_months"] == t.loc["base", "break_even_months"]
    assert t.loc["loyal", "expected_months"] < t.loc["base", "expected_months"]
    assert t.loc["base", "expected_months"] == break_even_months(CohortModel(), expected=True)


# ---------------------------------------------------------------------------------------------
# Properties

positive_model = st.builds(
    CohortModel,
    retention=st.floats(0.0, 0.9),
    acquisition_cost=st.floats(0, 500),
    base_profit=st.floats(1, 200),
    margin_growth=st.floats(0, 0.3),
    serve_cost=st.floats(0, 50),
    serve_cost_decline=st.floats(0, 1),
    referral_profit=st.floats(0, 10),
    price_premium=st.floats(0, 10),
    discount_rate=st.floats(0, 0.3),
    years=st.integers(2, 30),
)


@settings(max_examples=60, deadline=None)
@given(m=positive_model, step=st.floats(0.001, 0.09))
def test_npv_increases_with_retention_when_profit_is_positive(m, step):
    assert m.replace(retention=m.retention + step).npv_per_customer() > m.npv_per_customer()


@settings(max_examples=60, deadline=None)
@given(m=positive_model, a=st.floats(0, 2000), b=st.floats(0, 2000), expected=st.booleans())
def test_break_even_is_weakly_increasing_in_acquisition_cost(m, a, b, expected):
    lo, hi = sorted((a, b))
    assert break_even_months(m, lo, expected=expected) <= break_even_months(
        m, hi, expected=expected
    )


@settings(max_examples=40, deadline=None)
@given(m=positive_model)
def test_npv_is_the_discounted_sum_of_the_table(m):
    t = m.table()
    assert t["discounted_profit"].sum() == pytest.approx(m.npv(), rel=1e-9, abs=1e-6)


# ---------------------------------------------------------------------------------------------
# Bad inputs


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"retention": 1.0}, "retention"),
        ({"retention": -0.1}, "retention"),
        ({"retention": 1.5}, "retention"),
        ({"discount_rate": -0.01}, "discount_rate"),
        ({"acquisition_cost": -1}, "acquisition_cost"),
        ({"serve_cost_decline": 1.5}, "serve_cost_decline"),
        ({"margin_growth": -1.0}, "margin_growth"),
        ({"years": 0}, "years"),
        ({"customers": 0}, "customers"),
        ({"base_profit": float("nan")}, "base_profit"),
    ],
)
def test_bad_parameters_raise_value_error_naming_them(kwargs, match):
    with pytest.raises(ValueError, match=match):
        CohortModel(**kwargs)


@pytest.mark.parametrize("kwargs", [{"retention": "0.8"}, {"years": 2.5}, {"discount_rate": True}])
def test_wrong_types_raise_type_error(kwargs):
    with pytest.raises(TypeError, match=next(iter(kwargs))):
        CohortModel(**kwargs)


def test_retention_effect_cannot_push_retention_to_one():
    with pytest.raises(ValueError, match="retention"):
        retention_effect(CohortModel(retention=0.96))


def test_effect_grid_bad_axes():
    m = CohortModel()
    with pytest.raises(ValueError, match="grid parameter"):
        effect_grid(m, ("loyalty", [1]), ("retention", [0.5]))
    with pytest.raises(ValueError, match="different"):
        effect_grid(m, ("retention", [0.5]), ("retention", [0.6]))
    with pytest.raises(ValueError, match="discount_rate"):
        effect_grid(m, ("retention", [0.5]), ("discount_rate", [-0.1]))
    with pytest.raises(TypeError, match="retention"):
        effect_grid(m, ("retention", ["a"]), ("discount_rate", [0.1]))


def test_replace_rejects_unknown_parameters():
    with pytest.raises(TypeError, match="loyalty"):
        CohortModel().replace(loyalty=1)


def test_functions_reject_non_models():
    with pytest.raises(TypeError, match="model"):
        retention_effect({"retention": 0.8})
    with pytest.raises(ValueError, match="acquisition_cost"):
        break_even_months(CohortModel(), -5)
    with pytest.raises(ValueError, match="markups"):
        break_even_table(CohortModel(), [-1.0])


# ---------------------------------------------------------------------------------------------
# Loyalty measured in transactions


def _orders(rows):
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"]).assign(
        order_date=lambda d: pd.to_datetime(d["order_date"])
    )


STAY = _orders(
    [
        (1, "2020-01-01", 10.0),  # month 0
        (1, "2020-03-15", 20.0),  # month 2
        (1, "2022-02-10", 70.0),  # month 25
        (2, "2020-01-10", 50.0),  # month 0, never again: observed but not a stayer
        (3, "2022-06-01", 5.0),  # too recent: not observed 30 months
        (4, "2020-02-01", 40.0),  # month 0
        (4, "2022-07-20", 100.0),  # month 29
    ]
)


def test_loyalty_ratio_hand_case():
    res = loyalty_ratio(STAY, as_of="2023-01-01")
    assert res["customers_observed"] == 3  # 1, 2 and 4
    assert res["customers"] == 2  # 1 and 4 are active in months 24-29
    assert res["spend_early"] == pytest.approx((30 + 40) / 2)
    assert res["spend_late"] == pytest.approx((70 + 100) / 2)
    assert res["ratio"] == pytest.approx(170 / 70)
    assert res["orders_early"] == pytest.approx(3 / 2) and res["orders_late"] == pytest.approx(1)
    assert res["order_value_early"] == pytest.approx(70 / 3)
    assert res["order_value_late"] == pytest.approx(85)
    ratio_of_factors = (res["orders_late"] / res["orders_early"]) * (
        res["order_value_late"] / res["order_value_early"]
    )
    assert ratio_of_factors == pytest.approx(res["ratio"])


def test_loyalty_ratio_without_stayer_filter_includes_the_lapsed():
    res = loyalty_ratio(STAY, as_of="2023-01-01", stayers_only=False)
    assert res["customers"] == 3
    assert res["ratio"] == pytest.approx(170 / 120)


def test_loyalty_ratio_does_not_mutate_input():
    before = STAY.copy()
    loyalty_ratio(STAY, as_of="2023-01-01")
    pd.testing.assert_frame_equal(STAY, before)


def test_spend_by_tenure_counts_only_observed_customers():
    o = _orders([(1, "2024-01-01", 10.0), (1, "2024-02-15", 30.0), (2, "2024-02-20", 7.0)])
    t = spend_by_tenure(o, as_of="2024-03-05")
    # customer 1 observed 2 full months, customer 2 none
    assert t.index.tolist() == [0, 1]
    assert t["customers"].tolist() == [1, 1]
    assert t["spend"].tolist() == [10.0, 30.0]


def test_spend_by_tenure_with_signup_start_counts_inactive_customers():
    o = _orders([(1, "2024-01-05", 10.0)])
    start = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-01"]), index=[1, 2])
    t = spend_by_tenure(o, start=start, as_of="2024-03-05")
    assert t.loc[0, "customers"] == 2 and t.loc[0, "active"] == 1
    assert t.loc[0, "spend_per_customer"] == pytest.approx(5.0)
    assert t.loc[1, "active"] == 0


def test_spend_by_tenure_balanced_panel():
    t = spend_by_tenure(STAY, as_of="2023-01-01", min_months=30)
    assert t.index.max() == 29 and (t["customers"] == 3).all()


def test_cohort_retention_hand_case():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3],
            "order_date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-02-01", "2024-05-01"]),
        }
    )
    t = cohort_retention(o, as_of="2024-07-01")
    assert t.loc["2024Q1", "customers"] == 2
    assert t.loc["2024Q1", 0] == 1.0 and t.loc["2024Q1", 1] == 0.5
    assert t.loc["2024Q2", 0] == 1.0 and math.isnan(t.loc["2024Q2", 1])  # Q3 not observed yet


def test_cohort_retention_with_signups_without_orders():
    o = pd.DataFrame({"customer_id": [1], "order_date": pd.to_datetime(["2024-05-01"])})
    start = pd.Series(pd.to_datetime(["2024-01-10", "2024-02-01"]), index=[1, 2])
    t = cohort_retention(o, start=start, as_of="2024-07-01")
    assert t.loc["2024Q1"].tolist() == [2, 0.0, 0.5]


def test_repeat_purchase_rate_counts_days_not_lines():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 2],
            "order_date": pd.to_datetime(["2024-01-05", "2024-01-05", "2024-01-06", "2024-03-01"]),
        }
    )
    t = repeat_purchase_rate(o)
    assert t.loc["all"].tolist() == [2, 1, 0.5]


def test_repeat_purchase_rate_within_days_and_by_cohort():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 2, 3],
            "order_date": pd.to_datetime(
                ["2024-01-05", "2024-01-20", "2024-02-01", "2024-06-01", "2024-06-25"]
            ),
        }
    )
    t = repeat_purchase_rate(o, within_days=30, freq="M", as_of="2024-07-01")
    assert t.index.tolist() == ["2024-01", "2024-02"]  # customer 3 not observed 30 days
    assert t["repeat_rate"].tolist() == [1.0, 0.0]


def test_repeat_purchase_rate_with_order_ids_counts_same_day_orders():
    o = pd.DataFrame(
        {
            "customer_id": [1, 1],
            "order_date": pd.to_datetime(["2024-01-05"] * 2),
            "order_id": ["a", "b"],
        }
    )
    assert repeat_purchase_rate(o, order_col="order_id")["repeat_rate"].iloc[0] == 1.0
    assert repeat_purchase_rate(o)["repeat_rate"].iloc[0] == 0.0


@pytest.mark.parametrize(
    "frame, kwargs, error, match",
    [
        (STAY.drop(columns="amount"), {}, ValueError, "amount"),
        (STAY.assign(amount="x"), {}, TypeError, "amount"),
        (STAY.assign(order_date="not a date"), {}, ValueError, "order_date"),
        (STAY.assign(order_date=pd.NaT), {}, ValueError, "order_date"),
        (STAY.assign(customer_id=np.nan), {}, ValueError, "customer_id"),
        (STAY.iloc[:0], {}, ValueError, "empty"),
        (STAY, {"as_of": "2021-01-01"}, ValueError, "as_of"),
        (STAY, {"early": (6, 0)}, ValueError, "early"),
        ([1, 2], {}, TypeError, "DataFrame"),
    ],
)
def test_loyalty_ratio_bad_input(frame, kwargs, error, match):
    with pytest.raises(error, match=match):
        loyalty_ratio(frame, **kwargs)


def test_start_dates_must_cover_and_precede_orders():
    start = pd.Series(pd.to_datetime(["2020-01-01"]), index=[1])
    with pytest.raises(ValueError, match="start"):
        spend_by_tenure(STAY, start=start)
    late = pd.Series(pd.to_datetime(["2021-01-01"] * 4), index=[1, 2, 3, 4])
    with pytest.raises(ValueError, match="before their customer's start"):
        spend_by_tenure(STAY, start=late)


def test_cohort_retention_and_repeat_rate_bad_freq():
    with pytest.raises(ValueError, match="freq"):
        cohort_retention(STAY, freq="W")
    with pytest.raises(ValueError, match="freq"):
        repeat_purchase_rate(STAY, freq="Y")
    with pytest.raises(ValueError, match="within_days"):
        repeat_purchase_rate(STAY, within_days=0)


# ---------------------------------------------------------------------------------------------
# Figures show what they claim


def test_profit_stack_bars_are_the_model_components():
    from helpers.plots.loyalty import profit_stack

    m = CohortModel()
    ax = profit_stack(m, years=3, title="t")
    heights = [p.get_height() for p in ax.patches]
    table = m.profit_per_customer().loc[:3]
    expected = table["acquisition"].tolist()
    for name in COMPONENTS:
        expected += table[name].tolist()
    assert heights == pytest.approx(expected)
    assert ax.get_title(loc="left") == "t"


def test_effect_heatmap_labels_cells():
    from helpers.plots.loyalty import effect_heatmap

    g = effect_grid(CohortModel(), ("retention", [0.5, 0.8]), ("acquisition_cost", [0.0, 300.0]))
    ax = effect_heatmap(g, title="t", row_label="Retention", col_label="Cost", col_fmt="{:,.0f}")
    texts = {t.get_text() for t in ax.texts}
    assert f"{g.loc[0.8, 0.0]:.0%}" in texts and "NPV≤0" in texts
    assert ax.get_ylabel() == "Retention"


def test_effect_heatmap_band_edges_follow_cell_borders():
    from helpers.plots.loyalty import effect_heatmap

    # inside the band: only the top-left cell (row 1 = second row, column 0)
    g = pd.DataFrame([[0.1, 0.2], [0.5, np.nan]], index=[0.6, 0.7], columns=[0.0, 0.1])
    ax = effect_heatmap(g, title="t", row_label="r", col_label="c")
    segments = {
        tuple(map(tuple, np.round(seg, 2).tolist())) for seg in ax.collections[-1].get_segments()
    }
    # its right border (x = 0.5) and its lower border (y = 0.5), nothing else
    assert segments == {((0.5, 0.5), (0.5, 1.5)), ((-0.5, 0.5), (0.5, 0.5))}


def test_break_even_chart_marks_each_cost():
    from helpers.plots.loyalty import break_even_chart

    ax = break_even_chart(CohortModel(), [0.0, 0.2, 0.4], title="t")
    labels = ax.get_legend_handles_labels()[1]
    months = break_even_table(CohortModel())["months"].tolist()
    for mk, mo in zip(["baseline", "+20%", "+40%"], months, strict=True):
        assert any(lab.startswith(mk) and f"{mo:.0f} months" in lab for lab in labels)


def test_what_if_widget_updates_its_table_when_a_slider_moves():
    from helpers.plots.loyalty import what_if

    box = what_if(CohortModel())
    sliders, out = box.children[0].children, box.children[1]
    assert [s.description for s in sliders] == [
        "Retention",
        "Margin growth",
        "Acq. cost",
        "Discount",
    ]
    first = out.outputs[0]["data"]["text/plain"]
    sliders[2].value = 200.0  # acquisition cost
    second = out.outputs[0]["data"]["text/plain"]
    assert first != second and "200" in second
    assert len(out.outputs) == 2  # the table and the figure, replaced rather than appended
    sliders[0].value = 0.30  # retention so low that the average customer never pays back 200
    third = out.outputs[0]["data"]["text/plain"]
    assert "never" in third and "NPV ≤ 0" in third


# ---------------------------------------------------------------------------------------------
# Figures speak the reader's language: Korean in the Korean edition, English otherwise

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(params=["en", "ko"])
def language(request):
    from helpers.language import set_language

    set_language(request.param)
    try:
        yield request.param
    finally:
        set_language(None)


def _figure_texts(ax) -> list[str]:
    """Axis labels, legend entries and legend title a plot function wrote itself."""
    legend = ax.get_legend()
    texts = [ax.get_xlabel(), ax.get_ylabel()]
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    return [t for t in texts if t]


def test_profit_stack_labels_speak_the_readers_language(language):
    from helpers.plots.loyalty import profit_stack

    ax = profit_stack(CohortModel(), years=3, title="t")
    if language == "ko":
        assert ax.get_xlabel() == "관계 연차(년)"
        assert ax.get_ylabel() == "고객 한 사람당 이익(천 원)"
        assert "신규고객 획득비용" in ax.get_legend_handles_labels()[1]
    else:
        assert ax.get_xlabel() == "Year of the relationship"
        assert ax.get_ylabel() == "Profit per customer (thousand KRW)"
        assert "Acquisition cost (획득비용)" in ax.get_legend_handles_labels()[1]


def test_every_loyalty_figure_labels_itself_in_the_readers_language(language):
    from helpers.plots.loyalty import (
        break_even_chart,
        cohort_revenue_chart,
        effect_heatmap,
        retention_curves,
        second_purchase_chart,
        tenure_spend_chart,
    )

    grid = effect_grid(CohortModel(), ("retention", [0.7, 0.8]), ("margin_growth", [0.0, 0.1]))
    cohorts = pd.DataFrame(
        {"customers": [2], 0: [1.0], 1: [0.5]}, index=pd.Index(["2024Q1"], name="cohort")
    )
    curve = pd.DataFrame({"repeated": [0.0, 0.5]}, index=pd.RangeIndex(2, name="day"))
    spend = pd.DataFrame(
        {"spend_per_customer": np.ones(30)}, index=pd.RangeIndex(30, name="tenure_month")
    )
    revenue = pd.DataFrame({"2022": [1e6, 1e6], "2023": [0.0, 2e6]}, index=["2022Q4", "2023Q1"])
    axes = {
        "heatmap": effect_heatmap(grid, title="t", row_label="r", col_label="c"),
        "break-even": break_even_chart(CohortModel(), title="t"),
        "tenure": tenure_spend_chart(spend, title="t", ylabel="y"),
        "retention": retention_curves(cohorts, title="t", xlabel="x"),
        "second purchase": second_purchase_chart({"shop": curve}, title="t"),
        "layer cake": cohort_revenue_chart(revenue, title="t"),
    }
    given = {"t", "r", "c", "x", "y", "shop", "2022", "2023", "2024Q1"}  # passed in, not written
    for name, ax in axes.items():
        own = [t for t in _figure_texts(ax) if t not in given]
        if name == "heatmap":  # the colour bar carries the heat map's own label
            own.append(ax.figure.axes[-1].get_ylabel())
        assert own, f"{name}: no label of its own"
        for text in own:
            if language == "ko":
                assert HANGUL.search(text), f"{name}: {text!r} is not Korean"
            else:
                assert not HANGUL.search(text), f"{name}: {text!r} is not English"
    if language == "ko":  # the default label of the cost without markup
        assert any(t.startswith("기준:") for t in _figure_texts(axes["break-even"]))


def test_what_if_sliders_and_table_speak_korean_in_the_korean_edition():
    from helpers.language import set_language
    from helpers.plots.loyalty import what_if

    set_language("ko")
    try:
        box = what_if(CohortModel())
    finally:
        set_language(None)
    sliders, out = box.children[0].children, box.children[1]
    assert [s.description for s in sliders] == ["유지율", "마진 증가율", "획득비용", "할인율"]
    table = out.outputs[0]["data"]["text/plain"]
    assert "기본 시나리오" in table and "고객 한 사람당 NPV(천 원)" in table
    assert "base case" not in table and "NPV per customer" not in table


# ---------------------------------------------------------------------------------------------
# Exercise checkers of notebook 01: right answers pass, typical wrong ones get their own hint


@pytest.mark.parametrize(
    "key, transform, phrase",
    [
        ("effect", lambda v: v, None),
        ("effect", lambda v: v / 100, "fraction"),
        ("relative_5pct", lambda v: v, "percentage *points*"),
        ("ratio", lambda v: v, "ratio minus 1"),
        ("abs_change", lambda v: v, "divide it by the base NPV"),
        ("gross", lambda v: v, "acquisition cost"),
        ("notebook_base", lambda v: v, "base case"),
        ("effect", round, "rounded too much"),
    ],
)
def test_exercise_01_1_hints(key, transform, phrase):
    from helpers.checks import verify
    from helpers.exercises import ex01

    verdict = verify("01.1", transform(ex01._ex1()[key]))
    assert (
        verdict.correct if phrase is None else (not verdict.correct and phrase in verdict.message)
    )


@pytest.mark.parametrize(
    "key, transform, phrase",
    [
        ("months", lambda v: v, None),
        ("months", lambda v: v / 12, "years"),
        ("baseline", lambda v: v, "base cost"),
        ("undiscounted", lambda v: v, "discount"),
        ("expected", lambda v: v, "*stay*"),
        ("plus20", lambda v: v, "between them"),
        ("plus40", lambda v: v, "between them"),
        ("months", lambda v: v + 0.5, "whole number of months"),
    ],
)
def test_exercise_01_2_hints(key, transform, phrase):
    from helpers.checks import verify
    from helpers.exercises import ex01

    verdict = verify("01.2", transform(ex01._ex2()[key]))
    assert (
        verdict.correct if phrase is None else (not verdict.correct and phrase in verdict.message)
    )


def test_exercise_01_3_and_01_4_hints():
    from helpers.checks import verify
    from helpers.exercises import ex01

    e3, e4 = ex01._ex3(), ex01._ex4()
    assert verify("01.3", round(e3["ratio"], 2)).correct
    assert "late (months 18–23) over early" in verify("01.3", 1 / e3["ratio"]).message
    assert "*stay*" in verify("01.3", e3["everyone"]).message
    if (
        abs(e3["first_purchase"] - e3["ratio"]) > 0.005
    ):  # equal when every signup is a first purchase
        assert "from signup" in verify("01.3", e3["first_purchase"]).message
    assert "late=(18, 24)" in verify("01.3", e3["months_24_29"]).message
    assert "excludes its end month" in verify("01.3", e3["end_included"]).message
    assert "rounded too much" in verify("01.3", round(e3["ratio"], 1)).message
    assert verify("01.4", e4["share"]).correct
    assert verify("01.4", round(e4["share"], 3)).correct
    assert "percentage" in verify("01.4", 100 * e4["share"]).message
    assert "calendar months" in verify("01.4", e4["tenure_month"]).message
    assert "off by one" in verify("01.4", e4["previous"]).message
    assert "off by one" in verify("01.4", e4["next"]).message
    assert "quarterly" in verify("01.4", e4["quarter_2"]).message
    assert "divide it by the size" in verify("01.4", e4["buyers"]).message
    if abs(e4["rows"] - e4["share"]) > 0.0005:
        assert "nunique" in verify("01.4", e4["rows"]).message
    assert not verify("01.4", round(e4["share"], 1)).correct


def test_exercise_01_4_matches_a_plain_pandas_pivot():
    from helpers.exercises import ex01

    orders, signup = ex01._shop_orders()
    month = lambda d: d.dt.year * 12 + d.dt.month - 1  # noqa: E731
    cohort = month(signup)
    o = orders.join(cohort.rename("c"), on="customer_id")
    o = o[(o["c"] == 2023 * 12 + 2) & (month(o["order_date"]) - o["c"] == 6)]
    assert ex01._ex4()["share"] == pytest.approx(
        o["customer_id"].nunique() / (cohort == 2023 * 12 + 2).sum()
    )


def test_exercise_01_5_and_01_6_hints():
    from helpers.checks import verify
    from helpers.exercises import ex01

    e5 = ex01._ex5()
    assert retention_effect(CohortModel(acquisition_cost=e5["cost"])) == pytest.approx(0.95)
    assert verify("01.5", round(e5["cost"], 1)).correct
    assert "thousand KRW" in verify("01.5", e5["cost"] * 1000).message
    assert "markup" in verify("01.5", e5["markup"]).message
    assert "5 *percent*" in verify("01.5", e5["relative"]).message
    assert "base cost" in verify("01.5", 100.0).message
    assert "lowers" in verify("01.5", 25.0).message
    assert "NPV is zero" in verify("01.5", e5["gross"]).message
    assert "one decimal" in verify("01.5", round(e5["cost"])).message
    assert verify("01.6", "b").correct and verify("01.6", " B ").correct
    for letter, phrase in (("a", "planted"), ("c", "signup"), ("d", "survivorship")):
        verdict = verify("01.6", letter)
        assert not verdict.correct and phrase in verdict.message
    assert "one of the letters" in verify("01.6", "e").message
    assert "one letter as text" in verify("01.6", 2).message


@pytest.mark.parametrize(
    "amount, step, text",
    [
        (211_000_000, 10_000, "2억 1,100만 원"),
        (88_000_000, 10_000, "8,800만 원"),
        (211_430_000, 1_000_000, "2억 1,100만 원"),
        (-50_000, 10_000, "-5만 원"),
        (0, 10_000, "0원"),
        (12_345, 1, "1만 2,345원"),
    ],
)
def test_won_ko_writes_man_and_eok(amount, step, text):
    from helpers.loyalty import won_ko

    assert won_ko(amount, step=step) == text


def test_won_ko_rejects_non_finite_amounts():
    from helpers.loyalty import won_ko

    with pytest.raises(ValueError, match="finite"):
        won_ko(float("nan"))


def test_cohort_model_summary_line_speaks_the_readers_language():
    from helpers.language import set_language

    assert repr(CohortModel()).endswith("NPV per customer 80.9>")
    set_language("ko")
    try:
        assert repr(CohortModel()).endswith("고객 한 사람당 NPV 80.9>")
    finally:
        set_language(None)
