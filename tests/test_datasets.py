"""The real and typed-in datasets load with the documented shapes, types and totals."""

from __future__ import annotations

import importlib.metadata

import pandas as pd
import pytest

from helpers import data, manifest


def test_manifest_matches_committed_files():
    recorded = manifest.read()
    actual = manifest.compute()
    assert sorted(actual) == sorted(recorded), "files added or removed: run 'make manifest'"
    changed = [name for name in actual if actual[name] != recorded[name]]
    assert not changed, f"changed since the manifest was written: {changed}"


def test_cdnow_master_has_the_published_size():
    tx = data.load_cdnow("master")
    assert list(tx.columns) == ["customer_id", "date", "cds", "amount"]
    assert len(tx) == 69_659
    assert tx["customer_id"].nunique() == 23_570
    assert pd.api.types.is_datetime64_any_dtype(tx["date"])
    assert tx["date"].min() == pd.Timestamp("1997-01-01")
    assert tx["date"].max() == pd.Timestamp("1998-06-30")
    # Everyone in the cohort made a first purchase in Q1 1997.
    assert tx.groupby("customer_id")["date"].min().max() < pd.Timestamp("1997-04-01")


def test_cdnow_sample_matches_the_published_summary():
    sample = data.load_cdnow("sample")
    summary = data.load_cdnow_summary()
    assert len(sample) == 6_919
    assert sample["customer_id"].nunique() == 2_357 == len(summary)
    assert set(sample["customer_id"]) == set(summary.index)
    assert (summary["frequency"] > 0).sum() == 946  # the repeat buyers of Fader, Hardie & Lee
    assert (
        summary["T"].between(27, 39).all()
    )  # weeks from a Q1 first purchase to the end of week 39


def test_cdnow_amounts_are_dollars_and_counts_are_positive():
    tx = data.load_cdnow("master")
    assert (tx["cds"] > 0).all()
    assert tx["amount"].ge(0).all()
    assert tx["amount"].sum() == pytest.approx(2_500_316, rel=1e-3)


def test_sbg_survivors_are_the_published_table():
    s = data.load_sbg_survivors()
    assert list(s.columns) == ["regular", "high_end"]
    assert s.index.tolist() == list(range(13))
    assert s.loc[0].tolist() == [1000, 1000]
    assert s.loc[12].tolist() == [173, 394]
    assert (s.diff().dropna() <= 0).all().all(), "survivor counts never increase"


def test_unknown_cdnow_kind_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'master' or 'sample'"):
        data.load_cdnow("full")


def test_missing_data_package_names_the_fix(monkeypatch):
    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(data.importlib.metadata, "distribution", missing)
    with pytest.raises(FileNotFoundError, match="pip install -r requirements.txt"):
        data.load_cdnow()


def test_loaders_return_fresh_frames():
    a = data.load_cdnow("sample")
    a.loc[0, "amount"] = -1.0
    assert data.load_cdnow("sample").loc[0, "amount"] != -1.0


# ----------------------------------------------------------------------------- corrupt shop files
# Each corruption of the robustness review (reviews/robustness.md, "Data integrity") is applied to a
# copy of the shop; load_shop must refuse it with an error that names the file (and the column).
import gzip  # noqa: E402
import shutil  # noqa: E402

from helpers.data import SHOP_DIR, ShopDataError  # noqa: E402


@pytest.fixture
def shop_copy(tmp_path):
    for p in SHOP_DIR.glob("*.csv.gz"):
        shutil.copy(p, tmp_path / p.name)
    return tmp_path


def _edit_text(path, edit):
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(edit(text).encode(), mtime=0))


def _flip(path, offset):
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0xFF
    path.write_bytes(bytes(raw))


def test_an_intact_copy_loads_and_is_verified(shop_copy):
    assert len(data.load_shop(shop_copy).customers) == 12_000


@pytest.mark.parametrize("verify", [True, False])
def test_a_flipped_byte_in_the_deflate_stream_is_refused(shop_copy, verify):
    path = shop_copy / "orders.csv.gz"
    _flip(path, path.stat().st_size // 2)
    with pytest.raises(ShopDataError, match=r"orders\.csv\.gz"):
        data.load_shop(shop_copy, verify=verify)


@pytest.mark.parametrize("verify", [True, False])
def test_a_broken_crc_trailer_is_refused(shop_copy, verify):
    path = shop_copy / "customers.csv.gz"
    _flip(path, path.stat().st_size - 6)
    with pytest.raises(ShopDataError, match=r"customers\.csv\.gz"):
        data.load_shop(shop_copy, verify=verify)


@pytest.mark.parametrize(("name", "keep"), [("customers", 0.5), ("orders", 0.0)])
@pytest.mark.parametrize("verify", [True, False])
def test_truncated_files_are_refused(shop_copy, name, keep, verify):
    path = shop_copy / f"{name}.csv.gz"
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * keep)])
    with pytest.raises(ShopDataError, match=name):
        data.load_shop(shop_copy, verify=verify)


