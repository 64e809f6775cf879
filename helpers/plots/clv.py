"""Figures of notebook 03 (customer lifetime value). Every function returns its Axes.

Examples
--------
>>> from helpers.data import load_sbg_survivors
>>> from helpers.clv import fit_sbg
>>> from helpers.plots.clv import plot_sbg_survival
>>> sv = load_sbg_survivors()
>>> fits = {c: fit_sbg(sv.loc[0:7, c]) for c in sv}
>>> ax = plot_sbg_survival(sv, fits, fit_through=7)
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from helpers.clv import BGNBDFit, GammaGammaFit, SBGFit, customer_lifetime_value
from helpers.language import choose
from helpers.plots import PALETTE, SEQUENTIAL, finish, percent_axis, what_if_box

__all__ = [
    "plot_sbg_survival",
    "plot_sbg_retention",
    "plot_holdout_by_frequency",
    "plot_repeat_tracking",
    "plot_prob_alive",
    "plot_retention_value",
    "plot_rank_scatter",
    "plot_alive_vs_truth",
    "retention_what_if",
    "plot_calibration_histogram",
    "plot_incremental_tracking",
    "plot_iso_value",
    "plot_survival_vs_km",
    "plot_gains",
    "score_label",
]


def _axes(ax: Axes | None, size: tuple[float, float] = (9.0, 5.0)) -> Axes:
    return plt.subplots(figsize=size)[1] if ax is None else ax


def _recency_label(unit: str) -> str:
    """The recency axis label; the unit is translated when it is one of the usual ones."""
    ko_unit = {"weeks": "주", "days": "일", "months": "개월"}.get(unit, unit)
    return choose(
        en=f"Recency: time of last purchase since the first ({unit})",
        ko=f"최근성: 첫 구매부터 마지막 구매까지의 시간({ko_unit})",
    )


_NAMES_KO = {
    "regular": "일반",
    "high_end": "고급",
    "basic": "베이직",
    "plus": "플러스",
    "model_clv": "모형 CLV",
    "simple_ltv": "단순 LTV",
    "rfm_score": "RFM 점수",
    "last_6m_spend": "최근 6개월 구매액",
    "next_6m_spend": "다음 6개월 구매액",
}


def score_label(name: object, *, with_data_name: bool = False) -> str:
    """A cohort, plan or ranking name as a reader sees it: the data name in English, Korean in Korean.

    With ``with_data_name`` the Korean label keeps the data name in brackets, to say once which
    column it is. Unknown names are shown unchanged.

    Examples
    --------
    >>> from helpers.language import set_language
    >>> set_language("ko")
    >>> score_label("model_clv"), score_label("regular", with_data_name=True), score_label("other")
    ('모형 CLV', '일반(regular)', 'other')
    >>> set_language("en")
    >>> score_label("model_clv")
    'model_clv'
    >>> set_language(None)
    """
    ko = _NAMES_KO.get(str(name))
    if ko is None:
        return str(name)
    return choose(en=str(name), ko=f"{ko}({name})" if with_data_name else ko)


def _text(given: str | None, *, en: str, ko: str) -> str:
    """A caller's figure text, or the default in the reader's language (chosen at call time)."""
    return choose(en=en, ko=ko) if given is None else given


def plot_sbg_survival(
    survivors: pd.DataFrame,
    fits: Mapping[str, SBGFit],
    *,
    fit_through: int,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Share of each cohort still subscribed: actual (markers) vs sBG (lines), years 0–max.

    Parameters
    ----------
    survivors : DataFrame
        Indexed by period, one column of counts per cohort (e.g. ``load_sbg_survivors()``).
    fits : mapping
        Cohort name (a column of ``survivors``) → fitted model.
    fit_through : int
        Last period used for fitting; a dashed line marks it.
    """
    ax = _axes(ax)
    years = survivors.index.to_numpy(dtype=float)
    grid = np.linspace(0, years.max(), 200)
    for i, (name, fit) in enumerate(fits.items()):
        color = PALETTE[i % len(PALETTE)]
        actual = survivors[name] / survivors[name].iloc[0]
        ax.plot(
            years,
            actual,
            "o",
            color=color,
            label=f"{score_label(name, with_data_name=True)}: " + choose(en="actual", ko="실제"),
        )
        ax.plot(grid, fit.survival(grid), "-", color=color, label=f"{score_label(name)}: sBG")
    ax.axvline(fit_through, color="grey", linestyle="--", linewidth=1)
    ax.annotate(
        choose(en="fitted ← | → projected", ko="적합 ← | → 예측"),
        xy=(fit_through, 0.95),
        ha="center",
        fontsize=11,
        color="grey",
    )
    ax.set_ylim(0, 1.02)
    percent_axis(ax)
    ax.legend(ncol=2, loc="lower left")
    return finish(
        ax,
        _text(
            title,
            en="The sBG fitted on years 0–7 projects survival to year 12",
            ko="0–7년에 적합한 sBG가 12년까지의 생존을 예측합니다",
        ),
        choose(en="Years since joining", ko="가입 후 연수"),
        choose(en="Customers still subscribed (%)", ko="아직 가입 중인 고객(%)"),
    )


