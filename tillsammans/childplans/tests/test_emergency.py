"""Emergency access that others see: both notices at once, a second person confirms in time or it
is flagged, a withdrawal's unit is flagged on its own, and the family's extract says so."""

import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.childplans import emergency, services
from tillsammans.childplans.models import EmergencyAccess, LegalGround
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for, run_queued_tasks

REASON = "Barnet är akut sjukt; vi behöver veta vilka insatser som pågår."


def _open(sip, who="outsider", ground=LegalGround.EMERGENCY):
    return services.emergency_open(actor=actor_for(sip[who]), personal_number=sip["number"],
                                   legal_ground=ground, reason=REASON)


@pytest.mark.django_db
def test_granting_tells_the_lead_and_the_auditors_at_once(sip, django_capture_on_commit_callbacks,
                                                          capsys):
    with django_capture_on_commit_callbacks(execute=True):
        _open(sip)
    run_queued_tasks()
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted([sip["lead"].user.email, sip["auditor"].user.email])
    for message in mail.outbox:
        assert f"SIP {sip['plan'].pk}" in message.subject
        assert "Ella" not in message.body and "Testberg" not in message.body
        assert "/nodatkomst/" in message.body  # the link to confirm
    access = EmergencyAccess.objects.get()
    assert access.awaiting_confirmation and not access.unconfirmed and not access.follows_withdrawal
    with capsys.disabled():
        print(f"\n[emergency] one grant sent {len(mail.outbox)} notices: {', '.join(to)}")


@pytest.mark.django_db
def test_a_second_person_confirms_or_it_is_flagged(sip, settings):
    settings.EMERGENCY_CONFIRM_HOURS = 2
    _open(sip)
    access = EmergencyAccess.objects.get()
    assert abs(access.confirm_by - access.granted_at - timedelta(hours=2)) < timedelta(seconds=5)
    # The holder cannot confirm their own access; an unrelated person gets 404.
    url = reverse("childplans:emergency_confirm", args=[access.pk])
    assert client_for(sip["outsider"]).get(url).status_code == 404
    assert client_for(sip["nurse"]).get(url).status_code == 404
    assert client_for(sip["auditor"]).get(url).status_code == 403
    assert client_for(sip["admin"]).get(url).status_code == 403
    # Nobody confirmed within two hours: flagged, once, with an audit event.
    later = timezone.now() + timedelta(hours=3)
    assert access in emergency.unconfirmed(now=later)
    assert emergency.flag_unconfirmed(now=later) == 1 and emergency.flag_unconfirmed(now=later) == 0
    assert AccessEvent.objects.filter(detail__emergency_unconfirmed=True).count() == 1
    # The lead confirms (late, which the event says).
    before = AccessEvent.objects.count()
    page = client_for(sip["lead"]).get(url)
    assert page.status_code == 200 and AccessEvent.objects.count() - before == 1
    response = client_for(sip["lead"]).post(url, {"note": "Befogat, barnet var akut sjukt."})
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.confirmed_by == sip["lead"] and access.confirmation_note
    assert not access.unconfirmed


@pytest.mark.django_db
def test_a_manager_of_the_holders_unit_confirms_and_sees_the_list(sip):
    _open(sip)
    manager = MembershipFactory(role=Role.MANAGER, unit=sip["outsider"].unit)
    other_manager = MembershipFactory(role=Role.MANAGER, unit=sip["nurse"].unit)
    listing = reverse("childplans:emergency_to_confirm")
    page = client_for(manager).get(listing)
    assert page.status_code == 200 and f"SIP {sip['plan'].pk}" in page.content.decode()
    assert f"SIP {sip['plan'].pk}" not in client_for(other_manager).get(listing).content.decode()
    assert client_for(sip["auditor"]).get(listing).status_code == 403
    access = EmergencyAccess.objects.get()
    url = reverse("childplans:emergency_confirm", args=[access.pk])
    assert client_for(other_manager).post(url, {"note": "Jag bekräftar."}).status_code == 404
    response = client_for(manager).post(url, {"note": ""})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert client_for(manager).post(url, {"note": "Befogat enligt min bedömning."}).status_code == 302
    assert EmergencyAccess.objects.get().confirmed_by == manager


@pytest.mark.django_db
def test_emergency_after_a_withdrawal_for_that_unit_is_flagged_on_its_own(sip):
    lead = actor_for(sip["lead"])
    services.consent_withdraw(actor=lead, consent=sip["consent"], guardian=sip["mother"],
                              units=[sip["nurse"].unit])
    _open(sip, who="nurse")
    _open(sip, who="outsider")
    flagged = emergency.after_withdrawal()
    assert [a.membership for a in flagged] == [sip["nurse"]]
    event = AccessEvent.objects.filter(detail__emergency=True, detail__after_withdrawal=True).get()
    assert event.user_id == sip["nurse"].user_id


@pytest.mark.django_db
def test_the_family_extract_marks_emergency_access_and_groups_a_visit(sip, tmp_path):
    _open(sip)
    client = client_for(sip["outsider"])
    for _ in range(3):
        assert client.get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 200
    response = client_for(sip["auditor"]).post(reverse("logreview:extract"),
                                               {"personal_number": sip["number"]})
    path = tmp_path / "extract.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = " ".join(text.split())
    assert "Nödåtkomst (Nödsituation – fara för barnets liv eller hälsa)" in text
    assert "4 gånger under ett besök" in text  # the grant and three reads: one visit, one row
