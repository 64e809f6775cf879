"""Unit tests of helpers.privacy on tiny hand-made frames."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.privacy import consent_filter, k_anonymity, pseudonymise, sensitive_inferences


def test_consent_filter_keeps_only_consented_and_reports(capsys):
    cust = pd.DataFrame({"customer_id": [1, 2, 3], "marketing_consent": [True, False, True]})
    data = pd.DataFrame({"customer_id": [1, 2, 3, 4, None]})
    out = consent_filter(data, cust)
    assert out["customer_id"].tolist() == [1, 3]
    assert "dropped 3" in capsys.readouterr().out


def test_consent_filter_rejects_odd_flags():
    cust = pd.DataFrame({"customer_id": [1], "marketing_consent": ["sure"]})
    with pytest.raises(ValueError, match="marketing_consent"):
        consent_filter(pd.DataFrame({"customer_id": [1]}), cust)


def test_pseudonymise_is_an_hmac_sha256():
    import hmac

    out = pseudonymise(pd.Series([7, 7, None]), key="demo-salt-123")
    expected = hmac.new(b"demo-salt-123", b"7", hashlib.sha256).hexdigest()[:16]
    assert out.iloc[0] == out.iloc[1] == expected
    assert pd.isna(out.iloc[2])


def test_pseudonymise_depends_on_the_key_and_refuses_a_short_key():
    a = pseudonymise(pd.Series(["x"]), key="salt-one-1").iloc[0]
    b = pseudonymise(pd.Series(["x"]), key="salt-two-2").iloc[0]
    assert a != b
    with pytest.raises(ValueError, match="key"):
        pseudonymise(pd.Series(["x"]), key="short")


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=50, unique=True))
def test_pseudonyms_of_distinct_ids_are_distinct(ids):
    out = pseudonymise(pd.Series(ids), key="property-salt")
    assert out.nunique() == len(ids)


def test_sensitive_inferences_threshold():
    p = pd.DataFrame({"kids": [0.6, 0.3, 0.1], "books": [0.4, 0.7, 0.9]}, index=["a", "b", "c"])
    assert sensitive_inferences(p, category="kids").index.tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="pets"):
        sensitive_inferences(p, category="pets")


def test_k_anonymity_smallest_group_and_violations():
    df = pd.DataFrame(
        {
            "region": ["A", "A", "A", "B", "B", "C"],
            "age_band": ["20s", "20s", "30s", "20s", "20s", "20s"],
        }
    )
    res = k_anonymity(df, ["region", "age_band"], k=2)
    assert res.k == 1
    assert not res.is_anonymous
    assert sorted(res.violations.index.tolist()) == [("A", "30s"), ("C", "20s")]
    assert "breaks k=2" in repr(res) and "smallest has 1 row;" in repr(res)


def test_k_anonymity_bad_arguments():
    df = pd.DataFrame({"region": ["A"]})
    with pytest.raises(ValueError, match="age_band"):
        k_anonymity(df, ["region", "age_band"])
    with pytest.raises(ValueError, match="list"):
        k_anonymity(df, "region")


def test_pseudonyms_agree_across_int_float_and_nullable_id_columns():
    """customer_id is int in customers but nullable (Int64/float) in sessions; the pseudonym must match."""
    salt = "demo-salt-123"
    as_int = pseudonymise(pd.Series([7]), key=salt).iloc[0]
    assert pseudonymise(pd.Series([7, None], dtype="Int64"), key=salt).iloc[0] == as_int
    assert pseudonymise(pd.Series([7.0, None]), key=salt).iloc[0] == as_int


def test_l_diversity_counts_distinct_sensitive_values_per_group():
    from helpers.privacy import l_diversity

    df = pd.DataFrame(
        {
            "region": ["A", "A", "A", "B", "B", "C"],
            "age": ["20s"] * 6,
            "parent": [True, True, True, True, False, False],
        }
    )
    before = df.copy()
    out = l_diversity(df, ["region", "age"], "parent", l=2)
    pd.testing.assert_frame_equal(df, before)
    assert out.index.tolist()[:2] == [("C", "20s"), ("A", "20s")]  # breaking groups first
    assert out.loc[("A", "20s"), "distinct"] == 1 and out.loc[("A", "20s"), "breaks"]
    assert out.loc[("B", "20s"), "top_share"] == 0.5 and not out.loc[("B", "20s"), "breaks"]
    with pytest.raises(ValueError, match="sensitive"):
        l_diversity(df, ["region", "parent"], "parent")
    with pytest.raises(ValueError, match="l must"):
        l_diversity(df, ["region"], "parent", l=0)
    with pytest.raises(ValueError, match="nope"):
        l_diversity(df, ["region"], "nope")


def test_consent_filter_reports_in_korean_in_the_korean_edition(capsys):
    from helpers.language import set_language

    cust = pd.DataFrame({"customer_id": [1, 2], "marketing_consent": [True, False]})
    try:
        set_language("ko")
        consent_filter(pd.DataFrame({"customer_id": [1, 2, 2]}), cust)
    finally:
        set_language(None)
    assert capsys.readouterr().out.strip() == (
        "consent_filter: 3행 가운데 1행을 남기고, 마케팅 수신 동의 기록이 없는 2행을 뺐습니다"
    )
