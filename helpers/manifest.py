"""The sha256 manifest of the committed dataset files (``datasets/MANIFEST.sha256``).

A test recomputes every hash, so a data file that changes by accident (an editor re-saving a CSV,
a generator change) fails the suite until the change is deliberate and the manifest rewritten.

Examples
--------
Rewrite the manifest after a deliberate data change::

    python -m helpers.manifest write
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from helpers.data import DATASETS_DIR

__all__ = ["MANIFEST", "data_files", "compute", "read", "write"]

MANIFEST = DATASETS_DIR / "MANIFEST.sha256"
_NOT_DATA = {"README.md", "MANIFEST.sha256"}


def data_files(root: Path = DATASETS_DIR) -> list[Path]:
    """Every committed data file below ``root`` (everything but the README and the manifest)."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in _NOT_DATA)


def compute(root: Path = DATASETS_DIR) -> dict[str, str]:
    """sha256 of each data file, keyed by its path relative to ``root`` (POSIX separators).

    Examples
    --------
    >>> "sbg_survivors.csv" in compute()
    True
    """
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in data_files(root)
    }


def read(path: Path = MANIFEST) -> dict[str, str]:
    """The manifest as {relative path: sha256}, in the ``sha256sum`` text format."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run 'python -m helpers.manifest write'")
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            entries[name.lstrip("*")] = digest
    return entries


def write(root: Path = DATASETS_DIR, path: Path = MANIFEST) -> dict[str, str]:
    """Recompute and save the manifest (``sha256sum -c`` can verify it from ``datasets/``)."""
    hashes = compute(root)
    path.write_text("".join(f"{h}  {name}\n" for name, h in hashes.items()), encoding="utf-8")
    return hashes


if __name__ == "__main__":
    if sys.argv[1:] != ["write"]:
        sys.exit("usage: python -m helpers.manifest write")
    written = write()
    print(f"wrote {MANIFEST.name}: {len(written)} files")
