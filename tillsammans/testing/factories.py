"""Factories for tests and demo data. Everything here is fictional."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import Contact, Membership, User
from tillsammans.accounts.roles import Role
from tillsammans.organisations.models import (
    Area,
    AreaKind,
    Authority,
    Principal,
    PrincipalKind,
    Unit,
    UnitType,
)

# A small rectangle in a fictional part of Södermanland (WGS 84, longitude first).
BOX = [[16.50, 59.30], [16.60, 59.30], [16.60, 59.36], [16.50, 59.36], [16.50, 59.30]]


def polygon(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> dict:
    return {"type": "Polygon", "coordinates": [[
        [min_lon, min_lat], [max_lon, min_lat], [max_lon, max_lat], [min_lon, max_lat],
        [min_lon, min_lat]]]}


class PrincipalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principal
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    kind = PrincipalKind.MUNICIPALITY


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    principal = factory.SubFactory(PrincipalFactory)
    name = factory.Sequence(lambda n: f"Testnämnd {n}")


def unit_type(code: str = "forskola") -> UnitType:
    """The seeded type (re-created if a transactional test flushed the seed)."""
    from tillsammans.organisations.unit_types import UNIT_TYPES

    names = dict(UNIT_TYPES)
    return UnitType.objects.get_or_create(code=code, defaults={"name": names[code]})[0]


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Testenhet {n}")
    authority = factory.SubFactory(AuthorityFactory)
    unit_type = factory.LazyFunction(lambda: unit_type("forskola"))
    latitude = 59.33
    longitude = 16.55


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Testområde {n}")
    kind = AreaKind.DISTRICT
    boundary = factory.LazyFunction(lambda: polygon(16.50, 59.30, 16.60, 59.36))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = "Testsson"
    email = factory.LazyAttribute(lambda u: f"{u.username}@exempel.invalid")
    password = factory.PostGenerationMethodCall("set_password", "korrekt-hast-batteri-1")

    @factory.post_generation
    def finish(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.STAFF

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role_title = "Bibliotekarie"
    unit = factory.SubFactory(UnitFactory)


def totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)
