""""Min översikt": what waits for a person in the role they act in.

Core knows nothing of the apps above it: each app that has work to show puts an ``overview``
module beside its ``policies`` with functions decorated ``@section(order)``. Each takes the actor
and returns a :class:`Section` or ``None`` (nothing for this role). Each must run a fixed number
of queries however much there is (lists are cut at ``LIMIT`` and say how many more there are)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from tillsammans.core.access import Actor
from tillsammans.core.discovery import import_app_modules

LIMIT = 8


@dataclass
class Item:
    text: str
    url: str = ""
    when: date | datetime | None = None
    note: str = ""
    urgent: bool = False

    @property
    def with_time(self) -> bool:
        return isinstance(self.when, datetime)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = ""
    more: int = 0  # how many more than shown, or 1 when it is only known that there are more
    more_url: str = ""
    order: int = 50


Provider = Callable[[Actor], Section | None]
_PROVIDERS: list[tuple[int, Provider]] = []


def section(order: int) -> Callable[[Provider], Provider]:
    """Register a provider of one section; ``order`` places it on the page (lower first)."""

    def register(provider: Provider) -> Provider:
        if all(existing is not provider for _order, existing in _PROVIDERS):
            _PROVIDERS.append((order, provider))
            _PROVIDERS.sort(key=lambda pair: pair[0])
        return provider

    return register


def cut(rows: list, total: int) -> tuple[list, int]:
    """The first LIMIT rows and how many more there are."""
    return rows[:LIMIT], max(total - LIMIT, 0)


def autodiscover() -> None:
    import_app_modules("overview")


def sections_for(actor: Actor) -> list[Section]:
    if actor.membership is None:
        return []
    found = []
    for order, provider in _PROVIDERS:
        result = provider(actor)
        if result is not None:
            result.order = order
            found.append(result)
    return found
