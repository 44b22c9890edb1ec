"""Consent in the family's hands: give per unit, categories and period; join the other guardian's;
withdraw per unit; the young person's own consent or objection from 15. Each change needs an e-ID
login made just now (``prompt=login``): the form sends the person to the broker first."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.childplans.models import Consent, ConsentGiver
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core import audit, identity
from tillsammans.core.access import policy
from tillsammans.family import selectors, services
from tillsammans.family.forms import ConsentGiveForm, ObjectionForm, UnitsForm
from tillsammans.family.views import limited
from tillsammans.family.views_plan import _try, form_page, plan_for, read, write_allowed


def _fresh_login(request, message: bool = False):
    if message:
        messages.info(request, _("For your safety, log in with e-ID again before you change a consent."))
    return redirect(reverse("family:start") + "?" + urlencode({"fresh": "1", "next": request.get_full_path()}))


def _guarded(request, plan, form, action, done: str, title: str, intro: str):
    """GET: a fresh e-ID login first, then the form. POST: the change, or the form with its errors."""
    if not request.actor.family.fresh():
        return _fresh_login(request, message=request.method == "POST")
    if request.method == "POST":
        if not write_allowed(request):
            return limited(request)
        if form.is_valid():
            try:
                if _try(form, lambda: action(form.cleaned_data)):
                    messages.success(request, done)
                    return redirect("family:consents", plan.pk)
            except services.NotFresh:
                return _fresh_login(request, message=True)
    return form_page(request, plan, form, title, intro, status=400 if form.errors else 200, back="family:consents")


@policy("family.use")
def consents(request, pk: int):
    with audit.batch():
        plan = plan_for(request, pk)
        read(request, plan, "family-consents")
        rows = selectors.consents(plan, request.actor.family.number, plan.family_basis)
        people = selectors.people(plan, request.actor.family.number)
    young = identity.age(plan.child.personal_number) >= YOUNG_PERSON_AGE
    return render(request, "family/consents.html", {
        "plan": plan, "rows": rows, "title": _("Consent"), "is_guardian": plan.family_basis == "guardian",
        "is_young": plan.family_basis == "young_person" and young, **people})


@policy("family.use")
def give(request, pk: int):
    plan = plan_for(request, pk)
    if plan.family_basis != "guardian":
        return redirect("family:consents", plan.pk)
    young = identity.age(plan.child.personal_number) >= YOUNG_PERSON_AGE
    form = ConsentGiveForm(request.POST or None, unit_ids=services.plan_units(plan), young=young)
    return _guarded(request, plan, form, lambda data: services.consent_give(
        actor=request.actor, plan=plan, units=data["units"], categories=data["categories"],
        valid_to=data["valid_to"], child_view=data.get("child_view", "")),
        _("Your consent was saved. With joint custody the other guardian must also give it."),
        _("Give consent"), _("Choose who may share information with each other about your child, what kind of "
                             "information and for how long. You can withdraw it at any time."))


@policy("family.use")
def join(request, pk: int, consent_pk: int):
    plan = plan_for(request, pk)
    consent = get_object_or_404(Consent, pk=consent_pk, plan=plan, given_by=ConsentGiver.GUARDIANS)
    if plan.family_basis != "guardian":
        return redirect("family:consents", plan.pk)
    me = services.guardian_of(request.actor, plan)
    answered = set(consent.grants.filter(guardian=me).values_list("unit_id", flat=True))
    open_ids = set(consent.receiving_units.values_list("pk", flat=True)) - answered
    form = UnitsForm(request.POST or None, unit_ids=open_ids, label=_("I give my consent for"))
    return _guarded(request, plan, form, lambda data: services.consent_join(
        actor=request.actor, plan=plan, consent=consent, units=data["units"]),
        _("Your consent was saved."), _("Give consent to the same terms"),
        _("The other guardian has given consent for these units, with the same kinds of information and period. "
          "Information is shared only when both of you have given it."))


@policy("family.use")
def withdraw(request, pk: int, consent_pk: int):
    plan = plan_for(request, pk)
    consent = get_object_or_404(Consent, pk=consent_pk, plan=plan)
    me = services.guardian_of(request.actor, plan) if plan.family_basis == "guardian" else None
    active = set(consent.grants.filter(guardian=me, withdrawn_at__isnull=True).values_list("unit_id", flat=True))
    form = UnitsForm(request.POST or None, unit_ids=active, label=_("I withdraw my consent for"))
    return _guarded(request, plan, form, lambda data: services.consent_withdraw(
        actor=request.actor, plan=plan, consent=consent, units=data["units"]),
        _("Your consent was withdrawn. The unit can no longer read the plan, and everyone in the plan is told."),
        _("Withdraw consent"), _("The units you choose can no longer read the plan from the moment you withdraw."))


@policy("family.use")
def own(request, pk: int):
    plan = plan_for(request, pk)
    if plan.family_basis != "young_person":
        return redirect("family:consents", plan.pk)
    form = ConsentGiveForm(request.POST or None, unit_ids=services.plan_units(plan), young=True, own=True)
    return _guarded(request, plan, form, lambda data: services.own_consent(
        actor=request.actor, plan=plan, units=data["units"], categories=data["categories"],
        valid_to=data["valid_to"], words=data["words"]),
        _("Your consent was saved."), _("Your own consent"),
        _("You are 15 or older and can decide yourself who may share information about you."))


@policy("family.use")
def object_to(request, pk: int):
    plan = plan_for(request, pk)
    if plan.family_basis != "young_person":
        return redirect("family:consents", plan.pk)
    form = ObjectionForm(request.POST or None, unit_ids=services.plan_units(plan))
    return _guarded(request, plan, form, lambda data: services.objection(
        actor=request.actor, plan=plan, unit=data["unit"], words=data["words"]),
        _("Your objection was saved. The SIP coordinator must decide on it, with reasons, before anything "
          "more happens."),
        _("Say no"), _("You can object to a unit taking part, or to the plan as a whole."))
