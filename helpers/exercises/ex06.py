"""Checkers of notebook 06 (the personalization process; when personalization pays).

06.1  top-20% revenue share of the CDNOW customers (a number between 0 and 1)        build
06.2  the Peppers & Rogers quadrant of a fashion-only Hanbit Mall (a quadrant key)     decide
06.3  catalogue mailing depth that maximises incremental profit (a share, or 0)        decide
06.4  customers per arm for a content test of half the measured effect (whole number)  decide
06.5  within-product slope of conversion per doubling of reviews (percentage points)   critique

Expected answers are computed from the data with the same helpers the notebook uses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import as_number, exercise, is_close
from helpers.exercises._shared import per_arm_slip
from helpers.idic import (
    CONTACT_COSTS_KRW,
    GROSS_MARGIN,
    QUADRANTS,
    STRATEGIES,
    needs_differentiation,
    peppers_rogers_quadrant,
    top_share,
)
from helpers.language import choose

TEST_FROM_CAMPAIGN = 17
"""06.3: campaigns from this one on (2024) are the test campaigns; earlier ones train the models."""
FEATURES = ("log_recency", "log_frequency", "log_monetary")
"""06.3: the RFM features (at send time) of the response and uplift models."""
ROUNDING_06_5 = 0.005
"""06.5: an answer in percentage points rounded to two decimals is accepted."""


def _label(answer: str) -> str:
    """A typed label in the form the data uses: lower case, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-_]+", "_", answer.strip().lower())


@cache
def _cdnow_values() -> pd.Series:
    from helpers.data import load_cdnow

    return load_cdnow("master").groupby("customer_id")["amount"].sum()


@cache
def _shop():
    from helpers.data import load_shop

    return load_shop()


@cache
def _shop_items() -> pd.DataFrame:
    """Completed, identified order lines (cleaned orders, duplicated lines dropped) with category."""
    from helpers.cleaning import clean_shop_orders

    shop = _shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    return (
        shop.order_items.drop_duplicates()
        .merge(orders[["order_id", "customer_id"]], on="order_id")
        .merge(shop.products[["product_id", "category", "goods_type"]], on="product_id")
        .assign(spend=lambda d: d["quantity"] * d["unit_price"])
    )


@cache
def _fashion_position() -> tuple[float, float, str]:
    from helpers.personalization import profile_matrix

    fashion = _shop_items().query("category == 'fashion'")
    value = top_share(fashion.groupby("customer_id")["spend"].sum())
    counts = profile_matrix(
        fashion, entity_col="customer_id", item_col="product_id", normalize=False
    )
    needs = float(needs_differentiation(counts)["needs_index"])
    return value, needs, str(peppers_rogers_quadrant(value, needs))


# ---------------------------------------------------------------------------------------------


@exercise(
    "06.1",
    "What share of CDNOW's revenue comes from its top 20% of customers?",
    expected=lambda: float(top_share(_cdnow_values(), 0.2)),
    tolerance=0.0035,
    success="Two-thirds of the money from a fifth of the people: CDNOW's customers differ strongly in value.",
    question_ko="CDNOW 매출 가운데 상위 20% 고객이 차지하는 비중은 얼마입니까?",
    success_ko="고객 5분의 1이 매출의 3분의 2를 가져옵니다. CDNOW 고객은 가치에서 크게 차이가 납니다.",
)
def _check_06_1(answer: Any) -> str | None:
    x = as_number(answer)
    values = _cdnow_values()
    expected = top_share(values, 0.2)
    if is_close(x, expected, rel=5e-3):
        return None
    if is_close(x, 100 * expected, rel=5e-3):
        return choose(
            en="give the share as a fraction between 0 and 1 (e.g. 0.5), not as a percentage.",
            ko="비중을 백분율이 아니라 0과 1 사이의 소수(예: 0.5)로 답하십시오.",
        )
    rows = np.sort(_cdnow_rows())[::-1]
    if is_close(x, rows[: int(np.ceil(0.2 * rows.size))].sum() / rows.sum(), rel=5e-3):
        return choose(
            en="you ranked purchases (rows), not customers. Sum each customer's amount first "
            "(groupby customer_id), then take the top 20% of customers.",
            ko="고객이 아니라 구매 기록(행)의 순위를 매겼습니다. 먼저 고객별 금액을 합한 뒤"
            "(groupby customer_id) 상위 20% 고객을 고르십시오.",
        )
    if is_close(x, 1 - top_share(values, 0.8), rel=5e-3):
        return choose(
            en="that is the share of the *bottom* 20%: sort customers from the highest value down.",
            ko="그것은 *하위* 20%의 비중입니다. 고객을 가치가 가장 높은 순서로 정렬하십시오.",
        )
    if is_close(x, 0.2, rel=1e-3):
        return choose(
            en="0.2 is the share of customers; the question asks for their share of revenue.",
            ko="0.2는 고객 수의 비중입니다. 문제는 이 고객들이 차지하는 매출 비중을 묻습니다.",
        )
    return choose(
        en="rank customers by their total amount (highest first), take the top 20% of them and divide "
        "their total by the total of all customers.",
        ko="고객을 총구매금액이 높은 순서로 정렬하고, 그 상위 20%의 합계를 전체 고객의 합계로 "
        "나누십시오.",
    )


