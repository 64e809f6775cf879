"""Checkers of notebook 05 (personalization and customization).

05.1  place twelve offerings in Gilmore & Pine's 2×2 (dict case → approach)          classify
05.2  share of customers with 3+ categories under the homogeneous-taste null (a number)  build, critique
05.3  the face of five Hanbit Mall projects by Gilmore & Pine's criteria (dict)          decide
05.4  share of anonymous sessions that identity resolution makes attributable (a number) build
05.5  sessions per arm for an A/B test of the recommender (a whole number)               decide
05.6  the k of the consented customers' region × age band table (a whole number)        build

Expected answers are computed from the data with the same helpers the notebook uses.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_number, exercise, is_close
from helpers.personalization import APPROACH_AXES, APPROACH_KO, APPROACHES, customization_cases

ROUNDING = 5e-4
"""05.4: an answer rounded to three decimals is accepted."""

# Case → (product changes?, representation changes?, why the product answer, why the representation answer)
CASE_ANSWERS: dict[str, tuple[bool, bool, str, str]] = {
    "Nike By You sneakers": (
        True,
        True,
        "each pair is made to the buyer's own specification, so the product does change",
        "the buyer sees and designs their own version, with their text on it: the representation changes too",
    ),
    "Share a Coke bottles": (
        False,
        True,
        "the drink and the bottle are the same for everyone; only the label differs",
        "a name on the label is exactly a change of representation (packaging)",
    ),
    "Office chair with adjustable height, tilt and lumbar support": (
        False,
        False,
        "every buyer gets the identical chair; the user adjusts it, the firm does not change it",
        "nothing about how the chair is packaged or presented differs per buyer",
    ),
    "Ritz-Carlton guest preferences": (
        True,
        False,
        "the stay itself (pillow, minibar, newspaper) is tailored to the guest, so the product changes",
        "the guest is not asked or told; the service is presented as the standard stay",
    ),
    "Dell build-to-order PC": (
        True,
        True,
        "each PC is assembled from the parts the buyer chose, so the product changes",
        "the buyer specifies it in a dialogue with the configurator and sees their own configuration",
    ),
    "Netflix artwork per viewer": (
        False,
        True,
        "every viewer gets the same film; nothing in the product differs",
        "the poster image is how the film is presented, and it differs per viewer, even if chosen silently",
    ),
    "Supermarket till coupons": (
        True,
        False,
        "the offer itself (which products are discounted, by how much) differs per shopper, so what "
        "each shopper receives changes",
        "the coupons come on the ordinary receipt like everyone's, and nothing says they were chosen "
        "for this shopper: the representation is standard",
    ),
    "Car with driver-memory seats and mirrors": (
        False,
        False,
        "every car has the same equipment; drivers store their own settings themselves",
        "the car is sold and presented identically to all buyers",
    ),
    "Apple free engraving": (
        False,
        True,
        "the earbuds and their case are the standard product and work the same for everyone; the "
        "engraving changes how they look, not what they are",
        "an engraved name on the case is a personal representation (packaging/label)",
    ),
    "Made-to-measure suit from a body scan": (
        True,
        True,
        "the suit is cut for one body, so the product changes",
        "cloth, lining and initials are chosen with the tailor and shown as theirs: the representation changes",
    ),
    "Netflix rows ordered per viewer": (
        True,
        False,
        "what each viewer is offered (which titles, in which order) differs, so the offering changes",
        "the home screen keeps the standard layout and says nothing about tailoring",
    ),
    "Smartphone home screen": (
        False,
        False,
        "the phones are identical; owners rearrange them themselves",
        "the phone is packaged and presented the same way to every buyer",
    ),
}

ALSO_ACCEPTED: dict[str, set[str]] = {
    # Gilmore & Pine (1997) list promotions designed differently per customer under cosmetic,
    # so a student who reads personal coupons as a change of promotion has a defensible answer.
    "Supermarket till coupons": {"cosmetic"},
}
"""05.1: borderline cases where a second approach is defensible and accepted."""

_KO_TO_EN = {ko: en for en, ko in APPROACH_KO.items()}


def _normalise_approach(value: Any) -> str | None:
    """'collaborative', 'Collaborative (협동형)', '협동형' → 'collaborative'; anything else → None.

    Every word must name the same approach, so "not collaborative", "cosmetic or transparent" and
    "collaborative-ish" are refused rather than read as the one approach word they contain.
    """
    if not isinstance(value, str):
        return None
    words = re.findall(r"[A-Za-z]+|[\uac00-\ud7a3]+", value)
    found = {_KO_TO_EN.get(w, w.lower()) for w in words}
    if len(found) == 1 and found <= set(APPROACHES):
        return found.pop()
    return None


def _expected_05_1() -> dict[str, str]:
    from helpers.personalization import classify_customization

    return {c: classify_customization(p, r) for c, (p, r, *_) in CASE_ANSWERS.items()}


@exercise(
    "05.1",
    "Place twelve offerings in Gilmore & Pine's 2×2 (dict: case → approach).",
    expected=_expected_05_1,
    success="Whenever you hesitate, ask the two questions separately: does the thing I receive differ? "
    "Does the way it is presented to me differ?",
)
def _ex1(answer: Any) -> str | None:
    if isinstance(answer, pd.DataFrame) and "approach" in answer.columns:
        return "pass only the approach column, as a dict: table['approach'].to_dict()."
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return "give a dict {case name: approach}, e.g. {'Nike By You sneakers': 'collaborative', ...}."
    cases = list(customization_cases().index)
    missing = [c for c in cases if c not in answer]
    if len(missing) == len(cases):
        return "none of the keys match the case names; copy them from customization_cases().index."
    extra = [k for k in answer if k not in cases]
    if extra:  # named first: a typo'd name is also a "missing" case, but the typo is the news
        return f"unknown case name(s) {extra[:3]}; use the names in customization_cases().index."
    if missing:
        return f"{len(missing)} case(s) are missing, e.g. {missing[0]!r}; classify all twelve."
    bad = [c for c in cases if _normalise_approach(answer[c]) is None]
    if bad:
        return (
            f"{bad[0]!r} is classified as {answer[bad[0]]!r}; use one of {list(APPROACHES)} "
            "(or the Korean names 협동형, 적응형, 장식형, 관찰형)."
        )
    wrong = []
    for case in cases:
        given = _normalise_approach(answer[case])
        product, representation, why_p, why_r = CASE_ANSWERS[case]
        if given in ALSO_ACCEPTED.get(case, set()):
            continue
        if (product, representation) != APPROACH_AXES[given]:
            gp, gr = APPROACH_AXES[given]
            if gp != product and gr != representation:
                reason = f"both dimensions are misread: {why_p}, and {why_r}."
            elif gp != product:
                reason = f"{given!r} says the product {'changes' if gp else 'stays the same'}, but {why_p}."
            else:
                reason = (
                    f"{given!r} says the representation {'changes' if gr else 'stays standard'}, "
                    f"but {why_r}."
                )
            wrong.append((case, reason))
    if wrong:
        case, reason = wrong[0]
        return f"{len(wrong)} of 12 are misplaced. Look again at {case!r}: {reason}"
    return None


SHOP_PROJECTS: dict[str, str] = {
    "Bike and laptop configurator with a live adviser": (
        "Buyers of the customizable bikes and laptops choose among thousands of combinations of "
        "frame, parts, memory and colour; an adviser chats with them while they configure, and the "
        "product is built to that order."
    ),
    "App home tab the user arranges": (
        "One app for everybody; each user pins the categories and widgets they want on their home "
        "tab, and changes them for a holiday or a sale."
    ),
    "Weekly promotion e-mail with the customer's name and photo style": (
        "Every subscriber gets the same products at the same prices; the e-mail greets them by name "
        "and shows the products in the photo style (studio or lifestyle) they clicked on most."
    ),
    "Automatic reorder list of usual food and beauty items": (
        "From each household's past orders the shop prepares a basket of the items it buys "
        "regularly, ready to order in one click, without asking anything."
    ),
    "Home page rows ordered by each customer's interests": (
        "The standard home page layout, but which products fill the rows, and in which order, is "
        "chosen from the customer's purchases and browsing; nothing says so."
    ),
}
"""05.3: projects Hanbit Mall considers, to place by Gilmore & Pine's (1997) criteria."""

