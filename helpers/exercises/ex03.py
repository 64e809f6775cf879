"""Exercises of notebook 03 (customer lifetime value).

03.1 the closed-form CLV under a retention change; 03.2 the retention at which the
Gupta–Lehmann–Stuart elasticity reaches 5; 03.3 a CDNOW customer's expected purchases; 03.4 which
of two CDNOW customers is more likely still active; 03.5 (build) the sBG fitted by your own
likelihood to all 12 years of the High End cohort; 03.6 (decide) the most to pay to acquire a High
End subscriber; 03.7 (critique) what is wrong with judging P(alive) by its overall AUC.

Expected answers are computed with :mod:`helpers.clv` (on the published data where data are
needed), never typed in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from helpers.checks import as_choice, as_id, as_number, exercise
from helpers.clv import (
    BGNBDFit,
    SBGFit,
    _fit_sbg_counts,
    fit_bgnbd,
    fit_sbg,
    retention_clv,
    retention_elasticity,
)

# The numbers stated in the questions of notebook 03.
MARGIN = 50_000
"""03.1: yearly margin per customer (KRW)."""
RETENTION_BEFORE, RETENTION_AFTER = 0.75, 0.80
"""03.1: yearly retention before and after the loyalty programme."""
DISCOUNT = 0.10
"""03.1 and 03.6: yearly discount rate."""
GLS_DISCOUNT = 0.12
"""03.2: the discount rate Gupta, Lehmann & Stuart (2004) used."""
CUSTOMER = 1000
"""03.3: the CDNOW customer whose purchases are forecast."""
HORIZON_WEEKS = 39
"""03.3: forecast horizon in weeks."""
PAIR = (206, 211)
"""03.4: the two CDNOW customers compared."""
SUBSCRIBER_MARGIN = 100_000
"""03.6: margin (KRW) a High End subscriber brings at the end of each year she stays."""
CRITIQUE_LABELS = ("in-sample", "zero-repeaters", "wrong-metric", "truth-leak")
"""03.7: the possible diagnoses."""


@cache
def _cdnow() -> tuple[Any, BGNBDFit]:
    from helpers.data import load_cdnow_summary

    s = load_cdnow_summary()
    return s, fit_bgnbd(s["frequency"], s["recency"], s["T"])


@cache
def _high_end() -> tuple[np.ndarray, SBGFit, SBGFit]:
    """High End survivor counts 0–12, the fit on all 13 counts, and the fit on years 0–7."""
    from helpers.data import load_sbg_survivors

    counts = load_sbg_survivors()["high_end"].to_numpy(float)
    return counts, fit_sbg(counts), fit_sbg(counts[:8])


def _clv_03_1() -> float:
    return retention_clv(MARGIN, RETENTION_AFTER, DISCOUNT) - retention_clv(
        MARGIN, RETENTION_BEFORE, DISCOUNT
    )


@exercise(
    "03.1",
    "By how many KRW does the closed-form CLV rise when retention goes from 75% to 80%?",
    success="Five points of retention add more than a fifth to each customer's value.",
    expected=_clv_03_1,
    tolerance=1.0,
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    before = retention_clv(MARGIN, RETENTION_BEFORE, DISCOUNT)
    after = retention_clv(MARGIN, RETENTION_AFTER, DISCOUNT)
    expected = after - before
    if abs(got - expected) <= 1:
        return None
    if abs(got * 1000 - expected) <= 1_000:
        return "give the change in KRW, not in thousands of KRW."
    if abs(got - expected) <= 1_000:
        return "close, but rounded: give the change to the KRW (do not round to thousands)."
    if abs(got - after) <= 1 or abs(got - before) <= 1:
        return "that is a CLV, not the change: subtract the value at 75% from the value at 80%."
    if abs(got - 100 * expected / before) <= 0.5 or abs(got - expected / before) <= 0.005:
        return "that is the relative change; the question asks by how many KRW the CLV rises."
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
    return (
        "compute retention_clv(50_000, 0.80, 0.10) − retention_clv(50_000, 0.75, 0.10) "
        "(rates as shares: 0.80, not 80)."
    )


@exercise(
    "03.2",
    "At which yearly retention rate does a 1% rise in retention raise CLV by 5% (d = 12%)?",
    success="Firms with retention near 90% sit right where Gupta, Lehmann & Stuart found 5%.",
    expected=lambda: (1 + GLS_DISCOUNT) * (1 - 1 / 5),
    tolerance=0.002,
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    expected = (1 + GLS_DISCOUNT) * (1 - 1 / 5)
    if 1 < got <= 100:
        return "give the retention rate as a share between 0 and 1 (0.9, not 90)."
    if not 0 < got < 1:
        return (
            "a retention rate lies strictly between 0 and 1; solve (1+d)/(1+d−r) = 5 for r "
            "with d = 0.12."
        )
    if abs(retention_elasticity(got, GLS_DISCOUNT) - 5) <= 0.05:
        return None
    if abs(got - 0.8) < 1e-3:
        return "0.8 is where the elasticity is 5 without discounting; with d = 0.12 it is higher."
    if abs(got - expected) < 0.05:
        return "nearly: solve (1+d)/(1+d−r) = 5 exactly for r."
    return "set the elasticity (1+d)/(1+d−r) equal to 5 and solve for r, with d = 0.12."


def _expected_03_3() -> float:
    s, bg = _cdnow()
    row = s.loc[CUSTOMER]
    return float(bg.expected_purchases(HORIZON_WEEKS, row["frequency"], row["recency"], row["T"]))


@exercise(
    "03.3",
    "How many repeat purchases does the BG/NBD expect from CDNOW customer 1000 in the next 39 weeks?",
    success="The model weighs what the customer did against how long she has been quiet.",
    expected=_expected_03_3,
    tolerance=0.01,
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    s, bg = _cdnow()
    row = s.loc[CUSTOMER]
    expected = _expected_03_3()
    if abs(got - expected) <= 0.01:
        return None
    if abs(got - expected) <= 0.06:
        return "close, but rounded too coarsely: give the model's number to at least two decimals."
    if abs(got - bg.expected_purchases_new(HORIZON_WEEKS)) <= 0.01:
        return (
            "that is the forecast for a brand-new customer (expected_purchases_new); use "
            "expected_purchases with customer 1000's own frequency, recency and T."
        )
    if abs(got - bg.prob_alive(row["frequency"], row["recency"], row["T"])) <= 0.005:
        return "that is her P(alive), a probability; the question asks for expected purchases."
    naive = row["frequency"] / row["T"] * HORIZON_WEEKS
    if abs(got - naive) <= 0.05:
        return (
            "you extrapolated her past purchase rate; the model also allows that she may have "
            "stopped buying (see prob_alive)."
        )
    for weeks in (78, 52, 26, 12, 9):
        other = bg.expected_purchases(weeks, row["frequency"], row["recency"], row["T"])
        if abs(got - other) <= 0.01:
            return f"that is the forecast for {weeks} weeks; the question asks for 39 weeks."
    if abs(got - row["frequency"]) < 1e-9:
        return "that is how many repeat purchases she made in the past 39 weeks, not a forecast."
    others = s.iloc[[CUSTOMER - 1, CUSTOMER + 1]] if len(s) > CUSTOMER + 1 else s.iloc[[]]
    for _, other_row in others.iterrows():
        v = bg.expected_purchases(
            HORIZON_WEEKS, other_row["frequency"], other_row["recency"], other_row["T"]
        )
        if abs(got - v) <= 0.01 and abs(v - expected) > 0.01:
            return (
                "that is the forecast for a neighbouring row: select customer 1000 by her id "
                "with cdnow.loc[1000], not by position (iloc)."
            )
    return "use bg.expected_purchases(39, frequency, recency, T) with customer 1000's row."


def _more_alive() -> int:
    s, bg = _cdnow()
    rows = s.loc[list(PAIR)]
    return int(bg.prob_alive(rows["frequency"], rows["recency"], rows["T"]).idxmax())


@exercise(
    "03.4",
    "Which of CDNOW customers 206 and 211 is more likely still active? (a customer id)",
    success=(
        "Customer 211 used to buy every couple of weeks and then fell silent for 20 weeks: for "
        "her such a silence is unusual, so she has probably left. For customer 206, who bought "
        "only once more, 20 quiet weeks are normal."
    ),
    expected=_more_alive,
)
def _(answer: Any) -> str | None:
    got = as_id(answer)  # refuses 206.7, "206", True, inf, ...
    if got not in PAIR:
        return f"answer with one of the two ids, {PAIR[0]} or {PAIR[1]}."
    if got == _more_alive():
        return None
    return (
        "both last bought about 18 weeks after their first purchase and are equally old; compare "
        "their frequency: is a long silence more surprising for a frequent buyer or a rare one? "
        "Check with bg.prob_alive."
    )


def _pair(answer: Any) -> tuple[float, float]:
    if isinstance(answer, dict) and set(answer) == {"alpha", "beta"}:
        answer = (answer["alpha"], answer["beta"])
    if hasattr(answer, "to_numpy"):
        answer = tuple(answer.to_numpy().ravel())
    if isinstance(answer, np.ndarray):
        answer = tuple(answer.ravel())
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise TypeError("expected two numbers, (alpha, beta)")
    return as_number(answer[0]), as_number(answer[1])


@exercise(
    "03.5",
    "Fit the sBG with your own log-likelihood to the High End cohort, years 0–12: (alpha, beta)?",
    success=(
        "With five more years of data the estimates move a little (0.668, 3.806 → about 0.60, "
        "3.33): the projection from years 0–7 was good, but not perfect."
    ),
    expected=lambda: tuple(float(v) for v in _high_end()[1].params),
    tolerance=0.005,
)
def _(answer: Any) -> str | None:
    a, b = _pair(answer)
    counts, fit_all, fit_7 = _high_end()
    if abs(a - fit_all.alpha) <= 0.005 and abs(b - fit_all.beta) <= 0.005:
        return None
    if abs(b - fit_all.alpha) <= 0.005 and abs(a - fit_all.beta) <= 0.005:
        return "the numbers are right but swapped: give (alpha, beta), alpha first."
    if abs(a - fit_7.alpha) <= 0.005 and abs(b - fit_7.beta) <= 0.005:
        return (
            "that is the fit on years 0–7 only; use all 13 counts, survivors.loc[0:12, 'high_end']."
        )
    if abs(np.exp(a) - fit_all.alpha) <= 0.005 and abs(np.exp(b) - fit_all.beta) <= 0.005:
        return "those are log α and log β (what the optimiser searched over): take np.exp."
    from helpers.data import load_sbg_survivors

    reg = load_sbg_survivors()["regular"].to_numpy(float)
    for fit in (fit_sbg(reg), fit_sbg(reg[:8])):
        if abs(a - fit.alpha) <= 0.005 and abs(b - fit.beta) <= 0.005:
            return "that is the Regular cohort; the question asks for the High End column."
    no_censored = _fit_sbg_counts(-np.diff(counts), np.zeros(len(counts)), "check")
    if abs(a - no_censored.alpha) <= 0.01 and abs(b - no_censored.beta) <= 0.01:
        return (
            "you left out the customers still subscribed in year 12: they contribute "
            "survivors[12] · log S(12) to the log-likelihood."
        )
    return (
        "maximise −Σ leavers_t·log P(T=t) − survivors_12·log S(12) over log α, log β, with "
        "P(T=t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β)."
    )


def _acquisition_cap() -> float:
    _, _, fit_7 = _high_end()
    t = np.arange(1, 2001, dtype=float)
    return float(SUBSCRIBER_MARGIN * np.sum(fit_7.survival(t) / (1 + DISCOUNT) ** t))


@exercise(
    "03.6",
    "The most you should pay to acquire a High End subscriber (KRW), by the sBG on years 0–7?",
    success=(
        "Up to this amount, acquiring her pays for itself over her expected lifetime; a "
        "constant year-1 retention would have told you to stop far too early."
    ),
    expected=_acquisition_cap,
    tolerance=500.0,
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    expected = _acquisition_cap()
    if abs(got - expected) <= 500:
        return None
    if abs(got - expected) <= 0.01 * expected:
        return "close: sum far enough into the future (at least 300 years) and do not round."
    if abs(got - expected / SUBSCRIBER_MARGIN) <= 0.01:
        return "that is the value in years of margin; multiply by the 100,000 KRW margin."
    counts, _, fit_7 = _high_end()
    constant = retention_clv(SUBSCRIBER_MARGIN, counts[1] / counts[0], DISCOUNT)
    if abs(got - constant) <= 0.01 * constant:
        return (
            "that assumes the year-1 retention forever; under the sBG retention rises with "
            "tenure, so use Σ S(t)/1.1^t with the fitted survival curve."
        )
    if (
        abs(got - expected * (1 + DISCOUNT)) <= 0.01 * expected
        or abs(got - expected - SUBSCRIBER_MARGIN) <= 0.01 * expected
    ):
        return (
            "you counted a margin at the moment of acquisition (or did not discount the first "
            "year); the margin arrives at the end of each year she is still subscribed."
        )
    if got > 2 * expected:
        return "without discounting the sum does not settle; discount each year by 1/1.1^t."
    if got < 0.8 * expected:
        return (
            "too low: are you valuing with a constant retention, or stopping the sum after a few "
            "years? Sum S(t)/1.1^t over t = 1, 2, ... for a long horizon."
        )
    return "compute 100,000 × Σ_{t≥1} S(t)/1.1^t with sbg['high_end'].survival(t)."


@exercise(
    "03.7",
    "What is the main flaw in judging the shop's P(alive) by its AUC over all customers? (a label)",
    success=(
        "Right: customers without a repeat purchase get P(alive) = 1 by the model's assumption, "
        "so the pooled AUC mostly measures whether they really are alive (in this shop most are "
        "not). Judge P(alive) among repeat buyers, against a recency baseline, and use a model "
        "that lets customers leave after their first purchase for the others."
    ),
    expected=lambda: "zero-repeaters",
)
def _(answer: Any) -> str | None:
    label = as_choice(
        answer,
        CRITIQUE_LABELS,
        aliases={
            "in sample": "in-sample",
            "zero repeaters": "zero-repeaters",
            "x=0": "zero-repeaters",
            "x = 0": "zero-repeaters",
            "leak": "truth-leak",
        },
    )
    if label == "zero-repeaters":
        return None
    if label == "in-sample":
        return (
            "P(alive) is computed from purchases up to 30 June and compared with the truth at "
            "that date, which the model never saw; that is a fair check. Look instead at which "
            "customers get P(alive) = 1 whatever happened to them."
        )
    if label == "truth-leak":
        return (
            "the truth table is used only to score the model, after fitting; nothing leaked. "
            "Look at the customers without a repeat purchase: what P(alive) does BG/NBD give them?"
        )
    return (
        "AUC is a fine measure of how well a score ranks active above departed customers; the "
        "problem is which customers are pooled into it (compare the AUC among repeat buyers)."
    )
