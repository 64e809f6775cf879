"""Exercises of notebook 02 (RFM analysis).

02.1 recency by hand, 02.2 selecting the top customers, 02.3 lift, 02.4 cleaning, 02.5 build the
F score with rank + qcut, 02.6 decide which score bands to mail at break-even, 02.7 critique an
in-sample claim. Expected answers are computed from the data the first time a check runs; every
hint names the misconception that most likely produced the wrong answer.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.checks import as_choice, as_ids, as_number, as_set, exercise, is_close
from helpers.cleaning import clean_shop_orders
from helpers.data import load_cdnow, load_shop
from helpers.language import choose
from helpers.rfm import TIE_SEED, rfm_scores, rfm_table, score_contacts

CALIBRATION_END = pd.Timestamp("1997-10-01")  # first day after weeks 1–39 of CDNOW
HOLDOUT_END = pd.Timestamp("1998-07-01")  # first day after weeks 40–78
RECENCY_CUSTOMER = 4
SHOP_AS_OF = "2025-01-01"
COST_PER_CONTACT = 1_000  # KRW per piece: a printed catalogue with a coupon (exercise 02.6)
MARGIN_PER_PURCHASE = 50_000  # KRW: about 36 % of an average campaign order (137,000 KRW)
BAND_EDGES = (2, 6, 9, 12, 15)
BAND_LABELS = ("3-6", "7-9", "10-12", "13-15")
"""RFM score bands (R + F + M) used for the campaign analyses of notebook 02."""


def score_band(rfm_score: pd.Series) -> pd.Series:
    """The band label ("3-6", ..., "13-15") of each RFM score, as an ordered categorical."""
    return pd.cut(rfm_score, list(BAND_EDGES), labels=list(BAND_LABELS))


@cache
def _cdnow() -> pd.DataFrame:
    return load_cdnow("master")


@cache
def _recency_cases() -> dict[str, float]:
    tx = _cdnow()
    mine = tx.loc[tx["customer_id"] == RECENCY_CUSTOMER, "date"]
    calib = mine[mine < CALIBRATION_END]
    return {
        "right": (CALIBRATION_END - calib.max()).days,
        "from_first": (CALIBRATION_END - calib.min()).days,
        "full_data": (HOLDOUT_END - mine.max()).days,
        "after_window": (CALIBRATION_END - mine.max()).days,
    }


@exercise(
    "02.1",
    f"Recency (days) of CDNOW customer {RECENCY_CUSTOMER} on 1997-10-01, from purchases before that day",
    success="Recency looks only at the last purchase before the analysis date.",
    expected=lambda: int(_recency_cases()["right"]),
    question_ko=(
        f"CDNOW 고객 {RECENCY_CUSTOMER}의 1997-10-01 기준 최근성(날수), 그날 이전의 구매만으로"
    ),
    success_ko="최근성은 분석 기준일 이전의 마지막 구매만 봅니다.",
)
def _recency_by_hand(answer):
    cases = _recency_cases()
    if isinstance(answer, pd.Timedelta):
        return choose(
            en="you gave a time span (a Timedelta); the answer is a number of days: add .days.",
            ko="기간(Timedelta)을 답했습니다. 답은 날수이므로 .days를 붙이십시오.",
        )
    value = as_number(answer)
    if value == cases["right"] and float(value).is_integer():
        return None
    if value == cases["from_first"]:
        return choose(
            en="you counted from the customer's FIRST purchase; recency counts the days since the "
            "LAST purchase before the analysis date.",
            ko="고객의 첫 구매부터 셌습니다. 최근성은 분석 기준일 이전의 마지막 구매 "
            "이후 지난 날수를 셉니다.",
        )
    if value in (cases["right"] - 1, cases["right"] + 1):
        return choose(
            en="off by one day. Recency is the number of whole days from the day of the last "
            "purchase to the analysis date: a purchase on 30 September has recency 1 on 1 October. "
            "Subtract the two dates: (pd.Timestamp('1997-10-01') - last_purchase).days.",
            ko="하루 차이가 납니다. 최근성은 마지막 구매일부터 분석 기준일까지의 온전한 날수입니다. "
            "9월 30일에 샀다면 10월 1일의 최근성은 1입니다. 두 날짜를 빼십시오: "
            "(pd.Timestamp('1997-10-01') - last_purchase).days.",
        )
    if value == cases["full_data"]:
        return choose(
            en="you used the whole data set and its end (1998-07-01) as the analysis date; keep only "
            "purchases before 1997-10-01 and measure to 1997-10-01.",
            ko="데이터 전체와 그 끝(1998-07-01)을 분석 기준일로 썼습니다. 1997-10-01 이전의 구매만 "
            "남기고 1997-10-01까지 재십시오.",
        )
    if value == cases["after_window"] or value < 0:
        return choose(
            en="you took a purchase made AFTER the analysis date; recency may only use purchases "
            "before as_of (filter date < 1997-10-01 first).",
            ko="분석 기준일 뒤에 한 구매를 썼습니다. 최근성은 as_of 이전의 구매만 쓸 수 "
            "있습니다(먼저 date < 1997-10-01로 거르십시오).",
        )
    if is_close(value * 7, cases["right"], rel=0.02):
        return choose(en="the answer is in days, not weeks.", ko="답은 주가 아니라 날수입니다.")
    return choose(
        en=f"filter customer {RECENCY_CUSTOMER}'s purchases to dates before 1997-10-01, take the "
        "latest one, and count the days from it to 1997-10-01.",
        ko=f"고객 {RECENCY_CUSTOMER}의 구매를 1997-10-01 이전 날짜로 거르고, 그중 가장 늦은 구매에서 "
        "1997-10-01까지의 날수를 세십시오.",
    )


@cache
def _cdnow_scores() -> pd.DataFrame:
    return rfm_scores(rfm_table(_cdnow(), date_col="date", order_col=None))


@cache
def _top_ten_ids() -> list[int]:
    scores = _cdnow_scores()
    ranked = scores.sort_values(["rfm_score", "monetary"], ascending=[False, False], kind="stable")
    return [int(i) for i in ranked.index[:10]]


@exercise(
    "02.2",
    "The 10 CDNOW customer ids to call first: highest rfm_score, ties broken by highest monetary",
    success="A ranking needs a full order: the score first, then spend to break its many ties.",
    expected=lambda: _top_ten_ids(),
    question_ko="가장 먼저 전화할 CDNOW 고객 ID 10개: rfm_score가 가장 높은 순서, 동점은 monetary가 "
    "높은 순서",
    success_ko="순위를 매기려면 완전한 순서가 필요합니다. 먼저 점수로, 그다음 수많은 동점은 구매금액으로 "
    "가릅니다.",
)
def _top_ten(answer):
    scores = _cdnow_scores()
    expected = set(_top_ten_ids())
    got = as_ids(answer)  # refuses repeated ids: 13 items with 3 repeats are not "the top 10"
    if len(got) != 10:
        return choose(
            en=f"give exactly 10 customer ids (you gave {len(got)}).",
            ko=f"고객 ID를 정확히 10개 답하십시오(답한 개수: {len(got)}).",
        )
    if got == expected:
        return None
    ranked = scores.sort_values(["rfm_score", "monetary"], ascending=[False, False], kind="stable")
    if got == set(scores["monetary"].nlargest(10).index):
        return choose(
            en="these are the 10 biggest spenders, ranked on M alone; rank on rfm_score first and "
            "use monetary only to break ties.",
            ko="M만으로 순위를 매긴 최대 구매 고객 10명입니다. 먼저 rfm_score로 순위를 매기고 "
            "monetary는 동점을 가를 때만 쓰십시오.",
        )
    if got == set(ranked.index[-10:]) or got == set(
        scores.sort_values(["rfm_score", "monetary"], kind="stable").index[:10]
    ):
        return choose(
            en="you took the bottom of the ranking; sort with ascending=False.",
            ko="순위의 맨 아래를 골랐습니다. ascending=False로 정렬하십시오.",
        )
    valid = got <= set(scores.index)
    if valid and (scores.loc[list(got), "rfm_score"] == 15).all():
        return choose(
            en="all your customers have the top score 15, but hundreds share it, so the tie-break "
            "decides who makes the list: sort by rfm_score and then by monetary, both descending.",
            ko="고른 고객은 모두 최고 점수 15이지만, 이 점수를 받은 고객이 수백 명이라 명단에 누가 "
            "드는지는 동점 처리가 정합니다. rfm_score로, 그다음 monetary로, 둘 다 내림차순으로 "
            "정렬하십시오.",
        )
    if valid and not got & set(scores.index[scores["rfm_score"] == 15]):
        return choose(
            en="none of your ids has the top RFM score (15); did you use the scores table?",
            ko="답한 ID 가운데 최고 RFM 점수(15)를 받은 고객이 하나도 없습니다. 점수 표를 썼습니까?",
        )
    return choose(
        en="score the whole master file (rfm_scores(rfm_table(cdnow, date_col='date', "
        "order_col=None))), sort by ['rfm_score', 'monetary'] descending and take the first 10 "
        "index values.",
        ko="마스터 파일 전체에 점수를 매기고(rfm_scores(rfm_table(cdnow, date_col='date', "
        "order_col=None))), ['rfm_score', 'monetary']로 내림차순 정렬한 뒤 인덱스의 처음 10개 "
        "값을 고르십시오.",
    )


@cache
def _contacts() -> tuple[pd.DataFrame, pd.DataFrame]:
    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    at_send = score_contacts(shop.campaign_contacts, orders)
    at_end = shop.campaign_contacts.join(
        rfm_scores(rfm_table(orders))[["rfm_score"]], on="customer_id"
    )
    return at_send, at_end


LIFT_TOLERANCE = 0.005  # the lift is about 5: a third decimal is what "unrounded" buys


@cache
def _lift_cases() -> dict[str, float]:
    at_send, at_end = _contacts()
    rates = at_send.groupby("rfm_score")["responded"].mean()
    average = at_send["responded"].mean()
    end_rates = at_end.groupby("rfm_score")["responded"].mean()
    return {
        "right": rates.loc[15] / average,
        "rate": rates.loc[15],
        "minus_one": rates.loc[15] / average - 1,
        "unweighted": rates.loc[15] / rates.mean(),
        "leak": end_rates.loc[15] / at_end["responded"].mean(),
        "difference": rates.loc[15] - average,
    }


@exercise(
    "02.3",
    "Lift of the response rate of contacts with RFM score 15 (at sending time) over all contacts",
    success="Lift compares a target group's rate with the rate of mailing everyone.",
    expected=lambda: float(_lift_cases()["right"]),
    question_ko="발송 시점의 RFM 점수가 15인 연락의 반응률이 전체 연락의 반응률에 대해 갖는 향상도(lift)",
    success_ko="향상도는 목표 집단의 반응률을 모든 고객에게 보냈을 때의 반응률과 비교합니다.",
    tolerance=LIFT_TOLERANCE,
)
def _lift(answer):
    cases = _lift_cases()
    value = as_number(answer)
    if abs(value - cases["right"]) <= LIFT_TOLERANCE:
        return None
    if abs(value - cases["right"]) <= 0.05:
        return choose(
            en="close, but rounded: compute the ratio from contacts and give it unrounded (rates "
            "copied from the rounded table are not precise enough).",
            ko="가깝지만 반올림되었습니다. contacts에서 비율을 계산해 반올림하지 않은 값으로 답하십시오"
            "(반올림된 표에서 옮겨 적은 반응률은 충분히 정확하지 않습니다).",
        )
    if is_close(value, 1 / cases["right"], rel=2e-3):
        return choose(
            en="you divided the other way round: lift = rate of score 15 / average rate (above 1).",
            ko="거꾸로 나누었습니다. 향상도 = 점수 15의 반응률 / 평균 반응률(1보다 큼)입니다.",
        )
    if is_close(value, cases["rate"], rel=2e-3) or is_close(value, 100 * cases["rate"], rel=2e-3):
        return choose(
            en="that is the response rate of score 15 itself; lift divides it by the average response rate.",
            ko="그것은 점수 15의 반응률 자체입니다. 향상도는 이를 평균 반응률로 나눕니다.",
        )
    if is_close(value, cases["minus_one"], rel=2e-3) or is_close(
        value, 100 * cases["minus_one"], rel=2e-3
    ):
        return choose(
            en="lift is the ratio rate / average, not the relative increase (ratio − 1).",
            ko="향상도는 반응률 / 평균의 비율이지, 상대 증가율(비율 − 1)이 아닙니다.",
        )
    if is_close(value, cases["difference"], rel=2e-3):
        return choose(
            en="that is the difference of the two rates; lift is their ratio.",
            ko="그것은 두 반응률의 차이입니다. 향상도는 둘의 비율입니다.",
        )
    if is_close(value, cases["unweighted"], rel=2e-3):
        return choose(
            en="you averaged the 13 per-score rates; the average response rate is over all contacts "
            "(contacts['responded'].mean()), since the scores hold different numbers of contacts.",
            ko="점수별 반응률 13개를 평균했습니다. 점수마다 연락 수가 다르므로 평균 반응률은 전체 "
            "연락에 대해 구합니다(contacts['responded'].mean()).",
        )
    if is_close(value, cases["leak"], rel=2e-3):
        return choose(
            en="these scores were computed at the end of the data, after the campaigns: the "
            "responses themselves moved customers up. Score each contact at its send date "
            "with score_contacts.",
            ko="이 점수는 캠페인이 끝난 뒤 데이터의 끝에서 계산한 것입니다. 반응 자체가 고객의 점수를 "
            "끌어올렸습니다. score_contacts로 연락마다 발송일 기준 점수를 매기십시오.",
        )
    return choose(
        en="score the contacts at sending time (score_contacts), take the response rate of "
        "rfm_score 15 and divide it by the response rate of all contacts.",
        ko="연락마다 발송 시점의 점수를 매기고(score_contacts), rfm_score 15의 반응률을 전체 연락의 "
        "반응률로 나누십시오.",
    )


@cache
def _cleaning_cases() -> dict[str, float]:
    orders = load_shop().orders
    gross = orders["amount"].sum()
    status = orders["status"]
    return {
        "right": orders.loc[status != "completed", "amount"].sum() / gross,
        "rows": (status != "completed").mean(),
        "cancelled_only": orders.loc[status == "cancelled", "amount"].sum() / gross,
        "with_guests": orders.loc[
            (status != "completed") | orders["customer_id"].isna(), "amount"
        ].sum()
        / gross,
        "cleaning_report": clean_shop_orders(orders, load_shop().order_items)
        .report["amount_dropped"]
        .sum()
        / gross,
        "of_kept": orders.loc[status != "completed", "amount"].sum()
        / orders.loc[status == "completed", "amount"].sum(),
        "gross_with_discount": orders.loc[status != "completed", ["amount", "discount"]].sum().sum()
        / orders[["amount", "discount"]].sum().sum(),
    }


@exercise(
    "02.4",
    "Share of the shop's gross order value (all orders) that is cancelled or returned",
    success="Cancellations and returns are a sizable slice of revenue: measure them before dropping them.",
    expected=lambda: float(_cleaning_cases()["right"]),
    question_ko="쇼핑몰 총주문액(모든 주문) 가운데 취소되거나 반품된 몫",
    success_ko="취소와 반품은 매출에서 꽤 큰 몫입니다. 제외하기 전에 그 크기를 재어 두십시오.",
    tolerance=0.0002,
)
def _cancelled_share(answer):
    cases = _cleaning_cases()
    value = as_number(answer)
    if is_close(value, cases["right"], rel=2e-3):
        return None
    if is_close(value, 100 * cases["right"], rel=2e-3):
        return choose(
            en="give a share between 0 and 1, not a percentage.",
            ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if is_close(value, cases["rows"], rel=2e-3):
        return choose(
            en="that is the share of ORDERS; the question asks for the share of order VALUE (sum of amount).",
            ko="그것은 주문 건수의 비율입니다. 문제는 주문 금액(amount의 합)의 비율을 묻습니다.",
        )
    if is_close(value, cases["cancelled_only"], rel=2e-3):
        return choose(
            en="returned orders are lost revenue too: count status 'cancelled' and 'returned'.",
            ko="반품된 주문도 잃은 매출입니다. status가 'cancelled'와 'returned'인 주문을 모두 세십시오.",
        )
    if is_close(value, cases["with_guests"], rel=2e-3):
        return choose(
            en="guest orders were paid for; only cancelled and returned orders count here.",
            ko="비회원 주문은 결제가 끝난 주문입니다. 여기서는 취소와 반품된 주문만 셉니다.",
        )
    if is_close(value, cases["cleaning_report"], rel=2e-3):
        return choose(
            en="that is everything the cleaning dropped (the report's amount_dropped), which also "
            "counts guest checkouts and wholesale orders; count only status 'cancelled' and "
            "'returned'.",
            ko="그것은 정제에서 제외한 전부(보고서의 amount_dropped)로, 비회원 주문과 도매 주문까지 "
            "들어 있습니다. status가 'cancelled'와 'returned'인 주문만 세십시오.",
        )
    if is_close(value, cases["of_kept"], rel=2e-3):
        return choose(
            en="divide by the gross value of ALL orders, not of the completed ones.",
            ko="완료된 주문만이 아니라 모든 주문의 총액으로 나누십시오.",
        )
    if is_close(value, cases["gross_with_discount"], rel=2e-3):
        return choose(
            en="the question asks for the order value in `amount` (net of discount); do not add discount.",
            ko="문제는 `amount`(할인을 뺀 금액)의 주문액을 묻습니다. discount를 더하지 마십시오.",
        )
    if abs(value - cases["right"]) <= 0.005:
        return choose(
            en="close, but rounded: compute the share from shop.orders and give it unrounded.",
            ko="가깝지만 반올림되었습니다. shop.orders에서 비율을 계산해 반올림하지 않은 값으로 답하십시오.",
        )
    if not 0 <= value <= 1:
        return choose(en="a share lies between 0 and 1.", ko="비율은 0과 1 사이에 있습니다.")
    return choose(
        en="sum amount over orders whose status is not 'completed' and divide by the sum over all orders.",
        ko="status가 'completed'가 아닌 주문의 amount를 더하고, 모든 주문의 amount 합으로 나누십시오.",
    )


# ---------------------------------------------------------------------------------------------
# 02.5 build: the F score with rank + qcut


@cache
def _shop_rfm() -> pd.DataFrame:
    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    return rfm_table(orders, as_of=SHOP_AS_OF)


@cache
def _f_cases() -> dict[str, pd.Series]:
    rfm = _shop_rfm()
    freq = rfm["frequency"]
    labels = [1, 2, 3, 4, 5]
    shuffled = freq.sample(frac=1, random_state=TIE_SEED)
    by_id = freq.rank(method="first")
    n = len(freq)
    return {
        "right": rfm_scores(rfm)["F"],
        "by_id": pd.qcut(by_id, 5, labels=labels).astype("int64"),
        "reversed": pd.qcut(shuffled.rank(method="first", ascending=False), 5, labels=labels)
        .astype("int64")
        .reindex(freq.index),
        "floor_cut": ((shuffled.rank(method="first") - 1) * 5 // n + 1)
        .astype("int64")
        .reindex(freq.index),
        "other_seed": pd.qcut(
            freq.sample(frac=1, random_state=0).rank(method="first"), 5, labels=labels
        )
        .astype("int64")
        .reindex(freq.index),
    }


@exercise(
    "02.5",
    "F scores (1-5) of every shop customer on 2025-01-01, built with the seeded shuffle, "
    "rank(method='first') and pd.qcut; a Series indexed by customer id",
    success="Quintile scores are just ranks cut into five equal groups, with a stated tie rule.",
    expected=lambda: _f_cases()["right"].copy(),
    question_ko="2025-01-01 기준 쇼핑몰 모든 고객의 F 점수(1-5): 시드를 고정한 섞기, "
    "rank(method='first'), pd.qcut으로 만들고 고객 ID를 인덱스로 하는 Series",
    success_ko="오분위 점수는 순위를 같은 크기의 다섯 집단으로 자른 것일 뿐이며, 동점 처리 규칙을 "
    "밝혀 둡니다.",
)
def _f_score(answer):
    if isinstance(answer, pd.DataFrame) and "F" in answer.columns:
        answer = answer["F"]
    if not isinstance(answer, pd.Series):
        return choose(
            en="expected a pandas Series of F scores indexed by customer id, got "
            f"{type(answer).__name__}.",
            ko="고객 ID를 인덱스로 하는 F 점수의 pandas Series를 답해야 하는데, "
            f"{type(answer).__name__}을(를) 답했습니다.",
        )
    cases = _f_cases()
    right = cases["right"]
    if len(answer) != len(right) or not answer.index.isin(right.index).all():
        return choose(
            en=f"give one F score for each of the {len(right):,} customers of rfm_table(orders, "
            "as_of='2025-01-01'), indexed by customer id.",
            ko=f"rfm_table(orders, as_of='2025-01-01')의 고객 {len(right):,}명 모두에게 F 점수를 "
            "하나씩, 고객 ID를 인덱스로 하여 답하십시오.",
        )
    values = pd.to_numeric(answer, errors="coerce").reindex(right.index)
    if values.isna().any():
        return choose(
            en="every F score must be a number from 1 to 5 (use labels=[1, 2, 3, 4, 5]).",
            ko="F 점수는 모두 1에서 5까지의 숫자여야 합니다(labels=[1, 2, 3, 4, 5]를 쓰십시오).",
        )
    if (values == right).all():
        return None
    if (values + 1 == right).all():
        return choose(
            en="your scores run 0-4: pd.qcut(..., labels=False) counts from 0, add 1 (or use labels=[1, 2, 3, 4, 5]).",
            ko="점수가 0-4입니다. pd.qcut(..., labels=False)는 0부터 세므로 1을 더하십시오"
            "(또는 labels=[1, 2, 3, 4, 5]를 쓰십시오).",
        )
    if (values == cases["by_id"]).all():
        return choose(
            en="you ranked without shuffling, so the many tied one- and two-order customers are "
            "split by customer id, i.e. by signup date. Shuffle first: "
            "rfm['frequency'].sample(frac=1, random_state=2024).rank(method='first').",
            ko="섞지 않고 순위를 매겼으므로, 주문이 한두 번으로 동점인 수많은 고객이 고객 ID, 곧 가입 "
            "순서로 갈렸습니다. 먼저 섞으십시오: "
            "rfm['frequency'].sample(frac=1, random_state=2024).rank(method='first').",
        )
    if (values == cases["reversed"]).all() or (values == 6 - right).all():
        return choose(
            en="your scores are upside down: for frequency, more orders is better, so rank ascending (F = 5 = most orders).",
            ko="점수가 거꾸로입니다. 빈도는 주문이 많을수록 좋으므로 오름차순으로 순위를 매기십시오"
            "(F = 5 = 주문이 가장 많음).",
        )
    if (values == cases["floor_cut"]).all():
        return choose(
            en="close: (rank - 1) * 5 // n cuts the ranks a little differently from pd.qcut; the "
            "workbook's rule is pd.qcut(rank, 5).",
            ko="가깝습니다. (rank - 1) * 5 // n은 순위를 pd.qcut과 조금 다르게 자릅니다. 워크북의 "
            "규칙은 pd.qcut(rank, 5)입니다.",
        )
    if (values == cases["other_seed"]).all() or (
        values.value_counts().sort_index().tolist() == right.value_counts().sort_index().tolist()
    ):
        return choose(
            en="the group sizes are right but other customers got the tied scores: use the "
            "workbook's seed, random_state=2024, for the shuffle.",
            ko="집단의 크기는 맞지만 동점 점수를 다른 고객들이 받았습니다. 섞을 때 워크북의 시드 "
            "random_state=2024를 쓰십시오.",
        )
    return choose(
        en="shuffle the customers with .sample(frac=1, random_state=2024), rank frequency with "
        "rank(method='first'), cut the ranks with pd.qcut(..., 5, labels=[1, 2, 3, 4, 5]) and "
        "put the result back in customer order.",
        ko=".sample(frac=1, random_state=2024)로 고객을 섞고, rank(method='first')로 frequency의 "
        "순위를 매기고, pd.qcut(..., 5, labels=[1, 2, 3, 4, 5])로 순위를 자른 뒤 결과를 고객 순서로 "
        "되돌리십시오.",
    )


# ---------------------------------------------------------------------------------------------
# 02.6 decide: which score bands to mail at break-even, judged by the randomised control


@cache
def _band_table() -> pd.DataFrame:
    shop = load_shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    assignments = shop.campaign_assignments.merge(
        shop.campaigns[["campaign_id", "sent_at"]], on="campaign_id"
    )
    eligible = score_contacts(assignments, orders).dropna(subset=["rfm_score"])
    groups = eligible.groupby([score_band(eligible["rfm_score"]), "treated"], observed=True)
    rates = groups["converted"].mean().unstack()
    table = pd.DataFrame({"treated_rate": rates[True], "control_rate": rates[False]})
    table["uplift"] = table["treated_rate"] - table["control_rate"]
    table.index = table.index.astype(str)
    return table


def _bands_where(values: pd.Series, threshold: float) -> set[str]:
    return {str(b) for b in values.index[values.to_numpy() >= threshold]}


@exercise(
    "02.6",
    "Score bands ('3-6', '7-9', '10-12', '13-15') worth mailing at 1,000 KRW per contact and "
    "50,000 KRW margin per purchase, judged by the incremental purchase rate",
    success=(
        "Break-even compares the INCREMENTAL purchase rate (contacted minus control) with "
        "cost / margin; the response rate alone counts the customers who would have bought anyway."
    ),
    question_ko="연락당 1,000원, 구매당 마진 50,000원에서 증분 구매율로 판단할 때 보낼 가치가 있는 점수 "
    "구간('3-6', '7-9', '10-12', '13-15')",
    success_ko=(
        "손익분기에서는 증분 구매율(연락받은 고객 − 통제집단)을 비용 / 마진과 비교합니다. "
        "반응률만 보면 어차피 샀을 고객까지 셉니다."
    ),
    expected=lambda: sorted(
        _bands_where(_band_table()["uplift"], COST_PER_CONTACT / MARGIN_PER_PURCHASE),
        key=BAND_LABELS.index,
    ),
)
def _mail_bands(answer):
    table = _band_table()
    if isinstance(answer, str):
        answer = [answer]
    got = as_set(answer)
    unknown = {str(b) for b in got} - set(BAND_LABELS)
    if unknown:
        return choose(
            en=f"use the band labels {list(BAND_LABELS)}; {sorted(unknown)} is not one of them.",
            ko=f"구간 이름 {list(BAND_LABELS)}을 쓰십시오. {sorted(unknown)}은(는) 그중 하나가 아닙니다.",
        )
    got = {str(b) for b in got}
    break_even = COST_PER_CONTACT / MARGIN_PER_PURCHASE
    right = _bands_where(table["uplift"], break_even)
    if got == right:
        return None
    if got == _bands_where(table["treated_rate"], break_even):
        return choose(
            en="you compared the RESPONSE rate of contacted customers with break-even; part of them "
            "would have bought anyway (see the control group). Compare the uplift, treated rate "
            "minus control rate, with cost / margin.",
            ko="연락받은 고객의 반응률을 손익분기와 비교했습니다. 그중 일부는 어차피 샀을 "
            "고객입니다(통제집단을 보십시오). 증분 효과, 곧 처치집단 구매율 − 통제집단 구매율을 "
            "비용 / 마진과 비교하십시오.",
        )
    if got == set(BAND_LABELS):
        return choose(
            en="mailing every band loses money where the uplift is below break-even "
            f"(cost / margin = {break_even:.1%}).",
            ko="모든 구간에 보내면 증분 효과가 손익분기(비용 / 마진 = "
            f"{break_even:.1%})보다 낮은 구간에서 손해를 봅니다.",
        )
    if not got:
        return choose(
            en=f"at least one band earns more than it costs: compare each band's uplift with {break_even:.1%}.",
            ko=f"비용보다 더 버는 구간이 적어도 하나 있습니다. 구간마다 증분 효과를 {break_even:.1%}와 "
            "비교하십시오.",
        )
    if got == _bands_where(table["uplift"], MARGIN_PER_PURCHASE / COST_PER_CONTACT / 1000):
        return choose(
            en=f"break-even is cost / margin = 1,000 / 50,000 = {break_even:.1%}, not margin / cost.",
            ko=f"손익분기는 마진 / 비용이 아니라 비용 / 마진 = 1,000 / 50,000 = {break_even:.1%}입니다.",
        )
    return choose(
        en=f"break-even = cost per contact / margin per purchase = {break_even:.1%}; mail the bands whose uplift "
        "(treated rate minus control rate) is at least that.",
        ko=f"손익분기 = 연락당 비용 / 구매당 마진 = {break_even:.1%}입니다. 증분 효과(처치집단 구매율 − "
        "통제집단 구매율)가 이 값 이상인 구간에 보내십시오.",
    )


# ---------------------------------------------------------------------------------------------
# 02.7 critique: the in-sample reach claim

_FLAWS = ("in-sample", "look-ahead", "tie rule", "too few customers", "no flaw")


@exercise(
    "02.7",
    "The main flaw of 'mailing the top 20% by RFM score (on all of CDNOW's data) reaches almost two thirds of "
    "revenue, so mail them next': one of " + ", ".join(repr(f) for f in _FLAWS),
    success=(
        "The score contains M and is judged on the same period's M: it describes who spent, not "
        "who will. Judge a selection on a later period (the holdout gains chart)."
    ),
    question_ko="'(CDNOW 전체 데이터로 계산한) RFM 점수 상위 20%에게 보내면 매출의 거의 삼분의 이에 "
    "닿으므로, 다음에는 이들에게 보내자'의 가장 큰 결함: "
    + ", ".join(repr(f) for f in _FLAWS)
    + " 가운데 하나",
    success_ko=(
        "점수에는 M이 들어 있고, 같은 기간의 M으로 평가됩니다. 이는 앞으로 누가 쓸지가 아니라 누가 "
        "썼는지를 말해 줍니다. 고객 선택은 이후 기간(검증 기간의 이득 도표)으로 평가하십시오."
    ),
    expected=lambda: "in-sample",
)
def _flaw(answer):
    choice = as_choice(
        answer,
        _FLAWS,
        aliases={
            "circular": "in-sample",
            "same period": "in-sample",
            "leak": "look-ahead",
            "leakage": "look-ahead",
            "ties": "tie rule",
            "small sample": "too few customers",
            "none": "no flaw",
        },  # fmt: skip
    )
    if choice == "in-sample":
        return None
    if choice == "look-ahead":
        return choose(
            en="close, but nothing from after a campaign is used here: the claim ranks customers by "
            "a score that contains their spend M and then measures that same spend. That is an "
            "in-sample (circular) evaluation; look-ahead is scoring a contact after it was sent.",
            ko="가깝지만 여기서는 캠페인 뒤의 정보를 전혀 쓰지 않습니다. 이 주장은 구매금액 M이 들어 "
            "있는 점수로 고객의 순위를 매긴 뒤 바로 그 구매금액을 잽니다. 이것이 같은 표본 안의(순환) "
            "평가(in-sample)이고, look-ahead는 연락이 발송된 뒤에 그 연락의 점수를 매기는 것입니다.",
        )
    if choice == "tie rule":
        return choose(
            en="the tie rule moves a few customers between neighbouring scores; it cannot create a two-thirds share.",
            ko="동점 처리 규칙은 고객 몇 명을 이웃한 점수 사이에서 옮길 뿐, 삼분의 이라는 몫을 만들어 "
            "낼 수는 없습니다.",
        )
    if choice == "too few customers":
        return choose(
            en="CDNOW has 23,570 customers; the problem is which period the spend is measured in.",
            ko="CDNOW의 고객은 23,570명입니다. 문제는 구매액을 어느 기간에서 재느냐입니다.",
        )
    return choose(
        en="there is a flaw: the ranking uses M, and the two thirds are the same M. On a later period "
        "(weeks 40-78) the top 20% reach a different share: judge selections on a holdout.",
        ko="결함이 있습니다. 순위는 M을 쓰고, 삼분의 이도 바로 그 M입니다. 이후 기간(40-78주)에서는 "
        "상위 20%가 닿는 몫이 다릅니다. 고객 선택은 검증 기간으로 평가하십시오.",
    )
