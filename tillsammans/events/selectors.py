"""Reads about events and competence coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.core import waitlist
from tillsammans.core.access import Actor
from tillsammans.core.counting import count_of
from tillsammans.events.models import (
    CompetenceRequirement,
    Completion,
    Event,
    FeedbackAnswer,
    Registration,
    RegistrationStatus,
)
from tillsammans.organisations.selectors import descendant_area_ids

FEEDBACK_MINIMUM = 5
"""Feedback results are shown only from this many answers, so that no answer can be traced."""


def events_for(actor: Actor, *, past: bool = False, now=None) -> QuerySet[Event]:
    """Open events for everyone; every event for a person acting in a membership."""
    events = Event.objects.all() if actor.membership is not None else Event.objects.open_to_guests()
    now = now or timezone.now()
    events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk") if past \
        else events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return events.select_related("series", "presenting_unit").annotate(  # counted for the rows shown
        registered=count_of(Registration.objects.filter(status=RegistrationStatus.REGISTERED), "event"),
        waitlisted=count_of(Registration.objects.filter(status=RegistrationStatus.WAITLISTED), "event"))


def event_visible(actor: Actor, pk: int) -> Event | None:
    """The event if the actor may see it (every event in a membership, open ones for guests)."""
    events = Event.objects.all() if actor.membership is not None else Event.objects.filter(open_to_guests=True)
    return events.filter(pk=pk).first()


def event_facts(pk: int) -> Event:
    """An event with what its page says about it: its series, presenting unit, course and the places
    taken (``registered``, ``waitlisted``)."""
    return Event.objects.select_related("series", "presenting_unit", "course").annotate(
        registered=count_of(Registration.objects.filter(status=RegistrationStatus.REGISTERED), "event"),
        waitlisted=count_of(Registration.objects.filter(status=RegistrationStatus.WAITLISTED), "event"),
    ).get(pk=pk)


def counts(event: Event) -> dict[str, int]:
    rows = dict(event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {"registered": rows.get(RegistrationStatus.REGISTERED, 0),
            "waitlisted": rows.get(RegistrationStatus.WAITLISTED, 0)}


def own_registration(actor: Actor, event: Event) -> Registration | None:
    if actor.user is None:
        return None
    return event.registrations.filter(user=actor.user).exclude(status=RegistrationStatus.CANCELLED).first()


def waitlist_position(registration: Registration) -> int | None:
    return waitlist.position(registration.event.registrations, registration)


def attendance_list(event: Event, q: str = "") -> list[Registration]:
    rows = event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("user", "membership__unit")
    if q:
        folded = q.casefold()
        rows = [r for r in rows if folded in r.display_name.casefold() or folded in r.organisation.casefold()
                or (r.membership and folded in r.membership.unit.name.casefold())]
    return sorted(rows, key=lambda r: r.display_name.casefold())


@dataclass
class Feedback:
    answers: int
    shown: bool
    rating: float | None = None
    useful: float | None = None
    distribution: list[int] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def feedback_summary(event: Event) -> Feedback:
    answers = list(FeedbackAnswer.objects.filter(event=event).values_list("rating", "useful", "comment"))
    if len(answers) < FEEDBACK_MINIMUM:
        return Feedback(answers=len(answers), shown=False)
    return Feedback(
        answers=len(answers), shown=True,
        rating=round(sum(a[0] for a in answers) / len(answers), 1),
        useful=round(sum(a[1] for a in answers) / len(answers), 1),
        distribution=[sum(1 for a in answers if a[0] == n) for n in range(1, 6)],
        comments=sorted(a[2] for a in answers if a[2]))


# Competence coverage ----------------------------------------------------------------------------


@dataclass
class Coverage:
    requirement: CompetenceRequirement
    required: int
    completed: int
    missing: QuerySet | None = None  # the people who still need the course (paginate it)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 100


def _valid_since(course, today: date) -> date | None:
    if not course.validity_years:
        return None
    try:
        return today.replace(year=today.year - course.validity_years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - course.validity_years, day=28)


def _holders(actor: Actor, requirement: CompetenceRequirement) -> QuerySet:
    """Current memberships holding the required role in the area (sub-areas included); a manager's
    view is their own unit's people."""
    people = Membership.objects.current().filter(role=requirement.role)
    if requirement.area_id is not None:
        people = people.filter(unit__area_links__area_id__in=descendant_area_ids([requirement.area_id]))
    if actor.has_role(Role.MANAGER):
        people = people.filter(unit_id=actor.membership.unit_id)
    return people


def _done(requirement: CompetenceRequirement, today: date) -> Exists:
    completions = Completion.objects.filter(user_id=OuterRef("user_id"), course_id=requirement.course_id)
    since = _valid_since(requirement.course, today)
    if since is not None:
        completions = completions.filter(completed_on__gte=since)
    return Exists(completions)


def coverage(*, actor: Actor, today: date | None = None, requirement_id: int | None = None) -> list[Coverage]:
    """For each requirement: how many people hold the role in the area and how many of them have a
    valid completion, counted in the database (two queries per requirement, whatever the number of
    people). ``requirement_id`` also gives the (unevaluated) list of who still needs it."""
    today = today or timezone.localdate()
    requirements = CompetenceRequirement.objects.select_related("course", "area").order_by(
        "course__name", "role", "area__name")
    if requirement_id is not None:
        requirements = requirements.filter(pk=requirement_id)
    result = []
    for requirement in requirements:
        holders = _holders(actor, requirement)
        users = holders.values("user_id").distinct()
        required = users.count()
        completed = users.filter(_done(requirement, today)).count()
        missing = None
        if requirement_id is not None:
            missing = (Membership.objects.filter(pk__in=holders.values("pk")).exclude(_done(requirement, today))
                       .select_related("user", "unit").order_by("unit__name", "user__last_name",
                                                                 "user__first_name", "pk"))
        result.append(Coverage(requirement=requirement, required=required, completed=completed, missing=missing))
    return result


def coverage_by_sub_goal(numbers) -> dict[str, list[Coverage]]:
    """The coverage of courses that follow up these action-plan sub-goals, for every area and role
    (the figures a plan's follow-up shows; no names): both figures of a requirement in one query."""
    requirements = CompetenceRequirement.objects.filter(course__sub_goal_number__in=set(numbers)).select_related(
        "course", "area").order_by("course__name", "role", "area__name")
    everyone = Actor.for_system("coverage")
    today = timezone.localdate()
    result: dict[str, list[Coverage]] = {}
    for requirement in requirements:
        counts = _holders(everyone, requirement).aggregate(
            required=Count("user_id", distinct=True),
            completed=Count("user_id", distinct=True, filter=Q(_done(requirement, today))))
        result.setdefault(requirement.course.sub_goal_number, []).append(Coverage(
            requirement=requirement, required=counts["required"], completed=counts["completed"]))
    return result