SHOP_PROJECT_ANSWERS: dict[str, tuple[str, str]] = {
    "Bike and laptop configurator with a live adviser": (
        "collaborative",
        "customers cannot say in advance which of thousands of combinations they want, so the firm "
        "helps them specify it in a dialogue (collaborative)",
    ),
    "App home tab the user arranges": (
        "adaptive",
        "one standard product performs differently on different occasions because users adjust it "
        "themselves (adaptive)",
    ),
    "Weekly promotion e-mail with the customer's name and photo style": (
        "cosmetic",
        "everybody gets the same offer; only its presentation differs (cosmetic)",
    ),
    "Automatic reorder list of usual food and beauty items": (
        "transparent",
        "the needs are predictable from past orders and the customer does not want to restate them "
        "(transparent)",
    ),
    "Home page rows ordered by each customer's interests": (
        "transparent",
        "a personal selection changes the offering, silently, from observed behaviour: by the "
        "notebook's convention that is a product change (transparent), not a change of presentation",
    ),
}


@cache
def _shop():
    from helpers.data import load_shop

    return load_shop()


@cache
def _lines() -> pd.DataFrame:
    from helpers.cleaning import clean_shop_orders
    from helpers.personalization import purchase_lines

    shop = _shop()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    return purchase_lines(orders, shop.order_items, shop.products)


