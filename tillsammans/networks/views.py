"""Network pages: list, form from geography, network page, term planning, meeting and minutes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.models import Contact, Membership
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core import fragments
from tillsammans.core.access import allowed, policy, require
from tillsammans.networks import services
from tillsammans.networks.forms import MinutesForm, NetworkForm, ProposeForm
from tillsammans.networks.models import ActionItem, Network, NetworkMeeting
from tillsammans.networks.planner import term_for
from tillsammans.networks.proposal_map import render_proposal_map
from tillsammans.organisations.map import render_map
from tillsammans.organisations.models import Unit
from tillsammans.organisations.views_edit import _try


@policy("networks.view")
def network_list(request):
    networks = Network.objects.filter(valid_to__isnull=True).select_related("area", "convener__user")
    page = Paginator(networks, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "networks/network_list.html", {
        "networks": page, "page_obj": page, "can_create": allowed(request.actor, "networks.create")})


@policy("networks.create")
def network_create(request):
    area_ids = coordinator_area_ids(request.actor.membership)
    propose = ProposeForm(request.GET or None, area_ids=area_ids)
    form = NetworkForm(request.POST or None)
    proposals = []
    if propose.is_valid():
        area = propose.cleaned_data["area"]
        proposals = services.propose_members(area, [t.code for t in propose.cleaned_data["unit_types"]])
        unit_ids = [p.unit.pk for p in proposals]
        people: dict[int, list[dict]] = {}
        for m in Membership.objects.current().filter(unit_id__in=unit_ids).select_related("user"):
            people.setdefault(m.unit_id, []).append({"value": f"m:{m.pk}", "name": m.user.get_full_name()})
        for c in Contact.objects.filter(unit_id__in=unit_ids, valid_to__isnull=True):
            people.setdefault(c.unit_id, []).append({"value": f"c:{c.pk}", "name": c.name, "no_login": True})
        for proposal in proposals:
            proposal.people = people.get(proposal.unit.pk, [])
            typed = request.POST.get(f"contact_{proposal.unit.pk}") if request.method == "POST" else None
            for index, person in enumerate(proposal.people):
                person["selected"] = person["value"] == typed if typed is not None else index == 0
        if request.method == "POST" and form.is_valid():
            members = []
            for unit_id in request.POST.getlist("unit"):
                if not unit_id.isdigit() or int(unit_id) not in unit_ids:
                    continue
                kind, _sep, pk = request.POST.get(f"contact_{unit_id}", "").partition(":")
                pk = int(pk) if pk.isdigit() else None
                person = Membership.objects.filter(pk=pk, unit_id=unit_id).first() if kind == "m" and pk else None
                contact = Contact.objects.filter(pk=pk, unit_id=unit_id).first() if kind == "c" and pk else None
                members.append((Unit.objects.get(pk=unit_id), person, contact))
            created = {}
            if _try(form, lambda: created.setdefault("n", services.network_create(
                    actor=request.actor, area=area, convener=request.actor.membership, members=members,
                    **form.cleaned_data))):
                messages.success(request, _("The network was formed."))
                return redirect("networks:network", created["n"].pk)
    return render(request, "networks/network_create.html", {
        "propose": propose, "form": form, "proposals": proposals,
        "area": propose.cleaned_data["area"] if propose.is_valid() else None, "chosen": request.POST.getlist("unit"),
        "map": render_proposal_map(propose.cleaned_data["area"], proposals) if proposals else ""})


@policy("networks.view")
def network_detail(request, pk: int):
    network = get_object_or_404(Network.objects.select_related("area__principal", "convener__user",
                                                               "convener__unit"), pk=pk)
    can_manage = allowed(request.actor, "networks.manage", network)
    today = timezone.localdate()
    body = fragments.render_part(request, "network", [network.pk, can_manage, today],
                                 "networks/_network_body.html", lambda: _network_page(network, can_manage, today))
    return render(request, "networks/network_detail.html", {"network": network, "body": body})


def _network_page(network: Network, can_manage: bool, today) -> dict:
    members = list(network.members.filter(left_at__isnull=True).select_related(
        "unit__unit_type", "contact_membership__user", "contact"))
    meetings = list(network.meetings.prefetch_related("themes"))
    term = term_for(today, network.area.principal)
    this_term = [m for m in meetings
                 if not m.cancelled and term.start <= timezone.localtime(m.starts_at).date() <= term.end]
    terms: list[str] = []
    counts: dict[str, dict[str, int]] = {}
    for meeting in meetings:
        if meeting.cancelled:
            continue
        label = term_for(timezone.localtime(meeting.starts_at).date()).label
        if label not in terms:
            terms.append(label)
        for theme in meeting.themes.all():
            counts.setdefault(theme.name, {}).setdefault(label, 0)
            counts[theme.name][label] += 1
    peak = max((n for row in counts.values() for n in row.values()), default=1)
    themes = [(name, [row.get(t, 0) for t in terms]) for name, row in sorted(counts.items())]
    open_actions = list(ActionItem.objects.filter(meeting__network=network, done_at__isnull=True)
                        .select_related("owner__user", "owner__unit", "owner_contact__unit").order_by("due"))
    return {
        "network": network, "members": members, "meetings": meetings, "term": term,
        "no_meeting_this_term": not this_term, "themes": themes, "terms": terms, "peak": peak,
        "open_actions": open_actions,
        "drift": services.membership_drift(network) if can_manage else None, "can_manage": can_manage,
        "map": render_map(network.area, [], [m.unit for m in members],
                          label=_("Members of %(network)s on the map") % {"network": network.name})}


@policy("networks.view")
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(NetworkMeeting.objects.select_related("network"), pk=pk)
    can_manage = allowed(request.actor, "networks.manage", meeting.network)
    form = MinutesForm(request.POST or None, initial={
        "agenda": meeting.agenda, "minutes": meeting.minutes, "decisions": meeting.decisions,
        "themes": list(meeting.themes.all())})
    if request.method == "POST":
        require(request.actor, "networks.manage", meeting.network)
        if "build_agenda" in request.POST and form.is_valid():
            # Themes build the agenda in the form; nothing is saved until "Save".
            data = request.POST.copy()
            data["agenda"] = services.agenda_from_themes(form.cleaned_data["themes"], form.cleaned_data["agenda"])
            form = MinutesForm(data)
            form.is_valid()
            messages.info(request, _("The agenda was built from the themes. Check it and save."))
        elif form.is_valid() and _try(form, lambda: services.minutes_save(actor=request.actor, meeting=meeting,
                                                                           **form.cleaned_data)):
            messages.success(request, _("The minutes were saved."))
            return redirect("networks:meeting", meeting.pk)
    members = list(meeting.network.members.filter(left_at__isnull=True).select_related("unit"))
    rows = {a.member_id: a for a in meeting.attendance.all()}
    for member in members:
        row = rows.get(member.pk)
        member.present = bool(row and row.present)
        member.answer = row.get_response_display() if row else ""
    invited = any(m.contact_membership_id == getattr(request.actor.membership, "pk", None) for m in members)
    return render(request, "networks/meeting_detail.html", {
        "meeting": meeting, "form": form, "can_manage": can_manage, "members": members, "invited": invited,
        "actions": list(meeting.actions.select_related("owner__user", "owner__unit", "owner_contact__unit"))})