@cache
def _cdnow_rows() -> np.ndarray:
    from helpers.data import load_cdnow

    return load_cdnow("master")["amount"].to_numpy()


@exercise(
    "06.2",
    "In which Peppers & Rogers quadrant would a fashion-only Hanbit Mall sit?",
    expected=lambda: _fashion_position()[2],
    success=(
        "Within one category, needs are about which products customers pick (brand, style), so "
        "they must be measured over products, not categories; value is measured on the category's "
        "spend alone."
    ),
    question_ko="패션만 파는 한빛몰은 페퍼스와 로저스 매트릭스의 어느 사분면에 속하겠습니까?",
    success_ko=(
        "한 카테고리 안에서 니즈는 고객이 어떤 상품(브랜드, 스타일)을 고르는가의 문제이므로, "
        "카테고리가 아니라 상품을 기준으로 측정해야 합니다. 가치는 그 카테고리의 구매금액만으로 "
        "측정합니다."
    ),
)
def _check_06_2(answer: Any) -> str | None:
    if not isinstance(answer, str):
        return choose(
            en=f"expected a quadrant name such as 'mass', got {type(answer).__name__}.",
            ko=f"'mass' 같은 사분면 이름(문자열)을 답해야 하는데 {type(answer).__name__}을(를) "
            "주었습니다.",
        )
    given = answer.strip().lower()
    names = {s.name.lower(): key for key, s in STRATEGIES.items()}
    # 'value based', 'One to one' and 'value_based' mean the quadrant keys too
    spelled = {_label(key): key for key in QUADRANTS}
    given = names.get(given, spelled.get(_label(given), given))
    if given not in QUADRANTS:
        return choose(
            en=f"answer with one of {QUADRANTS} (what peppers_rogers_quadrant returns).",
            ko=f"{QUADRANTS} 가운데 하나로 답하십시오(peppers_rogers_quadrant가 돌려주는 값).",
        )
    value, needs, expected = _fashion_position()
    if given == expected:
        return None
    high_value = value >= 0.5
    high_needs = needs >= 0.1
    if (given in ("one-to-one", "value-based")) != high_value:
        return choose(
            en=f"check the value axis: the top 20% of fashion buyers bring {value:.0%} of fashion spend "
            "(sum quantity × unit_price per customer), against the 0.5 line.",
            ko=f"가치 축을 확인하십시오. 패션 구매 고객 상위 20%가 패션 구매금액의 {value:.0%}를 "
            "차지합니다(고객별로 quantity × unit_price를 합산). 기준선은 0.5입니다.",
        )
    if (given in ("one-to-one", "niche")) != high_needs:
        return choose(
            en=f"check the needs axis: measure which fashion *products* customers pick (the needs index "
            f"over product_id within fashion is {needs:.2f}, against the 0.1 line), not which "
            "categories they buy: a fashion-only shop has one category.",
            ko=f"니즈 축을 확인하십시오. 고객이 어떤 카테고리를 사는지가 아니라 어떤 패션 *상품*을 "
            f"고르는지 측정해야 합니다(패션 안에서 product_id 기준 니즈 지수는 {needs:.2f}, 기준선은 "
            "0.1). 패션만 파는 쇼핑몰에는 카테고리가 하나뿐입니다.",
        )
    return choose(
        en="compute both axes for fashion alone and pass them to peppers_rogers_quadrant.",
        ko="패션만으로 두 축을 모두 계산해 peppers_rogers_quadrant에 넘기십시오.",
    )


