"""The plan's story: guardians, consents (given, withdrawn, expired), participants and emergency
accesses in the version history; a SIP meeting's record is a version; the family is invited by
e-mail without names; the responsible person is a participant; ratings say who rated, the chart
compares like with like, and dates after today are refused."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import meetings, selectors, services, services_goals
from tillsammans.childplans.models import LegalGround, PlanVersion
from tillsammans.childplans.versions import record_expired_consents
from tillsammans.childplans.wellbeing import CODES
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for, run_queued_tasks


@pytest.mark.django_db
def test_the_history_tells_guardians_consents_participants_and_emergencies(sip):
    lead = actor_for(sip["lead"])
    services.consent_withdraw(actor=lead, consent=sip["consent"], guardian=sip["mother"],
                              units=[sip["nurse"].unit])
    services.emergency_open(actor=actor_for(sip["outsider"]), personal_number=sip["number"],
                            legal_ground=LegalGround.EMERGENCY, reason="Akut läge, behöver se insatserna nu.")
    history = client_for(sip["social"]).get(reverse("childplans:history", args=[sip["plan"].pk])).content.decode()
    for expected in ("Vårdnadshavare 1, vårdnad", "Samtycke givet", "Deltagare tillagd",
                     "BVC Norra: vårdnadshavare 1, återkallat", "Samtycke återkallat",
                     "Nödåtkomst: Förskolan Älgen", "Nödsituation – fara för barnets liv eller hälsa"):
        assert expected in history, expected
    assert "Vårdnadshavare Ett" not in history  # guardians are numbered, never named


@pytest.mark.django_db
def test_an_expired_consent_becomes_a_version_with_nobody_acting(sip):
    consent = sip["consent"]
    consent.valid_from = timezone.localdate() - timedelta(days=30)
    consent.valid_to = timezone.localdate() - timedelta(days=1)
    consent.save()
    assert record_expired_consents() == 1
    version = PlanVersion.objects.filter(plan=sip["plan"]).first()
    assert version.note == "Samtycke utgånget"
    assert any("utgånget" in line for line in version.snapshot["samtycken"])


@pytest.mark.django_db
def test_a_meeting_record_is_a_version_and_the_family_is_invited_without_names(
        sip, django_capture_on_commit_callbacks):
    lead = actor_for(sip["lead"])
    start = timezone.make_aware(datetime(2026, 12, 3, 13, 0))
    meeting = meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start, ends_at=start.replace(hour=15),
                                place="Förskolan Ekorren")
    sip["mother"].email, sip["mother"].protected_identity = "mamma@example.org", True
    sip["mother"].save()
    child = sip["plan"].child
    child.email = "ella@example.org"
    child.save()
    url = reverse("childplans:meeting_record", args=[sip["plan"].pk, meeting.pk])
    assert client_for(sip["nurse"]).get(url).status_code == 404
    assert client_for(sip["auditor"]).get(url).status_code == 403
    before = PlanVersion.objects.count()
    response = client_for(sip["lead"]).post(url, {
        "attended": [sip["lead"].pk, sip["nurse"].pk], "child_attended": "on",
        "guardians_attended": [sip["mother"].pk], "agreed": "BVC ger sömnstöd; skolan anpassar schemat.",
        "next_meeting": "2027-02-15"})
    assert response.status_code == 302
    assert PlanVersion.objects.count() == before + 1
    version = PlanVersion.objects.first()
    assert any("barnet deltog" in line and "1 vårdnadshavare deltog" in line for line in version.snapshot["moten"])
    page = client_for(sip["nurse"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    assert "BVC ger sömnstöd" in page and "Skyddad identitet" in page
    invite = reverse("childplans:meeting_invite_family", args=[sip["plan"].pk, meeting.pk])
    assert client_for(sip["nurse"]).get(invite).status_code == 404
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sip["lead"]).post(invite, {"recipients": [f"guardian-{sip['mother'].pk}", "child"]})
    assert response.status_code == 302
    run_queued_tasks()
    family = [m for m in mail.outbox if m.to[0] in ("mamma@example.org", "ella@example.org")]
    assert len(family) == 2
    for message in family:
        text = message.body + "".join(str(a[1]) for a in message.attachments)
        assert "Ella" not in text and "Testberg" not in text and "Vårdnadshavare" not in text
        assert "mamma@example.org" not in text or message.to == ["mamma@example.org"]


@pytest.mark.django_db
def test_the_responsible_person_is_picked_among_participants(sip, world):
    lead = actor_for(sip["lead"])
    intervention = services_goals.intervention_add(actor=lead, plan=sip["plan"], description="Sömnskola",
                                                   principal=world["region"], responsible_membership=sip["nurse"])
    assert intervention.responsible_membership == sip["nurse"]
    with pytest.raises(ValidationError):
        services_goals.intervention_add(actor=lead, plan=sip["plan"], description="Annat",
                                        principal=world["region"], responsible_membership=sip["outsider"])
    page = client_for(sip["lead"]).get(reverse("childplans:intervention_add", args=[sip["plan"].pk]))
    assert sip["nurse"].user.get_full_name() in page.content.decode()
    assert sip["outsider"].user.get_full_name() not in page.content.decode()


@pytest.mark.django_db
def test_ratings_say_who_rated_compare_like_with_like_and_refuse_the_future(sip):
    lead = actor_for(sip["lead"])
    today = timezone.localdate()
    for by, value, days in (("child", 2, 60), ("professionals", 3, 50), ("guardian", 1, 40),
                            ("child", 4, 10), ("professionals", 5, 5)):
        services_goals.assessment_add(actor=lead, plan=sip["plan"], ratings=dict.fromkeys(CODES, value), by=by,
                                      assessed_on=today - timedelta(days=days))
    context = selectors.wellbeing_context(list(sip["plan"].assessments.all()))
    assert str(context["radar_by"]) == "Yrkespersonerna"
    assert "(Yrkespersonerna)" in context["radar"] and "(Barnet)" not in context["radar"]
    with pytest.raises(ValidationError) as error:
        services_goals.assessment_add(actor=lead, plan=sip["plan"], ratings=dict.fromkeys(CODES, 3), by="child",
                                      assessed_on=today + timedelta(days=1))
    assert "assessed_on" in error.value.message_dict
    response = client_for(sip["lead"]).post(reverse("childplans:assessment_add", args=[sip["plan"].pk]), {
        "by": "guardian", "assessed_on": (today + timedelta(days=2)).isoformat(),
        **dict.fromkeys(CODES, "3")})
    assert response.status_code == 200 and "efter i dag" in response.content.decode()


@pytest.mark.django_db
def test_each_new_child_data_page_writes_exactly_one_access_event(sip):
    from tillsammans.childplans import voice
    from tillsammans.core.models import AccessEvent

    lead = actor_for(sip["lead"])
    start = timezone.make_aware(datetime(2026, 12, 3, 13, 0))
    meeting = meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start, ends_at=start.replace(hour=15),
                                place="Förskolan Ekorren")
    objection = voice.objection_record(actor=lead, plan=sip["plan"], unit=sip["nurse"].unit, words="Nej.",
                                       heard_how="Samtal")
    plan = sip["plan"]
    urls = [reverse("childplans:objection_add", args=[plan.pk]),
            reverse("childplans:objection_decide", args=[plan.pk, objection.pk]),
            reverse("childplans:meeting_record", args=[plan.pk, meeting.pk]),
            reverse("childplans:meeting_invite_family", args=[plan.pk, meeting.pk])]
    client = client_for(sip["lead"])
    for url in urls:
        before = AccessEvent.objects.filter(person_type="child", person_id=str(plan.child.pk)).count()
        assert client.get(url).status_code == 200, url
        after = AccessEvent.objects.filter(person_type="child", person_id=str(plan.child.pk)).count()
        assert after - before == 1, url
