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
    "ShopDataError",
    "shop_from_tables",
    "load_cdnow",
    "load_cdnow_summary",
    "load_sbg_survivors",
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

# Schema of every shop table: column -> kind, in file order. Kinds: "int" (int64, never empty),
# "Int64" (nullable integer id), "float" (float64, never empty), "float?" (float64, empty = NaN),
# "bool" (only the spellings True / False), "str" (never empty), "str?" (empty = ""),
# "datetime" / "date" (never empty), "datetime?" / "date?" (empty = NaT).
_ELEMENTS = ("product_design", "sales_activities", "after_sales", "culture")
_CATEGORIES = ("fashion", "beauty", "food", "electronics", "books", "home_living", "sports", "kids")
_SHOP_SCHEMA: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "int",
        "signup_date": "date",
        "acquisition_channel": "str",
        "acquisition_cost": "int",
        "region": "str",
        "age_band": "str",
        "referred_by": "Int64",
        "marketing_consent": "bool",
        "opted_out_at": "datetime?",
    },
    "products": {
        "product_id": "int",
        "category": "str",
        "price": "int",
        "goods_type": "str",
        "customizable": "bool",
        "brand": "str",
        "style": "str",
    },
    "orders": {
        "order_id": "int",
        "customer_id": "Int64",
        "order_date": "datetime",
        "amount": "int",
        "discount": "int",
        "device": "str",
        "status": "str",
    },
    "order_items": {"order_id": "int", "product_id": "int", "quantity": "int", "unit_price": "int"},
    "sessions": {
        "session_id": "int",
        "cookie_id": "int",
        "customer_id": "Int64",
        "started_at": "datetime",
        "device": "str",
        "traffic_source": "str",
        "pages": "int",
        "viewed_category": "str",
        "viewed_product": "bool",
        "product_id": "Int64",
        "added_to_cart": "bool",
        "purchased": "bool",
        "order_id": "Int64",
        "weight": "float",
        "campaign_id": "Int64",
    },
    "campaign_contacts": {
        "campaign_id": "int",
        "customer_id": "int",
        "sent_at": "datetime",
        "channel": "str",
        "offer": "str",
        "responded": "bool",
        "response_order_id": "Int64",
    },
    "tickets": {
        "ticket_id": "int",
        "customer_id": "int",
        "order_id": "Int64",
        "opened_at": "datetime",
        "topic": "str",
        "resolution_hours": "float",
        "resolved_first_contact": "bool",
    },
    "surveys": {
        "customer_id": "int",
        "surveyed_at": "datetime",
        "nps": "int",
        **{e: "int" for e in _ELEMENTS},
    },
    "reviews": {
        "review_id": "int",
        "product_id": "int",
        "customer_id": "int",
        "order_id": "int",
        "rating": "int",
        "reviewed_at": "datetime",
    },
    "memberships": {
        "customer_id": "int",
        "plan": "str",
        "monthly_fee": "int",
        "started_at": "date",
        "ended_at": "date?",
        "cancel_reason": "str?",
    },
    "truth": {
        "customer_id": "int",
        "latent_segment": "str",
        "purchase_rate": "float",
        "dropout_prob": "float",
        "spend_scale": "int",
        "churned_at": "datetime?",
        **{f"sat_{e}": "float" for e in _ELEMENTS},
        "service_quality": "float",
        "advocacy": "float",
        "top_interest": "str",
        **{f"interest_{c}": "float" for c in _CATEGORIES},
        "membership_churn_prob": "float?",
        "primary_device": "str",
        "n_process_purchases": "int",
        "churned_after_ticket": "bool",
        "promo_sensitivity": "float",
        "lifestyle_parent": "float",
        "lifestyle_style": "float",
        "lifestyle_tech": "float",
        "early_dropout": "bool",
        "membership_hazard": "float?",
        "survey_response_prob": "float",
        "interest_concentration": "float",
        "preferred_style": "str",
        "universal_holdout": "bool",
        "left_at_campaign": "bool",
    },
    "campaigns": {
        "campaign_id": "int",
        "sent_at": "datetime",
        "eligibility": "str",
        "treat_share": "float",
        "content_test": "bool",
        "cost_per_contact": "int",
    },
    "campaign_assignments": {
        "campaign_id": "int",
        "customer_id": "int",
        "holdout": "bool",
        "treated": "bool",
        "channel": "str?",
        "offer": "str?",
        "content": "str?",
        "converted": "bool",
        "revenue": "int",
        "opted_out": "bool",
    },
    "uplift_truth": {
        "campaign_id": "int",
        "customer_id": "int",
        "p_control": "float",
        "p_treated": "float",
        "true_uplift": "float",
        "uplift_type": "str",
        "content_uplift": "float?",
        "pulled_forward": "bool",
        "left_at_contact": "bool",
    },
    "complements": {
        "main_product_id": "int",
        "accessory_product_id": "int",
        "p_same_order": "float",
        "p_within_30d": "float",
    },
    "membership_usage": {"customer_id": "int", "month": "date", "sessions": "int", "orders": "int"},
    "products_truth": {
        "product_id": "int",
        "quality": "float",
        "is_main": "bool",
        "is_accessory": "bool",
        "n_reviews": "int",
    },
}
_DATE_FORMATS = {"datetime": "%Y-%m-%d %H:%M:%S", "date": "%Y-%m-%d"}


