"""The professional's side: the report form, the list of one's reports, the receipt with the
feedback. The reporter never sees the case: only the receipt and whether an investigation was
opened, not opened or is already ongoing."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tillsammans.concerns import legal, prefill, selectors, services
from tillsammans.concerns.disclosure import REPORTER_PURPOSE, child_as_reported
from tillsammans.concerns.forms import ProfessionalReportForm
from tillsammans.concerns.models import ConcernReport
from tillsammans.core import audit
from tillsammans.core.access import policy, require
from tillsammans.core.models import AuditAction
from tillsammans.organisations.views_edit import _try


def reminders() -> list:
    """The duty to report, shown above both forms (legal references are editable data)."""
    return [legal.ref("duty_to_report"), legal.ref("meeting_does_not_fulfil")]


@policy("concerns.report")
def report_new(request):
    """Nine fields; who reports, from which unit and how to reach them come from the membership.
    ``?oro=<id>`` / ``?arende=<id>``: another app fills in what it knows (concerns.prefill)."""
    actor = request.actor
    found, asked = (None, False) if request.method == "POST" else prefill.lookup(actor, request.GET)
    form = ProfessionalReportForm(request.POST or None, initial=found.initial() if found else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child_unit, origin = _from_token(request.POST.get("prefilled", ""))
        created = {}
        if _try(form, lambda: created.setdefault("report", services.report_submit(
                actor=actor, child_number=data["child_number"], child_name=data["child_name"],
                child_age=data["child_age"], child_address=data["child_address"], guardians=data["guardians"],
                observations=data["observations"], urgency=data["urgency"],
                family_informed=data["family_informed"], interpreter=data["interpreter"], child_unit=child_unit,
                origin=origin))):
            report = created["report"]
            messages.success(request, _("Your report %(ref)s has been sent to the intake in %(municipality)s.") % {
                "ref": report.reference, "municipality": report.municipality.name})
            return redirect("concerns:receipt", report.pk)
    membership = actor.membership
    if found is not None:
        token = signing.dumps({"unit": getattr(found.child_unit, "pk", None), "origin": found.origin[:60]},
                              salt=PREFILL_SALT)
        child_unit = found.child_unit
    else:
        token = request.POST.get("prefilled", "")
        child_unit = _from_token(token)[0]
    return render(request, "concerns/report_form.html", {
        "form": form, "reminders": reminders(), "prefill": found, "prefill_missing": asked and found is None,
        "membership": membership, "user": membership.user, "child_unit": child_unit, "prefilled": token})


PREFILL_SALT = "tillsammans.concerns.prefill"


def _from_token(token: str):
    """The child's unit and the origin that a prefill provider gave, signed so they cannot be changed."""
    from tillsammans.organisations.models import Unit

    try:
        data = signing.loads(token, salt=PREFILL_SALT, max_age=24 * 3600) if token else {}
    except signing.BadSignature:
        data = {}
    unit = Unit.objects.filter(pk=data["unit"]).first() if data.get("unit") else None
    return unit, str(data.get("origin", ""))[:60]


@policy("concerns.report")
def my_reports(request):
    """The reports sent in this membership: the receipt and the feedback, 25 a page."""
    with audit.batch():
        page = Paginator(selectors.own(request.actor), settings.PAGE_SIZE).get_page(request.GET.get("page"))
        reports = selectors.mark_shown(list(page.object_list), "reporter")
        for report in reports:
            audit.record(request.actor, AuditAction.READ, report, person=report.child_id and ("child", report.child_id),
                         purpose=REPORTER_PURPOSE, detail={"via": "list"})
    return render(request, "concerns/my_reports.html", {"reports": reports, "page_obj": page})


@policy("concerns.report")
def receipt(request, pk: int):
    with audit.batch():
        report = ConcernReport.objects.select_related("municipality").filter(pk=pk).first()
        try:
            require(request.actor, "concerns.receipt", report)
        except PermissionDenied:
            raise Http404 from None
        audit.record(request.actor, AuditAction.READ, report, person=report.child_id and ("child", report.child_id),
                     purpose=REPORTER_PURPOSE, detail={"via": "receipt"})
    return render(request, "concerns/receipt.html", {
        "report": report, "child_shown": child_as_reported(report, basis="reporter"),
        "feedback_ref": legal.ref("feedback_to_reporter")})
