"""Public event pages without login: guest registration, cancellation by link, anonymous feedback
and the certificate by link. The links carry an unguessable token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from tillsammans.core import publicforms
from tillsammans.core.access import PUBLIC, policy
from tillsammans.events import services
from tillsammans.events.forms import FeedbackForm, GuestForm
from tillsammans.events.models import Event, Registration, RegistrationStatus
from tillsammans.events.views import _certificate_response
from tillsammans.organisations.views_edit import _try

RATE_LIMIT = 10
"""Public registrations per client address and hour."""

@policy(PUBLIC)
def guest_register(request, pk: int):
    event = get_object_or_404(Event, pk=pk, open_to_guests=True)
    form = GuestForm(request.POST or None)
    if request.method == "POST":
        if not publicforms.refuse(request, form, scope="events.guest", limit=RATE_LIMIT) and form.is_valid():
            created = {}
            data = form.clean_data_without_guard()
            if _try(form, lambda: created.setdefault("r", services.register_guest(
                    actor=request.actor, event=event, **data))):
                return redirect("events:guest_registered", created["r"].token)
    return render(request, "events/guest_form.html", {"form": form, "event": event})


@policy(PUBLIC)
def guest_registered(request, token: str):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    return render(request, "events/guest_registered.html", {"registration": registration,
                                                            "event": registration.event})


@policy(PUBLIC)
def cancel_by_link(request, token: str):
    registration = get_object_or_404(Registration.objects.select_related("event", "user"), token=token)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        registration = services.registration_cancel(actor=request.actor, registration=registration)
    return render(request, "events/cancel_by_link.html", {"registration": registration,
                                                          "event": registration.event})


@policy(PUBLIC)
def feedback(request, token: str):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    form = FeedbackForm(request.POST or None)
    done = registration.feedback_given
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.feedback_submit(registration=registration, **form.cleaned_data)
            done = True
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, exc.messages)
    return render(request, "events/feedback_form.html", {"form": form, "event": registration.event,
                                                        "done": done})


@policy(PUBLIC)
def certificate_by_link(request, token: str):
    registration = get_object_or_404(Registration.objects.select_related("event", "user"), token=token)
    if registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    return _certificate_response(registration)
