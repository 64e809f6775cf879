"""helpers.rfm.rfm_sql and helpers.sql.clv_summary_sql: the SQL path gives the pandas path's result.

Identical frames (index, dtypes, values) on CDNOW and on the shop, from a DataFrame, a CSV and a
Parquet file; the SQL text is portable (no engine-specific functions); bad input is refused
with the same messages as the pandas twins.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd
import pytest

from helpers.cleaning import clean_transactions
from helpers.clv import summary_from_transactions
from helpers.data import load_cdnow, load_shop
from helpers.rfm import rfm_scores, rfm_sql, rfm_table
from helpers.sql import clv_summary_sql

CDNOW = dict(date_col="date", order_col=None)


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return load_cdnow("master")


@pytest.fixture(scope="module")
def shop_lines() -> pd.DataFrame:
    shop = load_shop()
    return clean_transactions(shop.orders).data


@pytest.fixture(scope="module")
def files(tmp_path_factory, cdnow) -> dict[str, str]:
    """CDNOW written as CSV (by pandas) and as Parquet (by DuckDB, no pyarrow needed)."""
    root = tmp_path_factory.mktemp("sql")
    csv, parquet = str(root / "cdnow.csv"), str(root / "cdnow.parquet")
    cdnow.to_csv(csv, index=False)
    con = duckdb.connect()
    con.register("cd", cdnow)
    con.execute(f"COPY cd TO '{parquet}' (FORMAT parquet)")
    con.close()
    return {"csv": csv, "parquet": parquet}


@pytest.mark.parametrize("as_of", [None, "1998-07-01", "1999-01-01"])
def test_rfm_sql_equals_rfm_table_on_cdnow(cdnow, as_of):
    expected = rfm_table(cdnow, as_of=as_of, **CDNOW)
    got = rfm_sql(cdnow, as_of=as_of, **CDNOW)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_rfm_sql_equals_rfm_table_on_the_shop(shop_lines):
    for as_of in (None, "2025-01-01"):
        expected = rfm_table(shop_lines, as_of=as_of)
        pd.testing.assert_frame_equal(rfm_sql(shop_lines, as_of=as_of), expected, check_exact=True)
    # and so are the scores computed from it (one row per customer)
    pd.testing.assert_frame_equal(
        rfm_scores(rfm_sql(shop_lines, as_of="2025-01-01")),
        rfm_scores(rfm_table(shop_lines, as_of="2025-01-01")),
    )


def test_shop_order_lines_with_several_lines_per_order(shop_lines):
    # split every order into two lines: frequency must still count orders, spend the lines
    half = shop_lines.assign(amount=shop_lines["amount"] // 2)
    lines = pd.concat([half, half.assign(amount=shop_lines["amount"] - half["amount"])])
    lines = lines.sample(frac=1, random_state=1)
    expected = rfm_table(shop_lines, as_of="2025-01-01")
    pd.testing.assert_frame_equal(rfm_table(lines, as_of="2025-01-01"), expected)
    pd.testing.assert_frame_equal(rfm_sql(lines, as_of="2025-01-01"), expected)


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_rfm_sql_reads_csv_and_parquet_files(cdnow, files, kind):
    expected = rfm_table(cdnow, as_of="1998-07-01", **CDNOW)
    got = rfm_sql(files[kind], as_of="1998-07-01", **CDNOW)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_rfm_sql_on_a_connection_with_a_memory_limit(cdnow, files):
    con = duckdb.connect(config={"memory_limit": "500MB", "threads": 1})
    got = rfm_sql(files["parquet"], connection=con, **CDNOW)
    con.close()
    pd.testing.assert_frame_equal(got, rfm_table(cdnow, **CDNOW), check_exact=True)


def test_rfm_sql_with_text_ids_and_text_dates():
    tx = pd.DataFrame(
        {
            "cust": ["b", "a", "b", "c", "a"],
            "invoice": ["X1", "X2", "X1", "X3", "X4"],
            "when": [
                "2024-01-03 10:00",
                "2024-01-01",
                "2024-01-03 11:00",
                "2024-02-01",
                "2024-01-20",
            ],
            "value": [1.10, 2.20, 3.30, 4.40, 5.50],
        }
    )
    kw = dict(customer_col="cust", date_col="when", amount_col="value", order_col="invoice")
    expected = rfm_table(tx, as_of="2024-03-01", **kw)
    pd.testing.assert_frame_equal(rfm_sql(tx, as_of="2024-03-01", **kw), expected)
    assert expected.loc["b", "monetary"] == 4.4  # 1.10 + 3.30, kept to 12 significant digits


def test_rfm_sql_is_portable_sql():
    text = rfm_sql(None, return_sql=True, as_of="2025-01-01")
    assert "FROM transactions" in text and "GROUP BY" in text
    assert "DATE '2025-01-01'" in text
    for engine_specific in ["date_diff", "datediff", "read_parquet", "read_csv", "::", "QUALIFY",
                            "epoch", "strftime"]:  # fmt: skip
        assert engine_specific.lower() not in text.lower(), engine_specific
    default = rfm_sql(None, return_sql=True)
    assert "MAX(last_day) OVER ()" in default  # as_of = the day after the last purchase
    clv_text = clv_summary_sql(None, return_sql=True, calibration_end="1997-09-30")
    assert "OVER (PARTITION BY customer_id)" in clv_text
    assert not re.search(r"date_diff|read_parquet|::", clv_text, flags=re.IGNORECASE)


def test_rfm_sql_refuses_what_rfm_table_refuses(cdnow):
    with pytest.raises(ValueError, match="date_col="):
        rfm_sql(cdnow, order_col=None)  # the CDNOW date column is called "date"
    with pytest.raises(ValueError, match="before the last transaction"):
        rfm_sql(cdnow, as_of="1997-06-01", **CDNOW)
    guests = cdnow.astype({"customer_id": "float64"})
    guests.loc[guests.index[:3], "customer_id"] = np.nan
    with pytest.raises(ValueError, match="missing customer id"):
        rfm_sql(guests, **CDNOW)
    holes = cdnow.copy()
    holes.loc[holes.index[:2], "amount"] = np.nan
    with pytest.raises(ValueError, match="2 missing amount"):
        rfm_sql(holes, **CDNOW)
    with pytest.raises(TypeError, match="numbers"):
        rfm_sql(cdnow.assign(date=20240101), **CDNOW)
    with pytest.raises(ValueError, match="empty"):
        rfm_sql(cdnow.iloc[:0], **CDNOW)
    with pytest.raises(TypeError, match="DataFrame or the path"):
        rfm_sql(42, **CDNOW)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        rfm_sql("/nonexistent/lines.parquet", **CDNOW)
    with pytest.raises(ValueError, match="neither a .csv nor a .parquet"):
        rfm_sql("lines.xlsx", **CDNOW)


def test_rfm_sql_does_not_change_its_input(cdnow):
    before = cdnow.copy()
    rfm_sql(cdnow, **CDNOW)
    pd.testing.assert_frame_equal(cdnow, before)


def test_missing_file_column_is_named(files):
    with pytest.raises(ValueError, match="missing column.*'order_date'"):
        rfm_sql(files["parquet"], order_col=None)


# ---------------------------------------------------------------------------------------------
# CLV summary


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"calibration_end": "1997-09-30"},
        {"calibration_end": "1997-09-30", "observation_end": "1998-06-30", "freq": "D"},
        {"calibration_end": "1997-12-31", "freq": "M"},
    ],
)
def test_clv_summary_sql_equals_summary_from_transactions_on_cdnow(cdnow, kw):
    expected = summary_from_transactions(cdnow, date_col="date", **kw)
    got = clv_summary_sql(cdnow, date_col="date", **kw)
    # counts, times and ids exactly; mean spends to 12 digits (DuckDB adds in its own order)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    for col in ("frequency", "recency", "T"):
        assert (got[col].to_numpy() == expected[col].to_numpy()).all()


def test_clv_summary_sql_from_parquet_on_the_published_sample(files, cdnow):
    expected = summary_from_transactions(cdnow, date_col="date", calibration_end="1997-09-30")
    got = clv_summary_sql(files["parquet"], date_col="date", calibration_end="1997-09-30")
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)


def test_clv_summary_sql_on_the_shop(shop_lines):
    kw = dict(calibration_end="2024-06-30", observation_end="2024-12-31")
    expected = summary_from_transactions(shop_lines, **kw)
    pd.testing.assert_frame_equal(clv_summary_sql(shop_lines, **kw), expected, check_exact=True)


def test_clv_summary_sql_refuses_bad_input(cdnow):
    with pytest.raises(ValueError, match="negative"):
        clv_summary_sql(cdnow.assign(amount=-cdnow["amount"]), date_col="date")
    with pytest.raises(ValueError, match="freq"):
        clv_summary_sql(cdnow, date_col="date", freq="Y")
    with pytest.raises(ValueError, match="after observation_end"):
        clv_summary_sql(
            cdnow, date_col="date", calibration_end="1998-01-01", observation_end="1997-06-01"
        )
    with pytest.raises(ValueError, match="calibration_end must be a date"):
        clv_summary_sql(cdnow, date_col="date", calibration_end="soon")
    with pytest.raises(ValueError, match="no customer"):
        clv_summary_sql(cdnow, date_col="date", calibration_end="1990-01-01")
