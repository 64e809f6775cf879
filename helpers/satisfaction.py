"""Customer satisfaction and online support: NPS, driver analysis, tickets, importance–performance.

The lesson behind this module (notebook 04) follows Lele & Sheth (1987): satisfaction comes from
four basic elements — product design (제품 디자인), sales-related activities (판매관련 활동),
after-sales (사후 서비스) and culture (기업문화) — and the internet offers online support tools for
each. Here are the measurements a marketer runs on them:

* **Net Promoter Score** (Reichheld 2003): percent promoters (9–10) minus percent detractors (0–6)
  on the 0–10 "would you recommend us?" question, with a confidence interval, overall and by group
  (:func:`nps`, :func:`nps_by`).
* **Driver analysis**: which element moves NPS (OLS) and which moves churn (logistic regression,
  odds ratios), with standardised drivers so the coefficients compare (:func:`driver_regression`,
  :func:`churn_drivers`); churn labels that avoid leakage, from a known churn date
  (:func:`churn_after_survey`) or from observed inactivity (:func:`inactive_after_survey`).
* **Support tickets**: first-contact resolution (FCR), resolution time buckets, rates and means
  with confidence intervals by group (:func:`ticket_summary`, :func:`resolution_bucket`,
  :func:`rate_by`, :func:`mean_by`).
* **Importance–performance analysis** (Martilla & James 1977): each element placed by how much it
  matters and how well it is done, in one of four quadrants (:func:`importance_performance`), and
  the quadrants of several goals turned into prioritised online support actions
  (:func:`support_plan`).

Examples
--------
>>> from helpers.satisfaction import nps
>>> print(nps([10, 9, 8, 7, 6, 0], ci=None))
NPS +0.0 (n=6: 33.3% promoters, 33.3% passives, 33.3% detractors)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from helpers import validation
from helpers.language import choose
from helpers.validation import require_columns as _require_columns
from helpers.validation import require_frame

__all__ = [
    "ELEMENTS",
    "ELEMENT_LABELS",
    "KANO_TYPES",
    "NPS_CATEGORIES",
    "QUADRANTS",
    "DriverFit",
    "NPSResult",
    "churn_after_survey",
    "churn_drivers",
    "driver_regression",
    "fcr_customers_kept",
    "fcr_rate",
    "importance_performance",
    "inactive_after_survey",
    "lele_elements",
    "mean_by",
    "nps",
    "nps_by",
    "nps_category",
    "nps_difference",
    "penalty_reward",
    "quadrant",
    "rate_by",
    "relative_importance",
    "resolution_bucket",
    "support_plan",
    "ticket_summary",
    "validate_scores",
]

ELEMENTS: tuple[str, ...] = ("product_design", "sales_activities", "after_sales", "culture")
"""Survey columns of Lele's four elements (1–5 each), in the order of Lele & Sheth (1987)."""

ELEMENT_LABELS: dict[str, str] = {
    "product_design": "Product design (제품 디자인)",
    "sales_activities": "Sales activities (판매관련 활동)",
    "after_sales": "After-sales (사후 서비스)",
    "culture": "Culture (기업문화)",
}
"""Display names with the course's Korean term."""

NPS_CATEGORIES: tuple[str, ...] = ("detractor", "passive", "promoter")
"""Reichheld's (2003) three groups, from 0–6, 7–8 and 9–10 on the 0–10 scale."""

QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, False): "Concentrate here",
    (True, True): "Keep up the good work",
    (False, False): "Low priority",
    (False, True): "Possible overkill",
}
"""Martilla & James (1977) quadrant names, keyed by (high importance?, high performance?)."""


# ---------------------------------------------------------------------------------------------
# Validation


def _require_frame(frame: Any, name: str) -> pd.DataFrame:
    """Every satisfaction analysis needs rows: an empty frame is an error too."""
    return require_frame(frame, name, allow_empty=False)


def validate_scores(
    values: Any, *, name: str = "scores", low: int = 0, high: int = 10, allow_missing: bool = False
) -> pd.Series:
    """Check that survey answers are whole numbers on a ``low``–``high`` scale; return them as floats.

    Parameters
    ----------
    values : array-like or pandas.Series
        The answers.
    name : str
        What to call the answers in error messages (the column name).
    low, high : int
        The scale: 0–10 for NPS, 1–5 for Lele's elements.
    allow_missing : bool, default False
        Whether missing answers (NaN) are allowed; they are kept as NaN.

    Returns
    -------
    pandas.Series
        A float copy of the answers (index kept when a Series was given).

    Raises
    ------
    TypeError
        If the answers are not numeric.
    ValueError
        If an answer is outside the scale, not a whole number, missing (unless allowed), or there
        are no answers at all.

    Examples
    --------
    >>> validate_scores([1, 5, 3], name="after_sales", low=1, high=5).tolist()
    [1.0, 5.0, 3.0]
    """
    validation.number(low, "low")
    validation.number(high, "high")
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column of scores, got a DataFrame")
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(list(values))
    if series.dtype == bool or not (pd.api.types.is_numeric_dtype(series) or series.isna().all()):
        raise TypeError(f"{name} must be numeric survey scores, got dtype {series.dtype}")
    series = series.astype("float64")
    if series.empty:
        raise ValueError(f"{name} is empty: no answers to score")
    missing = series.isna()
    if missing.any() and not allow_missing:
        raise ValueError(f"{name} has {int(missing.sum())} missing answer(s); drop them first")
    present = series[~missing]
    outside = present[(present < low) | (present > high)]
    if not outside.empty:
        raise ValueError(
            f"{name} must lie on the {low}–{high} scale; found {outside.size} value(s) outside it, "
            f"e.g. {outside.iloc[0]:g}"
        )
    fractional = present[present != np.round(present)]
    if not fractional.empty:
        raise ValueError(f"{name} must be whole numbers; found e.g. {fractional.iloc[0]:g}")
    return series


# ---------------------------------------------------------------------------------------------
# Lele's four elements as a table


def lele_elements() -> pd.DataFrame:
    """Lele's four elements of customer satisfaction with their online support tools and measures.

    The three descriptions are in the reader's language (:func:`helpers.language.choose`).

    The content follows Lele & Sheth (1987) as the chapter presents it (slide 6), with the online
    tools the internet adds (Hanson 2000) and how a shop can measure each element.

    Returns
    -------
    pandas.DataFrame
        Indexed by the survey column name, columns ``element``, ``korean``, ``what_it_covers``,
        ``online_support`` and ``how_we_measure``.

    Examples
    --------
    >>> lele_elements().loc["after_sales", "korean"]
    '사후 서비스'
    """
    rows = [
        (
            "product_design",
            "Product design",
            "제품 디자인",
            choose(
                en="what is sold: features, quality, fit to the need",
                ko="무엇을 파는가: 기능, 품질, 필요에 맞는 정도",
            ),
            choose(
                en="configurators, customisation, reviews and feedback forms that feed design",
                ko="제품 구성 도구, 맞춤화, 디자인에 반영되는 리뷰와 피드백 양식",
            ),
            choose(
                en="survey 1–5; ratings and returns of own products",
                ko="설문 1–5점; 자사 제품의 평점과 반품",
            ),
        ),
        (
            "sales_activities",
            "Sales-related activities",
            "판매관련 활동",
            choose(
                en="how it is sold: information, advice, ordering, payment, delivery promise",
                ko="어떻게 파는가: 정보, 조언, 주문, 결제, 배송 약속",
            ),
            choose(
                en="rich product information, search, comparison, easy ordering and checkout",
                ko="풍부한 제품 정보, 검색, 비교, 쉬운 주문과 결제",
            ),
            choose(
                en="survey 1–5; cart-to-order conversion, checkout drop-out",
                ko="설문 1–5점; 장바구니에서 주문으로의 전환, 결제 단계 이탈",
            ),
        ),
        (
            "after_sales",
            "After-sales",
            "사후 서비스",
            choose(
                en="what happens after the sale: delivery, returns, complaints, repairs",
                ko="판매 후에 일어나는 일: 배송, 반품, 불만, 수리",
            ),
            choose(
                en="order tracking, FAQ, self-service returns, chat and e-mail support",
                ko="주문 추적, FAQ, 셀프서비스 반품, 채팅과 이메일 상담",
            ),
            choose(
                en="survey 1–5; tickets: first-contact resolution, resolution time",
                ko="설문 1–5점; 티켓: 첫 문의 해결률, 해결 시간",
            ),
        ),
        (
            "culture",
            "Culture",
            "기업문화",
            choose(
                en="how the firm treats customers: attitude, trust, values, fairness",
                ko="기업이 고객을 대하는 방식: 태도, 신뢰, 가치, 공정성",
            ),
            choose(
                en="customer-centred communication, community, transparent policies",
                ko="고객 중심의 커뮤니케이션, 커뮤니티, 투명한 정책",
            ),
            choose(
                en="survey 1–5; NPS comments, complaint tone, community activity",
                ko="설문 1–5점; NPS 의견, 불만의 어조, 커뮤니티 활동",
            ),
        ),
    ]
    columns = ["element", "korean", "what_it_covers", "online_support", "how_we_measure"]
    return pd.DataFrame(
        [r[1:] for r in rows], index=pd.Index([r[0] for r in rows], name="column"), columns=columns
    )


