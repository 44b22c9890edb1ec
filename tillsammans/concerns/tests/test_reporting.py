"""The professional's report: nine fields, filled in from what the system knows, refused with a
Swedish error that keeps what was typed, routed to the right municipality with a receipt at once."""

import pytest
from django.core import mail
from django.urls import reverse

from tillsammans.concerns import prefill
from tillsammans.concerns.forms import ProfessionalReportForm
from tillsammans.concerns.models import ConcernReport, Sector
from tillsammans.concerns.tests.conftest import send
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import run_queued_tasks


@pytest.mark.django_db
def test_the_form_has_fewer_than_ten_fields_and_reminds_of_the_duty(concerns_world):
    assert len(ProfessionalReportForm().fields) < 10
    page = client_for(concerns_world["teacher"]).get(reverse("concerns:new")).content.decode()
    user = concerns_world["teacher"].user
    assert user.get_full_name() in page and "Förskolan Ekorren" in page and "0155-10 20 30" in page
    assert "personlig" in page and "SIP-möte" in page  # the duty is personal; a meeting does not fulfil it


@pytest.mark.django_db
def test_a_report_without_child_or_observations_is_refused_keeping_what_was_typed(concerns_world):
    client = client_for(concerns_world["teacher"])
    response = client.post(reverse("concerns:new"), {"guardians": "Mamma Lisa, 070-111 22 33",
                                                    "observations": "kort", "urgency": "normal",
                                                    "family_informed": "no"})
    page = response.content.decode()
    assert response.status_code == 200 and not ConcernReport.objects.exists()
    assert "Skriv barnets personnummer" in page and "Skriv vad du har sett" in page
    assert "Mamma Lisa, 070-111 22 33" in page
    bad = client.post(reverse("concerns:new"), {"child_number": "20160412-1235", "observations": "x" * 20,
                                                "urgency": "normal", "family_informed": "no"})
    assert "20160412-1235" in bad.content.decode() and not ConcernReport.objects.exists()


@pytest.mark.django_db
def test_a_report_is_routed_received_and_receipted_by_email(concerns_world, world,
                                                           django_capture_on_commit_callbacks):
    client = client_for(concerns_world["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("concerns:new"), {
            "child_name": "Tove Provsson", "child_age": "4", "observations": "Blåmärken på armen i morse.",
            "urgency": "acute", "family_informed": "not_safe", "interpreter": "somaliska"})
    report = ConcernReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("concerns:receipt", args=[report.pk])
    assert report.reference.startswith("ORO-") and report.municipality == world["municipality"]
    assert report.routed_by == "reporter_unit" and report.area.name == "Norra"
    assert report.reporter == concerns_world["teacher"] and report.reporter_sector == Sector.PRESCHOOL
    assert report.reporter_phone == "0155-10 20 30"
    run_queued_tasks()
    receipt = next(m for m in mail.outbox if m.to == [concerns_world["teacher"].user.email])
    assert report.reference in receipt.subject and "Tove" not in receipt.body
    acute = next(m for m in mail.outbox if m.to == [concerns_world["intake"].user.email])
    assert acute.subject.startswith("AKUT") and "Tove" not in acute.body


@pytest.mark.django_db
def test_routing_from_the_address_the_childs_unit_and_the_reporters_unit(concerns_world, world):
    other = concerns_world["other_municipality"]
    assert send(concerns_world["teacher"], child_address="Storgatan 1, 123 45 Annanstad").municipality == other
    by_town = send(concerns_world["teacher"], child_address="Ekvägen 2, 611 20 Testköping")
    assert by_town.routed_by == "address" and by_town.municipality == world["municipality"]
    known = concerns_world["plan"].child
    known.units.set([world["preschool_b"]])
    report = send(concerns_world["colleague"], child_number=known.personal_number, child_name="")
    assert report.child == known and report.child_unit == world["preschool_b"] and report.routed_by == "child_unit"
    assert report.area.name == "Södra"


@pytest.mark.django_db
def test_another_app_fills_in_what_it_knows(concerns_world, world):
    seen = []

    @prefill.provider("oro")
    def from_worry(actor, value):
        seen.append((actor.membership, value))
        if value != "7":
            return None
        return prefill.Prefill(child_name="Tove Provsson", child_age=4, child_unit=world["preschool_a"],
                               observations="Har slutat äta och blivit tyst (oro registrerad 3/5).")

    try:
        client = client_for(concerns_world["teacher"])
        page = client.get(reverse("concerns:new"), {"oro": "7"}).content.decode()
        assert "Tove Provsson" in page and "Har slutat äta" in page and "Förskolan Ekorren" in page
        token = page.split('name="prefilled" value="')[1].split('"')[0]
        client.post(reverse("concerns:new"), {"child_name": "Tove Provsson", "observations": "Har slutat äta.",
                                              "urgency": "normal", "family_informed": "yes", "prefilled": token})
        report = ConcernReport.objects.get()
        assert report.child_unit == world["preschool_a"]
        from tillsammans.core.models import AccessEvent

        assert AccessEvent.objects.get(object_type="concerns.concernreport", object_id=str(report.pk),
                                      action="create").detail["origin"] == "oro:7"
        for value in ("8", "x"):  # missing, or not the actor's: the same neutral answer
            other = client.get(reverse("concerns:new"), {"oro": value}).content.decode()
            assert "Inget kunde fyllas i" in other
        assert seen[0] == (concerns_world["teacher"], "7")
    finally:
        prefill.unregister("oro")
