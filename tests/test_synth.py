"""The generated shop: byte-for-byte regeneration, integrity, dtypes and every documented behaviour.

The behaviours are checked on the committed data (``datasets/shop``), so a generator change that
would break a lesson fails here. Thresholds leave a margin below the values the committed data
show (given in the comments).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from helpers import synth
from helpers.data import SHOP_DIR, Shop, load_shop, shop_from_tables

END = pd.Timestamp("2025-01-01")
MONTH = 30.4375  # days


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The shop regenerated once through the command line with the default seed."""
    out = tmp_path_factory.mktemp("shop")
    subprocess.run(
        [sys.executable, "-m", "helpers.synth", "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return out


@pytest.fixture(scope="module")
def shop() -> Shop:
    return load_shop()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wholesale_orders(shop: Shop) -> set:
    return set(shop.order_items.loc[shop.order_items["quantity"] >= 50, "order_id"])


def _clean_orders(shop: Shop) -> pd.DataFrame:
    """Completed orders of known customers without the wholesale outliers."""
    o = shop.orders
    keep = (o["status"] == "completed") & o["customer_id"].notna()
    keep &= ~o["order_id"].isin(_wholesale_orders(shop))
    return o[keep].assign(customer_id=lambda d: d["customer_id"].astype("int64"))


# ----------------------------------------------------------------------------- regeneration
def test_regeneration_is_byte_identical(regenerated):
    for name in synth.TABLES:
        committed = SHOP_DIR / f"{name}.csv.gz"
        assert committed.is_file(), f"{committed} is not committed"
        assert _sha256(regenerated / committed.name) == _sha256(committed), (
            f"{name}: regenerating with the default seed no longer reproduces the committed file"
        )
    assert sorted(p.name for p in SHOP_DIR.iterdir()) == sorted(f"{t}.csv.gz" for t in synth.TABLES)


def test_gzip_header_has_no_timestamp():
    head = (SHOP_DIR / "orders.csv.gz").read_bytes()[:10]
    assert head[:2] == b"\x1f\x8b" and head[4:8] == b"\x00\x00\x00\x00"


def test_other_seed_gives_other_data_and_small_runs_work():
    a = synth.generate_shop(seed=1, n_customers=300)
    b = synth.generate_shop(seed=2, n_customers=300)
    assert list(a) == list(synth.TABLES)
    assert len(a["customers"]) == 300
    assert not a["orders"]["amount"].equals(b["orders"]["amount"])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seed": "1"}, TypeError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"n_customers": 10}, ValueError, "n_customers"),
        ({"switch_off": ("nope",)}, ValueError, "valid names"),
        ({"switch_off": 3}, TypeError, "switch_off"),
    ],
)
def test_generate_shop_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        synth.generate_shop(**kwargs)


# ----------------------------------------------------------------------------- loader
def test_load_shop_types(shop):
    assert set(shop.tables()) == set(synth.TABLES)
    dates = {
        "customers": ["signup_date"],
        "orders": ["order_date"],
        "sessions": ["started_at"],
        "campaign_contacts": ["sent_at"],
        "tickets": ["opened_at"],
        "surveys": ["surveyed_at"],
        "reviews": ["reviewed_at"],
        "memberships": ["started_at", "ended_at"],
        "truth": ["churned_at"],
    }
    for table, cols in dates.items():
        for col in cols:
            assert pd.api.types.is_datetime64_any_dtype(getattr(shop, table)[col]), (table, col)
    nullable = {
        "customers": ["referred_by"],
        "orders": ["customer_id"],
        "sessions": ["customer_id", "product_id", "order_id"],
        "campaign_contacts": ["response_order_id"],
        "tickets": ["order_id"],
    }
    for table, cols in nullable.items():
        for col in cols:
            assert str(getattr(shop, table)[col].dtype) == "Int64", (table, col)
    bools = {
        "customers": ["marketing_consent"],
        "products": ["customizable"],
        "sessions": ["viewed_product", "added_to_cart", "purchased"],
        "campaign_contacts": ["responded"],
        "tickets": ["resolved_first_contact"],
    }
    for table, cols in bools.items():
        for col in cols:
            assert getattr(shop, table)[col].dtype == bool, (table, col)
    for table, col in [("orders", "amount"), ("order_items", "unit_price"), ("products", "price")]:
        assert getattr(shop, table)[col].dtype == "int64", (table, col)
    for table, col in [
        ("customers", "acquisition_channel"),
        ("orders", "status"),
        ("truth", "latent_segment"),
    ]:
        assert pd.api.types.is_string_dtype(getattr(shop, table)[col]), (table, col)


def test_load_shop_hands_out_fresh_frozen_frames(shop):
    first = load_shop()
    first.orders.loc[0, "amount"] = -1
    assert load_shop().orders.loc[0, "amount"] == shop.orders.loc[0, "amount"] > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.orders = first.orders.head()  # type: ignore[misc]


