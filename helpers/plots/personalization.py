"""Figures of notebook 05: the four faces of customization, variety, recommendations, privacy.

Every figure function returns its Axes so tests can check what the figure shows;
:func:`k_anonymity_what_if` returns a what-if widget for class. Titles, labels, legends and the
slider speak the reader's language (:func:`helpers.language.choose`, evaluated at call time).

Examples
--------
>>> from helpers.plots.personalization import four_faces
>>> ax = four_faces()
>>> ax.get_xlabel()
'Does the product change? (제품의 변화)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from helpers.language import choose, get_language
from helpers.personalization import APPROACH_AXES, APPROACH_KO, APPROACHES, case_name
from helpers.plots import PALETTE, finish, percent_axis, what_if_box
from helpers.privacy import k_anonymity

__all__ = [
    "four_faces",
    "approach_map",
    "coverage_curve",
    "hit_rate_bars",
    "group_sizes",
    "profile_heatmap",
    "k_anonymity_what_if",
    "mix_vs_null",
]

_FACE_COLOUR = dict(zip(APPROACHES, PALETTE[:4], strict=True))
_FACE_TEXT = {
    "collaborative": "dialogue: the customer\nspecifies, the firm makes",
    "adaptive": "one standard product\nthe customer adjusts",
    "cosmetic": "same product,\npresented per customer",
    "transparent": "product tailored quietly\nfrom observed behaviour",
}
_FACE_TEXT_KO = {
    "collaborative": "대화: 고객이 사양을 정하고\n기업이 만든다",
    "adaptive": "고객이 스스로 조정하는\n하나의 표준 제품",
    "cosmetic": "같은 제품을\n고객마다 다르게 보여 준다",
    "transparent": "관찰한 행동으로\n조용히 맞춘 제품",
}
# Korean names of the shop's categories and of the recommenders of evaluate_recommenders, for
# figure labels in the Korean edition (the data keep their English values)
_CATEGORY_KO = {
    "beauty": "뷰티",
    "books": "도서",
    "electronics": "전자제품",
    "fashion": "패션",
    "food": "식품",
    "home_living": "홈·리빙",
    "kids": "유아동",
    "sports": "스포츠",
}
# Korean names of the shop's regions and age bands, for the group labels of group_sizes
_GROUP_KO = {
    "Seoul": "서울",
    "Gyeonggi": "경기",
    "Busan": "부산",
    "Incheon": "인천",
    "Daegu": "대구",
    "Daejeon": "대전",
    "Gwangju": "광주",
    "Other": "기타 지역",
    "10s": "10대",
    "20s": "20대",
    "30s": "30대",
    "40s": "40대",
    "50s": "50대",
    "60+": "60대 이상",
}
_METHOD_KO = {
    "popularity": "인기 상품",
    "purchases only": "구매 기록만",
    "browsing only": "탐색 기록만",
    "browsing + purchases": "탐색 + 구매",
    "item-item cosine": "아이템 간 코사인",
}


def _face_name(face: str) -> str:
    """'Collaborative (협동형)' in English, '협동형 (collaborative)' in Korean."""
    return choose(
        en=f"{face.capitalize()} ({APPROACH_KO[face]})", ko=f"{APPROACH_KO[face]} ({face})"
    )


def _label(value: object, korean: Mapping[str, str]) -> str:
    """A data value as a figure label: its Korean name in the Korean edition, if it has one."""
    text = str(value)
    return choose(en=text, ko=korean.get(text, text))


def four_faces(
    cases: pd.DataFrame | None = None,
    *,
    approach_col: str = "approach",
    ax: Axes | None = None,
    title: str | None = None,
    max_cases: int = 4,
) -> Axes:
    """Gilmore & Pine's (1997) 2×2, optionally with named cases listed in their quadrant.

    x axis: does the product change? y axis: does its representation change?

    Parameters
    ----------
    cases : pandas.DataFrame, optional
        Indexed by case name, with an ``approach`` column (e.g. from
        :func:`helpers.personalization.place_offerings`).
    title : str, optional
        Defaults to a title in the reader's language.
    max_cases : int, default 4
        Case names listed per quadrant at most (the rest are counted).

    Examples
    --------
    >>> len(four_faces().patches)
    4
    """
    if cases is not None:
        if approach_col not in cases.columns:
            raise ValueError(f"cases needs an {approach_col!r} column (use place_offerings)")
        unknown = set(cases[approach_col]) - set(APPROACHES)
        if unknown:
            raise ValueError(f"unknown approach(es) {sorted(unknown)}; expected {APPROACHES}")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7.5))
    for face in APPROACHES:
        product, representation = APPROACH_AXES[face]
        x0, y0 = int(product), int(representation)
        ax.add_patch(
            Rectangle(
                (x0, y0), 1, 1, facecolor=_FACE_COLOUR[face], alpha=0.18, edgecolor="white", lw=4
            )
        )
        ax.text(
            x0 + 0.5,
            y0 + 0.84,
            _face_name(face),
            ha="center",
            va="center",
            fontsize=16,
            fontweight="bold",
            color=_FACE_COLOUR[face],
        )
        ax.text(
            x0 + 0.5,
            y0 + 0.64,
            choose(en=_FACE_TEXT[face], ko=_FACE_TEXT_KO[face]),
            ha="center",
            va="center",
            fontsize=12,
            color="0.25",
        )
        if cases is not None:
            names = [case_name(n) for n in cases.index[cases[approach_col] == face]]
            shown = names[:max_cases] + (
                [
                    choose(
                        en=f"… and {len(names) - max_cases} more",
                        ko=f"… 외 {len(names) - max_cases}개",
                    )
                ]
                if len(names) > max_cases
                else []
            )
            ax.text(
                x0 + 0.5,
                y0 + 0.28,
                "\n".join(f"• {n}" for n in shown) if shown else "",
                ha="center",
                va="center",
                fontsize=11,
                color="0.1",
            )
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks(
        [0.5, 1.5],
        [
            choose(en="No: standard product", ko="아니요: 표준 제품"),
            choose(en="Yes: product customized", ko="예: 제품을 고객화"),
        ],
    )
    ax.set_yticks(
        [0.5, 1.5],
        [
            choose(en="No: standard\npresentation", ko="아니요:\n표준 표현"),
            choose(en="Yes: presentation\ncustomized", ko="예: 표현을\n고객화"),
        ],
    )
    ax.grid(False)
    ax.tick_params(length=0)
    if title is None:
        title = choose(
            en="Gilmore & Pine's four faces: what changes decides the approach",
            ko="길모어와 파인의 네 가지 유형: 무엇이 바뀌는지가 유형을 정합니다",
        )
    return finish(
        ax,
        title,
        choose(en="Does the product change? (제품의 변화)", ko="제품이 바뀌는가? (product)"),
        choose(
            en="Does the representation change? (표현의 변화)",
            ko="표현이 바뀌는가? (representation)",
        ),
    )


def approach_map(
    points: pd.DataFrame,
    *,
    threshold: float = 0.1,
    x_col: str = "what",
    y_col: str = "how",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Place data points (e.g. the shop, its segments) on the 2×2 by measured heterogeneity.

    x = how much customers differ in *what* they want (→ change the product), y = how much they
    differ in *how* they want it presented (→ change the representation), each an index in 0–1
    (e.g. the needs index of :func:`helpers.idic.needs_differentiation`). Both axes use a
    square-root scale so the region below a small threshold stays readable; the dashed lines mark
    the threshold.

    Examples
    --------
    >>> ax = approach_map(pd.DataFrame({"what": [0.3], "how": [0.05]}, index=["shop"]))
    >>> [t.get_text() for t in ax.texts][-1]
    'shop'
    """
    for col in (x_col, y_col):
        if col not in points.columns:
            raise ValueError(f"points needs a {col!r} column")
    values = points[[x_col, y_col]].to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any() or (values > 1).any():
        raise ValueError("points must hold indices between 0 and 1")
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    for axis in ("x", "y"):
        getattr(ax, f"set_{axis}scale")("function", functions=(np.sqrt, np.square))
    ticks = [0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0]  # 0.05 and 0.1 collide on the √ scale
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    for face in APPROACHES:
        product, representation = APPROACH_AXES[face]
        x0, x1 = (threshold, 1.0) if product else (0.0, threshold)
        y0, y1 = (threshold, 1.0) if representation else (0.0, threshold)
        ax.add_patch(
            Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=_FACE_COLOUR[face], alpha=0.12, lw=0)
        )
        # labels sit along the threshold lines, away from the corners where data points tend to lie
        xt = np.square(np.sqrt(x1) - 0.02) if product else np.square(np.sqrt(x0) + 0.02)
        yt = np.square(np.sqrt(threshold) + (0.02 if representation else -0.02))
        ax.text(
            xt,
            yt,
            choose(en=f"{face} ({APPROACH_KO[face]})", ko=f"{APPROACH_KO[face]} ({face})"),
            ha="right" if product else "left",
            va="bottom" if representation else "top",
            fontsize=13,
            fontweight="bold",
            color=_FACE_COLOUR[face],
        )
    ax.axvline(threshold, color="0.4", ls="--", lw=1)
    ax.axhline(threshold, color="0.4", ls="--", lw=1)
    ax.scatter(points[x_col], points[y_col], s=120, color=PALETTE[7], zorder=3, clip_on=False)
    for name, row in points.iterrows():
        ax.annotate(
            str(name),
            (row[x_col], row[y_col]),
            xytext=(8, 6),
            textcoords="offset points",
            fontsize=12,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    if title is None:
        title = choose(
            en="Where customer differences point in the 2×2", ko="고객 간 차이가 가리키는 2×2의 칸"
        )
    return finish(
        ax,
        title,
        choose(
            en="Customers differ in WHAT they buy (needs index, 0–1, √ scale)",
            ko="고객이 무엇을 사는지의 차이 (니즈 지수, 0–1, √ 눈금)",
        ),
        choose(
            en="Differ in HOW they shop (needs index, 0–1, √ scale)",
            ko="어떻게 쇼핑하는지의 차이 (니즈 지수, 0–1, √ 눈금)",
        ),
    )


def coverage_curve(
    coverage: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    item_label: str | None = None,
    need_share: float = 0.8,
    null: pd.DataFrame | None = None,
) -> Axes:
    """Demand covered and customers served against assortment breadth (Kahn's variety).

    ``need_share`` is the value given to ``assortment_coverage``; it only labels the second line.
    ``null`` (optional) is the same table computed on a homogeneous-taste null
    (:func:`helpers.personalization.homogeneous_taste_null`); its customers-served curve is drawn
    dashed, so the gap between the two curves is what heterogeneity adds. ``title`` and
    ``item_label`` (default "products") default to the reader's language.

    Examples
    --------
    >>> cov = pd.DataFrame({"breadth_share": [0.5, 1.0], "demand_covered": [0.7, 1.0],
    ...                     "customers_served": [0.4, 1.0]}, index=pd.Index([1, 2], name="breadth"))
    >>> len(coverage_curve(cov).lines)  # the two curves and the diagonal
    3
    """
    needed = {"breadth_share", "demand_covered", "customers_served"}
    if not needed <= set(coverage.columns):
        raise ValueError(f"coverage needs columns {sorted(needed)} (from assortment_coverage)")
    if ax is None:
        _, ax = plt.subplots()
    ax.plot(
        coverage["breadth_share"],
        coverage["demand_covered"],
        color=PALETTE[0],
        lw=3,
        label=choose(en="share of all demand covered", ko="전체 수요 가운데 채운 비율"),
    )
    ax.plot(
        coverage["breadth_share"],
        coverage["customers_served"],
        color=PALETTE[1],
        lw=3,
        label=choose(
            en=f"share of customers with ≥ {need_share:.0%} of their purchases covered",
            ko=f"구매의 {need_share:.0%} 이상을 채워 주는 고객의 비율",
        ),
    )
    if null is not None:
        if not needed <= set(null.columns):
            raise ValueError(f"null needs columns {sorted(needed)} (from assortment_coverage)")
        ax.plot(
            null["breadth_share"],
            null["customers_served"],
            color=PALETTE[1],
            lw=2,
            ls="--",
            label=choose(
                en="customers served if everyone had the same taste (null)",
                ko="모두의 취향이 같을 때 채워 주는 고객 (귀무모형)",
            ),
        )
    ax.plot([0, 1], [0, 1], color="0.6", ls=":", lw=1.5)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    if title is None:
        title = choose(
            en="A broader assortment serves more customers fully",
            ko="구색이 넓을수록 필요를 온전히 채워 주는 고객이 많아집니다",
        )
    if item_label is None:
        item_label = choose(en="products", ko="상품")
    return finish(
        ax,
        title,
        choose(
            en=f"Assortment breadth (% of {item_label}, most popular first)",
            ko=f"구색의 폭 ({item_label}의 %, 인기순)",
        ),
        choose(en="Share (%)", ko="비율 (%)"),
    )


def hit_rate_bars(
    results: pd.DataFrame,
    *,
    metric: str = "hit_rate",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Grouped bars of a metric by k (x) and method (colour).

    Parameters
    ----------
    results : pandas.DataFrame
        Columns ``method``, ``k`` and the metric (one row per method and k).

    Examples
    --------
    >>> r = pd.DataFrame({"method": ["a", "b"], "k": [1, 1], "hit_rate": [0.2, 0.3]})
    >>> [round(float(p.get_height()), 2) for p in hit_rate_bars(r).patches]
    [0.2, 0.3]
    """
    for col in ("method", "k", metric):
        if col not in results.columns:
            raise ValueError(f"results needs a {col!r} column")
    order = list(pd.unique(results["method"]))  # keep the caller's order of methods
    table = results.pivot(index="k", columns="method", values=metric).sort_index()[order]
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 5.5))
    width = 0.8 / table.shape[1]
    x = np.arange(len(table))
    for i, method in enumerate(table.columns):
        bars = ax.bar(
            x + (i - (table.shape[1] - 1) / 2) * width,
            table[method],
            width,
            label=_label(method, _METHOD_KO),
            color=PALETTE[i],
        )
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in table[method]], padding=2, fontsize=11)
    ax.set_xticks(x, [f"k = {k}" for k in table.index])
    ax.set_ylim(0, min(1.0, float(table.to_numpy().max()) * 1.2))
    percent_axis(ax, "y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=choose(en="Method", ko="방법"))
    label = {
        "hit_rate": choose(en="Hit rate@k (% of customers)", ko="적중률@k (고객의 %)"),
        "recall": choose(
            en="Recall@k (% of held-out categories)", ko="재현율@k (평가용 카테고리의 %)"
        ),
    }
    if title is None:
        title = choose(
            en="Personalized recommendations beat the popularity list",
            ko="개인화 추천이 인기 상품 목록을 이깁니다",
        )
    return finish(
        ax,
        title,
        choose(en="Length of the recommendation list", ko="추천 목록의 길이"),
        label.get(metric, metric),
    )


def group_sizes(
    groups: pd.Series,
    *,
    k: int,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Horizontal bars of quasi-identifier group sizes with the required k marked.

    Examples
    --------
    >>> g = pd.Series([3, 9], index=["A · 20s", "B · 30s"])
    >>> group_sizes(g, k=5).get_title(loc="left").startswith("1 of 2")
    True
    """
    if not isinstance(groups, pd.Series) or groups.empty:
        raise ValueError("groups must be a non-empty Series of group sizes")
    if isinstance(groups.index, pd.MultiIndex):
        groups = groups.set_axis(
            [" · ".join(_label(v, _GROUP_KO) for v in t) for t in groups.index]
        )
    ordered = groups.sort_values(kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(4.0, 0.28 * len(ordered) + 1.5)))
    colours = [PALETTE[5] if v < k else PALETTE[0] for v in ordered]
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color=colours)
    ax.invert_yaxis()  # smallest group on top
    ax.axvline(k, color="0.2", ls="--", lw=1.5)
    ax.text(
        k,
        0.02,
        f" k = {k} ",
        transform=ax.get_xaxis_transform(),
        fontsize=12,
        va="bottom",
        bbox={"facecolor": "white", "edgecolor": "0.2", "boxstyle": "round,pad=0.2"},
    )
    n_bad = int((ordered < k).sum())
    if title is None:
        title = choose(
            en=f"{n_bad} of {len(ordered)} groups are smaller than k = {k}",
            ko=f"집단 {len(ordered)}개 가운데 {n_bad}개가 k = {k}보다 작습니다",
        )
    ax.tick_params(axis="y", labelsize=12)
    return finish(ax, title, choose(en="People in the group (count)", ko="집단의 인원 (명)"), None)


