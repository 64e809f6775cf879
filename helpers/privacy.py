"""Privacy (사생활 침해) tools for personalization: consent, pseudonyms, inferences, k-anonymity.

Tracking that makes personalization possible also exposes people. This module holds the small,
checkable safeguards notebook 05 teaches:

* :func:`consent_filter`: keep only customers who agreed to marketing, and say how many were dropped;
* :func:`pseudonymise`: replace identifiers by a keyed hash, HMAC-SHA256 (RFC 2104), the
  technique KISA's pseudonymisation guideline names (deterministic for one key, unlinkable
  without it); the key is an argument and is never printed or stored;
* :func:`sensitive_inferences`: who a profile would label with a sensitive trait (e.g. a high share of
  kids' products suggests a parent);
* :func:`k_anonymity`: the size of every group of quasi-identifiers, the table's k (its smallest
  group) and the groups that break a required k (Sweeney 2002);
* :func:`l_diversity`: whether each of those groups also holds at least l different values of a
  sensitive attribute (Machanavajjhala et al. 2007): k-anonymity alone does not stop an outsider
  from learning the sensitive value when everybody in a group shares it.

Examples
--------
>>> pseudonymise(pd.Series([1, 2]), key="demo-key-1").str.len().tolist()
[16, 16]
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

import pandas as pd

from helpers import validation
from helpers.language import choose
from helpers.validation import require_columns as _require_columns

__all__ = [
    "consent_filter",
    "pseudonymise",
    "sensitive_inferences",
    "k_anonymity",
    "KAnonymity",
    "l_diversity",
]


def consent_filter(
    data: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    consent_col: str = "marketing_consent",
    report: bool = True,
) -> pd.DataFrame:
    """Rows of ``data`` whose customer gave marketing consent; prints what was dropped.

    Rows without a customer id, or whose customer is unknown or did not consent, are dropped: no
    consent on record means no consent.

    Parameters
    ----------
    data : pandas.DataFrame
        Anything with a customer column (a target list, profiles reset to a column).
    customers : pandas.DataFrame
        The customer table with the consent flag (bool or 0/1).
    report : bool, default True
        Print one line saying how many rows were kept and dropped.

    Examples
    --------
    >>> cust = pd.DataFrame({"customer_id": [1, 2], "marketing_consent": [True, False]})
    >>> consent_filter(pd.DataFrame({"customer_id": [1, 2, 3]}), cust, report=False)["customer_id"].tolist()
    [1]
    """
    if isinstance(data, pd.DataFrame) and isinstance(customers, pd.DataFrame):
        validation.frame(data, "data", {customer_col: "id?"}, only_present=True)
        validation.frame(customers, "customers", {customer_col: "id"}, only_present=True)
        if customer_col in data.columns and customer_col in customers.columns:
            validation.matching_ids(
                customer_col, data=data[customer_col], customers=customers[customer_col]
            )
    _require_columns(data, [customer_col], "data")
    _require_columns(customers, [customer_col, consent_col], "customers")
    flags = customers[consent_col]
    if not (pd.api.types.is_bool_dtype(flags) or set(flags.dropna().unique()) <= {0, 1}):
        raise ValueError(
            f"column {consent_col!r} must be True/False (or 1/0), got values {sorted(flags.unique())[:5]}"
        )
    if customers[customer_col].duplicated().any():
        raise ValueError(
            f"customers has duplicated {customer_col!r} values; consent must be one flag per customer"
        )
    consented = customers.loc[flags.fillna(False).astype(bool), customer_col]
    keep = data[customer_col].isin(consented)
    if report:
        kept, dropped = int(keep.sum()), int((~keep).sum())
        print(
            choose(
                en=f"consent_filter: kept {kept:,} of {len(data):,} rows; dropped "
                f"{dropped:,} without marketing consent on record",
                ko=f"consent_filter: {len(data):,}행 가운데 {kept:,}행을 남기고, 마케팅 수신 동의 "
                f"기록이 없는 {dropped:,}행을 뺐습니다",
            )
        )
    return data[keep].copy()


def _canonical(value: object) -> bytes:
    """Bytes of an id, with whole-number floats written as integers (7.0 and 7 are the same id).

    A customer id column with missing values is stored as float, so without this the same customer
    would get a different pseudonym in the sessions table than in the customers table.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif hasattr(value, "item"):  # numpy scalar
        return _canonical(value.item())
    return str(value).encode()


