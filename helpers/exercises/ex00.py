"""Exercises of notebook 00 (Start here): one live demo of how checks work."""

from __future__ import annotations

from functools import cache

from helpers.checks import as_integer, exercise
from helpers.data import load_cdnow


@cache
def _cdnow_counts() -> tuple[int, int, int]:
    master = load_cdnow("master")
    sample = load_cdnow("sample")
    return master["customer_id"].nunique(), len(master), sample["customer_id"].nunique()


@exercise(
    "00.1",
    "How many distinct customers are in the CDNOW master file?",
    success="A customer who bought more than once appears on several rows: one row per purchase record.",
    expected=lambda: _cdnow_counts()[0],
)
def _customers_in_cdnow(answer):
    customers, rows, sample_customers = _cdnow_counts()
    value = as_integer(answer)
    if value == customers:
        return None
    if value == rows:
        return "that is the number of rows (purchase records); count distinct customer_id values with .nunique()."
    if value == sample_customers:
        return "that is the 1-in-10 sample; load the master file with load_cdnow('master')."
    return "count the distinct values of the customer_id column: cdnow['customer_id'].nunique()."
