"""Sections of the staff's plan page that other apps own.

The plan app knows nothing of the apps above it (the family's own door writes in the plan, but the
plan app must not import it): an app with something to show on the plan page puts a
``plan_sections`` module beside its ``policies`` with functions decorated ``@section``. A provider
takes the plan, the viewer's access basis, the people as the viewer may see them (``guardians`` with
``shown``, ``child_shown``) and the presence keys found, and returns a :class:`PlanSection` or
``None``. Each names the rows that make it worth asking (``presence``): the plan page finds them all
in the one query that looks for empty sections, so a plan without such rows costs no query, and a
provider that is called runs a fixed number of queries however much there is.

The page is read under one access event; its detail names the sections shown, so the log review
can tell that the family's own words were read (docs/adr/0025)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists

from tillsammans.core.discovery import import_app_modules


@dataclass
class PlanSection:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


Provider = Callable[..., "PlanSection | None"]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    presence: dict[str, Callable[[], Exists]]
    provider: Provider


_REGISTERED: list[_Registered] = []
_discovered = False


def section(key: str, *, order: int, presence: dict[str, Callable[[], Exists]]) -> Callable[[Provider], Provider]:
    """Register a provider of the section ``key``. ``presence`` maps a name to a function giving an
    ``Exists`` over rows of the plan (``OuterRef("pk")`` is the plan)."""

    def register(provider: Provider) -> Provider:
        if all(r.key != key for r in _REGISTERED):
            _REGISTERED.append(_Registered(key, order, presence, provider))
            _REGISTERED.sort(key=lambda r: r.order)
        return provider

    return register


def _autodiscover() -> None:
    global _discovered
    if not _discovered:
        import_app_modules("plan_sections")
        _discovered = True


def presence() -> dict[str, Exists]:
    """Every registered section's presence checks, to be asked with the plan's own in one query."""
    _autodiscover()
    return {name: build() for r in _REGISTERED for name, build in r.presence.items()}


def sections_for(plan, basis: str | None, people: dict, present: set[str]) -> list[PlanSection]:
    """The sections with something to show; a section whose rows are all absent is not asked."""
    _autodiscover()
    found = []
    for registered in _REGISTERED:
        if not present & set(registered.presence):
            continue
        shown = registered.provider(plan, basis, people, present)
        if shown is not None:
            found.append(shown)
    return found
