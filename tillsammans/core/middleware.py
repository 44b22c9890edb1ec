"""Request middleware: is the route allowed for the actor (deny by default). Who the actor is
(``request.actor``) is set by ``tillsammans.accounts.middleware.ActorMiddleware``, above core."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.core import access
from tillsammans.core.params import BadParameter

logger = logging.getLogger("tillsammans.access")

ACTING_MEMBERSHIP_KEY = "acting_membership_id"
STRONG_AUTH_KEY = "strong_auth"


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


def is_verified(request: HttpRequest) -> bool:
    """A second factor (TOTP) or an e-ID login at a strong assurance level."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if request.session.get(STRONG_AUTH_KEY):
        return True
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def deny(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": reason}, status=status)
    response = TemplateResponse(request, "403.html", {"reason": reason}, status=status)
    return response.render()


class PolicyMiddleware:
    """Refuses every route that has not declared a policy, and enforces the declared one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = access.policy_of(view_func)
        if name is None:
            logger.error("No policy declared for %s (%s); refused.", request.path,
                         getattr(view_func, "__qualname__", view_func))
            return deny(request, _("This page has no access rule and is therefore closed."))
        if name in (access.PUBLIC, access.API_DELEGATED):
            return None
        if not request.user.is_authenticated:
            if _is_api(request):
                return deny(request, _("Log in first."), status=401)
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        actor = request.actor
        if not actor.verified:
            if _is_api(request):
                return deny(request, _("A second factor is required."), status=401)
            return redirect_to_login(request.get_full_path(), reverse("accounts:verify"))
        if name == access.AUTHENTICATED:
            return None
        if not access.allowed(actor, name):
            if actor.membership is None and request.method == "GET":
                return redirect_to_login(request.get_full_path(), reverse("accounts:choose_role"),
                                         redirect_field_name="next")
            return deny(request, _("Your current role does not give access to this page."))
        return None

    def process_exception(self, request, exception):
        """A query parameter that cannot be used is the asker's mistake: 400, said in Swedish."""
        if not isinstance(exception, BadParameter):
            return None
        if _is_api(request):
            return JsonResponse({"detail": exception.message, "parameter": exception.name}, status=400)
        return TemplateResponse(request, "400.html", {"reason": exception.message}, status=400).render()
