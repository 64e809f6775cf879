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

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special

from helpers import validation
from helpers.language import choose
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
    "fit_sbg_durations",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "ParetoNBDFit",
    "BGBBFit",
    "fit_pareto_nbd",
    "fit_bgbb",
    "customer_lifetime_value",
    "clv_uncertainty",
    "repeat_purchase_tracking",
    "calibration_histogram",
    "holdout_by_frequency",
    "ranking_agreement",
    "simulate_bgnbd",
    "simulate_gamma_gamma",
    "bgnbd_negative_loglik",
    "gamma_gamma_negative_loglik",
    "pareto_nbd_negative_loglik",
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


def _horizon(t: Any) -> np.ndarray:
    """The horizon ``t`` as a float array, refusing negative values."""
    tt = _array(t, "t")
    if np.any(tt < 0):
        raise ValueError("t must be non-negative")
    return tt


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


# Stopping rule. The objective is the *mean* negative log-likelihood per customer. BFGS stops when
# the largest gradient component (in log-parameters) is below 1e-6; the log-likelihood is then
# within about n·1e-12 of its maximum (n customers), far below anything that changes a printed
# parameter or a standard error. Tighter tolerances sit at the level of the gradient's rounding
# noise and only add failed line searches (up to 3x the evaluations for the same optimum).
_BFGS = {"maxiter": 500, "gtol": 1e-6}
_GTOL_ACCEPT = 1e-5  # largest gradient accepted after a "precision loss" stop


def _converged(res: optimize.OptimizeResult) -> bool:
    """Success, or BFGS's "precision loss" stop at a point where the gradient is already ~0."""
    finite = np.all(np.isfinite(res.x)) and np.isfinite(res.fun)
    flat = res.get("jac") is not None and np.max(np.abs(res.jac)) < _GTOL_ACCEPT
    return bool(finite and (res.success or flat))


def _minimize(
    fun,
    x0: np.ndarray,
    what: str,
    *,
    hess_inv0: np.ndarray | None = None,
    gtol: float | None = None,
) -> optimize.OptimizeResult:
    """BFGS with analytic gradient in log-parameters (unconstrained, so every step is valid);
    if it fails, restart from a Nelder–Mead solution, then try L-BFGS-B, before giving up.

    ``hess_inv0`` (a warm start: the inverse Hessian of the same objective on a subsample) lets
    BFGS take Newton-sized steps from its first iteration.
    """
    with np.errstate(all="ignore"):
        options = dict(_BFGS) if gtol is None else {**_BFGS, "gtol": gtol}
        if hess_inv0 is not None:
            options["hess_inv0"] = hess_inv0
        res = optimize.minimize(fun, x0, jac=True, method="BFGS", options=options)
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
    if gtol is None:
        _polish(fun, res)
    if np.any(np.abs(res.x) > 25):
        raise ConvergenceError(
            f"{what}: a parameter ran off to {np.exp(res.x).round(6).tolist()}; the data do not "
            "identify the model (too few customers or no variation)."
        )
    return res


def _polish(fun, res: optimize.OptimizeResult, max_steps: int = 2) -> None:
    """Quasi-Newton steps with BFGS's own inverse Hessian after it stopped (in place).

    A weakly identified parameter (a flat direction) can still be 1e-5 away from the optimum
    when the gradient is below the tolerance; a full step ``−H⁻¹g`` removes that for the price of
    one evaluation, and is kept only if the likelihood does not get worse.
    """
    hess_inv = res.get("hess_inv")
    if not isinstance(hess_inv, np.ndarray) or res.get("jac") is None:
        return
    for _ in range(max_steps):
        step = hess_inv @ res.jac
        if not np.all(np.isfinite(step)) or np.max(np.abs(step)) < 1e-6:
            return
        with np.errstate(all="ignore"):
            f, g = fun(res.x - step)
        res.nfev += 1
        if not (np.isfinite(f) and f <= res.fun):
            return
        res.x, res.fun, res.jac = res.x - step, f, g


