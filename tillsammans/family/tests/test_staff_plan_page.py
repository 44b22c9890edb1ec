"""What the family wrote through their own door reaches the professionals on the plan page: the
child's and the guardians' own words, topics for a meeting, answers to invitations and the consent
acts signed with e-ID – read under the plan's one access event, never to those without access, never
with the e-ID's identity number, in a fixed number of queries however much the family wrote."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tillsammans.childplans import meetings
from tillsammans.childplans.models import Consent
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.family import services
from tillsammans.family.models import Contribution, MeetingAnswer
from tillsammans.family.tests.conftest import MOTHER
from tillsammans.testing.clients import client_for
from tillsammans.testing.family import family_actor
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db


def _meeting(sip):
    start = timezone.now() + timedelta(days=7)
    return meetings.schedule(actor=actor_for(sip["lead"]), plan=sip["plan"], starts_at=start,
                             ends_at=start + timedelta(hours=1), place="Rum 3")


def _the_family_writes(sip, meeting, n: int = 1):
    mother = family_actor(MOTHER)
    for i in range(n):
        services.contribute(actor=mother, plan=sip["plan"], kind=Contribution.Kind.OWN_WORDS,
                            text=f"Ella vill ha en lugn plats på rasten {i}")
        services.contribute(actor=mother, plan=sip["plan"], kind=Contribution.Kind.TOPIC,
                            text=f"Hur det går på fritids {i}", meeting=meeting)
    services.answer_meeting(actor=mother, plan=sip["plan"], meeting=meeting, answer=MeetingAnswer.Answer.COMING)


def test_the_lead_and_participants_read_what_the_family_wrote(family, world):
    meeting = _meeting(family)
    _the_family_writes(family, meeting)
    mother = family_actor(MOTHER)
    services.consent_withdraw(actor=mother, plan=family["plan"], consent=family["consent"], units=[world["bvc_a"]])
    plan = family["plan"]
    lead_page = client_for(family["lead"]).get(f"/planer/{plan.pk}/").content.decode()
    assert "Från familjen" in lead_page
    assert "Ella vill ha en lugn plats på rasten 0" in lead_page
    assert "Hur det går på fritids 0" in lead_page and "för mötet den" in lead_page
    assert "Svar på kallelser" in lead_page and "Kommer" in lead_page
    assert "Samtycken med e-legitimation" in lead_page and "Återkallade samtycke" in lead_page
    assert "BVC" in lead_page.split("Samtycken med e-legitimation")[-1]
    assert MOTHER not in lead_page  # the identity an act was signed with is kept, never shown
    social_page = client_for(family["social"]).get(f"/planer/{plan.pk}/").content.decode()
    assert "Ella vill ha en lugn plats på rasten 0" in social_page
    event = AccessEvent.objects.filter(user_id=family["social"].user.pk, action=AuditAction.READ,
                                       object_id=str(plan.pk)).latest("pk")
    assert event.detail["sections"] == ["family"]
    assert "Från familjen" in event.detail["description"]


@pytest.mark.parametrize("who", ["outsider", "nurse"])
def test_those_without_access_read_none_of_it(family, world, who):
    meeting = _meeting(family)
    _the_family_writes(family, meeting)
    if who == "nurse":  # the mother withdrew BVC's consent; with joint custody that ends BVC's access
        services.consent_withdraw(actor=family_actor(MOTHER), plan=family["plan"], consent=family["consent"],
                                  units=[world["bvc_a"]])
    response = client_for(family[who]).get(f"/planer/{family['plan'].pk}/")
    assert response.status_code in (403, 404)
    assert "lugn plats" not in response.content.decode()


def test_a_plan_without_the_familys_words_shows_no_section_and_costs_no_query(family):
    plan = family["plan"]
    client = client_for(family["lead"])
    client.get(f"/planer/{plan.pk}/")
    with CaptureQueriesContext(connection) as empty:
        page = client.get(f"/planer/{plan.pk}/").content.decode()
    assert "Från familjen" not in page
    assert not any("family_contribution\" WHERE" in q["sql"].split("EXISTS")[0] for q in empty.captured_queries)
    event = AccessEvent.objects.filter(user_id=family["lead"].user.pk, action=AuditAction.READ,
                                       object_id=str(plan.pk)).latest("pk")
    assert "sections" not in event.detail


def test_the_section_reads_in_a_fixed_number_of_queries(family, world):
    plan, client = family["plan"], client_for(family["lead"])
    meeting = _meeting(family)
    _the_family_writes(family, meeting, n=1)
    client.get(f"/planer/{plan.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/planer/{plan.pk}/")
    _the_family_writes(family, meeting, n=6)
    services.consent_withdraw(actor=family_actor(MOTHER), plan=plan, consent=family["consent"],
                              units=[world["bvc_a"], world["social_office"]])
    assert Consent.objects.filter(plan=plan).exists()
    client.get(f"/planer/{plan.pk}/")
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/planer/{plan.pk}/").content.decode()
    assert "Ella vill ha en lugn plats på rasten 5" in page
    # Withdrawing adds the acts' query once; more words and acts add nothing.
    assert len(many.captured_queries) <= len(few.captured_queries) + 2, [q["sql"] for q in many.captured_queries]