@cache
def _targeting_test() -> pd.DataFrame:
    """The test campaigns with the notebook's response and uplift scores (as notebook 06 builds them)."""
    import statsmodels.formula.api as smf

    from helpers.cleaning import clean_shop_orders
    from helpers.rfm import score_contacts
    from helpers.uplift import two_model_uplift

    shop = _shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    campaigns = shop.campaigns.set_index("campaign_id")
    assign = shop.campaign_assignments.join(
        campaigns[["sent_at", "content_test"]], on="campaign_id"
    )
    scored = score_contacts(assign, orders).dropna(subset=["recency"])
    scored = scored.assign(
        log_recency=np.log(scored["recency"]),
        log_frequency=np.log(scored["frequency"]),
        log_monetary=np.log(scored["monetary"]),
        bought=scored["converted"].astype(int),
    )
    train = scored[scored["campaign_id"] < TEST_FROM_CAMPAIGN]
    test = scored[scored["campaign_id"] >= TEST_FROM_CAMPAIGN].copy()
    model = smf.logit("bought ~ " + " + ".join(FEATURES), data=train[train["treated"]]).fit(disp=0)
    test["response_score"] = model.predict(test)
    test["uplift_score"] = two_model_uplift(
        train, features=list(FEATURES), treated_col="treated", outcome_col="converted", predict=test
    )
    return test


@cache
def _depths() -> dict[str, float]:
    from helpers.uplift import incremental_profit_by_depth

    test = _targeting_test()
    cost = CONTACT_COSTS_KRW["printed catalogue"]
    digital = float(
        _shop().campaigns.query("campaign_id >= @TEST_FROM_CAMPAIGN")["cost_per_contact"].mean()
    )

    def best(score: str, col: str = "incremental_profit", c: float = cost) -> float:
        t = incremental_profit_by_depth(
            test,
            score_col=score,
            treated_col="treated",
            outcome_col="revenue",
            margin=GROSS_MARGIN,
            cost_per_contact=c,
        )
        if col == "incremental_profit" and t[col].max() <= 0:
            return 0.0
        if col == "incremental_profit_any":
            col = "incremental_profit"
        return float(t[col].idxmax())

    return {
        "right": best("uplift_score"),
        "best_even_if_losing": best("uplift_score", "incremental_profit_any"),
        "naive": best("uplift_score", "naive_profit"),
        "response": best("response_score"),
        "digital": best("uplift_score", c=digital),
        "largest_uplift": best("uplift_score", "uplift"),
    }