def profile_heatmap(
    profiles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    ylabel: str | None = None,
    label_from: float = 0.15,
) -> Axes:
    """Heat map of interest shares (rows = visitors, columns = categories).

    The colour scale ends at the largest share (rounded up to a tenth) so that differences stay
    visible on a projector; shares of at least ``label_from`` are also written in their cell.
    ``title`` and ``ylabel`` (default "Cookie") default to the reader's language, and the shop's
    categories are named in it.

    Examples
    --------
    >>> p = pd.DataFrame({"a": [1.0, 0.2], "b": [0.0, 0.8]}, index=["c1", "c2"])
    >>> profile_heatmap(p).get_xlabel()
    'Category viewed'
    """
    if not isinstance(profiles, pd.DataFrame) or profiles.empty:
        raise ValueError("profiles must be a non-empty DataFrame of shares")
    values = profiles.to_numpy(dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, max(4.0, 0.32 * len(profiles) + 1.5)))
    top = min(1.0, float(np.ceil(np.nanmax(values) * 10) / 10)) or 1.0
    im = ax.imshow(values, aspect="auto", cmap="viridis", vmin=0, vmax=top)
    rows, cols = np.nonzero(values >= label_from)
    for r, c in zip(rows, cols, strict=True):
        v = values[r, c]
        ax.text(
            c,
            r,
            f"{v:.0%}",
            ha="center",
            va="center",
            fontsize=10,
            color="black" if v > 0.6 * top else "white",
        )
    ax.set_xticks(
        range(profiles.shape[1]),
        [_label(c, _CATEGORY_KO) for c in profiles.columns],
        rotation=30,
        ha="right",
    )
    ax.set_yticks(range(len(profiles)), [str(i) for i in profiles.index], fontsize=10)
    ax.grid(False)
    colour_bar = plt.colorbar(im, ax=ax, format=lambda v, _: f"{v:.0%}")
    # the Hangul label sits closer to the tick labels than the Latin one: give it room
    colour_bar.set_label(
        choose(en="Share of the cookie's sessions", ko="쿠키의 세션 가운데 비율"),
        labelpad=12 if get_language() == "ko" else None,
    )
    if title is None:
        title = choose(
            en="Each cookie leaves a different trail of interests",
            ko="쿠키마다 서로 다른 관심의 흔적을 남깁니다",
        )
    if ylabel is None:
        ylabel = choose(en="Cookie", ko="쿠키")
    return finish(ax, title, choose(en="Category viewed", ko="조회한 카테고리"), ylabel)


