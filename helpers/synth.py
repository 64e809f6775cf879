"""Generator of the Hanbit Mall (한빛몰) shop: a fictional Korean online retailer with known truth.

Every table a lesson needs (customers, products, orders, order items, web sessions, campaign
contacts, support tickets, satisfaction surveys, product reviews, paid memberships) is drawn from
one documented causal structure, and the latent quantities behind it are written to a ``truth``
table, so a notebook can ask "did the method find what is really there?". The data cover
2022-01-01 to 2024-12-31; the analysis date is 2025-01-01. ``datasets/README.md`` ("Generated
shop") is the data dictionary; the constants below are the true parameters.

Causal structure (short version)
--------------------------------
* Customers sign up at a growing rate; each belongs to one of four latent segments (``vip``,
  ``regular``, ``occasional``, ``one_off``) that set the purchase rate, dropout probability and
  spend. The first purchase happens at sign-up.
* Buy-till-you-die (BG/NBD, Fader, Hardie & Lee 2005): while alive a customer buys as a Poisson
  process with weekly rate ``purchase_rate`` (gamma across customers within a segment); after each
  *repeat* purchase they drop out with probability ``dropout_prob`` (beta within a segment, shifted
  up for paid channels, down for referrals, and down by after-sales satisfaction). A purchase
  whose support ticket is not resolved at first contact can also make the customer leave
  (probability ``TICKET_DROP_BASE + TICKET_DROP_SLOPE * min(hours, 96) / 96``).
* Spend per order = ``spend_scale`` (gamma across customers) x tenure multiplier
  ``exp(TENURE_GROWTH * min(months, 36))`` x gamma noise (first order x ``FIRST_ORDER_FACTOR``):
  customers who stay buy bigger baskets (the loyalty effect, Reichheld & Sasser 1990), at a
  stationary purchase rate. This breaks the Gamma-Gamma model's stationarity on purpose.
* Latent satisfaction per element of Lele's model (product design, sales activities, after-sales,
  culture): after-sales weighs most on dropout, product design most on NPS advocacy.
  ``service_quality`` drives both ticket resolution and after-sales satisfaction.
* Campaign response rises with recency, frequency and spend at sending time; dropped-out customers
  never respond; responders order within 14 days (orders linked by ``response_order_id``).
* Category interests (Dirichlet) drive both browsing and buying.
* Experience goods have more dispersed ratings; their conversion rises with review count/rating.
* Memberships renew monthly with a per-member churn probability (beta): sBG (Fader & Hardie 2007).

Examples
--------
>>> tables = generate_shop(seed=1, n_customers=500)
>>> sorted(tables)[:3]
['campaign_contacts', 'customers', 'memberships']

Command line: ``python -m helpers.synth --out datasets/shop [--seed 2024]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_SEED",
    "N_CUSTOMERS",
    "START",
    "END",
    "TABLES",
    "SEGMENTS",
    "CHANNELS",
    "CATEGORIES",
    "ELEMENTS",
    "generate_shop",
    "write_shop",
]

DEFAULT_SEED = 2024
N_CUSTOMERS = 12_000
START = pd.Timestamp("2022-01-01")
END = pd.Timestamp("2025-01-01")  # analysis date; data cover START .. END - 1 day
N_DAYS = (END - START).days  # 1096
DAYS_PER_MONTH = 30.4375

TABLES = (
    "customers",
    "products",
    "orders",
    "order_items",
    "sessions",
    "campaign_contacts",
    "tickets",
    "surveys",
    "reviews",
    "memberships",
    "truth",
)

# ----------------------------------------------------------------------------- true parameters
SEGMENTS = ("vip", "regular", "occasional", "one_off")
CHANNELS = ("search_ads", "social", "affiliate", "referral", "organic")
PAID_CHANNELS = ("search_ads", "social", "affiliate")
CHANNEL_SHARE = (0.26, 0.20, 0.14, 0.14, 0.26)
# P(segment | channel), rows follow CHANNELS, columns SEGMENTS
SEGMENT_GIVEN_CHANNEL = np.array(
    [
        [0.05, 0.22, 0.40, 0.33],
        [0.04, 0.20, 0.40, 0.36],
        [0.03, 0.17, 0.38, 0.42],
        [0.08, 0.30, 0.40, 0.22],
        [0.06, 0.25, 0.42, 0.27],
    ]
)
REFERRER_WEIGHT = (8.0, 3.0, 1.0, 0.3)  # who refers: weight by the referrer's segment
REFERRAL_COPY_PROB = 0.5  # a referred customer takes the referrer's segment with this probability
# purchase rate per week ~ Gamma(shape, mean) by segment
RATE_SHAPE = (3.0, 3.0, 2.5, 2.0)
RATE_MEAN = (0.22, 0.075, 0.03, 0.02)
# dropout probability after each repeat purchase ~ Beta(a, b) by segment, then shifted on logit
DROPOUT_BETA = ((2.0, 30.0), (2.0, 14.0), (2.0, 6.0), (4.0, 2.0))
DROPOUT_LOGIT_PAID = 0.3
DROPOUT_LOGIT_REFERRAL = -0.5
DROPOUT_LOGIT_AFTER_SALES = -0.6  # per SD of latent after-sales satisfaction
DROPOUT_LOGIT_PRODUCT_DESIGN = -0.15
# spend scale (KRW per order at tenure 0) ~ Gamma(shape, mean) by segment
SPEND_SHAPE = 4.0
SPEND_MEAN = (85_000.0, 55_000.0, 42_000.0, 38_000.0)
TENURE_GROWTH = 0.06  # per month of tenure, capped at 36 months
FIRST_ORDER_FACTOR = 0.7
ORDER_NOISE_SHAPE = 6.0  # per-order value noise ~ Gamma(6, 1/6)

CATEGORIES = ("fashion", "beauty", "food", "electronics", "books", "home_living", "sports", "kids")
# (n products, min price, max price, share of search goods)
CATEGORY_SPEC = {
    "fashion": (45, 15_000, 250_000, 0.0),
    "beauty": (40, 8_000, 120_000, 0.0),
    "food": (40, 5_000, 80_000, 0.0),
    "electronics": (40, 20_000, 1_500_000, 1.0),
    "books": (35, 8_000, 60_000, 1.0),
    "home_living": (40, 10_000, 400_000, 0.5),
    "sports": (30, 10_000, 350_000, 0.4),
    "kids": (30, 8_000, 200_000, 0.0),
}
CUSTOMIZABLE_SHARE = {"fashion": 0.25, "electronics": 0.2, "home_living": 0.2, "sports": 0.15}
INTEREST_ALPHA = 0.5  # Dirichlet concentration per category

ELEMENTS = ("product_design", "sales_activities", "after_sales", "culture")
# NPS advocacy weights on the latent satisfaction of each element (product design weighs most)
NPS_WEIGHTS = (0.65, 0.2, 0.15, 0.3)

REGIONS = ("Seoul", "Gyeonggi", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Other")
REGION_SHARE = (0.35, 0.27, 0.07, 0.06, 0.05, 0.03, 0.03, 0.14)
AGE_BANDS = ("10s", "20s", "30s", "40s", "50s", "60+")
AGE_SHARE = (0.06, 0.30, 0.30, 0.20, 0.10, 0.04)

DEVICES = ("app", "desktop", "mobile_web")
SOURCES = ("direct", "organic_search", "paid_search", "social", "affiliate", "crm")

N_CAMPAIGNS = 24
CAMPAIGN_CHANNELS = ("email", "sms", "app_push")
OFFERS = ("discount_10", "free_shipping", "bundle")
PLANS = {"basic": 4_900, "plus": 9_900}
MEMBER_CHURN_BETA = {"basic": (0.7, 3.5), "plus": (0.9, 7.0)}

STATUS_SHARE = {"cancelled": 0.05, "returned": 0.04}
GUEST_SHARE = 0.03
N_WHOLESALE = 10
N_DUPLICATE_LINES = 25
TOPICS = ("delivery", "return", "payment", "product", "account")
TOPIC_SHARE = (0.45, 0.05, 0.15, 0.25, 0.10)  # tickets about completed orders
TICKET_PROB = 0.06  # share of completed orders with a support ticket (returned 0.7, cancelled 0.25)
# leaving after a ticket not resolved at first contact: BASE + SLOPE * min(hours, 96) / 96
TICKET_DROP_BASE = 0.15
TICKET_DROP_SLOPE = 0.3
DATE_ONLY = {
    ("customers", "signup_date"),
    ("memberships", "started_at"),
    ("memberships", "ended_at"),
}


def _rng(seed: int, stream: int) -> np.random.Generator:
    """Independent generator per part, so parts do not shift each other's draws."""
    return np.random.default_rng([seed, stream])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p) - np.log1p(-p)


