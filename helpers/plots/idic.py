"""Figures of notebook 06: value concentration, the Peppers & Rogers matrix, targeting profit,
uplift by decile, Qini curves, incremental profit, rating dispersion and conversion by reviews.

Every function returns its Axes so tests can check what the figure shows. Titles, axis labels,
legends and widget labels speak the reader's language (:func:`helpers.language.choose`, evaluated
when a figure is drawn); the names of customer bases, models and goods types that notebook 06 passes
in are shown in Korean in the Korean edition (:data:`KOREAN_NAMES`), other names as given.

Examples
--------
>>> import pandas as pd
>>> from helpers.plots.idic import peppers_rogers_matrix
>>> pts = pd.DataFrame({"value": [0.75], "needs": [0.27]}, index=["shop"])
>>> ax = peppers_rogers_matrix(pts)
>>> ax.get_xlabel()
'Needs differentiation (고객니즈 차별성): needs index'
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from helpers.idic import QUADRANTS, STRATEGIES, gini, top_share
from helpers.language import choose, get_language
from helpers.plots import PALETTE, finish, percent_axis, what_if_box

__all__ = [
    "display_name",
    "concentration_curves",
    "peppers_rogers_matrix",
    "targeting_curves",
    "decile_margins",
    "rating_shares",
    "conversion_by_reviews",
    "targeting_what_if",
    "quadrant_what_if",
    "uplift_deciles",
    "qini_curves",
    "incremental_profit_curves",
]

KOREAN_NAMES: dict[str, str] = {
    "Hanbit Mall": "한빛몰",
    "electronics only": "전자제품만",
    "CDNOW (needs proxy)": "CDNOW(니즈 대리지표)",
    "tier: top 20%": "등급: 상위 20%",
    "tier: next 30%": "등급: 다음 30%",
    "tier: bottom 50%": "등급: 하위 50%",
    "response model": "반응 모형",
    "uplift model": "증분 효과 모형",
    "true uplift (oracle)": "실제 증분 효과(오라클)",
    "experience": "경험제품",
    "search": "탐색제품",
    "goods_type": "제품 유형",
}
"""Names the notebook passes in (customer bases, models, goods types) as the Korean edition shows them."""

TABLE_NAMES_KO: dict[str, str] = {
    "value": "가치",
    "needs": "니즈",
    "proxy": "대리지표",
    "quadrant": "사분면",
    "strategy": "전략",
    "customers": "고객 수",
    "mass": "대량",
    "niche": "틈새",
    "value-based": "가치 기반",
    "one-to-one": "일대일",
    "personal: favourite category": "개인: 선호 카테고리",
    "personal: cross-sell (not yet bought)": "개인: 교차판매(아직 사지 않은 것)",
    "mass: most popular category": "대량: 가장 인기 있는 카테고리",
    "mass: most popular not yet bought": "대량: 아직 사지 않은 것 중 가장 인기 있는 것",
    "all test customers": "전체 테스트 고객",
    "uplift_type": "고객 종류",
    "sure_thing": "확실한 구매 고객",
    "persuadable": "설득 가능 고객",
    "lost_cause": "가망 없는 고객",
    "sleeping_dog": "잠자는 개",
    "true uplift (oracle, generated shop only)": "실제 증분 효과(오라클, 생성 쇼핑몰에서만)",
    "random order": "무작위 순서",
    "Qini coefficient": "Qini 계수",
    "logged in": "로그인",
    "linked by cookie": "쿠키로 연결",
    "anonymous": "익명",
    "sessions": "세션",
    "page views": "페이지뷰",
    "top 20%": "상위 20%",
    "next 30%": "다음 30%",
    "bottom 50%": "하위 50%",
    "web sessions": "웹 세션",
    "orders": "주문",
    "campaign messages": "캠페인 메시지",
    "support tickets": "상담 문의",
    "CDNOW: dollars per CD": "CDNOW: CD 한 장당 금액",
    "CDNOW: CDs per purchase": "CDNOW: 구매 한 번당 CD 수",
    "Hanbit Mall: price per item": "한빛몰: 상품 한 개당 가격",
}
"""Row, column and category labels of notebook 06's tables as the Korean edition shows them."""

