"""The role × route matrix (issue 9, item 10): every route of the URL configuration, the admin and
the API × every role and anonymous × an object inside and outside the actor's reach, against the
outcome the policies promise. New routes join by themselves (see tillsammans/testing/matrix.py)."""

import pytest

from tillsammans.accounts.roles import Role
from tillsammans.core import access
from tillsammans.core.access import ANONYMOUS
from tillsammans.testing import matrix
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.family import family_actor, family_client
from tillsammans.testing.sip import actor_for

ACTORS = ["anonymous", *Role.values, "family_guardian", "family_other_guardian", "family_young_person"]


def _membership(role, world, sip, objects):
    chosen = {Role.SIP_LEAD: sip["lead"], Role.STAFF: sip["nurse"], Role.SYSTEM_ADMIN: sip["admin"],
              Role.AUDITOR: sip["auditor"], Role.COORDINATOR: objects["coordinator"]}.get(role)
    if chosen is None:
        unit = {Role.MANAGER: world["preschool_a"], Role.RECEIVER: world["bvc_a"]}.get(role, world["social_office"])
        chosen = MembershipFactory(role=role, unit=unit)
    return chosen


def _family_member(who, world, sip, objects) -> str:
    """A guardian with custody of the sip plan's child, a guardian of the other plan's child (who
    must get nothing of the sip plan, not even that it exists), and a young person of 16 with their
    own plan (who must get nothing of either)."""
    from datetime import date

    from tillsammans.childplans import services
    from tillsammans.core.identity import fictional_number

    if who == "family_guardian":
        number = fictional_number(date(1984, 5, 6), 3)
        sip["mother"].personal_number = number
        sip["mother"].save(update_fields=["personal_number"])
        return number
    if who == "family_other_guardian":
        number = fictional_number(date(1990, 4, 4), 9)
        other = objects["pk"]["family"][1]
        services.guardian_add(actor=actor_for(other.lead_membership), plan=other, name="Annan", personal_number=number)
        return number
    number = fictional_number(date(2009, 1, 5), 6)
    services.plan_start(actor=actor_for(sip["lead"]), personal_number=number, first_name="Sam", last_name="Sexton")
    return number


@pytest.mark.django_db
@pytest.mark.parametrize("who", ACTORS)
def test_role_route_matrix(who, world, sip, record_property):
    from django.test import Client

    objects = matrix.build_world(world, sip)
    if who == "anonymous":
        client, actor = Client(), ANONYMOUS
    elif who.startswith("family_"):
        number = _family_member(who, world, sip, objects)
        client, actor = family_client(number), family_actor(number)
    else:
        membership = _membership(who, world, sip, objects)
        client, actor = client_for(membership), actor_for(membership)
    cells, wrong = 0, []
    for route in matrix.routes():
        variants = (0, 1) if route.params and route.kind != "admin" else (0,)
        if route.policy not in (access.PUBLIC, access.AUTHENTICATED, access.API_DELEGATED) and (
                not actor.is_authenticated or not access.allowed(actor, route.policy)):
            variants = (0,)  # refused before the view runs: the object cannot change the answer
        for which in variants:
            kwargs, target = matrix.fill(route, objects, which)
            expectation = matrix.expected(route, actor, target)
            url = matrix.url_for(route, kwargs)
            response = getattr(client, route.method.lower())(url)
            cells += 1
            if not matrix.outcome_matches(route, expectation, response):
                wrong.append(f"{route.name} {url} [{'inside' if which == 0 else 'outside'}]: expected "
                             f"{expectation}, got {response.status_code} {response.get('Location', '')}")
    record_property("matrix_cells", cells)
    print(f"\nrole × route matrix, {who}: {cells} cells")
    assert wrong == [], "\n".join(wrong)
