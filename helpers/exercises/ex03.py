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
from helpers.language import choose

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
    question_ko="유지율이 75%에서 80%로 오르면 닫힌 형태 CLV는 몇 원 오릅니까?",
    success_ko="유지율 5%포인트가 고객 한 명의 가치를 5분의 1 넘게 높입니다.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    before = retention_clv(MARGIN, RETENTION_BEFORE, DISCOUNT)
    after = retention_clv(MARGIN, RETENTION_AFTER, DISCOUNT)
    expected = after - before
    if abs(got - expected) <= 1:
        return None
    if abs(got * 1000 - expected) <= 1_000:
        return choose(
            en="give the change in KRW, not in thousands of KRW.",
            ko="변화량을 천 원 단위가 아니라 원 단위로 답하십시오.",
        )
    if abs(got - expected) <= 1_000:
        return choose(
            en="close, but rounded: give the change to the KRW (do not round to thousands).",
            ko="거의 맞았지만 반올림했습니다. 변화량을 원 단위까지 답하십시오(천 원 단위로 반올림하지 마십시오).",
        )
    if abs(got - after) <= 1 or abs(got - before) <= 1:
        return choose(
            en="that is a CLV, not the change: subtract the value at 75% from the value at 80%.",
            ko="그것은 변화량이 아니라 CLV입니다. 80%일 때의 값에서 75%일 때의 값을 빼십시오.",
        )
    if abs(got - 100 * expected / before) <= 0.5 or abs(got - expected / before) <= 0.005:
        return choose(
            en="that is the relative change; the question asks by how many KRW the CLV rises.",
            ko="그것은 상대적인 변화율입니다. 문제는 CLV가 몇 원 오르는지 묻습니다.",
        )
    no_discount = MARGIN * RETENTION_AFTER / (1 - RETENTION_AFTER) - MARGIN * RETENTION_BEFORE / (
        1 - RETENTION_BEFORE
    )
    if abs(got - no_discount) <= 1:
        return choose(
            en="you left out the discount rate: the formula is m·r/(1+d−r) with d = 0.10.",
            ko="할인율을 빠뜨렸습니다. 공식은 d = 0.10인 m·r/(1+d−r)입니다.",
        )
    start_of_year = (
        MARGIN
        * (1 + DISCOUNT)
        * (1 / (1 + DISCOUNT - RETENTION_AFTER) - 1 / (1 + DISCOUNT - RETENTION_BEFORE))
    )
    if abs(got - start_of_year) <= 1:
        return choose(
            en=(
                "you counted a margin at the start of each year; the workbook's convention is the "
                "end of each year the customer stays: CLV = m·r/(1+d−r)."
            ),
            ko=(
                "마진을 해마다 연초에 셌습니다. 워크북의 약속은 고객이 머무는 해마다 연말에 마진이 "
                "들어오는 것입니다: CLV = m·r/(1+d−r)."
            ),
        )
    if 0 < got < 1:
        return choose(
            en="give the change in KRW, not as a share.",
            ko="변화량을 비율이 아니라 원 단위로 답하십시오.",
        )
    return choose(
        en=(
            "compute retention_clv(50_000, 0.80, 0.10) − retention_clv(50_000, 0.75, 0.10) "
            "(rates as shares: 0.80, not 80)."
        ),
        ko=(
            "retention_clv(50_000, 0.80, 0.10) − retention_clv(50_000, 0.75, 0.10)을 계산하십시오"
            "(비율은 소수로: 80이 아니라 0.80)."
        ),
    )


