"""The SIP coordinator removes a participant in the page: their access ends on the next request;
nobody else may remove anyone."""

import pytest
from django.urls import reverse

from tillsammans.childplans.models import Participant
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for

pytestmark = pytest.mark.django_db


def test_the_lead_removes_a_participant_whose_access_ends_at_once(sip):
    plan, nurse = sip["plan"], sip["nurse"]
    participant = Participant.objects.get(plan=plan, membership=nurse)
    nurse_client = client_for(nurse)
    assert nurse_client.get(reverse("childplans:plan", args=[plan.pk])).status_code == 200
    url = reverse("childplans:participant_remove", args=[plan.pk, participant.pk])
    assert nurse_client.post(url).status_code in (403, 404)
    assert client_for(sip["outsider"]).post(url).status_code in (403, 404)
    assert client_for(sip["lead"]).get(url).status_code == 405
    lead_page = client_for(sip["lead"]).get(reverse("childplans:plan", args=[plan.pk])).content.decode()
    assert url in lead_page
    response = client_for(sip["lead"]).post(url)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.removed_at is not None
    assert AccessEvent.objects.filter(action="revoke", object_type="childplans.participant",
                                      object_id=str(participant.pk)).exists()
    assert nurse_client.get(reverse("childplans:plan", args=[plan.pk])).status_code == 404
    assert client_for(sip["lead"]).post(url).status_code == 404


def test_an_administrator_ends_a_membership_from_the_admin(sip, admin_client):
    from django.utils import timezone

    membership = sip["outsider"]
    response = admin_client.post(reverse("admin:accounts_membership_changelist"), {
        "action": "end_memberships", "_selected_action": [membership.pk]})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == timezone.localdate()
    assert AccessEvent.objects.filter(action="revoke", object_type="accounts.membership",
                                      object_id=str(membership.pk)).exists()
