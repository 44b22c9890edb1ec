"""Professionals' pages for parent groups: the list, a group with its parents and waitlist, create,
change, move and cancel groups and sessions, sign a parent up with their agreement, cancel a place,
and the attendance list of a session (large targets, works without JavaScript)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import audit, fragments
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try
from tillsammans.support import languages, selectors, services_groups
from tillsammans.support.forms import GroupForm, ProfessionalSignUpForm, SessionForm
from tillsammans.support.models import GroupSession, ParentGroup, Participant, ParticipantStatus


def _group(request, pk: int, policy_name: str | None = "support.manage_group") -> ParentGroup:
    group = selectors.group_detail(pk)
    if group is None:
        from django.http import Http404

        raise Http404
    if policy_name:
        require(request.actor, policy_name, group)
    return group


@policy("support.view")
def group_list(request):
    """Coming and running groups; a coordinator sees their own areas first (``?alla=1`` every area)."""
    is_coordinator = request.actor.has_role(Role.COORDINATOR)
    everyone = request.GET.get("alla") == "1" or not is_coordinator
    ended = request.GET.get("visa") == "avslutade"
    today = timezone.localdate()

    def context() -> dict:
        area_ids = None if everyone else coordinator_area_ids(request.actor.membership)
        groups = selectors.groups_for(area_ids=area_ids, include_ended=ended, today=today)
        page = Paginator(groups, 25).get_page(request.GET.get("page"))
        return {"page_obj": page, "groups": page.object_list, "everyone": everyone, "ended": ended,
                "is_coordinator": is_coordinator}

    # The groups and their counts of places (never who the parents are) are the same for everyone
    # who sees the same areas: a cached part until a group or a participant changes (ADR 0026).
    scope = None if everyone else request.actor.membership.pk
    body = fragments.render_part(request, "group_list", [is_coordinator, scope, today],
                                 "support/_group_list_body.html", context)
    return render(request, "support/group_list.html", {
        "body": body, "can_create": allowed(request.actor, "support.create")})


@policy("support.create")
def group_create(request):
    form = GroupForm(request.POST or None, initial={"offer": request.GET.get("erbjudande")})
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("g", services_groups.group_create(
                actor=request.actor, **form.service_data()))):
            messages.success(request, _("The group was created. Add its sessions."))
            return redirect("support:group", created["g"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New parent group"),
                                              "cancel_url": "support:group_list"})


@policy("support.view")
def group_detail(request, pk: int):
    """The group: sessions, parents with a place and the waitlist (for those who run it)."""
    group = _group(request, pk, None)
    can_manage = allowed(request.actor, "support.manage_group", group)
    can_attend = can_manage or allowed(request.actor, "support.attendance", group)
    participants = selectors.participants_of(group) if can_attend else []
    if participants:
        with audit.batch():
            audit.record(request.actor, AuditAction.READ, group, detail={"participants": len(participants)})
    from tillsammans.support.statistics import evaluation_summary

    return render(request, "support/group_detail.html", {
        "group": group, "language": languages.get(group.language), "counts": selectors.group_counts(group),
        "sessions": list(group.sessions.all()), "participants": participants,
        "can_manage": can_manage, "can_attend": can_attend,
        "evaluation": evaluation_summary(group) if can_manage else None,
        "offer_title": selectors.text_for(group.offer, "sv").title})


@policy("support.view")
def group_edit(request, pk: int):
    group = _group(request, pk)
    form = GroupForm(request.POST or None, initial=GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_groups.group_change(actor=request.actor, group=group,
                                                           **form.service_data())):
            messages.success(request, _("The group was saved. Parents are told if the dates or the place changed."))
            return redirect("support:group", group.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Change or move %(name)s") % {"name": group.name},
        "cancel_href": reverse("support:group", args=[group.pk])})


@policy("support.view")
def group_cancel(request, pk: int):
    group = _group(request, pk)
    if request.method == "POST":
        services_groups.group_cancel(actor=request.actor, group=group)
        messages.success(request, _("The group was cancelled and every parent signed up was told."))
        return redirect("support:group", group.pk)
    counts = selectors.group_counts(group)
    return render(request, "support/confirm.html", {
        "title": _("Cancel %(name)s") % {"name": group.name}, "back": reverse("support:group", args=[group.pk]),
        "text": _("%(n)s parents with a place and %(w)s on the waitlist are told by e-mail or text message.") % {
            "n": counts["registered"], "w": counts["waitlisted"]}, "button": _("Cancel the group")})


@policy("support.view")
def session_add(request, pk: int):
    group = _group(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_groups.session_add(actor=request.actor, group=group, **form.service_data())):
            messages.success(request, _("The session was added."))
            return redirect("support:group", group.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("New session of %(name)s") % {"name": group.name},
        "cancel_href": reverse("support:group", args=[group.pk])})


def _session(request, pk: int, policy_name: str = "support.manage_group") -> GroupSession:
    session = get_object_or_404(GroupSession.objects.select_related("group"), pk=pk)
    _group(request, session.group_id, policy_name)
    return session


@policy("support.view")
def session_edit(request, pk: int):
    session = _session(request, pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_groups.session_change(actor=request.actor, session=session,
                                                             **form.service_data())):
            messages.success(request, _("The session was saved. Parents are told if it moved."))
            return redirect("support:group", session.group_id)
    return render(request, "form_page.html", {
        "form": form, "title": _("Change or move the session"),
        "cancel_href": reverse("support:group", args=[session.group_id])})


@policy("support.view")
def session_cancel(request, pk: int):
    session = _session(request, pk)
    if request.method == "POST":
        services_groups.session_cancel(actor=request.actor, session=session)
        messages.success(request, _("The session was cancelled and the parents were told."))
        return redirect("support:group", session.group_id)
    return render(request, "support/confirm.html", {
        "title": _("Cancel the session"), "back": reverse("support:group", args=[session.group_id]),
        "text": _("Everyone with a place is told by e-mail or text message."), "button": _("Cancel the session")})


@policy("support.view")
def attendance(request, pk: int):
    """Tick who is present at a session, at the door."""
    session = _session(request, pk, "support.attendance")
    if request.method == "POST":
        participant = get_object_or_404(Participant, pk=request.POST.get("participant"), group_id=session.group_id,
                                        status=ParticipantStatus.REGISTERED)
        services_groups.attendance_set(actor=request.actor, session=session, participant=participant,
                                       present=request.POST.get("present") == "1")
        return redirect(reverse("support:attendance", args=[session.pk]) + f"#p{participant.pk}")
    rows = selectors.attendance_rows(session)
    with audit.batch():
        audit.record(request.actor, AuditAction.READ, session.group, detail={"attendance": session.pk})
    return render(request, "support/attendance.html", {
        "session": session, "group": session.group, "rows": rows, "present": sum(1 for _p, here in rows if here)})


@policy("support.view")
def participant_add(request, pk: int):
    """A professional signs a parent up, with the parent's agreement (any professional may)."""
    group = _group(request, pk, None)
    form = ProfessionalSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("p", services_groups.participant_signup(
                actor=request.actor, group=group, **form.cleaned_data))):
            participant = created["p"]
            if participant.status == ParticipantStatus.REGISTERED:
                messages.success(request, _("The parent has a place and gets a confirmation."))
            else:
                messages.info(request, _("The group is full: the parent is on the waitlist and is told if a place "
                                         "becomes free."))
            return redirect("support:group", group.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Sign a parent up for %(name)s") % {"name": group.name},
        "cancel_href": reverse("support:group", args=[group.pk])})


@policy("support.view")
@require_POST
def participant_cancel(request, pk: int):
    participant = get_object_or_404(Participant.objects.select_related("group"), pk=pk)
    _group(request, participant.group_id)
    services_groups.participant_cancel(actor=request.actor, participant=participant)
    messages.success(request, _("The place was cancelled; the waitlist moved up."))
    return redirect("support:group", participant.group_id)
