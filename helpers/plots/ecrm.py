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
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="random (no model)")
    for i, (label, t) in enumerate(tables.items()):
        x = np.concatenate([[0.0], t["depth"].to_numpy()])
        y = np.concatenate([[0.0], t["cum_gain"].to_numpy()])
        ax.plot(x, y, marker="o", color=PALETTE[i % len(PALETTE)], label=label)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.legend(loc="lower right")
    return finish(
        ax,
        title,
        "Share of list contacted (top deciles first)",
        "Share of all positives found",
    )


def lift_bars(
    gains: pd.DataFrame,
    *,
    title: str,
    ylabel: str = "Lift (× average rate)",
    ax: Axes | None = None,
) -> Axes:
    """Lift of each decile as bars, with the line at 1 (= no better than random)."""
    _tables({"gains": gains}, ["lift"], "gains")
    if ax is None:
        _, ax = plt.subplots()
    labels = [str(i) for i in gains.index]
    bars = ax.bar(labels, gains["lift"].to_numpy(), color=PALETTE[0])
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in gains["lift"]], padding=3)
    ax.axhline(1.0, color=PALETTE[5], linestyle="--", linewidth=1.5)
    ax.margins(y=0.12)
    return finish(ax, title, "Score decile (1 = highest scores)", ylabel)


def profit_curve(
    tables: Mapping[str, pd.DataFrame],
    *,
    title: str,
    unit: str = "million KRW",
    scale: float = 1e6,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative profit of contacting the top d deciles, one line per scenario, best depth marked."""
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
        ax, title, "Share of list contacted (top deciles first)", f"Cumulative profit ({unit})"
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
            label=str(g).replace("_", " ") if g is not None else None,
        )
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in share], padding=2, fontsize=10)
    ax.set_xticks(x, [s.replace("_", " ") for s in steps])
    percent_axis(ax, "y")
    ax.set_ylim(0, 1.1)
    if by:
        ax.legend(title=by.replace("_", " "), loc="upper right")
    return finish(ax, title, "Funnel step", "Share of visits reaching the step")


def calibration_plot(
    tables: Mapping[str, pd.DataFrame], *, title: str, ax: Axes | None = None
) -> Axes:
    """Observed rate vs mean predicted probability per group (:func:`helpers.ecrm.calibration_table`)."""
    _tables(tables, ["mean_predicted", "observed"], "tables")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 6))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfect calibration")
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
    return finish(ax, title, "Predicted churn probability (group mean)", "Observed churn rate")


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
        label="hazard: chance of a 2nd order in the window",
    )  # fmt: skip
    percent_axis(ax, "y")
    ax.yaxis.set_major_locator(MultipleLocator(0.05))
    right = ax.twinx()
    right.plot(
        np.concatenate([[0.0], curve["window_end"].to_numpy(dtype=float)]),
        np.concatenate([[0.0], curve["cum_returned"].to_numpy()]), color=PALETTE[0], marker="o", markersize=4,
        label="cumulative share with a 2nd order",
    )  # fmt: skip
    right.set_ylim(0, 1)
    percent_axis(right, "y")
    right.set_ylabel("Cumulative share with a 2nd order")
    right.grid(False)
    handles = ax.get_legend_handles_labels()
    handles2 = right.get_legend_handles_labels()
    # upper right: above the cumulative curve and clear of the hazard bars
    ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], loc="upper right")
    ax.right_ax = right
    return finish(
        ax, title, "Days since the first purchase", f"Hazard per {widths[0]:.0f}-day window"
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
    ax.bar(x - 0.2, table["treated_rate"], 0.4, color=PALETTE[0], label="contacted (treated)")
    ax.bar(x + 0.2, table["control_rate"], 0.4, color=PALETTE[7], label="not contacted (control)")
    err = np.vstack([table["uplift"] - table["uplift_low"], table["uplift_high"] - table["uplift"]])
    ax.errorbar(x, table["uplift"], yerr=err, fmt="o-", color=PALETTE[1], capsize=3,
                label="uplift = treated − control (95 % interval)")  # fmt: skip
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, [str(i) for i in table.index])
    percent_axis(ax, "y")
    ax.legend(fontsize=11, frameon=False)
    return finish(ax, title, "Decile of the score (1 = highest)", "Converted within 14 days (%)")


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
    ax.plot(first["share"], first["random"], color="0.5", ls="--", label="random targeting")
    percent_axis(ax, "x")
    ax.legend(fontsize=11, frameon=False)
    return finish(ax, title, "Share of eligible customers targeted (highest score first)",
                  "Incremental conversions (Qini)")  # fmt: skip


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
    return finish(ax, title, "Months since the membership started", "Still a member (%)")


def targeting_what_if(
    y_true: pd.Series | np.ndarray,
    score: pd.Series | np.ndarray,
    amount: pd.Series | np.ndarray,
    *,
    cost: float = 1200.0,
    margin: float = 0.25,
    max_cost: float = 6000.0,
    unit: str = "million KRW",
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
        Money shown in ``unit`` = amount / ``scale``.

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
                "break-even response rate (%)": round(100 * row["break_even_rate"], 2),
                "best depth (deciles)": int(row["best_depth_deciles"]),
                f"profit at best depth ({unit})": round(row["profit_best"] / scale, 2),
                f"profit mailing everyone ({unit})": round(row["profit_everyone"] / scale, 2),
                f"gain from targeting ({unit})": round(row["gain_vs_everyone"] / scale, 2),
            },
            name=f"{c:,.0f} KRW, {m:.0%} margin",
            dtype=object,
        ).to_frame()
        depth = int(row["best_depth_deciles"])
        title = (
            f"Mail the top {depth} of 10 deciles: {row['profit_best'] / scale:,.1f} {unit}"
            if depth
            else "No decile pays for its contacts: mail nobody"
        )
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        table = profit_by_depth(y_true, score, m * amounts, cost_per_contact=c)
        profit_curve(
            {f"start: {cost:,.0f} KRW, {margin:.0%} margin": start, "what-if": table},
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
            "cost": ("Cost/contact", float(cost), 0.0, float(max_cost), 50.0, ",.0f"),
            "margin": ("Margin", float(margin), 0.05, 0.60, 0.01, ".0%"),
        },
        render,
        label_width="100px",
        slider_width="340px",
        output_width="640px",
    )
