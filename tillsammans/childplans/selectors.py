"""Reads about plans, always through the access rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import rules
from tillsammans.childplans import sections as plan_sections
from tillsammans.childplans.models import ConsentGrant, CoordinatedPlan, PlanStatus
from tillsammans.childplans.models_voice import Objection
from tillsammans.core import identity
from tillsammans.core.access import Actor


def visible_plans(actor: Actor, search: str = "", status: str = "") -> QuerySet[CoordinatedPlan]:
    """The plans the actor may see, newest change first, narrowed by a search: a child's first
    or last name (beginning of, never of a child with protected identity), the full personal
    identity number, or the plan's number. Paginate it; it is not evaluated here. The list page
    reads it narrow: ``page_of(..., columns=LIST_FIELDS)``, then ``list_rows``."""
    plans = rules.visible_plans_listed(actor)
    search = search.strip()
    if search:
        condition = Q(child__personal_number=search.replace("-", ""))
        if search.isdigit() and len(search) < 10:
            condition |= Q(pk=int(search))
        for word in search.split():
            condition |= Q(child__protected_identity=False) & (
                Q(child__first_name__istartswith=word) | Q(child__last_name__istartswith=word))
        plans = plans.filter(condition)
    if status:
        plans = plans.filter(status=status)
    return plans.order_by("-updated_at", "-pk")


def mark_child_shown(actor: Actor, plans: list) -> list:
    """Give each plan (a ``CoordinatedPlan`` or a ``PlanRow``) ``child_shown``: the child as this
    actor may see it (lead or participant)."""
    membership_id = actor.membership.pk if actor.membership else None
    for plan in plans:
        basis = "lead" if plan.lead_membership_id == membership_id else "participant"
        plan.child_shown = identity.shown(plan.child, basis=basis)
    return plans


# What the plan list reads of a plan: what it shows and what decides how the child is shown.
# Not the plan's texts, not the child's address or contact details, not whole people and units.
LIST_FIELDS = ("pk", "status", "updated_at", "lead_membership_id", "child_id", "child__first_name", "child__last_name",
               "child__personal_number", "child__protected_identity", "lead_membership__user__first_name",
               "lead_membership__user__last_name", "lead_membership__unit__name")


class ListedChild:
    """What ``identity.shown`` reads of a child in a list: the name, the number (the age) and the
    protection. Nothing else is read, so nothing else can be shown (no address, no contact)."""

    __slots__ = ("first_name", "last_name", "personal_number", "protected_identity")

    def __init__(self, first_name: str, last_name: str, personal_number: str, protected_identity: bool):
        self.first_name, self.last_name = first_name, last_name
        self.personal_number, self.protected_identity = personal_number, protected_identity


@dataclass(slots=True)
class PlanRow:
    """A plan as one line of the plan list, every text of it worked out once (ADR 0029)."""

    pk: int
    lead_membership_id: int
    child_id: int
    child: ListedChild
    status: str  # the status's label
    lead: str  # "the coordinator's name, their unit"
    updated: str  # the day of the latest change, local time
    url: str = ""
    child_shown: identity.Shown | None = None


def list_rows(actor: Actor, rows: list[tuple]) -> list[PlanRow]:
    """The plan list's lines from the page's ``LIST_FIELDS`` tuples (``page_of`` reads them with the
    key first), the child shown as ``mark_child_shown`` decides; labels translated once a page."""
    statuses = {value: str(label) for value, label in PlanStatus.choices}
    plans = []
    for (pk, status, updated_at, lead_id, child_id, first, last, number, protected,
         lead_first, lead_last, lead_unit) in rows:
        lead_name = f"{lead_first} {lead_last}".strip()  # as User.get_full_name
        plans.append(PlanRow(pk=pk, lead_membership_id=lead_id, child_id=child_id,
                             child=ListedChild(first, last, number, protected),
                             status=statuses.get(status, status), lead=f"{lead_name}, {lead_unit}",
                             updated=_day(updated_at), url=reverse("childplans:plan", args=[pk])))
    return mark_child_shown(actor, plans)


def _day(moment: datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


def people_shown(plan: CoordinatedPlan, basis: str | None, output: str = identity.PAGE) -> dict:
    """The child and its guardians as this viewer may see them, in this output."""
    child = plan.child
    guardians = list(child.guardians.all())
    for guardian in guardians:
        guardian.shown = identity.shown(guardian, basis=basis, output=output, child=child)
    return {"child_shown": identity.shown(child, basis=basis, output=output), "guardians": guardians}


# The plan page's sections that are often empty (a new plan has no meetings, versions, goals…).
SECTIONS = ("assessments", "goals", "access_requests", "meetings", "versions", "interventions", "emergency",
            "objections", "young_requests")


def sections_with_rows(plan: CoordinatedPlan) -> set[str]:
    """Which of the plan's sections have any row, and whether the child is enrolled anywhere: one
    query, so that an empty section costs nothing instead of a query each (docs/performance.md)."""
    exists = {}
    for name in SECTIONS:
        relation = CoordinatedPlan._meta.get_field(name)
        exists[f"has_{name}"] = Exists(relation.related_model._base_manager.filter(
            **{relation.field.name: OuterRef("pk")}))
    enrolled = CoordinatedPlan._meta.get_field("child").related_model.units.through
    exists["has_child_units"] = Exists(enrolled.objects.filter(child_id=OuterRef("child_id")))
    exists.update({f"has_{name}": check for name, check in plan_sections.presence().items()})
    row = CoordinatedPlan.objects.filter(pk=plan.pk).values(**exists).first() or {}
    return {name.removeprefix("has_") for name, present in row.items() if present}


def plan_page(plan: CoordinatedPlan, basis: str | None = None, output: str = identity.PAGE) -> dict:
    present = sections_with_rows(plan)

    def rows(name: str, read) -> list:
        return list(read()) if name in present else []

    people = people_shown(plan, basis, output)
    by_guardian = {g.pk: g.shown for g in people["guardians"]}
    consents = list(plan.consents.prefetch_related(
        "receiving_units", "categories", Prefetch("grants", queryset=ConsentGrant.objects.select_related("unit"))))
    # Which units the consents cover, from the rows just read (the rule is rules._coverage).
    objected = rows("objections", lambda: plan.objections.filter(unit__isnull=False).exclude(
        decision=Objection.Decision.OVERRIDDEN).values_list("unit_id", flat=True))
    covered = rules.plan_covered_units(plan, consents, people["guardians"], objected)
    for consent in consents:
        consent.rows = sorted(consent.grants.all(), key=lambda g: (g.unit.name, g.guardian_id))
        for row in consent.rows:
            row.guardian_shown = by_guardian.get(row.guardian_id)
    participants = list(plan.participants.filter(removed_at__isnull=True).select_related(
        "membership__user", "membership__unit"))
    for participant in participants:
        participant.covered = participant.membership.unit_id in covered or (
            participant.membership_id == plan.lead_membership_id)
    assessments = rows("assessments", plan.assessments.all)
    return {**people, "consents": consents,
            "participants": participants, "covered": covered, "sections_present": present,
            "goals": _with_bbic(rows("goals", plan.goals.all)),
            "access_requests": rows("access_requests", lambda: plan.access_requests.filter(
                handled_at__isnull=True).select_related("membership__user", "membership__unit")),
            "child_units": rows("child_units", plan.child.units.all),
            "meetings": _meetings(plan, people) if "meetings" in present else [],
            "current_version": plan.versions.prefetch_related("confirmations__membership__unit").first()
            if "versions" in present else None,
            "interventions": rows("interventions", lambda: plan.interventions.select_related(
                "principal", "unit", "responsible_membership__user")),
            "emergency_accesses": rows("emergency", lambda: plan.emergency.select_related(
                "membership__unit", "confirmed_by__unit").order_by("-granted_at")),
            "plan_sections": plan_sections.sections_for(plan, basis, people, present),
            **wellbeing_context(assessments)}


def _meetings(plan: CoordinatedPlan, people: dict) -> list:
    """Meetings with their records; guardians who attended as the viewer may see them."""
    shown = {g.pk: g.shown for g in people["guardians"]}
    meetings = list(plan.meetings.select_related("record").prefetch_related(
        "invitations__membership__user", "invitations__membership__unit", "record__attended__unit",
        "record__guardians_attended"))
    for meeting in meetings:
        record = getattr(meeting, "record", None)
        meeting.record_shown = None if record is None else {
            "attended": sorted({m.unit.name for m in record.attended.all()}),
            "guardians": [shown[g.pk].name for g in record.guardians_attended.all() if g.pk in shown]}
    return meetings


def read_detail(actor: Actor, plan: CoordinatedPlan, basis: str | None) -> dict:
    """The access event's detail for a read: under emergency access, its legal ground too, so that
    the log review and the family's extract show it as emergency access."""
    if basis != "emergency":
        return {"basis": basis}
    from django.utils import timezone

    access = plan.emergency.filter(membership=actor.membership, expires_at__gt=timezone.now()).order_by(
        "-granted_at").first()
    return {"basis": basis, "emergency": True, "emergency_access": access.pk if access else None,
            "legal_ground": access.legal_ground if access else ""}


