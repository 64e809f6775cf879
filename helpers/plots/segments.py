"""Figures of notebook 07 (customer segmentation): shares, k choice, profiles, Pareto, migration, strategy map.

Every function returns its Axes (or an array of Axes) so tests can check what a figure shows.
Titles, labels, legends and widget texts speak the reader's language (:mod:`helpers.language`):
English with the course's Korean terms in the English edition, Korean in the Korean edition.

Examples
--------
>>> import pandas as pd
>>> from helpers.segments import strategy_map
>>> ax = strategy_map_chart(strategy_map())
>>> ax.get_xlabel()
'Dependence on segmentation (세분화와의 상관관계)'
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from helpers.language import choose, get_language
from helpers.plots import PALETTE, finish, percent_axis, what_if_box
from helpers.segments import DEPENDENCE_LEVELS, STRATEGY_GROUPS

__all__ = [
    "shares_chart",
    "elbow_silhouette",
    "profile_heatmap",
    "pareto_chart",
    "migration_heatmap",
    "rates_chart",
    "strategy_map_chart",
    "tier_what_if",
]

RATE_COLORS = {
    "same_tier": PALETTE[0],
    "upgrade": PALETTE[2],
    "downgrade": PALETTE[1],
    "churn": PALETTE[5],
}
RATE_LABELS = {
    "acquisition": "acquisition 획득률",
    "same_tier": "same tier 유지율 (등급 유지)",
    "upgrade": "upgrade 상승률",
    "downgrade": "downgrade 하락률",
    "churn": "churn 이탈률",
}
"""Legend labels of the migration indicators in the English edition (with the notes' Korean terms)."""
RATE_LABELS_KO = {
    "acquisition": "획득률",
    "same_tier": "유지율 (등급 유지)",
    "upgrade": "상승률",
    "downgrade": "하락률",
    "churn": "이탈률",
}
"""The same labels in the Korean edition."""


def _rate_label(part: str) -> str:
    return choose(en=RATE_LABELS[part], ko=RATE_LABELS_KO[part])


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def shares_chart(table: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """Share of customers next to share of value per segment (horizontal bars, top segment first).

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`helpers.segments.profile` (columns ``customer_share`` and
        ``value_share``), rows from lowest to highest segment.
    title : str
        The finding, e.g. "VIPs are 5% of customers but 30% of revenue".

    Examples
    --------
    >>> t = pd.DataFrame({"customer_share": [0.8, 0.2], "value_share": [0.4, 0.6]}, index=["low", "high"])
    >>> [round(float(p.get_width()), 1) for p in shares_chart(t, title="High leads").patches]
    [0.2, 0.8, 0.6, 0.4]
    """
    for col in ("customer_share", "value_share"):
        if col not in table.columns:
            raise ValueError(
                f"table has no column {col!r}; pass the output of helpers.segments.profile"
            )
    ax = _axes(ax, (9, 0.6 * len(table) + 2))
    rows = table.iloc[::-1]  # highest segment on top
    y = np.arange(len(rows))
    h = 0.38
    for offset, col, color, label in (
        (-h / 2, "customer_share", PALETTE[4], choose(en="customers (고객 비중)", ko="고객 비중")),
        (h / 2, "value_share", PALETTE[0], choose(en="value (매출 비중)", ko="매출 비중")),
    ):
        bars = ax.barh(y + offset, rows[col].to_numpy(), height=h, color=color, label=label)
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in rows[col]], padding=3, fontsize=11)
    ax.set_yticks(y, [str(i) for i in rows.index])
    ax.invert_yaxis()
    percent_axis(ax, "x")
    ax.set_xlim(0, min(1.0, rows[["customer_share", "value_share"]].to_numpy().max() * 1.2))
    ax.legend(loc="best")
    return finish(
        ax,
        title,
        choose(
            en="Share of all customers / of all value (%)",
            ko="전체 고객 / 전체 매출에서 차지하는 비중(%)",
        ),
        choose(en="Segment", ko="세그먼트"),
    )


