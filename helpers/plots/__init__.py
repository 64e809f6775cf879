"""The workbook's shared figure style and small figure-making functions.

``use_style()`` sets one projector-friendly, colour-blind-safe look for every notebook: large
fonts, the Okabe–Ito palette (Okabe & Ito 2008), light grid, and a Korean-capable font fallback
(NanumGothic, shipped inside the pinned ``koreanize-matplotlib`` wheel) so course terms such as
"최근성" render instead of empty boxes.

Figure functions return their Axes, so tests can check what a figure shows (bar heights, titles,
labels). Figures that belong to one topic live in a submodule of this package
(``helpers.plots.rfm``, ``helpers.plots.clv``, ...); the generic pieces are here.

Examples
--------
>>> from helpers.plots import use_style, PALETTE
>>> use_style()
>>> len(PALETTE)
8
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, PercentFormatter

__all__ = [
    "PALETTE",
    "SEQUENTIAL",
    "DIVERGING",
    "use_style",
    "finish",
    "bar",
    "percent_axis",
    "thousands_axis",
    "what_if_box",
]

# Okabe & Ito (2008) colour-blind-safe palette, reordered so the first colours contrast most.
PALETTE: list[str] = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
SEQUENTIAL = "viridis"  # perceptually uniform, colour-blind-safe, prints in grey
DIVERGING = "RdBu_r"

_KOREAN_FONT = "NanumGothic"


def _register_korean_font() -> list[str]:
    """Add NanumGothic from the koreanize-matplotlib wheel; return the font family fallback list."""
    try:
        dist = importlib.metadata.distribution("koreanize-matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return ["DejaVu Sans"]
    for name in ("NanumGothic.ttf", "NanumGothicBold.ttf"):
        path = Path(str(dist.locate_file(f"koreanize_matplotlib/fonts/{name}")))
        if path.is_file() and str(path) not in {f.fname for f in font_manager.fontManager.ttflist}:
            font_manager.fontManager.addfont(str(path))
    # NanumGothicBold declares weight 600, so bold Hangul makes matplotlib log "using 600" on
    # stderr; that note is harmless but would clutter every notebook output.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    # DejaVu draws Latin text and digits; matplotlib falls back per glyph to NanumGothic for Hangul.
    return ["DejaVu Sans", _KOREAN_FONT]


def use_style(*, scale: float = 1.0) -> None:
    """Set the shared figure style for a notebook (call once at the top).

    Parameters
    ----------
    scale : float, default 1.0
        Multiplies font sizes; 1.2 or more for a large lecture hall.

    Examples
    --------
    >>> use_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["axes.titlesize"] >= 15
    True
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    families = _register_korean_font()
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    mpl.rcParams.update(
        {
            "font.family": families,
            "axes.unicode_minus": False,  # NanumGothic has no Unicode minus glyph
            "figure.figsize": (9.0, 5.0),
            "figure.dpi": 80,  # small committed PNGs; crisp enough on a projector
            "savefig.dpi": 150,
            "figure.autolayout": False,
            "figure.constrained_layout.use": True,
            "font.size": 13 * scale,
            "axes.titlesize": 16 * scale,
            "axes.titleweight": "bold",
            "axes.labelsize": 14 * scale,
            "xtick.labelsize": 12 * scale,
            "ytick.labelsize": 12 * scale,
            "legend.fontsize": 12 * scale,
            "legend.title_fontsize": 12 * scale,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "image.cmap": SEQUENTIAL,
        }
    )
    pd.options.display.precision = 3
    pd.options.display.max_columns = 20
    pd.options.display.width = 120


def finish(ax: Axes, title: str, xlabel: str | None = None, ylabel: str | None = None) -> Axes:
    """Give an Axes its title (state the finding) and axis labels (with units); return it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = finish(plt.subplots()[1], "Sales grow", "Month", "Sales (KRW)")
    >>> ax.get_ylabel()
    'Sales (KRW)'
    """
    if not title:
        raise ValueError("every figure needs a title that states its finding")
    ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


