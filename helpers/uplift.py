"""Evaluating targeting with a randomised control group: uplift, Qini, incremental profit, A/B tests.

A campaign that went to a *random* share of the eligible customers leaves the rest as a control
group (통제집단). Comparing the two answers the only question that matters for profit: how many
purchases did the contact *cause*? A response rate counts everybody who bought, including the
"sure things" who would have bought anyway; the difference between the treated and the control
rate (the **uplift**, 증분 반응) counts only the purchases the contact added.

* :func:`uplift_by_decile` ranks customers by a score, cuts them into equal groups and gives the
  treated rate, the control rate and their difference with a confidence interval per group.
* :func:`qini_curve` and :func:`qini_coefficient`: the cumulative incremental responses as more
  of the ranked list is contacted, and the area between that curve and random targeting
  (Radcliffe 2007).
* :func:`incremental_profit_by_depth`: profit of contacting the top share of the list, counting
  only incremental outcomes, beside the naive profit that counts every response.
* :func:`two_model_uplift`: a two-model ("T-learner") uplift score, one classifier for the
  treated and one for the control customers, the score being the difference of their
  predictions.
* :func:`ab_test`, :func:`ab_test_counts`: difference of two conversion rates with a confidence
  interval and a two-proportion z-test; :func:`sample_size` and
  :func:`minimum_detectable_effect`: the power calculation for such a test.

Conventions: a *treated* column is bool or 0/1 (True = contacted); an *outcome* is a number per
row, usually 0/1 (converted) but revenue works too (then "rate" means mean revenue). Scores rank
highest first; ties are broken by the order of the rows, as in :func:`helpers.idic.margin_by_decile`.
Intervals are the normal (Wald) approximation, mean difference ± z × standard error with the
plug-in variance, fine for groups of a few hundred customers.

References: Radcliffe, N. J. (2007). Using control groups to target on predicted lift: building
and assessing uplift models. *Direct Marketing Analytics Journal*, 14–21. Radcliffe, N. J. &
Surry, P. D. (1999). Differential response analysis. Lo, V. S. Y. (2002). The true lift model.
*ACM SIGKDD Explorations* 4(2), 78–86. Künzel, S. R. et al. (2019). Metalearners for estimating
heterogeneous treatment effects using machine learning. *PNAS* 116(10), 4156–4165. Newcombe,
R. G. (1998). Interval estimation for the difference between independent proportions.
*Statistics in Medicine* 17, 873–890.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"score": [4, 3, 2, 1], "treated": [True, False, True, False],
...                   "converted": [1, 0, 0, 0]})
>>> uplift_by_decile(f, score_col="score", treated_col="treated", outcome_col="converted",
...                  bins=2)["uplift"].tolist()
[1.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from helpers import validation
from helpers.language import choose
from helpers.validation import require_columns, require_frame

__all__ = [
    "ABTest",
    "uplift_by_decile",
    "qini_curve",
    "qini_coefficient",
    "incremental_profit_by_depth",
    "two_model_uplift",
    "ab_test",
    "ab_test_counts",
    "sample_size",
    "minimum_detectable_effect",
]


# ---------------------------------------------------------------------------------------------
# input checks (plain checks on top of helpers.validation)


def _whole(value: Any, name: str, *, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < low:
        raise ValueError(f"{name} must be >= {low}, got {value!r}")
    return int(value)


def _confidence_z(confidence: float) -> float:
    c = validation.probability(confidence, "confidence", open_=True)
    return float(norm.ppf(0.5 + c / 2))


def _arrays(
    frame: Any, score_col: str | None, treated_col: str, outcome_col: str, name: str = "frame"
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Score, treated flag and outcome of ``frame`` as numpy arrays, after checking them."""
    df = require_frame(frame, name, allow_empty=False)
    for col, arg in (
        (score_col, "score_col"),
        (treated_col, "treated_col"),
        (outcome_col, "outcome_col"),
    ):
        if col is not None and not isinstance(col, str):
            raise TypeError(f"{arg} must be a column name (str), got {type(col).__name__} {col!r}")
    require_columns(df, [score_col, treated_col, outcome_col], name)

    t = df[treated_col]
    if pd.api.types.is_bool_dtype(t) and not t.isna().any():
        treated = t.to_numpy(dtype=bool)
    elif pd.api.types.is_numeric_dtype(t) and not t.isna().any() and t.isin([0, 1]).all():
        treated = t.to_numpy(dtype="int64") == 1
    else:
        raise ValueError(
            f"treated_col {treated_col!r} must hold True/False (or 1/0) for every row, "
            f"got dtype {t.dtype}" + (" with missing values" if t.isna().any() else "")
        )
    if treated.all() or not treated.any():
        arm = "control (treated False)" if treated.all() else "treated (treated True)"
        raise ValueError(
            f"treated_col {treated_col!r} has no {arm} rows: uplift needs both a treated and a "
            "control group"
        )

    y = df[outcome_col]
    if pd.api.types.is_bool_dtype(y):
        y = y.astype("float64")
    if not pd.api.types.is_numeric_dtype(y):
        raise TypeError(f"outcome_col {outcome_col!r} must be numeric or bool, got dtype {y.dtype}")
    outcome = y.to_numpy(dtype="float64")
    if not np.isfinite(outcome).all():
        raise ValueError(
            f"outcome_col {outcome_col!r} has missing or infinite values: give every row an "
            "outcome (0 for no conversion)"
        )

    score = None
    if score_col is not None:
        s = df[score_col]
        if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
            raise TypeError(f"score_col {score_col!r} must be numeric, got dtype {s.dtype}")
        score = s.to_numpy(dtype="float64")
        if not np.isfinite(score).all():
            raise ValueError(
                f"score_col {score_col!r} has missing or infinite values: score every row first"
            )
    return score, treated, outcome