def elbow_silhouette(choice: pd.DataFrame, *, chosen: int | None = None, title: str) -> np.ndarray:
    """Inertia (elbow) and silhouette per k, side by side, with the chosen k marked.

    Parameters
    ----------
    choice : pandas.DataFrame
        The output of :func:`helpers.segments.choose_k` (index ``k``; ``inertia``, ``silhouette``).
    chosen : int, optional
        The k you picked, drawn as a vertical dashed line on both panels.

    Returns
    -------
    numpy.ndarray of two Axes.

    Examples
    --------
    >>> c = pd.DataFrame({"inertia": [9.0, 5.0, 4.0], "silhouette": [0.5, 0.6, 0.4]}, index=[2, 3, 4])
    >>> axes = elbow_silhouette(c, chosen=3, title="k = 3")
    >>> axes[1].lines[0].get_ydata().tolist()
    [0.5, 0.6, 0.4]
    """
    for col in ("inertia", "silhouette"):
        if col not in choice.columns:
            raise ValueError(
                f"choice has no column {col!r}; pass the output of helpers.segments.choose_k"
            )
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    k = choice.index.to_numpy()
    axes[0].plot(k, choice["inertia"].to_numpy(), marker="o", color=PALETTE[0])
    axes[1].plot(k, choice["silhouette"].to_numpy(), marker="o", color=PALETTE[1])
    for ax in axes:
        ax.set_xticks(k)
        if chosen is not None:
            ax.axvline(chosen, color="grey", linestyle="--", linewidth=1.5)
    k_label = choose(en="Number of clusters k", ko="군집 수 k")
    finish(
        axes[0],
        choose(en="Elbow: inertia falls with k", ko="엘보: k가 커질수록 관성이 줄어듭니다"),
        k_label,
        choose(en="Inertia (scaled units²)", ko="관성(표준화 단위²)"),
    )
    finish(
        axes[1],
        choose(en="Silhouette: higher is better", ko="실루엣 계수: 높을수록 좋습니다"),
        k_label,
        choose(en="Mean silhouette (−1 to 1)", ko="평균 실루엣 계수(−1~1)"),
    )
    fig.suptitle(title, fontweight="bold", fontsize=16, x=0.01, ha="left")
    return axes


