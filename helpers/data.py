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
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

__all__ = [
    "DATASETS_DIR",
    "SHOP_DIR",
    "Shop",
    "load_cdnow",
    "load_cdnow_summary",
    "load_sbg_survivors",
    "load_donations",
    "load_shop",
    "load_online_retail",
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
    """CDNOW transactions: one row per purchase record (usually one per customer per day).

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
    [241, 491]
    """
    path = DATASETS_DIR / "sbg_survivors.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path.name} is missing from datasets/; restore it with git checkout"
        )
    return pd.read_csv(path, comment="#", index_col="year")


def load_donations() -> pd.DataFrame:
    """Repeat donations to a US non-profit, 1996 cohort (Fader, Hardie & Shang 2010).

    11,104 first-time supporters of 1995, followed over the six yearly donation opportunities
    1996–2001; the data travel inside the pinned ``lifetimes==0.11.3`` (read in place). One row
    per distinct pattern.

    Returns
    -------
    pandas.DataFrame
        Columns ``frequency`` (years with a donation, 0–6), ``recency`` (the last such year,
        1–6, 0 when none), ``periods`` (opportunities observed, 6) and ``weights`` (donors with
        that pattern).

    Examples
    --------
    >>> d = load_donations()
    >>> len(d), int(d["weights"].sum())
    (22, 11104)
    """
    path = _lifetimes_file("donations.csv")
    raw = pd.read_csv(path)
    expected = ["frequency", "recency", "periods", "weights"]
    if list(raw.columns) != expected:
        raise ValueError(f"{path} has columns {list(raw.columns)}, expected {expected}")
    return raw.astype("int64")


# ---------------------------------------------------------------------------------------------
# Bring your own data: UCI Online Retail (Chen 2012, CC BY 4.0), not redistributed

ONLINE_RETAIL_URL = "https://archive.ics.uci.edu/dataset/352/online+retail"
_ONLINE_RETAIL_COLUMNS = {
    "InvoiceNo": "invoice_no",
    "StockCode": "stock_code",
    "Description": "description",
    "Quantity": "quantity",
    "InvoiceDate": "invoice_date",
    "UnitPrice": "unit_price",
    "CustomerID": "customer_id",
    "Country": "country",
}


def _read_online_retail_csv(path: Path) -> pd.DataFrame:
    text_cols = {"InvoiceNo": str, "StockCode": str, "Description": str, "Country": str}
    try:
        return pd.read_csv(path, dtype=text_cols, encoding="utf-8")
    except UnicodeDecodeError:  # the widely shared CSV export is Latin-1
        return pd.read_csv(path, dtype=text_cols, encoding="ISO-8859-1")


def _parse_invoice_dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    for fmt in ("ISO8601", "%m/%d/%Y %H:%M"):  # as saved by pandas; the UCI CSV export
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
        if parsed.notna().sum() == values.notna().sum():
            return parsed
    bad = values[parsed.isna() & values.notna()]
    raise ValueError(
        f"column 'InvoiceDate' has {len(bad)} value(s) that are not dates in the formats "
        f"'2010-12-01 08:26:00' or '12/1/2010 8:26', e.g. {bad.iloc[0]!r}"
    )