# ---------------------------------------------------------------------------------------------
# NPS


def nps_category(scores: Any) -> pd.Series:
    """Promoter (9–10), passive (7–8) or detractor (0–6) for each 0–10 answer (Reichheld 2003).

    Parameters
    ----------
    scores : array-like or pandas.Series
        Answers to "How likely are you to recommend us?" on the 0–10 scale; missing not allowed.

    Returns
    -------
    pandas.Series
        Ordered categorical with categories ``detractor < passive < promoter``.

    Examples
    --------
    >>> nps_category([0, 6, 7, 8, 9, 10]).tolist()
    ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']
    """
    s = validate_scores(scores, name="scores", low=0, high=10)
    codes = np.select([s >= 9, s >= 7], [2, 1], default=0)
    cat = pd.Categorical.from_codes(codes, categories=list(NPS_CATEGORIES), ordered=True)
    return pd.Series(cat, index=s.index, name="nps_category")


@dataclass(frozen=True)
class NPSResult:
    """A Net Promoter Score with its parts and confidence interval (all scores in points, −100…100).

    Attributes
    ----------
    nps : float
        100 × (share of promoters − share of detractors).
    promoters, passives, detractors : float
        Shares (0–1) of the answers.
    n : int
        Number of answers.
    ci_low, ci_high : float
        Confidence interval of the NPS in points (NaN when not computed).
    level : float
        Confidence level of the interval.
    method : str
        ``"analytic"``, ``"bootstrap"`` or ``"none"``.
    """

    nps: float
    promoters: float
    passives: float
    detractors: float
    n: int
    ci_low: float = float("nan")
    ci_high: float = float("nan")
    level: float = 0.95
    method: str = "none"

    def __str__(self) -> str:
        parts = choose(
            en=f"n={self.n}: {self.promoters:.1%} promoters, {self.passives:.1%} passives, "
            f"{self.detractors:.1%} detractors",
            ko=f"n={self.n}: 추천 고객 {self.promoters:.1%}, 중립 고객 {self.passives:.1%}, "
            f"비추천 고객 {self.detractors:.1%}",
        )
        ci = ""
        if self.method != "none":
            method = {"analytic": "해석적 방법", "bootstrap": "부트스트랩"}.get(
                self.method, self.method
            )
            ci = choose(
                en=f", {self.level:.0%} CI {self.ci_low:+.1f} to {self.ci_high:+.1f} ({self.method})",
                ko=f", {self.level:.0%} 신뢰구간 {self.ci_low:+.1f} ~ {self.ci_high:+.1f} ({method})",
            )
        return f"NPS {self.nps:+.1f} ({parts}){ci}"

    def as_series(self) -> pd.Series:
        """The result as a Series (handy for tables)."""
        return pd.Series(
            {
                "n": self.n,
                "promoters": self.promoters,
                "passives": self.passives,
                "detractors": self.detractors,
                "nps": self.nps,
                "ci_low": self.ci_low,
                "ci_high": self.ci_high,
            }
        )