def profile_heatmap(
    table: pd.DataFrame,
    features: list[str],
    *,
    stat: str = "median",
    title: str,
    ax: Axes | None = None,
    fmt: str = "{:,.0f}",
    lower_is_better: Sequence[str] = ("recency",),
    feature_labels: Mapping[str, str] | None = None,
    segment_label: str | None = None,
) -> Axes:
    """Segment profiles as a heat map: colour = how good a segment is on a feature, text = the value.

    Colours are each feature's values standardised across segments (so recency in days and spend
    in currency share one scale), with the sign flipped for features where lower is better
    (recency), so blue always means "better than the other segments" and red "worse".

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.segments.profile`.
    features : list of str
        Feature names (``<feature>_<stat>`` must be columns of ``table``).
    stat : {"median", "mean"}
    fmt : str
        Format of the numbers written in the cells.
    lower_is_better : sequence of str, default ("recency",)
        Features whose colour scale is flipped.
    feature_labels : mapping of str to str, optional
        Column headings to show instead of the feature names, e.g. with units
        (``{"recency": "recency (days)"}``); features not in the mapping keep their name.
    segment_label : str, optional
        Label of the row axis (e.g. "Cluster"); default "Segment" (세그먼트 in the Korean edition).

    Examples
    --------
    >>> t = pd.DataFrame({"x_median": [1.0, 3.0], "y_median": [10.0, 0.0]}, index=[0, 1])
    >>> ax = profile_heatmap(t, ["x", "y"], title="Two segments")
    >>> [t.get_text() for t in ax.texts]
    ['1', '10', '3', '0']
    """
    cols = [f"{f}_{stat}" for f in features]
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise ValueError(f"table has no column(s) {missing}; check features and stat")
    values = table[cols].to_numpy(dtype=float)
    spread = values.std(axis=0)
    z = (values - values.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    z = z * np.array([-1.0 if f in set(lower_is_better) else 1.0 for f in features])
    ax = _axes(ax, (1.8 * len(features) + 3, 0.7 * len(table) + 2))
    ax.imshow(z, cmap="RdBu", vmin=-2, vmax=2, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j,
            i,
            fmt.format(v),
            ha="center",
            va="center",
            fontsize=13,
            color="black" if abs(z[i, j]) < 1.3 else "white",
        )
    headings = [(feature_labels or {}).get(f, f) for f in features]
    ax.set_xticks(range(len(features)), headings)
    ax.set_yticks(range(len(table)), [str(i) for i in table.index])
    ax.grid(False)
    ax.xaxis.tick_top()
    finish(
        ax,
        title,
        choose(
            en="colour: blue = better than the other segments, red = worse",
            ko="색: 파랑 = 다른 세그먼트보다 좋음, 빨강 = 나쁨",
        ),
        segment_label if segment_label is not None else choose(en="Segment", ko="세그먼트"),
    )
    ax.set_title(title, loc="left", pad=12)
    return ax


def pareto_chart(
    curve: pd.DataFrame, *, core_share: float | None = None, title: str, ax: Axes | None = None
) -> Axes:
    """The Pareto (concentration) curve of value, with the diagonal of perfect equality.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`helpers.segments.pareto_curve`.
    core_share : float, optional
        A value share (e.g. 0.5) to mark: the dotted lines show which share of customers makes it.

    Examples
    --------
    >>> from helpers.segments import pareto_curve
    >>> ax = pareto_chart(pareto_curve(pd.Series([1.0, 3.0])), title="Concentrated")
    >>> ax.lines[0].get_ydata().tolist()
    [0.0, 0.75, 1.0]
    """
    for col in ("customer_share", "value_share"):
        if col not in curve.columns:
            raise ValueError(
                f"curve has no column {col!r}; pass the output of helpers.segments.pareto_curve"
            )
    ax = _axes(ax, (7.5, 6))
    x, y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    ax.plot(
        x,
        y,
        color=PALETTE[0],
        linewidth=3,
        label=choose(en="customers ranked by value", ko="가치 순으로 늘어놓은 고객"),
    )
    ax.plot(
        [0, 1],
        [0, 1],
        color="grey",
        linestyle="--",
        label=choose(en="everyone equal", ko="모두 같을 때"),
    )
    if core_share is not None:
        cx = float(x[np.searchsorted(y, core_share - 1e-12)])
        ax.plot(
            [cx, cx, 0], [0, core_share, core_share], color=PALETTE[5], linestyle=":", linewidth=2
        )
        ax.annotate(
            choose(
                en=f"{cx:.0%} of customers\nmake {core_share:.0%} of value",
                ko=f"고객의 {cx:.0%}가\n가치의 {core_share:.0%}를 만듭니다",
            ),
            (cx, core_share),
            xytext=(cx + 0.08, core_share - 0.2),
            arrowprops={"arrowstyle": "->"},
            fontsize=12,
            # a white box keeps the label legible where it crosses the diagonal
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower right")
    return finish(
        ax,
        title,
        choose(
            en="Cumulative share of customers, best first (%)",
            ko="고객의 누적 비중, 가치가 큰 고객부터(%)",
        ),
        choose(en="Cumulative share of value (%)", ko="가치의 누적 비중(%)"),
    )


def migration_heatmap(matrix: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """The migration matrix as a heat map: counts in the cells, colour = share of the row.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`helpers.segments.migration_matrix` (rows "before" + "new", columns
        "after" + "lost").

    Examples
    --------
    >>> from helpers.segments import migration_matrix
    >>> m = migration_matrix(pd.Series({1: "a", 2: "b"}), pd.Series({1: "b", 3: "a"}), order=["a", "b"])
    >>> ax = migration_heatmap(m, title="Moves")
    >>> [t.get_text().split()[0] for t in ax.texts][:3]
    ['0', '1', '0']
    """
    if (
        not isinstance(matrix, pd.DataFrame)
        or "lost" not in matrix.columns
        or "new" not in matrix.index
    ):
        raise ValueError(
            "matrix must be the output of helpers.segments.migration_matrix ('new' row, 'lost' column)"
        )
    counts = matrix.to_numpy(dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    ax = _axes(ax, (1.5 * matrix.shape[1] + 3.2, 0.9 * matrix.shape[0] + 2))
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(counts):
        ax.text(
            j, i, f"{v:,.0f}\n{share[i, j]:.0%}", ha="center", va="center", fontsize=12,
            color="white" if share[i, j] > 0.55 else "black",
        )  # fmt: skip
    # the margins "new" and "lost" are words, not tier names: they speak the reader's language
    edge = {"new": choose(en="new", ko="신규"), "lost": choose(en="lost", ko="이탈")}
    ax.set_xticks(range(matrix.shape[1]), [edge.get(str(c), str(c)) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [edge.get(str(i), str(i)) for i in matrix.index])
    ax.grid(False)
    # frame the diagonal (customers who stayed in their segment)
    for i, label in enumerate(matrix.index):
        if label in matrix.columns:
            j = list(matrix.columns).index(label)
            ax.add_patch(
                Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=PALETTE[1], linewidth=2.5)
            )
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    finish(
        ax,
        title,
        choose(
            en="Segment in the later period (colour: share of the row)",
            ko="뒤 기간의 세그먼트 (색: 행에서 차지하는 비중)",
        ),
        choose(en="Segment in the earlier period", ko="앞 기간의 세그먼트"),
    )
    ax.xaxis.labelpad = 6
    ax.set_title(title, loc="left", pad=14)  # clear of the axis label above the top ticks
    return ax


def rates_chart(rates: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """Where each segment's customers went: same tier, upgrade, downgrade and churn as 100% bars.

    Acquisition (new customers per earlier customer) is written at the end of each bar, since it
    is not a share of the earlier customers.

    Parameters
    ----------
    rates : pandas.DataFrame
        Output of :func:`helpers.segments.migration_rates`.

    Examples
    --------
    >>> from helpers.segments import migration_rates
    >>> r = migration_rates(pd.Series({1: "a", 2: "b"}), pd.Series({1: "b"}), order=["a", "b"])
    >>> ax = rates_chart(r, title="Half moved up")
    >>> round(float(sum(p.get_width() for p in ax.patches)), 6)
    3.0
    """
    parts = list(RATE_COLORS)
    missing = [c for c in ["acquisition", *parts] if c not in rates.columns]
    if missing:
        raise ValueError(
            f"rates has no column(s) {missing}; pass the output of helpers.segments.migration_rates"
        )
    rows = rates.dropna(subset=parts)
    ax = _axes(ax, (11, 0.7 * len(rows) + 2.2))
    everyone = choose(en="all", ko="전체")  # the row of all earlier customers
    labels = [
        f"{everyone if i == 'all' else i} (n={n:,})"
        for i, n in zip(rows.index, rows["customers"], strict=True)
    ]
    left = np.zeros(len(rows))
    for part in parts:
        width = rows[part].to_numpy()
        bars = ax.barh(labels, width, left=left, color=RATE_COLORS[part], label=_rate_label(part))
        ax.bar_label(
            bars,
            labels=[f"{w:.0%}" if w >= 0.06 else "" for w in width],
            label_type="center",
            color="white",
            fontsize=11,
        )
        left += width
    for y, acq in enumerate(rows["acquisition"].to_numpy()):
        ax.text(
            1.02, y, choose(en=f"+{acq:.0%} new", ko=f"신규 +{acq:.0%}"), va="center", fontsize=11,
            color=PALETTE[7],
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )  # fmt: skip
    ax.invert_yaxis()
    ax.set_xlim(0, 1.18)
    ax.set_xticks(np.linspace(0, 1, 6))
    percent_axis(ax, "x")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, fontsize=11, frameon=False)
    return finish(
        ax,
        title,
        choose(
            en="Share of the segment's earlier-period customers (%)",
            ko="세그먼트의 앞 기간 고객에서 차지하는 비중(%)",
        ),
        None,
    )


def strategy_map_chart(
    table: pd.DataFrame, *, title: str | None = None, ax: Axes | None = None
) -> Axes:
    """The CRM strategy map: strategy groups (rows) × dependence on segmentation (columns).

    Each cell lists its strategies in Korean with the English name underneath (Korean only in the
    Korean edition); the stronger the dependence, the darker the cell.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.segments.strategy_map`.
    title : str, optional
        Defaults to the finding of Kim (2017) about retention strategies.

    Examples
    --------
    >>> from helpers.segments import strategy_map
    >>> ax = strategy_map_chart(strategy_map())
    >>> sum("핵심고객관리" in t.get_text() for t in ax.texts)
    1
    """
    needed = ["group", "strategy_ko", "strategy_en", "dependence"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(
            f"table has no column(s) {missing}; pass the output of helpers.segments.strategy_map"
        )
    groups = list(STRATEGY_GROUPS)
    levels = DEPENDENCE_LEVELS  # strong, medium, weak
    ax = _axes(ax, (16, 10.5))
    shades = {"strong": "#0072B2", "medium": "#56B4E9", "weak": "#D6EAF5"}
    ink = {"strong": "white", "medium": "black", "weak": "black"}
    korean = get_language() == "ko"
    for gi, group in enumerate(groups):
        for li, level in enumerate(levels):
            ax.add_patch(
                Rectangle(
                    (li, gi),
                    1,
                    1,
                    facecolor=shades[level],
                    edgecolor="white",
                    linewidth=4,
                    alpha=0.95,
                )
            )
            cell = table[
                (table["group"].astype(str) == group) & (table["dependence"].astype(str) == level)
            ]
            lines = [
                ko if korean else f"{ko}\n" + "\n".join(textwrap.wrap(en, 30))
                for ko, en in zip(cell["strategy_ko"], cell["strategy_en"], strict=True)
            ]
            if not lines:
                ax.text(
                    li + 0.5, gi + 0.5, "—", ha="center", va="center", fontsize=14, color="grey"
                )
                continue
            ax.text(
                li + 0.5, gi + 0.5, ("\n" if korean else "\n\n").join(lines), ha="center",
                va="center", fontsize=(15 if korean else 13) if len(lines) < 3 else (14 if korean else 12),
                color=ink[level], linespacing=1.3 if korean else 1.15,
            )  # fmt: skip
    ax.set_xlim(0, len(levels))
    ax.set_ylim(len(groups), 0)
    ax.set_xticks(
        np.arange(len(levels)) + 0.5,
        [
            choose(en="strong 강함", ko="강함"),
            choose(en="medium 중간", ko="중간"),
            choose(en="weak 약함", ko="약함"),
        ],
    )
    ax.set_yticks(
        np.arange(len(groups)) + 0.5,
        [
            STRATEGY_GROUPS[g].split(" (")[0]
            if korean
            else "\n".join(STRATEGY_GROUPS[g].split(" (")).replace(")", "")
            for g in groups
        ],
    )
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    return finish(
        ax,
        title
        or choose(
            en="Retention strategies depend on segmentation the most, acquisition the least (Kim 2017)",
            ko="관계유지 전략이 고객세분화에 가장 크게, 관계획득 전략이 가장 적게 의존합니다 (Kim 2017)",
        ),
        choose(en="Dependence on segmentation (세분화와의 상관관계)", ko="고객세분화와의 상관관계"),
        None,
    )


def tier_what_if(
    before_values: pd.Series,
    after_values: pd.Series,
    cutoffs: dict[str, float],
    *,
    unit: str = "KRW",
    step: float | None = None,
):
    """An ipywidgets what-if: move the tier cut-offs and see the migration rates change.

    One slider per tier minimum (all tiers but the lowest). Each move re-tiers both periods with
    :func:`helpers.segments.value_tiers` and redraws the rates table and :func:`rates_chart`.
    Results are written into the Output widget as display data, so an executed notebook stores
    only the widget and its stable text (what strict nbval compares).

    Parameters
    ----------
    before_values, after_values : pandas.Series
        Spend per active customer in the earlier and later period (:func:`helpers.segments.period_values`).
    cutoffs : dict
        Starting cut-offs, from the top tier down, the last one 0 (as in ``value_tiers``).
    unit : str
        Currency shown on the sliders.
    step : float, optional
        Slider step; default a hundredth of the top cut-off.

    Returns
    -------
    ipywidgets.HBox
        Sliders on the left, results on the right. Display it with ``display(...)``.

    Examples
    --------
    >>> box = tier_what_if(before, after, {"VIP": 300, "Gold": 120, "Bronze": 0})  # doctest: +SKIP
    >>> [s.description for s in box.children[0].children]  # doctest: +SKIP
    ['VIP ≥', 'Gold ≥']
    """
    from helpers.segments import migration_rates, value_tiers

    labels = list(cutoffs)
    if len(labels) < 2:
        raise ValueError("cutoffs must list at least two tiers, from the top down")
    top = float(cutoffs[labels[0]])
    step = step or max(top / 100, 1.0)
    order = labels[::-1]

    def render(values: dict[str, float]):
        minimums = [values[label] for label in labels[:-1]]
        if any(a <= b for a, b in zip(minimums, minimums[1:], strict=False)):
            return pd.Series(
                {
                    "note": choose(
                        en="keep the cut-offs decreasing from the top tier down",
                        ko="경곗값은 맨 위 등급부터 아래로 갈수록 작아지게 두십시오",
                    )
                }
            )
        current = {**values, labels[-1]: float(cutoffs[labels[-1]])}
        before = value_tiers(before_values, cutoffs=current)
        after = value_tiers(after_values, cutoffs=current)
        rates = migration_rates(before, after, order=order)
        fig, ax = plt.subplots(figsize=(9, 0.6 * len(rates) + 2.2))
        rates_chart(
            rates,
            title=choose(
                en=f"Upgrade {rates.loc['all', 'upgrade']:.0%}, churn {rates.loc['all', 'churn']:.0%}",
                ko=f"상승률은 {rates.loc['all', 'upgrade']:.0%}, 이탈률은 {rates.loc['all', 'churn']:.0%}입니다",
            ),
            ax=ax,
        )
        return rates.drop(columns="customer_retention").round(
            3
        ), fig  # 1 − churn: narrow enough to print

    return what_if_box(
        {
            label: (f"{label} ≥", float(cutoffs[label]), step, 3 * top, step, ",.0f")
            for label in labels[:-1]
        },
        render,
        label_width="80px",
        slider_width="380px",
        output_width="760px",
        note=choose(en=f"minimum spend per period ({unit})", ko=f"기간별 최소 구매금액({unit})"),
    )
