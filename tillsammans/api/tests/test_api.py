"""The JSON API goes through the same access engine and answers 4xx with a reason, never 500."""

import pytest

from tillsammans.core.walker import api_operations


def test_every_api_operation_declares_a_policy():
    operations = list(api_operations())
    assert operations and all(op.policy for op in operations)


@pytest.mark.django_db
def test_schema_and_docs_are_public(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/units" in schema.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
def test_anonymous_and_password_only_get_401(client, unverified_client):
    assert client.get("/api/v1/units").status_code == 401
    response = unverified_client.get("/api/v1/units")
    assert response.status_code == 401
    assert "faktor" in response.json()["detail"]


@pytest.mark.django_db
def test_a_member_lists_units_paginated_and_filtered(staff_client, world):
    response = staff_client.get("/api/v1/units", {"area": world["district_a"].pk})
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert names == {"Förskolan Ekorren", "BVC Norra"}


@pytest.mark.django_db
def test_a_person_without_a_current_role_is_refused(world):
    from tillsammans.testing.clients import client_for
    from tillsammans.testing.factories import UserFactory

    client = client_for(None, user=UserFactory())
    response = client.get("/api/v1/units")
    assert response.status_code == 403
    assert response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "tre"}, {"page": "99999999999999999999"}, {"page": "0"},
                                    {"area": "99999999999999999999"}, {"area": "x"}])
def test_bad_parameters_get_400_in_swedish_not_500(staff_client, params):
    response = staff_client.get("/api/v1/units", params)
    assert response.status_code == 400
    body = response.json()
    assert body["parameters"] == list(params)
    assert "inte kan användas" in body["detail"]
