"""Exercises of notebook 01 (Loyalty economics): the +5-point retention effect, break-even tenure
at a higher online acquisition cost, the loyalty ratio on the shop data (compute); a monthly cohort
table built by hand (build); the acquisition cost that makes +5 points worth 95% (decide); and the
flaw in reading the stayers' ratio as a forecast for every new customer (critique).

Expected answers are computed with :mod:`helpers.loyalty` from the parameters or data the question
names, never typed in. Hints recognise the usual wrong turns (relative instead of absolute points,
forgetting discounting or the acquisition cost, counting rows as purchases, rounding too far, ...).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_letter, as_number, exercise
from helpers.loyalty import (
    CohortModel,
    break_even_months,
    cohort_retention,
    loyalty_ratio,
    retention_effect,
    tenure_months,
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

EX4_COHORT = "2023-03"
"""Exercise 01.4: the signup month of the cohort built by hand."""
EX4_OFFSET = 6
"""Exercise 01.4: calendar months after the signup month."""

EX5_TARGET = 0.95
"""Exercise 01.5: the +5-point effect the manager wants to quote (the top of the slide's range)."""

EX6_CHOICES = ("a", "b", "c", "d")
"""Exercise 01.6: the letters of the multiple-choice critique."""


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def _rounded_too_far(value: float, expected: float, tol: float, digits: str) -> str | None:
    """A hint for an answer that is the expected value rounded to fewer decimals than allowed.

    Only a true rounding of the expected value (0–3 decimals) earns this hint: a nearby answer
    computed the wrong way (other data, other window) must get its own hint, not "round less".
    """
    if any(abs(value - round(expected, d)) < 1e-9 for d in range(4)) and not _close(
        value, expected, tol
    ):
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
        "only_retention": 100 * retention_effect(CohortModel(retention=EX1_MODEL["retention"])),
        "left_default": {
            name: 100
            * retention_effect(CohortModel(**{k: v for k, v in EX1_MODEL.items() if k != name}))
            for name in EX1_MODEL
            if name != "retention"
        },
    }


