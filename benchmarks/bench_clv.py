"""Fit time of helpers.clv.fit_bgnbd against lifetimes 0.11.3 and a plain Nelder–Mead.

Three fits of the same BG/NBD likelihood on the same data, timed in the same run (best of several
repeats, so a busy machine hurts every method alike):

* ``helpers.clv.fit_bgnbd``: merges identical (x, t_x, T) rows into weights, evaluates gammaln /
  betaln / digamma once per distinct frequency, analytic gradient, BFGS in log-parameters;
* ``lifetimes.BetaGeoFitter().fit``: autograd gradient and Hessian, scipy's default optimiser
  (the reference implementation; its fit also computes the Hessian for standard errors, which is
  part of what a user waits for);
* plain Nelder–Mead: the textbook vectorised log-likelihood (one gammaln per customer, no row
  merging, no gradient) minimised by ``scipy.optimize.minimize(method="Nelder-Mead")``.

Data: the CDNOW 2,357-customer calibration summary (Fader, Hardie & Lee 2005) and 200,000
customers simulated from the CDNOW parameters with a 39-week window — once with times rounded to
whole days (as real transaction logs are) and once in continuous time (no two customers alike, the
worst case for row merging).

Goal (issue 5): at least 5x faster than lifetimes on CDNOW and on 200,000 customers, at the same
optimum (log-likelihood equal or better). Ratios use CPU time (wall time is printed too: on a
shared machine it mostly measures waiting). Run: ``python benchmarks/bench_clv.py``.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy import optimize, special

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.clv import bgnbd_negative_loglik, fit_bgnbd, simulate_bgnbd  # noqa: E402
from helpers.data import load_cdnow_summary  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import lifetimes  # noqa: E402

CDNOW_PARAMS = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
GOAL = 5.0


def best_time(fn, repeats: int) -> tuple[float, float, object]:
    """Smallest wall time and smallest CPU time of ``repeats`` calls, and the last result.

    The ratios use CPU time (all threads of this process): on a shared machine the wall time
    mostly measures how long the scheduler kept us waiting. Both are printed.
    """
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return wall, cpu, out


def plain_negloglik(z, x, t_x, big_t):
    """Textbook BG/NBD negative mean log-likelihood (FHL 2005, eq. 6), one row per customer."""
    r, alpha, a, b = np.exp(z)
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.betaln(a, b + x) - special.betaln(a, b)
    a3 = -(r + x) * np.log(alpha + big_t)
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + t_x)
    top = np.maximum(a3, a4)
    ll = a1 + a2 + top + np.log(np.exp(a3 - top) + (x > 0) * np.exp(a4 - top))
    return -ll.mean()


def fit_plain_nelder_mead(x, t_x, big_t):
    rate = x.sum() / big_t.sum()
    z0 = np.log([1.0, 1.0 / rate, 1.0, 2.0])
    with np.errstate(all="ignore"):
        res = optimize.minimize(
            plain_negloglik,
            z0,
            args=(x, t_x, big_t),
            method="Nelder-Mead",
            options={"maxiter": 20_000, "xatol": 1e-8, "fatol": 1e-12},
        )
    return np.exp(res.x)


def fit_lifetimes(x, t_x, big_t):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (
            lifetimes.BetaGeoFitter()
            .fit(x, t_x, big_t)
            .params_[["r", "alpha", "a", "b"]]
            .to_numpy()
        )


def compare(name: str, x, t_x, big_t, repeats: int, nm_repeats: int) -> dict[str, float]:
    timings = {
        "helpers.clv": best_time(lambda: fit_bgnbd(x, t_x, big_t).params.to_numpy(), repeats * 3),
        "lifetimes": best_time(lambda: fit_lifetimes(x, t_x, big_t), repeats),
        "Nelder-Mead": best_time(lambda: fit_plain_nelder_mead(x, t_x, big_t), nm_repeats),
    }
    print(f"\n== {name}: {len(x):,} customers")
    print(f"{'method':<14}{'CPU s':>9}{'wall s':>9}{'log-likelihood':>17}   r, alpha, a, b")
    ll = {}
    for method, (wall, cpu, params) in timings.items():
        ll[method] = -bgnbd_negative_loglik(params, x, t_x, big_t)
        shown = ", ".join(f"{v:.4f}" for v in params)
        print(f"{method:<14}{cpu:>9.4f}{wall:>9.4f}{ll[method]:>17.3f}   {shown}")
    ours, lt, nm = (timings[m] for m in ["helpers.clv", "lifetimes", "Nelder-Mead"])
    ratio_lt, ratio_nm = lt[1] / ours[1], nm[1] / ours[1]
    same = ll["helpers.clv"] >= max(ll["lifetimes"], ll["Nelder-Mead"]) - 1e-9 * abs(
        ll["lifetimes"]
    )
    print(
        f"speed-up (CPU time) vs lifetimes: {ratio_lt:.1f}x, vs plain Nelder-Mead: {ratio_nm:.1f}x"
        f"   (wall time: {lt[0] / ours[0]:.1f}x, {nm[0] / ours[0]:.1f}x)"
    )
    print(f"same optimum (log-likelihood equal or better than both): {'yes' if same else 'NO'}")
    return {"ratio_lifetimes": ratio_lt, "ratio_nm": ratio_nm, "same_optimum": float(same)}


def main() -> int:
    s = load_cdnow_summary()
    results = {
        "CDNOW": compare(
            "CDNOW calibration summary",
            s["frequency"].to_numpy(float),
            s["recency"].to_numpy(float),
            s["T"].to_numpy(float),
            repeats=5,
            nm_repeats=3,
        )
    }
    n = 200_000
    rng = np.random.default_rng(2005)
    age_days = rng.integers(27 * 7, 39 * 7 + 1, n)  # first purchases spread over 12 weeks
    sim = simulate_bgnbd(n, **CDNOW_PARAMS, T=age_days / 7, seed=2005)
    for label, rec in [
        ("200,000 simulated, times in whole days", np.floor(sim["recency"].to_numpy() * 7) / 7),
        ("200,000 simulated, continuous times", sim["recency"].to_numpy()),
    ]:
        results[label] = compare(
            label,
            sim["frequency"].to_numpy(float),
            rec,
            sim["T"].to_numpy(float),
            repeats=2,
            nm_repeats=1,
        )
    print("\n== summary (goal: >= 5x less CPU time than lifetimes at the same optimum)")
    ok = True
    for label, r in results.items():
        met = r["ratio_lifetimes"] >= GOAL and r["same_optimum"] == 1.0
        ok &= met
        print(f"{label:<42} {r['ratio_lifetimes']:6.1f}x  {'met' if met else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