@cache
def _kahn() -> dict[str, float]:
    """05.2: the 3+ share observed and under the null, and the plausible wrong versions."""
    from helpers.personalization import homogeneous_taste_null, mix_diversity, profile_matrix

    lines = _lines()
    active = lines[lines.groupby("customer_id")["order_id"].transform("size") >= MIN_LINES]

    def three_plus(events: pd.DataFrame) -> float:
        m = mix_diversity(profile_matrix(events, entity_col="customer_id", item_col="category"))
        return float((m["distinct_items"] >= 3).mean())

    nulls = [three_plus(homogeneous_taste_null(active, random_state=s)) for s in range(3)]
    # shuffling within each customer keeps every customer's own mix: nothing changes
    return {
        "null": nulls[0],
        "null_spread": float(max(nulls) - min(nulls)),
        "observed": three_plus(active),
        "null_all_customers": three_plus(homogeneous_taste_null(lines, random_state=0)),
        "observed_all_customers": three_plus(lines),
        "null_four_plus": float(
            (
                mix_diversity(
                    profile_matrix(
                        homogeneous_taste_null(active, random_state=0),
                        entity_col="customer_id",
                        item_col="category",
                    )
                )["distinct_items"]
                >= 4
            ).mean()
        ),
    }


def classic_sample_size(p_control: float, effect: float, *, alpha: float, power: float) -> int:
    """Per-arm size of the textbook two-proportion test with a pooled variance, rounded up."""
    from scipy.stats import norm

    p1 = p_control + effect
    pbar = (p_control + p1) / 2
    z_a, z_b = norm.ppf(1 - alpha / 2), norm.ppf(power)
    root = z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(
        p_control * (1 - p_control) + p1 * (1 - p1)
    )
    return int(math.ceil((root / effect) ** 2))


MIN_LINES = 5
"""05.2: customers with at least this many order lines (the notebook's ``active``)."""
KAHN_TOLERANCE = 0.005
"""05.2: accepted distance to the seed-0 null (other seeds differ by less; rounding to 3 decimals)."""


