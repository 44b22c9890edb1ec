"""The young person's own voice: their request from 15 goes to a lead, their own consent counts
where the law allows it, and an objection blocks until the lead records a reasoned decision."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules, services, voice
from tillsammans.childplans.categories import ensure_categories
from tillsammans.childplans.legal import references
from tillsammans.childplans.models import ConsentGiver, CoordinatedPlan, PlanStatus, YoungPersonRequest
from tillsammans.core.identity import fictional_number
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

SIXTEEN = fictional_number(date(2010, 3, 3), 7)


def _request(sip, **extra):
    data = {"personal_number": SIXTEEN, "first_name": "Sam", "last_name": "Sextonsson",
            "own_words": "Jag vill ha hjälp med skolan och att må bättre.", "heard_how": "Samtal hos kuratorn",
            "lead": sip["lead"].pk, "without_guardians": "on"}
    return data | extra


@pytest.mark.django_db
def test_a_young_persons_request_goes_to_the_lead_who_starts_the_plan(sip):
    response = client_for(sip["nurse"]).post(reverse("childplans:young_request"), _request(sip))
    assert response.status_code == 200 and "Din förfrågan är registrerad" in response.content.decode()
    request = YoungPersonRequest.objects.get()
    assert request.lead == sip["lead"] and request.recorded_by == sip["nurse"]
    listing = client_for(sip["lead"]).get(reverse("childplans:young_requests"))
    assert listing.status_code == 200 and "Sam Sextonsson" in listing.content.decode()
    accept = reverse("childplans:young_request_accept", args=[request.pk])
    assert client_for(sip["outsider"]).post(accept).status_code == 403  # staff may not start plans
    other_lead = MembershipFactory(role=Role.SIP_LEAD, unit=sip["outsider"].unit)
    assert client_for(other_lead).post(accept).status_code == 404  # not addressed to them
    assert client_for(sip["lead"]).get(accept).status_code == 405
    response = client_for(sip["lead"]).post(accept)
    plan = CoordinatedPlan.objects.get(child__personal_number=SIXTEEN)
    assert response.status_code == 302 and plan.childs_view.startswith("Jag vill")


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("nurse", 200), ("lead", 200), ("admin", 403), ("auditor", 403)])
def test_who_may_record_a_young_persons_request(sip, who, status):
    assert client_for(sip[who]).get(reverse("childplans:young_request")).status_code == status
    if who in ("admin", "auditor"):
        assert client_for(sip[who]).get(reverse("childplans:young_requests")).status_code == 403


@pytest.mark.django_db
def test_a_request_for_a_child_under_15_is_refused_before_any_look_up(sip):
    response = client_for(sip["nurse"]).post(reverse("childplans:young_request"),
                                             _request(sip, personal_number=sip["number"]))
    assert response.status_code == 200 and "från 15 år" in response.content.decode()
    assert not YoungPersonRequest.objects.exists()


@pytest.mark.django_db
def test_the_young_persons_own_consent_counts_from_15(sip, world):
    lead = actor_for(sip["lead"])
    plan = services.plan_start(actor=lead, personal_number=SIXTEEN, first_name="Sam",
                               last_name="Sextonsson").plan
    services.participant_add(actor=lead, plan=plan, membership=sip["nurse"])
    services.consent_record(actor=lead, plan=plan, receiving_units=[world["bvc_a"]],
                            categories=ensure_categories(), given_by=ConsentGiver.YOUNG_PERSON,
                            child_view="Jag vill att BVC får veta.", child_heard_how="Samtal")
    assert rules.access_basis(actor_for(sip["nurse"]), plan) == "participant"
    with pytest.raises(ValidationError) as error:  # not for the 10-year-old
        services.consent_record(actor=lead, plan=sip["plan"], receiving_units=[world["bvc_a"]],
                                categories=ensure_categories(), given_by=ConsentGiver.YOUNG_PERSON,
                                child_heard_how="Samtal")
    assert "given_by" in error.value.message_dict


@pytest.mark.django_db
def test_an_objection_to_a_unit_blocks_it_until_the_lead_decides(sip, world):
    lead = actor_for(sip["lead"])
    plan = sip["plan"]
    services.plan_update(actor=lead, plan=plan, lead_principal=plan.lead_membership.unit.authority.principal)
    nurse = actor_for(sip["nurse"])
    assert rules.access_basis(nurse, plan) == "participant"
    url = reverse("childplans:objection_add", args=[plan.pk])
    assert client_for(sip["outsider"]).get(url).status_code == 404
    response = client_for(sip["social"]).post(url, {"unit": sip["nurse"].unit.pk, "words": "Jag vill inte att BVC vet.",
                                                    "heard_how": "Enskilt samtal"})
    assert response.status_code == 302
    objection = plan.objections.get()
    assert rules.access_basis(nurse, plan) is None  # blocked at once
    with pytest.raises(ValidationError):  # and the plan cannot be activated
        services.plan_update(actor=lead, plan=plan, status=PlanStatus.INVITED)
    decide = reverse("childplans:objection_decide", args=[plan.pk, objection.pk])
    assert client_for(sip["social"]).get(decide).status_code == 404
    short = client_for(sip["lead"]).post(decide, {"decision": "overridden", "reason": "Nej."})
    assert short.status_code == 200 and 'id="error-summary"' in short.content.decode()
    response = client_for(sip["lead"]).post(decide, {
        "decision": "overridden", "reason": "BVC behövs för sömnutredningen; den unges oro bemöts genom samtal."})
    assert response.status_code == 302
    assert rules.access_basis(nurse, plan) == "participant"
    event = AccessEvent.objects.filter(detail__young_person_objection=True, detail__decision="overridden").get()
    assert "planen fortsätter trots invändningen" in event.detail["description"]
    page = client_for(sip["lead"]).get(reverse("childplans:plan", args=[plan.pk])).content.decode()
    assert "BVC behövs för sömnutredningen" in page
    review = client_for(sip["auditor"]).get(reverse("logreview:review")).content.decode()
    assert "Beslut om den unges invändning" in review


@pytest.mark.django_db
def test_an_upheld_objection_keeps_the_unit_out(sip):
    lead = actor_for(sip["lead"])
    objection = voice.objection_record(actor=lead, plan=sip["plan"], unit=sip["nurse"].unit,
                                       words="Inte BVC.", heard_how="Samtal")
    voice.objection_decide(actor=lead, objection=objection, decision="upheld",
                           reason="Den unge är mogen nog och frågan gäller den unges egen hälsa.")
    assert rules.access_basis(actor_for(sip["nurse"]), sip["plan"]) is None
    with pytest.raises(Exception):  # noqa: B017 - only the lead decides
        voice.objection_decide(actor=actor_for(sip["social"]), objection=objection, decision="overridden",
                               reason="Ett annat beslut av någon annan än samordnaren.")


def test_legal_references_are_data():
    refs = references()
    assert {"young_person_request", "childs_secrecy_against_guardians", "joint_custody"} <= set(refs)
    assert all(r.citation and r.summary for r in refs.values())


def _queries_outside_the_log(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len([q for q in queries.captured_queries
                if "core_accessevent" not in q["sql"] and "core_auditcheckpoint" not in q["sql"]
                and "SAVEPOINT" not in q["sql"]])


@pytest.mark.django_db
def test_the_lists_of_requests_and_emergencies_take_the_same_queries_at_3_and_30_rows(sip, world):
    """Apart from the one access event per row, the lists read with a fixed number of queries."""
    from tillsammans.childplans.models import EmergencyAccess
    from tillsammans.childplans.models_voice import YoungPersonRequest as Request

    lead, client = sip["lead"], client_for(sip["lead"])
    counts = {}
    for size in (3, 30):
        existing = Request.objects.count()
        for index in range(existing, size):
            Request.objects.create(personal_number=fictional_number(date(2010, 1, 1 + index % 28), index),
                                   first_name="Ung", last_name=f"Person{index}", own_words="Hjälp",
                                   heard_how="Samtal", lead=lead, recorded_by=sip["nurse"])
            EmergencyAccess.objects.create(plan=sip["plan"], membership=sip["outsider"], legal_ground="emergency",
                                           reason="Akut läge i demo av frågeantal.",
                                           expires_at=sip["plan"].created_at, confirm_by=sip["plan"].created_at)
        counts[size] = (_queries_outside_the_log(client, reverse("childplans:young_requests")),
                        _queries_outside_the_log(client, reverse("childplans:emergency_to_confirm")))
    assert counts[3] == counts[30], counts


@pytest.mark.django_db
def test_the_young_person_withdraws_their_own_consent_through_the_form(sip, world):
    lead = actor_for(sip["lead"])
    plan = services.plan_start(actor=lead, personal_number=SIXTEEN, first_name="Sam",
                               last_name="Sextonsson").plan
    services.participant_add(actor=lead, plan=plan, membership=sip["nurse"])
    consent = services.consent_record(actor=lead, plan=plan, receiving_units=[world["bvc_a"]],
                                      categories=ensure_categories(), given_by=ConsentGiver.YOUNG_PERSON,
                                      child_view="Ja.", child_heard_how="Samtal")
    assert rules.access_basis(actor_for(sip["nurse"]), plan) == "participant"
    url = reverse("childplans:consent_withdraw", args=[plan.pk, consent.pk])
    response = client_for(sip["lead"]).post(url, {"guardian": "", "units": [world["bvc_a"].pk]})
    assert response.status_code == 302
    assert rules.access_basis(actor_for(sip["nurse"]), plan) is None
