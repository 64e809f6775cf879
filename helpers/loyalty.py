"""Loyalty economics: why a few points of retention move profit so much, and how to measure loyalty.

Two halves.

**A cohort profit model** (:class:`CohortModel`) rebuilds the argument of Reichheld & Sasser
(1990) and Reichheld (1996): a customer who stays is worth more every year, because on top of the
base profit they buy more (revenue growth), cost less to serve (cost savings), bring in others
(referrals) and pay a price premium; the firm pays the acquisition cost once, in year 0. Conventions:

* a cohort of ``customers`` is acquired in year 0, each costing ``acquisition_cost``;
* in year ``t = 1, 2, ..., years`` the survivors earn the per-customer profit ``p_t``, where
  ``k = t - 1`` is the number of completed years of tenure and

  - base profit ``= base_profit``
  - revenue growth ``= base_profit * ((1 + margin_growth) ** k - 1)``
  - cost savings ``= serve_cost * (1 - (1 - serve_cost_decline) ** k)``
  - referrals ``= referral_profit * k``
  - price premium ``= price_premium * k``;

* every customer is there in year 1; a share ``retention`` of the survivors stays into the next
  year, so the share alive in year ``t`` is ``retention ** (t - 1)``;
* year-``t`` profit is received at the end of the year and discounted by ``(1 + discount_rate) ** t``.

The net present value per acquired customer is therefore
``-acquisition_cost + sum_t p_t * retention ** (t - 1) / (1 + discount_rate) ** t``.

**Measuring loyalty in transactions**: spend by tenure month (:func:`spend_by_tenure`), the
"months 24–30 versus months 0–6" ratio for customers who stay (:func:`loyalty_ratio`), cohort
retention curves (:func:`cohort_retention`) and repeat-purchase rates (:func:`repeat_purchase_rate`).
A tenure month is a whole month of ``365.25 / 12`` days since the customer's start date.

Examples
--------
>>> m = CohortModel(retention=0.75)
>>> round(retention_effect(m), 3)  # +5 points of retention: relative change of the cohort NPV
0.597
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers import validation
from helpers.language import choose

__all__ = [
    "COMPONENTS",
    "CohortModel",
    "retention_effect",
    "effect_decomposition",
    "effect_grid",
    "break_even_months",
    "break_even_table",
    "cumulative_profit_by_month",
    "scenario_table",
    "tenure_months",
    "spend_by_tenure",
    "loyalty_ratio",
    "cohort_retention",
    "repeat_purchase_rate",
    "second_purchase_curve",
    "won_ko",
]

COMPONENTS: tuple[str, ...] = (
    "base_profit",
    "revenue_growth",
    "cost_savings",
    "referrals",
    "price_premium",
)
"""The five sources of per-customer profit, in the order Reichheld (1996) stacks them."""

DAYS_PER_MONTH = 365.25 / 12
"""Length of a tenure month in days."""

_NUMERIC_FIELDS = (
    "retention",
    "acquisition_cost",
    "base_profit",
    "margin_growth",
    "serve_cost",
    "serve_cost_decline",
    "referral_profit",
    "price_premium",
    "discount_rate",
)


# ---------------------------------------------------------------------------------------------
# Validation shared by the model and the vectorised functions


def _check_real(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    validation.number(value, name)  # beyond ±1e15 the NPV overflows to inf
    return value


def _check_array(name: str, values) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be numeric, got dtype {arr.dtype}")
    arr = arr.astype("float64")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    validation.numeric(arr.ravel(), name)  # beyond ±1e15 the NPV overflows to inf
    return arr


def _check_ranges(p: dict[str, np.ndarray]) -> None:
    """Range rules for every numeric parameter (arrays allowed)."""
    rules = {
        "retention": (lambda v: (v >= 0) & (v < 1), "in [0, 1)"),
        "acquisition_cost": (lambda v: v >= 0, "non-negative"),
        "margin_growth": (lambda v: v > -1, "greater than -1"),
        "serve_cost": (lambda v: v >= 0, "non-negative"),
        "serve_cost_decline": (lambda v: (v >= 0) & (v <= 1), "in [0, 1]"),
        "discount_rate": (lambda v: v >= 0, "non-negative"),
    }
    for name, (ok, what) in rules.items():
        if name in p and not np.all(ok(np.asarray(p[name]))):
            bad = np.asarray(p[name])[~ok(np.asarray(p[name]))].ravel()[0]
            raise ValueError(f"{name} must be {what}, got {bad:g}")


def _profit_components(p: dict[str, np.ndarray], years: int) -> dict[str, np.ndarray]:
    """Per-surviving-customer profit components, arrays of shape (..., years) for t = 1..years."""
    k = np.arange(years, dtype="float64")  # completed years of tenure in year t = k + 1
    ex = {name: np.asarray(v, dtype="float64")[..., None] for name, v in p.items()}
    shape = np.broadcast_shapes(*(v.shape for v in ex.values()), k.shape)
    return {
        "base_profit": np.broadcast_to(ex["base_profit"], shape),
        "revenue_growth": np.broadcast_to(
            ex["base_profit"] * ((1 + ex["margin_growth"]) ** k - 1), shape
        ),
        "cost_savings": np.broadcast_to(
            ex["serve_cost"] * (1 - (1 - ex["serve_cost_decline"]) ** k), shape
        ),
        "referrals": np.broadcast_to(ex["referral_profit"] * k, shape),
        "price_premium": np.broadcast_to(ex["price_premium"] * k, shape),
    }


def _npv_per_customer(p: dict[str, np.ndarray], years: int) -> np.ndarray:
    """Vectorised NPV per acquired customer (broadcasts over the parameter arrays)."""
    comps = _profit_components(p, years)
    profit = sum(comps.values())
    t = np.arange(1, years + 1, dtype="float64")
    r = np.asarray(p["retention"], dtype="float64")[..., None]
    d = np.asarray(p["discount_rate"], dtype="float64")[..., None]
    stream = profit * r ** (t - 1) / (1 + d) ** t
    return stream.sum(axis=-1) - np.asarray(p["acquisition_cost"], dtype="float64")


# ---------------------------------------------------------------------------------------------
# The cohort model


@dataclass(frozen=True)
class CohortModel:
    """Profit of a cohort of acquired customers, year by year (Reichheld & Sasser 1990).

    Money amounts are per customer per year in any one currency unit (the workbook uses
    thousand KRW). See the module docstring for the formulas.

    Parameters
    ----------
    retention : float, default 0.75
        Share of the customers alive in one year who are still customers the next year, in [0, 1).
    acquisition_cost : float, default 100
        Cost of acquiring one customer, paid in year 0.
    base_profit : float, default 40
        Profit of a customer in their first year (margin minus first-year cost to serve).
    margin_growth : float, default 0.08
        Yearly growth of a staying customer's margin from buying more (> -1).
    serve_cost : float, default 15
        First-year cost to serve a customer; it falls with tenure.
    serve_cost_decline : float, default 0.20
        Share by which the cost to serve falls each year of tenure, in [0, 1].
    referral_profit : float, default 3
        Profit from referrals added by each completed year of tenure.
    price_premium : float, default 2
        Price premium added by each completed year of tenure.
    discount_rate : float, default 0.10
        Yearly discount rate (>= 0).
    years : int, default 20
        Horizon in years (>= 1).
    customers : int, default 1000
        Size of the acquired cohort (>= 1); it scales cohort totals, not per-customer values.

    Examples
    --------
    >>> m = CohortModel(retention=0.8, acquisition_cost=150, base_profit=40)
    >>> float(m.table().loc[1, "survivors"])
    1000.0
    >>> round(m.npv_per_customer(), 1)
    79.2
    """

    retention: float = 0.75
    acquisition_cost: float = 100.0
    base_profit: float = 40.0
    margin_growth: float = 0.08
    serve_cost: float = 15.0
    serve_cost_decline: float = 0.20
    referral_profit: float = 3.0
    price_premium: float = 2.0
    discount_rate: float = 0.10
    years: int = 20
    customers: int = 1000

    def __post_init__(self) -> None:
        for name in _NUMERIC_FIELDS:
            object.__setattr__(self, name, _check_real(name, getattr(self, name)))
        for name in ("years", "customers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
            if value < 1:
                raise ValueError(f"{name} must be at least 1, got {value}")
            object.__setattr__(self, name, int(value))
        _check_ranges(self._params())

    def _params(self) -> dict[str, np.ndarray]:
        return {name: np.float64(getattr(self, name)) for name in _NUMERIC_FIELDS}

    def replace(self, **changes) -> CohortModel:
        """A copy with some parameters changed (validated again).

        Examples
        --------
        >>> CohortModel().replace(retention=0.85).retention
        0.85
        """
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise TypeError(f"unknown CohortModel parameter(s): {sorted(unknown)}")
        return dataclasses.replace(self, **changes)

    def profit_per_customer(self) -> pd.DataFrame:
        """Profit per *surviving* customer by year and source (Reichheld's stacked bars).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``year`` 0..years. Column ``acquisition`` is ``-acquisition_cost`` in
            year 0 and 0 afterwards; then one column per source in :data:`COMPONENTS` (0 in
            year 0) and their sum ``total``.

        Examples
        --------
        >>> CohortModel(years=3).profit_per_customer()["total"].round(2).tolist()
        [-100.0, 40.0, 51.2, 62.06]
        """
        comps = _profit_components(self._params(), self.years)
        body = pd.DataFrame(
            {name: comps[name] for name in COMPONENTS}, index=range(1, self.years + 1)
        )
        year0 = pd.DataFrame({name: [0.0] for name in COMPONENTS}, index=[0])
        out = pd.concat([year0, body])
        out.insert(0, "acquisition", np.where(out.index == 0, -self.acquisition_cost, 0.0))
        out["total"] = out.sum(axis=1)
        out.index.name = "year"
        return out

    def table(self) -> pd.DataFrame:
        """The tidy per-year table of the cohort.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``year`` 0..years with the columns of :meth:`profit_per_customer` plus
            ``survivors`` (customers alive in the year; year 0 = all acquired), ``cohort_profit``
            (survivors × total), ``discount_factor`` ``1 / (1 + d) ** year``, ``discounted_profit``
            and ``cumulative_npv`` (running sum of the discounted cohort profit).

        Examples
        --------
        >>> t = CohortModel(retention=0.5, years=2, customers=10).table()
        >>> t["survivors"].tolist()
        [10.0, 10.0, 5.0]
        """
        per = self.profit_per_customer()
        year = per.index.to_numpy()
        survivors = self.customers * np.where(
            year == 0, 1.0, self.retention ** np.maximum(year - 1, 0)
        )
        return per.assign(
            survivors=survivors,
            cohort_profit=lambda d: d["survivors"] * d["total"],
            discount_factor=(1 + self.discount_rate) ** -year.astype("float64"),
            discounted_profit=lambda d: d["cohort_profit"] * d["discount_factor"],
            cumulative_npv=lambda d: d["discounted_profit"].cumsum(),
        )

    def npv_per_customer(self) -> float:
        """Net present value per acquired customer (acquisition cost included).

        Examples
        --------
        >>> round(CohortModel(retention=0.0, years=1, acquisition_cost=0, base_profit=11,
        ...                   discount_rate=0.1).npv_per_customer(), 6)
        10.0
        """
        return float(_npv_per_customer(self._params(), self.years))

    def npv(self) -> float:
        """Net present value of the whole cohort (``customers`` × NPV per customer)."""
        return self.customers * self.npv_per_customer()

    def __repr__(self) -> str:
        return (
            f"<CohortModel retention={self.retention:.2f} acquisition_cost={self.acquisition_cost:g} "
            f"base_profit={self.base_profit:g} margin_growth={self.margin_growth:.2f} "
            f"discount_rate={self.discount_rate:.2f} years={self.years}: "
            + choose(en="NPV per customer", ko="고객 한 사람당 NPV")
            + f" {self.npv_per_customer():,.1f}>"
        )


def _check_model(model) -> CohortModel:
    if not isinstance(model, CohortModel):
        raise TypeError(f"model must be a CohortModel, got {type(model).__name__}")
    return model


def retention_effect(model: CohortModel, points: float = 0.05) -> float:
    """Relative change in cohort NPV when retention rises by ``points`` (0.05 = 5 points).

    This is the quantity behind "5% more retention, 25–95% more profit": the *points* are
    added to the retention rate (0.80 → 0.85), not multiplied (0.80 → 0.84).

    Parameters
    ----------
    model : CohortModel
        The base case.
    points : float, default 0.05
        Retention points to add; ``model.retention + points`` must stay in [0, 1).

    Returns
    -------
    float
        ``(NPV(r + points) - NPV(r)) / NPV(r)`` as a fraction (0.5 = +50%); NaN when the base
        NPV is not positive (a percentage change of a loss or of zero means nothing).

    Examples
    --------
    >>> round(retention_effect(CohortModel(retention=0.8)), 3)
    0.572
    """
    model = _check_model(model)
    points = _check_real("points", points)
    if not 0 <= model.retention + points < 1:
        raise ValueError(
            f"retention + points must stay in [0, 1), got {model.retention} + {points} = "
            f"{model.retention + points:g}"
        )
    base = model.npv_per_customer()
    if base <= 0:
        return math.nan
    return model.replace(retention=model.retention + points).npv_per_customer() / base - 1


def effect_decomposition(model: CohortModel, points: float = 0.05) -> pd.Series:
    """Split the +``points`` retention effect into a gross gain and a leverage factor.

    The NPV per customer is a gross value G (the discounted profits) minus the acquisition
    cost A, paid once. Retention changes G only, so

    ``effect = ΔG / (G − A) = (ΔG / G) × (G / (G − A)) = gross_gain × leverage``.

    The gross gain is what the extra survivors add to the value of the relationship; the leverage
    says how much a small net NPV (a large acquisition cost relative to lifetime profit) inflates
    that gain when it is quoted as a percentage of profit.

    Parameters
    ----------
    model : CohortModel
        The base case.
    points : float, default 0.05
        Retention points added.

    Returns
    -------
    pandas.Series
        ``gross_value`` (G), ``npv`` (G − A), ``gross_gain`` (ΔG / G), ``leverage``
        (G / (G − A)) and ``effect`` (their product, equal to :func:`retention_effect`); the
        ratios are NaN when the NPV is not positive.

    Examples
    --------
    >>> d = effect_decomposition(CohortModel())
    >>> round(float(d["gross_gain"]), 3), round(float(d["leverage"]), 3), round(float(d["effect"]), 3)
    (0.267, 2.236, 0.597)
    """
    effect = retention_effect(model, points)  # validates model and points
    npv = model.npv_per_customer()
    gross = npv + model.acquisition_cost  # the acquisition cost is paid undiscounted in year 0
    gross_up = (
        model.replace(retention=model.retention + points).npv_per_customer()
        + model.acquisition_cost
    )
    ok = npv > 0
    return pd.Series(
        {
            "gross_value": gross,
            "npv": npv,
            "gross_gain": gross_up / gross - 1 if ok else math.nan,
            "leverage": gross / npv if ok else math.nan,
            "effect": effect,
        },
        name="effect_decomposition",
    )


def effect_grid(
    model: CohortModel,
    rows: tuple[str, Sequence[float]],
    cols: tuple[str, Sequence[float]],
    *,
    points: float = 0.05,
) -> pd.DataFrame:
    """:func:`retention_effect` over a grid of two parameters (vectorised; a sensitivity map).

    Parameters
    ----------
    model : CohortModel
        Supplies every parameter not on the grid.
    rows, cols : (name, values)
        A parameter name of :class:`CohortModel` (e.g. ``"retention"``, ``"margin_growth"``,
        ``"discount_rate"``) and the values it takes along that axis.
    points : float, default 0.05
        Retention points added.

    Returns
    -------
    pandas.DataFrame
        Index = row values (named after the row parameter), columns = column values; each cell
        the relative NPV increase, NaN where the base NPV is not positive.

    Examples
    --------
    >>> g = effect_grid(CohortModel(), ("retention", [0.7, 0.8]), ("margin_growth", [0.0, 0.1]))
    >>> g.shape
    (2, 2)
    """
    model = _check_model(model)
    points = _check_real("points", points)
    (rname, rvals), (cname, cvals) = rows, cols
    for name in (rname, cname):
        if name not in _NUMERIC_FIELDS:
            raise ValueError(f"grid parameter must be one of {list(_NUMERIC_FIELDS)}, got {name!r}")
    if rname == cname:
        raise ValueError("rows and cols must vary two different parameters")
    rarr = _check_array(rname, rvals).ravel()
    carr = _check_array(cname, cvals).ravel()
    if rarr.size == 0 or carr.size == 0:
        raise ValueError("rows and cols need at least one value each")
    p = model._params()
    p[rname] = rarr[:, None]
    p[cname] = carr[None, :]
    _check_ranges(p)
    r = np.broadcast_to(np.asarray(p["retention"]), (rarr.size, carr.size))
    if np.any(r + points >= 1) or np.any(r + points < 0):
        raise ValueError(
            f"retention + points must stay in [0, 1) everywhere on the grid (points={points})"
        )
    base = _npv_per_customer(p, model.years)
    up = _npv_per_customer({**p, "retention": p["retention"] + points}, model.years)
    effect = np.where(base > 0, up / np.where(base > 0, base, 1.0) - 1, np.nan)
    out = pd.DataFrame(effect, index=pd.Index(rarr, name=rname), columns=pd.Index(carr, name=cname))
    return out


# ---------------------------------------------------------------------------------------------
# Break-even tenure


def cumulative_profit_by_month(model: CohortModel, *, expected: bool = False) -> pd.Series:
    """Cumulative discounted profit of one customer, month by month (acquisition cost excluded).

    Year ``t``'s profit is spread evenly over its 12 months and each month is discounted at
    ``(1 + discount_rate) ** (month / 12)``.

    Parameters
    ----------
    model : CohortModel
    expected : bool, default False
        False: a customer who *stays* the whole horizon. True: the expected profit of an
        acquired customer, weighting year ``t`` by the chance ``retention ** (t - 1)`` of being
        still a customer.

    Returns
    -------
    pandas.Series
        Indexed by ``month`` 0..12·years (0 at month 0).

    Examples
    --------
    >>> s = cumulative_profit_by_month(CohortModel(discount_rate=0.0, years=1))
    >>> round(float(s.loc[12]), 6)
    40.0
    """
    model = _check_model(model)
    per_year = model.profit_per_customer()["total"].to_numpy()[1:]  # years 1..T
    if expected:
        per_year = per_year * model.retention ** np.arange(model.years)
    month = np.arange(1, 12 * model.years + 1)
    flow = np.repeat(per_year / 12, 12) * (1 + model.discount_rate) ** (-month / 12)
    values = np.concatenate([[0.0], np.cumsum(flow)])
    return pd.Series(
        values, index=pd.RangeIndex(0, month.size + 1, name="month"), name="cumulative_profit"
    )


def break_even_months(
    model: CohortModel,
    acquisition_cost: float | Sequence[float] | None = None,
    *,
    expected: bool = False,
) -> float | np.ndarray:
    """Tenure (in months) until cumulative discounted profit covers the acquisition cost.

    Parameters
    ----------
    model : CohortModel
    acquisition_cost : float or array-like, optional
        Cost(s) to recover; default ``model.acquisition_cost``. Vectorised over an array.
    expected : bool, default False
        See :func:`cumulative_profit_by_month`: False for a customer who stays (the usual
        "payback period"), True for the expected acquired customer.

    Returns
    -------
    float or numpy.ndarray
        The first whole month at whose end the cumulative discounted profit reaches the cost;
        ``inf`` when it never does within the horizon.

    Examples
    --------
    >>> break_even_months(CohortModel(acquisition_cost=40, discount_rate=0.0))
    12.0
    """
    model = _check_model(model)
    scalar = acquisition_cost is None or np.ndim(acquisition_cost) == 0
    if acquisition_cost is None:
        acquisition_cost = model.acquisition_cost
    cost = _check_array("acquisition_cost", acquisition_cost)
    _check_ranges({"acquisition_cost": cost})
    cum = cumulative_profit_by_month(model, expected=expected).to_numpy()
    reached = np.maximum.accumulate(cum)  # first time the running total reaches the cost
    idx = np.searchsorted(reached, cost - 1e-9 * np.maximum(1.0, np.abs(cost)), side="left")
    months = np.where(idx < reached.size, idx, np.inf).astype("float64")
    return float(months) if scalar else months


def break_even_table(
    model: CohortModel, markups: Sequence[float] = (0.0, 0.2, 0.4), *, expected: bool = False
) -> pd.DataFrame:
    """Break-even tenure when acquiring a customer costs ``markups`` more than ``model``'s cost.

    Parameters
    ----------
    model : CohortModel
        Its ``acquisition_cost`` is the baseline (e.g. offline) cost.
    markups : sequence of float
        Relative extra cost (0.2 = 20% more), each > -1.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``markup``; columns ``acquisition_cost``, ``months``, ``years`` and
        ``extra_months`` (versus the first row).

    Examples
    --------
    >>> break_even_table(CohortModel(), [0.0, 0.4])["months"].tolist()
    [29.0, 39.0]
    """
    model = _check_model(model)
    mk = _check_array("markups", markups).ravel()
    if mk.size == 0:
        raise ValueError("markups needs at least one value")
    if np.any(mk <= -1):
        raise ValueError("markups must be greater than -1")
    cost = model.acquisition_cost * (1 + mk)
    months = break_even_months(model, cost, expected=expected)
    return pd.DataFrame(
        {
            "acquisition_cost": cost,
            "months": months,
            "years": months / 12,
            "extra_months": months - months[0],
        },
        index=pd.Index(mk, name="markup"),
    )


def scenario_table(
    model: CohortModel, scenarios: dict[str, dict[str, float]], *, points: float = 0.05
) -> pd.DataFrame:
    """Key results for named variations of a model (the static twin of the what-if widget).

    Parameters
    ----------
    model : CohortModel
        The base case.
    scenarios : dict
        Scenario name → parameter changes, e.g. ``{"online": {"acquisition_cost": 200}}``.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: the four what-if inputs (retention, margin growth, acquisition
        cost, discount rate), ``npv_per_customer``, ``effect_5pts`` (relative NPV change from
        +``points`` of retention), ``break_even_months`` (for a customer who stays, so it does
        not depend on retention) and ``expected_months`` (for the average acquired customer,
        who may leave; ``inf`` when the horizon is too short).

    Examples
    --------
    >>> scenario_table(CohortModel(), {"base": {}}).shape
    (1, 8)
    """
    model = _check_model(model)
    if not isinstance(scenarios, dict) or not scenarios:
        raise ValueError("scenarios must be a non-empty dict of name -> parameter changes")
    rows = {}
    for name, changes in scenarios.items():  # a handful of named scenarios, not data rows
        m = model.replace(**changes)
        rows[name] = {
            "retention": m.retention,
            "margin_growth": m.margin_growth,
            "acquisition_cost": m.acquisition_cost,
            "discount_rate": m.discount_rate,
            "npv_per_customer": m.npv_per_customer(),
            "effect_5pts": retention_effect(m, points) if m.retention + points < 1 else math.nan,
            "break_even_months": break_even_months(m),
            "expected_months": break_even_months(m, expected=True),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "scenario"
    return out


# ---------------------------------------------------------------------------------------------
# Measuring loyalty in transaction data


def _require(df, cols: dict[str, str]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"orders must be a pandas DataFrame, got {type(df).__name__}")
    if df.empty:
        raise ValueError("orders is empty")
    for role, col in cols.items():
        if col not in df.columns:
            raise ValueError(f"orders has no {role} column {col!r}; columns are {list(df.columns)}")


def _dates(values: pd.Series, name: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
    else:
        try:
            with (
                warnings.catch_warnings()
            ):  # "could not infer format": we report failures ourselves
                warnings.simplefilter("ignore", UserWarning)
                out = pd.to_datetime(values, errors="raise")
        except (ValueError, TypeError) as err:
            raise ValueError(f"column {name!r} has values that are not dates: {err}") from None
    if out.isna().any():
        raise ValueError(f"column {name!r} has {int(out.isna().sum())} missing dates")
    return out.astype("datetime64[ns]")


def _checked_inputs(
    orders, start, as_of, customer_col: str, date_col: str, amount_col: str | None = None
) -> tuple:
    """``orders``, ``start`` and ``as_of`` through helpers.validation, before :func:`_prepare`.

    Ids of one type, finite amounts and tz-aware dates made naive; anything that is not a
    DataFrame or Series is left for :func:`_prepare` to refuse with its own message.
    """
    if isinstance(orders, pd.DataFrame):
        cols = {customer_col: "id?", date_col: "date?"}
        if amount_col is not None:
            cols[amount_col] = "amount"
        orders = validation.frame(orders, "orders", cols, only_present=True)
    as_of = validation.timestamp(as_of, "as_of", allow_none=True)
    if start is not None and isinstance(start, pd.Series):
        start = validation.series(start, "start", "date")
    return orders, start, as_of


def _prepare(
    orders: pd.DataFrame,
    *,
    customer_col: str,
    date_col: str,
    amount_col: str | None,
    start: pd.Series | None,
    as_of,
) -> tuple[pd.DataFrame, pd.Series, pd.Timestamp]:
    """Validated copy of the needed columns, start date per customer, and the end of observation."""
    cols = {"customer": customer_col, "date": date_col}
    if amount_col is not None:
        cols["amount"] = amount_col
    _require(orders, cols)
    df = orders[list(dict.fromkeys(cols.values()))].copy()
    if df[customer_col].isna().any():
        raise ValueError(
            f"column {customer_col!r} has {int(df[customer_col].isna().sum())} missing customer ids "
            "(guest orders?): drop them first"
        )
    df[date_col] = _dates(df[date_col], date_col)
    if amount_col is not None and not pd.api.types.is_numeric_dtype(df[amount_col]):
        raise TypeError(f"column {amount_col!r} must be numeric, got dtype {df[amount_col].dtype}")
    if start is None:
        start = df.groupby(customer_col)[date_col].min()
    else:
        if not isinstance(start, pd.Series):
            raise TypeError(
                f"start must be a Series of start dates indexed by customer, got {type(start).__name__}"
            )
        if start.index.has_duplicates:
            raise ValueError("start has duplicated customer ids in its index")
        start = _dates(start, "start")
        missing = ~df[customer_col].isin(start.index)
        if missing.any():
            raise ValueError(
                f"{int(missing.sum())} orders belong to customers without a start date in start"
            )
        early = df[date_col].to_numpy() < start.reindex(df[customer_col]).to_numpy()
        if early.any():
            raise ValueError(
                f"{int(early.sum())} orders are dated before their customer's start date"
            )
    last = df[date_col].max()
    if as_of is None:
        as_of = last.normalize() + pd.Timedelta(days=1)
    else:
        try:
            as_of = pd.Timestamp(as_of)
        except (ValueError, TypeError) as err:
            raise ValueError(f"as_of is not a date: {as_of!r}") from err
        if as_of <= last:
            raise ValueError(f"as_of ({as_of.date()}) must be after the last order ({last.date()})")
    return df, start.rename("start"), as_of


def _keyed_purchases(
    orders: pd.DataFrame, customer_col: str, date_col: str, order_col: str | None, as_of
) -> tuple[pd.DataFrame, pd.Series, pd.Timestamp]:
    """:func:`_prepare` without amounts or start, plus ``_key``: what counts as one purchase.

    The key is the order id, or without ``order_col`` the purchase day (all of a customer's
    lines on one day count as one purchase).
    """
    df, first, as_of = _prepare(
        orders,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=None,
        start=None,
        as_of=as_of,
    )
    key = orders.loc[df.index, order_col] if order_col is not None else df[date_col].dt.normalize()
    return df.assign(_key=key.to_numpy()), first, as_of


def tenure_months(dates: pd.Series, start: pd.Series) -> pd.Series:
    """Whole tenure months (of 365.25/12 days) from ``start`` to ``dates`` (aligned Series).

    Examples
    --------
    >>> tenure_months(pd.Series(pd.to_datetime(["2024-03-01"])), pd.Series(pd.to_datetime(["2024-01-01"]))).tolist()
    [1]
    """
    dates = validation.series(dates, "dates", "date")
    start = validation.series(start, "start", "date")
    if not dates.index.equals(start.index) and not (
        dates.index.is_unique and start.index.is_unique and set(dates.index) == set(start.index)
    ):
        raise ValueError(
            f"dates ({len(dates)} rows) and start ({len(start)} rows) must be aligned Series with "
            "the same index, one start date per date"
        )
    days = (dates - start).dt.total_seconds() / 86400
    return np.floor(days / DAYS_PER_MONTH).astype("int64")


def spend_by_tenure(
    orders: pd.DataFrame,
    *,
    start: pd.Series | None = None,
    as_of=None,
    min_months: int | None = None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
) -> pd.DataFrame:
    """Spend by tenure month, per customer still under observation.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order (or order line), with customer, date and amount columns.
    start : pandas.Series, optional
        Start date per customer (e.g. signup date), indexed by customer id; customers in it
        without orders count as observed and inactive. Default: each customer's first order.
    as_of : date-like, optional
        End of observation (exclusive); default the day after the last order.
    min_months : int, optional
        Keep only customers observed for at least this many whole months, and only months
        below it: a balanced panel in which every month has the same customers.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``tenure_month`` (0 = first month); columns ``customers`` (observed for the
        whole month), ``active`` (with an order), ``active_share``, ``spend`` (total) and
        ``spend_per_customer`` (per observed customer). Only fully observed months count.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1], "order_date": pd.to_datetime(["2024-01-01", "2024-02-15"]),
    ...                   "amount": [10.0, 30.0]})
    >>> spend_by_tenure(o, as_of="2024-03-05")["spend"].tolist()
    [10.0, 30.0]
    """
    orders, start, as_of = _checked_inputs(orders, start, as_of, customer_col, date_col, amount_col)
    df, start, as_of = _prepare(
        orders,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
        start=start,
        as_of=as_of,
    )
    observed = tenure_months(pd.Series(as_of, index=start.index), start).clip(lower=0)
    if min_months is not None:
        if (
            isinstance(min_months, bool)
            or not isinstance(min_months, numbers.Integral)
            or min_months < 1
        ):
            raise ValueError(f"min_months must be a positive integer, got {min_months!r}")
        observed = observed[observed >= min_months].clip(upper=min_months)
        if observed.empty:
            raise ValueError(f"no customer is observed for {min_months} months")
    df = df[df[customer_col].isin(observed.index)]
    month = tenure_months(df[date_col], start.reindex(df[customer_col]).set_axis(df.index))
    df = df.assign(tenure_month=month)
    df = df[df["tenure_month"] < observed.reindex(df[customer_col]).to_numpy()]
    horizon = int(observed.max())
    counts = np.bincount(observed.to_numpy(), minlength=horizon + 1)
    customers = counts[::-1].cumsum()[::-1][1:]  # observed for more than m months
    grouped = df.groupby("tenure_month").agg(
        active=(customer_col, "nunique"), spend=(amount_col, "sum")
    )
    out = pd.DataFrame({"customers": customers}, index=pd.RangeIndex(horizon, name="tenure_month"))
    out = out.join(grouped).fillna({"active": 0, "spend": 0.0}).astype({"active": "int64"})
    out = out[out["customers"] > 0]
    return out.assign(
        active_share=lambda d: d["active"] / d["customers"],
        spend_per_customer=lambda d: d["spend"] / d["customers"],
    )[["customers", "active", "active_share", "spend", "spend_per_customer"]]


def loyalty_ratio(
    orders: pd.DataFrame,
    *,
    early: tuple[int, int] = (0, 6),
    late: tuple[int, int] = (24, 30),
    stayers_only: bool = True,
    group: Sequence | pd.Index | None = None,
    start: pd.Series | None = None,
    as_of=None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
) -> pd.Series:
    """How much customers who stay spend late in the relationship versus early (Reichheld 1996).

    The group: customers observed for at least ``late[1]`` whole tenure months, and (when
    ``stayers_only``) with at least one order in tenure months ``[late[0], late[1])``. The ratio
    is their total spend in months ``[late[0], late[1])`` over their total spend in months
    ``[early[0], early[1])`` — with the defaults, months 24–29 versus months 0–5 (six months each).

    Defining "stayers" by a purchase in the late window selects on the outcome: a customer is
    counted only if they bought late, so late spend is positive by construction (survivorship
    bias). ``group`` lets you define the group without the late window instead, e.g. customers
    active in months 18–23 or alive according to a model; it overrides ``stayers_only``.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order (or order line), with customer, date and amount columns.
    early, late : (int, int)
        Tenure-month windows ``(first, end)``, end excluded like ``range``.
    stayers_only : bool, default True
        Keep only customers with an order in the late window (False: everyone observed long
        enough).
    group : sequence of customer ids, optional
        An explicit group (intersected with the customers observed long enough).
    start : pandas.Series, optional
        Start date per customer; default the first order.
    as_of : date-like, optional
        End of observation (exclusive); default the day after the last order.

    Returns
    -------
    pandas.Series
        ``customers_observed`` (observed long enough), ``customers`` (in the group),
        ``spend_early`` and ``spend_late`` (per customer in the group), ``ratio``, and its two
        factors: ``orders_early`` and ``orders_late`` (rows per customer in the group: orders, when
        ``orders`` has one row per order) and ``order_value_early`` / ``order_value_late``
        (spend per row), so that ratio = order ratio × order-value ratio.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1], "order_date": pd.to_datetime(["2020-01-01", "2022-02-01"]),
    ...                   "amount": [10.0, 25.0]})
    >>> loyalty_ratio(o, as_of="2023-01-01")["ratio"]
    np.float64(2.5)
    """
    orders, start, as_of = _checked_inputs(orders, start, as_of, customer_col, date_col, amount_col)
    for name, win in (("early", early), ("late", late)):
        if (
            not isinstance(win, tuple)
            or len(win) != 2
            or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in win)
            or not 0 <= win[0] < win[1]
        ):
            raise ValueError(
                f"{name} must be a (first, end) pair of whole months with 0 <= first < end, got {win!r}"
            )
    df, start, as_of = _prepare(
        orders,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=amount_col,
        start=start,
        as_of=as_of,
    )
    horizon = max(early[1], late[1])
    observed = tenure_months(pd.Series(as_of, index=start.index), start)
    eligible = observed.index[observed >= horizon]
    df = df[df[customer_col].isin(eligible)]
    month = tenure_months(df[date_col], start.reindex(df[customer_col]).set_axis(df.index))
    in_early = month.between(early[0], early[1] - 1)
    in_late = month.between(late[0], late[1] - 1)
    if group is not None:
        if isinstance(group, (str, bytes)) or not hasattr(group, "__iter__"):
            raise TypeError(
                f"group must be a collection of customer ids, got {type(group).__name__}"
            )
        group = pd.Index(eligible).intersection(pd.Index(list(group)))
    elif stayers_only:
        group = pd.Index(df.loc[in_late, customer_col].unique())
    else:
        group = pd.Index(eligible)
    keep = df[customer_col].isin(group)
    n = len(group)
    spend_early = float(df.loc[keep & in_early, amount_col].sum())
    spend_late = float(df.loc[keep & in_late, amount_col].sum())
    rows_early = int((keep & in_early).sum())
    rows_late = int((keep & in_late).sum())
    return pd.Series(
        {
            "customers_observed": float(len(eligible)),
            "customers": float(n),
            "spend_early": spend_early / n if n else math.nan,
            "spend_late": spend_late / n if n else math.nan,
            "ratio": spend_late / spend_early if spend_early > 0 else math.nan,
            "orders_early": rows_early / n if n else math.nan,
            "orders_late": rows_late / n if n else math.nan,
            "order_value_early": spend_early / rows_early if rows_early else math.nan,
            "order_value_late": spend_late / rows_late if rows_late else math.nan,
        },
        name="loyalty_ratio",
    )


def _period_ordinal(dates: pd.Series, freq: str) -> np.ndarray:
    year = dates.dt.year.to_numpy().astype("int64")
    month = dates.dt.month.to_numpy().astype("int64")
    if freq == "M":
        return year * 12 + month - 1
    return year * 4 + (month - 1) // 3


def _period_label(ordinal: np.ndarray, freq: str) -> list[str]:
    if freq == "M":
        return [f"{o // 12}-{o % 12 + 1:02d}" for o in ordinal]
    return [f"{o // 4}Q{o % 4 + 1}" for o in ordinal]


def cohort_retention(
    orders: pd.DataFrame,
    *,
    freq: str = "Q",
    start: pd.Series | None = None,
    as_of=None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Cohort retention curves: share of each start-period cohort with an order in each later period.

    Parameters
    ----------
    orders : pandas.DataFrame
        Orders with customer and date columns.
    freq : {"Q", "M"}, default "Q"
        Calendar quarters or months.
    start : pandas.Series, optional
        Start date per customer (e.g. signup date) defining the cohort; customers without
        orders count in their cohort's size. Default: first order date (then period 0 is 100%).
    as_of : date-like, optional
        End of observation (exclusive); default the day after the last order. Periods that are
        not complete by then are NaN.

    Returns
    -------
    pandas.DataFrame
        Index ``cohort`` (labels like "2023Q1" or "1997-01"); first column ``customers``
        (cohort size), then one column per periods since the start period (0, 1, 2, ...)
        holding the share of the cohort with at least one order in that period.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1, 2], "order_date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-02-01"])})
    >>> cohort_retention(o, as_of="2024-07-01").loc["2024Q1", [0, 1]].tolist()
    [1.0, 0.5]
    """
    orders, start, as_of = _checked_inputs(orders, start, as_of, customer_col, date_col)
    if freq not in ("Q", "M"):
        raise ValueError(f"freq must be 'Q' or 'M', got {freq!r}")
    df, start, as_of = _prepare(
        orders,
        customer_col=customer_col,
        date_col=date_col,
        amount_col=None,
        start=start,
        as_of=as_of,
    )
    start_p = pd.Series(_period_ordinal(start, freq), index=start.index)
    last_complete = int(_period_ordinal(pd.Series([as_of]), freq)[0]) - 1
    start_p = start_p[start_p <= last_complete]
    if start_p.empty:
        raise ValueError("no cohort has a complete period before as_of")
    df = df[df[customer_col].isin(start_p.index)]
    offset = _period_ordinal(df[date_col], freq) - start_p.reindex(df[customer_col]).to_numpy()
    active = (
        pd.DataFrame(
            {
                "cohort": start_p.reindex(df[customer_col]).to_numpy(),
                "offset": offset,
                "c": df[customer_col].to_numpy(),
            }
        )
        .query("offset >= 0")
        .drop_duplicates()
        .groupby(["cohort", "offset"])
        .size()
        .unstack("offset")
    )
    sizes = start_p.value_counts().sort_index()
    offsets = np.arange(last_complete - int(sizes.index.min()) + 1)
    shares = active.reindex(index=sizes.index, columns=offsets).fillna(0).div(sizes, axis=0)
    # periods after the last complete one are unknown, not zero
    unobserved = (sizes.index.to_numpy()[:, None] + offsets[None, :]) > last_complete
    shares = shares.mask(unobserved)
    shares.insert(0, "customers", sizes.to_numpy())
    shares.index = pd.Index(_period_label(sizes.index.to_numpy(), freq), name="cohort")
    shares.columns.name = "periods_since_start"
    return shares


