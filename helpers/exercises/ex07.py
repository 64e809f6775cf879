"""Exercises of notebook 07 (Customer segmentation): build the k-means pipeline in plain
scikit-learn, decide on k, critique a reading of the ARI, decide on a core-customer rule from the
next period, and build the customer retention rate from a migration matrix.

Expected answers are computed with scikit-learn, :mod:`helpers.rfm`, :mod:`helpers.clv` and
:mod:`helpers.segments` from the data, never typed in. The settings below repeat the notebook's
choices so the checkers grade against the same analysis (the test suite runs every solution through
its check, so the two cannot drift apart). Every checker refuses NaN and infinite answers with a
hint that says so.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import as_choice, as_letter, as_number, exercise
from helpers.data import load_cdnow, load_shop
from helpers.language import choose
from helpers.rfm import rfm_scores, rfm_table
from helpers.segments import (
    choose_k,
    cluster_customers,
    cluster_stability,
    core_customers,
    migration_matrix,
    period_values,
    value_tiers,
)

FEATURES = ["recency", "frequency", "monetary"]
"""The k-means features of notebook 07 (log-scaled, then standardised)."""
K_RANGE = range(2, 9)
"""Candidate numbers of clusters in notebook 07."""
K_CHOSEN = 4
"""The number of clusters notebook 07 works with."""
K_BUILD = 5
"""Exercise 07.1 re-clusters with this k."""
SEED = 7
"""Seed of every k-means run in notebook 07."""
HALF_YEARS = ("1997-07-01", "1998-01-01", "1998-07-01")
"""The two consecutive CDNOW half-years compared: 1997H2 and 1998H1."""
CUTOFFS = {"VIP": 300, "Gold": 120, "Silver": 50, "Bronze": 0}
"""Half-year spend tiers (US dollars, minimum of each tier) used for CDNOW migration."""
ORDER = ["Bronze", "Silver", "Gold", "VIP"]
CORE_CUT = "2024-01-01"
"""Core customers are chosen on the shop's orders before this day and checked on the year after."""
CORE_RULES = ("revenue rule", "CLV rule", "RFM rule")
"""The three core-customer rules of notebook 07, by their names in ``core_check``."""
LETTERS = ("a", "b", "c", "d")


def _not_finite(value: float) -> str | None:
    """A hint for a NaN or infinite answer (None for a finite one)."""
    if math.isfinite(value):
        return None
    return choose(
        en=f"expected a finite number, got {value}: a NaN usually means an empty selection "
        "or a division by zero; print the pieces of your computation.",
        ko=f"유한한 숫자가 필요한데 {value}이(가) 나왔습니다. NaN은 대개 선택한 행이 없거나 0으로 "
        "나누었다는 뜻입니다. 계산의 각 부분을 출력해 확인해 보십시오.",
    )


@cache
def _features() -> pd.DataFrame:
    tx = load_cdnow("master")
    return rfm_table(tx, date_col="date", order_col=None)[FEATURES]


def _pipeline_labels(k: int, *, log: bool = True, scale: bool = True) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    x = _features().to_numpy(dtype=float)
    if log:
        x = np.log1p(x)
    if scale:
        x = StandardScaler().fit_transform(x)
    with threadpool_limits(1):
        return KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(x)


@cache
def _largest_shares() -> dict[str, float]:
    def share(labels: np.ndarray) -> float:
        return float(np.bincount(labels).max() / len(labels))

    return {
        "right": share(_pipeline_labels(K_BUILD)),
        "no_log": share(_pipeline_labels(K_BUILD, log=False)),
        "no_scale": share(_pipeline_labels(K_BUILD, scale=False)),
        "k4": share(_pipeline_labels(K_CHOSEN)),
        "count": float(np.bincount(_pipeline_labels(K_BUILD)).max()),
    }