def plot_sbg_retention(
    survivors: pd.DataFrame,
    fits: Mapping[str, SBGFit],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Year-on-year retention rate r_t = S(t)/S(t−1): actual (markers) vs sBG (lines)."""
    ax = _axes(ax)
    years = survivors.index.to_numpy()[1:]
    for i, (name, fit) in enumerate(fits.items()):
        color = PALETTE[i % len(PALETTE)]
        counts = survivors[name].to_numpy(dtype=float)
        ax.plot(
            years,
            counts[1:] / counts[:-1],
            "o",
            color=color,
            label=f"{score_label(name, with_data_name=True)}: " + choose(en="actual", ko="실제"),
        )
        ax.plot(
            years,
            fit.retention(years.astype(float)),
            "-",
            color=color,
            label=f"{score_label(name)}: sBG",
        )
    percent_axis(ax)
    ax.legend(ncol=2, loc="lower right")
    return finish(
        ax,
        _text(
            title,
            en="Retention rates rise with tenure: the leavers leave first",
            ko="거래 기간이 길수록 유지율이 오릅니다: 떠날 고객이 먼저 떠납니다",
        ),
        choose(en="Year", ko="연차"),
        choose(en="Retention rate vs previous year (%)", ko="전년 대비 유지율(%)"),
    )


def plot_holdout_by_frequency(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """Actual vs predicted mean holdout purchases per calibration-frequency group.

    ``table`` comes from :func:`helpers.clv.holdout_by_frequency` (columns actual, predicted).
    """
    ax = _axes(ax)
    pos = np.arange(len(table))
    actual = choose(en="actual", ko="실제")
    ax.plot(pos, table["actual"], "o-", color=PALETTE[0], label=actual, linewidth=2)
    ax.plot(pos, table["predicted"], "s--", color=PALETTE[1], label="BG/NBD", linewidth=2)
    ax.set_xticks(pos, [str(i) for i in table.index])
    ax.legend()
    return finish(
        ax,
        _text(
            title,
            en="BG/NBD predicts holdout purchases well for every frequency group",
            ko="BG/NBD는 모든 빈도 집단에서 검증 기간의 구매를 잘 예측합니다",
        ),
        _text(
            xlabel,
            en="Repeat purchases in the calibration period (weeks 1–39)",
            ko="추정 기간의 재구매 횟수(1–39주)",
        ),
        _text(
            ylabel,
            en="Mean purchases in holdout (weeks 40–78)",
            ko="검증 기간의 평균 구매 횟수(40–78주)",
        ),
    )


def _actual_vs_predicted(
    ax: Axes, frame: pd.DataFrame, calibration_periods: int, *, linewidth: float
) -> None:
    """The actual (solid) and BG/NBD (dashed) lines of a tracking frame, and the calibration end."""
    actual = choose(en="actual", ko="실제")
    ax.plot(frame.index, frame["actual"], color=PALETTE[0], linewidth=linewidth, label=actual)
    ax.plot(
        frame.index,
        frame["predicted"],
        color=PALETTE[1],
        linewidth=linewidth,
        linestyle="--",
        label="BG/NBD",
    )
    ax.axvline(calibration_periods, color="grey", linestyle=":", linewidth=1.5)


def plot_repeat_tracking(
    tracking: pd.DataFrame,
    *,
    calibration_periods: int,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """Cumulative repeat purchases per period, actual vs predicted, with the calibration end.

    ``tracking`` comes from :func:`helpers.clv.repeat_purchase_tracking`.
    """
    ax = _axes(ax)
    _actual_vs_predicted(ax, tracking, calibration_periods, linewidth=2.5)
    ax.annotate(
        choose(en="end of calibration", ko="추정 기간 끝"),
        xy=(calibration_periods, tracking["actual"].max() * 0.1),
        xytext=(6, 0),
        textcoords="offset points",
        color="grey",
        fontsize=11,
    )
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(loc="upper left")
    return finish(
        ax,
        _text(
            title,
            en="Cumulative repeat purchases: the model tracks the holdout weeks",
            ko="누적 재구매: 모형이 검증 기간을 따라갑니다",
        ),
        _text(xlabel, en="Week since 1 January 1997", ko="1997년 1월 1일 이후 주차"),
        _text(ylabel, en="Cumulative repeat purchases", ko="누적 재구매 횟수"),
    )


def plot_prob_alive(
    model: BGNBDFit,
    *,
    T: float,
    max_frequency: int = 20,
    n_recency: int = 40,
    ax: Axes | None = None,
    title: str | None = None,
    unit: str = "weeks",
) -> Axes:
    """Heat map of P(alive) over recency (x) and frequency (y) for customers of age ``T``.

    Frequency runs 1..max_frequency (a customer without repeat purchases has P(alive) = 1 in
    the BG/NBD). Recency is the time of the last purchase since the first, from 0 to T.
    """
    ax = _axes(ax, (9.0, 6.0))
    freq = np.arange(1, max_frequency + 1, dtype=float)
    rec = np.linspace(0, T, n_recency)
    ff, rr = np.meshgrid(freq, rec, indexing="ij")
    p = np.asarray(model.prob_alive(ff.ravel(), rr.ravel(), np.full(ff.size, T))).reshape(ff.shape)
    mesh = ax.pcolormesh(rec, freq, p, cmap=SEQUENTIAL, vmin=0, vmax=1, shading="nearest")
    cbar = ax.figure.colorbar(mesh, ax=ax)
    cbar.set_label(choose(en="P(still active)", ko="P(아직 활동 중)"))
    ax.grid(False)
    return finish(
        ax,
        _text(
            title,
            en="P(alive): frequent buyers who went quiet are the likeliest to be gone",
            ko="P(alive): 자주 사다가 조용해진 고객이 가장 이탈했을 법합니다",
        ),
        _recency_label(unit),
        choose(en="Frequency (repeat purchases)", ko="빈도(재구매 횟수)"),
    )


def plot_retention_value(
    retention: np.ndarray,
    values: Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """CLV against the retention rate, one line per scenario (e.g. discount rates)."""
    ax = _axes(ax)
    for i, (name, v) in enumerate(values.items()):
        ax.plot(retention, v, color=PALETTE[i % len(PALETTE)], linewidth=2.5, label=name)
    percent_axis(ax, "x")
    ax.legend(loc="upper left")
    return finish(
        ax,
        _text(
            title,
            en="Customer value climbs steeply as retention approaches 100%",
            ko="유지율이 100%에 가까워질수록 고객가치가 가파르게 오릅니다",
        ),
        choose(en="Retention rate per year (%)", ko="연간 유지율(%)"),
        _text(ylabel, en="Customer lifetime value (× margin)", ko="고객평생가치(× 마진)"),
    )


def plot_rank_scatter(
    scores: pd.DataFrame,
    x: str,
    y: str,
    *,
    hue: str | None = None,
    ax: Axes | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    hue_label: str | None = None,
) -> Axes:
    """Percentile ranks of two valuation methods against each other (1 = most valuable).

    Points on the diagonal agree; far from it, one method rates the customer much higher than
    the other. ``hue`` colours points by a third column (e.g. P(alive)).
    """
    missing = [c for c in [x, y] + ([hue] if hue else []) if c not in scores.columns]
    if missing:
        raise ValueError(f"scores has no column(s) {missing}")
    ax = _axes(ax, (8.0, 7.0))
    rx = scores[x].rank(pct=True)
    ry = scores[y].rank(pct=True)
    if hue is None:
        ax.scatter(rx, ry, s=8, alpha=0.5, color=PALETTE[0])
    else:
        pts = ax.scatter(rx, ry, s=8, alpha=0.7, c=scores[hue], cmap=SEQUENTIAL, vmin=0, vmax=1)
        ax.figure.colorbar(pts, ax=ax).set_label(hue_label or hue)
    ax.plot([0, 1], [0, 1], color="grey", linewidth=1, linestyle="--")
    percent_axis(ax, "x")
    percent_axis(ax)
    return finish(ax, title, xlabel, ylabel)


def plot_alive_vs_truth(
    prob_alive: pd.Series,
    truly_alive: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Histogram of the model's P(alive), split by whether the customer was really still active.

    Both Series share the customer index; ``truly_alive`` is boolean (e.g. from a generator's
    truth table).
    """
    if not prob_alive.index.equals(truly_alive.index):
        raise ValueError("prob_alive and truly_alive must have the same index")
    ax = _axes(ax)
    bins = np.linspace(0, 1, 21)
    alive = truly_alive.astype(bool).to_numpy()
    p = prob_alive.to_numpy()
    ax.hist(
        p[alive],
        bins=bins,
        color=PALETTE[0],
        alpha=0.75,
        label=choose(en="really active", ko="실제로 활동 중"),
    )
    ax.hist(
        p[~alive],
        bins=bins,
        color=PALETTE[5],
        alpha=0.75,
        label=choose(en="really gone", ko="실제로 이탈"),
    )
    percent_axis(ax, "x")
    ax.legend(loc="upper center")
    return finish(
        ax,
        _text(
            title,
            en="P(alive) separates customers who really left from those who stayed",
            ko="P(alive)는 실제로 떠난 고객과 남은 고객을 가려냅니다",
        ),
        choose(en="Model's P(alive) (%)", ko="모형의 P(alive) (%)"),
        choose(en="Customers", ko="고객 수"),
    )


def retention_what_if(
    margin: float = 100.0, retention: float = 0.8, discount: float = 0.12
):  # -> ipywidgets.HBox
    """An ipywidgets what-if of the closed-form CLV m·r/(1+d−r) for the classroom.

    Sliders for margin, retention and discount rate; a small table shows the CLV, the years of
    margin it is worth, and the percentage gain from +1% retention and +1% margin, next to the
    starting values. Results are written into the Output widget as display data, so an executed
    notebook stores only the widget (stable under strict nbval); it needs a running kernel.

    Returns
    -------
    ipywidgets.HBox
        Sliders on the left, results on the right. Display it with ``display(...)``.

    Examples
    --------
    >>> box = retention_what_if()  # doctest: +SKIP
    >>> [s.description for s in box.children[0].children]  # doctest: +SKIP
    ['Margin', 'Retention', 'Discount']
    """
    from helpers.clv import retention_clv, retention_elasticity

    start = {"margin": margin, "retention": retention, "discount": discount}

    def row(v: dict[str, float]) -> dict[str, float]:
        value = retention_clv(v["margin"], v["retention"], v["discount"])
        return {
            "CLV": round(value, 1),
            choose(en="years of margin", ko="마진 몇 년 치"): round(value / v["margin"], 2),
            choose(en="+1% retention → CLV +%", ko="유지율 +1% → CLV +%"): round(
                retention_elasticity(v["retention"], v["discount"]), 2
            ),
            choose(en="+1% margin → CLV +%", ko="마진 +1% → CLV +%"): 1.0,
        }

    return what_if_box(
        {
            "margin": (choose(en="Margin", ko="마진"), margin, 10, 500, 10, ".0f"),
            "retention": (choose(en="Retention", ko="유지율"), retention, 0.3, 0.97, 0.01, ".0%"),
            "discount": (choose(en="Discount", ko="할인율"), discount, 0.0, 0.3, 0.01, ".0%"),
        },
        lambda now: pd.DataFrame(
            {
                choose(en="start", ko="처음 값"): row(start),
                choose(en="what-if", ko="가정"): row(now),
            }
        ),
        label_width="90px",
        slider_width="340px",
        output_width="460px",
    )


def plot_calibration_histogram(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Customers per calibration frequency: actual vs expected (FHL 2005, Figure 1).

    ``table`` comes from :func:`helpers.clv.calibration_histogram`.
    """
    ax = _axes(ax)
    pos = np.arange(len(table))
    ax.bar(
        pos - 0.2,
        table["actual"],
        width=0.4,
        color=PALETTE[0],
        label=choose(en="actual", ko="실제"),
    )
    ax.bar(pos + 0.2, table["expected"], width=0.4, color=PALETTE[1], label="BG/NBD")
    ax.set_xticks(pos, [str(i) for i in table.index])
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend()
    return finish(
        ax,
        _text(
            title,
            en="The model reproduces how many customers made 0, 1, 2, ... repeat purchases",
            ko="모형은 재구매를 0, 1, 2, ...번 한 고객이 각각 몇 명인지 재현합니다",
        ),
        _text(
            xlabel, en="Repeat purchases in the calibration period", ko="추정 기간의 재구매 횟수"
        ),
        choose(en="Customers", ko="고객 수"),
    )


def plot_incremental_tracking(
    tracking: pd.DataFrame,
    *,
    calibration_periods: int,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Axes:
    """Repeat purchases per period (not cumulative), actual vs predicted (FHL 2005, Figure 3).

    ``tracking`` comes from :func:`helpers.clv.repeat_purchase_tracking` (cumulative counts).
    """
    ax = _axes(ax)
    weekly = tracking.diff().fillna(tracking.iloc[0])
    _actual_vs_predicted(ax, weekly, calibration_periods, linewidth=2)
    ax.legend(loc="upper right")
    return finish(
        ax,
        _text(
            title,
            en="Weekly repeat purchases: where the model misses shows week by week",
            ko="주별 재구매: 모형이 어디서 빗나가는지 주마다 드러납니다",
        ),
        _text(xlabel, en="Week since 1 January 1997", ko="1997년 1월 1일 이후 주차"),
        _text(ylabel, en="Repeat purchases in the week", ko="그 주의 재구매 횟수"),
    )


def plot_iso_value(
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    *,
    T: float,
    monetary: float,
    max_frequency: int = 14,
    ax: Axes | None = None,
    title: str | None = None,
    unit: str = "weeks",
    **clv_options,
) -> Axes:
    """Contours of model CLV over recency (x) and frequency (y) for customers of age ``T`` who
    spend ``monetary`` per repeat purchase (Fader, Hardie & Lee 2005b, "RFM and CLV").

    Extra keywords go to :func:`helpers.clv.customer_lifetime_value` (months, margin, ...).
    """
    ax = _axes(ax, (9.0, 6.0))
    freq = np.arange(1, max_frequency + 1, dtype=float)
    rec = np.linspace(0, T, 40)
    ff, rr = np.meshgrid(freq, rec, indexing="ij")
    n = ff.size
    value = np.asarray(
        customer_lifetime_value(
            bgnbd,
            gamma_gamma,
            ff.ravel(),
            rr.ravel(),
            np.full(n, T),
            np.full(n, monetary),
            **clv_options,
        )
    ).reshape(ff.shape)
    levels = np.quantile(value, [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95])
    filled = ax.contourf(rec, freq, value, levels=20, cmap=SEQUENTIAL)
    lines = ax.contour(
        rec, freq, value, levels=np.unique(levels.round(1)), colors="white", linewidths=1.2
    )
    ax.clabel(lines, fmt="%.0f", fontsize=10)
    ax.figure.colorbar(filled, ax=ax).set_label("CLV")
    ax.grid(False)
    return finish(
        ax,
        _text(
            title,
            en="Iso-value curves: customers on one line are worth the same",
            ko="등가치 곡선: 같은 선 위의 고객은 가치가 같습니다",
        ),
        _recency_label(unit),
        choose(en="Frequency (repeat purchases)", ko="빈도(재구매 횟수)"),
    )


def plot_survival_vs_km(
    km: Mapping[str, pd.DataFrame],
    fits: Mapping[str, SBGFit],
    *,
    horizon: int,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Kaplan–Meier survival with its 95% band (steps) and the sBG survival (lines), per group.

    ``km`` maps a group to a DataFrame indexed by time with columns ``survival``, ``lower`` and
    ``upper`` (e.g. from statsmodels' ``SurvfuncRight``).
    """
    ax = _axes(ax)
    t = np.arange(horizon + 1, dtype=float)
    for i, (name, table) in enumerate(km.items()):
        colour = PALETTE[i % len(PALETTE)]
        ax.step(
            table.index,
            table["survival"],
            where="post",
            color=colour,
            linewidth=2,
            label=f"{score_label(name, with_data_name=True)}: Kaplan–Meier",
        )
        ax.fill_between(
            table.index, table["lower"], table["upper"], step="post", color=colour, alpha=0.15
        )
        if name in fits:
            ax.plot(
                t,
                fits[name].survival(t),
                color=colour,
                linestyle="--",
                linewidth=2,
                label=f"{score_label(name)}: sBG",
            )
    percent_axis(ax)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper right")
    return finish(
        ax,
        _text(
            title,
            en="Kaplan–Meier and the sBG agree on the members' survival",
            ko="회원 생존에서 Kaplan–Meier와 sBG가 일치합니다",
        ),
        _text(xlabel, en="Months since joining", ko="가입 후 개월 수"),
        choose(en="Share still a member (%)", ko="아직 회원인 비율(%)"),
    )


def plot_gains(
    scores: pd.DataFrame,
    outcome: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Cumulative share of ``outcome`` captured by the top x% of customers of each ranking.

    Ties are broken by the order of the rows (stable sort), so a score with many ties shows the
    luck of that order; a diagonal marks a random ranking.
    """
    if not scores.index.equals(outcome.index):
        raise ValueError("scores and outcome must have the same index")
    ax = _axes(ax)
    total = float(outcome.sum())
    share = np.arange(1, len(outcome) + 1) / len(outcome)
    for i, col in enumerate(scores.columns):
        order = np.argsort(-scores[col].to_numpy(), kind="stable")
        gained = np.cumsum(outcome.to_numpy()[order]) / total
        ax.plot(
            share, gained, color=PALETTE[i % len(PALETTE)], linewidth=2.2, label=score_label(col)
        )
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
    percent_axis(ax, "x")
    percent_axis(ax)
    ax.legend(loc="lower right")
    return finish(
        ax,
        _text(
            title,
            en="Gains: share of next-period revenue reached by the top x% of each ranking",
            ko="이득 곡선: 각 순위의 상위 x% 고객이 다음 기간 매출을 얼마나 차지하는지 보여 줍니다",
        ),
        choose(en="Customers targeted, best first (%)", ko="대상 고객(가치 높은 순, %)"),
        choose(en="Revenue reached (%)", ko="도달한 매출(%)"),
    )
