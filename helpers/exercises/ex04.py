"""Exercises of notebook 04 (Satisfaction and online support), in the order of the notebook:

* 04.1 (build) the NPS by hand;
* 04.2 (build) the 95% interval of an NPS *difference* (social − search ads), not overlapping intervals;
* 04.3 (decide) which element's low scorers to lift first, from penalty–reward analysis;
* 04.4 reading an odds ratio as a percent change of the odds;
* 04.5 (critique) the "service-recovery paradox" as selection;
* 04.6 (decide) the importance–performance quadrants of a made-up delivery app.

Expected answers are computed from the shop data (or, for 04.6, from the small table given in the
question) with :mod:`helpers.satisfaction`, never typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_choice, as_letter, as_number, exercise, read_only
from helpers.satisfaction import (
    ELEMENTS,
    QUADRANTS,
    churn_after_survey,
    churn_drivers,
    driver_regression,
    importance_performance,
    nps,
    nps_difference,
    penalty_reward,
    relative_importance,
)

# The notebook's choices, repeated here so the checkers grade against the same model.
CHURN_WINDOW_DAYS = 180
"""Churn window after the survey used in notebook 04."""
CHURN_GRACE_DAYS = 30
"""Churn dated up to this many days before the survey still counts (the surveyed order was the last)."""
AS_OF = pd.Timestamp("2025-01-01")
"""The shop's analysis date (the data cover 2022-01-01 to 2024-12-31)."""

DELIVERY_APP = read_only(
    pd.DataFrame(
        {
            "importance": [0.35, 0.90, 1.10, 0.20],
            "performance": [4.1, 3.2, 4.3, 3.0],
        },
        index=pd.Index(list(ELEMENTS), name="element"),
    )
)
"""Exercise 04.6's made-up delivery app: standardised effect on NPS and mean 1–5 score (the notebook
shows a copy, so a student's edits cannot change the answer key)."""

DIFF_GROUPS = ("social", "search_ads")
"""Exercise 04.2: the two acquisition channels whose NPS difference (first − second) is asked for."""

RECOVERY_CHOICES = ("a", "b", "c", "d")
"""Exercise 04.5: the letters of the multiple-choice critique."""


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
    "What is the Net Promoter Score of all the shop's survey answers, in points (−100…100), "
    "to two decimals?",
    success="Promoters minus detractors; passives count in the base but in neither group.",
    expected=lambda: _nps_parts()["nps"],
    tolerance=0.005,
)
def _nps_by_hand(answer: Any) -> str | None:
    value = as_number(answer)
    p = _nps_parts()
    if _close(value, p["nps"], 0.005):
        return None
    if _close(value, p["nps"], 0.5) and _close(value, round(p["nps"], 1), 1e-9):
        return (
            "that is the rounded print-out (one decimal); compute it with pandas and keep at least "
            "two decimals (the check allows ±0.005 points)."
        )
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
            "very close, but it looks rounded: compute it with pandas and keep at least two "
            "decimals (the check allows ±0.005 points)."
        )
    return (
        "count promoters (nps >= 9) and detractors (nps <= 6), turn both into percentages of all "
        "answers, and subtract: 100 * ((s >= 9).mean() - (s <= 6).mean())."
    )


@cache
def _after_sales_odds() -> dict[str, float]:
    shop = _shop()
    out = {}
    for name, window, grace in (
        ("model", CHURN_WINDOW_DAYS, CHURN_GRACE_DAYS),
        ("no_grace", CHURN_WINDOW_DAYS, 0),
        ("d90", 90, CHURN_GRACE_DAYS),
        ("d365", 365, CHURN_GRACE_DAYS),
    ):
        labelled = churn_after_survey(
            shop.surveys, shop.truth, window_days=window, grace_days=grace, end=AS_OF
        )
        table = churn_drivers(labelled).table
        out[name] = float(table.loc["after_sales", "odds_ratio"])
        if name == "model":
            out["coef"] = float(table.loc["after_sales", "coef"])
            out["others"] = {
                str(e): float(table.loc[e, "odds_ratio"]) for e in ELEMENTS if e != "after_sales"
            }
    from helpers.satisfaction import inactive_after_survey

    inactive = inactive_after_survey(
        shop.surveys, shop.orders, window_days=CHURN_WINDOW_DAYS, end=AS_OF
    )
    out["inactivity"] = float(
        churn_drivers(inactive, outcome="inactive").table.loc["after_sales", "odds_ratio"]
    )
    return out


