"""An event books the people with a place on it (core.busy): a meeting planned over a course they
go to is warned of."""

from __future__ import annotations

from tillsammans.core.busy import Booking, key_of, provider
from tillsammans.events.models import Registration, RegistrationStatus


@provider
def events_attended(users, contacts, starts_at, ends_at) -> list[Booking]:
    rows = (Registration.objects.filter(status=RegistrationStatus.REGISTERED, user_id__in=users,
                                        event__cancelled=False, event__starts_at__lt=ends_at,
                                        event__ends_at__gt=starts_at)
            .select_related("event"))
    by_event: dict[int, tuple] = {}
    for registration in rows:
        event, people = by_event.setdefault(registration.event_id, (registration.event, set()))
        people.add(registration.user_id)
    return [Booking(starts_at=event.starts_at, what=event.title, kind="event", meeting_key=key_of(event),
                    owner_key=key_of(event), user_ids=frozenset(people)) for event, people in by_event.values()]