def wellbeing_context(assessments) -> dict:
    """The radar chart (first and latest assessment) and a table of every assessment."""
    from tillsammans.childplans import wellbeing

    rows = [{"assessment": a, "values": [a.ratings.get(code) for code in wellbeing.CODES]}
            for a in assessments]
    if not assessments:
        return {"radar": "", "radar_rows": rows, "indicator_labels": []}
    # Like with like: the first and the latest rating by the same kind of rater as the latest one.
    latest = assessments[-1]
    same = [a for a in assessments if a.by == latest.by]
    chosen = [same[0]] if len(same) == 1 else [same[0], same[-1]]
    series = [(f"{a.assessed_on:%Y-%m-%d} ({a.get_by_display()})", a.ratings,
               f"radar-series--{i}") for i, a in enumerate(chosen)]
    return {"radar": wellbeing.radar_svg(series, title=wellbeing.describe(series)),
            "radar_rows": rows, "radar_by": latest.get_by_display(),
            "indicator_labels": [wellbeing.label(code) for code in wellbeing.CODES]}


def _with_bbic(goals):
    """Each goal's wellbeing indicators and the BBIC areas they map to."""
    from tillsammans.childplans import wellbeing

    for goal in goals:
        goal.indicator_labels = [wellbeing.label(code) for code in goal.indicators if code in wellbeing.CODES]
        goal.bbic = sorted({area for code in goal.indicators for area in wellbeing.BBIC.get(code, [])})
    return goals