def test_a_missing_file_names_the_fix(shop_copy):
    (shop_copy / "tickets.csv.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"tickets\.csv\.gz.*make data"):
        data.load_shop(shop_copy)


def test_a_changed_gzip_header_fails_the_manifest_only(shop_copy):
    _flip(shop_copy / "orders.csv.gz", 4)  # the header's mtime: harmless to the content
    with pytest.raises(ShopDataError, match=r"orders\.csv\.gz differs .*MANIFEST"):
        data.load_shop(shop_copy)
    assert len(data.load_shop(shop_copy, verify=False).orders) > 0  # explicit opt-out


def test_a_changed_amount_fails_the_manifest(shop_copy):
    def edit(text):
        lines = text.split("\n")
        cols = lines[1].split(",")
        cols[3] = cols[3] + "0"  # one amount gets an extra digit
        lines[1] = ",".join(cols)
        return "\n".join(lines)

    _edit_text(shop_copy / "orders.csv.gz", edit)
    with pytest.raises(ShopDataError, match=r"orders\.csv\.gz differs"):
        data.load_shop(shop_copy)


@pytest.mark.parametrize(
    ("table", "column", "old", "new", "match"),
    [
        ("customers", "marketing_consent", "False", "Flase", "other than True/False"),
        ("customers", "marketing_consent", "False", "", "empty cells"),
        ("orders", "order_date", None, "2023-02-30 10:00:00", "not datetimes"),
        ("orders", "amount", None, "12x00", "not numbers"),
        ("order_items", "product_id", None, "12.5", "not whole numbers"),
        ("campaign_assignments", "treated", "True", "yes", "other than True/False"),
        ("truth", "purchase_rate", None, "", "empty cells"),
    ],
)
def test_bad_cells_are_refused_naming_file_and_column(shop_copy, table, column, old, new, match):
    def edit(text):
        lines = text.split("\n")
        header = lines[0].split(",")
        j = header.index(column)
        for i in range(1, len(lines)):
            cols = lines[i].split(",")
            if len(cols) == len(header) and (old is None or cols[j] == old):
                cols[j] = new
                lines[i] = ",".join(cols)
                return "\n".join(lines)
        raise AssertionError("no row to corrupt")

    _edit_text(shop_copy / f"{table}.csv.gz", edit)
    with pytest.raises(ShopDataError, match=rf"{table}\.csv\.gz: column '{column}' .*{match}"):
        data.load_shop(shop_copy, verify=False)
    with pytest.raises(ShopDataError, match=rf"{table}\.csv\.gz"):
        data.load_shop(shop_copy)


def test_a_missing_header_row_is_refused(shop_copy):
    _edit_text(shop_copy / "orders.csv.gz", lambda text: text.split("\n", 1)[1])
    with pytest.raises(ShopDataError, match=r"orders\.csv\.gz: the header"):
        data.load_shop(shop_copy, verify=False)


def test_a_typo_in_the_survivor_table_is_refused(tmp_path, monkeypatch):
    src = data.DATASETS_DIR / "sbg_survivors.csv"
    (tmp_path / "sbg_survivors.csv").write_text(src.read_text().replace("241", "24l"))
    monkeypatch.setattr(data, "DATASETS_DIR", tmp_path)
    with pytest.raises(ShopDataError, match=r"sbg_survivors\.csv differs"):
        data.load_sbg_survivors()
    with pytest.raises(ShopDataError, match=r"sbg_survivors\.csv: column 'regular'"):
        data.load_sbg_survivors(verify=False)


def test_shop_from_tables_types_equal_load_shop():
    from helpers.synth import generate_shop

    a = data.shop_from_tables(generate_shop(n_customers=300))
    b = data.load_shop()
    for name, frame in a.tables().items():
        assert dict(frame.dtypes) == dict(getattr(b, name).dtypes), name
    with pytest.raises(ValueError, match="no table"):
        data.shop_from_tables({"customers": a.customers})