def _hessian_from_gradient(grad, z: np.ndarray, step: float = 1e-4) -> np.ndarray:
    """Hessian by central differences of an analytic gradient (symmetrised).

    With an exact gradient the error is O(step²) ≈ 1e-8 relative, far below the sampling error
    the standard errors describe.
    """
    k = len(z)
    h = np.empty((k, k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = step
        h[:, j] = (grad(z + e) - grad(z - e)) / (2 * step)
    return (h + h.T) / 2


def _hessian_from_values(fun, z: np.ndarray, step: float = 2e-3) -> np.ndarray:
    """Hessian by second-order central differences of the function values alone."""
    k = len(z)
    h = np.empty((k, k))
    f0 = fun(z)
    eye = np.eye(k) * step
    for i in range(k):
        h[i, i] = (fun(z + eye[i]) - 2 * f0 + fun(z - eye[i])) / step**2
        for j in range(i):
            h[i, j] = h[j, i] = (
                fun(z + eye[i] + eye[j])
                - fun(z + eye[i] - eye[j])
                - fun(z - eye[i] + eye[j])
                + fun(z - eye[i] - eye[j])
            ) / (4 * step**2)
    return h


def _fitted(cls, res: optimize.OptimizeResult, n: float, mean_hessian, *extra: Any):
    """``cls`` at the optimum ``res`` (log-parameters) of a mean −LL over ``n`` customers.

    The fields are the parameters, the total log-likelihood, the customer count and ``extra``;
    ``mean_hessian(z)`` (of the mean −LL) is evaluated only when standard errors are asked for.
    """
    z_hat = res.x.copy()
    return cls(
        *(float(v) for v in np.exp(res.x)),
        float(-res.fun * n),
        int(round(n)),
        *extra,
        n_evaluations=int(res.nfev),
        _information=lambda: n * mean_hessian(z_hat),
    )


class _Uncertainty:
    """Standard errors and intervals from the observed information (the Hessian of −LL).

    A fitted model keeps a function ``_information`` that returns the Hessian of the *total*
    negative log-likelihood in log-parameters at the optimum; it is evaluated only when asked for
    (it costs a few likelihood evaluations). ``cov(θ) = D H⁻¹ D`` with ``D = diag(θ)`` is the
    delta method from log-parameters to parameters; at the optimum it equals the inverse of the
    Hessian in the parameters themselves.
    """

    _information: Any

    @property
    def params(self) -> pd.Series:  # pragma: no cover - defined by every fit
        raise NotImplementedError

    @cached_property
    def _log_covariance(self) -> np.ndarray:
        if self._information is None:
            raise ValueError(
                "standard errors need the data: this model was built from typed-in parameters, "
                "not fitted; fit it with the matching fit_* function"
            )
        hess = np.asarray(self._information(), dtype=float)
        try:
            cov = np.linalg.inv(hess)
        except np.linalg.LinAlgError:
            raise ValueError(
                "the Hessian is singular: the data do not identify the model"
            ) from None
        if np.any(np.diag(cov) <= 0) or not np.all(np.isfinite(cov)):
            raise ValueError("the Hessian is not positive definite: the fit is not at a maximum")
        return cov

    @property
    def covariance(self) -> pd.DataFrame:
        """Asymptotic covariance matrix of the parameter estimates (inverse observed information)."""
        theta = self.params.to_numpy()
        cov = self._log_covariance * np.outer(theta, theta)
        return pd.DataFrame(cov, index=self.params.index, columns=self.params.index)

    @property
    def standard_errors(self) -> pd.Series:
        """Standard error of each parameter: sqrt of the diagonal of the inverse Hessian of −LL."""
        return pd.Series(np.sqrt(np.diag(self.covariance.to_numpy())), index=self.params.index)

    def confidence_intervals(self, level: float = 0.95, *, scale: str = "log") -> pd.DataFrame:
        """Wald intervals for the parameters.

        Parameters
        ----------
        level : float
            Coverage, in (0, 1).
        scale : {"log", "natural"}
            ``"log"`` (default) builds the interval for log θ and transforms it back, so it stays
            positive and is asymmetric like the likelihood of a positive parameter;
            ``"natural"`` gives the textbook θ ± z·se (what lifetimes reports).

        Returns
        -------
        DataFrame indexed by parameter: ``estimate``, ``se``, ``lower``, ``upper``.
        """
        if not 0 < level < 1:
            raise ValueError(f"level must be in (0, 1), got {level!r}")
        if scale not in ("log", "natural"):
            raise ValueError(f"scale must be 'log' or 'natural', got {scale!r}")
        z = special.ndtri(0.5 + level / 2)
        theta = self.params
        se = self.standard_errors
        if scale == "log":
            se_log = np.sqrt(np.diag(self._log_covariance))
            lower, upper = theta * np.exp(-z * se_log), theta * np.exp(z * se_log)
        else:
            lower, upper = theta - z * se, theta + z * se
        return pd.DataFrame({"estimate": theta, "se": se, "lower": lower, "upper": upper})

    def parameter_draws(self, n_draws: int = 200, *, seed: int = 0) -> pd.DataFrame:
        """Parameter vectors drawn from the asymptotic normal distribution of log θ.

        Carry each draw through a prediction (``dataclasses.replace(fit, **row)``) to get an
        interval for anything computed from the model, e.g. the mean CLV.
        """
        if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
            raise ValueError(f"n_draws must be a positive whole number, got {n_draws!r}")
        rng = np.random.default_rng(seed)
        z = rng.multivariate_normal(np.log(self.params.to_numpy()), self._log_covariance, n_draws)
        return pd.DataFrame(np.exp(z), columns=self.params.index)


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
class SBGFit(_Uncertainty):
    """A fitted shifted-beta-geometric model (Fader & Hardie 2007).

    Each customer has a churn probability θ per period, θ ~ Beta(alpha, beta) across customers.
    ``standard_errors`` and ``confidence_intervals()`` come from the Hessian of the
    log-likelihood.
    """

    alpha: float
    beta: float
    loglik: float
    n_customers: int
    n_periods: int
    n_evaluations: int = field(default=0, repr=False, compare=False)
    _information: Any = field(default=None, repr=False, compare=False)

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
        tt = _horizon(t)
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

    def derl(self, renewals: Any, discount: float) -> Any:
        """Discounted expected residual lifetime of a customer who has renewed ``renewals`` times.

        Fader & Hardie (2010), "Customer-base valuation in a contractual setting: the perils of
        ignoring heterogeneity", Marketing Science 29(1): a customer who has renewed ``n − 1``
        times stands at the end of period ``n``, just before her next renewal decision. Her DERL
        is the expected number of payments still to come, the one now being decided counted
        undiscounted and each later one discounted by ``1/(1+d)`` per period:
        ``Σ_{t≥n} S(t)/S(n−1)·(1+d)^−(t−n) = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d))``.
        Her residual value is ``margin × DERL``; it *rises* with tenure because long-tenured
        customers are the ones with a low θ (sorting, under this model).

        Parameters
        ----------
        renewals : int or array
            Renewals made so far (0 for a customer who has paid only her first period).
        discount : float
            Discount rate per period, > 0.

        Examples
        --------
        >>> fit = SBGFit(0.668, 3.806, -1611.2, 1000, 7)
        >>> round(fit.derl(0, 0.10), 2), round(fit.derl(4, 0.10), 2)
        (5.41, 6.9)
        """
        n = _array(renewals, "renewals") + 1
        if np.any(n < 1) or np.any(n != np.round(n)):
            raise ValueError("renewals must be non-negative whole numbers")
        d = _positive(discount, "discount")
        a, b = self.alpha, self.beta
        value = (b + n - 1) / (a + b + n - 1) * special.hyp2f1(1.0, b + n, a + b + n, 1 / (1 + d))
        return _like(renewals, value)


def _sbg_negloglik(z: np.ndarray, churned: np.ndarray, alive: np.ndarray, n: float):
    """Negative mean log-likelihood of the sBG and its gradient in log-parameters.

    ``churned[t-1]`` customers left in period t = 1..T; ``alive[t]`` were still customers after
    t = 0..T periods when observation stopped (right-censored). A cohort observed to a common
    end has ``alive`` zero except its last entry; staggered starts censor at every t.
    """
    alpha, beta = np.exp(z)
    t = np.arange(1, len(churned) + 1, dtype=float)
    tc = np.arange(len(alive), dtype=float)
    psi = special.digamma
    b0 = special.betaln(alpha, beta)
    lp = special.betaln(alpha + 1, beta + t - 1) - b0
    ls = special.betaln(alpha, beta + tc) - b0
    ll = _dot(churned, lp) + _dot(alive, ls)
    # d betaln(x, y)/dx = psi(x) - psi(x+y)
    dg0a = psi(alpha) - psi(alpha + beta)
    dg0b = psi(beta) - psi(alpha + beta)
    dlp_a = psi(alpha + 1) - psi(alpha + beta + t) - dg0a
    dlp_b = psi(beta + t - 1) - psi(alpha + beta + t) - dg0b
    dls_a = psi(alpha) - psi(alpha + beta + tc) - dg0a
    dls_b = psi(beta + tc) - psi(alpha + beta + tc) - dg0b
    grad = np.array(
        [
            alpha * (_dot(churned, dlp_a) + _dot(alive, dls_a)),
            beta * (_dot(churned, dlp_b) + _dot(alive, dls_b)),
        ]
    )
    return -ll / n, -grad / n


def _fit_sbg_counts(churned: np.ndarray, alive: np.ndarray, what: str) -> SBGFit:
    n = float(churned.sum() + alive.sum())
    if churned.sum() == 0:
        raise ValueError("nobody churned, so churn cannot be estimated")
    # Start from the moments of a beta with the first-period churn rate as its mean.
    p1 = float(np.clip(churned[0] / n, 1e-3, 0.5))
    z0 = np.log([p1, 1 - p1])
    fun = lambda z: _sbg_negloglik(z, churned, alive, n)  # noqa: E731
    res = _minimize(fun, z0, what)
    return _fitted(
        SBGFit, res, n, lambda z: _hessian_from_gradient(lambda u: fun(u)[1], z), len(churned)
    )


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
        With ``alpha``, ``beta``, ``loglik``, ``standard_errors`` and methods ``survival(t)``,
        ``retention(t)``, ``derl(renewals, discount)``.

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
    alive = np.zeros(len(s))
    alive[-1] = s[-1]
    return _fit_sbg_counts(churned, alive, "fit_sbg")


def fit_sbg_durations(periods: Any, churned: Any, weights: Any = None) -> SBGFit:
    """Fit the sBG to individual customers with right-censoring (staggered starts).

    Each customer was observed for ``periods`` whole periods from her start. If ``churned`` is
    True she left in her last observed period (contributing P(T = t)); otherwise she was still a
    customer when observation stopped (contributing S(t)). This is the five-line likelihood of
    Fader & Hardie (2007) applied to every customer instead of one cohort table.

    Parameters
    ----------
    periods : array-like of whole numbers
        Periods observed: for a churner the period in which she left (≥ 1), for a censored
        customer the periods completed so far (≥ 0).
    churned : array-like of bool
        True when the customer's departure was observed.
    weights : array-like, optional
        Customers per row.

    Examples
    --------
    >>> fit = fit_sbg_durations([1, 2, 3, 5, 5, 5, 8, 9], [True] * 5 + [False] * 3)
    >>> fit.n_customers
    8
    """
    t = _array(periods, "periods", allow_scalar=False)
    c = np.asarray(churned)
    if c.shape != t.shape:
        raise ValueError(f"periods and churned differ in length ({len(t)} vs {c.size})")
    if c.dtype != bool:
        raise TypeError("churned must be True/False for every customer")
    if np.any(t < 0) or np.any(t != np.round(t)):
        raise ValueError("periods must be non-negative whole numbers")
    if np.any(c & (t < 1)):
        raise ValueError(
            "a customer who churned was observed for at least one period (periods ≥ 1)"
        )
    w = np.ones_like(t) if weights is None else np.broadcast_to(_array(weights, "weights"), t.shape)
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError("weights must be non-negative counts with a positive total")
    ti = t.astype(np.int64)
    horizon = int(ti.max())
    lost = np.bincount(ti[c] - 1, weights=w[c], minlength=max(horizon, 1))
    alive = np.bincount(ti[~c], weights=w[~c], minlength=horizon + 1)
    return _fit_sbg_counts(lost, alive, "fit_sbg_durations")


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
        x, t_x, big_t, w = _merge_rows(x, t_x, big_t, w)
        return cls.from_rows(x, t_x, big_t, w)

    @classmethod
    def from_rows(
        cls, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, w: np.ndarray
    ) -> _BGNBDData:
        # x holds whole numbers: distinct values and the row -> value map by counting, not sorting
        xs = x.astype(np.int64)
        present = np.bincount(xs) > 0
        xu = np.flatnonzero(present).astype(float)
        xi = (np.cumsum(present) - 1)[xs]
        wu = np.bincount(xi, weights=w, minlength=len(xu))
        return cls(x, t_x, big_t, w, float(w.sum()), xu, xi, wu, w * x)

    def subsample(self, target_rows: int, seed: int = 2005) -> _BGNBDData:
        """A random share of the customers (about ``target_rows`` rows), for a warm start.

        A row standing for many customers (the merged zero-repeat rows) keeps its share of
        them as a weight; a row standing for few is kept with that probability. Either way each
        row's expected weight is ``share × w``, so the subsample's likelihood is the full one
        in expectation.
        """
        share = target_rows / len(self.w)
        expected = self.w * share
        rng = np.random.default_rng(seed)
        keep = (expected >= 1) | (rng.random(len(self.w)) < expected)
        w = np.where(expected >= 1, expected, 1.0)[keep]
        return _BGNBDData.from_rows(self.x[keep], self.t_x[keep], self.big_t[keep], w)


def _merge_rows(
    x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Merge customers with identical (x, t_x, T) into one weighted row, where it pays.

    Zero-repeat customers differ only by T and always merge (often to a few dozen rows). For
    repeat customers a random 2% sample (at least 2,000 rows) is checked for duplicates first:
    with continuous times there are none, and hashing a million float rows would cost more than
    it saves. Merging never changes the likelihood, only how often each term is evaluated.
    """
    zero = x == 0
    codes0, t0 = pd.factorize(big_t[zero])
    w0 = np.bincount(codes0, weights=w[zero], minlength=len(t0))
    x1, tx1, t1, w1 = x[~zero], t_x[~zero], big_t[~zero], w[~zero]
    if len(x1) > 50_000:
        probe = np.random.default_rng(0).choice(len(x1), max(2_000, len(x1) // 50), replace=False)
        (_,), wp = _compress(_row_hash(x1[probe], tx1[probe], t1[probe]), weights=w1[probe])
        pays = len(wp) < 0.98 * len(probe)
    else:
        pays = True
    if pays:
        (x1, tx1, t1), w1 = _compress(x1, tx1, t1, weights=w1)
    return (
        np.concatenate([np.zeros(len(t0)), x1]),
        np.concatenate([np.zeros(len(t0)), tx1]),
        np.concatenate([np.asarray(t0, dtype=float), t1]),
        np.concatenate([w0, w1]),
    )


def _row_hash(*columns: np.ndarray) -> np.ndarray:
    """A 64-bit mix of the bit patterns of float columns (equal rows give equal hashes)."""
    h = np.zeros(len(columns[0]), dtype=np.uint64)
    for col in columns:
        bits = (np.ascontiguousarray(col, dtype=np.float64) + 0.0).view(np.uint64)  # -0.0 → 0.0
        h = (h ^ bits) * np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(31)
    return h


def _dot(u: np.ndarray, v: np.ndarray) -> float:
    """Dot product that never wakes a BLAS thread pool.

    Short vectors go to ``np.dot`` (OpenBLAS runs ``ddot`` on one thread below 10,000
    elements, and it is the cheapest call); long ones to ``einsum``, which does not use BLAS:
    on a busy machine an idle BLAS thread spinning costs more than it saves.
    """
    if len(u) < 8192:
        return float(np.dot(u, v))
    return float(np.einsum("i,i->", u, v))


def _bgnbd_negloglik(z: np.ndarray, d: _BGNBDData):
    """Negative mean log-likelihood of the BG/NBD (FHL 2005, eq. 6) and its analytic gradient
    in log-parameters.

    Per customer, LL = A(x) + u1 + log(1 + exp(u2 − u1)) with
    A = lnΓ(r+x) − lnΓ(r) + r ln α, u1 = ln B(a, b+x)/B(a, b) − (r+x) ln(α+T) and
    u2 − u1 = ln a − ln(b+x−1) + (r+x)·(ln(α+T) − ln(α+t_x)) (only when x > 0). Terms that
    depend on x only are computed once per distinct x, with one gammaln and one digamma call
    for all of them (B(a, b+x)/B(a, b) written with lnΓ, and ψ(y+1) = ψ(y) + 1/y), so the cost
    per customer row is a handful of vector operations.
    """
    params = np.exp(z)
    r, alpha, a, b = params
    xu, xi, x, w = d.xu, d.xi, d.x, d.w
    k = len(xu)
    has_u = xu > 0
    # per distinct x: [r+x, b+x, a+b+x] and the scalars [r, b, a+b], in one call each
    args = np.concatenate((r + xu, b + xu, a + b + xu, (r, b, a + b)))
    gl, dg = special.gammaln(args), special.digamma(args)
    gl_rx, gl_bx, gl_abx = gl[:k], gl[k : 2 * k], gl[2 * k : 3 * k]
    dg_rx, dg_bx, dg_abx = dg[:k], dg[k : 2 * k], dg[2 * k : 3 * k]
    gl_r, gl_b, gl_ab = gl[3 * k :]
    dg_r, dg_b, dg_ab = dg[3 * k :]
    log_alpha = np.log(alpha)
    a1_u = gl_rx - gl_r + r * log_alpha
    c1_u = gl_bx - gl_abx - gl_b + gl_ab  # ln B(a, b+x) − ln B(a, b)
    inv_bx1 = np.where(has_u, 1.0 / np.where(has_u, b + xu - 1, 1.0), 0.0)
    dc_u = np.where(has_u, np.log(a) + np.log(inv_bx1, where=has_u, out=np.zeros(k)), -np.inf)
    gr_u = dg_rx - dg_r + log_alpha
    du1_a = dg_ab - dg_abx
    du2_a = np.where(has_u, du1_a + 1.0 / a, 0.0)
    du1_b = dg_bx - dg_abx - dg_b + dg_ab
    du2_b = np.where(has_u, du1_b - inv_bx1, 0.0)
    # per row
    rx = r + x
    at, atx = alpha + d.big_t, alpha + d.t_x
    lat = np.log(at)
    dl = lat - np.log(atx)  # ln(α+T) − ln(α+t_x) >= 0
    inv_at = 1.0 / at
    u1 = c1_u[xi] - rx * lat
    delta = dc_u[xi] + rx * dl  # u2 − u1
    ll = _dot(d.wu, a1_u) + _dot(w, u1 + np.logaddexp(0.0, delta))
    ww2 = w * special.expit(delta)  # customers × weight of the "dropped out at t_x" branch
    g_r = _dot(d.wu, gr_u) - _dot(w, lat) + _dot(ww2, dl)
    g_alpha = (
        r * d.n / alpha
        - r * _dot(w, inv_at)
        - _dot(d.wx, inv_at)
        - _dot(ww2 * rx, 1.0 / atx - inv_at)
    )
    sw2 = np.bincount(xi, weights=ww2, minlength=k)
    sw1 = d.wu - sw2
    g_a = _dot(sw1, du1_a) + _dot(sw2, du2_a)
    g_b = _dot(sw1, du1_b) + _dot(sw2, du2_b)
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
class BGNBDFit(_Uncertainty):
    """A fitted BG/NBD model (Fader, Hardie & Lee 2005).

    While active, a customer buys at rate λ ~ Gamma(r, alpha) (per time unit); after every
    repeat purchase she drops out for good with probability p ~ Beta(a, b).
    ``standard_errors`` and ``confidence_intervals()`` come from the Hessian of the
    log-likelihood; ``n_evaluations`` counts likelihood evaluations on the full data.
    """

    r: float
    alpha: float
    a: float
    b: float
    loglik: float
    n_customers: int
    n_evaluations: int = field(default=0, repr=False, compare=False)
    _information: Any = field(default=None, repr=False, compare=False)

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
        tt = _horizon(t)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = tt / (alpha + tt)
        hyp = special.hyp2f1(r, b, a + b - 1, z)
        value = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + tt)) ** r * hyp)
        return _like(t, value)

    def probability_of_purchases(self, x: Any, t: Any) -> Any:
        """P(X(t) = x): probability that a new customer makes x repeat purchases in (0, t] (eq. 8).

        Examples
        --------
        >>> m = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357)
        >>> round(sum(m.probability_of_purchases(k, 39.0) for k in range(200)), 6)
        1.0
        """
        from scipy import stats

        xx = _array(x, "x")
        tt = _array(t, "t")
        if np.any(xx < 0) or np.any(xx != np.round(xx)):
            raise ValueError("x must be non-negative whole numbers")
        if np.any(tt < 0):
            raise ValueError("t must be non-negative")
        xx, tt = np.broadcast_arrays(xx, tt)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        share = alpha / (alpha + tt)
        b0 = special.betaln(a, b)
        stay = np.exp(special.betaln(a, b + xx) - b0) * stats.nbinom.pmf(xx, r, share)
        xs = np.maximum(xx, 1)
        gone = np.exp(special.betaln(a + 1, b + xs - 1) - b0) * stats.nbinom.sf(xs - 1, r, share)
        return _like(_first_series(x, t), stay + np.where(xx > 0, gone, 0.0))

    def expected_purchases(self, t: Any, frequency: Any, recency: Any, T: Any) -> Any:
        """Expected repeat purchases in the next ``t`` time units given (x, t_x, T) (eq. 10).

        Examples
        --------
        >>> m = BGNBDFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357)
        >>> round(m.expected_purchases(39, 2, 30.43, 38.86), 2)
        1.23
        """
        tt = _horizon(t)
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
    """Distinct rows of the columns and the summed weights of each (hash-based, O(n)).

    One factorisation of a 64-bit row hash; the result is then verified column by column, and a
    (practically impossible) hash collision falls back to exact nested factorisation.
    """
    key = pd.factorize(_row_hash(*columns) if len(columns) > 1 else columns[0])[0]
    k = int(key.max()) + 1
    first = np.empty(k, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key) - 1, -1, -1)  # first row of each distinct row
    if len(columns) > 1 and not all(np.array_equal(c, c[first][key]) for c in columns):
        key = np.zeros(len(columns[0]), dtype=np.int64)
        for col in columns:
            codes, uniques = pd.factorize(col)
            key = pd.factorize(key * len(uniques) + codes)[0]
        k = int(key.max()) + 1
        first = np.empty(k, dtype=np.int64)
        first[key[::-1]] = np.arange(len(key) - 1, -1, -1)
    w = np.bincount(key, weights=weights, minlength=k)
    return [col[first] for col in columns], w


#: Above this many distinct rows a fit starts from a subsample's optimum (see _warm_start).
_WARM_START_ROWS = 8_000


def _warm_start(fun_of, data, z0: np.ndarray, what: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Starting point and inverse Hessian from a fit on a quarter of the rows (at most 10,000).

    On a large base every full evaluation costs milliseconds; the subsample's optimum lies within
    a few of its standard errors of the full one, and its Hessian (by differences of the
    analytic gradient) is the full mean Hessian up to sampling noise, so BFGS on the full data
    starts with Newton steps and needs a handful of evaluations instead of about 25.
    """
    if len(data.w) <= _WARM_START_ROWS:
        return z0, None
    sub = data.subsample(min(10_000, len(data.w) // 4))
    fun = fun_of(sub)
    res = _minimize(fun, z0, what, gtol=1e-4)  # only a starting point: a loose stop will do
    hess = _hessian_from_gradient(lambda z: fun(z)[1], res.x)
    try:
        inv = np.linalg.inv(hess)
        np.linalg.cholesky(inv)
    except np.linalg.LinAlgError:
        return res.x, None
    return res.x, (inv + inv.T) / 2


def _fit_warm(negloglik, data, z0: np.ndarray, what: str) -> optimize.OptimizeResult:
    """Minimise ``negloglik(z, data)`` from ``z0``, warm-started on a subsample (see _warm_start)."""

    def fun_of(d):
        return lambda z: negloglik(z, d)

    z0, hess_inv0 = _warm_start(fun_of, data, z0, what)
    return _minimize(fun_of(data), z0, what, hess_inv0=hess_inv0)


def _rft_data(frequency: Any, recency: Any, T: Any, weights: Any) -> _BGNBDData:
    """Checked, merged (x, t_x, T, weight) rows for the BG/NBD and Pareto/NBD fits."""
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
    return _BGNBDData.build(x, t_x, big_t, w.astype(float))


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
    data = _rft_data(frequency, recency, T, weights)
    n = data.n
    # Starting values: a gamma whose mean matches the observed repeat rate and whose shape comes
    # from the moments of the customers' own rates x/T (var = mean/T + mean²/r, ignoring dropout),
    # and a beta with mean dropout 1/3 — well inside the region where the likelihood is smooth.
    rate = max(_dot(data.w, data.x) / _dot(data.w, data.big_t), 1e-6)
    aged = data.big_t > 0
    own = data.x[aged] / data.big_t[aged]
    wa = data.w[aged] / data.w[aged].sum()
    m = _dot(wa, own)
    excess = _dot(wa, (own - m) ** 2) - _dot(wa, m / data.big_t[aged])
    shape = float(np.clip(m**2 / excess, 0.05, 20.0)) if excess > 0 else 1.0
    z0 = np.log([shape, shape / rate, 1.0, 2.0])

    res = _fit_warm(_bgnbd_negloglik, data, z0, "fit_bgnbd")
    return _fitted(
        BGNBDFit,
        res,
        n,
        lambda z: _hessian_from_gradient(lambda u: _bgnbd_negloglik(u, data)[1], z),
    )


# ---------------------------------------------------------------------------------------------
# Pareto/NBD (the model BG/NBD was built to approximate)


def _pareto_log_integral(r, alpha, s, beta, x, t_x, big_t):
    """log ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ via the Gauss hypergeometric function.

    Writing the smaller of α+τ, β+τ as the larger times (1 − y) turns the integral into an
    incomplete beta with a negative parameter, i.e. ``z^a/a · ₂F₁(a, b; a+1; z)`` with
    a = r+s+x (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 22). The
    Euler transform ``₂F₁(a, b; a+1; z) = (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z)`` keeps every series
    term positive, so scipy's hyp2f1 is accurate for z up to 1.
    """
    a = r + s + x
    if alpha >= beta:
        big, b, k = alpha, s + 1, alpha - beta
    else:
        big, b, k = beta, r + x, beta - alpha

    def log_term(tau):
        z = k / (big + tau)
        return (
            -a * np.log(big + tau)
            + (1 - b) * np.log1p(-z)
            + np.log(special.hyp2f1(1.0, a + 1 - b, a + 1, z))
        )

    hi, lo = log_term(t_x), log_term(big_t)  # the τ = t_x term is the larger one
    with np.errstate(divide="ignore"):
        return hi + np.log(-np.expm1(np.minimum(lo - hi, 0.0))) - np.log(a)


def _pareto_parts(params: np.ndarray, d: _BGNBDData) -> tuple[np.ndarray, np.ndarray]:
    """Per row: log of the 'still alive at T' branch and of the 'left in (t_x, T]' branch."""
    r, alpha, s, beta = params
    x = d.x
    head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive = head - (r + x) * np.log(alpha + d.big_t) - s * np.log(beta + d.big_t)
    left = head + np.log(s) + _pareto_log_integral(r, alpha, s, beta, x, d.t_x, d.big_t)
    return alive, left


def _pareto_negloglik_value(z: np.ndarray, d: _BGNBDData) -> float:
    alive, left = _pareto_parts(np.exp(z), d)
    ll = np.logaddexp(alive, left)
    return -_dot(d.w, ll) / d.n if np.all(np.isfinite(ll)) else np.inf


def _pareto_negloglik(z: np.ndarray, d: _BGNBDData, step: float = 1e-6):
    """Mean negative log-likelihood and its gradient by central differences.

    The gradient of ₂F₁ with respect to its parameters has no closed form in scipy; central
    differences of a smooth function evaluated to ~1e-15 give about 9 correct digits, enough for
    BFGS to converge to the tolerance used for every model here.
    """
    f = _pareto_negloglik_value(z, d)
    eye = np.eye(len(z)) * step
    grad = np.array(
        [
            (_pareto_negloglik_value(z + e, d) - _pareto_negloglik_value(z - e, d)) / (2 * step)
            for e in eye
        ]
    )
    return f, grad


@dataclass(frozen=True)
class ParetoNBDFit(_Uncertainty):
    """A fitted Pareto/NBD model (Schmittlein, Morrison & Colombo 1987).

    While active a customer buys at rate λ ~ Gamma(r, alpha); her lifetime is exponential with
    rate μ ~ Gamma(s, beta), so she may leave at any moment (not only right after a purchase, as
    in BG/NBD).
    """

    r: float
    alpha: float
    s: float
    beta: float
    loglik: float
    n_customers: int
    n_evaluations: int = field(default=0, repr=False, compare=False)
    _information: Any = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"<Pareto/NBD fit: {self.n_customers:,} customers, r={_fmt(self.r)}, "
            f"alpha={_fmt(self.alpha)}, s={_fmt(self.s)}, beta={_fmt(self.beta)}, "
            f"loglik={self.loglik:.2f}>"
        )

    @property
    def params(self) -> pd.Series:
        return pd.Series({"r": self.r, "alpha": self.alpha, "s": self.s, "beta": self.beta})

    def _parts(self, x, t_x, big_t):
        x, t_x, big_t = (np.atleast_1d(v).astype(float) for v in (x, t_x, big_t))
        d = _BGNBDData.from_rows(x, t_x, big_t, np.ones_like(x))
        return _pareto_parts(self.params.to_numpy(), d)

    def prob_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(customer still active at T | x, t_x, T) (Fader & Hardie 2005 note, eq. 18).

        Unlike BG/NBD it is below 1 for a customer without repeat purchases: she may have left
        at any time since her first purchase.

        Examples
        --------
        >>> m = ParetoNBDFit(0.553, 10.578, 0.606, 11.669, -9595.0, 2357)
        >>> round(m.prob_alive(0, 0, 38.86), 3)
        0.295
        """
        x, t_x, big_t = _check_rft(frequency, recency, T)
        alive, left = self._parts(*np.broadcast_arrays(x, t_x, big_t))
        p = np.exp(alive - np.logaddexp(alive, left))
        return _like(_first_series(frequency, recency, T), p)

    def expected_purchases_new(self, t: Any) -> Any:
        """Expected repeat purchases in (0, t] of a new customer: rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)]."""
        tt = _horizon(t)
        r, alpha, s, beta = self.params
        if abs(s - 1) < 1e-9:
            value = r * beta / alpha * np.log1p(tt / beta)
        else:
            value = r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + tt)) ** (s - 1))
        return _like(t, value)

    def expected_purchases(self, t: Any, frequency: Any, recency: Any, T: Any) -> Any:
        """Expected purchases in the next ``t`` time units given (x, t_x, T) (note, eq. 41).

        Examples
        --------
        >>> m = ParetoNBDFit(0.553, 10.578, 0.606, 11.669, -9595.0, 2357)
        >>> round(m.expected_purchases(39, 2, 30.43, 38.86), 2)
        1.46
        """
        tt = _horizon(t)
        x, t_x, big_t = _check_rft(frequency, recency, T)
        tt, x, t_x, big_t = np.broadcast_arrays(tt, x, t_x, big_t)
        r, alpha, s, beta = self.params
        alive = np.asarray(self.prob_alive(x, t_x, big_t))
        bt = beta + big_t
        if abs(s - 1) < 1e-9:
            body = (r + x) * bt / (alpha + big_t) * np.log1p(tt / bt)
        else:
            body = (r + x) * bt / ((alpha + big_t) * (s - 1)) * (1 - (bt / (bt + tt)) ** (s - 1))
        return _like(_first_series(frequency, recency, T, t), alive * body)


def fit_pareto_nbd(frequency: Any, recency: Any, T: Any, weights: Any = None) -> ParetoNBDFit:
    """Fit the Pareto/NBD model by maximum likelihood (Schmittlein, Morrison & Colombo 1987).

    Same input as :func:`fit_bgnbd`. The likelihood (Fader & Hardie 2005 note, eq. 22) needs the
    Gauss hypergeometric function; identical (x, t_x, T) rows are merged and the optimiser starts
    from the BG/NBD rate parameters.

    Returns
    -------
    ParetoNBDFit
        With ``r``, ``alpha``, ``s``, ``beta``, ``loglik``, ``standard_errors`` and methods
        ``prob_alive``, ``expected_purchases``, ``expected_purchases_new``.

    Examples
    --------
    >>> from helpers.data import load_cdnow_summary
    >>> s = load_cdnow_summary()
    >>> fit = fit_pareto_nbd(s["frequency"], s["recency"], s["T"])
    >>> round(fit.r, 3), round(fit.alpha, 3), round(fit.s, 3), round(fit.beta, 2), round(fit.loglik, 1)
    (0.553, 10.578, 0.606, 11.67, -9595.0)
    """
    data = _rft_data(frequency, recency, T, weights)
    n = data.n
    rate = max(_dot(data.w, data.x) / _dot(data.w, data.big_t), 1e-6)
    # Start: a unit-shape purchase rate matching the repeat rate, mean lifetime = mean age.
    mean_t = _dot(data.w, data.big_t) / n
    z0 = np.log([1.0, 1.0 / rate, 1.0, mean_t])

    res = _fit_warm(_pareto_negloglik, data, z0, "fit_pareto_nbd")
    return _fitted(
        ParetoNBDFit,
        res,
        n,
        lambda z: _hessian_from_values(lambda u: _pareto_negloglik_value(u, data), z),
    )


# ---------------------------------------------------------------------------------------------
# BG/BB (discrete-time non-contractual: a fixed number of transaction opportunities)


def _bgbb_terms(params: np.ndarray, x, t_x, n, max_n: int):
    """Log of every branch of the BG/BB likelihood per row, and its masks.

    Branch "alive" (still active after n opportunities) and branches i = 0..n−t_x−1 ("became
    inactive right after opportunity t_x + i", Fader, Hardie & Shang 2010, eq. 5).
    """
    alpha, beta, gamma, delta = params
    bl = special.betaln
    b_ab, b_gd = bl(alpha, beta), bl(gamma, delta)
    alive = bl(alpha + x, beta + n - x) - b_ab + bl(gamma, delta + n) - b_gd
    i = np.arange(max_n)[None, :]
    valid = i < (n - t_x)[:, None]
    ii = np.where(valid, i, 0)
    left = (
        bl(alpha + x[:, None], beta + t_x[:, None] - x[:, None] + ii)
        - b_ab
        + bl(gamma + 1, delta + t_x[:, None] + ii)
        - b_gd
    )
    return alive, np.where(valid, left, -np.inf), valid, ii


def _bgbb_negloglik(z: np.ndarray, x, t_x, n, w, max_n: int):
    """Negative mean log-likelihood of the BG/BB and its analytic gradient in log-parameters."""
    params = np.exp(z)
    alpha, beta, gamma, delta = params
    psi = special.digamma
    alive, left, valid, ii = _bgbb_terms(params, x, t_x, n, max_n)
    ll = np.logaddexp(alive, special.logsumexp(left, axis=1))
    share_alive = np.exp(alive - ll)  # posterior weight of each branch
    share_left = np.exp(left - ll[:, None])
    # d/dθ of each branch's log (digamma differences of the betaln terms)
    d_ab, d_gd = psi(alpha + beta), psi(gamma + delta)
    a_alive = psi(alpha + x) - psi(alpha + beta + n) - psi(alpha) + d_ab
    b_alive = psi(beta + n - x) - psi(alpha + beta + n) - psi(beta) + d_ab
    g_alive = psi(gamma) - psi(gamma + delta + n) - psi(gamma) + d_gd
    dl_alive = psi(delta + n) - psi(gamma + delta + n) - psi(delta) + d_gd
    top = t_x[:, None] + ii  # opportunity after which the customer left
    a_left = psi(alpha + x)[:, None] - psi(alpha + beta + top) - psi(alpha) + d_ab
    b_left = psi(beta + top - x[:, None]) - psi(alpha + beta + top) - psi(beta) + d_ab
    g_left = psi(gamma + 1) - psi(gamma + delta + 1 + top) - psi(gamma) + d_gd
    dl_left = psi(delta + top) - psi(gamma + delta + 1 + top) - psi(delta) + d_gd
    share_left = np.where(valid, share_left, 0.0)
    grad = np.array(
        [
            _dot(w, share_alive * ga + (share_left * gl).sum(axis=1))
            for ga, gl in (
                (a_alive, a_left),
                (b_alive, b_left),
                (g_alive, g_left),
                (dl_alive, dl_left),
            )
        ]
    )
    total = float(w.sum())
    return -_dot(w, ll) / total, -grad * params / total


@dataclass(frozen=True)
class BGBBFit(_Uncertainty):
    """A fitted beta-geometric/beta-Bernoulli model (Fader, Hardie & Shang 2010).

    At each of a fixed set of transaction opportunities (e.g. yearly donation drives) an active
    customer transacts with probability p ~ Beta(alpha, beta); after each opportunity she becomes
    inactive for good with probability θ ~ Beta(gamma, delta).
    """

    alpha: float
    beta: float
    gamma: float
    delta: float
    loglik: float
    n_customers: int
    n_evaluations: int = field(default=0, repr=False, compare=False)
    _information: Any = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"<BG/BB fit: {self.n_customers:,} customers, alpha={_fmt(self.alpha)}, "
            f"beta={_fmt(self.beta)}, gamma={_fmt(self.gamma)}, delta={_fmt(self.delta)}, "
            f"loglik={self.loglik:.2f}>"
        )

    @property
    def params(self) -> pd.Series:
        return pd.Series(
            {"alpha": self.alpha, "beta": self.beta, "gamma": self.gamma, "delta": self.delta}
        )

    def _loglik_rows(self, x, t_x, n):
        alive, left, _, _ = _bgbb_terms(self.params.to_numpy(), x, t_x, n, int(n.max()) + 1)
        return alive, np.logaddexp(alive, special.logsumexp(left, axis=1))

    def prob_alive(self, frequency: Any, recency: Any, n_periods: Any) -> Any:
        """P(still active at opportunity n+1 | x, t_x, n) (Fader, Hardie & Shang 2010, eq. 11).

        Examples
        --------
        >>> m = BGBBFit(1.204, 0.750, 0.657, 2.783, -33225.6, 11104)
        >>> round(m.prob_alive(6, 6, 6), 3), round(m.prob_alive(1, 1, 6), 3)
        (0.93, 0.069)
        """
        x, t_x, n = _check_bgbb(frequency, recency, n_periods)
        alive, ll = self._loglik_rows(x, t_x, n)
        p = np.exp(alive - ll) * (self.delta + n) / (self.gamma + self.delta + n)
        return _like(_first_series(frequency, recency, n_periods), p)

    def expected_purchases_new(self, n_periods: Any) -> Any:
        """Expected transactions in the first n opportunities of a new customer (eq. 7)."""
        n = _array(n_periods, "n_periods")
        if np.any(n < 0):
            raise ValueError("n_periods must be non-negative")
        a, b, g, d = self.params
        gl = special.gammaln
        ratio = np.exp(gl(g + d) - gl(1 + d) + gl(1 + d + n) - gl(g + d + n))
        return _like(n_periods, a / (a + b) * d / (g - 1) * (1 - ratio))

    def expected_purchases(
        self, n_future: Any, frequency: Any, recency: Any, n_periods: Any
    ) -> Any:
        """Expected transactions in the next ``n_future`` opportunities given (x, t_x, n) (eq. 13).

        Examples
        --------
        >>> m = BGBBFit(1.204, 0.750, 0.657, 2.783, -33225.6, 11104)
        >>> round(m.expected_purchases(5, 6, 6, 6), 2)
        3.75
        """
        k = _array(n_future, "n_future")
        if np.any(k < 0):
            raise ValueError("n_future must be non-negative")
        x, t_x, n = _check_bgbb(frequency, recency, n_periods)
        k, x, t_x, n = np.broadcast_arrays(k, x, t_x, n)
        a, b, g, d = self.params
        gl, bl = special.gammaln, special.betaln
        _, ll = self._loglik_rows(x, t_x, n)
        log_head = bl(a + x + 1, b + n - x) - bl(a, b) - ll + gl(g + d) - gl(1 + d)
        span = np.exp(gl(1 + d + n) - gl(g + d + n)) - np.exp(gl(1 + d + n + k) - gl(g + d + n + k))
        value = np.exp(log_head) * d / (g - 1) * span
        return _like(_first_series(frequency, recency, n_periods, n_future), value)


def _check_bgbb(frequency: Any, recency: Any, n_periods: Any):
    x = _array(frequency, "frequency")
    t_x = _array(recency, "recency")
    n = _array(n_periods, "n_periods")
    x, t_x, n = (np.atleast_1d(v) for v in np.broadcast_arrays(x, t_x, n))
    for v, name in ((x, "frequency"), (t_x, "recency"), (n, "n_periods")):
        if np.any(v < 0) or np.any(v != np.round(v)):
            raise ValueError(f"{name} must be non-negative whole numbers (opportunities)")
    if np.any(x > t_x):
        raise ValueError("frequency must not exceed recency (x transactions by opportunity t_x)")
    if np.any(t_x > n):
        raise ValueError(
            "recency must not exceed n_periods (the last transaction lies in the window)"
        )
    if np.any((x == 0) & (t_x > 0)):
        raise ValueError("recency must be 0 for customers with frequency 0")
    if np.any((x > 0) & (t_x == 0)):
        raise ValueError("recency must be at least 1 for customers with a transaction")
    return x, t_x, n


def fit_bgbb(frequency: Any, recency: Any, n_periods: Any, weights: Any = None) -> BGBBFit:
    """Fit the BG/BB model by maximum likelihood (Fader, Hardie & Shang 2010).

    Parameters
    ----------
    frequency : array-like
        Transactions in the calibration opportunities (repeat transactions after the first one).
    recency : array-like
        The opportunity of the last transaction (0 when there is none).
    n_periods : array-like
        Number of opportunities observed.
    weights : array-like, optional
        Customers per row (the published data are a table of distinct (x, t_x, n) patterns).

    Returns
    -------
    BGBBFit
        With ``alpha``, ``beta``, ``gamma``, ``delta``, ``loglik``, ``standard_errors`` and methods
        ``prob_alive``, ``expected_purchases``, ``expected_purchases_new``.

    Examples
    --------
    >>> from helpers.data import load_donations
    >>> d = load_donations()
    >>> fit = fit_bgbb(d["frequency"], d["recency"], d["periods"], weights=d["weights"])
    >>> [round(v, 3) for v in fit.params], round(fit.loglik, 1)
    ([1.204, 0.75, 0.657, 2.783], -33225.6)
    """
    validation.same_length(frequency=frequency, recency=recency, n_periods=n_periods)
    if weights is not None:
        validation.same_length(frequency=frequency, weights=weights)
    x, t_x, n = _check_bgbb(frequency, recency, n_periods)
    if weights is None:
        w = np.ones_like(x)
    else:
        w = np.broadcast_to(_array(weights, "weights"), x.shape).astype(float)
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError("weights must be non-negative counts with a positive total")
    if not np.any(x > 0):
        raise ValueError("frequency is 0 for every customer: nothing can be fitted")
    (x, t_x, n), w = _compress(x, t_x, n, weights=w)
    max_n = int(n.max()) + 1
    fun = lambda z: _bgbb_negloglik(z, x, t_x, n, w, max_n)  # noqa: E731
    res = _minimize(fun, np.zeros(4), "fit_bgbb")
    total = float(w.sum())
    return _fitted(BGBBFit, res, total, lambda z: _hessian_from_gradient(lambda u: fun(u)[1], z))


# ---------------------------------------------------------------------------------------------
# Gamma-Gamma (spend per purchase)


@dataclass(frozen=True)
class GammaGammaFit(_Uncertainty):
    """A fitted Gamma-Gamma spend model (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999).

    Each purchase amount ~ Gamma(p, ν); across customers ν ~ Gamma(q, gamma).
    ``standard_errors`` and ``confidence_intervals()`` come from the Hessian of the
    log-likelihood.
    """

    p: float
    q: float
    gamma: float
    loglik: float
    n_customers: int
    n_evaluations: int = field(default=0, repr=False, compare=False)
    _information: Any = field(default=None, repr=False, compare=False)

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


@dataclass(frozen=True)
class _GGData:
    """Repeat customers' (x, m) with everything that does not depend on the parameters
    precomputed: per distinct x the weights, and the sums of w·x·log m, w·log m, w·x·log x."""

    xm: np.ndarray  # x · m per row
    w: np.ndarray
    wx: np.ndarray  # w · x per row
    xu: np.ndarray  # distinct frequencies
    wu: np.ndarray  # customers per distinct frequency
    n: float
    s_xlogm: float
    s_logm: float
    s_xlogx: float

    @classmethod
    def build(cls, x: np.ndarray, m: np.ndarray, w: np.ndarray) -> _GGData:
        xu, xi = np.unique(x, return_inverse=True)
        wu = np.bincount(xi.reshape(-1), weights=w, minlength=len(xu))
        logm = np.log(m)
        wx = w * x
        return cls(
            x * m,
            w,
            wx,
            xu,
            wu,
            float(w.sum()),
            _dot(wx, logm),
            _dot(w, logm),
            _dot(wu, xu * np.log(xu)),
        )

    def subsample(self, target_rows: int, seed: int = 2005) -> _GGData:
        keep = np.random.default_rng(seed).random(len(self.w)) < target_rows / len(self.w)
        x = self.wx[keep] / self.w[keep]
        return _GGData.build(x, self.xm[keep] / x, self.w[keep])


def _gg_negloglik(z: np.ndarray, d: _GGData):
    """Negative mean log-likelihood of the Gamma-Gamma model and its gradient in log-parameters.

    Per customer, LL = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x
    − (px+q) ln(γ+xm). The special functions depend on x only and are evaluated once per
    distinct x; per customer row there is one log and one reciprocal.
    """
    p, q, g = np.exp(z)
    gl, psi = special.gammaln, special.digamma
    pxu = p * d.xu
    lg = np.log(g + d.xm)
    inv = 1.0 / (g + d.xm)
    s_wx_lg, s_w_lg = _dot(d.wx, lg), _dot(d.w, lg)
    d_pq = psi(pxu + q)
    ll = (
        _dot(d.wu, gl(pxu + q) - gl(pxu))
        - d.n * gl(q)
        + d.n * q * np.log(g)
        + p * d.s_xlogm
        - d.s_logm
        + p * d.s_xlogx
        - p * s_wx_lg
        - q * s_w_lg
    )
    g_p = _dot(d.wu, d.xu * (d_pq - psi(pxu))) + d.s_xlogm + d.s_xlogx - s_wx_lg
    g_q = _dot(d.wu, d_pq) - d.n * psi(q) + d.n * np.log(g) - s_w_lg
    g_g = d.n * q / g - p * _dot(d.wx, inv) - q * _dot(d.w, inv)
    grad = np.array([g_p, g_q, g_g]) * np.array([p, q, g])
    return -ll / d.n, -grad / d.n


def gamma_gamma_negative_loglik(
    params: Any, frequency: Any, monetary: Any, weights: Any = None
) -> float:
    """Total negative log-likelihood of Gamma-Gamma parameters (p, q, gamma) on repeat customers.

    Examples
    --------
    >>> round(gamma_gamma_negative_loglik([6.25, 3.74, 15.44], [2, 1], [22.35, 11.77]), 3)
    7.289
    """
    p = _array(params, "params")
    if p.shape != (3,) or np.any(p <= 0):
        raise ValueError("params must be three positive numbers (p, q, gamma)")
    x = _array(frequency, "frequency", allow_scalar=False)
    m = _array(monetary, "monetary", allow_scalar=False)
    if x.shape != m.shape or np.any(x < 1) or np.any(m <= 0):
        raise ValueError("frequency (>= 1) and monetary (> 0) must be equally long")
    w = np.ones_like(x) if weights is None else np.broadcast_to(_array(weights, "weights"), x.shape)
    data = _GGData.build(x, m, w.astype(float))
    return float(_gg_negloglik(np.log(p), data)[0] * data.n)


def pareto_nbd_negative_loglik(
    params: Any, frequency: Any, recency: Any, T: Any, weights: Any = None
) -> float:
    """Total negative log-likelihood of Pareto/NBD parameters (r, alpha, s, beta) on the data."""
    p = _array(params, "params")
    if p.shape != (4,) or np.any(p <= 0):
        raise ValueError("params must be four positive numbers (r, alpha, s, beta)")
    x, t_x, big_t = _check_rft(frequency, recency, T)
    w = np.ones_like(x) if weights is None else _array(weights, "weights")
    data = _BGNBDData.build(x, t_x, big_t, np.broadcast_to(w, x.shape).astype(float))
    return float(_pareto_negloglik_value(np.log(p), data) * data.n)


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
    data = _GGData.build(x, m, w.astype(float))
    n = data.n
    # Moments: spend per purchase has mean p·γ/(q−1); start from p = 1, q = 2, γ = mean spend.
    mean_spend = _dot(w, m) / n
    z0 = np.log([1.0, 2.0, mean_spend])

    res = _fit_warm(_gg_negloglik, data, z0, "fit_gamma_gamma")
    return _fitted(
        GammaGammaFit,
        res,
        n,
        lambda z: _hessian_from_gradient(lambda u: _gg_negloglik(u, data)[1], z),
    )


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


def clv_uncertainty(
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    frequency: Any,
    recency: Any,
    T: Any,
    monetary: Any,
    *,
    n_draws: int = 200,
    level: float = 0.9,
    top_share: float = 0.1,
    seed: int = 0,
    **clv_options: Any,
) -> pd.DataFrame:
    """Intervals for the mean CLV and the top group's share of CLV, from parameter uncertainty.

    Draws (r, α, a, b) and (p, q, γ) from the asymptotic normal distributions of the two fits
    (:meth:`parameter_draws`, on the log scale), recomputes every customer's
    :func:`customer_lifetime_value` for each draw, and reports the point estimate and the
    central ``level`` interval of the draws. It shows how much the *model's* numbers could move
    with other data of the same size; it does not include the luck of which customers buy.

    Returns
    -------
    DataFrame indexed by ``mean CLV`` and ``top share``, columns ``estimate``, ``lower``,
    ``upper``.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    if not 0 < top_share < 1:
        raise ValueError(f"top_share must be in (0, 1), got {top_share!r}")
    args = (frequency, recency, T, monetary)

    def summary(bg: BGNBDFit, gg: GammaGammaFit) -> tuple[float, float]:
        value = np.asarray(customer_lifetime_value(bg, gg, *args, **clv_options), dtype=float)
        k = max(1, int(round(top_share * value.size)))
        return float(value.mean()), float(np.sort(value)[-k:].sum() / value.sum())

    point = summary(bgnbd, gamma_gamma)
    bg_draws = bgnbd.parameter_draws(n_draws, seed=seed)
    gg_draws = gamma_gamma.parameter_draws(n_draws, seed=seed + 1)
    drawn = np.array(
        [
            summary(
                replace(bgnbd, **b, _information=None), replace(gamma_gamma, **g, _information=None)
            )
            for b, g in zip(bg_draws.to_dict("records"), gg_draws.to_dict("records"), strict=True)
        ]
    )
    lower, upper = np.quantile(drawn, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return pd.DataFrame(
        {"estimate": point, "lower": lower, "upper": upper}, index=["mean CLV", "top share"]
    )


# ---------------------------------------------------------------------------------------------
# Model checks: calibration vs holdout


def holdout_by_frequency(
    model: BGNBDFit, summary: pd.DataFrame, *, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases, actual vs predicted, by calibration frequency (FHL 2005, Fig. 4).

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
    table.index.name = choose(en="calibration frequency", ko="추정 기간 재구매 횟수")
    return table


def calibration_histogram(
    model: BGNBDFit, summary: pd.DataFrame, *, max_frequency: int = 7
) -> pd.DataFrame:
    """Customers by number of repeat purchases in the calibration period: actual vs expected
    (Fader, Hardie & Lee 2005, Figure 1).

    The expected count of customers with x repeat purchases sums P(X(T_i) = x) over the
    customers, each with her own age T_i; the last group pools ``max_frequency`` and more.

    Returns
    -------
    DataFrame indexed by frequency group ("0", ..., "7+") with ``actual`` and ``expected``.
    """
    validation.model(model, "model", BGNBDFit, ["r", "alpha", "a", "b"])
    summary = validation.frame(
        summary, "summary", {"frequency": "count", "T": "nonneg"}, allow_empty=False
    )
    max_frequency = validation.integer(max_frequency, "max_frequency", low=1, high=10_000)
    ages, counts = np.unique(summary["T"].to_numpy(float), return_counts=True)
    xs, tt = np.meshgrid(np.arange(max_frequency, dtype=float), ages, indexing="ij")
    probs = np.asarray(model.probability_of_purchases(xs.ravel(), tt.ravel())).reshape(xs.shape)
    expected = probs @ counts
    expected = np.append(expected, len(summary) - expected.sum())
    actual = np.bincount(
        summary["frequency"].clip(upper=max_frequency), minlength=max_frequency + 1
    )
    labels = [str(i) for i in range(max_frequency)] + [f"{max_frequency}+"]
    out = pd.DataFrame({"actual": actual[: max_frequency + 1], "expected": expected}, index=labels)
    out.index.name = choose(en="repeat purchases in calibration", ko="추정 기간 재구매 횟수")
    return out


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