def _nps_analytic_ci(
    p_pro: np.ndarray, p_det: np.ndarray, n: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Normal-approximation CI of 100·(p_pro − p_det) from the multinomial variance."""
    score = p_pro - p_det
    var = (p_pro + p_det - score**2) / n
    z = stats.norm.ppf(0.5 + level / 2)
    half = z * np.sqrt(var)
    return 100 * np.clip(score - half, -1, 1), 100 * np.clip(score + half, -1, 1)


def nps(
    scores: Any,
    *,
    ci: str | None = "analytic",
    level: float = 0.95,
    n_boot: int = 4000,
    random_state: int = 0,
) -> NPSResult:
    """Net Promoter Score of 0–10 answers: % promoters (9–10) − % detractors (0–6).

    Parameters
    ----------
    scores : array-like or pandas.Series
        Answers on the 0–10 scale (whole numbers, no missing values).
    ci : {"analytic", "bootstrap", None}, default "analytic"
        How to compute the confidence interval. ``"analytic"`` uses the normal approximation with
        the multinomial variance of a difference of two shares,
        Var = (p_pro + p_det − (p_pro − p_det)²) / n. ``"bootstrap"`` resamples the answers
        ``n_boot`` times (as multinomial draws of the three group counts, which is the same thing
        for NPS and much faster) and takes percentiles. ``None`` skips the interval.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1.
    n_boot : int, default 4000
        Bootstrap resamples (``ci="bootstrap"`` only).
    random_state : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    NPSResult
        The score in points (−100…100), the three shares, n and the interval.

    Examples
    --------
    >>> r = nps([10, 10, 9, 8, 7, 3, 0, 10, 9, 5])
    >>> r.nps, r.promoters, r.detractors
    (20.0, 0.5, 0.3)
    """
    validation.probability(level, "level", open_=True)
    if ci == "bootstrap":
        validation.integer(n_boot, "n_boot", low=1, high=10_000_000)
        validation.seed(random_state, "random_state")
    s = validate_scores(scores, name="scores", low=0, high=10)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    if ci not in ("analytic", "bootstrap", None):
        raise ValueError(f"ci must be 'analytic', 'bootstrap' or None, got {ci!r}")
    n = int(s.size)
    p_pro = float((s >= 9).mean())
    p_det = float((s <= 6).mean())
    p_pas = 1.0 - p_pro - p_det
    score = 100 * (p_pro - p_det)
    low = high = float("nan")
    if ci == "analytic":
        lo, hi = _nps_analytic_ci(np.array(p_pro), np.array(p_det), np.array(n), level)
        low, high = float(lo), float(hi)
    elif ci == "bootstrap":
        if int(n_boot) < 100:
            raise ValueError(f"n_boot must be at least 100 for a percentile interval, got {n_boot}")
        rng = np.random.default_rng(random_state)
        draws = rng.multinomial(n, [p_det, p_pas, p_pro], size=int(n_boot))
        boot = 100 * (draws[:, 2] - draws[:, 0]) / n
        low, high = (float(v) for v in np.quantile(boot, [0.5 - level / 2, 0.5 + level / 2]))
    return NPSResult(score, p_pro, p_pas, p_det, n, low, high, level, ci or "none")


def nps_by(
    frame: pd.DataFrame,
    by: str | Sequence[str],
    *,
    score_col: str = "nps",
    level: float = 0.95,
    sort: bool = True,
) -> pd.DataFrame:
    """NPS per group with analytic confidence intervals.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per answer, with the 0–10 score and the grouping column(s).
    by : str or list of str
        Grouping column(s), e.g. ``"acquisition_channel"``.
    score_col : str, default "nps"
        Column of the 0–10 answers.
    level : float, default 0.95
        Confidence level of the intervals.
    sort : bool, default True
        Sort groups by NPS, highest first (ties by group name).

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``n``, ``promoters``, ``passives``, ``detractors`` (shares), ``nps``,
        ``ci_low``, ``ci_high`` (points).

    Examples
    --------
    >>> df = pd.DataFrame({"nps": [10, 9, 3, 8, 0, 6], "channel": list("aaabbb")})
    >>> nps_by(df, "channel")["nps"].round(1).tolist()
    [33.3, -66.7]
    """
    if isinstance(frame, pd.DataFrame):
        keys_ = [by] if isinstance(by, str) else list(by)
        validation.frame(frame, "frame", {k: "label" for k in keys_}, only_present=True)
    validation.probability(level, "level", open_=True)
    _require_frame(frame, "frame")
    keys = [by] if isinstance(by, str) else list(by)
    _require_columns(frame, [score_col, *keys], "frame")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    s = validate_scores(frame[score_col], name=score_col, low=0, high=10)
    parts = pd.DataFrame(
        {
            "promoters": (s >= 9).astype(float),
            "passives": ((s >= 7) & (s <= 8)).astype(float),
            "detractors": (s <= 6).astype(float),
        }
    )
    grouped = parts.groupby([frame[k] for k in keys], observed=True, sort=True)
    out = grouped.mean().assign(n=grouped.size())
    out["nps"] = 100 * (out["promoters"] - out["detractors"])
    low, high = _nps_analytic_ci(
        out["promoters"].to_numpy(), out["detractors"].to_numpy(), out["n"].to_numpy(), level
    )
    out = out.assign(ci_low=low, ci_high=high)[
        ["n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high"]
    ]
    if sort:
        out = out.sort_values("nps", ascending=False, kind="stable")
    return out


# ---------------------------------------------------------------------------------------------
# Driver analysis


@dataclass(frozen=True)
class DriverFit:
    """A fitted driver model: a tidy coefficient table plus fit statistics.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per driver: ``coef``, ``ci_low``, ``ci_high``, ``p_value`` (and for logistic
        models ``odds_ratio``, ``or_low``, ``or_high``), sorted as the drivers were given.
    kind : str
        ``"ols"`` or ``"logit"``.
    target : str
        The modelled column.
    n : int
        Rows used.
    fit_stat : float
        R² for OLS, McFadden pseudo-R² for logit.
    standardized : bool
        Whether drivers were z-scored (coefficients per one standard deviation).
    result : Any
        The statsmodels results object, for anything more.
    """

    table: pd.DataFrame
    kind: str
    target: str
    n: int
    fit_stat: float
    standardized: bool
    result: Any = field(repr=False, compare=False)

    def __str__(self) -> str:
        stat = "R²" if self.kind == "ols" else choose(en="pseudo-R²", ko="유사 R²")
        per = (
            choose(en="per 1 SD of each driver", ko="각 동인 1 SD당")
            if self.standardized
            else choose(en="per scale point", ko="척도 1점당")
        )
        top = self.table["coef"].abs().idxmax()
        return choose(
            en=f"{self.kind.upper()} of {self.target} on {len(self.table)} drivers ({per}), "
            f"n={self.n}, {stat}={self.fit_stat:.3f}; largest effect: {top}",
            ko=f"{self.target}에 대한 {self.kind.upper()}: 동인 {len(self.table)}개 ({per}), "
            f"n={self.n}, {stat}={self.fit_stat:.3f}; 가장 큰 효과: {top}",
        )


def _check_model_inputs(frame: Any, drivers: Any, column: str, level: Any) -> None:
    """The checks both driver models make before :func:`_design`: numeric columns, enough rows."""
    if isinstance(frame, pd.DataFrame) and not isinstance(drivers, str):
        validation.frame(
            frame, "frame", {c: "number" for c in [*drivers, column]}, only_present=True
        )
        if 0 < len(frame) < len(list(drivers)) + 2:
            raise ValueError(
                f"frame has {len(frame)} row(s): a model of {len(list(drivers))} driver(s) needs at "
                f"least {len(list(drivers)) + 2}"
            )
    validation.probability(level, "level", open_=True)


def _design(
    frame: pd.DataFrame,
    drivers: Sequence[str],
    target: str,
    standardize: bool,
    scale: tuple[int, int] | None,
) -> tuple[pd.DataFrame, pd.Series]:
    _require_frame(frame, "frame")
    drivers = list(drivers)
    if not drivers:
        raise ValueError("drivers is empty: name at least one column")
    _require_columns(frame, [*drivers, target], "frame")
    if scale is None:  # continuous drivers (e.g. latent scores): numeric and complete only
        bad = [
            d
            for d in drivers
            if not pd.api.types.is_numeric_dtype(frame[d]) or frame[d].dtype == bool
        ]
        if bad:
            raise TypeError(f"driver column(s) {bad} must be numeric")
        gaps = [d for d in drivers if frame[d].isna().any()]
        if gaps:
            raise ValueError(f"driver column(s) {gaps} have missing values; drop them first")
        X = frame[drivers].astype("float64")
    else:
        X = pd.DataFrame(
            {d: validate_scores(frame[d], name=d, low=scale[0], high=scale[1]) for d in drivers}
        )
    constant = [d for d in drivers if X[d].std() == 0]
    if constant:
        raise ValueError(f"driver column(s) {constant} do not vary: no effect can be estimated")
    if standardize:
        X = (X - X.mean()) / X.std()
    return sm.add_constant(X, has_constant="add"), frame[target]


def driver_regression(
    frame: pd.DataFrame,
    *,
    target: str = "nps",
    drivers: Sequence[str] = ELEMENTS,
    standardize: bool = True,
    level: float = 0.95,
    scale: tuple[int, int] | None = (1, 5),
) -> DriverFit:
    """OLS of a satisfaction outcome on the element scores, coefficients with confidence intervals.

    With ``standardize=True`` every driver is z-scored first, so each coefficient reads "points of
    the target per one standard deviation of this element" and the elements compare on one scale
    even when some vary more than others.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per survey answer.
    target : str, default "nps"
        Outcome column (numeric, e.g. the 0–10 recommendation score).
    drivers : sequence of str, default :data:`ELEMENTS`
        Driver columns (1–5 scores, checked against ``scale``).
    standardize : bool, default True
        Z-score the drivers.
    level : float, default 0.95
        Confidence level.
    scale : (int, int) or None, default (1, 5)
        Valid range of the driver scores (whole numbers); ``None`` accepts any continuous numeric
        drivers, e.g. the latent satisfaction in the shop's truth table.

    Returns
    -------
    DriverFit
        ``table`` with ``coef``, ``ci_low``, ``ci_high``, ``p_value`` per driver; ``fit_stat`` is R².

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 1, 5], "b": [2, 2, 3, 3, 4, 5, 1],
    ...                    "nps": [2, 4, 6, 8, 10, 2, 10]})
    >>> fit = driver_regression(df, drivers=["a", "b"], standardize=False)
    >>> round(float(fit.table.loc["a", "coef"]), 3)
    2.0
    """
    _check_model_inputs(frame, drivers, target, level)
    X, y = _design(frame, drivers, target, standardize, scale)
    if not pd.api.types.is_numeric_dtype(y) or y.dtype == bool:
        raise TypeError(f"target column {target!r} must be numeric, got dtype {y.dtype}")
    if y.isna().any():
        raise ValueError(f"target column {target!r} has {int(y.isna().sum())} missing value(s)")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    res = sm.OLS(y.astype(float), X).fit()
    ci = res.conf_int(alpha=1 - level)
    table = pd.DataFrame(
        {"coef": res.params, "ci_low": ci[0], "ci_high": ci[1], "p_value": res.pvalues}
    ).drop(index="const")
    table.index.name = "driver"
    return DriverFit(table, "ols", target, int(res.nobs), float(res.rsquared), standardize, res)


def churn_drivers(
    frame: pd.DataFrame,
    *,
    outcome: str = "churned",
    drivers: Sequence[str] = ELEMENTS,
    standardize: bool = True,
    level: float = 0.95,
    scale: tuple[int, int] | None = (1, 5),
) -> DriverFit:
    """Logistic regression of a 0/1 outcome (churn) on the element scores, with odds ratios.

    The odds ratio of a driver is exp(coefficient): the factor by which the odds of churning are
    multiplied when the driver rises by one standard deviation (``standardize=True``) or one scale
    point. Below 1 protects, above 1 harms; an interval that contains 1 is not distinguishable from
    no effect.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per customer, with the driver scores and the outcome.
    outcome : str, default "churned"
        0/1 or boolean outcome column; both classes must occur.
    drivers, standardize, level, scale
        As in :func:`driver_regression`.

    Returns
    -------
    DriverFit
        ``table`` with ``coef`` (log-odds), ``ci_low``, ``ci_high``, ``p_value``, ``odds_ratio``,
        ``or_low``, ``or_high``; ``fit_stat`` is McFadden's pseudo-R².

    Examples
    --------
    >>> df = pd.DataFrame({"after_sales": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
    ...                    "churned": [1, 1, 1, 0, 1, 0, 0, 1, 0, 0]})
    >>> fit = churn_drivers(df, drivers=["after_sales"])
    >>> bool(fit.table.loc["after_sales", "odds_ratio"] < 1)
    True
    """
    _check_model_inputs(frame, drivers, outcome, level)
    X, y = _design(frame, drivers, outcome, standardize, scale)
    if y.isna().any():
        raise ValueError(f"outcome column {outcome!r} has {int(y.isna().sum())} missing value(s)")
    values = set(pd.unique(y.astype(float)))
    if not values <= {0.0, 1.0}:
        raise ValueError(
            f"outcome column {outcome!r} must be 0/1 or boolean, found {sorted(values)[:5]}"
        )
    if len(values) < 2:
        raise ValueError(f"outcome column {outcome!r} has only one class: nothing to explain")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    res = sm.Logit(y.astype(float), X).fit(disp=False, maxiter=200)
    ci = res.conf_int(alpha=1 - level)
    table = pd.DataFrame(
        {"coef": res.params, "ci_low": ci[0], "ci_high": ci[1], "p_value": res.pvalues}
    ).drop(index="const")
    table = table.assign(
        odds_ratio=np.exp(table["coef"]),
        or_low=np.exp(table["ci_low"]),
        or_high=np.exp(table["ci_high"]),
    )
    table.index.name = "driver"
    return DriverFit(table, "logit", outcome, int(res.nobs), float(res.prsquared), standardize, res)


def churn_after_survey(
    surveys: pd.DataFrame,
    churn_dates: pd.DataFrame,
    *,
    window_days: int = 180,
    grace_days: int = 0,
    end: Any = None,
    customer_col: str = "customer_id",
    survey_date_col: str = "surveyed_at",
    churn_col: str = "churned_at",
) -> pd.DataFrame:
    """Label each survey answer with churn in the ``window_days`` that follow it, without leakage.

    A customer counts as churned when the churn date falls in
    (survey date − ``grace_days``, survey date + window]. Two kinds of answers cannot be labelled
    honestly and are dropped (reported in ``result.attrs["dropped"]``):

    * answers given more than ``grace_days`` *after* the customer had churned: they describe an
      ex-customer, and a customer who has already left answers differently (the outcome would leak
      into the predictor);
    * answers whose window runs past ``end``, the last day we can observe (their outcome is not
      known yet: right-censored).

    ``grace_days`` matters when the churn date is the date of the *last purchase* (as in
    buy-till-you-die data, where leaving is only visible as the absence of further purchases) and
    the survey asks about a recent order: a customer whose surveyed order turned out to be the last
    one answered before anything could be observed, and counts as churned. With the default 0 such
    answers are dropped instead.

    When a customer has several labelled rows, only the first is kept: choosing it does not depend
    on what happened later (keeping the last one would).

    Parameters
    ----------
    surveys : pandas.DataFrame
        One row per survey answer, with ``customer_col`` and ``survey_date_col``.
    churn_dates : pandas.DataFrame
        One row per customer with ``customer_col`` and ``churn_col`` (missing = not churned), e.g.
        the shop's ``truth`` table.
    window_days : int, default 180
        Length of the churn window after the survey, in days.
    grace_days : int, default 0
        How many days a churn date may lie *before* the survey for the answer still to count
        (as churned) rather than be dropped.
    end : date-like, optional
        Last observed day; defaults to the latest survey or churn date.
    customer_col, survey_date_col, churn_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        The kept survey rows with ``churned_at`` and ``churned`` (0/1) added.

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": [1, 2, 3], "surveyed_at": pd.to_datetime(["2024-01-01"] * 3)})
    >>> t = pd.DataFrame({"customer_id": [1, 2, 3],
    ...                   "churned_at": pd.to_datetime(["2024-03-01", None, "2023-12-01"])})
    >>> churn_after_survey(s, t, window_days=180, end="2024-12-31")["churned"].tolist()
    [1, 0]
    """
    if isinstance(surveys, pd.DataFrame) and isinstance(churn_dates, pd.DataFrame):
        surveys = validation.frame(
            surveys, "surveys", {customer_col: "id", survey_date_col: "date"}, only_present=True
        )
        churn_dates = validation.frame(  # NaT: not churned
            churn_dates, "churn_dates", {customer_col: "id", churn_col: "date?"}, only_present=True
        )
        if customer_col in surveys.columns and customer_col in churn_dates.columns:
            validation.matching_ids(
                customer_col, surveys=surveys[customer_col], churn_dates=churn_dates[customer_col]
            )
    end = validation.timestamp(end, "end", allow_none=True)
    _require_frame(surveys, "surveys")
    _require_frame(churn_dates, "churn_dates")
    _require_columns(surveys, [customer_col, survey_date_col], "surveys")
    _require_columns(churn_dates, [customer_col, churn_col], "churn_dates")
    if not isinstance(window_days, (int, np.integer)) or window_days <= 0:
        raise ValueError(
            f"window_days must be a positive whole number of days, got {window_days!r}"
        )
    if not isinstance(grace_days, (int, np.integer)) or grace_days < 0:
        raise ValueError(f"grace_days must be a whole number of days ≥ 0, got {grace_days!r}")
    surveyed = pd.to_datetime(surveys[survey_date_col], errors="coerce")
    if surveyed.isna().any():
        raise ValueError(
            f"{survey_date_col} has {int(surveyed.isna().sum())} missing or unparseable date(s)"
        )
    churned_at = pd.to_datetime(churn_dates[churn_col], errors="coerce")
    if churn_dates[customer_col].duplicated().any():
        raise ValueError(
            f"churn_dates has duplicated {customer_col} values; expected one row per customer"
        )
    end_ts = (
        pd.Timestamp(end) if end is not None else max(surveyed.max(), churned_at.max(skipna=True))
    )
    lookup = pd.Series(churned_at.to_numpy(), index=churn_dates[customer_col].to_numpy())
    unknown = ~surveys[customer_col].isin(lookup.index)
    if unknown.any():
        raise ValueError(f"{int(unknown.sum())} survey(s) name customers absent from churn_dates")
    window = pd.Timedelta(days=int(window_days))
    out = surveys.reset_index(drop=True).assign(
        **{survey_date_col: surveyed.to_numpy()},
        churned_at=lookup.reindex(surveys[customer_col]).to_numpy(),
    )
    grace = pd.Timedelta(days=int(grace_days))
    already = out["churned_at"].notna() & (out["churned_at"] <= out[survey_date_col] - grace)
    censored = ~already & (out[survey_date_col] + window > end_ts)
    kept = out[~already & ~censored].sort_values([customer_col, survey_date_col], kind="stable")
    repeat = kept.duplicated(customer_col, keep="first")
    kept = kept[~repeat]
    churned = kept["churned_at"].notna() & (kept["churned_at"] <= kept[survey_date_col] + window)
    result = kept.assign(churned=churned.astype("int64")).reset_index(drop=True)
    after = choose(
        en="dated after the customer had churned"
        + (f" (> {grace_days} days)" if grace_days else ""),
        ko=f"고객이 떠난 지 {grace_days}일이 넘은 뒤의 날짜"
        if grace_days
        else "고객이 떠난 뒤의 날짜",
    )
    result.attrs["dropped"] = {  # reasons in the reader's language (a report, not a key to index)
        after: int(already.sum()),
        _censored_reason(window_days, end_ts): int(censored.sum()),
        choose(en="later row of the same customer", ko="같은 고객의 나중 행"): int(repeat.sum()),
    }
    return result


def _censored_reason(window_days: int, end: pd.Timestamp) -> str:
    return choose(
        en=f"window of {window_days} days not over by {end.date()}",
        ko=f"{end.date()}까지 {window_days}일 기간이 끝나지 않음",
    )


def inactive_after_survey(
    surveys: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    window_days: int = 180,
    end: Any = None,
    customer_col: str = "customer_id",
    survey_date_col: str = "surveyed_at",
    order_date_col: str = "order_date",
    status_col: str | None = "status",
    completed: str = "completed",
) -> pd.DataFrame:
    """Label each survey answer with *observed* inactivity: no completed order in the window after it.

    This is the churn signal a shop can see without knowing the truth. Answers whose window runs
    past ``end`` are dropped (right-censored) and reported in ``result.attrs["dropped"]``; orders
    without a customer id (guest checkouts) are ignored.

    Parameters
    ----------
    surveys : pandas.DataFrame
        One row per survey answer (``customer_col``, ``survey_date_col``).
    orders : pandas.DataFrame
        One row per order (``customer_col``, ``order_date_col`` and, unless ``status_col`` is None,
        a status column of which only ``completed`` orders count).
    window_days : int, default 180
        Length of the window after the survey, in days.
    end : date-like, optional
        Last observed day; defaults to the latest order date.
    customer_col, survey_date_col, order_date_col, status_col, completed
        Column names and the status value that counts as a purchase.

    Returns
    -------
    pandas.DataFrame
        The kept survey rows with ``orders_in_window`` and ``inactive`` (0/1) added.

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": [1, 2], "surveyed_at": pd.to_datetime(["2024-01-01"] * 2)})
    >>> o = pd.DataFrame({"customer_id": [1, 2], "status": ["completed", "cancelled"],
    ...                   "order_date": pd.to_datetime(["2024-02-01", "2024-02-01"])})
    >>> inactive_after_survey(s, o, window_days=90, end="2024-12-31")["inactive"].tolist()
    [0, 1]
    """
    if isinstance(surveys, pd.DataFrame) and isinstance(orders, pd.DataFrame):
        surveys = validation.frame(
            surveys, "surveys", {customer_col: "id", survey_date_col: "date"}, only_present=True
        )
        orders = validation.frame(
            orders, "orders", {customer_col: "id?", order_date_col: "date"}, only_present=True
        )
        if customer_col in surveys.columns and customer_col in orders.columns:
            validation.matching_ids(
                customer_col, surveys=surveys[customer_col], orders=orders[customer_col]
            )
    end = validation.timestamp(end, "end", allow_none=True)
    _require_frame(surveys, "surveys")
    _require_frame(orders, "orders")
    _require_columns(surveys, [customer_col, survey_date_col], "surveys")
    needed = [customer_col, order_date_col] + ([status_col] if status_col else [])
    _require_columns(orders, needed, "orders")
    if not isinstance(window_days, (int, np.integer)) or window_days <= 0:
        raise ValueError(
            f"window_days must be a positive whole number of days, got {window_days!r}"
        )
    surveyed = pd.to_datetime(surveys[survey_date_col], errors="coerce")
    if surveyed.isna().any():
        raise ValueError(
            f"{survey_date_col} has {int(surveyed.isna().sum())} missing or unparseable date(s)"
        )
    bought = orders if status_col is None else orders[orders[status_col] == completed]
    bought = pd.DataFrame(
        {
            customer_col: bought[customer_col].to_numpy(),
            "_t": pd.to_datetime(bought[order_date_col], errors="coerce").to_numpy(),
        }
    ).dropna()
    end_ts = pd.Timestamp(end) if end is not None else bought["_t"].max()
    window = pd.Timedelta(days=int(window_days))
    out = surveys.reset_index(drop=True).assign(**{survey_date_col: surveyed.to_numpy()})
    censored = out[survey_date_col] + window > end_ts
    kept = out[~censored].reset_index(drop=True)
    pairs = (
        kept[[customer_col, survey_date_col]]
        .reset_index(names="_row")
        .merge(bought.astype({customer_col: kept[customer_col].dtype}), on=customer_col)
    )
    inside = (pairs["_t"] > pairs[survey_date_col]) & (
        pairs["_t"] <= pairs[survey_date_col] + window
    )
    counts = inside.groupby(pairs["_row"]).sum().reindex(kept.index, fill_value=0)
    result = kept.assign(
        orders_in_window=counts.astype("int64").to_numpy(),
        inactive=(counts == 0).astype("int64").to_numpy(),
    )
    result.attrs["dropped"] = {_censored_reason(window_days, end_ts): int(censored.sum())}
    return result


# ---------------------------------------------------------------------------------------------
# Tickets


def _ticket_columns(
    tickets: pd.DataFrame, hours_col: str, fcr_col: str
) -> tuple[pd.Series, pd.Series]:
    hours = tickets[hours_col]
    if not pd.api.types.is_numeric_dtype(hours) or hours.dtype == bool:
        raise TypeError(f"{hours_col} must be numeric hours, got dtype {hours.dtype}")
    if (hours < 0).any():
        raise ValueError(f"{hours_col} has {int((hours < 0).sum())} negative resolution time(s)")
    fcr = tickets[fcr_col]
    if fcr.isna().any():
        raise ValueError(f"{fcr_col} has {int(fcr.isna().sum())} missing value(s)")
    values = set(pd.unique(fcr.astype(float)))
    if not values <= {0.0, 1.0}:
        raise ValueError(f"{fcr_col} must be boolean or 0/1, found {sorted(values)[:5]}")
    return hours.astype(float), fcr.astype(bool)


def fcr_rate(
    tickets: pd.DataFrame,
    *,
    fcr_col: str = "resolved_first_contact",
    hours_col: str = "resolution_hours",
) -> float:
    """First-contact resolution rate: the share of *tickets* solved at the first contact.

    Parameters
    ----------
    tickets : pandas.DataFrame
        One row per ticket.
    fcr_col : str, default "resolved_first_contact"
        Boolean (or 0/1) column.
    hours_col : str, default "resolution_hours"
        Resolution time column (validated, not used in the rate).

    Examples
    --------
    >>> t = pd.DataFrame({"resolved_first_contact": [True, False, True, True],
    ...                   "resolution_hours": [1.0, 30.0, 2.0, 0.5]})
    >>> fcr_rate(t)
    0.75
    """
    if isinstance(tickets, pd.DataFrame):
        validation.frame(tickets, "tickets", {hours_col: "nonneg?"}, only_present=True)
    _require_frame(tickets, "tickets")
    _require_columns(tickets, [fcr_col, hours_col], "tickets")
    _, fcr = _ticket_columns(tickets, hours_col, fcr_col)
    return float(fcr.mean())


def fcr_customers_kept(
    n_customers: int | float, fcr_now: float, fcr_target: float, churn_gap: float
) -> float:
    """Customers kept by raising first-contact resolution: n × max(target − now, 0) × churn gap.

    A back-of-the-envelope business case: of ``n_customers`` whose (first) ticket is handled,
    ``target − now`` more would be solved at once, and each of them is ``churn_gap`` less likely to
    leave (churn rate after an unsolved ticket minus after a solved one). It treats the whole gap
    as caused by the ticket, so it is an upper bound unless a pilot confirms it. A target at or
    below the current rate keeps nobody.

    Parameters
    ----------
    n_customers : int or float
        Customers with a ticket in the period (≥ 0).
    fcr_now, fcr_target : float
        Current and target first-contact resolution rates, shares in [0, 1].
    churn_gap : float
        Churn rate after an unsolved minus after a solved ticket, a share in [−1, 1].

    Examples
    --------
    >>> round(fcr_customers_kept(1000, 0.65, 0.80, 0.20), 1)
    30.0
    >>> fcr_customers_kept(1000, 0.65, 0.60, 0.20)
    0.0
    """
    values = {
        "n_customers": n_customers,
        "fcr_now": fcr_now,
        "fcr_target": fcr_target,
        "churn_gap": churn_gap,
    }
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value}")
    if n_customers < 0:
        raise ValueError(f"n_customers must be >= 0, got {n_customers}")
    for name in ("fcr_now", "fcr_target"):
        if not 0 <= values[name] <= 1:
            raise ValueError(f"{name} must be a share in [0, 1], got {values[name]}")
    if not -1 <= churn_gap <= 1:
        raise ValueError(f"churn_gap must be a share in [-1, 1], got {churn_gap}")
    return float(n_customers * max(fcr_target - fcr_now, 0.0) * churn_gap)


def resolution_bucket(
    hours: Any,
    *,
    edges: Sequence[float] = (0, 4, 24, 72, np.inf),
    labels: Sequence[str] | None = None,
) -> pd.Series:
    """Put resolution times into ordered buckets, right-closed: (0, 4], (4, 24], ...

    A time of exactly 0 hours falls into the first bucket. Missing times stay missing.

    Parameters
    ----------
    hours : array-like or pandas.Series
        Resolution times in hours (non-negative).
    edges : sequence of float
        Increasing bucket edges; the first is usually 0, the last ``inf``.
    labels : sequence of str, optional
        One label per bucket; default like ``"≤4 h"``, ``"4–24 h"``, ``">72 h"``.

    Returns
    -------
    pandas.Series
        Ordered categorical.

    Examples
    --------
    >>> resolution_bucket([0, 3, 4, 10, 100]).astype(str).tolist()
    ['≤4 h', '≤4 h', '≤4 h', '4–24 h', '>72 h']
    """
    if not isinstance(hours, pd.DataFrame):  # NaN: not resolved yet (its own bucket); inf refused
        validation.series(hours, "hours", "nonneg?")
    s = hours.copy() if isinstance(hours, pd.Series) else pd.Series(list(hours), dtype="float64")
    if not pd.api.types.is_numeric_dtype(s) or s.dtype == bool:
        raise TypeError(f"hours must be numeric, got dtype {s.dtype}")
    if (s < 0).any():
        raise ValueError(f"hours has {int((s < 0).sum())} negative value(s)")
    edges = [float(e) for e in edges]
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        raise ValueError(f"edges must be at least two increasing numbers, got {edges}")
    if labels is None:

        def fmt(v: float) -> str:
            return f"{v:g}"

        labels = []
        for a, b in zip(edges, edges[1:], strict=False):
            if a <= 0:
                labels.append(f"≤{fmt(b)} h")
            elif np.isinf(b):
                labels.append(f">{fmt(a)} h")
            else:
                labels.append(f"{fmt(a)}–{fmt(b)} h")
    if len(labels) != len(edges) - 1:
        raise ValueError(
            f"labels needs {len(edges) - 1} entries for {len(edges)} edges, got {len(labels)}"
        )
    return pd.cut(s.astype(float), bins=edges, labels=list(labels), right=True, include_lowest=True)


def ticket_summary(
    tickets: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    hours_col: str = "resolution_hours",
    fcr_col: str = "resolved_first_contact",
) -> pd.DataFrame:
    """Per-customer ticket metrics: count, first-contact resolution, resolution times.

    Parameters
    ----------
    tickets : pandas.DataFrame
        One row per ticket (filter it to a time window first, e.g. before the survey).
    customer_col, hours_col, fcr_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer: ``n_tickets``, ``fcr_rate`` (share of the customer's tickets solved at
        first contact), ``any_unresolved_first`` (bool: at least one ticket needed more contacts),
        ``mean_hours`` and ``max_hours``.

    Examples
    --------
    >>> t = pd.DataFrame({"customer_id": [1, 1, 2], "resolution_hours": [2.0, 50.0, 1.0],
    ...                   "resolved_first_contact": [True, False, True]})
    >>> ticket_summary(t)["fcr_rate"].tolist()
    [0.5, 1.0]
    """
    if isinstance(tickets, pd.DataFrame):
        validation.frame(
            tickets, "tickets", {customer_col: "id", hours_col: "nonneg?"}, only_present=True
        )
    _require_frame(tickets, "tickets")
    _require_columns(tickets, [customer_col, hours_col, fcr_col], "tickets")
    hours, fcr = _ticket_columns(tickets, hours_col, fcr_col)
    if tickets[customer_col].isna().any():
        raise ValueError(
            f"{customer_col} has {int(tickets[customer_col].isna().sum())} missing id(s)"
        )
    g = pd.DataFrame({"fcr": fcr, "hours": hours}).groupby(tickets[customer_col].to_numpy())
    out = pd.DataFrame(
        {
            "n_tickets": g.size(),
            "fcr_rate": g["fcr"].mean(),
            "any_unresolved_first": ~g["fcr"].all(),
            "mean_hours": g["hours"].mean(),
            "max_hours": g["hours"].max(),
        }
    )
    out.index.name = customer_col
    return out


# ---------------------------------------------------------------------------------------------
# Rates and means by group, with intervals


def rate_by(
    frame: pd.DataFrame, by: str | Sequence[str], outcome: str, *, level: float = 0.95
) -> pd.DataFrame:
    """Share of 1s of a 0/1 outcome per group, with Wilson score intervals (Wilson 1927).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit (customer, ticket).
    by : str or list of str
        Grouping column(s); categorical order is kept.
    outcome : str
        0/1 or boolean column, no missing values.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``n``, ``events``, ``rate``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> df = pd.DataFrame({"g": list("aabb"), "y": [1, 0, 1, 1]})
    >>> rate_by(df, "g", "y")["rate"].tolist()
    [0.5, 1.0]
    """
    if isinstance(frame, pd.DataFrame):
        keys_ = [by] if isinstance(by, str) else list(by)
        validation.frame(frame, "frame", {k: "label" for k in keys_}, only_present=True)
    validation.probability(level, "level", open_=True)
    _require_frame(frame, "frame")
    keys = [by] if isinstance(by, str) else list(by)
    _require_columns(frame, [*keys, outcome], "frame")
    y = frame[outcome]
    if y.isna().any():
        raise ValueError(f"{outcome} has {int(y.isna().sum())} missing value(s)")
    values = set(pd.unique(y.astype(float)))
    if not values <= {0.0, 1.0}:
        raise ValueError(f"{outcome} must be 0/1 or boolean, found {sorted(values)[:5]}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    g = y.astype(float).groupby([frame[k] for k in keys], observed=True, sort=True)
    out = pd.DataFrame({"n": g.size(), "events": g.sum().astype("int64")})
    out["rate"] = out["events"] / out["n"]
    low, high = proportion_confint(out["events"], out["n"], alpha=1 - level, method="wilson")
    return out.assign(ci_low=np.asarray(low), ci_high=np.asarray(high))


def mean_by(
    frame: pd.DataFrame, by: str | Sequence[str], value: str, *, level: float = 0.95
) -> pd.DataFrame:
    """Mean of a numeric column per group with a t-interval.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit.
    by : str or list of str
        Grouping column(s); categorical order is kept.
    value : str
        Numeric column (missing values are ignored).
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``n``, ``mean``, ``ci_low``, ``ci_high`` (NaN interval for n < 2).

    Examples
    --------
    >>> df = pd.DataFrame({"g": list("aabb"), "x": [1.0, 3.0, 4.0, 4.0]})
    >>> mean_by(df, "g", "x")["mean"].tolist()
    [2.0, 4.0]
    """
    if isinstance(frame, pd.DataFrame):
        keys_ = [by] if isinstance(by, str) else list(by)
        validation.frame(
            frame, "frame", {value: "number", **{k: "label" for k in keys_}}, only_present=True
        )
    validation.probability(level, "level", open_=True)
    _require_frame(frame, "frame")
    keys = [by] if isinstance(by, str) else list(by)
    _require_columns(frame, [*keys, value], "frame")
    x = frame[value]
    if not pd.api.types.is_numeric_dtype(x) or x.dtype == bool:
        raise TypeError(f"{value} must be numeric, got dtype {x.dtype}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    g = x.astype(float).groupby([frame[k] for k in keys], observed=True, sort=True)
    out = pd.DataFrame({"n": g.count(), "mean": g.mean(), "sd": g.std()})
    n = out["n"].to_numpy()
    half = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1)) * out["sd"].to_numpy() / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    return out.assign(ci_low=out["mean"] - half, ci_high=out["mean"] + half).drop(columns="sd")


# ---------------------------------------------------------------------------------------------
# Importance–performance analysis


def quadrant(
    importance: float, performance: float, importance_cut: float, performance_cut: float
) -> str:
    """Martilla & James (1977) quadrant of one element; values equal to a cut count as high.

    Examples
    --------
    >>> quadrant(0.8, 3.1, importance_cut=0.5, performance_cut=3.5)
    'Concentrate here'
    """
    for name, value in {
        "importance": importance,
        "performance": performance,
        "importance_cut": importance_cut,
        "performance_cut": performance_cut,
    }.items():
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            validation.number(value, name)  # inf refused (the type is checked below)
    values = [importance, performance, importance_cut, performance_cut]
    if any(
        isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating))
        for v in values
    ):
        raise TypeError("importance, performance and both cuts must be numbers")
    if any(np.isnan(v) for v in values):
        raise ValueError("importance, performance and the cuts must not be NaN")
    return QUADRANTS[(importance >= importance_cut, performance >= performance_cut)]


def support_plan(ipas: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Turn importance–performance results for one or more goals into an online support plan.

    Rules, applied per element (the first goal in ``ipas`` is the one that counts most):

    * *Concentrate here* for the first goal → **invest first**; for a later goal → **invest next**;
    * otherwise *Keep up the good work* for any goal → **maintain**;
    * otherwise *Possible overkill* for any goal → **hold; candidate to reallocate**;
    * otherwise → **low priority**.

    Parameters
    ----------
    ipas : mapping of str to pandas.DataFrame
        Goal name → output of :func:`importance_performance`, all over the same elements, most
        important goal first (e.g. ``{"retention": ..., "advocacy": ...}``).

    Returns
    -------
    pandas.DataFrame
        One row per element, sorted by priority: one ``<goal> quadrant`` column per goal, ``action``,
        ``priority`` (1 = first), and, for Lele's elements, the ``online_support`` tools and
        ``how_we_measure`` from :func:`lele_elements`.

    Examples
    --------
    >>> imp, perf = pd.Series({"a": 0.9, "b": 0.1}), pd.Series({"a": 3.0, "b": 4.0})
    >>> support_plan({"retention": importance_performance(imp, perf)})["action"].tolist()
    ['invest first', 'hold; candidate to reallocate']
    """
    if isinstance(ipas, Mapping):
        for goal, table in ipas.items():
            if isinstance(table, pd.DataFrame) and "quadrant" in table.columns:
                validation.frame(
                    table,
                    f"ipas[{goal!r}]",
                    {"importance": "number", "performance": "number", "quadrant": "label"},
                    hint="Pass the tables importance_performance() returns.",
                )
    if not isinstance(ipas, Mapping) or not ipas:
        raise TypeError(
            "ipas must be a non-empty dict of goal name -> importance_performance table"
        )
    goals = list(ipas)
    for goal, table in ipas.items():
        if not isinstance(table, pd.DataFrame) or "quadrant" not in table.columns:
            raise ValueError(
                f"ipas[{goal!r}] must be an importance_performance table (with 'quadrant')"
            )
    index = ipas[goals[0]].index
    if any(set(t.index) != set(index) for t in ipas.values()):
        raise ValueError("every goal's table must cover the same elements")
    quads = pd.DataFrame(
        {
            choose(en=f"{g} quadrant", ko=f"{g} 사분면"): ipas[g]["quadrant"].reindex(index)
            for g in goals
        }
    )
    concentrate = quads.eq(QUADRANTS[(True, False)])
    first = concentrate.iloc[:, 0]
    later = concentrate.iloc[:, 1:].any(axis=1) & ~first
    keep = quads.eq(QUADRANTS[(True, True)]).any(axis=1) & ~first & ~later
    overkill = quads.eq(QUADRANTS[(False, True)]).any(axis=1) & ~first & ~later & ~keep
    priority = np.select([first, later, keep, overkill], [1, 2, 3, 4], default=5)
    actions = np.array(  # in the reader's language: the plan is read, not indexed
        [
            choose(en="invest first", ko="먼저 투자"),
            choose(en="invest next", ko="다음에 투자"),
            choose(en="maintain", ko="유지"),
            choose(en="hold; candidate to reallocate", ko="보류; 재배분 후보"),
            choose(en="low priority", ko="낮은 우선순위"),
        ]
    )
    out = quads.assign(action=actions[priority - 1], priority=priority)
    tools = lele_elements()
    known = out.index.isin(tools.index)
    if known.all():
        out = out.join(tools[["online_support", "how_we_measure"]])
    importance = ipas[goals[0]]["importance"].reindex(index)
    order = np.lexsort((-importance.to_numpy(), priority))
    return out.iloc[order]