def pseudonymise(ids: pd.Series, *, key: str | bytes, length: int = 16) -> pd.Series:
    """Replace identifiers with a keyed-hash pseudonym: HMAC-SHA256, hex, first ``length`` characters.

    The same id and key always give the same pseudonym, so tables can still be joined; without the
    key nobody can rebuild the link by hashing every possible id. HMAC (Bellare, Canetti &
    Krawczyk 1996; RFC 2104) is the standard way to mix a secret key into a hash, rather than
    gluing a "salt" in front of the id. Keep the key secret and out of notebooks' outputs. Missing
    ids stay missing. Each distinct id is hashed once.

    Parameters
    ----------
    ids : pandas.Series
        Identifiers (numbers or strings).
    key : str or bytes
        The secret; at least 8 characters.
    length : int, default 16
        Characters of the hex digest kept (8–64).

    Examples
    --------
    >>> a = pseudonymise(pd.Series([42]), key="demo-key-1").iloc[0]
    >>> a == pseudonymise(pd.Series([42]), key="demo-key-1").iloc[0]
    True
    >>> a == pseudonymise(pd.Series([42]), key="other-key-2").iloc[0]
    False
    """
    if isinstance(ids, pd.Series):
        validation.series(ids, "ids", "id?")
    if not isinstance(ids, pd.Series):
        raise TypeError(f"ids must be a pandas Series, got {type(ids).__name__}")
    if not isinstance(key, (str, bytes)):
        raise TypeError("key must be a str or bytes secret")
    if len(key) < 8:
        raise ValueError("key is too short: use a secret of at least 8 characters")
    if isinstance(length, bool) or not isinstance(length, int) or not 8 <= length <= 64:
        raise ValueError(f"length must be a whole number between 8 and 64, got {length!r}")
    secret = key.encode() if isinstance(key, str) else key
    uniques = ids.dropna().unique()
    # hmac works on one value at a time: hash each *distinct* id once, then map (vectorised).
    table = {
        v: hmac.new(secret, _canonical(v), hashlib.sha256).hexdigest()[:length] for v in uniques
    }
    return ids.map(table).astype("object").rename(ids.name)


def sensitive_inferences(
    profiles: pd.DataFrame, *, category: str, threshold: float = 0.3
) -> pd.DataFrame:
    """Profiles whose share of a sensitive category reaches ``threshold``: what tracking reveals.

    Parameters
    ----------
    profiles : pandas.DataFrame
        Rows = people (cookies, customers), columns = categories, values = shares (rows sum to 1).
    category : str
        The column whose interest suggests a sensitive trait (e.g. ``"kids"`` → parenthood).
    threshold : float, default 0.3
        Share at or above which the profile would be labelled.

    Returns
    -------
    pandas.DataFrame
        The flagged rows with their ``share`` of the category, largest first.

    Examples
    --------
    >>> p = pd.DataFrame({"kids": [0.6, 0.1], "books": [0.4, 0.9]}, index=["c1", "c2"])
    >>> sensitive_inferences(p, category="kids").index.tolist()
    ['c1']
    """
    if isinstance(profiles, pd.DataFrame):
        validation.frame(profiles, "profiles", dict.fromkeys(profiles.columns, "nonneg"))
    validation.number(threshold, "threshold", low=0, high=1)
    if not isinstance(profiles, pd.DataFrame):
        raise TypeError("profiles must be a DataFrame of shares")
    if category not in profiles.columns:
        raise ValueError(
            f"category {category!r} is not a column of profiles; columns: {list(profiles.columns)}"
        )
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    share = profiles[category]
    return (
        share[share >= threshold]
        .rename("share")
        .to_frame()
        .sort_values("share", ascending=False, kind="stable")
    )


