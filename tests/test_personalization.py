"""Unit tests of helpers.personalization on tiny hand-made frames."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.checks import verify
from helpers.exercises.ex05 import CASE_ANSWERS
from helpers.personalization import (
    APPROACHES,
    Offering,
    assortment_coverage,
    attribute_sessions,
    choose_approach,
    classify_customization,
    customization_cases,
    evaluate_recommenders,
    gilmore_pine_examples,
    hit_rate_at_k,
    item_similarity,
    mix_diversity,
    place_offering,
    place_offerings,
    popularity_recommend,
    profile_matrix,
    purchase_lines,
    recommend,
    resolve_identities,
)

# --- the 2×2 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("product", "representation", "expected"),
    [
        (True, True, "collaborative"),
        (False, False, "adaptive"),
        (False, True, "cosmetic"),
        (True, False, "transparent"),
    ],
)
def test_classify_customization_follows_gilmore_and_pine(product, representation, expected):
    assert classify_customization(product, representation) == expected


def test_classify_customization_rejects_non_bools():
    with pytest.raises(TypeError, match="product_changes"):
        classify_customization("yes", True)


def test_place_offering_accepts_yes_no_words_and_dataclass():
    assert (
        place_offering({"product_changes": "yes", "representation_changes": "no"}) == "transparent"
    )
    assert place_offering(Offering("x", product_changes=0, representation_changes=1)) == "cosmetic"


@pytest.mark.parametrize(
    ("offering", "message"),
    [
        ({"product_changes": "maybe", "representation_changes": "no"}, "product_changes"),
        ({"product_changes": True}, "missing"),
        ({"product_changes": True, "representation_changes": True, "price": 3}, "unknown key"),
    ],
)
def test_place_offering_errors_name_the_problem(offering, message):
    with pytest.raises(ValueError, match=message):
        place_offering(offering)


def test_place_offerings_adds_approach_without_mutating_input():
    cases = gilmore_pine_examples()
    before = cases.copy()
    placed = place_offerings(cases)
    assert placed["approach"].tolist() == list(APPROACHES)
    assert placed["approach_ko"].tolist() == ["협동형", "적응형", "장식형", "관찰형"]
    pd.testing.assert_frame_equal(cases, before)


def test_place_offerings_rejects_unknown_answers():
    bad = pd.DataFrame(
        {"product_changes": ["yes", "perhaps"], "representation_changes": [True, False]}
    )
    with pytest.raises(ValueError, match="product_changes"):
        place_offerings(bad)


def test_every_exercise_case_has_an_answer_and_each_face_appears_three_times():
    assert set(customization_cases().index) == set(CASE_ANSWERS)
    faces = pd.Series([classify_customization(p, r) for p, r, *_ in CASE_ANSWERS.values()])
    assert faces.value_counts().to_dict() == dict.fromkeys(APPROACHES, 3)


def test_exercise_05_1_hints_name_the_misread_dimension():
    right = {c: classify_customization(p, r) for c, (p, r, *_) in CASE_ANSWERS.items()}
    assert verify("05.1", right).correct
    wrong = dict(right, **{"Netflix artwork per viewer": "transparent"})
    verdict = verify("05.1", wrong)
    assert (
        verdict.status == "wrong"
        and "Netflix artwork" in verdict.message
        and "product" in verdict.message
    )
    korean = {c: {"collaborative": "협동형"}.get(a, a) for c, a in right.items()}
    assert verify("05.1", korean).correct


# --- profiles, variety ------------------------------------------------------------------------


@pytest.fixture
def sessions():
    return pd.DataFrame(
        {
            "cookie_id": ["c1", "c1", "c1", "c2", "c2", "c3"],
            "customer_id": [np.nan, 10, np.nan, np.nan, np.nan, 11],
            "viewed_category": ["toys", "toys", "books", "food", "food", "books"],
            "pages": [2, 4, 2, 1, 3, 5],
        }
    )


def test_profile_matrix_rows_are_shares(sessions):
    p = profile_matrix(sessions)
    assert p.loc["c1", "toys"] == pytest.approx(2 / 3)
    assert np.allclose(p.sum(axis=1), 1)


def test_profile_matrix_weights(sessions):
    p = profile_matrix(sessions, weight_col="pages")
    assert p.loc["c1", "toys"] == pytest.approx(6 / 8)


def test_profile_matrix_missing_column(sessions):
    with pytest.raises(ValueError, match="viewed_category"):
        profile_matrix(sessions.drop(columns="viewed_category"))


def test_mix_diversity_effective_number():
    shares = pd.DataFrame({"a": [1.0, 0.5, 0.25], "b": [0.0, 0.5, 0.75]})
    d = mix_diversity(shares)
    assert d["effective_items"].round(3).tolist() == [1.0, 2.0, 1.6]
    assert d["top_item"].tolist() == ["a", "a", "b"]


def test_mix_diversity_rejects_non_shares():
    with pytest.raises(ValueError, match="sum to 1"):
        mix_diversity(pd.DataFrame({"a": [2.0]}))


def test_assortment_coverage_by_hand():
    ev = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3], "product_id": ["a", "b", "a", "c", "a"]})
    cov = assortment_coverage(ev, need_share=1.0)
    # popularity: a (3), then b and c (1 each, b first by stable order)
    assert cov["demand_covered"].round(3).tolist() == [0.6, 0.8, 1.0]
    assert cov["customers_served"].round(3).tolist() == [0.333, 0.667, 1.0]


def test_assortment_coverage_bad_breadth():
    ev = pd.DataFrame({"customer_id": [1], "product_id": ["a"]})
    with pytest.raises(ValueError, match="breadths"):
        assortment_coverage(ev, breadths=[2])


# --- what vs how ------------------------------------------------------------------------------


def test_choose_approach_quadrants():
    assert choose_approach(0.4, 0.4) == "collaborative"
    assert choose_approach(0.0, 0.0) == "adaptive"
    assert choose_approach(0.05, 0.3) == "cosmetic"
    with pytest.raises(ValueError, match="what"):
        choose_approach(1.5, 0.1)


# --- cookies ----------------------------------------------------------------------------------


def test_resolve_identities_links_cookie_to_customer(sessions):
    links = resolve_identities(sessions)
    assert links.loc["c1", "customer_id"] == 10
    assert np.isnan(links.loc["c2", "customer_id"])
    assert links["sessions"].tolist() == [3, 2, 1]


def test_resolve_identities_flags_shared_cookies():
    s = pd.DataFrame({"cookie_id": ["c"] * 3, "customer_id": [5, 5, 9]})
    links = resolve_identities(s)
    assert links.loc["c", "customer_id"] == 5 and bool(links.loc["c", "conflict"])


def test_attribute_sessions_fills_anonymous_sessions_only(sessions):
    out = attribute_sessions(sessions)
    assert out["resolved_customer_id"].tolist()[:3] == [10, 10, 10]
    assert out["resolved_customer_id"].isna().sum() == 2
    assert "resolved_customer_id" not in sessions.columns


def test_resolve_identities_rejects_missing_cookie():
    with pytest.raises(ValueError, match="cookie_id"):
        resolve_identities(pd.DataFrame({"cookie_id": [None], "customer_id": [1]}))


# --- recommendations --------------------------------------------------------------------------


def test_item_similarity_and_recommend():
    profiles = pd.DataFrame(
        {"a": [1, 1, 0, 0], "b": [1, 1, 0, 0], "c": [0, 0, 1, 1], "d": [0, 0, 1, 0]},
        index=["u1", "u2", "u3", "u4"],
        dtype=float,
    )
    sim = item_similarity(profiles)
    assert sim.loc["a", "b"] == pytest.approx(1.0)
    assert sim.loc["a", "c"] == pytest.approx(0.0)
    new_user = pd.DataFrame({"a": [1.0], "b": [0.0], "c": [0.0], "d": [0.0]}, index=["new"])
    recs = recommend(new_user, sim, k=2)
    assert recs.loc["new"].tolist() == ["a", "b"]
    assert recommend(new_user, sim, k=1, exclude_seen=True).loc["new", "rank_1"] == "b"


def test_recommend_rejects_big_k():
    sim = item_similarity(pd.DataFrame({"a": [1.0], "b": [1.0]}))
    with pytest.raises(ValueError, match="k=3"):
        recommend(pd.DataFrame({"a": [1.0]}), sim, k=3)


def test_popularity_baseline_is_the_same_for_everyone():
    recs = popularity_recommend(pd.Series({"a": 1, "b": 5, "c": 3}), [1, 2], k=2)
    assert recs.to_numpy().tolist() == [["b", "c"], ["b", "c"]]


def test_hit_rate_and_recall_by_hand():
    recs = pd.DataFrame({"rank_1": ["a", "b", "c"], "rank_2": ["b", "c", "a"]}, index=[1, 2, 3])
    hold = pd.DataFrame({"customer_id": [1, 2, 2, 4], "category": ["a", "a", "c", "a"]})
    r = hit_rate_at_k(recs, hold)
    assert r["users"] == 2  # customer 3 has no holdout, 4 has no recommendations
    assert r["hit_rate"] == pytest.approx(1.0)
    assert r["recall"] == pytest.approx((1.0 + 0.5) / 2)


def test_hit_rate_needs_matching_ids():
    recs = pd.DataFrame({"rank_1": ["a"]}, index=[1])
    with pytest.raises(ValueError, match="ids"):
        hit_rate_at_k(recs, pd.DataFrame({"customer_id": [2], "category": ["a"]}))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from("abcd"), min_size=2, max_size=30), st.integers(1, 4))
def test_hit_rate_is_monotone_in_k(items, k):
    """A longer list can only catch more held-out items."""
    users = np.arange(len(items)) % 3
    hold = pd.DataFrame({"customer_id": users, "category": items})
    pop = hold["category"].value_counts()
    kk = min(k, len(pop))
    small = hit_rate_at_k(popularity_recommend(pop, sorted(set(users)), k=1), hold)["hit_rate"]
    large = hit_rate_at_k(popularity_recommend(pop, sorted(set(users)), k=kk), hold)["hit_rate"]
    assert small <= large


# --- figures ----------------------------------------------------------------------------------


def test_four_faces_figure_lists_cases_in_their_quadrant():
    from helpers.plots.personalization import four_faces

    ax = four_faces(place_offerings(gilmore_pine_examples()))
    texts = [t.get_text() for t in ax.texts]
    assert any("Collaborative (협동형)" in t for t in texts)
    assert any("Paris Miki" in t for t in texts)
    assert ax.get_ylabel().startswith("Does the representation change?")


def test_hit_rate_bars_heights():
    from helpers.plots.personalization import hit_rate_bars

    r = pd.DataFrame(
        {
            "method": ["pop", "pers", "pop", "pers"],
            "k": [1, 1, 3, 3],
            "hit_rate": [0.1, 0.2, 0.3, 0.5],
        }
    )
    ax = hit_rate_bars(r)
    assert sorted(round(p.get_height(), 2) for p in ax.patches) == [0.1, 0.2, 0.3, 0.5]


def test_recommend_without_similarity_uses_own_profile_and_popularity_breaks_ties():
    profiles = pd.DataFrame(
        {"a": [0.0, 0.7], "b": [0.0, 0.3], "c": [0.0, 0.0]}, index=["empty", "fan"]
    )
    pop = pd.Series({"a": 1, "b": 2, "c": 9})
    recs = recommend(profiles, k=2, popularity=pop)
    assert recs.loc["empty"].tolist() == ["c", "b"]  # nothing known: the best sellers
    assert recs.loc["fan"].tolist() == ["a", "b"]  # own interest first, whatever is popular


def test_purchase_lines_drops_duplicate_lines_and_adds_category():
    orders = pd.DataFrame(
        {
            "order_id": [1, 2],
            "customer_id": [7, 8],
            "order_date": pd.to_datetime(["2024-01-02", "2024-01-01"]),
        }
    )
    items = pd.DataFrame(
        {"order_id": [1, 1, 2, 3], "product_id": [5, 5, 6, 5], "quantity": [1, 1, 2, 1]}
    )
    products = pd.DataFrame({"product_id": [5, 6], "category": ["kids", "food"]})
    out = purchase_lines(orders, items, products)
    assert out[["order_id", "category"]].values.tolist() == [
        [2, "food"],
        [1, "kids"],
    ]  # by date; order 3 not kept


def test_purchase_lines_names_missing_column():
    with pytest.raises(ValueError, match="order_date"):
        purchase_lines(
            pd.DataFrame({"order_id": [1], "customer_id": [1]}), pd.DataFrame(), pd.DataFrame()
        )


def test_evaluate_recommenders_scores_every_method_on_the_same_users():
    d = pd.to_datetime
    views = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3],
            "viewed_category": ["toys", "toys", "food", "toys"],
            "started_at": d(["2024-01-01", "2024-01-02", "2024-01-03", "2024-09-01"]),
        }
    )
    buys = pd.DataFrame(
        {
            "customer_id": [1, 2, 2, 4, 1, 2, 3],
            "category": ["food", "food", "food", "food", "toys", "books", "toys"],
            "order_date": d(["2024-01-05"] * 4 + ["2024-08-01"] * 3),
        }
    )
    r = evaluate_recommenders(views, buys, cutoff="2024-07-01", ks=[1]).set_index("method")
    assert (r["users"] == 2).all()  # customers 1 and 2; 3 has no history before the cutoff
    assert r.loc["popularity", "hit_rate"] == pytest.approx(
        0.0
    )  # 'food' for both; they bought toys, books
    assert r.loc["browsing only", "hit_rate"] == pytest.approx(
        0.5
    )  # toys for 1 (hit), food for 2 (miss)


def test_evaluate_recommenders_needs_data_on_both_sides_of_the_cutoff():
    d = pd.to_datetime
    views = pd.DataFrame(
        {"customer_id": [1], "viewed_category": ["a"], "started_at": d(["2024-01-01"])}
    )
    buys = pd.DataFrame({"customer_id": [1], "category": ["a"], "order_date": d(["2024-01-02"])})
    with pytest.raises(ValueError, match="cutoff"):
        evaluate_recommenders(views, buys, cutoff="2024-07-01")


def test_approach_map_and_coverage_and_groups_figures():
    from helpers.plots.personalization import (
        approach_map,
        coverage_curve,
        group_sizes,
        profile_heatmap,
    )

    ax = approach_map(pd.DataFrame({"what": [0.3], "how": [0.02]}, index=["shop"]), threshold=0.1)
    assert ax.get_xlabel().startswith("Customers differ in WHAT")
    with pytest.raises(ValueError, match="between 0 and 1"):
        approach_map(pd.DataFrame({"what": [1.3], "how": [0.02]}))
    ev = pd.DataFrame({"customer_id": [1, 1, 2], "product_id": ["a", "b", "a"]})
    ax = coverage_curve(assortment_coverage(ev))
    assert [round(v, 3) for v in ax.lines[0].get_ydata()] == [0.667, 1.0]
    ax = group_sizes(pd.Series([3, 12], index=["x", "y"]), k=5)
    assert ax.get_title(loc="left") == "1 of 2 groups are smaller than k = 5"
    assert [p.get_width() for p in ax.patches] == [3, 12]
    with pytest.raises(ValueError, match="profiles"):
        profile_heatmap(pd.DataFrame())


@pytest.mark.parametrize("exercise_id", ["05.4", "05.6"])
def test_shop_exercises_accept_the_computed_answer_and_hint_on_common_slips(exercise_id):
    from helpers.exercises.ex05 import _k_values, _sessions

    r = {**_sessions(), **_k_values()}
    right = {"05.4": r["attributable_share"], "05.6": int(r["k_consented"])}[exercise_id]
    slip = {
        "05.4": (r["attributable_share_of_all"], "anonymous sessions only"),
        "05.6": (int(r["k_all"]), "consent"),
    }[exercise_id]
    assert verify(exercise_id, right).correct
    verdict = verify(exercise_id, slip[0])
    assert verdict.status == "wrong" and slip[1] in verdict.message


def test_exercise_05_1_refuses_negations_and_two_approaches():
    right = {c: classify_customization(p, r) for c, (p, r, *_) in CASE_ANSWERS.items()}
    negated = {c: "not " + a for c, a in right.items()}
    assert not verify("05.1", negated).correct
    both = dict(right, **{"Nike By You sneakers": "collaborative or cosmetic"})
    assert not verify("05.1", both).correct
    typo = {
        ("Apple free engravng" if c == "Apple free engraving" else c): a for c, a in right.items()
    }
    assert "unknown case name" in verify("05.1", typo).message


def test_exercise_05_2_the_null_share_and_its_slips():
    from helpers.exercises.ex05 import _kahn

    r = _kahn()
    assert verify("05.2", round(r["null"], 3)).correct
    assert "real data" in verify("05.2", r["observed"]).message
    assert "percentage" in verify("05.2", 100 * r["null"]).message
    assert not verify("05.2", r["null"] - 0.03).correct
    assert r["null"] > r["observed"]  # the point of the exercise


def test_exercise_05_3_projects_and_the_convention_hint():
    from helpers.exercises.ex05 import SHOP_PROJECT_ANSWERS

    right = {p: a for p, (a, _) in SHOP_PROJECT_ANSWERS.items()}
    assert verify("05.3", right).correct
    rows = dict(right, **{"Home page rows ordered by each customer's interests": "cosmetic"})
    assert "offering shown" in verify("05.3", rows).message
    assert not verify("05.3", {p: "not " + a for p, a in right.items()}).correct
    assert "missing" in verify("05.3", dict(list(right.items())[:3])).message


def test_exercise_05_5_sample_size_and_its_slips():
    from helpers.exercises.ex05 import _ab_sizes

    r = _ab_sizes()
    assert verify("05.5", r["right"]).correct
    assert "each arm" in verify("05.5", 2 * r["right"]).message
    assert "weighted" in verify("05.5", r["unweighted"]).message
    assert "two-sided" in verify("05.5", r["one_sided"]).message
    assert not verify("05.5", r["right"] * 1.05).correct


def test_exercise_05_1_accepts_natural_forms_and_the_borderline_coupon_reading():
    right = {c: classify_customization(p, r) for c, (p, r, *_) in CASE_ANSWERS.items()}
    labelled = dict(right, **{"Nike By You sneakers": "Collaborative (협동형)"})
    assert verify("05.1", labelled).correct
    assert verify("05.1", pd.Series(right)).correct
    assert verify("05.1", dict(right, **{"Supermarket till coupons": "cosmetic"})).correct
    verdict = verify("05.1", dict(right, **{"Supermarket till coupons": "adaptive"}))
    assert verdict.status == "wrong" and "Supermarket till coupons" in verdict.message
    table = pd.DataFrame({"approach": right})
    assert "to_dict" in verify("05.1", table).message


def test_exercise_05_4_accepts_three_decimals_and_names_other_slips():
    from helpers.exercises.ex05 import _sessions

    r = _sessions()
    share = r["attributable_share"]
    assert verify("05.4", round(share, 3)).correct
    assert "three decimals" in verify("05.4", share + 0.004).message
    assert "stays anonymous" in verify("05.4", 1 - share).message
    assert "cookies" in verify("05.4", r["linked_cookie_share"]).message
    assert "weight" in verify("05.4", r["unweighted_share"]).message


# --------------------------------------------------------------------------- null models, drift


def test_homogeneous_taste_null_keeps_counts_and_mix_but_not_the_pairing():
    from helpers.personalization import homogeneous_taste_null

    ev = pd.DataFrame({"customer_id": [1] * 50 + [2] * 50, "category": ["a"] * 50 + ["b"] * 50})
    before = ev.copy()
    null = homogeneous_taste_null(ev, random_state=3)
    pd.testing.assert_frame_equal(ev, before)
    assert null["customer_id"].tolist() == ev["customer_id"].tolist()
    assert null["category"].value_counts().to_dict() == {"a": 50, "b": 50}
    # every customer bought one category only; under the null both mix
    assert null.groupby("customer_id")["category"].nunique().tolist() == [2, 2]
    with pytest.raises(ValueError, match="nope"):
        homogeneous_taste_null(ev, item_col="nope")
    with pytest.raises(TypeError, match="random_state"):
        homogeneous_taste_null(ev, random_state=1.5)


def _drift_events(change: bool) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n_cust, per = 300, 8
    cust = np.repeat(np.arange(n_cust), 2 * per)
    year = np.tile(np.repeat([2023, 2024], per), n_cust)
    fav = np.repeat(rng.integers(0, 4, n_cust), 2 * per)
    new_fav = np.where(change & (year == 2024), (fav + 1) % 4, fav)
    cat = np.where(rng.random(len(cust)) < 0.7, new_fav, rng.integers(0, 4, len(cust)))
    return pd.DataFrame({"customer_id": cust, "year": year, "category": cat.astype(str)})


def test_mix_drift_is_near_zero_for_stable_tastes_and_large_for_changed_ones():
    from helpers.personalization import mix_drift

    stable = mix_drift(_drift_events(False), period_col="year", periods=(2023, 2024), n_null=20)
    moved = mix_drift(_drift_events(True), period_col="year", periods=(2023, 2024), n_null=20)
    assert stable["entities"] == 300
    assert stable["null_low"] <= stable["observed"] <= stable["null_high"]
    assert moved["drift"] > 0.3 and moved["observed"] > moved["null_high"]


def test_mix_drift_hand_computed_distance_and_bad_input():
    from helpers.personalization import mix_drift

    ev = pd.DataFrame(
        {"customer_id": [1] * 4, "year": [1, 1, 2, 2], "category": ["a", "b", "a", "a"]}
    )
    # 2023: a 1/2, b 1/2; 2024: a 1 -> TV distance 0.5
    assert mix_drift(ev, period_col="year", periods=(1, 2), min_events=2, n_null=10)[
        "observed"
    ] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="min_events"):
        mix_drift(ev, period_col="year", periods=(1, 2), min_events=3, n_null=10)
    with pytest.raises(ValueError, match="periods"):
        mix_drift(ev, period_col="year", periods=(1, 1))
    with pytest.raises(ValueError, match="n_null"):
        mix_drift(ev, period_col="year", periods=(1, 2), n_null=2)
    with pytest.raises(ValueError, match="order_id"):
        mix_drift(ev, period_col="year", periods=(1, 2), unit_col="order_id")


# --------------------------------------------------------------------------- product recommender


@pytest.fixture
def baskets():
    """Pairs (p0, p1), (p2, p3), ... bought together; later each buyer of one buys its partner."""
    rng = np.random.default_rng(2)
    n = 400
    pair = rng.integers(0, 10, n)
    first = 2 * pair + rng.integers(0, 2, n)
    partner = first ^ 1
    early = pd.DataFrame({"customer_id": np.arange(n), "product_id": first})
    # half of the users also bought both products of their pair before the cutoff
    both = early.iloc[: n // 2].assign(product_id=partner[: n // 2])
    late = early.iloc[n // 2 :].assign(product_id=partner[n // 2 :])
    frame = pd.concat(
        [
            pd.concat([early, both]).assign(order_date=pd.Timestamp("2024-01-01")),
            late.assign(order_date=pd.Timestamp("2024-09-01")),
        ],
        ignore_index=True,
    )
    frame["product_id"] = "p" + frame["product_id"].astype(str).str.zfill(2)
    frame["category"] = np.where(frame["product_id"] < "p10", "x", "y")
    return frame


def test_item_item_cf_recovers_the_pairs_and_popularity_does_not(baskets):
    from helpers.personalization import evaluate_product_recommenders

    before = baskets.copy()
    r = evaluate_product_recommenders(baskets, cutoff="2024-07-01", k=1, n_components=10)
    pd.testing.assert_frame_equal(baskets, before)
    assert r.loc["item-item CF", "recall"] == 1.0
    assert r.loc["popularity", "recall"] < 0.3
    assert r.loc["popularity", "coverage"] == pytest.approx(2 / 20)  # one list, excluding own
    assert (r["users"] == 200).all()
    assert r.loc["matrix factorisation", "recall"] > r.loc["popularity", "recall"]


def test_product_evaluation_equals_plain_numpy(baskets):
    from helpers.personalization import evaluate_product_recommenders

    train = baskets[baskets["order_date"] < "2024-07-01"]
    test = baskets[baskets["order_date"] >= "2024-07-01"]
    X = (pd.crosstab(train["customer_id"], train["product_id"]) > 0).astype(float)
    pop = X.sum()
    users = sorted(set(test["customer_id"]))
    scores = pd.DataFrame(np.tile(pop.to_numpy(), (len(users), 1)), index=users, columns=X.columns)
    scores = scores.mask(X.loc[users].astype(bool), -np.inf)
    top2 = scores.apply(
        lambda r: list(r.sort_values(ascending=False, kind="stable").index[:2]), axis=1
    )
    new = test.groupby("customer_id")["product_id"].apply(set)
    recall = np.mean([len(set(top2[u]) & new[u]) / len(new[u]) for u in users])
    r = evaluate_product_recommenders(baskets, cutoff="2024-07-01", k=2, methods=["popularity"])
    assert r.loc["popularity", "recall"] == pytest.approx(recall)
    share = X.mean()
    novelty = np.mean([-np.log2(share[i]) for u in users for i in top2[u]])
    assert r.loc["popularity", "novelty"] == pytest.approx(novelty)


def test_product_recommender_bad_input(baskets):
    from helpers.personalization import evaluate_product_recommenders, product_scores

    with pytest.raises(ValueError, match="methods"):
        evaluate_product_recommenders(baskets, cutoff="2024-07-01", methods=["magic"])
    with pytest.raises(ValueError, match="k"):
        evaluate_product_recommenders(baskets, cutoff="2024-07-01", k=0)
    with pytest.raises(ValueError, match="larger than the number of products"):
        evaluate_product_recommenders(baskets, cutoff="2024-07-01", k=500)
    with pytest.raises(ValueError, match="cutoff"):
        evaluate_product_recommenders(baskets, cutoff="2030-01-01")
    with pytest.raises(ValueError, match="order_date"):
        evaluate_product_recommenders(baskets.drop(columns="order_date"), cutoff="2024-07-01")
    with pytest.raises(ValueError, match="n_components"):
        product_scores(baskets, method="matrix factorisation", n_components=100)
    with pytest.raises(ValueError, match="category"):
        product_scores(baskets.drop(columns="category"), method="interest profile")


# --- figures in the reader's language ----------------------------------------------------------


@pytest.fixture
def reader_language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def test_figures_speak_korean_in_the_korean_edition_and_english_otherwise(reader_language):
    import re

    import matplotlib.pyplot as plt

    from helpers.plots.personalization import four_faces, mix_vs_null, profile_heatmap

    hangul = re.compile(r"[\uac00-\ud7a3]")
    observed, null = pd.Series([0.5, 0.5], index=[1, 2]), pd.Series([0.2, 0.8], index=[1, 2])
    profiles = pd.DataFrame({"kids": [1.0, 0.2], "books": [0.0, 0.8]}, index=["c1", "c2"])
    try:
        reader_language("ko")
        ax = mix_vs_null(observed, null)
        texts = [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_legend().get_texts()]
        assert all(hangul.search(t) for t in texts), texts
        faces = four_faces()
        assert faces.get_xlabel().startswith("제품이 바뀌는가?")
        assert "협동형 (collaborative)" in [t.get_text() for t in faces.texts]
        heat = profile_heatmap(profiles)
        assert [t.get_text() for t in heat.get_xticklabels()] == ["유아동", "도서"]
        assert heat.get_ylabel() == "쿠키"

        reader_language("en")
        ax = mix_vs_null(observed, null)
        assert ax.get_title(loc="left") == "Real customers against customers with identical tastes"
        assert ax.get_xlabel() == "Categories bought from (count)"
        assert not hangul.search(ax.get_ylabel())
        assert [t.get_text() for t in profile_heatmap(profiles).get_xticklabels()] == [
            "kids",
            "books",
        ]
    finally:
        plt.close("all")


def test_the_k_anonymity_slider_and_table_speak_korean(reader_language):
    from helpers.plots.personalization import k_anonymity_what_if

    df = pd.DataFrame({"region": ["A", "A", "B"], "age_band": ["20s", "20s", "30s"]})
    reader_language("ko")
    box = k_anonymity_what_if(df, {"지역 × 연령대": ["region", "age_band"]}, k=2, k_max=5)
    assert box.children[0].children[0].description == "요구하는 k"


def test_korean_edition_names_the_cases_and_groups_in_korean(reader_language):
    import re

    import matplotlib.pyplot as plt

    from helpers.exercises.ex05 import SHOP_PROJECTS, project_label
    from helpers.personalization import case_label, case_name
    from helpers.plots.personalization import four_faces, group_sizes

    hangul = re.compile(r"[\uac00-\ud7a3]")
    examples = place_offerings(gilmore_pine_examples())
    groups = pd.Series(
        [7, 12],
        index=pd.MultiIndex.from_tuples(
            [("Daejeon", "60+"), ("Seoul", "10s")], names=["region", "age_band"]
        ),
    )
    try:
        reader_language("ko")
        texts = " ".join(t.get_text() for t in four_faces(examples).texts)
        for korean in ["소매 체인별 Planters 땅콩 포장", "Paris Miki 안경", "Lutron 조명"]:
            assert korean in texts
        assert "Paris Miki eyewear" not in texts
        labels = [t.get_text() for t in group_sizes(groups, k=10).get_yticklabels()]
        assert labels == ["대전 · 60대 이상", "서울 · 10대"]
        # every key keeps its English name and gets a Korean one beside it
        for name in list(customization_cases().index) + list(SHOP_PROJECTS):
            label = case_label(name) if name in customization_cases().index else project_label(name)
            assert label.startswith(f"{name} (") and hangul.search(label), label
        assert case_name("ChemStation industrial soap") == "ChemStation 산업용 세제"

        reader_language("en")
        texts = " ".join(t.get_text() for t in four_faces(examples).texts)
        assert "Paris Miki eyewear" in texts
        labels = [t.get_text() for t in group_sizes(groups, k=10).get_yticklabels()]
        assert labels == ["Daejeon · 60+", "Seoul · 10s"]
        assert case_label("Apple free engraving") == "Apple free engraving"
        assert project_label("App home tab the user arranges") == "App home tab the user arranges"
    finally:
        plt.close("all")
