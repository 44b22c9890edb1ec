"""Consent in the family's hands: with joint custody the plan waits for both; a withdrawal ends that
unit's access at its next request; every act is recorded with the method, the identity and the time."""

import time

import pytest
from django.core import mail
from django.test import Client

from tillsammans.childplans import rules
from tillsammans.childplans.models import Consent, ConsentForm, PlanStatus
from tillsammans.core.models import AccessEvent
from tillsammans.family.models import FamilyAct
from tillsammans.family.subject import SESSION_KEY
from tillsammans.family.tests.conftest import FATHER, MOTHER
from tillsammans.testing.clients import client_for
from tillsammans.testing.family import e_id_login
from tillsammans.testing.sip import run_queued_tasks

pytestmark = pytest.mark.django_db


def _withdraw_everything(sip):
    from tillsammans.childplans import services
    from tillsammans.testing.sip import actor_for

    for guardian in (sip["mother"], sip["father"]):
        services.consent_withdraw(actor=actor_for(sip["lead"]), consent=sip["consent"], guardian=guardian,
                                  units=list(sip["consent"].receiving_units.all()))


def test_with_joint_custody_both_guardians_consent_in_the_portal_and_the_plan_becomes_active(
        family, mother_client, father_client, world, django_capture_on_commit_callbacks):
    plan, nurse = family["plan"], client_for(family["nurse"])
    _withdraw_everything(family)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSENT_WITHDRAWN
    assert nurse.get(f"/planer/{plan.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = mother_client.post(f"/familj/plan/{plan.pk}/samtycke/nytt/", {
            "units": [world["bvc_a"].pk], "categories": [c.pk for c in family["consent"].categories.all()],
            "valid_to": "2099-01-01"})
    assert response.status_code == 400  # more than a year: the form says so and keeps what was typed
    assert "Ett samtycke gäller högst ett år." in response.content.decode()
    from datetime import timedelta

    from django.utils import timezone

    valid_to = (timezone.localdate() + timedelta(days=200)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = mother_client.post(f"/familj/plan/{plan.pk}/samtycke/nytt/", {
            "units": [world["bvc_a"].pk], "categories": [c.pk for c in family["consent"].categories.all()],
            "valid_to": valid_to})
    assert response.status_code == 302
    consent = Consent.objects.filter(plan=plan, form=ConsentForm.EID).get()
    assert consent.recorded_by is None
    assert rules.covered_units([plan.pk])[plan.pk] == set()  # the plan waits for the father
    assert nurse.get(f"/planer/{plan.pk}/").status_code == 404
    page = father_client.get(f"/familj/plan/{plan.pk}/samtycke/").content.decode()
    assert "väntar på ditt svar" in page and "Väntar på en vårdnadshavares samtycke." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = father_client.post(f"/familj/plan/{plan.pk}/samtycke/{consent.pk}/instam/",
                                      {"units": [world["bvc_a"].pk]})
    assert response.status_code == 302
    assert rules.covered_units([plan.pk])[plan.pk] == {world["bvc_a"].pk}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PREPARING
    assert nurse.get(f"/planer/{plan.pk}/").status_code == 200
    acts = list(FamilyAct.objects.filter(consent=consent).order_by("pk"))
    assert [(a.act, a.identity_number, a.method) for a in acts] == [
        ("give", MOTHER, "e-id"), ("join", FATHER, "e-id")]
    assert all(a.assurance == "http://id.elegnamnden.se/loa/1.0/loa3" and a.authenticated_at for a in acts)
    run_queued_tasks()
    assert sum("SIP" in m.subject and "samtycke" in m.subject for m in mail.outbox) == 2  # the lead is told
    events = AccessEvent.objects.filter(object_type="childplans.consent", user_label__startswith="family:")
    assert {e.user_label for e in events} == {f"family:{MOTHER[:8]}-{MOTHER[8:]}", f"family:{FATHER[:8]}-{FATHER[8:]}"}


def test_a_withdrawal_in_the_portal_ends_that_units_access_on_its_next_request(
        family, mother_client, world, django_capture_on_commit_callbacks):
    plan, consent = family["plan"], family["consent"]
    nurse, social = client_for(family["nurse"]), client_for(family["social"])
    assert nurse.get(f"/planer/{plan.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = mother_client.post(f"/familj/plan/{plan.pk}/samtycke/{consent.pk}/aterkalla/",
                                      {"units": [world["bvc_a"].pk]})
    assert response.status_code == 302
    assert nurse.get(f"/planer/{plan.pk}/").status_code == 404  # BVC's access ended at once
    assert social.get(f"/planer/{plan.pk}/").status_code == 200  # the others keep working
    run_queued_tasks()
    assert any("återkallat samtycke" in m.body for m in mail.outbox)  # participants are told
    act = FamilyAct.objects.get(act="withdraw")
    assert act.identity_number == MOTHER and list(act.units.all()) == [world["bvc_a"]]


def test_a_consent_for_a_unit_not_in_the_plan_is_refused(family, mother_client, world):
    response = mother_client.post(f"/familj/plan/{family['plan'].pk}/samtycke/nytt/", {
        "units": [world["preschool_b"].pk], "categories": [c.pk for c in family["consent"].categories.all()],
        "valid_to": "2030-01-01"})
    assert response.status_code == 400
    assert not Consent.objects.filter(form=ConsentForm.EID).exists()


def test_a_consent_change_needs_a_fresh_e_id_login(family, mother_client, test_idp):
    plan = family["plan"]
    session = mother_client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "authenticated_at": int(time.time()) - 3600}
    session.save()
    response = mother_client.get(f"/familj/plan/{plan.pk}/samtycke/nytt/")
    assert response.status_code == 302 and response["Location"].startswith("/familj/e-legitimation/?fresh=1")
    # The broker is asked for a new login (prompt=login, max_age=0), and the answer must be new.
    start = mother_client.get(response["Location"])
    assert "prompt=login" in start["Location"] and "max_age=0" in start["Location"]
    fresh = e_id_login(mother_client, MOTHER, fresh=True, next_url=f"/familj/plan/{plan.pk}/samtycke/nytt/")
    assert fresh["Location"] == f"/familj/plan/{plan.pk}/samtycke/nytt/"
    assert mother_client.get(fresh["Location"]).status_code == 200


