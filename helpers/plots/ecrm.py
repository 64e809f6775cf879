"""Figures of notebook 08 (eCRM): gains and lift, profit by targeting depth, the session funnel,
calibration, second-purchase timing.

Every function returns its Axes (tests read bar heights, lines and labels from them) and takes
the tables made by :mod:`helpers.ecrm`.

Examples
--------
>>> from helpers.ecrm import gains_table
>>> from helpers.plots.ecrm import gains_chart
>>> ax = gains_chart({"model": gains_table([1, 0, 1, 0], [4, 3, 2, 1], n_bins=2)}, title="Gains")
>>> ax.get_xlabel()
'Share of list contacted (top deciles first)'
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MultipleLocator

from helpers.language import choose, get_language
from helpers.plots import PALETTE, finish, percent_axis, what_if_box

__all__ = [
    "gains_chart",
    "lift_bars",
    "profit_curve",
    "funnel_chart",
    "calibration_plot",
    "second_purchase_plot",
    "uplift_chart",
    "qini_chart",
    "survival_chart",
    "targeting_what_if",
]


# Korean names of the data's own labels (funnel steps, devices, traffic sources, visitors, models);
# a label not listed here is shown as it is, with "_" as a space.
_KO_LABELS = {
    "visit": "방문",
    "viewed_product": "상품 조회",
    "added_to_cart": "장바구니 담기",
    "purchased": "구매",
    "device": "기기",
    "app": "앱",
    "desktop": "데스크톱",
    "mobile_web": "모바일 웹",
    "traffic_source": "유입 경로",
    "social": "소셜 미디어",
    "organic_search": "자연 검색",
    "paid_search": "검색 광고",
    "direct": "직접 방문",
    "affiliate": "제휴",
    "crm": "CRM 메시지",
    "visitor": "방문자",
    "known": "식별된 방문자",
    "anonymous": "익명 방문자",
    "logistic": "로지스틱 회귀",
    "boosting": "부스팅",
}


def _label(value: object) -> str:
    """A data label for a figure: its Korean name in the Korean edition, else with spaces."""
    text = str(value)
    return choose(en=text.replace("_", " "), ko=_KO_LABELS.get(text, text.replace("_", " ")))


def _name(value: object) -> str:
    """A curve's name as given in English; its Korean name (if listed) in the Korean edition."""
    text = str(value)
    return choose(en=text, ko=_KO_LABELS.get(text, text))


def _tables(tables: Mapping[str, pd.DataFrame], columns: list[str], name: str) -> None:
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError(f"{name} must be a non-empty dict of label -> table")
    for label, table in tables.items():
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"{name}[{label!r}] must be a DataFrame")
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"{name}[{label!r}] has no column {missing}")


def gains_chart(tables: Mapping[str, pd.DataFrame], *, title: str, ax: Axes | None = None) -> Axes:
    """Cumulative gains curves (share of positives found vs share of list contacted).

    Parameters
    ----------
    tables : dict of label -> :func:`helpers.ecrm.gains_table`
        One curve per model; the diagonal is random targeting.
    title : str
        The finding.
    """
    _tables(tables, ["depth", "cum_gain"], "tables")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 6))
    ax.plot(
        [0, 1], [0, 1], color="grey", linestyle="--",
        label=choose(en="random (no model)", ko="무작위(모형 없음)"),
    )  # fmt: skip
    for i, (label, t) in enumerate(tables.items()):
        x = np.concatenate([[0.0], t["depth"].to_numpy()])
        y = np.concatenate([[0.0], t["cum_gain"].to_numpy()])
        ax.plot(x, y, marker="o", color=PALETTE[i % len(PALETTE)], label=_name(label))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    return finish(
        ax,
        title,
        choose(
            en="Share of list contacted (top deciles first)",
            ko="접촉한 명단의 비율(상위 십분위부터)",
        ),
        choose(en="Share of all positives found", ko="찾아낸 반응 고객의 비율"),
    )