@exercise(
    "04.4",
    "By how many percent do the odds of churning change per +1 SD of after-sales satisfaction "
    "(the notebook's 180-day model)? One decimal.",
    success="An odds ratio r means the odds are multiplied by r: a change of 100·(r − 1) percent.",
    expected=lambda: 100 * (_after_sales_odds()["model"] - 1),
    tolerance=0.06,
)
def _read_odds_ratio(answer: Any) -> str | None:
    value = as_number(answer)
    e = _after_sales_odds()
    ratio, coef = e["model"], e["coef"]
    expected = 100 * (ratio - 1)
    if _close(value, expected, 0.06):
        return None
    if _close(value, round(expected), 1e-9) or _close(value, 100 * (round(ratio, 2) - 1), 1e-9):
        return (
            "close, but rounded too far or read from the rounded table: compute "
            "100 * (churn_fit.table.loc['after_sales', 'odds_ratio'] − 1) and keep one decimal."
        )
    if _close(value, ratio - 1, 0.0005):
        return "right idea, but as a fraction: multiply by 100 to get percent."
    if _close(value, ratio, 0.01):
        return (
            "that is the odds ratio itself. Turn it into a percent change of the odds: "
            "100 * (odds_ratio − 1); a ratio of 0.8 means the odds fall by 20%, i.e. −20."
        )
    robustness = [100 * (e[k] - 1) for k in ("no_grace", "d90", "d365")]
    nearest_robust = min(abs(value - r) for r in robustness)
    if _close(value, coef, 0.0005) or (
        _close(value, 100 * coef, 0.06) and abs(value - 100 * coef) < nearest_robust
    ):
        return (
            "that is the logistic coefficient (a change in log-odds). Exponentiate it first: "
            "odds ratio = exp(coef), then 100 * (odds_ratio − 1)."
        )
    if _close(value, -expected, 0.06):
        return "right size, wrong sign: an odds ratio below 1 means the odds of churning fall."
    if _close(value, 100 * (1 / ratio - 1), 0.06):
        return (
            "you inverted the odds ratio (1 / OR): that is the change for one SD *less* "
            "satisfaction. Per +1 SD the odds are multiplied by the OR itself: 100 * (OR − 1)."
        )
    for key, label in (("no_grace", "180 d, no grace"), ("d90", "90 d"), ("d365", "365 d")):
        if _close(value, 100 * (e[key] - 1), 0.06) and not _close(e[key], ratio, 0.0006):
            return (
                f"that is the robustness table's 'truth, {label}' column; the question asks for "
                "the notebook's model, churn_fit (truth, 180 days, 30-day grace)."
            )
    if _close(value, 100 * (e["inactivity"] - 1), 0.06):
        return (
            "that is the model on observed inactivity; the question asks for churn_fit, the "
            "truth label (gone within 180 days, 30-day grace)."
        )
    for element, other in e["others"].items():
        if _close(value, 100 * (other - 1), 0.06):
            return (
                f"that is the row of {element}; the question asks about after_sales "
                "(churn_fit.table.loc['after_sales', 'odds_ratio'])."
            )
    if _close(value, 100 * ratio, 0.06):
        return (
            "that is the odds ratio written as a percentage (the new odds are that share of the "
            "old ones); the *change* is 100 * (odds_ratio − 1)."
        )
    if _close(value, ratio - 1, 0.001):
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


def _quadrants_expected() -> dict[str, str]:
    ipa = importance_performance(DELIVERY_APP["importance"], DELIVERY_APP["performance"])
    return {str(k): str(v) for k, v in ipa["quadrant"].items()}


