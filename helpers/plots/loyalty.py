"""Figures of notebook 01 (loyalty economics); every function returns its Axes.

Every label a function writes itself speaks the reader's language (:mod:`helpers.language`),
chosen when the function is called; titles and labels passed in are drawn as given.

Examples
--------
>>> from helpers.loyalty import CohortModel
>>> ax = profit_stack(CohortModel(), years=7, title="Profit grows with tenure")
>>> ax.get_xlabel()
'Year of the relationship'
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers.language import choose, get_language
from helpers.loyalty import COMPONENTS, CohortModel, break_even_months, cumulative_profit_by_month
from helpers.plots import PALETTE, finish, percent_axis, thousands_axis, what_if_box

__all__ = [
    "what_if",
    "COMPONENT_LABELS",
    "COMPONENT_LABELS_KO",
    "component_label",
    "profit_stack",
    "effect_heatmap",
    "break_even_chart",
    "tenure_spend_chart",
    "retention_curves",
    "second_purchase_chart",
    "cohort_revenue_chart",
]

COMPONENT_LABELS: dict[str, str] = {
    "acquisition": "Acquisition cost (획득비용)",
    "base_profit": "Base profit (기본이익)",
    "revenue_growth": "Revenue growth (매출증가)",
    "cost_savings": "Cost savings (비용절감)",
    "referrals": "Referrals (추천)",
    "price_premium": "Price premium (가격 프리미엄)",
}
COMPONENT_LABELS_KO: dict[str, str] = {
    "acquisition": "신규고객 획득비용",
    "base_profit": "기본이익",
    "revenue_growth": "매출증가",
    "cost_savings": "비용절감",
    "referrals": "추천",
    "price_premium": "가격 프리미엄",
}


def component_label(name: str) -> str:
    """The legend label of one profit source in the reader's language.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko")
    >>> component_label("referrals")
    '추천'
    >>> set_language(None)
    """
    if name not in COMPONENT_LABELS:
        raise ValueError(f"unknown profit source {name!r}; one of {list(COMPONENT_LABELS)}")
    return choose(en=COMPONENT_LABELS[name], ko=COMPONENT_LABELS_KO[name])


def _thousand_krw() -> str:
    return choose(en="thousand KRW", ko="천 원")


_COLORS = dict(
    zip(
        ["acquisition", *COMPONENTS],
        [PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[4]],
        strict=True,
    )
)


def _axes(ax: Axes | None, figsize=(10.0, 5.5)) -> Axes:
    return plt.subplots(figsize=figsize)[1] if ax is None else ax


def profit_stack(
    model: CohortModel,
    *,
    years: int | None = 7,
    title: str,
    unit: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Reichheld's stacked bars: profit per surviving customer by year and source.

    Year 0 shows the acquisition cost as a negative bar; later years stack the five sources.

    Parameters
    ----------
    model : CohortModel
    years : int, optional
        Years to draw (default 7, as in Reichheld 1996); None for the model's horizon.
    title : str
        The finding.
    unit : str, optional
        Currency unit for the y label (default thousand KRW, 천 원 in Korean).

    Examples
    --------
    >>> ax = profit_stack(CohortModel(), years=3, title="t")
    >>> len(ax.patches)
    24
    """
    if not isinstance(model, CohortModel):
        raise TypeError(f"model must be a CohortModel, got {type(model).__name__}")
    table = model.profit_per_customer()
    if years is not None:
        table = table.loc[: int(years)]
    ax = _axes(ax)
    x = table.index.to_numpy()
    ax.bar(
        x, table["acquisition"], color=_COLORS["acquisition"], label=component_label("acquisition")
    )
    bottom = np.zeros(len(table))
    for name in COMPONENTS:
        ax.bar(x, table[name], bottom=bottom, color=_COLORS[name], label=component_label(name))
        bottom = bottom + table[name].to_numpy()
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x)
    ax.legend(loc="upper left", fontsize=10, ncols=2, frameon=True)
    ax.margins(y=0.25)
    unit = _thousand_krw() if unit is None else unit
    return finish(
        ax,
        title,
        choose(en="Year of the relationship", ko="관계 연차(년)"),
        choose(en=f"Profit per customer ({unit})", ko=f"고객 한 사람당 이익({unit})"),
    )


