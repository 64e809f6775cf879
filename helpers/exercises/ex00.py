"""Exercises of notebook 00 (Start here): one live demo of how checks work."""

from __future__ import annotations

from functools import cache

from helpers.checks import as_integer, exercise
from helpers.data import load_cdnow
from helpers.language import choose


@cache
def _cdnow_counts() -> tuple[int, int, int]:
    master = load_cdnow("master")
    sample = load_cdnow("sample")
    return master["customer_id"].nunique(), len(master), sample["customer_id"].nunique()


@exercise(
    "00.1",
    "How many distinct customers are in the CDNOW master file?",
    success="A customer who bought more than once appears on several rows: one row per purchase record.",
    question_ko="CDNOW 마스터 파일에 있는 서로 다른 고객은 몇 명입니까?",
    success_ko="두 번 이상 구매한 고객은 여러 행에 나옵니다. 한 행이 구매 기록 하나입니다.",
    expected=lambda: _cdnow_counts()[0],
)
def _customers_in_cdnow(answer):
    customers, rows, sample_customers = _cdnow_counts()
    value = as_integer(answer)
    if value == customers:
        return None
    if value == rows:
        return choose(
            en="that is the number of rows (purchase records); count distinct customer_id values "
            "with .nunique().",
            ko="그것은 행(구매 기록)의 수입니다. 서로 다른 customer_id 값을 .nunique()로 세십시오.",
        )
    if value == sample_customers:
        return choose(
            en="that is the 1-in-10 sample; load the master file with load_cdnow('master').",
            ko="그것은 10분의 1 표본입니다. 마스터 파일을 load_cdnow('master')로 불러오십시오.",
        )
    return choose(
        en="count the distinct values of the customer_id column: cdnow['customer_id'].nunique().",
        ko="customer_id 열의 서로 다른 값을 세십시오: cdnow['customer_id'].nunique().",
    )