@dataclass(frozen=True)
class Shop:
    """The generated shop: one DataFrame per table (see ``datasets/README.md``).

    Attributes are ``customers``, ``products``, ``orders``, ``order_items``, ``sessions``,
    ``campaign_contacts``, ``tickets``, ``surveys``, ``reviews``, ``memberships``, ``truth``,
    ``campaigns``, ``campaign_assignments``, ``uplift_truth``, ``complements``,
    ``membership_usage`` and ``products_truth``. Each call of :func:`load_shop` reads fresh frames,
    so changing one never affects another caller.
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
    campaigns: pd.DataFrame
    campaign_assignments: pd.DataFrame
    uplift_truth: pd.DataFrame
    complements: pd.DataFrame
    membership_usage: pd.DataFrame
    products_truth: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables as a ``{name: DataFrame}`` dict, in the order of the data dictionary."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class ShopDataError(ValueError):
    """A shop file that does not match its schema or the manifest; the message names the file."""


def _bad(file: str, col: str, what: str, values: pd.Series) -> ShopDataError:
    rows = values.index[:3].tolist()
    examples = ", ".join(repr(v) for v in values.iloc[:3].tolist())
    return ShopDataError(
        f"{file}: column {col!r} {what} ({len(values)} row(s), e.g. data rows {rows}: {examples}). "
        "The file is corrupt or was edited; restore it with 'git checkout datasets/shop' or "
        "regenerate it with 'make data'."
    )


def _typed_column(raw: pd.Series, kind: str, file: str, col: str) -> pd.Series:
    """Convert one column of text (empty = missing) to its schema kind, refusing anything else."""
    nullable = kind.endswith("?") or kind == "Int64"
    base = kind.rstrip("?")
    empty = raw == ""
    if empty.any() and not nullable:
        raise _bad(file, col, "has empty cells where a value is required", raw[empty])
    if base == "bool":
        ok = raw.isin(["True", "False"])
        if not ok.all():
            raise _bad(file, col, "has values other than True/False", raw[~ok])
        return (raw == "True").astype(bool)
    if base in ("str",):
        return raw.astype(str)
    if base in ("datetime", "date"):
        out = pd.to_datetime(raw.where(~empty), format=_DATE_FORMATS[base], errors="coerce")
        bad = out.isna() & ~empty
        if bad.any():
            raise _bad(
                file, col, f"has values that are not {base}s like '{_DATE_FORMATS[base]}'", raw[bad]
            )
        return out.astype("datetime64[us]")
    num = pd.to_numeric(raw.where(~empty), errors="coerce")
    bad = num.isna() & ~empty
    if bad.any():
        raise _bad(file, col, "has values that are not numbers", raw[bad])
    if base == "float":
        return num.astype("float64")
    frac = (num % 1 != 0) & num.notna()
    if frac.any():
        raise _bad(file, col, "has values that are not whole numbers", raw[frac])
    return num.astype("Int64" if kind == "Int64" else "int64")


def _typed_table(frame: pd.DataFrame, name: str, file: str) -> pd.DataFrame:
    """Check the header against the schema and type every column (``frame`` holds text)."""
    schema = _SHOP_SCHEMA[name]
    if list(frame.columns) != list(schema):
        missing = [c for c in schema if c not in frame.columns]
        extra = [c for c in frame.columns if c not in schema]
        raise ShopDataError(
            f"{file}: the header does not match the data dictionary (missing columns: "
            f"{missing or 'none'}; unexpected columns: {extra or 'none'}). The file is corrupt or "
            "comes from another version; restore it with 'git checkout datasets/shop' or "
            "'make data'."
        )
    return pd.DataFrame(
        {col: _typed_column(frame[col], kind, file, col) for col, kind in schema.items()}
    )


_FAST_DTYPE = {"int": "int64", "Int64": "Int64", "float": "float64", "float?": "float64"}


def _read_text(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except Exception as exc:  # zlib/gzip/EOF/parser errors: name the file
        raise ShopDataError(
            f"{path.name}: cannot be read ({type(exc).__name__}: {exc}). The file is corrupt; "
            "restore it with 'git checkout datasets/shop' or regenerate it with 'make data'."
        ) from exc


def _read_shop_table(path: Path, name: str) -> pd.DataFrame:
    """Read one shop file with its schema; any deviation raises naming the file and column.

    Numbers are parsed by the C reader with their dtype (fast); text, flags and dates are read
    as text and checked here. When the fast read fails, the slow all-text path finds the column.
    """
    schema = _SHOP_SCHEMA[name]
    dtypes = {c: _FAST_DTYPE.get(k, str) for c, k in schema.items()}
    na = {c: [""] for c, k in schema.items() if k in ("Int64", "float?")}
    try:
        raw = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=na)
    except (ValueError, TypeError, OverflowError):
        raw = None  # a number that does not parse, a missing column, ...: find it below
    except Exception:
        raw = _read_text(path)  # raises with the file name
    if raw is None or list(raw.columns) != list(schema):
        return _typed_table(_read_text(path), name, path.name)
    out = {}
    for col, kind in schema.items():
        if kind in _FAST_DTYPE:
            out[col] = raw[col]
        else:
            out[col] = _typed_column(raw[col].astype(str), kind, path.name, col)
    return pd.DataFrame(out)


_CAST = {
    "int": "int64",
    "Int64": "Int64",
    "float": "float64",
    "float?": "float64",
    "bool": "bool",
    "datetime": "datetime64[us]",
    "datetime?": "datetime64[us]",
    "date": "datetime64[us]",
    "date?": "datetime64[us]",
}


def _cast_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A generated table with the dtypes :func:`load_shop` gives (a new frame, input unchanged)."""
    out = {}
    for col, kind in _SHOP_SCHEMA[name].items():
        values = frame[col]
        if kind.startswith("str"):
            out[col] = values.astype(object).where(values.notna(), "").astype(str)
        elif kind == "bool" and values.isna().any():
            raise ValueError(f"tables[{name!r}] column {col!r} has missing flags")
        else:
            out[col] = values.astype(_CAST[kind])
    return pd.DataFrame(out).reset_index(drop=True)


