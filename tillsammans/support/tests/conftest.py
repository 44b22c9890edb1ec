"""Fixtures for parenting support: a coordinator of district A, offers in Swedish, English and
Arabic, an ABC group in English with sessions, and parents signing up."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.support import services, services_groups
from tillsammans.support.models import OfferKind, Programme, SignUp
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

ARABIC = {"title": "مجموعة ABC للآباء", "summary": "أربعة لقاءات للآباء والأمهات حول الحياة اليومية مع الأطفال."}
ENGLISH = {"title": "ABC parent group", "summary": "Four meetings for parents about everyday life with children."}


@pytest.fixture
def organiser(world):
    return MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])


@pytest.fixture
def abc():
    return Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]


def make_offer(organiser, world, *, areas=None, texts=(), spoken=("sv",), **extra):
    data = {"kind": OfferKind.PROGRAMME, "programme": None, "provider": world["bvc_a"], "for_expecting": False,
            "age_from": 3, "age_to": 12, "free": True, "signup": SignUp.GROUP, "signup_url": "",
            "contact_phone": "031-123 45 67", "contact_email": "", "street": "Storgatan 1", "postal_code": "411 38",
            "city": "Testköping", "published": True, "ends_on": None, "sub_goal_number": "7.1.1"} | extra
    offer = services.offer_create(
        actor=actor_for(organiser), areas=areas or [world["district_a"]], spoken=list(spoken),
        text={"title": "ABC – Alla Barn i Centrum", "summary": "Fyra träffar för föräldrar om vardagen med barn."},
        **data)
    for language, text in texts:
        services.offer_text_save(actor=actor_for(organiser), offer=offer, language=language, **text)
    return offer


@pytest.fixture
def offer(organiser, world, abc):
    return make_offer(organiser, world, programme=abc, texts=[("en", ENGLISH), ("ar", ARABIC)], spoken=("sv", "en"))


def make_group(organiser, offer, area, *, capacity=2, language="en", days=10, length=28, **extra):
    today = timezone.localdate()
    programme = offer.programme or Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    data = {"offer": offer, "programme": programme, "area": area,
            "name": "ABC på engelska, tisdagar", "language": language, "childcare": True, "capacity": capacity,
            "starts_on": today + timedelta(days=days), "ends_on": today + timedelta(days=days + length),
            "place": "Familjecentralen Norra, stora rummet", "signup_open": True} | extra
    return services_groups.group_create(actor=actor_for(organiser), **data)


@pytest.fixture
def group(organiser, offer, world):
    return make_group(organiser, offer, world["district_a"])


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), STOCKHOLM)


def add_sessions(organiser, group, n=3):
    return [services_groups.session_add(actor=actor_for(organiser), group=group,
                                        starts_at=at(group.starts_on + timedelta(days=7 * i), 18),
                                        ends_at=at(group.starts_on + timedelta(days=7 * i), 20))
            for i in range(n)]




def sign_up(group, n: int, **extra):
    from tillsammans.core.access import ANONYMOUS

    return services_groups.participant_signup(
        actor=ANONYMOUS, group=group, **({"name": f"Förälder {n}", "email": f"foralder{n}@exempel.se",
                                          "age_band": "3-5"} | extra))