def repeat_purchase_rate(
    orders: pd.DataFrame,
    *,
    within_days: int | None = None,
    freq: str | None = None,
    order_col: str | None = None,
    as_of=None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Share of customers who bought again after their first purchase.

    A purchase is a distinct order (``order_col``) or, when ``order_col`` is None, a distinct
    purchase day (CDNOW records one row per customer per day and product line).

    Parameters
    ----------
    within_days : int, optional
        Count only repeat purchases within this many days after the first one, and only
        customers observed that long (fair across cohorts). Default: any time before ``as_of``.
    freq : {"Q", "M"}, optional
        Report by first-purchase cohort (calendar quarter or month) instead of overall.

    Returns
    -------
    pandas.DataFrame
        Index ``cohort`` (or the single row ``"all"``); columns ``customers``, ``repeaters``
        and ``repeat_rate``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1, 2], "order_date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-01"])})
    >>> repeat_purchase_rate(o)["repeat_rate"].tolist()
    [0.5]
    """
    if isinstance(orders, pd.DataFrame):  # ids of one type, tz-aware dates made naive
        orders = validation.frame(
            orders, "orders", {customer_col: "id?", date_col: "date?"}, only_present=True
        )
    as_of = validation.timestamp(as_of, "as_of", allow_none=True)
    if freq not in (None, "Q", "M"):
        raise ValueError(f"freq must be None, 'Q' or 'M', got {freq!r}")
    if within_days is not None and (
        isinstance(within_days, bool)
        or not isinstance(within_days, numbers.Integral)
        or within_days < 1
    ):
        raise ValueError(f"within_days must be a positive integer, got {within_days!r}")
    if order_col is not None:
        _require(orders, {"order": order_col})
    df, first, as_of = _keyed_purchases(orders, customer_col, date_col, order_col, as_of)
    if within_days is not None:
        horizon = pd.Timedelta(days=within_days)
        first = first[first + horizon <= as_of]
        if first.empty:
            raise ValueError(
                f"no customer is observed for {within_days} days after the first purchase"
            )
        df = df[df[customer_col].isin(first.index)]
        df = df[df[date_col] <= first.reindex(df[customer_col]).to_numpy() + horizon]
    purchases = df.groupby(customer_col)["_key"].nunique()
    first_day = first.dt.normalize().reindex(purchases.index)
    repeat = purchases >= 2  # a second distinct order (or purchase day)
    table = pd.DataFrame({"repeat": repeat.astype("int64")})
    if freq is None:
        table["cohort"] = "all"
    else:
        table["cohort"] = _period_label(_period_ordinal(first_day, freq), freq)
    out = table.groupby("cohort").agg(customers=("repeat", "size"), repeaters=("repeat", "sum"))
    return out.assign(repeat_rate=lambda d: d["repeaters"] / d["customers"])


def second_purchase_curve(
    orders: pd.DataFrame,
    *,
    days: int = 365,
    order_col: str | None = None,
    as_of=None,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
) -> pd.DataFrame:
    """Kaplan–Meier curve of the time from the first to the second purchase, with censoring.

    A customer who has not bought again by ``as_of`` is *censored*: we know only that the second
    purchase, if any, comes later than the time observed. Kaplan & Meier (1958) use such customers
    while they are observed instead of counting them as "never", which a plain repeat rate would
    do for recent customers. The curve is 1 − S(t), the share who have bought again by day t
    (statsmodels ``SurvfuncRight``).

    A purchase is a distinct order (``order_col``) or, when ``order_col`` is None, a distinct
    purchase day.

    Parameters
    ----------
    orders : pandas.DataFrame
        Orders with customer and date columns.
    days : int, default 365
        Report days 0..``days`` after the first purchase.
    order_col : str, optional
        Order id column; default distinct purchase days.
    as_of : date-like, optional
        End of observation (exclusive); default the day after the last order.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``day`` 0..days: ``at_risk`` (customers still waiting and observed at the start
        of the day), ``repeated`` (KM estimate of the share with a second purchase by the end of
        the day). ``attrs`` hold ``customers`` and ``censored`` (customers without a second purchase).

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...                   "order_date": pd.to_datetime(["2024-01-01", "2024-01-11", "2024-01-01",
    ...                                                 "2024-01-01", "2024-01-21"])})
    >>> second_purchase_curve(o, days=30, as_of="2024-01-31")["repeated"].loc[[9, 10, 20]].round(3).tolist()
    [0.0, 0.333, 0.667]
    """
    from statsmodels.duration.survfunc import SurvfuncRight

    if isinstance(days, bool) or not isinstance(days, numbers.Integral) or days < 1:
        raise ValueError(f"days must be a positive integer, got {days!r}")
    if order_col is not None:
        _require(orders, {"order": order_col})
    orders = validation.frame(
        orders,
        "orders",
        {customer_col: "id", date_col: "date", order_col: "id"},
        allow_empty=False,
    ).reset_index(drop=True)  # a repeated index label must not repeat rows in the lookup below
    as_of = validation.timestamp(as_of, "as_of", allow_none=True)
    df, first, as_of = _keyed_purchases(orders, customer_col, date_col, order_col, as_of)
    purchases = df.sort_values([customer_col, date_col], kind="stable").drop_duplicates(
        [customer_col, "_key"]
    )
    second = purchases.groupby(customer_col)[date_col].nth(1)
    second = pd.Series(
        second.to_numpy(), index=purchases.loc[second.index, customer_col].to_numpy()
    )
    event = first.index.isin(second.index)
    end = second.reindex(first.index).where(event, as_of)
    duration = (end - first).dt.total_seconds().to_numpy() / 86400
    fit = SurvfuncRight(duration, event.astype(float))
    grid = np.arange(days + 1)
    # S just after the end of day t: KM steps at event times <= t + 1 (a repeat within day t)
    pos = np.searchsorted(fit.surv_times, grid + 1, side="left") - 1
    if fit.surv_prob.size:
        surv = np.where(pos >= 0, fit.surv_prob[np.maximum(pos, 0)], 1.0)
    else:  # nobody came back: the Kaplan-Meier curve has no step, S stays 1
        surv = np.ones(grid.shape)
    at_risk = duration.size - np.searchsorted(np.sort(duration), grid, side="left")
    out = pd.DataFrame(
        {"at_risk": at_risk, "repeated": 1 - surv}, index=pd.RangeIndex(days + 1, name="day")
    )
    out.attrs["customers"] = int(len(first))
    out.attrs["censored"] = int((~event).sum())
    return out


def won_ko(amount: float, *, step: float = 10_000) -> str:
    """An amount in won written the Korean way (만 and 억), rounded to ``step`` won.

    For the Korean edition's printed sentences: 211 million KRW is "2억 1,100만 원".

    Examples
    --------
    >>> won_ko(211_000_000)
    '2억 1,100만 원'
    >>> won_ko(88_000_000)
    '8,800만 원'
    >>> won_ko(300_000_000)
    '3억 원'
    >>> won_ko(12_345, step=1)
    '1만 2,345원'
    """
    amount = validation.number(amount, "amount", low=-1e15, high=1e15)
    step = validation.number(step, "step", low=0, low_open=True, high=1e15)
    won = round(amount / step) * step
    sign, won = ("-" if won < 0 else ""), abs(int(won))
    eok, man, rest = won // 100_000_000, won // 10_000 % 10_000, won % 10_000
    parts = [f"{eok:,}억"] if eok else []
    parts += [f"{man:,}만"] if man else []
    if rest or not parts:
        return sign + " ".join([*parts, f"{rest:,}원"])
    return sign + " ".join(parts) + " 원"