def _groups(score: np.ndarray, bins: int) -> np.ndarray:
    """Group 1..bins by score, highest first, ties by row order (as in idic.margin_by_decile)."""
    rank = pd.Series(score).rank(method="first", ascending=False).to_numpy()
    return np.ceil(rank * bins / len(score)).astype("int64")


def _arm_sums(group: np.ndarray, treated: np.ndarray, outcome: np.ndarray, bins: int) -> dict:
    """Per group and arm: count, sum and sum of squares of the outcome (for rates and variances)."""
    out = {}
    for arm, mask in (("t", treated), ("c", ~treated)):
        g = group[mask]
        y = outcome[mask]
        out[f"n_{arm}"] = np.bincount(g, minlength=bins + 1)[1:].astype("float64")
        out[f"s_{arm}"] = np.bincount(g, weights=y, minlength=bins + 1)[1:]
        out[f"q_{arm}"] = np.bincount(g, weights=y * y, minlength=bins + 1)[1:]
    return out


def _diff_and_se(n_t, s_t, q_t, n_c, s_c, q_c):
    """Mean difference treated − control and its plug-in standard error (arrays)."""
    m_t, m_c = s_t / n_t, s_c / n_c
    var_t = np.maximum(q_t / n_t - m_t**2, 0.0)
    var_c = np.maximum(q_c / n_c - m_c**2, 0.0)
    return m_t, m_c, m_t - m_c, np.sqrt(var_t / n_t + var_c / n_c)


# ---------------------------------------------------------------------------------------------
# uplift by group, Qini curve, incremental profit


