"""OpenID Connect code flow against a fake identity provider inside the tests (RS256, JWKS)."""

import base64
import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.factories import MembershipFactory

IDP = "https://idp.test.invalid"
STRONG = "http://id.elegnamnden.se/loa/1.0/loa3"


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture
def idp(settings):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS,
                                        "tillsammans.accounts.oidc.HsaOIDCBackend"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{IDP}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{IDP}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{IDP}/jwks"
    settings.OIDC_RP_CLIENT_ID = "tillsammans"
    jwks = {"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
                      "n": _b64(numbers.n), "e": _b64(numbers.e)}]}

    class FakeIdP:
        def login(self, client, *, hsa_id: str, acr: str):
            response = client.get(reverse("oidc_authentication_init"))
            assert response.status_code == 302
            query = parse_qs(urlparse(response["Location"]).query)
            assert response["Location"].startswith(f"{IDP}/authorize")
            claims = {"iss": IDP, "aud": "tillsammans", "sub": f"sub-{hsa_id}", "hsa_id": hsa_id,
                      "acr": acr, "nonce": query["nonce"][0], "iat": int(time.time()),
                      "exp": int(time.time()) + 300}
            token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})
            with responses.RequestsMock() as mock:
                mock.add(responses.POST, f"{IDP}/token",
                         json={"id_token": token, "access_token": "at", "token_type": "Bearer"})
                mock.add(responses.GET, f"{IDP}/jwks", body=json.dumps(jwks))
                return client.get(reverse("oidc_authentication_callback"),
                                  {"code": "code-1", "state": query["state"][0]})

    return FakeIdP()


@pytest.fixture
def siths_person(world):
    membership = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    membership.user.hsa_id = "SE2321000032-abc1"
    membership.user.save()
    return membership


@pytest.mark.django_db
def test_known_hsa_id_at_a_strong_level_is_logged_in_without_totp(client, idp, siths_person):
    response = idp.login(client, hsa_id="SE2321000032-abc1", acr=STRONG)
    assert response.status_code == 302
    assert reverse("accounts:verify") not in response["Location"]
    assert client.get(reverse("organisations:directory")).status_code == 200
    event = AccessEvent.objects.get(action=AuditAction.LOGIN)
    assert event.detail == {"method": "oidc", "acr": STRONG}
    assert event.user_id == siths_person.user.pk


@pytest.mark.django_db
def test_unknown_hsa_id_gets_no_login(client, idp, siths_person):
    response = idp.login(client, hsa_id="SE2321000032-okand", acr=STRONG)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("organisations:directory")).status_code == 302


@pytest.mark.django_db
def test_weak_assurance_still_needs_the_totp_step(client, idp, siths_person):
    response = idp.login(client, hsa_id="SE2321000032-abc1", acr="http://id.elegnamnden.se/loa/1.0/loa2")
    assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]


@pytest.mark.django_db
def test_oidc_routes_are_closed_when_oidc_is_off(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
