"""Indicators computed from the system's own data (SIPs opened, days from need to SIP, parent-group
participants, reports of concern per 1 000 children, course coverage, …).

Core knows nothing of the apps above it: each app that can count something for the follow-up of
action plans puts an ``indicators`` module beside its ``policies`` with functions decorated
``@measure(code=…, …)``. A measure takes a period (``start`` inclusive, ``end`` exclusive) and the
areas asked for, and returns one :class:`Figure` per area it has data for, counted in the database
(a fixed number of queries however many areas). Figures about people carry ``n``, the number of
people (or cases) behind them, so that the pages can suppress small ones (``core.suppression``).
The insight app stores, charts and compares them; nothing here is child data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tillsammans.core.discovery import import_app_modules


@dataclass(frozen=True)
class Figure:
    value: Decimal | int | None
    n: int = 0
    """How many people or cases the value is computed over (0 when it is not about people)."""


Compute = Callable[[date, date, Sequence[int]], dict[int, Figure]]
"""(start, end, area ids) → {area id: figure}."""


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    unit: str
    good: str  # "up", "down" or "" (neither)
    about_people: bool
    compute: Compute
    description: str = ""


_MEASURES: dict[str, Measure] = {}


def measure(*, code: str, name, unit, good: str = "up", about_people: bool = True,
            description="") -> Callable[[Compute], Compute]:
    """Register a computed indicator. ``name``, ``unit`` and ``description`` are lazy translations."""
    if good not in ("up", "down", ""):
        raise ValueError(f"good must be 'up', 'down' or '', not {good!r}")

    def register(compute: Compute) -> Compute:
        _MEASURES[code] = Measure(code=code, name=name, unit=unit, good=good, about_people=about_people,
                                  compute=compute, description=description)
        return compute

    return register


def autodiscover() -> None:
    import_app_modules("indicators")


def measures() -> list[Measure]:
    autodiscover()
    return sorted(_MEASURES.values(), key=lambda m: m.code)


def get(code: str) -> Measure | None:
    autodiscover()
    return _MEASURES.get(code)