@exercise(
    "05.2",
    "Share of repeat buyers with 3+ categories if every customer had the same taste (0–1).",
    expected=lambda: _kahn()["null"],
    tolerance=KAHN_TOLERANCE,
    success="Identical tastes give even MORE customers with 3+ categories, so that statistic is no "
    "evidence for varied needs. What the null cannot produce is concentration: real customers "
    "buy from fewer categories, with a larger favourite share.",
)
def _ex2(answer: Any) -> str | None:
    value = as_number(answer)
    r = _kahn()
    if abs(value - r["null"]) <= KAHN_TOLERANCE:
        return None
    if abs(value - 100 * r["null"]) <= 100 * KAHN_TOLERANCE:
        return "give a share between 0 and 1, not a percentage."
    if abs(value - r["observed"]) <= 0.002:
        return (
            "that is the share in the real data (the chart title). Shuffle the categories across "
            "all lines first (homogeneous_taste_null) and recompute: if it does not change, you "
            "shuffled within each customer, which keeps every customer's own taste."
        )
    if (
        abs(value - r["null_all_customers"]) <= 0.004
        or abs(value - r["observed_all_customers"]) <= 0.004
    ):
        return "use `active` (customers with at least five order lines), not all order lines."
    if abs(value - r["null_four_plus"]) <= 0.004:
        return "count customers with three or more categories (>= 3), not four or more."
    if abs(value - (1 - r["null"])) <= 0.004:
        return "that is the share with fewer than three categories; the question asks for three or more."
    return (
        "shuffle with homogeneous_taste_null(active, random_state=0), build the mix with "
        "mix_diversity(profile_matrix(..., entity_col='customer_id', item_col='category')) and take "
        "the mean of distinct_items >= 3."
    )


@exercise(
    "05.3",
    "Place five Hanbit Mall projects by Gilmore & Pine's criteria (dict: project → approach).",
    expected=lambda: {p: a for p, (a, _) in SHOP_PROJECT_ANSWERS.items()},
    success="Gilmore & Pine choose the face from the kind of sacrifice the customer makes, not from "
    "the technology: an algorithm can serve a cosmetic or a transparent face alike.",
)
def _ex3(answer: Any) -> str | None:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return "give a dict {project name: approach}, e.g. {'App home tab the user arranges': 'adaptive', ...}."
    projects = list(SHOP_PROJECTS)
    missing = [p for p in projects if p not in answer]
    extra = [k for k in answer if k not in SHOP_PROJECTS]
    if extra:
        return f"unknown project name(s) {extra[:3]}; copy the names from SHOP_PROJECTS."
    if missing:
        return f"{len(missing)} project(s) are missing, e.g. {missing[0]!r}; place all five."
    bad = [p for p in projects if _normalise_approach(answer[p]) is None]
    if bad:
        return (
            f"{bad[0]!r} is placed as {answer[bad[0]]!r}; give exactly one of {list(APPROACHES)} "
            "(or 협동형, 적응형, 장식형, 관찰형)."
        )
    wrong = [p for p in projects if _normalise_approach(answer[p]) != SHOP_PROJECT_ANSWERS[p][0]]
    if not wrong:
        return None
    p = wrong[0]
    given = _normalise_approach(answer[p])
    why = SHOP_PROJECT_ANSWERS[p][1]
    if p.startswith("Home page rows") and given == "cosmetic":
        why = (
            "which products are shown differs per customer, and the notebook counts the offering "
            "shown as the product: " + why
        )
    return f"{len(wrong)} of 5 are misplaced. Look again at {p!r} ({given!r}): {why}."


@cache
def _sessions() -> dict[str, float]:
    from helpers.personalization import attribute_sessions

    sessions = attribute_sessions(_shop().sessions)
    w = sessions["weight"]
    anonymous = sessions["customer_id"].isna()
    attributable = anonymous & sessions["resolved_customer_id"].notna()
    return {
        "attributable_sessions": float(w[attributable].sum()),
        "attributable_rows": float(attributable.sum()),
        "attributable_share": float(w[attributable].sum() / w[anonymous].sum()),
        "unweighted_share": float(attributable.sum() / anonymous.sum()),
        "attributable_share_of_all": float(w[attributable].sum() / w.sum()),
        "unweighted_share_of_all": float(attributable.sum() / len(sessions)),
        "resolved_share_of_all": float(w[sessions["resolved_customer_id"].notna()].sum() / w.sum()),
        "known_share": float(w[~anonymous].sum() / w.sum()),
        "anonymous_share": float(w[anonymous].sum() / w.sum()),
        "linked_cookie_share": float(
            sessions.loc[sessions["resolved_customer_id"].notna(), "cookie_id"].nunique()
            / sessions["cookie_id"].nunique()
        ),
    }


