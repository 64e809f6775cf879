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
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import pandas as pd

from helpers.checks import as_number, exercise, is_close
from helpers.exercises._shared import per_arm_slip
from helpers.language import choose
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

CASE_ANSWERS_KO: dict[str, tuple[str, str]] = {
    "Nike By You sneakers": (
        "각 켤레는 구매자가 정한 사양대로 만들어지므로 제품이 실제로 바뀝니다",
        "구매자는 자기 문구가 들어간 자기만의 버전을 보면서 디자인하므로 표현도 바뀝니다",
    ),
    "Share a Coke bottles": (
        "음료와 병은 모두에게 같고 라벨만 다릅니다",
        "라벨에 이름을 넣는 것이 바로 표현(포장)의 변화입니다",
    ),
    "Office chair with adjustable height, tilt and lumbar support": (
        "모든 구매자가 똑같은 의자를 받습니다. 조정은 사용자가 하고, 기업은 의자를 바꾸지 않습니다",
        "의자를 포장하거나 보여 주는 방식은 구매자마다 다르지 않습니다",
    ),
    "Ritz-Carlton guest preferences": (
        "숙박 자체(베개, 미니바, 신문)가 투숙객에게 맞춰지므로 제품이 바뀝니다",
        "투숙객은 질문을 받지도 통보를 받지도 않으며, 서비스는 표준 숙박으로 제공됩니다",
    ),
    "Dell build-to-order PC": (
        "PC마다 구매자가 고른 부품으로 조립되므로 제품이 바뀝니다",
        "구매자는 구성기와 대화하듯 사양을 정하고 자기만의 구성을 봅니다",
    ),
    "Netflix artwork per viewer": (
        "모든 시청자가 같은 영화를 받으며, 제품에서 달라지는 것은 없습니다",
        "포스터 이미지는 영화를 보여 주는 방식이고, 드러나지 않게 고르더라도 시청자마다 다릅니다",
    ),
    "Supermarket till coupons": (
        "제안 자체(어떤 상품을 얼마나 할인하는가)가 쇼핑객마다 다르므로, 쇼핑객이 받는 것이 바뀝니다",
        "쿠폰은 다른 사람들과 똑같이 평범한 영수증에 찍혀 나오고, 이 쇼핑객을 위해 골랐다는 표시도 "
        "없으므로 표현은 표준입니다",
    ),
    "Car with driver-memory seats and mirrors": (
        "모든 차에 같은 장비가 있고, 운전자가 자기 설정을 직접 저장합니다",
        "차는 모든 구매자에게 똑같이 팔리고 똑같이 소개됩니다",
    ),
    "Apple free engraving": (
        "이어폰과 케이스는 표준 제품이고 누구에게나 똑같이 작동합니다. 각인은 겉모습을 바꿀 뿐, "
        "제품이 무엇인지는 바꾸지 않습니다",
        "케이스에 새긴 이름은 개인에 맞춘 표현(포장/라벨)입니다",
    ),
    "Made-to-measure suit from a body scan": (
        "정장은 한 사람의 몸에 맞춰 재단되므로 제품이 바뀝니다",
        "원단, 안감, 이니셜을 재단사와 함께 고르고 그 사람의 것으로 보여 주므로 표현도 바뀝니다",
    ),
    "Netflix rows ordered per viewer": (
        "시청자마다 제안받는 것(어떤 작품을 어떤 순서로)이 다르므로 제공물이 바뀝니다",
        "홈 화면은 표준 배치를 유지하고, 맞춤이라는 말을 하지 않습니다",
    ),
    "Smartphone home screen": (
        "휴대전화는 모두 똑같고, 주인이 직접 화면을 다시 배치합니다",
        "휴대전화는 모든 구매자에게 똑같이 포장되고 소개됩니다",
    ),
}
"""05.1: the two reasons of CASE_ANSWERS in Korean, for the Korean edition's hints."""

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
    question_ko="제공물 열두 개를 길모어와 파인의 2×2에 배치하기(dict: 사례 → 유형).",
    success_ko="망설여질 때는 두 질문을 따로 물어보십시오. 내가 받는 것 자체가 다른가? 그것이 나에게 "
    "보이는 방식이 다른가?",
)
def _ex1(answer: Any) -> str | None:
    if isinstance(answer, pd.DataFrame) and "approach" in answer.columns:
        return choose(
            en="pass only the approach column, as a dict: table['approach'].to_dict().",
            ko="approach 열만 dict로 넘기십시오: table['approach'].to_dict().",
        )
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return choose(
            en="give a dict {case name: approach}, e.g. {'Nike By You sneakers': 'collaborative', ...}.",
            ko="{사례 이름: 유형} 형태의 dict로 답하십시오. "
            "예: {'Nike By You sneakers': 'collaborative', ...}.",
        )
    cases = list(customization_cases().index)
    missing = [c for c in cases if c not in answer]
    if len(missing) == len(cases):
        return choose(
            en="none of the keys match the case names; copy them from customization_cases().index.",
            ko="키가 하나도 사례 이름과 맞지 않습니다. customization_cases().index에서 이름을 "
            "그대로 복사하십시오.",
        )
    extra = [k for k in answer if k not in cases]
    if extra:  # named first: a typo'd name is also a "missing" case, but the typo is the news
        return choose(
            en=f"unknown case name(s) {extra[:3]}; use the names in customization_cases().index.",
            ko=f"알 수 없는 사례 이름 {extra[:3]}이(가) 있습니다. customization_cases().index의 "
            "이름을 쓰십시오.",
        )
    if missing:
        return choose(
            en=f"{len(missing)} case(s) are missing, e.g. {missing[0]!r}; classify all twelve.",
            ko=f"사례 {len(missing)}개가 빠졌습니다(예: {missing[0]!r}). 열두 개를 모두 "
            "분류하십시오.",
        )
    bad = [c for c in cases if _normalise_approach(answer[c]) is None]
    if bad:
        return choose(
            en=f"{bad[0]!r} is classified as {answer[bad[0]]!r}; use one of {list(APPROACHES)} "
            "(or the Korean names 협동형, 적응형, 장식형, 관찰형).",
            ko=f"{bad[0]!r}이(가) {answer[bad[0]]!r}(으)로 분류되어 있습니다. {list(APPROACHES)} "
            "가운데 하나(또는 한국어 이름 협동형, 적응형, 장식형, 관찰형)를 쓰십시오.",
        )
    wrong = []
    for case in cases:
        given = _normalise_approach(answer[case])
        product, representation, why_p, why_r = CASE_ANSWERS[case]
        ko_p, ko_r = CASE_ANSWERS_KO[case]
        if given in ALSO_ACCEPTED.get(case, set()):
            continue
        if (product, representation) != APPROACH_AXES[given]:
            gp, gr = APPROACH_AXES[given]
            named = f"{given!r}({APPROACH_KO[given]})"
            if gp != product and gr != representation:
                reason = choose(
                    en=f"both dimensions are misread: {why_p}, and {why_r}.",
                    ko=f"두 차원을 모두 잘못 읽었습니다. {ko_p}. 또한 {ko_r}.",
                )
            elif gp != product:
                reason = choose(
                    en=f"{given!r} says the product {'changes' if gp else 'stays the same'}, "
                    f"but {why_p}.",
                    ko=f"{named}은 제품이 {'바뀐다고' if gp else '그대로라고'} 보는 답이지만, "
                    f"{ko_p}.",
                )
            else:
                reason = choose(
                    en=f"{given!r} says the representation {'changes' if gr else 'stays standard'}, "
                    f"but {why_r}.",
                    ko=f"{named}은 표현이 {'바뀐다고' if gr else '표준 그대로라고'} 보는 답이지만, "
                    f"{ko_r}.",
                )
            wrong.append((case, reason))
    if wrong:
        case, reason = wrong[0]
        return choose(
            en=f"{len(wrong)} of 12 are misplaced. Look again at {case!r}: {reason}",
            ko=f"12개 가운데 {len(wrong)}개가 잘못 배치되었습니다. {case!r} 사례를 다시 "
            f"살펴보십시오. {reason}",
        )
    return None