def importance_performance(
    importance: pd.Series,
    performance: pd.Series,
    *,
    importance_cut: float | None = None,
    performance_cut: float | None = None,
) -> pd.DataFrame:
    """Place each element in an importance–performance grid (Martilla & James 1977).

    Parameters
    ----------
    importance : pandas.Series
        How much each element matters, indexed by element — e.g. the standardised driver
        coefficient on NPS, or minus the log odds ratio on churn (so bigger = protects more).
    performance : pandas.Series
        How well each element is done, same index — e.g. the mean 1–5 survey score.
    importance_cut, performance_cut : float, optional
        Where the cross-hairs go; default the mean over the elements (Martilla & James used the
        grand means; a scale midpoint such as 3 is the common alternative).

    Returns
    -------
    pandas.DataFrame
        Indexed by element: ``importance``, ``performance``, ``quadrant``; ``attrs`` hold the cuts.

    Examples
    --------
    >>> imp = pd.Series({"a": 0.9, "b": 0.1, "c": 0.5})
    >>> perf = pd.Series({"a": 3.0, "b": 4.2, "c": 3.9})
    >>> importance_performance(imp, perf)["quadrant"].tolist()
    ['Concentrate here', 'Possible overkill', 'Keep up the good work']
    """
    for name_, s_ in (("importance", importance), ("performance", performance)):
        if isinstance(s_, pd.Series):
            validation.series(s_, name_, "number")
    validation.number(importance_cut, "importance_cut", allow_none=True)
    validation.number(performance_cut, "performance_cut", allow_none=True)
    for name, s in (("importance", importance), ("performance", performance)):
        if not isinstance(s, pd.Series):
            raise TypeError(
                f"{name} must be a pandas Series indexed by element, got {type(s).__name__}"
            )
        if s.empty:
            raise ValueError(f"{name} is empty")
        if not pd.api.types.is_numeric_dtype(s) or s.isna().any():
            raise ValueError(f"{name} must be numbers without missing values")
    if set(importance.index) != set(performance.index):
        raise ValueError(
            "importance and performance must cover the same elements; "
            f"got {sorted(map(str, importance.index))} and {sorted(map(str, performance.index))}"
        )
    out = pd.DataFrame({"importance": importance.astype(float)})
    out["performance"] = performance.reindex(out.index).astype(float)
    icut = float(out["importance"].mean()) if importance_cut is None else float(importance_cut)
    pcut = float(out["performance"].mean()) if performance_cut is None else float(performance_cut)
    high_i = out["importance"] >= icut
    high_p = out["performance"] >= pcut
    out["quadrant"] = np.select(
        [high_i & ~high_p, high_i & high_p, ~high_i & ~high_p],
        [QUADRANTS[(True, False)], QUADRANTS[(True, True)], QUADRANTS[(False, False)]],
        default=QUADRANTS[(False, True)],
    )
    out.attrs["importance_cut"] = icut
    out.attrs["performance_cut"] = pcut
    return out


