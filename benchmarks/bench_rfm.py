"""Speed and scale of the workbook's RFM (helpers.rfm) against peers measured in the same run.

Run by `make bench` (never by `make test`); `--quick` for a small smoke run while developing.

Data: order lines as in a shop's order-line table, lines : customers : orders = 10 : 1 : 3,
orders spread at random over customers and over two years, amounts Gamma(2, 15,000) won
rounded; the lines of an order are adjacent. Every method computes the same thing: recency to
``as_of``, distinct orders, total spend, and R/F/M quintile scores with the workbook's tie rule
(seeded random order, cut like ``pd.qcut`` of the rank). Their results are compared customer by
customer before anything is timed.

Goals (issue 18), each a ratio to a peer timed in the same process, rounds interleaved (order
reversed every other round), the median of the per-round ratios:

1. 1M lines: ``rfm_scores(rfm_table(tx))`` at most 1.0x a bare pandas
   ``groupby().agg(max date, nunique order, sum amount)`` (which computes neither recency nor
   scores) and at least 40x faster than the tutorial idiom ``groupby().agg(lambda ...)``;
2. 10M and 50M lines: the pandas path at most 0.7x the bare groupby (CPU time: both are
   single-threaded);
3. 50M lines: the DuckDB path ``rfm_scores(rfm_sql(tx))`` within 1.5x of Polars (wall time: both
   use every core). Polars is a reference only (not a dependency); without it the goal is
   skipped and says so;
4. 200M lines in a Parquet file: ``rfm_sql`` completes under a 4 GB DuckDB memory limit in a
   fresh process; its peak resident memory is printed.

Exits with status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.rfm import TIE_SEED, rfm_scores, rfm_sql, rfm_table  # noqa: E402

SEED = 2024
START = np.datetime64("2023-01-01", "ns")
AS_OF = "2025-01-01"
GOAL_1M_VS_GROUPBY = 1.0
GOAL_1M_VS_LAMBDA = 40.0
GOAL_LARGE_VS_GROUPBY = 0.7
GOAL_DUCKDB_VS_POLARS = 1.5
PARQUET_LINES = 200_000_000
MEMORY_LIMIT = "4GB"

try:
    import polars as pl
except ImportError:  # the reference is optional
    pl = None


# ---------------------------------------------------------------------------------------------
# data


def make_lines(
    n_lines: int, seed: int = SEED, *, order_offset: int = 0, n_customers: int | None = None
):
    """Order lines as numpy columns: customer_id, order_id, order_date, amount."""
    rng = np.random.default_rng(seed)
    n_customers = n_customers or max(n_lines // 10 * 94 // 100, 1)
    n_orders = max(n_lines * 3 // 10, 1)
    order_customer = rng.integers(0, n_customers, n_orders)
    order_day = rng.integers(0, 730, n_orders)
    line_order = np.sort(rng.integers(0, n_orders, n_lines))
    return {
        "customer_id": order_customer[line_order],
        "order_id": line_order + order_offset,
        "order_date": START + order_day[line_order].astype("timedelta64[D]"),
        "amount": rng.gamma(2.0, 15_000.0, n_lines).round(),
    }


# ---------------------------------------------------------------------------------------------
# the methods


def plain_groupby(tx: pd.DataFrame) -> pd.DataFrame:
    return tx.groupby("customer_id").agg(
        last=("order_date", "max"), frequency=("order_id", "nunique"), monetary=("amount", "sum")
    )


def lambda_groupby(tx: pd.DataFrame) -> pd.DataFrame:
    as_of = pd.Timestamp(AS_OF)
    return tx.groupby("customer_id").agg(
        {
            "order_date": lambda x: (as_of - x.max()).days,
            "order_id": lambda x: x.nunique(),
            "amount": lambda x: x.sum(),
        }
    )


def pandas_path(tx: pd.DataFrame) -> pd.DataFrame:
    return rfm_scores(rfm_table(tx, as_of=AS_OF))


def duckdb_path(tx: pd.DataFrame) -> pd.DataFrame:
    return rfm_scores(rfm_sql(tx, as_of=AS_OF))


def polars_rfm(ptx) -> object:
    """The same RFM and scores in Polars (lazy), with the workbook's tie rule."""
    table = (
        ptx.lazy()
        .group_by("customer_id")
        .agg(
            pl.col("order_date").max().alias("last"),
            pl.col("order_id").n_unique().alias("frequency"),
            pl.col("amount").sum().alias("monetary"),
        )
        .sort("customer_id")
        .collect()
    )
    n = table.height
    # the tie rule: rows shuffled by RandomState(TIE_SEED); "tie" = a row's place in that order
    tie = np.empty(n, dtype=np.int64)
    tie[np.random.RandomState(TIE_SEED).permutation(n)] = np.arange(n)
    as_of = pl.lit(np.datetime64(AS_OF, "us")).cast(pl.Datetime("us"))

    def score(column: pl.Expr) -> pl.Expr:  # 0-based rank by (value, tie), cut like pd.qcut
        rank = pl.arg_sort_by([column, pl.col("tie")]).arg_sort().cast(pl.Int64)
        return pl.max_horizontal((-(-5 * rank // (n - 1))), pl.lit(1))

    return (
        table.lazy()
        .with_columns(
            recency=(as_of - pl.col("last").dt.truncate("1d")).dt.total_days(), tie=pl.Series(tie)
        )
        .with_columns(
            R=score(-pl.col("recency")), F=score(pl.col("frequency")), M=score(pl.col("monetary"))
        )
        .collect()
    )


# ---------------------------------------------------------------------------------------------
# timing


def interleaved(
    methods: dict[str, Callable[[], object]], rounds: int, clock
) -> dict[str, list[float]]:
    """Times per method and round; order reversed every other round."""
    names = list(methods)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            t0 = clock()
            methods[name]()
            times[name].append(clock() - t0)
    return times


def median_ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def same_answers(tx: pd.DataFrame, ptx) -> None:
    ours = pandas_path(tx)
    pd.testing.assert_frame_equal(duckdb_path(tx), ours)
    floor = plain_groupby(tx)
    assert (floor["frequency"].to_numpy() == ours["frequency"].to_numpy()).all()
    assert np.allclose(floor["monetary"].to_numpy(), ours["monetary"].to_numpy())
    if ptx is not None:
        pol = polars_rfm(ptx)
        for col in ("recency", "frequency", "R", "F", "M"):
            assert (pol[col].to_numpy() == ours[col].to_numpy()).all(), f"polars {col} differs"
        assert np.allclose(pol["monetary"].to_numpy(), ours["monetary"].to_numpy())


def run_size(n_lines: int, rounds: int, goals: list[tuple[str, float, float, str]]) -> None:
    cols = make_lines(n_lines)
    tx = pd.DataFrame(cols)
    ptx = pl.DataFrame(cols) if pl is not None else None
    n_customers = tx["customer_id"].nunique()
    print(f"\n== {n_lines:,} lines, {n_customers:,} customers", flush=True)
    same_answers(tx, ptx)
    single = {"pandas path": lambda: pandas_path(tx), "bare groupby": lambda: plain_groupby(tx)}
    cpu = interleaved(single, rounds, time.process_time)
    multi = {"duckdb path": lambda: duckdb_path(tx)}
    if ptx is not None:
        multi["polars"] = lambda: polars_rfm(ptx)
    wall = interleaved(multi, rounds, time.perf_counter)
    for name, ts in cpu.items():
        print(f"  {name:14s} CPU  {statistics.median(ts):8.3f} s")
    for name, ts in wall.items():
        print(f"  {name:14s} wall {statistics.median(ts):8.3f} s")
    vs_floor = median_ratio(cpu, "pandas path", "bare groupby")
    label = f"{n_lines / 1e6:g}M"
    if n_lines <= 1_000_000:
        goals.append(
            (f"{label}: pandas path / bare groupby (CPU)", vs_floor, GOAL_1M_VS_GROUPBY, "<=")
        )
        slow = interleaved({"lambda": lambda: lambda_groupby(tx)}, 1, time.process_time)["lambda"][
            0
        ]
        speedup = slow / statistics.median(cpu["pandas path"])
        print(f"  {'lambda idiom':14s} CPU  {slow:8.3f} s")
        goals.append(
            (f"{label}: lambda idiom / pandas path (CPU)", speedup, GOAL_1M_VS_LAMBDA, ">=")
        )
    else:
        goals.append(
            (f"{label}: pandas path / bare groupby (CPU)", vs_floor, GOAL_LARGE_VS_GROUPBY, "<=")
        )
    if ptx is not None:
        ratio = median_ratio(wall, "duckdb path", "polars")
        print(f"  duckdb path / polars (wall) = {ratio:.2f}")
        if n_lines >= 50_000_000:
            goals.append(
                (f"{label}: duckdb path / polars (wall)", ratio, GOAL_DUCKDB_VS_POLARS, "<=")
            )


# ---------------------------------------------------------------------------------------------
# 200M lines from Parquet under a memory limit (a fresh process, so the peak is its own)

_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
import duckdb
from helpers.rfm import rfm_scores, rfm_sql
con = duckdb.connect(config={{"memory_limit": {limit!r}, "temp_directory": {tmp!r}}})
con.execute("SET enable_progress_bar = false")
t0 = time.perf_counter()
rfm = rfm_sql({glob!r}, as_of={as_of!r}, connection=con)
t1 = time.perf_counter()
scores = rfm_scores(rfm)
t2 = time.perf_counter()
try:  # VmHWM is this process's own peak; ru_maxrss would include the parent's before exec
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(scores), int(scores["frequency"].sum()), round(t1 - t0, 1), round(t2 - t1, 1), round(peak))
"""


def write_parquet(directory: Path, n_lines: int, chunk: int = 20_000_000) -> None:
    """Lines in Parquet files of ``chunk`` lines (orders never split between files), by DuckDB."""
    import duckdb

    n_customers = n_lines // 10 * 94 // 100
    con = duckdb.connect()
    for k, start in enumerate(range(0, n_lines, chunk)):
        size = min(chunk, n_lines - start)
        part = pd.DataFrame(make_lines(size, SEED + k, order_offset=start, n_customers=n_customers))
        con.register("part", part)
        con.execute(f"COPY part TO '{directory / f'part-{k:03d}.parquet'}' (FORMAT parquet)")
        con.unregister("part")
    con.close()


def run_parquet(n_lines: int, goals: list[tuple[str, float, float, str]]) -> None:
    print(f"\n== {n_lines:,} lines from Parquet, DuckDB memory_limit={MEMORY_LIMIT}", flush=True)
    directory = Path(tempfile.mkdtemp(prefix="bench_rfm_"))
    try:
        t0 = time.perf_counter()
        write_parquet(directory, n_lines)
        size = sum(p.stat().st_size for p in directory.glob("*.parquet")) / 1e9
        print(f"  wrote {size:.1f} GB of Parquet in {time.perf_counter() - t0:.0f} s", flush=True)
        code = _CHILD.format(
            root=str(ROOT),
            limit=MEMORY_LIMIT,
            tmp=str(directory / "spill"),
            glob=str(directory / "*.parquet"),
            as_of=AS_OF,
        )
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if done.returncode != 0:
            print(done.stderr[-2000:])
            goals.append(
                (f"{n_lines / 1e6:g}M Parquet lines under {MEMORY_LIMIT}: completed", 0, 1, ">=")
            )
            return
        customers, orders, t_sql, t_scores, peak = done.stdout.strip().splitlines()[-1].split()
        print(
            f"  {int(customers):,} customers, {int(orders):,} orders; rfm_sql {t_sql} s, "
            f"rfm_scores {t_scores} s, process {wall:.0f} s; peak resident memory {int(peak):,} MB"
        )
        goals.append(
            (f"{n_lines / 1e6:g}M Parquet lines under {MEMORY_LIMIT}: completed", 1, 1, ">=")
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for development")
    parser.add_argument(
        "--parquet-only", action="store_true", help="only the 200M-line Parquet run"
    )
    args = parser.parse_args()
    if args.quick:
        sizes, rounds, parquet = [200_000, 1_000_000], 3, 2_000_000
    else:
        sizes, rounds, parquet = [1_000_000, 10_000_000, 50_000_000], 3, PARQUET_LINES
    if args.parquet_only:
        sizes = []
    print(f"numpy {np.__version__}, pandas {pd.__version__}, "
          f"polars {pl.__version__ if pl else 'not installed'}, cores {os.cpu_count()}")  # fmt: skip
    goals: list[tuple[str, float, float, str]] = []
    for n in sizes:
        run_size(n, rounds, goals)
    run_parquet(parquet, goals)
    if pl is None:
        print(
            "\npolars is not installed: the DuckDB-vs-Polars goal is SKIPPED (pip install polars)"
        )
    print("\nGoals")
    ok = True
    for name, value, goal, sense in goals:
        met = value <= goal if sense == "<=" else value >= goal
        ok &= met
        print(f"  {'ok  ' if met else 'MISS'} {name:48s} {value:7.2f}  (goal {sense} {goal:g})")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"(this process peaked at {peak_kb / 1024:,.0f} MB)")
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
