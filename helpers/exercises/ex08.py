"""Exercises of notebook 08 (eCRM): reading lift at the top decile, the profit-maximising
targeting depth, a rule's support/confidence/lift by hand, and the second-purchase window.

Expected answers are computed from the shop data with :mod:`helpers.ecrm`, never typed in. The
settings below repeat the notebook's choices so the checkers grade against the same analysis
(the test suite runs every solution through its check, so the two cannot drift apart).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from helpers import ecrm
from helpers.checks import as_integer, as_number, exercise
from helpers.cleaning import clean_shop_orders
from helpers.data import load_shop
from helpers.idic import CONTACT_COSTS_KRW, GROSS_MARGIN
from helpers.rfm import rfm_scores, rfm_segments, rfm_table

SEED = 8
"""Seed of every model in notebook 08."""
TEST_FROM = "2024-01-01"
"""Campaigns sent before this date train the response model; later ones test it."""
NUMERIC = [
    "recency",
    "frequency",
    "monetary",
    "avg_order_value",
    "tenure_days",
    "prior_contacts",
    "prior_responses",
    "prior_response_rate",
]
"""Numeric features of the campaign response model (all known at sending time)."""
CATEGORICAL = ["channel", "offer", "acquisition_channel"]
"""Categorical features of the campaign response model."""
MARGIN = GROSS_MARGIN
"""Gross margin on a response order (shared assumption of the workbook, 25 %)."""
CATALOGUE_COST = CONTACT_COSTS_KRW["printed catalogue"]
"""Cost of one printed catalogue (KRW), the expensive-channel scenario of notebook 08."""
RULE_SEGMENT = "Champions"
RULE = ("books", "sports")
"""Exercise 08.3: the rule books → sports among the Champions' category baskets."""
AS_OF = "2025-01-01"


@cache
def _orders() -> pd.DataFrame:
    shop = load_shop()
    return clean_shop_orders(shop.orders, shop.order_items).data


@cache
def _campaign() -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    shop = load_shop()
    X = ecrm.campaign_features(shop.campaign_contacts, _orders(), shop.customers)
    train = X.loc[X["sent_at"] < TEST_FROM]
    test = X.loc[X["sent_at"] >= TEST_FROM]
    model = ecrm.model_pipeline(NUMERIC, CATEGORICAL, model="logistic", random_state=SEED)
    model.fit(train, train["responded"])
    score = model.predict_proba(test)[:, 1]
    amount = test["response_order_id"].map(shop.orders.set_index("order_id")["amount"])
    value = (MARGIN * amount.fillna(0)).to_numpy()
    return test, score, value


@cache
def _train_rate() -> float:
    shop = load_shop()
    X = ecrm.campaign_features(shop.campaign_contacts, _orders(), shop.customers)
    return float(X.loc[X["sent_at"] < TEST_FROM, "responded"].mean())


@cache
def _gains() -> pd.DataFrame:
    test, score, _ = _campaign()
    return ecrm.gains_table(test["responded"], score)


def _profit(cost: float) -> pd.DataFrame:
    test, score, value = _campaign()
    return ecrm.profit_by_depth(test["responded"], score, value, cost_per_contact=cost)


@cache
def _all_baskets() -> pd.DataFrame:
    shop = load_shop()
    lines = shop.order_items.merge(shop.products[["product_id", "category"]]).merge(
        _orders()[["order_id", "customer_id"]]
    )
    return ecrm.basket_matrix(lines, basket_col="customer_id", item_col="category")


@cache
def _champion_baskets() -> pd.DataFrame:
    orders = _orders()
    baskets = _all_baskets()
    segment = rfm_segments(rfm_scores(rfm_table(orders, as_of=AS_OF)))["segment"]
    return baskets.loc[segment.reindex(baskets.index).eq(RULE_SEGMENT).to_numpy()]


@cache
def _curve() -> pd.DataFrame:
    times = ecrm.second_purchase_times(_orders(), as_of=AS_OF)
    return ecrm.second_purchase_curve(times, bin_days=30, horizon_days=720)


@exercise(
    "08.1",
    "What is the lift of the top decile of the logistic response model on the 2024 campaigns?",
    success="Mailing the top tenth reaches responders several times as often as a random tenth.",
)
def _top_lift(answer: Any) -> str | None:
    value = as_number(answer)
    g = _gains()
    top = g.loc[1]
    if abs(value - top["lift"]) < 0.02:  # 3.79 from the table or 3.8 from the figure
        return None
    train_rate = float(_train_rate())
    if abs(value - top["rate"] / train_rate) < 0.02:
        return (
            "you divided by the training period's response rate; lift compares decile 1 with the "
            "average of the same (2024 test) contacts."
        )
    if abs(value - top["rate"]) < 0.005 or abs(value - 100 * top["rate"]) < 0.5:
        return (
            "that is the response rate of decile 1; lift divides it by the overall response rate."
        )
    if abs(value - top["cum_gain"]) < 0.005 or abs(value - 100 * top["cum_gain"]) < 0.5:
        return "that is the cumulative gain (share of all responders in decile 1), not the lift."
    if abs(value - g["lift"].iloc[-1]) < 0.01:
        return "that is the bottom decile; decile 1 holds the highest scores."
    return (
        "read the 'lift' column of the gains table in row 1 (or rate of decile 1 / overall rate)."
    )