# ---------------------------------------------------------------------------------------------
# Comparing two NPS, relative importance, asymmetric (Kano) effects


def nps_difference(a: Any, b: Any, *, level: float = 0.95) -> pd.Series:
    """Difference of two Net Promoter Scores from independent samples, with its confidence interval.

    Two intervals that overlap do **not** show that two scores are equal: the test is about the
    difference, whose standard error is √(SE_a² + SE_b²), smaller than SE_a + SE_b. Each SE is the
    multinomial one of :func:`nps`, √((p_pro + p_det − (p_pro − p_det)²) / n).

    Parameters
    ----------
    a, b : array-like or pandas.Series
        The 0–10 answers of the two groups (whole numbers, no missing values).
    level : float, default 0.95
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    pandas.Series
        ``nps_a``, ``nps_b``, ``difference`` (a − b), ``se`` (of the difference), ``ci_low``,
        ``ci_high`` (all in points), ``z`` and the two-sided ``p_value`` (normal approximation).

    Examples
    --------
    >>> d = nps_difference([10, 9, 9, 7, 3], [10, 6, 5, 4, 8])
    >>> float(d["difference"]), round(float(d["se"]), 2)
    (80.0, 50.6)
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    parts = {}
    for name, values in (("a", a), ("b", b)):
        s = validate_scores(values, name=name, low=0, high=10)
        p_pro, p_det = float((s >= 9).mean()), float((s <= 6).mean())
        parts[name] = (100 * (p_pro - p_det), (p_pro + p_det - (p_pro - p_det) ** 2) / s.size)
    diff = parts["a"][0] - parts["b"][0]
    se = 100 * float(np.sqrt(parts["a"][1] + parts["b"][1]))
    z_crit = stats.norm.ppf(0.5 + level / 2)
    z = diff / se if se > 0 else (0.0 if diff == 0 else float(np.sign(diff) * np.inf))
    return pd.Series(
        {
            "nps_a": parts["a"][0],
            "nps_b": parts["b"][0],
            "difference": diff,
            "se": se,
            "ci_low": diff - z_crit * se,
            "ci_high": diff + z_crit * se,
            "z": z,
            "p_value": float(2 * stats.norm.sf(abs(z))),
        },
        name="nps_difference",
    )


def _r_squared(X: np.ndarray, y: np.ndarray) -> float:
    """R² of an OLS of y on the columns of X plus a constant (0 for no columns)."""
    if X.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    return float(1 - resid @ resid / ((y - y.mean()) @ (y - y.mean())))


def relative_importance(
    frame: pd.DataFrame,
    *,
    target: str = "nps",
    drivers: Sequence[str] = ELEMENTS,
    scale: tuple[int, int] | None = (1, 5),
) -> pd.DataFrame:
    """Shapley (LMG) decomposition of R²: each driver's average contribution over all orderings.

    With correlated drivers (a satisfaction *halo*) the regression coefficients of one model depend
    on which other drivers are in it. Lindeman, Merenda & Gold (1980) instead average the gain in R²
    that a driver brings over every order in which the drivers could enter the model; this equals
    the Shapley value of the driver in the "R² game" (Grömping 2007). The contributions are never
    negative here and sum exactly to the full model's R², so they read as shares of the explained
    variance. All 2^k subsets are fitted, so keep k small (the four Lele elements need 16 fits).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per answer.
    target : str, default "nps"
        Numeric outcome column.
    drivers : sequence of str, default :data:`ELEMENTS`
        Two to ten driver columns.
    scale : (int, int) or None, default (1, 5)
        Valid range of whole-number driver scores; ``None`` for continuous drivers.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``driver``: ``r2_alone`` (R² of the driver on its own), ``lmg`` (its Shapley
        share of R²) and ``share`` (lmg / R², sums to 1). ``attrs["r2"]`` is the full model's R².

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 1], "b": [1, 1, 2, 2, 2, 1], "y": [1, 3, 2, 5, 4, 1]})
    >>> ri = relative_importance(df, target="y", drivers=["a", "b"])
    >>> round(float(ri["lmg"].sum()), 6) == round(ri.attrs["r2"], 6)
    True
    """
    drivers = list(drivers)
    if not 2 <= len(drivers) <= 10:
        raise ValueError(f"drivers must name 2 to 10 columns, got {len(drivers)}")
    if len(set(drivers)) != len(drivers):
        raise ValueError(f"drivers has duplicated names: {drivers}")
    X, y = _design(frame, drivers, target, False, scale)
    if not pd.api.types.is_numeric_dtype(y) or y.dtype == bool:
        raise TypeError(f"target column {target!r} must be numeric, got dtype {y.dtype}")
    if y.isna().any():
        raise ValueError(f"target column {target!r} has {int(y.isna().sum())} missing value(s)")
    validation.series(y, f"target column {target!r}")  # refuses inf
    yv = y.to_numpy(dtype=float)
    if yv.std() == 0:
        raise ValueError(f"target column {target!r} does not vary: there is no R² to share")
    Xv = X[drivers].to_numpy(dtype=float)
    k = len(drivers)
    # R² of every subset, indexed by its bitmask (2^k small regressions)
    r2 = np.array([_r_squared(Xv[:, [j for j in range(k) if m >> j & 1]], yv) for m in range(2**k)])
    size = np.array([bin(m).count("1") for m in range(2**k)])
    weight = np.array(
        [math.factorial(s) * math.factorial(k - s - 1) for s in range(k)]
    ) / math.factorial(k)
    lmg = np.zeros(k)
    for j in range(k):  # k drivers, each a vectorised sum over the subsets without it
        without = np.array([m for m in range(2**k) if not m >> j & 1])
        lmg[j] = np.sum(weight[size[without]] * (r2[without | (1 << j)] - r2[without]))
    full = float(r2[-1])
    out = pd.DataFrame(
        {"r2_alone": r2[[1 << j for j in range(k)]], "lmg": lmg, "share": lmg / full},
        index=pd.Index(drivers, name="driver"),
    )
    out.attrs["r2"] = full
    return out


KANO_TYPES: tuple[str, ...] = ("must-be", "one-dimensional", "attractive")
"""Kano categories as penalty–reward contrast analysis reads them (Matzler et al. 2004)."""


def penalty_reward(
    frame: pd.DataFrame,
    *,
    target: str = "nps",
    drivers: Sequence[str] = ELEMENTS,
    low: int = 2,
    high: int = 4,
    scale: tuple[int, int] = (1, 5),
    level: float = 0.95,
) -> pd.DataFrame:
    """Penalty–reward contrast analysis: do low and high scores of an element act symmetrically?

    Each element is coded into two dummies, *low* (score ≤ ``low``) and *high* (score ≥ ``high``),
    the middle being the reference, and one OLS of the target on all the dummies is fitted
    (Brandt 1987; Matzler, Bailom, Hinterhuber, Renzl & Pichler 2004). The *penalty* is the drop in
    the target for a low score, the *reward* the rise for a high one. Kano's categories follow:

    * **must-be** (기본 요소): the penalty is significantly larger than the reward — doing it badly
      hurts, doing it well is taken for granted;
    * **attractive** (매력 요소): the reward is significantly larger than the penalty;
    * **one-dimensional** (일원적 요소): no significant asymmetry (the linear driver model's view).

    "Significantly" means the ``level`` interval of asymmetry = penalty − reward excludes 0
    (a t-test of the linear contrast in the same regression).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per answer.
    target : str, default "nps"
        Numeric outcome column.
    drivers : sequence of str, default :data:`ELEMENTS`
        Element score columns.
    low, high : int, default 2 and 4
        Scores at or below ``low`` are "low", at or above ``high`` "high"; ``low < high``.
    scale : (int, int), default (1, 5)
        Valid range of the scores.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``driver``: ``penalty`` (≥ 0 when low scores hurt), ``reward``, ``asymmetry``
        (penalty − reward) with ``asym_low``/``asym_high`` and ``asym_p``, ``n_low``, ``n_high``,
        and ``kano`` (one of :data:`KANO_TYPES`). ``attrs["result"]`` is the statsmodels fit.

    Examples
    --------
    >>> df = pd.DataFrame({"x": [1, 2, 3, 3, 4, 5] * 5,
    ...                    "y": [0, 0, 6, 6, 7, 7] * 5}).assign(y=lambda d: d["y"] + [0, 1] * 15)
    >>> penalty_reward(df, drivers=["x"], target="y")["kano"].item()
    'must-be'
    """
    drivers = list(drivers)
    if not drivers:
        raise ValueError("drivers is empty: name at least one column")
    if (
        not (isinstance(low, (int, np.integer)) and isinstance(high, (int, np.integer)))
        or low >= high
    ):
        raise ValueError(
            f"low and high must be whole numbers with low < high, got {low!r}, {high!r}"
        )
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    X, y = _design(frame, drivers, target, False, scale)
    if not pd.api.types.is_numeric_dtype(y) or y.dtype == bool or y.isna().any():
        raise TypeError(f"target column {target!r} must be numeric without missing values")
    validation.series(y, f"target column {target!r}")  # refuses inf
    dummies = {}
    for d in drivers:
        dummies[f"{d}__low"] = (X[d] <= low).astype(float)
        dummies[f"{d}__high"] = (X[d] >= high).astype(float)
    D = pd.DataFrame(dummies)
    empty = [c for c in D if D[c].sum() == 0 or D[c].sum() == len(D)]
    if empty:
        raise ValueError(
            f"dummy/dummies {empty} are constant: no answers below/above the cut (low={low}, high={high})"
        )
    res = sm.OLS(y.astype(float), sm.add_constant(D, has_constant="add")).fit()
    rows = {}
    for d in drivers:
        contrast = np.zeros(len(res.params))
        names = list(res.params.index)
        contrast[names.index(f"{d}__low")] = -1.0  # penalty = −coef(low)
        contrast[names.index(f"{d}__high")] = -1.0  # minus reward = −coef(high)
        t = res.t_test(contrast)
        lo, hi = np.asarray(t.conf_int(alpha=1 - level)).ravel()
        asym = float(np.asarray(t.effect).ravel()[0])
        kano = KANO_TYPES[0] if lo > 0 else KANO_TYPES[2] if hi < 0 else KANO_TYPES[1]
        rows[d] = {
            "penalty": -float(res.params[f"{d}__low"]),
            "reward": float(res.params[f"{d}__high"]),
            "asymmetry": asym,
            "asym_low": float(lo),
            "asym_high": float(hi),
            "asym_p": float(np.asarray(t.pvalue).ravel()[0]),
            "n_low": int(D[f"{d}__low"].sum()),
            "n_high": int(D[f"{d}__high"].sum()),
            "kano": kano,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "driver"
    out.attrs["result"] = res
    return out
