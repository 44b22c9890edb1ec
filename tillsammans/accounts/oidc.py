"""OpenID Connect login through a regional identity provider (SITHS card, Freja eID).

* The person is found by the HSA-id claim; nobody is created. An unknown person or HSA-id gets
  no login and therefore no rights (rights come only from memberships anyway).
* A login at a strong assurance level (``acr`` in ``OIDC_STRONG_ACR_VALUES``) replaces the TOTP
  step; a weaker one still has to give the TOTP code.
* The routes exist always (so the policy walker sees them) and answer 404 unless ``OIDC_ENABLED``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tillsammans.accounts.backends import LoadsMemberships
from tillsammans.accounts.models import User
from tillsammans.core.access import PUBLIC, policy
from tillsammans.core.middleware import STRONG_AUTH_KEY

ACR_SESSION_KEY = "oidc_acr"


class HsaOIDCBackend(LoadsMemberships, OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        # The verified id token carries what we need; remember its assurance level.
        self.request.session[ACR_SESSION_KEY] = str(payload.get("acr", ""))
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.OIDC_HSA_ID_CLAIM))

    def filter_users_by_claims(self, claims):
        hsa_id = claims.get(settings.OIDC_HSA_ID_CLAIM)
        if not hsa_id:
            return User.objects.none()
        return User.objects.filter(hsa_id=hsa_id, is_active=True)

    def create_user(self, claims):  # never: unknown people get nothing
        return None

    def update_user(self, user, claims):
        return user


def _require_enabled() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404("OIDC is not enabled")


@policy(PUBLIC)
class AuthenticateView(OIDCAuthenticationRequestView):
    def get(self, request):
        _require_enabled()
        return super().get(request)


@policy(PUBLIC)
class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        _require_enabled()
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        from tillsammans.accounts.views import record_login

        strong = self.request.session.get(ACR_SESSION_KEY) in settings.OIDC_STRONG_ACR_VALUES
        if strong:
            self.request.session[STRONG_AUTH_KEY] = True
            record_login(self.request, method="oidc", acr=self.request.session.get(ACR_SESSION_KEY))
            return response
        return HttpResponseRedirect(f"{reverse('accounts:verify')}?next={self.success_url}")


urlpatterns = [
    path("callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
    path("authenticate/", AuthenticateView.as_view(), name="oidc_authentication_init"),
]