@exercise(
    "05.4",
    "Share of anonymous sessions that identity resolution attributes to a customer (0–1).",
    expected=lambda: _sessions()["attributable_share"],
    tolerance=ROUNDING,
    success="Every one of those sessions now adds to a known customer's profile.",
)
def _ex4(answer: Any) -> str | None:
    value = as_number(answer)
    r = _sessions()
    if is_close(value, r["attributable_share"], rel=0, abs_tol=ROUNDING):
        return None
    if is_close(value, r["unweighted_share"], rel=0, abs_tol=ROUNDING):
        return (
            "that counts stored rows. Non-purchase sessions are a 1-in-10 sample with weight 10: "
            "sum the weight column instead of counting rows."
        )
    if is_close(value, r["attributable_share"], rel=0, abs_tol=0.01):
        return "nearly: give the share to three decimals (e.g. 0.123), not rounded more coarsely."
    if is_close(value, 100 * r["attributable_share"], rel=1e-3):
        return "give a share between 0 and 1, not a percentage."
    if is_close(value, 1 - r["attributable_share"], rel=0, abs_tol=ROUNDING):
        return "that is the share that stays anonymous; the question asks for the share that gains a customer."
    if is_close(value, r["anonymous_share"], rel=0, abs_tol=ROUNDING):
        return "that is the share of all sessions that are anonymous; now count, among those, the ones with a resolved_customer_id."
    if is_close(value, r["linked_cookie_share"], rel=0, abs_tol=ROUNDING):
        return "that counts cookies; the question counts sessions (rows of `sessions`)."
    if is_close(value, r["attributable_sessions"], rel=1e-6) or is_close(
        value, r["attributable_rows"], rel=1e-6
    ):
        return "that is the number of sessions; divide by the number of anonymous sessions."
    if is_close(value, r["attributable_share_of_all"], rel=0, abs_tol=ROUNDING):
        return "divide by the anonymous sessions only, not by all sessions."
    if is_close(value, r["unweighted_share_of_all"], rel=0, abs_tol=ROUNDING):
        return (
            "that counts rows and divides by all sessions: sum the weight column, and divide by "
            "the anonymous sessions only."
        )
    if is_close(value, r["resolved_share_of_all"], rel=0, abs_tol=ROUNDING):
        return (
            "that is the share of all sessions with a resolved_customer_id, logged-in ones "
            "included; count only the sessions without a customer_id of their own."
        )
    if is_close(value, r["known_share"], rel=0, abs_tol=ROUNDING):
        return "that is the share of sessions that already carried a customer id; count the anonymous ones that gain one."
    return (
        "sum the weight of the sessions whose own customer_id is missing but whose "
        "resolved_customer_id is not, and divide by the weight of all sessions whose own "
        "customer_id is missing."
    )


AB_TEST = {"relative_lift": 0.10, "alpha": 0.05, "power": 0.8}
"""05.5: the test the question describes."""


@cache
def _ab_sizes() -> dict[str, float]:
    from helpers.uplift import sample_size

    s = _shop().sessions
    weighted = float((s["purchased"] * s["weight"]).sum() / s["weight"].sum())
    unweighted = float(s["purchased"].mean())
    lift, a, pw = AB_TEST["relative_lift"], AB_TEST["alpha"], AB_TEST["power"]
    out = {
        "rate": weighted,
        "right": sample_size(weighted, lift * weighted, alpha=a, power=pw),
        "classic": classic_sample_size(weighted, lift * weighted, alpha=a, power=pw),
        "unweighted": sample_size(unweighted, lift * unweighted, alpha=a, power=pw),
        "power_90": sample_size(weighted, lift * weighted, alpha=a, power=0.9),
        "one_sided": sample_size(weighted, lift * weighted, alpha=2 * a, power=pw),
        "alpha_01": sample_size(weighted, lift * weighted, alpha=0.01, power=pw),
    }
    if weighted + lift < 1:
        out["absolute"] = sample_size(weighted, lift, alpha=a, power=pw)
    if weighted + 0.01 < 1:
        out["one_point"] = sample_size(weighted, 0.01, alpha=a, power=pw)
    return out


