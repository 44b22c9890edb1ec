"""Fixtures for events: an organiser (coordinator), nurses, and events at a chosen size."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.events import services
from tillsammans.events.models import EventKind
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


@pytest.fixture
def organiser(world):
    return MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])


@pytest.fixture
def nurses(world):
    return [MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska") for _ in range(3)]


def make_event(organiser, *, capacity=2, days=7, **extra):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    data = {"title": "Frukostmöte: BVC presenterar sig", "kind": EventKind.BREAKFAST, "description": "",
            "starts_at": starts, "ends_at": starts + timedelta(hours=1, minutes=30), "place": "Folkets hus, sal 2",
            "accessibility": "Entré utan trappsteg, hörslinga", "video_link": "", "capacity": capacity,
            "registration_deadline": None, "open_to_guests": True, "audience_roles": [Role.STAFF],
            "series": None, "presenting_unit": None, "course": None} | extra
    return services.event_create(actor=actor_for(organiser), **data)


@pytest.fixture
def event(organiser):
    return make_event(organiser)
