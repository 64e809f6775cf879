"""Figures of notebook 04: NPS by group, driver coefficients, rates with intervals, IPA chart.

Every function takes the tidy table the matching :mod:`helpers.satisfaction` function returns,
draws on a new or given Axes in the shared style and returns the Axes, so tests can read back
what the figure shows. Titles, axis labels, legends, quadrant names and the what-if widget speak the
reader's language (:func:`helpers.language.choose`, evaluated when a figure is drawn); the element
names come as "Product design (제품 디자인)" in English and "제품 디자인 (Product design)" in Korean.

Examples
--------
>>> import pandas as pd
>>> from helpers.satisfaction import nps_by
>>> from helpers.plots.satisfaction import nps_stack
>>> df = pd.DataFrame({"nps": [10, 9, 3, 8, 0, 6], "channel": list("aaabbb")})
>>> ax = nps_stack(nps_by(df, "channel"), title="Channel a recommends us more")
>>> len(ax.patches)
6
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from helpers.language import choose
from helpers.plots import PALETTE, finish, percent_axis, what_if_box
from helpers.satisfaction import ELEMENT_LABELS, QUADRANTS, fcr_customers_kept

__all__ = [
    "channel_label",
    "coef_plot",
    "element_label",
    "fcr_what_if",
    "ipa_chart",
    "nps_stack",
    "quadrant_name",
    "rate_plot",
]

NPS_COLORS = {"detractors": PALETTE[5], "passives": "#BBBBBB", "promoters": PALETTE[2]}
_LOG_TICKS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 2, 3, 4, 5, 10]
QUADRANT_COLORS = {
    QUADRANTS[(True, False)]: PALETTE[5],
    QUADRANTS[(True, True)]: PALETTE[2],
    QUADRANTS[(False, False)]: "#777777",
    QUADRANTS[(False, True)]: PALETTE[1],
}


def element_label(element: str, *, short: bool = False) -> str:
    """An element's display name in the reader's language, with the other language's term beside it.

    ``short=True`` gives the name alone, for a title: "After-sales" or "사후 서비스".

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("en")
    >>> element_label("after_sales"), element_label("after_sales", short=True)
    ('After-sales (사후 서비스)', 'After-sales')
    >>> set_language("ko")
    >>> element_label("after_sales"), element_label("after_sales", short=True)
    ('사후 서비스 (After-sales)', '사후 서비스')
    >>> set_language(None)
    """
    if element not in ELEMENT_LABELS:
        raise ValueError(f"element must be one of {list(ELEMENT_LABELS)}, got {element!r}")
    english, korean = ELEMENT_LABELS[element].removesuffix(")").split(" (", 1)
    if short:
        return choose(en=english, ko=korean)
    return choose(en=ELEMENT_LABELS[element], ko=f"{korean} ({english})")


_CHANNELS_KO = {
    "referral": "추천",
    "organic": "자연 유입",
    "social": "소셜",
    "search_ads": "검색 광고",
    "affiliate": "제휴",
}


def channel_label(channel: str) -> str:
    """An acquisition channel's name on a figure: the data's own name in English, Korean in Korean.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("en")
    >>> channel_label("search_ads")
    'search_ads'
    >>> set_language("ko")
    >>> channel_label("search_ads")
    '검색 광고'
    >>> set_language(None)
    """
    return choose(en=channel, ko=_CHANNELS_KO.get(channel, channel))


def _element_labels() -> dict[str, str]:
    return {e: element_label(e) for e in ELEMENT_LABELS}


_QUADRANTS_KO = {
    QUADRANTS[(True, False)]: "집중 개선",
    QUADRANTS[(True, True)]: "현 수준 유지",
    QUADRANTS[(False, False)]: "낮은 우선순위",
    QUADRANTS[(False, True)]: "과잉 가능성",
}


def _quadrant_label(name: str) -> str:
    """A quadrant's name on the chart: the English name (the answer key's), in Korean with it below."""
    return choose(en=name, ko=f"{_QUADRANTS_KO[name]}\n({name})")


def quadrant_name(name: str) -> str:
    """A quadrant's name in a table: English as it is; Korean with the English name (the answer key's).

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("en")
    >>> quadrant_name("Concentrate here")
    'Concentrate here'
    >>> set_language("ko")
    >>> quadrant_name("Concentrate here")
    '집중 개선 (Concentrate here)'
    >>> set_language(None)
    """
    return choose(en=name, ko=f"{_QUADRANTS_KO[name]} ({name})")


_NPS_PARTS = {
    "detractors": ("Detractors", "비추천 고객"),
    "passives": ("Passives", "중립 고객"),
    "promoters": ("Promoters", "추천 고객"),
}


def _need(table: pd.DataFrame, columns: list[str]) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    if table.empty:
        raise ValueError("table is empty: nothing to draw")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"table lacks column(s) {missing}; it has {list(table.columns)}")


def _labels(index: pd.Index, labels: Mapping[str, str] | None) -> list[str]:
    labels = labels or {}
    return [labels.get(str(i), str(i)) for i in index]


def nps_stack(
    table: pd.DataFrame,
    *,
    title: str,
    ylabel: str = "",
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal 100% bars of detractors, passives and promoters per group, NPS written at the end.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.satisfaction.nps_by` (or any frame with ``detractors``,
        ``passives``, ``promoters``, ``nps`` and ``n``), drawn top to bottom in its order.
    title : str
        Title stating the finding.
    ylabel : str
        Label of the group axis.
    labels : mapping, optional
        Display names of the groups.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _need(table, ["detractors", "passives", "promoters", "nps", "n"])
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.6 * len(table) + 2.2))
    names = [
        f"{name} (n={n:,})"
        for name, n in zip(_labels(table.index, labels), table["n"], strict=True)
    ]
    left = np.zeros(len(table))
    for part in ("detractors", "passives", "promoters"):
        widths = table[part].to_numpy(dtype=float)
        ax.barh(
            names,
            widths,
            left=left,
            color=NPS_COLORS[part],
            label=choose(en=_NPS_PARTS[part][0], ko=_NPS_PARTS[part][1]),
            height=0.7,
        )
        left = left + widths
    for y, score in enumerate(table["nps"]):
        ax.text(1.01, y, f"NPS {score:+.0f}", va="center", ha="left", fontsize=12)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.16)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    percent_axis(ax, "x")
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.16), ncol=3, frameon=False)
    ax.grid(axis="y", visible=False)
    return finish(ax, title, choose(en="Share of respondents (%)", ko="응답자 비율 (%)"), ylabel)


def coef_plot(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    estimate: str = "coef",
    low: str = "ci_low",
    high: str = "ci_high",
    reference: float = 0.0,
    log: bool = False,
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Point estimates with confidence intervals, one row per driver, and a reference line.

    Use ``estimate="odds_ratio", low="or_low", high="or_high", reference=1, log=True`` for the
    odds ratios of a logistic model.

    Parameters
    ----------
    table : pandas.DataFrame
        ``DriverFit.table`` (or any frame with the three columns), drawn top to bottom in order.
    title, xlabel : str
        Title stating the finding; x label with its unit.
    reference : float
        Where "no effect" is (0 for coefficients, 1 for odds ratios).
    log : bool
        Log-scale x axis (odds ratios).
    labels : mapping, optional
        Display names; default the element names with the other language's term
        (:func:`element_label`).

    Returns
    -------
    matplotlib.axes.Axes
    """
    _need(table, [estimate, low, high])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.7 * len(table) + 2))
    names = _labels(table.index, _element_labels() if labels is None else labels)
    y = np.arange(len(table))
    est = table[estimate].to_numpy(dtype=float)
    err = np.vstack(
        [est - table[low].to_numpy(dtype=float), table[high].to_numpy(dtype=float) - est]
    )
    ax.errorbar(
        est, y, xerr=err, fmt="o", color=PALETTE[0], ecolor=PALETTE[0], capsize=5, ms=9, lw=2
    )
    ax.axvline(reference, color="#555555", ls="--", lw=1.2)
    if log:
        ax.set_xscale("log")
        lo = min(float(table[low].min()), reference) / 1.15
        hi = max(float(table[high].max()), reference) * 1.15
        ax.set_xlim(lo, hi)
        ticks = [t for t in _LOG_TICKS if lo <= t <= hi]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.xaxis.set_minor_formatter(plt.FuncFormatter(lambda v, _: ""))
    for yi, v in zip(y, est, strict=True):
        ax.annotate(
            f"{v:.2f}", (v, yi), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=11
        )
    ax.set_yticks(y, names)
    ax.set_ylim(len(table) - 0.5, -0.7)
    ax.grid(axis="y", visible=False)
    return finish(ax, title, xlabel, "")