def uplift_by_decile(
    frame: pd.DataFrame,
    *,
    score_col: str,
    treated_col: str,
    outcome_col: str,
    bins: int = 10,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Treated rate, control rate and uplift (with a confidence interval) per score group.

    All rows (treated and control together) are ranked by ``score_col``, highest first, and cut
    into ``bins`` groups of equal size; group 1 holds the best scores. Within each group the
    randomised assignment makes the control rate an estimate of what the treated customers
    would have done without the contact, so the difference is the uplift the contact caused.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per customer (× campaign), treated and control.
    score_col : str
        The targeting score; higher = contact first.
    treated_col : str
        True/False (or 1/0): whether the row was contacted. Both arms must be present.
    outcome_col : str
        The outcome, usually 0/1 converted (bool is fine); a revenue column also works.
    bins : int
        Number of equal groups (10 = deciles).
    confidence : float
        Level of the Wald interval of the uplift.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``decile`` (1 = best scores): ``n_treated``, ``n_control``, ``treated_rate``,
        ``control_rate``, ``uplift`` (treated − control), ``uplift_low``, ``uplift_high``,
        ``score_min``, ``score_max``.

    Raises
    ------
    ValueError
        When a group has no treated or no control rows (use fewer bins), or on bad input.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"score": [8, 7, 6, 5, 4, 3, 2, 1],
    ...                   "treated": [1, 0, 1, 0, 1, 0, 1, 0],
    ...                   "converted": [1, 0, 1, 1, 0, 0, 1, 0]})
    >>> t = uplift_by_decile(f, score_col="score", treated_col="treated",
    ...                      outcome_col="converted", bins=2)
    >>> t[["treated_rate", "control_rate", "uplift"]].to_numpy().tolist()
    [[1.0, 0.5, 0.5], [0.5, 0.0, 0.5]]
    """
    score, treated, outcome = _arrays(frame, score_col, treated_col, outcome_col)
    bins = _whole(bins, "bins", low=1)
    if bins > len(score):
        raise ValueError(f"bins ({bins}) must not exceed the number of rows ({len(score)})")
    z = _confidence_z(confidence)
    group = _groups(score, bins)
    a = _arm_sums(group, treated, outcome, bins)
    empty = np.flatnonzero((a["n_t"] == 0) | (a["n_c"] == 0)) + 1
    if empty.size:
        raise ValueError(
            f"group(s) {empty.tolist()} have no treated or no control rows, so their uplift is "
            f"undefined: use fewer bins than {bins}"
        )
    m_t, m_c, diff, se = _diff_and_se(a["n_t"], a["s_t"], a["q_t"], a["n_c"], a["s_c"], a["q_c"])
    smin = pd.Series(score).groupby(group).min().to_numpy()
    smax = pd.Series(score).groupby(group).max().to_numpy()
    return pd.DataFrame(
        {
            "n_treated": a["n_t"].astype("int64"),
            "n_control": a["n_c"].astype("int64"),
            "treated_rate": m_t,
            "control_rate": m_c,
            "uplift": diff,
            "uplift_low": diff - z * se,
            "uplift_high": diff + z * se,
            "score_min": smin,
            "score_max": smax,
        },
        index=pd.Index(np.arange(1, bins + 1), name="decile"),
    )


def qini_curve(
    frame: pd.DataFrame,
    *,
    score_col: str,
    treated_col: str,
    outcome_col: str,
) -> pd.DataFrame:
    """Radcliffe's Qini curve and the uplift-gains curve of a ranked list, one point per score.

    Rows are sorted by ``score_col`` (highest first). After the top *t* rows, with R_T, R_C the
    summed outcomes and N_T, N_C the counts of treated and control rows among them:

    * ``qini`` = R_T − R_C × N_T / N_C: incremental outcomes among the treated so far, the control
      outcomes scaled to the size of the treated group (Radcliffe 2007);
    * ``uplift_gain`` = (R_T / N_T − R_C / N_C) × (N_T + N_C): incremental outcomes had all
      the top *t* rows been contacted;
    * ``random`` = share × qini at the end of the list: the expected Qini of a random ordering.

    Where the top rows hold no control (or no treated) row yet, that rate counts as 0. Tied scores
    form one point (the curve is evaluated after each distinct score), so the result does not
    depend on the row order. The first row is the origin (share 0).

    Returns
    -------
    pandas.DataFrame
        Columns ``share`` (fraction of rows targeted, 0..1), ``n_targeted``, ``n_treated``,
        ``n_control``, ``qini``, ``uplift_gain``, ``random``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"score": [4, 3, 2, 1], "treated": [1, 0, 1, 0],
    ...                   "converted": [1, 0, 0, 1]})
    >>> qini_curve(f, score_col="score", treated_col="treated",
    ...            outcome_col="converted")["qini"].tolist()
    [0.0, 1.0, 1.0, 1.0, 0.0]
    """
    score, treated, outcome = _arrays(frame, score_col, treated_col, outcome_col)
    order = np.argsort(-score, kind="stable")
    s, t, y = score[order], treated[order], outcome[order]
    n_t = np.cumsum(t)
    n_c = np.cumsum(~t)
    r_t = np.cumsum(np.where(t, y, 0.0))
    r_c = np.cumsum(np.where(t, 0.0, y))
    # evaluate after the last row of each run of tied scores
    last = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    n_t, n_c, r_t, r_c = n_t[last], n_c[last], r_t[last], r_c[last]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_t = np.where(n_t > 0, r_t / np.maximum(n_t, 1), 0.0)
        rate_c = np.where(n_c > 0, r_c / np.maximum(n_c, 1), 0.0)
    qini = r_t - rate_c * n_t
    gain = (rate_t - rate_c) * (n_t + n_c)
    n = len(s)
    share = (last + 1) / n
    curve = pd.DataFrame(
        {
            "share": np.r_[0.0, share],
            "n_targeted": np.r_[0, last + 1].astype("int64"),
            "n_treated": np.r_[0, n_t].astype("int64"),
            "n_control": np.r_[0, n_c].astype("int64"),
            "qini": np.r_[0.0, qini],
            "uplift_gain": np.r_[0.0, gain],
        }
    )
    curve["random"] = curve["share"] * curve["qini"].iloc[-1]
    return curve


def qini_coefficient(
    frame: pd.DataFrame,
    *,
    score_col: str,
    treated_col: str,
    outcome_col: str,
) -> float:
    """Area between the Qini curve and random targeting, per treated row (Radcliffe 2007).

    The curve of :func:`qini_curve` is divided by the number of treated rows, so it ends at the
    overall uplift, and integrated over the share targeted (trapezoid rule); the area under the
    random line is subtracted. 0 = no better than random; larger is better; a negative value
    means the score puts the customers the contact *hurts* first. The value depends on the data
    set (it is bounded by the best possible ordering of those customers), so compare scores on
    the same customers only.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"score": [4, 3, 2, 1], "treated": [1, 0, 1, 0],
    ...                   "converted": [1, 0, 0, 1]})
    >>> qini_coefficient(f, score_col="score", treated_col="treated", outcome_col="converted")
    0.375
    """
    curve = qini_curve(frame, score_col=score_col, treated_col=treated_col, outcome_col=outcome_col)
    n_treated = curve["n_treated"].iloc[-1]
    gap = (curve["qini"] - curve["random"]).to_numpy() / n_treated
    return float(np.trapezoid(gap, curve["share"].to_numpy()))


def incremental_profit_by_depth(
    frame: pd.DataFrame,
    *,
    score_col: str,
    treated_col: str,
    outcome_col: str,
    margin: float,
    cost_per_contact: float,
    bins: int = 10,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Profit of contacting the top 1, 2, ... of ``bins`` score groups, counting only uplift.

    For the top *d* groups (all rows, treated and control, ranked by ``score_col``) the uplift is
    the treated mean outcome minus the control mean outcome *within those groups*. Contacting all
    ``n_targeted`` customers of the depth would then add ``uplift × n_targeted`` outcomes, worth
    ``margin`` each, at ``cost_per_contact`` per contact::

        incremental_profit = margin × uplift × n_targeted − cost_per_contact × n_targeted

    ``naive_profit`` is the same with the treated rate in place of the uplift: the profit a
    report that counts every response as caused by the campaign would show.

    Parameters
    ----------
    margin : float
        Profit per unit of outcome: KRW per conversion for a 0/1 outcome, or the margin rate
        (e.g. 0.3) when the outcome is revenue in KRW. Must be >= 0.
    cost_per_contact : float
        Cost of one contact, in the same currency; >= 0.
    bins : int
        Number of depths (10 = contact the top 10 %, 20 %, ..., 100 %).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``depth`` (share of rows contacted): ``n_targeted``, ``uplift``,
        ``uplift_low``, ``uplift_high``, ``incremental_outcome``, ``incremental_profit``,
        ``profit_low``, ``profit_high`` (from the uplift interval) and ``naive_profit``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"score": [4, 3, 2, 1], "treated": [1, 0, 1, 0],
    ...                   "converted": [1, 0, 0, 1]})
    >>> t = incremental_profit_by_depth(f, score_col="score", treated_col="treated",
    ...                                 outcome_col="converted", margin=100,
    ...                                 cost_per_contact=10, bins=2)
    >>> t["incremental_profit"].tolist()
    [180.0, -40.0]
    """
    score, treated, outcome = _arrays(frame, score_col, treated_col, outcome_col)
    margin = validation.number(margin, "margin", low=0)
    cost = validation.number(cost_per_contact, "cost_per_contact", low=0)
    bins = _whole(bins, "bins", low=1)
    if bins > len(score):
        raise ValueError(f"bins ({bins}) must not exceed the number of rows ({len(score)})")
    z = _confidence_z(confidence)
    group = _groups(score, bins)
    a = {k: np.cumsum(v) for k, v in _arm_sums(group, treated, outcome, bins).items()}
    empty = np.flatnonzero((a["n_t"] == 0) | (a["n_c"] == 0))
    if empty.size:
        raise ValueError(
            f"the top {empty.max() + 1} group(s) hold no treated or no control rows, so the uplift "
            f"there is undefined: use fewer bins than {bins}"
        )
    m_t, _, diff, se = _diff_and_se(a["n_t"], a["s_t"], a["q_t"], a["n_c"], a["s_c"], a["q_c"])
    n = a["n_t"] + a["n_c"]
    return pd.DataFrame(
        {
            "n_targeted": n.astype("int64"),
            "uplift": diff,
            "uplift_low": diff - z * se,
            "uplift_high": diff + z * se,
            "incremental_outcome": diff * n,
            "incremental_profit": margin * diff * n - cost * n,
            "profit_low": margin * (diff - z * se) * n - cost * n,
            "profit_high": margin * (diff + z * se) * n - cost * n,
            "naive_profit": margin * m_t * n - cost * n,
        },
        index=pd.Index(np.arange(1, bins + 1) / bins, name="depth"),
    )


