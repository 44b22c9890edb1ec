"""The public catalogue without login, at /stod/: search and filter, a map with the same list as
text, an offer's page (shareable), its poster with a QR code, sign-up for a parent group,
cancellation by link and the anonymous evaluation. Every page follows the visitor's language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import fragments, publicforms
from tillsammans.core.access import PUBLIC, allowed, policy
from tillsammans.organisations.map import MapPoint, render_points
from tillsammans.organisations.models import Area
from tillsammans.organisations.views_edit import _try
from tillsammans.support import languages, selectors, services_groups
from tillsammans.support.forms_public import EvaluationForm, SignUpForm
from tillsammans.support.models import AgeBand, OfferKind, ParentGroup, Participant, ParticipantStatus
from tillsammans.support.poster import poster_response
from tillsammans.support.public_language import public_page

RATE_LIMIT = 10
"""Public sign-ups per client address and hour."""
PAGE_SIZE = 20


class FilterForm(forms.Form):
    address = forms.CharField(label=gettext_lazy("Your address or postcode"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address", "class": "ds-input",
                                                            "aria-describedby": "address-help"}))
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), required=False, queryset=Area.objects.none(),
                                  empty_label=gettext_lazy("All areas"),
                                  widget=forms.Select(attrs={"class": "ds-input"}))
    age = forms.ChoiceField(label=gettext_lazy("Children's age"), required=False,
                            widget=forms.Select(attrs={"class": "ds-input"}))
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False,
                                 widget=forms.Select(attrs={"class": "ds-input"}))
    kind = forms.ChoiceField(label=gettext_lazy("Kind of support"), required=False,
                             widget=forms.Select(attrs={"class": "ds-input"}))
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"class": "ds-input", "type": "search"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = ("", _("All"))
        self.fields["area"].queryset = Area.objects.current().filter(support_offers__isnull=False).distinct() \
            .order_by("name")
        self.fields["age"].choices = [anything, *AgeBand.choices]
        self.fields["language"].choices = [anything, *[(lang.code, lang.local) for lang in languages.LANGUAGES]]
        self.fields["kind"].choices = [anything, *OfferKind.choices]


def _map(offers, area: Area | None, language: str):
    if area is None or not area.boundary:
        area = Area.objects.current().filter(parent__isnull=True, support_offers__isnull=False).exclude(
            boundary=None).order_by("pk").first() or Area.objects.current().filter(
            parent__isnull=True).exclude(boundary=None).order_by("pk").first()
    if area is None:
        return ""
    children = list(Area.objects.current().filter(parent=area).exclude(boundary=None))
    points = [MapPoint(selectors.text_for(offer, language).title,
                       reverse("support_public:offer", args=[offer.pk]), offer.provider.latitude,
                       offer.provider.longitude, offer.provider.name)
              for offer in offers if offer.provider.has_point]
    return render_points(area, children, points, prefix="offers",
                         label=_("Map of %(area)s with the offers on this page") % {"area": area.name},
                         skip_text=_("Skip the map: go to the list of the offers on it"),
                         list_title=_("Offers on the map, by number"))


@policy(PUBLIC)
@public_page
def catalogue(request):
    """Search and filter; the same offers on a map and as a list; for professionals also the way to
    send a family the link."""
    language = request.support_language

    def context() -> dict:
        form = FilterForm(request.GET or None)
        filters, placement = selectors.Filters(), None
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.Filters(area=data["area"], age=data["age"], language=data["language"],
                                        kind=data["kind"], q=data["q"].strip())
            if data["address"].strip() and data["area"] is None:
                placement = selectors.place_address(data["address"])
                filters.area = placement.area
        page = Paginator(selectors.catalogue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
        texts = [selectors.text_for(offer, language) for offer in page.object_list]
        rows = [(offer, text, languages.get(text.language))
                for offer, text in zip(page.object_list, texts, strict=True)]
        return {"form": form, "filters": filters, "placement": placement, "page_obj": page, "rows": rows,
                "map": _map(page.object_list, filters.area, language), **_language_context(request)}

    # The search form and its results are the same for everyone who asks the same (the query
    # parameters and the language are the key): a cached part until an offer changes (ADR 0026) –
    # but never with an address in it: "nothing you write is saved", not even for ten minutes.
    if request.GET.get("address", "").strip():
        body = render_to_string("support/public/_catalogue_body.html", context(), request)
    else:
        body = fragments.render_part(request, "support_catalogue", [language, timezone.localdate()],
                                     "support/public/_catalogue_body.html", context)
    return render(request, "support/public/catalogue.html", {
        "body": body, **_language_context(request), "professional": allowed(request.actor, "support.view")})


def _language_context(request) -> dict:
    code = request.support_language
    return {"chosen": languages.get(code), "languages": languages.LANGUAGES,
            "interface": languages.interface_for(code), "site_url": settings.SITE_URL}


@policy(PUBLIC)
@public_page
def offer_detail(request, pk: int):
    professional = allowed(request.actor, "support.view")
    today = timezone.localdate()
    offer = selectors.offer_found(pk, today=today, published_only=not professional)
    if offer is None:
        raise Http404
    language = request.support_language
    text = selectors.text_for(offer, language)
    can_manage = allowed(request.actor, "support.manage_offer", offer)

    def context() -> dict:
        selectors.offer_page_parts(offer, today=today)
        return {
            "offer": offer, "text": text, "text_language": languages.get(text.language),
            "link": settings.SITE_URL + reverse("support_public:offer", args=[offer.pk]),
            "groups": [(g, languages.get(g.language), max(g.capacity - g.taken, 0)) for g in offer.open_groups],
            "spoken": [languages.get(s.code) for s in offer.spoken.all()],
            "written_in": [languages.get(t.language) for t in offer.texts.all()],
            "professional": professional, "can_manage": can_manage, **_language_context(request)}

    # The offer, its groups and their free places are the same for every visitor in one language
    # (and for professionals, who also get the link to send it): a cached part until an offer, a
    # group or a sign-up changes, and for the day (what is published, which groups are open).
    body = fragments.render_part(request, "support_offer", [offer.pk, language, today, professional, can_manage],
                                 "support/public/_offer_body.html", context)
    return render(request, "support/public/offer.html", {"text": text, "body": body, **_language_context(request)})


@policy(PUBLIC)
@public_page
def poster(request, pk: int):
    offer = selectors.offer_public(pk, published_only=not allowed(request.actor, "support.view"))
    if offer is None:
        raise Http404
    return poster_response(offer, request.support_language)


@policy(PUBLIC)
@public_page
def signup(request, pk: int):
    group = get_object_or_404(ParentGroup.objects.select_related("offer", "programme"), pk=pk, cancelled=False,
                              offer__published=True)
    offer = selectors.offer_public(group.offer_id)
    if offer is None:
        raise Http404
    text = selectors.text_for(offer, request.support_language)
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if not publicforms.refuse(request, form, scope="support.signup", limit=RATE_LIMIT) and form.is_valid():
            created = {}
            data = form.clean_data_without_guard()
            if _try(form, lambda: created.setdefault("p", services_groups.participant_signup(
                    actor=request.actor, group=group, language=request.support_language, **data))):
                return redirect(reverse("support_public:signed_up", args=[created["p"].token]))
    return render(request, "support/public/signup.html", {
        "form": form, "group": group, "offer": offer, "text": text, "text_language": languages.get(text.language),
        "group_language": languages.get(group.language), "counts": selectors.group_counts(group),
        "open": group.signup_open and not group.cancelled, **_language_context(request)})


def _participant(token: str) -> Participant:
    participant = get_object_or_404(Participant.objects.select_related("group__offer"), token=token)
    if participant.data_removed:
        raise Http404
    return participant


@policy(PUBLIC)
@public_page
def signed_up(request, token: str):
    participant = _participant(token)
    offer = selectors.offer_public(participant.group.offer_id, published_only=False)
    text = selectors.text_for(offer, request.support_language)
    return render(request, "support/public/signed_up.html", {
        "participant": participant, "group": participant.group, "text": text,
        "text_language": languages.get(text.language), "position": selectors.waitlist_position(participant),
        "sessions": participant.group.sessions.filter(cancelled=False), **_language_context(request)})


@policy(PUBLIC)
@public_page
def cancel(request, token: str):
    participant = _participant(token)
    if request.method == "POST" and participant.status != ParticipantStatus.CANCELLED:
        participant = services_groups.participant_cancel(actor=request.actor, participant=participant)
    offer = selectors.offer_public(participant.group.offer_id, published_only=False)
    text = selectors.text_for(offer, request.support_language)
    return render(request, "support/public/cancel.html", {
        "participant": participant, "group": participant.group, "text": text,
        "text_language": languages.get(text.language), **_language_context(request)})


@policy(PUBLIC)
@public_page
def evaluation(request, token: str):
    participant = _participant(token)
    form = EvaluationForm(request.POST or None)
    done = participant.feedback_given
    available = done or services_groups.evaluation_open(participant)
    if request.method == "POST" and available and not done and form.is_valid():
        try:
            services_groups.evaluation_submit(participant=participant, **form.cleaned_data)
            done = True
        except ValidationError as exc:
            errors = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            for field, messages in errors:
                form.add_error(field if field in form.fields else None, messages)
    return render(request, "support/public/evaluation.html", {
        "form": form, "group": participant.group, "done": done, "available": available,
        **_language_context(request)})