@exercise(
    "05.5",
    "Sessions per arm for an A/B test of the recommender: +10 % relative conversion, α 0.05, power 0.8.",
    expected=lambda: _ab_sizes()["right"],
    success="A small relative lift on a small rate needs a very large test: plan it on traffic, "
    "and decide the minimum lift worth detecting before you start.",
)
def _ex5(answer: Any) -> str | None:
    value = as_number(answer)
    r = _ab_sizes()
    n = r["right"]
    # sample_size (Cohen's h) or the pooled-variance textbook formula, both rounded up
    if value in (n, r["classic"]):
        return None
    if abs(value - n) <= 0.01 * n:
        if value != round(value):
            return "round up to a whole number of sessions."
        return "nearly: use sample_size (it rounds up to a whole number of sessions per arm)."
    if abs(value - 2 * n) <= 0.01 * 2 * n:
        return "that is both arms together; the question asks for the sessions in each arm."
    if abs(value - r["unweighted"]) <= 0.01 * r["unweighted"]:
        return (
            "that uses the unweighted purchase rate. Most non-purchase sessions are stored as a "
            "1-in-10 sample with weight 10, so the real conversion rate is the weighted one: "
            "(purchased × weight).sum() / weight.sum()."
        )
    for key, hint in (
        (
            "absolute",
            "that detects +0.10 (ten percentage points); the lift is 10 % *of the rate*: effect = 0.1 × p.",
        ),
        (
            "one_point",
            "that detects +1 percentage point; the lift asked is 10 % of the rate: effect = 0.1 × p.",
        ),
        ("power_90", "that uses power 0.9; the question asks for 0.8."),
        (
            "one_sided",
            "that is a one-sided test; the question asks for a two-sided test at α = 0.05.",
        ),
        ("alpha_01", "that uses α = 0.01; the question asks for 0.05."),
    ):
        if key in r and abs(value - r[key]) <= 0.01 * r[key]:
            return hint
    if 0 < value < 1:
        return "give a number of sessions (a whole number), not a rate."
    return (
        "compute the weighted conversion rate p of all sessions, then "
        "sample_size(p, 0.1 * p, alpha=0.05, power=0.8)."
    )


@cache
def _k_values() -> dict[str, float]:
    from helpers.privacy import k_anonymity

    customers = _shop().customers
    consented = customers[customers["marketing_consent"]]
    qi = ["region", "age_band"]
    groups = k_anonymity(consented, qi).groups
    return {
        "k_consented": float(groups.min()),
        "k_all": float(k_anonymity(customers, qi).k),
        "n_groups_consented": float(len(groups)),
        "largest_group_consented": float(groups.max()),
        "k_with_channel": float(k_anonymity(consented, [*qi, "acquisition_channel"]).k),
        "groups_below_10": float((groups < 10).sum()),
    }


@exercise(
    "05.6",
    "The k of the consented customers' table on region × age band (smallest group size).",
    expected=lambda: int(_k_values()["k_consented"]),
    success="Any group below the k you require must be merged (coarser bands) or suppressed before sharing.",
)
def _ex6(answer: Any) -> str | None:
    if type(answer).__name__ == "KAnonymity":
        return "that is the k-anonymity result object; give its k (a whole number): .k"
    value = as_number(answer)
    r = _k_values()
    if value == r["k_consented"]:
        return None
    if value == r["k_all"]:
        return "that is the k of all customers; filter to those with marketing consent first."
    if value == r["n_groups_consented"]:
        return "that is the number of groups; k is the size of the smallest group."
    if value == r["largest_group_consented"]:
        return "that is the largest group; k-anonymity is only as strong as the smallest group."
    if value == 10:
        return "10 is the k the agency requires; the question asks for the k the list actually has (its smallest group)."
    if value == r["k_with_channel"] and value != r["k_consented"]:
        return (
            "that groups by acquisition channel too; the question asks for region × age band only."
        )
    if value == r["groups_below_10"] and value != r["k_consented"]:
        return "that is the number of groups below k = 10; give the size of the smallest group."
    return (
        "group the consented customers by region and age_band, count each group, take the minimum."
    )
