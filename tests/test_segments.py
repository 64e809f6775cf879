"""Unit tests of helpers.segments: tiers, k-means, profiles, core customers, migration, strategy map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.segments import (
    STRATEGY_GROUPS,
    choose_k,
    cluster_customers,
    core_customers,
    migration_matrix,
    migration_rates,
    pareto_curve,
    period_values,
    profile,
    strategy_map,
    value_tiers,
)

ORDER = ["Bronze", "Silver", "Gold"]


@pytest.fixture
def two_periods() -> tuple[pd.Series, pd.Series]:
    """Seven customers, hand-checked moves.

    1 Bronze→Silver (up), 2 Bronze→Bronze (stay), 3 Silver→Gold (up), 4 Gold→Bronze (down),
    5 Gold→lost, 6 Silver→lost, 7 new→Gold, 8 new→Bronze.
    """
    before = pd.Series({1: "Bronze", 2: "Bronze", 3: "Silver", 4: "Gold", 5: "Gold", 6: "Silver"})
    after = pd.Series({1: "Silver", 2: "Bronze", 3: "Gold", 4: "Bronze", 7: "Gold", 8: "Bronze"})
    return before, after


# ------------------------------------------------------------------------------------------
# migration matrix


def test_migration_matrix_counts_moves_new_and_lost(two_periods):
    before, after = two_periods
    m = migration_matrix(before, after, order=ORDER)
    expected = pd.DataFrame(
        [[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 1], [1, 0, 1, 0]],
        index=pd.Index(ORDER + ["new"], name="before"),
        columns=pd.Index(ORDER + ["lost"], name="after"),
    )
    pd.testing.assert_frame_equal(m, expected)


def test_migration_matrix_rows_add_up_to_each_period(two_periods):
    before, after = two_periods
    m = migration_matrix(before, after, order=ORDER)
    assert (
        m.drop(index="new").sum(axis=1).to_dict() == before.value_counts().reindex(ORDER).to_dict()
    )
    assert (
        m.drop(columns="lost").sum(axis=0).to_dict()
        == after.value_counts().reindex(ORDER, fill_value=0).to_dict()
    )
    assert m.loc["new", "lost"] == 0


def test_migration_matrix_uses_categorical_order():
    cats = pd.CategoricalDtype(["low", "high"], ordered=True)
    before = pd.Series(["high", "low"], index=[1, 2], dtype=cats)
    after = pd.Series(["low"], index=[1], dtype=cats)
    m = migration_matrix(before, after)
    assert m.index.tolist() == ["low", "high", "new"]
    assert m.columns.tolist() == ["low", "high", "lost"]
    assert m.loc["high", "low"] == 1 and m.loc["low", "lost"] == 1


def test_migration_matrix_does_not_mutate_inputs(two_periods):
    before, after = two_periods
    b0, a0 = before.copy(), after.copy()
    migration_matrix(before, after, order=ORDER)
    pd.testing.assert_series_equal(before, b0)
    pd.testing.assert_series_equal(after, a0)


# ------------------------------------------------------------------------------------------
# migration rates


def test_migration_rates_hand_computed(two_periods):
    before, after = two_periods
    r = migration_rates(before, after, order=ORDER)
    overall = r.loc["all"]
    assert overall["customers"] == 6
    assert overall["acquisition"] == pytest.approx(2 / 6)  # customers 7 and 8
    assert overall["same_tier"] == pytest.approx(1 / 6)  # customer 2
    assert overall["upgrade"] == pytest.approx(2 / 6)  # customers 1 and 3
    assert overall["downgrade"] == pytest.approx(1 / 6)  # customer 4
    assert overall["churn"] == pytest.approx(2 / 6)  # customers 5 and 6
    gold = r.loc["Gold"]
    assert (gold["same_tier"], gold["upgrade"], gold["downgrade"], gold["churn"]) == (
        0,
        0,
        0.5,
        0.5,
    )
    assert gold["acquisition"] == pytest.approx(1 / 2)  # customer 7 entered Gold
    assert r.loc["Bronze", "upgrade"] == pytest.approx(0.5)
    assert r.index.tolist() == ORDER + ["all"]


def test_migration_rates_sum_to_one_per_segment(two_periods):
    before, after = two_periods
    r = migration_rates(before, after, order=ORDER)
    total = r[["same_tier", "upgrade", "downgrade", "churn"]].sum(axis=1)
    np.testing.assert_allclose(total, 1.0)


def test_upgrade_counts_moves_up_the_order_not_the_alphabet():
    before = pd.Series({1: "Gold", 2: "Silver"})
    after = pd.Series({1: "Silver", 2: "Gold"})
    r = migration_rates(before, after, order=["Silver", "Gold"])
    assert r.loc["Silver", "upgrade"] == 1 and r.loc["Gold", "downgrade"] == 1
    reversed_ = migration_rates(before, after, order=["Gold", "Silver"])
    assert reversed_.loc["Silver", "downgrade"] == 1


def test_segment_without_earlier_customers_has_nan_rates():
    before = pd.Series({1: "low"})
    after = pd.Series({1: "low", 2: "high"})
    r = migration_rates(before, after, order=["low", "high"])
    assert r.loc["high", "customers"] == 0 and np.isnan(r.loc["high", "same_tier"])
    assert r.loc["all", "acquisition"] == 1.0


labels = st.sampled_from(["a", "b", "c", "d"])


@settings(max_examples=60, deadline=None)
@given(
    before=st.dictionaries(st.integers(0, 40), labels, min_size=1, max_size=30),
    after=st.dictionaries(st.integers(0, 40), labels, min_size=1, max_size=30),
)
def test_rates_are_shares_that_sum_to_one(before, after):
    b, a = pd.Series(before), pd.Series(after)
    r = migration_rates(b, a, order=["a", "b", "c", "d"])
    overall = r.loc["all"]
    parts = overall[["same_tier", "upgrade", "downgrade", "churn"]]
    assert parts.between(0, 1).all()
    assert parts.sum() == pytest.approx(1.0)
    assert overall["acquisition"] == pytest.approx(len(set(after) - set(before)) / len(before))
    assert overall["churn"] == pytest.approx(len(set(before) - set(after)) / len(before))
    m = migration_matrix(b, a, order=["a", "b", "c", "d"])
    assert m.to_numpy().sum() == len(set(before) | set(after))
    assert (m.to_numpy() >= 0).all()


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.integers(0, 40), labels, min_size=1, max_size=30))
def test_no_change_means_full_retention(segments):
    s = pd.Series(segments)
    r = migration_rates(s, s, order=["a", "b", "c", "d"]).loc["all"]
    assert r["same_tier"] == 1 and r["churn"] == 0 and r["acquisition"] == 0


# ------------------------------------------------------------------------------------------
# bad input


def test_mismatched_index_types_name_both_arguments():
    before = pd.Series({1: "a", 2: "b"})
    after = pd.Series({"1": "a", "2": "b"})
    with pytest.raises(TypeError, match="before has integer ids, after has string ids"):
        migration_matrix(before, after)


def test_labels_not_in_order_are_named():
    before = pd.Series({1: "Bronze", 2: "Platinum"})
    after = pd.Series({1: "Bronze"})
    with pytest.raises(ValueError, match=r"before has segment labels not in order: \['Platinum'\]"):
        migration_rates(before, after, order=ORDER)
    with pytest.raises(ValueError, match="after has segment labels not in order"):
        migration_rates(after, before, order=ORDER)


def test_empty_series_is_rejected_by_name():
    with pytest.raises(ValueError, match="before is empty"):
        migration_matrix(pd.Series(dtype=object), pd.Series({1: "a"}))
    with pytest.raises(ValueError, match="after is empty"):
        migration_rates(pd.Series({1: "a"}), pd.Series(dtype=object), order=["a"])


def test_other_bad_migration_input():
    ok = pd.Series({1: "a"})
    with pytest.raises(TypeError, match="before must be a pandas Series"):
        migration_matrix({1: "a"}, ok)
    with pytest.raises(ValueError, match="duplicated customer ids"):
        migration_matrix(pd.Series(["a", "a"], index=[1, 1]), ok)
    with pytest.raises(ValueError, match="without a segment label"):
        migration_matrix(pd.Series({1: "a", 2: None}), ok)
    with pytest.raises(ValueError, match="reserved"):
        migration_matrix(pd.Series({1: "new"}), ok)
    with pytest.raises(ValueError, match="order lists a segment twice"):
        migration_rates(ok, ok, order=["a", "a"])
    with pytest.raises(ValueError, match="order is required"):
        migration_rates(ok, ok, order=None)


# ------------------------------------------------------------------------------------------
# value tiers


def test_value_tiers_by_share_give_exact_sizes_and_ordered_categories():
    v = pd.Series(np.arange(100, dtype=float), index=[f"c{i}" for i in range(100)])
    t = value_tiers(v)
    assert t.value_counts().to_dict() == {"Bronze": 50, "Silver": 30, "Gold": 15, "VIP": 5}
    assert list(t.cat.categories) == ["Bronze", "Silver", "Gold", "VIP"] and t.cat.ordered
    assert set(t[v >= 95]) == {"VIP"} and set(t[v < 50]) == {"Bronze"}
    assert t.index.equals(v.index)


def test_value_tiers_break_ties_by_order_of_appearance():
    v = pd.Series([5.0, 5.0, 5.0, 5.0])
    assert value_tiers(v, {"top": 0.5, "rest": 0.5}).tolist() == ["top", "top", "rest", "rest"]


def test_value_tiers_by_cutoffs():
    v = pd.Series([0.0, 49.9, 50.0, 199.0, 200.0, 1000.0])
    t = value_tiers(v, cutoffs={"Gold": 200, "Silver": 50, "Bronze": 0})
    assert t.tolist() == ["Bronze", "Bronze", "Silver", "Silver", "Gold", "Gold"]


def test_value_tiers_bad_input():
    v = pd.Series([1.0, 2.0])
    with pytest.raises(ValueError, match="values is empty"):
        value_tiers(pd.Series(dtype=float))
    with pytest.raises(TypeError, match="values must hold numbers"):
        value_tiers(pd.Series(["a", "b"]))
    with pytest.raises(ValueError, match="shares must"):
        value_tiers(v, {"a": 0.5, "b": 0.4})
    with pytest.raises(ValueError, match="cutoffs must"):
        value_tiers(v, cutoffs={"a": 0, "b": 10})
    with pytest.raises(ValueError, match="below the lowest cut-off"):
        value_tiers(v, cutoffs={"a": 10, "b": 1.5})
    with pytest.raises(ValueError, match="either shares or cutoffs"):
        value_tiers(v, {"a": 1.0}, cutoffs={"a": 0})


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=200))
def test_higher_value_never_gets_a_lower_tier(values):
    v = pd.Series(values)
    tiers = value_tiers(v).cat.codes.to_numpy()
    higher = v.to_numpy()[:, None] > v.to_numpy()[None, :]
    assert (tiers[:, None] >= tiers[None, :])[higher].all()
    assert value_tiers(v).value_counts().sum() == len(v)


# ------------------------------------------------------------------------------------------
# k-means


@pytest.fixture
def blobs() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    small = rng.lognormal([1, 0, 2], 0.1, size=(40, 3))
    big = rng.lognormal([4, 2, 6], 0.1, size=(20, 3))
    return pd.DataFrame(
        np.vstack([small, big]), columns=["recency", "frequency", "monetary"], index=range(100, 160)
    )


def test_cluster_customers_finds_two_obvious_groups_largest_first(blobs):
    labels = cluster_customers(blobs, 2, random_state=0)
    assert labels.index.equals(blobs.index) and labels.name == "cluster"
    assert (labels.iloc[:40] == 0).all() and (labels.iloc[40:] == 1).all()


def test_cluster_customers_is_reproducible_and_does_not_mutate(blobs):
    copy = blobs.copy()
    a = cluster_customers(blobs, 3, random_state=7)
    b = cluster_customers(blobs, 3, random_state=7)
    pd.testing.assert_series_equal(a, b)
    pd.testing.assert_frame_equal(blobs, copy)


def test_cluster_customers_bad_input(blobs):
    with pytest.raises(
        ValueError, match=r"k=61 is larger than the number of customers in features \(60\)"
    ):
        cluster_customers(blobs, 61, random_state=0)
    with pytest.raises(ValueError, match="k must be at least 1"):
        cluster_customers(blobs, 0, random_state=0)
    with pytest.raises(TypeError, match="k must be an integer"):
        cluster_customers(blobs, 2.5, random_state=0)
    with pytest.raises(TypeError, match="column 'segment' of features is not numeric"):
        cluster_customers(blobs.assign(segment="x"), 2, random_state=0)
    with pytest.raises(ValueError, match="negative values"):
        cluster_customers(blobs.assign(recency=-1.0), 2, random_state=0)
    with pytest.raises(ValueError, match="features is empty"):
        cluster_customers(blobs.iloc[:0], 2, random_state=0)


def test_choose_k_prefers_the_true_number_of_groups(blobs):
    table = choose_k(blobs, [2, 3, 4], random_state=0)
    assert table.index.tolist() == [2, 3, 4]
    assert table["silhouette"].idxmax() == 2
    assert table["inertia"].is_monotonic_decreasing


def test_choose_k_rejects_impossible_k(blobs):
    with pytest.raises(ValueError, match="ks must be integers between 2"):
        choose_k(blobs, [1, 2])
    with pytest.raises(ValueError, match="ks must be integers between 2"):
        choose_k(blobs, [60])
    with pytest.raises(ValueError, match="ks is empty"):
        choose_k(blobs, [])


def test_choose_k_samples_the_silhouette_when_large(blobs):
    full = choose_k(blobs, [2], random_state=0)
    sampled = choose_k(blobs, [2], random_state=0, sample_size=30)
    assert full.loc[2, "inertia"] == sampled.loc[2, "inertia"]
    assert 0 < sampled.loc[2, "silhouette"] <= 1


# ------------------------------------------------------------------------------------------
# profile


def test_profile_hand_computed():
    f = pd.DataFrame(
        {"frequency": [1, 3, 2, 10], "monetary": [10.0, 30.0, 20.0, 140.0]}, index=list("abcd")
    )
    labels = pd.Series(["low", "low", "low", "high"], index=list("dabc"))  # shuffled on purpose
    p = profile(f, labels)
    assert p.index.tolist() == ["high", "low"]
    assert p.loc["high", "customers"] == 1 and p.loc["low", "customers"] == 3
    assert p.loc["high", "customer_share"] == pytest.approx(0.25)
    # d, a, b are "low" (10 + 30 + 140 of 200), c is "high"
    assert p.loc["low", "value_share"] == pytest.approx(180 / 200)
    assert p.loc["low", "monetary_mean"] == pytest.approx(60.0)
    assert p.loc["high", "frequency_median"] == 2
    assert list(p.columns[:3]) == ["customers", "customer_share", "value_share"]


def test_profile_bad_input():
    f = pd.DataFrame({"monetary": [1.0, 2.0]}, index=[1, 2])
    with pytest.raises(ValueError, match="value_col 'spend' is not a column"):
        profile(f, pd.Series([0, 1], index=[1, 2]), value_col="spend")
    with pytest.raises(ValueError, match="labels must be indexed by exactly the customer ids"):
        profile(f, pd.Series([0, 1], index=[1, 3]))
    with pytest.raises(ValueError, match="labels must be indexed by exactly the customer ids"):
        profile(f, pd.Series([0, 1], index=["1", "2"]))


# ------------------------------------------------------------------------------------------
# core customers and the Pareto curve


def test_core_customers_is_the_smallest_set_reaching_the_share():
    v = pd.Series({"a": 5.0, "b": 50.0, "c": 30.0, "d": 15.0})
    assert core_customers(v, share=0.8).to_dict() == {"a": False, "b": True, "c": True, "d": False}
    assert core_customers(v, share=0.81).sum() == 3
    assert core_customers(v, share=0.5).sum() == 1  # b alone is exactly half
    assert core_customers(v, share=1.0).all()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0.01, 1e5, allow_nan=False), min_size=1, max_size=100),
    st.floats(0.05, 1.0),
)
def test_core_share_reached_and_minimal(values, share):
    v = pd.Series(values)
    core = core_customers(v, share=share)
    total = v.sum()
    assert v[core].sum() >= share * total * (1 - 1e-9)
    # dropping the smallest core customer falls below the share
    smallest = v[core].min()
    assert v[core].sum() - smallest < share * total * (1 + 1e-9) or core.sum() == 1


def test_pareto_curve_hand_computed_and_bad_input():
    c = pareto_curve(pd.Series([10.0, 30.0, 60.0]))
    np.testing.assert_allclose(c["value_share"], [0, 0.6, 0.9, 1.0])
    np.testing.assert_allclose(c["customer_share"], [0, 1 / 3, 2 / 3, 1])
    with pytest.raises(ValueError, match="must not be negative"):
        pareto_curve(pd.Series([1.0, -1.0]))
    with pytest.raises(ValueError, match="share must be a number"):
        core_customers(pd.Series([1.0]), share=1.5)


# ------------------------------------------------------------------------------------------
# strategy map of Kim (2017)


def test_strategy_map_lists_exactly_the_notes_strategies():
    m = strategy_map()
    assert list(m.columns) == ["group", "strategy_ko", "strategy_en", "dependence", "rationale"]
    got = {
        (g, s, d)
        for g, s, d in m[["group", "strategy_ko", "dependence"]].astype(str).itertuples(index=False)
    }
    expected = {
        ("base", "핵심고객관리", "strong"),
        ("base", "캠페인 관리", "strong"),
        ("base", "고객기반 상품 개발", "medium"),
        ("base", "VOC관리", "medium"),
        ("base", "CRM 성과 평가 체계", "medium"),
        ("base", "고객만족도 조사", "weak"),
        ("base", "고객 정보 수집 및 관리", "weak"),
        ("acquisition", "1차 구매 유도", "medium"),
        ("acquisition", "이탈 고객 재획득", "medium"),
        ("acquisition", "잠재고객 획득", "weak"),
        ("retention", "로열티 프로그램", "strong"),
        ("retention", "이탈 예측 및 방지", "strong"),
        ("retention", "커뮤니케이션 개인화", "strong"),
        ("retention", "2차 구매 유도", "medium"),
        ("enhancement", "등급전환전략", "strong"),
        ("enhancement", "교차/상승판매", "medium"),
        ("enhancement", "고객추천 관리", "medium"),
        ("enhancement", "고객참여정책", "weak"),
    }
    assert got == expected and len(m) == len(expected)
    assert set(m["group"].cat.categories) == set(STRATEGY_GROUPS)
    assert m["dependence"].cat.ordered and m["dependence"].max() == "strong"
    assert m["strategy_en"].str.len().gt(0).all() and m["rationale"].str.len().gt(20).all()


def test_strategy_map_is_a_fresh_copy():
    m = strategy_map()
    m.loc[0, "strategy_en"] = "changed"
    assert strategy_map().loc[0, "strategy_en"] == "Core customer management"


# ------------------------------------------------------------------------------------------
# period values


def test_period_values_keeps_only_the_period_and_sums():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3],
            "order_date": pd.to_datetime(["2023-12-31", "2024-01-01", "2024-06-30", "2024-07-01"]),
            "amount": [100.0, 10.0, 5.0, 7.0],
        }
    )
    got = period_values(tx, "2024-01-01", "2024-07-01")
    assert got.to_dict() == {1: 10.0, 2: 5.0}
    with pytest.raises(ValueError, match="no column"):
        period_values(tx, "2024-01-01", "2024-07-01", date_col="date")
    with pytest.raises(ValueError, match="must be before end"):
        period_values(tx, "2024-07-01", "2024-01-01")
    with pytest.raises(TypeError, match="must hold dates"):
        period_values(tx.assign(order_date="2024"), "2024-01-01", "2024-07-01")


# ------------------------------------------------------------------------------------------
# figures (what they show)


@pytest.fixture
def plt_backend():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_strategy_map_chart_shows_every_strategy_in_its_cell(plt_backend):
    from helpers.plots.segments import strategy_map_chart

    m = strategy_map()
    ax = strategy_map_chart(m)
    texts = [t.get_text() for t in ax.texts]
    for ko, en in zip(m["strategy_ko"], m["strategy_en"], strict=True):
        assert sum(ko in t for t in texts) == 1, ko
        assert any(en.split()[0] in t for t in texts), en
    # the retention × strong cell holds exactly the three strong retention strategies
    cell = next(t for t in ax.texts if "로열티 프로그램" in t.get_text())
    x, y = cell.get_position()
    assert (x, y) == (0.5, 2.5)
    assert cell.get_text().count("\n\n") == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "strong 강함",
        "medium 중간",
        "weak 약함",
    ]
    assert ax.get_title(loc="left")


def test_migration_heatmap_writes_counts_and_row_shares(two_periods, plt_backend):
    from helpers.plots.segments import migration_heatmap

    before, after = two_periods
    m = migration_matrix(before, after, order=ORDER)
    ax = migration_heatmap(m, title="Moves")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == m.size
    assert texts[0] == "1\n50%"  # Bronze → Bronze: 1 of 2 Bronze customers
    assert [t.get_text() for t in ax.get_yticklabels()] == ORDER + ["new"]


def test_rates_chart_stacks_to_one_per_segment(two_periods, plt_backend):
    from helpers.plots.segments import rates_chart

    before, after = two_periods
    rates = migration_rates(before, after, order=ORDER)
    ax = rates_chart(rates, title="Rates")
    widths = np.array([p.get_width() for p in ax.patches]).reshape(4, len(rates))
    np.testing.assert_allclose(widths.sum(axis=0), 1.0)
    assert any("+33% new" in t.get_text() for t in ax.texts)


def test_pareto_and_shares_and_profile_charts(plt_backend):
    from helpers.plots.segments import elbow_silhouette, pareto_chart, profile_heatmap, shares_chart

    v = pd.Series([60.0, 30.0, 10.0])
    ax = pareto_chart(pareto_curve(v), core_share=0.5, title="Concentrated")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0, 0.6, 0.9, 1.0])
    assert "33% of customers" in ax.texts[0].get_text()
    f = pd.DataFrame({"recency": [10.0, 300.0], "monetary": [100.0, 5.0]}, index=[1, 2])
    p = profile(f, pd.Series(["good", "bad"], index=[1, 2]))
    ax = shares_chart(p, title="Good leads")
    widths = sorted(float(b.get_width()) for b in ax.patches)
    np.testing.assert_allclose(widths, [5 / 105, 0.5, 0.5, 100 / 105])
    ax = profile_heatmap(p, ["recency", "monetary"], title="Profiles")
    image = ax.images[0].get_array()
    # "good" (row 1, sorted index: bad, good) has low recency: flipped to a positive (blue) score
    assert image[1, 0] > 0 and image[1, 1] > 0 and image[0, 0] < 0
    axes = elbow_silhouette(
        pd.DataFrame({"inertia": [3.0, 2.0], "silhouette": [0.5, 0.4]}, index=[2, 3]),
        chosen=2,
        title="k",
    )
    assert axes[0].get_xlabel() == "Number of clusters k"
    with pytest.raises(ValueError, match="choose_k"):
        elbow_silhouette(pd.DataFrame({"x": [1]}), title="k")


def test_tier_what_if_redraws_rates_when_a_cutoff_moves(plt_backend):
    from helpers.plots.segments import tier_what_if

    before = pd.Series({1: 10.0, 2: 200.0, 3: 50.0})
    after = pd.Series({1: 150.0, 2: 200.0, 4: 5.0})
    box = tier_what_if(before, after, {"Gold": 100, "Bronze": 0}, step=10)
    sliders = box.children[0].children[1:]
    out = box.children[1]
    assert [s.description for s in sliders] == ["Gold ≥"]
    first = out.outputs[0]["data"]["text/plain"]
    assert "upgrade" in first and len(out.outputs) == 2  # rates table and figure
    sliders[0].value = 160.0  # customer 1 (150) is no longer Gold after
    assert out.outputs[0]["data"]["text/plain"] != first


# ------------------------------------------------------------------------------------------
# exercise checkers of notebook 07: the hints point at the likely mistake


def test_customer_retention_checker_hints():
    from helpers.checks import verify
    from helpers.exercises.ex07 import _matrix

    row = _matrix().loc["Silver"]
    base = row.sum()
    right = 1 - row["lost"] / base
    assert verify("07.5", right).correct
    assert verify("07.5", round(right, 3)).correct
    assert verify("07.5", ...).status == "not attempted"
    assert "same-tier" in verify("07.5", row["Silver"] / base).message
    assert "churn" in verify("07.5", row["lost"] / base).message
    assert "upgrade" in verify("07.5", (row["Gold"] + row["VIP"]) / base).message
    assert "percentage" in verify("07.5", 100 * right).message
    assert "three decimals" in verify("07.5", round(right, 2)).message


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_share_checkers_refuse_non_finite_answers(bad):
    from helpers.checks import verify

    for exercise_id in ("07.1", "07.5"):
        verdict = verify(exercise_id, bad)
        assert not verdict.correct and "finite" in verdict.message


def test_pipeline_checker_names_the_missing_step():
    from helpers.checks import verify
    from helpers.exercises.ex07 import _largest_shares

    s = _largest_shares()
    assert verify("07.1", s["right"]).correct
    assert "log1p" in verify("07.1", s["no_log"]).message
    assert "StandardScaler" in verify("07.1", s["no_scale"]).message
    assert "k = 4" in verify("07.1", s["k4"]).message
    assert "number of customers" in verify("07.1", s["count"]).message


def test_letter_checkers_accept_only_the_supported_argument():
    from helpers.checks import verify

    for exercise_id in ("07.2", "07.3"):
        assert verify(exercise_id, "c").correct
        assert verify(exercise_id, " (C) ").correct
        for wrong in "abd":
            verdict = verify(exercise_id, wrong)
            assert not verdict.correct and len(verdict.message) > 60  # a hint with a reason
        assert "letter" in verify(exercise_id, 4).message
        assert "letters" in verify(exercise_id, "not c").message


def test_decide_k_premises_hold():
    from helpers.exercises.ex07 import K_CHOSEN, _k_evidence

    choice, stability = _k_evidence()
    assert choice.loc[K_CHOSEN, "silhouette"] > 0.25
    assert stability.loc[K_CHOSEN, "ari_mean"] > 0.9


def test_critique_ari_premises_hold():
    from helpers.exercises.ex07 import _shop_ari

    ceiling, behaviour = _shop_ari()
    assert behaviour < ceiling < 0.99


def test_core_rule_checker():
    from helpers.checks import verify
    from helpers.exercises.ex07 import CORE_RULES, _core_check

    best = _core_check().idxmax()
    assert verify("07.4", best).correct
    assert verify("07.4", best.upper()).correct
    for other in set(CORE_RULES) - {best}:
        assert not verify("07.4", other).correct
    assert "index labels" in verify("07.4", "champions").message


def test_cluster_stability_is_one_for_separated_groups_and_checks_input():
    from helpers.segments import cluster_stability

    f = pd.DataFrame({"x": [1.0, 2, 3, 100, 110, 120] * 10, "y": [1.0, 2, 1, 50, 60, 55] * 10})
    original = f.copy()
    out = cluster_stability(f, [2], n_boot=4, random_state=1)
    assert out.loc[2, "ari_min"] == 1.0 and list(out.columns) == ["ari_mean", "ari_min", "ari_max"]
    pd.testing.assert_frame_equal(f, original)  # no mutation
    with pytest.raises(ValueError, match="ks"):
        cluster_stability(f, [1])
    with pytest.raises(ValueError, match="n_boot"):
        cluster_stability(f, [2], n_boot=0)
    with pytest.raises(TypeError, match="DataFrame"):
        cluster_stability(f["x"], [2])


def test_customer_retention_is_one_minus_churn(two_periods):
    before, after = two_periods
    r = migration_rates(before, after, order=ORDER)
    assert np.allclose(r["customer_retention"], 1 - r["churn"], equal_nan=True)
    assert (
        "retention" not in r.columns
    )  # the ambiguous name is gone: same_tier vs customer_retention


def test_profile_heatmap_shows_units_and_row_label_when_asked():
    import matplotlib.pyplot as plt

    from helpers.plots.segments import profile_heatmap

    t = pd.DataFrame(
        {"recency_median": [10.0, 300.0], "monetary_median": [90.0, 5.0]}, index=[0, 1]
    )
    ax = profile_heatmap(
        t,
        ["recency", "monetary"],
        title="Two clusters",
        feature_labels={"recency": "recency (days)"},
        segment_label="Cluster",
    )
    assert [x.get_text() for x in ax.get_xticklabels()] == ["recency (days)", "monetary"]
    assert ax.get_ylabel() == "Cluster"
    assert profile_heatmap(t, ["recency", "monetary"], title="Default").get_ylabel() == "Segment"
    plt.close("all")


# ------------------------------------------------------------------------------------------
# figures in the reader's language (Korean edition)


@pytest.fixture
def reset_language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def _figure_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [
        ax.get_xlabel(),
        ax.get_ylabel(),
        *[t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()],
        *([t.get_text() for t in legend.get_texts()] if legend else []),
        *[t.get_text() for t in ax.texts],
    ]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_segment_figures_speak_the_readers_language(lang, reset_language):
    import re

    import matplotlib.pyplot as plt

    from helpers.plots.segments import (
        migration_heatmap,
        pareto_chart,
        rates_chart,
        shares_chart,
        strategy_map_chart,
    )

    reset_language(lang)
    hangul = re.compile(r"[\uac00-\ud7a3]")
    tiers = pd.DataFrame(
        {"customer_share": [0.8, 0.2], "value_share": [0.4, 0.6]}, index=["Bronze", "Gold"]
    )
    before = pd.Series({1: "Bronze", 2: "Bronze", 3: "Gold"})
    after = pd.Series({1: "Gold", 3: "Gold", 4: "Bronze"})
    shares = shares_chart(tiers, title="t")
    pareto = pareto_chart(pareto_curve(pd.Series([1.0, 3.0, 6.0])), core_share=0.5, title="t")
    heat = migration_heatmap(migration_matrix(before, after, order=["Bronze", "Gold"]), title="t")
    rates = rates_chart(migration_rates(before, after, order=["Bronze", "Gold"]), title="t")
    strategies = strategy_map_chart(strategy_map())
    if lang == "ko":
        assert shares.get_xlabel() == "전체 고객 / 전체 매출에서 차지하는 비중(%)"
        assert shares.get_ylabel() == "세그먼트"
        assert [t.get_text() for t in shares.get_legend().get_texts()] == ["고객 비중", "매출 비중"]
        assert pareto.get_ylabel() == "가치의 누적 비중(%)"
        assert heat.get_ylabel() == "앞 기간의 세그먼트"
        assert "이탈률" in [t.get_text() for t in rates.get_legend().get_texts()]
        assert strategies.get_title(loc="left").startswith("관계유지 전략이")
        assert [t.get_text() for t in strategies.get_xticklabels()] == ["강함", "중간", "약함"]
        # no English sentence left: every label with letters carries Hangul (tier names aside)
        for ax in (shares, pareto, heat, rates):
            for text in _figure_texts(ax):
                words = re.sub(r"Bronze|Gold|lost|new|n=[\d,]+", "", text)
                assert not re.search(r"[A-Za-z]{3,}", words) or hangul.search(words), text
    else:
        assert shares.get_xlabel() == "Share of all customers / of all value (%)"
        assert shares.get_ylabel() == "Segment"
        assert pareto.get_ylabel() == "Cumulative share of value (%)"
        assert heat.get_ylabel() == "Segment in the earlier period"
        assert "churn 이탈률" in [t.get_text() for t in rates.get_legend().get_texts()]
        assert strategies.get_title(loc="left").startswith("Retention strategies")
        assert strategies.get_xlabel() == "Dependence on segmentation (세분화와의 상관관계)"
    plt.close("all")


def test_elbow_and_heatmap_defaults_are_korean_in_the_korean_edition(reset_language):
    import matplotlib.pyplot as plt

    from helpers.plots.segments import elbow_silhouette, profile_heatmap

    reset_language("ko")
    c = pd.DataFrame({"inertia": [9.0, 5.0], "silhouette": [0.5, 0.6]}, index=[2, 3])
    axes = elbow_silhouette(c, chosen=3, title="k")
    assert axes[0].get_xlabel() == "군집 수 k"
    assert axes[1].get_title(loc="left") == "실루엣 계수: 높을수록 좋습니다"
    t = pd.DataFrame({"x_median": [1.0, 3.0]}, index=[0, 1])
    assert profile_heatmap(t, ["x"], title="t").get_ylabel() == "세그먼트"
    reset_language("en")
    assert profile_heatmap(t, ["x"], title="t").get_ylabel() == "Segment"
    plt.close("all")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_migration_heatmap_margins_speak_the_language_and_title_clears_axis_label(
    lang, reset_language
):
    import matplotlib.pyplot as plt

    from helpers.plots import use_style
    from helpers.plots.segments import migration_heatmap

    use_style()  # the notebooks' fonts: Hangul measured in NanumGothic, as a reader sees it
    reset_language(lang)
    before = pd.Series({1: "Bronze", 2: "Bronze", 3: "Gold"})
    after = pd.Series({1: "Gold", 3: "Gold", 4: "Bronze"})
    matrix = migration_matrix(before, after, order=["Bronze", "Gold"])
    ax = migration_heatmap(matrix, title="CDNOW 1997H2 → 1998H1: 이탈률은 Bronze 57%에서 VIP 14%로")
    new, lost = ("신규", "이탈") if lang == "ko" else ("new", "lost")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bronze", "Gold", new]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Bronze", "Gold", lost]
    assert matrix.loc["new"].sum() == 1  # the data keeps its labels; only the figure translates
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = ax._left_title.get_window_extent(renderer)
    label = ax.xaxis.label.get_window_extent(renderer)
    assert title.y0 - label.y1 >= 6  # pixels of air between the title and the axis label above
    plt.close("all")
