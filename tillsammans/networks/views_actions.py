"""Attendance and follow-up actions on a meeting; the personal calendar and its feed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tillsammans.accounts.models import Contact
from tillsammans.core.access import AUTHENTICATED, PUBLIC, policy, require
from tillsammans.networks import calendar_feed as feeds
from tillsammans.networks import services_actions as actions
from tillsammans.networks.models import ActionItem, CalendarFeed, NetworkMeeting
from tillsammans.organisations.forms import StyledMixin


class ActionForm(StyledMixin, forms.Form):
    """The owner is the convener or a member unit's contact person, with or without a login."""

    text = forms.CharField(label=gettext_lazy("Action"), max_length=300)
    owner = forms.ChoiceField(label=gettext_lazy("Owner"))
    due = forms.DateField(label=gettext_lazy("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for person in actions.owners_for(meeting.network):
            if isinstance(person, Contact):
                key = f"c:{person.pk}"
                label = _("%(name)s, %(unit)s (no login, reminded by e-mail)") % {
                    "name": person.name, "unit": person.unit.name}
            else:
                key = f"m:{person.pk}"
                label = f"{person.user.get_full_name()}, {person.unit.name}"
            self.people[key] = (person, label)
        self.fields["owner"].choices = [("", "---------")] + [(k, label) for k, (_p, label) in self.people.items()]

    def clean_owner(self):
        return self.people[self.cleaned_data["owner"]][0]


def _meeting(request, pk):
    meeting = get_object_or_404(NetworkMeeting.objects.select_related("network"), pk=pk)
    require(request.actor, "networks.manage", meeting.network)
    return meeting


@policy("networks.view")
@require_POST
def attendance(request, pk: int):
    meeting = _meeting(request, pk)
    actions.attendance_save(actor=request.actor, meeting=meeting, present_member_ids=request.POST.getlist("present"))
    messages.success(request, _("The attendance was saved."))
    return redirect("networks:meeting", meeting.pk)


@policy("networks.view")
@require_POST
def respond(request, pk: int):
    meeting = get_object_or_404(NetworkMeeting, pk=pk, cancelled=False)
    try:
        actions.respond(actor=request.actor, meeting=meeting, response=request.POST.get("response", ""))
        messages.success(request, _("Your answer was saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("networks:meeting", meeting.pk)


@policy("networks.view")
def area_calendar(request, pk: int):
    from tillsammans.organisations.models import Area
    from tillsammans.organisations.selectors import descendant_area_ids

    area = get_object_or_404(Area, pk=pk)
    meetings = (NetworkMeeting.objects.filter(network__area_id__in=descendant_area_ids([area.pk]))
                .select_related("network").order_by("starts_at"))
    page = Paginator(meetings, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "networks/area_calendar.html", {"area": area, "meetings": page, "page_obj": page})


@policy("networks.view")
def action_add(request, pk: int):
    meeting = _meeting(request, pk)
    form = ActionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            actions.action_add(actor=request.actor, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The action was added."))
            return redirect("networks:meeting", meeting.pk)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return render(request, "form_page.html", {"form": form, "title": _("Add follow-up action"),
                                              "cancel_url": "networks:network_list"})


@policy("networks.view")
@require_POST
def action_done(request, pk: int):
    item = get_object_or_404(ActionItem.objects.select_related("meeting__network"), pk=pk)
    if item.owner_id != getattr(request.actor.membership, "pk", None):
        require(request.actor, "networks.manage", item.meeting.network)
    actions.action_done(actor=request.actor, item=item)
    messages.success(request, _("The action is done."))
    return redirect("networks:meeting", item.meeting_id)


@policy(AUTHENTICATED)
def my_calendar(request):
    if request.method == "POST":
        if request.POST.get("revoke"):
            feeds.feed_revoke(user=request.user)
            messages.success(request, _("The calendar address was revoked."))
        else:
            feeds.feed_create(user=request.user)
            messages.success(request, _("A new calendar address was made; any earlier one stops working."))
        return redirect("networks:my_calendar")
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    url = request.build_absolute_uri(f"/natverk/kalender/{feed.token}.ics") if feed else ""
    page = Paginator(feeds.meetings_for_user(request.user), settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "networks/my_calendar.html", {"feed_url": url, "meetings": page, "page_obj": page})


@policy(PUBLIC)
def calendar_feed(request, token: str):
    """The secret address is the credential; it carries network meetings only, never child data."""
    feed = CalendarFeed.objects.filter(token=token, revoked_at__isnull=True).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return HttpResponse(feeds.feed_ics(feed), content_type="text/calendar; charset=utf-8")