# ---------------------------------------------------------------------------------------------
# a two-model uplift score


def two_model_uplift(
    train: pd.DataFrame,
    *,
    features: Sequence[str],
    treated_col: str,
    outcome_col: str,
    predict: pd.DataFrame | None = None,
    estimator: Any = None,
    random_state: int = 0,
) -> pd.Series:
    """Two-model ("T-learner") uplift score: P(outcome | treated, x) − P(outcome | control, x).

    One classifier is fitted on the treated rows of ``train`` and one on its control rows (both
    clones of ``estimator``); the score of a row of ``predict`` is the difference of their
    predicted probabilities. A positive score marks a likely *persuadable*, a negative one a
    likely *sleeping dog*; a high response probability alone does not (a *sure thing* scores
    high on both models). Native threads are limited to one while fitting, and the estimator's
    ``random_state`` (if it has one) is set, so the result is reproducible.

    Parameters
    ----------
    train : pandas.DataFrame
        Rows with the features, the treated flag and a 0/1 outcome.
    features : sequence of str
        Numeric feature columns (one-hot encode categories first).
    predict : pandas.DataFrame, optional
        Rows to score (default: ``train``). Must hold the feature columns.
    estimator : scikit-learn classifier, optional
        Default: ``make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))``.
    random_state : int
        Seed passed to every ``random_state`` parameter of the estimator.

    Returns
    -------
    pandas.Series
        Predicted uplift per row of ``predict`` (its index), named ``uplift_score``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=400); t = rng.random(400) < 0.5
    >>> y = rng.random(400) < 0.2 + 0.3 * t * (x > 0)        # only x > 0 responds to contact
    >>> f = pd.DataFrame({"x": x, "treated": t, "converted": y})
    >>> s = two_model_uplift(f, features=["x"], treated_col="treated", outcome_col="converted")
    >>> bool(s[f["x"] > 1].mean() > s[f["x"] < -1].mean())
    True
    """
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    if isinstance(features, str) or not isinstance(features, Sequence) or len(features) == 0:
        raise TypeError(f"features must be a non-empty list of column names, got {features!r}")
    features = list(features)
    _, treated, outcome = _arrays(train, None, treated_col, outcome_col, "train")
    require_columns(train, features, "train", hint="Pass the feature columns with features=.")
    if not np.isin(outcome, [0.0, 1.0]).all():
        raise ValueError(
            f"outcome_col {outcome_col!r} must hold 0/1 (or True/False) for a classifier"
        )
    target = require_frame(train if predict is None else predict, "predict", allow_empty=False)
    require_columns(target, features, "predict", hint="Pass the feature columns with features=.")
    for name, df in (("train", train), ("predict", target)):
        x = df[features]
        bad = [
            c
            for c in features
            if pd.api.types.is_bool_dtype(x[c])
            or not pd.api.types.is_numeric_dtype(x[c])
            or x[c].isna().any()
        ]
        if bad:
            raise ValueError(
                f"{name} feature column(s) {bad} must be numeric without missing values "
                "(one-hot encode categories, fill or drop gaps first)"
            )
    for arm, mask in (("treated", treated), ("control", ~treated)):
        if np.unique(outcome[mask]).size < 2:
            raise ValueError(
                f"the {arm} rows of train all have the same outcome: a classifier needs both "
                "converters and non-converters in each arm"
            )
    base = (
        estimator
        if estimator is not None
        else make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    )
    if not hasattr(base, "fit") or not hasattr(base, "predict_proba"):
        raise TypeError("estimator must be a scikit-learn classifier with fit and predict_proba")
    seeds = {k: random_state for k in base.get_params() if k.endswith("random_state")}
    X = train[features].to_numpy(dtype="float64")
    X_new = target[features].to_numpy(dtype="float64")
    with threadpool_limits(1):
        probs = []
        for mask in (treated, ~treated):
            model = clone(base).set_params(**seeds)
            model.fit(X[mask], outcome[mask].astype("int64"))
            probs.append(model.predict_proba(X_new)[:, 1])
    return pd.Series(probs[0] - probs[1], index=target.index, name="uplift_score")