@exercise(
    "04.6",
    "In the delivery-app table, which quadrant is each of the four elements in?",
    success="Invest where it matters and is done poorly; maintain where it matters and is done well.",
    expected=lambda: _quadrants_expected(),
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
    if given == midpoint:
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
    if given == swapped:
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


# --- 04.2 -----------------------------------------------------------------------------------


def _group_answers(channel: str) -> pd.Series:
    shop = _shop()
    m = shop.surveys.merge(shop.customers[["customer_id", "acquisition_channel"]], on="customer_id")
    return m.loc[m["acquisition_channel"] == channel, "nps"]


@cache
def _diff_parts() -> dict[str, Any]:
    a, b = (_group_answers(g) for g in DIFF_GROUPS)
    d = nps_difference(a, b)
    ra, rb = nps(a), nps(b)
    se_a, se_b = (ra.ci_high - ra.ci_low) / 2, (rb.ci_high - rb.ci_low) / 2  # half-widths, points
    diff = float(d["difference"])

    def no_square(s: pd.Series) -> float:
        return float(((s >= 9).mean() + (s <= 6).mean()) / s.size)

    half_binom = 1.959964 * 100 * (no_square(a) + no_square(b)) ** 0.5
    return {
        "ci": (float(d["ci_low"]), float(d["ci_high"])),
        "diff": diff,
        "sum_of_halves": (diff - se_a - se_b, diff + se_a + se_b),
        "no_square": (diff - half_binom, diff + half_binom),
        "z90": (diff - 1.644854 * d["se"], diff + 1.644854 * d["se"]),
        "ci_a": (ra.ci_low, ra.ci_high),
        "ci_b": (rb.ci_low, rb.ci_high),
        "se": float(d["se"]),
    }


def _pair(answer: Any) -> tuple[float, float]:
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, (str, bytes, Mapping)) or not hasattr(answer, "__len__"):
        raise TypeError(f"expected a pair (low, high) of numbers, got {type(answer).__name__}")
    if len(answer) != 2:
        raise TypeError(f"expected a pair (low, high) of two numbers, got {len(answer)} value(s)")
    return as_number(answer[0]), as_number(answer[1])


def _close_pair(a: tuple[float, float], b: tuple[float, float], tol: float) -> bool:
    return _close(a[0], b[0], tol) and _close(a[1], b[1], tol)


@exercise(
    "04.2",
    "By hand: the 95% confidence interval, in points, of the NPS difference social − search_ads "
    "(acquisition channel). A pair (low, high), two decimals.",
    success="The interval of a difference is narrower than the two intervals side by side: "
    "√(SE₁² + SE₂²) < SE₁ + SE₂. Judge a gap by this interval, never by whether two intervals overlap.",
    expected=lambda: _diff_parts()["ci"],
)
def _difference_ci(answer: Any) -> str | None:
    low, high = _pair(answer)
    e = _diff_parts()
    if _close_pair((low, high), e["ci"], 0.006):
        return None
    if _close_pair((low, high), e["ci"], 0.06):
        return "close, but keep two decimals (the check allows ±0.006 points)."
    if low > high:
        return "give the lower bound first: (low, high)."
    if _close_pair((-high, -low), e["ci"], 0.006):
        return (
            "you computed search_ads − social; the question asks for social − search_ads "
            "(the sign of the difference flips, the width does not)."
        )
    if _close_pair((low, high), e["sum_of_halves"], 0.06):
        return (
            "you added the two groups' half-widths: that is the 'do the intervals overlap?' rule, "
            "and it is too wide. Variances add, not standard errors: SE = √(SE₁² + SE₂²)."
        )
    if _close_pair((low, high), e["no_square"], 0.006):
        return (
            "you left out the −(p_pro − p_det)² term: NPS is a difference of two shares from the "
            "same answers, and its variance is (p_pro + p_det − (p_pro − p_det)²) / n."
        )
    if _close_pair((low, high), e["z90"], 0.006):
        return "that is a 90% interval (z = 1.645); a 95% interval uses z = 1.96."
    if _close_pair((low, high), e["ci_a"], 0.06) or _close_pair((low, high), e["ci_b"], 0.06):
        return (
            "that is one group's own NPS interval; the question asks for the interval of the "
            "difference between the two groups."
        )
    half = (e["ci"][1] - e["ci"][0]) / 2
    if _close((low + high) / 2, e["diff"], 0.006) and _close(
        (high - low) / 2, half / 1.959964, 0.006
    ):
        return "that is ± one standard error (about 68%); a 95% interval is ± 1.96 standard errors."
    if _close((low + high) / 2, e["diff"], 0.006) and _close((high - low) / 2, half / 100, 0.006):
        return (
            "the centre is right but the interval is 100 times too narrow: the variance is in "
            "shares, so multiply √(Var₁ + Var₂) by 100 (and by 1.96) to get points."
        )
    if _close(100 * low, e["ci"][0], 0.06) and _close(100 * high, e["ci"][1], 0.06):
        return "you gave shares; NPS differences are in points: multiply by 100."
    return (
        "for each channel: NPS = 100·(p_pro − p_det) and Var = (p_pro + p_det − (p_pro − p_det)²) / n; "
        "then difference ± 1.96 × 100 × √(Var_social + Var_search_ads)."
    )


