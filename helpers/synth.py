"""Generator of Hanbit Mall 2 (한빛몰): a fictional Korean online retailer with known truth.

Every table a lesson needs is drawn from one documented causal structure, the latent quantities
behind it are written to truth tables, and every mechanism a lesson talks about can be switched
off (``switch_off=``) to produce a *null world* from the same seed. ``datasets/README.md``
("Generated shop") is the data dictionary; the constants below are the true parameters.

Mechanisms (names in ``MECHANISMS``)
------------------------------------
* ``segment_separation``: four latent segments (vip, regular, occasional, one_off) that differ in
  purchase rate, dropout, spend and category signature. Off: parameters are drawn for a randomly
  permuted segment label, so the labels carry no behaviour.
* ``early_dropout``: a customer can leave right after the first purchase (MBG/NBD, Batislam et al.
  2007), one-offs mostly do. ``tenure_growth``: baskets grow at most ~1 % a month of tenure.
  ``seasonality``: 설날, 추석, 11월 코리아세일페스타 / 11.11, year-end, weekdays.
* ``lifestyle``: three latent lifestyle factors (parent, style, tech) tie categories together.
  ``complements``: main electronics/sports products have 2-3 accessories bought in the same order
  or within 30 days (truth: ``complements``).
* ``campaign_effect``: 24 randomised campaigns with a permanent 10 % universal hold-out;
  heterogeneous, non-additive effect driven by a latent promotion sensitivity independent of RFM:
  persuadables, sure things (a response replaces or pulls forward an organic order), sleeping
  dogs (contacting a long-lapsed, insensitive customer makes them leave). Truth: ``uplift_truth``.
  ``content_effect``: personalised vs generic content A/B test in campaigns 19-24, effect growing
  with interest concentration. ``contact_fatigue``: opt-out rises with recent contacts.
* ``review_effect``: a session's purchase probability depends on the reviews that existed before
  it (plus a product-quality confound). ``membership_behaviour``: membership cancellation depends
  on engagement, unresolved tickets and satisfaction; usage declines before cancelling.
* ``satisfaction_halo``, ``must_be_element`` (after-sales), ``survey_nonresponse`` (satisfied
  customers answer more), ``promoter_referrals`` (advocates refer more).

Examples
--------
>>> tables = generate_shop(seed=1, n_customers=500)
>>> sorted(tables)[:3]
['campaign_assignments', 'campaign_contacts', 'campaigns']

Command line: ``python -m helpers.synth --out datasets/shop [--seed 2024]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_SEED",
    "N_CUSTOMERS",
    "START",
    "END",
    "TABLES",
    "MECHANISMS",
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
    "campaigns",
    "campaign_assignments",
    "uplift_truth",
    "complements",
    "membership_usage",
    "products_truth",
)

MECHANISMS = (
    "campaign_effect",
    "content_effect",
    "contact_fatigue",
    "complements",
    "lifestyle",
    "tenure_growth",
    "seasonality",
    "early_dropout",
    "segment_separation",
    "review_effect",
    "membership_behaviour",
    "satisfaction_halo",
    "must_be_element",
    "survey_nonresponse",
    "promoter_referrals",
)

# ----------------------------------------------------------------------------- true parameters
SEGMENTS = ("vip", "regular", "occasional", "one_off")
CHANNELS = ("search_ads", "social", "affiliate", "referral", "organic")
PAID_CHANNELS = ("search_ads", "social", "affiliate")
CHANNEL_SHARE = (0.26, 0.20, 0.14, 0.14, 0.26)
# P(segment | channel) for the 2022 cohort, rows follow CHANNELS, columns SEGMENTS
SEGMENT_GIVEN_CHANNEL = np.array(
    [
        [0.06, 0.24, 0.40, 0.30],
        [0.04, 0.20, 0.40, 0.36],
        [0.03, 0.17, 0.38, 0.42],
        [0.10, 0.32, 0.38, 0.20],
        [0.07, 0.26, 0.42, 0.25],
    ]
)
# cohort quality: per year after 2022, paid channels bring this much more one_off (multiplier)
ONE_OFF_DRIFT_PAID = 0.35
REFERRER_WEIGHT = (8.0, 3.0, 1.0, 0.3)  # who refers: weight by the referrer's segment
REFERRER_ADVOCACY = 0.9  # ... times exp(0.9 * advocacy) (promoter_referrals)
REFERRAL_COPY_PROB = 0.5  # a referred customer takes the referrer's segment with this probability
# purchase rate per week ~ Gamma(shape, mean) by segment
RATE_SHAPE = (8.0, 8.0, 8.0, 8.0)
RATE_MEAN = (0.32, 0.09, 0.03, 0.006)
# early dropout: probability of leaving right after the first purchase, by segment
EARLY_DROPOUT = (0.03, 0.1, 0.2, 0.65)
EARLY_DROPOUT_LOGIT_PAID = 0.3
EARLY_DROPOUT_LOGIT_PER_YEAR = 0.2  # later cohorts leave early more often
# dropout probability after each repeat purchase ~ Beta(a, b) by segment, then shifted on logit
DROPOUT_BETA = ((3.0, 60.0), (4.0, 28.0), (8.0, 16.0), (12.0, 6.0))
DROPOUT_LOGIT_PAID = 0.3
DROPOUT_LOGIT_REFERRAL = -0.5
DROPOUT_LOGIT_AFTER_SALES = -0.5  # per SD of latent after-sales satisfaction
DROPOUT_LOGIT_PRODUCT_DESIGN = -0.15
# spend scale (KRW per order at tenure 0) ~ Gamma(shape, mean) by segment
SPEND_SHAPE = 16.0
SPEND_MEAN = (160_000.0, 78_000.0, 40_000.0, 14_000.0)
TENURE_GROWTH = 0.008  # per month of tenure (<= 1 %/month), capped at 36 months
FIRST_ORDER_FACTOR = 0.8
ORDER_NOISE_SHAPE = 10.0  # per-order value noise ~ Gamma(10, 1/10)

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
STYLES = ("classic", "trendy", "minimal")
N_BRANDS = 4  # per category
# category signature of the segments (logits added before the softmax of interests)
SEGMENT_CATEGORY_LOGIT = np.array(
    [
        [0.6, 0.5, -0.4, 0.9, -0.3, 0.2, 0.0, -0.5],
        [0.0, 0.0, 0.4, -0.2, 0.0, 0.6, 0.0, 0.5],
        [0.2, -0.2, 0.0, 0.0, 0.6, -0.2, 0.5, -0.2],
        [-0.2, 0.6, 0.7, -0.6, 0.1, -0.3, -0.3, 0.2],
    ]
)
# lifestyle factor loadings (rows: parent, style, tech) on the category logits
LIFESTYLE = ("parent", "style", "tech")
LIFESTYLE_LOADING = np.array(
    [
        [0.0, 0.0, 0.9, 0.0, 0.0, 0.9, 0.0, 1.3],
        [1.1, 1.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 1.1, 0.8, 0.0, 0.9, 0.0],
    ]
)
INTEREST_NOISE = 0.9  # idiosyncratic sd of the category logits
# the categories each lifestyle factor ties together; a further line of an order comes from the
# first line's group with this probability (lifestyle: category pairs that go together)
LIFESTYLE_GROUP = {
    "fashion": "style",
    "beauty": "style",
    "food": "parent",
    "electronics": "tech",
    "books": "tech",
    "home_living": "parent",
    "sports": "tech",
    "kids": "parent",
}
RELATED_LINE_PROB = 0.5
BASKET_SIZE_SHAPE = 0.8  # customer trait multiplying the expected extra lines ~ Gamma(0.8, 1/0.8)
# accessories: per main product 2-3 accessories; P(in the same order), P(within 30 days)
ACCESSORY_SAME_ORDER = (0.18, 0.32)  # uniform range per pair
ACCESSORY_WITHIN_30D = (0.08, 0.18)

ELEMENTS = ("product_design", "sales_activities", "after_sales", "culture")
ELEMENT_MEANS = (3.9, 3.3, 3.0, 3.6)  # mean survey answer per element
HALO_LOADING = 0.86  # loading of each element on the common satisfaction factor
SEGMENT_SATISFACTION = (0.3, 0.1, 0.0, -0.25)  # shift of the common factor by segment
CHANNEL_SATISFACTION = (-0.1, -0.15, -0.2, 0.25, 0.1)  # ... and by acquisition channel
# NPS advocacy weights on the latent satisfaction of each element; after-sales is a must-be
# element: below average it hurts strongly, above average it hardly helps
NPS_WEIGHTS = (0.55, 0.2, 0.0, 0.25)
MUST_BE_LOW, MUST_BE_HIGH = 0.8, 0.05
SURVEY_RESPONSE = (-0.75, 0.6)  # logit intercept, slope per SD of mean latent satisfaction

REGIONS = ("Seoul", "Gyeonggi", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Other")
REGION_SHARE = (0.35, 0.27, 0.07, 0.06, 0.05, 0.03, 0.03, 0.14)
AGE_BANDS = ("10s", "20s", "30s", "40s", "50s", "60+")
AGE_SHARE = (0.06, 0.30, 0.30, 0.20, 0.10, 0.04)

DEVICES = ("app", "desktop", "mobile_web")
SOURCES = ("direct", "organic_search", "paid_search", "social", "affiliate", "crm")

N_CAMPAIGNS = 24
CAMPAIGN_CHANNELS = ("email", "sms", "app_push")
CONTACT_COST = {"email": 12, "sms": 35, "app_push": 4}  # KRW per message
OFFERS = ("discount_10", "free_shipping", "bundle")
HOLDOUT_SHARE = 0.10
CONTENT_TEST_FROM = 19  # campaigns 19..24 carry the personalised-vs-generic test
WINDOW_DAYS = 14.0
# persuasion: P = logistic(base + slope * promo_sensitivity + channel + offer + content)
PERSUADE_BASE, PERSUADE_SLOPE = -5.0, 1.3
CHANNEL_EFFECT = {"email": 0.0, "sms": 0.25, "app_push": -0.2}
OFFER_EFFECT = {"discount_10": 0.35, "free_shipping": 0.0, "bundle": -0.1}
CONTENT_EFFECT = 7.0  # logit effect of personalised content per unit of (HHI - 1/8)
REPLACE_PROB = (
    0.7  # a contacted sure thing's organic order in the 14-day window becomes the response
)
PULL_FORWARD_PROB = 0.05  # ... and an organic order due 14-30 days later is pulled into the window
SLEEPING_DOG_LAPSE = 150.0  # days since the last order
SLEEPING_DOG_PROB = 0.35  # P(leave at contact) for a lapsed customer with sensitivity < 0
# contact fatigue: P(opt out | contact) = logistic(base + slope * contacts in the previous 135 days
# (at most the 3 previous campaigns) + relevance for personalised content)
FATIGUE_WINDOW = 135.0
OPT_OUT_BASE, OPT_OUT_SLOPE, OPT_OUT_RELEVANCE = -5.3, 0.65, -0.6
OPT_OUT_NULL = -4.2  # constant logit when contact_fatigue is off
UPLIFT_PERSUADABLE = 0.02  # true_uplift at or above: persuadable
UPLIFT_SLEEPING_DOG = 0.0  # below: sleeping dog
SURE_THING_P = 0.25  # p_control at or above (and not persuadable): sure thing

PLANS = {"basic": 4_900, "plus": 9_900}
# monthly cancellation hazard = logistic(plan + b_eng*engagement + b_tick*unresolved + b_sat*sat + noise)
MEMBER_LOGIT = {"basic": -2.3, "plus": -2.9}
MEMBER_NOISE = 0.8
MEMBER_ENGAGEMENT, MEMBER_TICKETS, MEMBER_SATISFACTION = -0.5, 0.45, -0.35
USAGE_DECLINE = (0.8, 0.6, 0.4)  # session multiplier 3, 2 and 1 month(s) before cancelling

STATUS_SHARE = {"cancelled": 0.05, "returned": 0.04}
GUEST_SHARE = 0.03
N_WHOLESALE = 10
N_DUPLICATE_LINES = 25
TOPICS = ("delivery", "return", "payment", "product", "account")
TOPIC_SHARE = (0.45, 0.05, 0.15, 0.25, 0.10)  # tickets about completed orders
TICKET_PROB = 0.06  # share of completed orders with a support ticket (returned 0.7, cancelled 0.25)
TICKET_DROP_BASE = 0.15
TICKET_DROP_SLOPE = 0.3
# clickstream: sampled non-purchase sessions are stored 1 in 10 (weight 10)
SESSION_SAMPLE = 10
BASE_CONVERSION = 0.022  # purchase probability of a product-view session at average quality
REVIEW_COUNT_EFFECT = 0.30  # logit per log(1 + reviews before), experience goods
REVIEW_RATING_EFFECT = 0.45  # logit per rating point above 4, experience goods
SEARCH_REVIEW_SHARE = 0.3  # search goods react to reviews this much
QUALITY_CONVERSION = 0.35  # logit per SD of product quality (the confound)
QUALITY_CHOICE = 0.5  # log weight per SD of quality when products are chosen

DATE_ONLY = {
    ("customers", "signup_date"),
    ("memberships", "started_at"),
    ("memberships", "ended_at"),
    ("membership_usage", "month"),
}

HOLIDAYS = {
    "seollal": ("2022-02-01", "2023-01-22", "2024-02-10"),
    "chuseok": ("2022-09-10", "2023-09-29", "2024-09-17"),
}
WEEKDAY_FACTOR = (1.08, 1.04, 1.0, 1.0, 0.96, 0.9, 1.02)  # Monday .. Sunday


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


def _ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Concatenation of arange(lo[i], hi[i]) without a Python loop."""
    lens = np.maximum(hi - lo, 0)
    if lens.sum() == 0:
        return np.zeros(0, dtype="int64")
    start = np.repeat(lo - np.r_[0, np.cumsum(lens)[:-1]], lens)
    return start + np.arange(lens.sum())


