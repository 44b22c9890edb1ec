"""The admin is for system administrators only, through the same engine, and audited."""

import pytest
from django.urls import reverse

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.core.admin import site
from tillsammans.core.models import AccessEvent, AuditAction

CHANGELISTS = [f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist" for m in site._registry]


@pytest.mark.django_db
def test_system_administrator_opens_index_and_every_changelist(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200
    assert len(CHANGELISTS) >= 8
    for name in CHANGELISTS:
        assert admin_client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator_client", "staff_client", "auditor_client",
                                 "manager_client"])
def test_other_roles_are_refused_everywhere_in_the_admin(request, who):
    client = request.getfixturevalue(who)
    for name in ["admin:index", *CHANGELISTS]:
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_admin_changes_and_grants_are_audited(admin_client, world):
    unit = world["bvc_a"]
    url = reverse("admin:organisations_unittype_changelist")
    before = AccessEvent.objects.count()
    response = admin_client.post(reverse("admin:organisations_principal_add"), {
        "name": "Region Demoland", "kind": "region", "org_number": "", "municipality_code": ""})
    assert response.status_code == 302, response.content[:2000]
    assert AccessEvent.objects.filter(action=AuditAction.CREATE,
                                      object_type="organisations.principal").exists()
    from tillsammans.testing.factories import UserFactory

    person = UserFactory()
    response = admin_client.post(reverse("admin:accounts_membership_add"), {
        "user": person.pk, "unit": unit.pk, "role": Role.STAFF, "function": "Barnmorska",
        "valid_from": "2026-01-01", "valid_to": "", "listed_in_directory": "on"})
    assert response.status_code == 302, response.content[:3000]
    assert Membership.objects.filter(user=person, role=Role.STAFF).count() == 1
    grant = AccessEvent.objects.get(action=AuditAction.GRANT, person_id=str(person.pk))
    assert grant.role == Role.SYSTEM_ADMIN  # the acting membership is recorded
    assert AccessEvent.objects.count() > before
    assert admin_client.get(url).status_code == 200


@pytest.mark.django_db
def test_opening_a_persons_account_in_the_admin_is_logged(admin_client, staff_membership):
    user = staff_membership.user
    response = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    event = AccessEvent.objects.get(action=AuditAction.READ, person_id=str(user.pk))
    assert event.detail == {"via": "admin"}
