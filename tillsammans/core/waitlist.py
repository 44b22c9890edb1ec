"""Places with a waitlist that moves by itself, shared by event registrations and parent groups.

A row of ``places`` (a queryset of one event's registrations, one group's participants) has a
``status`` ("registered", "waitlisted" or "cancelled"), ``created_at`` and ``promoted_at``. Call
these with the owning row (the event, the group) locked with ``select_for_update``, so that two
sign-ups at the same moment never take more places than there are.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils import timezone

REGISTERED = "registered"
WAITLISTED = "waitlisted"
CANCELLED = "cancelled"


def status_for_new(places: QuerySet, capacity: int) -> str:
    """A place while there are free places, otherwise the waitlist."""
    taken = places.filter(status=REGISTERED).count()
    return REGISTERED if taken < capacity else WAITLISTED


def fill_free_places(places: QuerySet, capacity: int, *, on_promoted: Callable[[object], None]) -> list:
    """Move the waitlist up, first come first served, while there are free places; ``on_promoted``
    tells each person moved (an e-mail or a text after commit)."""
    free = capacity - places.filter(status=REGISTERED).count()
    moved = []
    if free <= 0:
        return moved
    for row in places.filter(status=WAITLISTED).order_by("created_at", "pk")[:free]:
        row.status = REGISTERED
        row.promoted_at = timezone.now()
        row.save(update_fields=["status", "promoted_at"])
        on_promoted(row)
        moved.append(row)
    return moved


def position(places: QuerySet, row) -> int | None:
    """The row's place in the waitlist (1 is next), or None when it is not waitlisted."""
    if row.status != WAITLISTED:
        return None
    return places.filter(status=WAITLISTED).filter(
        Q(created_at__lt=row.created_at) | Q(created_at=row.created_at, pk__lt=row.pk)).count() + 1
