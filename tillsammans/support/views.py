"""Professionals' pages for the catalogue at /foraldraskapsstod/: all offers (drafts too), create,
change and end an offer, write it in more languages, send a family the link; programmes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.core.access import allowed, policy, require
from tillsammans.organisations.views_edit import _try
from tillsammans.support import languages, selectors, services
from tillsammans.support.forms import NewOfferForm, OfferForm, OfferTextForm, ProgrammeForm, SendLinkForm
from tillsammans.support.models import Offer, OfferText, Programme


def _offer(pk: int, policy_name: str | None, request) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("provider").prefetch_related("areas", "texts", "spoken"),
                              pk=pk)
    if policy_name:
        require(request.actor, policy_name, offer)
    return offer


@policy("support.view")
def offer_list(request):
    """Every offer, drafts and ended ones too, with what each is missing."""
    offers = selectors.catalogue(selectors.Filters(), published_only=False)
    page = Paginator(offers, 25).get_page(request.GET.get("page"))
    return render(request, "support/offer_list.html", {
        "page_obj": page, "rows": [(o, selectors.text_for(o, "sv")) for o in page.object_list],
        "can_create": allowed(request.actor, "support.create"),
        "can_programmes": allowed(request.actor, "support.programmes"),
        "can_leaders": allowed(request.actor, "support.leaders"),
        "can_statistics": allowed(request.actor, "support.statistics")})


@policy("support.create")
def offer_create(request):
    form = NewOfferForm(request.POST or None, initial={"spoken": ["sv"], "free": True})
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("o", services.offer_create(actor=request.actor,
                                                                            **form.service_data()))):
            messages.success(request, _("The offer was created. Write it in more languages below."))
            return redirect("support:offer", created["o"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New offer"),
                                              "cancel_url": "support:offer_list"})


@policy("support.view")
def offer_manage(request, pk: int):
    """An offer as its managers see it: texts per language, groups, what is shown publicly."""
    offer = _offer(pk, None, request)
    texts = {t.language: t for t in offer.texts.all()}
    return render(request, "support/offer_manage.html", {
        "offer": offer, "text": selectors.text_for(offer, "sv"),
        "languages": [(lang, texts.get(lang.code)) for lang in languages.LANGUAGES],
        "groups": selectors.groups_for(include_ended=True).filter(offer=offer),
        "can_manage": allowed(request.actor, "support.manage_offer", offer),
        "send_form": SendLinkForm()})


@policy("support.view")
def offer_edit(request, pk: int):
    offer = _offer(pk, "support.manage_offer", request)
    form = OfferForm(request.POST or None, initial=OfferForm.initial_for(offer))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.offer_change(actor=request.actor, offer=offer, **form.service_data())):
            messages.success(request, _("The offer was saved."))
            return redirect("support:offer", offer.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change the offer"),
                                              "cancel_href": reverse("support:offer", args=[offer.pk])})


@policy("support.view")
def offer_text(request, pk: int, language: str):
    """Write or change the offer in one language; the page's fields are marked with that language."""
    offer = _offer(pk, "support.manage_offer", request)
    if language not in languages.BY_CODE:
        from django.http import Http404

        raise Http404
    existing = OfferText.objects.filter(offer=offer, language=language).first()
    initial = {f: getattr(existing, f) for f in OfferTextForm.base_fields} if existing else {}
    form = OfferTextForm(request.POST or None, initial=initial)
    lang = languages.get(language)
    for field in form.fields.values():
        field.widget.attrs.update({"lang": lang.code, "dir": lang.dir})
    if request.method == "POST":
        if request.POST.get("action") == "remove" and existing is not None:
            try:
                services.offer_text_remove(actor=request.actor, offer_text=existing)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The text in %(language)s was removed.") % {"language": lang.name})
            return redirect("support:offer", offer.pk)
        if form.is_valid() and _try(form, lambda: services.offer_text_save(
                actor=request.actor, offer=offer, language=language, **form.cleaned_data)):
            messages.success(request, _("The text in %(language)s was saved.") % {"language": lang.name})
            return redirect("support:offer", offer.pk)
    return render(request, "support/offer_text.html", {"form": form, "offer": offer, "lang": lang,
                                                       "existing": existing})


@policy("support.view")
def offer_end(request, pk: int):
    offer = _offer(pk, "support.manage_offer", request)
    if request.method == "POST":
        try:
            services.offer_end(actor=request.actor, offer=offer)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The offer was taken out of the public catalogue."))
        return redirect("support:offer", offer.pk)
    return render(request, "support/confirm.html", {
        "title": _("End the offer"), "back": reverse("support:offer", args=[offer.pk]),
        "text": _("The offer is taken out of the public catalogue from today. You can publish it again by "
                  "changing it."), "button": _("End the offer")})


@policy("support.view")
def offer_send(request, pk: int):
    """Send a family the link (e-mail or text message); nothing about the family is kept."""
    offer = _offer(pk, None, request)
    form = SendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.offer_send_link(actor=request.actor, offer=offer, **form.cleaned_data)):
            messages.success(request, _("The link is on its way. Nothing about the family was saved."))
            return redirect("support:offer", offer.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Send the link to a family"),
        "cancel_href": reverse("support:offer", args=[offer.pk])})


# Programmes ------------------------------------------------------------------------------------


@policy("support.view")
def programme_list(request):
    programmes = Programme.objects.order_by("name")
    return render(request, "support/programme_list.html", {
        "programmes": programmes, "can_edit": allowed(request.actor, "support.programmes")})


@policy("support.programmes")
def programme_edit(request, pk: int | None = None):
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    initial = {"name": programme.name, "description": programme.description,
               "certification_required": programme.certification_required,
               "sub_goal_number": programme.sub_goal_number, "active": programme.active} if programme else {}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services.programme_save(actor=request.actor, programme=programme,
                                                      **form.cleaned_data)):
            messages.success(request, _("The programme was saved."))
            return redirect("support:programme_list")
    return render(request, "form_page.html", {
        "form": form, "title": _("Change %(name)s") % {"name": programme.name} if programme else _("New programme"),
        "cancel_url": "support:programme_list"})


@policy("support.view")
@require_POST
def offer_publish(request, pk: int):
    """Publish a draft (or take it down) with one button on the offer's page."""
    offer = _offer(pk, "support.manage_offer", request)
    try:
        offer = services.offer_publish(actor=request.actor, offer=offer, published=request.POST.get("published") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The offer is shown in the public catalogue.") if offer.published
                         else _("The offer is no longer shown in the public catalogue."))
    return redirect("support:offer", offer.pk)