def lift_bars(
    gains: pd.DataFrame,
    *,
    title: str,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Lift of each decile as bars, with the line at 1 (= no better than random).

    ``ylabel`` defaults to "Lift (× average rate)" in the reader's language.
    """
    if ylabel is None:
        ylabel = choose(en="Lift (× average rate)", ko="향상도(평균 반응률의 배수)")
    _tables({"gains": gains}, ["lift"], "gains")
    if ax is None:
        _, ax = plt.subplots()
    labels = [str(i) for i in gains.index]
    bars = ax.bar(labels, gains["lift"].to_numpy(), color=PALETTE[0])
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in gains["lift"]], padding=3)
    ax.axhline(1.0, color=PALETTE[5], linestyle="--", linewidth=1.5)
    ax.margins(y=0.12)
    return finish(
        ax,
        title,
        choose(en="Score decile (1 = highest scores)", ko="점수 십분위(1 = 점수가 가장 높음)"),
        ylabel,
    )


def profit_curve(
    tables: Mapping[str, pd.DataFrame],
    *,
    title: str,
    unit: str | None = None,
    scale: float = 1e6,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative profit of contacting the top d deciles, one line per scenario, best depth marked.

    ``unit`` defaults to "million KRW" (백만 원) in the reader's language.
    """
    if unit is None:
        unit = choose(en="million KRW", ko="백만 원")
    _tables(tables, ["depth", "cum_profit"], "tables")
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if ax is None:
        _, ax = plt.subplots()
    for i, (label, t) in enumerate(tables.items()):
        x = np.concatenate([[0.0], t["depth"].to_numpy()])
        y = np.concatenate([[0.0], t["cum_profit"].to_numpy()]) / scale
        color = PALETTE[i % len(PALETTE)]
        ax.plot(x, y, marker="o", color=color, label=label)
        best = int(np.argmax(y))
        ax.scatter([x[best]], [y[best]], s=160, facecolor="none", edgecolor=color, linewidth=2.5)
    ax.axhline(0, color="grey", linewidth=1)
    percent_axis(ax, "x")
    ax.legend(loc="best")
    return finish(
        ax,
        title,
        choose(
            en="Share of list contacted (top deciles first)",
            ko="접촉한 명단의 비율(상위 십분위부터)",
        ),
        choose(en=f"Cumulative profit ({unit})", ko=f"누적 이익({unit})"),
    )


def funnel_chart(
    funnel_table: pd.DataFrame, *, by: str | None = None, title: str, ax: Axes | None = None
) -> Axes:
    """Share of visits reaching each funnel step, one group of bars per step and one colour per group.

    Parameters
    ----------
    funnel_table : pandas.DataFrame
        The result of :func:`helpers.ecrm.funnel` (``step``, ``share_of_visits``, the ``by``
        column when grouped).
    by : str, optional
        The grouping column of the table.
    """
    need = ["step", "share_of_visits"] + ([by] if by else [])
    _tables({"funnel_table": funnel_table}, need, "funnel_table")
    if ax is None:
        _, ax = plt.subplots()
    steps = list(dict.fromkeys(funnel_table["step"]))
    groups = list(dict.fromkeys(funnel_table[by])) if by else [None]
    width = 0.8 / len(groups)
    x = np.arange(len(steps))
    for i, g in enumerate(groups):
        part = funnel_table if g is None else funnel_table.loc[funnel_table[by] == g]
        share = part.set_index("step")["share_of_visits"].reindex(steps).to_numpy()
        bars = ax.bar(
            x + (i - (len(groups) - 1) / 2) * width,
            share,
            width=width,
            color=PALETTE[i % len(PALETTE)],
            label=_label(g) if g is not None else None,
        )
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in share], padding=2, fontsize=10)
    ax.set_xticks(x, [_label(s) for s in steps])
    percent_axis(ax, "y")
    ax.set_ylim(0, 1.1)
    if by:
        ax.legend(title=_label(by), loc="upper right")
    return finish(
        ax,
        title,
        choose(en="Funnel step", ko="퍼널 단계"),
        choose(en="Share of visits reaching the step", ko="그 단계에 이른 방문의 비율"),
    )


