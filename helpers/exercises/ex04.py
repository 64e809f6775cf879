"""Exercises of notebook 04 (Satisfaction and online support): NPS by hand, reading an odds ratio,
first-contact resolution, and placing elements in the importance–performance grid.

Expected answers are computed from the shop data (or, for 04.4, from the small table given in the
question) with :mod:`helpers.satisfaction`, never typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_number, exercise
from helpers.satisfaction import (
    ELEMENTS,
    QUADRANTS,
    churn_after_survey,
    churn_drivers,
    fcr_rate,
    importance_performance,
    nps,
)

# The notebook's choices, repeated here so the checkers grade against the same model.
CHURN_WINDOW_DAYS = 180
"""Churn window after the survey used in notebook 04."""
CHURN_GRACE_DAYS = 30
"""Churn dated up to this many days before the survey still counts (the surveyed order was the last)."""
AS_OF = pd.Timestamp("2025-01-01")
"""The shop's analysis date (the data cover 2022-01-01 to 2024-12-31)."""

DELIVERY_APP = pd.DataFrame(
    {
        "importance": [0.35, 0.90, 1.10, 0.20],
        "performance": [4.1, 3.2, 4.3, 3.0],
    },
    index=pd.Index(list(ELEMENTS), name="element"),
)
"""Exercise 04.4's made-up delivery app: standardised effect on NPS and mean 1–5 score."""


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


@cache
def _shop():
    from helpers.data import load_shop  # imported here so the other checkers work without it

    return load_shop()


@cache
def _nps_parts() -> dict[str, float]:
    s = _shop().surveys["nps"]
    result = nps(s, ci=None)
    pro, pas, det = result.promoters, result.passives, result.detractors
    return {
        "nps": result.nps,
        "pro_minus_pas": 100 * (pro - pas),
        "promoters": 100 * pro,
        "mean": float(s.mean()),
        "det_le5": 100 * (pro - float((s <= 5).mean())),
        "pro_ge8": 100 * (float((s >= 8).mean()) - det),
        "pro_minus_det_counts": float((s >= 9).sum() - (s <= 6).sum()),
        "pro_only10": 100 * (float((s >= 10).mean()) - det),
        "det_le7": 100 * (pro - float((s <= 7).mean())),
    }


@exercise(
    "04.1",
    "What is the Net Promoter Score of all the shop's survey answers, in points (−100…100)?",
    success="Promoters minus detractors; passives count in the base but in neither group.",
)
def _nps_by_hand(answer: Any) -> str | None:
    value = as_number(answer)
    p = _nps_parts()
    if _close(value, p["nps"], 0.05):
        return None
    if _close(value * 100, p["nps"], 0.05):
        return "you gave a share; NPS is quoted in points: multiply by 100 (e.g. 0.23 → 23)."
    if _close(value, -p["nps"], 0.05):
        return "right size, wrong sign: NPS is promoters minus detractors, not the other way round."
    if _close(value, p["pro_minus_pas"], 0.05):
        return (
            "you subtracted the passives (7–8). NPS = % promoters (9–10) − % detractors (0–6); "
            "passives only count in the denominator."
        )
    if _close(value, p["mean"], 0.05) or _close(value, 10 * p["mean"], 0.5):
        return (
            "that is an average of the 0–10 answers. NPS ignores the exact score: it counts "
            "promoters (9–10) and detractors (0–6) and subtracts their percentages."
        )
    if _close(value, p["promoters"], 0.05):
        return (
            "that is the percentage of promoters only; subtract the percentage of detractors (0–6)."
        )
    if _close(value, p["det_le5"], 0.05):
        return "a 6 is a detractor too: detractors are 0–6 inclusive."
    if _close(value, p["pro_ge8"], 0.05):
        return "an 8 is a passive: promoters are only 9 and 10."
    if _close(value, p["pro_only10"], 0.05):
        return "a 9 is a promoter too: promoters are 9 and 10 (use >= 9, not > 9)."
    if _close(value, p["det_le7"], 0.05):
        return "a 7 is a passive: detractors are 0–6 only."
    if _close(value, p["pro_minus_det_counts"], 0.5):
        return (
            "you subtracted counts; divide each count by the number of answers first (percentages)."
        )
    if _close(value, p["nps"], 0.5):
        return (
            "very close, but it looks rounded: compute it with pandas and keep at least one "
            "decimal (the check allows ±0.05 points)."
        )
    return (
        "count promoters (nps >= 9) and detractors (nps <= 6), turn both into percentages of all "
        "answers, and subtract: 100 * ((s >= 9).mean() - (s <= 6).mean())."
    )


@cache
def _after_sales_odds() -> tuple[float, float]:
    shop = _shop()
    labelled = churn_after_survey(
        shop.surveys,
        shop.truth,
        window_days=CHURN_WINDOW_DAYS,
        grace_days=CHURN_GRACE_DAYS,
        end=AS_OF,
    )
    table = churn_drivers(labelled).table
    return float(table.loc["after_sales", "odds_ratio"]), float(table.loc["after_sales", "coef"])