def test_load_shop_names_a_missing_file(tmp_path):
    for p in SHOP_DIR.glob("*.csv.gz"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "tickets.csv.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"tickets\.csv\.gz.*make data"):
        load_shop(tmp_path)
    assert len(load_shop(SHOP_DIR).products) == 300


# ----------------------------------------------------------------------------- integrity
def test_primary_keys_are_unique(shop):
    for table, key in [
        ("customers", "customer_id"),
        ("products", "product_id"),
        ("orders", "order_id"),
        ("sessions", "session_id"),
        ("tickets", "ticket_id"),
        ("reviews", "review_id"),
        ("truth", "customer_id"),
        ("memberships", "customer_id"),
        ("surveys", "customer_id"),
    ]:
        assert getattr(shop, table)[key].is_unique, f"{table}.{key} is not unique"
    assert not shop.campaign_contacts.duplicated(["campaign_id", "customer_id"]).any()
    assert not shop.campaign_assignments.duplicated(["campaign_id", "customer_id"]).any()
    keys = ["campaign_id", "customer_id"]
    assert shop.uplift_truth[keys].equals(shop.campaign_assignments[keys])


def test_every_foreign_key_resolves(shop):
    customers = set(shop.customers["customer_id"])
    products = set(shop.products["product_id"])
    orders = set(shop.orders["order_id"])
    refs = [
        (shop.customers["referred_by"], customers),
        (shop.orders["customer_id"], customers),
        (shop.order_items["order_id"], orders),
        (shop.order_items["product_id"], products),
        (shop.sessions["customer_id"], customers),
        (shop.sessions["product_id"], products),
        (shop.sessions["order_id"], orders),
        (shop.campaign_contacts["customer_id"], customers),
        (shop.campaign_contacts["response_order_id"], orders),
        (shop.tickets["customer_id"], customers),
        (shop.tickets["order_id"], orders),
        (shop.surveys["customer_id"], customers),
        (shop.reviews["customer_id"], customers),
        (shop.reviews["product_id"], products),
        (shop.reviews["order_id"], orders),
        (shop.memberships["customer_id"], customers),
        (shop.campaign_assignments["customer_id"], customers),
        (shop.uplift_truth["customer_id"], customers),
        (shop.membership_usage["customer_id"], customers),
        (shop.complements["main_product_id"], products),
        (shop.complements["accessory_product_id"], products),
        (shop.sessions["campaign_id"], set(shop.campaigns["campaign_id"])),
    ]
    for column, keys in refs:
        assert set(column.dropna()) <= keys, f"{column.name} has ids that do not resolve"
    assert set(shop.truth["customer_id"]) == customers
    assert set(shop.order_items["order_id"]) == orders, "every order has items"
    # the documented empties only
    assert shop.orders["customer_id"].isna().mean() < 0.05
    assert shop.sessions.loc[shop.sessions["viewed_product"], "product_id"].notna().all()
    assert shop.sessions.loc[~shop.sessions["viewed_product"], "product_id"].isna().all()


def test_dates_lie_in_the_observation_window(shop):
    start = pd.Timestamp("2022-01-01")
    for table, col in [
        ("customers", "signup_date"),
        ("orders", "order_date"),
        ("sessions", "started_at"),
        ("campaign_contacts", "sent_at"),
        ("campaigns", "sent_at"),
        ("customers", "opted_out_at"),
        ("membership_usage", "month"),
        ("tickets", "opened_at"),
        ("surveys", "surveyed_at"),
        ("reviews", "reviewed_at"),
        ("memberships", "started_at"),
        ("memberships", "ended_at"),
        ("truth", "churned_at"),
    ]:
        d = getattr(shop, table)[col].dropna()
        assert d.min() >= start and d.max() < END, (table, col)


def test_order_amount_is_items_minus_discount(shop):
    items = shop.order_items.drop_duplicates()
    gross = (items["quantity"] * items["unit_price"]).groupby(items["order_id"]).sum()
    o = shop.orders.set_index("order_id")
    assert (gross.reindex(o.index) - o["discount"]).equals(o["amount"])
    assert (o["discount"] >= 0).all() and (o["amount"] > 0).all()
    # every duplicated line is an exact copy of a line of the same order, next to it
    dup = shop.order_items.duplicated(keep=False)
    assert shop.order_items[dup].groupby(list(shop.order_items.columns)).size().eq(2).all()


def test_anonymous_cookies_become_known_at_login_or_purchase(shop):
    s = shop.sessions
    known = s.dropna(subset=["customer_id"])
    assert known.groupby("cookie_id")["customer_id"].nunique().max() == 1
    first_known = known.groupby("cookie_id")["started_at"].min()
    anon = s[s["customer_id"].isna() & s["cookie_id"].isin(first_known.index)]
    assert len(anon) > 5_000  # sessions before sign-up or on a new device
    assert (anon["started_at"] < anon["cookie_id"].map(first_known)).all()
    never = s.groupby("cookie_id")["customer_id"].count() == 0
    assert never.sum() > 8_000  # visitors who never become customers
    two = known.groupby("customer_id")["cookie_id"].nunique()
    assert 0.08 < (two == 2).mean() < 0.3 and two.max() == 2


def test_every_order_has_its_purchasing_session(shop):
    s = shop.sessions[shop.sessions["purchased"]]
    assert s["order_id"].is_unique and set(s["order_id"]) == set(shop.orders["order_id"])
    assert shop.sessions.loc[~shop.sessions["purchased"], "order_id"].isna().all()
    m = s.merge(shop.orders, on="order_id", suffixes=("", "_order"))
    assert (m["customer_id"].fillna(0) == m["customer_id_order"].fillna(0)).all()
    assert (m["device"] == m["device_order"]).all()
    assert (m["started_at"] <= m["order_date"]).all()
    assert m["added_to_cart"].all()
    pairs = set(zip(shop.order_items["order_id"], shop.order_items["product_id"], strict=True))
    assert all((o, p) in pairs for o, p in zip(m["order_id"], m["product_id"], strict=True))


def test_messiness_is_present_and_documented_size(shop):
    o = shop.orders
    share = o["status"].value_counts(normalize=True)
    assert set(share.index) == {"completed", "cancelled", "returned"}
    assert 0.04 < share["cancelled"] < 0.06 and 0.03 < share["returned"] < 0.05
    assert 0.02 < o["customer_id"].isna().mean() < 0.04
    assert shop.order_items.duplicated().sum() == synth.N_DUPLICATE_LINES
    assert len(_wholesale_orders(shop)) == synth.N_WHOLESALE
    normal = shop.order_items[shop.order_items["quantity"] < 50]
    assert normal["quantity"].max() <= 20


def test_load_shop_new_tables_have_the_documented_types(shop):
    t = shop.tables()
    assert set(t) == set(synth.TABLES)
    from helpers.data import _SHOP_SCHEMA

    expect = {
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
    for name, schema in _SHOP_SCHEMA.items():
        assert list(t[name].columns) == list(schema), name
        for col, kind in schema.items():
            dtype = t[name][col].dtype
            if kind.startswith("str"):
                assert pd.api.types.is_string_dtype(dtype), (name, col, dtype)
                assert t[name][col].notna().all(), (name, col)
            else:
                assert str(dtype) == expect[kind], (name, col, dtype)


def test_unknown_mechanism_is_refused_with_the_valid_names():
    with pytest.raises(ValueError, match="campaign_effect"):
        synth.generate_shop(n_customers=200, switch_off=("no_such_thing",))
    assert len(synth.MECHANISMS) == 15


def test_sizes(shop):
    files = list(SHOP_DIR.glob("*.csv.gz"))
    assert sum(p.stat().st_size for p in files) < 15e6
    assert len(shop.customers) == 12_000
    assert 30_000 <= len(shop.orders) <= 60_000
    assert 100_000 <= len(shop.sessions) <= 300_000
    assert len(shop.products) == 300 and shop.products["category"].nunique() == 8
    assert len(shop.campaigns) == 24
    assert shop.campaign_contacts["campaign_id"].nunique() == 24


def test_signups_grow_and_first_purchase_is_at_signup(shop):
    per_year = shop.customers["signup_date"].dt.year.value_counts().sort_index()
    assert per_year.is_monotonic_increasing and per_year[2024] > 1.5 * per_year[2022]
    first = shop.orders.dropna(subset=["customer_id"]).groupby("customer_id")["order_date"].min()
    signup = shop.customers.set_index("customer_id")["signup_date"]
    assert (first.dt.normalize().reindex(signup.index) == signup).all()


def test_nobody_buys_after_leaving(shop):
    churn = shop.truth.set_index("customer_id")["churned_at"]
    o = shop.orders.dropna(subset=["customer_id"])
    after = o[o["order_date"] > o["customer_id"].astype("int64").map(churn) + pd.Timedelta("1min")]
    assert len(after) == 0


# ----------------------------------------------------------------------------- measures
def _completed(shop: Shop) -> pd.DataFrame:
    return _clean_orders(shop)


def _repeat_within_year(shop: Shop) -> float:
    c = _completed(shop)
    first = c.groupby("customer_id")["order_date"].transform("min")
    rep = c[(c["order_date"] > first) & (c["order_date"] <= first + pd.Timedelta(days=365))]
    f = c.groupby("customer_id")["order_date"].min()
    cohort = f[f < pd.Timestamp("2024-01-01")].index
    return float(np.isin(cohort, rep["customer_id"].unique()).mean())


def _oracle_ari(shop: Shop, log: bool = True) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score
    from sklearn.preprocessing import StandardScaler

    x = shop.truth[["purchase_rate", "dropout_prob", "spend_scale"]].astype(float)
    x = np.log(x) if log else x
    lab = KMeans(4, n_init=10, random_state=0).fit_predict(StandardScaler().fit_transform(x))
    return adjusted_rand_score(shop.truth["latent_segment"], lab)


def _behaviour_ari(shop: Shop) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score
    from sklearn.preprocessing import StandardScaler

    c = _completed(shop)
    g = c.groupby("customer_id")
    f = pd.DataFrame({"frequency": g.size(), "monetary": g["amount"].mean()})
    f = f.reindex(shop.truth["customer_id"])
    lab = KMeans(4, n_init=10, random_state=0).fit_predict(
        StandardScaler().fit_transform(np.log1p(f))
    )
    return adjusted_rand_score(shop.truth["latent_segment"], lab)


def _weighted_funnel(shop: Shop) -> tuple[float, float, float]:
    s = shop.sessions
    w = s["weight"]
    conv = (w * s["purchased"]).sum() / w.sum()
    view_cart = (w * (s["viewed_product"] & s["added_to_cart"])).sum() / (
        w * s["viewed_product"]
    ).sum()
    cart_buy = (w * s["purchased"]).sum() / (w * s["added_to_cart"]).sum()
    return conv, view_cart, cart_buy


def _customer_category_lift(shop: Shop) -> pd.DataFrame:
    c = _completed(shop)[["order_id", "customer_id"]]
    it = shop.order_items.merge(c, on="order_id").merge(shop.products, on="product_id")
    m = pd.crosstab(it["customer_id"], it["category"]).clip(upper=1)
    p = m.mean()
    return (m.T @ m) / len(m) / np.outer(p, p)


def _accessory_lift(shop: Shop) -> float:
    """Pooled order-level lift of the listed (main, accessory) pairs."""
    c = _completed(shop)
    it = shop.order_items.drop_duplicates()
    it = it[it["order_id"].isin(c["order_id"])]
    n = it["order_id"].nunique()
    pairs = set(it["order_id"].astype(str) + "-" + it["product_id"].astype(str))
    comp = shop.complements
    has = it.groupby("product_id")["order_id"].apply(set)
    both = main = acc = 0.0
    for a, b in zip(comp["main_product_id"], comp["accessory_product_id"], strict=True):
        sa, sb = has.get(a, set()), has.get(b, set())
        both += len(sa & sb) / n
        main += len(sa) / n
        acc += len(sb) / n * len(sa) / n
    del pairs
    return both / acc if acc else float("nan")


def _rated_sessions(shop: Shop) -> pd.DataFrame:
    """Product-view sessions with the number of reviews of the product that existed before."""
    s = shop.sessions[shop.sessions["viewed_product"]].copy()
    s["product_id"] = s["product_id"].astype("int64")
    r = shop.reviews.sort_values(["product_id", "reviewed_at"])
    rk = r["product_id"].to_numpy() * 10**12 + r["reviewed_at"].astype("int64").to_numpy() // 10**6
    sk = s["product_id"].to_numpy() * 10**12 + s["started_at"].astype("int64").to_numpy() // 10**6
    lo = np.searchsorted(rk, s["product_id"].to_numpy() * 10**12)
    s["n_before"] = np.searchsorted(rk, sk) - lo
    s["x"] = np.log1p(s["n_before"])
    return s


def _review_slopes(shop: Shop) -> tuple[float, float]:
    """Weighted linear-probability slope of purchase on log(1 + reviews before): pooled, within."""
    s = _rated_sessions(shop)
    w, y, x = s["weight"], s["purchased"].astype(float), s["x"]

    def slope(xv, yv):
        xm, ym = np.average(xv, weights=w), np.average(yv, weights=w)
        return np.sum(w * (xv - xm) * (yv - ym)) / np.sum(w * (xv - xm) ** 2)

    def demean(v):
        m = (v * w).groupby(s["product_id"]).transform("sum") / w.groupby(
            s["product_id"]
        ).transform("sum")
        return v - m

    return slope(x, y), slope(demean(x), demean(y))


def _opt_out_by_recent_contacts(shop: Shop) -> pd.Series:
    a = shop.campaign_assignments.merge(shop.campaigns[["campaign_id", "sent_at"]])
    a = a.merge(shop.uplift_truth[["campaign_id", "customer_id", "left_at_contact"]])
    tr = a[a["treated"]][["customer_id", "campaign_id", "sent_at", "opted_out", "left_at_contact"]]
    m = tr.merge(tr[["customer_id", "sent_at"]], on="customer_id", suffixes=("", "_prev"))
    gap = (m["sent_at"] - m["sent_at_prev"]).dt.days
    recent = (
        m[(gap > 0) & (gap <= synth.FATIGUE_WINDOW)].groupby(["customer_id", "campaign_id"]).size()
    )
    tr = tr.set_index(["customer_id", "campaign_id"])
    tr["recent"] = recent.reindex(tr.index).fillna(0).clip(upper=3)
    tr = tr[~tr["left_at_contact"]]  # sleeping dogs opt out whatever the frequency
    return tr.groupby("recent")["opted_out"].mean()


def _content_gap_by_concentration(shop: Shop) -> pd.Series:
    a = shop.campaign_assignments
    a = a[a["treated"] & (a["content"] != "")].merge(
        shop.truth[["customer_id", "interest_concentration"]]
    )
    a["tercile"] = pd.qcut(a["interest_concentration"], 3, labels=False)
    rates = a.groupby(["tercile", "content"])["converted"].mean().unstack()
    return rates["personalised"] - rates["generic"]


@functools.cache
def _small_world(switch_off: tuple[str, ...]) -> Shop:
    return shop_from_tables(synth.generate_shop(seed=7, n_customers=3000, switch_off=switch_off))


def _small(switch_off: tuple[str, ...] = ()) -> Shop:
    """A 3,000-customer world (seed 7), cached: frames are shared, do not change them."""
    return _small_world(tuple(switch_off))


@pytest.fixture(scope="module")
def small() -> Shop:
    return _small()


# ----------------------------------------------------------------------------- 1 campaigns
def test_campaigns_are_a_randomised_experiment_with_a_universal_holdout(shop):
    a, t = shop.campaign_assignments, shop.truth.set_index("customer_id")
    hold = t["universal_holdout"]
    assert 0.08 < hold.mean() < 0.12
    assert not a.loc[a["holdout"], "treated"].any()
    assert (a["holdout"] == a["customer_id"].map(hold)).all()
    share = a[~a["holdout"]].groupby("campaign_id")["treated"].mean()
    assert np.allclose(share, shop.campaigns.set_index("campaign_id")["treat_share"], atol=0.06)
    tr = a[a["treated"]]
    big = tr.groupby("campaign_id").size().loc[lambda n: n >= 500].index
    for col in ("channel", "offer"):
        mix = (
            tr[tr["campaign_id"].isin(big)].groupby("campaign_id")[col].value_counts(normalize=True)
        )
        assert mix.between(0.25, 0.42).all(), col
    assert (a.loc[~a["treated"], ["channel", "offer", "content"]] == "").all().all()
    contacts = shop.campaign_contacts
    assert len(contacts) == len(tr)
    assert contacts["responded"].sum() == tr["converted"].sum()
    cons = shop.customers.set_index("customer_id")["marketing_consent"]
    assert a["customer_id"].map(cons).all()


def test_campaign_effect_is_heterogeneous_and_not_response(shop):
    a = shop.campaign_assignments.merge(shop.uplift_truth)
    treated, control = a[a["treated"]], a[~a["treated"]]
    lift = treated["converted"].mean() - control["converted"].mean()
    assert 0.005 < lift < 0.03  # committed: +1.4 points (7.0 % vs 5.6 %)
    assert set(a["uplift_type"]) == {"persuadable", "sure_thing", "lost_cause", "sleeping_dog"}
    alive = a[a["p_control"] > 0]
    rho = spearmanr(alive["p_treated"], alive["true_uplift"])[0]
    assert rho <= 0.6, rho  # response ranking is not uplift ranking
    # sensitivity is not a function of RFM
    c = _completed(shop)
    g = c.groupby("customer_id")
    rfm = pd.DataFrame({"f": g.size(), "m": g["amount"].mean()}).reindex(shop.truth["customer_id"])
    sens = shop.truth.set_index("customer_id")["promo_sensitivity"]
    assert abs(np.corrcoef(np.log(rfm["f"]), sens)[0, 1]) < 0.05
    assert abs(np.corrcoef(np.log(rfm["m"]), sens)[0, 1]) < 0.05
    # sleeping dogs are lapsed customers whose contact made them leave
    dogs = a[a["left_at_contact"]]
    assert len(dogs) > 50 and (dogs["uplift_type"] == "sleeping_dog").mean() > 0.8
    assert dogs["treated"].all() and not dogs["converted"].any()
    # sure things: a contacted customer's organic order became the response
    pf = a[a["pulled_forward"]]
    assert len(pf) > 200 and pf["converted"].all()


def test_a_response_model_ranks_differently_from_uplift(shop):
    from sklearn.linear_model import LogisticRegression

    a = shop.campaign_assignments.merge(shop.uplift_truth).merge(
        shop.campaigns[["campaign_id", "sent_at"]]
    )
    a = a[a["campaign_id"] == 12]
    c = _completed(shop)
    c = c.merge(a[["customer_id", "sent_at"]], on="customer_id")
    c = c[c["order_date"] < c["sent_at"]]
    g = c.groupby("customer_id")
    x = pd.DataFrame(
        {
            "r": (a.set_index("customer_id")["sent_at"] - g["order_date"].max()).dt.days,
            "f": np.log1p(g.size()),
            "m": np.log(g["amount"].mean()),
        }
    ).reindex(a["customer_id"])
    tr = a["treated"].to_numpy()
    model = LogisticRegression().fit(x[tr], a.loc[tr, "converted"])
    score = model.predict_proba(x)[:, 1]
    rho = spearmanr(score, a["true_uplift"])[0]
    assert rho <= 0.6, rho


def test_switching_off_the_campaign_effect_removes_it():
    null = _small(switch_off=("campaign_effect",))
    u = null.uplift_truth
    assert (u["true_uplift"] == 0).all() and (u["uplift_type"] != "persuadable").all()
    assert not u["pulled_forward"].any() and not u["left_at_contact"].any()


# ----------------------------------------------------------------------------- 2 content test
def test_personalised_content_helps_concentrated_customers_more(shop):
    a = shop.campaign_assignments
    test = a[
        a["treated"] & a["campaign_id"].isin(shop.campaigns.query("content_test")["campaign_id"])
    ]
    assert set(test["content"]) == {"personalised", "generic"}
    assert 0.45 < (test["content"] == "personalised").mean() < 0.55
    gap = _content_gap_by_concentration(shop)
    assert gap[2] > gap[0] + 0.01 and gap[2] > 0.015  # committed: see data dictionary
    u = shop.uplift_truth.merge(shop.truth[["customer_id", "interest_concentration"]])
    alive = u[u["content_uplift"].notna() & (u["p_control"] > 0)]
    assert spearmanr(alive["content_uplift"], alive["interest_concentration"])[0] > 0.5
    assert u.loc[~u["campaign_id"].isin(test["campaign_id"]), "content_uplift"].isna().all()


def test_switching_off_the_content_effect_removes_it():
    null = _small(switch_off=("content_effect",))
    cu = null.uplift_truth["content_uplift"].dropna()
    assert len(cu) > 0 and (cu == 0).all()


# ----------------------------------------------------------------------------- 10 fatigue
def test_opt_out_rises_with_contact_frequency(shop):
    rate = _opt_out_by_recent_contacts(shop)
    assert rate[3] > 2 * rate[0] and rate.is_monotonic_increasing
    out = shop.customers["opted_out_at"]
    assert 0.03 < out.notna().mean() < 0.2
    a = shop.campaign_assignments.merge(shop.campaigns[["campaign_id", "sent_at"]])
    later = a.merge(shop.customers[["customer_id", "opted_out_at"]])
    assert not (later["sent_at"] > later["opted_out_at"]).any()  # opted out: no longer eligible


def test_switching_off_contact_fatigue_flattens_opt_out():
    on, off = _small(), _small(switch_off=("contact_fatigue",))
    r_on, r_off = _opt_out_by_recent_contacts(on), _opt_out_by_recent_contacts(off)
    assert r_on.iloc[-1] / r_on.iloc[0] > 2 * r_off.iloc[-1] / r_off.iloc[0]


# ----------------------------------------------------------------------------- 3 complements
def test_accessory_pairs_and_lifestyle_category_pairs(shop):
    assert _accessory_lift(shop) >= 3
    comp = shop.complements
    assert comp.groupby("main_product_id").size().between(2, 3).all()
    lift = _customer_category_lift(shop)
    assert lift.loc["fashion", "beauty"] > 1.3 and lift.loc["food", "kids"] > 1.3
    assert lift.loc["books", "sports"] > 1.3
    assert 0.85 < lift.loc["beauty", "books"] < 1.15 and 0.85 < lift.loc["kids", "sports"] < 1.15
    assert set(shop.products["style"]) == set(synth.STYLES)
    assert shop.products.groupby("category")["brand"].nunique().ge(3).all()


def test_within_category_taste_gives_product_signal(shop):
    c = _completed(shop)[["order_id", "customer_id"]]
    it = shop.order_items.merge(c).merge(shop.products, on="product_id")
    it = it.merge(shop.truth[["customer_id", "preferred_style"]])
    share = (it["style"] == it["preferred_style"]).mean()
    assert share > 0.5  # three styles: 1/3 without taste


def test_switching_off_complements_and_lifestyle_removes_them(small):
    assert _accessory_lift(small) >= 3
    assert _accessory_lift(_small(switch_off=("complements",))) < 2
    on = _customer_category_lift(small).loc["fashion", "beauty"]
    off = _customer_category_lift(_small(switch_off=("lifestyle",))).loc["fashion", "beauty"]
    assert on > 1.3 and off < on - 0.3  # segment signatures keep a little


# ----------------------------------------------------------------------------- 4 lifecycle
def test_lifecycle_repeat_dropout_tenure_and_cohorts(shop):
    assert 0.40 <= _repeat_within_year(shop) <= 0.60
    t = shop.truth
    assert 0.2 < t["early_dropout"].mean() < 0.6
    assert t.groupby("latent_segment")["early_dropout"].mean().idxmax() == "one_off"
    # baskets grow with tenure, at most ~1 % a month
    c = _completed(shop)
    first = c.groupby("customer_id")["order_date"].transform("min")
    months = (c["order_date"] - first).dt.days / MONTH
    rep = months >= 1
    slope = np.polyfit(months[rep], np.log(c.loc[rep, "amount"]), 1)[0]
    assert 0.002 < slope <= 0.012
    # cohort quality: referral beats affiliate; paid channels got worse in 2023
    ch = shop.customers.set_index("customer_id")
    f = c.groupby("customer_id")["order_date"].min()
    r = c[(c["order_date"] > first) & (c["order_date"] <= first + pd.Timedelta(days=365))]
    df = pd.DataFrame({"rep": f.index.isin(r["customer_id"])}, index=f.index).join(ch)
    df = df[df["signup_date"] < "2024-01-01"]
    by_ch = df.groupby("acquisition_channel")["rep"].mean()
    assert by_ch["referral"] > by_ch["affiliate"] + 0.2
    paid = df[df["acquisition_channel"].isin(synth.PAID_CHANNELS)]
    by_year = paid.groupby(paid["signup_date"].dt.year)["rep"].mean()
    assert by_year[2022] > by_year[2023] + 0.03


def test_korean_seasonality_in_orders(shop):
    c = _completed(shop)
    daily = c.set_index("order_date").resample("D").size()
    d = daily.index
    assert daily[(d.month == 11) & (d.day <= 15)].mean() > 1.25 * daily[d.month == 10].mean()
    chuseok = pd.Timestamp("2023-09-29")
    before = daily[chuseok - pd.Timedelta(days=16) : chuseok - pd.Timedelta(days=3)].mean()
    around = daily[chuseok - pd.Timedelta(days=60) : chuseok - pd.Timedelta(days=30)].mean()
    assert before > 1.2 * around


def test_switching_off_lifecycle_mechanisms(small):
    flat = _small(switch_off=("seasonality",))
    for s_, lo, hi in ((small, 1.2, 9), (flat, 0, 1.15)):
        daily = _completed(s_).set_index("order_date").resample("D").size()
        d = daily.index
        ratio = daily[(d.month == 11) & (d.day <= 15)].mean() / daily[d.month == 10].mean()
        assert lo < ratio < hi, ratio
    assert not _small(switch_off=("early_dropout",)).truth["early_dropout"].any()
    assert small.truth["early_dropout"].any()

    def slope(s_):
        c = _completed(s_)
        months = c["order_date"] - c.groupby("customer_id")["order_date"].transform("min")
        months = months.dt.days / MONTH
        rep = months >= 1
        return np.polyfit(months[rep], np.log(c.loc[rep, "amount"]), 1)[0]

    assert slope(small) > slope(_small(switch_off=("tenure_growth",))) + 0.003


# ----------------------------------------------------------------------------- 5 segments
def test_segments_are_separable_in_truth_and_partly_in_behaviour(shop):
    assert _oracle_ari(shop) >= 0.6 and _oracle_ari(shop, log=False) >= 0.6
    assert 0.25 <= _behaviour_ari(shop) <= 0.45
    by = shop.truth.groupby("latent_segment")[["purchase_rate", "spend_scale"]].mean()
    assert by.loc["vip", "purchase_rate"] > 2 * by.loc["regular", "purchase_rate"]
    assert by.loc["vip", "spend_scale"] > 1.5 * by.loc["regular", "spend_scale"]


def test_switching_off_segment_separation(small):
    assert _oracle_ari(small) > 0.6
    assert _oracle_ari(_small(switch_off=("segment_separation",))) < 0.1


# ----------------------------------------------------------------------------- 6 funnel
def test_weighted_funnel_volumes(shop):
    conv, view_cart, cart_buy = _weighted_funnel(shop)
    assert 0.02 <= conv <= 0.04 and 0.08 <= view_cart <= 0.12 and 0.30 <= cart_buy <= 0.45
    s = shop.sessions
    assert set(s["weight"]) == {1.0, 10.0}
    assert (s.loc[s["purchased"], "weight"] == 1).all()
    crm = s[s["traffic_source"] == "crm"]
    assert (
        crm["campaign_id"].notna().all()
        and s.loc[s["traffic_source"] != "crm", "campaign_id"].isna().all()
    )
    assert 0.2 < (crm["weight"] * crm["purchased"]).sum() / crm["weight"].sum() < 0.6


# ----------------------------------------------------------------------------- 8 reviews
def test_reviews_before_a_session_raise_its_purchase_probability(shop):
    pooled, within = _review_slopes(shop)
    assert within > 0.002 and pooled > within  # quality confounds the pooled slope
    q = shop.products_truth.merge(shop.products)
    assert np.corrcoef(q["quality"], q["n_reviews"])[0, 1] > 0.1


def test_switching_off_the_review_effect(small):
    _, on = _review_slopes(small)
    null = _small(switch_off=("review_effect",))
    _, off = _review_slopes(null)
    assert on > 0.002 and abs(off) < on / 2
    pd.testing.assert_frame_equal(small.orders, null.orders)  # only the sessions change


# ----------------------------------------------------------------------------- 7 memberships
def test_membership_churn_depends_on_behaviour_and_usage_falls_before_cancelling(shop):
    m = shop.memberships.merge(shop.truth, on="customer_id")
    assert np.corrcoef(np.log(m["purchase_rate"]), m["membership_hazard"])[0, 1] < -0.15
    unresolved = shop.tickets[~shop.tickets["resolved_first_contact"]].groupby("customer_id").size()
    m["unres"] = m["customer_id"].map(unresolved).fillna(0)
    cancelled = m["cancel_reason"] == "cancelled"
    assert cancelled[m["unres"] > 0].mean() > cancelled[m["unres"] == 0].mean()
    u = shop.membership_usage.merge(shop.memberships[["customer_id", "ended_at", "cancel_reason"]])
    u = u[u["cancel_reason"] == "cancelled"]
    to_end = (u["ended_at"].dt.year - u["month"].dt.year) * 12 + (
        u["ended_at"].dt.month - u["month"].dt.month
    )
    last = u.loc[to_end == 1, "sessions"].mean()
    earlier = u.loc[to_end.between(5, 8), "sessions"].mean()
    assert last < 0.7 * earlier
    # nobody pays after leaving the shop; the censored have no end
    left = m[m["churned_at"].notna()]
    limit = left["churned_at"].dt.to_period("M").dt.to_timestamp() + pd.offsets.MonthBegin(1)
    assert (
        left["ended_at"].fillna(END)
        <= limit.clip(lower=left["started_at"] + pd.offsets.MonthBegin(1))
    ).all()
    assert (m["ended_at"].isna() == (m["cancel_reason"] == "")).all()


def test_switching_off_membership_behaviour(small):
    null = _small(switch_off=("membership_behaviour",))
    for s_, lo, hi in ((small, -1, -0.15), (null, -0.15, 0.15)):
        m = s_.memberships.merge(s_.truth, on="customer_id")
        r = np.corrcoef(np.log(m["purchase_rate"]), m["membership_hazard"])[0, 1]
        assert lo < r < hi, r


# ----------------------------------------------------------------------------- 9 satisfaction
def test_satisfaction_has_halo_means_must_be_and_non_response(shop):
    sv = shop.surveys
    corr = sv[list(synth.ELEMENTS)].corr().to_numpy()[np.triu_indices(4, 1)]
    assert 0.4 <= corr.min() and corr.max() <= 0.6
    means = sv[list(synth.ELEMENTS)].mean()
    assert means.max() - means.min() > 0.5
    nps = sv.groupby("after_sales")["nps"].mean()
    assert nps[3] - nps[1] > 1.3 * (nps[5] - nps[3])  # must-be: low hurts more than high helps
    t = shop.truth
    sat = t[[f"sat_{e}" for e in synth.ELEMENTS]].mean(axis=1)
    answered = t["customer_id"].isin(sv["customer_id"])
    q = pd.qcut(sat, 4, labels=False)
    rate = answered.groupby(q).mean()
    assert rate[3] > 2 * rate[0]


def test_promoters_refer_more_and_service_times_overlap(shop):
    refs = shop.customers["referred_by"].dropna().astype("int64").value_counts()
    sv = shop.surveys.assign(n=lambda d: d["customer_id"].map(refs).fillna(0))
    promoters, passives = (
        sv.loc[sv["nps"] >= 9, "n"].mean(),
        sv.loc[sv["nps"].between(7, 8), "n"].mean(),
    )
    assert promoters > 1.5 * passives
    tk = shop.tickets
    fcr = tk.loc[tk["resolved_first_contact"], "resolution_hours"]
    other = tk.loc[~tk["resolved_first_contact"], "resolution_hours"]
    assert fcr.quantile(0.9) > other.quantile(0.1)  # overlapping
    # no service-recovery effect: tickets solved at first contact leave after-sales unchanged
    solved = set(tk.loc[tk["resolved_first_contact"], "customer_id"]) - set(
        other.index.map(tk["customer_id"])
    )
    none = ~sv["customer_id"].isin(tk["customer_id"])
    only = sv["customer_id"].isin(solved)
    assert abs(sv.loc[only, "after_sales"].mean() - sv.loc[none, "after_sales"].mean()) < 0.25


def test_switching_off_satisfaction_mechanisms(small):
    halo_off = _small(switch_off=("satisfaction_halo",))
    c = halo_off.surveys[list(synth.ELEMENTS)].corr().to_numpy()[np.triu_indices(4, 1)]
    assert np.delete(c, [1, 3, 4]).max() < 0.15  # pairs without after-sales

    def must_be(s_):
        t = s_.truth
        a = t["sat_after_sales"]
        x = np.c_[
            t[["sat_product_design", "sat_sales_activities", "sat_culture"]],
            np.minimum(a, 0),
            np.maximum(a, 0),
            np.ones(len(t)),
        ]
        coef = np.linalg.lstsq(x, t["advocacy"], rcond=None)[0]
        return coef[3] - coef[4]

    assert must_be(small) > 0.5 and abs(must_be(_small(switch_off=("must_be_element",)))) < 0.05
    resp = _small(switch_off=("survey_nonresponse",)).truth["survey_response_prob"]
    assert resp.nunique() == 1 and small.truth["survey_response_prob"].nunique() > 100

    def promoter_ratio(s_):
        t = s_.truth.set_index("customer_id")
        refs = s_.customers["referred_by"].dropna().astype("int64").value_counts()
        n = refs.reindex(t.index).fillna(0)
        q = pd.qcut(t["advocacy"], 4, labels=False)
        by = n.groupby(q).mean()
        return by[3] / by[1]

    assert promoter_ratio(small) > promoter_ratio(_small(switch_off=("promoter_referrals",))) + 0.3
