"""The family's e-ID login: OpenID Connect, authorization code flow with PKCE, against the e-ID
broker the municipality uses for BankID and Freja eID (docs/adr/0017-family-e-id-login.md).

mozilla-django-oidc does the protocol (state, nonce, PKCE verifier, token request, JWKS, RS256
signature); this module gives it the family's own configuration (``FAMILY_OIDC_*``), never the
staff's, and checks what the library leaves open: issuer, audience, assurance level and – for a
consent change – that the person proved who they are just now."""

from __future__ import annotations

import logging
import time

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from tillsammans.core import identity

logger = logging.getLogger("tillsammans.family")

FRESH_KEY = "family_fresh_requested_at"
CLOCK_SKEW = 60

_NAMES = {
    "OIDC_RP_CLIENT_ID": "FAMILY_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "FAMILY_OIDC_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "FAMILY_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "FAMILY_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "FAMILY_OIDC_JWKS_ENDPOINT",
    "OIDC_RP_SCOPES": "FAMILY_OIDC_SCOPES",
    "OIDC_TIMEOUT": "FAMILY_OIDC_TIMEOUT_SECONDS",
}
_FIXED = {
    "OIDC_RP_SIGN_ALGO": "RS256", "OIDC_USE_PKCE": True, "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    "OIDC_USE_NONCE": True, "OIDC_AUTHENTICATION_CALLBACK_URL": "family:callback", "OIDC_RP_IDP_SIGN_KEY": None,
    "OIDC_OP_USER_ENDPOINT": None, "OIDC_STORE_ACCESS_TOKEN": False, "OIDC_STORE_ID_TOKEN": False,
    "OIDC_ALLOW_UNSECURED_JWT": False, "OIDC_VERIFY_KID": True, "OIDC_TOKEN_USE_BASIC_AUTH": False,
    "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {}, "OIDC_REDIRECT_FIELD_NAME": "next",
}


def setting(name: str, *default):
    """The family's configuration under the library's setting names (the staff's are never read)."""
    if name in _FIXED:
        return _FIXED[name]
    if name in _NAMES:
        return getattr(settings, _NAMES[name])
    return import_from_settings(name, *default)


class FamilyBackend(OIDCAuthenticationBackend):
    """Exchanges the code (with the PKCE verifier) and verifies the ID token; returns its claims.
    Never a user: a family member has no account (docs/adr/0016)."""

    get_settings = staticmethod(setting)

    def get_or_create_user(self, access_token, id_token, payload):
        return payload


class AuthenticationRequest(OIDCAuthenticationRequestView):
    """Sends the browser to the e-ID broker with state, nonce and an S256 code challenge."""

    get_settings = staticmethod(setting)

    def get_extra_params(self, request):
        params = {"acr_values": " ".join(settings.FAMILY_OIDC_ACR_VALUES),
                  "ui_locales": request.session.get("family_language", "sv")}
        if request.GET.get("fresh"):
            # A consent change: the person proves who they are now, not minutes ago.
            params.update({"prompt": "login", "max_age": "0"})
            request.session[FRESH_KEY] = int(time.time())
        return params


class LoginRefused(Exception):
    """The broker's answer cannot be trusted or is not for us; ``reason`` goes to the log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_claims(claims: dict, *, fresh_since: int | None, now: float | None = None) -> tuple[str, int, str]:
    """The identity number, when the person authenticated, and the assurance level – or LoginRefused."""
    now = time.time() if now is None else now
    if claims.get("iss") != settings.FAMILY_OIDC_ISSUER:
        raise LoginRefused("issuer")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if settings.FAMILY_OIDC_CLIENT_ID not in audiences:
        raise LoginRefused("audience")
    acr = str(claims.get("acr", ""))
    if acr not in settings.FAMILY_OIDC_ACR_VALUES:
        raise LoginRefused("assurance")
    auth_time = int(claims.get("auth_time") or claims.get("iat") or 0)
    if auth_time > now + CLOCK_SKEW:
        raise LoginRefused("auth_time")
    if fresh_since is not None and auth_time < fresh_since - CLOCK_SKEW:
        raise LoginRefused("not_fresh")
    try:
        number = identity.normalise(str(claims.get(settings.FAMILY_OIDC_IDENTITY_CLAIM, "")))
    except ValidationError:
        raise LoginRefused("identity_claim") from None
    return number, auth_time, acr


def verified_claims(request, *, nonce: str, code_verifier: str | None) -> dict:
    """The code exchanged and the ID token verified (signature, nonce), or LoginRefused."""
    try:
        claims = FamilyBackend().authenticate(request, nonce=nonce, code_verifier=code_verifier)
    except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, ValueError, KeyError) as exc:
        logger.warning("Family e-ID login failed: %s", exc)
        raise LoginRefused("token") from None
    if not claims:
        raise LoginRefused("token")
    return claims