def _timestamps(days: np.ndarray) -> pd.Series:
    """Days since START (float) -> timestamps floored to the minute."""
    days = np.asarray(days, dtype=float)
    finite = np.isfinite(days)
    minutes = np.floor(np.where(finite, days, 0.0) * 1440.0).astype("int64")
    return pd.Series(START + pd.to_timedelta(minutes, unit="min")).where(finite)


def _categorical(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of a (n, k) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return np.minimum((cum < u[:, None]).sum(axis=1), probs.shape[1] - 1)


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """0-based position of each element within its run of equal (sorted) group labels."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype="int64")
    start = np.r_[True, groups[1:] != groups[:-1]]
    idx = np.arange(n)
    first = np.maximum.accumulate(np.where(start, idx, 0))
    return idx - first


# ----------------------------------------------------------------------------- products
def _products(seed: int) -> pd.DataFrame:
    rng = _rng(seed, 1)
    parts = []
    for c, (n, lo, hi, search_share) in CATEGORY_SPEC.items():
        price = np.exp(rng.uniform(np.log(lo), np.log(hi), n))
        price = np.maximum(np.round(price / 1000.0) * 1000 - 100, 900).astype("int64")
        price.sort()
        is_search = rng.random(n) < search_share
        parts.append(
            pd.DataFrame(
                {
                    "category": c,
                    "price": price,
                    "goods_type": np.where(is_search, "search", "experience"),
                    "customizable": rng.random(n) < CUSTOMIZABLE_SHARE.get(c, 0.0),
                    "quality": np.clip(rng.normal(4.0, 0.4, n), 2.5, 4.8),
                }
            )
        )
    prod = pd.concat(parts, ignore_index=True)
    prod.insert(0, "product_id", np.arange(1, len(prod) + 1))
    return prod


# ----------------------------------------------------------------------------- customers
def _customers(seed: int, n: int) -> dict:
    rng = _rng(seed, 2)
    growth = 2.0  # sign-up density at the end is three times the one at the start
    u = np.sort(rng.random(n))
    T = N_DAYS - 1
    a, b, c = growth / (2 * T), 1.0, -u * T * (1 + growth / 2)
    t = (-b + np.sqrt(b * b - 4 * a * c)) / (2 * a)
    signup_day = np.minimum(np.floor(t), N_DAYS - 1)
    first_t = signup_day + rng.uniform(8 / 24, 23.5 / 24, n)
    order = np.argsort(first_t, kind="stable")
    signup_day, first_t = signup_day[order], first_t[order]

    channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_SHARE)
    ref = CHANNELS.index("referral")
    channel[:50][channel[:50] == ref] = CHANNELS.index("organic")
    seg = _categorical(rng, SEGMENT_GIVEN_CHANNEL[channel])

    # referrers: earlier non-referral customers, weighted by their segment
    w = np.asarray(REFERRER_WEIGHT)[seg] * (channel != ref)
    W = np.cumsum(w)
    is_ref = np.flatnonzero(channel == ref)
    draw = rng.random(len(is_ref)) * W[is_ref - 1]
    referrer = np.searchsorted(W, draw, side="right")
    referred_by = np.full(n, -1)
    referred_by[is_ref] = referrer
    copy = rng.random(len(is_ref)) < REFERRAL_COPY_PROB
    seg[is_ref[copy]] = seg[referrer[copy]]

    # satisfaction latents
    common = rng.normal(size=n)
    service_quality = rng.normal(size=n)
    eps = rng.normal(size=(n, 4))
    sat = np.empty((n, 4))
    sat[:, 0] = 0.5 * common + 0.866 * eps[:, 0]
    sat[:, 1] = 0.5 * common + 0.866 * eps[:, 1]
    sat[:, 2] = 0.4 * common + 0.6 * service_quality + 0.69 * eps[:, 2]
    sat[:, 3] = 0.5 * common + 0.866 * eps[:, 3]

    rate = rng.gamma(
        np.asarray(RATE_SHAPE)[seg], np.asarray(RATE_MEAN)[seg] / np.asarray(RATE_SHAPE)[seg]
    )
    ab = np.asarray(DROPOUT_BETA)[seg]
    p0 = np.clip(rng.beta(ab[:, 0], ab[:, 1]), 1e-3, 1 - 1e-3)
    paid = np.isin(channel, [CHANNELS.index(c) for c in PAID_CHANNELS])
    shift = (
        DROPOUT_LOGIT_PAID * paid
        + DROPOUT_LOGIT_REFERRAL * (channel == ref)
        + DROPOUT_LOGIT_AFTER_SALES * sat[:, 2]
        + DROPOUT_LOGIT_PRODUCT_DESIGN * sat[:, 0]
    )
    dropout = np.clip(_sigmoid(_logit(p0) + shift), 0.005, 0.98)
    spend = rng.gamma(SPEND_SHAPE, np.asarray(SPEND_MEAN)[seg] / SPEND_SHAPE)
    interests = rng.dirichlet(np.full(len(CATEGORIES), INTEREST_ALPHA), size=n)

    consent_p = np.where(channel == ref, 0.7, 0.6)
    return {
        "n": n,
        "signup_day": signup_day,
        "first_t": first_t,
        "channel": channel,
        "segment": seg,
        "referred_by": referred_by,
        "sat": sat,
        "service_quality": service_quality,
        "rate": rate,
        "dropout": dropout,
        "spend": spend,
        "interests": interests,
        "region": rng.choice(len(REGIONS), size=n, p=REGION_SHARE),
        "age_band": rng.choice(len(AGE_BANDS), size=n, p=AGE_SHARE),
        "consent": rng.random(n) < consent_p,
        "acq_cost": _acquisition_cost(rng, channel),
    }


def _acquisition_cost(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    """KRW per acquired customer: gamma for paid channels, a fixed reward for referrals, 0 organic."""
    n = len(channel)
    cost = np.zeros(n)
    spec = {"search_ads": (4.0, 28_000.0), "social": (3.0, 19_000.0), "affiliate": (6.0, 12_000.0)}
    for name, (shape, mean) in spec.items():
        m = channel == CHANNELS.index(name)
        cost[m] = rng.gamma(shape, mean / shape, m.sum())
    cost[channel == CHANNELS.index("referral")] = 5_000.0
    return (np.round(cost / 10) * 10).astype("int64")


# ----------------------------------------------------------------------------- purchasing
def _draw_tickets(
    rng: np.random.Generator, status: np.ndarray, sq: np.ndarray, known: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Support tickets of orders: (has ticket, topic index, resolved first contact, hours, delay days)."""
    k = len(status)
    prob = np.where(status == "returned", 0.7, np.where(status == "cancelled", 0.25, TICKET_PROB))
    flag = known & (rng.random(k) < prob)
    topic = rng.choice(len(TOPICS), size=k, p=TOPIC_SHARE)
    topic = np.where(status == "returned", TOPICS.index("return"), topic)
    topic = np.where(
        (status == "cancelled") & (topic == TOPICS.index("return")), TOPICS.index("payment"), topic
    )
    rfc = rng.random(k) < _sigmoid(0.9 + 1.1 * sq - 0.4 * (topic == TOPICS.index("return")))
    hours = np.where(
        rfc,
        np.exp(rng.normal(np.log(2.0), 0.6, k)),
        np.exp(rng.normal(np.log(30.0) - 0.3 * sq, 0.7, k)),
    )
    delay = rng.uniform(0.5, 12, k)
    return flag, topic, rfc, hours, delay


def _ticket_dropout(rfc: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Probability of leaving after a ticket: only when not resolved at first contact, more for long waits."""
    return np.where(rfc, 0.0, TICKET_DROP_BASE + TICKET_DROP_SLOPE * np.minimum(hours, 96.0) / 96.0)


def _process_orders(seed: int, cu: dict) -> dict:
    """Buy-till-you-die purchases with their support tickets.

    While alive a customer buys as a Poisson process; after each repeat purchase a coin with
    probability ``dropout`` decides whether they leave (BG/NBD), and after any purchase whose
    support ticket was not resolved at first contact a second coin (``_ticket_dropout``) can make
    them leave too. Returns per purchase (sorted by customer, time) the customer index, time and
    ticket draws, and per customer the drop-out time (nan while alive).
    """
    rng = _rng(seed, 3)
    n = cu["n"]
    span_weeks = (N_DAYS - cu["first_t"]) / 7.0
    n_pois = rng.poisson(cu["rate"] * span_weeks)
    cust = np.r_[np.arange(n), np.repeat(np.arange(n), n_pois)]
    t = np.r_[cu["first_t"], cu["first_t"][np.repeat(np.arange(n), n_pois)]]
    t[n:] += rng.random(n_pois.sum()) * span_weeks[cust[n:]] * 7.0
    o = np.lexsort((t, cust))
    cust, t = cust[o], t[o]
    rank = _rank_within(cust)
    k = len(cust)
    flag, topic, rfc, hours, delay = _draw_tickets(
        rng, np.full(k, "completed"), cu["service_quality"][cust], np.ones(k, dtype=bool)
    )
    flag &= t + delay < N_DAYS
    drop_bgnbd = (rank > 0) & (rng.random(k) < cu["dropout"][cust])
    drop_ticket = flag & (rng.random(k) < _ticket_dropout(rfc, hours))
    drop = drop_bgnbd | drop_ticket
    csum = np.cumsum(drop)
    start = np.flatnonzero(rank == 0)
    base = np.repeat(csum[start] - drop[start], np.diff(np.r_[start, k]))
    before = csum - base - drop  # drops at earlier purchases of the same customer
    keep = before == 0
    churn_t = np.full(n, np.nan)
    last = keep & drop
    churn_t[cust[last]] = t[last]
    return {
        "cust": cust[keep],
        "t": t[keep],
        "churn_t": churn_t,
        "ticket": (flag[keep], topic[keep], rfc[keep], hours[keep], delay[keep]),
        "ticket_churn": np.bincount(cust[last & drop_ticket & ~drop_bgnbd], minlength=n) > 0,
    }


def _tenure_mult(months: np.ndarray) -> np.ndarray:
    return np.exp(TENURE_GROWTH * np.minimum(np.maximum(months, 0), 36))


def _baskets(
    rng: np.random.Generator,
    prod: pd.DataFrame,
    interests: np.ndarray,
    value: np.ndarray,
    extra_lines: np.ndarray,
    min_lines: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Items for orders of target value ``value`` (KRW): (order row, product idx, qty, price)."""
    m = len(value)
    lines = 1 + rng.poisson(extra_lines)
    if min_lines is not None:
        lines = np.maximum(lines, min_lines)
    lines = np.minimum(lines, 6)
    row = np.repeat(np.arange(m), lines)
    v = value[row] / lines[row]
    cat = _categorical(rng, interests[row])
    target = np.log(v) + rng.normal(0, 0.5, len(row))
    pidx = np.empty(len(row), dtype="int64")
    logp = np.log(prod["price"].to_numpy(dtype=float))
    for ci, c in enumerate(CATEGORIES):
        ids = np.flatnonzero(prod["category"].to_numpy() == c)  # sorted by price within category
        sel = np.flatnonzero(cat == ci)
        j = np.clip(np.searchsorted(logp[ids], target[sel]), 1, len(ids) - 1)
        nearer_lo = (target[sel] - logp[ids][j - 1]) < (logp[ids][j] - target[sel])
        pidx[sel] = ids[j - nearer_lo]
    price = prod["price"].to_numpy()[pidx]
    qty = np.clip(np.round(v / price), 1, 3).astype("int64")
    # the same product drawn twice in one basket becomes one line with the summed quantity
    key, inv = np.unique(row * len(prod) + pidx, return_inverse=True)
    qty = np.bincount(inv, weights=qty).astype("int64")
    row, pidx = key // len(prod), key % len(prod)
    return row, pidx, qty, prod["price"].to_numpy()[pidx]


def _order_value(rng: np.random.Generator, spend: np.ndarray, months: np.ndarray) -> np.ndarray:
    noise = rng.gamma(ORDER_NOISE_SHAPE, 1 / ORDER_NOISE_SHAPE, len(spend))
    return spend * _tenure_mult(months) * noise


def generate_shop(
    seed: int = DEFAULT_SEED, n_customers: int = N_CUSTOMERS
) -> dict[str, pd.DataFrame]:
    """Generate every table of the shop.

    Parameters
    ----------
    seed : int
        Seed of all random draws; the committed data use ``DEFAULT_SEED`` (2024).
    n_customers : int
        Number of customers (the committed data: 12,000). At least 200.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per name in ``TABLES``, rows and columns in the order they are written.

    Examples
    --------
    >>> t = generate_shop(seed=3, n_customers=300)
    >>> len(t["customers"])
    300
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not isinstance(n_customers, (int, np.integer)) or n_customers < 200:
        raise ValueError(f"n_customers must be an int >= 200, got {n_customers!r}")
    seed = int(seed)
    prod = _products(seed)
    cu = _customers(seed, int(n_customers))
    n = cu["n"]
    proc = _process_orders(seed, cu)
    c_idx, t, churn_t = proc["cust"], proc["t"], proc["churn_t"]
    end_alive = np.where(np.isnan(churn_t), N_DAYS, churn_t)

    # ---------------------------------------------------------------- baskets of process orders
    rng = _rng(seed, 4)
    months = (t - cu["first_t"][c_idx]) / DAYS_PER_MONTH
    is_first = np.r_[True, c_idx[1:] != c_idx[:-1]]
    value = _order_value(rng, cu["spend"][c_idx], months) * np.where(
        is_first, FIRST_ORDER_FACTOR, 1.0
    )
    extra = 0.35 + 0.25 * (_tenure_mult(months) - 1)
    row, pidx, qty, price = _baskets(rng, prod, cu["interests"][c_idx], value, extra)
    orders = {
        "cust": [c_idx],
        "t": [t],
        "kind": [np.where(is_first, "first", "process")],
        "campaign": [np.full(len(t), -1)],
    }
    items = {"row": [row], "pidx": [pidx], "qty": [qty], "price": [price]}
    gross = [np.bincount(row, weights=qty * price, minlength=len(t))]
    n_lines = [np.bincount(row, minlength=len(t))]

    # ---------------------------------------------------------------- campaigns
    rng = _rng(seed, 5)
    contacts = []
    offset = len(t)
    for k in range(N_CAMPAIGNS):
        sent = 40.0 + 44.0 * k + 10 / 24
        ch = CAMPAIGN_CHANNELS[k % 3]
        offer = OFFERS[(k + k // 3) % 3]
        all_c = np.concatenate(orders["cust"])
        all_t = np.concatenate(orders["t"])
        all_g = np.concatenate(gross)
        before = all_t < sent
        freq = np.bincount(all_c[before], minlength=n)
        mon = np.bincount(all_c[before], weights=all_g[before], minlength=n)
        last = np.full(n, -np.inf)
        np.maximum.at(last, all_c[before], all_t[before])
        eligible = np.flatnonzero(cu["consent"] & (freq > 0))
        frac = 0.35 + 0.15 * ((k * 7) % 4) / 3
        target = np.sort(rng.choice(eligible, size=int(round(frac * len(eligible))), replace=False))
        rec = sent - last[target]
        alive = end_alive[target] > sent
        logit = (
            -3.4
            + 1.6 * np.exp(-rec / 45.0)
            + 0.45 * np.log1p(freq[target])
            + 0.35 * np.log(mon[target] / 50_000.0)
            + {"email": 0.0, "sms": 0.2, "app_push": -0.2}[ch]
            + {"discount_10": 0.3, "free_shipping": 0.0, "bundle": -0.1}[offer]
        )
        delay = np.clip(rng.exponential(2.5, len(target)), 10 / 1440, 13.9)
        resp = alive & (rng.random(len(target)) < _sigmoid(logit)) & (sent + delay < N_DAYS)
        rc, rt = target[resp], sent + delay[resp]
        mo = (rt - cu["first_t"][rc]) / DAYS_PER_MONTH
        val = _order_value(rng, cu["spend"][rc], mo)
        ml = np.full(len(rc), 2 if offer == "bundle" else 1)
        r2, p2, q2, pr2 = _baskets(
            rng, prod, cu["interests"][rc], val, 0.35 + 0.25 * (_tenure_mult(mo) - 1), ml
        )
        orders["cust"].append(rc)
        orders["t"].append(rt)
        orders["kind"].append(np.full(len(rc), "campaign"))
        orders["campaign"].append(np.full(len(rc), k))
        items["row"].append(r2 + offset)
        items["pidx"].append(p2)
        items["qty"].append(q2)
        items["price"].append(pr2)
        gross.append(np.bincount(r2, weights=q2 * pr2, minlength=len(rc)))
        n_lines.append(np.bincount(r2, minlength=len(rc)))
        resp_row = np.full(len(target), -1)
        resp_row[resp] = offset + np.arange(len(rc))
        offset += len(rc)
        contacts.append(
            pd.DataFrame(
                {
                    "campaign_id": k + 1,
                    "cust": target,
                    "sent_t": sent,
                    "channel": ch,
                    "offer": offer,
                    "responded": resp,
                    "row": resp_row,
                }
            )
        )

    # ---------------------------------------------------------------- cancelled / returned extras
    rng = _rng(seed, 6)
    base_c = np.concatenate(orders["cust"])
    n_base = len(base_c)
    share_extra = STATUS_SHARE["cancelled"] + STATUS_SHARE["returned"]
    n_guest = int(round(GUEST_SHARE * n_base / (1 - GUEST_SHARE - share_extra)))
    n_total = n_base + n_guest + N_WHOLESALE
    n_total = int(round(n_total / (1 - share_extra)))
    n_cancel = int(round(STATUS_SHARE["cancelled"] * n_total))
    n_return = int(round(STATUS_SHARE["returned"] * n_total))
    n_extra = n_cancel + n_return
    pool = base_c[
        (end_alive - cu["first_t"])[base_c] > 0.05
    ]  # customers alive after their first order
    ec = pool[rng.integers(0, len(pool), n_extra)]
    et = cu["first_t"][ec] + rng.random(n_extra) * (end_alive[ec] - cu["first_t"][ec])
    et = np.maximum(et, cu["first_t"][ec] + 0.01)
    em = (et - cu["first_t"][ec]) / DAYS_PER_MONTH
    ev = _order_value(rng, cu["spend"][ec], em)
    r3, p3, q3, pr3 = _baskets(
        rng, prod, cu["interests"][ec], ev, 0.35 + 0.25 * (_tenure_mult(em) - 1)
    )
    status_extra = np.r_[np.full(n_cancel, "cancelled"), np.full(n_return, "returned")]
    orders["cust"].append(ec)
    orders["t"].append(et)
    orders["kind"].append(status_extra)
    orders["campaign"].append(np.full(n_extra, -1))
    items["row"].append(r3 + offset)
    items["pidx"].append(p3)
    items["qty"].append(q3)
    items["price"].append(pr3)
    gross.append(np.bincount(r3, weights=q3 * pr3, minlength=n_extra))
    n_lines.append(np.bincount(r3, minlength=n_extra))
    offset += n_extra

    # ---------------------------------------------------------------- guests
    u = rng.random(n_guest)
    gt = N_DAYS * (np.sqrt(1 + 8 * u) - 1) / 2  # density rising 1 -> 3 over the period
    gt = np.floor(gt) + rng.uniform(8 / 24, 23.5 / 24, n_guest)
    g_int = rng.dirichlet(np.full(len(CATEGORIES), INTEREST_ALPHA), size=n_guest)
    gv = rng.gamma(SPEND_SHAPE, 45_000.0 / SPEND_SHAPE, n_guest) * rng.gamma(6, 1 / 6, n_guest)
    r4, p4, q4, pr4 = _baskets(rng, prod, g_int, gv, np.full(n_guest, 0.35))
    orders["cust"].append(np.full(n_guest, -1))
    orders["t"].append(gt)
    orders["kind"].append(np.full(n_guest, "guest"))
    orders["campaign"].append(np.full(n_guest, -1))
    items["row"].append(r4 + offset)
    items["pidx"].append(p4)
    items["qty"].append(q4)
    items["price"].append(pr4)
    gross.append(np.bincount(r4, weights=q4 * pr4, minlength=n_guest))
    n_lines.append(np.bincount(r4, minlength=n_guest))
    offset += n_guest

    # ---------------------------------------------------------------- wholesale outliers
    many = np.flatnonzero(np.bincount(base_c, minlength=n) >= 3)
    wc = np.sort(rng.choice(many, N_WHOLESALE, replace=False))
    wt = cu["first_t"][wc] + rng.uniform(0.2, 0.9, N_WHOLESALE) * (
        end_alive[wc] - cu["first_t"][wc]
    )
    cheap = np.flatnonzero(
        (prod["price"].to_numpy() >= 10_000) & (prod["price"].to_numpy() < 50_000)
    )
    wp = rng.choice(cheap, N_WHOLESALE)
    wq = rng.integers(50, 251, N_WHOLESALE)
    wpr = prod["price"].to_numpy()[wp]
    orders["cust"].append(wc)
    orders["t"].append(wt)
    orders["kind"].append(np.full(N_WHOLESALE, "wholesale"))
    orders["campaign"].append(np.full(N_WHOLESALE, -1))
    items["row"].append(np.arange(N_WHOLESALE) + offset)
    items["pidx"].append(wp)
    items["qty"].append(wq)
    items["price"].append(wpr)
    gross.append((wq * wpr).astype(float))
    n_lines.append(np.ones(N_WHOLESALE, dtype="int64"))

    oc = np.concatenate(orders["cust"])
    ot = np.concatenate(orders["t"])
    okind = np.concatenate(orders["kind"])
    ocamp = np.concatenate(orders["campaign"])
    ogross = np.round(np.concatenate(gross)).astype("int64")
    olines = np.concatenate(n_lines)
    irow = np.concatenate(items["row"])
    ipidx = np.concatenate(items["pidx"])
    iqty = np.concatenate(items["qty"])
    iprice = np.concatenate(items["price"])

    # ---------------------------------------------------------------- discounts
    rng = _rng(seed, 7)
    m = len(oc)
    discount = np.zeros(m)
    first = okind == "first"
    discount[first & (ogross >= 30_000)] = 5_000
    camp_offer = np.array([OFFERS[(k + k // 3) % 3] for k in range(N_CAMPAIGNS)] + [""])[ocamp]
    discount = np.where(camp_offer == "discount_10", np.round(0.1 * ogross, -1), discount)
    discount = np.where(camp_offer == "free_shipping", 3_000, discount)
    discount = np.where(
        (camp_offer == "bundle") & (olines >= 2), np.round(0.15 * ogross, -1), discount
    )
    points = (~first) & (ocamp < 0) & (okind != "wholesale") & (rng.random(m) < 0.08)
    discount = np.where(points, 1000 * rng.integers(1, 6, m), discount)
    discount = np.minimum(discount, np.floor(ogross / 2)).astype("int64")
    amount = ogross - discount
    status = np.where(np.isin(okind, ["cancelled", "returned"]), okind, "completed")

    # order ids by time
    o_ord = np.lexsort((np.arange(m), ot))
    new_id = np.empty(m, dtype="int64")
    new_id[o_ord] = np.arange(1, m + 1)

    # ---------------------------------------------------------------- order devices & sessions
    rng = _rng(seed, 8)
    # each customer has a primary device; 30% add a second device later
    dev_p = np.array([0.30, 0.25, 0.45])
    prim_dev = rng.choice(3, size=n, p=dev_p)
    has_second = rng.random(n) < 0.3
    sec_dev = (prim_dev + rng.integers(1, 3, n)) % 3
    sec_start = cu["first_t"] + rng.random(n) * (end_alive - cu["first_t"])
    # purchase sessions: one per order
    use_sec = np.zeros(m, dtype=bool)
    cm = oc >= 0
    use_sec[cm] = has_second[oc[cm]] & (ot[cm] > sec_start[oc[cm]]) & (rng.random(cm.sum()) < 0.45)
    odev = np.where(
        cm, np.where(use_sec, sec_dev[np.maximum(oc, 0)], prim_dev[np.maximum(oc, 0)]), -1
    )
    odev[~cm] = rng.choice(3, size=(~cm).sum(), p=[0.15, 0.3, 0.55])
    p_src_buy = np.array([0.36, 0.20, 0.14, 0.08, 0.10, 0.12])
    osrc = rng.choice(len(SOURCES), size=m, p=p_src_buy)
    osrc[ocamp >= 0] = SOURCES.index("crm")

    # reviews (needed for conversion of experience goods)
    rng = _rng(seed, 9)
    line_status = status[irow]
    lc = oc[irow]
    can_review = (line_status == "completed") & (lc >= 0) & (okind[irow] != "wholesale")
    is_exp = (prod["goods_type"].to_numpy() == "experience")[ipidx]
    rev = can_review & (rng.random(len(irow)) < np.where(is_exp, 0.14, 0.10))
    rv_rows = np.flatnonzero(rev)
    q = prod["quality"].to_numpy()[ipidx[rv_rows]]
    sd = np.where(is_exp[rv_rows], 1.3, 0.55)
    mu = np.where(is_exp[rv_rows], q - 0.2, q)
    rating = np.clip(np.round(mu + rng.normal(0, 1, len(rv_rows)) * sd), 1, 5).astype("int64")
    rev_t = ot[irow[rv_rows]] + rng.uniform(3, 21, len(rv_rows))
    keep_rev = rev_t < N_DAYS
    rv_rows, rating, rev_t = rv_rows[keep_rev], rating[keep_rev], rev_t[keep_rev]
    n_prod = len(prod)
    n_rev = np.bincount(ipidx[rv_rows], minlength=n_prod)
    avg_rating = np.bincount(ipidx[rv_rows], weights=rating, minlength=n_prod) / np.maximum(
        n_rev, 1
    )
    avg_rating[n_rev == 0] = 3.5
    exp_goods = prod["goods_type"].to_numpy() == "experience"
    factor = np.where(
        exp_goods,
        np.clip(0.55 + 0.25 * np.log1p(n_rev), 0.5, 2.0) * np.exp(0.3 * (avg_rating - 3.8)),
        1.0,
    )
    conv_target = np.clip(0.12 * factor, 0.03, 0.5)
    # browse views of a product: its orders x (1 - c)/c, within category
    first_line = np.r_[True, irow[1:] != irow[:-1]]
    ord_prod = ipidx[first_line]  # product shown in the purchase session (first line)
    prod_orders = np.bincount(ord_prod, minlength=n_prod) + 0.1
    view_w = prod_orders * (1 - conv_target) / conv_target
    cat_of = pd.Categorical(prod["category"], categories=CATEGORIES).codes

    rng = _rng(seed, 10)
    # customer browse sessions (after sign-up, while alive) and pre-sign-up anonymous ones
    n_orders_c = np.bincount(oc[cm], minlength=n)
    dev_fac = np.array([0.7, 1.0, 1.6])
    nb = rng.poisson(2.6 * dev_fac[prim_dev] * n_orders_c + 0.5)
    bc = np.repeat(np.arange(n), nb)
    bt = cu["first_t"][bc] + rng.random(len(bc)) * (end_alive[bc] - cu["first_t"][bc])
    b_sec = has_second[bc] & (bt > sec_start[bc]) & (rng.random(len(bc)) < 0.45)
    npre = rng.poisson(1.2, n)
    pc = np.repeat(np.arange(n), npre)
    pt = cu["first_t"][pc] - rng.uniform(0.05, 30, len(pc))
    pc, pt = pc[pt > 0], pt[pt > 0]
    # never-customers: anonymous visitors with their own interests
    n_vis = int(round(2.6 * n))
    vis_int = rng.dirichlet(np.full(len(CATEGORIES), INTEREST_ALPHA), size=n_vis)
    nv = 1 + rng.poisson(0.5, n_vis)
    vi = np.repeat(np.arange(n_vis), nv)
    uu = rng.random(n_vis)
    v0 = N_DAYS * (np.sqrt(1 + 8 * uu) - 1) / 2
    vt = np.minimum(v0[vi] + rng.exponential(10, len(vi)) * (_rank_within(vi) > 0), N_DAYS - 0.01)

    # cookies: primary (0..n-1), secondary (n..2n-1), visitors (2n..), guests (after)
    n_b, n_p, n_v = len(bc), len(pc), len(vi)
    g_rows = np.flatnonzero(~cm)
    s_cookie = np.concatenate(
        [
            np.where(use_sec[cm], n + oc[cm], oc[cm]),
            2 * n + n_vis + np.arange(len(g_rows)),
            np.where(b_sec, n + bc, bc),
            pc,
            2 * n + vi,
        ]
    )
    s_cust = np.concatenate(
        [oc[cm], np.full(len(g_rows), -1), bc, np.full(n_p, -1), np.full(n_v, -1)]
    )
    s_t = np.concatenate(
        [
            ot[cm] - rng.uniform(3, 45, cm.sum()) / 1440,
            ot[g_rows] - rng.uniform(3, 45, len(g_rows)) / 1440,
            bt,
            pt,
            vt,
        ]
    )
    s_order = np.concatenate([np.flatnonzero(cm), g_rows, np.full(n_b + n_p + n_v, -1)])
    buy = s_order >= 0
    n_s = len(s_t)
    s_dev = np.empty(n_s, dtype="int64")
    s_dev[buy] = odev[s_order[buy]]
    s_dev[~buy] = -1
    bsl = slice(int(buy.sum()), int(buy.sum()) + n_b)
    s_dev[bsl] = np.where(b_sec, sec_dev[bc], prim_dev[bc])
    psl = slice(bsl.stop, bsl.stop + n_p)
    s_dev[psl] = prim_dev[pc]
    s_dev[psl.stop :] = rng.choice(3, size=n_v, p=[0.05, 0.3, 0.65])
    s_src = np.empty(n_s, dtype="int64")
    s_src[buy] = osrc[s_order[buy]]
    p_src_browse = np.array([0.25, 0.24, 0.17, 0.23, 0.07, 0.04])
    s_src[bsl] = rng.choice(len(SOURCES), size=n_b, p=p_src_browse)
    p_src_anon = np.array([0.12, 0.30, 0.25, 0.26, 0.07, 0.0])
    s_src[psl.start :] = rng.choice(len(SOURCES), size=n_s - psl.start, p=p_src_anon)
    # viewed category / product
    s_int = np.concatenate([cu["interests"][bc], cu["interests"][pc], vis_int[vi]])
    s_cat = np.empty(n_s, dtype="int64")
    s_prod = np.full(n_s, -1)
    first_prod_of_order = np.full(m, -1)
    first_prod_of_order[irow[first_line]] = ipidx[first_line]
    s_prod[buy] = first_prod_of_order[s_order[buy]]
    s_cat[buy] = cat_of[s_prod[buy]]
    nonbuy = np.flatnonzero(~buy)
    s_cat[nonbuy] = _categorical(rng, s_int)
    views = np.flatnonzero(~buy)[rng.random(len(nonbuy)) < 0.7]
    for ci in range(len(CATEGORIES)):
        ids = np.flatnonzero(cat_of == ci)
        sel = views[s_cat[views] == ci]
        w = view_w[ids] / view_w[ids].sum()
        s_prod[sel] = ids[rng.choice(len(ids), size=len(sel), p=w)]
    viewed = s_prod >= 0
    cart_p = np.array([0.30, 0.25, 0.14])[np.maximum(s_dev, 0)]
    s_cart = buy | (viewed & (rng.random(n_s) < cart_p))
    s_pages = np.where(
        buy,
        3 + rng.poisson(7, n_s),
        np.where(viewed, 2 + rng.poisson(4, n_s), 1 + rng.poisson(1.0, n_s)),
    )

    # second-device cookies: the first session there is anonymous (login comes later)
    sec_cookie = (s_cookie >= n) & (s_cookie < 2 * n)
    ordr = np.lexsort((np.arange(n_s), s_t, s_cookie))
    rank_ck = np.empty(n_s, dtype="int64")
    rank_ck[ordr] = _rank_within(s_cookie[ordr])
    s_cust = np.where(sec_cookie & (rank_ck == 0) & ~buy, -1, s_cust)

    # ids: sessions by time; cookies by first appearance
    s_ord = np.lexsort((np.arange(n_s), s_t))
    first_seen = np.full(s_cookie.max() + 1, np.inf)
    np.minimum.at(first_seen, s_cookie, s_t)
    used = np.flatnonzero(np.isfinite(first_seen))
    ck_ord = used[np.lexsort((used, first_seen[used]))]
    ck_id = np.zeros(s_cookie.max() + 1, dtype="int64")
    ck_id[ck_ord] = np.arange(1, len(ck_ord) + 1)

    cust_id = np.arange(1, n + 1)

    def cid(idx: np.ndarray) -> pd.Series:
        return pd.Series(np.where(idx >= 0, idx + 1, 0), dtype="Int64").mask(idx < 0)

    sessions = pd.DataFrame(
        {
            "session_id": 0,
            "cookie_id": ck_id[s_cookie],
            "customer_id": cid(s_cust),
            "started_at": _timestamps(s_t),
            "device": np.array(DEVICES)[s_dev],
            "traffic_source": np.array(SOURCES)[s_src],
            "pages": s_pages.astype("int64"),
            "viewed_category": np.array(CATEGORIES)[s_cat],
            "viewed_product": viewed,
            "product_id": cid(s_prod),
            "added_to_cart": s_cart,
            "purchased": buy,
            "order_id": pd.Series(
                np.where(buy, new_id[np.maximum(s_order, 0)], 0), dtype="Int64"
            ).mask(~buy),
        }
    ).iloc[s_ord]
    sessions["session_id"] = np.arange(1, n_s + 1)
    sessions = sessions.reset_index(drop=True)

    # ---------------------------------------------------------------- orders & items tables
    orders_df = (
        pd.DataFrame(
            {
                "order_id": new_id,
                "customer_id": cid(oc),
                "order_date": _timestamps(ot),
                "amount": amount,
                "discount": discount,
                "device": np.array(DEVICES)[odev],
                "status": status,
            }
        )
        .iloc[o_ord]
        .reset_index(drop=True)
    )
    items_df = pd.DataFrame(
        {
            "order_id": new_id[irow],
            "product_id": ipidx + 1,
            "quantity": iqty.astype("int64"),
            "unit_price": iprice.astype("int64"),
        }
    )
    rng = _rng(seed, 11)
    dup = np.sort(
        rng.choice(np.flatnonzero(status[irow] == "completed"), N_DUPLICATE_LINES, replace=False)
    )
    line_no = np.r_[np.arange(len(items_df)), dup + 0.5]
    items_df = pd.concat([items_df, items_df.iloc[dup]], ignore_index=True)
    items_df = items_df.iloc[np.lexsort((line_no, items_df["order_id"].to_numpy()))].reset_index(
        drop=True
    )

    # ---------------------------------------------------------------- campaign contacts
    cc = pd.concat(contacts, ignore_index=True)
    cc_rows = cc["row"].to_numpy()
    campaign_contacts = pd.DataFrame(
        {
            "campaign_id": cc["campaign_id"].astype("int64"),
            "customer_id": cc["cust"].to_numpy() + 1,
            "sent_at": _timestamps(cc["sent_t"].to_numpy()),
            "channel": cc["channel"],
            "offer": cc["offer"],
            "responded": cc["responded"].astype(bool),
            "response_order_id": pd.Series(
                np.where(cc_rows >= 0, new_id[np.maximum(cc_rows, 0)], 0), dtype="Int64"
            ).mask(cc_rows < 0),
        }
    )

    # ---------------------------------------------------------------- tickets
    rng = _rng(seed, 12)
    n_proc = len(t)
    rest = _draw_tickets(
        rng, status[n_proc:], cu["service_quality"][np.maximum(oc[n_proc:], 0)], cm[n_proc:]
    )
    flag, topic_i, rfc, hours, delay = (
        np.r_[a, b] for a, b in zip(proc["ticket"], rest, strict=True)
    )
    tk_t = ot + delay
    tk = np.flatnonzero(flag & (tk_t < N_DAYS))
    topic, rfc, hours, tk_t = np.array(TOPICS)[topic_i[tk]], rfc[tk], hours[tk], tk_t[tk]
    tko = np.lexsort((np.arange(len(tk)), tk_t))
    tickets = pd.DataFrame(
        {
            "ticket_id": np.arange(1, len(tk) + 1),
            "customer_id": oc[tk][tko] + 1,
            "order_id": pd.Series(new_id[tk][tko], dtype="Int64").mask(topic[tko] == "account"),
            "opened_at": _timestamps(tk_t[tko]),
            "topic": topic[tko],
            "resolution_hours": np.round(hours[tko], 1),
            "resolved_first_contact": rfc[tko],
        }
    )

    # ---------------------------------------------------------------- surveys
    rng = _rng(seed, 13)
    comp = np.flatnonzero(cm & (status == "completed") & (okind != "wholesale"))
    comp = comp[np.lexsort((ot[comp], oc[comp]))]
    cnt = np.bincount(oc[comp], minlength=n)
    starts = np.r_[0, np.cumsum(cnt)[:-1]]
    chosen = np.flatnonzero((rng.random(n) < 0.36) & (cnt > 0))
    pick = comp[starts[chosen] + np.floor(rng.random(len(chosen)) * cnt[chosen]).astype("int64")]
    sv_t = ot[pick] + rng.uniform(3, 14, len(chosen))
    okv = sv_t < N_DAYS
    chosen, sv_t = chosen[okv], sv_t[okv]
    # unresolved tickets before the survey lower the after-sales answer directly
    tcust = oc[tk]
    unresolved = ~rfc
    sv_of = np.full(n, -1.0)
    sv_of[chosen] = sv_t
    before = (sv_of[tcust] > tk_t) & unresolved
    n_unres = np.bincount(tcust[before], minlength=n)[chosen]
    sat = cu["sat"][chosen]
    noise = rng.normal(0, 0.6, sat.shape)
    shift = np.zeros_like(sat)
    shift[:, 2] = -0.45 * np.minimum(n_unres, 2)
    scores = np.clip(np.round(3.3 + 1.0 * sat + noise + shift), 1, 5).astype("int64")
    adv = sat @ np.asarray(NPS_WEIGHTS)
    nps = np.clip(np.round(7.0 + 1.6 * adv + rng.normal(0, 1.2, len(chosen))), 0, 10).astype(
        "int64"
    )
    svo = np.lexsort((chosen, sv_t))
    surveys = pd.DataFrame(
        {"customer_id": chosen[svo] + 1, "surveyed_at": _timestamps(sv_t[svo]), "nps": nps[svo]}
    )
    for j, e in enumerate(ELEMENTS):
        surveys[e] = scores[svo, j]

    # ---------------------------------------------------------------- reviews table
    rvo = np.lexsort((rv_rows, rev_t))
    reviews = pd.DataFrame(
        {
            "review_id": np.arange(1, len(rv_rows) + 1),
            "product_id": ipidx[rv_rows][rvo] + 1,
            "customer_id": oc[irow[rv_rows]][rvo] + 1,
            "order_id": new_id[irow[rv_rows]][rvo],
            "rating": rating[rvo],
            "reviewed_at": _timestamps(rev_t[rvo]),
        }
    )

    # ---------------------------------------------------------------- memberships
    rng = _rng(seed, 14)
    mem_p = np.array([0.5, 0.25, 0.08, 0.03])[cu["segment"]]
    lag = rng.exponential(60, n)
    start_day = cu["first_t"] + lag
    st_ts = _timestamps(start_day)
    start_month = ((st_ts.dt.year - 2022) * 12 + st_ts.dt.month).to_numpy()  # next month start
    is_mem = (rng.random(n) < mem_p) & (start_month <= 35)
    mi = np.flatnonzero(is_mem)
    plan = np.where(
        rng.random(len(mi)) < np.where(cu["segment"][mi] == 0, 0.5, 0.25), "plus", "basic"
    )
    ab = np.array([MEMBER_CHURN_BETA[p_] for p_ in plan])
    theta = rng.beta(ab[:, 0], ab[:, 1])
    months_paid = rng.geometric(theta)
    sm = start_month[mi].astype("int64")
    em_ = sm + months_paid
    month_start = pd.date_range(START, periods=36 + 400, freq="MS")
    mem_churn = np.full(n, np.nan)
    mem_churn[mi] = theta
    memberships = pd.DataFrame(
        {
            "customer_id": mi + 1,
            "plan": plan,
            "monthly_fee": np.array([PLANS[p_] for p_ in plan], dtype="int64"),
            "started_at": month_start[sm],
            "ended_at": pd.Series(month_start[np.minimum(em_, len(month_start) - 1)]).mask(
                em_ >= 36
            ),
        }
    )
    memberships = memberships.sort_values(["started_at", "customer_id"], kind="stable").reset_index(
        drop=True
    )

    # ---------------------------------------------------------------- customers & truth
    customers = pd.DataFrame(
        {
            "customer_id": cust_id,
            "signup_date": START + pd.to_timedelta(cu["signup_day"].astype("int64"), unit="D"),
            "acquisition_channel": np.array(CHANNELS)[cu["channel"]],
            "acquisition_cost": cu["acq_cost"],
            "region": np.array(REGIONS)[cu["region"]],
            "age_band": np.array(AGE_BANDS)[cu["age_band"]],
            "referred_by": cid(cu["referred_by"]),
            "marketing_consent": cu["consent"],
        }
    )
    truth = pd.DataFrame(
        {
            "customer_id": cust_id,
            "latent_segment": np.array(SEGMENTS)[cu["segment"]],
            "purchase_rate": np.round(cu["rate"], 6),
            "dropout_prob": np.round(cu["dropout"], 6),
            "spend_scale": np.round(cu["spend"], 0).astype("int64"),
            "churned_at": _timestamps(churn_t[:]).where(np.isfinite(churn_t)),
        }
    )
    for j, e in enumerate(ELEMENTS):
        truth[f"sat_{e}"] = np.round(cu["sat"][:, j], 4)
    truth["service_quality"] = np.round(cu["service_quality"], 4)
    truth["advocacy"] = np.round(cu["sat"] @ np.asarray(NPS_WEIGHTS), 4)
    truth["top_interest"] = np.array(CATEGORIES)[cu["interests"].argmax(axis=1)]
    for j, c in enumerate(CATEGORIES):
        truth[f"interest_{c}"] = np.round(cu["interests"][:, j], 4)
    truth["membership_churn_prob"] = np.round(mem_churn, 6)
    truth["primary_device"] = np.array(DEVICES)[prim_dev]
    truth["n_process_purchases"] = np.bincount(c_idx, minlength=n)
    truth["churned_after_ticket"] = proc["ticket_churn"]

    products = prod.drop(columns="quality").copy()

    return {
        "customers": customers,
        "products": products,
        "orders": orders_df,
        "order_items": items_df,
        "sessions": sessions,
        "campaign_contacts": campaign_contacts,
        "tickets": tickets,
        "surveys": surveys,
        "reviews": reviews,
        "memberships": memberships,
        "truth": truth,
    }


def write_shop(out: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Generate the shop and write one ``<table>.csv.gz`` per table into ``out``.

    The gzip header carries no timestamp (``mtime=0``), so the same seed gives byte-identical files.

    Parameters
    ----------
    out : str or Path
        Folder to write into (created if needed).
    seed : int
        Seed of the generator (default ``DEFAULT_SEED``).

    Returns
    -------
    list of Path
        The files written, in ``TABLES`` order.

    Examples
    --------
    >>> import tempfile
    >>> paths = write_shop(tempfile.mkdtemp())  # doctest: +SKIP
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = generate_shop(seed)
    paths = []
    for name in TABLES:
        path = out / f"{name}.csv.gz"
        frame = tables[name].copy()
        for col in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[col]):
                fmt = "%Y-%m-%d" if (name, col) in DATE_ONLY else "%Y-%m-%d %H:%M:%S"
                frame[col] = frame[col].dt.strftime(fmt)
        frame.to_csv(
            path, index=False, compression={"method": "gzip", "mtime": 0}, lineterminator="\n"
        )
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m helpers.synth --out DIR [--seed N]``."""
    parser = argparse.ArgumentParser(description="Generate the Hanbit Mall shop data.")
    parser.add_argument("--out", required=True, help="output folder, e.g. datasets/shop")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    for path in write_shop(args.out, args.seed):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