def shop_from_tables(tables: dict[str, pd.DataFrame]) -> Shop:
    """A :class:`Shop` from the tables of :func:`helpers.synth.generate_shop` (e.g. a null world).

    The frames get exactly the types that :func:`load_shop` gives the committed files.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        One frame per shop table, as returned by ``generate_shop``.

    Returns
    -------
    Shop
        A frozen dataclass with new, typed DataFrames (the input frames are not changed).

    Examples
    --------
    >>> from helpers.synth import generate_shop
    >>> null = shop_from_tables(generate_shop(n_customers=300, switch_off=("campaign_effect",)))
    >>> len(null.customers)
    300
    """
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be a dict of DataFrames, got {type(tables).__name__}")
    missing = [f.name for f in fields(Shop) if f.name not in tables]
    if missing:
        raise ValueError(f"tables has no table(s) {missing}; pass the dict from generate_shop")
    typed = {}
    for f in fields(Shop):
        frame = tables[f.name]
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"tables[{f.name!r}] must be a DataFrame, got {type(frame).__name__}")
        lacking = [c for c in _SHOP_SCHEMA[f.name] if c not in frame.columns]
        if lacking:
            raise ValueError(f"tables[{f.name!r}] has no column(s) {lacking}")
        typed[f.name] = _cast_table(frame, f.name)
    return Shop(**typed)


def _verify_manifest(folder: Path) -> None:
    """Compare each shop file's sha256 with ``datasets/MANIFEST.sha256``; raise naming the file."""
    import hashlib

    from helpers import manifest

    recorded = manifest.read()
    for f in fields(Shop):
        file = folder / f"{f.name}.csv.gz"
        entry = recorded.get(f"shop/{file.name}")
        if entry is None:
            raise ShopDataError(
                f"{file.name} has no entry in datasets/MANIFEST.sha256; after a deliberate change "
                "run 'python -m helpers.manifest write' (or load with verify=False)"
            )
        if hashlib.sha256(file.read_bytes()).hexdigest() != entry:
            raise ShopDataError(
                f"{file.name} differs from the sha256 recorded in datasets/MANIFEST.sha256: the "
                "file is corrupt or was changed. Restore it with 'git checkout datasets/shop'; "
                "if you regenerated the data on purpose, run 'python -m helpers.manifest write' "
                "or call load_shop(..., verify=False)."
            )


def load_shop(path: str | Path | None = None, *, verify: bool = True) -> Shop:
    """The generated Hanbit Mall (한빛몰) shop, 2022-01-01 to 2024-12-31, with its known truth.

    Parameters
    ----------
    path : str or Path, optional
        Folder holding the ``<table>.csv.gz`` files; default ``datasets/shop``.
    verify : bool, default True
        Check every file against its sha256 in ``datasets/MANIFEST.sha256`` first. Pass
        ``verify=False`` only for data you regenerated on purpose (another seed, a null world
        written to disk); the schema checks run either way.

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
    ShopDataError
        (a ``ValueError``) if a file differs from the manifest, cannot be read, or has a header,
        an empty cell, a boolean other than True/False, a number or a date that does not match
        the schema; the message names the file and the column.

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
    if verify:
        _verify_manifest(folder)
    for f in fields(Shop):
        tables[f.name] = _read_shop_table(folder / f"{f.name}.csv.gz", f.name)
    return Shop(**tables)
