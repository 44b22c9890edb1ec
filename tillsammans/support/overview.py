"""Min översikt: the parent groups one organises or leads that start within two months, with their
places and waitlist (one query, cut at LIMIT)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.access import Actor
from tillsammans.core.overview import LIMIT, Item, Section, section
from tillsammans.support.models import ParentGroup, ParticipantStatus

AHEAD = timedelta(days=60)


@section(40)
def parent_groups(actor: Actor) -> Section | None:
    if actor.membership is None:
        return None
    today = timezone.localdate()
    mine = Q(organisers=actor.membership)
    if actor.user is not None:
        mine |= Q(leaders__contact__user=actor.user)
    groups = list(ParentGroup.objects.filter(mine, cancelled=False, ends_on__gte=today,
                                             starts_on__lt=today + AHEAD).annotate(
        taken=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED), distinct=True),
        waiting=Count("participants", filter=Q(participants__status=ParticipantStatus.WAITLISTED), distinct=True),
    ).order_by("starts_on", "pk")[:LIMIT + 1])
    if not groups:
        return None
    items = [Item(group.name, reverse("support:group", args=[group.pk]), when=group.starts_on,
                  note=_("%(taken)s of %(places)s places, %(waiting)s waiting") % {
                      "taken": group.taken, "places": group.capacity, "waiting": group.waiting})
             for group in groups[:LIMIT]]
    return Section("parent_groups", _("Parent groups starting soon"), items, more=len(groups) - len(items),
                   more_url=reverse("support:group_list"))