# ---------------------------------------------------------------------------------------------
# A/B test of two conversion rates and its power


@dataclass(frozen=True)
class ABTest:
    """Result of :func:`ab_test`: two conversion rates, their difference, its interval and test."""

    n_treatment: int
    n_control: int
    rate_treatment: float
    rate_control: float
    difference: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float
    confidence: float
    method: str

    @property
    def relative_lift(self) -> float:
        """Difference as a share of the control rate (0.1 = 10 % more conversions)."""
        return self.difference / self.rate_control if self.rate_control > 0 else float("nan")

    def to_frame(self) -> pd.DataFrame:
        """One-row table for display."""
        return pd.DataFrame([{k: getattr(self, k) for k in self.__dataclass_fields__}])

    def __repr__(self) -> str:
        return choose(
            en=f"ABTest(treatment {self.rate_treatment:.4f} of {self.n_treatment:,} vs control "
            f"{self.rate_control:.4f} of {self.n_control:,}: difference {self.difference:+.4f}, "
            f"{self.confidence:.0%} CI [{self.ci_low:+.4f}, {self.ci_high:+.4f}] ({self.method}), "
            f"z = {self.z:.2f}, p = {self.p_value:.3g})",
            ko=f"ABTest(처치집단 {self.rate_treatment:.4f}, {self.n_treatment:,}명 대 통제집단 "
            f"{self.rate_control:.4f}, {self.n_control:,}명: 차이 {self.difference:+.4f}, "
            f"{self.confidence:.0%} 신뢰구간 [{self.ci_low:+.4f}, {self.ci_high:+.4f}] "
            f"({self.method}), z = {self.z:.2f}, p = {self.p_value:.3g})",
        )


