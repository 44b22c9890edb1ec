"""Min översikt: what waits for the person in the acting role, only what the role may see, with a
fixed number of queries; a person with several roles comes back to the one they last acted in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from tillsammans.accounts.roles import Role
from tillsammans.childplans.models import MeetingInvitation, PlanMeeting
from tillsammans.core.models import AccessEvent
from tillsammans.logreview.models import LogReview
from tillsammans.logreview.overview import last_month
from tillsammans.networks.models import ActionItem, Network, NetworkMeeting, NetworkMember
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, totp_device


def _network_with(world, coordinator, member, meetings: int) -> Network:
    network = Network.objects.create(name="Barnhälsonätverk Norra", kind="child_health", area=world["district_a"],
                                     convener=coordinator)
    NetworkMember.objects.create(network=network, unit=member.unit, contact_membership=member)
    start = timezone.now() + timedelta(days=3)
    for index in range(meetings):
        meeting = NetworkMeeting.objects.create(network=network, starts_at=start + timedelta(days=index),
                                                ends_at=start + timedelta(days=index, hours=2), place="Famcentralen")
        ActionItem.objects.create(meeting=meeting, text=f"Ta fram information {index}", owner=member,
                                  due=timezone.localdate() + timedelta(days=index - 1))
    return network


def _home(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_a_member_sees_meetings_and_actions_with_the_same_queries_at_two_sizes(world, coordinator_membership):
    member = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    network = _network_with(world, coordinator_membership, member, 3)
    html, small = _home(client_for(member))
    assert "Kommande nätverksmöten" in html and "Åtgärder du äger" in html
    assert "Ta fram information 0" in html and "Barnhälsonätverk Norra" in html
    for index in range(3, 30):
        start = timezone.now() + timedelta(days=10 + index)
        meeting = NetworkMeeting.objects.create(network=network, starts_at=start, ends_at=start + timedelta(hours=2),
                                                place="Biblioteket")
        ActionItem.objects.create(meeting=meeting, text=f"Ta fram information {index}", owner=member,
                                  due=timezone.localdate() + timedelta(days=index))
    html, large = _home(client_for(member))
    assert small == large
    assert "Det finns fler: visa alla" in html


@pytest.mark.django_db
def test_sip_meetings_and_follow_ups_show_only_to_those_in_the_plan(sip):
    plan = sip["plan"]
    plan.follow_up_date = timezone.localdate() + timedelta(days=5)
    plan.save()
    start = timezone.now() + timedelta(days=2)
    meeting = PlanMeeting.objects.create(plan=plan, starts_at=start, ends_at=start + timedelta(hours=1),
                                         place="Förskolan Ekorren")
    MeetingInvitation.objects.create(meeting=meeting, membership=sip["nurse"])
    before = AccessEvent.objects.count()
    lead_html, _queries = _home(client_for(sip["lead"]))
    assert "Uppföljning av planen för Ella Testberg" in lead_html
    assert "SIP-möte för Ella Testberg" in lead_html
    assert AccessEvent.objects.count() > before  # naming the child is a logged read
    nurse_html, _queries = _home(client_for(sip["nurse"]))
    assert "SIP-möte för Ella Testberg" in nurse_html and "Svara om du kommer" in nurse_html
    outsider_html, _queries = _home(client_for(sip["outsider"]))
    assert "Ella" not in outsider_html
    auditor_html, _queries = _home(client_for(sip["auditor"]))
    assert "Ella" not in auditor_html


@pytest.mark.django_db
def test_protected_identity_is_never_named_on_the_overview(sip):
    plan = sip["plan"]
    plan.child.protected_identity = True
    plan.child.save()
    plan.follow_up_date = timezone.localdate()
    plan.save()
    html, _queries = _home(client_for(sip["lead"]))
    assert "Ella" not in html and "Testberg" not in html
    assert f"Skyddad identitet (SIP {plan.pk})" in html


@pytest.mark.django_db
def test_the_auditor_is_told_when_last_months_review_is_due(sip):
    client = client_for(sip["auditor"])
    html, _queries = _home(client)
    assert "Loggkontroll" in html and "är inte dokumenterad" in html
    start, end = last_month(timezone.localdate())
    LogReview.objects.create(reviewer=sip["auditor"], period_from=start, period_to=end, scope="Alla nödåtkomster",
                             conclusion="Inga avvikelser.")
    html, _queries = _home(client)
    assert "är inte dokumenterad" not in html and "är dokumenterad" in html


@pytest.mark.django_db
def test_a_person_with_two_roles_comes_back_to_the_role_last_used(world):
    first = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    second = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], user=first.user,
                               areas=[world["district_a"]])

    def fresh_login() -> Client:
        client = Client()
        client.force_login(first.user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(first.user).persistent_id
        session.save()
        return client

    client = fresh_login()
    html = client.get(reverse("core:home")).content.decode()
    assert "Du har ingen roll vald" in html
    assert '<option value="" selected>Välj roll</option>' in html
    client.post(reverse("accounts:choose_role"), {"membership": second.pk})
    html = fresh_login().get(reverse("core:home")).content.decode()
    assert "Du har ingen roll vald" not in html
    assert f'<option value="{second.pk}" selected>' in html
    assert "Mina områden" in html