@exercise(
    "04.2",
    "By how many percent do the odds of churning change per +1 SD of after-sales satisfaction?",
    success="An odds ratio r means the odds are multiplied by r: a change of 100·(r − 1) percent.",
)
def _read_odds_ratio(answer: Any) -> str | None:
    value = as_number(answer)
    ratio, coef = _after_sales_odds()
    expected = 100 * (ratio - 1)
    if _close(value, expected, 1.0):  # reading the rounded table is fine
        return None
    if _close(value, ratio, 0.01):
        return (
            "that is the odds ratio itself. Turn it into a percent change of the odds: "
            "100 * (odds_ratio − 1); a ratio of 0.8 means the odds fall by 20%, i.e. −20."
        )
    if _close(value, coef, 0.01) or _close(value, 100 * coef, 1.0):
        return (
            "that is the logistic coefficient (a change in log-odds). Exponentiate it first: "
            "odds ratio = exp(coef), then 100 * (odds_ratio − 1)."
        )
    if _close(value, -expected, 1.0):
        return "right size, wrong sign: an odds ratio below 1 means the odds of churning fall."
    if _close(value, 100 * ratio, 1.0):
        return (
            "that is the odds ratio written as a percentage (the new odds are that share of the "
            "old ones); the *change* is 100 * (odds_ratio − 1)."
        )
    if _close(value, ratio - 1, 0.01):
        return "right idea, but as a fraction: multiply by 100 to get percent."
    return (
        "take the after_sales odds ratio from the churn model's table and compute 100 * (OR − 1): "
        "negative when satisfaction protects against churn."
    )


def _as_mapping(answer: Any) -> dict[str, str]:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        raise TypeError(
            f"expected a dict from element to quadrant name, got {type(answer).__name__}"
        )
    return {str(k): str(v).strip() for k, v in answer.items()}


@exercise(
    "04.4",
    "In the delivery-app table, which quadrant is each of the four elements in?",
    success="Invest where it matters and is done poorly; maintain where it matters and is done well.",
)
def _pick_quadrants(answer: Any) -> str | None:
    canonical = {name.lower(): name for name in QUADRANTS.values()}
    given = {k: canonical.get(v.lower(), v) for k, v in _as_mapping(answer).items()}
    if set(given) != set(ELEMENTS):
        return f"give one entry for each element: {list(ELEMENTS)} (you gave {sorted(given)})."
    names = set(QUADRANTS.values())
    unknown = sorted(set(given.values()) - names)
    if unknown:
        return f"use the quadrant names exactly: {sorted(names)} (not {unknown})."
    ipa = importance_performance(DELIVERY_APP["importance"], DELIVERY_APP["performance"])
    expected = ipa["quadrant"].to_dict()
    wrong = sorted(e for e in ELEMENTS if given[e] != expected[e])
    if not wrong:
        return None
    midpoint = importance_performance(
        DELIVERY_APP["importance"], DELIVERY_APP["performance"], performance_cut=3.0
    )["quadrant"].to_dict()
    if all(given[e] == midpoint[e] != expected[e] for e in wrong):
        return (
            f"you cut performance at the scale midpoint 3; the question puts the cross-hairs at the "
            f"means over the elements (performance {ipa.attrs['performance_cut']:.2f}, importance "
            f"{ipa.attrs['importance_cut']:.4f})."
        )
    swapped = {
        e: QUADRANTS[
            (
                expected[e] in ("Keep up the good work", "Possible overkill"),
                expected[e] in ("Concentrate here", "Keep up the good work"),
            )
        ]
        for e in ELEMENTS
    }
    if all(given[e] == swapped[e] != expected[e] for e in wrong):
        return (
            "you swapped the axes: importance decides top/bottom, performance decides left/right."
        )
    if any(
        given[e] == "Concentrate here" and expected[e] == "Keep up the good work" for e in wrong
    ):
        return (
            "'Concentrate here' is for elements that matter *and* are done poorly; an important "
            "element that already scores well is one to keep up."
        )
    return (
        f"check {wrong}: compare importance with its mean ({ipa.attrs['importance_cut']:.4f}) and "
        f"performance with its mean ({ipa.attrs['performance_cut']:.2f}); high importance + low "
        "performance = Concentrate here, high + high = Keep up the good work, low + low = Low "
        "priority, low importance + high performance = Possible overkill."
    )


@cache
def _fcr_parts() -> dict[str, float]:
    t = _shop().tickets
    per_customer = t.groupby("customer_id")["resolved_first_contact"].mean()
    return {
        "rate": fcr_rate(t),
        "per_customer": float(per_customer.mean()),
        "all_first": float(t.groupby("customer_id")["resolved_first_contact"].all().mean()),
        "count": float(t["resolved_first_contact"].sum()),
        "first_ticket": float(t.drop_duplicates("customer_id")["resolved_first_contact"].mean()),
    }


@exercise(
    "04.3",
    "What share of support tickets (0–1) was resolved at the first contact?",
    success="First-contact resolution is counted per ticket: every repeated contact costs money.",
)
def _first_contact_resolution(answer: Any) -> str | None:
    value = as_number(answer)
    p = _fcr_parts()
    if _close(value, p["rate"], 5e-4):
        return None
    if _close(value / 100, p["rate"], 5e-4):
        return "give a share between 0 and 1, not a percentage."
    if _close(value, 1 - p["rate"], 5e-4):
        return "that is the share NOT resolved at first contact; take the complement."
    if _close(value, p["per_customer"], 5e-4) or _close(value, p["all_first"], 5e-4):
        return (
            "you averaged per customer; FCR is a share of tickets: "
            "tickets['resolved_first_contact'].mean()."
        )
    if _close(value, p["count"], 0.5):
        return "that is a count of tickets; divide by the number of tickets."
    if _close(value, p["first_ticket"], 5e-4):
        return "you kept one ticket per customer; FCR counts every ticket, including repeat ones."
    if _close(value, p["rate"], 0.006) or _close(value / 100, p["rate"], 0.006):
        return (
            "very close, but it looks rounded: compute it with pandas, or keep at least three "
            "decimals (the check allows ±0.0005)."
        )
    return "take the mean of the boolean column resolved_first_contact over all tickets."