_CI_METHODS = ("newcomb", "wald")


def ab_test_counts(
    conversions_treatment: int,
    n_treatment: int,
    conversions_control: int,
    n_control: int,
    *,
    confidence: float = 0.95,
    method: str = "newcomb",
) -> ABTest:
    """Difference of two conversion rates with a confidence interval and a two-sided z-test.

    The interval is Newcombe's hybrid score interval (``method="newcomb"``, recommended: good
    coverage for small rates) or the Wald interval (``"wald"``), from statsmodels'
    ``confint_proportions_2indep``; the test is the pooled two-proportion z-test
    (statsmodels' ``proportions_ztest``).

    Examples
    --------
    >>> r = ab_test_counts(60, 1000, 40, 1000, method="wald")
    >>> round(r.difference, 3), round(r.z, 2)
    (0.02, 2.05)
    """
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

    counts = {}
    for name, v in (
        ("conversions_treatment", conversions_treatment),
        ("n_treatment", n_treatment),
        ("conversions_control", conversions_control),
        ("n_control", n_control),
    ):
        counts[name] = _whole(v, name, low=0)
    for arm in ("treatment", "control"):
        if counts[f"n_{arm}"] == 0:
            raise ValueError(f"n_{arm} must be > 0: the {arm} arm has no customers")
        if counts[f"conversions_{arm}"] > counts[f"n_{arm}"]:
            raise ValueError(
                f"conversions_{arm} ({counts[f'conversions_{arm}']}) cannot exceed n_{arm} "
                f"({counts[f'n_{arm}']})"
            )
    if method not in _CI_METHODS:
        raise ValueError(f"method must be one of {_CI_METHODS}, got {method!r}")
    c = validation.probability(confidence, "confidence", open_=True)
    x1, n1 = counts["conversions_treatment"], counts["n_treatment"]
    x0, n0 = counts["conversions_control"], counts["n_control"]
    low, high = confint_proportions_2indep(
        x1, n1, x0, n0, method=method, compare="diff", alpha=1 - c
    )
    if x1 + x0 in (0, n1 + n0):  # no variation at all: the z statistic is undefined
        z, p = 0.0, 1.0
    else:
        z, p = proportions_ztest([x1, x0], [n1, n0])
    return ABTest(
        n_treatment=n1,
        n_control=n0,
        rate_treatment=x1 / n1,
        rate_control=x0 / n0,
        difference=x1 / n1 - x0 / n0,
        ci_low=float(low),
        ci_high=float(high),
        z=float(z),
        p_value=float(p),
        confidence=c,
        method=method,
    )


