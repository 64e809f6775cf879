"""Figures of notebook 02 (RFM): distributions, the R×F heat map, segments, rates by score,
the holdout gains chart and response of treated vs control customers by score band.

Titles, axis labels, legends and annotations that the functions write themselves speak the reader's
language (:func:`helpers.language.choose`, evaluated at call time); titles passed in are drawn as
given.

Every function draws in the shared style on new or given Axes and returns them, so tests can
read back what a figure shows (bar heights, cell values, titles).

Examples
--------
>>> import pandas as pd
>>> from helpers.plots.rfm import rate_by_score
>>> ax = rate_by_score(pd.Series([0.1, 0.3], index=[3, 4]), average=0.2,
...                    title="Higher scores respond more", ylabel="Response rate")
>>> [round(float(p.get_height()), 2) for p in ax.patches]
[0.1, 0.3]
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from helpers.language import choose, get_language
from helpers.plots import PALETTE, SEQUENTIAL, finish, percent_axis

__all__ = [
    "rfm_distributions",
    "rf_heatmap",
    "segment_shares",
    "rate_by_score",
    "score_counts",
    "gains_chart",
    "treated_vs_control",
]


# Korean names of what the functions label themselves (RFM segments: helpers.rfm.SEGMENT_RULES)
_AGG_KO = {
    "mean": "평균",
    "median": "중앙값",
    "sum": "합계",
    "count": "개수",
    "max": "최댓값",
    "min": "최솟값",
}
_VALUE_KO = {"monetary": "구매금액", "recency": "최근성", "frequency": "빈도"}
_METHOD_KO = {"quantile": "분위수", "equal width": "등간격", "equal_width": "등간격"}


def _segment_label(segment: object) -> str:
    """The segment's name on a figure: English, or "최우수 고객" over "(Champions)" in Korean."""
    name = str(segment)
    if get_language() == "en":
        return name
    from helpers.rfm import SEGMENT_RULES  # imported here: helpers.rfm does not need the plots

    korean = dict(zip(SEGMENT_RULES["segment"], SEGMENT_RULES["segment_ko"], strict=True))
    return f"{korean[name]}\n({name})" if name in korean else name


def _need(table: object, columns: list[str], name: str = "table") -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(table).__name__}")
    if table.empty:
        raise ValueError(f"{name} is empty: nothing to draw")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}; it has {list(table.columns)}")
    return table


def _suptitle(fig: plt.Figure, title: str) -> None:
    """The figure's finding above its panels, with a gap so it never touches a panel title."""
    fig.suptitle(
        title, fontsize=plt.rcParams["axes.titlesize"], fontweight="bold", x=0.01, ha="left"
    )
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "h_pad" in engine.get():
        engine.set(h_pad=0.12)


def rfm_distributions(rfm: pd.DataFrame, *, currency: str, title: str) -> np.ndarray:
    """Histograms of recency (days), frequency (orders) and monetary value, side by side.

    Frequency and monetary are drawn on a log scale (both are strongly right-skewed).

    Parameters
    ----------
    rfm : pandas.DataFrame
        Output of :func:`helpers.rfm.rfm_table`.
    currency : str
        Unit of the monetary axis, e.g. "USD" or "KRW".
    title : str
        Figure title stating the finding.

    Returns
    -------
    numpy.ndarray of Axes
        The three Axes (recency, frequency, monetary).
    """
    _need(rfm, ["recency", "frequency", "monetary"], "rfm")
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
    axes[0].hist(rfm["recency"], bins=30, color=PALETTE[0])
    customers = choose(en="customers", ko="고객 수")
    finish(
        axes[0],
        choose(en="Recency (최근성)", ko="최근성(Recency)"),
        choose(en="days since last purchase", ko="마지막 구매 이후 날수"),
        customers,
    )
    freq = rfm["frequency"].clip(lower=1)
    edges = np.unique(np.round(np.logspace(0, np.log10(freq.max() + 1), 25)))
    axes[1].hist(freq, bins=edges, color=PALETTE[1])
    axes[1].set_xscale("log")
    finish(
        axes[1],
        choose(en="Frequency (빈도)", ko="빈도(Frequency)"),
        choose(en="orders (log scale)", ko="주문 수(로그 눈금)"),
        customers,
    )
    money = rfm["monetary"][rfm["monetary"] > 0]
    axes[2].hist(
        money, bins=np.logspace(np.log10(money.min()), np.log10(money.max()), 30), color=PALETTE[2]
    )
    axes[2].set_xscale("log")
    finish(
        axes[2],
        choose(en="Monetary (구매금액)", ko="구매금액(Monetary)"),
        choose(en=f"total spend, {currency} (log scale)", ko=f"총구매액, {currency}(로그 눈금)"),
        customers,
    )
    _suptitle(fig, title)
    return axes