def season_profile(on: bool = True) -> np.ndarray:
    """Relative purchase intensity per day (mean 1) from 2022-01-01 to 2024-12-31.

    Gift buying two weeks before 설날 (Seollal) and 추석 (Chuseok) and a dip on the holidays,
    the November sales (코리아세일페스타 and 11.11), year-end shopping, a summer lull and weekdays.
    """
    days = pd.date_range(START, periods=N_DAYS, freq="D")
    s = np.ones(N_DAYS)
    if not on:
        return s
    for dates in HOLIDAYS.values():
        for d in pd.to_datetime(list(dates)):
            off = (days - d).days.to_numpy()
            s[(off >= -16) & (off <= -3)] *= 1.5
            s[(off >= -1) & (off <= 2)] *= 0.55
    month, dom = days.month.to_numpy(), days.day.to_numpy()
    s[(month == 11) & (dom <= 15)] *= 1.45
    s[(month == 11) & (dom == 11)] *= 1.8
    s[(month == 12) & (dom >= 15)] *= 1.25
    s[(month == 8)] *= 0.88
    s *= np.asarray(WEEKDAY_FACTOR)[days.day_of_week.to_numpy()]
    return s / s.mean()


class _Clock:
    """Cumulative seasonal intensity, to draw event times of an inhomogeneous Poisson process."""

    def __init__(self, profile: np.ndarray):
        self.cum = np.r_[0.0, np.cumsum(profile)]
        self.grid = np.arange(len(self.cum), dtype=float)

    def S(self, t: np.ndarray) -> np.ndarray:
        return np.interp(t, self.grid, self.cum)

    def inv(self, y: np.ndarray) -> np.ndarray:
        return np.interp(y, self.cum, self.grid)

    def draw(self, rng: np.random.Generator, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """One time per pair with density proportional to the profile on [a, b)."""
        sa, sb = self.S(a), self.S(b)
        return self.inv(sa + rng.random(len(sa)) * (sb - sa))


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
    rng = _rng(seed, 21)
    k = len(prod)
    brand_no = rng.integers(0, N_BRANDS, k)
    prod["brand"] = [
        f"{c[:3]}-{chr(65 + b)}" for c, b in zip(prod["category"], brand_no, strict=True)
    ]
    prod["style"] = np.array(STYLES)[rng.integers(0, len(STYLES), k)]
    prod["brand_no"] = brand_no
    return prod


def _accessories(seed: int, prod: pd.DataFrame) -> pd.DataFrame:
    """Accessory graph: each main product (the upper price half of electronics and sports) has
    2-3 cheaper accessories from electronics, sports or home_living."""
    rng = _rng(seed, 22)
    cat = prod["category"].to_numpy()
    price = prod["price"].to_numpy()
    rows = []
    for c in ("electronics", "sports"):
        ids = np.flatnonzero(cat == c)
        mains = ids[price[ids] >= np.median(price[ids])]
        pool = np.flatnonzero(np.isin(cat, [c, "home_living"]) & (price < 60_000))
        for m in mains:
            n_acc = rng.integers(2, 4)
            acc = rng.choice(pool, size=n_acc, replace=False)
            for a in acc:
                rows.append((m, a))
    pairs = np.array(rows)
    lo, hi = ACCESSORY_SAME_ORDER
    lo2, hi2 = ACCESSORY_WITHIN_30D
    return pd.DataFrame(
        {
            "main": pairs[:, 0],
            "acc": pairs[:, 1],
            "p_same_order": np.round(rng.uniform(lo, hi, len(pairs)), 3),
            "p_within_30d": np.round(rng.uniform(lo2, hi2, len(pairs)), 3),
        }
    )


# ----------------------------------------------------------------------------- customers
def _customers(seed: int, n: int, off: frozenset, clock: _Clock) -> dict:
    rng = _rng(seed, 2)
    growth = 2.0  # sign-up density at the end is three times the one at the start
    dens = (1.0 + growth * np.arange(N_DAYS) / (N_DAYS - 1)) * np.diff(clock.cum)
    cum = np.r_[0.0, np.cumsum(dens)]
    u = np.sort(rng.random(n)) * cum[-1]
    t = np.interp(u, cum, np.arange(N_DAYS + 1, dtype=float))
    signup_day = np.minimum(np.floor(t), N_DAYS - 1)
    first_t = signup_day + rng.uniform(8 / 24, 23.5 / 24, n)
    order = np.argsort(first_t, kind="stable")
    signup_day, first_t = signup_day[order], first_t[order]
    year = (signup_day >= 365).astype(int) + (signup_day >= 730)

    channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_SHARE)
    ref = CHANNELS.index("referral")
    channel[:50][channel[:50] == ref] = CHANNELS.index("organic")
    paid = np.isin(channel, [CHANNELS.index(c) for c in PAID_CHANNELS])
    seg_p = SEGMENT_GIVEN_CHANNEL[channel].copy()
    seg_p[:, 3] *= 1.0 + ONE_OFF_DRIFT_PAID * year * paid
    seg = _categorical(rng, seg_p)

    # satisfaction latents: a common factor (halo) shifted by segment and channel
    common_raw = rng.normal(size=n)
    service_quality = rng.normal(size=n)
    eps = rng.normal(size=(n, 4))
    sens = rng.normal(size=n)  # promotion sensitivity: independent of everything else
    halo = 0.0 if "satisfaction_halo" in off else HALO_LOADING

    def satisfaction(s: np.ndarray) -> np.ndarray:
        common = (
            common_raw
            + np.asarray(SEGMENT_SATISFACTION)[s]
            + np.asarray(CHANNEL_SATISFACTION)[channel]
        )
        out = np.empty((n, 4))
        rest = np.sqrt(1 - halo**2)
        for j in (0, 1, 3):
            out[:, j] = halo * common + rest * eps[:, j]
        out[:, 2] = halo * common + rest * (0.6 * service_quality + 0.8 * eps[:, 2])
        return out

    def advocacy(sat: np.ndarray) -> np.ndarray:
        w = np.asarray(NPS_WEIGHTS)
        a = sat @ w
        if "must_be_element" in off:
            return a + 0.5 * (MUST_BE_LOW + MUST_BE_HIGH) * sat[:, 2]
        return a + MUST_BE_LOW * np.minimum(sat[:, 2], 0) + MUST_BE_HIGH * np.maximum(sat[:, 2], 0)

    sat0 = satisfaction(seg)
    adv0 = advocacy(sat0)
    # referrers: earlier non-referral customers, weighted by segment and (promoters) advocacy
    w = np.asarray(REFERRER_WEIGHT)[seg] * (channel != ref)
    if "promoter_referrals" not in off:
        w = w * np.exp(REFERRER_ADVOCACY * adv0)
    W = np.cumsum(w)
    is_ref = np.flatnonzero(channel == ref)
    draw = rng.random(len(is_ref)) * W[is_ref - 1]
    referrer = np.searchsorted(W, draw, side="right")
    referred_by = np.full(n, -1)
    referred_by[is_ref] = referrer
    copy = rng.random(len(is_ref)) < REFERRAL_COPY_PROB
    seg[is_ref[copy]] = seg[referrer[copy]]
    sat = satisfaction(seg)
    adv = advocacy(sat)

    # behaviour parameters: drawn for a permuted label when segment_separation is off
    pseg = _rng(seed, 40).permutation(seg) if "segment_separation" in off else seg
    rate = rng.gamma(
        np.asarray(RATE_SHAPE)[pseg], np.asarray(RATE_MEAN)[pseg] / np.asarray(RATE_SHAPE)[pseg]
    )
    ab = np.asarray(DROPOUT_BETA)[pseg]
    p0 = np.clip(rng.beta(ab[:, 0], ab[:, 1]), 1e-3, 1 - 1e-3)
    shift = (
        DROPOUT_LOGIT_PAID * paid
        + DROPOUT_LOGIT_REFERRAL * (channel == ref)
        + DROPOUT_LOGIT_AFTER_SALES * sat[:, 2]
        + DROPOUT_LOGIT_PRODUCT_DESIGN * sat[:, 0]
    )
    dropout = np.clip(_sigmoid(_logit(p0) + shift), 0.005, 0.98)
    early_p = _sigmoid(
        _logit(np.asarray(EARLY_DROPOUT)[pseg])
        + EARLY_DROPOUT_LOGIT_PAID * paid
        + EARLY_DROPOUT_LOGIT_PER_YEAR * year
        + 0.5 * DROPOUT_LOGIT_AFTER_SALES * sat[:, 2]
    )
    if "early_dropout" in off:
        early_p = np.zeros(n)
    early_u = rng.random(n)
    spend = rng.gamma(SPEND_SHAPE, np.asarray(SPEND_MEAN)[pseg] / SPEND_SHAPE)
    # interests: softmax(segment signature + lifestyle factors + idiosyncratic noise)
    z = rng.normal(size=(n, len(LIFESTYLE)))
    noise = rng.normal(0, INTEREST_NOISE, size=(n, len(CATEGORIES)))
    logits = SEGMENT_CATEGORY_LOGIT[pseg] + noise
    if "lifestyle" not in off:
        logits = logits + z @ LIFESTYLE_LOADING
    interests = np.exp(logits - logits.max(axis=1, keepdims=True))
    interests /= interests.sum(axis=1, keepdims=True)
    style_pref = rng.dirichlet(np.full(len(STYLES), 0.4), size=n)
    fav_brand = rng.integers(0, N_BRANDS, size=(n, len(CATEGORIES)))

    consent_p = np.where(channel == ref, 0.7, 0.6)
    basket_size = _rng(seed, 24).gamma(BASKET_SIZE_SHAPE, 1 / BASKET_SIZE_SHAPE, n)
    return {
        "basket_size": basket_size,
        "n": n,
        "signup_day": signup_day,
        "first_t": first_t,
        "year": year,
        "channel": channel,
        "segment": seg,
        "referred_by": referred_by,
        "sat": sat,
        "advocacy": adv,
        "service_quality": service_quality,
        "sensitivity": sens,
        "rate": rate,
        "dropout": dropout,
        "early_p": early_p,
        "early_u": early_u,
        "spend": spend,
        "lifestyle": z,
        "interests": interests,
        "style_pref": style_pref,
        "fav_brand": fav_brand,
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
    """Support tickets of orders: (has ticket, topic index, resolved first contact, hours, delay days).

    Resolution times of first-contact and other tickets overlap (lognormal around 5 h and 16 h).
    """
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
        np.exp(rng.normal(np.log(5.0), 0.8, k)),
        np.exp(rng.normal(np.log(16.0) - 0.2 * sq, 0.8, k)),
    )
    delay = rng.uniform(0.5, 12, k)
    return flag, topic, rfc, hours, delay


