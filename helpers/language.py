"""The reader's language: English (the source edition) or Korean (한국어판).

Figures, exercise feedback and widgets ask :func:`get_language` which language to speak. The
setting comes, in this order, from :func:`set_language` in the running session, the environment
variable ``WORKBOOK_LANG`` (``en`` or ``ko``), or the folder the kernel runs in: the Korean edition
lives in ``notebooks/ko/`` and Jupyter starts a notebook's kernel in the notebook's own folder, so
the Korean notebooks speak Korean with exactly the same code cells as the English ones.

Examples
--------
>>> set_language("ko")
>>> choose(en="correct", ko="정답")
'정답'
>>> set_language(None)  # back to the environment / folder rule
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["LANGUAGES", "ENV_VAR", "get_language", "set_language", "choose"]

LANGUAGES = ("en", "ko")
ENV_VAR = "WORKBOOK_LANG"
_session: str | None = None


def _check(lang: str, where: str) -> str:
    if not isinstance(lang, str) or lang.strip().lower() not in LANGUAGES:
        raise ValueError(f"{where} must be one of {LANGUAGES}, got {lang!r}")
    return lang.strip().lower()


def set_language(lang: str | None) -> None:
    """Set the language for this session; ``None`` returns to the environment / folder rule.

    Examples
    --------
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of ('en', 'ko'), got 'fr'
    """
    global _session
    _session = None if lang is None else _check(lang, "lang")


def get_language() -> str:
    """``"en"`` or ``"ko"``: the session setting, else ``WORKBOOK_LANG``, else the folder rule.

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    if _session is not None:
        return _session
    env = os.environ.get(ENV_VAR)
    if env:
        return _check(env, f"the environment variable {ENV_VAR}")
    cwd = Path.cwd()
    if cwd.name == "ko" and cwd.parent.name == "notebooks":
        return "ko"
    return "en"


def choose(*, en: str, ko: str) -> str:
    """The text for the current language.

    Examples
    --------
    >>> set_language("en")
    >>> choose(en="Revenue", ko="매출")
    'Revenue'
    >>> set_language(None)
    """
    return ko if get_language() == "ko" else en
