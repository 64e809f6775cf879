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

import pandas as pd

__all__ = [
    "NOTEBOOKS",
    "GLOSSARY",
    "notebook_map",
    "glossary",
    "glossary_markdown",
    "map_markdown",
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
]
# fmt: on


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

    Examples
    --------
    >>> len(glossary()) > 50
    True
    """
    return pd.DataFrame(GLOSSARY, columns=["korean", "english", "notebook", "meaning"])


def glossary_markdown() -> str:
    """The glossary as a Markdown table (pasted into README, shown in notebook 00)."""
    rows = [
        f"| {k} | {e} | {n:02d} | {m} |"
        for k, e, n, m in sorted(GLOSSARY, key=lambda t: (t[2], t[1]))
    ]
    return "\n".join(["| 한국어 | English | notebook | meaning |", "|---|---|---|---|", *rows])


def map_markdown(link_prefix: str = "notebooks/") -> str:
    """The notebook map as a Markdown table with links."""
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
