"""helpers.data.load_online_retail on small files the tests write in the UCI format (xlsx and csv)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.data import load_online_retail
from helpers.rfm import rfm_table

# Nine lines in the UCI "Online Retail" layout: two normal invoices (one with two lines), a
# cancellation ("C" prefix), a line without CustomerID, a zero price, a negative quantity
# adjustment, and a second customer.
RAW = pd.DataFrame(
    {
        "InvoiceNo": [
            "536365",
            "536365",
            "536366",
            "C536379",
            "536370",
            "536371",
            "536372",
            "A563185",
            "536380",
        ],
        "StockCode": ["85123A", "71053", "22633", "D", "22728", "22729", "22730", "B", "22745"],
        "Description": [
            "WHITE HANGING HEART T-LIGHT HOLDER",
            "WHITE METAL LANTERN",
            "HAND WARMER UNION JACK",
            "Discount",
            "ALARM CLOCK BAKELIKE PINK",
            "ALARM CLOCK BAKELIKE RED",
            "ALARM CLOCK BAKELIKE GREEN",
            "Adjust bad debt",
            "POPPY'S PLAYHOUSE BEDROOM",
        ],
        "Quantity": [6, 6, 6, -1, 24, 5, -2, 1, 3],
        "InvoiceDate": [
            dt.datetime(2010, 12, 1, 8, 26),
            dt.datetime(2010, 12, 1, 8, 26),
            dt.datetime(2010, 12, 1, 8, 28),
            dt.datetime(2010, 12, 1, 9, 41),
            dt.datetime(2010, 12, 2, 10, 0),
            dt.datetime(2010, 12, 2, 10, 5),
            dt.datetime(2010, 12, 3, 11, 0),
            dt.datetime(2011, 8, 12, 14, 50),
            dt.datetime(2010, 12, 9, 12, 50),
        ],
        "UnitPrice": [2.55, 3.39, 1.85, 27.5, 3.75, 0.0, 3.75, -11062.06, 2.10],
        "CustomerID": [17850.0, 17850.0, 17850.0, 14527.0, None, 12583.0, 12583.0, None, 12583.0],
        "Country": ["United Kingdom"] * 5 + ["France"] * 2 + ["United Kingdom", "France"],
    }
)


@pytest.fixture
def xlsx_file(tmp_path):
    path = tmp_path / "Online Retail.xlsx"
    RAW.to_excel(path, index=False, sheet_name="Online Retail")
    return path


@pytest.fixture
def csv_file(tmp_path):
    """The widely shared CSV export: US-style dates, Latin-1 text."""
    path = tmp_path / "online_retail.csv"
    text = RAW.assign(
        InvoiceDate=RAW["InvoiceDate"].map(
            lambda t: f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}"
        ),
        Description=RAW["Description"].str.replace("POPPY'S", "POPPY’S CAFÉ"),
    )
    text.to_csv(path, index=False, encoding="utf-8")
    return path


def test_xlsx_is_read_with_snake_case_columns_and_amount(xlsx_file):
    df = load_online_retail(xlsx_file, clean=False)
    assert list(df.columns) == [
        "invoice_no",
        "stock_code",
        "description",
        "quantity",
        "invoice_date",
        "unit_price",
        "customer_id",
        "country",
        "amount",
        "status",
    ]
    assert len(df) == 9
    assert df["amount"].iloc[0] == pytest.approx(6 * 2.55)
    assert df["status"].tolist().count("cancelled") == 1
    assert str(df["customer_id"].dtype) == "Int64"
    assert df["invoice_date"].iloc[2] == pd.Timestamp("2010-12-01 08:28")


def test_clean_drops_and_reports_each_reason(xlsx_file):
    df, report = load_online_retail(xlsx_file, return_report=True)
    assert report.set_index("step")["rows_dropped"].to_dict() == {
        "status": 1,  # C536379
        "missing_customer": 2,  # 536370 and the bad-debt adjustment
        "non_positive": 2,  # zero price, negative quantity
    }
    assert df.attrs["rows_dropped"] == {"status": 1, "missing_customer": 2, "non_positive": 2}
    assert df["invoice_no"].tolist() == ["536365", "536365", "536366", "536380"]
    assert df["customer_id"].dtype == "int64"
    assert (df["status"] == "completed").all()


def test_csv_with_us_dates_gives_the_same_clean_data(xlsx_file, csv_file):
    from_xlsx = load_online_retail(xlsx_file)
    from_csv = load_online_retail(csv_file)
    cols = ["invoice_no", "quantity", "invoice_date", "unit_price", "customer_id", "amount"]
    pd.testing.assert_frame_equal(from_csv[cols], from_xlsx[cols])


def test_latin1_csv_is_read(tmp_path):
    path = tmp_path / "latin1.csv"
    RAW.assign(Description="CAFÉ MUG").to_csv(path, index=False, encoding="ISO-8859-1")
    assert load_online_retail(path, clean=False)["description"].iloc[0] == "CAFÉ MUG"


def test_the_readme_two_lines_run_rfm(xlsx_file):
    tx = load_online_retail(xlsx_file)
    rfm = rfm_table(tx, date_col="invoice_date", order_col="invoice_no")
    # as_of defaults to 2010-12-10, the day after the last kept invoice (2010-12-09)
    monetary = 6 * 2.55 + 6 * 3.39 + 6 * 1.85
    assert rfm.loc[17850].tolist() == pytest.approx([9, 2, monetary, monetary / 2])
    assert rfm.loc[12583, "frequency"] == 1


def test_missing_file_says_where_to_download(tmp_path):
    with pytest.raises(FileNotFoundError, match="archive.ics.uci.edu"):
        load_online_retail(tmp_path / "Online Retail.xlsx")


def test_wrong_format_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    pd.DataFrame({"a": [1]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="InvoiceNo"):
        load_online_retail(path)
    (tmp_path / "data.json").write_text("{}")
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        load_online_retail(tmp_path / "data.json")


def test_unparseable_dates_and_non_numeric_quantities_are_refused(tmp_path):
    bad_dates = tmp_path / "bad_dates.csv"
    RAW.assign(InvoiceDate="yesterday").to_csv(bad_dates, index=False)
    with pytest.raises(ValueError, match="InvoiceDate.*'yesterday'"):
        load_online_retail(bad_dates)
    bad_qty = tmp_path / "bad_qty.csv"
    RAW.assign(Quantity="six").to_csv(bad_qty, index=False)
    with pytest.raises(ValueError, match="'Quantity'"):
        load_online_retail(bad_qty)
