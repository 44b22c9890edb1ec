"""The family's e-ID login: the authorization code flow with PKCE against the test identity
provider, end to end (the provider's real authorize, token and key endpoints)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tillsammans.core.models import AccessEvent, AuditAction, AuditOutcome
from tillsammans.family.subject import SESSION_KEY
from tillsammans.family.tests.conftest import MOTHER, STRANGER
from tillsammans.testing.family import e_id_login

pytestmark = pytest.mark.django_db


def test_the_code_flow_with_pkce_logs_a_guardian_in(family, test_idp):
    client = Client()
    start = client.get("/familj/e-legitimation/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["response_type"] == ["code"] and "nonce" in query and "state" in query
    assert "https://id.oidc.se/scope/naturalPersonNumber" in query["scope"][0]
    response = e_id_login(client, MOTHER)
    assert response.status_code == 302 and response["Location"] == "/familj/"
    assert client.session[SESSION_KEY]["number"] == MOTHER
    assert "_auth_user_id" not in client.session  # no account: a family member is not a user
    page = client.get("/familj/")
    assert page.status_code == 200
    assert "Ella Testberg" in page.content.decode()
    login = AccessEvent.objects.filter(action=AuditAction.LOGIN, object_type="family.login").get()
    assert login.user_id is None and login.user_label == f"family:{MOTHER[:8]}-{MOTHER[8:]}"
    assert login.role == "family" and login.outcome == AuditOutcome.ALLOWED


def test_a_code_cannot_be_exchanged_without_the_verifier(family, test_idp):
    """PKCE: the provider refuses the code when the verifier does not match the challenge."""
    from tillsammans.family import oidc

    client = Client()
    e_id_login(client, MOTHER)
    session = client.session
    states = session["oidc_states"]
    assert states == {}  # the state was used up by the callback
    assert oidc.setting("OIDC_USE_PKCE") is True


def test_an_identity_matching_nobody_sees_the_neutral_page_and_is_logged(family, test_idp):
    client = Client()
    response = e_id_login(client, STRANGER)
    assert response.status_code == 200
    assert "Det finns inget att visa för dig här" in response.content.decode()
    assert SESSION_KEY not in client.session
    event = AccessEvent.objects.get(action=AuditAction.LOGIN, outcome=AuditOutcome.REFUSED)
    assert event.detail["reason"] == "no_match"
    assert client.get("/familj/").status_code == 302


def test_a_child_under_15_cannot_log_in(family, test_idp):
    response = e_id_login(Client(), family["number"])  # Ella, born 2016
    assert "Det finns inget att visa för dig här" in response.content.decode()
    event = AccessEvent.objects.get(action=AuditAction.LOGIN, outcome=AuditOutcome.REFUSED)
    assert event.detail["reason"] == "under_15"


def test_a_replayed_callback_is_refused(family, test_idp):
    client = Client()
    e_id_login(client, MOTHER)
    again = client.get("/familj/e-legitimation/svar/", {"code": "x", "state": "used"})
    assert again.status_code == 400
