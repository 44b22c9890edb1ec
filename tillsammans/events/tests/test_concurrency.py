"""Registrations never exceed capacity, however many arrive at once (PostgreSQL: row lock on the
event). 50 people press "Anmäl mig" at the same moment for 20 places."""

import threading

import pytest
from django.db import connection

from tillsammans.accounts.roles import Role
from tillsammans.events import services
from tillsammans.events.models import RegistrationStatus
from tillsammans.events.tests.conftest import make_event
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_twenty_places(world, organiser):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    event = make_event(organiser, capacity=20)
    actors = [actor_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])) for _ in range(50)]
    barrier = threading.Barrier(len(actors))
    errors = []

    def register(actor):
        try:
            barrier.wait()
            services.register_staff(actor=actor, event=event)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(a,)) for a in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.REGISTERED) == 20
    assert statuses.count(RegistrationStatus.WAITLISTED) == 30
    first_waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")[0]
    cancelled = event.registrations.filter(status=RegistrationStatus.REGISTERED).first()
    services.registration_cancel(actor=actor_for(organiser), registration=cancelled)
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.REGISTERED
