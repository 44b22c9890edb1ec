"""Loggkontroll: review access to child data, document reviews, and extracts for families."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, identity
from tillsammans.core.access import policy
from tillsammans.core.dbrouting import replica_reads
from tillsammans.core.models import AuditAction
from tillsammans.core.pdf import pdf_response, render_pdf
from tillsammans.core.pickers import units_matching
from tillsammans.logreview import describe, selectors
from tillsammans.logreview.forms import ExtractForm, FilterForm, ReviewForm
from tillsammans.organisations.models import Unit


def _child_for(number: str):
    from tillsammans.childplans.models import Child

    return Child.objects.filter(personal_number=identity.normalise(number)).first()


def _child_key(number: str) -> tuple[int, bool] | None:
    """(id, protected identity) of the child with this number, or None: all the review needs."""
    from tillsammans.childplans.models import Child

    return Child.objects.filter(personal_number=identity.normalise(number)).values_list(
        "pk", "protected_identity").first()


@policy("logreview.review")
@replica_reads
def review(request):
    """The log, newest first, 50 events a page by a cursor; bad filters give 400 with the reasons."""
    form = FilterForm(request.GET or None)
    filters = selectors.Filters()
    picked_user = picked_unit = None
    user_matches: list = []
    unit_matches: list = []
    protected: dict[str, bool] = {}
    data = form.cleaned_data if form.is_valid() else {}
    if data:
        filters = selectors.Filters(action=data["action"], date_from=data["date_from"], date_to=data["date_to"],
                                    flag=data["flag"])
        if data["user_id"]:
            picked_user = selectors.person_picked(data["user_id"])
            filters.user_id = data["user_id"]
        elif data["user"]:
            user_matches = selectors.users_matching(data["user"])
            filters.user = data["user"]
        if data["unit_id"]:
            picked_unit = Unit.objects.filter(pk=data["unit_id"]).values("pk", "name").first()
            filters.unit = data["unit_id"]
        elif data["unit"]:
            unit_matches = units_matching(data["unit"])
            filters.unit_ids = [unit.pk for unit in unit_matches]
        if data["personal_number"]:
            try:
                child = _child_key(data["personal_number"])
            except ValidationError as exc:
                form.add_error("personal_number", exc.messages)
                child = None
            filters.child = child[0] if child else -1
            if child:
                protected[str(child[0])] = child[1]  # the flag needs no second look
    if request.GET and not form.is_valid():
        return render(request, "logreview/review.html", {
            "form": form, "rows": [], "page": None, "probing": [], "reviews": []}, status=400)
    # The log is read first (from the read replica when one is configured), then the reading is
    # recorded; the page is shown only if that record was written. The rows are read as the
    # columns the table shows and put into words once (selectors.EventRow, describe.describe).
    page = selectors.review_page(filters, settings.PAGE_SIZE * 2,
                                 before=data.get("before", ""), after=data.get("after", ""))
    refusals = selectors.recent_refusals(filters)
    rows = describe.describe(selectors.flag_rows(page.rows, refusals=refusals, protected=protected))
    with audit.batch():
        audit.record(request.actor, AuditAction.READ, object_type="core.accessevent",
                     purpose="loggkontroll", detail={"filters": request.GET.urlencode()[:300],
                                                     "rows": len(rows)})
    return render(request, "logreview/review.html", {
        "form": form, "page": page, "rows": rows, "probing": refusals.rows, "picked_user": picked_user,
        "picked_unit": picked_unit, "user_matches": user_matches, "unit_matches": unit_matches,
        "reviews": selectors.recent_reviews()})


@policy("logreview.review")
def review_add(request):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.reviewer = request.actor.membership
            saved = form.save()
            audit.record(request.actor, AuditAction.CREATE, saved, purpose="loggkontroll")
        messages.success(request, _("The review was documented."))
        return redirect("logreview:review")
    return render(request, "form_page.html", {"form": form, "title": _("Document a log review"),
                                              "cancel_url": "logreview:review"})


@policy("logreview.review")
def extract(request):
    form = ExtractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = _child_for(form.cleaned_data["personal_number"])
        except ValidationError as exc:
            form.add_error("personal_number", exc.messages)
            child = None
        if form.is_valid():
            from tillsammans.childplans.extract import visits

            events = selectors.extract_for_child(child) if child else []
            rows = visits(events)  # a visit's repeated reads as one row; emergency access marked
            for row in rows:
                row.role_label = describe.role_label(row.role)
            with transaction.atomic():
                audit.record(request.actor, AuditAction.EXPORT, object_type="logreview.extract",
                             person=child, purpose=_("Extract for the child or a guardian"),
                             detail={"events": len(events)})
            content = render_pdf("logreview/extract_pdf.html", {
                "events": rows, "today": timezone.localdate(),
                # A document that leaves the product: a protected child is not identified in it.
                "child_label": identity.shown(child, basis=None, output=identity.DOCUMENT).label
                if child is not None and child.protected_identity
                else identity.display(identity.normalise(form.cleaned_data["personal_number"]))})
            return pdf_response(content, "loggutdrag.pdf")
    return render(request, "form_page.html", {"form": form, "title": _("Extract for a child or guardian"),
                                              "cancel_url": "logreview:review"})
