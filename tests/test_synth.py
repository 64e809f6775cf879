"""The generated shop: byte-for-byte regeneration, integrity, dtypes and every documented behaviour.

The behaviours are checked on the committed data (``datasets/shop``), so a generator change that
would break a lesson fails here. Thresholds leave a margin below the values the committed data
show (given in the comments).
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import synth
from helpers.data import SHOP_DIR, Shop, load_shop

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


def test_sizes(shop):
    files = list(SHOP_DIR.glob("*.csv.gz"))
    assert sum(p.stat().st_size for p in files) < 25e6
    assert 5_000 <= len(shop.customers) <= 20_000
    assert 40_000 <= len(shop.orders) <= 60_000  # 43,745
    assert 150_000 <= len(shop.sessions) <= 250_000  # 241,421
    assert 250 <= len(shop.products) <= 350
    assert shop.products["category"].nunique() == 8
    assert set(shop.products["goods_type"]) == {"search", "experience"}
    assert shop.campaign_contacts["campaign_id"].nunique() == 24


# ----------------------------------------------------------------------------- purchasing
def test_signups_grow_and_first_purchase_is_at_signup(shop):
    per_year = shop.customers["signup_date"].dt.year.value_counts().sort_index()
    assert per_year.is_monotonic_increasing and per_year[2024] > 1.5 * per_year[2022]
    first = shop.orders.dropna(subset=["customer_id"]).groupby("customer_id")["order_date"].min()
    signup = shop.customers.set_index("customer_id")["signup_date"]
    assert (first.dt.normalize().reindex(signup.index) == signup).all()


def test_segments_have_clearly_different_parameters(shop):
    by = shop.truth.groupby("latent_segment")[
        ["purchase_rate", "dropout_prob", "spend_scale"]
    ].mean()
    assert set(by.index) == {"vip", "regular", "occasional", "one_off"}
    rate, drop = by["purchase_rate"], by["dropout_prob"]
    assert rate["vip"] > 2 * rate["regular"] > 2 * rate["occasional"] > rate["one_off"]
    assert drop["vip"] < drop["regular"] < drop["occasional"] < drop["one_off"]
    assert by["spend_scale"]["vip"] > 1.4 * by["spend_scale"]["regular"]


def test_nobody_buys_after_dropping_out_except_campaign_responses(shop):
    churn = shop.truth.set_index("customer_id")["churned_at"]
    o = shop.orders.dropna(subset=["customer_id"])
    after = o[o["order_date"] > o["customer_id"].astype("int64").map(churn)]
    responses = set(shop.campaign_contacts["response_order_id"].dropna())
    assert after["order_id"].isin(responses).all()
    assert len(after) < 100


def test_buy_till_you_die_counts_match_the_truth(shop):
    # completed, non-campaign, non-wholesale orders of customers are the BG/NBD purchases: their
    # repeat count matches the individual-level expectation (1/p)(1 - exp(-lambda p T))
    clean = _clean_orders(shop)
    responses = set(shop.campaign_contacts["response_order_id"].dropna())
    base = clean[~clean["order_id"].isin(responses)]
    t = shop.truth.set_index("customer_id")
    first = base.groupby("customer_id")["order_date"].min().reindex(t.index)
    weeks = (END - first) / pd.Timedelta(days=7)
    lam, p = t["purchase_rate"], t["dropout_prob"]
    expected = (1 / p * (1 - np.exp(-lam * p * weeks))).sum()
    repeats = len(base) - base["customer_id"].nunique()
    assert repeats == pytest.approx(expected, rel=0.08)
    assert base["customer_id"].nunique() == len(t)


def _survivors_at_30_months(shop: Shop) -> pd.Index:
    c = shop.customers.set_index("customer_id")
    t = shop.truth.set_index("customer_id")
    horizon = pd.Timedelta(days=30 * MONTH)
    old = c["signup_date"] <= END - horizon
    stayed = t["churned_at"].isna() | (t["churned_at"] - c["signup_date"] >= horizon)
    return c.index[old & stayed]


def test_loyalty_effect_spend_doubles_by_months_24_to_30(shop):
    clean = _clean_orders(shop)
    stay = _survivors_at_30_months(shop)
    assert len(stay) > 300  # 448
    signup = shop.customers.set_index("customer_id")["signup_date"]
    x = clean[clean["customer_id"].isin(stay)]
    months = (x["order_date"] - x["customer_id"].map(signup)).dt.days / MONTH
    early = x.loc[months < 6, "amount"].sum()
    late = x.loc[(months >= 24) & (months < 30), "amount"].sum()
    assert late / early >= 2.0  # 2.7
    # ... through bigger baskets, not more orders: the purchase rate is stationary
    n_early = ((months > 0.1) & (months < 6)).sum()  # repeat orders only
    n_late = ((months >= 24) & (months < 30)).sum()
    assert 0.75 < n_late / n_early < 1.35


# ----------------------------------------------------------------------------- channels
def test_acquisition_channels_differ_in_cost_and_retention(shop):
    c = shop.customers.merge(shop.truth, on="customer_id")
    cost = c.groupby("acquisition_channel")["acquisition_cost"].mean()
    assert cost["search_ads"] > cost["social"] > cost["affiliate"] > cost["referral"] > 0
    assert (c.loc[c["acquisition_channel"] == "organic", "acquisition_cost"] == 0).all()
    assert (c["referred_by"].notna() == (c["acquisition_channel"] == "referral")).all()
    paid = c["acquisition_channel"].isin(["search_ads", "social", "affiliate"])
    referral = c["acquisition_channel"] == "referral"
    # truth: lower dropout; observed: more still buying in the last 6 months among 2022-23 sign-ups
    assert c.loc[referral, "dropout_prob"].mean() < 0.6 * c.loc[paid, "dropout_prob"].mean()
    clean = _clean_orders(shop)
    recent = set(clean.loc[clean["order_date"] >= END - pd.Timedelta(days=182), "customer_id"])
    old = c["signup_date"] < pd.Timestamp("2024-01-01")
    active = c["customer_id"].isin(recent)
    assert active[old & referral].mean() > active[old & paid].mean() + 0.08


def test_referrers_are_earlier_and_good_referrers_bring_good_customers(shop):
    c = shop.customers.set_index("customer_id")
    t = shop.truth.set_index("customer_id")
    ref = c[c["referred_by"].notna()].copy()
    ref["referrer"] = ref["referred_by"].astype("int64")
    assert (c.loc[ref["referrer"], "signup_date"].to_numpy() <= ref["signup_date"].to_numpy()).all()
    ref["referrer_segment"] = t.loc[ref["referrer"], "latent_segment"].to_numpy()
    share_vip = (ref["referrer_segment"] == "vip").mean()
    assert share_vip > 3 * (t["latent_segment"] == "vip").mean()  # good customers refer more
    spend = _clean_orders(shop).groupby("customer_id")["amount"].sum()
    ref["spend"] = spend.reindex(ref.index).fillna(0)
    by = ref.groupby("referrer_segment")["spend"].mean()
    assert by["vip"] > 2 * by[["occasional", "one_off"]].max()


# ----------------------------------------------------------------------------- satisfaction
def test_low_after_sales_churns_more(shop):
    s = shop.surveys.merge(shop.truth[["customer_id", "churned_at"]], on="customer_id")
    churned = s["churned_at"].notna()
    low, high = churned[s["after_sales"] <= 2].mean(), churned[s["after_sales"] >= 4].mean()
    assert low > high + 0.1  # 0.47 vs 0.30
    # after-sales is the element most related to churn, product design the one most to NPS
    elements = list(synth.ELEMENTS)
    churn_corr = s[elements].corrwith(churned.astype(float))
    assert churn_corr.idxmin() == "after_sales"
    nps_corr = s[elements].corrwith(s["nps"].astype(float))
    assert nps_corr.idxmax() == "product_design"


def test_unresolved_tickets_lower_satisfaction_and_raise_churn(shop):
    t = shop.tickets
    assert set(t["topic"]) == {"delivery", "return", "payment", "product", "account"}
    hours = t.groupby("resolved_first_contact")["resolution_hours"].median()
    assert hours[False] > 5 * hours[True]
    unresolved = t.groupby("customer_id")["resolved_first_contact"].apply(lambda x: (~x).any())
    s = shop.surveys.set_index("customer_id")
    had = unresolved.reindex(s.index)
    with_unresolved = s.loc[had.eq(True).fillna(False), "after_sales"].mean()
    all_resolved = s.loc[had.eq(False).fillna(False), "after_sales"].mean()
    assert with_unresolved < all_resolved - 0.4  # 2.8 vs 3.5
    churned = shop.truth.set_index("customer_id")["churned_at"].notna()
    assert (
        churned[unresolved[unresolved].index].mean()
        > churned[unresolved[~unresolved].index].mean() + 0.05
    )


def test_surveys_cover_a_third_and_follow_an_order(shop):
    s = shop.surveys
    assert 0.3 <= len(s) / len(shop.customers) <= 0.4
    assert s["nps"].between(0, 10).all()
    assert s[list(synth.ELEMENTS)].isin([1, 2, 3, 4, 5]).all().all()
    first = shop.orders.dropna(subset=["customer_id"]).groupby("customer_id")["order_date"].min()
    assert (s["surveyed_at"].to_numpy() > first.reindex(s["customer_id"]).to_numpy()).all()


# ----------------------------------------------------------------------------- campaigns
def test_campaigns_reach_only_consented_signed_up_customers(shop):
    cc = shop.campaign_contacts.merge(shop.customers, on="customer_id")
    assert cc["marketing_consent"].all()
    assert (cc["signup_date"] <= cc["sent_at"]).all()
    assert (cc["responded"] == cc["response_order_id"].notna()).all()
    resp = cc[cc["responded"]].merge(
        shop.orders, left_on="response_order_id", right_on="order_id", suffixes=("", "_order")
    )
    assert (resp["customer_id"] == resp["customer_id_order"]).all()
    delay = resp["order_date"] - resp["sent_at"]
    assert ((delay > pd.Timedelta(0)) & (delay <= pd.Timedelta(days=14))).all()
    assert 0.04 < cc["responded"].mean() < 0.15  # 0.092


def test_response_rises_with_rfm_at_sending_time(shop):
    cc = shop.campaign_contacts
    o = shop.orders.dropna(subset=["customer_id"])[["customer_id", "order_date", "amount"]]
    o = o.assign(customer_id=o["customer_id"].astype("int64"))
    m = cc.merge(o, on="customer_id")
    m = m[m["order_date"] < m["sent_at"]]
    rfm = m.groupby(["campaign_id", "customer_id"]).agg(
        last=("order_date", "max"), F=("order_date", "size"), M=("amount", "sum")
    )
    x = cc.join(rfm, on=["campaign_id", "customer_id"])
    x["R"] = -(x["sent_at"] - x["last"]).dt.days  # higher = more recent
    for col in ["R", "F", "M"]:
        q = pd.qcut(x[col].rank(method="first"), 5, labels=False)
        rate = x.groupby(q)["responded"].mean()
        assert rate[4] > 2.5 * rate[0], col  # top vs bottom quintile: R 7.8x, F 2.9x, M 3.7x
        assert rate[4] == rate.max(), col


# ----------------------------------------------------------------------------- clickstream
def test_interests_drive_browsing_and_buying(shop):
    top = shop.truth.set_index("customer_id")["top_interest"]
    items = shop.order_items.merge(shop.products, on="product_id").merge(
        shop.orders[["order_id", "customer_id"]], on="order_id"
    )
    items = items.dropna(subset=["customer_id"])
    assert (items["category"] == items["customer_id"].astype("int64").map(top)).mean() > 0.3  # 0.42
    s = shop.sessions.dropna(subset=["customer_id"])
    browse = s[~s["purchased"]]
    assert (
        browse["viewed_category"] == browse["customer_id"].astype("int64").map(top)
    ).mean() > 0.3
    # the category a customer browses most is the one they buy most, far above chance (1/8)
    most_viewed = browse.groupby("customer_id")["viewed_category"].agg(
        lambda v: v.value_counts().index[0]
    )
    most_bought = items.groupby("customer_id")["category"].agg(lambda v: v.value_counts().index[0])
    both = most_viewed.index.intersection(most_bought.index)
    assert (most_viewed[both] == most_bought[both]).mean() > 0.3


def test_anonymous_cookies_become_known_at_login_or_purchase(shop):
    s = shop.sessions
    known = s.dropna(subset=["customer_id"])
    assert known.groupby("cookie_id")["customer_id"].nunique().max() == 1
    first_known = known.groupby("cookie_id")["started_at"].min()
    anon = s[s["customer_id"].isna() & s["cookie_id"].isin(first_known.index)]
    assert len(anon) > 5_000  # sessions before sign-up or on a new device
    assert (anon["started_at"] < anon["cookie_id"].map(first_known)).all()
    never = s.groupby("cookie_id")["customer_id"].count() == 0
    assert never.sum() > 20_000  # visitors who never become customers
    two = known.groupby("customer_id")["cookie_id"].nunique()
    assert 0.1 < (two == 2).mean() < 0.3 and two.max() == 2


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


def test_funnel_differs_by_device_source_and_identity(shop):
    s = shop.sessions
    by_device = s.groupby("device")["purchased"].mean()
    assert by_device.max() > 1.5 * by_device.min()  # app 0.28, mobile_web 0.15
    by_source = s.groupby("traffic_source")["purchased"].mean()
    assert by_source.max() > 3 * by_source.min()
    browse = s[s["viewed_product"] & ~s["purchased"]]
    cart = browse.groupby("device")["added_to_cart"].mean()
    assert cart.max() > 1.5 * cart.min()
    known = s["customer_id"].notna()
    assert s.loc[known, "purchased"].mean() > 5 * s.loc[~known, "purchased"].mean()


# ----------------------------------------------------------------------------- reviews
def test_experience_goods_have_more_dispersed_ratings(shop):
    r = shop.reviews.merge(shop.products, on="product_id")
    assert r["rating"].between(1, 5).all()
    within_sd = r.groupby(["goods_type", "product_id"])["rating"].std().groupby("goods_type").mean()
    assert within_sd["experience"] > within_sd["search"] + 0.25  # 1.1 vs 0.7
    # reviews come from the buyer of that product, after the order
    m = r.merge(shop.orders, on="order_id", suffixes=("", "_order"))
    assert (m["customer_id"] == m["customer_id_order"]).all()
    assert (m["reviewed_at"] > m["order_date"]).all() and (m["status"] == "completed").all()


def test_more_reviews_raise_conversion_of_experience_goods(shop):
    views = shop.sessions.dropna(subset=["product_id"])
    conv = views.groupby("product_id")["purchased"].agg(["sum", "size"])
    n_reviews = shop.reviews.groupby("product_id").size()
    p = (
        shop.products.set_index("product_id")
        .join(conv)
        .assign(n_reviews=n_reviews.reindex(shop.products["product_id"]).fillna(0).to_numpy())
    )
    gaps = {}
    for goods, d in p.groupby("goods_type"):
        many = d["n_reviews"] > d["n_reviews"].median()
        hi = d.loc[many, "sum"].sum() / d.loc[many, "size"].sum()
        lo = d.loc[~many, "sum"].sum() / d.loc[~many, "size"].sum()
        gaps[goods] = hi / lo
    assert gaps["experience"] > 1.15
    assert gaps["experience"] > gaps["search"] + 0.05


# ----------------------------------------------------------------------------- memberships
def test_membership_cohort_retention_rises_with_tenure(shop):
    m = shop.memberships
    assert set(m["plan"]) == {"basic", "plus"}
    assert (m["monthly_fee"] == m["plan"].map({"basic": 4_900, "plus": 9_900})).all()
    assert (m["started_at"].dt.day == 1).all() and (m["ended_at"].dropna().dt.day == 1).all()
    assert (m["ended_at"].dropna() > m.loc[m["ended_at"].notna(), "started_at"]).all()
    end = m["ended_at"].fillna(END)
    paid = (end.dt.year - m["started_at"].dt.year) * 12 + end.dt.month - m["started_at"].dt.month
    ended = m["ended_at"].notna()
    # renewal rate after month k among members observable at month k + 1
    rates = []
    for k in range(1, 13):
        at_risk = (paid >= k) & (ended | (paid >= k + 1))
        rates.append((paid[at_risk] > k).mean())
    assert np.mean(rates[6:12]) > np.mean(rates[0:3]) + 0.03  # 0.93 vs 0.89
    truth = shop.truth.set_index("customer_id")["membership_churn_prob"]
    assert truth.notna().sum() == len(m) and truth.std() > 0.05


# ----------------------------------------------------------------------------- messiness
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