def calibration_plot(
    tables: Mapping[str, pd.DataFrame], *, title: str, ax: Axes | None = None
) -> Axes:
    """Observed rate vs mean predicted probability per group (:func:`helpers.ecrm.calibration_table`)."""
    _tables(tables, ["mean_predicted", "observed"], "tables")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 6))
    ax.plot(
        [0, 1], [0, 1], color="grey", linestyle="--",
        label=choose(en="perfect calibration", ko="완벽한 보정"),
    )  # fmt: skip
    for i, (label, t) in enumerate(tables.items()):
        ax.plot(
            t["mean_predicted"], t["observed"], marker="o", color=PALETTE[i % len(PALETTE)],
            label=label,
        )  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="upper left")
    return finish(
        ax,
        title,
        choose(en="Predicted churn probability (group mean)", ko="예측 이탈 확률(그룹 평균)"),
        choose(en="Observed churn rate", ko="관찰된 이탈률"),
    )


def second_purchase_plot(curve: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """Hazard of a second purchase per window (bars) and the cumulative share returned (line).

    Parameters
    ----------
    curve : pandas.DataFrame
        The result of :func:`helpers.ecrm.second_purchase_curve`.

    Returns
    -------
    Axes
        The left axis (hazard bars); the line is on ``ax.right_ax``.
    """
    _tables({"curve": curve}, ["window_end", "hazard", "cum_returned"], "curve")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    starts = curve.index.to_numpy(dtype=float)
    widths = curve["window_end"].to_numpy(dtype=float) - starts
    ax.bar(
        starts, curve["hazard"].to_numpy(), width=widths * 0.9, align="edge", color=PALETTE[4],
        label=choose(en="hazard: chance of a 2nd order in the window",
                     ko="위험률: 그 구간에 두 번째 주문을 할 확률"),
    )  # fmt: skip
    percent_axis(ax, "y")
    ax.yaxis.set_major_locator(MultipleLocator(0.05))
    right = ax.twinx()
    right.plot(
        np.concatenate([[0.0], curve["window_end"].to_numpy(dtype=float)]),
        np.concatenate([[0.0], curve["cum_returned"].to_numpy()]), color=PALETTE[0], marker="o", markersize=4,
        label=choose(en="cumulative share with a 2nd order", ko="두 번째 주문을 한 누적 비율"),
    )  # fmt: skip
    right.set_ylim(0, 1)
    percent_axis(right, "y")
    right.set_ylabel(
        choose(en="Cumulative share with a 2nd order", ko="두 번째 주문을 한 누적 비율")
    )
    if get_language() == "ko":  # the Hangul label needs more room from the tick labels
        right.yaxis.labelpad = 14
    right.grid(False)
    handles = ax.get_legend_handles_labels()
    handles2 = right.get_legend_handles_labels()
    # upper right: above the cumulative curve and clear of the hazard bars
    ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], loc="upper right")
    ax.right_ax = right
    return finish(
        ax,
        title,
        choose(en="Days since the first purchase", ko="첫 구매 후 경과 일수"),
        choose(en=f"Hazard per {widths[0]:.0f}-day window", ko=f"{widths[0]:.0f}일 구간별 위험률"),
    )


def uplift_chart(table: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """Treated and control conversion by score decile (bars) with the uplift and its interval.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`helpers.uplift.uplift_by_decile` (``treated_rate``, ``control_rate``, ``uplift``,
        ``uplift_low``, ``uplift_high``; index = decile).

    Examples
    --------
    >>> t = pd.DataFrame({"treated_rate": [0.3, 0.1], "control_rate": [0.2, 0.1], "uplift": [0.1, 0.0],
    ...                   "uplift_low": [0.05, -0.02], "uplift_high": [0.15, 0.02]}, index=[1, 2])
    >>> len(uplift_chart(t, title="Uplift").patches)
    4
    """
    need = ["treated_rate", "control_rate", "uplift", "uplift_low", "uplift_high"]
    _tables({"table": table}, need, "table")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4.8))
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["treated_rate"], 0.4, color=PALETTE[0],
           label=choose(en="contacted (treated)", ko="접촉함(처치집단)"))  # fmt: skip
    ax.bar(x + 0.2, table["control_rate"], 0.4, color=PALETTE[7],
           label=choose(en="not contacted (control)", ko="접촉하지 않음(통제집단)"))  # fmt: skip
    err = np.vstack([table["uplift"] - table["uplift_low"], table["uplift_high"] - table["uplift"]])
    ax.errorbar(x, table["uplift"], yerr=err, fmt="o-", color=PALETTE[1], capsize=3,
                label=choose(en="uplift = treated − control (95 % interval)",
                             ko="증분 효과 = 처치 − 통제(95% 구간)"))  # fmt: skip
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, [str(i) for i in table.index])
    percent_axis(ax, "y")
    ax.legend(fontsize=11, frameon=False)
    return finish(
        ax,
        title,
        choose(en="Decile of the score (1 = highest)", ko="점수 십분위(1 = 가장 높음)"),
        choose(en="Converted within 14 days (%)", ko="14일 안에 전환한 비율(%)"),
    )


