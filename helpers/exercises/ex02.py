"""Exercises of notebook 02 (RFM analysis): recency by hand, selecting top customers, lift, cleaning.

Expected answers are computed from the data the first time a check runs; every hint names the
misconception that most likely produced the wrong number.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.checks import as_number, as_set, exercise, is_close
from helpers.cleaning import clean_shop_orders
from helpers.data import load_cdnow, load_shop
from helpers.rfm import rfm_scores, rfm_table, score_contacts

CALIBRATION_END = pd.Timestamp("1997-10-01")  # first day after weeks 1–39 of CDNOW
HOLDOUT_END = pd.Timestamp("1998-07-01")  # first day after weeks 40–78
RECENCY_CUSTOMER = 4


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
)
def _recency_by_hand(answer):
    cases = _recency_cases()
    if isinstance(answer, pd.Timedelta):
        return "you gave a time span (a Timedelta); the answer is a number of days: add .days."
    value = as_number(answer)
    if value == cases["right"]:
        return None
    if value == cases["from_first"]:
        return (
            "you counted from the customer's FIRST purchase; recency counts the days since the "
            "LAST purchase before the analysis date."
        )
    if value in (cases["right"] - 1, cases["right"] + 1):
        return (
            "off by one day. Recency is the number of whole days from the day of the last "
            "purchase to the analysis date: a purchase on 30 September has recency 1 on 1 October. "
            "Subtract the two dates: (pd.Timestamp('1997-10-01') - last_purchase).days."
        )
    if value == cases["full_data"]:
        return (
            "you used the whole data set and its end (1998-07-01) as the analysis date; keep only "
            "purchases before 1997-10-01 and measure to 1997-10-01."
        )
    if value == cases["after_window"] or value < 0:
        return (
            "you took a purchase made AFTER the analysis date; recency may only use purchases "
            "before as_of (filter date < 1997-10-01 first)."
        )
    if is_close(value * 7, cases["right"], rel=0.02):
        return "the answer is in days, not weeks."
    return (
        f"filter customer {RECENCY_CUSTOMER}'s purchases to dates before 1997-10-01, take the "
        "latest one, and count the days from it to 1997-10-01."
    )


@cache
def _cdnow_scores() -> pd.DataFrame:
    return rfm_scores(rfm_table(_cdnow(), date_col="date", order_col=None))


@exercise(
    "02.2",
    "The 10 CDNOW customer ids to call first: highest rfm_score, ties broken by highest monetary",
    success="A ranking needs a full order: the score first, then spend to break its many ties.",
)
def _top_ten(answer):
    scores = _cdnow_scores()
    ranked = scores.sort_values(["rfm_score", "monetary"], ascending=[False, False], kind="stable")
    expected = set(ranked.index[:10])
    got = as_set(answer)
    if got == expected:
        return None
    if len(got) != 10:
        return f"give exactly 10 customer ids (you gave {len(got)})."
    if got == set(scores["monetary"].nlargest(10).index):
        return (
            "these are the 10 biggest spenders, ranked on M alone; rank on rfm_score first and "
            "use monetary only to break ties."
        )
    if got == set(ranked.index[-10:]) or got == set(
        scores.sort_values(["rfm_score", "monetary"], kind="stable").index[:10]
    ):
        return "you took the bottom of the ranking; sort with ascending=False."
    valid = got <= set(scores.index)
    if valid and (scores.loc[list(got), "rfm_score"] == 15).all():
        return (
            "all your customers have the top score 15, but hundreds share it, so the tie-break "
            "decides who makes the list: sort by rfm_score and then by monetary, both descending."
        )
    if valid and not got & set(scores.index[scores["rfm_score"] == 15]):
        return "none of your ids has the top RFM score (15); did you use the scores table?"
    return (
        "score the whole master file (rfm_scores(rfm_table(cdnow, date_col='date', "
        "order_col=None))), sort by ['rfm_score', 'monetary'] descending and take the first 10 "
        "index values."
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
)
def _lift(answer):
    cases = _lift_cases()
    value = as_number(answer)
    if is_close(value, cases["right"], rel=2e-3):
        return None
    if abs(value - cases["right"]) <= 0.05:
        return (
            "close, but rounded: compute the ratio from contacts and give it unrounded (rates "
            "copied from the rounded table are not precise enough)."
        )
    if is_close(value, 1 / cases["right"], rel=2e-3):
        return "you divided the other way round: lift = rate of score 15 / average rate (above 1)."
    if is_close(value, cases["rate"], rel=2e-3) or is_close(value, 100 * cases["rate"], rel=2e-3):
        return "that is the response rate of score 15 itself; lift divides it by the average response rate."
    if is_close(value, cases["minus_one"], rel=2e-3) or is_close(
        value, 100 * cases["minus_one"], rel=2e-3
    ):
        return "lift is the ratio rate / average, not the relative increase (ratio − 1)."
    if is_close(value, cases["difference"], rel=2e-3):
        return "that is the difference of the two rates; lift is their ratio."
    if is_close(value, cases["unweighted"], rel=2e-3):
        return (
            "you averaged the 13 per-score rates; the average response rate is over all contacts "
            "(contacts['responded'].mean()), since the scores hold different numbers of contacts."
        )
    if is_close(value, cases["leak"], rel=2e-3):
        return (
            "these scores were computed at the end of the data, after the campaigns: the "
            "responses themselves moved customers up. Score each contact at its send date "
            "with score_contacts."
        )
    return (
        "score the contacts at sending time (score_contacts), take the response rate of "
        "rfm_score 15 and divide it by the response rate of all contacts."
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
        "of_kept": orders.loc[status != "completed", "amount"].sum()
        / orders.loc[status == "completed", "amount"].sum(),
        "gross_with_discount": orders.loc[status != "completed", ["amount", "discount"]].sum().sum()
        / orders[["amount", "discount"]].sum().sum(),
    }


@exercise(
    "02.4",
    "Share of the shop's gross order value (all orders) that is cancelled or returned",
    success="Cancellations and returns are a sizable slice of revenue: measure them before dropping them.",
)
def _cancelled_share(answer):
    cases = _cleaning_cases()
    value = as_number(answer)
    if is_close(value, cases["right"], rel=2e-3):
        return None
    if is_close(value, 100 * cases["right"], rel=2e-3):
        return "give a share between 0 and 1, not a percentage."
    if is_close(value, cases["rows"], rel=2e-3):
        return "that is the share of ORDERS; the question asks for the share of order VALUE (sum of amount)."
    if is_close(value, cases["cancelled_only"], rel=2e-3):
        return "returned orders are lost revenue too: count status 'cancelled' and 'returned'."
    if is_close(value, cases["with_guests"], rel=2e-3):
        return "guest orders were paid for; only cancelled and returned orders count here."
    if is_close(value, cases["of_kept"], rel=2e-3):
        return "divide by the gross value of ALL orders, not of the completed ones."
    if is_close(value, cases["gross_with_discount"], rel=2e-3):
        return "the question asks for the order value in `amount` (net of discount); do not add discount."
    if abs(value - cases["right"]) <= 0.005:
        return "close, but rounded: compute the share from shop.orders and give it unrounded."
    if not 0 <= value <= 1:
        return "a share lies between 0 and 1."
    return "sum amount over orders whose status is not 'completed' and divide by the sum over all orders."