def k_anonymity_what_if(
    data: pd.DataFrame,
    column_sets: Mapping[str, Sequence[str]],
    *,
    k: int = 10,
    k_max: int = 30,
):
    """What-if for class: move the required k and see what each set of shared columns would cost.

    For every named set of quasi-identifiers the table shows the list's own k (its smallest group),
    how many groups fall below the required k, and how many people sit in them, i.e. would have to
    be suppressed or merged before the list may be shared.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person (e.g. the consented customers).
    column_sets : mapping of name -> list of column names
        The alternatives to compare, e.g. ``{"region × age band": ["region", "age_band"]}``.
    k : int, default 10
        The slider's starting value.
    k_max : int, default 30
        The slider's largest value.

    Returns
    -------
    ipywidgets.HBox

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["A", "A", "B"], "age_band": ["20s", "20s", "30s"]})
    >>> box = k_anonymity_what_if(df, {"region × age": ["region", "age_band"]}, k=2, k_max=5)
    >>> box.children[0].children[0].description
    'Required k'
    """
    if not column_sets:
        raise ValueError("column_sets is empty: name at least one set of quasi-identifiers")
    if isinstance(k, bool) or not isinstance(k, int) or not 2 <= k <= k_max:
        raise ValueError(f"k must be a whole number between 2 and k_max={k_max}, got {k!r}")
    sizes = {name: k_anonymity(data, list(cols), k=1).groups for name, cols in column_sets.items()}

    columns = [
        choose(en="list's k", ko="목록의 k"),
        choose(en="groups", ko="집단 수"),
        choose(en="below k", ko="k 미만 집단"),
        choose(en="people in them", ko="그 집단의 인원"),
        choose(en="share of list", ko="목록에서의 비율"),
    ]
    required = choose(en="required k = {need}", ko="요구하는 k = {need}")

    def render(values: dict[str, float]) -> pd.DataFrame:
        need = int(round(values["k"]))
        rows = {
            name: dict(
                zip(
                    columns,
                    [
                        int(g.min()),
                        len(g),
                        int((g < need).sum()),
                        int(g[g < need].sum()),
                        round(float(g[g < need].sum() / g.sum()), 3),
                    ],
                    strict=True,
                )
            )
            for name, g in sizes.items()
        }
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis(required.format(need=need))

    return what_if_box(
        {"k": (choose(en="Required k", ko="요구하는 k"), float(k), 2.0, float(k_max), 1.0, ".0f")},
        render,
    )