@exercise(
    "08.2",
    "With a 1,200 KRW catalogue and a 25 % margin, how many top deciles should you mail for the highest profit?",
    success="Beyond that depth each extra decile brings less margin than its printing and postage cost.",
)
def _depth(answer: Any) -> str | None:
    d = as_integer(answer)
    table = _profit(CATALOGUE_COST)
    best = ecrm.best_depth(table)
    if d == best:
        return None
    if not 0 <= d <= 10:
        return "give a number of deciles between 0 (mail nobody) and 10 (mail everyone)."
    if d == 10:
        return (
            "10 deciles is mailing everyone: that is best for a 5 KRW e-mail, but at 1,200 KRW "
            "the lower deciles lose money. Find the highest cum_profit."
        )
    if d == int((table["profit"] > 0).sum()):
        return (
            "you counted every decile with a positive profit, but they are not all at the top: "
            "stop at the depth where cum_profit is highest."
        )
    if d == ecrm.best_depth(_profit(CONTACT_COSTS_KRW["email"])):
        return "that is the answer for e-mail; use the catalogue cost of 1,200 KRW."
    if d > best:
        return (
            f"mailing {d} deciles earns less than a shallower list: the last deciles you added "
            "have a negative 'profit' (their responders bring less margin than the mailing costs). "
            "A decile's response rate above the break-even rate is not enough when its "
            "responders spend less than average: stop where cum_profit peaks."
        )
    return (
        f"the list can go deeper: cum_profit climbs higher further down than at depth {d}. "
        "Stop where cum_profit peaks."
    )


def _triple(answer: Any) -> tuple[float, float, float]:
    if isinstance(answer, dict):
        missing = {"support", "confidence", "lift"} - set(answer)
        if missing:
            raise ValueError(
                f"the dict needs the keys support, confidence and lift; missing {missing}"
            )
        return tuple(as_number(answer[k]) for k in ("support", "confidence", "lift"))  # type: ignore[return-value]
    if isinstance(answer, (list, tuple)) and len(answer) == 3:
        return tuple(as_number(v) for v in answer)  # type: ignore[return-value]
    raise TypeError("expected a dict with support, confidence and lift (or a tuple of the three)")


@exercise(
    "08.3",
    "Among Champions' category baskets: support, confidence and lift of the rule books → sports?",
    success="Confidence is the hit rate of the recommendation; lift says whether the rule beats just offering sports.",
)
def _rule(answer: Any) -> str | None:
    support, confidence, lift = _triple(answer)
    b = _champion_baskets()
    antecedent, consequent = RULE
    both = (b[antecedent] & b[consequent]).mean()
    p_a, p_c = b[antecedent].mean(), b[consequent].mean()
    exp_conf = both / p_a
    exp_lift = exp_conf / p_c
    if max(support, confidence) > 1:
        return (
            "support and confidence are shares between 0 and 1 (divide by the number of baskets), "
            "not counts or percentages."
        )
    everyone = _all_baskets()
    all_both = (everyone[antecedent] & everyone[consequent]).mean()
    if abs(support - all_both) < 0.002 and abs(support - both) > 0.002:
        return (
            "those are the shares over ALL customers' baskets; keep only the Champions' baskets "
            "(rfm_segment == 'Champions') before counting."
        )
    hints = []
    if abs(support - both) > 0.002:
        if abs(support - p_a) < 0.002:
            hints.append("support is the share of baskets with BOTH categories, not books alone")
        else:
            hints.append("support = baskets with books and sports / all Champions baskets")
    if abs(confidence - exp_conf) > 0.002:
        if abs(confidence - both / p_c) < 0.002:
            hints.append(
                "your confidence divides by the sports baskets: confidence of books → sports "
                "divides by the baskets holding books (the antecedent)"
            )
        else:
            hints.append("confidence = baskets with both / baskets with books")
    if abs(lift - exp_lift) > 0.005:
        hints.append("lift = confidence / share of baskets with sports")
    if not hints:
        return None
    return "; ".join(hints) + ". Count only the Champions' baskets."


@exercise(
    "08.4",
    "By how many days after the first purchase have half of the customers made a second one (Kaplan–Meier, 30-day windows)?",
    success="Counting customers still waiting as censored (not as 'never') moves the median later.",
)
def _half(answer: Any) -> str | None:
    d = as_integer(answer)
    curve = _curve()
    expected = int(curve.loc[curve["cum_returned"] >= 0.5, "window_end"].iloc[0])
    if d == expected:
        return None
    times = ecrm.second_purchase_times(_orders(), as_of=AS_OF)
    observed_median = float(times.loc[times["returned"], "days"].median())
    if abs(d - observed_median) <= 1:
        return (
            "that is the median among customers who already returned: it ignores everyone still "
            "waiting, so it is too early. Use the Kaplan–Meier cum_returned column."
        )
    if d == expected - 30:
        return "that is the start of the window; give its end (window_end)."
    return "find the first window whose cum_returned reaches 0.5 and give its window_end."
