"""The targets of PRODUCT.md, read from `benchmarks/targets.toml`: the one place every benchmark
takes its goal and its verdict from, so the table and the verdicts cannot drift apart."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("targets.toml")


@cache
def targets() -> dict[str, dict[str, float]]:
    """Every target by section (`start`, `tap`, ...) and name, as numbers."""
    with FILE.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    return {section: {k: float(v) for k, v in values.items()} for section, values in data.items()}


def target(section: str, name: str) -> float:
    """One target; KeyError naming it (and the file) when it is not there."""
    try:
        return targets()[section][name]
    except KeyError:
        raise KeyError(f"{FILE}: no target {section}.{name}") from None


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def at_most_ratio(section: str, measured: float, floor: float, name: str = "ratio") -> str:
    """PASS when measured / floor is within the section's ratio."""
    return verdict(measured / floor <= target(section, name))


def ratio_goal(section: str, name: str = "ratio") -> str:
    return f"<= {target(section, name):g}x floor"
