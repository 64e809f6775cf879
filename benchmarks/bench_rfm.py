"""Speed of helpers.rfm on 1,000,000 transaction lines of 100,000 customers (run by `make bench`).

Goals (issue 4), measured against baselines timed in the same run on the same data:

* ``rfm_table`` + ``rfm_scores`` take at most 2× one plain pandas
  ``groupby().agg(max date, nunique order, sum amount)`` (which does not even compute recency or
  scores);
* and are at least 20× faster than the common tutorial pattern
  ``groupby().agg({date: lambda x: ..., order: lambda x: ..., amount: lambda x: ...})``.

Each timing is the best of several repeats (the lambda baseline: best of two, it is slow).
Exits with status 1 when a goal is missed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.rfm import rfm_scores, rfm_table  # noqa: E402

N_LINES = 1_000_000
N_CUSTOMERS = 100_000
N_ORDERS = 300_000
SEED = 2024
GOAL_VS_GROUPBY = 2.0
GOAL_VS_LAMBDA = 20.0


def make_transactions(seed: int = SEED) -> pd.DataFrame:
    """Order lines: orders belong to customers, lines to orders, two years of dates."""
    rng = np.random.default_rng(seed)
    order_customer = rng.integers(0, N_CUSTOMERS, N_ORDERS)
    order_day = rng.integers(0, 730, N_ORDERS)
    line_order = np.sort(rng.integers(0, N_ORDERS, N_LINES))
    start = pd.Timestamp("2023-01-01")
    return pd.DataFrame(
        {
            "customer_id": order_customer[line_order],
            "order_id": line_order,
            "order_date": start + pd.to_timedelta(order_day[line_order], unit="D"),
            "amount": rng.gamma(2.0, 15_000.0, N_LINES).round(),
        }
    )


def best_of(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    tx = make_transactions()
    as_of = tx["order_date"].max() + pd.Timedelta(days=1)

    def ours() -> pd.DataFrame:
        return rfm_scores(rfm_table(tx))

    def plain_groupby() -> pd.DataFrame:
        return tx.groupby("customer_id").agg(
            last=("order_date", "max"),
            frequency=("order_id", "nunique"),
            monetary=("amount", "sum"),
        )

    def lambda_groupby() -> pd.DataFrame:
        return tx.groupby("customer_id").agg(
            {
                "order_date": lambda x: (as_of - x.max()).days,
                "order_id": lambda x: x.nunique(),
                "amount": lambda x: x.sum(),
            }
        )

    # same answers before timing anything
    check = ours()
    ref = plain_groupby()
    assert (check["frequency"] == ref["frequency"]).all()
    assert np.allclose(check["monetary"], ref["monetary"])
    assert (check["recency"] == (as_of - ref["last"]).dt.days).all()

    t_ours = best_of(ours, 7)
    t_plain = best_of(plain_groupby, 7)
    t_lambda = best_of(lambda_groupby, 2)
    vs_plain = t_ours / t_plain
    vs_lambda = t_lambda / t_ours
    print(f"{N_LINES:,} lines, {N_CUSTOMERS:,} customers (seed {SEED})")
    print(f"rfm_table + rfm_scores        {t_ours * 1000:8.1f} ms")
    print(f"plain groupby().agg           {t_plain * 1000:8.1f} ms")
    print(f"groupby().agg(lambda ...)     {t_lambda * 1000:8.1f} ms")
    print(f"ours / plain groupby  = {vs_plain:5.2f}x   (goal <= {GOAL_VS_GROUPBY:g}x)")
    print(f"lambda groupby / ours = {vs_lambda:5.1f}x   (goal >= {GOAL_VS_LAMBDA:g}x)")
    ok = vs_plain <= GOAL_VS_GROUPBY and vs_lambda >= GOAL_VS_LAMBDA
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