STRATEGY_EXAMPLES_KO: dict[str, str] = {
    "mass": "주유소",
    "niche": "서점",
    "value-based": "항공사의 마일리지 회원",
    "one-to-one": "기업용 컴퓨터 시스템 공급업체",
}
"""The examples of :data:`helpers.idic.STRATEGIES` in Korean, for the matrix's quadrant labels."""


def _name(name: object) -> str:
    """A passed-in name in the reader's language: Korean for the known names, else as given.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko"); _name("uplift model"); _name("shop A"); set_language(None)
    '증분 효과 모형'
    'shop A'
    """
    text = str(name)
    return KOREAN_NAMES.get(text, text) if get_language() == "ko" else text


def display_name(name: object) -> str:
    """A label of notebook 06's tables or figures in the reader's language (for ``rename``).

    English labels are returned unchanged, so the English edition shows its tables as before;
    the Korean edition shows the names of :data:`KOREAN_NAMES` and :data:`TABLE_NAMES_KO`.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko"); display_name("sure_thing"); display_name("Hanbit Mall"); set_language(None)
    '확실한 구매 고객'
    '한빛몰'
    >>> display_name("sure_thing")
    'sure_thing'
    """
    text = str(name)
    if get_language() != "ko":
        return text
    return TABLE_NAMES_KO.get(text, KOREAN_NAMES.get(text, text))


_QUADRANT_COLOUR = dict(
    zip(QUADRANTS, [PALETTE[7], PALETTE[2], PALETTE[1], PALETTE[0]], strict=True)
)


