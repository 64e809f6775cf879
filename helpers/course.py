"""The workbook's map and its Korean–English glossary: one source for notebook 00, README and the book.

Examples
--------
>>> from helpers.course import notebook_map, glossary
>>> notebook_map().loc[2, "english"]
'RFM analysis'
>>> glossary().query("korean == '최근성'")["english"].item()
'Recency'
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.language import get_language, set_language  # noqa: F401 - set_language: doctest

__all__ = [
    "NOTEBOOKS",
    "GLOSSARY",
    "notebook_map",
    "glossary",
    "glossary_markdown",
    "map_markdown",
    "source_ko",
    "title",
    "next_link",
]

# fmt: off  (one row per line reads as a table)
# number, file, English title, Korean course section, slides / source
NOTEBOOKS: list[tuple[int, str, str, str, str]] = [
    (0, "00_start_here.ipynb", "Start here", "시작하기", "how to use the workbook"),
    (1, "01_loyalty_economics.ipynb", "Loyalty economics", "제1절 인터넷 고객충성도", "slide 2"),
    (2, "02_rfm_analysis.ipynb", "RFM analysis", "고객 충성도 분석: CLV, RFM, LTV", "slides 3–4"),
    (
        3,
        "03_customer_lifetime_value.ipynb",
        "Customer lifetime value",
        "고객평생가치 (LTV)",
        "slide 5",
    ),
    (
        4,
        "04_satisfaction_and_online_support.ipynb",
        "Satisfaction and online support",
        "고객만족과 온라인 지원전략",
        "slide 6",
    ),
    (
        5,
        "05_personalization_and_customization.ipynb",
        "Personalization and customization",
        "개인화 마케팅과 고객화",
        "slides 7–9",
    ),
    (
        6,
        "06_personalization_process.ipynb",
        "The personalization process",
        "개인화 마케팅 실행단계와 개인화가 가치 있는 경우",
        "slides 10–12",
    ),
    (
        7,
        "07_customer_segmentation.ipynb",
        "Customer segmentation for CRM",
        "고객세분화와 핵심고객관리",
        "Kim (2017) notes",
    ),
    (8, "08_ecrm.ipynb", "eCRM", "제3절 eCRM", "slides 13–16"),
]

# korean, english, notebook, meaning in the workbook's words
GLOSSARY: list[tuple[str, str, int, str]] = [
    (
        "고객충성도",
        "Customer loyalty",
        1,
        "A customer's tendency to keep buying from the firm rather than switch.",
    ),
    (
        "고객 유지율",
        "Retention rate",
        1,
        "Share of customers active in one period who are still customers in the next.",
    ),
    ("신규고객 획득비용", "Acquisition cost", 1, "What the firm spends to win one new customer."),
    (
        "손익분기 기간",
        "Break-even tenure",
        1,
        "How long a customer must stay before their profit repays the acquisition cost.",
    ),
    (
        "고객평생가치",
        "Customer lifetime value (CLV, LTV)",
        3,
        "Present value of all the profit a customer will bring over the relationship.",
    ),
    ("최근성", "Recency", 2, "Days since the customer's last purchase; the fewer, the better."),
    ("빈도", "Frequency", 2, "Number of distinct orders in the analysis window."),
    ("구매금액", "Monetary value", 2, "Total net spend in the analysis window."),
    (
        "가장 가치 있는 고객 선별",
        "Selecting the most valuable customers",
        2,
        "Ranking customers by score and choosing the best for attention.",
    ),
    (
        "평균구매액",
        "Average purchase amount",
        3,
        "Mean spend per purchase; one factor of the slide's simple LTV.",
    ),
    (
        "거래기간",
        "Transaction period",
        3,
        "How long the customer keeps buying; the other factor of the simple LTV.",
    ),
    (
        "순현재가치",
        "Net present value (NPV)",
        3,
        "Future profits discounted to today's money and summed.",
    ),
    (
        "할인율",
        "Discount rate",
        3,
        "Yearly rate by which a future won is worth less than a won today.",
    ),
    (
        "고객만족",
        "Customer satisfaction",
        4,
        "How well the experience meets what the customer expected.",
    ),
    (
        "온라인 지원전략",
        "Online support strategy",
        4,
        "Internet tools that raise satisfaction: self-service, tracking, FAQs, community.",
    ),
    (
        "제품 디자인",
        "Product design",
        4,
        "Lele's first element: what is sold and how well it fits needs.",
    ),
    (
        "판매관련 활동",
        "Sales-related activities",
        4,
        "Lele's second element: information, ordering and buying convenience.",
    ),
    (
        "사후 서비스",
        "After-sales service",
        4,
        "Lele's third element: delivery, returns, support after the purchase.",
    ),
    (
        "기업문화",
        "Corporate culture",
        4,
        "Lele's fourth element: how customer-centred the firm behaves.",
    ),
    (
        "순추천지수",
        "Net Promoter Score (NPS)",
        4,
        "Share of promoters (9–10) minus share of detractors (0–6).",
    ),
    (
        "개인화",
        "Personalization",
        5,
        "The firm tailors communication or offers to an individual from what it knows.",
    ),
    ("고객화", "Customization", 5, "The product itself is made to an individual's specification."),
    (
        "대량 고객화",
        "Mass customization",
        5,
        "Customized products at near mass-production cost, via flexible production.",
    ),
    (
        "고도의 다양화 전략",
        "High-variety strategy",
        5,
        "Kahn's strategy of offering enough variety to meet ever more distinct tastes.",
    ),
    (
        "협동형 고객화",
        "Collaborative customization",
        5,
        "Product changes and the customer sees it: designed together.",
    ),
    (
        "적응형 고객화",
        "Adaptive customization",
        5,
        "Standard product the customer adapts; neither product nor presentation is changed by the firm.",
    ),
    (
        "장식형 고객화",
        "Cosmetic customization",
        5,
        "Same product, presented (packaged, labelled) differently per customer.",
    ),
    (
        "관찰형 고객화",
        "Transparent customization",
        5,
        "Product tailored from observed behaviour without the customer being asked.",
    ),
    (
        "쿠키",
        "Cookie",
        5,
        "Small file a site stores in the browser to recognise a returning visitor.",
    ),
    ("클릭 추적", "Click tracking", 5, "Recording which pages a visitor views to learn interests."),
    (
        "사생활 침해",
        "Invasion of privacy",
        5,
        "Using personal data in ways customers did not expect or consent to.",
    ),
    (
        "고객파악",
        "Identify",
        6,
        "IDIC step 1: know who each customer is across channels and visits.",
    ),
    ("고객분류", "Differentiate", 6, "IDIC step 2: group customers by value and by needs."),
    (
        "고객과의 상호작용",
        "Interact",
        6,
        "IDIC step 3: cost-efficient, informative dialogue with each customer.",
    ),
    ("개별화", "Customize", 6, "IDIC step 4: adapt some behaviour of the firm to the individual."),
    ("고객니즈 차별성", "Needs differentiation", 6, "How much customers differ in what they want."),
    (
        "고객가치 차별성",
        "Value differentiation",
        6,
        "How much customers differ in what they are worth to the firm.",
    ),
    (
        "탐색제품",
        "Search goods",
        6,
        "Goods whose quality can be judged before buying (specs, price).",
    ),
    (
        "경험제품",
        "Experience goods",
        6,
        "Goods whose quality is known only after use; reviews make them searchable.",
    ),
    (
        "고객세분화",
        "Customer segmentation",
        7,
        "Dividing customers into groups on criteria that matter to the firm.",
    ),
    (
        "핵심고객관리",
        "Core customer management",
        7,
        "Finding the customers who carry the business and managing them objectively.",
    ),
    (
        "그룹간 이동 패턴",
        "Segment migration",
        7,
        "How customers move between segments from one period to the next.",
    ),
    (
        "획득률",
        "Acquisition rate",
        7,
        "New customers in a period relative to the earlier period's customer count.",
    ),
    (
        "유지율",
        "Retention rate (same segment)",
        7,
        "Share of earlier customers who stay in the same segment.",
    ),
    ("상승률", "Upgrade rate", 7, "Share of earlier customers who move to a higher-value segment."),
    (
        "하락률",
        "Downgrade rate",
        7,
        "Share of earlier customers who move to a lower-value segment.",
    ),
    ("이탈률", "Churn rate", 7, "Share of earlier customers who are lost in the later period."),
    (
        "고객관계관리",
        "Customer relationship management (CRM)",
        8,
        "Activities that turn prospects into customers and keep the valuable ones loyal.",
    ),
    (
        "분석적 CRM",
        "Analytical CRM",
        8,
        "Analysing customer data to understand and predict behaviour.",
    ),
    (
        "운영적 CRM",
        "Operational CRM",
        8,
        "Running campaigns, sales and service processes with that knowledge.",
    ),
    (
        "협업적 CRM",
        "Collaborative CRM",
        8,
        "Sharing one customer view across departments, channels and partners.",
    ),
    ("판매 전 eCRM", "eMarketing", 8, "eCRM before the sale: targeting and campaigns online."),
    ("판매시점 eCRM", "eSale", 8, "eCRM at the sale: the whole purchase process handled online."),
    ("판매 후 eCRM", "eService", 8, "eCRM after the sale: service, support and retention online."),
    (
        "로열티 프로그램",
        "Loyalty programme",
        8,
        "Membership tiers and rewards that make staying worthwhile.",
    ),
    ("등급전환", "Grade transition", 8, "Moving customers up to the next tier of value."),
    (
        "이탈 예측 및 방지",
        "Churn prediction and prevention",
        8,
        "Scoring who is likely to leave and acting before they do.",
    ),
    (
        "교차/상승판매",
        "Cross-selling and up-selling",
        8,
        "Selling related or higher-value products to existing customers.",
    ),
    (
        "2차 구매 유도",
        "Second-purchase inducement",
        8,
        "Turning first-time buyers into repeat buyers at the right moment.",
    ),
    (
        "고객추천 관리",
        "Referral management",
        8,
        "Encouraging and valuing customers who bring in new customers.",
    ),
    (
        "캠페인 관리",
        "Campaign management",
        8,
        "Planning, targeting and measuring marketing contacts.",
    ),
    (
        "귀무 세계",
        "Null world",
        0,
        "The same generated shop with one mechanism switched off: what an analysis shows when the effect is absent.",
    ),
    (
        "생존분석",
        "Survival analysis",
        3,
        "Methods for time until an event (cancelling, a second purchase) that use customers still waiting (censored).",
    ),
    (
        "협업 필터링",
        "Collaborative filtering",
        5,
        "Recommending what similar customers bought, learnt from everyone's purchase histories.",
    ),
    (
        "가명정보",
        "Pseudonymised information",
        5,
        "Personal data whose identifiers are replaced so that it needs extra information to identify a person (PIPA Art. 28-2).",
    ),
    (
        "통제집단",
        "Control group (hold-out)",
        6,
        "Randomly chosen customers who are not contacted, so what they do shows what would have happened anyway.",
    ),
    (
        "증분 효과 (업리프트)",
        "Uplift (incremental effect)",
        6,
        "Conversion of contacted customers minus that of comparable uncontacted ones: what the contact caused.",
    ),
    (
        "제품 고정효과",
        "Product fixed effects",
        6,
        "Comparing each product only with itself over time, so fixed differences between products cannot bias an effect.",
    ),
    (
        "연관규칙",
        "Association rule",
        8,
        "A rule 'who buys A also buys B' with its support, confidence and lift over the base rate.",
    ),
    (
        "실루엣 계수",
        "Silhouette coefficient",
        7,
        "How much closer each customer is to its own segment than to the nearest other one (−1 to 1), averaged.",
    ),
]
# fmt: on


# The meanings in Korean, for the Korean edition (한국어판): glossary() shows them there.
MEANING_KO: dict[str, str] = {
    "고객충성도": "고객이 다른 기업으로 옮기지 않고 계속 그 기업에서 구매하려는 성향.",
    "고객 유지율": "한 기간에 활동한 고객 가운데 다음 기간에도 고객으로 남은 비율.",
    "신규고객 획득비용": "새 고객 한 명을 얻는 데 기업이 쓰는 비용.",
    "손익분기 기간": "고객이 가져온 이익이 획득비용을 되갚을 때까지 고객으로 머물러야 하는 기간.",
    "고객평생가치": "고객이 관계를 맺는 동안 가져올 모든 이익의 현재가치.",
    "최근성": "고객의 마지막 구매 이후 지난 일수(적을수록 좋음).",
    "빈도": "분석 기간 안의 서로 다른 주문 수.",
    "구매금액": "분석 기간 안의 순구매액 합계.",
    "가장 가치 있는 고객 선별": "점수로 고객의 순위를 매겨 관리할 최상위 고객을 고르는 일.",
    "평균구매액": "구매 한 번의 평균 금액. 슬라이드의 단순 LTV를 이루는 한 요소.",
    "거래기간": "고객이 구매를 이어 가는 기간. 단순 LTV의 다른 한 요소.",
    "순현재가치": "미래 이익을 오늘의 돈으로 할인해 더한 값.",
    "할인율": "미래의 1원이 오늘의 1원보다 덜 가치 있는 정도를 나타내는 연간 비율.",
    "고객만족": "경험이 고객의 기대를 얼마나 충족하는가.",
    "온라인 지원전략": "셀프서비스, 배송 추적, FAQ, 커뮤니티처럼 만족을 높이는 인터넷 도구.",
    "제품 디자인": "Lele의 첫째 요소: 무엇을 팔며 그것이 고객의 필요에 얼마나 맞는가.",
    "판매관련 활동": "Lele의 둘째 요소: 정보 제공, 주문, 구매의 편리함.",
    "사후 서비스": "Lele의 셋째 요소: 배송, 반품, 구매 후 지원.",
    "기업문화": "Lele의 넷째 요소: 기업이 얼마나 고객 중심으로 행동하는가.",
    "순추천지수": "추천 고객(9–10점) 비율에서 비추천 고객(0–6점) 비율을 뺀 값.",
    "개인화": "기업이 아는 정보를 바탕으로 커뮤니케이션이나 제안을 개인에게 맞추는 일.",
    "고객화": "제품 자체를 개인의 요구에 맞추어 만드는 일.",
    "대량 고객화": "유연한 생산으로 대량생산에 가까운 비용에 고객화된 제품을 만드는 일.",
    "고도의 다양화 전략": "점점 더 세분되는 취향을 맞출 만큼 다양한 제품을 내놓는 Kahn의 전략.",
    "협동형 고객화": "제품이 바뀌고 고객도 그것을 아는 고객화: 고객과 함께 설계하는 방식.",
    "적응형 고객화": "고객이 스스로 조정해 쓰는 표준 제품. 기업은 제품도 표현도 바꾸지 않는 방식.",
    "장식형 고객화": "같은 제품을 고객마다 다르게(포장, 라벨) 보여 주는 방식.",
    "관찰형 고객화": "고객에게 묻지 않고 관찰한 행동을 바탕으로 제품을 맞추는 방식.",
    "쿠키": "다시 찾아온 방문자를 알아보려고 사이트가 브라우저에 저장하는 작은 파일.",
    "클릭 추적": "방문자가 어떤 페이지를 보는지 기록해 관심사를 알아내는 일.",
    "사생활 침해": "고객이 예상하지 못했거나 동의하지 않은 방식으로 개인정보를 쓰는 일.",
    "고객파악": "IDIC 1단계: 채널과 방문을 가로질러 각 고객이 누구인지 아는 일.",
    "고객분류": "IDIC 2단계: 고객을 가치와 니즈에 따라 나누는 일.",
    "고객과의 상호작용": "IDIC 3단계: 고객 한 명 한 명과 비용 효율적이고 유익한 대화를 나누는 일.",
    "개별화": "IDIC 4단계: 기업 행동의 일부를 개인에게 맞추는 일.",
    "고객니즈 차별성": "고객이 원하는 것이 서로 얼마나 다른가.",
    "고객가치 차별성": "고객이 기업에 주는 가치가 서로 얼마나 다른가.",
    "탐색제품": "사기 전에 품질을 판단할 수 있는 제품(사양, 가격).",
    "경험제품": "써 본 뒤에야 품질을 알 수 있는 제품(리뷰가 있으면 미리 가늠할 수 있음).",
    "고객세분화": "기업에 중요한 기준으로 고객을 여러 집단으로 나누는 일.",
    "핵심고객관리": "사업을 떠받치는 고객을 찾아내 객관적인 기준으로 관리하는 일.",
    "그룹간 이동 패턴": "고객이 한 기간에서 다음 기간으로 세그먼트 사이를 옮겨 가는 모습.",
    "획득률": "앞 기간의 고객 수에 대한 이번 기간 신규 고객의 비율.",
    "유지율": "앞 기간 고객 가운데 같은 세그먼트에 남은 비율.",
    "상승률": "앞 기간 고객 가운데 더 높은 가치의 세그먼트로 옮겨 간 비율.",
    "하락률": "앞 기간 고객 가운데 더 낮은 가치의 세그먼트로 옮겨 간 비율.",
    "이탈률": "앞 기간 고객 가운데 다음 기간에 잃은 비율.",
    "고객관계관리": "잠재 고객을 고객으로 만들고 가치 있는 고객을 충성 고객으로 지키는 활동.",
    "분석적 CRM": "고객 데이터를 분석해 행동을 이해하고 예측하는 일.",
    "운영적 CRM": "그 지식으로 캠페인, 판매, 서비스 과정을 운영하는 일.",
    "협업적 CRM": "부서, 채널, 협력사가 하나의 고객 정보를 함께 쓰는 일.",
    "판매 전 eCRM": "판매 전의 eCRM: 온라인 타기팅과 캠페인.",
    "판매시점 eCRM": "판매 시점의 eCRM: 구매 과정 전체를 온라인으로 처리하는 일.",
    "판매 후 eCRM": "판매 후의 eCRM: 온라인 서비스, 지원, 고객 유지.",
    "로열티 프로그램": "고객으로 남는 것이 이득이 되게 하는 회원 등급과 보상.",
    "등급전환": "고객을 한 단계 높은 가치 등급으로 올리는 일.",
    "이탈 예측 및 방지": "떠날 가능성이 큰 고객을 점수로 가려내 떠나기 전에 대응하는 일.",
    "교차/상승판매": "기존 고객에게 관련 제품이나 더 높은 가치의 제품을 파는 일.",
    "2차 구매 유도": "첫 구매 고객을 알맞은 때에 재구매 고객으로 만드는 일.",
    "고객추천 관리": "새 고객을 데려오는 고객을 북돋우고 그 가치를 인정하는 일.",
    "캠페인 관리": "마케팅 접촉을 계획하고 대상을 정하고 성과를 측정하는 일.",
    "귀무 세계": "메커니즘 하나를 끈 같은 생성 쇼핑몰: 효과가 없을 때 분석이 무엇을 보여 주는가.",
    "생존분석": "사건(해지, 두 번째 구매)까지의 시간을 다루며, 아직 기다리는(중도절단된) 고객도 쓰는 방법.",
    "협업 필터링": "모든 고객의 구매 이력에서 배워, 비슷한 고객이 산 것을 추천하는 방법.",
    "가명정보": "식별자를 바꾸어 추가 정보 없이는 개인을 알아볼 수 없게 한 개인정보(개인정보 보호법 제28조의2).",
    "통제집단": "연락하지 않도록 무작위로 고른 고객(이들의 행동이 어차피 일어났을 일을 보여 줌).",
    "증분 효과 (업리프트)": "연락한 고객의 전환율에서 비슷한, 연락하지 않은 고객의 전환율을 뺀 값: 연락이 만들어 낸 효과.",
    "제품 고정효과": "각 제품을 시간에 걸쳐 자기 자신하고만 비교해, 제품 사이의 고정된 차이가 효과를 왜곡하지 못하게 하는 방법.",
    "연관규칙": "'A를 사는 사람은 B도 산다'는 규칙과 그 지지도, 신뢰도, 기준 비율 대비 향상도.",
    "실루엣 계수": "각 고객이 가장 가까운 다른 세그먼트보다 자기 세그먼트에 얼마나 더 가까운지(−1에서 1)의 평균.",
}


def notebook_map() -> pd.DataFrame:
    """The ordered notebooks: file, English and Korean titles, and the slides they teach.

    Examples
    --------
    >>> notebook_map()["file"].iloc[0]
    '00_start_here.ipynb'
    """
    return pd.DataFrame(
        NOTEBOOKS, columns=["number", "file", "english", "korean", "source"]
    ).set_index("number")


def glossary() -> pd.DataFrame:
    """Every course term: Korean, English, the notebook that teaches it, and its meaning.

    The meaning is in the reader's language (:func:`helpers.language.get_language`).

    Examples
    --------
    >>> len(glossary()) > 50
    True
    >>> set_language("ko"); glossary().set_index("korean").loc["빈도", "meaning"]; set_language(None)
    '분석 기간 안의 서로 다른 주문 수.'
    """
    table = pd.DataFrame(GLOSSARY, columns=["korean", "english", "notebook", "meaning"])
    if get_language() == "ko":
        table["meaning"] = table["korean"].map(MEANING_KO)
    return table


def glossary_markdown() -> str:
    """The glossary as a Markdown table (pasted into README, shown in notebook 00)."""
    rows = [
        f"| {k} | {e} | {n:02d} | {m} |"
        for k, e, n, m in sorted(GLOSSARY, key=lambda t: (t[2], t[1]))
    ]
    return "\n".join(["| 한국어 | English | notebook | meaning |", "|---|---|---|---|", *rows])


def source_ko(source: str) -> str:
    """A notebook's course source as the Korean edition writes it.

    Examples
    --------
    >>> source_ko("slides 3–4")
    '슬라이드 3–4'
    """
    named = {
        "how to use the workbook": "워크북 사용법",
        "Kim (2017) notes": "김(2017) 고객세분화 노트",
    }
    return named.get(source, re.sub(r"^slides? ", "슬라이드 ", source))


def map_markdown(link_prefix: str = "notebooks/") -> str:
    """The notebook map as a Markdown table with links, in the reader's language.

    Examples
    --------
    >>> map_markdown().splitlines()[0]
    '| # | notebook | 한국어 | course source |'
    """
    if get_language() == "ko":
        rows = [
            f"| {n:02d} | [{k}]({link_prefix}{f}) | {e} | {source_ko(s)} |"
            for n, f, e, k, s in NOTEBOOKS
        ]
        return "\n".join(["| # | 노트북 | English | 강의 자료 |", "|---|---|---|---|", *rows])
    rows = [f"| {n:02d} | [{e}]({link_prefix}{f}) | {k} | {s} |" for n, f, e, k, s in NOTEBOOKS]
    return "\n".join(["| # | notebook | 한국어 | course source |", "|---|---|---|---|", *rows])


def title(number: int) -> str:
    """A notebook's title as every place spells it: notebook title cell, README, book and slides.

    Examples
    --------
    >>> title(2)
    '02 · RFM analysis — 고객 충성도 분석: CLV, RFM, LTV'
    """
    for n, _file, english, korean, _source in NOTEBOOKS:
        if n == number:
            return f"{n:02d} · {english} — {korean}"
    raise ValueError(
        f"number: no notebook {number!r} in the course map (0 to {len(NOTEBOOKS) - 1})"
    )


def next_link(number: int) -> str:
    """The one style of the link at the end of notebook ``number`` to the notebook after it.

    Examples
    --------
    >>> next_link(1)
    '**Next:** [02 · RFM analysis — 고객 충성도 분석: CLV, RFM, LTV](02_rfm_analysis.ipynb)'
    """
    files = {n: f for n, f, *_ in NOTEBOOKS}
    if number + 1 not in files:
        raise ValueError(f"number: notebook {number!r} has no next notebook")
    return f"**Next:** [{title(number + 1)}]({files[number + 1]})"