def rate_plot(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    value: str = "rate",
    low: str = "ci_low",
    high: str = "ci_high",
    percent: bool = True,
    color: str = PALETTE[0],
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Bars of a rate (or mean) per group with confidence-interval whiskers and n under each bar.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.satisfaction.rate_by` or :func:`helpers.satisfaction.mean_by`.
    value, low, high : str
        Columns of the estimate and its interval.
    percent : bool, default True
        Format the value axis and labels as percentages (for rates).
    labels : mapping, optional
        Display names of the groups (e.g. in the reader's language); default the index itself.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _need(table, [value, low, high])
    if ax is None:
        _, ax = plt.subplots()
    names = _labels(table.index, labels)
    if "n" in table.columns:
        names = [f"{name}\n(n={n:,})" for name, n in zip(names, table["n"], strict=True)]
    est = table[value].to_numpy(dtype=float)
    err = np.vstack(
        [est - table[low].to_numpy(dtype=float), table[high].to_numpy(dtype=float) - est]
    )
    bars = ax.bar(
        names, est, color=color, yerr=err, capsize=6, error_kw={"lw": 1.5, "ecolor": "#333333"}
    )
    fmt = "{:.0%}" if percent else "{:.2f}"
    ax.bar_label(
        bars, labels=[fmt.format(v) for v in est], label_type="center", color="white", fontsize=12
    )
    if percent:
        percent_axis(ax, "y")
    ax.grid(axis="x", visible=False)
    return finish(ax, title, xlabel, ylabel)


def ipa_chart(
    ipa: pd.DataFrame,
    *,
    title: str,
    xlabel: str | None = None,
    ylabel: str | None = None,
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Importance–performance grid (Martilla & James 1977): elements as points, quadrants named.

    Performance runs along x, importance along y, so "Concentrate here" is top left, "Keep up the
    good work" top right, "Low priority" bottom left and "Possible overkill" bottom right, as in the
    original paper. The cross-hairs are the cuts stored in ``ipa.attrs``.

    Parameters
    ----------
    ipa : pandas.DataFrame
        Output of :func:`helpers.satisfaction.importance_performance`.
    title, xlabel, ylabel : str
        Title stating the finding, axis labels with units (default "Performance: mean score
        (1–5)" and "Importance", in the reader's language).
    labels : mapping, optional
        Display names; default the element names with the other language's term
        (:func:`element_label`).

    Returns
    -------
    matplotlib.axes.Axes
    """
    _need(ipa, ["importance", "performance", "quadrant"])
    if ax is None:
        _, ax = plt.subplots(figsize=(9.5, 6.5))
    icut = ipa.attrs.get("importance_cut", float(ipa["importance"].mean()))
    pcut = ipa.attrs.get("performance_cut", float(ipa["performance"].mean()))
    x, y = ipa["performance"].to_numpy(float), ipa["importance"].to_numpy(float)
    xpad = max(np.ptp(np.append(x, pcut)) * 0.35, 0.15)
    ypad = max(np.ptp(np.append(y, icut)) * 0.35, 0.05)
    ax.set_xlim(min(x.min(), pcut) - xpad, max(x.max(), pcut) + xpad)
    ax.set_ylim(min(y.min(), icut) - ypad, max(y.max(), icut) + ypad)
    ax.axvline(pcut, color="#555555", lw=1.2, ls="--")
    ax.axhline(icut, color="#555555", lw=1.2, ls="--")
    corners = {
        QUADRANTS[(True, False)]: (0.02, 0.97, "left", "top"),
        QUADRANTS[(True, True)]: (0.98, 0.97, "right", "top"),
        QUADRANTS[(False, False)]: (0.02, 0.03, "left", "bottom"),
        QUADRANTS[(False, True)]: (0.98, 0.03, "right", "bottom"),
    }
    for name, (cx, cy, ha, va) in corners.items():
        ax.text(
            cx,
            cy,
            _quadrant_label(name),
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=13,
            color=QUADRANT_COLORS[name],
            fontweight="bold",
            alpha=0.9,
        )
    colors = [QUADRANT_COLORS[q] for q in ipa["quadrant"]]
    ax.scatter(x, y, s=180, c=colors, edgecolor="black", zorder=3)
    names = _labels(ipa.index, _element_labels() if labels is None else labels)
    (xlo, xhi), (ylo, yhi) = ax.get_xlim(), ax.get_ylim()
    label_y = _dodge(y, min_gap=0.075 * (yhi - ylo))
    for xi, yi, ly, name in zip(x, y, label_y, names, strict=True):
        ax.annotate(
            name,
            (xi, yi),
            xytext=(xi + 0.025 * (xhi - xlo), ly),
            ha="left",
            va="center",
            fontsize=12,
            zorder=4,
            # a white box keeps a name legible where it crosses a cross-hair or grid line
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
            arrowprops={
                "arrowstyle": "-",
                "color": "#888888",
                "lw": 0.8,
                "shrinkA": 0,
                "shrinkB": 7,
            },
        )
    if xlabel is None:
        xlabel = choose(en="Performance: mean score (1–5)", ko="성과: 평균 점수 (1–5)")
    if ylabel is None:
        ylabel = choose(en="Importance", ko="중요도")
    return finish(ax, title, xlabel, ylabel)


def _dodge(values: np.ndarray, *, min_gap: float) -> np.ndarray:
    """Label positions near ``values`` but at least ``min_gap`` apart (order preserved)."""
    order = np.argsort(values, kind="stable")
    placed = values[order].astype(float).copy()
    for i in range(1, len(placed)):  # a handful of labels, not rows of data
        placed[i] = max(placed[i], placed[i - 1] + min_gap)
    shift = (placed - values[order]).mean()
    out = np.empty_like(placed)
    out[order] = placed - shift / 2
    return out


def fcr_what_if(
    n_customers: int, fcr_now: float, churn_gap: float, *, target: float = 0.80, months: int = 6
):  # -> ipywidgets.HBox
    """An ipywidgets what-if: customers kept when first-contact resolution rises to a target.

    One slider (target FCR); a small table shows the customers with a ticket, the current and the
    target FCR, the churn gap and the customers kept (:func:`helpers.satisfaction.fcr_customers_kept`).
    Results are written into the Output widget's stored contents, so an executed notebook keeps
    only the widget (stable under strict nbval); moving the slider needs a running kernel.

    Parameters
    ----------
    n_customers : int
        Customers with a (first) ticket in the period.
    fcr_now : float
        Their current first-contact resolution rate (0–1).
    churn_gap : float
        Churn rate after an unsolved minus after a solved ticket (0–1).
    target : float, default 0.80
        Starting value of the slider.
    months : int, default 6
        Length of the churn window, for the row label.

    Returns
    -------
    ipywidgets.HBox
        Slider on the left, results on the right. Display it with ``display(...)``.

    Examples
    --------
    >>> box = fcr_what_if(1000, 0.65, 0.2)  # doctest: +SKIP
    >>> box.children[0].children[0].description  # doctest: +SKIP
    'Target FCR'
    """
    fcr_customers_kept(n_customers, fcr_now, target, churn_gap)  # validates the inputs

    def render(values: dict[str, float]) -> pd.DataFrame:
        kept = fcr_customers_kept(n_customers, fcr_now, values["target"], churn_gap)
        return pd.DataFrame(
            {
                choose(en="value", ko="값"): [
                    f"{n_customers:,}",
                    f"{fcr_now:.0%}",
                    f"{values['target']:.0%}",
                    f"{churn_gap:.1%}",
                    f"{kept:,.0f}",
                ]
            },
            index=[
                choose(en="customers with a ticket", ko="티켓이 있는 고객"),
                choose(en="first-contact resolution now", ko="현재 첫 문의 해결률"),
                choose(en="first-contact resolution target", ko="목표 첫 문의 해결률"),
                choose(
                    en=f"churn gap (unsolved − solved, {months} months)",
                    ko=f"이탈률 차이 (미해결 − 해결, {months}개월)",
                ),
                choose(
                    en=f"customers kept for {months} months", ko=f"{months}개월 동안 지켜 낸 고객"
                ),
            ],
        )

    return what_if_box(
        {"target": (choose(en="Target FCR", ko="목표 FCR"), target, 0.50, 1.00, 0.01, ".0%")},
        render,
        label_width="90px",
        slider_width="320px",
        output_width="480px",
        note=choose(
            en="customers kept = customers × max(target − now, 0) × churn gap",
            ko="지켜 낸 고객 = 고객 수 × max(목표 − 현재, 0) × 이탈률 차이",
        ),
    )