# --- 04.3 -----------------------------------------------------------------------------------


@cache
def _prca_parts() -> dict[str, Any]:
    surveys = _shop().surveys
    prca = penalty_reward(surveys, target="nps")
    gain = prca["penalty"] * prca["n_low"] / len(surveys)
    return {
        "best": str(gain.idxmax()),
        "largest_penalty": str(prca["penalty"].idxmax()),
        "largest_reward": str(prca["reward"].idxmax()),
        "largest_beta": str(driver_regression(surveys, target="nps").table["coef"].idxmax()),
        "largest_lmg": str(relative_importance(surveys, target="nps")["lmg"].idxmax()),
        "most_low": str(prca["n_low"].idxmax()),
        "must_be": [str(e) for e in prca.index[prca["kano"] == "must-be"]],
        "gain": gain.round(3).to_dict(),
    }


def _element(answer: Any) -> str:
    if not isinstance(answer, str):
        raise TypeError(
            f'expected one element\'s column name as text, e.g. "culture", got {type(answer).__name__}'
        )
    return as_choice(answer, ELEMENTS)


@exercise(
    "04.3",
    "Decide: lifting every customer who scores one element 1–2 to the middle — which element's "
    "programme raises the average NPS answer most (penalty × share of low scorers)?",
    success="The gain of fixing the bottom is penalty × how many are at the bottom: importance and "
    "performance in one number, and only the low end of the scale counts for a must-be element.",
    expected=lambda: _prca_parts()["best"],
)
def _lift_low_scorers(answer: Any) -> str | None:
    name = _element(answer)
    e = _prca_parts()
    if name == e["best"]:
        return None
    gains = ", ".join(f"{k} {v:+.3f}" for k, v in e["gain"].items())
    if name == e["largest_penalty"]:
        return (
            "that element has the largest penalty per customer, but fewer customers score it low; "
            f"the programme's gain is penalty × share of low scorers ({gains} points)."
        )
    if name == e["largest_beta"] or name == e["largest_lmg"]:
        return (
            "that is the element with the largest linear (or LMG) importance: it mixes the effect "
            "of low and of high scores. The programme only lifts low scorers: use the penalty, "
            "times the share who score 1–2."
        )
    if name == e["largest_reward"]:
        return (
            "that element has the largest *reward*, the gain of a high score; the programme lifts "
            "low scorers to the middle, so what counts is the *penalty*, times the share of low scorers."
        )
    if name == e["most_low"]:
        return (
            "that element has the most low scorers, but a smaller penalty per customer; multiply the "
            f"two ({gains} points)."
        )
    return f"compute penalty × n_low / number of answers for each element ({gains}) and take the largest."


# --- 04.5 -----------------------------------------------------------------------------------


@exercise(
    "04.5",
    "Critique: 'solving a problem at first contact makes customers happier than no problem'. "
    "Which letter names the flaw?",
    success="The customers served well at the first contact were already the more satisfied ones: "
    "service quality drives both. De Matos, Henrique & Rossi (2007) find a recovery paradox for "
    "satisfaction in some studies but none for repurchase or loyalty; preventing problems still pays.",
    expected=lambda: "b",
)
def _recovery_critique(answer: Any) -> str | None:
    letter = as_letter(answer, RECOVERY_CHOICES)
    if letter == "b":
        return None
    return {
        "a": (
            "the generator has no recovery effect at all, yet the pattern appears: in the truth the "
            "customers whose tickets were solved at once had higher latent after-sales satisfaction "
            "and service quality *before* any ticket. The comparison is confounded (selection)."
        ),
        "c": (
            "the two intervals in the notebook's table do not even come close: the gap is far "
            "larger than its sampling error. The problem is not chance but *who* ends up in each "
            "group."
        ),
        "d": (
            "the ticket history is measured before the survey, so the score cannot cause it. The "
            "common cause is the service quality a customer gets, which raises both first-contact "
            "resolution and satisfaction (see service_quality in the truth table)."
        ),
    }[letter]