def concentration_curves(
    values: Mapping[str, pd.Series],
    *,
    share: float = 0.2,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Concentration (Pareto) curves: share of value brought by the best x% of customers.

    One curve per customer base, best customers first; the dashed diagonal is equality; a dot
    marks the top-``share`` value share. The legend gives that share and the Gini coefficient
    (twice the area between the curve and the diagonal).

    Examples
    --------
    >>> ax = concentration_curves({"a": pd.Series([1.0, 1.0, 1.0, 1.0, 6.0])})
    >>> ax.get_legend().get_texts()[1].get_text()
    'a: top 20% = 60%, Gini 0.40'
    """
    if not isinstance(values, Mapping) or not values:
        raise TypeError("values must be a non-empty mapping of name -> Series of customer values")
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, 6.5))
    ax.plot(
        [0, 1],
        [0, 1],
        ls="--",
        color="0.5",
        lw=1.5,
        label=choose(
            en="equality (everyone worth the same)", ko="완전 평등(모든 고객의 가치가 같음)"
        ),
    )
    shares = {}
    for i, (name, v) in enumerate(values.items()):
        x = np.sort(np.asarray(v, dtype="float64"))[::-1]
        g, t = gini(x), top_share(x, share)
        shares[name] = t
        cum = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
        frac = np.arange(len(cum)) / len(x)
        colour = PALETTE[i % len(PALETTE)]
        label = choose(
            en=f"{name}: top {share:.0%} = {t:.0%}, Gini {g:.2f}",
            ko=f"{_name(name)}: 상위 {share:.0%} = {t:.0%}, 지니 {g:.2f}",
        )
        ax.plot(frac, cum, color=colour, lw=3, label=label)
        ax.plot([share], [t], "o", color=colour, ms=10)
    ax.axvline(share, color="0.6", lw=1, ls=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    if title is None:
        parts = " and ".join(f"{shares[n]:.0%} of {n}'s" for n in shares)
        parts_ko = ", ".join(f"{shares[n]:.0%}({_name(n)})" for n in shares)
        title = choose(
            en=f"The top {share:.0%} of customers bring {parts} value",
            ko=f"상위 {share:.0%} 고객이 가치의 {parts_ko}를 차지합니다",
        )
    return finish(
        ax,
        title,
        choose(
            en="Customers, most valuable first (cumulative share)",
            ko="고객(가치가 높은 순, 누적 비율)",
        ),
        choose(en="Value brought (cumulative share)", ko="고객이 가져온 가치(누적 비율)"),
    )


def peppers_rogers_matrix(
    points: pd.DataFrame,
    *,
    value_col: str = "value",
    needs_col: str = "needs",
    proxy_col: str | None = None,
    value_threshold: float = 0.5,
    needs_threshold: float = 0.1,
    value_label: str | None = None,
    needs_label: str | None = None,
    xlim: tuple[float, float] = (0.0, 0.4),
    ylim: tuple[float, float] = (0.2, 1.0),
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The Peppers & Rogers 2×2 (needs differentiation × value differentiation) with data points.

    Quadrants are shaded and named with the strategy they call for (:data:`helpers.idic.STRATEGIES`);
    the dashed lines are the thresholds. Points are labelled by their index; with ``proxy_col``
    (bool) a point measured with a weaker stand-in is drawn hollow. ``value_label``,
    ``needs_label`` and ``title`` default to the reader's language ("top-20% revenue share",
    "needs index").

    Examples
    --------
    >>> ax = peppers_rogers_matrix(pd.DataFrame({"value": [0.3], "needs": [0.05]}, index=["pump"]))
    >>> ax.texts[-1].get_text()
    'pump'
    """
    if not isinstance(points, pd.DataFrame) or points.empty:
        raise TypeError("points must be a non-empty DataFrame with one row per customer base")
    for col in (value_col, needs_col, proxy_col):
        if col is not None and col not in points.columns:
            raise ValueError(
                f"points has no column {col!r}; its columns are {list(points.columns)}"
            )
    korean = get_language() == "ko"
    if value_label is None:
        value_label = choose(en="top-20% revenue share", ko="상위 20% 매출 비중")
    if needs_label is None:
        needs_label = choose(en="needs index", ko="니즈 지수")
    if title is None:
        title = choose(
            en="Where each customer base sits on the Peppers & Rogers matrix",
            ko="페퍼스와 로저스 매트릭스에서 각 고객 기반의 위치",
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 7.5))
    x0, x1 = xlim
    y0, y1 = ylim
    boxes = {
        "mass": (x0, y0, needs_threshold, value_threshold),
        "niche": (needs_threshold, y0, x1, value_threshold),
        "value-based": (x0, value_threshold, needs_threshold, y1),
        "one-to-one": (needs_threshold, value_threshold, x1, y1),
    }
    for key, (a, b, c, d) in boxes.items():
        colour = _QUADRANT_COLOUR[key]
        ax.add_patch(
            Rectangle((a, b), c - a, d - b, facecolor=colour, alpha=0.10, edgecolor="none")
        )
        s = STRATEGIES[key]
        top = key in ("value-based", "one-to-one")
        chars = max(14, int(80 * (c - a) / (x1 - x0)))  # wrap the label to the quadrant's width
        if korean:  # a Hangul character is about twice as wide as a Latin letter
            wide = max(8, chars // 2)
            label = "\n".join(
                textwrap.wrap(s.korean, wide)
                + textwrap.wrap(f"({s.name})", chars)
                + textwrap.wrap(f"예: {STRATEGY_EXAMPLES_KO[key]}", wide)
            )
        else:
            label = "\n".join(
                textwrap.wrap(s.name, chars)
                + textwrap.wrap(f"({s.korean})", chars)
                + textwrap.wrap(f"e.g. {s.example}", chars)
            )
        ax.text(
            (a + c) / 2,
            d - 0.025 * (y1 - y0) if top else b + 0.025 * (y1 - y0),
            label,
            ha="center",
            va="top" if top else "bottom",
            fontsize=11,
            color=colour,
            fontweight="bold",
        )
    ax.axvline(needs_threshold, color="0.35", ls="--", lw=1.2)
    ax.axhline(value_threshold, color="0.35", ls="--", lw=1.2)
    for i, (name, row) in enumerate(points.iterrows()):  # a handful of labelled points
        hollow = bool(row[proxy_col]) if proxy_col is not None else False
        colour = PALETTE[(i + 4) % len(PALETTE)] if i >= 3 else PALETTE[[5, 3, 7][i]]
        ax.plot(
            row[needs_col],
            row[value_col],
            "o",
            ms=13,
            mfc="white" if hollow else colour,
            mec=colour,
            mew=2.5,
        )
        ax.annotate(
            _name(name),
            (row[needs_col], row[value_col]),
            xytext=(9, -4),
            textcoords="offset points",
            fontsize=12,
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.grid(False)
    return finish(
        ax,
        title,
        choose(
            en=f"Needs differentiation (고객니즈 차별성): {needs_label}",
            ko=f"고객니즈 차별성: {needs_label}",
        ),
        choose(
            en=f"Value differentiation (고객평생가치의 크기): {value_label}",
            ko=f"고객가치 차별성(고객평생가치의 크기): {value_label}",
        ),
    )


def targeting_curves(
    tables: Mapping[str, pd.DataFrame],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    currency: str | None = None,
    scale: float = 1e6,
    gain: bool = False,
) -> Axes:
    """Profit (with its bootstrap interval) against the share of customers contacted, per scorer.

    Parameters
    ----------
    tables : mapping of name → DataFrame
        Outputs of :func:`helpers.idic.targeting_profit`, one per targeting score.
    gain : bool, default False
        Plot the gain over contacting everyone (``vs_everyone`` and its paired interval, with a
        zero line) instead of the profit itself. The paired interval is much narrower than the
        two profits' intervals, because both are computed on the same resamples.

    Examples
    --------
    >>> t = pd.DataFrame({"profit": [5.0, 3.0], "profit_low": [4.0, 2.0], "profit_high": [6.0, 4.0]},
    ...                  index=pd.Index([0.5, 1.0], name="fraction"))
    >>> ax = targeting_curves({"model": t}, scale=1)
    >>> ax.lines[0].get_ydata().tolist()
    [5.0, 3.0]
    """
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError("tables must be a non-empty mapping of name -> targeting_profit table")
    if title is None:
        title = choose(
            en="Profit of contacting the best-scored customers only",
            ko="점수가 가장 높은 고객에게만 접촉할 때의 이익",
        )
    if currency is None:
        currency = choose(en="million KRW", ko="백만 원")
    if ax is None:
        _, ax = plt.subplots()
    col = "vs_everyone" if gain else "profit"
    for i, (name, t) in enumerate(tables.items()):
        missing = {col, f"{col}_low", f"{col}_high"} - set(t.columns)
        if missing:
            raise ValueError(f"table {name!r} lacks {sorted(missing)}; use targeting_profit")
        colour = PALETTE[i % len(PALETTE)]
        x = t.index.to_numpy()
        ax.plot(x, t[col] / scale, "o-", color=colour, lw=2.5, label=_name(name))
        ax.fill_between(
            x, t[f"{col}_low"] / scale, t[f"{col}_high"] / scale, color=colour, alpha=0.15
        )
    if gain:
        ax.axhline(0, color="0.3", lw=1.2, ls="--")
    percent_axis(ax, "x")
    ax.legend(title=choose(en="Who is contacted first", ko="먼저 접촉하는 고객"), loc="best")
    if gain:
        ylabel = choose(
            en=f"Gain over contacting everyone ({currency})",
            ko=f"전원 접촉 대비 추가 이익({currency})",
        )
    else:
        ylabel = choose(en=f"Campaign profit ({currency})", ko=f"캠페인 이익({currency})")
    return finish(
        ax, title, choose(en="Share of customers contacted", ko="접촉한 고객 비율"), ylabel
    )


def decile_margins(
    table: pd.DataFrame,
    *,
    costs: Mapping[str, float] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    currency: str | None = None,
) -> Axes:
    """Bars of expected margin per contact by score decile, with intervals and cost lines.

    Examples
    --------
    >>> t = pd.DataFrame({"margin_per_contact": [50.0, 10.0], "margin_low": [40.0, 5.0],
    ...                   "margin_high": [60.0, 15.0]}, index=pd.Index([1, 2], name="decile"))
    >>> [float(p.get_height()) for p in decile_margins(t, costs={"mail": 20}).patches]
    [50.0, 10.0]
    """
    missing = {"margin_per_contact", "margin_low", "margin_high"} - set(table.columns)
    if missing:
        raise ValueError(f"table lacks {sorted(missing)}; use margin_by_decile")
    if title is None:
        title = choose(
            en="Only the best-scored deciles earn more than a costly contact",
            ko="점수 상위 십분위만 비싼 접촉 비용보다 많이 벌어들입니다",
        )
    if currency is None:
        currency = choose(en="KRW", ko="원")
    if ax is None:
        _, ax = plt.subplots()
    x = np.arange(len(table))
    mid = table["margin_per_contact"].to_numpy()
    err = np.vstack([mid - table["margin_low"].to_numpy(), table["margin_high"].to_numpy() - mid])
    ax.bar(x, mid, color=PALETTE[0], yerr=err, capsize=4, ecolor="0.3")
    ax.set_xticks(x, [str(i) for i in table.index])
    for i, (name, cost) in enumerate((costs or {}).items()):
        ax.axhline(
            cost,
            color=PALETTE[[5, 1, 3][i % 3]],
            ls="--",
            lw=2.5,
            label=choose(
                en=f"{name}: {cost:,.0f} {currency} per contact",
                ko=f"{_name(name)}: 접촉당 {cost:,.0f}{currency}",
            ),
        )
    if costs:
        ax.legend(loc="upper right")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return finish(
        ax,
        title,
        choose(
            en="Score decile (1 = highest predicted response)",
            ko="점수 십분위(1 = 예측 반응률이 가장 높음)",
        ),
        choose(
            en=f"Expected margin per contact ({currency})",
            ko=f"접촉당 기대 마진({currency})",
        ),
    )


def rating_shares(
    reviews: pd.DataFrame,
    *,
    group_col: str = "goods_type",
    rating_col: str = "rating",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Grouped bars: share of each star rating within each group.

    Examples
    --------
    >>> r = pd.DataFrame({"goods_type": ["a", "a", "b"], "rating": [1, 5, 4]})
    >>> ax = rating_shares(r)
    >>> len(ax.patches)
    6
    """
    for col in (group_col, rating_col):
        if col not in reviews.columns:
            raise ValueError(f"reviews has no column {col!r}")
    if title is None:
        title = choose(
            en="Experience goods split their reviewers; search goods get agreement",
            ko="경험제품은 리뷰어의 평가가 갈리고, 탐색제품은 평가가 일치합니다",
        )
    shares = pd.crosstab(reviews[rating_col], reviews[group_col], normalize="columns").sort_index()
    if ax is None:
        _, ax = plt.subplots()
    width = 0.8 / shares.shape[1]
    x = np.arange(len(shares))
    for i, group in enumerate(shares.columns):
        ax.bar(
            x + (i - (shares.shape[1] - 1) / 2) * width,
            shares[group],
            width,
            label=_name(group),
            color=PALETTE[i],
        )
    ax.set_xticks(x, [f"{int(r)}★" for r in shares.index])
    percent_axis(ax, "y")
    ax.legend(title=_legend_title(group_col))
    return finish(
        ax,
        title,
        choose(en="Star rating", ko="별점"),
        choose(en="Share of the group's reviews", ko="그룹 안에서 차지하는 리뷰 비율"),
    )


def _legend_title(column: str) -> str:
    """A column name as a legend title: spaces for underscores, Korean for known names."""
    if get_language() == "ko" and column in KOREAN_NAMES:
        return KOREAN_NAMES[column]
    return column.replace("_", " ")


def conversion_by_reviews(
    table: pd.DataFrame,
    *,
    group_level: str = "goods_type",
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Conversion rate (with Wilson intervals) by bucket, one line per group.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.goods.conversion_by_bucket` with ``by=group_level``.

    Examples
    --------
    >>> t = pd.DataFrame({"rate": [0.2, 0.3], "rate_low": [0.1, 0.2], "rate_high": [0.3, 0.4]},
    ...                  index=pd.MultiIndex.from_tuples([("e", "0"), ("e", "1+")], names=["goods_type", "b"]))
    >>> conversion_by_reviews(t).lines[0].get_ydata().tolist()
    [0.2, 0.3]
    """
    if not isinstance(table.index, pd.MultiIndex) or group_level not in table.index.names:
        raise ValueError(
            f"table must be indexed by ({group_level!r}, bucket); use conversion_by_bucket(by=...)"
        )
    if title is None:
        title = choose(
            en="More earlier reviews, more purchases, most steeply for experience goods",
            ko="앞선 리뷰가 많을수록 구매도 많고, 경험제품에서 가장 가파릅니다",
        )
    if xlabel is None:
        xlabel = choose(en="Reviews published before the session", ko="세션 이전에 게시된 리뷰 수")
    if ax is None:
        _, ax = plt.subplots()
    groups = table.index.get_level_values(group_level).unique()
    for i, g in enumerate(groups):
        t = table.xs(g, level=group_level)
        x = np.arange(len(t)) + (i - (len(groups) - 1) / 2) * 0.06
        err = np.vstack([t["rate"] - t["rate_low"], t["rate_high"] - t["rate"]])
        ax.errorbar(
            x,
            t["rate"].to_numpy(),
            yerr=err,
            fmt="o-",
            lw=2.5,
            ms=8,
            capsize=4,
            color=PALETTE[i],
            label=_name(g),
        )
        ax.set_xticks(np.arange(len(t)), [str(b) for b in t.index])
    percent_axis(ax, "y")
    ax.legend(title=_legend_title(group_level))
    return finish(
        ax,
        title,
        xlabel,
        choose(
            en="Sessions that bought (weighted %, 95% CI)",
            ko="구매로 이어진 세션(가중 %, 95% 신뢰구간)",
        ),
    )


def targeting_what_if(
    responded: pd.Series | np.ndarray,
    revenue: pd.Series | np.ndarray,
    scores: Mapping[str, pd.Series | np.ndarray],
    *,
    cost: float = 20.0,
    margin: float = 0.25,
    currency: str | None = None,
):
    """An ipywidgets what-if: cost per contact and margin → profit of targeting vs everyone.

    Moving a slider recomputes :func:`helpers.idic.targeting_profit` for each score (point
    estimates; the notebook shows the intervals) and redraws a small table: profit of contacting
    the top 10%, 20%, 30%, 50%, 70% or everyone, and the most profitable share.

    Returns
    -------
    ipywidgets.HBox
        Sliders on the left, the table on the right.

    Examples
    --------
    >>> box = targeting_what_if([1, 0, 0, 1], [10.0, 0, 0, 5.0], {"m": [4, 3, 2, 1]})  # doctest: +SKIP
    >>> [s.description for s in box.children[0].children]  # doctest: +SKIP
    ['Cost/contact', 'Margin']
    """
    from helpers.idic import targeting_profit

    if not isinstance(scores, Mapping) or not scores:
        raise TypeError("scores must be a non-empty mapping of name -> score per contact")
    if currency is None:
        currency = choose(en="KRW", ko="원")

    def render(values: dict[str, float]) -> pd.DataFrame:
        rows = {}
        for name, score in scores.items():
            t = targeting_profit(
                responded,
                revenue,
                score,
                cost_per_contact=values["cost"],
                margin=values["margin"],
                n_boot=10,
            )
            row = (t["profit"] / 1e6).round(1).astype(object)
            row.index = [
                choose(en=f"top {f:.0%}", ko=f"상위 {f:.0%}")
                if f < 1
                else choose(en="everyone", ko="전원")
                for f in t.index
            ]
            row[choose(en="best share", ko="최적 비율")] = f"{t['profit'].idxmax():.0%}"
            rows[_name(name)] = row
        table = pd.DataFrame(rows).T
        table.columns.name = choose(en=f"profit (million {currency})", ko=f"이익(백만 {currency})")
        return table

    return what_if_box(
        {
            "cost": (choose(en="Cost/contact", ko="접촉당 비용"), cost, 0.0, 5000.0, 10.0, ",.0f"),
            "margin": (choose(en="Margin", ko="마진율"), margin, 0.05, 0.6, 0.01, ".0%"),
        },
        render,
        label_width="100px",
    )


def quadrant_what_if(
    points: pd.DataFrame,
    *,
    value_col: str = "value",
    needs_col: str = "needs",
    value_threshold: float = 0.5,
    needs_threshold: float = 0.1,
):
    """An ipywidgets what-if: move the two thresholds of the matrix and see the verdicts change.

    Returns
    -------
    ipywidgets.HBox
        Two sliders and a table of each point's quadrant and strategy.

    Examples
    --------
    >>> box = quadrant_what_if(pd.DataFrame({"value": [0.7], "needs": [0.2]}, index=["x"]))  # doctest: +SKIP
    >>> [s.description for s in box.children[0].children]  # doctest: +SKIP
    ['Value line', 'Needs line']
    """
    from helpers.idic import peppers_rogers_quadrant

    for col in (value_col, needs_col):
        if col not in points.columns:
            raise ValueError(f"points has no column {col!r}")

    def render(values: dict[str, float]) -> pd.DataFrame:
        quadrant = peppers_rogers_quadrant(
            points[value_col].astype(float),
            points[needs_col].astype(float),
            value_threshold=values["value"],
            needs_threshold=values["needs"],
        )
        korean = get_language() == "ko"
        table = pd.DataFrame(
            {
                choose(en="value", ko="가치"): points[value_col].astype(float).round(2),
                choose(en="needs", ko="니즈"): points[needs_col].astype(float).round(2),
                choose(en="strategy", ko="전략"): quadrant.map(
                    lambda q: STRATEGIES[q].korean if korean else STRATEGIES[q].name
                ),
            }
        )
        if korean:
            table.index = [_name(i) for i in table.index]
        return table

    return what_if_box(
        {
            "value": (
                choose(en="Value line", ko="가치 기준선"),
                value_threshold,
                0.2,
                0.9,
                0.05,
                ".2f",
            ),
            "needs": (
                choose(en="Needs line", ko="니즈 기준선"),
                needs_threshold,
                0.0,
                0.4,
                0.01,
                ".2f",
            ),
        },
        render,
        label_width="100px",
    )


def uplift_deciles(
    tables: Mapping[str, pd.DataFrame],
    *,
    truth: Mapping[str, pd.Series] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Grouped bars of the measured uplift per decile (with intervals), one group per score.

    ``tables`` maps a score's name to its :func:`helpers.uplift.uplift_by_decile` table;
    ``truth`` (optional) maps the same names to the mean *true* uplift per decile, drawn as dots.

    Examples
    --------
    >>> t = pd.DataFrame({"uplift": [0.05, 0.01], "uplift_low": [0.03, -0.01],
    ...                   "uplift_high": [0.07, 0.03]}, index=pd.Index([1, 2], name="decile"))
    >>> [round(float(p.get_height()), 2) for p in uplift_deciles({"model": t}).patches]
    [0.05, 0.01]
    """
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError("tables must be a non-empty mapping of name -> uplift_by_decile table")
    for name, t in tables.items():
        missing = {"uplift", "uplift_low", "uplift_high"} - set(t.columns)
        if missing:
            raise ValueError(f"table {name!r} lacks {sorted(missing)}; use uplift_by_decile")
    if title is None:
        title = choose(en="Uplift by score decile", ko="점수 십분위별 증분 효과")
    if ax is None:
        _, ax = plt.subplots(figsize=(8.8, 4.4))
    width = 0.8 / len(tables)
    for i, (name, t) in enumerate(tables.items()):
        x = np.arange(len(t)) + (i - (len(tables) - 1) / 2) * width
        mid = t["uplift"].to_numpy()
        err = np.vstack([mid - t["uplift_low"].to_numpy(), t["uplift_high"].to_numpy() - mid])
        colour = PALETTE[i % len(PALETTE)]
        ax.bar(
            x, mid, width=width, color=colour, yerr=err, capsize=3, ecolor="0.3", label=_name(name)
        )
        if truth is not None and name in truth:
            ax.plot(
                x,
                np.asarray(truth[name], dtype=float),
                "D",
                color="0.1",
                ms=5,
                label=choose(en="true uplift (recorded)", ko="실제 증분 효과(기록값)")
                if i == 0
                else None,
            )
    first = next(iter(tables.values()))
    ax.set_xticks(np.arange(len(first)), [str(i) for i in first.index])
    ax.axhline(0, color="0.3", lw=1)
    percent_axis(ax, "y")
    ax.legend(loc="upper right")
    return finish(
        ax,
        title,
        choose(en="Score decile (1 = contacted first)", ko="점수 십분위(1 = 가장 먼저 접촉)"),
        choose(
            en="Uplift: treated − control conversion (% points)",
            ko="증분 효과(처치 − 통제 전환율, %p)",
        ),
    )


def qini_curves(
    curves: Mapping[str, pd.DataFrame],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Qini curves of several scores on the same customers, with the random-targeting line.

    ``curves`` maps a score's name to its :func:`helpers.uplift.qini_curve` table.

    Examples
    --------
    >>> c = pd.DataFrame({"share": [0, 0.5, 1.0], "qini": [0, 3.0, 2.0], "random": [0, 1.0, 2.0]})
    >>> [line.get_label() for line in qini_curves({"model": c}).lines][:2]
    ['model', 'random targeting']
    """
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError("curves must be a non-empty mapping of name -> qini_curve table")
    if title is None:
        title = choose(
            en="Qini curves: incremental conversions as more customers are contacted",
            ko="Qini 곡선: 접촉 고객을 늘릴수록 쌓이는 증분 전환",
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, 4.6))
    for i, (name, c) in enumerate(curves.items()):
        missing = {"share", "qini", "random"} - set(c.columns)
        if missing:
            raise ValueError(f"curve {name!r} lacks {sorted(missing)}; use qini_curve")
        ax.plot(c["share"], c["qini"], color=PALETTE[i % len(PALETTE)], lw=2.4, label=_name(name))
    last = next(iter(curves.values()))
    ax.plot(
        last["share"],
        last["random"],
        color="0.4",
        ls="--",
        lw=1.5,
        label=choose(en="random targeting", ko="무작위 타기팅"),
    )
    ax.axhline(0, color="0.6", lw=0.8)
    percent_axis(ax, "x")
    ax.legend(loc="best")
    return finish(
        ax,
        title,
        choose(
            en="Share of customers contacted (ranked by the score)",
            ko="접촉한 고객 비율(점수 순)",
        ),
        choose(en="Incremental conversions (Qini)", ko="증분 전환 수(Qini)"),
    )


def incremental_profit_curves(
    tables: Mapping[str, pd.DataFrame],
    *,
    naive: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    scale: float = 1e6,
    currency: str | None = None,
) -> Axes:
    """Incremental profit (with its interval) against mailing depth, one line per score.

    ``tables`` maps names to :func:`helpers.uplift.incremental_profit_by_depth` tables; with
    ``naive`` set to one of the names, that table's ``naive_profit`` (every response counted as
    caused by the campaign) is drawn dotted for comparison.

    Examples
    --------
    >>> t = pd.DataFrame({"incremental_profit": [2e6, 1e6], "profit_low": [1e6, 0.0],
    ...                   "profit_high": [3e6, 2e6], "naive_profit": [4e6, 5e6]},
    ...                  index=pd.Index([0.5, 1.0], name="depth"))
    >>> len(incremental_profit_curves({"model": t}, naive="model").lines)
    3
    """
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError("tables must be a non-empty mapping of name -> incremental_profit table")
    if naive is not None and naive not in tables:
        raise ValueError(f"naive={naive!r} is not one of the tables: {list(tables)}")
    if title is None:
        title = choose(en="Incremental profit by mailing depth", ko="발송 깊이별 증분 이익")
    if currency is None:
        currency = choose(en="million KRW", ko="백만 원")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, 4.6))
    for i, (name, t) in enumerate(tables.items()):
        missing = {"incremental_profit", "profit_low", "profit_high"} - set(t.columns)
        if missing:
            raise ValueError(
                f"table {name!r} lacks {sorted(missing)}; use incremental_profit_by_depth"
            )
        colour = PALETTE[i % len(PALETTE)]
        x = np.r_[0.0, t.index.to_numpy(dtype=float)]
        ax.plot(
            x,
            np.r_[0.0, t["incremental_profit"]] / scale,
            color=colour,
            lw=2.4,
            marker="o",
            ms=4,
            label=_name(name),
        )
        ax.fill_between(
            x,
            np.r_[0.0, t["profit_low"]] / scale,
            np.r_[0.0, t["profit_high"]] / scale,
            color=colour,
            alpha=0.15,
        )
    if naive is not None:
        t = tables[naive]
        x = np.r_[0.0, t.index.to_numpy(dtype=float)]
        ax.plot(
            x,
            np.r_[0.0, t["naive_profit"]] / scale,
            color="0.35",
            ls=":",
            lw=2,
            label=choose(
                en=f"{naive}, every response counted",
                ko=f"{_name(naive)}, 모든 반응을 성과로 계산",
            ),
        )
    ax.axhline(0, color="0.3", lw=1, ls="--")
    percent_axis(ax, "x")
    ax.legend(loc="best")
    return finish(
        ax,
        title,
        choose(
            en="Share of customers contacted (mailing depth)",
            ko="접촉한 고객 비율(발송 깊이)",
        ),
        choose(en=f"Incremental profit ({currency})", ko=f"증분 이익({currency})"),
    )
