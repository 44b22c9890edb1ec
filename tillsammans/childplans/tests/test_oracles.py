"""No existence oracle: every form that takes an identity number answers alike – status and body
(minus CSRF tokens and the number itself) – for "no such child", "child without a plan", "plan
without access" and "protected child's plan without access", its validation included; invalid
input never reaches a look-up of a child or a plan (validation before look-up)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.childplans import services
from tillsammans.childplans.models import Child, EmergencyAccess
from tillsammans.core.identity import display, fictional_number
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

LOOK_UP = re.compile(r'FROM "childplans_(child|coordinatedplan)"')


def _normalised(response, number):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'<meta name="csrf-token" content="[^"]+"', "", body)
    for form in (display(number), number, number[2:]):
        body = body.replace(form, "NUMMER")
    return response.status_code, response.get("Location", ""), body


@pytest.fixture
def cases(sip, world):
    lonely = Child.objects.create(personal_number=fictional_number(date(2017, 1, 5), 2),
                                  first_name="Utan", last_name="Plan")
    lead = actor_for(sip["lead"])
    hidden = services.plan_start(actor=lead, personal_number=fictional_number(date(2012, 3, 3), 6),
                                 first_name="Gömd", last_name="Skyddsdotter", protected_identity=True).plan
    return {"no such child": fictional_number(date(2018, 2, 3), 3),
            "child without a plan": lonely.personal_number,
            "plan without access": sip["number"],
            "protected plan without access": hidden.child.personal_number}


def _probe(client, url, data_for, cases):
    """POST the same submission for every case; return {case: normalised answer} and look-ups."""
    answers, look_ups = {}, 0
    for case, number in cases.items():
        since = AccessEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data_for(number))
        answers[case] = _normalised(response, number) + (
            AccessEvent.objects.filter(seq__gt=since).count(),)
        look_ups += sum(bool(LOOK_UP.search(q["sql"])) for q in queries.captured_queries)
    return answers, look_ups


INVALID = {
    "start": [
        ("empty names", lambda n: {"personal_number": display(n)}),
        ("first name only", lambda n: {"personal_number": display(n), "first_name": "Anna"}),
        ("last name only", lambda n: {"personal_number": n, "last_name": "Annan"}),
    ],
    "emergency": [
        ("nothing but the number", lambda n: {"personal_number": display(n)}),
        ("short reason", lambda n: {"personal_number": display(n), "legal_ground": "emergency",
                                    "reason": "akut"}),
        ("no ground", lambda n: {"personal_number": display(n),
                                 "reason": "Barnet är akut sjukt och vi behöver se insatserna."}),
    ],
}


@pytest.mark.django_db
def test_no_form_that_takes_a_number_is_an_oracle(sip, world, cases, capsys):
    asker = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_b"])
    client = client_for(asker)
    compared = 0
    for form, variants in INVALID.items():
        url = reverse(f"childplans:{form}")
        for name, data_for in variants:
            answers, look_ups = _probe(client, url, data_for, cases)
            first = next(iter(answers.values()))
            for case, answer in answers.items():
                assert answer == first, (form, name, case)
                compared += 1
            assert first[0] == 200 and 'id="error-summary"' in first[2], (form, name)
            assert first[3] == 0, (form, name)  # nothing looked up, nothing logged
            assert look_ups == 0, (form, name)  # the whole form is validated before any look-up
    # Valid submissions: search and start answer alike in every case.
    for form, data_for in (("search", lambda n: {"personal_number": display(n)}),
                           ("start", lambda n: {"personal_number": display(n), "first_name": "Anna",
                                                "last_name": "Annan"})):
        answers, _look_ups = _probe(client, reverse(f"childplans:{form}"), data_for, cases)
        first = next(iter(answers.values()))
        for case, answer in answers.items():
            assert answer[:3] == first[:3], (form, "valid", case)
            compared += 1
        assert first[0] == 200
    with capsys.disabled():
        print(f"\n[oracle] {compared} answers compared (status, body minus tokens, events) over "
              f"{len(cases)} cases on 3 forms (search, start, emergency); all equal")


@pytest.mark.django_db
def test_emergency_says_whether_a_plan_exists_only_after_granting_and_logging(sip, world, cases):
    holder = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"])
    client = client_for(holder)
    reason = "Barnet är akut sjukt och vi behöver se pågående insatser."
    for case, number in cases.items():
        since = AccessEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
        response = client.post(reverse("childplans:emergency"), {
            "personal_number": display(number), "legal_ground": "emergency", "reason": reason})
        events = list(AccessEvent.objects.filter(seq__gt=since).order_by("seq"))
        # Logged first, in every case, with ground and reason.
        assert events and events[0].detail["emergency"] is True, case
        assert events[0].detail["legal_ground"] == "emergency" and events[0].detail["reason"] == reason
        if "plan" in case and "without a plan" not in case:
            assert response.status_code == 302, case
            assert EmergencyAccess.objects.filter(membership=holder, plan__child__personal_number=number).exists()
        else:
            assert response.status_code == 200, case
            assert "Ingen samordnad plan hittades" in response.content.decode()


@pytest.fixture
def young_cases(sip):
    lead = actor_for(sip["lead"])
    lonely = Child.objects.create(personal_number=fictional_number(date(2010, 1, 5), 2),
                                  first_name="Utan", last_name="Plan")
    seen = services.plan_start(actor=lead, personal_number=fictional_number(date(2010, 4, 4), 3),
                               first_name="Med", last_name="Plan").plan
    hidden = services.plan_start(actor=lead, personal_number=fictional_number(date(2010, 6, 6), 6),
                                 first_name="Gömd", last_name="Skyddsdotter", protected_identity=True).plan
    return {"no such young person": fictional_number(date(2010, 2, 3), 4),
            "young person without a plan": lonely.personal_number,
            "plan without access": seen.child.personal_number,
            "protected plan without access": hidden.child.personal_number}


@pytest.mark.django_db
def test_the_young_persons_own_request_is_no_oracle(sip, world, young_cases, capsys):
    asker = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"])
    client = client_for(asker)
    url = reverse("childplans:young_request")
    full = {"first_name": "Sam", "last_name": "Sextonsson", "own_words": "Jag vill ha hjälp.",
            "heard_how": "Samtal", "lead": sip["lead"].pk}
    variants = [("nothing but the number", lambda n: {"personal_number": display(n)}),
                ("no words", lambda n: {**full, "own_words": "", "personal_number": display(n)}),
                ("valid", lambda n: {**full, "personal_number": display(n)})]
    compared = 0
    for name, data_for in variants:
        answers, look_ups = _probe(client, url, data_for, young_cases)
        first = next(iter(answers.values()))
        for case, answer in answers.items():
            assert answer[:3] == first[:3], (name, case)
            compared += 1
        if name != "valid":
            assert look_ups == 0 and first[3] == 0, name
    with capsys.disabled():
        print(f"\n[oracle] young person's own request: {compared} answers compared over "
              f"{len(young_cases)} cases; all equal")
