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
)
def _recency_by_hand(answer):
    cases = _recency_cases()
    if isinstance(answer, pd.Timedelta):
        return "you gave a time span (a Timedelta); the answer is a number of days: add .days."
    value = as_number(answer)
    if value == cases["right"] and float(value).is_integer():
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
)
def _top_ten(answer):
    scores = _cdnow_scores()
    expected = set(_top_ten_ids())
    got = as_ids(answer)  # refuses repeated ids: 13 items with 3 repeats are not "the top 10"
    if len(got) != 10:
        return f"give exactly 10 customer ids (you gave {len(got)})."
    if got == expected:
        return None
    ranked = scores.sort_values(["rfm_score", "monetary"], ascending=[False, False], kind="stable")
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
    tolerance=LIFT_TOLERANCE,
)
def _lift(answer):
    cases = _lift_cases()
    value = as_number(answer)
    if abs(value - cases["right"]) <= LIFT_TOLERANCE:
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
    tolerance=0.0002,
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
    if is_close(value, cases["cleaning_report"], rel=2e-3):
        return (
            "that is everything the cleaning dropped (the report's amount_dropped), which also "
            "counts guest checkouts and wholesale orders; count only status 'cancelled' and "
            "'returned'."
        )
    if is_close(value, cases["of_kept"], rel=2e-3):
        return "divide by the gross value of ALL orders, not of the completed ones."
    if is_close(value, cases["gross_with_discount"], rel=2e-3):
        return "the question asks for the order value in `amount` (net of discount); do not add discount."
    if abs(value - cases["right"]) <= 0.005:
        return "close, but rounded: compute the share from shop.orders and give it unrounded."
    if not 0 <= value <= 1:
        return "a share lies between 0 and 1."
    return "sum amount over orders whose status is not 'completed' and divide by the sum over all orders."


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
)
def _f_score(answer):
    if isinstance(answer, pd.DataFrame) and "F" in answer.columns:
        answer = answer["F"]
    if not isinstance(answer, pd.Series):
        raise TypeError(
            f"expected a pandas Series of F scores indexed by customer id, got {type(answer).__name__}"
        )
    cases = _f_cases()
    right = cases["right"]
    if len(answer) != len(right) or not answer.index.isin(right.index).all():
        return (
            f"give one F score for each of the {len(right):,} customers of rfm_table(orders, "
            "as_of='2025-01-01'), indexed by customer id."
        )
    values = pd.to_numeric(answer, errors="coerce").reindex(right.index)
    if values.isna().any():
        return "every F score must be a number from 1 to 5 (use labels=[1, 2, 3, 4, 5])."
    if (values == right).all():
        return None
    if (values + 1 == right).all():
        return "your scores run 0-4: pd.qcut(..., labels=False) counts from 0, add 1 (or use labels=[1, 2, 3, 4, 5])."
    if (values == cases["by_id"]).all():
        return (
            "you ranked without shuffling, so the many tied one- and two-order customers are "
            "split by customer id, i.e. by signup date. Shuffle first: "
            "rfm['frequency'].sample(frac=1, random_state=2024).rank(method='first')."
        )
    if (values == cases["reversed"]).all() or (values == 6 - right).all():
        return "your scores are upside down: for frequency, more orders is better, so rank ascending (F = 5 = most orders)."
    if (values == cases["floor_cut"]).all():
        return (
            "close: (rank - 1) * 5 // n cuts the ranks a little differently from pd.qcut; the "
            "workbook's rule is pd.qcut(rank, 5)."
        )
    if (values == cases["other_seed"]).all() or (
        values.value_counts().sort_index().tolist() == right.value_counts().sort_index().tolist()
    ):
        return (
            "the group sizes are right but other customers got the tied scores: use the "
            "workbook's seed, random_state=2024, for the shuffle."
        )
    return (
        "shuffle the customers with .sample(frac=1, random_state=2024), rank frequency with "
        "rank(method='first'), cut the ranks with pd.qcut(..., 5, labels=[1, 2, 3, 4, 5]) and "
        "put the result back in customer order."
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
        return f"use the band labels {list(BAND_LABELS)}; {sorted(unknown)} is not one of them."
    got = {str(b) for b in got}
    break_even = COST_PER_CONTACT / MARGIN_PER_PURCHASE
    right = _bands_where(table["uplift"], break_even)
    if got == right:
        return None
    if got == _bands_where(table["treated_rate"], break_even):
        return (
            "you compared the RESPONSE rate of contacted customers with break-even; part of them "
            "would have bought anyway (see the control group). Compare the uplift, treated rate "
            "minus control rate, with cost / margin."
        )
    if got == set(BAND_LABELS):
        return (
            "mailing every band loses money where the uplift is below break-even "
            f"(cost / margin = {break_even:.1%})."
        )
    if not got:
        return f"at least one band earns more than it costs: compare each band's uplift with {break_even:.1%}."
    if got == _bands_where(table["uplift"], MARGIN_PER_PURCHASE / COST_PER_CONTACT / 1000):
        return (
            f"break-even is cost / margin = 1,000 / 50,000 = {break_even:.1%}, not margin / cost."
        )
    return (
        f"break-even = cost per contact / margin per purchase = {break_even:.1%}; mail the bands whose uplift "
        "(treated rate minus control rate) is at least that."
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
        return (
            "close, but nothing from after a campaign is used here: the claim ranks customers by "
            "a score that contains their spend M and then measures that same spend. That is an "
            "in-sample (circular) evaluation; look-ahead is scoring a contact after it was sent."
        )
    if choice == "tie rule":
        return "the tie rule moves a few customers between neighbouring scores; it cannot create a two-thirds share."
    if choice == "too few customers":
        return "CDNOW has 23,570 customers; the problem is which period the spend is measured in."
    return (
        "there is a flaw: the ranking uses M, and the two thirds are the same M. On a later period "
        "(weeks 40-78) the top 20% reach a different share: judge selections on a holdout."
    )
