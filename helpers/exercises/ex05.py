"""Checkers of notebook 05 (personalization and customization).

05.1  place twelve offerings in Gilmore & Pine's 2×2 (dict case → approach)
05.2  share of anonymous sessions that identity resolution makes attributable (a number)
05.3  lift of the personalized recommender's hit rate over the popularity list at k = 3 (a number)
05.4  the k of the consented customers' region × age band table (a whole number)

Expected answers are computed from the data with the same helpers the notebook uses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_number, exercise, is_close
from helpers.personalization import APPROACH_AXES, APPROACH_KO, APPROACHES, customization_cases

RECOMMENDER_CUTOFF = "2024-07-01"
"""Time split of notebook 05: history before this date trains, purchases from it on are held out."""
ROUNDING = 5e-4
"""05.2 and 05.3: an answer rounded to three decimals is accepted."""

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
    """'collaborative', 'Collaborative (협동형)', '협동형' → 'collaborative'; anything else → None."""
    if not isinstance(value, str):
        return None
    words = re.findall(r"[A-Za-z]+|[\uac00-\ud7a3]+", value)
    found = {_KO_TO_EN.get(w, w.lower()) for w in words} & set(APPROACHES)
    return found.pop() if len(found) == 1 else None


@exercise(
    "05.1",
    "Place twelve offerings in Gilmore & Pine's 2×2 (dict: case → approach).",
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
    if missing:
        return f"{len(missing)} case(s) are missing, e.g. {missing[0]!r}; classify all twelve."
    extra = [k for k in answer if k not in cases]
    if extra:
        return f"unknown case name(s) {extra[:3]}; use the names in customization_cases().index."
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


@cache
def _shop_results() -> dict[str, float]:
    """The shop numbers the exercises ask about, computed as notebook 05 computes them."""
    from helpers.cleaning import clean_shop_orders
    from helpers.data import load_shop
    from helpers.personalization import attribute_sessions, evaluate_recommenders, purchase_lines
    from helpers.privacy import k_anonymity

    shop = load_shop()
    sessions = attribute_sessions(shop.sessions)
    anonymous = sessions["customer_id"].isna()
    attributable = anonymous & sessions["resolved_customer_id"].notna()
    orders = clean_shop_orders(shop.orders, shop.order_items).data
    lines = purchase_lines(orders, shop.order_items, shop.products)
    views = sessions.loc[~sessions["purchased"] & sessions["resolved_customer_id"].notna()].assign(
        customer_id=lambda d: d["resolved_customer_id"].astype("int64")
    )
    scores = evaluate_recommenders(views, lines, cutoff=RECOMMENDER_CUTOFF, ks=[1, 2, 3])
    at = {k: scores[scores["k"] == k].set_index("method") for k in (1, 2, 3)}
    customers = shop.customers
    consented = customers[customers["marketing_consent"]]
    qi = ["region", "age_band"]
    groups = k_anonymity(consented, qi).groups
    return {
        "attributable_sessions": float(attributable.sum()),
        "attributable_share": float(attributable.sum() / anonymous.sum()),
        "attributable_share_of_all": float(attributable.mean()),
        "known_share": float((~anonymous).mean()),
        "anonymous_share": float(anonymous.mean()),
        "linked_cookie_share": float(
            sessions.loc[sessions["resolved_customer_id"].notna(), "cookie_id"].nunique()
            / sessions["cookie_id"].nunique()
        ),
        "hit_rate_personal_3": float(at[3].loc["browsing + purchases", "hit_rate"]),
        "hit_rate_popular_3": float(at[3].loc["popularity", "hit_rate"]),
        **{f"hit_rate_3 {m}": float(v) for m, v in at[3]["hit_rate"].items()},
        "recall_lift_3": float(
            at[3].loc["browsing + purchases", "recall"] / at[3].loc["popularity", "recall"]
        ),
        "lift_1": float(
            at[1].loc["browsing + purchases", "hit_rate"] / at[1].loc["popularity", "hit_rate"]
        ),
        "lift_2": float(
            at[2].loc["browsing + purchases", "hit_rate"] / at[2].loc["popularity", "hit_rate"]
        ),
        "k_consented": float(groups.min()),
        "k_all": float(k_anonymity(customers, qi).k),
        "n_groups_consented": float(len(groups)),
        "largest_group_consented": float(groups.max()),
    }


@exercise(
    "05.2",
    "Share of anonymous sessions that identity resolution attributes to a customer (0–1).",
    success="Every one of those sessions now adds to a known customer's profile.",
)
def _ex2(answer: Any) -> str | None:
    value = as_number(answer)
    r = _shop_results()
    if is_close(value, r["attributable_share"], rel=0, abs_tol=ROUNDING):
        return None
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
    if is_close(value, r["attributable_sessions"], rel=1e-6):
        return "that is the number of sessions; divide by the number of anonymous sessions."
    if is_close(value, r["attributable_share_of_all"], rel=0, abs_tol=ROUNDING):
        return "divide by the anonymous sessions only, not by all sessions."
    if is_close(value, r["known_share"], rel=0, abs_tol=ROUNDING):
        return "that is the share of sessions that already carried a customer id; count the anonymous ones that gain one."
    return (
        "count the sessions whose own customer_id is missing but whose resolved_customer_id is not, "
        "and divide by all sessions whose own customer_id is missing."
    )


@exercise(
    "05.3",
    "Lift of the personalized hit rate over the popularity baseline at k = 3 (a ratio).",
    success="A lift above 1 is the case for transparent personalization; its size says how strong.",
)
def _ex3(answer: Any) -> str | None:
    value = as_number(answer)
    r = _shop_results()
    lift = r["hit_rate_personal_3"] / r["hit_rate_popular_3"]
    # the same ratio from the table as displayed (hit rates rounded to three decimals)
    shown = round(r["hit_rate_personal_3"], 3) / round(r["hit_rate_popular_3"], 3)
    if is_close(value, lift, rel=0, abs_tol=ROUNDING) or is_close(
        value, shown, rel=0, abs_tol=ROUNDING
    ):
        return None
    if value == round(lift, 2):
        return (
            "nearly: give the ratio to three decimals (e.g. 1.234), and check that you used the "
            "'browsing + purchases' row."
        )
    others = [m[len("hit_rate_3 ") :] for m in r if m.startswith("hit_rate_3 ")]
    for method in others:
        if method in ("browsing + purchases", "popularity"):
            continue
        rate = r[f"hit_rate_3 {method}"]
        as_shown = round(rate, 3) / round(r["hit_rate_popular_3"], 3)
        if is_close(value, rate / r["hit_rate_popular_3"], rel=0, abs_tol=ROUNDING) or is_close(
            value, as_shown, rel=0, abs_tol=ROUNDING
        ):
            return f"that is the {method!r} recommender; the question asks about 'browsing + purchases'."
    if is_close(value, lift, rel=0, abs_tol=0.06):
        return "nearly: give the ratio to three decimals (e.g. 1.234), not rounded more coarsely."
    if is_close(value, 100 * lift, rel=2e-3) or is_close(value, 100 * (lift - 1), rel=2e-3):
        return "give the ratio itself (e.g. 1.2), not a percentage."
    if is_close(value, r["recall_lift_3"], rel=2e-3):
        return "that ratio uses recall; the question asks about the hit rate."
    if is_close(value, r["lift_1"], rel=2e-3) or is_close(value, r["lift_2"], rel=2e-3):
        return "take the hit rates at k = 3 (the question's list length), not another k."
    if is_close(value, 1 / lift, rel=2e-3):
        return "you divided the wrong way round: personalized ÷ popularity."
    if is_close(value, r["hit_rate_personal_3"] - r["hit_rate_popular_3"], rel=2e-3):
        return "that is the difference in hit rates (percentage points); the lift is their ratio."
    if is_close(value, lift - 1, rel=2e-3):
        return "that is the relative improvement (lift − 1); give the ratio itself."
    return (
        "take both hit rates at k = 3 from the results table and divide personalized by popularity."
    )


@exercise(
    "05.4",
    "The k of the consented customers' table on region × age band (smallest group size).",
    success="Any group below the k you require must be merged (coarser bands) or suppressed before sharing.",
)
def _ex4(answer: Any) -> str | None:
    value = as_number(answer)
    r = _shop_results()
    if value == r["k_consented"]:
        return None
    if value == r["k_all"]:
        return "that is the k of all customers; filter to those with marketing consent first."
    if value == r["n_groups_consented"]:
        return "that is the number of groups; k is the size of the smallest group."
    if value == r["largest_group_consented"]:
        return "that is the largest group; k-anonymity is only as strong as the smallest group."
    return (
        "group the consented customers by region and age_band, count each group, take the minimum."
    )
