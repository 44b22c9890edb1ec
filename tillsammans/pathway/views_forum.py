"""Pages of the joint forum: bringing a request, the forum's list and meetings, the request's page
(named or the anonymous summary), the decision, and handovers between units."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import rules
from tillsammans.core import audit
from tillsammans.core.access import policy, require
from tillsammans.core.models import AuditAction
from tillsammans.core.params import BadParameter, int_param
from tillsammans.networks.models import Network, NetworkKind, NetworkMember
from tillsammans.organisations.views_edit import _try
from tillsammans.pathway import forms as f
from tillsammans.pathway import selectors, selectors_forum, services_forum, services_handover
from tillsammans.pathway.models import ForumRequest, Handover
from tillsammans.pathway.selectors import SHOWN_BASIS, shown_child
from tillsammans.pathway.views import _consent_args, _form_page, _log, worry_for

FORUM = services_forum.FORUM_PURPOSE


def request_for(request, pk: int, policy_name: str = "pathway.view_request") -> ForumRequest:
    found = ForumRequest.objects.select_related(
        "forum__convener__user", "forum__area", "meeting", "area", "requesting_unit__authority", "requested_by__user",
        "worry__child", "worry__unit", "lead__user", "lead__unit", "service_contact__user",
        "plan").filter(pk=pk).first()
    try:
        require(request.actor, policy_name, found)
    except PermissionDenied:
        raise Http404 from None
    return found


@policy("pathway.use")
def request_add(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    basis = rules.worry_basis(request.actor, worry)
    form = f.RequestForm(request.POST or None, child=worry.child, basis=SHOWN_BASIS[basis],
                         initial={"needs": worry.needs})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = {}

        def submit():
            with transaction.atomic():  # a consent that the request refuses is not kept
                consent = None
                if data["named"]:
                    consent = services_forum.forum_consent_record(
                        actor=request.actor, worry=worry, forum=data["forum"], **_consent_args(data))
                created["r"] = services_forum.request_submit(actor=request.actor, worry=worry, forum=data["forum"],
                                                             question=data["question"], consent=consent)
        if _try(form, submit):
            messages.success(request, _("The request was brought to the forum."))
            return redirect("pathway:request", created["r"].pk)
    return _form_page(request, form, _("Bring a request to a joint forum"), worry,
                      intro=_("With the consent the forum sees the child; without it only age, area, kind of need "
                              "and your question."))


@policy("pathway.use")
def forum_list(request):
    """The forums the actor sits in (convener, chair, a member unit's contact), and what waits."""
    membership = request.actor.membership
    sits = set(NetworkMember.objects.filter(contact_membership=membership, left_at__isnull=True,
                                            network__kind=NetworkKind.FORUM).values_list("network_id", flat=True))
    forums = list(Network.objects.filter(kind=NetworkKind.FORUM, valid_to__isnull=True).select_related("area")
                  .order_by("name"))
    mine = [n for n in forums if n.pk in sits or membership.pk in (n.convener_id, n.chair_id)]
    with audit.batch():
        waiting = selectors.requests_of_forums(request.actor, [n.pk for n in mine], waiting_only=True)
        selectors.record_reads(request.actor, waiting)
    return render(request, "pathway/forum_list.html", {"forums": forums, "mine": mine, "waiting": waiting})


@policy("pathway.use")
def forum_detail(request, pk: int):
    """The convener's page: one meeting's agenda (the one asked for, else the next, else the
    latest), the forum's meetings to choose from with their number of requests, and the requests
    on no meeting's agenda; each list a page cut in the database (ADR 0028)."""
    forum = Network.objects.filter(pk=pk, kind=NetworkKind.FORUM).first()
    try:
        require(request.actor, "pathway.view_forum", forum)
    except PermissionDenied:
        raise Http404 from None
    wanted = int_param(request, "mote")
    now = timezone.now()
    meetings = selectors_forum.meetings_of(forum, now, request.GET.get("tidigare"))
    meeting = selectors_forum.chosen_meeting(forum, wanted, meetings, now)
    if wanted is not None and meeting is None:  # another forum's meeting reads as no meeting at all
        raise BadParameter("mote", _("This forum has no meeting %(pk)s. Choose one of the meetings in the forum's "
                                     "list.") % {"pk": wanted})
    with audit.batch():
        agenda = selectors_forum.agenda(meeting, request.GET.get("dagordning")) if meeting else None
        unplaced = selectors_forum.unplaced(forum, request.GET.get("utan_mote"))
        shown = selectors_forum.shown(request.actor, forum, *[p for p in (agenda, unplaced) if p is not None])
        selectors.record_reads(request.actor, shown)
    return render(request, "pathway/forum_detail.html", {
        "forum": forum, "meetings": meetings, "meeting": meeting, "agenda": agenda, "unplaced": unplaced,
        "now": now, "runs": request.actor.membership.pk in (forum.convener_id, forum.chair_id),
        "units": list(rules.forum_unit_rows(forum).order_by("name").values_list("name", flat=True))})


@policy("pathway.use")
def request_detail(request, pk: int):
    with audit.batch():
        found = request_for(request, pk)
        basis = rules.request_basis(request.actor, found)
        named = basis in rules.REQUEST_NAMED
        if named:
            audit.record(request.actor, AuditAction.READ, found, person=found.worry.child, purpose=FORUM,
                         detail={"via": "page", "basis": basis})
        missing = services_forum.missing_units(found.forum, found.consent) if basis == "team" else []
    runs = request.actor.membership.pk in (found.forum.convener_id, found.forum.chair_id)
    return render(request, "pathway/request_detail.html", {
        "req": found, "basis": basis, "named": named, "runs": runs, "missing": missing,
        "need_labels": selectors.need_labels(found.needs),
        "child_shown": shown_child(found.worry, basis) if named else None,
        "meetings": found.forum.meetings.filter(cancelled=False, starts_at__gte=timezone.now()).order_by("starts_at"),
        "report_url": selectors.report_url(request=found) if named else None})


@policy("pathway.use")
def request_decide(request, pk: int):
    found = request_for(request, pk, "pathway.decide_request")
    form = f.RequestDecideForm(request.POST or None, units=rules.forum_units(found.forum))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services_forum.request_decide(
                actor=request.actor, request=found, decision=data["decision"], reason=data["reason"],
                lead=data["lead"], service_contact=data["service_contact"])):
            messages.success(request, _("The decision was saved; the requesting unit and the family are told."))
            return redirect("pathway:request", found.pk)
    basis = rules.request_basis(request.actor, found)
    if basis in rules.REQUEST_NAMED:
        audit.record(request.actor, AuditAction.READ, found, person=found.worry.child, purpose=FORUM,
                     detail={"via": "form"})
    return render(request, "form_page.html", {"form": form, "title": _("The forum's decision"),
                                              "cancel_href": reverse("pathway:request", args=[found.pk])})


