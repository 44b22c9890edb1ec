"""Request middleware: is the route allowed for the actor (deny by default). Who the actor is
(``request.actor``) is set by ``tillsammans.accounts.middleware.ActorMiddleware``, above core."""

from __future__ import annotations

import ipaddress
import logging
from functools import cache

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from tillsammans.core import access
from tillsammans.core.params import BadParameter

logger = logging.getLogger("tillsammans.access")

ACTING_MEMBERSHIP_KEY = "acting_membership_id"
STRONG_AUTH_KEY = "strong_auth"


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in proxies)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless the peer is a configured trusted proxy.

    Behind trusted proxies, ``X-Forwarded-For`` is read from the right: the first address that is
    not itself a trusted proxy is the client. A header sent by anyone else is ignored, so nobody
    can choose the address the lockout and the access log see. Used by django-axes too.
    """
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(_address(peer), networks):
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # a malformed chain: trust nothing in it
        if not _is_trusted(address, networks):
            return str(address)
    return str(_address(hops[0])) if hops else peer


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


def record_refusal(request: HttpRequest, name: str, status: int) -> None:
    """A refused request for child data (403 by role, 404 from the access rules) is an event.

    The answer itself is not changed: the person learns nothing more than before.
    """
    from django.db import transaction

    from tillsammans.core import audit
    from tillsammans.core.models import AuditAction, AuditOutcome

    actor = request.actor
    if not actor.is_authenticated and actor.family is None:
        return
    match = request.resolver_match
    kwargs = dict(match.kwargs) if match else {}
    object_id = kwargs.get("pk", next(iter(kwargs.values()), ""))
    action = AuditAction.READ if request.method in ("GET", "HEAD", "OPTIONS") else AuditAction.UPDATE
    with transaction.atomic():
        audit.record(actor, action, object_type=(match.view_name if match else "route")[:80],
                     object_id=str(object_id)[:64], outcome=AuditOutcome.REFUSED,
                     detail={"status": status, "method": request.method, "policy": name,
                             "path": request.path[:200]})


class PolicyMiddleware:
    """Refuses every route that has not declared a policy, and enforces the declared one.

    Answers of routes that carry child data (see ``access.declare_child_data``) are marked
    ``no-store``, and a refused request to such a route (403 or 404) writes a refused event.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        name = getattr(request, "access_policy", None)
        if access.carries_child_data(name):
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
            if response.status_code in (403, 404):
                record_refusal(request, name, response.status_code)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = access.policy_of(view_func)
        request.access_policy = name
        if name is None:
            logger.error("No policy declared for %s (%s); refused.", request.path,
                         getattr(view_func, "__qualname__", view_func))
            return deny(request, _("This page has no access rule and is therefore closed."))
        if name in (access.PUBLIC, access.API_DELEGATED):
            return None
        if name.startswith(access.FAMILY_PREFIX):
            return self._family_gate(request, name)
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

    @staticmethod
    def _family_gate(request, name: str):
        """The family's pages: a family member logged in with e-ID, never a staff account."""
        actor = request.actor
        if actor.family is None:
            if request.user.is_authenticated:
                return deny(request, _("These pages are for guardians and young people who log in "
                                       "with e-ID."))
            return redirect_to_login(request.get_full_path(), reverse(settings.FAMILY_LOGIN_URL))
        if not access.allowed(actor, name):
            return deny(request, _("You do not have access to this page."))
        return None

    def process_exception(self, request, exception):
        """A query parameter that cannot be used is the asker's mistake: 400, said in Swedish."""
        if not isinstance(exception, BadParameter):
            return None
        if _is_api(request):
            return JsonResponse({"detail": exception.message, "parameter": exception.name}, status=400)
        return TemplateResponse(request, "400.html", {"reason": exception.message}, status=400).render()

class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (settings.PERMISSIONS_POLICY): no camera, microphone,
    geolocation, payment or other powerful features for any page of the product."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=({' '.join(allow)})"
                                for feature, allow in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
