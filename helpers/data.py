"""Loaders for every dataset the workbook uses; nothing is downloaded at run time.

* CDNOW (Fader, Hardie & Lee 2005): real transactions of 23,570 customers who first bought at
  the CDNOW online music store in Q1 1997, followed to June 1998. The files travel inside the pinned
  PyPI package ``lifetimes==0.11.3``; we read them where the installed distribution keeps them,
  without importing ``lifetimes`` (its ``datasets`` module needs ``pkg_resources``).
* Published tables typed in with their citation (``datasets/*.csv``).
* The generated shop (``datasets/shop/``), made by :mod:`helpers.synth`.
* Bring your own: the UCI Online Retail file, which we may not redistribute.

Examples
--------
>>> from helpers.data import load_cdnow
>>> load_cdnow("sample").shape
(6919, 4)
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pandas as pd

__all__ = [
    "DATASETS_DIR",
    "load_cdnow",
    "load_cdnow_summary",
    "load_sbg_survivors",
]

DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"
"""Folder of the committed datasets (typed-in tables and the generated shop)."""

_CDNOW_FILES = {"master": "CDNOW_master.txt", "sample": "CDNOW_sample.txt"}


def _lifetimes_file(name: str) -> Path:
    """Path of a data file shipped inside the installed ``lifetimes`` distribution."""
    try:
        dist = importlib.metadata.distribution("lifetimes")
    except importlib.metadata.PackageNotFoundError:
        raise FileNotFoundError(
            "The CDNOW data travel inside the PyPI package 'lifetimes==0.11.3', which is not "
            "installed in this environment. Run 'pip install -r requirements.txt' (or 'make lab') "
            "and choose the workbook's kernel (.venv)."
        ) from None
    path = Path(str(dist.locate_file(f"lifetimes/datasets/{name}")))
    if not path.is_file():
        raise FileNotFoundError(
            f"The installed 'lifetimes' package has no file datasets/{name} (looked at {path}). "
            "Reinstall it with 'pip install --force-reinstall lifetimes==0.11.3'."
        )
    return path


def load_cdnow(kind: str = "master") -> pd.DataFrame:
    """CDNOW transactions: one row per customer per purchase day.

    Parameters
    ----------
    kind : {"master", "sample"}
        ``"master"``: all 23,570 customers, 69,659 rows. ``"sample"``: the 1-in-10 sample of
        2,357 customers (6,919 rows) that Fader, Hardie & Lee (2005) used.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id`` (int), ``date`` (datetime64), ``cds`` (int, number of CDs
        bought) and ``amount`` (float, US dollars), sorted by customer and date. The sample's
        customer ids are its own 1..2357 numbering, as in the published summary.

    Examples
    --------
    >>> tx = load_cdnow("master")
    >>> tx["customer_id"].nunique(), len(tx)
    (23570, 69659)
    """
    if kind not in _CDNOW_FILES:
        raise ValueError(f"kind must be 'master' or 'sample', got {kind!r}")
    path = _lifetimes_file(_CDNOW_FILES[kind])
    if kind == "master":
        names = ["customer_id", "date", "cds", "amount"]
        raw = pd.read_csv(path, sep=r"\s+", skiprows=1, names=names, dtype={"date": str})
    else:
        names = ["master_id", "customer_id", "date", "cds", "amount"]
        raw = pd.read_csv(path, sep=r"\s+", header=None, names=names, dtype={"date": str})
        raw = raw.drop(columns="master_id")
    return (
        raw.assign(
            customer_id=lambda d: d["customer_id"].astype("int64"),
            date=lambda d: pd.to_datetime(d["date"], format="%Y%m%d"),
            cds=lambda d: d["cds"].astype("int64"),
            amount=lambda d: d["amount"].astype("float64"),
        )
        .sort_values(["customer_id", "date"], kind="stable")
        .reset_index(drop=True)
    )


def load_cdnow_summary() -> pd.DataFrame:
    """The published 39-week calibration summary of the 2,357-customer CDNOW sample.

    This is the input of Fader, Hardie & Lee (2005): for each customer, the number of repeat
    purchases in weeks 0–39 after the first purchase, when the last one happened, how long the
    customer was observed, and the average spend of the repeat purchases.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (1..2357), columns ``frequency`` (repeat purchases),
        ``recency`` (weeks from first to last purchase), ``T`` (weeks from first purchase to the
        end of week 39) and ``monetary`` (average repeat-purchase spend, US dollars; 0 when
        frequency is 0).

    Examples
    --------
    >>> s = load_cdnow_summary()
    >>> len(s), int((s["frequency"] > 0).sum())
    (2357, 946)
    """
    path = _lifetimes_file("cdnow_customers_summary_with_transactions.csv")
    raw = pd.read_csv(path)
    return (
        raw.rename(
            columns={"ID": "customer_id", "x": "frequency", "t_x": "recency", "zbar": "monetary"}
        )
        .astype({"customer_id": "int64", "frequency": "int64"})
        .set_index("customer_id")
        .sort_index()[["frequency", "recency", "T", "monetary"]]
    )


def load_sbg_survivors() -> pd.DataFrame:
    """Survivor counts of two cohorts of 1,000 subscribers (Fader & Hardie 2007, Table 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year`` (0–12), columns ``regular`` and ``high_end``: customers still
        subscribed at the start of each year, out of 1,000 who joined in year 0.

    Examples
    --------
    >>> load_sbg_survivors().loc[7].tolist()
    [262, 517]
    """
    path = DATASETS_DIR / "sbg_survivors.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path.name} is missing from datasets/; restore it with git checkout"
        )
    return pd.read_csv(path, comment="#", index_col="year")
