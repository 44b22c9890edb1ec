"""A place on an event books the person: meetings planned over it are warned of (core.busy)."""

from datetime import timedelta

import pytest

from tillsammans.core import busy
from tillsammans.events import services
from tillsammans.events.tests.conftest import make_event
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_a_place_books_the_person_a_waitlist_place_and_a_cancelled_event_do_not(organiser, nurses,
                                                                                django_assert_num_queries):
    event = make_event(organiser, capacity=1)
    first, second, third = nurses
    services.register_staff(actor=actor_for(first), event=event)
    services.register_staff(actor=actor_for(second), event=event)  # waitlisted
    people = [n.user_id for n in nurses]
    during = {"starts_at": event.starts_at + timedelta(minutes=30), "ends_at": event.ends_at + timedelta(hours=1)}
    found = [b for b in busy.bookings(user_ids=people, **during) if b.kind == "event"]
    assert [(b.what, set(b.user_ids)) for b in found] == [(event.title, {first.user_id})]
    after = {"starts_at": event.ends_at, "ends_at": event.ends_at + timedelta(hours=1)}
    assert [b for b in busy.bookings(user_ids=people, **after) if b.kind == "event"] == []
    services.event_cancel(actor=actor_for(organiser), event=event)
    assert [b for b in busy.bookings(user_ids=people, **during) if b.kind == "event"] == []
    # One query per kind of meeting, however many people and meetings.
    with django_assert_num_queries(len(busy._PROVIDERS)):
        busy.bookings(user_ids=people, **during)
