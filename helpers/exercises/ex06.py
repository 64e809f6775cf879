"""Checkers of notebook 06 (the personalization process; when personalization pays).

06.1  top-20% revenue share of the CDNOW customers (a number between 0 and 1)
06.2  the Peppers & Rogers quadrant of a fashion-only Hanbit Mall (a quadrant key)
06.3  conversion uplift of well-reviewed experience goods (a difference of rates)
06.4  the campaign channel with the lowest cost per response (a channel name)

Expected answers are computed from the data with the same helpers the notebook uses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import as_number, exercise, is_close
from helpers.idic import (
    CONTACT_COSTS_KRW,
    QUADRANTS,
    STRATEGIES,
    needs_differentiation,
    peppers_rogers_quadrant,
    top_share,
)

WELL_REVIEWED = {"min_reviews": 20, "min_rating": 4.0}
"""06.3: a session saw a well-reviewed product when it had this many earlier reviews, this good."""
FEW_REVIEWS = 5
"""06.3: ... and a barely reviewed one below this many earlier reviews."""
ROUNDING_06_3 = 5e-4
"""06.3: an answer rounded to three decimals is accepted."""


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


@cache
def _experience_sessions() -> pd.DataFrame:
    from helpers.goods import reviews_before

    shop = _shop()
    viewed = shop.sessions.loc[shop.sessions["viewed_product"]].merge(
        shop.products[["product_id", "goods_type"]], on="product_id"
    )
    return reviews_before(viewed, shop.reviews)


def _uplift(sessions: pd.DataFrame, n_col: str, rating_col: str) -> float:
    well = (sessions[n_col] >= WELL_REVIEWED["min_reviews"]) & (
        sessions[rating_col] >= WELL_REVIEWED["min_rating"]
    )
    few = sessions[n_col] < FEW_REVIEWS
    return float(sessions.loc[well, "purchased"].mean() - sessions.loc[few, "purchased"].mean())


@cache
def _uplifts() -> dict[str, float]:
    s = _experience_sessions()
    exp = s[s["goods_type"] == "experience"]
    reviews = _shop().reviews
    final = reviews.groupby("product_id")["rating"].agg(n_all="size", r_all="mean")
    leaky = exp.join(final, on="product_id").fillna({"n_all": 0})
    bought = exp["purchased"]
    well = (exp["reviews_before"] >= WELL_REVIEWED["min_reviews"]) & (
        exp["rating_before"] >= WELL_REVIEWED["min_rating"]
    )
    few = exp["reviews_before"] < FEW_REVIEWS
    many = exp["reviews_before"] >= WELL_REVIEWED["min_reviews"]
    return {
        "right": _uplift(exp, "reviews_before", "rating_before"),
        "no rating rule": float(bought[many].mean() - bought[few].mean()),
        "five or fewer": float(
            bought[well].mean() - bought[exp["reviews_before"] <= FEW_REVIEWS].mean()
        ),
        "vs all others": float(bought[well].mean() - bought[~well].mean()),
        "ratio": float(bought[well].mean() / bought[few].mean()),
        "all goods": _uplift(s, "reviews_before", "rating_before"),
        "leaky": _uplift(leaky, "n_all", "r_all"),
        "search": _uplift(s[s["goods_type"] == "search"], "reviews_before", "rating_before"),
    }


@cache
def _channel_costs() -> pd.Series:
    cc = _shop().campaign_contacts
    rate = cc.groupby("channel")["responded"].mean()
    cost = pd.Series({ch: CONTACT_COSTS_KRW[ch] for ch in rate.index})
    return (cost / rate).sort_values()


# ---------------------------------------------------------------------------------------------


@exercise(
    "06.1",
    "What share of CDNOW's revenue comes from its top 20% of customers?",
    success="Two-thirds of the money from a fifth of the people: CDNOW's customers differ strongly in value.",
)
def _check_06_1(answer: Any) -> str | None:
    x = as_number(answer)
    values = _cdnow_values()
    expected = top_share(values, 0.2)
    if is_close(x, expected, rel=5e-3):
        return None
    if is_close(x, 100 * expected, rel=5e-3):
        return "give the share as a fraction between 0 and 1 (e.g. 0.5), not as a percentage."
    rows = np.sort(_cdnow_rows())[::-1]
    if is_close(x, rows[: int(np.ceil(0.2 * rows.size))].sum() / rows.sum(), rel=5e-3):
        return (
            "you ranked purchases (rows), not customers. Sum each customer's amount first "
            "(groupby customer_id), then take the top 20% of customers."
        )
    if is_close(x, 1 - top_share(values, 0.8), rel=5e-3):
        return "that is the share of the *bottom* 20%: sort customers from the highest value down."
    if is_close(x, 0.2, rel=1e-3):
        return "0.2 is the share of customers; the question asks for their share of revenue."
    return (
        "rank customers by their total amount (highest first), take the top 20% of them and divide "
        "their total by the total of all customers."
    )


@cache
def _cdnow_rows() -> np.ndarray:
    from helpers.data import load_cdnow

    return load_cdnow("master")["amount"].to_numpy()


@exercise(
    "06.2",
    "In which Peppers & Rogers quadrant would a fashion-only Hanbit Mall sit?",
    success=(
        "A shop selling one category meets customers who differ in how much they spend, not in which "
        "items they want: value-based marketing. The mall's needs differentiation comes from its "
        "breadth of categories."
    ),
)
def _check_06_2(answer: Any) -> str | None:
    if not isinstance(answer, str):
        raise TypeError(f"expected a quadrant name such as 'mass', got {type(answer).__name__}")
    given = answer.strip().lower()
    names = {s.name.lower(): key for key, s in STRATEGIES.items()}
    # 'value based', 'One to one' and 'value_based' mean the quadrant keys too
    spelled = {_label(key): key for key in QUADRANTS}
    given = names.get(given, spelled.get(_label(given), given))
    if given not in QUADRANTS:
        return f"answer with one of {QUADRANTS} (what peppers_rogers_quadrant returns)."
    value, needs, expected = _fashion_position()
    if given == expected:
        return None
    if given in ("one-to-one", "niche"):
        return (
            f"the needs axis should measure which fashion *products* customers pick (the needs index "
            f"over product_id within fashion is {needs:.2f}), not which categories they buy: a "
            "fashion-only shop has one category."
        )
    return (
        f"check the value axis: the top 20% of fashion buyers bring {value:.0%} of fashion spend "
        "(sum quantity × unit_price per customer), which is above the 0.5 threshold."
    )


@exercise(
    "06.3",
    "By how much does conversion rise for experience goods with many good earlier reviews?",
    success=(
        "Reviews turn an experience good into something a shopper can 'search': the well-reviewed "
        "ones convert clearly better."
    ),
)
def _check_06_3(answer: Any) -> str | None:
    x = as_number(answer)
    u = _uplifts()
    if is_close(x, u["right"], rel=0, abs_tol=ROUNDING_06_3):
        return None
    if is_close(x, 100 * u["right"], rel=1e-3):
        return "give the difference of two rates as a fraction (0.05 for 5 percentage points)."
    if is_close(x, -u["right"], rel=1e-3):
        return "subtract the barely reviewed sessions' rate from the well-reviewed sessions' rate."
    if is_close(x, u["leaky"], rel=1e-3):
        return (
            "you used every review of the product, including those written after the session "
            "(some by the session's own buyers): use reviews_before, which counts only earlier ones."
        )
    if is_close(x, u["all goods"], rel=1e-3):
        return "keep only sessions that viewed experience goods (goods_type == 'experience')."
    if is_close(x, u["search"], rel=1e-3):
        return "that is the uplift for search goods; the question asks about experience goods."
    if is_close(x, u["no rating rule"], rel=1e-3):
        return (
            "'well reviewed' needs both conditions: at least 20 earlier reviews AND an earlier "
            "average (rating_before) of at least 4.0."
        )
    if is_close(x, u["five or fewer"], rel=1e-3):
        return "'fewer than 5' means reviews_before < 5 (0 to 4 reviews), not <= 5."
    if is_close(x, u["vs all others"], rel=1e-3):
        return (
            "compare with the barely reviewed sessions (reviews_before < 5), not with every session "
            "that is not well reviewed."
        )
    if is_close(x, u["ratio"], rel=1e-3) or is_close(x, u["ratio"] - 1, rel=1e-3):
        return "give the difference of the two rates (subtract), not their ratio."
    if is_close(x, u["right"], rel=0, abs_tol=10 * ROUNDING_06_3):
        return "almost: give the difference to three decimals (or unrounded), not two."
    return (
        "among experience-goods sessions: rate of purchase when reviews_before >= 20 and "
        "rating_before >= 4.0, minus the rate when reviews_before < 5."
    )


@exercise(
    "06.4",
    "Which campaign channel has the lowest cost per response at the assumed contact costs?",
    success="Cheap contacts win even with a lower response rate: cost per response = cost ÷ response rate.",
)
def _check_06_4(answer: Any) -> str | None:
    if not isinstance(answer, str):
        raise TypeError(f"expected a channel name such as 'email', got {type(answer).__name__}")
    costs = _channel_costs()
    given = {"e_mail": "email", "push": "app_push"}.get(_label(answer), _label(answer))
    if given not in costs.index:
        return f"answer with one of the channels {sorted(costs.index)}."
    if given == costs.index[0]:
        return None
    rate = _shop().campaign_contacts.groupby("channel")["responded"].mean()
    if given == rate.idxmax():
        return (
            "that channel has the highest response rate, but each contact costs more: divide the "
            "cost per contact by the response rate."
        )
    return (
        "compute CONTACT_COSTS_KRW[channel] / response rate for each channel and take the smallest."
    )