@policy("pathway.use")
def request_schedule(request, pk: int):
    found = request_for(request, pk, "pathway.decide_request")
    if request.method != "POST":
        return redirect("pathway:request", found.pk)
    meeting = found.forum.meetings.filter(pk=request.POST.get("meeting") or 0).first() \
        if (request.POST.get("meeting") or "").isdigit() else None
    try:
        services_forum.request_schedule(actor=request.actor, request=found, meeting=meeting)
        messages.success(request, _("The request is on the meeting's agenda."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("pathway:request", found.pk)


@policy("pathway.use")
def request_name(request, pk: int):
    """The requesting unit records the consent that lets the forum see the child."""
    found = request_for(request, pk, "pathway.work_request")
    worry = found.worry
    basis = rules.worry_basis(request.actor, worry)
    form = f.PathwayConsentForm(request.POST or None, child=worry.child, basis=SHOWN_BASIS[basis])
    if request.method == "POST" and form.is_valid():
        def name():
            with transaction.atomic():
                consent = services_forum.forum_consent_record(actor=request.actor, worry=worry, forum=found.forum,
                                                              **_consent_args(form.cleaned_data))
                services_forum.request_name(actor=request.actor, request=found, consent=consent)
        if _try(form, name):
            messages.success(request, _("The forum now sees the child."))
            return redirect("pathway:request", found.pk)
    return _form_page(request, form, _("Consent that names the forum's units"), worry)


@policy("pathway.use")
def request_withdraw(request, pk: int):
    found = request_for(request, pk, "pathway.work_request")
    form = f.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_forum.request_withdraw(actor=request.actor, request=found,
                                                              reason=form.cleaned_data["reason"])):
            messages.success(request, _("The request was withdrawn."))
            return redirect("pathway:worry", found.worry_id)
    return _form_page(request, form, _("Withdraw the request"), found.worry)


@policy("pathway.use")
@require_POST
def family_told(request, pk: int):
    found = request_for(request, pk, "pathway.work_request")
    try:
        services_forum.family_told(actor=request.actor, request=found)
        messages.success(request, _("Recorded: the family was told."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("pathway:request", found.pk)


@policy("pathway.use")
def handover_add(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    log = _log(worry)
    basis = rules.worry_basis(request.actor, worry)
    choose = f.UnitChoiceForm(request.GET or None, exclude=log.unit_id)
    if not choose.is_valid():
        audit.record(request.actor, AuditAction.READ, worry, person=worry.child, purpose=services_handover.PURPOSE,
                     detail={"via": "form"})
        return render(request, "pathway/handover_unit.html", {
            "form": choose, "worry": worry, "child_shown": shown_child(worry, basis)},
            status=400 if request.GET else 200)
    to_unit = choose.cleaned_data["enhet"]
    form = f.HandoverForm(request.POST or None, child=worry.child, basis=SHOWN_BASIS[basis], to_unit=to_unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services_handover.handover_offer(
                actor=request.actor, log=log, to_unit=to_unit, recipient=data["recipient"], note=data["note"],
                **_consent_args(data))):
            messages.success(request, _("The log is handed over; the receiving unit confirms it."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Hand over the relay log to %(unit)s") % {"unit": to_unit.name}, worry,
                      intro=_("The guardians' consent (or the young person's own from 15) names %(unit)s.")
                      % {"unit": to_unit.name})


def handover_for(request, pk: int, policy_name: str) -> Handover:
    handover = Handover.objects.select_related("log__worry__child", "log__unit", "from_unit", "to_unit",
                                               "offered_by__user", "recipient__user").filter(pk=pk).first()
    try:
        require(request.actor, policy_name, handover)
    except PermissionDenied:
        raise Http404 from None
    return handover


@policy("pathway.use")
def handover_confirm(request, pk: int):
    """The recipient sees what is handed over and confirms it."""
    handover = handover_for(request, pk, "pathway.confirm_handover")
    worry = handover.log.worry
    if request.method == "POST":
        try:
            services_handover.handover_confirm(actor=request.actor, handover=handover)
            messages.success(request, _("You have received the relay log. The giving unit no longer sees it."))
            return redirect("pathway:worry", worry.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    with audit.batch():
        audit.record(request.actor, AuditAction.READ, handover, person=worry.child, purpose=services_handover.PURPOSE,
                     detail={"via": "handover"})
        from tillsammans.pathway.selectors import worry_page

        context = worry_page(worry)
    context.update({"handover": handover, "worry": worry, "child_shown": shown_child(worry, "recipient")})
    return render(request, "pathway/handover_confirm.html", context)


@policy("pathway.use")
@require_POST
def handover_cancel(request, pk: int):
    handover = Handover.objects.select_related("log__worry", "to_unit").filter(pk=pk).first()
    if handover is None:
        raise Http404
    worry = worry_for(request, handover.log.worry_id, "pathway.work_log")
    try:
        services_handover.handover_cancel(actor=request.actor, handover=handover)
        messages.success(request, _("The handover was cancelled."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("pathway:worry", worry.pk)
