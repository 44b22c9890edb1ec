"""Deny by default: every route declares a policy, and undeclared ones are refused."""

import pytest
from django.urls import reverse

from tillsammans.core import access
from tillsammans.core.walker import all_routes, routes_without_policy


def test_every_route_and_api_operation_declares_a_registered_policy():
    assert routes_without_policy() == []
    kinds = {route.kind for route in all_routes()}
    assert kinds == {"url", "api"}
    assert any(route.route.startswith("admin/") for route in all_routes())


@pytest.mark.urls("tillsammans.core.tests.urls_undecorated")
def test_undecorated_view_is_refused_at_run_time_and_named_by_the_walker(staff_client):
    response = staff_client.get("/glomd/")
    assert response.status_code == 403
    assert b"should never be served" not in response.content
    missing = routes_without_policy("tillsammans.core.tests.urls_undecorated")
    assert [route.name for route in missing] == ["forgotten"]


def _concrete(route: str) -> str:
    return "/" + route.replace("<int:pk>", "1").replace("<path:object_id>", "1").replace(
        "<path:content_type_id>", "1")


@pytest.mark.django_db
def test_anonymous_request_to_any_non_public_url_is_refused(client, world):
    checked = 0
    for route in all_routes():
        if route.kind != "url" or route.policy in (access.PUBLIC,) or "(?P" in route.route:
            continue
        path = _concrete(route.route)
        response = client.get(path)
        assert response.status_code in (302, 401, 403, 404, 405), path
        if response.status_code == 302:
            login = "family:login" if (route.policy or "").startswith(access.FAMILY_PREFIX) else "accounts:login"
            assert reverse(login) in response["Location"], path
        checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_password_only_session_must_give_the_second_factor(unverified_client):
    response = unverified_client.get(reverse("organisations:directory"))
    assert response.status_code == 302
    assert reverse("accounts:verify") in response["Location"]


def test_family_and_staff_policies_never_cross():
    """A family member (e-ID, no account) reaches family policies only; nobody else reaches them."""
    from tillsammans.family.subject import FamilyMember

    family = access.Actor(family=FamilyMember(number="198405069834", authenticated_at=0), verified=True)
    assert access.allowed(family, "family.use")
    for name in (access.AUTHENTICATED, "childplans.use", "childplans.view_plan", "logreview.review"):
        assert not access.allowed(family, name), name
    for actor in (access.Actor(system="test"), access.ANONYMOUS):
        assert not access.allowed(actor, "family.use")


def test_unknown_policy_names_are_denied():
    actor = access.Actor(system="test")
    assert access.allowed(actor, "no.such_policy") is False


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
