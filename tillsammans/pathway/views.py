"""Pages for worries and relay logs. Every page that shows the child writes one access event per
child shown, in the same transaction as the read; a worry the actor may not see answers 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import rules
from tillsammans.childplans import services as child_services
from tillsammans.childplans.forms import GuardianForm, WithdrawForm
from tillsammans.childplans.models import Consent
from tillsammans.core import audit
from tillsammans.core.access import policy, require
from tillsammans.core.models import AuditAction
from tillsammans.core.paging import page_of
from tillsammans.organisations.views_edit import _try
from tillsammans.pathway import forms as f
from tillsammans.pathway import selectors, services
from tillsammans.pathway.models import LogMember, Measure, Worry
from tillsammans.pathway.selectors import SHOWN_BASIS, shown_child

PURPOSE = services.PURPOSE


def worry_for(request, pk: int, policy_name: str = "pathway.view_worry") -> Worry:
    worry = Worry.objects.select_related("child", "unit__authority", "author__user", "author__unit",
                                         "relay_log__unit", "relay_log__family_contact__user").filter(pk=pk).first()
    try:
        require(request.actor, policy_name, worry)
    except PermissionDenied:
        raise Http404 from None
    return worry


def _read(request, worry: Worry, via: str, basis: str | None) -> None:
    audit.record(request.actor, AuditAction.READ, worry, person=worry.child, purpose=PURPOSE,
                 detail={"via": via, "basis": basis})


def _form_page(request, form, title: str, worry: Worry, intro: str = ""):
    """A form about a worry shows the child: logged like a read."""
    basis = rules.worry_basis(request.actor, worry)
    _read(request, worry, "form", basis)
    return render(request, "pathway/worry_form.html", {
        "form": form, "title": title, "worry": worry, "intro": intro,
        "child_shown": shown_child(worry, basis),
        "cancel_href": reverse("pathway:worry", args=[worry.pk])})


@policy("pathway.use")
def worry_list(request):
    with audit.batch():
        page = page_of(selectors.worries_for(request.actor), request.GET.get("page"), settings.PAGE_SIZE)
        worries = page.object_list
        today = timezone.localdate()
        for worry in worries:  # access_basis: why the actor sees it, asked with the list (rules g–j)
            worry.child_shown = shown_child(worry, worry.access_basis)
            worry.overdue = worry.decided_at is None and worry.decision_due < today
            audit.record(request.actor, AuditAction.READ, worry, person=worry.child, purpose=PURPOSE,
                         detail={"via": "list", "basis": worry.access_basis})
    return render(request, "pathway/worry_list.html", {"worries": worries, "page_obj": page})


@policy("pathway.use")
def worry_create(request):
    form = f.WorryForm(request.POST or None, initial={"arose_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("w", services.worry_record(actor=request.actor, **form.cleaned_data))):
            messages.success(request, _("The worry was recorded. Decide within the deadline how you go on."))
            return redirect("pathway:worry", created["w"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("Record a worry about a child"),
                                              "cancel_url": "pathway:worry_list"})


@policy("pathway.use")
def worry_detail(request, pk: int):
    with audit.batch():
        worry = worry_for(request, pk)
        basis = rules.worry_basis(request.actor, worry)
        _read(request, worry, "page", basis)
        context = selectors.worry_page(worry)
    context.update({"worry": worry, "basis": basis, "works": basis in ("author", "team"),
                    "child_shown": shown_child(worry, basis), "today": timezone.localdate(),
                    "guardians_shown": [(g, rules_shown(g, worry, basis)) for g in context["guardians"]],
                    "report_url": selectors.report_url(worry=worry),
                    "overdue": worry.decided_at is None and worry.decision_due < timezone.localdate()})
    return render(request, "pathway/worry_detail.html", context)


def rules_shown(guardian, worry, basis):
    from tillsammans.core.identity import shown

    return shown(guardian, basis=SHOWN_BASIS.get(basis or ""), child=worry.child)


@policy("pathway.use")
def worry_edit(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    form = f.WorryEditForm(request.POST or None, initial={
        "seen_heard": worry.seen_heard, "needs": worry.needs, "guardians_talk": worry.guardians_talk,
        "guardians_talked_on": worry.guardians_talked_on, "childs_view": worry.childs_view})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.worry_update(actor=request.actor, worry=worry, **form.cleaned_data)):
            messages.success(request, _("The worry was saved."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("The worry and the talk with the guardians"), worry)


@policy("pathway.use")
def worry_decide(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    form = f.DecideForm(request.POST or None, initial={"decision": worry.decision, "note": worry.decision_note})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.worry_decide(actor=request.actor, worry=worry, **form.cleaned_data)):
            messages.success(request, _("The decision was saved."))
            decision = form.cleaned_data["decision"]
            if decision == "forum":
                return redirect("pathway:request_add", worry.pk)
            if decision == "report" and selectors.report_url(worry=worry):
                return redirect(selectors.report_url(worry=worry))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Decide how to go on"), worry,
                      intro=_("Decide within %(days)s days of the worry arising.") % {
                          "days": (worry.decision_due - worry.arose_on).days})


@policy("pathway.use")
def guardian_add(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    form = GuardianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: child_services.guardian_add(actor=request.actor, child=worry.child, purpose=PURPOSE,
                                                          **form.cleaned_data)):
            messages.success(request, _("The guardian was added."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Add guardian"), worry)


def _consent_args(data: dict) -> dict:
    return {"guardians": data["guardians"], "categories": data["categories"], "given_by": data["given_by"],
            "child_view": data["child_view"], "child_heard_how": data["child_heard_how"]}


@policy("pathway.use")
def log_open(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    basis = rules.worry_basis(request.actor, worry)
    form = f.LogOpenForm(request.POST or None, child=worry.child, unit=worry.unit, basis=SHOWN_BASIS[basis],
                         initial={"family_contact": request.actor.membership.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.relay_log_open(actor=request.actor, worry=worry, team=data["team"],
                                                      family_contact=data["family_contact"], **_consent_args(data))):
            messages.success(request, _("The relay log is open. Only the people named in it see it."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Open a relay log with consent"), worry,
                      intro=_("The guardians' consent (or the young person's own from 15) names %(unit)s.")
                      % {"unit": worry.unit.name})


def _log(worry: Worry):
    log = getattr(worry, "relay_log", None)
    if log is None:
        raise Http404
    return log


@policy("pathway.use")
def member_add(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    log = _log(worry)
    form = f.MemberForm(request.POST or None, unit=log.unit)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.member_add(actor=request.actor, log=log,
                                                  membership=form.cleaned_data["membership"])):
            messages.success(request, _("The person now sees the log."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Name a person in the log"), worry)


@policy("pathway.use")
@require_POST
def member_remove(request, pk: int, member_pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    member = get_object_or_404(LogMember, pk=member_pk, log=_log(worry), removed_at__isnull=True)
    try:
        services.member_remove(actor=request.actor, member=member)
        messages.success(request, _("%(name)s no longer sees the log.")
                         % {"name": member.membership.user.get_full_name()})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("pathway:worry", worry.pk)


@policy("pathway.use")
def measure_add(request, pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    log = _log(worry)
    form = f.MeasureForm(request.POST or None, log=log, initial={"responsible": request.actor.membership.pk})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.measure_add(actor=request.actor, log=log, **form.cleaned_data)):
            messages.success(request, _("The measure was added."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Agree a measure"), worry)


@policy("pathway.use")
def evaluate(request, pk: int, measure_pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    measure = get_object_or_404(Measure, pk=measure_pk, log=_log(worry))
    form = f.EvaluationForm(request.POST or None, initial={"status": measure.status})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.evaluation_add(actor=request.actor, measure=measure, **form.cleaned_data)):
            messages.success(request, _("The evaluation was recorded."))
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Evaluate: %(m)s") % {"m": measure.description[:80]}, worry)


@policy("pathway.use")
def consent_withdraw(request, pk: int, consent_pk: int):
    worry = worry_for(request, pk, "pathway.work_log")
    consent = get_object_or_404(Consent, pk=consent_pk, child=worry.child, plan__isnull=True)
    basis = rules.worry_basis(request.actor, worry)
    form = WithdrawForm(request.POST or None, consent=consent, basis=SHOWN_BASIS[basis])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.consent_withdraw(actor=request.actor, consent=consent,
                                                        guardian=data["guardian"], units=data["units"])):
            messages.success(request, _("The consent was withdrawn. Access ended at once."))
            if rules.worry_basis(request.actor, worry) is None:
                return redirect("pathway:worry_list")
            return redirect("pathway:worry", worry.pk)
    return _form_page(request, form, _("Withdraw consent"), worry)