def mix_vs_null(
    observed: pd.Series,
    null: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Side-by-side bars of a distribution on the data and on its null model (shares).

    Examples
    --------
    >>> o = pd.Series([0.5, 0.5], index=[1, 2]); n = pd.Series([0.2, 0.8], index=[1, 2])
    >>> [round(float(p.get_height()), 1) for p in mix_vs_null(o, n).patches]
    [0.5, 0.5, 0.2, 0.8]
    """
    if not isinstance(observed, pd.Series) or not isinstance(null, pd.Series):
        raise TypeError("observed and null must be Series of shares indexed by the value")
    index = observed.index.union(null.index).sort_values()
    o, n = observed.reindex(index, fill_value=0), null.reindex(index, fill_value=0)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, 4))
    x = np.arange(len(index))
    ax.bar(
        x - 0.2,
        o,
        0.4,
        color=PALETTE[0],
        label=choose(en="customers as observed", ko="관측된 고객"),
    )
    ax.bar(
        x + 0.2,
        n,
        0.4,
        color="0.65",
        label=choose(
            en="same customers, identical tastes (null)", ko="같은 고객, 똑같은 취향 (귀무모형)"
        ),
    )
    ax.set_xticks(x, [str(i) for i in index])
    percent_axis(ax, "y")
    # headroom above the tallest bar so the legend never sits on a bar
    ax.set_ylim(0, 1.4 * float(max(o.max(), n.max(), 1e-9)))
    ax.legend(loc="upper left", ncols=2)
    if title is None:
        title = choose(
            en="Real customers against customers with identical tastes",
            ko="실제 고객과 취향이 똑같은 고객의 비교",
        )
    if xlabel is None:
        xlabel = choose(en="Categories bought from (count)", ko="구매한 카테고리 수 (개)")
    return finish(ax, title, xlabel, choose(en="Share of customers (%)", ko="고객의 비율 (%)"))
