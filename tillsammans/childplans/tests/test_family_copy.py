"""The family's copy: plain Swedish, no internal notes, a real tagged PDF, logged."""

import subprocess

import pytest
from django.urls import reverse

from tillsammans.childplans import services, services_goals
from tillsammans.childplans.wellbeing import CODES
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


@pytest.fixture
def filled(sip, world):
    lead = actor_for(sip["lead"])
    services.plan_update(actor=lead, plan=sip["plan"], childs_view="Att få sova och träffa kompisar.",
                         follow_up_date=__import__("datetime").date(2027, 2, 15))
    services_goals.goal_add(actor=lead, plan=sip["plan"], text="Sova hela natten", childs_own=True)
    services_goals.intervention_add(actor=lead, plan=sip["plan"], description="Sömnskola på BVC",
                                      principal=world["region"], unit=world["bvc_a"])
    for value in (2, 4):
        services_goals.assessment_add(actor=lead, plan=sip["plan"], ratings=dict.fromkeys(CODES, value),
                                        by="child")
    return sip


@pytest.mark.django_db
def test_family_copy_pdf_is_plain_and_tagged(filled, tmp_path):
    client = client_for(filled["nurse"])
    url = reverse("childplans:family_copy", args=[filled["plan"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "Sömnskola på BVC" in page.content.decode()
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Samordnad plan för Ella Testberg", "Sova hela natten", "Sömnskola på BVC",
                     "15 februari 2027", "Trygg", "Att få sova och träffa kompisar."):
        assert expected in text, expected
    assert "Behöver stöd från BVC och socialtjänst" not in text  # internal reason stays out
    assert "Vårdnadshavare Ett" not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:" in info
    assert AccessEvent.objects.filter(action=AuditAction.EXPORT, person_id=str(filled["plan"].child.pk)).exists()
    assert AccessEvent.objects.filter(action=AuditAction.PRINT, person_id=str(filled["plan"].child.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("admin", 403), ("auditor", 403)])
def test_others_get_no_family_copy(sip, who, status):
    url = reverse("childplans:family_copy", args=[sip["plan"].pk])
    assert client_for(sip[who]).get(url, {"format": "pdf"}).status_code == status
