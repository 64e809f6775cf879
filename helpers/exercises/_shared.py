"""Hints shared by exercises of several notebooks (not an exercise module: it registers nothing)."""

from __future__ import annotations

from helpers.language import choose


def per_arm_slip(value: float, right: float, *, unit: str, unit_ko: str) -> str | None:
    """The hint for a sample size per arm that is nearly right or counts both arms; else None.

    ``right`` is the size per arm that :func:`helpers.uplift.sample_size` gives; ``unit`` names
    what is counted ("sessions", "customers"; ``unit_ko`` the same in Korean, e.g. "세션").

    Examples
    --------
    >>> per_arm_slip(2000, 1000, unit="customers", unit_ko="고객")
    'that is both arms together; the question asks for the customers in each arm.'
    >>> per_arm_slip(1500, 1000, unit="customers", unit_ko="고객") is None
    True
    """
    if abs(value - right) <= 0.01 * right:
        if value != round(value):
            return choose(
                en=f"round up to a whole number of {unit}.",
                ko=f"{unit_ko} 수는 정수로 올림하십시오.",
            )
        return choose(
            en=f"nearly: use sample_size (it rounds up to a whole number of {unit} per arm).",
            ko=f"거의 맞았습니다. sample_size를 쓰십시오(집단별 {unit_ko} 수를 정수로 올림해 줍니다).",
        )
    if abs(value - 2 * right) <= 0.01 * 2 * right:
        return choose(
            en=f"that is both arms together; the question asks for the {unit} in each arm.",
            ko=f"그것은 두 집단을 합친 수입니다. 문제는 각 집단의 {unit_ko} 수를 묻습니다.",
        )
    return None
