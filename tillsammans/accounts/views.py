"""Login with password and a second factor (TOTP), logout, and choosing the acting membership."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import LoginView, redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from tillsammans.accounts.forms import LoginForm, TokenForm
from tillsammans.accounts.middleware import build_actor
from tillsammans.accounts.selectors import memberships_of
from tillsammans.accounts.services import remember_role
from tillsammans.core import audit
from tillsammans.core.access import AUTHENTICATED, PUBLIC, policy
from tillsammans.core.middleware import ACTING_MEMBERSHIP_KEY, is_verified
from tillsammans.core.models import AuditAction


def record_login(request: HttpRequest, *, method: str, **detail) -> None:
    """Write the login to the audit chain, with the membership the person will act in."""
    actor = build_actor(request)
    audit.record(actor, AuditAction.LOGIN, request.user, person=request.user,
                 detail={"method": method, **detail})


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return default


@policy(PUBLIC)
class PasswordLoginView(LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context

    def get_success_url(self):
        target = self.get_redirect_url() or reverse(settings.LOGIN_REDIRECT_URL)
        return f"{reverse('accounts:verify')}?next={target}"


@policy(PUBLIC)
def verify(request: HttpRequest) -> HttpResponse:
    """Second step: a TOTP code from the person's confirmed device."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    target = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if is_verified(request):
        return HttpResponseRedirect(target)
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices and target.startswith(reverse("accounts:enrol", args=["x"])[:-2]):
        return HttpResponseRedirect(target)  # on the way to set up a new authenticator
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip().replace(" ", "")
        for device in devices:
            if device.verify_token(token):
                otp_login(request, device)
                request.session.cycle_key()  # a new session key once the second factor is given
                record_login(request, method="password+totp")
                return HttpResponseRedirect(target)
        form.add_error("token", _("The code is wrong or has expired. Try the next code."))
    return render(request, "accounts/verify.html",
                  {"form": form, "has_device": bool(devices), "next": target})


@policy(PUBLIC)
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.info(request, _("You are logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@policy(AUTHENTICATED)
def choose_role(request: HttpRequest) -> HttpResponse:
    """Choose the membership to act in. Only the person's own, current memberships count."""
    current = memberships_of(request.user)
    target = _safe_next(request, reverse("core:home"))
    if request.method == "POST":
        try:
            wanted = int(request.POST.get("membership", ""))
        except ValueError:
            wanted = None
        chosen = next((m for m in current if m.pk == wanted), None)
        if chosen is None:
            messages.error(request, _("Choose one of your current roles."))
        else:
            request.session[ACTING_MEMBERSHIP_KEY] = chosen.pk
            remember_role(request.user, chosen)
            messages.success(request, _("You now act as %(role)s at %(unit)s.")
                             % {"role": chosen.get_role_display(), "unit": chosen.unit.name})
            return HttpResponseRedirect(target)
    return render(request, "accounts/choose_role.html", {"memberships": current, "next": target})


ENROL_DEVICE_KEY = "otp_enrol_device_id"


@policy(PUBLIC)  # reached after the password alone; the one-time link and the person are checked here
def enrol(request: HttpRequest, token: str) -> HttpResponse:
    """Set up a new authenticator after an administrator's reset (link mailed to the person)."""
    import base64

    import segno

    from tillsammans.accounts import services_otp

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
    try:
        enrolment = services_otp.enrolment_for(user=request.user, token=token)
    except services_otp.EnrolmentError as exc:
        return render(request, "accounts/enrol.html", {"invalid": str(exc)}, status=404)
    device = services_otp.pending_device(user=request.user, device_id=request.session.get(ENROL_DEVICE_KEY))
    request.session[ENROL_DEVICE_KEY] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["token"].strip().replace(" ", "")
        actor = build_actor(request)
        if services_otp.enrolment_complete(actor=actor, enrolment=enrolment, device=device, token=code):
            request.session.pop(ENROL_DEVICE_KEY, None)
            otp_login(request, device)
            request.session.cycle_key()
            record_login(request, method="password+totp-enrolment")
            messages.success(request, _("Your authenticator is set up."))
            return redirect(settings.LOGIN_REDIRECT_URL)
        form.add_error("token", _("The code is wrong or has expired. Try the next code."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/enrol.html", {
        "form": form, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
    }, status=422 if form.errors else 200)