def load_online_retail(
    path: str | Path, clean: bool = True, *, return_report: bool = False
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read the UCI Online Retail file you downloaded yourself (xlsx or csv).

    The data set (Chen, Sain & Guo 2012; UCI Machine Learning Repository, "Online Retail",
    CC BY 4.0) holds 541,909 invoice lines of a UK online gift retailer, Dec 2010–Dec 2011.
    We may not redistribute it: download ``Online Retail.xlsx`` from
    https://archive.ics.uci.edu/dataset/352/online+retail and pass its path.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file from UCI, or a ``.csv`` with the same columns (InvoiceNo, StockCode,
        Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country).
    clean : bool, default True
        Drop cancellations (InvoiceNo starting with "C"), lines without a customer id, and
        lines with a zero or negative quantity or unit price, with
        :func:`helpers.cleaning.clean_transactions`. The rows dropped per reason are in
        ``df.attrs["rows_dropped"]``.
    return_report : bool, default False
        Also return the cleaning report (an empty report when ``clean=False``).

    Returns
    -------
    pandas.DataFrame
        Columns ``invoice_no``, ``stock_code``, ``description``, ``quantity``,
        ``invoice_date`` (datetime), ``unit_price`` (GBP), ``customer_id`` (Int64; int64 when
        cleaned), ``country``, ``amount`` = quantity × unit_price (GBP) and ``status``
        ("cancelled" or "completed"). With ``return_report=True``: ``(data, report)``.

    Examples
    --------
    >>> from helpers.rfm import rfm_table  # doctest: +SKIP
    >>> tx = load_online_retail("Online Retail.xlsx")  # doctest: +SKIP
    >>> rfm = rfm_table(tx, date_col="invoice_date", order_col="invoice_no")  # doctest: +SKIP
    """
    from helpers.cleaning import REPORT_COLUMNS, clean_transactions

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no file at {path}. Download 'Online Retail.xlsx' from {ONLINE_RETAIL_URL} "
            "(UCI Machine Learning Repository, CC BY 4.0) and pass its path."
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        raw = pd.read_excel(path, dtype={"InvoiceNo": str, "StockCode": str})
    elif suffix == ".csv":
        raw = _read_online_retail_csv(path)
    else:
        raise ValueError(f"path must be an .xlsx or .csv file, got {path.name!r}")
    missing = [c for c in _ONLINE_RETAIL_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(
            f"{path.name} is not in the Online Retail format: no column(s) {', '.join(missing)} "
            f"(its columns are {', '.join(map(str, raw.columns))})"
        )
    numbers = {}
    for col in ("Quantity", "UnitPrice", "CustomerID"):
        numbers[col] = pd.to_numeric(raw[col], errors="coerce")
        bad = numbers[col].isna() & raw[col].notna()
        if bad.any():
            raise ValueError(
                f"column {col!r} has non-numeric values, e.g. {raw[col][bad].iloc[0]!r}"
            )
    df = (
        raw[list(_ONLINE_RETAIL_COLUMNS)]
        .rename(columns=_ONLINE_RETAIL_COLUMNS)
        .assign(
            invoice_no=lambda d: d["invoice_no"].astype(str).str.strip(),
            stock_code=lambda d: d["stock_code"].astype(str),
            quantity=numbers["Quantity"].astype("int64"),
            invoice_date=_parse_invoice_dates(raw["InvoiceDate"]),
            unit_price=numbers["UnitPrice"].astype("float64"),
            customer_id=numbers["CustomerID"].round().astype("Int64"),
        )
        .assign(
            amount=lambda d: d["quantity"] * d["unit_price"],
            status=lambda d: (
                d["invoice_no"].str.startswith("C").map({True: "cancelled", False: "completed"})
            ),
        )
    )
    if not clean:
        report = pd.DataFrame(columns=REPORT_COLUMNS)
        return (df, report) if return_report else df
    result = clean_transactions(
        df,
        customer_col="customer_id",
        amount_col="amount",
        status_col="status",
        keep_status=["completed"],
        drop_duplicates=False,
        positive_cols=["quantity", "unit_price"],
        outliers=None,
    )
    data = result.data.astype({"customer_id": "int64"}).reset_index(drop=True)
    by_step = result.report.groupby("step", sort=False)["rows_dropped"].sum()
    data.attrs["rows_dropped"] = {step: int(rows) for step, rows in by_step.items()}
    return (data, result.report) if return_report else data


# ----------------------------------------------------------------------------- generated shop
SHOP_DIR = DATASETS_DIR / "shop"
"""Folder of the generated Hanbit Mall (한빛몰) shop tables, written by :mod:`helpers.synth`."""

# per table: (datetime columns, nullable integer columns, boolean columns)
_SHOP_SCHEMA: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "customers": (("signup_date",), ("referred_by",), ("marketing_consent",)),
    "products": ((), (), ("customizable",)),
    "orders": (("order_date",), ("customer_id",), ()),
    "order_items": ((), (), ()),
    "sessions": (
        ("started_at",),
        ("customer_id", "product_id", "order_id"),
        ("viewed_product", "added_to_cart", "purchased"),
    ),
    "campaign_contacts": (("sent_at",), ("response_order_id",), ("responded",)),
    "tickets": (("opened_at",), ("order_id",), ("resolved_first_contact",)),
    "surveys": (("surveyed_at",), (), ()),
    "reviews": (("reviewed_at",), (), ()),
    "memberships": (("started_at", "ended_at"), (), ()),
    "truth": (("churned_at",), (), ()),
}


@dataclass(frozen=True)
class Shop:
    """The generated shop: one DataFrame per table (see ``datasets/README.md``).

    Attributes are ``customers``, ``products``, ``orders``, ``order_items``, ``sessions``,
    ``campaign_contacts``, ``tickets``, ``surveys``, ``reviews``, ``memberships`` and ``truth``.
    Each call of :func:`load_shop` reads fresh frames, so changing one never affects another caller.
    """

    customers: pd.DataFrame
    products: pd.DataFrame
    orders: pd.DataFrame
    order_items: pd.DataFrame
    sessions: pd.DataFrame
    campaign_contacts: pd.DataFrame
    tickets: pd.DataFrame
    surveys: pd.DataFrame
    reviews: pd.DataFrame
    memberships: pd.DataFrame
    truth: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables as a ``{name: DataFrame}`` dict, in the order of the data dictionary."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _read_shop_table(path: Path, name: str) -> pd.DataFrame:
    dates, nullable_ints, bools = _SHOP_SCHEMA[name]
    frame = pd.read_csv(path)
    for col in frame.columns:
        if col in dates:
            frame[col] = pd.to_datetime(frame[col], format="ISO8601")
        elif col in nullable_ints:
            frame[col] = frame[col].astype("Int64")
        elif col in bools:
            frame[col] = frame[col].astype(bool)
        elif pd.api.types.is_object_dtype(frame[col]) or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].astype(str)
    return frame


def load_shop(path: str | Path | None = None) -> Shop:
    """The generated Hanbit Mall (한빛몰) shop, 2022-01-01 to 2024-12-31, with its known truth.

    Parameters
    ----------
    path : str or Path, optional
        Folder holding the ``<table>.csv.gz`` files; default ``datasets/shop``.

    Returns
    -------
    Shop
        A frozen dataclass with one new DataFrame per table. Dates are ``datetime64``, ids that can
        be empty (guest orders, anonymous sessions, ...) are nullable ``Int64``, flags are ``bool``
        and labels are ``str``. The messiness is kept on purpose (cancelled and returned orders,
        guest checkouts, duplicated item lines, wholesale outliers): see ``datasets/README.md``.

    Raises
    ------
    FileNotFoundError
        If a table file is missing (regenerate the data with ``make data``).

    Examples
    --------
    >>> shop = load_shop()
    >>> len(shop.customers)
    12000
    >>> str(shop.orders["order_date"].dtype)
    'datetime64[us]'
    """
    folder = SHOP_DIR if path is None else Path(path)
    tables = {}
    for f in fields(Shop):
        file = folder / f"{f.name}.csv.gz"
        if not file.is_file():
            raise FileNotFoundError(
                f"The shop table {file.name} is missing (looked in {folder}). Regenerate the shop "
                "with 'make data' (or 'python -m helpers.synth --out datasets/shop')."
            )
        tables[f.name] = _read_shop_table(file, f.name)
    return Shop(**tables)
