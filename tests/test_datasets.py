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