@exercise(
    "03.2",
    "At which yearly retention rate does a 1% rise in retention raise CLV by 5% (d = 12%)?",
    success="Firms with retention near 90% sit right where Gupta, Lehmann & Stuart found 5%.",
    expected=lambda: (1 + GLS_DISCOUNT) * (1 - 1 / 5),
    tolerance=0.002,
    question_ko="유지율 1% 상승이 CLV를 5% 높이는 연간 유지율은 얼마입니까(d = 12%)?",
    success_ko="유지율이 90% 근처인 기업이 바로 Gupta, Lehmann & Stuart가 5%를 발견한 지점에 있습니다.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    expected = (1 + GLS_DISCOUNT) * (1 - 1 / 5)
    if 1 < got <= 100:
        return choose(
            en="give the retention rate as a share between 0 and 1 (0.9, not 90).",
            ko="유지율을 0과 1 사이의 소수로 답하십시오(90이 아니라 0.9).",
        )
    if not 0 < got < 1:
        return choose(
            en=(
                "a retention rate lies strictly between 0 and 1; solve (1+d)/(1+d−r) = 5 for r "
                "with d = 0.12."
            ),
            ko="유지율은 0과 1 사이에 있습니다. d = 0.12로 두고 (1+d)/(1+d−r) = 5를 r에 대해 푸십시오.",
        )
    if abs(retention_elasticity(got, GLS_DISCOUNT) - 5) <= 0.05:
        return None
    if abs(got - 0.8) < 1e-3:
        return choose(
            en="0.8 is where the elasticity is 5 without discounting; with d = 0.12 it is higher.",
            ko="0.8은 할인하지 않을 때 탄력성이 5가 되는 값입니다. d = 0.12이면 더 높습니다.",
        )
    if abs(got - expected) < 0.05:
        return choose(
            en="nearly: solve (1+d)/(1+d−r) = 5 exactly for r.",
            ko="거의 맞았습니다. (1+d)/(1+d−r) = 5를 r에 대해 정확히 푸십시오.",
        )
    return choose(
        en="set the elasticity (1+d)/(1+d−r) equal to 5 and solve for r, with d = 0.12.",
        ko="탄력성 (1+d)/(1+d−r)을 5로 놓고 d = 0.12에서 r을 구하십시오.",
    )


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
    question_ko="BG/NBD는 CDNOW 고객 1000이 다음 39주 동안 재구매를 몇 번 할 것으로 예상합니까?",
    success_ko="모형은 고객이 한 일과 그 고객이 얼마나 오래 조용했는지를 함께 저울질합니다.",
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    s, bg = _cdnow()
    row = s.loc[CUSTOMER]
    expected = _expected_03_3()
    if abs(got - expected) <= 0.01:
        return None
    if abs(got - expected) <= 0.06:
        return choose(
            en="close, but rounded too coarsely: give the model's number to at least two decimals.",
            ko="거의 맞았지만 너무 거칠게 반올림했습니다. 모형의 값을 소수점 둘째 자리 이상까지 답하십시오.",
        )
    if abs(got - bg.expected_purchases_new(HORIZON_WEEKS)) <= 0.01:
        return choose(
            en=(
                "that is the forecast for a brand-new customer (expected_purchases_new); use "
                "expected_purchases with customer 1000's own frequency, recency and T."
            ),
            ko=(
                "그것은 완전히 새로운 고객에 대한 예측(expected_purchases_new)입니다. 고객 1000 자신의 "
                "frequency, recency, T로 expected_purchases를 쓰십시오."
            ),
        )
    if abs(got - bg.prob_alive(row["frequency"], row["recency"], row["T"])) <= 0.005:
        return choose(
            en="that is her P(alive), a probability; the question asks for expected purchases.",
            ko="그것은 이 고객의 P(alive), 즉 확률입니다. 문제는 기대 구매 횟수를 묻습니다.",
        )
    naive = row["frequency"] / row["T"] * HORIZON_WEEKS
    if abs(got - naive) <= 0.05:
        return choose(
            en=(
                "you extrapolated her past purchase rate; the model also allows that she may have "
                "stopped buying (see prob_alive)."
            ),
            ko=(
                "과거의 구매율을 그대로 연장했습니다. 모형은 이 고객이 구매를 그만두었을 가능성도 "
                "고려합니다(prob_alive 참고)."
            ),
        )
    for weeks in (78, 52, 26, 12, 9):
        other = bg.expected_purchases(weeks, row["frequency"], row["recency"], row["T"])
        if abs(got - other) <= 0.01:
            return choose(
                en=f"that is the forecast for {weeks} weeks; the question asks for 39 weeks.",
                ko=f"그것은 {weeks}주에 대한 예측입니다. 문제는 39주를 묻습니다.",
            )
    if abs(got - row["frequency"]) < 1e-9:
        return choose(
            en="that is how many repeat purchases she made in the past 39 weeks, not a forecast.",
            ko="그것은 지난 39주 동안 이 고객이 한 재구매 횟수이지 예측이 아닙니다.",
        )
    others = s.iloc[[CUSTOMER - 1, CUSTOMER + 1]] if len(s) > CUSTOMER + 1 else s.iloc[[]]
    for _, other_row in others.iterrows():
        v = bg.expected_purchases(
            HORIZON_WEEKS, other_row["frequency"], other_row["recency"], other_row["T"]
        )
        if abs(got - v) <= 0.01 and abs(v - expected) > 0.01:
            return choose(
                en=(
                    "that is the forecast for a neighbouring row: select customer 1000 by her id "
                    "with cdnow.loc[1000], not by position (iloc)."
                ),
                ko=(
                    "그것은 이웃한 행에 대한 예측입니다. 고객 1000을 위치(iloc)가 아니라 ID로 "
                    "cdnow.loc[1000]처럼 고르십시오."
                ),
            )
    return choose(
        en="use bg.expected_purchases(39, frequency, recency, T) with customer 1000's row.",
        ko="고객 1000의 행으로 bg.expected_purchases(39, frequency, recency, T)를 쓰십시오.",
    )


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
    question_ko="CDNOW 고객 206과 211 가운데 누가 아직 활동 중일 가능성이 더 높습니까? (고객 ID)",
    success_ko=(
        "고객 211은 두어 주마다 사다가 20주 동안 조용해졌습니다. 그 고객에게 이런 침묵은 이례적이므로 "
        "아마 떠났을 것입니다. 한 번만 더 산 고객 206에게는 조용한 20주가 정상입니다."
    ),
)
def _(answer: Any) -> str | None:
    got = as_id(answer)  # refuses 206.7, "206", True, inf, ...
    if got not in PAIR:
        return choose(
            en=f"answer with one of the two ids, {PAIR[0]} or {PAIR[1]}.",
            ko=f"두 ID {PAIR[0]}, {PAIR[1]} 가운데 하나로 답하십시오.",
        )
    if got == _more_alive():
        return None
    return choose(
        en=(
            "both last bought about 18 weeks after their first purchase and are equally old; "
            "compare their frequency: is a long silence more surprising for a frequent buyer or a "
            "rare one? Check with bg.prob_alive."
        ),
        ko=(
            "두 고객 모두 첫 구매 약 18주 뒤에 마지막으로 구매했고 나이도 같습니다. 빈도를 비교해 "
            "보십시오. 긴 침묵은 자주 사는 고객과 드물게 사는 고객 중 누구에게 더 뜻밖입니까? "
            "bg.prob_alive로 확인하십시오."
        ),
    )


