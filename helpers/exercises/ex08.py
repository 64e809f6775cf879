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
    expected=lambda: dict(CRM_TOOLS),
)
def _classify(answer: Any) -> str | None:
    given = as_mapping(answer, list(CRM_TOOLS))
    wrong = []
    for tool, kind in CRM_TOOLS.items():
        got = as_choice(given[tool], KINDS)
        if got != kind:
            wrong.append(f"'{tool}' is not {got}: {_WHY[kind]}")
    if not wrong:
        return None
    return (
        f"{len(wrong)} of 10 misplaced. "
        + "; ".join(wrong[:3])
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
    expected=_best_depth,
)
def _decide_depth(answer: Any) -> str | None:
    d = as_integer(answer)
    table = _depth()
    best = _best_depth()
    if d == best:
        return None
    if not 0 <= d <= 10:
        return "give a number of deciles between 0 (mail nobody) and 10 (every eligible customer)."
    if best == 0 and d == int(round(10 * table["incremental_profit"].idxmax())):
        return (
            "that depth loses the least, but it still loses money: every incremental_profit is "
            "negative, so mailing nobody (0) earns more than any list."
        )
    if d == int(round(10 * table["naive_profit"].idxmax())):
        return (
            "that depth maximises the naive profit, which counts every contacted customer's revenue "
            "as caused by the campaign; use the incremental_profit column."
        )
    if d == int(round(10 * table["profit_high"].idxmax())):
        return "that depth maximises the upper end of the interval; decide on the estimate, incremental_profit."
    return (
        "find the depth (0.1 = decile 1) with the highest incremental_profit and give it in deciles "
        "(0.3 → 3); if no depth earns more than 0, mail nobody (0)."
    )


@exercise(
    "08.3",
    "What share of the response model's top-decile conversions among contacted customers would have happened without contact?",
    success="Those are the sure things: a response model counts them, an uplift measure does not.",
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
        return "give a share between 0 and 1, not a percentage."
    if abs(value - (1 - expected)) <= 0.0005:
        return (
            "that is the share the campaign CAUSED (uplift ÷ treated rate); the question asks for the "
            "share that would have happened anyway: control rate ÷ treated rate."
        )
    if abs(value - top["control_rate"]) <= 0.0005:
        return "that is the control group's conversion rate; divide it by the treated rate of the same decile."
    if abs(value - top["uplift"]) <= 0.0005:
        return "that is the uplift (a difference of rates); the question asks for a ratio: control ÷ treated."
    if abs(value - 1 / expected) <= 0.0005:
        return (
            "you divided the other way round (treated ÷ control); the share of the contacted "
            "customers' conversions that happen anyway is control_rate ÷ treated_rate (at most 1)."
        )
    if abs(value - round(expected, 2)) < 1e-9:
        return "almost: give the share to three decimals (or unrounded), not two."
    return "in decile 1 of by_response, divide control_rate by treated_rate."


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
    expected=lambda: _churn_variants()["right"],
    tolerance=0.0005,
)
def _churn_label(answer: Any) -> str | None:
    value = as_number(answer)
    v = _churn_variants()
    if abs(value - v["right"]) <= 0.0005:
        return None
    if abs(value - v["later_cutoff"]) <= 0.0005:
        return "that is the rate at the 2024-07-01 cutoff shown above; the exercise asks for 2023-07-01."
    if abs(value - v["no_lookback"]) <= 0.0005:
        return (
            "you took every customer who ever bought before the cutoff; the population is only those "
            "who bought in the 365 days before it (long-gone customers are not 'churning' now)."
        )
    if abs(value - v["year_horizon"]) <= 0.0005:
        return "the label looks 180 days ahead, not a year."
    if abs(value - (1 - v["right"])) <= 0.0005:
        return "that is the share who bought again (retained); churn is the share who did not."
    if abs(value - 100 * v["right"]) < 0.05:
        return "give a share between 0 and 1, not a percentage."
    return (
        "population: customers with an order in [cutoff − 365 days, cutoff); churned: no order in "
        "[cutoff, cutoff + 180 days); the rate is the mean of the churned flags."
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
        return "support and confidence are shares between 0 and 1 (divide by the number of baskets), not counts or percentages."
    hints = []
    if not close(support, e["support"]):
        if close(support, e["p_a"]):
            hints.append(
                "support is the share of baskets with BOTH products, not the antecedent alone"
            )
        elif abs(support - e["support"]) < 1e-4:
            hints.append(
                "your support is rounded (as in the rules table): count the baskets yourself"
            )
        else:
            hints.append("support = baskets holding both products / all order baskets")
    if not close(confidence, e["confidence"]):
        if close(confidence, e["support"] / e["p_c"]):
            hints.append(
                "your confidence divides by the consequent's baskets; confidence of A → B divides by the baskets holding the antecedent A"
            )
        elif abs(confidence - e["confidence"]) < 1e-3:
            hints.append("your confidence is rounded: compute it from the counts")
        else:
            hints.append("confidence = baskets with both / baskets with the antecedent")
    if not close(lift, e["lift"]):
        if abs(lift - e["lift"]) <= 0.05:  # the rules table shows lift to one decimal
            hints.append("your lift is rounded: compute it from the counts")
        else:
            hints.append("lift = confidence / share of baskets with the consequent")
    return "; ".join(hints) + "."


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
        return (
            "that is the median among customers who already returned: it ignores everyone still "
            "waiting, so it is too early. Use the Kaplan–Meier cum_returned column."
        )
    if d == expected - 30:
        return "that is the start of the window; give its end (window_end)."
    if d == int(_curve()["window_end"].iloc[-1]):
        return (
            "that is the end of the curve (its horizon), not where cum_returned first reaches 0.5."
        )
    return "find the first window whose cum_returned reaches 0.5 and give its window_end."