def qini_chart(curves: Mapping[str, pd.DataFrame], *, title: str, ax: Axes | None = None) -> Axes:
    """Qini curves (incremental conversions against the share targeted) and the random line.

    Parameters
    ----------
    curves : dict of label -> :func:`helpers.uplift.qini_curve`
        One curve per ranking; the random line is taken from the first.

    Examples
    --------
    >>> c = pd.DataFrame({"share": [0, 0.5, 1], "qini": [0, 3, 4], "random": [0, 2, 4]})
    >>> len(qini_chart({"model": c}, title="Qini").lines)
    2
    """
    _tables(curves, ["share", "qini", "random"], "curves")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    for i, (label, curve) in enumerate(curves.items()):
        ax.plot(curve["share"], curve["qini"], color=PALETTE[i], lw=2, label=label)
    first = next(iter(curves.values()))
    ax.plot(first["share"], first["random"], color="0.5", ls="--",
            label=choose(en="random targeting", ko="무작위 타기팅"))  # fmt: skip
    percent_axis(ax, "x")
    ax.legend(fontsize=11, frameon=False)
    return finish(
        ax,
        title,
        choose(
            en="Share of eligible customers targeted (highest score first)",
            ko="타기팅한 대상 고객의 비율(점수가 높은 순)",
        ),
        choose(en="Incremental conversions (Qini)", ko="증분 전환 수(Qini)"),
    )


def survival_chart(
    curves: Mapping[str, pd.DataFrame], *, title: str, ax: Axes | None = None
) -> Axes:
    """Kaplan–Meier survival curves as steps, one per group.

    Parameters
    ----------
    curves : dict of label -> DataFrame with columns ``time`` and ``survival``
        E.g. built from statsmodels' ``SurvfuncRight`` (``surv_times``, ``surv_prob``).

    Examples
    --------
    >>> c = pd.DataFrame({"time": [0, 1, 2], "survival": [1.0, 0.8, 0.5]})
    >>> len(survival_chart({"basic": c}, title="KM").lines)
    1
    """
    _tables(curves, ["time", "survival"], "curves")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.8))
    for i, (label, curve) in enumerate(curves.items()):
        ax.step(curve["time"], curve["survival"], where="post", color=PALETTE[i], lw=2, label=label)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "y")
    ax.legend(fontsize=11, frameon=False)
    return finish(
        ax,
        title,
        choose(en="Months since the membership started", ko="멤버십 시작 후 경과 개월 수"),
        choose(en="Still a member (%)", ko="회원으로 남은 비율(%)"),
    )


