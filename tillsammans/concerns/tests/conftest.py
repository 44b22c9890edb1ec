"""A world for reports of concern: the intake of Testköping, the intake of another municipality,
a preschool teacher who reports, and a child known to the register (the SIP's child)."""

import pytest

from tillsammans.accounts.roles import Role
from tillsammans.concerns import services
from tillsammans.testing.factories import AuthorityFactory, MembershipFactory, PrincipalFactory, UnitFactory, unit_type
from tillsammans.testing.sip import actor_for


@pytest.fixture
def concerns_world(world, sip):
    other = PrincipalFactory(name="Annanstad kommun")
    other_social = AuthorityFactory(principal=other, name="Socialnämnden Annanstad")
    other_office = UnitFactory(name="Socialtjänsten Annanstad", authority=other_social,
                               unit_type=unit_type("socialtjanst"))
    teacher = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"], function="Förskollärare")
    teacher.user.phone = "0155-10 20 30"
    teacher.user.save()
    return {
        **sip,
        "intake": MembershipFactory(role=Role.INTAKE, unit=world["social_office"], function="Socialsekreterare"),
        "other_intake": MembershipFactory(role=Role.INTAKE, unit=other_office),
        "other_municipality": other,
        "teacher": teacher,
        "colleague": MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]),
    }


def send(membership, **fields):
    data = {"child_name": "Tove Provsson", "child_age": 4,
            "observations": "I morse hade barnet blåmärken på armen och sa att pappa var arg.",
            "urgency": "normal", "family_informed": "no"}
    data.update(fields)
    return services.report_submit(actor=actor_for(membership), **data)


@pytest.fixture
def report(concerns_world):
    return send(concerns_world["teacher"])