def ab_test(
    frame: pd.DataFrame,
    *,
    arm_col: str,
    outcome_col: str,
    treatment: Any,
    control: Any,
    confidence: float = 0.95,
    method: str = "newcomb",
) -> ABTest:
    """A/B test of a 0/1 outcome between two arms of ``frame`` (see :func:`ab_test_counts`).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per customer (× campaign) in the test.
    arm_col : str
        Column naming the arm of each row (e.g. ``content`` with "personalised"/"generic").
    outcome_col : str
        0/1 or bool outcome (e.g. ``converted``).
    treatment, control : scalar
        The values of ``arm_col`` that form the two arms; other rows are ignored.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"content": ["p", "p", "g", "g"], "converted": [1, 1, 1, 0]})
    >>> ab_test(f, arm_col="content", outcome_col="converted", treatment="p",
    ...         control="g").difference
    0.5
    """
    df = require_frame(frame, "frame", allow_empty=False)
    require_columns(df, [arm_col, outcome_col], "frame")
    y = df[outcome_col]
    if pd.api.types.is_bool_dtype(y):
        y = y.astype("int64")
    if not pd.api.types.is_numeric_dtype(y) or y.isna().any() or not y.isin([0, 1]).all():
        raise ValueError(f"outcome_col {outcome_col!r} must hold 0/1 (or True/False) for every row")
    arms = df[arm_col]
    counts = {}
    for name, value in (("treatment", treatment), ("control", control)):
        mask = (arms == value).to_numpy(dtype=bool)
        if not mask.any():
            seen = ", ".join(map(repr, pd.unique(arms.dropna())[:10]))
            raise ValueError(
                f"{name}={value!r} matches no row of arm_col {arm_col!r}; its values are: {seen}"
            )
        counts[name] = (int(y[mask].sum()), int(mask.sum()))
    if treatment == control:
        raise ValueError(f"treatment and control must differ, both are {treatment!r}")
    return ab_test_counts(
        *counts["treatment"], *counts["control"], confidence=confidence, method=method
    )