class KAnonymity:
    """The result of :func:`k_anonymity`: group sizes, the table's k, and the violating groups."""

    def __init__(self, groups: pd.Series, required_k: int) -> None:
        self.groups = groups
        self.required_k = required_k

    @property
    def k(self) -> int:
        """The smallest group size: the table is k-anonymous for this k and no larger."""
        return int(self.groups.min())

    @property
    def violations(self) -> pd.Series:
        """Groups smaller than ``required_k``, smallest first."""
        small = self.groups[self.groups < self.required_k]
        return small.sort_values(kind="stable")

    @property
    def is_anonymous(self) -> bool:
        return self.k >= self.required_k

    def __repr__(self) -> str:
        verdict = "meets" if self.is_anonymous else "breaks"
        return (
            f"<k-anonymity: {len(self.groups)} groups, smallest has {self.k} "
            f"{'row' if self.k == 1 else 'rows'}; {verdict} "
            f"k={self.required_k} ({len(self.violations)} groups too small)>"
        )


def k_anonymity(data: pd.DataFrame, quasi_identifiers: Sequence[str], *, k: int = 5) -> KAnonymity:
    """Check k-anonymity on quasi-identifiers (Sweeney 2002).

    A table is k-anonymous when every combination of quasi-identifiers (attributes that are not
    names but could single a person out together, such as region × age band) is shared by at
    least k rows. Only combinations that occur are groups.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person.
    quasi_identifiers : sequence of str
        The columns an outsider could know or link.
    k : int, default 5
        The required minimum group size.

    Returns
    -------
    KAnonymity
        ``.groups`` (size per combination), ``.k`` (smallest), ``.violations``, ``.is_anonymous``.

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["A", "A", "B"], "age_band": ["20s", "20s", "30s"]})
    >>> k_anonymity(df, ["region", "age_band"], k=2).k
    1
    """
    if isinstance(quasi_identifiers, str) or not quasi_identifiers:
        raise ValueError("quasi_identifiers must be a non-empty list of column names")
    _require_columns(data, list(quasi_identifiers), "data")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive whole number, got {k!r}")
    if data.empty:
        raise ValueError("data is empty: nothing to check")
    groups = (
        data.groupby(list(quasi_identifiers), dropna=False, observed=True)
        .size()
        .rename("rows")
        .sort_index()
    )
    return KAnonymity(groups, k)


def l_diversity(
    data: pd.DataFrame,
    quasi_identifiers: Sequence[str],
    sensitive: str,
    *,
    l: int = 2,  # noqa: E741 (the l of l-diversity)
) -> pd.DataFrame:
    """Distinct values of a sensitive column in every quasi-identifier group (l-diversity).

    A group that is large enough for k-anonymity still discloses the sensitive value when all its
    members share it: knowing that a neighbour is a Gwangju customer in her 60s then tells you her
    (say) "probably a parent" flag. A table is *l-diverse* when every group holds at least ``l``
    distinct sensitive values (Machanavajjhala et al. 2007, the simplest "distinct" variant).

    Returns
    -------
    pandas.DataFrame
        One row per group: ``rows``, ``distinct`` (sensitive values), ``top_share`` (share of the
        most common value) and ``breaks`` (``distinct < l``), groups that break first.

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "flag": [True, True, True, False]})
    >>> l_diversity(df, ["region"], "flag")["distinct"].tolist()
    [1, 2]
    """
    if isinstance(quasi_identifiers, str) or not quasi_identifiers:
        raise ValueError("quasi_identifiers must be a non-empty list of column names")
    _require_columns(data, [*quasi_identifiers, sensitive], "data")
    if sensitive in quasi_identifiers:
        raise ValueError(f"sensitive column {sensitive!r} must not be a quasi-identifier too")
    if isinstance(l, bool) or not isinstance(l, int) or l < 1:
        raise ValueError(f"l must be a positive whole number, got {l!r}")
    if data.empty:
        raise ValueError("data is empty: nothing to check")
    grouped = data.groupby(list(quasi_identifiers), dropna=False, observed=True)[sensitive]
    out = pd.DataFrame(
        {
            "rows": grouped.size(),
            "distinct": grouped.nunique(dropna=False),
            "top_share": grouped.agg(
                lambda s: s.value_counts(normalize=True, dropna=False).iloc[0]
            ),
        }
    )
    out["breaks"] = out["distinct"] < l
    return out.sort_values(
        ["breaks", "distinct", "rows"], ascending=[False, True, True], kind="stable"
    )
