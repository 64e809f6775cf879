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
from helpers.idic import (
    CONTACT_COSTS_KRW,
    GROSS_MARGIN,
    QUADRANTS,
    STRATEGIES,
    needs_differentiation,
    peppers_rogers_quadrant,
    top_share,
)

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
    expected=lambda: _fashion_position()[2],
    success=(
        "Within one category, needs are about which products customers pick (brand, style), so "
        "they must be measured over products, not categories; value is measured on the category's "
        "spend alone."
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
    high_value = value >= 0.5
    high_needs = needs >= 0.1
    if (given in ("one-to-one", "value-based")) != high_value:
        return (
            f"check the value axis: the top 20% of fashion buyers bring {value:.0%} of fashion spend "
            "(sum quantity × unit_price per customer), against the 0.5 line."
        )
    if (given in ("one-to-one", "niche")) != high_needs:
        return (
            f"check the needs axis: measure which fashion *products* customers pick (the needs index "
            f"over product_id within fashion is {needs:.2f}, against the 0.1 line), not which "
            "categories they buy: a fashion-only shop has one category."
        )
    return "compute both axes for fashion alone and pass them to peppers_rogers_quadrant."


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
)
def _check_06_3(answer: Any) -> str | None:
    x = as_number(answer)
    r = _depths()
    if abs(x - r["right"]) <= 1e-9:
        return None
    if abs(x - 10 * r["right"]) <= 1e-9 and r["right"] > 0:
        return "give the depth as a share of the list (0.3 for the top 30%), not as a number of deciles."
    if abs(x - 100 * r["right"]) <= 1e-9 and r["right"] > 0:
        return "give the depth as a share between 0 and 1, not as a percentage."
    if r["right"] == 0 and abs(x - r["best_even_if_losing"]) <= 1e-9:
        return (
            "that depth loses the least, but every depth loses money (incremental_profit < 0 "
            "everywhere): the profitable decision is not to mail, answer 0."
        )
    if abs(x - r["naive"]) <= 1e-9:
        return (
            "that depth maximises the naive profit, which counts every contacted customer's revenue "
            "as caused by the catalogue; use the incremental_profit column."
        )
    if abs(x - r["response"]) <= 1e-9:
        return "that is the best depth for the response model's ranking; the question asks for the uplift model's."
    if abs(x - r["digital"]) <= 1e-9:
        return (
            "that is the best depth at the digital cost per contact; use "
            "CONTACT_COSTS_KRW['printed catalogue']."
        )
    if r["right"] == 0 and 0 < x <= 1:
        return (
            "at that depth the incremental profit is negative, and so it is at every depth: the "
            "catalogue's cost is more than the margin on the purchases it causes. The profitable "
            "decision is not to mail, answer 0."
        )
    if abs(x - r["largest_uplift"]) <= 1e-9:
        return (
            "that is where the uplift per customer is largest; the profit also grows with the number "
            "of customers mailed, so take the depth with the largest incremental_profit."
        )
    if not 0 <= x <= 1:
        return "give a share of the list between 0 and 1 (or 0 if no depth makes money)."
    return (
        "run incremental_profit_by_depth on test with score_col='uplift_score', outcome_col='revenue', "
        "margin=GROSS_MARGIN and the catalogue cost, and take the depth with the largest incremental_profit."
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
)
def _check_06_4(answer: Any) -> str | None:
    x = as_number(answer)
    r = _content_sizes()
    n = r["right"]
    if x in (n, r["classic"]):
        return None
    if abs(x - n) <= 0.01 * n:
        if x != round(x):
            return "round up to a whole number of customers."
        return "nearly: use sample_size (it rounds up to a whole number of customers per arm)."
    if abs(x - 2 * n) <= 0.01 * 2 * n:
        return "that is both arms together; the question asks for the customers in each arm."
    if abs(x - r["full"]) <= 0.01 * r["full"]:
        return (
            "that detects the full measured difference; the team would be content with half of it."
        )
    if abs(x - r["base_personalised"]) <= 0.005 * r["base_personalised"]:
        return "use the generic arm's rate (content_test.rate_control) as the baseline, not the personalised one."
    if abs(x - r["power_90"]) <= 0.01 * r["power_90"]:
        return "that uses power 0.9; the question asks for 0.8."
    if abs(x - r["one_sided"]) <= 0.01 * r["one_sided"]:
        return "that is a one-sided test; the question asks for a two-sided test at α = 0.05."
    if abs(x - r["n_test"]) <= 1:
        return (
            "that is the size of the test already run; compute the size needed for half its effect."
        )
    return "sample_size(content_test.rate_control, content_test.difference / 2, alpha=0.05, power=0.8)."


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
)
def _check_06_5(answer: Any) -> str | None:
    x = as_number(answer)
    r = _review_slopes()
    if abs(x - r["right"]) <= ROUNDING_06_5:
        return None
    if abs(100 * x - r["right"]) <= ROUNDING_06_5:
        return "give the slope in percentage points: multiply the coefficient by 100."
    if abs(x - r["pooled"]) <= ROUNDING_06_5:
        return (
            "that is the pooled slope, the flaw of the colleague's report: it compares products with "
            "many reviews to products with few. Take the 'within' column."
        )
    if abs(x - r["search"]) <= ROUNDING_06_5:
        return "that is the slope for search goods; the question asks about experience goods."
    if abs(x - r["unweighted"]) <= ROUNDING_06_5:
        return "that is unweighted: non-purchase sessions are a 1-in-10 sample, so pass weight_col='weight'."
    if abs(x - r["alone"]) <= ROUNDING_06_5:
        return "keep both x_cols (log2_reviews and stars_above_4), as the question says."
    if abs(x - r["no_months"]) <= ROUNDING_06_5:
        return (
            "add the month fixed effects (time_col='month'): without them a shop-wide trend, which "
            "raises every product's review count and conversion together, counts as a review effect."
        )
    return (
        "run within_product_effect(review_design(viewed), outcome_col='bought', x_cols=['log2_reviews', "
        "'stars_above_4'], weight_col='weight', by='goods_type', time_col='month') and take 100 × "
        "the 'within' value "
        "of ('experience', 'log2_reviews')."
    )
