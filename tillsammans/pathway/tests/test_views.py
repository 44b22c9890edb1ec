"""The pathway's pages, in Swedish, as the roles use them: what is shown, what is refused with the
reason, and one access event per child shown."""

import subprocess
from datetime import timedelta

import pikepdf
import pytest
from django.urls import reverse
from django.utils import timezone

from tillsammans.core.models import AccessEvent
from tillsammans.pathway import services_structure
from tillsammans.pathway.models import ForumRequest, Worry
from tillsammans.pathway.tests.conftest import open_log
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


def body(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_teacher_records_a_worry_and_opens_the_relay_log_through_the_pages(story):
    teacher = client_for(story["teacher"])
    response = teacher.post(reverse("pathway:worry_create"), {
        "personal_number": "19000101-0000", "first_name": "Alma", "last_name": "Provsson",
        "arose_on": timezone.localdate().isoformat(), "seen_heard": ""})
    assert response.status_code == 200 and "inte ett giltigt" in body(response) and "Alma" in body(response)
    assert not Worry.objects.filter(child__first_name="Alma").exists()
    worry = story["worry"]
    response = teacher.get(reverse("pathway:worry", args=[worry.pk]))
    assert response.status_code == 200 and "Tove Provlund" in body(response)
    assert "Öppna en stafettlogg" in body(response)
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    assert AccessEvent.objects.filter(object_type="pathway.worry", object_id=str(worry.pk), action="read").count() == 1
    response = teacher.post(reverse("pathway:log_open", args=[worry.pk]), {
        "given_by": "guardians", "guardians": [story["mother"].pk, story["father"].pk],
        "categories": [c.pk for c in story["categories"]], "family_contact": story["teacher"].pk,
        "team": [story["colleague"].pk]})
    assert response.status_code == 302
    response = teacher.post(reverse("pathway:measure_add", args=[worry.pk]), {
        "description": "Lugn stund före lunch", "responsible": story["colleague"].pk,
        "evaluate_on": (timezone.localdate() + timedelta(days=14)).isoformat(), "agreed_with_guardians": "on"})
    assert response.status_code == 302
    page = body(client_for(story["colleague"]).get(reverse("pathway:worry", args=[worry.pk])))
    assert "Lugn stund före lunch" in page and "Överenskomna åtgärder" in page
    assert client_for(story["unnamed"]).get(reverse("pathway:worry", args=[worry.pk])).status_code == 404
    assert client_for(story["nurse"]).get(reverse("pathway:worry_edit", args=[worry.pk])).status_code == 404


@pytest.mark.django_db
def test_the_forum_sees_the_anonymous_summary_until_the_consent_names_it(story):
    open_log(story)
    teacher = client_for(story["teacher"])
    worry = story["worry"]
    response = teacher.post(reverse("pathway:request_add", args=[worry.pk]), {
        "forum": story["forum"].pk, "question": "Hur stöttar vi ett barn som slutat äta?", "given_by": "guardians"})
    assert response.status_code == 302
    request = ForumRequest.objects.get()
    nurse = client_for(story["nurse"])
    page = body(nurse.get(reverse("pathway:request", args=[request.pk])))
    assert "Anonym sammanfattning" in page and "3–5 år" in page and "Tove" not in page
    assert not AccessEvent.objects.filter(object_type="pathway.forumrequest", action="read").exists()
    response = teacher.post(reverse("pathway:request_name", args=[request.pk]), {
        "given_by": "guardians", "guardians": [story["mother"].pk], "categories": [story["categories"][0].pk]})
    assert response.status_code == 200 and "Samtycket omfattar inte alla forumets verksamheter" in body(response)
    response = teacher.post(reverse("pathway:request_name", args=[request.pk]), {
        "given_by": "guardians", "guardians": [story["mother"].pk, story["father"].pk],
        "categories": [story["categories"][0].pk]})
    assert response.status_code == 302
    page = body(nurse.get(reverse("pathway:request", args=[request.pk])))
    assert "Tove Provlund" in page and "äter inte" in page
    listing = body(client_for(story["convener"]).get(reverse("pathway:forum", args=[story["forum"].pk])))
    assert f"Ärende {request.pk}" in listing and "Tove" in listing


@pytest.mark.django_db
def test_the_convener_decides_a_sip_in_the_page(story):
    from tillsammans.pathway.tests.conftest import named_request

    open_log(story)
    request = named_request(story)
    convener = client_for(story["convener"])
    url = reverse("pathway:request_decide", args=[request.pk])
    response = convener.post(url, {"decision": "sip", "reason": "kort"})
    assert response.status_code == 200 and "minst en hel mening" in body(response)
    assert "Utse SIP-samordnaren" in body(response)
    response = convener.post(url, {"decision": "sip", "reason": "Samordning mellan BVC och socialtjänst behövs.",
                                   "lead": story["sip_lead"].pk})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.plan is not None and request.plan.lead_membership == story["sip_lead"]
    assert client_for(story["teacher"]).post(url, {"decision": "no_action", "reason": "x" * 30}).status_code == 404


@pytest.mark.django_db
def test_the_school_confirms_the_handover_and_the_preschool_loses_the_log(story):
    open_log(story)
    worry = story["worry"]
    teacher = client_for(story["teacher"])
    url = reverse("pathway:handover_add", args=[worry.pk])
    assert "Välj först" in body(teacher.get(url))
    to_unit = story["world"]["preschool_b"]
    response = teacher.post(f"{url}?enhet={to_unit.pk}", {"given_by": "guardians", "recipient": "",
                                                          "guardians": [story["mother"].pk, story["father"].pk],
                                                          "categories": [story["categories"][0].pk]})
    assert response.status_code == 200 and "En överlämning utan mottagare är inte möjlig" in body(response)
    response = teacher.post(f"{url}?enhet={to_unit.pk}", {"given_by": "guardians", "recipient": story["school"].pk,
                                                          "guardians": [story["mother"].pk, story["father"].pk],
                                                          "categories": [story["categories"][0].pk]})
    assert response.status_code == 302
    handover = worry.relay_log.handovers.get()
    school = client_for(story["school"])
    confirm_url = reverse("pathway:handover_confirm", args=[handover.pk])
    assert "Bekräfta att vi tar emot loggen" in body(school.get(confirm_url))
    assert school.post(reverse("pathway:handover_confirm", args=[handover.pk])).status_code == 302
    assert teacher.get(reverse("pathway:worry", args=[worry.pk])).status_code == 404
    assert "Förskolan Älgen" in body(school.get(reverse("pathway:worry", args=[worry.pk])))


@pytest.mark.django_db
def test_a_worry_past_its_deadline_stands_out_for_the_author_and_the_manager(story):
    Worry.objects.filter(pk=story["worry"].pk).update(arose_on=timezone.localdate() - timedelta(days=20),
                                                      decision_due=timezone.localdate() - timedelta(days=6))
    page = body(client_for(story["teacher"]).get(reverse("core:home")))
    assert "Oro som passerat tidsgränsen" in page and "Tove Provlund" in page and "6 dagar efter tidsgränsen" in page
    page = body(client_for(story["manager"]).get(reverse("core:home")))
    assert "Oro i verksamheten som passerat tidsgränsen" in page and "Tove" not in page


@pytest.mark.django_db
def test_the_coordinator_writes_the_pathway_and_everyone_reads_and_prints_it(story, tmp_path):
    coordinator = client_for(story["convener"])
    response = coordinator.post(reverse("pathway:pathway_create"), {
        "principal": story["world"]["municipality"].pk, "name": "Handlingsvägledning Testköping",
        "intro": "För alla som möter barn.", "decision_days": 14, "tell_within_days": 5})
    assert response.status_code == 302
    pathway = story["world"]["municipality"].pathway
    level = pathway.levels.get(number=1)
    url = reverse("pathway:level_edit", args=[pathway.pk, level.pk])
    response = coordinator.post(url, {"title": "Nivå 1", "steps": f"Ring om {story['worry'].child.personal_number}"})
    assert response.status_code == 200 and "utan personuppgifter" in body(response)
    response = coordinator.post(url, {"title": "Nivå 1: I förskolan", "steps": "Samtal\nPlan", "deadline_days": 30,
                                      "contacts": [story["nurse"].pk]})
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert pathway.version == 2 and pathway.versions.count() == 2
    teacher = client_for(story["teacher"])
    assert teacher.get(reverse("pathway:home")).url == reverse("pathway:pathway", args=[pathway.pk])
    page = body(teacher.get(reverse("pathway:pathway", args=[pathway.pk])))
    assert "Nivå 1: I förskolan" in page and story["nurse"].user.get_full_name() in page and "Ändra nivå" not in page
    assert teacher.get(reverse("pathway:level_edit", args=[pathway.pk, level.pk])).status_code == 403
    response = teacher.get(reverse("pathway:pathway_pdf", args=[pathway.pk]))
    path = tmp_path / "vag.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Handlingsvägledning Testköping" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nivå 1: I förskolan" in text and "Version 2" in text
    with pikepdf.open(path) as document:
        assert str(document.Root.Lang) == "sv"


@pytest.mark.django_db
def test_a_second_pathway_for_the_same_municipality_is_refused(story):
    actor = actor_for(story["convener"])
    services_structure.pathway_create(actor=actor, principal=story["world"]["municipality"], name="Vägledning")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services_structure.pathway_create(actor=actor, principal=story["world"]["municipality"], name="Igen")
    assert "principal" in error.value.message_dict


@pytest.mark.django_db
def test_the_report_of_concern_opens_filled_in_from_the_worry(story):
    worry = story["worry"]
    open_log(story)
    url = reverse("pathway:worry", args=[worry.pk])
    page = body(client_for(story["teacher"]).get(url))
    link = f"{reverse('concerns:new')}?oro={worry.pk}"
    assert link in page
    form = body(client_for(story["colleague"]).get(link))
    assert "äter inte" in form and worry.child.personal_number[:8] in form
    assert AccessEvent.objects.filter(detail__via="report_prefill", object_id=str(worry.pk)).count() == 1
    assert "äter inte" not in body(client_for(story["outsider"]).get(link))
