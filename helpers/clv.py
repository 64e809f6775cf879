"""Customer lifetime value (고객평생가치, CLV): from the slide's formula to probabilistic models.

Three levels of the same idea, all vectorised (no Python loop over customers):

* the slide's simple LTV (평균구매액 × 거래기간): :func:`simple_ltv`;
* LTV as the net present value of a margin stream with constant retention (Gupta, Lehmann &
  Stuart 2004): :func:`retention_clv`, closed form ``m·r/(1+d−r)``;
* probabilistic models fitted by maximum likelihood:

  - contractual setting (subscriptions, we see when a customer leaves): the shifted-beta-geometric
    model of Fader & Hardie (2007), :func:`fit_sbg`;
  - non-contractual setting (a shop, we never see a customer leave): BG/NBD for the number of
    purchases (Fader, Hardie & Lee 2005, "Counting your customers the easy way") and Gamma-Gamma
    for the spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999),
    :func:`fit_bgnbd`, :func:`fit_gamma_gamma`, combined by :func:`customer_lifetime_value`.

Definitions used by the probabilistic models (the Fader–Hardie/lifetimes convention)
-----------------------------------------------------------------------------------
A *purchase* is a purchase occasion: all lines a customer bought on one calendar day count as one
purchase, their amounts summed. ``frequency`` is the number of *repeat* purchases (purchase days
after the first one), ``recency`` the time from the first to the last purchase, ``T`` the time
from the first purchase to the end of the calibration period, all measured in a stated unit
(weeks by default: days / 7). ``monetary`` is the average spend of the repeat purchases (0 when
there are none). With these definitions :func:`summary_from_transactions` rebuilds the published
39-week CDNOW summary exactly from the raw sample transactions.

Fitting
-------
Every model is fitted by maximising its analytic log-likelihood (written with ``gammaln`` /
``betaln`` and a log-sum-exp, so it stays finite for large counts) over the logarithms of its
parameters, with scipy's L-BFGS-B and analytic gradients. A fit that does not converge raises
:class:`ConvergenceError` instead of returning a silent wrong answer.

Examples
--------
>>> from helpers.data import load_cdnow_summary
>>> s = load_cdnow_summary()
>>> bg = fit_bgnbd(s["frequency"], s["recency"], s["T"])
>>> round(bg.r, 3), round(bg.alpha, 3), round(bg.a, 3), round(bg.b, 3)
(0.243, 4.414, 0.793, 2.426)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special

from helpers import validation
from helpers.validation import require_columns, require_frame

__all__ = [
    "ConvergenceError",
    "SBGFit",
    "BGNBDFit",
    "GammaGammaFit",
    "simple_ltv",
    "retention_clv",
    "retention_elasticity",
    "summary_from_transactions",
    "fit_sbg",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "customer_lifetime_value",
    "repeat_purchase_tracking",
    "holdout_by_frequency",
    "ranking_agreement",
    "simulate_bgnbd",
    "simulate_gamma_gamma",
    "bgnbd_negative_loglik",
]

#: Length of one time unit in days, for the ``freq`` arguments.
UNIT_DAYS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


def _fmt(value: float) -> str:
    """Parameter for a one-line summary: 3 decimals, or whole numbers with separators from 1,000."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3f}"


class ConvergenceError(RuntimeError):
    """The maximum-likelihood optimiser did not converge."""


# ---------------------------------------------------------------------------------------------
# Input checks


def _array(values: Any, name: str, *, allow_scalar: bool = True) -> np.ndarray:
    """Values as a float array; TypeError/ValueError naming the argument otherwise."""
    validation.numeric(values, name)  # text, bool, NaN, inf and implausibly large values refused
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got a string")
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be a 1-d array or Series, got a DataFrame")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numeric") from None
    if arr.ndim > 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.ndim == 0 and not allow_scalar:
        arr = arr.reshape(1)
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} has missing or infinite values")
    return arr


def _positive(value: float, name: str) -> float:
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return v


