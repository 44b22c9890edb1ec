"""Event pages for staff: the list, an event, create/change/move/cancel, one-click registration,
the attendance list at the door, the attendance export, feedback results and series."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.core import fragments
from tillsammans.core.access import PUBLIC, allowed, policy, require
from tillsammans.core.pdf import pdf_response, render_pdf
from tillsammans.events import exports, selectors, services
from tillsammans.events.forms import EventForm, SeriesForm, WalkInForm
from tillsammans.events.models import Event, EventSeries, Registration, RegistrationStatus
from tillsammans.organisations.views_edit import _try


def _event_or_404(request, pk: int) -> Event:
    event = selectors.event_visible(request.actor, pk)
    if event is None:
        raise Http404
    return event


@policy(PUBLIC)
def event_list(request):
    """Open events for everyone (the address people share); all events for staff."""
    past = request.GET.get("visa") == "tidigare"
    staff = request.actor.membership is not None
    # The list is the same for everyone who sees the same events (guests or staff): a cached part
    # until an event or a registration changes (ADR 0026). "Coming" is counted from the minute, so
    # a cached list is at most a minute behind the clock.
    now = timezone.now().replace(second=0, microsecond=0)

    def context() -> dict:
        page = Paginator(selectors.events_for(request.actor, past=past, now=now), 25).get_page(
            request.GET.get("page"))
        return {"page_obj": page, "events": page.object_list, "past": past}

    body = fragments.render_part(request, "event_list", [staff, now], "events/_event_list_body.html", context)
    return render(request, "events/event_list.html", {
        "body": body, "can_create": allowed(request.actor, "events.create")})


@policy(PUBLIC)
def event_detail(request, pk: int):
    event = _event_or_404(request, pk)
    registration = selectors.own_registration(request.actor, event)
    can_manage = allowed(request.actor, "events.manage", event)
    is_open = event.registration_open()
    can_register = request.actor.membership is not None and registration is None and is_open
    as_guest = request.actor.membership is None and event.open_to_guests and is_open
    # What the event is, how many places are taken and the button to register are the same for every
    # viewer who may register (the form gets the reader's own CSRF token), and what its organisers
    # see the same for each of them: cached parts until an event or a registration changes (ADR 0026).
    # The viewer's own registration is rendered per request.
    facts = fragments.render_part(request, "event", [event.pk, can_register, as_guest], "events/_event_facts.html",
                                  lambda: {"event": selectors.event_facts(event.pk),
                                           "organisers": list(event.organisers.select_related("user")),
                                           "audience_areas": list(event.audience_areas.all()),
                                           "can_register": can_register, "as_guest": as_guest})
    organising = fragments.render_part(
        request, "event_organisers", [event.pk, is_open], "events/_event_organisers.html",
        lambda: {"event": event, "is_open": is_open, "feedback": selectors.feedback_summary(event)},
    ) if can_manage else ""
    return render(request, "events/event_detail.html", {
        "event": event, "facts": facts, "organising": organising, "registration": registration,
        "is_open": is_open, "position": selectors.waitlist_position(registration) if registration else None})


@policy("events.create")
def event_create(request):
    form = EventForm(request.POST or None, actor=request.actor,
                     initial={"series": request.GET.get("serie"), "capacity": 30})
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("e", services.event_create(
                actor=request.actor, audience_areas=form.cleaned_data["audience_areas"], **form.service_data()))):
            messages.success(request, _("The event was created."))
            return redirect("events:event", created["e"].pk)
    return render(request, "events/event_form.html", {"form": form, "title": _("New event")})


@policy("events.view")
def event_edit(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require(request.actor, "events.manage", event)
    form = EventForm(request.POST or None, actor=request.actor, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.event_change(actor=request.actor, event=event,
                                                    audience_areas=form.cleaned_data["audience_areas"],
                                                    **form.service_data())):
            messages.success(request, _("The event was saved. Everyone registered gets the change by e-mail."))
            return redirect("events:event", event.pk)
    return render(request, "events/event_form.html", {
        "form": form, "event": event, "title": _("Change or move %(title)s") % {"title": event.title}})


@policy("events.view")
def event_cancel(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require(request.actor, "events.manage", event)
    if request.method == "POST":
        services.event_cancel(actor=request.actor, event=event)
        messages.success(request, _("The event was cancelled and everyone registered was told."))
        return redirect("events:event", event.pk)
    return render(request, "events/event_cancel.html", {"event": event, "counts": selectors.counts(event)})


@policy("events.view")
@require_POST
def announce(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require(request.actor, "events.manage", event)
    try:
        count = services.event_announce(actor=request.actor, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invitation is on its way to %(n)s people in the audience.") % {"n": count})
    return redirect("events:event", event.pk)


@policy("events.view")
@require_POST
def register(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    try:
        registration = services.register_staff(actor=request.actor, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, _("You are registered. A meeting request is on its way by e-mail."))
        else:
            messages.info(request, _("The event is full: you are on the waitlist and will be told if a place "
                                     "becomes free."))
    return redirect("events:event", event.pk)


@policy("events.view")
@require_POST
def unregister(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    registration = selectors.own_registration(request.actor, event)
    if registration is not None:
        services.registration_cancel(actor=request.actor, registration=registration)
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:event", event.pk)


@policy("events.view")
def attendance(request, pk: int):
    """The list at the door: large targets, search by name, works without JavaScript."""
    event = get_object_or_404(Event.objects.select_related("course"), pk=pk)
    require(request.actor, "events.manage", event)
    walk_in = WalkInForm(request.POST if request.POST.get("action") == "walk_in" else None)
    if request.method == "POST":
        if request.POST.get("action") == "walk_in":
            if walk_in.is_valid() and _try(walk_in, lambda: services.walk_in_add(
                    actor=request.actor, event=event, **walk_in.cleaned_data)):
                messages.success(request, _("%(name)s was added as present.") % {"name": walk_in.cleaned_data["name"]})
                return redirect(request.get_full_path())
        else:
            registration = get_object_or_404(Registration, pk=request.POST.get("registration"), event=event,
                                             status=RegistrationStatus.REGISTERED)
            services.attendance_set(actor=request.actor, registration=registration,
                                    attended=request.POST.get("attended") == "1")
            return redirect(request.get_full_path() + f"#r{registration.pk}")
    q = request.GET.get("q", "").strip()[:100]
    rows = selectors.attendance_list(event, q)
    return render(request, "events/attendance.html", {
        "event": event, "rows": rows, "q": q, "walk_in": walk_in,
        "present": sum(1 for r in rows if r.attended), "total": len(rows)})


@policy("events.view")
def attendance_export(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require(request.actor, "events.manage", event)
    return exports.attendance_response(event)


@policy("events.view")
def certificate(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)
    require(request.actor, "events.certificate", registration)
    return _certificate_response(registration)


def _certificate_response(registration: Registration):
    if not registration.attended or registration.guest_data_removed:
        raise Http404
    content = render_pdf("events/certificate_pdf.html", {"registration": registration, "event": registration.event})
    return pdf_response(content, f"intyg-{registration.event_id}-{registration.pk}.pdf")


@policy("events.create")
def series_create(request):
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("s", services.series_create(actor=request.actor,
                                                                             **form.cleaned_data))):
            messages.success(request, _("The series was created. Add its occasions."))
            return redirect("events:series", created["s"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New event series"),
                                              "cancel_url": "events:event_list"})


@policy("events.view")
def series_edit(request, pk: int):
    series = get_object_or_404(EventSeries, pk=pk)
    require(request.actor, "events.manage_series", series)
    form = SeriesForm(request.POST or None, initial={"name": series.name, "kind": series.kind,
                                                     "description": series.description})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.series_change(actor=request.actor, series=series, **form.cleaned_data)):
            messages.success(request, _("The series was saved."))
            return redirect("events:series", series.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change %(name)s") % {"name": series.name},
                                              "cancel_href": reverse("events:series", args=[series.pk])})


@policy("events.view")
def series_detail(request, pk: int):
    series = get_object_or_404(EventSeries, pk=pk)
    occasions = series.events.select_related("presenting_unit").order_by("starts_at")
    return render(request, "events/series_detail.html", {
        "series": series, "occasions": occasions,
        "can_manage": allowed(request.actor, "events.manage_series", series)})
