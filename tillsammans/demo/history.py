"""Demo step: three months of history, so that every journey has a past – network meetings held with
minutes and follow-up actions, and access to children's plans (office hours and late evenings,
protected identities, one emergency access) that last month's log review has to look at.

Access events are written through ``audit.record`` with the time they happened: appended to the end
of the chain and signed like any other, so ``tillsammans verify-audit`` passes afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.childplans.models import CoordinatedPlan, EmergencyAccess, LegalGround, Participant
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.logreview.models import LogReview
from tillsammans.networks import services as network_services
from tillsammans.networks import services_actions
from tillsammans.networks.models import Network, NetworkMeeting, Theme

DAYS = 90
MINUTES = [
    ("1. Nuläge i området\n2. Tema: skolfrånvaro\n3. Kommande föräldraträffar",
     "Förskolorna ser fler barn som är hemma långa perioder. BVC tar upp frågan vid 3-årsbesöket och "
     "biblioteket erbjuder sagostunder på familjecentralen varannan tisdag.",
     "Familjecentralen bjuder in till en gemensam föräldraträff om sömn och rutiner."),
    ("1. Uppföljning av förra mötets åtgärder\n2. Tema: barnfattigdom\n3. Övrigt",
     "Socialtjänsten berättade om det ekonomiska stödet och hur familjer söker det. Tandvården ser fler "
     "uteblivna besök bland de yngsta barnen.",
     "BVC och socialtjänsten tar fram en gemensam broschyr om stöd; tandvården kontaktar förskolorna."),
]


@dataclass
class Read:
    at: datetime
    membership: Membership
    plan: CoordinatedPlan
    emergency: str = ""


def _actor(membership: Membership, address: str = "10.20.30.40") -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, client_ip=address,
                 request_id="demo-history")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), STOCKHOLM)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def build_history(demo) -> None:
    if AccessEvent.objects.filter(request_id="demo-history").exists():
        return
    today = timezone.localdate()
    _held_meetings(today)
    _plan_reads(today)
    _log_review_two_months_ago(today)


def _held_meetings(today: date) -> None:
    themes = list(Theme.objects.filter(name__in=["Skolfrånvaro", "Barnfattigdom"]).order_by("name"))
    for network in Network.objects.select_related("convener__user").prefetch_related("members"):
        actor = _actor(network.convener)
        held = network.meetings.filter(starts_at__lt=timezone.now()).count()
        for offset, (agenda, minutes, decisions) in zip((75, 35), MINUTES, strict=True):
            if held >= 2:
                break
            starts_at = _at(_weekday(today - timedelta(days=offset)), 13)
            meeting = NetworkMeeting.objects.create(
                network=network, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=network.usual_minutes),
                place="Familjecentralen" if network.kind == "child_health" else "Stadshuset, sal Eken")
            network_services.minutes_save(actor=actor, meeting=meeting, agenda=agenda, minutes=minutes,
                                          decisions=decisions, themes=themes)
            held += 1
            owner = next((m.contact_membership for m in network.members.all() if m.contact_membership_id), None)
            if owner is None:
                continue
            done = services_actions.action_add(actor=actor, meeting=meeting, owner=owner,
                                               text="Skicka ut inbjudan till föräldraträffen",
                                               due=today + timedelta(days=1))
            services_actions.action_done(actor=_actor(owner), item=done)
            services_actions.action_add(actor=actor, meeting=meeting, owner=owner,
                                        text="Ta fram gemensam information om ekonomiskt stöd till familjer",
                                        due=today + timedelta(days=14 if offset == 35 else 4))


def _plan_reads(today: date) -> None:
    plans = list(CoordinatedPlan.objects.exclude(lead_membership=None).select_related("child", "lead_membership")
                 .order_by("pk"))
    if not plans:
        return
    taking_part: dict[int, list[Membership]] = {}
    for row in Participant.objects.filter(plan__in=plans, removed_at__isnull=True).select_related("membership"):
        taking_part.setdefault(row.plan_id, []).append(row.membership)
    reads: list[Read] = []
    for offset in range(DAYS, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        plan = plans[offset % len(plans)]
        reads.append(Read(_at(day, 9, offset % 50), plan.lead_membership, plan))
        for index, member in enumerate(taking_part.get(plan.pk, [])):
            if offset % 4 == index:
                reads.append(Read(_at(day, 14, 10 + index), member, plan))
    # Late evenings and a weekend: somebody works at home after hours.
    for offset, (hour, minute) in ((40, (21, 40)), (33, (6, 5)), (26, (22, 15)), (12, (20, 30))):
        plan = plans[offset % len(plans)]
        reader = (taking_part.get(plan.pk) or [plan.lead_membership])[0]
        reads.append(Read(_at(today - timedelta(days=offset), hour, minute), reader, plan))
    saturday = today - timedelta(days=(today.weekday() + 2) % 7 + 21)
    reads.append(Read(_at(saturday, 11, 20), plans[0].lead_membership, plans[0]))
    # Children with protected identity: opened by their lead.
    for plan in (p for p in plans if p.child.protected_identity):
        for offset in (60, 30, 20):
            reads.append(Read(_at(_weekday(today - timedelta(days=offset)), 10, 30), plan.lead_membership, plan))
    # One emergency access last month, by the intake who is not in the plan.
    intake = Membership.objects.filter(user__username="mottagning").first()
    if intake is not None:
        day = _weekday(today.replace(day=1) - timedelta(days=12))
        reads.append(Read(_at(day, 16, 45), intake, plans[0], emergency=LegalGround.EMERGENCY))
    for read in sorted(reads, key=lambda r: r.at):
        _write(read)


def _write(read: Read) -> None:
    actor = _actor(read.membership)
    if read.emergency:
        reason = "Polisen ringde om barnets säkerhet i kväll; behövde se pågående insatser direkt."
        access = EmergencyAccess.objects.create(plan=read.plan, membership=read.membership,
                                                legal_ground=read.emergency, reason=reason,
                                                expires_at=read.at + timedelta(hours=8))
        EmergencyAccess.objects.filter(pk=access.pk).update(granted_at=read.at)
        audit.record(actor, AuditAction.READ, read.plan, person=read.plan.child, purpose=read.emergency,
                     detail={"emergency": True, "reason": reason}, occurred_at=read.at)
        return
    basis = "lead" if read.plan.lead_membership_id == read.membership.pk else "participant"
    audit.record(actor, AuditAction.READ, read.plan, person=read.plan.child, purpose="SIP",
                 detail={"basis": basis}, occurred_at=read.at)


def _log_review_two_months_ago(today: date) -> None:
    auditor = Membership.objects.filter(user__username="granskare", role="auditor").first()
    if auditor is None:
        return
    end = today.replace(day=1) - timedelta(days=1)
    end = end.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    if LogReview.objects.filter(Q(period_from__lte=start) & Q(period_to__gte=end)).exists():
        return
    LogReview.objects.create(reviewer=auditor, period_from=start, period_to=end,
                             scope="Alla nödåtkomster, alla öppningar utanför kontorstid och ett slumpvis urval "
                                   "av 20 händelser.",
                             conclusion="Inga avvikelser. Öppningarna utanför kontorstid gällde planer där "
                                        "personen deltar.")