def _pair(answer: Any) -> tuple[float, float] | None:
    """The answer as (alpha, beta); None when it is not a pair (the checker then says so)."""
    if isinstance(answer, dict) and set(answer) == {"alpha", "beta"}:
        answer = (answer["alpha"], answer["beta"])
    if hasattr(answer, "to_numpy"):
        answer = tuple(answer.to_numpy().ravel())
    if isinstance(answer, np.ndarray):
        answer = tuple(answer.ravel())
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
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
    question_ko="직접 작성한 로그우도로 High End 코호트의 0–12년에 sBG를 적합하면 (alpha, beta)는?",
    success_ko=(
        "자료가 5년 늘어나자 추정값이 조금 움직입니다(0.668, 3.806 → 약 0.60, 3.33). 0–7년으로 한 "
        "예측은 좋았지만 완벽하지는 않았습니다."
    ),
)
def _(answer: Any) -> str | None:
    pair = _pair(answer)
    if pair is None:
        return choose(
            en="expected two numbers, (alpha, beta).",
            ko="숫자 두 개, 즉 (alpha, beta)를 답해야 합니다.",
        )
    a, b = pair
    counts, fit_all, fit_7 = _high_end()
    if abs(a - fit_all.alpha) <= 0.005 and abs(b - fit_all.beta) <= 0.005:
        return None
    if abs(b - fit_all.alpha) <= 0.005 and abs(a - fit_all.beta) <= 0.005:
        return choose(
            en="the numbers are right but swapped: give (alpha, beta), alpha first.",
            ko="숫자는 맞지만 순서가 바뀌었습니다. alpha를 먼저, (alpha, beta)로 답하십시오.",
        )
    if abs(a - fit_7.alpha) <= 0.005 and abs(b - fit_7.beta) <= 0.005:
        return choose(
            en=(
                "that is the fit on years 0–7 only; use all 13 counts, "
                "survivors.loc[0:12, 'high_end']."
            ),
            ko="그것은 0–7년만으로 한 적합입니다. 13개 값 전부, survivors.loc[0:12, 'high_end']를 쓰십시오.",
        )
    if abs(np.exp(a) - fit_all.alpha) <= 0.005 and abs(np.exp(b) - fit_all.beta) <= 0.005:
        return choose(
            en="those are log α and log β (what the optimiser searched over): take np.exp.",
            ko="그것은 log α와 log β(최적화 함수가 탐색한 값)입니다. np.exp를 적용하십시오.",
        )
    from helpers.data import load_sbg_survivors

    reg = load_sbg_survivors()["regular"].to_numpy(float)
    for fit in (fit_sbg(reg), fit_sbg(reg[:8])):
        if abs(a - fit.alpha) <= 0.005 and abs(b - fit.beta) <= 0.005:
            return choose(
                en="that is the Regular cohort; the question asks for the High End column.",
                ko="그것은 Regular 코호트입니다. 문제는 High End 열을 묻습니다.",
            )
    no_censored = _fit_sbg_counts(-np.diff(counts), np.zeros(len(counts)), "check")
    if abs(a - no_censored.alpha) <= 0.01 and abs(b - no_censored.beta) <= 0.01:
        return choose(
            en=(
                "you left out the customers still subscribed in year 12: they contribute "
                "survivors[12] · log S(12) to the log-likelihood."
            ),
            ko=(
                "12년 차에 아직 구독 중인 고객을 빠뜨렸습니다. 이들은 로그우도에 "
                "survivors[12] · log S(12)를 기여합니다."
            ),
        )
    return choose(
        en=(
            "maximise −Σ leavers_t·log P(T=t) − survivors_12·log S(12) over log α, log β, with "
            "P(T=t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β)."
        ),
        ko=(
            "log α, log β에 대해 −Σ leavers_t·log P(T=t) − survivors_12·log S(12)를 최적화하십시오. "
            "P(T=t) = B(α+1, β+t−1)/B(α, β), S(t) = B(α, β+t)/B(α, β)입니다."
        ),
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
    question_ko="0–7년에 적합한 sBG로 볼 때, High End 구독자 한 명의 획득에 최대 얼마(원)까지 써야 합니까?",
    success_ko=(
        "이 금액까지는 구독자를 획득하는 비용이 그 고객의 기대 수명 동안 회수됩니다. 1년 차 유지율을 "
        "일정하게 썼다면 훨씬 일찍 멈추라고 했을 것입니다."
    ),
)
def _(answer: Any) -> str | None:
    got = as_number(answer)
    expected = _acquisition_cap()
    if abs(got - expected) <= 500:
        return None
    if abs(got - expected) <= 0.01 * expected:
        return choose(
            en="close: sum far enough into the future (at least 300 years) and do not round.",
            ko="거의 맞았습니다. 충분히 먼 미래까지(적어도 300년) 더하고 반올림하지 마십시오.",
        )
    if abs(got - expected / SUBSCRIBER_MARGIN) <= 0.01:
        return choose(
            en="that is the value in years of margin; multiply by the 100,000 KRW margin.",
            ko="그것은 마진 몇 년 치로 나타낸 가치입니다. 마진 100,000원을 곱하십시오.",
        )
    counts, _, fit_7 = _high_end()
    constant = retention_clv(SUBSCRIBER_MARGIN, counts[1] / counts[0], DISCOUNT)
    if abs(got - constant) <= 0.01 * constant:
        return choose(
            en=(
                "that assumes the year-1 retention forever; under the sBG retention rises with "
                "tenure, so use Σ S(t)/1.1^t with the fitted survival curve."
            ),
            ko=(
                "그것은 1년 차 유지율이 영원히 이어진다고 가정한 값입니다. sBG에서는 유지율이 거래 "
                "기간과 함께 오르므로, 적합한 생존 곡선으로 Σ S(t)/1.1^t를 쓰십시오."
            ),
        )
    if (
        abs(got - expected * (1 + DISCOUNT)) <= 0.01 * expected
        or abs(got - expected - SUBSCRIBER_MARGIN) <= 0.01 * expected
    ):
        return choose(
            en=(
                "you counted a margin at the moment of acquisition (or did not discount the first "
                "year); the margin arrives at the end of each year she is still subscribed."
            ),
            ko=(
                "획득하는 순간에 마진을 셌습니다(또는 첫해를 할인하지 않았습니다). 마진은 고객이 "
                "아직 구독 중인 해마다 연말에 들어옵니다."
            ),
        )
    if got > 2 * expected:
        return choose(
            en="without discounting the sum does not settle; discount each year by 1/1.1^t.",
            ko="할인하지 않으면 합이 수렴하지 않습니다. 해마다 1/1.1^t로 할인하십시오.",
        )
    if got < 0.8 * expected:
        return choose(
            en=(
                "too low: are you valuing with a constant retention, or stopping the sum after a "
                "few years? Sum S(t)/1.1^t over t = 1, 2, ... for a long horizon."
            ),
            ko=(
                "너무 낮습니다. 일정한 유지율로 평가했거나 몇 년 뒤에 합을 멈추지 않았습니까? "
                "t = 1, 2, ...에 대해 긴 기간 동안 S(t)/1.1^t를 더하십시오."
            ),
        )
    return choose(
        en="compute 100,000 × Σ_{t≥1} S(t)/1.1^t with sbg['high_end'].survival(t).",
        ko="sbg['high_end'].survival(t)로 100,000 × Σ_{t≥1} S(t)/1.1^t를 계산하십시오.",
    )


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
    question_ko="쇼핑몰의 P(alive)를 전체 고객에 대한 AUC로 평가할 때 가장 큰 결함은 무엇입니까? (레이블)",
    success_ko=(
        "맞습니다. 재구매가 없는 고객은 모형의 가정 때문에 P(alive) = 1을 받으므로, 합친 AUC는 주로 "
        "이들이 정말 살아 있는지를 잽니다(이 쇼핑몰에서는 대부분 그렇지 않습니다). P(alive)는 재구매 "
        "고객 사이에서, 최근성 기준과 비교해 평가하고, 나머지 고객에게는 첫 구매 뒤의 이탈을 허용하는 "
        "모형을 쓰십시오."
    ),
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
        return choose(
            en=(
                "P(alive) is computed from purchases up to 30 June and compared with the truth at "
                "that date, which the model never saw; that is a fair check. Look instead at which "
                "customers get P(alive) = 1 whatever happened to them."
            ),
            ko=(
                "P(alive)는 6월 30일까지의 구매로 계산하고, 모형이 한 번도 보지 못한 그날의 정답과 "
                "비교합니다. 공정한 점검입니다. 그 대신 무슨 일이 있었든 P(alive) = 1을 받는 고객이 "
                "누구인지 보십시오."
            ),
        )
    if label == "truth-leak":
        return choose(
            en=(
                "the truth table is used only to score the model, after fitting; nothing leaked. "
                "Look at the customers without a repeat purchase: what P(alive) does BG/NBD give "
                "them?"
            ),
            ko=(
                "정답 표는 적합이 끝난 뒤 모형을 평가하는 데만 쓰였으므로 새어 나간 것이 없습니다. "
                "재구매가 없는 고객을 보십시오. BG/NBD는 이들에게 어떤 P(alive)를 줍니까?"
            ),
        )
    return choose(
        en=(
            "AUC is a fine measure of how well a score ranks active above departed customers; the "
            "problem is which customers are pooled into it (compare the AUC among repeat buyers)."
        ),
        ko=(
            "AUC는 점수가 활동 고객을 떠난 고객보다 얼마나 잘 위에 놓는지를 재는 좋은 척도입니다. "
            "문제는 어떤 고객들을 한데 합쳤느냐입니다(재구매 고객 사이의 AUC와 비교해 보십시오)."
        ),
    )