@exercise(
    "06.3",
    "Depth of the uplift-ranked list that maximises the incremental profit of a printed catalogue.",
    expected=lambda: _depths()["right"],
    success="Count only what the contact causes: with a costly contact, stop where the uplift of the "
    "next customers no longer pays for the catalogue.",
    question_ko="증분 효과 모형의 순위 목록에서 인쇄 카탈로그의 증분 이익을 최대로 하는 발송 깊이는 얼마입니까?",
    success_ko="접촉이 일으킨 것만 세십시오. 접촉 비용이 비싸면, 다음 고객들의 증분 효과가 더 이상 "
    "카탈로그 비용을 감당하지 못하는 지점에서 멈춥니다.",
)
def _check_06_3(answer: Any) -> str | None:
    x = as_number(answer)
    r = _depths()
    if abs(x - r["right"]) <= 1e-9:
        return None
    if abs(x - 10 * r["right"]) <= 1e-9 and r["right"] > 0:
        return choose(
            en="give the depth as a share of the list (0.3 for the top 30%), not as a number of deciles.",
            ko="깊이를 십분위 개수가 아니라 목록에서 차지하는 비율로 답하십시오(상위 30%라면 0.3).",
        )
    if abs(x - 100 * r["right"]) <= 1e-9 and r["right"] > 0:
        return choose(
            en="give the depth as a share between 0 and 1, not as a percentage.",
            ko="깊이를 백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if r["right"] == 0 and abs(x - r["best_even_if_losing"]) <= 1e-9:
        return choose(
            en="that depth loses the least, but every depth loses money (incremental_profit < 0 "
            "everywhere): the profitable decision is not to mail, answer 0.",
            ko="그 깊이가 손실이 가장 작지만, 모든 깊이에서 손실이 납니다(모든 곳에서 "
            "incremental_profit < 0). 이익이 되는 결정은 발송하지 않는 것이므로 0이라고 답하십시오.",
        )
    if abs(x - r["naive"]) <= 1e-9:
        return choose(
            en="that depth maximises the naive profit, which counts every contacted customer's revenue "
            "as caused by the catalogue; use the incremental_profit column.",
            ko="그 깊이는 단순 이익(naive profit)을 최대로 합니다. 단순 이익은 접촉한 모든 고객의 "
            "매출을 카탈로그가 일으킨 것으로 셉니다. incremental_profit 열을 쓰십시오.",
        )
    if abs(x - r["response"]) <= 1e-9:
        return choose(
            en="that is the best depth for the response model's ranking; the question asks for the uplift model's.",
            ko="그것은 반응 모형의 순위에서 가장 좋은 깊이입니다. 문제는 증분 효과 모형의 순위를 묻습니다.",
        )
    if abs(x - r["digital"]) <= 1e-9:
        return choose(
            en="that is the best depth at the digital cost per contact; use "
            "CONTACT_COSTS_KRW['printed catalogue'].",
            ko="그것은 디지털 채널의 접촉당 비용에서 가장 좋은 깊이입니다. "
            "CONTACT_COSTS_KRW['printed catalogue']를 쓰십시오.",
        )
    if r["right"] == 0 and 0 < x <= 1:
        return choose(
            en="at that depth the incremental profit is negative, and so it is at every depth: the "
            "catalogue's cost is more than the margin on the purchases it causes. The profitable "
            "decision is not to mail, answer 0.",
            ko="그 깊이에서 증분 이익은 음수이고, 다른 모든 깊이에서도 마찬가지입니다. 카탈로그 "
            "비용이 카탈로그가 일으킨 구매의 마진보다 큽니다. 이익이 되는 결정은 발송하지 않는 "
            "것이므로 0이라고 답하십시오.",
        )
    if abs(x - r["largest_uplift"]) <= 1e-9:
        return choose(
            en="that is where the uplift per customer is largest; the profit also grows with the number "
            "of customers mailed, so take the depth with the largest incremental_profit.",
            ko="그것은 고객당 증분 효과가 가장 큰 지점입니다. 이익은 발송한 고객 수에 따라서도 "
            "커지므로, incremental_profit이 가장 큰 깊이를 고르십시오.",
        )
    if not 0 <= x <= 1:
        return choose(
            en="give a share of the list between 0 and 1 (or 0 if no depth makes money).",
            ko="목록에서 차지하는 비율을 0과 1 사이로 답하십시오(어떤 깊이도 이익이 나지 않으면 0).",
        )
    return choose(
        en="run incremental_profit_by_depth on test with score_col='uplift_score', outcome_col='revenue', "
        "margin=GROSS_MARGIN and the catalogue cost, and take the depth with the largest incremental_profit.",
        ko="test에 incremental_profit_by_depth를 score_col='uplift_score', outcome_col='revenue', "
        "margin=GROSS_MARGIN과 카탈로그 비용으로 실행하고, incremental_profit이 가장 큰 깊이를 고르십시오.",
    )


@cache
def _content_sizes() -> dict[str, float]:
    from helpers.uplift import ab_test, sample_size

    shop = _shop()
    campaigns = shop.campaigns.set_index("campaign_id")
    assign = shop.campaign_assignments.join(campaigns[["content_test"]], on="campaign_id")
    tested = assign[assign["content_test"] & assign["treated"]]
    t = ab_test(
        tested,
        arm_col="content",
        outcome_col="converted",
        treatment="personalised",
        control="generic",
    )
    half = t.difference / 2
    from helpers.exercises.ex05 import classic_sample_size

    return {
        "right": sample_size(t.rate_control, half),
        "classic": classic_sample_size(t.rate_control, half, alpha=0.05, power=0.8),
        "full": sample_size(t.rate_control, t.difference),
        "base_personalised": sample_size(t.rate_treatment, -half),
        "power_90": sample_size(t.rate_control, half, power=0.9),
        "one_sided": sample_size(t.rate_control, half, alpha=0.1),
        "n_test": float(min(t.n_treatment, t.n_control)),
    }


@exercise(
    "06.4",
    "Contacted customers per arm to detect half the measured content effect (α 0.05, power 0.8).",
    expected=lambda: _content_sizes()["right"],
    success="Half the effect needs about four times the customers: plan tests for the smallest effect "
    "worth having, not for the one you hope for.",
    question_ko="측정된 콘텐츠 효과의 절반을 찾아내려면 집단마다 몇 명에게 접촉해야 합니까"
    "(α 0.05, 검정력 0.8)?",
    success_ko="효과가 절반이면 고객이 약 네 배 필요합니다. 바라는 효과가 아니라 얻을 가치가 있는 "
    "가장 작은 효과에 맞춰 실험을 설계하십시오.",
)
def _check_06_4(answer: Any) -> str | None:
    x = as_number(answer)
    r = _content_sizes()
    n = r["right"]
    if x in (n, r["classic"]):
        return None
    slip = per_arm_slip(x, n, unit="customers", unit_ko="고객")
    if slip is not None:
        return slip
    if abs(x - r["full"]) <= 0.01 * r["full"]:
        return choose(
            en="that detects the full measured difference; the team would be content with half of it.",
            ko="그것은 측정된 차이 전체를 찾아내는 크기입니다. 팀은 그 절반이면 만족합니다.",
        )
    if abs(x - r["base_personalised"]) <= 0.005 * r["base_personalised"]:
        return choose(
            en="use the generic arm's rate (content_test.rate_control) as the baseline, not the personalised one.",
            ko="개인화 집단이 아니라 일반 콘텐츠 집단의 전환율(content_test.rate_control)을 기준으로 "
            "쓰십시오.",
        )
    if abs(x - r["power_90"]) <= 0.01 * r["power_90"]:
        return choose(
            en="that uses power 0.9; the question asks for 0.8.",
            ko="그것은 검정력 0.9를 쓴 값입니다. 문제는 0.8을 묻습니다.",
        )
    if abs(x - r["one_sided"]) <= 0.01 * r["one_sided"]:
        return choose(
            en="that is a one-sided test; the question asks for a two-sided test at α = 0.05.",
            ko="그것은 단측검정입니다. 문제는 α = 0.05의 양측검정을 묻습니다.",
        )
    if abs(x - r["n_test"]) <= 1:
        return choose(
            en="that is the size of the test already run; compute the size needed for half its effect.",
            ko="그것은 이미 실행한 실험의 크기입니다. 그 효과의 절반을 찾아내는 데 필요한 크기를 "
            "계산하십시오.",
        )
    return choose(
        en="sample_size(content_test.rate_control, content_test.difference / 2, alpha=0.05, power=0.8).",
        ko="sample_size(content_test.rate_control, content_test.difference / 2, alpha=0.05, "
        "power=0.8)를 계산하십시오.",
    )


@cache
def _review_slopes() -> dict[str, float]:
    from helpers.goods import reviews_before, within_product_effect

    shop = _shop()
    viewed = shop.sessions[shop.sessions["viewed_product"]].merge(
        shop.products[["product_id", "goods_type"]], on="product_id"
    )
    viewed = reviews_before(viewed, shop.reviews)
    design = viewed.assign(
        bought=viewed["purchased"].astype(float),
        log2_reviews=np.log2(1 + viewed["reviews_before"]),
        stars_above_4=(viewed["rating_before"] - 4).fillna(0),
        month=viewed["started_at"].dt.strftime("%Y-%m"),
    )
    both = ["log2_reviews", "stars_above_4"]
    kw = {"outcome_col": "bought", "by": "goods_type"}
    fx = within_product_effect(design, x_cols=both, weight_col="weight", time_col="month", **kw)
    unweighted = within_product_effect(design, x_cols=both, time_col="month", **kw)
    alone = within_product_effect(
        design, x_cols=["log2_reviews"], weight_col="weight", time_col="month", **kw
    )
    no_months = within_product_effect(design, x_cols=both, weight_col="weight", **kw)
    key = ("experience", "log2_reviews")
    return {
        "right": 100 * float(fx.loc[key, "within"]),
        "pooled": 100 * float(fx.loc[key, "pooled"]),
        "search": 100 * float(fx.loc[("search", "log2_reviews"), "within"]),
        "unweighted": 100 * float(unweighted.loc[key, "within"]),
        "alone": 100 * float(alone.loc[key, "within"]),
        "no_months": 100 * float(no_months.loc[key, "within"]),
    }


@exercise(
    "06.5",
    "Within-product slope of conversion per doubling of earlier reviews, experience goods (% points).",
    expected=lambda: _review_slopes()["right"],
    tolerance=ROUNDING_06_5,
    success="Comparing each product with itself removes what makes good products both reviewed and "
    "bought; what is left is closer to an effect of the reviews (still not an experiment).",
    question_ko="경험제품에서 앞선 리뷰 수가 두 배가 될 때마다 전환율이 오르는 상품 내 기울기는 "
    "얼마입니까(%p)?",
    success_ko="각 상품을 그 상품 자신과 비교하면, 좋은 상품이 리뷰도 많이 받고 많이 팔리게 만드는 "
    "요인이 빠집니다. 남은 것은 리뷰의 효과에 더 가깝습니다(그래도 실험은 아닙니다).",
)
def _check_06_5(answer: Any) -> str | None:
    x = as_number(answer)
    r = _review_slopes()
    if abs(x - r["right"]) <= ROUNDING_06_5:
        return None
    if abs(100 * x - r["right"]) <= ROUNDING_06_5:
        return choose(
            en="give the slope in percentage points: multiply the coefficient by 100.",
            ko="기울기를 퍼센트포인트로 답하십시오. 계수에 100을 곱합니다.",
        )
    if abs(x - r["pooled"]) <= ROUNDING_06_5:
        return choose(
            en="that is the pooled slope, the flaw of the colleague's report: it compares products with "
            "many reviews to products with few. Take the 'within' column.",
            ko="그것은 통합(pooled) 기울기로, 바로 동료 보고서의 결함입니다. 리뷰가 많은 상품과 적은 "
            "상품을 비교하기 때문입니다. 'within' 열을 쓰십시오.",
        )
    if abs(x - r["search"]) <= ROUNDING_06_5:
        return choose(
            en="that is the slope for search goods; the question asks about experience goods.",
            ko="그것은 탐색제품의 기울기입니다. 문제는 경험제품을 묻습니다.",
        )
    if abs(x - r["unweighted"]) <= ROUNDING_06_5:
        return choose(
            en="that is unweighted: non-purchase sessions are a 1-in-10 sample, so pass weight_col='weight'.",
            ko="가중치를 적용하지 않은 값입니다. 구매가 없는 세션은 10건 중 1건만 표본으로 저장되어 "
            "있으므로 weight_col='weight'를 넘기십시오.",
        )
    if abs(x - r["alone"]) <= ROUNDING_06_5:
        return choose(
            en="keep both x_cols (log2_reviews and stars_above_4), as the question says.",
            ko="문제에서 말한 대로 x_cols 두 개(log2_reviews와 stars_above_4)를 모두 넣으십시오.",
        )
    if abs(x - r["no_months"]) <= ROUNDING_06_5:
        return choose(
            en="add the month fixed effects (time_col='month'): without them a shop-wide trend, which "
            "raises every product's review count and conversion together, counts as a review effect.",
            ko="월 고정효과(time_col='month')를 추가하십시오. 이것이 없으면 모든 상품의 리뷰 수와 "
            "전환율을 함께 끌어올리는 쇼핑몰 전체의 추세가 리뷰 효과로 계산됩니다.",
        )
    return choose(
        en="run within_product_effect(review_design(viewed), outcome_col='bought', x_cols=['log2_reviews', "
        "'stars_above_4'], weight_col='weight', by='goods_type', time_col='month') and take 100 × "
        "the 'within' value "
        "of ('experience', 'log2_reviews').",
        ko="within_product_effect(review_design(viewed), outcome_col='bought', x_cols=['log2_reviews', "
        "'stars_above_4'], weight_col='weight', by='goods_type', time_col='month')를 실행하고 "
        "('experience', 'log2_reviews')의 'within' 값에 100을 곱하십시오.",
    )
