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
from helpers.language import choose
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


def _rounded_too_far(
    value: float, expected: float, tol: float, digits: tuple[str, str]
) -> str | None:
    """A hint for an answer that is the expected value rounded to fewer decimals than allowed.

    ``digits`` says how precise the answer must be, in English and in Korean.

    Only a true rounding of the expected value (0–3 decimals) earns this hint: a nearby answer
    computed the wrong way (other data, other window) must get its own hint, not "round less".
    """
    if any(abs(value - round(expected, d)) < 1e-9 for d in range(4)) and not _close(
        value, expected, tol
    ):
        en, ko = digits
        return choose(
            en=f"close, but rounded too much: give {en} (the check allows ±{tol:g}).",
            ko=f"거의 맞았지만 너무 많이 반올림했습니다. {ko}. 확인은 ±{tol:g}까지 허용합니다.",
        )
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
    question_ko="유지율이 80%에서 85%로 오르면(연습문제의 파라미터) 획득한 고객 한 사람당 NPV는 몇 퍼센트 "
    "늘어납니까? 41.5처럼 퍼센트로 답합니다.",
    success_ko="유지율 5포인트는 이익을 5%보다 훨씬 많이 늘립니다. 추가로 남는 고객은 이미 이익을 내고 "
    "있는 고객이고, 획득비용은 한 번만 들기 때문입니다.",
    expected=lambda: _ex1()["effect"],
    tolerance=0.05,
)
def _retention_effect(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex1()
    if _close(value, e["effect"], 0.05):
        return None
    if _close(100 * value, e["effect"], 0.05):
        return choose(
            en="you gave a fraction; the question asks for a percentage (0.415 → 41.5).",
            ko="비율(소수)로 답했습니다. 문제는 퍼센트를 묻습니다(0.415 → 41.5).",
        )
    if _close(value, e["relative_5pct"], 0.05) or _close(100 * value, e["relative_5pct"], 0.05):
        return choose(
            en="you raised retention by 5 *percent* (0.80 × 1.05 = 0.84). The claim is about 5 "
            "percentage *points*: 0.80 → 0.85.",
            ko="유지율을 5 *퍼센트* 올렸습니다(0.80 × 1.05 = 0.84). 슬라이드의 주장은 5 "
            "*퍼센트포인트*, 즉 0.80 → 0.85입니다.",
        )
    if _close(value, e["ratio"], 0.05) or _close(value, e["ratio"] / 100, 0.0005):
        return choose(
            en="that is the ratio new NPV / old NPV; the increase is the ratio minus 1 (in %).",
            ko="그것은 새 NPV / 기존 NPV의 비율입니다. 증가율은 이 비율에서 1을 뺀 값입니다(% 단위).",
        )
    if _close(value, e["abs_change"], 0.05) or _close(value, e["cohort_abs"], 0.5):
        return choose(
            en="that is the change in NPV in thousand KRW; divide it by the base NPV for the % increase.",
            ko="그것은 천 원 단위의 NPV 변화량입니다. 기존 NPV로 나누어야 % 증가율이 됩니다.",
        )
    if _close(value, e["gross"], 0.05) or _close(100 * value, e["gross"], 0.05):
        return choose(
            en="you left out the acquisition cost. Profit is net of what the customer cost to win; "
            "set acquisition_cost=150 as the question says.",
            ko="획득비용을 빠뜨렸습니다. 이익은 고객을 얻는 데 든 비용을 뺀 값입니다. 문제대로 "
            "acquisition_cost=150으로 두십시오.",
        )
    if _close(value, e["notebook_base"], 0.05):
        return choose(
            en="that is the notebook's base case (BASE); build the model with this firm's parameters.",
            ko="그것은 노트북의 기본 시나리오(BASE)입니다. 이 기업의 파라미터로 모형을 만드십시오.",
        )
    if _close(value, -e["effect"], 0.05):
        return choose(
            en="right size, wrong sign: more retention *raises* the NPV, so the change is positive "
            "(new NPV / old NPV − 1).",
            ko="크기는 맞지만 부호가 틀렸습니다. 유지율이 오르면 NPV가 *늘어나므로* 변화는 양수입니다"
            "(새 NPV / 기존 NPV − 1).",
        )
    if _close(value, e["only_retention"], 0.05):
        return choose(
            en="you set only the retention; the firm also differs in acquisition cost (150), base "
            "profit (45), margin growth (0.05) and discount rate (0.12).",
            ko="유지율만 바꾸었습니다. 이 기업은 획득비용(150), 기본이익(45), 마진 증가율(0.05), "
            "할인율(0.12)도 다릅니다.",
        )
    for name, effect in e["left_default"].items():
        if _close(value, effect, 0.05):
            return choose(
                en=f"you left {name} at the CohortModel default; the question sets it to "
                f"{EX1_MODEL[name]:g}. Pass all five parameters.",
                ko=f"{name}을(를) CohortModel의 기본값으로 두었습니다. 문제에서는 이 값이 "
                f"{EX1_MODEL[name]:g}입니다. 다섯 파라미터를 모두 넘기십시오.",
            )
    rounded = _rounded_too_far(
        value,
        e["effect"],
        0.05,
        ("one decimal, e.g. 41.5", "소수 첫째 자리까지 답하십시오(예: 41.5)"),
    )
    if rounded:
        return rounded
    return choose(
        en="build CohortModel(retention=0.80, acquisition_cost=150, base_profit=45, "
        "margin_growth=0.05, discount_rate=0.12) and compare its NPV per customer with the same "
        "model at retention 0.85 (or use retention_effect).",
        ko="CohortModel(retention=0.80, acquisition_cost=150, base_profit=45, "
        "margin_growth=0.05, discount_rate=0.12)을 만들고, 그 고객 한 사람당 NPV를 유지율만 0.85로 "
        "바꾼 같은 모형과 비교하십시오(또는 retention_effect를 쓰십시오).",
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
    question_ko="노트북의 기본 모형에서 획득비용이 기본 비용보다 30% 높을 때, 남아 있는 고객은 몇 개월 "
    "뒤에 그 비용을 회수합니까? 개월 수를 정수로 답합니다.",
    success_ko="온라인에서 획득비용이 비싸면 고객이 이익을 내기까지 더 오래 기다려야 합니다. 그 기다림을 "
    "가치 있게 만드는 것이 고객 유지입니다.",
    expected=lambda: int(_ex2()["months"]),
)
def _break_even(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex2()
    if _close(value, e["months"], 0.01):
        return None
    if _close(value * 12, e["months"], 0.6):
        return choose(
            en="you gave years; the question asks for months.",
            ko="연 단위로 답했습니다. 문제는 개월 수를 묻습니다.",
        )
    if _close(value, e["baseline"], 0.01):
        return choose(
            en="that is the break-even at the base cost; raise the acquisition cost by 30% (× 1.3).",
            ko="그것은 기본 비용에서의 손익분기 기간입니다. 획득비용을 30% 올리십시오(× 1.3).",
        )
    if _close(value, e["plus30"], 0.01) and e["plus30"] != e["months"]:
        return choose(
            en="30% more means × 1.3, not + 30 thousand KRW.",
            ko="30% 더 든다는 것은 × 1.3이라는 뜻이지, 3만 원(+ 30)을 더한다는 뜻이 아닙니다.",
        )
    if _close(value, e["undiscounted"], 0.01):
        return choose(
            en="you did not discount: money earned in year 3 is worth less today (discount_rate).",
            ko="할인하지 않았습니다. 3년째에 번 돈은 오늘의 가치로는 더 작습니다(discount_rate).",
        )
    if _close(value, e["expected"], 0.01):
        return choose(
            en="you weighted the profit by the chance of still being a customer. Break-even tenure "
            "asks how long a customer must *stay*: use the default expected=False.",
            ko="이익에 아직 고객으로 남아 있을 확률을 곱했습니다. 손익분기 기간은 고객이 얼마나 오래 "
            "*남아 있어야* 하는지를 묻습니다. 기본값 expected=False를 쓰십시오.",
        )
    if _close(value, e["plus20"], 0.01) or _close(value, e["plus40"], 0.01):
        return choose(
            en="that is the +20% or +40% row of the notebook's table; +30% lies between them and "
            "has to be computed, not read off.",
            ko="그것은 노트북 표의 +20% 또는 +40% 행입니다. +30%는 그 사이에 있으므로 표에서 읽지 말고 "
            "계산해야 합니다.",
        )
    if _close(value, e["months"] - e["baseline"], 0.01):
        return choose(
            en="that is how many months *longer* than at the base cost; the question asks for the "
            "whole break-even tenure at the dearer cost.",
            ko="그것은 기본 비용일 때보다 *늘어난* 개월 수입니다. 문제는 더 비싼 비용에서의 손익분기 "
            "기간 전체를 묻습니다.",
        )
    if _close(abs(value - e["months"]), 1, 0.01):
        return choose(
            en="one month off: the break-even tenure is the first whole month at whose end the "
            "cumulative discounted profit covers the cost; let break_even_months count it.",
            ko="한 달 어긋났습니다. 손익분기 기간은 그달 말에 할인한 누적 이익이 비용을 처음으로 메우는 "
            "달입니다. break_even_months로 세십시오.",
        )
    if value != round(value):
        return choose(
            en="give a whole number of months: the break-even tenure is the first whole month at "
            "whose end the cumulative discounted profit covers the cost (break_even_months).",
            ko="개월 수를 정수로 답하십시오. 손익분기 기간은 그달 말에 할인한 누적 이익이 비용을 "
            "처음으로 메우는 달입니다(break_even_months).",
        )
    return choose(
        en="use break_even_months(CohortModel(), acquisition_cost) with the acquisition cost of the "
        "base model times 1.3.",
        ko="기본 모형의 획득비용에 1.3을 곱한 값으로 break_even_months(CohortModel(), "
        "acquisition_cost)를 계산하십시오.",
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
    question_ko="쇼핑몰의 정제한 주문에서, 남아 있는 고객(거래기간은 가입일부터, 18–23개월에 주문이 "
    "있는 고객)은 거래 개월 18–23에 0–5개월 구매금액의 몇 배를 씁니까? 비율을 소수 둘째 자리 "
    "이상까지 답합니다(예: 2.13).",
    success_ko="24–29개월의 비율, 그리고 고객 전체의 비율과 비교해 보십시오. 남아 있는 고객의 비율은 "
    "여전히 구매하고 있었기 때문에 골라낸 고객을 묘사할 뿐, 전형적인 신규고객을 묘사하지 않습니다.",
    expected=lambda: _ex3()["ratio"],
    tolerance=0.005,
)
def _loyalty_ratio(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex3()
    if _close(value, e["ratio"], 0.005):
        return None
    if _close(value, e["months_24_29"], 0.005):
        return choose(
            en="that is the notebook's ratio for months 24–29; this question asks about months "
            "18–23: pass late=(18, 24).",
            ko="그것은 노트북에서 구한 24–29개월의 비율입니다. 이 문제는 18–23개월을 묻습니다. "
            "late=(18, 24)를 넘기십시오.",
        )
    if _close(value, e["end_included"], 0.005):
        return choose(
            en="you left out month 23: a window (first, end) excludes its end month, so months "
            "18–23 are late=(18, 24).",
            ko="23개월째를 빠뜨렸습니다. 구간 (first, end)는 end 달을 포함하지 않으므로 18–23개월은 "
            "late=(18, 24)입니다.",
        )
    if _close(value, 1 / e["ratio"], 0.005):
        return choose(
            en="you divided early by late spend; the ratio is late (months 18–23) over early (months 0–5).",
            ko="처음 구매금액을 나중 구매금액으로 나누었습니다. 비율은 나중(18–23개월) ÷ 처음(0–5개월)입니다.",
        )
    if _close(value, e["everyone"], 0.005):
        return choose(
            en="you kept every customer observed for 24 months, including those who had lapsed by "
            "month 18. The question is about customers who *stay*: keep only those with an "
            "order in months 18–23 (stayers_only=True, the default).",
            ko="24개월 동안 관찰된 고객을 18개월째까지 구매를 멈춘 고객까지 모두 남겼습니다. 문제는 "
            "*남아 있는* 고객에 관한 것입니다. 18–23개월에 주문이 있는 고객만 남기십시오"
            "(기본값 stayers_only=True).",
        )
    if _close(value, e["first_purchase"], 0.005):
        return choose(
            en="you measured tenure from the first purchase; the question counts it from signup (start=...).",
            ko="거래기간을 첫 구매부터 쟀습니다. 문제는 가입일부터 셉니다(start=...).",
        )
    if _close(value, e["uncleaned"], 0.0005):
        return choose(
            en="you used the raw shop.orders, with cancelled and returned orders; use the cleaned "
            "`orders` of the notebook (clean_shop_orders), as the question says.",
            ko="취소·반품 주문이 들어 있는 원본 shop.orders를 썼습니다. 문제대로 노트북에서 정제한 "
            "`orders`(clean_shop_orders)를 쓰십시오.",
        )
    if _close(value, e["early_1_5"], 0.005):
        return choose(
            en="you started the early window at month 1; the question compares with months 0–5 "
            "(the default early=(0, 6), signup month included).",
            ko="처음 구간을 1개월째부터 시작했습니다. 문제는 가입한 달을 포함한 0–5개월과 비교합니다"
            "(기본값 early=(0, 6)).",
        )
    if _close(value / 100, e["ratio"], 0.005):
        return choose(
            en="give the ratio itself (e.g. 0.95), not a percentage.",
            ko="퍼센트가 아니라 비율 자체로 답하십시오(예: 0.95).",
        )
    rounded = _rounded_too_far(
        value,
        e["ratio"],
        0.005,
        ("at least two decimals, e.g. 2.13", "소수 둘째 자리 이상까지 답하십시오(예: 2.13)"),
    )
    if rounded:
        return rounded
    return choose(
        en="use loyalty_ratio(orders, start=signup, late=(18, 24), as_of=...) on the cleaned orders "
        "and read its 'ratio'.",
        ko="정제한 주문에 loyalty_ratio(orders, start=signup, late=(18, 24), as_of=...)를 적용하고 "
        "그 'ratio'를 읽으십시오.",
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
    question_ko="pandas로 직접 만들어 봅니다. 쇼핑몰의 2023년 3월 가입 코호트 가운데 가입한 달로부터 "
    "달력상 6개월 뒤(2023년 9월)에 주문한 고객의 비율은 얼마입니까? 0–1 사이의 비율, 소수 셋째 자리.",
    success_ko="코호트 표는 피벗입니다. 코호트와 offset별로 서로 다른 고객 수를 세어 코호트 크기로 "
    "나눕니다. 이제 pandas로든 SQL로든 스프레드시트로든 어떤 쇼핑몰의 코호트 표도 만들 수 있습니다.",
    expected=lambda: _ex4()["share"],
    tolerance=0.0005,
)
def _cohort_by_hand(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex4()
    if _close(value, e["share"], 0.0005):
        return None
    if _close(value / 100, e["share"], 0.0005):
        return choose(
            en="you gave a percentage; the question asks for a share between 0 and 1.",
            ko="퍼센트로 답했습니다. 문제는 0과 1 사이의 비율을 묻습니다.",
        )
    if _close(value, e["buyers"], 0.5):
        return choose(
            en="that is the number of customers who ordered; divide it by the size of the March-2023 "
            f"cohort (all {e['cohort_size']:.0f} customers who signed up that month).",
            ko="그것은 주문한 고객의 수입니다. 2023년 3월 코호트의 크기(그달에 가입한 고객 "
            f"{e['cohort_size']:.0f}명 전체)로 나누십시오.",
        )
    if _close(value, e["rows"], 0.0005) and not _close(e["rows"], e["share"], 0.0005):
        return choose(
            en="you counted orders (rows), not customers: a customer with two orders in September is "
            "one active customer. Use nunique() on customer_id.",
            ko="고객이 아니라 주문(행)을 셌습니다. 9월에 두 번 주문한 고객도 활동 고객 한 명입니다. "
            "customer_id에 nunique()를 쓰십시오.",
        )
    if _close(value, e["tenure_month"], 0.0005):
        return choose(
            en="you counted tenure months of 30.44 days from the signup day; a cohort table counts "
            "calendar months: offset = (year·12 + month of the order) − (year·12 + month of signup).",
            ko="가입일부터 30.44일짜리 거래 개월을 셌습니다. 코호트 표는 달력상의 월을 셉니다. "
            "offset = (주문 연도·12 + 주문 월) − (가입 연도·12 + 가입 월).",
        )
    if _close(value, e["uncleaned"], 0.0005) and not _close(e["uncleaned"], e["share"], 0.0005):
        return choose(
            en="you counted the raw shop.orders, where a cancelled or returned order also makes a "
            "customer 'active'; use the cleaned `orders` of the notebook.",
            ko="원본 shop.orders로 셌습니다. 거기서는 취소되거나 반품된 주문도 고객을 '활동 고객'으로 "
            "만듭니다. 노트북에서 정제한 `orders`를 쓰십시오.",
        )
    if _close(value, e["previous"], 0.0005) or _close(value, e["next"], 0.0005):
        return choose(
            en="off by one month: offset 0 is the signup month itself (March), so offset 6 is "
            "September 2023.",
            ko="한 달 어긋났습니다. offset 0은 가입한 달(3월) 자체이므로 offset 6은 2023년 9월입니다.",
        )
    if _close(value, e["quarter_2"], 0.0005):
        return choose(
            en="that is the quarterly table's 2023Q1 cohort in quarter 2; the question asks for "
            "calendar *months* and the March-2023 cohort only.",
            ko="그것은 분기별 표에서 2023Q1 코호트의 2분기 값입니다. 문제는 달력상의 *월*과 2023년 "
            "3월 코호트만을 묻습니다.",
        )
    rounded = _rounded_too_far(
        value,
        e["share"],
        0.0005,
        ("at least three decimals, e.g. 0.123", "소수 셋째 자리 이상까지 답하십시오(예: 0.123)"),
    )
    if rounded:
        return rounded
    return choose(
        en="cohort = signup month, offset = calendar months from the signup month to the order "
        "month; count distinct customers of the March-2023 cohort with offset 6 and divide by "
        "the cohort size.",
        ko="코호트 = 가입한 달, offset = 가입한 달부터 주문한 달까지의 달력상 개월 수입니다. "
        "2023년 3월 코호트에서 offset이 6인 서로 다른 고객 수를 세어 코호트 크기로 나누십시오.",
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
    question_ko="BASE의 다른 파라미터는 모두 그대로 두고, 획득비용(천 원)이 얼마일 때 유지율 +5포인트가 "
    "고객 한 사람당 NPV를 정확히 95% 늘립니까? 소수 첫째 자리까지.",
    success_ko="효과는 총이득 × 레버리지입니다. 획득비용에 달린 것은 레버리지뿐이므로, 기업은 고객 "
    "획득에 돈이 많이 든다는 것만으로 95%에 '도달'할 수 있습니다. 25%를 주는 비용은 없습니다. "
    "획득비용이 전혀 들지 않아도 효과는 총이득인 26.7%입니다.",
    expected=lambda: _ex5()["cost"],
    tolerance=0.06,
)
def _cost_for_95(answer: Any) -> str | None:
    value = as_number(answer)
    e = _ex5()
    if _close(value, e["cost"], 0.06):
        return None
    if _close(value / 1000, e["cost"], 0.06):
        return choose(
            en="you gave KRW; the model's amounts are in thousand KRW (e.g. 130.1, not 130,100).",
            ko="원 단위로 답했습니다. 모형의 금액은 천 원 단위입니다(예: 130,100이 아니라 130.1).",
        )
    if _close(value, e["markup"], 0.001) or _close(value, 100 * e["markup"], 0.06):
        return choose(
            en="that is the markup over the base cost of 100; the question asks for the acquisition "
            "cost itself, in thousand KRW.",
            ko="그것은 기본 비용 100에 대한 인상률입니다. 문제는 천 원 단위의 획득비용 자체를 묻습니다.",
        )
    if _close(value, e["relative"], 0.06):
        return choose(
            en="you raised retention by 5 *percent* (0.75 × 1.05); the slide means 5 *points* "
            "(0.75 → 0.80), as retention_effect does.",
            ko="유지율을 5 *퍼센트* 올렸습니다(0.75 × 1.05). 슬라이드는 retention_effect처럼 5 "
            "*포인트*(0.75 → 0.80)를 뜻합니다.",
        )
    if _close(value, e["gross"], 0.5):
        return choose(
            en="at that cost the NPV is zero and the percentage explodes; solve "
            "retention_effect(BASE.replace(acquisition_cost=c)) = 0.95 for c instead.",
            ko="그 비용에서는 NPV가 영이 되어 퍼센트가 무한히 커집니다. 대신 "
            "retention_effect(BASE.replace(acquisition_cost=c)) = 0.95를 c에 대해 푸십시오.",
        )
    if _close(value, 100.0, 0.06):
        return choose(
            en="that is the base cost, whose effect is 59.7%; the effect must be 95%.",
            ko="그것은 기본 비용이며, 그때의 효과는 59.7%입니다. 효과가 95%가 되어야 합니다.",
        )
    if _close(value, e["cost"], 0.6):
        return choose(
            en="close, but give one decimal (the check allows ±0.06 thousand KRW).",
            ko="거의 맞았습니다. 소수 첫째 자리까지 답하십시오. 확인은 ±0.06천 원까지 허용합니다.",
        )
    if value < 100:
        return choose(
            en="a cheaper acquisition *lowers* the effect (less leverage); 95% needs a cost above "
            "the base case's 100.",
            ko="획득비용이 싸지면 효과는 *작아집니다*(레버리지가 줄어듭니다). 95%가 되려면 기본 "
            "시나리오의 100보다 비싸야 합니다.",
        )
    return choose(
        en="define f(c) = retention_effect(BASE.replace(acquisition_cost=c)) − 0.95 and find its "
        "root between 100 and 180 with scipy.optimize.brentq.",
        ko="f(c) = retention_effect(BASE.replace(acquisition_cost=c)) − 0.95를 정의하고 "
        "scipy.optimize.brentq로 100과 180 사이에서 그 근을 찾으십시오.",
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
    question_ko="비판하기: 한 동료가 24–29개월에 남아 있는 고객의 장바구니가 더 큰 것을 모든 신규고객의 "
    "장바구니 증가로 읽습니다. 가장 중요한 결함을 짚은 글자는 무엇입니까?",
    success_ko="남아 있는 고객은 결과로 골라낸 집단이고(집계되려면 나중에 구매했어야 합니다), 한빛몰의 "
    "장바구니 증가는 심어 둔 것이며, 귀무 세계는 거래기간에 따른 증가가 없어도 증가가 나타남을 보여 "
    "주고, 실제 CDNOW의 남아 있는 고객은 장바구니가 커지지 않습니다. 충성도 비율은 살아남은 고객을 "
    "묘사할 뿐, 신규고객에 대한 예측이 아닙니다.",
    expected=lambda: "b",
)
def _stayers_critique(answer: Any) -> str | None:
    letter = as_letter(answer, EX6_CHOICES)
    if letter == "b":
        return None
    return {
        "a": choose(
            en="the shop's orders are generated: its basket growth is a mechanism we planted "
            "(tenure_growth), the group is chosen by buying late, and the null world shows "
            "bigger late baskets even without any growth. Real CDNOW stayers' baskets do not grow.",
            ko="쇼핑몰의 주문은 생성된 것입니다. 장바구니 증가는 우리가 심어 둔 메커니즘"
            "(tenure_growth)이고, 집단은 나중에 구매했는지로 골랐으며, 귀무 세계는 증가가 전혀 "
            "없어도 나중의 장바구니가 더 크게 나타남을 보여 줍니다. 실제 CDNOW의 남아 있는 고객은 "
            "장바구니가 커지지 않습니다.",
        ),
        "c": choose(
            en="in this shop signup is the first purchase, so both starts are the same day; the flaw "
            "is who is in the group, not when tenure starts.",
            ko="이 쇼핑몰에서는 가입이 곧 첫 구매이므로 두 시작점은 같은 날입니다. 결함은 거래기간을 "
            "언제부터 세느냐가 아니라 누가 집단에 들어 있느냐에 있습니다.",
        ),
        "d": choose(
            en="the window length is not the problem: any group defined by buying late has positive "
            "late spend by construction (survivorship bias), whatever the windows.",
            ko="구간의 길이는 문제가 아닙니다. 나중에 구매했는지로 정한 집단은 구간이 어떻든 정의상 "
            "나중 구매금액이 양수입니다(생존자 편향).",
        ),
    }[letter]
