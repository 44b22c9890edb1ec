"""The plan as the family sees it, the family PDF, who opened the plan, and taking part."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.models import CoordinatedPlan, PlanMeeting
from tillsammans.core import audit, identity, publicforms
from tillsammans.core.access import allowed, policy
from tillsammans.core.models import AuditAction
from tillsammans.core.pdf import pdf_response, render_pdf
from tillsammans.family import selectors, services
from tillsammans.family.forms import AnswerForm, NoticeForm, RatingForm, TextForm
from tillsammans.family.models import Contribution, NoticeChoice
from tillsammans.family.views import limited

PURPOSE = "SIP"


def plan_for(request, pk: int) -> CoordinatedPlan:
    """The plan, if this family member reaches it; 404 otherwise – never whether it exists."""
    plan = CoordinatedPlan.objects.select_related("child", "lead_membership__user", "lead_membership__unit",
                                                  "lead_principal").filter(pk=pk).first()
    if not allowed(request.actor, "family.view_plan", plan):
        raise Http404
    plan.family_basis = access_rules.family_basis(request.actor.family.number, plan)
    return plan


def read(request, plan, via: str, action=AuditAction.READ) -> None:
    audit.record(request.actor, action, plan, person=plan.child, purpose=PURPOSE,
                 detail={"via": via, "as": plan.family_basis})


def write_allowed(request) -> bool:
    return not publicforms.over_limit("family-write", request.actor.family.number,
                                     settings.FAMILY_WRITE_RATE_PER_HOUR)


def form_page(request, plan, form, title: str, intro: str = "", status: int = 200, **extra):
    read(request, plan, "family-form")
    return render(request, "family/form.html", {"plan": plan, "form": form, "title": title, "intro": intro,
                                                **extra}, status=status)


def _try(form, action) -> bool:
    try:
        action()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return False
    return True


@policy("family.use")
def plan(request, pk: int):
    with audit.batch():
        plan = plan_for(request, pk)
        read(request, plan, "family-plan")
        context = selectors.plan_view(plan, request.actor.family.number)
    answer = AnswerForm(initial={"answer": context["my_answer"].answer} if context["my_answer"] else None)
    return render(request, "family/plan.html", {**context, "plan": plan, "answer_form": answer,
                                                "title": _("The plan")})


@policy("family.use")
def plan_pdf(request, pk: int):
    """The family copy as a tagged PDF (the same document staff print), in Swedish."""
    from tillsammans.childplans.selectors import plan_page

    with audit.batch():
        plan = plan_for(request, pk)
        read(request, plan, "family-pdf", AuditAction.EXPORT)
        basis = identity.SELF if plan.family_basis == "young_person" else identity.FAMILY
        context = plan_page(plan, basis, identity.DOCUMENT)
    context.update({"plan": plan, "today": timezone.localdate()})
    with translation.override("sv"):
        content = render_pdf("childplans/family_copy_pdf.html", context)
    return pdf_response(content, f"plan-{plan.pk}.pdf")


@policy("family.use")
def access_log(request, pk: int):
    """Who opened the plan: the same rows as the log review's extract for this child, live."""
    with audit.batch():
        plan = plan_for(request, pk)
        rows = selectors.access_log(plan.child)
        read(request, plan, "family-log")
    return render(request, "family/log.html", {"plan": plan, "rows": rows, "title": _("Who opened the plan")})


@policy("family.use")
@require_POST
def meeting_answer(request, pk: int, meeting_pk: int):
    plan = plan_for(request, pk)
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan)
    if not write_allowed(request):
        return limited(request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_meeting(actor=request.actor, plan=plan, meeting=meeting, answer=form.cleaned_data["answer"])
            messages.success(request, _("Thank you, your answer was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Answer whether you are coming."))
    return redirect("family:plan", plan.pk)


@policy("family.use")
def topic(request, pk: int, meeting_pk: int):
    plan = plan_for(request, pk)
    meeting = get_object_or_404(PlanMeeting, pk=meeting_pk, plan=plan, cancelled=False)
    form = TextForm(request.POST or None, label=_("What do you want to talk about at the meeting?"))
    if request.method == "POST":
        if not write_allowed(request):
            return limited(request)
        if form.is_valid() and _try(form, lambda: services.contribute(
                actor=request.actor, plan=plan, kind=Contribution.Kind.TOPIC, text=form.cleaned_data["text"],
                meeting=meeting)):
            messages.success(request, _("Thank you. The SIP coordinator will see it before the meeting."))
            return redirect("family:plan", plan.pk)
    return form_page(request, plan, form, _("Propose what to talk about"),
                     _("Write what you want to bring up. Everyone at the meeting can read it."),
                     status=400 if form.errors else 200)


@policy("family.use")
def own_words(request, pk: int):
    plan = plan_for(request, pk)
    young = plan.family_basis == "young_person"
    label = _("What matters to you?") if young else _("What matters to your child? Write it in their words.")
    form = TextForm(request.POST or None, label=label)
    if request.method == "POST":
        if not write_allowed(request):
            return limited(request)
        if form.is_valid() and _try(form, lambda: services.contribute(
                actor=request.actor, plan=plan, kind=Contribution.Kind.OWN_WORDS, text=form.cleaned_data["text"])):
            messages.success(request, _("Thank you. Your words are now part of the plan."))
            return redirect("family:plan", plan.pk)
    return form_page(request, plan, form, _("In your own words"),
                     _("What you write here is saved in the plan. Everyone who works with the plan can read it."),
                     status=400 if form.errors else 200)


@policy("family.use")
def rating(request, pk: int):
    plan = plan_for(request, pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        if not write_allowed(request):
            return limited(request)
        if form.is_valid():
            data = dict(form.cleaned_data)
            comment = data.pop("comment", "")
            if _try(form, lambda: services.rate_wellbeing(actor=request.actor, plan=plan, ratings=data,
                                                          comment=comment)):
                messages.success(request, _("Thank you. Your rating is kept apart from the professionals'."))
                return redirect("family:rating", plan.pk)
    with audit.batch():
        read(request, plan, "family-rating")
        ratings = selectors.family_ratings(plan)
    return render(request, "family/rating.html", {"plan": plan, "form": form, "title": _("How are things?"),
                                                  **ratings}, status=400 if form.errors else 200)


@policy("family.use")
def notices(request):
    number = request.actor.family.number
    current = NoticeChoice.objects.filter(identity_number=number).first()
    form = NoticeForm(request.POST or None, initial={
        "channel": current.channel if current else NoticeChoice.Channel.EMAIL,
        "language": current.language if current else translation.get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_choose(actor=request.actor, **form.cleaned_data)
        except (ValidationError, PermissionDenied):
            form.add_error(None, _("The choice could not be saved."))
        else:
            messages.success(request, _("Your choice was saved."))
            return redirect("family:home")
    return render(request, "family/notices.html", {"form": form, "title": _("Notices")},
                  status=400 if form.errors else 200)