def _band_edges(values: np.ndarray, lo: float, hi: float) -> LineCollection:
    """Cell-border segments between cells inside [lo, hi] and cells outside it (NaN = outside)."""
    inside = (values >= lo) & (values <= hi)  # NaN compares False: outside
    rows, cols = np.nonzero(inside[:, 1:] != inside[:, :-1])  # vertical borders
    vertical = np.stack(
        [np.stack([cols + 0.5, rows - 0.5], axis=1), np.stack([cols + 0.5, rows + 0.5], axis=1)],
        axis=1,
    )
    rows, cols = np.nonzero(inside[1:, :] != inside[:-1, :])  # horizontal borders
    horizontal = np.stack(
        [np.stack([cols - 0.5, rows + 0.5], axis=1), np.stack([cols + 0.5, rows + 0.5], axis=1)],
        axis=1,
    )
    segments = np.concatenate([vertical, horizontal]).astype("float64")
    return LineCollection(segments, colors="black", linewidths=3, capstyle="projecting")


def effect_heatmap(
    grid: pd.DataFrame,
    *,
    band: tuple[float, float] = (0.25, 0.95),
    title: str,
    row_label: str,
    col_label: str,
    row_fmt: str = "{:.0%}",
    col_fmt: str = "{:.0%}",
    annotate: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Heat map of the +5-point retention effect (from :func:`helpers.loyalty.effect_grid`).

    The edges of ``band`` (Reichheld's 25–95%) are drawn as black lines along the cell borders
    that separate a cell inside the band from one outside it; cells where the base NPV is not
    positive (NaN) are grey, marked "NPV≤0" and count as outside. Colours are classes: blues
    below the band, yellows inside it, reds above it (over 300% is one class and its label reads
    ">300%").

    Examples
    --------
    >>> from helpers.loyalty import effect_grid
    >>> g = effect_grid(CohortModel(), ("retention", [0.7, 0.8]), ("margin_growth", [0.0, 0.1]))
    >>> ax = effect_heatmap(g, title="t", row_label="r", col_label="g")
    >>> ax.get_ylabel()
    'r'
    """
    if not isinstance(grid, pd.DataFrame) or grid.empty:
        raise TypeError("grid must be a non-empty DataFrame from effect_grid")
    lo, hi = band
    ax = _axes(ax, figsize=(10.0, 6.0))
    values = grid.to_numpy(dtype="float64")
    shown = np.ma.masked_invalid(np.minimum(values, 3.5))
    mid = (0.5, 0.75) if lo < 0.5 and hi > 0.75 else (lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3)
    bounds = [0.0, lo / 2, lo, mid[0], mid[1], hi, 1.5, 3.0, 3.5]
    colors = [
        "#2166ac",
        "#92c5de",
        "#ffffcc",
        "#ffeda0",
        "#fed976",
        "#f4a582",
        "#d6604d",
        "#8c1a1a",
    ]
    cmap = ListedColormap(colors).with_extremes(bad="#d9d9d9", under=colors[0])
    norm = BoundaryNorm(bounds, cmap.N)
    nr, nc = values.shape
    mesh = ax.pcolormesh(
        np.arange(nc), np.arange(nr), shown, cmap=cmap, norm=norm, shading="nearest"
    )
    cbar = ax.figure.colorbar(
        mesh,
        ax=ax,
        label=choose(en="NPV increase from +5 points", ko="+5포인트에 따른 NPV 증가율"),
        ticks=bounds[:-1],
    )
    cbar.ax.set_yticklabels([f"{100 * b:g}%" for b in bounds[:-1]])
    ax.add_collection(_band_edges(values, lo, hi))
    if annotate:
        for (i, j), v in np.ndenumerate(values):
            text = "NPV≤0" if np.isnan(v) else (">300%" if v > 3 else f"{v:.0%}")
            dark = not np.isnan(v) and (v < lo / 2 or v > 1.5)
            ax.text(
                j, i, text, ha="center", va="center", fontsize=9, color="white" if dark else "black"
            )
    ax.set_xticks(np.arange(nc), [col_fmt.format(v) for v in grid.columns])
    ax.set_yticks(np.arange(nr), [row_fmt.format(v) for v in grid.index])
    ax.grid(False)
    handle = Patch(
        facecolor="none",
        edgecolor="black",
        linewidth=2.5,
        label=choose(en=f"{lo:.0%}–{hi:.0%} band edges", ko=f"{lo:.0%}–{hi:.0%} 구간의 경계"),
    )
    ax.legend(
        handles=[handle], loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False, fontsize=11
    )
    return finish(ax, title, col_label, row_label)


def break_even_chart(
    model: CohortModel,
    markups: Sequence[float] = (0.0, 0.2, 0.4),
    *,
    labels: Sequence[str] | None = None,
    title: str,
    unit: str | None = None,
    months: int | None = 72,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative discounted profit of a staying customer against acquisition costs.

    One horizontal line per acquisition cost (``model.acquisition_cost × (1 + markup)``) and a
    marker where the profit curve crosses it: the break-even tenure.

    Examples
    --------
    >>> ax = break_even_chart(CohortModel(), title="t")
    >>> len(ax.lines)  # the profit curve, 3 cost lines, 3 break-even markers
    7
    """
    curve = cumulative_profit_by_month(model)
    if months is not None:
        curve = curve.loc[:months]
    labels = (
        list(labels)
        if labels is not None
        else [f"+{m:.0%}" if m else choose(en="baseline", ko="기준") for m in markups]
    )
    if len(labels) != len(markups):
        raise ValueError("labels must have one entry per markup")
    ax = _axes(ax)
    ax.plot(
        curve.index,
        curve.to_numpy(),
        color=PALETTE[0],
        linewidth=3,
        label=choose(en="Cumulative discounted profit", ko="할인한 누적 이익"),
    )
    for k, (mk, lab) in enumerate(zip(markups, labels, strict=True)):
        cost = model.acquisition_cost * (1 + mk)
        be = break_even_months(model, cost)
        color = [PALETTE[7], PALETTE[1], PALETTE[5], PALETTE[3]][k % 4]
        text = (
            choose(
                en=f"{lab}: cost {cost:,.0f} → {be:.0f} months",
                ko=f"{lab}: 비용 {cost:,.0f} → {be:.0f}개월",
            )
            if np.isfinite(be)
            else choose(en=f"{lab}: never", ko=f"{lab}: 회수 못 함")
        )
        ax.axhline(cost, color=color, linestyle="--", linewidth=1.8, label=text)
        if np.isfinite(be) and be <= curve.index.max():
            ax.plot([be], [curve.loc[int(be)]], "o", color=color, markersize=10)
    ax.set_xticks(np.arange(0, curve.index.max() + 1, 12))
    ax.legend(loc="upper left", fontsize=11)
    thousands_axis(ax)
    unit = _thousand_krw() if unit is None else unit
    return finish(
        ax,
        title,
        choose(en="Tenure (months)", ko="거래기간(개월)"),
        choose(en=f"Per customer ({unit})", ko=f"고객 한 사람당 금액({unit})"),
    )


def tenure_spend_chart(
    table: pd.DataFrame,
    *,
    early: tuple[int, int] = (0, 6),
    late: tuple[int, int] = (24, 30),
    column: str = "spend_per_customer",
    title: str,
    ylabel: str,
    ax: Axes | None = None,
) -> Axes:
    """Bars of spend by tenure month (from :func:`helpers.loyalty.spend_by_tenure`), windows shaded.

    Examples
    --------
    >>> t = pd.DataFrame({"spend_per_customer": [1.0, 2.0]}, index=pd.RangeIndex(2, name="tenure_month"))
    >>> [float(p.get_height()) for p in tenure_spend_chart(t, title="t", ylabel="y").patches][:2]
    [1.0, 2.0]
    """
    if column not in table.columns:
        raise ValueError(f"table has no column {column!r}")
    ax = _axes(ax)
    ax.bar(table.index, table[column], color=PALETTE[0], width=0.8)
    for (a, b), color, name in (
        (early, PALETTE[1], choose(en="first months", ko="처음 몇 달")),
        (late, PALETTE[2], choose(en="later months", ko="나중 몇 달")),
    ):
        label = choose(en=f"Months {a}–{b - 1} ({name})", ko=f"{a}–{b - 1}개월 ({name})")
        ax.axvspan(a - 0.5, b - 0.5, color=color, alpha=0.18, label=label)
    ax.legend(loc="upper right", fontsize=11)
    thousands_axis(ax)
    return finish(
        ax, title, choose(en="Tenure month (0 = first month)", ko="거래 개월 (0 = 첫 달)"), ylabel
    )


def retention_curves(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str | None = None,
    max_cohorts: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One line per cohort from :func:`helpers.loyalty.cohort_retention` (shares as %).

    ``ylabel`` defaults to "Share of cohort with an order" in the reader's language.

    Examples
    --------
    >>> t = pd.DataFrame({"customers": [2], 0: [1.0], 1: [0.5]}, index=pd.Index(["2024Q1"], name="cohort"))
    >>> retention_curves(t, title="t", xlabel="Quarter").lines[0].get_ydata().tolist()
    [1.0, 0.5]
    """
    shares = table.drop(columns="customers", errors="ignore").dropna(how="all")
    if max_cohorts is not None:
        shares = shares.iloc[:max_cohorts]
    ax = _axes(ax)
    colors = plt.get_cmap("viridis")(np.linspace(0, 0.9, len(shares)))
    for (label, row), color in zip(shares.iterrows(), colors, strict=True):
        ax.plot(
            row.index.astype(int),
            row.to_numpy(),
            marker="o",
            color=color,
            label=str(label),
            linewidth=2,
        )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    percent_axis(ax)
    ax.set_ylim(0, None)
    ax.legend(
        title=choose(en="Cohort", ko="코호트"),
        fontsize=9,
        ncols=2 if len(shares) > 6 else 1,
        loc="upper right",
    )
    if ylabel is None:
        ylabel = choose(en="Share of cohort with an order", ko="주문한 고객의 비율(코호트 대비)")
    return finish(ax, title, xlabel, ylabel)


def second_purchase_chart(
    curves: dict[str, pd.DataFrame],
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Kaplan–Meier second-purchase curves (from :func:`helpers.loyalty.second_purchase_curve`).

    The axis labels default to days since the first purchase and the share who bought again, in
    the reader's language.

    Examples
    --------
    >>> c = pd.DataFrame({"repeated": [0.0, 0.5]}, index=pd.RangeIndex(2, name="day"))
    >>> second_purchase_chart({"shop": c}, title="t").lines[0].get_ydata().tolist()
    [0.0, 0.5]
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves must be a non-empty dict of label -> second_purchase_curve table")
    ax = _axes(ax)
    for (label, table), color in zip(curves.items(), PALETTE, strict=False):
        if "repeated" not in table.columns:
            raise ValueError(f"curves[{label!r}] has no 'repeated' column")
        ax.step(
            table.index, table["repeated"], where="post", color=color, linewidth=2.5, label=label
        )
    percent_axis(ax)
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right", fontsize=11)
    if xlabel is None:
        xlabel = choose(en="Days since the first purchase", ko="첫 구매 후 경과 일수")
    if ylabel is None:
        ylabel = choose(
            en="Share who bought again (Kaplan–Meier)", ko="다시 구매한 고객의 비율(Kaplan–Meier)"
        )
    return finish(ax, title, xlabel, ylabel)


def cohort_revenue_chart(
    revenue: pd.DataFrame,
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    scale: float = 1e6,
    ax: Axes | None = None,
) -> Axes:
    """The cohort "layer cake" (C3 chart): revenue per period stacked by acquisition cohort.

    ``revenue`` is a pivot with one row per period (index labels on the x-axis) and one column per
    cohort, oldest first; each layer shows how much one cohort still earns as it ages. The axis
    labels default to quarter and revenue in million KRW, in the reader's language.

    Examples
    --------
    >>> t = pd.DataFrame({"2022": [1e6, 1e6], "2023": [0.0, 2e6]}, index=["2022Q4", "2023Q1"])
    >>> len(cohort_revenue_chart(t, title="t").collections)
    2
    """
    if not isinstance(revenue, pd.DataFrame) or revenue.empty:
        raise ValueError("revenue must be a non-empty DataFrame: periods × cohorts")
    values = revenue.fillna(0.0).to_numpy(dtype=float).T / scale
    if np.any(values < 0):
        raise ValueError("revenue has negative values; a layer cake stacks non-negative revenue")
    ax = _axes(ax)
    x = np.arange(len(revenue))
    colors = plt.get_cmap("viridis")(np.linspace(0, 0.9, values.shape[0]))
    ax.stackplot(x, values, labels=[str(c) for c in revenue.columns], colors=colors, alpha=0.9)
    step = max(1, len(x) // 12)
    ax.set_xticks(x[::step], [str(v) for v in revenue.index[::step]])
    ax.legend(title=choose(en="Cohort", ko="코호트"), loc="upper left", fontsize=10)
    if xlabel is None:
        xlabel = choose(en="Quarter", ko="분기")
    if ylabel is None:
        ylabel = choose(en="Revenue (million KRW)", ko="매출(백만 원)")
    return finish(ax, title, xlabel, ylabel)


def what_if(model: CohortModel | None = None, *, unit: str | None = None):
    """An ipywidgets what-if of the cohort model: retention, margin growth, acquisition cost, discount.

    Moving a slider redraws a small table (base case versus what-if: NPV per customer, effect of
    +5 retention points, break-even months of a customer who stays and of the average acquired
    customer) and the cumulative-profit figure. A staying customer's payback does not depend on
    retention; the average customer's (dotted line) does. The results are
    written into the Output widget as display data (``append_display_data``), not printed while
    the cell runs, so an executed notebook stores only the widget itself and its stable text
    (what strict nbval compares); the widget state saved with the notebook shows the initial result.
    Sliders, table and figure speak the reader's language (:mod:`helpers.language`).

    Returns
    -------
    ipywidgets.HBox
        Sliders on the left, results on the right. Display it with ``display(...)``.

    Examples
    --------
    >>> box = what_if(CohortModel())  # doctest: +SKIP
    >>> [c.description for c in box.children[0].children]  # doctest: +SKIP
    ['Retention', 'Margin growth', 'Acq. cost', 'Discount']
    """
    from helpers.loyalty import scenario_table

    base = CohortModel() if model is None else model
    if not isinstance(base, CohortModel):
        raise TypeError(f"model must be a CohortModel, got {type(base).__name__}")
    unit = _thousand_krw() if unit is None else unit
    ko = get_language() == "ko"  # the language when the widget is built
    names = {"base case": "기본 시나리오", "what-if": "가정"} if ko else {}
    never = "회수 못 함" if ko else "never"

    def render(values: dict[str, float]):
        table = scenario_table(base, {"base case": {}, "what-if": values})
        shown = (
            table.assign(
                retention=lambda d: (100 * d["retention"]).round(0),
                margin_growth=lambda d: (100 * d["margin_growth"]).round(0),
                discount_rate=lambda d: (100 * d["discount_rate"]).round(0),
                effect_5pts=lambda d: (100 * d["effect_5pts"]).round(1),
            )
            .round(1)
            .rename(
                index=names,
                columns={
                    "retention": "retention (%)",
                    "margin_growth": "margin growth (%/year)",
                    "acquisition_cost": f"acquisition cost ({unit})",
                    "discount_rate": "discount rate (%)",
                    "npv_per_customer": f"NPV per customer ({unit})",
                    "effect_5pts": "+5 points of retention: NPV change (%)",
                    "break_even_months": "break-even, customer who stays (months)",
                    "expected_months": "break-even, average customer (months)",
                }
                if not ko
                else {
                    "retention": "유지율(%)",
                    "margin_growth": "마진 증가율(%/년)",
                    "acquisition_cost": f"획득비용({unit})",
                    "discount_rate": "할인율(%)",
                    "npv_per_customer": f"고객 한 사람당 NPV({unit})",
                    "effect_5pts": "유지율 +5포인트: NPV 변화(%)",
                    "break_even_months": "손익분기, 남아 있는 고객(개월)",
                    "expected_months": "손익분기, 평균 고객(개월)",
                },
            )
            .rename_axis(index="시나리오" if ko else table.index.name)
            .T
            # words instead of inf / NaN: "never pays back", "% change of a loss is meaningless"
            .map(lambda v: never if v == np.inf else ("NPV ≤ 0" if v != v else v))
        )
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        what = base.replace(**values)
        for name, m, color, width in (
            ("base case", base, PALETTE[7], 5.0),  # wide and pale: visible under the what-if
            ("what-if", what, PALETTE[0], 2.5),
        ):
            curve = cumulative_profit_by_month(m).loc[:96]
            ax.plot(
                curve.index,
                curve.to_numpy(),
                color=color,
                linewidth=width,
                alpha=0.35 if name == "base case" else 1.0,
                label=f"{names[name]}: 남아 있는 고객" if ko else f"{name}: customer who stays",
            )
            ax.axhline(
                m.acquisition_cost,
                color=color,
                linestyle="--",
                linewidth=1.2,
                label=f"{names[name]}: 획득비용" if ko else f"{name}: acq. cost",
            )
        average = cumulative_profit_by_month(what, expected=True).loc[:96]
        ax.plot(
            average.index,
            average.to_numpy(),
            color=PALETTE[0],
            linestyle=":",
            linewidth=2.5,
            label="가정: 평균 고객" if ko else "what-if: average customer",
        )
        ax.set_xticks(np.arange(0, 97, 12))
        ax.legend(fontsize=9, loc="upper left")
        months = table.loc["what-if", ["break_even_months", "expected_months"]]
        if ko:
            when = [
                f"{v:.0f}개월" if np.isfinite(v) else f"{what.years}년 안에 못 함" for v in months
            ]
            title = f"회수 시점: 남아 있는 고객 {when[0]}, 평균 고객 {when[1]}"
            labels = ("거래기간(개월)", f"누적 이익({unit})")
        else:
            when = [
                f"{v:.0f} months" if np.isfinite(v) else f"never in {what.years} years"
                for v in months
            ]
            title = f"Pays back: stayer {when[0]}, average customer {when[1]}"
            labels = ("Tenure (months)", f"Cumulative profit ({unit})")
        finish(ax, title, *labels)
        return shown, fig

    return what_if_box(
        {
            "retention": (
                choose(en="Retention", ko="유지율"),
                base.retention,
                0.30,
                0.94,
                0.01,
                ".0%",
            ),
            "margin_growth": (
                choose(en="Margin growth", ko="마진 증가율"),
                base.margin_growth,
                0.0,
                0.30,
                0.01,
                ".0%",
            ),
            "acquisition_cost": (
                choose(en="Acq. cost", ko="획득비용"),
                base.acquisition_cost,
                0.0,
                3 * max(base.acquisition_cost, 1.0),
                5.0,
                ",.0f",
            ),
            "discount_rate": (
                choose(en="Discount", ko="할인율"),
                base.discount_rate,
                0.0,
                0.30,
                0.01,
                ".0%",
            ),
        },
        render,
        label_width="110px",
        slider_width="360px",
        output_width="620px",
    )