def targeting_what_if(
    y_true: pd.Series | np.ndarray,
    score: pd.Series | np.ndarray,
    amount: pd.Series | np.ndarray,
    *,
    cost: float = 1200.0,
    margin: float = 0.25,
    max_cost: float = 6000.0,
    unit: str | None = None,
    scale: float = 1e6,
):
    """An ipywidgets what-if of targeting depth: cost per contact and margin on sliders.

    Moving a slider reprices the same ranked list with :func:`helpers.ecrm.targeting_scenarios`
    and redraws a small table (break-even response rate, best depth, profit there and of
    contacting everyone) and the cumulative-profit curve, with the starting scenario as a pale
    reference line. As in notebook 01's what-if, the results are written into the Output
    widget's stored contents (``append_display_data``), never printed while the cell runs, so an
    executed notebook stores only the widget and its stable text (what strict nbval compares).

    Parameters
    ----------
    y_true, score, amount : array-like
        Outcome (0/1), targeting score (higher = contact first) and what a positive row spends.
    cost, margin : float
        Starting cost per contact (same unit as ``amount``) and margin (share of ``amount``).
    max_cost : float
        Right end of the cost slider.
    unit, scale : str, float
        Money shown in ``unit`` = amount / ``scale``; ``unit`` defaults to "million KRW"
        (백만 원) in the reader's language.

    Returns
    -------
    ipywidgets.HBox
        Sliders on the left, results on the right. Display it with ``display(...)``.

    Examples
    --------
    >>> box = targeting_what_if([1, 0, 0, 0], [4, 3, 2, 1], [400, 0, 0, 0], cost=10,
    ...                         margin=0.5, scale=1, unit="KRW")  # doctest: +SKIP
    >>> [c.description for c in box.children[0].children]  # doctest: +SKIP
    ['Cost/contact', 'Margin']
    """
    from helpers.ecrm import profit_by_depth, targeting_scenarios

    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if unit is None:
        unit = choose(en="million KRW", ko="백만 원")
    if not 0 <= cost <= max_cost:
        raise ValueError(f"cost must be between 0 and max_cost ({max_cost}), got {cost}")
    targeting_scenarios(y_true, score, amount, costs=[cost], margin=margin)  # validates inputs
    amounts = np.asarray(amount, dtype="float64")
    start = profit_by_depth(y_true, score, margin * amounts, cost_per_contact=cost)

    def render(values: dict[str, float]):
        c, m = values["cost"], values["margin"]
        row = targeting_scenarios(y_true, score, amounts, costs=[c], margin=m).iloc[0]
        shown = pd.Series(
            {
                choose(en="break-even response rate (%)", ko="손익분기 반응률(%)"): round(
                    100 * row["break_even_rate"], 2
                ),
                choose(en="best depth (deciles)", ko="최적 깊이(십분위 수)"): int(
                    row["best_depth_deciles"]
                ),
                choose(
                    en=f"profit at best depth ({unit})", ko=f"최적 깊이에서의 이익({unit})"
                ): round(row["profit_best"] / scale, 2),
                choose(
                    en=f"profit mailing everyone ({unit})", ko=f"모두에게 보낼 때의 이익({unit})"
                ): round(row["profit_everyone"] / scale, 2),
                choose(
                    en=f"gain from targeting ({unit})", ko=f"타기팅으로 얻는 이익({unit})"
                ): round(row["gain_vs_everyone"] / scale, 2),
            },
            name=choose(en=f"{c:,.0f} KRW, {m:.0%} margin", ko=f"{c:,.0f}원, 마진 {m:.0%}"),
            dtype=object,
        ).to_frame()
        depth = int(row["best_depth_deciles"])
        if depth:
            title = choose(
                en=f"Mail the top {depth} of 10 deciles: {row['profit_best'] / scale:,.1f} {unit}",
                ko=f"상위 {depth}개 십분위(10개 중)에 보내면 이익이 {row['profit_best'] / scale:,.1f} {unit}입니다",
            )
        else:
            title = choose(
                en="No decile pays for its contacts: mail nobody",
                ko="접촉 비용을 회수하는 십분위가 없습니다: 아무에게도 보내지 마십시오",
            )
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        table = profit_by_depth(y_true, score, m * amounts, cost_per_contact=c)
        start_label = choose(
            en=f"start: {cost:,.0f} KRW, {margin:.0%} margin",
            ko=f"시작: {cost:,.0f}원, 마진 {margin:.0%}",
        )
        profit_curve(
            {start_label: start, choose(en="what-if", ko="what-if 시나리오"): table},
            title=title,
            unit=unit,
            scale=scale,
            ax=ax,
        )
        for artist in (ax.lines[0], ax.collections[0]):  # the starting scenario, pale
            artist.set_alpha(0.35)
        ax.legend(loc="best")  # again, so the legend shows the pale line too
        return shown, fig

    return what_if_box(
        {
            "cost": (
                choose(en="Cost/contact", ko="접촉당 비용"),
                float(cost),
                0.0,
                float(max_cost),
                50.0,
                ",.0f",
            ),
            "margin": (choose(en="Margin", ko="마진"), float(margin), 0.05, 0.60, 0.01, ".0%"),
        },
        render,
        label_width="100px",
        slider_width="340px",
        output_width="640px",
    )