@exercise(
    "07.1",
    "Re-cluster CDNOW with k = 5 in plain scikit-learn (log1p, StandardScaler, KMeans): the share of customers in the largest cluster?",
    success="The helper is three scikit-learn steps; the log and the scaling decide what 'close' means.",
    question_ko="CDNOW를 scikit-learn만으로(log1p, StandardScaler, KMeans) k = 5로 다시 군집화하면 가장 큰 군집에 속하는 고객의 비율은 얼마입니까?",
    success_ko="도우미 함수는 scikit-learn 세 단계일 뿐이며, 로그 변환과 표준화가 무엇을 '가깝다'고 볼지 정합니다.",
    expected=lambda: _largest_shares()["right"],
    tolerance=0.0005,
)
def _build_pipeline(answer: Any) -> str | None:
    value = as_number(answer)
    if (hint := _not_finite(value)) is not None:
        return hint
    s = _largest_shares()
    if abs(value - s["right"]) < 0.0005:
        return None
    if abs(value - s["count"]) < 0.5:
        return choose(
            en="that is the number of customers in the largest cluster; divide by all customers for a share.",
            ko="그것은 가장 큰 군집의 고객 수입니다. 비율을 구하려면 전체 고객 수로 나누십시오.",
        )
    if abs(value - 100 * s["right"]) < 0.05:
        return choose(
            en="give a share between 0 and 1, not a percentage.",
            ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if abs(value - s["no_log"]) < 0.0005:
        return choose(
            en="without log1p the few customers with huge frequency and spend decide the clusters; "
            "put FunctionTransformer(np.log1p) first.",
            ko="log1p가 없으면 빈도와 구매금액이 아주 큰 소수의 고객이 군집을 결정해 버립니다. "
            "FunctionTransformer(np.log1p)를 맨 앞에 두십시오.",
        )
    if abs(value - s["no_scale"]) < 0.0005:
        return choose(
            en="without StandardScaler recency (in days) outweighs frequency and spend; standardise "
            "after the log.",
            ko="StandardScaler가 없으면 (일 단위인) 최근성이 빈도와 구매금액보다 훨씬 큰 비중을 "
            "차지합니다. 로그 변환 뒤에 표준화하십시오.",
        )
    if abs(value - s["k4"]) < 0.0005:
        return choose(
            en="that is the k = 4 solution of the notebook; the exercise asks for n_clusters=5.",
            ko="그것은 노트북의 k = 4 결과입니다. 이 연습문제는 n_clusters=5를 요구합니다.",
        )
    if abs(value - round(s["right"], 2)) < 1e-9:
        return choose(
            en="almost: give the share to three decimals (or unrounded), not two.",
            ko="거의 맞았습니다. 비율을 소수 둘째 자리가 아니라 셋째 자리까지(또는 반올림하지 말고) 답하십시오.",
        )
    return choose(
        en="make_pipeline(FunctionTransformer(np.log1p), StandardScaler(), KMeans(n_clusters=5, "
        "n_init=10, random_state=SEED)).fit_predict(...), then np.bincount(labels).max() / len(labels).",
        ko="make_pipeline(FunctionTransformer(np.log1p), StandardScaler(), KMeans(n_clusters=5, "
        "n_init=10, random_state=SEED)).fit_predict(...)를 실행한 다음 "
        "np.bincount(labels).max() / len(labels)를 계산하십시오.",
    )


@cache
def _k_evidence() -> tuple[pd.DataFrame, pd.DataFrame]:
    f = _features()
    return choose_k(f, K_RANGE, random_state=SEED), cluster_stability(
        f, [3, 4, 5, 6], n_boot=10, random_state=SEED
    )


@exercise(
    "07.2",
    "Which number of clusters would you defend for CDNOW's campaign plan (a letter)?",
    success="k is a judgement: silhouette and stability inform it, use for the campaign decides it.",
    question_ko="CDNOW의 캠페인 계획을 위해 군집 수를 몇 개로 하자고 주장하겠습니까(기호 하나)?",
    success_ko="k는 판단의 문제입니다. 실루엣 계수와 안정성은 판단의 근거가 되고, 결정은 캠페인에 쓸모가 있는지가 내립니다.",
    expected=lambda: "c",
)
def _decide_k(answer: Any) -> str | None:
    letter = as_letter(answer, LETTERS)
    # the premises of "c" (silhouette and stability of k = 4) are asserted on the data by
    # tests/test_segments.py::test_decide_k_premises_hold, so a student's check stays instant
    if letter == "c":
        return None
    hints = {
        "a": choose(
            en="k = 2 does score the highest silhouette, but two clusters only split one-time buyers from "
            "repeat buyers: too coarse for a campaign plan, and a marketer knew that split already.",
            ko="k = 2의 실루엣 계수가 가장 높은 것은 맞지만, 군집 두 개는 한 번만 산 고객과 다시 산 고객을 "
            "나눌 뿐입니다. 캠페인 계획에는 너무 거칠고, 마케터가 이미 아는 구분입니다.",
        ),
        "b": choose(
            en="inertia always falls as k grows (more centres are always closer), so its minimum is "
            "simply the largest k tried; it cannot choose k.",
            ko="관성(inertia)은 k가 커질수록 언제나 줄어듭니다(중심이 많을수록 늘 더 가깝습니다). 그래서 "
            "관성이 가장 작은 k는 그저 시도한 k 가운데 가장 큰 값이며, 관성으로는 k를 고를 수 없습니다.",
        ),
        "d": choose(
            en="instability is a warning, not a virtue: clusters that change with the sample are noise, "
            "and a plan built on them would change every time it is refitted.",
            ko="불안정성은 장점이 아니라 경고입니다. 표본에 따라 바뀌는 군집은 잡음이며, 그 위에 세운 "
            "계획은 모형을 다시 적합할 때마다 바뀝니다.",
        ),
    }
    return hints[letter]


@cache
def _shop_ari() -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score

    from helpers.cleaning import clean_shop_orders

    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    rfm = rfm_table(orders, as_of="2025-01-01")
    signup = shop.customers.set_index("customer_id")["signup_date"]
    rfm["tenure"] = (pd.Timestamp("2025-01-01") - signup.reindex(rfm.index)).dt.days
    truth = shop.truth.set_index("customer_id").reindex(rfm.index)
    behaviour = cluster_customers(rfm[FEATURES + ["tenure"]], 4, random_state=SEED)
    oracle = cluster_customers(
        truth[["purchase_rate", "dropout_prob", "spend_scale"]], 4, random_state=SEED
    )
    return (
        float(adjusted_rand_score(truth["latent_segment"], oracle)),
        float(adjusted_rand_score(truth["latent_segment"], behaviour)),
    )


@exercise(
    "07.3",
    "A colleague says behavioural segmentation 'does not work' on the shop because its ARI is low: which reply does the evidence support (a letter)?",
    success="An ARI is read against the ceiling the truth itself allows, not against 1.",
    question_ko="동료가 쇼핑몰의 ARI가 낮으니 행동 기반 고객세분화는 '쓸모가 없다'고 말합니다. 근거가 뒷받침하는 대답은 무엇입니까(기호 하나)?",
    success_ko="ARI는 1이 아니라, 실제 정답 자체가 허용하는 상한과 비교해 읽습니다.",
    expected=lambda: "c",
)
def _critique_ari(answer: Any) -> str | None:
    letter = as_letter(answer, LETTERS)
    ceiling, behaviour = _shop_ari()
    if not behaviour < ceiling < 0.99:
        raise ValueError(
            "the ceiling no longer lies between the behavioural ARI and 1; revisit the exercise"
        )
    if letter == "c":
        return None
    hints = {
        "a": choose(
            en="an ARI is read against its ceiling, not against 1: k-means on the TRUE parameters "
            "recovers the hidden types well, so the method can separate them; what the behavioural "
            "features lack is information (a short, random purchase history), not a better algorithm.",
            ko="ARI는 1이 아니라 상한과 비교해 읽습니다. 실제(TRUE) 파라미터에 K-평균을 적용하면 숨은 "
            "유형을 잘 찾아내므로, 이 방법은 유형을 나눌 수 있습니다. 행동 변수에 모자란 것은 더 나은 "
            "알고리즘이 아니라 정보(짧고 우연에 좌우되는 구매 이력)입니다.",
        ),
        "b": choose(
            en="the Gaussian mixture's ARI is in the same table and close to k-means': a different "
            "algorithm on the same features cannot add the information a short purchase history lacks.",
            ko="가우스 혼합 모형의 ARI는 같은 표에 있으며 K-평균과 비슷합니다. 같은 변수에 다른 "
            "알고리즘을 쓴다고 해서 짧은 구매 이력에 없는 정보가 생기지는 않습니다.",
        ),
        "d": choose(
            en="the adjusted Rand index compares groupings, not names or numbers: it is the same whatever "
            "the clusters are called, which is exactly why it is used here.",
            ko="수정 랜드 지수(ARI)는 이름이나 번호가 아니라 묶음 자체를 비교합니다. 군집을 무엇이라 "
            "부르든 값이 같으며, 바로 그래서 여기서 쓰는 것입니다.",
        ),
    }
    return hints[letter]


@cache
def _core_check() -> pd.Series:
    """Share of 2024 revenue brought by each rule's group (all groups of the same size)."""
    from helpers import clv
    from helpers.cleaning import clean_shop_orders

    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    cut = pd.Timestamp(CORE_CUT)
    past = orders.loc[orders["order_date"] < cut]
    spend_past = past.groupby("customer_id")["amount"].sum()
    summary = clv.summary_from_transactions(past, observation_end=cut - pd.Timedelta(days=1))
    bgnbd = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary.loc[summary["frequency"] > 0]
    gg = clv.fit_gamma_gamma(repeat["frequency"], repeat["monetary"])
    value = clv.customer_lifetime_value(
        bgnbd, gg, summary["frequency"], summary["recency"], summary["T"], summary["monetary"]
    )
    rfm_score = rfm_scores(rfm_table(past, as_of=cut))["rfm_score"]
    n_core = int(core_customers(spend_past, share=0.5).sum())
    nxt = period_values(orders, CORE_CUT, "2025-01-01").reindex(spend_past.index, fill_value=0)
    out = {}
    for name, score in zip(CORE_RULES, (spend_past, value, rfm_score), strict=True):
        flag = score.rank(method="first", ascending=False).le(n_core)
        flag = flag.reindex(spend_past.index, fill_value=False)
        out[name] = nxt[flag].sum() / nxt.sum()
    return pd.Series(out)


@exercise(
    "07.4",
    "Which core-customer rule, chosen on 2022–23 with groups of equal size, brought the largest share of 2024 revenue (its name)?",
    success="A rule is objective when it survives the next period: accumulated spend alone rewards tenure and lucky years.",
    question_ko="2022–23년 데이터로 같은 크기의 집단을 고른 핵심고객 규칙 가운데 2024년 매출에서 가장 큰 비중을 차지한 규칙은 무엇입니까(그 이름)?",
    success_ko="규칙은 다음 기간에도 통할 때 객관적입니다. 누적 구매금액만 보면 오래 거래한 고객과 운 좋은 한 해를 보낸 고객이 유리해집니다.",
    expected=lambda: str(_core_check().idxmax()),
)
def _decide_core(answer: Any) -> str | None:
    share = _core_check()
    if not isinstance(answer, str):
        return choose(
            en=f"expected the rule's name as text, got {type(answer).__name__} {answer!r}.",
            ko=f"규칙의 이름을 텍스트로 답해야 하는데 {type(answer).__name__} {answer!r}을(를) 받았습니다.",
        )
    try:
        name = as_choice(answer, list(share.index))
    except TypeError:
        return choose(
            en=f"give one of the index labels of core_check exactly: {list(share.index)}.",
            ko=f"core_check의 인덱스 이름 가운데 하나를 그대로 적으십시오: {list(share.index)}.",
        )
    best = share.idxmax()
    if name == best:
        return None
    if name == CORE_RULES[0]:
        return choose(
            en="the revenue rule picks the customers with the largest accumulated spend, which rewards "
            "long tenure and one big year; judge the rules by the 2024 column of core_check, not by the "
            "share of the past revenue they were chosen on.",
            ko="revenue rule(매출 규칙)은 누적 구매금액이 가장 큰 고객을 고르므로 오래 거래한 고객과 "
            "한 해에 크게 산 고객이 유리해집니다. 규칙을 고를 때 쓴 과거 매출의 비중이 아니라 core_check의 "
            "2024년 열로 규칙을 판단하십시오.",
        )
    return choose(
        en=f"{name} is not the rule whose group brought the largest 'share of 2024 revenue'; read that "
        "column, not the past one (a rule always looks best on the data it was chosen on).",
        ko=f"{name}은(는) 'share of 2024 revenue'(2024년 매출 비중)가 가장 큰 규칙이 아닙니다. 과거 열이 "
        "아니라 그 열을 읽으십시오(규칙은 자신을 고른 데이터에서 언제나 가장 좋아 보입니다).",
    )


@cache
def _matrix() -> pd.DataFrame:
    tx = load_cdnow("master")
    start, middle, end = HALF_YEARS
    before = value_tiers(period_values(tx, start, middle, date_col="date"), cutoffs=CUTOFFS)
    after = value_tiers(period_values(tx, middle, end, date_col="date"), cutoffs=CUTOFFS)
    return migration_matrix(before, after, order=ORDER)


@exercise(
    "07.5",
    "From the CDNOW migration matrix 1997H2 → 1998H1: what share (0–1) of Silver customers were still customers in any tier?",
    success="Customer retention (1 − churn) counts everyone who stayed, whatever their tier; the same-tier rate (유지율, 등급 유지) is a part of it.",
    question_ko="CDNOW의 1997H2 → 1998H1 세그먼트 이동 행렬에서, Silver 고객 가운데 등급과 관계없이 여전히 고객으로 남은 비율(0–1)은 얼마입니까?",
    success_ko="고객 유지율(1 − 이탈률)은 등급과 관계없이 남은 고객을 모두 셉니다. 등급 유지율(노트의 유지율, 등급 유지)은 그 일부입니다.",
    expected=lambda: float(1 - _matrix().loc["Silver", "lost"] / _matrix().loc["Silver"].sum()),
    tolerance=0.0005,
)
def _customer_retention(answer: Any) -> str | None:
    value = as_number(answer)
    if (hint := _not_finite(value)) is not None:
        return hint
    row = _matrix().loc["Silver"]
    base = row.sum()
    expected = 1 - row["lost"] / base
    if abs(value - expected) < 0.0005:
        return None
    if abs(value - row["Silver"] / base) < 0.0005:
        return choose(
            en="that is the same-tier rate (stayed Silver, the notes' 유지율 as 등급 유지); a customer who "
            "moved to Bronze, Gold or VIP is still a customer.",
            ko="그것은 등급 유지율(Silver에 그대로 남은 비율, 노트의 유지율은 등급 유지를 뜻합니다)입니다. "
            "Bronze, Gold, VIP로 옮겨 간 고객도 여전히 고객입니다.",
        )
    if abs(value - row["lost"] / base) < 0.0005:
        return choose(
            en="that is the churn rate (lost); customer retention is its complement, 1 − churn.",
            ko="그것은 이탈률(lost)입니다. 고객 유지율은 그 나머지, 즉 1 − 이탈률입니다.",
        )
    if abs(value - (row["Gold"] + row["VIP"]) / base) < 0.0005:
        return choose(
            en="that is the upgrade rate; customer retention counts every tier, down, same and up.",
            ko="그것은 상승률입니다. 고객 유지율은 내려간 등급, 같은 등급, 올라간 등급을 모두 셉니다.",
        )
    if abs(value - (base - row["lost"]) / (base - row["lost"])) < 1e-9:
        return choose(
            en="you left the lost customers out of the base: divide by the whole Silver row, 'lost' included.",
            ko="분모에서 이탈 고객을 뺐습니다. 'lost'를 포함한 Silver 행 전체로 나누십시오.",
        )
    if abs(value - (1 - row["Silver"] / base)) < 0.0005:
        return choose(
            en="that is 1 − the same-tier rate: everyone who left the Silver tier, the lost customers "
            "included; customer retention is 1 − churn (only 'lost' is subtracted).",
            ko="그것은 1 − 등급 유지율로, 이탈 고객까지 포함해 Silver 등급을 떠난 모든 고객입니다. 고객 "
            "유지율은 1 − 이탈률입니다('lost'만 뺍니다).",
        )
    if abs(value - 100 * expected) < 0.05:
        return choose(
            en="give a share between 0 and 1, not a percentage.",
            ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if abs(value - round(expected, 2)) < 1e-9:
        return choose(
            en="almost: give the share to three decimals (or unrounded), not two.",
            ko="거의 맞았습니다. 비율을 소수 둘째 자리가 아니라 셋째 자리까지(또는 반올림하지 말고) 답하십시오.",
        )
    if not 0 <= value <= 1:
        return choose(
            en="give a share between 0 and 1: the Silver customers still buying in 1998H1 ÷ all Silver customers of 1997H2.",
            ko="0과 1 사이의 비율로 답하십시오: 1998H1에도 구매한 Silver 고객 수 ÷ 1997H2의 전체 Silver 고객 수.",
        )
    return choose(
        en="in the Silver row, add every tier column (not 'lost') and divide by the row total, 'lost' included.",
        ko="Silver 행에서 ('lost'를 뺀) 모든 등급 열을 더하고, 'lost'를 포함한 행 합계로 나누십시오.",
    )
