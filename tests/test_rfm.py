"""helpers.rfm: hand-computed RFM tables, score properties, segments, scoring at past dates."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.rfm import (
    RFM_COLUMNS,
    TIE_SEED,
    rfm_at,
    rfm_scores,
    rfm_segments,
    rfm_table,
    score_contacts,
    segment_rules,
)


@pytest.fixture
def tx() -> pd.DataFrame:
    """Three customers; customer 1 has a two-line order and two orders on the same day."""
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 1, 2, 3, 3],
            "order_id": ["A", "A", "B", "C", "D", "E", "F"],
            "order_date": pd.to_datetime(
                [
                    "2024-01-01 09:00",
                    "2024-01-01 09:00",
                    "2024-01-20 10:00",
                    "2024-01-20 18:30",
                    "2024-01-31 23:59",
                    "2024-01-05 00:00",
                    "2024-01-15 00:00",
                ]
            ),
            "amount": [10.0, 5.0, 20.0, 30.0, 100.0, 7.0, 8.0],
        }
    )


# ---------------------------------------------------------------------------------------------
# rfm_table: hand-computed cases


def test_rfm_table_hand_computed(tx):
    got = rfm_table(tx)
    # as_of defaults to the day after the last transaction: 2024-02-01
    expected = pd.DataFrame(
        {
            "recency": [12, 1, 17],  # 01-20 -> 02-01, 01-31 -> 02-01, 01-15 -> 02-01
            "frequency": [3, 1, 2],  # orders A, B, C; D; E, F
            "monetary": [65.0, 100.0, 15.0],
            "avg_order_value": [65 / 3, 100.0, 7.5],
        },
        index=pd.Index([1, 2, 3], name="customer_id"),
    )
    pd.testing.assert_frame_equal(got, expected)
    assert list(got.columns) == RFM_COLUMNS


def test_recency_counts_from_last_purchase_to_explicit_as_of(tx):
    got = rfm_table(tx, as_of="2024-03-01")
    assert got.loc[1, "recency"] == 41  # 2024-01-20 -> 2024-03-01
    assert got.loc[2, "recency"] == 30  # time of day (23:59) is ignored: whole calendar days


def test_as_of_on_the_last_day_gives_recency_zero(tx):
    assert rfm_table(tx, as_of="2024-01-31").loc[2, "recency"] == 0


def test_multi_line_order_counts_once_and_sums_its_lines(tx):
    one = tx[tx["order_id"] == "A"]
    got = rfm_table(one)
    assert got.loc[1, "frequency"] == 1
    assert got.loc[1, "monetary"] == 15.0


def test_same_day_orders_count_as_two_orders_but_one_purchase_day(tx):
    same_day = tx[tx["order_id"].isin(["B", "C"])]
    assert rfm_table(same_day).loc[1, "frequency"] == 2
    assert rfm_table(same_day, order_col=None).loc[1, "frequency"] == 1


def test_without_order_column_frequency_is_distinct_purchase_days(tx):
    got = rfm_table(tx.drop(columns="order_id"), order_col=None)
    assert got["frequency"].tolist() == [2, 1, 2]


def test_reused_order_id_across_customers_is_counted_per_customer():
    tx = pd.DataFrame(
        {
            "customer_id": ["x", "y", "y"],
            "order_id": [1, 1, 2],
            "order_date": ["2024-01-01", "2024-01-02", "2024-01-03"],
            "amount": [1.0, 2.0, 3.0],
        }
    )
    assert rfm_table(tx)["frequency"].to_dict() == {"x": 1, "y": 2}


def test_text_dates_and_string_ids_work():
    tx = pd.DataFrame(
        {
            "cust": ["b", "a"],
            "inv": ["1", "2"],
            "when": ["2024-05-01", "2024-05-03"],
            "spend": [3, 4],
        }
    )
    got = rfm_table(tx, customer_col="cust", date_col="when", amount_col="spend", order_col="inv")
    assert got.index.tolist() == ["a", "b"]
    assert got.index.name == "cust"
    assert got["recency"].tolist() == [1, 3]


def test_rfm_table_matches_a_plain_groupby_on_random_data():
    rng = np.random.default_rng(3)
    n = 2_000
    tx = pd.DataFrame(
        {
            "customer_id": rng.integers(0, 150, n),
            "order_id": rng.integers(0, 900, n),
            "order_date": pd.Timestamp("2020-01-01")
            + pd.to_timedelta(rng.integers(0, 400, n), "D"),
            "amount": rng.gamma(2.0, 10.0, n).round(2),
        }
    )
    got = rfm_table(tx, as_of="2021-03-01")
    ref = tx.groupby("customer_id").agg(
        last=("order_date", "max"), frequency=("order_id", "nunique"), monetary=("amount", "sum")
    )
    assert (got["recency"] == (pd.Timestamp("2021-03-01") - ref["last"]).dt.days).all()
    assert (got["frequency"] == ref["frequency"]).all()
    np.testing.assert_allclose(got["monetary"], ref["monetary"])


def test_rfm_table_does_not_mutate_its_input(tx):
    before = tx.copy()
    rfm_table(tx)
    rfm_table(tx.assign(order_date=tx["order_date"].astype(str)))
    pd.testing.assert_frame_equal(tx, before)


# ---------------------------------------------------------------------------------------------
# rfm_table: bad input


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda d: d.drop(columns="amount"), ValueError, "'amount'"),
        (lambda d: d.iloc[:0], ValueError, "empty"),
        (lambda d: d.assign(amount=d["amount"].astype(str)), TypeError, "'amount'.*numeric"),
        (
            lambda d: d.assign(amount=np.where(d.index == 0, np.nan, d["amount"])),
            ValueError,
            "missing amount",
        ),
        (
            lambda d: d.assign(order_date=d["order_date"].where(d.index > 0)),
            ValueError,
            "missing date",
        ),
        (
            lambda d: d.assign(order_date=["2024-01-01", "not a date", *["2024-01-02"] * 5]),
            ValueError,
            "not dates.*'not a date'",
        ),
        (lambda d: d.assign(order_date=20240101), TypeError, "'order_date' holds numbers"),
        (
            lambda d: d.assign(customer_id=d["customer_id"].astype("Float64").where(d.index > 0)),
            ValueError,
            "missing customer id",
        ),
        (
            lambda d: d.assign(order_id=d["order_id"].where(d.index > 0)),
            ValueError,
            "missing order id",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(tx, change, error, message):
    with pytest.raises(error, match=message):
        rfm_table(change(tx))


def test_as_of_before_the_last_transaction_is_refused(tx):
    with pytest.raises(ValueError, match="before the last transaction"):
        rfm_table(tx, as_of="2024-01-30")


def test_unparseable_as_of_is_refused(tx):
    with pytest.raises(ValueError, match="as_of"):
        rfm_table(tx, as_of="someday")


def test_not_a_dataframe_is_refused(tx):
    with pytest.raises(TypeError, match="DataFrame"):
        rfm_table(tx.to_dict())


def test_missing_column_error_names_the_keyword(tx):
    with pytest.raises(ValueError, match="date_col="):
        rfm_table(tx, date_col="date")


# ---------------------------------------------------------------------------------------------
# rfm_scores


def test_scores_hand_computed_with_ties_broken_by_the_seeded_random_order():
    rfm = pd.DataFrame(
        {
            "recency": [10, 10, 10, 10, 10],
            "frequency": [1, 1, 2, 2, 9],
            "monetary": [50.0, 10.0, 30.0, 20.0, 40.0],
        },
        index=list("abcde"),
    )
    got = rfm_scores(rfm, random_state=3)
    # the random order: RandomState(3).permutation(5) = [3, 4, 1, 0, 2] -> d, e, b, a, c
    assert np.random.RandomState(3).permutation(5).tolist() == [3, 4, 1, 0, 2]
    # all recencies tie: R follows the random order (d gets R 1, then e, b, a, c)
    assert got["R"].tolist() == [4, 3, 5, 1, 2]
    # frequency ties: 1 = {a, b} and 2 = {c, d}; in the random order b comes before a and d
    # before c
    assert got["F"].tolist() == [2, 1, 4, 3, 5]
    assert got["M"].tolist() == [5, 1, 3, 2, 4]  # no ties: plain order of spend
    assert got["rfm_cell"].tolist() == ["425", "311", "543", "132", "254"]
    assert got["rfm_score"].tolist() == [11, 5, 12, 6, 11]


def test_ties_do_not_follow_customer_id():
    # 10,000 customers in id order, all with the same recency and frequency: under the old rule
    # (order of appearance) R and F would rise one-for-one with the id, i.e. with tenure
    n = 10_000
    rfm = pd.DataFrame(
        {"recency": 5, "frequency": 1, "monetary": np.arange(n, dtype=float)},
        index=pd.Index(np.arange(n), name="customer_id"),
    )
    got = rfm_scores(rfm)
    for col in ("R", "F"):
        assert abs(np.corrcoef(got[col], rfm.index)[0, 1]) < 0.05
        assert got[col].value_counts().tolist() == [n // 5] * 5
    assert (got["M"] == np.repeat([1, 2, 3, 4, 5], n // 5)).all()  # no ties: by value


def test_tie_seed_is_the_default_and_other_seeds_reorder_ties():
    rfm = pd.DataFrame({"recency": [1] * 50, "frequency": [1] * 50, "monetary": [1.0] * 50})
    default = rfm_scores(rfm)
    pd.testing.assert_frame_equal(default, rfm_scores(rfm, random_state=TIE_SEED))
    assert TIE_SEED == 2024
    other = rfm_scores(rfm, random_state=1)
    assert not (other["R"] == default["R"]).all()
    assert sorted(other["R"]) == sorted(default["R"])  # same sizes, other customers


@pytest.mark.parametrize("seed", [TIE_SEED, 0, 99])
def test_scores_equal_the_plain_pandas_shuffle_rank_qcut(seed):
    rng = np.random.default_rng(seed)
    n = 997
    rfm = pd.DataFrame(
        {
            "recency": rng.integers(1, 40, n),
            "frequency": rng.integers(1, 5, n),
            "monetary": rng.integers(1, 30, n) * 10.0,
        },
        index=pd.Index(rng.permutation(n) + 100, name="customer_id"),
    )
    got = rfm_scores(rfm, random_state=seed)
    shuffled = rfm.sample(frac=1, random_state=seed)
    labels = [1, 2, 3, 4, 5]
    for col, value, ascending in [("R", "recency", False), ("F", "frequency", True),
                                  ("M", "monetary", True)]:  # fmt: skip
        ranks = shuffled[value].rank(method="first", ascending=ascending)
        expected = pd.qcut(ranks, 5, labels=labels).astype("int64").reindex(rfm.index)
        assert (got[col] == expected).all(), col


@settings(max_examples=80, deadline=None)
@given(n=st.integers(2, 400), bins=st.sampled_from([2, 3, 4, 5, 10]))
def test_the_cut_equals_pandas_qcut_of_the_rank(n, bins):
    rfm = pd.DataFrame({"recency": np.arange(n), "frequency": 1, "monetary": np.arange(n) * 1.0})
    got = rfm_scores(rfm, bins=bins)["M"].to_numpy()
    expected = pd.qcut(np.arange(1, n + 1), bins, labels=False) + 1
    assert (got == expected).all()


def test_bad_random_state_is_refused():
    rfm = pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]})
    with pytest.raises(TypeError, match="random_state"):
        rfm_scores(rfm, random_state=None)
    with pytest.raises(ValueError, match="random_state"):
        rfm_scores(rfm, random_state=-1)


def test_infinite_values_are_refused_before_scoring():
    rfm = pd.DataFrame({"recency": [1, 2], "frequency": [1, 1], "monetary": [1.0, np.inf]})
    with pytest.raises(ValueError, match="'monetary'.*infinite"):
        rfm_scores(rfm)


def test_most_recent_customers_get_r5():
    rfm = pd.DataFrame({"recency": [1, 400], "frequency": [1, 1], "monetary": [1.0, 1.0]})
    assert rfm_scores(rfm, bins=2)["R"].tolist() == [2, 1]


def test_scores_keep_the_rfm_columns_and_do_not_mutate():
    rfm = pd.DataFrame({"recency": [3, 2, 1], "frequency": [1, 2, 3], "monetary": [1.0, 2.0, 3.0]})
    before = rfm.copy()
    got = rfm_scores(rfm, bins=3)
    pd.testing.assert_frame_equal(rfm, before)
    pd.testing.assert_frame_equal(got[rfm.columns], rfm)


def test_bins_above_nine_join_the_cell_with_dashes():
    rfm = pd.DataFrame({"recency": range(10), "frequency": range(10), "monetary": range(10)})
    assert rfm_scores(rfm, bins=10)["rfm_cell"].iloc[0] == "10-1-1"


def test_equal_width_bins_put_skewed_spend_mostly_in_score_one():
    rfm = pd.DataFrame(
        {"recency": range(1, 11), "frequency": [1] * 10, "monetary": [1.0] * 9 + [1000.0]}
    )
    got = rfm_scores(rfm, method="equal_width")
    assert got["M"].tolist() == [1] * 9 + [5]
    assert got["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert rfm_scores(rfm)["M"].value_counts().tolist() == [2] * 5


@pytest.mark.parametrize(
    ("bins", "error"), [(0, ValueError), (-1, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_bad_bins_are_refused(bins, error):
    rfm = pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]})
    with pytest.raises(error, match="bins"):
        rfm_scores(rfm, bins=bins)


def test_scores_need_rfm_columns_and_rows():
    with pytest.raises(ValueError, match="'monetary'"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1]}))
    with pytest.raises(ValueError, match="empty"):
        rfm_scores(pd.DataFrame({"recency": [], "frequency": [], "monetary": []}))
    with pytest.raises(ValueError, match="method"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]}), method="x")


rfm_frames = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 30), min_size=n, max_size=n),
        st.lists(st.integers(1, 6), min_size=n, max_size=n),
        st.lists(st.floats(0, 1e4, allow_nan=False), min_size=n, max_size=n),
    )
)


@settings(max_examples=150, deadline=None)
@given(data=rfm_frames, bins=st.integers(1, 9))
def test_score_properties(data, bins):
    recency, frequency, monetary = data
    rfm = pd.DataFrame({"recency": recency, "frequency": frequency, "monetary": monetary})
    got = rfm_scores(rfm, bins=bins)
    n = len(rfm)
    for col, value, better in [
        ("R", "recency", -1),
        ("F", "frequency", 1),
        ("M", "monetary", 1),
    ]:
        s = got[col].to_numpy()
        # within 1..bins
        assert s.min() >= 1 and s.max() <= bins
        # balanced: every score holds n/bins customers, ±1
        counts = np.bincount(s, minlength=bins + 1)[1:]
        assert counts.max() - counts.min() <= 1
        assert counts.sum() == n
        # monotone: a strictly better value never gets a lower score
        v = better * rfm[value].to_numpy()
        better_pairs = v[:, None] > v[None, :]
        assert (s[:, None] >= s[None, :])[better_pairs].all()
    assert (got["rfm_score"] == got["R"] + got["F"] + got["M"]).all()


# ---------------------------------------------------------------------------------------------
# rfm_segments


def test_default_rules_name_every_one_of_the_125_cells():
    cells = pd.DataFrame(list(itertools.product(range(1, 6), repeat=3)), columns=["R", "F", "M"])
    got = rfm_segments(cells)
    assert "Other" not in got["segment"].cat.categories
    assert got["segment"].notna().all()
    assert list(got["segment"].cat.categories) == segment_rules()["segment"].tolist()
    assert 6 <= got["segment"].nunique() <= 8


@pytest.mark.parametrize(
    ("r", "f", "m", "segment"),
    [
        (5, 5, 5, "Champions"),
        (4, 4, 4, "Champions"),
        (5, 5, 1, "Loyal"),
        (3, 5, 5, "Loyal"),
        (5, 2, 3, "Potential loyalists"),
        (5, 1, 1, "New"),
        (1, 5, 5, "Can't lose them"),
        (2, 4, 2, "At risk"),
        (1, 3, 5, "At risk"),
        (3, 2, 2, "Hibernating"),
        (2, 1, 4, "Hibernating"),
        (1, 1, 1, "Lost"),
    ],
)
def test_segment_rules_hand_checked(r, f, m, segment):
    got = rfm_segments(pd.DataFrame({"R": [r], "F": [f], "M": [m]}))
    assert got["segment"].iloc[0] == segment


def test_custom_rules_and_unmatched_customers_are_other():
    rules = pd.DataFrame(
        {
            "segment": ["Top"],
            "R_min": [3],
            "R_max": [3],
            "F_min": [1],
            "F_max": [3],
            "M_min": [1],
            "M_max": [3],
        }
    )
    got = rfm_segments(pd.DataFrame({"R": [3, 1], "F": [3, 1], "M": [3, 1]}), rules=rules)
    assert got["segment"].tolist() == ["Top", "Other"]


def test_default_rules_refuse_other_scales():
    with pytest.raises(ValueError, match="scores 1–5"):
        rfm_segments(pd.DataFrame({"R": [7], "F": [1], "M": [1]}))


def test_segment_rules_is_a_copy():
    rules = segment_rules()
    rules.loc[0, "segment"] = "changed"
    assert segment_rules().loc[0, "segment"] == "Champions"


# ---------------------------------------------------------------------------------------------
# scoring at past dates


def test_rfm_at_uses_only_transactions_before_each_date(tx):
    got = rfm_at(tx, ["2024-01-20", "2024-02-01"], bins=3)
    early = got.loc[pd.Timestamp("2024-01-20")]
    # on 2024-01-20 customer 1's orders B and C (that day) are not yet known; customer 2 not yet a customer
    assert early.loc[1, "frequency"] == 1 and early.loc[1, "recency"] == 19
    assert 2 not in early.index
    expected = rfm_scores(rfm_table(tx, as_of="2024-02-01"), 3)
    pd.testing.assert_frame_equal(got.loc[pd.Timestamp("2024-02-01")], expected)


def test_rfm_at_skips_dates_before_any_purchase(tx):
    got = rfm_at(tx, ["2023-06-01", "2024-01-02"], bins=2)
    assert got.index.get_level_values("as_of").unique().tolist() == [pd.Timestamp("2024-01-02")]


def test_rfm_at_refuses_a_single_date(tx):
    with pytest.raises(TypeError, match="list"):
        rfm_at(tx, "2024-01-02")


def test_score_contacts_scores_at_sending_time_and_keeps_rows(tx):
    contacts = pd.DataFrame(
        {
            "customer_id": [3, 1, 9, 1],
            "sent_at": ["2024-01-20 08:00", "2024-01-20 08:00", "2024-01-20", "2024-02-01"],
        },
        index=[10, 11, 12, 13],
    )
    before = contacts.copy()
    got = score_contacts(contacts, tx, bins=2)
    pd.testing.assert_frame_equal(contacts, before)
    assert got.index.tolist() == [10, 11, 12, 13]
    # customer 1 on 01-20: only order A (01-01) counts, not B and C bought that very day
    assert got.loc[11, "frequency"] == 1 and got.loc[11, "recency"] == 19
    assert got.loc[13, "frequency"] == 3
    assert np.isnan(got.loc[12, "R"])  # no purchase before the send date
    assert got.loc[10, "recency"] == 5


# ---------------------------------------------------------------------------------------------
# figures show what they claim


@pytest.fixture
def scored():
    rng = np.random.default_rng(5)
    rfm = pd.DataFrame(
        {
            "recency": rng.integers(1, 400, 200),
            "frequency": rng.integers(1, 12, 200),
            "monetary": rng.gamma(2.0, 50.0, 200),
        }
    )
    return rfm_segments(rfm_scores(rfm))


def test_rf_heatmap_shows_mean_monetary_per_cell(scored):
    import matplotlib.pyplot as plt

    from helpers.plots.rfm import rf_heatmap

    ax = rf_heatmap(scored, title="Frequent buyers spend most", unit="USD")
    table = ax.rf_table
    assert table.index.tolist() == [5, 4, 3, 2, 1]  # R = 5 on top
    assert table.loc[5, 5] == pytest.approx(scored.query("R == 5 and F == 5")["monetary"].mean())
    assert ax.get_title(loc="left") == "Frequent buyers spend most"
    assert "R score" in ax.get_ylabel() and "F score" in ax.get_xlabel()
    plt.close("all")


def test_segment_shares_bars_sum_to_one(scored):
    import matplotlib.pyplot as plt

    from helpers.plots.rfm import segment_shares

    axes = segment_shares(scored, title="Champions bring most revenue")
    customers = [p.get_width() for p in axes[0].patches]
    revenue = [p.get_width() for p in axes[1].patches]
    assert sum(customers) == pytest.approx(1) and sum(revenue) == pytest.approx(1)
    champions = scored["segment"] == "Champions"
    assert revenue[0] == pytest.approx(
        scored.loc[champions, "monetary"].sum() / scored["monetary"].sum()
    )
    plt.close("all")


def test_rate_by_score_and_score_counts_draw_their_values():
    import matplotlib.pyplot as plt

    from helpers.plots.rfm import rate_by_score, rfm_distributions, score_counts

    ax = rate_by_score(pd.Series([0.1, 0.4], index=[3, 15]), average=0.2, title="t", ylabel="rate")
    assert [p.get_height() for p in ax.patches] == [0.1, 0.4]
    assert ax.get_xlabel() == "RFM score (R + F + M)"
    counts = pd.DataFrame({"quantile": [2, 2], "equal width": [3, 1]}, index=[1, 2])
    ax = score_counts(counts, title="t")
    assert sorted(p.get_height() for p in ax.patches) == [1, 2, 2, 3]
    rfm = pd.DataFrame({"recency": [1, 5], "frequency": [1, 3], "monetary": [10.0, 99.0]})
    axes = rfm_distributions(rfm, currency="USD", title="t")
    assert "USD" in axes[2].get_xlabel()
    with pytest.raises(ValueError, match="empty"):
        rate_by_score(pd.Series(dtype=float), title="t", ylabel="y")
    plt.close("all")


def test_exercise_02_hints_name_the_misconception():
    """The 02 checkers answer common wrong answers with the matching hint, not a generic one."""
    from helpers.checks import verify
    from helpers.exercises import ex02

    recency = ex02._recency_cases()["right"]
    assert verify("02.1", recency).correct
    assert ".days" in verify("02.1", pd.Timedelta(days=recency)).message
    assert "FIRST" in verify("02.1", ex02._recency_cases()["from_first"]).message
    assert "off by one" in verify("02.1", recency - 1).message

    scores = ex02._cdnow_scores()
    by_frequency = scores.sort_values(["rfm_score", "frequency"], ascending=False).index[:10]
    assert "monetary" in verify("02.2", list(by_frequency)).message

    lift = ex02._lift_cases()["right"]
    assert verify("02.3", lift).correct
    assert "rounded" in verify("02.3", round(lift, 1)).message
    assert "other way" in verify("02.3", 1 / lift).message

    share = ex02._cleaning_cases()
    assert verify("02.4", share["right"]).correct
    assert "rounded" in verify("02.4", round(share["right"], 2)).message
    assert "discount" in verify("02.4", share["gross_with_discount"]).message


# ---------------------------------------------------------------------------------------------
# The Korean edition: the figures of helpers.plots.rfm label themselves in the reader's language


@pytest.fixture
def language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def _texts(ax) -> list[str]:
    """Axis labels, then legend entries and legend title (if any) of an Axes."""
    texts = [ax.get_xlabel(), ax.get_ylabel()]
    legend = ax.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
        texts += [legend.get_title().get_text()] if legend.get_title().get_text() else []
    return texts


def test_rfm_figures_label_themselves_in_korean_and_in_english(language):
    import matplotlib.pyplot as plt

    from helpers.plots import rfm as rfm_plots

    rates = pd.Series([0.1, 0.3], index=[3, 15])
    bands = pd.DataFrame(
        {"treated_rate": [0.1, 0.3], "control_rate": [0.05, 0.25]}, index=["3-6", "13-15"]
    )
    scores = pd.DataFrame({"R": [1, 5], "F": [1, 5], "monetary": [10.0, 40.0]})
    try:
        language("ko")
        ax = rfm_plots.rate_by_score(
            rates, average=0.2, title="점수가 높을수록 더 반응한다", ylabel="반응률"
        )
        assert ax.get_title(loc="left") == "점수가 높을수록 더 반응한다"
        assert _texts(ax) == ["RFM 점수(R + F + M)", "반응률", "평균 20%"]
        ax = rfm_plots.treated_vs_control(bands, title="t")
        assert _texts(ax) == [
            "발송 시점의 RFM 점수",
            "14일 안에 구매한 비율",
            "연락받음",
            "연락받지 않음(통제집단)",
        ]
        assert [t.get_text() for t in ax.texts] == ["+5.0%p", "+5.0%p"]
        ax = rfm_plots.rf_heatmap(scores, title="t", unit="USD")
        assert (ax.get_xlabel(), ax.get_ylabel()) == (
            "F 점수(5 = 주문이 가장 많음)",
            "R 점수(5 = 가장 최근)",
        )
        assert ax.figure.axes[-1].get_ylabel() == "평균 구매금액 (USD)"
        counts = pd.DataFrame({"quantile": [2, 2], "equal width": [3, 1]}, index=[1, 2])
        assert _texts(rfm_plots.score_counts(counts, title="t")) == [
            "점수",
            "고객 수",
            "분위수",
            "등간격",
            "구간 방식",
        ]
        segments = pd.DataFrame({"segment": ["Champions", "Lost"], "monetary": [90.0, 10.0]})
        axes = rfm_plots.segment_shares(segments, title="t")
        assert [t.get_text() for t in axes[0].get_yticklabels()] == [
            "최우수 고객\n(Champions)",
            "이탈 고객\n(Lost)",
        ]
        assert axes[1].get_title(loc="left") == "매출 비율"
        plt.close("all")

        language("en")
        ax = rfm_plots.rate_by_score(
            rates, average=0.2, title="Higher scores respond more", ylabel="Response rate"
        )
        assert _texts(ax) == ["RFM score (R + F + M)", "Response rate", "average 20%"]
        ax = rfm_plots.treated_vs_control(bands, title="t")
        assert _texts(ax) == [
            "RFM score at sending",
            "bought within 14 days",
            "contacted",
            "not contacted (control)",
        ]
        assert [t.get_text() for t in ax.texts] == ["+5.0 pts", "+5.0 pts"]
        axes = rfm_plots.segment_shares(segments, title="t")
        assert [t.get_text() for t in axes[0].get_yticklabels()] == ["Champions", "Lost"]
    finally:
        plt.close("all")


def test_gains_chart_and_distributions_speak_korean(language):
    import matplotlib.pyplot as plt

    from helpers.plots import rfm as rfm_plots

    x = pd.Index([0.0, 0.5, 1.0])
    curves = pd.DataFrame({"RFM": [0.0, 0.8, 1.0], "perfect": [0.0, 0.9, 1.0]}, index=x)
    rfm = pd.DataFrame(
        {"recency": [1, 5, 9], "frequency": [1, 2, 4], "monetary": [5.0, 20.0, 80.0]}
    )
    try:
        language("ko")
        ax = rfm_plots.gains_chart(curves, title="t", marks=(0.5,))
        assert _texts(ax) == [
            "발송한 고객(점수 높은 순)",
            "다음 기간 구매액 중 도달한 비율",
            "RFM",
            "완벽한 순위",
            "무작위 순서",
        ]
        axes = rfm_plots.rfm_distributions(rfm, currency="USD", title="t")
        assert [a.get_title(loc="left") for a in axes] == [
            "최근성(Recency)",
            "빈도(Frequency)",
            "구매금액(Monetary)",
        ]
        assert axes[2].get_xlabel() == "총구매액, USD(로그 눈금)"
        language("en")
        axes = rfm_plots.rfm_distributions(rfm, currency="USD", title="t")
        assert [a.get_title(loc="left") for a in axes] == [
            "Recency (최근성)",
            "Frequency (빈도)",
            "Monetary (구매금액)",
        ]
        ax = rfm_plots.gains_chart(curves, title="t", marks=(0.5,))
        assert _texts(ax)[-2:] == ["perfect", "random order"]
    finally:
        plt.close("all")


def test_segment_rules_tell_the_action_in_the_readers_language(language):
    from helpers.rfm import SEGMENT_RULES

    language("ko")
    korean = segment_rules()
    assert korean["segment"].tolist() == SEGMENT_RULES["segment"].tolist()  # keys stay English
    assert korean.loc[0, "action"] == "보상·우선 공개·추천 요청"
    assert korean.loc[7, "action"] == "저비용 재활성화만, 또는 포기"
    assert SEGMENT_RULES.loc[0, "action"] == "reward, early access, ask for referrals"
    language("en")
    assert segment_rules()["action"].tolist() == SEGMENT_RULES["action"].tolist()
