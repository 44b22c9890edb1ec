"""The intake's queue and a report's page. Rule (d): intake for the reports routed to its
municipality; any other report answers 404, exactly as one that does not exist (and the refusal is
written to the access log by the policy middleware). Every page that shows a report writes one
access event per report, in the same transaction as the read."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.concerns import legal, selectors, services
from tillsammans.concerns.disclosure import INTAKE_PURPOSE, child_as_reported
from tillsammans.concerns.forms import (
    AssessmentForm,
    DecisionForm,
    ExtensionForm,
    ForwardForm,
    IntakeSettingsForm,
    QueueForm,
)
from tillsammans.concerns.models import ConcernReport, IntakeSettings
from tillsammans.core import audit
from tillsammans.core.access import allowed, policy, require
from tillsammans.core.models import AuditAction
from tillsammans.core.paging import page_of
from tillsammans.organisations.views_edit import _try


def _report_for(request, pk: int) -> ConcernReport:
    """The report, if it is routed to the actor's municipality; 404 otherwise."""
    report = ConcernReport.objects.select_related(
        "child", "municipality", "area", "child_unit", "reporter__user", "reporter_unit", "assessed_by__user",
        "decided_by__user", "extended_by__user", "forwarded_from").filter(pk=pk).first()
    try:
        require(request.actor, "concerns.handle", report)
    except PermissionDenied:
        raise Http404 from None
    return report


def _read(request, report: ConcernReport, via: str) -> None:
    audit.record(request.actor, AuditAction.READ, report, person=report.child, purpose=INTAKE_PURPOSE,
                 detail={"via": via})


@policy("concerns.intake")
def queue(request):
    form = QueueForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "concerns/queue.html", {"form": form, "reports": [], "page_obj": None}, status=400)
    data = form.cleaned_data if request.GET else {}
    with audit.batch():
        page = page_of(selectors.queue(request.actor, data.get("state") or "open", data.get("q", "")),
                       request.GET.get("page"), settings.PAGE_SIZE)
        reports = selectors.mark_shown(page.object_list, "intake")
        for report in reports:
            audit.record(request.actor, AuditAction.READ, report, person=report.child_id and ("child", report.child_id),
                         purpose=INTAKE_PURPOSE, detail={"via": "queue"})
    return render(request, "concerns/queue.html", {
        "form": form, "reports": selectors.queue_rows(reports), "page_obj": page,
        "can_change_settings": allowed(request.actor, "concerns.settings")})


@policy("concerns.settings")
def settings_page(request):
    """The intake's own municipality's settings (the municipality comes from the membership)."""
    current = selectors.intake_settings(request.actor)
    form = IntakeSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.intake_settings_save(
                actor=request.actor, show_sip=data["show_sip"], intake_email=data["intake_email"])):
            messages.success(request, _("The intake settings were saved."))
            return redirect("concerns:settings")
    return render(request, "concerns/settings.html", {"form": form, "municipality": current.municipality})


@policy("concerns.intake")
def detail(request, pk: int):
    with audit.batch():
        report = _report_for(request, pk)
        _read(request, report, "page")
        plan = services.sip_of(report)
        show_sip = IntakeSettings.objects.filter(municipality_id=report.municipality_id, show_sip=True).exists()
    return render(request, "concerns/intake_detail.html", {
        "report": report, "child_shown": child_as_reported(report, basis="intake"), "plan": plan,
        "show_sip": show_sip, "references": legal.references(), "rules": legal.rules(),
        "child_units": list(report.child.units.all()) if report.child_id else []})


def _form_page(request, report, form, title, *, intro="", status=200):
    """A form about a report shows the report's reference and child: it is logged like a read."""
    _read(request, report, "form")
    return render(request, "concerns/intake_form.html", {
        "report": report, "form": form, "title": title, "intro": intro,
        "child_shown": child_as_reported(report, basis="intake"),
        "cancel_href": reverse("concerns:intake_detail", args=[report.pk])}, status=status)


@policy("concerns.intake")
def assess(request, pk: int):
    report = _report_for(request, pk)
    form = AssessmentForm(request.POST or None, initial={
        "assessment": report.assessment, "needs_protection": report.needs_protection})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.assessment_record(
                actor=request.actor, report=report, assessment=data["assessment"],
                needs_protection=data["needs_protection"], violence_suspected=data["violence_suspected"])):
            messages.success(request, _("The protection assessment was recorded."))
            return redirect("concerns:intake_detail", report.pk)
    return _form_page(request, report, form, _("Protection assessment"),
                      intro=legal.ref("protection_assessment").summary)


@policy("concerns.intake")
def decide(request, pk: int):
    report = _report_for(request, pk)
    form = DecisionForm(request.POST or None, initial={"decision": report.decision, "reason": report.decision_reason,
                                                       "give_feedback": report.is_professional})
    if not report.is_professional:
        del form.fields["give_feedback"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.decision_record(
                actor=request.actor, report=report, decision=data["decision"], reason=data["reason"],
                give_feedback=data.get("give_feedback", False))):
            messages.success(request, _("The decision was recorded."))
            return redirect("concerns:intake_detail", report.pk)
    return _form_page(request, report, form, _("Decision whether to open an investigation"),
                      intro=legal.ref("preliminary_assessment").summary)


@policy("concerns.intake")
def extend(request, pk: int):
    report = _report_for(request, pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.extension_record(actor=request.actor, report=report, until=data["until"],
                                                        reason=data["reason"])):
            messages.success(request, _("The decision date was moved; the reasons are recorded."))
            return redirect("concerns:intake_detail", report.pk)
    return _form_page(request, report, form, _("Extend the time for the decision"),
                      intro=legal.ref("preliminary_assessment").summary)


@policy("concerns.intake")
def forward(request, pk: int):
    report = _report_for(request, pk)
    form = ForwardForm(request.POST or None, exclude=report.municipality_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(form, lambda: services.forward(actor=request.actor, report=report,
                                               municipality=data["municipality"], reason=data["reason"])):
            messages.success(request, _("The report was sent on to the intake in %(municipality)s.") % {
                "municipality": data["municipality"].name})
            return redirect("concerns:queue")
    return _form_page(request, report, form, _("Send on to another municipality"))


def _action(request, pk: int, action, done: str):
    report = _report_for(request, pk)
    try:
        action(report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("concerns:intake_detail", report.pk)


@policy("concerns.intake")
@require_POST
def feedback(request, pk: int):
    return _action(request, pk, lambda report: services.feedback_give(actor=request.actor, report=report),
                   _("The reporter was told of the decision."))


@policy("concerns.intake")
@require_POST
def sip_tell(request, pk: int):
    return _action(request, pk, lambda report: services.sip_tell(actor=request.actor, report=report),
                   _("The plan's participants were told that a report has come in."))