def rf_heatmap(
    scores: pd.DataFrame,
    *,
    title: str,
    value: str = "monetary",
    agg: str = "mean",
    unit: str = "",
    label: str | None = None,
    fmt: str = "{:,.0f}",
    ax: Axes | None = None,
) -> Axes:
    """Heat map of R (rows, 5 on top) × F (columns) with ``agg`` of ``value`` written in each cell.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`helpers.rfm.rfm_scores` (columns ``R``, ``F`` and ``value``).
    title : str
        States the finding.
    value, agg : str
        The column summarised in each cell and how (``"mean"``, ``"median"``, ``"sum"``, ...).
    unit : str
        Unit for the colour bar label, e.g. "USD".
    label : str, optional
        Colour bar label (default: ``"<agg> <value> (<unit>)"``, in Korean e.g. "평균 구매금액 (USD)").
    fmt : str
        Format of the numbers written in the cells.

    Returns
    -------
    matplotlib.axes.Axes
        With ``ax.rf_table`` holding the R × F table that is drawn.

    Examples
    --------
    >>> s = pd.DataFrame({"R": [1, 2, 2], "F": [1, 1, 2], "monetary": [10.0, 20.0, 40.0]})
    >>> float(rf_heatmap(s, title="t").rf_table.loc[2, 1])
    20.0
    """
    _need(scores, ["R", "F", value], "scores")
    table = scores.pivot_table(index="R", columns="F", values=value, aggfunc=agg, observed=True)
    table = table.sort_index(ascending=False).sort_index(axis=1)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    im = ax.imshow(table.to_numpy(dtype=float), cmap=SEQUENTIAL, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [str(r) for r in table.index])
    ax.grid(False)
    finite = table.to_numpy(dtype=float)
    mid = np.nanmean(finite) if np.isfinite(finite).any() else 0
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = finite[i, j]
            if np.isfinite(v):
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=12,
                        color="black" if v > mid else "white")  # fmt: skip
    if label is None:
        label = choose(
            en=f"{agg} {value}", ko=f"{_AGG_KO.get(agg, agg)} {_VALUE_KO.get(value, value)}"
        ) + (f" ({unit})" if unit else "")
    bar = ax.figure.colorbar(im, ax=ax)
    bar.set_label(label, labelpad=12)  # clear of wide tick labels such as "1,750"
    ax.rf_table = table  # what is drawn, for tests and readers
    return finish(
        ax,
        title,
        choose(en="F score (5 = most orders)", ko="F 점수(5 = 주문이 가장 많음)"),
        choose(en="R score (5 = most recent)", ko="R 점수(5 = 가장 최근)"),
    )


def segment_shares(segments: pd.DataFrame, *, title: str, amount: str = "monetary") -> np.ndarray:
    """Share of customers and share of revenue per segment, as paired horizontal bars.

    Parameters
    ----------
    segments : pandas.DataFrame
        Output of :func:`helpers.rfm.rfm_segments` (columns ``segment`` and ``amount``).
    title : str
        States the finding.
    amount : str
        The revenue column summed per segment.

    Returns
    -------
    numpy.ndarray of Axes
        Customers' share (left) and revenue share (right); ``axes[0].shares`` holds the table.
    """
    _need(segments, ["segment", amount], "segments")
    grouped = segments.groupby("segment", observed=False)
    shares = pd.DataFrame(
        {
            "customers": grouped.size() / len(segments),
            "revenue": grouped[amount].sum() / segments[amount].sum(),
        }
    )
    fig, axes = plt.subplots(1, 2, figsize=(13, 5), sharey=True)
    labels = [_segment_label(s) for s in shares.index]
    for ax, col, color, name in [
        (axes[0], "customers", PALETTE[0], choose(en="share of customers", ko="고객 비율")),
        (axes[1], "revenue", PALETTE[1], choose(en="share of revenue", ko="매출 비율")),
    ]:
        bars = ax.barh(labels, shares[col].to_numpy(), color=color)
        texts = [f"{v:.0%}" if v >= 0.01 or v == 0 else f"{v:.1%}" for v in shares[col]]
        ax.bar_label(bars, labels=texts, padding=3)
        percent_axis(ax, "x")
        ax.margins(x=0.15)
        finish(ax, name.capitalize(), name, None)
    axes[0].invert_yaxis()
    _suptitle(fig, title)
    axes[0].shares = shares
    return axes