def _power_args(p_control: float, alpha: float, power: float) -> tuple[float, float, float]:
    p0 = validation.probability(p_control, "p_control", open_=True)
    a = validation.probability(alpha, "alpha", open_=True)
    pw = validation.probability(power, "power", open_=True)
    if pw <= a:
        raise ValueError(f"power ({power}) must exceed alpha ({alpha})")
    return p0, a, pw


def sample_size(
    p_control: float,
    effect: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
) -> int:
    """Customers needed in *each* of two equal arms to detect a difference in conversion rates.

    ``effect`` is the absolute difference to detect (0.01 = one percentage point, from
    ``p_control`` to ``p_control + effect``), tested two-sided at level ``alpha`` with the given
    power. Uses Cohen's effect size h (statsmodels' ``proportion_effectsize``) and the normal
    power of ``NormalIndPower``; rounded up.

    Examples
    --------
    >>> sample_size(0.05, 0.01)
    8143
    """
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    p0, a, pw = _power_args(p_control, alpha, power)
    e = validation.number(effect, "effect")
    if e == 0:
        raise ValueError("effect must not be 0: no sample is large enough to detect no difference")
    if not 0 < p0 + e < 1:
        raise ValueError(f"p_control + effect must be a rate in (0, 1), got {p0 + e}")
    h = abs(proportion_effectsize(p0 + e, p0))
    n = NormalIndPower().solve_power(
        effect_size=h, alpha=a, power=pw, ratio=1.0, alternative="two-sided"
    )
    return int(np.ceil(n))


def minimum_detectable_effect(
    n_per_arm: int,
    p_control: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
) -> float:
    """Smallest increase in conversion a test with ``n_per_arm`` customers per arm can detect.

    The inverse of :func:`sample_size`: the absolute difference (p_treatment − p_control) that a
    two-sided test at level ``alpha`` detects with the given power.

    Examples
    --------
    >>> round(minimum_detectable_effect(8143, 0.05), 4)
    0.01
    """
    from statsmodels.stats.power import NormalIndPower

    n = _whole(n_per_arm, "n_per_arm", low=2)
    p0, a, pw = _power_args(p_control, alpha, power)
    h = NormalIndPower().solve_power(nobs1=n, alpha=a, power=pw, ratio=1.0, alternative="two-sided")
    p1 = np.sin(np.arcsin(np.sqrt(p0)) + h / 2) ** 2
    return float(p1 - p0)