def _check_rft(frequency: Any, recency: Any, T: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate (frequency, recency, T) in the Fader–Hardie convention; return float arrays."""
    x = _array(frequency, "frequency")
    t_x = _array(recency, "recency")
    big_t = _array(T, "T")
    x, t_x, big_t = np.broadcast_arrays(x, t_x, big_t)
    if np.any(x < 0):
        raise ValueError("frequency must be non-negative (it counts repeat purchases)")
    if np.any(x != np.round(x)):
        raise ValueError("frequency must be whole numbers (it counts repeat purchases)")
    if np.any(t_x < 0):
        raise ValueError("recency must be non-negative")
    if np.any(big_t < 0):
        raise ValueError("T must be non-negative (time since the first purchase)")
    if np.any(t_x > big_t * (1 + 1e-9) + 1e-9):
        raise ValueError(
            "recency must not be greater than T (the last purchase lies in the window)"
        )
    if np.any((x == 0) & (t_x > 0)):
        raise ValueError("recency must be 0 for customers with frequency 0 (no repeat purchase)")
    return x, np.minimum(t_x, big_t), big_t


def _like(template: Any, values: np.ndarray) -> Any:
    """Return values shaped like the input: a Series keeps its index, a scalar stays a float."""
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index)
    if np.ndim(template) == 0 and np.size(values) == 1:
        return float(np.asarray(values).reshape(-1)[0])
    return values


def _first_series(*candidates: Any) -> Any:
    for c in candidates:
        if isinstance(c, pd.Series):
            return c
    return candidates[0]


_BFGS = {"maxiter": 2000, "gtol": 1e-9}
_GTOL_ACCEPT = 1e-6  # largest gradient (of the mean log-likelihood) accepted at an optimum


def _converged(res: optimize.OptimizeResult) -> bool:
    """Success, or BFGS's "precision loss" stop at a point where the gradient is already ~0."""
    finite = np.all(np.isfinite(res.x)) and np.isfinite(res.fun)
    flat = res.get("jac") is not None and np.max(np.abs(res.jac)) < _GTOL_ACCEPT
    return bool(finite and (res.success or flat))


def _minimize(fun, x0: np.ndarray, what: str) -> optimize.OptimizeResult:
    """BFGS with analytic gradient in log-parameters (unconstrained, so every step is valid);
    if it fails, restart from a Nelder–Mead solution, then try L-BFGS-B, before giving up."""
    with np.errstate(all="ignore"):
        res = optimize.minimize(fun, x0, jac=True, method="BFGS", options=_BFGS)
        if not _converged(res):
            nm = optimize.minimize(
                lambda z: fun(z)[0],
                x0,
                method="Nelder-Mead",
                options={"maxiter": 20_000, "xatol": 1e-10, "fatol": 1e-13},
            )
            res = optimize.minimize(fun, nm.x, jac=True, method="BFGS", options=_BFGS)
            if not _converged(res):
                res = optimize.minimize(
                    fun, nm.x, jac=True, method="L-BFGS-B", options={"ftol": 1e-14, "gtol": 1e-9}
                )
    if not _converged(res):
        raise ConvergenceError(
            f"{what}: the maximum-likelihood fit did not converge ({res.message}). Check the input "
            "(are there enough repeat customers? are the time units consistent?)."
        )
    if np.any(np.abs(res.x) > 25):
        raise ConvergenceError(
            f"{what}: a parameter ran off to {np.exp(res.x).round(6).tolist()}; the data do not "
            "identify the model (too few customers or no variation)."
        )
    return res


# ---------------------------------------------------------------------------------------------
# Simple LTV and the retention (NPV) formula


def simple_ltv(avg_purchase: Any, periods: Any) -> Any:
    """The slide's LTV: average purchase amount × transaction period (평균구매액 × 거래기간).

    Parameters
    ----------
    avg_purchase : float, array or Series
        Average purchase amount (per period, e.g. spend per year).
    periods : float, array or Series
        Length of the relationship in the same periods (e.g. years a customer stays).

    Returns
    -------
    float, array or Series
        ``avg_purchase * periods`` (a Series keeps its index). No margin, no discounting, no
        uncertainty about how long the customer stays: that is what the later models add.

    Examples
    --------
    >>> simple_ltv(50_000, 3)
    150000.0
    """
    amount = _array(avg_purchase, "avg_purchase")
    n = _array(periods, "periods")
    if np.any(amount < 0):
        raise ValueError("avg_purchase must be non-negative")
    if np.any(n < 0):
        raise ValueError("periods must be non-negative")
    return _like(_first_series(avg_purchase, periods), amount * n)


def retention_clv(margin: Any, retention: Any, discount: Any, periods: int | None = None) -> Any:
    """CLV as the net present value of a margin stream with constant retention.

    A customer brings ``margin`` at the end of each period in which she is still a customer; she
    stays from one period to the next with probability ``retention``; money one period later is
    worth ``1/(1+discount)`` today. The value of a customer just acquired is

    ``sum_{t=1..periods} margin · retention**t / (1+discount)**t``

    and, for an infinite horizon (``periods=None``), the closed form ``m·r/(1+d−r)``
    (Gupta, Lehmann & Stuart 2004). Assumptions: constant margin, constant retention (the same
    for every customer and every year of tenure), constant discount rate.

    Parameters
    ----------
    margin : float or array
        Margin per period (currency units); may be negative (a loss-making customer).
    retention : float or array
        Retention rate per period, in [0, 1).
    discount : float or array
        Discount rate per period, >= 0 (e.g. 0.12 per year).
    periods : int, optional
        Horizon in periods; ``None`` for the infinite-horizon closed form.

    Returns
    -------
    float or numpy.ndarray (broadcast over the inputs)

    Examples
    --------
    >>> round(retention_clv(100, 0.8, 0.12), 6)
    250.0
    >>> round(retention_clv(100, 0.8, 0.12, periods=5), 2)
    203.52
    """
    m = _array(margin, "margin")
    r = _array(retention, "retention")
    d = _array(discount, "discount")
    if np.any((r < 0) | (r >= 1)):
        raise ValueError(
            "retention must be in [0, 1): a retention of 1 means customers never leave"
        )
    if np.any(d < 0):
        raise ValueError("discount must be non-negative")
    q = r / (1 + d)  # survival-weighted discount factor per period
    if periods is None:
        value = m * r / (1 + d - r)
    else:
        if isinstance(periods, bool) or not isinstance(periods, (int, np.integer)) or periods < 0:
            raise ValueError(
                f"periods must be a non-negative whole number or None, got {periods!r}"
            )
        value = m * q * (1 - q**periods) / (1 - q)
    value = np.asarray(value, dtype=float)
    return float(value) if value.ndim == 0 else value


def retention_elasticity(retention: Any, discount: Any) -> Any:
    """Elasticity of the closed-form CLV ``m·r/(1+d−r)`` with respect to retention.

    The percentage change in CLV for a 1% (relative) rise in retention:
    ``d ln CLV / d ln r = (1+d)/(1+d−r)``. The elasticity with respect to the margin is exactly 1.

    Examples
    --------
    >>> round(retention_elasticity(0.8, 0.12), 2)
    3.5
    """
    r = _array(retention, "retention")
    d = _array(discount, "discount")
    if np.any((r <= 0) | (r >= 1)):
        raise ValueError("retention must be in (0, 1)")
    if np.any(d < 0):
        raise ValueError("discount must be non-negative")
    value = np.asarray((1 + d) / (1 + d - r), dtype=float)
    return float(value) if value.ndim == 0 else value


# ---------------------------------------------------------------------------------------------
# From transactions to the (frequency, recency, T, monetary) summary


def _require_columns(df: pd.DataFrame, columns: list[str], name: str = "transactions") -> None:
    require_frame(df, name, allow_empty=False)
    require_columns(df, columns, name)


def _timestamp(value: Any, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date, got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date, got {value!r}")
    return ts


def summary_from_transactions(
    transactions: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    amount_col: str = "amount",
    freq: str = "W",
    calibration_end: Any = None,
    observation_end: Any = None,
) -> pd.DataFrame:
    """Frequency, recency, T and average repeat spend per customer (Fader–Hardie convention).

    All lines of one customer on one calendar day make one purchase (amounts summed). Only
    customers whose first purchase is on or before ``calibration_end`` are included.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase line; amounts must be non-negative (clean returns first).
    customer_col, date_col, amount_col : str
        Column names.
    freq : {"W", "D", "M"}
        Time unit of recency and T: weeks (7 days, the default), days, or months (365.25/12
        days).
    calibration_end : date, optional
        Last day (inclusive) of the calibration period. Default: ``observation_end``.
    observation_end : date, optional
        Last day (inclusive) of the data. Default: the last purchase date in the data.

    Returns
    -------
    DataFrame indexed by customer, sorted, with columns
        ``frequency`` (repeat purchases in the calibration period), ``recency`` (first to last
        purchase), ``T`` (first purchase to ``calibration_end``), ``monetary`` (average spend of the
        repeat purchases, 0 if none); and, when ``calibration_end`` is before ``observation_end``,
        ``holdout_purchases`` (purchases after ``calibration_end`` up to ``observation_end``),
        ``holdout_spend`` (their total) and ``holdout_T`` (length of the holdout period).

    Examples
    --------
    >>> from helpers.data import load_cdnow
    >>> s = summary_from_transactions(load_cdnow("sample"), date_col="date",
    ...                               calibration_end="1997-09-30")
    >>> s.loc[1, ["frequency", "recency", "T"]].round(2).tolist()
    [2.0, 30.43, 38.86]
    """
    if isinstance(
        transactions, pd.DataFrame
    ):  # ids of one type, dates (tz-aware made naive), amounts
        transactions = validation.frame(
            transactions,
            "transactions",
            {customer_col: "id", date_col: "date", amount_col: "amount"},
        )
    calibration_end = validation.timestamp(calibration_end, "calibration_end", allow_none=True)
    observation_end = validation.timestamp(observation_end, "observation_end", allow_none=True)
    _require_columns(transactions, [customer_col, date_col, amount_col])
    if freq not in UNIT_DAYS:
        raise ValueError(f"freq must be one of {sorted(UNIT_DAYS)}, got {freq!r}")
    if transactions[customer_col].isna().any():
        raise ValueError(
            f"column {customer_col!r} has missing customer ids (guest orders?); drop them first"
        )
    try:
        dates = pd.to_datetime(transactions[date_col])
    except (TypeError, ValueError):
        raise ValueError(f"column {date_col!r} has values that are not dates") from None
    if dates.isna().any():
        raise ValueError(f"column {date_col!r} has missing dates")
    amount = pd.to_numeric(transactions[amount_col], errors="coerce")
    if amount.isna().any():
        raise ValueError(f"column {amount_col!r} has missing or non-numeric amounts")
    if (amount < 0).any():
        raise ValueError(
            f"column {amount_col!r} has negative amounts (returns?); clean the transactions first"
        )
    obs_end = (
        dates.max() if observation_end is None else _timestamp(observation_end, "observation_end")
    )
    cal_end = obs_end if calibration_end is None else _timestamp(calibration_end, "calibration_end")
    if cal_end > obs_end:
        raise ValueError("calibration_end must not be after observation_end")
    unit = UNIT_DAYS[freq]

    days = (
        pd.DataFrame(
            {"customer": transactions[customer_col].to_numpy(), "day": dates.dt.normalize()}
        )
        .assign(amount=amount.to_numpy())
        .loc[lambda d: d["day"] <= obs_end]
        .groupby(["customer", "day"], as_index=False)["amount"]
        .sum()
    )
    first = days.groupby("customer")["day"].transform("min")
    days = days.assign(first=first).loc[lambda d: d["first"] <= cal_end]
    if days.empty:
        raise ValueError("no customer made a first purchase on or before calibration_end")
    cal = days.loc[days["day"] <= cal_end]
    repeat = cal.loc[cal["day"] > cal["first"]]
    g = cal.groupby("customer")
    out = pd.DataFrame(
        {
            "frequency": g.size() - 1,
            "recency": (g["day"].max() - g["first"].min()).dt.days / unit,
            "T": (cal_end - g["first"].min()).dt.days / unit,
        }
    )
    out["monetary"] = repeat.groupby("customer")["amount"].mean().reindex(out.index).fillna(0.0)
    if cal_end < obs_end:
        hold = days.loc[days["day"] > cal_end].groupby("customer")["amount"]
        out["holdout_purchases"] = hold.size().reindex(out.index, fill_value=0).astype("int64")
        out["holdout_spend"] = hold.sum().reindex(out.index, fill_value=0.0)
        out["holdout_T"] = (obs_end - cal_end).days / unit
    out.index.name = customer_col
    return out.astype({"frequency": "int64"}).sort_index()


# ---------------------------------------------------------------------------------------------
# Shifted-beta-geometric (contractual)


@dataclass(frozen=True)
class SBGFit:
    """A fitted shifted-beta-geometric model (Fader & Hardie 2007).

    Each customer has a churn probability θ per period, θ ~ Beta(alpha, beta) across customers.
    """

    alpha: float
    beta: float
    loglik: float
    n_customers: int
    n_periods: int

    def __repr__(self) -> str:
        return (
            f"<sBG fit: {self.n_customers:,} customers over {self.n_periods} periods, "
            f"alpha={_fmt(self.alpha)}, beta={_fmt(self.beta)}, loglik={self.loglik:.2f}>"
        )

    @property
    def params(self) -> pd.Series:
        return pd.Series({"alpha": self.alpha, "beta": self.beta})

    def survival(self, t: Any) -> Any:
        """Share of the cohort still a customer after ``t`` periods: B(α, β+t)/B(α, β)."""
        tt = _array(t, "t")
        if np.any(tt < 0):
            raise ValueError("t must be non-negative")
        s = np.exp(
            special.betaln(self.alpha, self.beta + tt) - special.betaln(self.alpha, self.beta)
        )
        return _like(t, s)

    def retention(self, t: Any) -> Any:
        """Retention rate from period t−1 to t: (β+t−1)/(α+β+t−1), rising with t."""
        tt = _array(t, "t")
        if np.any(tt < 1):
            raise ValueError("t must be at least 1 (retention from period t-1 to t)")
        return _like(t, (self.beta + tt - 1) / (self.alpha + self.beta + tt - 1))

    def churn_probability(self, t: Any) -> Any:
        """P(a customer of the cohort leaves exactly in period t) = B(α+1, β+t−1)/B(α, β)."""
        tt = _array(t, "t")
        if np.any(tt < 1):
            raise ValueError("t must be at least 1")
        p = np.exp(
            special.betaln(self.alpha + 1, self.beta + tt - 1)
            - special.betaln(self.alpha, self.beta)
        )
        return _like(t, p)


def _sbg_negloglik(z: np.ndarray, churned: np.ndarray, alive: float, n: float):
    """Negative mean log-likelihood of the sBG and its gradient in log-parameters."""
    alpha, beta = np.exp(z)
    t = np.arange(1, len(churned) + 1, dtype=float)
    big_t = float(len(churned))
    b0 = special.betaln(alpha, beta)
    lp = special.betaln(alpha + 1, beta + t - 1) - b0
    ls = special.betaln(alpha, beta + big_t) - b0
    ll = churned @ lp + alive * ls
    # d betaln(x, y)/dx = psi(x) - psi(x+y)
    dg0a = special.digamma(alpha) - special.digamma(alpha + beta)
    dg0b = special.digamma(beta) - special.digamma(alpha + beta)
    dlp_a = special.digamma(alpha + 1) - special.digamma(alpha + beta + t) - dg0a
    dlp_b = special.digamma(beta + t - 1) - special.digamma(alpha + beta + t) - dg0b
    dls_a = special.digamma(alpha) - special.digamma(alpha + beta + big_t) - dg0a
    dls_b = special.digamma(beta + big_t) - special.digamma(alpha + beta + big_t) - dg0b
    grad = np.array(
        [alpha * (churned @ dlp_a + alive * dls_a), beta * (churned @ dlp_b + alive * dls_b)]
    )
    return -ll / n, -grad / n


def fit_sbg(survivors: Any) -> SBGFit:
    """Fit the shifted-beta-geometric model to a cohort's survivor counts (Fader & Hardie 2007).

    Parameters
    ----------
    survivors : sequence, array or Series
        Customers still active at the start of periods 0, 1, ..., n (the first entry is the
        cohort size). Must be non-increasing whole numbers.

    Returns
    -------
    SBGFit
        With ``alpha``, ``beta``, ``loglik`` and methods ``survival(t)``, ``retention(t)``.

    Examples
    --------
    >>> from helpers.data import load_sbg_survivors
    >>> fit = fit_sbg(load_sbg_survivors().loc[0:7, "regular"])
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    """
    s = _array(survivors, "survivors", allow_scalar=False)
    if len(s) < 3:
        raise ValueError("survivors needs the cohort size and at least two later counts")
    if np.any(s < 0) or np.any(s != np.round(s)):
        raise ValueError("survivors must be non-negative whole numbers (customers still active)")
    if s[0] <= 0:
        raise ValueError("survivors must start with the (positive) cohort size")
    if np.any(np.diff(s) > 0):
        raise ValueError("survivors must not increase over time (a cohort can only shrink)")
    churned = -np.diff(s)
    if churned.sum() == 0:
        raise ValueError("survivors never decrease: nobody churned, so churn cannot be estimated")
    alive, n = float(s[-1]), float(s[0])
    # Start from the moments of a beta with the first-period churn rate as its mean.
    p1 = max(churned[0] / n, 1e-3)
    z0 = np.log([p1, 1 - p1])
    res = _minimize(lambda z: _sbg_negloglik(z, churned, alive, n), z0, "fit_sbg")
    alpha, beta = np.exp(res.x)
    return SBGFit(float(alpha), float(beta), float(-res.fun * n), int(n), len(churned))


# ---------------------------------------------------------------------------------------------
# BG/NBD (non-contractual purchase counts)


@dataclass(frozen=True)
class _BGNBDData:
    """Validated, de-duplicated BG/NBD data; special functions are evaluated per distinct x."""

    x: np.ndarray  # per row
    t_x: np.ndarray
    big_t: np.ndarray
    w: np.ndarray  # customers per row
    n: float  # total customers
    xu: np.ndarray  # distinct frequencies
    xi: np.ndarray  # row -> index into xu
    wu: np.ndarray  # customers per distinct frequency
    wx: np.ndarray  # w * x per row

    @classmethod
    def build(cls, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, w: np.ndarray) -> _BGNBDData:
        (x, t_x, big_t), w = _compress(x, t_x, big_t, weights=w)
        xu, xi = np.unique(x, return_inverse=True)
        xi = xi.reshape(-1)
        wu = np.bincount(xi, weights=w, minlength=len(xu))
        return cls(x, t_x, big_t, w, float(w.sum()), xu, xi, wu, w * x)


def _dot(u: np.ndarray, v: np.ndarray) -> float:
    """Single-threaded dot product: BLAS threads cost more than they save on a busy machine."""
    return float(np.einsum("i,i->", u, v))


def _bgnbd_negloglik(z: np.ndarray, d: _BGNBDData):
    """Negative mean log-likelihood of the BG/NBD (FHL 2005, eq. 6) and its analytic gradient
    in log-parameters.

    Per customer, LL = A(x) + u1 + log(1 + exp(u2 − u1)) with
    A = lnΓ(r+x) − lnΓ(r) + r ln α, u1 = ln B(a, b+x)/B(a, b) − (r+x) ln(α+T) and
    u2 = ln B(a+1, b+x−1)/B(a, b) − (r+x) ln(α+t_x) (only when x > 0). Terms that depend on x only
    (gammaln, betaln, digamma) are computed once per distinct x, so the cost per customer row is a
    handful of vector operations.
    """
    params = np.exp(z)
    r, alpha, a, b = params
    xu, xi, x, w = d.xu, d.xi, d.x, d.w
    psi, gl, bl = special.digamma, special.gammaln, special.betaln
    has_u = xu > 0
    xs_u = np.where(has_u, xu, 1.0)  # keeps B(a+1, b+x-1) finite where it is not used
    # per distinct x
    b0 = bl(a, b)
    a1_u = gl(r + xu) - gl(r) + r * np.log(alpha)
    c1_u = bl(a, b + xu) - b0
    dc_u = np.where(has_u, bl(a + 1, b + xs_u - 1) - b0 - c1_u, -np.inf)
    ab, psi_abx = psi(a + b), psi(a + b + xu)
    gr_u = psi(r + xu) - psi(r) + np.log(alpha)
    du1_a = ab - psi_abx
    du2_a = np.where(has_u, psi(a + 1) - psi(a) + ab - psi_abx, 0.0)
    du1_b = psi(b + xu) - psi_abx - psi(b) + ab
    du2_b = np.where(has_u, psi(b + xs_u - 1) - psi_abx - psi(b) + ab, 0.0)
    # per row
    rx = r + x
    inv_at, inv_atx = 1.0 / (alpha + d.big_t), 1.0 / (alpha + d.t_x)
    lat = -np.log(inv_at)
    dl = np.log(inv_atx) + lat  # ln(α+T) − ln(α+t_x) >= 0
    u1 = c1_u[xi] - rx * lat
    delta = dc_u[xi] + rx * dl  # u2 − u1
    ll = d.wu @ a1_u + _dot(w, u1) + _dot(w, np.logaddexp(0.0, delta))
    ww2 = w * special.expit(delta)  # customers × weight of the "dropped out at t_x" branch
    g_r = d.wu @ gr_u - _dot(w, lat) + _dot(ww2, dl)
    g_alpha = r * d.n / alpha - _dot(r * w + d.wx, inv_at) - _dot(ww2 * rx, inv_atx - inv_at)
    sw2 = np.bincount(xi, weights=ww2, minlength=len(xu))
    sw1 = d.wu - sw2
    g_a = sw1 @ du1_a + sw2 @ du2_a
    g_b = sw1 @ du1_b + sw2 @ du2_b
    grad = np.array([g_r, g_alpha, g_a, g_b]) * params
    return -ll / d.n, -grad / d.n


def bgnbd_negative_loglik(
    params: Any, frequency: Any, recency: Any, T: Any, weights: Any = None
) -> float:
    """Total negative log-likelihood of BG/NBD parameters (r, alpha, a, b) on the data.

    Useful to compare optima found by different optimisers on the same likelihood.

    Examples
    --------
    >>> round(bgnbd_negative_loglik([0.243, 4.414, 0.793, 2.426], [2, 0], [30.43, 0], [38.86, 38.86]), 3)
    10.013
    """
    p = _array(params, "params")
    if p.shape != (4,) or np.any(p <= 0):
        raise ValueError("params must be four positive numbers (r, alpha, a, b)")
    x, t_x, big_t = _check_rft(frequency, recency, T)
    w = np.ones_like(x) if weights is None else _array(weights, "weights")
    data = _BGNBDData.build(x, t_x, big_t, np.broadcast_to(w, x.shape).astype(float))
    value, _ = _bgnbd_negloglik(np.log(p), data)
    return float(value * data.n)


@dataclass(frozen=True)
class BGNBDFit:
    """A fitted BG/NBD model (Fader, Hardie & Lee 2005).

    While active, a customer buys at rate λ ~ Gamma(r, alpha) (per time unit); after every
    repeat purchase she drops out for good with probability p ~ Beta(a, b).
    """

    r: float
    alpha: float
    a: float
    b: float
    loglik: float
    n_customers: int

    def __repr__(self) -> str:
        return (
            f"<BG/NBD fit: {self.n_customers:,} customers, r={_fmt(self.r)}, "
            f"alpha={_fmt(self.alpha)}, a={_fmt(self.a)}, b={_fmt(self.b)}, loglik={self.loglik:.2f}>"
        )

    @property
    def params(self) -> pd.Series:
        return pd.Series({"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b})

    def _log_odds_dead(self, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
        """log of a/(b+x−1)·((α+T)/(α+t_x))^(r+x) for x > 0, −inf for x = 0."""
        xs = np.where(x > 0, x, 1.0)
        v = (
            np.log(self.a)
            - np.log(self.b + xs - 1)
            + (self.r + x) * (np.log(self.alpha + big_t) - np.log(self.alpha + t_x))
        )
        return np.where(x > 0, v, -np.inf)

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(customer still active at T | x, t_x, T) (Fader, Hardie & Lee 2005, eq. 12).

        Examples
        --------
        >>> m = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357)
        >>> round(m.prob_alive(0, 0, 38.86), 3)
        1.0
        """
        x, t_x, big_t = _check_rft(frequency, recency, T)
        p = np.exp(-np.logaddexp(0.0, self._log_odds_dead(x, t_x, big_t)))
        return _like(_first_series(frequency, recency, T), p)

    def expected_purchases_new(self, t: Any) -> Any:
        """Expected repeat purchases in (0, t] of a customer who just made a first purchase.

        E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))] (eq. 9).
        """
        tt = _array(t, "t")
        if np.any(tt < 0):
            raise ValueError("t must be non-negative")
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = tt / (alpha + tt)
        hyp = special.hyp2f1(r, b, a + b - 1, z)
        value = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + tt)) ** r * hyp)
        return _like(t, value)

    def expected_purchases(self, t: Any, frequency: Any, recency: Any, T: Any) -> Any:
        """Expected repeat purchases in the next ``t`` time units given (x, t_x, T) (eq. 10).

        Examples
        --------
        >>> m = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357)
        >>> round(m.expected_purchases(39, 2, 30.43, 38.86), 2)
        1.23
        """
        tt = _array(t, "t")
        if np.any(tt < 0):
            raise ValueError("t must be non-negative")
        x, t_x, big_t = _check_rft(frequency, recency, T)
        value = self._conditional(*np.broadcast_arrays(tt, x, t_x, big_t))
        return _like(_first_series(frequency, recency, T, t), value)

    def _conditional(self, tt: np.ndarray, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray):
        """Eq. 10 on validated arrays of any (broadcastable) shape."""
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = tt / (alpha + big_t + tt)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        head = (a + b + x - 1) / (a - 1)
        body = 1 - ((alpha + big_t) / (alpha + big_t + tt)) ** (r + x) * hyp
        return head * body * np.exp(-np.logaddexp(0.0, self._log_odds_dead(x, t_x, big_t)))


def _compress(*columns: np.ndarray, weights: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct rows of the columns and the summed weights of each (hash-based, O(n))."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:
        codes, uniques = pd.factorize(col)
        # re-factorising keeps the combined code below n, so the product never overflows
        key = pd.factorize(key * len(uniques) + codes)[0]
    k = int(key.max()) + 1
    first = np.empty(k, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key) - 1, -1, -1)  # first row of each distinct row
    w = np.bincount(key, weights=weights, minlength=k)
    return [col[first] for col in columns], w


def fit_bgnbd(frequency: Any, recency: Any, T: Any, weights: Any = None) -> BGNBDFit:
    """Fit the BG/NBD model by maximum likelihood (Fader, Hardie & Lee 2005).

    Parameters
    ----------
    frequency, recency, T : array-like
        Repeat purchases, time of the last purchase and age since the first purchase, in one
        time unit (e.g. weeks), as made by :func:`summary_from_transactions`.
    weights : array-like, optional
        Number of customers each row stands for (to fit a large base on its distinct
        (x, t_x, T) rows). Identical rows are merged automatically either way.

    Returns
    -------
    BGNBDFit
        With ``r``, ``alpha``, ``a``, ``b``, ``loglik`` (total, over all customers) and methods
        ``expected_purchases``, ``prob_alive``, ``expected_purchases_new``.

    Raises
    ------
    ValueError
        On invalid inputs (negative frequency, recency > T, ...).
    ConvergenceError
        When the optimiser fails.

    Examples
    --------
    >>> fit_bgnbd([0, 1, 2, 0, 5, 1], [0, 4, 9, 0, 20, 1], [30, 30, 25, 22, 28, 30])  # doctest: +SKIP
    """
    validation.same_length(frequency=frequency, recency=recency, T=T)
    if weights is not None:
        validation.same_length(frequency=frequency, weights=weights)
    x, t_x, big_t = _check_rft(frequency, recency, T)
    if weights is None:
        w = np.ones_like(x)
    else:
        w = np.broadcast_to(_array(weights, "weights"), x.shape)
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError("weights must be non-negative counts with a positive total")
    if not np.any(x > 0):
        raise ValueError(
            "frequency is 0 for every customer: with no repeat purchase nothing can be fitted"
        )
    data = _BGNBDData.build(x, t_x, big_t, w.astype(float))
    n = data.n
    # Starting values: a unit-shape gamma whose mean matches the observed repeat rate, and a
    # beta with mean dropout 1/3 (both well inside the region where the likelihood is smooth).
    rate = max(float(data.w @ data.x) / float(data.w @ data.big_t), 1e-6)
    z0 = np.log([1.0, 1.0 / rate, 1.0, 2.0])
    res = _minimize(lambda z: _bgnbd_negloglik(z, data), z0, "fit_bgnbd")
    r, alpha, a, b = np.exp(res.x)
    return BGNBDFit(float(r), float(alpha), float(a), float(b), float(-res.fun * n), int(round(n)))


# ---------------------------------------------------------------------------------------------
# Gamma-Gamma (spend per purchase)


@dataclass(frozen=True)
class GammaGammaFit:
    """A fitted Gamma-Gamma spend model (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999).

    Each purchase amount ~ Gamma(p, ν); across customers ν ~ Gamma(q, gamma).
    """

    p: float
    q: float
    gamma: float
    loglik: float
    n_customers: int

    def __repr__(self) -> str:
        return (
            f"<Gamma-Gamma fit: {self.n_customers:,} repeat customers, p={_fmt(self.p)}, "
            f"q={_fmt(self.q)}, gamma={_fmt(self.gamma)}, loglik={self.loglik:.2f}>"
        )

    @property
    def params(self) -> pd.Series:
        return pd.Series({"p": self.p, "q": self.q, "gamma": self.gamma})

    @property
    def population_mean_spend(self) -> float:
        """Mean spend per purchase across customers: p·gamma/(q−1) (infinite when q ≤ 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")

    def expected_spend(self, frequency: Any, monetary: Any) -> Any:
        """E[spend per purchase | x purchases with mean m]: a weighted average of the population
        mean p·γ/(q−1) and the customer's own mean m, the weight on m growing with x.

        Examples
        --------
        >>> gg = GammaGammaFit(6.25, 3.74, 15.44, -4000.0, 946)
        >>> round(gg.expected_spend(0, 0), 2)  # a customer without repeat purchases
        35.22
        """
        x = _array(frequency, "frequency")
        m = _array(monetary, "monetary")
        if np.any(x < 0):
            raise ValueError("frequency must be non-negative")
        if np.any(m < 0):
            raise ValueError("monetary must be non-negative")
        if self.q <= 1:
            raise ValueError("expected spend is infinite when q <= 1")
        value = self.p * (self.gamma + x * m) / (self.p * x + self.q - 1)
        return _like(_first_series(monetary, frequency), value)


def _gg_negloglik(z: np.ndarray, x: np.ndarray, m: np.ndarray, w: np.ndarray, n: float):
    p, q, g = np.exp(z)
    px = p * x
    lg = np.log(g + x * m)
    ll = (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(g)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * lg
    )
    psi = special.digamma
    d_pq = psi(px + q)
    g_p = x * (d_pq - psi(px) + np.log(m) + np.log(x) - lg)
    g_q = d_pq - psi(q) + np.log(g) - lg
    g_g = q / g - (px + q) / (g + x * m)
    grad = np.array([_dot(w, g_p), _dot(w, g_q), _dot(w, g_g)]) * np.array([p, q, g])
    return -_dot(w, ll) / n, -grad / n


def fit_gamma_gamma(frequency: Any, monetary: Any, weights: Any = None) -> GammaGammaFit:
    """Fit the Gamma-Gamma model of average spend to repeat customers.

    Parameters
    ----------
    frequency : array-like
        Number of repeat purchases (must be ≥ 1: a customer without repeat purchases says
        nothing about repeat spend; filter them out first).
    monetary : array-like
        Average spend of those repeat purchases (must be > 0).
    weights : array-like, optional
        Number of customers each row stands for.

    Examples
    --------
    >>> from helpers.data import load_cdnow_summary
    >>> rep = load_cdnow_summary().query("frequency > 0")
    >>> gg = fit_gamma_gamma(rep["frequency"], rep["monetary"])
    >>> round(gg.p, 2), round(gg.q, 2), round(gg.gamma, 2)
    (6.25, 3.74, 15.45)
    """
    validation.same_length(frequency=frequency, monetary=monetary)
    if weights is not None:
        validation.same_length(frequency=frequency, weights=weights)
    x = _array(frequency, "frequency", allow_scalar=False)
    m = _array(monetary, "monetary", allow_scalar=False)
    if x.shape != m.shape:
        raise ValueError(f"frequency and monetary differ in length ({len(x)} vs {len(m)})")
    if np.any(x != np.round(x)) or np.any(x < 0):
        raise ValueError("frequency must be non-negative whole numbers")
    if np.any(x == 0):
        raise ValueError(
            f"frequency has {int((x == 0).sum())} customers with 0 repeat purchases; the Gamma-Gamma "
            "model is fitted on repeat customers only (filter frequency > 0)"
        )
    if np.any(m <= 0):
        raise ValueError("monetary must be positive (average spend of the repeat purchases)")
    w = np.ones_like(x) if weights is None else np.broadcast_to(_array(weights, "weights"), x.shape)
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be non-negative counts with a positive total")
    if len(x) < 3:
        raise ValueError("at least three repeat customers are needed to fit the Gamma-Gamma model")
    n = float(w.sum())
    # Moments: spend per purchase has mean p·γ/(q−1); start from p = 1, q = 2, γ = mean spend.
    mean_spend = float(w @ m) / n
    z0 = np.log([1.0, 2.0, mean_spend])
    res = _minimize(lambda z: _gg_negloglik(z, x, m, w, n), z0, "fit_gamma_gamma")
    p, q, g = np.exp(res.x)
    return GammaGammaFit(float(p), float(q), float(g), float(-res.fun * n), int(round(n)))


# ---------------------------------------------------------------------------------------------
# Combining them: discounted CLV per customer


def customer_lifetime_value(
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    frequency: Any,
    recency: Any,
    T: Any,
    monetary: Any,
    *,
    months: int = 12,
    discount_rate: float = 0.01,
    margin: float = 1.0,
    freq: str = "W",
) -> Any:
    """Discounted expected margin of each customer over the next ``months`` months.

    ``CLV = Σ_{k=1..months} margin · E[spend] · (E[X(k)] − E[X(k−1)]) / (1+discount_rate)^k``,
    where E[X(k)] are the BG/NBD expected purchases in the next k months and E[spend] the
    Gamma-Gamma expected spend per purchase. Convention: a month's purchases are discounted as if
    they happened at the end of that month; ``discount_rate`` is per month (0.01 per month ≈
    12.7% per year).

    Parameters
    ----------
    bgnbd, gamma_gamma : fitted models
    frequency, recency, T, monetary : array-like
        The customers' summary, in the time unit ``freq`` the BG/NBD was fitted in.
    months : int
        Horizon in months.
    discount_rate : float
        Monthly discount rate, >= 0.
    margin : float
        Profit margin as a share of spend, in (0, 1].
    freq : {"W", "D", "M"}
        Time unit of recency and T (and of the BG/NBD fit).

    Returns
    -------
    Series (index of the input) or array of CLVs, in the currency of ``monetary``.

    Examples
    --------
    >>> bg = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357)
    >>> gg = GammaGammaFit(6.25, 3.74, 15.44, -4000.0, 946)
    >>> clv = customer_lifetime_value(bg, gg, [2], [30.43], [38.86], [22.35], months=12,
    ...                               discount_rate=0.01, margin=0.3)
    >>> round(float(clv[0]), 2)
    10.89
    """
    if isinstance(bgnbd, BGNBDFit):  # a hand-built or edited model must have real parameters
        validation.model(bgnbd, "bgnbd", BGNBDFit, ["r", "alpha", "a", "b"])
    if isinstance(gamma_gamma, GammaGammaFit):
        validation.model(gamma_gamma, "gamma_gamma", GammaGammaFit, ["p", "q", "gamma"])
    validation.same_length(frequency=frequency, recency=recency, T=T, monetary=monetary)
    validation.number(discount_rate, "discount_rate", low=0)
    validation.number(margin, "margin", low=0)
    if not isinstance(bgnbd, BGNBDFit):
        raise TypeError("bgnbd must be a fitted model from fit_bgnbd")
    if not isinstance(gamma_gamma, GammaGammaFit):
        raise TypeError("gamma_gamma must be a fitted model from fit_gamma_gamma")
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months must be a positive whole number, got {months!r}")
    if not np.isfinite(discount_rate) or discount_rate < 0:
        raise ValueError(f"discount_rate must be non-negative, got {discount_rate!r}")
    if not np.isfinite(margin) or not 0 < margin <= 1:
        raise ValueError(f"margin must be a share of spend in (0, 1], got {margin!r}")
    if freq not in UNIT_DAYS:
        raise ValueError(f"freq must be one of {sorted(UNIT_DAYS)}, got {freq!r}")
    x, t_x, big_t = _check_rft(frequency, recency, T)
    spend = np.broadcast_to(gamma_gamma.expected_spend(x, _array(monetary, "monetary")), x.shape)
    units_per_month = UNIT_DAYS["M"] / UNIT_DAYS[freq]
    k = np.arange(months + 1, dtype=float)[:, None] * units_per_month  # (months+1, 1)
    cum = bgnbd._conditional(k, x[None, :], t_x[None, :], big_t[None, :])
    monthly = np.diff(np.asarray(cum), axis=0)  # purchases in each month
    factor = (1 + discount_rate) ** -np.arange(1, months + 1, dtype=float)
    value = margin * spend * (factor @ monthly)
    return _like(_first_series(frequency, recency, T, monetary), value)


# ---------------------------------------------------------------------------------------------
# Model checks: calibration vs holdout


def holdout_by_frequency(
    model: BGNBDFit, summary: pd.DataFrame, *, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases, actual vs predicted, by calibration frequency (FHL 2005, Fig. 3).

    Parameters
    ----------
    model : BGNBDFit
    summary : DataFrame
        From :func:`summary_from_transactions` with a ``calibration_end``: needs ``frequency``,
        ``recency``, ``T``, ``holdout_purchases`` and ``holdout_T``.
    max_frequency : int
        Frequencies above it are pooled into one group labelled ``"7+"``.

    Returns
    -------
    DataFrame indexed by calibration frequency group: ``customers``, ``actual``, ``predicted``.
    """
    if isinstance(model, BGNBDFit):
        validation.model(model, "model", BGNBDFit, ["r", "alpha", "a", "b"])
    validation.integer(max_frequency, "max_frequency", low=1)
    validation.frame(
        summary,
        "summary",
        {
            "frequency": "count",
            "recency": "nonneg",
            "T": "nonneg",
            "holdout_purchases": "nonneg",
            "holdout_T": "nonneg",
        },
        hint="Build it with summary_from_transactions(..., calibration_end=..., observation_end=...).",
    )
    _require_columns(
        summary, ["frequency", "recency", "T", "holdout_purchases", "holdout_T"], "summary"
    )
    pred = model.expected_purchases(
        summary["holdout_T"].to_numpy(), summary["frequency"], summary["recency"], summary["T"]
    )
    group = summary["frequency"].clip(upper=max_frequency)
    labels = [str(i) for i in range(max_frequency)] + [f"{max_frequency}+"]
    table = (
        pd.DataFrame({"group": group, "actual": summary["holdout_purchases"], "predicted": pred})
        .groupby("group")
        .agg(
            customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean")
        )
    )
    table.index = [labels[int(i)] for i in table.index]
    table.index.name = "calibration frequency"
    return table


def repeat_purchase_tracking(
    model: BGNBDFit,
    transactions: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "order_date",
    freq: str = "W",
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Cumulative repeat purchases of a cohort per period, actual vs BG/NBD prediction (FHL 2005, Fig. 2).

    Each customer's clock starts at her first purchase; the prediction sums each customer's
    expected repeat purchases ``E[X(t − t0)]`` from :meth:`BGNBDFit.expected_purchases_new`.

    Returns
    -------
    DataFrame indexed by period number (1, 2, ...) since ``start`` with columns ``actual`` and
    ``predicted`` (cumulative repeat purchases).
    """
    if isinstance(model, BGNBDFit):
        validation.model(model, "model", BGNBDFit, ["r", "alpha", "a", "b"])
    if isinstance(transactions, pd.DataFrame):
        transactions = validation.frame(
            transactions, "transactions", {customer_col: "id", date_col: "date"}
        )
    start = validation.timestamp(start, "start", allow_none=True)
    end = validation.timestamp(end, "end", allow_none=True)
    _require_columns(transactions, [customer_col, date_col])
    if freq not in UNIT_DAYS:
        raise ValueError(f"freq must be one of {sorted(UNIT_DAYS)}, got {freq!r}")
    days = (
        pd.DataFrame(
            {
                "customer": transactions[customer_col].to_numpy(),
                "day": pd.to_datetime(transactions[date_col]).dt.normalize(),
            }
        )
        .drop_duplicates()
        .sort_values(["customer", "day"])
    )
    t0 = days["day"].min() if start is None else _timestamp(start, "start")
    t1 = days["day"].max() if end is None else _timestamp(end, "end")
    unit = UNIT_DAYS[freq]
    n_periods = int(np.floor(((t1 - t0).days + 1) / unit))
    days = days.assign(
        first=days.groupby("customer")["day"].transform("min"),
        age=lambda d: (d["day"] - t0).dt.days,
    )
    repeat_age = days.loc[days["day"] > days["first"], "age"].to_numpy()
    edges = np.arange(1, n_periods + 1) * unit  # end of each period, in days since start
    actual = np.searchsorted(np.sort(repeat_age), edges, side="left")
    births = days.drop_duplicates("customer")["first"]
    birth_days, counts = np.unique(((births - t0).dt.days).to_numpy(), return_counts=True)
    exposure = np.clip(edges[:, None] - birth_days[None, :], 0, None) / unit
    predicted = (
        np.asarray(model.expected_purchases_new(exposure.ravel())).reshape(exposure.shape) @ counts
    )
    return pd.DataFrame(
        {"actual": actual, "predicted": predicted},
        index=pd.RangeIndex(1, n_periods + 1, name="period"),
    )


def ranking_agreement(
    scores: pd.DataFrame, *, top_share: float = 0.1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How much do customer rankings agree? Spearman correlations and top-group overlaps.

    Parameters
    ----------
    scores : DataFrame
        One row per customer, one numeric column per method (higher = more valuable).
    top_share : float
        Size of the top group, as a share of customers (0.1 = top 10%).

    Returns
    -------
    (spearman, overlap) : two DataFrames, methods × methods. ``overlap`` is the share of one
    method's top group that is also in the other's (ties broken by order of appearance).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 2, 4, 3]})
    >>> ranking_agreement(df, top_share=0.5)[1].loc["a", "b"]
    np.float64(1.0)
    """
    if isinstance(scores, pd.DataFrame):
        validation.frame(scores, "scores", {c: "number?" for c in scores.columns})
        if len(scores) < 2:
            raise ValueError(
                f"scores has {len(scores)} row(s); comparing rankings needs at least 2"
            )
    validation.number(top_share, "top_share", low=0, high=1, low_open=True, high_open=True)
    if not isinstance(scores, pd.DataFrame) or scores.shape[1] < 2:
        raise TypeError("scores must be a DataFrame with at least two numeric columns")
    if not 0 < top_share < 1:
        raise ValueError(f"top_share must be in (0, 1), got {top_share!r}")
    if scores.isna().any().any():
        raise ValueError("scores has missing values")
    spearman = scores.rank().corr()
    k = max(1, int(round(top_share * len(scores))))
    ranks = scores.rank(ascending=False, method="first")
    top = (ranks <= k).to_numpy(dtype=float)
    overlap = pd.DataFrame(top.T @ top / k, index=scores.columns, columns=scores.columns)
    return spearman, overlap


# ---------------------------------------------------------------------------------------------
# Simulation (for parameter-recovery tests and exercises)


def simulate_bgnbd(
    n: int, r: float, alpha: float, a: float, b: float, *, T: Any = 52.0, seed: int = 0
) -> pd.DataFrame:
    """Simulate (frequency, recency, T) of ``n`` customers from a BG/NBD with known parameters.

    Vectorised: each customer's lifetime number of repeat purchases J is geometric with the
    dropout probability p (she leaves right after the J-th), purchases while active arrive as a
    Poisson process with rate λ, so x = min(J, N(T)) with N(T) ~ Poisson(λT); given N(T) = k
    arrivals, the x-th arrival time is T times a Beta(x, k − x + 1) draw.

    Examples
    --------
    >>> simulate_bgnbd(3, 0.25, 4.0, 0.8, 2.5, T=39, seed=1).columns.tolist()
    ['frequency', 'recency', 'T', 'lambda', 'p']
    """
    validation.integer(n, "n", low=1)
    for name, value in {"r": r, "alpha": alpha, "a": a, "b": b}.items():
        validation.number(value, name, low=0, low_open=True)
    validation.seed(seed, "seed")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number, got {n!r}")
    for name, v in {"r": r, "alpha": alpha, "a": a, "b": b}.items():
        _positive(v, name)
    rng = np.random.default_rng(seed)
    big_t = np.broadcast_to(_array(T, "T"), (n,)).astype(float)
    if np.any(big_t <= 0):
        raise ValueError("T must be positive")
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    p = rng.beta(a, b, size=n)
    life = rng.geometric(np.clip(p, 1e-12, 1.0))
    arrivals = rng.poisson(lam * big_t)
    x = np.minimum(life, arrivals)
    safe_x = np.maximum(x, 1)
    t_x = np.where(x > 0, big_t * rng.beta(safe_x, np.maximum(arrivals - safe_x + 1, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": t_x, "T": big_t, "lambda": lam, "p": p})


def simulate_gamma_gamma(
    frequency: Any, p: float, q: float, gamma: float, *, seed: int = 0
) -> np.ndarray:
    """Average spend of ``frequency`` purchases per customer under a Gamma-Gamma model.

    ν ~ Gamma(q, rate gamma) per customer; the sum of x purchases ~ Gamma(p·x, rate ν).

    Examples
    --------
    >>> simulate_gamma_gamma([1, 2, 3], 6.0, 4.0, 15.0, seed=1).shape
    (3,)
    """
    for name, value in {"p": p, "q": q, "gamma": gamma}.items():
        validation.number(value, name, low=0, low_open=True)
    validation.seed(seed, "seed")
    x = _array(frequency, "frequency", allow_scalar=False)
    if np.any(x < 1):
        raise ValueError("frequency must be at least 1 for every customer")
    for name, v in {"p": p, "q": q, "gamma": gamma}.items():
        _positive(v, name)
    rng = np.random.default_rng(seed)
    nu = rng.gamma(q, 1.0 / gamma, size=len(x))
    return rng.gamma(p * x, 1.0 / nu) / x
