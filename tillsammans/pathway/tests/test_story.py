"""Journey 11 through the services: a worry, a decision in 14 days, measures with the guardians, a
request to the forum, the forum's SIP with the lead named and the content carried over, and the
handover to the school – with every refusal the issue names."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tillsammans.childplans import rules
from tillsammans.childplans.models import Consent, CoordinatedPlan
from tillsammans.core import sms
from tillsammans.core.models import AccessEvent
from tillsammans.pathway import selectors, services, services_forum, services_handover
from tillsammans.pathway.models import ForumRequest, LogEntry
from tillsammans.pathway.tests.conftest import named_request, open_log
from tillsammans.testing.sip import actor_for, run_queued_tasks


@pytest.mark.django_db
def test_a_worry_is_validated_whole_and_keeps_what_was_typed(story):
    with pytest.raises(ValidationError) as error:
        services.worry_record(actor=actor_for(story["teacher"]), personal_number="20210304-0000", first_name="",
                              last_name="X", seen_heard=" ", arose_on=timezone.localdate() + timedelta(days=1))
    assert {"personal_number", "first_name", "seen_heard", "arose_on"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_the_decision_is_due_in_14_days_and_no_action_needs_reasons(story):
    worry = story["worry"]
    assert worry.decision_due == worry.arose_on + timedelta(days=14)
    with pytest.raises(ValidationError) as error:
        services.worry_decide(actor=actor_for(story["teacher"]), worry=worry, decision="no_action", note="nej")
    assert "note" in error.value.message_dict
    services.worry_decide(actor=actor_for(story["teacher"]), worry=worry, decision="unit_measures")
    assert worry.level == 1 and worry.decided_at is not None


@pytest.mark.django_db
def test_measures_need_a_responsible_in_the_log_and_a_date(story):
    log = open_log(story)
    teacher = actor_for(story["teacher"])
    with pytest.raises(ValidationError) as error:
        services.measure_add(actor=teacher, log=log, description="Lugn stund före lunch", responsible=story["nurse"],
                             evaluate_on=None)
    assert {"responsible", "evaluate_on"} <= set(error.value.message_dict)
    measure = services.measure_add(actor=teacher, log=log, description="Lugn stund före lunch",
                                   responsible=story["colleague"],
                                   evaluate_on=timezone.localdate() + timedelta(days=14))
    with pytest.raises(ValidationError) as error:
        services.evaluation_add(actor=teacher, measure=measure, outcome="Äter lite mer", status="ongoing")
    assert "next_evaluation" in error.value.message_dict
    services.evaluation_add(actor=teacher, measure=measure, outcome="Äter som vanligt igen", status="done")
    measure.refresh_from_db()
    assert measure.status == "done" and measure.evaluations.count() == 1
    assert [e.text for e in LogEntry.objects.filter(log=log)][-1].startswith("Åtgärden har utvärderats")


@pytest.mark.django_db
def test_only_people_in_the_childs_unit_can_be_named(story):
    with pytest.raises(ValidationError) as error:
        services.relay_log_open(actor=actor_for(story["teacher"]), worry=story["worry"],
                                guardians=[story["mother"], story["father"]], categories=story["categories"],
                                team=[story["nurse"]])
    assert "team" in error.value.message_dict


@pytest.mark.django_db
def test_a_request_without_a_consent_covering_the_forum_is_refused_with_the_reason(story):
    open_log(story)
    with pytest.raises(ValidationError) as error:
        named_request(story, guardians=[story["mother"]])  # joint custody: one guardian is not enough
    message = " ".join(error.value.message_dict["consent"])
    assert "BVC Norra" in message and "Socialtjänsten Testköping" in message and "Förskolan Ekorren" in message
    assert not ForumRequest.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_question_may_hold_no_personal_data(story):
    with pytest.raises(ValidationError) as error:
        services_forum.request_submit(actor=actor_for(story["teacher"]), worry=story["worry"], forum=story["forum"],
                                      question=f"Gäller {story['worry'].child.personal_number}")
    assert "question" in error.value.message_dict


@pytest.mark.django_db
def test_the_forum_decides_a_sip_with_the_lead_named_and_the_content_carried_over(
        story, django_capture_on_commit_callbacks, mailoutbox):
    log = open_log(story)
    services.measure_add(actor=actor_for(story["teacher"]), log=log, description="Extra vuxenstöd vid måltider",
                         responsible=story["teacher"], evaluate_on=timezone.localdate() + timedelta(days=10))
    request = named_request(story)
    assert request.meeting == story["meeting"] and request.age_band == "3-5"
    assert request.area == story["world"]["district_a"]
    convener = actor_for(story["convener"])
    with pytest.raises(ValidationError) as error:
        services_forum.request_decide(actor=convener, request=request, decision="sip", reason="", lead=None)
    assert {"reason", "lead"} <= set(error.value.message_dict)
    with django_capture_on_commit_callbacks(execute=True):
        services_forum.request_decide(actor=convener, request=request, decision="sip",
                                      reason="BVC och socialtjänsten behöver samordna stödet.", lead=story["sip_lead"])
    run_queued_tasks()
    plan = CoordinatedPlan.objects.get(child=story["worry"].child)
    assert plan.lead_membership == story["sip_lead"] and request.plan == plan
    assert "Behöver stöd från BVC och socialtjänst." in plan.reason and "äter inte" in plan.reason
    assert Consent.objects.get(pk=request.consent_id).plan == plan  # the consent carried over
    assert [i.description for i in plan.interventions.all()] == ["Extra vuxenstöd vid måltider"]
    assert set(plan.participants.values_list("membership_id", flat=True)) == {story["sip_lead"].pk, story["teacher"].pk}
    assert rules.access_basis(actor_for(story["sip_lead"]), plan) == "lead"
    assert rules.access_basis(actor_for(story["teacher"]), plan) == "participant"
    recipients = {address for message in mailoutbox for address in message.to}
    assert {story["teacher"].user.email, "vh1@exempel.invalid"} <= recipients
    assert all(story["worry"].child.first_name not in m.body for m in mailoutbox)
    assert [to for to, _body in sms.outbox] == ["+46701112233"]
    request.refresh_from_db()
    assert request.requester_told_at and request.family_told_at
    assert request.tell_by == timezone.localdate() + timedelta(days=5)


@pytest.mark.django_db
def test_support_from_one_service_names_a_contact_who_is_told(story, django_capture_on_commit_callbacks, mailoutbox):
    request = services_forum.request_submit(actor=actor_for(story["teacher"]), worry=story["worry"],
                                            forum=story["forum"], question="Behöver vi mer än förskolans stöd?")
    with pytest.raises(ValidationError) as error:
        services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="one_service",
                                      reason="BVC erbjuder hembesök och stöd kring måltider.")
    assert "service_contact" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="one_service",
                                      reason="BVC erbjuder hembesök och stöd kring måltider.",
                                      service_contact=story["nurse"])
    run_queued_tasks()
    assert any(story["nurse"].user.email in m.to for m in mailoutbox)
    request.refresh_from_db()
    assert request.family_told_at is None  # anonymous: the requesting unit tells the family itself
    services_forum.family_told(actor=actor_for(story["teacher"]), request=request)
    assert request.family_told_at is not None


@pytest.mark.django_db
def test_a_sip_needs_the_consent(story):
    request = services_forum.request_submit(actor=actor_for(story["teacher"]), worry=story["worry"],
                                            forum=story["forum"], question="Behöver vi samordnad plan?")
    with pytest.raises(ValidationError) as error:
        services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="sip",
                                      reason="Behov av samordning mellan flera huvudmän.", lead=story["sip_lead"])
    assert "decision" in error.value.message_dict


@pytest.mark.django_db
def test_handover_refused_without_a_recipient_and_recorded_in_the_log_and_access_log(story):
    log = open_log(story)
    teacher = actor_for(story["teacher"])
    with pytest.raises(ValidationError) as error:
        services_handover.handover_offer(actor=teacher, log=log, to_unit=story["world"]["preschool_b"], recipient=None,
                                         guardians=[story["mother"], story["father"]], categories=story["categories"])
    assert "recipient" in error.value.message_dict
    handover = services_handover.handover_offer(
        actor=teacher, log=log, to_unit=story["world"]["preschool_b"], recipient=story["school"],
        guardians=[story["mother"], story["father"]], categories=story["categories"], note="Trivs med lugna lekar.")
    with pytest.raises(ValidationError):
        services_handover.handover_confirm(actor=teacher, handover=handover)  # only the recipient confirms
    services_handover.handover_confirm(actor=actor_for(story["school"]), handover=handover)
    log.refresh_from_db()
    assert log.unit == story["world"]["preschool_b"] and log.family_contact == story["school"]
    assert rules.worry_basis(teacher, story["worry"]) is None
    texts = list(LogEntry.objects.filter(log=log).values_list("text", flat=True))
    assert any("Förskolan Älgen" in t and "bekräftat" in t for t in texts)
    event = AccessEvent.objects.filter(object_type="pathway.handover", detail__confirmed=True).get()
    assert event.detail["access_ended_for"] == sorted([story["teacher"].pk, story["colleague"].pk])
    assert event.person_id == str(story["worry"].child.pk)


@pytest.mark.django_db
def test_report_prefill_checks_access_and_logs_the_read(story):
    open_log(story)
    data = selectors.report_prefill(actor_for(story["colleague"]), worry=story["worry"])
    assert data["personal_number"] == story["worry"].child.personal_number
    assert "äter inte" in data["observations"]
    assert AccessEvent.objects.filter(detail__via="report_prefill").count() == 1
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        selectors.report_prefill(actor_for(story["outsider"]), worry=story["worry"])
    request = services_forum.request_submit(actor=actor_for(story["teacher"]), worry=story["worry"],
                                            forum=story["forum"], question="Hur går vi vidare?")
    with pytest.raises(PermissionDenied):  # an anonymous request: the forum does not know the child
        selectors.report_prefill(actor_for(story["nurse"]), request=request)
