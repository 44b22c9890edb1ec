"""The family's e-ID login in tests: the whole code flow with PKCE against the test identity
provider inside the project. The browser's steps go through Django's test client; the client
backend's own calls (token and key endpoints, made with ``requests``) are handed to the same
project through ``responses`` callbacks – no network, the provider's real views answer (ADR 0017)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import responses
from django.conf import settings
from django.test import Client

CALLBACK = "http://testserver/familj/e-legitimation/svar/"


def _forward(method: str):
    def callback(request):
        url = urlsplit(request.url)
        server = Client()
        if method == "POST":
            body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
            answer = server.post(url.path, data=body, content_type="application/x-www-form-urlencoded")
        else:
            answer = server.get(url.path + (f"?{url.query}" if url.query else ""))
        return answer.status_code, {"Content-Type": answer.get("Content-Type", "application/json")}, answer.content
    return callback


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def e_id_login(client: Client, number: str, *, fresh: bool = False, next_url: str = ""):
    """Log in as the fictional identity ``number`` (picked at the provider when it asks who you are;
    an identity already picked in this browser is reused, as single sign-on would). Returns the
    callback's response."""
    from urllib.parse import parse_qs, urlencode

    query = {key: value for key, value in (("fresh", "1" if fresh else ""), ("next", next_url)) if value}
    response = client.get("/familj/e-legitimation/" + (f"?{urlencode(query)}" if query else ""))
    assert response.status_code == 302, response
    authorize = response["Location"]
    assert authorize.startswith(settings.FAMILY_OIDC_AUTHORIZATION_ENDPOINT), authorize
    response = client.get(_path(authorize))
    if response.status_code == 302 and urlsplit(response["Location"]).path == "/test-e-id/":
        back = parse_qs(urlsplit(response["Location"]).query)["next"][0]
        response = client.post("/test-e-id/", {"personal_number": number, "next": back})
        assert response.status_code == 302, response.content
        response = client.get(_path(response["Location"]))
    assert response.status_code == 302 and response["Location"].startswith(CALLBACK), response
    with responses.RequestsMock() as mock:
        mock.add_callback(responses.POST, settings.FAMILY_OIDC_TOKEN_ENDPOINT, callback=_forward("POST"))
        mock.add_callback(responses.GET, settings.FAMILY_OIDC_JWKS_ENDPOINT, callback=_forward("GET"))
        return client.get(_path(response["Location"]))


@pytest.fixture
def test_idp(db):
    from tillsammans.family.testidp.identities import ensure_client

    return ensure_client([CALLBACK])


def family_client(number: str) -> Client:
    """A browser in which this person has just logged in with e-ID (the flow itself is tested in
    family/tests/test_login.py; the matrix and the page walks start from here)."""
    import time

    from tillsammans.family.subject import LAST_SEEN_KEY, SESSION_KEY, FamilyMember

    client = Client()
    session = client.session
    session[SESSION_KEY] = FamilyMember(number=number, authenticated_at=int(time.time()),
                                        acr="http://id.elegnamnden.se/loa/1.0/loa3").as_session()
    session[LAST_SEEN_KEY] = int(time.time())
    session.save()
    return client


def family_actor(number: str):
    import time

    from tillsammans.core.access import Actor
    from tillsammans.family.subject import FamilyMember

    return Actor(family=FamilyMember(number=number, authenticated_at=int(time.time())), verified=True)
