"""Every change is a version with a readable diff; participants confirm a version."""

import pytest
from django.urls import reverse

from tillsammans.childplans import services, services_goals
from tillsammans.childplans.models import Confirmation, PlanVersion
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_changes_make_versions_with_a_diff_and_participants_confirm(sip, world):
    lead = actor_for(sip["lead"])
    start = PlanVersion.objects.count()  # guardians, consent and participants are versions already
    services_goals.goal_add(actor=lead, plan=sip["plan"], text="Sova hela natten")
    services_goals.intervention_add(actor=lead, plan=sip["plan"], description="Sömnskola",
                                      principal=world["region"])
    services.plan_update(actor=lead, plan=sip["plan"], lead_principal=world["municipality"], status="invited")
    assert list(PlanVersion.objects.values_list("number", flat=True))[:3] == [start + 3, start + 2, start + 1]
    nurse = client_for(sip["nurse"])
    history = nurse.get(reverse("childplans:history", args=[sip["plan"].pk])).content.decode()
    assert "+ Insats: Sömnskola – Region Testland (Planerad)" in history
    assert "- Status: Förbereds" in history and "+ Status: Kallad" in history
    assert nurse.post(reverse("childplans:confirm", args=[sip["plan"].pk])).status_code == 302
    assert Confirmation.objects.get().version.number == start + 3
    outsider = client_for(sip["outsider"])
    assert outsider.post(reverse("childplans:confirm", args=[sip["plan"].pk])).status_code == 404
    assert outsider.get(reverse("childplans:history", args=[sip["plan"].pk])).status_code == 404
