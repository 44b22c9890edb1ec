"""The intake's settings on its own page: the municipality's intake changes them (the SIP link and
the team's address), reached from the queue; every change is in the audit chain; the report's page
follows the setting; every other role is refused; and another municipality's settings are out of
reach, whatever the request says."""

import re

import pytest
from django.urls import reverse

from tillsammans.concerns import services
from tillsammans.concerns.models import IntakeSettings
from tillsammans.concerns.tests.conftest import send
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for

URL = "/orosanmalan/mottagning/installningar/"


def main(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


@pytest.mark.django_db
def test_intake_turns_the_sip_link_on_and_the_report_page_follows(concerns_world, world):
    assert reverse("concerns:settings") == URL
    plan = concerns_world["plan"]
    report = send(concerns_world["colleague"], child_number=plan.child.personal_number, child_name="")
    intake = client_for(concerns_world["intake"])
    assert f'href="{URL}"' in main(intake.get(reverse("concerns:queue")))  # reached from the queue
    page = intake.get(URL)
    assert page.status_code == 200
    text = main(page)
    assert "Inställningar för mottagningen i Testköping kommun" in text
    assert "Mottagningen får se om barnet har en samordnad plan" in text
    assert f"SIP {plan.pk}" not in main(intake.get(reverse("concerns:intake_detail", args=[report.pk])))

    saved = intake.post(URL, {"show_sip": "on", "intake_email": "mottagning@testkoping.example"}, follow=True)
    assert "Inställningarna för mottagningen har sparats" in saved.content.decode()
    stored = IntakeSettings.objects.get(municipality=world["municipality"])
    assert stored.show_sip and stored.intake_email == "mottagning@testkoping.example"
    event = AccessEvent.objects.get(object_type="concerns.intakesettings", object_id=str(stored.pk))
    assert event.action == AuditAction.CREATE and event.membership_id == concerns_world["intake"].pk
    assert event.detail == {"fields": ["intake_email", "show_sip"], "municipality": world["municipality"].pk,
                            "show_sip": True}
    detail = main(intake.get(reverse("concerns:intake_detail", args=[report.pk])))
    assert f"SIP {plan.pk}" in detail and plan.lead_membership.user.get_full_name() in detail
    assert "mottagning@testkoping.example" in services.intake_recipients(world["municipality"].pk)

    intake.post(URL, {"intake_email": "mottagning@testkoping.example"})  # the box left empty: off again
    stored.refresh_from_db()
    assert not stored.show_sip
    changed = AccessEvent.objects.filter(object_type="concerns.intakesettings").order_by("pk").last()
    assert changed.action == AuditAction.UPDATE and changed.detail["fields"] == ["show_sip"]
    assert f"SIP {plan.pk}" not in main(intake.get(reverse("concerns:intake_detail", args=[report.pk])))
    intake.post(URL, {"intake_email": "mottagning@testkoping.example"})  # nothing changed: nothing written
    assert AccessEvent.objects.filter(object_type="concerns.intakesettings").count() == 2


@pytest.mark.django_db
def test_an_error_keeps_what_was_typed_and_is_summarised_in_swedish(concerns_world, world):
    intake = client_for(concerns_world["intake"])
    page = intake.post(URL, {"show_sip": "on", "intake_email": "inte en adress"})
    assert page.status_code == 200
    text = main(page)
    assert 'id="error-summary"' in text and "Rätta följande" in text and "giltig e-postadress" in text
    assert 'value="inte en adress"' in text
    assert "checked" in re.search(r'<input[^>]*name="show_sip"[^>]*>', text).group(0)
    assert not IntakeSettings.objects.exists()
    assert not AccessEvent.objects.filter(object_type="concerns.intakesettings").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "auditor", "lead", "nurse", "teacher"])
def test_every_other_role_is_refused(concerns_world, world, who):
    client = client_for(concerns_world[who])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"show_sip": "on"}).status_code == 403
    assert not IntakeSettings.objects.exists()
    assert f'href="{URL}"' not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "manager", "receiver"])
def test_structural_roles_are_refused(world, role):
    from tillsammans.testing.factories import MembershipFactory

    client = client_for(MembershipFactory(role=role, unit=world["social_office"]))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"show_sip": "on"}).status_code == 403
    assert not IntakeSettings.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(concerns_world):
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


@pytest.mark.django_db
def test_another_municipalitys_settings_are_out_of_reach(concerns_world, world):
    ours = IntakeSettings.objects.create(municipality=world["municipality"], show_sip=False,
                                         intake_email="mottagning@testkoping.example")
    other = client_for(concerns_world["other_intake"])
    page = main(other.get(URL))
    assert "Annanstad kommun" in page and "Testköping" not in page and "mottagning@testkoping" not in page
    # A municipality or an id in the request changes nothing: the membership decides.
    other.post(URL + f"?municipality={world['municipality'].pk}",
               {"show_sip": "on", "intake_email": "", "municipality": world["municipality"].pk, "id": ours.pk,
                "pk": ours.pk})
    ours.refresh_from_db()
    assert not ours.show_sip and ours.intake_email == "mottagning@testkoping.example"
    theirs = IntakeSettings.objects.get(municipality=concerns_world["other_municipality"])
    assert theirs.show_sip and theirs.pk != ours.pk
    # The service takes no municipality at all.
    services.intake_settings_save(actor=actor_for(concerns_world["other_intake"]), show_sip=False, intake_email="")
    ours.refresh_from_db()
    assert not ours.show_sip and ours.intake_email == "mottagning@testkoping.example"
    assert IntakeSettings.objects.count() == 2