def test_the_young_person_gives_their_own_consent_and_objects_from_15(world, test_idp,
                                                                     django_capture_on_commit_callbacks):
    from datetime import date

    from django.utils import timezone

    from tillsammans.accounts.roles import Role
    from tillsammans.childplans import services
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.childplans.models import Objection
    from tillsammans.core.identity import fictional_number
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"])
    number = fictional_number(date(2009, 1, 5), 6)
    plan = services.plan_start(actor=actor_for(lead), personal_number=number, first_name="Sam",
                               last_name="Sextonsson").plan
    services.participant_add(actor=actor_for(lead), plan=plan,
                             membership=MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    client = Client()
    assert e_id_login(client, number)["Location"] == "/familj/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/familj/plan/{plan.pk}/samtycke/eget/", {
            "units": [world["bvc_a"].pk], "categories": [c.pk for c in ensure_categories()][:2],
            "valid_to": timezone.localdate().isoformat(),
            "words": "BVC får veta om min sömn."})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert rules.covered_units([plan.pk])[plan.pk] == {world["bvc_a"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/familj/plan/{plan.pk}/samtycke/invandning/", {"unit": world["bvc_a"].pk,
                                                                      "words": "Inte BVC ändå."})
    objection = Objection.objects.get(plan=plan)
    assert objection.recorded_by is None and objection.awaiting_decision
    assert rules.covered_units([plan.pk])[plan.pk] == set()  # blocks until the lead decides
