"""Every refused look at child data is an event; child-data answers are never cached; the client
address comes from trusted proxies only."""

import re

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tillsammans.core import audit
from tillsammans.core.middleware import client_ip
from tillsammans.core.models import AccessEvent, AuditOutcome
from tillsammans.logreview import selectors
from tillsammans.testing.clients import client_for


def _plain(response, url):
    text = response.content.decode().replace(url, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def refused():
    return list(AccessEvent.objects.filter(outcome=AuditOutcome.REFUSED).order_by("seq"))


@pytest.mark.django_db
def test_a_404_from_the_access_rules_writes_a_refused_event_and_says_nothing_more(sip):
    outsider = client_for(sip["outsider"])
    plan_url = reverse("childplans:plan", args=[sip["plan"].pk])
    missing_url = reverse("childplans:plan", args=[sip["plan"].pk + 1000])
    seen = outsider.get(plan_url)
    nothing = outsider.get(missing_url)
    assert seen.status_code == nothing.status_code == 404
    assert _plain(seen, plan_url) == _plain(nothing, missing_url)
    events = refused()
    assert [(e.user_id, e.object_type, e.object_id, e.detail["status"]) for e in events] == [
        (sip["outsider"].user_id, "childplans:plan", str(sip["plan"].pk), 404),
        (sip["outsider"].user_id, "childplans:plan", str(sip["plan"].pk + 1000), 404)]
    assert events[0].person_id == ""  # the log does not say whose plan it was either
    assert audit.verify().ok


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["auditor", "admin"])
def test_a_403_by_role_writes_a_refused_event(sip, who):
    client = client_for(sip[who])
    response = client.get(reverse("childplans:plan", args=[sip["plan"].pk]))
    assert response.status_code == 403
    [event] = refused()
    assert event.user_id == sip[who].user_id and event.role == sip[who].role
    assert event.detail["status"] == 403 and event.action == "read"


@pytest.mark.django_db
def test_allowed_reads_are_not_refusals_and_the_outcome_is_signed(sip):
    client = client_for(sip["lead"])
    assert client.get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 200
    assert refused() == []
    event = AccessEvent.objects.order_by("-seq").first()
    assert event.outcome == AuditOutcome.ALLOWED and '"outcome"' not in event.canonical
    client_for(sip["outsider"]).get(reverse("childplans:plan", args=[sip["plan"].pk]))
    assert '"outcome":"refused"' in refused()[0].canonical


@pytest.mark.django_db
def test_turning_a_refusal_into_an_allowed_read_is_named_by_verify(sip):
    from django.db import connection

    client_for(sip["outsider"]).get(reverse("childplans:plan", args=[sip["plan"].pk]))
    seq = refused()[0].seq
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
        cursor.execute("UPDATE core_accessevent SET outcome = 'allowed' WHERE seq = %s", [seq])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
    result = audit.verify()
    assert not result.ok and result.seq == seq


@pytest.mark.django_db
def test_the_log_review_flags_and_shows_one_persons_repeated_refusals(sip, settings):
    settings.LOGREVIEW_REPEATED_REFUSALS = 3
    outsider = client_for(sip["outsider"])
    for offset in range(2):
        outsider.get(reverse("childplans:plan", args=[sip["plan"].pk + offset]))
    client_for(sip["auditor"]).get(reverse("childplans:plan", args=[sip["plan"].pk]))
    assert list(selectors.events_for_review(selectors.Filters(flag="probing"))) == []
    outsider.get(reverse("childplans:plan", args=[sip["plan"].pk + 7]))
    probing = list(selectors.events_for_review(selectors.Filters(flag="probing")))
    assert len(probing) == 3 and {e.user_id for e in probing} == {sip["outsider"].user_id}
    assert {"refused", "probing"} <= set(selectors.flag_rows(probing)[0].flags)
    page = client_for(sip["auditor"]).get(reverse("logreview:review"))
    text = page.content.decode()
    assert "Upprepade nekade åtkomster" in text
    assert f"{sip['outsider'].user.get_full_name()}: 3 nekanden" in text
    flagged = client_for(sip["auditor"]).get(reverse("logreview:review"), {"flag": "probing"})
    assert flagged.content.decode().count(">Upprepade nekanden<") == 3


@pytest.mark.django_db
def test_child_data_answers_are_never_stored(sip):
    lead = client_for(sip["lead"])
    for response in (lead.get(reverse("childplans:plan", args=[sip["plan"].pk])),
                     lead.get(reverse("childplans:plan_list")),
                     client_for(sip["outsider"]).get(reverse("childplans:plan", args=[sip["plan"].pk])),
                     client_for(sip["auditor"]).get(reverse("logreview:review"))):
        assert "no-store" in response["Cache-Control"], response
    assert "no-store" not in client_for(sip["lead"]).get(reverse("core:home")).get("Cache-Control", "")


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_the_forwarded_header_is_ignored_unless_the_peer_is_a_trusted_proxy():
    with override_settings(TRUSTED_PROXIES=[]):
        assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    with override_settings(TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
        assert client_ip(_request("10.0.0.5", "198.51.100.1")) == "198.51.100.1"
        # A client that sends its own header cannot hide behind it: read from the right.
        assert client_ip(_request("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.7")) == "198.51.100.1"
        assert client_ip(_request("10.0.0.5", "not-an-address")) == "10.0.0.5"
        assert client_ip(_request("10.0.0.5")) == "10.0.0.5"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_lockout_and_the_log_see_the_client_behind_the_proxy(sip, settings):
    from axes.helpers import get_client_ip_address

    request = _request("10.0.0.5", "198.51.100.1")
    assert get_client_ip_address(request) == "198.51.100.1"
    client = client_for(sip["outsider"])
    client.get(reverse("childplans:plan", args=[sip["plan"].pk]), REMOTE_ADDR="10.0.0.5",
               HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert refused()[0].client_ip == "198.51.100.1"