@exercise(
    "01.1",
    "By what percentage does the NPV per acquired customer rise when retention goes from 80% to "
    "85% (exercise parameters)? Give a percentage such as 41.5.",
    success="Five points of retention add far more than 5% to profit: the extra survivors are the "
    "customers who are already profitable, and the acquisition cost is paid only once.",
    expected=lambda: _ex1()["effect"],
    tolerance=0.05,
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
    if _close(value, -e["effect"], 0.05):
        return (
            "right size, wrong sign: more retention *raises* the NPV, so the change is positive "
            "(new NPV / old NPV − 1)."
        )
    if _close(value, e["only_retention"], 0.05):
        return (
            "you set only the retention; the firm also differs in acquisition cost (150), base "
            "profit (45), margin growth (0.05) and discount rate (0.12)."
        )
    for name, effect in e["left_default"].items():
        if _close(value, effect, 0.05):
            return (
                f"you left {name} at the CohortModel default; the question sets it to "
                f"{EX1_MODEL[name]:g}. Pass all five parameters."
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
    expected=lambda: int(_ex2()["months"]),
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
    if _close(value, e["months"] - e["baseline"], 0.01):
        return (
            "that is how many months *longer* than at the base cost; the question asks for the "
            "whole break-even tenure at the dearer cost."
        )
    if _close(abs(value - e["months"]), 1, 0.01):
        return (
            "one month off: the break-even tenure is the first whole month at whose end the "
            "cumulative discounted profit covers the cost; let break_even_months count it."
        )
    if value != round(value):
        return (
            "give a whole number of months: the break-even tenure is the first whole month at "
            "whose end the cumulative discounted profit covers the cost (break_even_months)."
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
        "early_1_5": ratio(early=(1, 6)),
        "uncleaned": _uncleaned_ratio(),
    }


def _uncleaned_ratio() -> float:
    """The 01.3 ratio on the raw orders (cancelled and returned kept): a usual slip."""
    from helpers.data import load_shop

    shop = load_shop()
    raw = shop.orders[shop.orders["customer_id"].notna()]
    signup = shop.customers.set_index("customer_id")["signup_date"]
    return float(loyalty_ratio(raw, start=signup, late=EX3_LATE, as_of=SHOP_AS_OF)["ratio"])


@exercise(
    "01.3",
    "On the shop's cleaned orders, for customers who stay (tenure from signup, with an order in "
    "months 18–23): how many times their months 0–5 spend do they spend in tenure months "
    "18–23? Give the ratio with at least two decimals, e.g. 2.13.",
    success="Compare it with the months 24–29 ratio and with everyone's: a stayers' ratio describes "
    "the customers chosen because they were still buying, not a typical new customer.",
    expected=lambda: _ex3()["ratio"],
    tolerance=0.005,
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
    if _close(value, e["uncleaned"], 0.0005):
        return (
            "you used the raw shop.orders, with cancelled and returned orders; use the cleaned "
            "`orders` of the notebook (clean_shop_orders), as the question says."
        )
    if _close(value, e["early_1_5"], 0.005):
        return (
            "you started the early window at month 1; the question compares with months 0–5 "
            "(the default early=(0, 6), signup month included)."
        )
    if _close(value / 100, e["ratio"], 0.005):
        return "give the ratio itself (e.g. 0.95), not a percentage."
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
    orders, signup = _shop_orders()
    monthly = cohort_retention(orders, start=signup, freq="M", as_of=SHOP_AS_OF)
    quarterly = cohort_retention(orders, start=signup, freq="Q", as_of=SHOP_AS_OF)
    row = monthly.loc[EX4_COHORT]
    cohort = signup[signup.dt.strftime("%Y-%m") == EX4_COHORT].index
    o = orders[orders["customer_id"].isin(cohort)]
    month = tenure_months(o["order_date"], signup.reindex(o["customer_id"]).set_axis(o.index))
    target = pd.Period(EX4_COHORT, "M") + EX4_OFFSET
    in_month = o["order_date"].dt.to_period("M") == target
    from helpers.data import load_shop

    raw = load_shop().orders
    raw = raw[raw["customer_id"].isin(cohort) & (raw["order_date"].dt.to_period("M") == target)]
    return {
        "uncleaned": float(raw["customer_id"].nunique() / len(cohort)),
        "share": float(row[EX4_OFFSET]),
        "previous": float(row[EX4_OFFSET - 1]),
        "next": float(row[EX4_OFFSET + 1]),
        "tenure_month": float(o.loc[month == EX4_OFFSET, "customer_id"].nunique() / len(cohort)),
        "rows": float(in_month.sum() / len(cohort)),
        "buyers": float(o.loc[in_month, "customer_id"].nunique()),
        "quarter_2": float(quarterly.loc["2023Q1", 2]),
        "cohort_size": float(len(cohort)),
    }


@exercise(
    "01.4",
    "Built by hand in pandas: what share of the shop's March-2023 signup cohort ordered in "
    "calendar month 6 after the signup month (September 2023)? A share 0–1, three decimals.",
    success="A cohort table is a pivot: distinct customers per cohort and offset, divided by the "
    "cohort size. Now you can build one for any shop, in pandas, SQL or a spreadsheet.",
    expected=lambda: _ex4()["share"],
    tolerance=0.0005,
)
def _cohort_by_hand(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex4()
    if _close(value, e["share"], 0.0005):
        return None
    if _close(value / 100, e["share"], 0.0005):
        return "you gave a percentage; the question asks for a share between 0 and 1."
    if _close(value, e["buyers"], 0.5):
        return (
            "that is the number of customers who ordered; divide it by the size of the March-2023 "
            f"cohort (all {e['cohort_size']:.0f} customers who signed up that month)."
        )
    if _close(value, e["rows"], 0.0005) and not _close(e["rows"], e["share"], 0.0005):
        return (
            "you counted orders (rows), not customers: a customer with two orders in September is "
            "one active customer. Use nunique() on customer_id."
        )
    if _close(value, e["tenure_month"], 0.0005):
        return (
            "you counted tenure months of 30.44 days from the signup day; a cohort table counts "
            "calendar months: offset = (year·12 + month of the order) − (year·12 + month of signup)."
        )
    if _close(value, e["uncleaned"], 0.0005) and not _close(e["uncleaned"], e["share"], 0.0005):
        return (
            "you counted the raw shop.orders, where a cancelled or returned order also makes a "
            "customer 'active'; use the cleaned `orders` of the notebook."
        )
    if _close(value, e["previous"], 0.0005) or _close(value, e["next"], 0.0005):
        return (
            "off by one month: offset 0 is the signup month itself (March), so offset 6 is "
            "September 2023."
        )
    if _close(value, e["quarter_2"], 0.0005):
        return (
            "that is the quarterly table's 2023Q1 cohort in quarter 2; the question asks for "
            "calendar *months* and the March-2023 cohort only."
        )
    rounded = _rounded_too_far(value, e["share"], 0.0005, "at least three decimals, e.g. 0.123")
    if rounded:
        return rounded
    return (
        "cohort = signup month, offset = calendar months from the signup month to the order "
        "month; count distinct customers of the March-2023 cohort with offset 6 and divide by "
        "the cohort size."
    )


# --- 01.5 -----------------------------------------------------------------------------------


def _cost_for(model: CohortModel, target: float, *, relative: bool = False) -> float:
    from scipy.optimize import brentq

    def gap(cost: float) -> float:
        m = model.replace(acquisition_cost=cost)
        if relative:
            up = m.replace(retention=m.retention * 1.05)
            return up.npv_per_customer() / m.npv_per_customer() - 1 - target
        return retention_effect(m) - target

    gross = model.npv_per_customer() + model.acquisition_cost
    return float(brentq(gap, 0.0, gross * 0.999))


@cache
def _ex5() -> dict[str, float]:
    base = CohortModel()
    cost = _cost_for(base, EX5_TARGET)
    return {
        "cost": cost,
        "relative": _cost_for(base, EX5_TARGET, relative=True),
        "cost_59": _cost_for(base, 0.597),
        "markup": cost / base.acquisition_cost - 1,
        "gross": base.npv_per_customer() + base.acquisition_cost,
    }


@exercise(
    "01.5",
    "Keeping every other parameter of BASE, at what acquisition cost (thousand KRW) do +5 points "
    "of retention raise the NPV per customer by exactly 95%? One decimal.",
    success="The effect is gross gain × leverage: only the leverage depends on the acquisition "
    "cost, so a firm can 'reach' 95% simply by being expensive to acquire customers for. No cost "
    "gives 25%: even with free acquisition the effect is the gross gain, 26.7%.",
    expected=lambda: _ex5()["cost"],
    tolerance=0.06,
)
def _cost_for_95(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex5()
    if _close(value, e["cost"], 0.06):
        return None
    if _close(value / 1000, e["cost"], 0.06):
        return "you gave KRW; the model's amounts are in thousand KRW (e.g. 130.1, not 130,100)."
    if _close(value, e["markup"], 0.001) or _close(value, 100 * e["markup"], 0.06):
        return (
            "that is the markup over the base cost of 100; the question asks for the acquisition "
            "cost itself, in thousand KRW."
        )
    if _close(value, e["relative"], 0.06):
        return (
            "you raised retention by 5 *percent* (0.75 × 1.05); the slide means 5 *points* "
            "(0.75 → 0.80), as retention_effect does."
        )
    if _close(value, e["gross"], 0.5):
        return (
            "at that cost the NPV is zero and the percentage explodes; solve "
            "retention_effect(BASE.replace(acquisition_cost=c)) = 0.95 for c instead."
        )
    if _close(value, 100.0, 0.06):
        return "that is the base cost, whose effect is 59.7%; the effect must be 95%."
    if _close(value, e["cost"], 0.6):
        return "close, but give one decimal (the check allows ±0.06 thousand KRW)."
    if value < 100:
        return (
            "a cheaper acquisition *lowers* the effect (less leverage); 95% needs a cost above "
            "the base case's 100."
        )
    return (
        "define f(c) = retention_effect(BASE.replace(acquisition_cost=c)) − 0.95 and find its "
        "root between 100 and 180 with scipy.optimize.brentq."
    )


# --- 01.6 -----------------------------------------------------------------------------------


@exercise(
    "01.6",
    "Critique: a colleague reads the stayers' bigger baskets in months 24–29 as the basket growth "
    "of every new customer. Which letter names the main flaw?",
    success="The stayers are selected by the outcome (they had to buy late to be counted), the "
    "basket growth in Hanbit Mall is planted, the null world shows a rise without any tenure growth, "
    "and the real CDNOW stayers' baskets do not grow. A loyalty ratio describes survivors, not a "
    "forecast for a new customer.",
    expected=lambda: "b",
)
def _stayers_critique(answer: Any) -> str | None:
    letter = as_letter(answer, EX6_CHOICES)
    if letter == "b":
        return None
    return {
        "a": (
            "the shop's orders are generated: its basket growth is a mechanism we planted "
            "(tenure_growth), the group is chosen by buying late, and the null world shows "
            "bigger late baskets even without any growth. Real CDNOW stayers' baskets do not grow."
        ),
        "c": (
            "in this shop signup is the first purchase, so both starts are the same day; the flaw "
            "is who is in the group, not when tenure starts."
        ),
        "d": (
            "the window length is not the problem: any group defined by buying late has positive "
            "late spend by construction (survivorship bias), whatever the windows."
        ),
    }[letter]
