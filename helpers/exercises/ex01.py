"""Exercises of notebook 01 (Loyalty economics): the +5-point retention effect, break-even tenure
at a higher online acquisition cost, the loyalty ratio on the shop data, and CDNOW's repeat rate.

Expected answers are computed with :mod:`helpers.loyalty` from the parameters or data the question
names, never typed in. Hints recognise the usual wrong turns (relative instead of absolute points,
forgetting discounting or the acquisition cost, counting rows as purchases, rounding too far, ...).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from helpers.checks import as_number, exercise
from helpers.loyalty import (
    CohortModel,
    break_even_months,
    loyalty_ratio,
    repeat_purchase_rate,
    retention_effect,
)

EX1_MODEL = dict(
    retention=0.80, acquisition_cost=150.0, base_profit=45.0, margin_growth=0.05, discount_rate=0.12
)
"""Exercise 01.1's parameters (everything else at the CohortModel defaults)."""

EX2_MARKUP = 0.30
"""Exercise 01.2: online acquisition costs 30% more than the notebook's base model."""

SHOP_AS_OF = "2025-01-01"
"""Analysis date of the shop data (the day after its last order)."""

EX3_LATE = (18, 24)
"""Exercise 01.3: the later window, tenure months 18–23 (end month excluded, as in loyalty_ratio)."""

EX4_WINDOW_DAYS = 365
"""Exercise 01.4: repeat purchases within a year of the first purchase."""


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def _rounded_too_far(value: float, expected: float, tol: float, digits: str) -> str | None:
    """A hint for an answer that is right but rounded more than the tolerance allows."""
    if _close(value, expected, 10 * tol):
        return f"close, but rounded too much: give {digits} (the check allows ±{tol:g})."
    return None


# --- 01.1 -----------------------------------------------------------------------------------


@cache
def _ex1() -> dict[str, float]:
    m = CohortModel(**EX1_MODEL)
    up = m.replace(retention=m.retention + 0.05)
    rel = m.replace(retention=m.retention * 1.05)
    gross = m.replace(acquisition_cost=0.0)
    return {
        "effect": 100 * retention_effect(m),
        "relative_5pct": 100 * (rel.npv_per_customer() / m.npv_per_customer() - 1),
        "abs_change": up.npv_per_customer() - m.npv_per_customer(),
        "ratio": 100 * up.npv_per_customer() / m.npv_per_customer(),
        "gross": 100 * retention_effect(gross),
        "cohort_abs": up.npv() - m.npv(),
        "notebook_base": 100 * retention_effect(CohortModel()),
    }


