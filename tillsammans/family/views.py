"""The family's own door: login with e-ID, the neutral page, language, home (docs/adr/0016, 0017)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.models import Child
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity, publicforms
from tillsammans.core.access import PUBLIC, Actor, policy
from tillsammans.core.middleware import client_ip
from tillsammans.core.models import AuditAction, AuditOutcome
from tillsammans.family import oidc, selectors, subject
from tillsammans.family.forms import LanguageForm

PORTAL = "/familj/"


def limited(request):
    return render(request, "family/limited.html", status=429)


def _safe_next(request, value: str) -> str:
    if value and value.startswith(PORTAL) and url_has_allowed_host_and_scheme(value, {request.get_host()}):
        return value
    return ""


@policy(PUBLIC)
def login(request):
    if subject.member_of(request) is not None:
        return redirect("family:home")
    timed_out = request.session.pop("family_timed_out", False)
    return render(request, "family/login.html", {
        "next": _safe_next(request, request.GET.get("next", "")), "timed_out": timed_out,
        "enabled": settings.FAMILY_OIDC_ENABLED, "test_idp": settings.FAMILY_TEST_IDP})


@policy(PUBLIC)
def start(request):
    """To the e-ID broker: code flow with PKCE (``?fresh=1``: prove who you are again, now)."""
    if not settings.FAMILY_OIDC_ENABLED:
        raise Http404
    if publicforms.over_limit("family-login", client_ip(request), settings.FAMILY_LOGIN_RATE_PER_HOUR):
        return limited(request)
    next_url = _safe_next(request, request.GET.get("next", ""))
    if next_url:
        request.session["family_next"] = next_url
    return oidc.AuthenticationRequest.as_view()(request)


def _log_attempt(request, number: str, reason: str, *, acr: str = "") -> None:
    member = subject.FamilyMember(number=number, authenticated_at=0, acr=acr)
    actor = Actor(family=member, client_ip=client_ip(request), request_id=getattr(request, "request_id", ""))
    with transaction.atomic():
        audit.record(actor, AuditAction.LOGIN, object_type="family.login", outcome=AuditOutcome.REFUSED,
                     detail={"method": "e-id", "reason": reason})


@policy(PUBLIC)
def callback(request):
    """The broker's answer: check state, exchange the code with the PKCE verifier, verify the ID token,
    then match the identity number to a guardian with custody or a young person of 15 or more."""
    if not settings.FAMILY_OIDC_ENABLED:
        raise Http404
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    entry = states.pop(state, None) if state else None
    request.session["oidc_states"] = states
    fresh_since = request.session.pop(oidc.FRESH_KEY, None)
    if request.GET.get("error") or entry is None or not request.GET.get("code"):
        return render(request, "family/login.html", {"failed": True, "enabled": True}, status=400)
    try:
        claims = oidc.verified_claims(request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier"))
        number, auth_time, acr = oidc.check_claims(claims, fresh_since=fresh_since)
    except oidc.LoginRefused as refused:
        _log_attempt(request, "", f"refused:{refused.reason}")
        return render(request, "family/login.html", {"failed": True, "enabled": True}, status=400)
    if not access_rules.family_plans(number):
        child = Child.objects.filter(personal_number=number).first()
        under_15 = child is not None and identity.age(number) < YOUNG_PERSON_AGE
        _log_attempt(request, number, "under_15" if under_15 else "no_match", acr=acr)
        language = request.session.get(subject.LANGUAGE_KEY)
        request.session.flush()
        if language:
            request.session[subject.LANGUAGE_KEY] = language
        return render(request, "family/neutral.html")
    next_url = request.session.pop("family_next", "")
    language = request.session.get(subject.LANGUAGE_KEY)
    if request.user.is_authenticated:  # a staff session in the same browser ends here
        request.session.flush()
    else:
        request.session.cycle_key()
    member = subject.FamilyMember(number=number, authenticated_at=auth_time, acr=acr,
                                  issuer=str(claims.get("iss", "")))
    request.session[subject.SESSION_KEY] = member.as_session()
    request.session[subject.LAST_SEEN_KEY] = int(__import__("time").time())
    if language:
        request.session[subject.LANGUAGE_KEY] = language
    actor = Actor(family=member, verified=True, client_ip=client_ip(request),
                  request_id=getattr(request, "request_id", ""))
    with transaction.atomic():
        audit.record(actor, AuditAction.LOGIN, object_type="family.login",
                     detail={"method": "e-id", "acr": acr, "fresh": fresh_since is not None})
    return redirect(next_url or "family:home")


@policy(PUBLIC)
@require_POST
def logout(request):
    language = request.session.get(subject.LANGUAGE_KEY)
    request.session.flush()
    if language:
        request.session[subject.LANGUAGE_KEY] = language
    return redirect("family:login")


@policy(PUBLIC)
@require_POST
def language(request):
    form = LanguageForm(request.POST)
    if form.is_valid():
        request.session[subject.LANGUAGE_KEY] = form.cleaned_data["language"]
    return redirect(_safe_next(request, request.POST.get("next", "")) or "family:login")


@policy("family.use")
def home(request):
    """The children whose plans this person reaches (as guardian, or their own from 15)."""
    number = request.actor.family.number
    with audit.batch():
        plans = selectors.my_plans(number)
        for plan in plans:
            audit.record(request.actor, AuditAction.READ, plan, person=plan.child, purpose="SIP",
                         detail={"via": "family-home", "as": plan.family_basis})
    if not plans:
        return render(request, "family/neutral.html")
    return render(request, "family/home.html", {"plans": plans, "title": _("Your plans")})