def _ticket_dropout(rfc: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """Probability of leaving after a ticket: only when not resolved at first contact, more for long waits."""
    return np.where(rfc, 0.0, TICKET_DROP_BASE + TICKET_DROP_SLOPE * np.minimum(hours, 96.0) / 96.0)


def _process_orders(seed: int, cu: dict, clock: _Clock) -> dict:
    """Buy-till-you-die purchases with their support tickets.

    While alive a customer buys as an inhomogeneous Poisson process (rate x season profile); right
    after the first purchase they can leave (early dropout), after each repeat purchase a coin with
    probability ``dropout`` decides whether they leave (BG/NBD), and after any purchase whose
    support ticket was not resolved at first contact a second coin can make them leave too.
    """
    rng = _rng(seed, 3)
    n = cu["n"]
    span = (clock.S(np.full(n, float(N_DAYS))) - clock.S(cu["first_t"])) / 7.0
    n_pois = rng.poisson(cu["rate"] * span)
    rep = np.repeat(np.arange(n), n_pois)
    cust = np.r_[np.arange(n), rep]
    t = np.r_[cu["first_t"], clock.draw(rng, cu["first_t"][rep], np.full(len(rep), float(N_DAYS)))]
    o = np.lexsort((t, cust))
    cust, t = cust[o], t[o]
    rank = _rank_within(cust)
    k = len(cust)
    flag, topic, rfc, hours, delay = _draw_tickets(
        rng, np.full(k, "completed"), cu["service_quality"][cust], np.ones(k, dtype=bool)
    )
    flag &= t + delay < N_DAYS
    u = rng.random(k)
    drop_early = (rank == 0) & (cu["early_u"][cust] < cu["early_p"][cust])
    drop_bgnbd = ((rank > 0) & (u < cu["dropout"][cust])) | drop_early
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
    early = np.zeros(n, dtype=bool)
    early[cust[last & drop_early]] = True
    return {
        "cust": cust[keep],
        "t": t[keep],
        "churn_t": churn_t,
        "early": early,
        "ticket": tuple(a[keep] for a in (flag, topic, rfc, hours, delay)),
        "ticket_churn": np.bincount(cust[last & drop_ticket & ~drop_bgnbd], minlength=n) > 0,
    }


def _tenure_mult(months: np.ndarray, growth: float) -> np.ndarray:
    return np.exp(growth * np.minimum(np.maximum(months, 0), 36))


class _Basket:
    """Draws basket lines: category from interests, product by price fit, style, brand and quality,
    plus accessories of main products in the same order (complements)."""

    def __init__(
        self, prod: pd.DataFrame, acc: pd.DataFrame, complements_on: bool, lifestyle_on: bool
    ):
        self.prod = prod
        self.price = prod["price"].to_numpy()
        self.logp = np.log(self.price.astype(float))
        self.cat = pd.Categorical(prod["category"], categories=CATEGORIES).codes
        self.style = pd.Categorical(prod["style"], categories=STYLES).codes
        self.brand = prod["brand_no"].to_numpy()
        q = prod["quality"].to_numpy()
        self.qweight = np.exp(QUALITY_CHOICE * (q - q.mean()) / q.std())
        a = acc.sort_values(["main", "acc"], kind="stable")
        self.acc_main = a["main"].to_numpy()
        self.acc_prod = a["acc"].to_numpy()
        self.acc_same = a["p_same_order"].to_numpy()
        self.acc_30 = a["p_within_30d"].to_numpy()
        k = len(prod)
        self.acc_start = np.searchsorted(self.acc_main, np.arange(k))
        self.acc_count = np.bincount(self.acc_main, minlength=k)
        self.on = complements_on
        self.related_on = lifestyle_on
        others = []
        for c in CATEGORIES:
            mates = [CATEGORIES.index(d) for d in CATEGORIES if d != c]
            mates = [j for j in mates if LIFESTYLE_GROUP[CATEGORIES[j]] == LIFESTYLE_GROUP[c]]
            others.append(mates)
        width = max(len(x) for x in others)
        self.mates = np.array([(x * width)[:width] for x in others])
        self.n_mates = np.array([len(x) for x in others])

    def lines(
        self,
        rng: np.random.Generator,
        interests: np.ndarray,
        style_pref: np.ndarray,
        fav_brand: np.ndarray,
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
        rank = _rank_within(row)
        first_cat = cat[np.r_[0, np.cumsum(lines)[:-1]]][row]
        u_rel, u_mate = rng.random(len(row)), rng.random(len(row))
        mate = self.mates[first_cat, (u_mate * self.n_mates[first_cat]).astype("int64")]
        related = (rank > 0) & (u_rel < RELATED_LINE_PROB) & self.related_on
        cat = np.where(related, mate, cat)
        target = np.log(v) + rng.normal(0, 0.4, len(row))
        u = rng.random(len(row))
        pidx = np.empty(len(row), dtype="int64")
        for ci in range(len(CATEGORIES)):
            ids = np.flatnonzero(self.cat == ci)
            sel = np.flatnonzero(cat == ci)
            if len(sel) == 0:
                continue
            fit = np.exp(-0.5 * ((self.logp[ids][None, :] - target[sel, None]) / 0.35) ** 2)
            w = fit * style_pref[row[sel]][:, self.style[ids]] * self.qweight[ids][None, :]
            w = w * (1.0 + 2.0 * (self.brand[ids][None, :] == fav_brand[row[sel], ci][:, None]))
            w += 1e-12
            cum = np.cumsum(w, axis=1)
            j = (cum < (u[sel] * cum[:, -1])[:, None]).sum(axis=1)
            pidx[sel] = ids[np.minimum(j, len(ids) - 1)]
        qty = np.clip(np.round(v / self.price[pidx]), 1, 3).astype("int64")
        # accessories of main products in the same order
        pair = _ranges(self.acc_start[pidx], self.acc_start[pidx] + self.acc_count[pidx])
        pair_row = np.repeat(row, self.acc_count[pidx])
        add = rng.random(len(pair)) < self.acc_same[pair]
        if self.on:
            row = np.r_[row, pair_row[add]]
            pidx = np.r_[pidx, self.acc_prod[pair[add]]]
            qty = np.r_[qty, np.ones(add.sum(), dtype="int64")]
        # the same product drawn twice in one basket becomes one line with the summed quantity
        k = len(self.prod)
        key, inv = np.unique(row * k + pidx, return_inverse=True)
        qty = np.bincount(inv, weights=qty).astype("int64")
        row, pidx = key // k, key % k
        return row, pidx, qty, self.price[pidx]

    def follow_ups(
        self, rng: np.random.Generator, row: np.ndarray, pidx: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Accessories bought in a later order within 30 days: (order row, accessory idx, gap days)."""
        pair = _ranges(self.acc_start[pidx], self.acc_start[pidx] + self.acc_count[pidx])
        pair_row = np.repeat(row, self.acc_count[pidx])
        hit = rng.random(len(pair)) < self.acc_30[pair]
        gap = rng.uniform(1.0, 30.0, len(pair))
        if not self.on:
            hit[:] = False
        return pair_row[hit], self.acc_prod[pair[hit]], gap[hit]


def _order_value(
    rng: np.random.Generator, spend: np.ndarray, months: np.ndarray, growth: float
) -> np.ndarray:
    noise = rng.gamma(ORDER_NOISE_SHAPE, 1 / ORDER_NOISE_SHAPE, len(spend))
    return spend * _tenure_mult(months, growth) * noise


def _campaign_sent(k: int) -> float:
    return 40.0 + 44.0 * k + 10 / 24


def _treat_share(k: int) -> float:
    return 0.5 + 0.1 * ((k * 7) % 5)


def _campaigns(seed: int, cu: dict, proc: dict, clock: _Clock, off: frozenset) -> dict:
    """Randomised campaigns with a universal hold-out, applied to the purchase process.

    A contacted customer can (1) leave at once (sleeping dog: lapsed > 150 days and sensitivity
    < 0), (2) have the next organic order within 30 days moved forward into the campaign (sure
    thing: no extra order), or (3) be persuaded into an extra order (persuadable). The true
    probabilities with and without contact are recorded per eligible customer.
    """
    rng = _rng(seed, 5)
    n = cu["n"]
    pc, pt = proc["cust"], proc["t"].copy()
    key = pc * 4096.0 + pt
    active = np.ones(len(pc), dtype=bool)
    moved_camp = np.full(len(pc), -1)
    moved_offer = np.full(len(pc), -1)
    churn_t = proc["churn_t"].copy()
    holdout = _rng(seed, 23).random(n) < HOLDOUT_SHARE
    opt_t = np.full(n, np.inf)
    last_extra = np.full(n, -np.inf)
    hhi = (cu["interests"] ** 2).sum(axis=1)
    sens = cu["sensitivity"]
    effect_on = "campaign_effect" not in off
    history: list[tuple[float, np.ndarray]] = []
    extra = {"cust": [], "t": [], "camp": [], "offer": []}
    assign, clicks = [], []
    for k in range(N_CAMPAIGNS):
        sent = _campaign_sent(k)
        E = np.flatnonzero(cu["consent"] & (cu["first_t"] < sent) & (opt_t > sent))
        m = len(E)
        hold = holdout[E]
        treat = ~hold & (rng.random(m) < _treat_share(k))
        ch = rng.integers(0, 3, m)
        of = rng.integers(0, 3, m)
        test = k + 1 >= CONTENT_TEST_FROM
        pers = test & (rng.random(m) < 0.5)
        u_dog, u_q, u_pf, u_opt, u_click = (rng.random(m) for _ in range(5))
        delay = np.clip(rng.exponential(2.5, m), 10 / 1440, 13.9)
        click_delay = 0.02 + 2.5 * rng.random(m)
        alive = ~(churn_t[E] <= sent)
        lo = np.searchsorted(key, E * 4096.0 + sent)
        lo_c = np.minimum(lo, len(pc) - 1)
        hit = (lo < len(pc)) & (pc[lo_c] == E) & active[lo_c]
        t_next = np.where(hit, pt[lo_c], np.inf)
        in14, in30 = t_next < sent + WINDOW_DAYS, t_next < sent + 30
        prev = np.maximum(lo - 1, 0)
        last_proc = np.where((lo > 0) & (pc[prev] == E), pt[prev], -np.inf)
        lapse = sent - np.maximum(last_proc, last_extra[E])
        lam = cu["rate"][E]
        d14 = (clock.S(sent + WINDOW_DAYS) - clock.S(sent)) / 7.0
        d30 = (clock.S(sent + 30) - clock.S(sent + WINDOW_DAYS)) / 7.0
        p_c = alive * (1 - np.exp(-lam * d14))
        p_1430 = alive * (1 - np.exp(-lam * d30))
        base = (
            PERSUADE_BASE
            + PERSUADE_SLOPE * sens[E]
            + np.array([CHANNEL_EFFECT[c] for c in CAMPAIGN_CHANNELS])[ch]
            + np.array([OFFER_EFFECT[o] for o in OFFERS])[of]
        )
        ce = CONTENT_EFFECT * (hhi[E] - 1 / len(CATEGORIES)) * ("content_effect" not in off)
        pf = PULL_FORWARD_PROB * effect_on
        d = SLEEPING_DOG_PROB * alive * (lapse > SLEEPING_DOG_LAPSE) * (sens[E] < 0) * effect_on

        def p_treated(content: np.ndarray, state=(alive, base, d, p_c, pf, p_1430)):
            """P(convert in 14 days | contacted with this content) and P(persuaded)."""
            alive_, base_, d_, p_c_, pf_, p_1430_ = state
            q = alive_ * _sigmoid(base_ + content) * effect_on
            return (1 - d_) * (1 - (1 - p_c_) * (1 - q) * (1 - pf_ * p_1430_)), q

        p_t, q = p_treated(np.where(treat & pers, ce, 0.0))
        if test:
            content_uplift = p_treated(ce)[0] - p_treated(np.zeros(m))[0]
        else:
            content_uplift = np.full(m, np.nan)
        dog = treat & (u_dog < d)
        rp_ = REPLACE_PROB * effect_on
        pfw = treat & ~dog & (sent + delay < N_DAYS)
        pfw &= (in14 & (u_pf < rp_)) | (~in14 & in30 & (u_pf < pf))
        new = treat & ~dog & ~pfw & ~in14 & (u_q < q) & (sent + delay < N_DAYS)
        # apply: pulled-forward organic orders become campaign orders
        i_pf = lo_c[pfw]
        pt[i_pf] = np.minimum(sent + delay[pfw], pt[i_pf])
        key[i_pf] = pc[i_pf] * 4096.0 + pt[i_pf]
        moved_camp[i_pf] = k
        moved_offer[i_pf] = of[pfw]
        extra["cust"].append(E[new])
        extra["t"].append(sent + delay[new])
        extra["camp"].append(np.full(new.sum(), k))
        extra["offer"].append(of[new])
        last_extra[E[new]] = sent + delay[new]
        # sleeping dogs leave at the contact
        hi = np.searchsorted(key, E[dog] * 4096.0 + 4095.0)
        active[_ranges(lo[dog], hi)] = False
        churn_t[E[dog]] = sent
        # contact fatigue: opt-out rises with the contacts of the previous FATIGUE_WINDOW days
        recent = np.zeros(n)
        for s_j, mask in history:
            if sent - s_j <= FATIGUE_WINDOW:
                recent += mask
        if "contact_fatigue" in off:
            logit_opt = np.full(m, OPT_OUT_NULL)
        else:
            logit_opt = OPT_OUT_BASE + OPT_OUT_SLOPE * recent[E] + OPT_OUT_RELEVANCE * pers
        opted = treat & ((u_opt < _sigmoid(logit_opt)) | dog)
        opt_t[E[opted]] = sent + 0.1 + 13.8 * u_opt[opted]
        mask = np.zeros(n)
        mask[E[treat]] = 1.0
        history.append((sent, mask))
        # clicks on the message that do not end in a campaign order
        click = treat & ~pfw & ~new & (u_click < _sigmoid(-2.0 + 0.4 * sens[E]))
        clicks.append((E[click], sent + click_delay[click], np.full(click.sum(), k)))
        uplift = p_t - p_c
        utype = np.where(
            uplift >= UPLIFT_PERSUADABLE,
            "persuadable",
            np.where(
                uplift < UPLIFT_SLEEPING_DOG,
                "sleeping_dog",
                np.where(p_c >= SURE_THING_P, "sure_thing", "lost_cause"),
            ),
        )
        assign.append(
            pd.DataFrame(
                {
                    "k": k,
                    "cust": E,
                    "holdout": hold,
                    "treated": treat,
                    "channel": np.where(treat, np.array(CAMPAIGN_CHANNELS)[ch], ""),
                    "offer": np.where(treat, np.array(OFFERS)[of], ""),
                    "content": np.where(
                        treat & test, np.where(pers, "personalised", "generic"), ""
                    ),
                    "opted_out": opted,
                    "p_control": p_c,
                    "p_treated": p_t,
                    "true_uplift": uplift,
                    "uplift_type": utype,
                    "content_uplift": content_uplift,
                    "pulled_forward": pfw,
                    "left_at_contact": dog,
                }
            )
        )
    return {
        "active": active,
        "t": pt,
        "moved_camp": moved_camp,
        "moved_offer": moved_offer,
        "churn_t": churn_t,
        "opt_t": opt_t,
        "holdout": holdout,
        "extra": {
            key_: np.concatenate(v).astype(float if key_ == "t" else "int64")
            for key_, v in extra.items()
        },
        "assign": pd.concat(assign, ignore_index=True),
        "clicks": tuple(np.concatenate(x) for x in zip(*clicks, strict=True)),
    }


def _check_switch_off(switch_off: Iterable[str]) -> frozenset:
    if isinstance(switch_off, str):
        switch_off = (switch_off,)
    try:
        names = tuple(switch_off)
    except TypeError:
        raise TypeError(
            f"switch_off must be an iterable of mechanism names, got {type(switch_off).__name__}"
        ) from None
    unknown = [s for s in names if s not in MECHANISMS]
    if unknown:
        raise ValueError(
            f"switch_off has unknown mechanism(s) {unknown}; valid names are {', '.join(MECHANISMS)}"
        )
    return frozenset(names)


def generate_shop(
    seed: int = DEFAULT_SEED,
    n_customers: int = N_CUSTOMERS,
    *,
    switch_off: Iterable[str] = (),
) -> dict[str, pd.DataFrame]:
    """Generate every table of the shop, optionally with mechanisms switched off (a null world).

    Parameters
    ----------
    seed : int
        Seed of all random draws; the committed data use ``DEFAULT_SEED`` (2024).
    n_customers : int
        Number of customers (the committed data: 12,000). At least 200.
    switch_off : iterable of str, default ()
        Names from ``MECHANISMS`` to turn off. The same seed streams are used, so only the
        named mechanisms change (see ``datasets/README.md`` for what each one does).

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per name in ``TABLES``, rows and columns in the order they are written.

    Raises
    ------
    ValueError
        For an unknown mechanism name (the message lists the valid ones) or too few customers.

    Examples
    --------
    >>> t = generate_shop(seed=3, n_customers=300, switch_off=("campaign_effect",))
    >>> len(t["customers"])
    300
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if (
        not isinstance(n_customers, (int, np.integer))
        or isinstance(n_customers, bool)
        or n_customers < 200
    ):
        raise ValueError(f"n_customers must be an int >= 200, got {n_customers!r}")
    off = _check_switch_off(switch_off)
    seed, n = int(seed), int(n_customers)
    clock = _Clock(season_profile("seasonality" not in off))
    growth = 0.0 if "tenure_growth" in off else TENURE_GROWTH
    prod = _products(seed)
    acc = _accessories(seed, prod)
    basket = _Basket(prod, acc, "complements" not in off, "lifestyle" not in off)
    cu = _customers(seed, n, off, clock)
    proc = _process_orders(seed, cu, clock)
    camp = _campaigns(seed, cu, proc, clock, off)
    churn_t = camp["churn_t"]
    end_alive = np.where(np.isnan(churn_t), N_DAYS, churn_t)
    act = camp["active"]
    pc, pt = proc["cust"][act], camp["t"][act]
    mcamp, moffer = camp["moved_camp"][act], camp["moved_offer"][act]
    p_ticket = tuple(a[act] for a in proc["ticket"])
    is_first = np.r_[True, pc[1:] != pc[:-1]]
    ex = camp["extra"]
    n_proc = len(pc)

    # ---------------------------------------------------------------- baskets of customer orders
    rng = _rng(seed, 4)
    oc = np.r_[pc, ex["cust"]]
    ot = np.r_[pt, ex["t"]]
    okind = np.r_[
        np.where(mcamp >= 0, "campaign", np.where(is_first, "first", "process")),
        np.full(len(ex["cust"]), "campaign"),
    ]
    ocamp = np.r_[mcamp, ex["camp"]]
    ooffer = np.r_[moffer, ex["offer"]]
    months = (ot - cu["first_t"][oc]) / DAYS_PER_MONTH
    value = _order_value(rng, cu["spend"][oc], months, growth) * np.where(
        okind == "first", FIRST_ORDER_FACTOR, 1.0
    )
    extra_l = (0.4 + 0.25 * (_tenure_mult(months, growth) - 1)) * cu["basket_size"][oc]
    min_l = np.where(ooffer == OFFERS.index("bundle"), 2, 1)
    row, pidx, qty, price = basket.lines(
        rng, cu["interests"][oc], cu["style_pref"][oc], cu["fav_brand"][oc], value, extra_l, min_l
    )
    parts = {
        "cust": [oc],
        "t": [ot],
        "kind": [okind],
        "camp": [ocamp],
        "offer": [ooffer],
    }
    items = {"row": [row], "pidx": [pidx], "qty": [qty]}
    offset = len(oc)

    def add_orders(cust, t, kind, r, p, q, camp_=None, offer_=None):
        nonlocal offset
        k = len(cust)
        parts["cust"].append(np.asarray(cust))
        parts["t"].append(np.asarray(t, dtype=float))
        parts["kind"].append(np.full(k, kind) if isinstance(kind, str) else kind)
        parts["camp"].append(np.full(k, -1) if camp_ is None else camp_)
        parts["offer"].append(np.full(k, -1) if offer_ is None else offer_)
        items["row"].append(r + offset)
        items["pidx"].append(p)
        items["qty"].append(q)
        offset += k

    # accessories bought within 30 days in a follow-up order (complements)
    fr, fp, gap = basket.follow_ups(rng, row, pidx)
    ft = ot[fr] + gap
    ok = (ft < end_alive[oc[fr]]) & (ft < N_DAYS) & (okind[fr] != "cancelled")
    fr, fp, ft = fr[ok], fp[ok], ft[ok]
    add_orders(oc[fr], ft, "accessory", np.arange(len(fr)), fp, np.ones(len(fr), dtype="int64"))

    # ---------------------------------------------------------------- cancelled / returned extras
    rng = _rng(seed, 6)
    base_c = np.concatenate(parts["cust"])
    n_base = len(base_c)
    share_extra = STATUS_SHARE["cancelled"] + STATUS_SHARE["returned"]
    n_guest = int(round(GUEST_SHARE * n_base / (1 - GUEST_SHARE - share_extra)))
    n_total = int(round((n_base + n_guest + N_WHOLESALE) / (1 - share_extra)))
    n_cancel = int(round(STATUS_SHARE["cancelled"] * n_total))
    n_return = int(round(STATUS_SHARE["returned"] * n_total))
    n_extra = n_cancel + n_return
    pool = base_c[(end_alive - cu["first_t"])[base_c] > 0.05]
    ec = pool[rng.integers(0, len(pool), n_extra)]
    et = cu["first_t"][ec] + rng.random(n_extra) * (end_alive[ec] - cu["first_t"][ec])
    et = np.maximum(et, cu["first_t"][ec] + 0.01)
    em = (et - cu["first_t"][ec]) / DAYS_PER_MONTH
    ev = _order_value(rng, cu["spend"][ec], em, growth)
    r3, p3, q3, _ = basket.lines(
        rng,
        cu["interests"][ec],
        cu["style_pref"][ec],
        cu["fav_brand"][ec],
        ev,
        (0.4 + 0.25 * (_tenure_mult(em, growth) - 1)) * cu["basket_size"][ec],
    )
    status_extra = np.r_[np.full(n_cancel, "cancelled"), np.full(n_return, "returned")]
    add_orders(ec, et, status_extra, r3, p3, q3)

    # ---------------------------------------------------------------- guests
    u = rng.random(n_guest)
    gt = N_DAYS * (np.sqrt(1 + 8 * u) - 1) / 2  # density rising 1 -> 3 over the period
    gt = np.floor(gt) + rng.uniform(8 / 24, 23.5 / 24, n_guest)
    g_int = rng.dirichlet(np.full(len(CATEGORIES), 0.5), size=n_guest)
    gv = rng.gamma(SPEND_SHAPE, 45_000.0 / SPEND_SHAPE, n_guest) * rng.gamma(6, 1 / 6, n_guest)
    g_style = np.full((n_guest, len(STYLES)), 1 / len(STYLES))
    g_brand = rng.integers(0, N_BRANDS, size=(n_guest, len(CATEGORIES)))
    r4, p4, q4, _ = basket.lines(rng, g_int, g_style, g_brand, gv, np.full(n_guest, 0.4))
    add_orders(np.full(n_guest, -1), gt, "guest", r4, p4, q4)

    # ---------------------------------------------------------------- wholesale outliers
    many = np.flatnonzero(np.bincount(base_c, minlength=n) >= 3)
    wc = np.sort(rng.choice(many, N_WHOLESALE, replace=False))
    wt = cu["first_t"][wc] + rng.uniform(0.2, 0.9, N_WHOLESALE) * (
        end_alive[wc] - cu["first_t"][wc]
    )
    pprice = prod["price"].to_numpy()
    cheap = np.flatnonzero((pprice >= 10_000) & (pprice < 50_000))
    wp = rng.choice(cheap, N_WHOLESALE)
    wq = rng.integers(50, 251, N_WHOLESALE)
    add_orders(wc, wt, "wholesale", np.arange(N_WHOLESALE), wp, wq)

    oc = np.concatenate(parts["cust"])
    ot = np.concatenate(parts["t"])
    okind = np.concatenate(parts["kind"])
    ocamp = np.concatenate(parts["camp"])
    ooffer = np.concatenate(parts["offer"])
    irow = np.concatenate(items["row"])
    ipidx = np.concatenate(items["pidx"])
    iqty = np.concatenate(items["qty"]).astype("int64")
    iprice = pprice[ipidx]
    m = len(oc)
    ogross = np.round(np.bincount(irow, weights=iqty * iprice, minlength=m)).astype("int64")
    olines = np.bincount(irow, minlength=m)

    # ---------------------------------------------------------------- discounts
    rng = _rng(seed, 7)
    discount = np.zeros(m)
    first = okind == "first"
    discount[first & (ogross >= 30_000)] = 5_000
    offer_name = np.array(list(OFFERS) + [""])[np.where(ooffer >= 0, ooffer, len(OFFERS))]
    discount = np.where(offer_name == "discount_10", np.round(0.1 * ogross, -1), discount)
    discount = np.where(offer_name == "free_shipping", 3_000, discount)
    discount = np.where(
        (offer_name == "bundle") & (olines >= 2), np.round(0.15 * ogross, -1), discount
    )
    points = (~first) & (ocamp < 0) & (okind != "wholesale") & (rng.random(m) < 0.08)
    discount = np.where(points, 1000 * rng.integers(1, 6, m), discount)
    discount = np.minimum(discount, np.floor(ogross / 2)).astype("int64")
    amount = ogross - discount
    status = np.where(np.isin(okind, ["cancelled", "returned"]), okind, "completed")
    o_ord = np.lexsort((np.arange(m), ot))
    new_id = np.empty(m, dtype="int64")
    new_id[o_ord] = np.arange(1, m + 1)
    cm = oc >= 0

    # ---------------------------------------------------------------- devices
    rng = _rng(seed, 8)
    # loyal segments use the app more (device is selected, not a cause)
    dev_p = np.array([[0.5, 0.2, 0.3], [0.36, 0.24, 0.4], [0.26, 0.26, 0.48], [0.16, 0.3, 0.54]])
    prim_dev = _categorical(rng, dev_p[cu["segment"]])
    has_second = rng.random(n) < 0.3
    sec_dev = (prim_dev + rng.integers(1, 3, n)) % 3
    sec_start = cu["first_t"] + rng.random(n) * (end_alive - cu["first_t"])
    use_sec = np.zeros(m, dtype=bool)
    use_sec[cm] = has_second[oc[cm]] & (ot[cm] > sec_start[oc[cm]]) & (rng.random(cm.sum()) < 0.45)
    c0 = np.maximum(oc, 0)
    odev = np.where(cm, np.where(use_sec, sec_dev[c0], prim_dev[c0]), -1)
    odev[~cm] = rng.choice(3, size=(~cm).sum(), p=[0.15, 0.3, 0.55])
    p_src_buy = np.array([0.36, 0.20, 0.14, 0.08, 0.10, 0.12])
    osrc = rng.choice(len(SOURCES), size=m, p=p_src_buy)
    osrc[ocamp >= 0] = SOURCES.index("crm")
    osrc[(ocamp < 0) & (osrc == SOURCES.index("crm"))] = SOURCES.index("direct")

    # ---------------------------------------------------------------- reviews
    rng = _rng(seed, 9)
    quality = prod["quality"].to_numpy()
    qz = (quality - quality.mean()) / quality.std()
    lc = oc[irow]
    can_review = (status[irow] == "completed") & (lc >= 0) & (okind[irow] != "wholesale")
    exp_goods = prod["goods_type"].to_numpy() == "experience"
    is_exp = exp_goods[ipidx]
    rev = can_review & (rng.random(len(irow)) < np.where(is_exp, 0.14, 0.10))
    rv_rows = np.flatnonzero(rev)
    q = quality[ipidx[rv_rows]]
    sd = np.where(is_exp[rv_rows], 1.3, 0.55)
    mu = np.where(is_exp[rv_rows], q - 0.2, q)
    rating = np.clip(np.round(mu + rng.normal(0, 1, len(rv_rows)) * sd), 1, 5).astype("int64")
    rev_t = ot[irow[rv_rows]] + rng.uniform(3, 21, len(rv_rows))
    keep_rev = rev_t < N_DAYS
    rv_rows, rating, rev_t = rv_rows[keep_rev], rating[keep_rev], rev_t[keep_rev]
    rp = ipidx[rv_rows]
    ro = np.lexsort((rev_t, rp))
    rkey = rp[ro] * 4096.0 + rev_t[ro]
    rcum = np.r_[0.0, np.cumsum(rating[ro])]
    review_on = "review_effect" not in off

    def conversion(p: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Purchase probability of a session viewing product p at time t (reviews before t)."""
        lo = np.searchsorted(rkey, p * 4096.0)
        hi = np.searchsorted(rkey, p * 4096.0 + t)
        nb = hi - lo
        mean = (rcum[hi] - rcum[lo]) / np.maximum(nb, 1)
        g = np.where(exp_goods[p], 1.0, SEARCH_REVIEW_SHARE) * review_on
        x = (
            _logit(np.array(BASE_CONVERSION))
            + QUALITY_CONVERSION * qz[p]
            + g
            * (REVIEW_COUNT_EFFECT * np.log1p(nb) + REVIEW_RATING_EFFECT * (mean - 4) * (nb > 0))
        )
        return _sigmoid(x)

    # ---------------------------------------------------------------- sessions
    rng = _rng(seed, 10)
    cat_of = pd.Categorical(prod["category"], categories=CATEGORIES).codes
    first_line = np.r_[True, irow[1:] != irow[:-1]]
    first_prod = np.full(m, -1)
    first_prod[irow[first_line]] = ipidx[first_line]
    n_vis = int(round(0.8 * n))
    vis_int = rng.dirichlet(np.full(len(CATEGORIES), 0.5), size=n_vis)
    vis_dev = rng.choice(3, size=n_vis, p=[0.05, 0.3, 0.65])
    # (A) purchase sessions, one per order
    a_t = ot - rng.uniform(3, 45, m) / 1440
    # (B) product views that did not buy, generated around each purchase of the product so that
    # the product's conversion at that time is conversion(p, t); stored 1 in SESSION_SAMPLE
    c = conversion(first_prod, ot)
    nv = rng.poisson((1 - c) / c / SESSION_SAMPLE)
    vo = np.repeat(np.arange(m), nv)
    b_t = np.maximum(ot[vo] - rng.uniform(0.02, 20, len(vo)), 0.01)
    b_own = (rng.random(len(vo)) < 0.5) & cm[vo]
    b_vis = rng.integers(0, n_vis, len(vo))
    b_cust = np.where(b_own, oc[vo], -1)
    b_first = cu["first_t"][np.maximum(b_cust, 0)]
    b_pre = b_own & (b_t < b_first)
    b_t = np.where(b_pre, np.maximum(np.minimum(b_t, b_first - 0.05), 0.001), b_t)
    # (C) customers' browsing without a product, while alive; (D) visitors' browsing
    n_orders_c = np.bincount(oc[cm], minlength=n)
    dev_fac = np.array([0.7, 1.0, 1.6])
    nc_ = rng.poisson(0.5 * dev_fac[prim_dev] * n_orders_c + 0.2)
    c_cust = np.repeat(np.arange(n), nc_)
    c_t = cu["first_t"][c_cust] + rng.random(len(c_cust)) * (
        end_alive[c_cust] - cu["first_t"][c_cust]
    )
    nd = rng.poisson(0.4, n_vis)
    d_vis = np.repeat(np.arange(n_vis), nd)
    d_t = rng.random(len(d_vis)) * (N_DAYS - 0.02)
    # (E) campaign click sessions (kept in full, weight 1)
    e_cust, e_t, e_camp = camp["clicks"]
    e_cust = e_cust.astype("int64")
    e_t = np.minimum(e_t, N_DAYS - 0.01)

    n_a, n_b, n_c, n_d, n_e = m, len(vo), len(c_cust), len(d_vis), len(e_cust)
    g_rows = np.flatnonzero(~cm)
    guest_cookie = np.full(m, -1)
    guest_cookie[g_rows] = 2 * n + n_vis + np.arange(len(g_rows))

    def cust_cookie(cust, t, u):
        sec = has_second[cust] & (t > sec_start[cust]) & (u < 0.45)
        return np.where(sec, n + cust, cust), np.where(sec, sec_dev[cust], prim_dev[cust])

    b_ck, b_dev = cust_cookie(np.maximum(b_cust, 0), b_t, rng.random(n_b))
    b_ck = np.where(b_pre, np.maximum(b_cust, 0), b_ck)
    b_dev = np.where(b_pre, prim_dev[np.maximum(b_cust, 0)], b_dev)
    b_ck = np.where(b_own, b_ck, 2 * n + b_vis)
    b_dev = np.where(b_own, b_dev, vis_dev[b_vis])
    b_cust = np.where(b_pre, -1, b_cust)
    c_ck, c_dev = cust_cookie(c_cust, c_t, rng.random(n_c))
    e_ck, e_dev = cust_cookie(e_cust, e_t, rng.random(n_e))
    a_ck = np.where(cm, np.where(use_sec, n + c0, c0), guest_cookie)

    s_cookie = np.concatenate([a_ck, b_ck, c_ck, 2 * n + d_vis, e_ck])
    s_cust = np.concatenate([np.where(cm, oc, -1), b_cust, c_cust, np.full(n_d, -1), e_cust])
    s_t = np.concatenate([a_t, b_t, c_t, d_t, e_t])
    s_dev = np.concatenate([odev, b_dev, c_dev, vis_dev[d_vis], e_dev])
    n_s = len(s_t)
    kind = np.repeat(np.arange(5), [n_a, n_b, n_c, n_d, n_e])
    buy = kind == 0
    p_src_browse = np.array([0.25, 0.26, 0.17, 0.25, 0.07, 0.0])
    p_src_anon = np.array([0.12, 0.30, 0.25, 0.26, 0.07, 0.0])
    s_src = np.where(
        s_cust >= 0,
        rng.choice(len(SOURCES), size=n_s, p=p_src_browse),
        rng.choice(len(SOURCES), size=n_s, p=p_src_anon),
    )
    s_src[buy] = osrc
    s_src[kind == 4] = SOURCES.index("crm")
    s_camp = np.full(n_s, -1)
    s_camp[buy] = np.where(osrc == SOURCES.index("crm"), ocamp, -1)
    s_camp[kind == 4] = e_camp
    # viewed product and category
    e_view = rng.random(n_e) < 0.7
    e_cat = cu["interests"][e_cust].argmax(axis=1) if n_e else np.zeros(0, dtype="int64")
    e_prod = np.full(n_e, -1)
    for ci in range(len(CATEGORIES)):
        ids = np.flatnonzero(cat_of == ci)
        sel = np.flatnonzero(e_view & (e_cat == ci))
        e_prod[sel] = ids[rng.integers(0, len(ids), len(sel))]
    c_cat = _categorical(rng, cu["interests"][c_cust]) if n_c else np.zeros(0, dtype="int64")
    d_cat = _categorical(rng, vis_int[d_vis]) if n_d else np.zeros(0, dtype="int64")
    s_prod = np.concatenate([first_prod, first_prod[vo], np.full(n_c + n_d, -1), e_prod])
    s_cat = np.concatenate([cat_of[first_prod], cat_of[first_prod[vo]], c_cat, d_cat, e_cat])
    viewed = s_prod >= 0
    cart_p = np.array([0.07, 0.06, 0.045])[np.maximum(s_dev, 0)]
    s_cart = buy | (viewed & (rng.random(n_s) < cart_p))
    s_pages = np.where(
        buy,
        3 + rng.poisson(7, n_s),
        np.where(viewed, 2 + rng.poisson(3, n_s), 1 + rng.poisson(0.8, n_s)),
    )
    s_weight = np.where((kind == 0) | (kind == 4), 1.0, float(SESSION_SAMPLE))
    s_order = np.where(buy, np.arange(n_s), -1)

    # second-device cookies: the first session there is anonymous (login comes later)
    sec_cookie = (s_cookie >= n) & (s_cookie < 2 * n)
    ordr = np.lexsort((np.arange(n_s), s_t, s_cookie))
    rank_ck = np.empty(n_s, dtype="int64")
    rank_ck[ordr] = _rank_within(s_cookie[ordr])
    s_cust = np.where(sec_cookie & (rank_ck == 0) & ~buy, -1, s_cust)

    s_ord = np.lexsort((np.arange(n_s), s_t))
    first_seen = np.full(s_cookie.max() + 1, np.inf)
    np.minimum.at(first_seen, s_cookie, s_t)
    used = np.flatnonzero(np.isfinite(first_seen))
    ck_ord = used[np.lexsort((used, first_seen[used]))]
    ck_id = np.zeros(s_cookie.max() + 1, dtype="int64")
    ck_id[ck_ord] = np.arange(1, len(ck_ord) + 1)

    cust_id = np.arange(1, n + 1)

    def cid(idx: np.ndarray) -> pd.Series:
        idx = np.asarray(idx)
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
                np.where(buy, new_id[np.maximum(s_order, 0) % m], 0), dtype="Int64"
            ).mask(~buy),
            "weight": s_weight,
            "campaign_id": cid(s_camp),
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
            "quantity": iqty,
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

    # ---------------------------------------------------------------- campaigns
    asg = camp["assign"]
    a_k = asg["k"].to_numpy()
    a_c = asg["cust"].to_numpy()
    sent_of = np.array([_campaign_sent(k) for k in range(N_CAMPAIGNS)])
    a_sent = sent_of[a_k]
    done = np.flatnonzero(cm & (status == "completed"))
    done = done[np.lexsort((ot[done], oc[done]))]
    dkey = oc[done] * 4096.0 + ot[done]
    dcum = np.r_[0, np.cumsum(amount[done])]
    lo = np.searchsorted(dkey, a_c * 4096.0 + a_sent)
    hi = np.searchsorted(dkey, a_c * 4096.0 + a_sent + WINDOW_DAYS)
    converted = hi > lo
    revenue = (dcum[hi] - dcum[lo]).astype("int64")
    resp_order = np.where(converted, new_id[done[np.minimum(lo, len(done) - 1)]], 0)
    campaign_assignments = pd.DataFrame(
        {
            "campaign_id": a_k + 1,
            "customer_id": a_c + 1,
            "holdout": asg["holdout"].to_numpy(),
            "treated": asg["treated"].to_numpy(),
            "channel": asg["channel"],
            "offer": asg["offer"],
            "content": asg["content"],
            "converted": converted,
            "revenue": revenue,
            "opted_out": asg["opted_out"].to_numpy(),
        }
    )
    uplift_truth = pd.DataFrame(
        {
            "campaign_id": a_k + 1,
            "customer_id": a_c + 1,
            "p_control": np.round(asg["p_control"].to_numpy(), 5),
            "p_treated": np.round(asg["p_treated"].to_numpy(), 5),
            "true_uplift": np.round(asg["p_treated"].to_numpy(), 5)
            - np.round(asg["p_control"].to_numpy(), 5),
            "uplift_type": asg["uplift_type"],
            "content_uplift": np.round(asg["content_uplift"].to_numpy(), 5),
            "pulled_forward": asg["pulled_forward"].to_numpy(),
            "left_at_contact": asg["left_at_contact"].to_numpy(),
        }
    )
    uplift_truth["true_uplift"] = uplift_truth["true_uplift"].round(5)
    tr = asg["treated"].to_numpy()
    campaign_contacts = pd.DataFrame(
        {
            "campaign_id": (a_k + 1)[tr],
            "customer_id": (a_c + 1)[tr],
            "sent_at": _timestamps(a_sent[tr]),
            "channel": asg["channel"][tr].to_numpy(),
            "offer": asg["offer"][tr].to_numpy(),
            "responded": converted[tr],
            "response_order_id": pd.Series(resp_order[tr], dtype="Int64").mask(~converted[tr]),
        }
    )
    costs = np.array([CONTACT_COST[c] for c in CAMPAIGN_CHANNELS])
    ch_idx = pd.Categorical(asg["channel"][tr], categories=CAMPAIGN_CHANNELS).codes
    cost_k = np.bincount(a_k[tr], weights=costs[ch_idx], minlength=N_CAMPAIGNS) / np.maximum(
        np.bincount(a_k[tr], minlength=N_CAMPAIGNS), 1
    )
    campaigns = pd.DataFrame(
        {
            "campaign_id": np.arange(1, N_CAMPAIGNS + 1),
            "sent_at": _timestamps(sent_of),
            "eligibility": "consent, bought before, not opted out",
            "treat_share": [_treat_share(k) for k in range(N_CAMPAIGNS)],
            "content_test": np.arange(1, N_CAMPAIGNS + 1) >= CONTENT_TEST_FROM,
            "cost_per_contact": np.round(cost_k).astype("int64"),
        }
    )

    # ---------------------------------------------------------------- tickets
    rng = _rng(seed, 12)
    rest = _draw_tickets(
        rng, status[n_proc:], cu["service_quality"][np.maximum(oc[n_proc:], 0)], cm[n_proc:]
    )
    flag, topic_i, rfc, hours, delay = (np.r_[a, b] for a, b in zip(p_ticket, rest, strict=True))
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
    tcust = oc[tk]
    n_unresolved = np.bincount(tcust[~rfc], minlength=n)

    # ---------------------------------------------------------------- surveys
    rng = _rng(seed, 13)
    comp = np.flatnonzero(cm & (status == "completed") & (okind != "wholesale"))
    comp = comp[np.lexsort((ot[comp], oc[comp]))]
    cnt = np.bincount(oc[comp], minlength=n)
    starts = np.r_[0, np.cumsum(cnt)[:-1]]
    sat_all = cu["sat"]
    sat_mean = sat_all.mean(axis=1) / sat_all.mean(axis=1).std()
    a0, a1 = SURVEY_RESPONSE
    resp_p = _sigmoid(a0 + a1 * sat_mean * ("survey_nonresponse" not in off))
    chosen = np.flatnonzero((rng.random(n) < resp_p) & (cnt > 0))
    pick = comp[starts[chosen] + np.floor(rng.random(len(chosen)) * cnt[chosen]).astype("int64")]
    sv_t = ot[pick] + rng.uniform(3, 14, len(chosen))
    okv = sv_t < N_DAYS
    chosen, sv_t = chosen[okv], sv_t[okv]
    # unresolved tickets before the survey lower the after-sales answer directly (no recovery
    # effect: a ticket resolved at first contact changes nothing)
    sv_of = np.full(n, -1.0)
    sv_of[chosen] = sv_t
    before = (sv_of[tcust] > tk_t) & ~rfc
    n_unres = np.bincount(tcust[before], minlength=n)[chosen]
    sat = sat_all[chosen]
    noise = rng.normal(0, 0.55, sat.shape)
    shift = np.zeros_like(sat)
    shift[:, 2] = -0.45 * np.minimum(n_unres, 2)
    scores = np.clip(np.round(np.asarray(ELEMENT_MEANS) + 0.9 * sat + noise + shift), 1, 5).astype(
        "int64"
    )
    adv = cu["advocacy"][chosen]
    nps = np.clip(np.round(7.0 + 1.5 * adv + rng.normal(0, 1.1, len(chosen))), 0, 10).astype(
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
    mem_p = np.array([0.45, 0.22, 0.07, 0.02])[cu["segment"]]
    lag = rng.exponential(60, n)
    start_day = cu["first_t"] + lag
    st_ts = _timestamps(start_day)
    start_month = ((st_ts.dt.year - 2022) * 12 + st_ts.dt.month).to_numpy()  # next month start
    u_mem = rng.random(n)
    is_mem = (u_mem < mem_p) & (start_month <= 35) & (start_day < end_alive)
    mi = np.flatnonzero(is_mem)
    plan = np.where(
        rng.random(len(mi)) < np.where(cu["segment"][mi] == 0, 0.5, 0.25), "plus", "basic"
    )
    lrate = np.log(cu["rate"])
    engagement = (lrate - lrate.mean()) / lrate.std()
    behaviour = "membership_behaviour" not in off
    hazard = _sigmoid(
        np.array([MEMBER_LOGIT[p_] for p_ in plan])
        + behaviour
        * (
            MEMBER_ENGAGEMENT * engagement[mi]
            + MEMBER_TICKETS * np.minimum(n_unresolved[mi], 3)
            + MEMBER_SATISFACTION * sat_mean[mi]
        )
        + MEMBER_NOISE * rng.normal(size=len(mi))
    )
    months_paid = rng.geometric(hazard)
    sm = start_month[mi].astype("int64")
    leave_ts = _timestamps(churn_t[mi])
    leave_month = np.where(
        np.isfinite(churn_t[mi]),
        ((leave_ts.dt.year - 2022) * 12 + leave_ts.dt.month).fillna(0).to_numpy(),
        10_000,
    ).astype("int64")  # first month start after leaving the shop
    em_ = np.minimum(sm + months_paid, np.maximum(leave_month, sm + 1))
    left = (leave_month < sm + months_paid) & (em_ < 36)
    cancelled = em_ < 36
    month_start = pd.date_range(START, periods=36 + 400, freq="MS")
    mem_churn = np.full(n, np.nan)
    mem_churn[mi] = hazard
    memberships = pd.DataFrame(
        {
            "customer_id": mi + 1,
            "plan": plan,
            "monthly_fee": np.array([PLANS[p_] for p_ in plan], dtype="int64"),
            "started_at": month_start[sm],
            "ended_at": pd.Series(month_start[np.minimum(em_, len(month_start) - 1)]).mask(
                ~cancelled
            ),
            "cancel_reason": np.where(left, "left_shop", np.where(cancelled, "cancelled", "")),
        }
    )
    mo_ = np.lexsort((mi, sm))
    memberships = memberships.iloc[mo_].reset_index(drop=True)
    # monthly usage of every paid month; sessions fall in the 3 months before a cancellation
    paid_end = np.minimum(em_, 36)
    u_len = paid_end - sm
    u_mem_i = np.repeat(np.arange(len(mi)), u_len)
    u_month = _ranges(sm, paid_end)
    to_end = em_[u_mem_i] - u_month  # 1 = last paid month
    decline = np.ones(len(u_month))
    if behaviour:
        for j, f in enumerate(reversed(USAGE_DECLINE)):
            decline[(to_end == j + 1) & (cancelled & ~left)[u_mem_i]] = f
    mu_s = 3.0 + 30.0 * cu["rate"][mi][u_mem_i]
    u_sessions = rng.poisson(mu_s * decline)
    om = _timestamps(ot)
    o_month = ((om.dt.year - 2022) * 12 + om.dt.month - 1).to_numpy()
    okey = np.where(cm & (status == "completed"), oc * 64 + o_month, -1)
    okey = okey[okey >= 0]
    u_orders = np.bincount(okey, minlength=n * 64)[mi[u_mem_i] * 64 + u_month]
    uo = np.lexsort((u_month, mi[u_mem_i]))
    membership_usage = pd.DataFrame(
        {
            "customer_id": mi[u_mem_i][uo] + 1,
            "month": month_start[u_month[uo]],
            "sessions": u_sessions[uo].astype("int64"),
            "orders": u_orders[uo].astype("int64"),
        }
    )

    # ---------------------------------------------------------------- customers & truth
    opt_t = camp["opt_t"]
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
            "opted_out_at": _timestamps(np.where(opt_t < N_DAYS, opt_t, np.nan)),
        }
    )
    truth = pd.DataFrame(
        {
            "customer_id": cust_id,
            "latent_segment": np.array(SEGMENTS)[cu["segment"]],
            "purchase_rate": np.round(cu["rate"], 6),
            "dropout_prob": np.round(cu["dropout"], 6),
            "spend_scale": np.round(cu["spend"], 0).astype("int64"),
            "churned_at": _timestamps(churn_t).where(np.isfinite(churn_t)),
        }
    )
    for j, e in enumerate(ELEMENTS):
        truth[f"sat_{e}"] = np.round(cu["sat"][:, j], 4)
    truth["service_quality"] = np.round(cu["service_quality"], 4)
    truth["advocacy"] = np.round(cu["advocacy"], 4)
    truth["top_interest"] = np.array(CATEGORIES)[cu["interests"].argmax(axis=1)]
    for j, c_ in enumerate(CATEGORIES):
        truth[f"interest_{c_}"] = np.round(cu["interests"][:, j], 4)
    truth["membership_churn_prob"] = np.round(mem_churn, 6)
    truth["primary_device"] = np.array(DEVICES)[prim_dev]
    is_proc_order = np.isin(okind, ["first", "process"]) | (
        (okind == "campaign") & (np.arange(m) < n_proc)
    )
    truth["n_process_purchases"] = np.bincount(oc[is_proc_order], minlength=n)
    truth["churned_after_ticket"] = proc["ticket_churn"] & ~np.isin(
        cust_id - 1, a_c[asg["left_at_contact"].to_numpy()]
    )
    truth["promo_sensitivity"] = np.round(cu["sensitivity"], 4)
    for j, f in enumerate(LIFESTYLE):
        truth[f"lifestyle_{f}"] = np.round(cu["lifestyle"][:, j], 4)
    truth["early_dropout"] = proc["early"]
    truth["membership_hazard"] = np.round(mem_churn, 6)
    truth["survey_response_prob"] = np.round(resp_p, 4)
    truth["interest_concentration"] = np.round((cu["interests"] ** 2).sum(axis=1), 4)
    truth["preferred_style"] = np.array(STYLES)[cu["style_pref"].argmax(axis=1)]
    truth["universal_holdout"] = camp["holdout"]
    truth["left_at_campaign"] = np.isin(cust_id - 1, a_c[asg["left_at_contact"].to_numpy()])

    complements = pd.DataFrame(
        {
            "main_product_id": acc["main"].to_numpy() + 1,
            "accessory_product_id": acc["acc"].to_numpy() + 1,
            "p_same_order": acc["p_same_order"].to_numpy(),
            "p_within_30d": acc["p_within_30d"].to_numpy(),
        }
    )
    products_truth = pd.DataFrame(
        {
            "product_id": prod["product_id"],
            "quality": np.round(quality, 4),
            "is_main": np.bincount(acc["main"], minlength=len(prod)) > 0,
            "is_accessory": np.bincount(acc["acc"], minlength=len(prod)) > 0,
            "n_reviews": np.bincount(rp, minlength=len(prod)).astype("int64"),
        }
    )
    products = prod.drop(columns=["quality", "brand_no"]).copy()

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
        "campaigns": campaigns,
        "campaign_assignments": campaign_assignments,
        "uplift_truth": uplift_truth,
        "complements": complements,
        "membership_usage": membership_usage,
        "products_truth": products_truth,
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
