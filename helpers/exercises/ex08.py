"""Exercises of notebook 08 (eCRM): classify CRM tools, decide the mailing depth on incremental
profit, critique a response model with the randomised control, rebuild the churn label in pandas,
count a product rule by hand, and read the second-purchase window.

Expected answers are computed from the shop data with :mod:`helpers.ecrm` and
:mod:`helpers.uplift`, never typed in. The settings below repeat the notebook's choices so the
checkers grade against the same analysis (the test suite runs every solution through its check, so
the two cannot drift apart).
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from helpers import ecrm
from helpers.checks import as_choice, as_integer, as_mapping, as_number, exercise
from helpers.cleaning import clean_shop_orders
from helpers.data import load_shop
from helpers.idic import GROSS_MARGIN
from helpers.language import choose

SEED = 8
"""Seed of every model in notebook 08."""
TEST_FROM = "2024-01-01"
"""Campaigns sent before this date train the models; later ones test them."""
NUMERIC = (
    "recency",
    "frequency",
    "monetary",
    "avg_order_value",
    "tenure_days",
    "prior_contacts",
    "prior_responses",
    "prior_response_rate",
)
"""Numeric features of the campaign response model (all known at sending time)."""
CATEGORICAL = ("channel", "offer", "acquisition_channel")
"""Categorical features of the campaign response model."""
SCORE_AS = MappingProxyType({"channel": "email", "offer": "discount_10"})
"""Every eligible customer is scored as if sent this message (channel and offer are randomised)."""
CHURN_CUTOFF = "2023-07-01"
"""Exercise 08.4 rebuilds the inactivity label at this cutoff."""
HORIZON_DAYS, LOOKBACK_DAYS = 180, 365
AS_OF = "2025-01-01"
KINDS = ("analytical", "operational", "collaborative")
CRM_TOOLS = MappingProxyType(
    {
        "churn model": "analytical",
        "RFM segmentation": "analytical",
        "uplift test of a campaign": "analytical",
        "e-mail campaign execution": "operational",
        "sales-force automation": "operational",
        "loyalty points engine": "operational",
        "contact centre for inbound calls": "collaborative",
        "customer community forum": "collaborative",
        "partner portal": "collaborative",
        "web self-service and chat": "collaborative",
    }
)
"""Exercise 08.1: ten CRM tools and their kind in the META Group taxonomy."""
_WHY = MappingProxyType(
    {
        "analytical": "it turns customer data into knowledge (a model, a segment, a measured effect): analytical",
        "operational": "it automates the front office, executing contacts and transactions: operational",
        "collaborative": "it is a channel through which customers or partners interact with the firm: collaborative",
    }
)
_KIND_KO = MappingProxyType(
    {"analytical": "분석적", "operational": "운영적", "collaborative": "협업적"}
)
_WHY_KO = MappingProxyType(
    {
        "analytical": "고객 데이터를 지식(모형, 세그먼트, 측정한 효과)으로 바꾸므로 분석적(analytical) CRM입니다",
        "operational": "프런트 오피스 업무를 자동화해 접촉과 거래를 실행하므로 운영적(operational) CRM입니다",
        "collaborative": "고객이나 파트너가 기업과 상호작용하는 채널이므로 협업적(collaborative) CRM입니다",
    }
)


@cache
def _orders() -> pd.DataFrame:
    shop = load_shop()
    return clean_shop_orders(shop.orders, shop.order_items).data


# ---------------------------------------------------------------------------------------------
# 08.1


@exercise(
    "08.1",
    "Classify ten CRM tools as analytical, operational or collaborative (a dict tool -> kind).",
    success="Analytical CRM makes the knowledge, operational CRM acts on it, collaborative CRM is where customers and partners meet the firm.",
    question_ko="CRM 도구 10가지를 analytical(분석적), operational(운영적), collaborative(협업적)로 분류하십시오(도구 → 유형의 dict).",
    success_ko="분석적 CRM은 지식을 만들고, 운영적 CRM은 그 지식으로 실행하며, 협업적 CRM은 고객과 파트너가 기업을 만나는 곳입니다.",
    expected=lambda: dict(CRM_TOOLS),
)
def _classify(answer: Any) -> str | None:
    given = as_mapping(answer, list(CRM_TOOLS))
    wrong = []
    for tool, kind in CRM_TOOLS.items():
        got = as_choice(given[tool], KINDS)
        if got != kind:
            wrong.append(
                choose(
                    en=f"'{tool}' is not {got}: {_WHY[kind]}",
                    ko=f"'{tool}'은(는) {got}({_KIND_KO.get(got, got)})이(가) 아닙니다. {_WHY_KO[kind]}",
                )
            )
    if not wrong:
        return None
    return (
        choose(
            en=f"{len(wrong)} of 10 misplaced. ", ko=f"10개 중 {len(wrong)}개를 잘못 분류했습니다. "
        )
        + choose(en="; ", ko=" / ").join(wrong[:3])
        + ("; ..." if len(wrong) > 3 else ".")
    )


# ---------------------------------------------------------------------------------------------
# 08.2 and 08.3: the randomised hold-out of the 2024 campaigns


@cache
def _eligible_test() -> pd.DataFrame:
    shop = load_shop()
    orders = _orders()
    contacts = ecrm.campaign_features(
        shop.campaign_contacts, orders, shop.customers, response_orders=shop.orders
    )
    train = contacts.loc[contacts["sent_at"] < TEST_FROM]
    model = ecrm.model_pipeline(
        list(NUMERIC), list(CATEGORICAL), model="logistic", random_state=SEED
    )
    model.fit(train, train["responded"])
    assign = shop.campaign_assignments.merge(
        shop.campaigns[["campaign_id", "sent_at", "cost_per_contact", "content_test"]],
        on="campaign_id",
    )
    experiment = assign.loc[~assign["holdout"]]
    eligible = ecrm.campaign_features(
        experiment.assign(response_order_id=np.nan),
        orders,
        shop.customers,
        history=shop.campaign_contacts,
        response_orders=shop.orders,
    )
    test = eligible.loc[eligible["sent_at"] >= TEST_FROM].assign(**SCORE_AS)
    return test.assign(response_score=model.predict_proba(test)[:, 1])


@cache
def _depth() -> pd.DataFrame:
    from helpers import uplift

    cost = float(load_shop().campaigns["cost_per_contact"].mean())
    return uplift.incremental_profit_by_depth(
        _eligible_test(), score_col="response_score", treated_col="treated",
        outcome_col="revenue", margin=GROSS_MARGIN, cost_per_contact=cost,
    )  # fmt: skip


def _best_depth() -> int:
    """Deciles to mail for the highest incremental profit; 0 when every depth loses money."""
    table = _depth()
    best = table["incremental_profit"].idxmax()
    return int(round(10 * best)) if table.loc[best, "incremental_profit"] > 0 else 0


@exercise(
    "08.2",
    "With the campaigns' own cost per contact, how many top deciles of the response score maximise incremental profit (0 = mail nobody)?",
    success="Profit counted on the uplift, not on every response, decides how deep to mail.",
    question_ko="캠페인 자체의 접촉당 비용으로 계산할 때, 반응 점수 상위 몇 개 십분위까지 보내야 증분 이익이 가장 큽니까(0 = 아무에게도 보내지 않음)?",
    success_ko="얼마나 깊이 발송할지는 모든 반응이 아니라 증분 효과(업리프트)로 계산한 이익이 정합니다.",
    expected=_best_depth,
)
def _decide_depth(answer: Any) -> str | None:
    d = as_integer(answer)
    table = _depth()
    best = _best_depth()
    if d == best:
        return None
    if not 0 <= d <= 10:
        return choose(
            en="give a number of deciles between 0 (mail nobody) and 10 (every eligible customer).",
            ko="십분위 수를 0(아무에게도 보내지 않음)에서 10(대상 고객 전원) 사이로 답하십시오.",
        )
    if best == 0 and d == int(round(10 * table["incremental_profit"].idxmax())):
        return choose(
            en="that depth loses the least, but it still loses money: every incremental_profit is "
            "negative, so mailing nobody (0) earns more than any list.",
            ko="그 깊이가 손실이 가장 작지만 여전히 손실입니다. incremental_profit이 모두 음수이므로 "
            "아무에게도 보내지 않는 것(0)이 어떤 목록보다 이익이 큽니다.",
        )
    if d == int(round(10 * table["naive_profit"].idxmax())):
        return choose(
            en="that depth maximises the naive profit, which counts every contacted customer's revenue "
            "as caused by the campaign; use the incremental_profit column.",
            ko="그 깊이는 단순 이익(naive profit)을 최대로 합니다. 단순 이익은 접촉한 고객의 매출을 모두 "
            "캠페인 덕분으로 셉니다. incremental_profit 열을 쓰십시오.",
        )
    if d == int(round(10 * table["profit_high"].idxmax())):
        return choose(
            en="that depth maximises the upper end of the interval; decide on the estimate, incremental_profit.",
            ko="그 깊이는 구간의 상한을 최대로 합니다. 추정값인 incremental_profit으로 결정하십시오.",
        )
    return choose(
        en="find the depth (0.1 = decile 1) with the highest incremental_profit and give it in deciles "
        "(0.3 → 3); if no depth earns more than 0, mail nobody (0).",
        ko="incremental_profit이 가장 큰 깊이(0.1 = 1분위)를 찾아 십분위 수로 답하십시오"
        "(0.3 → 3). 0보다 큰 이익을 내는 깊이가 없으면 아무에게도 보내지 않습니다(0).",
    )


@exercise(
    "08.3",
    "What share of the response model's top-decile conversions among contacted customers would have happened without contact?",
    success="Those are the sure things: a response model counts them, an uplift measure does not.",
    question_ko="반응 모형 상위 1분위에서 접촉한 고객의 전환 가운데 접촉하지 않았어도 일어났을 전환의 비율은 얼마입니까?",
    success_ko="이들이 어차피 살 고객(sure things)입니다. 반응 모형은 이들을 세지만, 증분 효과(업리프트) 측정은 세지 않습니다.",
    expected=lambda: float(_decile_one()["control_rate"] / _decile_one()["treated_rate"]),
    tolerance=0.0005,
)
def _anyway(answer: Any) -> str | None:
    value = as_number(answer)
    top = _decile_one()
    expected = top["control_rate"] / top["treated_rate"]
    if abs(value - expected) <= 0.0005:
        return None
    if abs(value - 100 * expected) < 0.05:
        return _share_not_percent()
    if abs(value - (1 - expected)) <= 0.0005:
        return choose(
            en="that is the share the campaign CAUSED (uplift ÷ treated rate); the question asks for the "
            "share that would have happened anyway: control rate ÷ treated rate.",
            ko="그것은 캠페인이 일으킨 비율(증분 효과 ÷ 처치집단 전환율)입니다. 문제는 어차피 일어났을 "
            "비율, 즉 통제집단 전환율 ÷ 처치집단 전환율을 묻습니다.",
        )
    if abs(value - top["control_rate"]) <= 0.0005:
        return choose(
            en="that is the control group's conversion rate; divide it by the treated rate of the same decile.",
            ko="그것은 통제집단의 전환율입니다. 같은 십분위의 처치집단 전환율(treated_rate)로 나누십시오.",
        )
    if abs(value - top["uplift"]) <= 0.0005:
        return choose(
            en="that is the uplift (a difference of rates); the question asks for a ratio: control ÷ treated.",
            ko="그것은 증분 효과(업리프트, 두 전환율의 차이)입니다. 문제는 비율, 즉 통제 ÷ 처치를 묻습니다.",
        )
    if abs(value - 1 / expected) <= 0.0005:
        return choose(
            en="you divided the other way round (treated ÷ control); the share of the contacted "
            "customers' conversions that happen anyway is control_rate ÷ treated_rate (at most 1).",
            ko="거꾸로 나누었습니다(처치 ÷ 통제). 접촉한 고객의 전환 가운데 어차피 일어나는 비율은 "
            "control_rate ÷ treated_rate입니다(최대 1).",
        )
    if abs(value - round(expected, 2)) < 1e-9:
        return choose(
            en="almost: give the share to three decimals (or unrounded), not two.",
            ko="거의 맞았습니다. 비율을 소수 둘째 자리가 아니라 셋째 자리까지(또는 반올림하지 않고) 답하십시오.",
        )
    return choose(
        en="in decile 1 of by_response, divide control_rate by treated_rate.",
        ko="by_response의 1분위에서 control_rate를 treated_rate로 나누십시오.",
    )


def _share_not_percent() -> str:
    return choose(
        en="give a share between 0 and 1, not a percentage.",
        ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
    )


@cache
def _decile_one() -> pd.Series:
    from helpers import uplift

    table = uplift.uplift_by_decile(
        _eligible_test(), score_col="response_score", treated_col="treated", outcome_col="converted"
    )
    return table.loc[1]


# ---------------------------------------------------------------------------------------------
# 08.4: the churn label in pandas


def _churn_rate(lookback: int | None, horizon: int) -> float:
    orders = _orders()
    cut = pd.Timestamp(CHURN_CUTOFF)
    when = orders["order_date"]
    past = when < cut
    if lookback is not None:
        past &= when >= cut - pd.Timedelta(days=lookback)
    population = orders.loc[past, "customer_id"].unique()
    future = (when >= cut) & (when < cut + pd.Timedelta(days=horizon))
    return float(1 - np.isin(population, orders.loc[future, "customer_id"].unique()).mean())


@cache
def _churn_variants() -> dict[str, float]:
    helper = ecrm.inactivity_churn(
        _orders(), CHURN_CUTOFF, horizon_days=HORIZON_DAYS, lookback_days=LOOKBACK_DAYS
    ).mean()
    later = ecrm.inactivity_churn(_orders(), "2024-07-01", horizon_days=HORIZON_DAYS).mean()
    out = {
        "right": _churn_rate(LOOKBACK_DAYS, HORIZON_DAYS),
        "no_lookback": _churn_rate(None, HORIZON_DAYS),
        "year_horizon": _churn_rate(LOOKBACK_DAYS, 365),
        "later_cutoff": float(later),
    }
    if abs(out["right"] - float(helper)) > 1e-12:
        raise ValueError("the plain-pandas label no longer equals ecrm.inactivity_churn")
    return out


@exercise(
    "08.4",
    "Rebuild the inactivity churn label at 2023-07-01 in pandas: what is the churn rate?",
    success="Population and features from before the cutoff, label from after it: that is the whole anti-leakage rule.",
    question_ko="2023-07-01 기준의 비활동 이탈 레이블을 pandas로 다시 만드십시오. 이탈률은 얼마입니까?",
    success_ko="대상 고객과 특성은 기준일 이전에서, 레이블은 기준일 이후에서 가져옵니다. 정보 누수를 막는 규칙은 이것이 전부입니다.",
    expected=lambda: _churn_variants()["right"],
    tolerance=0.0005,
)
def _churn_label(answer: Any) -> str | None:
    value = as_number(answer)
    v = _churn_variants()
    if abs(value - v["right"]) <= 0.0005:
        return None
    if abs(value - v["later_cutoff"]) <= 0.0005:
        return choose(
            en="that is the rate at the 2024-07-01 cutoff shown above; the exercise asks for 2023-07-01.",
            ko="그것은 위에서 본 2024-07-01 기준일의 이탈률입니다. 이 연습문제는 2023-07-01 기준을 묻습니다.",
        )
    if abs(value - v["no_lookback"]) <= 0.0005:
        return choose(
            en="you took every customer who ever bought before the cutoff; the population is only those "
            "who bought in the 365 days before it (long-gone customers are not 'churning' now).",
            ko="기준일 전에 한 번이라도 구매한 고객을 모두 넣었습니다. 대상은 기준일 전 365일 안에 구매한 "
            "고객뿐입니다(오래전에 떠난 고객은 지금 '이탈'하는 것이 아닙니다).",
        )
    if abs(value - v["year_horizon"]) <= 0.0005:
        return choose(
            en="the label looks 180 days ahead, not a year.",
            ko="레이블은 1년이 아니라 180일 앞을 봅니다.",
        )
    if abs(value - (1 - v["right"])) <= 0.0005:
        return choose(
            en="that is the share who bought again (retained); churn is the share who did not.",
            ko="그것은 다시 구매한(유지된) 고객의 비율입니다. 이탈은 다시 구매하지 않은 고객의 비율입니다.",
        )
    if abs(value - 100 * v["right"]) < 0.05:
        return _share_not_percent()
    return choose(
        en="population: customers with an order in [cutoff − 365 days, cutoff); churned: no order in "
        "[cutoff, cutoff + 180 days); the rate is the mean of the churned flags.",
        ko="대상: [기준일 − 365일, 기준일) 안에 주문이 있는 고객. 이탈: [기준일, 기준일 + 180일) 안에 "
        "주문이 없음. 이탈률은 이탈 표시(churned)의 평균입니다.",
    )


# ---------------------------------------------------------------------------------------------
# 08.5: a product rule by hand


@cache
def _order_baskets() -> pd.DataFrame:
    shop = load_shop()
    lines = shop.order_items.drop_duplicates().merge(_orders()[["order_id"]], on="order_id")
    return ecrm.basket_matrix(lines, basket_col="order_id", item_col="product_id")


@cache
def _top_rule() -> tuple[str, str, dict[str, float]]:
    baskets = _order_baskets()
    rules = ecrm.association_rules_table(
        baskets, min_support=0.0005, min_confidence=0.05, min_lift=10, max_len=2
    )
    a, c = rules.loc[0, "antecedent"], rules.loc[0, "consequent"]
    both = float((baskets[a] & baskets[c]).mean())
    p_a, p_c = float(baskets[a].mean()), float(baskets[c].mean())
    return (
        a,
        c,
        {
            "support": both,
            "confidence": both / p_a,
            "lift": both / p_a / p_c,
            "p_a": p_a,
            "p_c": p_c,
        },
    )


@exercise(
    "08.5",
    "Support, confidence and lift of the top product rule, counted by hand on the order baskets (a dict).",
    success="Confidence is the hit rate of the recommendation; lift says how much better than offering the accessory to anyone.",
    question_ko="주문 장바구니에서 직접 세어, 상위 상품 규칙의 지지도(support), 신뢰도(confidence), 향상도(lift)를 구하십시오(dict).",
    success_ko="신뢰도는 추천의 적중률이고, 향상도는 그 액세서리를 아무에게나 권할 때보다 몇 배 나은지를 말합니다.",
    expected=lambda: {k: _top_rule()[2][k] for k in ("support", "confidence", "lift")},
)
def _rule_by_hand(answer: Any) -> str | None:
    given = as_mapping(answer, ["support", "confidence", "lift"])
    support, confidence, lift = (as_number(given[k]) for k in ("support", "confidence", "lift"))
    _, _, e = _top_rule()

    def close(x: float, y: float) -> bool:
        return abs(x - y) <= 1e-6 * max(1.0, abs(y))

    if (
        close(support, e["support"])
        and close(confidence, e["confidence"])
        and close(lift, e["lift"])
    ):
        return None
    if max(support, confidence) > 1:
        return choose(
            en="support and confidence are shares between 0 and 1 (divide by the number of baskets), not counts or percentages.",
            ko="지지도와 신뢰도는 개수나 백분율이 아니라 0과 1 사이의 비율입니다(장바구니 수로 나누십시오).",
        )
    hints = []
    if not close(support, e["support"]):
        if close(support, e["p_a"]):
            hints.append(
                choose(
                    en="support is the share of baskets with BOTH products, not the antecedent alone",
                    ko="지지도는 조건 상품 하나만이 아니라 두 상품을 모두 담은 장바구니의 비율입니다",
                )
            )
        elif abs(support - e["support"]) < 1e-4:
            hints.append(
                choose(
                    en="your support is rounded (as in the rules table): count the baskets yourself",
                    ko="지지도가 (규칙 표처럼) 반올림되어 있습니다. 장바구니를 직접 세십시오",
                )
            )
        else:
            hints.append(
                choose(
                    en="support = baskets holding both products / all order baskets",
                    ko="지지도 = 두 상품을 모두 담은 장바구니 수 / 전체 주문 장바구니 수",
                )
            )
    if not close(confidence, e["confidence"]):
        if close(confidence, e["support"] / e["p_c"]):
            hints.append(
                choose(
                    en="your confidence divides by the consequent's baskets; confidence of A → B divides by the baskets holding the antecedent A",
                    ko="결과 상품을 담은 장바구니로 나누었습니다. A → B의 신뢰도는 조건 상품 A를 담은 장바구니로 나눕니다",
                )
            )
        elif abs(confidence - e["confidence"]) < 1e-3:
            hints.append(
                choose(
                    en="your confidence is rounded: compute it from the counts",
                    ko="신뢰도가 반올림되어 있습니다. 개수에서 직접 계산하십시오",
                )
            )
        else:
            hints.append(
                choose(
                    en="confidence = baskets with both / baskets with the antecedent",
                    ko="신뢰도 = 두 상품을 모두 담은 장바구니 수 / 조건 상품을 담은 장바구니 수",
                )
            )
    if not close(lift, e["lift"]):
        if abs(lift - e["lift"]) <= 0.05:  # the rules table shows lift to one decimal
            hints.append(
                choose(
                    en="your lift is rounded: compute it from the counts",
                    ko="향상도가 반올림되어 있습니다. 개수에서 직접 계산하십시오",
                )
            )
        else:
            hints.append(
                choose(
                    en="lift = confidence / share of baskets with the consequent",
                    ko="향상도 = 신뢰도 / 결과 상품을 담은 장바구니의 비율",
                )
            )
    return choose(en="; ", ko=" / ").join(hints) + "."


# ---------------------------------------------------------------------------------------------
# 08.6: the second purchase window


@cache
def _curve() -> pd.DataFrame:
    times = ecrm.second_purchase_times(_orders(), as_of=AS_OF)
    return ecrm.second_purchase_curve(times, bin_days=30, horizon_days=720)


def _half_window() -> int:
    curve = _curve()
    reached = curve.loc[curve["cum_returned"] >= 0.5, "window_end"]
    if reached.empty:
        raise ValueError(
            "the Kaplan–Meier curve never reaches 0.5 within 720 days; revisit the exercise"
        )
    return int(reached.iloc[0])


@exercise(
    "08.6",
    "By how many days after the first purchase have half of the customers made a second one (Kaplan–Meier, 30-day windows)?",
    success="Kaplan–Meier counts the customers still waiting as censored: leaving them out gives a median far too early, counting them as 'never' one far too late.",
    question_ko="첫 구매 후 며칠이 지나면 고객의 절반이 두 번째 구매를 합니까(카플란–마이어, 30일 구간)?",
    success_ko="카플란–마이어 추정은 아직 기다리는 고객을 중도절단(censored)으로 셉니다. 이들을 빼면 중앙값이 너무 이르게, '다시 오지 않음'으로 세면 너무 늦게 나옵니다.",
    expected=_half_window,
)
def _half(answer: Any) -> str | None:
    d = as_integer(answer)
    expected = _half_window()
    if d == expected:
        return None
    times = ecrm.second_purchase_times(_orders(), as_of=AS_OF)
    observed_median = float(times.loc[times["returned"], "days"].median())
    if abs(d - observed_median) <= 1:
        return choose(
            en="that is the median among customers who already returned: it ignores everyone still "
            "waiting, so it is too early. Use the Kaplan–Meier cum_returned column.",
            ko="그것은 이미 돌아온 고객들의 중앙값입니다. 아직 기다리는 고객을 모두 무시하므로 너무 "
            "이릅니다. 카플란–마이어의 cum_returned 열을 쓰십시오.",
        )
    if d == expected - 30:
        return choose(
            en="that is the start of the window; give its end (window_end).",
            ko="그것은 구간의 시작입니다. 구간의 끝(window_end)을 답하십시오.",
        )
    if d == int(_curve()["window_end"].iloc[-1]):
        return choose(
            en="that is the end of the curve (its horizon), not where cum_returned first reaches 0.5.",
            ko="그것은 곡선의 끝(관찰 기간의 끝)이지, cum_returned가 처음 0.5에 이르는 곳이 아닙니다.",
        )
    return choose(
        en="find the first window whose cum_returned reaches 0.5 and give its window_end.",
        ko="cum_returned가 처음 0.5에 이르는 구간을 찾아 그 window_end를 답하십시오.",
    )
