"""Exercises of notebook 03 (customer lifetime value): the closed-form CLV under a retention
change, the retention at which the Gupta–Lehmann–Stuart elasticity reaches 5, a CDNOW customer's
expected purchases, and which of two CDNOW customers is more likely still active.

Expected answers are computed with :mod:`helpers.clv` (on the published CDNOW summary where data
are needed), never typed in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from helpers.checks import as_number, exercise
from helpers.clv import BGNBDFit, fit_bgnbd, retention_clv, retention_elasticity

# The numbers stated in the questions of notebook 03.
MARGIN = 50_000
"""03.1: yearly margin per customer (KRW)."""
RETENTION_BEFORE, RETENTION_AFTER = 0.75, 0.80
"""03.1: yearly retention before and after the loyalty programme."""
DISCOUNT = 0.10
"""03.1: yearly discount rate."""
GLS_DISCOUNT = 0.12
"""03.2: the discount rate Gupta, Lehmann & Stuart (2004) used."""
CUSTOMER = 1000
"""03.3: the CDNOW customer whose purchases are forecast."""
HORIZON_WEEKS = 39
"""03.3: forecast horizon in weeks."""
PAIR = (206, 211)
"""03.4: the two CDNOW customers compared."""


@cache
def _cdnow() -> tuple[Any, BGNBDFit]:
    from helpers.data import load_cdnow_summary

    s = load_cdnow_summary()
    return s, fit_bgnbd(s["frequency"], s["recency"], s["T"])


@exercise(
    "03.1",
    "By how many KRW does the closed-form CLV rise when retention goes from 75% to 80%?",
    success="Five points of retention add more than a fifth to each customer's value.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    before = retention_clv(MARGIN, RETENTION_BEFORE, DISCOUNT)
    after = retention_clv(MARGIN, RETENTION_AFTER, DISCOUNT)
    expected = after - before
    if abs(got - expected) <= 1:
        return None
    if abs(got - expected) <= 1_000:
        return "close, but rounded: give the change to the KRW (do not round to thousands)."
    if abs(got - after) <= 1 or abs(got - before) <= 1:
        return "that is a CLV, not the change: subtract the value at 75% from the value at 80%."
    no_discount = MARGIN * RETENTION_AFTER / (1 - RETENTION_AFTER) - MARGIN * RETENTION_BEFORE / (
        1 - RETENTION_BEFORE
    )
    if abs(got - no_discount) <= 1:
        return "you left out the discount rate: the formula is m·r/(1+d−r) with d = 0.10."
    start_of_year = (
        MARGIN
        * (1 + DISCOUNT)
        * (1 / (1 + DISCOUNT - RETENTION_AFTER) - 1 / (1 + DISCOUNT - RETENTION_BEFORE))
    )
    if abs(got - start_of_year) <= 1:
        return (
            "you counted a margin at the start of each year; the workbook's convention is the end "
            "of each year the customer stays: CLV = m·r/(1+d−r)."
        )
    if 0 < got < 1:
        return "give the change in KRW, not as a share."
    return "compute retention_clv(50_000, 0.80, 0.10) − retention_clv(50_000, 0.75, 0.10)."


@exercise(
    "03.2",
    "At which yearly retention rate does a 1% rise in retention raise CLV by 5% (d = 12%)?",
    success="Firms with retention near 90% sit right where Gupta, Lehmann & Stuart found 5%.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    expected = (1 + GLS_DISCOUNT) * (1 - 1 / 5)
    if 1 < got <= 100:
        return "give the retention rate as a share between 0 and 1 (0.9, not 90)."
    if not 0 < got < 1:
        return "a retention rate lies between 0 and 1."
    if abs(retention_elasticity(got, GLS_DISCOUNT) - 5) <= 0.05:
        return None
    if abs(got - 0.8) < 1e-3:
        return "0.8 is where the elasticity is 5 without discounting; with d = 0.12 it is higher."
    if abs(got - expected) < 0.05:
        return "nearly: solve (1+d)/(1+d−r) = 5 exactly for r."
    return "set the elasticity (1+d)/(1+d−r) equal to 5 and solve for r, with d = 0.12."


@exercise(
    "03.3",
    "How many repeat purchases does the BG/NBD expect from CDNOW customer 1000 in the next 39 weeks?",
    success="The model weighs what the customer did against how long she has been quiet.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    s, bg = _cdnow()
    row = s.loc[CUSTOMER]
    expected = bg.expected_purchases(HORIZON_WEEKS, row["frequency"], row["recency"], row["T"])
    if abs(got - expected) <= 0.01:
        return None
    if abs(got - expected) <= 0.06:
        return "close, but rounded too coarsely: give the model's number to at least two decimals."
    if abs(got - bg.expected_purchases_new(HORIZON_WEEKS)) <= 0.01:
        return (
            "that is the forecast for a brand-new customer (expected_purchases_new); use "
            "expected_purchases with customer 1000's own frequency, recency and T."
        )
    naive = row["frequency"] / row["T"] * HORIZON_WEEKS
    if abs(got - naive) <= 0.05:
        return (
            "you extrapolated her past purchase rate; the model also allows that she may have "
            "stopped buying (see prob_alive)."
        )
    for weeks in (52, 12, 9):
        other = bg.expected_purchases(weeks, row["frequency"], row["recency"], row["T"])
        if abs(got - other) <= 0.01:
            return f"that is the forecast for {weeks} weeks; the question asks for 39 weeks."
    if abs(got - row["frequency"]) < 1e-9:
        return "that is how many repeat purchases she made in the past 39 weeks, not a forecast."
    return "use bg.expected_purchases(39, frequency, recency, T) with customer 1000's row."


@exercise(
    "03.4",
    "Which of CDNOW customers 206 and 211 is more likely still active? (a customer id)",
    success=(
        "Customer 211 used to buy every couple of weeks and then fell silent for 20 weeks: for "
        "her such a silence is unusual, so she has probably left. For customer 206, who bought "
        "only once more, 20 quiet weeks are normal."
    ),
)
def _(answer: Any) -> str | None:
    if isinstance(answer, bool) or not hasattr(answer, "__int__"):
        raise TypeError(f"expected a customer id (a number), got {type(answer).__name__}")
    got = int(answer)
    if got not in PAIR:
        return f"answer with one of the two ids, {PAIR[0]} or {PAIR[1]}."
    s, bg = _cdnow()
    rows = s.loc[list(PAIR)]
    alive = bg.prob_alive(rows["frequency"], rows["recency"], rows["T"])
    if got == int(alive.idxmax()):
        return None
    return (
        "both last bought about 18 weeks after their first purchase and are equally old; compare "
        "their frequency: is a long silence more surprising for a frequent buyer or a rare one? "
        "Check with bg.prob_alive."
    )
