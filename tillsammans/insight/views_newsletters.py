"""Newsletter pages: composing and sending (coordinators), and the public archive with the double
opt-in subscription and the one-click unsubscribe (``/nyhetsbrev/``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tillsammans.core import publicforms
from tillsammans.core.access import PUBLIC, allowed, policy, require
from tillsammans.insight import services_newsletters
from tillsammans.insight.forms_newsletters import NewsletterForm, SubscribeForm
from tillsammans.insight.models_newsletters import Newsletter, Subscriber
from tillsammans.organisations.views_edit import _try

RATE_LIMIT = 10
"""Subscriptions per client address and hour."""


@policy("insight.manage")
def newsletter_list(request):
    page = Paginator(Newsletter.objects.select_related("owner__unit"), 25).get_page(request.GET.get("page"))
    confirmed, waiting = services_newsletters.subscriber_counts()
    return render(request, "insight/newsletter_list.html", {
        "page_obj": page, "newsletters": page.object_list, "confirmed": confirmed, "waiting": waiting})


@policy("insight.manage")
def newsletter_create(request):
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("n", services_newsletters.newsletter_create(
                actor=request.actor, **form.service_data()))):
            messages.success(request, _("The newsletter was saved as a draft. Read it through before you send it."))
            return redirect("insight:newsletter", created["n"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New newsletter"),
                                              "cancel_url": "insight:newsletter_list"})


@policy("insight.manage")
def newsletter_detail(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    items = newsletter.highlights if newsletter.status == "sent" else services_newsletters.highlights(newsletter)
    confirmed, _waiting = services_newsletters.subscriber_counts()
    return render(request, "insight/newsletter_detail.html", {
        "newsletter": newsletter, "items": items, "confirmed": confirmed,
        "can_edit": allowed(request.actor, "insight.edit_newsletter", newsletter)})


@policy("insight.manage")
def newsletter_edit(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    require(request.actor, "insight.edit_newsletter", newsletter)
    form = NewsletterForm(request.POST or None, initial=NewsletterForm.initial_for(newsletter))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_newsletters.newsletter_change(actor=request.actor, newsletter=newsletter,
                                                                     **form.service_data())):
            messages.success(request, _("The newsletter was saved."))
            return redirect("insight:newsletter", newsletter.pk)
    return render(request, "form_page.html", {
        "form": form, "title": _("Change %(title)s") % {"title": newsletter.subject},
        "cancel_href": reverse("insight:newsletter", args=[newsletter.pk])})


@policy("insight.manage")
@require_POST
def newsletter_send(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    require(request.actor, "insight.edit_newsletter", newsletter)
    try:
        count = services_newsletters.newsletter_send(actor=request.actor, newsletter=newsletter)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The newsletter is on its way to %(n)s subscribers and is in the public "
                                    "archive.") % {"n": count})
    return redirect("insight:newsletter", newsletter.pk)


@policy("insight.manage")
def newsletter_delete(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    if request.method == "POST":
        services_newsletters.newsletter_delete(actor=request.actor, newsletter=newsletter)
        messages.success(request, _("The newsletter was removed."))
        return redirect("insight:newsletter_list")
    text = _("The newsletter is removed, also from the public archive.") if newsletter.status == "sent" else \
        _("The draft is removed.")
    return render(request, "insight/confirm_delete.html", {
        "title": _("Remove %(title)s?") % {"title": newsletter.subject}, "text": text,
        "cancel_href": reverse("insight:newsletter", args=[newsletter.pk])})


# Public ----------------------------------------------------------------------------------------


@policy(PUBLIC)
def archive(request):
    form = SubscribeForm(request.POST or None)
    asked = request.GET.get("anmald") == "1"
    if request.method == "POST":
        if not publicforms.refuse(request, form, scope="insight.subscribe", limit=RATE_LIMIT) and form.is_valid():
            services_newsletters.subscribe(email=form.cleaned_data["email"])
            return redirect(reverse("insight:newsletter_archive") + "?anmald=1#prenumerera")
    page = Paginator(Newsletter.objects.filter(status=Newsletter.Status.SENT).order_by("-sent_at", "-pk"), 20) \
        .get_page(request.GET.get("page"))
    return render(request, "insight/newsletter_archive.html", {"form": form, "page_obj": page,
                                                               "newsletters": page.object_list, "asked": asked})


@policy(PUBLIC)
def public_detail(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk, status=Newsletter.Status.SENT)
    return render(request, "insight/newsletter_public.html", {"newsletter": newsletter,
                                                              "items": newsletter.highlights})


@policy(PUBLIC)
def confirm(request, token: str):
    subscriber = get_object_or_404(Subscriber, token=token)
    done = subscriber.confirmed_at is not None
    if request.method == "POST":
        services_newsletters.subscription_confirm(subscriber=subscriber)
        done = True
    return render(request, "insight/subscription.html", {"mode": "confirm", "done": done})


@policy(PUBLIC)
@csrf_exempt
def unsubscribe(request, token: str):
    """GET shows a button; POST leaves (also the one-click POST a mail program sends, RFC 8058, which
    carries no CSRF token: the secret link itself is the proof)."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if request.method == "POST":
        if subscriber is not None:
            services_newsletters.unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "insight/subscription.html", {"mode": "unsubscribe", "done": True})
    return render(request, "insight/subscription.html", {"mode": "unsubscribe", "done": subscriber is None})
