"""Child-plan pages: who may open what, one access event per child shown, and a search that
leaks nothing about whether a child or a plan exists."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tillsammans.childplans.models import AccessRequest, Child, CoordinatedPlan
from tillsammans.core.identity import display, fictional_number
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.clients import client_for


def events_for(child):
    return AccessEvent.objects.filter(person_type="child", person_id=str(child.pk))


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("lead", 200), ("nurse", 200), ("social", 200),
                                             ("outsider", 404), ("admin", 403), ("auditor", 403)])
def test_plan_page_by_role(sip, who, status):
    client = client_for(sip[who])
    before = events_for(sip["plan"].child).count()
    response = client.get(reverse("childplans:plan", args=[sip["plan"].pk]))
    assert response.status_code == status
    written = events_for(sip["plan"].child).count() - before
    assert written == (1 if status == 200 else 0)
    if status != 200:
        assert b"Ella" not in response.content


@pytest.mark.django_db
def test_plan_list_writes_one_event_per_child_shown(sip):
    client = client_for(sip["nurse"])
    before = AccessEvent.objects.filter(action=AuditAction.READ).count()
    response = client.get(reverse("childplans:plan_list"))
    assert response.status_code == 200 and b"Ella" in response.content
    assert AccessEvent.objects.filter(action=AuditAction.READ).count() - before == 1
    event = AccessEvent.objects.filter(action=AuditAction.READ).order_by("-pk").first()
    assert (event.object_type, event.object_id, event.person_type, event.person_id, event.detail) == (
        "childplans.coordinatedplan", str(sip["plan"].pk), "child", str(sip["plan"].child_id), {"via": "list"})
    outsider = client_for(sip["outsider"]).get(reverse("childplans:plan_list"))
    assert b"Ella" not in outsider.content


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["childplans:plan_update", "childplans:guardian_add",
                                  "childplans:consent_add", "childplans:participant_add"])
def test_only_the_lead_manages_the_plan(sip, name):
    url = reverse(name, args=[sip["plan"].pk])
    assert client_for(sip["lead"]).get(url).status_code == 200
    for who in ("nurse", "outsider"):
        assert client_for(sip[who]).get(url).status_code == 404
        assert client_for(sip[who]).post(url, {}).status_code == 404
    assert client_for(sip["admin"]).get(url).status_code == 403


@pytest.mark.django_db
def test_withdrawal_in_the_page_removes_the_participants_access(sip):
    consent = sip["consent"]
    url = reverse("childplans:consent_withdraw", args=[sip["plan"].pk, consent.pk])
    response = client_for(sip["lead"]).post(url, {"guardian": sip["mother"].pk,
                                                  "units": [sip["nurse"].unit.pk]})
    assert response.status_code == 302
    assert client_for(sip["nurse"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 404
    assert client_for(sip["social"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 200


def _normalised(response, number):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    for form in (number, display(number), number[2:]):
        body = body.replace(form, "NUMMER")
    return response.status_code, body


def _events(since):
    return [(e.action, e.object_type, e.object_id, e.person_type, e.person_id, e.detail)
            for e in AccessEvent.objects.filter(seq__gt=since).order_by("seq")]


@pytest.mark.django_db
def test_search_leaks_nothing(sip, world):
    lonely = Child.objects.create(personal_number=fictional_number(date(2017, 1, 5), 2),
                                  first_name="Utan", last_name="Plan")
    cases = {"no such child": fictional_number(date(2018, 2, 3), 3),
             "child without a plan": lonely.personal_number,
             "plan without access": sip["number"]}
    client = client_for(sip["outsider"])
    results = {}
    for case, number in cases.items():
        since = AccessEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
        response = client.post(reverse("childplans:search"), {"personal_number": display(number)})
        results[case] = (_normalised(response, number), _events(since))
    first = results["no such child"]
    for case, result in results.items():
        assert result == first, case
    assert first[0][0] == 200


@pytest.mark.django_db
def test_search_by_a_participant_opens_the_plan(sip):
    response = client_for(sip["nurse"]).post(reverse("childplans:search"),
                                             {"personal_number": sip["number"]})
    assert response.status_code == 302
    assert response["Location"] == reverse("childplans:plan", args=[sip["plan"].pk])


@pytest.mark.django_db
def test_invalid_number_is_refused_with_a_clear_error(sip):
    response = client_for(sip["lead"]).post(reverse("childplans:search"),
                                            {"personal_number": "20160412-1235"})
    assert response.status_code == 200
    assert "kontrollsiffra" in response.content.decode()


@pytest.mark.django_db
def test_starting_a_plan_for_a_child_with_a_hidden_plan_is_neutral(sip, world):
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    other_lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_b"])
    client = client_for(other_lead)
    response = client.post(reverse("childplans:start"), {"personal_number": sip["number"],
                                                         "first_name": "Anna", "last_name": "Annan"})
    assert response.status_code == 200
    assert "Din förfrågan är registrerad" in response.content.decode()
    assert sip["plan"].child.first_name == "Ella"  # the names given are ignored for a known child
    assert AccessRequest.objects.filter(plan=sip["plan"], membership=other_lead).exists()
    assert CoordinatedPlan.objects.count() == 1
    new = fictional_number(date(2015, 6, 1), 4)
    response = client.post(reverse("childplans:start"), {"personal_number": new, "first_name": "Nils",
                                                         "last_name": "Nyberg"})
    assert response.status_code == 200 and "Din förfrågan är registrerad" in response.content.decode()
    assert CoordinatedPlan.objects.get(child__personal_number=new).lead_membership == other_lead


@pytest.mark.django_db
def test_staff_cannot_start_plans_and_admins_cannot_search(sip):
    assert client_for(sip["nurse"]).post(reverse("childplans:start"), {}).status_code == 403
    assert client_for(sip["admin"]).get(reverse("childplans:search")).status_code == 403
    assert client_for(sip["auditor"]).get(reverse("childplans:plan_list")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["childplans:plan", "childplans:plan_update", "childplans:guardian_add",
                                  "childplans:consent_add", "childplans:participant_add", "childplans:goal_add",
                                  "childplans:intervention_add", "childplans:assessment_add",
                                  "childplans:history", "childplans:family_copy", "childplans:meeting_add"])
def test_every_child_page_writes_exactly_one_event_for_the_child(sip, name):
    before = events_for(sip["plan"].child).count()
    response = client_for(sip["lead"]).get(reverse(name, args=[sip["plan"].pk]))
    assert response.status_code == 200
    assert events_for(sip["plan"].child).count() - before == 1


def test_the_admin_holds_no_child_data():
    from tillsammans.core.admin import site

    assert not [model for model in site._registry if model._meta.app_label in ("childplans", "logreview")]


@pytest.mark.django_db
def test_the_lead_hears_of_a_request_and_sees_it(sip, world, django_capture_on_commit_callbacks):
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    asker = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_b"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(asker).post(reverse("childplans:start"), {"personal_number": sip["number"],
                                                             "first_name": "Ella", "last_name": "Testberg"})
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"]["to"] == [sip["lead"].user.email]
    assert "Ella" not in task.args_kwargs["kwargs"]["body"]
    page = client_for(sip["lead"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    assert "Förskolan Älgen" in page