def percent_axis(ax: Axes, axis: str = "y", *, xmax: float = 1.0, decimals: int = 0) -> Axes:
    """Format an axis whose values are shares (0–1) as percentages."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=xmax, decimals=decimals))
    return ax


def thousands_axis(ax: Axes, axis: str = "y") -> Axes:
    """Format an axis with thousands separators (1,234,567)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return ax


def bar(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    ax: Axes | None = None,
    color: str | Sequence[str] = PALETTE[0],
    horizontal: bool = False,
    fmt: str = "{:,.0f}",
) -> Axes:
    """Bar chart of a Series with value labels on the bars; returns the Axes.

    Parameters
    ----------
    values : pandas.Series
        Bar heights, indexed by the category labels (drawn in the Series' order).
    title, xlabel, ylabel : str
        Title stating the finding, axis labels with units.
    horizontal : bool, default False
        Horizontal bars (better for long labels).
    fmt : str
        Format of the value labels, e.g. ``"{:.0%}"`` for shares.

    Examples
    --------
    >>> ax = bar(pd.Series({"A": 3, "B": 5}), title="B leads", xlabel="Group", ylabel="Count")
    >>> [float(p.get_height()) for p in ax.patches]
    [3.0, 5.0]
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series, got {type(values).__name__}")
    if values.empty:
        raise ValueError("values is empty: nothing to draw")
    if ax is None:
        _, ax = plt.subplots()
    labels = [str(i) for i in values.index]
    if horizontal:
        bars = ax.barh(labels, values.to_numpy(), color=color)
        ax.invert_yaxis()  # first item on top, like a ranked table
    else:
        bars = ax.bar(labels, values.to_numpy(), color=color)
    ax.bar_label(bars, labels=[fmt.format(v) for v in values.to_numpy()], padding=3)
    ax.margins(x=0.12) if horizontal else ax.margins(y=0.12)
    return finish(ax, title, xlabel, ylabel)


# (description, start value, min, max, step, readout format)
SliderSpec = tuple[str, float, float, float, float, str]


def what_if_box(
    sliders: Mapping[str, SliderSpec],
    render: Callable[[dict[str, float]], object],
    *,
    label_width: str = "110px",
    slider_width: str = "360px",
    output_width: str = "640px",
    note: str | None = None,
):
    """An ipywidgets what-if: sliders on the left, results on the right, redrawn on every move.

    ``render(values)`` receives ``{name: slider value}`` and returns what to show: a table, a
    figure, or a tuple of them. Results are written into the Output widget's stored outputs, not
    printed while the cell runs, so an executed notebook keeps only the widget and its stable
    text: what strict nbval compares. Figures are closed after they are stored.

    Parameters
    ----------
    sliders : mapping of name -> (description, value, min, max, step, readout format)
    render : callable
        Turns the current slider values into the displayed results.
    note : str, optional
        A short line above the sliders (e.g. the unit).

    Returns
    -------
    ipywidgets.HBox

    Examples
    --------
    >>> box = what_if_box(
    ...     {"r": ("Retention", 0.8, 0.5, 0.95, 0.01, ".0%")},
    ...     lambda v: pd.Series({"CLV": 100 * v["r"] / (1.1 - v["r"])}),
    ... )
    >>> box.children[0].children[0].description
    'Retention'
    """
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    if not sliders:
        raise ValueError("sliders is empty: a what-if needs at least one slider")
    style = {"description_width": label_width}
    layout = widgets.Layout(width=slider_width)
    controls = {
        name: widgets.FloatSlider(
            value=value,
            min=lo,
            max=hi,
            step=step,
            description=description,
            readout_format=fmt,
            style=style,
            layout=layout,
        )
        for name, (description, value, lo, hi, step, fmt) in sliders.items()
    }
    out = widgets.Output(layout=widgets.Layout(width=output_width))

    def redraw(_change=None) -> None:
        shown = render({name: float(c.value) for name, c in controls.items()})
        out.outputs = ()  # a state change only: no clear_output message reaches the notebook
        for item in shown if isinstance(shown, tuple) else (shown,):
            out.append_display_data(item)
            if isinstance(item, Figure):
                plt.close(item)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    header = [widgets.HTML(f"<small>{note}</small>")] if note else []
    return widgets.HBox([widgets.VBox([*header, *controls.values()]), out])
