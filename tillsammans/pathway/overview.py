"""Min översikt: worries past their deadline (the author's, and without the child for the unit's
manager), measures due for evaluation, handovers to confirm, requests waiting in one's forum.
A child named here is a read: one access event per child shown."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.overview import LIMIT, Item, Section, section
from tillsammans.networks.models import NetworkKind
from tillsammans.pathway.models import ForumRequest, Handover, Measure, Worry
from tillsammans.pathway.selectors import shown_child
from tillsammans.pathway.services import PURPOSE


def _read(actor: Actor, worry: Worry, via: str = "overview") -> None:
    audit.record(actor, AuditAction.READ, worry, person=worry.child, purpose=PURPOSE, detail={"via": via})


@section(6)
def overdue_worries(actor: Actor) -> Section | None:
    """The author's own worries past the deadline without a decision – they stand out."""
    if not actor.has_role(*rules_roles()):
        return None
    today = timezone.localdate()
    rows = list(Worry.objects.filter(author=actor.membership, decided_at__isnull=True, decision_due__lt=today,
                                     unit_id=actor.membership.unit_id)
                .select_related("child").order_by("decision_due")[:LIMIT + 1])
    bases = rules.worry_bases(actor, rows)
    rows = [w for w in rows if bases[w.pk]]
    if not rows:
        return None
    with audit.batch():
        for worry in rows[:LIMIT]:
            _read(actor, worry)
    items = [Item(_("Decide on the worry about %(child)s") % {"child": shown_child(w, "author").label},
                  reverse("pathway:worry", args=[w.pk]), when=w.decision_due, urgent=True,
                  note=_("%(days)s days past the deadline") % {"days": (today - w.decision_due).days})
             for w in rows[:LIMIT]]
    return Section("overdue_worries", _("Worries past their deadline"), items, more=len(rows) - len(items))


def rules_roles():
    from tillsammans.childplans.policies import WORKS_WITH_CHILDREN

    return WORKS_WITH_CHILDREN


@section(7)
def unit_overdue_worries(actor: Actor) -> Section | None:
    """A manager sees that worries in the unit are past their deadline – not which child."""
    if not actor.has_role(Role.MANAGER):
        return None
    today = timezone.localdate()
    rows = list(Worry.objects.filter(unit_id=actor.membership.unit_id, decided_at__isnull=True,
                                     decision_due__lt=today).select_related("author__user")
                .order_by("decision_due")[:LIMIT + 1])
    if not rows:
        return None
    items = [Item(_("Worry %(pk)s recorded by %(who)s has no decision") % {
        "pk": w.pk, "who": w.author.user.get_full_name()}, when=w.decision_due, urgent=True,
        note=_("%(days)s days past the deadline") % {"days": (today - w.decision_due).days}) for w in rows[:LIMIT]]
    return Section("unit_overdue_worries", _("Worries in the unit past their deadline"), items,
                   more=len(rows) - len(items))


@section(8)
def measures_to_evaluate(actor: Actor) -> Section | None:
    if not actor.has_role(*rules_roles()):
        return None
    soon = timezone.localdate() + timedelta(days=7)
    rows = list(Measure.objects.filter(responsible=actor.membership, status="ongoing", evaluate_on__lte=soon,
                                       log__unit_id=actor.membership.unit_id)
                .select_related("log__worry__child").order_by("evaluate_on")[:LIMIT + 1])
    bases = rules.worry_bases(actor, [m.log.worry for m in rows])
    rows = [m for m in rows if bases.get(m.log.worry_id)]
    if not rows:
        return None
    with audit.batch():
        for measure in rows[:LIMIT]:
            _read(actor, measure.log.worry)
    items = [Item(_("Evaluate “%(m)s” for %(child)s") % {"m": m.description[:60],
                                                         "child": shown_child(m.log.worry, "team").label},
                  reverse("pathway:evaluate", args=[m.log.worry_id, m.pk]), when=m.evaluate_on,
                  urgent=m.evaluate_on < timezone.localdate()) for m in rows[:LIMIT]]
    return Section("measures", _("Measures to evaluate"), items, more=len(rows) - len(items))


@section(9)
def handovers_to_confirm(actor: Actor) -> Section | None:
    rows = list(Handover.objects.filter(recipient=actor.membership, confirmed_at__isnull=True,
                                        cancelled_at__isnull=True).select_related("from_unit")
                .order_by("offered_at")[:LIMIT + 1])
    if not rows:
        return None
    items = [Item(_("A relay log from %(unit)s to confirm") % {"unit": h.from_unit.name},
                  reverse("pathway:handover_confirm", args=[h.pk]), when=timezone.localtime(h.offered_at))
             for h in rows[:LIMIT]]
    return Section("handovers", _("Handovers to confirm"), items, more=len(rows) - len(items))


@section(10)
def forum_requests(actor: Actor) -> Section | None:
    """Requests waiting in a forum the actor convenes or chairs (the anonymous summary only)."""
    rows = list(ForumRequest.objects.filter(
        Q(forum__convener=actor.membership) | Q(forum__chair=actor.membership),
        forum__kind=NetworkKind.FORUM, status=ForumRequest.Status.WAITING)
        .select_related("forum", "meeting", "area").order_by("created_at")[:LIMIT + 1])
    if not rows:
        return None
    items = [Item(_("%(forum)s: %(age)s, %(area)s") % {"forum": r.forum.name, "age": r.get_age_band_display(),
                                                       "area": r.area.name if r.area else "–"},
                  reverse("pathway:request", args=[r.pk]),
                  when=timezone.localtime(r.meeting.starts_at) if r.meeting else None,
                  note="" if r.meeting else _("Not yet on a meeting's agenda")) for r in rows[:LIMIT]]
    return Section("forum_requests", _("Requests waiting for the forum"), items, more=len(rows) - len(items))


@section(11)
def families_to_tell(actor: Actor) -> Section | None:
    """Decisions the requesting unit has yet to tell the family of; past the date they stand out."""
    rows = list(ForumRequest.objects.filter(requested_by=actor.membership, status=ForumRequest.Status.DECIDED,
                                            family_told_at__isnull=True).select_related("forum")
                .order_by("tell_by")[:LIMIT + 1])
    if not rows:
        return None
    today = timezone.localdate()
    items = [Item(_("Tell the family of %(forum)s's decision (request %(pk)s)") % {"forum": r.forum.name, "pk": r.pk},
                  reverse("pathway:request", args=[r.pk]), when=r.tell_by, urgent=bool(r.tell_by and r.tell_by < today))
             for r in rows[:LIMIT]]
    return Section("families_to_tell", _("Forum decisions to tell the family"), items, more=len(rows) - len(items))