@exercise(
    "01.1",
    "By what percentage does the NPV per acquired customer rise when retention goes from 80% to "
    "85% (exercise parameters)? Give a percentage such as 41.5.",
    success="Five points of retention add far more than 5% to profit: the extra survivors are the "
    "customers who are already profitable, and the acquisition cost is paid only once.",
)
def _retention_effect(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex1()
    if _close(value, e["effect"], 0.05):
        return None
    if _close(100 * value, e["effect"], 0.05):
        return "you gave a fraction; the question asks for a percentage (0.415 → 41.5)."
    if _close(value, e["relative_5pct"], 0.05) or _close(100 * value, e["relative_5pct"], 0.05):
        return (
            "you raised retention by 5 *percent* (0.80 × 1.05 = 0.84). The claim is about 5 "
            "percentage *points*: 0.80 → 0.85."
        )
    if _close(value, e["ratio"], 0.05) or _close(value, e["ratio"] / 100, 0.0005):
        return "that is the ratio new NPV / old NPV; the increase is the ratio minus 1 (in %)."
    if _close(value, e["abs_change"], 0.05) or _close(value, e["cohort_abs"], 0.5):
        return "that is the change in NPV in thousand KRW; divide it by the base NPV for the % increase."
    if _close(value, e["gross"], 0.05) or _close(100 * value, e["gross"], 0.05):
        return (
            "you left out the acquisition cost. Profit is net of what the customer cost to win; "
            "set acquisition_cost=150 as the question says."
        )
    if _close(value, e["notebook_base"], 0.05):
        return (
            "that is the notebook's base case (BASE); build the model with this firm's parameters."
        )
    rounded = _rounded_too_far(value, e["effect"], 0.05, "one decimal, e.g. 41.5")
    if rounded:
        return rounded
    return (
        "build CohortModel(retention=0.80, acquisition_cost=150, base_profit=45, "
        "margin_growth=0.05, discount_rate=0.12) and compare its NPV per customer with the same "
        "model at retention 0.85 (or use retention_effect)."
    )


# --- 01.2 -----------------------------------------------------------------------------------


@cache
def _ex2() -> dict[str, float]:
    m = CohortModel()
    cost = m.acquisition_cost * (1 + EX2_MARKUP)
    return {
        "months": break_even_months(m, cost),
        "baseline": break_even_months(m),
        "undiscounted": break_even_months(m.replace(discount_rate=0.0), cost),
        "expected": break_even_months(m, cost, expected=True),
        "plus30": break_even_months(m, m.acquisition_cost + 30),
        "plus20": break_even_months(m, m.acquisition_cost * 1.2),
        "plus40": break_even_months(m, m.acquisition_cost * 1.4),
    }


@exercise(
    "01.2",
    "With the notebook's base model, after how many months does a customer who stays pay back an "
    "acquisition cost 30% above the base cost? Give a whole number of months.",
    success="Dearer acquisition online means a longer wait before a customer turns profitable: "
    "retention is what makes the wait worth it.",
)
def _break_even(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex2()
    if _close(value, e["months"], 0.01):
        return None
    if _close(value * 12, e["months"], 0.6):
        return "you gave years; the question asks for months."
    if _close(value, e["baseline"], 0.01):
        return "that is the break-even at the base cost; raise the acquisition cost by 30% (× 1.3)."
    if _close(value, e["plus30"], 0.01) and e["plus30"] != e["months"]:
        return "30% more means × 1.3, not + 30 thousand KRW."
    if _close(value, e["undiscounted"], 0.01):
        return "you did not discount: money earned in year 3 is worth less today (discount_rate)."
    if _close(value, e["expected"], 0.01):
        return (
            "you weighted the profit by the chance of still being a customer. Break-even tenure "
            "asks how long a customer must *stay*: use the default expected=False."
        )
    if _close(value, e["plus20"], 0.01) or _close(value, e["plus40"], 0.01):
        return (
            "that is the +20% or +40% row of the notebook's table; +30% lies between them and "
            "has to be computed, not read off."
        )
    return (
        "use break_even_months(CohortModel(), acquisition_cost) with the acquisition cost of the "
        "base model times 1.3."
    )


# --- 01.3 -----------------------------------------------------------------------------------


@cache
def _shop_orders():
    """The shop's orders cleaned the workbook's standard way (as in the notebook), signups."""
    from helpers.cleaning import clean_shop_orders
    from helpers.data import load_shop

    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    return orders, shop.customers.set_index("customer_id")["signup_date"]


@cache
def _ex3() -> dict[str, float]:
    orders, signup = _shop_orders()
    late = EX3_LATE

    def ratio(**kwargs) -> float:
        kwargs = {"start": signup, "late": late, **kwargs}
        return float(loyalty_ratio(orders, as_of=SHOP_AS_OF, **kwargs)["ratio"])

    return {
        "ratio": ratio(),
        "everyone": ratio(stayers_only=False),
        "first_purchase": ratio(start=None),
        "months_24_29": ratio(late=(24, 30)),
        "end_included": ratio(late=(late[0], late[1] - 1)),
    }


@exercise(
    "01.3",
    "On the shop's cleaned orders, for customers who stay (tenure from signup, with an order in "
    "months 18–23): how many times their months 0–5 spend do they spend in tenure months "
    "18–23? Give the ratio with at least two decimals, e.g. 2.13.",
    success="Halfway to the slide's months 24–30 the stayers already spend more than twice as "
    "much as in their first six months, and the ratio keeps growing with tenure.",
)
def _loyalty_ratio(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex3()
    if _close(value, e["ratio"], 0.005):
        return None
    if _close(value, e["months_24_29"], 0.005):
        return (
            "that is the notebook's ratio for months 24–29; this question asks about months "
            "18–23: pass late=(18, 24)."
        )
    if _close(value, e["end_included"], 0.005):
        return (
            "you left out month 23: a window (first, end) excludes its end month, so months "
            "18–23 are late=(18, 24)."
        )
    if _close(value, 1 / e["ratio"], 0.005):
        return "you divided early by late spend; the ratio is late (months 18–23) over early (months 0–5)."
    if _close(value, e["everyone"], 0.005):
        return (
            "you kept every customer observed for 24 months, including those who had lapsed by "
            "month 18. The question is about customers who *stay*: keep only those with an "
            "order in months 18–23 (stayers_only=True, the default)."
        )
    if _close(value, e["first_purchase"], 0.005):
        return "you measured tenure from the first purchase; the question counts it from signup (start=...)."
    rounded = _rounded_too_far(value, e["ratio"], 0.005, "at least two decimals, e.g. 2.13")
    if rounded:
        return rounded
    return (
        "use loyalty_ratio(orders, start=signup, late=(18, 24), as_of=...) on the cleaned orders "
        "and read its 'ratio'."
    )


# --- 01.4 -----------------------------------------------------------------------------------


@cache
def _ex4() -> dict[str, float]:
    from helpers.data import load_cdnow

    tx = load_cdnow("master")
    days = repeat_purchase_rate(tx, within_days=EX4_WINDOW_DAYS, date_col="date")
    anytime = repeat_purchase_rate(tx, date_col="date")
    lines = float((tx.groupby("customer_id").size() >= 2).mean())
    return {
        "rate": float(days["repeat_rate"].iloc[0]),
        "anytime": float(anytime["repeat_rate"].iloc[0]),
        "lines": lines,
    }


@exercise(
    "01.4",
    "What share of CDNOW's customers made a repeat purchase within 365 days of their first "
    "purchase? Give a share between 0 and 1 with at least three decimals, e.g. 0.512.",
    success="Fewer than half of the customers ever come back within a year: the first repeat "
    "purchase is the bottleneck of an online store's loyalty.",
)
def _repeat_rate(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex4()
    if _close(value, e["rate"], 0.0005):
        return None
    if _close(value / 100, e["rate"], 0.0005):
        return "you gave a percentage; the question asks for a share between 0 and 1."
    if _close(value, e["lines"], 0.0005):
        return (
            "you counted rows: a CDNOW customer can have several rows on the same day, and "
            "they are one purchase. Count distinct purchase days."
        )
    if _close(value, e["anytime"], 0.0005):
        return "you counted repeat purchases at any time up to mid-1998; keep only those within 365 days."
    rounded = _rounded_too_far(value, e["rate"], 0.0005, "at least three decimals, e.g. 0.512")
    if rounded:
        return rounded
    return "use repeat_purchase_rate(load_cdnow('master'), within_days=365, date_col='date')."