class _Bilingual(Mapping):
    """A read-only {name: text} whose texts speak the reader's language when read (names stay)."""

    def __init__(self, en: dict[str, str], ko: dict[str, str]) -> None:
        if set(en) != set(ko):
            raise ValueError(f"the Korean texts must have the same names: {set(en) ^ set(ko)}")
        self._en, self._ko = dict(en), dict(ko)

    def __getitem__(self, name: str) -> str:
        return choose(en=self._en[name], ko=self._ko[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._en)

    def __len__(self) -> int:
        return len(self._en)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


_SHOP_PROJECTS_EN: dict[str, str] = {
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

_SHOP_PROJECTS_KO: dict[str, str] = {
    "Bike and laptop configurator with a live adviser": (
        "고객화 가능한 자전거와 노트북의 구매자는 프레임, 부품, 메모리, 색상의 수천 가지 조합 "
        "가운데서 고릅니다. 구성하는 동안 상담사가 채팅으로 함께하고, 제품은 그 주문대로 만들어집니다."
    ),
    "App home tab the user arranges": (
        "모두에게 같은 앱 하나입니다. 사용자마다 홈 탭에 원하는 카테고리와 위젯을 고정해 두고, "
        "휴가철이나 세일 때는 바꿉니다."
    ),
    "Weekly promotion e-mail with the customer's name and photo style": (
        "모든 구독자가 같은 상품을 같은 가격으로 받습니다. 메일은 구독자의 이름을 불러 인사하고, 그 "
        "사람이 가장 많이 클릭한 사진 스타일(스튜디오 또는 라이프스타일)로 상품을 보여 줍니다."
    ),
    "Automatic reorder list of usual food and beauty items": (
        "쇼핑몰이 가구마다 지난 주문을 바탕으로 늘 사는 상품의 장바구니를 미리 준비해 두어, 아무것도 "
        "묻지 않고 클릭 한 번으로 주문할 수 있게 합니다."
    ),
    "Home page rows ordered by each customer's interests": (
        "홈 화면은 표준 배치이지만, 어떤 상품이 어떤 순서로 각 줄을 채우는지는 고객의 구매와 탐색 "
        "기록에서 고릅니다. 그렇다는 안내는 어디에도 없습니다."
    ),
}

# Korean names of the projects, printed beside the English keys in the Korean edition
_SHOP_PROJECT_NAMES_KO: dict[str, str] = {
    "Bike and laptop configurator with a live adviser": "상담사가 함께하는 자전거·노트북 구성기",
    "App home tab the user arranges": "사용자가 직접 꾸미는 앱 홈 탭",
    "Weekly promotion e-mail with the customer's name and photo style": (
        "고객의 이름과 사진 스타일에 맞춘 주간 프로모션 메일"
    ),
    "Automatic reorder list of usual food and beauty items": "늘 사는 식품·뷰티 상품의 자동 재주문 목록",
    "Home page rows ordered by each customer's interests": "고객마다 관심사 순으로 채운 홈 화면 줄",
}


def project_label(name: str) -> str:
    """A project's key, with its Korean name beside it in the Korean edition (05.3).

    The English name is the key students type in both editions.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko")
    >>> project_label("App home tab the user arranges")
    'App home tab the user arranges (사용자가 직접 꾸미는 앱 홈 탭)'
    >>> set_language(None)
    >>> project_label("App home tab the user arranges")
    'App home tab the user arranges'
    """
    korean = _SHOP_PROJECT_NAMES_KO.get(name)
    return choose(en=name, ko=f"{name} ({korean})" if korean else name)


SHOP_PROJECTS: Mapping[str, str] = _Bilingual(_SHOP_PROJECTS_EN, _SHOP_PROJECTS_KO)
"""05.3: projects Hanbit Mall considers, to place by Gilmore & Pine's (1997) criteria.

The descriptions are read in the reader's language (English, or Korean in the 한국어판); the
project names are the keys of the answer in both editions.

Examples
--------
>>> from helpers.language import set_language
>>> set_language("ko")
>>> SHOP_PROJECTS["App home tab the user arranges"][:10]
'모두에게 같은 앱 '
>>> set_language(None)
"""

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


SHOP_PROJECT_WHY_KO: dict[str, str] = {
    "Bike and laptop configurator with a live adviser": (
        "고객은 수천 가지 조합 가운데 무엇을 원하는지 미리 말하지 못하므로, 기업이 대화를 통해 "
        "사양을 정하도록 돕습니다(협동형)"
    ),
    "App home tab the user arranges": (
        "하나의 표준 제품이 상황마다 다르게 작동하는 것은 사용자가 직접 조정하기 때문입니다(적응형)"
    ),
    "Weekly promotion e-mail with the customer's name and photo style": (
        "모두가 같은 제안을 받고, 보여 주는 방식만 다릅니다(장식형)"
    ),
    "Automatic reorder list of usual food and beauty items": (
        "필요를 지난 주문에서 예측할 수 있고, 고객은 그것을 다시 말하고 싶어 하지 않습니다(관찰형)"
    ),
    "Home page rows ordered by each customer's interests": (
        "개인별 선택은 관찰한 행동을 바탕으로 드러나지 않게 제공물을 바꿉니다. 이 노트북의 약속에 "
        "따르면 이는 표현의 변화가 아니라 제품의 변화입니다(관찰형)"
    ),
}
"""05.3: the reasons of SHOP_PROJECT_ANSWERS in Korean."""


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
    question_ko="모든 고객의 취향이 같다면 3개 이상의 카테고리에서 사는 재구매 고객의 비율(0–1).",
    success_ko="취향이 모두 같으면 3개 이상의 카테고리에서 사는 고객이 오히려 더 많아지므로, 그 "
    "통계량은 필요가 다양하다는 증거가 아닙니다. 귀무모형이 만들어 내지 못하는 것은 집중도입니다. "
    "실제 고객은 더 적은 카테고리에서 사고, 가장 좋아하는 카테고리의 비율이 더 큽니다.",
)
def _ex2(answer: Any) -> str | None:
    value = as_number(answer)
    r = _kahn()
    if abs(value - r["null"]) <= KAHN_TOLERANCE:
        return None
    if abs(value - 100 * r["null"]) <= 100 * KAHN_TOLERANCE:
        return choose(
            en="give a share between 0 and 1, not a percentage.",
            ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if abs(value - r["observed"]) <= 0.002:
        return choose(
            en="that is the share in the real data (the chart title). Shuffle the categories across "
            "all lines first (homogeneous_taste_null) and recompute: if it does not change, you "
            "shuffled within each customer, which keeps every customer's own taste.",
            ko="그것은 실제 데이터의 비율(그림 제목)입니다. 먼저 모든 주문 항목에 걸쳐 카테고리를 "
            "뒤섞고(homogeneous_taste_null) 다시 계산하십시오. 값이 바뀌지 않는다면 고객별로 "
            "뒤섞은 것이고, 그러면 고객마다 자기 취향이 그대로 남습니다.",
        )
    if (
        abs(value - r["null_all_customers"]) <= 0.004
        or abs(value - r["observed_all_customers"]) <= 0.004
    ):
        return choose(
            en="use `active` (customers with at least five order lines), not all order lines.",
            ko="모든 주문 항목이 아니라 `active`(주문 항목이 다섯 개 이상인 고객)를 쓰십시오.",
        )
    if abs(value - r["null_four_plus"]) <= 0.004:
        return choose(
            en="count customers with three or more categories (>= 3), not four or more.",
            ko="네 개 이상이 아니라 세 개 이상(>= 3)의 카테고리에서 산 고객을 세십시오.",
        )
    if abs(value - (1 - r["null"])) <= 0.004:
        return choose(
            en="that is the share with fewer than three categories; the question asks for three or more.",
            ko="그것은 카테고리가 세 개 미만인 고객의 비율입니다. 문제는 세 개 이상을 묻습니다.",
        )
    return choose(
        en="shuffle with homogeneous_taste_null(active, random_state=0), build the mix with "
        "mix_diversity(profile_matrix(..., entity_col='customer_id', item_col='category')) and take "
        "the mean of distinct_items >= 3.",
        ko="homogeneous_taste_null(active, random_state=0)으로 뒤섞고, "
        "mix_diversity(profile_matrix(..., entity_col='customer_id', item_col='category'))로 "
        "구성을 만든 다음, distinct_items >= 3의 평균을 구하십시오.",
    )


@exercise(
    "05.3",
    "Place five Hanbit Mall projects by Gilmore & Pine's criteria (dict: project → approach).",
    expected=lambda: {p: a for p, (a, _) in SHOP_PROJECT_ANSWERS.items()},
    success="Gilmore & Pine choose the face from the kind of sacrifice the customer makes, not from "
    "the technology: an algorithm can serve a cosmetic or a transparent face alike.",
    question_ko="한빛몰의 프로젝트 다섯 개를 길모어와 파인의 기준으로 배치하기(dict: 프로젝트 → 유형).",
    success_ko="길모어와 파인은 기술이 아니라 고객이 치르는 희생의 종류로 유형을 고릅니다. 같은 "
    "알고리즘이 장식형에도, 관찰형에도 쓰일 수 있습니다.",
)
def _ex3(answer: Any) -> str | None:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return choose(
            en="give a dict {project name: approach}, e.g. {'App home tab the user arranges': 'adaptive', ...}.",
            ko="{프로젝트 이름: 유형} 형태의 dict로 답하십시오. "
            "예: {'App home tab the user arranges': 'adaptive', ...}.",
        )
    projects = list(SHOP_PROJECTS)
    missing = [p for p in projects if p not in answer]
    extra = [k for k in answer if k not in SHOP_PROJECTS]
    if extra:
        return choose(
            en=f"unknown project name(s) {extra[:3]}; copy the names from SHOP_PROJECTS.",
            ko=f"알 수 없는 프로젝트 이름 {extra[:3]}이(가) 있습니다. SHOP_PROJECTS에서 이름을 "
            "그대로 복사하십시오.",
        )
    if missing:
        return choose(
            en=f"{len(missing)} project(s) are missing, e.g. {missing[0]!r}; place all five.",
            ko=f"프로젝트 {len(missing)}개가 빠졌습니다(예: {missing[0]!r}). 다섯 개를 모두 "
            "배치하십시오.",
        )
    bad = [p for p in projects if _normalise_approach(answer[p]) is None]
    if bad:
        return choose(
            en=f"{bad[0]!r} is placed as {answer[bad[0]]!r}; give exactly one of {list(APPROACHES)} "
            "(or 협동형, 적응형, 장식형, 관찰형).",
            ko=f"{bad[0]!r}이(가) {answer[bad[0]]!r}(으)로 배치되어 있습니다. {list(APPROACHES)} "
            "가운데 정확히 하나(또는 협동형, 적응형, 장식형, 관찰형)를 쓰십시오.",
        )
    wrong = [p for p in projects if _normalise_approach(answer[p]) != SHOP_PROJECT_ANSWERS[p][0]]
    if not wrong:
        return None
    p = wrong[0]
    given = _normalise_approach(answer[p])
    why = SHOP_PROJECT_ANSWERS[p][1]
    why_ko = SHOP_PROJECT_WHY_KO[p]
    if p.startswith("Home page rows") and given == "cosmetic":
        why = (
            "which products are shown differs per customer, and the notebook counts the offering "
            "shown as the product: " + why
        )
        why_ko = (
            "어떤 상품을 보여 주는지가 고객마다 다르고, 이 노트북은 보여 주는 제공물을 제품으로 "
            "봅니다. " + why_ko
        )
    return choose(
        en=f"{len(wrong)} of 5 are misplaced. Look again at {p!r} ({given!r}): {why}.",
        ko=f"5개 가운데 {len(wrong)}개가 잘못 배치되었습니다. {p!r} 프로젝트를 다시 살펴보십시오"
        f"(답: {given!r}). {why_ko}.",
    )


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
    question_ko="익명 세션 가운데 신원 확인으로 고객에게 귀속되는 세션의 비율(0–1).",
    success_ko="이제 그 세션 하나하나가 알려진 고객의 프로필에 더해집니다.",
)
def _ex4(answer: Any) -> str | None:
    value = as_number(answer)
    r = _sessions()
    if is_close(value, r["attributable_share"], rel=0, abs_tol=ROUNDING):
        return None
    if is_close(value, r["unweighted_share"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that counts stored rows. Non-purchase sessions are a 1-in-10 sample with weight 10: "
            "sum the weight column instead of counting rows.",
            ko="그것은 보관된 행을 센 값입니다. 구매하지 않은 세션은 10개 중 1개의 표본이고 가중치가 "
            "10입니다. 행을 세는 대신 weight 열을 더하십시오.",
        )
    if is_close(value, r["attributable_share"], rel=0, abs_tol=0.01):
        return choose(
            en="nearly: give the share to three decimals (e.g. 0.123), not rounded more coarsely.",
            ko="거의 맞았습니다. 더 거칠게 반올림하지 말고 소수점 셋째 자리까지(예: 0.123) 답하십시오.",
        )
    if is_close(value, 100 * r["attributable_share"], rel=1e-3):
        return choose(
            en="give a share between 0 and 1, not a percentage.",
            ko="백분율이 아니라 0과 1 사이의 비율로 답하십시오.",
        )
    if is_close(value, 1 - r["attributable_share"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that is the share that stays anonymous; the question asks for the share that gains a customer.",
            ko="그것은 익명으로 남는 세션의 비율입니다. 문제는 고객을 찾게 되는 세션의 비율을 묻습니다.",
        )
    if is_close(value, r["anonymous_share"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that is the share of all sessions that are anonymous; now count, among those, the ones with a resolved_customer_id.",
            ko="그것은 전체 세션 가운데 익명 세션의 비율입니다. 이제 그 가운데 resolved_customer_id가 "
            "있는 세션을 세십시오.",
        )
    if is_close(value, r["linked_cookie_share"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that counts cookies; the question counts sessions (rows of `sessions`).",
            ko="그것은 쿠키를 센 값입니다. 문제는 세션(`sessions`의 행)을 셉니다.",
        )
    if is_close(value, r["attributable_sessions"], rel=1e-6) or is_close(
        value, r["attributable_rows"], rel=1e-6
    ):
        return choose(
            en="that is the number of sessions; divide by the number of anonymous sessions.",
            ko="그것은 세션의 수입니다. 익명 세션의 수로 나누십시오.",
        )
    if is_close(value, r["attributable_share_of_all"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="divide by the anonymous sessions only, not by all sessions.",
            ko="전체 세션이 아니라 익명 세션으로만 나누십시오.",
        )
    if is_close(value, r["unweighted_share_of_all"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that counts rows and divides by all sessions: sum the weight column, and divide by "
            "the anonymous sessions only.",
            ko="그것은 행을 세어 전체 세션으로 나눈 값입니다. weight 열을 더하고, 익명 세션으로만 "
            "나누십시오.",
        )
    if is_close(value, r["resolved_share_of_all"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that is the share of all sessions with a resolved_customer_id, logged-in ones "
            "included; count only the sessions without a customer_id of their own.",
            ko="그것은 로그인한 세션까지 포함해 resolved_customer_id가 있는 모든 세션의 비율입니다. "
            "자기 customer_id가 없는 세션만 세십시오.",
        )
    if is_close(value, r["known_share"], rel=0, abs_tol=ROUNDING):
        return choose(
            en="that is the share of sessions that already carried a customer id; count the anonymous ones that gain one.",
            ko="그것은 처음부터 고객 ID가 있던 세션의 비율입니다. 고객 ID를 새로 얻는 익명 세션을 세십시오.",
        )
    return choose(
        en="sum the weight of the sessions whose own customer_id is missing but whose "
        "resolved_customer_id is not, and divide by the weight of all sessions whose own "
        "customer_id is missing.",
        ko="자기 customer_id는 없지만 resolved_customer_id는 있는 세션의 weight를 더하고, 자기 "
        "customer_id가 없는 모든 세션의 weight 합으로 나누십시오.",
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
    question_ko="추천 목록 A/B 테스트의 집단별 세션 수: 전환율 상대적 +10 %, α 0.05, 검정력 0.8.",
    success_ko="작은 비율에서 작은 상대적 향상을 잡아내려면 테스트가 매우 커야 합니다. 트래픽을 "
    "기준으로 계획하고, 잡아낼 가치가 있는 최소 향상을 시작하기 전에 정하십시오.",
)
def _ex5(answer: Any) -> str | None:
    value = as_number(answer)
    r = _ab_sizes()
    n = r["right"]
    # sample_size (Cohen's h) or the pooled-variance textbook formula, both rounded up
    if value in (n, r["classic"]):
        return None
    slip = per_arm_slip(value, n, unit="sessions", unit_ko="세션")
    if slip is not None:
        return slip
    if abs(value - r["unweighted"]) <= 0.01 * r["unweighted"]:
        return choose(
            en="that uses the unweighted purchase rate. Most non-purchase sessions are stored as a "
            "1-in-10 sample with weight 10, so the real conversion rate is the weighted one: "
            "(purchased × weight).sum() / weight.sum().",
            ko="그것은 가중하지 않은 구매율을 쓴 값입니다. 구매하지 않은 세션은 대부분 10개 중 1개의 "
            "표본으로 보관되고 가중치가 10이므로, 실제 전환율은 가중한 값입니다: "
            "(purchased × weight).sum() / weight.sum().",
        )
    slips = {
        "absolute": choose(
            en="that detects +0.10 (ten percentage points); the lift is 10 % *of the rate*: effect = 0.1 × p.",
            ko="그것은 +0.10(10%포인트)을 잡아내는 크기입니다. 향상은 *전환율의* 10 %입니다: "
            "effect = 0.1 × p.",
        ),
        "one_point": choose(
            en="that detects +1 percentage point; the lift asked is 10 % of the rate: effect = 0.1 × p.",
            ko="그것은 +1%포인트를 잡아내는 크기입니다. 문제의 향상은 전환율의 10 %입니다: "
            "effect = 0.1 × p.",
        ),
        "power_90": choose(
            en="that uses power 0.9; the question asks for 0.8.",
            ko="그것은 검정력 0.9를 쓴 값입니다. 문제는 0.8을 묻습니다.",
        ),
        "one_sided": choose(
            en="that is a one-sided test; the question asks for a two-sided test at α = 0.05.",
            ko="그것은 단측 검정입니다. 문제는 α = 0.05의 양측 검정을 묻습니다.",
        ),
        "alpha_01": choose(
            en="that uses α = 0.01; the question asks for 0.05.",
            ko="그것은 α = 0.01을 쓴 값입니다. 문제는 0.05를 묻습니다.",
        ),
    }
    for key, hint in slips.items():
        if key in r and abs(value - r[key]) <= 0.01 * r[key]:
            return hint
    if 0 < value < 1:
        return choose(
            en="give a number of sessions (a whole number), not a rate.",
            ko="비율이 아니라 세션 수(정수)로 답하십시오.",
        )
    return choose(
        en="compute the weighted conversion rate p of all sessions, then "
        "sample_size(p, 0.1 * p, alpha=0.05, power=0.8).",
        ko="모든 세션의 가중 전환율 p를 구한 다음 "
        "sample_size(p, 0.1 * p, alpha=0.05, power=0.8)을 계산하십시오.",
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
    question_ko="동의한 고객 표의 지역 × 연령대에 대한 k(가장 작은 집단의 크기).",
    success_ko="요구하는 k보다 작은 집단은 공유하기 전에 모두 합치거나(더 넓은 구간) 삭제해야 합니다.",
)
def _ex6(answer: Any) -> str | None:
    if type(answer).__name__ == "KAnonymity":
        return choose(
            en="that is the k-anonymity result object; give its k (a whole number): .k",
            ko="그것은 k-익명성 결과 객체입니다. 그 k(정수)를 답하십시오: .k",
        )
    value = as_number(answer)
    r = _k_values()
    if value == r["k_consented"]:
        return None
    if value == r["k_all"]:
        return choose(
            en="that is the k of all customers; filter to those with marketing consent first.",
            ko="그것은 전체 고객의 k입니다. 먼저 마케팅 수신에 동의한 고객으로 거르십시오.",
        )
    if value == r["n_groups_consented"]:
        return choose(
            en="that is the number of groups; k is the size of the smallest group.",
            ko="그것은 집단의 수입니다. k는 가장 작은 집단의 크기입니다.",
        )
    if value == r["largest_group_consented"]:
        return choose(
            en="that is the largest group; k-anonymity is only as strong as the smallest group.",
            ko="그것은 가장 큰 집단입니다. k-익명성의 강도는 가장 작은 집단이 정합니다.",
        )
    if value == 10:
        return choose(
            en="10 is the k the agency requires; the question asks for the k the list actually has (its smallest group).",
            ko="10은 대행사가 요구하는 k입니다. 문제는 목록이 실제로 갖는 k(가장 작은 집단)를 묻습니다.",
        )
    if value == r["k_with_channel"] and value != r["k_consented"]:
        return choose(
            en="that groups by acquisition channel too; the question asks for region × age band only.",
            ko="그것은 유입 채널까지 묶은 값입니다. 문제는 지역 × 연령대만 묻습니다.",
        )
    if value == r["groups_below_10"] and value != r["k_consented"]:
        return choose(
            en="that is the number of groups below k = 10; give the size of the smallest group.",
            ko="그것은 k = 10보다 작은 집단의 수입니다. 가장 작은 집단의 크기를 답하십시오.",
        )
    return choose(
        en="group the consented customers by region and age_band, count each group, take the minimum.",
        ko="동의한 고객을 region과 age_band로 묶어 집단마다 세고, 그 최솟값을 구하십시오.",
    )
