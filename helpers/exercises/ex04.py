"""Exercises of notebook 04 (Satisfaction and online support), in the order of the notebook:

* 04.1 (build) the NPS by hand;
* 04.2 (build) the 95% interval of an NPS *difference* (social − search ads), not overlapping intervals;
* 04.3 (decide) which element's low scorers to lift first, from penalty–reward analysis;
* 04.4 reading an odds ratio as a percent change of the odds;
* 04.5 (critique) the "service-recovery paradox" as selection;
* 04.6 (decide) the importance–performance quadrants of a made-up delivery app.

Expected answers are computed from the shop data (or, for 04.6, from the small table given in the
question) with :mod:`helpers.satisfaction`, never typed in. Every hint is written in both languages
(``choose(en=..., ko=...)``); the Korean edition (한국어판) shows the Korean one.

Examples
--------
>>> from helpers.checks import verify
>>> from helpers.language import set_language
>>> verify("04.6", {"product_design": "Possible overkill"}).status
'wrong'
>>> set_language("ko")
>>> "요소" in verify("04.6", {"product_design": "Possible overkill"}).message
True
>>> set_language(None)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_choice, as_letter, as_number, exercise, read_only
from helpers.language import choose
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


def _kind_hint(err: TypeError) -> str:
    """The hint for an answer of the wrong kind, from an answer reader's ``TypeError("expected ...")``.

    The same text the framework shows for such an error (the message and a full stop); the readers
    of this module write their message with ``choose``, so it comes in the reader's language.
    """
    return str(err) + "."


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
    question_ko="쇼핑몰의 설문 응답 전체로 구한 순추천지수(NPS)는 점수 단위(−100…100)로 얼마입니까? "
    "소수점 아래 둘째 자리까지.",
    success_ko="추천 고객 비율에서 비추천 고객 비율을 뺍니다. 중립 고객은 분모에만 들어가고 어느 "
    "집단에도 속하지 않습니다.",
)
def _nps_by_hand(answer: Any) -> str | None:
    value = as_number(answer)
    p = _nps_parts()
    if _close(value, p["nps"], 0.005):
        return None
    if _close(value, p["nps"], 0.5) and _close(value, round(p["nps"], 1), 1e-9):
        return choose(
            en="that is the rounded print-out (one decimal); compute it with pandas and keep at "
            "least two decimals (the check allows ±0.005 points).",
            ko="반올림해 출력된 값(소수점 아래 한 자리)입니다. pandas로 직접 계산하고 소수점 아래 "
            "둘째 자리 이상까지 남기십시오(채점은 ±0.005점까지 허용합니다).",
        )
    if _close(value * 100, p["nps"], 0.05):
        return choose(
            en="you gave a share; NPS is quoted in points: multiply by 100 (e.g. 0.23 → 23).",
            ko="비율로 답했습니다. NPS는 점수 단위로 씁니다. 100을 곱하십시오(예: 0.23 → 23).",
        )
    if _close(value, -p["nps"], 0.05):
        return choose(
            en="right size, wrong sign: NPS is promoters minus detractors, not the other way round.",
            ko="크기는 맞지만 부호가 반대입니다. NPS는 추천 고객에서 비추천 고객을 빼는 것이지, "
            "그 반대가 아닙니다.",
        )
    if _close(value, p["pro_minus_pas"], 0.05):
        return choose(
            en="you subtracted the passives (7–8). NPS = % promoters (9–10) − % detractors (0–6); "
            "passives only count in the denominator.",
            ko="중립 고객(7–8점)을 뺐습니다. NPS = 추천 고객 비율(%, 9–10점) − 비추천 고객 "
            "비율(%, 0–6점)이며, 중립 고객은 분모에만 들어갑니다.",
        )
    if _close(value, p["mean"], 0.05) or _close(value, 10 * p["mean"], 0.5):
        return choose(
            en="that is an average of the 0–10 answers. NPS ignores the exact score: it counts "
            "promoters (9–10) and detractors (0–6) and subtracts their percentages.",
            ko="0–10점 응답의 평균입니다. NPS는 정확한 점수를 쓰지 않습니다. 추천 고객(9–10점)과 "
            "비추천 고객(0–6점)을 세어 그 비율(%)끼리 뺍니다.",
        )
    if _close(value, p["promoters"], 0.05):
        return choose(
            en="that is the percentage of promoters only; subtract the percentage of detractors "
            "(0–6).",
            ko="추천 고객의 비율(%)만 구했습니다. 비추천 고객(0–6점)의 비율을 빼십시오.",
        )
    if _close(value, p["det_le5"], 0.05):
        return choose(
            en="a 6 is a detractor too: detractors are 0–6 inclusive.",
            ko="6점도 비추천 고객입니다. 비추천 고객은 0점부터 6점까지(6점 포함)입니다.",
        )
    if _close(value, p["pro_ge8"], 0.05):
        return choose(
            en="an 8 is a passive: promoters are only 9 and 10.",
            ko="8점은 중립 고객입니다. 추천 고객은 9점과 10점뿐입니다.",
        )
    if _close(value, p["pro_only10"], 0.05):
        return choose(
            en="a 9 is a promoter too: promoters are 9 and 10 (use >= 9, not > 9).",
            ko="9점도 추천 고객입니다. 추천 고객은 9점과 10점입니다(> 9가 아니라 >= 9를 쓰십시오).",
        )
    if _close(value, p["det_le7"], 0.05):
        return choose(
            en="a 7 is a passive: detractors are 0–6 only.",
            ko="7점은 중립 고객입니다. 비추천 고객은 0–6점뿐입니다.",
        )
    if _close(value, p["pro_minus_det_counts"], 0.5):
        return choose(
            en="you subtracted counts; divide each count by the number of answers first "
            "(percentages).",
            ko="인원수끼리 뺐습니다. 먼저 각 인원수를 응답 수로 나누어 비율(%)로 바꾸십시오.",
        )
    if _close(value, p["nps"], 0.5):
        return choose(
            en="very close, but it looks rounded: compute it with pandas and keep at least two "
            "decimals (the check allows ±0.005 points).",
            ko="아주 가깝지만 반올림한 값으로 보입니다. pandas로 직접 계산하고 소수점 아래 둘째 "
            "자리 이상까지 남기십시오(채점은 ±0.005점까지 허용합니다).",
        )
    return choose(
        en="count promoters (nps >= 9) and detractors (nps <= 6), turn both into percentages of "
        "all answers, and subtract: 100 * ((s >= 9).mean() - (s <= 6).mean()).",
        ko="추천 고객(nps >= 9)과 비추천 고객(nps <= 6)을 세고, 둘 다 전체 응답에 대한 비율(%)로 "
        "바꾼 다음 빼십시오: 100 * ((s >= 9).mean() - (s <= 6).mean()).",
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
    question_ko="사후 서비스 만족도가 +1 SD 높아질 때 이탈의 오즈는 몇 퍼센트 바뀝니까(노트북의 "
    "180일 모형)? 소수점 아래 한 자리까지.",
    success_ko="오즈비가 r이면 오즈에 r이 곱해집니다. 곧 100·(r − 1)퍼센트만큼 바뀝니다.",
)
def _read_odds_ratio(answer: Any) -> str | None:
    value = as_number(answer)
    e = _after_sales_odds()
    ratio, coef = e["model"], e["coef"]
    expected = 100 * (ratio - 1)
    if _close(value, expected, 0.06):
        return None
    if _close(value, round(expected), 1e-9) or _close(value, 100 * (round(ratio, 2) - 1), 1e-9):
        return choose(
            en="close, but rounded too far or read from the rounded table: compute "
            "100 * (churn_fit.table.loc['after_sales', 'odds_ratio'] − 1) and keep one decimal.",
            ko="가깝지만 너무 많이 반올림했거나 반올림된 표에서 읽었습니다. "
            "100 * (churn_fit.table.loc['after_sales', 'odds_ratio'] − 1)을 계산하고 소수점 아래 "
            "한 자리까지 남기십시오.",
        )
    if _close(value, ratio - 1, 0.0005):
        return choose(
            en="right idea, but as a fraction: multiply by 100 to get percent.",
            ko="생각은 맞지만 소수(비율)로 답했습니다. 100을 곱해 퍼센트로 바꾸십시오.",
        )
    if _close(value, ratio, 0.01):
        return choose(
            en="that is the odds ratio itself. Turn it into a percent change of the odds: "
            "100 * (odds_ratio − 1); a ratio of 0.8 means the odds fall by 20%, i.e. −20.",
            ko="오즈비 그 자체입니다. 이를 오즈의 퍼센트 변화로 바꾸십시오: 100 * (odds_ratio − 1). "
            "오즈비 0.8은 오즈가 20% 줄어든다는 뜻, 곧 −20입니다.",
        )
    robustness = [100 * (e[k] - 1) for k in ("no_grace", "d90", "d365")]
    nearest_robust = min(abs(value - r) for r in robustness)
    if _close(value, coef, 0.0005) or (
        _close(value, 100 * coef, 0.06) and abs(value - 100 * coef) < nearest_robust
    ):
        return choose(
            en="that is the logistic coefficient (a change in log-odds). Exponentiate it first: "
            "odds ratio = exp(coef), then 100 * (odds_ratio − 1).",
            ko="로지스틱 회귀 계수(로그 오즈의 변화)입니다. 먼저 지수 함수를 취하십시오: 오즈비 = "
            "exp(coef), 그다음 100 * (odds_ratio − 1).",
        )
    if _close(value, -expected, 0.06):
        return choose(
            en="right size, wrong sign: an odds ratio below 1 means the odds of churning fall.",
            ko="크기는 맞지만 부호가 반대입니다. 오즈비가 1보다 작으면 이탈의 오즈가 줄어듭니다.",
        )
    if _close(value, 100 * (1 / ratio - 1), 0.06):
        return choose(
            en="you inverted the odds ratio (1 / OR): that is the change for one SD *less* "
            "satisfaction. Per +1 SD the odds are multiplied by the OR itself: 100 * (OR − 1).",
            ko="오즈비를 뒤집었습니다(1 / OR). 그것은 만족도가 한 SD *낮아질* 때의 변화입니다. "
            "+1 SD마다 오즈에는 OR 자체가 곱해집니다: 100 * (OR − 1).",
        )
    for key, label in (("no_grace", "180 d, no grace"), ("d90", "90 d"), ("d365", "365 d")):
        if _close(value, 100 * (e[key] - 1), 0.06) and not _close(e[key], ratio, 0.0006):
            return choose(
                en=f"that is the robustness table's 'truth, {label}' column; the question asks for "
                "the notebook's model, churn_fit (truth, 180 days, 30-day grace).",
                ko=f"강건성 표의 'truth, {label}' 열입니다. 문제는 노트북의 모형 churn_fit(정답 "
                "이탈 정의, 180일, 30일 유예)을 묻습니다.",
            )
    if _close(value, 100 * (e["inactivity"] - 1), 0.06):
        return choose(
            en="that is the model on observed inactivity; the question asks for churn_fit, the "
            "truth label (gone within 180 days, 30-day grace).",
            ko="관측된 비활동으로 만든 모형입니다. 문제는 정답 이탈 정의(180일 안에 떠남, 30일 "
            "유예)로 만든 churn_fit을 묻습니다.",
        )
    for element, other in e["others"].items():
        if _close(value, 100 * (other - 1), 0.06):
            return choose(
                en=f"that is the row of {element}; the question asks about after_sales "
                "(churn_fit.table.loc['after_sales', 'odds_ratio']).",
                ko=f"{element}의 행입니다. 문제는 after_sales를 묻습니다 "
                "(churn_fit.table.loc['after_sales', 'odds_ratio']).",
            )
    if _close(value, 100 * ratio, 0.06):
        return choose(
            en="that is the odds ratio written as a percentage (the new odds are that share of the "
            "old ones); the *change* is 100 * (odds_ratio − 1).",
            ko="오즈비를 퍼센트로 쓴 것입니다(새 오즈가 원래 오즈의 몇 %인가). *변화*는 "
            "100 * (odds_ratio − 1)입니다.",
        )
    if _close(value, ratio - 1, 0.001):
        return choose(
            en="right idea, but as a fraction: multiply by 100 to get percent.",
            ko="생각은 맞지만 소수(비율)로 답했습니다. 100을 곱해 퍼센트로 바꾸십시오.",
        )
    return choose(
        en="take the after_sales odds ratio from the churn model's table and compute "
        "100 * (OR − 1): negative when satisfaction protects against churn.",
        ko="이탈 모형의 표에서 after_sales의 오즈비를 읽고 100 * (OR − 1)을 계산하십시오. 만족도가 "
        "이탈을 막아 준다면 음수입니다.",
    )


def _as_mapping(answer: Any) -> dict[str, str]:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        raise TypeError(
            choose(
                en=f"expected a dict from element to quadrant name, got {type(answer).__name__}",
                ko=f"요소에서 사분면 이름으로 가는 dict가 필요합니다. 받은 답의 형태: "
                f"{type(answer).__name__}",
            )
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
    question_ko="배달 앱 표에서 네 요소는 각각 어느 사분면에 있습니까?",
    success_ko="중요한데 못하고 있는 곳에 투자하고, 중요하고 잘하고 있는 곳은 유지합니다.",
)
def _pick_quadrants(answer: Any) -> str | None:
    canonical = {name.lower(): name for name in QUADRANTS.values()}
    try:
        mapping = _as_mapping(answer)
    except TypeError as err:
        return _kind_hint(err)
    given = {k: canonical.get(v.lower(), v) for k, v in mapping.items()}
    if set(given) != set(ELEMENTS):
        return choose(
            en=f"give one entry for each element: {list(ELEMENTS)} (you gave {sorted(given)}).",
            ko=f"요소마다 하나씩 답하십시오: {list(ELEMENTS)} (여러분의 답: {sorted(given)}).",
        )
    names = set(QUADRANTS.values())
    unknown = sorted(set(given.values()) - names)
    if unknown:
        return choose(
            en=f"use the quadrant names exactly: {sorted(names)} (not {unknown}).",
            ko=f"사분면 이름은 영어 이름을 그대로 쓰십시오: {sorted(names)} ({unknown}은(는) 아닙니다).",
        )
    ipa = importance_performance(DELIVERY_APP["importance"], DELIVERY_APP["performance"])
    expected = ipa["quadrant"].to_dict()
    wrong = sorted(e for e in ELEMENTS if given[e] != expected[e])
    if not wrong:
        return None
    midpoint = importance_performance(
        DELIVERY_APP["importance"], DELIVERY_APP["performance"], performance_cut=3.0
    )["quadrant"].to_dict()
    icut, pcut = ipa.attrs["importance_cut"], ipa.attrs["performance_cut"]
    if given == midpoint:
        return choose(
            en=f"you cut performance at the scale midpoint 3; the question puts the cross-hairs at "
            f"the means over the elements (performance {pcut:.2f}, importance {icut:.4f}).",
            ko=f"성과를 척도의 가운데인 3에서 잘랐습니다. 문제는 기준선을 네 요소의 평균에 "
            f"긋습니다(성과 {pcut:.2f}, 중요도 {icut:.4f}).",
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
        return choose(
            en="you swapped the axes: importance decides top/bottom, performance decides "
            "left/right.",
            ko="두 축을 바꾸었습니다. 위/아래는 중요도가, 왼쪽/오른쪽은 성과가 정합니다.",
        )
    if any(
        given[e] == "Concentrate here" and expected[e] == "Keep up the good work" for e in wrong
    ):
        return choose(
            en="'Concentrate here' is for elements that matter *and* are done poorly; an important "
            "element that already scores well is one to keep up.",
            ko="'Concentrate here'(집중 개선)는 중요하면서 *동시에* 못하고 있는 요소에 씁니다. 이미 "
            "점수가 좋은 중요한 요소는 'Keep up the good work'(현 수준 유지)입니다.",
        )
    return choose(
        en=f"check {wrong}: compare importance with its mean ({icut:.4f}) and "
        f"performance with its mean ({pcut:.2f}); high importance + low "
        "performance = Concentrate here, high + high = Keep up the good work, low + low = Low "
        "priority, low importance + high performance = Possible overkill.",
        ko=f"{wrong}을(를) 확인하십시오. 중요도를 그 평균({icut:.4f})과, 성과를 그 평균({pcut:.2f})과 "
        "비교합니다. 중요도 높음 + 성과 낮음 = Concentrate here, 높음 + 높음 = Keep up the good "
        "work, 낮음 + 낮음 = Low priority, 중요도 낮음 + 성과 높음 = Possible overkill.",
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
    if isinstance(answer, (str, bytes, Mapping, pd.DataFrame)) or not hasattr(answer, "__len__"):
        raise TypeError(
            choose(
                en=f"expected a pair (low, high) of numbers, got {type(answer).__name__}",
                ko=f"숫자 두 개의 쌍 (low, high)이 필요합니다. 받은 답의 형태: "
                f"{type(answer).__name__}",
            )
        )
    if len(answer) != 2:
        raise TypeError(
            choose(
                en=f"expected a pair (low, high) of two numbers, got {len(answer)} value(s)",
                ko=f"숫자 두 개의 쌍 (low, high)이 필요합니다. 받은 값의 개수: {len(answer)}",
            )
        )
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
    question_ko="직접 계산하기: social − search_ads(유입 채널)의 NPS 차이에 대한 95% 신뢰구간을 점수 "
    "단위로 구하십시오. 쌍 (low, high), 소수점 아래 둘째 자리까지.",
    success_ko="차이의 신뢰구간은 두 신뢰구간을 나란히 놓은 것보다 좁습니다: "
    "√(SE₁² + SE₂²) < SE₁ + SE₂. 격차는 두 신뢰구간이 겹치는지가 아니라 언제나 이 신뢰구간으로 "
    "판단합니다.",
)
def _difference_ci(answer: Any) -> str | None:
    try:
        low, high = _pair(answer)
    except TypeError as err:
        return _kind_hint(err)
    e = _diff_parts()
    if _close_pair((low, high), e["ci"], 0.006):
        return None
    if _close_pair((low, high), e["ci"], 0.06):
        return choose(
            en="close, but keep two decimals (the check allows ±0.006 points).",
            ko="가깝지만 소수점 아래 둘째 자리까지 남기십시오(채점은 ±0.006점까지 허용합니다).",
        )
    if low > high:
        return choose(
            en="give the lower bound first: (low, high).",
            ko="하한을 먼저 쓰십시오: (low, high).",
        )
    if _close_pair((-high, -low), e["ci"], 0.006):
        return choose(
            en="you computed search_ads − social; the question asks for social − search_ads "
            "(the sign of the difference flips, the width does not).",
            ko="search_ads − social을 계산했습니다. 문제는 social − search_ads를 묻습니다(차이의 "
            "부호는 바뀌지만 폭은 바뀌지 않습니다).",
        )
    if _close_pair((low, high), e["sum_of_halves"], 0.06):
        return choose(
            en="you added the two groups' half-widths: that is the 'do the intervals overlap?' "
            "rule, and it is too wide. Variances add, not standard errors: SE = √(SE₁² + SE₂²).",
            ko="두 집단의 신뢰구간 반폭을 더했습니다. 그것은 '신뢰구간이 겹치는가?' 규칙이며 너무 "
            "넓습니다. 더해지는 것은 표준오차가 아니라 분산입니다: SE = √(SE₁² + SE₂²).",
        )
    if _close_pair((low, high), e["no_square"], 0.006):
        return choose(
            en="you left out the −(p_pro − p_det)² term: NPS is a difference of two shares from "
            "the same answers, and its variance is (p_pro + p_det − (p_pro − p_det)²) / n.",
            ko="−(p_pro − p_det)² 항을 빠뜨렸습니다. NPS는 같은 응답에서 나온 두 비율의 차이이고, 그 "
            "분산은 (p_pro + p_det − (p_pro − p_det)²) / n입니다.",
        )
    if _close_pair((low, high), e["z90"], 0.006):
        return choose(
            en="that is a 90% interval (z = 1.645); a 95% interval uses z = 1.96.",
            ko="90% 신뢰구간입니다(z = 1.645). 95% 신뢰구간은 z = 1.96을 씁니다.",
        )
    if _close_pair((low, high), e["ci_a"], 0.06) or _close_pair((low, high), e["ci_b"], 0.06):
        return choose(
            en="that is one group's own NPS interval; the question asks for the interval of the "
            "difference between the two groups.",
            ko="한 집단의 NPS 신뢰구간입니다. 문제는 두 집단 사이 차이의 신뢰구간을 묻습니다.",
        )
    half = (e["ci"][1] - e["ci"][0]) / 2
    if _close((low + high) / 2, e["diff"], 0.006) and _close(
        (high - low) / 2, half / 1.959964, 0.006
    ):
        return choose(
            en="that is ± one standard error (about 68%); a 95% interval is ± 1.96 standard "
            "errors.",
            ko="± 표준오차 하나(약 68%)입니다. 95% 신뢰구간은 ± 1.96 표준오차입니다.",
        )
    if _close((low + high) / 2, e["diff"], 0.006) and _close((high - low) / 2, half / 100, 0.006):
        return choose(
            en="the centre is right but the interval is 100 times too narrow: the variance is in "
            "shares, so multiply √(Var₁ + Var₂) by 100 (and by 1.96) to get points.",
            ko="가운데는 맞지만 신뢰구간이 100배 좁습니다. 분산은 비율 단위이므로 √(Var₁ + Var₂)에 "
            "100(그리고 1.96)을 곱해야 점수 단위가 됩니다.",
        )
    if _close(100 * low, e["ci"][0], 0.06) and _close(100 * high, e["ci"][1], 0.06):
        return choose(
            en="you gave shares; NPS differences are in points: multiply by 100.",
            ko="비율로 답했습니다. NPS 차이는 점수 단위입니다. 100을 곱하십시오.",
        )
    return choose(
        en="for each channel: NPS = 100·(p_pro − p_det) and Var = (p_pro + p_det − (p_pro − "
        "p_det)²) / n; then difference ± 1.96 × 100 × √(Var_social + Var_search_ads).",
        ko="채널마다 NPS = 100·(p_pro − p_det), Var = (p_pro + p_det − (p_pro − p_det)²) / n을 "
        "구한 다음, 차이 ± 1.96 × 100 × √(Var_social + Var_search_ads)를 계산하십시오.",
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
            choose(
                en='expected one element\'s column name as text, e.g. "culture", got '
                f"{type(answer).__name__}",
                ko='요소 하나의 열 이름을 텍스트로 답해야 합니다(예: "culture"). 받은 답의 '
                f"형태: {type(answer).__name__}",
            )
        )
    return as_choice(answer, ELEMENTS)


@exercise(
    "04.3",
    "Decide: lifting every customer who scores one element 1–2 to the middle — which element's "
    "programme raises the average NPS answer most (penalty × share of low scorers)?",
    success="The gain of fixing the bottom is penalty × how many are at the bottom: importance and "
    "performance in one number, and only the low end of the scale counts for a must-be element.",
    expected=lambda: _prca_parts()["best"],
    question_ko="판단하기: 어느 한 요소에 1–2점을 준 고객을 모두 가운데까지 끌어올린다면, 어떤 요소의 "
    "프로그램이 평균 NPS 응답을 가장 많이 높입니까(벌점 × 낮은 점수를 준 고객의 비율)?",
    success_ko="바닥을 고쳐서 얻는 이득은 벌점 × 바닥에 있는 고객의 수입니다. 중요도와 성과를 숫자 "
    "하나에 담은 것이며, 기본 요소(must-be)에서는 척도의 낮은 쪽만 중요합니다.",
)
def _lift_low_scorers(answer: Any) -> str | None:
    try:
        name = _element(answer)
    except TypeError as err:
        return _kind_hint(err)
    e = _prca_parts()
    if name == e["best"]:
        return None
    gains = ", ".join(f"{k} {v:+.3f}" for k, v in e["gain"].items())
    if name == e["largest_penalty"]:
        return choose(
            en="that element has the largest penalty per customer, but fewer customers score it "
            f"low; the programme's gain is penalty × share of low scorers ({gains} points).",
            ko="그 요소는 고객 한 명당 벌점이 가장 크지만, 낮은 점수를 준 고객이 더 적습니다. "
            f"프로그램의 이득은 벌점 × 낮은 점수를 준 고객의 비율입니다({gains}점).",
        )
    if name == e["largest_beta"] or name == e["largest_lmg"]:
        return choose(
            en="that is the element with the largest linear (or LMG) importance: it mixes the "
            "effect of low and of high scores. The programme only lifts low scorers: use the "
            "penalty, times the share who score 1–2.",
            ko="선형(또는 LMG) 중요도가 가장 큰 요소입니다. 그 중요도는 낮은 점수와 높은 점수의 "
            "효과를 섞어 놓은 것입니다. 프로그램은 낮은 점수를 준 고객만 끌어올리므로, 벌점에 "
            "1–2점을 준 고객의 비율을 곱해서 쓰십시오.",
        )
    if name == e["largest_reward"]:
        return choose(
            en="that element has the largest *reward*, the gain of a high score; the programme "
            "lifts low scorers to the middle, so what counts is the *penalty*, times the share of "
            "low scorers.",
            ko="그 요소는 높은 점수의 이득인 *보상*(reward)이 가장 큽니다. 프로그램은 낮은 점수를 준 "
            "고객을 가운데로 끌어올리므로, 중요한 것은 *벌점*(penalty)에 낮은 점수를 준 고객의 비율을 "
            "곱한 값입니다.",
        )
    if name == e["most_low"]:
        return choose(
            en="that element has the most low scorers, but a smaller penalty per customer; "
            f"multiply the two ({gains} points).",
            ko="그 요소는 낮은 점수를 준 고객이 가장 많지만, 고객 한 명당 벌점은 더 작습니다. 둘을 "
            f"곱하십시오({gains}점).",
        )
    return choose(
        en=f"compute penalty × n_low / number of answers for each element ({gains}) and take the "
        "largest.",
        ko=f"요소마다 벌점 × n_low / 응답 수를 계산하고({gains}) 가장 큰 것을 고르십시오.",
    )


# --- 04.5 -----------------------------------------------------------------------------------


@exercise(
    "04.5",
    "Critique: 'solving a problem at first contact makes customers happier than no problem'. "
    "Which letter names the flaw?",
    success="The customers served well at the first contact were already the more satisfied ones: "
    "service quality drives both. De Matos, Henrique & Rossi (2007) find a recovery paradox for "
    "satisfaction in some studies but none for repurchase or loyalty; preventing problems still pays.",
    expected=lambda: "b",
    question_ko="비판하기: '첫 문의에서 문제를 해결해 주면 고객은 문제가 없었을 때보다 더 만족한다.' "
    "어느 글자가 이 해석의 결함을 짚습니까?",
    success_ko="첫 문의에서 좋은 서비스를 받은 고객은 처음부터 더 만족한 고객이었습니다. 서비스 품질이 "
    "둘 다를 움직입니다. De Matos, Henrique & Rossi(2007)는 일부 연구에서 만족도에 대한 회복의 "
    "역설을 찾았지만 재구매나 충성도에 대해서는 찾지 못했습니다. 문제 예방은 여전히 이득입니다.",
)
def _recovery_critique(answer: Any) -> str | None:
    letter = as_letter(answer, RECOVERY_CHOICES)
    if letter == "b":
        return None
    return {
        "a": choose(
            en="the generator has no recovery effect at all, yet the pattern appears: in the truth "
            "the customers whose tickets were solved at once had higher latent after-sales "
            "satisfaction and service quality *before* any ticket. The comparison is confounded "
            "(selection).",
            ko="생성기에는 회복 효과가 전혀 없는데도 이 패턴이 나타납니다. 정답을 보면 티켓이 한 번에 "
            "해결된 고객은 어떤 티켓보다도 *먼저* 잠재 사후 서비스 만족도와 서비스 품질이 더 "
            "높았습니다. 이 비교는 교란되어 있습니다(선택 효과).",
        ),
        "c": choose(
            en="the two intervals in the notebook's table do not even come close: the gap is far "
            "larger than its sampling error. The problem is not chance but *who* ends up in each "
            "group.",
            ko="노트북 표의 두 신뢰구간은 가까이 가지도 않습니다. 격차는 표본오차보다 훨씬 큽니다. "
            "문제는 우연이 아니라 각 집단에 *누가* 들어가는가입니다.",
        ),
        "d": choose(
            en="the ticket history is measured before the survey, so the score cannot cause it. "
            "The common cause is the service quality a customer gets, which raises both "
            "first-contact resolution and satisfaction (see service_quality in the truth table).",
            ko="티켓 이력은 설문 전에 측정되므로 점수가 티켓 이력의 원인일 수는 없습니다. 공통 원인은 "
            "고객이 받는 서비스 품질이며, 이것이 첫 문의 해결률과 만족도를 함께 높입니다(정답 표의 "
            "service_quality를 보십시오).",
        ),
    }[letter]