def rate_by_score(
    rates: pd.Series,
    *,
    average: float | None = None,
    title: str,
    ylabel: str,
    xlabel: str | None = None,
    percent: bool = True,
    color: str = PALETTE[0],
    ax: Axes | None = None,
) -> Axes:
    """Bars of a rate (or mean) per RFM score, with the overall average as a dashed line.

    ``xlabel`` defaults to "RFM score (R + F + M)" (in Korean "RFM 점수(R + F + M)").

    Examples
    --------
    >>> ax = rate_by_score(pd.Series([0.2, 0.5], index=[3, 15]), average=0.3, title="t", ylabel="y")
    >>> ax.get_lines()[0].get_ydata()[0]
    0.3
    """
    if not isinstance(rates, pd.Series):
        raise TypeError(f"rates must be a pandas Series, got {type(rates).__name__}")
    if rates.empty:
        raise ValueError("rates is empty: nothing to draw")
    if ax is None:
        _, ax = plt.subplots()
    labels = [f"{i:g}" if isinstance(i, (int, float, np.number)) else str(i) for i in rates.index]
    bars = ax.bar(labels, rates.to_numpy(), color=color)
    fmt = "{:.0%}" if percent else "{:,.0f}"
    ax.bar_label(bars, labels=[fmt.format(v) for v in rates.to_numpy()], padding=2, fontsize=10)
    if average is not None:
        ax.axhline(average, color=PALETTE[7], linestyle="--", linewidth=1.5,
                   label=choose(en="average", ko="평균") + f" {fmt.format(average)}")  # fmt: skip
        ax.legend(loc="upper left")
    if percent:
        percent_axis(ax)
    ax.margins(y=0.12)
    if xlabel is None:
        xlabel = choose(en="RFM score (R + F + M)", ko="RFM 점수(R + F + M)")
    return finish(ax, title, xlabel, ylabel)


def score_counts(
    counts: pd.DataFrame, *, title: str, xlabel: str | None = None, ax: Axes | None = None
) -> Axes:
    """Customers per score under several binning methods (one bar group per score).

    Parameters
    ----------
    counts : pandas.DataFrame
        Index = score, one column per method (e.g. "quantile", "equal width"; these two are
        named in Korean in the Korean edition's legend).
    title : str
        Figure title (state the finding).
    xlabel : str, optional
        Label of the score axis, e.g. "M score (1 = lowest spend, 5 = highest)"; default "score"
        ("점수").
    """
    _need(counts, list(counts.columns), "counts")
    if ax is None:
        _, ax = plt.subplots()
    counts.plot.bar(ax=ax, rot=0, color=PALETTE[: counts.shape[1]], width=0.8)
    for container in ax.containers:
        ax.bar_label(
            container, labels=[f"{v:,.0f}" for v in container.datavalues], padding=2, fontsize=10
        )
    ax.margins(y=0.12)
    names = [str(c) for c in counts.columns]
    if get_language() == "ko":
        names = [_METHOD_KO.get(n, n) for n in names]
    ax.legend(ax.containers, names, title=choose(en="binning", ko="구간 방식"))
    if xlabel is None:
        xlabel = choose(en="score", ko="점수")
    return finish(ax, title, xlabel, choose(en="customers", ko="고객 수"))


