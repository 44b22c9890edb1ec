"""Who is already booked at a time: the double-booking warning every meeting form gives.

Core knows nothing of the apps above it: each app whose meetings book people puts a ``busy`` module
beside its ``policies`` with functions decorated ``@provider``. A provider takes the people asked
about (user ids and, for people without a login, contact ids), a period and the meeting being
moved (to leave out), and returns what books them then, in a fixed number of queries. What a
booking says of itself (``what``) is shown to the person planning, so a meeting about a child names
no child: "a SIP meeting"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model

from tillsammans.core.discovery import import_app_modules


@dataclass(frozen=True)
class Booking:
    starts_at: datetime
    what: str
    """The network's name, or "a SIP meeting": safe to show to whoever plans a meeting."""
    kind: str  # "network", "sip", …
    meeting_key: tuple[str, int]
    owner_key: tuple[str, int] | None = None
    """What holds the meeting (a network, a plan): a network that already meets then is told so."""
    user_ids: frozenset[int] = frozenset()
    contact_ids: frozenset[int] = frozenset()


Provider = Callable[[set[int], set[int], datetime, datetime], list[Booking]]
_PROVIDERS: list[Provider] = []
_discovered = False


def provider(fn: Provider) -> Provider:
    if fn not in _PROVIDERS:
        _PROVIDERS.append(fn)
    return fn


def key_of(meeting: Model) -> tuple[str, int]:
    return (meeting._meta.label_lower, meeting.pk)


def _autodiscover() -> None:
    global _discovered
    if not _discovered:
        import_app_modules("busy")
        _discovered = True


def bookings(*, user_ids: Iterable[int], contact_ids: Iterable[int] = (), starts_at: datetime,
             ends_at: datetime, exclude: Model | None = None) -> list[Booking]:
    """Every booking of these people overlapping [starts_at, ends_at), but the meeting ``exclude``."""
    _autodiscover()
    users, contacts = set(user_ids), set(contact_ids)
    if not users and not contacts:
        return []
    skip = key_of(exclude) if exclude is not None and exclude.pk else None
    found = [b for p in _PROVIDERS for b in p(users, contacts, starts_at, ends_at) if b.meeting_key != skip]
    return sorted(found, key=lambda b: (b.starts_at, b.what))
