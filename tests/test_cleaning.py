"""helpers.cleaning: every dropped row is reported once, under the first rule that drops it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.cleaning import (
    REPORT_COLUMNS,
    CleaningResult,
    clean_shop_orders,
    clean_transactions,
    iqr_fence,
)


@pytest.fixture
def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [1, 2, 3, 4, 4, 5, 6, 7, 8, 9],
            "customer_id": [10, 10, 11, np.nan, np.nan, 12, 12, 13, 13, 14],
            "amount": [20.0, 30.0, 25.0, 40.0, 40.0, 0.0, 35.0, 22.0, 28.0, 50_000.0],
            "status": [
                "completed",
                "cancelled",
                "returned",
                "completed",
                "completed",
                "completed",
                "completed",
                "completed",
                "completed",
                "completed",
            ],
        },
        index=range(100, 110),
    )


def test_each_reason_is_reported_with_rows_and_money(orders):
    result = clean_transactions(orders, outliers=1_000)
    report = result.report.set_index("reason")
    assert list(result.report.columns) == REPORT_COLUMNS
    assert result.report["step"].tolist() == [
        "status",
        "status",
        "missing_customer",
        "non_positive",
        "outlier",
    ]
    assert report.loc["status is 'cancelled'", "amount_dropped"] == 30.0
    # both lines of guest order 4 go under missing_customer: the first matching step wins
    assert report.loc["no customer id (guest checkout)", "rows_dropped"] == 2
    assert result.report["rows_left"].iloc[-1] == len(result.data) == 4
    assert result.data["order_id"].tolist() == [1, 6, 7, 8]
    assert result.outlier_limit == 1000.0
    assert result.report["share_of_rows"].sum() == pytest.approx(6 / 10)


def test_duplicates_are_dropped_keeping_the_first_copy():
    orders = pd.DataFrame({"customer_id": [1, 1, 1], "amount": [5.0, 5.0, 6.0]})
    result = clean_transactions(orders, status_col=None, outliers=None)
    assert result.data.index.tolist() == [0, 2]
    assert result.report["step"].tolist() == ["duplicate"]
    assert result.dropped["drop_reason"].tolist() == ["duplicate"]


def test_duplicate_subset_and_switch():
    orders = pd.DataFrame({"order_id": [1, 1], "customer_id": [1, 1], "amount": [5.0, 7.0]})
    assert len(clean_transactions(orders, status_col=None, outliers=None).data) == 2
    by_id = clean_transactions(
        orders, status_col=None, outliers=None, duplicate_subset=["order_id"]
    )
    assert len(by_id.data) == 1
    off = clean_transactions(
        orders, status_col=None, outliers=None, duplicate_subset=["order_id"], drop_duplicates=False
    )
    assert len(off.data) == 2


def test_positive_cols_for_order_lines():
    lines = pd.DataFrame(
        {"customer_id": [1, 1, 1], "quantity": [2, -1, 3], "unit_price": [1.5, 1.5, 0.0]}
    ).assign(amount=lambda d: d["quantity"] * d["unit_price"])
    result = clean_transactions(
        lines, status_col=None, outliers=None, positive_cols=["quantity", "unit_price"]
    )
    assert result.data.index.tolist() == [0]
    assert result.report["reason"].iloc[0] == "quantity or unit_price missing, zero or negative"


def test_iqr_rule_states_its_limit_and_drops_the_wholesale_order():
    rng = np.random.default_rng(0)
    amount = np.r_[rng.lognormal(3.5, 0.5, 500), 80_000.0]
    orders = pd.DataFrame({"customer_id": np.arange(501), "amount": amount})
    result = clean_transactions(orders, status_col=None)
    assert result.dropped.index.tolist() == [500]
    assert result.outlier_limit == pytest.approx(iqr_fence(amount))  # fence from all rows left
    assert "Tukey fence" in result.report["reason"].iloc[0]


def test_iqr_fence_hand_computed():
    logs = np.log([10.0, 20.0, 40.0, 80.0])
    q1, q3 = np.quantile(logs, [0.25, 0.75])
    assert iqr_fence([10.0, 20.0, 40.0, 80.0], k=1.5) == pytest.approx(np.exp(q3 + 1.5 * (q3 - q1)))
    with pytest.raises(ValueError, match="positive"):
        iqr_fence([0.0, -1.0])


def test_result_unpacks_and_describes_itself(orders):
    result = clean_transactions(orders, outliers=None)
    data, report = result
    assert isinstance(result, CleaningResult)
    assert data is result.data and report is result.report
    assert repr(result).startswith("CleaningResult(kept 5 of 10 rows; dropped: status 1, status 1")


def test_nothing_to_drop_gives_an_empty_report():
    orders = pd.DataFrame(
        {"customer_id": [1, 2], "amount": [3.0, 4.0], "status": ["completed"] * 2}
    )
    result = clean_transactions(orders, outliers=None)
    assert result.report.empty and list(result.report.columns) == REPORT_COLUMNS
    assert len(result.data) == 2


def test_clean_does_not_mutate_its_input(orders):
    before = orders.copy()
    clean_transactions(orders)
    pd.testing.assert_frame_equal(orders, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"amount_col": "total"}, ValueError, "'total'"),
        ({"status_col": "state"}, ValueError, "'state'"),
        ({"keep_status": "completed"}, TypeError, "keep_status"),
        ({"outliers": "zscore"}, ValueError, "outliers"),
    ],
)
def test_bad_options_get_clear_errors(orders, kwargs, error, message):
    with pytest.raises(error, match=message):
        clean_transactions(orders, **kwargs)


def test_bad_data_gets_clear_errors(orders):
    with pytest.raises(TypeError, match="DataFrame"):
        clean_transactions(orders.to_dict())
    with pytest.raises(ValueError, match="empty"):
        clean_transactions(orders.iloc[:0])
    with pytest.raises(TypeError, match="'amount' must be numeric"):
        clean_transactions(orders.assign(amount=orders["amount"].astype(str)))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 5)),
            st.floats(-10, 1e5, allow_nan=False),
            st.sampled_from(["completed", "cancelled", "returned"]),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_every_row_is_kept_or_dropped_exactly_once(rows):
    df = pd.DataFrame(rows, columns=["customer_id", "amount", "status"])
    result = clean_transactions(df)
    assert len(result.data) + len(result.dropped) == len(df)
    assert result.report["rows_dropped"].sum() == len(result.dropped)
    assert set(result.data.index).isdisjoint(result.dropped.index)
    kept = result.data
    assert (kept["status"] == "completed").all() and kept["customer_id"].notna().all()
    assert (kept["amount"] > 0).all() and not kept.duplicated().any()


def test_outlier_rule_on_another_column_names_it():
    orders = pd.DataFrame(
        {"customer_id": range(6), "amount": [10.0] * 6, "units": [1, 2, 1, 2, 1, 90]}
    )
    result = clean_transactions(orders, status_col=None, outliers=50, outlier_col="units")
    assert result.dropped.index.tolist() == [5]
    assert result.report["reason"].iloc[0] == "units above 50 (fixed limit)"


def test_clean_shop_orders_counts_units_without_duplicate_lines_and_drops_wholesale():
    rng = np.random.default_rng(1)
    n = 300
    customer = pd.array(np.arange(n), dtype="Int64")
    customer[n - 1] = pd.NA  # a guest order
    orders = pd.DataFrame(
        {
            "order_id": np.arange(n),
            "customer_id": customer,
            "amount": rng.integers(10_000, 90_000, n),
            "status": ["completed"] * (n - 2) + ["returned", "completed"],
        }
    )
    quantity = rng.integers(1, 4, n)
    quantity[5] = 120  # a wholesale order
    items = pd.DataFrame({"order_id": np.arange(n), "product_id": 101, "quantity": quantity})
    extra = pd.DataFrame(
        {"order_id": [0, 7], "product_id": [101, 102], "quantity": [quantity[0], 1]}
    )
    items = pd.concat([items, extra], ignore_index=True)  # order 0: a duplicated line
    before = orders.copy()
    result = clean_shop_orders(orders, items)
    pd.testing.assert_frame_equal(orders, before)
    data = result.data.set_index("order_id")
    assert data.loc[0, "units"] == quantity[0]  # the duplicate line is not counted
    assert data.loc[7, "units"] == quantity[7] + 1  # two distinct lines
    assert result.report["step"].tolist() == ["status", "missing_customer", "outlier"]
    assert result.dropped.query("drop_reason == 'outlier'")["order_id"].tolist() == [5]
    assert result.report["reason"].iloc[-1].startswith("units above")


def test_clean_shop_orders_checks_its_inputs():
    with pytest.raises(ValueError, match="'quantity'"):
        clean_shop_orders(pd.DataFrame({"order_id": [1]}), pd.DataFrame({"order_id": [1]}))
    with pytest.raises(TypeError, match="order_items"):
        clean_shop_orders(pd.DataFrame({"order_id": [1]}), [1])


@pytest.fixture
def language():
    from helpers.language import set_language

    yield set_language
    set_language(None)


def test_reasons_and_repr_speak_the_readers_language(orders, language):
    language("ko")
    result = clean_transactions(orders.iloc[[0, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9]], outliers=1_000)
    assert result.report["reason"].tolist()[:4] == [
        "상태가 'cancelled'(취소)",
        "상태가 'returned'(반품)",
        "고객 ID 없음(비회원 주문)",
        "앞 행과 완전히 같은 중복 행(모든 열)",
    ]
    assert result.report["reason"].iloc[-1] == "금액 1,000원 초과(고정 한도)"
    assert result.report["step"].tolist()[:3] == ["status", "status", "missing_customer"]
    assert repr(result) == (
        "CleaningResult(11행 중 4행 유지; "
        "제외: 취소 1, 반품 1, 고객 ID 없음 2, 중복 1, 0 이하·결측 1, 이상치 1)"
    )
    units = clean_transactions(
        orders.assign(units=[1, 2, 2, 1, 1, 2, 1, 2, 1, 500]), outlier_col="units"
    ).report
    assert units["reason"].iloc[-1].startswith("수량 ")
    assert units["reason"].iloc[-1].endswith("개 초과(로그 수량의 Tukey 울타리 Q3 + 3×IQR)")
    language("en")
    english = clean_transactions(orders, outliers=1_000)
    assert english.report["reason"].iloc[0] == "status is 'cancelled'"
    assert "dropped: status 1, status 1, missing_customer 2" in repr(english)