def gains_chart(
    curves: pd.DataFrame,
    *,
    title: str,
    marks: tuple[float, ...] = (0.1, 0.2, 0.3, 0.5),
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative gains: the share of an outcome reached when contacting the top x% of a ranking.

    Parameters
    ----------
    curves : pandas.DataFrame
        Index = share of customers contacted (0–1, increasing), one column per ranking with the
        cumulative share of the outcome reached (0–1). The first column is the one labelled at
        ``marks``; a column named "perfect" is drawn dotted, the random diagonal is added.
    title : str
        Figure title (state the finding).
    marks : tuple of float
        Depths at which the first curve's value is written on the chart.
    xlabel, ylabel : str, optional
        Default "customers mailed, best first" and "share of next-period spend reached" (in
        Korean in the Korean edition, like the legend entries "perfect" and "random order").

    Examples
    --------
    >>> x = pd.Index([0.0, 0.5, 1.0])
    >>> ax = gains_chart(pd.DataFrame({"RFM": [0.0, 0.8, 1.0]}, index=x), title="t", marks=(0.5,))
    >>> [t.get_text() for t in ax.texts]
    ['80%']
    """
    _need(curves, list(curves.columns), "curves")
    if ax is None:
        _, ax = plt.subplots()
    x = curves.index.to_numpy(dtype="float64")
    for i, col in enumerate(curves.columns):
        style = ":" if col == "perfect" else "-"
        name = choose(en="perfect", ko="완벽한 순위") if col == "perfect" else str(col)
        ax.plot(x, curves[col].to_numpy(), style, color=PALETTE[i % len(PALETTE)], linewidth=2.2,
                label=name)  # fmt: skip
    ax.plot([0, 1], [0, 1], "--", color=PALETTE[7], linewidth=1.2,
            label=choose(en="random order", ko="무작위 순서"))  # fmt: skip
    main = curves.iloc[:, 0]
    for depth in marks:
        y = float(np.interp(depth, x, main.to_numpy(dtype="float64")))
        ax.plot([depth], [y], "o", color=PALETTE[0])
        ax.annotate(f"{y:.0%}", (depth, y), textcoords="offset points", xytext=(6, -14),
                    fontsize=11)  # fmt: skip
    percent_axis(ax)
    percent_axis(ax, "x")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower right")
    if xlabel is None:
        xlabel = choose(en="customers mailed, best first", ko="발송한 고객(점수 높은 순)")
    if ylabel is None:
        ylabel = choose(
            en="share of next-period spend reached", ko="다음 기간 구매액 중 도달한 비율"
        )
    return finish(ax, title, xlabel, ylabel)


def treated_vs_control(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Purchase rate of contacted and not-contacted customers per group, the gap labelled.

    Parameters
    ----------
    table : pandas.DataFrame
        Index = group (e.g. score band), columns ``treated_rate`` and ``control_rate`` (0–1).
        The difference (the uplift, in points) is written above each pair.
    xlabel, ylabel : str, optional
        Default "RFM score at sending" and "bought within 14 days" (Korean in the Korean edition,
        where the gap reads "+5.0%p").

    Examples
    --------
    >>> t = pd.DataFrame({"treated_rate": [0.1, 0.3], "control_rate": [0.05, 0.25]},
    ...                  index=["low", "high"])
    >>> [t.get_text() for t in treated_vs_control(t, title="t").texts]
    ['+5.0 pts', '+5.0 pts']
    """
    _need(table, ["treated_rate", "control_rate"], "table")
    if ax is None:
        _, ax = plt.subplots()
    labels = [str(i) for i in table.index]
    pos = np.arange(len(labels))
    treated = table["treated_rate"].to_numpy(dtype="float64")
    control = table["control_rate"].to_numpy(dtype="float64")
    ax.bar(
        pos - 0.2, treated, width=0.4, color=PALETTE[0], label=choose(en="contacted", ko="연락받음")
    )
    ax.bar(pos + 0.2, control, width=0.4, color=PALETTE[7],
           label=choose(en="not contacted (control)", ko="연락받지 않음(통제집단)"))  # fmt: skip
    unit = choose(en=" pts", ko="%p")
    for p, t, c in zip(pos, treated, control, strict=True):
        ax.annotate(f"{(t - c) * 100:+.1f}{unit}", (p, max(t, c)), textcoords="offset points",
                    xytext=(0, 5), ha="center", fontsize=11)  # fmt: skip
    ax.set_xticks(pos, labels)
    percent_axis(ax)
    ax.margins(y=0.15)
    ax.legend(loc="upper left")
    if xlabel is None:
        xlabel = choose(en="RFM score at sending", ko="발송 시점의 RFM 점수")
    if ylabel is None:
        ylabel = choose(en="bought within 14 days", ko="14일 안에 구매한 비율")
    return finish(ax, title, xlabel, ylabel)
